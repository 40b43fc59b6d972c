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
from collections.abc import Callable, Sequence

import igraph as ig
import numpy as np
import pandas as pd

from linkgraph._arrays import unique
from linkgraph.graph import EntityGraph, edge_endpoints
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
#: ``ranked_betweenness`` samples at least this many sources (below ``large_nodes``).
MIN_RANKED_SOURCES = 64
BATCH_SOURCES = 8
#: Exact betweenness up to this many entities (about 10 s at 10,000 on 2 cores).
DEFAULT_EXACT_MAX_NODES = 5_000
#: Sources sampled for closeness and harmonic centrality when no ``k`` is given (one
#: breadth-first search each: about 0.2 s at 1M entities and 4M edges).
DEFAULT_DISTANCE_SAMPLES = 256
#: When closeness and harmonic centrality are sampled, components of at most this many
#: entities are computed exactly (smallest first) while their summed work,
#: entities x (entities + edges), stays under ``EXACT_COMPONENT_WORK`` (about 1-2 s):
#: uniformly drawn sources would rarely land in them.
SMALL_COMPONENT_NODES = 500
EXACT_COMPONENT_WORK = 200_000_000


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

    Examples:
        >>> from linkgraph.graph import toy_graph
        >>> strength(toy_graph())["strength"].tolist()
        [2.0, 1.0, 2.0, 1.0]
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
    with_stderr: bool = False,
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
        with_stderr: add the column ``betweenness_stderr``, the standard error of each
            estimate (NaN when exact, or when a single batch of sources ran).

    Returns:
        DataFrame indexed by ``entity_id``; column ``betweenness_centrality`` (and
        ``betweenness_stderr`` when asked). ``attrs``: ``algorithm`` (``exact`` or
        ``sampled``), and when sampled ``k``, ``k_requested``, ``seed``,
        ``budget_seconds``, ``seconds_per_source``, ``stderr_max`` (largest standard
        error of any estimate) and ``relative_stderr_top50`` (median standard error /
        estimate over the top 50).

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
        frame = result(g, raw, "betweenness_centrality", algorithm="exact")
        stderr = np.full(n, math.nan)
    else:
        if not 0 < k <= n:
            raise ValueError(f"k must be a positive integer no larger than the {n} entities")
        frame, stderr = _sampled_betweenness(
            g, k, normalized, w, seed, or_null(progress), budget_seconds
        )
    if with_stderr:
        frame["betweenness_stderr"] = stderr
    return frame


def _sample_in_batches(
    sources: Sequence[int],
    step: Callable[[list[int]], None],
    *,
    batch: int,
    budget_seconds: float | None,
    progress: Progress,
    label: str,
) -> tuple[int, int, float]:
    """Hand ``sources`` to ``step`` in batches of ``batch`` until all are done or the
    time budget runs out: sampling stops once the next batch would end after
    ``budget_seconds``, but never before ``MIN_BUDGET_SAMPLES`` sources (or two batches)
    are in, so that an error estimate has a spread to measure.

    Returns:
        Sources used (a prefix of ``sources``), batches run, seconds taken.
    """
    k = len(sources)
    floor = min(k, max(MIN_BUDGET_SAMPLES, 2 * batch))
    done = batches = 0
    start = time.perf_counter()
    progress.start(label, k)
    while done < k:
        size = min(batch, k - done)
        if budget_seconds is not None and done >= floor:
            elapsed = time.perf_counter() - start
            if elapsed + elapsed / batches > budget_seconds:
                break
        step(list(sources[done : done + size]))
        done += size
        batches += 1
        progress.advance(size)
    progress.finish()
    return done, batches, time.perf_counter() - start


