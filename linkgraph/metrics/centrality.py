"""Degree, strength, betweenness, closeness, harmonic, eigenvector, PageRank and k-core.

Every function has networkx's name and defaults and returns a DataFrame indexed by
``entity_id`` with one column named after the function; ``result.attrs["algorithm"]``
says what ran. Weights follow networkx: for betweenness, closeness and harmonic
centrality ``weight``/``distance`` is a *length* (larger = farther); for PageRank,
eigenvector and strength it is a *strength* (larger = closer).
"""

from __future__ import annotations

import logging
import math
import random
import time

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd

from linkgraph.graph import EntityGraph
from linkgraph.metrics._common import (
    as_igraph,
    edge_arrays,
    edge_weights,
    entity_index,
    result,
)
from linkgraph.progress import Progress, or_null

log = logging.getLogger(__name__)

#: Sources sampled when betweenness is approximated and no ``k`` is given.
DEFAULT_BETWEENNESS_SAMPLES = 256
#: With a time budget, at least this many sources are sampled (the error estimate needs
#: a spread to measure).
MIN_BUDGET_SAMPLES = 16
#: From this many entities, sampled sources go to igraph in batches of ``BATCH_SOURCES``.
BATCH_FROM_NODES = 50_000
BATCH_SOURCES = 8
#: Exact betweenness up to this many entities (about 10 s at 10,000 on 2 cores).
DEFAULT_EXACT_MAX_NODES = 5_000


def degree_centrality(graph: EntityGraph | ig.Graph) -> pd.DataFrame:
    """Fraction of the other entities each entity is linked to (networkx semantics).

    In a directed view, in- and out-degree are added, as networkx does.

    Returns:
        DataFrame indexed by ``entity_id``; column ``degree_centrality``.

    Examples:
        >>> from linkgraph.graph import toy_graph
        >>> degree_centrality(toy_graph()).round(3).head(2)  # doctest: +NORMALIZE_WHITESPACE
                   degree_centrality
        entity_id
        e:ana                  0.667
        e:ben                  0.333
    """
    g = as_igraph(graph)
    n = g.vcount()
    deg = np.asarray(g.degree(mode="all"), dtype=float)
    values = np.ones(n) if n <= 1 else deg / (n - 1)
    return result(g, values, "degree_centrality", algorithm="exact")


def strength(graph: EntityGraph | ig.Graph, *, weight: str | None = "weight") -> pd.DataFrame:
    """Sum of the weights of each entity's edges (networkx's ``G.degree(weight=...)``).

    Returns:
        DataFrame indexed by ``entity_id``; column ``strength``.
    """
    g = as_igraph(graph)
    values = g.strength(mode="all", weights=edge_weights(g, weight), loops=True)
    return result(g, values, "strength", algorithm="exact")


