"""`linkgraph mapping suggest` for network files: adjacency matrices and edge lists.

A researcher's network file names no entity columns, so the table proposals of
:mod:`linkgraph.ingest.suggest` find nothing in it (or a list of persons with no links).
This module recognises the two shapes :mod:`linkgraph.ingest.network` reads and drafts the
mapping that reads them:

- an **adjacency matrix**: a header row of labels, a first column of labels, numbers in
  every other cell. Row and column labels (nearly) the same set: one network (directed,
  unless every tie is written both ways); different sets: a two-mode (affiliation) matrix.
- an **edge list**: two columns whose headers the ``edgelist`` preset knows (``source``,
  ``target``, ...), or a headerless file of two columns of ids or names (a third one of
  numbers: the weight).

Each draft's header comment says what was detected and why. Files of any other shape give
None, and the table proposals go on.
"""

from __future__ import annotations

import collections
import itertools
import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from linkgraph.ingest.network import (
    _NUMBER,
    NodeList,
    _is_comment,
    _position,
    _split_lines,
)

#: Bytes of a file sampled for the detection (a whole matrix of some 1,500 nodes).
_SAMPLE_BYTES = 8_000_000
#: Share of the smaller of the row and column label sets that the other holds for one
#: network (and the shared labels are half of the larger set at least: "0 1 2" over rows
#: of ids is an edge list's first row, not a header of two nodes).
_SAME_LABELS = 0.8
#: At most this share of shared labels for a two-mode matrix (rows and columns apart).
_TWO_MODE_SHARED = 0.2
#: Columns a two-mode matrix has at least (fewer: a table of a few numeric fields).
_TWO_MODE_COLUMNS = 3
#: Share of rows and cells that must fit a shape (the rest are rejects at ingest).
_FIT = 0.95
#: Pairs an edge list has at least before its smaller-first order says "undirected".
_ORDERED_PAIRS = 10
#: Headers of a table of money, contacts or documents, not of a network's ties.
_TABLE_FIELDS = frozenset(
    {"account", "amount", "credit", "currency", "debit", "phone", "email", "cell", "dob",
     "sex", "nationality", "postcode", "plate", "document", "doc_type", "address"}
)  # fmt: skip
#: Node labels a country network has at least, and the share of them that are countries.
_COUNTRY_NODES = 3
_COUNTRY_SHARE = 0.9
#: Width of the draft's comment lines.
_COMMENT_WIDTH = 86
#: Words a table's header has at most (longer ones are labels).
_HEADER_WORDS = 3
#: A phone number, separators left out: with its country code ("+44...", "0044..."), written
#: nationally with a trunk "0" ("07911 123456", "(0161) 496 0123"), or of 10 to 15 digits.
_PHONE = re.compile(r"^(\+|00)\d{7,}$|^0\d{8,12}$|^\d{10,15}$")
#: The separators a phone number is written with: spaces, dashes, dots, brackets, "/".
_PHONE_SEPARATORS = re.compile(r"[\s\-./()]")
#: A number as a spreadsheet shows a long one ("4.47712E+11"): a phone number, never an id.
_SCIENTIFIC = re.compile(r"^\d(?:[.,]\d+)?[eE]\+\d{1,2}$")
_IBAN = re.compile(r"^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$")
_INTEGER = re.compile(r"^[+-]?\d+$")
_DIRECTIONS = frozenset({"directed", "undirected", "mutual"})
_ROLE_HEADER = re.compile(r"(^|_)(role|rolle|rol)(_|$)")
#: Unix times (seconds) from 1973 to 2096: a column of them is a time, not a weight.
_UNIX_SECONDS = (100_000_000, 4_000_000_000)
#: Words of a node list's file name (``nodes.csv``, ``gephi_vertices.csv``).
_NODE_LIST_NAME = re.compile(
    r"(^|[_\-. ])(nodes?|vertices|vertex|labels?|actors?|class(?:es)?)([_\-. ]|$)", re.I
)
#: Values a column naming each row's graph (phase, layer) has at most.
_GRAPHS_MOST = 50
#: Words of an edge list's file name (``gang_edges.csv``).
_EDGE_LIST_NAME = re.compile(r"(^|[_\-. ])(edges?|edgelist|links?|arcs?)([_\-. ]|$)", re.I)
#: Share of the edge list's nodes a node list must hold to be taken as its node list.
_NODE_LIST_COVER = 0.95
_NODE_LIST_SUFFIXES = (".csv", ".tsv", ".txt", ".dat")
_NODE_LIST_MAX_BYTES = 20_000_000
_NODE_LIST_CANDIDATES = 50


@dataclass
class NetworkDraft:
    """A drafted network mapping: the YAML's keys and the comment lines that explain it."""

    data: dict[str, Any]
    notes: list[str] = field(default_factory=list)
    nodes: set[str] = field(default_factory=set)  # an edge list's node labels (sampled)
    roles: bool = False  # a role column is mapped: the victims are protected
    # A two-mode node list: per type other than node_type, how many nodes its column
    # (``mode_column``: igraph's ``type`` flag, a column of type words) gives that type.
    modes: dict[str, int] = field(default_factory=dict)
    mode_column: str | None = None


def suggest_network(path: Path, region: str | None = None) -> str | None:
    """A commented mapping YAML for ``path`` when it is an adjacency matrix or an edge
    list (see the module's docstring), else None; ``region`` (--region) reads labels
    written as its national phone numbers as phones: a call table, not a network."""
    from linkgraph.errors import InputError
    from linkgraph.ingest.archive import readable_file
    from linkgraph.ingest.readers import guess_format

    try:
        readable = readable_file(path)
        if guess_format(readable) not in ("csv", "tsv", "edgelist"):
            return None
    except InputError:
        return None  # the table proposals say what is wrong with it

    text = _sample_text(readable)
    records = _records(text)
    draft = _networkx_draft(text)
    if draft is None and len(records) >= 2:
        draft = _matrix_draft(records, region) or _edgelist_draft(records, region)
    if draft is None:
        return None
    if draft.data["format"] == "edgelist" and readable == path:
        _add_node_list(draft, path)
    return _written(path, draft)


def _sample_records(path: Path) -> list[list[str]]:
    """The first records of a text file, split as the network reader splits them (comment
    lines left out); [] for a file that is not text or is a Pajek network."""
    return _records(_sample_text(path))


def _sample_text(path: Path) -> str:
    """The first lines of a text file as the network reader sees them; "" for a file that
    is not text or is a Pajek network."""
    from linkgraph.errors import InputError
    from linkgraph.ingest.readers import detect_encoding, looks_like_pajek

    try:
        enc = detect_encoding(path)
        with open(path, encoding=enc, errors="replace", newline="") as fh:
            text = fh.read(_SAMPLE_BYTES)
    except (InputError, OSError, LookupError):
        return ""
    truncated = len(text) == _SAMPLE_BYTES
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if truncated:
        text = text[: text.rfind("\n")]  # a cut last line is no record
    if not text.strip() or looks_like_pajek(text):
        return ""
    return text


