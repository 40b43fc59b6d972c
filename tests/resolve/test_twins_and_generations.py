"""Twins, siblings and a father and son are not one person, through the CLI.

Twins share a family name and a date of birth, often consecutive passport numbers
(issued together) and sometimes a household phone; a father and the son named after him
share the full name but for "Sr." / "Jr.". The learnt weights count a shared date of
birth and a one-character document difference as strong evidence; these tests hold the
rules that keep such pairs apart, and check that true pairs with the same shapes (a
nickname beside the same date; a document misread O / 0) still merge.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from people_case import entity_by_row

from linkgraph.cli import cli

_HEADER = "given_name,family_name,dob,phone,id_number,role"

# Register A and register B; rows of one number in A and B are the pair under test.
_A = [
    ("Ion", "Popescu", "1990-05-01", "+40721000111", "RX100001", "suspect"),
    ("John", "Smith Sr.", "1955-02-02", "+447911123456", "", "suspect"),
    ("William", "Brown", "1979-03-03", "+447911654321", "", "suspect"),
    ("Maria", "Ionescu", "1987-09-14", "+40722111222", "AB0123456", "suspect"),
    ("Mihai", "Dumitrescu", "1970-11-23", "+40725111222", "", "suspect"),
    ("Karl", "Becker der Ältere", "1948-06-30", "+49151000111", "", "suspect"),
]
_B = [
    ("Vasile", "Popescu", "1990-05-01", "+40721000222", "RX100002", "suspect"),
    ("John", "Smith Jr.", "1980-02-02", "+447911123456", "", "suspect"),
    ("Bill", "Brown", "1979-03-03", "", "", "suspect"),
    ("Maria", "Ionescu", "1987-09-14", "", "ABO123456", "suspect"),
    ("Mihai", "Dumitrescu", "1970-11-23", "+40725111299", "", "suspect"),
    ("Karl", "Becker der Jüngere", "1975-06-30", "+49151000111", "", "suspect"),
]
# Twins again, in a third file with no document and different phones.
_C = [
    ("Ion", "Popescu", "1990-05-01", "+40721000111", "", "suspect"),
    ("Vasile", "Popescu", "1990-05-01", "+40722333444", "", "suspect"),
    ("Mihai", "Ionescu", "1985-01-01", "+40723555666", "", "suspect"),
]


def _write(path: Path, rows: list[tuple[str, ...]]) -> None:
    path.write_text("\n".join([_HEADER, *(",".join(r) for r in rows)]) + "\n", encoding="utf-8")


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def _case(tmp_path: Path, names: tuple[str, ...] = ("a", "b", "c")) -> Path:
    """The named registers ingested and resolved through the CLI; the case folder."""
    tables = {"a": _A, "b": _B, "c": _C}
    tmp_path.mkdir(parents=True, exist_ok=True)
    files = []
    for name in names:
        _write(tmp_path / f"{name}.csv", tables[name])
        files.append(str(tmp_path / f"{name}.csv"))
    case = tmp_path / "case"
    _run("ingest", *files, "--preset", "people", "-o", str(case), "-q")
    _run("resolve", str(case), "-q")
    return case


def test_twins_stay_apart(tmp_path):
    ent = entity_by_row(_case(tmp_path))
    # Different given names, same family name and date of birth, consecutive passports.
    assert ent["a.csv", 1] != ent["b.csv", 1]
    # The same twins with no document and different phones.
    assert ent["c.csv", 1] != ent["c.csv", 2]
    # Each twin is still found across the files: two entities for the four records.
    assert ent["a.csv", 1] == ent["c.csv", 1]
    assert ent["b.csv", 1] == ent["c.csv", 2]


def test_explain_gives_consecutive_passports_no_weight_for_a_match(tmp_path):
    case = _case(tmp_path, ("a", "b"))
    text = _run("explain", str(case), "a.csv:1", "b.csv:1")
    assert "Resolved as DIFFERENT entities" in text
    # RX100001 / RX100002: one digit put for another is two documents, not one typo.
    assert "  - document: different, similarity 0.875" in text
    assert "capped: given names differ, one family name" in text
    twins = _run("explain", str(_case(tmp_path / "c", ("c",))), "c.csv:1", "c.csv:2")
    # Family name (+) and date of birth (+) alone: at most probability 0.5, a review pair.
    assert "match probability 0.5000" in twins


def test_father_and_son_stay_apart(tmp_path):
    case = _case(tmp_path, ("a", "b"))
    ent = entity_by_row(case)
    # "John Smith Sr." / "John Smith Jr." on one household phone.
    assert ent["a.csv", 2] != ent["b.csv", 2]
    # "der Ältere" / "der Jüngere" on one phone.
    assert ent["a.csv", 6] != ent["b.csv", 6]
    text = _run("explain", str(case), "a.csv:2", "b.csv:2")
    assert "generation conflict: generational suffixes differ (Sr. / Jr.)" in text
    assert "or a father and son (Sr. / Jr.)" in text


def test_true_pairs_still_merge(tmp_path):
    ent = entity_by_row(_case(tmp_path, ("a", "b")))
    # William / Bill: a nickname beside the same family name and date of birth.
    assert ent["a.csv", 3] == ent["b.csv", 3]
    # AB0123456 / ABO123456: a zero read as the letter O, same name and date of birth.
    assert ent["a.csv", 4] == ent["b.csv", 4]
    # Same name and date of birth, phones one line apart: no identifier agrees, the names
    # and date do (a given name that agrees is no twin).
    assert ent["a.csv", 5] == ent["b.csv", 5]


def test_a_look_alike_in_a_document_number_is_one_typo(tmp_path):
    case = _case(tmp_path, ("a", "b"))
    text = _run("explain", str(case), "a.csv:4", "b.csv:4")
    assert "  - document: one typo, similarity 0.889" in text
