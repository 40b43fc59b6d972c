"""Key players: disruption simulations (remove the top actors, watch the network fall
apart) and Borgatti's key-player fragmentation set."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import Any, Literal

import igraph as ig
import numpy as np
import pandas as pd

from linkgraph.graph import EntityGraph, edge_endpoints
from linkgraph.metrics._common import (
    as_igraph,
    entity_index,
    positive_weights,
    refuse_negative_weights,
)
from linkgraph.model import Case
from linkgraph.progress import Progress, or_null

Strategy = Literal["degree", "betweenness", "pagerank", "strength", "fragmentation"]
STRATEGIES: tuple[str, ...] = ("degree", "betweenness", "pagerank", "strength", "fragmentation")
#: How equally scored entities are ordered: ``"measure"`` by the next measure (degree, for
#: the strategies other than degree), then by the entity's stable id (:func:`stable_rank`),
#: the same whatever the order of the input files; ``"first"``/``"last"`` by the data's
#: order (:func:`data_order`), to reproduce published curves (Cavallaro et al.).
Ties = Literal["measure", "first", "last"]
TIES: tuple[str, ...] = ("measure", "first", "last")
#: Key-player set measures: Borgatti's fragmentation F, or distance-weighted DF.
KPMeasure = Literal["fragmentation", "distance"]
KP_MEASURES: tuple[str, ...] = ("fragmentation", "distance")
_SLOTS = {"node": 0, "source": 1, "target": 2}

#: Global efficiency needs all distances; above this many entities it is left NaN.
EFFICIENCY_MAX_NODES = 5_000


def _scores(g: ig.Graph, by: str, weighted: bool) -> np.ndarray:
    w = g.es["weight"] if weighted and "weight" in g.es.attributes() else None
    if by == "degree":
        if w is not None:  # weighted degree (networkx ``G.degree(weight=...)``): strength
            return np.asarray(g.strength(mode="all", weights=w), dtype=float)
        return np.asarray(g.degree(mode="all"), dtype=float)
    if by == "strength":
        return np.asarray(g.strength(mode="all", weights=w), dtype=float)
    if by == "betweenness":
        # Unweighted hop counts unless weighted: then weights are lengths, as networkx.
        return np.asarray(g.betweenness(directed=g.is_directed(), weights=w), dtype=float)
    if by == "pagerank":
        from linkgraph.metrics.centrality import pagerank_values

        return pagerank_values(g, weight="weight" if w is not None else None)[0]
    raise ValueError(f"unknown strategy {by!r}; choose one of: {', '.join(STRATEGIES)}")


def _rounded(scores: np.ndarray) -> np.ndarray:
    """``scores`` over their largest magnitude, rounded to 12 significant digits, so that
    values equal in exact arithmetic tie regardless of floating-point summation order."""
    top = float(np.abs(scores).max()) if len(scores) else 0.0
    return np.round(scores / top, 12) if top > 0 else scores


def _pick(
    scores: np.ndarray, count: int, tie_keys: Sequence[np.ndarray], barred: np.ndarray
) -> list[int]:
    """Indices (into the current graph) of the ``count`` highest scores.

    Entities ``barred`` (a boolean mask) come after all others; equal scores (see
    :func:`_rounded`) are ordered by ``tie_keys`` in turn, the lowest first.
    """
    keys = (*reversed(tie_keys), -_rounded(scores), barred)
    order = np.lexsort(keys)
    return [int(i) for i in order[:count]]


def _tie_keys(g: ig.Graph, by: str, ties: str, rank: np.ndarray) -> list[np.ndarray]:
    """What orders equally scored vertices of ``g``: with ``ties="measure"`` the degree
    (highest first; for strategies other than degree), then ``rank`` (stable ids); with
    ``"first"``/``"last"`` ``rank`` (the data order) up or down."""
    if ties == "first":
        return [rank]
    if ties == "last":
        return [-rank]
    if by == "degree":
        return [rank]
    return [-np.asarray(g.degree(mode="all"), dtype=float), rank]


def stable_rank(ids: Sequence[str] | pd.Index) -> np.ndarray:
    """The rank of each entity id by the part of it that is the same in every case built
    from the same files, whatever their order and the case's pseudonym key: the id, or of a
    victim's identifier (``e:`` + 8 hex digits from its positional id + ``-`` + a keyed
    part, see :mod:`linkgraph.resolve.victim_ids`) its part before the ``-``. The whole id
    decides between equal parts.

    Examples:
        >>> stable_rank(["e:b", "e:0000000a-ffffffffffffffff", "e:0000000b"]).tolist()
        [2.0, 0.0, 1.0]
    """
    text = pd.Series(pd.Index(ids).astype(str), dtype=object)
    stable = text.str.replace(r"^(e:[0-9a-f]{8})-[0-9a-f]{16}$", r"\1", regex=True)
    order = pd.DataFrame({"stable": stable, "id": text}).sort_values(["stable", "id"]).index
    rank = np.empty(len(text), dtype=float)
    rank[order.to_numpy()] = np.arange(len(text), dtype=float)
    return rank


def fragmentation_state(g: ig.Graph, lcc0: int, *, efficiency: bool = True) -> dict[str, float]:
    """Largest component (size and share of ``lcc0``), components, global efficiency, and
    Borgatti's fragmentation F and distance-weighted fragmentation DF (1 - efficiency)."""
    n = g.vcount()
    if n == 0:
        return {"lcc_size": 0, "lcc_fraction": 0.0, "components": 0, "efficiency": 0.0,
                "fragmentation": 0.0, "distance_fragmentation": 0.0}  # fmt: skip
    sizes = np.asarray(g.connected_components(mode="weak").sizes(), dtype=float)
    eff = float("nan")
    if efficiency and n <= EFFICIENCY_MAX_NODES:
        eff = global_efficiency(g)
    frag = 0.0 if n < 2 else float(1.0 - np.sum(sizes * (sizes - 1)) / (n * (n - 1)))
    return {
        "lcc_size": int(sizes.max()),
        "lcc_fraction": float(sizes.max()) / lcc0 if lcc0 else 0.0,
        "components": len(sizes),
        "efficiency": eff,
        "fragmentation": frag,
        "distance_fragmentation": (0.0 if n < 2 else 1.0 - eff) if eff == eff else float("nan"),
    }


