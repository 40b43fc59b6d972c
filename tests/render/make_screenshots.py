"""Take the README screenshots (docs/screenshots/) in headless Chromium, network blocked.

    python tests/render/make_screenshots.py [--demo DIR]

With ``--demo DIR`` (the output of ``linkgraph demo --out DIR``) the demo case is shown;
without it, a seeded synthetic network of cells stands in.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

import networkx as nx
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import open_page

from linkgraph.graph import EntityGraph, build_graph
from linkgraph.model import Case
from linkgraph.render import render_map
from linkgraph.render.report import render_report

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
_GIVEN = ["Ana", "Ion", "Olga", "Marco", "Elena", "Chidi", "Sofia", "Radu", "Ivan", "Mara",
          "Tunde", "Nadia", "Petru", "Lucia", "Emeka", "Daria"]  # fmt: skip
_FAMILY = ["Pérez", "Popescu", "Ivanova", "Rossi", "Okafor", "Moldovan", "Smirnov", "Garcia",
           "Adeyemi", "Rusu", "Kovač", "Lungu"]  # fmt: skip


def synthetic(seed: int = 3) -> tuple[EntityGraph, pd.DataFrame]:
    """Six cells of people with phones and accounts, a few brokers and victims."""
    rng = random.Random(seed)
    sizes = [22, 18, 16, 14, 12, 10]
    g = nx.random_partition_graph(sizes, 0.22, 0.004, seed=seed)
    countries = ["ES", "RO", "NG", "MD", "IT", "UA"]
    for n in g.nodes:
        cell = g.nodes[n]["block"]
        kind = rng.random()
        if kind < 0.2:
            g.nodes[n].update(
                type="phone", label=f"+40 7{rng.randint(10, 99)} {rng.randint(100000, 999999)}"
            )
        elif kind < 0.28:
            g.nodes[n].update(
                type="account", label=f"RO{rng.randint(10, 99)}BANK{rng.randint(10**7, 10**8)}"
            )
        else:
            g.nodes[n].update(
                type="person", label=f"{rng.choice(_GIVEN)} {rng.choice(_FAMILY)}",
                role="victim" if rng.random() < 0.15 else "suspect",
            )  # fmt: skip
        g.nodes[n]["country"] = countries[cell] if rng.random() < 0.85 else rng.choice(countries)
    graph = EntityGraph.from_networkx(g)
    simple = graph.view()
    com = simple.community_leiden(objective_function="modularity", n_iterations=-1)
    metrics = pd.DataFrame(
        {
            "entity_id": graph.entity_ids.astype(str),
            "label": graph.nodes["label"].to_numpy(),
            "type": graph.nodes["type"].to_numpy(),
            "betweenness_centrality": simple.betweenness(directed=False),
            "pagerank": simple.pagerank(),
            "degree_centrality": [d / (len(graph) - 1) for d in simple.degree()],
            "community": com.membership,
        }
    )
    return graph, metrics


def synthetic_case(graph: EntityGraph, metrics: pd.DataFrame) -> Case:
    """The synthetic graph as a case: one mention per entity, one link per edge."""
    sources = ("arrests.csv", "hotline.xlsx", "cdr.csv", "bank.csv")
    agencies = {"arrests.csv": "Police", "hotline.xlsx": "NGO", "cdr.csv": "Telco",
                "bank.csv": "FIU"}  # fmt: skip
    nodes = graph.nodes
    src = [sources[i % 4] for i in range(len(nodes))]
    mentions = pd.DataFrame(
        {
            "mention_id": graph.entity_ids.astype(str), "type": nodes["type"].to_numpy(),
            "label": nodes["label"].to_numpy(), "role": nodes["role"].replace("", None).to_numpy(),
            "country": nodes["country"].to_numpy(), "source": src,
            "agency": [agencies[s] for s in src], "row": list(range(1, len(nodes) + 1)),
        }
    )  # fmt: skip
    e = graph.edges
    links = pd.DataFrame(
        {
            "link_id": [f"l:{i}" for i in range(len(e))], "src": e["src"], "dst": e["dst"],
            "kind": e["kind"], "source": "links.csv", "agency": "Police",
            "row": list(range(1, len(e) + 1)),
        }
    )  # fmt: skip
    rejects = pd.DataFrame(
        {"source": ["hotline.xlsx", "cdr.csv"], "row": [17, 40], "column": ["dob", None],
         "reason": ["unparseable date", "empty row"], "level": ["value", "row"]}
    )  # fmt: skip
    return Case().with_tables(mentions=mentions, links=links, rejects=rejects, metrics=metrics)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--demo", type=Path, help="a `linkgraph demo --out` folder")
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        if args.demo is not None:
            case = Case.read(args.demo / "case")
            graph = build_graph(case)
            map_path = render_map(graph, Path(tmp) / "map.html", metrics=case.metrics, case=case)
        else:
            graph, metrics = synthetic()
            case = synthetic_case(graph, metrics)
            map_path = render_map(graph, Path(tmp) / "map.html", metrics=metrics,
                                  title="Synthetic network of six cells")  # fmt: skip
        with open_page(map_path, width=1400, height=860) as (page, _):
            page.wait_for_timeout(1500)
            page.screenshot(path=str(OUT / "map.png"))
            top = page.evaluate(
                """() => { const d = JSON.parse(document.getElementById('lg-data').textContent);
                let best = 0; d.nodes.s.forEach((s, i) => { if (s > d.nodes.s[best]) best = i; });
                const net = window.__lg.network;
                const p = net.canvasToDOM(net.getPositions([best])[best]);
                const r = document.getElementById('lg-network').getBoundingClientRect();
                return [r.left + p.x, r.top + p.y]; }"""
            )
            page.mouse.click(top[0], top[1])
            page.wait_for_timeout(400)
            page.screenshot(path=str(OUT / "map-selected.png"))
        report = render_report(case, Path(tmp) / "report.html")
        if report:
            with open_page(report, width=1200, height=1500, wait_drawn=False) as (page, _):
                page.wait_for_timeout(500)
                page.screenshot(path=str(OUT / "report.png"))
    print(f"screenshots in {OUT}")


if __name__ == "__main__":
    main()
