"""Fixed-width text (mainframe and legacy-system extracts): each column a span of
character positions, given by the mapping's ``widths:`` with ``format: fixed``.

``widths: [20, 20, 11, 4]`` gives each column's width from the line's start;
``widths: [[0, 19], [20, 39], ...]`` gives each column's ``[start, end]`` (0-based, the
end excluded, as pandas' ``colspecs``). The header is the line at ``header_row`` (1-based),
else the line above the first rule line (``---- ------``), else the first line that is not
blank. Under it, blank lines and rule lines are skipped; the cells are cut from all lines
at once in Arrow and trimmed; a row's number is its line in the file. A total or page line
(``TOTAL RECORDS: 3``) is a ``footer_row`` reject, as in any table; a line holding a tab
or ending before the second column's start is a ``fixed_misaligned`` reject (a line
whose last columns are empty, trailing blanks stripped, is read). A UTF-8 file
padded by bytes (its columns line up in bytes, not characters) is cut in bytes.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

if TYPE_CHECKING:
    from linkgraph.ingest.readers import Chunk

Spans = tuple[tuple[int, int], ...]
_RULE = re.compile(r"^\s*[-=_]{2,}(?:\s+[-=_]{2,})*\s*$")
_GAP = re.compile(r"\S(?:\s?\S)*")  # a cell: text with no run of 2+ spaces inside


def spans_of(widths: list[Any]) -> Spans:
    """Column spans ``(start, end)`` from a mapping's ``widths:`` (widths, or ``[start,
    end]`` pairs). Raises ValueError saying what is wrong.

    Examples:
        >>> spans_of([3, 2]), spans_of([[0, 3], [4, 6]])
        (((0, 3), (3, 5)), ((0, 3), (4, 6)))
    """
    if not isinstance(widths, list) or not widths:
        raise ValueError("expected a list of column widths, or of [start, end] pairs")
    if all(isinstance(w, int) and not isinstance(w, bool) for w in widths):
        if any(w <= 0 for w in widths):
            raise ValueError("each width must be 1 or more")
        ends = np.cumsum(widths).tolist()
        return tuple(zip([0, *ends[:-1]], ends, strict=True))
    pairs = []
    for w in widths:
        ok = isinstance(w, list) and len(w) == 2 and all(isinstance(x, int) for x in w)
        if not ok or not 0 <= w[0] < w[1]:
            raise ValueError(
                f"{w!r} is no [start, end] pair (0-based start, end after it); give all"
                " widths as numbers or all as pairs"
            )
        pairs.append((int(w[0]), int(w[1])))
    return tuple(pairs)


def is_rule(line: str) -> bool:
    """Whether a line only underlines the header (``----- ---- ===``)."""
    return bool(_RULE.match(line))


def header_line(lines: list[str], header_row: int | None, skip_rows: int = 0) -> int:
    """The 0-based position of the header line (see the module docstring); -1 when the
    file has no line that is not blank."""
    if header_row:
        return header_row - 1
    rule = next((i for i, line in enumerate(lines) if i >= skip_rows and is_rule(line)), None)
    if rule is not None:
        above = [i for i in range(skip_rows, rule) if lines[i].strip()]
        if above:
            return above[-1]
    return next((i for i in range(skip_rows, len(lines)) if lines[i].strip()), -1)


def cut(lines: pa.Array, spans: Spans, *, in_bytes: bool = False) -> list[pa.Array]:
    """Each column's trimmed cells of ``lines`` (an Arrow string array), cut in Arrow
    (no per-line Python); the last column runs to the end of the line. ``in_bytes``: the
    positions count UTF-8 bytes (a file padded by bytes), not characters."""
    out = []
    for i, (start, end) in enumerate(spans):
        stop = 1 << 30 if i == len(spans) - 1 else end
        if in_bytes:
            cells = _as_text(pc.binary_slice(lines.cast(pa.large_binary()), start, stop))
        else:
            cells = pc.utf8_slice_codeunits(lines, start, stop)
        out.append(pc.utf8_trim_whitespace(cells))
    return out


def _as_text(cells: pa.Array) -> pa.Array:
    """Byte slices as text; a slice that cuts a character reads it as U+FFFD."""
    try:
        return cells.cast(pa.large_string())
    except pa.ArrowInvalid:
        return pa.array(
            [None if b is None else b.decode("utf-8", "replace") for b in cells.to_pylist()],
            pa.large_string(),
        )


def padded_in_bytes(lines: list[str], spans: Spans) -> bool:
    """Whether the columns of ``lines`` line up in UTF-8 bytes rather than characters (an
    export padded by ``printf("%-15s")``, or a byte-oriented mainframe): of the lines with
    characters beyond ASCII (the first 500), more have a blank just before each column's
    start when counted in bytes than in characters."""
    wide = list(itertools.islice((s for s in lines if not s.isascii()), 500))
    by_chars = sum(_fits(line, spans) for line in wide)
    by_bytes = sum(_fits(line.encode("utf-8"), spans) for line in wide)
    return by_bytes > by_chars


def _fits(line: str | bytes, spans: Spans) -> int:
    """How many column starts of ``spans`` the line has a blank (or its end) just before."""
    blank = " " if isinstance(line, str) else b" "
    return sum(start >= len(line) or line[start - 1 : start] == blank for start, _ in spans[1:])


#: The reason of a line a fixed-width layout cannot cut (see :func:`misfits`).
MISFIT = "fixed_misaligned"


def misfits(lines: pa.Array, spans: Spans, *, in_bytes: bool) -> np.ndarray:
    """Which lines do not fit the widths: holding a tab (a tab-separated line among
    fixed-width ones), or ending before the second column's start (``SHORT``: text in
    the first column alone); cut, they would be a person named after half a line. A line
    that reaches into later columns but stops before the last is kept: exports strip
    trailing blanks, so a row whose last columns are empty is that short."""
    length = pc.binary_length(lines) if in_bytes else pc.utf8_length(lines)
    short = pc.less(length, spans[1][0] if len(spans) > 1 else 1)
    tab = pc.match_substring(lines, "\t")
    return pc.or_(short, tab).to_numpy(zero_copy_only=False)


def read_fixed(
    source: str,
    text: str,
    spans: Spans,
    *,
    header_row: int | None,
    skip_rows: int,
    chunk_rows: int,
) -> Iterator[Chunk]:
    """Chunks of a fixed-width file's rows (see the module docstring)."""
    from linkgraph.errors import InputError
    from linkgraph.ingest.readers import Chunk

    lines = text.splitlines()
    at = header_line(lines, header_row, skip_rows)
    if at < 0 or at >= len(lines):
        raise InputError(
            "no header line", source=source, hint="set `header_row:` to the header's line"
        )
    in_bytes = padded_in_bytes(lines[at + 1 :], spans)
    header = _names([c[0].as_py() for c in cut(pa.array([lines[at]]), spans, in_bytes=in_bytes)])
    body = pa.array(lines[at + 1 :], pa.large_string())
    blank = pc.equal(pc.utf8_trim_whitespace(body), "")
    keep = pc.invert(pc.or_(blank, pc.match_substring_regex(body, _RULE.pattern)))
    body = body.filter(keep)
    numbers = np.arange(at + 2, len(lines) + 1, dtype=np.int64)[keep.to_numpy(False)]
    body, numbers, rejects = _without_misfits(source, body, numbers, spans, in_bytes)
    for begin in range(0, max(len(body), 1), chunk_rows):
        columns = cut(body.slice(begin, chunk_rows), spans, in_bytes=in_bytes)
        frame = pd.DataFrame(
            {
                h: pd.Series(c.to_pandas(), dtype=object)
                for h, c in zip(header, columns, strict=True)
            }
        )
        chunk = Chunk(frame, numbers[begin : begin + chunk_rows], source)
        chunk.layout = {"header_row": at + 1, "widths_in_bytes": in_bytes}
        if begin == 0:
            chunk.layout.update(above_header(lines, at, skip_rows, spans, in_bytes))
        chunk.rejects, rejects = rejects, []
        yield chunk


