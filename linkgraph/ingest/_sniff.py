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

#: The first bytes of an SQLite database (Android's call log, :mod:`.phone_backup`).
SQLITE_MAGIC = b"SQLite format 3\x00"
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
            if _workbook_read_as_named(path):
                return "xlsx"  # the reader's summary says it was read as a workbook
            _refuse_zip(path, named, declared)
        elif named == "zip" and not _zip_kind(path)[1]:
            raise _damaged_zip(path)  # else "cannot tell the format" of a .zip
        return None
    if head.startswith(_OLE) and encrypted_office(path):
        raise InputError(PASSWORD_PROTECTED, source=path.name, hint=PASSWORD_HINT)
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


def _refuse_zip(path: Path, named: str, declared: str | None = None) -> None:
    """Raise for a ZIP container (a workbook, a document) or a ZIP archive that the
    archive reader did not take (several files, damaged) named as another format, by its
    file name or by the mapping's ``format:`` (``declared``, else ``named`` is the file's
    extension): the message names the file's real extension."""
    from linkgraph.ingest.archive import archive_kind

    if archive_kind(path) is not None:
        return  # an archive of one data file: read as the file it holds
    what, ext = _zip_kind(path)
    suffix = path.suffix.lower().lstrip(".")
    if suffix in _ZIP_NAMES:  # its name is right: the mapping's format made it checked
        if not ext:
            raise _damaged_zip(path)
        if ext == suffix or (ext == "xlsx" and suffix in _WORKBOOK_NAMES):
            how = (
                "unpack it and give the file it holds"
                if ext == "zip"
                else f"leave `format: {named}` out of the mapping: the file is read as its name"
                " says"
            )
            raise InputError(
                f"{what}, read as {named} by the mapping's `format: {named}`",
                source=path.name,
                hint=how,
            )
    shown = f".{suffix}" if suffix else "without an extension"
    by_mapping = f" (and `format: {named}` in the mapping)" if declared and named != suffix else ""
    raise InputError(
        f"{what}, named {shown}{by_mapping}", source=path.name, hint=_zip_how(path, ext)
    )


def _damaged_zip(path: Path) -> InputError:
    """The error for a damaged ZIP file whose name says it is one."""
    what, _ = _zip_kind(path)
    return InputError(
        f"{what}: it cannot be opened", source=path.name, hint="copy or export it again"
    )


def _zip_how(path: Path, ext: str) -> str:
    """How to read a ZIP file of kind ``ext`` ("" when damaged) named ``path``."""
    if ext == "xlsx":
        return f"rename it to {path.with_suffix('.xlsx').name}"
    if ext == "zip":
        return (
            f"rename it to {path.with_suffix('.zip').name} (a ZIP archive of one data file is"
            " read as that file), or unpack it and give the file it holds"
        )
    if ext:
        return "open it and export the table it holds as CSV or XLSX"
    return (
        "it cannot be opened: copy or export it again; then give an archive the"
        " extension .zip, a workbook .xlsx"
    )


def _workbook_read_as_named(path: Path) -> bool:
    """Whether ``path`` is an Excel workbook (not an archive of one data file) and is
    read as one whatever its name (``export.csv``): ``mapping suggest``, ``ingest`` and a
    mapping's ``format:`` alike (see :func:`misnamed_workbook_note`)."""
    from linkgraph.ingest.archive import archive_kind

    return archive_kind(path) is None and _zip_kind(path)[1] == "xlsx"


def misnamed_workbook_note(path: Path) -> str | None:
    """The summary's note for a workbook read under another extension than a
    workbook's (.xlsx, .xlsm; a web system's .xls that is an .xlsx goes unsaid)."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".xls"):
        return None
    shown = f"named {suffix}" if suffix else "named without an extension"
    return (
        f"{path.name} is an Excel workbook {shown}: read as a workbook; rename it to"
        f" {path.with_suffix('.xlsx').name} so that other programs open it as one"
    )


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


#: What a password-protected workbook (or document) is said to be, and how to read it.
PASSWORD_PROTECTED = "a password-protected workbook (or document): its content is encrypted"
PASSWORD_HINT = (
    "remove the password in Excel (File > Info > Protect Workbook > Encrypt with Password,"
    " clear it) and save again, or in LibreOffice save a copy (File > Save As) with"
    " 'Save with password' unticked"
)
#: The streams an Office file encrypted with a password holds (MS-OFFCRYPTO): the
#: workbook itself (``EncryptedPackage``) and how it is encrypted (``EncryptionInfo``).
_ENCRYPTED_STREAMS = ("EncryptedPackage", "EncryptionInfo")
_OLE_HEADER = 512  # the compound file's header; its sectors are 512 or 4096 bytes
_OLE_ENTRY = 128  # a directory entry: its name (UTF-16, 64 bytes), name size, type


def encrypted_office(path: Path) -> bool:
    """Whether an OLE compound file (the container of Office 97-2003 files) is a
    password-protected Office document: its directory names an ``EncryptedPackage`` or
    ``EncryptionInfo`` stream. A name counts only as a directory entry writes it: at an
    entry's place (128-byte entries in sectors after the 512-byte header), with its size
    (characters and the terminating zero, in bytes) and the type of a stream beside it."""
    import mmap

    try:
        with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
            for name in _ENCRYPTED_STREAMS:
                raw = name.encode("utf-16-le") + b"\x00\x00"
                at = data.find(raw)
                while at >= 0:
                    entry = data[at : at + _OLE_ENTRY]
                    if (
                        at >= _OLE_HEADER
                        and (at - _OLE_HEADER) % _OLE_ENTRY == 0
                        and len(entry) == _OLE_ENTRY
                        and int.from_bytes(entry[64:66], "little") == len(raw)
                        and entry[66] == 2  # a stream
                    ):
                        return True
                    at = data.find(raw, at + 1)
    except (OSError, ValueError):  # unreadable, or empty (mmap refuses 0 bytes)
        return False
    return False


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


def is_sqlite(path: Path) -> bool:
    """Whether ``path`` is an SQLite database (by its header)."""
    try:
        with open(path, "rb") as fh:
            return fh.read(16) == SQLITE_MAGIC
    except OSError:
        return False
