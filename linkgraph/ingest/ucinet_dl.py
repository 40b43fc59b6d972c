"""UCINET DL files (``.dl``), the text format of UCINET's datasets, read into a networkx
graph for :func:`~linkgraph.ingest.graphfile.read_graph_file`.

A header ``dl n=4 format=fullmatrix`` (keys ``n``, or ``nr`` and ``nc`` for a two-mode
network, ``nm`` matrices, ``format``; ``diagonal absent``; ``labels embedded``), then
sections: ``labels:`` (or ``row labels:`` and ``column labels:``, ``matrix labels:``) and
``data:``. Formats read: ``fullmatrix`` (rows of numbers, or with the labels embedded, the
column labels first), ``edgelist1`` (``a b [value]`` per line, by number or, embedded, by
label) and ``nodelist1`` (a node and the nodes it ties to); ``edgelist2`` and ``nodelist2``
for two-mode data. Each non-zero cell is an edge with its value as ``weight``; a one-mode
network whose every matrix is symmetric is an undirected graph (one edge per pair), else a
directed one; with several matrices, each edge's ``kind`` is its matrix's label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import numpy as np

from linkgraph.errors import InputError

_SECTION = re.compile(
    r"^[ \t]*(row[ \t]+labels|col(?:umn)?[ \t]+labels|matrix[ \t]+labels|labels|data)[ \t]*:",
    re.IGNORECASE | re.MULTILINE,
)
_KEY_VALUE = re.compile(r"\b(nr|nc|nm|n|format)\s*=\s*([\w.]+)", re.IGNORECASE)
_FORMATS = {"fullmatrix": "fullmatrix", "fm": "fullmatrix", "edgelist1": "edgelist1",
            "el1": "edgelist1", "nodelist1": "nodelist1", "nl1": "nodelist1",
            "edgelist2": "edgelist2", "el2": "edgelist2", "nodelist2": "nodelist2",
            "nl2": "nodelist2"}  # fmt: skip
_HINT = (
    "a UCINET DL file starts `dl n=4 format=fullmatrix` (or edgelist1, nodelist1), then"
    " `labels:` and `data:` sections; or export the network from UCINET as a full matrix"
)


@dataclass
class _Header:
    """What a DL file's header and sections say."""

    rows: int = 0
    cols: int = 0
    matrices: int = 1
    fmt: str = "fullmatrix"
    two_mode: bool = False
    size_line: int = 1
    diagonal: bool = True
    embedded: bool = False
    row_labels: list[str] = field(default_factory=list)
    col_labels: list[str] = field(default_factory=list)
    matrix_labels: list[str] = field(default_factory=list)


def read_dl(path: Path) -> nx.MultiGraph | nx.MultiDiGraph:
    """The network of a UCINET DL file (see the module's description).

    Raises:
        InputError: naming the file (and line) for a file that is no DL file, a format not
            read, or data that does not fit its header.
    """
    from linkgraph.ingest.readers import detect_encoding

    text = path.read_text(encoding=detect_encoding(path, None), errors="replace")
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    header, data, data_line = _parse(text, path.name)
    if header.fmt == "fullmatrix":
        cells = _matrix_cells(data, data_line, header, path.name)
    else:
        cells = _list_cells(data, data_line, header, path.name)
    return _graph(cells, header)


def _fail(message: str, source: str, line: int | None = None) -> InputError:
    return InputError(f"not a readable UCINET DL file: {message}", source=source, row=line,
                      hint=_HINT)  # fmt: skip


def _parse(text: str, source: str) -> tuple[_Header, str, int]:
    """The header, the text of the data section and the line it starts on."""
    if not re.match(r"\s*dl\b", text, re.IGNORECASE):
        raise _fail("it does not start with `dl`", source, 1)
    sections = list(_SECTION.finditer(text))
    head_text = text[: sections[0].start()] if sections else text
    header = _header(head_text, source)
    data, data_line = None, 0
    for i, match in enumerate(sections):
        end = sections[i + 1].start() if i + 1 < len(sections) else len(text)
        body = text[match.end() : end]
        name = re.sub(r"\s+", " ", match.group(1).lower())
        if name == "data":
            data, data_line = body, text.count("\n", 0, match.end()) + 1
        elif name == "labels":
            header.row_labels = _labels(body, header.rows)
            header.col_labels = header.row_labels
        elif name == "row labels":
            header.row_labels = _labels(body, header.rows)
        elif name == "matrix labels":
            header.matrix_labels = _labels(body, header.matrices)
        else:
            header.col_labels = _labels(body, header.cols)
    if data is None:
        raise _fail("it has no `data:` section", source)
    _check_sizes(header, len(text), len(data), source)
    for labels, count in ((header.row_labels, header.rows), (header.col_labels, header.cols)):
        if labels and len(labels) != count:
            raise _fail(f"{len(labels)} labels for {count} nodes", source)
    return header, data, data_line


