"""``linkgraph stability`` through the CLI on case folders, in one table.

    python benchmarks/bench_stability.py CASE_DIR [CASE_DIR ...] [--draws 200] [--seed 0]

Each case is run as users run it (``linkgraph stability CASE --draws N -q --json`` in a
subprocess); the table gives the entities, the draws per perturbation (three
perturbations, so 3 x N perturbed graphs), the wall time and the CPU time of the child
(on a shared machine the wall time can be several times the CPU time), and how betweenness
ran. Target (issue 17): seconds on the demo case, within 2 minutes at 10,000 entities.
No other tool computes these figures, so there is no competitor column.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd


def run_one(case_dir: Path, draws: int, seed: int) -> dict[str, object]:
    """Run the CLI once on ``case_dir``; wall and child CPU seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", "from linkgraph.cli import cli; cli()", "stability",
         str(case_dir), "--draws", str(draws), "--seed", str(seed), "-q", "--json"],
        capture_output=True, text=True, check=False, env=os.environ.copy(),
    )  # fmt: skip
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"{case_dir}: {proc.stderr}")
    nodes = pd.read_parquet(case_dir / "graph" / "nodes.parquet", columns=[])
    first_line = proc.stderr.splitlines()[0] if proc.stderr else ""
    json.loads(proc.stdout)  # the table parses
    return {
        "case": case_dir.name if case_dir.name != "case" else case_dir.parent.name,
        "entities": len(nodes),
        "draws": draws,
        "wall_s": round(wall, 1),
        "cpu_s": round((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), 1),
        "betweenness": "sampled" if "sampled" in first_line else "exact",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="+", type=Path)
    parser.add_argument("--draws", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rows = [run_one(case, args.draws, args.seed) for case in args.cases]
    print(pd.DataFrame(rows).to_string(index=False))


if __name__ == "__main__":
    main()
