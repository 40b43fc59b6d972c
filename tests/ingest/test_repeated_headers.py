"""A header that repeats a title (``name,name,phone,phone``) with a preset: the summary
speaks of the columns as the user wrote them, says how each repeat was read, and that
the second 'name' is not read (its people not ingested) with the fix."""

from __future__ import annotations

import openpyxl
import pytest
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case

ROWS = [
    ["name", "name", "phone", "phone"],
    ["Ana Pop", "Ion Rusu", "+40721000111", "+40721000112"],
    ["Maria Ene", "", "+40721000113", ""],
]


def _write(tmp_path, kind):
    if kind == "csv":
        path = tmp_path / "dup.csv"
        path.write_text("\n".join(",".join(r) for r in ROWS) + "\n", encoding="utf-8")
        return path
    path = tmp_path / "dup.xlsx"
    wb = openpyxl.Workbook()
    for row in ROWS:
        wb.active.append([c or None for c in row])
    wb.save(path)
    return path


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_repeated_title_is_named_as_written(tmp_path, kind):
    path = _write(tmp_path, kind)
    out = tmp_path / "case"
    result = CliRunner().invoke(cli, ["ingest", str(path), "--preset", "people", "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert f"the header of {path.name} repeats 'name', 'phone'" in text
    assert "column 4 ('phone' again) is read as a phone (the people preset's phone_2)" in text
    assert "column 2 ('name' again) is not read by the people preset" in text
    assert f"`linkgraph mapping suggest {path.name}`" in text
    assert "name_2" not in text  # a column name the user never wrote
    mentions = Case.load(out).mentions
    # what the preset reads: the first name column's people, both phones
    assert sorted(mentions[mentions["type"] == "person"]["name"]) == ["Ana Pop", "Maria Ene"]
    assert sorted(mentions[mentions["type"] == "phone"]["label"]) == [
        "+40721000111",
        "+40721000112",
        "+40721000113",
    ]
