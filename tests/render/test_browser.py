"""Maps and the report as a person sees them: real headless Chromium, network blocked.

Needs Debian's chromium (/usr/bin/chromium) and Playwright for Python; skips otherwise.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from linkgraph.graph import build_graph
from linkgraph.render import render_map
from linkgraph.render.report import render_report

from .conftest import XSS_END, XSS_IMG, XSS_SCRIPT, make_case
from .harness import PageLog, canvas_colours, chromium_missing, foreign_requests, open_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(chromium_missing() is not None, reason=str(chromium_missing())),
]
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def xss_map(tmp_path_factory: pytest.TempPathFactory) -> Path:
    case = make_case()
    out = tmp_path_factory.mktemp("browser") / "xss-map.html"
    return render_map(build_graph(case), out, metrics=case.metrics, case=case)


def assert_clean(page: Any, log: PageLog, path: Path) -> None:
    """No console or page errors, no request but the page, no alert, no data script ran."""
    assert log.console_errors == []
    assert log.page_errors == []
    assert foreign_requests(log, path) == []
    assert log.dialogs == []
    for frame in page.frames:
        assert frame.evaluate("() => window.__pwned === undefined")
        assert frame.evaluate("() => document.querySelectorAll('img').length") == 0


def node_point(page: Any, label: str) -> tuple[float, float]:
    """Page coordinates of the node whose label is ``label``."""
    x, y = page.evaluate(
        """(label) => {
        const net = window.__lg.network;
        const data = JSON.parse(document.getElementById("lg-data").textContent);
        const i = data.nodes.label.indexOf(label);
        const p = net.canvasToDOM(net.getPositions([i])[i]);
        const r = document.getElementById("lg-network").getBoundingClientRect();
        return [r.left + p.x, r.top + p.y];
    }""",
        label,
    )
    return float(x), float(y)


def test_map_draws_offline_without_errors(xss_map: Path) -> None:
    with open_page(xss_map) as (page, log):
        page.wait_for_timeout(500)
        assert canvas_colours(page) > 5, "the network canvas is blank"
        assert page.locator("#lg-stats").inner_text().startswith("12 of 12 entities")
        assert_clean(page, log, xss_map)


def test_hostile_names_stay_text_when_clicked_hovered_and_searched(xss_map: Path) -> None:
    with open_page(xss_map) as (page, log):
        page.wait_for_timeout(300)
        for payload in (XSS_SCRIPT, XSS_IMG, XSS_END):
            x, y = node_point(page, payload)
            page.mouse.move(x, y)
            page.wait_for_timeout(250)
            assert page.locator("#lg-tooltip b").inner_text() == payload
            page.mouse.click(x, y)
            page.wait_for_timeout(150)
            assert page.locator("#lg-details-body h3").inner_text() == payload
        page.fill("#lg-search", "pwned")
        page.press("#lg-search", "Enter")
        assert page.locator("#lg-search-result").inner_text() == "3 found"
        page.select_option("#lg-community-filter", "1")
        assert page.locator("#lg-stats").inner_text().startswith("6 of 12")
        assert_clean(page, log, xss_map)


def test_report_opens_offline_with_its_map(tmp_path: Path) -> None:
    path = render_report(make_case(), tmp_path / "report.html")
    with open_page(path, wait_drawn=False) as (page, log):
        assert page.locator("svg.chart polyline").count() == 1
        assert page.locator("#key-players table tbody tr").count() == 12
        page.locator("iframe.map").scroll_into_view_if_needed()
        frame = page.frames[1]
        frame.wait_for_function("() => window.__lg && window.__lg.drawn === true", timeout=30_000)
        page.wait_for_timeout(300)
        assert canvas_colours(frame) > 5, "the embedded map is blank"
        assert_clean(page, log, path)


def test_demo_map(tmp_path: Path) -> None:
    if not (ROOT / "sample_data" / "pipeline.yaml").is_file():
        pytest.skip("sample_data/ has no pipeline.yaml yet: the demo case is not committed")
    from linkgraph.pipeline import demo_config, run_pipeline

    result = run_pipeline(demo_config(), tmp_path / "demo")
    with open_page(result.map_path) as (page, log):
        page.wait_for_timeout(500)
        assert canvas_colours(page) > 5, "the demo map is blank"
        # the five planted key players (sample_data/truth) lead the key actors
        truth = pd.read_csv(ROOT / "sample_data" / "truth" / "people.csv")
        planted = {n.casefold() for n in truth.loc[truth["key_player"], "name"]}
        listed = page.locator("#lg-key-list li button").all_inner_texts()[:5]
        assert {n.casefold() for n in listed} == planted
        page.check("#lg-person-view")
        assert page.evaluate("() => window.__lg.shown.links") > 0
        assert_clean(page, log, result.map_path)
    # `linkgraph run` writes the briefing beside the map, read from the case's tables
    assert result.report_path == tmp_path / "demo" / "report.html"
    report = result.report_path.read_text(encoding="utf-8")
    assert "Source: key_players table" in report
    assert '<a href="map.html">' in report
    with open_page(result.report_path, wait_drawn=False) as (page, log):
        assert page.locator("#key-players svg.chart polyline").count() == 1
        assert_clean(page, log, result.report_path)


def test_selecting_a_node_shows_details_dims_links_and_hides_tooltip(xss_map: Path) -> None:
    # A short window: the legend pushes the details panel below the sidebar's fold.
    with open_page(xss_map, height=420) as (page, log):
        page.wait_for_timeout(300)
        x, y = node_point(page, XSS_SCRIPT)
        page.mouse.move(x, y)
        page.wait_for_timeout(250)
        assert page.locator("#lg-tooltip").is_visible()
        page.mouse.move(5, 5)  # straight out of the map, onto the header
        page.wait_for_timeout(100)
        assert page.locator("#lg-tooltip").is_hidden()

        page.mouse.click(x, y)
        page.wait_for_timeout(200)
        # The clicked entity's details are visible in the sidebar without scrolling.
        assert page.evaluate(
            """() => {
            const s = document.getElementById("lg-side").getBoundingClientRect();
            const h = document.querySelector("#lg-details-body h3").getBoundingClientRect();
            return h.top >= s.top && h.bottom <= s.bottom && h.bottom <= window.innerHeight;
        }"""
        )
        # Links not touching the selected entity are dimmed, its own links keep their colour.
        colours = page.evaluate(
            """(label) => {
            const data = JSON.parse(document.getElementById("lg-data").textContent);
            const i = data.nodes.label.indexOf(label);
            const out = {touching: [], other: []};
            window.__lg.edges.forEach((e) => {
                (e.from === i || e.to === i ? out.touching : out.other).push(e.color.color);
            });
            return out;
        }""",
            XSS_SCRIPT,
        )
        assert colours["touching"]
        assert colours["other"]
        assert "#dfe3e8" not in colours["touching"]
        assert set(colours["other"]) == {"#dfe3e8"}
        # Measure names wrap only at their underscores, never mid-word.
        assert page.evaluate(
            """() => {
            const cells = document.querySelectorAll("#lg-details-body td.lg-key");
            if (!cells.length) { return false; }
            for (const td of cells) {
                const st = getComputedStyle(td);
                if (st.wordBreak !== "normal" || st.overflowWrap !== "normal") { return false; }
                for (const t of td.childNodes) {
                    if (t.nodeType !== 3 || t.length < 2) { continue; }
                    const r = document.createRange();
                    r.setStart(t, 0); r.setEnd(t, 1);
                    const first = r.getBoundingClientRect().top;
                    r.setStart(t, t.length - 1); r.setEnd(t, t.length);
                    if (Math.abs(r.getBoundingClientRect().top - first) > 1) { return false; }
                }
            }
            return true;
        }"""
        )
        # Measures are named in words, each with its one-line meaning (the shared glossary).
        from linkgraph.render.glossary import GLOSSARY

        btw = page.locator("#lg-details-body td.lg-key", has_text="Go-between (betweenness)")
        assert btw.count() == 1
        assert btw.locator(".lg-mean").inner_text() == GLOSSARY["betweenness_centrality"].meaning
        assert (
            page.locator("#lg-details-body td.lg-key", has_text="betweenness_centrality").count()
            == 0
        )

        page.click("#lg-reset")
        page.wait_for_timeout(100)
        assert page.evaluate(
            "() => window.__lg.edges.get().every((e) => e.color.color !== '#dfe3e8')"
        )
        assert_clean(page, log, xss_map)


def test_details_show_the_stability_figures(tmp_path: Path) -> None:
    """With CASE/stability.parquet, a followed actor's details show P(rank 1), P(top k) and
    the rank band per perturbation; as text (the hostile name's row too), no errors."""
    from click.testing import CliRunner

    from linkgraph.cli import cli
    from linkgraph.model import Case

    folder = tmp_path / "case"
    make_case().write(folder)
    out = CliRunner().invoke(cli, ["stability", str(folder), "--draws", "20", "--top", "12", "-q"])
    assert out.exit_code == 0, out.output
    case = Case.read(folder)
    path = render_map(build_graph(case), tmp_path / "map.html", metrics=case.metrics, case=case)
    with open_page(path) as (page, log):
        page.wait_for_timeout(300)
        x, y = node_point(page, XSS_SCRIPT)
        page.mouse.click(x, y)
        page.wait_for_timeout(150)
        body = page.locator("#lg-details-body")
        assert body.locator("h4", has_text="How sure (linkgraph stability)").count() == 1
        heads = body.locator("th").all_inner_texts()
        assert heads[:4] == ["perturbed", "P(rank 1)", "P(top 12)", "rank band"]
        assert "re-drawn merges" in body.inner_text()
        assert_clean(page, log, path)
