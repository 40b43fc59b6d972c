"""A location history is one device: its owner is one person per file, with no name and
the device's account (the file's content hash), labelled "owner of FILE". Two files of
one name (two phones' Records.json) are two owners, never joined by that name; a
history of hundreds of points is still one owner (tester round 10, G2). Takeout's
hostile values are rejects with their reason (G6)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case


def _invoke(*args: object) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    return result.exit_code, result.output


def _records(path: Path, count: int, lat_e7: int) -> Path:
    """A Records.json of ``count`` points a minute apart, near ``lat_e7``."""
    points = [
        {"latitudeE7": lat_e7 + i * 10, "longitudeE7": 288638000,
         "timestampMs": str(1709251200000 + i * 60_000)}
        for i in range(count)
    ]  # fmt: skip
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"locations": points}), encoding="utf-8")
    return path


def _owners(case: Path) -> list[tuple[str, str]]:
    """(source, entity) of each person mention of the resolved case."""
    c = Case.read(case)
    m = c.mentions[c.mentions["type"] == "person"]
    entity = c.resolution.set_index("mention_id")["entity_id"]
    return sorted(
        (str(s), str(entity[i])) for s, i in zip(m["source"], m["mention_id"], strict=True)
    )


def test_two_records_json_of_two_phones_are_two_owners_and_a_long_one_is_one(
    tmp_path: Path,
) -> None:
    """Before: the owners were "owner of Records.json", one person per point, joined by
    name: the two phones' owners merged below ~26 points, split into one person per point
    above (300 points -> 300 persons)."""
    hers = _records(tmp_path / "hers" / "Records.json", 300, 470105000)
    his = _records(tmp_path / "his" / "Records.json", 6, 440105000)
    case = tmp_path / "case"
    code, out = _invoke("ingest", hers, his, "-o", case)
    assert code == 0, out
    assert _invoke("resolve", case, "-q")[0] == 0
    owners = _owners(case)
    assert [s for s, _ in owners] == ["hers/Records.json", "his/Records.json"]
    assert owners[0][1] != owners[1][1]
    c = Case.read(case)
    people = c.mentions[c.mentions["type"] == "person"].set_index("source")
    assert people["name"].isna().all()
    assert set(people["label"]) == {"owner of Records.json"}
    # every point of a file is attended by its one owner mention
    links = c.links[c.links["kind"] == "attended"]
    ids = people["mention_id"]
    assert links.groupby("src").size().to_dict() == {
        ids["hers/Records.json"]: 300,
        ids["his/Records.json"]: 6,
    }


def test_a_victims_device_owner_is_protected_and_not_joined_to_another(tmp_path: Path) -> None:
    """The draft's way to mark a victim's device keeps her account: her owner stays apart
    from the other phone's and her device is withheld from the export."""
    victim = tmp_path / "victim.yaml"
    victim.write_text(
        "include: location\nentities: {owner: {type: person, fields: {label: owner,"
        " account: device, role: {value: victim}}}}\n",
        encoding="utf-8",
    )
    hers = _records(tmp_path / "Records.json", 30, 470105000)
    his = _records(tmp_path / "Records_phone2.json", 6, 470105000)
    case = tmp_path / "case"
    assert _invoke("ingest", hers, "--mapping", victim, "-o", case, "-q")[0] == 0
    assert _invoke("ingest", his, "-o", case, "-q")[0] == 0
    assert _invoke("resolve", case, "-q")[0] == 0
    owners = _owners(case)
    assert len(owners) == 2
    assert owners[0][1] != owners[1][1]
    c = Case.read(case)
    people = c.mentions[c.mentions["type"] == "person"].set_index("source")
    assert people.at["Records.json", "role"] == "victim"
    assert people.at["Records.json", "account"].startswith("DEVICE:")
    code, out = _invoke("export", case, "--format", "csv", "-o", tmp_path / "ex")
    assert code == 0, out
    exported = (tmp_path / "ex" / "mentions.csv").read_text(encoding="utf-8")
    assert people.at["Records_phone2.json", "account"] in exported
    assert people.at["Records.json", "account"] not in exported


def test_the_same_history_read_again_from_another_folder_is_the_same_owner(
    tmp_path: Path,
) -> None:
    """One device, one account: a copy of the file is the same owner (resolution joins
    the two nameless mentions on it)."""
    first = _records(tmp_path / "a" / "Records.json", 40, 470105000)
    copy = tmp_path / "b" / "Records.json"
    copy.parent.mkdir()
    copy.write_bytes(first.read_bytes())
    case = tmp_path / "case"
    assert _invoke("ingest", first, copy, "-o", case, "-q")[0] == 0
    assert _invoke("resolve", case, "-q")[0] == 0
    owners = _owners(case)
    assert len(owners) == 2
    assert owners[0][1] == owners[1][1]


