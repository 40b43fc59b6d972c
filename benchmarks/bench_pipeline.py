"""End-to-end pipeline benchmark: a person list through every CLI stage, pyarrow beside it.

Run:  python benchmarks/bench_pipeline.py [--rows 100000 1000000] [--seed 0] [--skip render]

For each row count a seeded person list of the common shape (``record_id, given_name,
family_name, dob, phone, email, address, city, postcode, ...`` with ~30 % duplicates carrying
typos, and a truth file; made by ``resolve_sets.people_list``) is written once to
benchmarks/data/resolve/ (git-ignored). Then each stage runs as its own ``linkgraph``
process, exactly as a user types it:

    linkgraph ingest people.csv --preset people -o CASE -q
    linkgraph resolve CASE -q
    linkgraph analyze CASE -q
    linkgraph render CASE -o CASE/map.html

Beside resolve, Splink's standard person model (``splink_side.py``, as ``bench_resolve.py``
runs it) resolves the same ingested case in its own process, up to ``--splink-max`` rows
(``pip install -e ".[bench]"``; ``--skip splink`` leaves it out).

Per stage the table prints wall seconds, CPU seconds (user + system of that child, from
``os.wait4`` in a small launcher, ``_child.py``), its peak RSS, rows per wall and per CPU
second, and the 1-minute load average when the stage started (above the core count, wall
time mostly measures the other processes); under resolve, its own per-step wall seconds
(features, blocking, comparison, ..., from the case's manifest), the process's peak RSS
after each step (so the step where it rises is where the peak was reached) and its
candidate pairs;
the F1 line scores the resolved case against the truth (pairwise and B-cubed,
``linkgraph.resolve.evaluate``). Beside the ingest, the same file read by pyarrow alone
(every column as text, in a fresh interpreter) is the yardstick; ratios are CPU-to-CPU in
the same run, which stays meaningful on a loaded machine where wall time does not.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import resolve_sets  # noqa: E402
from _child import run_child  # noqa: E402
from bench_resolve import splink_available  # noqa: E402

_PYARROW = (
    "import sys, pyarrow as pa, pyarrow.csv as c;"
    " names = open(sys.argv[1], encoding='utf-8').readline().strip().split(',');"
    " c.read_csv(sys.argv[1], convert_options=c.ConvertOptions("
    "column_types={n: pa.string() for n in names}))"
)


def _child(cmd: list[str]) -> dict[str, float]:
    """Run ``cmd``; wall s, CPU s (user + system) and peak RSS MiB of that process alone."""
    done = run_child(cmd)
    if done.code != 0:
        sys.stderr.write(done.stderr.decode(errors="replace")[-4000:])
        raise SystemExit(f"`{' '.join(cmd)}` failed")
    return {"wall": done.wall, "cpu": done.cpu, "peak_mib": done.peak_mib}


def run(rows: int, seed: int, skip: set[str], splink_max: int) -> list[dict[str, object]]:
    """All stages on a ``rows``-row person list; one result row per stage."""
    ds = resolve_sets.people_list(rows, seed=seed)
    csv_path = Path(ds.ingest[0][0])
    case = ds.folder / "case_pipeline"
    shutil.rmtree(case, ignore_errors=True)
    exe = Path(sys.executable).with_name("linkgraph")
    lg = str(exe) if exe.exists() else "linkgraph"
    stages = {
        "pyarrow read (yardstick)": [sys.executable, "-c", _PYARROW, str(csv_path)],
        "ingest --preset people": [
            lg,
            "ingest",
            str(csv_path),
            *ds.ingest[0][1:],
            "-o",
            str(case),
            "-q",
        ],
        "resolve": [lg, "resolve", str(case), "-q"],
        "analyze": [lg, "analyze", str(case), "-q"],
        "render": [lg, "render", str(case), "-o", str(case / "map.html")],
    }
    out: list[dict[str, object]] = []
    for stage, cmd in stages.items():
        if stage.split()[0] in skip:
            continue
        load = os.getloadavg()[0]  # the machine may be shared: say how busy it was
        result = _child(cmd)
        out.append({"rows": rows, "stage": stage, "load": load, **result})
        print(f"  done: {rows} {stage} {result['wall']:.1f} s", file=sys.stderr, flush=True)
    if "resolve" not in skip:
        import pandas as pd

        import linkgraph as lg_api
        from linkgraph.resolve import evaluate

        resolved = lg_api.Case.read(case)
        scores = evaluate(resolved, pd.read_csv(ds.truth))
        out.append({"rows": rows, "stage": "F1", **scores})
        step = [s for s in resolved.manifest.get("steps", []) if "seconds" in s]
        if step:
            # resolve's own record: wall seconds per step and the candidate pairs.
            out.append(
                {
                    "rows": rows,
                    "stage": "resolve steps",
                    "seconds": step[-1]["seconds"],
                    "peaks": step[-1].get("peak_mib", {}),
                    "pairs": step[-1].get("candidate_pairs"),
                }
            )
    if "ingest" not in skip and "splink" not in skip and rows <= splink_max and _has_splink():
        out.extend(_splink(rows, case, ds.truth))
    return out


def _has_splink() -> bool:
    if splink_available():
        return True
    print("  Splink is not installed (pip install -e '.[bench]'): skipped", file=sys.stderr)
    return False


def _splink(rows: int, case: Path, truth: Path) -> list[dict[str, object]]:
    """Splink's standard person model (``splink_side.py``) on the same ingested case, in its
    own process (as ``bench_resolve.py`` runs it): its figures and its F1, pairwise."""
    load = os.getloadavg()[0]
    cmd = [sys.executable, str(HERE / "bench_resolve.py"), "--splink-child", str(case)]
    done = run_child([*cmd, str(truth), "0.9"], capture_stdout=True)
    if done.code != 0:
        sys.stderr.write(done.stderr.decode(errors="replace")[-3000:])
        return []
    res = json.loads(done.stdout.decode().strip().splitlines()[-1])
    print(f"  done: {rows} splink {done.wall:.1f} s", file=sys.stderr, flush=True)
    stage = "splink, standard settings"
    figures = {"wall": done.wall, "cpu": done.cpu, "peak_mib": done.peak_mib}
    return [
        {"rows": rows, "stage": stage, "load": load, **figures},
        {"rows": rows, "stage": "F1 splink", "bcubed_f1": float("nan"), **res["scores"]},
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--skip",
        nargs="*",
        default=[],
        choices=["pyarrow", "ingest", "resolve", "analyze", "render", "splink"],
        help="stages not to run (a later stage needs the earlier ones)",
    )
    parser.add_argument(
        "--splink-max",
        type=int,
        default=200_000,
        metavar="N",
        help="run Splink beside us up to N rows (its standard model takes ~10 min at 1M)",
    )
    args = parser.parse_args()
    results = [
        r for rows in args.rows for r in run(rows, args.seed, set(args.skip), args.splink_max)
    ]
    print(
        f"{'rows':>9} {'stage':<26} {'wall s':>8} {'cpu s':>8} {'peak MiB':>9} {'rows/s':>9}"
        f" {'rows/cpu-s':>11} {'cpu x pyarrow':>13} {'load':>5}"
    )
    base = {r["rows"]: r["cpu"] for r in results if str(r["stage"]).startswith("pyarrow")}
    for r in results:
        if r["stage"] == "resolve steps":
            steps = ", ".join(f"{k} {v:.1f}" for k, v in r["seconds"].items())
            print(f"{r['rows']:>9} {'  resolve steps (wall s)':<26} {steps}; {r['pairs']:,} pairs")
            if r["peaks"]:
                peaks = ", ".join(f"{k} {v}" for k, v in r["peaks"].items())
                print(f"{r['rows']:>9} {'  peak MiB after step':<26} {peaks}")
            continue
        if str(r["stage"]).startswith("F1"):
            label = "F1 (pairwise / B-cubed)" if r["stage"] == "F1" else "F1 splink (pairwise)"
            print(
                f"{r['rows']:>9} {label:<26}"
                f" {r['f1']:>8.3f} {r['bcubed_f1']:>8.3f}"
                f"   precision {r['precision']:.3f} recall {r['recall']:.3f}"
            )
            continue
        ratio = r["cpu"] / base[r["rows"]] if r["rows"] in base else float("nan")
        print(
            f"{r['rows']:>9} {r['stage']:<26} {r['wall']:>8.1f} {r['cpu']:>8.1f}"
            f" {r['peak_mib']:>9.0f} {r['rows'] / r['wall']:>9,.0f} {r['rows'] / r['cpu']:>11,.0f}"
            f" {ratio:>13.1f} {r['load']:>5.1f}"
        )
    if len(args.rows) > 1:
        small, large = min(args.rows), max(args.rows)
        print(f"growth {small} -> {large} rows (x{large / small:.0f}), CPU ratio per stage:")
        cpu = {(r["rows"], r["stage"]): r["cpu"] for r in results if "cpu" in r}
        for (rows, stage), c in cpu.items():
            if rows == large and (small, stage) in cpu:
                print(f"  {stage:<26} x{c / cpu[(small, stage)]:.1f}")


if __name__ == "__main__":
    main()
