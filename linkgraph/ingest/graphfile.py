"""GEXF, GraphML, GML, DOT and Pajek import (networkx's readers), UCINET DL files
(:mod:`.ucinet_dl`), i2 ANX charts (:mod:`.anx`) and Maltego graphs (:mod:`.maltego`): nodes
become mentions, edges links. An undirected GraphML, GML, DOT or DL graph's edges with no kind
of their own are undirected ties (kind ``associate`` when the default kind is a directed one),
as a Pajek file's ``*Edges`` are.

So a Gephi user (or anyone with a GEXF / GraphML file, ours included) can bring a graph in.
A node's ``type``, ``label``, ``role``, ``country``, ``nationality``, ``dob`` and ``sex``
attributes are used when present, their names read loosely as a table's headers are
("Role", "Rolle", "Staatsangehörigkeit": :mod:`._graph_names`); the type is a linkgraph
entity type by name or by its words ("Mobile Phone"), else the mapping's
``network.node_type`` (an untyped node labelled with a phone number is a phone); other
attributes are kept in ``attrs``. An edge's ``kind`` (or type, or label) names its link kind
(:func:`edge_kind`; else the mapping's ``network.kind``); its amount and weight are read as
amount columns are; with GEXF spells, each spell is one link at its start time. A yEd edge
drawn with its arrow on the source end is read reversed.
"""

from __future__ import annotations

import json
import math
import re
import warnings
from dataclasses import replace
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from linkgraph.errors import InputError
from linkgraph.ingest import normalize
from linkgraph.ingest._columns import header_key, parse_times
from linkgraph.ingest._dst_times import dst_time_notes, victim_link_rows
from linkgraph.ingest._graph_names import edge_fields, name_key, node_fields
from linkgraph.ingest.mapping import Mapping
from linkgraph.model import stable_id
from linkgraph.schema import (
    ENTITY_TYPES,
    IDENTIFIER_FIELDS,
    LINK_KINDS,
    canonical_role,
    link_kind,
)
from linkgraph.text import fold_name

_NODE_FIELDS = ("label", "type", "role", "country", "nationality", "dob", "sex")


class _GexfReader(nx.readwrite.gexf.GEXFReader):
    """networkx's GEXF reader, also knowing GEXF 1.3's ``dateTime`` time format."""

    def construct_types(self) -> None:
        super().construct_types()
        self.python_type["dateTime"] = str


#: yEd's edge styles, whose ``<y:Arrows source=... target=...>`` say where the arrow is.
_YED_EDGES = ("PolyLineEdge", "SplineEdge", "QuadCurveEdge", "BezierEdge", "ArcEdge", "GenericEdge")


class _YedGraphMLReader(nx.readwrite.graphml.GraphMLReader):
    """networkx's GraphML reader, also reading which ends of a yEd edge carry an arrow
    (``arrows``: ``target``, ``source``, ``both`` or ``none``)."""

    def decode_data_elements(self, graphml_keys: Any, obj_xml: Any) -> dict[str, Any]:
        data: dict[str, Any] = super().decode_data_elements(graphml_keys, obj_xml)
        for element in obj_xml.findall(f"{{{self.NS_GRAPHML}}}data"):
            for style in _YED_EDGES:
                arrows = element.find(f"{{{self.NS_Y}}}{style}/{{{self.NS_Y}}}Arrows")
                if arrows is not None:
                    data["arrows"] = _arrow_ends(arrows.get("source"), arrows.get("target"))
                    return data
        return data


def _arrow_ends(source: str | None, target: str | None) -> str:
    """Which ends of an edge carry an arrow (yEd writes ``none`` for no arrow)."""
    at_source = (source or "none").strip().lower() != "none"
    at_target = (target or "none").strip().lower() != "none"
    if at_source and at_target:
        return "both"
    return "source" if at_source else ("target" if at_target else "none")


