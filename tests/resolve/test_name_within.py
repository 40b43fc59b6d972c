"""A contact saved by her given name alone on a victim's own phone is the victim: the
same phone and one name within the other is a match (strong rule); failing a merge,
such a person is shown by pseudonym (the privacy layer's safety net)."""

from __future__ import annotations

import pandas as pd
from click.testing import CliRunner
from people_case import person_mentions, resolved_people_case

from linkgraph.cli import cli

VICTIM = "Blessing Osaro IGBINEDION"
HER_PHONE = "+39 329 123 4567"


def _case(tmp_path, victims: str, others: str):
    """A case from two small files (``victims``: name, phone, role; ``others``: name,
    phone), ingested with the people preset and resolved."""
    return resolved_people_case(tmp_path, victims=victims, contacts=others)


def _persons(case, *extra: str) -> pd.DataFrame:
    return person_mentions(case, *extra)


def test_given_name_alone_on_her_phone_is_the_victim(tmp_path):
    case = _case(
        tmp_path,
        f"name,phone,role\n{VICTIM},{HER_PHONE},victim\nEfe Omoregie,+39 333 765 4321,suspect\n",
        f"name,phone\nBlessing,{HER_PHONE}\nOsas Benin,+234 803 555 0101\n",
    )
    persons = _persons(case)
    entity = persons["entity_id"]
    assert entity[("contacts.csv", 1)] == entity[("victims.csv", 1)]
    assert entity[("contacts.csv", 2)] != entity[("victims.csv", 1)]
    # she is shown by her pseudonym on both rows; her name is nowhere
    assert persons.loc[("contacts.csv", 1), "label"].startswith("Victim-")
    assert not persons["label"].str.contains("Blessing").any()
    explained = CliRunner().invoke(cli, ["explain", str(case), "victims.csv:1", "contacts.csv:1"])
    assert "SAME entity" in explained.output
    assert "rule: same phone + name" in explained.output


def test_other_names_on_her_phone_stay_apart(tmp_path):
    """A family name alone (a relative on the household phone) or another given name is
    no part of her name: the shared phone alone does not merge them. A given name alone
    within another full name on that phone joins that one, not her."""
    case = _case(
        tmp_path,
        f"name,phone,role\n{VICTIM},{HER_PHONE},victim\n",
        f"name,phone\nIgbinedion,{HER_PHONE}\nJoy,{HER_PHONE}\nJoy Igbinedion,{HER_PHONE}\n",
    )
    entity = _persons(case)["entity_id"]
    hers = entity[("victims.csv", 1)]
    assert hers not in {entity[("contacts.csv", r)] for r in (1, 2, 3)}
    assert entity[("contacts.csv", 1)] != entity[("contacts.csv", 3)]
    assert entity[("contacts.csv", 2)] == entity[("contacts.csv", 3)]


def test_given_name_alone_without_her_phone_stays_apart(tmp_path):
    """A common given name alone needs the identifier: "Blessing" with another phone is
    someone else."""
    case = _case(
        tmp_path,
        f"name,phone,role\n{VICTIM},{HER_PHONE},victim\n",
        "name,phone\nBlessing,+39 347 000 1111\n",
    )
    entity = _persons(case)["entity_id"]
    assert entity[("contacts.csv", 1)] != entity[("victims.csv", 1)]


