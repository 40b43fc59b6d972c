"""Links of weight 0 (an unanswered call of duration 0) or none in the measures that use
weights as distances: ``analyze --distance inverse-weight`` (1/weight) and ``keyplayers
--weighted`` (weights as lengths) count them as the smallest positive weight of the
graph, say how many they were, and agree with networkx given those weights."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from click.testing import CliRunner

from linkgraph.cli import cli

#: Two triangles joined by b-d, with two links of weight 0: a-c and d-f. The smallest
#: positive weight is 2, so those two count as weight 2 (1/weight: length 0.5).
EDGES = [("a", "b", 4), ("b", "c", 4), ("a", "c", 0), ("b", "d", 2), ("c", "d", 8),
         ("d", "e", 4), ("e", "f", 6), ("d", "f", 0), ("f", "g", 3)]  # fmt: skip


def _case(tmp_path: Path) -> Path:
    path = tmp_path / "calls.csv"
    pd.DataFrame(EDGES, columns=["source", "target", "weight"]).to_csv(path, index=False)
    case = tmp_path / "case"
    out = CliRunner().invoke(
        cli, ["ingest", str(path), "--preset", "edgelist", "-o", str(case), "-q"]
    )
    assert out.exit_code == 0, out.output
    return case


def _reference(attribute: str) -> nx.Graph:
    """The graph with each link's weight, 0 replaced by 2 by hand, as ``attribute``."""
    g = nx.Graph()
    for u, v, w in EDGES:
        weight = w if w > 0 else 2
        g.add_edge(u, v, **{attribute: 1.0 / weight if attribute == "length" else weight})
    return g


def test_inverse_weight_distances_with_zero_weights(tmp_path: Path) -> None:
    case = _case(tmp_path)
    out = CliRunner().invoke(cli, ["analyze", str(case), "--distance", "inverse-weight"])
    assert out.exit_code == 0, out.output
    assert "2 tie(s) with a weight of 0 or none" in out.output
    assert "weight 2" in out.output
    m = pd.read_parquet(case / "metrics.parquet").set_index("label")
    h = _reference("length")
    bc = nx.betweenness_centrality(h, weight="length")
    cc = nx.closeness_centrality(h, distance="length")
    hc = nx.harmonic_centrality(h, distance="length")
    for v in h:
        assert m.loc[v, "betweenness_centrality"] == pytest.approx(bc[v], abs=1e-9)
        assert m.loc[v, "closeness_centrality"] == pytest.approx(cc[v], abs=1e-9)
        assert m.loc[v, "harmonic_centrality"] == pytest.approx(hc[v], abs=1e-9)


def test_keyplayers_weighted_with_zero_weights(tmp_path: Path) -> None:
    case = _case(tmp_path)
    out = CliRunner().invoke(cli, ["keyplayers", str(case), "-k", "2", "--weighted"])
    assert out.exit_code == 0, out.output
    assert "Weights as lengths: 2 tie(s) with a weight of 0 or none" in out.output
    curve = pd.read_csv(case / "keyplayers.csv")
    h = _reference("weight")
    first = nx.betweenness_centrality(h, weight="weight")
    top = max(first, key=first.__getitem__)
    assert sorted(first.values())[-1] > sorted(first.values())[-2]  # one clear top
    assert curve.loc[1, "label"] == top
    h.remove_node(top)
    second = nx.betweenness_centrality(h, weight="weight")
    assert curve.loc[2, "label"] == max(second, key=second.__getitem__)
