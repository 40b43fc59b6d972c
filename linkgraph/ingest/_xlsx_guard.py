"""Limits on an XLSX workbook, checked by streaming its XML before openpyxl reads it.

A workbook is a zip of XML files, so a file of a few hundred KB can expand to gigabytes:
one shared string of 400 MB, a sheet of millions of rows, a styles part of a GB. openpyxl
(even ``read_only``) builds every shared string and every cell value in memory, so those
are measured here first, with expat, a block at a time and without keeping any text:

- a part other than a sheet or the shared strings above :data:`MAX_PART_BYTES` once
  unzipped is refused;
- a cell (inline text, a value, a formula, or the shared string it uses) longer than
  :data:`MAX_CELL_CHARS` characters is refused, naming its sheet, row and column;
- a sheet with more rows than :data:`MAX_ROWS` (Excel's own limit) is refused at the first
  row over it, a row with a cell right of :data:`MAX_COLUMNS` (Excel's last column, XFD) at
  that cell: a row of millions of empty ``<c/>`` cells, a few KB zipped, would otherwise
  be built whole by openpyxl (GBs, minutes);
- a sheet unzipping to over :data:`MAX_SHEET_RATIO` times its zipped size (and past
  :data:`~linkgraph.ingest.archive.LARGE_UNPACKED_BYTES`) is refused before it is read: a
  sheet a spreadsheet program writes shrinks 5 to 30 times (a sheet of formatted empty
  rows some 250 times); one string repeated, a "zip bomb", up to 1,030 times (deflate's
  most), whose scan alone would take minutes per GB;
- a DOCTYPE (XML entities, the "billion laughs") is refused: spreadsheets never declare one.

The scan also counts each sheet's formula cells, so that the reader reads the formulas
(besides the values) only of the sheets that have any, finds its hidden columns and
the hidden rows that hold a value (read like the others; the summary names them), and
the columns that hold a value in some row: the others (no title, no value: formatted
cells, a cell far right) are left out of the table at no cost.

Each check raises :class:`~linkgraph.errors.InputError` with a hint; nothing here allocates
more than a block of XML.
"""

from __future__ import annotations

import html
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

from linkgraph.errors import InputError
from linkgraph.ingest.archive import LARGE_UNPACKED_BYTES, check_members

#: Excel's limits: rows of a sheet, columns of a sheet (A to XFD), characters of a cell.
MAX_ROWS = 1_048_576
MAX_COLUMNS = 16_384
EXCEL_CELL_CHARS = 32_767
#: Longest cell read (30 times Excel's own limit, for files written by other tools).
MAX_CELL_CHARS = 1 << 20
#: Most times a sheet larger than LARGE_UNPACKED_BYTES may unzip to its zipped size.
MAX_SHEET_RATIO = 500
#: Largest unzipped part other than sheets and shared strings (workbook, styles, ...).
MAX_PART_BYTES = 64 << 20
#: Most sheets a workbook may have (Excel sets none; a workbook of a thousand is rare):
#: each costs the scan, openpyxl and the ingest some time of its own.
MAX_SHEETS = 2_000
_BLOCK = 1 << 16
_HINT = "save the sheet as CSV, or split it; a spreadsheet cell holds at most 32,767 characters"


@dataclass
class SheetScan:
    """What the scan of one sheet found: its formula cells, its hidden columns (1-based),
    its hidden rows that hold a value (sheet rows, from 1) and the columns (1-based) that
    hold a value (a text, a number, a formula) in some row."""

    formulas: int = 0
    hidden_columns: list[int] = field(default_factory=list)
    hidden_rows: list[int] = field(default_factory=list)
    filled_columns: set[int] = field(default_factory=set)
    #: The last row (from 1) holding a value; 0: none. Rows below it (formatted, empty)
    #: are not read.
    last_row: int = 0


_HIDDEN = frozenset(["1", "true"])


