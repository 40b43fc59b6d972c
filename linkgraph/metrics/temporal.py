"""Measures over time: a graph restricted to a time window, measures per period, and
which actors rose and fell between periods."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence

import numpy as np
import pandas as pd

from linkgraph.graph import EntityGraph, _assemble, build_graph
from linkgraph.model import Case

log = logging.getLogger(__name__)

Measure = Callable[[EntityGraph], pd.DataFrame]


def _utc(value: pd.Timestamp | str) -> pd.Timestamp:
    ts = pd.Timestamp(value)
    return ts.tz_localize("UTC") if ts.tz is None else ts.tz_convert("UTC")


def window_links(
    case: Case,
    start: pd.Timestamp | str | None = None,
    end: pd.Timestamp | str | None = None,
    *,
    keep_untimed: bool = False,
) -> Case:
    """The case with only the links whose own time lies in ``[start, end]`` (inclusive).

    Every contact is judged by its own time, so a pair that spoke in January and in
    June is absent from a March window. Mentions and the resolution are kept; build the
    window's graph with ``build_graph`` (or use ``time_window(case, ...)``).

    Args:
        case: the case (ingested or resolved).
        start, end: window bounds (dates or timestamps; naive ones are UTC); ``None``
            leaves that side open.
        keep_untimed: keep links without a time (dropped by default).
    """
    links = case.links
    t = pd.to_datetime(links["time"], utc=True)
    keep = pd.Series(True, index=links.index)
    if start is not None:
        keep &= t >= _utc(start)
    if end is not None:
        keep &= t <= _utc(end)
    keep = keep.fillna(False) & t.notna()
    if keep_untimed:
        keep |= t.isna()
    return case.with_tables(links=links[keep.to_numpy()].reset_index(drop=True))


def time_window(
    graph: EntityGraph | Case,
    start: pd.Timestamp | str | None = None,
    end: pd.Timestamp | str | None = None,
    *,
    keep_untimed: bool = False,
    drop_isolated: bool = False,
) -> EntityGraph:
    """The graph of the contacts inside ``[start, end]``. Any measure then runs on it.

    Given a Case, the links are filtered by their own times *before* the graph is built
    (``window_links``), so the window holds exactly the contacts inside it, with their
    counts and weights. Given an EntityGraph, whose edges only keep the first and last
    time of their contacts, an edge is kept when its whole span lies inside the window;
    edges with contacts both inside and outside cannot be split and are left out with a
    logged warning (pass the Case to keep them).

    Args:
        graph: the case (exact) or its entity graph.
        start, end: window bounds (inclusive); ``None`` leaves that side open.
        keep_untimed: keep links without a time (they are dropped by default).
        drop_isolated: drop entities left without edges in the window.

    Examples:
        >>> from linkgraph.graph import toy_graph
        >>> len(time_window(toy_graph(), "2024-01-01").edges)  # the toy's links are untimed
        0
        >>> len(time_window(toy_graph(), "2024-01-01", keep_untimed=True).edges)
        3
    """
    if isinstance(graph, Case):
        built = build_graph(window_links(graph, start, end, keep_untimed=keep_untimed))
        nodes, edges = built.nodes, built.edges
    else:
        e = graph.edges
        first = pd.to_datetime(e["first"], utc=True)
        last = pd.to_datetime(e["last"], utc=True)
        inside = pd.Series(True, index=e.index)
        overlaps = pd.Series(True, index=e.index)
        if start is not None:
            inside &= first >= _utc(start)
            overlaps &= last >= _utc(start)
        if end is not None:
            inside &= last <= _utc(end)
            overlaps &= first <= _utc(end)
        untimed = first.isna() & last.isna()
        straddle = overlaps & ~inside & ~untimed
        if straddle.any():
            log.warning(
                "time_window: %d edge(s) have contacts inside and outside the window and "
                "were left out; pass the Case to split them by contact",
                int(straddle.sum()),
            )
        keep = (inside & ~untimed) | (untimed & keep_untimed)
        edges = e[keep.to_numpy()].reset_index(drop=True)
        nodes = graph.nodes
    if drop_isolated:
        active = pd.Index(edges["src"]).union(pd.Index(edges["dst"]))
        nodes = nodes[nodes.index.isin(active)]
    return _assemble(nodes, edges)


def measures_by_period(
    graphs: Mapping[str, EntityGraph], measures: Sequence[Measure]
) -> pd.DataFrame:
    """Run each measure on each period's graph.

    Args:
        graphs: period label -> graph of that period, in time order (e.g. one
            ``time_window`` per month, or the phases of an investigation).
        measures: metric functions such as ``degree_centrality``.

    Returns:
        Long DataFrame with ``period``, ``entity_id``, ``label`` and one column per
        measure; an entity appears in the periods whose graph holds it.
    """
    frames = []
    for period, g in graphs.items():
        parts = [m(g) for m in measures]
        frame = pd.concat(parts, axis=1)
        frame.insert(0, "label", g.nodes["label"].reindex(frame.index).to_numpy())
        frame.insert(0, "period", period)
        frames.append(frame.reset_index())
    out = pd.concat(frames, ignore_index=True)
    out["period"] = pd.Categorical(out["period"], categories=list(graphs), ordered=True)
    return out


def rising_and_falling(
    table: pd.DataFrame,
    measure: str,
    *,
    before: Sequence[str],
    after: Sequence[str],
    top: int | None = 10,
) -> pd.DataFrame:
    """How each actor's ``measure`` changed from the ``before`` periods to the ``after``
    periods (means; an actor absent from a period counts 0 there).

    Returns:
        DataFrame indexed by ``entity_id`` with ``label``, ``before``, ``after``,
        ``change`` and ``trend`` (``rising`` / ``falling`` / ``steady``), sorted by
        change, risers first; with ``top``, only the ``top`` risers and fallers.
    """
    wide = table.pivot_table(index="entity_id", columns="period", values=measure,
                             aggfunc="first", observed=False)  # fmt: skip
    wide = wide.reindex(columns=list(before) + list(after)).fillna(0.0)
    out = pd.DataFrame(
        {
            "before": wide[list(before)].mean(axis=1),
            "after": wide[list(after)].mean(axis=1),
        }
    )
    out["change"] = out["after"] - out["before"]
    out["trend"] = np.select([out["change"] > 1e-12, out["change"] < -1e-12],
                             ["rising", "falling"], "steady")  # fmt: skip
    labels = table.drop_duplicates("entity_id").set_index("entity_id")["label"]
    out.insert(0, "label", labels.reindex(out.index).to_numpy())
    out = out.sort_values(["change", "before"], ascending=[False, True], kind="stable")
    out.index.name = "entity_id"
    if top is not None:
        rising = out[out["trend"] == "rising"].head(top)
        falling = out[out["trend"] == "falling"].tail(top)
        out = pd.concat([rising, falling])
    return out


def periods(graph: EntityGraph | Case, freq: str = "MS") -> dict[str, EntityGraph]:
    """One ``time_window`` graph per calendar period (pandas ``freq``: ``"MS"`` months,
    ``"QS"`` quarters, ``"W"`` weeks) between the earliest and latest link; pass the Case
    so each period holds exactly its own contacts."""
    if isinstance(graph, Case):
        times = pd.to_datetime(graph.links["time"], utc=True)
        first, last = times.min(), times.max()
    else:
        first = pd.to_datetime(graph.edges["first"], utc=True).min()
        last = pd.to_datetime(graph.edges["last"], utc=True).max()
    if pd.isna(first) or pd.isna(last):
        return {}
    edges = pd.date_range(first.floor("D"), last, freq=freq)
    if len(edges) == 0 or edges[0] > first:
        edges = edges.insert(0, first.floor("D"))
    out = {}
    for lo, hi in zip(edges, [*edges[1:], last + pd.Timedelta(1, "ns")], strict=True):
        out[str(lo.date())] = time_window(graph, lo, hi - pd.Timedelta(1, "ns"))
    return out
