"""The vectorised reading of "+digits" phone numbers against phonenumbers itself."""

from __future__ import annotations

import numpy as np
import phonenumbers
import pytest

from linkgraph.ingest._phone_fast import phonenumbers_reading, validate_plus_numbers


def _sample(seed: int = 0) -> list[str]:
    """Every region's example numbers of every type, the same numbers one digit longer or
    shorter or with a digit changed, and random digit strings after every country code."""
    rng = np.random.default_rng(seed)
    out: set[str] = set()
    types = [t for t in vars(phonenumbers.PhoneNumberType).values() if isinstance(t, int)]
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        for kind in types:
            example = phonenumbers.example_number_for_type(region, kind)
            if example is None:
                continue
            e164 = phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164)
            out |= {
                e164,
                e164 + "5",
                e164[:-1],
                e164[:-2] + str((int(e164[-2]) + 3) % 10) + e164[-1],
            }
    for code in phonenumbers.COUNTRY_CODE_TO_REGION_CODE:
        for length in range(2, 16):
            for _ in range(3):
                out.add(f"+{code}" + "".join(map(str, rng.integers(0, 10, size=length))))
    return sorted(out)


def test_plus_numbers_read_as_phonenumbers_reads_them():
    numbers = _sample()
    fast = validate_plus_numbers(numbers)
    assert len(fast) > 0.8 * len(numbers)  # most are decided without phonenumbers
    wrong = []
    for number, region in fast.items():
        parsed = phonenumbers.parse(number, None)
        assert phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164) == number
        if phonenumbers_reading(number) != region:
            wrong.append((number, region, phonenumbers_reading(number)))
    assert wrong == []


@pytest.mark.parametrize("cell", ["+44 20 7946 0958", "0044 20", "+0123456", "+1", "", "abc"])
def test_other_cells_are_left_to_phonenumbers(cell):
    assert cell not in validate_plus_numbers([cell])
