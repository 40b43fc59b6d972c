"""Leiden and Louvain communities, and a summary per community."""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from typing import Literal

import igraph as ig
import numpy as np
import pandas as pd

from linkgraph._arrays import unique
from linkgraph.graph import EntityGraph, edge_endpoints
from linkgraph.metrics._common import (
    as_igraph,
    edge_weights,
    entity_index,
    paused_gc,
    seeded_igraph,
)
from linkgraph.metrics.centrality import relabel_by_size


def _undirected(g: ig.Graph, weight: str | None) -> ig.Graph:
    """Community detection runs on the undirected graph; mutual edges add their weights."""
    if not g.is_directed():
        return g
    u = g.copy()
    if weight is not None and weight in u.es.attributes():
        u.to_undirected(mode="collapse", combine_edges={weight: "sum"})
    else:
        u.to_undirected(mode="collapse")
    return u


def _frame(g: ig.Graph, membership: Sequence[int], **attrs: object) -> pd.DataFrame:
    labels = relabel_by_size(np.asarray(membership, dtype=np.int64))
    frame = pd.DataFrame({"community": labels}, index=entity_index(g))
    frame.attrs.update(attrs)
    return frame


def auto_resolution(graph: EntityGraph | ig.Graph) -> float:
    """The modularity resolution ``analyze`` uses by default: ``max(1, n² / (100 m))``.

    Modularity merges two groups joined by one link when their degree sums ``d_A d_B``
    fall below ``2m / γ``, so with γ = 1 groups of fixed size merge as the graph grows
    (the resolution limit). With this γ, a pair of entities of average degree is
    expected to be linked with probability γ k² / 2m = 0.02 under the null model, so a
    group is kept when it is denser than about 2 % of its pairs, at any size. Graphs of
    up to a few hundred entities keep γ = 1 (modularity's usual value). Planted
    partitions of 20-person groups are found with ARI >= 0.998 at 1k, 10k and 100k.
    """
    g = as_igraph(graph)
    n, m = g.vcount(), g.ecount()
    if m == 0:
        return 1.0
    return float(max(1.0, n * n / (100.0 * m)))


def refine_communities(
    g: ig.Graph,
    membership: Sequence[int],
    *,
    weights: Sequence[float] | None = None,
    seed: int = 0,
    z: float = 3.0,
    null_samples: int = 3,
    min_size: int = 6,
    n_iterations: int = 1,
) -> tuple[np.ndarray, int]:
    """Split communities whose own inner structure is more modular than chance.

    Modularity at γ = 1 cannot see groups smaller than about the square root of the
    graph's size: they merge with their neighbours (Fortunato & Barthélemy's resolution
    limit; 20-person groups merge from a few thousand entities on). Each community is
    therefore partitioned again on its own (Leiden, modularity, γ = 1), and the split is
    kept only when its modularity exceeds what the same procedure finds on
    ``null_samples`` random graphs with the community's degree sequence (configuration
    model; weights permuted) by ``z`` standard deviations (at least 0.01 each) - the
    significance test of Reichardt & Bornholdt and Guimerà et al. Kept parts are tested
    again. Sparse, tree-like groups (a trafficking cell: people, their phones and
    accounts) are about as modular as their random twins and stay whole; dense groups
    merged by the resolution limit come apart.

    Args:
        g: an undirected graph.
        membership: the community of each vertex.
        weights: edge strengths, in edge order; ``None`` for unweighted.
        seed: fixes Leiden's and the null models' random numbers.
        z: how many standard deviations above the null a split must be.
        null_samples: random graphs per test.
        min_size: a community is tested when it has at least twice this many members.
        n_iterations: Leiden passes on each community and each twin (one: see
            ``AnalyzeConfig.refine_iterations`` for what a second changes).

    Returns:
        The refined membership (vertex order) and how many splits were kept.
    """
    memb = np.asarray(membership, dtype=np.int64).copy()
    if len(memb) == 0 or g.ecount() == 0:
        return memb, 0
    # Thousands of small graphs are built and dropped below: the cyclic garbage collector
    # would walk the caller's heap over and over (a third of the time at 1M entities)
    # while nothing here makes reference cycles.
    with paused_gc():
        return _refine(g, memb, weights, seed, z, null_samples, min_size, n_iterations)


