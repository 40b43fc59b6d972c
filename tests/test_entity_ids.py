"""An entity id written down before a file was added still finds its entity (tester round
41, D2): `ego`, `path`, `entities --search`, `explain` and the Python functions fall back
from a stale ``e:HASH`` to the entity that holds mention ``m:HASH`` now, and say
"e:OLD is now e:NEW"; `resolve` says which ids of the previous resolution changed; an
unknown id's error does not talk about victims.

The case: police.csv names Ion Rusu (row 1), Ana Pop and, as a victim, Maria Vasile;
ngo.csv, added on the second day, names Ion Rusu again (same date of birth and phone) and
Maria Vasile. Ion Rusu's id on day 1 is ``e:`` + the hash of his police mention; on day 2
his ngo mention, whose id sorts first (checked below), joins him and names him.
"""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner

import linkgraph as lg
from linkgraph.cli import cli
from linkgraph.errors import CaseWarning
from linkgraph.metrics import ego_graph, find_entity, shortest_paths
from linkgraph.model import Case
from linkgraph.resolve import explain

POLICE = (
    "name,dob,phone,role\n"
    "Ion Rusu,1980-01-01,+40 721 000 111,suspect\n"
    "Ana Pop,1990-02-02,+40 721 000 222,suspect\n"
    "Maria Vasile,1995-03-03,+40 721 000 333,victim\n"
)
#: Day 2: Ion Rusu again (same date of birth and phone), and a person new to the case.
NGO = (
    "name,dob,phone,role,city\n"
    "Ion Rusu,1980-01-01,+40 721 000 111,suspect,Chisinau\n"
    "Dan Lungu,1970-04-04,+40 721 000 444,suspect,Chisinau\n"
)
#: Day 2 of the victim's test: Maria Vasile again.
SHELTER = "name,dob,phone,role,city\nMaria Vasile,1995-03-03,+40 721 000 333,victim,Chisinau\n"


def _run(*args: str, ok: bool = True):
    done = CliRunner().invoke(cli, list(args))
    if ok:
        assert done.exit_code == 0, done.output + done.stderr
    return done