def test_unmerged_namesake_on_her_phone_is_pseudonymised(tmp_path):
    """Her name written family name first ("Igbinedion Blessing") is not merged with the
    contact "Blessing" by rule; the contact's every word is a word of hers and she uses
    the victim's phone, so map, tables and exports show her by pseudonym."""
    case = _case(
        tmp_path,
        f"name,phone,role\nIgbinedion Blessing,{HER_PHONE},victim\n",
        f"name,phone\nBlessing,{HER_PHONE}\nOsas Benin,+234 803 555 0101\nJoy,{HER_PHONE}\n",
    )
    persons = _persons(case)
    assert (
        persons.loc[("contacts.csv", 1), "entity_id"]
        != persons.loc[("victims.csv", 1), "entity_id"]
    )
    assert persons.loc[("contacts.csv", 1), "label"].startswith("Victim-")
    assert persons.loc[("contacts.csv", 2), "label"] == "Osas Benin"
    assert persons.loc[("contacts.csv", 3), "label"] == "Joy"  # not a word of her name
    runner = CliRunner()
    assert (
        runner.invoke(cli, ["render", str(case), "-o", str(tmp_path / "map.html")]).exit_code == 0
    )
    assert "Blessing" not in (tmp_path / "map.html").read_text(encoding="utf-8")
    exported = runner.invoke(cli, ["export", str(case), "-f", "csv", "-o", str(tmp_path / "x")])
    assert exported.exit_code == 0, exported.output
    for file in (tmp_path / "x").rglob("*.csv"):
        assert "Blessing" not in file.read_text(encoding="utf-8"), file
    shown = _persons(case, "--show-victims")
    assert shown.loc[("contacts.csv", 1), "label"] == "Blessing"


def test_family_name_in_capitals_first_on_her_phone_is_the_victim(tmp_path):
    """Her family name written first in capitals ("IGBINEDION Blessing", as passports
    write it) is read as her family name: "Blessing" on her phone is her given name."""
    case = _case(
        tmp_path,
        f"name,phone,role\nIGBINEDION Blessing,{HER_PHONE},victim\n",
        f"name,phone\nBlessing,{HER_PHONE}\nOsas Benin,+234 803 555 0101\nJoy,{HER_PHONE}\n",
    )
    entity = _persons(case)["entity_id"]
    assert entity[("contacts.csv", 1)] == entity[("victims.csv", 1)]
    assert entity[("victims.csv", 1)] not in {entity[("contacts.csv", r)] for r in (2, 3)}


def test_short_form_alone_on_his_phone_is_him(tmp_path):
    """A caller's one-word alias is read as a short form of the given name, not as a
    family name that differs: a nickname ("Sasha" of Oleksandr, "Nelu" of Ion) or the
    name's end ("Mide" of Olumide) on the phone of the full name is that person. Without
    the phone, or with a name that is no short form of his, the alias stays apart."""
    case = _case(
        tmp_path,
        "name,phone,role\n"
        "Oleksandr BONDARENKO,+380 67 103 1806,suspect\n"
        "Olumide OGUNLEYE,+234 803 583 0174,suspect\n"
        "Ion BĂLAN,+373 69 151 656,suspect\n",
        "name,phone\n"
        "Sasha,+380 67 103 1806\n"
        "Mide,+234 803 583 0174\n"
        "Nelu,+373 69 151 656\n"
        "Sasha,+380 67 999 0000\n"
        "Vasile,+373 69 151 656\n",
    )
    entity = _persons(case)["entity_id"]
    for contact, suspect in ((1, 1), (2, 2), (3, 3)):
        assert entity[("contacts.csv", contact)] == entity[("victims.csv", suspect)]
    assert entity[("contacts.csv", 4)] not in set(
        entity[entity.index.get_level_values(0) == "victims.csv"]
    )
    assert entity[("contacts.csv", 5)] != entity[("victims.csv", 3)]


def test_short_form_that_fits_two_on_the_phone_stays_apart(tmp_path):
    """ "Sasha" on a line that Oleksandr and Oleksandra share is either: neither merge."""
    case = _case(
        tmp_path,
        "name,phone,role\n"
        "Oleksandr BONDARENKO,+380 67 103 1806,suspect\n"
        "Oleksandra BONDARENKO,+380 67 103 1806,suspect\n",
        "name,phone\nSasha,+380 67 103 1806\n",
    )
    entity = _persons(case)["entity_id"]
    assert entity[("victims.csv", 1)] != entity[("victims.csv", 2)]
    assert entity[("contacts.csv", 1)] not in {entity[("victims.csv", r)] for r in (1, 2)}