def check_workbook(path: Path) -> dict[str, SheetScan]:
    """What the scan found in each sheet of the workbook at ``path``, by sheet title
    (sheets without a title in the workbook part keep their part's name).

    Raises:
        InputError: the workbook goes over a limit (see the module).
    """
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        from linkgraph.ingest._workbook_open import DAMAGED_HINT, damaged_message

        damaged = damaged_message(exc)
        if damaged is not None:
            raise InputError(damaged, source=path.name, hint=DAMAGED_HINT) from None
        raise InputError(
            f"cannot open as an XLSX workbook: {exc}",
            source=path.name,
            hint="save it as .xlsx, or export CSV",
        ) from exc
    with zf:
        names = {info.filename: info for info in zf.infolist()}
        check_members(path, list(names.values()), what="workbook")
        sheets = sum(1 for name in names if re.fullmatch(r"xl/worksheets/[^/]+\.xml", name))
        if sheets > MAX_SHEETS:
            raise InputError(
                f"the workbook has {sheets:,} sheets (at most {MAX_SHEETS:,} are read): not a"
                " workbook a spreadsheet program wrote for people to read, or a 'bomb' of"
                " sheets; not read",
                source=path.name,
                hint="save the sheets that hold data as CSV files (or copy them into one"
                " sheet) and ingest those",
            )
        long_strings: dict[int, int] = {}
        if "xl/sharedStrings.xml" in names:
            sheet_bytes = sum(
                info.file_size
                for name, info in names.items()
                if re.fullmatch(r"xl/worksheets/[^/]+\.xml", name)
            )
            long_strings = _scan_shared(zf, names["xl/sharedStrings.xml"], path.name, sheet_bytes)
        sheet_names = _sheet_titles(zf, names)
        scans: dict[str, SheetScan] = {}
        for name, info in names.items():
            if re.fullmatch(r"xl/worksheets/[^/]+\.xml", name):
                title = sheet_names.get(name, name)
                _check_ratio(info, f"{path.name}#{title}")
                scans[title] = _scan_sheet(zf, info, path.name, title, long_strings)
            elif name != "xl/sharedStrings.xml" and info.file_size > MAX_PART_BYTES:
                raise InputError(
                    f"the workbook's part {name} unzips to {info.file_size / 2**20:,.0f} MB "
                    f"(at most {MAX_PART_BYTES >> 20} MB are read)",
                    source=path.name,
                    hint="open and save it again in a spreadsheet program, or export CSV",
                )
    return scans


def _check_ratio(info: zipfile.ZipInfo, where: str) -> None:
    """Refuse a sheet part unzipping to over :data:`MAX_SHEET_RATIO` times its zipped size
    and past :data:`~linkgraph.ingest.archive.LARGE_UNPACKED_BYTES` (see the module)."""
    size, zipped = info.file_size, max(info.compress_size, 1)
    if size > LARGE_UNPACKED_BYTES and size > MAX_SHEET_RATIO * zipped:
        raise InputError(
            f"the sheet unzips to {size / 2**20:,.0f} MB from {zipped / 2**10:,.0f} KB"
            f" ({size // zipped:,} times; a sheet a spreadsheet program writes, at most some"
            f" {MAX_SHEET_RATIO // 2:,} times): nearly all one repeated string, a damaged file"
            " or a 'zip bomb'; not read",
            source=where,
            hint="open the file in Excel or LibreOffice and save it again (or export the"
            " sheet as CSV) if it holds data; otherwise do not read it",
        )


def _unzip_error(info: zipfile.ZipInfo, exc: BaseException, source: str) -> InputError:
    from linkgraph.ingest._workbook_open import DAMAGED_HINT, damaged_message

    said = damaged_message(exc) or f"cannot unzip: {exc}"
    return InputError(f"{said} (its part {info.filename})", source=source, hint=DAMAGED_HINT)


def _parser(source: str) -> expat.XMLParserType:
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True
    parser.buffer_size = _BLOCK

    def doctype(*_: object) -> None:
        raise InputError(
            "the workbook declares XML entities (a DOCTYPE), which spreadsheets never do",
            source=source,
            hint="open and save it again in a spreadsheet program, or export CSV",
        )

    parser.StartDoctypeDeclHandler = doctype
    return parser


def _feed(
    zf: zipfile.ZipFile, info: zipfile.ZipInfo, parser: expat.XMLParserType, source: str
) -> None:
    try:
        with zf.open(info) as fh:
            while block := fh.read(_BLOCK):
                parser.Parse(block, False)
            parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise InputError(
            f"the workbook's part {info.filename} is not valid XML ({exc})",
            source=source,
            hint="open and save it again in a spreadsheet program, or export CSV",
        ) from None
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, zlib.error) as exc:
        raise _unzip_error(info, exc, source) from None


#: An empty cell referenced in columns A to ZZ (``<c r="B7" s="3"/>``: a formatted cell,
#: no value); a cell further right goes to expat, which checks its column.
_EMPTY_CELL = re.compile(rb'<c r="\$?[A-Za-z]{1,2}\$?[0-9]+"[^<>/]*/>')
_FAR_REF = re.compile(rb'<c r="\$?[A-Za-z]{3}')


