"""Ingest benchmark: a generated call-detail-record CSV through the `cdr` preset.

Run:  python benchmarks/bench_ingest.py [--rows 1000000 2000000] [--seed 0] [--no-pyarrow]

Beside each run, the same file read by pyarrow alone (all columns as text, in a fresh
interpreter, timed the same way) is the yardstick, twice: with pyarrow's default thread
pool and with one thread. pyarrow reads with every core, so its wall time is shorter
than its CPU time; the ingest runs its Parquet writes on background threads too. The
ratios are therefore printed both ways: ``cpu x`` (CPU seconds over pyarrow's CPU
seconds, what each costs the machine, and what stays meaningful on a loaded machine) and
``wall x`` (wall time over pyarrow's default wall time, what a user waits on an idle one).

Each CSV is written once to benchmarks/data/ (git-ignored). Each ingest runs as
`python -m linkgraph ingest FILE --preset cdr -o CASE` in its own subprocess (the checkout
this script lives in first on PYTHONPATH, so a worktree measures its own code, not the
installed one), so the peak memory reported is that process's alone (ru_maxrss of the
child), and it includes writing the case. The CLI streams chunks into the case folder, so
peak memory should stay roughly flat as the row count grows.

The package is byte-compiled first (``compileall``, as ``pip install`` does), so that no
run pays for compiling linkgraph's modules, which an environment that sets
PYTHONDONTWRITEBYTECODE would otherwise make every run do.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
TREE = HERE.parent  # the checkout whose linkgraph is measured
DATA = HERE / "data"


def make_cdr(path: Path, rows: int, seed: int) -> Path:
    """A seeded CDR CSV: 20,000 UK mobile numbers written in mixed formats."""
    if path.is_file():
        return path
    import phonenumbers

    rng = np.random.default_rng(seed)
    subscribers = 20_000
    # Real CDRs hold allocated numbers: draw UK mobiles and keep the valid ones.
    drawn = rng.integers(7_400_000_000, 7_999_999_999, size=3 * subscribers)
    valid = [n for n in drawn if phonenumbers.is_valid_number(phonenumbers.parse(f"+44{n}"))]
    national = np.array(valid[:subscribers])
    styles = np.array(
        [f"+44{n}" for n in national]
        + [f"0{str(n)[:4]} {str(n)[4:]}" for n in national]
        + [f"0044 {n}" for n in national]
    )
    # Calls concentrate on a few busy numbers (Zipf-like), as in real CDRs.
    weights = 1.0 / np.arange(1, subscribers + 1) ** 0.8
    weights /= weights.sum()
    caller = rng.choice(subscribers, size=rows, p=weights)
    callee = rng.choice(subscribers, size=rows, p=weights)
    fmt = rng.integers(0, 3, size=rows)
    start = pd.Timestamp("2024-01-01") + pd.to_timedelta(
        np.sort(rng.integers(0, 180 * 86_400, size=rows)), unit="s"
    )
    frame = pd.DataFrame(
        {
            "call_id": np.arange(1, rows + 1),
            "caller": styles[caller + fmt * subscribers],
            "callee": styles[callee + rng.integers(0, 3, size=rows) * subscribers],
            "start_time": start.strftime("%Y-%m-%d %H:%M:%S"),
            "duration": rng.integers(1, 1800, size=rows),
            "cell_id": rng.integers(10_000, 10_400, size=rows).astype(str),
        }
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    frame.to_csv(tmp, index=False)
    tmp.replace(path)
    return path


# The competitor: the same file read by pyarrow alone (every column as text, as the ingest
# reads it), in a fresh interpreter like the CLI, measured the same way.
_PYARROW = (
    "import sys, pyarrow as pa, pyarrow.csv as c;"
    " names = open(sys.argv[1]).readline().strip().split(',');"
    " c.read_csv(sys.argv[1], read_options=c.ReadOptions(use_threads=sys.argv[2] == 'threads'),"
    " convert_options=c.ConvertOptions(column_types={n: pa.string() for n in names}))"
)


# A floor for any tool that stores what it read: the same read, then the table written to
# Parquet (LZ4, as the case's tables are). The case holds about three times the file's rows
# (a mention per phone of each call, and the call), so this is a lower bound, not a peer.
_PYARROW_PARQUET = (
    "import sys, pyarrow as pa, pyarrow.csv as c, pyarrow.parquet as pq;"
    " names = open(sys.argv[1]).readline().strip().split(',');"
    " t = c.read_csv(sys.argv[1], convert_options=c.ConvertOptions("
    "column_types={n: pa.string() for n in names}));"
    " pq.write_table(t, sys.argv[2], compression='lz4')"
)


def run(rows: int, seed: int, tool: str = "linkgraph") -> dict[str, float]:
    # "v2": files made before the generator kept only valid numbers are not reused.
    csv_path = make_cdr(DATA / f"cdr_v2_{rows}_{seed}.csv", rows, seed)
    out = DATA / f"case_cdr_{rows}"
    shutil.rmtree(out, ignore_errors=True)
    # The CLI of the tree this script lives in, run by this interpreter (not whichever
    # checkout the environment's `linkgraph` script was installed from).
    cmd = [sys.executable, "-m", "linkgraph", "ingest", str(csv_path), "--preset", "cdr"]
    cmd += ["--region", "GB"]
    cmd += ["-q", "-o", str(out)]
    if tool.startswith("pyarrow"):
        threads = "one" if tool == "pyarrow-1" else "threads"
        cmd = [sys.executable, "-c", _PYARROW, str(csv_path), threads]
    if tool == "pyarrow-parquet":
        out.mkdir(parents=True, exist_ok=True)
        cmd = [sys.executable, "-c", _PYARROW_PARQUET, str(csv_path), str(out / "file.parquet")]
    # A fresh interpreter per run: RUSAGE_CHILDREN reports the largest child so far, so
    # the measured ingest is wrapped in a child that reports its own child's peak.
    probe = (
        "import resource, subprocess, sys, time; t = time.perf_counter();"
        " subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL);"
        " u = resource.getrusage(resource.RUSAGE_CHILDREN);"
        " print(time.perf_counter() - t, u.ru_maxrss, u.ru_utime + u.ru_stime)"
    )
    load = os.getloadavg()[0]  # the machine may be shared: say how busy it was
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(TREE), env.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, "-c", probe, *cmd], check=True, capture_output=True, text=True, env=env
    )
    seconds_text, peak_text, cpu_text = done.stdout.split()
    seconds = float(seconds_text)
    peak_kib = int(peak_text)  # KiB on Linux
    return {
        "tool": tool,
        "rows": rows,
        "seconds": seconds,
        "rows_per_second": rows / seconds,
        "peak_mib": peak_kib / 1024,
        "file_mib": csv_path.stat().st_size / 2**20,
        # CPU seconds (user + system, all threads): on a shared machine wall time varies
        # with other load, CPU time much less.
        "cpu_seconds": float(cpu_text),
        "load": load,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--rows", type=int, nargs="+", default=[1_000_000], help="one run per row count"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--no-pyarrow", action="store_true", help="skip the pyarrow-alone row beside each run"
    )
    args = parser.parse_args()
    import compileall

    compileall.compile_dir(TREE / "linkgraph", quiet=1)
    print(
        f"{'tool':<24} {'rows':>10} {'file MiB':>9} {'wall s':>7} {'rows/s':>10}"
        f" {'peak MiB':>9} {'cpu s':>6} {'rows/cpu s':>10} {'cpu x':>6} {'wall x':>6} {'load':>5}"
    )
    for rows in args.rows:
        runs: list[tuple[str, dict[str, float] | None]] = []
        if not args.no_pyarrow:
            runs.append(("pyarrow.csv, threads", run(rows, args.seed, "pyarrow")))
            runs.append(("pyarrow.csv, 1 thread", run(rows, args.seed, "pyarrow-1")))
            runs.append(("pyarrow csv -> parquet", run(rows, args.seed, "pyarrow-parquet")))
        runs.append(("linkgraph ingest (CLI)", run(rows, args.seed)))
        base = runs[0][1] if not args.no_pyarrow else None
        for label, r in runs:
            assert r is not None
            cpu_x = f"{r['cpu_seconds'] / base['cpu_seconds']:>6.1f}" if base else f"{'':>6}"
            wall_x = f"{r['seconds'] / base['seconds']:>6.1f}" if base else f"{'':>6}"
            print(
                f"{label:<24} {r['rows']:>10,} {r['file_mib']:>9.1f} {r['seconds']:>7.2f} "
                f"{r['rows_per_second']:>10,.0f} {r['peak_mib']:>9.0f} {r['cpu_seconds']:>6.2f}"
                f" {r['rows'] / r['cpu_seconds']:>10,.0f} {cpu_x} {wall_x} {r['load']:>5.1f}",
                flush=True,
            )
    print("targets: >= 200,000 rows/s end to end, within 1.5x of pyarrow, <= 1,024 MiB peak")
    print(
        "cpu x: CPU seconds (user + system, all threads) over pyarrow's (threads); wall x: wall"
        " time over pyarrow's (threads). load: 1-minute load average at the start of the run;"
        f" above the core count ({os.cpu_count()} here) wall time mostly measures the other"
        " processes, and the CPU figures are the ones to compare"
    )


if __name__ == "__main__":
    main()
