"""EntityGraph: the resolved case as a graph on python-igraph; networkx interop."""

from __future__ import annotations

import itertools
import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, NamedTuple

import igraph as ig
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from linkgraph._arrays import unique
from linkgraph._counts import counted
from linkgraph.model import LINKS, Case
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
    "currency",
    "first",
    "last",
    "rows",
)

if TYPE_CHECKING:
    import networkx as nx


@dataclass(frozen=True)
class EntityGraph:
    """Entities as nodes, links aggregated per (entity pair, kind) as edges.

    Attributes:
        nodes: one row per entity, indexed by ``entity_id``; columns ``type``, ``label``,
            ``mentions`` (count), ``sources`` (count of distinct sources), ``agencies``
            (";"-joined), ``role`` (";"-joined roles from the data), ``country``.
        edges: one row per (src, dst, kind); columns ``src``, ``dst`` (entity ids),
            ``kind``, ``directed``, ``count`` (links behind it; a payment or call that two
            sources report counts once, see :mod:`linkgraph.same_event`), ``weight`` (sum
            of link weights, 1 per link when absent; a repeated report adds none),
            ``amount`` (sum, a repeated report's not added; NaN when its links' amounts
            are in several currencies), ``currency`` (theirs; "mixed" for several, "" for
            none or unknown), ``first``/``last`` (time
            span), ``rows`` (JSON list of ``"source:row"`` behind it). Undirected kinds are
            stored with ``src < dst``.
        graph: directed igraph multigraph, vertex ``i`` is ``nodes.index[i]``, edge ``j`` is
            ``edges.iloc[j]``; vertex attributes ``name``, ``type``, edge attributes ``kind``,
            ``weight``; built on first use (most measures run on ``view()`` instead).
        case: the case the graph was built from (:func:`build_graph`), kept by its
            subgraphs and views, so that a map or report of the graph protects the
            victims and namesakes the whole case protects without being given the case;
            ``None`` for a graph made otherwise (``from_networkx``).
    """

    nodes: pd.DataFrame
    edges: pd.DataFrame
    case: Case | None = field(default=None, repr=False, compare=False)

    @cached_property
    def graph(self) -> ig.Graph:
        """The directed igraph multigraph of every edge, built on first use."""
        c = self._codes
        g = ig.Graph(
            n=len(self.nodes),
            edges=list(zip(c.src.tolist(), c.dst.tolist(), strict=True)),
            directed=True,
        )
        g.vs["name"] = self._names
        g.vs["type"] = self.nodes["type"].tolist()
        g.es["kind"] = self.edges["kind"].tolist()
        g.es["weight"] = self.edges["weight"].astype(float).tolist()
        return g

    @property
    def entity_ids(self) -> pd.Index:
        """Entity ids in vertex order."""
        return self.nodes.index

    def __len__(self) -> int:
        return len(self.nodes)

    @property
    def loop_count(self) -> int:
        """How many edges link an entity to itself (self-loops; see :func:`loop_count`),
        from the vertex positions the views use (no string comparison)."""
        c = self._codes
        return int(np.count_nonzero(c.src == c.dst))

    @property
    def tie_count(self) -> int:
        """How many pairs of two entities are linked (see :func:`tie_count`): the edges of
        the default ``view()``, counted from its vertex positions."""
        s, _ = self._view_endpoints()
        return len(s)

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
        s, t, w = self._view_arrays(directed, weighted, kinds, types)
        return _make_view(len(self.nodes), s, t, w, directed, self._names)

    def _view_arrays(
        self,
        directed: bool = False,
        weighted: bool = True,
        kinds: Sequence[str] | None = None,
        types: Sequence[str] | None = None,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Edge sources, targets and weights of ``view()`` without building the graph."""
        if not directed and kinds is None and types is None:
            s, t, w = self._undirected_edges
            return (s, t, w) if weighted else (s, t, np.ones(len(s)))
        return self._simple_edges(directed, weighted, kinds, types)

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
            key, inverse = unique(key, return_inverse=True)
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
        return _assemble(nodes, edges.reset_index(drop=True), case=self.case)

    def to_networkx(self, *, multigraph: bool = False) -> nx.Graph:
        """A networkx view: node attributes from ``nodes``; one edge per (pair, kind) when
        ``multigraph`` (keys are kinds), else the simple undirected weighted view."""
        import networkx as nx

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
        edges["currency"] = ""
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


def _strings(values: Any) -> pa.Array:
    """``values`` (a pandas Series/array or numpy array of str) as one Arrow string array."""
    arr = values.array if isinstance(values, pd.Series | pd.Index) else values
    out = pa.array(arr, type=pa.string(), from_pandas=True)
    return out.combine_chunks() if isinstance(out, pa.ChunkedArray) else out


def _text(values: pa.Array | pa.ChunkedArray) -> pd.Series:
    """An Arrow string array as a pandas ``str`` column, without copying."""
    return pd.Series(values, dtype="str")


def _sorted_codes(values: Any) -> tuple[np.ndarray, pa.Array]:
    """Codes into the sorted distinct non-null values (-1 for nulls), and those values.

    Sorted by code point, as Python's ``sorted`` sorts str (UTF-8 byte order, which Arrow
    sorts by, is code point order).
    """
    enc = pc.dictionary_encode(_strings(values))
    order = pc.array_sort_indices(enc.dictionary).to_numpy()
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    idx = pc.fill_null(enc.indices, -1).to_numpy().astype(np.int64)
    codes = np.where(idx >= 0, rank[np.maximum(idx, 0)] if len(rank) else idx, -1)
    return codes, enc.dictionary.take(pa.array(order))


class _EntityCodes(NamedTuple):
    """Entity ids sorted as Python sorts strings, and each mention's entity as a code.

    Integer codes then compare as the ids do, so sorting and ``src < dst`` run on integers.
    """

    ids: pa.Array  # entity ids, sorted
    mentions: pa.Array  # mention ids (the resolution's order)
    code: np.ndarray  # code of each mention's entity (int64)

    @classmethod
    def of(cls, entity_of: pd.Series) -> _EntityCodes:
        code, ids = _sorted_codes(entity_of)
        mentions = _strings(entity_of.index)
        if pc.count_distinct(mentions).as_py() < len(mentions):
            from linkgraph.errors import CaseError, run_stage_hint

            raise CaseError(
                "the resolution table lists a mention more than once",
                hint=run_stage_hint("resolve", again=True),
            )
        return cls(ids=ids, mentions=mentions, code=code)

    def lookup(self, mention_ids: pd.Series) -> np.ndarray:
        """Entity code of each mention id; -1 where the resolution does not know it."""
        pos = pc.fill_null(pc.index_in(_strings(mention_ids), value_set=self.mentions), -1)
        pos = pos.to_numpy().astype(np.int64)
        return np.where(pos >= 0, self.code[np.maximum(pos, 0)] if len(self.code) else pos, -1)


#: How the values of an entity of several mentions become one string (see ``_per_entity``).
Combine = Callable[[np.ndarray, np.ndarray, np.ndarray, pa.Array], tuple[np.ndarray, pa.Array]]


def _per_entity(
    entity: np.ndarray,
    values: pd.Series,
    n: int,
    single: np.ndarray,
    combine: Combine,
) -> pd.Series:
    """One string per entity row 0..n-1 ("" when it has no non-empty value).

    An entity of one mention takes that mention's value; ``combine`` decides for the
    others from ``(rows, entity row, value code, sorted distinct values)`` of their
    non-empty values (``rows`` is the mask of those mentions) and returns
    ``(entity rows, their strings)``.
    """
    text = _strings(values)
    alone = single[entity]
    rows = np.flatnonzero(alone)
    position = np.full(n, -1, dtype=np.int64)
    position[entity[rows]] = np.arange(len(rows))
    parts = [text.take(pa.array(rows))]
    keep = ~alone & pc.fill_null(pc.greater(pc.utf8_length(text), 0), False).to_numpy(
        zero_copy_only=False
    )
    if keep.any():
        vcode, uniq = _sorted_codes(text.filter(pa.array(keep)))
        who, strings = combine(keep, entity[keep], vcode, uniq)
        position[who] = len(rows) + np.arange(len(who))
        parts.append(strings)
    merged = pa.concat_arrays([p.cast(pa.string()) for p in parts])
    return _text(pc.fill_null(merged.take(pa.array(position, mask=position < 0)), ""))


def _most_frequent(prefer: np.ndarray | None = None) -> Combine:
    """Per entity one value: with ``prefer``, among the values with ``prefer`` set on
    any of their rows when it has such (a name written with separate given and family
    names goes before a more frequent one written whole); of those the most frequent;
    ties to the first in alphabetical (code point) order, so the choice never depends on
    row or file order."""

    def combine(
        rows: np.ndarray, e: np.ndarray, vcode: np.ndarray, uniq: pa.Array
    ) -> tuple[np.ndarray, pa.Array]:
        nv = max(len(uniq), 1)
        pairs, inverse, count = unique(e * nv + vcode, return_inverse=True, return_counts=True)
        pe, pv = pairs // nv, pairs % nv
        keys = [pv, -count]
        if prefer is not None:
            preferred = np.zeros(len(pairs), dtype=bool)
            np.logical_or.at(preferred, inverse, prefer[rows])
            keys.append(~preferred)
        order = np.lexsort((*keys, pe))
        best = order[np.r_[True, pe[order][1:] != pe[order][:-1]]]
        return pe[best], uniq.take(pa.array(pv[best]))

    return combine


def _joined(sep: str) -> Combine:
    """Per entity its distinct values, sorted, joined with ``sep``."""

    def combine(
        rows: np.ndarray, e: np.ndarray, vcode: np.ndarray, uniq: pa.Array
    ) -> tuple[np.ndarray, pa.Array]:
        nv = max(len(uniq), 1)
        pairs = unique(e * nv + vcode)
        who, count = unique(pairs // nv, return_counts=True)
        offsets = np.zeros(len(who) + 1, dtype=np.int64)
        np.cumsum(count, out=offsets[1:])
        lists = pa.LargeListArray.from_arrays(pa.array(offsets), uniq.take(pa.array(pairs % nv)))
        return who, pc.binary_join(lists, sep)

    return combine


def entity_nodes(mentions: pd.DataFrame, entity_of: pd.Series) -> pd.DataFrame:
    """The node table of the entity graph: one row per entity that has a mention.

    ``entity_of`` maps mention id -> entity id (``Case.entity_of()``). Columns as
    described on :class:`EntityGraph`; ``label`` prefers names written with separate
    given and family names, then the most frequent, then the alphabetically first.
    """
    return _entity_nodes(mentions, _EntityCodes.of(entity_of))[0]


def _entity_nodes(m: pd.DataFrame, ent: _EntityCodes) -> tuple[pd.DataFrame, np.ndarray]:
    """The node table and, for every entity code, its row in it (-1: no mention)."""
    code = ent.lookup(m["mention_id"])
    if (code < 0).any():
        from linkgraph.errors import CaseError, run_stage_hint

        missing = m["mention_id"].iloc[int(np.flatnonzero(code < 0)[0])]
        raise CaseError(
            f"mention {missing} has no entity in the resolution table",
            hint=run_stage_hint("resolve", again=True),
        )
    present = unique(code)
    row_of = np.full(len(ent.ids), -1, dtype=np.int64)
    row_of[present] = np.arange(len(present))
    e = row_of[code]  # entity row of each mention
    n = len(present)
    label = m["label"].fillna(m["name"]).fillna(m["identifier"]).fillna(m["mention_id"])
    # Names written with separate given and family names; not those split from one
    # "FAMILY, Given" cell at ingest, which are still written as they came.
    structured = (
        m["given_name"].notna()
        & m["family_name"].notna()
        & ~label.astype("string").str.contains(",", regex=False).fillna(False)
    ).to_numpy(dtype=bool)
    scode, suniq = _sorted_codes(m["source"])
    ns = max(len(suniq), 1)
    source_pairs = unique(e[scode >= 0] * ns + scode[scode >= 0])
    mentions = np.bincount(e, minlength=n)
    single = mentions == 1
    nodes = pd.DataFrame(
        {
            "type": _per_entity(e, m["type"], n, single, _most_frequent()),
            "label": _per_entity(e, label, n, single, _most_frequent(structured)),
            "mentions": mentions,
            "sources": np.bincount(source_pairs // ns, minlength=n),
            "agencies": _per_entity(e, m["agency"], n, single, _joined(";")),
            "role": _per_entity(e, m["role"], n, single, _joined(";")),
            "country": _per_entity(
                e,
                _country_code(m["country"]).fillna(_country_code(m["nationality"])),
                n,
                single,
                _most_frequent(),
            ),
        }
    )
    nodes.index = pd.Index(ent.ids.take(pa.array(present)), dtype="string", name="entity_id")
    return nodes, row_of


def _country_code(values: pd.Series) -> pd.Series:
    """``values`` where they are ISO 3166 alpha-2 codes as ingest reads them (or empty);
    missing where they are a value ingest rejected and kept as written ("española",
    "Atlantis"), which names no country to count."""
    text = pa.Array.from_pandas(values.astype("string[pyarrow]"))
    code = pc.match_substring_regex(text, "^([A-Z]{2})?$")
    return values.where(code.fill_null(False).to_numpy(zero_copy_only=False))


def link_edges(links: pd.DataFrame, entity_of: pd.Series) -> pd.DataFrame:
    """The edge table of the entity graph: ``links`` aggregated per (entity pair, kind).

    ``entity_of`` maps mention id -> entity id (``Case.entity_of()``). Columns as
    described on :class:`EntityGraph`, sorted by (src, dst, kind).
    """
    return _link_edges(links, _EntityCodes.of(entity_of))[0]


def _link_edges(
    links: pd.DataFrame, ent: _EntityCodes
) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """The edge table, and the entity codes of each edge's src and dst."""
    if links.empty:
        empty = pd.DataFrame({c: pd.Series(dtype=object) for c in EDGE_COLUMNS}).astype(
            {"count": "int64", "weight": "float64", "amount": "float64", "directed": bool}
        )
        none = np.zeros(0, dtype=np.int64)
        return empty, none, none
    src = ent.lookup(links["src"])
    dst = ent.lookup(links["dst"])
    kind_code, kinds = _sorted_codes(links["kind"])
    _check_links(links, src, dst, kind_code)
    directed_kind = np.array([link_kind(k).directed for k in kinds.to_pylist()], dtype=bool)
    directed = directed_kind[kind_code]
    swap = ~directed & (src > dst)
    src, dst = np.where(swap, dst, src), np.where(swap, src, dst)
    order, start = _group_rows(src, dst, kind_code, len(ent.ids), len(kinds))
    first = order[start]  # first link of each edge
    group = np.cumsum(start) - 1  # edge of each link, in ``order``
    count = np.bincount(group)
    repeat = _repeated_reports(links, src, dst)
    s, t, k = src[first], dst[first], kind_code[first]
    edges = pd.DataFrame(
        {
            "src": _text(ent.ids.take(pa.array(s))),
            "dst": _text(ent.ids.take(pa.array(t))),
            "kind": _text(kinds.take(pa.array(k))),
            "directed": directed_kind[k],
            "count": count
            - np.bincount(group, weights=repeat[order], minlength=len(count)).astype(np.int64),
            **_edge_sums(links, order, group, first, count, repeat),
            "rows": _text(_source_rows(links, order, group, len(first))),
        }
    )
    return edges, s, t