def _records(text: str) -> list[list[str]]:
    """The records of a sampled text, comment lines left out."""
    from linkgraph.errors import InputError

    if not text:
        return []
    try:
        records, _sep = _split_lines(text, None)
    except InputError:
        return []  # a quote left open: no network; the table proposals read it as ingest does
    return [r for r in records if r and not _is_comment(r[0])]


# -- networkx's edge list with data ---------------------------------------------------------


def _networkx_draft(text: str) -> NetworkDraft | None:
    """The draft for networkx's ``write_edgelist`` with data (``a b {'weight': 3}``): the
    ``edgelist`` format reads the dicts (:mod:`linkgraph.ingest.nx_edgelist`)."""
    from linkgraph.ingest._graph_names import edge_fields
    from linkgraph.ingest.nx_edgelist import edge_data, is_networkx_edgelist, line_parts

    if not text or not is_networkx_edgelist(text):
        return None
    pairs, weights, keys = [], [], {}
    for line in text.split("\n"):
        parts = None if _is_comment(line) else line_parts(line)
        if parts is None:
            continue
        u, v, written = parts
        data = (edge_data(written) if written else {}) or {}
        pairs.append((u, v))
        fields = edge_fields(data)
        weights.append(str(fields["weight"][1]) if "weight" in fields else "")
        roles = {name: role for role, (name, _) in fields.items()}
        for key in data:
            keys.setdefault(key, roles.get(key))
    said = {"weight": "the weight", "kind": "the link kind", "time": "the contact's time"}
    named = ", ".join(
        f"{key!r} ({said.get(role or '', 'kept in the link attrs')})" for key, role in keys.items()
    )
    notes = [
        "Detected: networkx's edge list with data (nx.write_edgelist): each line two node"
        " labels and a dict of the edge's attributes, read as networkx reads it."
        + (f" Keys: {named}." if named else ""),
        "An edge with no weight counts 1, as networkx and Gephi read it.",
    ]
    network: dict[str, Any] = {"source": 0, "target": 1}
    draft = NetworkDraft({"format": "edgelist", "header": False, "network": network}, notes)
    _direction(draft, pairs, weights)
    return draft


# -- adjacency matrices ---------------------------------------------------------------------


def _is_number(cell: str) -> bool:
    return bool(_NUMBER.match(cell))


def _matrix_draft(records: list[list[str]], region: str | None = None) -> NetworkDraft | None:
    """The draft for a matrix: a header row of labels over rows of a label and numbers."""
    header, body = records[0], records[1:]
    columns = [c.strip() for c in header[1:]]
    if len(columns) < 2 or len(body) < 2:
        return None
    if sum(len(r) == len(header) for r in body) < _FIT * len(body):
        return None
    cells = [c.strip() for r in body for c in r[1:] if c.strip()]
    if not cells or sum(map(_is_number, cells)) < _FIT * len(cells):
        return None
    rows = [r[0].strip() for r in body if r[0].strip()]
    if len(rows) < _FIT * len(body):
        return None
    row_set, column_set = set(rows), set(columns)
    if len(column_set) < _FIT * len(columns):
        return None  # repeated column labels: a first data row, not a header of nodes
    common = len(row_set & column_set)
    shared = common / min(len(row_set), len(column_set))
    values = {float(c) for c in cells if _is_number(c)}
    if shared >= _SAME_LABELS and common >= max(len(row_set), len(column_set)) / 2:
        return _one_mode_matrix(body, columns, row_set, column_set, values)
    if (
        shared <= _TWO_MODE_SHARED
        and _incidence(columns, cells, values)
        and not _field_columns(columns)
        and not _contact_values(rows, region)
    ):
        return _two_mode_matrix(rows, columns, values)
    return None


def _incidence(columns: list[str], cells: list[str], values: set[float]) -> bool:
    """Whether numbers under column labels other than the row labels read as a two-mode
    matrix: enough columns, no negative value, and 0/1 marks or mostly zeros (a table of
    numeric fields, "name, age, height", has neither)."""
    if len(columns) < _TWO_MODE_COLUMNS or min(values, default=0) < 0:
        return False
    zeros = sum(1 for c in cells if _is_number(c) and float(c) == 0)
    return values <= {0.0, 1.0} or zeros >= len(cells) / 2


def _values_note(values: set[float]) -> str:
    if values <= {0.0, 1.0}:
        return "cells 0/1 (a tie or none)"
    low, high = min(values), max(values)
    return f"cells weights from {low:g} to {high:g} (the link's weight; 0 or empty: no tie)"


def _one_mode_matrix(
    body: list[list[str]],
    columns: list[str],
    row_set: set[str],
    column_set: set[str],
    values: set[float],
) -> NetworkDraft:
    """A square (one-mode) matrix, directed unless every tie is written both ways."""
    notes = [
        f"Detected: an adjacency matrix (UCINET style): the header's {len(column_set)} labels"
        f" and the first column's {len(row_set)} labels are "
        + ("the same set" if row_set == column_set else "nearly the same set")
        + f", every other cell a number; {_values_note(values)}."
    ]
    only_rows, only_columns = sorted(row_set - column_set), sorted(column_set - row_set)
    if only_rows or only_columns:
        notes.append(
            f"Labels only in the first column: {_few(only_rows)}; only in the header:"
            f" {_few(only_columns)} (each is a node all the same)."
        )
    ties = _ties(body, columns)
    unmatched = sum(1 for (a, b), w in ties.items() if ties.get((b, a)) != w)
    # The draft's kind is the kind ingest writes, so that its key and comment agree.
    if row_set == column_set and ties and unmatched == 0:
        kind = "associate"
        notes.append(
            "Symmetric: every tie is written both ways with the same value, an undirected"
            " network: each pair gives one undirected link (kind associate)."
        )
    else:
        kind = "contacted"
        notes.append(
            f"Directed: {unmatched} of {len(ties)} ties have no equal mirror cell; row ="
            " sender, column = receiver: cell (i, j) is the link i -> j (kind contacted)."
            " For an undirected network written one way, add `directed: false` under network."
        )
    network = {"kind": kind, "node_type": "person", "combine": "sum"}
    return NetworkDraft({"format": "matrix", "network": network}, notes)


def _ties(body: list[list[str]], columns: list[str]) -> dict[tuple[str, str], float]:
    """(row label, column label) -> value of each non-zero cell."""
    ties: dict[tuple[str, str], float] = {}
    for rec in body:
        label = rec[0].strip()
        for column, cell in zip(columns, rec[1:], strict=False):
            c = cell.strip()
            if c and _is_number(c) and float(c) != 0:
                ties[(label, column)] = float(c)
    return ties


