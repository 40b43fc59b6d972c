"""Benchmark of ``linkgraph ingest`` + ``linkgraph analyze`` through the CLI, from an edge
list CSV to the case folder's metrics, beside a pyarrow + igraph script doing the same work
(benchmarks/analyze_script.py), in one table.

The input is a seeded planted-partition edge list (cells of 100 entities, 80 % of the links
inside a cell, heavy-tailed degrees, 4 links per entity) written once to benchmarks/data/.
Every step runs in its own subprocess; wall seconds and CPU seconds (user + system of that
process) are reported, since on a shared machine the CPU figure is the steadier one. The
graph build is inside ``linkgraph analyze`` (the case's graph cache is removed first); the
"graph build" row times ``linkgraph.build_graph`` alone through the public API, beside the
script's igraph construction. The script samples the same number of betweenness and
closeness sources as linkgraph did (read from the case manifest).

Betweenness above the exact limits is sampled in doubling rounds until the top 50 agree,
up to ``betweenness_max_work / (entities + links)`` sources (2,000 at 100k entities), and
above 500,000 entities (in the sampled components) from a fixed 128 sources (the script
uses the same number, read from the manifest). ``--betweenness-error N`` measures what that costs in
accuracy on an N-entity graph of the same kind, against exact betweenness (igraph's
Brandes): rank correlation, top-50 recall and the coverage of the stated standard errors,
for 32, 64, 320 and 2,000 sources. On 10,000 entities (seed 0): 32 sources give rank
correlation 0.83, top-50 recall 0.26, median relative error of the top 50 0.41 and 95 %
intervals that hold for 62 % of them; 2,000 sources: 0.97, 0.96, 0.08 and 96 %.

Usage:
    OMP_NUM_THREADS=1 python benchmarks/bench_analyze.py                 # 100k and 1M
    python benchmarks/bench_analyze.py --sizes 100000
    python benchmarks/bench_analyze.py --quick                           # 20k smoke run
    python benchmarks/bench_analyze.py --betweenness-error 10000
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
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
    return np.stack([key // n, key % n], axis=1)  # in random order, as exports are


def edge_list(n: int) -> Path:
    """The seeded edge-list CSV of ``n`` entities (written once)."""
    path = DATA / f"edges_{n}.csv"
    if not path.is_file():
        DATA.mkdir(parents=True, exist_ok=True)
        e = planted_partition(n, n * MEAN_EDGES_PER_NODE)
        names = np.array([f"n{i:07d}" for i in range(n)], dtype=object)
        pd.DataFrame({"source": names[e[:, 0]], "target": names[e[:, 1]]}).to_csv(path, index=False)
    return path


def timed(cmd: list[str]) -> tuple[str, float, float]:
    """Run ``cmd``; its stdout, wall seconds and CPU seconds (user + system)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stdout}\n{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return done.stdout, wall, cpu


BUILD = """
import json, sys, time
import linkgraph as lg
case = lg.Case.read(sys.argv[1])
wall, cpu = time.perf_counter(), time.process_time()
graph = lg.build_graph(case)
print(json.dumps({"s": time.perf_counter() - wall, "cpu": time.process_time() - cpu,
                  "entities": len(graph), "edges": len(graph.edges)}))
"""


def run(n: int) -> pd.DataFrame:
    csv = edge_list(n)
    case = DATA / f"case_{n}"
    shutil.rmtree(case, ignore_errors=True)
    lg = [shutil.which("linkgraph") or str(Path(sys.executable).with_name("linkgraph"))]
    _, ingest_s, ingest_cpu = timed([*lg, "ingest", str(csv), "--preset", "edgelist", "-o",
                                     str(case)])  # fmt: skip
    _, analyze_s, analyze_cpu = timed([*lg, "analyze", str(case), "-q"])
    build, _, _ = timed([sys.executable, "-c", BUILD, str(case)])
    built = json.loads(build)
    step = json.loads((case / "manifest.json").read_text(encoding="utf-8"))["steps"][-1]
    algos = step["algorithms"]
    bk = algos["betweenness_centrality"].get("k") or n
    ck = algos["closeness_centrality"].get("k") or n
    out, _, _ = timed([sys.executable, str(HERE / "analyze_script.py"), str(csv),
                       str(DATA / f"script_{n}.parquet"), "--betweenness-k", str(bk),
                       "--closeness-k", str(ck)])  # fmt: skip
    script = json.loads(out)
    rows = [
        ("ingest (CSV -> case)", ingest_s, ingest_cpu, script["ingest_s"], script["ingest_cpu_s"]),
        ("analyze (build + measures + write)", analyze_s, analyze_cpu, script["analyze_s"],
         script["analyze_cpu_s"]),
        ("ingest + analyze", ingest_s + analyze_s, ingest_cpu + analyze_cpu,
         script["ingest_s"] + script["analyze_s"],
         script["ingest_cpu_s"] + script["analyze_cpu_s"]),
        ("graph build alone", built["s"], built["cpu"], script["build_s"],
         script["build_cpu_s"]),
    ]  # fmt: skip
    table = pd.DataFrame(rows, columns=["step", "linkgraph_s", "linkgraph_cpu_s", "script_s",
                                        "script_cpu_s"])  # fmt: skip
    table["ratio_wall"] = table["linkgraph_s"] / table["script_s"]
    table["ratio_cpu"] = table["linkgraph_cpu_s"] / table["script_cpu_s"]
    table.insert(0, "entities", built["entities"])
    table.insert(1, "links", built["edges"])
    print(f"\n## {built['entities']:,} entities, {built['edges']:,} links; betweenness from "
          f"{bk} sources, closeness from {ck} (both sides)")  # fmt: skip
    with pd.option_context("display.width", 200, "display.float_format", "{:.2f}".format):
        print(table.to_string(index=False))
    print("linkgraph analyze seconds per step (manifest):", step["seconds"])
    if "cpu_seconds" in step:
        print("linkgraph analyze CPU seconds per step (manifest):", step["cpu_seconds"])
    print(flush=True)
    shutil.rmtree(case, ignore_errors=True)
    return table


def betweenness_error(n: int) -> pd.DataFrame:
    """Sampled betweenness (linkgraph's ranked_betweenness, seed 0) against exact on the
    benchmark's kind of graph with ``n`` entities."""
    import igraph as ig
    from scipy.stats import spearmanr

    from linkgraph.metrics.centrality import ranked_betweenness

    e = planted_partition(n, n * MEAN_EDGES_PER_NODE)
    g = ig.Graph(n=n, edges=e.tolist())
    g.vs["name"] = [f"n{i}" for i in range(n)]
    start = time.process_time()
    exact = np.asarray(g.betweenness(directed=False)) * 2 / ((n - 1) * (n - 2))
    exact_cpu = time.process_time() - start
    top = set(np.argsort(-exact, kind="stable")[:50].tolist())
    rows = []
    for k in (32, 64, 320, 2000):
        start = time.process_time()
        # k sources fixed, as analyze above betweenness_large_nodes (128 at 1M)
        frame = ranked_betweenness(g, exact_max_nodes=0, large_nodes=0, large_samples=k,
                                   seed=0)  # fmt: skip
        cpu = time.process_time() - start
        est = frame["betweenness_centrality"].to_numpy()
        err = frame["betweenness_stderr"].to_numpy()
        best = np.asarray(sorted(top))
        rows.append({
            "entities": n, "sources": frame.attrs["k"], "cpu_s": cpu, "exact_cpu_s": exact_cpu,
            "spearman_all": spearmanr(est, exact).statistic,
            "top50_recall": len(set(np.argsort(-est, kind="stable")[:50].tolist()) & top) / 50,
            "median_rel_error_top50": float(np.median(np.abs(est[best] - exact[best])
                                                      / exact[best])),
            "stderr_coverage_top50": float(np.mean(np.abs(est[best] - exact[best])
                                                   <= 1.96 * err[best])),
            "stable": frame.attrs["stable"],
        })  # fmt: skip
    return pd.DataFrame(rows)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--quick", action="store_true", help="One 20,000-entity run.")
    parser.add_argument(
        "--betweenness-error",
        type=int,
        metavar="N",
        help="Sampled vs exact betweenness on an N-entity graph, then stop.",
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    if args.betweenness_error:
        with pd.option_context("display.width", 200, "display.float_format", "{:.3f}".format):
            print(betweenness_error(args.betweenness_error).to_string(index=False))
        return 0
    print(f"OMP_NUM_THREADS={os.environ['OMP_NUM_THREADS']}, load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")  # fmt: skip
    tables = [run(n) for n in ([20_000] if args.quick else args.sizes)]
    with pd.option_context("display.width", 200, "display.float_format", "{:.2f}".format):
        print("\n## all sizes\n" + pd.concat(tables).to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
