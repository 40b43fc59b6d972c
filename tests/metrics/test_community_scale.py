"""Communities at scale: planted partitions of 20-person groups are found through the CLI
at 1k and 10k entities (ARI >= 0.9) with the default settings (γ = 1 and the significance
refinement), and the refinement leaves alone what has no structure beyond chance."""

from __future__ import annotations

from pathlib import Path

import igraph as ig
import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner
from scipy.special import comb

from linkgraph.cli import cli
from linkgraph.metrics.communities import leiden_communities, refine_communities

# Betweenness is not what these tests measure: keep it cheap.
CHEAP = "analyze:\n  exact_betweenness_max_nodes: 500\n  betweenness_samples: 16\n" \
        "  betweenness_max_work: 1000000\n  brokerage_max_nodes: 100\n"  # fmt: skip


def planted(n: int, size: int = 20, k_in: int = 8, k_out: int = 2, seed: int = 0) -> np.ndarray:
    """Groups of ``size``: each entity draws k_in/2 partners in its group, k_out/2 anywhere."""
    rng = np.random.default_rng(seed)
    group = np.arange(n) // size
    u = np.repeat(np.arange(n), k_in // 2)
    v = group[u] * size + rng.integers(0, size, len(u))
    u2 = np.repeat(np.arange(n), k_out // 2)
    v2 = rng.integers(0, n, len(u2))
    a, b = np.concatenate([u, u2]), np.concatenate([v, v2])
    keep = a != b
    return np.unique(np.sort(np.stack([a[keep], b[keep]], axis=1), axis=1), axis=0)


def adjusted_rand_index(a: np.ndarray, b: np.ndarray) -> float:
    """Hubert & Arabie's ARI from the contingency table."""
    table = pd.crosstab(a, b).to_numpy()
    pairs = comb(table, 2).sum()
    rows, cols = comb(table.sum(axis=1), 2).sum(), comb(table.sum(axis=0), 2).sum()
    expected = rows * cols / comb(len(a), 2)
    return float((pairs - expected) / ((rows + cols) / 2 - expected))


def test_adjusted_rand_index_known_values() -> None:
    a = np.array([0, 0, 1, 1])
    assert adjusted_rand_index(a, a) == 1.0
    assert adjusted_rand_index(a, np.array([0, 1, 0, 1])) == pytest.approx(-0.5)


def _communities(tmp_path: Path, n: int) -> float:
    pairs = planted(n)
    path = tmp_path / "edges.csv"
    pd.DataFrame({"source": [f"v{a}" for a in pairs[:, 0]],
                  "target": [f"v{b}" for b in pairs[:, 1]]}).to_csv(path, index=False)  # fmt: skip
    config = tmp_path / "pipeline.yaml"
    config.write_text(CHEAP)
    case = tmp_path / "case"
    runner = CliRunner()
    out = runner.invoke(cli, ["ingest", str(path), "--preset", "edgelist", "-o", str(case), "-q"])
    assert out.exit_code == 0, out.output
    out = runner.invoke(cli, ["analyze", str(case), "--config", str(config), "-q"])
    assert out.exit_code == 0, out.output
    m = pd.read_parquet(case / "metrics.parquet")
    truth = m["label"].str[1:].astype(int).to_numpy() // 20
    return adjusted_rand_index(truth, m["community"].to_numpy())


def test_planted_groups_found_at_1k(tmp_path: Path) -> None:
    assert _communities(tmp_path, 1_000) >= 0.9


@pytest.mark.slow
def test_planted_groups_found_at_10k(tmp_path: Path) -> None:
    assert _communities(tmp_path, 10_000) >= 0.9


def _graph(pairs: np.ndarray, n: int) -> ig.Graph:
    g = ig.Graph(n=n, edges=pairs.tolist())
    g.vs["name"] = [f"v{i}" for i in range(n)]
    return g


def test_gamma_one_alone_merges_planted_groups_the_refinement_separates() -> None:
    """The resolution limit, shown: γ = 1 merges 20-person groups at 10k; refined, each
    planted group is one community again."""
    n = 10_000
    g = _graph(planted(n), n)
    truth = np.arange(n) // 20
    plain = leiden_communities(g, weight=None)["community"].to_numpy()
    refined = leiden_communities(g, weight=None, refine=True)
    assert adjusted_rand_index(truth, plain) < 0.6
    assert adjusted_rand_index(truth, refined["community"].to_numpy()) >= 0.99
    assert refined.attrs["refined_splits"] > 0


def test_refinement_keeps_random_and_tree_like_communities_whole() -> None:
    """No structure beyond chance, no split: an Erdős–Rényi graph (one community at γ=1
    is split by Leiden into several, none significant) and a random tree."""
    rng = np.random.default_rng(3)
    er = ig.Graph.Erdos_Renyi(n=60, m=240)
    er.vs["name"] = [f"v{i}" for i in range(60)]
    members, splits = refine_communities(er, np.zeros(60, dtype=int), seed=1)
    assert splits == 0
    assert set(members.tolist()) == {0}
    parent = [int(rng.integers(0, i)) for i in range(1, 80)]
    tree = _graph(np.array([[p, i + 1] for i, p in enumerate(parent)]), 80)
    members, splits = refine_communities(tree, np.zeros(80, dtype=int), seed=1)
    assert splits == 0


def test_refinement_is_seeded() -> None:
    g = _graph(planted(2_000, seed=5), 2_000)
    a = leiden_communities(g, weight=None, refine=True, seed=4)["community"]
    b = leiden_communities(g, weight=None, refine=True, seed=4)["community"]
    assert a.equals(b)


def test_lfr_benchmark_communities_found() -> None:
    """Lancichinetti-Fortunato-Radicchi graph (networkx's generator: power-law degrees and
    community sizes, 30 % of each entity's links leave its community): ARI >= 0.9 against
    the planted communities (γ = 1 alone: 0.82)."""
    import networkx as nx

    n = 1_000
    ref = nx.LFR_benchmark_graph(
        n, 3, 1.5, 0.3, average_degree=10, min_community=20, max_degree=50, seed=10
    )
    ids: dict[frozenset[int], int] = {}
    truth = np.array(
        [ids.setdefault(frozenset(ref.nodes[v]["community"]), len(ids)) for v in range(n)]
    )
    g = _graph(np.array(list(ref.edges())), n)
    found = leiden_communities(g, weight=None, refine=True)["community"].to_numpy()
    assert adjusted_rand_index(truth, found) >= 0.9


def test_early_stopping_null_gives_the_full_test_answer() -> None:
    """The significance test stops drawing random twins once the answer cannot change;
    over many modularities and twin draws it answers as the test with all three does."""
    from linkgraph.metrics.communities import _significant

    rng = np.random.default_rng(0)
    for _ in range(3000):
        null = rng.normal(0.4, rng.choice([0.002, 0.01, 0.05]), 3).clip(-0.5, 1.0).tolist()
        q = float(null[0] + rng.normal(0.0, 0.03))
        drawn: list[float] = []

        def lazy(values: list[float] = null, out: list[float] = drawn):
            for v in values:
                out.append(v)
                yield v

        full = q > float(np.mean(null)) + 3.0 * max(float(np.std(null)), 0.01)
        assert _significant(q, lazy(), 3, 3.0) == full
    assert len(drawn) <= 3
