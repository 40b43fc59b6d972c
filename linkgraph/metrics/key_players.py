"""Key players: disruption simulations (remove the top actors, watch the network fall
apart) and Borgatti's key-player fragmentation set."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal

import igraph as ig
import numpy as np
import pandas as pd

from linkgraph.graph import EntityGraph
from linkgraph.metrics._common import as_igraph, entity_index

Strategy = Literal["degree", "betweenness", "pagerank", "strength", "fragmentation"]
STRATEGIES: tuple[str, ...] = ("degree", "betweenness", "pagerank", "strength", "fragmentation")

#: Global efficiency needs all distances; above this many entities it is left NaN.
EFFICIENCY_MAX_NODES = 5_000


def _scores(g: ig.Graph, by: str, weighted: bool) -> np.ndarray:
    w = g.es["weight"] if weighted and "weight" in g.es.attributes() else None
    if by == "degree":
        return np.asarray(g.degree(mode="all"), dtype=float)
    if by == "strength":
        return np.asarray(g.strength(mode="all", weights=w), dtype=float)
    if by == "betweenness":
        # Unweighted hop counts unless weighted: then weights are lengths, as networkx.
        return np.asarray(g.betweenness(directed=g.is_directed(), weights=w), dtype=float)
    if by == "pagerank":
        return np.asarray(
            g.pagerank(directed=g.is_directed(), weights=w, implementation="prpack"), dtype=float
        )
    raise ValueError(f"unknown strategy {by!r}; choose one of: {', '.join(STRATEGIES)}")


def _pick(scores: np.ndarray, count: int, ties: str) -> list[int]:
    """Indices (into the current graph) of the ``count`` highest scores.

    Scores are rounded to 12 significant digits so that values equal in exact arithmetic
    tie regardless of floating-point summation order; ties go to the first vertex in
    entity order (``ties="first"``) or the last (``"last"``, as Cavallaro et al.'s code,
    which takes the end of an ascending stable sort).
    """
    top = float(np.abs(scores).max()) if len(scores) else 0.0
    rounded = np.round(scores / top, 12) if top > 0 else scores
    pos = np.arange(len(scores))
    key2 = pos if ties == "first" else -pos
    order = np.lexsort((key2, -rounded))
    return [int(i) for i in order[:count]]


def fragmentation_state(g: ig.Graph, lcc0: int, *, efficiency: bool = True) -> dict[str, float]:
    """Largest component (size and share of ``lcc0``), components, global efficiency."""
    n = g.vcount()
    if n == 0:
        return {"lcc_size": 0, "lcc_fraction": 0.0, "components": 0, "efficiency": 0.0}
    sizes = g.connected_components(mode="weak").sizes()
    eff = float("nan")
    if efficiency and n <= EFFICIENCY_MAX_NODES:
        eff = global_efficiency(g)
    return {
        "lcc_size": max(sizes),
        "lcc_fraction": max(sizes) / lcc0 if lcc0 else 0.0,
        "components": len(sizes),
        "efficiency": eff,
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
    ties: Literal["first", "last"] = "first",
    efficiency: bool = True,
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
        ties: which of equally scored entities goes first (``"first"`` in entity order).
        efficiency: compute global efficiency (NaN above 5,000 entities).

    Returns:
        One row per step (0 = intact): ``step``, ``removed`` (entity id, empty at
        step 0), ``label`` (when known), ``lcc_fraction`` (largest component over the
        largest component before removal), ``lcc_size``, ``components``, ``efficiency``.
        ``attrs``: ``by``, ``batch``, ``removed`` (the ids in order).

    Examples:
        >>> from linkgraph.graph import toy_graph
        >>> disruption(toy_graph(), k=1)[["removed", "lcc_fraction", "components"]]
        ... # doctest: +NORMALIZE_WHITESPACE
          removed  lcc_fraction  components
        0                   1.0           1
        1   e:ana           0.5           2
    """
    g = as_igraph(graph).copy()
    n = g.vcount()
    k = min(k, n)
    if batch is None:
        batch = 1 if sequential else max(k, 1)
    if batch < 1:
        raise ValueError("batch must be a positive integer")
    ids = list(entity_index(g))
    g.vs["lg_id"] = ids
    labels = _labels(graph)
    lcc0 = max(g.connected_components(mode="weak").sizes()) if n else 0
    rows = [{"step": 0, "removed": "", **fragmentation_state(g, lcc0, efficiency=efficiency)}]
    order: list[str] = []

    def remove(vid: str) -> None:
        g.delete_vertices(g.vs.find(lg_id=vid).index)
        order.append(vid)
        state = fragmentation_state(g, lcc0, efficiency=efficiency)
        rows.append({"step": len(rows), "removed": vid, **state})

    if by == "fragmentation":
        for vid in key_player_set(g, k).index:
            remove(str(vid))
    while by != "fragmentation" and len(order) < k:
        take = min(batch, k - len(order))
        picked = _pick(_scores(g, by, weighted), take, ties)
        # The whole batch was ranked together; record the state after each deletion.
        for vid in [g.vs[v]["lg_id"] for v in picked]:
            remove(vid)
    out = pd.DataFrame(rows)
    out.insert(2, "label", [labels.get(r, "") for r in out["removed"]])
    out = out[["step", "removed", "label", "lcc_fraction", "lcc_size", "components", "efficiency"]]
    out.attrs.update({"algorithm": "disruption", "by": by, "batch": batch, "removed": order})
    return out


