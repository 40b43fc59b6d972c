"""Private helpers for writing files safely: atomic writes and formula-safe CSV."""

from __future__ import annotations

import errno
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from pathlib import Path
from typing import IO, Any

import pandas as pd

from linkgraph._casefs import process_running
from linkgraph._finished import record_finished
from linkgraph.errors import OutputError, OutputPathError

# A spreadsheet treats a cell as a formula when it starts with one of these (OWASP CSV
# injection), also after leading blanks or control characters, which spreadsheets skip
# ("\r=cmd|..." and " =1+1" run in some of them).
_FORMULA_CHARS = frozenset("=+-@\uff1d\uff0b\uff0d\uff20")  # with full-width forms
_SKIPPED = frozenset(" \t\r\n\x00\x0b\x0c\u00a0\u3000")


def current_umask() -> int:
    """The process's umask (read by setting it and putting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def share_like_new(path: str | os.PathLike[str]) -> None:
    """Give a temporary file or folder the permissions a plain new one would get.

    ``tempfile`` creates them private (0600 / 0700) whatever the umask; an output renamed
    from one would stay unreadable for colleagues on a shared folder.
    """
    base = 0o777 if os.path.isdir(path) else 0o666
    os.chmod(path, base & ~current_umask())


def make_temp_dir(target: str | os.PathLike[str]) -> Path:
    """A temporary folder beside ``target`` (same file system, so it can be renamed over
    ``target``), with the permissions of a plain new folder."""
    target = Path(target)
    # The pid in the name lets a later writer remove copies left by a killed process.
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-{os.getpid()}-", dir=target.parent))
    try:
        share_like_new(tmp)
    except BaseException:  # (Ctrl-C, SIGTERM) no one else knows of it yet
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return tmp


def check_file_output(path: str | os.PathLike[str], suffix: str = "") -> None:
    """Refuse to write a file at ``path`` when it is a folder, when a file stands where
    one of its parent folders should be, when it is a source file of a case being read
    (:func:`guard_sources`), or when its folder is not writable (OutputError naming it,
    not a traceback). ``suffix`` (".gexf") makes the hint's example file name."""
    target = Path(path)
    if target.is_dir():
        raise OutputPathError(
            f"{target} is a folder; a file is needed here",
            hint=f"give a file name (such as {target / ('out' + suffix)}), or remove the folder",
        )
    if is_special_file(target):
        return  # /dev/null, /dev/stdout, a named pipe: written into, never replaced
    _check_parents(target)
    check_not_source(target)
    check_writable(target)


def check_folder_output(path: str | os.PathLike[str], *, replaces: bool = False) -> None:
    """Refuse to write a folder of files at ``path`` when a file (not a folder) is there,
    or where one of its parent folders should be, when the folder holds a source file of a
    case being read (its files could replace it; with ``replaces``, an output that replaces
    the whole folder, anywhere below it, or the case itself), or when it is not writable
    (OutputError naming it)."""
    target = Path(path)
    if target.exists() and not target.is_dir():
        raise OutputPathError(
            f"{target} exists and is a file; this output is a folder of files",
            hint=f"give a folder name (such as {target.with_suffix('')}_out/), or remove the file",
        )
    _check_parents(target)
    check_not_source(target, folder="whole" if replaces else True)
    check_writable(target / "x", folder=True)


def check_writable(target: Path, *, folder: bool = False) -> None:
    """Make and remove a temporary file in the nearest existing folder of ``target``
    (its folder, or the one that will hold it), so that a folder that is not writable is
    reported before the work starts, not after it (OutputError naming ``target``, or the
    output folder when ``folder``)."""
    base = next((p for p in target.parents if p.is_dir()), None)
    if base is None:
        return
    try:
        fd, tmp = tempfile.mkstemp(prefix=".lg-writable-", suffix=_TEMP_SUFFIX, dir=base)
    except OSError as exc:
        raise write_error(exc, target.parent if folder else target) from exc
    os.close(fd)
    with suppress(OSError):
        os.unlink(tmp)


