"""Latitudes and longitudes read as numbers and range-checked, column-wise.

A mapping's ``lat`` and ``lon`` (of a place or of a link, e.g. a call's cell) are read as
decimal degrees: ``48.4647``, ``48,4647`` (decimal comma), ``-35.0462``, ``48.4647°``,
``N 48.4647`` or ``35.0462 W`` (a hemisphere letter gives the sign). A value that is no
number, or lies outside [-90, 90] (latitude) or [-180, 180] (longitude), is rejected as
``lat_invalid`` / ``lon_invalid`` and never stored: Google's ``latitudeE7`` (484647000)
is no latitude until divided by 10^7.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

#: Attribute names read as a latitude or a longitude, and the axis each is.
COORDINATE_NAMES = {"lat": "lat", "latitude": "lat", "lon": "lon", "lng": "lon",
                    "long": "lon", "longitude": "lon"}  # fmt: skip
_LIMIT = {"lat": 90.0, "lon": 180.0}
_HEMISPHERES = {"lat": "NS", "lon": "EW"}
_NEGATIVE = "SW"
_NUMBER = (
    r"^\s*(?P<pre>[NSEWnsew])?\s*(?P<num>[-+−]?\d+(?:[.,]\d+)?|[-+−]?[.,]\d+)\s*°?\s*"
    r"(?P<post>[NSEWnsew])?\s*$"
)


def read_coordinates(values: pd.Series, axis: str) -> tuple[pd.Series, pd.Series]:
    """Decimal degrees of a latitude (``axis="lat"``) or longitude (``"lon"``) column.

    Returns ``(degrees, failed)``: ``degrees`` as text ("48.4647"), ``<NA>`` where the
    cell is empty or ``failed``; ``failed`` is True where a value is written but is no
    number in range.

    Examples:
        >>> s = pd.Series(["48.4647", "48,4647", "484647000", "x", None, "35.0 S", " "])
        >>> deg, bad = read_coordinates(s, "lat")
        >>> deg.tolist()
        ['48.4647', '48.4647', <NA>, <NA>, <NA>, '-35.0', <NA>]
        >>> bad.tolist()
        [False, False, True, True, False, False, False]
    """
    text = values.astype("string").str.strip()
    written = text.notna() & text.ne("")
    parts = text.str.extract(_NUMBER)
    number = parts["num"].str.replace(",", ".", regex=False).str.replace("−", "-", regex=False)
    degrees = pd.to_numeric(number, errors="coerce").astype("float64")
    pre, post = parts["pre"].str.upper(), parts["post"].str.upper()
    letter = pre.fillna(post)
    both = pre.notna() & post.notna()
    wrong_letter = letter.notna() & ~letter.isin(list(_HEMISPHERES[axis]))
    signed = number.str.startswith("-").fillna(False)
    negative = letter.isin(list(_NEGATIVE)).fillna(False).to_numpy(dtype=bool)
    magnitude = degrees.abs().to_numpy()
    degrees = pd.Series(np.where(negative, -magnitude, degrees.to_numpy()), index=values.index)
    failed = written & (
        degrees.isna()
        | (degrees.abs() > _LIMIT[axis])
        | both.fillna(False)
        | wrong_letter.fillna(False)
        | (signed & letter.notna())
    )
    failed = failed.fillna(False).astype(bool)
    shown = degrees.where(written & ~failed).astype("Float64").astype("string")
    return shown, failed


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
