"""csv, xlsx and sqlite exports hold every analysis table the case holds (key players,
places, movements, flows, hotspots, stability), a victim's places withheld and no cell a
spreadsheet runs as a formula (tester round 21 D4)."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.pipeline import sample_data_dir

from .helpers import runs_as_formula

TABLES = ("key_players", "places", "movements", "flows", "hotspots", "stability")
HERS = ("Home", "Hotel Unirea")  # the victim's visits
HOSTILE_PLACE = "@SUM(A1)"  # a suspect's visit


def _visit(name: str, lat: float, lon: float, start: str, end: str) -> dict[str, object]:
    return {"placeVisit": {
        "location": {"latitudeE7": int(lat * 1e7), "longitudeE7": int(lon * 1e7), "name": name},
        "duration": {"startTimestamp": start, "endTimestamp": end},
    }}  # fmt: skip


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def analysed_case(tmp_path_factory) -> Path:
    """A victim's location history, a suspect's and arrests.csv: resolved, analysed,
    routes and stability run."""
    root = tmp_path_factory.mktemp("analysed")
    victim, suspect = root / "Semantic_2024_MARCH.json", root / "Semantic_2024_APRIL.json"
    victim.write_text(json.dumps({"timelineObjects": [
        _visit(HERS[0], 47.0105, 28.8638, "2024-03-01T08:00:00Z", "2024-03-01T20:00:00Z"),
        _visit(HERS[1], 47.1585, 27.6014, "2024-03-02T10:00:00Z", "2024-03-03T08:00:00Z"),
    ]}), encoding="utf-8")  # fmt: skip
    suspect.write_text(json.dumps({"timelineObjects": [
        _visit(HOSTILE_PLACE, 48.5665, 13.4312, "2024-04-01T08:00:00Z", "2024-04-01T20:00:00Z"),
    ]}), encoding="utf-8")  # fmt: skip
    entities = (
        "entities: {{owner: {{type: person, fields: {{name: owner, role: {{value: {}}}}}}}}}\n"
    )
    (root / "victim.yaml").write_text("include: location\n" + entities.format("victim"))
    (root / "suspect.yaml").write_text("include: location\n" + entities.format("suspect"))
    case, sample = str(root / "case"), sample_data_dir()
    _run("ingest", str(victim), "--mapping", str(root / "victim.yaml"), "-o", case, "-q")
    _run("ingest", str(suspect), "--mapping", str(root / "suspect.yaml"), "-o", case, "-q")
    _run("ingest", str(sample / "arrests.csv"), "--mapping",
         str(sample / "mappings" / "arrests.yaml"), "-o", case, "-q")  # fmt: skip
    for step in (["resolve"], ["analyze"], ["routes"], ["stability", "--draws", "3"]):
        _run(step[0], case, *step[1:], "-q")
    return Path(case)


def _csv_rows(folder: Path, name: str) -> list[list[str]]:
    with (folder / f"{name}.csv").open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def test_csv_holds_every_analysis_table_victims_places_withheld(analysed_case, tmp_path):
    out = tmp_path / "out"
    _run("export", str(analysed_case), "-f", "csv", "-o", str(out), "-q")
    for name in TABLES:
        assert len(_csv_rows(out, name)) > 1, name  # a header and rows
        for row in _csv_rows(out, name):
            assert not any(runs_as_formula(cell) for cell in row), (name, row)
    values = [row[0] for row in _csv_rows(out, "places")]
    assert not set(HERS) & set(values)
    assert "'" + HOSTILE_PLACE in values  # kept, as text
    shown = tmp_path / "shown"
    _run("export", str(analysed_case), "-f", "csv", "-o", str(shown), "--show-victims", "-q")
    assert set(HERS) <= {row[0] for row in _csv_rows(shown, "places")}


def test_xlsx_holds_every_analysis_table_victims_places_withheld(analysed_case, tmp_path):
    out = tmp_path / "out.xlsx"
    _run("export", str(analysed_case), "-f", "xlsx", "-o", str(out), "-q")
    book = openpyxl.load_workbook(out)
    assert set(TABLES) <= set(book.sheetnames)
    for name in TABLES:
        assert book[name].max_row > 1, name
    cells = [c for row in book["places"].iter_rows() for c in row]
    assert not {c.value for c in cells} & set(HERS)
    assert all(c.data_type != "f" for c in cells)  # text cells, never formulas


def test_sqlite_holds_every_analysis_table_victims_places_withheld(analysed_case, tmp_path):
    out = tmp_path / "out.sqlite"
    _run("export", str(analysed_case), "-f", "sqlite", "-o", str(out), "-q")
    db = sqlite3.connect(out)
    try:
        for name in TABLES:
            assert db.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] > 0, name
        values = {v for (v,) in db.execute("SELECT value FROM places")}
    finally:
        db.close()
    assert not values & set(HERS)
