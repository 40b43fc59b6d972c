"""`mapping suggest` on a graph file (tester round 16, R11): it needs no mapping, says so
with exit 0, and both the command it prints and the draft it writes ingest the file."""

from __future__ import annotations

import shlex
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

import linkgraph as lg
from linkgraph.cli import cli


@pytest.mark.parametrize("suffix", ["graphml", "gexf"])
def test_suggest_says_a_graph_file_needs_no_mapping(tmp_path: Path, monkeypatch, suffix: str):
    g = nx.Graph()
    g.add_edges_from([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")])
    path = tmp_path / f"net.{suffix}"
    (nx.write_graphml if suffix == "graphml" else nx.write_gexf)(g, path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["mapping", "suggest", path.name, "-o", "draft.yaml"])
    assert result.exit_code == 0, result.output
    draft = (tmp_path / "draft.yaml").read_text(encoding="utf-8")
    assert "needs no mapping" in draft
    command = next(line for line in draft.splitlines() if "linkgraph ingest" in line)
    args = shlex.split(command.lstrip("# "))
    assert args[:2] == ["linkgraph", "ingest"]
    as_said = CliRunner().invoke(cli, [*args[1:], "-q"])
    assert as_said.exit_code == 0, as_said.output
    with_draft = CliRunner().invoke(
        cli, ["ingest", path.name, "--mapping", "draft.yaml", "-o", "case2", "-q"]
    )
    assert with_draft.exit_code == 0, with_draft.output
    for folder in ("case", "case2"):
        assert len(lg.Case.read(tmp_path / folder).links) == g.number_of_edges()
