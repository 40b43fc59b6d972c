"""Brokers: Burt's constraint and effective size, bridging between communities, and
Gould–Fernandez brokerage roles over countries or communities."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence

import igraph as ig
import numpy as np
import pandas as pd

from linkgraph._arrays import unique
from linkgraph.graph import EntityGraph, edge_endpoints
from linkgraph.metrics._common import as_igraph, edge_arrays, entity_index, result

#: Gould–Fernandez roles, by (broker's group == source's, == target's, source's == target's).
ROLES = ("coordinator", "gatekeeper", "representative", "liaison", "consultant")

#: Wedges (pairs of a vertex's higher neighbours) checked per chunk when listing
#: triangles: some 100 bytes each with the triangles they close, so a chunk holds
#: about 200 MB at most.
_WEDGES_PER_CHUNK = 2_000_000


def _mutual_pairs(
    g: ig.Graph, weight: str | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Both orientations (u, v) of every linked pair, sorted by ``u * n + v``, with the
    mutual weight (``w(u,v) + w(v,u)``; 1 per direction when unweighted) and the keys."""
    n = g.vcount()
    s, t, w = edge_arrays(g, weight)
    lo, hi = np.minimum(s, t), np.maximum(s, t)
    keep = lo != hi
    key = lo[keep] * n + hi[keep]
    uniq, inv = unique(key, return_inverse=True)
    m = np.bincount(inv, weights=w[keep])
    a, b = uniq // n, uniq % n
    u = np.concatenate([a, b])
    v = np.concatenate([b, a])
    mm = np.concatenate([m, m])
    keys = u * n + v
    order = np.argsort(keys, kind="stable")
    return u[order], v[order], mm[order], keys[order]


