"""GraphML export (networkx's writer): typed entity attributes, measures and communities,
link kinds and weights; read by networkx, igraph, Gephi, yEd and Cytoscape."""

from __future__ import annotations

import io
import json
from pathlib import Path

import networkx as nx

from linkgraph._io import atomic_write
from linkgraph.export._data import ExportData, iso
from linkgraph.export._graphs import XML_SHOWN, XmlText, column_kind, graph_losses, present
from linkgraph.export.loss import LossReport

DIRECTORY = False
NODE_ATTRS = ("label", "type", "role", "victim", "country", "mentions", "sources", "agencies",
              "source_rows")  # fmt: skip
_PY = {"bool": bool, "int": int, "float": float, "str": str}


def _records(frame, names, text: XmlText):
    casts = [_PY[column_kind(frame[n])] for n in names]
    for row in frame[list(names)].itertuples(index=False, name=None):
        yield {
            n: (text(v) if cast is str else cast(v))
            for n, v, cast in zip(names, row, casts, strict=True)
            if present(v)
        }


def edge_ids(edges, text: XmlText) -> list[str]:
    """Each edge's GraphML ``id``, unique in the file: ``kind:src:dst`` (one edge per pair
    and kind), ``#2`` ... after one that ids holding ':' would make equal. networkx writes
    a multigraph's edge key as the edge's id and Gephi keeps only the first edge of an id:
    the kind alone as key left Gephi one edge per kind."""
    seen: dict[str, int] = {}
    out = []
    for s, d, k in zip(edges["src"], edges["dst"], edges["kind"], strict=True):
        key = text(f"{k}:{s}:{d}")
        n = seen[key] = seen.get(key, 0) + 1
        out.append(key if n == 1 else f"{key}#{n}")
    return out


def write(data: ExportData, path: Path, report: LossReport) -> None:
    """Write ``path`` as GraphML: a directed multigraph, one edge per (pair, kind)."""
    text = XmlText()
    ents = data.entities
    names = NODE_ATTRS + data.measures
    g = nx.MultiDiGraph()
    g.graph["provenance"] = json.dumps(data.provenance(), ensure_ascii=False, sort_keys=True)
    if data.victims_named:
        g.graph["warning"] = data.victims_statement()
    g.add_nodes_from(zip(ents["entity_id"].map(text), _records(ents, names, text), strict=True))
    edges = data.edges.rename(columns={"rows": "source_rows"}).copy()
    edges["first"] = [iso(v) or "" for v in edges["first"]]
    edges["last"] = [iso(v) or "" for v in edges["last"]]
    edges["times"] = [json.dumps([iso(t) for t in ts]) for ts in data.edge_times]
    edge_names = ("kind", "directed", "count", "weight", "amount", "currency", "first", "last",
                  "times", "source_rows")  # fmt: skip
    g.add_edges_from(
        (text(s), text(d), key, attrs)
        for s, d, key, attrs in zip(
            edges["src"], edges["dst"], edge_ids(edges, text), _records(edges, edge_names, text),
            strict=True,
        )
    )  # fmt: skip
    # networkx's lxml writer keeps its output open until garbage-collected: one that fails
    # writing (a full disk, ``ulimit -f``) is left half-open and crashes the interpreter
    # (a segfault) when collected. It writes to memory, which cannot fail so; the file is
    # ours, written and closed here.
    buffer = io.BytesIO()
    nx.write_graphml(g, buffer, encoding="utf-8", prettyprint=True, named_key_ids=True)
    with atomic_write(path, "wb") as fh:
        fh.write(buffer.getbuffer())
    del buffer
    report.files.append(path.name)
    report.counts.update(entities=g.number_of_nodes(), edges=g.number_of_edges())
    graph_losses(data, report)
    report.lose(
        XML_SHOWN,
        text.changed,
        "control characters other than tab, line feed and carriage return.",
    )
    report.note(
        "GraphML has no time type: each edge's first/last are ISO 8601 UTC text and its link "
        "times a JSON list in 'times'. Every edge is directed; 'directed' says whether its kind is."
    )
    report.note(
        "Provenance: the inputs (file, agency, rows) in the graph's 'provenance'; agencies and "
        "source_rows (JSON list of source:row) on every node, source_rows on every edge."
    )
