"""The shortcuts that make ``analyze`` cheaper at 1M entities give what the plain
computation gives: the canonical view built from the graph's arrays, the key-player
curve of an EntityGraph on arrays, the significance test's threshold in closed form,
Leiden's quality as the modularity, and the runtime switches put back as they were."""

from __future__ import annotations

import gc
import math

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from linkgraph.graph import EntityGraph
from linkgraph.metrics._common import (
    canonical_view,
    canonical_view_of,
    one_arrow_thread,
    paused_gc,
)
from linkgraph.metrics.communities import _leiden, _lowest_threshold
from linkgraph.metrics.key_players import disruption
from linkgraph.model import Case


def _entity_graph(n: int, p: float, seed: int, *, directed: bool = False) -> EntityGraph:
    """A random graph with repeated labels and types (so the canonical order needs its
    tie-breakers) and weights."""
    g = nx.gnp_random_graph(n, p, seed=seed, directed=directed)
    rng = np.random.default_rng(seed)
    for v in g.nodes:
        g.nodes[v]["label"] = f"name{int(rng.integers(0, n // 4))}"
        g.nodes[v]["type"] = ["person", "phone"][int(rng.integers(0, 2))]
    for u, v in g.edges:
        g.edges[u, v]["weight"] = float(rng.integers(1, 4))
    return EntityGraph.from_networkx(g)


@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("weighted", [True, False])
def test_canonical_view_from_arrays_equals_canonical_view_of_the_view(
    directed: bool, weighted: bool
) -> None:
    graph = _entity_graph(300, 0.02, 4, directed=directed)
    ref = canonical_view(graph, graph.view(directed=directed, weighted=weighted))
    got = canonical_view_of(graph, directed=directed, weighted=weighted)
    assert got.vs["name"] == ref.vs["name"]
    assert got.get_edgelist() == ref.get_edgelist()
    assert got.es["weight"] == ref.es["weight"]
    assert got.is_directed() == ref.is_directed()


def test_canonical_order_sorts_as_python_sorts_labels() -> None:
    """Label order is code-point order (Python's), non-ASCII included; degree breaks ties
    (higher first)."""
    g = nx.Graph()
    labels = {"a": "Éva", "b": "Zoe", "c": "Ana", "d": "ana", "e": "Zoe"}
    for v, label in labels.items():
        g.add_node(v, label=label)
    g.add_edges_from([("b", "c"), ("b", "d"), ("e", "a")])
    view = canonical_view_of(EntityGraph.from_networkx(g))
    got = [labels[name] for name in view.vs["name"]]
    assert got == sorted(labels.values())
    assert view.vs["name"][1:3] == ["b", "e"]  # both "Zoe": degree 2 before degree 1


def test_degree_curve_of_an_entity_graph_equals_deleting_one_by_one() -> None:
    """The EntityGraph path (edges from the graph's arrays, labels looked up for the
    removed only) against igraph deletions on its view."""
    graph = _entity_graph(400, 0.006, 7)
    cols = ["step", "removed", "label", "lcc_fraction", "lcc_size", "components",
            "fragmentation"]  # fmt: skip
    slow = disruption(graph, by="degree", k=25, efficiency=True)
    fast = disruption(graph, by="degree", k=25, efficiency=False)
    pd.testing.assert_frame_equal(fast[cols], slow[cols], check_exact=False, rtol=1e-12)
    assert fast.attrs["removed"] == slow.attrs["removed"]
    assert fast["label"].iloc[1] == str(graph.nodes["label"][fast["removed"].iloc[1]])


@pytest.mark.parametrize("z", [1.0, 3.0, 5.0])
def test_lowest_threshold_is_the_minimum_over_the_unknown_values(z: float) -> None:
    """Against a dense grid over the value ``y`` standing for the undrawn twins."""
    rng = np.random.default_rng(int(z))
    for _ in range(300):
        samples = int(rng.integers(2, 6))
        seen = rng.normal(rng.uniform(-0.4, 0.9), rng.choice([1e-4, 0.003, 0.02, 0.3]),
                          int(rng.integers(1, samples))).clip(-0.5, 1.0).tolist()  # fmt: skip
        rest = samples - len(seen)

        def threshold(
            ys: np.ndarray, seen: list[float] = seen, rest: int = rest, samples: int = samples
        ) -> np.ndarray:
            mean = (sum(seen) + rest * ys) / samples
            var = (sum(v * v for v in seen) + rest * ys * ys) / samples - mean * mean
            return mean + z * np.maximum(np.sqrt(np.maximum(var, 0.0)), 0.01)

        ys = np.linspace(-0.5, 1.0, 30_001)
        best = ys[int(np.argmin(threshold(ys)))]  # then a finer grid around the best
        fine = np.linspace(max(best - 1e-4, -0.5), min(best + 1e-4, 1.0), 20_001)
        grid = float(np.min(threshold(fine)))
        got = _lowest_threshold(seen, samples, z)
        assert got <= grid + 1e-12
        assert got >= grid - 1e-8


def test_lowest_threshold_with_every_value_drawn() -> None:
    seen = [0.3, 0.32, 0.35]
    mean = sum(seen) / 3
    sd = math.sqrt(sum((v - mean) ** 2 for v in seen) / 3)
    assert _lowest_threshold(seen, 3, 3.0) == pytest.approx(mean + 3.0 * max(sd, 0.01))


@pytest.mark.parametrize("weighted", [True, False])
def test_leiden_quality_is_the_modularity(weighted: bool) -> None:
    g = ig.Graph.Erdos_Renyi(n=150, m=600)
    a, b = (np.asarray(x, dtype=np.int64) for x in zip(*g.get_edgelist(), strict=True))
    w = np.random.default_rng(2).uniform(0.5, 3.0, g.ecount()) if weighted else None
    parts, q = _leiden(150, a, b, w, seed=3, n_iterations=2)
    ref = g.modularity(parts.tolist(), weights=None if w is None else w.tolist())
    assert q == pytest.approx(ref, abs=1e-12)
    assert len(set(parts.tolist())) > 1


def test_runtime_switches_are_put_back() -> None:
    assert gc.isenabled()
    cpu = pa.cpu_count()
    with paused_gc(), one_arrow_thread():
        assert not gc.isenabled()
        assert pa.cpu_count() == 1
        with paused_gc():
            pass
        assert not gc.isenabled()  # the inner block leaves it to the outer one
    assert gc.isenabled()
    assert pa.cpu_count() == cpu
    with pytest.raises(RuntimeError), paused_gc():
        raise RuntimeError
    assert gc.isenabled()


def test_manifest_records_cpu_seconds_of_every_step(small_case: Case) -> None:
    import time

    from linkgraph import metrics

    before = time.process_time()
    step = metrics.analyze(small_case).manifest["steps"][-1]
    spent = time.process_time() - before
    cpu = step["cpu_seconds"]
    assert set(step["seconds"]) <= set(cpu)
    assert "summaries_and_labels" in cpu
    assert all(v >= 0 for v in cpu.values())
    assert sum(cpu.values()) <= spent + 0.01
