"""EntityGraph: the resolved case as a graph on python-igraph; networkx interop."""

from __future__ import annotations

import itertools
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, NamedTuple

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd

from linkgraph.model import Case
from linkgraph.schema import link_kind

log = logging.getLogger(__name__)

#: Node table columns (index: entity_id).
NODE_COLUMNS = ("type", "label", "mentions", "sources", "agencies", "role", "country")
#: Edge table columns.
EDGE_COLUMNS = (
    "src",
    "dst",
    "kind",
    "directed",
    "count",
    "weight",
    "amount",
    "first",
    "last",
    "rows",
)


@dataclass(frozen=True)
class EntityGraph:
    """Entities as nodes, links aggregated per (entity pair, kind) as edges.

    Attributes:
        nodes: one row per entity, indexed by ``entity_id``; columns ``type``, ``label``,
            ``mentions`` (count), ``sources`` (count of distinct sources), ``agencies``
            (";"-joined), ``role`` (";"-joined roles from the data), ``country``.
        edges: one row per (src, dst, kind); columns ``src``, ``dst`` (entity ids),
            ``kind``, ``directed``, ``count`` (links behind it), ``weight`` (sum of link
            weights, 1 per link when absent), ``amount`` (sum), ``first``/``last`` (time
            span), ``rows`` (JSON list of ``"source:row"`` behind it). Undirected kinds are
            stored with ``src < dst``.
        graph: directed igraph multigraph, vertex ``i`` is ``nodes.index[i]``, edge ``j`` is
            ``edges.iloc[j]``; vertex attribute ``name``, edge attributes ``kind``, ``weight``.
    """

    nodes: pd.DataFrame
    edges: pd.DataFrame
    graph: ig.Graph

    @property
    def entity_ids(self) -> pd.Index:
        """Entity ids in vertex order."""
        return self.nodes.index

    def __len__(self) -> int:
        return len(self.nodes)

    @cached_property
    def _codes(self) -> _EdgeCodes:
        """Edge endpoints as vertex positions and kinds as integer codes, computed once.

        Every view starts from these, so string ids are hashed once per graph rather
        than once per view (1M entities: 5 s saved on each view).
        """
        e = self.edges
        s = self.nodes.index.get_indexer(e["src"])
        t = self.nodes.index.get_indexer(e["dst"])
        return _codes_of(e, s, t)

    def view(
        self,
        *,
        directed: bool = False,
        weighted: bool = True,
        kinds: Sequence[str] | None = None,
        types: Sequence[str] | None = None,
    ) -> ig.Graph:
        """A simple igraph graph (no multi-edges, no loops) over all entities.

        Edges of several kinds between the same pair become one edge whose ``weight`` is
        the sum of their weights (or 1 when ``weighted`` is false). ``directed`` keeps the
        direction of directed kinds; undirected kinds then appear in both directions.
        ``kinds`` keeps only those link kinds; ``types`` keeps only links whose both ends
        are of those entity types (vertices stay, so ids still line up). Edges come
        sorted by (source, target) vertex.
        """
        n = len(self.nodes)
        if not directed and kinds is None and types is None:
            s, t, w = self._undirected_edges
            if not weighted:
                w = np.ones(len(s))
        else:
            s, t, w = self._simple_edges(directed, weighted, kinds, types)
        return _make_view(n, s, t, w, directed, self._names)

    @cached_property
    def _undirected_edges(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Endpoints and summed weights of the default (undirected, weighted) view."""
        return self._simple_edges(False, True, None, None)

    def _view_endpoints(self) -> tuple[np.ndarray, np.ndarray]:
        """Edge endpoints of ``view()`` without building the igraph graph."""
        s, t, _ = self._undirected_edges
        return s, t

    def _simple_edges(
        self,
        directed: bool,
        weighted: bool,
        kinds: Sequence[str] | None,
        types: Sequence[str] | None,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        c = self._codes
        n = len(self.nodes)
        s, t, w, und = c.src, c.dst, c.weight, ~c.directed
        keep: np.ndarray | None = None
        if kinds is not None:
            keep = np.isin(c.kind, c.kinds.get_indexer(list(kinds)))
        if types is not None:
            typed = self.nodes["type"].isin(list(types)).to_numpy()
            both = typed[s] & typed[t]
            keep = both if keep is None else keep & both
        if keep is not None:
            s, t, w, und = s[keep], t[keep], w[keep], und[keep]
        if directed:
            s, t = np.concatenate([s, t[und]]), np.concatenate([t, s[und]])
            w = np.concatenate([w, w[und]])
        else:
            s, t = np.minimum(s, t), np.maximum(s, t)
        if not weighted:
            w = np.ones(len(s))
        loop = s == t
        if loop.any():
            s, t, w = s[~loop], t[~loop], w[~loop]
        key = s * n + t
        if len(key) > 1 and not bool(np.all(key[1:] > key[:-1])):
            # Not already simple and sorted: merge parallel edges, summing weights.
            key, inverse = np.unique(key, return_inverse=True)
            w = np.bincount(inverse, weights=w, minlength=len(key))
            s, t = key // max(n, 1), key % max(n, 1)
            if not weighted:
                w = np.ones(len(key))
        for a in (s, t, w):
            a.flags.writeable = False
        return s, t, w

    @cached_property
    def _names(self) -> list[str]:
        return [str(i) for i in self.nodes.index.tolist()]

    def subgraph(self, entity_ids: Sequence[str]) -> EntityGraph:
        """The graph induced by ``entity_ids`` (kept in this graph's order)."""
        keep = self.nodes.index.isin(list(entity_ids))
        nodes = self.nodes[keep]
        edges = self.edges[
            self.edges["src"].isin(nodes.index) & self.edges["dst"].isin(nodes.index)
        ]
        return _assemble(nodes, edges.reset_index(drop=True))

    def to_networkx(self, *, multigraph: bool = False) -> nx.Graph:
        """A networkx view: node attributes from ``nodes``; one edge per (pair, kind) when
        ``multigraph`` (keys are kinds), else the simple undirected weighted view."""
        if multigraph:
            mg: nx.MultiDiGraph = nx.MultiDiGraph()
            mg.add_nodes_from((i, _clean(r)) for i, r in self.nodes.iterrows())
            for r in self.edges.itertuples(index=False):
                mg.add_edge(r.src, r.dst, key=r.kind, **_clean(r._asdict()))
            return mg
        g = self.view()
        out = nx.Graph()
        out.add_nodes_from((i, _clean(r)) for i, r in self.nodes.iterrows())
        names = g.vs["name"]
        out.add_weighted_edges_from((names[e.source], names[e.target], e["weight"]) for e in g.es)
        return out

    @classmethod
    def from_networkx(
        cls, g: nx.Graph, *, kind: str = "associate", weight: str = "weight"
    ) -> EntityGraph:
        """An EntityGraph from any networkx graph; node names become entity ids (as str).

        Node attributes ``type`` and ``label`` are used when present (default ``person``
        and the id). Edge attribute ``weight`` is kept; ``kind`` defaults to ``kind``.
        """
        ids = [str(n) for n in g.nodes]
        data = [g.nodes[n] for n in g.nodes]
        nodes = pd.DataFrame(
            {
                "type": [d.get("type", "person") for d in data],
                "label": [str(d.get("label", i)) for d, i in zip(data, ids, strict=True)],
                "mentions": 1,
                "sources": 1,
                "agencies": "",
                "role": [d.get("role", "") for d in data],
                "country": [d.get("country", "") for d in data],
            },
            index=pd.Index(ids, name="entity_id", dtype="string"),
        )
        directed = g.is_directed()
        rows = []
        for u, v, d in g.edges(data=True):
            su, sv = str(u), str(v)
            if not directed and su > sv:
                su, sv = sv, su
            rows.append((su, sv, str(d.get("kind", kind)), directed, 1, float(d.get(weight, 1.0))))
        edges = pd.DataFrame(rows, columns=["src", "dst", "kind", "directed", "count", "weight"])
        edges = edges.groupby(["src", "dst", "kind", "directed"], as_index=False, sort=True).sum()
        edges["amount"] = np.nan
        edges["first"] = pd.NaT
        edges["last"] = pd.NaT
        edges["rows"] = "[]"
        return _assemble(nodes, edges)


def _clean(row: Any) -> dict[str, Any]:
    items = row.items() if hasattr(row, "items") else row._asdict().items()
    out = {}
    for k, v in items:
        if v is pd.NA or v is pd.NaT or (isinstance(v, float) and np.isnan(v)):
            continue
        out[k] = v.isoformat() if isinstance(v, pd.Timestamp) else v
    return out


def _mode_text(values: pd.Series) -> str:
    """Most frequent non-empty value; ties broken alphabetically so labels are stable."""
    vals = values.dropna()
    vals = vals[vals.astype(str).str.len() > 0]
    if vals.empty:
        return ""
    counts = vals.value_counts()
    top = counts[counts == counts.max()].index
    return str(sorted(top.astype(str))[0])


def _preferred_labels(ment: pd.DataFrame) -> pd.Series:
    """One label per entity: from mentions with separate given and family names when there
    are any (exports that write "FAMILY GIVEN" in one cell lose the order), then the most
    frequent, then alphabetical, so labels are stable across runs."""
    counts = (
        ment[ment["label"].astype(str).str.len() > 0]
        .groupby(["entity_id", "label"], sort=False)
        .agg(n=("label", "size"), structured=("structured", "max"))
        .reset_index()
        .sort_values(
            ["entity_id", "structured", "n", "label"],
            ascending=[True, False, False, True],
            kind="mergesort",
        )
    )
    best = counts.drop_duplicates("entity_id").set_index("entity_id")["label"].astype(str)
    ids = pd.Index(sorted(ment["entity_id"].unique()))
    return best.reindex(ids).fillna("")


def build_graph(case: Case) -> EntityGraph:
    """The entity graph of a case: one node per entity, one edge per (entity pair, kind).

    Before resolution every mention is its own entity.
    """
    m = case.mentions
    entity_of = case.entity_of()
    ment = pd.DataFrame(
        {
            "entity_id": entity_of.reindex(m["mention_id"]).to_numpy(),
            "type": m["type"].to_numpy(),
            "label": m["label"]
            .fillna(m["name"])
            .fillna(m["identifier"])
            .fillna(m["mention_id"])
            .to_numpy(),
            "source": m["source"].to_numpy(),
            "agency": m["agency"].fillna("").to_numpy(),
            "role": m["role"].fillna("").to_numpy(),
            "country": m["country"].fillna(m["nationality"]).fillna("").to_numpy(),
            # a label written with separate given and family names says which is which
            "structured": (m["given_name"].notna() & m["family_name"].notna()).to_numpy(),
        }
    )
    if ment["entity_id"].isna().any():
        missing = m["mention_id"][ment["entity_id"].isna().to_numpy()].iloc[0]
        from linkgraph.errors import CaseError

        raise CaseError(
            f"mention {missing} has no entity in the resolution table",
            hint="re-run `linkgraph resolve CASE_DIR`",
        )
    grouped = ment.groupby("entity_id", sort=True)
    nodes = pd.DataFrame(
        {
            "type": grouped["type"].agg(_mode_text),
            "label": _preferred_labels(ment),
            "mentions": grouped.size(),
            "sources": grouped["source"].nunique(),
            "agencies": grouped["agency"].agg(lambda s: ";".join(sorted({a for a in s if a}))),
            "role": grouped["role"].agg(lambda s: ";".join(sorted({r for r in s if r}))),
            "country": grouped["country"].agg(_mode_text),
        }
    )
    nodes.index = nodes.index.astype("string").rename("entity_id")
    edges = _aggregate_links(case.links, entity_of)
    return _assemble(nodes, edges)


def _aggregate_links(links: pd.DataFrame, entity_of: pd.Series) -> pd.DataFrame:
    if links.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in EDGE_COLUMNS}).astype(
            {"count": "int64", "weight": "float64", "amount": "float64", "directed": bool}
        )
    kinds = links["kind"].astype(str)
    directed = kinds.map(lambda k: link_kind(k).directed).astype(bool).to_numpy()
    src = entity_of.reindex(links["src"]).to_numpy().astype(object)
    dst = entity_of.reindex(links["dst"]).to_numpy().astype(object)
    swap = (~directed) & (src > dst)
    src2 = np.where(swap, dst, src)
    dst2 = np.where(swap, src, dst)
    frame = pd.DataFrame(
        {
            "src": src2,
            "dst": dst2,
            "kind": kinds.to_numpy(),
            "directed": directed,
            "weight": links["weight"].fillna(1.0).to_numpy(dtype=float),
            "amount": links["amount"].to_numpy(dtype=float),
            "time": links["time"],
            "ref": (
                links["source"].fillna("") + ":" + links["row"].astype("string").fillna("")
            ).to_numpy(),
        }
    )
    g = frame.groupby(["src", "dst", "kind", "directed"], sort=True)
    out = g.agg(
        count=("weight", "size"),
        weight=("weight", "sum"),
        amount=("amount", lambda a: a.sum(min_count=1)),
        first=("time", "min"),
        last=("time", "max"),
        rows=("ref", lambda r: json.dumps(sorted(set(r)))),
    ).reset_index()
    return out[list(EDGE_COLUMNS)]


