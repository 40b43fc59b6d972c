"""Network files as researchers publish them: edge lists and UCINET-style adjacency matrices.

In a network file a node label is an identity: each distinct label of a file becomes one
mention (its row is the first data row where the label appears; its id is a hash of the
file name, type and label), and each node pair one link whose weight combines the pair's
rows by the mapping's rule (``sum``, ``max``, ``first`` or ``count``). Rows with a time are
combined only with rows of the same pair *and* time, so every dated contact stays a link
of its own and time windows can count contacts inside them.

Two-mode files (``network.target_type``, e.g. persons x summits) make targets, or the
columns of a matrix, entities of that type. A symmetric matrix (an undirected network
stored both ways) gives one undirected link per pair, not two. Nodes without links are
kept: labels that only head a matrix column, edge-list rows with one node and no partner,
and every label of a node list (``network.nodes``).
"""

from __future__ import annotations

import collections.abc
import csv
import io
import json
import logging
import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from linkgraph.errors import InputError
from linkgraph.ingest import normalize
from linkgraph.ingest._columns import header_key, infer_dayfirst, json_objects, parse_times
from linkgraph.ingest._graph_names import name_key
from linkgraph.ingest.config import IngestConfig
from linkgraph.ingest.mapping import Mapping, NetworkSpec
from linkgraph.ingest.readers import detect_encoding
from linkgraph.model import stable_id
from linkgraph.schema import link_kind
from linkgraph.text import fold_name

log = logging.getLogger(__name__)

#: Column names of a node list's label column (first present wins; else the first column).
_NODE_COLUMNS = ("name", "id", "node", "label", "vertex", "actor")

_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")


def read_network(
    path: Path, fmt: str, mapping: Mapping, *, agency: str | None, config: IngestConfig
) -> tuple[pd.DataFrame, pd.DataFrame, list[dict[str, Any]], int]:
    """``(mentions, links, rejects, rows read)`` of an edge list or an adjacency matrix."""
    if path.stat().st_size == 0:
        raise InputError("the file is empty", source=path.name, hint="export it again")
    spec = mapping.network or NetworkSpec()
    enc = detect_encoding(path, mapping.encoding)
    try:
        text = path.read_text(encoding=enc)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"cannot decode bytes as {enc}",
            source=path.name,
            hint="set `encoding:` in the mapping (e.g. cp1252, latin-1, utf-16)",
        ) from exc
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if not text.strip():
        raise InputError("the file holds no rows", source=path.name, hint="export it again")
    _refuse_pajek(text, path.name)
    rejects: list[dict[str, Any]] = []
    if fmt == "matrix":
        edges, raw_rows, rows = _matrix_edges(text, path.name, mapping, rejects)
    else:
        edges, raw_rows, rows = _edgelist_edges(text, path.name, mapping, spec, rejects)
    if spec.nodes:
        listed = _node_list(path.parent / spec.nodes, path.name, mapping)
        edges.attrs["nodes"] = {**dict.fromkeys(listed, 0), **edges.attrs.get("nodes", {})}
    mentions, links = _network_tables(edges, raw_rows, path.name, mapping, spec, agency, rejects)
    return mentions, links, rejects, rows


def _weight(written: str) -> str | None:
    """A weight as a number's text ("" when none is written), read as an amount column
    is when not a plain number ("1,5", "1.234,5"); None when it cannot be read."""
    if not written or _NUMBER.match(written):
        return written
    try:
        return normalize.amount(written)
    except ValueError:
        return None


def _refuse_pajek(text: str, source: str) -> None:
    """A Pajek network (``*Vertices``, ``*Arcs``) is no edge list: its section lines would
    become persons and its vertex lines edges. Refused, with the preset that reads it."""
    from linkgraph.ingest.readers import looks_like_pajek

    if looks_like_pajek(text):
        raise InputError(
            "a Pajek network file (*Vertices, *Arcs, *Edges), not an edge list or a matrix",
            source=source,
            hint=f"read it with its own preset: linkgraph ingest {source} --preset pajek -o case/",
        )


def _reject(
    source: str, row: int, column: str | None, reason: str, value: str, level: str
) -> dict[str, Any]:
    return {"source": source, "row": row, "column": column, "reason": reason,
            "value": value[:200], "level": level}  # fmt: skip


