"""Rows that change delimiter mid-file: two exports pasted together, one saved with ``,``
and one with ``;``. A row with far fewer fields than the header that splits into exactly
the header's fields on another delimiter is read on that delimiter, and the reader says
from which line on (:func:`switch_note`)."""

from __future__ import annotations

import csv

#: The delimiters a row may switch to (as :func:`linkgraph.ingest.readers.sniff_delimiter`).
DELIMITERS = ",;\t|"


def split_otherwise(text: str, sep: str, width: int, got: int) -> tuple[str, list[str]] | None:
    """The other delimiter and the fields of a row's ``text`` when the row has at most half
    the header's ``width`` fields on ``sep`` (``got``) and more on that one: exactly
    ``width`` if a delimiter gives that, else the most fields.

    Examples:
        >>> split_otherwise("a;b;c;d\\n", ",", 4, 1)
        (';', ['a', 'b', 'c', 'd'])
        >>> split_otherwise("a;b;c;d;e\\n", ",", 4, 1)
        (';', ['a', 'b', 'c', 'd', 'e'])
        >>> split_otherwise("a,b;c;d\\n", ",", 4, 3) is None
        True
    """
    if width < 2 or got > width // 2:
        return None
    best: tuple[str, list[str]] | None = None
    for other in DELIMITERS:
        if other == sep or other not in text:
            continue
        fields = next(csv.reader([text.rstrip("\r\n")], delimiter=other), [])
        if len(fields) == width:
            return other, fields
        if len(fields) > max(got, 1) and (best is None or len(fields) > len(best[1])):
            best = other, fields
    return best


#: A too-wide row's reject (:func:`shifted_fields`) says how to fix the file.
SHIFTED_ROW_HINT = (
    "more fields than the header, so its values are shifted and the row is not read; "
    'quote the field that holds the delimiter ("1.234,56") or fix the row'
)


def shifted_fields(record: list[str], width: int) -> bool:
    """Whether a row has fields with text beyond the header's ``width``: one of its fields
    held the delimiter unquoted ("€1.234,56" in a comma-separated file), so every value
    after it stands in the next column. Empty fields beyond the header (``a,b,,``, as a
    spreadsheet saves a row) shift nothing.

    Examples:
        >>> shifted_fields(["Ana", "€1.234", "56", "EUR"], 3), shifted_fields(["Ana", "1", ""], 2)
        (True, False)
    """
    return any(field.strip() for field in record[width:])


def _shown(sep: str) -> str:
    return "tab" if sep == "\t" else repr(sep)


def ragged_value(got: int, width: int, other: tuple[str, list[str]] | None) -> str:
    """A ``ragged_row`` reject's value: the fields found, and how many another delimiter
    splits the row into (read so when that is the header's ``width``)."""
    fields = "field" if got == 1 else "fields"
    said = f"{got} {fields}, header has {width}"
    if other is None:
        return said
    read = ": read so" if len(other[1]) == width else ""
    return f"{said}; it splits into {len(other[1])} on {_shown(other[0])}{read}"


def switch_note(source: str, sep: str, switched: list[tuple[int, str]]) -> str | None:
    """The summary's warning for the rows read on another delimiter: ``switched`` holds
    each one's line in the file and delimiter."""
    if not switched:
        return None
    line, other = switched[0]
    rows = "row" if len(switched) == 1 else "rows"
    return (
        f"{source}: from line {line} rows are separated by {_shown(other)}, not "
        f"{_shown(sep)} as above ({len(switched)} {rows} read so, see the ragged_row "
        "rejects): check the file was not pasted together from two exports"
    )
