"""Interactive network maps: one self-contained, offline, escaped HTML file per map."""

from __future__ import annotations

import json
import logging
import math
import os
import random
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import igraph as ig
import numpy as np
import pandas as pd

from linkgraph._io import write_text
from linkgraph.errors import ConfigError
from linkgraph.graph import EntityGraph
from linkgraph.model import Case
from linkgraph.privacy import is_victim, pseudonym
from linkgraph.render._html import csp, esc, fill, json_for_script, template, vis_css, vis_js
from linkgraph.render.config import RenderConfig
from linkgraph.schema import ENTITY_TYPES, link_kind

log = logging.getLogger(__name__)

COLOR_BY = ("community", "type", "country")
#: Distinct colours for communities, types and countries (Tableau 20, reordered so that
#: neighbours in the list differ in hue); groups beyond it share the grey "other".
PALETTE = (
    "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#b07aa1", "#edc948", "#76b7b2",
    "#ff9da7", "#9c755f", "#a0cbe8", "#ffbe7d", "#8cd17d", "#d37295", "#f1ce63",
    "#86bcb6", "#fabfd2", "#d4a6c8", "#b6992d", "#499894", "#79706e",
)  # fmt: skip
OTHER_COLOR = "#bab0ac"
KIND_PALETTE = (
    "#5f6b77", "#c0392b", "#2e86c1", "#27ae60", "#8e44ad", "#d68910", "#16a085",
    "#7f8c8d", "#a04000", "#1b4f72", "#b03a2e", "#117864",
)  # fmt: skip
# Shapes that vis-network sizes by ``size``; the others (box, ellipse, database) size by label.
_MIN_SIZE, _MAX_SIZE = 8.0, 42.0
_MAX_PROVENANCE = 25  # mentions listed per entity in the map (the tables hold all)
_MAX_EVIDENCE = 5
_MAX_EDGE_ROWS = 12


def display_labels(graph: EntityGraph, *, show_victims: bool = False) -> pd.Series:
    """The label each entity is shown by: victims get :func:`pseudonym` unless asked."""
    labels = graph.nodes["label"].astype("string").fillna("").astype(str)
    labels = labels.where(labels.str.len() > 0, graph.entity_ids.astype(str))
    if show_victims:
        return labels
    victims = graph.nodes["role"].map(is_victim).fillna(False).astype(bool).to_numpy()
    hidden = [pseudonym(i) for i in graph.entity_ids[victims]]
    out = labels.copy()
    out.iloc[np.flatnonzero(victims)] = hidden
    return out


def layout(graph: EntityGraph, *, seed: int = 0) -> np.ndarray:
    """Seeded Fruchterman-Reingold positions, scaled to about 90 px per entity (n x 2).

    igraph draws its random start from Python's ``random``; a private generator seeded
    with ``seed`` is swapped in for the call, so the same graph always gets the same map.
    """
    n = len(graph)
    if n == 0:
        return np.zeros((0, 2))
    simple = graph.view(weighted=False)
    ig.set_random_number_generator(random.Random(seed))
    try:
        coords = np.asarray(
            simple.layout_fruchterman_reingold(
                niter=500, grid="auto" if n > 1000 else "nogrid"
            ).coords
        )
    finally:
        ig.set_random_number_generator(random)
    coords = coords - coords.mean(axis=0)
    span = float(np.abs(coords).max()) or 1.0
    return coords / span * (45.0 * math.sqrt(n) + 100.0)


