"""A second table on one sheet: below the first table's rows, after a blank row, a title
("Suspects") over a header, or a header of other titles ("Account holder, IBAN, Bank"
under a "Name, Phone" table). The title is no person and the header no row of data: the
rows under a new header are read under its own titles (as columns of their own), and the
tables' titles are each row's ``table_title`` (a role column where they are role words:
"Victims", "Suspects")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

#: The column that holds each row's table title, once a sheet has a second titled table.
TABLE_TITLE = "table_title"
#: The words of the notes on a second table, which the draft repeats.
SECOND_TABLE = "a second table starts at row"
#: The longest one-cell row read as a table's title.
_TITLE_CHARS = 80
#: Blank rows a title may have between it and its table's header.
_TITLE_GAP = 2

#: Kinds of rows :func:`table_rows` tells apart (:data:`DATA` is the only false one).
DATA, TITLE, NEW_HEADER, HEADER_AGAIN = "", "title", "new_header", "header_again"


def _filled(cells: list[str]) -> list[str]:
    return [c.strip() for c in cells if c.strip()]


def title_cell(cells: list[str]) -> str | None:
    """A row's title when the row reads as a table's title: one cell of text (no value,
    no "Key: value" line) of at most 80 characters; else None.

    Examples:
        >>> title_cell(["Suspects", "", ""]), title_cell(["Ion Ceban", "+37378123456"])
        ('Suspects', None)
        >>> title_cell(["12.03.2024"]), title_cell(["Case number: 17"])
        (None, None)
    """
    from linkgraph.ingest.readers import _values_in

    filled = _filled(cells)
    if len(filled) != 1 or len(filled[0]) > _TITLE_CHARS or _values_in(filled):
        return None
    if ":" in filled[0]:
        return None  # a title block's line ("Case number: 17"): a fact, not a table's title
    return filled[0]


def reads_as_table_header(cells: list[str], titles: set[str]) -> bool:
    """Whether a row (below a blank row) reads as a table's header: two cells or more,
    none a value, and either the header's own titles again (``titles``, as
    :func:`~linkgraph.ingest._header_blocks.title_key` gives them) or at least one column
    name the people preset knows ("IBAN" of "Account holder, IBAN, Bank").

    Examples:
        >>> reads_as_table_header(["Account holder", "IBAN", "Bank"], {"name", "phone"})
        True
        >>> reads_as_table_header(["Petro Bondar", "UA743052990000026007233566001", "Bank"],
        ...                       {"name", "phone"})
        False
    """
    from linkgraph.ingest._header_blocks import reads_as_header
    from linkgraph.ingest.readers import _values_in, header_words_in

    filled = _filled(cells)
    if len(filled) < 2 or len(set(filled)) < len(filled) or _values_in(filled):
        return False
    return reads_as_header(cells, titles) or header_words_in(filled) >= 1


def is_new_header(cells: list[str], titles: set[str]) -> bool:
    """Whether a table's header shares no title with the first table's (``titles``):
    another table, not the first one's header repeated (which the reader rejects as
    ``repeated_header`` or reads as a block of its own)."""
    from linkgraph.ingest._header_blocks import title_key

    return not ({title_key(c) for c in _filled(cells)} & titles)


def table_rows(rows: Iterator[list[str]], titles: set[str]) -> Iterator[tuple[int, list[str], str]]:
    """Each row of a sheet's data (numbered from 1) with what it is: :data:`TITLE` (a
    one-cell row after a blank row, over a header), :data:`NEW_HEADER` (after a blank
    row or a title, a header that shares no title with the first table's, ``titles``;
    with no title over it, only over a row that holds a value: "Olena, Ukraine,
    passport" over "Ion, Moldova, id card" is data), or
    :data:`HEADER_AGAIN` (the first table's header under a title), or :data:`DATA` (the
    others, blank rows and the first header repeated with no title over it included).

    Examples:
        >>> rows = [["Ana", "+40721"], ["", ""], ["Suspects", ""], ["Name", "Phone"],
        ...         ["Ion", "+37378"], [], ["Account holder", "IBAN"], ["Ion", "MD24"]]
        >>> [k or "-" for _, _, k in table_rows(iter(rows), {"name", "phone"})]
        ['-', '-', 'title', 'header_again', '-', '-', 'new_header', '-']
        >>> rows = [["Ana", "Romania"], [], ["Olena", "Ukraine"], ["Ion", "Moldova"]]
        >>> [k or "-" for _, _, k in table_rows(iter(rows), {"name", "country"})]
        ['-', '-', '-', '-']
    """
    from linkgraph.ingest.readers import _values_in

    gap = False  # a blank row since the last filled one
    # a title, or a header with no title over it, after a gap (and the blank rows after
    # it): what ``kind`` says when the next filled row confirms it, else data
    held: list[tuple[int, list[str]]] = []
    kind = DATA
    for n, cells in enumerate(rows, start=1):
        blank = not any(c.strip() for c in cells)
        if held:
            if blank and len(held) <= _TITLE_GAP:
                held.append((n, cells))
                continue
            if kind == TITLE:
                confirmed = not blank and reads_as_table_header(cells, titles)
            else:  # a header with no title: a value under it says it is one
                confirmed = not blank and _values_in(cells) > 0
            first_n, first = held[0]
            yield first_n, first, kind if confirmed else DATA
            yield from ((m, c, DATA) for m, c in held[1:])
            gap, held = len(held) > 1, []
            if kind == TITLE and confirmed:
                yield n, cells, NEW_HEADER if is_new_header(cells, titles) else HEADER_AGAIN
                gap = False
                continue
        if blank:
            gap = True
            yield n, cells, DATA
            continue
        if gap and title_cell(cells) is not None:
            held, kind, gap = [(n, cells)], TITLE, False
            continue
        if gap and reads_as_table_header(cells, titles) and is_new_header(cells, titles):
            held, kind, gap = [(n, cells)], NEW_HEADER, False
            continue
        yield n, cells, DATA
        gap = False
    yield from ((m, c, DATA) for m, c in held)


def title_above(head: list[list[str]], at: int) -> str | None:
    """The first table's title: the nearest filled row above its header (``head[at]``)
    when that row reads as a title (:func:`title_cell`); else None.

    Examples:
        >>> title_above([["Victims"], ["Name", "Phone"]], 1), title_above([["Name"]], 0)
        ('Victims', None)
    """
    above = [r for r in head[:at] if any(c.strip() for c in r)]
    return title_cell(above[-1]) if above else None


class TableTitles:
    """What a sheet's reader makes of a second table (:func:`table_rows`): the tables'
    titles as each row's :data:`TABLE_TITLE` (a column of the reader's own, added at the
    first title below the header, filled with the first table's title in the rows read
    so far), the rejects' values and the summary's notes."""

    def __init__(
        self, source: str, header_at: int, first: str | None, layout: dict[str, Any]
    ) -> None:
        self.source = source
        self.layout = layout  # the chunks' layout: the tables read under their own header
        self.header_at = header_at  # the sheet row of the first header
        self.first = first
        self.current = first
        self._at: int | None = None  # TABLE_TITLE's place in the frame's columns
        self._titled = False  # the last row read was a title
        self._notes: list[str] = []

    def title(self, n: int, cells: list[str], blocks: Any, rows: list[list[str]]) -> str:
        """A table's title at data row ``n``: the title of the rows after it; the reject
        value of its row."""
        text = title_cell(cells) or ""
        self.current, self._titled = text, True
        if self._at is None:
            blocks.add_column(TABLE_TITLE)
            self._at = len(blocks.columns) - 1
            for i, row in enumerate(rows):
                rows[i] = self.fill(row, blocks, self.first)
        self._notes.append(
            f"{self.source}: {SECOND_TABLE} {self.header_at + n} ({text!r}):"
            f" its title is no row; each row's column {TABLE_TITLE} says which table it"
            " is in (a role where the titles are roles: Victims, Suspects)"
        )
        return f"{text} (the title of a second table on the sheet)"

    def header(self, n: int, cells: list[str], stopped: bool) -> str:
        """A second table's header at data row ``n`` (sharing no title with the first's):
        its rows are read under it, or, ``stopped``, not read; the reject value of its
        row."""
        if not self._titled:
            self.current = None  # a table with no title of its own
        self._titled = False
        titles = ", ".join(c.strip() for c in cells if c.strip())
        row = self.header_at + n
        if stopped:
            self._notes.append(
                f"{self.source}: {SECOND_TABLE} {row} ({titles}): its rows are"
                f" not read (each a second_table reject); map it on its own with `header_row:"
                f" {row}` (the rows above it are then a preamble), or move it to a sheet of its"
                " own (`sheet:`)"
            )
            return f"{titles} (the header of a second table: its rows are not read)"
        self.layout.setdefault("second_tables", []).append(
            {"row": row, "title": self.current, "columns": [" ".join(c.split()) for c in cells]}
        )
        self._notes.append(
            f"{self.source}: {SECOND_TABLE} {row} under its own header"
            f" ({titles}): its rows are read under it, its titles columns of their own, empty"
            " in the first table's rows (check that the mapping reads them; or map it on its"
            f" own with `header_row: {row}`, or move it to a sheet of its own)"
        )
        return f"{titles} (the header of a second table: the rows under it are read under it)"

    def fill(self, row: list[str], blocks: Any, title: str | None = None) -> list[str]:
        """``row`` with the table's title in :data:`TABLE_TITLE` (once there is one)."""
        self._titled = False
        if self._at is None:
            return row
        width = len(blocks.columns)
        row = row + [""] * (width - len(row)) if len(row) < width else list(row)
        row[self._at] = (self.current if title is None else title) or ""
        return row

    @staticmethod
    def rest(cells: list[str]) -> str:
        """The reject value of a row of a second table the reader does not read."""
        return ",".join(c.strip() for c in cells)

    def notes(self) -> list[str]:
        """The summary's notes of the tables seen since the last call."""
        out, self._notes = self._notes, []
        return out


def table_groups(layout: dict[str, Any]) -> dict[str, str]:
    """The columns of each table a sheet's reader read under a header of its own (its
    layout's ``second_tables``) -> the group of slots they make in a draft: its title
    in words ("Accounts": ``accounts``), else ``table_2``, ``table_3``...

    Examples:
        >>> table = {"row": 5, "title": None, "columns": ["Holder", "IBAN"]}
        >>> table_groups({"second_tables": [table]})
        {'Holder': 'table_2', 'IBAN': 'table_2'}
    """
    out: dict[str, str] = {}
    for k, table in enumerate(layout.get("second_tables") or [], start=2):
        title = "_".join(re.findall(r"[^\W_]+", str(table.get("title") or "").lower()))
        for column in table.get("columns") or []:
            if column and column not in out:
                out[column] = title or f"table_{k}"
    return out
