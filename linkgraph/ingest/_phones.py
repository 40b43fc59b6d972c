"""Phone cells to E.164 for a column at a time: each distinct cell read once per run."""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from linkgraph._arrays import unique
from linkgraph.ingest import normalize
from linkgraph.ingest._columns import arrow_strings, arrow_text

_PHONE_JUNK = re.compile(r"\(0\)|[^\d+]")
_DECIMAL_ZERO = re.compile(normalize.DECIMAL_ZERO)


#: The regions whose national numbers are written in Persian (Extended Arabic-Indic,
#: U+06F0-U+06F9: Iran first, then Afghanistan and Pakistan) or in Arabic-Indic digits
#: (U+0660-U+0669: the Arab states of the Mashriq and the Gulf; the Maghreb writes Latin
#: digits).
_SCRIPT_REGIONS = {
    "persian": ("IR", "AF", "PK"),
    "arabic": ("EG", "SA", "IQ", "SY", "JO", "LB", "PS", "SD", "YE", "KW", "AE", "QA", "BH",
               "OM"),
}  # fmt: skip
_EASTERN_DIGITS = str.maketrans(
    "\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9"
    "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669",
    "01234567890123456789",
)


def _script_of(value: str) -> str | None:
    """``persian`` or ``arabic``: the digits a phone cell is written in, when they are not
    Latin; None otherwise (or both)."""
    persian = any("\u06f0" <= c <= "\u06f9" for c in value)
    arabic = any("\u0660" <= c <= "\u0669" for c in value)
    if persian == arabic:
        return None
    return "persian" if persian else "arabic"


def _by_script(value: str, script: str) -> str | ValueError:
    """A national number written in Persian or Arabic-Indic digits, read in the region its
    digits point to: for Persian digits Iran if valid there; else the one region of the
    script's that reads it, or a ValueError saying the region is unknown."""
    regions = _SCRIPT_REGIONS[script]
    if script == "persian":
        first = _read_phone(_reduced_phone(value), regions[0])
        if not isinstance(first, ValueError):
            return first
    found = {
        out
        for r in regions
        if not isinstance(out := _read_phone(_reduced_phone(value), r), ValueError)
        and out is not None
    }
    if len(found) == 1:
        return found.pop()
    digits = "Persian" if script == "persian" else "Arabic-Indic"
    said = "none" if not found else "several"
    return ValueError(
        f"not a valid phone number: {value!r} (a national number in {digits} digits:"
        f" {said} of {', '.join(regions)} reads it, region unknown)"
    )


def _phone_or_error(value: str, region: str | None) -> str | ValueError | None:
    """The E.164 form of a phone cell, or the ValueError that says why it is invalid.

    Cells are reduced to "+" and digits first, so "020 7946 0958", "020-7946-0958",
    "(020) 7946 0958" and "0044 20 7946 0958" / "+44 20 7946 0958" share one reading.

    A national number written in Persian or Arabic-Indic digits is read in the region its
    digits point to (:func:`_by_script`) unless ``region`` is one of those: a number of a
    country of Latin digits is never written so ("۰۹۱۲۳۴۵۶۷۸۹" is Iranian, never +49...).
    """
    script = _script_of(value)
    if script is not None and region not in _SCRIPT_REGIONS[script]:
        latin = value.translate(_EASTERN_DIGITS).strip()
        if not latin.startswith(("+", "00")):
            return _by_script(value, script)
    if re.search(normalize.LETTERS_AMID_DIGITS, normalize.EXTENSION.sub("", value)):
        return ValueError(f"not a valid phone number: {value!r}")  # words, not a number
    digits = _reduced_phone(value)
    out = _read_phone(digits if len(digits) >= 3 else value, region)
    if isinstance(out, ValueError) and "(0)" in value:
        # "+40 (0)21 …" drops its trunk "0", but Italian numbers keep it: "+39 (0)2 …"
        kept = _read_phone(_reduced_phone(value.replace("(0)", "0")), region)
        if not isinstance(kept, ValueError):
            return kept
    return out


def _reduced_phone(value: str) -> str:
    """A phone cell as "+" and digits (or digits): the text that is read (an extension,
    "доб. 123", left out; a decimal's ".0" too, see DECIMAL_ZERO)."""
    if (whole := _DECIMAL_ZERO.match(value)) is not None:
        value = whole.group(1)
    if normalize.EXTENSION.search(value):
        value = normalize.EXTENSION.sub("", value)
    digits = _PHONE_JUNK.sub("", value)
    return "+" + digits[2:] if digits.startswith("00") else digits