def _read_graphml(path: Path) -> nx.Graph:
    """A GraphML file read as networkx does (``force_multigraph``), with yEd's arrows."""
    reader = _YedGraphMLReader(node_type=str, edge_key_type=int, force_multigraph=True)
    graphs = list(reader(path=str(path)))
    if not graphs:  # a header without its namespace, as networkx retries it
        header = b'<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
        graphs = list(reader(string=path.read_bytes().replace(b"<graphml>", header)))
    if not graphs:
        raise nx.NetworkXError("file not successfully read as graphml")
    return graphs[0]


def _read(path: Path, fmt: str, default_kind: str) -> nx.Graph:
    if fmt == "anx":
        from linkgraph.ingest.anx import read_anx

        return read_anx(path, default_kind)
    if fmt == "mtgx":
        from linkgraph.ingest.maltego import read_mtgx

        return read_mtgx(path, default_kind)
    if fmt == "dl":
        from linkgraph.ingest.ucinet_dl import read_dl

        return read_dl(path)
    if fmt == "dot":
        return _read_dot(path)
    try:
        if fmt == "graphml":
            return _read_graphml(path)
        if fmt == "pajek":
            return _read_pajek(path)
        if fmt == "gml":
            return _read_gml(path)
        head = path.read_bytes()[:2000].decode("utf-8", "replace")
        match = re.search(r"gexf\.net/(1\.3|1\.2draft|1\.1draft)", head)
        version = match.group(1) if match else "1.2draft"
        return _GexfReader(node_type=None, version=version)(path)
    except (nx.NetworkXError, SyntaxError, ValueError, KeyError, IndexError) as exc:
        name = "Pajek" if fmt == "pajek" else fmt.upper()
        raise InputError(
            f"not a readable {name} file: {exc}",
            source=path.name,
            hint=f"check that it is {name} (Gephi: File > Export > Graph file)",
        ) from exc


#: Formats whose graph says whether it is directed (``directed 1``, ``digraph``): an
#: undirected one's edges are undirected ties.
_DIRECTED_BY_GRAPH = ("gml", "dot", "dl", "graphml")  # GraphML: edgedefault


def _read_gml(path: Path) -> nx.Graph:
    """A GML file (Newman's network data, igraph, Gephi, Cytoscape): nodes by their ids
    (a ``label`` is optional, and kept as the node's label), ``directed 1`` a directed graph;
    an edge written twice a multigraph's two edges (as ``multigraph 1`` says); an edge's
    ``value`` (Newman's weight) its weight when it has none."""
    from linkgraph.ingest.readers import detect_encoding

    text = path.read_text(encoding=detect_encoding(path, None), errors="replace")
    text = text.lstrip("\ufeff")
    _check_gml_depth(text, path.name)
    try:
        g = nx.parse_gml(text, label=None)
    except nx.NetworkXError as exc:
        if "duplicated" not in str(exc):
            raise
        g = nx.parse_gml(
            re.sub(r"\bgraph\s*\[", "graph [ multigraph 1 ", text, count=1), label=None
        )
    for *_, data in g.edges(data=True):
        if "weight" not in data and isinstance(data.get("value"), (int, float)):
            data["weight"] = data.pop("value")
    return g


#: The deepest nesting of ``[ ]`` a GML file may have (a node's ``graphics [ Line [ point
#: [ ] ] ]`` is 5 levels): networkx's parser recurses once a level, and fails at about 1,000.
MAX_GML_DEPTH = 100


def _check_gml_depth(text: str, source: str) -> None:
    """Refuse a GML file nested deeper than :data:`MAX_GML_DEPTH`, naming the line where it
    goes over (brackets inside ``"..."`` strings are not counted)."""
    depth = 0
    for match in re.finditer(r'"[^"]*"|[\[\]]', text):
        bracket = match.group()
        if bracket == "[":
            depth += 1
            if depth > MAX_GML_DEPTH:
                raise InputError(
                    f"not a readable GML file: lists nested more than {MAX_GML_DEPTH} deep",
                    source=source,
                    row=text.count("\n", 0, match.start()) + 1,
                    hint="a GML graph nests a few levels (graph [ node [ ... ] ]): check that"
                    " the file is whole and not damaged, or export the graph as GraphML",
                )
        elif bracket == "]":
            depth = max(depth - 1, 0)