def _quiet(text: bytes) -> bool:
    """Whether a run of a sheet's XML (cut after a ``>``) holds only numbered rows and
    empty cells referenced in columns A to ZZ (every tag a ``<row r=..>``, a ``</row>`` or
    a ``<c r="..">`` with no content: no value, formula, inline text, hidden column):
    bytes counted, no Python work per cell."""
    if b"<row>" in text:
        return False  # a row without its number: numbered by expat
    tags = text.count(b"<")
    rows = text.count(b"<row") + text.count(b"</row>")
    return tags == rows + text.count(b'<c r="') and _FAR_REF.search(text) is None


def _quiet_rows(text: bytes) -> bytes:
    """What expat is given of a quiet run (:func:`_quiet`): the rows it closes and opens
    (a ``</row>`` first when it starts inside a row, its last row's tag, that row's
    ``</row>``), so that the rows stay balanced and the last row number is checked."""
    first_open, first_close = text.find(b"<row"), text.find(b"</row>")
    head = b"</row>" if first_close >= 0 and (first_open < 0 or first_close < first_open) else b""
    last_open = text.rfind(b"<row")
    if last_open < 0:
        return head
    tag = text[last_open : text.index(b">", last_open) + 1]
    closed = text.rfind(b"</row>") > last_open
    return head + tag + (b"</row>" if closed else b"")


def _feed_sheet(
    zf: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    parser: expat.XMLParserType,
    source: str,
) -> None:
    """:func:`_feed` of a sheet, its empty cells with a reference (columns A to ZZ) left
    out before expat sees them: a sheet formatted down to row 1,048,576 holds tens of
    millions of them, a Python call each otherwise. A block of nothing but rows of such
    cells (:func:`_quiet`) is given to expat as its last row (:func:`_quiet_rows`); in
    another block they are taken out by a regular expression. Empty cells without a
    reference are kept (their column is their position)."""
    try:
        with zf.open(info) as fh:
            tail = b""
            while block := fh.read(_BLOCK):
                text = tail + block
                cut = text.rfind(b">") + 1  # a tag cut by the block's end waits for the rest
                text, tail = text[:cut], text[cut:]
                if _quiet(text):
                    parser.Parse(_quiet_rows(text), False)
                else:
                    parser.Parse(_EMPTY_CELL.sub(b"", text), False)
            parser.Parse(tail, True)
    except expat.ExpatError as exc:
        raise InputError(
            f"the workbook's part {info.filename} is not valid XML ({exc})",
            source=source,
            hint="open and save it again in a spreadsheet program, or export CSV",
        ) from None
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, zlib.error) as exc:
        raise _unzip_error(info, exc, source) from None


def _local(name: str) -> str:
    return name.rsplit(" ", 1)[-1]


#: Most shared strings read (openpyxl keeps each as a Python string: some 80 bytes each).
MAX_SHARED_STRINGS = 10_000_000
#: Most times the shared strings larger than LARGE_UNPACKED_BYTES may unzip to their
#: zipped size: a program's shared strings (names, numbers, ids) shrink 3 to 20 times.
MAX_SHARED_RATIO = 200
#: The shortest cell using a shared string (``<c t="s"><v>0</v></c>``): the sheets' size
#: over it bounds how many shared strings they can use.
_SHARED_CELL_BYTES = 20
#: Shared strings allowed besides those the sheets have room to use (strings a program
#: kept after their cells were deleted).
_SHARED_SLACK = 100_000
_SI = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s/>]")
_SCAN_BLOCK = 1 << 18  # under MAX_CELL_CHARS: a long string spans a block with no <si>


def _shared_refused(source: str, said: str) -> InputError:
    return InputError(
        f"the workbook's shared strings (xl/sharedStrings.xml) {said}: not a workbook a"
        " spreadsheet program wrote (a damaged file, or a 'zip bomb'); not read",
        source=source,
        hint="if it holds data, open it in Excel or LibreOffice and save each sheet as CSV,"
        " then ingest the CSV files; otherwise do not read it",
    )