#: The source files of the cases the running command reads (resolved paths): an output
#: never replaces one (see :func:`guard_sources`).
_SOURCES: ContextVar[frozenset[Path]] = ContextVar("linkgraph_sources", default=frozenset())
#: The folders of those cases (resolved).
_CASES: ContextVar[frozenset[Path]] = ContextVar("linkgraph_cases", default=frozenset())


def case_sources(case_dir: str | os.PathLike[str]) -> frozenset[Path]:
    """The input files a case's manifest records (paths relative to the case folder),
    resolved; none when the manifest cannot be read."""
    import json

    folder = Path(case_dir)
    try:
        inputs = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["inputs"]
    except (OSError, ValueError, KeyError, TypeError):
        return frozenset()
    found = set()
    for item in inputs if isinstance(inputs, list) else []:
        path = item.get("path") if isinstance(item, dict) else None
        if isinstance(path, str) and path:
            found.add(Path(os.path.realpath(folder / path)))
    return frozenset(found)


@contextmanager
def guard_sources(case_dir: str | os.PathLike[str]) -> Iterator[frozenset[Path]]:
    """Inside, no output (:func:`check_file_output`, :func:`check_folder_output`,
    :func:`atomic_write`) may replace a source file of the case at ``case_dir``."""
    sources = case_sources(case_dir)
    token = _SOURCES.set(_SOURCES.get() | sources)
    cases = _CASES.set(_CASES.get() | {Path(os.path.realpath(case_dir))})
    try:
        yield sources
    finally:
        _CASES.reset(cases)
        _SOURCES.reset(token)


def check_not_source(
    path: str | os.PathLike[str],
    *,
    folder: bool | str = False,
    sources: frozenset[Path] | None = None,
    role: str = "a source file of the case (read in as evidence)",
) -> None:
    """OutputError when writing ``path`` would replace a source file of a case being read
    (``sources``, else those of :func:`guard_sources`): ``path`` is one, or, with
    ``folder``, ``path`` is a folder of files that holds one (``folder="whole"``: an output
    that replaces the whole folder, which must hold none below it, nor a case being read)."""
    sources = _SOURCES.get() if sources is None else sources
    shown = Path(path)
    target = Path(os.path.realpath(shown))
    if folder is True and target in _CASES.get():
        # Files written among the case's own (its unprotected tables, its pseudonym key)
        # would go wherever the output folder is sent.
        raise OutputPathError(
            f"{shown} is the case folder itself; this output's files would sit among the"
            " case's own (its unprotected tables and pseudonym key), which go wherever the"
            " folder is sent",
            hint=f"give a folder outside the case, such as {shown.parent / 'export'}",
        )
    if folder == "whole":
        for case in sorted(_CASES.get()):
            if case == target or target in case.parents:
                raise OutputPathError(
                    f"{shown} holds the case {case}; this output replaces the whole folder",
                    hint="give a new folder, outside the case",
                )
        for source in sorted(sources):
            if target in source.parents:
                raise OutputPathError(
                    f"{shown} holds {source}, {role}; this output replaces the whole folder",
                    hint="give a new folder",
                )
    for source in sorted(sources):
        if source == target or _same_file(source, target):
            raise OutputPathError(
                f"{shown} is {role}; writing this output there would replace it",
                hint="give another path for the output",
            )
        if folder and source.parent == target:
            raise OutputPathError(
                f"{shown} holds {source.name}, {role}; this output's files could replace it",
                hint=f"give another folder, such as {shown / 'export'}",
            )


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _check_parents(target: Path) -> None:
    """OutputError when the nearest of ``target``'s parents that exists is not a folder."""
    for parent in target.parents:
        if parent.exists() or parent.is_symlink():
            if not parent.is_dir():
                raise OutputPathError(
                    f"{parent} is a file, so {target} cannot be written inside it",
                    hint="give a path in a folder",
                )
            return