def _read_dot(path: Path) -> nx.Graph:
    """A Graphviz DOT file (``.dot``, ``.gv``) read with pydot: nodes by their names (a
    ``label`` attribute kept as the label), ``digraph`` a directed graph; attribute values
    without their quotes."""
    try:
        with warnings.catch_warnings():  # pydot's parser uses pyparsing's old names
            warnings.simplefilter("ignore", DeprecationWarning)
            import pydot
    except ImportError as exc:
        raise InputError(
            "cannot read Graphviz DOT files: the pydot package is not installed",
            source=path.name,
            hint="install pydot (pip install pydot), or export the graph as GraphML",
        ) from exc
    from linkgraph.ingest.readers import detect_encoding

    text = path.read_text(encoding=detect_encoding(path, None), errors="replace")
    reason = "no graph found"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            parsed = pydot.graph_from_dot_data(text.lstrip("\ufeff"))
    except Exception as exc:  # pydot's parser raises pyparsing's errors, and others
        parsed, reason = None, (str(exc).splitlines() or [type(exc).__name__])[0]
    if not parsed:
        raise InputError(
            f"not a readable DOT file: {reason}",
            source=path.name,
            hint="check that it is Graphviz DOT (digraph G { a -> b; }), or export it as GraphML",
        )
    g = nx.nx_pydot.from_pydot(parsed[0])
    for _, data in g.nodes(data=True):
        _unquoted(data)
        if data.get("label") in ("\\N", ""):
            del data["label"]  # Graphviz's "the node's name"
    for *_, data in g.edges(data=True):
        _unquoted(data)
    return g


def _unquoted(data: dict[str, Any]) -> None:
    """DOT attribute values without the quotes pydot keeps (``"Ana"`` -> ``Ana``)."""
    for key, value in data.items():
        if isinstance(value, str) and len(value) >= 2 and value[0] == value[-1] == '"':
            data[key] = value[1:-1]


def _read_pajek(path: Path) -> nx.MultiDiGraph:
    """A Pajek ``.net`` file: nodes by their vertex labels (networkx's reader), edges with
    their weights: ``*Arcs`` (and ``*Arcslist``) directed, ``*Edges`` (``*Edgeslist``)
    undirected ties (``undirected: True``), each section read as its header says.

    ``*Vertices N`` is held to: a vertex line numbered outside 1..N is an error naming its
    line, a vertex not listed is a node labelled by its number, and a tie to a vertex
    outside 1..N is no tie but a reject (``g.graph["unlinked"]``) naming its line."""
    from linkgraph.ingest._pajek_vertices import vertices_declared
    from linkgraph.ingest.readers import detect_encoding

    text = path.read_text(encoding=detect_encoding(path, None), errors="replace")
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    numbered = [(n, line) for n, line in enumerate(lines, 1) if not line.lstrip().startswith("%")]
    rest, ties = _pajek_ties(numbered)
    declared = vertices_declared(rest, len(text), path.name)
    g = nx.MultiDiGraph(nx.parse_pajek([line for _, line in declared.lines]))
    labels = _pajek_vertex_labels([line for _, line in rest])
    for number in declared.unlisted():
        g.add_node(number, id=number)
    for u, v, data, line in ties:
        outside = [end for end in (u, v) if not declared.holds(end)]
        if outside:
            g.graph.setdefault("unlinked", []).append(
                f"line {line}: {u} -> {v}: vertex {outside[0]} is not one of the"
                f" {declared.count} that *Vertices declares"
            )
            continue
        g.add_edge(labels.get(u, u), labels.get(v, v), **data)
    return g