def _assemble(nodes: pd.DataFrame, edges: pd.DataFrame) -> EntityGraph:
    edges = edges.reset_index(drop=True)
    s = nodes.index.get_indexer(edges["src"])
    t = nodes.index.get_indexer(edges["dst"])
    if len(edges) and (s.min() < 0 or t.min() < 0):
        raise ValueError("every edge's src and dst must be an entity of the nodes table")
    g = ig.Graph(n=len(nodes), edges=list(zip(s.tolist(), t.tolist(), strict=True)), directed=True)
    g.vs["name"] = nodes.index.tolist()
    g.vs["type"] = nodes["type"].tolist()
    g.es["kind"] = edges["kind"].tolist()
    g.es["weight"] = edges["weight"].astype(float).tolist()
    out = EntityGraph(nodes=nodes, edges=edges, graph=g)
    # Prime the cached codes: the positions were just computed.
    out.__dict__["_codes"] = _codes_of(edges, s, t)
    return out


class _EdgeCodes(NamedTuple):
    src: np.ndarray  # vertex position of each edge's src
    dst: np.ndarray
    weight: np.ndarray  # float
    directed: np.ndarray  # bool
    kind: np.ndarray  # code into ``kinds``
    kinds: pd.Index


def _codes_of(edges: pd.DataFrame, s: np.ndarray, t: np.ndarray) -> _EdgeCodes:
    kind, kinds = pd.factorize(edges["kind"].astype(str))
    return _EdgeCodes(
        src=np.asarray(s, dtype=np.int64),
        dst=np.asarray(t, dtype=np.int64),
        weight=edges["weight"].to_numpy(dtype=float, na_value=1.0),
        directed=edges["directed"].to_numpy(dtype=bool),
        kind=kind,
        kinds=pd.Index(kinds),
    )


