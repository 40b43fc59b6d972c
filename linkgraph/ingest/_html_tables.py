"""The tables of an HTML page, for :func:`linkgraph.ingest.readers._read_html` (imported
there when a page is read: ``html.parser`` compiles its patterns on import)."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any


class HtmlTables(HTMLParser):
    """The tables of an HTML page as rows of cell texts; a cell spanning columns
    (``colspan``) keeps its text in its first column and leaves the others blank, as a
    merged spreadsheet cell does; a cell spanning rows (``rowspan``: one name over the
    rows of its phones) is read on each row it spans, so the cells after it stay in their
    columns. Nested tables are read as tables of their own."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self._open: list[list[list[str]]] = []  # the tables being read, innermost last
        # Per open table: column -> [text, rows still to cover] of cells spanning rows.
        self._down: list[dict[int, list[Any]]] = []
        self._cell: list[str] | None = None
        self._span = 1
        self._rowspan = 1

    def _spanned(self, upto: int | None = None) -> None:
        """Fill the current row with the cells spanning down into it, from its end up to
        the first column no such cell covers (or up to ``upto``)."""
        row, down = self._open[-1][-1], self._down[-1]
        while len(row) in down and (upto is None or len(row) < upto):
            text_rows = down[len(row)]
            col = len(row)
            row.append(text_rows[0])
            text_rows[1] -= 1
            if text_rows[1] <= 0:
                del down[col]

    def _end_row(self) -> None:
        if self._open and self._open[-1]:
            self._spanned()
            row, down = self._open[-1][-1], self._down[-1]
            for col in sorted(c for c in down if c >= len(row)):
                row.extend([""] * (col - len(row)))
                self._spanned()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._open.append([])
            self._down.append({})
        elif tag == "tr" and self._open:
            self._end_row()
            self._open[-1].append([])
        elif tag in ("td", "th") and self._open:
            if not self._open[-1]:
                self._open[-1].append([])
            self._cell = []
            found = dict(attrs)
            span, down = found.get("colspan") or "1", found.get("rowspan") or "1"
            self._span = min(int(span), 1000) if span.strip().isdigit() else 1
            self._rowspan = min(int(down), 100_000) if down.strip().isdigit() else 1
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self._open:
            text = " ".join("".join(self._cell).split())
            self._spanned()
            row = self._open[-1][-1]
            if self._rowspan > 1:
                self._down[-1][len(row)] = [text, self._rowspan - 1]
            row.extend([text] + [""] * (self._span - 1))
            self._cell = None
        elif tag == "tr" and self._open:
            self._end_row()
        elif tag == "table" and self._open:
            self._end_row()
            self.tables.append(self._open.pop())
            self._down.pop()

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
