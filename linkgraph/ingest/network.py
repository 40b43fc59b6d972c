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

import collections
import collections.abc
import csv
import io
import json
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from linkgraph.errors import InputError
from linkgraph.ingest import normalize
from linkgraph.ingest._columns import header_key, infer_dayfirst, json_objects, parse_times
from linkgraph.ingest._delimiters import SHIFTED_ROW_HINT, ragged_value, shifted_fields
from linkgraph.ingest._dst_times import dst_time_notes, victim_link_rows
from linkgraph.ingest._graph_names import name_key
from linkgraph.ingest.config import IngestConfig
from linkgraph.ingest.mapping import Mapping, NetworkSpec
from linkgraph.ingest.readers import detect_encoding
from linkgraph.model import stable_id
from linkgraph.schema import canonical_role, link_kind
from linkgraph.text import fold_name

log = logging.getLogger(__name__)

#: Column names of a node list's label column (first present wins; else the first column).
_NODE_COLUMNS = ("name", "id", "node", "label", "vertex", "actor")

#: Values of a direction column (Gephi's ``Type``) that make a row an undirected tie.
_UNDIRECTED = frozenset({"undirected", "mutual", "false", "no", "0"})

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
    from linkgraph.ingest.nx_edgelist import is_networkx_edgelist, networkx_edges

    rejects: list[dict[str, Any]] = []
    if spec.where and (fmt == "matrix" or is_networkx_edgelist(text)):
        raise InputError(
            "network.where selects rows of an edge list by a column; this file has none",
            source=path.name,
            hint="remove `where:` under network (a matrix is one graph already)",
        )
    if fmt == "matrix":
        edges, raw_rows, rows = _matrix_edges(text, path.name, mapping, rejects)
    elif is_networkx_edgelist(text):
        edges, raw_rows, rows = networkx_edges(text, path.name, spec, rejects)
    else:
        edges, raw_rows, rows = _edgelist_edges(text, path.name, mapping, spec, rejects)
    if spec.nodes:
        used = set(edges["src"]) | set(edges["dst"]) | set(edges.attrs.get("nodes", {}))
        listed = read_node_list(_node_list_path(path, spec.nodes), path.name, mapping, used)
        edges.attrs["nodes"] = {**dict.fromkeys(listed.ids, 0), **edges.attrs.get("nodes", {})}
        edges.attrs["labels"] = listed.labels
        edges.attrs["roles"] = _merged_roles(edges.attrs.get("roles", {}), listed.roles)
        edges.attrs["node_attrs"] = listed.attrs
        edges.attrs["node_types"] = listed.types
        edges.attrs["notes"] = listed.notes
    notes = list(edges.attrs.get("notes", [])) + list(edges.attrs.get("where_notes", []))
    mentions, links = _network_tables(edges, raw_rows, path.name, mapping, spec, agency, rejects)
    # what the node list told, and the times in a daylight-saving change (read by ingest
    # as warnings)
    mentions.attrs["notes"] = notes + list(links.attrs.get("notes", []))
    return mentions, links, rejects, rows


def _node_list_path(network_file: Path, nodes: str) -> Path:
    """``network.nodes`` as a path: relative to the network file's folder (an absolute
    path as given). One that does not exist is an error naming where it was looked for."""
    path = network_file.parent / nodes
    if not path.is_file():
        where = (
            f"no file at {path}"
            if Path(nodes).is_absolute()
            else f"looked for {path}: network.nodes is read relative to the network file's"
            f" folder ({network_file.parent})"
        )
        raise InputError(
            f"the node list {nodes} does not exist",
            source=network_file.name,
            hint=f"{where}; give the node list's path, or leave network.nodes out",
        )
    return path


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


#: The ``delimiter`` values that mean "split on runs of whitespace".
_WHITESPACE = (" ", "whitespace", "\\s+")


def _split_lines(
    text: str, delimiter: str | None, source: str = "the file"
) -> tuple[list[list[str]], str]:
    """The file's records. Comment lines (``#``, ``%``) before the first record are a
    preamble and left out; later ones stay as records, which the caller rejects as
    ``comment_line`` so that every row is accounted for. A quote left open (the rest of
    the file one field) is an :class:`InputError` naming the line it opens on."""
    numbered = [(i, ln) for i, ln in enumerate(text.split("\n"), 1) if ln.strip()]
    while numbered and _is_comment(numbered[0][1]):
        numbered.pop(0)
    lines = [ln for _i, ln in numbered]
    if not lines:
        return [], delimiter or ","
    if delimiter is None:
        first = lines[0]
        delimiter = next((d for d in (",", "\t", ";", "|") if d in first), " ")
    if delimiter in _WHITESPACE:
        return [ln.split() for ln in lines], " "
    sep = "\t" if delimiter in ("\\t", "tab") else delimiter
    reader = csv.reader(io.StringIO("\n".join(lines)), delimiter=sep)
    records: list[list[str]] = []
    done = 0  # lines read by the records so far
    try:
        for r in reader:
            # The csv module's field limit is the process's: another reader may have
            # raised it, so a field of the rest of the file is looked for here too.
            if any(len(c) > _FIELD_CHARS for c in r):
                raise csv.Error(f"a field of more than {_FIELD_CHARS:,} characters")
            records.append([c.strip() for c in r])
            done = reader.line_num
    except csv.Error as exc:
        line = numbered[min(done, len(numbered) - 1)][0]
        raise InputError(
            f"cannot split the line into fields ({exc}): a quote opened on it is never"
            " closed, so the rest of the file would be one field",
            source=source,
            row=line,
            hint='close the quote or remove the stray " on that line, or export the file again',
        ) from exc
    return records, sep


