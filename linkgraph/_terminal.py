"""Text safe to print on a terminal: case data must not move the cursor, retitle the
window, hide text or reverse its direction.

Labels come from hostile files. An ESC or OSC sequence in a name can rewrite what an analyst
sees (or the terminal's title); a right-to-left override makes ``evil.exe`` read as
``exe.live``. Every control character except newline and tab, and every bidirectional
formatting character, is shown as a visible ``[U+001B]`` or ``[U+202E]``, as ingest shows
them in its rejects and the CSV, XLSX and XML exports write them.
"""

from __future__ import annotations

import re
import shutil
import sys
import textwrap
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

# C0 controls but tab and newline, DEL, C1 controls; bidi embeddings, overrides, isolates
# and marks; line/paragraph separators. ZWJ/ZWNJ stay: Persian and Indic names need them.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


def _escape(match: re.Match[str]) -> str:
    return f"[U+{ord(match.group()):04X}]"


def printable(text: str) -> str:
    """``text`` with terminal control and bidi formatting characters shown as ``[U+001B]``,
    and a file name's bytes that are not UTF-8 as ``\\xff`` (:func:`name_text`).

    Examples:
        >>> printable("Ana\\x1b]0;pwned\\x07 Pop")
        'Ana[U+001B]]0;pwned[U+0007] Pop'
        >>> printable("abc\\u202eexe.txt"), printable("a\\tb\\nc")
        ('abc[U+202E]exe.txt', 'a\\tb\\nc')
    """
    return name_text(_UNSAFE.sub(_escape, text))


def name_text(name: str) -> str:
    """A file name or path as text that can be written anywhere (UTF-8, Arrow, JSON):
    bytes that are not UTF-8, which ``os.fsdecode`` gives as lone surrogates, shown as
    ``\\xff``; any other name as it is.

    Examples:
        >>> import os
        >>> name_text(os.fsdecode(b"bad\\xff.csv")), name_text("Київ.csv")
        ('bad\\\\xff.csv', 'Київ.csv')
    """
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return name


def one_line(name: str) -> str:
    """A name (a file's, a column's) shown on one line: :func:`printable`, and a line
    break or tab in it shown as ``[U+000A]`` too, so that a file name cannot start a line
    of its own in a summary or an error and pass for linkgraph's words.

    Examples:
        >>> one_line("new\\nline.csv: 0 rows")
        'new[U+000A]line.csv: 0 rows'
    """
    return (
        printable(name)
        .replace("\n", "[U+000A]")
        .replace("\t", "[U+0009]")
        .replace("\r", "[U+000D]")
    )


#: linkgraph's own non-ASCII decorations and their ASCII forms, for a terminal or an
#: encoding that cannot show them (:func:`wants_ascii`).
_DECORATIONS = str.maketrans(
    {"→": "->", "←": "<-", "…": "...", "—": "-", "–": "-", "·": "-", "≥": ">=", "≤": "<="}
)


def ascii_decorations(text: str) -> str:
    """``text`` with linkgraph's arrows, dashes and ellipses in ASCII.

    Examples:
        >>> ascii_decorations("Ana → Ion (rows 1–4, Ion Ru…)")
        'Ana -> Ion (rows 1-4, Ion Ru...)'
    """
    return text.translate(_DECORATIONS)


def wants_ascii(stream: IO[str]) -> bool:
    """Whether text for ``stream`` should use ASCII decorations: its encoding cannot
    encode them (``PYTHONIOENCODING=ascii``, a latin-1 console), or it is a terminal under
    the C/POSIX locale (Python then writes UTF-8, which such a terminal shows as
    garbage). A pipe or a file keeps them (it is read as UTF-8)."""
    import os

    encoding = getattr(stream, "encoding", None) or "utf-8"  # StringIO: str, no bytes
    try:
        "→…—".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return True
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False
    if not tty:
        return False
    for name in ("LC_ALL", "LC_CTYPE", "LANG"):
        value = os.environ.get(name)
        if value:
            return value in ("C", "POSIX")
    return True  # no locale set at all is the C locale


class PrintableStream:
    """A text stream that passes everything written to it through :func:`printable`
    (``control=False``: control characters kept, for progress bars on stderr); with
    ``ascii``, linkgraph's decorations in ASCII (:func:`ascii_decorations`). A character
    the stream's encoding cannot write is written as ``\\uXXXX``, never an error."""

    def __init__(self, stream: IO[str], *, ascii: bool = False, control: bool = True) -> None:
        self._stream = stream
        self._ascii = ascii
        self._control = control

    def write(self, text: str) -> int:
        shown = printable(text) if self._control else text
        if self._ascii:
            shown = ascii_decorations(shown)
        try:
            self._stream.write(shown)
        except UnicodeEncodeError:
            encoding = getattr(self._stream, "encoding", None) or "ascii"
            self._stream.write(
                shown.encode(encoding, "backslashreplace").decode(encoding, "replace")
            )
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


#: The widest a cell of a table printed on a terminal is shown; longer text is cut and ends
#: in "…" (the --csv and --json outputs keep every value whole).
MAX_CELL_WIDTH = 60


def clip(value: object, width: int = MAX_CELL_WIDTH) -> object:
    """A text value cut to ``width`` characters, the last being "…"; other values as they are.

    Examples:
        >>> clip("x" * 100, 8), clip("Ana Pop", 8), clip(3.5, 8)
        ('xxxxxxx…', 'Ana Pop', 3.5)
    """
    if isinstance(value, str) and len(value) > width:
        return value[: width - 1] + "…"
    return value


