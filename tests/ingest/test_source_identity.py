"""Source identity: two files of one name read in one command stay two sources (issue 18,
item 1); across commands, a file of a name already in the case replaces it (a corrected
export), and the summary says so."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from linkgraph.model import Case

HEADER = "record_id,given_name,family_name,dob,phone\n"


@pytest.fixture
def two_reports(tmp_path) -> tuple[Path, Path]:
    (tmp_path / "police").mkdir()
    (tmp_path / "ngo").mkdir()
    police = tmp_path / "police" / "report.csv"
    ngo = tmp_path / "ngo" / "report.csv"
    # Same rows, same slots: only the folder tells the files apart.
    police.write_text(HEADER + "1,Ana,Pop,1990-01-01,+40722111222\n", encoding="utf-8")
    ngo.write_text(HEADER + "1,Olena,Kravets,1995-01-01,+380501234567\n", encoding="utf-8")
    return police, ngo


def _ingest(case: Path, *files: Path) -> str:
    return subprocess.run(
        ["linkgraph", "ingest", *map(str, files), "--preset", "people", "-o", str(case), "-q"],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip


def _names(case: Path) -> dict[str, set[str]]:
    m = Case.read(case).mentions
    persons = m[m["type"] == "person"]
    return {s: set(g["label"]) for s, g in persons.groupby("source")}


def test_one_command_keeps_both_and_resolve_runs(tmp_path, two_reports):
    case = tmp_path / "case"
    got = _ingest(case, *two_reports)
    assert "read with ngo/report.csv, of the same file name: each kept" in got
    assert _names(case) == {"police/report.csv": {"Ana Pop"}, "ngo/report.csv": {"Olena Kravets"}}
    assert Case.read(case).mentions["mention_id"].is_unique
    subprocess.run(["linkgraph", "resolve", str(case), "-q"], check=True, capture_output=True)
    assert Case.read(case).resolution["mention_id"].is_unique


def test_two_commands_second_file_of_the_name_replaces_the_first(tmp_path, two_reports):
    """One source per file name across commands (as `ingest --help` says): a file of
    the name from another folder is a corrected export, and the summary says what it
    replaced."""
    police, ngo = two_reports
    case = tmp_path / "case"
    _ingest(case, police)
    first_ids = set(Case.read(case).mentions["mention_id"])
    got = subprocess.run(
        ["linkgraph", "ingest", str(ngo), "--preset", "people", "-o", str(case), "-q"],
        check=True, capture_output=True, text=True, cwd=tmp_path,
    )  # fmt: skip
    assert _names(case) == {"report.csv": {"Olena Kravets"}}
    # Its rows keep the ids the earlier file's rows had (decisions on them carry over).
    assert set(Case.read(case).mentions["mention_id"]) == first_ids
    assert len(Case.read(case).manifest["inputs"]) == 1
    assert "report.csv: 1 row, 2 mentions" in got.stdout
    assert "replaces the earlier report.csv (from police/)" in got.stdout


def test_reingest_of_one_of_two_same_named_sources_is_idempotent(tmp_path, two_reports):
    police, ngo = two_reports
    case = tmp_path / "case"
    _ingest(case, police, ngo)
    first = Case.read(case).mentions.sort_values("mention_id").reset_index(drop=True)
    out = _ingest(case, ngo)  # the same file again, unchanged: nothing to do
    assert out.startswith("ngo/report.csv is unchanged (same SHA-256, read the same way)")
    # Saved again with other line ends (another SHA-256): read again, it replaces its own
    # rows, nothing doubles.
    ngo.write_bytes(ngo.read_bytes().replace(b"\n", b"\r\n"))
    out = _ingest(case, ngo)
    # The summary is that of the file just read (not looked up by its base name).
    assert out.startswith("ngo/report.csv: 1 row, 2 mentions")
    assert "police" not in out
    _ingest(case, police)
    again = Case.read(case).mentions.sort_values("mention_id").reset_index(drop=True)
    assert again["mention_id"].tolist() == first["mention_id"].tolist()
    assert len(Case.read(case).manifest["inputs"]) == 2


def test_a_third_file_of_the_name_is_refused_when_two_are_in_the_case(tmp_path, two_reports):
    case = tmp_path / "case"
    _ingest(case, *two_reports)
    (tmp_path / "v2").mkdir()
    third = tmp_path / "v2" / "report.csv"
    third.write_text(HEADER + "1,Ion,Rusu,1980-01-01,+40722333444\n", encoding="utf-8")
    got = subprocess.run(
        ["linkgraph", "ingest", str(third), "--preset", "people", "-o", str(case), "-q"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert got.returncode == 1
    assert "the case holds 2 sources of this file name" in got.stderr
    assert "ngo/report.csv, police/report.csv" in got.stderr
    assert "Traceback" not in got.stderr
    assert set(_names(case)) == {"police/report.csv", "ngo/report.csv"}  # unchanged
