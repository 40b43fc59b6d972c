"""A corrected export under a new file name (hostile round 19, W3): ingest warns when a new
file repeats most records of a source in the case, ``--replaces SOURCE`` puts it in that
source's place, ``remove-source`` takes a source out; and a file read again unchanged
(W5) keeps the case, its resolution included."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case

HEADER = "record_id,given_name,family_name,dob,phone\n"
NAMES = ["Ana Pop", "Ion Rusu", "Maria Lungu", "Petru Ciobanu", "Elena Munteanu"]


def _rows(count: int, start: int = 0) -> str:
    """``count`` person rows, one phone each."""
    lines = []
    for i in range(start, start + count):
        given, family = NAMES[i % len(NAMES)].split()
        lines.append(f"{i},{given}{i},{family},1990-01-{i % 28 + 1:02d},+4072211{i:04d}")
    return HEADER + "\n".join(lines) + "\n"


@pytest.fixture
def exports(tmp_path) -> tuple[Path, Path]:
    """arrests.csv (10 records) and its corrected export under a new name: records 0-8
    as they were, record 9 dropped, record 10 added (9 of 10 repeated)."""
    old = tmp_path / "arrests.csv"
    old.write_text(_rows(10), encoding="utf-8")
    new = tmp_path / "arrests_corrected_2024-06-12.csv"
    new.write_text(_rows(9) + _rows(1, start=10).removeprefix(HEADER), encoding="utf-8")
    return old, new


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def _ingest(case: Path, file: Path, *more: str) -> str:
    return _run("ingest", str(file), "--preset", "people", "-o", str(case), "-q", *more)


def _persons(case: Path) -> dict[str, set[str]]:
    m = Case.read(case).mentions
    persons = m[m["type"] == "person"]
    return {s: set(g["label"]) for s, g in persons.groupby("source")}


def test_a_renamed_corrected_export_is_warned_about(tmp_path, exports):
    old, new = exports
    case = tmp_path / "case"
    _ingest(case, old)
    out = _ingest(case, new)
    assert (
        "warning: arrests_corrected_2024-06-12.csv repeats 9 of 10 records of arrests.csv:"
        " a corrected export? ingest it with --replaces arrests.csv"
    ) in out
    # Added beside it, as asked: both sources are in the case.
    assert set(_persons(case)) == {"arrests.csv", "arrests_corrected_2024-06-12.csv"}


def test_an_unrelated_file_is_not_warned_about(tmp_path, exports):
    old, _ = exports
    other = tmp_path / "partner.csv"
    other.write_text(_rows(10, start=100), encoding="utf-8")
    case = tmp_path / "case"
    _ingest(case, old)
    assert "repeats" not in _ingest(case, other)


def test_replaces_puts_the_corrected_export_in_the_sources_place(tmp_path, exports):
    old, new = exports
    case = tmp_path / "case"
    _ingest(case, old)
    out = _ingest(case, new, "--replaces", "arrests.csv")
    assert "replaces the earlier arrests.csv" in out
    assert "repeats" not in out
    persons = _persons(case)
    assert list(persons) == ["arrests.csv"]  # one source, under the name it replaced
    assert "Elena9 Munteanu" not in persons["arrests.csv"]  # the dropped record is gone
    assert "Ana10 Pop" in persons["arrests.csv"]  # the added one is in
    assert len(persons["arrests.csv"]) == 10
    inputs = Case.read(case).manifest["inputs"]
    assert [(i["name"], Path(i["path"]).name) for i in inputs] == [
        ("arrests.csv", "arrests_corrected_2024-06-12.csv")
    ]


def test_replaces_an_unknown_source_names_the_case_sources(tmp_path, exports):
    old, new = exports
    case = tmp_path / "case"
    _ingest(case, old)
    result = CliRunner().invoke(
        cli, ["ingest", str(new), "--preset", "people", "-o", str(case), "--replaces", "arests.csv"]
    )
    assert result.exit_code != 0
    assert "the case holds no source 'arests.csv'; did you mean 'arrests.csv'?" in result.output
    assert "the case's sources: arrests.csv" in result.output
    assert "Traceback" not in result.output
    assert list(_persons(case)) == ["arrests.csv"]  # the case is as it was


def test_remove_source(tmp_path, exports):
    old, _ = exports
    other = tmp_path / "partner.csv"
    other.write_text(_rows(3, start=100), encoding="utf-8")
    case = tmp_path / "case"
    _ingest(case, old)
    _ingest(case, other)
    _run("resolve", str(case), "-q")
    out = _run("remove-source", str(case), "partner.csv")
    assert "removed partner.csv" in out
    after = Case.read(case)
    assert set(after.mentions["source"]) == {"arrests.csv"}
    assert set(after.links["source"]) == {"arrests.csv"}
    assert [i["name"] for i in after.manifest["inputs"]] == ["arrests.csv"]
    assert after.resolution is None  # it described the removed mentions too
    result = CliRunner().invoke(cli, ["remove-source", str(case), "partner.csv"])
    assert result.exit_code != 0
    assert "the case holds no source 'partner.csv'" in result.output


def test_an_unchanged_file_read_again_keeps_the_resolution(tmp_path, exports):
    old, _ = exports
    case = tmp_path / "case"
    _ingest(case, old)
    _run("resolve", str(case), "-q")
    manifest = (case / "manifest.json").read_text(encoding="utf-8")
    out = _ingest(case, old)
    assert "arrests.csv is unchanged (same SHA-256, read the same way): nothing to do" in out
    assert Case.read(case).resolution is not None
    assert (case / "manifest.json").read_text(encoding="utf-8") == manifest


@pytest.mark.parametrize("option", [("--agency", "Police"), ("--region", "MD"), ("--strict",)])
def test_an_unchanged_file_read_another_way_is_read_again(tmp_path, exports, option):
    old, _ = exports
    case = tmp_path / "case"
    _ingest(case, old)
    _run("resolve", str(case), "-q")
    out = _ingest(case, old, *option)
    assert "nothing to do" not in out
    assert "arrests.csv: 10 rows" in out
    assert Case.read(case).resolution is None
    if option[0] == "--agency":
        inputs = json.loads((case / "manifest.json").read_text(encoding="utf-8"))["inputs"]
        assert inputs[0]["agency"] == "Police"


def test_a_changed_file_of_the_name_is_read_again(tmp_path, exports):
    old, _ = exports
    case = tmp_path / "case"
    _ingest(case, old)
    old.write_text(_rows(4), encoding="utf-8")
    out = _ingest(case, old)
    assert "arrests.csv: 4 rows" in out
    assert len(_persons(case)["arrests.csv"]) == 4
