"""What the map shows is true, checked in headless Chromium (network blocked), with both
renderers: vis-network (small maps) and the batched canvas renderer (large maps, forced
here with ``canvas_min_nodes=1``).

* every entity's area on the canvas follows the measure, whatever its shape;
* the key actors (people first) are labelled at every zoom and listed beside the map;
* counts of entities and links follow the filters and the time window;
* search lists every hit; Reset clears everything; the person view shows shared items;
* the current view saves as PNG and SVG.
"""

# ruff: noqa: E501  (the in-page JavaScript reads best on long lines)

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd
import pytest

from linkgraph.graph import EntityGraph, build_graph
from linkgraph.render import render_map
from linkgraph.render.config import RenderConfig

from .conftest import make_case
from .harness import chromium_missing, foreign_requests, open_page
from .helpers import map_payload

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(chromium_missing() is not None, reason=str(chromium_missing())),
]
RENDERERS = {"vis": RenderConfig(), "canvas": RenderConfig(canvas_min_nodes=1)}


def settle(page: Any) -> None:
    """Wait until vis-network's physics (small maps) has stopped moving the nodes."""
    last = None
    for _ in range(40):
        now = page.evaluate("() => JSON.stringify(window.__lg.network.getPositions())")
        if now == last:
            return
        last = now
        page.wait_for_timeout(250)


def clean(log: Any, path: Path) -> None:
    assert log.console_errors == []
    assert log.page_errors == []
    assert foreign_requests(log, path) == []


def colour_pixels(page: Any, colour: str, box: tuple[float, float, float, float]) -> int:
    """Canvas pixels of exactly ``colour`` inside a box of CSS pixels (x0, y0, x1, y1)."""
    return int(
        page.evaluate(
            """([colour, box]) => {
            const c = document.querySelector("#lg-network canvas");
            const r = c.getBoundingClientRect(), k = c.width / r.width;
            const x0 = Math.max(0, Math.floor(box[0] * k)), y0 = Math.max(0, Math.floor(box[1] * k));
            const x1 = Math.min(c.width, Math.ceil(box[2] * k)), y1 = Math.min(c.height, Math.ceil(box[3] * k));
            const d = c.getContext("2d").getImageData(x0, y0, x1 - x0, y1 - y0).data;
            const want = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16));
            let count = 0;
            for (let i = 0; i < d.length; i += 4) {
                if (d[i] === want[0] && d[i + 1] === want[1] && d[i + 2] === want[2] && d[i + 3] === 255) { count++; }
            }
            return count / (k * k);
        }""",
            [colour, list(box)],
        )
    )


def node_dom(page: Any, i: int) -> tuple[float, float, float]:
    """CSS position of node ``i`` on the canvas and its vis ``size`` in CSS pixels."""
    return tuple(  # type: ignore[return-value]
        page.evaluate(
            """(i) => {
            const net = window.__lg.network, d = window.__lg.D;
            const p = net.canvasToDOM(net.getPositions([i])[i]);
            return [p.x, p.y, d.nodes.s[i] * net.getScale()];
        }""",
            i,
        )
    )


# -- sizes --------------------------------------------------------------------------------------


def _shapes_graph() -> tuple[EntityGraph, pd.DataFrame]:
    """Five entities of five shapes, far apart, with known measure values."""
    g = nx.Graph()
    spec = [  # (id, type, value)
        ("p", "person", 1.0),  # dot
        ("ph", "phone", 1.0),  # diamond
        ("ad", "ad", 0.5),  # ellipse in the schema: drawn as a sizable pill
        ("ev", "event", 0.25),  # database in the schema: drawn as a sizable cylinder
        ("acc", "account", 0.5),  # star
    ]
    for eid, etype, _ in spec:
        g.add_node(eid, type=etype, label=eid.upper())
    g.add_edges_from([("p", "ph"), ("ph", "ad"), ("ad", "ev"), ("ev", "acc")])
    graph = EntityGraph.from_networkx(g)
    metrics = pd.DataFrame({"entity_id": [s[0] for s in spec], "pagerank": [s[2] for s in spec]})
    return graph, metrics


