"""Interactive network maps: one self-contained, offline, escaped HTML file per map."""

from __future__ import annotations

import json
import logging
import math
import os
import random
import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import igraph as ig
import numpy as np
import pandas as pd

from linkgraph._io import write_text
from linkgraph.errors import ConfigError
from linkgraph.graph import EntityGraph, graph_edges_said
from linkgraph.model import Case
from linkgraph.privacy import (
    is_victim,
    protected_in,
    protected_labels,
    pseudonym,
    session_key,
)
from linkgraph.redact import redact_output
from linkgraph.render._html import (
    csp,
    esc,
    fill,
    json_for_script,
    short_labels,
    template,
    vis_css,
    vis_js,
)
from linkgraph.render._mentions import describe_mention, mention_spellings, spelling_lookup
from linkgraph.render._person_view import person_projection
from linkgraph.render.config import SHOW_VICTIMS_FLAG, ColorBy, RenderConfig, victims_named_by
from linkgraph.render.glossary import GLOSSARY, glossary_for, term
from linkgraph.schema import ENTITY_TYPES, JOINING_DECISIONS, link_kind

log = logging.getLogger(__name__)

COLOR_BY: tuple[str, ...] = typing.get_args(ColorBy)
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
_MAX_SPELLING_ROWS = 6  # source rows listed per spelling
#: The same in a large map (above ``canvas_min_nodes``): at 100,000 entities of a person
#: list the full details were 90 of the file's 107 MB.
_LITE_LIMITS = (5, 2, 2)
_MAX_EDGE_ROWS = 12
_MAX_TIE_MEMBERS = 50  # a phone shared by more people than this is left out of the person view
#: Entity types listed first among the key actors (people and organisations, not phones).
ACTOR_TYPES = ("person", "organisation")


def display_labels(
    graph: EntityGraph,
    *,
    show_victims: bool = False,
    pseudonym_key: bytes | None = None,
    case: Case | None = None,
) -> pd.Series:
    """The label each entity is shown by: victims, and the identifiers victims hold or use
    (in ``graph``, or in the whole ``case`` it is a view of), get their :func:`pseudonym`
    under ``pseudonym_key`` unless ``show_victims``. A label longer than
    :data:`~linkgraph.render._html.LABEL_CHARS` is cut, ending in an ellipsis.

    ``pseudonym_key`` defaults to the case's; without a case, to a key of this Python
    session (pseudonyms then differ from run to run). Without ``case``: the case ``graph``
    was built from (``graph.case``), when known.
    """
    case = case if case is not None else graph.case
    labels = graph.nodes["label"].astype("string").fillna("").astype(str)
    labels = short_labels(labels.where(labels.str.len() > 0, graph.entity_ids.astype(str)))
    if show_victims:
        return labels
    hidden = protected_in(graph, case)
    if not hidden.any():
        return labels
    if pseudonym_key is None:
        pseudonym_key = case.pseudonym_key if case is not None else session_key()
    nodes = graph.nodes[["type"]].assign(label=labels)
    return protected_labels(nodes, hidden, pseudonym_key).astype(str)


def layout(
    graph: EntityGraph, *, seed: int = 0, folder: str | os.PathLike[str] | None = None
) -> np.ndarray:
    """Seeded Fruchterman-Reingold positions, scaled to about 90 px per entity (n x 2).

    Small graphs get 500 exact iterations. Up to 2,000 entities, a fast grid pass
    (repulsion only between neighbouring cells) is refined by 100 exact iterations:
    the grid pass alone leaves nodes on top of each other, the refinement separates
    them, and the pair costs a quarter of 500 exact iterations at equal edge lengths.
    Above that, the grid pass alone (exact iterations grow with the square of n).

    igraph draws its random start from Python's ``random``; a private generator seeded
    with ``seed`` is swapped in for the call, so the same graph always gets the same map.
    With ``folder`` (the case folder), a large graph's layout is kept there and read back
    by the next map of the same graph and seed (:mod:`linkgraph.render.layout_cache`).
    """
    from linkgraph.render.layout_cache import cached_layout

    n = len(graph)
    if n == 0:
        return np.zeros((0, 2))
    simple = graph.view(weighted=False)
    return cached_layout(folder, simple, seed, lambda: _fruchterman_reingold(simple, seed))


