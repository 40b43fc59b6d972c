"""`linkgraph ego --links`: the edges of the ego network, checked against networkx's
ego graph of the same hand-made edge list."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
from click.testing import CliRunner

from linkgraph.cli import cli

EDGES = [
    ("Ana", "Bob", 3),
    ("Bob", "Cid", 1),
    ("Cid", "Dan", 2),
    ("Ana", "Eve", 5),
    ("Eve", "Fay", 1),
]


def _case(tmp_path: Path) -> Path:
    path = tmp_path / "edges.csv"
    path.write_text(
        "source,target,weight\n" + "".join(f"{a},{b},{w}\n" for a, b, w in EDGES),
        encoding="utf-8",
    )
    case = tmp_path / "case"
    runner = CliRunner()
    for args in (
        ["ingest", str(path), "--preset", "edgelist", "-q", "-o", str(case)],
        ["resolve", str(case), "-q"],
    ):
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, result.output
    return case


def test_ego_links_are_the_ego_graphs_edges(tmp_path: Path) -> None:
    case = _case(tmp_path)
    graph = nx.DiGraph()
    graph.add_weighted_edges_from(EDGES)
    expected = nx.ego_graph(graph, "Bob", radius=2, undirected=True)
    result = CliRunner().invoke(cli, ["ego", str(case), "Bob", "--hops", "2", "--links", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output[result.output.index("[") :])
    got = {(r["src_label"], r["dst_label"]): r["weight"] for r in rows}
    assert got == {(a, b): float(w) for a, b, w in expected.edges(data="weight")}
    assert {r["kind"] for r in rows} == {"contacted"}
    # without --links: the entities, one row each, with their distance in hops
    result = CliRunner().invoke(cli, ["ego", str(case), "Bob", "--hops", "2", "--json"])
    entities = json.loads(result.output[result.output.index("[") :])
    hops = nx.single_source_shortest_path_length(graph.to_undirected(), "Bob", cutoff=2)
    assert {r["label"]: r["hops"] for r in entities} == hops
