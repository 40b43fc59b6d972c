"""Betweenness as analyze computes it against exact betweenness on a resolved case.

Run:  python benchmarks/bench_betweenness_case.py CASE_DIR new
      (or ``old`` with PYTHONPATH at a checkout before the by-component betweenness)

Exact is igraph's Brandes on the canonical view analyze uses (the same values as networkx:
tests/metrics/test_component_betweenness.py). Per method: sources sampled, CPU seconds,
recall of the exact top 50 / 1,000 / 100,000 (the map's cap, render.max_nodes), Spearman
correlation over the exact top 1,000 and over all entities, coverage of the 95 % intervals
and median relative error of the top 50. On the resolved 100k-person case of
bench_pipeline.py (296k entities; largest component 15,800) sample the largest component
by lowering exact_max_nodes, as analyze samples the 1.4M-entity one at 1M rows.
"""

import sys
import time

import numpy as np
from scipy.stats import spearmanr

from linkgraph.graph_cache import case_graph
from linkgraph.metrics import ranked_betweenness
from linkgraph.metrics._common import canonical_view_of
from linkgraph.model import Case

case = Case.read(sys.argv[1])
g = canonical_view_of(case_graph(case, sys.argv[1]), directed=False, weighted=True)
n = g.vcount()
t = time.process_time()
exact = np.asarray(g.betweenness()) * 2 / ((n - 1) * (n - 2))
print(f"exact (igraph Brandes = networkx): {time.process_time() - t:.1f} CPU-s, {n:,} entities")


def topset(v, k):
    return set(np.argsort(-v, kind="stable")[:k].tolist())


def report(name, f, cpu):
    est = f["betweenness_centrality"].to_numpy()
    err = f["betweenness_stderr"].to_numpy()
    row = [name, f.attrs.get("k"), f"{cpu:.1f}"]
    for k in (50, 1000, 100_000):
        row.append(f"{len(topset(est, k) & topset(exact, k)) / k:.3f}")
    best = np.argsort(-exact, kind="stable")[:1000]
    row.append(f"{spearmanr(est[best], exact[best]).statistic:.3f}")
    row.append(f"{spearmanr(est, exact).statistic:.3f}")
    top = best[:50]
    row.append(f"{np.mean(np.abs(est[top] - exact[top]) <= 1.96 * np.nan_to_num(err[top])):.2f}")
    row.append(f"{np.median(np.abs(est[top] - exact[top]) / exact[top]):.3f}")
    print(" | ".join(str(x) for x in row), flush=True)


print(
    "method | sources | CPU-s | top50 recall | top1000 recall | top100k recall | "
    "spearman top1000 | spearman all | 95% CI coverage top50 | median rel err top50"
)
runs = [
    (
        "old: whole graph, 32 sources (as analyze at 1M before)",
        {"exact_max_nodes": 0, "exact_max_work": 0, "large_nodes": 0, "large_samples": 32},
        "old",
    ),
    (
        "old: whole graph, doubling (as analyze at 100k before)",
        {"exact_max_nodes": 0, "exact_max_work": 0},
        "old",
    ),
    (
        "new: components exact, largest (15.8k) sampled, 32 sources",
        {"exact_max_nodes": 10_000, "large_nodes": 0, "large_samples": 32},
        "new",
    ),
    (
        "new: components exact, largest (15.8k) sampled, 128 sources",
        {"exact_max_nodes": 10_000, "large_nodes": 0, "large_samples": 128},
        "new",
    ),
    (
        "new: default config (all components exact at 100k)",
        {"exact_max_nodes": 20_000, "exact_max_work": 6e8},
        "new",
    ),
]
for name, kw, which in runs:
    if which != sys.argv[2]:
        continue
    t = time.process_time()
    f = ranked_betweenness(g, seed=0, **kw)
    report(name, f, time.process_time() - t)
