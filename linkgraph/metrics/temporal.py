"""Measures over time: a graph restricted to a time window, measures per period, and
which actors rose and fell between periods."""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from linkgraph.graph import EntityGraph, _assemble, build_graph
from linkgraph.model import Case
from linkgraph.schema import HOLDING_KINDS

log = logging.getLogger(__name__)

Measure = Callable[[EntityGraph], pd.DataFrame]


def _utc(value: pd.Timestamp | str) -> pd.Timestamp:
    ts = pd.Timestamp(value)
    return ts.tz_localize("UTC") if ts.tz is None else ts.tz_convert("UTC")


#: A bound written without a time of day: a year, a month or a day (2024, 2024-03,
#: 2024-03-31, 20240331). It stands for that whole period.
_PERIOD_ONLY = re.compile(r"\s*(\d{4}(-\d{2}){0,2}|\d{8})\s*")


def _period_of(value: object) -> pd.Period | None:
    """The day, month or year a bound names when it is written without a time of day
    (a ``datetime.date``, or a string such as ``2024-03-31``); None for a date-time."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return pd.Period(value, freq="D")
    if isinstance(value, str) and _PERIOD_ONLY.fullmatch(value):
        return pd.Period(value.strip())
    return None


def window_start(value: pd.Timestamp | str | dt.date) -> pd.Timestamp:
    """The first instant (UTC) a ``--since`` bound lets in: a date without a time is
    the start of that day (a month, ``2024-03``, or a year, of that period); a date-time
    is taken as given (naive ones are UTC). ``ValueError`` when it is no date."""
    period = _period_of(value)
    ts = _utc(period.start_time if period is not None else value)  # type: ignore[arg-type]
    if ts is pd.NaT:
        raise ValueError(f"{value!r} is not a date")
    return ts


def window_end(value: pd.Timestamp | str | dt.date) -> pd.Timestamp:
    """The last instant (UTC) an ``--until`` bound lets in: a date without a time
    includes that whole day (``2024-03-31`` ends at 23:59:59.999999999; a month,
    ``2024-03``, or a year, includes the whole period), as ``--since`` includes its whole
    first day; a date-time is taken as given (naive ones are UTC)."""
    period = _period_of(value)
    ts = _utc(period.end_time if period is not None else value)  # type: ignore[arg-type]
    if ts is pd.NaT:
        raise ValueError(f"{value!r} is not a date")
    return ts


def in_window(
    times: pd.Series,
    start: pd.Timestamp | str | dt.date | None = None,
    end: pd.Timestamp | str | dt.date | None = None,
) -> np.ndarray:
    """Which of ``times`` lie in the window (``window_start(start)`` to
    ``window_end(end)``, both inclusive); an unknown time is never inside."""
    t = pd.to_datetime(times, utc=True)
    keep = t.notna().to_numpy().copy()
    if start is not None:
        keep &= (t >= window_start(start)).to_numpy()
    if end is not None:
        keep &= (t <= window_end(end)).to_numpy()
    return keep


@dataclass(frozen=True)
class WindowGaps:
    """What a time window left out for lack of dates, and the undated holdings it kept.

    ``undated_links``: undated links other than holdings left out, by kind (the window
    cannot place them: neither they nor an event at their end has a time, see
    :func:`placed_times`); ``undated_entities``: entities linked only by those (no dated
    link, no holding); ``holdings_left_out`` / ``holdings_kept``: undated holdings (a
    person's phone, account, ...) left out because what they hold has no dated link in
    the window, or kept because it has."""

    undated_links: dict[str, int] = field(default_factory=dict)
    undated_entities: int = 0
    holdings_left_out: int = 0
    holdings_kept: int = 0

    def note(self) -> str:
        """One sentence for the terminal and the report ("" when nothing undated was
        left out)."""
        parts = []
        left = sum(self.undated_links.values())
        if left:
            kinds = ", ".join(f"{k} {n:,}" for k, n in sorted(self.undated_links.items()))
            parts.append(
                f"{left:,} undated link(s) ({kinds}) and the {self.undated_entities:,} "
                "entities linked only by such links are left out: the window cannot place "
                "them in time"
            )
        if self.holdings_left_out:
            parts.append(
                f"{self.holdings_left_out:,} undated holding(s) (a person's phone, account, "
                "...) left out: what they hold has no dated link in the window "
                f"({self.holdings_kept:,} kept: what they hold has one)"
            )
        return "; ".join(parts)

    def as_dict(self) -> dict[str, object]:
        """The manifest's record of the gaps."""
        return {
            "undated_links_left_out": dict(sorted(self.undated_links.items())),
            "entities_without_dated_link": self.undated_entities,
            "undated_holdings_left_out": self.holdings_left_out,
            "undated_holdings_kept": self.holdings_kept,
        }


def window_said(window: Mapping[str, object]) -> str:
    """The line on the time window an analysis ran on (the analyze step's ``window``):
    its bounds as applied (UTC), and what it left out for lack of dates."""

    def shown(bound: object, open_side: str) -> str:
        if not bound:
            return open_side
        return pd.Timestamp(str(bound)).strftime("%Y-%m-%d %H:%M:%S")

    note = window.get("note")
    return (
        f"Window: links timed {shown(window.get('from'), 'the start')} to "
        f"{shown(window.get('to'), 'the end')} UTC" + (f"; {note}" if note else "")
    )


def placed_times(case: Case) -> pd.Series:
    """Each link's time as a time window places it (UTC; NaT when it cannot): its own
    time, else, for a link without one whose end is a dated event (a person
    ``involved_in`` an arrest, a hotline report, a border crossing), the event's time:
    its mention's, else the earliest of its entity's mentions (the same event ingested
    from another file). The ``dst`` end is asked first, then the ``src``.

    The one rule of every window: ``analyze``, ``render`` and the report judge links by
    it (:func:`windowed`).
    """
    links = case.links
    own = pd.to_datetime(links["time"], utc=True).reset_index(drop=True)
    missing = own.isna().to_numpy()
    m = case.mentions
    events = m[m["type"].astype(str).eq("event").to_numpy()]
    if not missing.any() or events.empty:
        return own
    entity_of = case.entity_of()
    at = pd.to_datetime(events["time"], utc=True)
    by_mention = pd.Series(at.to_numpy(), index=events["mention_id"].to_numpy())
    by_mention = by_mention[by_mention.notna().to_numpy()]
    by_entity = by_mention.groupby(entity_of.reindex(by_mention.index).to_numpy()).min()
    placed = own.copy()
    for end in ("dst", "src"):
        todo = placed.isna().to_numpy()
        if not todo.any():
            break
        ids = links[end].to_numpy()[todo]
        t = by_mention.reindex(ids)
        t = t.fillna(by_entity.reindex(entity_of.reindex(ids).to_numpy()).set_axis(t.index))
        placed[todo] = pd.to_datetime(t.to_numpy(), utc=True)
    return placed


def windowed(
    case: Case,
    start: pd.Timestamp | str | dt.date | None = None,
    end: pd.Timestamp | str | dt.date | None = None,
    *,
    keep_untimed: bool = False,
) -> tuple[Case, WindowGaps]:
    """``window_links`` and what the window left out for lack of dates (``WindowGaps``)."""
    links = case.links
    times = placed_times(case)  # a link without a time of its own at its event's
    inside = in_window(times, start, end)
    untimed = times.isna().to_numpy()
    if keep_untimed:
        return case.with_tables(links=links[inside | untimed].reset_index(drop=True)), WindowGaps()
    entity_of = case.entity_of()
    src = entity_of.reindex(links["src"]).to_numpy()
    dst = entity_of.reindex(links["dst"]).to_numpy()
    active = pd.Index(src[inside]).union(pd.Index(dst[inside]))
    holding = untimed & links["kind"].isin(HOLDING_KINDS).to_numpy()
    held_active = holding & pd.Index(dst).isin(active)
    other = untimed & ~holding
    by_kind = links.loc[other, "kind"].astype(str).value_counts()
    placed = ~other  # dated links and holdings: their entities are judged by time
    # each entity once (a union of indexes with repeats keeps the repeats: an undated event
    # named by two persons was counted twice)
    only_undated = pd.Index(src[other]).union(pd.Index(dst[other])).unique()
    judged = pd.Index(src[placed]).union(pd.Index(dst[placed]))
    gaps = WindowGaps(
        undated_links={str(k): int(n) for k, n in by_kind.items()},
        undated_entities=int((~only_undated.isin(judged)).sum()),
        holdings_left_out=int((holding & ~held_active).sum()),
        holdings_kept=int(held_active.sum()),
    )
    return case.with_tables(links=links[inside | held_active].reset_index(drop=True)), gaps


def window_links(
    case: Case,
    start: pd.Timestamp | str | dt.date | None = None,
    end: pd.Timestamp | str | dt.date | None = None,
    *,
    keep_untimed: bool = False,
) -> Case:
    """The case with only the links of the window ``[start, end]`` (inclusive).

    Every contact is judged by its own time, so a pair that spoke in January and in
    June is absent from a March window; a link without a time whose end is a dated event
    (a person ``involved_in`` an arrest) by the event's time (:func:`placed_times`). A
    date without a time includes that whole day (``end="2024-03-31"`` keeps a call at
    10:30 that day; see ``window_end``). An undated holding link
    (``schema.HOLDING_KINDS``: a person's phone, account, document, ...) is kept when
    what it holds (its ``dst`` entity) has a dated link in the window, so the persons
    active through their phones and accounts are in the window's network; other undated
    links are left out (``windowed`` says how many). Mentions and the
    resolution are kept; build the window's graph with ``build_graph`` (or use
    ``time_window(case, ...)``).

    Args:
        case: the case (ingested or resolved).
        start, end: window bounds (dates or timestamps; naive ones are UTC); ``None``
            leaves that side open.
        keep_untimed: keep every link without a time (by default only the holdings
            above).
    """
    return windowed(case, start, end, keep_untimed=keep_untimed)[0]


def held_in_window(edges: pd.DataFrame, inside: pd.Series | np.ndarray) -> np.ndarray:
    """Which of a graph's ``edges`` are holdings (``schema.HOLDING_KINDS``) of an entity
    (their ``dst``) that has an edge among the ``inside`` ones: the undated holdings a
    window keeps (see ``window_links``)."""
    mask = np.asarray(inside, dtype=bool)
    active = pd.Index(edges["src"][mask]).union(pd.Index(edges["dst"][mask]))
    holding = edges["kind"].astype(str).isin(HOLDING_KINDS).to_numpy()
    return holding & edges["dst"].isin(active).to_numpy()


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
    logged warning (pass the Case to keep them). Undated holdings of identifiers with a
    contact in the window are kept, and a date without a time includes that whole day,
    as in ``window_links``.

    Args:
        graph: the case (exact) or its entity graph.
        start, end: window bounds (inclusive); ``None`` leaves that side open.
        keep_untimed: keep every link without a time (by default only the holdings of
            identifiers with a contact in the window).
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
            inside &= first >= window_start(start)
            overlaps &= last >= window_start(start)
        if end is not None:
            inside &= last <= window_end(end)
            overlaps &= first <= window_end(end)
        untimed = first.isna() & last.isna()
        straddle = overlaps & ~inside & ~untimed
        if straddle.any():
            log.warning(
                "time_window: %d edge(s) have contacts inside and outside the window and "
                "were left out; pass the Case to split them by contact",
                int(straddle.sum()),
            )
        timed_inside = inside & ~untimed
        keep = timed_inside | (untimed & (keep_untimed | held_in_window(e, timed_inside)))
        edges = e[keep.to_numpy()].reset_index(drop=True)
        nodes = graph.nodes
    if drop_isolated:
        active = pd.Index(edges["src"]).union(pd.Index(edges["dst"]))
        nodes = nodes[nodes.index.isin(active)]
    return _assemble(nodes, edges, case=graph if isinstance(graph, Case) else graph.case)


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
