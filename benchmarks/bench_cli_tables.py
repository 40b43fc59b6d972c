"""The table commands on a large case, as a user runs them: each a fresh process.

    python benchmarks/bench_cli_tables.py CASE_DIR
    python benchmarks/bench_cli_tables.py CASE_DIR --baseline ../main --runs 3

Times `linkgraph entities CASE_DIR`, `linkgraph entities CASE_DIR --csv` and `linkgraph
mentions CASE_DIR` (output to /dev/null), the median of N runs (1 by default: on a large
case each takes seconds to minutes), with wall-clock and CPU seconds (user + system; on a
loaded machine CPU time is the steadier) and the peak resident memory of the process.
With ``--baseline DIR`` the same commands run against another checkout (e.g. main before
a change) in the same session, beside ours. A large case: `linkgraph synth --people 8000
-o big` then `linkgraph run big/pipeline.yaml --out big-out` (CASE_DIR big-out/case).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINKGRAPH = "from linkgraph.cli import cli; cli()"  # what the `linkgraph` script runs
COMMANDS = {
    "entities": ["entities"],
    "entities --csv": ["entities", "--csv"],
    "mentions": ["mentions"],
}


def timed(argv: list[str], tree: Path) -> tuple[float, float, float]:
    """Wall and CPU seconds and peak RSS (MB) of one fresh process running ``argv`` with
    ``tree`` importable (and run in it: ``python -c`` imports from its working folder)."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    start = time.perf_counter()
    with open(os.devnull, "wb") as null:
        child = subprocess.Popen(argv, cwd=tree, env=env, stdout=null, stderr=null)
        _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} exited with {child.returncode}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("case", type=Path, help="a case folder (resolved, for realism)")
    parser.add_argument("--runs", type=int, default=1, help="runs per row (median)")
    parser.add_argument("--baseline", type=Path, help="another checkout to time beside this one")
    args = parser.parse_args()

    trees = {"this checkout": ROOT}
    if args.baseline is not None:
        trees = {"baseline": args.baseline.resolve(), **trees}
    rows = []
    for label, command in COMMANDS.items():
        cells = []
        for tree in trees.values():
            case = str(args.case.resolve())
            argv = [sys.executable, "-c", LINKGRAPH, *command[:1], case, *command[1:]]
            samples = [timed(argv, tree) for _ in range(args.runs)]
            cells.append(tuple(statistics.median(s[i] for s in samples) for i in range(3)))
        rows.append((f"linkgraph {label}", cells))
        print(f"  {label}: done", file=sys.stderr, flush=True)

    head = ["command"]
    for name in trees:
        head += [f"{name} wall s", "CPU s", "peak MB"]
    table = [head]
    for label, cells in rows:
        line = [label]
        for wall, cpu, rss in cells:
            line += [f"{wall:.1f}", f"{cpu:.1f}", f"{rss:,.0f}"]
        table.append(line)
    widths = [max(len(r[i]) for r in table) for i in range(len(head))]
    load = os.getloadavg()
    print(
        f"{args.case}: median of {args.runs} run(s), fresh process each; "
        f"{os.cpu_count()} CPUs, load average {load[0]:.1f} at the end"
    )
    for i, r in enumerate(table):
        print("  ".join(c.ljust(w) if j == 0 else c.rjust(w) for j, (c, w) in
                        enumerate(zip(r, widths, strict=True))))  # fmt: skip
        if i == 0:
            print("  ".join("-" * w for w in widths))


if __name__ == "__main__":
    main()
