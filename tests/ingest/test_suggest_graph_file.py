"""`mapping suggest` on a graph file (tester round 16, R11): it needs no mapping, says so
with exit 0, and the command it prints ingests the file as it is."""

from __future__ import annotations

import shlex
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from linkgraph.cli import cli


@pytest.mark.parametrize("suffix", ["graphml", "gexf"])
def test_suggest_says_a_graph_file_needs_no_mapping(tmp_path: Path, monkeypatch, suffix: str):
    g = nx.Graph()
    g.add_edges_from([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")])
    path = tmp_path / f"net.{suffix}"
    (nx.write_graphml if suffix == "graphml" else nx.write_gexf)(g, path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["mapping", "suggest", path.name])
    assert result.exit_code == 0, result.output
    assert "needs no mapping" in result.output
    command = result.output.strip().splitlines()[-1]
    args = shlex.split(command)
    assert args[:2] == ["linkgraph", "ingest"]
    ingested = CliRunner().invoke(cli, [*args[1:], "-q"])
    assert ingested.exit_code == 0, ingested.output
    import linkgraph as lg

    case = lg.Case.read(tmp_path / "case")
    assert len(case.links) == g.number_of_edges()
