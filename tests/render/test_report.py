"""The briefing report: complete, offline, escaped, traceable, victims protected."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from linkgraph.graph import EntityGraph
from linkgraph.metrics.summaries import community_table, key_player_table
from linkgraph.model import Case
from linkgraph.render import report as report_module
from linkgraph.render.config import RenderConfig
from linkgraph.render.glossary import GLOSSARY
from linkgraph.render.report import render_report, report_html

from .conftest import VICTIM2_NAME, VICTIM_NAME, XSS_END, XSS_IMG, XSS_SCRIPT, make_case


@pytest.fixture
def report_text(tmp_path: Path, case: Case) -> str:
    return render_report(case, tmp_path / "report.html").read_text(encoding="utf-8")


def test_report_has_every_section(report_text: str) -> None:
    for anchor in (
        "sources", "entities", "network", "actors", "communities", "brokers",
        "cross-border", "key-players", "map",
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
    assert '<svg class="chart"' not in text  # no curve is made up without analyze's table


def test_report_reads_the_key_player_table_and_never_imports_metrics(case: Case) -> None:
    source = Path(report_module.__file__).read_text(encoding="utf-8")
    imported = {
        n.module if isinstance(n, ast.ImportFrom) else a.name
        for n in ast.walk(ast.parse(source))
        if isinstance(n, ast.Import | ast.ImportFrom)
        for a in (n.names if isinstance(n, ast.Import) else [n])
    }
    assert not any(str(m).startswith("linkgraph.metrics") for m in imported)
    # A hand-made curve: the report draws exactly these steps, in these words.
    curve = pd.DataFrame(
        {"step": [0, 1, 2], "entity_id": ["", "e:ana", "e:ben"],
         "lcc_fraction": [1.0, 0.5, 0.25], "lcc_size": [8, 4, 2], "components": [1, 2, 3],
         "by": "degree"}
    )  # fmt: skip
    text = report_html(case.with_tables(key_players=curve), include_map=False)
    section = text[text.index('<section id="key-players">') :]
    section = section[: section.index("</section>")]
    assert "<td>1</td><td>Ana Pérez</td><td>person</td><td class=num>100.0%</td>" in section
    assert "<td>2</td><td>Ben Okafor</td><td>person</td><td class=num>50.0%</td>" in section
    assert "25.0%" in section
    assert "Source: key_players table" in section


def test_key_player_table_matches_networkx_on_a_path() -> None:
    # Path 0-1-2-3-4: the middle vertex has the highest betweenness; removing it leaves
    # two pairs, so the largest group is 2 of 5 (networkx agrees).
    g = EntityGraph.from_networkx(nx.path_graph(5))
    table = key_player_table(g, k=1)
    assert table["entity_id"].tolist() == ["", "2"]
    ref = nx.path_graph(5)
    ref.remove_node(2)
    assert table["lcc_size"].iloc[1] == max(len(c) for c in nx.connected_components(ref))
    assert table["lcc_fraction"].tolist() == [1.0, 0.4]


def test_empty_and_constant_measures_are_left_out_with_a_note(case: Case) -> None:
    metrics = case.metrics.assign(betweenness_stderr=np.nan, coordinator=0.0)
    text = report_html(case.with_tables(metrics=metrics), include_map=False)
    assert "Source: metrics.betweenness_stderr" not in text
    assert "Source: metrics.coordinator" not in text
    assert "empty for every entity: Go-between: sampling error (betweenness_stderr)" in text
    assert "the same for every entity: Broker: coordinator (coordinator)" in text
    assert "Source: metrics.pagerank" in text
    # measures are titled in words with their meaning, and the glossary explains them
    assert f"<h3>{GLOSSARY['pagerank'].name}</h3>" in text
    assert '<section id="glossary">' in text


def test_actor_tables_list_people_before_organisations(case: Case) -> None:
    # The organisation gets the highest PageRank of all; people still come first.
    metrics = case.metrics.copy()
    metrics.loc[metrics["entity_id"] == "e:org", "pagerank"] = 10.0
    text = report_html(case.with_tables(metrics=metrics), include_map=False)
    section = text[text.index("Source: metrics.degree_centrality") :]
    table = section[section.index("<table>") : section.index("</table>")]
    assert table.index("Travel Ltd") > table.index("Ben Okafor")


def test_cross_border_flows_count_people_tied_through_shared_phones() -> None:
    # A German and a Ukrainian share a phone that has no country: a DE – UA tie.
    g = nx.Graph()
    g.add_node("de", type="person", label="Hans", country="DE")
    g.add_node("ua", type="person", label="Oksana", country="UA")
    g.add_node("it", type="person", label="Luca", country="IT")
    g.add_node("ph", type="phone", label="+49 1", country="")
    g.add_edge("de", "ph", kind="uses_phone")
    g.add_edge("ua", "ph", kind="uses_phone")
    g.add_edge("de", "it", kind="associate")
    text = report_module._cross_border(EntityGraph.from_networkx(g), lambda i: str(i))
    assert "<td>DE – UA</td><td>shares a phone 1</td>" in text
    assert "<td>DE – IT</td><td>associate of 1</td>" in text


def test_community_table_counts_and_lists_people_first() -> None:
    # Two triangles joined by one link; the phone has the highest PageRank in its group.
    g = nx.Graph()
    for eid, etype in (("a", "person"), ("b", "person"), ("ph", "phone")):
        g.add_node(eid, type=etype, label=eid, country="RO")
    for eid in ("x", "y", "z"):
        g.add_node(eid, type="person", label=eid, country="UA" if eid != "z" else "MD")
    g.add_edges_from([("a", "b"), ("a", "ph"), ("b", "ph"), ("x", "y"), ("y", "z"), ("x", "z")])
    g.add_edge("ph", "x")
    graph = EntityGraph.from_networkx(g)
    metrics = pd.DataFrame(
        {
            "entity_id": ["a", "b", "ph", "x", "y", "z"],
            "pagerank": [0.1, 0.2, 0.9, 0.3, 0.2, 0.1],
            "community": [0, 0, 0, 1, 1, 1],
        }
    )
    table = community_table(graph, metrics).set_index("community")
    assert table.loc[0, "size"] == 3
    assert table.loc[0, "edges"] == 3  # the triangle; the bridge to x is not inside
    assert table.loc[0, "density"] == pytest.approx(nx.density(g.subgraph(["a", "b", "ph"])))
    assert table.loc[0, "types"] == "person:2;phone:1"
    assert table.loc[0, "central"] == "b;a;ph"  # people first, by PageRank
    assert table.loc[1, "countries"].startswith("UA:2")


def test_network_section_shows_whole_graph_statistics_as_networkx_computes_them(
    tmp_path: Path,
) -> None:
    """Through the CLI: Zachary's karate club ingested as an edge list, analysed with a
    null model, reported; the section's figures equal networkx's on the same graph."""
    from click.testing import CliRunner

    from linkgraph.cli import cli

    ref = nx.karate_club_graph()
    edges = tmp_path / "karate.csv"
    pd.DataFrame([(f"m{a}", f"m{b}") for a, b in ref.edges()], columns=["source", "target"]).to_csv(
        edges, index=False
    )
    case, out = tmp_path / "case", tmp_path / "report.html"
    runner = CliRunner()
    for args in (
        ["ingest", str(edges), "--preset", "edgelist", "-o", str(case), "-q"],
        ["analyze", str(case), "--null-model", "20", "-q"],
        ["report", str(case), "-o", str(out), "-q"],
    ):
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    section = text[text.index('<section id="network">') :]
    section = section[: section.index("</section>")]

    def value(words: str) -> str:
        row = re.search(rf"<td>{re.escape(words)}</td>.*?<td class=num>([^<]*)</td>", section)
        assert row, f"{words} missing from the network section"
        return row.group(1)

    assert value("entities") == "34"
    assert value("ties") == "78"
    assert value("connected parts") == "1"
    assert value("diameter") == str(nx.diameter(ref))
    assert float(value("density")) == pytest.approx(nx.density(ref), rel=1e-3)
    assert float(value("transitivity")) == pytest.approx(nx.transitivity(ref), rel=1e-3)
    assert float(value("average clustering")) == pytest.approx(nx.average_clustering(ref), rel=1e-3)
    assert float(value("average path length")) == pytest.approx(
        nx.average_shortest_path_length(ref), rel=1e-3
    )
    assert float(value("degree assortativity")) == pytest.approx(
        nx.degree_assortativity_coefficient(ref), rel=1e-3
    )
    btw = nx.betweenness_centrality(ref)
    freeman = sum(max(btw.values()) - b for b in btw.values()) / (len(btw) - 1)
    assert float(value("betweenness centralisation")) == pytest.approx(freeman, rel=1e-3)
    assert "random twins" in section  # the null model's comparison is shown
    assert "reciprocity" not in section  # undirected: not applicable, left out


def test_network_section_without_analysis_says_what_to_run() -> None:
    section = report_module._network_statistics(make_case(with_metrics=False))
    assert "run `linkgraph analyze`" in section


def test_bidi_and_zero_width_characters_that_reach_html_are_dropped(tmp_path: Path) -> None:
    """A case not cleaned at ingest (built directly): its labels reach the report and the
    map's data without the characters that would reorder the text around them."""
    from linkgraph.graph import build_graph
    from linkgraph.render import render_map

    from .helpers import _DATA

    case = make_case()
    spoofed = case.mentions["label"].replace(
        "Ben Okafor", "Ben \u202eexe.txt\u2066 Okafor\u200b\u200f\ufeff"
    )
    case = case.with_tables(mentions=case.mentions.assign(label=spoofed, name=spoofed))
    report = report_html(case, include_map=False)
    page = render_map(build_graph(case), tmp_path / "map.html", case=case)
    map_data = _DATA.search(page.read_text(encoding="utf-8")).group(1)
    for text in (report, map_data):
        assert not re.search("[\u202a-\u202e\u2066-\u2069\u200b\u200e\u200f\ufeff]", text)
        assert "Ben exe.txt Okafor" in text
