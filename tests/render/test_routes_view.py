"""The geographic routes view: self-contained, escaped, and drawn offline with no request."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import linkgraph as lg
from linkgraph.model import LINKS, MENTIONS, Case
from linkgraph.render.routes import render_routes, sankey_svg

from .conftest import XSS_END, XSS_IMG, XSS_SCRIPT
from .harness import chromium_missing, foreign_requests, open_page

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def hostile_case() -> Case:
    """A suspect named with a script tag, an event place with a closing script tag before
    the city, a victim; a place string that is only markup (not found, never invented)."""
    m = [
        {
            "mention_id": "s",
            "type": "person",
            "name": XSS_SCRIPT,
            "nationality": "RO",
            "role": "suspect",
            "source": "a.csv",
            "row": 1,
        },
        {
            "mention_id": "v",
            "type": "person",
            "name": "Maria Ivanova",
            "nationality": "UA",
            "role": "victim",
            "source": "a.csv",
            "row": 2,
        },
        {
            "mention_id": "x",
            "type": "person",
            "name": "X",
            "city": XSS_IMG,
            "source": "a.csv",
            "row": 3,
        },
        {
            "mention_id": "e",
            "type": "event",
            "attrs": json.dumps({"place": XSS_END + " Berlin"}),
            "source": "a.csv",
            "row": 1,
        },
    ]
    links = [
        {
            "link_id": f"l{i}",
            "src": p,
            "dst": "e",
            "kind": "involved_in",
            "time": "2023-05-01T10:00:00Z",
            "source": "a.csv",
            "row": i,
        }
        for i, p in ((1, "s"), (2, "v"))
    ]
    case = Case(
        mentions=MENTIONS.conform(pd.DataFrame(m)), links=LINKS.conform(pd.DataFrame(links))
    )
    return lg.routes(case)


def _labels(case: Case) -> pd.Series:
    from linkgraph.graph import build_graph
    from linkgraph.privacy import protect_victims

    return protect_victims(build_graph(case), case.pseudonym_key).nodes["label"].astype(str)


def test_hostile_names_are_escaped(hostile_case: Case, tmp_path: Path) -> None:
    places = hostile_case.places
    assert places is not None
    assert places.loc[places["value"] == XSS_IMG, "place_id"].isna().all()  # not invented
    assert set(places.loc[places["value"].str.endswith("Berlin"), "name"]) == {"Berlin"}
    out = render_routes(hostile_case, tmp_path / "routes.html", labels=_labels(hostile_case))
    html = out.read_text(encoding="utf-8")
    for bad in (XSS_SCRIPT, XSS_IMG, XSS_END, "<script>window", "onerror="):
        assert bad not in html
    assert "Maria Ivanova" not in html  # the victim is a pseudonym
    assert "http://" not in html
    assert "https://" not in html
    assert "<svg" in sankey_svg(hostile_case.flows)  # type: ignore[arg-type]


@pytest.mark.browser
@pytest.mark.skipif(chromium_missing() is not None, reason=str(chromium_missing()))
def test_view_draws_offline_with_zero_requests(hostile_case: Case, tmp_path: Path) -> None:
    out = render_routes(hostile_case, tmp_path / "routes.html", labels=_labels(hostile_case))
    with open_page(out, width=1300, height=800) as (page, log):
        land = page.evaluate("() => document.querySelectorAll('#lg-geo .land path').length")
        arcs = page.evaluate("() => document.querySelectorAll('#lg-geo .arc').length")
        assert land > 150
        assert arcs == 2
        page.evaluate(
            "() => document.querySelector('#lg-geo .arc').dispatchEvent(new MouseEvent('click'))"
        )
        panel = page.inner_text("#lg-flow")
        assert "Germany" in panel
        assert "a.csv:1" in panel
        assert XSS_SCRIPT in panel or "Victim-" in panel  # names shown as text
        page.select_option("#lg-level", "city")
        assert "Berlin" in page.evaluate("() => document.querySelector('#lg-geo').textContent")
        assert page.evaluate("() => window.__pwned === undefined")
        assert log.console_errors == []
        assert log.page_errors == []
        assert log.dialogs == []
        assert foreign_requests(log, out) == []
        assert log.requests == [out.resolve().as_uri()]  # the page itself, nothing else


def test_report_reads_the_routes_tables(hostile_case: Case, tmp_path: Path) -> None:
    from linkgraph.render.report import render_report

    html = render_report(hostile_case, tmp_path / "report.html").read_text(encoding="utf-8")
    assert '<section id="routes">' in html
    assert 'class="sankey"' in html
    assert "Source: case table flows" in html
    assert XSS_SCRIPT not in html
    bare = Case(mentions=hostile_case.mentions, links=hostile_case.links)
    html = render_report(bare, tmp_path / "bare.html").read_text(encoding="utf-8")
    assert "run <code>linkgraph routes CASE_DIR</code> first" in html
