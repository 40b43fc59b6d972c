"""The distance measures in a forked second process give the table one process gives,
and the exact table still matches networkx."""

from __future__ import annotations

import multiprocessing as mp

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from linkgraph.graph import EntityGraph
from linkgraph.metrics import _workers as workers_for
from linkgraph.metrics import analyze_graph
from linkgraph.metrics.config import AnalyzeConfig

pytestmark = pytest.mark.skipif(
    "fork" not in mp.get_all_start_methods(), reason="the second process needs fork"
)


def _graph(n: int, seed: int) -> EntityGraph:
    g = nx.powerlaw_cluster_graph(n, 3, 0.3, seed=seed)
    rng = np.random.default_rng(seed)
    for v in g.nodes:
        g.nodes[v]["label"] = f"p{v}"
        g.nodes[v]["type"] = "person"
    for u, v in g.edges:
        g.edges[u, v]["weight"] = float(rng.integers(1, 4))
    return EntityGraph.from_networkx(g)


@pytest.mark.parametrize(
    "sampled",
    [False, True],
    ids=["exact", "sampled"],
)
def test_two_processes_give_the_table_of_one(sampled: bool) -> None:
    graph = _graph(1500, 7)
    base = AnalyzeConfig()
    if sampled:  # force the sampled betweenness and closeness on a small graph
        base = AnalyzeConfig(
            exact_betweenness_max_nodes=100, exact_closeness_max_nodes=100,
            betweenness_large_nodes=100,
        )  # fmt: skip
    one = analyze_graph(graph, _with(base, workers=1))
    two = analyze_graph(graph, _with(base, workers=2))
    pd.testing.assert_frame_equal(one, two)
    assert _untimed(one.attrs["algorithms"]) == _untimed(two.attrs["algorithms"])
    if not sampled:
        ref = nx.betweenness_centrality(graph.to_networkx().to_undirected())
        got = two["betweenness_centrality"]
        assert max(abs(got[k] - v) for k, v in ref.items()) < 1e-6


def test_a_failing_child_is_reported_not_hidden(monkeypatch: pytest.MonkeyPatch) -> None:
    import linkgraph.metrics as metrics

    def boom(*args, **kwargs):
        raise ValueError("no betweenness today")

    monkeypatch.setattr(metrics, "ranked_betweenness", boom)
    with pytest.raises(RuntimeError, match="no betweenness today"):
        analyze_graph(_graph(300, 1), AnalyzeConfig(workers=2))


def test_small_graphs_stay_in_one_process() -> None:
    assert workers_for(AnalyzeConfig(), 1000) == 1
    assert workers_for(AnalyzeConfig(workers=3), 10) == 3


def _with(config: AnalyzeConfig, **changes: object) -> AnalyzeConfig:
    from dataclasses import replace

    return replace(config, **changes)


def _untimed(algorithms: dict) -> dict:
    """The algorithms' records without their timings (which no two runs share)."""
    return {
        step: {k: v for k, v in record.items() if "seconds" not in k}
        for step, record in algorithms.items()
    }