@pytest.mark.parametrize("renderer", list(RENDERERS))
def test_area_on_screen_follows_the_measure_whatever_the_shape(
    tmp_path: Path, renderer: str
) -> None:
    graph, metrics = _shapes_graph()
    path = render_map(
        graph, tmp_path / "shapes.html", metrics=metrics, size_by="pagerank",
        color_by="type", config=RENDERERS[renderer],
    )  # fmt: skip
    data = map_payload(path.read_text("utf-8"))
    colours = {g["label"]: g["color"] for g in data["groups"]}
    with open_page(path, width=1400, height=900) as (page, log):
        settle(page)
        # Spread the nodes: place them on a row, far apart, at scale 1.
        page.evaluate(
            """() => {
            const net = window.__lg.network;
            if (window.__lg.lite) {
                net.body.nodes.forEach((nd, i) => { nd.x = i * 200; nd.y = 0; });
                net.cx = 400; net.cy = 0; net.scale = 1; net.redraw();
            } else {
                for (let i = 0; i < 5; i++) { net.moveNode(i, i * 200, 0); }
                net.moveTo({position: {x: 400, y: 0}, scale: 1, animation: false});
                net.redraw();
            }
        }"""
        )
        page.wait_for_timeout(300)
        area = {}
        for i, eid in enumerate(data["nodes"]["id"]):
            x, y, _ = node_dom(page, i)
            type_label = data["types"][data["nodes"]["t"][i]]["label"]
            area[eid] = colour_pixels(page, colours[type_label], (x - 80, y - 80, x + 80, y + 80))
        clean(log, path)
    value = dict(zip(metrics["entity_id"], metrics["pagerank"], strict=True))
    # pixels per unit of measure: the same for every shape (within anti-aliasing/borders)
    per_unit = {eid: area[eid] / value[eid] for eid in area}
    reference = per_unit["p"]
    assert reference > 4000  # the top value covers about pi * 42^2 = 5,542 pixels
    for eid, ratio in per_unit.items():
        assert ratio == pytest.approx(reference, rel=0.12), (eid, area)


# -- key actors -----------------------------------------------------------------------------------


@pytest.mark.parametrize("renderer", list(RENDERERS))
def test_key_actors_are_listed_people_first_and_labelled_at_every_zoom(
    tmp_path: Path, renderer: str
) -> None:
    case = make_case()
    graph = build_graph(case)
    path = render_map(graph, tmp_path / "m.html", metrics=case.metrics, case=case,
                      config=RENDERERS[renderer])  # fmt: skip
    btw = case.metrics.set_index("entity_id")["betweenness_centrality"]
    people = [i for i in btw.sort_values(ascending=False, kind="mergesort").index
              if graph.nodes.loc[i, "type"] == "person"]  # fmt: skip
    with open_page(path) as (page, log):
        settle(page)
        listed = page.locator("#lg-key-list li button").all_inner_texts()
        # the first entries are the people with the highest betweenness, in order
        assert listed[:2] == ["Ben Okafor", "Ana Pérez"]
        assert people[:2] == ["e:ben", "e:ana"]
        # zoomed far out, a key actor's name is still drawn (dark text pixels under it)
        # while an ordinary entity's label is not
        page.evaluate(
            """() => { const net = window.__lg.network;
            if (window.__lg.lite) { net.scale = 0.08; net.redraw(); }
            else { net.moveTo({scale: 0.08, animation: false}); net.redraw(); } }"""
        )
        page.wait_for_timeout(300)
        data = map_payload(path.read_text("utf-8"))
        ben = data["nodes"]["id"].index("e:ben")
        x, y, s = node_dom(page, ben)
        dark = colour_pixels(page, "#101820", (x - 60, y + s, x + 60, y + s + 20))
        assert dark > 20, "the key actor's label is not drawn when zoomed out"
        page.locator("#lg-key-list li button", has_text="Ana Pérez").click()
        page.wait_for_timeout(200)
        assert page.locator("#lg-details-body h3").inner_text() == "Ana Pérez"
        clean(log, path)


# -- counts, search, reset, time --------------------------------------------------------------------


def _visible_links(graph: EntityGraph, keep: set[str]) -> int:
    e = graph.edges
    return int((e["src"].isin(keep) & e["dst"].isin(keep)).sum())


