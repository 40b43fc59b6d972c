"""Whole-network statistics, the degree-preserving null model and the per-entity extras
(in/out degree and strength, clustering, Katz, hubs/authorities, 1/weight distances),
against networkx and through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.metrics.network import (
    clustering,
    directed_degrees,
    graph_statistics,
    hits,
    katz_centrality,
)

from .conftest import to_entity_graph


def _freeman(values: dict, n: int, denominator: float) -> float:
    top = max(values.values())
    return sum(top - v for v in values.values()) / denominator


@pytest.mark.parametrize("name", ["karate", "les_miserables", "florentine", "gnp"])
def test_graph_statistics_match_networkx(name: str) -> None:
    g = {"karate": nx.karate_club_graph(), "les_miserables": nx.les_miserables_graph(),
         "florentine": nx.florentine_families_graph(),
         "gnp": nx.gnp_random_graph(150, 0.02, seed=2)}[name]  # fmt: skip
    view = to_entity_graph(g).view()
    got = graph_statistics(view)
    n = g.number_of_nodes()
    lcc = g.subgraph(max(nx.connected_components(g), key=len))
    deg = {v: d / (n - 1) for v, d in g.degree()}
    want = {
        "density": nx.density(g),
        "components": nx.number_connected_components(g),
        "degree_centralization": _freeman(deg, n, n - 2),
        "betweenness_centralization": _freeman(nx.betweenness_centrality(g), n, n - 1),
        "average_clustering": nx.average_clustering(g),
        "transitivity": nx.transitivity(g),
        "diameter": nx.diameter(lcc),
        "average_path_length": nx.average_shortest_path_length(lcc),
        "degree_assortativity": nx.degree_assortativity_coefficient(g),
    }
    for key, value in want.items():
        assert got[key] == pytest.approx(value, abs=1e-9), key
    assert np.isnan(got["reciprocity"])


def test_directed_statistics_and_degrees() -> None:
    g = nx.gnp_random_graph(60, 0.15, seed=5, directed=True)
    for u, v in g.edges:
        g[u][v]["weight"] = float((u * 7 + v) % 5 + 1)
    eg = to_entity_graph(g)
    view = eg.view(directed=True)
    assert graph_statistics(view)["reciprocity"] == pytest.approx(nx.reciprocity(g))
    assert graph_statistics(view)["density"] == pytest.approx(nx.density(g))
    d = directed_degrees(view)
    h = nx.relabel_nodes(g, {v: f"n{v}" for v in g})
    for v in h:
        assert d.loc[v, "in_degree"] == h.in_degree(v)
        assert d.loc[v, "out_strength"] == pytest.approx(h.out_degree(v, weight="weight"))
    hub_auth = hits(view)
    hubs, auths = nx.hits(h, max_iter=10_000, tol=1e-12)
    for v in h:
        assert hub_auth.loc[v, "hub"] == pytest.approx(hubs[v], abs=1e-6)
        assert hub_auth.loc[v, "authority"] == pytest.approx(auths[v], abs=1e-6)


def test_undirected_hits_matches_networkx() -> None:
    """Undirected hubs = authorities = the principal eigenvector, summing to 1 (nx.hits),
    with link weights; computed once and shared with Katz's largest eigenvalue."""
    g = nx.gnp_random_graph(120, 0.06, seed=8)
    for u, v in g.edges:
        g[u][v]["weight"] = float((u * 3 + v) % 4 + 1)
    view = to_entity_graph(g).view()
    h = nx.relabel_nodes(g, {v: f"n{v}" for v in g})
    got = hits(view)
    hubs, auths = nx.hits(h, max_iter=100_000, tol=1e-14)
    for v in h:
        assert got.loc[v, "hub"] == pytest.approx(hubs[v], abs=1e-8)
        assert got.loc[v, "authority"] == pytest.approx(auths[v], abs=1e-8)
    assert got["hub"].sum() == pytest.approx(1.0)
    unweighted = to_entity_graph(nx.Graph(g.edges())).view()
    lam = katz_centrality(unweighted).attrs["largest_eigenvalue"]
    assert lam == pytest.approx(max(np.linalg.eigvalsh(nx.to_numpy_array(g, weight=None))))


def test_clustering_and_katz_match_networkx() -> None:
    g = nx.relabel_nodes(nx.karate_club_graph(), lambda v: f"n{v}")
    view = to_entity_graph(nx.karate_club_graph()).view(weighted=False)
    c = clustering(view)["clustering"]
    for v, value in nx.clustering(g).items():
        assert c[v] == pytest.approx(value)
    k = katz_centrality(view)
    alpha = k.attrs["alpha"]
    assert alpha < 1 / k.attrs["largest_eigenvalue"]
    want = nx.katz_centrality_numpy(g, alpha=alpha, weight=None)
    for v, value in want.items():
        assert k.loc[v, "katz_centrality"] == pytest.approx(value, abs=1e-9)


def _ingest(tmp_path: Path, g: nx.Graph, name: str = "net.csv") -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / name
    pd.DataFrame([(f"v{u}", f"v{v}", d.get("weight", 1)) for u, v, d in g.edges(data=True)],
                 columns=["source", "target", "weight"]).to_csv(path, index=False)  # fmt: skip
    case = tmp_path / "case"
    out = CliRunner().invoke(cli, ["ingest", str(path), "--preset", "edgelist", "-o", str(case),
                                   "-q"])  # fmt: skip
    assert out.exit_code == 0, out.output
    return case


