"""Faults: ``kill -9`` during each stage, and two writers of one case at once (issue 18).

Each stage of the CLI (``ingest``, ``resolve``, ``analyze``, ``render``) runs in a child
process on a fresh copy of a small case and is killed with SIGKILL after a seeded random
delay (spread over the stage's own run time, measured first). The case must then load with
the public API (``lg.Case.read``) and hold exactly the old state or the new one, compared by
the SHA-256 of every table file (the manifest's timestamps aside); anything else is
counted as mixed or broken. A stage's other output (``render``'s map) must be absent, the
old one or complete. Then pairs of writers run at once on one case (ingest || ingest,
resolve || ingest, analyze || ingest): a command that exits 0 must have its source in the
case ("never a lost source"), and a resolution or metrics table must cover the case's
mentions and the metrics its entities (no stale table over new rows)::

    python benchmarks/bench_faults.py                  # 50 kills, 10 pairs of each kind
    python benchmarks/bench_faults.py --kills 12 --pairs 3 --seed 1
"""

from __future__ import annotations

import argparse
import hashlib
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from linkgraph._casefs import process_running

STAGES = ("ingest", "resolve", "analyze", "render")
PEOPLE = "record_id,given_name,family_name,dob,phone,role\n"


def people_csv(path: Path, n: int, tag: str, seed: int = 0) -> Path:
    """A seeded person list: ``n`` rows, a tenth repeated with a typo (resolution work)."""
    rng = random.Random(f"{tag}-{seed}")
    given = ["Ana", "Ion", "Olena", "Maria", "Petro", "Vira", "Andrei", "Elena", "Stefan"]
    family = ["Pop", "Kravets", "Ionescu", "Shevchenko", "Bayryamov", "Lukashiv", "Marin"]
    rows = []
    for i in range(n):
        g, f = rng.choice(given), rng.choice(family) + str(i % 97)
        dob = f"19{rng.randint(60, 99)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
        phone = f"+4915{rng.randint(10**7, 10**8 - 1)}"
        role = "victim" if i % 13 == 0 else ""
        rows.append(f"{tag}{i},{g},{f},{dob},{phone},{role}")
        if i % 10 == 0:
            rows.append(f"{tag}{i}x,{g}a,{f},{dob},{phone},{role}")
    path.write_text(PEOPLE + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def cli(*args: str | Path) -> list[str]:
    """The command line of ``linkgraph ARGS...`` in this interpreter."""
    return [sys.executable, "-m", "linkgraph", *map(str, args), "-q"]


def run(*args: str | Path) -> None:
    """Run a linkgraph command to completion; raise with its error output when it fails."""
    proc = subprocess.run(cli(*args), capture_output=True, text=True, timeout=600)
    if proc.returncode:
        raise RuntimeError(f"linkgraph {' '.join(map(str, args))}: {proc.stderr[-2000:]}")


def state(case: Path) -> dict[str, str]:
    """What the case holds: SHA-256 of every table file (the manifest records times)."""
    import linkgraph as lg

    lg.Case.read(case)  # must load through the public API
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(case.glob("*.parquet"))
    }


def sources(case: Path) -> set[str]:
    import linkgraph as lg

    return set(lg.Case.read(case).mentions["source"].astype(str).unique())


@dataclass
class Stage:
    """A stage's command over a case folder, and the case it starts from."""

    name: str
    before: Path
    args: list[str | Path]
    output: Path | None = None  # a file the stage writes outside the case


@dataclass
class KillRow:
    stage: str
    kills: int = 0
    old: int = 0
    new: int = 0
    finished: int = 0  # the stage ended before the kill (counted in new)
    bad: int = 0
    notes: Counter[str] = field(default_factory=Counter)


