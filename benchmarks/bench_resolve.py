"""Benchmark of the resolve stage on generated person lists (10k, 100k, 1M mentions).

    python benchmarks/bench_resolve.py            # 10k, 100k, 1M
    python benchmarks/bench_resolve.py 10000 100000
    python benchmarks/bench_resolve.py --quick    # 10k smoke run
    python benchmarks/bench_resolve.py 1000000 --splink-max 1000000   # Splink at 1M too

Each size runs in its own process so the peak memory (ru_maxrss) is that size's alone.
The people table is generated and turned into person mentions first (as the ``people``
ingest preset would: folded names, ISO dates); only ``resolve()`` is timed. Prints stage
times, candidate pairs, precision, recall and F1 (pairwise) against the planted truth.

If Splink is importable (``pip install -e ".[bench]"``), it runs on the same mentions
in a process of its own (DuckDB backend; model in ``splink_side.py``), scored by the
same ``evaluate()``, and a second table puts its figures beside ours: wall seconds
(input prep, training, blocking, prediction, clustering; not data generation), pairs
scored, precision, recall, F1, B-cubed F1 and peak memory (that process's, generation
included, as ours). Above ``--splink-max`` mentions (default 100,000) it is skipped.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time

import numpy as np
import pandas as pd

from linkgraph.model import MENTIONS, Case
from linkgraph.resolve import ResolveConfig, evaluate, resolve
from linkgraph.synth import people_table
from linkgraph.text import fold_name

STAGES = ("features", "blocking", "comparison", "em", "clustering", "evidence", "total")


def _iso_dates(dob: pd.Series) -> pd.Series:
    """ISO dates from YYYY-MM-DD, DD.MM.YYYY and DD/MM/YYYY (day first)."""
    s = dob.astype("string")
    dmy = s.str.extract(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")
    iso = dmy[2] + "-" + dmy[1].str.zfill(2) + "-" + dmy[0].str.zfill(2)
    return s.where(s.str.match(r"^\d{4}"), iso)


def _fold_unique(values: pd.Series) -> np.ndarray:
    codes, uniques = pd.factorize(values.astype("string").fillna(""))
    return np.array([fold_name(u) for u in uniques], dtype=object)[codes]


def people_mentions(people: pd.DataFrame) -> pd.DataFrame:
    """A people table as person mentions (what the ``people`` preset makes of it)."""
    n = len(people)
    rows = np.arange(1, n + 1)
    frame = pd.DataFrame(
        {
            "mention_id": "m:" + pd.Series(rows).map("{:016x}".format),
            "type": "person",
            "name": people["full_name"],
            "given_name": people["given_name"],
            "family_name": people["family_name"],
            "name_latin": _fold_unique(people["full_name"]),
            "dob": _iso_dates(people["dob"]),
            "sex": people["sex"],
            "nationality": people["nationality"],
            "country": people["country"],
            "city": people["city"],
            "postcode": people["postcode"],
            "address": people["address"],
            "phone": people["phone"],
            "email": people["email"],
            "document": people["id_number"],
            "source": "people.csv",
            "row": rows,
        }
    )
    return MENTIONS.conform(frame)


def generate(n: int, seed: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The benchmark's person mentions of size ``n`` and their truth (mention_id, cluster)."""
    people = people_table(n, seed=seed, duplicate_rate=0.3)
    mentions = people_mentions(people)
    truth = pd.DataFrame({"mention_id": mentions["mention_id"], "cluster": people["true_id"]})
    return mentions, truth


def _peak_mib() -> int:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def run_one(n: int, seed: int = 0) -> dict[str, object]:
    """Generate, resolve and score one size; returns a row of the table."""
    mentions, truth = generate(n, seed)
    case = Case(mentions=mentions)
    start = time.perf_counter()
    resolved = resolve(case, ResolveConfig())
    wall = time.perf_counter() - start
    step = resolved.manifest["steps"][-1]
    scores = evaluate(resolved.resolution, truth)
    row: dict[str, object] = {"n": n, "wall_s": round(wall, 2)}
    row.update({f"{s}_s": step["seconds"].get(s, 0.0) for s in STAGES})
    row.update(
        {
            "pairs": step["candidate_pairs"],
            "precision": scores["precision"],
            "recall": scores["recall"],
            "f1": scores["f1"],
            "bcubed_f1": scores["bcubed_f1"],
            "peak_mib": _peak_mib(),
        }
    )
    return row