def global_efficiency(graph: EntityGraph | ig.Graph) -> float:
    """Mean of 1/distance over ordered pairs of distinct entities (networkx semantics:
    hop counts, unreachable pairs contribute 0)."""
    g = as_igraph(graph)
    n = g.vcount()
    if n < 2:
        return 0.0
    und = g if not g.is_directed() else g.as_undirected()
    total = float(np.sum(und.harmonic_centrality(normalized=False)))
    return total / (n * (n - 1))


def disruption(
    graph: EntityGraph | ig.Graph,
    *,
    by: Strategy = "betweenness",
    k: int = 5,
    sequential: bool = True,
    batch: int | None = None,
    weighted: bool = False,
    ties: Ties = "measure",
    order: Sequence[str] | None = None,
    measure: KPMeasure = "fragmentation",
    efficiency: bool = True,
    seed: int = 0,
    exclude: Collection[str] = (),
    progress: Progress | None = None,
) -> pd.DataFrame:
    """Remove the top ``k`` entities by a strategy and record how the network falls apart.

    ``sequential`` recomputes the measure after every removal; otherwise (block) the
    entities are ranked once and the top ``k`` removed in that order. ``batch``
    recomputes after every ``batch`` removals (Cavallaro et al.'s block variant uses 5).
    ``by="fragmentation"`` removes Borgatti's key-player set (``key_player_set``).

    Args:
        graph: the entity graph or a view (the undirected view by default).
        by: degree, strength, betweenness, pagerank or fragmentation.
        k: how many entities to remove (capped at the number of entities).
        sequential: recompute after each removal (``batch=1``) or rank once.
        batch: removals between recomputations; overrides ``sequential``.
        weighted: pass link weights to the measure (lengths for betweenness).
        ties: how equally scored entities are ordered (:data:`Ties`): by degree, then
            by stable id (``"measure"``, the default: the same whatever the order of
            the files), or the first (``"first"``) or last (``"last"``) in ``order``.
        order: with ``ties="first"``/``"last"``, entity ids in the data's order (the
            order they first appear in the source files, see :func:`data_order`).
            Default: vertex order.
        measure: with ``by="fragmentation"``, F or DF (``"distance"``).
        efficiency: compute global efficiency (NaN above 5,000 entities).
        seed: seed of the key-player search's random restarts.
        exclude: entity ids never removed (they stay in the network): the victims and
            the identifiers they hold, in :func:`case_disruption`.
        progress: reports the key-player search (``by="fragmentation"``).

    Returns:
        One row per step (0 = intact): ``step``, ``removed`` (entity id, empty at
        step 0), ``label`` (when known), ``lcc_fraction`` (largest component over the
        largest component before removal), ``lcc_size``, ``components``, ``efficiency``,
        ``fragmentation`` (F) and ``distance_fragmentation`` (DF) of what remains.
        ``attrs``: ``by``, ``batch``, ``removed`` (the ids in order), ``search``
        (with ``by="fragmentation"``: exhaustive or greedy+swap, and the
        :func:`key_player_set` attrs ``sets_scored``, ``stopped_early``, ``started_from``),
        ``links_without_positive_weight`` (with ``weighted``: links of weight 0 or none,
        given ``counted_as_weight``, the smallest positive weight, as lengths of 0 or
        none cannot be used).

    Examples:
        >>> from linkgraph.graph import toy_graph
        >>> disruption(toy_graph(), k=1)[["removed", "lcc_fraction", "components"]]
        ... # doctest: +NORMALIZE_WHITESPACE
          removed  lcc_fraction  components
        0                   1.0           1
        1   e:ana           0.5           2
    """
    if ties not in TIES:
        raise ValueError(f"ties must be one of: {', '.join(TIES)}")
    n = len(graph) if isinstance(graph, EntityGraph) else graph.vcount()
    ids_all = _ids(graph)
    barred_all = ids_all.isin(list(exclude)) if len(exclude) else np.zeros(n, dtype=bool)
    k = min(k, n - int(barred_all.sum()))
    if batch is None:
        batch = 1 if sequential else max(k, 1)
    if batch < 1:
        raise ValueError("batch must be a positive integer")
    if (
        by == "degree"
        and not weighted
        and batch == 1
        and not (efficiency and n <= EFFICIENCY_MAX_NODES)
    ):
        # Same removals and states without an igraph copy to delete vertices from.
        return _degree_curve(graph, k, ties, order, barred_all)
    g = as_igraph(graph).copy()
    replaced, floor = _positive_weights_of(g) if weighted else (0, 1.0)
    ids = list(entity_index(g))
    g.vs["lg_id"] = ids
    rank_all = _tie_rank(pd.Index([str(i) for i in ids]), ties, order)
    position = dict(zip(ids, rank_all.tolist(), strict=True))
    barred_ids = {vid for vid, bar in zip(ids, barred_all, strict=True) if bar}
    lcc0 = max(g.connected_components(mode="weak").sizes()) if n else 0
    rows = [{"step": 0, "removed": "", **fragmentation_state(g, lcc0, efficiency=efficiency)}]
    removed: list[str] = []

    def remove(vid: str) -> None:
        g.delete_vertices(g.vs.find(lg_id=vid).index)
        removed.append(vid)
        state = fragmentation_state(g, lcc0, efficiency=efficiency)
        rows.append({"step": len(rows), "removed": vid, **state})

    search, found = "", dict[str, Any]()
    if by == "fragmentation":
        kp = key_player_set(g, k, measure=measure, seed=seed, exclude=barred_ids, progress=progress)
        search = str(kp.attrs["algorithm"])
        found = {key: kp.attrs[key] for key in ("sets_scored", "stopped_early", "started_from")}
        for vid in kp.index:
            remove(str(vid))
    while by != "fragmentation" and len(removed) < k:
        take = min(batch, k - len(removed))
        alive = g.vs["lg_id"]
        rank = np.asarray([position[v] for v in alive], dtype=float)
        barred = np.asarray([v in barred_ids for v in alive], dtype=bool)
        picked = _pick(_scores(g, by, weighted), take, _tie_keys(g, by, ties, rank), barred)
        # The whole batch was ranked together; record the state after each deletion.
        for vid in [g.vs[v]["lg_id"] for v in picked]:
            remove(vid)
    curve = _curve(graph, rows, by=by, batch=batch, removed=removed, search=search, ties=ties)
    curve.attrs |= {"links_without_positive_weight": replaced, "counted_as_weight": floor,
                    **found}  # fmt: skip
    return curve


