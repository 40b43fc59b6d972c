"""What analyze, routes, stability and keyplayers made from the entities goes when the
entities change: ``resolve`` drops those tables, and a write that changes the mentions,
links or resolution leaves out the files made from them (report item 7)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

import linkgraph as lg
from linkgraph.cli import cli

_PEOPLE = """record_id,given_name,family_name,dob,phone,city,role
1,Ion,Popescu,03.03.1985,+40 722 123 456,Iasi,suspect
2,Vasile,Rusu,04.04.1980,+40 722 123 456,Iasi,suspect
3,Elena,Moraru,05.05.1990,+40 723 555 666,Bacau,witness
4,Mihai,Lupu,06.06.1975,+40 723 555 666,Bacau,suspect
5,Ionel,Popa,09.09.1999,+40 724 777 888,Cluj,suspect
"""
_MORE = """record_id,given_name,family_name,dob,phone,city,role
1,Dan,Ciobanu,07.07.1970,+40 724 777 888,Cluj,suspect
"""
_DERIVED = ("stability.parquet", "keyplayers.csv")


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def _analysed(tmp_path: Path) -> Path:
    """A case ingested, resolved and analysed, with its stability and key players."""
    (tmp_path / "people.csv").write_text(_PEOPLE, encoding="utf-8")
    case = tmp_path / "case"
    _run("ingest", str(tmp_path / "people.csv"), "--preset", "people", "-o", str(case), "-q")
    _run("resolve", str(case), "-q")
    _run("analyze", str(case), "-q")
    _run("stability", str(case), "--draws", "3", "-q")
    _run("keyplayers", str(case), "-k", "1", "--json")
    assert (case / "metrics.parquet").is_file()
    assert all((case / f).is_file() for f in _DERIVED)
    return case


def test_resolve_drops_what_was_made_from_the_old_entities(tmp_path):
    case = _analysed(tmp_path)
    before = set(lg.Case.read(case).metrics["entity_id"])
    assert len(before) == 5 + 3  # five people, three phones
    _run("decide", str(case), "people.csv:1", "people.csv:5", "must_link", "--note", "same")
    _run("resolve", str(case), "-q")
    assert not (case / "metrics.parquet").exists()
    assert not any((case / f).exists() for f in _DERIVED)
    again = lg.Case.read(case)
    assert again.metrics is None
    assert again.key_players is None
    assert again.communities is None
    # The next analyze measures the entities there are now.
    _run("analyze", str(case), "-q")
    metrics = lg.Case.read(case).metrics
    entities = set(lg.Case.read(case).resolution["entity_id"])
    assert set(metrics["entity_id"]) <= entities
    assert len(metrics) == len(before) - 1


def test_resolve_in_python_drops_the_analysis_tables(tmp_path):
    case = lg.Case.read(_analysed(tmp_path))
    assert case.metrics is not None
    resolved = lg.resolve(case)
    assert resolved.metrics is None
    assert resolved.key_players is None
    assert resolved.communities is None


def test_ingest_drops_stability_and_key_players(tmp_path):
    case = _analysed(tmp_path)
    (tmp_path / "more.csv").write_text(_MORE, encoding="utf-8")
    _run("ingest", str(tmp_path / "more.csv"), "--preset", "people", "-o", str(case), "-q")
    assert not any((case / f).exists() for f in _DERIVED)
    assert lg.Case.read(case).metrics is None


def test_analyze_keeps_stability_and_key_players(tmp_path):
    # The entities did not change: what was measured on them still holds.
    case = _analysed(tmp_path)
    _run("analyze", str(case), "-q")
    assert all((case / f).is_file() for f in _DERIVED)
