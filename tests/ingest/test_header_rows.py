"""Which row is the header, and what the rows above it are read as, through the CLI:
a screening sheet's question columns (Q1…Q10, c0…c19, 1…10) do not push the header
down onto the data rows, a preamble fact comes only from a title block's line, the
summary counts the rows read as a preamble and warns of data rows among them, and a
header's text never becomes a phone number."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case

#: A typical NGO screening sheet: six persons, their phones, and yes/no answers to ten
#: questions, many left blank (so that a data row is no wider than the header).
_PERSONS = [
    ("Ion Popa", "03.01.1980", "+40722111000", "yes,,,yes,no,,no,,,yes"),
    ("Maria Rusu", "04.02.1981", "+40722111001", ",yes,no,no,,yes,yes,,no,"),
    ("Elena Ceban", "05.03.1982", "+40722111002", ",no,no,,yes,yes,,yes,,no"),
    ("Olga Moraru", "06.04.1983", "+40722111003", ",yes,,yes,yes,,yes,no,yes,no"),
    ("Ana Lungu", "07.05.1984", "+40722111004", "no,,,no,,no,no,,,no"),
    ("Vasile Munteanu", "08.06.1985", "+40722111005", "yes,no,yes,yes,yes,no,yes,no,,no"),
]
_NAMES = sorted(p[0] for p in _PERSONS)
_PHONES = sorted(p[2] for p in _PERSONS)


def _screening(path: Path, questions: list[str]) -> Path:
    lines = [",".join(["Name", "Date of birth", "Phone", *questions])]
    lines += [f"{name},{dob},{phone},{answers}" for name, dob, phone, answers in _PERSONS]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def _ingest(path: Path, tmp_path: Path, *how: str) -> tuple[str, Case]:
    out = tmp_path / f"{path.stem}_case"
    code, output = _run("ingest", str(path), *how, "-o", str(out))
    assert code == 0, output
    return output, Case.read(out)


def _values(case: Case, entity_type: str, column: str) -> list[str]:
    found = case.mentions[case.mentions["type"] == entity_type]
    return sorted(found[column].dropna())


def _draft(path: Path, tmp_path: Path) -> tuple[str, Path]:
    code, draft = _run("mapping", "suggest", str(path))
    assert code == 0, draft
    mapping = tmp_path / f"{path.stem}.yaml"
    mapping.write_text(draft, encoding="utf-8")
    return draft, mapping


_Q = [f"Q{i}" for i in range(1, 11)]


def test_screening_sheet_with_question_columns_read_by_the_people_preset(tmp_path):
    path = _screening(tmp_path / "screening.csv", _Q)
    output, case = _ingest(path, tmp_path, "--preset", "people")
    assert output.startswith("screening.csv: 6 rows, 12 mentions, 6 links, 0 rejects\n")
    assert "header on row" not in output  # row 1, as always: not said
    assert _values(case, "person", "name") == _NAMES
    assert _values(case, "phone", "phone") == _PHONES


def test_screening_sheet_drafted_then_ingested(tmp_path):
    path = _screening(tmp_path / "screening.csv", _Q)
    draft, mapping = _draft(path, tmp_path)
    assert "header_row" not in draft
    assert "fact" not in draft
    assert "kind: called" not in draft
    assert "name: Name\n" in draft
    assert "phone: Phone\n" in draft
    output, case = _ingest(path, tmp_path, "--mapping", str(mapping))
    assert output.startswith("screening.csv: 6 rows, 12 mentions, 6 links, 0 rejects\n")
    assert _values(case, "person", "name") == _NAMES
    assert _values(case, "phone", "phone") == _PHONES
    dobs = case.mentions.set_index("name")["dob"]
    assert str(dobs["Olga Moraru"])[:10] == "1983-04-06"


def test_numbered_questions_under_known_header_words(tmp_path):
    """Questions numbered 1…10: the header holds more numbers than titles, but Name,
    Date of birth and Phone are column names the people preset knows."""
    path = _screening(tmp_path / "numbered.csv", [str(i) for i in range(1, 11)])
    output, case = _ingest(path, tmp_path, "--preset", "people")
    assert "header on row" not in output
    assert _values(case, "person", "name") == _NAMES
    assert _values(case, "phone", "phone") == _PHONES


def test_generic_column_codes_with_few_data_rows(tmp_path):
    """Headers c0…c19 after name, dob, phone, with one to three data rows."""
    codes = [f"c{i}" for i in range(20)]
    for rows in (1, 2, 3):
        path = tmp_path / f"codes_{rows}.csv"
        lines = [",".join(["name", "dob", "phone", *codes])]
        lines += [
            f"Ion Pop{i},01.01.1980,+4072200000{i}," + ",".join(["Bucharest"] * 20)
            for i in range(rows)
        ]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        draft, mapping = _draft(path, tmp_path)
        assert "header_row" not in draft
        output, case = _ingest(path, tmp_path, "--mapping", str(mapping))
        assert f"{rows} row{'s' if rows > 1 else ''}, " in output
        assert _values(case, "person", "name") == [f"Ion Pop{i}" for i in range(rows)]
        assert _values(case, "phone", "phone") == [f"+4072200000{i}" for i in range(rows)]


def test_header_set_below_data_rows_is_warned_and_its_rows_counted(tmp_path):
    """A mapping that puts the header on row 5 of the screening sheet (as the draft of
    the defect did): rows 1–4 are counted as a preamble, and rows 2–4, as wide as the
    data rows and with dates and phones where they have them, are warned of."""
    path = _screening(tmp_path / "screening.csv", _Q)
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        "header_row: 5\nentities:\n  person: {type: person, fields: {name: Olga Moraru}}\n"
    )
    output, case = _ingest(path, tmp_path, "--mapping", str(mapping))
    assert output.startswith("screening.csv: 2 rows, 2 mentions, 0 links, 0 rejects\n")
    assert "  screening.csv: header on row 5, rows 1–4 read as a preamble:" in output
    assert (
        "warning: screening.csv: rows 2–4 above the header (row 5) look like the table's"
        " data rows" in output
    )
    assert _values(case, "person", "name") == ["Ana Lungu", "Vasile Munteanu"]


def test_a_header_line_is_no_preamble_fact(tmp_path):
    """The defect's draft read the subscriber's phone from a "fact" made of the header
    line; a row as wide as the table is no fact, so that mapping now stops."""
    path = _screening(tmp_path / "screening.csv", _Q)
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        "header_row: 5\nentities:\n"
        "  subscriber: {type: phone, fields: {phone: {fact: Name}}}\n"
        "  other_party: {type: phone, fields: {phone: '+40722111003'}}\n"
        "links:\n  - {kind: called, src: subscriber, dst: other_party}\n"
    )
    code, output = _run("ingest", str(path), "--mapping", str(mapping), "-o", str(tmp_path / "c"))
    assert code == 1
    assert "no fact 'Name' above the header" in output


def test_bank_statement_preamble_stays_facts_and_is_counted(tmp_path):
    path = tmp_path / "statement.csv"
    path.write_bytes(
        "Kontoinhaber;Max Müller\r\nIBAN;DE89 3704 0044 0532 0130 00\r\nKontoauszug Januar\r\n"
        "\r\nBuchungstag;Name;IBAN Gegenkonto;Betrag\r\n"
        "02.01.2024;Olena;UA743052990000026007233566001;-1.250,00\r\n"
        "15.01.2024;Ion;MD24AG000225100013104168;2.000,00\r\n".encode("cp1252")
    )
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        "entities:\n"
        "  own: {type: account, fields: {account: {fact: IBAN}}}\n"
        "  holder: {type: person, fields: {name: {fact: Kontoinhaber}}}\n"
        "  other: {type: account, fields: {account: IBAN Gegenkonto}}\n"
        "links:\n"
        "  - {kind: paid, src: own, dst: other, amount: Betrag, direction: sign}\n"
        "  - {kind: holds_account, src: holder, dst: own}\n",
        encoding="utf-8",
    )
    output, case = _ingest(path, tmp_path, "--mapping", str(mapping))
    assert (
        "  statement.csv: header on row 5, rows 1–4 read as a preamble: 2 facts"
        " (Kontoinhaber, IBAN), 1 title, 1 blank row\n" in output
    )
    assert "look like the table's data rows" not in output
    assert _values(case, "person", "name") == ["Max Müller", "Max Müller"]
    assert "DE89370400440532013000" in _values(case, "account", "account")


def test_letters_between_digits_are_no_phone_number(tmp_path):
    """A cell of question codes ("Q1 Q2 … Q10") is an invalid phone, not +12345678910;
    text around a number ("Tel: …", "… (home)") still leaves the number read."""
    path = tmp_path / "phones.csv"
    path.write_text(
        "name,phone\n"
        "Ion Popa,Q1 Q2 Q3 Q4 Q5 Q6 Q7 Q8 Q9 Q10\n"
        "Ana Lungu,Tel: +40 722 111 004\n"
        "Maria Rusu,+40722111001 (home)\n",
        encoding="utf-8",
    )
    _, case = _ingest(path, tmp_path, "--preset", "people")
    read = [p for p in _values(case, "phone", "phone") if p.startswith("+")]
    assert read == ["+40722111001", "+40722111004"]  # no +12345678910
    rejects = case.rejects[case.rejects["reason"] == "phone_invalid"]
    assert rejects[["row", "value"]].values.tolist() == [[1, "Q1 Q2 Q3 Q4 Q5 Q6 Q7 Q8 Q9 Q10"]]


#: A short French register: its header over rows of names, dates written in words and
#: role words that a row repeats ("victime" in both role columns).
_FR_HEADER = "Nom et prénom,Date de naissance,Qualité,Catégorie"
_FR_ROWS = [
    ("Aïcha Traoré", "5 avril 1990", "victime", "victime"),
    ("Jérôme Kouassi", "17 févr. 1985", "suspect", "proxénète"),
    ("Marie Dupont", "3 mars 1970", "témoin", "témoin"),
]


@pytest.mark.parametrize("rows", [1, 2, 3])
@pytest.mark.parametrize("dates", [True, False], ids=["dates", "no-dates"])
def test_a_short_table_header_is_not_joined_with_its_first_row(tmp_path, rows, dates):
    """A header over one to three data rows whose first row repeats a value ("victime,
    victime") is one header row: before, the two rows were read as a header of two rows
    ("Qualité victime", ...), and the people preset found none of its columns."""
    keep = [0, 1, 2, 3] if dates else [0, 2, 3]
    lines = [",".join(_FR_HEADER.split(",")[i] for i in keep)]
    lines += [",".join(row[i] for i in keep) for row in _FR_ROWS[:rows]]
    path = tmp_path / "registre.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _, case = _ingest(path, tmp_path, "--preset", "people")
    persons = case.mentions[case.mentions["type"] == "person"]
    want = [(name, role) for name, _, role, _ in _FR_ROWS[:rows]]
    want = [(n, {"victime": "victim", "témoin": "witness"}.get(r, r)) for n, r in want]
    assert sorted(zip(persons["name"], persons["role"], strict=True)) == sorted(want)
    if dates:
        assert sorted(persons["dob"].dropna()) == sorted(
            ["1990-04-05", "1985-02-17", "1970-03-03"][:rows]
        )
    draft, _ = _draft(path, tmp_path)
    assert "header_row" not in draft
    assert "name: Nom et prénom\n" in draft
    assert "role: Qualité\n" in draft


def test_a_data_row_under_a_spanning_title_is_not_a_header_row(tmp_path):
    """A header with a title over two columns ("Adresse" over street and town) and a data
    row repeating a role word: the name under "Nom" and the role word under "Qualité" are
    values, so the header is one row."""
    path = tmp_path / "adresses.csv"
    path.write_text(
        "Nom,Adresse,,Qualité,Catégorie\n"
        "Aïcha Traoré,rue des Lilas,Lyon,victime,victime\n"
        "Jérôme Kouassi,avenue Foch,Paris,suspect,proxénète\n",
        encoding="utf-8",
    )
    _, case = _ingest(path, tmp_path, "--preset", "people")
    persons = case.mentions[case.mentions["type"] == "person"]
    assert sorted(zip(persons["name"], persons["role"], strict=True)) == [
        ("Aïcha Traoré", "victim"),
        ("Jérôme Kouassi", "suspect"),
    ]


def test_a_label_repeated_over_its_group_is_still_a_two_row_header(tmp_path):
    """Group labels written in each cell of their group ("Victim, Victim, Suspect,
    Suspect", as an export unmerges them) over "Name, Phone, Name, Phone"."""
    path = tmp_path / "pairs.csv"
    path.write_text(
        "Victim,Victim,Suspect,Suspect\nName,Phone,Name,Phone\n"
        "Olha Tkach,+380671230001,Roman Lis,+380501230001\n"
        "Nina Holub,+380671230002,Ihor Sich,+380501230003\n",
        encoding="utf-8",
    )
    draft, _ = _draft(path, tmp_path)
    for column in ("Victim Name", "Victim Phone", "Suspect Name", "Suspect Phone"):
        assert f": {column}\n" in draft
    assert "header_row: 2\n" in draft


@pytest.mark.parametrize(
    ("header", "rows"),
    [
        (
            "name,  ,phone,role",
            [
                "Olena Kravets,x,+380671234567,victim",
                "Petro Bondar,y,+380501112233,suspect",
                "Ion Ceban,z,+37378123456,suspect",
            ],
        ),
        ("name,   ,phone", ["Olena Kravets,abc,+380671234567", "Petro Bondar,def,+380501112233"]),
    ],
)
def test_a_blank_header_cell_keeps_the_header_on_row_1(tmp_path, header, rows):
    """A header with a title of spaces alone ("name,  ,phone,role") is still the header:
    its blank column is read as ``column_2``, every row under it is a row (the first one,
    the victim's, neither pushed into the header's names nor dropped) and the victim is
    protected in `linkgraph mentions`."""
    path = tmp_path / "space_header.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    draft, mapping = _draft(path, tmp_path)
    assert "header_row" not in draft
    assert "Olena" not in draft
    assert "column_2: column_2" in draft
    output, case = _ingest(path, tmp_path, "--mapping", str(mapping))
    assert f"{len(rows)} rows" in output
    assert "not read" not in output
    assert case.rejects.empty
    assert sorted(case.mentions.loc[case.mentions["type"] == "person", "row"]) == [
        *range(1, len(rows) + 1)
    ]
    assert _values(case, "phone", "phone") == sorted(
        r.split(",")[-2 if "role" in header else -1] for r in rows
    )
    if "role" in header:
        code, listed = _run("mentions", str(tmp_path / f"{path.stem}_case"))
        assert code == 0, listed
        assert "Olena" not in listed
        assert "+380671234567" not in listed
        assert "Petro Bondar" in listed


def test_a_row_above_the_header_not_read_is_a_warning_naming_it(tmp_path):
    """A row above the header that is neither blank, a title nor a `Key;value` line (three
    cells of text over a four-column table) is not read: the summary and the draft warn,
    naming the row, rather than only counting it in the layout line."""
    path = tmp_path / "hotline.csv"
    path.write_text(
        "Hotline export,Kyiv office,confidential\n"
        "name,phone,city,role\n"
        "Olena Kravets,+380671234567,Kyiv,victim\n"
        "Petro Bondar,+380501112233,Odesa,suspect\n",
        encoding="utf-8",
    )
    draft, mapping = _draft(path, tmp_path)
    said = "row 1 above the header (row 2) is not read: too wide for a title"
    assert f"# WARNING: hotline.csv: {said}" in draft
    output, case = _ingest(path, tmp_path, "--mapping", str(mapping))
    assert f"  warning: hotline.csv: {said}" in output
    assert len(case.mentions[case.mentions["type"] == "person"]) == 2


def test_a_sheet_with_a_blank_title_and_an_unread_row_above_it(tmp_path):
    """The same in a workbook: the header with a blank title is found under a row that
    is not read, which the summary names in a warning; all three persons are read."""
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    for row in [
        ["Hotline export", "Kyiv office", "confidential", None],
        ["name", "  ", "phone", "role"],
        ["Olena Kravets", "x", "+380671234567", "victim"],
        ["Petro Bondar", "y", "+380501112233", "suspect"],
        ["Ion Ceban", "z", "+37378123456", "suspect"],
    ]:
        wb.active.append(row)
    path = tmp_path / "hotline.xlsx"
    wb.save(path)
    draft, mapping = _draft(path, tmp_path)
    assert "header_row: 2" in draft
    output, case = _ingest(path, tmp_path, "--mapping", str(mapping))
    assert "warning: hotline.xlsx: row 1 above the header (row 2) is not read" in output
    assert _values(case, "phone", "phone") == ["+37378123456", "+380501112233", "+380671234567"]


def _sheet(path: Path, rows: list[list[str | None]]) -> Path:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path


_NOTED = [
    ["name", "phone", "role", None],
    ["Olena Kravets", "+380671234567", "victim", "note A"],
    ["Petro Bondar", "+380501112233", "suspect", "note B"],
    ["Ion Ceban", "+37378123456", "suspect", None],
]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_header_without_a_title_at_its_right_end_stays_on_row_1(tmp_path, suffix):
    """A header whose last column has no title (notes written beside the table) is still
    the header: the victim's row under it is a row, not the column names, and the notes
    are read as column_4 (in a sheet, whose header row simply ends early, too)."""
    path = tmp_path / f"noted{suffix}"
    if suffix == ".csv":
        lines = [",".join(c or "" for c in row) for row in _NOTED]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    else:
        _sheet(path, _NOTED)
    draft, mapping = _draft(path, tmp_path)
    assert "header_row" not in draft
    assert "Olena" not in draft
    assert "column_4: column_4" in draft
    _, case = _ingest(path, tmp_path, "--mapping", str(mapping))
    persons = case.mentions[case.mentions["type"] == "person"]
    assert sorted(persons["row"]) == [1, 2, 3]
    assert sorted(persons["attrs"].str.contains("note A")) == [False, False, True]


def test_sheet_values_right_of_the_header_below_its_first_rows_are_warned_of(tmp_path):
    """A value in a column with no title, first met below the rows the header is found
    in, cannot be read under a name: the summary names its row instead of dropping it
    silently."""
    rows: list[list[str | None]] = [["name", "phone", "role"]]
    rows += [[f"Person {i}", f"+3805011122{i:02d}", "suspect"] for i in range(60)]
    rows[55] = [*rows[55], "moved to Odesa"]
    path = _sheet(tmp_path / "late.xlsx", rows)
    output, case = _ingest(path, tmp_path, "--preset", "people")
    assert (
        "warning: late.xlsx: 1 row holds values right of the header (first: row 56), in"
        " columns with no title, not read" in output
    )
    assert len(case.mentions[case.mentions["type"] == "person"]) == 60
