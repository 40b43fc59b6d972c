"""`analyze`'s whole-network statistics are of the graph its table is of: --directed and
--distance inverse-weight change the betweenness centralisation, diameter and path length
(and density counts arcs when directed), checked against networkx on the same file."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from click.testing import CliRunner

from linkgraph.cli import cli

#: Directed, weighted, with returned and unreturned calls and a node (h) outside the
#: largest strongly connected component.
CALLS = [("a", "b", 3), ("b", "a", 1), ("b", "c", 2), ("c", "d", 1), ("d", "b", 4),
         ("d", "e", 1), ("e", "f", 2), ("f", "d", 1), ("c", "g", 5), ("g", "a", 1),
         ("f", "h", 1)]  # fmt: skip


#: How the line says a tie sums its edges' weights (a and b called each other both ways).
SUMMED = "undirected, a tie weighs the sum of its edges' weights both ways and of every kind"


def _run(*args: str) -> str:
    out = CliRunner().invoke(cli, list(args))
    assert out.exit_code == 0, out.output
    return out.output


def _case(tmp_path: Path, source: Path) -> Path:
    """`mapping suggest`, `ingest` with the draft as it is, then `resolve`."""
    mapping = tmp_path / "draft.yaml"
    _run("mapping", "suggest", str(source), "-o", str(mapping))
    case = tmp_path / "case"
    _run("ingest", str(source), "--mapping", str(mapping), "-o", str(case), "-q")
    _run("resolve", str(case), "-q")
    return case


def _statistics(case: Path, *options: str) -> tuple[dict, str]:
    output = _run("analyze", str(case), "-q", *options)
    step = json.loads((case / "manifest.json").read_text())["steps"][-1]
    return step, output


def _freeman(betweenness: dict) -> float:
    top = max(betweenness.values())
    return sum(top - b for b in betweenness.values()) / (len(betweenness) - 1)


def _inverse_weight_graph(g: nx.DiGraph) -> nx.Graph:
    """The undirected graph --distance inverse-weight measures: one tie per pair of
    weight w_ij + w_ji, length 1 / that."""
    u = nx.Graph()
    for s, t, w in g.edges(data="weight"):
        old = u[s][t]["weight"] if u.has_edge(s, t) else 0
        u.add_edge(s, t, weight=old + w)
    for _, _, d in u.edges(data=True):
        d["length"] = 1.0 / d["weight"]
    return u


@pytest.fixture
def calls_case(tmp_path: Path) -> tuple[Path, nx.DiGraph]:
    path = tmp_path / "calls.csv"
    pd.DataFrame(CALLS, columns=["source", "target", "weight"]).to_csv(path, index=False)
    g = nx.DiGraph()
    g.add_weighted_edges_from(CALLS)
    return _case(tmp_path, path), g


def test_directed_statistics_are_of_the_directed_graph(calls_case) -> None:
    case, g = calls_case
    step, output = _statistics(case, "--directed")
    stats = step["graph_statistics"]
    column = pd.read_parquet(case / "metrics.parquet").set_index("label")
    betweenness = nx.betweenness_centrality(g)
    assert column.loc["d", "betweenness_centrality"] == pytest.approx(betweenness["d"])
    assert stats["betweenness_centralization"] == pytest.approx(_freeman(betweenness))
    assert stats["density"] == pytest.approx(nx.density(g))  # arcs / n(n-1)
    assert stats["arcs"] == g.number_of_edges()
    assert stats["edges"] == g.to_undirected().number_of_edges()  # ties
    strong = g.subgraph(max(nx.strongly_connected_components(g), key=len))
    assert stats["largest_strong_component"] == len(strong) == 7
    assert stats["diameter"] == nx.diameter(strong)
    assert stats["average_path_length"] == pytest.approx(nx.average_shortest_path_length(strong))
    assert stats["reciprocity"] == pytest.approx(nx.reciprocity(g))
    # the undirected-only figures are of the ties, and the output says so
    assert stats["transitivity"] == pytest.approx(nx.transitivity(g.to_undirected()))
    assert step["graph_statistics_basis"].startswith("directed, distances in hops")
    assert f"betweenness centralization {_freeman(betweenness):.4g}" in output
    assert "Network (directed" in output
    assert "11 edges (10 ties)" in output  # not "11 edges": the ties are said too


def test_inverse_weight_statistics_use_the_same_distances(calls_case) -> None:
    case, g = calls_case
    step, output = _statistics(case, "--distance", "inverse-weight")
    stats = step["graph_statistics"]
    u = _inverse_weight_graph(g)
    betweenness = nx.betweenness_centrality(u, weight="length")
    column = pd.read_parquet(case / "metrics.parquet").set_index("label")
    for v, value in betweenness.items():
        assert column.loc[v, "betweenness_centrality"] == pytest.approx(value, abs=1e-9)
    assert stats["betweenness_centralization"] == pytest.approx(_freeman(betweenness))
    assert stats["betweenness_centralization"] != pytest.approx(
        _freeman(nx.betweenness_centrality(u))
    )  # the hop figure differs here, so the test tells them apart
    assert stats["diameter"] == pytest.approx(nx.diameter(u, weight="length"))
    assert stats["average_path_length"] == pytest.approx(
        nx.average_shortest_path_length(u, weight="length")
    )
    assert stats["density"] == pytest.approx(nx.density(u))
    # a and b called each other both ways (3 and 1): one tie weighing 4, and the line says so
    assert step["graph_statistics_basis"] == f"{SUMMED}, distances 1/weight"
    assert f"Network ({SUMMED}, distances 1/weight)" in output


def test_default_statistics_stay_undirected_hops(calls_case) -> None:
    case, g = calls_case
    step, output = _statistics(case)
    stats = step["graph_statistics"]
    u = g.to_undirected()
    assert stats["betweenness_centralization"] == pytest.approx(
        _freeman(nx.betweenness_centrality(u))
    )
    assert stats["diameter"] == nx.diameter(u)
    assert stats["density"] == pytest.approx(nx.density(u))
    assert "arcs" not in stats
    assert f"Network ({SUMMED}, distances in hops)" in output


def test_summed_ties_said_only_when_some_pair_has_several_edges(tmp_path: Path) -> None:
    """The sum is said where it happens: not for a file with each pair once, nor with
    --unweighted (every tie weighs 1); and with --directed each arc keeps its weight."""
    path = tmp_path / "once.csv"
    once = [(s, t, w) for s, t, w in CALLS if (s, t) != ("b", "a")]
    pd.DataFrame(once, columns=["source", "target", "weight"]).to_csv(path, index=False)
    step, _ = _statistics(_case(tmp_path, path))
    assert step["graph_statistics_basis"] == "undirected, distances in hops"
    both = tmp_path / "both"
    both.mkdir()
    source = both / "calls.csv"
    pd.DataFrame(CALLS, columns=["source", "target", "weight"]).to_csv(source, index=False)
    case = _case(both, source)
    step, _ = _statistics(case, "--unweighted")
    assert step["graph_statistics_basis"] == "undirected, distances in hops"
    step, _ = _statistics(case, "--directed")
    assert "sum" not in step["graph_statistics_basis"]


def test_caviar_centralization_follows_the_options(shared_datasets: Path, tmp_path: Path) -> None:
    """Morselli's CAVIAR matrix: Freeman betweenness centralisation 0.6278 undirected,
    0.3896 directed, 0.88 with 1/(w_ij + w_ji) distances (networkx on the file)."""
    src = shared_datasets / "ucinet_criminal_matrices" / "morselli_caviar.csv"
    matrix = pd.read_csv(src, index_col=0, encoding="utf-8-sig")
    matrix.index = matrix.index.astype(str)
    g = nx.from_pandas_adjacency(matrix, create_using=nx.DiGraph)
    case = _case(tmp_path, src)
    want = {
        (): _freeman(nx.betweenness_centrality(g.to_undirected())),
        ("--directed",): _freeman(nx.betweenness_centrality(g)),
        ("--distance", "inverse-weight"): _freeman(
            nx.betweenness_centrality(_inverse_weight_graph(g), weight="length")
        ),
    }
    assert [round(v, 4) for v in want.values()] == [0.6278, 0.3896, 0.88]
    for options, value in want.items():
        stats = _statistics(case, *options)[0]["graph_statistics"]
        assert stats["betweenness_centralization"] == pytest.approx(value, abs=1e-9), options
