"""Render a 20,000-entity map and time it in headless Chromium (target: interactive < 10 s).

    python benchmarks/bench_render.py [--nodes 20000] [--edges-per-node 2] [--seed 0]

Prints one table: Python render time and file size, then (in Chromium, network blocked)
time to the first drawn frame, time until a click on an entity has highlighted its
neighbourhood and filled the details panel, and one full redraw.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import igraph as ig
import networkx as nx
import pandas as pd

from linkgraph.graph import EntityGraph
from linkgraph.render import render_map
from linkgraph.render.config import RenderConfig

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "render"))
from harness import canvas_colours, chromium_missing, foreign_requests, open_page


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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=20_000)
    ap.add_argument("--edges-per-node", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    ig.set_random_number_generator(__import__("random").Random(args.seed))

    graph, metrics = make_graph(args.nodes, args.edges_per_node, args.seed)
    rows: list[tuple[str, str]] = [
        ("entities / links", f"{len(graph):,} / {len(graph.edges):,}"),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "map.html"
        start = time.perf_counter()
        render_map(graph, path, metrics=metrics, size_by="pagerank", config=RenderConfig())
        rows.append(("render_map (Python, incl. layout)", f"{time.perf_counter() - start:.2f} s"))
        rows.append(("file size", f"{path.stat().st_size / 1e6:.1f} MB"))
        reason = chromium_missing()
        if reason is not None:
            rows.append(("Chromium", f"skipped: {reason}"))
        else:
            t0 = time.perf_counter()
            with open_page(path, timeout_s=120) as (page, log):
                drawn_wall = time.perf_counter() - t0
                lg = page.evaluate(
                    "() => ({first: window.__lg.firstDraw, ready: window.__lg.ready})"
                )
                t1 = time.perf_counter()
                # A real click through the mouse: highlight + details panel.
                x, y = page.evaluate(
                    """() => {
                    const net = window.__lg.network;
                    const p = net.canvasToDOM(net.getPositions([0])[0]);
                    const r = document.getElementById("lg-network").getBoundingClientRect();
                    return [r.left + p.x, r.top + p.y];
                }"""
                )
                page.mouse.click(x, y)
                page.wait_for_function(
                    "() => document.querySelector('#lg-details-body h3') !== null", timeout=60_000
                )
                page.evaluate("() => new Promise(r => requestAnimationFrame(() => r()))")
                click_s = time.perf_counter() - t1
                redraw = page.evaluate(
                    """() => { const t = performance.now(); window.__lg.network.redraw();
                    return performance.now() - t; }"""
                )
                colours = canvas_colours(page)
                rows += [
                    ("Chromium: first draw (in page)", f"{lg['first'] / 1000:.2f} s"),
                    ("Chromium: launch + open → drawn (wall)", f"{drawn_wall:.2f} s"),
                    ("click → neighbourhood + details", f"{click_s:.2f} s"),
                    ("open → interactive (wall)", f"{drawn_wall + click_s:.2f} s"),
                    ("one redraw", f"{redraw / 1000:.2f} s"),
                    ("canvas colours (blank = 1)", str(colours)),
                    ("console errors / requests", f"{len(log.console_errors)} / "
                     f"{len(foreign_requests(log, path))}"),
                ]  # fmt: skip
    width = max(len(k) for k, _ in rows)
    print(f"{'measure'.ljust(width)}  value")
    print(f"{'-' * width}  {'-' * 12}")
    for k, v in rows:
        print(f"{k.ljust(width)}  {v}")


if __name__ == "__main__":
    main()
