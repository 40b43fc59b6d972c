"""Cell-site lists: a carrier's list of its cells (or OpenCelliD's), one row per cell with
its id and position, joined to the cell ids of the CDRs read with it.

A cell-site list is recognised by its headers: a cell id (``cell_id``, ``cell``, ``ci``,
``tower``, ...), a latitude and a longitude, and no caller or callee. Given among the files
of one ``linkgraph ingest`` (``linkgraph ingest calls.csv cells.csv --preset cdr``), it
makes no mentions of its own: each call whose cell is in the list gets that cell's ``lat``
and ``lon`` as if the CDR had them (the CDR's own coordinates win where a row has them).
A list row without a usable position is a reject with its reason; one cell id on two rows
with different positions is warned about (the first row's is used).

A cell id is unique only within its network and location area: OpenCelliD's list, and many
carriers', repeat one id in other areas (``mcc``, ``net``/``mnc``, ``area``/``lac``/``tac``
columns). Where the list and the CDR both have such columns, a call is matched on every one
they share as well as on its cell; a CDR cell written as a global id (``MCC-MNC-LAC-CI``,
e.g. ``234-15-1021-5301``) gives them too. A call that names only a cell id listed in
several areas at different positions gets no position (counted and warned about, with the
column to add), rather than a guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from linkgraph.ingest._columns import header_index, header_key, reject_frame
from linkgraph.ingest._coordinates import COORDINATE_NAMES, read_coordinates
from linkgraph.ingest._examples import CANDIDATES, WITHHELD

#: Headers of a cell id, most specific first (a list with ``cell_id`` and ``site`` is
#: keyed by the cell).
CELL_ID_NAMES = (
    "cell_id", "cellid", "cell", "cid", "ci", "cgi", "ecgi", "cell_global_id", "tower_id",
    "tower", "cell_tower", "site_id", "site",
)  # fmt: skip
#: Headers of what makes a cell id unique, by what each is: the network's country and
#: operator codes and the location (or tracking) area. OpenCelliD writes ``mcc``, ``net``
#: and ``area``.
QUALIFIER_NAMES: dict[str, tuple[str, ...]] = {
    "mcc": ("mcc", "mobile_country_code"),
    "mnc": ("mnc", "net", "mobile_network_code"),
    "area": ("lac", "tac", "area", "lac_tac", "location_area_code", "tracking_area_code"),
}
#: A cell global id: MCC-MNC-LAC-CI (any of - / . _ : or a space between the parts).
_GLOBAL_ID = re.compile(r"^\s*(\d{3})[-/._: ](\d{2,3})[-/._: ](\w+)[-/._: ](\w+)\s*$")
LAT_NAMES = ("lat", "latitude", "cell_lat", "cell_latitude")
LON_NAMES = ("lon", "lng", "long", "longitude", "cell_lon", "cell_longitude")
#: Headers of a call's parties: a file with one is a CDR, not a cell-site list.
_PARTY_NAMES = (
    "caller", "calling_number", "a_number", "from_number", "msisdn_a", "source_number",
    "callee", "called_number", "b_number", "to_number", "msisdn_b", "destination_number",
    "msisdn", "served_msisdn", "a_party", "b_party", "anumber", "bnumber",
)  # fmt: skip
#: Columns a CDR's chunk is given with its cells' positions, read by the mapping's link
#: ``lat`` and ``lon`` after the CDR's own; never part of a mention's ``raw`` row.
LAT_COLUMN = "linkgraph_cell_site_lat"
LON_COLUMN = "linkgraph_cell_site_lon"
JOINED_COLUMNS = frozenset({LAT_COLUMN, LON_COLUMN})
#: Conflicting cells and missing cells named in a warning.
_SHOWN = 3
_INTEGER = re.compile(r"^0*(\d+?)(?:\.0+)?$")


def cell_site_columns(headers: list[str]) -> tuple[str, str, str] | None:
    """The (cell id, latitude, longitude) headers of a cell-site list, or None when
    ``headers`` are not one's (a column missing, or a caller/callee column: a CDR).

    Examples:
        >>> cell_site_columns(["cell_id", "site_name", "lat", "lon", "azimuth"])
        ('cell_id', 'lat', 'lon')
        >>> cell_site_columns(["radio", "mcc", "net", "area", "cell", "unit", "lon", "lat"])
        ('cell', 'lat', 'lon')
        >>> cell_site_columns(["caller", "callee", "cell_id", "lat", "lon"]) is None
        True
    """
    index = header_index([str(h) for h in headers])
    if any(name in index for name in _PARTY_NAMES):
        return None
    found = [_first(index, names) for names in (CELL_ID_NAMES, LAT_NAMES, LON_NAMES)]
    if any(f is None for f in found):
        return None
    return found[0], found[1], found[2]  # type: ignore[return-value]


def _first(index: dict[str, str], names: tuple[str, ...]) -> str | None:
    return next((index[n] for n in names if n in index), None)


def cell_keys(values: pd.Series) -> pd.Series:
    """Cell ids compared loosely: blanks around them and case ignored, a number without
    its leading zeros or a spreadsheet's ``.0`` ("004471", "4471.0" and "4471" are one
    cell); ``""`` where none is written. Each distinct id is read once (a CDR's million
    rows name a few hundred cells).

    Examples:
        >>> cell_keys(pd.Series(["004471", "4471.0", " ab-12 ", None, "0"])).tolist()
        ['4471', '4471', 'AB-12', '', '0']
    """
    codes, distinct = pd.factorize(values)
    keys = _loose_keys(pd.Series(np.asarray(distinct, dtype=object), dtype="string"))
    out = np.where(codes >= 0, keys[np.maximum(codes, 0)] if len(keys) else "", "")
    return pd.Series(out, index=values.index, dtype=object)


def _loose_keys(text: pd.Series) -> np.ndarray:
    """The keys (:func:`cell_keys`) of distinct cell ids, as an object array."""
    loose = text.str.strip().str.upper().fillna("")
    return loose.str.replace(_INTEGER, r"\1", regex=True).to_numpy(dtype=object)


@dataclass(slots=True)
class CellSites:
    """The usable rows of the cell-site lists of one ingest, in the lists' order: each
    row's cell id (``key``, :func:`cell_keys`), what makes it unique (``mcc``, ``mnc``,
    ``area``: ``""`` where a list has no such column), its latitude and longitude as text
    degrees (``lat``, ``lon``) and as numbers (``lat_deg``, ``lon_deg``); and the lists'
    names."""

    sites: pd.DataFrame
    names: list[str] = field(default_factory=list)
    #: list rows by cell id (row positions in ``sites``), built on first use
    _by_key: dict[str, np.ndarray] | None = None

    def __len__(self) -> int:
        """The cells: distinct cell ids within their network and area."""
        return len(self.sites.drop_duplicates(["key", *QUALIFIER_NAMES]))

    def qualified(self) -> tuple[str, ...]:
        """The qualifiers (``mcc``, ``mnc``, ``area``) some list row gives."""
        return tuple(q for q in QUALIFIER_NAMES if self.sites[q].ne("").any())

    def position_of(self, key: str, given: dict[str, str]) -> int | None:
        """The row of ``sites`` that places a call of cell ``key`` whose row gives the
        qualifiers ``given`` (blank ones not given): the first list row of that cell that
        no given qualifier contradicts. -1 when that cell is not listed; None when the
        rows left differ in their network or area and give different positions (which
        cell is meant cannot be told)."""
        if self._by_key is None:
            groups = self.sites.groupby("key", sort=False).indices
            self._by_key = {str(k): np.asarray(v) for k, v in groups.items()}
        rows = self._by_key.get(key)
        if rows is None:
            return -1
        for q, value in given.items():
            if value:
                written = self.sites[q].to_numpy()[rows]
                rows = rows[(written == value) | (written == "")]
        if not len(rows):
            return -1
        if len(rows) > 1:
            at = self.sites.iloc[rows]
            places = at[["lat_deg", "lon_deg"]].round(6).drop_duplicates()
            networks = at[list(QUALIFIER_NAMES)].drop_duplicates()
            if len(places) > 1 and len(networks) > 1:
                return None
        return int(rows[0])


def qualifier_columns(headers: list[str]) -> dict[str, str]:
    """The columns of ``headers`` that make a cell id unique, by what each is (see
    :data:`QUALIFIER_NAMES`).

    Examples:
        >>> qualifier_columns(["radio", "mcc", "net", "area", "cell", "lon", "lat"])
        {'mcc': 'mcc', 'mnc': 'net', 'area': 'area'}
        >>> qualifier_columns(["caller", "callee", "LAC", "CI"])
        {'area': 'LAC'}
    """
    index = header_index([str(h) for h in headers])
    found = {q: _first(index, names) for q, names in QUALIFIER_NAMES.items()}
    return {q: c for q, c in found.items() if c is not None}


@dataclass(slots=True)
class CellSiteList:
    """One cell-site list read: its usable rows (``key``, ``lat``, ``lon``, ``row``,
    ``cell`` as written), its rejects (REJECTS columns), rows read and columns."""

    name: str
    rows: int
    sites: pd.DataFrame
    rejects: pd.DataFrame
    columns: tuple[str, str, str]


def read_cell_site_list(frame: pd.DataFrame, rows: np.ndarray, name: str) -> CellSiteList:
    """The cells of a cell-site list's rows (``frame``: text cells, ``rows``: their row
    numbers): a row without a cell id (``no_cell_id``), without a latitude or longitude
    (``no_coordinates``), with one that is no number in range (``lat_invalid``,
    ``lon_invalid``) or at 0, 0 (``null_island``) is a reject, not a cell."""
    columns = cell_site_columns(list(map(str, frame.columns)))
    if columns is None:
        raise ValueError(f"{name} is no cell-site list")
    cell_col, lat_col, lon_col = columns
    keys = cell_keys(frame[cell_col])
    qualifiers = qualifier_columns(list(map(str, frame.columns)))
    qualified = {q: cell_keys(frame[c]).to_numpy() for q, c in qualifiers.items()}
    lat, lat_bad = read_coordinates(frame[lat_col], "lat")
    lon, lon_bad = read_coordinates(frame[lon_col], "lon")
    no_cell = (keys == "").to_numpy(dtype=bool)
    lat_bad_, lon_bad_ = lat_bad.to_numpy(dtype=bool), lon_bad.to_numpy(dtype=bool)
    missing = (lat.isna() & ~lat_bad | lon.isna() & ~lon_bad).to_numpy(dtype=bool)
    degrees_lat = pd.to_numeric(lat, errors="coerce").to_numpy("float64", na_value=np.nan)
    degrees_lon = pd.to_numeric(lon, errors="coerce").to_numpy("float64", na_value=np.nan)
    null = (degrees_lat == 0) & (degrees_lon == 0)
    point = frame[lat_col].astype(str) + ", " + frame[lon_col].astype(str)
    checks = [  # in order: a row is rejected once, for the first reason it has
        (no_cell, cell_col, "no_cell_id", frame[cell_col]),
        (lat_bad_, lat_col, "lat_invalid", frame[lat_col]),
        (lon_bad_, lon_col, "lon_invalid", frame[lon_col]),
        (missing, f"{lat_col}, {lon_col}", "no_coordinates", point),
        (null, f"{lat_col}, {lon_col}", "null_island", point),
    ]
    rejected = np.zeros(len(frame), dtype=bool)
    rejects = []
    for mask, column, reason, values in checks:
        hit = mask & ~rejected
        if hit.any():
            rejects.append(reject_frame(name, rows, hit, column, reason, values, "row"))
        rejected |= hit
    keep = ~rejected
    sites = pd.DataFrame(
        {
            "key": keys.to_numpy()[keep],
            "lat": lat.to_numpy()[keep],
            "lon": lon.to_numpy()[keep],
            "lat_deg": degrees_lat[keep],
            "lon_deg": degrees_lon[keep],
            "row": np.asarray(rows)[keep],
            "cell": frame[cell_col].to_numpy()[keep],
            "source": name,
            **{q: (qualified[q][keep] if q in qualified else "") for q in QUALIFIER_NAMES},
        }
    )
    found = (
        pd.concat(rejects, ignore_index=True).sort_values("row", kind="stable", ignore_index=True)
        if rejects
        else pd.DataFrame()
    )
    return CellSiteList(name, len(frame), sites, found, columns)


def combined(lists: list[CellSiteList]) -> tuple[CellSites, dict[str, list[str]]]:
    """The cells of ``lists`` (every usable row, in order: a call takes the first that
    fits it), and per list, the warnings of one cell (id within its network and area)
    given two positions."""
    frames = [cl.sites for cl in lists if len(cl.sites)]
    if not frames:
        columns = ["key", *QUALIFIER_NAMES, "lat", "lon", "lat_deg", "lon_deg"]
        return CellSites(pd.DataFrame(columns=columns), [cl.name for cl in lists]), {}
    sites = pd.concat(frames, ignore_index=True)
    # one position per cell: coordinates written alike ("47.0", "47.00") are one
    at = sites.assign(lat_deg=sites["lat_deg"].round(6), lon_deg=sites["lon_deg"].round(6))
    cell = ["key", *QUALIFIER_NAMES]
    positions = at.drop_duplicates([*cell, "lat_deg", "lon_deg"])
    twice = positions.duplicated(cell, keep=False).to_numpy()
    notes = _conflict_notes(positions[twice]) if twice.any() else {}
    return CellSites(sites, [cl.name for cl in lists]), notes


def _conflict_notes(conflicts: pd.DataFrame) -> dict[str, list[str]]:
    """The warning of the cell ids on rows of different positions, by the list of each
    one's first row."""
    groups = list(conflicts.groupby(["key", *QUALIFIER_NAMES], sort=False))
    examples = []
    for _, g in groups[:_SHOWN]:
        where = "; ".join(
            f"{src} row {int(r):,}: {a}, {b}"
            for src, r, a, b in zip(g["source"], g["row"], g["lat"], g["lon"], strict=True)
        )
        examples.append(f"{g['cell'].iloc[0]} ({where})")
    more = f" and {len(groups) - _SHOWN:,} more" if len(groups) > _SHOWN else ""
    count = f"{len(groups):,} cell id{'s' * (len(groups) > 1)}"
    text = (
        f"{count} of the cell-site list {'are' if len(groups) > 1 else 'is'} given different"
        f" positions on different rows: {'; '.join(examples)}{more}. Each call of such a cell"
        " is placed at its first row's position: check the list (one cell id per row; an"
        " OpenCelliD list repeats a cell id in other networks and areas: keep only the"
        " carrier's)"
    )
    first_list = str(groups[0][1]["source"].iloc[0])
    return {first_list: [text]}