def _positive_weights_of(g: ig.Graph) -> tuple[int, float]:
    """Give the links of ``g`` without a positive weight the smallest positive weight (as
    ``analyze --distance inverse-weight`` does: see :func:`positive_weights`), in place;
    how many there were and the weight they got."""
    if "weight" not in g.es.attributes():
        return 0, 1.0
    weights, replaced, floor = positive_weights(g.es["weight"])
    if replaced:
        g.es["weight"] = weights.tolist()
    return replaced, floor


def _ids(graph: EntityGraph | ig.Graph) -> pd.Index:
    """The entity ids of ``graph`` in vertex order, as str."""
    if isinstance(graph, EntityGraph):
        return pd.Index(graph.entity_ids.astype(str))
    return pd.Index(entity_index(graph).astype(str))


def _tie_rank(ids: pd.Index, ties: str, order: Sequence[str] | None) -> np.ndarray:
    """Per vertex (``ids``) the rank that decides ties last: its :func:`stable_rank` with
    ``ties="measure"``, else its place in ``order`` (vertex order when None; ids missing
    from ``order`` after those in it)."""
    n = len(ids)
    if ties == "measure":
        return stable_rank(ids)
    if order is None:
        return np.arange(n, dtype=float)
    given = pd.Index([str(v) for v in order])
    if given.is_unique:
        at = given.get_indexer(ids)
        return np.where(at >= 0, at, len(given) + np.arange(n)).astype(float)
    first = {str(vid): i for i, vid in enumerate(order)}
    return np.array([first.get(v, len(first) + i) for i, v in enumerate(ids)], float)


def _curve(
    graph: EntityGraph | ig.Graph,
    rows: list[dict[str, Any]],
    **attrs: Any,
) -> pd.DataFrame:
    """The ``disruption`` table of its rows, with the removed entities' labels."""
    out = pd.DataFrame(rows)
    out.insert(2, "label", _labels(graph, out["removed"].tolist()))
    out = out[["step", "removed", "label", "lcc_fraction", "lcc_size", "components", "efficiency",
               "fragmentation", "distance_fragmentation"]]  # fmt: skip
    out.attrs.update({"algorithm": "disruption", **attrs})
    return out


