"""Readers: CSV/TSV/XLSX/JSON/JSONL/Parquet to chunks of text cells with source row numbers."""

from __future__ import annotations

import bisect
import codecs
import csv
import functools
import io
import itertools
import json
import math
import re
import warnings
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from linkgraph.errors import InputError
from linkgraph.ingest._columns import header_key, header_variants
from linkgraph.ingest._delimiters import (
    SHIFTED_ROW_HINT,
    ragged_value,
    shifted_fields,
    split_otherwise,
    switch_note,
)
from linkgraph.ingest._geojson import geojson_error, is_geojson
from linkgraph.ingest._header_blocks import (
    REORDERED_HEADER,
    HeaderBlocks,
    padded,
    reads_as_header,
    title_key,
)
from linkgraph.ingest._json_text import LONE_SURROGATE, TEXT_INTS, shown_surrogates
from linkgraph.ingest._json_text import loads as json_loads
from linkgraph.ingest._mixed_utf8 import holds_utf8_rows
from linkgraph.ingest._quotes import Lines, holds_records, stray_quote
from linkgraph.ingest._r_missing import without_r_missing, written_by_r
from linkgraph.ingest._repeated_headers import repeated_titles
from linkgraph.ingest._table_blocks import (
    HEADER_AGAIN,
    NEW_HEADER,
    SECOND_TABLE,
    TITLE,
    TableTitles,
    table_rows,
    title_above,
    title_cell,
)

if TYPE_CHECKING:
    from linkgraph.ingest._xlsx_guard import SheetScan

# Files below this size are parsed with the csv module: exact row numbers for ragged rows.
# Above it, Arrow's multi-threaded CSV reader streams them in chunks (and falls back to the
# csv module on a ragged row), which is what makes multi-million-row exports fast.
SMALL_FILE_BYTES = 16 << 20
_SAMPLE_BYTES = 1 << 20
#: Text Arrow's CSV reader parses at a time; a longer line is read by the csv module.
ARROW_BLOCK_BYTES = 4 << 20
#: Most columns a table may have (Excel's limit). A wider header, or JSON records with more
#: distinct keys in one chunk, is refused before a frame that wide is built.
MAX_COLUMNS = 16_384
_DELIMITERS = ",;\t|"


@dataclass(slots=True)
class Chunk:
    """A block of rows of one source: text cells (empty string for empty), their 1-based
    data row numbers, and problems the reader found (dicts in the rejects shape)."""

    frame: pd.DataFrame
    rows: np.ndarray
    source: str
    list_columns: frozenset[str] = frozenset()
    rejects: list[dict[str, Any]] = field(default_factory=list)
    facts: dict[str, str] = field(default_factory=dict)  # file-level: a preamble's key/values
    layout: dict[str, Any] = field(default_factory=dict)  # header row, sheet, ... as found
    # A header of two rows (group labels over titles, see group_labels): both rows as
    # read, so that the pair repeated lower down (a page's header) is told from data.
    header_lines: list[list[str]] = field(default_factory=list)
    # What the file holds and its reader did not read (a chat export's sections), for
    # the summary's warnings.
    notes: list[str] = field(default_factory=list)
    # The header repeated with fewer columns (:class:`HeaderBlocks`): from which data row
    # the rows lack which of the first header's columns, for the summary to name the mapped.
    lacking: list[tuple[int, list[str]]] = field(default_factory=list)


# -- layout: where the header is ---------------------------------------------------------------

_LAYOUT_ROWS = 40


def _filled(row: list[str]) -> int:
    return sum(1 for c in row if c.strip())


def _looks_like_value(cell: str) -> bool:
    """A cell that reads as data (a number, a date, a phone) rather than a column title."""
    c = cell.strip()
    return bool(c) and sum(map(str.isdigit, c)) >= max(1, len(c) // 2)


#: A column's code: a few letters and a number ("Q1", "c10", "Q3.2", "A 7b").
_COLUMN_CODE = re.compile(r"^([^\W\d_]{1,3})[ ._-]?\d{1,3}(?:[._]\d{1,2})?[^\W\d_]?$")
#: Codes of one series that make them titles: a data row may hold one or two such
#: values (a case "K-1"), a questionnaire's header holds Q1, Q2, Q3, ...
_SERIES = 3


def _values_in(row: list[str]) -> int:
    """How many of a row's cells read as values (:func:`_looks_like_value`), leaving out
    a series of column codes (three or more distinct codes of the same letters: "Q1" …
    "Q10", "c0" … "c19"), which are the titles of a questionnaire's or a generic
    export's columns.

    Examples:
        >>> _values_in(["Name", "Phone", "Q1", "Q2", "Q3"]), _values_in(["K-1", "0671", "5"])
        (0, 3)
    """
    series: dict[str, set[str]] = {}
    for cell in row:
        code = _COLUMN_CODE.match(cell.strip())
        if code:
            series.setdefault(code[1].lower(), set()).add(cell.strip().lower())
    titles = {c for codes in series.values() if len(codes) >= _SERIES for c in codes}
    return sum(_looks_like_value(c) and c.strip().lower() not in titles for c in row)


#: Longest cell that is compared with the header words (a header is a few words).
_HEADER_WORD_CHARS = 40


@lru_cache(maxsize=1)
def _header_words() -> frozenset[str]:
    """The header keys (:func:`header_key`) of every column name the people preset
    knows, in all its languages ("name", "date_of_birth", "geburtsdatum", "telefon", ...)."""
    from linkgraph.ingest.mapping import load_mapping

    words: set[str] = set()
    for entity in load_mapping("people").entities:
        for spec in entity.fields.values():
            names = [*spec.column, *(n for part in spec.columns for n in part)]
            words.update(header_key(n) for n in names)
    words.discard("")
    return frozenset(words)


def header_words_in(row: list[str]) -> int:
    """How many of a row's cells are column names the people preset knows (compared as
    its columns are matched: case, spacing, accents, script, notes in brackets and
    numbers of a series aside: "Date of birth", "Телефон", "Phone 1").

    Examples:
        >>> header_words_in(["Name", "Date of birth", "Phone", "Q1", "Q2"])
        3
        >>> header_words_in(["Ion Popa", "03.01.1980", "+40722111000", "yes", "no"])
        0
    """
    words = _header_words()
    found = 0
    for cell in row:
        c = cell.strip()
        if not c or len(c) > _HEADER_WORD_CHARS or _looks_like_value(c):
            continue
        found += header_key(c) in words or any(k in words for k in header_variants(c))
    return found


def find_header(rows: list[list[str]], skip: int = 0) -> int:
    """The 0-based index of the header row among a file's first rows.

    Title rows, blank rows and key/value preambles ("IBAN;DE89…") come before the header
    in many exports. The header is the first row that is at least 80% as wide as the
    table (the second widest of the first rows, counting filled cells), holds at least two
    titles, and whose cells mostly read as titles rather than values, or of which two
    cells or more are column names the people preset knows (:func:`header_words_in`:
    "Name, Date of birth, Phone, 1, 2, …, 10" is a header; its rows below, a name and
    then yes/no answers, read as titles too); a table of one column keeps row 0. When
    that row is a row of group labels over the header's titles (:func:`group_labels`),
    the header is the row under it.

    Examples:
        >>> find_header([["Statement"], ["IBAN", "DE89…"], [], ["Date", "Name", "Amount"],
        ...              ["02.01.2024", "Olena", "-1.250,00"]])
        3
        >>> find_header([["name", "phone"], ["Ana", "+442079460958", "EXTRA"], ["Bo"]])
        0
        >>> find_header([["Case", "Victim", "", "Suspect", ""], ["", "Name", "Phone", "Name",
        ...              "Phone"], ["K-1", "Olha Tkach", "0671230001", "Roman Lis", "0501"]])
        1
        >>> find_header([["Name", "DOB", "Phone", "1", "2", "3"],
        ...              ["Ion", "03.01.1980", "+40722111000", "yes", "", "no"],
        ...              ["Ana", "04.02.1981", "+40722111001", "no", "yes", "yes"]])
        0
    """
    rows = rows[skip : skip + _LAYOUT_ROWS]
    widths = [_header_width(r) for r in rows]
    if not widths or max(widths) < 2:
        first = next((i for i, w in enumerate(widths) if w), 0)
        return skip + first
    # The table's width: the second widest row (one ragged row wider than the rest, or a
    # header with a column more than its data, does not set it).
    filled = sorted((w for w in widths if w), reverse=True)
    widest = filled[1] if len(filled) > 1 else filled[0]
    for i, row in enumerate(rows):
        w = widths[i]
        # A row of known column names may lack a title or two at its right end
        # ("name,phone,role" over a fourth column of notes): half the width will do.
        if w < 2 or w < (0.5 if _names_columns(row) else 0.8) * widest:
            continue
        if _values_in(row) * 2 > w and header_words_in(row) < 2:
            continue
        return skip + i + _two_row_header(rows, i)
    first = next(i for i, w in enumerate(widths) if w)
    return skip + first + _two_row_header(rows, first)


def _header_width(row: list[str]) -> int:
    """A row's width as :func:`find_header` compares it with the table's: its filled
    cells, and, in a row that reads as a header with a blank title ("name,  ,phone,role":
    no value, and two or more column names the people preset knows, or three titles or
    more around a single blank), its blank cells between filled ones too: a column with
    no title does not make the header narrower than its rows (the reader names it
    ``column_N``).

    Examples:
        >>> _header_width(["name", "  ", "phone", "role"]), _header_width(["a", "", "b", "c"])
        (4, 4)
        >>> _header_width(["Report", "", "", "Page 1"]), _header_width(["Ana", "", "+4072211"])
        (2, 2)
    """
    filled = [i for i, c in enumerate(row) if c.strip()]
    if len(filled) < 2:
        return len(filled)
    blank = filled[-1] - filled[0] + 1 - len(filled)
    if not blank or _values_in(row):
        return len(filled)
    if _names_columns(row) or (blank == 1 and len(filled) >= 3):
        return len(filled) + blank
    return len(filled)


def _names_columns(row: list[str]) -> bool:
    """Whether a row reads as a header by its words: no value, and two or more column
    names the people preset knows (:func:`header_words_in`)."""
    return not _values_in(row) and header_words_in(row) >= 2


#: A title block's line "Key: value" in one cell ("Case number: 2024/117-DIICOT").
_KEY_VALUE_LINE = re.compile(r"^([^:\d][^:]{0,40}?)\s*:\s+(\S.*)$")


def _is_title_block_line(cells: list[str], width: int | None) -> bool:
    """Whether a row above the header, as its filled ``cells``, is a line of a title
    block: one or two cells ("Key: value", "Key;value", a title), and fewer than the
    table's ``width`` (a row as wide as the table is a header or a data row, never a
    fact)."""
    return 1 <= len(cells) <= 2 and (width is None or len(cells) < width)


def preamble_facts(rows: list[list[str]], width: int | None = None) -> dict[str, str]:
    """Key/value pairs of the rows above the header ("Kontoinhaber;Max Müller" ->
    {"Kontoinhaber": "Max Müller"}, and a one-cell "Case number: 2024/117" -> {"Case
    number": "2024/117"}); other rows of one cell are kept as "title", "title_2", ...
    Only a title block's lines are read (:func:`_is_title_block_line`, ``width``: the
    header's filled cells): a wider row is no fact.

    Examples:
        >>> preamble_facts([["UFED Report"], ["Case number: 2024/117"], ["Calls (9)"]])
        {'title': 'UFED Report', 'Case number': '2024/117', 'title_2': 'Calls (9)'}
        >>> preamble_facts([["Name", "Date of birth", "Phone", "Q1"], ["IBAN", "DE89"]], 4)
        {'IBAN': 'DE89'}
    """
    facts: dict[str, str] = {}
    titles = 0
    for row in rows:
        cells = [c.strip() for c in row if c.strip()]
        if not _is_title_block_line(cells, width):
            continue
        line = _KEY_VALUE_LINE.match(cells[0]) if len(cells) == 1 else None
        if line and line[1] not in facts:
            facts[line[1]] = line[2].strip()
        elif len(cells) == 1:
            titles += 1
            facts["title" if titles == 1 else f"title_{titles}"] = cells[0]
        elif len(cells) == 2:
            facts[cells[0].rstrip(":").strip()] = cells[1]
    return facts


#: Rows under the header that the rows above it are compared with (:func:`preamble_layout`).
_DATA_SAMPLE = 5


def _kind(cell: str) -> str:
    """A cell's shape: "" blank, "value" (:func:`_looks_like_value`) or "text"."""
    if not cell.strip():
        return ""
    return "value" if _looks_like_value(cell) else "text"


def _looks_like_data(row: list[str], below: list[list[str]]) -> bool:
    """Whether a row above the header reads as one of the data rows ``below`` it: at
    least 80% as wide as the narrowest of them, a value in a column where they hold
    values, and (but for one cell in ten) no value where they hold texts nor a text
    where they hold values."""
    filled = [i for i, c in enumerate(row) if c.strip()]
    if len(filled) < 2 or not below or len(filled) < 0.8 * min(map(_filled, below)):
        return False
    agree_on_value = mismatches = 0
    for i in filled:
        kinds = {_kind(r[i]) for r in below if i < len(r)} - {""}
        mine = _kind(row[i])
        if len(kinds) == 1 and mine not in kinds:
            mismatches += 1
        agree_on_value += kinds == {"value"} and mine == "value"
    return agree_on_value > 0 and mismatches * 10 <= len(filled)


def preamble_layout(
    rows: list[list[str]], at: int, grouped: bool, first_row: int = 1
) -> dict[str, Any]:
    """What the rows above the header at ``rows[at]`` were read as, for the layout the
    ingest summary reports: ``preamble_rows`` (first and last row, numbered from
    ``first_row``), ``preamble_blank``, ``preamble_skipped`` (rows not read: wider than a
    title block's lines, :func:`_is_title_block_line`) and ``data_like_rows`` (rows that
    read as the table's data rows, :func:`_looks_like_data`). Empty without such rows.

    Examples:
        >>> rows = [["Name", "DOB", "Phone"], ["Ion", "03.01.1980", "+40722111000"],
        ...         ["Ana", "04.02.1981", "+40722111001"], ["Bo", "05.03.1982", "+4072211"]]
        >>> preamble_layout(rows, 2, False)
        {'preamble_rows': [1, 2], 'preamble_blank': 0, 'preamble_skipped': [1, 2], \
'data_like_rows': [2]}
    """
    above = rows[: at - 1] if grouped else rows[:at]
    if not above:
        return {}
    width = _filled(rows[at]) if at < len(rows) else None
    below = [r for r in rows[at + 1 :] if _filled(r)][:_DATA_SAMPLE]
    skipped, data_like = [], []
    for i, row in enumerate(above):
        cells = [c for c in row if c.strip()]
        if cells and not _is_title_block_line(cells, width):
            skipped.append(first_row + i)
        if _looks_like_data(row, below):
            data_like.append(first_row + i)
    out: dict[str, Any] = {
        "preamble_rows": [first_row, first_row + len(above) - 1],
        "preamble_blank": sum(1 for r in above if not _filled(r)),
        "preamble_skipped": skipped,
    }
    if data_like:
        out["data_like_rows"] = data_like
    return out


def group_labels(above: list[str], header: list[str]) -> list[str] | None:
    """Headers under a row of group labels, prefixed with their group, or None.

    Sheets of victims and suspects often put "Victim" over one block of columns and
    "Suspect" over the next (merged cells), with the same titles repeated under each:
    "Name, Phone, Name, Phone"; a column of one title ("Case") is merged down over both
    rows, so that its title is in the row above. Read alone, either row would lose the
    columns' meaning (one person made of two, persons named "Name"). Each label covers
    its column and the columns to its right that it is blank over; a blank title under a
    label takes the label. Taken when neither row holds values (only titles), the row
    above holds two or more labels, and either the header repeats a title and the labels
    tell the repeated titles apart, or two labels each cover two titles or more and one
    is a title of its own (over a blank). A header over a data row is never taken, however
    often the data row repeats a value: a label must group two columns or more (a label
    repeated over each of its group's cells is one), no title is a date (in figures or
    words), and a label over one column alone holds no value (:func:`_values_under_titles`).

    Examples:
        >>> group_labels(["Victim", "", "Suspect", ""], ["Name", "Phone", "Name", "Phone"])
        ['Victim Name', 'Victim Phone', 'Suspect Name', 'Suspect Phone']
        >>> group_labels(["Case", "Victim", "", "Suspect", "", "Amount"],
        ...              ["", "Name", "Phone", "Full name", "Mobile", ""])
        ['Case', 'Victim Name', 'Victim Phone', 'Suspect Full name', 'Suspect Mobile', 'Amount']
        >>> group_labels(["Hotline 2024", "", "", ""], ["Name", "Phone", "Name", "Phone"])
        >>> group_labels(["IBAN", "DE89 3704 0044", "", ""], ["Name", "Phone", "Name", "Phone"])
        >>> group_labels(["Report", "", "", "Page 1"], ["Date", "Name", "Amount", "Balance"])
        >>> group_labels(["#", "Parties", "", "Time"], ["", "From", "To", ""])
        ['#', 'Parties From', 'Parties To', 'Time']
        >>> group_labels(["Name", "Notes", "", "City"], ["", "called", "", "Iasi"])
        >>> group_labels(["Victim", "Victim", "Suspect"], ["Name", "Phone", "Name"])
        ['Victim Name', 'Victim Phone', 'Suspect Name']
        >>> group_labels(["Nom et prénom", "Qualité", "Catégorie"],
        ...              ["Aïcha Traoré", "victime", "victime"])
    """
    header = header + [""] * (len(above) - len(header))  # a row read without its blank end
    labels = [(i, c.strip()) for i, c in enumerate(above) if c.strip()]
    titles = [h.strip() for h in header if h.strip()]
    if len(labels) < 2 or any(_looks_like_value(c) for c in [*dict(labels).values(), *titles]):
        return None
    if any(_is_date(t) for t in titles):
        return None  # a data row: no title is a date ("5 avril 1990")
    out: list[str] = []
    covered: dict[int, list[str]] = {}  # label's column -> the titles it covers
    starts = dict(labels)
    label, label_at = "", -1
    for i, h in enumerate(header):
        title = h.strip()
        if not title:
            out.append(starts.get(i, ""))  # a title merged down over both rows
            continue
        if i in starts and starts[i] != label:  # a label repeated over its group's columns
            label, label_at = starts[i], i  # ("Victim", "Victim") is one group
        same = label.lower() == title.lower()  # a title written in both rows
        out.append(f"{label} {title}" if label and not same else h)
        covered.setdefault(label_at, []).append(title)
    named = [h.lower() for h in out if h]
    if len(set(named)) != len(named):
        return None  # the groups do not tell the titles apart
    spans = {at: len(under) for at, under in covered.items()}
    groups = sum(1 for at, n in spans.items() if at >= 0 and n >= 2)
    if not groups or _values_under_titles(starts, covered):
        return None  # no label groups columns: a header over a data row
    repeats = len({t.lower() for t in titles}) < len(titles)
    alone = any(not header[i].strip() for i, _ in labels)
    # A report's sub-headers: every title of the lower row is one of two or more under a
    # merged label ("Parties" over "From", "To"), the other titles merged down over both
    # rows ("#", "Type", "Timestamp"), as Cellebrite/UFED reports print them.
    subheads = all(at >= 0 and n >= 2 for at, n in spans.items())
    return out if repeats or (alone and (groups >= 2 or subheads)) else None


def _is_date(cell: str) -> bool:
    """Whether a cell reads as a date, in figures or in words ("5 avril 1990")."""
    from linkgraph.ingest.normalize import date

    try:
        return date(cell) is not None
    except ValueError:
        return False


def _values_under_titles(starts: dict[int, str], covered: dict[int, list[str]]) -> bool:
    """Whether a label over one column alone holds a value rather than a group's title:
    a role word ("Qualité" over "victime"), or a text under a column name the people
    preset knows that is none ("Nom et prénom" over "Aïcha Traoré")."""
    from linkgraph.schema import is_role_word

    for at, under in covered.items():
        if at < 0 or len(under) != 1 or under[0].lower() == starts[at].lower():
            continue
        title = under[0]
        if is_role_word(title) or (header_words_in([starts[at]]) and not header_words_in([title])):
            return True
    return False


def _two_row_header(rows: list[list[str]], at: int) -> bool:
    """Whether ``rows[at]`` is the row of group labels over a header at ``rows[at + 1]``
    (:func:`group_labels`)."""
    return at + 1 < len(rows) and group_labels(rows[at], rows[at + 1]) is not None


def row_span(rows: list[int]) -> str:
    """Row numbers as the summary writes them: "row 3", "rows 1–4", "rows 1, 3, 5".

    Examples:
        >>> row_span([3]), row_span([1, 2, 3, 4]), row_span([1, 3, 5])
        ('row 3', 'rows 1–4', 'rows 1, 3, 5')
    """
    if len(rows) == 1:
        return f"row {rows[0]}"
    if rows == list(range(rows[0], rows[-1] + 1)):
        return f"rows {rows[0]}–{rows[-1]}"
    return "rows " + ", ".join(map(str, rows))


def data_above_header_warning(source: str, layout: dict[str, Any]) -> str | None:
    """The warning for rows above the header that are not read: those that read as data
    rows (``data_like_rows`` of :func:`preamble_layout`), and the other rows neither blank
    nor a title block's line (``preamble_skipped``), or None. Every row of the file is so
    accounted for: read, a fact, a title, blank, or named here.

    Examples:
        >>> data_above_header_warning("a.csv", {"header_row": 3, "preamble_skipped": [2]})[:55]
        'a.csv: row 2 above the header (row 3) is not read: too '
    """
    like = layout.get("data_like_rows") or []
    other = [r for r in layout.get("preamble_skipped") or [] if r not in like]
    if not like and not other:
        return None
    said = []
    if like:
        look, are = ("looks", "is") if len(like) == 1 else ("look", "are")
        said.append(
            f"{row_span(like)} above the header (row {layout['header_row']}) {look} like"
            f" the table's data rows (as wide, values where its rows hold values) but {are}"
            " not read"
        )
    if other:
        verb = "is" if len(other) == 1 else "are"
        said.append(
            f"{row_span(other)} above the header (row {layout['header_row']}) {verb} not read:"
            " too wide for a title or a `Key;value` line"
        )
    return (
        f"{source}: {'; '.join(said)}: if the header is higher up, set `header_row:` in the"
        " mapping to its row (`linkgraph mapping suggest FILE` drafts one)"
    )


def _labelled_header(rows: list[list[str]], at: int) -> tuple[list[str] | None, dict[str, str]]:
    """For the header at ``rows[at]``: its cells named with the group labels above it
    (:func:`group_labels`; None without them), and the preamble facts above those."""
    grouped = group_labels(rows[at - 1], rows[at]) if 0 < at < len(rows) else None
    width = _filled(rows[at]) if at < len(rows) else None
    return grouped, preamble_facts(rows[: at - 1] if grouped else rows[:at], width)


def guess_format(path: Path, declared: str | None = None) -> str:
    """The mapping's format, or one guessed from the file extension; a file whose first
    bytes show another kind is read as it is or refused (:mod:`linkgraph.ingest._sniff`)."""
    from linkgraph.ingest._sniff import content_format

    if path.is_file() and (by_content := content_format(path, declared)) is not None:
        return by_content
    if declared is not None:
        return declared
    suffix = path.suffix.lower().lstrip(".")
    if path.is_file() and _is_phone_extraction(path, sqlite_only=True):
        return "chat"  # an SQLite database: Android's call log (linkgraph.ingest.phone_backup)
    if suffix in ("xls", "htm", "html", "ods") and path.is_file():
        return _sniff_format(path, suffix)
    if suffix in ("txt", "dat", "sta", "mt940", "mt103", "fin", "xml") and path.is_file():
        if (statement := _statement_format(path)) is not None:
            return statement
        if suffix in ("sta", "mt940"):
            return "mt940"  # read as one, and its error says what is wrong
        if suffix in ("mt103", "fin"):
            return "mt103"
        if suffix in ("txt", "dat") and _is_goaml(path):
            return "goaml"  # an FIU's report saved as text
    if suffix in ("txt", "dat") and path.is_file() and is_pajek(path):
        return "pajek"  # a Pajek network saved as text (*Vertices, *Arcs)
    if suffix in ("txt", "dat"):
        return "chat" if suffix == "txt" and path.is_file() and _is_chat(path) else "csv"
    if suffix in ("xlsx", "xlsm"):
        return "xlsx"
    if suffix in ("json", "geojson") and path.is_file() and is_geojson(path):
        raise geojson_error(path)
    if suffix in ("json", "jsonl", "ndjson") and path.is_file() and _is_ftm(path):
        return "ftm"
    if suffix in ("ndjson",):
        return "jsonl"
    if suffix == "json" and path.is_file() and _is_telegram(path):
        return "chat"
    if suffix == "json" and path.is_file() and _is_location_history(path):
        return "location"  # Takeout or a phone's Timeline (linkgraph.ingest.location_history)
    if suffix in ("csv", "tsv", "json", "jsonl", "parquet", "gexf", "graphml", "anx", "mtgx"):
        return suffix
    if suffix in _GRAPH_SUFFIXES:
        return _GRAPH_SUFFIXES[suffix]
    if suffix in ("net", "paj") and path.is_file() and is_pajek(path):
        return "pajek"
    if suffix in ("vcf", "vcard"):
        return "vcf"
    if suffix == "xml":
        if path.is_file() and _is_goaml(path):
            return "goaml"
        if path.is_file() and _is_phone_extraction(path):
            return "chat"  # SMS Backup & Restore: read as a chat (linkgraph.ingest.phone_backup)
        raise InputError(
            f"{path.name!r} is XML but no format linkgraph reads (camt.052/053/054 bank "
            "statements, goAML reports, GEXF, GraphML, i2 .anx charts, Maltego .mtgx)",
            source=path.name,
            hint="a bank statement: export it as camt.053 (namespace urn:iso:std:iso:20022:"
            "tech:xsd:camt.053...); a goAML report: a <report> root with <rentity_id> or"
            " <transaction>; other XML, one element a record under its root (<person> in"
            ' <export>): convert it to CSV, such as with pandas: python -c "import pandas as'
            f" pd; pd.read_xml({path.name!r}, xpath='./*', parser='etree',"
            f' dtype=str).to_csv({path.with_suffix(".csv").name!r}, index=False)" (or in'
            " Excel: Data > Get Data > From File > From XML, then save as .xlsx), then"
            f" `linkgraph mapping suggest {path.with_suffix('.csv').name}`",
        )
    if path.is_file() and (found := _format_by_content(path)) is not None:
        return found
    if path.is_file() and (unread := _unread_kind(path)) is not None:
        raise InputError(unread[0], source=path.name, hint=unread[1])
    named = f"the extension .{suffix}" if suffix else "no extension"
    raise InputError(
        f"cannot tell the format of {path.name!r}: {named}, and its content is none of the "
        "formats read by content (goAML reports, camt and MT940 bank statements, MT103 "
        "payment messages)",
        source=path.name,
        hint=f"rename it with its format's extension ({_READ_EXTENSIONS}), or set `format:` "
        "in a mapping (csv, tsv, xlsx, json, jsonl, parquet, camt, mt940, goaml, ...)",
    )


#: First bytes of documents no reader takes -> what they are, for the error.
_UNREAD_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\xd0\xcf\x11\xe0", "an old Office document (.doc, .xls of Excel 97-2003)"),
)


