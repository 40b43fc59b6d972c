"""A workbook written by a program that never computed its formulas (openpyxl, most
export scripts) has no value for them: the summary says so once, naming the sheet, the
count and the first cell, and a row that made nothing for want of them says why. The
sheet's name may hold characters XML escapes ("<", "&"): its formulas are still found."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case

SHEET = "Victims <a&b>"


def _workbook(path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append(["name", "phone", "role"])
    ws.append(['=HYPERLINK("http://x.example","Ivan Petrov")', "+380501112233", "suspect"])
    ws.append(['=CONCAT("Olga"," Ivanova")', "=1+380501112234", "victim"])
    ws.append(["Petro Bondar", "+380501112235", "suspect"])
    wb.save(path)


@pytest.fixture
def ingested(tmp_path: Path) -> tuple[str, Case]:
    path = tmp_path / "formulas.xlsx"
    _workbook(path)
    out = tmp_path / "case"
    got = CliRunner().invoke(cli, ["ingest", str(path), "--preset", "people", "-o", str(out)])
    assert got.exit_code == 0, got.output
    return got.output, Case.read(out)


def test_the_summary_names_sheet_count_and_first_cell(ingested: tuple[str, Case]) -> None:
    output, _ = ingested
    # row 3 (sheet row) holds the two formulas without a value: A3 and B3
    assert (
        "2 cells hold formulas with no computed value (first: 'Victims <a&b>'!A3), read as"
        " empty: open and save the workbook in Excel or LibreOffice, then ingest it again"
    ) in output


def test_a_hyperlink_name_is_read_on_a_sheet_named_with_markup(
    ingested: tuple[str, Case],
) -> None:
    _, case = ingested
    persons = case.mentions[case.mentions["type"] == "person"]
    assert sorted(persons["label"]) == ["Ivan Petrov", "Petro Bondar"]


def test_the_row_that_made_nothing_says_why(ingested: tuple[str, Case]) -> None:
    _, case = ingested
    rejects = case.rejects
    none = rejects[rejects["reason"].eq("no_entity").to_numpy(dtype=bool)]
    assert none["row"].tolist() == [2]
    value = str(none["value"].iloc[0])
    assert 'name: =CONCAT("Olga"," Ivanova") has no saved value' in value
    assert "phone: =1+380501112234 has no saved value" in value
    formula = rejects[rejects["reason"].eq("formula").to_numpy(dtype=bool)]
    assert pd.Series(formula["row"]).tolist().count(2) == 2
