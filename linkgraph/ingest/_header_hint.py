"""The error for mapped columns missing from a table whose header row may be a data row.

A mapping's ``header_row:`` that points at a data row (a title's row count gone wrong,
another export of the same report) makes that row's cells the "columns": listing them
in the error would print a person's name, role and phone, perhaps a victim's. The error
then says that the row reads as data and where the header is, by row number only.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

from linkgraph.errors import InputError

#: The rows looked at for header candidates when the header row reads as data.
_LOOK_ROWS = 40


def header_row_error(
    error: InputError,
    path: Path,
    fmt: str,
    mapping: Any,
    headers: list[str],
    layout: dict[str, Any],
) -> InputError:
    """``error`` (a mapped column missing from ``headers``), or, when the row read as
    the header is data-like (values where a header has titles, or a cell that is a
    victim's role word) or the mapped columns are on another row, an error that names
    that row and the header candidates by number and prints none of the row's cells."""
    from linkgraph.ingest.build import plan_columns
    from linkgraph.ingest.readers import header_words_in, read_chunks
    from linkgraph.privacy import is_victim

    at = layout.get("header_row")
    cells = [h for h in headers if h.strip() and not h.startswith("column_")]
    valued = sum(_value_like(h) for h in cells)
    data_like = valued * 2 > len(cells) and header_words_in(cells) < 2
    victim_cell = any(is_victim(h) for h in cells)
    found = _found_header(path, fmt, mapping, read_chunks)
    fits = False
    if found is not None and found[0] != at:
        try:
            plan_columns(mapping, found[1], error.source or path.name)
            fits = True
        except InputError:
            fits = False
    if not (data_like or victim_cell or fits) or at is None:
        return error
    where = f"row {at}" + (" (`header_row:` of the mapping)" if mapping.header_row else "")
    if found is not None and found[0] != at:
        there = " (the mapped columns are there)" if fits else ""
        hint = (
            f"the header is on row {found[0]}, as `linkgraph mapping suggest` finds it{there}:"
            f" set `header_row: {found[0]}` in the mapping, or leave it out to let ingest"
            " find it"
        )
    else:
        hint = (
            "set `header_row:` in the mapping to the row of the column titles"
            " (`linkgraph mapping suggest FILE` finds it)"
        )
    return InputError(
        f"{where} looks like a data row, not the header: the mapped column is missing from"
        " it (its cells are not printed: it may be a victim's row)",
        source=error.source,
        column=error.column,
        hint=hint,
    )


def _value_like(cell: str) -> bool:
    from linkgraph.ingest.readers import _looks_like_value

    return _looks_like_value(cell.lstrip("'+"))


def _found_header(
    path: Path, fmt: str, mapping: Any, read_chunks: Any
) -> tuple[int, list[str]] | None:
    """The header row found with no ``header_row:`` (as ``mapping suggest`` finds it) and
    its columns, or None when the file cannot be read so."""
    try:
        chunks = read_chunks(
            path,
            fmt,
            encoding=mapping.encoding,
            delimiter=mapping.delimiter,
            sheet=mapping.sheet,
            chunk_rows=_LOOK_ROWS,
            skip_rows=mapping.skip_rows,
            widths=mapping.widths,
        )
        first = next(itertools.islice(chunks, 1), None)
    except InputError:
        return None
    if first is None or first.layout.get("header_row") is None:
        return None
    return int(first.layout["header_row"]), list(map(str, first.frame.columns))
