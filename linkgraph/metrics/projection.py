"""One-mode projections that keep contacts between the shared items: two persons whose
phones called each other are linked, as an analyst reads a call-detail record."""

from __future__ import annotations

import itertools
import json
from collections.abc import Sequence

import numpy as np
import pandas as pd

from linkgraph.graph import PROJECT_VIA, EntityGraph, _assemble, project


def project_contacts(
    graph: EntityGraph, *, onto: str = "person", via: Sequence[str] = PROJECT_VIA
) -> EntityGraph:
    """``project`` (shared items) plus the contacts between the items of two entities.

    A link between two ``via`` items (a call or message from phone A to phone B, a
    payment from account A to account B) becomes a link of the same kind between every
    ``onto`` member of A and every member of B: person - phone - phone - person calls
    become person - person ties, with the direction, count, weight and time span of the
    calls. Shared items give ``shares_<type>`` edges as in ``project``.

    Returns:
        EntityGraph of every ``onto`` entity; edges of ``project`` plus one edge per
        (member pair, kind) with ``via`` holding the item pairs (``"A>B"``) behind it.

    Examples:
        >>> import networkx as nx
        >>> g = nx.DiGraph()
        >>> g.add_nodes_from(["ana", "ben"], type="person")
        >>> g.add_nodes_from(["ph1", "ph2"], type="phone")
        >>> g.add_edges_from([("ana", "ph1"), ("ben", "ph2")], kind="uses_phone")
        >>> g.add_edge("ph1", "ph2", kind="called", weight=3.0)
        >>> p = project_contacts(EntityGraph.from_networkx(g), via=["phone"])
        >>> p.edges[["src", "dst", "kind", "weight", "via"]]  # doctest: +NORMALIZE_WHITESPACE
           src  dst    kind  weight            via
        0  ana  ben  called     3.0  ["ph1>ph2"]
    """
    base = project(graph, onto=onto, via=via)
    types = graph.nodes["type"].astype(str)
    e = graph.edges
    st = types.reindex(e["src"]).to_numpy()
    dt = types.reindex(e["dst"]).to_numpy()
    fwd = (st == onto) & np.isin(dt, list(via))
    bwd = (dt == onto) & np.isin(st, list(via))
    member = pd.concat(
        [
            pd.DataFrame({"item": e["dst"][fwd], "member": e["src"][fwd]}),
            pd.DataFrame({"item": e["src"][bwd], "member": e["dst"][bwd]}),
        ],
        ignore_index=True,
    ).drop_duplicates()
    between = np.isin(st, list(via)) & np.isin(dt, list(via)) & (e["src"] != e["dst"]).to_numpy()
    calls = e[between]
    if calls.empty or member.empty:
        return base
    cols = ["kind", "directed", "count", "weight", "amount", "currency", "first", "last", "rows"]
    pairs = calls[["src", "dst", *cols]].merge(
        member.rename(columns={"item": "src", "member": "a"}), on="src"
    )
    pairs = pairs.merge(member.rename(columns={"item": "dst", "member": "b"}), on="dst")
    pairs = pairs[pairs["a"] != pairs["b"]]
    if pairs.empty:
        return base
    pairs["via"] = pairs["src"].astype(str) + ">" + pairs["dst"].astype(str)
    swap = (~pairs["directed"].astype(bool)) & (pairs["a"] > pairs["b"])
    pairs.loc[swap, ["a", "b"]] = pairs.loc[swap, ["b", "a"]].to_numpy()
    pairs["rows"] = [json.loads(r) if isinstance(r, str) else [] for r in pairs["rows"]]
    out = (
        pairs.groupby(["a", "b", "kind", "directed"], sort=True)
        .agg(
            count=("count", "sum"),
            weight=("weight", "sum"),
            amount=("amount", lambda a: a.sum(min_count=1)),
            currency=("currency", _one_currency),
            first=("first", "min"),
            last=("last", "max"),
            rows=("rows", lambda r: json.dumps(sorted(set(itertools.chain.from_iterable(r))))),
            via=("via", lambda v: json.dumps(sorted(set(v)))),
        )
        .reset_index()
        .rename(columns={"a": "src", "b": "dst"})
    )
    out.loc[out["currency"] == "mixed", "amount"] = np.nan  # never one sum across currencies
    edges = pd.concat([base.edges, out[list(base.edges.columns)]], ignore_index=True)
    return _assemble(base.nodes, edges, case=base.case)


def _one_currency(currencies: pd.Series) -> str:
    """The currency of edges joined into one ("mixed" for several, "" for none)."""
    found = {str(c) for c in currencies if isinstance(c, str) and c}
    return found.pop() if len(found) == 1 else ("mixed" if found else "")
