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

from functools import lru_cache

import numpy as np
import phonenumbers
import pyarrow as pa
import pyarrow.compute as pc
from phonenumbers import PhoneMetadata
from phonenumbers.phonenumberutil import COUNTRY_CODE_TO_REGION_CODE

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


def _valid_for(nsn: pa.Array, lengths: np.ndarray, meta: PhoneMetadata) -> np.ndarray:
    """``_number_type_helper(nsn, meta) != UNKNOWN`` for every number."""
    found = np.zeros(len(nsn), dtype=bool)
    for name in _TYPES:
        found |= _desc_match(nsn, lengths, getattr(meta, name, None))
    return found & _desc_match(nsn, lengths, meta.general_desc)


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
    if not len(arr):
        return {}
    plus = pc.match_substring_regex(arr, _PLUS_DIGITS).to_numpy(zero_copy_only=False)
    out: dict[str, str | None] = {}
    if not plus.any():
        return out
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
    for code in np.unique(codes[code_len > 0]):
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
        texts = cells.take(pa.array(take)).to_pylist()
        for i in np.flatnonzero(keep):
            out[texts[i]] = region[i] if valid[i] else None
    return out


def phonenumbers_reading(number: str) -> str | None:
    """What phonenumbers itself says of ``number`` (the reference of the fast path): its
    region when valid, else ``None``."""
    parsed = phonenumbers.parse(number, None)
    region = phonenumbers.region_code_for_number(parsed)
    valid = region is not None and phonenumbers.is_valid_number_for_region(parsed, region)
    return region if valid else None
