"""Peak memory of ``linkgraph ingest`` on small hostile files (issue 18: "peak memory <= 1 GiB
on every hostile file of <= 10 MB").

Each file is generated here (seeded, no download), ingested by ``linkgraph ingest FILE
--preset people`` in a child process, and the child's peak resident memory (``wait4``'s
``ru_maxrss``), CPU seconds, exit code and the last line of its error output are printed::

    python benchmarks/bench_memory.py            # every file
    python benchmarks/bench_memory.py xlsx-rows  # some of them

A file may be refused (exit 1, a one-line error naming the file and what is over a limit)
or read; it may not take more than :data:`LIMIT_BYTES` or print a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

LIMIT_BYTES = 1 << 30
#: A child above this is killed (reported as exit -9): the machine is shared.
KILL_BYTES = 3 << 30

_CT = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WB = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WB_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
)
_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_HEADER_ROW = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>given_name</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>family_name</t></is></c></row>'
)


def _xlsx(path: Path, sheet_parts: list[bytes], shared: list[bytes] | None = None) -> None:
    """A minimal workbook whose sheet XML and shared strings are streamed in parts, so a
    part of hundreds of MB is compressed without holding it in memory."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", _CT)
        zf.writestr("_rels/.rels", _RELS)
        zf.writestr("xl/workbook.xml", _WB)
        zf.writestr("xl/_rels/workbook.xml.rels", _WB_RELS)
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            for part in sheet_parts:
                fh.write(part)
        with zf.open("xl/sharedStrings.xml", "w", force_zip64=True) as fh:
            fh.write(f'<?xml version="1.0" encoding="UTF-8"?><sst {_NS}>'.encode())
            for part in shared or []:
                fh.write(part)
            fh.write(b"</sst>")


def _sheet(rows: Callable[[], object], dimension: str | None = None) -> list[bytes]:
    head = f'<?xml version="1.0" encoding="UTF-8"?><worksheet {_NS}>'
    if dimension:
        head += f'<dimension ref="{dimension}"/>'
    return [
        head.encode(),
        b"<sheetData>",
        _HEADER_ROW.encode(),
        *rows(),
        b"</sheetData></worksheet>",
    ]


def xlsx_rows(path: Path) -> None:
    """3,000,000 rows of one small cell each (no row numbers): about 100 KB zipped."""
    row = b'<row><c t="inlineStr"><is><t>Ana</t></is></c></row>' * 1000

    def rows():
        return (row for _ in range(3000))

    _xlsx(path, _sheet(rows))


def xlsx_shared_cell(path: Path) -> None:
    """One shared string of 400 MB ("billion A's") used by one cell: about 400 KB zipped."""
    block = b"A" * (1 << 20)

    def rows():
        return [b'<row r="2"><c r="A2" t="s"><v>0</v></c></row>']

    shared = [b"<si><t>", *(block for _ in range(400)), b"</t></si>"]
    _xlsx(path, _sheet(rows), shared)


def xlsx_inline_cell(path: Path) -> None:
    """One inline string of 400 MB in the sheet itself."""
    block = b"B" * (1 << 20)

    def rows():
        return [
            b'<row r="2"><c r="A2" t="inlineStr"><is><t>',
            *(block for _ in range(400)),
            b"</t></is></c></row>",
        ]

    _xlsx(path, _sheet(rows))


def xlsx_dimension(path: Path) -> None:
    """Three rows, but a dimension claiming the whole sheet (A1:XFD1048576)."""

    def rows():
        return [b'<row r="2"><c r="A2" t="inlineStr"><is><t>Ana</t></is></c></row>']

    _xlsx(path, _sheet(rows, "A1:XFD1048576"))


def xlsx_far_cell(path: Path) -> None:
    """Two cells: A2 and XFD1048576 (the last cell Excel has)."""

    def rows():
        return [
            b'<row r="2"><c r="A2" t="inlineStr"><is><t>Ana</t></is></c></row>',
            b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>',
        ]

    _xlsx(path, _sheet(rows))


def xlsx_wide_row(path: Path) -> None:
    """One row of 4,194,304 empty cells (``<c/>``, no references): 16 MB unzipped, about
    16 KB zipped (tester 30's bomb; openpyxl builds the row whole)."""

    def rows():
        return [b'<row r="2">', *(b"<c/>" * (1 << 18) for _ in range(16)), b"</row>"]

    _xlsx(path, _sheet(rows))