def _such_as(examples: list[str]) -> str:
    """The calls a note quotes, " (such as 12345 (row 3), ...)", or that they are withheld
    (:data:`~linkgraph.ingest._examples.WITHHELD`) when each was on a victim's row."""
    return f" (such as {', '.join(examples)})" if examples else f" {WITHHELD}"


@dataclass(slots=True)
class CellJoin:
    """Positions the rows of one CDR by their cell: :meth:`added` gives each chunk the
    columns :data:`LAT_COLUMN` and :data:`LON_COLUMN` (the cell's position where the row
    names a listed cell and has no coordinates of its own), and counts the rows whose
    cell is not in the lists."""

    sites: CellSites
    cell: tuple[str, ...]
    own: tuple[tuple[str, ...], ...]
    rows: int = 0
    positioned: int = 0
    unlisted: int = 0
    examples: list[str] = field(default_factory=list)
    #: calls of a cell listed in several networks or areas that their row does not tell
    ambiguous: int = 0
    ambiguous_examples: list[str] = field(default_factory=list)
    #: the chunk's candidate examples, (the list they are for, file row, text), kept by
    #: :meth:`settle` when the row is no victim's (a call's cell tells where she was)
    pending: list[tuple[list[str], int, str]] = field(default_factory=list)

    def added(self, frame: pd.DataFrame, rows: np.ndarray) -> pd.DataFrame:
        """``frame`` with the cell-site position columns."""
        n = len(frame)
        self.rows += n
        index = header_index(list(map(str, frame.columns)))
        cell_col = _first(index, tuple(header_key(c) for c in self.cell))
        lat = np.full(n, "", dtype=object)
        lon = np.full(n, "", dtype=object)
        if cell_col is not None and n:
            pos, written = self._listed_at(frame, cell_col)
            listed = pos >= 0
            has_own = self._has_own(frame, index)
            use = listed & ~has_own
            lat[use] = self.sites.sites["lat"].to_numpy()[pos[use]]
            lon[use] = self.sites.sites["lon"].to_numpy()[pos[use]]
            self.positioned += int(use.sum())
            values = frame[cell_col].to_numpy()
            missing = written & (pos == -1)
            self.unlisted += int(missing.sum())
            self._keep_examples(self.examples, missing, values, rows)
            unsure = written & (pos == -2) & ~has_own
            self.ambiguous += int(unsure.sum())
            self._keep_examples(self.ambiguous_examples, unsure, values, rows)
        return frame.assign(**{LAT_COLUMN: lat, LON_COLUMN: lon})

    def _keep_examples(
        self, examples: list[str], hit: np.ndarray, values: np.ndarray, rows: np.ndarray
    ) -> None:
        if hit.any() and len(examples) < _SHOWN:
            at = np.flatnonzero(hit)[:CANDIDATES]
            self.pending += [(examples, int(rows[i]), f"{values[i]} (row {int(rows[i]):,})")
                             for i in at]  # fmt: skip

    def settle(self, victim_rows: Iterable[int]) -> None:
        """Keep the chunk's examples that are on no row of ``victim_rows`` (the chunk's
        rows that mark a victim, known once it is built)."""
        hers = {int(r) for r in victim_rows}
        for examples, row, text in self.pending:
            if row not in hers and len(examples) < _SHOWN:
                examples.append(text)
        self.pending.clear()

    def _listed_at(self, frame: pd.DataFrame, cell_col: str) -> tuple[np.ndarray, np.ndarray]:
        """Each row's position in the lists' rows (-1: not listed; -2: listed in several
        networks or areas at different positions, and the row does not say which), and
        whether it names a cell; each distinct cell (with its network and area, where the
        row and the lists give them) looked up once."""
        qualified = self.sites.qualified()
        cells = frame[cell_col]
        codes, distinct = pd.factorize(cells)
        texts = pd.Series(np.asarray(distinct, dtype=object), dtype="string")
        keys = _loose_keys(texts)
        parts = {q: np.full(len(keys), "", dtype=object) for q in qualified}
        if qualified and len(keys):
            # a cell written as its global id, MCC-MNC-LAC-CI
            found = texts.str.extract(_GLOBAL_ID)
            hit = found[0].notna().to_numpy()
            if hit.any():
                keys[hit] = _loose_keys(found.loc[hit, 3])
                for q, at in (("mcc", 0), ("mnc", 1), ("area", 2)):
                    if q in parts:
                        parts[q][hit] = _loose_keys(found.loc[hit, at])
        named = np.append(keys != "", False)[codes]  # the code -1: no cell written
        table = pd.DataFrame({"key": np.append(keys, "")[codes]})
        own = qualifier_columns(list(map(str, frame.columns)))
        for q in qualified:
            from_cell = np.append(parts[q], "")[codes]
            if q in own:  # the row's own column; the global id where it is blank
                written = cell_keys(frame[own[q]]).to_numpy()
                from_cell = np.where(written != "", written, from_cell)
            table[q] = from_cell
        if not qualified:
            lookup = self.sites.sites.drop_duplicates("key")
            at = pd.Index(lookup["key"].to_numpy(dtype=object)).get_indexer(table["key"])
            return np.where(at >= 0, lookup.index.to_numpy()[np.maximum(at, 0)], -1), named
        groups, uniques = pd.MultiIndex.from_frame(table).factorize()
        found_at = np.array(
            [
                -1 if not u[0] else self._position(u[0], dict(zip(qualified, u[1:], strict=True)))
                for u in uniques
            ],
            dtype="intp",
        )
        return found_at[groups], named

    def _position(self, key: str, given: dict[str, str]) -> int:
        at = self.sites.position_of(key, given)
        return -2 if at is None else at

    def _has_own(self, frame: pd.DataFrame, index: dict[str, str]) -> np.ndarray:
        """Rows with a coordinate of their own (in a column the mapping reads)."""
        own = np.zeros(len(frame), dtype=bool)
        for alternatives in self.own:
            col = _first(index, tuple(header_key(c) for c in alternatives))
            if col is not None:
                own |= frame[col].astype("string").str.strip().fillna("").ne("").to_numpy()
        return own

    def notes(self) -> list[str]:
        """The summary's warnings of the calls whose cell is not in the lists, and of
        those whose cell the lists hold in several networks or areas."""
        lists = ", ".join(self.sites.names)
        notes = []
        if self.unlisted:
            notes.append(
                f"{self.unlisted:,} of {self.rows:,} calls name a cell not in the cell-site"
                f" list ({lists}): kept, without a position{_such_as(self.examples)};"
                " check that the list is the carrier's for these calls and the cell ids are"
                " written alike"
            )
        if self.ambiguous:
            notes.append(
                f"{self.ambiguous:,} of {self.rows:,} calls name a cell id that the cell-site"
                f" list ({lists}) holds in several networks or areas at different positions,"
                " and their row does not say which: kept, without a position"
                f"{_such_as(self.ambiguous_examples)}. Keep the CDR's location-area column"
                " (LAC or TAC; mcc and mnc too) with a header the list's matches, or write the"
                " cell as its global id, MCC-MNC-LAC-CI"
            )
        return notes

    def info(self) -> dict[str, Any]:
        """The manifest entry's record of the join."""
        return {
            "lists": list(self.sites.names),
            "positioned": self.positioned,
            "not_listed": self.unlisted,
            "ambiguous": self.ambiguous,
        }


