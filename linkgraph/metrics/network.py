"""Whole-network statistics (density, centralisation, clustering, distances, reciprocity,
assortativity), a degree-preserving null model for them, and the per-entity measures
researchers expect beside centrality: in/out degree and strength, local clustering, Katz,
hubs and authorities. Each follows networkx's definition (named in its docstring)."""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from typing import Any

import igraph as ig
import numpy as np
import pandas as pd
import scipy.sparse as sp

from linkgraph.graph import EntityGraph
from linkgraph.metrics._common import as_igraph, edge_arrays, entity_index, seeded_igraph

#: Statistics compared with the null model by default.
NULL_STATISTICS = ("transitivity", "average_clustering", "degree_assortativity")
#: All-pairs distances (diameter, average path length) up to this many entities in the
#: largest component; above, NaN.
DISTANCE_MAX_NODES = 20_000


def graph_statistics(
    graph: EntityGraph | ig.Graph,
    *,
    betweenness: np.ndarray | None = None,
    length: str | None = None,
) -> dict[str, float]:
    """Whole-network statistics, networkx semantics, of the graph the table was computed on
    (``graph``: directed or not; ``length``: the edge attribute holding distances, None for
    hops), except the four ``UNDIRECTED_STATISTICS``, which are of the undirected simple
    graph (the ties) whatever the view.

    ``nodes``; ``edges`` (ties: pairs linked at all, counted once; these counts, ``arcs``,
    ``components`` and the component sizes are ints, the rest floats); ``arcs`` (directed views
    only: ordered pairs linked); ``density`` (``nx.density``: ties / (n(n-1)/2), or on a
    directed view arcs / (n(n-1)), as UCINET's directed density); ``components`` and
    ``largest_component`` (weakly connected on a directed view);
    ``degree_centralization`` (Freeman on the ties: ``sum(max - d_i) / ((n - 1)(n - 2))``);
    ``betweenness_centralization`` (Freeman on normalised betweenness, ``sum(max - b_i) /
    (n - 1)``, from the view's betweenness with the same direction and distances);
    ``average_clustering`` (``nx.average_clustering``), ``transitivity``
    (``nx.transitivity``); ``diameter`` and ``average_path_length`` (``nx.diameter`` and
    ``nx.average_shortest_path_length`` with ``weight=length`` on the largest connected
    component, on a directed view the largest strongly connected one, whose size is
    ``largest_strong_component``; NaN above ``DISTANCE_MAX_NODES``); ``reciprocity``
    (``nx.reciprocity``; directed views only, else NaN) and ``degree_assortativity``
    (``nx.degree_assortativity_coefficient`` on the ties).

    ``betweenness``: the view's normalised betweenness in vertex order, when the caller has
    it (``analyze`` passes its own column, exact or sampled); without it, exact betweenness
    is computed up to ``DISTANCE_MAX_NODES`` entities and the centralisation is NaN above
    (all-pairs shortest paths do not scale).
    """
    g = as_igraph(graph)
    und = g.as_undirected(mode="collapse") if g.is_directed() else g
    n = g.vcount()
    # Counts are whole numbers (ints), the rest floats.
    out: dict[str, float] = {"nodes": n, "edges": und.ecount()}
    if g.is_directed():
        out["arcs"] = g.ecount()
    pairs = n * (n - 1) if g.is_directed() else n * (n - 1) / 2
    out["density"] = g.ecount() / pairs if pairs else 0.0
    comps = und.connected_components()
    sizes = comps.sizes() if n else [0]
    out["components"] = len(comps) if n else 0
    out["largest_component"] = int(max(sizes))
    deg = np.asarray(und.degree(), dtype=float)
    out["degree_centralization"] = (
        float(np.sum(deg.max() - deg) / ((n - 1) * (n - 2))) if n > 2 else math.nan
    )
    out["betweenness_centralization"] = _betweenness_centralization(g, betweenness, length)
    out["average_clustering"] = (
        float(und.transitivity_avglocal_undirected(mode="zero")) if n else 0.0
    )
    trans = und.transitivity_undirected(mode="zero")
    out["transitivity"] = 0.0 if trans is None or math.isnan(trans) else float(trans)
    out |= _path_lengths(g, comps if not g.is_directed() else None, length)
    out["reciprocity"] = (
        float(g.reciprocity(ignore_loops=True, mode="default")) if g.is_directed() else math.nan
    )
    out["degree_assortativity"] = _assortativity(und)
    return out


