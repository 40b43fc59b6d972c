"""Time zones as exports write them: IANA names, UTC offsets and common abbreviations.

A mapping's ``timezone`` (or a column of zones, one per row) says where times without an
offset were recorded. Every spelling is read into one form pandas localises with: an IANA
name (``Europe/Istanbul``) or a fixed offset (``+03:00``).
"""

from __future__ import annotations

import difflib
import functools
import re
import zoneinfo
from pathlib import Path

#: Abbreviations that name one offset, in minutes east of UTC (CST and IST name several,
#: and are left out: a zone column that says "IST" is reported, never guessed).
ABBREVIATIONS = {
    "z": 0, "utc": 0, "gmt": 0, "ut": 0, "wet": 0, "west": 60, "bst": 60, "cet": 60,
    "mez": 60, "cest": 120, "mesz": 120, "eet": 120, "eest": 180, "msk": 180, "trt": 180,
    "est": -300, "edt": -240, "cdt": -300, "mst": -420, "mdt": -360, "pst": -480,
    "pdt": -420, "jst": 540, "kst": 540, "aest": 600, "aedt": 660, "sast": 120,
    "wat": 60, "cat": 120, "eat": 180, "gst": 240, "pkt": 300, "ict": 420, "wib": 420,
    "hkt": 480, "sgt": 480, "pht": 480, "nzst": 720, "nzdt": 780, "brt": -180, "art": -180,
}  # fmt: skip

_OFFSET = re.compile(
    r"^(?:utc|gmt|ut)?\s*([+-−])\s*(\d{1,2})(?:(?::|\.|h)?(\d{2}))?\s*h?$", re.IGNORECASE
)


@functools.cache
def _names() -> dict[str, str]:
    """Every IANA zone name, by its lower-case spelling."""
    return {name.lower(): name for name in zoneinfo.available_timezones()}


def _offset(minutes: int) -> str:
    sign = "-" if minutes < 0 else "+"
    hours, mins = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{mins:02d}"


@functools.cache
def read_zone(value: str) -> str | None:
    """The zone ``value`` names, as pandas localises it (an IANA name or ``+HH:MM``), or
    None when it names none (or several, as ``IST`` does).

    Examples:
        >>> [read_zone(v) for v in ("Europe/Istanbul", "europe/kyiv", "UTC+3", "GMT-05:30",
        ...  "+0200", "CET", "MESZ", "UTC", "IST", "Mars/Olympus")]
        ['Europe/Istanbul', 'Europe/Kyiv', '+03:00', '-05:30', '+02:00', 'CET', '+02:00', \
'UTC', None, None]
    """
    text = str(value).strip()
    if not text:
        return None
    key = text.lower().replace(" ", "_")
    if key in ("utc", "etc/utc", "z", "zulu", "gmt", "ut"):
        return "UTC"
    if key in _names():
        return _names()[key]
    found = _OFFSET.match(text.replace(" ", ""))
    if found:
        sign = -1 if found.group(1) in "-−" else 1
        hours, mins = int(found.group(2)), int(found.group(3) or 0)
        if hours > 14 or mins > 59:
            return None
        return "UTC" if hours == mins == 0 else _offset(sign * (hours * 60 + mins))
    if text.lower() in ABBREVIATIONS:
        minutes = ABBREVIATIONS[text.lower()]
        return "UTC" if minutes == 0 else _offset(minutes)
    return None


def zone_problem(value: str) -> str | None:
    """Why ``value`` is no time zone a mapping can give (with the closest IANA names), or
    None when it is one."""
    if read_zone(value) is not None:
        return None
    close = difflib.get_close_matches(str(value).lower(), list(_names()), n=2, cutoff=0.75)
    tip = f"; did you mean {' or '.join(repr(_names()[c]) for c in close)}?" if close else ""
    return (
        f"unknown time zone {value!r}{tip} (give an IANA name such as Europe/Kyiv, an offset"
        " such as UTC+3, or an abbreviation such as CET)"
    )


@functools.cache
def country_zone(country: str) -> str | None:
    """The one IANA zone of a country (``TR`` -> ``Europe/Istanbul``), or None when it has
    several (``US``) or the zone table is not on this machine."""
    found: list[str] = []
    for folder in _zone_tables():
        table = folder / "zone.tab"
        if not table.is_file():
            continue
        for line in table.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) >= 3 and not line.startswith("#") and parts[0] == country.upper():
                found.append(parts[2])
        break
    return found[0] if len(found) == 1 else None


def example_zone(country: str | None) -> str | None:
    """The zone to propose for times recorded in ``country``: its one zone, else the one
    zone.tab says covers most of it (``UA`` -> ``Europe/Kyiv``); None when neither.

    Examples:
        >>> [example_zone(c) for c in ("RO", "IT", "UA", None)]
        ['Europe/Bucharest', 'Europe/Rome', 'Europe/Kyiv', None]
    """
    if not country:
        return None
    one = country_zone(country)
    if one is not None:
        return one
    for folder in _zone_tables():
        table = folder / "zone.tab"
        if not table.is_file():
            continue
        for line in table.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) >= 4 and parts[0] == country.upper() and "most" in parts[3].lower():
                return parts[2]
        break
    return None


def _zone_tables() -> list[Path]:
    """Folders that may hold the zone table: the system's, then the tzdata package's."""
    folders = [Path(p) for p in zoneinfo.TZPATH]
    try:
        from importlib import resources

        folders.append(Path(str(resources.files("tzdata") / "zoneinfo")))
    except (ImportError, ModuleNotFoundError, TypeError):
        pass
    return folders