@lru_cache(maxsize=1 << 20)
def _read_phone(value: str, region: str | None) -> str | ValueError | None:
    # phonenumbers costs ~100 µs a number; CDRs repeat the same numbers in every chunk
    # and in both caller and callee columns, so each distinct number is read once per run
    # (failures too, which lru_cache would not keep if they were raised).
    try:
        return normalize.phone(value, region)
    except ValueError as exc:
        # A new exception, without the raised one's traceback: that holds the frames of
        # the callers, and with them the whole chunk they were reading (~500 MB a chunk
        # of a person list kept alive by its first invalid number).
        return ValueError(str(exc))


def _phone(value: str, region: str | None) -> str | None:
    out = _phone_or_error(value, region)
    if isinstance(out, ValueError):
        raise out
    return out


def _phones(values: pd.Series, region: str | None) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Phone cells to E.164: ``(normalised, failed, country)`` as :func:`normalize.apply_unique`
    gives the first two, except that invalid numbers keep the cell as written; ``country``
    is what :func:`normalize.phone_country` says of each value that starts with "+"."""
    encoded = pc.dictionary_encode(arrow_text(values))
    table, bad, country = read_cells(encoded.dictionary.cast(pa.large_string()), region)
    return gathered(encoded.indices, table, bad, country, values.index)


class _Known:
    """Phone cells read earlier in this run with one default region, and their readings."""

    def __init__(self) -> None:
        self.cells = pa.array([], pa.large_string())
        self.values = pa.array([], pa.large_string())
        self.failed = np.zeros(0, dtype=bool)
        self.country = pa.array([], pa.large_string())


#: region -> its known cells, or None once they stopped paying (a person list's numbers
#: are nearly all new in every chunk: looking them up would cost more than reading).
_KNOWN_CELLS: dict[str | None, _Known | None] = {}
_KNOWN_MAX = 1 << 17


def read_cells(cells: pa.Array, region: str | None) -> tuple[pa.Array, np.ndarray, pa.Array]:
    """:func:`_read_new_cells`, answering the cells read in earlier chunks from a cache:
    a CDR repeats the same ~tens of thousands of numbers in every chunk."""
    known = _KNOWN_CELLS.setdefault(region, _Known())
    if known is None or not len(known.cells):
        table, bad, country = _read_new_cells(cells, region)
        if known is not None and len(cells) <= _KNOWN_MAX:
            known.cells, known.values, known.failed, known.country = cells, table, bad, country
        return table, bad, country
    where = pc.index_in(cells, value_set=known.cells)
    hit = np.asarray(where.is_valid(), dtype=bool)
    new = np.flatnonzero(~hit)
    table, country = known.values.take(where), known.country.take(where)
    bad = np.zeros(len(cells), dtype=bool)
    at = where.to_numpy(zero_copy_only=False)
    bad[hit] = known.failed[at[hit].astype(np.int64)]
    if len(new):
        fresh = cells.take(pa.array(new))
        t, b, c = _read_new_cells(fresh, region)
        mask = pa.array(~hit)
        table = pc.replace_with_mask(table, mask, t)
        country = pc.replace_with_mask(country, mask, c)
        bad[new] = b
        if len(known.cells) + len(new) <= _KNOWN_MAX:
            known.cells = pa.concat_arrays([known.cells, fresh])
            known.values = pa.concat_arrays([known.values, t])
            known.failed = np.concatenate([known.failed, b])
            known.country = pa.concat_arrays([known.country, c])
        elif hit.mean() < 0.5:
            _KNOWN_CELLS[region] = None  # mostly new numbers: stop looking them up
    return table, bad, country


def _read_new_cells(cells: pa.Array, region: str | None) -> tuple[pa.Array, np.ndarray, pa.Array]:
    """Distinct phone cells read with one default region: ``(values, failed, country)``.

    All at once in Arrow where ``_phone_fast`` is certain of the answer (international and
    common national forms), else by phonenumbers (cached for the run, so a CDR's numbers
    are parsed once whatever the chunk).
    """
    from linkgraph.ingest._phone_fast import read_phones

    table, bad, answered, country = read_phones(cells, region)
    table = table.cast(pa.large_string())
    todo = np.flatnonzero(~answered)
    if len(todo):
        results: list[str | None] = []
        for i, cell in zip(todo.tolist(), cells.take(pa.array(todo)).to_pylist(), strict=True):
            out = _phone_or_error(cell, region)
            if isinstance(out, ValueError):
                bad[i] = True
                results.append(cell)  # invalid numbers are kept as written
            else:
                results.append(out)
        mask = np.zeros(len(cells), dtype=bool)
        mask[todo] = True
        table = pc.replace_with_mask(table, pa.array(mask), pa.array(results, pa.large_string()))
    # The country of the values the fast path did not place (invalid numbers as written,
    # numbers read by phonenumbers), as the per-value rule gives it.
    unknown = np.flatnonzero(country == None)  # noqa: E711 (element-wise)
    if len(unknown):
        texts = table.take(pa.array(unknown)).to_pylist()
        country[unknown] = [
            _phone_country(t) if t is not None and t.startswith("+") else None for t in texts
        ]
    return table, bad, pa.array(country, pa.large_string())


def read_pairs(
    cells: pa.Array, cell_of: np.ndarray, region_of: np.ndarray, regions: list[str | None]
) -> tuple[pa.Array, np.ndarray, pa.Array]:
    """Distinct (cell, default region) pairs read at once: ``(values, failed, country)`` per
    pair, as :func:`read_cells` gives them region by region.

    ``cells`` are the distinct cells; pair ``i`` is ``cells[cell_of[i]]`` read with the
    default region ``regions[region_of[i]]``. What does not depend on the region (cells
    that are "+digits" or "00digits") is read once per cell, the national numbers of all
    regions in one pass, and only the rest by phonenumbers, one by one.
    """
    from linkgraph.ingest._phone_fast import (
        national_candidates,
        plus_regions,
        read_international,
    )

    intl = read_international(cells)
    take = pa.array(cell_of)
    values = intl.values.cast(pa.large_string()).take(take)
    bad = intl.failed[cell_of]
    answered = intl.answered[cell_of]
    country = intl.country[cell_of]
    national = np.flatnonzero(intl.national[cell_of])
    parts: list[pa.Array] = []
    where: list[np.ndarray] = []
    for k in unique(region_of[national]).tolist():
        at = national[region_of[national] == k]
        fits, candidate = national_candidates(intl.reduced.take(pa.array(cell_of[at])), regions[k])
        if fits.any():
            parts.append(candidate.filter(pa.array(fits)))
            where.append(at[fits])
    if parts:
        candidates = pa.concat_arrays(parts)
        at = np.concatenate(where)
        ok, found = plus_regions(candidates)
        ok &= found != None  # noqa: E711 (element-wise)
        hit = at[ok]
        order = np.argsort(hit)  # replace_with_mask fills the masked slots in order
        mask = np.zeros(len(cell_of), dtype=bool)
        mask[hit] = True
        values = pc.replace_with_mask(
            values, pa.array(mask), candidates.filter(pa.array(ok)).take(pa.array(order))
        )
        answered[hit] = True
        country[hit] = found[ok]
    todo = np.flatnonzero(~answered)
    if len(todo):
        results: list[str | None] = []
        texts = cells.take(pa.array(cell_of[todo])).to_pylist()
        for i, cell, k in zip(todo.tolist(), texts, region_of[todo].tolist(), strict=True):
            out = _phone_or_error(cell, regions[k])
            if isinstance(out, ValueError):
                bad[i] = True
                results.append(cell)  # invalid numbers are kept as written
            else:
                results.append(out)
        values = pc.replace_with_mask(
            values, pa.array(~answered), pa.array(results, pa.large_string())
        )
    unknown = np.flatnonzero(country == None)  # noqa: E711 (element-wise)
    if len(unknown):
        texts = values.take(pa.array(unknown)).to_pylist()
        country[unknown] = [
            _phone_country(t) if t is not None and t.startswith("+") else None for t in texts
        ]
    return values, bad, pa.array(country, pa.large_string())


def gathered(
    codes: pa.Array, table: pa.Array, bad: np.ndarray, country: pa.Array, index: pd.Index
) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Per-distinct results spread back to the rows (``codes``: each row's distinct value,
    null for an empty cell)."""
    norm, found = arrow_strings(table.take(codes)), arrow_strings(country.take(codes))
    norm.index = found.index = index
    idx = codes.to_numpy(zero_copy_only=False)
    present = np.asarray(codes.is_valid(), dtype=bool)
    failed = np.zeros(len(codes), dtype=bool)
    failed[present] = bad[idx[present].astype(np.int64)]
    return norm, pd.Series(failed, index=index), found


def _phone_country(e164: str) -> str | None:
    return normalize.phone_country(e164)