#: The statistics :func:`graph_statistics` computes on the undirected ties whatever the
#: view (networkx defines transitivity for undirected graphs only; the others follow).
UNDIRECTED_STATISTICS = (
    "degree_centralization",
    "average_clustering",
    "transitivity",
    "degree_assortativity",
)


def statistics_basis(*, directed: bool, distance: str = "hops", summed: bool = False) -> str:
    """The words saying what graph and distances the whole-network statistics are of.
    ``summed``: some tie of the undirected, weighted view joins several edges (a pair
    linked both ways, or by several kinds), so its weight is their sum, w_ij + w_ji.

    Examples:
        >>> statistics_basis(directed=False)
        'undirected, distances in hops'
        >>> statistics_basis(directed=False, summed=True)  # doctest: +NORMALIZE_WHITESPACE
        "undirected, a tie weighs the sum of its edges' weights both ways and of every kind,
        distances in hops"
        >>> statistics_basis(directed=True, distance="inverse_weight")  # doctest: +ELLIPSIS
        'directed, distances 1/weight; ... of the undirected ties'
    """
    words = "directed" if directed else "undirected"
    if summed and not directed:
        words += ", a tie weighs the sum of its edges' weights both ways and of every kind"
    words += ", distances 1/weight" if distance == "inverse_weight" else ", distances in hops"
    if directed:
        words += (
            "; degree centralization, average clustering, transitivity and degree "
            "assortativity of the undirected ties"
        )
    return words


def _betweenness_centralization(
    g: ig.Graph, betweenness: np.ndarray | None, length: str | None
) -> float:
    """Freeman's centralisation of normalised betweenness, ``sum(max - b_i) / (n - 1)``
    (1 for a star), of the given column or of exact betweenness of ``g``."""
    n = g.vcount()
    if n <= 2 or (betweenness is None and n > DISTANCE_MAX_NODES):
        return math.nan
    if betweenness is None:
        raw = g.betweenness(directed=g.is_directed(), weights=length)
        scale = (1.0 if g.is_directed() else 2.0) / ((n - 1) * (n - 2))
        btw = np.asarray(raw, dtype=float) * scale
    else:
        btw = np.asarray(betweenness, dtype=float)
    return float(np.sum(btw.max() - btw) / (n - 1))


def _path_lengths(g: ig.Graph, comps: Any, length: str | None) -> dict[str, float]:
    """Diameter and average shortest path length of the largest (strongly, when directed)
    connected component, with ``length`` as distances (hops when None)."""
    if comps is None:
        comps = g.connected_components(mode="strong") if g.vcount() else None
    sizes = comps.sizes() if comps is not None and g.vcount() else [0]
    largest = int(max(sizes))
    out: dict[str, float] = {}
    if g.is_directed():
        out["largest_strong_component"] = largest
    if 1 < largest <= DISTANCE_MAX_NODES:  # (a subgraph of the largest only when it is used)
        big = g.induced_subgraph(comps[int(np.argmax(sizes))])
        weights = big.es[length] if length is not None else None
        directed = g.is_directed()
        out["diameter"] = float(big.diameter(directed=directed, weights=weights))
        out["average_path_length"] = float(
            big.average_path_length(directed=directed, weights=weights)
        )
    else:
        out["diameter"] = 0.0 if largest == 1 else math.nan
        out["average_path_length"] = 0.0 if largest == 1 else math.nan
    return out


def _assortativity(g: ig.Graph) -> float:
    if g.ecount() == 0:
        return math.nan
    value = g.assortativity_degree(directed=False)
    return float(value) if value is not None else math.nan


