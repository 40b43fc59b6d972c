"""`linkgraph routes` names no place of a victim's visits: her location history's place
names are counted, not listed, under "Not found", and withheld in `--table places`, as
every export withholds them; --show-victims lists them."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from linkgraph.cli import cli


def _visit(name: str, lat: float, lon: float, start: str, end: str) -> dict[str, object]:
    return {"placeVisit": {
        "location": {"latitudeE7": int(lat * 1e7), "longitudeE7": int(lon * 1e7), "name": name},
        "duration": {"startTimestamp": start, "endTimestamp": end},
    }}  # fmt: skip


HISTORY = {"timelineObjects": [
    _visit("Home", 47.0105, 28.8638, "2024-03-01T08:00:00Z", "2024-03-01T20:00:00Z"),
    _visit("Hotel Unirea", 47.1585, 27.6014, "2024-03-02T10:00:00Z", "2024-03-03T08:00:00Z"),
]}  # fmt: skip
MAPPING = "include: location\nentities: {owner: {type: person, fields: {name: owner, role: {value: victim}}}}\n"  # noqa: E501


def _run(*args: str) -> str:
    out = CliRunner().invoke(cli, list(args))
    assert out.exit_code == 0, out.output
    return out.output


def test_routes_count_her_places_not_found_without_naming_them(tmp_path: Path) -> None:
    history, mapping = tmp_path / "Semantic_2024_MARCH.json", tmp_path / "victim.yaml"
    history.write_text(json.dumps(HISTORY), encoding="utf-8")
    mapping.write_text(MAPPING, encoding="utf-8")
    case = tmp_path / "case"
    _run("ingest", str(history), "--mapping", str(mapping), "-o", str(case), "-q")
    text = _run("routes", str(case), "-q")
    assert "Not found: 2 of the victims' places (withheld)" in text
    places = _run("routes", str(case), "--table", "places", "--csv", "-q")
    for name in ("Home", "Hotel Unirea"):
        assert name not in text
        assert name not in places
    assert places.count("(a victim's place, withheld)") == 2
    shown = _run("routes", str(case), "--show-victims", "-q")
    assert "Not found: Home, Hotel Unirea" in shown
