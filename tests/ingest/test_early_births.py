"""A date of birth before 1880 among modern ones is no living person's: a ``dob_invalid``
reject whose note says why (a historical register, mostly such dates, is read as written);
written in Persian digits with a year 13xx, it looks like a Solar Hijri date to convert
(it was kept as the Gregorian year 1378)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.ingest.normalize import birth_date
from linkgraph.model import Case

PERSIAN = "\u06f1\u06f3\u06f7\u06f8/\u06f0\u06f1/\u06f2\u06f3"  # ۱۳۷۸/۰۱/۲۳


def _ingest(tmp_path: Path, csv: str) -> tuple[Case, str]:
    data = tmp_path / "persons.csv"
    data.write_text(csv, encoding="utf-8")
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        "format: csv\nentities:\n  person: {type: person, fields: {name: Name, dob: DOB}}\n",
        encoding="utf-8",
    )
    out = tmp_path / "case"
    result = CliRunner().invoke(
        cli, ["ingest", str(data), "--mapping", str(mapping), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    return Case.read(out), result.output


def test_a_persian_digit_birth_in_13xx_is_refused() -> None:
    with pytest.raises(ValueError, match="Solar Hijri"):
        birth_date(PERSIAN)
    # the same digits with a Gregorian year are read
    assert birth_date("\u06f1\u06f9\u06f9\u06f9-\u06f0\u06f1-\u06f2\u06f3") == "1999-01-23"


def test_a_historical_register_keeps_its_early_births(tmp_path: Path) -> None:
    csv = "Name,DOB\nWalter Bryant,1813-01-01\nAnna Weber,1845-02-03\nJohn Doe,1901-02-03\n"
    case, output = _ingest(tmp_path, csv)
    assert case.rejects.empty
    assert sorted(case.mentions["dob"]) == ["1813-01-01", "1845-02-03", "1901-02-03"]
    assert "dob_invalid" not in output


def test_an_early_iso_birth_is_a_reject_saying_why(tmp_path: Path) -> None:
    # many rows: the column is read by the fast (Arrow) path, as a real export is
    rows = [f"Person {i},1990-01-{1 + i % 28:02d}" for i in range(200)]
    csv = "Name,DOB\nOld Man,1378-01-23\n" + "\n".join(rows) + "\n"
    case, output = _ingest(tmp_path, csv)
    bad = case.rejects[case.rejects["reason"] == "dob_invalid"]
    assert list(bad["value"]) == ["1378-01-23"]
    assert list(bad["row"]) == [1]
    assert "1 date of birth in DOB rejected as dob_invalid" in output
    assert "before 1880" in output
    assert "Solar Hijri" not in output


def test_an_early_birth_beside_a_future_one_is_refused(tmp_path: Path) -> None:
    # the tester's file: one date 1378-01-23 and one in 2090, no historical register
    case, output = _ingest(tmp_path, "Name,DOB\nOld Man,1378-01-23\nFuture Kid,2090-05-05\n")
    bad = case.rejects[case.rejects["reason"] == "dob_invalid"].sort_values("row")
    assert list(bad["value"]) == ["1378-01-23", "2090-05-05"]
    assert "1 date of birth in DOB rejected as dob_invalid (such as '1378-01-23', row 1)" in output


def test_a_persian_digit_birth_says_solar_hijri(tmp_path: Path) -> None:
    case, output = _ingest(tmp_path, f"Name,DOB\nReza Karimi,{PERSIAN}\nIvan Petrov,12.04.1999\n")
    bad = case.rejects[case.rejects["reason"] == "dob_invalid"]
    assert list(bad["value"]) == [PERSIAN]
    assert "looks like a Solar Hijri (Persian) date" in output
    assert "year 1378 is 1999/2000" in output
    # kept on the mention as written (flagged), never as the Gregorian 1378-01-23
    kept = case.mentions.set_index("name")["dob"]
    assert kept["Reza Karimi"] == PERSIAN
    assert kept["Ivan Petrov"] == "1999-04-12"
