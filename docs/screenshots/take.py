"""Retake the README screenshots of the demo case (the map in five states, the report).

Run from anywhere, with the project's Python (playwright installed, Debian's chromium at
/usr/bin/chromium)::

    python docs/screenshots/take.py [--out DIR] [--keep DIR]

It runs ``linkgraph demo`` and ``linkgraph report`` in a temporary folder, opens the map and
the report offline in headless Chromium with every network request blocked (the browser tests'
harness, tests/render/harness.py), and writes

* map.png           1400 x 860   the demo map at first view: key actors labelled and listed;
* map-selected.png  1400 x 860   the same map with the top actor by betweenness clicked:
                                 neighbourhood highlighted, Details panel scrolled into view;
* map-search.png    1400 x 860   a search for "Pop": every hit listed to choose from;
* map-person.png    1400 x 860   the person view: people tied by the phones, accounts,
                                 addresses, ads and events they share, one tie clicked;
* map-time.png      1400 x 860   the time slider narrowed to a few months of the case;
* report.png        1200 x 1500  the top of the briefing report;
* routes.png        1400 x 800   `linkgraph routes -o`: the geographic view of the demo's
                                 routes by country (Natural Earth outlines shipped offline).

Victims stay pseudonymised (Victim-xxxxxx), as the product does by default; the script
stops with an error if a victim's label on the map is not a pseudonym.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "render"))
from harness import canvas_colours, chromium_missing, foreign_requests, open_page  # noqa: E402

from linkgraph import top_actors  # noqa: E402
from linkgraph.model import Case  # noqa: E402

OUT = Path(__file__).resolve().parent
MAP_SIZE = (1400, 860)
REPORT_SIZE = (1200, 1500)


def linkgraph_cmd() -> list[str]:
    """The ``linkgraph`` command of this interpreter's environment."""
    beside = Path(sys.executable).with_name("linkgraph")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("linkgraph")
    if found:
        return [found]
    return [sys.executable, "-c", "from linkgraph.cli import cli; cli()"]


def run(*args: str) -> None:
    subprocess.run([*linkgraph_cmd(), *args], check=True, stdout=subprocess.DEVNULL)


def wait_settled(page: Any, rounds: int = 40) -> None:
    """Wait until the map has drawn and no node moves between two looks 250 ms apart."""
    page.wait_for_function("() => window.__lg && window.__lg.drawn && window.__lg.network")
    last = None
    for _ in range(rounds):
        now = page.evaluate("() => JSON.stringify(window.__lg.network.getPositions())")
        if now == last:
            break
        last = now
        page.wait_for_timeout(250)
    else:
        raise RuntimeError("the map layout did not settle")
    page.wait_for_timeout(300)  # one more frame or two after the last move


def check_map(page: Any) -> None:
    """The canvas is drawn, nothing left the page, victims carry pseudonyms."""
    if canvas_colours(page) <= 5:
        raise RuntimeError("the network canvas is blank")
    exposed = page.evaluate(
        """() => { const N = JSON.parse(document.getElementById('lg-data').textContent).nodes;
        return N.label.filter((l, i) => N.victim[i] && !l.startsWith('Victim-')); }"""
    )
    if exposed:
        raise RuntimeError(f"{len(exposed)} victim label(s) are not pseudonyms")


def node_point(page: Any, entity_id: str) -> tuple[float, float]:
    """Page coordinates of the node of ``entity_id``."""
    x, y = page.evaluate(
        """(eid) => {
        const net = window.__lg.network;
        const d = JSON.parse(document.getElementById('lg-data').textContent);
        const i = d.nodes.id.indexOf(eid);
        if (i < 0) { throw new Error('no node ' + eid); }
        const p = net.canvasToDOM(net.getPositions([i])[i]);
        const r = document.getElementById('lg-network').getBoundingClientRect();
        return [r.left + p.x, r.top + p.y]; }""",
        entity_id,
    )
    return float(x), float(y)


def empty_point(page: Any) -> tuple[float, float]:
    """Page coordinates of a spot on the map canvas with no node under it."""
    x, y = page.evaluate(
        """() => {
        const net = window.__lg.network;
        const r = document.getElementById('lg-network').getBoundingClientRect();
        for (let dy = 10; dy < r.height; dy += 20) {
            for (let dx = 10; dx < r.width; dx += 20) {
                if (net.getNodeAt({x: dx, y: dy}) === undefined) {
                    return [r.left + dx, r.top + dy];
                }
            }
        }
        throw new Error('no empty spot on the map'); }"""
    )
    return float(x), float(y)