@pytest.mark.parametrize("renderer", list(RENDERERS))
def test_counts_follow_filters_search_lists_hits_and_reset_clears(
    tmp_path: Path, renderer: str
) -> None:
    case = make_case()
    graph = build_graph(case)
    path = render_map(graph, tmp_path / "m.html", metrics=case.metrics, case=case,
                      config=RENDERERS[renderer])  # fmt: skip
    types = graph.nodes["type"].astype(str)
    with open_page(path) as (page, log):
        # hide phones: entities and links both follow
        page.locator("#lg-type-filter label", has_text="Phone").locator("input").uncheck()
        keep = set(graph.nodes.index[types != "phone"])
        stats = page.locator("#lg-stats").inner_text()
        assert stats.startswith(f"{len(keep)} of 12 entities")
        assert f"{_visible_links(graph, keep)} of {len(graph.edges)} links shown" in stats

        # a time window: only links active in it, and the entities they join
        page.evaluate(
            """() => { const a = document.getElementById("lg-time-from");
            const b = document.getElementById("lg-time-to");
            const d0 = Math.round(Date.UTC(2023, 2, 1) / 86400000), d1 = Math.round(Date.UTC(2023, 5, 30) / 86400000);
            a.value = d0; a.dispatchEvent(new Event("input"));
            b.value = d1; b.dispatchEvent(new Event("input")); }"""
        )
        e = graph.edges
        first = pd.to_datetime(e["first"], utc=True)
        last = pd.to_datetime(e["last"], utc=True)
        inside = (last >= pd.Timestamp("2023-03-01", tz="UTC")) & (
            first <= pd.Timestamp("2023-06-30", tz="UTC")
        )
        timed = e[inside.to_numpy()]
        ends = set(timed["src"]) | set(timed["dst"])
        ends_shown = {x for x in ends if types[x] != "phone"}
        links = int((timed["src"].isin(ends_shown) & timed["dst"].isin(ends_shown)).sum())
        stats = page.locator("#lg-stats").inner_text()
        assert stats.startswith(f"{len(ends_shown)} of 12 entities"), stats
        assert f"{links} of {len(graph.edges)} links shown" in stats
        assert "2023-03-01 to 2023-06-30" in page.locator("#lg-time-label").inner_text()

        # search lists every hit with type, country and community
        page.fill("#lg-search", "e")
        page.press("#lg-search", "Enter")
        # what the page shows: labels and ids, victims by pseudonym
        shown = map_payload(path.read_text("utf-8"))["nodes"]
        expected = [
            i for i, label in zip(shown["id"], shown["label"], strict=True)
            if "e" in (label + "\u0001" + i).lower()
        ]  # fmt: skip
        hits = page.locator("#lg-search-hits li:has(button)")
        assert hits.count() == len(expected)
        assert page.locator("#lg-search-result").inner_text().startswith(f"{len(expected)} found")
        assert "Person · ES · community 0" in page.locator("#lg-search-hits").inner_text()

        # Reset clears search, filters, time window and selection
        page.click("#lg-reset")
        assert page.input_value("#lg-search") == ""
        assert page.locator("#lg-search-hits li").count() == 0
        assert (
            page.locator("#lg-stats")
            .inner_text()
            .startswith(f"12 of 12 entities · {len(graph.edges)} of {len(graph.edges)} links")
        )
        assert page.locator("#lg-time-label").inner_text().startswith("all times")
        clean(log, path)


# -- person view ----------------------------------------------------------------------------------


@pytest.mark.parametrize("renderer", list(RENDERERS))
def test_person_view_ties_people_through_what_they_share(tmp_path: Path, renderer: str) -> None:
    g = nx.Graph()
    for pid, name in (("a", "Adam"), ("b", "Bea"), ("c", "Cem")):
        g.add_node(pid, type="person", label=name)
    g.add_node("ph", type="phone", label="+40 700")
    g.add_node("acc", type="account", label="RO49AAAA")
    g.add_edges_from([("a", "ph"), ("b", "ph"), ("b", "acc"), ("c", "acc")], kind="uses_phone")
    graph = EntityGraph.from_networkx(g)
    path = render_map(graph, tmp_path / "p.html", config=RENDERERS[renderer])
    with open_page(path) as (page, log):
        page.check("#lg-person-view")
        stats = page.locator("#lg-stats").inner_text()
        # three people, tied a–b (the phone) and b–c (the account)
        assert stats.startswith("3 of 5 entities · 2 of")
        data = map_payload(path.read_text("utf-8"))
        tie = data["ties"]["f"].index(data["nodes"]["id"].index("a"))
        page.evaluate(
            "(j) => window.__lg.network.emit('click', {nodes: [], edges: [j]})",
            len(data["edges"]["f"]) + tie,
        )
        details = page.locator("#lg-details-body").inner_text()
        assert "Shared (1)" in details
        assert "+40 700" in details
        page.uncheck("#lg-person-view")
        assert page.locator("#lg-stats").inner_text().startswith("5 of 5 entities")
        clean(log, path)


# -- image export ---------------------------------------------------------------------------------


def test_current_view_saves_as_png_and_svg(tmp_path: Path) -> None:
    case = make_case()
    path = render_map(build_graph(case), tmp_path / "m.html", metrics=case.metrics, case=case)
    with open_page(path) as (page, log):
        settle(page)
        with page.expect_download() as png:
            page.click("#lg-save-png")
        assert Path(png.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        with page.expect_download() as svg:
            page.click("#lg-save-svg")
        text = Path(svg.value.path()).read_text("utf-8")
        assert text.startswith("<svg")
        assert "<script" not in text
        assert "&lt;script&gt;window.__pwned=1" in text  # hostile label escaped as text
        shapes = text.count("<circle") + text.count("<polygon")
        assert shapes == 12  # every entity in view
        assert text.count("<line") == page.evaluate("() => window.__lg.shown.links")
        clean(log, path)
