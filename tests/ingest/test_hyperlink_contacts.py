"""A contact written as a spreadsheet link (``=HYPERLINK("tel:...","click")``), in an XLSX
formula cell or as the text a CSV export of the sheet holds: read by its target (the
phone, e-mail or web address), its label a name only when it names someone."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case


def _ingest(path: Path, tmp_path: Path) -> Case:
    out = tmp_path / "case"
    result = CliRunner().invoke(cli, ["ingest", str(path), "--preset", "people", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return Case.load(out)


def _persons(case: Case) -> list[tuple[object, ...]]:
    person = case.mentions[case.mentions["type"] == "person"].sort_values("row")

    def text(value: object) -> object:
        return value if isinstance(value, str) else None

    return [
        (int(r.row), r.label, text(r.name), text(r.phone), text(r.email),
         json.loads(r.attrs).get("url") if isinstance(r.attrs, str) else None)
        for r in person.itertuples()
    ]  # fmt: skip


def _identifiers(case: Case, kind: str) -> list[tuple[int, str]]:
    found = case.mentions[case.mentions["type"] == kind].sort_values("row")
    return [(int(r.row), r.identifier) for r in found.itertuples()]


_ROWS = [
    ('=HYPERLINK("tel:+447912345678","click")', "", ""),
    ('=HYPERLINK("mailto:anna.b@example.org?subject=Hi","Anna Bell")', "+40722100003", ""),
    ('=HYPERLINK("https://social.example/ion.pop","here")', "", ""),
    ("Ion Pop", '=HYPERLINK("tel:+40722100004","Ion mobile")',
     '=HYPERLINK("mailto:ion@x.ro","email")'),
]  # fmt: skip

_EXPECTED_PERSONS = [
    (1, "unnamed person", None, "+447912345678", None, None),
    (2, "Anna Bell", "Anna Bell", None, "anna.b@example.org", None),
    (3, "unnamed person", None, None, None, "https://social.example/ion.pop"),
    (4, "Ion Pop", "Ion Pop", None, None, None),
]


def _check(case: Case) -> None:
    assert _persons(case) == _EXPECTED_PERSONS
    # a phone or e-mail column reads the number or address the link points to; a number
    # in the name column, the row's phone cell empty, is the row's phone (a phone book)
    assert _identifiers(case, "phone") == [
        (1, "+447912345678"),
        (2, "+40722100003"),
        (4, "+40722100004"),
    ]
    assert _identifiers(case, "email") == [(4, "ion@x.ro")]
    assert "click" not in set(case.mentions["label"].dropna())
    formula = case.rejects[case.rejects["reason"] == "formula"]
    assert sorted(zip(formula["row"], formula["column"], strict=True)) == [
        (1, "full_name"), (2, "full_name"), (3, "full_name"), (4, "email"), (4, "phone"),
    ]  # fmt: skip


def test_csv_hyperlink_text_reads_its_target(tmp_path):
    def quoted(cell: str) -> str:
        return '"' + cell.replace('"', '""') + '"' if cell else ""

    lines = ["full_name,phone,email"] + [",".join(map(quoted, row)) for row in _ROWS]
    path = tmp_path / "contacts.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _check(_ingest(path, tmp_path))


def test_xlsx_hyperlink_formula_reads_its_target(tmp_path):
    import xlsxwriter

    path = tmp_path / "contacts.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Contacts")
    ws.write_row(0, 0, ["full_name", "phone", "email"])
    for number, row in enumerate(_ROWS, start=1):
        for col, cell in enumerate(row):
            if cell.startswith("="):
                label = cell.rsplit('","', 1)[1].rstrip('")')
                ws.write_formula(number, col, cell, None, label)
            elif cell:
                ws.write_string(number, col, cell)
    wb.close()
    _check(_ingest(path, tmp_path))


def test_semicolon_separated_hyperlink_and_label_naming_the_number(tmp_path):
    """A European Excel's ``;`` between the arguments; a label that repeats the number
    is no name either."""
    path = tmp_path / "c.csv"
    path.write_text(
        'full_name\n"=HYPERLINK(""tel:+447912345679"";""+447912345679"")"\n', encoding="utf-8"
    )
    case = _ingest(path, tmp_path)
    assert _persons(case) == [(1, "unnamed person", None, "+447912345679", None, None)]
