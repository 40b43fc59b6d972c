"""Compressed case exports: a gzip file (``calls.csv.gz``) or a ZIP archive holding one
data file (``register_export.zip``), recognised by their first bytes and read as the file
they hold.

Every command that reads a file asks :func:`readable_file` for the file to read: the file
itself, or its content unpacked once into a private temporary folder (removed when the
process ends). The format is then told from the inner file: a gzip file's name without
``.gz``, a ZIP member's own name. An archive is never decoded as text. Unpacking stops past
:data:`MAX_UNPACKED_BYTES` (a "zip bomb" expands a few KiB into terabytes); an archive that
says it unpacks to over :data:`LARGE_RATIO` times its size (and to more than
:data:`LARGE_UNPACKED_BYTES`) is warned about before it is unpacked, with both sizes. The
temporary folders are removed when the process ends, also on Ctrl-C or SIGTERM (the CLI
turns SIGTERM into an exit, see :func:`linkgraph.cli.terminated_as_exit`).
"""

from __future__ import annotations

import atexit
import gzip
import shutil
import struct
import tempfile
import warnings
import zipfile
import zlib
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from linkgraph._user_warnings import user_stacklevel
from linkgraph.errors import IngestWarning, InputError

#: The most bytes an archive may unpack to (4 GiB): beyond it the file is refused.
MAX_UNPACKED_BYTES = 4 * 1024**3
#: An archive unpacking to more than this many times its size is warned about (tables
#: compress 5-20 times; a file of one row repeated, or a "zip bomb", hundreds of times) ...
LARGE_RATIO = 100
#: ... when it unpacks to more than this (a small file of few values may compress so).
LARGE_UNPACKED_BYTES = 64 * 1024**2

_GZIP_MAGIC = b"\x1f\x8b"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")  # an archive; an empty archive
#: Formats that are ZIP containers read as they are (workbooks, Maltego and OpenDocument).
_CONTAINER_SUFFIXES = frozenset({"xlsx", "xlsm", "xltx", "ods", "docx", "mtgx", "anx"})
_CONTAINER_MEMBERS = frozenset({"[Content_Types].xml", "mimetype"})
_BLOCK = 1 << 20

#: (resolved path, size, mtime) of each archive unpacked in this process -> the file read.
_UNPACKED: dict[tuple[str, int, int], tuple[Path, str | None]] = {}
_TEMP_DIRS: list[str] = []