#: The errors of a full disk or quota (EFBIG: a file larger than the file system allows).
_NO_SPACE = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


@contextmanager
def output_errors(path: str | os.PathLike[str]) -> Iterator[None]:
    """Inside, an OSError writing the output ``path`` (the user's path) or a temporary
    file or lock beside it raises an OutputError naming ``path`` and the cause (see
    :func:`write_error`), never the temporary file's name. Other OSErrors (reading an
    input elsewhere) pass unchanged."""
    import sqlite3

    target = Path(path)
    try:
        yield
    except OSError as exc:
        if not _about_output(exc, target):
            raise
        raise write_error(exc, target) from exc
    except sqlite3.OperationalError as exc:  # not an OSError: SQLite's full disk, I/O error
        cause = _sqlite_os_error(exc)
        if cause is None:
            raise
        raise write_error(cause, target) from exc


def _sqlite_os_error(exc: Exception) -> OSError | None:
    """The OSError behind a SQLite error of the disk ("database or disk is full", "disk
    I/O error"), or None for other SQLite errors."""
    text = str(exc).lower()
    if "disk is full" in text:
        return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    if "disk i/o error" in text:  # SQLite's word for a failed write (often a full disk)
        return OSError(errno.EIO, "disk I/O error (is the disk full?)")
    return None


def _about_output(exc: OSError, target: Path) -> bool:
    """Whether ``exc`` is about writing ``target``: no file named (a write to an open
    file), or a file in ``target``'s folder or below it (its temporary copy, its lock, a
    file in the output folder)."""
    if exc.errno in _NO_SPACE or exc.filename is None:
        return True
    named = [Path(os.fsdecode(f)) for f in (exc.filename, exc.filename2) if f is not None]
    folder = _absolute(target.parent)
    return any(_absolute(f) == folder or folder in _absolute(f).parents for f in named)


def _absolute(path: Path) -> Path:
    """``path`` made absolute, without following links (they may not exist yet)."""
    return Path(os.path.abspath(path))


def write_error(exc: OSError, target: Path) -> OutputError:
    """An OutputError for ``exc`` raised while writing ``target``: named after ``target``,
    with the cause a user can act on (the disk is full, the folder is not writable or
    cannot be made, the file is write-protected) and how to fix it."""
    folder = target.parent
    if exc.errno == errno.EFBIG:
        return OutputError(
            f"file too large for this system's limit (ulimit -f) while writing {target}; "
            "it was not written",
            hint="raise the limit (ulimit -f unlimited), or give a path on another disk",
        )
    if exc.errno in _NO_SPACE:
        return OutputError(
            f"no space left on the disk while writing {target}; it was not written",
            hint="free some space, or give a path on another disk",
        )
    if exc.errno == errno.EROFS:
        return OutputError(
            f"cannot write {target}: {_shown(folder)} is on a read-only disk",
            hint="give a path on a disk you can write to",
        )
    if not folder.is_dir():
        return _unmade_folder_error(exc, target)
    if target.exists() and not os.access(target, os.W_OK) and os.access(folder, os.W_OK):
        return OutputError(
            f"{target} cannot be replaced (write-protected)",
            hint="remove its protection (chmod u+w, chattr -i) or give another name",
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.ENOENT) or not os.access(
        folder, os.W_OK | os.X_OK
    ):
        return OutputError(
            f"cannot write {target}: the folder {_shown(folder)} is not writable",
            hint="give a path in a folder you can write to (or ask for write permission)",
        )
    return OutputError(
        f"cannot write {target}: {exc.strerror or exc}",
        hint="check the path and the disk (`linkgraph --debug ...` shows the traceback)",
    )


