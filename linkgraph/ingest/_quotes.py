"""Stray quotes in delimited text: a ``"`` that opens a field and is never closed on its
line makes the csv reader read on, across line breaks, until the next quote, swallowing
the whole records in between into one cell.

:class:`Lines` feeds the csv module the file's physical lines and remembers which lines
each record was read from; :func:`stray_quote` says when a record that spans lines holds
whole records (a line of its own with the header's field count) and reads its first line
again with the stray quote as a literal character. The lines after it are handed back to
the reader (:meth:`Lines.give_back`), so every record is read and row numbers stay those
of the file's lines.
"""

from __future__ import annotations

import csv
from collections import deque
from collections.abc import Iterator


class Lines:
    """Lines for ``csv.reader`` with their 1-based numbers in the file; the lines of the
    last record are :meth:`taken`, and lines handed back are read again first."""

    def __init__(self, lines: Iterator[str]) -> None:
        self._lines = lines
        self._back: deque[tuple[int, str]] = deque()
        self._taken: list[tuple[int, str]] = []
        self._number = 0
        #: The file's lines are all read (a quote left open reads to the end).
        self.ended = False

    def __iter__(self) -> Lines:
        return self

    def __next__(self) -> str:
        if self._back:
            item = self._back.popleft()
        else:
            try:
                text = next(self._lines)
            except StopIteration:
                self.ended = True
                raise
            self._number += 1
            item = (self._number, text)
        self._taken.append(item)
        return item[1]

    def taken(self) -> list[tuple[int, str]]:
        """The (line number, text) lines read since the last call."""
        out, self._taken = self._taken, []
        return out

    def give_back(self, lines: list[tuple[int, str]]) -> None:
        """Read ``lines`` again, before any other."""
        self._back.extendleft(reversed(lines))


def _fields(text: str, sep: str) -> list[str]:
    return next(csv.reader([text], delimiter=sep), [])


def open_quote_at(line: str, sep: str) -> int | None:
    """Where the quote opens that is still open at the end of ``line`` (as the csv module
    reads quotes: only at a field's start, ``""`` inside a quoted field is a quote), or
    None when every quoted field on the line is closed.

    Examples:
        >>> open_quote_at('a,"b,c', ",")
        2
        >>> open_quote_at('a,"b ""x"" c",d', ",") is None
        True
        >>> open_quote_at('a,b"c,"d', ",")
        6
    """
    quoted, start, opened, i = False, True, None, 0
    while i < len(line):
        ch = line[i]
        if quoted:
            if ch == '"':
                if line[i + 1 : i + 2] == '"':
                    i += 1
                else:
                    quoted = False
        elif ch == '"' and start:
            quoted, opened = True, i
        start = not quoted and ch == sep
        i += 1
    return opened if quoted else None


def literal_quote_fields(line: str, at: int, sep: str) -> list[str]:
    """The fields of ``line`` with the quote at ``at`` read as a literal character.

    Examples:
        >>> literal_quote_fields('1,"Leipzig,Krause,x', 2, ",")
        ['1', '"Leipzig', 'Krause', 'x']
    """
    text = line.rstrip("\r\n")
    fields = _fields(text[:at] + text[at + 1 :], sep)
    field = len(_fields(text[:at], sep)) - 1 if at else 0
    if field < len(fields):
        fields[field] = '"' + fields[field]
    return fields


def stray_quote(
    lines: list[tuple[int, str]], record: list[str], sep: str, width: int, *, closed: bool
) -> tuple[list[str], str] | None:
    """When the record read from ``lines`` (two or more) holds whole records after a quote
    left open on its first line: the first line's fields, that quote read as a literal
    character, and what to tell the user; else None (a cell with line breaks).
    ``closed``: the quote was closed (the record did not end at the file's end).

    A line with the header's ``width`` fields on its own is a whole record. The record
    holds one when such a line is between its first and last, or when the record is
    ragged and a line after its first is one, or when its first line (the quote literal)
    and its last line both are. In tables of one or two columns, where the lines of a
    note with a comma have the header's field count too, only a record that is ragged or
    a quote never closed (which read the rest of the file into one cell) does.
    """
    if len(lines) < 2:
        return None
    first_line, first = lines[0]
    at = open_quote_at(first.rstrip("\r\n"), sep)
    if at is None:
        return None
    whole = [len(_fields(text, sep)) == width for _, text in lines[1:]]
    fields = literal_quote_fields(first, at, sep)
    if width < 3:
        found = any(whole) and (not closed or len(record) != width)
    else:
        found = (
            any(whole[:-1])
            or (len(record) != width and whole[-1])
            or (len(fields) == width and whole[-1])
        )
    if not found:
        return None
    last_line = lines[-1][0]
    until = f"not closed until line {last_line}" if closed else "never closed"
    note = (
        f'quote opened on line {first_line} is {until}: read as a literal ", '
        f'the lines after it as rows of their own; fix or remove the stray "'
    )
    return fields, note


def holds_records(cell: str, sep: str, width: int) -> bool:
    """Whether a cell read across line breaks holds a line with the header's ``width``
    fields after its first: whole records a stray quote may have swallowed (the csv
    module then reads the file to say which, see :func:`stray_quote`; in a table of one
    or two columns, any note's line may look so, and the csv module reads those few).

    Examples:
        >>> holds_records("Leipzig,x\\n2,b,c\\n3", ",", 3)
        True
        >>> holds_records("Hauptstr. 1\\n10115 Berlin", ",", 3)
        False
    """
    if "\n" not in cell:
        return False
    return any(len(_fields(text, sep)) == width for text in cell.split("\n")[1:])