class _View(ig.Graph):  # type: ignore[misc]
    """A view made by ``EntityGraph.view``: an igraph graph that also keeps its edge
    endpoints as numpy arrays (``edge_endpoints``), since reading them back from igraph
    costs about 1 s per million edges."""

    _endpoints: tuple[np.ndarray, np.ndarray, int, int] | None = None


def _make_view(
    n: int, s: np.ndarray, t: np.ndarray, w: np.ndarray, directed: bool, names: list[str]
) -> ig.Graph:
    # igraph builds fastest from a list of int pairs (graph-engines notes: 1.7 s vs 10 s
    # from a numpy array at 4M edges).
    g = _View(n=n, edges=list(zip(s.tolist(), t.tolist(), strict=True)), directed=directed)
    g.vs["name"] = names
    g.es["weight"] = w.tolist()
    g._endpoints = (s, t, n, len(s))
    return g


def edge_endpoints(g: ig.Graph) -> tuple[np.ndarray, np.ndarray]:
    """Sources and targets of every edge of ``g`` as int64 arrays (read-only).

    Free for a view that was not changed since ``EntityGraph.view`` made it; read from
    igraph otherwise.
    """
    cached = getattr(g, "_endpoints", None)
    if cached is not None and cached[2] == g.vcount() and cached[3] == g.ecount():
        return cached[0], cached[1]
    flat = np.fromiter(
        itertools.chain.from_iterable(g.get_edgelist()), dtype=np.int64, count=2 * g.ecount()
    )
    return flat[0::2], flat[1::2]