def _scan_shared(
    zf: zipfile.ZipFile, info: zipfile.ZipInfo, source: str, sheet_bytes: int = 0
) -> dict[int, int]:
    """Lengths of the shared strings over :data:`MAX_CELL_CHARS`, by index.

    The part is refused, before openpyxl builds its strings, when it unzips to over
    :data:`MAX_SHARED_RATIO` times its zipped size (past
    :data:`~linkgraph.ingest.archive.LARGE_UNPACKED_BYTES`), or when it holds more strings
    than :data:`MAX_SHARED_STRINGS` or than the sheets (``sheet_bytes`` unzipped) have room
    to use. The strings are counted a block at a time by a regular expression (no Python
    work per string); a string that may be long (a stretch of over MAX_CELL_CHARS bytes
    with no ``<si>``) has its characters counted exactly by :func:`_long_shared`."""
    size, zipped = info.file_size, max(info.compress_size, 1)
    if size > LARGE_UNPACKED_BYTES and size > MAX_SHARED_RATIO * zipped:
        raise _shared_refused(
            source,
            f"unzip to {size / 2**20:,.0f} MB from {zipped / 2**10:,.0f} KB ({size // zipped:,}"
            f" times; a spreadsheet program's, at most some {MAX_SHARED_RATIO // 4:,} times)",
        )
    room = min(MAX_SHARED_STRINGS, sheet_bytes // _SHARED_CELL_BYTES + _SHARED_SLACK)
    count = 0
    last = 0  # offset of the last <si> seen
    offset = 0  # offset of `text` in the part
    maybe_long = False
    tail = b""
    try:
        with zf.open(info) as fh:
            while True:
                block = fh.read(_SCAN_BLOCK)
                text = tail + block
                # a tag cut by the block's end is found in the next block
                cut = len(text) if not block else max(0, len(text) - 64)
                found = [m.start() for m in _SI.finditer(text, 0, cut)] if cut else []
                if found:
                    if found[0] + offset - last > MAX_CELL_CHARS:
                        maybe_long = True
                    last = found[-1] + offset
                    count += len(found)
                    if count > room:
                        limit = (
                            f"the {MAX_SHARED_STRINGS:,} read"
                            if room == MAX_SHARED_STRINGS
                            else f"the {room:,} its sheets"
                            f" ({sheet_bytes:,} bytes unzipped) have room to use"
                        )
                        raise _shared_refused(
                            source, f"hold more than {count:,} strings, over {limit}"
                        )
                offset += cut
                tail = text[cut:]
                if not block:
                    break
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, zlib.error) as exc:
        raise _unzip_error(info, exc, source) from None
    if offset - last > MAX_CELL_CHARS:
        maybe_long = True
    return _long_shared(zf, info, source) if maybe_long else {}


def _long_shared(zf: zipfile.ZipFile, info: zipfile.ZipInfo, source: str) -> dict[int, int]:
    """Lengths of the shared strings over :data:`MAX_CELL_CHARS`, by index, counted by
    expat (a Python call per element: used when the count allows, see :func:`_scan_shared`)."""
    parser = _parser(source)
    state = {"index": -1, "chars": 0}
    long: dict[int, int] = {}

    def start(name: str, _attrs: object) -> None:
        if _local(name) == "si":
            state["index"] += 1
            state["chars"] = 0

    def text(data: str) -> None:
        state["chars"] += len(data)
        if state["chars"] > MAX_CELL_CHARS:
            long[state["index"]] = state["chars"]
            # Stop counting this string: its length is known to be over the limit.
            state["chars"] = -(1 << 62)

    parser.StartElementHandler = start
    parser.CharacterDataHandler = text
    _feed(zf, info, parser, source)
    return long


def _column_number(ref: str) -> int:
    """The column (1-based) of a cell reference, read as openpyxl does: ``B7``, ``b7``,
    ``$B$7`` are column 2."""
    n = 0
    for ch in ref.lstrip("$").upper():
        if "A" <= ch <= "Z":
            n = n * 26 + ord(ch) - 64
        else:
            break
    return n


def _column_letters(n: int) -> str:
    out = ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out or "A"