def _group_rows(
    src: np.ndarray, dst: np.ndarray, kind: np.ndarray, n_entities: int, n_kinds: int
) -> tuple[np.ndarray, np.ndarray]:
    """Links in (src, dst, kind) order, keeping their order within an edge, and where
    in that order each edge starts."""
    ne, nk = max(n_entities, 1), max(n_kinds, 1)
    if ne * ne * nk < 2**62:
        key = src * (ne * nk) + dst * nk + kind
        order = np.argsort(key, kind="stable")
        sk = key[order]
        start = np.ones(len(order), dtype=bool)
        start[1:] = sk[1:] != sk[:-1]
        return order, start
    order = np.lexsort((kind, dst, src))  # too many entities for one int64 key
    start = np.ones(len(order), dtype=bool)
    for col in (src, dst, kind):
        start[1:] |= np.diff(col[order]) != 0
    return order, start


def _repeated_reports(links: pd.DataFrame, src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    """Whether each link repeats a payment or call that another source already reports
    (:func:`linkgraph.same_event.first_reports`; ``src``/``dst`` the entity codes of its
    ends): such a link adds its source row to the edge, not its count, weight or amount."""
    from linkgraph.same_event import first_reports

    if any(c not in links for c in ("source", "time", "amount")):
        return np.zeros(len(links), dtype=bool)
    kept = first_reports(
        links["kind"],
        pd.Series(src),
        pd.Series(dst),
        links["amount"],
        links["currency"] if "currency" in links else pd.Series("", index=links.index),
        links["time"],
        links["source"],
    )
    return kept != np.arange(len(links))


def _edge_sums(
    links: pd.DataFrame,
    order: np.ndarray,
    group: np.ndarray,
    first: np.ndarray,
    count: np.ndarray,
    repeat: np.ndarray,
) -> dict[str, Any]:
    """``weight`` (links without one count 1), ``amount``, ``first`` and ``last`` per edge;
    a ``repeat`` (a link another source already reports) adds no weight nor amount.

    An edge of one link takes that link's values; edges of several links are summed by
    pandas' group-by (compensated summation, as before).
    """
    weight = np.where(repeat, 0.0, links["weight"].fillna(1.0).to_numpy(dtype=float))
    amount = np.where(repeat, np.nan, links["amount"].to_numpy(dtype=float))
    currency = _link_currencies(links, amount)
    time = links["time"].reset_index(drop=True)
    out = {
        "weight": weight[first],
        "amount": amount[first],
        "currency": currency[first],
        "first": time.iloc[first].reset_index(drop=True),
        "last": time.iloc[first].reset_index(drop=True),
    }
    multi = np.flatnonzero(count > 1)
    if len(multi):
        rows = order[count[group] > 1]  # links of multi-link edges, grouped by edge
        by = pd.DataFrame(
            {
                "weight": weight[rows],
                "amount": amount[rows],
                # the currency of the links with an amount ("": none, or unknown)
                "currency": np.where(np.isnan(amount[rows]), None, currency[rows]),
                "time": time.iloc[rows].array,
            }
        ).groupby(group[count[group] > 1], sort=True)
        out["weight"][multi] = by["weight"].sum().to_numpy()
        sums = by["amount"].sum(min_count=1).to_numpy()
        kinds = by["currency"].nunique(dropna=True).to_numpy()
        one = by["currency"].first().fillna("").to_numpy(dtype=object)
        # Amounts in several currencies are not added up: the edge says "mixed".
        out["amount"][multi] = np.where(kinds > 1, np.nan, sums)
        out["currency"][multi] = np.where(kinds > 1, "mixed", one)
        out["first"].iloc[multi] = by["time"].min().array
        out["last"].iloc[multi] = by["time"].max().array
    out["first"], out["last"] = out["first"].array, out["last"].array
    return out


def _link_currencies(links: pd.DataFrame, amount: np.ndarray) -> np.ndarray:
    """Each link's currency as text ("" where it has no amount or no known currency)."""
    if "currency" not in links:
        return np.full(len(links), "", dtype=object)
    currency = links["currency"].astype("string").fillna("").to_numpy(dtype=object)
    return np.where(np.isnan(amount), "", currency)


def _check_links(links: pd.DataFrame, src: np.ndarray, dst: np.ndarray, kind: np.ndarray) -> None:
    """A CaseError naming the first link whose ends have no entity or that has no kind."""
    bad = (src < 0) | (dst < 0) | (kind < 0)
    if not bad.any():
        return
    from linkgraph.errors import CaseError, run_stage_hint

    i = int(np.flatnonzero(bad)[0])
    row = links.iloc[i]
    where = f"link {row.get('link_id')} (source {row.get('source')}, row {row.get('row')})"
    if kind[i] < 0:
        raise CaseError(f"{where} has no kind", hint="re-ingest the source with a mapping")
    end = "src" if src[i] < 0 else "dst"
    raise CaseError(
        f"{where}: its {end} mention {row[end]} has no entity ({int(bad.sum()):,} link(s) "
        "with a problem like this)",
        hint=run_stage_hint("resolve", again=True) + ", or re-ingest so links and mentions agree",
    )


def _source_rows(links: pd.DataFrame, order: np.ndarray, group: np.ndarray, n: int) -> pa.Array:
    """Per edge: the JSON list of the distinct ``"source:row"`` behind it, sorted.

    Exactly ``json.dumps(sorted(set(refs)))``, built with Arrow string kernels: each
    distinct source is JSON-escaped once; row numbers need no escaping. ``order`` lists
    the links grouped by edge, ``group`` the edge of each.
    """
    source = pc.dictionary_encode(pc.fill_null(_strings(links["source"]), ""))
    codes = source.indices.to_numpy(zero_copy_only=False)
    escaped = pa.array([json.dumps(s)[1:-1] for s in source.dictionary.to_pylist()])
    row = pa.array(links["row"], type=pa.int64())

    def refs(text: pa.Array, rows: np.ndarray) -> pa.Array:
        number = pc.fill_null(pc.cast(row.take(pa.array(rows)), pa.string()), "")
        return pc.binary_join_element_wise(text.take(pa.array(codes[rows])), number, ":")

    multi = np.bincount(group, minlength=n)[group] > 1
    if multi.any():
        # Within an edge of several links: string order of the ref, each ref once.
        pos = np.flatnonzero(multi)
        raw = refs(source.dictionary, order[pos])
        within = pc.sort_indices(
            pa.table({"g": group[pos], "raw": raw}), [("g", "ascending"), ("raw", "ascending")]
        ).to_numpy()
        order = order.copy()
        order[pos] = order[pos][within]
        raw = raw.take(pa.array(within))
        same = pc.equal(raw[1:], raw[:-1]).to_numpy(zero_copy_only=False)
        repeat = np.zeros(len(order), dtype=bool)
        repeat[pos[1:]] = same & (group[pos[1:]] == group[pos[:-1]])
        order, group = order[~repeat], group[~repeat]
    enc = refs(escaped, order)
    if len(order) > n:
        offsets = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(group, minlength=n), out=offsets[1:])
        enc = pc.binary_join(pa.LargeListArray.from_arrays(pa.array(offsets), enc), '", "')
    return pc.binary_join_element_wise('["', enc, '"]', "")


