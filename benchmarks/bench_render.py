"""Large maps in headless Chromium: linkgraph beside plain pyvis, in one table.

    python benchmarks/bench_render.py [--nodes 20000 100000] [--pyvis-max 20000] [--seed 0]

For each size, one heavy-tailed graph (Barabási-Albert, m=2, a few entity types, Leiden
communities and PageRank as the metrics) is drawn twice with the same seeded layout:

* **linkgraph** through its public API (``lg.render_map``): the file as users get it;
* **pyvis** 0.3.2, plain: the same positions, sizes and colours, physics off, vis-network
  inlined (``cdn_resources="in_line"``) so that it too opens offline.

Both files are opened in Debian's Chromium with every network request blocked (the browser
tests' harness) and measured the same way:

* first draw: from navigation start to the end of the first drawn frame;
* pan frame: median time from a pointer move of a real mouse drag to the end of the next
  frame (double requestAnimationFrame), over 20 moves;
* full redraw: one synchronous ``network.redraw()`` (JavaScript time).

Targets (issue 13): at 20,000 entities first draw <= 3 s, a pan/zoom frame <= 100 ms, file
<= 3 MB; at 100,000 entities (communities aggregated, opened on click) first draw <= 5 s.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd

import linkgraph as lg
from linkgraph.graph import EntityGraph
from linkgraph.render.config import RenderConfig
from linkgraph.render.map import PALETTE, _sizes, layout, map_shape

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "render"))
from harness import canvas_colours, chromium_missing, foreign_requests, open_page

# Records when pyvis's network has drawn its first frame (pyvis assigns a global `network`).
PYVIS_HOOK = """
Object.defineProperty(window, "network", {
  configurable: true,
  get() { return this.__net; },
  set(v) { this.__net = v; v.once("afterDrawing", () => {
    requestAnimationFrame(() => { window.__first = performance.now(); }); }); },
});
"""
# Pointer move -> end of the next frame, for every move of a drag.
FRAME_PROBE = """() => {
  window.__frames = [];
  const c = document.querySelector("canvas");
  c.addEventListener("pointermove", () => {
    const t = performance.now();
    requestAnimationFrame(() => requestAnimationFrame(
      () => window.__frames.push(performance.now() - t)));
  }, {capture: true});
}"""


def make_graph(nodes: int, m: int, seed: int) -> tuple[EntityGraph, pd.DataFrame]:
    """A heavy-tailed graph (Barabási-Albert) with a few entity types and Leiden communities."""
    g = nx.barabasi_albert_graph(nodes, m, seed=seed)
    types = ("person", "person", "person", "phone", "account", "address")
    for n in g.nodes:
        g.nodes[n]["type"] = types[n % len(types)]
        g.nodes[n]["label"] = f"Entity {n}"
        g.nodes[n]["country"] = ("ES", "RO", "NG", "UA", "MD")[n % 5]
        g.nodes[n]["role"] = "victim" if n % 50 == 7 else ""
    graph = EntityGraph.from_networkx(g)
    simple = graph.view()
    com = simple.community_leiden(objective_function="modularity", n_iterations=2)
    metrics = pd.DataFrame(
        {
            "entity_id": graph.entity_ids.astype(str),
            "pagerank": simple.pagerank(),
            "degree_centrality": [d / (nodes - 1) for d in simple.degree()],
            "community": com.membership,
        }
    )
    return graph, metrics


def write_pyvis(graph: EntityGraph, metrics: pd.DataFrame, path: Path, seed: int) -> None:
    """The same graph as plain pyvis draws it: our layout, sizes and colours, physics off."""
    from pyvis.edge import Edge
    from pyvis.network import Network
    from pyvis.node import Node

    xy = layout(graph, seed=seed)
    values = metrics.set_index("entity_id")["pagerank"].reindex(graph.entity_ids).to_numpy()
    shapes = [map_shape(t) for t in graph.nodes["type"].astype(str)]
    sizes = _sizes(values, shapes)
    com = metrics.set_index("entity_id")["community"].reindex(graph.entity_ids).to_numpy()
    net = Network(height="860px", width="100%", cdn_resources="in_line")
    # pyvis's add_node/add_edge check for duplicates with list scans (hours at 20,000 nodes);
    # the same option dicts they would append are appended directly.
    for i, eid in enumerate(graph.entity_ids.astype(str)):
        shape = shapes[i] if not shapes[i].startswith("lg-") else "dot"
        node = Node(
            eid, shape, label=str(graph.nodes["label"].iat[i]), x=float(xy[i, 0]),
            y=float(xy[i, 1]), size=float(sizes[i]), color=PALETTE[int(com[i]) % len(PALETTE)],
            font_color=net.font_color,
        )  # fmt: skip
        net.nodes.append(node.options)
        net.node_ids.append(eid)
        net.node_map[eid] = node.options
    for s, t in zip(graph.edges["src"].astype(str), graph.edges["dst"].astype(str), strict=True):
        net.edges.append(Edge(s, t, False).options)
    net.toggle_physics(False)
    net.write_html(str(path), notebook=False)


def drag_frames(page: Any) -> float:
    """Median pointer-move-to-next-frame time (ms) over a 20-step mouse drag of the map."""
    page.evaluate(FRAME_PROBE)
    box = page.evaluate(
        "() => { const r = document.querySelector('canvas').getBoundingClientRect();"
        " return [r.left + r.width / 2, r.top + r.height / 2]; }"
    )
    x, y = box
    page.mouse.move(x, y)
    page.mouse.down()
    for k in range(1, 21):
        page.mouse.move(x + 8 * k, y + 4 * k)
        page.wait_for_timeout(60)
    page.mouse.up()
    page.wait_for_timeout(400)
    frames = page.evaluate("() => window.__frames")
    return float(statistics.median(frames)) if frames else float("nan")


def measure(path: Path, ours: bool) -> dict[str, Any]:
    """Open ``path`` offline and measure first draw, pan frame and one full redraw."""
    out: dict[str, Any] = {"size": path.stat().st_size / 1e6}
    with open_page(
        path, wait_drawn=ours, timeout_s=300, init_script=None if ours else PYVIS_HOOK
    ) as (page, log):
        if ours:
            # from navigation start, as for pyvis: the page's own clock starts with map.js
            out["first"] = page.evaluate("() => window.__lg.start + window.__lg.firstDraw") / 1000
        else:
            page.wait_for_function("() => window.__first !== undefined", timeout=300_000)
            out["first"] = page.evaluate("() => window.__first") / 1000
        page.wait_for_timeout(500)
        out["frame"] = drag_frames(page)
        out["redraw"] = page.evaluate(
            "() => { const net = window.__lg ? window.__lg.network : window.network;"
            " const t = performance.now(); net.redraw(); return performance.now() - t; }"
        )
        out["colours"] = canvas_colours(page, "canvas")
        out["requests"] = len(foreign_requests(log, path))
        out["errors"] = len(log.console_errors) + len(log.page_errors)
        if ours and page.evaluate("() => window.__lg.D.aggregate"):
            # open the largest community: its members appear
            t0 = time.perf_counter()
            page.evaluate(
                "() => { const D = window.__lg.D, k = {};"
                " D.nodes.com.forEach((c) => { k[c] = (k[c] || 0) + 1; });"
                " const c = Object.keys(k).sort((a, b) => k[b] - k[a])[0];"
                " window.__lg.openCommunity(c); }"
            )
            page.evaluate(
                "() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))"
            )
            out["open"] = time.perf_counter() - t0
            out["shown"] = page.locator("#lg-stats").inner_text()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, nargs="+", default=[20_000, 100_000])
    ap.add_argument("--pyvis-max", type=int, default=20_000, help="largest size given to pyvis")
    ap.add_argument("--edges-per-node", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    why = chromium_missing()
    if why:
        sys.exit(f"cannot run: {why}")
    ig.set_random_number_generator(random.Random(args.seed))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.nodes:
            graph, metrics = make_graph(n, args.edges_per_node, args.seed)
            path = Path(tmp) / f"linkgraph-{n}.html"
            t0 = time.perf_counter()
            lg.render_map(graph, path, metrics=metrics, size_by="pagerank", config=RenderConfig())
            python_s = time.perf_counter() - t0
            ours = measure(path, ours=True)
            ours["python"] = python_s
            rows.append(("linkgraph", n, len(graph.edges), ours))
            if n <= args.pyvis_max:
                ppath = Path(tmp) / f"pyvis-{n}.html"
                t0 = time.perf_counter()
                write_pyvis(graph, metrics, ppath, args.seed)
                python_s = time.perf_counter() - t0
                theirs = measure(ppath, ours=False)
                theirs["python"] = python_s
                rows.append(("pyvis (physics off)", n, len(graph.edges), theirs))
    head = ["map", "entities", "links", "file MB", "Python s (incl. layout)", "first draw s",
            "pan frame ms", "full redraw ms", "blank?", "requests", "errors"]  # fmt: skip
    print(" | ".join(head))
    print(" | ".join("-" * len(h) for h in head))
    for name, n, m, r in rows:
        print(
            " | ".join(
                [name, f"{n:,}", f"{m:,}", f"{r['size']:.2f}", f"{r['python']:.1f}",
                 f"{r['first']:.2f}", f"{r['frame']:.0f}", f"{r['redraw']:.0f}",
                 "yes" if r["colours"] <= 1 else "no", str(r["requests"]), str(r["errors"])]
            )
        )  # fmt: skip
    for name, n, _, r in rows:
        if "open" in r:
            print(f"{name} {n:,}: opening the largest community took {r['open']:.2f} s "
                  f"({r['shown']})")  # fmt: skip
    print(f"numpy {np.__version__}; Chromium headless, software rendering, network blocked")


if __name__ == "__main__":
    main()
