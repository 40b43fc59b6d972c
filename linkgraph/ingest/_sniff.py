"""A file whose first bytes say it is not what its name (or its mapping's ``format:``) says:
a workbook, a document, an image or a ZIP archive named ``.csv``, a CSV text named
``.xlsx``. Read a few bytes once, before any reader decodes the file as its name says
(a JPEG read as CSV has the header "ÿØÿàJFIF"; a CSV opened as a workbook "is not a zip
file").

A gzip file or a ZIP archive of one data file is read as the file it holds
(:mod:`linkgraph.ingest.archive`): it is left alone here.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from linkgraph.errors import InputError

_OLE = b"\xd0\xcf\x11\xe0"  # Office 97-2003: its .xls reader says how to convert it
#: First bytes of files that are no table -> what they are.
_NOT_TABLES = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "an image (PNG)"),
    (b"\xff\xd8\xff", "an image (JPEG)"),
    (b"GIF87a", "an image (GIF)"),
    (b"GIF89a", "an image (GIF)"),
    (b"II*\x00", "an image (TIFF)"),
    (b"MM\x00*", "an image (TIFF)"),
    (_OLE, "an old Office document (.doc, or .xls of Excel 97-2003)"),
)
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
#: Names (extensions or ``format:``) of files that are ZIP containers, or read by content
#: as one (a web system's "export.xls" that is an .xlsx).
_ZIP_NAMES = frozenset(
    {"xlsx", "xlsm", "xltx", "xls", "htm", "html", "ods", "docx", "mtgx", "anx", "zip"}
)
_WORKBOOK_NAMES = frozenset({"xlsx", "xlsm"})
#: A member of a ZIP container -> what the container is and its extension.
_ZIP_KINDS = (
    ("xl/", "an Excel workbook", "xlsx"),
    ("word/", "a Word document", "docx"),
    ("ppt/", "a PowerPoint presentation", "pptx"),
)
_HEAD_BYTES = 4096


def content_format(path: Path, declared: str | None = None) -> str | None:
    """The format to read ``path`` as when its content says it is a table of another
    format than its name says (a CSV or HTML text named ``.xlsx``: "csv" or "html"),
    else None (read it as its name says).

    Raises:
        InputError: naming the file, what it really is and how to rename or export it,
            when its first bytes show a workbook, document, image or ZIP archive where
            its name (or ``declared``, the mapping's ``format:``) says another format.
    """
    named = (declared or path.suffix.lower().lstrip(".")).lower()
    try:
        with open(path, "rb") as fh:
            head = fh.read(_HEAD_BYTES)
    except OSError:
        return None  # the reader says what is wrong with the path
    if not head:
        return None
    if head.startswith(_ZIP_MAGICS):
        if named not in _ZIP_NAMES:
            _refuse_zip(path, named)
        return None
    for magic, what in _NOT_TABLES:
        if head.startswith(magic) and not (magic == _OLE and named == "xls"):
            raise _not_a_table(path, what)
    if named in _WORKBOOK_NAMES and _is_text(head):
        return _text_named_workbook(head)
    if named in _TEXT_NAMES and _is_binary(head):
        raise InputError(
            "not text (binary data, of no format linkgraph knows): not a table",
            source=path.name,
            hint="check that it is the file you meant, and copy or export it again (an"
            " encrypted or damaged file cannot be read); a table is read from CSV, XLSX or"
            " JSON",
        )
    return None


#: Names (extensions or ``format:``) of text formats: such a file whose bytes are binary
#: (random bytes, an encrypted or damaged file renamed ``.csv``) is refused as no table,
#: not read in a guessed encoding as columns of mojibake.
_TEXT_NAMES = frozenset(
    {"csv", "tsv", "tab", "txt", "json", "jsonl", "ndjson", "xml", "vcf", "gml", "dot", "gv",
     "net", "dl", "ncol", "edgelist", "sta", "mt940"}
)  # fmt: skip
#: Binary files read by content whatever their name: gzip (an archive of one data file),
#: SQLite (a phone's call-log database).
_BINARY_READ = (b"\x1f\x8b", b"SQLite format 3\x00")


def _is_binary(head: bytes) -> bool:
    """Whether a file's first bytes are binary data, not text in any encoding: more than
    1% of them (and at least 4) control bytes that no text holds (below 0x20 but tab, line
    ends, form feed and the DOS end-of-file mark), and they do not read as UTF-16 text
    either (whose bytes hold zeros and other low bytes: "О" is 0x1E 0x04). gzip and
    SQLite files are read by content (:data:`_BINARY_READ`)."""
    if head.startswith(_BINARY_READ) or not _has_controls(head):
        return False
    return not any(_utf16_text(head, codec) for codec in ("utf-16-le", "utf-16-be"))


def _has_controls(head: bytes) -> bool:
    """More than 1% (and at least 4) of the bytes are control ones that no text holds."""
    return _too_many(sum(head.count(bytes([b])) for b in _CONTROL_BYTES), len(head))


def _too_many(controls: int, total: int) -> bool:
    return controls >= 4 and controls * 100 > total


def _utf16_text(head: bytes, codec: str) -> bool:
    """Whether bytes read as UTF-16 text in ``codec``: they decode (random bytes hold
    unpaired surrogates; a pair cut at the end of the sample is allowed) into characters
    without control ones."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head[2:]
    head = head[: len(head) - len(head) % 2]
    try:
        text = head.decode(codec)
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:
            return False
        text = head[: exc.start].decode(codec)
    controls = sum(text.count(chr(b)) for b in _CONTROL_BYTES)
    return not _too_many(controls, len(text))


#: Bytes no text file holds: C0 controls but tab, line feed, vertical tab, form feed,
#: carriage return and SUB (0x1A, an old DOS end-of-file mark); NUL included.
_CONTROL_BYTES = tuple(b for b in range(0x20) if b not in (0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1A))


def _is_text(head: bytes) -> bool:
    """Whether the first bytes of a file read as text (UTF-8, a one-byte code page, or
    UTF-16 with its byte order mark): no control bytes but tab, line ends and form feed."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head[2:].replace(b"\x00", b"")
    return not any(b < 0x09 or 0x0E <= b < 0x20 for b in head)


def _refuse_zip(path: Path, named: str) -> None:
    """Raise for a ZIP container (a workbook, a document) or a ZIP archive that the
    archive reader did not take (several files, damaged) named as another format."""
    from linkgraph.ingest.archive import archive_kind

    if archive_kind(path) is not None:
        return  # an archive of one data file: read as the file it holds
    what, ext = _zip_kind(path)
    shown = f".{named}" if named else "without an extension"
    if ext == "xlsx":
        how = f"rename it to {path.with_suffix('.xlsx').name}"
    elif ext == "zip":
        how = (
            f"rename it to {path.with_suffix('.zip').name} (a ZIP archive of one data file is"
            " read as that file), or unpack it and give the file it holds"
        )
    elif ext:
        how = "open it and export the table it holds as CSV or XLSX"
    else:
        how = (
            "it cannot be opened: copy or export it again; then give an archive the"
            " extension .zip, a workbook .xlsx"
        )
    raise InputError(f"{what}, named {shown}", source=path.name, hint=how)


def _zip_kind(path: Path) -> tuple[str, str]:
    """What a ZIP file is, from its members' names, and its usual extension."""
    try:
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
            mimetype = zf.read("mimetype")[:80] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        return "a damaged ZIP archive (or a workbook or document, which are ZIP files)", ""
    for prefix, what, ext in _ZIP_KINDS:
        if any(n.startswith(prefix) for n in names):
            return what, ext
    if b"opendocument" in mimetype:
        return "an OpenDocument file (.ods, .odt)", "ods"
    return "a ZIP archive", "zip"


def _not_a_table(path: Path, what: str) -> InputError:
    return InputError(
        f"{what}, not a table",
        source=path.name,
        hint="export the data it shows as CSV or XLSX from the program that made it"
        " (a scan or a photo: type or convert its table into a spreadsheet)",
    )


def _text_named_workbook(head: bytes) -> str:
    """ "html" or "csv" for a text file named .xlsx: many systems' "Excel exports" are an
    HTML table or delimited text, read as such (as one named .xls is)."""
    text = head.replace(b"\x00", b"").lower()  # UTF-16 text without its zero bytes
    is_html = text.lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n").startswith(b"<") or b"<table" in text
    return "html" if is_html else "csv"
