"""Measures over time: a graph restricted to a time window, measures per period, and
which actors rose and fell between periods."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np
import pandas as pd

from linkgraph.graph import EntityGraph, _assemble

Measure = Callable[[EntityGraph], pd.DataFrame]


def time_window(
    graph: EntityGraph,
    start: pd.Timestamp | str | None = None,
    end: pd.Timestamp | str | None = None,
    *,
    keep_untimed: bool = False,
    drop_isolated: bool = False,
) -> EntityGraph:
    """The graph of the links active in ``[start, end]``: an edge is kept when its time
    span (``first`` .. ``last``) overlaps the window. Any measure then runs on the result.

    Args:
        graph: the entity graph.
        start, end: window bounds (inclusive); ``None`` leaves that side open.
        keep_untimed: keep edges without a time (they are dropped by default).
        drop_isolated: drop entities left without edges in the window.

    Examples:
        >>> from linkgraph.graph import toy_graph
        >>> len(time_window(toy_graph(), "2024-01-01").edges)  # the toy's links are untimed
        0
        >>> len(time_window(toy_graph(), "2024-01-01", keep_untimed=True).edges)
        3
    """
    e = graph.edges
    first = pd.to_datetime(e["first"], utc=True)
    last = pd.to_datetime(e["last"], utc=True)
    keep = pd.Series(True, index=e.index)
    if start is not None:
        keep &= (
            last >= pd.Timestamp(start, tz="UTC")
            if pd.Timestamp(start).tz is None
            else (last >= pd.Timestamp(start))
        )
    if end is not None:
        keep &= (
            first <= pd.Timestamp(end, tz="UTC")
            if pd.Timestamp(end).tz is None
            else (first <= pd.Timestamp(end))
        )
    untimed = first.isna() & last.isna()
    keep = (keep & ~untimed) | (untimed & keep_untimed)
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


def periods(graph: EntityGraph, freq: str = "MS") -> dict[str, EntityGraph]:
    """One ``time_window`` graph per calendar period (pandas ``freq``: ``"MS"`` months,
    ``"QS"`` quarters, ``"W"`` weeks) between the earliest and latest link."""
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
