"""The built graph is cached beside the case and used until an upstream table changes."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from click.testing import CliRunner

from linkgraph import graph_cache
from linkgraph.cli import cli
from linkgraph.graph import build_graph
from linkgraph.graph_cache import case_graph, read_graph_cache
from linkgraph.model import Case


@pytest.fixture
def case_dir(tmp_path):
    edges = tmp_path / "edges.csv"
    rows = ["source,target,weight,time"]
    rows += [f"p{i},p{(i * 7 + 3) % 40},{1 + i % 3},2024-0{1 + i % 9}-1{i % 10}" for i in range(60)]
    edges.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "case"
    result = CliRunner().invoke(cli, ["ingest", str(edges), "--preset", "edgelist", "-o", str(out)])
    assert result.exit_code == 0, result.output
    graph_cache._last.clear()
    return out


def assert_same_graph(got, want):
    pd.testing.assert_frame_equal(got.nodes, want.nodes)
    pd.testing.assert_frame_equal(got.edges, want.edges)
    assert got.view().get_edgelist() == want.view().get_edgelist()
    assert got.view().es["weight"] == want.view().es["weight"]


def test_cached_graph_is_the_built_graph_until_links_change(case_dir):
    case = Case.read(case_dir)
    built = case_graph(case, case_dir)
    assert (case_dir / "graph" / "key.json").is_file()
    assert_same_graph(read_graph_cache(case_dir), build_graph(case))
    assert case_graph(case, case_dir) is built  # same tables: not rebuilt

    # Another tool rewrites the links table: the cache no longer applies.
    changed = case.with_tables(links=case.links.iloc[5:])
    changed.write(case_dir)
    assert read_graph_cache(case_dir) is None
    again = Case.read(case_dir)
    rebuilt = case_graph(again, case_dir)
    assert len(rebuilt.edges) < len(built.edges)
    assert_same_graph(rebuilt, build_graph(again))
    assert_same_graph(read_graph_cache(case_dir), build_graph(again))


def test_a_damaged_cache_is_rebuilt(case_dir):
    case = Case.read(case_dir)
    case_graph(case, case_dir)
    (case_dir / "graph" / "edges.arrow").write_bytes(b"not parquet")
    graph_cache._last.clear()
    assert_same_graph(case_graph(Case.read(case_dir), case_dir), build_graph(case))


def test_commands_after_analyze_use_the_cache(case_dir, monkeypatch):
    runner = CliRunner()
    result = runner.invoke(cli, ["analyze", str(case_dir), "-q"])
    assert result.exit_code == 0, result.output
    key = json.loads((case_dir / "graph" / "key.json").read_text(encoding="utf-8"))
    assert set(key["tables"]) == {"mentions", "links", "resolution"}

    def no_build(*args, **kwargs):
        raise AssertionError("the graph was rebuilt although the cache is valid")

    monkeypatch.setattr(graph_cache, "build_graph", no_build)
    graph_cache._last.clear()
    for args in (
        ["ego", str(case_dir), "p3"],
        ["path", str(case_dir), "p3", "p24"],
        ["keyplayers", str(case_dir), "-k", "2"],
        ["render", str(case_dir)],
        ["report", str(case_dir)],
        ["analyze", str(case_dir), "-q"],
    ):
        graph_cache._last.clear()
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, (args, result.output, result.exception)
