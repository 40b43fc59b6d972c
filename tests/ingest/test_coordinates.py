"""Latitudes and longitudes (a place's fields, a call's cell on its link) are read as
numbers in range: decimal comma accepted, a value outside [-90, 90] / [-180, 180] or no
number a reject ``lat_invalid`` / ``lon_invalid`` naming its column, never stored."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case

CDR = """caller,callee,start_time,cell,Cell Lat,Cell Lon
+380501112233,+48601222333,2024-03-01 10:00,c1,"48,4647",35.0462
+380501112233,+48601222333,2024-03-02 10:00,c2,484647000,350462000
+380501112233,+48601222333,2024-03-03 10:00,c3,-91,180
+380501112233,+48601222333,2024-03-04 10:00,c4,N/A,
"""
CDR_MAP = """timezone: UTC
entities:
  caller: {type: phone, fields: {phone: caller}}
  callee: {type: phone, fields: {phone: callee}}
links:
  - kind: called
    src: caller
    dst: callee
    time: start_time
    attrs: {cell: cell, lat: Cell Lat, lon: Cell Lon}
"""
SITES = "name;latitude;longitude\nDnipro site;48,4647;35,0462\nBad site;484647000;14.4\n"
SITES_MAP = """delimiter: ";"
entities:
  site: {type: location, fields: {name: name, lat: latitude, lon: longitude}}
"""


def _ingest(tmp_path: Path, name: str, text: str, mapping: str) -> Case:
    data, spec = tmp_path / name, tmp_path / f"{name}.yaml"
    data.write_text(text, encoding="utf-8")
    spec.write_text(mapping, encoding="utf-8")
    case = tmp_path / "case"
    result = CliRunner().invoke(cli, ["ingest", str(data), "--mapping", str(spec), "-o", str(case)])
    assert result.exit_code == 0, result.output
    return Case.read(case)


def _rejects(case: Case) -> list[tuple[int, str, str, str]]:
    r = case.rejects
    return sorted(zip(r["row"].astype(int), r["column"], r["reason"], r["value"], strict=True))


def test_a_cells_coordinates_on_a_call_are_numbers_in_range(tmp_path: Path) -> None:
    """Row 1's '48,4647' is 48.4647; row 2's E7 integers and row 3's -91 are rejected with
    their column and never stored; longitude 180 is in range; 'N/A' is no number."""
    case = _ingest(tmp_path, "cdr.csv", CDR, CDR_MAP)
    attrs = [json.loads(a) for a in case.links.sort_values("time")["attrs"]]
    assert [(a["cell"], a["lat"], a["lon"]) for a in attrs] == [
        ("c1", "48.4647", "35.0462"),
        ("c2", None, None),
        ("c3", None, "180.0"),
        ("c4", None, None),
    ]
    assert _rejects(case) == [
        (2, "Cell Lat", "lat_invalid", "484647000"),
        (2, "Cell Lon", "lon_invalid", "350462000"),
        (3, "Cell Lat", "lat_invalid", "-91"),
        (4, "Cell Lat", "lat_invalid", "N/A"),
    ]


def test_a_places_latitude_out_of_range_is_rejected_not_kept(tmp_path: Path) -> None:
    """A location's lat/lon fields: decimal commas read, 484647000 rejected and flagged."""
    case = _ingest(tmp_path, "sites.csv", SITES, SITES_MAP)
    m = case.mentions.set_index("label")
    assert json.loads(m.at["Dnipro site", "attrs"]) == {"lat": "48.4647", "lon": "35.0462"}
    assert json.loads(m.at["Bad site", "attrs"]) == {"lat": None, "lon": "14.4"}
    assert m.at["Bad site", "flags"] == "lat_invalid"
    assert _rejects(case) == [(2, "latitude", "lat_invalid", "484647000")]


DMS_SITES = """name;latitude;longitude
Barcelona;41°24'12.2"N;2°10'26.5"E
Spaced;41 24 12.2 N;2 10 26.5 W
Decimal minutes;N41°24.2033';E002°10.4417'
Primes;41°24′12.2″S;2°10′26.5″E
Sixty minutes;41°60'00"N;2°10'26.5"E
Sixty seconds;41°24'60"N;2°10'26.5"E
Too far north;91°00'00"N;2°10'26.5"E
Fraction then minutes;41.5°24'N;2°10'26.5"E
East latitude;41°24'12.2"E;2°10'26.5"E
"""


def test_degrees_minutes_seconds_are_read_and_impossible_ones_rejected(tmp_path: Path) -> None:
    """41°24'12.2" = 41 + 24/60 + 12.2/3600 = 41.4033889 (7 decimals); 2°10'26.5" =
    2.1740278; 24.2033' = 0.4033883°, 10.4417' = 0.1740283°; S and W make them negative.
    Minutes or seconds of 60, 91° of latitude, a fraction of degrees followed by minutes
    and a longitude's letter on a latitude are rejected, naming the column (rows counted
    from the first under the header)."""
    case = _ingest(tmp_path, "sites.csv", DMS_SITES, SITES_MAP)
    points = {
        label: json.loads(attrs)
        for label, attrs in zip(case.mentions["label"], case.mentions["attrs"], strict=True)
    }
    assert points["Barcelona"] == {"lat": "41.4033889", "lon": "2.1740278"}
    assert points["Spaced"] == {"lat": "41.4033889", "lon": "-2.1740278"}
    assert points["Decimal minutes"] == {"lat": "41.4033883", "lon": "2.1740283"}
    assert points["Primes"] == {"lat": "-41.4033889", "lon": "2.1740278"}
    for label in ("Sixty minutes", "Sixty seconds", "Too far north", "Fraction then minutes",
                  "East latitude"):  # fmt: skip
        assert points[label] == {"lat": None, "lon": "2.1740278"}, label
    assert _rejects(case) == [
        (5, "latitude", "lat_invalid", "41°60'00\"N"),
        (6, "latitude", "lat_invalid", "41°24'60\"N"),
        (7, "latitude", "lat_invalid", "91°00'00\"N"),
        (8, "latitude", "lat_invalid", "41.5°24'N"),
        (9, "latitude", "lat_invalid", "41°24'12.2\"E"),
    ]
