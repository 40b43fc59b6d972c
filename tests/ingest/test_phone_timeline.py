"""A phone's own Timeline export (Google keeps Timeline on the device since 2024): Android's
Timeline.json (semanticSegments, rawSignals, userLocationProfile) and the iOS Google Maps
export (a list of segments, "geo:" coordinates) are read by content as location
histories: each path point, visit, activity start and end, and raw position an event the
device's owner attended, at its time in UTC and its coordinates; a visit keeps its
semantic type and place id. Records.json is read a list item at a time."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case

ANDROID = {
    "semanticSegments": [
        {"startTime": "2024-05-01T08:00:00.000+02:00", "endTime": "2024-05-01T10:00:00.000+02:00",
         "startTimeTimezoneUtcOffsetMinutes": 120,
         "timelinePath": [
             {"point": "48.1351253°, 11.5819806°", "time": "2024-05-01T08:10:00.000+02:00"},
             {"point": "somewhere", "time": "2024-05-01T08:20:00.000+02:00"},
             {"point": "48.1400000°, 11.5600000°"},
         ]},
        {"startTime": "2024-05-01T10:00:00.000+02:00", "endTime": "2024-05-01T18:30:00.000+02:00",
         "visit": {"hierarchyLevel": 0, "probability": 0.9,
                   "topCandidate": {"placeId": "ChIJ2V-Mo_l1nkcRfZixfUq4DAE",
                                    "semanticType": "INFERRED_HOME", "probability": 0.8,
                                    "placeLocation": {"latLng": "48.1372000°, 11.5755000°"}}}},
        {"startTime": "2024-05-01T18:30:00.000+02:00", "endTime": "2024-05-01T22:45:00.000+02:00",
         "activity": {"start": {"latLng": "48.1372000°, 11.5755000°"},
                      "end": {"latLng": "50.0755381°, 14.4378005°"}, "distanceMeters": 300000.0,
                      "topCandidate": {"type": "IN_BUS", "probability": 0.7}}},
        {"startTime": "2024-05-02T00:00:00.000+02:00", "endTime": "2024-05-03T00:00:00.000+02:00",
         "timelineMemory": {"trip": {"distanceFromOriginKms": 300}}},
    ],
    "rawSignals": [
        {"position": {"LatLng": "50.0870000°, 14.4210000°", "accuracyMeters": 13,
                      "altitudeMeters": 250.0, "source": "GPS",
                      "timestamp": "2024-05-02T07:05:00.000+02:00"}},
        {"wifiScan": {"deliveryTime": "2024-05-02T07:06:00.000+02:00", "devicesRecords": []}},
    ],
    "userLocationProfile": {"frequentPlaces": [{"placeId": "x", "placeLocation": "1°, 2°"}]},
}  # fmt: skip
IOS = [
    {"startTime": "2024-06-10T09:00:00.000-07:00", "endTime": "2024-06-10T11:00:00.000-07:00",
     "visit": {"hierarchyLevel": "0", "probability": "0.62",
               "topCandidate": {"probability": "0.47", "semanticType": "Work",
                                "placeID": "ChIJw0ZpFQAVkFQRiOO1Hk38FEI",
                                "placeLocation": "geo:47.620258,-122.356943"}}},
    {"startTime": "2024-06-10T11:00:00.000-07:00", "endTime": "2024-06-10T11:40:00.000-07:00",
     "activity": {"probability": "0.99", "start": "geo:47.620258,-122.356943",
                  "end": "geo:47.606200,-122.332100",
                  "topCandidate": {"type": "in passenger vehicle", "probability": "0.94"}}},
    {"startTime": "2024-06-10T23:00:00.000-07:00", "endTime": "2024-06-11T01:00:00.000-07:00",
     "timelinePath": [
         {"point": "geo:47.606200,-122.332100", "durationMinutesOffsetFromStartTime": "0"},
         {"point": "geo:47.610000,-122.340000", "durationMinutesOffsetFromStartTime": "97"},
         {"point": "geo:47.611000,-122.341000", "durationMinutesOffsetFromStartTime": "soon"},
     ]},
]  # fmt: skip


def _invoke(*args: object) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    return result.exit_code, result.output


def _ingest(tmp_path: Path, name: str, data: object) -> tuple[Case, str]:
    source = tmp_path / name
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, out = _invoke("ingest", source, "-o", tmp_path / "case")
    assert code == 0, out
    return Case.read(tmp_path / "case"), out


def _sightings(case: Case, owner: str) -> list[tuple[str, str, str, str, str, str, str]]:
    """(UTC time, event identifier, lat, lon, semantic type, place id, travel mode) of
    each point the owner attended, by time."""
    m = case.mentions.set_index("mention_id")
    found = []
    for lk in case.links.sort_values(["time", "dst"]).itertuples():
        assert (lk.kind, m.at[lk.src, "label"]) == ("attended", owner)
        attrs = json.loads(m.at[lk.dst, "attrs"])
        found.append(
            (str(lk.time), m.at[lk.dst, "identifier"], attrs["lat"], attrs["lon"],
             attrs["place_type"], attrs["place_id"], attrs["travel_mode"])
        )  # fmt: skip
    return found


def test_android_timeline_points_visits_activities_and_signals_are_sightings_in_utc(
    tmp_path: Path,
) -> None:
    """Times written +02:00 are 2 hours earlier in UTC; a visit keeps its semantic type
    and place id, an activity's ends their travel mode; a path point with no two numbers
    is a no_coordinates reject, one with no time a no_time reject; Wi-Fi scans, the
    memory and the location profile are counted, not read. Before: the file was read as
    plain JSON (one record per top-level key), no sighting at all."""
    case, out = _ingest(tmp_path, "Timeline.json", ANDROID)
    assert "read through the location preset" in out
    assert "1 timeline memories (trips, notes; no coordinates) not read" in out
    assert "1 raw signals without a position (Wi-Fi scans, activity records) not read" in out
    assert "userLocationProfile (no times) not read" in out
    owner = "owner of Timeline.json"
    m = case.mentions
    assert set(m.loc[m["type"] == "person", "label"]) == {owner}
    seg = "Timeline.json segment"
    assert _sightings(case, owner) == [
        ("2024-05-01 06:10:00+00:00", f"{seg} 1 point 1", "48.1351253", "11.5819806",
         None, None, None),
        ("2024-05-01 08:00:00+00:00", f"{seg} 2 visit", "48.1372", "11.5755",
         "INFERRED_HOME", "ChIJ2V-Mo_l1nkcRfZixfUq4DAE", None),
        ("2024-05-01 16:30:00+00:00", f"{seg} 3 activity start", "48.1372", "11.5755",
         None, None, "IN_BUS"),
        ("2024-05-01 20:45:00+00:00", f"{seg} 3 activity end", "50.0755381", "14.4378005",
         None, None, "IN_BUS"),
        ("2024-05-02 05:05:00+00:00", "Timeline.json signal 1", "50.087", "14.421",
         None, None, None),
    ]  # fmt: skip
    visit = m[m["identifier"] == f"{seg} 2 visit"].iloc[0]
    assert json.loads(visit["attrs"])["until"] == "2024-05-01T16:30:00+00:00"
    signal = json.loads(m[m["identifier"] == "Timeline.json signal 1"].iloc[0]["attrs"])
    assert (signal["accuracy_m"], signal["located_by"]) == ("13", "GPS")
    rejects = case.rejects.sort_values("row")
    assert rejects["reason"].tolist() == ["no_coordinates", "no_time"]
    assert "somewhere" in rejects["value"].iloc[0]
    assert "48.14" in rejects["value"].iloc[1]


def test_ios_timeline_geo_points_at_minutes_after_the_segment_start(tmp_path: Path) -> None:
    """iOS writes "geo:lat,lon" and a path point's time as minutes after its segment's
    start: 23:00-07:00 + 97 min is 07:37 UTC the next day; an offset that is no number
    is a no_time reject."""
    case, out = _ingest(tmp_path, "location-history.json", IOS)
    assert "read through the location preset" in out
    seg = "location-history.json segment"
    assert _sightings(case, "owner of location-history.json") == [
        ("2024-06-10 16:00:00+00:00", f"{seg} 1 visit", "47.620258", "-122.356943",
         "Work", "ChIJw0ZpFQAVkFQRiOO1Hk38FEI", None),
        ("2024-06-10 18:00:00+00:00", f"{seg} 2 activity start", "47.620258", "-122.356943",
         None, None, "in passenger vehicle"),
        ("2024-06-10 18:40:00+00:00", f"{seg} 2 activity end", "47.6062", "-122.3321",
         None, None, "in passenger vehicle"),
        ("2024-06-11 06:00:00+00:00", f"{seg} 3 point 1", "47.6062", "-122.3321",
         None, None, None),
        ("2024-06-11 07:37:00+00:00", f"{seg} 3 point 2", "47.61", "-122.34",
         None, None, None),
    ]  # fmt: skip
    assert case.rejects["reason"].tolist() == ["no_time"]
    assert '"soon"' in case.rejects["value"].iloc[0]


@pytest.mark.parametrize(("name", "data"), [("Timeline.json", ANDROID), ("export.json", IOS)])
def test_mapping_suggest_recognises_a_phone_timeline(
    tmp_path: Path, name: str, data: object
) -> None:
    """`mapping suggest` drafts the location preset for either export, by content."""
    source = tmp_path / name
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, out = _invoke("mapping", "suggest", source)
    assert code == 0, out
    assert "include: location" in out


def test_records_json_read_in_pieces_gives_the_same_points(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Records.json is read a window at a time: with a 7-character window every number,
    string and object is cut somewhere, and the points are still exactly those written."""
    stream = importlib.import_module("linkgraph.ingest._json_stream")
    monkeypatch.setattr(stream, "_CHUNK", 7)
    records = {"locations": [
        {"latitudeE7": 484647000, "longitudeE7": 350462000, "accuracy": 20,
         "timestamp": "2024-03-01T09:12:00.000+01:00", "source": "WIFI"},
        {"latitudeE7": 500755000, "longitudeE7": 144378000, "timestampMs": "1710237600000"},
        "not a point",
    ]}  # fmt: skip
    case, _ = _ingest(tmp_path, "Records.json", records)
    m = case.mentions.set_index("mention_id")
    points = [
        (str(lk.time), json.loads(m.at[lk.dst, "attrs"])["lat"])
        for lk in case.links.sort_values("time").itertuples()
    ]
    assert points == [
        ("2024-03-01 08:12:00+00:00", "48.4647"),
        ("2024-03-12 10:00:00+00:00", "50.0755"),
    ]
    assert case.rejects[["row", "reason"]].values.tolist() == [[3, "entry_invalid"]]


def test_a_location_history_cut_short_is_an_error_naming_the_file(tmp_path: Path) -> None:
    """A copy cut mid-way is no valid JSON: an error naming the file and where, no traceback."""
    source = tmp_path / "Records.json"
    text = json.dumps({"locations": [{"latitudeE7": 1, "longitudeE7": 2, "timestamp": "x"}]})
    source.write_text(text[:-10], encoding="utf-8")
    code, out = _invoke("ingest", source, "-o", tmp_path / "case")
    assert code != 0
    assert "Records.json" in out
    assert "not valid JSON" in out
    assert "Traceback" not in out
