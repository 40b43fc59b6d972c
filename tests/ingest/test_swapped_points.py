"""A point whose latitude and longitude are swapped (``28.8638, 47.0105`` for a call in
Chisinau, 47.0105 N 28.8638 E) lies in another country (Saudi Arabia): where the row's
country is known (its phones', a place's), or the mapping's region, or the country most
of the file's points lie in, such a point is kept as written, marked ``latlon_swapped``,
and the ingest summary warns of it naming row and columns. A point at 0, 0 ("null
island", a placeholder for no position) is a ``null_island`` reject, its coordinates
dropped (tester rounds 10 and 11, G8, G6)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case

CALLS = """\
cell,lat,lon,caller,callee,time
C1,47.0105,28.8638,+373 79 555 111,+373 69 123 456,2024-03-01 10:00
C2,28.8638,47.0105,+373 79 555 111,+373 69 123 456,2024-03-01 11:00
C3,44.4268,26.1025,+373 79 555 111,+373 69 123 456,2024-03-01 12:00
C4,0,0,+373 79 555 111,+373 69 123 456,2024-03-01 13:00
C5,47.2,29.0,+373 79 555 111,+373 69 123 456,2024-03-01 14:00
"""
CALLS_MAPPING = """\
timezone: UTC
entities:
  a: {type: phone, fields: {phone: caller}}
  b: {type: phone, fields: {phone: callee}}
links:
  - {kind: called, src: a, dst: b, time: time, attrs: {cell: cell, lat: Lat, lon: Lon}}
"""


def _ingest(tmp_path: Path, *args: str) -> tuple[str, Case]:
    case = tmp_path / "case"
    result = CliRunner().invoke(cli, ["ingest", *args, "-o", str(case)])
    assert result.exit_code == 0, result.output
    return result.output, Case.read(case)


def test_a_swapped_cell_of_moldovan_phones_is_marked_and_warned(tmp_path: Path) -> None:
    """Before: row 2 was kept as a call placed in Saudi Arabia, with no word; row 4's
    (0, 0) was a point in the Gulf of Guinea. Row 3 (Bucharest) is abroad, not swapped."""
    (tmp_path / "cells.csv").write_text(CALLS.replace("lat,lon", "Lat,Lon"), encoding="utf-8")
    (tmp_path / "m.yaml").write_text(CALLS_MAPPING, encoding="utf-8")
    out, case = _ingest(
        tmp_path, str(tmp_path / "cells.csv"), "--mapping", str(tmp_path / "m.yaml")
    )
    assert "5 rows, 10 mentions, 5 links, 1 reject (null_island: 1)" in out
    assert (
        "1 point looks like latitude and longitude swapped: row 2, columns Lat, Lon:"
        " 28.8638, 47.0105 lies in Saudi Arabia (SA), swapped in Moldova (MD), the country"
        " of its row's phones or places; kept as written, marked latlon_swapped"
    ) in " ".join(out.split())
    attrs = {
        int(r): json.loads(a) for r, a in zip(case.links["row"], case.links["attrs"], strict=True)
    }
    assert attrs[2] == {"cell": "C2", "lat": "28.8638", "lon": "47.0105", "latlon_swapped": "yes"}
    assert [r for r, a in attrs.items() if "latlon_swapped" in a] == [2]
    assert attrs[4] == {"cell": "C4", "lat": None, "lon": None}
    assert attrs[3]["lat"] == "44.4268"
    assert case.rejects[["row", "column", "reason", "value", "level"]].values.tolist() == [
        [4, "Lat, Lon", "null_island", "0.0, 0.0", "value"]
    ]


PLACES = """\
name,latitude,longitude
Hotel Dacia,47.0245,28.8322
Bar Nord,28.8322,47.0245
Villa,48.1,27.9
"""
PLACES_MAPPING = """\
region: MD
entities:
  place: {type: location, fields: {name: name, lat: latitude, lon: longitude}}
