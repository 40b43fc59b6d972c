"""The briefing report: one offline, printable HTML file that traces every figure to a table."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from linkgraph._io import write_text
from linkgraph.graph import EntityGraph
from linkgraph.graph_cache import case_graph
from linkgraph.model import Case
from linkgraph.render._html import csp, esc, fill, template, vis_js
from linkgraph.render.config import RenderConfig
from linkgraph.render.map import display_labels, map_html
from linkgraph.schema import ENTITY_TYPES, link_kind

log = logging.getLogger(__name__)

#: Entity types ranked as actors (people and organisations, not their phones).
ACTOR_TYPES = ("person", "organisation")
_TOP = 10


@dataclass(frozen=True)
class DisruptionCurve:
    """Share of entities left in the largest connected group as key players are removed.

    ``removed[i]`` entities (``order[:removed[i]]``) are gone when ``largest[i]`` (a
    fraction of all entities) is measured; ``method`` says how ``order`` was chosen.
    """

    order: list[str]
    removed: list[int]
    largest: list[float]
    method: str


def disruption_curve(
    graph: EntityGraph,
    order: Sequence[str],
    *,
    method: str = "ranking",
) -> DisruptionCurve:
    """Remove the entities of ``order`` one by one and measure the largest component.

    Each point removes the first ``k`` entities and counts the largest weakly connected
    group among the rest, as a share of all entities of the graph.
    """
    simple = graph.view(weighted=False)
    n = simple.vcount()
    pos = pd.Series(np.arange(n), index=graph.entity_ids.astype(str))
    idx = [int(pos[i]) for i in order if i in pos.index]
    removed, largest = [], []
    for k in range(len(idx) + 1):
        rest = simple.copy()
        rest.delete_vertices(idx[:k])
        giant = max(rest.connected_components().sizes(), default=0) if rest.vcount() else 0
        removed.append(k)
        largest.append(round(giant / n, 4) if n else 0.0)
    return DisruptionCurve([str(i) for i in order], removed, largest, method)


def _key_player_curve(graph: EntityGraph, metrics: pd.DataFrame | None, k: int) -> DisruptionCurve:
    """The colleague's key-player search when linkgraph.metrics provides it, else a greedy
    ranking by betweenness (or degree) whose disruption is measured here."""
    try:
        from linkgraph.metrics.key_players import disruption

        steps = disruption(graph, by="betweenness", k=k, sequential=True, efficiency=False)
        ids = [str(x) for x in steps.attrs["removed"]][:k]
        return disruption_curve(
            graph, ids, method="sequential removal by betweenness (linkgraph.metrics.disruption)"
        )
    except Exception as exc:  # a report must not fail on one section
        log.warning("disruption failed (%s); falling back to a betweenness ranking", exc)
    ids = graph.entity_ids.astype(str)
    if metrics is not None and "betweenness_centrality" in metrics.columns:
        frame = metrics.set_index("entity_id") if "entity_id" in metrics.columns else metrics
        score = pd.to_numeric(frame["betweenness_centrality"], errors="coerce").reindex(ids)
        method = "ranking by metrics.betweenness_centrality"
    else:
        score = pd.Series(graph.view(weighted=False).degree(), index=ids, dtype=float)
        method = "ranking by degree (no metrics)"
    ranked = (
        pd.DataFrame({"id": ids, "s": score.fillna(0).to_numpy()})
        .sort_values(["s", "id"], ascending=[False, True], kind="mergesort")["id"]
        .head(k)
    )
    return disruption_curve(graph, ranked.tolist(), method=method)


# -- small HTML builders: every value goes through esc() ------------------------------------


def _table(
    headers: Sequence[str], rows: Sequence[Sequence[object]], source: str, *, numeric: int = 0
) -> str:
    """A table; the last ``numeric`` columns are right-aligned; ``source`` in small print."""
    if not rows:
        return f'<p class="empty">No rows.</p><p class="src">Source: {esc(source)}</p>'
    first_num = len(headers) - numeric
    head = "".join(
        f"<th{' class=num' if i >= first_num else ''}>{esc(h)}</th>" for i, h in enumerate(headers)
    )
    body = "".join(
        "<tr>"
        + "".join(
            f"<td{' class=num' if i >= first_num else ''}>{esc(_num(v))}</td>"
            for i, v in enumerate(r)
        )
        + "</tr>"
        for r in rows
    )
    return (
        f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        f'<p class="src">Source: {esc(source)}</p>'
    )


def _num(v: object) -> object:
    if isinstance(v, float | np.floating):
        if not np.isfinite(v):
            return ""
        return f"{v:,.4g}" if abs(v) < 1e4 else f"{v:,.0f}"
    if isinstance(v, int | np.integer) and not isinstance(v, bool):
        return f"{int(v):,}"
    return v


def _section(anchor: str, heading: str, body: str, intro: str = "") -> str:
    lead = f'<p class="lead">{esc(intro)}</p>' if intro else ""
    return f'<section id="{esc(anchor)}"><h2>{esc(heading)}</h2>{lead}{body}</section>'


def _svg_curve(curve: DisruptionCurve, name: Callable[[str], str]) -> str:
    """The disruption curve as an inline SVG line chart (no script)."""
    w, h, left, right, top, bottom = 640, 300, 56, 16, 16, 44
    pw, ph = w - left - right, h - top - bottom
    kmax = max(curve.removed[-1], 1)

    def x(k: float) -> float:
        return left + pw * k / kmax

    def y(v: float) -> float:
        return top + ph * (1 - v)

    grid = []
    for v in (0, 0.25, 0.5, 0.75, 1.0):
        grid.append(
            f'<line x1="{left}" x2="{w - right}" y1="{y(v):.1f}" y2="{y(v):.1f}" class="grid"/>'
            f'<text x="{left - 6}" y="{y(v) + 4:.1f}" text-anchor="end">{int(v * 100)}%</text>'
        )
    step = max(1, kmax // 10)
    for k in range(0, kmax + 1, step):
        grid.append(f'<text x="{x(k):.1f}" y="{h - bottom + 16}" text-anchor="middle">{k}</text>')
    pts = " ".join(
        f"{x(k):.1f},{y(v):.1f}" for k, v in zip(curve.removed, curve.largest, strict=True)
    )
    dots = "".join(
        f'<circle cx="{x(k):.1f}" cy="{y(v):.1f}" r="3">'
        f"<title>{esc(_removed_text(curve, k, v, name))}</title></circle>"
        for k, v in zip(curve.removed, curve.largest, strict=True)
    )
    return (
        f'<svg class="chart" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" '
        'aria-label="disruption curve">'
        + "".join(grid)
        + f'<line x1="{left}" x2="{left}" y1="{top}" y2="{h - bottom}" class="axis"/>'
        f'<line x1="{left}" x2="{w - right}" y1="{h - bottom}" y2="{h - bottom}" class="axis"/>'
        f'<polyline points="{pts}" class="curve"/>{dots}'
        f'<text x="{left + pw / 2:.0f}" y="{h - 6}" text-anchor="middle">key players removed</text>'
        f'<text transform="translate(14 {top + ph / 2:.0f}) rotate(-90)" text-anchor="middle">'
        "largest connected group</text></svg>"
    )


def _removed_text(curve: DisruptionCurve, k: int, v: float, name: Callable[[str], str]) -> str:
    who = name(curve.order[k - 1]) if k else "nobody"
    return f"{k} removed (last: {who}): largest group {v:.0%} of entities"


# -- the report -------------------------------------------------------------------------------


def report_html(
    case: Case,
    *,
    config: RenderConfig | None = None,
    title: str = "Network analysis briefing",
    include_map: bool = True,
    graph: EntityGraph | None = None,
) -> str:
    """The briefing report of ``case`` as one HTML document (see :func:`render_report`)."""
    from linkgraph import __version__

    config = config if config is not None else RenderConfig()
    graph = graph if graph is not None else case_graph(case)
    show = not config.pseudonymize_victims
    labels = display_labels(graph, show_victims=show)
    labels.index = graph.entity_ids.astype(str)
    metrics = case.metrics

    def name(eid: str) -> str:
        return str(labels.get(str(eid), eid))

    sections = [
        _sources(case),
        _entities(case, graph, name),
        _top_actors(graph, metrics, name),
        _communities(graph, metrics, name),
        _brokers(graph, metrics, name),
        _cross_border(graph, name),
        _key_players(graph, metrics, name),
    ]
    scripts: list[str] = []
    if include_map and len(graph):
        doc = map_html(
            graph, metrics=metrics, case=case, config=config, title=f"{title}: network map"
        )
        scripts = [vis_js(), template("map.js")]
        sections.append(
            _section(
                "map",
                "Network map",
                f'<iframe class="map" srcdoc="{esc(doc)}" sandbox="allow-scripts" '
                'title="network map"></iframe>'
                '<p class="src">The map file of `linkgraph render`, embedded: click an entity for '
                "its mentions and evidence.</p>",
            )
        )
    counts = case.summary()
    victims_note = (
        "Victims are shown by stable pseudonyms (Victim-xxxxxx)."
        if not show
        else "Victims' names are shown (--show-victims)."
    )
    header = (
        f"<h1>{esc(title)}</h1><p class=meta>Case created {esc(case.manifest.get('created'))}, "
        f"updated {esc(case.manifest.get('updated'))} · linkgraph {esc(__version__)} · "
        f"{counts['mentions']:,} mentions, {counts['links']:,} links, "
        f"{counts['rejects']:,} rejects, {counts['entities']:,} entities · {esc(victims_note)}</p>"
    )
    nav = "".join(
        f'<a href="#{a}">{esc(t)}</a>'
        for a, t in (
            ("sources", "Sources"),
            ("entities", "Entities"),
            ("actors", "Top actors"),
            ("communities", "Communities"),
            ("brokers", "Brokers"),
            ("cross-border", "Cross-border"),
            ("key-players", "Key players"),
            ("map", "Map"),
        )
    )
    return fill(
        template("report.html"),
        {
            # The embedded map is a srcdoc frame, which inherits this policy: allow its scripts.
            "csp": esc(csp(scripts)),
            "title": esc(title),
            "css": template("report.css"),
            "header": header,
            "nav": nav,
            "body": "".join(sections),
        },
    )


def render_report(
    case: Case,
    path: str | os.PathLike[str],
    *,
    config: RenderConfig | None = None,
    title: str = "Network analysis briefing",
    include_map: bool = True,
) -> Path:
    """Write the briefing report of an analysed case as one offline HTML file.

    Sections: sources and rejects, entities before and after resolution, top actors per
    measure, communities with members, brokers, cross-border links, key players with the
    disruption curve (inline SVG), and the embedded map. Every table names the case table
    and columns it comes from. Victims appear by pseudonym unless the config says
    ``pseudonymize_victims: false``.

    Args:
        case: the case; sections that need metrics say so when ``case.metrics`` is None.
        path: the HTML file to write (atomically).
        config: the render config.
        title: the report's heading.
        include_map: embed the interactive map (the largest part of the file).

    Returns:
        ``path``.
    """
    return write_text(path, report_html(case, config=config, title=title, include_map=include_map))


# -- sections ---------------------------------------------------------------------------------


def _sources(case: Case) -> str:
    m, li, rj = case.mentions, case.links, case.rejects
    per = pd.DataFrame(
        {
            "agency": m.groupby("source")["agency"].agg(
                lambda s: ", ".join(sorted({str(a) for a in s.dropna()}))
            ),
            "rows": m.groupby("source")["row"].nunique(),
            "mentions": m.groupby("source").size(),
        }
    )
    link_src = li.groupby("source").size()
    per = per.reindex(per.index.union(link_src.index))
    per["links"] = link_src.reindex(per.index).fillna(0).astype(int)
    rej_rows = rj[rj["level"].fillna("row") == "row"] if "level" in rj else rj
    rej_src = rj.groupby("source").size()
    per = per.reindex(per.index.union(rej_src.index))
    per["rejects"] = rej_src.reindex(per.index).fillna(0).astype(int)
    per["rows rejected"] = (
        rej_rows.groupby("source").size().reindex(per.index).fillna(0).astype(int)
    )
    per = per.fillna({"agency": "", "rows": 0, "mentions": 0, "links": 0})
    rows = [
        [s, r["agency"], int(r["rows"]), int(r["mentions"]), int(r["links"]), int(r["rejects"]),
         int(r["rows rejected"])]
        for s, r in per.iterrows()
    ]  # fmt: skip
    inputs = case.manifest.get("inputs", [])
    input_rows = [
        [i.get("name") or i.get("path") or "", (i.get("sha256") or "")[:16], i.get("preset") or ""]
        for i in inputs
        if isinstance(i, dict)
    ]
    reasons = (
        rj.assign(level=rj["level"].fillna("row"))
        .groupby(["source", "level", "reason"], dropna=False)
        .size()
        .rename("n")
        .reset_index()
        .sort_values(["n", "source", "reason"], ascending=[False, True, True])
        .head(25)
    )
    body = _table(
        ["source", "agency", "rows used", "mentions", "links", "rejects", "rows rejected"],
        rows,
        "mentions.source/agency/row, links.source, rejects.source/level",
        numeric=5,
    )
    if input_rows:
        body += "<h3>Input files</h3>" + _table(
            ["input", "SHA-256 (first 16)", "preset"], input_rows, "manifest.json inputs"
        )
    body += "<h3>What was rejected, and why</h3>" + _table(
        ["source", "level", "reason", "count"],
        [[r.source, r.level, r.reason, int(r.n)] for r in reasons.itertuples()],
        "rejects.source/level/reason (level row: nothing used from the row; value: one value "
        "kept raw and flagged)",
        numeric=1,
    )
    return _section(
        "sources",
        "Sources and rejects",
        body,
        "Every input row is either used or listed as a reject.",
    )


def _entities(case: Case, graph: EntityGraph, name: Callable[[str], str]) -> str:
    m = case.mentions
    ent = case.entity_of().astype(str)
    frame = pd.DataFrame(
        {
            "type": m["type"].astype(str).to_numpy(),
            "entity": ent.reindex(m["mention_id"]).to_numpy(),
        }
    )
    per = frame.groupby("type").agg(mentions=("entity", "size"), entities=("entity", "nunique"))
    rows = [
        [ENTITY_TYPES[t].label if t in ENTITY_TYPES else t, int(r.mentions), int(r.entities),
         int(r.mentions - r.entities)]
        for t, r in per.iterrows()
    ]  # fmt: skip
    rows.append(["all", int(per["mentions"].sum()), int(frame["entity"].nunique()),
                 int(per["mentions"].sum() - frame["entity"].nunique())])  # fmt: skip
    body = _table(
        ["type", "mentions (before)", "entities (after)", "merged away"],
        rows,
        "mentions.type; resolution.entity_id (each mention is its own entity when absent)",
        numeric=3,
    )
    if case.resolution is None:
        body += '<p class="empty">The case is not resolved yet: run `linkgraph resolve`.</p>'
    nodes = graph.nodes.sort_values("mentions", ascending=False, kind="mergesort").head(_TOP)
    body += "<h3>Entities merged from the most mentions</h3>" + _table(
        ["entity", "type", "mentions", "sources", "agencies"],
        [
            [name(i), r["type"], int(r["mentions"]), int(r["sources"]), r["agencies"]]
            for i, r in nodes.iterrows()
        ],
        "resolution.entity_id grouped; mentions.source/agency",
        numeric=0,
    )
    return _section("entities", "Entities before and after resolution", body)


def _metric_frame(graph: EntityGraph, metrics: pd.DataFrame | None) -> pd.DataFrame | None:
    if metrics is None or metrics.empty:
        return None
    frame = metrics.set_index("entity_id") if "entity_id" in metrics.columns else metrics.copy()
    frame.index = frame.index.astype(str)
    frame = frame[~frame.index.duplicated()]
    frame = frame.reindex(graph.entity_ids.astype(str))
    frame["type"] = graph.nodes["type"].astype(str).to_numpy()
    return frame


def _measures(frame: pd.DataFrame) -> list[str]:
    return [
        c
        for c in frame.columns
        if c not in ("label", "type", "community", "component")
        and pd.api.types.is_numeric_dtype(frame[c])
    ]


def _no_metrics(anchor: str, heading: str) -> str:
    return _section(
        anchor,
        heading,
        '<p class="empty">No metrics in this case yet: run `linkgraph analyze`.</p>',
    )


def _top_actors(
    graph: EntityGraph, metrics: pd.DataFrame | None, name: Callable[[str], str]
) -> str:
    frame = _metric_frame(graph, metrics)
    if frame is None:
        return _no_metrics("actors", "Top actors per measure")
    actors = frame[frame["type"].isin(ACTOR_TYPES)]
    parts = []
    for col in _measures(frame):
        top = (
            actors.assign(_id=actors.index)
            .sort_values([col, "_id"], ascending=[False, True], kind="mergesort")
            .head(_TOP)
        )
        rows = [
            [k + 1, name(i), r["type"], _community_text(r), r[col]]
            for k, (i, r) in enumerate(top.iterrows())
        ]
        parts.append(
            f'<div class="measure"><h3>{esc(col)}</h3>'
            + _table(["#", "entity", "type", "community", col], rows, f"metrics.{col}", numeric=1)
            + "</div>"
        )
    return _section(
        "actors",
        "Top actors per measure",
        '<div class="grid">' + "".join(parts) + "</div>",
        "People and organisations only; ties are broken by entity id.",
    )


def _community_text(r: pd.Series) -> object:
    c = r.get("community")
    return "" if c is None or pd.isna(c) else int(c)


def _communities(
    graph: EntityGraph, metrics: pd.DataFrame | None, name: Callable[[str], str]
) -> str:
    frame = _metric_frame(graph, metrics)
    if frame is None or "community" not in frame.columns:
        return _no_metrics("communities", "Communities")
    rank_by = next(
        (c for c in ("pagerank", "betweenness_centrality", "degree_centrality") if c in frame), None
    )
    frame = frame.assign(country=graph.nodes["country"].astype("string").fillna("").to_numpy())
    sizes = frame["community"].dropna().astype(int).value_counts()
    order = sorted(sizes.index, key=lambda c: (-sizes[c], c))
    rows = []
    for c in order[:30]:
        members = frame[frame["community"] == c]
        if rank_by is not None:
            members = members.assign(_id=members.index).sort_values(
                [rank_by, "_id"], ascending=[False, True], kind="mergesort"
            )
        actors = members[members["type"].isin(ACTOR_TYPES)]
        listed = ", ".join(name(i) for i in actors.index[:12])
        more = len(actors) - 12
        types = ", ".join(f"{t} {n}" for t, n in members["type"].value_counts().items())
        countries = ", ".join(sorted({x for x in members["country"] if x}))
        rows.append(
            [
                c,
                listed + (f" … and {more} more" if more > 0 else ""),
                types,
                countries,
                int(sizes[c]),
            ]
        )
    note = f"{len(order)} communities; the 30 largest are listed." if len(order) > 30 else ""
    return _section(
        "communities",
        "Communities and their members",
        _table(
            ["community", "leading people and organisations", "entity types", "countries", "size"],
            rows,
            "metrics.community"
            + (f"; members ordered by metrics.{rank_by}" if rank_by else "")
            + "; graph country (mentions.country/nationality)",
            numeric=1,
        ),
        note,
    )


def _brokers(graph: EntityGraph, metrics: pd.DataFrame | None, name: Callable[[str], str]) -> str:
    frame = _metric_frame(graph, metrics)
    if frame is None or "community" not in frame.columns:
        return _no_metrics("brokers", "Brokers")
    simple = graph.view(weighted=False)
    com = frame["community"].to_numpy()
    bridged = []
    for v in range(simple.vcount()):
        own = com[v]
        others = {com[u] for u in simple.neighbors(v)} - {own}
        bridged.append(len({o for o in others if not pd.isna(o)}))
    frame = frame.assign(bridged=bridged, _id=frame.index)
    by = "betweenness_centrality" if "betweenness_centrality" in frame else "bridged"
    top = frame[(frame["bridged"] > 0) & frame["type"].isin(ACTOR_TYPES)].sort_values(
        ["bridged", by, "_id"], ascending=[False, False, True], kind="mergesort"
    )
    rows = [
        [name(i), r["type"], _community_text(r), int(r["bridged"]), r.get(by, np.nan)]
        for i, r in top.head(15).iterrows()
    ]
    return _section(
        "brokers",
        "Brokers between communities",
        _table(
            ["entity", "type", "own community", "other communities linked", by],
            rows,
            f"metrics.community of each entity and its linked entities (graph links); metrics.{by}",
            numeric=2,
        ),
        "People and organisations with links into other communities than their own.",
    )


def _cross_border(graph: EntityGraph, name: Callable[[str], str]) -> str:
    e = graph.edges
    country = graph.nodes["country"].astype("string").fillna("")
    a = country.reindex(e["src"]).fillna("").to_numpy()
    b = country.reindex(e["dst"]).fillna("").to_numpy()
    mask = (a != "") & (b != "") & (a != b)
    cross = e[mask].assign(ca=a[mask], cb=b[mask])
    if cross.empty:
        body = '<p class="empty">No links join entities of two different countries.</p>'
        return _section("cross-border", "Cross-border links", body)
    pair = np.where(cross["ca"] < cross["cb"], cross["ca"] + " – " + cross["cb"],
                    cross["cb"] + " – " + cross["ca"])  # fmt: skip
    summary = (
        cross.assign(pair=pair, label=cross["kind"].map(lambda k: link_kind(str(k)).label))
        .groupby(["pair", "label"])
        .agg(links=("count", "sum"), amount=("amount", lambda s: s.sum(min_count=1)))
        .reset_index()
        .sort_values(["links", "pair"], ascending=[False, True])
        .head(20)
    )
    body = _table(
        ["countries", "kind", "links", "amount"],
        [[r.pair, r.label, int(r.links), r.amount] for r in summary.itertuples()],
        "graph links (links.kind/amount aggregated per entity pair) whose two entities have "
        "different country (mentions.country, else nationality)",
        numeric=2,
    )
    top = cross.sort_values(["weight", "src", "dst"], ascending=[False, True, True]).head(15)
    body += "<h3>Strongest cross-border links</h3>" + _table(
        ["from", "country", "kind", "to", "country", "links", "weight"],
        [
            [
                name(r.src),
                r.ca,
                link_kind(str(r.kind)).label,
                name(r.dst),
                r.cb,
                int(r.count),
                float(r.weight),
            ]
            for r in top.itertuples()
        ],
        "graph links: count = links behind it, weight = sum of links.weight; rows in the map",
        numeric=2,
    )
    return _section("cross-border", "Cross-border links", body)


def _key_players(
    graph: EntityGraph, metrics: pd.DataFrame | None, name: Callable[[str], str]
) -> str:
    if len(graph) == 0:
        return _section("key-players", "Key players", '<p class="empty">The graph is empty.</p>')
    k = min(20, len(graph))
    curve = _key_player_curve(graph, metrics, k)
    rows = [
        [i + 1, name(eid), graph.nodes.loc[eid, "type"] if eid in graph.nodes.index else "",
         f"{curve.largest[i]:.1%}", f"{curve.largest[i + 1]:.1%}"]
        for i, eid in enumerate(curve.order)
    ]  # fmt: skip
    body = (
        '<figure class="chart">'
        + _svg_curve(curve, name)
        + f"<figcaption>Removing the key players one by one ({esc(curve.method)}): the largest "
        "connected group of entities, as a share of all "
        f"{len(graph):,} entities (links taken as undirected).</figcaption></figure>"
        + _table(
            ["#", "entity", "type", "largest group before", "after removal"],
            rows,
            f"{curve.method}; connectivity computed on the graph's links",
            numeric=2,
        )
    )
    return _section("key-players", "Key players and the disruption curve", body)


__all__ = ["DisruptionCurve", "disruption_curve", "render_report", "report_html"]