def _unread_kind(path: Path) -> tuple[str, str] | None:
    """``(what, hint)`` for a file of no format read whose kind is plain from its bytes:
    an empty file, a PDF, an image, an old Office document; else None."""
    if path.stat().st_size == 0:
        return (
            "the file is empty (0 bytes)",
            "copy or export the file again: it holds nothing to read",
        )
    with open(path, "rb") as fh:
        head = fh.read(8)
    from linkgraph.ingest._sniff import PASSWORD_HINT, PASSWORD_PROTECTED, encrypted_office

    if head.startswith(b"\xd0\xcf\x11\xe0") and encrypted_office(path):
        return PASSWORD_PROTECTED, PASSWORD_HINT
    for magic, what in _UNREAD_MAGIC:
        if head.startswith(magic):
            return (
                f"{what}, which linkgraph does not read",
                "export the data it shows as CSV or XLSX from the program that made it"
                " (a scan: type or convert its table into a spreadsheet)",
            )
    return None


#: The extensions a file's format is read from, for messages.
_READ_EXTENSIONS = (
    ".csv, .tsv, .txt, .xlsx, .json, .jsonl, .parquet, .xml, .vcf, .gexf, .graphml, .gml, "
    ".dot, .anx, .mtgx, .net, .dl, .ncol, .edgelist"
)
#: Network exchange formats named by their extension: GML, Graphviz DOT, UCINET DL, and
#: igraph's ncol (``a b weight`` lines) and networkx's .edgelist, edge lists.
_GRAPH_SUFFIXES = {"gml": "gml", "dot": "dot", "gv": "dot", "dl": "dl", "ncol": "edgelist",
                   "edgelist": "edgelist"}  # fmt: skip


def _format_by_content(path: Path) -> str | None:
    """The format of a file whose extension names none (``report.001``, no extension),
    from its first bytes: a goAML report, a camt or MT940 statement; else None."""
    if _is_goaml(path):
        return "goaml"
    return _statement_format(path)


#: The preset that reads each format whose files name their own reading: graph files,
#: bank statements, chat exports, vCard contact lists, FollowTheMoney entities and goAML
#: reports. Such a file is read through its preset when no preset or mapping is given for
#: it (see :func:`own_preset`).
OWN_PRESETS = {"gexf": "gexf", "graphml": "graphml", "anx": "anx", "mtgx": "mtgx",
               "pajek": "pajek", "gml": "gml", "dot": "dot", "dl": "dl", "edgelist": "edgelist",
               "camt": "statement", "mt940": "statement", "mt103": "statement",
               "chat": "chat", "location": "location",
               "vcf": "people", "ftm": "ftm", "goaml": "goaml"}  # fmt: skip


def own_format(path: Path) -> str | None:
    """The format of ``path`` when its kind names its own reading (a key of
    :data:`OWN_PRESETS`: a graph file, a camt or MT940 statement, a chat export, a vCard
    list, FtM entities, a goAML report), else None (a table, which needs a preset or a mapping)."""
    from linkgraph.ingest.archive import readable_file

    try:
        fmt = guess_format(readable_file(path))  # a .gz or .zip: the file it holds
    except InputError:
        return None
    return fmt if fmt in OWN_PRESETS else None


def own_preset(path: Path) -> str | None:
    """The preset that reads ``path`` whatever preset the other files take (see
    :func:`own_format`), else None."""
    fmt = own_format(path)
    return None if fmt is None else OWN_PRESETS[fmt]


def _statement_format(path: Path) -> str | None:
    """``camt`` or ``mt940`` for a bank statement in one of those formats (by content:
    camt's ISO 20022 namespace, MT940's :20:, :25: and :60F: tags), else None."""
    from linkgraph.ingest.statement import is_camt, is_mt940

    try:
        with open(path, "rb") as fh:
            head = fh.read(16_384)
    except OSError:
        return None
    if is_camt(head):
        return "camt"
    text = head.replace(b"\x00", b"").decode("latin-1")
    if is_mt940(text):
        return "mt940"
    from linkgraph.ingest.mt103 import is_mt103

    return "mt103" if is_mt103(text) else None


def _is_goaml(path: Path) -> bool:
    """Whether an .xml file is a goAML report (:func:`linkgraph.ingest.goaml.is_goaml` of
    its first 16 KiB)."""
    from linkgraph.ingest.goaml import is_goaml

    try:
        with open(path, "rb") as fh:
            return is_goaml(fh.read(16_384))
    except OSError:
        return False


def _is_phone_extraction(path: Path, *, sqlite_only: bool = False) -> bool:
    """Whether a file is a phone's SMS/call backup (:func:`linkgraph.ingest.phone_backup.
    extraction_reader`): an SQLite database, or (unless ``sqlite_only``) an SMS Backup &
    Restore XML file."""
    if sqlite_only:  # by its header, without importing the readers of extractions
        from linkgraph.ingest._sniff import is_sqlite

        return is_sqlite(path)
    from linkgraph.ingest.phone_backup import extraction_reader

    return extraction_reader(path) is not None


def _sniff_format(path: Path, suffix: str) -> str:
    """What a .xls, .htm(l) or .ods file holds, from its first bytes: many "Excel exports"
    of web systems are HTML tables or tab-separated text named .xls, or an .xlsx renamed."""
    with open(path, "rb") as fh:
        head = fh.read(4096)
    if head.startswith(b"PK\x03\x04"):
        if suffix == "ods" or b"opendocument" in head:
            raise InputError(
                "an OpenDocument spreadsheet (.ods): linkgraph reads .xlsx, CSV and HTML",
                source=path.name,
                hint="save it as .xlsx or CSV in the program that made it (LibreOffice Calc:"
                " File > Save As > Excel 2007-365); or, if LibreOffice is installed, on the"
                f" command line: soffice --headless --convert-to xlsx {path.name}",
            )
        return "xlsx"  # an .xlsx workbook with another name
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(
            "an Excel 97-2003 workbook (.xls): linkgraph reads .xlsx, CSV and HTML",
            source=path.name,
            hint="save it as .xlsx or CSV (Excel: File > Save As; LibreOffice: soffice"
            " --headless --convert-to xlsx FILE)",
        )
    text = head.replace(b"\x00", b"").lower()  # UTF-16 text without its zero bytes
    if text.lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n").startswith(b"<") or b"<table" in text:
        return "html"
    return "csv"  # tab- or comma-separated text


#: Bytes of the file being read that were not UTF-8 and were read as cp1252 (see
#: :func:`_utf8_or_cp1252`), and whether its encoding was declared (then bytes that do not
#: decode are an error); both set when a file's reading starts.
NOT_UTF8: dict[str, int] = {"bytes": 0, "declared": 0}


