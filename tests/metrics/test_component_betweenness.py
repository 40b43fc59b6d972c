"""Betweenness by component (``ranked_betweenness``): the components within the exact
limits are exact, the large ones sampled in proportion to their size; checked against
networkx's exact betweenness on a graph of the people-list kind (many small, nearly
tree-shaped components around one large one), where both run."""

from __future__ import annotations

import igraph as ig
import networkx as nx
import numpy as np
import pytest
from scipy.stats import spearmanr

from linkgraph.metrics.centrality import ranked_betweenness


def _people_like(seed: int) -> nx.Graph:
    """One 1,000-entity component and 200 of 2-40 entities, each a random tree with one
    extra link per 20 entities (the 1M-person case: 119k components, the largest 1.4M
    entities with 1.45M links)."""
    rng = np.random.default_rng(seed)
    graph = nx.Graph()
    offset = 0
    for size in [1000, *rng.integers(2, 40, 200).tolist()]:
        tree = nx.random_labeled_tree(size, seed=int(rng.integers(1 << 30)))
        graph.add_edges_from((a + offset, b + offset) for a, b in tree.edges())
        for _ in range(size // 20):
            a, b = rng.integers(0, size, 2).tolist()
            if a != b:
                graph.add_edge(a + offset, b + offset)
        offset += size
    return graph


@pytest.fixture(scope="module")
def people_like() -> tuple[ig.Graph, np.ndarray]:
    graph = _people_like(1)
    n = graph.number_of_nodes()
    exact = nx.betweenness_centrality(graph)
    g = ig.Graph(n=n, edges=list(graph.edges()))
    g.vs["name"] = [str(i) for i in range(n)]
    return g, np.asarray([exact[i] for i in range(n)])


@pytest.mark.slow
@pytest.mark.parametrize(("kw", "recall", "rho"), [
    ({"max_work": 1e6}, 0.9, 0.85),  # doubling rounds until the top 50 agree (<= 400)
    ({"large_nodes": 100, "large_samples": 64}, 0.8, 0.7),  # a fixed 64 of 1,000
])  # fmt: skip
def test_component_betweenness_against_networkx(
    people_like: tuple[ig.Graph, np.ndarray], kw: dict[str, int], recall: float, rho: float
) -> None:
    g, exact = people_like
    frame = ranked_betweenness(g, exact_max_nodes=500, seed=0, **kw)
    est = frame["betweenness_centrality"].to_numpy()
    err = frame["betweenness_stderr"].to_numpy()
    assert frame.attrs["algorithm"] == "sampled"
    assert frame.attrs["sampled_components"] == 1
    assert frame.attrs["exact_components"] == 200
    # the small components are networkx's exact values, with no sampling error
    small = np.arange(len(est)) >= 1000
    np.testing.assert_allclose(est[small], exact[small], rtol=1e-9, atol=1e-15)
    assert (err[small] == 0).all()
    # the sampled one ranks its top entities: recall of the top 50, rank correlation
    # over the top 200, and the 95 % intervals of the top 50
    top = np.argsort(-exact, kind="stable")[:50]
    got = np.argsort(-est, kind="stable")[:50]
    assert len(set(top.tolist()) & set(got.tolist())) / 50 >= recall
    best = np.argsort(-exact, kind="stable")[:200]
    assert spearmanr(est[best], exact[best]).statistic >= rho
    assert np.mean(np.abs(est[top] - exact[top]) <= 1.96 * err[top]) >= 0.85
    again = ranked_betweenness(g, exact_max_nodes=500, seed=0, **kw)
    np.testing.assert_array_equal(est, again["betweenness_centrality"].to_numpy())


def test_all_components_exact_within_the_limits(
    people_like: tuple[ig.Graph, np.ndarray],
) -> None:
    """Above exact_max_nodes entities in all, but every component within the limits:
    exact, the same as networkx (the old whole-graph rule sampled here)."""
    g, exact = people_like
    frame = ranked_betweenness(g, exact_max_nodes=2000, exact_max_work=1e8)
    assert g.vcount() > 2000
    assert frame.attrs["algorithm"] == "exact"
    np.testing.assert_allclose(frame["betweenness_centrality"].to_numpy(), exact, atol=1e-15)