def _refine(
    g: ig.Graph,
    memb: np.ndarray,
    weights: Sequence[float] | None,
    seed: int,
    z: float,
    null_samples: int,
    min_size: int,
    n_iterations: int,
) -> tuple[np.ndarray, int]:
    src, dst = edge_endpoints(g)
    w_all = None if weights is None else np.asarray(weights, dtype=float)
    # The edges inside each community; a split only drops edges, never adds them.
    inside = np.flatnonzero(memb[src] == memb[dst])
    order = inside[np.argsort(memb[src[inside]], kind="stable")]
    labels, starts = unique(memb[src[order]], return_index=True)
    # (No edge inside any community, every one a singleton: nothing to split.)
    pieces = np.split(order, starts[1:]) if len(order) else []
    edges_of = dict(zip(labels.tolist(), pieces, strict=True))
    by_label = np.argsort(memb, kind="stable")
    labels, starts = unique(memb[by_label], return_index=True)
    members_of = dict(zip(labels.tolist(), np.split(by_label, starts[1:]), strict=True))
    next_label = int(memb.max()) + 1
    queue = sorted(members_of, reverse=True)
    splits = 0
    while queue:
        label = queue.pop()
        members = members_of[label]
        own = edges_of.get(label, np.zeros(0, dtype=np.int64))
        if len(members) < 2 * min_size or len(own) < 2:
            continue
        a, b = np.searchsorted(members, src[own]), np.searchsorted(members, dst[own])
        sub_w = None if w_all is None else w_all[own]
        parts, q = _leiden(len(members), a, b, sub_w, seed, n_iterations)
        k = int(parts.max()) + 1
        if k < 2:
            continue
        null = _null_modularity(a, b, len(members), sub_w, seed, null_samples, n_iterations)
        if not _significant(q, null, null_samples, z):
            continue
        splits += 1
        edge_part = np.where(parts[a] == parts[b], parts[a], -1)
        for j in range(1, k):
            memb[members[parts == j]] = next_label
            members_of[next_label] = members[parts == j]
            edges_of[next_label] = own[edge_part == j]
            queue.append(next_label)
            next_label += 1
        members_of[label] = members[parts == 0]
        edges_of[label] = own[edge_part == 0]
        queue.append(label)
    return memb, splits


def _significant(q: float, null: Iterator[float], samples: int, z: float) -> bool:
    """Whether ``q > mean + z * max(sd, 0.01)`` over ``samples`` null modularities,
    drawing them one at a time: once the ones drawn make that impossible whatever the
    others turn out to be (modularity lies in [-1/2, 1]), the rest are not computed. The
    answer is the one all ``samples`` would give (to 1e-9)."""
    seen: list[float] = []
    for value in null:
        seen.append(value)
        if len(seen) < samples and q <= _lowest_threshold(seen, samples, z) - 1e-9:
            return False
        if len(seen) == samples:
            break
    return q > float(np.mean(seen)) + z * max(float(np.std(seen)), 0.01)