#: Entity types whose shared use links two entities in ``project`` by default.
PROJECT_VIA = ("phone", "address", "account", "ad", "event")


def project(
    graph: EntityGraph,
    *,
    onto: str = "person",
    via: Sequence[str] = PROJECT_VIA,
    max_members: int | None = None,
) -> EntityGraph:
    """One-mode projection: ``onto`` entities linked when they share a ``via`` entity.

    Every link (of any kind, in either direction) between an ``onto`` entity and an
    entity of a ``via`` type makes the first a *member* of that item. Two members of
    one item get an undirected edge of kind ``shares_<type>`` (``shares_phone``,
    ``shares_address``, ...), one per item type, so a pair that shares two phones and
    an address has two edges. Links between ``onto`` entities themselves are not
    carried over: the projection shows shared items only. Summing the weights of a
    pair over its kinds (``view()`` does) gives networkx's
    ``bipartite.weighted_projected_graph`` weight.

    Args:
        graph: the entity graph (two-mode in the parts that matter).
        onto: entity type of the projected entities.
        via: entity types of the shared items.
        max_members: items with more members than this are left out (a public event
            with 5,000 attendees would add 12.5 million pairs) and logged; ``None``
            keeps all.

    Returns:
        EntityGraph of every ``onto`` entity (also those that share nothing); edges
        with ``kind`` ``shares_<type>``, ``directed`` false, ``weight`` (number of
        shared items of that type), ``via`` (JSON list of the shared item ids),
        ``count`` (links behind the edge), ``first``/``last`` (time span of those
        links), ``rows`` (their source rows) and ``amount`` (NaN).

    Raises:
        ValueError: when ``onto`` is also in ``via``, or ``max_members`` is below 2.

    Examples:
        >>> g = project(toy_two_mode(), onto="person", via=["phone"])
        >>> g.edges[["src", "dst", "kind", "weight", "via"]]  # doctest: +NORMALIZE_WHITESPACE
             src     dst          kind  weight                   via
        0  e:ana   e:ben  shares_phone     2.0  ["e:ph1", "e:ph2"]
        1  e:ana    e:cy  shares_phone     1.0             ["e:ph1"]
        2  e:ben    e:cy  shares_phone     1.0             ["e:ph1"]
    """
    via = list(dict.fromkeys(via))
    if onto in via:
        raise ValueError(f"onto ({onto!r}) must not be one of the via types {via}")
    if max_members is not None and max_members < 2:
        raise ValueError("max_members must be at least 2 (or None)")
    types = graph.nodes["type"].astype(str)
    nodes = graph.nodes[(types == onto).to_numpy()].copy()
    e = graph.edges
    src_t = types.reindex(e["src"]).to_numpy()
    dst_t = types.reindex(e["dst"]).to_numpy()
    fwd = (src_t == onto) & np.isin(dst_t, via)
    bwd = (dst_t == onto) & np.isin(src_t, via)
    cols = ["count", "first", "last", "rows"]
    member = pd.concat(
        [
            e.loc[fwd, cols].assign(member=e["src"][fwd], item=e["dst"][fwd], t=dst_t[fwd]),
            e.loc[bwd, cols].assign(member=e["dst"][bwd], item=e["src"][bwd], t=src_t[bwd]),
        ],
        ignore_index=True,
    )
    member["rows"] = [json.loads(r) if isinstance(r, str) else [] for r in member["rows"]]
    # Several links (kinds, directions) may tie one member to one item: one membership.
    member = member.groupby(["item", "member", "t"], sort=True, as_index=False).agg(
        count=("count", "sum"),
        first=("first", "min"),
        last=("last", "max"),
        rows=("rows", lambda r: sorted(set(itertools.chain.from_iterable(r)))),
    )
    if max_members is not None:
        size = member.groupby("item")["member"].transform("size")
        big = size > max_members
        if big.any():
            log.warning(
                "project: %d item(s) with more than %d members left out: %s",
                member.loc[big, "item"].nunique(),
                max_members,
                ", ".join(member.loc[big, "item"].unique()[:5]),
            )
            member = member[~big]
    pairs = member.merge(member, on=["item", "t"], suffixes=("_a", "_b"))
    pairs = pairs[pairs["member_a"] < pairs["member_b"]]
    if pairs.empty:
        edges = pd.DataFrame({c: pd.Series(dtype=object) for c in (*EDGE_COLUMNS, "via")})
        edges = edges.astype(
            {"count": "int64", "weight": "float64", "amount": "float64", "directed": bool}
        )
        return _assemble(nodes, edges)
    pairs = pd.DataFrame(
        {
            "src": pairs["member_a"].to_numpy(),
            "dst": pairs["member_b"].to_numpy(),
            "kind": "shares_" + pairs["t"],
            "item": pairs["item"].to_numpy(),
            "count": (pairs["count_a"] + pairs["count_b"]).to_numpy(),
            "first": pairs[["first_a", "first_b"]].min(axis=1).to_numpy(),
            "last": pairs[["last_a", "last_b"]].max(axis=1).to_numpy(),
            "rows": [a + b for a, b in zip(pairs["rows_a"], pairs["rows_b"], strict=True)],
        }
    )
    out = pairs.groupby(["src", "dst", "kind"], sort=True).agg(
        count=("count", "sum"),
        weight=("item", "size"),
        first=("first", "min"),
        last=("last", "max"),
        rows=("rows", lambda r: json.dumps(sorted(set(itertools.chain.from_iterable(r))))),
        via=("item", lambda s: json.dumps(sorted(s))),
    )
    out = out.reset_index()
    out["directed"] = False
    out["weight"] = out["weight"].astype(float)
    out["amount"] = np.nan
    return _assemble(nodes, out[[*EDGE_COLUMNS, "via"]])