def _pajek_ties(
    lines: list[tuple[int, str]],
) -> tuple[list[tuple[int, str]], list[tuple[str, str, dict[str, Any], int]]]:
    """``(the other lines, each tie of the *Arcs and *Edges sections as (u, v, data,
    line))``, lines numbered; a tie of an ``*Edges`` section has ``undirected: True``."""
    import shlex

    rest: list[tuple[int, str]] = []
    ties: list[tuple[str, str, dict[str, Any], int]] = []
    section = ""
    for number, line in lines:
        head = line.strip().lower()
        if head.startswith("*"):
            section = head.split()[0]
            if section not in _PAJEK_TIE_SECTIONS:
                rest.append((number, line))
            continue
        if section not in _PAJEK_TIE_SECTIONS:
            rest.append((number, line))
            continue
        try:
            cells = shlex.split(line)
        except ValueError:
            cells = line.split()
        undirected = {"undirected": True} if section.startswith("*edges") else {}
        if section.endswith("list"):  # "1 2 3 4": ties 1-2, 1-3, 1-4, no weights
            ties.extend((cells[0], v, dict(undirected), number) for v in cells[1:])
        elif len(cells) >= 2:
            data = {**_pajek_tie_data(cells[2:]), **undirected}
            ties.append((cells[0], cells[1], data, number))
    return rest, ties


#: Pajek's sections of ties, each line one tie (or, ``*...list``, one node's ties).
_PAJEK_TIE_SECTIONS = ("*arcs", "*edges", "*arcslist", "*edgeslist")


def _pajek_tie_data(cells: list[str]) -> dict[str, Any]:
    """A tie line's weight (its third cell, when a number) and ``key value`` attributes."""
    try:
        weight = float(cells[0])
        # NaN or infinity: kept as written, for the weight's check to reject
        data: dict[str, Any] = {"weight": weight if math.isfinite(weight) else cells[0]}
    except (IndexError, ValueError):
        data = {}
    data.update(zip(cells[1::2], cells[2::2], strict=False))
    return data


def _pajek_vertex_labels(lines: list[str]) -> dict[str, str]:
    """A Pajek vertex number -> its label (the number itself when it has none)."""
    import shlex

    labels: dict[str, str] = {}
    in_vertices = False
    for line in lines:
        head = line.strip().lower()
        if head.startswith("*"):
            in_vertices = head.startswith("*vertices")
            continue
        if in_vertices:
            try:
                cells = shlex.split(line)
            except ValueError:
                cells = line.split()
            if cells:
                labels[cells[0]] = cells[1] if len(cells) > 1 else cells[0]
    return labels


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
    column: str,
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
        rejects.append({"source": source, "row": row, "column": column,
                        "reason": f"{field}_invalid", "value": value[:200],
                        "level": "value"})  # fmt: skip
    return out or value


#: Edge attributes of the readers' own (networkx's, ours), not kept in a link's attrs.
_EDGE_OWN = frozenset(
    {
        "id",
        "spells",
        "start",
        "end",
        "first",
        "directed",
        "undirected",
        "kind",
        "weight",
        "amount",
        "type",
    }
)
#: yEd arrows that say nothing to keep: the arrow at the target, or reversed (source).
_PLAIN_ARROWS = ("target", "source")
#: Words of a tie of holding or using (i2's "Uses", "Account Holder", "Owner"), read as
#: the link kind that fits the other end's type.
_HOLDING = re.compile(
    r"(^|_)(uses?|used_by|user|has|have|holds?|holder|owns?|owned_by|owner"
    r"|possess\w*|registered_to|subscriber)(_|$)"
)
_HOLDING_KINDS = {
    "phone": "uses_phone",
    "email": "uses_email",
    "account": "holds_account",
    "document": "holds_document",
    "vehicle": "owns_vehicle",
    "address": "lives_at",
}
_HOLDERS = ("person", "organisation")
#: An edge label longer than this many words is a note, not the name of a kind.
_KIND_WORDS = 3