"""


def test_a_swapped_place_is_flagged_by_the_mappings_region(tmp_path: Path) -> None:
    (tmp_path / "places.csv").write_text(PLACES, encoding="utf-8")
    (tmp_path / "m.yaml").write_text(PLACES_MAPPING, encoding="utf-8")
    out, case = _ingest(
        tmp_path, str(tmp_path / "places.csv"), "--mapping", str(tmp_path / "m.yaml")
    )
    assert (
        "1 point looks like latitude and longitude swapped: row 2, columns latitude,"
        " longitude: 28.8322, 47.0245 lies in Saudi Arabia (SA), swapped in Moldova (MD),"
        " the mapping's region"
    ) in " ".join(out.split())
    flags = case.mentions.set_index("row")["flags"].dropna().to_dict()
    assert flags == {2: "latlon_swapped"}
    assert case.rejects.empty


def test_a_takeout_history_marks_its_swapped_point_and_rejects_null_island(
    tmp_path: Path,
) -> None:
    """No phone, no region: the file's own points (in Moldova) tell the country."""
    points = [
        {"latitudeE7": 470105000 + i * 1000, "longitudeE7": 288638000,
         "timestamp": f"2024-03-01T1{i}:00:00Z"}
        for i in range(5)
    ]  # fmt: skip
    points[3] = {**points[3], "latitudeE7": 288638000, "longitudeE7": 470108000}
    points.append({"latitudeE7": 0, "longitudeE7": 0, "timestamp": "2024-03-01T16:00:00Z"})
    records = tmp_path / "Records.json"
    records.write_text(json.dumps({"locations": points}), encoding="utf-8")
    out, case = _ingest(tmp_path, str(records))
    assert "6 rows, 7 mentions, 6 links, 1 reject (null_island: 1)" in out
    assert (
        "1 point looks like latitude and longitude swapped: row 4, columns lat, lon:"
        " 28.8638, 47.0108 lies in Saudi Arabia (SA), swapped in Moldova (MD), where most"
        " of the file's points are"
    ) in " ".join(out.split())
    events = case.mentions[case.mentions["type"] == "event"].set_index("row")
    assert events["flags"].dropna().to_dict() == {4: "latlon_swapped", 6: "null_island"}
    assert json.loads(events.loc[6, "attrs"])["lat"] is None
    assert case.rejects[["row", "column", "reason", "value"]].values.tolist() == [
        [6, "lat, lon", "null_island", "0.0, 0.0"]
    ]


def test_mapping_preview_warns_of_a_swapped_point_in_its_rows(tmp_path: Path) -> None:
    """`mapping preview --rows 3` of the five calls warns of row 2 as ingest does (it
    stopped reading before the warning was made); row 4's swapped point is not
    previewed, so not warned of."""
    calls = CALLS.replace("lat,lon", "Lat,Lon").replace(
        "C4,0,0", "C4,28.8638,47.0105"
    )  # row 4 swapped too
    (tmp_path / "cells.csv").write_text(calls, encoding="utf-8")
    (tmp_path / "m.yaml").write_text(CALLS_MAPPING, encoding="utf-8")
    args = [
        "mapping",
        "preview",
        str(tmp_path / "cells.csv"),
        "--mapping",
        str(tmp_path / "m.yaml"),
    ]
    result = CliRunner().invoke(cli, [*args, "--rows", "3"])
    assert result.exit_code == 0, result.output
    assert (
        "warning: 1 point looks like latitude and longitude swapped: row 2, columns Lat, Lon:"
        " 28.8638, 47.0105 lies in Saudi Arabia (SA), swapped in Moldova (MD), the country"
        " of its row's phones or places; kept as written, marked latlon_swapped"
    ) in " ".join(result.output.split())
    whole = CliRunner().invoke(cli, [*args, "--rows", "5", "--json"])
    assert whole.exit_code == 0, whole.output
    assert [w.split(";")[0] for w in json.loads(whole.stdout)["warnings"]] == [
        "2 points look like latitude and longitude swapped (rows 2, 4)"
    ]