def _is_comment(line: str) -> bool:
    return line.lstrip().startswith(("#", "%"))


def _split_lines(text: str, delimiter: str | None) -> tuple[list[list[str]], str]:
    """The file's records. Comment lines (``#``, ``%``) before the first record are a
    preamble and left out; later ones stay as records, which the caller rejects as
    ``comment_line`` so that every row is accounted for."""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    while lines and _is_comment(lines[0]):
        lines.pop(0)
    if not lines:
        return [], delimiter or ","
    if delimiter is None:
        first = lines[0]
        delimiter = next((d for d in (",", "\t", ";", "|") if d in first), " ")
    if delimiter in (" ", "whitespace", "\\s+"):
        return [ln.split() for ln in lines], " "
    sep = "\t" if delimiter in ("\\t", "tab") else delimiter
    return [
        [c.strip() for c in r] for r in csv.reader(io.StringIO("\n".join(lines)), delimiter=sep)
    ], sep


def _position(
    wanted: tuple[str, ...] | int | None, header: list[str] | None, default: int | None, width: int
) -> int | None:
    if isinstance(wanted, int):
        return wanted if wanted < width else None
    if wanted is not None and header is not None:
        keys = [header_key(h) for h in header]
        folded = [name_key(h) for h in header]  # "Джерело" -> dzherelo, "Ağırlık" -> agirlik
        for name in wanted:
            if header_key(name) in keys:
                return keys.index(header_key(name))
        for name in wanted:
            if name_key(name) in folded:
                return folded.index(name_key(name))
        return None
    return default if default is not None and default < width else None


def _edgelist_edges(
    text: str, source: str, mapping: Mapping, spec: NetworkSpec, rejects: list[dict[str, Any]]
) -> tuple[pd.DataFrame, collections.abc.Mapping[int, str], int]:
    records, _sep = _split_lines(text, mapping.delimiter)
    if not records:
        raise InputError("the edge list has no rows", source=source, hint="export it again")
    first = records[0]
    if mapping.header is not None:
        has_header = mapping.header
    else:
        # A header is a first line whose weight-like cells are not numbers while the
        # second line's are, or one that names the mapped columns.
        names = {name_key(n) for w in (spec.source, spec.target) if isinstance(w, tuple) for n in w}
        second = records[1] if len(records) > 1 else first
        has_header = any(name_key(c) in names for c in first) or (
            len(first) >= 3
            and not _NUMBER.match(first[2])
            and bool(_NUMBER.match(second[2] if len(second) > 2 else ""))
        )
    header = [c or f"column_{i + 1}" for i, c in enumerate(first)] if has_header else None
    data = records[1:] if has_header else records
    width = max(len(r) for r in data) if data else len(first)
    if header is None:
        header = [f"column_{i + 1}" for i in range(width)]
    # Rows wider than the header (an unquoted comma in a name) keep their extra cells
    # under column_N names; they are flagged ragged_row below.
    header = header + [f"column_{i + 1}" for i in range(len(header), width)]
    src = _position(spec.source, header if has_header else None, 0, width)
    dst = _position(spec.target, header if has_header else None, 1, width)
    if src is None or dst is None:
        missing = spec.source if src is None else spec.target
        raise InputError(
            "the edge list has no source/target column",
            source=source,
            column=str(missing[0] if isinstance(missing, tuple) else missing),
            hint=f"the file has columns {', '.join(header)}; name them in a mapping (a preset"
            " cannot be edited): `format: edgelist` and `network: {source: COLUMN, target:"
            " COLUMN}` (docs/mapping.md)",
        )
    weight = _position(
        spec.weight,
        header if has_header else None,
        2 if width > 2 and not has_header else None,
        width,
    )
    time = _position(spec.time, header if has_header else None, None, width)
    group_pos = [_position((g,), header, None, width) for g in spec.group_by]
    if any(g is None for g in group_pos):
        raise InputError(
            "a network.group_by column is missing",
            source=source,
            column=spec.group_by[group_pos.index(None)],
            hint=f"the file has columns {', '.join(header)}",
        )
    out: dict[str, list[Any]] = {"src": [], "dst": [], "weight": [], "time": [], "row": []}
    groups: list[list[str]] = [[] for _ in group_pos]
    # A row's JSON is only needed for the rows where a node first appears (its mention's
    # raw): written on demand, not for each of millions of edges.
    raw_rows = _RowJSON(header, data, width)
    isolates: dict[str, int] = {}
    for n, rec in enumerate(data, start=1):
        if rec and _is_comment(rec[0]):
            rejects.append(_reject(source, n, None, "comment_line", ",".join(rec), "row"))
            continue
        cells = (rec + [""] * width)[:width]
        if len(rec) > width:
            rejects.append(_reject(source, n, None, "ragged_row", f"{len(rec)} fields", "value"))
        a, b = cells[src].strip(), cells[dst].strip()
        if not a and not b:
            rejects.append(_reject(source, n, header[src], "missing_node", ",".join(cells), "row"))
            continue
        if not a or not b:
            # One node and no partner: an isolate, as UCINET/Pajek edge lists write them.
            isolates.setdefault(a or b, n)
            raw_rows.kept.add(n)
            continue
        raw_rows.kept.add(n)
        out["src"].append(a)
        out["dst"].append(b)
        written_weight = cells[weight].strip() if weight is not None else ""
        w = _weight(written_weight)
        if w is None:
            column = header[weight] if weight is not None else None
            rejects.append(_reject(source, n, column, "weight_invalid", written_weight, "value"))
            w = ""
        out["weight"].append(float(w) if w else np.nan)
        out["time"].append(cells[time] if time is not None else None)
        out["row"].append(n)
        for g, pos in zip(groups, group_pos, strict=True):
            g.append(cells[pos])  # type: ignore[index]
    edges = pd.DataFrame(out)
    for name, values in zip(spec.group_by, groups, strict=True):
        edges[f"group:{name}"] = values
    if weight is None:
        edges["weight"] = 1.0
    edges.attrs["nodes"] = isolates
    return edges, raw_rows, len(data)


