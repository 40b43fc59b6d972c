"""Dates of birth a scanner read with letters for digits ("1g52-01-15", "31.O5.1950")
are read as the dates they are, counted in the summary; other values with such letters
stay rejected. Through the CLI, against hand-read dates."""

from __future__ import annotations

from linkgraph.model import Case
from tests.suggest_draft import run_cli


def test_letters_for_digits_in_a_numeric_date_of_birth(tmp_path):
    data = tmp_path / "people.csv"
    data.write_text(
        "name,dob\n"
        "Anna Berg,1g52-01-15\n"
        "Bo Lind,31.O5.1950\n"
        "Cleo Ek,0l/O2/1985\n"
        "Dan Ek,12.III.1990\n"
        "Eli Ek,Sl.OS.l99O\n"
        "Fay Ek,l5 May l990\n",
        encoding="utf-8",
    )
    code, out = run_cli("ingest", str(data), "--preset", "people", "-o", str(tmp_path / "c"))
    assert code == 0, out
    case = Case.read(tmp_path / "c")
    persons = case.mentions[case.mentions["type"] == "person"].set_index("row")
    assert [persons.at[r, "dob"] for r in (1, 2, 3, 4)] == [
        "1952-01-15",
        "1950-05-31",
        "1985-02-01",
        "1990-03-12",  # Roman numerals: read as before
    ]
    rejected = case.rejects[case.rejects["reason"] == "dob_invalid"]
    assert sorted(rejected["row"]) == [5, 6]
    said = " ".join(out.split())
    assert "3 date(s) of birth in dob read with letters for digits" in said
    assert "'1g52-01-15', row 1" in said