def edge_kind(
    found: tuple[str, Any] | None, default: str, src_type: str, dst_type: str
) -> tuple[str, bool]:
    """``(link kind, whether to swap the ends)`` of an edge whose kind attribute (or label)
    is ``found``: a kind of ours by name or words (:func:`~linkgraph.ingest.anx.link_kind_of`);
    a tie of holding ("Uses", "Account Holder") as the kind that fits the ends' types
    (person -> phone is uses_phone), the holder first; a label that names no kind of ours
    a kind of its own name when short ("recruited"), else ``default`` (the label is kept
    in the link's attrs).

    Examples:
        >>> edge_kind(("type", "Uses"), "associate", "person", "phone")
        ('uses_phone', False)
        >>> edge_kind(("type", "Account Holder"), "associate", "account", "person")
        ('holds_account', True)
        >>> edge_kind(("label", "uses phone"), "contacted", "person", "phone")
        ('uses_phone', False)
        >>> edge_kind(("label", "met him twice in Odesa in March"), "contacted", "person", "person")
        ('contacted', False)
    """
    from linkgraph.ingest.anx import link_kind_of

    if found is None:
        return default, False
    name, value = found
    written = str(value).strip()
    key = header_key(written)
    kind = key if key in LINK_KINDS else ""
    if (not kind or kind in _HOLDING_KINDS.values()) and (kind or _HOLDING.search(key)):
        if src_type in _HOLDERS and dst_type in _HOLDING_KINDS:
            return _HOLDING_KINDS[dst_type], False
        if dst_type in _HOLDERS and src_type in _HOLDING_KINDS:
            return _HOLDING_KINDS[src_type], True
    if kind:
        return kind, False
    kind = link_kind_of(written, default)
    if kind not in LINK_KINDS and name_key(name) == "label" and len(key.split("_")) > _KIND_WORDS:
        return default, False
    return kind, False


def _value(v: Any) -> Any:
    return v if isinstance(v, (str, int, float, bool)) or v is None else str(v)


def _entity_type_of(written: str) -> str:
    """The entity type a node's type attribute names: ours by name, else by its words
    ("Mobile Phone", "Cell Tower", "IP Address"; :func:`~linkgraph.ingest.anx.entity_type`),
    else ""."""
    from linkgraph.ingest.anx import entity_type

    return written if written in ENTITY_TYPES else entity_type(written)


_PHONE_LIKE = re.compile(r"\+?[\d\s().\-/]+")


def _is_phone_label(label: str, region: str | None) -> bool:
    """Whether an untyped node's label is a phone number: digits, +, spaces and dashes
    only, and a valid number (in ``region`` when written nationally)."""
    if not _PHONE_LIKE.fullmatch(label.strip()) or sum(c.isdigit() for c in label) < 6:
        return False
    try:
        return normalize.phone(label, region) is not None
    except ValueError:
        return False


def _label_text(value: Any) -> str:
    """A node's label as text: a whole number stored as a double (igraph writes a numeric
    label ``attr.type="double"``) without its ``.0``.

    Examples:
        >>> _label_text(1.0), _label_text(2.5), _label_text("Ana")
        ('1', '2.5', 'Ana')
    """
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _node_mention(
    node: Any,
    data: dict[str, Any],
    row: int,
    mapping: Mapping,
    rejects: list[dict[str, Any]],
    source: str,
    agency: str | None,
) -> dict[str, Any]:
    """The mention of one node: its fields found by their attributes' loose names
    (:func:`~linkgraph.ingest._graph_names.node_fields`), the rest kept in ``attrs``."""
    from linkgraph.ingest.anx import role_of_type

    fields = node_fields(data)
    label = _label_text(fields["label"][1]) if "label" in fields else str(node)
    written_type = str(fields["type"][1]).strip() if "type" in fields else ""
    etype = _entity_type_of(written_type) if written_type else ""
    if written_type and not etype:
        rejects.append({"source": source, "row": row, "column": fields["type"][0],
                        "reason": "unknown_entity_type", "value": written_type[:200],
                        "level": "value"})  # fmt: skip
    region = data.get("phone_region") or mapping.region
    if not etype:
        etype = "phone" if not written_type and _is_phone_label(label, region) else ""
    etype = etype or (mapping.network.node_type if mapping.network else "person")
    role = fields["role"][1] if "role" in fields else role_of_type(written_type)
    if etype == "person" and not written_type and _organisation_name(label, role):
        etype = "organisation"  # an untyped "Dream Travel SRL", as a payment's holder
    used = {name for name, _ in fields.values()} | set(_NODE_FIELDS) | {"id", "phone_region"}
    extra = {k: _value(v) for k, v in data.items() if k not in used}
    rec: dict[str, Any] = {
        "mention_id": stable_id("m", source, row, "node", 0), "type": etype, "slot": "node",
        "label": label, "role": canonical_role(str(role) if role else None),
        "attrs": json.dumps({"node_id": str(node), **extra}, ensure_ascii=False,
                            sort_keys=True, default=str),
        "source": source, "agency": agency, "row": row, "flags": None,
    }  # fmt: skip
    if etype in ("person", "organisation"):
        rec["name"] = label
        rec["name_latin"] = fold_name(label) or None
    key = IDENTIFIER_FIELDS.get(etype)
    values = {f: (fields[f][0], fields[f][1]) for f in _VALUE_FIELDS if f in fields}
    if key is not None:
        values[key] = ("label", label)
    reading = replace(mapping, region=region) if region != mapping.region else mapping
    for field, (column, value) in values.items():
        rec[field] = _normalised(field, str(value), reading, rec, rejects, source, row, column)
    if key is not None:
        rec["identifier"] = rec[key]
    return rec


