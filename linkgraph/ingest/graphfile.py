"""GEXF and GraphML import (networkx's readers), i2 ANX charts (:mod:`.anx`) and Maltego
graphs (:mod:`.maltego`): nodes become mentions, edges links.

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
import numpy as np
import pandas as pd

from linkgraph.errors import InputError
from linkgraph.ingest import normalize
from linkgraph.ingest._columns import parse_times
from linkgraph.ingest.mapping import Mapping
from linkgraph.model import stable_id
from linkgraph.schema import ENTITY_TYPES, IDENTIFIER_FIELDS, canonical_role
from linkgraph.text import fold_name

_NODE_FIELDS = ("label", "type", "role", "country", "nationality", "dob", "sex")


class _GexfReader(nx.readwrite.gexf.GEXFReader):
    """networkx's GEXF reader, also knowing GEXF 1.3's ``dateTime`` time format."""

    def construct_types(self) -> None:
        super().construct_types()
        self.python_type["dateTime"] = str


def _read(path: Path, fmt: str, default_kind: str) -> nx.Graph:
    if fmt == "anx":
        from linkgraph.ingest.anx import read_anx

        return read_anx(path, default_kind)
    if fmt == "mtgx":
        from linkgraph.ingest.maltego import read_mtgx

        return read_mtgx(path, default_kind)
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


#: Node attributes that fill a mention's field, each read as ingest reads the column.
_VALUE_FIELDS = ("country", "nationality", "dob", "sex")


def _normalised(
    field: str,
    value: str,
    mapping: Mapping,
    rec: dict[str, Any],
    rejects: list[dict[str, Any]],
    source: str,
    row: int,
) -> str:
    """``value`` read as the ``field`` column of a table is (a phone in the mapping's
    region); one that cannot be is kept as written, flagged and reported as a value-level
    reject, as in a table."""
    try:
        if field == "phone":
            out = normalize.phone(value, mapping.region)
        else:
            out = normalize.FIELD_READERS.get(field, normalize.text)(value)
    except ValueError:
        out = None
        rec["flags"] = ";".join(f for f in (rec.get("flags"), f"{field}_invalid") if f)
        rejects.append({"source": source, "row": row, "column": field,
                        "reason": f"{field}_invalid", "value": value[:200],
                        "level": "value"})  # fmt: skip
    return out or value


def _value(v: Any) -> Any:
    return v if isinstance(v, (str, int, float, bool)) or v is None else str(v)


def read_graph_file(
    path: Path, fmt: str, mapping: Mapping, *, agency: str | None
) -> tuple[pd.DataFrame, pd.DataFrame, list[dict[str, Any]], int]:
    """``(mentions, links, rejects, rows read)`` of a GEXF, GraphML, ANX or MTGX file."""
    default_type = mapping.network.node_type if mapping.network else "person"
    default_kind = mapping.network.kind if mapping.network else "contacted"
    g = _read(path, fmt, default_kind)
    source = path.name
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
        rec: dict[str, Any] = {
            "mention_id": mid, "type": etype, "slot": "node", "label": label,
            "role": canonical_role(data.get("role") or None),
            "attrs": json.dumps({"node_id": str(node), **extra}, ensure_ascii=False,
                                sort_keys=True, default=str),
            "source": source, "agency": agency, "row": row, "flags": None,
        }  # fmt: skip
        if etype in ("person", "organisation"):
            rec["name"] = label
            rec["name_latin"] = fold_name(label) or None
        key = IDENTIFIER_FIELDS.get(etype)
        values = {f: data.get(f) for f in _VALUE_FIELDS if data.get(f) not in (None, "")}
        if key is not None:
            values[key] = label
        for field, value in values.items():
            rec[field] = _normalised(field, str(value), mapping, rec, rejects, source, row)
        if key is not None:
            rec["identifier"] = rec[key]
        mentions.append(rec)
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
    for text in g.graph.get("unlinked", []):
        row += 1
        rejects.append({"source": source, "row": row, "column": None,
                        "reason": "link_end_missing", "value": str(text)[:200],
                        "level": "row"})  # fmt: skip
    m = pd.DataFrame(mentions)
    if len(m):
        from linkgraph.ingest.build import fill_identifier_countries

        m = fill_identifier_countries(m)
    lk = pd.DataFrame(links)
    if "time" in lk:
        # As a table's times are read: without an offset, in the mapping's timezone (an
        # i2 chart's dates are local time); one that cannot be read is reported.
        written = lk["time"].astype("string")
        times, failed = parse_times(
            written, dayfirst=mapping.dayfirst is not False, timezone=mapping.timezone
        )
        lk["time"] = times.to_numpy()
        for i in np.flatnonzero(failed.to_numpy(bool)):
            rejects.append({"source": source, "row": int(lk["row"].iloc[i]), "column": "time",
                            "reason": "time_invalid", "value": str(written.iloc[i])[:200],
                            "level": "value"})  # fmt: skip
    return m, lk, rejects, row
