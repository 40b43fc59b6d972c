"""Views of an entity graph for a map: a community, an ego network, a path, a time window."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from linkgraph.errors import ConfigError, run_stage_hint
from linkgraph.graph import EntityGraph


def _position(graph: EntityGraph, entity_id: str, key: str) -> int:
    ids = graph.entity_ids
    if entity_id not in ids:
        raise ConfigError(
            f"entity {entity_id!r} is not in the graph",
            key=key,
            hint="take an entity_id from metrics.parquet or `linkgraph analyze` output",
        )
    return int(ids.get_loc(entity_id))


def community_view(graph: EntityGraph, metrics: pd.DataFrame | None, community: int) -> EntityGraph:
    """The entities of one community (``metrics.community``) and the links among them."""
    if metrics is None or "community" not in metrics.columns:
        raise ConfigError(
            "the case has no communities yet",
            key="community",
            hint=run_stage_hint("analyze"),
        )
    frame = metrics.set_index("entity_id") if "entity_id" in metrics.columns else metrics
    members = frame.index[frame["community"] == community].astype(str).tolist()
    if not members:
        known = sorted(pd.unique(frame["community"].dropna()).tolist())[:20]
        raise ConfigError(
            f"community {community} has no members",
            key="community",
            hint=f"known communities include: {', '.join(map(str, known))}",
        )
    return graph.subgraph(members)


def ego_view(graph: EntityGraph, entity_id: str, *, hops: int = 2) -> EntityGraph:
    """The entities within ``hops`` links of ``entity_id`` (either direction)."""
    if hops < 0:
        raise ValueError("hops must be a non-negative integer")
    centre = _position(graph, entity_id, "ego")
    near = graph.graph.neighborhood(centre, order=hops, mode="all")
    return graph.subgraph(graph.entity_ids[sorted(near)].tolist())


def path_view(graph: EntityGraph, source: str, target: str) -> EntityGraph:
    """Every shortest path (ignoring direction and weight) between two entities."""
    a = _position(graph, source, "path")
    b = _position(graph, target, "path")
    simple = graph.view(weighted=False)
    paths = simple.get_all_shortest_paths(a, to=b, mode="all")
    if not paths:
        raise ConfigError(
            f"no path links {source!r} and {target!r}",
            key="path",
            hint="they are in different components of the graph",
        )
    keep = sorted({v for p in paths for v in p})
    return graph.subgraph(graph.entity_ids[keep].tolist())


def time_view(
    graph: EntityGraph,
    *,
    since: pd.Timestamp | str | None = None,
    until: pd.Timestamp | str | None = None,
) -> EntityGraph:
    """Links whose time span overlaps [since, until], and the entities they join.

    A date without a time includes that whole day (``until="2024-03-31"`` keeps a call
    at 10:30 that day). Links without any time are left out of a time window (the map
    cannot place them), except a holding (a person's phone, account, ...) of an entity
    with a link in the window, as in ``linkgraph.metrics.temporal.window_links``. A
    graph's edges keep no event times: a link placed at its event's time
    (``temporal.placed_times``) is left out here; `linkgraph render --since` windows the
    case's links instead, and places it.
    """
    from linkgraph.metrics.temporal import held_in_window, window_end, window_start

    e = graph.edges
    first = pd.to_datetime(e["first"], utc=True, errors="coerce")
    last = pd.to_datetime(e["last"], utc=True, errors="coerce")
    timed = first.notna() | last.notna()
    keep = timed.copy()
    if since is not None:
        keep &= last.fillna(first) >= window_start(since)
    if until is not None:
        keep &= first.fillna(last) <= window_end(until)
    keep |= ~timed & held_in_window(e, keep.to_numpy())
    kept = e[keep.to_numpy()]
    ids = pd.unique(pd.concat([kept["src"], kept["dst"]]).astype(str))
    sub = graph.subgraph(list(ids))
    # subgraph() keeps every link among the kept entities; drop the ones outside the window.
    edges = sub.edges.merge(kept[["src", "dst", "kind"]], on=["src", "dst", "kind"])
    from linkgraph.graph import _assemble

    return _assemble(sub.nodes, edges, case=graph.case)


def top_view(graph: EntityGraph, values: np.ndarray, n: int) -> EntityGraph:
    """The ``n`` entities ranked highest by ``values`` (in vertex order), and the links among
    them; ties go to the entity with more links, then to the smaller entity id."""
    if len(graph) <= n:
        return graph
    degree = np.asarray(graph.view(weighted=False).degree(), dtype=float)
    ids = graph.entity_ids.astype(str).to_numpy(dtype=object)
    order = np.lexsort((ids, -degree, -np.nan_to_num(values, nan=0.0)))
    return graph.subgraph(ids[np.sort(order[:n])].tolist())


def capped_view(
    graph: EntityGraph, values: np.ndarray, measure: str, max_nodes: int
) -> tuple[EntityGraph, str | None]:
    """``graph``, or above ``max_nodes`` entities (0: no cap) its :func:`top_view` by the
    size measure ``values``, with a short description ("top 100,000 of 2,550,160 entities
    by betweenness"; None when not capped). A browser cannot draw millions of entities:
    the map of a large case is a summary of its top actors."""
    if max_nodes <= 0 or len(graph) <= max_nodes:
        return graph, None
    top = top_view(graph, values, max_nodes)
    return top, f"top {len(top):,} of {len(graph):,} entities by {measure}"


def select_view(
    graph: EntityGraph,
    metrics: pd.DataFrame | None = None,
    *,
    community: int | None = None,
    ego: str | None = None,
    hops: int = 2,
    path: Sequence[str] | None = None,
    since: str | None = None,
    until: str | None = None,
) -> tuple[EntityGraph, str]:
    """Apply the views that are given, in order time → community → ego → path.

    Returns:
        The narrowed graph and a one-line description of the view ("whole network" when
        no option is given).
    """
    parts = []
    if since is not None or until is not None:
        graph = time_view(graph, since=since, until=until)
        parts.append(f"links from {since or 'the start'} to {until or 'the end'}")
    if community is not None:
        graph = community_view(graph, metrics, community)
        parts.append(f"community {community}")
    if ego is not None:
        graph = ego_view(graph, ego, hops=hops)
        parts.append(f"{hops} hops around {ego}")
    if path is not None:
        if len(path) != 2:
            raise ValueError("path takes exactly two entity ids")
        graph = path_view(graph, path[0], path[1])
        parts.append(f"shortest paths {path[0]} to {path[1]}")
    return graph, "; ".join(parts) if parts else "whole network"
