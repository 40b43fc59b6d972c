"""Planted 20-person groups through the CLI: are they found at 1k, 10k and 100k entities?

    python benchmarks/bench_communities.py [--sizes 1000 10000 100000]

For each size, a seeded planted partition (groups of 20; each entity draws 4 partners in its
group and 1 anywhere: tests/metrics/test_community_scale.py's generator) is written as an
edge list, ingested with ``linkgraph ingest --preset edgelist`` and analysed twice with
``linkgraph analyze``: with the default communities (Leiden at γ = 1, then refined) and with
``--no-refine`` (γ = 1 alone). Prints one table: entities, links, setting, communities, ARI
against the planted groups, analyze wall and CPU seconds. Betweenness is set cheap (sampled):
it is not what this measures.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "metrics"))
from test_community_scale import adjusted_rand_index, planted  # noqa: E402

CHEAP = (
    "analyze:\n  exact_betweenness_max_nodes: 500\n  betweenness_samples: 16\n"
    "  betweenness_max_work: 1000000\n  brokerage_max_nodes: 100\n"
    "  exact_closeness_max_nodes: 500\n  closeness_samples: 16\n"
)


def linkgraph(*args: str) -> tuple[float, float]:
    """Run ``linkgraph ARGS``; (wall, CPU) seconds of the child."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    exe = Path(sys.executable).with_name("linkgraph")
    subprocess.run([str(exe), *args], check=True, stdout=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return time.perf_counter() - start, cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "cheap.yaml"
        config.write_text(CHEAP)
        for n in args.sizes:
            pairs = planted(n)
            edges = Path(tmp) / f"planted-{n}.csv"
            pd.DataFrame(
                {"source": [f"v{a}" for a in pairs[:, 0]], "target": [f"v{b}" for b in pairs[:, 1]]}
            ).to_csv(edges, index=False)
            case = Path(tmp) / f"case-{n}"
            linkgraph("ingest", str(edges), "--preset", "edgelist", "-o", str(case), "-q")
            for setting, extra in (("γ=1 + refine (default)", []), ("γ=1 alone", ["--no-refine"])):
                wall, cpu = linkgraph("analyze", str(case), "--config", str(config), "-q", *extra)
                m = pd.read_parquet(case / "metrics.parquet")
                truth = m["label"].str[1:].astype(int).to_numpy() // 20
                ari = adjusted_rand_index(truth, m["community"].to_numpy())
                rows.append([f"{n:,}", f"{len(pairs):,}", setting, m["community"].nunique(),
                             f"{ari:.4f}", f"{wall:.1f}", f"{cpu:.1f}"])  # fmt: skip
    head = ["entities", "links", "communities by", "found", "ARI", "analyze wall s", "CPU s"]
    print(" | ".join(head))
    print(" | ".join("---" for _ in head))
    for r in rows:
        print(" | ".join(str(x) for x in r))
    print(f"load average {os.getloadavg()[0]:.1f}; {os.cpu_count()} CPUs; numpy {np.__version__}")


if __name__ == "__main__":
    main()