def _degree_curve(
    graph: EntityGraph | ig.Graph,
    k: int,
    ties: str,
    order: Sequence[str] | None,
    barred: np.ndarray,
) -> pd.DataFrame:
    """``disruption(by="degree")``, sequential, without efficiency, on arrays."""
    if isinstance(graph, EntityGraph):  # the default view's edges, without building it
        src, dst = graph._view_endpoints()
    else:
        src, dst = edge_endpoints(graph)
    ids = _ids(graph)
    rank = _tie_rank(ids, ties, order)
    rank = -rank if ties == "last" else rank
    picked, states = _degree_disruption(len(ids), src, dst, k, rank, barred)
    removed = [str(ids[v]) for v in picked]
    rows = [{"step": 0, "removed": "", **states[0]}]
    rows += [{"step": i + 1, "removed": vid, **st} for i, (vid, st) in
             enumerate(zip(removed, states[1:], strict=True))]  # fmt: skip
    return _curve(graph, rows, by="degree", batch=1, removed=removed, search="", ties=ties)


def _degree_disruption(
    n: int, src: np.ndarray, dst: np.ndarray, k: int, rank: np.ndarray, barred: np.ndarray
) -> tuple[list[int], list[dict[str, float]]]:
    """Sequential removal by degree (what ``disruption(by="degree")`` does one igraph
    deletion at a time) on arrays: the highest degree goes first (ties to the lowest
    ``rank``; pass ``-rank`` for ``ties="last"``; never one of ``barred``), its
    neighbours' degrees drop, and so on ``k`` times. The state after each removal comes
    from one component labelling of what is left after all ``k``, with the removed
    vertices added back in reverse order (a union-find over the components).

    Returns:
        The removed vertices (in order) and the ``fragmentation_state`` (without
        efficiency) of the graph before any removal and after each.
    """
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    deg = (np.bincount(src, minlength=n) + np.bincount(dst, minlength=n)).astype(float)
    gone = np.zeros(n, dtype=bool)
    deg[barred] = -np.inf  # never picked; its links stay
    picked: list[int] = []
    neighbours: list[np.ndarray] = []
    for _ in range(k):
        live = np.flatnonzero(~gone)
        best = live[deg[live] == deg[live].max()]
        v = int(best[np.argmin(rank[best])])
        at = np.flatnonzero((src == v) | (dst == v))
        other = np.where(src[at] == v, dst[at], src[at])
        other = other[other != v]  # a loop leaves with its vertex
        np.subtract.at(deg, other, 1.0)
        gone[v] = True
        deg[v] = -np.inf
        picked.append(v)
        neighbours.append(other)
    keep = ~(gone[src] | gone[dst])
    adj = coo_matrix((np.ones(int(keep.sum())), (src[keep], dst[keep])), shape=(n, n)).tocsr()
    _, label = connected_components(adj, directed=True, connection="weak")
    size = np.bincount(label[~gone], minlength=n).astype(float)
    parent: dict[int, int] = {}

    def find(c: int) -> int:
        while c in parent:
            c = parent[c]
        return c

    nodes = n - len(picked)
    comps = int((size > 0).sum())
    pairs = float(np.sum(size * (size - 1)))
    big = float(size.max()) if nodes else 0.0
    counts = [(nodes, comps, pairs, big)]
    extra: dict[int, float] = {}  # sizes of merged components (by root label)
    for v, other in zip(reversed(picked), reversed(neighbours), strict=True):
        roots = {find(int(label[u])) for u in other if not gone[u]}
        merged = 1.0 + sum(extra.get(r, size[r]) for r in roots)
        for r in roots:
            pairs -= extra.get(r, size[r]) * (extra.get(r, size[r]) - 1)
            parent[r] = int(label[v])
        extra[int(label[v])] = merged
        gone[v] = False
        pairs += merged * (merged - 1)
        comps += 1 - len(roots)
        nodes += 1
        big = max(big, merged)
        counts.append((nodes, comps, pairs, big))
    lcc0 = int(counts[-1][3])  # the intact graph's largest component
    return picked, [_state(*c, lcc0) for c in reversed(counts)]


def _state(nodes: int, comps: int, pairs: float, big: float, lcc0: int) -> dict[str, float]:
    """``fragmentation_state`` from counts (efficiency not computed: NaN)."""
    if nodes == 0:
        return {"lcc_size": 0, "lcc_fraction": 0.0, "components": 0, "efficiency": 0.0,
                "fragmentation": 0.0, "distance_fragmentation": 0.0}  # fmt: skip
    return {
        "lcc_size": int(big),
        "lcc_fraction": big / lcc0 if lcc0 else 0.0,
        "components": comps,
        "efficiency": float("nan"),
        "fragmentation": 0.0 if nodes < 2 else float(1.0 - pairs / (nodes * (nodes - 1))),
        "distance_fragmentation": float("nan"),
    }