def _ingest(case: Path, tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    _run("ingest", str(path), "--preset", "people", "-o", str(case), "-q")


def _mentions(case: Path) -> list[dict[str, object]]:
    return json.loads(_run("mentions", str(case), "--json").stdout)


def _person_mention(case: Path, source: str, row: int) -> dict[str, object]:
    (found,) = [
        m for m in _mentions(case)
        if m["source"] == source and m["row"] == row and m["type"] == "person"
    ]  # fmt: skip
    return found


@pytest.fixture
def two_days(tmp_path: Path) -> tuple[Path, str, str, str]:
    """The case after day 2, Ion Rusu's day-1 id and his id now, and what day 2's resolve
    printed."""
    case = tmp_path / "case"
    _ingest(case, tmp_path, "police.csv", POLICE)
    _run("resolve", str(case), "-q")
    police = _person_mention(case, "police.csv", 1)
    old = str(police["entity_id"])
    assert old == "e:" + str(police["mention_id"])[2:]  # named after his only mention
    _ingest(case, tmp_path, "ngo.csv", NGO)
    said = _run("resolve", str(case), "-q").stdout
    ngo = _person_mention(case, "ngo.csv", 1)
    # The precondition of the case: his ngo mention sorts before his police one, so the
    # merged entity is named after it, and his day-1 id is no entity's now.
    assert str(ngo["mention_id"]) < str(police["mention_id"])
    new = "e:" + str(ngo["mention_id"])[2:]
    assert _person_mention(case, "police.csv", 1)["entity_id"] == new
    # ... and his phone's police mention still sorts first: his phone keeps its id, so
    # his is the one id of day 1 that changed
    phones = {m["source"]: m for m in _mentions(case) if m["label"] == "+40721000111"}
    assert phones["police.csv"]["mention_id"] < phones["ngo.csv"]["mention_id"]
    return case, old, new, said


def _note(old: str, new: str) -> str:
    return f"{old} is now {new} (a file added since, or a merge, gave it a new id)"


def test_ego_and_path_find_the_entity_of_an_id_from_before_a_file_was_added(two_days):
    case, old, new, _ = two_days
    done = _run("ego", str(case), old, "--json")
    center = [r for r in json.loads(done.stdout) if r["hops"] == 0]
    assert [r["entity_id"] for r in center] == [new]
    assert f"warning: {_note(old, new)}" in done.stderr
    # his phone is one hop from him, whichever id names him
    phone = next(m for m in _mentions(case) if m["label"] == "+40721000111")["entity_id"]
    done = _run("path", str(case), old, str(phone))
    assert "Path 1: 1 hop(s)" in done.stdout
    assert _note(old, new) in done.stderr


def test_entities_search_and_explain_take_the_old_id(two_days):
    case, old, new, _ = two_days
    done = _run("entities", str(case), "--search", old, "--json")
    assert [r["entity_id"] for r in json.loads(done.stdout)] == [new]
    assert _note(old, new) in done.stderr
    # explain: an entity id stands for the mention it is named after; his old id for his
    # police mention, his new one for the ngo mention: one entity
    done = _run("explain", str(case), old, new)
    assert f"Resolved as the SAME entity {new}." in done.stdout
    assert done.stdout.startswith("A: m:" + old[2:])
    assert f"B: m:{new[2:]}" in done.stdout
    assert _note(old, new) in done.stderr


def test_the_python_functions_take_the_old_id(two_days):
    case, old, new, _ = two_days
    graph = lg.build_graph(case)
    with pytest.warns(CaseWarning, match=f"{old} is now {new}"):
        assert find_entity(graph, old) == new
    with pytest.warns(CaseWarning):
        assert new in ego_graph(graph, old).nodes.index
    with pytest.warns(CaseWarning):
        hops = shortest_paths(graph, old, new)
    assert hops.empty or set(hops["src"]) | set(hops["dst"]) <= {new}
    with pytest.warns(CaseWarning, match=f"{old} is now {new}"):
        text = explain(lg.Case.read(case), old, new)
    assert f"Resolved as the SAME entity {new}." in text


def test_resolve_says_which_ids_changed_and_the_manifest_records_it(two_days):
    case, old, new, said = two_days
    assert (
        "1 entity id of the previous resolution changed (files added or removed since, or "
        f"merges): {old} is now {new}; `ego`, `path`, `entities --search`, `explain` and "
        "`decide` still take the old ids"
    ) in said
    steps = json.loads((case / "manifest.json").read_text(encoding="utf-8"))["steps"]
    resolves = [s for s in steps if s["stage"] == "resolve"]
    assert "entity_ids_changed" not in resolves[0]  # nothing resolved before it
    assert resolves[1]["entity_ids_changed"] == {"count": 1, "named": {old: new}}
    again = _run("resolve", str(case), "-q").stdout
    assert "entity id" not in again
    steps = json.loads((case / "manifest.json").read_text(encoding="utf-8"))["steps"]
    assert steps[-1]["entity_ids_changed"] == {"count": 0, "named": {}}


def test_an_unknown_id_is_an_error_that_does_not_talk_about_victims(two_days):
    case, _, _, _ = two_days
    for command in (("ego",), ("path", "Ana Pop")):
        done = _run(*command[:1], str(case), "e:00000000000000ab", *command[1:], ok=False)
        assert done.exit_code == 1
        assert "no entity has the id 'e:00000000000000ab'" in done.output
        assert "victim" not in done.output
    done = _run("entities", str(case), "--search", "e:00000000000000ab")
    assert done.stdout.startswith("0 entities: none has")
    assert "victim" not in done.output
    # A name that finds no one still says that victims are listed by pseudonym, as for
    # every name (it never tells whether a name is a victim's).
    done = _run("ego", str(case), "Nobody Known", ok=False)
    assert "victims are listed under their pseudonyms" in done.output


def test_a_victims_id_from_before_finds_her_by_its_keyed_part(tmp_path: Path):
    """Her entity's id is ``e:PLACE-KEYED``, keyed on her first record (by source name,
    then content): a record of hers in "ngo.csv", which sorts before "police.csv", gives
    her another. Her old id's place part names the mention it was placed by, in her
    entity still: the old id finds her, by pseudonym."""
    case = tmp_path / "case"
    _ingest(case, tmp_path, "police.csv", POLICE)
    _run("resolve", str(case), "-q")
    old = str(_person_mention(case, "police.csv", 3)["entity_id"])
    assert re.fullmatch(r"e:[0-9a-f]{8}-[0-9a-f]{16}", old)  # keyed on her record
    _ingest(case, tmp_path, "ngo.csv", SHELTER)
    said = _run("resolve", str(case), "-q").stdout
    new = str(_person_mention(case, "police.csv", 3)["entity_id"])
    assert new == _person_mention(case, "ngo.csv", 1)["entity_id"]  # one entity
    assert old.split("-")[1] != new.split("-")[1]  # keyed on her ngo record now
    assert f"{old} is now {new}" in said
    done = _run("ego", str(case), old, "--json")
    center = [r for r in json.loads(done.stdout) if r["hops"] == 0]
    assert [r["entity_id"] for r in center] == [new]
    assert center[0]["label"].startswith("Victim-")  # still by pseudonym
    assert _note(old, new) in done.stderr


def test_an_id_that_is_current_says_nothing(two_days):
    case, _, new, _ = two_days
    graph = lg.build_graph(case)
    with warnings.catch_warnings():
        warnings.simplefilter("error", CaseWarning)
        assert find_entity(graph, new) == new
    done = _run("ego", str(case), new)
    assert "is now" not in done.stderr


def test_decide_takes_entity_ids_as_entities_lists_them(tmp_path):
    """`decide` on two entity ids (as `entities` prints them) records the decision on the
    mentions they are named after: must_link makes the two people one entity."""
    people = tmp_path / "p.csv"
    people.write_text(
        "name,dob,phone\nAna Pop,1990-01-01,+40721000111\nMaria Ionescu,1985-02-03,"
        "+40721000222\nIon Rusu,1970-05-05,+40721000333\n",
        encoding="utf-8",
    )
    case = tmp_path / "case"
    _run("ingest", str(people), "--preset", "people", "-o", str(case), "-q")
    _run("resolve", str(case), "-q")
    listed = Case.read(case)
    entity = listed.entity_of()
    mention = listed.mentions.set_index("label")["mention_id"]
    ana, maria = entity[mention["Ana Pop"]], entity[mention["Maria Ionescu"]]
    assert ana != maria
    done = _run("decide", str(case), ana, maria, "must_link")
    assert f"must_link {mention['Ana Pop']} {mention['Maria Ionescu']} recorded" in done.output
    _run("resolve", str(case), "-q")
    after = Case.read(case).entity_of()
    assert after[mention["Ana Pop"]] == after[mention["Maria Ionescu"]]
    assert after[mention["Ion Rusu"]] != after[mention["Ana Pop"]]