def test_takeout_hostile_entries_and_times_are_rejects_with_their_reason(tmp_path: Path) -> None:
    """Before: a time of 1969 or 2099 was a point (and a route's ends), the string
    "garbage" and a point without time were events with no time, and a visit's end in
    epoch milliseconds was left raw."""
    points = [
        {"latitudeE7": 470105000, "longitudeE7": 288638000, "timestamp": "2024-03-01T10:00:00Z"},
        {"latitudeE7": 470105000, "longitudeE7": 288638000, "timestampMs": "-5000"},
        {"latitudeE7": 470105000, "longitudeE7": 288638000, "timestamp": "2099-01-01T00:00:00Z"},
        "garbage",
        {"latitudeE7": 470105000, "longitudeE7": 288638000},
        {"latitudeE7": 470105000, "longitudeE7": 288638000, "timestamp": "1985-06-01T00:00:00Z"},
    ]
    records = tmp_path / "Records.json"
    records.write_text(json.dumps({"locations": points}), encoding="utf-8")
    case = tmp_path / "case"
    code, out = _invoke("ingest", records, "-o", case)
    assert code == 0, out
    c = Case.read(case)
    # one reject per bad value: the time is read by the event and by its attended link
    # (tester round 11: each was listed twice, time_invalid: 6 for 3 rows)
    assert c.rejects[["row", "reason", "value"]].values.tolist() == [
        [2, "time_invalid", "before 1990: -5000"],
        [3, "time_invalid", "over a year ahead: 2099-01-01T00:00:00Z"],
        [4, "entry_invalid", '"garbage"'],
        [5, "no_time", '{"latitudeE7": 470105000, "longitudeE7": 288638000}'],
        [6, "time_invalid", "before 1990: 1985-06-01T00:00:00Z"],
    ]
    events = c.mentions[c.mentions["type"] == "event"]
    assert sorted(events["row"]) == [1, 2, 3, 6]  # rows 4 and 5 make nothing
    timed = events[events["time"].notna()]
    assert timed["row"].tolist() == [1]


def test_a_visit_ending_in_epoch_milliseconds_ends_at_that_utc_time(tmp_path: Path) -> None:
    semantic = {
        "timelineObjects": [
            {"placeVisit": {
                "location": {"latitudeE7": 522297000, "longitudeE7": 210122000},
                "duration": {"startTimestamp": "1710500000000",
                              "endTimestamp": "1710900000000"}}},
            42,
        ]
    }  # fmt: skip
    path = tmp_path / "2024_MARCH.json"
    path.write_text(json.dumps(semantic), encoding="utf-8")
    case = tmp_path / "case"
    code, out = _invoke("ingest", path, "-o", case)
    assert code == 0, out
    c = Case.read(case)
    event = c.mentions[c.mentions["type"] == "event"].iloc[0]
    assert str(event["time"]) == "2024-03-15 10:53:20+00:00"
    assert json.loads(event["attrs"])["until"] == "2024-03-20T02:00:00+00:00"
    assert c.rejects[["row", "reason", "value"]].values.tolist() == [[2, "entry_invalid", "42"]]


def test_a_victims_device_file_keeps_its_name(tmp_path: Path) -> None:
    """Her device's owner mapped as a name ("owner of Records_1000.json", ingest's label)
    is no name of hers: the file's name is shown as it is, not rewritten with her
    pseudonym ("Victim-1b09f4_1000_1000.json", round 11)."""
    victim = tmp_path / "victim.yaml"
    victim.write_text(
        "include: location\nentities: {owner: {type: person, fields: {name: owner,"
        " role: {value: victim}}}}\n",
        encoding="utf-8",
    )
    hers = _records(tmp_path / "Records_1000.json", 5, 470105000)
    case = tmp_path / "case"
    assert _invoke("ingest", hers, "--mapping", victim, "-o", case, "-q")[0] == 0
    assert _invoke("resolve", case, "-q")[0] == 0
    result = CliRunner().invoke(cli, ["mentions", str(case), "--type", "person", "--csv"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert ",Victim-" in lines[1]
    assert ",Records_1000.json,1,owner," in lines[1]