def betweenness_centrality(
    graph: EntityGraph | ig.Graph,
    *,
    k: int | None = None,
    normalized: bool = True,
    weight: str | None = None,
    seed: int = 0,
    exact_max_nodes: int | None = DEFAULT_EXACT_MAX_NODES,
    samples: int = DEFAULT_BETWEENNESS_SAMPLES,
    budget_seconds: float | None = None,
    progress: Progress | None = None,
) -> pd.DataFrame:
    """Betweenness centrality of every entity (networkx semantics, endpoints excluded).

    Exact (Brandes, in igraph) up to ``exact_max_nodes`` entities; above it, or when
    ``k`` is given, estimated from ``k`` (default ``samples``) source entities drawn with
    ``random.Random(seed)`` exactly as networkx draws them, and scaled as networkx scales
    them, so ``nx.betweenness_centrality(G, k=k, seed=seed)`` is the same estimate.

    Args:
        graph: the entity graph or a view of it.
        k: number of sampled sources; ``None`` for exact (below the size cutoff).
        normalized: divide by the number of (source, target) pairs, as networkx.
        weight: edge attribute holding a *length*; ``None`` counts hops.
        seed: seed for the source sample.
        exact_max_nodes: above this many entities, sample; ``None`` never samples.
        samples: ``k`` used when the size cutoff switches to sampling.
        budget_seconds: when sampling, stop drawing sources once the next batch would
            end after this many seconds (at least ``MIN_BUDGET_SAMPLES`` sources are
            always used). ``k`` is then the number actually used, and the sources are
            the first ``k`` of networkx's draw of the requested number; for graphs of
            more than a few hundred entities that is networkx's draw of ``k`` itself.
            ``None`` uses all ``k``.
        progress: receives one unit per sampled source.

    Returns:
        DataFrame indexed by ``entity_id``; column ``betweenness_centrality``.
        ``attrs``: ``algorithm`` (``exact`` or ``sampled``), and when sampled ``k``,
        ``k_requested``, ``seed``, ``budget_seconds``, ``seconds_per_source``,
        ``stderr_max`` (largest standard error of any estimate) and
        ``relative_stderr_top50`` (median standard error / estimate over the top 50).

    Examples:
        >>> from linkgraph.graph import toy_graph
        >>> betweenness_centrality(toy_graph()).round(3).head(2)  # doctest: +NORMALIZE_WHITESPACE
                   betweenness_centrality
        entity_id
        e:ana                       0.667
        e:ben                       0.000
    """
    g = as_igraph(graph)
    n = g.vcount()
    directed = g.is_directed()
    w = edge_weights(g, weight)
    if k is None and exact_max_nodes is not None and n > exact_max_nodes:
        k = min(samples, n)
    if k is None:
        raw = np.asarray(g.betweenness(directed=directed, weights=w), dtype=float)
        # igraph counts each unordered pair once in undirected graphs; networkx counts
        # ordered pairs and then halves when not normalised.
        if normalized and n > 2:
            scale = (1.0 if directed else 2.0) / ((n - 1) * (n - 2))
            raw = raw * scale
        return result(g, raw, "betweenness_centrality", algorithm="exact")
    if not 0 < k <= n:
        raise ValueError(f"k must be a positive integer no larger than the {n} entities")
    return _sampled_betweenness(g, k, normalized, w, seed, or_null(progress), budget_seconds)


def _sampled_betweenness(
    g: ig.Graph,
    k: int,
    normalized: bool,
    w: list[float] | None,
    seed: int,
    progress: Progress,
    budget_seconds: float | None = None,
) -> pd.DataFrame:
    n = g.vcount()
    directed = g.is_directed()
    k_requested = k
    # The same draw as networkx: seed.sample(list(G), k) picks positions, not values.
    order = random.Random(seed).sample(range(n), k)
    # igraph spends about as long setting up a call as on one source (1M entities:
    # 0.9 s + 0.5 s per source), so large graphs go in batches; the error estimate then
    # comes from the spread of the batch sums instead of the single sources.
    batch = 1 if n < BATCH_FROM_NODES else BATCH_SOURCES
    floor = min(k, max(MIN_BUDGET_SAMPLES, 2 * batch))
    total = np.zeros(n)
    total_sq = np.zeros(n)  # sum over batches of (batch sum)^2 / batch size
    done = batches = 0
    start = time.perf_counter()
    progress.start("betweenness (sampled)", k)
    while done < k:
        size = min(batch, k - done)
        if budget_seconds is not None and done >= floor:
            elapsed = time.perf_counter() - start
            if elapsed + elapsed / batches > budget_seconds:
                break
        x = np.asarray(
            g.betweenness(directed=directed, weights=w, sources=order[done : done + size]),
            dtype=float,
        )
        if not directed:
            x *= 2.0  # igraph counts each unordered pair once
        total += x
        total_sq += x * x / size
        done += size
        batches += 1
        progress.advance(size)
    progress.finish()
    seconds = time.perf_counter() - start
    k = done
    sources = order[:k]
    big_n = n - 1  # valid targets: endpoints are excluded
    is_source = np.zeros(n, dtype=bool)
    is_source[sources] = True
    if big_n < 2:
        scale_src = scale_non = 1.0
    elif normalized:
        scale_src = 1 / ((k - 1) * (big_n - 1)) if k > 1 else math.nan
        scale_non = 1 / (k * (big_n - 1))
    else:
        corr = 1 if directed else 2
        scale_src = big_n / ((k - 1) * corr) if k > 1 else math.nan
        scale_non = big_n / (k * corr)
    scale = np.where(is_source, scale_src, scale_non)
    values = total * scale
    # Standard error of a sum of k i.i.d. per-source terms: sqrt(k) * sd(term) * scale,
    # the variance of a term estimated from the batch sums S_g of b_g sources:
    # sum_g (S_g - b_g * mean)^2 / b_g / (batches - 1).
    if batches > 1:
        var = np.maximum(total_sq - total * total / k, 0.0) / (batches - 1)
        stderr = np.sqrt(k * var) * scale
    else:
        stderr = np.full(n, math.nan)
    top = np.argsort(-values, kind="stable")[:50]
    top = top[values[top] > 0]
    rel = float(np.median(stderr[top] / values[top])) if len(top) else math.nan
    log.info(
        "betweenness sampled from %d of %d sources (seed %d, %.1f s); relative standard "
        "error of the top 50: %.2f", k, n, seed, seconds, rel,
    )  # fmt: skip
    return result(
        g,
        values,
        "betweenness_centrality",
        algorithm="sampled",
        k=k,
        k_requested=k_requested,
        seed=seed,
        budget_seconds=budget_seconds,
        seconds_per_source=round(seconds / k, 4),
        stderr_max=float(np.nanmax(stderr)) if batches > 1 else math.nan,
        relative_stderr_top50=rel,
    )


