"""CSV and XLSX exports: read back with pandas / openpyxl; formula-safe; victims; deterministic."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

import linkgraph as lg
from linkgraph.cli import cli
from linkgraph.model import Case
from tests.export.conftest import HOSTILE, VICTIM_NAME
from tests.export.helpers import (
    all_bytes,
    assert_victim_hidden,
    assert_victim_shown,
    runs_as_formula,
)


def _check_measures(entities: pd.DataFrame, case: Case) -> None:
    """Every measure of the metrics table, per entity, equal to 1e-12."""
    met = case.metrics.set_index("entity_id")
    got = entities.set_index("entity_id").loc[met.index]
    for col in met.columns.drop(["label", "type"]):
        np.testing.assert_allclose(
            got[col].astype(float), met[col].astype(float), rtol=1e-12, atol=0, err_msg=col
        )


def test_csv_round_trip(case: Case, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    report = lg.export(case, "csv", out)
    entities = pd.read_csv(out / "entities.csv", keep_default_na=False, na_values=[""])
    _check_measures(entities, case)
    assert set(pd.read_csv(out / "links.csv")["kind"]) == set(case.links["kind"])
    mentions = pd.read_csv(out / "mentions.csv")
    assert len(mentions) == len(case.mentions)
    assert list(mentions["source"].unique()) == ["case.csv"]  # provenance on every mention
    assert report.counts["entities"] == 11
    assert report.lossless
    assert (out / "loss_report.json").is_file()


def test_csv_cells_cannot_run_formulas(case: Case, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    lg.export(case, "csv", out, show_victims=True)
    cells = []
    for file in out.glob("*.csv"):
        with file.open(encoding="utf-8-sig", newline="") as fh:
            cells += [c for row in csv.reader(fh) for c in row]
    assert not [c for c in cells if runs_as_formula(c)]
    assert "'" + HOSTILE[0] in cells
    assert "'" + HOSTILE[4] in cells
    assert "+34600111222" in cells  # a phone is a number, not a formula: no quote


def test_xlsx_round_trip_and_formula_safety(case: Case, tmp_path: Path) -> None:
    out = tmp_path / "case.xlsx"
    lg.export(case, "xlsx", out, show_victims=True)
    book = openpyxl.load_workbook(out)
    # named victims: a README sheet first says so (tester round 18, V6)
    assert book.sheetnames[:4] == ["README", "entities", "links", "communities"]
    strings = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula"
                if isinstance(cell.value, str):
                    strings.append(cell.value)
    # String cells are never formulas: the text is kept as it is, without a quote mark.
    assert HOSTILE[0] in strings
    assert "+34600111222" in strings
    assert not [s for s in strings if s.startswith("'")]
    entities = pd.read_excel(out, sheet_name="entities")
    _check_measures(entities, case)
    assert len(pd.read_excel(out, sheet_name="mentions")) == len(case.mentions)


@pytest.mark.parametrize(("fmt", "name"), [("csv", "csv"), ("xlsx", "case.xlsx")])
def test_victims_protected_and_deterministic(case: Case, tmp_path: Path, fmt: str, name: str):
    first, second = tmp_path / "a" / name, tmp_path / "b" / name
    lg.export(case, fmt, first)
    lg.export(case, fmt, second)
    assert all_bytes(first) == all_bytes(second)
    if fmt == "csv":  # xlsx keeps strings compressed: checked through openpyxl below
        assert_victim_hidden(first, VICTIM_NAME, "e:vic", case.pseudonym_key)
        shown = tmp_path / "shown"
        lg.export(case, fmt, shown, show_victims=True)
        assert_victim_shown(shown, VICTIM_NAME)
    else:
        book = openpyxl.load_workbook(first)
        text = " ".join(
            str(c.value) for s in book.worksheets for r in s.iter_rows() for c in r if c.value
        )
        assert "Ivanova" not in text
        assert "Maria" not in text
        assert "Victim-" in text


def test_cli_prints_and_writes_loss_report(case_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "case.xlsx"
    result = CliRunner().invoke(cli, ["export", str(case_dir), "-f", "xlsx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Loss report" in result.output
    assert "pseudonym" in result.output
    assert (tmp_path / "case.xlsx.loss.json").is_file()


def test_csv_files_for_spreadsheets_start_with_a_byte_order_mark(
    case: Case, tmp_path: Path
) -> None:
    """Excel reads a CSV without a UTF-8 byte order mark in the ANSI code page ("Pérez"
    garbled): the csv export's files and the i2 CSVs start with one, which Python's
    ``utf-8-sig`` and pandas skip; neo4j's files, for neo4j-admin, have none."""
    bom = b"\xef\xbb\xbf"
    lg.export(case, "csv", tmp_path / "csv")
    files = sorted((tmp_path / "csv").glob("*.csv"))
    assert files
    for file in files:
        assert file.read_bytes().startswith(bom), file.name
        assert not file.read_bytes()[3:].startswith(bom)
    with (tmp_path / "csv" / "entities.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert next(iter(rows[0])) == "entity_id"
    assert "Ana Pérez" in {r["label"] for r in rows}
    assert pd.read_csv(tmp_path / "csv" / "entities.csv").columns[0] == "entity_id"
    # the bytes after the mark are UTF-8, "é" as two bytes, as Excel reads them with it
    assert "Ana Pérez".encode() in (tmp_path / "csv" / "entities.csv").read_bytes()
    lg.export(case, "i2", tmp_path / "i2")
    for name in ("entities.csv", "links.csv"):
        assert (tmp_path / "i2" / name).read_bytes().startswith(bom), name
    lg.export(case, "neo4j", tmp_path / "neo4j")
    for file in (tmp_path / "neo4j").glob("*.csv"):
        assert not file.read_bytes().startswith(bom), file.name


def test_xlsx_bytes_do_not_depend_on_the_machines_time_zone(case_dir: Path, tmp_path: Path) -> None:
    """The workbook's created time is the case's last update in UTC, whatever TZ the
    exporting process runs in: two processes, in Tokyo and Los Angeles, write the same
    bytes, and docProps/core.xml holds that UTC time."""
    import json
    import os
    import subprocess
    import sys
    import zipfile

    root = Path(__file__).resolve().parents[2]
    outs = []
    for tz in ("Asia/Tokyo", "America/Los_Angeles"):
        out = tmp_path / f"{tz.replace('/', '_')}.xlsx"
        env = {**os.environ, "TZ": tz, "PYTHONPATH": str(root)}
        done = subprocess.run(
            [sys.executable, "-m", "linkgraph", "export", str(case_dir), "-f", "xlsx", "-o",
             str(out), "-q"],
            env=env, capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        outs.append(out)
    assert outs[0].read_bytes() == outs[1].read_bytes()
    updated = json.loads((case_dir / "manifest.json").read_text(encoding="utf-8"))["updated"]
    want = pd.Timestamp(updated).tz_convert("UTC").strftime("%Y-%m-%dT%H:%M:%SZ")
    core = zipfile.ZipFile(outs[0]).read("docProps/core.xml").decode()
    assert f'<dcterms:created xsi:type="dcterms:W3CDTF">{want}</dcterms:created>' in core