def _two_mode_matrix(rows: list[str], columns: list[str], values: set[float]) -> NetworkDraft:
    """A two-mode matrix (rows x columns of another kind): persons attending events."""
    notes = [
        f"Detected: a two-mode (affiliation) matrix: the first column's {len(set(rows))}"
        f" labels and the header's {len(columns)} labels are different sets, every other"
        f" cell a number; {_values_note(values)}.",
        "Drafted as persons (rows) that attended events (columns), as docs/mapping.md"
        " describes two-mode data: if the columns are something else, change target_type"
        " (e.g. organisation) and kind (e.g. member_of).",
        "Analyse the persons' co-attendance with: linkgraph analyze CASE --project-onto person",
    ]
    network = {"kind": "attended", "node_type": "person", "target_type": "event",
               "combine": "sum"}  # fmt: skip
    return NetworkDraft({"format": "matrix", "network": network}, notes)


# -- edge lists -----------------------------------------------------------------------------


def _edgelist_draft(records: list[list[str]], region: str | None = None) -> NetworkDraft | None:
    """The draft for an edge list with a header the preset knows, a two-mode list of
    persons and events, or an edge list with no header."""
    return (
        _headed_edgelist(records, region)
        or _two_mode_edgelist(records, region)
        or _headerless_edgelist(records, region)
    )


def _preset_columns() -> dict[str, Any]:
    from linkgraph.ingest.mapping import load_mapping

    spec = load_mapping("edgelist").network
    assert spec is not None  # the preset has a network block
    return {"source": spec.source, "target": spec.target, "weight": spec.weight,
            "time": spec.time}  # fmt: skip


def _headed_edgelist(records: list[list[str]], region: str | None = None) -> NetworkDraft | None:
    """Source and target columns named by the edgelist preset's headers."""
    header = [c.strip() for c in records[0]]
    body = records[1:]
    found = {role: _position(names, header, None, len(header))
             for role, names in _preset_columns().items()}  # fmt: skip
    src, dst = found["source"], found["target"]
    if src is None or dst is None:
        src, dst = _paired_columns(header, body)
        if src is not None and dst is not None and _person_register(header, src, dst):
            return None
    two_ids = src is None and _two_id_columns(header, body)
    if two_ids:
        src, dst = 0, 1
    if src is None or dst is None or src == dst:
        return None
    found.update(source=src, target=dst)  # named so, or a pair of alike names
    used = {p for p in found.values() if p is not None}
    others = [i for i in range(len(header)) if i not in used]
    if _table_headers([header[i] for i in others]):
        return None  # a payment or call table: the table proposals read it better
    nodes = _column(body, src) + _column(body, dst)
    if _contact_values(nodes, region):
        return None
    network: dict[str, Any] = {"source": header[src], "target": header[dst]}
    for role in ("weight", "time"):
        if found[role] is not None:
            network[role] = header[found[role]]
    named = ", ".join(f"{role} {header[p]!r}" for role, p in found.items() if p is not None)
    notes = [f"Detected: an edge list with a header: {named}."]
    if two_ids:
        notes.append(_two_ids_note(header, body))
    others = _role_and_direction_columns(network, header, body, others, notes)
    if found["weight"] is None:
        notes.append("No weight column: each row counts 1 (repeated pairs are summed).")
    graphs = _graph_column(body, src, dst, others)
    if graphs is not None:
        others.remove(graphs)
        notes.extend(_graphs_notes(network, header[graphs], _graph_pairs(body, src, dst, graphs)))
    if others:
        names = ", ".join(header[i] for i in others)
        notes.append(
            f"Columns not mapped: {names}. Repeated pairs are combined across them; to keep"
            f" pairs apart per value (a phase, a period) add under network: group_by: [{names}]"
        )
    draft = NetworkDraft({"format": "edgelist", "header": True, "network": network}, notes)
    kept = _kept_rows(body, header, network.get("where"))
    _direction(draft, _pairs(kept, src, dst), _weights(kept, found["weight"]))
    return draft


def _graph_pairs(
    body: list[list[str]], src: int, dst: int, column: int
) -> dict[str, set[frozenset[str]]]:
    """Per value of ``column``, in file order, the (unordered) pairs of its rows."""
    graphs: dict[str, set[frozenset[str]]] = {}
    for r in body:
        if len(r) > max(src, dst, column) and r[src].strip() and r[dst].strip():
            graphs.setdefault(r[column].strip(), set()).add(
                frozenset((r[src].strip(), r[dst].strip()))
            )
    return graphs


def _graph_column(body: list[list[str]], src: int, dst: int, others: list[int]) -> int | None:
    """The column, of those not mapped, that says which of several graphs (phases, layers)
    a row belongs to (networkdata's ``graph``, a ``phase``): a few values
    (2 to ``_GRAPHS_MOST``) and a node in two of them. None when there is no such
    column."""
    for i in others:
        graphs = _graph_pairs(body, src, dst, i)
        if not 2 <= len(graphs) <= _GRAPHS_MOST or "" in graphs:
            continue
        if len(body) < 2 * len(graphs):
            continue
        nodes = [{n for pair in pairs for n in pair} for pairs in graphs.values()]
        if sum(map(len, nodes)) > len(set().union(*nodes)):  # a node in two graphs
            return i
    return None


def _graphs_notes(
    network: dict[str, Any], column: str, graphs: dict[str, set[frozenset[str]]]
) -> list[str]:
    """Say that the file holds several graphs and draft ``where:`` for one of them, never
    their sum: the one whose pairs hold every other's (the full graph), else the one of
    the most pairs (the first of them in file order), naming the others and the lines
    that read another graph, keep them apart or sum them."""
    values = list(graphs)
    every = set().union(*graphs.values())
    full = [v for v in values if graphs[v] == every]
    shown = _few(values, 12)
    chosen = full[0] if len(full) == 1 else max(values, key=lambda v: len(graphs[v]))
    network["where"] = {column: chosen}
    others = ", ".join(v for v in values if v != chosen)
    line = f"where: {{{column}: {chosen}}}"
    if len(full) == 1:
        why = f"{chosen!r} holds every pair of the others, the full graph: {line} reads only it"
    else:
        missing = len(every - graphs[chosen])
        why = (
            f"no one of them holds every pair of the others, so {line} reads only {chosen!r},"
            f" the graph of the most pairs ({len(graphs[chosen])} of the {len(every)} pairs"
            f" of all graphs; {missing} pairs of the others are not in it)"
        )
    return [
        f"This file holds {len(values)} graphs (values of {column!r}: {shown}); {why}, and"
        " the rows of the others are skipped_by_mapping rejects. For another graph, change"
        f" the value in that line to one of: {others} (or a list of them); to sum all the"
        f" graphs into one network, delete the where: line (group_by: [{column}] instead"
        " keeps each graph's links apart in it)."
    ]