#: The longest field of a network file (the csv module's default limit): a longer one is a
#: quote left open.
_FIELD_CHARS = 131_072


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
    records, _sep = _split_lines(text, mapping.delimiter, source)
    if not records:
        raise InputError("the edge list has no rows", source=source, hint="export it again")
    first = records[0]
    if mapping.header is not None:
        has_header = mapping.header
    else:
        # A header is a first line whose weight-like cells are not numbers while the
        # second line's are, or one that names the mapped columns.
        # (the weight and time columns too when the mapping names them itself)
        named = [getattr(spec, key) for key in ("weight", "time") if key in spec.named]
        names = {
            name_key(n)
            for w in (spec.source, spec.target, *named)
            if isinstance(w, tuple)
            for n in w
        }
        second = records[1] if len(records) > 1 else first
        has_header = any(name_key(c) in names for c in first) or (
            len(first) >= 3
            and not _NUMBER.match(first[2])
            and bool(_NUMBER.match(second[2] if len(second) > 2 else ""))
        )
    header = [c or f"column_{i + 1}" for i, c in enumerate(first)] if has_header else None
    data = records[1:] if has_header else records
    # With a header, a row wider than it is ragged (below), as in a table file; without
    # one, the widest row sets the columns.
    width = len(header) if header is not None else max((len(r) for r in data), default=0)
    if header is None:
        header = [f"column_{i + 1}" for i in range(width)]
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
    # A weight or time column the mapping names is required (a typo is an error, not a
    # network of weight 1 and no times); the names a preset guesses are optional.
    # (a named weight is looked for first: with both missing, the weight is said)
    weight = (
        _optional_column(spec.weight, header, has_header, width, source, "network.weight")
        if "weight" in spec.named
        else None
    )
    if "time" in spec.named:
        time = _optional_column(spec.time, header, has_header, width, source, "network.time")
    else:
        time = _position(spec.time, header if has_header else None, None, width)
    if "weight" not in spec.named:
        weight = _position(
            spec.weight,
            header if has_header else None,
            2 if width > 2 and not has_header and time != 2 else None,  # a time is no weight
            width,
        )
    src_role, dst_role, direction = (
        _optional_column(wanted, header, has_header, width, source, f"network.{key}")
        for key, wanted in (
            ("source_role", spec.source_role),
            ("target_role", spec.target_role),
            ("direction", spec.direction),
        )
    )
    group_pos = [_position((g,), header, None, width) for g in spec.group_by]
    if any(g is None for g in group_pos):
        column = spec.group_by[group_pos.index(None)]
        raise InputError(
            "a network.group_by column is missing",
            source=source,
            column=column,
            hint=f"{_did_you_mean(column, header)}the file has columns {', '.join(header)}",
        )
    kept_where = _where_positions(spec, header, width, source)
    where_seen = _WhereSeen(len(kept_where))
    out: dict[str, list[Any]] = {"src": [], "dst": [], "weight": [], "time": [], "row": [],
                                 "undirected": []}  # fmt: skip
    groups: list[list[str]] = [[] for _ in group_pos]
    roles: dict[str, list[str]] = {}
    # A row's JSON is only needed for the rows where a node first appears (its mention's
    # raw): written on demand, not for each of millions of edges.
    raw_rows = _RowJSON(header, data, width)
    isolates: dict[str, int] = {}
    for n, rec in enumerate(data, start=1):
        if rec and _is_comment(rec[0]):
            rejects.append(_reject(source, n, None, "comment_line", ",".join(rec), "row"))
            continue
        if len(rec) > width and shifted_fields(rec, width):
            # A field holding the delimiter unquoted ("Pop, Ana"): its values after it are
            # shifted, so the row is not read, as a table file's is not.
            said = f"{ragged_value(len(rec), width, None)}: {SHIFTED_ROW_HINT}"
            rejects.append(_reject(source, n, None, "ragged_row", said, "row"))
            continue
        if len(rec) > width:  # empty fields past the header (``a,b,3,,``): cut
            said = ragged_value(len(rec), width, None)
            rejects.append(_reject(source, n, None, "ragged_row", said, "value"))
        cells = (rec + [""] * width)[:width]
        unwanted = _unwanted_cell(cells, kept_where)
        if kept_where:
            where_seen.see(cells, kept_where)
        if unwanted is not None:  # ``where:``: a row of another graph, phase or layer
            pos = kept_where[unwanted][0]
            rejects.append(_reject(source, n, header[pos], "skipped_by_mapping", cells[pos], "row"))
            continue
        a, b = cells[src].strip(), cells[dst].strip()
        for node, pos in ((a, src_role), (b, dst_role)):
            if node and pos is not None and cells[pos].strip():
                roles.setdefault(node, []).append(cells[pos].strip())
        if not a and not b:
            rejects.append(_reject(source, n, header[src], "missing_node", ",".join(cells), "row"))
            continue
        if not a or not b:
            # One node and no partner: an isolate, as UCINET/Pajek edge lists write them.
            isolates.setdefault(a or b, n)
            raw_rows.kept.add(n)
            continue
        written_weight = cells[weight].strip() if weight is not None else ""
        w = _weight(written_weight)
        if w and float(w) < 0:
            # A negative weight (a signed network's hostile tie) is no contact of any
            # strength: the row is not read (signed networks are not supported).
            column = header[weight] if weight is not None else None
            rejects.append(_reject(source, n, column, "weight_invalid", written_weight, "row"))
            continue
        raw_rows.kept.add(n)
        out["src"].append(a)
        out["dst"].append(b)
        if w is None:
            column = header[weight] if weight is not None else None
            rejects.append(_reject(source, n, column, "weight_invalid", written_weight, "value"))
            w = ""
        out["weight"].append(float(w) if w else np.nan)
        out["time"].append(cells[time] if time is not None else None)
        out["row"].append(n)
        out["undirected"].append(
            cells[direction].strip().lower() in _UNDIRECTED
            if direction is not None
            else not spec.directed
        )
        for g, pos in zip(groups, group_pos, strict=True):
            g.append(cells[pos])  # type: ignore[index]
    edges = pd.DataFrame(out)
    for name, values in zip(spec.group_by, groups, strict=True):
        edges[f"group:{name}"] = values
    if weight is None:
        edges["weight"] = 1.0
    edges.attrs["nodes"] = isolates
    edges.attrs["roles"] = {node: _joined_roles(written) for node, written in roles.items()}
    edges.attrs["where_notes"] = where_seen.notes(spec, header, kept_where)
    if time is not None:  # named in the summary's warnings
        edges.attrs["time_column"] = header[time] if has_header else f"column {time + 1}"
    return edges, raw_rows, len(data)


