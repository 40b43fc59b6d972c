"""The Splink side of benchmarks/bench_resolve.py: its input, its labels, and that the
benchmark still runs without Splink (CI does not install the ``bench`` extra)."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest

from linkgraph.model import MENTIONS

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


@pytest.fixture
def bench(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    import bench_resolve

    return bench_resolve


@pytest.fixture
def side(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    import splink_side

    return splink_side


def test_splink_input_nulls_names_and_dates(side) -> None:
    mentions = MENTIONS.conform(
        pd.DataFrame(
            {
                "mention_id": ["a", "b", "c"],
                "type": "person",
                "name": ["Олена Гриценко", "Hrytsenko Olena", "Olena Hrytsenko"],
                "dob": ["1990-03-01", "1990-14-09", None],
                "phone": ["+380 67 123 4567", "067 123 4567", ""],
            }
        )
    )
    s = side.splink_input(mentions)
    assert s["unique_id"].tolist() == ["a", "b", "c"]
    # folded, transliterated; swapped order kept for ForenameSurnameComparison's reversed level
    assert s["given_name"].tolist() == ["olena", "hrytsenko", "olena"]
    assert s["name_concat"].tolist() == ["olena gritsenko", "hrytsenko olena", "olena hrytsenko"]
    # the same phonetic key in either order: blocking on it meets swapped names
    assert s.loc[1, "name_phonetic"] == s.loc[2, "name_phonetic"] == "HRTSNK|LN"
    assert s["dob"].iloc[:2].tolist() == ["1990-03-01", "1990-09-14"]  # month-first swapped back
    assert s["phone"].iloc[:2].tolist() == ["671234567", "671234567"]
    # missing values are NULL, never "" (which Splink would count as an exact match)
    assert s["dob"].isna().tolist() == [False, False, True]
    assert s["phone"].isna().tolist() == [False, False, True]
    assert s["email"].isna().all()


def test_benchmark_runs_without_splink(bench, monkeypatch, capsys, tmp_path) -> None:
    pytest.importorskip("recordlinkage")
    monkeypatch.setitem(sys.modules, "splink", None)  # import splink → ImportError
    assert not bench.splink_available()
    bench.main(["febrl1", "--data", str(tmp_path)])
    out = capsys.readouterr().out
    table = out[out.index("Resolution through the CLI") :]
    row = next(line for line in table.splitlines() if "linkgraph" in line).split()
    assert row[:3] == ["febrl1", "1000", "linkgraph"]
    assert float(row[-1]) >= 0.99  # F1 through the CLI
    assert "Splink: not installed" in table


def test_splink_resolves_an_ingested_case(bench, side, tmp_path) -> None:
    pytest.importorskip("splink")
    pytest.importorskip("recordlinkage")
    import resolve_sets as rs

    import linkgraph as lg

    ds = rs.febrl("febrl1", tmp_path)
    case_dir = tmp_path / "case"
    rs.ingest(ds, case_dir)
    case = lg.Case.read(case_dir)
    out = side.run_splink(case.mentions, threshold=0.9, links=case.links)
    persons = case.mentions[case.mentions["type"] == "person"]
    assert set(out["resolution"]["mention_id"]) == set(persons["mention_id"])
    assert out["pairs"] > 0
    truth = bench._truth_ids(case, pd.read_csv(ds.truth))
    scores = lg.evaluate(out["resolution"], truth)
    assert scores["recall"] > 0.9
    assert scores["precision"] > 0.9
