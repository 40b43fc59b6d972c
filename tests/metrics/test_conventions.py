"""Which measures of ``analyze`` use link weights, which direction ``--directed`` follows,
Katz's alpha, the paths ``path -k`` picks among equal lengths, the eigenvector caveat on a
network in pieces: all through the CLI, against networkx (docs/concepts.md, Weights,
distances and normalisation)."""

from __future__ import annotations

import itertools
import json
import random
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
from click.testing import CliRunner

from linkgraph.cli import cli

# A small weighted network: A-B is heavy (5 one way, 1 back), so weighted and unweighted
# measures differ.
EDGES = [("A", "B", 5), ("B", "A", 1), ("A", "C", 1), ("B", "C", 1), ("C", "D", 4),
         ("D", "E", 1), ("E", "F", 1), ("D", "F", 3), ("F", "G", 2), ("G", "H", 1),
         ("E", "H", 1), ("A", "H", 1)]  # fmt: skip


def _run(*args: str) -> str:
    out = CliRunner().invoke(cli, list(args))
    assert out.exit_code == 0, out.output
    return out.output


def _case(tmp_path: Path, edges: list[tuple[str, str, int]], name: str = "case") -> Path:
    src = tmp_path / f"{name}.csv"
    pd.DataFrame(edges, columns=["source", "target", "weight"]).to_csv(src, index=False)
    case = tmp_path / name
    _run("ingest", str(src), "--preset", "edgelist", "-o", str(case), "-q")
    _run("resolve", str(case), "-q")
    return case


def _metrics(case: Path) -> pd.DataFrame:
    return pd.read_parquet(case / "metrics.parquet").set_index("label")


def _close(ours: pd.Series, reference: dict[str, float]) -> bool:
    ref = pd.Series(reference).reindex(ours.index)
    return bool(np.allclose(ours.to_numpy(float), ref.to_numpy(float), rtol=1e-5, atol=1e-8))


def _undirected(edges: list[tuple[str, str, int]]) -> nx.Graph:
    g = nx.Graph()
    for s, t, w in edges:  # w_ij + w_ji, as the undirected view sums them
        g.add_edge(s, t, weight=g.get_edge_data(s, t, {"weight": 0})["weight"] + w)
    return g


def test_weighted_and_unweighted_measures_match_networkx(tmp_path: Path) -> None:
    case = _case(tmp_path, EDGES)
    _run("analyze", str(case), "-q")
    m, g = _metrics(case), _undirected(EDGES)
    weighted_hub, weighted_authority = nx.hits(g, max_iter=10_000)  # nx.hits uses weights
    plain_hub, _ = nx.hits(nx.Graph(g.edges()), max_iter=10_000)
    weighted = {
        "pagerank": (nx.pagerank(g, tol=1e-12), nx.pagerank(g, weight=None, tol=1e-12)),
        "hub": (weighted_hub, plain_hub),
        "authority": (weighted_authority, plain_hub),
    }
    unweighted = {
        "eigenvector_centrality": (nx.eigenvector_centrality(g, weight=None),
                                   nx.eigenvector_centrality(g, weight="weight")),
        "katz_centrality": (nx.katz_centrality_numpy(g, alpha=0.1, weight=None),
                            nx.katz_centrality_numpy(g, alpha=0.1, weight="weight")),
        "clustering": (nx.clustering(g), nx.clustering(g, weight="weight")),
        "constraint": (nx.constraint(g), nx.constraint(g, weight="weight")),
        "effective_size": (nx.effective_size(g), nx.effective_size(g, weight="weight")),
    }  # fmt: skip
    for col, (same, other) in {**weighted, **unweighted}.items():
        assert _close(m[col], same), col
        assert not _close(m[col], other), col  # the two conventions differ here
    step = json.loads((case / "manifest.json").read_text())["steps"][-1]
    parts = [set(v) for v in m.groupby("community").groups.values()]
    q = step["algorithms"]["community"]["modularity"]
    assert np.isclose(q, nx.community.modularity(g, parts, weight="weight"))
    assert not np.isclose(q, nx.community.modularity(g, parts, weight=None))


def test_directed_closeness_counts_incoming_distances(tmp_path: Path) -> None:
    case = _case(tmp_path, EDGES)
    _run("analyze", str(case), "--directed", "-q")
    m = _metrics(case)
    d = nx.DiGraph()
    d.add_weighted_edges_from(EDGES)
    assert _close(m["closeness_centrality"], nx.closeness_centrality(d))
    assert not _close(m["closeness_centrality"], nx.closeness_centrality(d.reverse()))
    assert _close(m["harmonic_centrality"], nx.harmonic_centrality(d))
    assert _close(m["pagerank"], nx.pagerank(d, tol=1e-12))  # w_ij, each direction