def case_disruption(
    case: Case,
    graph: EntityGraph | None = None,
    *,
    by: Strategy = "betweenness",
    k: int = 5,
    batch: int = 1,
    directed: bool = False,
    weighted: bool = False,
    ties: Ties = "measure",
    measure: KPMeasure = "fragmentation",
    seed: int = 0,
    include_victims: bool = False,
    progress: Progress | None = None,
) -> pd.DataFrame:
    """:func:`disruption` of a case (what ``linkgraph keyplayers`` prints): the victims
    and the identifiers they hold or use (those outputs show by pseudonym,
    :func:`linkgraph.privacy.protected_in`) are no candidates for removal unless
    ``include_victims``: they stay in the network, and the top ``k`` of the others go.

    Args:
        case: the analysed case.
        graph: the case's entity graph or a projection of it, whose labels the table
            shows (default: the case graph with victims by pseudonym).
        by, k, batch, weighted, measure, seed, progress: as :func:`disruption`.
        directed: keep link direction (calls, payments).
        ties: as :func:`disruption`; ``"first"``/``"last"`` follow the order in which
            entities first appear in the case's files (:func:`data_order`).
        include_victims: let victims and their identifiers be removed too.

    Returns:
        The :func:`disruption` table; ``attrs["excluded"]`` counts the entities kept out.
    """
    from linkgraph.graph_cache import case_graph
    from linkgraph.privacy import protected_in
    from linkgraph.redact import shown_graph

    graph = shown_graph(case, case_graph(case)) if graph is None else graph
    if weighted:  # weights as lengths: a negative one (an old case's) is refused
        refuse_negative_weights(
            graph,
            missing_ok=True,
            hint="ingest the source file again (a negative weight is a weight_invalid"
            " reject), or run without --weighted",
        )
    excluded: list[str] = []
    if not include_victims:
        excluded = graph.entity_ids[protected_in(graph, case)].astype(str).tolist()
    view = graph.view(directed=directed, weighted=weighted)
    order = data_order(case) if ties in ("first", "last") else None
    curve = disruption(view, by=by, k=k, batch=batch, weighted=weighted, ties=ties,
                       order=order, measure=measure, seed=seed, exclude=excluded,
                       progress=progress)  # fmt: skip
    curve["label"] = _labels(graph, curve["removed"].tolist())
    curve.attrs["excluded"] = len(excluded)
    return curve


def key_players(
    case: Case,
    *,
    by: Strategy = "betweenness",
    k: int = 5,
    sequential: bool = True,
    batch: int | None = None,
    directed: bool = False,
    weighted: bool = False,
    ties: Ties = "measure",
    measure: KPMeasure = "fragmentation",
    seed: int = 0,
    include_victims: bool = False,
    show_victims: bool = False,
    progress: Progress | None = None,
) -> pd.DataFrame:
    """Simulate disruption, as ``linkgraph keyplayers`` does: remove the top ``k``
    entities of ``case`` by ``by`` and record how the network falls apart.

    Victims and the identifiers they hold are no candidates for removal unless
    ``include_victims`` (they stay in the network), and are labelled by their pseudonym
    unless ``show_victims``.

    Args:
        case: an analysed (or resolved) case, or its folder's path.
        by: degree, strength, betweenness, pagerank or fragmentation (Borgatti's
            key-player set).
        k: how many entities to remove.
        sequential: recompute the measure after each removal, else rank once (block);
            ``batch``: recompute after every ``batch`` removals (overrides it).
        directed: keep link direction (calls, payments).
        weighted, ties, measure, seed, progress: as
            :func:`~linkgraph.metrics.key_players.disruption`.

    Returns:
        DataFrame, one row per step (0 = intact): ``step``, ``removed`` (entity id),
        ``label``, ``lcc_fraction`` (largest component over the largest before removal),
        ``lcc_size``, ``components``, ``efficiency``, ``fragmentation`` (F) and
        ``distance_fragmentation`` (DF); ``attrs["excluded"]`` counts the entities kept
        out as victims or theirs.

    Examples:
        >>> curve = lg.key_players(case, by="betweenness", k=5)  # doctest: +SKIP
    """
    from linkgraph._arguments import did_you_mean
    from linkgraph.errors import ArgumentValueError
    from linkgraph.graph_cache import case_graph
    from linkgraph.redact import shown_graph

    for name, value, choices in (("by", by, STRATEGIES), ("ties", ties, TIES),
                                 ("measure", measure, KP_MEASURES)):  # fmt: skip
        if value not in choices:
            raise ArgumentValueError(
                f"key_players(): unknown {name} {value!r}",
                key=name,
                hint=f"{did_you_mean(str(value), list(choices))}choose one of:"
                f" {', '.join(choices)}",
            )
    if batch is not None and (isinstance(batch, bool) or not isinstance(batch, int) or batch < 1):
        raise ArgumentValueError(
            f"key_players(): batch takes a whole number of at least 1, not {batch!r}",
            key="batch",
        )
    folder = case.origin.path if case.origin is not None else None
    graph = shown_graph(case, case_graph(case, folder), show_victims=show_victims)
    every = batch if batch is not None else (1 if sequential else 5)
    return case_disruption(
        case,
        graph,
        by=by,
        k=k,
        batch=every,
        directed=directed,
        weighted=weighted,
        ties=ties,
        measure=measure,
        seed=seed,
        include_victims=include_victims,
        progress=progress,
    )


