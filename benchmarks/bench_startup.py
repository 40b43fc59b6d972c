"""Start-up and demo times as a user meets them: each run is a fresh process.

    python benchmarks/bench_startup.py                  # this checkout
    python benchmarks/bench_startup.py --baseline ../main --demo-runs 3

Prints one table: `import linkgraph`, `linkgraph --help`, `linkgraph COMMAND --help` (every
command) and `linkgraph demo` end to end, each the median of N runs (5 by default) in a new
interpreter, with wall-clock and CPU seconds (user + system of the child; on a loaded machine
CPU time is the steadier of the two). With ``--baseline DIR`` the same commands run against
another checkout (e.g. main before this change) in the same session, beside ours.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINKGRAPH = "from linkgraph.cli import cli; cli()"  # what the `linkgraph` script runs
TARGETS = {"import": None, "--help": 0.3, "COMMAND --help": 0.5, "demo": 4.0}


def timed(argv: list[str], tree: Path, cwd: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one fresh process running ``argv`` with ``tree`` importable."""
    env = {**os.environ, "PYTHONPATH": str(tree), "OMP_NUM_THREADS": "1"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, cwd=cwd, env=env, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def median_of(runs: int, argv: list[str], tree: Path, cwd: Path) -> tuple[float, float]:
    samples = [timed(argv, tree, cwd) for _ in range(runs)]
    return statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples)


def commands(tree: Path) -> list[str]:
    """The command names of a checkout (its registry, or its click group)."""
    code = (
        "from linkgraph.cli import cli\n"
        "import click\n"
        "ctx = click.Context(cli)\n"
        "print(' '.join(sorted(cli.list_commands(ctx))))"
    )
    env = {**os.environ, "PYTHONPATH": str(tree)}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=tree, capture_output=True, text=True
    )
    return out.stdout.split()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per row (median)")
    parser.add_argument("--demo-runs", type=int, default=5, help="runs of the demo (median)")
    parser.add_argument("--baseline", type=Path, help="another checkout to time beside this one")
    parser.add_argument(
        "--checkout", type=Path, default=ROOT, help="the checkout to time (default: this one)"
    )
    parser.add_argument("--quick", action="store_true", help="1 run each (a smoke run)")
    args = parser.parse_args()
    if args.quick:
        args.runs = args.demo_runs = 1

    trees = {"this checkout": args.checkout.resolve()}
    if args.baseline is not None:
        trees["baseline"] = args.baseline.resolve()
    py = sys.executable
    rows: list[tuple[str, str, list[tuple[float, float] | None]]] = []

    def add(label: str, target: str, argv_of, runs: int, names: set[str] | None = None) -> None:
        cells = []
        for name, tree in trees.items():
            if names is not None and name != "this checkout" and label.split()[1] not in names:
                cells.append(None)
                continue
            with tempfile.TemporaryDirectory() as tmp:
                cells.append(median_of(runs, argv_of(Path(tmp)), tree, Path(tmp)))
        rows.append((label, target, cells))
        print(f"  {label}: done", file=sys.stderr, flush=True)

    add("python -c pass", "", lambda _: [py, "-c", "pass"], args.runs)
    add("import linkgraph", "", lambda _: [py, "-c", "import linkgraph"], args.runs)
    add("linkgraph --help", "<= 0.3", lambda _: [py, "-c", LINKGRAPH, "--help"], args.runs)
    baseline_names = set(commands(trees["baseline"])) if "baseline" in trees else None
    for name in commands(trees["this checkout"]):
        add(
            f"linkgraph {name} --help",
            "<= 0.5",
            lambda _, n=name: [py, "-c", LINKGRAPH, n, "--help"],
            args.runs,
            baseline_names,
        )
    add(
        "linkgraph demo",
        "<= 4.0",
        lambda tmp: [py, "-c", LINKGRAPH, "demo", "-q", "--out", str(tmp / "demo-out")],
        args.demo_runs,
    )

    head = ["step", "target s"]
    for name in trees:
        head += [f"{name} wall s", f"{name} CPU s"]
    table = [head]
    for label, target, cells in rows:
        line = [label, target]
        for cell in cells:
            line += ["-", "-"] if cell is None else [f"{cell[0]:.2f}", f"{cell[1]:.2f}"]
        table.append(line)
    widths = [max(len(r[i]) for r in table) for i in range(len(head))]
    load = os.getloadavg()
    print(
        f"Start-up and demo, median of {args.runs} runs ({args.demo_runs} for the demo), "
        f"fresh process each; {os.cpu_count()} CPUs, load average {load[0]:.1f} at the end"
    )
    for i, r in enumerate(table):
        print(
            "  ".join(
                c.ljust(w) if j == 0 else c.rjust(w)
                for j, (c, w) in enumerate(zip(r, widths, strict=True))
            )
        )
        if i == 0:
            print("  ".join("-" * w for w in widths))


if __name__ == "__main__":
    main()
