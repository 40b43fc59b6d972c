"""Latitudes and longitudes read as numbers and range-checked, column-wise.

A mapping's ``lat`` and ``lon`` (of a place or of a link, e.g. a call's cell) are read as
decimal degrees: ``48.4647``, ``48,4647`` (decimal comma), ``-35.0462``, ``48.4647°``,
``N 48.4647`` or ``35.0462 W`` (a hemisphere letter gives the sign), or as degrees and
minutes, with or without seconds: ``41°24'12.2"N``, ``41 24 12.2 N``, ``N41°24.2033'``
(stored as decimal degrees to 7 decimals). A value that is no number, has minutes or
seconds of 60 or more, or lies outside [-90, 90] (latitude) or [-180, 180] (longitude),
is rejected as ``lat_invalid`` / ``lon_invalid`` and never stored: Google's
``latitudeE7`` (484647000) is no latitude until divided by 10^7.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

if TYPE_CHECKING:
    from linkgraph.ingest.build import ColumnPlan
    from linkgraph.ingest.mapping import FieldSpec

#: Attribute names read as a latitude or a longitude, and the axis each is.
COORDINATE_NAMES = {"lat": "lat", "latitude": "lat", "lon": "lon", "lng": "lon",
                    "long": "lon", "longitude": "lon"}  # fmt: skip
_LIMIT = {"lat": 90.0, "lon": 180.0}
_HEMISPHERES = {"lat": "NS", "lon": "EW"}
_NEGATIVE = "SW"
#: The marks of degrees, minutes and seconds (a prime for minutes, a double prime or two
#: primes for seconds, as keyboards and exports write them). No single letters: the "s"
#: of 12s could be South.
_UNITS = {
    "deg": ("°", "º", "˚", "deg"),
    "min": ("'", "′", "’", "´", "min"),
    "sec": ('"', "″", "”", "''", "′′", "’’", "´´", "sec"),
}
_NUM = r"\d+(?:[.,]\d+)?"


def _marks(*units: str) -> str:
    """An RE2 alternation of the marks of ``units``, longest first ('' before ')."""
    marks = sorted({m for u in units for m in _UNITS[u]}, key=len, reverse=True)
    return "|".join(re.escape(m) for m in marks)


#: Degrees, then minutes, then seconds (each part after the first one set off by its
#: mark, a colon or a space), a sign or a hemisphere letter before or after: "48.4647",
#: "N 48.4647°", "41°24'12.2\"N", "41 24 12.2 N", "N41°24.2033'", "-41:24:12.2".
#: RE2 (Arrow): ``\s`` is ASCII, so other spaces are made plain spaces first.
_DMS = (
    r"^\s*(?P<pre>[NSEWnsew])?\s*(?P<sign>[-+−])?\s*"
    rf"(?P<deg>{_NUM}|[.,]\d+)"
    rf"(?:(?:\s*(?:{_marks('deg')})\s*|\s*:\s*|\s+)(?P<min>{_NUM})"
    rf"(?:(?:\s*(?:{_marks('min')})\s*|\s*:\s*|\s+)(?P<sec>{_NUM}))?)?"
    rf"\s*(?P<unit>{_marks('deg', 'min', 'sec')})?"
    r"\s*(?P<post>[NSEWnsew])?\s*$"
)
_DMS_GROUPS = ("pre", "sign", "deg", "min", "sec", "unit", "post")
#: Decimals kept of a latitude or longitude read from minutes or seconds (about 1 cm).
_DECIMALS = 7


def read_coordinates(values: pd.Series, axis: str) -> tuple[pd.Series, pd.Series]:
    """Decimal degrees of a latitude (``axis="lat"``) or longitude (``"lon"``) column,
    written in decimal degrees or in degrees, minutes and seconds, each distinct value
    read once (in Arrow).

    Returns ``(degrees, failed)``: ``degrees`` as text ("48.4647"), ``<NA>`` where the
    cell is empty or ``failed``; ``failed`` is True where a value is written but is no
    number in range: no number, minutes or seconds of 60 or more, a fraction of degrees
    followed by minutes, a latitude beyond 90 or a longitude beyond 180 degrees, a
    hemisphere letter of the other axis or contradicting the sign.

    Examples:
        >>> s = pd.Series(["48.4647", "48,4647", "484647000", "x", None, "35.0 S", " "])
        >>> deg, bad = read_coordinates(s, "lat")
        >>> deg.tolist()
        ['48.4647', '48.4647', <NA>, <NA>, <NA>, '-35.0', <NA>]
        >>> bad.tolist()
        [False, False, True, True, False, False, False]
        >>> deg, bad = read_coordinates(pd.Series(["41°24′12.2″N", "N41°24.5'", "41 60 0"]), "lat")
        >>> deg.tolist(), bad.tolist()
        (['41.4033889', '41.4083333', <NA>], [False, False, True])
    """
    from linkgraph.ingest._columns import arrow_text, spread_distinct

    encoded = pc.dictionary_encode(arrow_text(values))
    degrees, failed = _distinct_degrees(encoded.dictionary, axis)
    shown = _degrees_text(degrees)
    return spread_distinct(encoded, shown, failed, values.index)


def _distinct_degrees(uniques: pa.Array, axis: str) -> tuple[np.ndarray, np.ndarray]:
    """The signed degrees of each of ``uniques`` (distinct texts; NaN where there are
    none) and whether each is written but no coordinate of ``axis``."""
    spaced = pc.replace_substring_regex(uniques, r"\p{Zs}", " ")
    written = _array(pc.greater(pc.utf8_length(pc.utf8_trim_whitespace(spaced)), 0))
    parts = pc.extract_regex(spaced, _DMS)
    matched = _array(parts.is_valid())
    field = {name: pc.struct_field(parts, name) for name in _DMS_GROUPS}
    deg, mins, secs = (_parts_number(field[n]) for n in ("deg", "min", "sec"))
    has_min, has_sec = ~np.isnan(mins), ~np.isnan(secs)
    magnitude = deg + np.nan_to_num(mins) / 60 + np.nan_to_num(secs) / 3600
    magnitude = np.where(has_min, np.round(magnitude, _DECIMALS), magnitude)
    pre, post = (_array(pc.utf8_upper(field[n])).astype(str) for n in ("pre", "post"))
    letter = np.where(pre != "", pre, post)
    sign = _array(field["sign"]).astype(str)
    negative = np.isin(sign, ["-", "−"]) | np.isin(letter, list(_NEGATIVE))
    degrees = np.where(negative, -magnitude, magnitude)
    impossible = (
        ~matched
        | np.isnan(deg)
        | (magnitude > _LIMIT[axis])
        | ((pre != "") & (post != ""))
        | ((letter != "") & ~np.isin(letter, list(_HEMISPHERES[axis])))
        | ((sign != "") & (sign != "+") & (letter != ""))
        | (has_min & _has_fraction(field["deg"]))
        | (has_sec & _has_fraction(field["min"]))
        | (mins >= 60)
        | (secs >= 60)
        | _wrong_mark(field["unit"], has_min, has_sec)
    )
    failed = written & impossible
    return np.where(written & ~failed, degrees, np.nan), failed


def _array(arr: pa.Array) -> np.ndarray:
    """An Arrow array as numpy (booleans with nulls as False)."""
    if pa.types.is_boolean(arr.type):
        arr = arr.fill_null(False)
    return np.asarray(arr.to_numpy(zero_copy_only=False))


def _parts_number(text: pa.Array) -> np.ndarray:
    """A part of a coordinate ("12,2") as a float, NaN where it is not written."""
    dotted = pc.replace_substring(text, ",", ".")
    present = pc.greater(pc.utf8_length(dotted), 0)
    number = pc.cast(pc.if_else(present, dotted, None), pa.float64())
    return np.asarray(number.to_numpy(zero_copy_only=False), dtype="float64")


def _has_fraction(text: pa.Array) -> np.ndarray:
    """Whether a part is written with a fraction (41.5 of 41.5°24')."""
    return _array(pc.match_substring_regex(text, r"[.,]"))


def _wrong_mark(unit: pa.Array, has_min: np.ndarray, has_sec: np.ndarray) -> np.ndarray:
    """Whether the mark after the last part is not that part's: 41 24 12°, 41°'."""
    last = np.where(has_sec, "sec", np.where(has_min, "min", "deg"))
    written = _array(pc.greater(pc.utf8_length(unit), 0))
    fits = np.zeros(len(last), dtype=bool)
    for part, marks in _UNITS.items():
        fits |= (last == part) & _array(pc.is_in(unit, pa.array(marks, unit.type)))
    return written & ~fits


def _degrees_text(degrees: np.ndarray) -> pa.Array:
    """Degrees as text ("48.4647", "180.0" as Python writes a float), null where NaN."""
    text = pc.cast(pa.array(degrees, from_pandas=True), pa.large_string())
    return pc.replace_substring_regex(text, r"^(-?\d+)$", r"\1.0")


def checked_coordinates(
    attrs: dict[str, pd.Series],
    report: Callable[[pd.Series, str, pd.Series, str], None],
) -> dict[str, pd.Series]:
    """``attrs`` with each latitude or longitude (a key of :data:`COORDINATE_NAMES`) read
    by :func:`read_coordinates`; ``report(failed, key, values, reason)`` is called for the
    values rejected (``lat_invalid``, ``lon_invalid``), which are left out."""
    out = dict(attrs)
    for key, values in attrs.items():
        axis = COORDINATE_NAMES.get(str(key).lower())
        if axis is None:
            continue
        degrees, failed = read_coordinates(values, axis)
        if failed.any():
            report(failed, key, values, f"{axis}_invalid")
        out[key] = degrees
    return out


# -- Points that are no position: a swapped pair, null island ------------------------------

#: Flag (and link attribute) of a point that looks like latitude and longitude swapped.
SWAPPED = "latlon_swapped"
#: Reject reason of a point at latitude 0, longitude 0: a placeholder for no position.
NULL_ISLAND = "null_island"
_KEYS = {"lat": "lat|latitude", "lon": "lon|lng|long|longitude"}
#: Rows named in a warning, and unique points looked at for the file's own country.
_ROWS_SHOWN = 5
_SAMPLE = 2000
#: How a point's country is known, for the warning.
_BASIS = {
    "row": "the country of its row's phones or places",
    "region": "the mapping's region",
    "file": "where most of the file's points are",
}


class PointChecks:
    """Checks the points (a ``lat`` and a ``lon`` of one mention or link) of a source's
    chunks, once built: a point at (0, 0), "null island", is a placeholder for no position
    (Google's "no fix", an empty cell exported as 0): its coordinates are dropped, a
    ``null_island`` reject. A point that lies away from its row's country (its phones'
    or places' ``country``), else the mapping's ``region``, else the country most of the
    file's points lie in, but inside that country once latitude and longitude are swapped
    (``28.8638, 47.0105`` for Chisinau's ``47.0105, 28.8638``) is kept as written, marked
    ``latlon_swapped`` (a mention's flag, a link's attribute), and :meth:`notes` warns of
    it naming rows and columns. The countries are Natural Earth's coarse outlines
    (:mod:`linkgraph.geo.outlines`)."""

    def __init__(self, mapping: Any) -> None:
        self.mapping = mapping
        self.region = str(mapping.region).upper() if mapping.region else None
        self.in_mentions = _maps_points([e.fields for e in mapping.entities])
        self.in_links = _maps_points([lk.attrs for lk in mapping.links])
        self.swapped = 0
        self.withheld = 0  # of those, in a victim's row
        self.examples: list[str] = []
        self.rows: list[int] = []

    def check(
        self, mentions: pd.DataFrame, links: pd.DataFrame, plan: Any = None
    ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        """``mentions`` and ``links`` of one chunk with their null islands dropped and
        their swapped points marked, and the ``null_island`` rejects (REJECTS columns).

        With ``plan`` (the chunk's :class:`~linkgraph.ingest.build.ColumnPlan`), a
        latitude or longitude whose columns are all absent from the file reads nothing:
        a preset's CDR without cell coordinates skips the check."""
        in_mentions, in_links = self.in_mentions, self.in_links
        if plan is not None:
            in_mentions = in_mentions and _maps_points(
                [_present(e.fields, plan) for e in self.mapping.entities if e.each is None]
                + [e.fields for e in self.mapping.entities if e.each is not None]
            )
            in_links = in_links and _maps_points(
                [_present(lk.attrs, plan) for lk in self.mapping.links]
            )
        found = [
            *([_points(mentions, "mentions")] if in_mentions else []),
            *([_points(links, "links")] if in_links else []),
        ]
        points = pd.concat(found, ignore_index=True) if found else pd.DataFrame()
        if points.empty:
            return mentions, links, pd.DataFrame()
        null = ((points["lat"] == 0) & (points["lon"] == 0)).to_numpy(dtype=bool)
        tables = {"mentions": mentions, "links": links}
        nulls = _detailed(points[null], tables)
        rejects = self._null_rejects(nulls)
        mentions, links = _dropped(nulls, mentions, links)
        swapped = self._swapped(points[~null], tables)
        mentions, links = _marked(swapped, mentions, links)
        if len(swapped):
            self._note(swapped, _victim_rows(mentions))
        return mentions, links, rejects

    def notes(self) -> list[str]:
        """The warning of the points that look swapped, if any (a victim's row is
        counted, never named or quoted)."""
        if not self.swapped:
            return []
        hers = (
            f"{self.withheld:,} of them in rows that mark a victim, not named here"
            if self.withheld
            else ""
        )
        if self.swapped == 1:
            said = self.examples[0] if self.examples else "in a row that marks a victim"
            which = f"1 point looks like latitude and longitude swapped: {said}"
        elif not self.examples:
            which = f"{self.swapped:,} points look like latitude and longitude swapped ({hers})"
        else:
            rows = ", ".join(f"{r:,}" for r in sorted(self.rows)[:_ROWS_SHOWN])
            more = " ..." if self.swapped - self.withheld > _ROWS_SHOWN else ""
            more += f"; {hers}" if hers else ""
            plural = "s" if len(self.rows) > 1 else ""
            which = (
                f"{self.swapped:,} points look like latitude and longitude swapped"
                f" (row{plural} {rows}{more}); first: {self.examples[0]}"
            )
        return [
            f"{which}; kept as written, marked {SWAPPED}: check"
            f" {'it' if self.swapped == 1 else 'them'} in the file (if a whole column is"
            " swapped, swap lat and lon in the mapping)"
        ]

    def _columns(self, point: pd.Series) -> str:
        """The file's columns of a point (of the mapping's slot, or link kind)."""
        names = []
        for axis in ("lat", "lon"):
            key = str(point[f"{axis}_key"])
            spec = None
            if point["table"] == "mentions":
                entity = next((e for e in self.mapping.entities if e.slot == point["of"]), None)
                spec = entity.fields.get(key) if entity is not None else None
            else:
                for link in self.mapping.links:
                    if link.kind == point["of"] and key in link.attrs:
                        spec = link.attrs[key]
                        break
            names.append(spec.column[0] if spec is not None and spec.column else key)
        return ", ".join(names)

    def _null_rejects(self, null: pd.DataFrame) -> pd.DataFrame:
        if null.empty:
            return pd.DataFrame()
        return pd.DataFrame(
            {
                "source": null["source"].to_numpy(),
                "row": pd.array(null["row"].to_numpy(), dtype="float64").astype("Int64"),
                "column": [self._columns(p) for _, p in null.iterrows()],
                "reason": NULL_ISLAND,
                "value": [
                    f"{a}, {b}" for a, b in zip(null["lat_text"], null["lon_text"], strict=True)
                ],
                "level": "value",
            }
        )

    def _swapped(self, points: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
        """The points that lie away from their country and in it once swapped."""
        from linkgraph.geo.outlines import inside, known_countries, near

        if points.empty:
            return points
        points = points.reset_index(drop=True)
        lat, lon = points["lat"].to_numpy(), points["lon"].to_numpy()
        everyone = np.arange(len(points))
        homes = _row_countries(points, tables["mentions"])
        if self.region:
            homes.append((everyone, self.region, "region"))
        mostly = _file_country(lat, lon)
        if mostly is not None:
            homes.append((everyone, mostly, "file"))
        is_near = np.zeros(len(points), dtype=bool)
        home = np.full(len(points), -1)  # the first home each point lies in once swapped
        outlined = known_countries()
        for i, (at, iso, _) in enumerate(homes):
            if iso not in outlined:
                continue
            is_near[at] |= near(lat[at], lon[at], iso)
            away = at[~is_near[at] & (home[at] < 0)]
            home[away[inside(lon[away], lat[away], iso)]] = i
        hit = np.flatnonzero((home >= 0) & ~is_near)
        swapped = _detailed(points.iloc[hit], tables)
        if len(hit):  # the home each was found swapped in (its country and basis)
            found = [homes[k][1:] for k in home[hit]]
            swapped = swapped.assign(home=[iso for iso, _ in found],
                                     basis=[basis for _, basis in found])  # fmt: skip
        return swapped

    def _note(self, swapped: pd.DataFrame, victim_rows: list[Any]) -> None:
        """Count the points of ``swapped`` (with each one's ``home`` and ``basis``) and
        keep rows to name and an example; never a row of a victim (``victim_rows``): her
        rows are counted, not named, as the phone-region warning does."""
        self.swapped += len(swapped)
        hers = swapped["row"].isin(victim_rows).to_numpy(dtype=bool)
        self.withheld += int(hers.sum())
        shown = swapped[~hers]
        self.rows += [int(r) for r in shown["row"].dropna().head(_ROWS_SHOWN)]
        if not self.examples and len(shown):
            self.examples.append(self._example(shown.iloc[0]))

    def _example(self, point: pd.Series) -> str:
        """How the warning names one swapped point: row, columns, coordinates, countries."""
        from linkgraph.geo.outlines import country_at

        lies = country_at(np.array([point["lat"]]), np.array([point["lon"]]))[0]
        where = f"lies in {_named(lies)}" if lies else "lies in no country"
        return (
            f"row {int(point['row']):,}, columns {self._columns(point)}:"
            f" {point['lat_text']}, {point['lon_text']} {where}, swapped in"
            f" {_named(point['home'])}, {_BASIS[point['basis']]}"
        )


def _victim_rows(mentions: pd.DataFrame) -> list[Any]:
    """The rows of a chunk's ``mentions`` that hold a person marked as a victim."""
    from linkgraph.ingest import _victim_rows as rows_of_victims

    return rows_of_victims(mentions)


def _file_country(lat: np.ndarray, lon: np.ndarray) -> str | None:
    """The country more than half of the points lie in (of the first points, placed to
    0.1 degree: a phone's cells, a device's places repeat)."""
    from linkgraph.geo.outlines import country_at

    first = pd.DataFrame({"lat": lat[: _SAMPLE * 10], "lon": lon[: _SAMPLE * 10]}).round(1)
    places = first.value_counts().head(_SAMPLE)  # the most frequent places
    lats = places.index.get_level_values("lat").to_numpy()
    lons = places.index.get_level_values("lon").to_numpy()
    counts = places.groupby(country_at(lats, lons)).sum()
    if not len(counts) or counts.max() * 2 <= len(first):
        return None
    return str(counts.idxmax())


def _named(iso: str) -> str:
    """A country's name and code: "Moldova (MD)"."""
    from linkgraph.geo.places import world

    names = {c["iso"]: c["name"] for c in world()["countries"] if c.get("iso")}
    return f"{names[iso]} ({iso})" if iso in names else iso


def _maps_points(groups: list[Any]) -> bool:
    """Whether one of ``groups`` (a slot's fields, a link's attributes) reads a latitude
    and a longitude."""
    return any(
        {COORDINATE_NAMES.get(str(k).lower()) for k in fields} >= {"lat", "lon"}
        for fields in groups
    )


def _present(fields: Mapping[str, FieldSpec], plan: ColumnPlan) -> list[str]:
    """The names of ``fields`` that can read a value under ``plan``: a constant, a
    file-level fact, or a column the file has."""
    return [
        name
        for name, spec in fields.items()
        if spec.value is not None
        or spec.fact is not None
        or plan.column(spec) is not None
        or bool(plan.columns(spec))
    ]


def attr_degrees(attrs: pa.Array, axis: str) -> pa.Array:
    """The degrees (text) of a latitude or a longitude in each JSON object of ``attrs``
    (null where there is none), read in Arrow."""
    pattern = rf'(?:^\{{|, )"(?i:{_KEYS[axis]})": "(?P<deg>[^"]*)"'
    return pc.struct_field(pc.extract_regex(attrs, pattern), "deg")


def _points(table: pd.DataFrame, name: str) -> pd.DataFrame:
    """The points of a built table, rows with both axes only: its position (``pos``),
    ``table`` name, row, a number for its source and row (``key``) and the degrees."""
    from linkgraph.ingest._columns import arrow_text

    if table.empty or "attrs" not in table.columns:
        return pd.DataFrame()
    attrs = arrow_text(table["attrs"])
    lat, lon = attr_degrees(attrs, "lat"), attr_degrees(attrs, "lon")
    both = pc.and_(pc.is_valid(lat), pc.is_valid(lon)).to_numpy(zero_copy_only=False)
    pos = np.flatnonzero(both)
    if not len(pos):
        return pd.DataFrame()
    if len(pos) < len(table):
        lat, lon = lat.filter(pa.array(both)), lon.filter(pa.array(both))
    out = pd.DataFrame(
        {
            "pos": pos,
            "table": name,
            "row": table["row"].to_numpy(dtype="float64", na_value=np.nan)[pos],
            "key": _row_keys(table["source"], table["row"])[pos],
            "lat": _numbers(lat),
            "lon": _numbers(lon),
        }
    )
    return out[np.isfinite(out["lat"].to_numpy()) & np.isfinite(out["lon"].to_numpy())]


_TEXT = {
    axis: re.compile(rf'(?:^\{{|, )"(?P<key>(?i:{keys}))": "(?P<deg>[^"]*)"')
    for axis, keys in _KEYS.items()
}
_DETAILS = ("source", "of", "lat_key", "lon_key", "lat_text", "lon_text")


def _detailed(points: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """``points`` (a few) with their source, slot or kind (``of``), and each axis's key
    and degrees as text, read from their tables."""
    cells: dict[str, list[Any]] = {k: [] for k in _DETAILS}
    for name, pos in zip(points["table"], points["pos"], strict=True):
        row = tables[name].iloc[int(pos)]
        cells["source"].append(str(row["source"]))
        cells["of"].append(str(row["slot" if name == "mentions" else "kind"]))
        for axis in ("lat", "lon"):
            found = _TEXT[axis].search(str(row["attrs"]))
            cells[f"{axis}_key"].append(found["key"] if found else axis)
            cells[f"{axis}_text"].append(found["deg"] if found else "")
    return points.assign(**cells)


def _numbers(text: pa.Array) -> np.ndarray:
    """Degrees as written by :func:`read_coordinates` ("47.0105") as floats."""
    try:
        return np.asarray(pc.cast(text, pa.float64()).to_numpy(zero_copy_only=False))
    except pa.ArrowInvalid:  # not written by read_coordinates: read what is a number
        return pd.to_numeric(pd.Series(text.to_pylist()), errors="coerce").to_numpy("float64")


def _row_countries(
    points: pd.DataFrame, mentions: pd.DataFrame
) -> list[tuple[np.ndarray, str, str]]:
    """(points, country, "row") for each country a mention of the points' rows holds
    (a phone's, from its number; a place's)."""
    if mentions.empty or "country" not in mentions.columns:
        return []
    has = mentions["country"].notna().to_numpy(dtype=bool)
    if not has.any():
        return []
    codes, countries = pd.factorize(mentions["country"][has])
    key_of_mentions = _row_keys(mentions["source"], mentions["row"])[has]
    key_of_points = points["key"].to_numpy()
    return [
        (np.flatnonzero(np.isin(key_of_points, key_of_mentions[codes == k])), str(iso), "row")
        for k, iso in enumerate(countries)
    ]


def _row_keys(source: pd.Series, row: pd.Series) -> np.ndarray:
    """One number per (source, row) pair: the row, and the source's hash above it."""
    codes, names = pd.factorize(source)
    sources = pd.util.hash_array(np.asarray(names, dtype="object"))[codes]
    rows = row.astype("Int64").fillna(-1).to_numpy(dtype="int64").astype("uint64")
    return (sources << np.uint64(32)) ^ rows


def _dropped(
    null: pd.DataFrame, mentions: pd.DataFrame, links: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``mentions`` and ``links`` without the coordinates of the points of ``null``
    (their keys set to null), a mention flagged ``null_island``."""
    out = {"mentions": mentions, "links": links}
    for name, part in null.groupby("table"):
        table = out[str(name)].copy()
        pos = part["pos"].to_numpy()
        col = table.columns.get_loc("attrs")
        texts = [
            _without(str(text), (str(a), str(b)))
            for text, a, b in zip(
                table.iloc[pos, col], part["lat_key"], part["lon_key"], strict=True
            )
        ]
        table.iloc[pos, col] = texts
        if name == "mentions":
            table = _flagged(table, pos, NULL_ISLAND)
        out[str(name)] = table
    return out["mentions"], out["links"]


def _without(text: str, keys: tuple[str, str]) -> str:
    for key in keys:
        text = re.sub(rf'"{re.escape(key)}": "[^"]*"', f'"{key}": null', text, count=1)
    return text


def _marked(
    swapped: pd.DataFrame, mentions: pd.DataFrame, links: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A swapped point's mention flagged, its link given the attribute ``latlon_swapped:
    yes`` (as a transfer of unknown amount is marked)."""
    if swapped.empty:
        return mentions, links
    out = {"mentions": mentions, "links": links}
    for name, part in swapped.groupby("table"):
        table = out[str(name)].copy()
        pos = part["pos"].to_numpy()
        if name == "mentions":
            table = _flagged(table, pos, SWAPPED)
        else:
            col = table.columns.get_loc("attrs")
            marked = [str(text)[:-1] + f', "{SWAPPED}": "yes"}}' for text in table.iloc[pos, col]]
            table.iloc[pos, col] = marked
        out[str(name)] = table
    return out["mentions"], out["links"]


def _flagged(table: pd.DataFrame, pos: np.ndarray, flag: str) -> pd.DataFrame:
    """``table`` with ``flag`` added to the flags of the rows at ``pos``."""
    flags = (
        table["flags"].astype("string")
        if "flags" in table.columns
        else pd.Series(pd.NA, index=table.index, dtype="string")
    )
    at = flags.iloc[pos]
    flags.iloc[pos] = at.where(at.isna(), at + ";" + flag).fillna(flag).to_numpy()
    table["flags"] = flags
    return table
