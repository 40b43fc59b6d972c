"""A hidden column or row of an .xlsx is read like the others, and the ingest summary and
`mapping suggest` say so: the analyst did not see that data in the spreadsheet (before:
a hidden `Passaporto` column was read with no note)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case

openpyxl = pytest.importorskip("openpyxl")


def _workbook(path: Path, *, hide_rows: tuple[int, ...] = ()) -> Path:
    """Sheet "Soggetti": name, surname, passport (column C, hidden), phone; 4 people."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Soggetti"
    ws.append(["Nome", "Cognome", "Passaporto", "Telefono"])
    ws.append(["Ion", "Popa", "AB123456", "+40721000001"])
    ws.append(["Ana", "Rusu", "CD654321", "+40721000002"])
    ws.append(["Ina", "Lupu", "EF111222", "+40721000003"])
    ws.append(["Dan", "Mihai", "GH333444", "+40721000004"])
    ws.column_dimensions["C"].hidden = True
    for row in hide_rows:
        ws.row_dimensions[row].hidden = True
    wb.save(path)
    return path


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_ingest_reads_a_hidden_column_and_names_it(tmp_path):
    path = _workbook(tmp_path / "soggetti.xlsx")
    out = _run("ingest", str(path), "--preset", "people", "-o", str(tmp_path / "case"), "-q")
    assert "1 hidden column read: Passaporto" in out
    assert "hidden row" not in out
    mentions = Case.read(tmp_path / "case").mentions
    documents = mentions.loc[mentions["type"] == "document", "label"].tolist()
    assert sorted(documents) == ["AB123456", "CD654321", "EF111222", "GH333444"]


def test_ingest_names_the_hidden_rows_by_data_row(tmp_path):
    # sheet rows 3 and 5 are data rows 2 and 4 (the header is sheet row 1)
    path = _workbook(tmp_path / "soggetti.xlsx", hide_rows=(3, 5))
    out = _run("ingest", str(path), "--preset", "people", "-o", str(tmp_path / "case"), "-q")
    assert "2 hidden rows read (data rows 2, 4)" in out
    people = Case.read(tmp_path / "case").mentions
    assert (people["type"] == "person").sum() == 4


def test_mapping_suggest_names_the_hidden_column_and_its_sheet(tmp_path):
    path = _workbook(tmp_path / "soggetti.xlsx")
    draft = _run("mapping", "suggest", str(path))
    assert "# 1 hidden column read: Passaporto (sheet 'Soggetti')" in draft
