"""Opening an XLSX workbook with openpyxl (read-only, streamed), with three repairs:

- a sheet's size (its ``<dimension>``) is read from the XML before its rows: openpyxl
  looks for it with ``iterparse`` until the end of ``<sheetData>`` when a sheet has none
  (files written by other programs), so that it parsed a whole sheet, a million rows of
  formatted empty cells, just to open the workbook;
- openpyxl's warnings ("Workbook contains no default style", "Data Validation extension
  is not supported") are kept off the terminal: they say nothing the user can act on;
- a damaged file's error says so in words (cut short, damaged), not with the zip's
  bytes (``header b'doc\\nrops...' differ``).
"""

from __future__ import annotations

import contextvars
import re
import warnings
import zipfile
import zlib
from typing import Any, BinaryIO

from linkgraph.errors import InputError

_DIMENSION = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?dimension\b[^>]*?\bref="([^"]+)"')
#: How far into a sheet its ``<dimension>`` is looked for (it comes before the rows).
_HEAD_BYTES = 1 << 20
_patched = False
_original_size: Any = None
#: Set while :func:`open_workbook` loads a workbook: only the sheets linkgraph opens are
#: sized by :func:`_sheet_size`; a workbook the user's own code opens with openpyxl in the
#: same process (a notebook) keeps openpyxl's own behaviour.
_OURS: contextvars.ContextVar[bool] = contextvars.ContextVar("linkgraph_workbook", default=False)

DAMAGED_HINT = (
    "the file is damaged or incomplete: download or copy it again, or open it in Excel or"
    " LibreOffice and save it again (or export CSV)"
)


def _sheet_size(self: Any) -> None:
    """``ReadOnlyWorksheet._get_size``: the sheet's ``<dimension>``, looked for before its
    ``<sheetData>`` only (see the module); openpyxl's own for a workbook linkgraph did
    not open."""
    if not _OURS.get():
        return _original_size(self)
    head = b""
    with self._get_source() as src:
        while b"sheetData" not in head and len(head) < _HEAD_BYTES:
            block = src.read(1 << 16)
            if not block:
                break
            head += block
    match = _DIMENSION.search(head.split(b"sheetData", 1)[0])
    if match is None:
        return
    from openpyxl.utils.cell import range_boundaries

    try:
        bounds = range_boundaries(match.group(1).decode("ascii", "replace"))
    except (ValueError, TypeError):
        return
    if None not in bounds:
        self._min_column, self._min_row, self._max_column, self._max_row = bounds


def _patch() -> None:
    global _patched, _original_size
    if not _patched:
        from openpyxl.worksheet._read_only import ReadOnlyWorksheet

        _original_size = ReadOnlyWorksheet._get_size
        ReadOnlyWorksheet._get_size = _sheet_size
        _patched = True


def damaged_message(exc: BaseException) -> str | None:
    """What to say of an error opening a workbook that shows the file damaged (a zip cut
    short, a member whose header does not match): None for another error."""
    if isinstance(exc, zipfile.BadZipFile):
        text = str(exc)
        if "not a zip file" in text.lower():
            return (
                "the file is cut short or damaged: it is not a complete zip archive, as an"
                " .xlsx workbook is"
            )
        return "the file is damaged: its zip archive does not check out"
    if isinstance(exc, (zlib.error, EOFError)):
        return "the file is damaged or cut short: a part of it does not unzip"
    return None


def _clean(text: str, limit: int = 300) -> str:
    """An error's text without bytes reprs or control characters, at most ``limit``."""
    text = re.sub(r"b'(?:[^'\\]|\\.)*'", "(bytes)", text)
    text = "".join(c if c.isprintable() else " " for c in text)
    return text[:limit] + ("..." if len(text) > limit else "")


def open_workbook(source: str | BinaryIO, name: str, *, data_only: bool = True) -> Any:
    """The workbook ``source`` (a path or a file object) opened read-only by openpyxl.

    Raises:
        InputError: it cannot be opened (``name`` names the file): a damaged file said so.
    """
    import openpyxl

    _patch()
    token = _OURS.set(True)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(source, read_only=True, data_only=data_only)
    except Exception as exc:
        damaged = damaged_message(exc)
        if damaged is not None:
            raise InputError(damaged, source=name, hint=DAMAGED_HINT) from None
        raise InputError(
            f"cannot open as an XLSX workbook: {_clean(str(exc))}",
            source=name,
            hint="save it as .xlsx, or export CSV",
        ) from exc
    finally:
        _OURS.reset(token)