class _WhereSeen:
    """Per ``network.where`` column, whether a row held one of its values, and the first
    values it held: a value no row holds (``phase: 99``, a typo) is said, not silent."""

    def __init__(self, n: int) -> None:
        self.matched = [False] * n
        self.seen: list[list[str]] = [[] for _ in range(n)]

    def see(self, cells: list[str], kept: list[tuple[int, frozenset[str]]]) -> None:
        for i, (pos, values) in enumerate(kept):
            cell = cells[pos].strip()
            if cell.casefold() in values:
                self.matched[i] = True
            elif (
                not self.matched[i] and cell and cell not in self.seen[i] and len(self.seen[i]) < 5
            ):
                self.seen[i].append(cell)

    def notes(
        self, spec: NetworkSpec, header: list[str], kept: list[tuple[int, frozenset[str]]]
    ) -> list[str]:
        out = []
        for i, ((_column, values), (pos, _)) in enumerate(zip(spec.where, kept, strict=True)):
            if self.matched[i]:
                continue
            held = ", ".join(self.seen[i])
            out.append(
                f"network.where: no row had {header[pos]} = {' or '.join(values)}, so every"
                " row was skipped (skipped_by_mapping)"
                + (f"; the column holds {held}" if held else "")
                + ": check the value in the mapping"
            )
        return out


def _where_positions(
    spec: NetworkSpec, header: list[str], width: int, source: str
) -> list[tuple[int, frozenset[str]]]:
    """``network.where``: each column's position and the values (trimmed, case aside) its
    rows must hold to be read; a column the file does not have is an error."""
    kept = []
    for column, values in spec.where:
        pos = _position((column,), header, None, width)
        if pos is None:
            raise InputError(
                "a network.where column is missing",
                source=source,
                column=column,
                hint=f"{_did_you_mean(column, header)}the file has columns {', '.join(header)}",
            )
        kept.append((pos, frozenset(v.strip().casefold() for v in values)))
    return kept


