"""An export's progress bar moves while it writes (it stood empty, then full, for minutes
on a large case): the rows of each table are reported as they are written."""

from __future__ import annotations

import sqlite3

import openpyxl
import pandas as pd
import pytest

from linkgraph.export import export
from linkgraph.progress import reporting_to


class _Recorder:
    def __init__(self) -> None:
        self.advances: list[int] = []

    def start(self, label: str, total: int | None = None) -> None:
        pass

    def advance(self, units: int = 1) -> None:
        self.advances.append(units)

    def finish(self) -> None:
        pass


@pytest.fixture(scope="module")
def case_dir(demo_run):
    return demo_run.out / "case"


def test_sqlite_export_reports_every_table_s_rows(case_dir, tmp_path):
    recorder = _Recorder()
    out = tmp_path / "case.sqlite"
    with reporting_to(recorder):
        export(case_dir, "sqlite", out)
    with sqlite3.connect(out) as db:
        names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        rows = {n: db.execute(f'SELECT COUNT(*) FROM "{n}"').fetchone()[0] for n in names}
    rows.pop("manifest")
    assert len(recorder.advances) == len([n for n in rows if rows[n]])  # one per table
    assert sum(recorder.advances) == sum(rows.values())


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "gexf"])
def test_other_exports_advance_many_times(case_dir, tmp_path, fmt):
    recorder = _Recorder()
    out = tmp_path / (f"out.{fmt}" if fmt != "csv" else "csv")
    with reporting_to(recorder):
        report = export(case_dir, fmt, out)
    assert len(recorder.advances) >= 2, recorder.advances  # not empty, then full
    if fmt == "gexf":
        from linkgraph.model import Case

        case = Case.read(case_dir)
        assert sum(recorder.advances) >= len(case.resolution["entity_id"].unique())
    elif fmt == "csv":  # the rows of the files written
        written = sum(len(pd.read_csv(p, dtype=str)) for p in out.glob("*.csv"))
        assert sum(recorder.advances) == written, report
    else:  # the rows of the sheets, headers aside (a long table goes on to more sheets)
        book = openpyxl.load_workbook(out, read_only=True)
        written = sum(
            max(sheet.max_row - 1, 0) for sheet in book.worksheets if sheet.title != "README"
        )
        assert sum(recorder.advances) == written, report


def test_nothing_is_reported_outside_a_progress(case_dir, tmp_path):
    export(case_dir, "csv", tmp_path / "csv")  # no reporting_to: no error, no output


def test_xlsx_export_advances_by_row_chunks_within_a_table(case_dir, tmp_path, monkeypatch):
    import importlib

    # (``linkgraph.export`` as an attribute is the export function)
    xlsx = importlib.import_module("linkgraph.export.xlsx")
    monkeypatch.setattr(xlsx, "_ROWS_PER_ADVANCE", 7)
    recorder = _Recorder()
    out = tmp_path / "out.xlsx"
    with reporting_to(recorder):
        export(case_dir, "xlsx", out)
    book = openpyxl.load_workbook(out, read_only=True)
    sheets = [max(s.max_row - 1, 0) for s in book.worksheets if s.title != "README"]
    assert max(sheets) > 7  # some table spans several chunks
    assert max(recorder.advances) <= 7, recorder.advances  # never a whole large table at once
    assert len(recorder.advances) >= sum(n // 7 for n in sheets)
    assert sum(recorder.advances) == sum(sheets)