def _utf8_or_cp1252(exc: UnicodeError) -> tuple[str, int]:
    """Decoding error handler: bytes of a UTF-8 file that are not UTF-8 read as cp1252.

    Exports are often UTF-8 with rows appended by an older system in Windows-1252
    ("José" as ``4A 6F 73 E9``); those rows are read, not the whole file refused, and the
    ingest summary counts the bytes."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    NOT_UTF8["bytes"] += len(bad)
    return bytes(bad).decode("cp1252", errors="replace"), exc.end


codecs.register_error("linkgraph-utf8-cp1252", _utf8_or_cp1252)


def _mostly_utf8(head: bytes) -> bool:
    """Whether a sample that is not all UTF-8 is UTF-8 with a few rows in another code
    page: most of its non-ASCII bytes form valid UTF-8 characters."""
    wide = len(head.translate(None, _ASCII_BYTES))
    text = head.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    multibyte = len(text) - len(text.encode("ascii", "ignore")) - bad
    return multibyte > 0 and bad * 4 <= wide


_ASCII_BYTES = bytes(range(128))


def _errors(enc: str) -> str:
    """The decoding error handler for ``enc``: detected UTF-8 (with or without a BOM, as
    Excel saves "CSV UTF-8") falls back to cp1252 byte by byte; a declared encoding is
    strict."""
    utf8 = codecs.lookup(enc).name in ("utf-8", "utf-8-sig") and not NOT_UTF8["declared"]
    return "linkgraph-utf8-cp1252" if utf8 else "strict"


def detect_encoding(path: Path, declared: str | None = None) -> str:
    """The text encoding of a file: the declared one, a BOM, UTF-8, or charset-normalizer's
    best guess (cp1252, latin-1, ...). Raises InputError when none fits."""
    if declared is not None:
        try:
            codecs.lookup(declared)
        except LookupError:
            raise InputError(
                f"unknown text encoding {declared!r}",
                source=path.name,
                hint="use a Python codec name such as utf-8, cp1252, latin-1 or utf-16",
            ) from None
        return declared
    with open(path, "rb") as fh:
        head = fh.read(_SAMPLE_BYTES)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if len(head) >= 4 and head[1::2].count(0) > len(head) // 4 and head[0] != 0:
        return "utf-16-le"
    if len(head) >= 4 and head[0::2].count(0) > len(head) // 4:
        return "utf-16-be"
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the end of the sample is still UTF-8.
        if exc.start >= len(head) - 3 and len(head) == _SAMPLE_BYTES:
            return "utf-8"
        cut = len(head) == _SAMPLE_BYTES
        if _mostly_utf8(head) or holds_utf8_rows(head, cut=cut):
            return "utf-8"  # with rows in cp1252: read by _utf8_or_cp1252
    from charset_normalizer import from_bytes

    best = from_bytes(head).best()
    if best is None:
        raise InputError(
            "cannot tell the text encoding",
            source=path.name,
            hint="set `encoding:` in the mapping (e.g. cp1252, latin-1, utf-16)",
        )
    found = str(best.encoding)
    if found in _CJK_PAGES:
        return _cyrillic_page(head) or _cjk_page(head, found)
    # Short samples are often scored as another Latin code page (charset-normalizer
    # reads Polish in cp1250 as cp1252, Western text as cp1250, Polish in ISO 8859-2 as
    # the Nordic iso8859_10). Windows-1252 is by far the most common in exports: of the
    # common pages that decode the sample (_latin_candidates), the one that reads the most
    # of its accented characters as letters of one alphabet wins, cp1252 on a tie. Polish
    # "Właściciel" (cp1250) read as cp1252 is "W³aœciciel"; Hungarian "Győr" is "Gyõr".
    if found in _LATIN_FAMILY:
        from linkgraph.ingest._alphabets import alphabet_fit

        chosen, chosen_score = found, -1.0
        # Single-byte pages: only the bytes above ASCII differ, each one character.
        wide = head.translate(None, _ASCII_BYTES)
        for enc in _latin_candidates(found):
            try:
                decoded = wide.decode(enc)
            except UnicodeDecodeError:
                continue
            if any("\x80" <= ch <= "\x9f" for ch in decoded):
                continue  # C1 control characters: not text in this page
            score = _letter_share(decoded) * alphabet_fit(decoded)
            if score > chosen_score + 1e-9:
                chosen, chosen_score = enc, score
        return chosen
    return found


#: Korean and Japanese pages, checked by what they read (:func:`_cjk_page`).
_KOREAN_PAGES = frozenset(["cp949", "euc_kr", "johab", "iso2022_kr"])
_JAPANESE_PAGES = frozenset(
    ["cp932", "shift_jis", "shift_jis_2004", "shift_jisx0213", "euc_jp", "euc_jis_2004"]
)


def _cjk_page(head: bytes, found: str) -> str:
    """Of the East Asian pages charset-normalizer finds for a sample (``found`` first), the
    first whose reading is the language of the page: Korean text is nearly all Hangul
    (Chinese in GB18030 read as cp949 is Hanja with a Hangul syllable among them:
    "蠟寬, 珙렐"), Japanese holds few half-width katakana (Chinese read as Shift-JIS is
    mostly them: "ﾕﾅﾎｰ"). ``found`` when none is."""
    from charset_normalizer import from_bytes

    pages = [found] + [str(m.encoding) for m in from_bytes(head) if m.encoding != found]
    for enc in pages:
        if enc not in _CJK_PAGES:
            continue
        try:
            wide = head.decode(enc).translate(_ASCII_CHARS)
        except UnicodeDecodeError:
            continue
        letters = [c for c in wide if c.isalpha()]
        if not letters:
            return enc
        if enc in _KOREAN_PAGES:
            hangul = sum("\uac00" <= c <= "\ud7a3" for c in letters)
            if hangul < 0.8 * len(letters):
                continue
        if enc in _JAPANESE_PAGES:
            half = sum("\uff61" <= c <= "\uff9f" for c in letters)
            if half > 0.2 * len(letters):
                continue
        return enc
    return found


def guessed_encoding(enc: str) -> bool:
    """Whether a detected encoding is a guess among code pages (cp1250, iso8859_2, cp1251,
    ...), which the summary names, rather than UTF-8 or UTF-16, which the bytes or a BOM
    prove.

    Examples:
        >>> guessed_encoding("iso8859_2"), guessed_encoding("utf-8-sig")
        (True, False)
    """
    return not codecs.lookup(enc).name.startswith(("utf-8", "utf-16", "utf-32"))


#: The code pages case exports are written in: Windows' Western, Central European,
#: Turkish and Baltic pages, and the ISO pages of the same alphabets. charset-normalizer
#: scores a short sample as any page that decodes it, a rarely used one among them
#: (Nordic iso8859_10 for Polish in iso8859_2: "Płeć" read as "Pģeæ").
_COMMON_LATIN = ("cp1252", "cp1250", "cp1254", "cp1257")
_COMMON_ISO = frozenset(["iso8859_1", "latin_1", "iso8859_2", "iso8859_9", "iso8859_15"])


def _latin_candidates(found: str) -> tuple[str, ...]:
    """The pages :func:`detect_encoding` weighs for a sample charset-normalizer read as
    ``found`` (of the Latin family), in the order that wins a tie: cp1252, then ``found``
    if a common page, the other Windows pages and ISO 8859-2 (Central European, whose
    letters above 0xA0 are cp1250's in other places: a file in it has no bytes 0x80-0x9F,
    where cp1250 has Ś, ś, Š, Ź, so no other Windows page reads it right), and after them
    a page found that is rarely used, which wins only by reading the sample better.

    Examples:
        >>> _latin_candidates("iso8859_10")
        ('cp1252', 'cp1250', 'iso8859_2', 'cp1254', 'cp1257', 'iso8859_10')
        >>> _latin_candidates("cp1254")
        ('cp1252', 'cp1254', 'cp1250', 'iso8859_2', 'cp1257')
    """
    common = found in _COMMON_LATIN or found in _COMMON_ISO
    pages = ["cp1252", *([found] if common else []), "cp1250", "iso8859_2", "cp1254", "cp1257"]
    return tuple(dict.fromkeys([*pages, *([] if common else [found])]))


#: Multi-byte East Asian encodings that charset-normalizer picks for short single-byte
#: Cyrillic samples (cp1251 capitals are half-width katakana in Shift-JIS).
_CJK_PAGES = frozenset(
    [
        "cp932",
        "shift_jis",
        "shift_jis_2004",
        "shift_jisx0213",
        "euc_jp",
        "euc_jis_2004",
        "euc_jisx0213",
        "gb2312",
        "gbk",
        "gb18030",
        "hz",
        "big5",
        "big5hkscs",
        "cp950",
        "euc_kr",
        "cp949",
        "johab",
        "iso2022_jp",
        "iso2022_kr",
    ]
)
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]+")
_MIXED_WORD = re.compile(r"\w*[\u0400-\u04ff]\w*")


def _cyrillic_page(head: bytes) -> str | None:
    """cp1251 or koi8-r when a sample's bytes above ASCII read in it as whole Cyrillic
    words (no Latin letter or digit inside a word, no symbol among them), else None.
    Japanese or Chinese text read so has ASCII letters among its Cyrillic (the second byte
    of a double-byte character), C1 controls or undefined bytes. Of the two, the page whose
    words are cased as words are (ВАДИМ, Вадим, вадим) wins, cp1251 on a tie."""
    best, best_score = None, 0.0
    for enc in ("cp1251", "koi8_r"):
        try:
            text = head.decode(enc)
        except UnicodeDecodeError:
            continue
        wide = text.translate(_ASCII_CHARS)
        if not wide or _letter_share(wide) < 0.98 or any("\x80" <= ch <= "\x9f" for ch in wide):
            continue
        words = _MIXED_WORD.findall(text)
        if any(not _CYRILLIC_WORD.fullmatch(w) for w in words):
            continue
        cased = sum(w.isupper() or w.islower() or w.istitle() for w in words) / len(words)
        if cased > best_score + 1e-9:
            best, best_score = enc, cased
    return best


_ASCII_CHARS = dict.fromkeys(range(128))


def _letter_share(wide: str) -> float:
    """How many of a sample's non-ASCII characters (``wide``) read as letters, as a share
    (1.0 when it has none): a text decoded with the wrong code page shows symbols (³, ¹,
    £) where letters were. Icelandic thorn and eth (þ, ð, Ý) count half: in case exports
    they are nearly always Turkish ş, ğ, İ read as cp1252."""
    if not wide:
        return 1.0
    rare = sum(wide.count(ch) for ch in _RARE_LETTERS)
    letters = sum(1 for ch in wide if ch.isalpha())
    return (letters - 0.5 * rare) / len(wide)


_RARE_LETTERS = frozenset("þÞðÐÝ")


_LATIN_FAMILY = frozenset(
    [
        "cp1250",
        "cp1252",
        "cp1254",
        "cp1257",
        "cp1258",  # Vietnamese: Central European ISO 8859-2 in three rows is scored so
        "iso8859_1",
        "iso8859_2",
        "iso8859_3",
        "iso8859_4",
        "iso8859_9",
        "iso8859_10",
        "iso8859_13",
        "iso8859_14",
        "iso8859_15",
        "iso8859_16",
        "latin_1",
        "mac_roman",
        "mac_latin2",
        "cp850",
        "cp437",
        # DOS code pages that short Western samples are also scored as
        "cp775",
        "cp852",
        "cp857",
        "cp858",
        "cp860",
        "cp861",
        "cp863",
        "cp865",
        "mac_iceland",
        "mac_turkish",
    ]
)


def sniff_delimiter(sample: str, declared: str | None = None) -> str:
    """The field delimiter of delimited text: declared, or the candidate that splits the
    first lines most consistently (``,`` ``;`` tab ``|``)."""
    if declared is not None:
        return "\t" if declared in ("\\t", "tab") else declared
    lines = [ln for ln in sample.splitlines()[:50] if ln.strip()]
    if not lines:
        return ","
    # The delimiter splits the most lines into the same number of fields: a title or a
    # key/value preamble above the header does not change that, where it fools csv.Sniffer.
    best, best_score = ",", 0
    for d in _DELIMITERS:
        counts = Counter(_count_outside_quotes(ln, d) for ln in lines)
        counts.pop(0, None)
        if not counts:
            continue
        fields, lines_with = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
        score = fields * lines_with if lines_with >= max(2, len(lines) // 3) else lines_with
        if score > best_score:
            best, best_score = d, score
    return best


def _count_outside_quotes(line: str, sep: str) -> int:
    if '"' not in line:
        return line.count(sep)
    n, quoted = 0, False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif ch == sep and not quoted:
            n += 1
    return n


def _read_sample(path: Path, encoding: str) -> str:
    with open(path, encoding=encoding, errors="replace", newline="") as fh:
        return fh.read(64 * 1024)


def read_chunks(
    path: Path,
    fmt: str,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    sheet: str | tuple[str, ...] | None = None,
    records: str | None = None,
    chunk_rows: int = 200_000,
    header_row: int | None = None,
    skip_rows: int = 0,
    widths: tuple[tuple[int, int], ...] | None = None,
) -> Iterator[Chunk]:
    """Chunks of a file's rows as text cells (see :class:`Chunk`); ``widths``: the column
    spans of a fixed-width file (``fmt="fixed"``).

    Raises:
        InputError: the file is missing, empty, undecodable or has no header.
    """
    if not path.is_file():
        raise InputError("file not found", source=path.name, hint=f"check the path {path}")
    if path.stat().st_size == 0:
        raise InputError("the file is empty", source=path.name, hint="export it again")
    NOT_UTF8.update(bytes=0, declared=int(encoding is not None))
    if fmt in ("csv", "tsv"):
        chunks = _read_delimited(
            path, fmt, encoding, delimiter, chunk_rows, header_row=header_row, skip_rows=skip_rows
        )
        yield from _table_rows_only(chunks)
    elif fmt == "fixed":
        yield from _table_rows_only(
            _read_fixed(path, encoding, widths, header_row, skip_rows, chunk_rows)
        )
    elif fmt == "xlsx":
        chunks = _read_xlsx(
            path, sheet, header_row=header_row, skip_rows=skip_rows, chunk_rows=chunk_rows
        )
        yield from _table_rows_only(chunks)
    elif fmt == "html":
        chunks = _read_html(
            path, encoding, header_row=header_row, skip_rows=skip_rows, chunk_rows=chunk_rows
        )
        yield from _table_rows_only(chunks)
    elif fmt == "json":
        yield from _read_json(path, encoding, records, chunk_rows)
    elif fmt == "jsonl":
        yield from _read_jsonl(path, encoding, chunk_rows)
    elif fmt == "parquet":
        yield from _read_parquet(path, chunk_rows)
    elif fmt in ("vcf", "chat", "location"):
        yield from _read_records(path, fmt, encoding, chunk_rows)
    elif fmt in ("camt", "mt940", "mt103"):
        yield from _read_statement(path, fmt, encoding, chunk_rows)
    else:
        raise InputError(
            f"format {fmt!r} has no table reader",
            source=path.name,
            hint="this format is read whole, through its preset and without a mapping: "
            f"linkgraph ingest {path.name} --preset {fmt} -o case/"
            if fmt in (*GRAPH_FORMATS, "ftm", "goaml")
            else None,
        )


def _table_rows_only(chunks: Iterator[Chunk]) -> Iterator[Chunk]:
    """A table's chunks without the rows that are not data: a description row under the
    header (:func:`_without_description_row`), page numbers (:func:`_without_page_marks`)
    and the header repeated (:func:`_without_repeated_header`), each rejected; rows under the
    header repeated in another column order are read under it (:func:`_read_under_each_header`)."""
    first: set[str] = set()
    orders: dict[str, np.ndarray] = {}  # a source's columns as its last header had them
    for chunk in chunks:
        if chunk.source not in first and len(chunk.frame):
            first.add(chunk.source)
            chunk = _without_description_row(chunk)
        chunk = _read_under_each_header(_without_page_marks(chunk), orders)
        yield _without_repeated_header(chunk)


#: Graph files, read whole into nodes and edges (:mod:`linkgraph.ingest.graphfile`).
GRAPH_FORMATS = ("gexf", "graphml", "gml", "dot", "dl", "anx", "mtgx", "pajek")
_PAJEK_HEAD = re.compile(
    r"\A(?:[ \t]*(?:%[^\n]*)?\n)*[ \t]*\*(?:vertices|network)\b", re.IGNORECASE
)


def looks_like_pajek(text: str) -> bool:
    """Whether text opens as a Pajek network (``*Vertices n``, or ``*Network name``,
    after blank lines and ``%`` comments).

    Examples:
        >>> looks_like_pajek('*Vertices 3\\n1 "Ana"'), looks_like_pajek("source,target")
        (True, False)
    """
    return bool(_PAJEK_HEAD.match(text.lstrip("\ufeff").replace("\r\n", "\n")))


def is_pajek(path: Path) -> bool:
    """Whether a file is a Pajek network (:func:`looks_like_pajek` of its start)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    return looks_like_pajek(head.decode("utf-8", "replace"))


def _is_chat(path: Path) -> bool:
    """Whether a .txt file is a chat export (:func:`linkgraph.ingest.chat.looks_like_chat`)."""
    from linkgraph.ingest.chat import looks_like_chat

    try:
        enc = detect_encoding(path, None)
        with open(path, encoding=enc, errors="replace") as fh:
            return looks_like_chat(fh.read(16_384).lstrip("\ufeff"))
    except (InputError, OSError):
        return False