def _kept_rows(
    body: list[list[str]], header: list[str], where: dict[str, str] | None
) -> list[list[str]]:
    """The rows a drafted ``where:`` keeps (all rows without one)."""
    if not where:
        return body
    ((column, value),) = where.items()
    i = header.index(column)
    return [r for r in body if len(r) > i and r[i].strip() == value]


def _two_id_columns(header: list[str], body: list[list[str]]) -> bool:
    """Whether a file of two columns of integer ids (``heldout_node,train_node``), one of
    them naming an id on several rows, is a list of pairs: an edge list (never a register
    of one id a row with the other as its attribute)."""
    if len(header) != 2 or len(body) < 2 or any(_is_number(h) or not h for h in header):
        return False  # a first row of ids is no header: the header-less reading
    rows = [r for r in body if len(r) >= 2 and r[0].strip() and r[1].strip()]
    if len(rows) < _FIT * len(body):
        return False
    first, second = _column(rows, 0), _column(rows, 1)
    if not all(_INTEGER.match(v) for v in first + second):
        return False
    return len(set(first)) < len(first) or len(set(second)) < len(second)


def _two_ids_note(header: list[str], body: list[list[str]]) -> str:
    """What a two-id-column edge list is read as, and how many ids both columns use (the
    same node, unless each column numbers its own set of nodes)."""
    first, second = set(_column(body, 0)), set(_column(body, 1))
    shared = len(first & second)
    note = (
        f"Two columns of integer ids ({len(first)} and {len(second)} distinct), an id on"
        " several rows: each row is a link between the two ids, not a register."
    )
    if 0 < shared < min(len(first), len(second)):
        note += (
            f" Only {shared} ids occur in both columns: an id is one node in either"
            f" column. If {header[0]!r} and {header[1]!r} number two different sets of"
            " nodes (each its own numbering), those ids would join two nodes into one:"
            " give one column a prefix before ingesting, or read it as two-mode"
            " (target_type)."
        )
    return note


def _paired_columns(header: list[str], body: list[list[str]]) -> tuple[int | None, int | None]:
    """Two columns named alike but for a 1/2 or a/b ending (Elliptic's ``txId1,txId2``,
    ``node_1,node_2``, ``id_a,id_b``) whose cells are one set of nodes (integer ids, or
    labels the two share): the source and the target, else Nones."""
    from linkgraph.ingest._columns import header_key

    keys = [header_key(h) for h in header]
    # each header read once (a file of 2,000 columns has 4 million ordered pairs)
    seconds: dict[str, list[int]] = {}
    for j, key in enumerate(keys):
        if (second := _SECOND_OF_PAIR.fullmatch(key)) is not None:
            seconds.setdefault(second.group(1), []).append(j)
    for i, key in enumerate(keys):
        first = _FIRST_OF_PAIR.fullmatch(key)
        for j in seconds.get(first.group(1), []) if first is not None else []:
            if j != i and _one_node_set(_column(body, i), _column(body, j)):
                return i, j
    return None, None


#: The first and the second of two columns named alike (``txId1``/``txId2``, ``id_a``/``id_b``)
_FIRST_OF_PAIR = re.compile(r"(.+?)_?(1|a)")
_SECOND_OF_PAIR = re.compile(r"(.+?)_?(2|b)")


def _person_register(header: list[str], src: int, dst: int) -> bool:
    """Whether two alike columns (``fname_c1``, ``fname_c2``) are parts of a person's
    record rather than the two ends of a tie: they and at least two other columns are
    names the people preset reads (RLdata's ``lname_c1``, ``by``, ``bm``, ``bd``)."""
    from linkgraph.ingest.readers import header_words_in

    if header_words_in([header[src], header[dst]]) < 2:
        return False
    others = [h for i, h in enumerate(header) if i not in (src, dst)]
    return header_words_in(others) >= 2


def _one_node_set(sources: list[str], targets: list[str]) -> bool:
    """Whether two columns hold one set of nodes: integer ids, or labels they share."""
    if not sources or not targets:
        return False
    if all(_INTEGER.match(v) for v in sources + targets):
        return True
    shared = set(sources) & set(targets)
    return len(shared) >= _TWO_MODE_SHARED * min(len(set(sources)), len(set(targets)))


def _two_mode_edgelist(records: list[list[str]], region: str | None = None) -> NetworkDraft | None:
    """A two-mode (affiliation) list: a column of persons (``person``, ``actor``, ``name``)
    and one of the events, meetings, groups or cases they took part in, each event on
    several rows, the two sets of labels apart: persons ``attended`` events."""
    header = [c.strip() for c in records[0]]
    body = records[1:]
    person, event = _two_mode_columns(header)
    if person is None or event is None or len(body) < 2:
        return None
    persons, events = _column(body, person), _column(body, event)
    if min(len(persons), len(events)) < _FIT * len(body):
        return None
    if _contact_values(persons + events, region):
        return None
    if len(set(events)) >= len(events) or _all_numbers(persons):
        return None  # no event shared by two rows: a register with a case column
    if len(set(persons) & set(events)) > _TWO_MODE_SHARED * min(
        len(set(persons)), len(set(events))
    ):
        return None  # one set of nodes: a one-mode edge list
    columns = _preset_columns()
    found = {
        role: _position(columns[role], header, None, len(header)) for role in ("weight", "time")
    }
    used = {person, event} | {p for p in found.values() if p is not None}
    others = [i for i in range(len(header)) if i not in used]
    if _table_headers([header[i] for i in others]):
        return None  # a person table (phones, dates of birth) with an event column
    network: dict[str, Any] = {"source": header[person], "target": header[event]}
    network.update({role: header[p] for role, p in found.items() if p is not None})
    groups = _organisation_column(header[event], events)
    notes = (
        _membership_notes(header[person], header[event], persons, events, groups)
        if groups
        else _attendance_notes(header[person], header[event], persons, events)
    )
    others = _role_and_direction_columns(network, header, body, others, notes)
    if "target_role" in network and "source_role" not in network:
        network["source_role"] = network.pop("target_role")  # an event has no role
    for unread in ("target_role", "direction"):  # a tie of a person to an event
        if unread in network:
            others.append(header.index(network.pop(unread)))
    if others:
        notes.append(f"Columns not mapped: {', '.join(header[i] for i in others)}.")
    kind, target_type = ("member_of", "organisation") if groups else ("attended", "event")
    network.update({"kind": kind, "node_type": "person", "target_type": target_type,
                    "combine": "sum"})  # fmt: skip
    return NetworkDraft({"format": "edgelist", "header": True, "network": network}, notes)