def _mutual_edges(g: ig.Graph, weight: str | None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every linked pair once, ``a < b``, with its mutual weight (``w(a,b) + w(b,a)``;
    1 per direction when unweighted), sorted by ``a * n + b``."""
    n = g.vcount()
    s, t, w = edge_arrays(g, weight)
    lo, hi = np.minimum(s, t), np.maximum(s, t)
    keep = lo != hi
    uniq, inv = unique(lo[keep] * n + hi[keep], return_inverse=True)
    m = np.bincount(inv, weights=w[keep], minlength=len(uniq))
    return uniq // max(n, 1), uniq % max(n, 1), m


def _triangles(
    n: int, a: np.ndarray, b: np.ndarray, max_wedges: int | None = None
) -> Iterator[tuple[np.ndarray, ...]]:
    """The triangles of the simple undirected graph of pairs ``(a[e], b[e])``, in chunks.

    Each chunk is ``(x, y, z, e1, e2, e3)``: the three vertices of every triangle and the
    ids of its pairs ``x-y``, ``x-z`` and ``y-z``. Each triangle comes once. Edges point
    from the lower to the higher of (degree, vertex); every vertex then has at most
    ``sqrt(2 * edges)`` higher neighbours, so the wedges checked (pairs of a vertex's
    higher neighbours) are at most ``edges * sqrt(2 * edges)``, whatever the hubs'
    degrees, and a chunk holds at most about ``max_wedges`` of them (default
    ``_WEDGES_PER_CHUNK``).
    """
    max_wedges = max(1, int(max_wedges or _WEDGES_PER_CHUNK))
    m = len(a)
    if m == 0:
        return
    deg = np.bincount(a, minlength=n) + np.bincount(b, minlength=n)
    vertex_of = np.lexsort((np.arange(n), deg))  # rank -> vertex
    rank = np.empty(n, dtype=np.int64)
    rank[vertex_of] = np.arange(n)
    ra, rb = rank[a], rank[b]
    lo, hi = np.minimum(ra, rb), np.maximum(ra, rb)
    key = lo * n + hi
    order = np.argsort(key, kind="stable")
    key, lo, hi = key[order], lo[order], hi[order]
    row_end = np.cumsum(np.bincount(lo, minlength=n))
    # oriented edge p = (u, v) pairs with the later edges (u, w) of its row: v < w
    work = row_end[lo] - np.arange(m) - 1
    cum = np.cumsum(work)
    if cum[-1] == 0:
        return
    cuts = np.searchsorted(cum, np.arange(max_wedges, int(cum[-1]), max_wedges), side="right")
    bounds = [0, *unique(cuts).tolist(), m]
    for p0, p1 in itertools.pairwise(bounds):
        if p1 <= p0:
            continue
        w = work[p0:p1]
        p = np.repeat(np.arange(p0, p1), w)
        if len(p) == 0:
            continue
        q = p + 1 + np.arange(len(p)) - np.repeat(np.cumsum(w) - w, w)
        wanted = hi[p] * n + hi[q]
        r = np.minimum(np.searchsorted(key, wanted), m - 1)
        hit = key[r] == wanted
        p, q, r = p[hit], q[hit], r[hit]
        yield (vertex_of[lo[p]], vertex_of[hi[p]], vertex_of[hi[q]], order[p], order[q], order[r])


def _sides(
    a: np.ndarray, x: np.ndarray, y: np.ndarray, z: np.ndarray,
    e1: np.ndarray, e2: np.ndarray, e3: np.ndarray,
) -> tuple[np.ndarray, ...]:  # fmt: skip
    """Indices of the six directed sides ``xy, yx, xz, zx, yz, zy`` of triangles in arrays
    of length ``2 * len(a)``: pair ``e`` read from ``a[e]`` is ``e``, from ``b[e]`` is
    ``e + len(a)``."""
    m = len(a)

    def side(e: np.ndarray, u: np.ndarray) -> np.ndarray:
        return e + m * (a[e] != u)

    return side(e1, x), side(e1, y), side(e2, x), side(e2, z), side(e3, y), side(e3, z)


def _burt(g: ig.Graph, weight: str | None) -> tuple[np.ndarray, np.ndarray]:
    """Constraint and effective size of every vertex, in time linear in edges and triangles.

    Burt's indirect term sum_q p_uq p_qv and the redundancy sum_q p_uq maxnmw(v, q) are
    non-zero only when q closes a triangle with u and v, so one pass over the triangles
    (listed in chunks, see :func:`_triangles`) replaces networkx's loops over neighbours
    of neighbours.
    """
    n = g.vcount()
    a, b, m = _mutual_edges(g, weight)
    ends = np.concatenate([a, b])  # the ego of each directed side
    mm = np.concatenate([m, m])
    total = np.bincount(ends, weights=mm, minlength=n)
    top = np.zeros(n)
    np.maximum.at(top, ends, mm)
    p = mm / total[ends]  # normalised mutual weight p_uv
    scaled = mm / top[ends]  # mutual weight over u's largest: networkx's maxnmw
    deg = np.bincount(ends, minlength=n).astype(float)
    indirect = np.zeros(len(ends))
    reduction = np.zeros(n)
    for x, y, z, e1, e2, e3 in _triangles(n, a, b):
        xy, yx, xz, zx, yz, zy = _sides(a, x, y, z, e1, e2, e3)
        del e1, e2, e3
        # one side at a time: six concatenated copies would hold 1 GB per chunk
        for side, q1, q2 in ((xy, xz, zy), (yx, yz, zx), (xz, xy, yz),
                             (zx, zy, yx), (yz, yx, xz), (zy, zx, xy)):  # fmt: skip
            indirect += np.bincount(side, weights=p[q1] * p[q2], minlength=len(ends))
        # redundancy of contact c for ego u (third q): p_uq * maxnmw(c, q)
        for ego, uq, cq in ((x, xz, yz), (x, xy, zy), (y, yz, xz),
                            (y, yx, zx), (z, zy, xy), (z, zx, yx)):  # fmt: skip
            reduction += np.bincount(ego, weights=p[uq] * scaled[cq], minlength=n)
    # float even for a graph without edges (bincount of nothing is an integer array)
    constraint = np.bincount(ends, weights=(p + indirect) ** 2, minlength=n).astype(float)
    esize = (deg - reduction).astype(float)
    isolated = deg == 0
    constraint[isolated] = np.nan
    esize[isolated] = np.nan
    return constraint, esize


def constraint(graph: EntityGraph | ig.Graph, *, weight: str | None = None) -> pd.DataFrame:
    """Burt's constraint (networkx semantics): how much an entity's contacts are tied to
    each other. Low constraint marks a broker across structural holes; isolated
    entities get NaN. Directed views use mutual weights of both directions, as networkx.

    Returns:
        DataFrame indexed by ``entity_id``; column ``constraint``.

    Examples:
        >>> from linkgraph.graph import toy_graph
        >>> constraint(toy_graph())["constraint"].tolist()  # ana and cy span two contacts
        [0.5, 1.0, 0.5, 1.0]
    """
    g = as_igraph(graph)
    c, _ = _burt(g, weight)
    return result(g, c, "constraint", algorithm="exact")


def effective_size(graph: EntityGraph | ig.Graph, *, weight: str | None = None) -> pd.DataFrame:
    """Burt's effective size (networkx semantics): non-redundant contacts of an entity.

    Returns:
        DataFrame indexed by ``entity_id``; column ``effective_size`` (NaN if isolated).

    Examples:
        >>> from linkgraph.graph import toy_graph
        >>> effective_size(toy_graph())["effective_size"].tolist()
        [2.0, 1.0, 2.0, 1.0]
    """
    g = as_igraph(graph)
    _, e = _burt(g, weight)
    return result(g, e, "effective_size", algorithm="exact")


def participation_coefficient(
    graph: EntityGraph | ig.Graph, communities: pd.Series | Sequence[int]
) -> pd.DataFrame:
    """Bridging between communities: ``1 - sum_c (k_ic / k_i)^2`` (Guimerà & Amaral 2005).

    0 when all of an entity's links stay in one community; near 1 when they spread
    evenly over many. Unweighted: each linked neighbour counts once.

    Args:
        graph: the entity graph or a view of it.
        communities: community of each entity (a Series indexed by entity id, or a
            sequence in vertex order), e.g. ``leiden_communities(graph)["community"]``.

    Returns:
        DataFrame indexed by ``entity_id``; columns ``participation_coefficient`` and
        ``communities_reached`` (distinct other communities among its neighbours).
    """
    g = as_igraph(graph)
    n = g.vcount()
    member = _groups(g, communities)
    u, v = _neighbour_pairs(g)
    deg = np.bincount(u, minlength=n).astype(float)
    # One sort over (entity, neighbour's community) codes gives every k_ic; -1 (unknown)
    # is shifted to 0 so that it is a group of its own, as before.
    width = int(member.max()) + 2 if n else 1
    uniq, k_ic = unique(u * width + member[v] + 1, return_counts=True)
    owner, comm = uniq // width, uniq % width - 1
    share = k_ic / deg[owner]
    sq = np.bincount(owner, weights=share**2, minlength=n)
    values = np.where(deg > 0, 1.0 - sq, 0.0)
    reached = np.bincount(owner[comm != member[owner]], minlength=n)
    frame = result(g, values, "participation_coefficient", algorithm="exact")
    frame["communities_reached"] = reached.astype(np.int64)
    return frame


def _neighbour_pairs(g: ig.Graph) -> tuple[np.ndarray, np.ndarray]:
    """Both orientations (u, v) of every linked pair, once each (loops dropped)."""
    n = g.vcount()
    s, t = edge_endpoints(g)
    lo, hi = np.minimum(s, t), np.maximum(s, t)
    key = (lo * n + hi)[lo != hi]
    if len(key) > 1 and not bool(np.all(key[1:] > key[:-1])):
        key = unique(key)  # directed views hold mutual pairs twice
    a, b = key // max(n, 1), key % max(n, 1)
    return np.concatenate([a, b]), np.concatenate([b, a])


def bridging_centrality(graph: EntityGraph | ig.Graph) -> pd.DataFrame:
    """Bridging centrality (Hwang et al. 2006): betweenness times the bridging
    coefficient ``(1/d(v)) / sum over neighbours u of 1/d(u)``; high for entities that
    sit between densely linked groups.

    Returns:
        DataFrame indexed by ``entity_id``; column ``bridging_centrality``.
    """
    from linkgraph.metrics.centrality import betweenness_centrality

    g = as_igraph(graph)
    n = g.vcount()
    u, v, _, _ = _mutual_pairs(g, None)
    deg = np.bincount(u, minlength=n).astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        inv = np.where(deg > 0, 1.0 / deg, 0.0)
        denom = np.bincount(u, weights=inv[v], minlength=n)
        coef = np.where(denom > 0, inv / denom, 0.0)
    bc = betweenness_centrality(g)
    frame = result(
        g,
        bc["betweenness_centrality"].to_numpy() * coef,
        "bridging_centrality",
        algorithm=f"betweenness {bc.attrs['algorithm']}",
    )
    return frame


def _groups(g: ig.Graph, groups: pd.Series | Sequence[object]) -> np.ndarray:
    """Integer group codes in vertex order; -1 where the group is unknown."""
    if isinstance(groups, pd.Series):
        values = groups.reindex(entity_index(g))
    else:
        values = pd.Series(list(groups))
    if len(values) != g.vcount():
        raise ValueError("need one group per entity")
    if pd.api.types.is_integer_dtype(values.dtype) and not values.isna().any():
        # Community labels: already integer codes, no need to go through text.
        return np.asarray(pd.factorize(values.to_numpy(), sort=True)[0], dtype=np.int64)
    text = values.astype("string").fillna("")
    codes, _ = pd.factorize(text, sort=True)
    codes = np.asarray(codes, dtype=np.int64)
    codes[(text == "").to_numpy()] = -1
    return codes


def brokerage_roles(
    graph: EntityGraph | ig.Graph,
    groups: pd.Series | Sequence[object],
    *,
    max_pairs: int | None = None,
) -> pd.DataFrame:
    """Gould–Fernandez brokerage roles of every entity over a grouping (country, community).

    For every open two-path ``a → v → c`` (no edge ``a → c``, ``a != c``) the broker
    ``v`` plays one role by the groups of the three:

    ============== ===============================
    coordinator    a, v, c in one group
    consultant     a, c in one group, v outside
    gatekeeper     v, c in one group, a outside (v controls access to its group)
    representative a, v in one group, c outside (v speaks for its group)
    liaison        all three in different groups
    ============== ===============================

    Directed views use link direction; in an undirected view each two-path counts once
    per direction, so gatekeeper and representative counts are equal. Two-paths through
    an entity of unknown group (empty or missing) are not counted.

    The two-paths are counted, not listed: per broker, the groups of its in- and
    out-neighbours give the roles of all its (in, out) pairs; the pairs that are no open
    two-path (``a == c``: a reciprocated tie; an edge ``a → c``: a triangle) are then
    taken off. Time and memory grow with edges and triangles, not with the two-paths
    (which are quadratic in a hub's degree).

    Args:
        graph: the entity graph or a view of it.
        groups: group of each entity (Series indexed by entity id, or in vertex order),
            e.g. ``graph.nodes["country"]`` for cross-border brokers.
        max_pairs: wedges checked per chunk while listing triangles (bounds memory;
            default ``_WEDGES_PER_CHUNK``).

    Returns:
        DataFrame indexed by ``entity_id``; one int column per role plus ``brokerage``
        (their sum).

    Examples:
        ana (group A) links ben (A) to cy (B): ben -> ana -> cy makes her a
        representative of A, cy -> ana -> ben a gatekeeper of A.

        >>> from linkgraph.graph import toy_graph
        >>> roles = brokerage_roles(toy_graph(), ["A", "A", "B", "B"])
        >>> roles.loc["e:ana", ["gatekeeper", "representative", "brokerage"]].tolist()
        [1, 1, 2]
    """
    g = as_igraph(graph)
    n = g.vcount()
    grp = _groups(g, groups)
    s, t, _ = edge_arrays(g, None)
    if not g.is_directed():
        s, t = np.concatenate([s, t]), np.concatenate([t, s])
    known = (s != t) & (grp[s] >= 0) & (grp[t] >= 0)
    # distinct directed edges with how many times each occurs (1 in a simple view)
    keys, mult = unique(s[known] * n + t[known], return_counts=True)
    src, dst = keys // max(n, 1), keys % max(n, 1)
    mult = mult.astype(np.int64)
    counts = _open_pair_roles(n, grp, src, dst, mult)
    # a == c: a -> v -> a over a reciprocated tie; a and c share a group
    back = _contains(keys, dst * n + src)
    if back.any():
        rev = np.searchsorted(keys, (dst * n + src)[back])
        a, v = src[back], dst[back]
        role = np.where(grp[a] == grp[v], 0, 4)
        counts -= _role_counts(n, v, role, mult[back] * mult[rev])
    # a -> c: closed two-paths, each within a triangle of the undirected ties
    lo, hi = np.minimum(src, dst), np.maximum(src, dst)
    pairs, inv = unique(lo * n + hi, return_inverse=True)
    pa, pb = pairs // max(n, 1), pairs % max(n, 1)
    fwd = src < dst
    d = np.concatenate([
        np.bincount(inv[fwd], weights=mult[fwd], minlength=len(pairs)),
        np.bincount(inv[~fwd], weights=mult[~fwd], minlength=len(pairs)),
    ]).astype(np.int64)  # fmt: skip
    for x, y, z, e1, e2, e3 in _triangles(n, pa, pb, max_pairs):
        xy, yx, xz, zx, yz, zy = _sides(pa, x, y, z, e1, e2, e3)
        for ta, tv, tc, av, vc, ac in (
            (x, y, z, xy, yz, xz), (x, z, y, xz, zy, xy), (y, x, z, yx, xz, yz),
            (y, z, x, yz, zx, yx), (z, x, y, zx, xy, zy), (z, y, x, zy, yx, zx),
        ):  # fmt: skip
            w = d[av] * d[vc] * (d[ac] > 0)
            counts -= _role_counts(n, tv, _role(grp[ta], grp[tv], grp[tc]), w)
    frame = pd.DataFrame(counts, columns=list(ROLES), index=entity_index(g))
    frame["brokerage"] = counts.sum(axis=1)
    frame.attrs["algorithm"] = "exact"
    return frame


def _role(ga: np.ndarray, gv: np.ndarray, gc: np.ndarray) -> np.ndarray:
    """Index in ROLES of the role of broker ``v`` on ``a -> v -> c`` by the three groups."""
    return np.select(
        [
            (ga == gv) & (gv == gc),
            (ga == gc) & (ga != gv),
            (gv == gc) & (ga != gv),
            (ga == gv) & (gv != gc),
        ],
        [0, 4, 1, 2],
        default=3,
    )


def _role_counts(n: int, v: np.ndarray, role: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """An (n, roles) int array: the sum of ``weight`` per broker ``v`` and ``role``."""
    flat = np.bincount(v * len(ROLES) + role, weights=weight, minlength=n * len(ROLES))
    return np.rint(flat).astype(np.int64).reshape(n, len(ROLES))


def _open_pair_roles(
    n: int, grp: np.ndarray, src: np.ndarray, dst: np.ndarray, mult: np.ndarray
) -> np.ndarray:
    """Roles of every (in-edge, out-edge) pair ``a -> v -> c`` of every broker ``v``,
    ``a == c`` and ``a -> c`` included, from how many in- and out-neighbours of ``v``
    are in each group (``I = Aᵀ G``, ``O = A G`` for the one-hot group matrix G)."""
    k = max(int(grp.max()) + 1, 1) if n else 1
    din = np.bincount(dst, weights=mult, minlength=n).astype(np.int64)
    dout = np.bincount(src, weights=mult, minlength=n).astype(np.int64)
    # sparse I and O: (vertex, group) keys with their counts
    ikeys, iinv = unique(dst * k + grp[src], return_inverse=True)
    icnt = np.bincount(iinv, weights=mult, minlength=len(ikeys)).astype(np.int64)
    okeys, oinv = unique(src * k + grp[dst], return_inverse=True)
    ocnt = np.bincount(oinv, weights=mult, minlength=len(okeys)).astype(np.int64)

    def own(keys: np.ndarray, cnt: np.ndarray) -> np.ndarray:
        """Count in each vertex's own group."""
        want = np.arange(n) * k + grp
        pos = np.minimum(np.searchsorted(keys, want), max(len(keys) - 1, 0))
        hit = (keys[pos] == want) & (grp >= 0) if len(keys) else np.zeros(n, dtype=bool)
        return np.where(hit, cnt[pos] if len(keys) else 0, 0)

    i_own, o_own = own(ikeys, icnt), own(okeys, ocnt)
    _, ii, oi = np.intersect1d(ikeys, okeys, assume_unique=True, return_indices=True)
    same_ac = np.rint(np.bincount(ikeys[ii] // k, weights=icnt[ii] * ocnt[oi], minlength=n)).astype(
        np.int64
    )
    counts = np.zeros((n, len(ROLES)), dtype=np.int64)
    counts[:, 0] = i_own * o_own  # coordinator
    counts[:, 4] = same_ac - counts[:, 0]  # consultant: a, c in one group other than v's
    counts[:, 1] = (din - i_own) * o_own  # gatekeeper
    counts[:, 2] = i_own * (dout - o_own)  # representative
    counts[:, 3] = din * dout - counts.sum(axis=1)  # liaison
    return counts


def _contains(sorted_keys: np.ndarray, keys: np.ndarray) -> np.ndarray:
    if len(sorted_keys) == 0:
        return np.zeros(len(keys), dtype=bool)
    pos = np.searchsorted(sorted_keys, keys)
    pos = np.minimum(pos, len(sorted_keys) - 1)
    return sorted_keys[pos] == keys
