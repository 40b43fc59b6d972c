"""Private helpers shared by the metric modules: graph coercion, result frames, seeded RNG."""

from __future__ import annotations

import contextlib
import gc
import random
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TypeAlias

import igraph as ig
import numpy as np
import pandas as pd

from linkgraph.graph import EntityGraph, _sorted_codes, _View, edge_endpoints

#: What every metric accepts: an EntityGraph (its undirected, weighted view is used) or an
#: igraph graph made by ``EntityGraph.view`` (any simple igraph graph works; vertex
#: attribute ``name`` becomes the index).
GraphLike: TypeAlias = "EntityGraph | ig.Graph"


def as_igraph(graph: EntityGraph | ig.Graph) -> ig.Graph:
    """The igraph graph a metric runs on: ``graph`` itself, or an EntityGraph's default view."""
    if isinstance(graph, ig.Graph):
        return graph
    if isinstance(graph, EntityGraph):
        return graph.view()
    raise TypeError(f"expected an EntityGraph or igraph.Graph, got {type(graph).__name__}")


def entity_index(g: ig.Graph) -> pd.Index:
    """The entity ids of ``g``'s vertices, in vertex order (``str(i)`` when unnamed)."""
    names = g.vs["name"] if "name" in g.vs.attributes() else [str(i) for i in range(g.vcount())]
    held = getattr(g, "_lg_index", None)
    # Kept on the graph and reused while its names are the same (comparing the lists is
    # far cheaper than building the index: 0.5 s at 1M entities, asked for by every measure).
    if held is not None and held[0] == names:
        return held[1]
    index = pd.Index(names, name="entity_id", dtype="string")
    with contextlib.suppress(AttributeError):  # a graph class without instance attributes
        g._lg_index = (names, index)
    return index


def edge_weights(g: ig.Graph, weight: str | None) -> list[float] | None:
    """The edge attribute ``weight`` as a list, ``None`` when unweighted.

    A missing attribute counts as weight 1 on every edge, as networkx's ``d.get(weight, 1)``.
    """
    if weight is None or weight not in g.es.attributes():
        return None
    values: list[float] = g.es[weight]
    return values


def refuse_negative_weights(graph: EntityGraph, *, missing_ok: bool, hint: str) -> None:
    """Raise InputError when a link of ``graph`` has a negative weight (or, unless
    ``missing_ok``, one that is no finite number): a case ingested before negative weights
    became ``weight_invalid`` rejects may still hold one, and no measure reads it right
    (signed networks are not supported). The error names the first link's ends."""
    from linkgraph.errors import InputError

    if graph.edges.empty:
        return
    w = pd.to_numeric(graph.edges["weight"], errors="coerce").to_numpy(dtype=float)
    bad = (w < 0) | (np.isinf(w) if missing_ok else ~np.isfinite(w))
    if not bad.any():
        return
    first = graph.edges[bad].iloc[0]
    raise InputError(
        f"{int(bad.sum()):,} link(s) have a negative or non-numeric weight "
        f"(first: {first['src']} - {first['dst']}, weight {first['weight']})",
        source="links",
        hint=hint,
    )


def positive_weights(weights: Any) -> tuple[np.ndarray, int, float]:
    """Link weights made usable as (or for) distances: a weight of 0, below 0 or missing
    becomes the smallest positive weight of the graph (1 when none is positive).

    A link without a positive weight (an unanswered call: duration 0) still records a tie,
    so it is kept as the weakest one seen rather than dropped, or made infinitely close or
    far. Returns the weights, how many were replaced, and the weight they were given.

    Examples:
        >>> w, n, floor = positive_weights([3.0, 0.0, float("nan"), 2.0])
        >>> w.tolist(), n, floor
        ([3.0, 2.0, 2.0, 2.0], 2, 2.0)
    """
    w = np.asarray(weights, dtype=float)
    usable = np.isfinite(w) & (w > 0)
    floor = float(w[usable].min()) if usable.any() else 1.0
    replaced = int((~usable).sum())
    return (w if replaced == 0 else np.where(usable, w, floor)), replaced, floor


def inverse_weight_lengths(weights: Any) -> tuple[np.ndarray, int, float]:
    """``1 / weight`` of every link (frequent contact = close), weights made positive by
    :func:`positive_weights`; with how many were replaced and the weight they were given.

    Examples:
        >>> lengths, n, floor = inverse_weight_lengths([4.0, 0.0, 2.0])
        >>> lengths.tolist(), n, floor
        ([0.25, 0.5, 0.5], 1, 2.0)
    """
    w, replaced, floor = positive_weights(weights)
    return 1.0 / w, replaced, floor