def build_graph(case: Case, *, links: pd.DataFrame | None = None) -> EntityGraph:
    """The entity graph of a case: one node per entity, one edge per (entity pair, kind).

    Before resolution every mention is its own entity. ``links`` replaces the case's
    links table (e.g. only the links of one time window); every entity stays a node.

    The nodes' ``label`` is the case's as ingested: victims' real names included (the
    analysis, the map and the exports read it and protect victims when they write). For a
    table to show or share, take :func:`linkgraph.redact.shown_graph` of it (victims and
    the identifiers they hold or use by pseudonym, their names out of other labels), or
    ``lg.export``.
    """
    ent = _EntityCodes.of(case.entity_of())
    nodes, row_of = _entity_nodes(case.mentions, ent)
    if links is None:
        links = case.links
    elif any(c not in links or str(links[c].dtype) != d for c, d in LINKS.columns.items()):
        links = LINKS.conform(links)  # a table made by hand: the case's columns and types
    edges, s, t = _link_edges(links, ent)
    s, t = row_of[s], row_of[t]
    if len(edges) and (s.min() < 0 or t.min() < 0):
        raise ValueError("every edge's src and dst must be an entity of the nodes table")
    return _assemble(nodes, edges, positions=(s, t), case=case)


def tie_count(edges: pd.DataFrame) -> int:
    """How many pairs of two entities ``edges`` link, a pair counted once whatever the
    kinds and directions of its edges (a pair that called each other both ways is 2 edges
    and 1 tie): what the undirected measures (density, degree) count. A self-loop (an
    entity linked to itself, e.g. once resolution merged both ends of a link) is no tie:
    the measures' simple graph (``EntityGraph.view``) leaves it out, see :func:`loop_count`.

    Examples:
        >>> tie_count(pd.DataFrame({"src": ["a", "b", "a", "c"], "dst": ["b", "a", "c", "c"]}))
        2
    """
    if edges.empty:
        return 0
    src = edges["src"].astype(str).to_numpy()
    dst = edges["dst"].astype(str).to_numpy()
    apart = src != dst
    lo, hi = np.minimum(src[apart], dst[apart]), np.maximum(src[apart], dst[apart])
    return len(pd.MultiIndex.from_arrays([lo, hi]).unique())