def _organisation_name(label: str, role: object) -> bool:
    """Whether an untyped node's label names an organisation
    (:func:`~linkgraph.ingest.normalize.is_organisation`); a victim stays a person."""
    victim = role is not None and "victim" in (canonical_role(str(role)) or "")
    return not victim and normalize.is_organisation(label)


def _number(
    field: str, found: tuple[str, Any] | None, rejects: list[dict[str, Any]], source: str, row: int
) -> float | None:
    """An edge's amount or weight read as a table's amount is (``1.500,00``, ``€1,500``,
    ``2,5``); None when absent, and one that cannot be read is a ``{field}_invalid``
    value-level reject naming its attribute."""
    if found is None:
        return None
    column, value = found
    read: float | None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        read = float(value)
    else:
        try:
            written = normalize.amount(str(value))
        except ValueError:
            written = None
        read = None if written is None else float(written)
    if read is None or not math.isfinite(read):  # NaN and infinity are no weight
        rejects.append({"source": source, "row": row, "column": column,
                        "reason": f"{field}_invalid", "value": str(value)[:200],
                        "level": "value"})  # fmt: skip
        return None
    return float(read)


def _edge_currency(
    fields: dict[str, tuple[str, Any]], rejects: list[dict[str, Any]], source: str, row: int
) -> str | None:
    """An edge's currency, as a table's payment has it: its currency attribute, else the
    currency written in its amount (``€1,500``, ``2.000,50 MDL``, ``1 250,00 zł``). One
    that cannot be read is a ``currency_invalid`` value-level reject; an amount whose
    currency disagrees with the attribute (``€100`` beside ``USD``; ``$`` agrees with any
    dollar) leaves the currency unknown and is a ``currency_conflict``, as in a table."""
    given = None
    if "currency" in fields:
        column, value = fields["currency"]
        try:
            given = normalize.currency(str(value))
        except ValueError:
            rejects.append({"source": source, "row": row, "column": column,
                            "reason": "currency_invalid", "value": str(value)[:200],
                            "level": "value"})  # fmt: skip
    written = None
    if "amount" in fields and isinstance(fields["amount"][1], str):
        column, value = fields["amount"]
        try:
            written = normalize.amount_currency(value)
        except ValueError:  # two currencies in one amount
            rejects.append({"source": source, "row": row, "column": column,
                            "reason": "currency_conflict", "value": value[:200],
                            "level": "value"})  # fmt: skip
            return None
    if given is None or written is None:
        return given or (written.split()[0] if written else None)
    if given in written.split():
        return given
    amount_column, amount_text = fields["amount"]
    said = (
        f"{amount_text} ({amount_column}) against {fields['currency'][1]} ({fields['currency'][0]})"
    )
    rejects.append({"source": source, "row": row, "column": amount_column,
                    "reason": "currency_conflict", "value": said[:200],
                    "level": "value"})  # fmt: skip
    return None


