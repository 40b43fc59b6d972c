"""The briefing report: complete, offline, escaped, traceable, victims protected."""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
import pytest

from linkgraph.graph import EntityGraph
from linkgraph.model import Case
from linkgraph.render.config import RenderConfig
from linkgraph.render.report import disruption_curve, render_report, report_html

from .conftest import VICTIM2_NAME, VICTIM_NAME, XSS_END, XSS_IMG, XSS_SCRIPT, make_case


@pytest.fixture
def report_text(tmp_path: Path, case: Case) -> str:
    return render_report(case, tmp_path / "report.html").read_text(encoding="utf-8")


def test_report_has_every_section(report_text: str) -> None:
    for anchor in (
        "sources", "entities", "actors", "communities", "brokers", "cross-border",
        "key-players", "map",
    ):  # fmt: skip
        assert f'<section id="{anchor}">' in report_text
    assert '<svg class="chart"' in report_text
    assert "@media print" in report_text


def test_report_is_offline_and_escaped(report_text: str) -> None:
    assert not re.search(r"(?i)https?://", report_text)
    for payload in (XSS_SCRIPT, XSS_IMG, XSS_END):
        assert payload not in report_text
    assert "<img" not in report_text
    assert "&lt;i&gt;bad date&lt;&#47;i&gt;" in report_text  # a reject reason, escaped
    # Only the embedded map (an escaped srcdoc attribute) carries scripts.
    assert "<script" not in report_text


def test_report_hides_victims_by_default(report_text: str, case: Case) -> None:
    assert VICTIM_NAME not in report_text
    assert VICTIM2_NAME not in report_text
    shown = report_html(case, config=RenderConfig(pseudonymize_victims=False), include_map=False)
    assert VICTIM_NAME in shown


def test_report_figures_name_their_tables(report_text: str) -> None:
    for source in (
        "Source: metrics.betweenness_centrality",
        "Source: metrics.pagerank",
        "Source: mentions.type; resolution.entity_id",
        "rejects.source",
    ):
        assert source in report_text


def test_report_counts_before_and_after_resolution(case: Case) -> None:
    text = report_html(case, include_map=False)
    # 15 mentions became 12 entities: 3 merged away (the "all" row).
    assert re.search(
        r"<td>all</td><td class=num>15</td><td class=num>12</td><td class=num>3</td>", text
    )


def test_report_without_metrics_says_so(tmp_path: Path) -> None:
    text = report_html(make_case(with_metrics=False), include_map=False)
    assert "No metrics in this case yet" in text
    # key players come from the graph itself: sequential removal by recomputed betweenness
    assert "sequential removal by betweenness" in text


def test_disruption_curve_on_a_path() -> None:
    g = EntityGraph.from_networkx(nx.path_graph(5))
    curve = disruption_curve(g, ["2", "1"])
    assert curve.removed == [0, 1, 2]
    assert curve.largest == [1.0, 0.4, 0.4]