def data_order(case: Case) -> list[str]:
    """Entity ids in the order they first appear in the case's files: input order, then
    row, then the source before the target of a row (the order in which a researcher's
    loader, reading the file row by row, meets the nodes). Key-player ties follow it, so
    results do not depend on hashed ids or on file names."""
    m = case.mentions
    inputs = [str(i.get("name") or i.get("path", "")) for i in case.manifest.get("inputs", [])]
    known = {Path(name).name: i for i, name in enumerate(inputs)}
    frame = pd.DataFrame(
        {
            "entity": case.entity_of().reindex(m["mention_id"]).to_numpy(),
            "input": [known.get(str(src), len(known)) for src in m["source"]],
            "row": m["row"].astype("Float64").fillna(np.inf).to_numpy(dtype=float),
            "slot": m["slot"].map(_SLOTS).fillna(3).to_numpy(dtype=float)
            if "slot" in m.columns
            else 3.0,
            "pos": np.arange(len(m)),
        }
    )
    frame = frame.sort_values(["input", "row", "slot", "pos"], kind="stable")
    return [str(e) for e in frame["entity"].drop_duplicates()]


def _labels(graph: EntityGraph | ig.Graph, ids: list[str]) -> list[str]:
    """The label of each entity id of ``graph`` ("" for "" and unknown ids)."""
    if not isinstance(graph, EntityGraph):
        return ["" for _ in ids]
    label = graph.nodes["label"]
    return [str(label[i]) if i and i in label.index else "" for i in ids]


def fragmentation(graph: EntityGraph | ig.Graph) -> float:
    """Borgatti's fragmentation F: share of pairs of entities that cannot reach each other,
    ``1 - sum_k s_k (s_k - 1) / (n (n - 1))`` over component sizes ``s_k``."""
    g = as_igraph(graph)
    n = g.vcount()
    if n < 2:
        return 0.0
    sizes = np.asarray(g.connected_components(mode="weak").sizes(), dtype=float)
    return float(1.0 - np.sum(sizes * (sizes - 1)) / (n * (n - 1)))


def distance_fragmentation(graph: EntityGraph | ig.Graph) -> float:
    """Borgatti's distance-weighted fragmentation DF: ``1 - mean(1 / d_ij)`` over ordered
    pairs of distinct entities (hop counts; unreachable pairs count 0), i.e. one minus
    global efficiency. 0 for a complete graph, 1 when no entity reaches another."""
    g = as_igraph(graph)
    if g.vcount() < 2:
        return 0.0
    return 1.0 - global_efficiency(g)


#: Exhaustive search when there are at most this many candidate sets.
EXHAUSTIVE_MAX_SETS = 30_000
#: The swap search stops after scoring this many sets (it then says so).
SEARCH_MAX_SETS = 20_000


