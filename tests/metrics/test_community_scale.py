"""Communities at scale: planted partitions of 20-person groups are found through the CLI
at 1k and 10k entities (ARI >= 0.9) with the default resolution."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner
from scipy.special import comb

from linkgraph.cli import cli

# Betweenness is not what these tests measure: keep it cheap.
CHEAP = "analyze:\n  exact_betweenness_max_nodes: 500\n  betweenness_samples: 16\n" \
        "  betweenness_max_work: 1000000\n  brokerage_max_nodes: 100\n" \
        "  resolution: null\n"  # the size-scaled resolution (opt-in)  # fmt: skip


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