def _lowest_threshold(seen: list[float], samples: int, z: float) -> float:
    """The smallest ``mean + z * max(sd, 0.01)`` that ``samples`` values starting with
    ``seen`` can have, the others in [-1/2, 1]. For a given sum the others' spread is
    least when they are equal, so one value ``y`` stands for them; the threshold is convex
    in ``y`` (a mean plus the maximum of a norm and a constant), so its minimum is at an
    end of the range or at a point found in closed form."""
    rest = samples - len(seen)
    total, squares = math.fsum(seen), math.fsum(v * v for v in seen)

    def threshold(y: float) -> float:
        mean = (total + rest * y) / samples
        var = (squares + rest * y * y) / samples - mean * mean
        return mean + z * max(math.sqrt(max(var, 0.0)), 0.01)

    lo, hi = -0.5, 1.0
    if rest == 0:
        return threshold(lo)
    # A convex function on [lo, hi] is least at an end, at a kink (sd = 0.01) or where
    # its derivative r/N * (1 + z (y - mean) / sd) vanishes: sd = z (mean - y). Both
    # are quadratics in y (the second squared); every root in [lo, hi] is a candidate.
    k, n = len(seen), samples
    spread = n * squares - total * total
    candidates = [lo, hi]
    for qa, qb, qc in (
        (rest * k, -2.0 * total * rest, spread - 1e-4 * n * n),  # var = 0.01**2
        (k * (rest - z * z * k), 2.0 * total * (z * z * k - rest), spread - z * z * total**2),
    ):
        candidates += [y for y in _roots(qa, qb, qc) if lo <= y <= hi]
    return min(threshold(y) for y in candidates)


def _roots(a: float, b: float, c: float) -> list[float]:
    """Real roots of ``a y^2 + b y + c`` (of ``b y + c`` when ``a`` is 0)."""
    if a == 0.0:
        return [] if b == 0.0 else [-c / b]
    disc = b * b - 4.0 * a * c
    if disc < 0.0:
        return []
    root = math.sqrt(disc)
    return [(-b - root) / (2.0 * a), (-b + root) / (2.0 * a)]


def _leiden(
    n: int, a: np.ndarray, b: np.ndarray, weights: np.ndarray | None, seed: int, n_iterations: int
) -> tuple[np.ndarray, float]:
    """Leiden (modularity, γ = 1) on the graph of ``n`` vertices and edges ``a``-``b``: the
    membership and its modularity (igraph's quality with normalised resolution, which is
    the modularity, to rounding)."""
    g = ig.Graph(n=n, edges=list(zip(a.tolist(), b.tolist(), strict=True)))
    # igraph's own entry point (what community_leiden calls with objective_function=
    # "modularity"), without the clustering object it would wrap the result in.
    with seeded_igraph(seed):
        membership, quality = ig.GraphBase.community_leiden(
            g,
            edge_weights=None if weights is None else weights.tolist(),
            resolution=1.0,
            normalize_resolution=True,
            beta=0.01,
            n_iterations=n_iterations,
        )
    return np.asarray(membership, dtype=np.int64), float(quality)


def _null_modularity(
    a: np.ndarray,
    b: np.ndarray,
    n: int,
    weights: np.ndarray | None,
    seed: int,
    samples: int,
    n_iterations: int,
) -> Iterator[float]:
    """Leiden modularity of ``samples`` configuration-model twins of the graph of edges
    ``a``-``b`` over ``n`` vertices (same degrees, stubs paired at random, self-loops
    dropped, weights permuted over the edges), one at a time."""
    rng = np.random.default_rng(seed)
    stubs = np.sort(np.concatenate([a, b]))
    for _ in range(samples):
        paired = rng.permutation(stubs)
        x, y = paired[0::2], paired[1::2]
        keep = x != y
        w = None if weights is None else rng.permutation(weights)[: len(x)][keep]
        yield _leiden(n, x[keep], y[keep], w, seed, n_iterations)[1]