def _organisation_column(header: str, values: list[str]) -> str | None:
    """Why a two-mode list's second column holds organisations (its header names groups,
    gangs, companies, cells; or most of its labels carry a legal form or an
    organisation's word, "Alfa Transport SRL"), else None (events)."""
    from linkgraph.ingest.normalize import is_organisation
    from linkgraph.ingest.suggest import _words

    if set(_words(header).split("_")) & _ORGANISATION_WORDS:
        return f"its header {header!r} names organisations"
    labels = set(values)
    named = sum(1 for v in labels if is_organisation(v))
    if named > len(labels) / 2:
        return f"{named} of its {len(labels)} labels are organisations' names (Ltd, SRL, GmbH)"
    return None


def _membership_notes(
    person: str, group: str, persons: list[str], groups: list[str], why: str
) -> list[str]:
    return [
        f"Detected: a two-mode (membership) list: {person!r} holds {len(set(persons))}"
        f" persons, {group!r} {len(set(groups))} organisations ({why}), each on several rows;"
        " the two sets of labels are apart.",
        "Drafted as persons member_of organisations (organisation entities). If the column"
        " holds events (meetings) instead, change target_type to event and kind to attended.",
        "Analyse who shares an organisation with: linkgraph analyze CASE --project-onto person",
    ]


def _attendance_notes(person: str, event: str, persons: list[str], events: list[str]) -> list[str]:
    return [
        f"Detected: a two-mode (affiliation) list: {person!r} holds"
        f" {len(set(persons))} persons, {event!r} {len(set(events))} events (or"
        " meetings, groups, cases), each on several rows; the two sets of labels are apart.",
        "Drafted as persons that attended events, as docs/mapping.md describes two-mode data:"
        " if the events are something else, change target_type (e.g. organisation) and kind"
        " (e.g. member_of).",
        "Analyse the persons' co-attendance with: linkgraph analyze CASE --project-onto person",
    ]


#: Header words of a two-mode list's person column and of its event column.
_PERSON_WORDS = frozenset(
    {"person", "persons", "people", "actor", "actors", "name", "member", "members",
     "participant", "participants", "attendee", "attendees", "individual", "suspect",
     "suspects", "offender", "offenders", "defendant", "defendants"}
)  # fmt: skip
_EVENT_WORDS = frozenset(
    {"event", "events", "meeting", "meetings", "summit", "summits", "gathering", "group",
     "groups", "case", "cases", "incident", "incidents", "organisation", "organization",
     "org", "operation", "affiliation", "party", "gang", "clan", "ceremony", "organisations",
     "organizations", "orgs", "gangs", "clans", "company", "companies", "firm", "firms",
     "network", "networks", "cell", "cells"}
)  # fmt: skip
#: Header words of a two-mode list's second column that make it organisations (persons
#: member_of them), not events.
_ORGANISATION_WORDS = frozenset(
    {"organisation", "organization", "organisations", "organizations", "org", "orgs",
     "group", "groups", "gang", "gangs", "clan", "clans", "company", "companies", "firm",
     "firms", "network", "networks", "cell", "cells"}
)  # fmt: skip


def _two_mode_columns(header: list[str]) -> tuple[int | None, int | None]:
    """The positions of a person column and an event column named so (one of each, the
    header having no other person column), else Nones."""
    from linkgraph.ingest.suggest import _words

    words = [set(_words(h).split("_")) for h in header]
    persons = [i for i, w in enumerate(words) if w & _PERSON_WORDS and not w & _EVENT_WORDS]
    events = [i for i, w in enumerate(words) if w & _EVENT_WORDS and not w & _PERSON_WORDS]
    if len(persons) != 1 or not events:
        return None, None
    return persons[0], events[0]


def _all_numbers(cells: list[str]) -> bool:
    return bool(cells) and all(map(_is_number, cells))


def _role_and_direction_columns(
    network: dict[str, Any],
    header: list[str],
    body: list[list[str]],
    others: list[int],
    notes: list[str],
) -> list[int]:
    """Map the columns of role words (victim, suspect: ``source_role``/``target_role``,
    the target's when its header names the target column) and a column of
    Directed/Undirected (Gephi's ``Type``: ``direction``); the columns left."""
    from linkgraph.ingest.network import role_words
    from linkgraph.ingest.suggest import _words

    target_key = _words(header[header.index(network["target"])])
    left = []
    for i in others:
        values = _column(body, i)
        key = _words(header[i])
        if values and {v.lower() for v in values} <= _DIRECTIONS and "direction" not in network:
            network["direction"] = header[i]
            notes.append(
                f"Direction per row: {header[i]!r} says Directed or Undirected (as Gephi"
                " writes): an undirected row is a tie both ways (kind associate), a directed"
                " one a link source -> target (kind contacted)."
            )
        elif role_words(values) or (_ROLE_HEADER.search(key) and values):
            slot = "target_role" if _names_target(key, target_key) else "source_role"
            if slot in network:
                left.append(i)
                continue
            network[slot] = header[i]
            notes.append(
                f"Roles: {header[i]!r} is the {slot.split('_')[0]} node's role (victim,"
                " suspect, ...): victims are protected (pseudonyms in every output)."
            )
        else:
            left.append(i)
    return left


def _names_target(key: str, target_key: str) -> bool:
    """Whether a role column's header names the target end (``target_role``, ``to_type``,
    ``victim_role`` beside a ``victim`` target)."""
    return bool(re.search(r"(^|_)(target|to|dst|dest|destination|receiver|b|2)(_|$)", key)) or (
        bool(target_key) and target_key in key
    )


def _weights(body: list[list[str]], column: int | None) -> list[str]:
    """Each row's weight as written ("" without a weight column)."""
    if column is None:
        return [""] * len(body)
    return [r[column].strip() if len(r) > column else "" for r in body]


def _headerless_edgelist(
    records: list[list[str]], region: str | None = None
) -> NetworkDraft | None:
    """Two columns of ids or names (a third of numbers: the weight), no header."""
    widths = [len(r) for r in records]
    width = max(set(widths), key=widths.count)
    # A row one cell short has no weight written (nx.write_weighted_edgelist's edge
    # without one): its tie counts 1.
    fitting = widths.count(width) + (widths.count(2) if width == 3 else 0)
    if width not in (2, 3, 4) or fitting < _FIT * len(records):
        return None
    if _first_row_is_header(records, width):
        return None  # headers the preset does not know: the table proposals go on
    src_labels, dst_labels = _column(records, 0), _column(records, 1)
    if len(src_labels) + len(dst_labels) < _FIT * 2 * len(records):
        return None
    nodes = src_labels + dst_labels
    if _contact_values(nodes, region) or max(map(len, nodes)) > 100:
        return None
    integers = all(_INTEGER.match(v) for v in nodes)
    shared = set(src_labels) & set(dst_labels)
    if (
        not integers
        and len(shared) < _TWO_MODE_SHARED * min(len(set(src_labels)), len(set(dst_labels)))
        and not _countries(set(nodes))
    ):
        return None  # two unrelated columns (a name and a city), not one set of nodes
    if any(not _numeric_column(records, i) for i in range(2, width)):
        return None
    network: dict[str, Any] = {"source": 0, "target": 1}
    times = [i for i in range(2, width) if _unix_times(_column(records, i))]
    weights = [i for i in range(2, width) if i not in times]
    if len(weights) > 1 or len(times) > 1:
        return None
    extra = [f"column {i + 1} Unix times (seconds): each contact's time" for i in times] + [
        f"column {i + 1} numbers: the weight" for i in weights
    ]
    notes = [
        "Detected: an edge list without a header: "
        + ("two columns of integer ids" if integers else "two columns of node labels sharing")
        + ("" if integers else f" {len(shared)} labels")
        + (f"; {'; '.join(extra)}." if extra else "; each row counts 1."),
    ]
    if times:
        network["time"] = times[0]
        notes.append("Each dated row is a link of its own (a time window counts them).")
    if weights:
        network["weight"] = weights[0]
    draft = NetworkDraft({"format": "edgelist", "header": False, "network": network}, notes)
    _direction(draft, _pairs(records, 0, 1), _weights(records, weights[0] if weights else None))
    return draft