def csv_wide(path: Path) -> None:
    """A header of 5,000,000 columns (10 MB of commas)."""
    path.write_text("given_name" + "," * 5_000_000 + "\nAna\n", encoding="utf-8")


def csv_long(path: Path) -> None:
    """10 MB of short rows (1.25 M rows)."""
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("given_name,family_name\n")
        fh.write("Ana,Pop\n" * 1_250_000)


def json_keys(path: Path) -> None:
    """500,000 records, each with a key of its own (10 MB)."""
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("[")
        fh.write(",".join(f'{{"k{i}":1}}' for i in range(500_000)))
        fh.write("]")


def jsonl_keys(path: Path) -> None:
    """500,000 JSON lines, each with a key of its own."""
    with open(path, "w", encoding="utf-8") as fh:
        fh.writelines(f'{{"k{i}":1}}\n' for i in range(500_000))


def json_tiny(path: Path) -> None:
    """3,300,000 empty records (10 MB of ``{},``)."""
    path.write_text("[" + ",".join(["{}"] * 3_300_000) + "]", encoding="utf-8")


def json_wide(path: Path) -> None:
    """One record with 700,000 keys."""
    path.write_text(
        json.dumps({"given_name": "Ana", **{f"k{i}": 1 for i in range(700_000)}}), encoding="utf-8"
    )


def json_people(path: Path) -> None:
    """215,000 person records (10 MB): a large but honest file."""
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("[")
        fh.write(",".join(f'{{"given_name":"Ana{i}","family_name":"Pop"}}' for i in range(215_000)))
        fh.write("]")