def cell_link_specs(mapping: Any) -> list[Any]:
    """The mapping's links that keep a cell id among their attributes."""
    return [lk for lk in mapping.links if any(_is_cell(k) for k in lk.attrs)]


def _is_cell(key: str) -> bool:
    return header_key(str(key)) in CELL_ID_NAMES


def join_for(mapping: Any, sites: CellSites) -> tuple[Any, CellJoin] | None:
    """``mapping`` whose cell-keeping links read a latitude and a longitude from the
    cell-site columns after their own, and the :class:`CellJoin` that adds those columns;
    None when no link of ``mapping`` keeps a cell id."""
    from linkgraph.ingest.mapping import FieldSpec

    links = cell_link_specs(mapping)
    if not links:
        return None
    cell_spec = next(s for k, s in links[0].attrs.items() if _is_cell(k))
    own: list[tuple[str, ...]] = []
    new_links = []
    keeping = {id(lk) for lk in links}
    for link in mapping.links:
        if id(link) not in keeping:
            new_links.append(link)
            continue
        attrs = dict(link.attrs)
        for axis, column in (("lat", LAT_COLUMN), ("lon", LON_COLUMN)):
            key = next((k for k in attrs if COORDINATE_NAMES.get(str(k).lower()) == axis), axis)
            spec = attrs.get(key)
            if spec is None or spec.constant:
                attrs[key] = FieldSpec(column=(column,)) if spec is None else spec
                continue
            parts = ((spec.column,) if spec.column else tuple(spec.columns)) + ((column,),)
            own += [p for p in parts[:-1] if p]
            attrs[key] = FieldSpec(columns=parts, first=True)
        new_links.append(replace(link, attrs=attrs))
    cell = tuple(cell_spec.column) or tuple(c for part in cell_spec.columns for c in part)
    return replace(mapping, links=tuple(new_links)), CellJoin(sites, cell, tuple(own))


