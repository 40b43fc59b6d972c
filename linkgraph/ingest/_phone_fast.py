"""International phone numbers ("+" and digits) validated many at a time, in Arrow.

phonenumbers reads one number in ~50 µs of Python; a CDR of a million rows holds tens of
thousands of distinct numbers. For a number written as "+" and its digits, what
``phonenumbers.parse`` then ``region_code_for_number`` and ``is_valid_number_for_region``
decide depends only on regular expressions of the country's metadata (libphonenumber's
own patterns, written for RE2), so they are run here over all the numbers of a country at
once with ``pyarrow.compute``. Numbers whose reading would need more than that (a national
prefix to strip, a non-geographic country code) are left to phonenumbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import phonenumbers
import pyarrow as pa
import pyarrow.compute as pc
from phonenumbers import PhoneMetadata
from phonenumbers.phonenumberutil import COUNTRY_CODE_TO_REGION_CODE

from linkgraph._arrays import unique
from linkgraph.ingest.normalize import DECIMAL_ZERO, EXTENSION, LETTERS_AMID_DIGITS

_PLUS_DIGITS = r"^\+[1-9][0-9]{2,19}$"
# The number types phonenumbers tries in _number_type_helper: a number is valid when the
# general pattern and one of these match.
_TYPES = (
    "premium_rate", "toll_free", "shared_cost", "voip", "personal_number", "pager", "uan",
    "voicemail", "fixed_line", "mobile",
)  # fmt: skip


def _desc_match(nsn: pa.Array, lengths: np.ndarray, desc: object) -> np.ndarray:
    """phonenumbers' ``_is_number_matching_desc`` for every number of ``nsn``."""
    if desc is None:
        return np.zeros(len(nsn), dtype=bool)
    pattern = getattr(desc, "national_number_pattern", None)
    if not pattern:
        return np.zeros(len(nsn), dtype=bool)
    ok = pc.match_substring_regex(nsn, f"^(?:{pattern})$").to_numpy(zero_copy_only=False)
    possible = tuple(getattr(desc, "possible_length", ()) or ())
    if possible:
        ok &= np.isin(lengths, possible)
    return ok


#: The types in the order they are tried below: a number is valid when any matches, so
#: the common ones go first and each later pattern reads only the numbers still unmatched.
_TRY_ORDER = ("mobile", "fixed_line", *(t for t in _TYPES if t not in ("mobile", "fixed_line")))


def _valid_for(nsn: pa.Array, lengths: np.ndarray, meta: PhoneMetadata) -> np.ndarray:
    """``_number_type_helper(nsn, meta) != UNKNOWN`` for every number: the general
    pattern and one of the types' patterns match."""
    todo = np.flatnonzero(_desc_match(nsn, lengths, meta.general_desc))
    found = np.zeros(len(nsn), dtype=bool)
    for name in _TRY_ORDER:
        if not len(todo):
            break
        desc = getattr(meta, name, None)
        if desc is None or not getattr(desc, "national_number_pattern", None):
            continue
        part = nsn if len(todo) == len(nsn) else nsn.take(pa.array(todo))
        hit = _desc_match(part, lengths[todo], desc)
        found[todo[hit]] = True
        todo = todo[~hit]
    return found


@lru_cache(maxsize=512)
def _metadata(region: str) -> PhoneMetadata | None:
    return PhoneMetadata.metadata_for_region(region, None)


def validate_plus_numbers(numbers: list[str]) -> dict[str, str | None]:
    """For each distinct "+digits" number that phonenumbers would read back unchanged, its
    region (ISO alpha-2) when valid, else ``None``; numbers not in the result need
    phonenumbers itself (a national prefix after the country code, an unknown or
    non-geographic country code, a length phonenumbers refuses).

    The result is the one ``phonenumbers.parse(n)``, ``region_code_for_number`` and
    ``is_valid_number_for_region`` give (tests/ingest/test_phone_fast.py checks it).
    """
    arr = pa.array(numbers, pa.large_string())
    decided, region = plus_regions(arr)
    texts = arr.filter(pa.array(decided)).to_pylist()
    return dict(zip(texts, region[decided].tolist(), strict=True))


