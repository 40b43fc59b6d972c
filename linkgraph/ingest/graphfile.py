"""GEXF and GraphML import (networkx's readers): nodes become mentions, edges links.

So a Gephi user (or anyone with a GEXF / GraphML file, ours included) can bring a graph in.
A node's ``type``, ``label``, ``role`` and ``country`` attributes are used when present (the
type must be a linkgraph entity type, else the mapping's ``network.node_type``); other
attributes are kept in ``attrs``. An edge's ``kind`` attribute names its link kind (else the
mapping's ``network.kind``); with GEXF spells, each spell is one link at its start time.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from linkgraph.errors import InputError
from linkgraph.ingest.mapping import Mapping
from linkgraph.model import stable_id
from linkgraph.schema import ENTITY_TYPES

_NODE_FIELDS = ("label", "type", "role", "country")


class _GexfReader(nx.readwrite.gexf.GEXFReader):
    """networkx's GEXF reader, also knowing GEXF 1.3's ``dateTime`` time format."""

    def construct_types(self) -> None:
        super().construct_types()
        self.python_type["dateTime"] = str


def _read(path: Path, fmt: str) -> nx.Graph:
    try:
        if fmt == "graphml":
            return nx.read_graphml(path, force_multigraph=True)
        head = path.read_bytes()[:2000].decode("utf-8", "replace")
        match = re.search(r"gexf\.net/(1\.3|1\.2draft|1\.1draft)", head)
        version = match.group(1) if match else "1.2draft"
        return _GexfReader(node_type=None, version=version)(path)
    except (nx.NetworkXError, SyntaxError, ValueError, KeyError) as exc:
        raise InputError(
            f"not a readable {fmt.upper()} file: {exc}",
            source=path.name,
            hint=f"check that it is {fmt.upper()} (Gephi: File > Export > Graph file)",
        ) from exc


def _value(v: Any) -> Any:
    return v if isinstance(v, (str, int, float, bool)) or v is None else str(v)


def read_graph_file(
    path: Path, fmt: str, mapping: Mapping, *, agency: str | None
) -> tuple[pd.DataFrame, pd.DataFrame, list[dict[str, Any]], int]:
    """``(mentions, links, rejects, rows read)`` of a GEXF or GraphML file."""
    g = _read(path, fmt)
    source = path.name
    default_type = mapping.network.node_type if mapping.network else "person"
    default_kind = mapping.network.kind if mapping.network else "contacted"
    rejects: list[dict[str, Any]] = []
    mention_of: dict[Any, str] = {}
    mentions = []
    for row, (node, data) in enumerate(g.nodes(data=True), start=1):
        etype = str(data.get("type") or "")
        if etype not in ENTITY_TYPES:
            if etype:
                rejects.append({"source": source, "row": row, "column": "type",
                                "reason": "unknown_entity_type", "value": etype[:200],
                                "level": "value"})  # fmt: skip
            etype = default_type
        label = str(data.get("label") or node)
        mid = stable_id("m", source, row, "node", 0)
        mention_of[node] = mid
        extra = {k: _value(v) for k, v in data.items() if k not in _NODE_FIELDS and k != "id"}
        mentions.append(
            {"mention_id": mid, "type": etype, "slot": "node", "label": label,
             "name": label if etype in ("person", "organisation") else None,
             "identifier": label if ENTITY_TYPES[etype].identifier else None,
             "role": data.get("role") or None, "country": data.get("country") or None,
             "attrs": json.dumps({"node_id": str(node), **extra}, ensure_ascii=False,
                                 sort_keys=True, default=str),
             "source": source, "agency": agency, "row": row}
        )  # fmt: skip
    links = []
    seen_undirected: set[tuple[str, str, str]] = set()
    row = g.number_of_nodes()
    edges = g.edges(keys=True, data=True) if g.is_multigraph() else g.edges(data=True)
    for edge in edges:
        row += 1
        u, v, data = edge[0], edge[1], edge[-1]
        kind = str(data.get("kind") or default_kind)
        src, dst = mention_of[u], mention_of[v]
        if data.get("directed") is False or data.get("type") == "mutual":
            key = (min(src, dst), max(src, dst), kind)
            if key in seen_undirected:
                continue  # a mutual edge read back as one edge each way
            seen_undirected.add(key)
        times = [s[0] for s in data.get("spells") or [] if s and s[0]]
        if not times:
            times = [data.get("first") or data.get("start") or None]
        weight = float(data.get("weight", 1.0) or 1.0)
        amount = data.get("amount")
        for k, when in enumerate(times):
            links.append(
                {"link_id": stable_id("l", source, row, k), "src": src, "dst": dst,
                 "kind": kind, "time": when, "weight": weight / len(times),
                 "amount": float(amount) / len(times) if amount not in (None, "") else None,
                 "source": source, "agency": agency, "row": row}
            )  # fmt: skip
    m = pd.DataFrame(mentions)
    lk = pd.DataFrame(links)
    if "time" in lk:
        lk["time"] = pd.to_datetime(lk["time"], utc=True, errors="coerce", format="mixed")
    return m, lk, rejects, row