#: Nodes a header may declare beyond one per character of its file (an edge list's isolated
#: nodes take no line): more is a damaged or hostile header, refused before any is made.
_SPARE_NODES = 10_000


def _check_sizes(header: _Header, text_size: int, data_size: int, source: str) -> None:
    """Refuse a header whose sizes the file cannot hold (``n=100000000`` over one tie), so
    that no node or matrix is made for them."""
    limit = text_size + _SPARE_NODES
    for key, count in (("nr", header.rows), ("nc", header.cols)):
        if count > limit:
            key = key if header.two_mode else "n"
            raise _fail(
                f"its header declares {key}={count} nodes, more than a file of {text_size}"
                f" characters can hold (at most {limit}); correct {key}= to the number of"
                " nodes",
                source,
                header.size_line,
            )
    if header.fmt == "fullmatrix":
        width = header.cols - (0 if header.diagonal or header.two_mode else 1)
        values = header.matrices * header.rows * width
        if values > data_size:
            raise _fail(
                f"its header declares {header.matrices} matrix(es) of {header.rows} rows of"
                f" {width} values ({values} values), more than its data section's"
                f" {data_size} characters hold; correct n= (or nr=, nc=, nm=)",
                source,
                header.size_line,
            )


def _header(text: str, source: str) -> _Header:
    """The header's sizes, format and flags."""
    found = list(_KEY_VALUE.finditer(text))
    values = {m.group(1).lower(): m.group(2).lower() for m in found}
    header = _Header()
    sizes = [m.start() for m in found if m.group(1).lower() in ("n", "nr", "nc", "nm")]
    header.size_line = text.count("\n", 0, sizes[0]) + 1 if sizes else 1
    try:
        header.rows = int(values.get("nr", values.get("n", "0")))
        header.cols = int(values.get("nc", values.get("n", "0")))
        header.matrices = int(values.get("nm", "1"))
    except ValueError as exc:
        raise _fail(f"a size that is no number ({exc})", source, 1) from exc
    if header.rows <= 0 or header.cols <= 0:
        raise _fail("its header gives no size (n=, or nr= and nc=)", source, 1)
    header.two_mode = "n" not in values
    written = values.get("format", "fullmatrix")
    if written not in _FORMATS:
        raise InputError(
            f"UCINET DL format {written!r} is not read (fullmatrix, edgelist1, nodelist1,"
            " edgelist2, nodelist2 are)",
            source=source,
            hint="save it from UCINET as a full matrix (format=fullmatrix)",
        )
    header.fmt = _FORMATS[written]
    header.diagonal = not re.search(r"diagonal\s*=?\s*absent", text, re.IGNORECASE)
    header.embedded = bool(re.search(r"labels\s+embedded", text, re.IGNORECASE))
    return header


def _labels(body: str, expected: int) -> list[str]:
    """A labels section's labels: one a line or comma-separated (labels may hold spaces),
    else separated by spaces as UCINET also writes them; quotes removed."""
    items = [item.strip().strip("\"'") for item in re.split(r"[,\n]", body)]
    items = [item for item in items if item]
    if len(items) != expected:
        words = [w.strip("\"'") for w in re.findall(r'"[^"]*"|\S+', body.replace(",", " "))]
        if len(words) == expected:
            return words
    return items


def _tokens(line: str) -> list[str]:
    """A data line's cells: separated by spaces or commas, a quoted one may hold spaces."""
    return [c.strip("\"'") for c in re.findall(r'"[^"]*"|[^\s,]+', line)]


def _numbers(cells: list[str], source: str, line: int) -> list[float]:
    try:
        return [float(c) for c in cells]
    except ValueError as exc:
        raise _fail(f"a value that is no number ({exc})", source, line) from exc


#: The cells of a network: (matrix, row node, column node) -> value.
Cells = dict[tuple[int, str, str], float]