def key_player_set(
    graph: EntityGraph | ig.Graph,
    k: int = 5,
    *,
    measure: KPMeasure = "fragmentation",
    exhaustive_max_sets: int = EXHAUSTIVE_MAX_SETS,
    candidates: int | None = 100,
    restarts: int = 10,
    max_sets: int = SEARCH_MAX_SETS,
    seed: int = 0,
    exclude: Collection[str] = (),
    progress: Progress | None = None,
) -> pd.DataFrame:
    """Borgatti's key-player set (KPP-Neg): the ``k`` entities whose removal fragments the
    network most, by fragmentation F or distance-weighted fragmentation DF.

    When the graph has at most ``exhaustive_max_sets`` sets of ``k`` entities, every set
    is scored and the best is optimal. Above, a local search: it starts from the sets
    that sequential removal by betweenness and by degree take (what ``disruption`` gives),
    the greedy set (the best single removal, one at a time) and ``restarts`` seeded random
    sets, best start first, and swaps a member for a candidate only when that improves the
    objective, so the result is never worse than any of those heuristic sets. Equal F is
    decided by DF (and the other way round), computed only for such ties. Candidates are
    every entity up to ``candidates`` entities, above that the ``candidates`` of highest
    betweenness and degree (and the members of the starting sets); never the entity ids
    in ``exclude`` (they stay in the network). The search stops after scoring ``max_sets``
    sets (a count, not a clock: the same graph gives the same set): then
    ``attrs["stopped_early"]`` is True and the set is the best found so far. Equally good
    sets are decided by the entities' stable ids (:func:`stable_rank`).

    Returns:
        DataFrame indexed by ``entity_id`` (the set, in the order a sequential removal
        would take them) with ``fragmentation`` and ``distance_fragmentation`` of the
        remaining graph after removing the set up to and including that entity.
        ``attrs``: ``fragmentation`` and ``distance_fragmentation`` of the whole set,
        ``measure``, ``algorithm`` (``exhaustive`` or ``greedy+swap``), ``sets_scored``,
        ``stopped_early``, ``started_from`` (the heuristic whose set the search improved).

    Examples:
        Without ana, ben is cut off from cy and dan: 2 of 6 ordered pairs still connect.

        >>> from linkgraph.graph import toy_graph
        >>> key_player_set(toy_graph(), k=1)[["fragmentation"]].round(3)
        ... # doctest: +NORMALIZE_WHITESPACE
                   fragmentation
        entity_id
        e:ana              0.667
    """
    if measure not in ("fragmentation", "distance"):
        raise ValueError("measure must be 'fragmentation' or 'distance'")
    g = as_igraph(graph)
    if g.is_directed():
        g = g.as_undirected()
    ids = entity_index(g)
    rank = stable_rank(pd.Index(ids.astype(str)))
    barred = pd.Index(ids.astype(str)).isin(list(exclude))
    allowed = [int(v) for v in np.argsort(rank, kind="stable") if not barred[v]]
    k = min(k, len(allowed))
    objective = _Objective(g, measure)
    started_from, stopped_early = "", False
    if k == 0:
        chosen: list[int] = []
        algorithm = "exhaustive"
    elif math.comb(len(allowed), k) <= exhaustive_max_sets:
        chosen = _exhaustive(g, allowed, k, measure, objective.key)
        algorithm = "exhaustive"
    else:
        algorithm = "greedy+swap"
        chosen, started_from, stopped_early = _local_search(
            g, objective, allowed, k, candidates=candidates, restarts=restarts,
            max_sets=max_sets, seed=seed, exclude=exclude, progress=or_null(progress),
        )  # fmt: skip
    # Order the set as a sequential removal would: greedy within the set.
    ordered = _greedy(objective, chosen, len(chosen))
    curve = [objective.both(ordered[: i + 1]) for i in range(len(ordered))]
    frame = pd.DataFrame(
        {
            "fragmentation": [c[0] for c in curve],
            "distance_fragmentation": [c[1] for c in curve],
        },
        index=ids[ordered],
    )
    f, df = objective.both(ordered)
    frame.attrs.update({"algorithm": algorithm, "measure": measure, "fragmentation": f,
                        "distance_fragmentation": df, "k": k,
                        "sets_scored": objective.scored,
                        "stopped_early": stopped_early,
                        "started_from": started_from})  # fmt: skip
    return frame


class _Objective:
    """Scores of removal sets (vertex positions of ``g``), cached: the primary measure
    (F, from components alone, or DF) and, only to decide equal primaries, the other."""

    def __init__(self, g: ig.Graph, measure: str) -> None:
        self.g, self.measure = g, measure
        self.everyone = set(range(g.vcount()))
        self._f: dict[tuple[int, ...], float] = {}
        self._df: dict[tuple[int, ...], float] = {}
        self.scored = 0  # sets whose primary measure was computed

    def _rest(self, key: tuple[int, ...]) -> ig.Graph:
        return self.g.induced_subgraph(sorted(self.everyone.difference(key)))

    def f(self, removed: Sequence[int]) -> float:
        """Fragmentation F of ``g`` without ``removed`` (rounded to 12 digits)."""
        key = tuple(sorted(removed))
        if key not in self._f:
            self._f[key] = round(fragmentation(self._rest(key)), 12)
        return self._f[key]

    def df(self, removed: Sequence[int]) -> float:
        """Distance-weighted fragmentation DF of ``g`` without ``removed`` (rounded)."""
        key = tuple(sorted(removed))
        if key not in self._df:
            self._df[key] = round(distance_fragmentation(self._rest(key)), 12)
        return self._df[key]

    def primary(self, removed: Sequence[int]) -> float:
        """The measure the search maximises, counting the sets it scores."""
        key = tuple(sorted(removed))
        cache = self._f if self.measure == "fragmentation" else self._df
        if key not in cache:
            self.scored += 1
        return self.f(key) if self.measure == "fragmentation" else self.df(key)

    def secondary(self, removed: Sequence[int]) -> float:
        """The other measure, which decides sets of equal primary measure."""
        return self.df(removed) if self.measure == "fragmentation" else self.f(removed)

    def beats(self, a: Sequence[int], b: Sequence[int]) -> bool:
        """Whether removing ``a`` scores strictly better than removing ``b``."""
        pa, pb = self.primary(a), self.primary(b)
        if pa != pb:
            return pa > pb
        return self.secondary(a) > self.secondary(b)

    def key(self, removed: Sequence[int]) -> tuple[float, float]:
        """(primary, secondary): the full score, for ``max``."""
        return self.primary(removed), self.secondary(removed)

    def both(self, removed: Sequence[int]) -> tuple[float, float]:
        """(F, DF) of ``g`` without ``removed``, unrounded for the table."""
        rest = self._rest(tuple(sorted(removed)))
        return fragmentation(rest), distance_fragmentation(rest)


