"""analyze() on a case, communities, brokers, paths and the CLI commands."""

from __future__ import annotations

import itertools
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from click.testing import CliRunner

from linkgraph import metrics
from linkgraph.cli import cli
from linkgraph.graph import build_graph
from linkgraph.metrics.brokers import ROLES, brokerage_roles
from linkgraph.metrics.paths import common_neighbors, shortest_paths, time_respecting_path
from linkgraph.model import Case

from .conftest import to_entity_graph


def test_analyze_adds_metrics_and_manifest(small_case: Case) -> None:
    out = metrics.analyze(small_case)
    m = out.metrics
    assert m is not None
    assert list(m.columns[:3]) == ["entity_id", "label", "type"]
    for col in ("degree_centrality", "betweenness_centrality", "pagerank",
                "eigenvector_centrality", "closeness_centrality", "core_number",
                "constraint", "community"):  # fmt: skip
        assert col in m.columns
    assert len(m) == len(build_graph(small_case))
    step = out.manifest["steps"][-1]
    assert step["stage"] == "analyze"
    assert step["algorithms"]["betweenness_centrality"]["algorithm"] == "exact"
    assert out.manifest["seeds"]["analyze"] == 0
    top = m.sort_values("betweenness_centrality", ascending=False)["entity_id"].iloc[0]
    assert top in {"m:p3", "m:p2", "m:p4"}  # the broker chain between the two cells


def test_leiden_reproducible_with_seed() -> None:
    g = to_entity_graph(nx.les_miserables_graph())
    a = metrics.leiden_communities(g, seed=3)
    b = metrics.leiden_communities(g, seed=3)
    pd.testing.assert_frame_equal(a, b)
    assert a.attrs["modularity"] > 0.5
    cpm = metrics.leiden_communities(g, objective="CPM", resolution=0.05, seed=3)
    assert cpm["community"].nunique() > 1
    louv = metrics.louvain_communities(g, seed=3)
    assert louv.attrs["modularity"] > 0.5


def test_community_summary(small_case: Case) -> None:
    graph = build_graph(small_case)
    m = metrics.analyze_graph(graph)
    summary = metrics.community_summary(graph, m)
    assert summary["size"].sum() == len(graph)
    assert {"n_person", "density", "central", "countries"} <= set(summary.columns)


def _brute_roles(g: nx.DiGraph, group: dict[str, str]) -> dict[str, dict[str, int]]:
    out = {v: dict.fromkeys(ROLES, 0) for v in g}
    for v in g:
        for a, c in itertools.product(g.predecessors(v), g.successors(v)):
            if a == c or g.has_edge(a, c):
                continue
            ga, gv, gc = group[a], group[v], group[c]
            if ga == gv == gc:
                role = "coordinator"
            elif ga == gc:
                role = "consultant"
            elif gv == gc:
                role = "gatekeeper"
            elif ga == gv:
                role = "representative"
            else:
                role = "liaison"
            out[v][role] += 1
    return out


def test_brokerage_roles_match_brute_force() -> None:
    ref = nx.gnp_random_graph(60, 0.08, seed=2, directed=True)
    eg = to_entity_graph(ref)
    view = eg.view(directed=True)
    group = {n: "ABC"[i % 3] for i, n in enumerate(view.vs["name"])}
    ours = brokerage_roles(view, pd.Series(group))
    names = nx.relabel_nodes(ref, {n: f"n{n}" for n in ref})
    expected = pd.DataFrame(_brute_roles(names, group)).T.reindex(ours.index)
    pd.testing.assert_frame_equal(ours[list(ROLES)], expected[list(ROLES)], check_dtype=False)


def test_brokerage_roles_of_a_graph_without_nodes_or_edges_are_empty() -> None:
    for ref in (nx.DiGraph(), nx.empty_graph(3, create_using=nx.DiGraph)):
        view = to_entity_graph(ref).view(directed=True)
        ours = brokerage_roles(view, pd.Series(dict.fromkeys(view.vs["name"], "A")))
        assert len(ours) == ref.number_of_nodes()
        assert (ours[list(ROLES)].to_numpy() == 0).all()


@pytest.mark.parametrize("weight", [None, "weight"])
def test_constraint_and_effective_size_match_networkx(weight: str | None) -> None:
    ref = nx.les_miserables_graph()
    eg = to_entity_graph(ref)
    ours = pd.concat([metrics.constraint(eg, weight=weight),
                      metrics.effective_size(eg, weight=weight)], axis=1)  # fmt: skip
    names = ref  # string node names, kept as entity ids
    c = pd.Series(nx.constraint(names, weight=weight)).reindex(ours.index)
    # nodes=... takes networkx's per-node formula; its all-nodes sparse shortcut divides
    # by the wrong row maximum on weighted graphs.
    e = pd.Series(nx.effective_size(names, nodes=list(names), weight=weight)).reindex(ours.index)
    assert ours["constraint"].to_numpy() == pytest.approx(c.to_numpy(), rel=1e-9)
    assert ours["effective_size"].to_numpy() == pytest.approx(e.to_numpy(), rel=1e-9)


def test_paths_and_evidence(small_case: Case) -> None:
    graph = build_graph(small_case)
    hops = shortest_paths(graph, "m:p0", "P5", k=2)
    assert hops[hops["path"] == 0]["dst"].iloc[-1] == "m:p5"
    assert hops["rows"].str.contains("test.csv").all()
    shared = common_neighbors(graph, "m:p0", "m:p1")
    assert set(shared.index) == {"m:p2", "m:ph1"}


def test_time_respecting_path() -> None:
    t = pd.Timestamp
    events = pd.DataFrame({
        "src": ["a", "b", "b", "c"], "dst": ["b", "c", "d", "d"],
        "time": [t("2024-01-02"), t("2024-01-01"), t("2024-01-05"), t("2024-01-03")],
    })  # fmt: skip
    path = time_respecting_path(events, "a", "d")
    assert path[["src", "dst"]].values.tolist() == [["a", "b"], ["b", "d"]]
    assert time_respecting_path(events, "a", "c").empty  # b->c happened before a->b


def test_cli_commands(small_case: Case, tmp_path: Path) -> None:
    case_dir = small_case.write(tmp_path / "case")
    runner = CliRunner()
    res = runner.invoke(cli, ["analyze", str(case_dir), "--unweighted", "--seed", "1"],
                        catch_exceptions=False)  # fmt: skip
    assert res.exit_code == 0, res.output
    assert (case_dir / "metrics.parquet").is_file()
    res = runner.invoke(cli, ["keyplayers", str(case_dir), "-k", "2", "--block"],
                        catch_exceptions=False)  # fmt: skip
    assert res.exit_code == 0, res.output
    kp = pd.read_csv(case_dir / "keyplayers.csv")
    assert list(kp.columns[:5]) == ["step", "removed", "lcc_fraction", "components", "efficiency"]
    res = runner.invoke(cli, ["path", str(case_dir), "P0", "P5", "-k", "2"])
    assert res.exit_code == 0, res.output
    assert "Path 1" in res.output
    res = runner.invoke(cli, ["ego", str(case_dir), "P3", "--hops", "2"])
    assert res.exit_code == 0, res.output
    res = runner.invoke(cli, ["path", str(case_dir), "nobody", "P5"])
    assert res.exit_code == 1
    assert "no entity" in res.output
