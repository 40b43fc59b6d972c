"""End-to-end pipeline benchmark: person lists and synth cases through every CLI stage,
pyarrow and Splink (fast and standard settings) beside them.

Run:  python benchmarks/bench_pipeline.py [--rows 100000 1000000] [--synth 10000 100000]
          [--seed 0] [--skip render splink-standard] [--splink-max N] [--splink-fast-max N]

Inputs, written once (seeded) to benchmarks/data/resolve/ (git-ignored), each with its truth:

* ``--rows N``: a person list of the common shape (``record_id, given_name, family_name,
  dob, phone, email, address, city, postcode, ...``; ~30 % duplicates carrying typos;
  ``resolve_sets.people_list``), ingested with ``--preset people``;
* ``--synth N``: ``linkgraph synth --people N --seed SEED`` (five agency exports: arrests,
  hotline, transactions, call records, ads; ``resolve_sets.synth``), each export ingested
  through its own mapping (one ``ingest`` row sums the five processes: wall and CPU
  added, peak RSS the largest); its "rows" are its person mentions (those of the truth,
  ~3 per person), the rows of its exports are more (call records, ads, ...).

Then each stage runs as its own ``linkgraph`` process, exactly as a user types it:

    linkgraph ingest people.csv --preset people -o CASE -q
    linkgraph resolve CASE -q
    linkgraph analyze CASE -q
    linkgraph render CASE -o CASE/map.html

Beside resolve, Splink resolves the same ingested case in its own process, with its fast
and its standard settings (``splink_side.py``; the fast ones follow Splink's performance
guide, linked there), up to ``--splink-fast-max`` / ``--splink-max`` rows
(``pip install -e ".[bench]"``; ``--skip splink`` leaves both out, ``--skip
splink-standard`` only the standard model, which takes ~10 min at 1M).

Per stage the table prints wall seconds, CPU seconds (user + system of that child, from
``os.wait4`` in a small launcher, ``_child.py``), its peak RSS, rows per wall and per CPU
second, and the 1-minute load average when the stage started (above the core count, wall
time mostly measures the other processes); under resolve, its own per-step wall seconds
(features, blocking, comparison, ..., from the case's manifest) and its CPU seconds per
step (all its threads; comparison, EM and scoring together), the process's peak RSS
after each step (so the step where it rises is where the peak was reached) and its
candidate pairs;
the F1 lines score the resolved case against the truth (pairwise and B-cubed,
``linkgraph.resolve.evaluate``; Splink's pairwise, on the person mentions). Beside the
ingest, the same file read by pyarrow alone (every column as text, in a fresh interpreter)
is the yardstick; ratios are CPU-to-CPU in the same run, which stays meaningful on a
loaded machine where wall time does not. Render's own summary line (what the map shows)
and the HTML's size follow the table. With two or more sizes of a kind, the growth of
each stage's CPU seconds from the smallest to the largest is printed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
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
#: Splink's two models (``splink_side.py``): label, fast.
SPLINK_MODELS = (("fast", True), ("standard", False))


def _lg() -> str:
    exe = Path(sys.executable).with_name("linkgraph")
    return str(exe) if exe.exists() else "linkgraph"


def _child(cmd: list[str], *, capture_stdout: bool = False) -> dict[str, object]:
    """Run ``cmd``; wall s, CPU s (user + system) and peak RSS MiB of that process alone."""
    done = run_child(cmd, capture_stdout=capture_stdout)
    if done.code != 0:
        sys.stderr.write(done.stderr.decode(errors="replace")[-4000:])
        raise SystemExit(f"`{' '.join(cmd)}` failed")
    out: dict[str, object] = {"wall": done.wall, "cpu": done.cpu, "peak_mib": done.peak_mib}
    if capture_stdout:
        out["stdout"] = done.stdout.decode(errors="replace")
    return out


def _stage(label: str, rows: int, stage: str, cmds: list[list[str]], **kw: bool) -> dict:
    """One stage: its commands run one after another; wall and CPU added, peak the largest."""
    load = os.getloadavg()[0]  # the machine may be shared: say how busy it was
    runs = [_child(cmd, **kw) for cmd in cmds]
    result: dict[str, object] = {
        "set": label,
        "rows": rows,
        "stage": stage,
        "load": load,
        "wall": sum(float(r["wall"]) for r in runs),  # type: ignore[arg-type]
        "cpu": sum(float(r["cpu"]) for r in runs),  # type: ignore[arg-type]
        "peak_mib": max(float(r["peak_mib"]) for r in runs),  # type: ignore[arg-type]
    }
    if kw.get("capture_stdout"):
        result["stdout"] = "".join(str(r["stdout"]) for r in runs)
    print(f"  done: {label} {stage} {result['wall']:.1f} s", file=sys.stderr, flush=True)
    return result


def run(
    ds: resolve_sets.DataSet, label: str, skip: set[str], splink_max: dict[str, int]
) -> list[dict[str, object]]:
    """All stages on one data set; one result row per stage (and per F1 line)."""
    from linkgraph.resolve import ResolveConfig

    case = ds.folder / "case_pipeline"
    shutil.rmtree(case, ignore_errors=True)
    lg = _lg()
    rows = ds.rows
    out: list[dict[str, object]] = []
    people = label.startswith("people")
    if people and "pyarrow" not in skip:
        cmd = [sys.executable, "-c", _PYARROW, str(ds.ingest[0][0])]
        out.append(_stage(label, rows, "pyarrow read (yardstick)", [cmd]))
    if "ingest" in skip:
        return out
    ingest = [[lg, "ingest", *args, "-o", str(case), "-q"] for args in ds.ingest]
    stage = "ingest --preset people" if people else f"ingest ({len(ingest)} sources)"
    out.append(_stage(label, rows, stage, ingest))
    # Splink first, on the case as ingested (as bench_resolve.py runs it); listed after us.
    theirs: list[dict[str, object]] = []
    threshold = ResolveConfig().threshold
    for name, fast in SPLINK_MODELS:
        if {"splink", f"splink-{name}"} & skip or rows > splink_max[name] or not _has_splink():
            continue
        theirs.extend(_splink(label, rows, case, ds.truth, threshold, fast))
    if "resolve" in skip:
        return out + theirs
    out.append(_stage(label, rows, "resolve", [[lg, "resolve", str(case), "-q"]]))
    out.extend(_scores(label, rows, case, ds.truth))
    out.extend(theirs)
    if "analyze" not in skip:
        out.append(_stage(label, rows, "analyze", [[lg, "analyze", str(case), "-q"]]))
    if "render" not in skip:
        html = case / "map.html"
        cmd = [lg, "render", str(case), "-o", str(html), "-q"]
        done = _stage(label, rows, "render", [cmd], capture_stdout=True)
        lines = str(done.pop("stdout")).strip().splitlines()
        done["note"] = f"{lines[-1] if lines else ''} [{html.stat().st_size / 2**20:.1f} MiB]"
        out.append(done)
    return out


def _scores(label: str, rows: int, case: Path, truth: Path | None) -> list[dict[str, object]]:
    """F1 of the resolved case against the truth, and resolve's own per-step seconds."""
    import pandas as pd

    import linkgraph as lg_api
    from linkgraph.resolve import evaluate

    resolved = lg_api.Case.read(case)
    out: list[dict[str, object]] = []
    if truth is not None:
        scores = evaluate(resolved, pd.read_csv(truth))
        out.append({"set": label, "rows": rows, "stage": "F1", **scores})
    step = [s for s in resolved.manifest.get("steps", []) if "seconds" in s]
    if step:
        # resolve's own record: wall seconds per step and the candidate pairs.
        out.append(
            {
                "set": label,
                "rows": rows,
                "stage": "resolve steps",
                "seconds": step[-1]["seconds"],
                "cpu_seconds": step[-1].get("cpu_seconds", {}),
                "peaks": step[-1].get("peak_mib", {}),
                "pairs": step[-1].get("candidate_pairs"),
            }
        )
    return out


