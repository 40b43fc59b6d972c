"""Files linkgraph does not read are refused with one clear message, the same from
`mapping suggest` as from `ingest`: a JSON document under an unknown extension is no
delimited table (its commas aside), and GeoJSON is said to be GeoJSON, under .geojson or
.json, rather than read as records that make its places persons."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from linkgraph.cli import cli

_PLACES = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [30.52, 50.45]},
            "properties": {"name": "Hotel Kyiv", "address": "Khreshchatyk 1"},
        },
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [28.86, 47.01]},
            "properties": {"name": "Apartment Chisinau", "address": "Str. Stefan cel Mare 5"},
        },
    ],
}


def _errors(path: Path, tmp_path: Path) -> tuple[str, str]:
    """The error lines of `mapping suggest FILE` and of `ingest FILE`, both failing."""
    runner = CliRunner()
    suggest = runner.invoke(cli, ["mapping", "suggest", str(path)])
    ingest = runner.invoke(cli, ["ingest", str(path), "-o", str(tmp_path / "case")])
    assert suggest.exit_code == 1, suggest.output
    assert ingest.exit_code == 1, ingest.output
    assert not (tmp_path / "case" / "mentions.parquet").exists()
    return suggest.output, ingest.output


def test_json_under_an_unknown_extension_is_refused_alike(tmp_path):
    path = tmp_path / "export.data"
    path.write_text('{"name": "Ana Popa", "phone": "+40721000001", "city": "Iasi"}\n')
    suggested, ingested = _errors(path, tmp_path)
    assert "cannot tell the format of 'export.data'" in suggested
    assert "no data rows" not in suggested
    assert suggested == ingested


@pytest.mark.parametrize("name", ["places.geojson", "places_geo.json"])
def test_geojson_is_named_and_refused_not_read_as_persons(tmp_path, name):
    path = tmp_path / name
    path.write_text(json.dumps(_PLACES), encoding="utf-8")
    suggested, ingested = _errors(path, tmp_path)
    assert f"'{name}' is GeoJSON" in suggested
    assert "type: location" in suggested  # how to read its places
    assert suggested == ingested


def test_a_json_list_of_records_with_a_type_field_is_still_read(tmp_path):
    """Records that happen to have "type": "Feature" and no geometry are no GeoJSON."""
    path = tmp_path / "people.json"
    records = [{"type": "Feature", "full_name": "Ana Popa", "phone": "+40721000001"}]
    path.write_text(json.dumps(records), encoding="utf-8")
    result = CliRunner().invoke(cli, ["mapping", "suggest", str(path)])
    assert result.exit_code == 0, result.output
    assert "GeoJSON" not in result.output


_PERSONS_XML = """<?xml version="1.0" encoding="UTF-8"?>
<export system="CaseMgr">
  <person id="P1"><name>Olena Kravets</name><phone>+380671234567</phone><role>victim</role></person>
  <person id="P2"><name>Petro Bondar</name><phone>+380501112233</phone><role>suspect</role></person>
</export>
"""


def test_other_xml_is_refused_with_a_conversion_that_works(tmp_path, monkeypatch):
    """t49: "convert it to CSV" said nothing of how; the hint's pandas one-liner, run as
    given in the file's folder, writes a CSV that the draft reads (numbers kept as text)."""
    path = tmp_path / "persons_export.xml"
    path.write_text(_PERSONS_XML, encoding="utf-8")
    suggested, ingested = _errors(path, tmp_path)
    assert suggested == ingested
    said = " ".join(suggested.split())
    assert "Excel: Data > Get Data > From File > From XML" in said
    code = said.split('python -c "', 1)[1].split('"', 1)[0]
    assert "pd.read_xml('persons_export.xml'" in code
    monkeypatch.chdir(tmp_path)
    exec(code, {})  # the hint's own command, as a user runs it
    import pandas as pd

    table = pd.read_csv(tmp_path / "persons_export.csv", dtype=str)
    assert list(table["name"]) == ["Olena Kravets", "Petro Bondar"]
    assert list(table["phone"]) == ["+380671234567", "+380501112233"]
    assert "`linkgraph mapping suggest persons_export.csv`" in said


def test_ods_hint_names_soffice_only_if_libreoffice_is_installed(tmp_path):
    import zipfile

    path = tmp_path / "victims.ods"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    suggested, _ = _errors(path, tmp_path)
    said = " ".join(suggested.split())
    assert "an OpenDocument spreadsheet (.ods)" in said
    assert "File > Save As > Excel" in said
    assert "if LibreOffice is installed, on the command line: soffice" in said
