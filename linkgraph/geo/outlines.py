"""Which country a point lies in, by the country outlines the map ships (Natural Earth
1:110m, :func:`linkgraph.geo.places.world`): coarse (coasts and borders simplified to
some 10 km), enough to tell that a point is in Moldova and not in Saudi Arabia, not to
place a point near a border. Points are tested column-wise (numpy), each ring's box first.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from linkgraph.geo.places import world

#: Points tested against a ring's edges at once (a points x edges matrix of booleans).
_BATCH = 4096


class _Ring:
    """One ring of a country's outline: its vertices as longitude and latitude arrays,
    and its box."""

    __slots__ = ("box", "lat", "lon")

    def __init__(self, points: list[list[float]]) -> None:
        xy = np.asarray(points, dtype="float64")
        self.lon, self.lat = xy[:, 0], xy[:, 1]
        self.box = (self.lat.min(), self.lat.max(), self.lon.min(), self.lon.max())


@lru_cache(maxsize=1)
def _rings() -> dict[str, tuple[_Ring, ...]]:
    """ISO alpha-2 code -> the rings of the country's outline."""
    out: dict[str, tuple[_Ring, ...]] = {}
    for country in world()["countries"]:
        iso = country.get("iso")
        if iso:
            rings = tuple(_Ring(r) for r in country["rings"] if len(r) >= 3)
            out[str(iso)] = out.get(str(iso), ()) + rings
    return out


def known_countries() -> frozenset[str]:
    """The ISO codes that have an outline (tiny states such as Malta have none)."""
    return frozenset(_rings())


def _in_box(lat: np.ndarray, lon: np.ndarray, box: tuple[float, ...], margin: float) -> np.ndarray:
    south, north, west, east = box
    return (
        (lat >= south - margin)
        & (lat <= north + margin)
        & (lon >= west - margin)
        & (lon <= east + margin)
    )


def _crossings(lat: np.ndarray, lon: np.ndarray, ring: _Ring) -> np.ndarray:
    """Whether each point lies inside ``ring`` (even-odd rule: a ray to the east crosses
    its edges an odd number of times)."""
    x0, y0 = ring.lon, ring.lat
    x1, y1 = np.roll(x0, -1), np.roll(y0, -1)
    inside = np.zeros(len(lat), dtype=bool)
    for start in range(0, len(lat), _BATCH):
        py = lat[start : start + _BATCH, None]
        px = lon[start : start + _BATCH, None]
        spans = (y0 > py) != (y1 > py)
        with np.errstate(divide="ignore", invalid="ignore"):
            at_x = x0 + (py - y0) * (x1 - x0) / (y1 - y0)
        odd = np.count_nonzero(spans & (px < at_x), axis=1) % 2 == 1
        inside[start : start + _BATCH] = odd
    return inside


def inside(lat: np.ndarray, lon: np.ndarray, iso: str) -> np.ndarray:
    """Whether each point (decimal degrees) lies inside the outline of country ``iso``
    (False for a country with no outline)."""
    lat, lon = np.asarray(lat, dtype="float64"), np.asarray(lon, dtype="float64")
    hit = np.zeros(len(lat), dtype=bool)
    for ring in _rings().get(iso.upper(), ()):
        near = np.flatnonzero(_in_box(lat, lon, ring.box, 0.0))
        if len(near):
            hit[near] ^= _crossings(lat[near], lon[near], ring)  # a hole is a ring inside
    return hit


def near(lat: np.ndarray, lon: np.ndarray, iso: str, margin: float = 1.0) -> np.ndarray:
    """Whether each point lies within the box of one of the rings of country ``iso``,
    widened by ``margin`` degrees: a point near the country, coasts and borders aside."""
    lat, lon = np.asarray(lat, dtype="float64"), np.asarray(lon, dtype="float64")
    hit = np.zeros(len(lat), dtype=bool)
    for ring in _rings().get(iso.upper(), ()):
        hit |= _in_box(lat, lon, ring.box, margin)
    return hit


def country_at(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """The ISO code of the country each point lies in (an object array; None at sea, or
    where no outline holds it).

    Examples:
        >>> country_at(np.array([47.0105, 28.8638, 0.0]), np.array([28.8638, 47.0105, 0.0]))
        array(['MD', 'SA', None], dtype=object)
    """
    lat, lon = np.asarray(lat, dtype="float64"), np.asarray(lon, dtype="float64")
    found = np.full(len(lat), None, dtype=object)
    for iso in _rings():
        todo = np.flatnonzero(found == None)  # noqa: E711 (elementwise)
        if not len(todo):
            break
        found[todo[inside(lat[todo], lon[todo], iso)]] = iso
    return found