def null_model(
    graph: EntityGraph | ig.Graph,
    *,
    statistics: Sequence[str] = NULL_STATISTICS,
    samples: int = 100,
    swaps_per_edge: int = 10,
    seed: int = 0,
) -> pd.DataFrame:
    """How the headline statistics compare with random networks of the same degrees.

    Each of ``samples`` null networks is the undirected simple graph rewired by
    ``swaps_per_edge`` x edges degree-preserving double-edge swaps (igraph's
    ``rewire``, seeded), which keeps every entity's degree. The two-sided p-value of a
    statistic is ``(1 + #{null at least as far from the null mean as observed}) /
    (1 + samples)``.

    Returns:
        DataFrame indexed by statistic with ``observed``, ``null_mean``, ``null_sd``,
        ``z`` and ``p_value``; ``attrs``: ``samples``, ``swaps_per_edge``, ``seed``.
    """
    g = as_igraph(graph)
    und = g.as_undirected(mode="collapse") if g.is_directed() else g.copy()
    und.simplify()
    observed = graph_statistics(und)
    rows: dict[str, list[float]] = {s: [] for s in statistics}
    with seeded_igraph(seed):
        for _ in range(samples):
            h = und.copy()
            h.rewire(n=swaps_per_edge * max(h.ecount(), 1), allowed_edge_types="simple")
            stats = _light_statistics(h, statistics)
            for s in statistics:
                rows[s].append(stats[s])
    table = []
    for s in statistics:
        null = np.asarray(rows[s], dtype=float)
        mean, sd = float(np.nanmean(null)), float(np.nanstd(null, ddof=1))
        obs = observed[s]
        far = np.abs(null - mean) >= abs(obs - mean) - 1e-12
        table.append({"statistic": s, "observed": obs, "null_mean": mean, "null_sd": sd,
                      "z": (obs - mean) / sd if sd > 0 else math.nan,
                      "p_value": (1 + int(far.sum())) / (1 + samples)})  # fmt: skip
    out = pd.DataFrame(table).set_index("statistic")
    out.attrs.update({"samples": samples, "swaps_per_edge": swaps_per_edge, "seed": seed,
                      "model": "degree-preserving rewiring"})  # fmt: skip
    return out


def _light_statistics(g: ig.Graph, statistics: Sequence[str]) -> dict[str, float]:
    """The statistics the null model needs, without the all-pairs ones unless asked."""
    heavy = {"diameter", "average_path_length", "betweenness_centralization"}
    if heavy & set(statistics):
        return graph_statistics(g)
    out: dict[str, float] = {}
    trans = g.transitivity_undirected(mode="zero")
    out["transitivity"] = 0.0 if trans is None or math.isnan(trans) else float(trans)
    out["average_clustering"] = float(g.transitivity_avglocal_undirected(mode="zero"))
    out["degree_assortativity"] = _assortativity(g)
    out["density"] = g.ecount() / (g.vcount() * (g.vcount() - 1) / 2) if g.vcount() > 1 else 0
    out["components"] = float(len(g.connected_components()))
    return {s: out.get(s, math.nan) for s in statistics}


def directed_degrees(
    graph: EntityGraph | ig.Graph, *, weight: str | None = "weight"
) -> pd.DataFrame:
    """In- and out-degree and strength of every entity (``G.in_degree`` / ``G.out_degree``,
    with ``weight=`` for strength). In an undirected view in = out = degree."""
    g = as_igraph(graph)
    w = g.es[weight] if weight is not None and weight in g.es.attributes() else None
    frame = pd.DataFrame(
        {
            "in_degree": np.asarray(g.degree(mode="in"), dtype=float),
            "out_degree": np.asarray(g.degree(mode="out"), dtype=float),
            "in_strength": np.asarray(g.strength(mode="in", weights=w), dtype=float),
            "out_strength": np.asarray(g.strength(mode="out", weights=w), dtype=float),
        },
        index=entity_index(g),
    )
    frame.attrs["algorithm"] = "exact"
    return frame


def clustering(graph: EntityGraph | ig.Graph) -> pd.DataFrame:
    """Local clustering coefficient (``nx.clustering`` on the undirected simple graph,
    unweighted; 0 for entities with fewer than two neighbours)."""
    g = as_igraph(graph)
    und = g.as_undirected(mode="collapse") if g.is_directed() else g
    values = np.asarray(und.transitivity_local_undirected(mode="zero"), dtype=float)
    frame = pd.DataFrame({"clustering": values}, index=entity_index(g))
    frame.attrs["algorithm"] = "exact"
    return frame


