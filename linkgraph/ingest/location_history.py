"""Location histories, as rows of the ``location`` preset: Google Takeout's Records.json
(``{"locations": [{"latitudeE7", "longitudeE7", "timestamp" or "timestampMs", "accuracy",
"source", ...}]}``) and its Semantic Location History (``{"timelineObjects":
[{"placeVisit": {"location": {"latitudeE7", "longitudeE7", "name", "address"},
"duration": {"startTimestamp", "endTimestamp"}}}]}``).

Each point is a sighting of the device: an event at its time, with its latitude and
longitude (``latitudeE7`` divided by 10^7; a value above 2^31 wrapped, as Google's own
exports sometimes write negative coordinates) and its accuracy in metres; a place visit
also with the place's name and address. The device's owner is not named in the file: a
person with no name, labelled "owner of FILE", attended each; her ``account`` is the
device's (``device:`` and the file's content hash), so that all the points of one file
are one person and the owner of another file (another ``Records.json``) never is her
by name. The coordinates are checked where every latitude
is (:mod:`linkgraph.ingest._coordinates`): one out of range is a ``lat_invalid`` reject,
a point at 0, 0 (Google's "no fix") a ``null_island`` reject, a point away from where
most of the file's points are but there once latitude and longitude are swapped is
marked ``latlon_swapped``.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, NamedTuple

from linkgraph.errors import InputError

#: The columns of a location history, in order.
COLUMNS = ("time", "owner", "device", "point", "lat", "lon", "accuracy", "source", "place",
           "address", "until")  # fmt: skip
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


def read_location_history(path: Path, text: str, notes: list[str]) -> Iterator[Record]:
    """``(number, row)`` of each point of a Records.json, or each place visit of a
    Semantic Location History file (their activity segments are noted, not read); an
    entry that is no object (``entry_invalid``) or has no time (``no_time``) is
    ``(number, Rejected)``."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise InputError(
            f"not valid JSON ({exc})", source=path.name, hint="export it again from Takeout"
        ) from exc
    owner = {"owner": f"owner of {path.name}", "device": device_of(text)}
    if isinstance(data, dict) and isinstance(data.get("locations"), list):
        yield from _points(data["locations"], owner, path.name)
    elif isinstance(data, dict) and isinstance(data.get("timelineObjects"), list):
        yield from _visits(data["timelineObjects"], owner, path.name, notes)


def device_of(text: str) -> str:
    """The device of a location history, by the file's content: ``device:`` and the first
    20 hex digits of its SHA-256 (the same file read twice is the same device)."""
    return "device:" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:20]


class Rejected(NamedTuple):
    """An entry of the file that makes no row: a row-level reject with its reason and the
    entry as written."""

    reason: str
    value: str


Record = tuple[int, "list[str] | Rejected"]


def _points(items: list[Any], owner: dict[str, str], name: str) -> Iterator[Record]:
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            yield number, Rejected("entry_invalid", _shown(item))
            continue
        when = _time(item.get("timestamp"), item.get("timestampMs"))
        if not when:
            yield number, Rejected("no_time", _shown(item))
            continue
        yield (
            number,
            _row(
                time=when,
                point=f"{name} point {number}",
                **owner,
                lat=_degrees(item.get("latitudeE7")),
                lon=_degrees(item.get("longitudeE7")),
                accuracy=_text(item.get("accuracy")),
                source=_text(item.get("source")),
            ),
        )


def _visits(
    items: list[Any], owner: dict[str, str], name: str, notes: list[str]
) -> Iterator[Record]:
    segments = 0
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            yield number, Rejected("entry_invalid", _shown(item))
            continue
        visit = item.get("placeVisit")
        if not isinstance(visit, dict):
            segments += 1
            continue
        place = visit.get("location") if isinstance(visit.get("location"), dict) else {}
        span = visit.get("duration") if isinstance(visit.get("duration"), dict) else {}
        when = _time(span.get("startTimestamp"), span.get("startTimestampMs"))
        if not when:
            yield number, Rejected("no_time", _shown(item))
            continue
        yield (
            number,
            _row(
                time=when,
                until=_time(span.get("endTimestamp"), span.get("endTimestampMs")),
                point=f"{name} visit {number}",
                **owner,
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


#: No location history holds a point before 1990 (a clock reset, a damaged record: epoch
#: ms "-5000", "0"), nor one more than a year ahead (2099): such a time is kept as written
#: with why, so that it is a ``time_invalid`` reject, as the phone readers do.
_EARLIEST = datetime(1990, 1, 1, tzinfo=UTC)
_AHEAD = timedelta(days=366)


def _time(iso: object, ms: object) -> str:
    """An ISO timestamp as written, else epoch milliseconds (also where the ISO key holds
    them) as an ISO time in UTC; a time before 1990 or over a year ahead kept as written
    with why (a ``time_invalid`` reject); "" when there is none."""
    written = _text(iso) or _text(ms)
    try:
        when = (
            datetime.fromtimestamp(int(written) / 1000, tz=UTC)
            if re.fullmatch(r"-?\d+", written)
            else datetime.fromisoformat(written.replace("Z", "+00:00"))
        )
    except (ValueError, OverflowError, OSError):
        return written  # no time: rejected as time_invalid where it is read
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    # why first: a time reader would find the date in "2099-01-01 (too late)"
    if when < _EARLIEST:
        return f"before 1990: {written}"
    if when > datetime.now(UTC) + _AHEAD:
        return f"over a year ahead: {written}"
    return written if not re.fullmatch(r"-?\d+", written) else when.isoformat()


def _shown(item: object) -> str:
    """An entry as written, for its reject (cut at 200 characters)."""
    return json.dumps(item, ensure_ascii=False, default=str)[:200]


def _row(**cells: str) -> list[str]:
    row = dict.fromkeys(COLUMNS, "")
    row.update(cells)
    return list(row.values())


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()
