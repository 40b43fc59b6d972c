"""Two tables on one sheet (tester t49): a title and a header after a blank row are no
person; rows under a second title are that table's (its title a role where it is one),
rows under a second header of other titles are read under it as a table of its own, and
both the draft and the ingest summary say where the second table starts. Expected
mentions, roles and links written by hand from the sheets' cells."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from suggest_draft import run_cli, suggest_draft

from linkgraph.model import Case


def _book(path: Path, rows: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Case 2024-17"
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def _ingest(tmp_path: Path, data: Path) -> tuple[Case, str, str]:
    draft, _ = suggest_draft(data, tmp_path)
    out = tmp_path / "case"
    code, text = run_cli("ingest", str(data), "--mapping", str(draft), "-o", str(out))
    assert code == 0, text
    return Case.read(out), " ".join(text.split()), draft.read_text(encoding="utf-8")


def test_titled_tables_give_roles_and_no_person_named_after_a_title(tmp_path: Path) -> None:
    data = _book(
        tmp_path / "two_tables.xlsx",
        [
            ["Victims"],
            ["Name", "Phone", "DOB"],
            ["Olena Kravets", "+380671234567", "1999-04-12"],
            ["Maria Rusu", "+37369123456", "2001-11-03"],
            [],
            [],
            ["Suspects"],
            ["Name", "Phone", "DOB"],
            ["Petro Bondar", "+380501112233", "1980-02-01"],
            ["Ion Ceban", "+37378123456", "1975-07-30"],
        ],
    )
    case, said, draft = _ingest(tmp_path, data)
    persons = case.mentions[case.mentions["type"] == "person"]
    assert dict(zip(persons["name"], persons["role"], strict=True)) == {
        "Olena Kravets": "victim",
        "Maria Rusu": "victim",
        "Petro Bondar": "suspect",
        "Ion Ceban": "suspect",
    }
    rejects = case.rejects
    assert sorted(zip(rejects["row"], rejects["reason"], strict=True)) == [
        (5, "second_table"),
        (6, "repeated_header"),
    ]
    assert "a second table starts at row 7 ('Suspects')" in said
    assert "a second table starts at row 7" in draft
    code, shown = run_cli("mentions", str(tmp_path / "case"))
    assert code == 0
    assert "Olena Kravets" not in shown  # a victim by her table: a pseudonym


def test_second_header_of_other_titles_is_read_as_a_table_of_its_own(tmp_path: Path) -> None:
    data = _book(
        tmp_path / "report.xlsx",
        [
            ["Name", "Phone"],
            ["Petro Bondar", "+380501112233"],
            ["Ion Ceban", "+37378123456"],
            [],
            ["Account holder", "IBAN", "Bank"],
            ["Petro Bondar", "UA743052990000026007233566001", "PrivatBank"],
            ["Ion Ceban", "MD24AG000225100013104168", "Agroindbank"],
        ],
    )
    case, said, draft = _ingest(tmp_path, data)
    m = case.mentions
    persons = m[m["type"] == "person"]
    assert sorted(persons["name"]) == ["Ion Ceban", "Ion Ceban", "Petro Bondar", "Petro Bondar"]
    assert sorted(m.loc[m["type"] == "account", "identifier"]) == [
        "MD24AG000225100013104168",
        "UA743052990000026007233566001",
    ]
    key = dict(zip(m["mention_id"], m["name"].fillna(m["identifier"]), strict=True))
    links = {(r.kind, key[r.src], key[r.dst]) for r in case.links.itertuples()}
    assert links == {
        ("uses_phone", "Petro Bondar", "+380501112233"),
        ("uses_phone", "Ion Ceban", "+37378123456"),
        ("holds_account", "Petro Bondar", "UA743052990000026007233566001"),
        ("holds_account", "Ion Ceban", "MD24AG000225100013104168"),
    }
    assert list(case.rejects["reason"]) == ["second_table"]
    assert "phone_invalid" not in set(case.rejects["reason"])
    assert (
        "a second table starts at row 5 under its own header (Account holder, IBAN, Bank)" in said
    )
    assert "a second table starts at row 5" in draft


def test_a_second_table_the_reader_cannot_read_under_is_rejected_and_said(tmp_path: Path) -> None:
    """A second header with a title twice ("Bank", "bank"): its rows are not read, each a
    second_table reject, and the summary says how to map it."""
    data = _book(
        tmp_path / "report.xlsx",
        [
            ["Name", "Phone"],
            ["Petro Bondar", "+380501112233"],
            [],
            ["IBAN", "Bank", "bank"],
            ["UA743052990000026007233566001", "PrivatBank", "Kyiv"],
        ],
    )
    case, said, _ = _ingest(tmp_path, data)
    assert sorted(case.mentions.loc[case.mentions["type"] == "person", "name"]) == ["Petro Bondar"]
    assert list(zip(case.rejects["row"], case.rejects["reason"], strict=True)) == [
        (3, "second_table"),
        (4, "second_table"),
    ]
    assert "its rows are not read (each a second_table reject); map it on its own with" in said
    assert "`header_row: 4`" in said


def test_one_cell_row_after_a_blank_row_over_data_is_a_row(tmp_path: Path) -> None:
    """A row with a name alone after a blank row, over more data (no header): a person,
    not a title."""
    data = _book(
        tmp_path / "people.xlsx",
        [
            ["Name", "Phone"],
            ["Petro Bondar", "+380501112233"],
            [],
            ["Ion Ceban", None],
            ["Maria Rusu", "+37369123456"],
        ],
    )
    case, said, _ = _ingest(tmp_path, data)
    names = sorted(case.mentions.loc[case.mentions["type"] == "person", "name"])
    assert names == ["Ion Ceban", "Maria Rusu", "Petro Bondar"]
    assert "second table" not in said


def test_a_row_of_words_after_a_blank_row_is_no_header_without_a_value_under_it(
    tmp_path: Path,
) -> None:
    """ "Olena Kravets, Ukraine, passport" after a blank row has a column name in it
    ("passport") and no value, but the row under it holds none either: data, not the
    header of a second table."""
    data = _book(
        tmp_path / "people.xlsx",
        [
            ["Name", "Country", "Document"],
            ["Ana Pop", "Romania", "passport"],
            [],
            ["Olena Kravets", "Ukraine", "passport"],
            ["Ion Ceban", "Moldova", "id card"],
        ],
    )
    case, said, _ = _ingest(tmp_path, data)
    names = sorted(case.mentions.loc[case.mentions["type"] == "person", "name"])
    assert names == ["Ana Pop", "Ion Ceban", "Olena Kravets"]
    assert "second table" not in said
    assert case.rejects.empty


def test_a_csv_title_over_the_header_again_is_no_person(tmp_path: Path) -> None:
    """The same in a text file: "Suspects" on a line of its own over the header repeated
    is a second_table reject (not a person, nor a ragged_row), and both say so."""
    data = tmp_path / "two.csv"
    data.write_text(
        "Name,Phone\nPetro Bondar,+380501112233\n\nSuspects\nName,Phone\nIon Ceban,+37378123456\n",
        encoding="utf-8",
    )
    case, said, draft = _ingest(tmp_path, data)
    assert sorted(case.mentions.loc[case.mentions["type"] == "person", "name"]) == [
        "Ion Ceban",
        "Petro Bondar",
    ]
    assert sorted(case.rejects["reason"]) == ["repeated_header", "second_table"]
    assert "a second table starts at row 3 ('Suspects' over the header again)" in said
    assert "a second table starts at row 3" in draft


def test_chunks_read_before_the_second_title_lack_table_title_and_are_read(
    tmp_path: Path,
) -> None:
    """A first table longer than a chunk is read before the second title is seen: those
    chunks have no table_title column; the draft's `role: table_title` does not stop the
    ingest there (their persons have no role, and the summary says so)."""
    import warnings

    from linkgraph.ingest import ingest_file
    from linkgraph.ingest.config import IngestConfig

    data = _book(
        tmp_path / "two_tables.xlsx",
        [["Victims"], ["Name", "Phone"], ["Olena Kravets", "+380671234567"], [], ["Suspects"],
         ["Name", "Phone"], ["Petro Bondar", "+380501112233"]],
    )  # fmt: skip
    draft, spec = suggest_draft(data, tmp_path)
    assert spec["entities"]["person"]["fields"]["role"] == "table_title"
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        case = ingest_file(data, mapping=draft, config=IngestConfig(chunk_rows=1))
    persons = case.mentions[case.mentions["type"] == "person"]
    role = dict(zip(persons["name"], persons["role"], strict=True))
    assert role["Petro Bondar"] == "suspect"
    assert "no person is marked as a victim" in " ".join(str(w.message) for w in said)
