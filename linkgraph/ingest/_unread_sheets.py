"""The other tables of a workbook that a mapping naming its sheets leaves unread.

A case workbook often holds related tables, a sheet each (Persons, Phones, Vehicles,
Events linked by a person's id). A mapping drafted from one of them (``sheet: Persons``)
reads that one; the others' rows would be lost in silence. The ingest summary names each
other sheet with data rows (a table: two columns or more with values, so a cover page of
notes or a dropdown's one-column list is none), its rows and titles, and how to read it; a
hidden sheet is named as such (people on a hidden sheet are no lookup list).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from linkgraph.errors import InputError

#: How many of a sheet's column titles the warning quotes.
_TITLES_SHOWN = 6
#: The rows of a sheet counted (its first chunk's); a longer sheet is said "1,000+ rows".
COUNTED_ROWS = 1_000


def other_tables_unread(
    sheetnames: Iterable[str],
    state: Callable[[str], str],
    read: Iterable[str],
    chunks: Callable[[str], Iterator[Any]],
    titles_of: Callable[[Any], set[str]],
    file_name: str,
    said_alike: bool,
) -> list[str]:
    """The summary's warning of the sheets not in ``read`` that hold a table of data rows
    (``state(name)``: "visible", "hidden" or "veryHidden"; ``chunks(name)``: the sheet's
    chunks, its header found as for any sheet; rows are counted in the first chunk only,
    more said as ``1,000+ rows``). With ``said_alike``, a visible sheet with the titles of
    the (one) sheet read is left to the warning of sheets of the same columns. Each sheet
    is named with its rows and titles, a hidden one said hidden.
    """
    read = list(read)
    shown: list[str] = []
    first = None
    read_titles: set[str] | None = None
    for name in sheetnames:
        if name in read:
            continue
        hidden = state(name) != "visible"
        more = False
        try:
            parts = iter(chunks(name))
            frame = next(parts).frame
            more = next(parts, None) is not None  # rows past the first chunk: "N+ rows"
        except (StopIteration, InputError, ValueError, IndexError):
            continue  # a sheet that is no table (empty, a picture)
        columns = [str(c) for c in frame.columns if not str(c).startswith("column_")]
        titles = titles_of(frame)
        rows = int(frame.notna().any(axis=1).sum()) if len(frame.columns) else 0
        if rows == 0 or len(columns) < 2:
            continue  # no data rows, or one column of notes (a cover page)
        if said_alike and not hidden:
            if read_titles is None:
                read_titles = _first_titles(read[0], chunks, titles_of)
            if titles == read_titles:
                continue
        more_titles = ", ..." if len(columns) > _TITLES_SHOWN else ""
        quoted = ", ".join(columns[:_TITLES_SHOWN]) + more_titles
        counted = f"{rows:,}{'+' * more} row{'s' * (rows != 1 or more)}"
        shown.append(f"{name!r} ({'hidden; ' * hidden}{counted}: {quoted})")
        first = first or name
    if not shown:
        return []
    return [
        f"{len(shown)} other sheet{'s' * (len(shown) != 1)} of {file_name}, tables of their"
        f" own, not read by this mapping: {'; '.join(shown)}. To read one, draft its mapping"
        f" (`linkgraph mapping suggest {file_name} --sheet {_arg(first or '')}`) and ingest"
        f" the workbook again with it into the same case (`linkgraph ingest {file_name} --mapping"
        f" SHEET.yaml -o CASE`); an id one sheet's rows give to another's (a person's id on"
        " a sheet of phones) does not link them"
    ]


def _first_titles(
    name: str, chunks: Callable[[str], Iterator[Any]], titles_of: Callable[[Any], set[str]]
) -> set[str]:
    try:
        return titles_of(next(iter(chunks(name))).frame)
    except (StopIteration, InputError, ValueError, IndexError):
        return set()


def _arg(name: str) -> str:
    """A sheet name as a shell argument (quoted when it holds anything but word
    characters)."""
    return name if name.replace("_", "").replace("-", "").isalnum() else repr(name)