def _unwanted_cell(cells: list[str], kept: list[tuple[int, frozenset[str]]]) -> int | None:
    """The index (in ``kept``) of the first ``where`` column whose cell is not one of its
    values, or None when the row is to be read."""
    for i, (pos, values) in enumerate(kept):
        if cells[pos].strip().casefold() not in values:
            return i
    return None


def _did_you_mean(column: str, header: list[str]) -> str:
    """``"did you mean 'X'? "`` for the header a mistyped column name most likely means."""
    from linkgraph.ingest.build import closest_header

    close = closest_header(column, header)
    return f"did you mean {close!r}? " if close else ""


def _optional_column(
    wanted: tuple[str, ...] | int | None,
    header: list[str],
    has_header: bool,
    width: int,
    source: str,
    key: str = "network",
) -> int | None:
    """The position of an optional mapped column (a weight, time, role or direction column
    the mapping names); a named one the file does not have is an error, saying the
    header it most likely means."""
    if wanted is None:
        return None
    pos = _position(wanted, header if has_header else None, None, width)
    if pos is None:
        column = str(wanted[0] if isinstance(wanted, tuple) else wanted)
        if isinstance(wanted, int):
            said = f"the file has {width} column(s), numbered from 0"
        elif not has_header:
            said = "the file has no header row: name the column by its 0-based position"
        else:
            said = f"{_did_you_mean(column, header)}the file has columns {', '.join(header[:20])}"
        raise InputError(
            f"the column {key} names is missing from the file",
            source=source,
            column=column,
            hint=f"{said}; fix {key} in the mapping (or leave it out)",
        )
    return pos


def _joined_roles(written: list[str]) -> str | None:
    """The distinct roles of a node's rows, each in the vocabulary (``"victim;suspect"``)."""
    out: list[str] = []
    for value in written:
        for part in (canonical_role(value) or "").split(";"):
            if part and part not in out:
                out.append(part)
    return ";".join(out) or None


def _merged_roles(*found: dict[str, str | None]) -> dict[str, str | None]:
    """node -> roles, from an edge list's role columns and a node list's role column."""
    out: dict[str, list[str]] = {}
    for roles in found:
        for node, role in roles.items():
            if role:
                out.setdefault(node, []).append(role)
    return {node: _joined_roles(written) for node, written in out.items()}


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


@dataclass
class NodeList:
    """A node list's nodes: their ids in file order, and per id the label to show (when a
    column apart from the ids holds names: Gephi's ``Id`` and ``Label``), the role (a role
    column, or any column of role words) and other attributes; the columns used."""

    ids: list[str]
    labels: dict[str, str] = field(default_factory=dict)
    roles: dict[str, str | None] = field(default_factory=dict)
    attrs: dict[str, dict[str, str]] = field(default_factory=dict)
    id_column: str | None = None
    label_column: str | None = None
    role_column: str | None = None
    #: node -> entity type, for the nodes a mode column puts apart from the first mode
    types: dict[str, str] = field(default_factory=dict)
    mode_column: str | None = None
    notes: list[str] = field(default_factory=list)


def _node_list(path: Path, source: str, mapping: Mapping) -> list[str]:
    """The labels (ids) of a node list file (``network.nodes``), in file order."""
    return read_node_list(path, source, mapping).ids


def _node_list_delimiter(text: str, delimiter: str | None) -> str | None:
    """The node list's separator. The mapping's ``delimiter`` describes the edge file; the
    node list is another file, often written by another tool: it is used there only when
    its first record holds it, and a whitespace delimiter only when no comma, tab,
    semicolon or bar does (labels hold spaces: "0,Cuidador 1" is two cells, not three).
    Otherwise the node list's own separator is detected (None)."""
    if delimiter is None:
        return None
    first = next((ln for ln in text.split("\n") if ln.strip() and not _is_comment(ln)), "")
    if delimiter in _WHITESPACE:
        return None if any(d in first for d in (",", "\t", ";", "|")) else delimiter
    sep = "\t" if delimiter in ("\\t", "tab") else delimiter
    return delimiter if sep in first else None