def _labels(graph: EntityGraph | ig.Graph) -> dict[str, str]:
    if isinstance(graph, EntityGraph):
        return {str(i): str(v) for i, v in graph.nodes["label"].items()}
    return {}


def fragmentation(graph: EntityGraph | ig.Graph) -> float:
    """Borgatti's fragmentation F: share of pairs of entities that cannot reach each other,
    ``1 - sum_k s_k (s_k - 1) / (n (n - 1))`` over component sizes ``s_k``."""
    g = as_igraph(graph)
    n = g.vcount()
    if n < 2:
        return 0.0
    sizes = np.asarray(g.connected_components(mode="weak").sizes(), dtype=float)
    return float(1.0 - np.sum(sizes * (sizes - 1)) / (n * (n - 1)))


def key_player_set(
    graph: EntityGraph | ig.Graph,
    k: int = 5,
    *,
    candidates: int | None = 200,
    max_passes: int = 10,
) -> pd.DataFrame:
    """Borgatti's key-player set (KPP-Neg): the ``k`` entities whose removal fragments the
    network most, by greedy selection then swap improvement.

    Greedy adds, one at a time, the entity whose removal raises fragmentation F most;
    then each member is swapped for an outsider while that raises F (up to
    ``max_passes`` passes). Candidates are the ``candidates`` entities of highest degree
    and betweenness (all entities when ``None``); ties go to the first in entity order.

    Returns:
        DataFrame indexed by ``entity_id`` (the set, in the order a sequential removal
        would take them) with ``fragmentation``: F after removing the set up to and
        including that entity. ``attrs``: ``fragmentation`` of the whole set.

    Examples:
        Without ana, ben is cut off from cy and dan: 2 of 6 ordered pairs still connect.

        >>> from linkgraph.graph import toy_graph
        >>> key_player_set(toy_graph(), k=1).round(3)  # doctest: +NORMALIZE_WHITESPACE
                   fragmentation
        entity_id
        e:ana              0.667
    """
    g = as_igraph(graph)
    n = g.vcount()
    k = min(k, n)
    pool = _candidates(g, candidates)

    def score(removed: Sequence[int]) -> float:
        h = g.copy()
        h.delete_vertices(list(removed))
        return fragmentation(h)

    chosen: list[int] = []
    for _ in range(k):
        best = _argbest(score, chosen, [c for c in pool if c not in chosen])
        chosen.append(best)
    current = score(chosen)
    for _ in range(max_passes):
        improved = False
        for i in range(len(chosen)):
            rest = chosen[:i] + chosen[i + 1 :]
            for c in pool:
                if c in chosen:
                    continue
                f = score([*rest, c])
                if f > current + 1e-12:
                    chosen, current, improved = [*rest, c], f, True
                    rest = chosen[:i] + chosen[i + 1 :]
        if not improved:
            break
    # Order the set as a sequential removal would: greedy within the set.
    ordered: list[int] = []
    curve: list[float] = []
    remaining = list(chosen)
    while remaining:
        best = _argbest(score, ordered, remaining)
        ordered.append(best)
        remaining.remove(best)
        curve.append(score(ordered))
    ids = entity_index(g)
    frame = pd.DataFrame({"fragmentation": curve}, index=ids[ordered])
    frame.attrs.update({"algorithm": "greedy+swap", "fragmentation": current, "k": k})
    return frame


def _argbest(score: Callable[[Sequence[int]], float], chosen: list[int], options: list[int]) -> int:
    best, best_f = options[0], -1.0
    for c in options:
        f = score([*chosen, c])
        if f > best_f + 1e-12:
            best, best_f = c, f
    return best


def _candidates(g: ig.Graph, limit: int | None) -> list[int]:
    n = g.vcount()
    if limit is None or n <= limit:
        return list(range(n))
    deg = np.asarray(g.degree(), dtype=float)
    btw = np.asarray(g.betweenness(directed=False), dtype=float) if n <= 5_000 else deg
    top = set(np.argsort(-deg, kind="stable")[: limit // 2].tolist())
    for v in np.argsort(-btw, kind="stable").tolist():
        if len(top) >= limit:
            break
        top.add(v)
    return sorted(top)
