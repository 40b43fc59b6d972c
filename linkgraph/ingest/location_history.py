"""Location histories, as rows of the ``location`` preset: Google Takeout's Records.json
(``{"locations": [{"latitudeE7", "longitudeE7", "timestamp" or "timestampMs", "accuracy",
"source", ...}]}``) and its Semantic Location History (``{"timelineObjects":
[{"placeVisit": {"location": {"latitudeE7", "longitudeE7", "name", "address"},
"duration": {"startTimestamp", "endTimestamp"}}}]}``).

Each point is a sighting of the device: an event at its time, with its latitude and
longitude (``latitudeE7`` divided by 10^7; a value above 2^31 wrapped, as Google's own
exports sometimes write negative coordinates) and its accuracy in metres; a place visit
also with the place's name and address. The device's owner is not named in the file: a
person "owner of FILE" attended each. The coordinates are checked where every latitude
is (:mod:`linkgraph.ingest._coordinates`): one out of range is a ``lat_invalid`` reject.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from linkgraph.errors import InputError

#: The columns of a location history, in order.
COLUMNS = ("time", "owner", "point", "lat", "lon", "accuracy", "source", "place", "address",
           "until")  # fmt: skip
_E7 = 10_000_000


def is_location_history(text: str) -> bool:
    """Whether the start of a JSON file is a Takeout location history: a ``locations``
    list whose items hold ``latitudeE7``, or ``timelineObjects`` (Semantic Location
    History)."""
    head = text.lstrip()[:65_536]
    if not head.startswith("{"):
        return False
    if '"timelineObjects"' in head and ('"placeVisit"' in head or '"activitySegment"' in head):
        return True
    at = head.find('"locations"')
    return at >= 0 and '"latitudeE7"' in head[at:]


def read_location_history(
    path: Path, text: str, notes: list[str]
) -> Iterator[tuple[int, list[str]]]:
    """``(number, row)`` of each point of a Records.json, or each place visit of a
    Semantic Location History file (their activity segments are noted, not read)."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise InputError(
            f"not valid JSON ({exc})", source=path.name, hint="export it again from Takeout"
        ) from exc
    owner = f"owner of {path.name}"
    if isinstance(data, dict) and isinstance(data.get("locations"), list):
        yield from _points(data["locations"], owner, path.name)
    elif isinstance(data, dict) and isinstance(data.get("timelineObjects"), list):
        yield from _visits(data["timelineObjects"], owner, path.name, notes)


def _points(items: list[Any], owner: str, name: str) -> Iterator[tuple[int, list[str]]]:
    for number, item in enumerate(items, start=1):
        item = item if isinstance(item, dict) else {}
        yield (
            number,
            _row(
                time=_time(item.get("timestamp"), item.get("timestampMs")),
                owner=owner,
                point=f"{name} point {number}",
                lat=_degrees(item.get("latitudeE7")),
                lon=_degrees(item.get("longitudeE7")),
                accuracy=_text(item.get("accuracy")),
                source=_text(item.get("source")),
            ),
        )


def _visits(
    items: list[Any], owner: str, name: str, notes: list[str]
) -> Iterator[tuple[int, list[str]]]:
    segments = 0
    for number, item in enumerate(items, start=1):
        visit = item.get("placeVisit") if isinstance(item, dict) else None
        if not isinstance(visit, dict):
            segments += 1
            continue
        place = visit.get("location") if isinstance(visit.get("location"), dict) else {}
        span = visit.get("duration") if isinstance(visit.get("duration"), dict) else {}
        yield (
            number,
            _row(
                time=_time(span.get("startTimestamp"), span.get("startTimestampMs")),
                until=_time(span.get("endTimestamp"), span.get("endTimestampMs")),
                owner=owner,
                point=f"{name} visit {number}",
                lat=_degrees(place.get("latitudeE7")),
                lon=_degrees(place.get("longitudeE7")),
                place=_text(place.get("name")),
                address=_text(place.get("address")).replace("\n", ", "),
            ),
        )
    if segments:
        notes.append(f"{segments} activity segments (travel between visits) not read")


def _degrees(e7: object) -> str:
    """``latitudeE7``/``longitudeE7`` in degrees ("" when absent; as written when it is
    no whole number, for the reject to show)."""
    try:
        value = int(str(e7))
    except ValueError:
        return _text(e7)
    if value > 2**31 - 1:  # Google's unsigned writing of a negative coordinate
        value -= 2**32
    return repr(value / _E7)


def _time(iso: object, ms: object) -> str:
    """An ISO timestamp as written, else epoch milliseconds as an ISO time in UTC."""
    if isinstance(iso, str) and iso.strip():
        return iso.strip()
    try:
        return datetime.fromtimestamp(int(str(ms)) / 1000, tz=UTC).isoformat()
    except (ValueError, OverflowError, OSError):
        return _text(ms)


def _row(**cells: str) -> list[str]:
    row = dict.fromkeys(COLUMNS, "")
    row.update(cells)
    return list(row.values())


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()
