"""Private vectorised helpers: header matching, JSON objects per row, times, cleaning cells."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from linkgraph.ingest import normalize
from linkgraph.text import (
    HIDDEN,
    INVISIBLE,
    STRAY_JOINER,
    STRAY_JOINER_KEPT,
    fold,
    part_glued_words,
    show_invisible,
)

_KEY = re.compile(r"[\W_]+")


def header_key(name: str) -> str:
    """A header compared loosely: case, spaces, dashes and underscores ignored.

    Examples:
        >>> header_key(" Date of Birth "), header_key("date_of-birth")
        ('date_of_birth', 'date_of_birth')
    """
    return _KEY.sub("_", name.strip().lower()).strip("_")


_NOTE = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_DOTTED = re.compile(r"^(?:\w\.)+\w?\.?$")
_NUMBER_WORD = re.compile(r"_(?:no|nr|num|number|n|#)$")
#: Headers that may have a looser key at all (most have none: checked first, it is cheap).
_LOOSE = re.compile(r"[(\[./|#]|[\s_-](?:no|nr|num|number|n)\W*$|[^\W\d_][\s_-]?1$", re.IGNORECASE)
#: The first of a numbered series ("Phone 1", "Tel1", "email_1"): its base name.
_FIRST_OF_SERIES = re.compile(r"^(.*[^\W\d_])_?1$")


def header_variants(name: str) -> list[str]:
    """Looser keys of a header, tried after every header's exact key: without a note in
    brackets ("Sex (M/F)" -> sex), without the dots of an abbreviation ("D.O.B." -> dob),
    without a trailing number word ("Mobile No." -> mobile), the first of a numbered
    series without its number ("Phone 1" -> phone: "Phone 2" is the second), and each
    part of a header that names two things ("Town/City" -> town, city).

    Examples:
        >>> header_variants("First Name(s)"), header_variants("D.O.B.")
        (['first_name'], ['dob'])
        >>> header_variants("Town/City"), header_variants("Passport No.")
        (['town', 'city'], ['passport'])
        >>> header_variants("Prénom"), header_variants("Дата рождения")
        (['prenom'], ['data_rozhdeniia'])
        >>> header_variants("Phone 1"), header_variants("Tel1"), header_variants("Phone 2")
        (['phone'], ['tel'], [])
    """
    folded = header_key(fold(name))
    if folded == header_key(name):
        folded = ""
    if not _LOOSE.search(name):
        return [folded] if folded else []
    bare = _NOTE.sub(" ", name).strip()
    if _DOTTED.match(bare.replace(" ", "")):
        bare = bare.replace(".", "").replace(" ", "")
    out: list[str] = []
    for part in [bare, *re.split(r"\s*[/|]\s*", bare)]:
        key = header_key(part)
        first = _FIRST_OF_SERIES.match(key)
        for k in (key, _NUMBER_WORD.sub("", key), first.group(1) if first else ""):
            if k and k not in out and k != header_key(name):
                out.append(k)
    if "/" in bare or "|" in bare:
        out = [k for k in out if k != header_key(bare)]
    if folded:
        # Its accents folded and its script transliterated too: "Prénom" -> prenom,
        # "Дата рождения" -> data_rozhdeniia.
        out += [k for k in dict.fromkeys(header_key(fold(k)) for k in out) if k not in out]
        if folded not in out:
            out.insert(0, folded)
    return out


def header_index(columns: Sequence[str]) -> dict[str, str]:
    """header_key -> the actual header (first one wins); then each header's looser keys
    (:func:`header_variants`) where no header holds that key exactly."""
    out: dict[str, str] = {}
    for c in columns:
        out.setdefault(header_key(str(c)), str(c))
    for c in columns:
        for key in header_variants(str(c)):
            out.setdefault(key, str(c))
    return out


def as_text(series: pd.Series) -> pd.Series:
    """A column as pandas "string" with empty (or blank) cells as ``<NA>``.

    Blank is what ``str.strip() == ""`` says (Arrow's ``utf8_is_space`` knows the same
    29 whitespace characters), found without making the stripped copy of every value.
    """
    arr = arrow_text(series)
    blank = pc.or_(pc.equal(arr, ""), pc.utf8_is_space(arr))
    out = arrow_strings(_nulled(arr, blank) if pc.any(blank).as_py() else arr)
    out.index = series.index
    return out


def _nulled(arr: pa.Array, where: pa.Array) -> pa.Array:
    """``arr`` (large_string) with the values where ``where`` is true made null: a new
    validity bitmap over the same offsets and text (``if_else`` would copy the text)."""
    keep = pc.and_(pc.is_valid(arr), pc.invert(pc.fill_null(where, False)))
    if arr.offset or keep.offset:
        return pc.if_else(where, pa.scalar(None, arr.type), arr)
    _, offsets, data = arr.buffers()
    return pa.LargeStringArray.from_buffers(len(arr), offsets, data, keep.buffers()[1])


def arrow_text(values: pd.Series) -> pa.Array:
    """A column as an Arrow string array (no Python objects when it is already Arrow-backed)."""
    if not isinstance(values.dtype, pd.StringDtype) or values.dtype.storage != "pyarrow":
        values = values.astype("string")
    arr = pa.array(values.array)
    arr = arr.combine_chunks() if isinstance(arr, pa.ChunkedArray) else arr
    return arr if arr.type == pa.large_string() else arr.cast(pa.large_string())


def re2_match(values: pd.Series, pattern: str) -> np.ndarray:
    """Which values match ``pattern`` (an RE2 regex, searched, so anchor it as needed), as a
    numpy bool array (null is False). Arrow's RE2 runs in C++: pandas sends any pattern with
    ``\\s`` or ``\\d`` to Python's ``re`` one value at a time, which costs seconds on the
    hundreds of thousands of rejects a large file can have. RE2's ``\\s`` and ``\\d`` are
    ASCII only, which the patterns given here (numbers as spreadsheets write them) expect."""
    if not len(values):
        return np.zeros(0, dtype=bool)
    hit = pc.match_substring_regex(arrow_text(values), pattern).fill_null(False)
    return hit.to_numpy(zero_copy_only=False).astype(bool, copy=False)


def _text_bytes(arr: pa.Array) -> np.ndarray:
    """The UTF-8 bytes of every value of a (large) string array, as one uint8 array."""
    offsets = np.frombuffer(arr.buffers()[1], dtype=np.int64)[
        arr.offset : arr.offset + len(arr) + 1
    ]
    data = arr.buffers()[2]
    if data is None or len(offsets) == 0:
        return np.zeros(0, dtype=np.uint8)
    return np.frombuffer(data, dtype=np.uint8)[offsets[0] : offsets[-1]]


def may_contain(arr: pa.Array, chars: bytes, *, control: bool = False) -> bool:
    """Whether any value of a large_string array may hold one of the ASCII ``chars`` (or,
    with ``control``, a control character). A scan of the data buffer: a few ms for a
    chunk, where a regex over every value costs ten times more. True may be a false
    alarm (e.g. bytes of nulls' slots); False is certain."""
    data = _text_bytes(arr)
    if not len(data):
        return False
    if control and int(data.min()) < 0x20:
        return True
    # bytes.find is a memchr per character: ~20x faster than a table look-up per byte.
    raw = data.tobytes()
    return any(raw.find(c) >= 0 for c in chars)


def _escape(arr: pa.Array) -> pa.Array:
    # Most columns hold no quote, backslash or control character: a scan of the bytes
    # decides whether the six rewrites below are needed at all.
    if not may_contain(arr, b'"\\', control=True):
        return arr
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

    Examples:
        >>> json_objects({"a": pd.Series(['x"y', None]), "b": pd.Series(["", "1"])}, n=2).tolist()
        ['{"a": "x\\\\"y", "b": null}', '{"a": null, "b": "1"}']
    """
    if not columns:
        return pd.Series(["{}"] * n, dtype="string")
    parts: list[Any] = []
    q, empty = pa.scalar('"', pa.large_string()), pa.scalar("", pa.large_string())
    # Literal text between cells (keys, separators and, around a column with no empty
    # cell, its quotes) is gathered into one scalar, so that most columns go into the one
    # final join as they are instead of through a join of their own.
    literal = "{"
    for i, (name, values) in enumerate(columns.items()):
        arr = arrow_text(values)
        key = json.dumps(str(name), ensure_ascii=False)
        literal += ("" if i == 0 else ", ") + key + ": "
        blank = pc.equal(arr, "")
        if name not in raw_json and not arr.null_count and not pc.any(blank).as_py():
            parts += [pa.scalar(literal + '"', pa.large_string()), _escape(arr)]
            literal = '"'
            continue
        arr = pc.if_else(blank, pa.scalar(None, arr.type), arr)
        cell = arr if name in raw_json else pc.binary_join_element_wise(q, _escape(arr), q, empty)
        parts += [pa.scalar(literal, pa.large_string()), pc.fill_null(cell, "null")]
        literal = ""
    parts.append(pa.scalar(literal + "}", pa.large_string()))
    joined = pc.binary_join_element_wise(*parts, empty)
    return arrow_strings(joined)


def constant_text(value: str | None, n: int) -> pd.arrays.ArrowStringArray:
    """``n`` copies of one value (or of ``<NA>``) as a "string" array, built in Arrow."""
    # A fresh pandas array each call over a shared Arrow array (immutable): each chunk's
    # slots and links ask for the same source, slot and kind over the same row counts.
    return pd.arrays.ArrowStringArray(_constant_arrow(value, n))


@lru_cache(maxsize=16)
def _constant_arrow(value: str | None, n: int) -> pa.Array:
    """:func:`constant_text`'s Arrow array, built once per value and length."""
    if value is None:
        return pa.nulls(n, pa.large_string())
    # The buffers are built directly (offsets by numpy, the text by bytes repetition):
    # ~8x faster than pa.repeat, which matters at a dozen calls per chunk.
    text = value.encode()
    offsets = np.arange(n + 1, dtype=np.int64) * len(text)
    return pa.LargeStringArray.from_buffers(n, pa.py_buffer(offsets), pa.py_buffer(text * n))


def spread_distinct(
    encoded: pa.DictionaryArray, shown: pa.Array, failed: np.ndarray, index: pd.Index
) -> tuple[pd.Series, pd.Series]:
    """Each row's value and failure from those of its distinct value: ``shown`` and
    ``failed`` are per entry of ``encoded``'s dictionary (a null row fails nothing)."""
    out = arrow_strings(shown.take(encoded.indices))
    out.index = index
    codes = encoded.indices.to_numpy(zero_copy_only=False)
    present = np.asarray(encoded.indices.is_valid(), dtype=bool)
    rows_failed = np.zeros(len(index), dtype=bool)
    rows_failed[present] = failed[codes[present].astype(np.int64)]
    return out, pd.Series(rows_failed, index=index)


def arrow_strings(arr: pa.Array | pa.ChunkedArray) -> pd.Series:
    """An Arrow string array as a pandas "string" series, without a copy through Python."""
    return pd.Series(pd.arrays.ArrowStringArray(arr.cast(pa.large_string())), dtype="string")


_ISO_TZ = r"(?:Z|[+-]\d\d:?\d\d)$"
_FORMATS_DAYFIRST = (
    "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M",
    "%d-%m-%Y %H:%M:%S", "%d/%m/%y %H:%M", "%d/%m/%Y", "%d.%m.%Y",
)  # fmt: skip
_FORMATS_MONTHFIRST = (
    "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %I:%M %p",
    "%m-%d-%Y %H:%M:%S", "%m/%d/%y %H:%M", "%m/%d/%Y",
)  # fmt: skip
#: Carriers' compact times (20240112143300, 202401121433), by their exact length: the
#: layouts alone read digits leniently ("%Y%m%d%H%M%S" reads 202401121433 as 14:03:03).
_COMPACT_TIMES = ((r"^\d{14}$", "%Y%m%d%H%M%S"), (r"^\d{12}$", "%Y%m%d%H%M"))
#: Unix times in seconds or milliseconds (APIs), from 2000 to 2100; Excel serial days with
#: a time of day as their fraction (45303.6 = 12 January 2024 14:24).
_EPOCH = r"^\d{10}(\d{3})?$"
_SERIAL_TIME = r"^\d{5}\.\d+$"


#: A leap second: a clock's seconds written 60 ("23:59:60", "23:59:60.5").
_LEAP_SECOND = r"(\d:[0-5]\d):60(\D|$)"


def leap_seconds(text: pd.Series) -> pd.Series:
    """``text`` with a leap second's clock (``23:59:60``) read as the second before it
    (``23:59:59``): the written day and minute are kept, and the time is at most a second
    early, where pandas would roll it over into the next day (31 December 2016 23:59:60
    becomes 1 January 2017) or the ISO reader refuse it. An hour or minute of 60 stays
    wrong.

    Examples:
        >>> leap_seconds(pd.Series(["31.12.2016 23:59:60", "23:59:60.5Z", "12:60:00"])).tolist()
        ['31.12.2016 23:59:59', '23:59:59.5Z', '12:60:00']
    """
    arr = arrow_text(text)
    plain = plain_iso_shape(arr)
    if plain is not None and plain.all():  # seconds of 00-59 ("2024-01-12 14:33:00") only
        return text
    if not pc.any(pc.match_substring(arr, ":60")).as_py():
        return text
    fixed = arrow_strings(pc.replace_substring_regex(arr, _LEAP_SECOND, r"\1:59\2"))
    fixed.index = text.index
    return fixed


#: Codes of the local times a daylight-saving change makes odd (``parse_times``' ``dst``):
#: a clock time the zone shows twice (the hour the clocks are turned back), and one it
#: never shows (the hour they skip when put forward).
AMBIGUOUS, NONEXISTENT = 1, 2


def _localize(parsed: pd.Series, timezone: str, dst: np.ndarray | None = None) -> pd.Series:
    """Times in UTC: aware ones converted, naive ones read in ``timezone``; a naive time
    outside the nanosecond range (year 9999) is NaT first, as :func:`as_ns` makes it
    (pandas cannot localize it: it raised NotImplementedError).

    A naive time in a daylight-saving change is read with the UTC offset in force before
    the change (as Python's zoneinfo reads ``fold=0``): a time the clock shows twice at
    its first occurrence (03:30 in Kyiv on 27 October 2024 is 00:30 UTC, summer time), a
    time it never shows as on a clock not yet put forward (03:30 on 31 March 2024 is 01:30
    UTC), never moved onto the change (04:00) where it would take another time's place.
    ``dst``: an array of ``parsed``'s length, set to :data:`AMBIGUOUS` or
    :data:`NONEXISTENT` at those times, for the summary to count.

    Examples:
        >>> t = pd.Series(pd.to_datetime(["2024-10-27 03:30", "2024-03-31 03:30",
        ...     "2024-03-31 04:00"]))
        >>> dst = np.zeros(3, dtype=np.int8)
        >>> [str(x)[:16] for x in _localize(t, "Europe/Kyiv", dst)], dst.tolist()
        (['2024-10-27 00:30', '2024-03-31 01:30', '2024-03-31 01:00'], [1, 2, 0])
    """
    if parsed.dtype == object:  # a Timestamp pandas holds as an object (year 9999)
        stamps = np.array(parsed.to_numpy(), dtype="datetime64[us]")
        parsed = pd.Series(as_ns(stamps), index=parsed.index)
    if parsed.dt.tz is not None:
        return parsed.dt.tz_convert("UTC")
    if parsed.dtype != np.dtype("datetime64[ns]"):
        parsed = pd.Series(as_ns(parsed.to_numpy()), index=parsed.index)
    if timezone in ("UTC", "Etc/UTC"):
        return parsed.dt.tz_localize("UTC")
    local = parsed.dt.tz_localize(timezone, ambiguous="NaT", nonexistent="NaT")
    odd = (local.isna() & parsed.notna()).to_numpy(dtype=bool)
    utc = local.dt.tz_convert("UTC")
    if not odd.any():
        return utc
    wall = parsed[odd]
    # The offset before the change: that of the same clock time half a day earlier (no
    # zone changes its offset twice in 12 hours), else a day and a half earlier (a zone
    # that skipped a whole day: Samoa's 30 December 2011).
    read = pd.Series(pd.NaT, index=wall.index, dtype="datetime64[ns, UTC]")
    for hours in (12, 36):
        earlier = (wall - pd.Timedelta(hours=hours)).dt.tz_localize(
            timezone, ambiguous="NaT", nonexistent="NaT"
        )
        offset = earlier.dt.tz_localize(None) - earlier.dt.tz_convert("UTC").dt.tz_localize(None)
        read = read.fillna((wall - offset).dt.tz_localize("UTC"))
    lost = read.isna().to_numpy(dtype=bool)
    if lost.any():  # no clock before the change found: standard time
        read[lost] = (
            wall[lost]
            .dt.tz_localize(timezone, ambiguous=np.zeros(int(lost.sum()), dtype=bool),
                            nonexistent="shift_forward")
            .dt.tz_convert("UTC")
        )  # fmt: skip
    utc = utc.copy()
    utc[odd] = read.to_numpy()
    if dst is not None:
        shown = read.dt.tz_convert(timezone).dt.tz_localize(None)
        same = (shown == wall).to_numpy(dtype=bool)
        dst[np.flatnonzero(odd)] = np.where(same, AMBIGUOUS, NONEXISTENT)
    return utc


_NUMERIC_DATE = r"^\s*(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{2}|\d{4})\b"


def infer_dayfirst(values: pd.Series) -> bool | None:
    """Whether a column's numeric dates are day-first, read from the values themselves.

    ``True`` when some value has a first number above 12 (``13.02.2024``), ``False`` when
    some value has a second number above 12 (``03/15/2024``), ``None`` when no value
    decides (or they contradict each other): the caller keeps its default and says so.

    Examples:
        >>> infer_dayfirst(pd.Series(["03.02.2024", "13.02.2024"]))
        True
        >>> infer_dayfirst(pd.Series(["03/15/2024", "04/02/2024"]))
        False
        >>> infer_dayfirst(pd.Series(["03/04/2024", "2024-01-01"])) is None
        True
    """
    day_first, month_first = date_orders(values)
    if day_first == month_first:
        return None
    return day_first


def date_orders(values: pd.Series) -> tuple[bool, bool]:
    """Which orders a column's numeric dates show: ``(day-first, month-first)``, each
    True when some value can only be read that way (``13.02.2024``, ``03/15/2024``).
    Both True: the column mixes the two (its ambiguous dates cannot be told apart).

    Examples:
        >>> date_orders(pd.Series(["13.02.2024", "03/15/2024", "2024-01-01"]))
        (True, True)
        >>> date_orders(pd.Series(["03/04/2024", None]))
        (False, False)
        >>> date_orders(pd.Series(["13/13/2024", "31.12.2023"]))
        (True, False)
    """
    uniq = pd.Series(pd.unique(values.dropna().to_numpy(dtype=object))[:200_000], dtype="string")
    if uniq.empty:
        return False, False
    parts = uniq.str.extract(_NUMERIC_DATE).dropna()
    if parts.empty:
        return False, False
    first, second = parts[0].astype(int), parts[1].astype(int)
    # 13/13/2024 reads neither way: it is an invalid date, not evidence of an order
    day, month = (first > 12) & (second <= 12), (second > 12) & (first <= 12)
    return bool(day.any()), bool(month.any())


def has_ambiguous_dates(values: pd.Series) -> bool:
    """True when some numeric date in ``values`` reads both ways (``03/04/2024``)."""
    return first_ambiguous_date(values) is not None


def first_ambiguous_date(values: pd.Series) -> str | None:
    """The first numeric date in ``values`` that reads both ways (``03/04/2024``), as
    written, or None.

    Examples:
        >>> first_ambiguous_date(pd.Series(["13/02/2024", "05/05/2024", "07/02/2024"]))
        '07/02/2024'
    """
    found = ambiguous_dates(values, most=1)
    return found[0] if found else None


def ambiguous_dates(values: pd.Series, most: int = 8) -> list[str]:
    """The first ``most`` distinct numeric dates in ``values`` that read both ways
    (``03/04/2024``), as written, in the order they come.

    Examples:
        >>> ambiguous_dates(pd.Series(["03/02/1999", "13/02/2024", "05/06/1988", "03/02/1999"]))
        ['03/02/1999', '05/06/1988']
    """
    uniq = pd.Series(pd.unique(values.dropna().to_numpy(dtype=object))[:200_000], dtype="string")
    parts = uniq.str.extract(_NUMERIC_DATE).dropna()
    if parts.empty:
        return []
    first, second = parts[0].astype(int), parts[1].astype(int)
    both = (first <= 12) & (second <= 12) & (first != second)
    return [str(uniq[i]) for i in both[both].index[:most]]


#: A Thai Buddhist-era year (2400-2699 BE, 1857-2156 CE) in a date: four digits set off
#: by a date's separator before it ("02/04/2567", "14 ก.ย. 2538") or after it
#: ("2567-04-20"), not a bare number. Later years (2999) stay typos, and are rejected.
_BUDDHIST_YEAR = r"^(?P<head>|.*[^0-9])(?P<year>2[4-6][0-9][0-9])(?P<tail>|[^0-9].*)$"
_DATE_MARK = r"(?:[-/.\s]2[4-6][0-9][0-9](?:$|[^0-9])|^\s*2[4-6][0-9][0-9][-/.])"
_NOTHING = pa.scalar("", pa.large_string())
#: Buddhist-era years are this many years ahead of the Gregorian calendar.
BUDDHIST_OFFSET = 543


def gregorian_years(values: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """Dates with a Thai Buddhist-era year (2400-2699) rewritten with the Gregorian year
    (less 543), in Arrow: ``(values, which were rewritten)``. A year past 2699 is no
    Buddhist-era year of a living person or a recent event: it stays (and fails as a date).

    Examples:
        >>> dates, changed = gregorian_years(pd.Series(["02/04/2567", "2567-04-20 10:00",
        ...     "14 ก.ย. 2538", "31/12/2999", "2024-01-01", "2567", None]))
        >>> dates.tolist()[:4]
        ['02/04/2024', '2024-04-20 10:00', '14 ก.ย. 1995', '31/12/2999']
        >>> changed.tolist()
        [True, True, True, False, False, False, False]
    """
    arr = arrow_text(values)
    plain = plain_iso_shape(arr)
    if plain is not None and plain.all():  # "2024-01-12 14:33:00" has no such year
        return values, np.zeros(len(arr), dtype=bool)
    changed = pc.match_substring_regex(arr, _DATE_MARK).fill_null(False)
    mask = changed.to_numpy(zero_copy_only=False).astype(bool)
    if not mask.any():
        return values, mask
    parts = pc.extract_regex(arr.filter(changed), _BUDDHIST_YEAR)
    year = pc.cast(
        pc.subtract(pc.cast(parts.field("year"), pa.int64()), BUDDHIST_OFFSET), pa.large_string()
    )
    fixed = pc.binary_join_element_wise(parts.field("head"), year, parts.field("tail"), _NOTHING)
    out = arrow_strings(pc.replace_with_mask(arr, changed, fixed.cast(arr.type)))
    out.index = values.index
    return out, mask


def parse_times(
    values: pd.Series,
    *,
    dayfirst: bool,
    timezone: str,
    buddhist: bool = True,
    written_offsets: bool = True,
    gregorian: bool = False,
    dst: np.ndarray | None = None,
) -> tuple[pd.Series, pd.Series]:
    """Times from mixed formats to UTC: ``(datetime64[ns, UTC] series, failed mask)``.

    Each value goes to the first rule that reads it: ISO 8601 (with an offset, or in
    ``timezone``), then a clock followed by a written offset (``14:03:22(UTC+3)``,
    ``GMT+0300``, ``UTC-04:30``, ``+0300``: see :func:`written_offsets`), then common
    day-first or month-first layouts (as declared), then the date normaliser (which also
    reads Excel serial day numbers). Times without an offset are in ``timezone``; a date
    without a time is that day at 00:00 UTC, whatever the timezone (12 January stays
    12 January, not 11 January 22:00). With ``buddhist``, a year 2400-2699 is a Thai
    Buddhist-era year (see :func:`gregorian_years`). A time outside the years pandas can
    hold (1678-2261: a typo such as 2999, or 9999) fails; it never wraps around into a
    wrong time. A leap second (``23:59:60``) reads as ``23:59:59`` (:func:`leap_seconds`).
    ``gregorian``: the caller already rewrote the Buddhist-era years (``gregorian_years``).
    A local time in a daylight-saving change is read as :func:`_localize` says; ``dst``
    (an int8 array of ``values``' length) is set to :data:`AMBIGUOUS` or
    :data:`NONEXISTENT` at those rows.

    Examples:
        >>> times, failed = parse_times(pd.Series(["2024-03-01 10:00", "01/03/2024 10:00",
        ...     "1 March 2024", "soon", None]), dayfirst=True, timezone="UTC")
        >>> [str(t)[:16] for t in times]
        ['2024-03-01 10:00', '2024-03-01 10:00', '2024-03-01 00:00', 'NaT', 'NaT']
        >>> failed.tolist()
        [False, False, False, True, False]
        >>> times, _ = parse_times(pd.Series(["20240112143300", "1705069980", "45303.6"]),
        ...     dayfirst=True, timezone="UTC")
        >>> [str(t)[:16] for t in times]
        ['2024-01-12 14:33', '2024-01-12 14:33', '2024-01-12 14:24']
    """
    text = values.astype("string").reset_index(drop=True)
    if buddhist and not gregorian:
        text = gregorian_years(text)[0]
    text = leap_seconds(text)
    # All rows go through the vectorised rules at once (a CDR's start times are nearly all
    # distinct, so de-duplicating first costs more than it saves); only values that no
    # layout reads fall through to the per-value date normaliser.
    out = np.full(len(text), np.datetime64("NaT", "ns"), dtype="datetime64[ns]")
    todo = text.notna().to_numpy(dtype=bool).copy()
    date_only = np.zeros(len(text), dtype=bool)
    if todo.any() and timezone not in ("UTC", "Etc/UTC"):
        # A date with no clock: no colon, and not a compact time (20240112143300).
        clock = re2_match(text, ":") | re2_match(text, r"^\s*\d{12}(?:\d{2})?\s*$")
        date_only = ~clock & todo
    if todo.any():
        _plain_iso_times(text, todo, out, timezone, dst)
    if todo.any():
        aware = np.zeros(len(text), dtype=bool)
        left = np.flatnonzero(todo)
        aware[left] = re2_match(text if len(left) == len(text) else text.iloc[left], _ISO_TZ)
        if aware.any():
            parsed = pd.to_datetime(text[aware], format="ISO8601", errors="coerce", utc=True)
            out[aware] = _utc_naive(parsed)
            todo[aware] = np.isnat(out[aware])
        if written_offsets and todo.any():
            _offset_times(text, todo, out, dayfirst=dayfirst, buddhist=buddhist)
        rules = [
            ("ISO8601", None),
            *((f, None) for f in (_FORMATS_DAYFIRST if dayfirst else _FORMATS_MONTHFIRST)),
            *((f, p) for p, f in _COMPACT_TIMES),
        ]
        for fmt, shape in rules:
            # ISO 8601 without an offset is for naive values only; the layouts are for all.
            use = todo & ~aware if fmt == "ISO8601" else todo
            if shape is not None and use.any():
                at = np.flatnonzero(use)
                use = np.zeros(len(use), dtype=bool)
                use[at[text.iloc[at].str.match(shape).fillna(False).to_numpy(dtype=bool)]] = True
            if not use.any():
                continue
            parsed = pd.to_datetime(text[use], format=fmt, errors="coerce")
            ok = parsed.notna().to_numpy(dtype=bool)
            if ok.any():
                hit = np.flatnonzero(use)[ok]
                local = ~date_only[hit]
                stamps = parsed[ok]
                kinds = None if dst is None else np.zeros(int(local.sum()), dtype=np.int8)
                if local.all():
                    out[hit] = _utc_naive(_localize(stamps, timezone, kinds))
                else:
                    out[hit[local]] = _utc_naive(_localize(stamps[local], timezone, kinds))
                if dst is not None:
                    dst[hit[local]] = kinds
                    out[hit[~local]] = as_ns(stamps[~local].to_numpy())
                todo[hit] = False
        if todo.any():
            _epoch_times(text, todo, out)
        if todo.any():
            _numeric_times(text, todo, out, timezone, dst)
        if todo.any():
            rest = pd.unique(text[todo].to_numpy(dtype=object))
            days: dict[str, np.datetime64] = {}
            odd: dict[str, int] = {}  # the values in a daylight-saving change
            for raw in rest[:100_000]:
                kind = np.zeros(1, dtype=np.int8)
                found = loose_time(
                    raw, dayfirst=dayfirst, timezone=timezone, buddhist=buddhist, dst=kind
                )
                if found is not None:
                    days[raw] = found
                    if kind[0]:
                        odd[raw] = int(kind[0])
            if days:
                idx = np.flatnonzero(todo)
                found = text[todo].map(days)
                ok = found.notna().to_numpy(dtype=bool)
                out[idx[ok]] = found[ok].to_numpy(dtype="datetime64[ns]")
                if odd and dst is not None:
                    kinds = text[todo].map(odd).fillna(0).to_numpy(dtype=np.int8)
                    dst[idx] = np.where(kinds > 0, kinds, dst[idx])
    times = pd.Series(pd.DatetimeIndex(out).tz_localize("UTC"), index=values.index)
    failed = pd.Series(values.notna().to_numpy(dtype=bool) & np.isnat(out), index=values.index)
    return times, failed


#: "2024-01-12 14:33:00" (or "2024-01-12T14:33:00"), years 1900-2199: the shape most
#: exports write, read by Arrow at once (the ISO 8601 rule below reads it the same way,
#: through a Python object per value).
_PLAIN_ISO = (
    r"^(?:19|2[01])\d\d-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])[ T]"
    r"(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d$"
)


#: The ``_PLAIN_ISO`` shape byte by byte: each position's lowest and highest byte ("T"
#: stands for the date's end, " " or "T"), and (first digit's position, lowest, highest)
#: of its two-digit numbers: century 19-21, month 01-12, day 01-31, hour 00-23, minute
#: and second 00-59.
_ISO_LOW = b"0000-00-00 00:00:00"
_ISO_HIGH = b"9999-99-99T99:99:99"
_ISO_RANGES = ((0, 19, 21), (5, 1, 12), (8, 1, 31), (11, 0, 23), (14, 0, 59), (17, 0, 59))


#: The last array :func:`plain_iso_shape` read and its answer: a column of times is asked
#: up to four times (its date order, Buddhist-era years, leap seconds, the reading itself).
#: The array is held, so its buffers (immutable) cannot be freed and their addresses reused.
_LAST_SHAPE: tuple[pa.Array | None, np.ndarray | None] = (None, None)


def _same_array(a: pa.Array, b: pa.Array) -> bool:
    """Whether two arrays are views of the same buffers (so hold the same values)."""
    if a.type != b.type or len(a) != len(b) or a.offset != b.offset:
        return False
    return [x.address if x else None for x in a.buffers()] == [
        x.address if x else None for x in b.buffers()
    ]


def plain_iso_shape(arr: pa.Array) -> np.ndarray | None:
    """:func:`_plain_iso_shape`, read once for the same array asked again (the answer is
    read-only: it is shared)."""
    global _LAST_SHAPE
    last, shape = _LAST_SHAPE
    if last is not None and _same_array(last, arr):
        return shape
    shape = _plain_iso_shape(arr)
    if shape is not None:
        shape.flags.writeable = False
    _LAST_SHAPE = (arr, shape)
    return shape


def _plain_iso_shape(arr: pa.Array) -> np.ndarray | None:
    """Which values of a large_string array have the ``_PLAIN_ISO`` shape (null: False),
    read from the bytes in numpy (~5x faster than the regex); None when a value that is
    not 19 bytes long (the shape's length) is not null: then ask the regex.

    Examples:
        >>> _plain_iso_shape(pa.array(["2024-01-12 14:33:00", "2024-13-12T14:33:00",
        ...     None, "1899-01-12 14:33:00", "2024-01-12T23:59:59"], pa.large_string()))
        array([ True, False, False, False,  True])
        >>> _plain_iso_shape(pa.array(["2024-01-12 14:33"], pa.large_string())) is None
        True
    """
    n = len(arr)
    offsets = np.frombuffer(arr.buffers()[1], dtype=np.int64)[arr.offset : arr.offset + n + 1]
    lengths = np.diff(offsets)
    valid = np.ones(n, dtype=bool) if not arr.null_count else arr.is_valid().to_numpy(False)
    if not (lengths == np.where(valid, 19, 0)).all():
        return None
    shape = np.zeros(n, dtype=bool)
    if not valid.any():
        return shape
    # Every value is 19 bytes and the nulls none: the values are the rows of a byte matrix.
    data = np.frombuffer(arr.buffers()[2], dtype=np.uint8)[offsets[0] : offsets[-1]]
    block = data.reshape(-1, 19)
    ok = np.ones(len(block), dtype=bool)
    # A column at a time (a reduction along the rows' 19 bytes costs 5x more).
    for at, (low, high) in enumerate(zip(_ISO_LOW, _ISO_HIGH, strict=True)):
        if low == high:
            ok &= block[:, at] == low
        elif at == 10:  # the date's end: " " or "T"
            ok &= (block[:, at] == low) | (block[:, at] == high)
        else:  # a digit: below "0" wraps past the span
            ok &= block[:, at] - np.uint8(low) <= np.uint8(high - low)
    for at, low, high in _ISO_RANGES:
        value = block[:, at].astype(np.int16) * 10 + block[:, at + 1] - 11 * ord("0")
        ok &= (value >= low) & (value <= high)
    shape[valid] = ok
    return shape


def _plain_iso_times(
    text: pd.Series, todo: np.ndarray, out: np.ndarray, timezone: str, dst: np.ndarray | None
) -> None:
    """The rows of ``text`` in the ``_PLAIN_ISO`` shape, read in ``timezone`` into ``out``
    and no longer ``todo``, in place; an impossible date (2024-02-30) stays todo."""
    arr = arrow_text(text)
    shape = plain_iso_shape(arr)
    if shape is None:
        shape = pc.match_substring_regex(arr, _PLAIN_ISO).fill_null(False)
        shape = shape.to_numpy(zero_copy_only=False).astype(bool)
    if not shape.any():
        return
    at = np.flatnonzero(shape)
    stamps = _plain_iso_stamps(arr if len(at) == len(arr) else arr.filter(pa.array(shape)))
    ok = ~np.isnat(stamps)
    hit = at[ok]
    if timezone in ("UTC", "Etc/UTC"):
        out[hit] = stamps[ok]
    else:
        kinds = None if dst is None else np.zeros(len(hit), dtype=np.int8)
        out[hit] = _utc_naive(_localize(pd.Series(stamps[ok]), timezone, kinds))
        if dst is not None:
            dst[hit] = kinds
    todo[hit] = False


def _plain_iso_stamps(plain: pa.Array) -> np.ndarray:
    """Values of the ``_PLAIN_ISO`` shape as naive datetime64[ns], NaT for an impossible
    date (2024-02-30): Arrow's ISO 8601 cast, else (it fails on such a date) strptime."""
    try:
        return pc.cast(plain, pa.timestamp("ns")).to_numpy(zero_copy_only=False)
    except pa.ArrowInvalid:
        pass
    plain = pc.replace_substring(plain, "T", " ")
    parsed = pc.strptime(plain, format="%Y-%m-%d %H:%M:%S", unit="ns", error_is_null=True)
    # strptime rolls a day past the month's end over (02-30 -> 03-01): no date, then
    day = pc.cast(pc.utf8_slice_codeunits(plain, 8, 10), pa.int64())
    same_day = pc.equal(pc.day(parsed), day).fill_null(False).to_numpy(zero_copy_only=False)
    stamps = parsed.to_numpy(zero_copy_only=False).astype("datetime64[ns]")
    stamps[~same_day] = np.datetime64("NaT")
    return stamps


#: A clock, then an offset written after it: "14:03:22(UTC+3)", "14:03 GMT+0300",
#: "2:03 PM (UTC-4)", "14:03 UTC+05:30", "14:03:22 +0300", "14:03 UTC"; the date may
#: follow ("14:03:22 UTC+3 05/04/2024"). RE2 (Arrow), so a column is read at once.
_WRITTEN_OFFSET = (
    r"(?i)^(?P<head>.*\d:\d\d(?::\d\d(?:[.,]\d+)?)?(?:\s*[ap]\.?m\.?)?)\s*[(\[]?\s*"
    r"(?:(?:utc|gmt|ut)\s*(?:(?P<sign>[-+−])\s*(?P<hours>\d{1,2})(?::?(?P<minutes>\d\d))?)?"
    r"|(?P<sign2>[-+−])(?P<hours2>\d\d):?(?P<minutes2>\d\d))\s*[)\]]?(?P<tail>(?:\s+.*)?)$"
)


def written_offsets(values: pd.Series) -> tuple[pd.Series, np.ndarray, np.ndarray]:
    """The UTC offsets written after the values' clocks, read in Arrow (RE2):
    ``(values without their offset, offset in minutes east of UTC, has an offset)``.
    An offset above 14 hours (or 59 minutes) is no offset: its minutes are NaN.

    Examples:
        >>> rest, minutes, has = written_offsets(pd.Series(["05/04/2024 14:03:22(UTC+3)",
        ...     "14:03 GMT+0300", "2:03 PM (UTC-04:30)", "14:03 UTC", "14:03 UTC+25", "14:03"]))
        >>> rest.tolist()[:4]
        ['05/04/2024 14:03:22', '14:03', '2:03 PM', '14:03']
        >>> minutes.tolist(), has.tolist()
        ([180.0, 180.0, -270.0, 0.0, nan, nan], [True, True, True, True, True, False])
    """
    found = pc.extract_regex(arrow_text(values), _WRITTEN_OFFSET)
    has = pc.is_valid(found).to_numpy(zero_copy_only=False).astype(bool)
    field = {
        name: found.field(name)
        for name in ("sign", "hours", "minutes", "sign2", "hours2", "minutes2")
    }

    def number(a: pa.Array, b: pa.Array) -> np.ndarray:
        joined = pc.binary_join_element_wise(a, b, _NOTHING)
        digits = pc.if_else(pc.equal(joined, ""), pa.scalar("0", pa.large_string()), joined)
        return pc.cast(digits, pa.int64()).fill_null(0).to_numpy(zero_copy_only=False)

    hours = number(field["hours"], field["hours2"])
    mins = number(field["minutes"], field["minutes2"])
    sign = pc.binary_join_element_wise(field["sign"], field["sign2"], _NOTHING)
    negative = pc.is_in(sign, pa.array(["-", "−"])).fill_null(False).to_numpy(zero_copy_only=False)
    minutes = np.where(negative, -1, 1) * (hours * 60 + mins).astype(np.float64)
    minutes[~has | (hours > 14) | (mins > 59)] = np.nan
    rest = pc.utf8_trim_whitespace(
        pc.binary_join_element_wise(found.field("head"), found.field("tail"), _NOTHING)
    )
    return arrow_strings(rest), minutes, has


def _offset_times(
    text: pd.Series, todo: np.ndarray, out: np.ndarray, *, dayfirst: bool, buddhist: bool
) -> None:
    """The rows still ``todo`` whose clock has a written offset (``14:03:22(UTC+3)``), in
    place: the rest read as a time in UTC, less the offset. A row with an offset that no
    rule reads (or no offset can be: UTC+25) is done, and fails."""
    at = np.flatnonzero(todo)
    # a match first: extracting the parts costs ten times more, and most columns have none
    at = at[re2_match(text.iloc[at], _WRITTEN_OFFSET)]
    if not len(at):
        return
    rest, minutes, has = written_offsets(text.iloc[at])
    hit = at[has]
    clock, _ = parse_times(
        rest[has], dayfirst=dayfirst, timezone="UTC", buddhist=buddhist, written_offsets=False
    )
    stamps = clock.dt.tz_localize(None).to_numpy(dtype="datetime64[ns]")
    shift = minutes[has]
    good = ~np.isnat(stamps) & ~np.isnan(shift)
    shifted = stamps[good] - (shift[good].astype(np.int64) * 60).astype("timedelta64[s]")
    out[hit[good]] = shifted
    todo[hit] = False


#: A clock time inside a longer value: "14:33", "2:33:05 PM", "14h33", "14:33:00.123".
_CLOCK = re.compile(
    r"(?<![\d:])(\d{1,2})[:h](\d{2})(?::(\d{2})(?:[.,](\d{1,6}))?)?(?![\d:])"
    r"(?:\s*([ap])\.?\s?m\b\.?)?"
    r"(?:\s*(Z\b|[+-]\d{2}:?\d{2}\b|[A-Za-z]{3,4}\b))?",
    re.IGNORECASE,
)
#: Zone abbreviations that name one offset (CST and IST name several: left out).
_ZONES = {
    "z": 0, "utc": 0, "gmt": 0, "wet": 0, "west": 60, "bst": 60, "cet": 60, "mez": 60,
    "cest": 120, "mesz": 120, "eet": 120, "eest": 180, "msk": 180, "trt": 180,
    "est": -300, "edt": -240, "pst": -480, "pdt": -420,
}  # fmt: skip
#: Words between a date and its time, and marks after a year ("12 марта 2024 г.").
_DATE_WORDS = re.compile(
    r"(?<![^\W\d_])(?:at|um|à|a las|alle|om|o|в|о|saat|г|р|r|roku|год|року|uhr|godz|ч)"
    r"(?![^\W\d_])\.?",
    re.IGNORECASE,
)


def loose_time(
    raw: str,
    *,
    dayfirst: bool,
    timezone: str,
    buddhist: bool = True,
    dst: np.ndarray | None = None,
) -> np.datetime64 | None:
    """A time in UTC from a value the layouts do not read: a date in any form the date
    normaliser reads (month names in many languages, two-digit years) with a clock time
    anywhere in it (``2:33 PM``, ``14h33``, after a comma or before the date), an offset
    or a zone abbreviation (``MEZ``, ``EEST``; else ``timezone``), or an e-mail header's
    date (RFC 2822). A date without a clock is that day at 00:00 UTC. None when the value
    is no date, or its clock is no time of day.

    Examples:
        >>> [str(loose_time(v, dayfirst=True, timezone="UTC"))[:16] for v in
        ...  ("12.01.2024 14:33 MEZ", "12/01/2024 2:33 PM", "Jan 12, 2024 2:33:00 PM",
        ...   "Fri, 12 Jan 2024 14:33:00 +0100", "14:33 12.01.2024", "12 января 2024 г. 14:33")]
        ['2024-01-12T13:33', '2024-01-12T14:33', '2024-01-12T14:33', '2024-01-12T13:33', \
'2024-01-12T14:33', '2024-01-12T14:33']
        >>> loose_time("12.01.2024 25:10", dayfirst=True, timezone="UTC") is None
        True
        >>> str(loose_time("14:33 am 12.01.2024", dayfirst=True, timezone="UTC"))[:16]
        '2024-01-12T14:33'
    """
    try:
        return _loose_time(raw, dayfirst=dayfirst, timezone=timezone, buddhist=buddhist, dst=dst)
    except (OverflowError, pd.errors.OutOfBoundsDatetime):
        return None  # a year outside the nanosecond range (2999): no time, never a wrong one


def _loose_time(
    raw: str, *, dayfirst: bool, timezone: str, buddhist: bool, dst: np.ndarray | None = None
) -> np.datetime64 | None:
    import email.utils

    if re.match(r"^\s*[A-Za-z]{3},\s+\d", raw):
        try:
            stamp = email.utils.parsedate_to_datetime(raw)
        except (TypeError, ValueError):
            stamp = None
        if stamp is not None:
            t = pd.Timestamp(stamp)
            t = t.tz_localize(timezone) if t.tzinfo is None else t
            return np.datetime64(t.tz_convert("UTC").tz_localize(None).as_unit("ns"))
    clock = _CLOCK.search(raw)
    rest = raw if clock is None else raw[: clock.start()] + " " + raw[clock.end() :]
    zone = clock.group(6) if clock is not None else None
    if (
        zone is not None
        and zone.lower() not in _ZONES
        and not re.fullmatch(r"[+-]\d{2}:?\d{2}", zone)
    ):
        # A word after the clock that is no zone ("14:33 Kyiv") stays in the rest.
        rest = raw[: clock.start()] + " " + zone + raw[clock.end() :]
        zone = None
    rest = _DATE_WORDS.sub(" ", rest).strip(" ,;-")
    try:
        day = normalize.date(rest, dayfirst=dayfirst, buddhist=buddhist)
    except ValueError:
        return None
    if day is None or len(day) != 10:
        return None
    stamp = pd.Timestamp(day)
    if clock is None:
        return np.datetime64(stamp.as_unit("ns"))
    hour, minute = int(clock.group(1)), int(clock.group(2))
    second = int(clock.group(3) or 0)
    fraction = int((clock.group(4) or "0").ljust(6, "0")[:6])
    half = (clock.group(5) or "").lower()
    if half and hour <= 12:
        # Not after a 24-hour clock: "14:33 am 12.01." is German ("on the"), not a.m.
        if hour == 0:
            return None
        hour = hour % 12 + (12 if half == "p" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    stamp = stamp.replace(hour=hour, minute=minute, second=second, microsecond=fraction)
    if zone is not None:
        offset = _ZONES.get(zone.lower())
        if offset is None:
            sign = -1 if zone.startswith("-") else 1
            digits = zone[1:].replace(":", "")
            offset = sign * (int(digits[:2]) * 60 + int(digits[2:]))
        return np.datetime64((stamp - pd.Timedelta(minutes=offset)).as_unit("ns"))
    if timezone in ("UTC", "Etc/UTC"):
        return np.datetime64(stamp.as_unit("ns"))
    local = _localize(pd.Series([stamp]), timezone, dst).iloc[0]
    if pd.isna(local):  # a year outside the nanosecond range (9999)
        return None
    return np.datetime64(local.tz_localize(None).as_unit("ns"))


def _epoch_times(text: pd.Series, todo: np.ndarray, out: np.ndarray) -> None:
    """Unix times in seconds or milliseconds (always UTC) of the rows still ``todo``, from
    2000 to 2100, in place."""
    rest = np.flatnonzero(todo)
    shaped = text.iloc[rest].str.match(_EPOCH).fillna(False).to_numpy(dtype=bool)
    if not shaped.any():
        return
    epoch = np.zeros(len(todo), dtype=bool)
    epoch[rest[shaped]] = True
    number = pd.to_numeric(text[epoch], errors="coerce").to_numpy(dtype=np.int64)
    nanos = np.where(number >= 10**12, number * 10**6, number * 10**9)
    ok = (nanos >= 946_684_800 * 10**9) & (nanos < 4_102_444_800 * 10**9)
    idx = np.flatnonzero(epoch)[ok]
    out[idx] = nanos[ok].astype("datetime64[ns]")
    todo[idx] = False


def _numeric_times(
    text: pd.Series, todo: np.ndarray, out: np.ndarray, timezone: str, dst: np.ndarray | None
) -> None:
    """Excel serial days with a time of day (wall-clock time, in ``timezone``) of the rows
    still ``todo``, in place."""
    rest = np.flatnonzero(todo)
    serial = np.zeros(len(todo), dtype=bool)
    serial[rest[text.iloc[rest].str.match(_SERIAL_TIME).fillna(False).to_numpy(dtype=bool)]] = True
    if serial.any():
        days = pd.to_numeric(text[serial], errors="coerce").to_numpy(dtype=np.float64)
        ok = (days >= 10_000) & (days <= 73_050)
        idx = np.flatnonzero(serial)[ok]
        stamps = pd.Series(
            pd.Timestamp("1899-12-30") + pd.to_timedelta(np.round(days[ok] * 86_400), unit="s")
        )
        kinds = None if dst is None else np.zeros(len(idx), dtype=np.int8)
        out[idx] = _utc_naive(_localize(stamps, timezone, kinds)) if len(idx) else out[idx]
        if dst is not None:
            dst[idx] = kinds
        todo[idx] = False


def _utc_naive(parsed: pd.Series) -> np.ndarray:
    """Tz-aware times as naive UTC datetime64[ns] values (NaT where out of range)."""
    return as_ns(parsed.dt.tz_convert("UTC").dt.tz_localize(None).to_numpy())


#: The range of datetime64[ns] (1677-09-21 to 2262-04-11), to the day inside it.
_FIRST_NS = np.datetime64("1677-09-22", "us")
_LAST_NS = np.datetime64("2262-04-11", "us")


def as_ns(stamps: np.ndarray) -> np.ndarray:
    """Naive datetime64 values of any unit as datetime64[ns]; NaT where the value lies
    outside the nanosecond range (year 2567, 2999): numpy's cast would wrap it around
    into a wrong time (2567-04-02 -> 1982-09-12) instead of failing.

    Examples:
        >>> as_ns(np.array(["2024-01-02", "2567-04-02", "1500-01-01"], dtype="datetime64[us]"))
        array(['2024-01-02T00:00:00.000000000',                           'NaT',
                                         'NaT'], dtype='datetime64[ns]')
    """
    if stamps.dtype == np.dtype("datetime64[ns]"):
        return stamps
    coarse = stamps.astype("datetime64[us]")
    inside = (coarse >= _FIRST_NS) & (coarse < _LAST_NS)
    out = np.full(len(stamps), np.datetime64("NaT", "ns"), dtype="datetime64[ns]")
    out[inside] = coarse[inside].astype("datetime64[ns]")
    return out


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


_MARKUP = normalize.FORMULA + r"|<[A-Za-z/!][^<>]*>|&#?\w+;"
#: Control characters that are not whitespace a cell may hold (tab, line feed, carriage
#: return) nor NUL (``nul_bytes``): removed, as text() would, with a reject.
_CONTROL = r"[\x01-\x08\x0b\x0c\x0e-\x1f]"
_CONTROL_RE = re.compile(_CONTROL)
#: A terminal's escape sequence: CSI (``ESC [ 31 m``, ``ESC [ 2 J``) or a two-character
#: escape (``ESC M``, ``ESC 7``), removed whole with the control characters.
_ANSI_SEQUENCE = r"\x1b(?:\[[0-9;?]*[ -/]*[@-~]|[0-9@-Z\\-_])"


def _show_control(value: str) -> str:
    """``value`` with each control character written as a visible ``[U+000B]``."""
    return _CONTROL_RE.sub(lambda m: f"[U+{ord(m.group()):04X}]", value)


#: The first byte of each of linkgraph.text.INVISIBLE_CHARACTERS in UTF-8 (U+061C: D8;
#: U+200B-U+2069: E2; U+FEFF: EF): a column without any has none of them.
_INVISIBLE_LEAD_BYTES = b"\xd8\xe2\xef"


def clean_cells(
    frame: pd.DataFrame, rows: np.ndarray, source: str, *, max_cell_chars: int
) -> tuple[pd.DataFrame, pd.DataFrame, list[dict[str, Any]]]:
    """Bad cells made harmless: ``(raw_frame, clean_frame, rejects)``.

    ``raw_frame`` has NUL bytes, other control characters (not tab, line feed or carriage
    return) and bidi / zero-width formatting characters removed and
    megabyte cells truncated (it is what ``raw`` records); ``clean_frame`` also has
    spreadsheet formulas and HTML stripped. Every change
    is a value-level reject naming row and column.
    """
    rejects: list[dict[str, Any]] = []
    raw: dict[str, pd.Series] = {}
    clean: dict[str, pd.Series] = {}

    def report(mask: pd.Series, column: str, reason: str, values: pd.Series) -> None:
        rejects.append(reject_frame(source, rows, mask, column, reason, values))

    for col in frame.columns:
        s = frame[col].astype("string").fillna("")
        arr = original = arrow_text(s)
        # Cheap checks on the column's bytes first: most columns of most exports have no
        # long cell, no NUL byte and no markup, and then the per-value scans are skipped.
        lengths = np.diff(
            np.frombuffer(arr.buffers()[1], dtype=np.int64)[arr.offset :][: len(arr) + 1]
        )
        if len(lengths) and lengths.max() > max_cell_chars:
            long = pd.Series(
                pc.greater(pc.utf8_length(arr), max_cell_chars).to_numpy(zero_copy_only=False),
                index=s.index,
            )
            if long.any():
                report(long, col, "cell_too_long", s)
                s = s.mask(long, s.str.slice(0, max_cell_chars))
                arr = arrow_text(s)
        if may_contain(original, b"\x00"):
            nul = pd.Series(
                pc.match_substring(original, "\x00").to_numpy(zero_copy_only=False),
                index=s.index,
            )
            if nul.any():
                report(nul, col, "nul_bytes", s)
                s = s.str.replace("\x00", "", regex=False)
                arr = arrow_text(s)
        if may_contain(arr, b"", control=True):
            control = pd.Series(
                pc.match_substring_regex(arr, _CONTROL).to_numpy(zero_copy_only=False),
                index=s.index,
            )
            if control.any():  # reported with each character shown: "Ana[U+000B]Pop"
                report(
                    control,
                    col,
                    "control_characters",
                    s.mask(control, s[control].map(_show_control)),
                )
                # an ANSI escape sequence goes whole ("\x1b[31mRed" -> "Red"), not its
                # ESC alone, which left "[31mRed"
                s = s.str.replace(_ANSI_SEQUENCE, "", regex=True)
                # the separators Python reads as white space part words ("Ion\x0bPopa")
                s = s.str.replace(r"[\x0b\x0c\x1c-\x1f]", " ", regex=True)
                s = s.str.replace(_CONTROL, "", regex=True)
                arr = arrow_text(s)
        if may_contain(arr, _INVISIBLE_LEAD_BYTES):
            hidden = pd.Series(
                pc.match_substring_regex(arr, HIDDEN).to_numpy(zero_copy_only=False),
                index=s.index,
            )
            if hidden.any():  # reported with each character shown: "Ana[U+202E]exe.txt"
                shown = s.mask(hidden, s[hidden].map(show_invisible))
                report(hidden, col, "invisible_characters", shown)
                # glued words parted first: "Ioana\u2060Radu" is two names, not one
                s = s.mask(hidden, s[hidden].map(part_glued_words))
                s = s.str.replace(INVISIBLE, "", regex=True)
                s = s.str.replace(STRAY_JOINER, STRAY_JOINER_KEPT, regex=True)
                arr = arrow_text(s)
        raw[col] = s
        if may_contain(arr, b"=@|<&"):
            markup = pd.Series(
                pc.match_substring_regex(arr, _MARKUP).to_numpy(zero_copy_only=False),
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