def katz_centrality(
    graph: EntityGraph | ig.Graph,
    *,
    alpha: float | None = None,
    beta: float = 1.0,
    weight: str | None = None,
) -> pd.DataFrame:
    """Katz centrality, ``x = alpha A^T x + beta`` normalised to unit length
    (``nx.katz_centrality_numpy``). ``alpha`` defaults to networkx's 0.1, lowered to
    0.9 / (largest eigenvalue) where 0.1 would not converge; the value used is in
    ``attrs["alpha"]``. The largest eigenvalue of an undirected view is the one
    :func:`hits` finds (Lanczos, computed once per graph); the system is solved by
    conjugate gradients when undirected (``I - alpha A`` is then symmetric positive
    definite) and by fixed-point iteration when directed, to 1e-13 relative, and by a
    sparse direct solve when alpha x (largest eigenvalue) >= 0.95."""
    g = as_igraph(graph)
    n = g.vcount()
    s, t, w = edge_arrays(g, weight)
    if not g.is_directed():
        s, t, w = np.concatenate([s, t]), np.concatenate([t, s]), np.concatenate([w, w])
    import scipy.sparse.linalg as spla

    a = sp.csr_matrix((w, (s, t)), shape=(n, n))
    lam = 0.0
    if a.nnz and n <= 64:  # small: a dense solve (ARPACK needs k < n - 1)
        lam = float(np.abs(np.linalg.eigvals(a.toarray())).max())
    elif a.nnz and not g.is_directed():
        lam = _leading_eigenpair(g, weight)[0]
    elif a.nnz:
        try:
            # A fixed start vector: ARPACK's own random one changes from call to call.
            lam = float(abs(spla.eigs(a.astype(float), k=1, which="LM", v0=np.ones(n),
                                      return_eigenvectors=False, maxiter=5000)[0]))  # fmt: skip
        except (spla.ArpackNoConvergence, ValueError, TypeError):
            lam = float(np.abs(np.linalg.eigvals(a.toarray())).max()) if n <= 2000 else 0.0
    used = alpha if alpha is not None else (0.1 if lam * 0.1 < 0.9 else 0.9 / lam)
    x, how = _katz_solve(a, used, beta, lam, symmetric=not g.is_directed())
    norm = float(np.linalg.norm(x))
    frame = pd.DataFrame({"katz_centrality": x / norm if norm else x}, index=entity_index(g))
    frame.attrs.update({"algorithm": how, "alpha": used, "beta": beta,
                        "largest_eigenvalue": lam})  # fmt: skip
    return frame


def _katz_solve(
    a: sp.csr_matrix, alpha: float, beta: float, lam: float, *, symmetric: bool = False
) -> tuple[np.ndarray, str]:
    """x = alpha A^T x + beta when alpha lam < 0.95: by conjugate gradients when A is
    symmetric (condition number at most 39: under 200 sparse products), else iterated to
    1e-13 relative change (contraction factor at most 0.95: under 700 products);
    otherwise solved directly."""
    import scipy.sparse.linalg as spla

    n = a.shape[0]
    b = np.full(n, beta, dtype=float)
    if lam > 0 and alpha * lam < 0.95 and symmetric:
        m = spla.LinearOperator((n, n), matvec=lambda v: v - alpha * (a @ v), dtype=float)
        x, info = spla.cg(m, b, x0=b.copy(), rtol=1e-14, atol=0.0, maxiter=2000)
        if info == 0:
            return np.asarray(x, dtype=float), "conjugate_gradient"
    elif lam > 0 and alpha * lam < 0.95:
        at = a.T.tocsr()
        x = b.copy()
        for _ in range(2000):
            nxt = alpha * (at @ x) + b
            if np.abs(nxt - x).max() <= 1e-13 * max(np.abs(nxt).max(), 1e-300):
                return nxt, "fixed_point_iteration"
            x = nxt
    x = spla.spsolve((sp.identity(n, format="csc") - alpha * a.T.tocsc()), b)
    return np.asarray(x, dtype=float), "linear_solve"


def _leading_eigenpair(g: ig.Graph, weight: str | None) -> tuple[float, np.ndarray]:
    """Largest eigenvalue of the (symmetric) adjacency matrix of an undirected graph, with
    link weights or 1, and its eigenvector (non-negative, unit length).

    Lanczos (ARPACK's ``eigsh``, largest algebraic, to machine precision) from a fixed
    start vector, so the same graph gives the same bytes. Kept on the graph object and
    reused while its edges and weights are the same; weights that are all equal give the
    unweighted pair scaled, so Katz (unweighted) and HITS (weighted) share one solve.
    """
    import hashlib

    import scipy.sparse.linalg as spla

    n = g.vcount()
    s, t, w = edge_arrays(g, weight)
    scale = float(w[0]) if len(w) and bool(np.all(w == w[0])) and w[0] > 0 else 1.0
    unit = w / scale
    digest = hashlib.sha1(s.tobytes() + t.tobytes() + unit.tobytes()).hexdigest()
    key = (n, len(s), digest)
    held = getattr(g, "_lg_eigenpair", None)
    if held is not None and held[0] == key:
        return held[1] * scale, held[2]
    a = sp.csr_matrix(
        (np.concatenate([unit, unit]), (np.concatenate([s, t]), np.concatenate([t, s]))),
        shape=(n, n),
    )
    if n <= 64:
        vals, vecs = np.linalg.eigh(a.toarray())
        lam, vec = float(vals[-1]), vecs[:, -1]
    else:
        vals, vecs = spla.eigsh(a, k=1, which="LA", v0=np.ones(n), tol=0, maxiter=20 * n)
        lam, vec = float(vals[0]), vecs[:, 0]
    vec = np.abs(vec) / (float(np.linalg.norm(vec)) or 1.0)
    lam, vec = _one_leading_pair(a, g, lam, vec)
    g._lg_eigenpair = (key, lam, vec)  # type: ignore[attr-defined]
    return lam * scale, vec