def _is_ftm(path: Path) -> bool:
    """Whether a .json/.jsonl file holds FollowTheMoney entities: most of its first records
    (of its first 64 KiB; a JSON array's or one per line) are objects with ``schema`` and
    ``properties``, the schema a name such as ``Person``."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(65_536)
    except OSError:
        return False
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff").lstrip()
    if text.startswith("["):
        text = text[1:]
    decoder = TEXT_INTS  # a number of 5,000 digits is no reason to stop
    records: list[Any] = []
    at = 0
    while len(records) < 5:
        at = len(text) - len(text[at:].lstrip(" \t\r\n,"))
        if at >= len(text) or text[at] != "{":
            break
        try:
            record, at = decoder.raw_decode(text, at)
        except (json.JSONDecodeError, RecursionError):
            break
        records.append(record)
    # Most of them: one entity of another shape (properties not an object) among them is
    # an entity the FtM reader rejects, not a sign of another kind of file.
    return 2 * sum(
        isinstance(r, dict)
        and isinstance(r.get("schema"), str)
        and r["schema"][:1].isupper()
        and isinstance(r.get("properties"), dict)
        for r in records
    ) > len(records)


def _is_location_history(path: Path) -> bool:
    """Whether a .json file is a Google location history (Takeout's Records.json, Semantic
    Location History; a phone's Timeline export)."""
    from linkgraph.ingest.location_history import is_location_history

    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            return is_location_history(fh.read(65_536).lstrip("\ufeff"))
    except OSError:
        return False


def _is_telegram(path: Path) -> bool:
    """Whether a .json file is a chat export: Telegram Desktop's, or a conversation of
    Meta's "Download your information" (Messenger, Instagram)."""
    from linkgraph.ingest.chat import is_chat_json

    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            return is_chat_json(fh.read(65_536).lstrip("\ufeff"))
    except OSError:
        return False


def _read_records(path: Path, fmt: str, encoding: str | None, chunk_rows: int) -> Iterator[Chunk]:
    """A file of records that are not rows, as a table: a vCard contact list, one row per
    card (:mod:`linkgraph.ingest.vcard`), a chat export, one row per message
    (:mod:`linkgraph.ingest.chat`), or a location history, one row per point
    (:mod:`linkgraph.ingest.location_history`)."""
    from linkgraph.ingest import chat, location_history, phone_backup, vcard

    columns, read = {"vcf": (vcard.COLUMNS, vcard.read_vcards)}.get(
        fmt, (chat.COLUMNS, chat.read_chat)
    )
    header = list(location_history.COLUMNS if fmt == "location" else columns)
    rows: list[list[str]] = []
    numbers: list[int] = []
    notes: list[str] = []
    emitted = False
    extraction = phone_backup.extraction_reader(path) if fmt == "chat" else None
    if extraction is not None:  # a phone's SMS/call backup, read from its bytes
        records = extraction(path, notes)
    elif fmt == "location":  # read a list item at a time, never whole
        enc = detect_encoding(path, encoding)
        opened = functools.partial(open, path, encoding=enc, errors=_errors(enc))
        records = location_history.read_location_history(path, opened, notes)
    else:
        text = _whole_text(path, encoding)
        records = read(path, text, notes)
    rejects: list[dict[str, Any]] = []  # entries the reader could make no row of
    for number, row in records:
        if isinstance(row, location_history.Rejected):
            rejects.append(_row_reject(path.name, number, row.reason, row.value))
            continue
        rows.append(row)
        numbers.append(number)
        if len(rows) >= chunk_rows:
            yield _noted(_chunk(rows, numbers, header, path.name, rejects), notes)
            rows, numbers, rejects, emitted = [], [], [], True
    if rows or rejects or not emitted or notes:  # the file's notes come at its end
        yield _noted(_chunk(rows, numbers, header, path.name, rejects), notes)


def _read_fixed(
    path: Path,
    encoding: str | None,
    widths: tuple[tuple[int, int], ...] | None,
    header_row: int | None,
    skip_rows: int,
    chunk_rows: int,
) -> Iterator[Chunk]:
    """A fixed-width text file as a table (:mod:`linkgraph.ingest.fixed_width`)."""
    from linkgraph.ingest.fixed_width import read_fixed

    if not widths:
        raise InputError(
            "a fixed-width file needs its columns' widths",
            source=path.name,
            hint="give `widths:` in the mapping (`linkgraph mapping suggest FILE` drafts them)",
        )
    text = _whole_text(path, encoding)
    yield from read_fixed(
        path.name, text, widths, header_row=header_row, skip_rows=skip_rows, chunk_rows=chunk_rows
    )


def _noted(chunk: Chunk, notes: list[str]) -> Chunk:
    """``chunk`` with the reader's ``notes`` on what the file holds and is not read."""
    chunk.notes = notes
    return chunk


def _read_statement(path: Path, fmt: str, encoding: str | None, chunk_rows: int) -> Iterator[Chunk]:
    """A bank statement (camt.052/053/054 XML or MT940) or SWIFT MT103 payments as a
    table: one row per transaction (:mod:`linkgraph.ingest.statement`,
    :mod:`linkgraph.ingest.mt103`); a transaction that cannot be read is a row-level
    ``entry_invalid`` reject saying why."""
    from linkgraph.ingest import statement

    notes: list[str] = []  # the reader's warnings, filled as it reads
    if fmt == "camt":
        entries = statement.read_camt(path, path.read_bytes())
    else:
        text = _whole_text(path, encoding)
        if fmt == "mt103":
            from linkgraph.ingest.mt103 import read_mt103

            entries = read_mt103(text)
        else:
            entries = statement.read_mt940(path, text, notes)
    header = list(statement.COLUMNS)
    rows: list[list[str]] = []
    numbers: list[int] = []
    rejects: list[dict[str, Any]] = []
    emitted = False
    for number, cells, problem in entries:
        if cells is None:
            rejects.append(_row_reject(path.name, number, "entry_invalid", problem))
            continue
        rows.append(cells)
        numbers.append(number)
        if len(rows) >= chunk_rows:
            yield _chunk(rows, numbers, header, path.name, rejects)
            rows, numbers, rejects, emitted = [], [], [], True
    if rows or rejects or notes or not emitted:
        yield _noted(_chunk(rows, numbers, header, path.name, rejects), notes)


def _without_repeated_header(chunk: Chunk) -> Chunk:
    """The chunk without rows that repeat the header ("name,phone,city" again halfway: two
    exports concatenated, or a printed export's header on each page), each a
    ``repeated_header`` reject; they would be a person named "name" with the phone
    "phone". A header of two rows (:attr:`Chunk.header_lines`) repeats as either row."""
    frame = chunk.frame
    titles = [c for c in frame.columns if not str(c).startswith("column_")]
    if len(frame) == 0 or len(titles) < 2:
        return chunk
    same = _repeats_titles(frame, titles)
    for line in chunk.header_lines:
        same |= _repeats_line(frame, line)
    if not same.any():
        return chunk
    for at in np.flatnonzero(same):
        text = ",".join(str(frame.iat[at, j]) for j in range(len(frame.columns)))
        chunk.rejects.append(
            _row_reject(chunk.source, int(chunk.rows[at]), "repeated_header", text)
        )
    titled = _titles_over(frame, same)
    for at, title in titled.items():
        row = int(chunk.rows[at])
        # "Suspects" over the header again (a second table in a text file): no person,
        # nor a short row (its ragged_row reject is this one)
        chunk.rejects[:] = [
            r for r in chunk.rejects if not (r["row"] == row and r["reason"] == "ragged_row")
        ]
        chunk.rejects.append(
            _row_reject(chunk.source, row, "second_table", f"{title} (the title of a second table)")
        )
        chunk.notes.append(
            f"{chunk.source}: {SECOND_TABLE} {row} ({title!r} over the header again): its"
            " title is no row; its rows are read as the first table's (put each table in a"
            " file of its own, or a role column, if the title says who they are)"
        )
        same[at] = True
    chunk.frame = frame[~same].reset_index(drop=True)
    chunk.rows = chunk.rows[~same]
    return chunk


def _titles_over(frame: pd.DataFrame, header_rows: np.ndarray) -> dict[int, str]:
    """The rows right above a repeat of the header (``header_rows``) that hold a table's
    title alone ("Suspects": :func:`~linkgraph.ingest._table_blocks.title_cell`): row ->
    title."""
    out: dict[int, str] = {}
    for at in np.flatnonzero(header_rows):
        if at == 0 or header_rows[at - 1]:
            continue
        cells = ["" if pd.isna(v) else str(v) for v in frame.iloc[at - 1].tolist()]
        title = title_cell(cells)
        if title is not None:
            out[int(at - 1)] = title
    return out


def _read_under_each_header(chunk: Chunk, orders: dict[str, np.ndarray]) -> Chunk:
    """The chunk with the rows under a repeat of the header in another column order
    ("name,dob,phone,role" under "name,phone,dob,role": two exports concatenated) read
    under that header, each repeat a ``repeated_header`` reject that says so. ``orders``:
    each source's column order in force (for each header column, the column it is read
    from), carried from chunk to chunk; a repeat in the first order restores it (that row
    is left to :func:`_without_repeated_header`)."""
    frame = chunk.frame
    titles = [str(c).strip() for c in frame.columns]
    if (
        len(frame) == 0
        or len(titles) < 2
        or any(t.startswith("column_") or not t for t in titles)
        or len(set(titles)) < len(titles)
    ):
        return chunk
    width = len(titles)
    order = orders.get(chunk.source, np.arange(width))
    # Cells are compared as read first (one look-up a column, stopping at the first column
    # with no title in it: a million-row file pays for one column), then stripped.
    said = {*titles, *map(str, frame.columns)}
    heads = np.ones(len(frame), dtype=bool)
    for c in frame.columns:
        heads &= np.asarray(frame[c].isin(said), dtype=bool)
        if not heads.any():
            break
    starts: list[tuple[int, np.ndarray]] = []
    for at in np.flatnonzero(heads):
        cells = [str(v).strip() for v in frame.iloc[at]]
        if sorted(cells) == sorted(titles):
            starts.append((int(at), np.array([cells.index(t) for t in titles])))
    if not starts and (order == np.arange(width)).all():
        return chunk
    values = frame.to_numpy(dtype=object)
    out = values.copy()
    moved = np.zeros(len(frame), dtype=bool)
    bounds = [(0, order), *starts]
    for k, (begin, now) in enumerate(bounds):
        end = bounds[k + 1][0] if k + 1 < len(bounds) else len(frame)
        if not (now == np.arange(width)).all():
            out[begin:end] = values[begin:end][:, now]
        order = now
    for at, now in starts:
        if (now == np.arange(width)).all():
            continue  # the first order again: rejected by _without_repeated_header
        moved[at] = True
        text = ",".join(str(v).strip() for v in values[at])
        chunk.rejects.append(
            _row_reject(
                chunk.source,
                int(chunk.rows[at]),
                "repeated_header",
                f"{text} (the header again, its columns in another order: the rows under it"
                " are read under it)",
            )
        )
    orders[chunk.source] = order
    header_rows = [int(r) for r in chunk.rows[moved]]
    frame = pd.DataFrame(out[~moved], columns=frame.columns)
    chunk.frame = frame.astype(chunk.frame.dtypes.to_dict()) if len(frame) else frame
    chunk.rows = chunk.rows[~moved]
    if header_rows:
        chunk.notes.append(
            f"{chunk.source}: {REORDERED_HEADER} ({row_span(header_rows)}): the"
            " rows under it are read under that header (two exports concatenated? check"
            " the columns, or split the file)"
        )
    return chunk


#: A column's description as some exports put it under the header: in brackets
#: ("(text)", "[DD.MM.YYYY]"), a date or time format, or a type's name.
_BRACKETED = re.compile(r"^\s*(\(.*\)|\[.*\]|\{.*\}|<.*>)\s*$", re.DOTALL)
_FORMAT_HINT = re.compile(
    r"^(dd?|mm?|yy(yy)?|jj(jj)?|tt?|hh?|ss|aaaa|gg(gg)?|дд|мм|гг(гг)?|рр(рр)?)"
    r"([ ./:\-t]+(dd?|mm?|yy(yy)?|jj(jj)?|tt?|hh?|ss|aaaa|gg(gg)?|дд|мм|гг(гг)?|рр(рр)?))+$"
    r"|^(e\.?164|text|free text|string|str|number|numeric|integer|int|float|decimal|date"
    r"|datetime|date/time|time|timestamp|bool|boolean|yes/no|y/n|iso ?8601|optional"
    r"|required|mandatory|(n?var)?char( ?\(\d+\))?|string ?\(\d+\))$",
    re.IGNORECASE,
)


def is_description(cell: str) -> bool:
    """Whether a cell describes its column rather than holding a value: text in brackets
    or a format hint.

    Examples:
        >>> [is_description(c) for c in ["(text)", "[DD.MM.YYYY]", "YYYY-MM-DD", "E.164"]]
        [True, True, True, True]
        >>> [is_description(c) for c in ["Ana Pop", "01.02.1980", "+420601000001", "Text"]]
        [False, False, False, True]
    """
    c = cell.strip()
    return bool(_BRACKETED.match(c) or _FORMAT_HINT.match(c))


def _without_description_row(chunk: Chunk) -> Chunk:
    """The chunk without its first row when that row describes the columns, not data
    ("(text), (DD.MM.YYYY), (E.164), (victim/suspect)" under "Name, DOB, Phone, Role"):
    two or more filled cells, each :func:`is_description`. It is a ``description_row``
    reject; it would be a person named "(text)"."""
    cells = [str(v) for v in chunk.frame.iloc[0].tolist() if isinstance(v, str) and v.strip()]
    if len(cells) < 2 or not all(is_description(c) for c in cells):
        return chunk
    text = ",".join(str(v) for v in chunk.frame.iloc[0].tolist())
    chunk.rejects.append(_row_reject(chunk.source, int(chunk.rows[0]), "description_row", text))
    chunk.frame = chunk.frame.iloc[1:].reset_index(drop=True)
    chunk.rows = chunk.rows[1:]
    return chunk


#: A page's number or its "page N of M" line, printed between the pages of an export
#: (folded text: "Стр. 2 из 5" is "str 2 iz 5"), and the "- 3 -" of a page's foot.
_PAGE_MARK = re.compile(
    r"^(page|pages|pg|seite|blatt|pagina|pag|strona|str|stranitsa|storinka|stranica|strana"
    r"|sida|side|sivu|oldal|folio)\s*\d{1,5}(\s*(of|von|iz|z|de|di|din|van|sur|af|av|/)"
    r"\s*\d{1,5})?$"
    r"|^\d{1,5} (of|von|iz|z|de|di|din|van|sur|af|av) \d{1,5}$"
)
_PAGE_DASHES = re.compile(r"^\s*[-\u2013\u2014]\s*\d{1,5}\s*[-\u2013\u2014]\s*$")


def is_page_mark(cell: str) -> bool:
    """Whether a cell is a page's number as printed: "Page 1 of 3", "Seite 2 von 5",
    "Стр. 1 из 3", "Pagina 2 din 3", "- 3 -".

    Examples:
        >>> [is_page_mark(c) for c in ["Page 1 of 3", "Стр. 2 из 5", "- 3 -", "Page Ltd"]]
        [True, True, True, False]
    """
    from linkgraph.text import fold

    return bool(_PAGE_DASHES.match(cell) or _PAGE_MARK.match(fold(cell).lower().strip()))


#: The first words of a table's total or subtotal row, as folded text: "Total", "Totale
#: ospiti pagina: 4", "Sous-total", "Gesamtsumme", "Razem", "Итого", "Всього", "Разом".
_TOTAL_WORD = re.compile(
    r"^(grand |sub ?|sous ?|zwischen|teil)?(totals?|totale|totaal|totalt|subtotal|gesamt\w*"
    r"|summe|razem|itogo?|vsego|vsogo|usogo|razom|obshcho|toplam|celkem|ukupno|osszesen"
    r"|yhteensa)\b"
)
#: Total words that are also names ("Suma", "Summa"): a total only with a number.
_TOTAL_WITH_NUMBER = re.compile(r"^(sum|suma|summa)\b.*\d")
#: A cheap first look at a cell, as written (lower case), before :func:`is_total_row`.
_TOTAL_LOOK = (
    r"^\W*(grand |sub|sous|zwischen|teil)?\W*(total|summ|gesamt|razem|totaal|sum|итог|всег"
    r"|всьог|усьог|разом|общо|сум|toplam|celkem|ukupno|összesen|osszesen|yhteens)"
)


def is_total_row(cells: list[str]) -> bool:
    """Whether a row's filled cells are a total or a page's subtotal: its first text is a
    total word ("Total", "Totale ospiti pagina: 4", "Subtotal", "Gesamt", "Итого", "Razem"),
    with or without a number.

    Examples:
        >>> [is_total_row(r) for r in (["Total", "12,100.00"], ["Итого: 5"], ["Suma", "3"],
        ...                            ["Suma Ana"], ["Totalenergies SA"])]
        [True, True, True, False, False]
    """
    from linkgraph.text import fold

    first = fold(cells[0]).lower().strip() if cells else ""
    said = fold(" ".join(cells)).lower()
    return bool(_TOTAL_WORD.match(first) or _TOTAL_WITH_NUMBER.match(said))


def _typical_filled(frame: pd.DataFrame, sample: int = 500) -> int:
    """How many cells a typical row of the table fills: the upper quartile over its first
    ``sample`` rows (total and page rows pull less)."""
    head = frame.iloc[:sample]
    filled = np.sort((head.ne("") & head.notna()).sum(axis=1).to_numpy(dtype=np.int64))
    return int(filled[len(filled) * 3 // 4]) if len(filled) else 0


def _sparse_rows(frame: pd.DataFrame, most: int) -> tuple[np.ndarray, np.ndarray]:
    """The rows that fill at most ``most`` cells, and how many each fills: found column
    by column among the rows still under the bound (after a few columns, as a rule, only
    the few rows that are not data)."""
    rows = np.arange(len(frame))
    filled = np.zeros(len(frame), dtype=np.int64)
    for j in range(len(frame.columns)):
        if len(rows) == len(frame):  # every row still under the bound: no gather
            filled += _filled_cells(frame.iloc[:, j])
            rows = np.flatnonzero(filled <= most)
        else:
            filled[rows] += frame.iloc[rows, j].ne("").to_numpy(dtype=bool, na_value=False)
            rows = rows[filled[rows] <= most]
        if not len(rows):
            break
    return rows, filled[rows]


def _filled_cells(column: pd.Series) -> np.ndarray:
    """Which cells of a column are neither empty nor missing (``column.ne("")``, missing
    as False): for a column of Arrow text, from its cells' lengths (no comparison)."""
    import pyarrow as pa

    values = column.array
    if isinstance(values, pd.arrays.ArrowStringArray):
        arr = pa.array(values)
        if isinstance(arr, pa.ChunkedArray) and arr.num_chunks == 1:
            arr = arr.chunk(0)
        if isinstance(arr, pa.Array) and arr.type == pa.large_string():
            offsets = np.frombuffer(arr.buffers()[1], dtype=np.int64)
            filled = np.diff(offsets[arr.offset : arr.offset + len(arr) + 1]) > 0
            if arr.null_count:
                filled &= arr.is_valid().to_numpy(zero_copy_only=False)
            return filled
    return column.ne("").to_numpy(dtype=bool, na_value=False)


def _may_be_page_line(rows: pd.DataFrame, filled: np.ndarray) -> np.ndarray:
    """Which sparse ``rows`` may be a page's line (:func:`_is_page_line`), at a glance over
    the whole column: a row of one cell, or one whose first text looks like a total.

    A row's first text is found in one NumPy array of the cells (a backward fill along
    the rows of Arrow strings turns each row into a column of its own: minutes for a
    file of two columns, where every row is sparse)."""
    cells = rows.to_numpy(dtype=object, na_value="")
    first = cells[np.arange(len(cells)), (cells != "").argmax(axis=1)]  # "" in a blank row
    looks = pd.Series(first, dtype=object).astype(str).str.strip().str.lower()
    return (filled == 1) | looks.str.match(_TOTAL_LOOK).to_numpy(dtype=bool)


def _is_page_line(cells: list[str], typical: int) -> bool:
    """A sparse row that is not data: a page's number (:func:`is_page_mark`) or a total or
    page subtotal (:func:`is_total_row`) in a row at most half as full as the table's."""
    if len(cells) == 1 and is_page_mark(cells[0]):
        return True
    return len(cells) * 2 <= max(typical, 2) and is_total_row(cells)


def _without_page_marks(chunk: Chunk) -> Chunk:
    """The chunk without the rows an export printed between (or under) its pages: a page's
    number ("Page 1 of 3", :func:`is_page_mark`) and a total or page subtotal ("Totale
    ospiti pagina: 4", :func:`is_total_row`) wherever it stands, each a ``footer_row``
    reject (its ``ragged_row`` reject left out): they would be persons."""
    frame = chunk.frame
    if len(frame) == 0 or len(frame.columns) < 2:
        return chunk
    rows, filled = _sparse_rows(frame, most=3)
    if not len(rows):
        return chunk
    typical = _typical_filled(frame)
    marks = np.zeros(len(frame), dtype=bool)
    maybe = rows[_may_be_page_line(frame.iloc[rows], filled)]
    said: dict[tuple[str, ...], bool] = {}  # each distinct row looked at once
    for at, values in zip(maybe, frame.iloc[maybe].to_numpy(dtype=object), strict=True):
        cells = tuple(text for v in values if (text := str(v).strip()))
        if cells not in said:
            said[cells] = bool(cells) and _is_page_line(list(cells), typical)
        marks[at] = said[cells]
    if not marks.any():
        return chunk
    numbers = {int(n) for n in chunk.rows[marks]}
    chunk.rejects = [
        r for r in chunk.rejects if not (r["reason"] == "ragged_row" and r["row"] in numbers)
    ]
    for at in np.flatnonzero(marks):
        text = " ".join(str(v).strip() for v in frame.iloc[at] if str(v).strip())
        chunk.rejects.append(_row_reject(chunk.source, int(chunk.rows[at]), "footer_row", text))
    chunk.frame = frame[~marks].reset_index(drop=True)
    chunk.rows = chunk.rows[~marks]
    return chunk


def _repeats_titles(frame: pd.DataFrame, titles: list[Any]) -> np.ndarray:
    """Rows whose every titled column holds its title ("Phone_2": the second "Phone")."""
    same = np.ones(len(frame), dtype=bool)
    for c in titles:
        base = re.sub(r"_\d+$", "", str(c))
        same &= np.asarray(frame[c].isin([str(c), base]), dtype=bool)
        if not same.any():
            break
    return same


def _repeats_line(frame: pd.DataFrame, line: list[str]) -> np.ndarray:
    """Rows that are ``line`` (a row of the header as read), cell by cell, blanks too."""
    cells = [c.strip() for c in line[: len(frame.columns)]]
    cells += [""] * (len(frame.columns) - len(cells))
    if sum(1 for c in cells if c) < 2:
        return np.zeros(len(frame), dtype=bool)
    same = np.ones(len(frame), dtype=bool)
    for j, cell in enumerate(cells):
        same &= np.asarray(frame.iloc[:, j].astype(str).str.strip() == cell, dtype=bool)
        if not same.any():
            break
    return same


# -- delimited text ------------------------------------------------------------------------


def _read_delimited(
    path: Path,
    fmt: str,
    encoding: str | None,
    delimiter: str | None,
    chunk_rows: int,
    *,
    header_row: int | None = None,
    skip_rows: int = 0,
) -> Iterator[Chunk]:
    enc = detect_encoding(path, encoding)
    sample = _read_sample(path, enc)
    if not sample.strip():
        raise InputError("the file holds no rows", source=path.name, hint="export it again")
    sep = "\t" if fmt == "tsv" and delimiter is None else sniff_delimiter(sample, delimiter)
    chunk_rows = rows_per_chunk(sample, chunk_rows)
    first = list(csv.reader(_universal_lines(io.StringIO(sample)), delimiter=sep))[:_LAYOUT_ROWS]
    at = header_row - 1 if header_row else find_header(first, skip_rows)
    grouped, facts = _labelled_header(first, at)
    layout: dict[str, Any] = {"header_row": at + 1, "delimiter": sep, "encoding": enc}
    if encoding is None and guessed_encoding(enc):
        layout["encoding_guessed"] = True  # the summary names it
    layout |= preamble_layout(first, at, grouped is not None)
    if facts:
        layout["facts"] = list(facts)
    lines = [first[at - 1], first[at]] if grouped else []
    if grouped:
        layout["group_row"] = at
    elif first[at:]:
        cells = [c.replace("\x00", "") for c in first[at]]
        again = repeated_titles(cells, _unique_headers(cells))
        if again:
            layout["repeated"] = again  # the summary names them as written
    r_na = written_by_r(sample, sep)  # R's unquoted NA: an empty cell
    if r_na:
        layout["r_missing"] = True
    if path.stat().st_size <= SMALL_FILE_BYTES or "\x00" in sample or at:
        said = (
            f"`header_row: {header_row}`"
            if header_row
            else f"`skip_rows: {skip_rows}`"
            if skip_rows
            else None
        )
        chunks = _csv_module_chunks(
            path, enc, sep, chunk_rows, header_at=at, names=grouped, r_na=r_na, said=said
        )
        for chunk in chunks:
            chunk.facts, chunk.layout, chunk.header_lines = facts, layout, lines
            yield chunk
        return
    try:
        for chunk in _arrow_chunks(path, enc, sep, chunk_rows, sample, r_na=r_na):
            chunk.layout = layout
            yield chunk
    except _Ragged as exc:
        # Arrow cannot say which row was ragged and keep the rest: re-read from where it
        # stopped with the csv module, which can.
        yield from _csv_module_chunks(
            path, enc, sep, chunk_rows, skip=exc.done, count_blank=False, r_na=r_na
        )


#: Text per chunk of a delimited file: a chunk's mentions, links and raw rows take ~40
#: times the text in memory (a person list's row makes four mentions, each with the row's
#: JSON), so wide rows are read in fewer rows per chunk to keep memory under 1 GiB
#: (a CDR's ~65-byte rows stay at 200,000 a chunk, a person list's ~125 at ~92,000: the
#: CLI's ingest keeps freed pages for reuse, see ``_arrow_pool.keep_freed_pages``).
CHUNK_BYTES = 11 << 20


def rows_per_chunk(sample: str, chunk_rows: int) -> int:
    """``chunk_rows``, or fewer when the rows of ``sample`` are long (see CHUNK_BYTES).

    Examples:
        >>> rows_per_chunk("a,b\\n" + "x,y\\n" * 1000, 200_000)
        200000
        >>> rows_per_chunk("a,b\\n" + ("x" * 250 + ",y\\n") * 200, 200_000)
        45814
    """
    lines = sample.count("\n")
    if lines < 2:
        return chunk_rows
    per_row = max(1.0, len(sample.encode("utf-8", "replace")) / lines)
    return max(1_000, min(chunk_rows, int(CHUNK_BYTES / per_row)))


def _nulls_emptied(arr: Any) -> Any:
    """A column of text cells with its nulls (R's unquoted ``NA``) as empty cells."""
    import pyarrow.compute as pc

    return pc.fill_null(arr, "") if arr.null_count else arr


class _Ragged(Exception):
    def __init__(self, done: int) -> None:
        self.done = done


def _whole_text(path: Path, encoding: str | None) -> str:
    """The file's text in its encoding (the mapping's, or detected), without a BOM; bytes
    the encoding cannot read are an error naming where (see :func:`_decode_error`)."""
    enc = detect_encoding(path, encoding)
    try:
        return path.read_text(encoding=enc, errors=_errors(enc)).lstrip("\ufeff")
    except UnicodeDecodeError as exc:
        raise _decode_error(path, enc, exc) from exc


def _decode_error(path: Path, enc: str, exc: UnicodeDecodeError) -> InputError:
    return InputError(
        f"cannot decode bytes as {enc} (byte offset near {exc.start})",
        source=path.name,
        hint="set `encoding:` in the mapping (e.g. cp1252, latin-1, utf-16)",
    )


def _arrow_chunks(
    path: Path, enc: str, sep: str, chunk_rows: int, sample: str, *, r_na: bool = False
) -> Iterator[Chunk]:
    """Chunks of ``chunk_rows`` rows from Arrow's streaming CSV reader, every cell as text.

    Rows are numbered as pandas numbers them: blank lines are skipped and not counted.
    A row with too many or too few fields raises :class:`_Ragged` with the rows yielded.
    With ``r_na``, an unquoted ``NA`` is an empty cell (:mod:`._r_missing`).
    """
    import pyarrow as pa
    import pyarrow.csv as pacsv

    header = next((r for r in csv.reader(io.StringIO(sample), delimiter=sep) if r), [])
    if len(header) > MAX_COLUMNS:
        raise _too_wide(len(header), path.name, row=1)
    # Columns are named f0, f1, ... and typed as text up front (no type inference, so
    # "007" stays "007"); the first row is the header.
    width = max(len(header), 1) * 2 + 16
    names: list[str] | None = None
    pending: list[pa.RecordBatch] = []
    held = 0
    done = 0

    def emit(table: pa.Table) -> Chunk:
        assert names is not None
        frame = pd.DataFrame(
            {
                name: pd.arrays.ArrowStringArray(
                    _nulls_emptied(col.combine_chunks()).cast(pa.large_string())
                )
                for name, col in zip(names, table.columns, strict=True)
            }
        )
        frame.columns = names
        rows = np.arange(done + 1, done + table.num_rows + 1, dtype=np.int64)
        return Chunk(frame, rows, path.name)

    try:
        reader = pacsv.open_csv(
            path,
            read_options=pacsv.ReadOptions(
                encoding=enc, autogenerate_column_names=True, block_size=ARROW_BLOCK_BYTES
            ),
            parse_options=pacsv.ParseOptions(delimiter=sep, newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(
                column_types={f"f{i}": pa.string() for i in range(width)},
                null_values=["NA"] if r_na else [],
                strings_can_be_null=r_na,
                quoted_strings_can_be_null=False,
            ),
        )
        while True:
            try:
                batch = reader.read_next_batch()
            except StopIteration:
                break
            if names is None:
                names = _unique_headers(
                    [str(v).replace("\x00", "") for v in batch.slice(0, 1).to_pylist()[0].values()]
                )
                batch = batch.slice(1)
            if _holds_records(batch, sep, len(names)):
                raise _Ragged(done)  # a stray quote: the csv module says where
            pending.append(batch)
            held += batch.num_rows
            while held >= chunk_rows:
                table = pa.Table.from_batches(pending)
                out, rest = table.slice(0, chunk_rows), table.slice(chunk_rows)
                if _header_again(out, names):
                    raise _Ragged(done)  # the csv module reads each block under its header
                yield emit(out)
                done += out.num_rows
                pending, held = rest.to_batches(), rest.num_rows
        if names is None:
            raise InputError("the file holds no header row", source=path.name)
        if held or done == 0:
            table = (
                pa.Table.from_batches(pending)
                if pending
                else pa.table({f"f{i}": pa.array([], pa.string()) for i in range(len(names))})
            )
            if _header_again(table, names):
                raise _Ragged(done)
            yield emit(table)
    except pa.ArrowInvalid as exc:
        if "columns" in str(exc) and "Expected" in str(exc):
            raise _Ragged(done) from exc
        if "straddl" in str(exc) or "cannot infer number of columns" in str(exc):
            # A line longer than Arrow's block (a cell of megabytes, a header line with no
            # line break, which Arrow cannot count the columns of): the csv module reads
            # lines of any length.
            raise _Ragged(done) from exc
        if ("UTF8" in str(exc) or "decode" in str(exc).lower()) and _errors(enc) != "strict":
            raise _Ragged(done) from exc  # the csv module reads on, bytes not UTF-8 as cp1252
        if "UTF8" in str(exc) or "decode" in str(exc).lower():
            raise InputError(
                f"cannot decode bytes as {enc}",
                source=path.name,
                hint="set `encoding:` in the mapping (e.g. cp1252, latin-1, utf-16)",
            ) from exc
        raise
    except UnicodeDecodeError as exc:
        raise _decode_error(path, enc, exc) from exc


def _header_again(table: Any, names: list[str]) -> bool:
    """Whether a row of ``table`` repeats the header in another order or with other titles
    (:func:`reads_as_header`), which :class:`HeaderBlocks` reads and Arrow's reader does
    not. Cells are looked up as written, lower, upper or title case: one hash look-up a
    column, the few rows with two titles or more are then read."""
    import pyarrow as pa
    import pyarrow.compute as pc

    keys = [title_key(n) for n in names]
    if len(keys) < 2 or not all(keys) or len(set(keys)) < len(keys) or not table.num_rows:
        return False
    forms = {f(n.strip()) for n in names for f in (str, str.lower, str.upper, str.title)}
    hits = None
    for column in table.columns[: len(names)]:
        found = pc.cast(pc.is_in(column, value_set=pa.array(sorted(forms))), pa.int8())
        hits = found if hits is None else pc.add(hits, found)
    if hits is None or pc.max(hits).as_py() < 2:
        return False
    at = pc.indices_nonzero(pc.greater_equal(hits, 2))
    for i in at.to_pylist():
        cells = [str(v or "") for v in table.slice(i, 1).to_pylist()[0].values()][: len(names)]
        if reads_as_header(cells, set(keys)) and [title_key(c) for c in cells] != keys:
            return True
    return False


def _holds_records(batch: Any, sep: str, width: int) -> bool:
    """Whether a cell of ``batch`` spans lines that are whole records (:func:`holds_records`)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    for column in batch.columns:
        # A line break in no byte of the column's text buffer (which holds every cell of
        # it) is in no cell: one memchr, where matching cell by cell cost ~0.2 CPU-s for a
        # million rows. A break found may be outside the batch's cells: then they are read.
        if pa.types.is_string(column.type) and not _bytes_hold(column, b"\n"):
            continue
        broken = pc.filter(column, pc.match_substring(column, "\n"))
        if any(holds_records(cell, sep, width) for cell in broken.to_pylist()):
            return True
    return False


def _bytes_hold(column: Any, text: bytes) -> bool:
    """Whether the text buffer of a string array (every cell's bytes, and maybe more)
    holds ``text``: False means that no cell holds it."""
    data = column.buffers()[2]
    return data is not None and data.to_pybytes().find(text) >= 0


def _too_wide(count: int, source: str, row: int | None = None, *, keys: bool = False) -> InputError:
    if keys:
        what = "distinct keys in the records"
        hint = "records are objects with the same few keys; keep only the fields the case needs"
    else:
        what = "columns"
        hint = (
            "check the delimiter and the header row (`delimiter:`, `header_row:` in the "
            "mapping), or keep only the columns the case needs"
        )
    return InputError(
        f"{count:,} {what}; linkgraph reads at most {MAX_COLUMNS:,} columns (Excel's limit)",
        source=source,
        row=row,
        hint=hint,
    )


def _json_kind(value: object) -> str:
    """What a JSON value is, in words ("a number", "a text")."""
    kinds = {dict: "an object", str: "a text", bool: "true or false", type(None): "null"}
    return kinds.get(type(value), "a number")


def json_too_deep(source: str) -> InputError:
    """The error for a JSON document nested deeper than Python's parser reads."""
    return InputError(
        "JSON nested too deeply to read (thousands of levels)",
        source=source,
        hint="records are a list of objects a few levels deep; export the file again",
    )


def _unique_headers(names: list[str], numbers: list[int] | None = None) -> list[str]:
    """Column names from a header's cells: a blank one is ``column_N`` (its 1-based
    position, or its column's number in ``numbers`` when the sheet's empty columns were
    left out), a repeated one gets ``_2``, ``_3``, ... (the n-th of that title), skipping
    a name the header already has.

    Examples:
        >>> _unique_headers(["Name", "Phone", "Name", "Phone", ""])
        ['Name', 'Phone', 'Name_2', 'Phone_2', 'column_5']
        >>> _unique_headers(["Phone", "Phone_2", "Phone"])
        ['Phone', 'Phone_2', 'Phone_3']
    """
    cells = [
        raw.replace("\ufeff", "").strip()
        or f"column_{numbers[i] if numbers and i < len(numbers) else i + 1}"
        for i, raw in enumerate(names)
    ]
    taken = set(cells)
    seen: dict[str, int] = {}
    out = []
    for n in cells:
        if n in seen:
            while f"{n}_{seen[n] + 1}" in taken:
                seen[n] += 1
            seen[n] += 1
            taken.add(f"{n}_{seen[n]}")
            n = f"{n}_{seen[n]}"
        else:
            seen[n] = 1
        out.append(n)
    return out


def _csv_module_chunks(
    path: Path,
    enc: str,
    sep: str,
    chunk_rows: int,
    *,
    skip: int = 0,
    count_blank: bool = True,
    header_at: int = 0,
    names: list[str] | None = None,
    r_na: bool = False,
    said: str | None = None,
) -> Iterator[Chunk]:
    """Chunks read with the csv module, skipping the first ``skip`` rows.

    ``said``: the mapping's key that put the header at ``header_at`` ("`header_row: 9`"),
    named when the file ends before it.

    Blank lines are skipped; ``count_blank`` says whether they still count as rows (as a
    spreadsheet numbers them) or not (as the Arrow reader numbers them, which this one
    continues after a ragged row). ``names``: the header's cells as they are to be read
    (:func:`group_labels`), instead of the header row's own.
    """
    csv.field_size_limit(1 << 30)
    try:
        with open(path, encoding=enc, errors=_errors(enc), newline="") as fh:
            # Universal newlines: \r\n, \n and \r may be mixed in one export.
            text_lines = _universal_lines(fh)
            lines = Lines(without_r_missing(text_lines, sep) if r_na else text_lines)
            reader = csv.reader(lines, delimiter=sep)
            read = 0  # rows above the header, up to the file's end
            for _ in range(header_at):  # title rows and a preamble above the header
                if next(reader, None) is None:
                    break
                read += 1
            header = next(reader, None)
            while header is not None and not any(h.strip() for h in header):
                header = next(reader, None)
            if header is None:
                raise _no_header_row(path.name, read, header_at, said)
            if len(header) > MAX_COLUMNS:
                raise _too_wide(len(header), path.name, row=header_at + 1)
            if names is not None and len(names) == len(header):
                header = names
            header = _unique_headers([h.replace("\x00", "") for h in header])
            blocks = HeaderBlocks(header, path.name)
            rows: list[list[str]] = []
            numbers: list[int] = []
            rejects: list[dict[str, Any]] = []
            switched: list[tuple[int, str]] = []  # rows read on another delimiter
            empty: list[int] = []  # rows of delimiters alone (",,,"): not read
            n = filled = 0  # rows read, the last with text
            lines.taken()
            for record in reader:
                width = blocks.width  # the header in force: the first, or a repeat
                record, stray, text = _without_stray_quote(lines, record, sep, width)
                # No text in any field (";;;;;" as a spreadsheet saves an empty row): a
                # blank line, never a row of the constants and preamble facts alone.
                blank = not any(field.strip() for field in record)
                if blank and not count_blank:
                    continue
                n += 1
                if n <= skip:
                    continue
                if blank:
                    if len(record) > 1:
                        empty.append(n)  # delimiters only: a row left empty, counted
                    continue  # blank line
                filled = n
                if stray:
                    rejects.append(
                        _row_reject(path.name, n, "stray_quote", stray) | {"level": "value"}
                    )
                if len(record) != width and _is_comment_line(record):
                    # "# checked": a note between the rows, not a row of the table.
                    value = sep.join(record).strip()
                    rejects.append(_row_reject(path.name, n, "comment_line", value))
                    continue
                if blocks.switches(record):
                    # Two exports concatenated: the rows below are read under this header.
                    value = blocks.said(n, record)
                    rejects.append(_row_reject(path.name, n, "repeated_header", value))
                    continue
                if len(record) != width:
                    got = len(record)
                    other = split_otherwise(text[1], sep, width, got) if not stray else None
                    if other is not None and len(other[1]) == width:
                        switched.append((text[0], other[0]))
                        record = other[1]
                    elif shifted_fields(record, width):
                        # A field holding the delimiter unquoted ("€1.234,56"): every
                        # value after it is in the wrong column, so the row is not read.
                        value = f"{ragged_value(got, width, None)}: {SHIFTED_ROW_HINT}"
                        rejects.append(_row_reject(path.name, n, "ragged_row", value))
                        continue
                    rejects.append(
                        {
                            "source": path.name,
                            "row": n,
                            "column": None,
                            "reason": "ragged_row",
                            "value": ragged_value(got, width, other),
                            "level": "value",
                        }
                    )
                    record = (record + [""] * width)[:width]
                rows.append(blocks.read(record))
                numbers.append(n)
                if len(rows) >= chunk_rows:
                    chunk = _chunk(
                        padded(rows, len(blocks.columns)),
                        numbers,
                        blocks.columns,
                        path.name,
                        rejects,
                    )
                    chunk.notes, chunk.lacking = blocks.notes(), blocks.lacking()
                    yield chunk
                    rows, numbers, rejects = [], [], []
            _split_footer(rows, numbers, path.name, rejects)
            note = switch_note(path.name, sep, switched)
            # (those under the last row: a spreadsheet's padding, not a row of the table)
            said = blocks.notes() + _empty_rows_note(path.name, [r for r in empty if r < filled])
            if rows or rejects or note or said or (n == 0 and skip == 0):
                last = _chunk(
                    padded(rows, len(blocks.columns)), numbers, blocks.columns, path.name, rejects
                )
                last.notes = [*said, note] if note else said
                last.lacking = blocks.lacking()
                yield last
    except UnicodeDecodeError as exc:
        raise _decode_error(path, enc, exc) from exc


def _empty_rows_note(source: str, rows: list[int]) -> list[str]:
    """The summary's line for the rows of delimiters alone (``,,,``, ``;;;;``, as a
    spreadsheet saves an empty row) between the table's rows: not read, counted here.

    Examples:
        >>> _empty_rows_note("a.csv", [4])
        ['a.csv: 1 empty row (delimiters only: row 4) not read']
    """
    if not rows:
        return []
    said = f"{len(rows)} empty row{'s' * (len(rows) != 1)}"
    return [f"{source}: {said} (delimiters only: {row_span(rows)}) not read"]


def _no_header_row(source: str, rows: int, header_at: int, said: str | None) -> InputError:
    """The error for a file that ends before its header: ``rows`` rows read of the
    ``header_at`` above it, as the mapping's ``said`` put it.

    Examples:
        >>> error = _no_header_row("a.csv", 3, 99, "`header_row: 100`")
        >>> str(error).splitlines()[0].split(": ", 1)[1]
        '`header_row: 100` is past the end of the file: a.csv holds 3 rows'
    """
    if said is None or rows >= header_at:
        return InputError("the file holds no header row", source=source)
    return InputError(
        f"{said} is past the end of the file: {source} holds {rows:,} row{'s' * (rows != 1)}",
        source=source,
        hint="check it against the file, or leave it out to have the header found",
    )


def _is_comment_line(record: list[str]) -> bool:
    """Whether a record of another width than the table's is a comment line: its first
    field starts with ``#`` ("# проверено", "#checked 02.05."), as a program's or an
    analyst's note between the rows is written.

    Examples:
        >>> _is_comment_line(["# проверено"]), _is_comment_line(["#12", "Ana"])
        (True, True)
        >>> _is_comment_line(["Ana", "# 2"]), _is_comment_line([" "])
        (False, False)
    """
    return bool(record) and record[0].lstrip().startswith("#")


def _without_stray_quote(
    lines: Lines, record: list[str], sep: str, width: int
) -> tuple[list[str], str | None, tuple[int, str]]:
    """``record``, or, when a quote left open on its first line swallowed whole records
    (:func:`stray_quote`), that line's fields with the quote read as a literal character
    and the note saying so; the lines after it are read again as records of their own.
    Last, the record's first line number and its text."""
    taken = lines.taken()
    if not taken:
        return record, None, (0, "")
    if len(taken) < 2:
        return record, None, taken[0]
    found = stray_quote(taken, record, sep, width, closed=not lines.ended)
    if found is None:
        return record, None, (taken[0][0], "".join(t for _, t in taken))
    lines.give_back(taken[1:])
    lines.ended = False
    return found[0], found[1], taken[0]


#: Characters kept from each end of a line longer than twice this (a cell of hundreds of
#: megabytes, a file with no line break): its middle is dropped as the line is read, so
#: memory and time stay linear; the cut cell is still over the ``cell_too_long`` limit
#: and is reported there, and the fields after it are kept from the line's end.
LINE_KEEP_CHARS = 1 << 22


def _universal_lines(fh: io.TextIOBase, keep: int | None = None) -> Iterator[str]:
    """Lines with any mix of \\r\\n, \\n and \\r endings, as the csv module wants them.

    A lone \\r inside a quoted cell ("\\r=1+2") stays in the cell, as Arrow's reader
    keeps it: only a \\r outside quotes ends a line (a classic Mac export's lines, or a
    line of a file of mixed endings). Quotes are counted across the file. Each block read
    is scanned once: a line over ``2 * keep`` characters keeps its first and last
    ``keep`` (a ``"`` between them when the part dropped held an odd number of quotes,
    so the line's fields after the cut read as they would).

    Examples:
        >>> list(_universal_lines(io.StringIO('a,b\\r\\n1,"\\r=1"\\r\\n')))
        ['a,b\\n', '1,"\\r=1"\\n']
        >>> list(_universal_lines(io.StringIO('a,b\\r1,2\\n3,"x\\ry"\\r')))
        ['a,b\\n', '1,2\\n', '3,"x\\ry"\\n']
        >>> list(_universal_lines(io.StringIO('a,b\\n"x""xxxxxx",2\\n3,4'), keep=4))
        ['a,b\\n', '"x""x",2\\n', '3,4\\n']
    """
    line = _LongLine(keep or LINE_KEEP_CHARS)
    most = 2 * line.keep
    quoted = False  # a quote is open at the end of the text read
    held = ""  # a \r at a block's end: the \n of a \r\n may start the next block
    while block := fh.read(1 << 20):
        text = held + block
        held = ""
        if text.endswith("\r"):
            text, held = text[:-1], "\r"
        parts, quoted = _split_lines(text.replace("\r\n", "\n"), quoted)
        if "\ufeff" in text:  # a byte-order mark starting a line: exports joined with cat
            parts = _without_marks(parts, not line.size)
        if len(parts) > 1:
            line.add(parts[0])  # the end of the line held
            yield line.pop() + "\n"
            for piece in itertools.islice(parts, 1, len(parts) - 1):
                if len(piece) <= most:  # a whole line in the block
                    yield piece + "\n"
                else:
                    line.add(piece)
                    yield line.pop() + "\n"
        line.add(parts[-1])
    if held:
        parts, quoted = _split_lines(held, quoted)
        for piece in parts[:-1]:
            line.add(piece)
            yield line.pop() + "\n"
        line.add(parts[-1])
    if line.size:
        yield line.pop() + "\n"


def _without_marks(parts: list[str], first_starts: bool) -> list[str]:
    """``parts`` of lines (each but the first starts a line; the first does when
    ``first_starts``) without the byte-order mark at a line's start: a second UTF-8 export
    appended to a first (``cat a.csv b.csv``) starts its header with one.

    Examples:
        >>> _without_marks(["1,2", "\ufeffname,phone", "x\ufeff"], False)
        ['1,2', 'name,phone', 'x\ufeff']
    """
    return [
        p[1:] if p.startswith("\ufeff") and (i or first_starts) else p for i, p in enumerate(parts)
    ]


class _LongLine:
    """The text of the line being read, in pieces: all of it up to ``2 * keep``
    characters, else its first and last ``keep`` and the count of quotes dropped."""

    def __init__(self, keep: int) -> None:
        self.keep = keep
        self.head: list[str] = []
        self.tail: deque[str] = deque()
        self.size = 0  # characters held
        self.tail_size = 0
        self.cut = False
        self.quotes = 0  # quotes in the dropped middle

    def add(self, piece: str) -> None:
        if not piece:
            return
        if not self.cut:
            self.head.append(piece)
            self.size += len(piece)
            if self.size <= 2 * self.keep:
                return
            text = "".join(self.head)
            self.head, self.cut = [text[: self.keep]], True
            self.tail, self.tail_size, self.size = deque(), 0, self.keep
            piece = text[self.keep :]
        self.tail.append(piece)
        self.tail_size += len(piece)
        while self.tail_size - len(self.tail[0]) >= self.keep:
            gone = self.tail.popleft()
            self.tail_size -= len(gone)
            self.quotes += gone.count('"')
        if self.tail_size > 2 * self.keep:  # one piece longer than keep: cut it now
            first = self.tail[0]
            drop = self.tail_size - self.keep
            self.quotes += first.count('"', 0, drop)
            self.tail[0] = first[drop:]
            self.tail_size -= drop
        self.size = self.keep + self.tail_size

    def pop(self) -> str:
        """The line (its middle dropped when it is too long), and a new line started."""
        if not self.cut:
            text = "".join(self.head)
        else:
            tail = "".join(self.tail)
            drop = len(tail) - self.keep
            self.quotes += tail.count('"', 0, drop)
            mid = '"' if self.quotes % 2 else ""
            text = "".join(self.head) + mid + tail[drop:]
        self.__init__(self.keep)  # type: ignore[misc]
        return text


def _split_lines(text: str, quoted: bool) -> tuple[list[str], bool]:
    """``text`` split at each \\n and at each \\r outside quotes (``quoted``: a quote is
    open where it starts), and whether a quote is open at its end."""
    if "\r" not in text:
        return text.split("\n"), quoted ^ (text.count('"') % 2 == 1)
    # Pieces between quotes alternate outside and inside, from ``quoted``.
    pieces = text.split('"')
    text = '"'.join(
        p if quoted ^ (k % 2 == 1) else p.replace("\r", "\n") for k, p in enumerate(pieces)
    )
    return text.split("\n"), quoted ^ (len(pieces) % 2 == 0)


#: What the rows under a table say when they are not data: totals, balances, a printing
#: or export note, a page number, a count (English, German, French, Spanish, Italian,
#: Dutch, Polish, Romanian, Ukrainian and Russian, as folded text).
_FOOTER = re.compile(
    r"^(grand |sub-?)?totals?\b|summe|gesamt|razem|totaal|totale|endsaldo|anfangssaldo"
    r"|(opening|closing) balance|generated|printed|exported|created (on|by|at)|erstellt"
    r"|gedruckt|^page \d|^seite \d|^pagina \d|^strona \d|^end of |^ende |^anzahl"
    r"|^\d+ (records|rows|persons|entries|eintrage)|\b(records|rows|entries):|^itogo|^vsego"
    r"|^razom|^usogo|^stranitsa|^storinka"
)
#: Words that are also names ("Sum Li", "Count Basie", "Saldo"): a footer only with a number.
_FOOTER_WITH_NUMBER = re.compile(r"^(sum|suma|count|balance|saldo)\b.*\d")


def footer_rows(rows: list[list[str]]) -> int:
    """How many of the last rows are a table's footer, not data: rows far sparser than the
    table's (at most two cells, and at most half the cells of its typical row) that say
    "Total", "Summe", "Printed 05.01.2024 by CaseDB", "Page 3 of 3", "Итого", ...

    Examples:
        >>> footer_rows([["Ana Pop", "+40721", "Iasi"], ["Bo Li", "+40722", "Iasi"],
        ...              ["Total: 2 persons", "", ""]])
        1
        >>> footer_rows([["Ana Pop", "+40721", "Iasi"], ["Bo Li", "", ""]])
        0
        >>> footer_rows([["Ana Pop", "+40721", "Iasi"], ["Sum Li", "", ""]])
        0
    """
    from linkgraph.text import fold

    if len(rows) < 2:
        return 0
    filled = sorted(_filled(r) for r in rows)
    typical = filled[len(filled) * 3 // 4]  # the upper quartile: footer rows pull less
    n = 0
    for row in reversed(rows[1:]):
        cells = [c.strip() for c in row if c.strip()]
        if _is_totals_line(cells, typical):
            n += 1
            continue
        if not (0 < len(cells) <= 2 and len(cells) * 2 <= typical):
            break
        said = fold(" ".join(cells)).lower()
        if not (_FOOTER.search(said) or _FOOTER_WITH_NUMBER.search(said)):
            break
        n += 1
    return n


#: A cell that is only an amount or a count ("1.735,06 €", "(1,234.56)", "EUR 500", "12").
_AMOUNT_CELL = re.compile(
    r"^[-+(]?\s*(?:[A-Z]{3}\s*|[€$£¥₴₽₺]\s*)?[-+]?\d[\d\s.,'’]*\s*(?:[A-Z]{3}|[€$£¥₴₽₺%])?\)?$"
)


def _is_totals_line(cells: list[str], typical: int) -> bool:
    """A row of totals under a statement or a list: fewer cells than the table's rows,
    the first a total word ("Summe", "Total", "Итого") and every other one an amount or a
    count ("Summe;;;;1.735,06 €;3.400,00 €").

    Examples:
        >>> _is_totals_line(["Summe", "1.735,06 €", "3.400,00 €"], 6)
        True
        >>> _is_totals_line(["Total Energies SA", "1.735,06 €", "3.400,00 €"], 6)
        False
        >>> _is_totals_line(["Summe", "Ana Pop", "3.400,00 €"], 6)
        False
    """
    from linkgraph.text import fold

    if not 1 < len(cells) < typical:
        return False
    first = fold(cells[0]).lower().strip().rstrip(":")
    return bool(_TOTAL_WORD.fullmatch(first)) and all(_AMOUNT_CELL.match(c) for c in cells[1:])


def _split_footer(
    rows: list[list[str]], numbers: list[int], source: str, rejects: list[dict[str, Any]]
) -> None:
    """Move the footer rows (:func:`footer_rows`) of the last chunk's rows to ``rejects``
    (in place of their ``ragged_row`` rejects)."""
    n = footer_rows(rows)
    footer = set(numbers[len(numbers) - n :])
    if footer:  # a footer of one cell is not also a ragged row of the table
        rejects[:] = [
            r for r in rejects if not (r["reason"] == "ragged_row" and r["row"] in footer)
        ]
    for _ in range(n):
        row, number = rows.pop(), numbers.pop()
        value = " ".join(c.strip() for c in row if c.strip())
        rejects.append(_row_reject(source, number, "footer_row", value))


def _chunk(
    rows: list[list[str]],
    numbers: list[int],
    header: list[str],
    source: str,
    rejects: list[dict[str, Any]],
    list_columns: frozenset[str] = frozenset(),
) -> Chunk:
    frame = pd.DataFrame(rows, columns=header, dtype=object) if rows else _empty(header)
    return Chunk(frame, np.asarray(numbers, dtype=np.int64), source, list_columns, rejects)


def _empty(header: list[str]) -> pd.DataFrame:
    return pd.DataFrame({h: pd.Series(dtype=object) for h in header})


# -- spreadsheets --------------------------------------------------------------------------


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # phone numbers and ids stored as numbers
    if hasattr(value, "isoformat"):
        text = value.isoformat()
        return text[:10] if text.endswith("T00:00:00") else text
    return str(value)


def sheet_names(path: Path) -> list[str]:
    """The sheet names of a workbook."""
    from linkgraph.ingest._workbook_open import open_workbook

    wb = open_workbook(path, path.name)
    try:
        return list(wb.sheetnames)
    finally:
        wb.close()


def _read_xlsx(
    path: Path,
    sheet: str | tuple[str, ...] | None,
    *,
    header_row: int | None = None,
    skip_rows: int = 0,
    chunk_rows: int = 200_000,
) -> Iterator[Chunk]:
    """Chunks of each sheet's rows, streamed: memory holds one chunk, whatever the sheet's
    length. The workbook's sizes are checked first (:mod:`linkgraph.ingest._xlsx_guard`).

    A formula cell reads as the value the spreadsheet computed and saved with it
    (:func:`_formula_rows`); the formulas are read too only for the sheets that have any."""
    from linkgraph.ingest._xlsx_guard import check_workbook

    scans = check_workbook(path)
    wb = _open_workbook(path, data_only=True)
    formula_wb = None
    try:
        wanted = [sheet] if isinstance(sheet, str) else list(sheet or wb.sheetnames)
        for name in wanted:
            if name not in wb.sheetnames:
                raise InputError(
                    f"no sheet {name!r}",
                    source=path.name,
                    hint=f"sheets in the workbook: {', '.join(wb.sheetnames)}",
                )
        names = list(dict.fromkeys(wanted))
        _check_sheets_read(path, names, scans, named=sheet is not None)
        from linkgraph.ingest._sniff import misnamed_workbook_note

        misnamed = misnamed_workbook_note(path)
        held: Chunk | None = None  # a sheet's last chunk, for a note found after it
        for name in names:
            source = path.name if len(names) == 1 else f"{path.name}#{name}"
            scan = scans.get(name)
            has_formulas = scan is not None and scan.formulas > 0
            if has_formulas and formula_wb is None:
                formula_wb = _open_workbook(path, data_only=False)
            for chunk in _sheet_chunks(
                wb,
                name,
                source,
                header_row=header_row,
                skip_rows=skip_rows,
                chunk_rows=chunk_rows,
                formula_wb=formula_wb if has_formulas else None,
                scan=scan,
            ):
                chunk.notes += [misnamed] if misnamed else []
                if held is not None:
                    yield held
                held = chunk
        if held is not None:
            if isinstance(sheet, str) and len(wb.sheetnames) > 1:
                held.notes += _alike_sheets_unread(wb, sheet, held, scans)
            if sheet is not None and len(wb.sheetnames) > 1:
                held.notes += _other_tables_unread(wb, names, path.name, scans)
            yield held
    finally:
        wb.close()
        if formula_wb is not None:
            formula_wb.close()


#: Most sheets holding values one ingest reads of a workbook: each is a table of its own,
#: read and built on its own (some 0.1 s each, whatever its rows).
MAX_SHEETS_READ = 250


def _check_sheets_read(
    path: Path, names: list[str], scans: dict[str, SheetScan], *, named: bool
) -> None:
    """Refuse to read more than :data:`MAX_SHEETS_READ` sheets holding values (``names``,
    those the mapping names, or all the workbook's); ``scans``: what the workbook's scan
    found in each (a sheet with no value costs nothing and is not counted)."""
    filled = [n for n in names if n not in scans or scans[n].last_row > 0]
    if len(filled) <= MAX_SHEETS_READ:
        return
    which = "the mapping names" if named else "the workbook has"
    raise InputError(
        f"{which} {len(filled):,} sheets holding data, read each as a table of its own (some"
        f" 0.1 s a sheet, {len(filled) // 10:,} s in all); at most {MAX_SHEETS_READ:,} are"
        " read in one ingest",
        source=path.name,
        hint="copy the sheets of the same columns into one sheet (or save them as one CSV"
        f" file) and ingest that, or list at most {MAX_SHEETS_READ:,} sheets in the"
        " mapping's `sheet:` and ingest the others with another mapping into the same case",
    )


def _alike_sheets_unread(
    wb: Any, sheet: str, chunk: Chunk, scans: dict[str, SheetScan] | None = None
) -> list[str]:
    """The summary's warning of the visible sheets other than ``sheet`` (the one a
    mapping names) whose header has the same titles: the rows of another year's or
    region's sheet, left unread unless ``sheet:`` lists them; each named with its rows.
    ``scans``: what the workbook's scan found in each sheet (its columns with values)."""
    titles = column_titles(chunk.frame)
    if len(titles) < 2:
        return []
    unread: list[tuple[str, int]] = []
    for name in wb.sheetnames:
        if name == sheet or wb[name].sheet_state != "visible":
            continue
        rows, same = 0, False
        # Its header is looked for, not taken from the mapping's `header_row:`, which is
        # the named sheet's (a legend sheet may be shorter).
        parts = _sheet_chunks(
            wb,
            name,
            name,
            header_row=None,
            skip_rows=0,
            chunk_rows=200_000,
            scan=(scans or {}).get(name),
        )
        try:
            for part in parts:
                same = same or column_titles(part.frame) == titles
                if not same:
                    break
                rows += len(part.frame)
        except (InputError, ValueError, IndexError):
            continue  # a sheet that is no table (empty, a picture)
        if same and rows:
            unread.append((name, rows))
    if not unread:
        return []
    said = ", ".join(f"{name!r} ({rows:,} row{'s' * (rows != 1)})" for name, rows in unread)
    both = {sheet, *(n for n, _ in unread)}
    listed = ", ".join(repr(n) for n in wb.sheetnames if n in both)
    return [
        f"sheet {sheet!r} read as the mapping says; {said} of the same columns not read:"
        f" to read them too, set `sheet: [{listed}]` in the mapping"
    ]


def _other_tables_unread(
    wb: Any, names: list[str], file_name: str, scans: dict[str, SheetScan]
) -> list[str]:
    """The summary's warning of the workbook's other tables (hidden sheets too) a mapping
    naming its sheets leaves unread (see :mod:`linkgraph.ingest._unread_sheets`)."""
    from linkgraph.ingest._unread_sheets import COUNTED_ROWS, other_tables_unread

    def chunks(name: str) -> Iterator[Chunk]:
        return _sheet_chunks(
            wb, name, name, header_row=None, skip_rows=0, chunk_rows=COUNTED_ROWS,
            scan=scans.get(name),
        )  # fmt: skip

    return other_tables_unread(
        wb.sheetnames,
        lambda name: wb[name].sheet_state,
        names,
        chunks,
        column_titles,
        file_name,
        said_alike=len(names) == 1,
    )


def column_titles(frame: pd.DataFrame) -> set[str]:
    """A table's column titles, blank-titled ``column_N`` columns aside, case and spacing
    ignored: two sheets of one table have the same, in whatever order."""
    return {
        " ".join(str(c).split()).casefold()
        for c in frame.columns
        if not str(c).startswith("column_")
    }


def _open_workbook(path: Path, *, data_only: bool) -> Any:
    """The workbook at ``path`` opened read-only (streamed): with each formula cell's saved
    value (``data_only``) or its formula text (see :mod:`linkgraph.ingest._workbook_open`)."""
    from linkgraph.ingest._workbook_open import open_workbook

    # A workbook named other than .xlsx (an "export.xls" that is an .xlsx) is given as
    # a file object: openpyxl refuses the name, not the content.
    named = path.suffix.lower() in (".xlsx", ".xlsm")
    return open_workbook(
        path if named else io.BytesIO(path.read_bytes()), path.name, data_only=data_only
    )


def _sheet_rows(
    wb: Any, name: str, last_row: int | None = None, source: str | None = None
) -> Iterator[tuple[Any, ...]]:
    """The cell values of a sheet's rows, streamed; with ``last_row`` (the last row holding
    a value, found by the workbook's scan), none below it: a sheet formatted down to row
    1,048,576 is read to its last value, not parsed a million rows further."""
    ws = wb[name]
    if hasattr(ws, "reset_dimensions"):
        # A sheet's <dimension> is not trusted: "A1:XFD1048576" would pad every row to
        # 16,384 cells and the sheet to 1,048,576 rows.
        ws.reset_dimensions()
    if last_row is not None and last_row < 1:
        return iter(())
    rows = ws.iter_rows(max_row=last_row, values_only=True)
    return _shared_index_checked(rows, source or name)


def _shared_index_checked(
    rows: Iterator[tuple[Any, ...]], source: str
) -> Iterator[tuple[Any, ...]]:
    """``rows``, a cell that uses a shared string the workbook does not hold (openpyxl's
    IndexError: a damaged or hand-made file) said as such, not as an internal error."""
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except IndexError:
            raise InputError(
                "a cell uses a shared string the workbook does not hold: the file is damaged",
                source=source,
                hint="open it in Excel or LibreOffice and save it again, or export CSV",
            ) from None
        yield row


def _sheet_chunks(
    wb: Any,
    name: str,
    source: str,
    *,
    header_row: int | None,
    skip_rows: int,
    chunk_rows: int,
    formula_wb: Any = None,
    scan: SheetScan | None = None,
) -> Iterator[Chunk]:
    """Chunks of one sheet; ``formula_wb``: the workbook opened with its formulas, given
    when this sheet has formula cells (see :func:`_formula_rows`); ``scan``: what the
    workbook's scan found in the sheet (its hidden columns and rows, named in the layout)."""
    last_row = scan.last_row if scan is not None else None
    values = _sheet_rows(wb, name, last_row, source)
    problems: dict[int, list[tuple[int, str]]] = {}
    if formula_wb is not None:
        values = _formula_rows(values, _sheet_rows(formula_wb, name, last_row, source), problems)
    keep = _filled_columns(scan)
    merged = _merged_down(wb, wb[name])
    hidden = scan.hidden_columns if scan is not None else []
    if keep is None:
        rows: Iterator[list[str]] = (
            [_cell_text(v) for v in cells[:MAX_COLUMNS]] for cells in values
        )
    else:
        rows = _kept_cells(values, keep, problems)
        at = {c: i for i, c in enumerate(keep)}
        merged = {at[c]: spans for c, spans in merged.items() if c in at}
        hidden = [at[c - 1] + 1 for c in hidden if c - 1 in at]
    # sheet_state: "visible", "hidden" or "veryHidden" (a dropdown's lookup list).
    layout = {"sheet": name, "sheets": list(wb.sheetnames), "state": wb[name].sheet_state}
    if hidden:
        layout["hidden_column_numbers"] = hidden
    if scan is not None and scan.hidden_rows:
        layout["hidden_row_numbers"] = scan.hidden_rows
    yield from _row_chunks(
        rows,
        source,
        layout,
        header_row=header_row,
        skip_rows=skip_rows,
        chunk_rows=chunk_rows,
        merged=merged,
        problems=problems,
        column_numbers=None if keep is None else [c + 1 for c in keep],
    )


def _filled_columns(scan: SheetScan | None) -> list[int] | None:
    """The 0-based columns of a sheet that hold a value in some row (found by the
    workbook's scan), when others left of the last of them hold none: the columns read.
    None when all are read (no scan, or no such empty column).

    A column with no title and no value in any row (formatted cells, the gap left of a
    cell at XFD1) is left out of the table: it costs nothing and is listed nowhere.
    """
    if scan is None or not scan.filled_columns:
        return None
    keep = sorted(c - 1 for c in scan.filled_columns if 0 < c <= MAX_COLUMNS)
    if not keep or len(keep) == keep[-1] + 1:
        return None
    return keep


def _kept_cells(
    values: Iterator[tuple[Any, ...]],
    keep: list[int],
    problems: dict[int, list[tuple[int, str]]],
) -> Iterator[list[str]]:
    """The text of each row's cells in the columns ``keep`` (0-based, see
    :func:`_filled_columns`); the unreadable cells recorded in ``problems`` as the rows
    pass (sheet row -> [(0-based column, what to say)]) are moved to the kept columns'
    positions."""
    at = {c: i for i, c in enumerate(keep)}
    for number, cells in enumerate(values, start=1):
        if number in problems:
            problems[number] = [(at[c], said) for c, said in problems[number] if c in at]
        width = len(cells)
        if not width:
            yield []
            continue
        yield [_cell_text(cells[c]) if c < width else "" for c in keep]


#: The values a formula shows when it fails (``#N/A``, ``#REF!``, ...).
_EXCEL_ERRORS = frozenset(
    ["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
     "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!"]
)  # fmt: skip
_HYPERLINK_FORMULA = re.compile(r"^\s*=\s*HYPERLINK\s*\(", re.IGNORECASE)
#: What a ``formula`` reject says of a formula cell the workbook saved no value for.
_NO_VALUE = "has no saved value"
NO_VALUE_HINT = (
    "open and save the file in Excel or LibreOffice (which computes its formulas), or"
    " export the values"
)


def _formula_rows(
    values: Iterator[tuple[Any, ...]],
    formulas: Iterator[tuple[Any, ...]],
    problems: dict[int, list[tuple[int, str]]],
) -> Iterator[tuple[Any, ...]]:
    """A sheet's rows of values (``values``, read with the values saved for formula cells)
    checked against the same rows read with their formulas (``formulas``).

    A formula cell reads as the value the spreadsheet computed (``=A2&" "&B2`` as
    "Ion Popa"), except ``=HYPERLINK(...)``, kept as written so that its label is read
    (:func:`linkgraph.ingest.normalize.strip_markup`). A formula cell without a saved value
    (a file written by a program that does not compute formulas) or whose value is an
    error (``#N/A``) reads as empty, and is recorded in ``problems`` (sheet row, from 1 ->
    [(0-based column, what to say)]) for a ``formula`` reject: never the formula's text
    as a name."""
    for number, (cells, written) in enumerate(
        itertools.zip_longest(values, formulas, fillvalue=()), start=1
    ):
        out: list[Any] | None = None
        for col, formula in enumerate(written):
            if not _is_formula(formula):
                continue
            value = cells[col] if col < len(cells) else None
            if isinstance(formula, str) and _HYPERLINK_FORMULA.match(formula):
                value, problem = formula, None
            elif value is None:
                problem = _NO_VALUE
            elif isinstance(value, str) and value.strip() in _EXCEL_ERRORS:
                value, problem = None, f"shows the error {value.strip()}"
            else:
                problem = None
            if problem is not None:
                text = getattr(formula, "text", formula)
                problems.setdefault(number, []).append(
                    (col, f"{str(text)[:200]} {problem}: {NO_VALUE_HINT}")
                )
            if value is not (cells[col] if col < len(cells) else None):
                if out is None:
                    out = list(cells) + [None] * max(0, len(written) - len(cells))
                out[col] = value
        yield cells if out is None else tuple(out)


def _is_formula(value: Any) -> bool:
    """Whether a cell read with its formulas holds one (text "=...", an array formula)."""
    if isinstance(value, str):
        return value.startswith("=")
    return value is not None and hasattr(value, "text") and hasattr(value, "ref")


_MERGE_CELL = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+\d+:[A-Z]+\d+)"')


def _merged_down(wb: Any, ws: Any) -> dict[int, list[tuple[int, int]]]:
    """A sheet's cells merged down a column (``A2:A4``: one name over three rows of its
    phones), as 0-based column -> (first row, last row), sheet rows from 1. Read from the
    sheet's XML, which the streaming reader does not expose: its ``mergeCell`` elements,
    found block by block without parsing the rows again."""
    from openpyxl.utils.cell import range_boundaries

    try:
        member = wb._archive.open(ws._worksheet_path)
    except (AttributeError, KeyError):
        return {}
    out: dict[int, list[tuple[int, int]]] = {}
    tail = b""
    with member:
        while block := member.read(1 << 20):
            text = tail + block
            if b"mergeCell" not in text:  # a byte search: the rows of a sheet hold none
                tail = text[-200:]
                continue
            for ref in _MERGE_CELL.findall(text):
                col1, row1, col2, row2 = range_boundaries(ref.decode())
                if col1 == col2 and row2 > row1 and col1 <= MAX_COLUMNS:
                    out.setdefault(col1 - 1, []).append((row1, row2))
            tail = text[-200:]
    # A reference cut by the block boundary is found twice (in the tail and again).
    return {c: sorted(set(spans)) for c, spans in out.items()}


def _row_chunks(
    values: Iterator[list[str]],
    source: str,
    layout_extra: dict[str, Any],
    *,
    header_row: int | None,
    skip_rows: int,
    chunk_rows: int,
    merged: dict[int, list[tuple[int, int]]] | None = None,
    problems: dict[int, list[tuple[int, str]]] | None = None,
    column_numbers: list[int] | None = None,
) -> Iterator[Chunk]:
    """Chunks of a table given as rows of text cells (a sheet, an HTML table): the header
    found under titles and preambles (:func:`find_header`), group labels above it
    (:func:`group_labels`), the footer rejected (:func:`footer_rows`). ``merged``: cells
    merged down a column (:func:`_merged_down`); below the header, each row of such a
    range reads the value of its first row, as the sheet shows it. ``problems``: cells
    the rows' reader could not read (sheet row -> [(column, what to say)], filled as the
    rows pass, see :func:`_formula_rows`), each a ``formula`` reject of its data row.
    ``column_numbers``: each cell's column in the sheet (1-based), when the rows leave
    some out (:func:`_filled_columns`): blank titles and cell references say those."""
    # The first rows, where the header is; leading blank rows are left out (data rows are
    # numbered from the header, so that changes no row number).
    want = header_row if header_row else skip_rows + _LAYOUT_ROWS
    head: list[list[str]] = []
    blank_above = 0
    for row in values:
        if not head and not header_row and not skip_rows and not _filled(row):
            blank_above += 1
            continue
        head.append(row)
        if len(head) >= want:
            break
    if not any(_filled(r) for r in head):
        return
    if (header_row or skip_rows + 1) > len(head):  # the table ends above the header
        said = f"`header_row: {header_row}`" if header_row else f"`skip_rows: {skip_rows}`"
        raise _no_header_row(source, len(head), len(head) + 1, said)
    at = header_row - 1 if header_row else find_header(head, skip_rows)
    grouped, facts = _labelled_header(head, at)
    below = head[at + 1 :]
    cells = grouped or head[at]
    # A column with values under no title (the header's row ends before it) is read, as
    # column_N; formatted but empty columns at the right are not.
    # (Rows under the header repeated with more columns are read under it: not counted.)
    titles = {title_key(c) for c in cells if c.strip()}
    own = next(
        (k for k, r in enumerate(below) if len(r) > len(cells) and reads_as_header(r, titles)),
        len(below),
    )
    # (nor are the rows of a second table on the sheet, under a title or a header of its own)
    own = min(own, next((n - 1 for n, _, k in table_rows(iter(below), titles) if k), own))
    used = max((i + 1 for r in below[:own] for i, c in enumerate(r) if c.strip()), default=0)
    header = _unique_headers(cells + [""] * (used - len(cells)), column_numbers)
    while len(header) > max(1, used) and header[-1].startswith("column_"):
        header.pop()
    width = len(header)
    layout: dict[str, Any] = {"header_row": blank_above + at + 1, **layout_extra}
    layout |= preamble_layout(head, at, grouped is not None, first_row=blank_above + 1)
    if facts:
        layout["facts"] = list(facts)
    lines = [head[at - 1], head[at]] if grouped else []
    if grouped:
        layout["group_row"] = blank_above + at
    elif again := repeated_titles(cells, header, column_numbers):
        layout["repeated"] = again
    header_at = blank_above + at + 1  # the header's row in the sheet
    down = {
        c: [(a, b) for a, b in spans if a > header_at]
        for c, spans in (merged or {}).items()
        if c < width
    }
    down = {c: spans for c, spans in down.items() if spans}
    if down:
        layout["merged_down"] = sum(len(spans) for spans in down.values())
    layout |= _hidden_layout(layout, header, header_at)
    carried: dict[int, tuple[str, int]] = {}  # column -> (value, last row it covers)

    unread: list[int] = []  # data rows with values right of the header's columns

    def data() -> Iterator[list[str]]:
        yield from below
        yield from values

    blocks = HeaderBlocks(header, source)  # the header repeated with other columns
    rows: list[list[str]] = []
    numbers: list[int] = []
    rejects: list[dict[str, Any]] = []
    unsaved: list[str] = []  # the cells of formulas with no value: count, first named
    emitted = False
    # a second table on the sheet (:mod:`_table_blocks`): its title, its own header
    table = TableTitles(source, header_at, None if grouped else title_above(head, at), layout)
    stopped = False
    for n, cells, kind in table_rows(data(), titles):
        if problems and header_at + n in problems:
            found = problems.pop(header_at + n)
            rejects += _cell_rejects(source, n, found, header)
            unsaved += [
                _cell_ref(column_numbers[col] - 1 if column_numbers else col, header_at + n)
                for col, said in found
                if _NO_VALUE in said
            ]
        if down:
            cells = _fill_merged(cells, header_at + n, down, carried)
        if not any(c.strip() for c in cells):
            continue
        if width >= 2 and _is_sheet_comment(cells):
            # "# checked" in the first cell alone: a note between the rows, as in a CSV.
            rejects.append(_row_reject(source, n, "comment_line", cells[0].strip()))
            continue
        if kind == HEADER_AGAIN and not stopped:
            value = blocks.said(n, cells) if blocks.switches(cells) else table.rest(cells)
            rejects.append(_row_reject(source, n, "repeated_header", value))
            continue
        if kind == TITLE and not stopped:
            value = table.title(n, cells, blocks, rows)
            rejects.append(_row_reject(source, n, "second_table", value))
            continue
        if kind == NEW_HEADER:
            # titles the reader cannot read under (blank or repeated): the rest of the
            # sheet is the other table's, each row a reject that says so
            stopped = stopped or not blocks.start_table(cells)
            rejects.append(_row_reject(source, n, "second_table", table.header(n, cells, stopped)))
            continue
        if stopped:
            rejects.append(_row_reject(source, n, "second_table", table.rest(cells)))
            continue
        if blocks.switches(cells):
            rejects.append(_row_reject(source, n, "repeated_header", blocks.said(n, cells)))
            continue
        now = blocks.width
        if len(cells) > now and any(c.strip() for c in cells[now:]):
            unread[:] = [unread[0], unread[1] + 1] if unread else [n, 1]
        rows.append(table.fill(blocks.read((cells + [""] * now)[:now]), blocks))
        numbers.append(n)
        if len(rows) >= chunk_rows:
            chunk = _chunk(
                padded(rows, len(blocks.columns)), numbers, blocks.columns, source, rejects
            )
            chunk.facts, chunk.layout, chunk.header_lines = facts, layout, lines
            chunk.notes += [*table.notes(), *blocks.notes()]
            chunk.lacking = blocks.lacking()
            yield chunk
            rows, numbers, rejects, emitted = [], [], [], True
    _split_footer(rows, numbers, source, rejects)
    note = _unsaved_formulas_note(layout_extra.get("sheet"), unsaved)
    beyond = _beyond_header_note(source, header_at, unread)
    said = [*table.notes(), *blocks.notes()]
    if rows or rejects or not emitted or note or beyond or said:
        chunk = _chunk(padded(rows, len(blocks.columns)), numbers, blocks.columns, source, rejects)
        chunk.facts, chunk.layout, chunk.header_lines = facts, layout, lines
        chunk.notes += [*said, *(n for n in (note, beyond) if n)]
        chunk.lacking = blocks.lacking()
        yield chunk


def _is_sheet_comment(cells: list[str]) -> bool:
    """Whether a sheet's row is a comment line: its first cell starts with ``#`` and
    the others are empty (:func:`_is_comment_line` for a sheet, whose rows all have the
    table's width).

    Examples:
        >>> _is_sheet_comment(["# checked 02.05.", "", ""]), _is_sheet_comment(["#5", "Ion"])
        (True, False)
    """
    return cells[0].lstrip().startswith("#") and not any(c.strip() for c in cells[1:])


def _beyond_header_note(source: str, header_at: int, unread: list[int]) -> str | None:
    """The summary's warning of a sheet's rows with values right of its header's last
    column, below the rows its header was found in (``unread``: the first such data row
    and how many), so not read; None without them.

    Examples:
        >>> _beyond_header_note("book.xlsx", 1, [50, 2])[:65]
        'book.xlsx: 2 rows hold values right of the header (first: row 51)'
    """
    if not unread:
        return None
    first, count = unread
    rows = "row holds" if count == 1 else "rows hold"
    return (
        f"{source}: {count:,} {rows} values right of the header (first: row"
        f" {header_at + first}), in columns with no title, not read: give the column a"
        " title in the header row"
    )


def _cell_ref(col: int, row: int) -> str:
    """A sheet's cell as Excel names it: 0-based column ``col``, sheet row ``row``: B3."""
    from openpyxl.utils.cell import get_column_letter

    return f"{get_column_letter(col + 1)}{row}"


def _unsaved_formulas_note(sheet: str | None, cells: list[str]) -> str | None:
    """The summary's warning of the formula cells a sheet saved no value for (a workbook
    written by a program that does not compute formulas): read as empty, each a
    ``formula`` reject; None when there are none."""
    if not cells:
        return None
    where = cells[0] if sheet is None else f"{_sheet_ref(sheet)}!{cells[0]}"
    hold = "cells hold formulas" if len(cells) != 1 else "cell holds a formula"
    return (
        f"{len(cells):,} {hold} with no computed value (first: {where}), read as empty:"
        " open and save the workbook in Excel or LibreOffice, then ingest it again"
    )


def _sheet_ref(sheet: str) -> str:
    """A sheet's name as a cell reference writes it: quoted when it is not one word."""
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", sheet):
        return sheet
    return "'" + sheet.replace("'", "''") + "'"


def _hidden_layout(layout: dict[str, Any], header: list[str], header_at: int) -> dict[str, Any]:
    """The hidden columns and rows of a sheet (``hidden_column_numbers``, 1-based, and
    ``hidden_row_numbers``, sheet rows, found by the workbook's scan) as the summary names
    them: the titles of the hidden columns of the table, and the data rows (numbered
    from the header) that are hidden. Both are read like the others."""
    out: dict[str, Any] = {}
    columns = layout.pop("hidden_column_numbers", [])
    rows = layout.pop("hidden_row_numbers", [])
    titles = [header[c - 1] for c in columns if c <= len(header)]
    if titles:
        out["hidden_columns"] = titles
    below = [r - header_at for r in rows if r > header_at]
    if below:
        out["hidden_rows"] = below[:_HIDDEN_ROWS_KEPT]
        out["hidden_row_count"] = len(below)
    return out


_HIDDEN_ROWS_KEPT = 20


def hidden_summary(layout: dict[str, Any]) -> list[str]:
    """What the summary says of a sheet's hidden columns and rows, all read: "1 hidden
    column read: Passaporto", "2 hidden rows read (data rows 4, 9)"."""
    out = []
    if titles := layout.get("hidden_columns"):
        count = len(titles)
        out.append(f"{count} hidden column{'s' * (count > 1)} read: {', '.join(titles)}")
    if rows := layout.get("hidden_rows"):
        count = layout.get("hidden_row_count", len(rows))
        more = " ..." if count > len(rows) else ""
        span = row_span(rows).replace("row", "data row", 1)
        out.append(f"{count:,} hidden row{'s' * (count > 1)} read ({span}{more})")
    return out


def _cell_rejects(
    source: str, row: int, cells: list[tuple[int, str]], header: list[str]
) -> list[dict[str, Any]]:
    """Value-level ``formula`` rejects of data row ``row``'s unreadable ``cells``
    ((0-based column, what to say), see :func:`_formula_rows`)."""
    return [
        {
            "source": source,
            "row": row,
            "column": header[col] if col < len(header) else None,
            "reason": "formula",
            "value": said,
            "level": "value",
        }
        for col, said in cells
    ]


def _fill_merged(
    cells: list[str],
    row: int,
    down: dict[int, list[tuple[int, int]]],
    carried: dict[int, tuple[str, int]],
) -> list[str]:
    """``cells`` (sheet row ``row``) with each cell inside a range merged down (not its
    first row) set to that range's value, taken from its first row as it passed.
    ``down``'s spans are sorted and, in one column, never overlap (as in Excel): the one
    that can hold the row is found by bisection, not by a pass over them all (a list of
    ten thousand people, each name merged over its phones, is ten thousand spans)."""
    out = cells
    for col, spans in down.items():
        at = bisect.bisect_right(spans, (row, math.inf)) - 1
        if at < 0:
            continue
        first, last = spans[at]
        if row == first and col < len(cells):
            carried[col] = (cells[col], last)
        elif first < row <= last and col in carried and carried[col][1] == last:
            if out is cells:
                out = list(cells)
            out += [""] * max(0, col + 1 - len(out))
            out[col] = carried[col][0]
    return out


# -- HTML tables ---------------------------------------------------------------------------


def _read_html(
    path: Path,
    encoding: str | None,
    *,
    header_row: int | None,
    skip_rows: int,
    chunk_rows: int,
) -> Iterator[Chunk]:
    """The largest table of an HTML page (web-based case systems and bank portals save
    their "Excel export" as an HTML table, often named .xls)."""
    from linkgraph.ingest._html_tables import HtmlTables  # html.parser: for HTML pages only

    enc = detect_encoding(path, encoding)
    parser = HtmlTables()
    try:
        parser.feed(path.read_text(encoding=enc, errors=_errors(enc)))
    except UnicodeDecodeError as exc:
        raise _decode_error(path, enc, exc) from exc
    tables = [t for t in parser.tables if any(_filled(r) for r in t)]
    if not tables:
        raise InputError(
            "no table in the HTML page",
            source=path.name,
            hint="export the data as CSV or XLSX",
        )
    best = max(tables, key=lambda t: len(t) * max(len(r) for r in t))
    above = _key_value_rows(tables[: tables.index(best)])
    rows = ([c.replace("\x00", "") for c in r[:MAX_COLUMNS]] for r in [*above, *best])
    layout = {"tables": len(tables)}
    yield from _row_chunks(
        rows, path.name, layout, header_row=header_row, skip_rows=skip_rows, chunk_rows=chunk_rows
    )


def _key_value_rows(tables: list[list[list[str]]]) -> list[list[str]]:
    """The rows of the small key/value tables above a page's data table (a statement's
    "Titular | Ion Popa", "IBAN | RO49..."), placed above its header as a CSV's preamble
    is, so that they are the file's facts (``{fact: IBAN}``)."""
    out: list[list[str]] = []
    for table in tables:
        filled = [[c.strip() for c in r if c.strip()] for r in table]
        filled = [r for r in filled if r]
        if filled and len(filled) <= 20 and all(len(r) == 2 for r in filled):
            out += filled
    return out


# -- JSON ----------------------------------------------------------------------------------


def _records_frame(
    records: list[dict[str, Any]],
    source: str = "",
    rows: Any = None,
    rejects: list[dict[str, Any]] | None = None,
) -> tuple[pd.DataFrame, frozenset[str]]:
    """Flatten nested objects with dotted names; lists become JSON text (list columns).
    A lone surrogate (``"Iv\\ud800an"``, which no UTF-8 text holds) is replaced with
    U+FFFD, each value so changed a ``lone_surrogate`` reject added to ``rejects``.

    Raises:
        InputError: the records hold more than :data:`MAX_COLUMNS` distinct keys (``rows``,
            the records' row numbers, name the row where the limit was passed).
    """
    flat = [_flatten(r) for r in records]
    keys: set[str] = set()
    for i, record in enumerate(flat):
        if not keys.issuperset(record):
            keys.update(record)
            if len(keys) > MAX_COLUMNS:
                row = None if rows is None else int(rows[i])
                raise _too_wide(len(keys), source or "records", row=row, keys=True)
    if LONE_SURROGATE.search("".join(keys)):  # a key of a lone surrogate: U+FFFD
        flat = [{LONE_SURROGATE.sub("\ufffd", k): v for k, v in r.items()} for r in flat]
    frame = pd.DataFrame(flat, dtype=object)
    lists: set[str] = set()
    for col in frame.columns:
        values = frame[col]
        is_list = values.map(lambda v: isinstance(v, list))
        if is_list.any():
            lists.add(str(col))
        cells = _without_surrogates([_json_cell(v) for v in values], col, source, rows, rejects)
        frame[col] = pd.Series(cells, index=frame.index)
    frame.columns = [str(c) for c in frame.columns]
    return frame, frozenset(lists)


def _without_surrogates(
    cells: list[str],
    col: Any,
    source: str,
    rows: Any,
    rejects: list[dict[str, Any]] | None,
) -> list[str]:
    """``cells`` (of column ``col``) with each lone surrogate replaced by U+FFFD, and a
    ``lone_surrogate`` reject of each value changed (its row from ``rows``)."""
    try:
        "".join(cells).encode("utf-8")  # one pass over the column: mostly nothing to do
        return cells
    except UnicodeEncodeError:
        pass
    name = str(col)
    out = list(cells)
    for i, value in enumerate(cells):
        if LONE_SURROGATE.search(value) is None:
            continue
        out[i] = LONE_SURROGATE.sub("\ufffd", value)
        if rejects is not None:
            row = int(rows[i]) if rows is not None else i + 1
            reject = _row_reject(source, row, "lone_surrogate", shown_surrogates(value))
            rejects.append(reject | {"column": name, "level": "value"})
    return out


def _flatten(obj: Any, prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    if not isinstance(obj, dict):
        return {prefix or "value": obj}
    for key, value in obj.items():
        name = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, dict):
            out.update(_flatten(value, name))
        else:
            out[name] = value
    return out


def _json_cell(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return _cell_text(value)


def _read_json(
    path: Path, encoding: str | None, records: str | None, chunk_rows: int
) -> Iterator[Chunk]:
    enc = detect_encoding(path, encoding)
    duplicate = DuplicateKeys()
    try:
        data = json_loads(
            path.read_text(encoding=enc, errors=_errors(enc)), object_pairs_hook=duplicate
        )
    except json.JSONDecodeError as exc:
        raise InputError(
            f"not valid JSON: {exc.msg} (line {exc.lineno})",
            source=path.name,
            hint="for one JSON object per line, use format: jsonl",
        ) from exc
    except RecursionError:
        raise json_too_deep(path.name) from None
    if records:
        for part in records.split("."):
            if not isinstance(data, dict) or part not in data:
                raise InputError(
                    f"no {records!r} path in the JSON document",
                    source=path.name,
                    hint="set `records:` to the dotted path of the list of records",
                )
            data = data[part]
    data = _records_in(data)
    if not isinstance(data, list):
        where = f" at `records: {records}`" if records else ""
        raise InputError(
            f"expected a list of records{where}, found {_json_kind(data)}",
            source=path.name,
            hint=f"set `records:` to the dotted path of the list of records (not {records!r})"
            if records
            else 'records are a JSON list of objects ([{"name": "Ana", "phone": "..."}, ...]);'
            " for one object per line use format: jsonl, for a list under a key set"
            " `records:`",
        )
    if not data:
        where = f" (`records: {records}` is an empty list)" if records else ""
        raise InputError(
            f"the file holds no records{where}", source=path.name, hint="export it again"
        )
    notes = [] if duplicate.key is None else [duplicate_key_note(path.name, None, duplicate.key)]
    for start in range(0, max(len(data), 1), chunk_rows):
        block = data[start : start + chunk_rows]
        rows = np.arange(start + 1, start + len(block) + 1, dtype=np.int64)
        rejects: list[dict[str, Any]] = []
        frame, lists_ = _records_frame(
            [r if isinstance(r, dict) else {"value": r} for r in block], path.name, rows, rejects
        )
        yield Chunk(frame, rows, path.name, lists_, rejects, notes=notes if start == 0 else [])


def _records_in(data: Any) -> Any:
    """The list of records in a JSON document without a ``records:`` path: the document
    itself when it is a list; else, through objects that hold one list (or, holding no
    list, one object) - ``{"data": {"reports": [...]}}`` -, that list; else the object as
    the one record."""
    node = data
    for _ in range(20):
        if not isinstance(node, dict):
            return _table_rows(node)
        lists = [v for v in node.values() if isinstance(v, list)]
        objects = [v for v in node.values() if isinstance(v, dict)]
        if len(lists) == 1:
            return _table_rows(lists[0])
        keyed = None if lists else _keyed_records(node)
        if keyed is not None:
            return keyed
        if not lists and len(objects) == 1:
            node = objects[0]
            continue
        break
    return [data]


def _keyed_records(node: dict[str, Any]) -> list[dict[str, Any]] | None:
    """An object of records keyed by their ids (``{"123": {"name": ...}, "124": {...}}``,
    as some APIs and database exports give them) as a list of records, each with its key
    as ``key`` (``_key`` when the records have a ``key`` of their own); None when the
    object's values are not records alike (at least two objects sharing half their keys).

    Examples:
        >>> _keyed_records({"7": {"name": "Ana"}, "8": {"name": "Bo"}})
        [{'key': '7', 'name': 'Ana'}, {'key': '8', 'name': 'Bo'}]
        >>> _keyed_records({"meta": {"page": 1}, "data": {"name": "Ana"}}) is None
        True
        >>> _keyed_records({"victim": {"name": "Ana"}, "suspect": {"name": "Bo"}}) is None
        True
    """
    values = list(node.values())
    if len(values) < 2 or not all(isinstance(v, dict) and v for v in values):
        return None
    if len(values) < 5 and not all(any(ch.isdigit() for ch in str(k)) for k in node):
        return None  # {"victims": {...}, "suspects": {...}}: groups of one record, not ids
    keys = [set(v) for v in values]
    if len(set.intersection(*keys)) * 2 < max(len(k) for k in keys):
        return None
    name = "_key" if any("key" in v for v in values) else "key"
    return [{name: k, **v} for k, v in node.items()]


def _table_rows(data: Any) -> Any:
    """A JSON table written as lists (``[["name", "phone"], ["Ana", "+40…"], ...]``) as
    records named by its first row; anything else as it is."""
    if (
        isinstance(data, list)
        and len(data) >= 2
        and all(isinstance(r, list) for r in data)
        and data[0]
        and all(isinstance(c, str) and c.strip() for c in data[0])
        and len(set(data[0])) == len(data[0])
    ):
        header = data[0]
        return [dict(zip(header, r, strict=False)) for r in data[1:]]
    return data


class DuplicateKeys:
    """An ``object_pairs_hook`` for :func:`json.loads` that builds each object as the
    default decoder does (a repeated key keeps its last value) and remembers the first
    repeated key it meets."""

    __slots__ = ("key",)

    def __init__(self) -> None:
        self.key: str | None = None

    def __call__(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        if len(obj) < len(pairs) and self.key is None:
            seen: set[str] = set()
            for key, _ in pairs:
                if key in seen:
                    self.key = key
                    break
                seen.add(key)
        return obj


def duplicate_key_note(name: str, line: int | None, key: str) -> str:
    """The summary's warning of a key repeated in an object of file ``name`` (first met
    on JSON Lines line ``line``; None for a whole JSON document)."""
    where = "the document" if line is None else f"line {line}"
    return (
        f"{name}: {where} has the key {key!r} twice in one object (and other objects may"
        " too): only the last value is read, as JSON readers do; check the export"
    )


def _read_jsonl(path: Path, encoding: str | None, chunk_rows: int) -> Iterator[Chunk]:
    """Chunks of a JSON Lines file's records; a record's row is its line number (blank
    lines count, as an editor numbers lines); a line that is not JSON is an
    ``invalid_json`` reject of its row. A key repeated in an object keeps its last value,
    and the summary names the first such line and key."""
    enc = detect_encoding(path, encoding)
    records: list[dict[str, Any]] = []
    numbers: list[int] = []
    rejects: list[dict[str, Any]] = []
    notes: list[str] = []
    duplicate = DuplicateKeys()
    noted = False
    filled = 0
    with open(path, encoding=enc, errors=_errors(enc), newline=None) as fh:
        try:
            for n, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                filled += 1
                try:
                    obj = json_loads(line)
                    # One '":' a key: as many as the object's keys, none is repeated (a
                    # nested object, a '":' in a text or a spaced colon: read again, with
                    # the hook that finds a repeated key; the C decoder alone is 40% faster).
                    if not noted and (type(obj) is not dict or line.count('":') != len(obj)):
                        obj = json_loads(line, object_pairs_hook=duplicate)
                    if duplicate.key is not None and not noted:
                        notes.append(duplicate_key_note(path.name, n, duplicate.key))
                        noted = True
                except json.JSONDecodeError as exc:
                    rejects.append(
                        _row_reject(path.name, n, "invalid_json", f"{exc.msg}: {line[:200]}")
                    )
                    continue
                except RecursionError:
                    rejects.append(_row_reject(path.name, n, "invalid_json", "nested too deeply"))
                    continue
                records.append(obj if isinstance(obj, dict) else {"value": obj})
                numbers.append(n)
                if len(records) >= chunk_rows:
                    frame, lists = _records_frame(records, path.name, numbers, rejects)
                    yield Chunk(
                        frame, np.asarray(numbers, np.int64), path.name, lists, rejects,
                        notes=notes,
                    )  # fmt: skip
                    records, numbers, rejects, notes = [], [], [], []
        except UnicodeDecodeError as exc:
            raise _decode_error(path, enc, exc) from exc
    if not filled:
        raise InputError("the file holds no records", source=path.name, hint="export it again")
    frame, lists = (
        _records_frame(records, path.name, numbers, rejects)
        if records
        else (pd.DataFrame(), frozenset())
    )
    yield Chunk(frame, np.asarray(numbers, np.int64), path.name, lists, rejects, notes=notes)


def _row_reject(source: str, row: int, reason: str, value: str | None) -> dict[str, Any]:
    return {
        "source": source,
        "row": row,
        "column": None,
        "reason": reason,
        "value": value,
        "level": "row",
    }


# -- Parquet -------------------------------------------------------------------------------


#: Longest text cell read from Parquet (as from XLSX), and most text one chunk may expand to.
PARQUET_MAX_CELL_CHARS = 1 << 20
PARQUET_CHUNK_TEXT_BYTES = 64 << 20
#: A file whose text expands to more than this many times its size (and over 256 MB) is
#: refused as a compression bomb: honest tables expand tens of times, not thousands.
PARQUET_MAX_EXPANSION = 1000


def _read_parquet(path: Path, chunk_rows: int) -> Iterator[Chunk]:
    """Record batches as chunks. Text columns are read dictionary-encoded, so a small file
    whose one long value repeats a million times (a compression bomb) is measured before
    it is expanded: a cell over :data:`PARQUET_MAX_CELL_CHARS` or a file expanding more than
    :data:`PARQUET_MAX_EXPANSION` times is refused, and a batch is split so that no chunk
    expands to more than :data:`PARQUET_CHUNK_TEXT_BYTES` of text."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    try:
        schema = pq.read_schema(path)
        text = [
            f.name
            for f in schema
            if pa.types.is_string(f.type)
            or pa.types.is_large_string(f.type)
            or pa.types.is_binary(f.type)
            or pa.types.is_large_binary(f.type)
        ]
        pf = pq.ParquetFile(path, read_dictionary=text)
    except Exception as exc:
        raise InputError(f"cannot read as Parquet: {exc}", source=path.name) from exc
    if pf.metadata.num_columns > MAX_COLUMNS:
        raise _too_wide(pf.metadata.num_columns, path.name)
    done = expanded = 0
    file_bytes = max(path.stat().st_size, 1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for batch in pf.iter_batches(batch_size=chunk_rows):
            sizes = np.zeros(batch.num_rows, dtype=np.int64)
            for name, column in zip(batch.schema.names, batch.columns, strict=True):
                if not pa.types.is_dictionary(column.type):
                    continue
                lengths = pc.binary_length(column.dictionary).fill_null(0).to_numpy()
                if len(lengths) and lengths.max() > PARQUET_MAX_CELL_CHARS:
                    at = np.flatnonzero(lengths > PARQUET_MAX_CELL_CHARS)[0]
                    used = np.flatnonzero(column.indices.fill_null(-1).to_numpy() == at)
                    raise InputError(
                        f"a cell of {int(lengths[at]):,} bytes (at most "
                        f"{PARQUET_MAX_CELL_CHARS:,} are read)",
                        source=path.name,
                        row=done + int(used[0]) + 1 if len(used) else None,
                        column=name,
                        hint="keep long texts out of the file; export the columns the case needs",
                    )
                indices = column.indices.fill_null(0).to_numpy(zero_copy_only=False)
                sizes += lengths[indices] if len(lengths) else 0
            expanded += int(sizes.sum())
            if expanded > max(256 << 20, PARQUET_MAX_EXPANSION * file_bytes):
                raise InputError(
                    f"its text expands to over {expanded >> 20:,} MB by row {done + len(sizes):,} "
                    f"from a file of {file_bytes:,} bytes: refused as a compression bomb",
                    source=path.name,
                    hint="export the table again without repeating long values",
                )
            for part in _split_by_size(batch, sizes, PARQUET_CHUNK_TEXT_BYTES):
                rows = np.arange(done + 1, done + part.num_rows + 1, dtype=np.int64)
                frame, lists = _records_frame(part.to_pylist(), path.name, rows)
                done += part.num_rows
                yield Chunk(frame, rows, path.name, lists)


def _split_by_size(batch: Any, sizes: np.ndarray, limit: int) -> Iterator[Any]:
    """Slices of ``batch`` whose rows' ``sizes`` sum to at most ``limit`` (one row at least)."""
    start = 0
    total = np.cumsum(sizes)
    while start < batch.num_rows:
        base = total[start - 1] if start else 0
        end = int(np.searchsorted(total, base + limit, side="right"))
        end = max(end, start + 1)
        yield batch.slice(start, end - start)
        start = end
