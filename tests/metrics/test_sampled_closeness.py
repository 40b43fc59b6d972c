"""Sampled closeness and harmonic centrality against the exact values, and in analyze."""

from __future__ import annotations

import math
import random

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from linkgraph import metrics
from linkgraph.graph import EntityGraph
from linkgraph.metrics import AnalyzeConfig, centrality
from linkgraph.model import Case

from .conftest import to_entity_graph

MEASURES = ["closeness_centrality", "harmonic_centrality"]
STDERR = {"closeness_centrality": "closeness_stderr", "harmonic_centrality": "harmonic_stderr"}


def multi_component_graph() -> nx.Graph:
    """About 3,000 entities: planted-partition components of 2,000, 600, 300 and ~100
    entities (cells of 100 or 50), twenty 3-chains and ten isolated entities."""
    parts = []
    for i, (cells, size) in enumerate([(20, 100), (6, 100), (3, 100), (2, 50)]):
        g = nx.planted_partition_graph(cells, size, 0.08, 0.002, seed=i)
        parts.append(g.subgraph(max(nx.connected_components(g), key=len)).copy())
    small = [nx.path_graph(3)] * 20 + [nx.empty_graph(1)] * 10
    return nx.disjoint_union_all(parts + small)


@pytest.fixture(scope="module")
def mid_size() -> EntityGraph:
    return to_entity_graph(multi_component_graph())


@pytest.fixture(scope="module")
def exact(mid_size: EntityGraph) -> dict[str, pd.Series]:
    return {m: getattr(metrics, m)(mid_size, exact_max_nodes=None)[m] for m in MEASURES}


@pytest.mark.parametrize("measure", MEASURES)
def test_sampled_ranks_and_values_like_exact(
    mid_size: EntityGraph, exact: dict[str, pd.Series], measure: str
) -> None:
    est = getattr(metrics, measure)(mid_size, k=128, with_stderr=True)
    assert est.attrs["algorithm"] == "sampled"
    assert est.attrs["k"] == 128
    assert est.attrs["unestimated_entities"] == 0
    # Components of 300 and ~100, the chains and the isolated entities are exact; the
    # sources are drawn from the components of 2,000 and 600.
    assert est.attrs["exact_entities"] == 468
    got, ref = est[measure], exact[measure]
    assert got.notna().all()
    assert got.corr(ref, method="spearman") >= 0.9
    positive = ref > 0
    rel = ((got - ref).abs() / ref)[positive]
    assert rel.mean() <= 0.05
    # Small components are exact, with a zero standard error.
    small = est.index[est[STDERR[measure]] == 0]
    assert len(small) >= 468
    np.testing.assert_allclose(got[small], ref[small], rtol=1e-12)
    # The standard errors are calibrated: most estimates lie within 3 of them.
    z = (got - ref).abs() / est[STDERR[measure]]
    assert (z[est[STDERR[measure]] > 0] <= 3).mean() >= 0.9
    assert 0 < est.attrs["relative_stderr_median"] < 0.1


def _reference(eg: EntityGraph, directed: bool) -> tuple[object, nx.Graph]:
    view = eg.view(directed=directed)
    ref = nx.DiGraph() if directed else nx.Graph()
    names = view.vs["name"]
    ref.add_nodes_from(names)
    ref.add_weighted_edges_from((names[e.source], names[e.target], e["weight"]) for e in view.es)
    return view, ref


@pytest.mark.parametrize("small_components", [0, 20])
@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("distance", [None, "weight"])
def test_all_sources_sampled_equals_networkx(
    monkeypatch: pytest.MonkeyPatch, small_components: int, directed: bool, distance: str | None
) -> None:
    """k = n is exact, whether components go through sampling (0) or the exact path."""
    monkeypatch.setattr(centrality, "SMALL_COMPONENT_NODES", small_components)
    g = nx.gnp_random_graph(300, 0.008, seed=1, directed=directed)
    rng = random.Random(2)
    for _, _, d in g.edges(data=True):
        d["weight"] = float(rng.randint(1, 5))
    view, ref = _reference(to_entity_graph(g), directed)
    n = view.vcount()
    for wf in (True, False):
        ours = metrics.closeness_centrality(
            view, k=n, distance=distance, wf_improved=wf, with_stderr=True
        )
        assert ours.attrs["k"] + ours.attrs["exact_entities"] == n
        expected = nx.closeness_centrality(ref, distance=distance, wf_improved=wf)
        got = ours["closeness_centrality"].to_numpy()
        want = pd.Series(expected).reindex(ours.index).to_numpy()
        assert got == pytest.approx(want, rel=1e-9, abs=1e-12)
        assert (ours["closeness_stderr"] == 0).all()
    ours = metrics.harmonic_centrality(view, k=n, distance=distance, with_stderr=True)
    want = pd.Series(nx.harmonic_centrality(ref, distance=distance)).reindex(ours.index)
    assert ours["harmonic_centrality"].to_numpy() == pytest.approx(want.to_numpy(), rel=1e-9)
    assert (ours["harmonic_stderr"] == 0).all()


