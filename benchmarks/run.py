"""Run every benchmark (bench_*.py in this folder) one after another; each prints its table.

Usage:
    python benchmarks/run.py            # all benchmarks at their default sizes
    python benchmarks/run.py ingest     # only bench_ingest.py
    python benchmarks/run.py --quick    # smaller sizes, for a smoke run

Every benchmark generates its own seeded inputs under benchmarks/data/ (git-ignored).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    names = [a for a in argv if not a.startswith("-")]
    scripts = sorted(HERE.glob("bench_*.py"))
    if names:
        scripts = [s for s in scripts if s.stem.removeprefix("bench_") in names]
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    status = 0
    for script in scripts:
        print(f"\n=== {script.stem} ===", flush=True)
        cmd = [sys.executable, str(script)] + (["--quick"] if quick else [])
        status |= subprocess.call(cmd, env=env)
    return status


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