def _unix_times(cells: list[str]) -> bool:
    """Whether a column's cells are all whole seconds in the Unix-time range (9 or 10
    digits: 1973 to 2096), mostly in increasing order, and not all the same."""
    if not cells or not all(_INTEGER.match(c) for c in cells):
        return False
    values = [int(c) for c in cells]
    low, high = _UNIX_SECONDS
    if not all(low <= v < high for v in values) or len(set(values)) < 2:
        return False
    rising = sum(1 for a, b in itertools.pairwise(values) if b >= a)
    return rising >= (len(values) - 1) / 2


def _first_row_is_header(records: list[list[str]], width: int) -> bool:
    """Whether the first row names the columns: its cells are words where the column's
    other cells are numbers, or (not all numbers) its labels appear nowhere else in the
    file."""
    first, body = records[0], records[1:]
    for i in range(min(width, len(first))):
        column = _column(body, i)
        if column and all(map(_is_number, column)) and not _is_number(first[i].strip()):
            return True
    if all(_is_number(c.strip()) for c in first[:width]):
        return False  # numbers over numbers: ids, not names of columns
    labels = set(_column(body, 0)) | set(_column(body, 1))
    return all(c.strip() not in labels for c in first[:2])


def _direction(
    draft: NetworkDraft, pairs: list[tuple[str, str]], weights: list[str] | None = None
) -> None:
    """``directed: false`` when every row writes its pair smaller label first (ids in
    number order): a list of undirected ties written once each, or when every pair is
    written both ways with the same weight (read once each); else the preset's directed
    reading, said so."""
    network = draft.data["network"]
    distinct = set(pairs)
    draft.nodes = {label for pair in distinct for label in pair}
    if "direction" in network:
        network.update({"kind": "contacted", "node_type": "person", "combine": "sum"})
        return
    rows = sorted(zip(pairs, weights or [""] * len(pairs), strict=False))
    mirrored = sorted(((b, a), w) for (a, b), w in rows)
    if rows and rows == mirrored and any(a != b for a, b in distinct):
        network["directed"] = False
        draft.notes.append(
            f"Undirected: every pair is written both ways with the same weight ({len(rows)}"
            f" rows, {len({tuple(sorted(p)) for p in distinct if p[0] != p[1]})} ties): an"
            " undirected network stored both ways, directed: false; ingest reads each tie"
            " once (kind associate)."
        )
    elif (order := _one_order(distinct)) is not None:
        network["directed"] = False
        draft.notes.append(
            f"Undirected: each of the {sum(a != b for a, b in distinct)} pairs is written"
            f" {order} label first,"
            " as a list of undirected ties is: directed: false (kind associate). If the"
            " order is sender -> receiver after all, delete that line and write kind:"
            " contacted."
        )
    else:
        draft.notes.append(
            "Directed: each row is a link source -> target (kind contacted). For undirected"
            " ties, add `directed: false` under network ((a, b) and (b, a) become one pair)."
        )
    # The kind ingest writes: an undirected draft's ties are associate links.
    kind = "contacted" if network.get("directed", True) else "associate"
    network.update({"kind": kind, "node_type": "person", "combine": "sum"})
    _repeats_note(draft, pairs)
    _country_nodes(draft)


def _one_order(distinct: set[tuple[str, str]]) -> str | None:
    """ "smaller" when every pair (self-loops aside) is written smaller label first (ids in
    number order), "larger" when every one is written larger first (as igraph and R's
    networkdata store an undirected graph), else None; None too below
    :data:`_ORDERED_PAIRS` pairs, too few for the order to say anything."""
    ties = [(a, b) for a, b in distinct if a != b]
    if len(ties) < _ORDERED_PAIRS:
        return None
    if all(_before(a, b) for a, b in ties):
        return "smaller"
    if all(_before(b, a) for a, b in ties):
        return "larger"
    return None


def _country_nodes(draft: NetworkDraft) -> None:
    """Nodes that are (nearly) all countries, by name or ISO code ("Nigeria", "NG",
    "NGA"): location nodes (their country set, so a map places them) linked by a flow,
    not persons."""
    network = draft.data["network"]
    if network.get("target_type"):
        return
    if not _countries(draft.nodes):
        return
    found = sum(1 for label in draft.nodes if _country_code(label))
    kind = "flow" if network.get("directed", True) else "associate"
    network.update({"kind": kind, "node_type": "location"})
    # the direction note was written for persons' contacts
    draft.notes[:] = [n.replace("(kind contacted)", f"(kind {kind})") for n in draft.notes]
    draft.notes.append(
        f"Countries: {found} of the {len(draft.nodes)} node labels are countries (names or ISO"
        " codes): each node a location with its country, so the map places it; each row a"
        f" {kind} from the source country to the target (for a trafficking report's"
        " network, set kind: trafficked_to)."
    )


def _countries(labels: set[str]) -> bool:
    """Whether (nearly) all of at least a few labels are countries (names or ISO codes):
    origin and destination countries are one set of nodes even when they share none."""
    if len(labels) < _COUNTRY_NODES:
        return False
    allowed = (1 - _COUNTRY_SHARE) * len(labels)  # stop at the first labels too many
    others = 0
    for label in labels:
        others += _country_code(label) is None
        if others > allowed:
            return False
    return True


def _country_code(label: str) -> str | None:
    """The ISO code of a label that is a country's name or code (not a demonym), else None."""
    from linkgraph.ingest.normalize import country

    if label.isdigit() or len(label) < 2:
        return None
    try:
        return country(label)
    except ValueError:
        return None