def read_graph_file(
    path: Path, fmt: str, mapping: Mapping, *, agency: str | None, notes: list[str] | None = None
) -> tuple[pd.DataFrame, pd.DataFrame, list[dict[str, Any]], int]:
    """``(mentions, links, rejects, rows read)`` of a GEXF, GraphML, GML, DOT, Pajek, UCINET
    DL, ANX or MTGX file; the summary's warnings on how it was read (local times in a
    daylight-saving change) are added to ``notes``."""
    default_kind = mapping.network.kind if mapping.network else "contacted"
    g = _read(path, fmt, default_kind)
    undirected_graph = fmt in _DIRECTED_BY_GRAPH and not g.is_directed()
    source = path.name
    rejects: list[dict[str, Any]] = []
    mention_of: dict[Any, str] = {}
    type_of: dict[str, str] = {}
    mentions = []
    for row, (node, data) in enumerate(g.nodes(data=True), start=1):
        rec = _node_mention(node, data, row, mapping, rejects, source, agency)
        mention_of[node] = rec["mention_id"]
        type_of[rec["mention_id"]] = rec["type"]
        mentions.append(rec)
    links = []
    seen_undirected: set[tuple[str, str, str]] = set()
    row = g.number_of_nodes()
    edges = g.edges(keys=True, data=True) if g.is_multigraph() else g.edges(data=True)
    for edge in edges:
        row += 1
        u, v, data = edge[0], edge[1], edge[-1]
        fields = edge_fields(data)
        src, dst = mention_of[u], mention_of[v]
        if data.get("arrows") == "source":  # drawn with its arrow on the source end
            src, dst = dst, src
        kind, swap = edge_kind(fields.get("kind"), default_kind, type_of[src], type_of[dst])
        if swap:
            src, dst = dst, src
        # A Pajek *Edges tie, or an undirected graph's edge with no kind of its own (an
        # edge that names its kind, `paid`, keeps it: its direction comes from its kind)
        tie = data.get("undirected") or (undirected_graph and fields.get("kind") is None)
        if tie and link_kind(kind).directed:
            kind = "associate"
        if data.get("directed") is False or data.get("type") == "mutual":
            key = (min(src, dst), max(src, dst), kind)
            if key in seen_undirected:
                continue  # a mutual edge read back as one edge each way
            seen_undirected.add(key)
        times = [s[0] for s in data.get("spells") or [] if s and s[0]]
        if not times:
            times = [fields["time"][1] if "time" in fields else None]
        weight = _number("weight", fields.get("weight"), rejects, source, row) or 1.0
        amount = _number("amount", fields.get("amount"), rejects, source, row)
        currency = _edge_currency(fields, rejects, source, row)
        # An edge's label stays in its attributes even when it named the kind.
        used = {name for name, _ in fields.values() if name_key(name) != "label"} | _EDGE_OWN
        extra = {k: _value(v) for k, v in data.items() if k not in used}
        if extra.get("arrows") in _PLAIN_ARROWS:
            del extra["arrows"]  # kept only when both ends or none carry an arrow
        attrs = (
            json.dumps(extra, ensure_ascii=False, sort_keys=True, default=str) if extra else None
        )
        for k, when in enumerate(times):
            links.append(
                {"link_id": stable_id("l", source, row, k), "src": src, "dst": dst,
                 "kind": kind, "time": when, "weight": weight / len(times),
                 "amount": amount / len(times) if amount is not None else None,
                 "currency": currency, "attrs": attrs, "source": source, "agency": agency,
                 "row": row}
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
        dst = np.zeros(len(written), dtype=np.int8)
        times, failed = parse_times(
            written,
            dayfirst=mapping.dayfirst is not False,
            timezone=mapping.timezone,
            buddhist=mapping.buddhist_era,
            dst=dst,
        )
        lk["time"] = times.to_numpy()
        if notes is not None:  # warned of as a table's local times are
            notes += dst_time_notes(
                "the edges' times", mapping.timezone, dst, lk["row"].to_numpy(), written, times,
                victim_link_rows(m, lk),
            )  # fmt: skip
        for i in np.flatnonzero(failed.to_numpy(bool)):
            rejects.append({"source": source, "row": int(lk["row"].iloc[i]), "column": "time",
                            "reason": "time_invalid", "value": str(written.iloc[i])[:200],
                            "level": "value"})  # fmt: skip
    return m, lk, rejects, row