#: The longest run of text without a space an error or warning shows whole: a column name,
#: a value or a path of more is cut to its start and end, saying how long it was.
MAX_WORD = 500  # a long path stays whole
#: The longest part (where, what, or how to fix) of an error or warning shown whole (a
#: list of problems, each on its line, stays whole; a list of millions of names does not).
MAX_MESSAGE = 20_000
_LONG_WORD = re.compile(rf"\S{{{MAX_WORD + 1},}}")


def _cut_word(match: re.Match[str]) -> str:
    word = match.group()
    return f"{word[:60]}…{word[-20:]} ({len(word):,} characters)"


def brief(text: str, *, word: int = MAX_WORD, total: int = MAX_MESSAGE) -> str:
    """``text`` short enough for a message: each run of more than ``word`` characters
    without a space (a header line of megabytes, a value of ``[[[[``) cut to its start and
    end with its length, and the whole cut in the middle past ``total`` characters.

    Messages echo names and values from hostile files; a 5 MB header must not become a
    5 MB hint.

    Examples:
        >>> brief("column " + "x" * 600 + " is missing")[-40:]
        'xxxxxxxxxxxx (600 characters) is missing'
        >>> brief("a b " * 10, total=12)
        'a b a b a… [28 characters cut] … b '
        >>> brief("row 2: no phone")
        'row 2: no phone'
    """
    pattern = _LONG_WORD if word == MAX_WORD else re.compile(rf"\S{{{word + 1},}}")
    if len(text) > word:
        text = pattern.sub(_cut_word, text)
    if len(text) > total:
        head, tail = total * 3 // 4, total // 4
        cut = len(text) - head - tail
        text = f"{text[:head]}… [{cut:,} characters cut] …{text[-tail:]}"
    return text


def terminal_columns(stream: IO[str] | None = None) -> int | None:
    """The width in columns of the terminal ``stream`` (stdout by default) writes to, or
    None when it writes to a pipe or a file: tables and summary lines are fitted to a
    terminal, and left whole for a script (``COLUMNS`` overrides the terminal's width)."""
    stream = sys.stdout if stream is None else stream
    try:
        if not stream.isatty():
            return None
    except (AttributeError, ValueError, OSError):
        return None
    return max(shutil.get_terminal_size().columns, 20)


def wrap_lines(text: str, width: int | None) -> str:
    """``text`` with each line longer than ``width`` wrapped at spaces (continuations
    indented by two); as it is when ``width`` is None (not a terminal).

    Examples:
        >>> print(wrap_lines("Network (undirected): density 0.5, 12 nodes", 24))
        Network (undirected):
          density 0.5, 12 nodes
        >>> wrap_lines("a b c", None)
        'a b c'
    """
    if width is None:
        return text
    return "\n".join(
        textwrap.fill(line, width, subsequent_indent="  ", break_on_hyphens=False)
        if len(line) > width
        else line
        for line in text.split("\n")
    )


#: The cuts tried, widest first, when a table is too wide for the terminal: every text
#: cell longer is cut to this many characters ("…" last) before columns are left out.
_FIT_CELL_WIDTHS = (40, 30, 20)


def _clipped(
    df: pd.DataFrame, width: int, index: bool, index_width: int = MAX_CELL_WIDTH
) -> pd.DataFrame:
    import pandas as pd

    shown = df.copy()
    for i, dtype in enumerate(df.dtypes):
        # text only: DataFrame.map turns a nullable integer column into floats (row 2.0)
        if pd.api.types.is_object_dtype(dtype) or isinstance(dtype, pd.StringDtype):
            shown.isetitem(i, df.iloc[:, i].map(lambda v: clip(v, width)))
    shown.columns = [clip(str(c), width) for c in shown.columns]
    if index:
        shown.index = shown.index.map(lambda v: clip(v, index_width))
    return shown


def _widest(text: str) -> int:
    return max((len(line) for line in text.split("\n")), default=0)


def fitted_table(
    df: pd.DataFrame, *, index: bool = False, columns: int | None = None
) -> tuple[str, list[str]]:
    """``df`` as an aligned text table (:func:`text_table`) no wider than ``columns``
    characters, and the names of the columns left out to fit. Long text cells are cut
    first (to 40, 30, then 20 characters, "…" last; the index, entity ids, is cut only
    past 60); then columns are left out from the right (the index and the first column
    stay). ``columns`` None: no limit.

    Examples:
        >>> import pandas as pd
        >>> df = pd.DataFrame({"label": ["Ion " * 20], "country": ["MD"], "n": [3]})
        >>> text, left_out = fitted_table(df, columns=40)
        >>> max(len(line) for line in text.splitlines()) <= 40, left_out
        (True, [])
    """
    text = _clipped(df, MAX_CELL_WIDTH, index).to_string(index=index)
    if columns is None or _widest(text) <= columns:
        return text, []
    for width in _FIT_CELL_WIDTHS:
        text = _clipped(df, width, index).to_string(index=index)
        if _widest(text) <= columns:
            return text, []
    shown = _clipped(df, _FIT_CELL_WIDTHS[-1], index)
    names = [str(c) for c in df.columns]
    keep = len(names)
    while keep > 1 and _widest(text) > columns:
        keep -= 1
        text = shown.iloc[:, :keep].to_string(index=index)
    return text, names[keep:]


def text_table(df: pd.DataFrame, *, index: bool = False, width: int = MAX_CELL_WIDTH) -> str:
    """``df`` as an aligned text table whose cells, index and column names are cut to
    ``width`` characters (:func:`clip`): one megabyte cell cannot widen every row."""
    return _clipped(df, width, index, width).to_string(index=index)