def _unmade_folder_error(exc: OSError, target: Path) -> OutputError:
    """``target``'s folder is not there and could not be made: say in which folder."""
    base = next((p for p in target.parents if p.is_dir()), None)
    where = "" if base is None else f" in {_shown(base)}"
    why = "not writable" if exc.errno in (errno.EACCES, errno.EPERM, errno.ENOENT) else None
    return OutputError(
        f"cannot write {target}: its folder {_shown(target.parent)} cannot be made{where}"
        + (f" ({why})" if why else f" ({exc.strerror or exc})"),
        hint="give a path in a folder you can write to",
    )


def _shown(folder: Path) -> str:
    """A folder's path as printed: ``.`` for the current folder."""
    return str(folder) if str(folder) else "."


@contextmanager
def atomic_write(
    path: str | os.PathLike[str], mode: str = "w", encoding: str | None = "utf-8"
) -> Iterator[IO]:
    """Open a temporary file beside ``path``; on success rename it over ``path``.

    The file gets the permissions of a plain new file (the user's umask applies). The
    temporary file's name carries this process's id; one left beside ``path`` by a process
    that no longer runs (killed mid-write) is removed here.
    """
    target = Path(path)
    check_file_output(target)
    if is_special_file(target):
        # A device or a pipe (``-o /dev/null``, ``/dev/stdout``) is written into: renamed
        # over, it would stop being one (as root, /dev/null became a plain file).
        with output_errors(target):
            kwargs = {} if "b" in mode else {"encoding": encoding, "newline": ""}
            with open(target, mode, **kwargs) as fh:
                yield fh
        return
    with output_errors(target):
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temps(target)
        fd, tmp = tempfile.mkstemp(
            prefix=f".{target.name}.{os.getpid()}.", suffix=_TEMP_SUFFIX, dir=target.parent
        )
        os.close(fd)
    try:
        with output_errors(target):
            share_like_new(tmp)
            kwargs = {} if "b" in mode else {"encoding": encoding, "newline": ""}
            with open(tmp, mode, **kwargs) as fh:
                yield fh
            os.replace(tmp, target)
        record_finished(target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


_TEMP_SUFFIX = ".lgtmp"


def is_special_file(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` (its links followed) is there and is neither a plain file nor a
    folder: a device such as /dev/null, a named pipe, a socket.

    Examples:
        >>> is_special_file("/dev/null"), is_special_file("/")
        (True, False)
    """
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def remove_stale_temps(target: Path) -> list[Path]:
    """Remove the temporary files of :func:`atomic_write` beside ``target`` whose writing
    process no longer runs; returns what was removed."""
    pattern = re.compile(rf"^\.{re.escape(target.name)}\.(\d+)\.[^/]*{re.escape(_TEMP_SUFFIX)}$")
    removed = []
    try:
        names = os.listdir(target.parent)
    except OSError:
        return removed
    for name in names:
        found = pattern.match(name)
        if found is None or process_running(int(found.group(1))):
            continue
        stale = target.parent / name
        try:
            if stale.is_file() and not stale.is_symlink():
                stale.unlink()
                removed.append(stale)
        except OSError:
            pass
    return removed


def defuse_formula(value: object) -> object:
    """Prefix a text cell that a spreadsheet would run as a formula with a single quote.

    A cell is defused when its first character that is not a blank or control character
    is ``= + - @`` (or their full-width forms), or when it starts with a tab, carriage
    return or line feed. A signed plain number (``+40721003001``, ``-75.25``: a ``+`` or
    ``-`` then digits with at most one decimal point or comma, no blank anywhere) is left
    alone: a spreadsheet reads it as a number, with no function call, reference or DDE
    possible. A blank makes it a formula: ``+40 789 679 548`` is the intersection of
    ranges in Excel (an error, not the number), and is defused. Numbers stay numbers:
    only strings are changed.

    Examples:
        >>> defuse_formula("=HYPERLINK(\\"http://x\\")")
        '\\'=HYPERLINK("http://x")'
        >>> defuse_formula("\\r\\n=1+1"), defuse_formula("  @SUM(A1)")
        ("'\\r\\n=1+1", "'  @SUM(A1)")
        >>> defuse_formula("-2+3+cmd|' /C calc'!A0")[:3]
        "'-2"
        >>> defuse_formula("Ana"), defuse_formula(-3), defuse_formula("Ana-Maria")
        ('Ana', -3, 'Ana-Maria')
        >>> defuse_formula("+40721003001"), defuse_formula("-75.25")
        ('+40721003001', '-75.25')
        >>> defuse_formula("+40 789 679 548"), defuse_formula(" -75.25")
        ("'+40 789 679 548", "' -75.25")
    """
    if isinstance(value, str) and value and is_formula_like(value):
        return "'" + value
    return value


# A sign, then digits with at most one decimal point or comma, and no blank: a number (or
# an E.164 phone written without spaces) that a spreadsheet reads as itself, harmlessly.
# With a blank inside it is a formula (Excel's space is the range intersection operator).
_SIGNED_NUMBER_TEXT = r"[+-][0-9]+(?:[.,][0-9]+)?"
_SIGNED_NUMBER = re.compile(_SIGNED_NUMBER_TEXT)


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet could read ``text`` as a formula (see :func:`defuse_formula`)."""
    if text[:1] in ("\t", "\r", "\n"):
        return True
    for char in text:
        if char in _SKIPPED or (ord(char) < 32):
            continue
        return char in _FORMULA_CHARS and not is_signed_number(text)
    return False


def is_signed_number(text: str) -> bool:
    """True for ``+40721003001``, ``-75.25``: a sign and a plain number, no blank in it
    (``+44 20 7946 0958`` is not one)."""
    return _SIGNED_NUMBER.fullmatch(text) is not None


# A cell can only be formula-like (see :func:`is_formula_like`) when its first character is a
# formula sign, a blank or a control character: a test a whole column takes at once (pyarrow's
# RE2 for text columns), so only those few cells pay for the full check.
_FORMULA_CANDIDATE = (
    "^[\\x00-\\x20"
    + "".join(
        "\\" + c if c in "-\\]^" else c
        for c in sorted((_FORMULA_CHARS | _SKIPPED) - set(" \t\r\n\x00\x0b\x0c"))
    )
    + "]"
)


def defused_column(values: pd.Series) -> pd.Series:
    """``values`` with every text cell a spreadsheet would run as a formula defused
    (:func:`defuse_formula`); the cells that cannot be are not visited one by one."""
    if isinstance(values.dtype, pd.StringDtype):
        maybe = values.str.match(_FORMULA_CANDIDATE).fillna(False).astype(bool)
        if maybe.any():  # an E.164 phone or a signed amount starts with + or -, harmlessly
            signed = values.str.fullmatch(_SIGNED_NUMBER_TEXT).fillna(False).astype(bool)
            maybe &= ~signed
        return _mapped_where(values, maybe, defuse_formula)
    return values.map(defuse_formula, na_action="ignore")


def _mapped_where(values: pd.Series, hit: pd.Series, func: Callable[[Any], Any]) -> pd.Series:
    """``values`` with ``func`` applied to the cells ``hit`` marks alone (itself when
    none is)."""
    if not hit.any():
        return values
    out = values.copy()
    out[hit] = values[hit].map(func)
    return out


# Control characters that text we write shows as ``[U+0000]``, as ingest shows them in its
# rejects and the terminal shows them: C0 but tab, line feed and carriage return, DEL, C1.
# A raw NUL makes grep and many tools read a CSV as binary (and XLSX writes it as
# ``_x0000_``); ESC or CSI would act on a terminal that prints the file. An escape sequence
# stays whole (``[U+001B][31m``), not half removed. (Written as escapes: RE2 reads them too.)
_CONTROL_TEXT = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
_CONTROL = re.compile(_CONTROL_TEXT)


def _shown_control(match: re.Match[str]) -> str:
    return f"[U+{ord(match.group()):04X}]"


def visible_controls(value: object) -> object:
    """A text value with each control character (but tab, line feed and carriage return)
    written as a visible ``[U+0000]``; other values as they are.

    Examples:
        >>> visible_controls("Nul\\x00Byte"), visible_controls("\\x1b[31mRed"), visible_controls(3)
        ('Nul[U+0000]Byte', '[U+001B][31mRed', 3)
    """
    if isinstance(value, str):
        return _CONTROL.sub(_shown_control, value)
    return value


def visible_controls_column(values: pd.Series) -> pd.Series:
    """``values`` with :func:`visible_controls` applied to every text cell; a whole column
    is searched at once (pyarrow's RE2 for text columns), only the cells with a control
    character are visited one by one."""
    if isinstance(values.dtype, pd.StringDtype):
        hit = values.str.contains(_CONTROL_TEXT, regex=True).fillna(False).astype(bool)
        return _mapped_where(values, hit, visible_controls)
    return values.map(visible_controls, na_action="ignore")


def text_columns(df: pd.DataFrame) -> list[str]:
    """The columns of ``df`` that may hold text (object or string dtype)."""
    return [
        c for c in df.columns if df[c].dtype == object or pd.api.types.is_string_dtype(df[c].dtype)
    ]


def visible_frame(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with control characters in its text cells shown (:func:`visible_controls`);
    ``df`` itself when it has none."""
    out = None
    for col in text_columns(df):
        shown = visible_controls_column(df[col])
        if shown is not df[col]:
            if out is None:
                out = df.copy()
            out[col] = shown
    return df if out is None else out


def formula_like_count(df: pd.DataFrame) -> int:
    """How many text cells of ``df`` a spreadsheet could run as a formula
    (:func:`is_formula_like`) as :func:`write_csv` writes them (control characters shown):
    the cells a formula-safe write defuses, or an unguarded one leaves as they are."""
    count = 0
    for col in text_columns(df):
        values = visible_controls_column(df[col])
        defused = defused_column(values)
        if defused is not values:
            changed = defused.astype(object) != values.astype(object)
            count += int((changed & values.notna()).sum())
    return count


def safe_csv_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` whose text cells (and column names) cannot trigger spreadsheet
    formulas, with control characters shown (:func:`visible_controls`)."""
    out = df.copy()
    for col in text_columns(out):
        out[col] = defused_column(visible_controls_column(out[col]))
    out.columns = [defuse_formula(visible_controls(str(c))) for c in out.columns]
    return out


def write_csv(
    df: pd.DataFrame,
    path: str | os.PathLike[str],
    *,
    index: bool = False,
    formula_safe: bool = True,
    bom: bool = False,
) -> Path:
    """Write ``df`` as UTF-8 CSV, atomically and formula-safe. Returns the path.

    Lines end in CRLF (RFC 4180, as Excel writes them): then a cell holding a lone carriage
    return is quoted too, and cannot start a row of its own. Control characters (a NUL, an
    ESC) are shown as ``[U+0000]`` in every CSV. ``formula_safe=False`` writes text as it
    is otherwise, for files a program reads rather than a spreadsheet (neo4j-admin).
    ``bom``: the file starts with a UTF-8 byte order mark, for files meant for a
    spreadsheet or a Windows tool: Excel reads a CSV without one in the machine's ANSI
    code page (Cyrillic, Arabic, "Zoë" garbled).
    """
    frame = df.reset_index() if index else df
    frame = safe_csv_frame(frame) if formula_safe else visible_frame(frame)
    with atomic_write(path, encoding="utf-8-sig" if bom else "utf-8") as fh:
        frame.to_csv(fh, index=False, lineterminator="\r\n")
    return Path(path)


def write_text(path: str | os.PathLike[str], text: str) -> Path:
    """Write ``text`` as UTF-8, atomically. Returns the path."""
    with atomic_write(path) as fh:
        fh.write(text)
    return Path(path)