def loop_count(edges: pd.DataFrame) -> int:
    """How many of ``edges`` link an entity to itself (self-loops): drawn on maps and
    written by exports, but no tie, so no measure counts them.

    Examples:
        >>> loop_count(pd.DataFrame({"src": ["a", "c", "c"], "dst": ["b", "c", "c"]}))
        2
    """
    if edges.empty:
        return 0
    return int((edges["src"].astype(str).to_numpy() == edges["dst"].astype(str).to_numpy()).sum())


def edges_said(edges: int, ties: int | None, loops: int = 0) -> str:
    """ "58 edges (57 ties)": edges (one per pair of entities, link kind and direction)
    and, when they differ, the ties (pairs of two entities linked, counted once) the
    measures count, and the self-loops (edges of an entity to itself), which are no tie.

    Examples:
        >>> edges_said(58, 57), edges_said(3, 3), edges_said(1, 1)
        ('58 edges (57 ties)', '3 edges', '1 edge')
        >>> edges_said(5, 3, loops=1)
        '5 edges (3 ties; 1 self-loop, an entity linked to itself, is no tie)'
    """
    said = counted(edges, "edge")
    if ties is None or (ties == edges and not loops):
        return said
    tied = counted(ties, "tie")
    if not loops:
        return f"{said} ({tied})"
    which = "1 self-loop, an entity linked to itself, is no tie" if loops == 1 else (
        f"{loops:,} self-loops, entities linked to themselves, are no ties"
    )  # fmt: skip
    return f"{said} ({tied}; {which})"