def _fruchterman_reingold(simple: ig.Graph, seed: int) -> np.ndarray:
    """:func:`layout`'s positions of ``simple``, computed."""
    n = simple.vcount()
    ig.set_random_number_generator(random.Random(seed))
    # 500 iterations up to 20,000 entities, fewer above (the layout is then minutes long).
    niter = max(100, min(500, 500 * 20_000 // max(n, 1)))
    try:
        if n <= 300:
            found = simple.layout_fruchterman_reingold(niter=niter, grid="nogrid")
        else:
            found = simple.layout_fruchterman_reingold(niter=niter, grid="grid")
            if n <= 2000:
                found = simple.layout_fruchterman_reingold(
                    niter=100, grid="nogrid", seed=found.coords, start_temp=math.sqrt(n) / 10
                )
        coords = np.asarray(found.coords)
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


def cap_map_graph(
    graph: EntityGraph,
    *,
    metrics: pd.DataFrame | None = None,
    size_by: str | None = None,
    config: RenderConfig | None = None,
) -> tuple[EntityGraph, str | None]:
    """What a map of ``graph`` draws: the whole graph up to ``config.max_nodes`` entities,
    above it the entities ranked highest by the size measure and the links among them
    (:func:`~linkgraph.render.views.capped_view`), with a description of the cut (None
    when the whole graph is drawn)."""
    config = config if config is not None else RenderConfig()
    if config.max_nodes <= 0 or len(graph) <= config.max_nodes:
        return graph, None
    from linkgraph.render.views import capped_view

    size_by = size_by if size_by is not None else config.size_by
    if metrics is None or metrics.empty:
        size_by = "degree"
    values, _ = _measure(graph, metrics, size_by)
    measure = term(size_by).name if size_by in GLOSSARY else size_by
    return capped_view(graph, values, measure, config.max_nodes)


def _cap_note(whole: int, capped: str) -> str:
    """The map's note on a capped graph (see :func:`cap_map_graph`)."""
    return (
        f"{whole:,} entities, too many to draw: the map shows the {capped} "
        "and the links among them (render.max_nodes); narrow it with --community, --ego, "
        "--path or --since/--until to see the others."
    )


def _by_entity(metrics: pd.DataFrame) -> pd.DataFrame:
    frame = metrics.set_index("entity_id") if "entity_id" in metrics.columns else metrics
    frame = frame[~frame.index.duplicated()]
    frame.index = frame.index.astype(str)
    return frame


#: Area of each map shape in units of its vis-network ``size`` squared (vis-network 9.1.2
#: geometry; the ``lg-*`` shapes are drawn by map.js). Sizes are divided by the square root
#: of these so that every shape of one measure value covers the same area as a dot.
SHAPE_AREA = {
    "dot": math.pi,
    "square": 4.0,
    "diamond": 2.0,
    "triangle": math.sqrt(3) / 4 * 2.3**2,
    "triangleDown": math.sqrt(3) / 4 * 2.3**2,
    "star": 5 * (1.3 * 0.82) * (0.5 * 0.82) * math.sin(math.pi / 5),
    "hexagon": 1.5 * math.sqrt(3),
    "lg-doc": 2.2 * 1.5,
    "lg-pill": 1.2 * 1.4 + math.pi * 0.7**2,
    "lg-cyl": 1.8 * 1.6 + math.pi * 0.9 * 0.3,
}
#: vis-network sizes box, ellipse, database and text by their label, not by ``size``:
#: on the map they become shapes of ours that follow ``size`` like the others.
_SIZABLE_FOR = {"box": "lg-doc", "ellipse": "lg-pill", "database": "lg-cyl", "text": "lg-doc",
                "circle": "dot"}  # fmt: skip


def map_shape(entity_type: str) -> str:
    """The shape an entity type is drawn with: its schema shape when vis-network sizes it by
    ``size``, else one of ours that does."""
    shape = ENTITY_TYPES[entity_type].shape if entity_type in ENTITY_TYPES else "dot"
    shape = _SIZABLE_FOR.get(shape, shape)
    return shape if shape in SHAPE_AREA else "dot"


def radii(values: np.ndarray) -> np.ndarray:
    """Radius of the dot of equal area per entity: area proportional to the value, the
    largest value at ``_MAX_SIZE``; tiny and zero values get the ``_MIN_SIZE`` floor."""
    if len(values) == 0:
        return np.zeros(0)
    v = np.clip(np.nan_to_num(values, nan=0.0), 0, None)
    top = float(v.max())
    if top <= 0:
        return np.full(len(v), _MIN_SIZE)
    return np.maximum(_MIN_SIZE, _MAX_SIZE * np.sqrt(v / top))


def _sizes(values: np.ndarray, shapes: list[str]) -> np.ndarray:
    """vis-network ``size`` per entity so its shape covers the area of :func:`radii`."""
    factor = np.array([math.sqrt(math.pi / SHAPE_AREA[s]) for s in shapes], dtype=float)
    return np.round(radii(values) * factor, 2)


def _size_legend(values: np.ndarray) -> list[list[float]]:
    """[value, radius] for a few reference values (largest, a quarter, a sixteenth)."""
    v = np.clip(np.nan_to_num(values, nan=0.0), 0, None)
    top = float(v.max()) if len(v) else 0.0
    if top <= 0:
        return []
    out = []
    for share in (1.0, 0.25, 1 / 16):
        r = _MAX_SIZE * math.sqrt(share)
        if r < _MIN_SIZE:
            break
        out.append([float(f"{top * share:.3g}"), round(r, 1)])
    return out


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


def _amounts(edges: pd.DataFrame) -> list[object]:
    """Each edge's amount for display, with its currency ("1500 EUR"); "mixed currencies"
    where its links are in several (never one sum across them)."""
    currency = (
        edges["currency"].astype("string").fillna("")
        if "currency" in edges
        else pd.Series("", index=edges.index)
    )
    out: list[object] = []
    for amount, cur in zip(edges["amount"], currency, strict=True):
        if cur == "mixed":
            out.append("mixed currencies")
            continue
        shown = _fmt(amount)
        out.append(f"{shown} {cur}" if shown is not None and cur else shown)
    return out


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


def _row_key(text: str) -> tuple[str, int, str]:
    """Sort key of "source:row" that orders rows as numbers (2 before 57 before 2286)."""
    source, _, row = str(text).rpartition(":")
    return (source, int(row), "") if row.isdigit() else (str(text), -1, "")


def _provenance(
    graph: EntityGraph,
    case: Case | None,
    hidden: np.ndarray,
    limits: tuple[int, int, int] = (_MAX_PROVENANCE, _MAX_EVIDENCE, _MAX_SPELLING_ROWS),
) -> tuple[list[list[list[object]]], list[int], list[list[list[object]]], list[list[list[object]]]]:
    """Per entity: the first mentions merged into it (source, agency, row), how many, the
    top evidence rows of the merge (the two spellings with their source rows, probability,
    rule, field similarities), and the spellings merged with their sources; at most
    ``limits`` (mentions, evidence rows, source rows per spelling) of each.

    Entities in ``hidden`` (victims shown by pseudonym) get no spellings, and their
    evidence names mentions by source row only.
    """
    max_prov, max_ev, max_rows = limits
    n = len(graph)
    prov: list[list[list[object]]] = [[] for _ in range(n)]
    total = [0] * n
    evid: list[list[list[object]]] = [[] for _ in range(n)]
    spell: list[list[list[object]]] = [[] for _ in range(n)]
    if case is None or case.mentions.empty:
        return prov, total, evid, spell
    pos = pd.Series(np.arange(n), index=graph.entity_ids.astype(str))
    m = case.mentions
    if case.resolution is not None:
        # Only the drawn entities' mentions are looked up (a capped map of the 1M-person
        # case draws 100k of 2.5M entities: 1.7 GB and 15 CPU-s less than mapping all 4M).
        res = case.resolution
        res = res[res["entity_id"].isin(pos.index).to_numpy(dtype=bool)]
        entity_of = pd.Series(res["entity_id"].to_numpy(), index=res["mention_id"].to_numpy())
        del res
        if len(entity_of) < len(m):
            m = m[m["mention_id"].isin(entity_of.index).to_numpy(dtype=bool)]
    else:
        entity_of = case.entity_of()
    at = pos.reindex(entity_of.reindex(m["mention_id"]).astype(str).to_numpy()).to_numpy()
    drawn = ~np.isnan(at)
    if not drawn.all():  # a view, or a capped map: only the mentions of its entities
        m, at = m[drawn], at[drawn]
    partial = len(m) < len(case.mentions)
    spelled = mention_spellings(case, m)
    frame = pd.DataFrame(
        {
            "p": at,
            "source": m["source"].astype("string").fillna("").to_numpy(),
            "agency": m["agency"].astype("string").fillna("").to_numpy(),
            "row": m["row"].astype("Int64").to_numpy(),
            "name": spelled["name"].to_numpy(),
        }
    ).dropna(subset=["p"])
    frame["p"] = frame["p"].astype(int)
    frame = frame.sort_values(["p", "source", "row"], kind="mergesort")
    counts = frame.groupby("p").size()
    for p, c in counts.items():
        total[int(p)] = int(c)
    head = frame.groupby("p", sort=False).head(max_prov)
    for p, s, a, r, _ in head.itertuples(index=False):
        prov[p].append([s, a, None if r is pd.NA else int(r)])
    where = frame["source"] + ":" + frame["row"].astype("string").fillna("?")
    shown = frame.assign(where=where)[~hidden[frame["p"].to_numpy()]]
    # By entity and spelling, each spelling's rows in (source, row) order: one pass over
    # plain lists (a group-by loop made a frame per spelling: minutes at 100,000 entities).
    shown = shown.sort_values(["p", "name"], kind="mergesort")
    for p, name, rows in _runs(shown["p"].tolist(), shown["name"].tolist(),
                               shown["where"].tolist()):  # fmt: skip
        more = len(rows) - max_rows
        spell[p].append([name or "(no name)", len(rows), "; ".join(rows[:max_rows])
                         + (f" … {more} more" if more > 0 else "")])  # fmt: skip
    for lst in spell:
        lst.sort(key=lambda x: (-int(x[1]), str(x[0])))
    ev = case.evidence
    if ev is not None and partial:
        # A merge's two mentions share its entity: only the evidence of drawn mentions
        # (a capped map of synth 100k took 4 GB more to look at all 3 million rows).
        ev = ev[ev["left"].isin(pd.Index(m["mention_id"].astype(str))).to_numpy()]
    if ev is not None and not ev.empty:
        ent = entity_of.astype(str)
        left = ent.reindex(ev["left"].astype(str)).to_numpy()
        right = ent.reindex(ev["right"].astype(str)).to_numpy()
        same = (left == right) & ev["decision"].isin([str(d) for d in JOINING_DECISIONS]).to_numpy()
        merged = ev[same].assign(p=pos.reindex(left[same]).to_numpy()).dropna(subset=["p"])
        merged = merged.sort_values(["p", "match_probability"], ascending=[True, False])
        said = spelling_lookup(spelled)
        for row in merged.groupby("p", sort=False).head(max_ev).itertuples(index=False):
            p = int(row.p)
            secret = bool(hidden[p])
            left_said = describe_mention(row.left, said, secret)
            right_said = describe_mention(row.right, said, secret)
            evid[p].append(
                [
                    f"{left_said} + {right_said}",
                    _fmt(row.match_probability),
                    _fmt(row.rule) or _fmt(row.decision),
                    _fields_summary(row.fields),
                ]
            )
    return prov, total, evid, spell


def _runs(
    keys: list[int], names: list[str], rows: list[str]
) -> Iterator[tuple[int, str, list[str]]]:
    """(key, name, rows) for each run of equal (key, name) in the sorted lists."""
    start = 0
    for i in range(1, len(keys) + 1):
        if i == len(keys) or keys[i] != keys[start] or names[i] != names[start]:
            yield int(keys[start]), names[start], rows[start:i]
            start = i


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


def _key_actors(
    values: np.ndarray, degree: np.ndarray, types: pd.Series, ids: pd.Index, *, top: int = 12
) -> list[int]:
    """Positions of the entities that matter most by the measure: people and organisations
    first (up to ``top``), then the leading others (up to a third as many). Ties go to the
    more linked entity, then the entity id; entities with neither measure nor links are left
    out."""
    frame = pd.DataFrame(
        {"v": np.nan_to_num(values, nan=0.0), "d": degree, "id": ids.astype(str),
         "actor": types.astype(str).isin(ACTOR_TYPES).to_numpy(), "p": np.arange(len(ids))}
    )  # fmt: skip
    frame = frame[(frame["v"] > 0) | (frame["d"] > 0)]
    frame = frame.sort_values(["v", "d", "id"], ascending=[False, False, True], kind="mergesort")
    actors = frame[frame["actor"]]["p"].head(top).tolist()
    others = frame[~frame["actor"]]["p"].head(max(3, top // 3)).tolist()
    return [int(x) for x in actors + others]


def _person_ties(graph: EntityGraph, pos: pd.Series) -> dict[str, list[Any]] | None:
    """Ties of the person view: two people linked through shared phones, accounts,
    addresses, ads or events (the projection of :func:`linkgraph.graph.project`), each
    with the shared items (node positions) and the source rows of the links behind it;
    direct person-person links are kept as they are."""
    types = graph.nodes["type"].astype(str)
    if int((types == "person").sum()) < 2:
        return None
    proj = person_projection(graph, _MAX_TIE_MEMBERS)
    e = proj.edges
    if e.empty:
        return None
    via = [[int(pos[i]) for i in json.loads(v) if i in pos.index] if isinstance(v, str) else []
           for v in e["via"]]  # fmt: skip
    rows = [_sorted_rows(r) for r in e["rows"]]
    return {
        "f": pos.reindex(e["src"].astype(str)).astype(int).tolist(),
        "t": pos.reindex(e["dst"].astype(str)).astype(int).tolist(),
        "kind": [str(k) for k in e["kind"]],
        "via": via,
        "n": [int(c) for c in e["count"]],
        "d0": _days(e["first"]),
        "d1": _days(e["last"]),
        "r": [r[:_MAX_EDGE_ROWS] for r in rows],
        "rn": [len(r) for r in rows],
    }


def _sorted_rows(value: object) -> list[str]:
    rows = json.loads(value) if isinstance(value, str) and value else []
    return sorted((str(r) for r in rows), key=_row_key)


def _days(col: pd.Series) -> list[int | None]:
    """Whole days since 1970-01-01 (UTC), None when unknown: what the time slider compares."""
    t = pd.to_datetime(col, utc=True, errors="coerce")
    days = (t - pd.Timestamp("1970-01-01", tz="UTC")).dt.days
    return [None if pd.isna(d) else int(d) for d in days]


def _column(values: pd.Series) -> list[object]:
    return [_fmt(v) for v in values]


def map_data(
    graph: EntityGraph,
    *,
    metrics: pd.DataFrame | None = None,
    case: Case | None = None,
    color_by: str | None = None,
    size_by: str | None = None,
    config: RenderConfig | None = None,
    show_victims: bool | None = None,
    pseudonym_key: bytes | None = None,
) -> dict[str, Any]:
    """The data a map draws, as plain JSON-able data (see ``templates/map.js``).

    Columnar arrays in vertex order: ``nodes`` (id, label, t=type, c=colour group,
    com=community, cty=country, s=vis-network size (equal area per measure value whatever
    the shape), r=radius of the dot of that area, v=measure value, x/y layout, victim,
    role, src=sources, ag=agencies, mn=mentions), ``measures`` (one array per measure
    column), ``edges`` (f/t=node positions, k=kind, w=width, n=count, wt=weight,
    am=amount, d0/d1=days since 1970 of first/last time, t0/t1 the dates, r=source rows
    sorted by number), ``ties`` (the person view), ``details`` (p=mentions, pn=mention
    count, ev=merge evidence, sp=spellings merged), ``key`` (the key actors, ranked),
    the legend (types with shapes, groups, kinds, size references), the glossary of the
    measures shown, the vis-network options and ``notes`` on fallbacks taken.

    ``case`` defaults to the case ``graph`` was built from (``graph.case``), so that a map
    of ``build_graph(case)`` protects whom ``case`` protects. Victims' pseudonyms are keyed
    by ``pseudonym_key``, by default the case's (without a case: a key of this Python
    session).
    """
    case = case if case is not None else graph.case
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
    # Where the layout is kept: the folder the case was read from (not its redacted copy).
    folder = case.origin.path if case is not None and case.origin is not None else None
    if not show and case is not None:
        # Victims' names in file names, events' labels, ... (linkgraph/redact.py).
        redacted, shown = redact_output(case, graph)
        metrics = redacted.metrics if metrics is case.metrics else metrics
        case, graph = redacted, shown if shown is not None else graph
    notes: list[str] = []
    whole = len(graph)
    graph, capped = cap_map_graph(graph, metrics=metrics, size_by=size_by, config=config)
    if capped is not None:
        notes.append(_cap_note(whole, capped))
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

    node_types = nodes["type"].astype(str)
    type_names = sorted(pd.unique(node_types).tolist())
    type_index = {t: i for i, t in enumerate(type_names)}
    type_counts = node_types.value_counts()
    types = [
        {
            "name": t,
            "label": ENTITY_TYPES[t].label if t in ENTITY_TYPES else t,
            "shape": map_shape(t),
            "count": int(type_counts.get(t, 0)),
        }
        for t in type_names
    ]
    shapes = [types[type_index[t]]["shape"] for t in node_types]
    country = nodes["country"].astype("string").fillna("").astype(str)
    countries = ["", *sorted(c for c in pd.unique(country) if c)]
    if pseudonym_key is None:
        pseudonym_key = case.pseudonym_key if case is not None else session_key()
    labels = display_labels(graph, show_victims=show, pseudonym_key=pseudonym_key, case=case)
    victim = nodes["role"].map(is_victim).fillna(False).astype(bool).to_numpy()
    # Victims and the phones, accounts, ... victims hold or use: no name, number or spelling.
    hidden = np.zeros(n, dtype=bool) if show else protected_in(graph, case)
    shown_ids = [pseudonym(i, pseudonym_key) if h else i for i, h in zip(ids, hidden, strict=True)]
    large = n > config.physics_max_nodes
    aggregate = n > config.aggregate_min_nodes
    xy = layout(graph, seed=config.seed, folder=folder)
    com_list = (
        [None if pd.isna(c) else int(c) for c in community] if community is not None else [None] * n
    )
    degree = np.asarray(graph.view(weighted=False).degree(), dtype=float)

    # Measures travel as columns; the page puts them in words (the glossary) on demand.
    measures = (
        [
            c
            for c in by_entity.columns
            if c not in ("label", "type", "community", "component")
            and pd.api.types.is_numeric_dtype(by_entity[c])
            and by_entity[c].notna().any()
        ]
        if by_entity is not None
        else ["degree"]
    )
    if by_entity is not None:
        measure_frame = by_entity[measures].reindex(ids)
        measure_cols = {c: _column(measure_frame[c]) for c in measures}
    else:
        measure_cols = {"degree": [int(d) for d in degree]}
    lite = n > config.canvas_min_nodes
    prov, total, evid, spell = _provenance(graph, case, hidden, *([_LITE_LIMITS] if lite else []))

    e = graph.edges
    pos = pd.Series(np.arange(n), index=ids)
    ties = _person_ties(graph, pos) if not aggregate else None
    kind_names = e["kind"].astype(str).value_counts()
    kind_order = sorted(kind_names.index, key=lambda k: (-kind_names[k], k))
    tie_kinds = sorted(set(ties["kind"])) if ties else []
    kind_index = {k: i for i, k in enumerate([*kind_order, *tie_kinds])}
    if ties:
        ties["k"] = [kind_index[k] for k in ties.pop("kind")]
    weight = e["weight"].to_numpy(dtype=float) if len(e) else np.zeros(0)
    wmax = float(np.log1p(weight.max())) if len(weight) and weight.max() > 0 else 1.0
    width = np.round(1.0 + 5.0 * np.log1p(np.clip(weight, 0, None)) / wmax, 2)
    rows_lists = [_sorted_rows(r) for r in e["rows"]]

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
            "the key actors are labelled, other labels appear when you zoom in."
        )
    if aggregate:
        notes.append(
            f"{n:,} entities: each community is drawn as one circle (area = members); "
            "click one to open it."
        )
    notes.append(f"Size: {term(size_by).name if size_by in GLOSSARY else size_source}. "
                 f"Colour: {color_by}.")  # fmt: skip
    named_by = victims_named_by(config, show_victims) if show else None
    if victim.any() and show:
        notes.insert(0, victims_named_note(named_by))
    if victim.any() and not show:
        count = int(victim.sum())
        notes.append(
            f"{count} victim{'s' if count != 1 else ''} shown by pseudonym (dashed border); "
            "--show-victims shows names."
        )
    key = _key_actors(values, degree, node_types, ids)
    agencies = nodes["agencies"].astype("string").fillna("").astype(str).tolist()

    data = {
        "nodes": {
            "id": shown_ids,
            "label": labels.tolist(),
            "t": [type_index[t] for t in node_types],
            "c": group.tolist(),
            "com": com_list,
            "cty": country.tolist(),
            "s": _sizes(values, shapes).tolist(),
            "v": [_fmt(v) for v in values],
            "x": np.round(xy[:, 0], 0 if n > config.canvas_min_nodes else 1).tolist(),
            "y": np.round(xy[:, 1], 0 if n > config.canvas_min_nodes else 1).tolist(),
            "victim": [int(v) for v in victim],
            "role": nodes["role"].astype("string").fillna("").astype(str).tolist(),
            "src": [int(x) for x in nodes["sources"]],
            "ag": agencies,
            "mn": [int(x) for x in nodes["mentions"]],
        },
        "measures": measure_cols,
        "edges": {
            "f": pos.reindex(e["src"].astype(str)).astype(int).tolist(),
            "t": pos.reindex(e["dst"].astype(str)).astype(int).tolist(),
            "k": [kind_index[str(k)] for k in e["kind"]],
            "w": width.tolist(),
            "n": [int(c) for c in e["count"]],
            "wt": [_fmt(w) for w in weight],
            "am": _amounts(e),
            "d0": _days(e["first"]),
            "d1": _days(e["last"]),
            "r": [r[:_MAX_EDGE_ROWS] for r in rows_lists],
            "rn": [len(r) for r in rows_lists],
        },
        "ties": ties,
        "details": {"p": prov, "pn": total, "ev": evid, "sp": spell},
        "key": key,
        "stability": stability_details(graph, case),
        "types": types,
        "kinds": [
            {
                "name": k,
                "label": link_kind(k).label
                if not k.startswith("shares_")
                else "shares " + k.removeprefix("shares_"),
                "directed": bool(link_kind(k).directed) and not k.startswith("shares_"),
                "color": KIND_PALETTE[i % len(KIND_PALETTE)],
                "count": int(kind_names.get(k, 0)),
                "tie": k.startswith("shares_"),
            }
            for i, k in enumerate([*kind_order, *tie_kinds])
        ],
        "groups": legend,
        "legend_title": {
            "community": "Communities",
            "type": "Entity types",
            "country": "Countries",
        }[color_by],
        "sizes": _size_legend(values),
        "communities": _community_options(com_list),
        "countries": countries,
        "glossary": glossary_for([*measures, "degree", "mentions", size_by]),
        "size_col": size_by,
        "size_words": list(term(size_by)),
        "aggregate": bool(aggregate and community is not None),
        "lite": bool(n > config.canvas_min_nodes),
        "options": options,
        "notes": notes,
        "victims_named": bool(victim.any() and show),
        "named_by": named_by,
        "size_by": size_source,
        "color_by": color_by,
    }
    if data["lite"]:
        _pack_map(data)
    return data


def stability_details(graph: EntityGraph, case: Case | None) -> dict[str, Any] | None:
    """The figures of ``CASE/stability.parquet`` for the details panel: per followed actor
    (by vertex position) one row per perturbation: P(rank 1), P(top k), rank band. None
    when stability has not run or ran on an earlier state of the case. Numbers only: no
    case text travels here."""
    from linkgraph.metrics.stability import is_current, load_stability

    stored = load_stability(case) if case is not None else None
    if stored is None or stored["actors"].empty or stored["run"].empty:
        return None
    run = stored["run"].iloc[0]
    if int(run["entities"]) != len(graph):  # a view of the case, or the case has changed
        from linkgraph.graph_cache import case_graph

        assert case is not None
        assert case.origin is not None
        if not is_current(stored, case_graph(case, case.origin.path)):
            return None
    elif not is_current(stored, graph):
        return None
    top = int(run["top"])
    words = {"missing_ties": "missing ties", "missing_people": "missing people",
             "resolution": "re-drawn merges"}  # fmt: skip
    pos = pd.Series(np.arange(len(graph)), index=graph.entity_ids.astype(str))
    rows: dict[str, list[list[str]]] = {}
    for a in stored["actors"].itertuples():
        x = pos.get(str(a.entity_id))
        if x is None:
            continue
        band = "" if a.rank_p05 != a.rank_p05 else f"{a.rank_p05:.0f}-{a.rank_p95:.0f}"
        rows.setdefault(str(int(x)), []).append(
            [
                words.get(a.perturbation, str(a.perturbation)),
                f"{a.p_rank1:.0%}",
                f"{a.p_top:.0%}",
                band,
            ]
        )
    if not rows:
        return None
    return {
        "head": ["perturbed", "P(rank 1)", f"P(top {top})", "rank band"],
        "rows": rows,
        "note": (
            f"observed rank by {run['measure']}; shares of {int(run['draws'])} perturbed "
            "versions each (linkgraph stability); rank band: 5th-95th percentile"
        ),
    }


def _pack(values: list[Any]) -> Any:
    """A column as it travels in a large map: ``{"k": v, "n": n}`` when every value is
    ``v``; ``{"d": v, "n": n, "i": [...], "v": [...]}`` when all but a few are the default
    ``v``; else the list itself. map.js's ``unpack`` expands it back."""
    n = len(values)
    if n == 0:
        return values
    # Scalars are their own key (with their type: 1, 1.0 and True differ in JSON); lists
    # go through JSON (json.dumps of every scalar was half the time of a large map).
    keys = [
        (type(v), v) if not isinstance(v, list | dict) else json.dumps(v, separators=(",", ":"))
        for v in values
    ]
    counts: dict[Any, int] = {}
    first: dict[Any, Any] = {}
    for k, v in zip(keys, values, strict=True):
        if k not in counts:
            counts[k], first[k] = 0, v
        counts[k] += 1
    common = max(counts, key=lambda k: counts[k])
    if counts[common] == n:
        return {"k": values[0], "n": n}
    if (n - counts[common]) * 3 < n:
        idx = [i for i, k in enumerate(keys) if k != common]
        return {"d": first[common], "n": n, "i": idx, "v": [values[i] for i in idx]}
    return values


def unpack(column: Any) -> list[Any]:
    """The list of values of a column written by :func:`_pack` (or the list itself)."""
    if not isinstance(column, dict):
        return list(column)
    if "k" in column:
        return [column["k"]] * column["n"]
    out = [column["d"]] * column["n"]
    for i, v in zip(column["i"], column["v"], strict=True):
        out[i] = v
    return out


def _pack_map(data: dict[str, Any]) -> None:
    """Pack the columns of a large map in place (see :func:`_pack`)."""
    for part in ("nodes", "edges", "ties", "measures", "details"):
        cols = data.get(part)
        if cols:
            for name in list(cols):
                cols[name] = _pack(cols[name])


def _community_options(com_list: list[int | None]) -> list[list[int]]:
    counts = pd.Series([c for c in com_list if c is not None], dtype="int64").value_counts()
    return [[int(c), int(k)] for c, k in sorted(counts.items(), key=lambda x: (-x[1], x[0]))][:500]


#: The map's warning when it names victims (``--show-victims``): in its header and notes.
VICTIMS_NAMED = "Victims are named in this map (--show-victims): do not share."


def victims_named_note(named_by: str | None) -> str:
    """The map's warning when it names victims, naming how (``--show-victims``, or the
    config's ``render.pseudonymize_victims: false``: :func:`victims_named_by`)."""
    return VICTIMS_NAMED.replace(SHOW_VICTIMS_FLAG, named_by or SHOW_VICTIMS_FLAG)


def _victims_banner(named: bool, named_by: str | None = None) -> str:
    """The header's banner saying the map names victims; empty when it does not."""
    if not named:
        return ""
    return f'<p id="lg-victims-named" role="alert">{esc(victims_named_note(named_by))}</p>'


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
    pseudonym_key: bytes | None = None,
) -> str:
    """The map as one self-contained HTML document (see :func:`render_map`)."""
    from linkgraph import __version__

    whole = len(graph)
    graph, capped = cap_map_graph(graph, metrics=metrics, size_by=size_by, config=config)
    if capped is not None:
        view = f"{view}; {capped}"
    data = map_data(
        graph,
        metrics=metrics,
        case=case,
        color_by=color_by,
        size_by=size_by,
        config=config,
        show_victims=show_victims,
        pseudonym_key=pseudonym_key,
    )
    if capped is not None:
        data["notes"].insert(0, _cap_note(whole, capped))
    # Large maps draw with map.js's own canvas renderer: vis-network is left out.
    js, app = ("" if data["lite"] else vis_js()), template("map.js")
    summary = f"{view} · {len(graph):,} entities, {graph_edges_said(graph)}"
    return fill(
        template("map.html"),
        {
            "csp": esc(csp([js, app])),
            "version": esc(__version__),
            "title": esc(title),
            "view": esc(summary),
            "banner": _victims_banner(data["victims_named"], data.get("named_by")),
            "notes": " ".join(
                esc(x) for x in data["notes"] if x != victims_named_note(data.get("named_by"))
            ),
            "vis_css": "" if data["lite"] else vis_css(),
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
    pseudonym_key: bytes | None = None,
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
        case: the case, for each entity's mentions (source, agency, row), the evidence
            of its merge and whom to protect; default the case ``graph`` was built from
            (``build_graph(case)`` keeps it).
        show_victims: show victims' names; default: pseudonyms, unless the config says
            ``pseudonymize_victims: false``.
        title: the map's heading.
        view: a description of the view shown under the heading.
        pseudonym_key: the key of victims' pseudonyms; default the case's (without a
            case: a key of this Python session, so pseudonyms differ by run).

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
        pseudonym_key=pseudonym_key,
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
