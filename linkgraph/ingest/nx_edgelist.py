"""networkx's edge list with data, as ``nx.write_edgelist(G, path)`` writes it.

Each line is two node labels and the edge's attributes as a Python dict::

    ana bogdan {'weight': 3.0, 'kind': 'paid'}
    bogdan cris {}

The dict is read as networkx's own ``parse_edgelist`` reads it, with
:func:`ast.literal_eval` (never ``eval``: a file is hostile input), one line at a time so
that a line networkx would refuse is a reject naming its row, not the end of the file.
Each key becomes an edge attribute: ``weight`` (or a name the loose edge names know:
``Gewicht``, ``calls``) the weight, ``kind`` (or ``type``, ``label``) the link kind as a
graph file's edge names it (:func:`linkgraph.ingest.graphfile.edge_kind`), a time key the
contact's time; every other key is kept in the link's attrs and, as ``group_by`` columns
do, keeps rows of one pair with different values apart. The rows then go through the same
combining, direction and node rules as any edge list (:mod:`linkgraph.ingest.network`).
"""

from __future__ import annotations

import ast
import collections.abc
import json
import re
from typing import Any

import numpy as np
import pandas as pd

from linkgraph.ingest.mapping import NetworkSpec

#: A line of ``nx.write_edgelist``: two node labels, then (optionally) a dict of data.
_LINE = re.compile(r"^\s*(\S+)\s+(\S+)(?:\s+(\{.*\}))?\s*$")
#: Lines sampled to recognise the file.
_SAMPLE_LINES = 200
_SAMPLE_CHARS = 100_000


def is_networkx_edgelist(text: str) -> bool:
    """Whether the first non-comment lines of a text are networkx edge-list lines with
    data (``a b {'weight': 3}``): every one two labels and, on one at least, a dict."""
    from linkgraph.ingest.network import _is_comment

    head = text[:_SAMPLE_CHARS]
    lines = head.split("\n")
    if len(head) < len(text):
        lines = lines[:-1]  # a cut last line
    sample = [ln for ln in lines if ln.strip() and not _is_comment(ln)][:_SAMPLE_LINES]
    matches = [_LINE.match(ln) for ln in sample]
    return bool(sample) and all(matches) and any(m and m.group(3) for m in matches)


def line_parts(line: str) -> tuple[str, str, str | None] | None:
    """A networkx edge-list line's two node labels and its dict's text (None when it has
    none); None for a line of another shape."""
    match = _LINE.match(line)
    return None if match is None else (match.group(1), match.group(2), match.group(3))


def edge_data(written: str) -> dict[str, Any] | None:
    """The attributes of a line's dict text, as networkx reads them (``literal_eval``);
    None when the text is no Python dict literal.

    Examples:
        >>> edge_data("{'weight': 3.0, 'kind': 'paid'}")
        {'weight': 3.0, 'kind': 'paid'}
        >>> edge_data("{'weight': __import__('os')}") is None
        True
    """
    try:
        value = ast.literal_eval(written)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return None
    if not isinstance(value, dict):
        return None
    return {str(k): v for k, v in value.items()}


def _text(value: Any) -> str:
    """An attribute's value as text (a list or dict as JSON)."""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple, dict, set)):
        return json.dumps(value if not isinstance(value, set) else sorted(value, key=str),
                          ensure_ascii=False, default=str)  # fmt: skip
    return str(value)


class _Rows(collections.abc.Mapping[int, str]):
    """Row number -> the row as JSON (source, target and its attributes), made when asked."""

    def __init__(self) -> None:
        self.rows: dict[int, tuple[str, str, dict[str, Any]]] = {}

    def __getitem__(self, n: int) -> str:
        u, v, data = self.rows[n]
        return json.dumps(
            {"source": u, "target": v, **{k: _text(x) for k, x in data.items()}},
            ensure_ascii=False,
        )

    def __iter__(self) -> collections.abc.Iterator[int]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


def networkx_edges(
    text: str, source: str, spec: NetworkSpec, rejects: list[dict[str, Any]]
) -> tuple[pd.DataFrame, collections.abc.Mapping[int, str], int]:
    """``(edges, raw rows, rows read)`` of a networkx edge list with data: the edge table
    :func:`linkgraph.ingest.network.read_network` combines (``kind`` per row, a
    ``group:KEY`` column per other attribute)."""
    from linkgraph.ingest._graph_names import edge_fields
    from linkgraph.ingest.network import _is_comment, _reject, _weight

    lines = [ln for ln in text.split("\n") if ln.strip()]
    while lines and _is_comment(lines[0]):
        lines.pop(0)
    parsed = _Rows()
    out: dict[str, list[Any]] = {"src": [], "dst": [], "weight": [], "time": [], "row": [],
                                 "kind": []}  # fmt: skip
    extra: dict[str, dict[int, str]] = {}
    kinds = _Kinds(spec)
    memo: dict[str, dict[str, Any] | None] = {}
    for n, line in enumerate(lines, start=1):
        if _is_comment(line):
            rejects.append(_reject(source, n, None, "comment_line", line, "row"))
            continue
        match = _LINE.match(line)
        if match is None:
            rejects.append(_reject(source, n, None, "edge_line_invalid", line, "row"))
            continue
        u, v, written = match.groups()
        data = memo.setdefault(written, edge_data(written)) if written else {}
        if data is None:
            rejects.append(_reject(source, n, "data", "edge_data_invalid", written, "value"))
            data = {}
        parsed.rows[n] = (u, v, data)
        fields = edge_fields(data)
        weight_text = _text(fields["weight"][1]).strip() if "weight" in fields else ""
        w = _weight(weight_text)
        if w and float(w) < 0:  # a negative tie: not read, as in a plain edge list
            rejects.append(
                _reject(source, n, fields["weight"][0], "weight_invalid", weight_text, "row")
            )
            continue
        if w is None:
            rejects.append(
                _reject(source, n, fields["weight"][0], "weight_invalid", weight_text, "value")
            )
        out["src"].append(u)
        out["dst"].append(v)
        out["weight"].append(float(w) if w else np.nan)
        out["time"].append(_text(fields["time"][1]) if "time" in fields else None)
        out["row"].append(n)
        out["kind"].append(kinds.of(fields.get("kind")))
        used = {name for role, (name, _) in fields.items() if role in ("weight", "time", "kind")}
        for key, value in data.items():
            if key not in used:
                extra.setdefault(key, {})[len(out["row"]) - 1] = _text(value)
    edges = pd.DataFrame(out)
    edges["undirected"] = not spec.directed
    for key, values in extra.items():
        column = [""] * len(edges)
        for i, value in values.items():
            column[i] = value
        edges[f"group:{key}"] = column
    edges.attrs["nodes"] = {}
    edges.attrs["roles"] = {}
    return edges, parsed, len(lines)


class _Kinds:
    """The link kind of each edge's kind attribute, once per distinct value."""

    def __init__(self, spec: NetworkSpec) -> None:
        self.spec = spec
        self.found: dict[tuple[str, str], str] = {}

    def of(self, field: tuple[str, Any] | None) -> str:
        from linkgraph.ingest.graphfile import edge_kind

        if field is None:
            return self.spec.kind
        key = (field[0], _text(field[1]))
        if key not in self.found:
            src_type = self.spec.node_type
            dst_type = self.spec.target_type or src_type
            self.found[key] = edge_kind(key, self.spec.kind, src_type, dst_type)[0]
        return self.found[key]