def _matrix_cells(data: str, line0: int, header: _Header, source: str) -> Cells:
    """The non-zero cells of ``nm`` full matrices, by the nodes' labels."""
    lines = [(line0 + i, _tokens(ln)) for i, ln in enumerate(data.split("\n")) if ln.strip()]
    lines = [(n, cells) for n, cells in lines if cells[0] != "!"]
    rows, cols = _node_names(header)
    width = header.cols - (0 if header.diagonal or header.two_mode else 1)
    cells: Cells = {}
    at = 0
    for m in range(header.matrices):
        if header.embedded:
            if at >= len(lines):
                raise _fail(f"matrix {m + 1} is missing", source)
            cols = lines[at][1]
            at += 1
        for i in range(header.rows):
            if at >= len(lines):
                raise _fail(f"matrix {m + 1} has {i} of its {header.rows} rows", source)
            number, written = lines[at]
            at += 1
            if header.embedded:
                rows[i], written = written[0], written[1:]
            if len(written) != width:
                raise _fail(f"{len(written)} values in a row of {width}", source, number)
            values = _numbers(written, source, number)
            if width < header.cols:
                values.insert(i, 0.0)  # diagonal absent
            for j in np.flatnonzero(values):
                cells[(m, rows[i], cols[j])] = values[j]
    if header.embedded:
        header.row_labels, header.col_labels = rows, cols
    return cells


def _node_names(header: _Header) -> tuple[list[str], list[str]]:
    """The row and column nodes' names: their labels, else their numbers."""
    rows = list(header.row_labels) or [str(i + 1) for i in range(header.rows)]
    cols = list(header.col_labels) or [str(j + 1) for j in range(header.cols)]
    if not header.two_mode:
        cols = rows if not header.col_labels else cols
    return rows, cols


def _list_cells(data: str, line0: int, header: _Header, source: str) -> Cells:
    """The ties of an edge list (``a b [value]``) or node list (``a b c ...``)."""
    rows, cols = _node_names(header)
    cells: Cells = {}
    matrix = 0
    for number, text in enumerate(data.split("\n"), start=line0):
        written = _tokens(text)
        if not written:
            continue
        if written[0] == "!":
            matrix += 1
            continue
        if len(written) < 2:
            raise _fail("a tie line with one node", source, number)
        a = _node(written[0], rows, header.embedded, source, number)
        if header.fmt.startswith("edgelist"):
            ends = [(written[1], _numbers(written[2:3], source, number) or [1.0])]
        else:
            ends = [(b, [1.0]) for b in written[1:]]
        for b_written, (value,) in ends:
            b = _node(b_written, cols, header.embedded, source, number)
            key = (matrix, a, b)
            cells[key] = cells.get(key, 0.0) + value
    return {k: v for k, v in cells.items() if v}


def _node(written: str, names: list[str], embedded: bool, source: str, line: int) -> str:
    """A node of a list: its label (embedded, or not a number), else the label of its
    number (1-based)."""
    if embedded or not written.isdigit():
        return written
    index = int(written)
    if not 1 <= index <= len(names):
        raise _fail(f"node {index} is outside 1..{len(names)}", source, line)
    return names[index - 1]


def _graph(cells: Cells, header: _Header) -> nx.MultiGraph | nx.MultiDiGraph:
    """The graph of the cells: undirected when one-mode and symmetric, nodes labelled."""
    symmetric = not header.two_mode and all(
        cells.get((m, b, a)) == value for (m, a, b), value in cells.items()
    )
    g: nx.MultiGraph | nx.MultiDiGraph = nx.MultiGraph() if symmetric else nx.MultiDiGraph()
    if header.two_mode:
        g.graph["two_mode"] = True
    if header.row_labels or not header.embedded:  # embedded in a list: the ties' nodes
        rows, cols = _node_names(header)
        for name in rows:
            g.add_node(_key(name, "row", header), label=name)
        for name in cols:
            g.add_node(_key(name, "column", header), label=name)
    for (m, a, b), value in cells.items():
        if symmetric and (a, b) > (b, a):
            continue  # one edge per pair
        data: dict[str, object] = {"weight": value}
        if header.matrices > 1:
            data["kind"] = header.matrix_labels[m] if m < len(header.matrix_labels) else f"{m + 1}"
        u, v = _key(a, "row", header), _key(b, "column", header)
        for node, name in ((u, a), (v, b)):
            if node not in g:
                g.add_node(node, label=name)
        g.add_edge(u, v, **data)
    return g


def _key(name: str, mode: str, header: _Header) -> str:
    """A node's key: its name; in a two-mode network, its mode too (a row and a column of
    one name are two nodes)."""
    return f"{mode}:{name}" if header.two_mode else name