def prepare(root: Path, seed: int, rows: int) -> tuple[dict[str, Stage], dict[str, Path]]:
    """The cases each stage starts from, and the inputs."""
    files = {t: people_csv(root / f"{t}.csv", rows, t, seed) for t in ("a", "b", "c")}
    base = root / "base"  # a: ingested, resolved, analysed
    run("ingest", files["a"], "--preset", "people", "-o", base)
    run("resolve", base)
    run("analyze", base)
    unresolved = root / "unresolved"  # a + b ingested
    shutil.copytree(base, unresolved, symlinks=True)
    run("ingest", files["b"], "--preset", "people", "-o", unresolved)
    resolved = root / "resolved"
    shutil.copytree(unresolved, resolved, symlinks=True)
    run("resolve", resolved)
    analysed = root / "analysed"
    shutil.copytree(resolved, analysed, symlinks=True)
    run("analyze", analysed)
    stages = {
        "ingest": Stage("ingest", base, ["ingest", files["b"], "--preset", "people", "-o"]),
        "resolve": Stage("resolve", unresolved, ["resolve"]),
        "analyze": Stage("analyze", resolved, ["analyze"]),
        "render": Stage("render", analysed, ["render"], output=Path("map.html")),
    }
    return stages, files


def stage_command(stage: Stage, case: Path) -> list[str]:
    args = [*stage.args, case]
    if stage.output is not None:
        args += ["-o", case.parent / stage.output]
    return cli(*args)


def complete_output(path: Path) -> bool:
    text = path.read_bytes()
    return text.rstrip().endswith(b"</html>")


