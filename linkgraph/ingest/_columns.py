"""Private vectorised helpers: header matching, JSON objects per row, times, cleaning cells."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from linkgraph.ingest import normalize

_KEY = re.compile(r"[\W_]+")


def header_key(name: str) -> str:
    """A header compared loosely: case, spaces, dashes and underscores ignored.

    Examples:
        >>> header_key(" Date of Birth "), header_key("date_of-birth")
        ('date_of_birth', 'date_of_birth')
    """
    return _KEY.sub("_", name.strip().lower()).strip("_")


def header_index(columns: Sequence[str]) -> dict[str, str]:
    """header_key -> the actual header (first one wins)."""
    out: dict[str, str] = {}
    for c in columns:
        out.setdefault(header_key(str(c)), str(c))
    return out


def as_text(series: pd.Series) -> pd.Series:
    """A column as pandas "string" with empty (or blank) cells as ``<NA>``."""
    s = series.astype("string")
    return s.mask(s.str.strip() == "")


def _escape(arr: pa.Array) -> pa.Array:
    arr = pc.replace_substring(arr, "\\", "\\\\")
    arr = pc.replace_substring(arr, '"', '\\"')
    arr = pc.replace_substring(arr, "\n", "\\n")
    arr = pc.replace_substring(arr, "\r", "\\r")
    arr = pc.replace_substring(arr, "\t", "\\t")
    # Other control characters are dropped: they carry no meaning in a case export.
    return pc.replace_substring_regex(arr, "[\\x00-\\x1f]", "")


def json_objects(
    columns: Mapping[str, pd.Series], *, raw_json: frozenset[str] = frozenset(), n: int
) -> pd.Series:
    """One JSON object per row, built column-wise in Arrow (no per-row Python).

    Empty cells become ``null``; columns named in ``raw_json`` already hold JSON text.
    """
    if not columns:
        return pd.Series(["{}"] * n, dtype="string")
    parts: list[Any] = []
    for i, (name, values) in enumerate(columns.items()):
        arr = pa.array(values.astype("string").to_numpy(dtype=object, na_value=None), pa.string())
        arr = pc.if_else(pc.equal(arr, ""), pa.scalar(None, pa.string()), arr)
        cell = arr if name in raw_json else pc.binary_join_element_wise('"', _escape(arr), '"', "")
        cell = pc.fill_null(cell, "null")
        key = json.dumps(str(name), ensure_ascii=False)
        parts += [("{" if i == 0 else ", ") + key + ": ", cell]
    parts.append("}")
    joined = pc.binary_join_element_wise(*parts, "")
    return arrow_strings(joined)


def arrow_strings(arr: pa.Array | pa.ChunkedArray) -> pd.Series:
    """An Arrow string array as a pandas "string" series, without a copy through Python."""
    return pd.Series(pd.arrays.ArrowStringArray(arr.cast(pa.large_string())), dtype="string")


def stable_ids(prefix: str, *parts: Any) -> list[str]:
    """``model.stable_id(prefix, *row_parts)`` for many rows at once: the same ids, with
    the text built column-wise in Arrow so that only the SHA-256 runs per row.

    Each part is a scalar (the same for every row) or an array of one value per row.

    Examples:
        >>> from linkgraph.model import stable_id
        >>> stable_ids("m", "a.csv", np.array([1, 2]), "person", np.array([0, 0]))[1] == (
        ...     stable_id("m", "a.csv", 2, "person", 0))
        True
    """
    columns: list[Any] = []
    for part in parts:
        if isinstance(part, str | int):
            columns.append(str(part))
        else:
            arr = (
                part if isinstance(part, pa.Array | pa.ChunkedArray) else pa.array(np.asarray(part))
            )
            columns.append(pc.fill_null(pc.cast(arr, pa.string()), ""))
    joined = pc.binary_join_element_wise(*columns, "\x1f")
    sha = hashlib.sha256
    head = f"{prefix}:"
    return [head + sha(t.encode()).hexdigest()[:16] for t in joined.to_pylist()]


_ISO_TZ = r"(?:Z|[+-]\d\d:?\d\d)$"
_FORMATS_DAYFIRST = (
    "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M",
    "%d-%m-%Y %H:%M:%S", "%d/%m/%y %H:%M", "%d/%m/%Y", "%d.%m.%Y",
)  # fmt: skip
_FORMATS_MONTHFIRST = (
    "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %I:%M %p",
    "%m-%d-%Y %H:%M:%S", "%m/%d/%y %H:%M", "%m/%d/%Y",
)  # fmt: skip


def _localize(parsed: pd.Series, timezone: str) -> pd.Series:
    if parsed.dt.tz is not None:
        return parsed.dt.tz_convert("UTC")
    if timezone in ("UTC", "Etc/UTC"):
        return parsed.dt.tz_localize("UTC")
    # Times that a DST change makes ambiguous are read as standard time, not dropped.
    return parsed.dt.tz_localize(
        timezone, ambiguous=np.zeros(len(parsed), dtype=bool), nonexistent="shift_forward"
    ).dt.tz_convert("UTC")


def parse_times(values: pd.Series, *, dayfirst: bool, timezone: str) -> tuple[pd.Series, pd.Series]:
    """Times from mixed formats to UTC: ``(datetime64[ns, UTC] series, failed mask)``.

    Parsed once per distinct value: ISO 8601 first, then common day-first or month-first
    layouts (as declared), then the date normaliser. Times without an offset are in
    ``timezone``.
    """
    present = values.dropna()
    uniq = pd.Series(pd.unique(present.to_numpy(dtype=object)), dtype="string")
    out = pd.Series(pd.NaT, index=uniq.index, dtype="datetime64[ns, UTC]")
    if len(uniq):
        aware = uniq.str.contains(_ISO_TZ, regex=True).fillna(False).astype(bool)
        if aware.any():
            out[aware] = pd.to_datetime(
                uniq[aware], format="ISO8601", errors="coerce", utc=True
            ).astype("datetime64[ns, UTC]")
        naive = ~aware
        if naive.any():
            parsed = pd.to_datetime(uniq[naive], format="ISO8601", errors="coerce")
            out[naive] = _localize(parsed, timezone).astype("datetime64[ns, UTC]")
        formats = _FORMATS_DAYFIRST if dayfirst else _FORMATS_MONTHFIRST
        for fmt in formats:
            rest = out.isna()
            if not rest.any():
                break
            parsed = pd.to_datetime(uniq[rest], format=fmt, errors="coerce")
            ok = parsed.notna()
            if ok.any():
                out[parsed[ok].index] = _localize(parsed[ok], timezone).astype(
                    "datetime64[ns, UTC]"
                )
        rest = out[out.isna()].index
        for i in rest[:100_000]:
            try:
                day = normalize.date(uniq[i], dayfirst=dayfirst)
            except ValueError:
                continue
            if day is not None and len(day) == 10:
                out[i] = pd.Timestamp(day).tz_localize(timezone).tz_convert("UTC")
    positions = pd.Index(uniq).get_indexer(values.astype("string").fillna("\x00missing"))
    times = pd.Series(
        out.to_numpy()[np.where(positions < 0, 0, positions)] if len(out) else pd.NaT,
        index=values.index,
        dtype="datetime64[ns, UTC]",
    )
    times[positions < 0] = pd.NaT
    failed = values.notna() & times.isna()
    return times, failed.astype(bool)


def reject_frame(
    source: str,
    rows: np.ndarray,
    mask: pd.Series | np.ndarray,
    column: str | None,
    reason: str,
    values: pd.Series | None,
    level: str = "value",
) -> pd.DataFrame:
    """Rejects (REJECTS columns) for the rows where ``mask`` is true, built column-wise."""
    hit = np.asarray(mask, dtype=bool)
    vals = None if values is None else values[hit].astype("string").str.slice(0, 200).to_numpy()
    return pd.DataFrame(
        {
            "source": source,
            "row": pd.array(rows[hit], dtype="Int64"),
            "column": column,
            "reason": reason,
            "value": vals,
            "level": level,
        }
    )


_MARKUP = r"^\s*[=@][A-Za-z_.]*\(|<[A-Za-z/!][^<>]*>|&#?\w+;"


def clean_cells(
    frame: pd.DataFrame, rows: np.ndarray, source: str, *, max_cell_chars: int
) -> tuple[pd.DataFrame, pd.DataFrame, list[dict[str, Any]]]:
    """Bad cells made harmless: ``(raw_frame, clean_frame, rejects)``.

    ``raw_frame`` has NUL bytes removed and megabyte cells truncated (it is what ``raw``
    records); ``clean_frame`` also has spreadsheet formulas and HTML stripped. Every change
    is a value-level reject naming row and column.
    """
    rejects: list[dict[str, Any]] = []
    raw: dict[str, pd.Series] = {}
    clean: dict[str, pd.Series] = {}

    def report(mask: pd.Series, column: str, reason: str, values: pd.Series) -> None:
        rejects.append(reject_frame(source, rows, mask, column, reason, values))

    for col in frame.columns:
        s = frame[col].astype("string").fillna("")
        arr = pa.array(s.array)
        long = pd.Series(
            pc.greater(pc.utf8_length(arr), max_cell_chars).to_numpy(zero_copy_only=False),
            index=s.index,
        )
        if long.any():
            report(long, col, "cell_too_long", s)
            s = s.mask(long, s.str.slice(0, max_cell_chars))
        nul = pd.Series(
            pc.match_substring(arr, "\x00").to_numpy(zero_copy_only=False), index=s.index
        )
        if nul.any():
            report(nul, col, "nul_bytes", s)
            s = s.str.replace("\x00", "", regex=False)
        raw[col] = s
        markup = pd.Series(
            pc.match_substring_regex(pa.array(s.array), _MARKUP).to_numpy(zero_copy_only=False),
            index=s.index,
        )
        if markup.any():
            fixed = s[markup].map(normalize.strip_markup)
            for reason in ("formula", "html"):
                hit = pd.Series(False, index=s.index)
                hit[fixed.index] = fixed.map(lambda t, r=reason: t[1] == r).astype(bool)
                if hit.any():
                    report(hit, col, reason, s)
            s = s.copy()
            s[fixed.index] = fixed.map(lambda t: t[0])
        clean[col] = s
    return pd.DataFrame(raw, index=frame.index), pd.DataFrame(clean, index=frame.index), rejects
