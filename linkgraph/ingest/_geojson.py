"""GeoJSON (RFC 7946) is not read yet: a FeatureCollection of places read as JSON records
made each feature a person "living at" its address, its coordinates dropped. Such a file
is told by its first bytes, whatever its extension, and refused with how to read it."""

from __future__ import annotations

import re
from pathlib import Path

from linkgraph.errors import InputError

#: Bytes read to tell GeoJSON: its ``"type"`` comes first as GeoJSON writers put it.
_HEAD_BYTES = 64 << 10
#: A GeoJSON object's type, at the top of the document.
_GEOJSON_TYPE = re.compile(rb'^\s*\{\s*"type"\s*:\s*"(FeatureCollection|Feature)"')
#: Its features' geometry, when ``type`` is not the first key.
_GEOMETRY = re.compile(rb'"type"\s*:\s*"(?:Feature|FeatureCollection)".*"geometry"\s*:', re.S)


def is_geojson(path: Path) -> bool:
    """Whether a file is a GeoJSON Feature or FeatureCollection (its first 64 KiB: a top
    ``"type": "FeatureCollection"``, or a Feature type with a ``"geometry"``).

    Examples:
        >>> import tempfile
        >>> d = Path(tempfile.mkdtemp())
        >>> (d / "a.json").write_text('{"type": "FeatureCollection", "features": []}')
        45
        >>> (d / "b.json").write_text('[{"type": "Feature", "name": "Ana"}]')
        36
        >>> is_geojson(d / "a.json"), is_geojson(d / "b.json")
        (True, False)
    """
    with path.open("rb") as handle:
        head = handle.read(_HEAD_BYTES).removeprefix(b"\xef\xbb\xbf")
    return bool(_GEOJSON_TYPE.match(head) or _GEOMETRY.search(head))


def geojson_error(path: Path) -> InputError:
    """The error for a GeoJSON file: not read yet, and how to read its places."""
    return InputError(
        f"{path.name!r} is GeoJSON (features with geometries), which linkgraph does not read"
        " yet: read as plain JSON its places would become persons and lose their"
        " coordinates",
        source=path.name,
        hint="convert it to CSV with a column for each property and the point's lat and lon"
        " (`ogr2ogr -f CSV places.csv FILE -lco GEOMETRY=AS_XY`, or QGIS: Export > Save"
        " Features As > CSV), then map its rows as places: `entities: {place: {type:"
        " location, fields: {name: name, address: address, lat: Y, lon: X}}}` (the"
        " coordinates are kept in the location's attrs)",
    )
