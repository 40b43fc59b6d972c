"""Bounded memory from small hostile files (issue 18, item 9): XLSX is streamed and its sizes
are checked before openpyxl builds anything; tables wider than Excel's 16,384 columns are
refused; peak memory of ``linkgraph ingest`` on every generated hostile file stays <= 1 GiB."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import openpyxl
import pytest

from linkgraph.errors import InputError
from linkgraph.ingest import _xlsx_guard, ingest_file, readers

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.fixture
def bench(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    import bench_memory

    return bench_memory


def _workbook(path: Path, rows: list[list[object]], title: str = "Reports") -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def _all_rows(path: Path) -> list[list[str]]:
    """Every row of the first sheet as openpyxl reads it whole (the reference)."""
    wb = openpyxl.load_workbook(path)
    return [
        [readers._cell_text(v) for v in row] for row in wb.worksheets[0].iter_rows(values_only=True)
    ]


def test_a_sheet_is_read_in_chunks_with_the_rows_numbered_as_a_whole_read(tmp_path):
    rows: list[list[object]] = [["Case export"], [], ["given_name", "family_name", "phone"]]
    for i in range(1, 1201):
        rows.append([f"Ana{i}", "Pop", f"+4915112{i:05d}"] if i % 97 else [])  # blank rows too
    path = _workbook(tmp_path / "people.xlsx", rows)
    chunks = list(readers.read_chunks(path, "xlsx", chunk_rows=250))
    assert len(chunks) == 5
    assert all(len(c.frame) <= 250 for c in chunks)
    got = [
        (int(n), list(r))
        for c in chunks
        for n, r in zip(c.rows, c.frame.values.tolist(), strict=True)
    ]
    reference = _all_rows(path)
    header_at = 2
    expected = [
        (n, cells[:3])
        for n, cells in enumerate(reference[header_at + 1 :], start=1)
        if any(c.strip() for c in cells)
    ]
    assert got == expected
    assert chunks[0].layout["header_row"] == 3
    assert chunks[0].facts == {"title": "Case export"}


def test_a_dimension_claiming_the_whole_sheet_does_not_pad_rows(tmp_path, bench):
    path = tmp_path / "dim.xlsx"
    bench.xlsx_dimension(path)
    (chunk,) = readers.read_chunks(path, "xlsx")
    assert list(chunk.frame.columns) == ["given_name", "family_name"]
    assert chunk.frame["given_name"].tolist() == ["Ana"]


def test_a_cell_over_the_limit_is_refused_naming_sheet_row_and_column(tmp_path, monkeypatch):
    monkeypatch.setattr(_xlsx_guard, "MAX_CELL_CHARS", 1000)
    path = _workbook(tmp_path / "big.xlsx", [["given_name", "note"], ["Ana", "x" * 5000]])
    with pytest.raises(InputError) as info:
        list(readers.read_chunks(path, "xlsx"))
    err = info.value
    assert (err.source, err.row, err.column) == ("big.xlsx#Reports", 2, "B")
    assert "more than 1,000 characters" in err.message
    assert err.hint


def test_a_shared_string_over_the_limit_is_refused_at_the_cell_using_it(
    tmp_path, monkeypatch, bench
):
    monkeypatch.setattr(_xlsx_guard, "MAX_CELL_CHARS", 1000)
    block = b"A" * 4000
    path = tmp_path / "shared.xlsx"
    bench._xlsx(
        path,
        bench._sheet(lambda: [b'<row r="7"><c r="C7" t="s"><v>0</v></c></row>']),
        [b"<si><t>", block, b"</t></si>"],
    )
    with pytest.raises(InputError) as info:
        list(readers.read_chunks(path, "xlsx"))
    assert (info.value.row, info.value.column) == (7, "C")


def test_more_rows_than_excel_allows_are_refused_at_the_first_row_over(tmp_path, monkeypatch):
    monkeypatch.setattr(_xlsx_guard, "MAX_ROWS", 50)
    path = _workbook(tmp_path / "long.xlsx", [["given_name"]] + [[f"Ana{i}"] for i in range(80)])
    with pytest.raises(InputError, match="more than 50 rows") as info:
        list(readers.read_chunks(path, "xlsx"))
    assert info.value.row == 51


def test_xml_entities_in_a_workbook_are_refused(tmp_path, bench):
    path = tmp_path / "laughs.xlsx"
    doctype = b'<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">]>'
    sheet = bench._sheet(
        lambda: [b'<row r="2"><c r="A2" t="inlineStr"><is><t>&a;</t></is></c></row>']
    )
    sheet[0] = sheet[0].replace(b"<worksheet", doctype + b"<worksheet", 1)
    bench._xlsx(path, sheet)
    with pytest.raises(InputError, match="DOCTYPE"):
        list(readers.read_chunks(path, "xlsx"))


def test_a_header_wider_than_excel_is_refused(tmp_path):
    path = tmp_path / "wide.csv"
    path.write_text("given_name" + ",x" * 20_000 + "\nAna\n", encoding="utf-8")
    with pytest.raises(InputError, match="20,001 columns") as info:
        ingest_file(path, preset="people")
    assert info.value.row == 1
    assert "delimiter" in (info.value.hint or "")


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_records_with_more_keys_than_excel_has_columns_are_refused(tmp_path, fmt):
    records = [{"given_name": "Ana", f"k{i}": 1} for i in range(20_000)]
    path = tmp_path / f"keys.{fmt}"
    text = json.dumps(records) if fmt == "json" else "\n".join(map(json.dumps, records))
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="distinct keys") as info:
        ingest_file(path, preset="people")
    assert info.value.row == 16_384  # the record that brought key number 16,385


def _memory_cases() -> list[object]:
    """One case per generated hostile file; the heavy ones (hundreds of MB unzipped, or
    millions of rows) are slow."""
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import bench_memory
    finally:
        sys.path.remove(str(BENCHMARKS))
    linux = pytest.mark.skipif(sys.platform != "linux", reason="peak memory via /proc and wait4")
    return [
        pytest.param(h.name, marks=[linux, *([pytest.mark.slow] if h.slow else [])], id=h.name)
        for h in bench_memory.FILES
    ]


@pytest.mark.parametrize("name", _memory_cases())
def test_peak_memory_of_ingest_on_a_hostile_file_is_at_most_1_gib(tmp_path, bench, name):
    hostile = next(h for h in bench.FILES if h.name == name)
    result = bench.measure(hostile, tmp_path, timeout=600)
    assert result.size <= 10 << 20
    assert result.message != "TRACEBACK"
    assert result.exit_code in (0, 1), result.message  # read, or refused with an error
    if result.exit_code == 1:
        assert result.message.startswith("Error: "), result.message
    assert result.peak_bytes <= bench.LIMIT_BYTES, f"{result.peak_bytes / 2**20:.0f} MiB"


def _dictionary(value: str, n: int):
    import numpy as np
    import pyarrow as pa

    return pa.DictionaryArray.from_arrays(pa.array(np.zeros(n, dtype=np.int32)), pa.array([value]))


def test_parquet_text_is_measured_before_it_is_expanded(tmp_path, monkeypatch):
    import pyarrow as pa
    import pyarrow.parquet as pq

    cell = tmp_path / "cell.parquet"
    pq.write_table(pa.table({"given_name": ["Ana"] * 4, "note": _dictionary("x" * 3000, 4)}), cell)
    monkeypatch.setattr(readers, "PARQUET_MAX_CELL_CHARS", 1000)
    with pytest.raises(InputError, match="3,000 bytes") as info:
        list(readers.read_chunks(cell, "parquet"))
    assert (info.value.row, info.value.column) == (1, "note")

    bomb = tmp_path / "bomb.parquet"
    pq.write_table(pa.table({"given_name": _dictionary("A" * 900, 400_000)}), bomb)
    with pytest.raises(InputError, match="compression bomb"):
        list(readers.read_chunks(bomb, "parquet"))


def test_a_parquet_batch_is_split_by_the_text_it_expands_to(tmp_path, monkeypatch):
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "people.parquet"
    names = [f"Ana{i}" + "x" * 50 for i in range(1000)]
    pq.write_table(pa.table({"given_name": names, "age": list(range(1000))}), path)
    monkeypatch.setattr(readers, "PARQUET_CHUNK_TEXT_BYTES", 10_000)
    chunks = list(readers.read_chunks(path, "parquet"))
    assert len(chunks) > 5
    assert [int(n) for c in chunks for n in c.rows] == list(range(1, 1001))
    assert [v for c in chunks for v in c.frame["given_name"]] == names
    assert chunks[0].frame["age"].tolist()[:2] == ["0", "1"]
