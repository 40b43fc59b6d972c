"""The short cuts of the ingest's normalisers give what the slow paths give."""

from __future__ import annotations

from linkgraph.ingest import normalize
from linkgraph.text import fold, fold_name


def test_region_codes_are_the_regions_of_phonenumbers_locale_data() -> None:
    # The reference: the regions phonenumbers names in its locale data, i.e. the values of
    # the name table country() falls back to.
    assert normalize._region_codes() == frozenset(normalize._country_names().values())


def test_country_codes_read_without_the_name_table() -> None:
    assert normalize.country("an") == "AN"
    assert normalize.country("ua") == "UA"
    assert normalize.country("Україна") == "UA"


def test_fold_name_word_by_word_equals_folding_the_whole_name() -> None:
    # fold_name folds each space-separated part; the reference is fold() of the whole text.
    names = [
        "Dr. José  Pérez Jr.",
        "Панасицький, Мар'яна",
        "ΣΟΦΙΑ ΠΑΠΑΔΟΠΟΥΛΟΥ",
        "北京 市",
        "a \u0301b",
        "Ana\u00a0Pérez",
        "O’Brien   Seán",
        "  ",
    ]
    titles = {"dr", "jr"}
    for name in names:
        text = name
        if text.count(",") == 1:
            family, given = text.split(",")
            text = f"{given} {family}"
        expected = " ".join(t for t in fold(text).split() if t not in titles)
        assert fold_name(name) == expected


def test_english_names_are_read_as_the_full_table_reads_them() -> None:
    from linkgraph.ingest._countries import ENGLISH_NAMES, EXTRA_NAMES

    table = normalize._country_names()
    assert len(ENGLISH_NAMES) > 240
    for key, code in {**ENGLISH_NAMES, **EXTRA_NAMES}.items():
        assert table[key] == code, key
    assert normalize.country("Ukraine") == "UA"
    assert normalize.country("United Kingdom") == "GB"