def above_header(
    lines: list[str], at: int, skip_rows: int, spans: Spans, in_bytes: bool
) -> dict[str, Any]:
    """What the lines above the header at ``lines[at]`` (after the mapping's
    ``skip_rows``) were read as, in the keys of :func:`readers.preamble_layout`: a line
    of one or two runs of text (a title, ``Run date: 2024-01-02``), a blank or a rule line
    is a preamble's; a wider line (``Mira Kovac     0991234567     victim``) is not read,
    and is named in ``data_like_rows`` when its cells, cut at the widths, read as the
    table's data rows.

    Examples:
        >>> lines = ["REGISTRY", "Mira Kovac  0991234567  victim", "NAME        PHONE       ROLE",
        ...          "Ivan P      0991112233  suspect", "Olena K     0671234567  victim"]
        >>> above_header(lines, 2, 0, ((0, 12), (12, 24), (24, 40)), False)
        {'preamble_rows': [1, 2], 'preamble_blank': 0, 'preamble_skipped': [2], \
'data_like_rows': [2]}
    """
    from linkgraph.ingest.readers import _is_title_block_line, preamble_layout

    first = min(max(skip_rows, 0), at)
    if first >= at:
        return {}
    sample = [ln for ln in lines[at + 1 :] if ln.strip() and not is_rule(ln)][:20]
    shown = lines[first : at + 1] + sample
    columns = cut(pa.array(shown, pa.large_string()), spans, in_bytes=in_bytes)
    rows = [list(r) for r in zip(*(c.to_pylist() for c in columns), strict=True)]
    layout = preamble_layout(rows, at - first, False, first_row=first + 1)
    width = sum(1 for c in rows[at - first] if c)
    layout["preamble_blank"] = sum(1 for ln in lines[first:at] if not ln.strip() or is_rule(ln))
    layout["preamble_skipped"] = [
        first + 1 + i
        for i, ln in enumerate(lines[first:at])
        if ln.strip() and not is_rule(ln) and not _is_title_block_line(_GAP.findall(ln), width)
    ]
    return layout


