"""XLSX export: one workbook, one formula-safe sheet per table (XlsxWriter, reproducible).

Text goes in as string cells (``write_string``), which a spreadsheet never evaluates, so it
is written as it is: no quote mark in front of ``=HYPERLINK(...)`` or ``+40721003001``. A
text that a spreadsheet would read as a formula or a number once its cell is edited (it
begins with ``=``, ``+``, ``-`` or ``@``, or their full-width forms, after any blanks, tabs
or line breaks; the rule of the other exports, :func:`linkgraph._io.is_formula_like`) also
carries Excel's quote prefix (the cell format's ``quote_prefix``) in every sheet, which
keeps it text after an edit: the value is unchanged.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from linkgraph._io import atomic_write, is_formula_like, is_signed_number, visible_frame
from linkgraph.export._data import ExportData
from linkgraph.export.loss import LossReport
from linkgraph.export.tables import flat_tables, report_left_out
from linkgraph.progress import advance_current

if TYPE_CHECKING:
    from xlsxwriter.format import Format
    from xlsxwriter.worksheet import Worksheet

DIRECTORY = False
MAX_ROWS = 1_048_576 - 1  # Excel's row limit, less the header
MAX_CELL = 32_767  # Excel's limit on characters in a cell
#: Rows written between two advances of the export's bar (a large table moves it in steps).
_ROWS_PER_ADVANCE = 5_000


def _cell(value: object) -> object:
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    return value


def _edit_would_run(text: str) -> bool:
    """Whether a spreadsheet would read ``text`` as a formula or a number once its cell
    is edited: the rule of every other export (:func:`linkgraph._io.is_formula_like`: its
    first character after blanks, tabs and line breaks is =, +, - or @, or their
    full-width forms, or it starts with a tab or line break), and a signed number
    ("+40721003001", which an edit would make a number)."""
    return is_formula_like(text) or is_signed_number(text)


def _write_value(
    sheet: Worksheet, row: int, col: int, value: object, quoted: Format | None = None
) -> None:
    """One cell: text always as a string cell (never a formula, URL or number), else by
    type; text that would turn into a formula when edited with the ``quoted`` format."""
    if isinstance(value, str):
        if quoted is not None and value and _edit_would_run(value):
            sheet.write_string(row, col, value, quoted)
        else:
            sheet.write_string(row, col, value)
    else:
        sheet.write(row, col, value)


def _drop_zip(exc: BaseException) -> None:
    """Detach from our file the zip archive a failed ``Workbook.close`` left open (a full
    disk), so that collecting it later does not write to the closed file ("Exception
    ignored in ZipFile.__del__ ... seek of closed file"); the file itself is removed."""
    import zipfile

    seen: set[int] = set()
    error: BaseException | None = exc
    while error is not None and id(error) not in seen:  # xlsxwriter's error wraps zipfile's
        seen.add(id(error))
        tb = error.__traceback__
        while tb is not None:
            for value in tb.tb_frame.f_locals.values():
                if isinstance(value, zipfile.ZipFile):
                    value.fp = None  # ZipFile.close() then does nothing
            tb = tb.tb_next
        error = error.__cause__ or error.__context__


def write(data: ExportData, path: Path, report: LossReport) -> None:
    """Write every table of :func:`flat_tables` as a sheet; long tables go on to more sheets."""
    import xlsxwriter

    # the workbook's creation time is the case's last update, in UTC: xlsxwriter writes
    # the wall-clock time it is given, marked "Z", so a time read in the machine's zone
    # (datetime.fromtimestamp) made the bytes depend on TZ
    created = pd.Timestamp(data.case.manifest.get("updated") or "2000-01-01T00:00:00Z")
    created = created.tz_localize("UTC") if created.tzinfo is None else created.tz_convert("UTC")
    when = datetime.fromtimestamp(created.timestamp(), tz=UTC)
    truncated = 0
    with atomic_write(path, "wb") as fh:
        book = xlsxwriter.Workbook(
            fh,
            {
                "constant_memory": True,
                "strings_to_formulas": False,  # text is never written as a formula
                "strings_to_urls": False,
                "strings_to_numbers": False,
            },
        )
        book.set_properties(
            {"title": "linkgraph case export", "author": "linkgraph",
             "created": when}
        )  # fmt: skip
        bold = book.add_format({"bold": True})
        quoted = book.add_format({"quote_prefix": True})
        statement = data.victims_statement()
        if statement is not None:
            book.set_properties(
                {"title": "linkgraph case export", "author": "linkgraph", "comments": statement,
                 "created": when}
            )  # fmt: skip
            book.add_worksheet("README").write_string(0, 0, statement, bold)
        # dict.items: the rows are reported here as they are written, by _ROWS_PER_ADVANCE,
        # not as flat_tables' items() reports them, a whole table when it is done.
        for name, df in dict.items(flat_tables(data)):
            report.counts[name] = len(df)
            df = visible_frame(df)  # a NUL or ESC as "[U+0000]", not XLSX's "_x0000_"
            columns = [str(c) for c in df.columns]
            rows = df.itertuples(index=False, name=None)
            parts = max(1, math.ceil(len(df) / MAX_ROWS))
            for part in range(parts):
                sheet = book.add_worksheet(name if part == 0 else f"{name} ({part + 1})")
                for c, column in enumerate(columns):
                    sheet.write_string(0, c, column, bold)
                sheet.freeze_panes(1, 0)
                written = min(MAX_ROWS, len(df) - part * MAX_ROWS)
                for r in range(1, written + 1):
                    values = [_cell(v) for v in next(rows)]
                    for c, value in enumerate(values):
                        if isinstance(value, str) and len(value) > MAX_CELL:
                            value = value[:MAX_CELL]
                            truncated += 1
                        if value is not None:
                            _write_value(sheet, r, c, value, quoted)
                    if r % _ROWS_PER_ADVANCE == 0:
                        advance_current(_ROWS_PER_ADVANCE)
                advance_current(written % _ROWS_PER_ADVANCE)
            if parts > 1:
                report.note(
                    f"{name}: {len(df):,} rows exceed Excel's limit; continued on "
                    f"{parts - 1} more sheet(s) named '{name} (2)'..."
                )
        try:
            book.close()
        except BaseException as exc:
            _drop_zip(exc)
            cause = exc.__cause__ or exc.__context__
            if isinstance(cause, OSError) and not isinstance(exc, OSError):
                # xlsxwriter's FileCreateError wraps the disk's error: pass that on
                raise OSError(cause.errno, cause.strerror, cause.filename) from exc
            raise
    report.files.append(path.name)
    report_left_out(data, report)
    report.lose(
        "text cells longer than Excel's 32,767 characters (cut there)",
        truncated,
        "The csv or sqlite export holds them whole.",
    )
    report.note(
        "Times are ISO 8601 UTC text (Excel dates have no time zone); multi-valued fields are "
        "';'-joined; text is stored as text cells, which a spreadsheet never runs as formulas "
        "(those beginning with =, +, - or @, after any blanks, tabs or line breaks, with the "
        "quote prefix that keeps them text when edited); "
        "control characters (NUL, ESC) are shown as [U+0000]."
    )
    report.note(
        "Provenance: source, agency and row on every mention and source link; "
        "source_rows on every entity and link."
    )