def _one_leading_pair(
    a: sp.csr_matrix, g: ig.Graph, lam: float, vec: np.ndarray
) -> tuple[float, np.ndarray]:
    """The leading eigenpair, made one: when several components share the largest
    eigenvalue (many small stars or cycles, each with eigenvalue 2), any mix of their
    Perron vectors is one, and the solver returns a different mix run after run (ARPACK
    draws restart vectors from its own generator). The mix taken is the projection of the
    all-ones vector, the limit of power iteration from it: each such component's Perron
    vector weighted by its sum. A component whose largest row sum is below the eigenvalue
    cannot reach it (the spectral radius is at most the largest row sum)."""
    if lam <= 0:
        return lam, vec
    membership = np.asarray(g.connected_components().membership)
    row_sums = np.asarray(a.sum(axis=1)).ravel()
    reach = np.zeros(membership.max() + 1 if len(membership) else 0)
    np.maximum.at(reach, membership, row_sums)
    candidates = np.flatnonzero(reach >= lam * (1 - 1e-9))
    if len(candidates) <= 1:
        return lam, vec  # one component holds the eigenvalue: its Perron vector is unique
    import scipy.sparse.linalg as spla

    out, found = np.zeros_like(vec), []
    for c in candidates:
        nodes = np.flatnonzero(membership == c)
        sub = a[nodes][:, nodes]
        if len(nodes) <= 64:
            vals, vecs = np.linalg.eigh(sub.toarray())
            lam_c, p = float(vals[-1]), vecs[:, -1]
        else:
            vals, vecs = spla.eigsh(sub, k=1, which="LA", v0=np.ones(len(nodes)), tol=0)
            lam_c, p = float(vals[0]), vecs[:, 0]
        if lam_c >= lam * (1 - 1e-9):
            found.append(lam_c)
            p = np.abs(p) / (float(np.linalg.norm(p)) or 1.0)
            out[nodes] = p * p.sum()
    norm = float(np.linalg.norm(out))
    # The eigenvalue from the first component found (in component order), not ARPACK's
    # last bits, which change from run to run as the vector did.
    return (found[0], out / norm) if norm else (lam, vec)


def hits(graph: EntityGraph | ig.Graph, *, weight: str | None = "weight") -> pd.DataFrame:
    """Hub and authority scores (``nx.hits``, which uses link weights: each sums to 1).
    In an undirected view both equal the principal eigenvector of the weighted adjacency
    matrix (see :func:`_leading_eigenpair`), scaled to sum 1."""
    g = as_igraph(graph)
    n = g.vcount()
    w = g.es[weight] if weight is not None and weight in g.es.attributes() else None
    if g.ecount() == 0:
        hub = auth = np.full(n, 1.0 / n if n else 0.0)
    elif not g.is_directed():
        vec = _leading_eigenpair(g, weight if w is not None else None)[1]
        hub = auth = vec / vec.sum() if vec.sum() else vec
    else:
        with warnings.catch_warnings():  # igraph warns on non-unique (zero) scores
            warnings.simplefilter("ignore", RuntimeWarning)
            hub = np.asarray(g.hub_score(weights=w, scale=True), dtype=float)
            auth = np.asarray(g.authority_score(weights=w, scale=True), dtype=float)
        hub = hub / hub.sum() if hub.sum() else hub
        auth = auth / auth.sum() if auth.sum() else auth
    frame = pd.DataFrame({"hub": hub, "authority": auth}, index=entity_index(g))
    frame.attrs["algorithm"] = "eigenvector"
    return frame


def jsonable(stats: dict[str, Any]) -> dict[str, float | int | None]:
    """Statistics for the manifest: NaN becomes None, counts stay ints (``"nodes": 34``).

    Examples:
        >>> jsonable({"nodes": 34, "density": 0.5, "reciprocity": float("nan")})
        {'nodes': 34, 'density': 0.5, 'reciprocity': None}
    """
    return {k: (None if isinstance(v, float) and math.isnan(v)
                else int(v) if isinstance(v, int | np.integer) and not isinstance(v, bool)
                else float(v))
            for k, v in stats.items()}  # fmt: skip