def toy_graph() -> EntityGraph:
    """A four-person chain ben – ana – cy – dan, for examples and doctests."""
    g = nx.Graph()
    for name in ("ana", "ben", "cy", "dan"):
        g.add_node(f"e:{name}", label=name.capitalize(), type="person")
    g.add_edges_from([("e:ana", "e:ben"), ("e:ana", "e:cy"), ("e:cy", "e:dan")])
    return EntityGraph.from_networkx(g)


def toy_two_mode() -> EntityGraph:
    """Three persons and the phones and address they use, for projection examples.

    ana, ben and cy all use phone ph1; ana and ben also use ph2; ben and cy live at a1.
    """
    g = nx.Graph()
    for name in ("ana", "ben", "cy"):
        g.add_node(f"e:{name}", label=name.capitalize(), type="person")
    g.add_nodes_from(["e:ph1", "e:ph2"], type="phone")
    g.add_node("e:a1", type="address")
    g.add_edges_from([("e:ana", "e:ph1"), ("e:ben", "e:ph1"), ("e:cy", "e:ph1"),
                      ("e:ana", "e:ph2"), ("e:ben", "e:ph2")], kind="uses_phone")  # fmt: skip
    g.add_edges_from([("e:ben", "e:a1"), ("e:cy", "e:a1")], kind="lives_at")
    return EntityGraph.from_networkx(g)
