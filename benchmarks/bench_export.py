"""Benchmark of ``linkgraph export``: time and size per format, through the CLI.

Two cases, both made through the CLI and cached under benchmarks/data/export/:
  demo  - ``linkgraph demo`` (the bundled sample case: 844 entities after resolution);
  100k  - a seeded planted-partition edge list (``bench_analyze.planted_partition``,
          100k+ entities, 250k links with dates and weights) through ``linkgraph ingest
          --preset edgelist``, ``linkgraph resolve`` and ``linkgraph analyze``.
Each format is exported once per case with ``linkgraph export CASE -f F -o OUT -q``;
wall time includes starting Python. Size is the output file, or the sum of a folder's files.

Usage:
    python benchmarks/bench_export.py                  # demo and 100k
    python benchmarks/bench_export.py --quick          # demo and a 10k case
    python benchmarks/bench_export.py --formats gexf ftm --cases demo
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
DATA = HERE / "data" / "export"
FORMATS = ("csv", "xlsx", "gexf", "graphml", "sqlite", "neo4j", "ftm", "i2")
OUT_NAME = {
    "csv": "csv", "xlsx": "case.xlsx", "gexf": "case.gexf", "graphml": "case.graphml",
    "sqlite": "case.sqlite", "neo4j": "neo4j", "ftm": "case.ftm.json", "i2": "i2",
}  # fmt: skip


def cli(*args: str) -> tuple[float, float]:
    """Run ``linkgraph ARGS``; return (wall, CPU) seconds (CPU: user + system of the child,
    the fairer figure on a shared, loaded machine)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    command = shutil.which("linkgraph") or str(Path(sys.executable).with_name("linkgraph"))
    subprocess.run([command, *args], check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def demo_case() -> Path:
    case = DATA / "demo" / "case"
    if not (case / "metrics.parquet").is_file():
        cli("demo", "--out", str(DATA / "demo"), "-q")
    return case


def big_case(n: int, *, analyze: bool = True) -> Path:
    folder = DATA / f"edges-{n}"
    case = folder / "case"
    if (case / "metrics.parquet").is_file():
        return case
    if not analyze and (case / "resolution.parquet").is_file():
        return case
    sys.path.insert(0, str(HERE))
    from bench_analyze import planted_partition

    folder.mkdir(parents=True, exist_ok=True)
    nodes = int(n * 1.03)  # a few nodes end up without links; keep n entities or more
    edges = planted_partition(nodes, int(n * 2.5), seed=0)
    rng = np.random.default_rng(1)
    days = np.datetime64("2024-01-01") + rng.integers(0, 365, len(edges))
    weights = rng.integers(1, 5, len(edges))
    with (folder / "edges.csv").open("w") as fh:
        fh.write("source,target,weight,time\n")
        for (a, b), w, d in zip(edges.tolist(), weights.tolist(), days.astype(str), strict=True):
            fh.write(f"n{a:07d},n{b:07d},{w},{d}\n")
    if case.exists():
        shutil.rmtree(case)
    cli("ingest", str(folder / "edges.csv"), "--preset", "edgelist", "-o", str(case), "-q")
    cli("resolve", str(case), "-q")
    if analyze:
        cli("analyze", str(case), "-q")
    return case


def size_of(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="a 10k case instead of 100k")
    parser.add_argument("--formats", nargs="+", default=list(FORMATS), choices=FORMATS)
    parser.add_argument("--cases", nargs="+", default=["demo", "big"], choices=["demo", "big"])
    parser.add_argument(
        "--no-analyze", action="store_true", help="export the big case without its metrics"
    )
    args = parser.parse_args(argv)
    cases = {"demo": demo_case()} if "demo" in args.cases else {}
    n = 10_000 if args.quick else 100_000
    if "big" in args.cases:
        cases[f"{n // 1000}k"] = big_case(n, analyze=not args.no_analyze)
    import pandas as pd

    rows = []
    for name, case in cases.items():
        entities = pd.read_parquet(case / "resolution.parquet")["entity_id"].nunique()
        measures = (case / "metrics.parquet").is_file()
        links = len(pd.read_parquet(case / "links.parquet", columns=["link_id"]))
        for fmt in args.formats:
            out = DATA / "out" / name / OUT_NAME[fmt]
            if out.exists():
                shutil.rmtree(out) if out.is_dir() else out.unlink()
            seconds, cpu = cli("export", str(case), "-f", fmt, "-o", str(out))
            mb = size_of(out) / 1e6
            rows.append({"case": name, "entities": entities, "links": links, "metrics": measures,
                         "format": fmt, "wall_s": round(seconds, 1), "cpu_s": round(cpu, 1),
                         "MB": round(mb, 2)})  # fmt: skip
            print(
                f"  {name:>5} {fmt:<8} {seconds:7.1f} s {cpu:7.1f} cpu-s {mb:9.2f} MB", flush=True
            )
    table = pd.DataFrame(rows)
    print(f"\nlinkgraph export, wall time through the CLI ({os.cpu_count()} cores)")
    print(table.to_string(index=False))


if __name__ == "__main__":
    main()
