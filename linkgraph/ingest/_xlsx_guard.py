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
        raise InputError(
            f"cannot open as an XLSX workbook: {exc}",
            source=path.name,
            hint="save it as .xlsx, or export CSV",
        ) from exc
    with zf:
        names = {info.filename: info for info in zf.infolist()}
        check_members(path, list(names.values()), what="workbook")
        long_strings: dict[int, int] = {}
        if "xl/sharedStrings.xml" in names:
            long_strings = _scan_shared(zf, names["xl/sharedStrings.xml"], path.name)
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
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as exc:
        raise InputError(
            f"cannot unzip the workbook's part {info.filename}: {exc}",
            source=source,
            hint="save it as .xlsx again, or export CSV",
        ) from None


def _local(name: str) -> str:
    return name.rsplit(" ", 1)[-1]


def _scan_shared(zf: zipfile.ZipFile, info: zipfile.ZipInfo, source: str) -> dict[int, int]:
    """Lengths of the shared strings over :data:`MAX_CELL_CHARS`, by index."""
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
    _feed(zf, info, parser, source)
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
