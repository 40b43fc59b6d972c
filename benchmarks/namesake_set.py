"""A register of few, common names, shaped as RLdata500 / RLdata10000 (R's RecordLinkage
benchmarks, Sariyar and Borg): ``fname_c1, lname_c1, by, bm, bd``, a tenth of the records
copies of another with one error, a letter typed into a name or one part of the date of
birth changed. Most candidate pairs of such a register are namesakes: it tests that EM
does not take "same name" for "same person".

    python benchmarks/namesake_set.py OUT.csv TRUTH.csv [--rows 2000] [--seed 0]
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import numpy as np

FIRST = (
    "MICHAEL", "THOMAS", "ANDREAS", "STEFAN", "PETER", "FRANK", "MARKUS", "CHRISTIAN",
    "WOLFGANG", "KLAUS", "JUERGEN", "UWE", "GUENTHER", "HANS", "DIETER", "BERND", "RALF",
    "JOERG", "MARTIN", "KARL", "HEINZ", "WERNER", "HELMUT", "MANFRED", "GERHARD", "HORST",
    "DANIEL", "TOBIAS", "SEBASTIAN", "JAN",
)  # fmt: skip
LAST = (
    "MUELLER", "SCHMIDT", "SCHNEIDER", "FISCHER", "WEBER", "MEYER", "WAGNER", "BECKER",
    "SCHULZ", "HOFFMANN", "KOCH", "RICHTER", "BAUER", "KLEIN", "WOLF", "SCHROEDER",
    "NEUMANN", "SCHWARZ", "ZIMMERMANN", "BRAUN", "KRUEGER", "HOFMANN", "HARTMANN", "LANGE",
    "SCHMITT", "WERNER", "KRAUSE", "MEIER", "LEHMANN", "SCHMID",
)  # fmt: skip
LETTERS = list("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def write_register(path: Path, rows: int, seed: int = 0) -> list[int]:
    """Write the register's CSV to ``path``; returns each data row's true person."""
    rng = np.random.default_rng(seed)
    unique = int(rows / 1.1)
    people = [
        (rng.choice(FIRST), rng.choice(LAST), int(rng.integers(1920, 2008)),
         int(rng.integers(1, 13)), int(rng.integers(1, 29)))
        for _ in range(unique)
    ]  # fmt: skip
    records = list(enumerate(people))
    for i in rng.choice(unique, rows - unique, replace=False):
        first, last, year, month, day = people[i]
        error = rng.integers(0, 5)
        if error == 0:
            at = rng.integers(1, len(first))
            first = first[:at] + rng.choice(LETTERS) + first[at:]
        elif error == 1:
            at = rng.integers(1, len(last))
            last = last[:at] + rng.choice(LETTERS) + last[at:]
        elif error == 2:
            year += int(rng.choice([-5, -2, -1, 1, 2, 5]))
        elif error == 3:
            month = month % 12 + 1
        else:
            day = day % 28 + 1
        records.append((int(i), (first, last, year, month, day)))
    order = rng.permutation(len(records))
    with path.open("w", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["fname_c1", "lname_c1", "by", "bm", "bd"])
        out.writerows(records[o][1] for o in order)
    return [records[o][0] for o in order]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("truth", type=Path)
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    truth = write_register(args.out, args.rows, args.seed)
    with args.truth.open("w", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["source", "row", "person_id"])
        out.writerows((args.out.name, row, person) for row, person in enumerate(truth, 1))


if __name__ == "__main__":
    main()
