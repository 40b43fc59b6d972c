"""The briefing report: one offline, printable HTML file that traces every figure to a table."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from linkgraph._counts import counted
from linkgraph._io import write_text
from linkgraph.graph import EntityGraph
from linkgraph.graph_cache import case_graph
from linkgraph.model import Case
from linkgraph.privacy import is_victim, protected_in
from linkgraph.ranking import (
    TIE_BREAK,
    eigenvector_scope_said,
    no_ranking_said,
    rank_by,
    ranks_no_one,
)
from linkgraph.redact import redact_output
from linkgraph.render._html import csp, esc, fill, srcdoc, template, vis_js
from linkgraph.render._person_view import person_projection
from linkgraph.render._report_blocks import _section, _table
from linkgraph.render.config import RenderConfig, victims_named_by
from linkgraph.render.glossary import GLOSSARY, term
from linkgraph.render.map import display_labels, map_html
from linkgraph.render.report_resolution import resolution_section
from linkgraph.render.report_stability import stability_section
from linkgraph.schema import ENTITY_TYPES, link_kind

log = logging.getLogger(__name__)

#: Entity types ranked as actors (people and organisations, not their phones).
ACTOR_TYPES = ("person", "organisation")
_TOP = 10


def _svg_curve(steps: list[int], largest: list[float], who: list[str]) -> str:
    """The key-player curve as an inline SVG line chart (no script)."""
    w, h, left, right, top, bottom = 640, 300, 56, 16, 16, 44
    pw, ph = w - left - right, h - top - bottom
    kmax = max(steps[-1], 1)

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
    pts = " ".join(f"{x(k):.1f},{y(v):.1f}" for k, v in zip(steps, largest, strict=True))
    dots = "".join(
        f'<circle cx="{x(k):.1f}" cy="{y(v):.1f}" r="3">'
        f"<title>{esc(f'{k} removed (last: {name}): largest group {v:.0%}')}</title></circle>"
        for k, v, name in zip(steps, largest, who, strict=True)
    )
    return (
        f'<svg class="chart" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" '
        'aria-label="key-player curve">'
        + "".join(grid)
        + f'<line x1="{left}" x2="{left}" y1="{top}" y2="{h - bottom}" class="axis"/>'
        f'<line x1="{left}" x2="{w - right}" y1="{h - bottom}" y2="{h - bottom}" class="axis"/>'
        f'<polyline points="{pts}" class="curve"/>{dots}'
        f'<text x="{left + pw / 2:.0f}" y="{h - 6}" text-anchor="middle">key players removed</text>'
        f'<text transform="translate(14 {top + ph / 2:.0f}) rotate(-90)" text-anchor="middle">'
        "largest connected group</text></svg>"
    )


# -- the report -------------------------------------------------------------------------------


def report_html(
    case: Case,
    *,
    config: RenderConfig | None = None,
    title: str = "Network analysis briefing",
    include_map: bool = True,
    graph: EntityGraph | None = None,
    map_file: str | None = None,
    show_victims: bool | None = None,
) -> str:
    """The briefing report of ``case`` as one HTML document (see :func:`render_report`)."""
    from linkgraph import __version__

    config = config if config is not None else RenderConfig()
    named_by = victims_named_by(config, show_victims)
    show = named_by is not None
    if not show:
        # Victims' names in file names, events' labels, ... (linkgraph/redact.py).
        case, graph = redact_output(case, graph)
    graph = graph if graph is not None else case_graph(case)
    labels = display_labels(graph, show_victims=show, case=case)
    labels.index = graph.entity_ids.astype(str)
    metrics = case.metrics

    def name(eid: str) -> str:
        return str(labels.get(str(eid), eid))

    # Victims and whoever is shown by pseudonym beside them (a namesake on her phone):
    # their mentions' spellings are withheld too.
    victims = graph.nodes["role"].map(is_victim).fillna(False).astype(bool).to_numpy()
    persons = graph.nodes["type"].astype(str).eq("person").to_numpy()
    victims = victims | (protected_in(graph, case) & persons)
    secret = set() if show else set(graph.entity_ids.astype(str)[victims].tolist())

    def hidden(eid: str) -> bool:
        return str(eid) in secret

    sections = [
        _sources(case),
        _victim_role_warning(case),
        _unknown_role_warning(case),
        _entities(case, graph, name),
        resolution_section(case, name, hidden),
        _network_statistics(case),
        _top_actors(graph, metrics, name),
        _communities(case, name),
        _brokers(graph, metrics, name),
        _cross_border(graph, name),
        _key_players(case, graph, name),
        stability_section(case, graph, name),
        _glossary(metrics),
    ]
    scripts: list[str] = []
    sections.insert(-1, _routes(case, labels, scripts))
    if include_map and len(graph):
        doc = map_html(
            graph,
            metrics=metrics,
            case=case,
            config=config,
            show_victims=show_victims,
            title=f"{title}: network map",
        )
        scripts += [vis_js(), template("map.js")]
        sections.append(
            _section(
                "map",
                "Network map",
                f'<iframe class="map" srcdoc="{srcdoc(doc)}" sandbox="allow-scripts" '
                'title="network map"></iframe>'
                '<p class="src">The map file of `linkgraph render`, embedded: click an entity for '
                "its mentions and evidence.</p>",
            )
        )
    elif map_file:
        sections.append(
            _section(
                "map",
                "Network map",
                f'<p>The interactive map is the file <a href="{esc(map_file)}">{esc(map_file)}</a> '
                "beside this report.</p>",
            )
        )
    counts = case.summary()
    victims_note = (
        "Victims are shown by stable pseudonyms (Victim-xxxxxx)."
        if not show
        else f"Victims' names are shown ({named_by}): do not share."
    )
    header = (
        f"<h1>{esc(title)}</h1><p class=meta>Case created {esc(case.manifest.get('created'))}, "
        f"updated {esc(case.manifest.get('updated'))} · linkgraph {esc(__version__)} · "
        f"{counted(counts['mentions'], 'mention')}, {counted(counts['links'], 'link')}, "
        f"{counted(counts['rejects'], 'reject')}, "
        f"{counted(counts['entities'], 'entity', 'entities')} · {esc(victims_note)}</p>"
    )
    nav = "".join(
        f'<a href="#{a}">{esc(t)}</a>'
        for a, t in (
            ("sources", "Sources"),
            ("entities", "Entities"),
            ("resolution", "Resolution"),
            ("network", "Network"),
            ("actors", "Top actors"),
            ("communities", "Communities"),
            ("brokers", "Brokers"),
            ("cross-border", "Cross-border"),
            ("key-players", "Key players"),
            ("routes", "Routes"),
            ("stability", "How sure"),
            ("glossary", "Glossary"),
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


def _routes(case: Case, labels: pd.Series, scripts: list[str]) -> str:
    """The routes section (linkgraph/render/routes.py); its view's script joins ``scripts``."""
    from linkgraph.render.routes import report_section

    html, needed = report_section(case, labels)
    scripts.extend(needed)
    return html


