"""Two files with one name from different folders stay two sources (issue 18, item 1)."""

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


def _ingest(case: Path, *files: Path) -> None:
    subprocess.run(
        ["linkgraph", "ingest", *map(str, files), "--preset", "people", "-o", str(case), "-q"],
        check=True, capture_output=True,
    )  # fmt: skip


def _names(case: Path) -> dict[str, set[str]]:
    m = Case.read(case).mentions
    persons = m[m["type"] == "person"]
    return {s: set(g["label"]) for s, g in persons.groupby("source")}


def test_one_command_keeps_both_and_resolve_runs(tmp_path, two_reports):
    case = tmp_path / "case"
    _ingest(case, *two_reports)
    assert _names(case) == {"police/report.csv": {"Ana Pop"}, "ngo/report.csv": {"Olena Kravets"}}
    assert Case.read(case).mentions["mention_id"].is_unique
    subprocess.run(["linkgraph", "resolve", str(case), "-q"], check=True, capture_output=True)
    assert Case.read(case).resolution["mention_id"].is_unique


def test_two_commands_keep_both_and_reingest_is_idempotent(tmp_path, two_reports):
    police, ngo = two_reports
    case = tmp_path / "case"
    _ingest(case, police)
    _ingest(case, ngo)
    first = Case.read(case).mentions.sort_values("mention_id").reset_index(drop=True)
    assert {n for names in _names(case).values() for n in names} == {"Ana Pop", "Olena Kravets"}
    _ingest(case, ngo)  # the same file again: replaces its own rows, nothing doubles
    _ingest(case, police)
    again = Case.read(case).mentions.sort_values("mention_id").reset_index(drop=True)
    assert again["mention_id"].tolist() == first["mention_id"].tolist()
    assert len(Case.read(case).manifest["inputs"]) == 2
