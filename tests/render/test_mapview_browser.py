"""The notebook view of a map (MapView._repr_html_) draws in a real browser, as Jupyter
shows it: an iframe whose srcdoc is the whole map. Needs Debian's chromium; skips otherwise."""

from __future__ import annotations

import pytest

from linkgraph.graph import build_graph
from linkgraph.render import show_map

from .conftest import make_case
from .harness import chromium_missing, open_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(chromium_missing() is not None, reason=str(chromium_missing())),
]


def test_notebook_view_draws_the_map_inside_its_iframe(tmp_path):
    case = make_case()
    view = show_map(build_graph(case), metrics=case.metrics, case=case, height=500)
    page_path = tmp_path / "notebook-output.html"
    page_path.write_text(f"<!doctype html><html><body>{view._repr_html_()}</body></html>")
    with open_page(page_path, wait_drawn=False) as (page, log):
        frame = page.frames[1]
        frame.wait_for_function("() => window.__lg && window.__lg.drawn === true", timeout=60_000)
        assert frame.evaluate("() => document.querySelectorAll('#lg-network canvas').length") == 1
        labels = frame.evaluate("() => window.__lg.network.body.data.nodes.get().length")
        assert labels == len(build_graph(case))
        assert not log.page_errors