def _has_splink() -> bool:
    if splink_available():
        return True
    print("  Splink is not installed (pip install -e '.[bench]'): skipped", file=sys.stderr)
    return False


def _splink(
    label: str, rows: int, case: Path, truth: Path | None, threshold: float, fast: bool
) -> list[dict[str, object]]:
    """Splink (``splink_side.py``, fast or standard settings) on the same ingested case, in
    its own process: its figures (reading the case included) and its pairwise F1."""
    name = "fast" if fast else "standard"
    load = os.getloadavg()[0]
    cmd = [sys.executable, __file__, "--splink-child", str(case), str(truth), str(threshold)]
    done = run_child([*cmd, name], capture_stdout=True)
    if done.code != 0:
        sys.stderr.write(done.stderr.decode(errors="replace")[-3000:])
        print(f"  splink {name} failed on {label}", file=sys.stderr)
        return []
    res = json.loads(done.stdout.decode().strip().splitlines()[-1])
    print(f"  done: {label} splink {name} {done.wall:.1f} s", file=sys.stderr, flush=True)
    figures = {"wall": done.wall, "cpu": done.cpu, "peak_mib": done.peak_mib}
    base = {"set": label, "rows": rows}
    stage = f"splink, {name} settings"
    seconds = ", ".join(f"{k} {v:.1f}" for k, v in res["seconds"].items())
    return [
        {**base, "stage": stage, "load": load, **figures, "note": f"{res['pairs']:,} pairs"},
        {**base, "stage": f"F1 splink {name}", "bcubed_f1": float("nan"), **res["scores"]},
        {**base, "stage": f"{stage} steps", "text": seconds},
    ]