class _RowJSON(collections.abc.Mapping[int, str]):
    """Row number (1-based, of ``data``) -> the row as a JSON object of header: cell,
    computed when asked; only rows in ``kept`` (those that made an edge or a node)."""

    def __init__(self, header: list[str], data: list[list[str]], width: int) -> None:
        self.header, self.data, self.width = header, data, width
        self.kept: set[int] = set()

    def __getitem__(self, n: int) -> str:
        if n not in self.kept:
            raise KeyError(n)
        cells = (self.data[n - 1] + [""] * self.width)[: self.width]
        return json.dumps(dict(zip(self.header, cells, strict=True)), ensure_ascii=False)

    def __iter__(self) -> collections.abc.Iterator[int]:
        return iter(sorted(self.kept))

    def __len__(self) -> int:
        return len(self.kept)


def _node_list(path: Path, source: str, mapping: Mapping) -> list[str]:
    """The labels of a node list file (``network.nodes``), in file order."""
    if not path.is_file():
        raise InputError(
            f"the node list {path.name} does not exist",
            source=source,
            hint=f"network.nodes is read relative to the network file's folder ({path.parent})",
        )
    text = path.read_text(encoding=detect_encoding(path, mapping.encoding))
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    records, _sep = _split_lines(text, mapping.delimiter)
    records = [r for r in records if not (r and _is_comment(r[0]))]
    if not records:
        return []
    keys = [header_key(c) for c in records[0]]
    col = next((keys.index(k) for k in _NODE_COLUMNS if k in keys), None)
    body = records[1:] if col is not None or not _NUMBER.match(records[0][0]) else records
    col = 0 if col is None else col
    labels = [r[col].strip() for r in body if len(r) > col and r[col].strip()]
    return list(dict.fromkeys(labels))