def _repeats_note(draft: NetworkDraft, pairs: list[tuple[str, str]]) -> None:
    """Say how many rows repeat a pair and how ``combine`` folds them (none when each
    dated row is a link of its own anyway)."""
    if "time" in draft.data["network"]:
        return
    counts = collections.Counter(pairs)
    rows = sum(n for n in counts.values() if n > 1)
    if not rows:
        return
    repeated = sum(1 for n in counts.values() if n > 1)
    draft.notes.append(
        f"Repeated pairs: {rows} rows write {repeated} pairs more than once; combine: sum adds"
        " their weights into one link per pair. combine: last keeps the last row's weight,"
        " combine: each keeps each row as a link of its own."
    )


def _before(a: str, b: str) -> bool:
    if _INTEGER.match(a) and _INTEGER.match(b):
        return int(a) < int(b)
    return a < b


def _pairs(body: list[list[str]], src: int, dst: int) -> list[tuple[str, str]]:
    return [
        (r[src].strip(), r[dst].strip())
        for r in body
        if len(r) > max(src, dst) and r[src].strip() and r[dst].strip()
    ]


def _column(body: list[list[str]], i: int) -> list[str]:
    """The non-empty cells of column ``i``."""
    return [r[i].strip() for r in body if len(r) > i and r[i].strip()]


def _numeric_column(body: list[list[str]], i: int) -> bool:
    cells = _column(body, i)
    return bool(cells) and sum(map(_is_number, cells)) >= _FIT * len(cells)


def _contact_values(values: Sequence[str], region: str | None = None) -> bool:
    """Whether node labels are mostly phone numbers (also as a spreadsheet rounds them,
    "4.47712E+11", and national numbers of ``region``, given with --region, "20 12 34
    56" in DK), e-mail addresses or IBANs: a call or payment table, which the table
    proposals read as phones and accounts."""
    if not values:
        return False
    contact = sum(
        1
        for v in values
        if "@" in v
        or _PHONE.match(_PHONE_SEPARATORS.sub("", v))
        or _SCIENTIFIC.match(v)
        or _IBAN.match(v.replace(" ", "").upper())
        or (region is not None and _national_phone(v, region))
    )
    return contact >= len(values) / 2


def _national_phone(value: str, region: str) -> bool:
    """Whether ``value`` is written as a phone number (digits and separators alone) that
    ``region``'s numbering plan reads."""
    if not re.fullmatch(r"[\d\s\-./()]{6,}", value):
        return False
    from linkgraph.ingest import normalize

    try:
        return normalize.phone(value, region) is not None
    except ValueError:
        return False


def _field_columns(columns: Sequence[str]) -> bool:
    """Whether the columns of a would-be two-mode matrix are a table's fields: a role
    flag ("victim", "suspect": 0/1 marks of a person's role), or mostly headers of money,
    contacts or documents ("amount, fee, balance")."""
    from linkgraph.ingest.suggest import _role_of, _words

    if any(_role_of(_words(c)) for c in columns):
        return True
    return sum(_table_headers([c]) for c in columns) > len(columns) / 2


def _table_headers(headers: Sequence[str]) -> bool:
    """Whether any short header (a long one is a label: "summit-dinner at the Cadrega
    restaurant") names a field of a table of money, contacts or documents."""
    from linkgraph.ingest.suggest import _field_of, _words

    keys = [_words(h) for h in headers]
    return any(_field_of(k) in _TABLE_FIELDS for k in keys if k and k.count("_") < _HEADER_WORDS)


# -- node lists and the draft's text --------------------------------------------------------


def _add_node_list(draft: NetworkDraft, path: Path) -> None:
    """``nodes:`` a file beside the edge list that its name calls a node list (``nodes``,
    ``vertices``, ``labels``) of this file (its own stem, or none), whose ids hold
    (nearly) every node of the edge list, each id once (or once per graph or layer: a
    ``graph`` column beside the ids): isolates are kept, and its label and role columns
    name the nodes and protect the victims. Another file is never taken (another
    dataset's node list, an unrelated table's row numbers); the comment says why a file
    named so was not."""
    nodes = draft.nodes
    if not nodes:
        return
    own, foreign = _node_list_candidates(path)
    passed: list[str] = []
    where = draft.data["network"].get("where")
    for candidate in own:
        listed, why = _listed(candidate, nodes, where)
        if listed is not None:
            _take_node_list(draft, candidate, listed)
            break
        passed.append(f"{candidate.name} ({why})")
    if passed:
        draft.notes.append(f"Node list not taken: {'; '.join(passed)}.")
    if foreign:
        draft.notes.append(
            f"Node lists of other files beside it are never taken: {_few(foreign, 3)} (their"
            " names say another file's nodes)."
            + (
                ""
                if "nodes" in draft.data["network"]
                else " To keep isolates, give this file's own node list under network: nodes: FILE."
            )
        )


def _take_node_list(draft: NetworkDraft, candidate: Path, listed: NodeList) -> None:
    """Draft ``nodes: candidate`` and say what it holds."""
    nodes = draft.nodes
    draft.data["network"]["nodes"] = candidate.name
    ids = set(listed.ids)
    extra, missing = len(ids - nodes), len(nodes - ids)
    isolates = f", and {extra} more (isolates, kept as nodes)" if extra else ""
    draft.notes.append(
        f"Node list: {candidate.name} (its name says nodes) lists "
        + ("every node" if not missing else f"all but {missing} of the nodes")
        + f" of this file{isolates}:"
        f" ids in {listed.id_column or 'its first column'!r}"
        + (f", names in {listed.label_column!r}" if listed.label_column else "")
        + (
            f", roles in {listed.role_column!r} (victims protected)"
            if listed.role_column
            else ", no role column"
        )
        + "."
    )
    draft.roles = draft.roles or listed.role_column is not None
    if listed.types:
        draft.modes = dict(sorted(collections.Counter(listed.types.values()).items()))
        draft.mode_column = listed.mode_column


def _stem_of(name: str, pattern: re.Pattern[str]) -> str:
    """What a file's stem says before its role word (``gang_edges`` -> ``gang``,
    ``covert_17__drugnet__nodes`` -> ``covert_17__drugnet``), case-folded; the whole stem
    when it has no such word."""
    found = pattern.search(name)
    return (name[: found.start()] if found else name).rstrip("_-. ").casefold()