def _without_misfits(
    source: str, body: pa.Array, numbers: np.ndarray, spans: Spans, in_bytes: bool
) -> tuple[pa.Array, np.ndarray, list[dict[str, Any]]]:
    """``body`` and its line ``numbers`` without the lines that do not fit the widths
    (:func:`misfits`), and a ``fixed_misaligned`` reject for each. A total or page line
    (``TOTAL RECORDS: 3``) is left in for the table's ``footer_row`` check."""
    from linkgraph.ingest.readers import is_page_mark, is_total_row

    bad = misfits(body, spans, in_bytes=in_bytes)
    rejects = []
    for at in np.flatnonzero(bad):
        text = body[int(at)].as_py().strip()
        if "\t" not in text and (is_total_row([text]) or is_page_mark(text)):
            bad[at] = False
            continue
        rejects.append(
            {
                "source": source,
                "row": int(numbers[at]),
                "column": None,
                "reason": MISFIT,
                "value": f"line does not fit the widths: {text[:200]!r}",
                "level": "row",
            }
        )
    if not rejects:
        return body, numbers, rejects
    return body.filter(pa.array(~bad)), numbers[~bad], rejects


def _names(cells: list[Any]) -> list[str]:
    """Header cells as column names: an empty one is ``column_N``, a repeated one
    ``NAME_2``."""
    seen: dict[str, int] = {}
    out = []
    for i, cell in enumerate(cells, start=1):
        name = str(cell or "").strip() or f"column_{i}"
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name}_{seen[name]}")
    return out