def render_report(
    case: Case,
    path: str | os.PathLike[str],
    *,
    config: RenderConfig | None = None,
    title: str = "Network analysis briefing",
    include_map: bool = True,
    graph: EntityGraph | None = None,
    map_file: str | None = None,
    show_victims: bool | None = None,
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
        graph: the case's entity graph when already built (else built from ``case``).
        map_file: without the embedded map, the map file to point to (a relative path).
        show_victims: show victims' names; default: pseudonyms, unless the config says
            ``pseudonymize_victims: false`` (the report says which of the two named them).

    Returns:
        ``path``.
    """
    text = report_html(
        case,
        config=config,
        title=title,
        include_map=include_map,
        graph=graph,
        map_file=map_file,
        show_victims=show_victims,
    )
    return write_text(path, text)


# -- sections ---------------------------------------------------------------------------------


def _victim_role_warning(case: Case) -> str:
    """A warning naming the sources with persons of no role and none marked as a victim,
    so that nobody there is protected as a victim: read from the ingest's record in the
    manifest (the source's ``persons_without_role``, or its ingest warning in cases
    ingested before that key)."""
    names = [
        str(i.get("name") or i.get("path") or "")
        for i in case.manifest.get("inputs", [])
        if isinstance(i, dict)
        and (
            i.get("persons_without_role")
            or any(
                str(w).startswith("no person is marked as a victim")
                for w in i.get("warnings") or []
            )
        )
    ]
    if not names:
        return ""
    joined = _persons_joined_to_victims(case, names)
    return (
        '<p class="lead"><strong>Warning: no person is marked as a victim in '
        f"{esc(', '.join(names))}.</strong> These sources hold persons with no role and none"
        " marked as a victim, so their persons are protected as victims in this report and"
        " the map only where resolution joins them to a victim marked in another file"
        f" ({joined:,} of their person mentions are); map the victims' role"
        " (`role: {value: victim}` on their slot, or a role column) and ingest again.</p>"
        '<p class="src">Source: manifest.json inputs (persons_without_role); mentions and'
        " resolution (entity of each mention)</p>"
    )


def _persons_joined_to_victims(case: Case, sources: list[str]) -> int:
    """How many person mentions of ``sources`` resolution joined to an entity with a
    mention marked as a victim (in another file)."""
    from linkgraph.privacy import is_victim

    m = case.mentions
    if m.empty:
        return 0
    entity = case.entity_of().reindex(m["mention_id"]).to_numpy()
    marked = m["role"].map(is_victim).fillna(False).astype(bool).to_numpy()
    victims = set(entity[marked])
    theirs = (m["type"].eq("person") & m["source"].astype(str).isin(sources)).to_numpy()
    return int(pd.Series(entity[theirs]).isin(list(victims)).sum())


def _unknown_role_warning(case: Case) -> str:
    """A warning naming the roles ingest did not understand, by source: a victim written in
    a wording the vocabulary lacks is not protected (the manifest's ``roles_not_understood``)."""
    found = [
        f"{i.get('name') or i.get('path')}: "
        + ", ".join(
            f"{role!r} ({rows:,} row{'s' * (rows != 1)})" for role, rows in list(roles.items())[:5]
        )
        + (f" and {len(roles) - 5:,} more" if len(roles) > 5 else "")
        for i in case.manifest.get("inputs", [])
        if isinstance(i, dict)
        and isinstance(roles := i.get("roles_not_understood"), dict)
        and roles
    ]
    if not found:
        return ""
    return (
        '<p class="lead"><strong>Warning: roles not understood</strong> in '
        f"{esc('; '.join(found))}. Persons with these roles are not protected as victims in"
        " this report or the map; if some are victims, write their role in a known word or"
        " give their slot `role: {value: victim}` (docs/mapping.md), and ingest again.</p>"
        '<p class="src">Source: manifest.json inputs (roles_not_understood)</p>'
    )


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


_STATISTICS = (
    # key in the analyze step's graph_statistics, words, what it tells
    ("nodes", "entities", "entities in the analysed graph"),
    ("edges", "ties", "pairs of two entities linked (links of one pair count once)"),
    ("arcs", "arcs", "ordered pairs linked, in the direction of the link"),
    ("density", "density", "share of all possible pairs (ordered pairs when directed) linked"),
    ("components", "connected parts", "groups with no tie between them"),
    ("largest_component", "largest connected part", "entities in the biggest part"),
    ("degree_centralization", "degree centralisation",
     "0: ties evenly spread; 1: one entity holds them all (a star)"),
    ("betweenness_centralization", "betweenness centralisation",
     "0: no one controls the paths; 1: every path runs through one entity"),
    ("average_clustering", "average clustering",
     "how often an entity's contacts are tied to each other, on average"),
    ("transitivity", "transitivity", "share of connected triples that close into triangles"),
    ("largest_strong_component", "largest strongly connected part",
     "entities that can all reach each other following the direction"),
    ("diameter", "diameter", "longest shortest path (of the largest part), in steps or 1/weight"),
    ("average_path_length", "average path length", "steps between two entities, on average"),
    ("reciprocity", "reciprocity", "share of directed ties that are returned"),
    ("degree_assortativity", "degree assortativity",
     "> 0: busy entities tie to busy ones; < 0: hubs tie to peripheral entities"),
)  # fmt: skip


def _analysed_graph(step: Mapping[str, object]) -> str:
    """What graph analyze worked on: the whole one, or the links of its time window (the
    manifest's line on it: bounds as applied, what was left out for lack of dates)."""
    window = step.get("window")
    basis = step.get("graph_statistics_basis")
    said = f"Figures ({basis})" if basis else "Figures"
    if not isinstance(window, Mapping) or not window.get("said"):
        return f"{said} of the whole graph analyze worked on"
    return f"{said} of the graph analyze worked on. {window['said']}"


def _network_statistics(case: Case) -> str:
    """Whole-network statistics as ``analyze`` recorded them (the manifest's last analyze
    step), with the degree-preserving null model's comparison where it was run."""
    steps = [s for s in case.manifest.get("steps", []) if s.get("stage") == "analyze"]
    stats = steps[-1].get("graph_statistics") if steps else None
    if not stats:
        return _no_metrics("network", "The network as a whole")
    null = (steps[-1].get("null_model") or {}).get("statistics") or {}
    rows = []
    for key, words, meaning in _STATISTICS:
        value = stats.get(key)
        if key == "edges" and steps[-1].get("edges") is not None:
            rows.append(["edges", "one per pair of entities, link kind and direction (a pair "
                         "that called each other both ways has 2 edges and 1 tie)", "",
                         int(steps[-1]["edges"])])  # fmt: skip
            if steps[-1].get("loops"):
                # drawn on the map but no tie: say so, or edges and ties seem not to add up
                rows.append(["self-loops", "edges of an entity to itself (e.g. both ends of "
                             "a link resolved to one entity): no tie, no measure counts "
                             "them", "", int(steps[-1]["loops"])])  # fmt: skip
        if value is None:
            continue
        counts = ("nodes", "edges", "arcs", "components", "largest_component",
                  "largest_strong_component")  # fmt: skip
        whole = key in counts or (key == "diameter" and float(value).is_integer())
        value = int(value) if whole else float(value)
        versus = ""
        if key in null:
            n = null[key]
            versus = (
                f"random twins {float(n['null_mean']):.3g} ± {float(n['null_sd']):.2g}, "
                f"p = {float(n['p_value']):.3g}"
            )
        rows.append([words, meaning, versus, value])
    samples = (steps[-1].get("null_model") or {}).get("samples")
    intro = _analysed_graph(steps[-1]) + (
        f"; beside them, the same figure on {int(samples)} random networks with the same "
        "degrees (degree-preserving rewiring) and how often those reached the observed value."
        if samples
        else " (`linkgraph analyze --null-model 100` adds a comparison with random networks "
        "of the same degrees)."
    )
    body = _table(
        ["statistic", "what it tells", "compared with chance", "value"],
        rows,
        "manifest.json: the analyze step's graph_statistics and null_model",
        numeric=1,
    )
    return _section("network", "The network as a whole", body, intro)


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


def _measures(frame: pd.DataFrame) -> tuple[list[str], list[str], list[str]]:
    """Measure columns worth a table, and those left out: all empty, or the same everywhere."""
    keep, empty, constant = [], [], []
    for c in frame.columns:
        if c in ("label", "type", "community", "component") or not (
            pd.api.types.is_numeric_dtype(frame[c])
        ):
            continue
        values = pd.to_numeric(frame[c], errors="coerce").dropna()
        if values.empty:
            empty.append(c)
        elif values.nunique() == 1:
            constant.append(c)
        else:
            keep.append(c)
    return keep, empty, constant


def _no_metrics(anchor: str, heading: str) -> str:
    return _section(
        anchor,
        heading,
        '<p class="empty">No metrics in this case yet: run `linkgraph analyze`.</p>',
    )


def _ranked_actors(frame: pd.DataFrame, col: str, top: int = _TOP) -> pd.DataFrame:
    """People first (the ``top`` highest), then the leading organisations (up to 3)."""
    ranked = frame.assign(_id=frame.index, _v=pd.to_numeric(frame[col], errors="coerce"))
    ranked = rank_by(ranked[ranked["_v"].notna()], "_v", ids="_id")
    people = ranked[ranked["type"] == "person"].head(top)
    orgs = ranked[ranked["type"] == "organisation"].head(3)
    return pd.concat([people, orgs])


def _top_actors(
    graph: EntityGraph, metrics: pd.DataFrame | None, name: Callable[[str], str]
) -> str:
    frame = _metric_frame(graph, metrics)
    if frame is None:
        return _no_metrics("actors", "Top actors per measure")
    keep, empty, constant = _measures(frame)
    actors = frame[frame["type"].isin(ACTOR_TYPES)]
    # A measure the same for every person and organisation ranks none of them (every
    # betweenness 0 where the phones and accounts are the go-betweens): no table of it.
    unranked = [c for c in keep if ranks_no_one(pd.to_numeric(actors[c], errors="coerce"))]
    # the columns a row shows, and the degree that orders equal values
    shown = [c for c in ("type", "community", TIE_BREAK) if c in actors.columns]
    parts = []
    for col in keep:
        if col in unranked:
            continue
        words = term(col)
        meaning = words.meaning
        if col == "eigenvector_centrality":
            meaning = " ".join(filter(None, [meaning, eigenvector_scope_said(frame)]))
        # ranking and reading rows of every measure is slow: only the columns needed
        top = _ranked_actors(actors[[*(c for c in shown if c != col), col]], col)
        rows = [
            [k + 1, name(i), r["type"], _community_text(r), r[col]]
            for k, (i, r) in enumerate(top.iterrows())
        ]
        parts.append(
            f'<div class="measure"><h3>{esc(words.name)}</h3>'
            + (f'<p class="meaning">{esc(meaning)}</p>' if meaning else "")
            + _table(
                ["#", "entity", "type", "community", words.name], rows, f"metrics.{col}", numeric=1
            )
            + "</div>"
        )
    notes = []
    if empty:
        notes.append("Left out, empty for every entity: " + ", ".join(map(_words, empty)) + ".")
    if constant:
        notes.append(
            "Left out, the same for every entity: " + ", ".join(map(_words, constant)) + "."
        )
    if unranked:
        notes.append(
            "Left out, the same for every person and organisation: "
            + ", ".join(map(_words, unranked)) + "."
        )  # fmt: skip
    if "betweenness_centrality" in unranked:
        between = pd.to_numeric(actors["betweenness_centrality"], errors="coerce")
        notes.append(no_ranking_said("betweenness_centrality", between,
                                     "person and organisation") + ".")  # fmt: skip
    note = "".join(f'<p class="note">{esc(x)}</p>' for x in notes)
    return _section(
        "actors",
        "Top actors per measure",
        '<div class="grid">' + "".join(parts) + "</div>" + note,
        "People first, then organisations; equal values are ordered by degree (most ties "
        "first), then by entity id. "
        "What each measure means is in the glossary.",
    )


def _words(col: str) -> str:
    return f"{term(col).name} ({col})"


def _community_text(r: pd.Series) -> object:
    c = r.get("community")
    return "" if c is None or pd.isna(c) else int(c)


def _communities(case: Case, name: Callable[[str], str]) -> str:
    table = case.communities
    if table is None or table.empty:
        if case.metrics is None:
            return _no_metrics("communities", "Communities")
        return _section(
            "communities",
            "Communities and their members",
            '<p class="empty">No community table in this case: re-run `linkgraph analyze` '
            "to write it.</p>",
        )
    table = table.sort_values(["size", "community"], ascending=[False, True], kind="mergesort")
    rows = []
    for r in table.head(30).itertuples(index=False):
        members = [m for m in str(r.central or "").split(";") if m]
        rows.append(
            [
                int(r.community),
                ", ".join(name(m) for m in members),
                str(r.types or "").replace(";", ", ").replace(":", " "),
                str(r.countries or "").replace(";", ", ").replace(":", " "),
                r.density,
                int(r.size),
            ]
        )
    by = str(table["by"].dropna().iloc[0]) if table["by"].notna().any() else "pagerank"
    note = f"{len(table)} communities; the 30 largest are listed." if len(table) > 30 else ""
    return _section(
        "communities",
        "Communities and their members",
        _table(
            [
                "community",
                "leading members (people first)",
                "entity types",
                "countries",
                "density",
                "size",
            ],
            rows,
            f"communities table (written by `linkgraph analyze`): central members by "
            f"metrics.{by}, types, countries (mentions.country/nationality), density",
            numeric=2,
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
    top = frame[(frame["bridged"] > 0) & frame["type"].isin(ACTOR_TYPES)].assign(
        _org=lambda f: f["type"] != "person"
    )
    top = top.sort_values(
        ["_org", "bridged", by, "_id"], ascending=[True, False, False, True], kind="mergesort"
    )
    rows = [
        [name(i), r["type"], _community_text(r), int(r["bridged"]), r.get(by, np.nan)]
        for i, r in top.head(15).iterrows()
    ]
    return _section(
        "brokers",
        "Brokers between communities",
        _table(
            ["entity", "type", "own community", "other communities linked", term(by).name],
            rows,
            f"metrics.community of each entity and its linked entities (graph links); metrics.{by}",
            numeric=2,
        ),
        "People and organisations with links into other communities than their own.",
    )


def _money_by_currency(flows: pd.DataFrame) -> str:
    """The amounts of ``flows`` summed per currency, largest first ("6,000.00 EUR;
    300.00 GBP"), never one sum across currencies; an amount of no known currency is
    "(currency unknown)", and links whose amounts were in several currencies are counted,
    not added ("2 links in mixed currencies")."""
    parts = []
    mixed = int((flows["currency"] == "mixed").sum())
    money = flows[flows["amount"].notna()]
    if len(money):
        sums = money.groupby("currency", sort=False)["amount"].sum().sort_values(ascending=False)
        parts = [f"{v:,.2f} {c}" if c else f"{v:,.2f} (currency unknown)" for c, v in sums.items()]
    if mixed:
        parts.append(f"{mixed} link(s) in mixed currencies")
    return "; ".join(parts)


def _cross_border(graph: EntityGraph, name: Callable[[str], str]) -> str:
    """Flows between countries: links whose two entities have different countries, and
    people of different countries tied through a shared phone, account, address, ad or
    event (the person projection), by country pair."""
    country = graph.nodes["country"].astype("string").fillna("")
    parts = []
    e = graph.edges
    if len(e):
        parts.append(
            pd.DataFrame(
                {
                    "a": country.reindex(e["src"]).fillna("").to_numpy(),
                    "b": country.reindex(e["dst"]).fillna("").to_numpy(),
                    "src": e["src"].astype(str).to_numpy(),
                    "dst": e["dst"].astype(str).to_numpy(),
                    "how": [link_kind(str(k)).label for k in e["kind"]],
                    "directed": [link_kind(str(k)).directed for k in e["kind"]],
                    "n": e["count"].astype(int).to_numpy(),
                    "amount": e["amount"].to_numpy(dtype=float),
                    "currency": (
                        e["currency"].astype("string").fillna("").to_numpy(dtype=object)
                        if "currency" in e
                        else ""
                    ),
                }
            )
        )
    if int((graph.nodes["type"].astype(str) == "person").sum()) >= 2:
        ties = person_projection(graph, 50).edges
        if len(ties):
            parts.append(
                pd.DataFrame(
                    {
                        "a": country.reindex(ties["src"]).fillna("").to_numpy(),
                        "b": country.reindex(ties["dst"]).fillna("").to_numpy(),
                        "src": ties["src"].astype(str).to_numpy(),
                        "dst": ties["dst"].astype(str).to_numpy(),
                        "how": [_shares(str(k)) for k in ties["kind"]],
                        "directed": False,
                        "n": ties["weight"].astype(int).to_numpy(),
                        "amount": np.nan,
                        "currency": "",
                    }
                )
            )
    flows = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    if not flows.empty:
        flows = flows[(flows["a"] != "") & (flows["b"] != "") & (flows["a"] != flows["b"])]
    if flows.empty:
        body = '<p class="empty">No links join entities of two different countries.</p>'
        return _section("cross-border", "Cross-border flows", body)
    # Undirected ties have no direction: their pair is written in alphabetical order.
    swap = ~flows["directed"].astype(bool) & (flows["a"] > flows["b"])
    flows.loc[swap, ["a", "b", "src", "dst"]] = flows.loc[swap, ["b", "a", "dst", "src"]].to_numpy()
    flows["pair"] = np.where(
        flows["directed"].astype(bool),
        flows["a"] + " → " + flows["b"],
        flows["a"] + " – " + flows["b"],
    )
    # The busiest 30 pairs are listed: only theirs are described (of a hundred or more).
    grouped = flows.groupby("pair", sort=False)
    totals = grouped["n"].sum()
    busiest = sorted(totals.items(), key=lambda t: (-int(t[1]), str(t[0])))[:30]
    rows = []
    for pair, _ in busiest:
        grp = grouped.get_group(pair)
        ends = pd.unique(pd.concat([grp["src"], grp["dst"]]))
        kinds = grp.groupby("how")["n"].sum().sort_values(ascending=False)
        rows.append(
            [
                pair,
                ", ".join(f"{k} {int(v)}" for k, v in kinds.items()),
                ", ".join(name(i) for i in ends[:6])
                + (f" … {len(ends) - 6} more" if len(ends) > 6 else ""),
                _money_by_currency(grp),
                int(grp["n"].sum()),
            ]
        )
    body = _table(
        ["countries", "how (links, or shared items)", "who", "amount", "links"],
        rows,
        "graph links (links.kind/amount per entity pair; a payment or call two sources "
        "report counted once, as routes count it) and shared items of people "
        "(the person projection of the graph), by the countries of their two entities "
        "(mentions.country, else nationality); → for directed links, – for ties",
        numeric=2,
    )
    note = f"{len(totals)} country pairs; the 30 busiest are listed." if len(totals) > 30 else ""
    return _section("cross-border", "Cross-border flows by country pair", body, note)


def _shares(kind: str) -> str:
    """'shares_event' -> 'shares an event'."""
    item = kind.removeprefix("shares_").replace("_", " ")
    return f"shares {'an' if item[:1] in 'aeiou' else 'a'} {item}"


def _key_players(case: Case, graph: EntityGraph, name: Callable[[str], str]) -> str:
    curve = case.key_players
    if curve is None or curve.empty:
        text = (
            "No metrics in this case yet: run `linkgraph analyze`."
            if case.metrics is None
            else "No key-player table in this case: re-run `linkgraph analyze` to write it."
        )
        return _section("key-players", "Key players", f'<p class="empty">{esc(text)}</p>')
    curve = curve.sort_values("step", kind="mergesort")
    steps = [int(s) for s in curve["step"]]
    largest = [float(v) for v in curve["lcc_fraction"]]
    ids = [str(i) for i in curve["entity_id"].fillna("")]
    who = ["nobody"] + [name(i) for i in ids[1:]]
    by = str(curve["by"].dropna().iloc[0]) if curve["by"].notna().any() else "betweenness"
    types = graph.nodes["type"].astype(str)
    rows = [
        [steps[i], who[i], types.get(ids[i], ""), f"{largest[i - 1]:.1%}", f"{largest[i]:.1%}"]
        for i in range(1, len(steps))
    ]
    method = f"sequential removal by {term(by + '_centrality' if by == 'betweenness' else by).name}"
    body = (
        '<figure class="chart">'
        + _svg_curve(steps, largest, who)
        + f"<figcaption>Removing the key players one by one ({esc(method)}, recomputed after "
        "each removal): the largest connected group, as a share of the intact one "
        "(links taken as undirected). Victims and the identifiers they hold are never "
        "removed.</figcaption></figure>"
        + _table(
            ["#", "entity", "type", "largest group before", "after removal"],
            rows,
            "key_players table (written by `linkgraph analyze`)",
            numeric=2,
        )
    )
    return _section("key-players", "Key players and the disruption curve", body)


def _glossary(metrics: pd.DataFrame | None) -> str:
    cols = [c for c in GLOSSARY if metrics is not None and c in metrics.columns]
    rows = [[term(c).name, c, term(c).meaning] for c in cols]
    if not rows:
        return ""
    return _section(
        "glossary",
        "Glossary",
        _table(["measure", "column", "what it means"], rows, "linkgraph.render.glossary"),
        "The same words name the measures on the map.",
    )


__all__ = ["render_report", "report_html"]
