"""The map and the report of one command do their shared work once: the victims' redaction
of the graph, the person view, and only the cross-border pairs the report lists."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import networkx as nx
import pytest

from linkgraph.graph import EntityGraph, project
from linkgraph.graph_cache import case_graph
from linkgraph.model import Case
from linkgraph.redact import case_redactor, case_sources, redact_graph
from linkgraph.render import _person_view
from linkgraph.render import report as report_module
from linkgraph.render.map import render_map
from linkgraph.render.report import render_report

from .conftest import VICTIM_NAME


def test_cross_border_lists_the_30_busiest_of_35_pairs_and_describes_only_those(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Pair i joins a person of country Ai to one of Bi by i + 1 links: 35 pairs, the
    # busiest (i = 34 ... 5) listed in that order, the five quietest only counted.
    g = nx.MultiGraph()
    for i in range(35):
        g.add_node(f"a{i}", type="person", country=f"A{i:02d}")
        g.add_node(f"b{i}", type="person", country=f"B{i:02d}")
        for _ in range(i + 1):
            g.add_edge(f"a{i}", f"b{i}", kind="associate")
    described = []
    money = report_module._money_by_currency

    def counted(flows):  # type: ignore[no-untyped-def]
        described.append(flows)
        return money(flows)

    monkeypatch.setattr(report_module, "_money_by_currency", counted)
    text = report_module._cross_border(EntityGraph.from_networkx(g), str)
    assert "35 country pairs; the 30 busiest are listed." in text
    listed = [text.index(f"<td>A{i:02d} – B{i:02d}</td>") for i in range(34, 4, -1)]
    assert listed == sorted(listed)
    assert "<td>A04 – B04</td>" not in text
    assert f"<td>A{34:02d} – B{34:02d}</td><td>associate of 35</td>" in text
    assert len(described) == 30


def test_map_and_report_project_the_graph_onto_people_once(
    tmp_path: Path, case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []

    def counted(graph: EntityGraph, **kwargs: object) -> EntityGraph:
        calls.append(kwargs)
        return project(graph, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(_person_view, "project", counted)
    graph = case_graph(case)
    render_map(graph, tmp_path / "map.html", metrics=case.metrics, case=case)
    render_report(case, tmp_path / "report.html", include_map=False, graph=graph)
    assert calls == [{"onto": "person", "max_members": 50}]


def test_person_projection_is_the_projection_onto_people() -> None:
    g = nx.Graph()
    g.add_nodes_from(["ana", "ben", "cy"], type="person")
    g.add_node("ph", type="phone")
    g.add_edges_from([("ana", "ph"), ("ben", "ph"), ("cy", "ph")], kind="uses_phone")
    graph = EntityGraph.from_networkx(g)
    ties = _person_view.person_projection(graph, 50).edges
    assert sorted(zip(ties["src"], ties["dst"], strict=True)) == [
        ("ana", "ben"), ("ana", "cy"), ("ben", "cy")
    ]  # fmt: skip
    # an item of more members than allowed ties nobody
    assert _person_view.person_projection(graph, 2).edges.empty


def test_a_graph_redacted_twice_with_one_redactor_is_redacted_once(case: Case) -> None:
    r = case_redactor(case)
    whole = case_graph(case)
    # an organisation named after a victim: its label is redacted
    labels = whole.nodes["label"].mask(whole.nodes.index == "e:org", f"{VICTIM_NAME} Travel")
    graph = dataclasses.replace(whole, nodes=whole.nodes.assign(label=labels))
    sources = case_sources(case)
    first = redact_graph(graph, r, sources)
    assert first is not graph
    assert VICTIM_NAME not in first.nodes.at["e:org", "label"]
    assert redact_graph(graph, r, list(sources)) is first
    # other source names are another question, with the same answer here
    other = redact_graph(graph, r, [*sources, "other.csv"])
    assert other is not first
    assert other.nodes.equals(first.nodes)