def file_layout(path: Path) -> tuple[Spans, int] | None:
    """The inferred column spans and 1-based header line of a text file that looks like
    a fixed-width export (see :func:`infer_layout`; from its first 64 KiB), else None.
    A file named .csv or .tsv is never taken for one."""
    from linkgraph.ingest.readers import detect_encoding

    if path.suffix.lower() in (".csv", ".tsv"):
        return None
    with open(path, encoding=detect_encoding(path), errors="replace") as fh:
        return infer_layout(fh.read(65_536))


def infer_layout(text: str) -> tuple[Spans, int] | None:
    """The column spans and 1-based header line of a text that looks like a fixed-width
    table (columns apart by runs of 2+ spaces, aligned in every line under a header, or
    underlined by a rule line ``---- ----``), else None. Each span runs to the next
    column's start, so a value longer than its header fits.

    Examples:
        >>> t = "EXTRACT   RUN 1\\n\\nNAME     DOB         NAT\\nANA POP  2000-01-02  UKR\\n"
        >>> infer_layout(t + "BO LI    1999-03-04  ROU\\n")
        (((0, 9), (9, 21), (21, 24)), 3)
    """
    lines = text.splitlines()[:400]
    if not lines or _delimited(lines[:50]):
        return None
    rule = next((i for i, s in enumerate(lines) if is_rule(s)), None)
    if rule is not None:
        runs = list(re.finditer(r"[-=_]{2,}", lines[rule]))
        if len(runs) < 2:
            return None
        return _spans([m.start() for m in runs], runs[-1].end()), header_line(lines, None) + 1
    return _by_gutters(lines)


def _delimited(lines: list[str]) -> bool:
    """Whether lines are delimited text: a ``|`` or ``;`` in any, or a tab in at least
    half of those not blank (one tab-separated line among aligned ones is a misfit line,
    see :func:`misfits`)."""
    filled = [s for s in lines if s.strip()]
    if any("|" in s or ";" in s for s in filled):
        return True
    return sum("\t" in s for s in filled) * 2 >= len(filled)


def _by_gutters(lines: list[str]) -> tuple[Spans, int] | None:
    """Spans from the positions blank in every line of the largest block of lines that
    split into the same number (3 or more) of cells."""
    counts = [len(_GAP.findall(s)) if s.strip() else 0 for s in lines]
    usual = max(set(counts), key=counts.count)
    if usual < 3:
        return None
    block = [i for i, n in enumerate(counts) if n == usual]
    if len(block) < 3:
        return None
    rows = [lines[i] for i in block]
    width = max(len(s) for s in rows)
    filled = np.zeros(width, dtype=bool)
    for s in rows:
        filled |= np.frombuffer(s.ljust(width).encode("utf-32-le"), "<u4") != 32
    # a column starts after a gutter of 2+ positions blank in every line ("Cluj Napoca"'s
    # one space is no gutter)
    starts = [i for i in range(width) if filled[i] and (i < 2 or not filled[i - 2 : i].any())]
    starts = [i for i in starts if i == starts[0] or not filled[i - 1]]
    if len(starts) < 3:
        return None
    return _spans(starts, width), block[0] + 1


def _spans(starts: list[int], width: int) -> Spans:
    ends = [*starts[1:], max(width, starts[-1] + 1)]
    return tuple(zip(starts, ends, strict=True))


def as_widths(spans: Spans) -> list[Any]:
    """``spans`` as a mapping writes them: widths when the columns follow one another
    from the line's start, else ``[start, end]`` pairs.

    Examples:
        >>> as_widths(((0, 8), (8, 20))), as_widths(((2, 8), (8, 20)))
        ([8, 12], [[2, 8], [8, 20]])
    """
    follow = spans[0][0] == 0 and all(a[1] == b[0] for a, b in itertools.pairwise(spans))
    return [e - s for s, e in spans] if follow else [[s, e] for s, e in spans]