def run_splink_one(n: int, threshold: float, seed: int = 0) -> dict[str, object]:
    """Generate the same mentions, resolve them with Splink and score them like ours."""
    from splink_side import run_splink

    mentions, truth = generate(n, seed)
    out = run_splink(mentions, threshold)
    scores = evaluate(out["resolution"], truth)
    seconds = out["seconds"]
    return {
        "n": n,
        "wall_s": round(seconds["total"], 2),
        "pairs": out["pairs"],
        "precision": scores["precision"],
        "recall": scores["recall"],
        "f1": scores["f1"],
        "bcubed_f1": scores["bcubed_f1"],
        "peak_mib": _peak_mib(),
        "stages": " ".join(f"{k} {v:.1f}" for k, v in seconds.items() if k != "total"),
    }


def splink_available() -> bool:
    try:
        import splink  # noqa: F401
    except ImportError:
        return False
    return True


def splink_status(n: int, splink_max: int, available: bool) -> str | None:
    """Why Splink does not run at size ``n`` ("not installed", "skipped (> N)"); None: it runs.

    Examples:
        >>> splink_status(10_000, 100_000, False), splink_status(10**6, 100_000, True)
        ('not installed', 'skipped (> 100000)')
        >>> splink_status(100_000, 100_000, True) is None
        True
    """
    if not available:
        return "not installed"
    if n > splink_max:
        return f"skipped (> {splink_max})"
    return None


def _child(args: list[str]) -> dict[str, object]:
    """Run this script with ``args`` in a fresh process; its last stdout line, parsed."""
    out = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, check=False
    )
    if out.returncode != 0:
        sys.stderr.write(out.stderr[-4000:])
        return {"error": f"failed (exit {out.returncode})"}
    return json.loads(out.stdout.strip().splitlines()[-1])


def _side_by_side(ours: dict[str, object], splink: dict[str, object]) -> list[dict[str, object]]:
    keys = ("wall_s", "pairs", "precision", "recall", "f1", "bcubed_f1", "peak_mib")
    rows = [{"n": ours["n"], "tool": "linkgraph", **{k: ours[k] for k in keys}, "notes": ""}]
    if "status" in splink or "error" in splink:
        note = splink.get("status") or splink["error"]
        rows.append({"n": ours["n"], "tool": "splink", **dict.fromkeys(keys, ""), "notes": note})
    else:
        row = {k: splink[k] for k in keys}
        rows.append({"n": ours["n"], "tool": "splink", **row, "notes": splink["stages"]})
    return rows


def main(argv: list[str]) -> None:
    threshold = ResolveConfig().threshold
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--quick", action="store_true", help="One 10,000-mention run.")
    parser.add_argument(
        "--splink-max",
        type=int,
        default=100_000,
        metavar="N",
        help="Run Splink only up to N mentions (default 100000; Splink has no block cap).",
    )
    parser.add_argument(
        "--splink-threshold",
        type=float,
        default=threshold,
        metavar="P",
        help=f"Splink's match probability for links and clusters (default ours, {threshold}).",
    )
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--splink-one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one is not None:
        print(json.dumps(run_one(args.one)))
        return
    if args.splink_one is not None:
        print(json.dumps(run_splink_one(args.splink_one, args.splink_threshold)))
        return
    sizes = [10_000] if args.quick else args.sizes
    available = splink_available()
    rows, both = [], []
    for n in sizes:
        ours = _child(["--one", str(n)])
        if "error" in ours:
            raise SystemExit(f"resolve at n={n} {ours['error']}")
        rows.append(ours)
        print(pd.DataFrame(rows[-1:]).to_string(index=False), flush=True)
        status = splink_status(n, args.splink_max, available)
        if status is None:
            cmd = ["--splink-one", str(n), "--splink-threshold", str(args.splink_threshold)]
            splink = _child(cmd)
        else:
            splink = {"status": status}
        both.extend(_side_by_side(ours, splink))
        print(pd.DataFrame(both[-1:]).to_string(index=False), flush=True)
    print()
    print(pd.DataFrame(rows).to_string(index=False))
    print()
    print(f"linkgraph vs Splink (match probability {args.splink_threshold}):")
    print(pd.DataFrame(both).to_string(index=False))


if __name__ == "__main__":
    main(sys.argv[1:])
