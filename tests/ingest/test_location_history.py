"""Google Takeout location history (Records.json, Semantic Location History) is read by
content with no mapping: each point an event the device's owner attended, at its UTC
time and its coordinates (latitudeE7 / 10^7); the points place the owner in the nearest
city, so `routes` shows where the device went."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case

RECORDS = {
    "locations": [
        {"latitudeE7": 484647000, "longitudeE7": 350462000, "accuracy": 20,
         "timestamp": "2024-03-01T09:12:00.000Z", "source": "WIFI"},
        {"latitudeE7": 500755000, "longitudeE7": 144378000, "accuracy": 15,
         "timestamp": "2024-03-06T18:00:00.000Z", "source": "GPS"},
        {"latitudeE7": 419028000, "longitudeE7": 124964000, "timestampMs": "1710237600000"},
        # Buenos Aires, as Google writes a negative latitude unsigned (2^32 - 346037000)
        {"latitudeE7": 4294967296 - 346037000, "longitudeE7": -583816000,
         "timestampMs": "1710324000000"},
        {"latitudeE7": 1484647000, "longitudeE7": 350462000, "timestampMs": "1710400000000"},
    ]
}  # fmt: skip
SEMANTIC = {
    "timelineObjects": [
        {"activitySegment": {"distance": 1200}},
        {"placeVisit": {
            "location": {"latitudeE7": 522297000, "longitudeE7": 210122000,
                         "name": "Hotel Polonia", "address": "Al. Jerozolimskie 45\nWarszawa"},
            "duration": {"startTimestamp": "2024-03-07T20:00:00Z",
                         "endTimestamp": "2024-03-08T08:00:00Z"}}},
    ]
}  # fmt: skip


def _invoke(*args: object) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    return result.exit_code, result.output


def test_records_json_points_are_sightings_of_the_owner_in_range_and_in_utc(
    tmp_path: Path,
) -> None:
    """E7 scaled (an unsigned negative wrapped), ISO and epoch-ms times in UTC; a latitude
    of 148 degrees is a lat_invalid reject, never stored. Before: 'could not propose any
    entity ... latitudeE7: no field'."""
    records = tmp_path / "Records.json"
    records.write_text(json.dumps(RECORDS), encoding="utf-8")
    case = tmp_path / "case"
    code, out = _invoke("ingest", records, "-o", case)
    assert code == 0, out
    assert "read through the location preset" in out
    c = Case.read(case)
    m = c.mentions.set_index("mention_id")
    assert set(m.loc[m["type"] == "person", "label"]) == {"owner of Records.json"}
    points = []
    for lk in c.links.sort_values("time").itertuples():
        assert (lk.kind, m.at[lk.src, "label"]) == ("attended", "owner of Records.json")
        attrs = json.loads(m.at[lk.dst, "attrs"])
        points.append((str(lk.time), attrs["lat"], attrs["lon"]))
    assert points == [
        ("2024-03-01 09:12:00+00:00", "48.4647", "35.0462"),
        ("2024-03-06 18:00:00+00:00", "50.0755", "14.4378"),
        ("2024-03-12 10:00:00+00:00", "41.9028", "12.4964"),
        ("2024-03-13 10:00:00+00:00", "-34.6037", "-58.3816"),
        ("2024-03-14 07:06:40+00:00", None, "35.0462"),
    ]
    r = c.rejects
    assert r[["row", "column", "reason", "value"]].values.tolist() == [
        [5, "lat", "lat_invalid", "148.4647"]
    ]


def test_records_json_gives_the_owners_route_through_the_nearest_cities(tmp_path: Path) -> None:
    """Dnipro (UA) -> Prague (CZ) -> Rome (IT): `routes` shows UA;CZ as transit and IT
    as the destination, each point placed in the nearest city."""
    records = tmp_path / "Records.json"
    records.write_text(json.dumps({"locations": RECORDS["locations"][:3]}), encoding="utf-8")
    case = tmp_path / "case"
    assert _invoke("ingest", records, "-o", case, "-q")[0] == 0
    assert _invoke("resolve", case, "-q")[0] == 0
    code, out = _invoke("routes", case)
    assert code == 0, out
    assert "Places: 3 place strings, 3 geocoded" in out
    flow = next(line.split() for line in out.splitlines() if "owner of Records.json" in line)
    assert flow[:3] == ["?", "UA;CZ", "IT"]
    from linkgraph.metrics.routes import places

    table = places(Case.read(case))[0]
    assert sorted(table["name"]) == ["Dnipro", "Prague", "Rome"]


def test_semantic_location_history_visits_keep_the_place_and_address(tmp_path: Path) -> None:
    """A placeVisit is a point with the place's name and address; activity segments are
    noted as not read."""
    visits = tmp_path / "2024_MARCH.json"
    visits.write_text(json.dumps(SEMANTIC), encoding="utf-8")
    case = tmp_path / "case"
    code, out = _invoke("ingest", visits, "-o", case)
    assert code == 0, out
    assert "1 activity segments (travel between visits) not read" in out
    c = Case.read(case)
    event = c.mentions[c.mentions["type"] == "event"].iloc[0]
    assert json.loads(event["attrs"]) == {
        "lat": "52.2297",
        "lon": "21.0122",
        "place": "Hotel Polonia",
        "accuracy_m": None,
        "located_by": None,
        "until": "2024-03-08T08:00:00Z",
        "place_type": None,
        "place_id": None,
        "travel_mode": None,
    }
    assert event["address"] == "Al. Jerozolimskie 45, Warszawa"
    assert str(event["time"]) == "2024-03-07 20:00:00+00:00"


def test_suggest_drafts_the_location_preset_and_says_how_to_mark_a_victims_device(
    tmp_path: Path,
) -> None:
    records = tmp_path / "Records.json"
    records.write_text(json.dumps(RECORDS), encoding="utf-8")
    code, out = _invoke("mapping", "suggest", records)
    assert code == 0, out
    assert "include: location" in out
    assert "role: {value: victim}" in out
