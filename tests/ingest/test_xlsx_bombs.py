"""Hostile workbooks (tester 30, D1 and D12): a row of millions of empty ``<c/>`` cells
(a zip bomb of a few KB) is refused before openpyxl builds it, as is a sheet expanding
like a zip bomb; columns with no title and no value (a cell at XFD1, a dimension of the
whole sheet) are left out of the table instead of 16,384 ``column_N``."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.ingest import _xlsx_guard, readers

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.fixture
def bench(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    import bench_memory

    return bench_memory


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The workbooks openpyxl opened (the guard refuses a bomb before that)."""
    paths: list[Path] = []
    real = readers._open_workbook

    def spy(path: Path, **kwargs: object) -> object:
        paths.append(path)
        return real(path, **kwargs)

    monkeypatch.setattr(readers, "_open_workbook", spy)
    return paths


def _invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


@pytest.mark.parametrize("command", ["ingest", "suggest"])
def test_a_row_of_empty_cells_past_xfd_is_refused_before_openpyxl_reads_it(
    tmp_path, bench, opened, command
):
    path = tmp_path / "bomb.xlsx"
    row = b'<row r="2">' + b"<c/>" * 20_000 + b"</row>"  # 16,384 columns at most
    bench._xlsx(path, bench._sheet(lambda: [row]))
    if command == "ingest":
        code, out = _invoke("ingest", str(path), "--preset", "people", "-o", str(tmp_path / "c"))
    else:
        code, out = _invoke("mapping", "suggest", str(path), "-o", str(tmp_path / "m.yaml"))
    assert code == 1, out
    assert "Error: bomb.xlsx#Sheet1, row 2: a row with a cell right of column XFD" in out
    assert "column 16,385" in out
    assert "Hint: open the file in Excel or LibreOffice and save it again" in out
    assert opened == []  # refused from the scan: openpyxl never built the row


def test_a_sheet_expanding_like_a_zip_bomb_is_refused_from_its_sizes(
    tmp_path, bench, opened, monkeypatch
):
    # The limits scaled down 64 times: a 1 MB sheet stands for 64 MB.
    monkeypatch.setattr(_xlsx_guard, "LARGE_UNPACKED_BYTES", 1 << 20)
    scanned: list[str] = []
    real = _xlsx_guard._scan_sheet
    monkeypatch.setattr(
        _xlsx_guard,
        "_scan_sheet",
        lambda zf, info, *a: scanned.append(info.filename) or real(zf, info, *a),
    )
    path = tmp_path / "rows.xlsx"
    row = b"<row>" + b"<c/>" * 10_000 + b"</row>"  # under XFD: only the sizes tell
    bench._xlsx(path, bench._sheet(lambda: (row for _ in range(100))))  # 4 MB unzipped
    code, out = _invoke("ingest", str(path), "--preset", "people", "-o", str(tmp_path / "c"))
    assert code == 1, out
    assert "Error: rows.xlsx#Sheet1: the sheet unzips to 4 MB from" in out
    assert "'zip bomb'; not read" in out
    assert "Hint: open the file in Excel or LibreOffice" in out
    assert (scanned, opened) == ([], [])  # refused before a row of it was parsed


def test_a_large_sheet_of_real_rows_is_not_taken_for_a_bomb(tmp_path, monkeypatch):
    monkeypatch.setattr(_xlsx_guard, "LARGE_UNPACKED_BYTES", 1 << 16)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["given_name", "family_name", "phone"])
    for i in range(3000):
        ws.append([f"Ana{i}", "Pop", f"+4915112{i:05d}"])
    wb.save(tmp_path / "people.xlsx")
    (chunk,) = readers.read_chunks(tmp_path / "people.xlsx", "xlsx")
    assert len(chunk.frame) == 3000


def _xfd_sheet(bench, path: Path) -> None:
    """The tester's xfd.xlsx: a title at XFD1, a dimension of the whole sheet, two data
    rows, the second at Excel's last row."""

    def c(ref: str, text: str) -> str:
        return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'

    rows = [
        '<row r="1">'
        + c("A1", "record_id")
        + c("B1", "given_name")
        + c("C1", "family_name")
        + c("XFD1", "last")
        + "</row>",
        '<row r="2">' + c("A2", "R1") + c("B2", "Ana") + c("C2", "Pop") + "</row>",
        '<row r="1048576">'
        + c("A1048576", "R2")
        + c("B1048576", "Ion")
        + c("C1048576", "Rusu")
        + "</row>",
    ]
    parts = bench._sheet(lambda: [r.encode() for r in rows], "A1:XFD1048576")
    parts[2] = b""  # no header row of the helper's: ours is row 1
    bench._xlsx(path, parts)


def test_columns_with_no_title_and_no_value_are_left_out(tmp_path, bench):
    path = tmp_path / "xfd.xlsx"
    _xfd_sheet(bench, path)
    chunks = list(readers.read_chunks(path, "xlsx"))
    frame = chunks[0].frame
    assert list(frame.columns) == ["record_id", "given_name", "family_name", "last"]
    assert frame.values.tolist() == [["R1", "Ana", "Pop", ""], ["R2", "Ion", "Rusu", ""]]
    assert [int(n) for n in chunks[0].rows] == [1, 1_048_575]  # data rows from the header


def test_ingest_of_a_cell_at_xfd1_lists_no_empty_column(tmp_path, bench):
    path = tmp_path / "xfd.xlsx"
    _xfd_sheet(bench, path)
    code, out = _invoke("ingest", str(path), "--preset", "people", "-o", str(tmp_path / "c"))
    assert code == 0, out
    assert "xfd.xlsx: 2 rows, 2 mentions" in out
    assert "column_" not in out
    assert (
        "columns the people preset does not read (kept in each mention's raw record only): last;"
        in out
    )


def test_an_empty_column_between_others_keeps_the_sheet_s_column_numbers(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Reports"
    ws.append(["given_name", None, "phone"])
    ws.append(["Ana", None, "0722 123 456", "untitled note"])
    ws.append(["Ion", None, "=1+1"])  # C3: a formula with no saved value
    ws.append(["Eva", None, "0733 222 111"])
    ws["B2"].number_format = "0.00"  # formatted, empty: no value anywhere in column B
    ws.column_dimensions["D"].hidden = True
    wb.save(tmp_path / "gap.xlsx")
    (chunk,) = readers.read_chunks(tmp_path / "gap.xlsx", "xlsx")
    assert list(chunk.frame.columns) == ["given_name", "phone", "column_4"]
    assert chunk.frame.values.tolist() == [
        ["Ana", "0722 123 456", "untitled note"],
        ["Ion", "", ""],
        ["Eva", "0733 222 111", ""],
    ]
    assert [(r["column"], r["reason"]) for r in chunk.rejects] == [("phone", "formula")]
    assert any("(first: Reports!C3)" in note for note in chunk.notes), chunk.notes
    assert chunk.layout["hidden_columns"] == ["column_4"]
