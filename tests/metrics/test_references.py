"""Published references: Montagna disruption curves (Cavallaro et al. 2020) and the
CAVIAR shift of the network's centre (Morselli 2009)."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from linkgraph import metrics
from linkgraph.graph import EntityGraph
from linkgraph.metrics.key_players import disruption, key_player_set
from linkgraph.metrics.temporal import measures_by_period, rising_and_falling


def _montagna(root: Path, net: str) -> EntityGraph:
    g = nx.Graph()  # the authors' loader: row by row, last weight wins
    for line in (root / "montagna_sicilian_mafia/data" / f"Montagna_{net}_edgelist.csv").open():
        u, v, w = line.split()
        g.add_edge(u, v, weight=float(w))
    return EntityGraph.from_networkx(g)


@pytest.mark.parametrize(("net", "file"), [("meetings", "meeting"), ("phonecalls", "phone_calls")])
@pytest.mark.parametrize(("mode", "batch"), [("sequential", 1), ("block", 5)])
@pytest.mark.parametrize(("by", "column"), [("betweenness", "Betweenness"), ("degree", "Degree")])
def test_montagna_disruption_reproduces_published_curves(
    shared_datasets: Path, net: str, file: str, mode: str, batch: int, by: str, column: str
) -> None:
    ref = pd.read_csv(
        shared_datasets / "montagna_sicilian_mafia/published_results_disruption"
        / f"{mode}__{file}__df_Unweighted_5nrem.csv"
    )  # fmt: skip
    graph = _montagna(shared_datasets, net)
    out = disruption(graph.view(weighted=False), by=by, k=int(ref["No"].max()), batch=batch,
                     ties="last", efficiency=False)  # fmt: skip
    got = out.set_index("step")["lcc_fraction"].reindex(ref["No"]).to_numpy()
    assert got == pytest.approx(ref[column].to_numpy(), abs=1e-9)


def test_montagna_key_player_set_fragments_more_than_top_degree(shared_datasets: Path) -> None:
    graph = _montagna(shared_datasets, "meetings")
    kpp = key_player_set(graph, 5)
    by_degree = disruption(graph, by="degree", k=5, sequential=False)
    h = graph.view()
    h.delete_vertices([h.vs.find(name=i).index for i in by_degree.attrs["removed"]])
    assert kpp.attrs["fragmentation"] >= metrics.key_players.fragmentation(h)


def _caviar_phases(root: Path) -> dict[str, EntityGraph]:
    edges = pd.read_csv(root / "caviar/caviar_phases_edgelist_directed.csv")
    out = {}
    for phase, rows in edges.groupby("phase", sort=True):
        g = nx.Graph()  # the reference: undirected, binary
        g.add_edges_from(zip(rows["source"], rows["target"], strict=True))
        out[str(phase)] = EntityGraph.from_networkx(g)
    return out


def test_caviar_per_phase_metrics_match_reference(shared_datasets: Path) -> None:
    ref = pd.read_csv(shared_datasets / "caviar/reference_metrics_networkx_undirected_binary.csv")
    graphs = _caviar_phases(shared_datasets)
    table = measures_by_period(
        graphs,
        [metrics.degree_centrality, metrics.betweenness_centrality,
         lambda g: metrics.eigenvector_centrality(g, max_iter=1000)],
    )  # fmt: skip
    for row in ref.itertuples():
        phase = table[table["period"] == str(row.phase)].set_index("entity_id")
        assert len(phase) == row.nodes
        for col, measure in [("top5_degree", "degree_centrality"),
                             ("top5_betweenness", "betweenness_centrality"),
                             ("top5_eigenvector", "eigenvector_centrality")]:  # fmt: skip
            for item in getattr(row, col).split(";"):
                actor, value = item.split(":")
                assert phase.loc[actor, measure] == pytest.approx(float(value), abs=5e-5)


def test_caviar_centre_shifts_from_n1_to_n12(shared_datasets: Path) -> None:
    graphs = _caviar_phases(shared_datasets)
    table = measures_by_period(graphs, [metrics.betweenness_centrality, metrics.degree_centrality])
    early, late = ["1", "2", "3", "4"], ["8", "9", "10", "11"]
    # n1 dominates the early phases ...
    for p in early:
        phase = table[table["period"] == p]
        assert phase.loc[phase["betweenness_centrality"].idxmax(), "entity_id"] == "n1"
    # ... then loses its grip while n12 (absent early) rises into the top three.
    bc = rising_and_falling(table, "betweenness_centrality", before=early, after=late, top=None)
    deg = rising_and_falling(table, "degree_centrality", before=early, after=late, top=None)
    assert "n12" in bc.index[:3]
    assert bc.loc["n12", "before"] == 0
    assert bc.loc["n12", "trend"] == "rising"
    assert bc.index[-1] == "n1"
    assert deg.index[-1] == "n1"
    for p in late:
        phase = table[table["period"] == p].set_index("entity_id")["betweenness_centrality"]
        assert "n12" in phase.nlargest(3).index or p == "10"


def test_sampled_betweenness_ranks_top50_like_exact(shared_datasets: Path) -> None:
    from scipy.stats import spearmanr

    from .conftest import to_entity_graph

    g = nx.powerlaw_cluster_graph(3000, 3, 0.3, seed=1)
    view = to_entity_graph(g).view()
    exact = metrics.betweenness_centrality(view)["betweenness_centrality"]
    approx = metrics.betweenness_centrality(view, k=256, seed=0)["betweenness_centrality"]
    top = exact.nlargest(50).index
    rho = spearmanr(exact[top], approx[top]).statistic
    assert rho >= 0.9
    assert np.isfinite(approx).all()
