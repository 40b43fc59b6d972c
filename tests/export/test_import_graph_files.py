"""`linkgraph ingest` reads GEXF and GraphML: files written by networkx, and our exports."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

import linkgraph as lg
from linkgraph.cli import cli
from linkgraph.model import Case


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_graph_written_by_networkx_comes_in(tmp_path: Path, fmt: str) -> None:
    g = nx.karate_club_graph()
    for u, v in g.edges:
        g.edges[u, v]["kind"] = "associate"
    for n in g.nodes:
        g.nodes[n]["label"] = f"Member {n}"
        g.nodes[n]["type"] = "person"
    path = tmp_path / f"karate.{fmt}"
    (nx.write_gexf if fmt == "gexf" else nx.write_graphml)(g, path)
    case = lg.ingest([lg.Source(path, preset=fmt)])
    graph = lg.build_graph(case)
    assert len(graph) == g.number_of_nodes()
    assert len(case.links) == g.number_of_edges()
    assert set(graph.nodes["label"]) == {f"Member {n}" for n in g.nodes}
    weights = sorted(case.links["weight"])
    assert weights == pytest.approx(sorted(d["weight"] for _, _, d in g.edges(data=True)))


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_our_export_comes_back_in(case: Case, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"case.{fmt}"
    lg.export(case, fmt, path, show_victims=True)
    back = lg.ingest([lg.Source(path, preset=fmt)])
    before, after = lg.build_graph(case), lg.build_graph(back)
    assert len(after) == len(before)
    assert sorted(after.nodes["label"]) == sorted(before.nodes["label"])
    assert sorted(after.nodes["type"]) == sorted(before.nodes["type"])
    assert sorted(after.edges["kind"]) == sorted(before.edges["kind"])
    assert after.edges["weight"].sum() == pytest.approx(before.edges["weight"].sum())
    if fmt == "gexf":  # spells come back as the links' times
        assert sorted(back.links["time"].dropna()) == sorted(case.links["time"].dropna())


def test_cli_ingests_a_gexf(case: Case, tmp_path: Path) -> None:
    path = tmp_path / "case.gexf"
    lg.export(case, "gexf", path)
    out = tmp_path / "in"
    result = CliRunner().invoke(cli, ["ingest", str(path), "--preset", "gexf", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert len(Case.read(out).mentions) == len(lg.build_graph(case))
