"""EntityGraph: the resolved case as a graph on python-igraph; networkx interop."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd

from linkgraph.model import Case
from linkgraph.schema import link_kind

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
        are of those entity types (vertices stay, so ids still line up).
        """
        e = self.edges
        if kinds is not None:
            e = e[e["kind"].isin(list(kinds))]
        pos = pd.Series(np.arange(len(self.nodes)), index=self.nodes.index)
        s = pos.reindex(e["src"]).to_numpy()
        t = pos.reindex(e["dst"]).to_numpy()
        w = e["weight"].to_numpy(dtype=float) if weighted else np.ones(len(e))
        if types is not None:
            keep_type = self.nodes["type"].isin(list(types)).to_numpy()
            mask = keep_type[s] & keep_type[t]
            s, t, w = s[mask], t[mask], w[mask]
            und = e["directed"].to_numpy()[mask] == False  # noqa: E712
        else:
            und = e["directed"].to_numpy() == False  # noqa: E712
        if directed:
            s0, t0 = s, t
            s = np.concatenate([s0, t0[und]])
            t = np.concatenate([t0, s0[und]])
            w = np.concatenate([w, w[und]])
        else:
            s, t = np.minimum(s, t), np.maximum(s, t)
        frame = pd.DataFrame({"s": s, "t": t, "w": w})
        frame = frame[frame["s"] != frame["t"]]
        frame = frame.groupby(["s", "t"], sort=True, as_index=False)["w"].sum()
        if not weighted:
            frame["w"] = 1.0
        g = ig.Graph(
            n=len(self.nodes),
            edges=list(zip(frame["s"].tolist(), frame["t"].tolist(), strict=True)),
            directed=directed,
        )
        g.vs["name"] = self.nodes.index.tolist()
        g.es["weight"] = frame["w"].tolist()
        return g

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
            "label": grouped["label"].agg(_mode_text),
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
    pos = pd.Series(np.arange(len(nodes)), index=nodes.index)
    s = pos.reindex(edges["src"]).to_numpy()
    t = pos.reindex(edges["dst"]).to_numpy()
    g = ig.Graph(n=len(nodes), edges=list(zip(s.tolist(), t.tolist(), strict=True)), directed=True)
    g.vs["name"] = nodes.index.tolist()
    g.vs["type"] = nodes["type"].tolist()
    g.es["kind"] = edges["kind"].tolist()
    g.es["weight"] = edges["weight"].astype(float).tolist()
    return EntityGraph(nodes=nodes, edges=edges.reset_index(drop=True), graph=g)


def toy_graph() -> EntityGraph:
    """A four-person chain ben – ana – cy – dan, for examples and doctests."""
    g = nx.Graph()
    for name in ("ana", "ben", "cy", "dan"):
        g.add_node(f"e:{name}", label=name.capitalize(), type="person")
    g.add_edges_from([("e:ana", "e:ben"), ("e:ana", "e:cy"), ("e:cy", "e:dan")])
    return EntityGraph.from_networkx(g)