def leiden_communities(
    graph: EntityGraph | ig.Graph,
    *,
    weight: str | None = "weight",
    resolution: float = 1.0,
    objective: Literal["modularity", "CPM"] = "modularity",
    n_iterations: int = 2,
    seed: int = 0,
    refine: bool = False,
    refine_iterations: int = 1,
) -> pd.DataFrame:
    """Communities by the Leiden algorithm (igraph's C implementation), seeded.

    ``objective="modularity"`` (the default here; igraph's own default is CPM, which
    leaves mostly singletons) uses ``resolution`` as the modularity resolution γ;
    ``"CPM"`` uses it as the density threshold. Directed views are made undirected
    first. Communities are numbered by size, 0 the largest, so the labels are stable.

    Args:
        graph: the entity graph or a view of it.
        weight: edge attribute holding a strength; ``None`` for unweighted.
        resolution: γ; larger gives more, smaller communities.
        objective: ``"modularity"`` or ``"CPM"``.
        n_iterations: Leiden passes; negative runs until the partition is stable.
        seed: the same seed and graph give the same communities.
        refine: with modularity, split communities whose inner structure beats chance
            (:func:`refine_communities`; lifts the resolution limit).
        refine_iterations: Leiden passes on each community and random twin when refining.

    Returns:
        DataFrame indexed by ``entity_id``; column ``community`` (int). ``attrs``:
        ``algorithm``, ``objective``, ``resolution``, ``seed``, ``modularity``, and
        ``refined_splits`` when ``refine``.

    Examples:
        >>> from linkgraph.graph import toy_graph
        >>> leiden_communities(toy_graph())["community"].tolist()
        [0, 0, 1, 1]
    """
    if objective not in ("modularity", "CPM"):
        raise ValueError(f"objective must be 'modularity' or 'CPM', not {objective!r}")
    g = _undirected(as_igraph(graph), weight)
    w = edge_weights(g, weight)
    with seeded_igraph(seed):
        part = g.community_leiden(
            objective_function=objective,
            weights=w,
            resolution=resolution,
            n_iterations=n_iterations,
        )
    membership = np.asarray(part.membership, dtype=np.int64)
    extra: dict[str, object] = {}
    if refine and objective == "modularity" and g.ecount():
        membership, splits = refine_communities(
            g, membership, weights=w, seed=seed, n_iterations=refine_iterations
        )
        extra["refined_splits"] = splits
    return _frame(
        g,
        membership,
        algorithm="leiden",
        objective=objective,
        resolution=resolution,
        seed=seed,
        modularity=float(g.modularity(membership.tolist(), weights=w)) if g.ecount() else 0.0,
        **extra,
    )


def louvain_communities(
    graph: EntityGraph | ig.Graph,
    *,
    weight: str | None = "weight",
    resolution: float = 1.0,
    seed: int = 0,
) -> pd.DataFrame:
    """Communities by the Louvain method (igraph's multilevel), seeded.

    Returns:
        DataFrame indexed by ``entity_id``; column ``community`` (int), numbered by
        size. ``attrs``: ``algorithm``, ``resolution``, ``seed``, ``modularity``.
    """
    g = _undirected(as_igraph(graph), weight)
    w = edge_weights(g, weight)
    with seeded_igraph(seed):
        part = g.community_multilevel(weights=w, resolution=resolution)
    return _frame(
        g,
        part.membership,
        algorithm="louvain",
        resolution=resolution,
        seed=seed,
        modularity=float(g.modularity(part.membership, weights=w)) if g.ecount() else 0.0,
    )