def read_node_list(
    path: Path, source: str, mapping: Mapping, used: set[str] | None = None
) -> NodeList:
    """A node list file (``network.nodes``). Its id column is the one whose values the
    edges use (``used``; else name, id, node, label, vertex, actor by header, else the
    first); a label or name column beside it gives the nodes' names, and a role column
    (or one whose values are role words: victim, suspect, in any language) their roles."""
    if not path.is_file():
        raise InputError(
            f"the node list {path.name} does not exist",
            source=source,
            hint=f"looked for {path}; give the node list's path",
        )
    text = path.read_text(encoding=detect_encoding(path, mapping.encoding))
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    records, _sep = _split_lines(text, _node_list_delimiter(text, mapping.delimiter), path.name)
    records = [r for r in records if not (r and _is_comment(r[0]))]
    if not records:
        return NodeList([])
    keys = [header_key(c) for c in records[0]]
    named = next((keys.index(k) for k in _NODE_COLUMNS if k in keys), None)
    has_header = named is not None or not _first_row_is_data(records[0], used)
    body = records[1:] if has_header else records
    header = [c.strip() for c in records[0]] if has_header else []
    body = _node_rows_where(body, header, mapping.network)
    width = max((len(r) for r in body), default=0)
    columns = [[r[i].strip() if len(r) > i else "" for r in body] for i in range(width)]
    col = _id_column(columns, named, used)
    ids = list(dict.fromkeys(v for v in columns[col] if v)) if columns else []
    out = NodeList(ids, id_column=header[col] if header and col < len(header) else None)
    if not has_header:  # no header: column_1, column_2, ...; the first column of text names
        header = [f"column_{i + 1}" for i in range(width)]
        keys = header
    label = _label_column(keys, columns, col)
    if label is None and not has_header:
        label = _text_column(columns, col)
    role = _role_column(keys, columns, col)
    mode = _mode_column(keys, columns, (col, label, role))
    _note_dropped_cells(out, path.name, body, len(header), has_header)
    first = {}
    for n, node in enumerate(columns[col]):
        first.setdefault(node, n)
    for node, n in first.items():
        if not node:
            continue
        if label is not None and columns[label][n]:
            out.labels[node] = columns[label][n]
        if role is not None and columns[role][n]:
            out.roles[node] = _joined_roles([columns[role][n]])
        extra = {
            header[i]: columns[i][n]
            for i in range(min(width, len(header)))
            if i not in (col, label, role) and columns[i][n]
        }
        if extra:
            out.attrs[node] = extra
    out.label_column = header[label] if label is not None else None
    out.role_column = header[role] if role is not None else None
    if role is None and label is not None and _roles_in_labels(out):
        out.role_column = header[label]
    if mode is not None:
        _read_modes(out, path.name, header[mode], columns[mode], columns[col], mapping)
    return out


def _node_rows_where(
    body: list[list[str]], header: list[str], spec: NetworkSpec | None
) -> list[list[str]]:
    """A node list's rows that ``network.where`` keeps: of its columns the node list has
    (networkdata's ``graph``), the rows holding one of the values; all rows otherwise."""
    if spec is None or not spec.where or not header:
        return body
    kept = [
        (pos, frozenset(v.strip().casefold() for v in values))
        for column, values in spec.where
        if (pos := _position((column,), header, None, len(header))) is not None
    ]
    return [r for r in body if _unwanted_cell((r + [""] * len(header)), kept) is None]


#: Header names of a node list's column that tells the two modes of a two-mode network apart
#: (igraph writes a bipartite graph's ``type`` as FALSE/TRUE).
_MODE_HEADERS = frozenset({"type", "mode", "kind", "bipartite", "node_type", "nodetype",
                           "category", "class", "is_event"})  # fmt: skip
_TRUE = frozenset({"true", "t", "yes", "1"})
_FALSE = frozenset({"false", "f", "no", "0"})


def _mode_column(
    keys: list[str], columns: list[list[str]], used: tuple[int | None, ...]
) -> int | None:
    """A column (named ``type``, ``mode``, ``kind``, ...) that splits the nodes in two
    modes: FALSE/TRUE flags, both present, or names of entity types (person, event,
    meeting, organisation), one at least not a person; else None."""
    for i, key in enumerate(keys):
        if i in used or i >= len(columns) or key.replace(" ", "_") not in _MODE_HEADERS:
            continue
        values = {v.strip().lower() for v in columns[i] if v.strip()}
        if values and values <= _TRUE | _FALSE and values & _TRUE and values & _FALSE:
            return i
        types = {_named_type(v) for v in values}
        if values and "" not in types and types - {"person"}:
            return i
    return None


def _named_type(written: str) -> str:
    """The entity type a node list's mode column names ("Person", "meeting", "summit"), else
    ""."""
    from linkgraph.ingest.anx import entity_type
    from linkgraph.schema import ENTITY_TYPES

    word = written.strip().lower()
    if word in ENTITY_TYPES:
        return word
    if word in ("summit", "summits", "events", "meetings", "gathering", "dinner", "party"):
        return "event"
    return entity_type(word)