def graph_edges_said(graph: EntityGraph) -> str:
    """:func:`edges_said` of ``graph``: its edges, ties and self-loops.

    Examples:
        >>> nodes = pd.DataFrame({"type": ["person"] * 2}, index=pd.Index(["a", "b"]))
        >>> edges = pd.DataFrame({"src": ["a", "b", "a"], "dst": ["b", "a", "a"],
        ...                       "kind": "called", "weight": 1.0, "directed": True})
        >>> graph_edges_said(EntityGraph(nodes=nodes, edges=edges))
        '3 edges (1 tie; 1 self-loop, an entity linked to itself, is no tie)'
    """
    return edges_said(len(graph.edges), graph.tie_count, graph.loop_count)


def _assemble(
    nodes: pd.DataFrame,
    edges: pd.DataFrame,
    *,
    positions: tuple[np.ndarray, np.ndarray] | None = None,
    case: Case | None = None,
) -> EntityGraph:
    """An EntityGraph of the two tables; ``positions`` are the vertex positions of each
    edge's src and dst when the caller already knows them; ``case`` the case it is (a
    view of) the graph of."""
    edges = edges.reset_index(drop=True)
    if positions is None:
        s = nodes.index.get_indexer(edges["src"])
        t = nodes.index.get_indexer(edges["dst"])
        if len(edges) and (s.min() < 0 or t.min() < 0):
            raise ValueError("every edge's src and dst must be an entity of the nodes table")
    else:
        s, t = positions
    out = EntityGraph(nodes=nodes, edges=edges, case=case)
    # Prime the cached codes: the positions are known.
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
        return _assemble(nodes, edges, case=graph.case)
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
    out["currency"] = ""
    return _assemble(nodes, out[[*EDGE_COLUMNS, "via"]], case=graph.case)