def community_summary(
    graph: EntityGraph,
    metrics: pd.DataFrame,
    *,
    view: ig.Graph | None = None,
    by: str = "pagerank",
    top: int = 3,
) -> pd.DataFrame:
    """One row per community: who is in it and how tightly it is linked.

    Args:
        graph: the entity graph (types, labels and countries come from its nodes).
        metrics: indexed by ``entity_id`` (or with that column), with ``community`` and
            the measure ``by``.
        view: the graph the communities were found on (default: the undirected view).
        by: measure that ranks the most central members.
        top: how many central members to list.

    Returns:
        DataFrame indexed by ``community`` with ``size``, one ``n_<type>`` column per
        entity type, ``countries`` (most frequent first, ``"FR:3;RO:2"``), ``edges``
        (inside the community), ``density`` (edges / possible pairs) and ``central``
        (labels of the ``top`` members by ``by``, ``;``-joined).

    Examples:
        >>> from linkgraph.graph import toy_graph
        >>> from linkgraph.metrics import pagerank
        >>> g = toy_graph()
        >>> community_summary(g, leiden_communities(g).join(pagerank(g)))[["size", "central"]]
        ... # doctest: +NORMALIZE_WHITESPACE
                   size  central
        community
        0             2  Ana;Ben
        1             2   Cy;Dan
    """
    frame = metrics.set_index("entity_id") if "entity_id" in metrics.columns else metrics
    comm = frame["community"].reindex(graph.nodes.index)
    if comm.isna().any():
        raise ValueError("metrics lacks a community for some entities of the graph")
    member = comm.to_numpy(dtype=np.int64)
    ncomm = int(member.max()) + 1 if len(member) else 0
    size = np.bincount(member, minlength=ncomm)
    # Everything below is counting over integer codes (np.bincount / np.unique), so the
    # cost is a few sorts of entity-length arrays whatever the number of communities.
    if view is not None:
        s, t = edge_endpoints(view)
        directed = view.is_directed()
    else:
        s, t = graph._view_endpoints()
        directed = False
    inside = member[s] == member[t]
    s, t = s[inside], t[inside]
    if directed:
        # A mutual pair counts once towards density.
        n = len(member)
        key = unique(np.minimum(s, t) * n + np.maximum(s, t))
        s = key // max(n, 1)
    edges = np.bincount(member[s], minlength=ncomm)
    possible = size * (size - 1) / 2
    out = pd.DataFrame(
        {
            "size": size,
            "edges": edges,
            "density": np.divide(edges, possible, out=np.zeros(ncomm), where=possible > 0),
        },
        index=pd.RangeIndex(ncomm, name="community"),
    )
    tcode, tnames = pd.factorize(graph.nodes["type"].astype(str), sort=True)
    by_type = np.bincount(member * len(tnames) + tcode, minlength=ncomm * len(tnames))
    by_type = by_type.reshape(ncomm, len(tnames))
    for j, name in enumerate(tnames):
        out[f"n_{name}"] = by_type[:, j]
    country = graph.nodes["country"].fillna("").astype(str).to_numpy()
    out["countries"] = _countries(member, country, ncomm)
    labels = graph.nodes["label"].astype(str).to_numpy()
    score = (
        frame[by].reindex(graph.nodes.index).to_numpy(dtype=float)
        if by in frame.columns
        else np.zeros(len(member))
    )
    out["central"] = _top_labels(member, score, labels, ncomm, top)
    cols = ["size"] + [c for c in out.columns if c.startswith("n_")]
    return out[[*cols, "countries", "edges", "density", "central"]]


def _join_per_community(comm: np.ndarray, text: np.ndarray, ncomm: int) -> np.ndarray:
    """``;``-join ``text`` per community (``comm`` sorted), ``""`` for communities without."""
    out = np.full(ncomm, "", dtype=object)
    if len(comm) == 0:
        return out
    starts = np.flatnonzero(np.r_[True, comm[1:] != comm[:-1]])
    for c, part in zip(comm[starts], np.split(text, starts[1:]), strict=True):
        out[c] = ";".join(part)
    return out


def _countries(member: np.ndarray, country: np.ndarray, ncomm: int) -> np.ndarray:
    """Per community ``"FR:3;RO:2"``: most frequent first, ties alphabetically."""
    known = country != ""
    if not known.any():
        return np.full(ncomm, "", dtype=object)
    code, names = pd.factorize(country[known], sort=True)
    width = len(names)
    key, count = unique(member[known] * width + code, return_counts=True)
    comm, code = key // width, key % width
    order = np.lexsort((code, -count, comm))
    text = np.asarray(names, dtype=object)[code[order]] + ":" + count[order].astype(str)
    return _join_per_community(comm[order], text, ncomm)


def _top_labels(
    member: np.ndarray, score: np.ndarray, labels: np.ndarray, ncomm: int, top: int
) -> np.ndarray:
    """Labels of the ``top`` members of each community by ``score`` (ties: entity order)."""
    order = np.lexsort((-score, member))  # stable: equal scores keep entity order
    comm = member[order]
    first = np.searchsorted(comm, comm, side="left")
    keep = np.arange(len(comm)) - first < top
    return _join_per_community(comm[keep], labels[order][keep], ncomm)
