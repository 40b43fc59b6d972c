"""Layouts of hostile exports, through `mapping suggest` then `ingest` (CLI, no edit):
formula cells, hidden sheets, grouped headers, page footers, description rows, broken
JSON Lines and repeated column names."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case
from tests.ingest.helpers import linked


def _suggest(path: Path, tmp_path: Path) -> tuple[str, Path]:
    """The YAML `mapping suggest` drafts for ``path``, and where it was written."""
    draft = CliRunner().invoke(cli, ["mapping", "suggest", str(path)])
    assert draft.exit_code == 0, draft.output
    mapping = tmp_path / f"{path.stem}.yaml"
    mapping.write_text(draft.output, encoding="utf-8")
    return draft.output, mapping


def _ingest(path: Path, tmp_path: Path) -> Case:
    """``path`` ingested with the mapping `mapping suggest` drafts for it."""
    _, mapping = _suggest(path, tmp_path)
    out = tmp_path / f"{path.stem}_case"
    result = CliRunner().invoke(
        cli, ["ingest", str(path), "--mapping", str(mapping), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    return Case.read(out)


def _persons(case: Case) -> list[str]:
    person = case.mentions[case.mentions["type"] == "person"]
    return sorted(person["name"].dropna())


def _rejects(case: Case, reason: str) -> pd.DataFrame:
    found = case.rejects[case.rejects["reason"] == reason]
    return found.sort_values(["row", "column"]).reset_index(drop=True)


# -- 1. formula cells ---------------------------------------------------------------------


def _formula_sheet(path: Path) -> None:
    """A sheet whose full name and one phone are formulas, written with their values (as
    Excel saves them); a HYPERLINK formula and a formula that failed (#N/A) besides."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Persons")
    ws.write_row(0, 0, ["First", "Last", "Full name", "Phone", "Role"])
    ws.write_row(1, 0, ["Ion", "Popa"])
    ws.write_formula(1, 2, '=A2&" "&B2', None, "Ion Popa")
    ws.write(1, 3, "+40721003001")
    ws.write(1, 4, "suspect")
    ws.write_row(2, 0, ["Ana", "Dima"])
    ws.write_formula(2, 2, '=A3&" "&B3', None, "Ana Dima")
    ws.write_formula(2, 3, '="+40"&"721003002"', None, "+40721003002")
    ws.write(2, 4, "victim")
    ws.write_row(3, 0, ["Vlad", "Stan"])
    ws.write_formula(3, 2, '=HYPERLINK("http://case.example/7","Vlad Stan")', None, "Vlad Stan")
    ws.write(3, 3, "+40721003003")
    ws.write(3, 4, "suspect")
    ws.write_row(4, 0, ["Eva", "Bratu"])
    ws.write_formula(4, 2, "=VLOOKUP(A5,Z:Z,1,0)", None, "#N/A")
    ws.write(4, 3, "+40721003004")
    ws.write(4, 4, "victim")
    wb.close()


def test_formula_cells_read_as_their_saved_values(tmp_path):
    """A formula cell is read as the value the spreadsheet saved ("Ion Popa"), not as its
    text (`=A2&" "&B2`); HYPERLINK keeps its label; a failed formula is a reject, and
    the victim of its row, her name unread, is an unnamed person who still holds her
    phone."""
    path = tmp_path / "formulas.xlsx"
    _formula_sheet(path)
    case = _ingest(path, tmp_path)
    assert _persons(case) == ["Ana Dima", "Ion Popa", "Vlad Stan"]
    assert linked(case, src="label", dst="phone") == [
        ("Ana Dima", "+40721003002"),
        ("Ion Popa", "+40721003001"),
        ("Vlad Stan", "+40721003003"),
        ("unnamed person", "+40721003004"),
    ]
    formula = _rejects(case, "formula")
    assert formula[["row", "column"]].values.tolist() == [[3, "Full name"], [4, "Full name"]]
    assert formula["value"][0] == '=HYPERLINK("http://case.example/7","Vlad Stan")'
    assert formula["value"][1].startswith("=VLOOKUP(A5,Z:Z,1,0) shows the error #N/A")


def test_formula_cells_without_saved_values_are_rejected(tmp_path):
    """A workbook written by a program that never computed its formulas (openpyxl) has no
    value for them: each is a `formula` reject naming row and column and saying how to
    get the values, never a person named by the formula."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Full name", "Phone", "Role"])
    ws.append(['=CONCAT("Ion"," Popa")', "+40721003001", "suspect"])
    ws.append(["Ana Dima", '="+40"&"721003002"', "victim"])
    path = tmp_path / "nocache.xlsx"
    wb.save(path)
    draft, _ = _suggest(path, tmp_path)
    assert "# WARNING: 2 formula cell(s) of the first rows have no value to read" in draft
    case = _ingest(path, tmp_path)
    assert _persons(case) == ["Ana Dima"]
    assert not case.mentions["label"].str.contains("=").any()
    formula = _rejects(case, "formula")
    assert formula[["source", "row", "column"]].values.tolist() == [
        ["nocache.xlsx", 1, "Full name"],
        ["nocache.xlsx", 2, "Phone"],
    ]
    assert formula["value"][0].startswith('=CONCAT("Ion"," Popa") has no saved value')
    assert all("open and save the file in Excel or LibreOffice" in v for v in formula["value"])


# -- 2. hidden sheets -----------------------------------------------------------------------


def test_a_hidden_lookup_sheet_is_not_chosen(tmp_path):
    """A hidden sheet of dropdown values (more rows than the data) is skipped for the
    visible sheet with data, and the draft says so; a very hidden one too."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Cases"
    ws.append(["Victim name", "Victim phone", "Suspect name", "Suspect phone"])
    ws.append(["Oksana Bila", "+380671110001", "Taras Hrom", "+380501110001"])
    ws.append(["Iryna Syva", "+380671110002", "Taras Hrom", "+380501110001"])
    for title, state in (("lists", "hidden"), ("codes", "veryHidden")):
        lookup = wb.create_sheet(title)
        lookup.sheet_state = state
        lookup.append(["Name", "Phone"])
        for i in range(40):
            lookup.append([f"Dropdown Value{i}", f"+38067222{i:04d}"])
    path = tmp_path / "hidden.xlsx"
    wb.save(path)
    draft, _ = _suggest(path, tmp_path)
    assert "\nsheet: Cases\n" in draft
    assert "# hidden sheets skipped: ['lists', 'codes']" in draft
    case = _ingest(path, tmp_path)
    assert _persons(case) == ["Iryna Syva", "Oksana Bila", "Taras Hrom", "Taras Hrom"]


def test_a_hidden_sheet_is_read_when_no_visible_sheet_has_data(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "Readme"
    data = wb.create_sheet("People")
    data.sheet_state = "hidden"
    data.append(["Name", "Phone"])
    data.append(["Ana Dima", "+40721003002"])
    path = tmp_path / "only_hidden.xlsx"
    wb.save(path)
    assert _persons(_ingest(path, tmp_path)) == ["Ana Dima"]


# -- 3. a header of two rows ----------------------------------------------------------------

_GROUPED = [
    ["Case", "Victim", None, "Suspect", None, "Amount"],
    [None, "Name", "Phone", "Name", "Phone", None],
]
_GROUPED_DATA = [
    ["K-1", "Olha Tkach", "+380671230001", "Roman Lis", "+380501230001", 100],
    ["K-2", "Nina Holub", "+380671230002", "Roman Lis", "+380501230001", 200],
    *_GROUPED,  # the header again on the next printed page
    ["K-3", "Vira Koval", "+380671230003", "Ihor Sich", "+380501230003", 300],
]
_GROUPED_PAIRS = [
    ("Ihor Sich", "+380501230003"),
    ("Nina Holub", "+380671230002"),
    ("Olha Tkach", "+380671230001"),
    ("Roman Lis", "+380501230001"),
    ("Roman Lis", "+380501230001"),
    ("Vira Koval", "+380671230003"),
]


def _check_grouped(case: Case) -> None:
    persons = case.mentions[case.mentions["type"] == "person"]
    assert sorted(zip(persons["name"], persons["role"], strict=True)) == [
        ("Ihor Sich", "suspect"),
        ("Nina Holub", "victim"),
        ("Olha Tkach", "victim"),
        ("Roman Lis", "suspect"),
        ("Roman Lis", "suspect"),
        ("Vira Koval", "victim"),
    ]
    assert linked(case, dst="phone", kinds=["uses_phone"]) == _GROUPED_PAIRS
    assert linked(case, kinds=["victim_of"], dst="name") == [
        ("Nina Holub", "Roman Lis"),
        ("Olha Tkach", "Roman Lis"),
        ("Vira Koval", "Ihor Sich"),
    ]
    repeated = _rejects(case, "repeated_header")
    assert repeated["row"].tolist() == [3, 4]


def test_a_two_row_grouped_header_in_a_workbook(tmp_path):
    """ "Victim" merged over B1:C1 and "Suspect" over D1:E1, "Name | Phone" under each:
    the columns are "Victim Name", ..., "Suspect Phone", the case and amount titles are
    merged down, and the pair of header rows repeated on the next page is rejected."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    for row in [*_GROUPED, *_GROUPED_DATA]:
        ws.append(row)
    for ref in ("B1:C1", "D1:E1", "A1:A2", "F1:F2", "B5:C5", "D5:E5"):
        ws.merge_cells(ref)
    path = tmp_path / "grouped.xlsx"
    wb.save(path)
    draft, _ = _suggest(path, tmp_path)
    for column in ("Victim Name", "Victim Phone", "Suspect Name", "Suspect Phone"):
        assert f": {column}\n" in draft
    assert "header_row: 2\n" in draft
    _check_grouped(_ingest(path, tmp_path))


def test_a_two_row_grouped_header_in_a_csv(tmp_path):
    rows = [[("" if c is None else str(c)) for c in r] for r in [*_GROUPED, *_GROUPED_DATA]]
    path = tmp_path / "grouped.csv"
    path.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")
    _check_grouped(_ingest(path, tmp_path))


_UFED_TITLE = [
    ["Cellebrite UFED Physical Analyzer - Extraction Report"],
    ["Case number: 2024/117-DIICOT"],
    ["Device: Samsung Galaxy A52  IMEI 356789101234567"],
]


def _ufed_report(path: Path) -> None:
    """A phone report as Cellebrite prints it: a title block, then per sheet a header of
    two rows where a group title is merged over its sub-titles ("Parties" over "From",
    "To"; "Entries" over "Type", "Value") and the other titles are merged down."""
    import openpyxl

    wb = openpyxl.Workbook()
    calls = wb.active
    calls.title = "Calls"
    for row in [
        *_UFED_TITLE,
        ["Call Log (5)"],
        [],
        ["#", "Type", "Parties", None, "Timestamp: Time", "Duration"],
        [None, None, "From", "To", None, None],
        [
            1,
            "Outgoing",
            "+40721234567 (Owner)",
            "+380671234567 Olena Kov",
            "05/04/2024 14:03",
            "00:02:13",
        ],
        [
            2,
            "Incoming",
            "+37369123456 Mihai",
            "+40721234567 (Owner)",
            "06/04/2024 09:00",
            "00:00:45",
        ],
        [3, "Outgoing", "+40721234567 (Owner)", "+971501234567 Ahmed", "06/04/2024 11:00", "0:10"],
        [4, "Incoming", "+48601234567 Andrzej", "+40721234567 (Owner)", "06/04/2024 12:00", "0:30"],
        [5, "Incoming", "Private number", "+40721234567 (Owner)", "07/04/2024 10:00", "0:12"],
    ]:
        calls.append(row)
    for ref in ("C6:D6", "A6:A7", "B6:B7", "E6:E7", "F6:F7"):
        calls.merge_cells(ref)
    sms = wb.create_sheet("SMS")
    for row in [
        *_UFED_TITLE,
        [],
        ["#", "Folder", "From", "To", "Timestamp: Date", "Body"],
        [1, "Sent", "+40721234567", "+380671234567", "06/04/2024 10:00", "Mâine la 8."],
        [2, "Inbox", "+380671234567", "+40721234567", "06/04/2024 10:05", "Віддай документи"],
    ]:
        sms.append(row)
    contacts = wb.create_sheet("Contacts")
    for row in [
        *_UFED_TITLE,
        [],
        ["#", "Name", "Entries", None, "Source"],
        [None, None, "Type", "Value", None],
        [1, "Olena Kov", "Mobile", "+380 67 123 4567", "WhatsApp"],
        [2, "Mihai Chisinau", "Mobile", "00373 69 123 456", "Phone"],
        [3, "Hung VN", "Mobile", "+84 912 345 678 / +84 98 765 4321", "Viber"],
    ]:
        contacts.append(row)
    contacts.merge_cells("C5:D5")
    wb.save(path)


def _suggest_sheet(path: Path, sheet: str, tmp_path: Path) -> tuple[str, Case]:
    """The draft `mapping suggest --sheet` makes for a sheet, and the sheet ingested with it."""
    draft = CliRunner().invoke(cli, ["mapping", "suggest", str(path), "--sheet", sheet])
    assert draft.exit_code == 0, draft.output
    mapping = tmp_path / f"{sheet}.yaml"
    mapping.write_text(draft.output, encoding="utf-8")
    out = tmp_path / f"{sheet}_case"
    result = CliRunner().invoke(
        cli, ["ingest", str(path), "--mapping", str(mapping), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    return draft.output, Case.read(out)


def test_a_phone_report_with_merged_group_titles(tmp_path):
    """Cellebrite/UFED sheets: "Parties" merged over "From" and "To" gives the columns
    "Parties From" and "Parties To" (the sub-title row is no data row), whose numbers,
    each followed by its label, are the calls' ends; SMS rows are `messaged` links with
    their text; the contacts' "Entries Value" (kind "Mobile") are phones the persons use;
    the title block's "Key: value" lines are facts of the file."""
    path = tmp_path / "UFED_Report.xlsx"
    _ufed_report(path)
    draft, calls = _suggest_sheet(path, "Calls", tmp_path)
    assert "phone: Parties From\n" in draft
    assert "phone: Parties To\n" in draft
    assert "- kind: called\n" in draft
    assert "Case number, Device" in draft  # the facts the draft offers
    numbers = [p for p in linked(calls, "phone", "phone", ["called"]) if p[0].startswith("+")]
    assert numbers == [
        ("+37369123456", "+40721234567"),
        ("+40721234567", "+380671234567"),
        ("+40721234567", "+971501234567"),
        ("+48601234567", "+40721234567"),
    ]
    assert calls.rejects[["row", "reason", "value"]].values.tolist() == [
        [5, "phone_withheld", "Private number"]
    ]
    draft, sms = _suggest_sheet(path, "SMS", tmp_path)
    assert "- kind: messaged\n" in draft
    assert "message: Body\n" in draft
    assert linked(sms, "phone", "phone", kinds=["messaged"]) == [
        ("+380671234567", "+40721234567"),
        ("+40721234567", "+380671234567"),
    ]
    assert sms.links["kind"].tolist() == ["messaged", "messaged"]
    _, contacts = _suggest_sheet(path, "Contacts", tmp_path)
    assert linked(contacts, "name", "phone", kinds=["uses_phone"]) == [
        ("Hung VN", "+84912345678"),
        ("Hung VN", "+84987654321"),
        ("Mihai Chisinau", "+37369123456"),
        ("Olena Kov", "+380671234567"),
    ]
    assert contacts.rejects.empty


# -- 4. page numbers between printed pages --------------------------------------------------


def test_page_numbers_between_pages_are_footer_rows(tmp_path):
    """ "Page 1 of 3" (or "Seite 2 von 3", "Стр. 3 из 3", "- 4 -") alone on a row between
    a printed export's pages is a footer_row reject wherever it is, not a person; a row of
    a name alone is still a person."""
    path = tmp_path / "pages.csv"
    path.write_text(
        "Police export - printed 2024-02-01 by user jdoe\n\n"
        "Name,DOB,Phone,Role\n"
        "Alex Ionescu,1988-01-02,+40721000111,suspect\n"
        "Page 1 of 3\n\n"
        "Name,DOB,Phone,Role\n"
        "Bianca Marin,1999-03-04,+40721000112,victim\n"
        ",,Seite 2 von 3,\n"
        "Cristi Dobre,,,suspect\n"
        "Стр. 3 из 3,,,\n"
        "Dana Pavel,2000-07-08,+40721000114,victim\n"
        "- 4 -\n"
        "Emil Stan,1985-09-10,+40721000115,witness\n",
        encoding="utf-8",
    )
    case = _ingest(path, tmp_path)
    assert _persons(case) == [
        "Alex Ionescu",
        "Bianca Marin",
        "Cristi Dobre",
        "Dana Pavel",
        "Emil Stan",
    ]
    footer = _rejects(case, "footer_row")
    assert footer[["row", "value"]].values.tolist() == [
        [2, "Page 1 of 3"],
        [6, "Seite 2 von 3"],
        [8, "Стр. 3 из 3"],
        [10, "- 4 -"],
    ]
    assert _rejects(case, "repeated_header")["row"].tolist() == [4]
    assert _rejects(case, "ragged_row").empty  # the page lines are rejected whole


def test_page_subtotals_and_totals_are_footer_rows_anywhere(tmp_path):
    """A sparse row whose first text is a total word ("Totale ospiti pagina: 2" at the foot
    of a printed page, "Итого: 3", "Total" with the sums in later columns) is one
    footer_row reject wherever it stands, not a person, and gets no other reject; a name
    that starts like a total word ("Totaro", "Suma Ana") is still a person."""
    path = tmp_path / "registro.csv"
    path.write_text(
        "Cognome,Nome,Telefono,Camera,Importo\n"
        "Rossi,Anna,+390612345601,12,100\n"
        "Totaro,Luca,+390612345602,14,200\n"
        "Totale ospiti pagina: 2,,,,\n"
        "Pagina 1 di 2,,,,\n"
        "Suma,Ana,+390612345603,3,50\n"
        "Итого: 3,,,,\n"
        ",,Total,,350\n",
        encoding="utf-8",
    )
    case = _ingest(path, tmp_path)
    assert sorted(case.mentions.loc[case.mentions["type"] == "person", "family_name"]) == [
        "Rossi",
        "Suma",
        "Totaro",
    ]
    assert case.rejects[["row", "reason", "value"]].values.tolist() == [
        [3, "footer_row", "Totale ospiti pagina: 2"],
        [4, "footer_row", "Pagina 1 di 2"],
        [6, "footer_row", "Итого: 3"],
        [7, "footer_row", "Total 350"],
    ]


# -- 5. a description row under the header --------------------------------------------------


def test_a_description_row_under_the_header_is_rejected(tmp_path):
    """A row of each column's format under the header ("(text)", "(DD.MM.YYYY)",
    "(E.164)") is a description_row reject, not a victim "(text)" with a phone "(E.164)"."""
    path = tmp_path / "units.csv"
    path.write_text(
        "Name,Date of birth,Phone,Role\n"
        "(text),(DD.MM.YYYY),(E.164),(victim/suspect)\n"
        "Petr Kral,01.02.1980,+420601000001,suspect\n"
        "Eva Mala,13.04.1999,+420601000002,victim\n",
        encoding="utf-8",
    )
    case = _ingest(path, tmp_path)
    assert _persons(case) == ["Eva Mala", "Petr Kral"]
    assert linked(case, dst="phone") == [
        ("Eva Mala", "+420601000002"),
        ("Petr Kral", "+420601000001"),
    ]
    described = _rejects(case, "description_row")
    assert described[["row", "value"]].values.tolist() == [
        [1, "(text),(DD.MM.YYYY),(E.164),(victim/suspect)"]
    ]


def test_a_workbook_row_of_format_hints_is_rejected(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Name", "DOB", "Phone", "Notes"])
    ws.append(["[text]", "YYYY-MM-DD", "E.164", None])
    ws.append(["Petr Kral", "1980-02-01", "+420601000001", "(met twice)"])
    path = tmp_path / "units.xlsx"
    wb.save(path)
    case = _ingest(path, tmp_path)
    assert _persons(case) == ["Petr Kral"]
    assert _rejects(case, "description_row")["row"].tolist() == [1]


# -- 6. JSON Lines with a broken line -------------------------------------------------------


def test_json_lines_with_a_broken_line_and_a_blank_one(tmp_path):
    """`mapping suggest` skips a line that is not JSON and names it (no traceback);
    ingest rejects it as invalid_json; a record's row is its line number, blank lines
    counted."""
    path = tmp_path / "people.jsonl"
    path.write_text(
        '{"id": "r1", "person": {"name": "Sara Haddad", "phone": "+961 3 123 456"}}\n'
        '{"id": "r2", "person": {"name": "Omar Khalil", "phone": "+961 70 987 654"}}\n'
        '{"id": "r3", "person": {"name": "Broken", \n'
        "\n"
        '{"id": "r4", "person": {"name": "Lina Aoun", "phone": "+961 71 111 222"}}\n',
        encoding="utf-8",
    )
    draft, _ = _suggest(path, tmp_path)
    assert "# WARNING: line 3 is not JSON (Expecting property name enclosed in double" in draft
    case = _ingest(path, tmp_path)
    persons = case.mentions[case.mentions["type"] == "person"].sort_values("row")
    assert persons[["row", "name"]].values.tolist() == [
        [1, "Sara Haddad"],
        [2, "Omar Khalil"],
        [5, "Lina Aoun"],
    ]
    assert _rejects(case, "invalid_json")["row"].tolist() == [3]


def test_json_lines_with_a_repeated_key_keep_its_last_value_and_say_where(tmp_path):
    """A key written twice in one object (at the top or nested) keeps its last value, as
    every JSON reader does, and the summary names the first line and key once; lines
    whose text holds '":' or spaced colons are no false alarm."""
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        "format: jsonl\nentities:\n  person: {type: person, fields: {name: name}}\n",
        encoding="utf-8",
    )
    lines = {
        "top.jsonl": [
            '{"id" : "r1", "name" : "Sara Haddad"}',
            '{"id": "r2", "note": "she said \\": no\\"", "name": "Omar Khalil"}',
            '{"id": "r3", "name": "Wrong Name", "name": "Lina Aoun"}',
            '{"id": "r4", "name": "Rima Saad", "name": "Rima Saad"}',
        ],
        "nested.jsonl": [
            '{"id": "r1", "name": "Sara Haddad", "meta": {"src": "a"}}',
            '{"id": "r2", "name": "Omar Khalil", "meta": {"src": "a", "src": "b"}}',
        ],
    }
    said = {"top.jsonl": "line 3 has the key 'name'", "nested.jsonl": "line 2 has the key 'src'"}
    for name, text in lines.items():
        path = tmp_path / name
        path.write_text("\n".join(text) + "\n", encoding="utf-8")
        out = tmp_path / f"{path.stem}_case"
        result = CliRunner().invoke(
            cli, ["ingest", str(path), "--mapping", str(mapping), "-o", str(out)]
        )
        assert result.exit_code == 0, result.output
        flat = " ".join(result.output.split())
        assert f"{name}: {said[name]} twice in one object" in flat
        assert flat.count("twice in one object") == 1
        if name == "top.jsonl":
            persons = Case.read(out).mentions.query("type == 'person'").sort_values("row")
            assert persons["name"].tolist() == ["Sara Haddad", "Omar Khalil", "Lina Aoun",
                                                "Rima Saad"]  # fmt: skip

    path = tmp_path / "clean.jsonl"
    path.write_text("\n".join(lines["top.jsonl"][:2]) + "\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["ingest", str(path), "--mapping", str(mapping), "-o", str(tmp_path / "c")]
    )
    assert result.exit_code == 0, result.output
    assert "twice" not in result.output


def test_a_json_document_with_a_repeated_key_says_so_as_json_lines_do(tmp_path):
    """A whole JSON document (a nested export, read by the people preset) and an FtM
    file (a JSON list, and JSON Lines) whose objects repeat a key keep its last value and
    the summary says so once, as for JSON Lines; a document without one says nothing."""
    export = tmp_path / "export.json"
    export.write_text(
        '{"export": {"generated": "2024-05-01", "persons": [\n'
        '  {"name": "Ana Pop", "phone": "+40721000111"},\n'
        '  {"name": "Wrong Name", "phone": "+40721000222", "name": "Ion Rusu"},\n'
        '  {"name": "Eva Lupu", "phone": "+40721000333", "name": "Eva Lupu"}\n'
        "]}}\n",
        encoding="utf-8",
    )
    entity = (
        '{"id": "p-%d", "schema": "Person",'
        ' "properties": {"name": ["Petro Bondar"], "name": ["Ivan Petrov"]}}'
    )
    ftm_list = tmp_path / "entities.json"
    ftm_list.write_text("[" + ", ".join(entity % i for i in (1, 2)) + "]", encoding="utf-8")
    ftm_lines = tmp_path / "entities.ftm.json"
    ftm_lines.write_text(
        '{"id": "p-0", "schema": "Person", "properties": {"name": ["Ana Pop"]}}\n'
        + "\n".join(entity % i for i in (1, 2)) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    said = {  # the warning, and the persons' names: the last value of each repeated key
        export: ("export.json: the document has", {"Ana Pop", "Ion Rusu", "Eva Lupu"}),
        ftm_list: ("entities.json: the document has", {"Ivan Petrov"}),
        ftm_lines: ("entities.ftm.json: line 2 has", {"Ana Pop", "Ivan Petrov"}),
    }
    for path, (where, names) in said.items():
        out = tmp_path / f"{path.stem}_case"
        args = ["ingest", str(path), "-o", str(out)]
        result = CliRunner().invoke(cli, args + (["--preset", "people"] if path == export else []))
        assert result.exit_code == 0, result.output
        flat = " ".join(result.output.split())
        assert (
            f"{where} the key 'name' twice in one object (and other objects may too): only"
            " the last value is read"
        ) in flat
        assert flat.count("twice in one object") == 1
        assert set(Case.read(out).mentions.query("type == 'person'")["name"]) == names

    export.write_text('[{"name": "Ana Pop", "note": "she said \\": no\\""}]', encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["ingest", str(export), "--preset", "people", "-o", str(tmp_path / "c")]
    )
    assert result.exit_code == 0, result.output
    assert "twice" not in result.output


def test_a_broken_json_document_is_an_error_naming_its_line(tmp_path):
    path = tmp_path / "people.json"
    path.write_text('[\n  {"name": "Ana",\n   "phone": }\n]\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["mapping", "suggest", str(path)])
    assert result.exit_code == 1
    assert "people.json: not valid JSON: Expecting value (line 3, column 13)" in result.output
    assert "Traceback" not in result.output


# -- 7. repeated column names ---------------------------------------------------------------


def test_repeated_titles_belong_to_the_name_before_them(tmp_path):
    """ "Name, Phone, Phone, , Name, Notes": both phones follow the first name and are
    that person's (Olof Ny's one phone is in the second Phone column), not the second
    person's; "Name, Phone, Name, Phone" still gives each person the phone after it."""
    path = tmp_path / "dups.csv"
    path.write_text(
        "Name,Phone,Phone,,Name,Notes\n"
        "Karl Lind,+46701111111,+46702222222,ref-1,Lena Lind,siblings\n"
        "Mona Ek,+46703333333,,ref-2,Nils Ek,\n"
        "Olof Ny,,+46704444444,ref-3,,no second\n",
        encoding="utf-8",
    )
    case = _ingest(path, tmp_path)
    assert _persons(case) == ["Karl Lind", "Lena Lind", "Mona Ek", "Nils Ek", "Olof Ny"]
    assert linked(case, dst="phone") == [
        ("Karl Lind", "+46701111111"),
        ("Karl Lind", "+46702222222"),
        ("Mona Ek", "+46703333333"),
        ("Olof Ny", "+46704444444"),
    ]
    pairs = tmp_path / "pairs.csv"
    pairs.write_text(
        "Name,Phone,Name,Phone\nKarl Lind,+46701111111,Lena Lind,+46702222222\n",
        encoding="utf-8",
    )
    assert linked(_ingest(pairs, tmp_path), dst="phone") == [
        ("Karl Lind", "+46701111111"),
        ("Lena Lind", "+46702222222"),
    ]


def test_a_repeated_title_is_not_named_as_a_column_the_header_has(tmp_path):
    """ "Phone, Phone_2, Phone": the third column is Phone_3, not a second Phone_2."""
    path = tmp_path / "phones.csv"
    path.write_text(
        "Name,Phone,Phone_2,Phone\nKarl Lind,+46701111111,+46702222222,+46703333333\n",
        encoding="utf-8",
    )
    draft, _ = _suggest(path, tmp_path)
    assert "phone: Phone_3\n" in draft
    case = _ingest(path, tmp_path)
    assert linked(case, dst="phone") == [
        ("Karl Lind", "+46701111111"),
        ("Karl Lind", "+46702222222"),
        ("Karl Lind", "+46703333333"),
    ]