def _sampled_betweenness(
    g: ig.Graph,
    k: int,
    normalized: bool,
    w: list[float] | None,
    seed: int,
    progress: Progress,
    budget_seconds: float | None = None,
) -> tuple[pd.DataFrame, np.ndarray]:
    """Sampled betweenness and the standard error of every estimate."""
    n = g.vcount()
    directed = g.is_directed()
    k_requested = k
    # The same draw as networkx: seed.sample(list(G), k) picks positions, not values.
    order = random.Random(seed).sample(range(n), k)
    # igraph spends about as long setting up a call as on one source (1M entities:
    # 0.9 s + 0.5 s per source), so large graphs go in batches; the error estimate then
    # comes from the spread of the batch sums instead of the single sources.
    batch = 1 if n < BATCH_FROM_NODES else BATCH_SOURCES
    total = np.zeros(n)
    total_sq = np.zeros(n)  # sum over batches of (batch sum)^2 / batch size

    def step(chunk: list[int]) -> None:
        x = np.asarray(g.betweenness(directed=directed, weights=w, sources=chunk), dtype=float)
        if not directed:
            x *= 2.0  # igraph counts each unordered pair once
        total[:] += x
        total_sq[:] += x * x / len(chunk)

    k, batches, seconds = _sample_in_batches(
        order, step, batch=batch, budget_seconds=budget_seconds, progress=progress,
        label="betweenness (sampled)",
    )  # fmt: skip
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
    rel = _relative_stderr_top(values, stderr)
    log.info(
        "betweenness sampled from %d of %d sources (seed %d, %.1f s); relative standard "
        "error of the top 50: %.2f", k, n, seed, seconds, rel,
    )  # fmt: skip
    frame = result(
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
    return frame, stderr


def _betweenness_scale(n: int, k: int, directed: bool, normalized: bool,
                       is_source: np.ndarray) -> np.ndarray:  # fmt: skip
    """networkx's rescaling of betweenness summed over ``k`` sampled sources."""
    big_n = n - 1  # valid targets: endpoints are excluded
    if big_n < 2:
        return np.ones(n)
    if normalized:
        scale_src = 1 / ((k - 1) * (big_n - 1)) if k > 1 else math.nan
        scale_non = 1 / (k * (big_n - 1))
    else:
        corr = 1 if directed else 2
        scale_src = big_n / ((k - 1) * corr) if k > 1 else math.nan
        scale_non = big_n / (k * corr)
    return np.where(is_source, scale_src, scale_non)


def ranked_betweenness(
    graph: EntityGraph | ig.Graph,
    *,
    top: int = 50,
    agreement: float = 0.8,
    min_sources: int = 256,
    max_work: float = 1e9,
    large_nodes: int | None = 500_000,
    large_samples: int = 128,
    exact_max_nodes: int = 20_000,
    exact_max_work: float = 6e8,
    normalized: bool = True,
    weight: str | None = None,
    seed: int = 0,
    progress: Progress | None = None,
) -> pd.DataFrame:
    """Betweenness that can rank the ``top`` entities: exact while affordable, else exact
    on the small components and sampled, component by component, on the large ones.

    Betweenness is a sum over pairs joined by a path, so every connected component is
    computed on its own (normalised by the whole graph's size, as networkx does).
    Components are taken exactly (Brandes), smallest first, while each has at most
    ``exact_max_nodes`` entities and their summed work, entities x (entities + links),
    stays within ``exact_max_work`` (about 8 CPU-s for 5e8; the 1M-person case: every
    component but the largest, 1.1M entities, 1.6e8). The other components are sampled:
    sources drawn in each (``random.Random(seed)``, in the order of the components)
    in proportion to its size, at least 2 each; a vertex's estimate is the sum of the
    sampled sources' dependencies scaled by (component size - 1) / (sources in it,
    less itself when it is one): unbiased, as networkx's ``k`` sampling is on a connected
    graph. Sources are used in doubling rounds from ``min_sources`` (sources alternate
    between two halves) until the ``top`` entities of the two halves agree on at least
    ``agreement`` of their members or ``max_work`` (counted on the sampled components'
    own sizes) is spent (at least ``MIN_RANKED_SOURCES`` sources). When the sampled
    components hold more than ``large_nodes`` entities, ``large_samples`` sources
    instead, whatever the work limit (128: the 1.4M-entity largest component of the
    1M-person case, about 0.25 CPU-s a source; ``None`` keeps the work limit). The sample
    depends only on the graph, the seed and these settings, never on the clock. The
    standard error of each estimate comes from the spread of 16 groups of sources;
    exactly computed entities have 0. ``bench_analyze.py --betweenness-error`` and
    ``tests/metrics/test_component_betweenness.py`` measure the ranking against exact
    betweenness.

    Returns:
        DataFrame indexed by ``entity_id``; ``betweenness_centrality`` and
        ``betweenness_stderr`` (NaN when the whole graph is exact). ``attrs``:
        ``algorithm`` (``exact`` or ``sampled``), and when sampled ``k`` (sources used),
        ``k_max``, ``seed``, ``top``, ``top_agreement`` (split-half agreement of the top
        entities reached), ``stable``, ``relative_stderr_top50``, ``exact_entities``
        and ``exact_components`` (computed exactly), ``sampled_components``.
    """
    g = as_igraph(graph)
    n, m = g.vcount(), g.ecount()
    directed = g.is_directed()
    progress = or_null(progress)
    if n <= exact_max_nodes and n * (n + m) <= exact_max_work:
        return _exact_ranked(g, normalized, weight)
    membership = np.asarray(g.connected_components(mode="weak").membership, dtype=np.int64)
    sizes = np.bincount(membership).astype(np.int64)
    ends = np.asarray(g.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    links = np.bincount(membership[ends[:, 0]], minlength=len(sizes)).astype(np.int64)
    del ends
    work = sizes * (sizes + links)
    # Exact: smallest components first (ties by label, itself by first vertex).
    by_size = np.lexsort((np.arange(len(sizes)), sizes))
    fits = sizes[by_size] <= exact_max_nodes
    cum = np.cumsum(np.where(fits, work[by_size], 0))
    exact_comp = np.zeros(len(sizes), dtype=bool)
    exact_comp[by_size[fits & (cum <= exact_max_work)]] = True
    if exact_comp.all():
        return _exact_ranked(g, normalized, weight)
    norm = 1.0 / ((n - 1) * (n - 2)) if normalized else (1.0 if directed else 0.5)
    # dependencies summed over sources (both directions of a pair when undirected)
    exact_vals = np.zeros(n)
    exact_v = np.flatnonzero(exact_comp[membership])
    if len(exact_v):
        sub = g.induced_subgraph(exact_v.tolist())  # keeps the vertex order
        raw = np.asarray(sub.betweenness(directed=directed, weights=edge_weights(sub, weight)),
                         dtype=float)  # fmt: skip
        exact_vals[exact_v] = raw * (1.0 if directed else 2.0)
    # Sampled components, largest first; each draws its sources from the same generator.
    sampled = np.flatnonzero(~exact_comp)
    sampled = sampled[np.lexsort((sampled, -sizes[sampled]))]
    n_s = int(sizes[sampled].sum())
    per_source = float((work[sampled]).sum()) / n_s  # mean cost of one source
    large = large_nodes is not None and n_s > large_nodes
    k_max = int(min(n_s, max(MIN_RANKED_SOURCES, max_work // max(per_source, 1.0))))
    if large:
        k_max = int(min(n_s, large_samples))

    def quota(total: int) -> np.ndarray:
        share = np.ceil(total * sizes[sampled] / n_s).astype(np.int64)
        return np.minimum(sizes[sampled], np.maximum(share, 2))

    cap = quota(k_max)
    if (cap >= sizes[sampled]).all():  # the work limit affords every source
        return _exact_ranked(g, normalized, weight)
    rng = random.Random(seed)
    order = np.flatnonzero(~exact_comp[membership])  # sampled vertices, ascending
    pos = np.full(n, -1, dtype=np.int64)
    pos[order] = np.arange(len(order))
    comp_of = membership[order]
    members = np.split(order[np.argsort(comp_of, kind="stable")],
                       np.cumsum(np.bincount(comp_of, minlength=len(sizes)))[:-1])  # fmt: skip
    sources = [rng.sample(members[c].tolist(), int(cap[i])) for i, c in enumerate(sampled)]
    groups = 16
    sums = np.zeros((groups, len(order)))
    used = np.zeros(len(sampled), dtype=np.int64)
    target = quota(min(min_sources, k_max))
    progress.start("betweenness (sampled)", int(cap.sum()))
    agree = 0.0
    w = edge_weights(g, weight)
    slot = np.zeros(len(sizes), dtype=np.int64)
    slot[sampled] = np.arange(len(sampled))
    while True:
        for grp in range(groups):
            # one igraph call per group and round: its set-up costs about one source
            mine = [src[j] for i, src in enumerate(sources)
                    for j in range(int(used[i]), int(target[i])) if j % groups == grp]  # fmt: skip
            if mine:
                x = np.asarray(g.betweenness(directed=directed, weights=w, sources=mine),
                               dtype=float)  # fmt: skip
                sums[grp] += (x if directed else 2.0 * x)[order]
                progress.advance(len(mine))
        used = target
        k_v = used[slot[comp_of]].astype(float)  # sources in each sampled vertex's component
        half = (sizes[comp_of] - 1) / np.maximum(k_v / 2.0, 1.0) * norm
        half_a, half_b = exact_vals * norm, exact_vals * norm
        half_a[order] = sums[0::2].sum(axis=0) * half
        half_b[order] = sums[1::2].sum(axis=0) * half
        t = min(top, n)
        top_a = set(np.argsort(-half_a, kind="stable")[:t].tolist())
        top_b = set(np.argsort(-half_b, kind="stable")[:t].tolist())
        agree = len(top_a & top_b) / t if t else 1.0
        if agree >= agreement or (used >= cap).all():
            break
        target = np.minimum(quota(2 * int(used.sum())), cap)
    progress.finish()
    is_source = np.zeros(n, dtype=bool)
    for i, src in enumerate(sources):
        is_source[src[: int(used[i])]] = True
    denom = k_v - is_source[order]
    scale = np.where(denom > 0, (sizes[comp_of] - 1) / np.maximum(denom, 1), 0.0) * norm
    total = sums.sum(axis=0)
    values = exact_vals * norm
    values[order] = total * scale
    # Standard error of a sum of k i.i.d. per-source terms from the spread of the group
    # sums of the vertex's component (source j of a component is in group j % 16).
    gsize = np.stack([(used[slot[comp_of]] - grp + groups - 1) // groups
                      for grp in range(groups)]).astype(float)  # fmt: skip
    mean_term = total / k_v
    nonempty = gsize > 0
    dev = np.where(nonempty, (sums - gsize * mean_term) ** 2 / np.where(nonempty, gsize, 1), 0)
    var_term = dev.sum(axis=0) / np.maximum(nonempty.sum(axis=0) - 1, 1)
    stderr = np.zeros(n)
    stderr[order] = np.sqrt(k_v * var_term) * scale
    del sums, dev, gsize
    rel = _relative_stderr_top(values, stderr)
    k = int(used.sum())
    log.info("betweenness: %d entities in %d components exact; %d sources sampled in %d "
             "components of %d entities (seed %d); top-%d split-half agreement %.2f",
             n - n_s, int(exact_comp.sum()), k, len(sampled), n_s, seed, top,
             agree)  # fmt: skip
    frame = result(g, values, "betweenness_centrality", algorithm="sampled", k=k,
                   k_max=int(cap.sum()), seed=seed, top=top, top_agreement=agree,
                   stable=bool(agree >= agreement), relative_stderr_top50=rel,
                   stderr_max=float(np.nanmax(stderr)), exact_entities=int(n - n_s),
                   exact_components=int(exact_comp.sum()),
                   sampled_components=len(sampled), sampled_entities=n_s,
                   why=f"components: {n - n_s:,} entities exact; {n_s:,} entities in "
                   f"{len(sampled):,} components x (entities + links) above the exact "
                   "limits, sampled" + (f"; a fixed {large_samples} sources above "
                   f"{large_nodes:,} entities in them" if large else ""))  # fmt: skip
    frame["betweenness_stderr"] = stderr
    return frame


def _exact_ranked(g: ig.Graph, normalized: bool, weight: str | None) -> pd.DataFrame:
    frame = betweenness_centrality(g, normalized=normalized, weight=weight,
                                   exact_max_nodes=None, with_stderr=True)  # fmt: skip
    frame.attrs["why"] = "exact: within the exact limits"
    return frame


def _relative_stderr_top(values: np.ndarray, stderr: np.ndarray, top: int = 50) -> float:
    """Median standard error / estimate over the ``top`` highest positive estimates."""
    ok = np.isfinite(values)
    idx = np.flatnonzero(ok)
    best = idx[np.argsort(-values[ok], kind="stable")[:top]]
    best = best[values[best] > 0]
    return float(np.median(stderr[best] / values[best])) if len(best) else math.nan


def _sample_size(n: int, k: int | None, exact_max_nodes: int | None, samples: int) -> int | None:
    """The number of sources to sample, ``None`` for the exact algorithm."""
    if k is None and exact_max_nodes is not None and n > exact_max_nodes:
        k = min(samples, n)
    if k is not None and not 0 < k <= n:
        raise ValueError(f"k must be a positive integer no larger than the {n} entities")
    return k


def closeness_centrality(
    graph: EntityGraph | ig.Graph,
    *,
    distance: str | None = None,
    wf_improved: bool = True,
    k: int | None = None,
    seed: int = 0,
    exact_max_nodes: int | None = DEFAULT_EXACT_MAX_NODES,
    samples: int = DEFAULT_DISTANCE_SAMPLES,
    budget_seconds: float | None = None,
    progress: Progress | None = None,
    with_stderr: bool = False,
) -> pd.DataFrame:
    """Closeness centrality (networkx semantics: incoming distance, Wasserman–Faust).

    ``(r - 1) / sum of distances`` over the ``r`` entities that reach it (itself
    included), times ``(r - 1) / (n - 1)`` when ``wf_improved``, so entities in small
    components score low. Isolated entities score 0.

    Exact up to ``exact_max_nodes`` entities; above it, or when ``k`` is given,
    estimated from breadth-first searches out of ``k`` sampled sources (see
    ``harmonic_centrality``, which shares the sampling): the mean distance to an
    entity from the sampled sources of its component stands in for the mean over all
    of them (a ratio estimate: consistent, exact when every entity is a source).

    Args:
        graph: the entity graph or a view of it.
        distance: edge attribute holding a *length*; ``None`` counts hops.
        wf_improved: scale by the share of entities that reach it (networkx's default).
        k: number of sampled sources; ``None`` for exact (below the size cutoff).
        seed: seed for the source sample.
        exact_max_nodes: above this many entities, sample; ``None`` never samples.
        samples: ``k`` used when the size cutoff switches to sampling.
        budget_seconds: when sampling, stop drawing sources after about this long (as
            ``betweenness_centrality``); ``None`` uses all ``k``.
        progress: receives one unit per sampled source.
        with_stderr: add the column ``closeness_stderr`` (standard error of each
            estimate; NaN when exact).

    Returns:
        DataFrame indexed by ``entity_id``; column ``closeness_centrality`` (and
        ``closeness_stderr`` when asked). ``attrs``: ``algorithm`` (``exact`` or
        ``sampled``), and when sampled the keys listed under ``harmonic_centrality``.

    Examples:
        >>> from linkgraph.graph import toy_graph
        >>> closeness_centrality(toy_graph()).round(3).head(2)  # doctest: +NORMALIZE_WHITESPACE
                   closeness_centrality
        entity_id
        e:ana                      0.75
        e:ben                      0.50
    """
    g = as_igraph(graph)
    k = _sample_size(g.vcount(), k, exact_max_nodes, samples)
    if k is not None:
        both = _sampled_distances(
            g, k, distance=distance, wf_improved=wf_improved, seed=seed,
            budget_seconds=budget_seconds, progress=or_null(progress),
        )  # fmt: skip
        return _with_stderr(both["closeness_centrality"], "closeness_stderr", with_stderr)
    frame = _exact_closeness(g, distance, wf_improved)
    if with_stderr:
        frame["closeness_stderr"] = math.nan
    return frame


def _exact_closeness(g: ig.Graph, distance: str | None, wf_improved: bool) -> pd.DataFrame:
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
        membership = np.asarray(g.connected_components(mode="weak").membership, dtype=np.int64)
        return np.bincount(membership)[membership].astype(float)
    return np.asarray(g.neighborhood_size(order=g.vcount(), mode=mode), dtype=float)


def harmonic_centrality(
    graph: EntityGraph | ig.Graph,
    *,
    distance: str | None = None,
    k: int | None = None,
    seed: int = 0,
    exact_max_nodes: int | None = DEFAULT_EXACT_MAX_NODES,
    samples: int = DEFAULT_DISTANCE_SAMPLES,
    budget_seconds: float | None = None,
    progress: Progress | None = None,
    with_stderr: bool = False,
) -> pd.DataFrame:
    """Sum of reciprocal (incoming) distances from every other entity (networkx semantics).

    Not normalised, as in networkx; divide by ``n - 1`` for the mean.

    Exact up to ``exact_max_nodes`` entities; above it, or when ``k`` is given,
    estimated from ``k`` sampled sources. Components of at most
    ``SMALL_COMPONENT_NODES`` entities are computed exactly (smallest first, while
    their work stays under ``EXACT_COMPONENT_WORK``); the sources are drawn with
    ``random.Random(seed)`` from the other entities, and each entity's sum is
    estimated from the sampled sources in its own component: ``(r - 1) / m`` times
    their sum of ``1 / d(s, v)``, for ``m`` sampled sources among the ``r - 1`` other
    entities of the component. That is unbiased, and exact when ``k`` covers every
    entity. Entities of a sampled component that got no source (other than
    themselves) stay NaN (counted in
    ``attrs["unestimated_entities"]``, explained in ``attrs["reason"]``).

    Args:
        graph: the entity graph or a view of it.
        distance: edge attribute holding a *length*; ``None`` counts hops.
        k, seed, exact_max_nodes, samples, budget_seconds, progress: as in
            ``closeness_centrality``.
        with_stderr: add the column ``harmonic_stderr`` (standard error of each
            estimate, with the finite-population correction; NaN when exact).

    Returns:
        DataFrame indexed by ``entity_id``; column ``harmonic_centrality`` (and
        ``harmonic_stderr`` when asked). ``attrs``: ``algorithm`` (``exact`` or
        ``sampled``), and when sampled ``k`` (sources used), ``k_requested``, ``seed``,
        ``budget_seconds``, ``seconds_per_source``, ``sampled_entities`` (entities of
        the sampled components), ``exact_entities``, ``unestimated_entities``,
        ``stderr_max``, ``relative_stderr_median`` (median standard error / estimate
        over the sampled entities) and ``relative_stderr_top50`` (the same over the
        top 50).

    Examples:
        >>> from linkgraph.graph import toy_graph
        >>> harmonic_centrality(toy_graph()).round(3).head(2)  # doctest: +NORMALIZE_WHITESPACE
                   harmonic_centrality
        entity_id
        e:ana                    2.500
        e:ben                    1.833
    """
    g = as_igraph(graph)
    k = _sample_size(g.vcount(), k, exact_max_nodes, samples)
    if k is not None:
        both = _sampled_distances(
            g, k, distance=distance, wf_improved=True, seed=seed,
            budget_seconds=budget_seconds, progress=or_null(progress),
        )  # fmt: skip
        return _with_stderr(both["harmonic_centrality"], "harmonic_stderr", with_stderr)
    frame = _exact_harmonic(g, distance)
    if with_stderr:
        frame["harmonic_stderr"] = math.nan
    return frame


def _exact_harmonic(g: ig.Graph, distance: str | None) -> pd.DataFrame:
    mode = "in" if g.is_directed() else "all"
    values = g.harmonic_centrality(mode=mode, weights=edge_weights(g, distance), normalized=False)
    return result(g, values, "harmonic_centrality", algorithm="exact")


def _with_stderr(frame: pd.DataFrame, column: str, keep: bool) -> pd.DataFrame:
    return frame if keep else frame.drop(columns=column)


def _sampled_distances(
    g: ig.Graph,
    k: int,
    *,
    distance: str | None,
    wf_improved: bool,
    seed: int,
    budget_seconds: float | None,
    progress: Progress,
) -> dict[str, pd.DataFrame]:
    """Sampled closeness and harmonic centrality from one set of breadth-first searches.

    Returns:
        ``{"closeness_centrality": frame, "harmonic_centrality": frame}``, each frame
        with the measure and its ``*_stderr`` column and the attrs the public
        functions document.
    """
    n = g.vcount()
    w = edge_weights(g, distance)
    membership = np.asarray(g.connected_components(mode="weak").membership, dtype=np.int64)
    size = np.bincount(membership, minlength=1)
    exact_v = _exact_components(g, membership, size)[membership]
    pool = np.flatnonzero(~exact_v)
    k_requested = k
    # Positions into the pool drawn as networkx draws sources (then the draw is
    # networkx's own when no component is small).
    picks = random.Random(seed).sample(range(len(pool)), min(k, len(pool)))
    order = pool[picks].tolist()
    # Per entity v, over the sampled sources s != v: how many reach v, and the sums of
    # d(s, v), d(s, v)^2, 1/d(s, v) and 1/d(s, v)^2 (the squares for the error).
    reached, d1, d2, h1, h2 = (np.zeros(n) for _ in range(5))

    def step(chunk: list[int]) -> None:
        # Out-distances from s are the in-distances of every v: networkx's convention
        # for closeness and harmonic centrality of directed graphs.
        dist = np.asarray(g.distances(source=chunk, mode="out", weights=w), dtype=float)
        dist[np.arange(len(chunk)), chunk] = np.inf  # a source is not its own source
        ok = np.isfinite(dist)
        dist[~ok] = 0.0
        inv = np.divide(1.0, dist, out=np.zeros_like(dist), where=dist > 0)
        reached[:] += ok.sum(axis=0)
        d1[:] += dist.sum(axis=0)
        d2[:] += (dist * dist).sum(axis=0)
        h1[:] += inv.sum(axis=0)
        h2[:] += (inv * inv).sum(axis=0)

    # Rows of a batch are separate sources, so batching never coarsens the error
    # estimate here; it only saves igraph's per-call set-up.
    done, _, seconds = _sample_in_batches(
        order, step, batch=BATCH_SOURCES, budget_seconds=budget_seconds, progress=progress,
        label="closeness (sampled)",
    )  # fmt: skip
    sources = order[:done]
    is_source = np.zeros(n, dtype=bool)
    is_source[sources] = True
    per_comp = np.bincount(membership[sources], minlength=len(size))
    m = (per_comp[membership] - is_source).astype(float)  # sampled sources of v
    big_n = (size[membership] - 1).astype(float)  # all possible sources of v
    closeness, c_err, harmonic, h_err = _estimates(
        n, m, big_n, reached, d1, d2, h1, h2, wf_improved
    )
    if exact_v.any():
        vids = np.flatnonzero(exact_v)
        sub = g.induced_subgraph(vids.tolist())
        c_exact = _exact_closeness(sub, distance, wf_improved)["closeness_centrality"].to_numpy()
        if wf_improved and sub.vcount() > 1:
            c_exact = c_exact * (sub.vcount() - 1) / (n - 1)  # wf_improved over all n
        closeness[vids] = c_exact
        harmonic[vids] = _exact_harmonic(sub, distance)["harmonic_centrality"].to_numpy()
        c_err[vids] = h_err[vids] = 0.0
    unestimated = int(np.isnan(harmonic).sum())
    common: dict[str, object] = {
        "algorithm": "sampled" if len(pool) else "exact",
        "k": done,
        "k_requested": k_requested,
        "seed": seed,
        "budget_seconds": budget_seconds,
        "seconds_per_source": round(seconds / done, 4) if done else math.nan,
        "sampled_entities": len(pool),
        "exact_entities": int(exact_v.sum()),
        "unestimated_entities": unestimated,
    }
    if unestimated:
        common["reason"] = (
            f"{unestimated:,} entities (NaN) have no sampled source besides themselves "
            f"in their component (of more than {SMALL_COMPONENT_NODES:,} entities, so "
            "not computed exactly); raise k (closeness_samples, closeness_max_work)"
        )
    out = {}
    for name, values, err, col in (
        ("closeness_centrality", closeness, c_err, "closeness_stderr"),
        ("harmonic_centrality", harmonic, h_err, "harmonic_stderr"),
    ):
        frame = result(g, values, name, **common)  # type: ignore[arg-type]
        frame[col] = err
        sampled = ~exact_v & np.isfinite(values) & (values > 0)
        frame.attrs.update(
            stderr_max=float(np.nanmax(err[~exact_v])) if (~exact_v).any() else 0.0,
            relative_stderr_median=(
                float(np.nanmedian(err[sampled] / values[sampled])) if sampled.any() else 0.0
            ),
            relative_stderr_top50=_relative_stderr_top(np.where(exact_v, np.nan, values), err),
        )
        out[name] = frame
    log.info(
        "closeness and harmonic sampled from %d of %d sources (seed %d, %.1f s); "
        "%d entities exact (small components), %d unestimated; median relative "
        "standard error %.3f / %.3f", done, len(pool), seed, seconds, int(exact_v.sum()),
        unestimated, out["closeness_centrality"].attrs["relative_stderr_median"],
        out["harmonic_centrality"].attrs["relative_stderr_median"],
    )  # fmt: skip
    return out


def _exact_components(g: ig.Graph, membership: np.ndarray, size: np.ndarray) -> np.ndarray:
    """Components computed exactly when sampling: the small ones, smallest first, while
    their work (entities x (entities + edges), summed) stays under the cap."""
    src, _ = edge_endpoints(g)
    edges = np.bincount(membership[src], minlength=len(size))
    work = size.astype(float) * (size + edges)
    small = np.flatnonzero(size <= SMALL_COMPONENT_NODES)
    small = small[np.argsort(size[small], kind="stable")]
    chosen = small[np.cumsum(work[small]) <= EXACT_COMPONENT_WORK]
    exact = np.zeros(len(size), dtype=bool)
    exact[chosen] = True
    return exact


def _estimates(
    n: int,
    m: np.ndarray,
    big_n: np.ndarray,
    reached: np.ndarray,
    d1: np.ndarray,
    d2: np.ndarray,
    h1: np.ndarray,
    h2: np.ndarray,
    wf_improved: bool,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Closeness and harmonic estimates and their standard errors from the sums over
    ``m`` sampled sources out of ``big_n`` possible ones per entity.

    Harmonic: ``big_n`` times the mean of 1/d. Closeness: with y = "s reaches v" and
    d = d(s, v), ``mean(y) / mean(d)`` (times ``big_n * mean(y) / (n - 1)`` when
    ``wf_improved``); undirected, every source of the component reaches v, y = 1, and
    this is ``(r - 1) / (sum of distances scaled by (r - 1) / m)``. Errors by the
    delta method, with the finite-population correction ``1 - m / big_n`` (0 when
    every source was sampled).
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        fpc = np.where(big_n > 0, np.clip(1.0 - m / big_n, 0.0, 1.0), 0.0)
        y, d, h = reached / m, d1 / m, h1 / m
        var_y = (reached - reached * y) / (m - 1)
        var_d = (d2 - d1 * d) / (m - 1)
        cov_yd = (d1 - reached * d) / (m - 1)  # sum of y*d is d1: d = 0 where y = 0
        var_h = (h2 - h1 * h) / (m - 1)
        harmonic = big_n * h
        h_err = big_n * np.sqrt(np.maximum(var_h, 0.0) / m * fpc)
        if wf_improved and n > 1:
            closeness = big_n * y * y / (d * (n - 1))
            a = 2 * big_n * y / (d * (n - 1))
            b = -big_n * y * y / (d * d * (n - 1))
        else:
            closeness = y / d
            a, b = 1 / d, -y / (d * d)
        var_c = a * a * var_y + b * b * var_d + 2 * a * b * cov_yd
        c_err = np.sqrt(np.maximum(var_c, 0.0) / m * fpc)
    # No sampled source reaches v at a positive distance: estimate 0, as networkx
    # gives when nothing reaches; its error is unknown unless nothing was left out.
    far = ~(d > 0)
    closeness[far] = 0.0
    c_err[far] = np.where(fpc[far] == 0, 0.0, np.nan)
    # With fewer than two sources no spread can be measured (unless that was all).
    few = m < 2
    h_err[few] = np.where(fpc[few] == 0, 0.0, np.nan)
    c_err[few] = np.where(fpc[few] == 0, 0.0, np.nan)
    # Entities alone in their component; and those whose component got no source.
    alone = big_n == 0
    closeness[alone] = harmonic[alone] = c_err[alone] = h_err[alone] = 0.0
    missing = (m == 0) & ~alone
    closeness[missing] = harmonic[missing] = c_err[missing] = h_err[missing] = np.nan
    return closeness, c_err, harmonic, h_err


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

    Examples:
        >>> from linkgraph.graph import toy_graph
        >>> eigenvector_centrality(toy_graph())["eigenvector_centrality"].round(3).tolist()
        [0.602, 0.372, 0.602, 0.372]
    """
    g = as_igraph(graph)
    n = g.vcount()
    if n == 0:
        return result(g, [], "eigenvector_centrality", algorithm="power_iteration")
    src, dst, w = edge_arrays(g, weight)
    if not g.is_directed():
        src, dst, w = np.concatenate([src, dst]), np.concatenate([dst, src]), np.tile(w, 2)
    from scipy.sparse import csr_matrix

    a_t = csr_matrix((w, (dst, src)), shape=(n, n))  # row v: the edges into v
    x = np.full(n, 1.0 / n)
    for iteration in range(1, max_iter + 1):
        xlast = x
        x = xlast + a_t @ xlast
        norm = float(np.linalg.norm(x))
        x = x / (norm or 1.0)
        if np.abs(x - xlast).sum() < n * tol:
            return result(
                g, x, "eigenvector_centrality", algorithm="power_iteration",
                iterations=iteration,
            )  # fmt: skip
    from networkx import PowerIterationFailedConvergence

    raise PowerIterationFailedConvergence(max_iter)


def pagerank(
    graph: EntityGraph | ig.Graph,
    *,
    alpha: float = 0.85,
    weight: str | None = "weight",
) -> pd.DataFrame:
    """PageRank with networkx's defaults (damping ``alpha``, uniform teleport, dangling
    entities' rank spread uniformly), by power iteration until the L1 change is below
    ``n * 1e-16`` (about 1e-10 of an average entity's rank).

    igraph's PRPACK solver sums in parallel threads (OpenMP), so its last digits changed
    from run to run; this iteration sums in one fixed order, and the same graph gives the
    same bytes. networkx stops its own iteration at an L1 change below ``n * 1e-6``, so
    its values differ from these by up to about that tolerance.

    Returns:
        DataFrame indexed by ``entity_id``; column ``pagerank``.

    Examples:
        >>> from linkgraph.graph import toy_graph
        >>> pagerank(toy_graph()).round(3).head(2)  # doctest: +NORMALIZE_WHITESPACE
                   pagerank
        entity_id
        e:ana         0.325
        e:ben         0.175
    """
    g = as_igraph(graph)
    if g.vcount() == 0:
        return result(g, [], "pagerank", algorithm="power_iteration")
    values, iterations = pagerank_values(g, alpha=alpha, weight=weight)
    return result(g, values, "pagerank", algorithm="power_iteration", iterations=iterations)


def pagerank_values(
    g: ig.Graph, *, alpha: float = 0.85, weight: str | None = "weight"
) -> tuple[np.ndarray, int]:
    """PageRank of every vertex of ``g`` in vertex order (see :func:`pagerank`), and the
    iterations it took; for callers holding a plain igraph graph."""
    n = g.vcount()
    if n == 0:
        return np.zeros(0), 0
    src, dst, w = edge_arrays(g, weight)
    if not g.is_directed():
        src, dst, w = np.concatenate([src, dst]), np.concatenate([dst, src]), np.tile(w, 2)
    out = np.bincount(src, weights=w, minlength=n)
    dangling = out <= 0
    share = np.divide(w, out[src], out=np.zeros_like(w), where=out[src] > 0)
    from scipy.sparse import csr_matrix

    # One sparse product per iteration (row v: the shares flowing into v), summed in one
    # fixed order.
    p_t = csr_matrix((share, (dst, src)), shape=(n, n))
    x = np.full(n, 1.0 / n)
    # About 1e-10 relative per entity (PRPACK's tolerance), above rounding noise.
    tol, iteration, change = max(n * 1e-16, 1e-14), 0, math.inf
    while change >= tol and iteration < 10_000:
        spread = alpha * float(x[dangling].sum()) / n + (1.0 - alpha) / n
        new = alpha * (p_t @ x) + spread
        change = float(np.abs(new - x).sum())
        x, iteration = new, iteration + 1
    return x / x.sum(), iteration


def core_number(graph: EntityGraph | ig.Graph) -> pd.DataFrame:
    """The largest k such that the entity is in the k-core (in + out degree when directed).

    Returns:
        DataFrame indexed by ``entity_id``; column ``core_number`` (float, for one dtype
        across the metrics table).

    Examples:
        >>> from linkgraph.graph import toy_graph
        >>> core_number(toy_graph())["core_number"].tolist()  # a chain: all in the 1-core
        [1.0, 1.0, 1.0, 1.0]
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
    _, first, inverse, counts = unique(
        membership, return_index=True, return_inverse=True, return_counts=True
    )
    order = np.lexsort((first, -counts))
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    return rank[inverse]
