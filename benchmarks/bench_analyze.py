"""Benchmark of ``linkgraph.metrics.analyze_graph`` against raw igraph and networkx.

Generates a seeded planted-partition graph (cells of 100 entities, 80 % of edges inside a
cell, heavy-tailed degrees), builds an EntityGraph from it, and times each measure of the
full analysis: components, degree, PageRank, sampled betweenness, k-core, eigenvector,
Leiden and community summaries. The same calls straight on igraph give the overhead of
linkgraph; networkx runs the same measures on the smaller sizes (betweenness on a few
sources, extrapolated to the same sample size; stated in the table).

Usage:
    OMP_NUM_THREADS=1 python benchmarks/bench_analyze.py                 # 100k and 1M
    python benchmarks/bench_analyze.py --sizes 100000 --networkx-max 100000
    python benchmarks/bench_analyze.py --quick                           # 20k smoke run
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import resource
import sys
import time
from collections.abc import Callable
from typing import Any

os.environ.setdefault("OMP_NUM_THREADS", "1")  # must precede the igraph import

import igraph as ig
import numpy as np
import pandas as pd

from linkgraph.graph import EntityGraph, _assemble
from linkgraph.metrics import AnalyzeConfig, analyze_graph, community_summary

CELL = 100
MEAN_EDGES_PER_NODE = 4  # 1M nodes -> 4M edges


def planted_partition(n: int, m: int, seed: int = 0) -> np.ndarray:
    """``m`` distinct undirected edges (u < v) over ``n`` nodes in cells of ``CELL``."""
    rng = np.random.default_rng(seed)
    fitness = rng.pareto(2.5, n) + 1.0  # heavy-tailed degrees
    p = fitness / fitness.sum()
    want = int(m * 1.08)
    u = rng.choice(n, size=want, p=p)
    inside = rng.random(want) < 0.8
    cell_start = (u // CELL) * CELL
    cell_len = np.minimum(CELL, n - cell_start)
    v_in = cell_start + (rng.random(want) * cell_len).astype(np.int64)
    v_out = rng.choice(n, size=want, p=p)
    v = np.where(inside, v_in, v_out)
    lo, hi = np.minimum(u, v), np.maximum(u, v)
    keep = lo != hi
    key = np.unique(lo[keep] * n + hi[keep])
    key = rng.permutation(key)[:m]
    key.sort()
    return np.stack([key // n, key % n], axis=1)


def entity_graph(n: int, edges: np.ndarray) -> EntityGraph:
    """An EntityGraph of ``n`` persons in 6 countries linked by ``associate`` edges."""
    ids = pd.Index([f"e:{i:07d}" for i in range(n)], name="entity_id", dtype="string")
    countries = np.array(["RO", "BG", "NG", "FR", "DE", "IT"])
    nodes = pd.DataFrame(
        {
            "type": "person",
            "label": [f"Person {i}" for i in range(n)],
            "mentions": 1,
            "sources": 1,
            "agencies": "",
            "role": "",
            "country": countries[np.arange(n) // CELL % len(countries)],
        },
        index=ids,
    )
    arr = ids.to_numpy()
    frame = pd.DataFrame(
        {
            "src": arr[edges[:, 0]],
            "dst": arr[edges[:, 1]],
            "kind": "associate",
            "directed": False,
            "count": 1,
            "weight": 1.0,
            "amount": np.nan,
            "first": pd.NaT,
            "last": pd.NaT,
            "rows": "[]",
        }
    )
    return _assemble(nodes, frame)


def timed(func: Callable[[], Any]) -> tuple[Any, float]:
    gc.collect()
    start = time.perf_counter()
    out = func()
    return out, time.perf_counter() - start


def raw_igraph(edges: np.ndarray, n: int, k: int | None) -> dict[str, float]:
    """The same measures called straight on igraph (the floor linkgraph adds to);
    betweenness from the same ``k`` sources in one call (``None``: exact)."""
    t: dict[str, float] = {}
    pairs = list(zip(edges[:, 0].tolist(), edges[:, 1].tolist(), strict=True))
    g, t["view"] = timed(lambda: ig.Graph(n=n, edges=pairs, directed=False))
    w = [1.0] * g.ecount()
    _, t["component"] = timed(lambda: g.connected_components().membership)
    _, t["degree_centrality"] = timed(lambda: g.degree())
    _, t["strength"] = timed(lambda: g.strength(weights=w))
    srcs = random.Random(0).sample(range(n), k) if k else None
    _, t["betweenness_centrality"] = timed(
        lambda: g.betweenness(sources=srcs) if srcs else g.betweenness()
    )
    _, t["eigenvector_centrality"] = timed(lambda: g.eigenvector_centrality())
    _, t["pagerank"] = timed(lambda: g.pagerank(weights=w))
    _, t["core_number"] = timed(lambda: g.coreness())
    ig.set_random_number_generator(random.Random(0))
    _, t["community"] = timed(
        lambda: g.community_leiden(objective_function="modularity", weights=w, n_iterations=2)
    )
    ig.set_random_number_generator(random)
    return t


def networkx_times(edges: np.ndarray, n: int, k: int | None) -> dict[str, float]:
    """The same measures with networkx; betweenness timed on 4 sources and scaled to k."""
    import networkx as nx

    t: dict[str, float] = {}
    g, t["view"] = timed(lambda: nx.Graph(edges.tolist()))
    g.add_nodes_from(range(n))
    _, t["component"] = timed(lambda: list(nx.connected_components(g)))
    _, t["degree_centrality"] = timed(lambda: nx.degree_centrality(g))
    _, t["strength"] = timed(lambda: dict(g.degree(weight="weight")))
    k = n if k is None else k
    probe = min(4, k)
    _, probe_t = timed(lambda: nx.betweenness_centrality(g, k=probe, seed=0))
    t["betweenness_centrality"] = probe_t * k / probe
    _, t["eigenvector_centrality"] = timed(lambda: nx.eigenvector_centrality(g, max_iter=1000))
    _, t["pagerank"] = timed(lambda: nx.pagerank(g))
    _, t["core_number"] = timed(lambda: nx.core_number(g))
    _, t["community"] = timed(lambda: nx.community.louvain_communities(g, seed=0))
    return t


def run(n: int, networkx_max: int) -> None:
    m = n * MEAN_EDGES_PER_NODE
    config = AnalyzeConfig()
    edges, t_gen = timed(lambda: planted_partition(n, m))
    graph, t_build = timed(lambda: entity_graph(n, edges))
    print(f"\n## {n:,} entities, {len(edges):,} edges  (generate {t_gen:.1f} s, "
          f"EntityGraph {t_build:.1f} s)", flush=True)  # fmt: skip
    metrics, t_total = timed(lambda: analyze_graph(graph, config))
    lg = dict(metrics.attrs["seconds"])
    _, lg["community_summary"] = timed(
        lambda: community_summary(graph, metrics, view=None, by="pagerank")
    )
    t_total += lg["community_summary"]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20  # KiB -> GiB
    algos = metrics.attrs["algorithms"]
    k = algos["betweenness_centrality"].get("k")  # what the time budget allowed
    raw = raw_igraph(edges, n, k)
    nxt = networkx_times(edges, n, k) if n <= networkx_max else {}
    rows = []
    for name in lg:
        algo = algos.get(name, {}).get("algorithm", "")
        if name == "betweenness_centrality" and algo == "sampled":
            algo = f"sampled k={algos[name]['k']}"
        rows.append({
            "measure": name,
            "algorithm": algo,
            "linkgraph_s": lg[name],
            "igraph_s": raw.get(name, np.nan),
            "overhead": lg[name] / raw[name] if raw.get(name) else np.nan,
            "networkx_s": nxt.get(name, np.nan),
            "speedup_vs_nx": nxt[name] / lg[name] if nxt.get(name) and lg[name] else np.nan,
        })  # fmt: skip
    table = pd.DataFrame(rows)
    common = [r for r in lg if r in raw]
    total_raw = sum(raw[r] for r in common)
    total_lg_common = sum(lg[r] for r in common)
    summary = {
        "measure": "TOTAL analyze",
        "algorithm": "",
        "linkgraph_s": t_total,
        "igraph_s": total_raw,
        "overhead": total_lg_common / total_raw,
        "networkx_s": sum(nxt.values()) if nxt else np.nan,
        "speedup_vs_nx": sum(nxt.values()) / sum(lg[r] for r in nxt) if nxt else np.nan,
    }
    table = pd.concat([table, pd.DataFrame([summary])], ignore_index=True)
    with pd.option_context("display.width", 200, "display.float_format", "{:.2f}".format):
        print(table.to_string(index=False))
    bc = algos["betweenness_centrality"]
    print(f"peak RSS {peak:.2f} GiB; communities {metrics['community'].nunique():,}")
    if bc.get("algorithm") == "sampled":
        print(f"betweenness: {bc['k']} of at most {bc['k_max']} sources; top-{bc['top']} "
              f"split-half agreement {bc['top_agreement']:.2f}; "
              f"relative standard error of the top 50 (median) "
              f"{bc['relative_stderr_top50']:.2f}, largest standard error "
              f"{bc['stderr_max']:.2e}")  # fmt: skip
    if nxt:
        print("networkx: betweenness timed on 4 sampled sources and scaled to the same k; "
              "community is Louvain (networkx has no Leiden); eigenvector is networkx's "
              "power iteration; strength is G.degree(weight=...).")  # fmt: skip
    print(f"linkgraph {t_total:.1f} s {'<=' if t_total <= 60 else '>'} 60 s budget", flush=True)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--networkx-max", type=int, default=100_000,
                        help="Run networkx only up to this many entities.")  # fmt: skip
    parser.add_argument("--quick", action="store_true", help="One 20,000-entity run.")
    args = parser.parse_args(argv)
    sizes = [20_000] if args.quick else args.sizes
    print(f"OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS')}, igraph {ig.__version__}")
    for n in sizes:
        run(n, args.networkx_max)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