def probe_cell_site_list(path: Path) -> bool:
    """Whether the table ``path`` (a .gz or .zip's table too) is a cell-site list, by the
    header among its first lines: a delimited file's first 64 KiB only, so that a CDR of a
    million rows is not read twice."""
    from linkgraph.errors import InputError
    from linkgraph.ingest.archive import readable_file
    from linkgraph.ingest.readers import guess_format, read_chunks

    try:
        readable = readable_file(path)
        fmt = guess_format(readable)
        if fmt in ("csv", "tsv"):
            return any(cell_site_columns(row) is not None for row in _first_lines(readable))
        if fmt != "xlsx":
            return False
        chunks = read_chunks(readable, fmt, chunk_rows=50)
        first = next(iter(chunks), None)
    except (InputError, OSError, ValueError, UnicodeError):
        return False
    return first is not None and cell_site_columns(list(map(str, first.frame.columns))) is not None


def _first_lines(path: Path, lines: int = 10) -> list[list[str]]:
    """The first ``lines`` rows of a delimited text file, split into cells."""
    import csv
    import io

    from linkgraph.ingest.readers import detect_encoding, sniff_delimiter

    with path.open("rb") as fh:
        head = fh.read(65536)
    text = head.decode(detect_encoding(path), errors="replace")
    sample = "\n".join(text.splitlines()[:lines])
    return list(csv.reader(io.StringIO(sample), delimiter=sniff_delimiter(sample)))


