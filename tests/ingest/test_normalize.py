"""Normalisers: one value type at a time, including cross-script names and countries."""

from __future__ import annotations

import contextlib

import pandas as pd
import pytest

from linkgraph.ingest import normalize
from linkgraph.text import fold_name


@pytest.mark.parametrize(
    ("raw", "region", "expected"),
    [
        ("020 7946 0958", "GB", "+442079460958"),
        ("+44 (0)20 7946 0958", None, "+442079460958"),
        ("0044 20 7946 0958", "UA", "+442079460958"),
        ("067 123 4567", "UA", "+380671234567"),
        ("+380-67-123-45-67", "GB", "+380671234567"),
    ],
)
def test_phone_to_e164(raw, region, expected):
    assert normalize.phone(raw, region) == expected


@pytest.mark.parametrize("raw", ["12", "not a number", "+999 123"])
def test_invalid_phone_raises(raw):
    with pytest.raises(ValueError, match="phone"):
        normalize.phone(raw, "GB")


@pytest.mark.parametrize(
    ("raw", "dayfirst", "expected"),
    [
        ("03/04/1990", True, "1990-04-03"),
        ("03/04/1990", False, "1990-03-04"),
        ("13/04/1990", False, "1990-04-13"),  # a day above 12 is unambiguous
        ("1990-04-03", False, "1990-04-03"),
        ("25.12.85", True, "1985-12-25"),
        ("12 March 1990", True, "1990-03-12"),
        ("March 12, 1990", True, "1990-03-12"),
        ("1990-03", True, "1990-03"),
        ("03/1990", True, "1990-03"),
        ("1990", True, "1990"),
        ("1990-04-03T10:00:00", True, "1990-04-03"),
    ],
)
def test_dates_with_declared_order(raw, dayfirst, expected):
    assert normalize.date(raw, dayfirst=dayfirst) == expected


@pytest.mark.parametrize("raw", ["yesterday", "31/02/1990", "1990-13-01"])
def test_unparseable_dates_raise(raw):
    with pytest.raises(ValueError, match="date"):
        normalize.date(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("UA", "UA"),
        ("ukr", "UA"),
        ("Ukraine", "UA"),
        ("Україна", "UA"),
        ("Украина", "UA"),
        ("Moldova, Republic of", "MD"),
        ("Deutschland", "DE"),
        ("Россия", "RU"),
        ("United Kingdom", "GB"),
        ("Ελλάδα", "GR"),
        ("GBR", "GB"),
    ],
)
def test_country_to_alpha2(raw, expected):
    assert normalize.country(raw) == expected


def test_email_plate_document_account():
    assert normalize.email("  Ana@Example.COM ") == "ana@example.com"
    assert normalize.plate("АА 1234 ВВ") == normalize.plate("aa-1234-bb") == "AA1234BB"
    assert normalize.document("№ FA 123-456") == "FA123456"
    assert normalize.account("GB82 WEST 1234 5698 7654 32") == "GB82WEST12345698765432"
    with pytest.raises(ValueError, match="IBAN"):
        normalize.account("GB83 WEST 1234 5698 7654 32")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Олександр Коваленко", "Oleksandr Kovalenko"),  # Cyrillic
        ("KOVALENKO, Oleksandr", "Oleksandr Kovalenko"),  # "FAMILY, Given"
        ("José Pérez", "Jose Perez"),  # diacritics
        ("Dr. Ana Pérez", "ana perez"),  # titles
        ("Νίκος Παπαδόπουλος", "Nikos Papadopoulos"),  # Greek
    ],
)
def test_cross_script_names_fold_alike(a, b):
    assert fold_name(normalize.name(a)) == fold_name(b)


def test_arabic_names_transliterate_to_latin():
    assert fold_name(normalize.name("محمد")).isascii()
    assert fold_name(normalize.name("محمد"))


def test_names_lose_markup_but_keep_spelling():
    assert normalize.name("<script>alert(1)</script> Ana  PÉREZ") == "alert(1) Ana PÉREZ"
    assert normalize.name('=HYPERLINK("http://x","Ян Ковальчук")') == "Ян Ковальчук"


def test_apply_unique_flags_failures_and_keeps_raw():
    values = pd.Series(["+44 20 7946 0958", "12", None, "+44 20 7946 0958"], dtype="string")
    out, failed = normalize.apply_unique(values, lambda v: normalize.phone(v, "GB"))
    assert out.tolist() == ["+442079460958", "12", pd.NA, "+442079460958"]
    assert failed.tolist() == [False, True, False, False]


def test_amounts_in_both_conventions():
    assert normalize.amount("1.234,50 €") == "1234.50"
    assert normalize.amount("1,234.50") == "1234.50"
    with pytest.raises(ValueError, match="amount"):
        normalize.amount("n/a")


@pytest.mark.parametrize("region", ["GB", "UA", "DE", "FR", "IT", "US", "RU", "BR", "JP", "AU"])
def test_national_numbers_read_from_the_cache_as_phonenumbers_reads_them(region):
    """The shortcut for "0…" numbers whose "+…" form was validated gives parse()'s answer."""
    import phonenumbers
    from phonenumbers import PhoneNumberType as T

    for typ in (T.FIXED_LINE, T.MOBILE, T.TOLL_FREE, T.VOIP):
        example = phonenumbers.example_number_for_type(region, typ)
        if example is None:
            continue
        nsn = phonenumbers.national_significant_number(example)
        for national in ("0" + nsn, "0" + nsn[:-1] + str((int(nsn[-1]) + 1) % 10)):
            normalize._VALID_E164.clear()
            try:
                cold = normalize.phone(national, region)
            except ValueError:
                cold = None
            normalize._VALID_E164.clear()
            with contextlib.suppress(ValueError):
                normalize.phone(f"+{example.country_code}{national[1:]}")
            try:
                warm = normalize.phone(national, region)
            except ValueError:
                warm = None
            assert warm == cold, (region, national)