def splink_child(case: str, truth: str, threshold: float, model: str) -> None:
    """(Child process) Splink on an ingested case; prints one JSON line."""
    import pandas as pd
    from bench_resolve import _truth_ids
    from splink_side import run_splink

    import linkgraph as lg_api
    from linkgraph.resolve import evaluate

    start = time.perf_counter()
    c = lg_api.Case.read(case)
    out = run_splink(c.mentions, threshold, links=c.links, fast=model == "fast")
    wall = time.perf_counter() - start
    scores = evaluate(out["resolution"], _truth_ids(c, pd.read_csv(truth)))
    seconds = {"read": round(wall - out["seconds"]["total"], 3), **out["seconds"]}
    print(json.dumps({"wall": wall, "scores": scores, "pairs": out["pairs"], "seconds": seconds}))


def print_table(results: list[dict[str, object]]) -> None:
    """The table: one line per stage, F1 lines and step breakdowns beneath."""
    print(
        f"{'set':<14} {'stage':<26} {'wall s':>8} {'cpu s':>8} {'peak MiB':>9} {'rows/s':>9}"
        f" {'rows/cpu-s':>11} {'cpu x pyarrow':>13} {'load':>5}"
    )
    base = {r["set"]: r["cpu"] for r in results if str(r["stage"]).startswith("pyarrow")}
    notes = []
    for r in results:
        lab = r["set"]
        if r["stage"] == "resolve steps":
            steps = ", ".join(f"{k} {v:.1f}" for k, v in r["seconds"].items())  # type: ignore[union-attr]
            print(f"{lab:<14} {'  resolve steps (wall s)':<26} {steps}; {r['pairs']:,} pairs")
            if r["cpu_seconds"]:
                cpu = ", ".join(f"{k} {v:.1f}" for k, v in r["cpu_seconds"].items())  # type: ignore[union-attr]
                print(f"{lab:<14} {'  resolve steps (cpu s)':<26} {cpu}")
            if r["peaks"]:
                peaks = ", ".join(f"{k} {v}" for k, v in r["peaks"].items())
                print(f"{lab:<14} {'  peak MiB after step':<26} {peaks}")
            continue
        if str(r["stage"]).endswith(" steps"):
            print(f"{lab:<14} {'  splink steps (wall s)':<26} {r['text']}")
            continue
        if str(r["stage"]).startswith("F1"):
            label = (
                "F1 (pairwise / B-cubed)"
                if r["stage"] == "F1"
                else f"{r['stage']} (pairwise)".replace("F1 splink", "F1 Splink")
            )
            print(
                f"{lab:<14} {label:<26}"
                f" {r['f1']:>8.3f} {r['bcubed_f1']:>8.3f}"
                f"   precision {r['precision']:.3f} recall {r['recall']:.3f}"
            )
            continue
        rows = int(r["rows"])  # type: ignore[call-overload]
        wall, cpu = float(r["wall"]), float(r["cpu"])  # type: ignore[arg-type]
        ratio = cpu / float(base[lab]) if lab in base else float("nan")  # type: ignore[arg-type]
        print(
            f"{lab:<14} {r['stage']:<26} {wall:>8.1f} {cpu:>8.1f}"
            f" {float(r['peak_mib']):>9.0f} {rows / wall:>9,.0f} {rows / cpu:>11,.0f}"  # type: ignore[arg-type]
            f" {ratio:>13.1f} {float(r['load']):>5.1f}"  # type: ignore[arg-type]
        )
        if r.get("note"):
            notes.append(f"{lab:<14} {r['stage']}: {r['note']}")
    for note in notes:
        print(note)