def archive_kind(path: Path) -> str | None:
    """``"gzip"`` or ``"zip"`` when ``path`` is a compressed archive (by its first bytes),
    else None. A workbook (.xlsx), OpenDocument or Maltego file is a ZIP container of its
    own format, not an archive: None."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(4)
    except OSError:
        return None
    if head.startswith(_GZIP_MAGIC):
        return "gzip"
    if head not in _ZIP_MAGICS or path.suffix.lower().lstrip(".") in _CONTAINER_SUFFIXES:
        return None
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None  # read as what its extension says, and its reader says what is wrong
    return None if names & _CONTAINER_MEMBERS else "zip"


def readable_file(path: str | Path) -> Path:
    """The file to read for ``path``: ``path`` itself, or for a gzip file or a ZIP archive
    of one data file, its content unpacked into a temporary folder under the inner file's
    name (the format is told from it).

    Raises:
        InputError: a ZIP archive holding several files, none, or an encrypted one; a tar
            archive; an archive that is damaged or unpacks past :data:`MAX_UNPACKED_BYTES`.
    """
    from linkgraph.ingest._input_path import check_input_file

    path = Path(path)
    check_input_file(path)
    kind = archive_kind(path)
    if kind is None:
        return path
    return _unpacked(path, kind)[0]


def archive_member(path: str | Path) -> str | None:
    """The name of the ZIP member read for ``path`` (see :func:`readable_file`), else None."""
    path = Path(path)
    kind = archive_kind(path) if path.is_file() else None
    return None if kind is None else _unpacked(path, kind)[1]


def _unpacked(path: Path, kind: str) -> tuple[Path, str | None]:
    """``path`` unpacked once per process (cached by path, size and modification time)."""
    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    if key not in _UNPACKED:
        folder = Path(tempfile.mkdtemp(prefix="linkgraph-unpacked-"))
        _TEMP_DIRS.append(str(folder))
        if kind == "gzip":
            unpacked: tuple[Path, str | None] = (_gunzip(path, folder), None)
        else:
            unpacked = _unzip(path, folder)
        _refuse_nested(unpacked[0], path.name)
        _UNPACKED[key] = unpacked
    return _UNPACKED[key]


def _refuse_nested(out: Path, source: str) -> None:
    """An archive inside the archive (``inner.zip`` in ``export.zip``): an error saying to
    unpack the outer one (one level is unpacked, so that a file stays one table)."""
    inner = archive_kind(out)
    if inner is None:
        return
    what = "a ZIP archive" if inner == "zip" else "a gzip file"
    raise InputError(
        f"the archive holds another archive, {out.name} ({what}): one level of archive is read",
        source=source,
        hint=f"unpack {source} and read {out.name} (or the file it holds) itself",
    )


def _gunzip(path: Path, folder: Path) -> Path:
    """A gzip file's content, written to ``folder`` under the file's name without ``.gz``."""
    said = _gzip_size(path)
    if _expanding(path, said):
        # The size is the file's last four bytes: a file cut short ends with compressed
        # data read as a size. Its stream tells: the warning only for one that holds it.
        said = _checked_gzip_size(path, said)
    _warn_if_expanding(path, said)
    name = path.name
    lower = name.lower()
    if lower.endswith((".gz", ".gzip")):
        name = name[: name.rfind(".")]
    elif lower.endswith(".tgz"):
        name = name[:-4] + ".tar"
    out = folder / (name or "content")
    try:
        with gzip.open(path, "rb") as src:
            _copy_capped(src, out, path.name)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(
            f"a gzip file that cannot be decompressed ({exc})",
            source=path.name,
            hint="it is damaged or cut short: copy or export it again",
        ) from exc
    _refuse_tar(out, path.name)
    return out


def _unzip(path: Path, folder: Path) -> tuple[Path, str]:
    """The one data file of a ZIP archive, written to ``folder`` under its own name."""
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(
            f"a ZIP archive that cannot be opened ({exc})",
            source=path.name,
            hint="it is damaged or cut short: copy or export it again",
        ) from exc
    with zf:
        members = [i for i in zf.infolist() if _is_data_member(i)]
        if len(members) != 1:
            raise _members_error(path, [i.filename for i in members])
        member = members[0]
        check_members(path, [member])
        out = folder / PurePosixPath(member.filename).name
        try:
            with zf.open(member) as src:
                _copy_capped(src, out, path.name)
        except (zipfile.BadZipFile, OSError, EOFError, zlib.error, NotImplementedError) as exc:
            raise InputError(
                f"{member.filename} in the ZIP archive cannot be unpacked ({exc})",
                source=path.name,
                hint="unpack it yourself (unzip FILE) and read the file it holds",
            ) from exc
    _refuse_tar(out, path.name)
    return out, member.filename


def check_members(
    path: Path, members: list[zipfile.ZipInfo], limit: int | None = None, what: str = ""
) -> None:
    """The limits every reader of a ZIP file applies before unpacking ``members`` of it
    (an archive's data file, a workbook's parts, a Maltego file's graphs): a
    password-protected member, one that says it unpacks past ``limit`` (default
    :data:`MAX_UNPACKED_BYTES`; less for a member read into memory), or members unpacking
    past :data:`MAX_UNPACKED_BYTES` together are refused; members unpacking to over
    :data:`LARGE_RATIO` times the file's size are warned about, with both sizes. ``what``
    names the file's kind in the messages (``"workbook"``; an archive by default).

    Raises:
        InputError: naming the file and the member.
    """
    kind = what or "ZIP archive"
    for member in members:
        if member.flag_bits & 0x1:
            raise InputError(
                f"a password-protected {kind} holding {member.filename}",
                source=path.name,
                hint="unpack it with its password (unzip FILE) and read the file it holds",
            )
        if limit is not None and member.file_size > limit:
            raise InputError(
                f"{member.filename} in the {kind} unpacks to {_size(member.file_size)}, over"
                f" the limit of {_size(limit)}: not unpacked (a damaged file, or a 'zip"
                " bomb')",
                source=path.name,
                hint="check what the file holds; export the data again in smaller parts",
            )
    total = sum(member.file_size for member in members)
    if total > MAX_UNPACKED_BYTES:
        raise _too_big(path.name)
    _warn_if_expanding(path, total)


def _gzip_size(path: Path) -> int:
    """The size a gzip file says its content has (its last four bytes: the size modulo
    4 GiB, the sum of its members' for a file of several), 0 when it cannot be read."""
    try:
        with open(path, "rb") as fh:
            fh.seek(-4, 2)
            return int(struct.unpack("<I", fh.read(4))[0])
    except (OSError, struct.error):
        return 0


def _expanding(path: Path, unpacked: int) -> bool:
    """Whether ``path`` unpacking to ``unpacked`` bytes is over :data:`LARGE_RATIO` times
    its size and more than :data:`LARGE_UNPACKED_BYTES`."""
    return unpacked > LARGE_UNPACKED_BYTES and unpacked > LARGE_RATIO * path.stat().st_size


def _checked_gzip_size(path: Path, said: int) -> int:
    """The size a gzip file's trailer says (``said``), checked against its stream: the
    first :data:`LARGE_UNPACKED_BYTES` are unpacked (and dropped). A stream that ends
    sooner gives its true size; one whose data runs out first (a file cut short, whose
    "size" is four bytes of compressed data) or is not deflate data is refused."""
    stream = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = 0
    try:
        with open(path, "rb") as fh:
            while out <= LARGE_UNPACKED_BYTES and not stream.eof:
                data = fh.read(_BLOCK)
                if not data:
                    break
                while data and out <= LARGE_UNPACKED_BYTES and not stream.eof:
                    out += len(stream.decompress(data, _BLOCK))
                    data = stream.unconsumed_tail
    except zlib.error as exc:
        raise _damaged_gzip(path, f"its data is not a deflate stream: {exc}") from exc
    if stream.eof:
        return said if stream.unused_data else out  # several members: their sizes add up
    if out <= LARGE_UNPACKED_BYTES:
        raise _damaged_gzip(
            path, f"cut short: its data ends after {_size(out)} unpacked, before its end"
        )
    return said


def _damaged_gzip(path: Path, why: str) -> InputError:
    return InputError(
        f"a gzip file that cannot be decompressed ({why})",
        source=path.name,
        hint="it is damaged or cut short (an interrupted copy or download): copy or export"
        " it again",
    )


def _warn_if_expanding(path: Path, unpacked: int) -> None:
    """Warn, before unpacking, when ``path`` says it unpacks to over :data:`LARGE_RATIO`
    times its size and more than :data:`LARGE_UNPACKED_BYTES`: the analyst learns the
    sizes before minutes of reading and gigabytes of case."""
    packed = path.stat().st_size
    if not _expanding(path, unpacked):
        return
    warnings.warn(
        f"{path.name}: {_size(packed)} unpacks to {_size(unpacked)} ({unpacked // max(packed, 1):,}"
        " times its size): a file of few repeated values, or a damaged file or 'zip bomb';"
        " reading it takes time and disk (stop with Ctrl-C and check what it holds if that"
        " is not what you expect)",
        IngestWarning,
        stacklevel=user_stacklevel(),
    )


def _size(count: int) -> str:
    """A byte count as people read it: ``4.4 MB``, ``1.5 GB``."""
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if count >= scale:
            return f"{count / scale:.1f} {unit}"
    return f"{count} bytes"


def _is_data_member(info: zipfile.ZipInfo) -> bool:
    """Whether a ZIP entry is a file of the export: not a folder, nor the metadata that
    macOS and Windows add (``__MACOSX/``, ``.DS_Store``, ``Thumbs.db``)."""
    name = PurePosixPath(info.filename)
    if info.is_dir() or not name.name or "__MACOSX" in name.parts:
        return False
    return not name.name.startswith(".") and name.name.lower() != "thumbs.db"


def _members_error(path: Path, names: list[str]) -> InputError:
    """The error for a ZIP archive that holds no data file or several."""
    if not names:
        return InputError(
            "a ZIP archive holding no data file",
            source=path.name,
            hint="check that the export is complete",
        )
    shown = ", ".join(names[:20]) + (f", ... ({len(names)} files)" if len(names) > 20 else "")
    return InputError(
        f"a ZIP archive holding {len(names)} files: {shown}",
        source=path.name,
        hint=f"unpack it (unzip {path.name}) and read each file you need, with its mapping",
    )


def _copy_capped(src: BinaryIO, out: Path, source: str) -> None:
    """Copy ``src`` to ``out`` block by block, refusing past :data:`MAX_UNPACKED_BYTES`."""
    written = 0
    with open(out, "wb") as dst:
        while block := src.read(_BLOCK):
            written += len(block)
            if written > MAX_UNPACKED_BYTES:
                dst.close()
                out.unlink(missing_ok=True)
                raise _too_big(source)
            dst.write(block)


def _too_big(source: str) -> InputError:
    return InputError(
        f"the archive unpacks to more than {MAX_UNPACKED_BYTES / 1024**3:.0f} GiB: not"
        " unpacked (a damaged file, or a 'zip bomb')",
        source=source,
        hint="unpack it yourself where there is room, check what it holds, and read that file",
    )


def _refuse_tar(out: Path, source: str) -> None:
    """A tar archive (``.tar.gz``) holds files linkgraph cannot pick among: an error."""
    with open(out, "rb") as fh:
        fh.seek(257)
        if fh.read(5) == b"ustar":
            raise InputError(
                "a tar archive (.tar.gz): it holds files, not one table",
                source=source,
                hint=f"unpack it (tar -xzf {source}) and read each file you need",
            )


@atexit.register
def _remove_unpacked() -> None:
    """Remove the temporary folders of the archives unpacked by this process."""
    for folder in _TEMP_DIRS:
        shutil.rmtree(folder, ignore_errors=True)