def plus_regions(arr: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """:func:`validate_plus_numbers` as arrays: ``(decided, region)``, where ``region`` (an
    object array) is the region of each decided valid number and ``None`` otherwise."""
    decided = np.zeros(len(arr), dtype=bool)
    found = np.full(len(arr), None, dtype=object)
    if not len(arr):
        return decided, found
    plus = pc.match_substring_regex(arr, _PLUS_DIGITS).to_numpy(zero_copy_only=False)
    if not plus.any():
        return decided, found
    where = np.flatnonzero(plus)
    cells = arr.filter(pa.array(plus))
    digits = pc.utf8_slice_codeunits(cells, 1)
    # Country codes are 1-3 digits and prefix-free: the first prefix that is one wins.
    codes = np.zeros(len(digits), dtype=np.int64)
    code_len = np.zeros(len(digits), dtype=np.int64)
    for width in (3, 2, 1):
        head = pc.cast(pc.utf8_slice_codeunits(digits, 0, width), pa.int64()).to_numpy()
        known = np.isin(head, np.fromiter(COUNTRY_CODE_TO_REGION_CODE, dtype=np.int64))
        codes = np.where(known, head, codes)
        code_len = np.where(known, width, code_len)
    total = pc.utf8_length(digits).to_numpy(zero_copy_only=False)
    for code in unique(codes[code_len > 0]):
        regions = COUNTRY_CODE_TO_REGION_CODE[int(code)]
        main = _metadata(regions[0])
        if main is None or any(_metadata(r) is None for r in regions):
            continue  # non-geographic entities ("001") and the like: left to phonenumbers
        take = np.flatnonzero((codes == code) & (total - code_len >= 2) & (total - code_len <= 17))
        if not len(take):
            continue
        width = int(code_len[take[0]])
        nsn = pc.utf8_slice_codeunits(digits.take(pa.array(take)), width)
        keep = np.ones(len(take), dtype=bool)
        prefix = main.national_prefix_for_parsing
        if prefix:
            # parse() may strip a national prefix after the country code: left to it.
            keep &= ~pc.match_substring_regex(nsn, f"^(?:{prefix})").to_numpy(zero_copy_only=False)
        lengths = pc.utf8_length(nsn).to_numpy(zero_copy_only=False)
        region = np.full(len(take), None, dtype=object)
        if len(regions) == 1:
            region[:] = regions[0]
        else:
            # _region_code_for_number_from_list: the first region whose leading digits
            # match, or (without leading digits) for which the number is valid.
            undecided = np.ones(len(take), dtype=bool)
            for r in regions:
                meta = _metadata(r)
                if meta.leading_digits is not None:
                    hit = pc.match_substring_regex(nsn, f"^(?:{meta.leading_digits})").to_numpy(
                        zero_copy_only=False
                    )
                else:
                    hit = _valid_for(nsn, lengths, meta)
                region[undecided & hit] = r
                undecided &= ~hit
        valid = np.zeros(len(take), dtype=bool)
        for r in {r for r in region if r is not None}:
            rows = region == r
            valid[rows] = _valid_for(nsn.filter(pa.array(rows)), lengths[rows], _metadata(r))
        at = where[take[keep]]
        decided[at] = True
        found[at] = np.where(valid[keep], region[keep], None)
    return decided, found


def _lit(text: str) -> pa.Scalar:
    return pa.scalar(text, pa.large_string())


def _mask(arr: pa.Array) -> np.ndarray:
    return np.asarray(arr.fill_null(False).to_numpy(zero_copy_only=False), dtype=bool)


@lru_cache(maxsize=512)
def _national_rules(region: str) -> tuple[int, str, str] | None:
    """``(country code, IDD pattern, general pattern)`` of a region whose numbers are read
    from "0…" by dropping the "0" (see ``normalize._from_national``): the national prefix
    is "0", no transform rule, and the prefix pattern's first choice is a bare "0" (so
    Python's ``match`` of it on "0…" is "0" without groups)."""
    meta = _metadata(region.upper())
    if meta is None or meta.national_prefix != "0" or meta.national_prefix_transform_rule:
        return None
    parsing = meta.national_prefix_for_parsing or ""
    general = meta.general_desc.national_number_pattern if meta.general_desc else None
    if parsing.split("|")[0] != "0" or "(" in parsing or not meta.international_prefix:
        return None
    if not general:
        return None
    return meta.country_code, meta.international_prefix, general


_JUNK = r"\(0\)|[^0-9+]"  # _phones._PHONE_JUNK on ASCII cells


def read_phones(
    cells: pa.Array, region: str | None
) -> tuple[pa.Array, np.ndarray, np.ndarray, np.ndarray]:
    """Phone cells read all at once where the answer is certain: ``(values, failed,
    answered, country)``.

    A cell is reduced to "+" and digits as ``_phones._phone_or_error`` reduces it. Cells
    that become "+digits" are read by :func:`plus_regions`: E.164 when valid, failed (the
    cell kept as written) when not. National numbers "0…" of a region whose national
    prefix is "0" become "+<code>" and the rest when that is a valid number, as
    ``normalize._from_national`` reads them. Every other cell (not ASCII, too short, a
    national number that is not valid, another layout) is left unanswered, for
    ``normalize.phone``. ``country`` (objects) is the region of each valid answer.
    """
    intl = read_international(cells)
    values, failed, answered, country = (
        intl.values,
        intl.failed.copy(),
        intl.answered.copy(),
        intl.country.copy(),
    )
    if not len(cells):
        return values, failed, answered, country
    todo = np.flatnonzero(intl.national)
    hit, candidate, where = read_national(intl.reduced.take(pa.array(todo)), region)
    if hit.any():
        at = todo[hit]
        mask = np.zeros(len(cells), dtype=bool)
        mask[at] = True
        values = pc.replace_with_mask(values, pa.array(mask), candidate.filter(pa.array(hit)))
        answered[at] = True
        country[at] = where[hit]
    return values, failed, answered, country


@dataclass(slots=True)
class International:
    """What phone cells say whatever the default region (see :func:`read_international`)."""

    values: pa.Array
    failed: np.ndarray
    answered: np.ndarray
    country: np.ndarray
    reduced: pa.Array
    national: np.ndarray


def read_international(cells: pa.Array) -> International:
    """The region-independent part of :func:`read_phones`: cells that reduce to "+digits"
    (or "00digits") read by :func:`plus_regions`, and which of the others may be a
    national number "0…" (``national``: ASCII, unanswered, "0" then 3-17 digits) that
    :func:`read_national` reads under a region."""
    n = len(cells)
    answered = np.zeros(n, dtype=bool)
    failed = np.zeros(n, dtype=bool)
    country = np.full(n, None, dtype=object)
    if not n:
        return International(cells, failed, answered, country, cells, answered.copy())
    # Cells with an extension ("ext. 12") are left to normalize.phone, which drops it.
    # Cells with letters between digits ("Q1 Q2 … Q10") are no number: left to
    # normalize.phone, which says so.
    ascii_ = _mask(pc.string_is_ascii(cells)) & ~_mask(
        pc.match_substring_regex(cells, EXTENSION.pattern, ignore_case=True)
    )
    ascii_ &= ~_mask(pc.match_substring_regex(cells, LETTERS_AMID_DIGITS))
    # "37369123457.0", a number written as a decimal, is read without its ".0".
    whole = pc.replace_substring_regex(cells, DECIMAL_ZERO, r"\1")
    reduced = pc.replace_substring_regex(whole, _JUNK, "")
    intl = _mask(pc.starts_with(reduced, "00"))
    if intl.any():
        plus = pc.binary_join_element_wise(_lit("+"), pc.utf8_slice_codeunits(reduced, 2), _lit(""))
        reduced = pc.if_else(pa.array(intl), plus, reduced)
    decided, found = plus_regions(reduced)
    decided &= ascii_
    # "+39 (0)2 …" invalid without its "(0)" may be valid with it (Italian numbers keep
    # the 0): left to normalize.phone, which tries both.
    decided &= ~((found == None) & _mask(pc.match_substring(cells, "(0)")))  # noqa: E711
    valid = decided & (found != None)  # noqa: E711 (element-wise)
    values = pc.if_else(pa.array(valid), reduced, cells)
    answered |= decided
    failed |= decided & ~valid
    country[valid] = found[valid]
    national = ascii_ & ~answered & _mask(pc.match_substring_regex(reduced, r"^0[1-9][0-9]{2,16}$"))
    return International(values, failed, answered, country, reduced, national)


def national_candidates(reduced: pa.Array, region: str | None) -> tuple[np.ndarray, pa.Array]:
    """For reduced national cells "0…" (see :func:`read_international`): which may be
    read under ``region`` (its national prefix is "0", the cell does not start with its
    international prefix and the rest fits its general pattern), and the E.164
    candidate "+<code><rest>" of each (to be checked by :func:`plus_regions`)."""
    n = len(reduced)
    rules = _national_rules(region) if region else None
    if rules is None or not n:
        return np.zeros(n, dtype=bool), pa.nulls(n, pa.large_string())
    code, idd, general = rules
    rest = pc.utf8_slice_codeunits(reduced, 1)
    fits = ~_mask(pc.match_substring_regex(reduced, f"^(?:{idd})"))
    fits &= _mask(pc.match_substring_regex(rest, f"^(?:{general})$"))
    return fits, pc.binary_join_element_wise(_lit(f"+{code}"), rest, _lit(""))


def read_national(reduced: pa.Array, region: str | None) -> tuple[np.ndarray, pa.Array, np.ndarray]:
    """Reduced national cells "0…" read under ``region``: ``(hit, candidate, country)``,
    where ``hit`` marks the cells that are a valid number as "+<code><rest>"."""
    fits, candidate = national_candidates(reduced, region)
    if not fits.any():
        return fits, candidate, np.full(len(reduced), None, dtype=object)
    ok, where = plus_regions(candidate)
    ok &= fits & (where != None)  # noqa: E711
    return ok, candidate, where


def phonenumbers_reading(number: str) -> str | None:
    """What phonenumbers itself says of ``number`` (the reference of the fast path): its
    region when valid, else ``None``."""
    parsed = phonenumbers.parse(number, None)
    region = phonenumbers.region_code_for_number(parsed)
    valid = region is not None and phonenumbers.is_valid_number_for_region(parsed, region)
    return region if valid else None
