"""A person row with no name but other fields (a date of birth, a town, an e-mail) is a
person all the same: an "unnamed SLOT" mention of its row, linked to its row's phone or
e-mail, counted in the ingest summary; a slot with nothing at all still makes no person,
and a row that makes nothing is a reject. Nothing of the row is lost without notice."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from linkgraph.cli import cli

# Splink's fake_1000 shape: row 2 has no first name and no surname (its dob, city and
# e-mail are there); row 3 has only an e-mail; row 4 only its id.
PEOPLE = """\
unique_id,first_name,surname,dob,city,email
0,Arthur,Green,1973-07-04,Edinburgh,arthur.green77@smith.net
1,,,1953-10-12,Birmingham,isla.johnson16@smith.net
2,,,,,olivia.brown@smith.net
3,,,,,
4,Isla,Johnson,1953-10-12,Birmingham,isla.johnson16@smith.net
"""


def _run(*args: object) -> str:
    got = CliRunner().invoke(cli, [str(a) for a in args])
    assert got.exit_code == 0, got.output
    return got.output


def _table(*args: object) -> pd.DataFrame:
    got = CliRunner().invoke(cli, [*map(str, args), "--csv"])
    assert got.exit_code == 0, got.output
    return pd.read_csv(io.StringIO(got.stdout))


def _people(tmp_path: Path) -> Path:
    path = tmp_path / "people.csv"
    path.write_text(PEOPLE, encoding="utf-8")
    return path


def _assert_nameless_row_kept(case: Path, said: str) -> None:
    """Row 2 is an unnamed person with its dob and town, who uses its e-mail; row 3 (an
    e-mail alone) and row 4 (an id alone) make no person; row 4 is a no_entity reject."""
    assert "5 rows, 7 mentions, 3 links, 1 reject (no_entity: 1)" in said
    assert "1 person without a name (first: row 2, 'unnamed person', with dob, city)" in said
    mentions = _table("mentions", case)
    persons = mentions[mentions["type"] == "person"].set_index("row")
    assert sorted(persons.index) == [1, 2, 5]
    assert persons.loc[2, "label"] == "unnamed person"
    assert sorted(mentions.loc[mentions["type"] == "email", "row"]) == [1, 2, 3, 5]
    listed = _run("mentions", case, "--search", "unnamed")
    assert "1 mention(s)" in listed
    assert "unnamed person" in listed
    rejects = _table("rejects", case)
    assert rejects[["row", "reason"]].values.tolist() == [[4, "no_entity"]]


def test_a_nameless_row_of_a_people_list_is_an_unnamed_person(tmp_path: Path) -> None:
    case = tmp_path / "case"
    said = _run("ingest", _people(tmp_path), "--preset", "people", "-o", case)
    _assert_nameless_row_kept(case, said)
    from linkgraph.model import Case

    got = Case.load(case)
    m = got.mentions.set_index("row")
    person = m[m["type"] == "person"].loc[2]
    assert person["dob"] == "1953-10-12"
    email = m[m["type"] == "email"].loc[2, "mention_id"]
    links = got.links[["src", "kind", "dst"]].values.tolist()
    assert [person["mention_id"], "uses_email", email] in links


def test_a_nameless_row_mapped_by_a_suggested_draft_is_an_unnamed_person(
    tmp_path: Path,
) -> None:
    people = _people(tmp_path)
    draft = tmp_path / "people.yaml"
    _run("mapping", "suggest", people, "-o", draft)
    case = tmp_path / "case"
    said = _run("ingest", people, "--mapping", draft, "-o", case)
    _assert_nameless_row_kept(case, said)


def test_an_unnamed_person_joins_only_the_person_of_its_e_mail(tmp_path: Path) -> None:
    """After resolve the unnamed person of row 2 is Isla Johnson of row 5 (same e-mail,
    same date of birth and town), and no one else."""
    case = tmp_path / "case"
    _run("ingest", _people(tmp_path), "--preset", "people", "-o", case, "-q")
    _run("resolve", case, "-q")
    persons = _table("mentions", case, "--type", "person").set_index("row")
    assert persons.loc[2, "entity_id"] == persons.loc[5, "entity_id"]
    assert persons.loc[1, "entity_id"] != persons.loc[2, "entity_id"]


def test_a_telegram_call_makes_no_unnamed_sender(tmp_path: Path) -> None:
    """The caller's user id is also the sender slot's column (from_id): a call row names
    its caller, not an unnamed sender beside them."""
    chat = {
        "name": "Olena",
        "type": "personal_chat",
        "id": 2,
        "messages": [
            {"type": "message", "date_unixtime": "1700000000", "from": "Olena",
             "from_id": "user2", "text": "hi"},
            {"type": "service", "date_unixtime": "1700000100", "actor": "Olena",
             "actor_id": "user2", "action": "phone_call", "duration_seconds": 95,
             "text": ""},
        ],
    }  # fmt: skip
    path = tmp_path / "result.json"
    path.write_text(json.dumps(chat), encoding="utf-8")
    case = tmp_path / "case"
    said = _run("ingest", path, "-o", case)
    assert "without a name" not in said
    labels = _table("mentions", case, "--type", "person", "--show-victims")["label"]
    assert not labels.str.startswith("unnamed").any()


HOTLINE_MAPPING = """\
entities:
  caller:
    type: person
    fields: {name: caller_name, relation: caller_relation, role: caller_role}
  caller_phone: {type: phone, fields: {phone: caller_phone}}
  victim:
    type: person
    fields: {name: victim_name, age: victim_age, role: {value: victim}}
