"""Burt's constraint, effective size and Gould–Fernandez brokerage roles on seeded graphs
with Zipf degrees (the shape of call records: a few hubs with thousands of contacts),
beside igraph's ``Graph.constraint`` and networkx's ``constraint`` / ``effective_size``,
in one table.

Each row is one graph (Chung–Lu with degree weights ``rank ** -0.8``, a quarter of the
edges closed into triangles; 20 groups). ``two_paths`` is the number of (in, out) pairs
of every broker, what listing the two-paths would cost; linkgraph counts them in time
linear in edges and triangles (see ``linkgraph.metrics.brokers``). CPU seconds of this
process (``time.process_time``) per call; ``peak_mb`` is the largest block of memory
allocated during the linkgraph calls (tracemalloc, numpy's arrays included).
networkx runs only up to ``--nx-max`` entities (pure Python: minutes beyond).

Measured (seed 0, 2 shared cores, load 4.5; CPU seconds; two-paths in millions):

  entities  edges  max_deg  triangles  two_paths  constr  eff_size  broker  peak_mb  igraph  nx c/e
      2000   6737      485       5626       0.75    0.03      0.02    0.03        4    0.00  .05/.15
     20000  69992     2854      70498       25.5    0.28      0.23    0.32       37    0.09      -
    200000 717474    18203     917641        960    2.97      2.83    4.87      341    5.46      -

('igraph' is igraph's constraint; 'nx c/e' networkx's constraint / effective size.)

Usage:
    python benchmarks/bench_brokers.py                      # 5k, 50k, 200k entities
    python benchmarks/bench_brokers.py --sizes 20000 --nx-max 20000
"""

from __future__ import annotations

import argparse
import time
import tracemalloc
from typing import Any

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd

from linkgraph.metrics.brokers import brokerage_roles, constraint, effective_size


def zipf_graph(n: int, seed: int = 0) -> ig.Graph:
    """A simple undirected graph of ``n`` entities and about ``3 n`` edges, Zipf degrees."""
    rng = np.random.default_rng(seed)
    w = np.arange(1, n + 1, dtype=float) ** -0.8
    p = w / w.sum()
    m = 3 * n
    u, v = rng.choice(n, m, p=p), rng.choice(n, m, p=p)
    # close a quarter of them into triangles: v's other end joined to u
    k = m // 4
    u = np.concatenate([u, v[:k]])
    v = np.concatenate([v, rng.choice(n, k, p=p)])
    lo, hi = np.minimum(u, v), np.maximum(u, v)
    key = np.unique((lo * n + hi)[lo != hi])
    g = ig.Graph(n=n, edges=np.stack([key // n, key % n], axis=1).tolist())
    g.vs["name"] = [f"n{i}" for i in range(n)]
    return g


def timed(func: Any, *args: Any, **kwargs: Any) -> tuple[Any, float]:
    start = time.process_time()
    out = func(*args, **kwargs)
    return out, time.process_time() - start


def row(n: int, nx_max: int) -> dict[str, object]:
    g = zipf_graph(n)
    deg = np.asarray(g.degree())
    groups = [f"g{i % 20}" for i in range(n)]
    tracemalloc.start()
    _, c_s = timed(constraint, g)
    _, e_s = timed(effective_size, g)
    _, b_s = timed(brokerage_roles, g, groups)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    _, ig_s = timed(g.constraint)
    out: dict[str, object] = {
        "entities": n,
        "edges": g.ecount(),
        "max_degree": int(deg.max()),
        "triangles": len(g.list_triangles()),
        "two_paths": int((deg * deg).sum()),
        "constraint_s": round(c_s, 2),
        "effective_size_s": round(e_s, 2),
        "brokerage_s": round(b_s, 2),
        "peak_mb": round(peak),
        "igraph_constraint_s": round(ig_s, 2),
        "nx_constraint_s": None,
        "nx_effective_size_s": None,
    }
    if n <= nx_max:
        ref = nx.Graph(g.get_edgelist())
        ref.add_nodes_from(range(n))
        _, out["nx_constraint_s"] = timed(nx.constraint, ref)
        _, out["nx_effective_size_s"] = timed(nx.effective_size, ref)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5_000, 50_000, 200_000])
    parser.add_argument("--nx-max", type=int, default=5_000)
    args = parser.parse_args()
    table = pd.DataFrame([row(n, args.nx_max) for n in args.sizes])
    with pd.option_context("display.width", 250, "display.max_columns", 30):
        print(table.to_string(index=False))


if __name__ == "__main__":
    main()