def kill_trials(
    stages: dict[str, Stage], root: Path, kills: int, rng: random.Random
) -> list[KillRow]:
    """SIGKILL each stage at random moments; classify what the case holds afterwards."""
    rows = []
    per_stage = [kills // len(stages) + (i < kills % len(stages)) for i in range(len(stages))]
    for (name, stage), count in zip(stages.items(), per_stage, strict=True):
        row = KillRow(name)
        old = state(stage.before)
        # The new state, and how long the stage takes, from one run to completion.
        done = root / f"{name}-done"
        shutil.copytree(stage.before, done, symlinks=True)
        start = time.monotonic()
        subprocess.run(stage_command(stage, done), check=True, capture_output=True, timeout=600)
        took = time.monotonic() - start
        new = state(done)
        if new == old:
            row.notes["the stage leaves the case's tables as they were (old = new)"] += 1
        for trial in range(count):
            case = root / f"{name}-{trial}" / "case"
            case.parent.mkdir()
            shutil.copytree(stage.before, case, symlinks=True)
            delay = rng.uniform(0.25, 0.95) * took
            proc = subprocess.Popen(
                stage_command(stage, case), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            time.sleep(delay)
            finished = proc.poll() is not None
            if not finished:
                proc.send_signal(signal.SIGKILL)
            proc.wait()
            row.kills += 1
            try:
                now = state(case)
            except Exception as exc:  # any failure to load is the finding
                row.bad += 1
                row.notes[f"does not load: {type(exc).__name__}: {str(exc)[:80]}"] += 1
                continue
            if now == new:
                row.new += 1
                row.finished += finished
            elif now == old:
                row.old += 1
            else:
                row.bad += 1
                row.notes["mixed tables"] += 1
            if stage.output is not None:
                out = case.parent / stage.output
                if out.exists() and not complete_output(out):
                    row.bad += 1
                    row.notes[f"partial {stage.output}"] += 1
            leftovers = [p.name for p in case.iterdir() if ".tmp-" in p.name]
            if leftovers and not process_running(proc.pid):
                row.notes["temporary folder left inside the case"] += 1
            shutil.rmtree(case.parent, ignore_errors=True)
        rows.append(row)
    return rows


@dataclass
class PairRow:
    pair: str
    runs: int = 0
    both_ok: int = 0
    refused: int = 0  # one exited with an error (busy / changed meanwhile): nothing lost
    lost: int = 0
    stale: int = 0
    notes: Counter[str] = field(default_factory=Counter)


def pair_trials(
    stages: dict[str, Stage], files: dict[str, Path], root: Path, pairs: int, rng: random.Random
) -> list[PairRow]:
    """Two writers of one case at once; a source whose command exited 0 must be there."""
    import linkgraph as lg

    kinds = {
        "ingest || ingest": (
            stages["ingest"].before,
            ["ingest", files["b"]],
            ["ingest", files["c"]],
        ),
        "resolve || ingest": (stages["resolve"].before, ["resolve"], ["ingest", files["c"]]),
        "analyze || ingest": (stages["analyze"].before, ["analyze"], ["ingest", files["c"]]),
    }
    rows = []
    for kind, (before, first, second) in kinds.items():
        row = PairRow(kind)
        for trial in range(pairs):
            case = root / f"pair-{trial}" / "case"
            case.parent.mkdir()
            shutil.copytree(before, case, symlinks=True)
            cmds = []
            for args in (first, second):
                extra = ["--preset", "people", "-o", case] if args[0] == "ingest" else [case]
                cmds.append(cli(*args, *extra))
            p1 = subprocess.Popen(cmds[0], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            time.sleep(rng.uniform(0.0, 1.5))
            p2 = subprocess.Popen(cmds[1], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            errs = [p.communicate(timeout=900)[1].decode("utf-8", "replace") for p in (p1, p2)]
            codes = [p1.returncode, p2.returncode]
            row.runs += 1
            if any("Traceback" in e for e in errs):
                row.notes["traceback"] += 1
            if codes == [0, 0]:
                row.both_ok += 1
            else:
                row.refused += 1
                for code, err in zip(codes, errs, strict=True):
                    if code:
                        last = [ln for ln in err.splitlines() if ln.strip()]
                        first_line = (last[0] if last else "").replace(str(case), "CASE")
                        row.notes[f"exit {code}: {first_line[:90]}"] += 1
            got = lg.Case.read(case)
            have = set(got.mentions["source"].astype(str).unique())
            for args, code in zip((first, second), codes, strict=True):
                if args[0] == "ingest" and code == 0 and Path(args[1]).name not in have:
                    row.lost += 1
            mentions = set(got.mentions["mention_id"])
            if got.resolution is not None and set(got.resolution["mention_id"]) != mentions:
                row.stale += 1
                row.notes["resolution does not cover the mentions"] += 1
            if got.metrics is not None and set(got.metrics["entity_id"]) != set(got.entity_of()):
                row.stale += 1
                row.notes["metrics do not match the entities"] += 1
            shutil.rmtree(case.parent, ignore_errors=True)
        rows.append(row)
    return rows


def print_tables(kill_rows: list[KillRow], pair_rows: list[PairRow]) -> None:
    print(f"{'stage':<9} {'kills':>5} {'old state':>9} {'new state':>9} {'mixed/broken':>12}")
    for r in kill_rows:
        print(f"{r.stage:<9} {r.kills:>5} {r.old:>9} {r.new:>9} {r.bad:>12}"
              + (f"   ({r.finished} had finished)" if r.finished else ""))  # fmt: skip
    print(
        f"{'total':<9} {sum(r.kills for r in kill_rows):>5} {sum(r.old for r in kill_rows):>9} "
        f"{sum(r.new for r in kill_rows):>9} {sum(r.bad for r in kill_rows):>12}"
    )
    for r in kill_rows:
        for note, n in r.notes.items():
            print(f"  {r.stage}: {note} x{n}")
    print()
    print(f"{'writers':<18} {'runs':>4} {'both ok':>7} {'one refused':>11} {'lost source':>11} "
          f"{'stale table':>11}")  # fmt: skip
    for r in pair_rows:
        print(f"{r.pair:<18} {r.runs:>4} {r.both_ok:>7} {r.refused:>11} {r.lost:>11} {r.stale:>11}")
        for note, n in r.notes.items():
            print(f"  {note} x{n}")


def bench(kills: int, pairs: int, seed: int, rows: int) -> tuple[list[KillRow], list[PairRow]]:
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="lg-faults-") as tmp:
        root = Path(tmp)
        stages, files = prepare(root, seed, rows)
        kill_rows = kill_trials(stages, root, kills, rng) if kills else []
        pair_rows = pair_trials(stages, files, root, pairs, rng) if pairs else []
    return kill_rows, pair_rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=50, help="kills in all, spread over stages")
    parser.add_argument("--pairs", type=int, default=10, help="runs of each writer pair")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--rows", type=int, default=3000, help="rows of each input file")
    args = parser.parse_args(argv)
    start = time.monotonic()
    kill_rows, pair_rows = bench(args.kills, args.pairs, args.seed, args.rows)
    print_tables(kill_rows, pair_rows)
    print(f"\n{time.monotonic() - start:.0f} s wall, seed {args.seed}, {args.rows} rows per file")
    bad = sum(r.bad for r in kill_rows) + sum(r.lost + r.stale for r in pair_rows)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