def _matrix_edges(
    text: str, source: str, mapping: Mapping, rejects: list[dict[str, Any]]
) -> tuple[pd.DataFrame, dict[int, str], int]:
    records, _sep = _split_lines(text, mapping.delimiter)
    records = [r for r in records if not (r and _is_comment(r[0]))]
    if not records:
        raise InputError("the file has no rows", source=source, hint="export it again")
    header = records[0]
    labels = [c.strip() for c in header[1:]]
    if not labels:
        raise InputError(
            "the matrix has no header row of node labels",
            source=source,
            hint="the first row must be: corner cell, then one label per column",
        )
    corner = header[0] or "node"
    out: dict[str, list[Any]] = {"src": [], "dst": [], "weight": [], "time": [], "row": []}
    raw_rows: dict[int, str] = {}
    row_labels: dict[str, int] = {}
    for n, rec in enumerate(records[1:], start=1):
        label = rec[0].strip()
        cells = rec[1:]
        if not label:
            rejects.append(_reject(source, n, corner, "missing_node", ",".join(rec)[:200], "row"))
            continue
        if len(cells) != len(labels):
            rejects.append(
                _reject(
                    source,
                    n,
                    None,
                    "ragged_row",
                    f"{len(cells)} cells, header has {len(labels)}",
                    "value",
                )
            )
            cells = (cells + [""] * len(labels))[: len(labels)]
        row_labels.setdefault(label, n)
        raw_rows[n] = json.dumps(
            dict(zip([corner, *labels], [label, *cells], strict=True)), ensure_ascii=False
        )
        for j, cell in enumerate(cells):
            c = cell.strip()
            if not c or c in ("0", "0.0"):
                continue
            if not _NUMBER.match(c):
                rejects.append(_reject(source, n, labels[j], "weight_invalid", c, "value"))
                continue
            w = float(c)
            if w == 0:
                continue
            out["src"].append(label)
            out["dst"].append(labels[j])
            out["weight"].append(w)
            out["time"].append(None)
            out["row"].append(n)
    edges = pd.DataFrame(out)
    two_mode = mapping.network is not None and mapping.network.target_type is not None
    if two_mode:
        # Rows and columns are different kinds of nodes: both are listed, row labels first.
        edges.attrs["nodes"] = dict(row_labels)
        edges.attrs["target_nodes"] = dict.fromkeys(labels, 0)
    else:
        # Labels that only head a column still become nodes (row 0: the header row).
        edges.attrs["nodes"] = {**dict.fromkeys(labels, 0), **row_labels}
        edges.attrs["symmetric"] = _is_symmetric(edges, labels, list(row_labels))
    return edges, raw_rows, len(records) - 1


def _is_symmetric(edges: pd.DataFrame, cols: list[str], rows: list[str]) -> bool:
    """Whether a square matrix holds every tie both ways with the same value."""
    if sorted(cols) != sorted(rows) or edges.empty:
        return False
    fwd = dict(zip(zip(edges["src"], edges["dst"], strict=True), edges["weight"], strict=True))
    return all(fwd.get((b, a)) == w for (a, b), w in fwd.items())