def _local_search(
    g: ig.Graph,
    objective: _Objective,
    allowed: list[int],
    k: int,
    *,
    candidates: int | None,
    restarts: int,
    max_sets: int,
    seed: int,
    exclude: Collection[str],
    progress: Progress,
) -> tuple[list[int], str, bool]:
    """The best set swaps find from the heuristic starts (see :func:`key_player_set`),
    the name of the start it came from, and whether ``max_sets`` stopped the search
    before every start was improved as far as swaps go."""
    starts = _heuristic_starts(g, k, exclude)
    pool = _candidates(g, candidates, allowed)
    pool = [*pool, *sorted({v for s in starts.values() for v in s}.difference(pool))]
    starts["greedy"] = _greedy(objective, pool, k)
    rng = np.random.default_rng(seed)
    for i in range(restarts):
        starts[f"random {i + 1}"] = sorted(rng.choice(sorted(pool), size=k, replace=False).tolist())
    order = sorted(starts, key=lambda name: objective.key(starts[name]), reverse=True)
    progress.start("key-player search", max_sets)
    best, best_from, stopped = starts[order[0]], order[0], False
    for name in order:
        found, converged = _swap(objective, starts[name], pool, max_sets, progress)
        if objective.beats(found, best):
            best, best_from = found, name
        if not converged:
            stopped = True
            break
    progress.finish()
    return best, best_from, stopped


def _heuristic_starts(g: ig.Graph, k: int, exclude: Collection[str]) -> dict[str, list[int]]:
    """The sets sequential removal by betweenness and by degree take (as ``keyplayers
    --by betweenness|degree``), as vertex positions of ``g``."""
    position = {str(v): i for i, v in enumerate(entity_index(g))}
    starts = {}
    for by in ("betweenness", "degree"):
        curve = disruption(g, by=by, k=k, efficiency=False, exclude=exclude)  # type: ignore[arg-type]
        starts[by] = [position[str(v)] for v in curve.attrs["removed"]]
    return {name: s for name, s in starts.items() if len(s) == k}


def _exhaustive(
    g: ig.Graph,
    pool: Sequence[int],
    k: int,
    measure: str,
    score: Callable[[Sequence[int]], tuple[float, float]],
) -> list[int]:
    """The best of every set of ``k`` vertices of ``pool`` (ties: the first in the order
    of ``pool``'s combinations). For F, components alone rank the sets and distances are
    computed only to decide between sets of equal F."""
    sets = list(itertools.combinations(pool, k))
    if measure != "fragmentation":
        return list(max(sets, key=score))
    keep = np.ones(g.vcount(), dtype=bool)
    values = np.empty(len(sets))
    for i, removed in enumerate(sets):
        keep[list(removed)] = False
        values[i] = fragmentation(g.induced_subgraph(np.flatnonzero(keep).tolist()))
        keep[list(removed)] = True
    top = np.flatnonzero(np.round(values, 12) == np.round(values.max(), 12))
    return list(max((sets[i] for i in top), key=score))


def _greedy(objective: _Objective, pool: Sequence[int], k: int) -> list[int]:
    """Add, one at a time, the entity whose removal scores best (ties: first in pool)."""
    chosen: list[int] = []
    for _ in range(k):
        best: int | None = None
        for c in pool:
            if c not in chosen and (best is None or objective.beats([*chosen, c], [*chosen, best])):
                best = c
        assert best is not None
        chosen.append(best)
    return chosen


def _swap(
    objective: _Objective,
    start: list[int],
    pool: Sequence[int],
    max_sets: int,
    progress: Progress,
) -> tuple[list[int], bool]:
    """Best-improvement swaps of one member for one outsider, each accepted only when it
    beats the current set, until none does (converged: True) or ``max_sets`` sets have
    been scored (False)."""
    current = list(start)
    while True:
        best, before = current, objective.scored
        for i in range(len(current)):
            for c in pool:
                if objective.scored >= max_sets:
                    progress.advance(objective.scored - before)
                    return best, False
                if c in current:
                    continue
                trial = [*current[:i], c, *current[i + 1 :]]
                if objective.beats(trial, best):
                    best = trial
        progress.advance(objective.scored - before)
        if best is current:
            return current, True
        current = best


def _candidates(g: ig.Graph, limit: int | None, allowed: list[int]) -> list[int]:
    """The vertices of ``allowed`` (in its order) the search may remove: all of them up
    to ``limit``, above that the ``limit`` of highest degree and betweenness."""
    n = g.vcount()
    if limit is None or len(allowed) <= limit:
        return list(allowed)
    deg = np.asarray(g.degree(), dtype=float)
    btw = np.asarray(g.betweenness(directed=False), dtype=float) if n <= 5_000 else deg
    pool = np.asarray(allowed)
    top = set(pool[np.argsort(-deg[pool], kind="stable")][: limit // 2].tolist())
    for v in pool[np.argsort(-btw[pool], kind="stable")].tolist():
        if len(top) >= limit:
            break
        top.add(v)
    return [v for v in allowed if v in top]
