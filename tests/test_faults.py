"""kill -9 during every stage, and writers in pairs (issue 18): a reduced run of
benchmarks/bench_faults.py (8 kills, one pair of each kind)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_killed_stage_leaves_the_old_or_the_new_case_and_no_writer_loses_a_source(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    import bench_faults

    kill_rows, pair_rows = bench_faults.bench(kills=8, pairs=1, seed=3, rows=300)
    assert [r.stage for r in kill_rows] == list(bench_faults.STAGES)
    assert sum(r.kills for r in kill_rows) == 8
    for r in kill_rows:
        assert r.bad == 0, (r.stage, dict(r.notes))
        assert r.old + r.new == r.kills
    for r in pair_rows:
        assert r.lost == 0, (r.pair, dict(r.notes))
        assert r.stale == 0, (r.pair, dict(r.notes))
        assert "traceback" not in r.notes