def _network_tables(
    edges: pd.DataFrame,
    raw_rows: collections.abc.Mapping[int, str],
    source: str,
    mapping: Mapping,
    spec: NetworkSpec,
    agency: str | None,
    rejects: list[dict[str, Any]],
) -> tuple[pd.DataFrame, pd.DataFrame]:
    prefix = spec.node_prefix
    src_type = spec.node_type
    dst_type = spec.target_type or spec.node_type
    # Nodes: first appearance of each (type, label), as a source (slot "source") or target.
    first: dict[tuple[str, str], tuple[int, str]] = {}
    for lab, row in (edges.attrs.get("nodes") or {}).items():
        first[(src_type, lab)] = (row, "node")
    for lab, row in (edges.attrs.get("target_nodes") or {}).items():
        first[(dst_type, lab)] = (row, "node")
    for a, b, r in zip(edges["src"], edges["dst"], edges["row"], strict=True):
        first.setdefault((src_type, a), (r, "source"))
        first.setdefault((dst_type, b), (r, "target"))
    keys = list(first)
    # A label is an identity within its type: the id does not depend on rows or order.
    ids = {key: stable_id("m", source, key[0], key[1]) for key in keys}
    names = [prefix + lab for _, lab in keys]
    types = [t for t, _ in keys]
    mentions = pd.DataFrame(
        {
            "mention_id": [ids[key] for key in keys],
            "type": types,
            "slot": [first[key][1] for key in keys],
            "label": names,
            "name": names,
            "name_latin": [fold_name(n) or None for n in names],
            "identifier": [
                n if t not in ("person", "organisation") else None
                for n, t in zip(names, types, strict=True)
            ],
            "raw": [raw_rows.get(first[key][0], json.dumps({"label": key[1]})) for key in keys],
            "source": source,
            "agency": agency,
            "row": pd.array([first[key][0] for key in keys], dtype="Int64"),
        }
    )
    if edges.empty:
        return mentions, pd.DataFrame()
    symmetric = bool(edges.attrs.get("symmetric"))
    loops = edges["src"] == edges["dst"]
    for r, lab in zip(edges.loc[loops, "row"], edges.loc[loops, "src"], strict=True):
        rejects.append(_reject(source, int(r), None, "self_loop", lab, "value"))
    edges = edges[~loops].copy()
    kind = spec.kind
    if symmetric:
        # An undirected network written both ways: one undirected link per pair.
        edges = edges[(edges["src"] < edges["dst"]).to_numpy()].copy()
        log.info("%s: symmetric matrix, one undirected link per pair", source)
    if (symmetric or not spec.directed) and spec.target_type is None and link_kind(kind).directed:
        kind = "associate"  # an undirected tie between two nodes
    if not spec.directed and spec.target_type is None:
        swap = edges["src"] > edges["dst"]
        edges.loc[swap, ["src", "dst"]] = edges.loc[swap, ["dst", "src"]].to_numpy()
    group_cols = [c for c in edges.columns if c.startswith("group:")]
    keys = [*group_cols, "src", "dst"]
    if edges["time"].notna().any():
        # Dated contacts stay apart: a window must see each one at its own time.
        edges["time"] = edges["time"].fillna("")
        keys.append("time")
    grouped = edges.groupby(keys, sort=False, dropna=False)
    rule = spec.combine
    weight = {
        "sum": grouped["weight"].sum(min_count=1),
        "max": grouped["weight"].max(),
        "first": grouped["weight"].first(),
        "last": grouped["weight"].last(),
        "count": grouped["weight"].size().astype("float64"),
    }[rule]
    if "time" in keys:
        combined = grouped.agg(row=("row", "min"), rows=("row", "size"))
    else:
        combined = grouped.agg(row=("row", "min"), rows=("row", "size"), time=("time", "first"))
    combined["weight"] = weight
    combined = combined.reset_index()
    if "time" in keys:
        combined["time"] = combined["time"].replace("", None)
    repeated = int((combined["rows"] > 1).sum())
    src_ids = pd.Series([ids[(src_type, a)] for a in combined["src"]], dtype=object)
    dst_ids = pd.Series([ids[(dst_type, b)] for b in combined["dst"]], dtype=object)
    group_values = [combined[c].astype(str) for c in group_cols]
    if "time" in keys:
        group_values.append(combined["time"].fillna("").astype(str))
    link_ids = [
        stable_id("l", s, d, kind, *g)
        for s, d, *g in zip(src_ids, dst_ids, *group_values, strict=True)
    ]
    attrs_cols: dict[str, pd.Series] = {
        c.removeprefix("group:"): combined[c].astype("string") for c in group_cols
    }
    attrs_cols["rows"] = combined["rows"].astype("string")
    links = pd.DataFrame(
        {
            "link_id": link_ids,
            "src": src_ids,
            "dst": dst_ids,
            "kind": kind,
            "weight": combined["weight"].astype("float64"),
            "attrs": json_objects(attrs_cols, n=len(combined)).to_numpy(),
            "source": source,
            "agency": agency,
            "row": pd.array(combined["row"], dtype="Int64"),
        }
    )
    if combined["time"].notna().any():
        written = combined["time"].astype("string")
        # As a table's dates: the mapping's order, else the column's ("13.03.2024" says
        # day first, so "12.03.2024" beside it is 12 March), else day first.
        dayfirst = mapping.dayfirst
        if dayfirst is None:
            dayfirst = infer_dayfirst(written) is not False
        times, failed = parse_times(
            written, dayfirst=dayfirst, timezone=mapping.timezone, buddhist=mapping.buddhist_era
        )
        links["time"] = times
        for r, v in zip(combined.loc[failed, "row"], combined.loc[failed, "time"], strict=True):
            rejects.append(_reject(source, int(r), None, "time_invalid", str(v), "value"))
    links.attrs["repeated_pairs"] = repeated
    return mentions, links
