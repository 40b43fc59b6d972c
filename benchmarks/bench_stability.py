"""``linkgraph stability`` through the CLI, on cases made through the CLI, in one table.

    python benchmarks/bench_stability.py                       # demo, ~1k and ~10k entities
    python benchmarks/bench_stability.py --people 380 3800 --no-demo --draws 100
    python benchmarks/bench_stability.py --case my-case/       # an existing case folder too

Cases are made as the README shows, each step a ``linkgraph`` child process, not timed:
``linkgraph demo`` (its ``case/``) and ``linkgraph synth --people N`` then ``ingest`` of
its five exports through their mappings, ``resolve`` and ``analyze`` (``--people 380``
gives about 1,000 entities, ``--people 3800`` about 10,000). Then ``linkgraph stability
CASE --draws N -q --json`` runs as a child; its CPU seconds (user + system), wall seconds
and peak RSS are that process's own (``wait4`` in a small launcher, ``_child.py``).
On a shared machine the wall time can be
several times the CPU time: quote CPU. Three perturbations, so 3 x N perturbed graphs.
Target (issue 17): seconds on the demo case, within 2 minutes at 10,000 entities.
No other tool computes these figures, so there is no competitor column.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _child import run_child

EXPORTS = ("arrests.csv", "hotline.xlsx", "transactions.csv", "cdr.csv", "ads.jsonl")


def _cli(*args: str) -> None:
    """One untimed ``linkgraph`` step; stops the benchmark when it fails."""
    cmd = [sys.executable, "-c", "from linkgraph.cli import cli; cli()", *args]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"linkgraph {' '.join(args)}: {proc.stderr[-2000:]}")


def demo_case(work: Path) -> Path:
    """``linkgraph demo -o WORK/demo``: its case folder."""
    _cli("demo", "-o", str(work / "demo"), "-q")
    return work / "demo" / "case"


def synth_case(work: Path, people: int, seed: int) -> Path:
    """``linkgraph synth --people N``, its exports ingested, resolved and analysed."""
    folder = work / f"synth{people}"
    _cli("synth", "--people", str(people), "--seed", str(seed), "-o", str(folder))
    case = folder / "case"
    for name in EXPORTS:
        mapping = folder / "mappings" / f"{name.rsplit('.', 1)[0]}.yaml"
        _cli("ingest", str(folder / name), "--mapping", str(mapping), "-o", str(case), "-q")
    _cli("resolve", str(case), "-q")
    _cli("analyze", str(case), "-q")
    return case


def run_one(case: Path, name: str, draws: int, seed: int) -> dict[str, object]:
    """``linkgraph stability CASE`` as a child process: its own CPU, wall and peak RSS."""
    cmd = [sys.executable, "-c", "from linkgraph.cli import cli; cli()", "stability",
           str(case), "--draws", str(draws), "--seed", str(seed), "-q", "--json"]  # fmt: skip
    done = run_child(cmd, capture_stdout=True)  # its own rusage, not ours (see _child.py)
    if done.code:
        raise SystemExit(f"{case}: {done.stderr.decode(errors='replace')[-2000:]}")
    out = done.stdout
    json.loads(out)  # the table parses
    run = pd.read_parquet(case / "stability.parquet")
    run = run.loc[run["kind"] == "run"].iloc[0]
    nodes = pd.read_feather(case / "graph" / "nodes.arrow", columns=["entity_id"])
    edges = pd.read_feather(case / "graph" / "edges.arrow", columns=["src_pos", "dst_pos"])
    pairs = pd.DataFrame(
        {"a": edges.min(axis=1), "b": edges.max(axis=1)}
    ).drop_duplicates()  # the links stability perturbs: entity pairs of the simple view
    return {
        "case": name,
        "entities": len(nodes),
        "links": len(pairs),
        "draws": f"3 x {draws}",
        "measure": f"betweenness {run['estimator'].split(' from ')[0]}",
        "cpu_s": round(done.cpu, 1),
        "wall_s": round(done.wall, 1),
        "peak_rss_mib": round(done.peak_mib),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, nargs="*", default=[380, 3800])
    parser.add_argument("--no-demo", action="store_true", help="Skip the demo case.")
    parser.add_argument("--case", type=Path, nargs="*", default=[], help="Existing cases too.")
    parser.add_argument("--draws", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--work", type=Path, help="Keep the made cases here (default: temp).")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        cases = [] if args.no_demo else [("demo", demo_case(work))]
        cases += [(f"synth --people {n}", synth_case(work, n, 1)) for n in args.people]
        cases += [(str(c), c) for c in args.case]
        rows = [run_one(case, name, args.draws, args.seed) for name, case in cases]
    print(pd.DataFrame(rows).to_string(index=False))
    load = os.getloadavg()[0]
    print(f"load average (1 min) at the end: {load:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