def test_component_without_source_is_nan_with_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(centrality, "SMALL_COMPONENT_NODES", 0)  # sample every component
    g = nx.disjoint_union(nx.barabasi_albert_graph(400, 2, seed=1), nx.path_graph(5))
    g.add_node("alone")
    eg = to_entity_graph(g)
    res = metrics.harmonic_centrality(eg, k=20, seed=0)
    values = res["harmonic_centrality"]
    # Only n401 of the path was drawn: the other four are estimated from it, it is NaN.
    assert values.isna().sum() == res.attrs["unestimated_entities"] == 1
    assert np.isnan(values["n401"])
    assert values[["n400", "n402", "n403", "n404"]].notna().all()
    assert "no sampled source besides themselves" in res.attrs["reason"]
    assert values["alone"] == 0.0  # alone in its component: 0, as networkx


def test_budget_stops_sampling_at_the_floor(mid_size: EntityGraph) -> None:
    res = metrics.closeness_centrality(mid_size, k=500, budget_seconds=0.0)
    assert res.attrs["k"] == centrality.MIN_BUDGET_SAMPLES
    assert res.attrs["k_requested"] == 500
    assert res.attrs["budget_seconds"] == 0.0


def test_size_cutoff_switches_to_sampling(mid_size: EntityGraph) -> None:
    res = metrics.closeness_centrality(mid_size, exact_max_nodes=1_000, samples=40)
    assert (res.attrs["algorithm"], res.attrs["k"]) == ("sampled", 40)
    assert list(res.columns) == ["closeness_centrality"]
    with pytest.raises(ValueError, match="k must be"):
        metrics.harmonic_centrality(mid_size, k=0)


def test_analyze_samples_closeness_and_reports_betweenness_stderr(mid_size: EntityGraph) -> None:
    config = AnalyzeConfig(
        exact_betweenness_max_nodes=1_000,
        betweenness_samples=32,
        betweenness_max_work=64 * 2_000,  # at most 64 sources
        exact_closeness_max_nodes=1_000,
        closeness_samples=64,
        brokerage_max_nodes=1_000,
    )
    m = metrics.analyze_graph(mid_size, config)
    algos = m.attrs["algorithms"]
    for name in MEASURES:
        assert algos[name]["algorithm"] == "sampled"
        assert algos[name]["k"] == 64
        assert 0 < algos[name]["relative_stderr_median"] < 0.2
        assert m[name].notna().all()
    assert "closeness_stderr" not in m.columns
    assert algos["betweenness_centrality"]["algorithm"] == "sampled"
    err = m["betweenness_stderr"]
    assert err.notna().all()
    assert err.max() == pytest.approx(algos["betweenness_centrality"]["stderr_max"])
    # Components above the exact limits are sampled (here the largest alone): there an
    # entity with positive estimated betweenness has a positive standard error; the other
    # components are exact, without sampling error.
    sampled = (m["component"] == 0).to_numpy()
    assert algos["betweenness_centrality"]["sampled_entities"] == sampled.sum() < len(m)
    assert (err[sampled & (m["betweenness_centrality"] > 0).to_numpy()] > 0).all()
    assert (err[~sampled] == 0).all()


def test_analyze_exact_betweenness_has_nan_stderr_and_manifest(
    small_case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = metrics.analyze(small_case)
    assert out.metrics is not None
    assert out.metrics["betweenness_stderr"].isna().all()
    # Every component of the small case is small, hence exact even above the cutoff...
    config = AnalyzeConfig(exact_closeness_max_nodes=5, closeness_samples=4)
    step = metrics.analyze(small_case, config).manifest["steps"][-1]
    assert step["algorithms"]["closeness_centrality"]["algorithm"] == "exact"
    # ... unless small components are sampled too: then k and the error are recorded.
    monkeypatch.setattr(centrality, "SMALL_COMPONENT_NODES", 0)
    step = metrics.analyze(small_case, config).manifest["steps"][-1]
    for name in MEASURES:
        recorded = step["algorithms"][name]
        assert recorded["algorithm"] == "sampled"
        assert (recorded["k"], recorded["k_requested"], recorded["seed"]) == (4, 4, 0)
        assert math.isfinite(recorded["stderr_max"])
        assert "relative_stderr_median" in recorded


def test_public_functions_exported_with_examples() -> None:
    for name in ("disruption", "key_player_set", "shortest_paths", "ego_graph",
                 "common_neighbors", "time_window", "measures_by_period",
                 "rising_and_falling", "project"):  # fmt: skip
        assert name in metrics.__all__
    for name in metrics.__all__:
        assert hasattr(metrics, name), name
    for name in ("pagerank", "closeness_centrality", "harmonic_centrality",
                 "eigenvector_centrality", "core_number", "strength", "constraint",
                 "effective_size", "brokerage_roles", "community_summary", "disruption",
                 "key_player_set", "shortest_paths", "ego_graph", "time_window"):  # fmt: skip
        assert "Examples:" in (getattr(metrics, name).__doc__ or ""), name
