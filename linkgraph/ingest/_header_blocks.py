"""A table's header repeated halfway with its titles in another order or another set
(two exports of one system concatenated, the second with a column added, removed,
renamed or moved): the rows under each repeat are read under its own titles."""

from __future__ import annotations

#: What the summary and the draft say of a header repeated in another column order.
REORDERED_HEADER = "the header is repeated with its columns in another order"
#: ... and of one repeated with other columns.
OTHER_HEADER = "the header is repeated with other columns"


def title_key(cell: str) -> str:
    """A title as compared with another: case and spacing aside ("Phone " is "phone").

    Examples:
        >>> title_key("  Date  of Birth ")
        'date of birth'
    """
    return " ".join(cell.split()).casefold()


def _looks_like_value(cell: str) -> bool:
    c = cell.strip()
    return bool(c) and sum(ch.isdigit() for ch in c) >= max(1, len(c) // 2)


def reads_as_header(cells: list[str], titles: set[str]) -> bool:
    """Whether a row reads as the table's header again, perhaps changed: at least two
    distinct cells, most of them titles of the header (``titles``, as :func:`title_key`
    gives them) and the others text, not values (a name, not a number or a date). A data
    row ("Name Phone", "+40721234567") holds no title.

    Examples:
        >>> titles = {"name", "dob", "phone"}
        >>> reads_as_header(["Name", "DOB", "Phone", "email"], titles)
        True
        >>> reads_as_header(["name", "phone", "0721234567"], titles)
        False
        >>> reads_as_header(["Name Phone", "+40721234567", ""], titles)
        False
    """
    filled = [title_key(c) for c in cells if c.strip()]
    if len(filled) < 2 or len(set(filled)) < len(filled):
        return False
    known = sum(1 for c in filled if c in titles)
    if known < 2 or 2 * known <= len(filled):
        return False
    return not any(_looks_like_value(c) for c in filled if c not in titles)


class HeaderBlocks:
    """Reads a table's records under the header in force (:meth:`switches`,
    :meth:`read`): the first header's columns (``header``, the frame's column names)
    are filled from the fields of the same titles, a column a repeat lacks is empty for
    the rows under it, and a title the first header lacks is a column of its own
    (:attr:`extra`), empty in the rows above it."""

    def __init__(self, header: list[str], source: str) -> None:
        self.source = source
        self.header = header
        keys = [title_key(h) for h in header]
        #: Off when the header has blank or repeated titles (a repeat is then ambiguous).
        self.on = (
            len(header) >= 2
            and all(keys)
            and len(set(keys)) == len(keys)
            and not any(h.startswith("column_") for h in header)
        )
        self._keys = keys
        self._titles = set(keys)
        self.extra: list[str] = []
        self._in_force: list[str] | None = None  # the repeat's keys, None: the first header
        self._index: list[int] = []  # for each column, the field it is read from (-1: none)
        self._reordered: list[int] = []
        self._notes: list[str] = []
        self._lacking: list[tuple[int, list[str]]] = []

    @property
    def width(self) -> int:
        """How many fields a record has under the header in force."""
        return len(self._in_force) if self._in_force is not None else len(self.header)

    @property
    def columns(self) -> list[str]:
        """The frame's columns: the first header's, then those later headers add."""
        return self.header + self.extra

    def switches(self, cells: list[str]) -> bool:
        """Whether ``cells`` repeat the header in another order or with other titles, or
        repeat the first header after such a repeat; if so, the records after them are
        read under them (the row itself is no data). The first header repeated as it is,
        with no other in force, is left to the caller's check."""
        if not self.on or not reads_as_header(cells, self._titles):
            return False
        keys = [title_key(c) for c in cells]
        while keys and not keys[-1]:
            keys.pop()
        if keys == self._keys:
            if self._in_force is None and [c.strip() for c in cells[: len(keys)]] == self.header:
                return False  # as written: the caller's check rejects it
            self._in_force = None
            return True
        if keys == self._in_force:
            return True  # the repeat again (a page's header): nothing changes
        self._read_under(keys, cells)
        return True

    def start_table(self, cells: list[str]) -> bool:
        """Whether the records after ``cells``, the header of a second table on the sheet
        (no title shared with the first), are read under it, its titles columns of their
        own; False when its titles are not distinct or the first header's are not."""
        keys = [title_key(c) for c in cells]
        while keys and not keys[-1]:
            keys.pop()
        filled = [k for k in keys if k]
        if not self.on or len(filled) < 2 or len(set(filled)) < len(filled):
            return False
        self._read_under(keys, cells)
        return True

    def add_column(self, name: str) -> None:
        """A column of the reader's own (a table's title), empty unless the caller fills
        it: the last of :attr:`columns`."""
        self.extra.append(name)
        if self._in_force is not None:
            self._index.append(-1)

    def _read_under(self, keys: list[str], cells: list[str]) -> None:
        self._in_force = keys
        for k in keys:
            if k and k not in self._titles and k not in map(title_key, self.extra):
                self.extra.append(" ".join(cells[keys.index(k)].split()))
        at = {k: i for i, k in enumerate(keys) if k}
        self._index = [at.get(k, -1) for k in [*self._keys, *map(title_key, self.extra)]]

    def said(self, row: int, cells: list[str]) -> str:
        """The reject value of a header repeat at ``row`` (a data row's number), and the
        summary's note of it, kept for :meth:`notes`."""
        text = ",".join(c.strip() for c in cells)
        keys = {title_key(c) for c in cells if c.strip()}
        if (
            self._in_force is None
            and [title_key(c) for c in cells[: len(self._keys)]] == self._keys
        ):
            return text  # the first header again, in its order
        if self._in_force is None or keys == self._titles:
            self._reordered.append(row)
            return (
                f"{text} (the header again, its columns in another order: the rows under it"
                " are read under it)"
            )
        lacks = [h for h, k in zip(self.header, self._keys, strict=True) if k not in keys]
        adds = [e for e in self.extra if title_key(e) in keys]
        parts = []
        if lacks:
            parts.append(f"no {', '.join(lacks)}: empty from row {row + 1}")
            self._lacking.append((row + 1, lacks))
        if adds:
            parts.append(f"{', '.join(adds)} added: read as a column of its own")
        what = "; ".join(parts) or "other titles"
        self._notes.append(
            f"{self.source}: {OTHER_HEADER} (row {row}: {what}): the rows under it are read"
            " under that header (two exports concatenated? check that the mapping reads both"
            " headers' columns, or split the file)"
        )
        return f"{text} (the header again, with other columns: {what})"

    def read(self, record: list[str]) -> list[str]:
        """``record`` (of :attr:`width` fields) as the frame's columns
        (:attr:`columns`)."""
        if self._in_force is None:
            return record + [""] * len(self.extra) if self.extra else record
        return [record[i] if 0 <= i < len(record) else "" for i in self._index]

    def lacking(self) -> list[tuple[int, list[str]]]:
        """From which data row the rows lack which of the first header's columns, for
        the repeats seen since the last call."""
        out, self._lacking = self._lacking, []
        return out

    def notes(self) -> list[str]:
        """The summary's notes of the repeats seen since the last call."""
        from .readers import row_span  # readers imports this module

        out, self._notes = self._notes, []
        if self._reordered:
            out.insert(
                0,
                f"{self.source}: {REORDERED_HEADER} ({row_span(self._reordered)}): the"
                " rows under it are read under that header (two exports concatenated? check"
                " the columns, or split the file)",
            )
            self._reordered = []
        return out


def padded(rows: list[list[str]], width: int) -> list[list[str]]:
    """``rows``, each filled with empty fields to ``width`` (the columns a later header
    added)."""
    return [r + [""] * (width - len(r)) if len(r) < width else r for r in rows]