def closeness_centrality(
    graph: EntityGraph | ig.Graph,
    *,
    distance: str | None = None,
    wf_improved: bool = True,
) -> pd.DataFrame:
    """Closeness centrality (networkx semantics: incoming distance, Wasserman–Faust).

    ``(r - 1) / sum of distances`` over the ``r`` entities that reach it (itself
    included), times ``(r - 1) / (n - 1)`` when ``wf_improved``, so entities in small
    components score low. Isolated entities score 0.

    Returns:
        DataFrame indexed by ``entity_id``; column ``closeness_centrality``.
    """
    g = as_igraph(graph)
    n = g.vcount()
    mode = "in" if g.is_directed() else "all"
    inv = np.asarray(
        g.closeness(mode=mode, weights=edge_weights(g, distance), normalized=False),
        dtype=float,
    )
    reach = _reach_counts(g, mode)
    with np.errstate(invalid="ignore", divide="ignore"):
        values = np.where(np.isfinite(inv) & (inv > 0), (reach - 1) * inv, 0.0)
        if wf_improved and n > 1:
            values = values * (reach - 1) / (n - 1)
    return result(g, values, "closeness_centrality", algorithm="exact")


def _reach_counts(g: ig.Graph, mode: str) -> np.ndarray:
    """Entities that reach each entity (itself included)."""
    if mode == "all" or not g.is_directed():
        membership = np.asarray(g.connected_components(mode="weak").membership)
        return np.bincount(membership)[membership].astype(float)
    return np.asarray(g.neighborhood_size(order=g.vcount(), mode=mode), dtype=float)


def harmonic_centrality(
    graph: EntityGraph | ig.Graph, *, distance: str | None = None
) -> pd.DataFrame:
    """Sum of reciprocal (incoming) distances from every other entity (networkx semantics).

    Not normalised, as in networkx; divide by ``n - 1`` for the mean.

    Returns:
        DataFrame indexed by ``entity_id``; column ``harmonic_centrality``.
    """
    g = as_igraph(graph)
    mode = "in" if g.is_directed() else "all"
    values = g.harmonic_centrality(mode=mode, weights=edge_weights(g, distance), normalized=False)
    return result(g, values, "harmonic_centrality", algorithm="exact")


