"""``analyze`` reads only the columns the entity graph is built from (a million-person
case read whole holds ~6 GB): the graph, the metrics and the tables it does not write
must be what a whole read gives."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import linkgraph as lg
from linkgraph import graph_cache
from linkgraph.cli import cli
from linkgraph.graph import build_graph
from linkgraph.metrics.case_columns import read_for_analysis


@pytest.fixture(scope="module")
def resolved(sample_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample case, ingested and resolved (every table a user's case has)."""
    config = lg.load_config(sample_data / "pipeline.yaml")
    sources = [
        lg.Source(path=config.resolve_path(s.path), mapping=config.resolve_path(s.mapping))
        for s in config.sources
    ]
    case = lg.resolve(lg.ingest(sources))
    return case.write(tmp_path_factory.mktemp("cols") / "case")


def _frames_equal(a: pd.DataFrame, b: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(a.reset_index(), b.reset_index(), check_dtype=False)


def test_the_graph_of_the_narrow_read_is_the_graph_of_the_whole_case(resolved: Path) -> None:
    whole = build_graph(lg.Case.read(resolved))
    narrow_case = read_for_analysis(resolved)
    assert narrow_case.evidence is None
    assert narrow_case.metrics is None
    assert "raw" not in narrow_case.mentions.columns
    narrow = build_graph(narrow_case)
    _frames_equal(whole.nodes, narrow.nodes)
    _frames_equal(whole.edges, narrow.edges)


def test_all_null_columns_come_back_as_nulls(tmp_path: Path) -> None:
    """A person list has no label and no role (a role column of nulls): a narrowed read
    leaves such columns out, the graph still needs them."""
    mentions = pd.DataFrame(
        {"mention_id": ["m:a", "m:b"], "type": "person", "name": ["Ann Lee", "Bo Chan"],
         "role": None, "source": "x.csv", "row": [1, 2]}
    )  # fmt: skip
    links = pd.DataFrame(
        {"src": ["m:a"], "dst": ["m:b"], "kind": ["called"], "source": "x.csv", "row": [1]}
    )
    lg.Case(mentions=mentions, links=links).write(tmp_path / "case")
    case = read_for_analysis(tmp_path / "case")
    assert case.mentions["role"].isna().all()
    assert case.mentions["label"].isna().all()
    graph = build_graph(case)
    assert sorted(graph.nodes["label"]) == ["Ann Lee", "Bo Chan"]


def test_cli_analyze_matches_the_api_on_the_whole_case(resolved: Path, tmp_path: Path) -> None:
    import shutil

    case_dir = tmp_path / "case"
    shutil.copytree(resolved, case_dir)
    before = {p.name: p.read_bytes() for p in case_dir.glob("*.parquet")}
    graph_cache._last.clear()
    res = CliRunner().invoke(cli, ["analyze", str(case_dir), "-q"], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    graph_cache._last.clear()
    expected = lg.analyze(lg.Case.read(resolved)).metrics
    got = lg.Case.read(case_dir)
    pd.testing.assert_frame_equal(
        got.metrics.reset_index(drop=True), expected.reset_index(drop=True), check_dtype=False
    )
    # the tables analyze does not write are kept byte for byte
    for name in ("mentions", "links", "resolution", "evidence", "rejects"):
        assert (case_dir / f"{name}.parquet").read_bytes() == before[f"{name}.parquet"], name
    assert got.key_players is not None
    assert got.communities is not None
