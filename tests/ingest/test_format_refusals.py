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