def eigenvector_centrality(
    graph: EntityGraph | ig.Graph,
    *,
    max_iter: int = 100,
    tol: float = 1.0e-6,
    weight: str | None = None,
) -> pd.DataFrame:
    """Eigenvector centrality by networkx's own power iteration on ``A + I``.

    The iteration, start vector, Euclidean normalisation and stopping rule (L1 change
    below ``n * tol``) are networkx's, run with numpy, so the result equals
    ``nx.eigenvector_centrality`` to rounding. On a disconnected graph the power
    iteration converges to the leading eigenvector of the whole graph: the component
    with the largest eigenvalue gets the mass, entities of other components get values
    that decay towards 0 (not exactly 0 when iteration stops first). Compare entities
    within one component. Directed views use in-edges (left eigenvector), as networkx.

    Raises:
        networkx.PowerIterationFailedConvergence: when ``max_iter`` is reached.

    Returns:
        DataFrame indexed by ``entity_id``; column ``eigenvector_centrality``.
    """
    g = as_igraph(graph)
    n = g.vcount()
    if n == 0:
        return result(g, [], "eigenvector_centrality", algorithm="power_iteration")
    src, dst, w = edge_arrays(g, weight)
    if not g.is_directed():
        src, dst, w = np.concatenate([src, dst]), np.concatenate([dst, src]), np.tile(w, 2)
    x = np.full(n, 1.0 / n)
    for iteration in range(1, max_iter + 1):
        xlast = x
        x = xlast + np.bincount(dst, weights=xlast[src] * w, minlength=n)
        norm = float(np.linalg.norm(x))
        x = x / (norm or 1.0)
        if np.abs(x - xlast).sum() < n * tol:
            return result(
                g, x, "eigenvector_centrality", algorithm="power_iteration",
                iterations=iteration,
            )  # fmt: skip
    raise nx.PowerIterationFailedConvergence(max_iter)


def pagerank(
    graph: EntityGraph | ig.Graph,
    *,
    alpha: float = 0.85,
    weight: str | None = "weight",
) -> pd.DataFrame:
    """PageRank with networkx's defaults (damping ``alpha``, uniform teleport, dangling
    entities' rank spread uniformly), solved exactly by igraph's PRPACK.

    networkx stops its power iteration at an L1 change below ``n * 1e-6``, so its
    values differ from this exact solution by up to about that tolerance.

    Returns:
        DataFrame indexed by ``entity_id``; column ``pagerank``.
    """
    g = as_igraph(graph)
    if g.vcount() == 0:
        return result(g, [], "pagerank", algorithm="prpack")
    values = g.pagerank(
        damping=alpha,
        directed=g.is_directed(),
        weights=edge_weights(g, weight),
        implementation="prpack",
    )
    return result(g, values, "pagerank", algorithm="prpack")


def core_number(graph: EntityGraph | ig.Graph) -> pd.DataFrame:
    """The largest k such that the entity is in the k-core (in + out degree when directed).

    Returns:
        DataFrame indexed by ``entity_id``; column ``core_number`` (float, for one dtype
        across the metrics table).
    """
    g = as_igraph(graph)
    return result(g, g.coreness(mode="all"), "core_number", algorithm="exact")


def connected_components(graph: EntityGraph | ig.Graph) -> pd.DataFrame:
    """Weakly connected component of every entity, numbered by size (0 = largest).

    Returns:
        DataFrame indexed by ``entity_id``; column ``component`` (int).
    """
    g = as_igraph(graph)
    membership = np.asarray(g.connected_components(mode="weak").membership, dtype=np.int64)
    labels = relabel_by_size(membership)
    frame = pd.DataFrame({"component": labels}, index=entity_index(g))
    frame.attrs["algorithm"] = "exact"
    return frame


def relabel_by_size(membership: np.ndarray) -> np.ndarray:
    """Group labels renumbered 0, 1, ... by decreasing size, ties by first member."""
    if len(membership) == 0:
        return membership.astype(np.int64)
    _, first, inverse, counts = np.unique(
        membership, return_index=True, return_inverse=True, return_counts=True
    )
    order = np.lexsort((first, -counts))
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    return rank[inverse]
