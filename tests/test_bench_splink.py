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


def test_splink_input_carries_linked_phones_and_accounts(side) -> None:
    """A holder in a transfer or a caller in a call record carries no number of its own:
    the linked account and phone mentions reach Splink as that person's columns."""
    from linkgraph.model import LINKS

    mentions = MENTIONS.conform(
        pd.DataFrame(
            {
                "mention_id": ["p1", "p2", "acc", "ph"],
                "type": ["person", "person", "account", "phone"],
                "name": ["RAZVAN OPREA", "OPREA, Razvan", "", ""],
                "account": ["", "", "RO10BTRL7976009126523941", ""],
                "phone": ["", "", "", "+40733794736"],
            }
        )
    )
    links = LINKS.conform(
        pd.DataFrame(
            {
                "link_id": ["l1", "l2"],
                "src": ["p1", "ph"],
                "dst": ["acc", "p2"],
                "kind": ["holds_account", "uses_phone"],
            }
        )
    )
    s = side.splink_input(mentions, links)
    assert s["unique_id"].tolist() == ["p1", "p2"]
    assert s["account"].tolist()[0] == "RO10BTRL7976009126523941"
    assert pd.isna(s["account"].tolist()[1])
    assert pd.isna(s["phone"].tolist()[0])
    assert s["phone"].tolist()[1] == "733794736"
    assert s.loc[0, "name_phonetic"] == s.loc[1, "name_phonetic"]  # swapped order


def test_splink_model_uses_the_identifiers_for_blocking_and_prior(side) -> None:
    """Call records and transfers hold a name and one phone or account, no dob: blocking
    and the prior's deterministic rules must fire on those (with dob and document
    rules only, Splink's prior on synth 10k was 1000x too low and its recall 0.014)."""
    pytest.importorskip("splink")
    settings = side.splink_settings().get_settings("duckdb").as_dict()
    rules = " ".join(r["blocking_rule"] for r in settings["blocking_rules_to_generate_predictions"])
    for column in ("phone", "account", "name_phonetic"):
        assert f'l."{column}" = r."{column}"' in rules
    outputs = [c["output_column_name"] for c in settings["comparisons"]]
    assert "account" in outputs


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
