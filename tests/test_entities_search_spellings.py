"""`linkgraph entities --search` finds an entity by any spelling its mentions give, case
and accents aside: after a second file, "Kostintyn ANTONETS" became "Constantin ANTONEȚ"
and "Valeriu GUȚU" "Valeriu GUŢU" (a cedilla for the comma below), and the old names, or
"Gutu", found nothing and blamed victims (tester 41). Through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from linkgraph.cli import cli

#: Day 1: names written whole (one with a comma below: ț); a victim; the alias twice.
DAY1 = (
    "name,dob,role\n"
    "Kostintyn ANTONETS,1975-03-04,suspect\n"
    "Valeriu GUȚU,1980-01-01,suspect\n"
    "Polina Shapovalovych,1999-05-06,victim\n"
    "Ion Rusu,1970-01-01,suspect\n"
    "Kostintyn ANTONETS,1975-03-04,suspect\n"
)
#: Day 2: the same two men with given and family names (GUŢU with a cedilla).
DAY2 = (
    "given_name,family_name,dob,role\n"
    "Constantin,ANTONEȚ,1975-03-04,suspect\n"
    "Valeriu,GUŢU,1980-01-01,suspect\n"
)


def _run(*args: object) -> str:
    got = CliRunner().invoke(cli, [str(a) for a in args])
    assert got.exit_code == 0, got.output
    return got.output


@pytest.fixture(scope="module")
def case_dir(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("spellings")
    (tmp / "a.csv").write_text(DAY1, encoding="utf-8")
    (tmp / "b.csv").write_text(DAY2, encoding="utf-8")
    case = tmp / "case"
    _run("ingest", tmp / "a.csv", "--preset", "people", "-o", case, "-q")
    _run("ingest", tmp / "b.csv", "--preset", "people", "-o", case, "-q")
    # the analyst joins each man's two spellings (and the alias's two rows)
    _run("decide", case, "a.csv:1", "b.csv:1", "must_link")
    _run("decide", case, "a.csv:5", "b.csv:1", "must_link")
    _run("decide", case, "a.csv:2", "b.csv:2", "must_link")
    _run("resolve", case, "-q")
    return case


def _found(case: Path, text: str, *flags: str) -> list[tuple[str, list[str]]]:
    got = CliRunner().invoke(cli, ["entities", str(case), "--search", text, "--json", *flags])
    assert got.exit_code == 0, got.output
    return [(e["label"], sorted(e["source_rows"])) for e in json.loads(got.stdout)]


ANTONETS = ("Constantin ANTONEȚ", ["a.csv:1", "a.csv:5", "b.csv:1"])
GUTU = ("Valeriu GUŢU", ["a.csv:2", "b.csv:2"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kostintyn ANTONETS", [ANTONETS]),  # the day-1 name, no longer the label
        ("kostintyn  antonets", [ANTONETS]),
        ("Antonet", [ANTONETS]),  # ț without its comma
        ("ANTONEȚ", [ANTONETS]),
        ("GUȚU", [GUTU]),  # the comma below of day 1 finds the label's cedilla
        ("Guţu", [GUTU]),
        ("Gutu", [GUTU]),
        ("Valeriu", [GUTU]),
    ],
)
def test_any_spelling_of_a_mention_finds_the_entity(case_dir, text, expected):
    assert _found(case_dir, text) == expected


def test_the_label_is_the_name_given_and_family_names_spell(case_dir):
    """As graph._most_frequent says: a name written with separate given and family names
    goes before one written whole twice (ANTONETS); GUŢU's given and family names make
    the label, not day 1's GUȚU written whole."""
    entities = json.loads(CliRunner().invoke(cli, ["entities", str(case_dir), "--json"]).stdout)
    labels = sorted(e["label"] for e in entities)
    assert labels[:3] == ["Constantin ANTONEȚ", "Ion Rusu", "Valeriu GUŢU"]
    assert len(labels) == 4
    assert labels[3].startswith("Victim-")


def test_a_victim_is_found_by_her_name_only_when_victims_are_shown(case_dir):
    hidden = CliRunner().invoke(cli, ["entities", str(case_dir), "--search", "Shapovalovych"])
    nobody = CliRunner().invoke(cli, ["entities", str(case_dir), "--search", "Zzyzx"])
    first = hidden.output.splitlines()[0]
    assert first == (
        "0 entities: none has 'Shapovalovych' in its id, label or role, or a name of one of"
        " its mentions (case and accents aside); victims are listed under their pseudonyms,"
        " not their names (--show-victims finds a victim by her name)"
    )
    # the same words for a name no one has: they never tell whether it is a victim's
    assert nobody.output.splitlines()[0] == first.replace("Shapovalovych", "Zzyzx")
    shown = _found(case_dir, "shapovalovych", "--show-victims")
    assert shown == [("Polina Shapovalovych", ["a.csv:3"])]


def test_a_search_that_finds_nothing_in_a_case_without_victims_names_no_victims(tmp_path):
    (tmp_path / "b.csv").write_text(DAY2, encoding="utf-8")
    case = tmp_path / "case"
    _run("ingest", tmp_path / "b.csv", "--preset", "people", "-o", case, "-q")
    _run("resolve", case, "-q")
    said = _run("entities", case, "--search", "Zzyzx")
    assert said.splitlines()[0] == (
        "0 entities: none has 'Zzyzx' in its id, label or role, or a name of one of its"
        " mentions (case and accents aside)"
    )


def test_mentions_search_ignores_accents_too(case_dir):
    got = CliRunner().invoke(cli, ["mentions", str(case_dir), "--search", "gutu", "--json"])
    assert got.exit_code == 0, got.output
    rows = sorted((m["source"], m["row"], m["label"]) for m in json.loads(got.stdout))
    assert rows == [("a.csv", 2, "Valeriu GUȚU"), ("b.csv", 2, "Valeriu GUŢU")]
