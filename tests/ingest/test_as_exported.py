"""Exports read as they come, through `mapping suggest` then `ingest` (CLI, no edit): a
workbook of a sheet a year, Central European text in ISO 8859-2, a header repeated in
another column order, `#` comment lines between the rows, phones written as decimals.

The fixtures (tests/fixtures/ingest/as_exported) are tester 26's files; every expected
value below is read off the file by hand."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.ingest.readers import detect_encoding
from linkgraph.model import Case

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest" / "as_exported"


def _suggest(path: Path, tmp_path: Path) -> tuple[str, Path]:
    draft = CliRunner().invoke(cli, ["mapping", "suggest", str(path)])
    assert draft.exit_code == 0, draft.output
    mapping = tmp_path / f"{path.stem}.yaml"
    mapping.write_text(draft.output, encoding="utf-8")
    return draft.output, mapping


def _ingest(path: Path, mapping: Path, tmp_path: Path) -> tuple[str, Case]:
    out = tmp_path / f"{path.stem}_case"
    result = CliRunner().invoke(
        cli, ["ingest", str(path), "--mapping", str(mapping), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    return result.output, Case.read(out)


def _run(name: str, tmp_path: Path) -> tuple[str, str, Case]:
    path = FIXTURES / name
    draft, mapping = _suggest(path, tmp_path)
    summary, case = _ingest(path, mapping, tmp_path)
    return draft, summary, case


def _persons(case: Case) -> pd.DataFrame:
    m = case.mentions
    return m[m["type"] == "person"].sort_values(["source", "row"]).reset_index(drop=True)


def _phone_of(case: Case) -> dict[tuple[str, int], str | None]:
    m = case.mentions
    phones = m[m["type"] == "phone"]
    return {
        (s, int(r)): p
        for s, r, p in zip(phones["source"], phones["row"], phones["phone"], strict=True)
    }


def _accounted(case: Case, source: str, rows: range) -> None:
    """Every data row of ``source`` made a mention or a row-level reject."""
    m, rj = case.mentions, case.rejects
    seen = set(m.loc[m["source"] == source, "row"].astype(int))
    seen |= set(rj.loc[(rj["source"] == source) & (rj["level"] == "row"), "row"].astype(int))
    assert seen == set(rows)


# -- D3: a sheet a year -------------------------------------------------------------------


def test_sheets_of_the_same_columns_are_all_drafted_and_read(tmp_path):
    draft, summary, case = _run("yearly_sheets.xlsx", tmp_path)
    assert "sheet:\n- '2023'\n- '2024'\n" in draft
    assert "5 rows" in summary
    assert "sheets read: '2023', '2024'" in summary
    people = _persons(case)
    assert list(
        zip(people["source"], people["row"], people["name"], people["role"], strict=True)
    ) == [
        ("yearly_sheets.xlsx#2023", 1, "Olena Kravets", "victim"),
        ("yearly_sheets.xlsx#2023", 2, "Petro Bondar", "suspect"),
        ("yearly_sheets.xlsx#2024", 1, "Maria Rusu", "victim"),
        ("yearly_sheets.xlsx#2024", 2, "Ion Ceban", "suspect"),
        ("yearly_sheets.xlsx#2024", 3, "Andrei Pop", "suspect"),
    ]
    assert _phone_of(case)[("yearly_sheets.xlsx#2023", 1)] == "+380671234567"
    assert case.rejects.empty


def test_a_mapping_of_one_sheet_names_the_sheets_of_its_columns_left_unread(tmp_path):
    path = FIXTURES / "yearly_sheets.xlsx"
    mapping = tmp_path / "one_sheet.yaml"
    mapping.write_text(
        "format: xlsx\nsheet: '2024'\nentities:\n  person:\n    type: person\n"
        "    fields: {name: Name, role: Role, phone: Phone}\n",
        encoding="utf-8",
    )
    summary, case = _ingest(path, mapping, tmp_path)
    assert len(_persons(case)) == 3
    assert "'2023' (2 rows) of the same columns not read" in summary
    assert "`sheet: ['2023', '2024']`" in summary


def test_a_list_of_sheets_in_a_mapping_reads_each_as_a_source_of_its_own(tmp_path):
    mapping = tmp_path / "listed.yaml"
    mapping.write_text(
        "format: xlsx\nsheet: [2024, 2023]\nentities:\n  person:\n    type: person\n"
        "    fields: {name: Name, role: Role}\n",
        encoding="utf-8",
    )
    summary, case = _ingest(FIXTURES / "yearly_sheets.xlsx", mapping, tmp_path)
    people = _persons(case)
    assert list(zip(people["source"], people["name"], strict=True)) == [
        ("yearly_sheets.xlsx#2023", "Olena Kravets"),
        ("yearly_sheets.xlsx#2023", "Petro Bondar"),
        ("yearly_sheets.xlsx#2024", "Maria Rusu"),
        ("yearly_sheets.xlsx#2024", "Ion Ceban"),
        ("yearly_sheets.xlsx#2024", "Andrei Pop"),
    ]
    assert "not read" not in summary


def test_a_sheet_a_mapping_lists_that_the_workbook_lacks_is_an_error(tmp_path):
    mapping = tmp_path / "missing.yaml"
    mapping.write_text(
        "format: xlsx\nsheet: [2023, 2025]\nentities:\n  person:\n    type: person\n"
        "    fields: {name: Name}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        cli,
        [
            "ingest",
            str(FIXTURES / "yearly_sheets.xlsx"),
            "--mapping",
            str(mapping),
            "-o",
            str(tmp_path / "c"),
        ],
    )
    assert result.exit_code != 0
    assert "no sheet '2025'" in result.output
    assert "2023, 2024" in result.output


# -- D4: Central European code pages -------------------------------------------------------

_POLISH = [
    ("Agnieszka Wąsowska-Ślązak", "F", "victim"),
    ("Łukasz Źródłowski", "M", "suspect"),
    ("Ścibor Żółtański", "M", "witness"),
]


@pytest.mark.parametrize("page", ["iso8859_2", "cp1250"])
def test_polish_in_iso_8859_2_or_cp1250_is_read_as_written(tmp_path, page):
    path = tmp_path / f"wykaz_{page}.csv"
    text = (FIXTURES / "wykaz_iso88592.csv").read_bytes().decode("iso8859_2")
    path.write_bytes(text.encode(page))
    draft, mapping = _suggest(path, tmp_path)
    assert "sex: Płeć" in draft
    assert f"text read as {page}" in draft
    summary, case = _ingest(path, mapping, tmp_path)
    assert f"text read as {page} (detected" in summary
    assert "not understood" not in summary
    people = _persons(case)
    assert list(zip(people["name"], people["sex"], people["role"], strict=True)) == _POLISH


@pytest.mark.parametrize(
    ("text", "page"),
    [
        ("Jméno;Příjmení\nJiří;Dvořák\nŠárka;Nováková\nPřemysl;Žluťoučký\n", "iso8859_2"),
        ("Jméno;Příjmení\nJiří;Dvořák\nŠárka;Nováková\nPřemysl;Žluťoučký\n", "cp1250"),
        ("Név;Város\nKovács Zsófia;Győr\nSzűcs Ödön;Székesfehérvár\n", "cp1250"),
        ("Name;Ort\nJürgen Müller;München\nKäthe Größer;Köln\n", "cp1252"),
    ],
)
def test_central_european_text_is_told_from_western(tmp_path, text, page):
    path = tmp_path / "sample.csv"
    path.write_bytes(text.encode(page))
    # Hungarian ő and ű stand at the same bytes in ISO 8859-2 and cp1250.
    assert path.read_bytes().decode(detect_encoding(path)) == text


# -- D9: the header again, in another order ----------------------------------------------


def test_a_header_repeated_in_another_order_starts_a_block_read_under_it(tmp_path):
    draft, summary, case = _run("concat_reordered.csv", tmp_path)
    assert "header is repeated with its columns in another order (row 3)" in draft
    people = _persons(case)
    assert list(zip(people["row"], people["name"], people["dob"], strict=True)) == [
        (1, "Olena Kravets", "1990-03-05"),
        (2, "Petro Bondar", "1980-11-12"),
        (4, "Maria Rusu", "2001-12-01"),
        (5, "Ion Ceban", "1979-01-02"),
    ]
    phones = _phone_of(case)
    assert phones[("concat_reordered.csv", 4)] == "+37369123456"
    assert phones[("concat_reordered.csv", 5)] == "+37378123456"
    rejects = case.rejects
    assert list(zip(rejects["row"], rejects["reason"], strict=True)) == [(3, "repeated_header")]
    assert "another order" in rejects["value"].iloc[0]
    assert "header is repeated with its columns in another order (row 3)" in summary
    _accounted(case, "concat_reordered.csv", range(1, 6))


# -- D10: comment lines ------------------------------------------------------------------


def test_a_comment_line_between_the_rows_is_no_person(tmp_path):
    _, _, case = _run("kontingent_cp1251.csv", tmp_path)
    people = _persons(case)
    assert list(zip(people["row"], people["name"], strict=True)) == [
        (1, "Олена Шевченко"),
        (2, "Петро Бондаренко"),
        (4, "Ирина Коваль"),
    ]
    rejects = case.rejects
    assert list(zip(rejects["row"], rejects["reason"], rejects["value"], strict=True)) == [
        (3, "comment_line", "# проверено")
    ]
    _accounted(case, "kontingent_cp1251.csv", range(1, 5))


def test_a_comment_line_of_the_table_s_width_stays_a_row(tmp_path):
    path = tmp_path / "hash.csv"
    path.write_text("name,phone\nAna Pop,+40721234567\n#5 Ion,+40721234568\n", encoding="utf-8")
    mapping = tmp_path / "hash.yaml"
    mapping.write_text(
        "format: csv\nentities:\n  person:\n    type: person\n    fields: {name: name}\n",
        encoding="utf-8",
    )
    _, case = _ingest(path, mapping, tmp_path)
    assert list(_persons(case)["name"]) == ["Ana Pop", "#5 Ion"]


# -- D11: phones written as decimals -------------------------------------------------------


def test_a_phone_written_as_a_decimal_is_read_and_a_rounded_one_is_not(tmp_path):
    _, summary, case = _run("merged_exports.csv", tmp_path)
    phones = _phone_of(case)
    assert phones[("merged_exports.csv", 8)] == "+37369123457"  # 37369123457.0
    invalid = case.rejects[case.rejects["reason"] == "phone_invalid"]
    assert list(zip(invalid["row"], invalid["value"], strict=True)) == [(3, "4.07212E+10")]
    assert "scientific notation" in summary