def toy_graph() -> EntityGraph:
    """A four-person chain ben – ana – cy – dan, for examples and doctests."""
    import networkx as nx

    g = nx.Graph()
    for name in ("ana", "ben", "cy", "dan"):
        g.add_node(f"e:{name}", label=name.capitalize(), type="person")
    g.add_edges_from([("e:ana", "e:ben"), ("e:ana", "e:cy"), ("e:cy", "e:dan")])
    return EntityGraph.from_networkx(g)


def toy_two_mode() -> EntityGraph:
    """Three persons and the phones and address they use, for projection examples.

    ana, ben and cy all use phone ph1; ana and ben also use ph2; ben and cy live at a1.
    """
    import networkx as nx

    g = nx.Graph()
    for name in ("ana", "ben", "cy"):
        g.add_node(f"e:{name}", label=name.capitalize(), type="person")
    g.add_nodes_from(["e:ph1", "e:ph2"], type="phone")
    g.add_node("e:a1", type="address")
    g.add_edges_from([("e:ana", "e:ph1"), ("e:ben", "e:ph1"), ("e:cy", "e:ph1"),
                      ("e:ana", "e:ph2"), ("e:ben", "e:ph2")], kind="uses_phone")  # fmt: skip
    g.add_edges_from([("e:ben", "e:a1"), ("e:cy", "e:a1")], kind="lives_at")
    return EntityGraph.from_networkx(g)