def read_cell_site_file(path: Path, name: str) -> tuple[CellSiteList, str]:
    """A cell-site list file read whole (a .gz or .zip's table too), chunk by chunk, and
    its format."""
    from linkgraph.ingest.archive import readable_file
    from linkgraph.ingest.readers import guess_format, read_chunks

    readable = readable_file(path)
    fmt = guess_format(readable)
    parts: list[CellSiteList] = []
    reader_rejects: list[dict[str, Any]] = []
    for chunk in read_chunks(readable, fmt):
        reader_rejects += chunk.rejects
        parts.append(read_cell_site_list(chunk.frame, chunk.rows, name))
    if not parts:
        empty = pd.DataFrame(columns=["key", "lat", "lon", "lat_deg", "lon_deg", "row"])
        return CellSiteList(name, 0, empty, pd.DataFrame(), ("", "", "")), fmt
    rejects = [p.rejects for p in parts if len(p.rejects)]
    if reader_rejects:
        rejects.insert(0, pd.DataFrame(reader_rejects).assign(source=name))
    whole = CellSiteList(
        name,
        sum(p.rows for p in parts),
        pd.concat([p.sites for p in parts], ignore_index=True),
        pd.concat(rejects, ignore_index=True) if rejects else pd.DataFrame(),
        parts[0].columns,
    )
    return whole, fmt
