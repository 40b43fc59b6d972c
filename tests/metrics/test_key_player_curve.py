"""The degree disruption curve computed on arrays (large graphs) equals the one made by
deleting vertices from igraph one at a time."""

from __future__ import annotations

import igraph as ig
import numpy as np
import pandas as pd
import pytest

from linkgraph.metrics.key_players import disruption


def _graph(n: int, m: int, seed: int) -> ig.Graph:
    """A sparse random multigraph with loops, several components and many tied degrees."""
    rng = np.random.default_rng(seed)
    pairs = rng.integers(0, n, size=(m, 2))
    g = ig.Graph(n=n, edges=pairs.tolist())
    g.vs["name"] = [f"v{i}" for i in range(n)]
    return g


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("ties", ["first", "last"])
def test_degree_curve_on_arrays_equals_deleting_one_by_one(seed: int, ties: str) -> None:
    g = _graph(400, 420, seed)
    order = [f"v{i}" for i in np.random.default_rng(seed + 10).permutation(400)]
    cols = ["step", "removed", "lcc_fraction", "lcc_size", "components", "fragmentation"]
    # efficiency=True keeps igraph's one-by-one deletion (efficiency needs the graph).
    slow = disruption(g, by="degree", k=30, ties=ties, order=order, efficiency=True)
    fast = disruption(g, by="degree", k=30, ties=ties, order=order, efficiency=False)
    assert fast["efficiency"].isna().all()
    pd.testing.assert_frame_equal(fast[cols], slow[cols], check_exact=False, rtol=1e-12)
    assert fast.attrs["removed"] == slow.attrs["removed"]


def test_degree_curve_removes_everything() -> None:
    g = _graph(12, 10, 3)
    slow = disruption(g, by="degree", k=12, efficiency=True)
    fast = disruption(g, by="degree", k=12, efficiency=False)
    cols = ["removed", "lcc_size", "components", "fragmentation"]
    pd.testing.assert_frame_equal(fast[cols], slow[cols], check_exact=False, rtol=1e-12)