def print_growth(results: list[dict[str, object]], kind: str, sizes: list[int]) -> None:
    """CPU seconds of each stage at the largest size over the smallest, for one kind of set."""
    if len(sizes) < 2:
        return
    small, large = min(sizes), max(sizes)
    print(f"growth {kind} {small} -> {large} (x{large / small:.0f}), CPU ratio per stage:")
    cpu = {(r["set"], r["stage"]): float(r["cpu"]) for r in results if "cpu" in r}  # type: ignore[arg-type]
    for (lab, stage), c in cpu.items():
        if lab == f"{kind}{large}" and (f"{kind}{small}", stage) in cpu:
            print(f"  {stage:<26} x{c / cpu[(f'{kind}{small}', stage)]:.1f}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="*", default=[100_000], help="person lists")
    parser.add_argument(
        "--synth", type=int, nargs="*", default=[], metavar="PEOPLE", help="synth cases"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--skip",
        nargs="*",
        default=[],
        choices=[
            "pyarrow",
            "ingest",
            "resolve",
            "analyze",
            "render",
            "splink",
            "splink-fast",
            "splink-standard",
        ],
        help="stages not to run (a later stage needs the earlier ones)",
    )
    parser.add_argument(
        "--splink-max",
        type=int,
        default=200_000,
        metavar="N",
        help="run Splink's standard settings beside us up to N rows (~10 min at 1M)",
    )
    parser.add_argument(
        "--splink-fast-max",
        type=int,
        default=1_000_000,
        metavar="N",
        help="run Splink's fast settings beside us up to N rows",
    )
    parser.add_argument(
        "--data", type=Path, default=resolve_sets.DATA, help="folder for the data sets"
    )
    parser.add_argument("--splink-child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.splink_child:
        case, truth, thr, model = args.splink_child
        splink_child(case, truth, float(thr), model)
        return
    limits = {"fast": args.splink_fast_max, "standard": args.splink_max}
    skip = set(args.skip)
    results: list[dict[str, object]] = []
    for rows in args.rows:
        ds = resolve_sets.people_list(rows, args.data, seed=args.seed)
        results += run(ds, f"people{rows}", skip, limits)
    for people in args.synth:
        ds = resolve_sets.synth(people, args.data, seed=args.seed)
        results += run(ds, f"synth{people}", skip, limits)
    print_table(results)
    print_growth(results, "people", args.rows)
    print_growth(results, "synth", args.synth)


if __name__ == "__main__":
    main()