def shoot_map(map_html: Path, entity_id: str, label: str, out: Path) -> None:
    with open_page(map_html, width=MAP_SIZE[0], height=MAP_SIZE[1]) as (page, log):
        wait_settled(page)
        check_map(page)
        page.screenshot(path=str(out / "map.png"))

        x, y = node_point(page, entity_id)
        page.mouse.click(x, y)
        page.wait_for_timeout(300)
        shown = page.locator("#lg-details-body h3").inner_text()
        if shown != label:
            raise RuntimeError(f"clicked {label!r} but the Details panel shows {shown!r}")
        # the tooltip would hide the neighbourhood: hover an empty spot of the map
        page.mouse.move(*empty_point(page))
        page.wait_for_timeout(300)
        if page.locator("#lg-tooltip").is_visible():
            raise RuntimeError("the tooltip is still shown")
        # (the page itself scrolls the sidebar to the Details panel on a click)
        page.screenshot(path=str(out / "map-selected.png"))

        page.click("#lg-reset")
        page.fill("#lg-search", "Pop")
        page.press("#lg-search", "Enter")
        page.wait_for_timeout(300)
        if page.locator("#lg-search-hits li button").count() < 2:
            raise RuntimeError("the search for 'Pop' lists fewer than two hits")
        page.mouse.move(*empty_point(page))
        page.screenshot(path=str(out / "map-search.png"))

        page.click("#lg-reset")
        page.check("#lg-person-view")
        page.wait_for_timeout(400)
        tie = page.evaluate(
            """() => { const D = window.__lg.D, m = D.edges.f.length;
            let best = 0;
            D.ties.via.forEach((v, j) => { if (v.length > D.ties.via[best].length) { best = j; } });
            return m + best; }"""
        )
        page.evaluate("(j) => window.__lg.network.emit('click', {nodes: [], edges: [j]})", tie)
        page.wait_for_timeout(300)
        page.mouse.move(*empty_point(page))
        page.screenshot(path=str(out / "map-person.png"))

        page.click("#lg-reset")
        page.evaluate(
            """() => { const a = document.getElementById("lg-time-from");
            const b = document.getElementById("lg-time-to");
            const lo = +a.min, hi = +a.max, w = Math.round((hi - lo) / 5);
            a.value = lo + 2 * w; a.dispatchEvent(new Event("input"));
            b.value = lo + 3 * w; b.dispatchEvent(new Event("input")); }"""
        )
        page.wait_for_timeout(400)
        page.mouse.move(*empty_point(page))
        page.screenshot(path=str(out / "map-time.png"))
        problems = log.console_errors + log.page_errors + foreign_requests(log, map_html)
        if problems:
            raise RuntimeError(f"the map page misbehaved: {problems}")


def shoot_report(report_html: Path, out: Path) -> None:
    w, h = REPORT_SIZE
    with open_page(report_html, width=w, height=h, wait_drawn=False) as (page, log):
        page.evaluate("() => document.fonts.ready")
        page.wait_for_timeout(500)
        page.screenshot(path=str(out / "report.png"))
        problems = log.console_errors + log.page_errors + foreign_requests(log, report_html)
        if problems:
            raise RuntimeError(f"the report page misbehaved: {problems}")


def shoot_routes(routes_html: Path, out: Path) -> None:
    with open_page(routes_html, width=1400, height=800) as (page, log):
        page.wait_for_timeout(300)
        page.screenshot(path=str(out / "routes.png"))
        html = routes_html.read_text(encoding="utf-8")
        problems = log.console_errors + log.page_errors + foreign_requests(log, routes_html)
        if problems or "Victim-" not in html:
            raise RuntimeError(f"the routes view misbehaved: {problems}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=OUT, help="folder for the PNGs [%(default)s]")
    ap.add_argument("--keep", type=Path, help="keep the demo case, map and report here")
    args = ap.parse_args()
    why = chromium_missing()
    if why:
        sys.exit(f"cannot take screenshots: {why}")
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lg-shots-") as tmp:
        work = args.keep or Path(tmp)
        run("demo", "--out", str(work), "--quiet")
        run("report", str(work / "case"), "-o", str(work / "report.html"))
        top = top_actors(Case.read(work / "case"), n=1)
        entity_id, label = str(top.index[0]), str(top["label"].iloc[0])
        shoot_map(work / "map.html", entity_id, label, args.out)
        shoot_report(work / "report.html", args.out)
        run("routes", str(work / "case"), "-q", "-o", str(work / "routes.html"))
        shoot_routes(work / "routes.html", args.out)
    shots = ("map", "map-selected", "map-search", "map-person", "map-time", "report", "routes")
    names = ", ".join(f"{n}.png" for n in shots)
    print(f"{names} in {args.out} (selected: {label}, {entity_id})")  # noqa: T201


if __name__ == "__main__":
    main()
