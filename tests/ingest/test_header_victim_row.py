"""A mapping's `header_row:` on a data row (a victim's): `ingest`, `mapping check` and
`mapping preview` say that the row reads as data and where the header is, and print
none of its cells (tester 26, D2)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from suggest_draft import run_cli

_FILES = Path(__file__).parent.parent / "fixtures" / "ingest" / "victims_nested"
# row 11 of the sheet "Data": the victim Olena Kravets (the header is on row 7)
_VICTIM_CELLS = ("Olena Kravets", "JIT-2024/032", "380671234567", "13/02/1999", "45400")


def _commands(data: Path, mapping: Path) -> dict[str, list[str]]:
    return {
        "ingest": ["ingest", str(data), "--mapping", str(mapping), "-o", str(data.parent / "c")],
        "check": ["mapping", "check", str(mapping), str(data)],
        "preview": ["mapping", "preview", str(data), "--mapping", str(mapping)],
    }


@pytest.mark.parametrize("command", ["ingest", "check", "preview"])
def test_a_header_row_on_a_victims_row_names_rows_not_cells(tmp_path: Path, command: str) -> None:
    data = Path(shutil.copy(_FILES / "jit_data3rd.xlsx", tmp_path))
    mapping = Path(shutil.copy(_FILES / "header_victimrow.yaml", tmp_path))  # header_row: 11
    code, out = run_cli(*_commands(data, mapping)[command])
    flat = " ".join(out.split())
    assert code == 1, out
    assert "row 11 (`header_row:` of the mapping) looks like a data row" in flat
    assert "the header is on row 7" in flat
    assert "set `header_row: 7`" in flat
    for cell in _VICTIM_CELLS:
        assert cell not in out


def test_a_csv_header_row_one_too_low(tmp_path: Path) -> None:
    data = tmp_path / "list.csv"
    data.write_text(
        "Persons\n\nname,phone,role\nOlena Kravets,+380671234567,victim\n"
        "Petro Bondar,+380501112233,suspect\n",
        encoding="utf-8",
    )
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        "format: csv\nheader_row: 4\nentities:\n  person:\n    type: person\n"
        "    fields: {name: name, role: role}\n",
        encoding="utf-8",
    )
    code, out = run_cli(*_commands(data, mapping)["check"])
    assert code == 1, out
    assert "row 4" in out
    assert "set `header_row: 3`" in " ".join(out.split())
    assert "Olena" not in out
    assert "380671234567" not in out


def test_a_misspelt_column_under_the_true_header_still_lists_the_titles(tmp_path: Path) -> None:
    data = Path(shutil.copy(_FILES / "jit_data3rd.xlsx", tmp_path))
    text = (_FILES / "header_victimrow.yaml").read_text(encoding="utf-8")
    mapping = tmp_path / "typo.yaml"
    mapping.write_text(
        text.replace("header_row: 11", "header_row: 7").replace(
            "name: Full name", "name: Fullname"
        ),
        encoding="utf-8",
    )
    code, out = run_cli(*_commands(data, mapping)["check"])
    assert code == 1, out
    assert "the file has columns Case No, Full name, Role" in " ".join(out.split())
