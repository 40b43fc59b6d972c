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


def _cells(seed: int) -> list[str]:
    """Phone cells as exports write them: every region's example numbers in E.164, in
    national format, with 00, spaces, dashes, "(0)", one digit off, and some junk."""
    rng = np.random.default_rng(seed)
    out: set[str] = {"", "12", "+", "00", "0", "+44 (0)20 7946 0958", "٠٧٧٠٠ ٩٠٠١٢٣", "n/a"}
    types = [t for t in vars(phonenumbers.PhoneNumberType).values() if isinstance(t, int)]
    for region in ("GB", "UA", "DE", "IT", "NG", "NL", "RO", "MD", "RS", "BG", "US", "FR"):
        for kind in types:
            example = phonenumbers.example_number_for_type(region, kind)
            if example is None:
                continue
            e164 = phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164)
            national = phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.NATIONAL)
            digits = "".join(c for c in national if c.isdigit())
            changed = digits[:-1] + str((int(digits[-1]) + int(rng.integers(1, 9))) % 10)
            out |= {e164, national, digits, changed, digits + "7", "00" + e164[1:],
                    e164[:3] + " " + e164[3:], "-".join([digits[:4], digits[4:]])}  # fmt: skip
    return sorted(out)


@pytest.mark.parametrize("region", [None, "GB", "UA", "DE", "IT", "NG", "US"])
def test_phone_cells_read_as_one_by_one(region):
    import pandas as pd

    from linkgraph.ingest._phones import _phone_country, _phone_or_error, _phones

    cells = _cells(0)
    norm, failed, country = _phones(pd.Series(cells * 2, dtype="string"), region)
    for i, cell in enumerate(cells * 2):
        if cell == "":
            continue
        out = _phone_or_error(cell, region)
        expected = cell if isinstance(out, ValueError) else out
        assert norm[i] == expected, (cell, region)
        assert bool(failed[i]) == isinstance(out, ValueError), (cell, region)
        want = _phone_country(expected) if expected and expected.startswith("+") else None
        assert (None if country[i] is pd.NA else country[i]) == want, (cell, region)


def test_each_row_reads_its_phone_with_its_own_country(tmp_path):
    from linkgraph.ingest import ingest_file

    path = tmp_path / "people.csv"
    path.write_text(
        "name,country,phone\n"
        "Ana,GB,020 7946 0958\n"  # London
        "Ivan,UA,067 123 4567\n"  # Kyivstar
        "Olena,UA,020 7946 0958\n"  # no such Ukrainian number: rejected, kept on Olena
        "Bob,GB,+380671234567\n"  # international form: its own country
        "Eve,,07700 900123\n",  # no country: the preset has no region either
        encoding="utf-8",
    )
    case = ingest_file(path, preset="people")
    phones = case.mentions[case.mentions["type"] == "phone"].sort_values("row")
    assert phones["phone"].tolist() == ["+442079460958", "+380671234567", "+380671234567"]
    assert phones["country"].tolist() == ["GB", "UA", "UA"]
    persons = case.mentions[case.mentions["type"] == "person"].set_index("row")
    assert persons.loc[3, "attrs"] == '{"phone_invalid": "020 7946 0958"}'
    assert persons.loc[5, "attrs"] == '{"phone_invalid": "07700 900123"}'
    assert sorted(case.rejects["row"].tolist()) == [3, 5]
    assert set(case.rejects["reason"]) == {"phone_invalid"}


def test_cells_read_with_many_regions_at_once_read_as_one_by_one():
    """read_pairs (a person list's phones, each row with its own country) gives for every
    (cell, region) pair what phonenumbers gives that cell with that default region."""
    import pyarrow as pa

    from linkgraph.ingest._phones import _phone_country, _phone_or_error, read_pairs

    cells = [c for c in _cells(1) if c]
    regions = [None, "GB", "UA", "DE", "IT", "NG", "US", "MD", "RO"]
    rng = np.random.default_rng(2)
    # every cell with a few regions, in no particular order, some pairs twice
    cell_of = np.repeat(np.arange(len(cells)), 4)
    region_of = rng.integers(0, len(regions), size=len(cell_of))
    values, failed, country = read_pairs(
        pa.array(cells, pa.large_string()), cell_of, region_of, regions
    )
    got, got_country = values.to_pylist(), country.to_pylist()
    for i, (c, r) in enumerate(zip(cell_of.tolist(), region_of.tolist(), strict=True)):
        out = _phone_or_error(cells[c], regions[r])
        expected = cells[c] if isinstance(out, ValueError) else out
        assert got[i] == expected, (cells[c], regions[r])
        assert bool(failed[i]) == isinstance(out, ValueError), (cells[c], regions[r])
        want = _phone_country(expected) if expected.startswith("+") else None
        assert got_country[i] == want, (cells[c], regions[r])
