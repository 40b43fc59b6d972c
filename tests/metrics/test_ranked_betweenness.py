"""Sampled betweenness above the exact limits ranks the top 50 and states its error
honestly: checked through the CLI against exact betweenness (igraph = networkx)."""

from __future__ import annotations

from pathlib import Path

import igraph as ig
import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from linkgraph.cli import cli


def _planted(n: int, seed: int) -> np.ndarray:
    """Cells of 100 with heavy-tailed degrees, 80 % of edges inside a cell (4 per node)."""
    rng = np.random.default_rng(seed)
    fit = rng.pareto(2.5, n) + 1.0
    p = fit / fit.sum()
    u = rng.choice(n, size=4 * n, p=p)
    cell = (u // 100) * 100
    v = np.where(rng.random(4 * n) < 0.8, cell + rng.integers(0, 100, 4 * n),
                 rng.choice(n, size=4 * n, p=p))  # fmt: skip
    keep = u != v
    pairs = np.unique(np.sort(np.stack([u[keep], v[keep]], axis=1), axis=1), axis=0)
    return pairs


@pytest.mark.slow
def test_sampled_betweenness_ranks_the_top_50(tmp_path: Path) -> None:
    n = 3000
    pairs = _planted(n, seed=4)
    path = tmp_path / "net.csv"
    pd.DataFrame({"source": [f"v{a}" for a in pairs[:, 0]],
                  "target": [f"v{b}" for b in pairs[:, 1]]}).to_csv(path, index=False)  # fmt: skip
    config = tmp_path / "pipeline.yaml"
    # Exact limits lowered so that a test-sized graph is sampled, as 100k entities are.
    config.write_text("analyze:\n  exact_betweenness_max_nodes: 1000\n"
                      "  betweenness_max_work: 40000000\n")  # fmt: skip
    case = tmp_path / "case"
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(path), "--preset", "edgelist", "-o", str(case),
                               "-q"]).exit_code == 0  # fmt: skip
    out = runner.invoke(cli, ["analyze", str(case), "--config", str(config), "-q"])
    assert out.exit_code == 0, out.output
    assert "betweenness sampled from" in out.output
    m = pd.read_parquet(case / "metrics.parquet").set_index("label")
    g = ig.Graph(n=n, edges=pairs.tolist())
    present = np.unique(pairs)
    exact = pd.Series(np.asarray(g.betweenness(directed=False)), index=[f"v{i}" for i in range(n)])
    exact = exact[[f"v{i}" for i in present]] * 2 / ((len(present) - 1) * (len(present) - 2))
    top = exact.nlargest(50).index
    est = m.loc[exact.index, "betweenness_centrality"]
    recall = len(set(est.nlargest(50).index) & set(top)) / 50
    assert recall >= 0.9
    err = m.loc[top, "betweenness_stderr"]
    covered = (np.abs(est[top] - exact[top]) <= 1.96 * err).mean()
    assert covered >= 0.9  # the 95 % intervals of the top 50 hold
    # The sample size comes from the seed and the config, never the clock: a rerun
    # gives the same sources and the same bytes.
    first = m["betweenness_centrality"].copy()
    assert runner.invoke(cli, ["analyze", str(case), "--config", str(config),
                               "-q"]).exit_code == 0  # fmt: skip
    again = pd.read_parquet(case / "metrics.parquet").set_index("label")
    pd.testing.assert_series_equal(first, again["betweenness_centrality"])


def test_large_graphs_use_a_fixed_sample_recorded_in_the_attrs() -> None:
    """Above betweenness_large_nodes the sample is betweenness_large_samples sources,
    whatever the work limit would allow; the attrs say so and a rerun is the same."""
    from linkgraph.metrics.centrality import ranked_betweenness

    n = 2500
    g = ig.Graph(n=n, edges=_planted(n, seed=1).tolist())
    g.vs["name"] = [f"v{i}" for i in range(n)]
    kw = {"exact_max_nodes": 100, "large_nodes": 2000, "large_samples": 32, "seed": 3}
    frame = ranked_betweenness(g, **kw)
    assert frame.attrs["k"] == frame.attrs["k_max"] == 32
    assert "a fixed 32 sources above 2,000 entities" in frame.attrs["why"]
    assert frame["betweenness_stderr"].notna().all()
    again = ranked_betweenness(g, **kw)
    assert frame["betweenness_centrality"].equals(again["betweenness_centrality"])
    unlimited = ranked_betweenness(g, **{**kw, "large_nodes": None})
    assert unlimited.attrs["algorithm"] == "exact"  # the work limit affords every source