def _scan_sheet(
    zf: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    source: str,
    title: str,
    long_strings: dict[int, int],
) -> SheetScan:
    """Check one sheet's rows and cells (see the module); its formula cells, hidden
    columns and hidden rows with a value."""
    parser = _parser(source)
    where = f"{source}#{title}"
    state = {"row": 0, "col": 0, "chars": 0, "shared": False, "in_v": False, "formulas": 0}
    state["row_hidden"] = False
    scan = SheetScan()
    filled = scan.filled_columns
    value: list[str] = []

    def too_long(chars: int) -> InputError:
        return InputError(
            f"a cell of more than {MAX_CELL_CHARS:,} characters ({chars:,} counted before "
            "stopping); at most that many are read",
            source=where,
            row=state["row"],
            column=_column_letters(state["col"]),
            hint=_HINT,
        )

    def too_wide() -> InputError:
        return InputError(
            f"a row with a cell right of column {_column_letters(MAX_COLUMNS)}, Excel's last"
            f" (column {state['col']:,}): not a sheet a spreadsheet program wrote (a damaged"
            " file, or a 'zip bomb' of empty cells); nothing of it was read",
            source=where,
            row=state["row"],
            hint="open the file in Excel or LibreOffice and save it again (or export the"
            " sheet as CSV) if it holds data; otherwise do not read it",
        )

    def start(name: str, attrs: dict[str, str]) -> None:
        tag = _local(name)
        if tag == "row":
            r = attrs.get("r")
            state["row"] = int(r) if r and r.isdigit() else state["row"] + 1
            state["col"] = 0
            state["row_hidden"] = attrs.get("hidden", "").lower() in _HIDDEN
            if state["row"] > MAX_ROWS:
                raise InputError(
                    f"more than {MAX_ROWS:,} rows, Excel's limit: not a workbook a spreadsheet "
                    "program wrote",
                    source=where,
                    row=state["row"],
                    hint="export the data as CSV (which has no row limit)",
                )
        elif tag == "c":
            ref = attrs.get("r")
            state["col"] = _column_number(ref) if ref else state["col"] + 1
            if state["col"] > MAX_COLUMNS:
                raise too_wide()
            state["chars"] = 0
            state["shared"] = attrs.get("t") == "s"
        elif tag == "v" and long_strings:
            state["in_v"] = True
            value.clear()
        elif tag == "f":
            state["formulas"] += 1
        elif tag == "col" and attrs.get("hidden", "").lower() in _HIDDEN:
            scan.hidden_columns += _column_span(attrs)
        if tag in ("v", "is", "f"):
            filled.add(state["col"])
            scan.last_row = state["row"]
            if state["row_hidden"] and tag != "f":
                scan.hidden_rows.append(state["row"])
                state["row_hidden"] = False  # a row counts once

    def end(name: str) -> None:
        tag = _local(name)
        if tag == "v":
            state["in_v"] = False
            if state["shared"] and long_strings:
                text = "".join(value).strip()
                if text.isdigit() and int(text) in long_strings:
                    raise too_long(long_strings[int(text)])

    def text(data: str) -> None:
        state["chars"] += len(data)
        if state["chars"] > MAX_CELL_CHARS:
            raise too_long(state["chars"])
        if state["in_v"] and state["shared"] and len(value) < 4:
            value.append(data)

    parser.StartElementHandler = start
    if long_strings:  # only then are the shared-string indexes of cells followed
        parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    _feed_sheet(zf, info, parser, source)
    scan.formulas = state["formulas"]
    return scan


def _column_span(attrs: dict[str, str]) -> list[int]:
    """The columns (1-based) a ``<col min= max=>`` element covers, at most Excel's 16,384."""
    low, high = attrs.get("min", ""), attrs.get("max", "")
    if not low.isdigit():
        return []
    first = int(low)
    last = int(high) if high.isdigit() else first
    return list(range(first, min(last, 16_384) + 1))


def _sheet_titles(zf: zipfile.ZipFile, names: dict[str, zipfile.ZipInfo]) -> dict[str, str]:
    """Sheet part -> the sheet's title (for messages); parts without one keep their name."""
    try:
        if names["xl/workbook.xml"].file_size > MAX_PART_BYTES:
            return {}
        if names["xl/_rels/workbook.xml.rels"].file_size > MAX_PART_BYTES:
            return {}
        workbook = zf.read("xl/workbook.xml").decode("utf-8", "replace")
        rels = zf.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    except (KeyError, zipfile.BadZipFile, OSError):
        return {}
    targets = {
        m.group("id"): m.group("target")
        for m in re.finditer(
            r'<Relationship\b[^>]*?\bId="(?P<id>[^"]+)"[^>]*?\bTarget="(?P<target>[^"]+)"', rels
        )
    }
    targets.update(
        {
            m.group("id"): m.group("target")
            for m in re.finditer(
                r'<Relationship\b[^>]*?\bTarget="(?P<target>[^"]+)"[^>]*?\bId="(?P<id>[^"]+)"', rels
            )
        }
    )
    out = {}
    for m in re.finditer(r"<(?:\w+:)?sheet\b([^>]*)>", workbook):
        # attribute values as written in XML: "Victims &lt;script&gt;" is the sheet
        # openpyxl names "Victims <script>" (the scans are looked up by that name)
        attrs = {k: html.unescape(v) for k, v in re.findall(r'([\w:]+)="([^"]*)"', m.group(1))}
        rid = next((v for k, v in attrs.items() if k.endswith(":id")), None)
        target = targets.get(rid or "")
        if target and "name" in attrs:
            part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            out[part] = attrs["name"]
    return out