def yaml_laughs(path: Path) -> None:
    """A two-row CSV whose mapping (beside it, .yaml) is a 650-byte YAML alias bomb."""
    path.write_text("given_name,family_name\nAna,Pop\nIon,Marin\n", encoding="utf-8")
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        refs = ",".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    lines.append("entities: *a9")
    path.with_suffix(".yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def parquet_repeat(path: Path) -> None:
    """A 6 KB Parquet file: one 100 KB name repeated in 1,000,000 rows (100 GB of text)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    n = 1_000_000
    names = pa.DictionaryArray.from_arrays(
        pa.array(np.zeros(n, dtype=np.int32)), pa.array(["Ana" + "x" * 100_000])
    )
    family = pa.DictionaryArray.from_arrays(
        pa.array(np.zeros(n, dtype=np.int32)), pa.array(["Pop"])
    )
    table = pa.table({"given_name": names, "family_name": family})
    pq.write_table(table, path, compression="zstd")


def graphml_laughs(path: Path) -> None:
    """A GraphML "billion laughs" (nested XML entities): under 1 KB."""
    ents = ['<!ENTITY a0 "lolololololololololo">'] + [
        f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    ]
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE graphml [' + "".join(ents) + "]>"
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="undirected">'
        '<node id="&a9;"/></graph></graphml>',
        encoding="utf-8",
    )


@dataclass(frozen=True)
class Hostile:
    name: str
    suffix: str
    make: Callable[[Path], None]
    preset: str | None = "people"  # None: the mapping .yaml written beside the file
    slow: bool = False


FILES = [
    Hostile("xlsx-rows", ".xlsx", xlsx_rows, slow=True),
    Hostile("xlsx-shared-cell", ".xlsx", xlsx_shared_cell, slow=True),
    Hostile("xlsx-inline-cell", ".xlsx", xlsx_inline_cell, slow=True),
    Hostile("xlsx-dimension", ".xlsx", xlsx_dimension),
    Hostile("xlsx-far-cell", ".xlsx", xlsx_far_cell),
    Hostile("xlsx-wide-row", ".xlsx", xlsx_wide_row),
    Hostile("csv-wide", ".csv", csv_wide),
    Hostile("csv-long", ".csv", csv_long, slow=True),
    Hostile("json-keys", ".json", json_keys),
    Hostile("jsonl-keys", ".jsonl", jsonl_keys),
    Hostile("json-tiny", ".json", json_tiny, slow=True),
    Hostile("json-wide", ".json", json_wide),
    Hostile("json-people", ".json", json_people, slow=True),
    Hostile("yaml-laughs", ".csv", yaml_laughs, preset=None),
    Hostile("parquet-repeat", ".parquet", parquet_repeat),
    Hostile("graphml-laughs", ".graphml", graphml_laughs, preset="graphml"),
]


@dataclass(frozen=True)
class Result:
    name: str
    size: int
    exit_code: int
    peak_bytes: int
    cpu_seconds: float
    wall_seconds: float
    message: str


def measure(hostile: Hostile, folder: Path, *, timeout: float = 900) -> Result:
    """Ingest one generated hostile file in a child process; its peak memory and outcome."""
    path = folder / f"{hostile.name}{hostile.suffix}"
    # Made in a process of its own: a child's peak memory counts its parent's at the fork.
    subprocess.run([sys.executable, __file__, "--make", hostile.name, str(path)], check=True)
    case = folder / f"{hostile.name}-case"
    how = ["--mapping", str(path.with_suffix(".yaml"))]
    if hostile.preset is not None:
        how = ["--preset", hostile.preset]
    cmd = [sys.executable, "-m", "linkgraph", "ingest", str(path), *how]
    cmd += ["-o", str(case), "-q"]
    start = time.monotonic()
    with tempfile.NamedTemporaryFile(suffix=".err") as err:
        # Started from a small launcher process, not from the caller: a child's peak memory
        # (ru_maxrss) starts at its parent's resident size at the fork, and the caller may
        # be a test worker holding a gigabyte of other tests' data.
        launched = subprocess.run(
            [sys.executable, __file__, "--launch", str(timeout), err.name, "--", *cmd],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        status, maxrss_kib, cpu = json.loads(launched.stdout)
        text = Path(err.name).read_text(encoding="utf-8", errors="replace")
    wall = time.monotonic() - start
    code = os.waitstatus_to_exitcode(status) if status != -9 else -9
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("Hint:")]
    message = "TRACEBACK" if "Traceback" in text else (lines[-1] if lines else "")
    return Result(hostile.name, path.stat().st_size, code, maxrss_kib * 1024, cpu, wall, message)


def _launch(timeout: float, err_path: str, cmd: list[str]) -> None:
    """Run ``cmd`` (stderr to ``err_path``) and print [wait status, peak KiB, CPU s]."""
    with open(err_path, "wb") as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)
        try:
            _, status, usage = _wait4(proc, timeout)
        except TimeoutError:
            proc.kill()
            _, status, usage = os.wait4(proc.pid, 0)
            status = -9
    print(json.dumps([status, usage.ru_maxrss, usage.ru_utime + usage.ru_stime]))


def _wait4(proc: subprocess.Popen[bytes], timeout: float) -> tuple[int, int, object]:
    deadline = time.monotonic() + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            proc.returncode = 0  # reaped here; keep Popen from waiting again
            return pid, status, usage
        if time.monotonic() > deadline or _rss(proc.pid) > KILL_BYTES:
            raise TimeoutError
        time.sleep(0.05)


def _rss(pid: int) -> int:
    """The resident memory of a running process (Linux), 0 where unknown."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="files to measure (default: all)")
    parser.add_argument("--make", nargs=2, metavar=("NAME", "PATH"), help=argparse.SUPPRESS)
    parser.add_argument("--launch", nargs=2, metavar=("TIMEOUT", "ERR"), help=argparse.SUPPRESS)
    argv = sys.argv[1:] if argv is None else argv
    if "--launch" in argv[:1]:
        _launch(float(argv[1]), argv[2], argv[argv.index("--") + 1 :])
        return 0
    args = parser.parse_args(argv)
    if args.make:
        next(h for h in FILES if h.name == args.make[0]).make(Path(args.make[1]))
        return 0
    chosen = [h for h in FILES if not args.names or h.name in args.names]
    print(f"{'file':<18} {'size':>10} {'exit':>4} {'peak MiB':>9} {'CPU s':>7}  outcome")
    worst = 0
    with tempfile.TemporaryDirectory() as tmp:
        for hostile in chosen:
            r = measure(hostile, Path(tmp))
            worst = max(worst, r.peak_bytes)
            print(
                f"{r.name:<18} {r.size:>10,} {r.exit_code:>4} {r.peak_bytes / 2**20:>9.0f} "
                f"{r.cpu_seconds:>7.1f}  {r.message[:90]}",
                flush=True,
            )
            for item in Path(tmp).iterdir():
                if item.is_file():
                    item.unlink()
    print(f"worst peak: {worst / 2**20:.0f} MiB (limit {LIMIT_BYTES / 2**20:.0f} MiB)")
    return 0 if worst <= LIMIT_BYTES else 1


if __name__ == "__main__":
    sys.exit(main())