def _read_modes(
    out: NodeList, file: str, column: str, values: list[str], ids: list[str], mapping: Mapping
) -> None:
    """The node types ``column`` gives (FALSE: the first mode, ``network.node_type``; TRUE:
    the second, ``network.target_type`` else event), and a note saying so."""
    spec = mapping.network or NetworkSpec()
    second = spec.target_type or "event"
    counts: dict[str, int] = {}
    for node, value in zip(ids, values, strict=True):
        word = value.strip().lower()
        if not node or node in out.types:
            continue
        if word in _TRUE | _FALSE:
            kind = second if word in _TRUE else spec.node_type
        else:
            kind = _named_type(word) or spec.node_type
        if kind != spec.node_type:
            out.types[node] = kind
            counts[kind] = counts.get(kind, 0) + 1
    out.mode_column = column
    if counts:
        read = ", ".join(f"{n:,} as {kind}" for kind, n in sorted(counts.items()))
        flags = (
            " (TRUE: the second mode, as igraph writes a bipartite graph)"
            if any(v.strip().lower() in _TRUE for v in values)
            else ""
        )
        out.notes.append(
            f"two-mode network: the node list {file}'s column '{column}' tells the nodes'"
            f" kinds{flags}; {read} (not {spec.node_type}s), each tie to a {spec.node_type}"
            f" read as `attended` (`member_of` an organisation); set network.target_type to"
            f" read the second mode as another type"
        )


def _first_row_is_data(first: list[str], used: set[str] | None) -> bool:
    """Whether a node list's first row is a node, not a header: its first cell a number,
    or one of the edges' node labels."""
    cell = first[0].strip() if first else ""
    return bool(_NUMBER.match(cell)) or bool(used and cell in used)


def _text_column(columns: list[list[str]], col: int) -> int | None:
    """In a node list without a header, the first column beside the ids of names: mostly
    not numbers, and not the ids again."""
    for i, values in enumerate(columns):
        written = [v for v in values if v]
        if i == col or not written:
            continue
        numbers = sum(1 for v in written if _NUMBER.match(v))
        if numbers <= len(written) / 2 and any(
            v != w for v, w in zip(values, columns[col], strict=True)
        ):
            return i
    return None


def _roles_in_labels(out: NodeList) -> bool:
    """Roles named in the nodes' labels ("Víctima reclutador 1", "Victim 3"), read as a
    role column's are when no column holds roles; whether any was found."""
    from linkgraph.schema import ROLES

    for node, shown in out.labels.items():
        parts = [p for p in (canonical_role(shown) or "").split(";") if p in ROLES]
        if parts:
            out.roles[node] = ";".join(parts)
    return bool(out.roles)


def _note_dropped_cells(
    out: NodeList, file: str, body: list[list[str]], width: int, has_header: bool
) -> None:
    """A note when rows hold more cells than the header names (they are not read)."""
    if not has_header:
        return
    wider = [n for n, r in enumerate(body, start=2) if any(c.strip() for c in r[width:])]
    if wider:
        out.notes.append(
            f"the node list {file} has {len(wider):,} rows with more cells than its header"
            f" names (first: row {wider[0]}); the cells beyond column {width} are not read:"
            " name every column in the header"
        )


def _id_column(columns: list[list[str]], named: int | None, used: set[str] | None) -> int:
    """The node list's id column: the one holding most of the edges' node labels, else
    the one its header names, else the first."""
    if used and columns:
        hits = [len(used & set(c)) for c in columns]
        best = max(range(len(columns)), key=lambda i: (hits[i], i == named))
        if hits[best]:
            return best
    return named if named is not None else 0


def _label_column(keys: list[str], columns: list[list[str]], col: int) -> int | None:
    """A column of names beside the id column (``Label``, ``name``) that says more than
    the ids do, else None."""
    from linkgraph.ingest._graph_names import node_field

    for i, key in enumerate(keys):
        if (
            i != col
            and i < len(columns)
            and node_field(key, ("label",)) == "label"
            and any(v and v != w for v, w in zip(columns[i], columns[col], strict=True))
        ):
            return i
    return None


def _role_column(keys: list[str], columns: list[list[str]], col: int) -> int | None:
    """A column of roles: named so (Role, Rolle), else one whose values are mostly role
    words (a ``type`` or ``category`` column of victim/suspect)."""
    from linkgraph.ingest._graph_names import node_field

    for i, key in enumerate(keys):
        if i != col and i < len(columns) and node_field(key, ("role",)) == "role":
            return i
    for i, values in enumerate(columns):
        if i != col and role_words(values):
            return i
    return None


def role_words(values: list[str]) -> bool:
    """Whether the non-empty ``values`` are mostly role words (victim, suspect, witness, in
    any language), and one at least a victim or a suspect."""
    from linkgraph.schema import ROLES

    written = collections.Counter(v for v in values if v)
    if not written:
        return False
    # Each distinct value once; a role is written in letters (no spelling of one is
    # without), so numbers and a cell over the cell_too_long limit are not looked up.
    parts = {
        v: set((canonical_role(v) or "").split(";"))
        for v in written
        if len(v) <= 10_000 and any(c.isalpha() for c in v)
    }
    known = sum(written[v] for v, p in parts.items() if p & set(ROLES))
    total = sum(written.values())
    return known >= total / 2 and any(p & {"victim", "suspect"} for p in parts.values())