def test_inverse_weight_distances_through_the_cli(tmp_path: Path) -> None:
    g = nx.les_miserables_graph()
    g = nx.relabel_nodes(g, {v: i for i, v in enumerate(sorted(g))})
    case = _ingest(tmp_path, g)
    out = CliRunner().invoke(cli, ["analyze", str(case), "--distance", "inverse-weight", "-q"])
    assert out.exit_code == 0, out.output
    m = pd.read_parquet(case / "metrics.parquet").set_index("label")
    h = nx.relabel_nodes(g, {v: f"v{v}" for v in g})
    for _, _, d in h.edges(data=True):
        d["length"] = 1.0 / d["weight"]
    bc = nx.betweenness_centrality(h, weight="length")
    cc = nx.closeness_centrality(h, distance="length")
    for v in h:
        assert m.loc[v, "betweenness_centrality"] == pytest.approx(bc[v], abs=1e-9)
        assert m.loc[v, "closeness_centrality"] == pytest.approx(cc[v], abs=1e-9)
    # and the default stays hop counts, as networkx's default
    out = CliRunner().invoke(cli, ["analyze", str(case), "-q"])
    m = pd.read_parquet(case / "metrics.parquet").set_index("label")
    hops = nx.betweenness_centrality(h)
    assert all(m.loc[v, "betweenness_centrality"] == pytest.approx(hops[v]) for v in h)


def test_null_model_through_the_cli(tmp_path: Path) -> None:
    """A network of cells (relaxed caveman) has far more triangles than degree-preserving
    random networks; a random network has not."""
    cells = nx.relaxed_caveman_graph(10, 6, 0.1, seed=1)
    case = _ingest(tmp_path, cells)
    out = CliRunner().invoke(cli, ["analyze", str(case), "--null-model", "99", "-q"])
    assert out.exit_code == 0, out.output
    assert "degree-preserving" in out.output
    step = json.loads((case / "manifest.json").read_text())["steps"][-1]
    stats = step["null_model"]["statistics"]
    assert stats["transitivity"]["observed"] == pytest.approx(nx.transitivity(cells))
    assert stats["transitivity"]["p_value"] <= 0.05
    assert stats["transitivity"]["observed"] > stats["transitivity"]["null_mean"]
    random_case = _ingest(tmp_path / "r", nx.gnm_random_graph(200, 600, seed=1))
    out = CliRunner().invoke(cli, ["analyze", str(random_case), "--null-model", "99", "-q"])
    step = json.loads((random_case / "manifest.json").read_text())["steps"][-1]
    assert step["null_model"]["statistics"]["transitivity"]["p_value"] > 0.05
    assert step["graph_statistics"]["edges"] == 600


def test_katz_by_conjugate_gradients_matches_networkx() -> None:
    """Above 64 entities Katz of an undirected view is solved by conjugate gradients with
    alpha = 0.9 / (largest eigenvalue): still networkx's values."""
    g = nx.barabasi_albert_graph(300, 4, seed=2)
    view = to_entity_graph(g).view(weighted=False)
    k = katz_centrality(view)
    assert k.attrs["algorithm"] == "conjugate_gradient"
    assert k.attrs["alpha"] == pytest.approx(0.9 / k.attrs["largest_eigenvalue"])
    want = nx.katz_centrality_numpy(g, alpha=k.attrs["alpha"], weight=None)
    for v, value in want.items():
        assert k.loc[f"n{v}", "katz_centrality"] == pytest.approx(value, abs=1e-10)


def test_hits_on_components_sharing_the_largest_eigenvalue_is_one_vector() -> None:
    """80 disjoint stars K1,3 (and 20 single links, eigenvalue 1): every star has the
    largest eigenvalue sqrt(3), so any mix of their Perron vectors is a leading
    eigenvector, and ARPACK returned another mix run after run (analyze's bytes changed
    between two runs of one case). The one taken is the all-ones vector's projection
    (power iteration's limit): every star alike, its centre sqrt(3) times a leaf, and the
    single links, below the eigenvalue, at 0. Hand-computed."""
    g = nx.Graph()
    for s in range(80):
        g.add_edges_from((f"c{s}", f"l{s}_{i}") for i in range(3))
    for p in range(20):
        g.add_edge(f"a{p}", f"b{p}")
    runs = [hits(to_entity_graph(g).view()) for _ in range(3)]
    for got in runs[1:]:
        pd.testing.assert_frame_equal(got, runs[0])
    got = runs[0]
    per_star = 1 / 80
    leaf = per_star / (np.sqrt(3) + 3)
    for s in (0, 41, 79):
        assert got.loc[f"c{s}", "hub"] == pytest.approx(np.sqrt(3) * leaf, abs=1e-12)
        assert got.loc[f"l{s}_2", "hub"] == pytest.approx(leaf, abs=1e-12)
    assert got.loc["a3", "hub"] == pytest.approx(0.0, abs=1e-12)
    assert katz_centrality(to_entity_graph(g).view()).attrs["largest_eigenvalue"] == pytest.approx(
        np.sqrt(3)
    )
