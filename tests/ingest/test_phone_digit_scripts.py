"""A national phone number written in Persian or Arabic-Indic digits is read in the
country of its digits, not the mapping's Latin-digit region: "۰۹۱۲۳۴۵۶۷۸۹" is the Iranian
mobile +989123456789 (was +499123456789 under region DE), "٠١٠٠١٢٣٤٥٦٧" the Egyptian
+201001234567 (was phone_invalid)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.ingest._phones import _phone_or_error, _phones
from linkgraph.model import Case

IRAN = "\u06f0\u06f9\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9"  # ۰۹۱۲۳۴۵۶۷۸۹
EGYPT = "\u0660\u0661\u0660\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667"  # ٠١٠٠١٢٣٤٥٦٧


def test_persian_digits_are_read_as_iranian_under_a_latin_region() -> None:
    assert _phone_or_error(IRAN, "DE") == "+989123456789"
    assert _phone_or_error(IRAN, None) == "+989123456789"


def test_arabic_indic_digits_are_read_in_the_one_arab_region_that_reads_them() -> None:
    assert _phone_or_error(EGYPT, "DE") == "+201001234567"


def test_a_region_of_the_script_is_kept() -> None:
    # Afghanistan writes Persian digits too: its own region reads the number
    afghan = "\u06f0\u06f7\u06f0\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6"  # 0700123456
    assert _phone_or_error(afghan, "AF") == "+93700123456"


def test_no_region_of_the_digits_reading_it_is_invalid_saying_so() -> None:
    out = _phone_or_error("\u0660\u0661\u0662\u0663", "DE")
    assert isinstance(out, ValueError)
    assert "region unknown" in str(out)


def test_an_international_number_in_eastern_digits_keeps_its_country_code() -> None:
    # +49 30 1234567 in Arabic-Indic digits: its code says Germany
    plus = "+\u0664\u0669\u0663\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667"
    assert _phone_or_error(plus, "DE") == "+49301234567"


def test_latin_digits_keep_the_mapping_region() -> None:
    norm, failed, _ = _phones(pd.Series(["0171 1234567", IRAN]), "DE")
    assert list(norm) == ["+491711234567", "+989123456789"]
    assert not failed.any()


def test_ingest_reads_each_number_in_its_country_and_says_so(tmp_path: Path) -> None:
    data = tmp_path / "contacts.csv"
    data.write_text(
        f"Name,Phone\nHans Müller,0171 1234567\nAhmed Said,{EGYPT}\nReza Karimi,{IRAN}\n",
        encoding="utf-8",
    )
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        "format: csv\nregion: DE\nentities:\n"
        "  person: {type: person, fields: {name: Name}}\n"
        "  phone: {type: phone, fields: {phone: Phone}}\n"
        "links:\n  - {kind: uses_phone, src: person, dst: phone}\n",
        encoding="utf-8",
    )
    out = tmp_path / "case"
    result = CliRunner().invoke(
        cli, ["ingest", str(data), "--mapping", str(mapping), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    m = Case.read(out).mentions
    phones = m[m["type"] == "phone"].sort_values("row")
    assert list(phones["phone"]) == ["+491711234567", "+201001234567", "+989123456789"]
    assert "2 phones without a country code written in Persian or Arabic-Indic digits" in (
        result.output
    )
    assert "1 phone without a country code read as a DE number" in result.output
