"""A man and a woman never share an entity through a chain of merges (tester round 17,
P4b): clustering checks every recorded sex in the entity being formed, as it checks
dates of birth, not only the two mentions of each merging pair."""

from __future__ import annotations

from click.testing import CliRunner
from people_case import person_mentions, resolved_people_case

from linkgraph.cli import cli

PHONE = "+40 721 555 010"


def _entities(tmp_path, **files: str):
    return person_mentions(resolved_people_case(tmp_path, **files))["entity_id"]


def test_a_woman_and_a_man_joined_only_through_a_record_without_sex_stay_apart(tmp_path):
    """'Maria Lupu' (f) and 'Ion Lupu' (m) share no name key, date, phone or document, so
    they are never compared. A hotline note without a sex holds her passport number and
    his phone under his name: it merges with her on the passport and with him on the
    phone and name. Before, the two merges made one entity of a woman and a man."""
    entity = _entities(
        tmp_path,
        police=(
            "name,sex,passport,phone\n"
            "Maria Lupu,f,RO1234567,\n"
            f"Ion Lupu,m,,{PHONE}\n"
            "Elena Stan,f,RO7654321,+40 744 123 456\n"
        ),
        hotline=f"name,sex,passport,phone\nIon Lupu,,RO1234567,{PHONE}\n",
    )
    woman, man, note = (
        entity[("police.csv", 1)],
        entity[("police.csv", 2)],
        entity[("hotline.csv", 1)],
    )
    assert woman != man
    # The note joins one of them, the man (same phone and both names) or the woman (her
    # passport), not both.
    assert note in (woman, man)


def test_a_shared_document_still_joins_a_sex_typed_wrong_through_a_chain(tmp_path):
    """One man, his sex typed 'f' once: the record typed wrong shares his passport (the
    pair the sex conflict lets through), and a third record without a sex joins the
    other on his phone. All three are one entity."""
    entity = _entities(
        tmp_path,
        police=(
            "name,sex,passport,phone,dob\n"
            f"Ion Lupu,m,RO1234567,{PHONE},1985-03-03\n"
            "Ion Lupu,f,RO1234567,,1985-03-03\n"
        ),
        hotline=f"name,sex,passport,phone\nIon Lupu,,,{PHONE}\n",
    )
    assert entity[("police.csv", 1)] == entity[("police.csv", 2)] == entity[("hotline.csv", 1)]


def test_explain_shows_no_chain_between_the_woman_and_the_man(tmp_path):
    case = resolved_people_case(
        tmp_path,
        police=f"name,sex,passport,phone\nMaria Lupu,f,RO1234567,\nIon Lupu,m,,{PHONE}\n",
        hotline=f"name,sex,passport,phone\nIon Lupu,,RO1234567,{PHONE}\n",
    )
    out = CliRunner().invoke(
        cli, ["explain", str(case), "police.csv:1", "police.csv:2", "--show-victims"]
    )
    assert out.exit_code == 0, out.output
    assert "SAME entity" not in out.output