def edge_arrays(g: ig.Graph, weight: str | None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sources, targets and weights (1 when unweighted) of every edge as numpy arrays."""
    src, dst = edge_endpoints(g)
    w = edge_weights(g, weight)
    wa = np.ones(len(src)) if w is None else np.asarray(w, dtype=float)
    return src, dst, wa


def result(g: ig.Graph, values: Any, name: str, *, algorithm: str, **attrs: Any) -> pd.DataFrame:
    """A one-column DataFrame indexed by entity id, with ``attrs["algorithm"]`` set."""
    frame = pd.DataFrame({name: np.asarray(values, dtype=float)}, index=entity_index(g))
    frame.attrs["algorithm"] = algorithm
    frame.attrs.update(attrs)
    return frame


@contextmanager
def seeded_igraph(seed: int) -> Iterator[None]:
    """igraph's random numbers from ``random.Random(seed)`` inside the block.

    python-igraph draws from a global generator (Python's ``random`` module by default);
    swapping in a private seeded one keeps results reproducible without reseeding the
    caller's ``random``.
    """
    ig.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        ig.set_random_number_generator(random)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Python's cyclic garbage collector off inside the block (reference counting still
    frees everything). Analysis turns millions of numbers into Python lists for igraph
    and builds thousands of small graphs; each collection pass walks every live object,
    which cost a fifth of ``analyze``'s CPU time at 1M entities, while the analysis makes
    no reference cycles worth collecting. Nested blocks leave it to the outermost."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


@contextmanager
def one_arrow_thread() -> Iterator[None]:
    """Arrow's CPU and I/O thread pools at one thread inside the block. Reading a case's
    Parquet tables with a thread per core spent up to 15 s of system time (threads
    waiting on each other and on the allocator) against 1.2 s of work at 1M entities on
    a busy 2-core machine; analysis keeps the cores busy in igraph anyway."""
    import pyarrow as pa

    cpu, io = pa.cpu_count(), pa.io_thread_count()
    pa.set_cpu_count(1)
    pa.set_io_thread_count(1)
    try:
        yield
    finally:
        pa.set_cpu_count(cpu)
        pa.set_io_thread_count(io)


def canonical_view(graph: EntityGraph, g: ig.Graph) -> ig.Graph:
    """``g`` with its vertices and edges in an order that does not depend on entity ids.

    Entity ids hash file names and rows, so the vertex order of a view changes when the
    same data comes from a file of another name; seeded algorithms (Leiden, sampled
    sources) and floating-point sums follow vertex and edge order. Vertices are put in
    order of label, type, degree and strength (ids only break ties among entities alike
    in all of these), edges by their new endpoints, so the same network gives the same
    results, bit for bit, whatever the files were called.
    """
    n = g.vcount()
    s, t = edge_endpoints(g)
    w = edge_weights(g, "weight")
    wa = np.ones(len(s)) if w is None else np.asarray(w, dtype=float)
    names = g.vs["name"] if "name" in g.vs.attributes() else [str(i) for i in range(n)]
    nodes = graph.nodes.reindex(pd.Index(names))
    return _canonical(nodes, names, s, t, wa, g.is_directed())


def canonical_view_of(
    graph: EntityGraph, *, directed: bool = False, weighted: bool = True
) -> ig.Graph:
    """``canonical_view(graph, graph.view(directed=..., weighted=...))``, without building
    the view in entity-id order first."""
    s, t, w = graph._view_arrays(directed, weighted)
    return _canonical(graph.nodes, graph._names, s, t, w, directed)


def _canonical(
    nodes: pd.DataFrame, names: list[str], s: np.ndarray, t: np.ndarray, wa: np.ndarray,
    directed: bool,
) -> ig.Graph:  # fmt: skip
    """The canonical view of the graph of ``nodes`` (in vertex order, ids ``names``) and
    edges ``s``-``t`` of weights ``wa``."""
    n = len(names)
    deg = np.bincount(s, minlength=n) + np.bincount(t, minlength=n)
    stren = np.bincount(s, weights=wa, minlength=n) + np.bincount(t, weights=wa, minlength=n)
    # Label, type, degree (descending), strength (descending), id: strings as integer
    # codes in code-point order (as Python sorts str), so one lexsort does it.
    keys = [
        _sorted_codes(pd.Series(names, dtype="string"))[0],
        -np.round(stren, 9),
        -deg,
        _sorted_codes(nodes["type"].astype("string").fillna(""))[0],
        _sorted_codes(nodes["label"].astype("string").fillna(""))[0],
    ]
    old_of_new = np.lexsort(keys)
    new_of_old = np.empty(n, dtype=np.int64)
    new_of_old[old_of_new] = np.arange(n)
    ns, nt = new_of_old[s], new_of_old[t]
    if not directed:
        ns, nt = np.minimum(ns, nt), np.maximum(ns, nt)
    order = np.lexsort((nt, ns))
    ns, nt = ns[order], nt[order]
    h = _View(n=n, edges=list(zip(ns.tolist(), nt.tolist(), strict=True)), directed=directed)
    h.vs["name"] = [names[i] for i in old_of_new.tolist()]
    h.es["weight"] = wa[order].tolist()
    h._endpoints = (ns, nt, n, len(ns))  # edge_endpoints without reading igraph back
    return h


def round_significant(values: np.ndarray, digits: int = 12) -> np.ndarray:
    """``values`` rounded to ``digits`` significant digits (NaN and 0 kept), so results
    equal in exact arithmetic are stored as the same bytes whatever the summation order."""
    x = np.asarray(values, dtype=float)
    out = x.copy()
    ok = np.isfinite(x) & (x != 0)
    if ok.any():
        mag = np.floor(np.log10(np.abs(x[ok])))
        scale = 10.0 ** (digits - 1 - mag)
        out[ok] = np.round(x[ok] * scale) / scale
    return out