def _measure(
    graph: EntityGraph, metrics: pd.DataFrame | None, size_by: str
) -> tuple[np.ndarray, str]:
    """Values of the size measure in vertex order, and where they came from."""
    if size_by == "degree" or metrics is None:
        deg = np.asarray(graph.view(weighted=False).degree(), dtype=float)
        return deg, "degree (links per entity, computed from the graph)"
    if size_by == "mentions":
        return graph.nodes["mentions"].to_numpy(dtype=float), "mentions per entity"
    if size_by not in metrics.columns:
        numeric = [
            c
            for c in metrics.columns
            if c != "community" and pd.api.types.is_numeric_dtype(metrics[c])
        ]
        raise ConfigError(
            f"unknown measure {size_by!r} to size entities by",
            key="size_by",
            hint=f"choose one of: {', '.join([*numeric, 'degree', 'mentions'])}",
        )
    values = _by_entity(metrics)[size_by].reindex(graph.entity_ids)
    return pd.to_numeric(values, errors="coerce").fillna(0.0).to_numpy(dtype=float), (
        f"metrics.{size_by}"
    )


def _by_entity(metrics: pd.DataFrame) -> pd.DataFrame:
    frame = metrics.set_index("entity_id") if "entity_id" in metrics.columns else metrics
    frame = frame[~frame.index.duplicated()]
    frame.index = frame.index.astype(str)
    return frame


def _sizes(values: np.ndarray) -> np.ndarray:
    if len(values) == 0:
        return values
    v = np.sqrt(np.clip(values, 0, None))
    lo, hi = float(v.min()), float(v.max())
    if hi - lo <= 0:
        return np.full(len(v), (_MIN_SIZE + _MAX_SIZE) / 3)
    return np.round(_MIN_SIZE + (_MAX_SIZE - _MIN_SIZE) * (v - lo) / (hi - lo), 2)


def _groups(keys: pd.Series, label: str) -> tuple[np.ndarray, list[dict[str, Any]]]:
    """Colour group per entity (largest groups first) and the legend entries."""
    text = keys.astype("string").fillna("").astype(str)
    counts = text.value_counts()
    order = sorted(counts.index, key=lambda k: (-counts[k], k == "", k))
    legend: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for k in order[: len(PALETTE) - 1] if len(order) > len(PALETTE) else order:
        index[k] = len(legend)
        legend.append(
            {
                "label": f"{label} {k}" if k and label == "community" else (k or "(none)"),
                "color": PALETTE[len(legend) % len(PALETTE)],
                "count": int(counts[k]),
            }
        )
    rest = [k for k in order if k not in index]
    if rest:
        other = len(legend)
        legend.append(
            {
                "label": f"{len(rest)} smaller {label} groups",
                "color": OTHER_COLOR,
                "count": int(sum(counts[k] for k in rest)),
            }
        )
        for k in rest:
            index[k] = other
    return text.map(index).to_numpy(dtype=int), legend