def _matrix_edges(
    text: str, source: str, mapping: Mapping, rejects: list[dict[str, Any]]
) -> tuple[pd.DataFrame, dict[int, str], int]:
    records, _sep = _split_lines(text, mapping.delimiter, source)
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
            if w < 0:  # a signed network's negative tie: not read (see the edge list's)
                rejects.append(_reject(source, n, labels[j], "weight_invalid", c, "value"))
                continue
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
    time_column = edges.attrs.get("time_column", "time")
    # Nodes: first appearance of each (type, label), as a source (slot "source") or target.
    node_types: dict[str, str] = edges.attrs.get("node_types") or {}
    first: dict[tuple[str, str], tuple[int, str]] = {}
    for lab, row in (edges.attrs.get("nodes") or {}).items():
        first[(node_types.get(lab, src_type), lab)] = (row, "node")
    for lab, row in (edges.attrs.get("target_nodes") or {}).items():
        first[(node_types.get(lab, dst_type), lab)] = (row, "node")
    for a, b, r in zip(edges["src"], edges["dst"], edges["row"], strict=True):
        first.setdefault((node_types.get(a, src_type), a), (r, "source"))
        first.setdefault((node_types.get(b, dst_type), b), (r, "target"))
    keys = list(first)
    # A label is an identity within its type: the id does not depend on rows or order.
    ids = {key: stable_id("m", source, key[0], key[1]) for key in keys}
    shown = edges.attrs.get("labels") or {}  # a node list's names of its ids
    names = [shown.get(lab) or prefix + lab for _, lab in keys]
    types = [t for t, _ in keys]
    roles = edges.attrs.get("roles") or {}
    node_attrs = edges.attrs.get("node_attrs") or {}
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
            "role": pd.array(
                [roles.get(lab) if t == src_type else None for t, lab in keys], dtype="string"
            ),
            "attrs": [_node_attrs(lab, shown, node_attrs) for _, lab in keys],
            "country": pd.array([_place_country(t, lab) for t, lab in keys], dtype="string"),
        }
    )
    if edges.empty:
        return mentions, pd.DataFrame()
    symmetric = bool(edges.attrs.get("symmetric"))
    loops = edges["src"] == edges["dst"]
    for r, lab in zip(edges.loc[loops, "row"], edges.loc[loops, "src"], strict=True):
        rejects.append(_reject(source, int(r), None, "self_loop", lab, "value"))
    edges = edges[~loops].copy()
    # A blank (or unreadable, rejected) weight: the tie is written, so it counts 1, as
    # Gephi and networkx read a missing weight.
    unweighted = int(edges["weight"].isna().sum())
    edges["weight"] = edges["weight"].fillna(1.0)
    if "undirected" not in edges.columns:
        edges["undirected"] = not spec.directed
    edges["undirected"] = edges["undirected"].astype(bool) & (spec.target_type is None)
    if node_types:
        edges = _two_mode_ties(edges, node_types, spec)
    if symmetric:
        # An undirected network written both ways: one undirected link per pair.
        edges = edges[(edges["src"] < edges["dst"]).to_numpy()].copy()
        edges["undirected"] = spec.target_type is None
        log.info("%s: symmetric matrix, one undirected link per pair", source)
    elif _stored_both_ways(edges):
        # Every undirected tie written as (a, b) and (b, a) with the same weight (SNAP's
        # undirected files): each tie once, not two rows combined into a double weight.
        mirror = edges["undirected"] & (edges["src"] > edges["dst"])
        edges.attrs["mirrored_rows"] = int(mirror.sum())
        edges = edges[~mirror.to_numpy()].copy()
    swap = edges["undirected"] & (edges["src"] > edges["dst"])
    edges.loc[swap, ["src", "dst"]] = edges.loc[swap, ["dst", "src"]].to_numpy()
    group_cols = [c for c in edges.columns if c.startswith("group:")]
    keys = [*group_cols, "src", "dst", "undirected"]
    if "kind" in edges.columns:  # a kind per row (networkx's edge data): kinds stay apart
        keys.append("kind")
    if edges["time"].notna().any():
        # Dated contacts stay apart: a window must see each one at its own time.
        edges["time"] = edges["time"].fillna("")
        keys.append("time")
    rule = spec.combine
    repeated_rows = edges.duplicated(keys, keep=False)  # rows of a pair written twice or more
    repeated = int(edges.loc[repeated_rows, keys].drop_duplicates().shape[0])
    if rule == "each":  # each row a link of its own: its row number keeps it apart
        edges["group:row"] = edges["row"].astype(str)
        group_cols.append("group:row")
        keys.insert(0, "group:row")
    grouped = edges.groupby(keys, sort=False, dropna=False)
    weight = {
        "each": grouped["weight"].sum(),
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
    src_ids = pd.Series(
        [ids[(node_types.get(a, src_type), a)] for a in combined["src"]], dtype=object
    )
    dst_ids = pd.Series(
        [ids[(node_types.get(b, dst_type), b)] for b in combined["dst"]], dtype=object
    )
    group_values = [combined[c].astype(str) for c in group_cols]
    if "time" in keys:
        group_values.append(combined["time"].fillna("").astype(str))
    written_kinds = combined["kind"] if "kind" in combined.columns else [spec.kind] * len(combined)
    kinds = [
        "associate" if u and link_kind(k).directed else k
        for u, k in zip(combined["undirected"], written_kinds, strict=True)
    ]
    link_ids = [
        stable_id("l", s, d, k, *g)
        for s, d, k, *g in zip(src_ids, dst_ids, kinds, *group_values, strict=True)
    ]
    attrs_cols: dict[str, pd.Series] = {
        c.removeprefix("group:"): combined[c].astype("string") for c in group_cols
    }
    attrs_cols.pop("row", None)  # combine: each: the link's row says it
    attrs_cols["rows"] = combined["rows"].astype("string")
    links = pd.DataFrame(
        {
            "link_id": link_ids,
            "src": src_ids,
            "dst": dst_ids,
            "kind": kinds,
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
        dst = np.zeros(len(written), dtype=np.int8)
        times, failed = parse_times(
            written, dayfirst=dayfirst, timezone=mapping.timezone, buddhist=mapping.buddhist_era,
            dst=dst,
        )  # fmt: skip
        links["time"] = times
        # warned of as a table's local times are
        links.attrs["notes"] = dst_time_notes(
            time_column, mapping.timezone, dst, combined["row"].to_numpy(), written,
            times, victim_link_rows(mentions, links),
        )  # fmt: skip
        for r, v in zip(combined.loc[failed, "row"], combined.loc[failed, "time"], strict=True):
            rejects.append(_reject(source, int(r), None, "time_invalid", str(v), "value"))
    links.attrs["repeated_pairs"] = repeated
    links.attrs["repeated_rows"] = int(repeated_rows.sum())
    links.attrs["unweighted_rows"] = unweighted
    links.attrs["mirrored_rows"] = edges.attrs.get("mirrored_rows", 0)
    return mentions, links


#: The kind of a tie from a person to a node of the second mode, by that node's type.
_MODE_KINDS = {"organisation": "member_of"}


def _two_mode_ties(
    edges: pd.DataFrame, node_types: dict[str, str], spec: NetworkSpec
) -> pd.DataFrame:
    """Ties between a node of the first mode and one a node list's mode column typed apart
    (a person and a summit): written from the person, of kind ``attended`` (``member_of``
    an organisation), directed as two-mode ties are; other ties keep ``network.kind``."""
    first = spec.node_type
    src_type = edges["src"].map(lambda v: node_types.get(v, first))
    dst_type = edges["dst"].map(lambda v: node_types.get(v, first))
    mixed = (src_type == first) != (dst_type == first)
    if not mixed.any():
        return edges
    edges = edges.copy()
    flip = (mixed & (src_type != first)).to_numpy()
    edges.loc[flip, ["src", "dst"]] = edges.loc[flip, ["dst", "src"]].to_numpy()
    other = dst_type.where(~flip, src_type)
    kinds = edges["kind"] if "kind" in edges.columns else pd.Series(spec.kind, index=edges.index)
    edges["kind"] = kinds.where(~mixed, other.map(lambda t: _MODE_KINDS.get(t, "attended")))
    edges.loc[mixed.to_numpy(), "undirected"] = False
    return edges


def _place_country(node_type: str, label: str) -> str | None:
    """The ISO code of a location node labelled with a country ("Nigeria", "NG"), so a map
    places it; else None."""
    if node_type != "location":
        return None
    try:
        return normalize.country(label)
    except ValueError:
        return None


def _node_attrs(
    label: str, shown: dict[str, str], node_attrs: dict[str, dict[str, str]]
) -> str | None:
    """A node's attributes from its node list as a JSON object (its id there when the
    list names it otherwise), else None."""
    found = dict(node_attrs.get(label, {}))
    if label in shown:
        found["node_id"] = label
    return json.dumps(found, ensure_ascii=False, sort_keys=True) if found else None


def _stored_both_ways(edges: pd.DataFrame) -> bool:
    """Whether the undirected rows hold every pair as (a, b) and (b, a) alike (weight,
    time and groups): an undirected network written both ways."""
    both = edges[edges["undirected"].to_numpy(dtype=bool)]
    if both.empty:
        return False
    rest = [c for c in both.columns if c.startswith("group:")] + ["time", "weight"]
    forward = both[["src", "dst", *rest]].astype(str)
    backward = forward.rename(columns={"src": "dst", "dst": "src"})[forward.columns]
    count = forward.value_counts(dropna=False).sort_index()
    return bool(count.equals(backward.value_counts(dropna=False).sort_index()))
