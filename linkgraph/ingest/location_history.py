"""Location histories, as rows of the ``location`` preset.

Google Takeout's ``Records.json`` (``{"locations": [{"latitudeE7", "longitudeE7",
"timestamp" or "timestampMs", "accuracy", "source", ...}]}``) and its Semantic Location
History (``{"timelineObjects": [{"placeVisit": {"location": {"latitudeE7", "longitudeE7",
"name", "address"}, "duration": {"startTimestamp", "endTimestamp"}}}]}``); and, since
Google keeps Timeline on the phone (2024), the phone's own export: Android's
``Timeline.json`` (``{"semanticSegments": [{"startTime", "endTime", "timelinePath":
[{"point": "48.1234567°, 11.1234567°", "time"}] | "visit": {"topCandidate":
{"placeLocation": {"latLng"}, "semanticType", "placeId"}} | "activity": {"start":
{"latLng"}, "end": {"latLng"}, "topCandidate": {"type"}}}], "rawSignals": [{"position":
{"LatLng", "timestamp", "accuracyMeters", "source"}}], "userLocationProfile": {...}}``)
and the iOS Google Maps export (``location-history.json``: a list of the same segments,
coordinates written ``"geo:48.123,11.123"``, a path point's time as
``durationMinutesOffsetFromStartTime`` after its segment's ``startTime``).

Each point is a sighting of the device: an event at its time, with its latitude and
longitude (``latitudeE7`` divided by 10^7; a value above 2^31 wrapped, as Google's own
exports sometimes write negative coordinates) and its accuracy in metres; a place visit
also with the place's name and address (Takeout) or its semantic type and place id (the
phone's export); an activity's start and end with how the owner travelled. The device's
owner is not named in the file: a person with no name, labelled "owner of FILE", attended
each; her ``account`` is the device's (``device:`` and the file's content hash), so that
all the points of one file are one person and the owner of another file (another
``Records.json``) never is her by name. The coordinates are checked where every latitude
is (:mod:`linkgraph.ingest._coordinates`): one out of range is a ``lat_invalid`` reject,
a point at 0, 0 (Google's "no fix") a ``null_island`` reject, a point away from where
most of the file's points are but there once latitude and longitude are swapped is
marked ``latlon_swapped``. A point whose coordinates are missing or not two numbers is a
``no_coordinates`` reject.

The file is read a list item at a time (:mod:`linkgraph.ingest._json_stream`), never
whole: a 200,000-point ``Records.json`` keeps memory bounded.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, NamedTuple, TextIO

from linkgraph.ingest._json_stream import text_chunks, top_level_items

#: The columns of a location history, in order.
COLUMNS = ("time", "owner", "device", "point", "lat", "lon", "accuracy", "source", "place",
           "address", "until", "place_type", "place_id", "travel_mode")  # fmt: skip
_E7 = 10_000_000


def is_location_history(text: str) -> bool:
    """Whether the start of a JSON file is a location history: Takeout's (a ``locations``
    list whose items hold ``latitudeE7``, or ``timelineObjects``), or a phone's Timeline
    export (Android's ``semanticSegments`` or ``rawSignals`` object, the iOS list of
    segments with ``startTime`` and ``geo:`` coordinates)."""
    head = text.lstrip()[:65_536]
    if head.startswith("["):
        return '"startTime"' in head and '"geo:' in head and bool(_SEGMENT_KEYS.search(head))
    if not head.startswith("{"):
        return False
    if '"timelineObjects"' in head and ('"placeVisit"' in head or '"activitySegment"' in head):
        return True
    if '"semanticSegments"' in head and ('"startTime"' in head or '"rawSignals"' in head):
        return True
    if '"rawSignals"' in head and '"position"' in head:
        return True
    at = head.find('"locations"')
    return at >= 0 and '"latitudeE7"' in head[at:]


_SEGMENT_KEYS = re.compile(r'"(?:visit|activity|timelinePath)"\s*:')


def read_location_history(
    path: Path, open_text: Callable[[], TextIO], notes: list[str]
) -> Iterator[Record]:
    """``(number, row)`` of each point of a location history (see the module), read a list
    item at a time from ``open_text()``; an entry that is no object (``entry_invalid``),
    has no time (``no_time``) or no coordinates (``no_coordinates``) is
    ``(number, Rejected)``. What holds no point (activity segments of the Semantic
    Location History, raw signals without a position, the user's location profile) is
    counted in ``notes``."""
    reader = _Reader(
        path.name, {"owner": f"owner of {path.name}", "device": device_of(open_text, path.name)}
    )
    with open_text() as fh:
        for key, value, listed in top_level_items(fh, path.name):
            yield from reader.read(key, value, listed)
    notes.extend(reader.notes())


def device_of(open_text: Callable[[], TextIO], name: str) -> str:
    """The device of a location history, by the file's content: ``device:`` and the first
    20 hex digits of the SHA-256 of its text (UTF-8, without a byte order mark), read a
    megabyte at a time (the same file read twice is the same device)."""
    digest = hashlib.sha256()
    with open_text() as fh:
        for number, chunk in enumerate(text_chunks(fh, name)):
            digest.update(
                (chunk.lstrip("\ufeff") if number == 0 else chunk).encode("utf-8", "surrogatepass")
            )
    return "device:" + digest.hexdigest()[:20]


class Rejected(NamedTuple):
    """An entry of the file that makes no row: a row-level reject with its reason and the
    entry as written."""

    reason: str
    value: str


Record = tuple[int, "list[str] | Rejected"]

#: What is read of no point, as its note says it.
_UNREAD = {
    "activitySegment": "activity segments (travel between visits) not read",
    "signal": "raw signals without a position (Wi-Fi scans, activity records) not read",
    "memory": "timeline memories (trips, notes; no coordinates) not read",
}


class _Reader:
    """The points of one file, an item of one of its top-level lists at a time: rows
    numbered in the order read (an item of ``locations`` or ``timelineObjects`` one
    number, made a row or not), and counts of what held no point."""

    def __init__(self, name: str, owner: dict[str, str]) -> None:
        self.name, self.owner = name, owner
        self.number = 0
        self.index: dict[str | None, int] = {}
        self.unread: dict[str, int] = {}

    def read(self, key: str | None, value: Any, listed: bool) -> Iterator[Record]:
        """The records of one top-level item (``key`` its list, None for a top-level list)."""
        self.index[key] = at = self.index.get(key, 0) + 1
        handler = _HANDLERS.get(key) if listed else None
        if handler is None:
            self._skip(f"{key} (no times)" if not listed else f"items of {key!r}")
            return
        if not isinstance(value, dict):
            yield self._numbered(Rejected("entry_invalid", _shown(value)))
            return
        yield from handler(self, value, at)

    def notes(self) -> list[str]:
        """What was not read, counted."""
        return [
            f"{count} {_UNREAD.get(what, what + ' not read')}"
            for what, count in self.unread.items()
        ]

    def _skip(self, what: str) -> None:
        self.unread[what] = self.unread.get(what, 0) + 1

    def _numbered(self, row: list[str] | Rejected) -> Record:
        self.number += 1
        return self.number, row

    def takeout_point(self, item: dict[str, Any], at: int) -> Iterator[Record]:
        """A point of Records.json."""
        when = _time(item.get("timestamp"), item.get("timestampMs"))
        if not when:
            yield self._numbered(Rejected("no_time", _shown(item)))
            return
        yield self._numbered(
            _row(
                time=when,
                point=f"{self.name} point {at}",
                **self.owner,
                lat=_degrees(item.get("latitudeE7")),
                lon=_degrees(item.get("longitudeE7")),
                accuracy=_text(item.get("accuracy")),
                source=_text(item.get("source")),
            )
        )

    def takeout_visit(self, item: dict[str, Any], at: int) -> Iterator[Record]:
        """A place visit of the Semantic Location History (an activity segment counted)."""
        visit = item.get("placeVisit")
        if not isinstance(visit, dict):
            self.number += 1
            self._skip("activitySegment")
            return
        place = visit.get("location") if isinstance(visit.get("location"), dict) else {}
        span = visit.get("duration") if isinstance(visit.get("duration"), dict) else {}
        when = _time(span.get("startTimestamp"), span.get("startTimestampMs"))
        if not when:
            yield self._numbered(Rejected("no_time", _shown(item)))
            return
        yield self._numbered(
            _row(
                time=when,
                until=_time(span.get("endTimestamp"), span.get("endTimestampMs")),
                point=f"{self.name} visit {at}",
                **self.owner,
                lat=_degrees(place.get("latitudeE7")),
                lon=_degrees(place.get("longitudeE7")),
                place=_text(place.get("name")),
                address=_text(place.get("address")).replace("\n", ", "),
            )
        )

    def segment(self, item: dict[str, Any], at: int) -> Iterator[Record]:
        """A segment of a phone's Timeline export: its visit, its activity's start and end,
        each point of its path (a segment with none of them, a memory, counted)."""
        label = f"{self.name} segment {at}"
        start, end = item.get("startTime"), item.get("endTime")
        read = False
        if isinstance(visit := item.get("visit"), dict):
            read = True
            yield self._numbered(self._visit(visit, start, end, f"{label} visit", item))
        if isinstance(activity := item.get("activity"), dict):
            read = True
            mode = _text(_candidate(activity).get("type"))
            for side, when in (("start", start), ("end", end)):
                yield self._numbered(
                    self._sighting(
                        f"{label} activity {side}", _utc_time(when), _lat_lng(activity.get(side)),
                        item, travel_mode=mode,
                    )
                )  # fmt: skip
        if isinstance(path := item.get("timelinePath"), list):
            read = True
            for number, point in enumerate(path, start=1):
                yield self._numbered(self._path_point(point, start, f"{label} point {number}"))
        if not read:
            self._skip("memory")

    def signal(self, item: dict[str, Any], at: int) -> Iterator[Record]:
        """A raw signal of Android's export: a point where it holds a position."""
        position = item.get("position")
        if not isinstance(position, dict):
            self._skip("signal")
            return
        yield self._numbered(
            self._sighting(
                f"{self.name} signal {at}",
                _utc_time(position.get("timestamp")),
                _lat_lng(position),
                position,
                accuracy=_text(position.get("accuracyMeters")),
                source=_text(position.get("source")),
            )
        )

    def _visit(
        self, visit: dict[str, Any], start: object, end: object, label: str, item: object
    ) -> list[str] | Rejected:
        top = _candidate(visit)
        return self._sighting(
            label,
            _utc_time(start),
            _lat_lng(top.get("placeLocation")),
            item,
            until=_utc_time(end),
            place_type=_text(top.get("semanticType")),
            place_id=_text(top.get("placeId") or top.get("placeID")),
        )

    def _path_point(self, point: object, start: object, label: str) -> list[str] | Rejected:
        if not isinstance(point, dict):
            return Rejected("entry_invalid", _shown(point))
        if "time" in point:
            when = _utc_time(point.get("time"))
        else:  # iOS: minutes after the segment's start
            offset = _minutes(point.get("durationMinutesOffsetFromStartTime"))
            when = "" if offset is None else _utc_time(start, offset)
        return self._sighting(label, when, _lat_lng(point.get("point")), point)

    def _sighting(
        self, label: str, when: str, where: tuple[str, str] | None, entry: object, **cells: str
    ) -> list[str] | Rejected:
        """A point's row, or why it is none: no time, no coordinates."""
        if not when:
            return Rejected("no_time", _shown(entry))
        if where is None:
            return Rejected("no_coordinates", _shown(entry))
        return _row(time=when, point=label, **self.owner, lat=where[0], lon=where[1], **cells)


#: The top-level list each reading is for (None: the iOS export's top-level list).
_HANDLERS: dict[str | None, Callable[[_Reader, dict[str, Any], int], Iterator[Record]]] = {
    "locations": _Reader.takeout_point,
    "timelineObjects": _Reader.takeout_visit,
    "semanticSegments": _Reader.segment,
    None: _Reader.segment,
    "rawSignals": _Reader.signal,
}

#: ``"48.1234567°, 11.1234567°"`` (Android), ``"geo:48.123,11.123"`` (iOS; a ``;u=...``
#: uncertainty after it allowed).
_LAT_LNG = re.compile(
    r"\s*(?:geo:)?\s*([-+]?\d+(?:\.\d+)?)\s*°?\s*,\s*([-+]?\d+(?:\.\d+)?)\s*°?\s*(?:;.*)?",
    re.IGNORECASE,
)


def _lat_lng(value: object) -> tuple[str, str] | None:
    """Latitude and longitude as written in a phone's export (a string, or an object
    holding it as ``latLng``/``LatLng``), None when there are no two numbers."""
    if isinstance(value, dict):
        value = value.get("latLng", value.get("LatLng"))
    match = _LAT_LNG.fullmatch(value) if isinstance(value, str) else None
    return (match[1].lstrip("+"), match[2].lstrip("+")) if match else None


def _candidate(part: dict[str, Any]) -> dict[str, Any]:
    top = part.get("topCandidate")
    return top if isinstance(top, dict) else {}


def _minutes(value: object) -> float | None:
    try:
        minutes = float(str(value))
    except ValueError:
        return None
    return minutes if abs(minutes) < 10**7 else None


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
    when = _instant(written)
    if when is None:
        return written  # no time: rejected as time_invalid where it is read
    return _implausible(when, written) or (
        written if not re.fullmatch(r"-?\d+", written) else when.isoformat()
    )


def _utc_time(written: object, minutes: float = 0.0) -> str:
    """A phone export's time (ISO with its UTC offset) ``minutes`` later, in UTC; kept
    as written when it is no time, with why when implausible (as :func:`_time`)."""
    text = _text(written)
    when = _instant(text)
    if when is None:
        return text
    when = when + timedelta(minutes=minutes)
    return _implausible(when, text) or when.astimezone(UTC).isoformat()


def _instant(written: str) -> datetime | None:
    """An ISO time (UTC when it has no offset) or epoch milliseconds; None if neither."""
    try:
        when = (
            datetime.fromtimestamp(int(written) / 1000, tz=UTC)
            if re.fullmatch(r"-?\d+", written)
            else datetime.fromisoformat(written.replace("Z", "+00:00"))
        )
    except (ValueError, OverflowError, OSError):
        return None
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def _implausible(when: datetime, written: str) -> str:
    """Why ``when`` is no time of a location history, with it as written ("" if it is)."""
    # why first: a time reader would find the date in "2099-01-01 (too late)"
    if when < _EARLIEST:
        return f"before 1990: {written}"
    if when > datetime.now(UTC) + _AHEAD:
        return f"over a year ahead: {written}"
    return ""


def _shown(item: object) -> str:
    """An entry as written, for its reject (cut at 200 characters)."""
    return json.dumps(item, ensure_ascii=False, default=str)[:200]


def _row(**cells: str) -> list[str]:
    row = dict.fromkeys(COLUMNS, "")
    row.update(cells)
    return list(row.values())


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()
