"""A registry's partial dates written with zeros, and a victim flag left empty, through
`mapping suggest` and `ingest` (the CLI), each against a hand-computed expectation."""

from __future__ import annotations

from linkgraph.model import Case
from tests.suggest_draft import run_cli, suggest_draft


def _ingest(tmp_path, name: str, text: str) -> tuple[Case, str]:
    data = tmp_path / name
    data.write_text(text, encoding="utf-8")
    draft, _ = suggest_draft(data, tmp_path)
    code, out = run_cli("ingest", str(data), "--mapping", str(draft), "-o", str(tmp_path / "c"))
    assert code == 0, out
    return Case.read(tmp_path / "c"), " ".join(out.split())


def test_a_day_or_month_of_zero_is_the_partial_date_it_stands_for(tmp_path):
    """``1987-00-00`` and ``00.00.1987`` are the year 1987, ``1987-05-00`` and
    ``00.05.1987`` May 1987, as docs/mapping.md reads partial dates; an all-zero date is
    no date (rejected, kept as written), a month of zero with a day is no date either."""
    case, _ = _ingest(
        tmp_path,
        "registry.csv",
        "record_no,surname,given_names,date_of_birth\n"
        "R1,IBRAHIM,Aisha,1987-00-00\n"
        "R2,OKAFOR,Ngozi,1987-05-00\n"
        "R3,BELLO,Musa,1990-02-14\n"
        "R4,EZE,Chidi,0000-00-00\n"
        "R5,ADE,Tunde,1987-00-15\n",
    )
    persons = case.mentions[case.mentions["type"] == "person"].set_index("row")
    assert [persons.at[r, "dob"] for r in (1, 2, 3)] == ["1987", "1987-05", "1990-02-14"]
    rejected = case.rejects[case.rejects["reason"] == "dob_invalid"]
    assert sorted(zip(rejected["row"], rejected["value"], strict=True)) == [
        (4, "0000-00-00"),
        (5, "1987-00-15"),
    ]


def test_day_first_zero_dates_are_partial_too(tmp_path):
    case, _ = _ingest(
        tmp_path,
        "persons.csv",
        "Name,DOB\nAna Rusu,00.00.1987\nIon Ceban,00.05.1987\nEva Lungu,14.02.1990\n",
    )
    persons = case.mentions[case.mentions["type"] == "person"].set_index("name")
    assert persons["dob"].to_dict() == {
        "Ana Rusu": "1987",
        "Ion Ceban": "1987-05",
        "Eva Lungu": "1990-02-14",
    }
    assert case.rejects.empty


def test_slashed_zero_dates_keep_their_year_in_either_order(tmp_path):
    """``00/00/1976`` is the year 1976 (as ``00.00.1987`` is 1987), in a column read
    day-first and in one read month-first (``12/25/1980`` decides), through the people
    preset as well as a drafted mapping; ``00/05/1976`` is May 1976 day-first."""
    for sub in ("d", "m"):
        (tmp_path / sub).mkdir()
    day_first, _ = _ingest(
        tmp_path / "d",
        "persons.csv",
        "Name,DOB\nAna Rusu,00/00/1976\nIon Ceban,00/05/1976\nEva Lungu,25/12/1980\n",
    )
    persons = day_first.mentions[day_first.mentions["type"] == "person"].set_index("name")
    assert persons["dob"].to_dict() == {
        "Ana Rusu": "1976",
        "Ion Ceban": "1976-05",
        "Eva Lungu": "1980-12-25",
    }
    month_first, _ = _ingest(
        tmp_path / "m",
        "persons.csv",
        "Name,DOB\nAna Rusu,00/00/1976\nEva Lungu,12/25/1980\n",
    )
    persons = month_first.mentions[month_first.mentions["type"] == "person"].set_index("name")
    assert persons["dob"].to_dict() == {"Ana Rusu": "1976", "Eva Lungu": "1980-12-25"}
    data = tmp_path / "preset.csv"
    data.write_text("Name,DOB\nAna Rusu,00/00/1976\nEva Lungu,12/03/1980\n", encoding="utf-8")
    code, out = run_cli("ingest", str(data), "--preset", "people", "-o", str(tmp_path / "p"))
    assert code == 0, out
    case = Case.read(tmp_path / "p")
    persons = case.mentions[case.mentions["type"] == "person"].set_index("name")
    assert persons.at["Ana Rusu", "dob"] == "1976"
    assert case.rejects.empty


def test_an_empty_victim_flag_leaves_the_role_unknown_and_is_counted(tmp_path):
    """Yes -> victim, No -> no role, empty -> no role, and the summary says the role of
    the persons on the empty rows (3 and 5) is unknown."""
    case, said = _ingest(
        tmp_path,
        "flagged.csv",
        "Full Name,Phone,Identified as Victim\n"
        "Oksana Koval,+380677654321,Yes\n"
        "Petro Bondar,+380501112233,No\n"
        "Maria Rusu,+37369123456,\n"
        "Olena Shevchuk,+380671112233,Y\n"
        "Ion Ceban,+37378123456,\n",
    )
    persons = case.mentions[case.mentions["type"] == "person"].set_index("row")
    assert persons["role"].isna().tolist() == [False, True, True, False, True]
    assert persons.loc[[1, 4], "role"].tolist() == ["victim", "victim"]
    assert (
        "role unknown for 2 persons: column 'Identified as Victim' is empty on their rows"
        " (3, 5), neither yes nor no" in said
    )