def _fmt(value: object) -> object:
    """Numbers rounded for display, timestamps as ISO dates, NA as None."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        if not math.isfinite(float(value)):
            return None
        return float(f"{float(value):.4g}")
    return str(value)


def _provenance(
    graph: EntityGraph, case: Case | None
) -> tuple[list[list[list[object]]], list[int], list[list[list[object]]]]:
    """Per entity: the first mentions merged into it (source, agency, row), how many, and
    the top evidence rows of the merge."""
    n = len(graph)
    prov: list[list[list[object]]] = [[] for _ in range(n)]
    total = [0] * n
    evid: list[list[list[object]]] = [[] for _ in range(n)]
    if case is None or case.mentions.empty:
        return prov, total, evid
    pos = pd.Series(np.arange(n), index=graph.entity_ids.astype(str))
    entity_of = case.entity_of()
    m = case.mentions
    frame = pd.DataFrame(
        {
            "p": pos.reindex(entity_of.reindex(m["mention_id"]).astype(str).to_numpy()).to_numpy(),
            "source": m["source"].astype("string").fillna("").to_numpy(),
            "agency": m["agency"].astype("string").fillna("").to_numpy(),
            "row": m["row"].astype("Int64").to_numpy(),
        }
    ).dropna(subset=["p"])
    frame["p"] = frame["p"].astype(int)
    frame = frame.sort_values(["p", "source", "row"], kind="mergesort")
    counts = frame.groupby("p").size()
    for p, c in counts.items():
        total[int(p)] = int(c)
    head = frame.groupby("p", sort=False).head(_MAX_PROVENANCE)
    for p, s, a, r in head.itertuples(index=False):
        prov[p].append([s, a, None if r is pd.NA else int(r)])
    ev = case.evidence
    if ev is not None and not ev.empty:
        ent = entity_of.astype(str)
        left = ent.reindex(ev["left"].astype(str)).to_numpy()
        right = ent.reindex(ev["right"].astype(str)).to_numpy()
        same = (left == right) & ev["decision"].isin(["match", "must_link"]).to_numpy()
        merged = ev[same].assign(p=pos.reindex(left[same]).to_numpy()).dropna(subset=["p"])
        merged = merged.sort_values(["p", "match_probability"], ascending=[True, False])
        for row in merged.groupby("p", sort=False).head(_MAX_EVIDENCE).itertuples(index=False):
            evid[int(row.p)].append(
                [
                    f"{row.left} + {row.right}",
                    _fmt(row.match_probability),
                    _fmt(row.rule) or _fmt(row.decision),
                    _fields_summary(row.fields),
                ]
            )
    return prov, total, evid


def _fields_summary(fields: object) -> str:
    """'name 0.93, dob 1' from the evidence ``fields`` JSON; similarities only, no values."""
    if not isinstance(fields, str) or not fields:
        return ""
    try:
        data = json.loads(fields)
    except ValueError:
        return ""
    if not isinstance(data, Mapping):
        return ""
    parts = []
    for name, info in data.items():
        sim = info.get("similarity") if isinstance(info, Mapping) else info
        if isinstance(sim, int | float) and not isinstance(sim, bool):
            parts.append(f"{name} {float(sim):.2g}")
        elif isinstance(info, Mapping) and info.get("level") is not None:
            parts.append(f"{name} {info['level']}")
    return ", ".join(parts)


def map_data(
    graph: EntityGraph,
    *,
    metrics: pd.DataFrame | None = None,
    case: Case | None = None,
    color_by: str | None = None,
    size_by: str | None = None,
    config: RenderConfig | None = None,
    show_victims: bool | None = None,
) -> dict[str, Any]:
    """The data a map draws, as plain JSON-able data (see ``templates/map.js``).

    Columnar arrays in vertex order: ``nodes`` (id, label, t=type, c=colour group,
    com=community, cty=country, s=size, x/y when laid out, victim), ``edges`` (f/t=node
    positions, k=kind, w=width, n=count, wt=weight, am=amount, t0/t1=time span,
    r=source rows), ``details`` (a=attributes, p=mentions, pn=mention count, ev=evidence),
    plus the legend, the vis-network options and ``notes`` on fallbacks taken.
    """
    config = config if config is not None else RenderConfig()
    color_by = color_by if color_by is not None else config.color_by
    size_by = size_by if size_by is not None else config.size_by
    show = (not config.pseudonymize_victims) if show_victims is None else show_victims
    if color_by not in COLOR_BY:
        raise ConfigError(
            f"cannot colour by {color_by!r}",
            key="color_by",
            hint=f"choose one of: {', '.join(COLOR_BY)}",
        )
    if metrics is not None and metrics.empty and len(graph):
        metrics = None
    notes: list[str] = []
    if metrics is None:
        notes.append(
            "No metrics in this case yet: entities are sized by degree"
            + (" and coloured by type" if color_by == "community" else "")
            + ". Run `linkgraph analyze` for centrality and communities."
        )
        size_by = "degree"
    nodes = graph.nodes
    n = len(nodes)
    ids = graph.entity_ids.astype(str)
    by_entity = _by_entity(metrics) if metrics is not None else None
    community = (
        by_entity["community"].reindex(ids)
        if by_entity is not None and "community" in by_entity.columns
        else None
    )
    if color_by == "community" and community is None:
        if metrics is not None:
            notes.append("The metrics have no community column: coloured by type instead.")
        color_by = "type"
    values, size_source = _measure(graph, metrics, size_by)
    if color_by == "community":
        assert community is not None
        keys = community.astype("Int64").astype("string")
    elif color_by == "type":
        keys = nodes["type"].map(lambda t: ENTITY_TYPES[t].label if t in ENTITY_TYPES else t)
    else:
        keys = nodes["country"]
    group, legend = _groups(pd.Series(np.asarray(keys, dtype=object)), color_by)

    type_names = sorted(pd.unique(nodes["type"].astype(str)).tolist())
    type_index = {t: i for i, t in enumerate(type_names)}
    type_counts = nodes["type"].astype(str).value_counts()
    types = [
        {
            "name": t,
            "label": ENTITY_TYPES[t].label if t in ENTITY_TYPES else t,
            "shape": ENTITY_TYPES[t].shape if t in ENTITY_TYPES else "dot",
            "count": int(type_counts.get(t, 0)),
        }
        for t in type_names
    ]
    country = nodes["country"].astype("string").fillna("").astype(str)
    countries = ["", *sorted(c for c in pd.unique(country) if c)]
    labels = display_labels(graph, show_victims=show)
    victim = nodes["role"].map(is_victim).fillna(False).astype(bool).to_numpy()
    shown_ids = [pseudonym(i) if (v and not show) else i for i, v in zip(ids, victim, strict=True)]
    large = n > config.physics_max_nodes
    xy = layout(graph, seed=config.seed)
    com_list = (
        [None if pd.isna(c) else int(c) for c in community] if community is not None else [None] * n
    )

    # Attributes in the tooltip and details: what the graph and metrics hold, no raw values.
    measures = (
        [
            c
            for c in by_entity.columns
            if c not in ("label", "type", "community")
            and pd.api.types.is_numeric_dtype(by_entity[c])
        ]
        if by_entity is not None
        else []
    )
    measure_frame = by_entity[measures].reindex(ids) if by_entity is not None else None
    roles = nodes["role"].astype("string").fillna("").astype(str).tolist()
    agencies = nodes["agencies"].astype("string").fillna("").astype(str).tolist()
    attrs: list[list[list[object]]] = []
    for i in range(n):
        rows: list[list[object]] = []
        if roles[i]:
            rows.append(["role", roles[i]])
        if country.iat[i]:
            rows.append(["country", country.iat[i]])
        rows.append(["sources", f"{int(nodes['sources'].iat[i])} ({agencies[i] or 'no agency'})"])
        rows.append(["mentions", int(nodes["mentions"].iat[i])])
        if com_list[i] is not None:
            rows.append(["community", com_list[i]])
        if measure_frame is not None:
            rows.extend(
                [c, _fmt(v)] for c, v in measure_frame.iloc[i].items() if _fmt(v) is not None
            )
        elif size_by == "degree":
            rows.append(["degree", int(values[i])])
        attrs.append(rows)
    prov, total, evid = _provenance(graph, case)

    e = graph.edges
    pos = pd.Series(np.arange(n), index=ids)
    kind_names = e["kind"].astype(str).value_counts()
    kind_order = sorted(kind_names.index, key=lambda k: (-kind_names[k], k))
    kind_index = {k: i for i, k in enumerate(kind_order)}
    weight = e["weight"].to_numpy(dtype=float) if len(e) else np.zeros(0)
    wmax = float(np.log1p(weight.max())) if len(weight) and weight.max() > 0 else 1.0
    width = np.round(1.0 + 5.0 * np.log1p(np.clip(weight, 0, None)) / wmax, 2)
    rows_lists = [json.loads(r) if isinstance(r, str) and r else [] for r in e["rows"]]

    def times(col: str) -> list[object]:
        t = pd.to_datetime(e[col], utc=True, errors="coerce")
        return [None if pd.isna(v) else v.date().isoformat() for v in t]

    options: dict[str, Any] = {
        "autoResize": True,
        "nodes": {
            "borderWidth": 1,
            "font": {"size": 14, "face": "sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
            "scaling": {"label": {"drawThreshold": 7}},
        },
        "edges": {"smooth": False, "selectionWidth": 2, "hoverWidth": 0},
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "multiselect": True,
        },
        # improvedLayout clusters the graph before drawing: seconds at a few thousand nodes.
        "layout": {"improvedLayout": False, "randomSeed": config.seed},
        "physics": {"enabled": False}
        if large
        else {
            "enabled": True,
            "solver": "barnesHut",
            "barnesHut": {"springLength": 120, "avoidOverlap": 0.2},
            "stabilization": {"enabled": True, "iterations": 150, "fit": True},
        },
    }
    if large:
        notes.append(
            f"{n:,} entities: layout precomputed (seeded Fruchterman-Reingold), physics off; "
            "labels appear when you zoom in."
        )
    notes.append(f"Size: {size_source}. Colour: {color_by}.")
    if victim.any() and not show:
        count = int(victim.sum())
        notes.append(
            f"{count} victim{'s' if count != 1 else ''} shown by pseudonym (dashed border); "
            "--show-victims shows names."
        )

    return {
        "nodes": {
            "id": shown_ids,
            "label": labels.tolist(),
            "t": [type_index[str(t)] for t in nodes["type"]],
            "c": group.tolist(),
            "com": com_list,
            "cty": country.tolist(),
            "s": _sizes(values).tolist(),
            "v": [_fmt(v) for v in values],
            "x": np.round(xy[:, 0], 1).tolist(),
            "y": np.round(xy[:, 1], 1).tolist(),
            "victim": [bool(v) for v in victim],
        },
        "edges": {
            "f": pos.reindex(e["src"].astype(str)).astype(int).tolist(),
            "t": pos.reindex(e["dst"].astype(str)).astype(int).tolist(),
            "k": [kind_index[str(k)] for k in e["kind"]],
            "w": width.tolist(),
            "n": [int(c) for c in e["count"]],
            "wt": [_fmt(w) for w in weight],
            "am": [_fmt(a) for a in e["amount"]],
            "t0": times("first"),
            "t1": times("last"),
            "r": [r[:_MAX_EDGE_ROWS] for r in rows_lists],
            "rn": [len(r) for r in rows_lists],
        },
        "details": {"a": attrs, "p": prov, "pn": total, "ev": evid},
        "types": types,
        "kinds": [
            {
                "name": k,
                "label": link_kind(k).label,
                "directed": bool(link_kind(k).directed),
                "color": KIND_PALETTE[i % len(KIND_PALETTE)],
                "count": int(kind_names[k]),
            }
            for i, k in enumerate(kind_order)
        ],
        "groups": legend,
        "legend_title": {
            "community": "Communities",
            "type": "Entity types",
            "country": "Countries",
        }[color_by],
        "communities": _community_options(com_list),
        "countries": countries,
        "options": options,
        "notes": notes,
        "size_by": size_source,
        "color_by": color_by,
    }


def _community_options(com_list: list[int | None]) -> list[list[int]]:
    counts = pd.Series([c for c in com_list if c is not None], dtype="int64").value_counts()
    return [[int(c), int(k)] for c, k in sorted(counts.items(), key=lambda x: (-x[1], x[0]))][:500]


def map_html(
    graph: EntityGraph,
    *,
    metrics: pd.DataFrame | None = None,
    case: Case | None = None,
    color_by: str | None = None,
    size_by: str | None = None,
    config: RenderConfig | None = None,
    show_victims: bool | None = None,
    title: str = "linkgraph network map",
    view: str = "whole network",
) -> str:
    """The map as one self-contained HTML document (see :func:`render_map`)."""
    from linkgraph import __version__

    data = map_data(
        graph,
        metrics=metrics,
        case=case,
        color_by=color_by,
        size_by=size_by,
        config=config,
        show_victims=show_victims,
    )
    js, app = vis_js(), template("map.js")
    summary = f"{view} · {len(graph):,} entities, {len(graph.edges):,} links"
    return fill(
        template("map.html"),
        {
            "csp": esc(csp([js, app])),
            "version": esc(__version__),
            "title": esc(title),
            "view": esc(summary),
            "notes": " ".join(esc(x) for x in data["notes"]),
            "vis_css": vis_css(),
            "map_css": template("map.css"),
            "data": json_for_script(data),
            "vis_js": js,
            "map_js": app,
        },
    )


def render_map(
    graph: EntityGraph,
    path: str | os.PathLike[str],
    *,
    metrics: pd.DataFrame | None = None,
    color_by: str | None = None,
    size_by: str | None = None,
    config: RenderConfig | None = None,
    case: Case | None = None,
    show_victims: bool | None = None,
    title: str = "linkgraph network map",
    view: str = "whole network",
) -> Path:
    """Write an interactive map of ``graph`` as one offline HTML file.

    vis-network's script and stylesheet are inlined, the case data travels as escaped
    JSON and reaches the page only as DOM text, and a Content-Security-Policy forbids
    every network request, so the file opens safely with no internet.

    Args:
        graph: the entity graph (or a view of it, see :mod:`linkgraph.render.views`).
        path: the HTML file to write (atomically).
        metrics: the case's metrics table; without it entities are sized by degree and
            coloured by type.
        color_by: ``community``, ``type`` or ``country``; default ``config.color_by``
            (``community``).
        size_by: a measure column of ``metrics``, ``degree`` or ``mentions``; default
            ``config.size_by`` (``betweenness_centrality``).
        config: the render config (victim pseudonyms, physics threshold, layout seed).
        case: the case, for each entity's mentions (source, agency, row) and the evidence
            of its merge.
        show_victims: show victims' names; default: pseudonyms, unless the config says
            ``pseudonymize_victims: false``.
        title: the map's heading.
        view: a description of the view shown under the heading.

    Returns:
        ``path``.

    Raises:
        ConfigError: an unknown ``color_by`` or ``size_by``.
    """
    text = map_html(
        graph,
        metrics=metrics,
        case=case,
        color_by=color_by,
        size_by=size_by,
        config=config,
        show_victims=show_victims,
        title=title,
        view=view,
    )
    return write_text(path, text)


_SRCDOC_ESCAPES = str.maketrans({"&": "&amp;", "'": "&#39;", "<": "&lt;", ">": "&gt;"})


@dataclass(frozen=True)
class MapView:
    """A map for Jupyter: displays inline (an ``iframe`` with the map as ``srcdoc``)."""

    html: str
    height: int = 640

    def __repr__(self) -> str:
        # One line: the HTML goes only to _repr_html_, so a notebook stores it once.
        return f"<MapView: {len(self.html) / 1e6:.1f} MB of HTML; .save(path) writes it>"

    def _repr_html_(self) -> str:
        # A single-quoted attribute: "&", "'", "<" and ">" are escaped, and the map's many
        # double quotes stay one byte each, which keeps a saved notebook ~25 % smaller.
        srcdoc = self.html.translate(_SRCDOC_ESCAPES)
        return (
            f"<iframe srcdoc='{srcdoc}' "
            f'style="width:100%;height:{int(self.height)}px;border:1px solid #ddd" '
            'sandbox="allow-scripts" title="linkgraph map"></iframe>'
        )

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the map to ``path``."""
        return write_text(path, self.html)


def show_map(graph: EntityGraph, *, height: int = 640, **options: Any) -> MapView:
    """A map that displays inline in Jupyter; ``options`` are those of :func:`map_html`."""
    return MapView(map_html(graph, **options), height=height)
