"""An export made with --show-victims says so inside itself, where the format has a place
for it: the workbook, chart or graph file is easily sent on without the loss report beside
it, which alone said so (tester round 18, V6)."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from linkgraph.cli import cli

STATEMENT = "Victims are named in this export (--show-victims): do not share."
PEOPLE = "name,phone,role\nAnna Bondar,+380931230001,victim\nIon Pop,+40733444555,suspect\n"
#: format -> the output's name (a folder for csv, neo4j, i2)
OUTPUTS = {"csv": "csv", "xlsx": "case.xlsx", "gexf": "case.gexf", "graphml": "case.graphml",
           "sqlite": "case.sqlite", "neo4j": "neo4j", "i2": "i2"}  # fmt: skip


@pytest.fixture(scope="module")
def case(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("named")
    (tmp / "people.csv").write_text(PEOPLE, encoding="utf-8")
    done = CliRunner().invoke(
        cli, ["ingest", str(tmp / "people.csv"), "--preset", "people", "-o", str(tmp / "case")]
    )
    assert done.exit_code == 0, done.output
    return tmp / "case"


def _export(case: Path, fmt: str, name: str, *extra: str) -> Path:
    out = case.parent / name
    done = CliRunner().invoke(cli, ["export", str(case), "-f", fmt, "-o", str(out), *extra])
    assert done.exit_code == 0, done.output
    return out


def _statements(out: Path, fmt: str) -> list[str]:
    """Where the output states that it names victims."""
    found = []
    if fmt in ("csv", "neo4j", "i2"):
        readme = out / "README.txt"
        if readme.is_file():
            found.append(readme.read_text(encoding="utf-8").strip())
    if fmt == "i2":
        chart = (out / "chart.anx").read_text(encoding="utf-16")
        found += [STATEMENT] * chart.count(f'Field="{STATEMENT}"')
    if fmt == "xlsx":
        with zipfile.ZipFile(out) as z:
            found += [STATEMENT] * z.read("xl/workbook.xml").decode().count('name="README"')
            found += [STATEMENT] * z.read("docProps/core.xml").decode().count(STATEMENT)
    if fmt in ("gexf", "graphml"):
        found += [STATEMENT] * out.read_text(encoding="utf-8").count(STATEMENT)
    if fmt == "sqlite":
        with sqlite3.connect(out) as db:
            tables = {r[0] for r in db.execute("select name from sqlite_master")}
            if "readme" in tables:
                found += [r[0] for r in db.execute("select warning from readme")]
    return found


@pytest.mark.parametrize("fmt", list(OUTPUTS))
def test_an_export_naming_victims_says_so_inside(case: Path, fmt: str) -> None:
    out = _export(case, fmt, f"named_{OUTPUTS[fmt]}", "--show-victims")
    statements = _statements(out, fmt)
    assert statements
    assert set(statements) == {STATEMENT}


@pytest.mark.parametrize("fmt", list(OUTPUTS))
def test_a_default_export_does_not(case: Path, fmt: str) -> None:
    out = _export(case, fmt, OUTPUTS[fmt])
    assert _statements(out, fmt) == []