def test_katz_alpha_is_lowered_below_one_over_the_largest_eigenvalue(tmp_path: Path) -> None:
    # K11 and a pendant entity: largest eigenvalue above 10, where 0.1 would diverge.
    edges = [(f"n{i}", f"n{j}", 1) for i, j in itertools.combinations(range(11), 2)]
    case = _case(tmp_path, [*edges, ("n0", "tail", 1)])
    _run("analyze", str(case), "-q")
    g = _undirected([*edges, ("n0", "tail", 1)])
    lam = max(abs(np.linalg.eigvals(nx.to_numpy_array(g))))
    assert lam > 9
    step = json.loads((case / "manifest.json").read_text())["steps"][-1]
    assert np.isclose(step["algorithms"]["katz_centrality"]["alpha"], 0.9 / lam)
    reference = nx.katz_centrality_numpy(g, alpha=0.9 / lam, weight=None)
    assert _close(_metrics(case)["katz_centrality"], reference)


def _paths(case: Path, a: str, b: str, k: int) -> list[list[str]]:
    rows = pd.read_csv(__import__("io").StringIO(_run("path", str(case), a, b, "-k", str(k),
                                                      "--csv")))  # fmt: skip
    return [[r["src_label"].iloc[0], *r["dst_label"]] for _, r in rows.groupby("path")]


def test_path_k_takes_equal_lengths_by_label_whatever_the_file_order(tmp_path: Path) -> None:
    """The first k simple paths by hop count, then by the labels along them, as sorting
    networkx's paths gives; the same with the file's rows in another order."""
    rng = random.Random(3)
    g = nx.gnm_random_graph(40, 90, seed=7)
    names = {v: f"p{rng.randrange(10**6):06d}" for v in g}
    edges = [(names[u], names[v], 1) for u, v in g.edges()]
    a, b = names[0], names[39]
    every = sorted(nx.all_simple_paths(nx.relabel_nodes(g, names), a, b, cutoff=6),
                   key=lambda p: (len(p), p))  # fmt: skip
    shuffled = edges[:]
    rng.shuffle(shuffled)
    cases = [_case(tmp_path, edges, "one"), _case(tmp_path, shuffled[::-1], "two")]
    for k in (1, 4, 12):
        assert every[k - 1] != every[k]  # ties of equal length exist at the cut (below)
        for case in cases:
            assert _paths(case, a, b, k) == every[:k], k
    lengths = [len(p) for p in every[:13]]
    assert len(set(lengths)) < len(lengths)  # equal lengths, so the rule decides


def test_eigenvector_note_on_a_network_in_pieces(tmp_path: Path) -> None:
    """A K4 and a triangle: the triangle's entities get about 0 (as networkx), and the
    analyze table and the report say the ranking is within one group."""
    k4 = [(f"k{i}", f"k{j}", 1) for i, j in itertools.combinations(range(4), 2)]
    tri = [("t0", "t1", 1), ("t1", "t2", 1), ("t0", "t2", 1)]
    case = _case(tmp_path, k4 + tri)
    out = CliRunner().invoke(cli, ["analyze", str(case), "--type", "all", "--by",
                                   "eigenvector_centrality", "--csv"])  # fmt: skip
    assert out.exit_code == 0, out.output
    reference = nx.eigenvector_centrality(_undirected(k4 + tri), weight=None)
    m = _metrics(case)["eigenvector_centrality"]
    assert np.allclose(m.to_numpy(float), pd.Series(reference).reindex(m.index), atol=1e-6)
    assert m[["t0", "t1", "t2"]].max() < 1e-4 < 0.4 < m[["k0", "k1"]].min()
    note = ("of the 2 groups with links, group 0 (4 entities) has the largest eigenvalue "
            "and the other 3 entities with links score about 0")  # fmt: skip
    assert note in out.stderr
    assert note not in out.stdout  # stdout stays CSV
    assert note in _run("analyze", str(case), "--by", "eigenvector_centrality")
    assert note not in _run("analyze", str(case))  # other rankings: no note
    report = tmp_path / "report.html"
    _run("report", str(case), "-o", str(report))
    assert note in report.read_text(encoding="utf-8")


def test_no_eigenvector_note_with_one_group(tmp_path: Path) -> None:
    case = _case(tmp_path, EDGES)
    assert "connected group" not in _run("analyze", str(case), "--by",
                                         "eigenvector_centrality")  # fmt: skip


def test_counts_in_the_singular(tmp_path: Path) -> None:
    src = tmp_path / "pair.csv"
    src.write_text("source,target\nAna,Ben\n")
    case = tmp_path / "case"
    _run("ingest", str(src), "--preset", "edgelist", "-o", str(case), "-q")
    assert "2 mentions → 2 entities (0 candidate person pairs" in _run("resolve", str(case), "-q")
    assert "2 entities, 1 edge, 1 community (resolution" in _run("analyze", str(case), "-q")