def _node_list_candidates(path: Path) -> tuple[list[Path], list[str]]:
    """Small text files beside ``path`` whose name says they list nodes: those of this
    edge list (its own stem first, ``gephi_edges.csv`` -> ``gephi_nodes.csv``, then a name
    with no stem, ``nodes.csv``), and the names of those of another file (another stem:
    ``covert_17__drugnet__nodes.csv`` beside ``covert_10__caviar__edges.csv``), never taken."""
    try:
        siblings = sorted(path.parent.iterdir())
    except OSError:
        return [], []
    named = [
        p
        for p in siblings
        if p != path
        and p.suffix.lower() in _NODE_LIST_SUFFIXES
        and _NODE_LIST_NAME.search(p.stem)
        and p.is_file()
    ]
    stem = _stem_of(path.stem, _EDGE_LIST_NAME)
    own, foreign = [], []
    for p in named:
        theirs = _stem_of(p.stem, _NODE_LIST_NAME)
        if theirs == stem or not theirs or not stem:
            own.append(p)
        else:
            foreign.append(p.name)
    own.sort(key=lambda p: _stem_of(p.stem, _NODE_LIST_NAME) != stem)
    small = [p for p in own if p.stat().st_size <= _NODE_LIST_MAX_BYTES]
    return small[:_NODE_LIST_CANDIDATES], foreign


def _listed(
    path: Path, nodes: set[str], where: dict[str, str] | None = None
) -> tuple[NodeList | None, str]:
    """``path`` read as a node list of ``nodes`` (else None and why not): each id on one
    row, or once per value of another column (a node list of several graphs or layers,
    networkdata's ``graph,name``), and (nearly) every node of the edge list among them.
    ``where`` (the draft's ``network.where``) keeps the rows of the chosen graph, as
    ingest reads them."""
    from linkgraph.errors import InputError
    from linkgraph.ingest.mapping import Mapping, NetworkSpec
    from linkgraph.ingest.network import read_node_list

    records = _sample_records(path)
    if len(records) < 2:
        return None, "no rows"
    spec = NetworkSpec(where=tuple((c, (str(v),)) for c, v in (where or {}).items()))
    try:
        listed = read_node_list(path, path.name, Mapping(name="suggest", network=spec), nodes)
    except (InputError, OSError, UnicodeError) as exc:  # a file that is no node list
        return None, f"not readable as a node list: {exc}"
    if len(records) - len(listed.ids) > 1 and not _once_per_graph(records, listed):
        return None, "it names a node on several rows, as an edge list or a table does"
    found = len(nodes & set(listed.ids))
    if found < _NODE_LIST_COVER * len(nodes):
        return None, f"its ids hold {found} of this file's {len(nodes)} nodes"
    return listed, ""


def _once_per_graph(records: list[list[str]], listed: NodeList) -> bool:
    """Whether a node list names each id once per value of one other column (the graph or
    layer it belongs to): its header's id column and that column unique together."""
    header = [c.strip() for c in records[0]]
    if listed.id_column not in header:
        return False
    col = header.index(listed.id_column)
    body = [r for r in records[1:] if len(r) > col and r[col].strip()]
    for other in range(len(header)):
        if other == col:
            continue
        keys = [(r[other].strip() if len(r) > other else "", r[col].strip()) for r in body]
        values = {k for k, _ in keys}
        if 1 < len(values) <= _GRAPHS_MOST and len(set(keys)) == len(keys):
            return True
    return False


def _few(labels: list[str], most: int = 5) -> str:
    if not labels:
        return "none"
    shown = ", ".join(labels[:most])
    return shown + (f" and {len(labels) - most} more" if len(labels) > most else "")


def _written(path: Path, draft: NetworkDraft) -> str:
    """The draft as YAML under its comment."""
    network = draft.data["network"]
    roles = draft.roles or any(k in network for k in ("source_role", "target_role"))
    if network.get("node_type") == "location":
        last = "Each distinct label is one node, a location (node_type): no persons, no victims."
    else:
        last = _persons_note(network.get("target_type"), roles)
    if draft.modes:
        last = _modes_note(draft, roles)
    notes = [*draft.notes, last]
    head = [
        f"# Mapping proposed by `linkgraph mapping suggest {path.name}`: check it, set"
        " agency, then run",
        f"#   linkgraph mapping preview {path.name} --mapping THIS.yaml",
        f"#   linkgraph ingest {path.name} --mapping THIS.yaml -o case/",
        *(f"# {line}" for note in notes for line in textwrap.wrap(note, _COMMENT_WIDTH)),
    ]
    data = {**draft.data, "agency": None}
    return "\n".join(head) + "\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def _modes_note(draft: NetworkDraft, roles: bool) -> str:
    """The draft's last note for a two-mode node list: which nodes are persons and which
    the node list's column types otherwise (events, organisations), how ingest reads the
    ties between them, and whether victims are protected."""
    from linkgraph.ingest.network import _MODE_KINDS

    node_type = draft.data["network"].get("node_type", "person")
    kinds = ", ".join(f"{n} as {kind}s" for kind, n in draft.modes.items())
    ties = "; ".join(
        f"a tie between a {node_type} and {_a(kind)} is read as"
        f" `{_MODE_KINDS.get(kind, 'attended')}`"
        for kind in draft.modes
    )
    return (
        f"Each distinct label is one node: a {node_type} (node_type), except the nodes the"
        f" node list's column {draft.mode_column!r} types otherwise (a two-mode network):"
        f" {kinds}, not {node_type}s (network.target_type reads the TRUE nodes of a"
        f" TRUE/FALSE column, igraph's second mode, as another type)."
        f" {ties[0].upper()}{ties[1:]}, from the {node_type}, whatever the direction and"
        " kind above. "
        + (
            "A node whose role column says victim (in any language) is protected as one."
            if roles
            else f"Nothing in this file marks a victim, so no {node_type} is protected as one"
            " (ingest warns of it): map a role column, or ingest a list that marks the"
            " victims, before sharing any output."
        )
    )


def _a(noun: str) -> str:
    """``noun`` after its indefinite article: "an event", "a location"."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def _persons_note(two_mode: str | None, roles: bool) -> str:
    """The draft's last note: what a node is, and whether victims are protected."""
    return (
        f"Each distinct source label is one person, each target label one {two_mode}. "
        if two_mode
        else "Each distinct label is one node, a person (node_type). "
    ) + (
        "A node whose role column says victim (in any language) is protected as one."
        if roles
        else "Nothing in this file marks a victim, so no node is protected as one (ingest"
        " warns of it): map a role column, or ingest a list that marks the victims, before"
        " sharing any output."
    )


def network_shape_hint(path: Path) -> str | None:
    """What a file no proposal fits looks like, when it is a network shape that is read
    another way (a node list), and what reads it; else None."""
    records = _sample_records(path)
    if len(records) < 3 or len(records[0]) < 2:
        return None
    ids = [r[0].strip() for r in records[1:] if r and r[0].strip()]
    if len(set(ids)) == len(ids) == len(records) - 1 and all(_INTEGER.match(i) for i in ids):
        return (
            f"it looks like a node list (one row per id in {records[0][0].strip()!r}, the other"
            " columns the nodes' attributes or labels): give it as `nodes:` under network in"
            " the mapping of its edge list (`linkgraph mapping suggest EDGES.csv` takes it when"
            " its name says nodes, vertices, labels or classes); docs/mapping.md, Network files"
        )
    return None