links:
  - {kind: uses_phone, src: caller, dst: caller_phone}
  - {kind: victim_of, src: victim, dst: caller}
"""
HOTLINE = """\
caller_name,caller_relation,caller_role,caller_phone,victim_name,victim_age,note
Ana Pop,mother,,+40 721 000 111,Maria Pop,22,
,self,reporter,+40 721 000 222,,19,
,,,,,,called back later
"""


def test_a_role_or_relation_alone_makes_no_person(tmp_path: Path) -> None:
    """Row 2's caller has only a relation ("self": the victim called) and a role: no
    caller; its victim has an age: an unnamed victim. Row 3 makes nothing: a reject."""
    (tmp_path / "hotline.csv").write_text(HOTLINE, encoding="utf-8")
    (tmp_path / "hotline.yaml").write_text(HOTLINE_MAPPING, encoding="utf-8")
    case = tmp_path / "case"
    said = _run(
        "ingest", tmp_path / "hotline.csv", "--mapping", tmp_path / "hotline.yaml",
        "--region", "RO", "-o", case,
    )  # fmt: skip
    assert "3 rows, 5 mentions, 2 links, 1 reject (no_entity: 1)" in said
    assert "1 person without a name (first: row 2, 'unnamed victim', with age)" in said
    persons = _table("mentions", case, "--type", "person", "--show-victims")
    got = sorted(zip(persons["row"], persons["slot"], persons["label"], strict=True))
    assert got == [
        (1, "caller", "Ana Pop"),
        (1, "victim", "Maria Pop"),
        (2, "victim", "unnamed victim"),
    ]
    hidden = _table("mentions", case, "--type", "person")
    assert hidden.loc[hidden["row"] == 2, "label"].str.startswith("Victim-").all()
    assert _table("rejects", case)[["row", "reason"]].values.tolist() == [[3, "no_entity"]]


def test_an_unnamed_person_does_not_join_on_a_date_of_birth_and_town_alone(
    tmp_path: Path,
) -> None:
    """Without her e-mail, the unnamed person of row 2 shares only Isla Johnson's date of
    birth and town: a nameless mention joins a named one on an identifier, never on
    those alone (two strangers born on one day in one city)."""
    path = tmp_path / "people.csv"
    path.write_text(
        PEOPLE.replace("1,,,1953-10-12,Birmingham,isla.johnson16@smith.net",
                       "1,,,1953-10-12,Birmingham,someone.else@example.org"),
        encoding="utf-8",
    )  # fmt: skip
    case = tmp_path / "case"
    _run("ingest", path, "--preset", "people", "-o", case, "-q")
    _run("resolve", case, "-q")
    persons = _table("mentions", case, "--type", "person").set_index("row")
    assert persons.loc[2, "entity_id"] != persons.loc[5, "entity_id"]
