"""A map of more entities than ``render.max_nodes`` draws the top-ranked ones and says
so (a browser cannot draw a million-entity case); ``render`` reads only what it draws."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
from click.testing import CliRunner

from linkgraph import graph_cache
from linkgraph.cli import cli
from linkgraph.graph import EntityGraph
from linkgraph.model import Case
from linkgraph.render import map_html
from linkgraph.render.config import RenderConfig

from .helpers import map_payload


def _ranked(graph: EntityGraph, metrics: pd.DataFrame, k: int) -> set[str]:
    """The reference: the k entities with the highest betweenness; ties by more links,
    then by the smaller id (sorted by hand, not by the code under test)."""
    frame = metrics.set_index("entity_id")
    degree = pd.Series(np.asarray(graph.view(weighted=False).degree()), index=graph.entity_ids)
    rows = sorted(
        graph.entity_ids.astype(str),
        key=lambda i: (-frame.at[i, "betweenness_centrality"], -degree[i], i),
    )
    return set(rows[:k])


def test_a_capped_map_draws_the_top_ranked_entities_and_says_so(
    graph: EntityGraph, case: Case
) -> None:
    k = 4
    assert len(graph) > k
    config = RenderConfig(max_nodes=k, pseudonymize_victims=False)
    text = map_html(graph, metrics=case.metrics, case=case, config=config)
    data = map_payload(text)
    shown = set(data["nodes"]["id"])
    assert shown == _ranked(graph, case.metrics, k)
    # only the links among the drawn entities
    inside = graph.edges["src"].isin(shown) & graph.edges["dst"].isin(shown)
    assert len(data["edges"]["f"]) == int(inside.sum())
    assert f"top {k} of {len(graph)} entities by" in text
    assert any("too many to draw" in n for n in data["notes"])


def test_no_cap_below_the_limit_or_at_zero(graph: EntityGraph, case: Case) -> None:
    for config in (RenderConfig(), RenderConfig(max_nodes=0)):
        data = map_payload(map_html(graph, metrics=case.metrics, case=case, config=config))
        assert len(data["nodes"]["id"]) == len(graph)
        assert not any("too many to draw" in n for n in data["notes"])


def test_render_cli_says_what_it_drew_and_reads_what_the_map_needs(
    case_dir: Path, tmp_path: Path
) -> None:
    """The map of the narrowed read is the map of the whole case, byte for byte."""
    config = tmp_path / "config.yaml"
    config.write_text("render:\n  max_nodes: 4\n", encoding="utf-8")
    runner = CliRunner()
    graph_cache._last.clear()
    res = runner.invoke(
        cli, ["render", str(case_dir), "-o", str(tmp_path / "cli.html"), "--config", str(config)],
        catch_exceptions=False,
    )  # fmt: skip
    assert res.exit_code == 0, res.output
    assert "drawn: the 4 ranked highest by betweenness_centrality" in res.output
    graph_cache._last.clear()
    whole = Case.read(case_dir)
    from linkgraph.graph_cache import case_graph

    expected = map_html(
        case_graph(whole, case_dir),
        metrics=whole.metrics,
        case=whole,
        config=RenderConfig(max_nodes=4),
    )
    got = map_payload((tmp_path / "cli.html").read_text(encoding="utf-8"))
    assert got == map_payload(expected)
    shutil.rmtree(tmp_path / "unused", ignore_errors=True)


def test_a_large_map_lists_fewer_details_per_entity(graph: EntityGraph, case: Case) -> None:
    """Above canvas_min_nodes: at most 5 source rows, 2 evidence rows and 2 rows per
    spelling per entity (the first ones of the full lists)."""
    full = map_payload(map_html(graph, metrics=case.metrics, case=case))["details"]
    lite = map_payload(
        map_html(graph, metrics=case.metrics, case=case, config=RenderConfig(canvas_min_nodes=1))
    )["details"]
    assert lite["pn"] == full["pn"]  # the counts stay whole
    assert any(len(p) > 0 for p in lite["p"])
    for got, whole in zip(lite["p"], full["p"], strict=True):
        assert got == whole[:5]
    for got, whole in zip(lite["ev"], full["ev"], strict=True):
        assert got == whole[:2]
    for got, whole in zip(lite["sp"], full["sp"], strict=True):
        assert [s[:2] for s in got] == [s[:2] for s in whole]  # spelling and its count
