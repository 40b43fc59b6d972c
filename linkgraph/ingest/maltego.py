"""Maltego graphs (``.mtgx``) read as a graph: Maltego entities become nodes and links
edges, for :func:`~linkgraph.ingest.graphfile.read_graph_file`.

An ``.mtgx`` file is a zip holding ``Graphs/Graph1.graphml`` (and more graphs, read in
turn): GraphML whose nodes carry an ``mtg:MaltegoEntity`` (``type="maltego.PhoneNumber"``
and properties, each a name and a ``mtg:Value``) and whose edges carry an
``mtg:MaltegoLink`` (its label or manual type in its properties). Entity types are read as
ours by their words, as in i2 charts (:func:`~linkgraph.ingest.anx.entity_type`:
``maltego.Person``, ``maltego.PhoneNumber``, ``maltego.EmailAddress``, ``maltego.Company``,
``maltego.Location``, ``maltego.URL``); an entity's value is its type's main property
(``person.fullname``, ``phonenumber``, ``email``, ...) else its first; every property is
kept, and those linkgraph has a field for fill it.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
import zlib
from pathlib import Path
from typing import Any

import networkx as nx

from linkgraph.errors import InputError
from linkgraph.ingest._graph_names import node_field
from linkgraph.ingest.anx import FIELDS, entity_type, link_kind_of, role_of_type
from linkgraph.ingest.archive import check_members

_GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
_MTG = "{http://maltego.paterva.com/xml/mtgx}"
#: An entity type's main property, where it is not the first.
_MAIN = {
    "person": ("person.fullname", "fullname"), "phone": ("phonenumber", "phone"),
    "email": ("email", "emailaddress"), "organisation": ("title", "company", "organization"),
    "location": ("location.name", "country"), "image": ("url", "hash", "description"),
    "ad": ("url", "short-title", "fqdn", "alias", "ipv4-address", "ipv6-address",
           "affiliation.profile-url", "affiliation.uid"),
}  # fmt: skip
#: A person's name parts, joined as her name when no full name is given.
_NAME_PARTS = (
    "person.firstnames",
    "person.firstname",
    "person.middlename",
    "person.lastname",
    "person.surname",
)
#: Link properties that name the link, tried in this order.
_LINK_NAMES = ("maltego.link.manual.type", "maltego.link.label", "label")
#: A graph member larger than this (uncompressed) is refused before it is unpacked: it
#: is parsed in memory, which takes several times its size (a damaged file or a zip bomb).
MAX_GRAPH_BYTES = 256 * 1024**2


def _properties(element: ET.Element) -> dict[str, str]:
    out: dict[str, str] = {}
    for prop in element.iter(f"{_MTG}Property"):
        name = prop.get("name") or prop.get("displayName") or ""
        value = prop.find(f"{_MTG}Value")
        if name and value is not None and value.text and name not in out:
            out[name] = value.text.strip()
    return out


def _graphs(path: Path) -> list[ET.Element]:
    try:
        with zipfile.ZipFile(path) as z:
            members = sorted(
                (i for i in z.infolist() if i.filename.lower().endswith(".graphml")),
                key=lambda i: i.filename,
            )
            if not members:
                raise InputError(
                    "a zip without Maltego graphs (no Graphs/*.graphml inside)",
                    source=path.name,
                    hint="save the graph again from Maltego (File > Save as .mtgx)",
                )
            check_members(path, members, MAX_GRAPH_BYTES, "Maltego file")
            return [ET.fromstring(z.read(i)) for i in members]
    except (zipfile.BadZipFile, ET.ParseError, OSError, EOFError, zlib.error,
            NotImplementedError) as exc:  # fmt: skip
        raise InputError(
            f"not a readable Maltego graph: {exc}",
            source=path.name,
            hint="save the graph again from Maltego (File > Save as .mtgx)",
        ) from exc


def _person_name(props: dict[str, str]) -> str | None:
    """A person's name from her name parts (first names, last name) when no full name."""
    parts = [props[k] for k in _NAME_PARTS if props.get(k)]
    return " ".join(parts) or None


def _phone_region(props: dict[str, str]) -> str | None:
    """The country of a phone number's ``phonenumber.countrycode`` (40 -> RO), so that a
    number written nationally ("0721 000 111") is read as that country's."""
    import phonenumbers

    code = (props.get("phonenumber.countrycode") or "").strip().lstrip("+")
    if not code.isdigit():
        return None
    region = phonenumbers.region_code_for_country_code(int(code))
    return None if region in (None, "ZZ", "001") else region


def _entity_data(etype: str, mtype: str, props: dict[str, str], node_id: str) -> dict[str, Any]:
    """A node's data: ``label`` (the type's main property, else a person's name parts, else
    the first property), ``type``, ``maltego_type``, the fields its properties fill, the
    other properties, and ``phone_region`` for a phone with a country code."""
    main = next((props[k] for k in _MAIN.get(etype, ()) if props.get(k)), None)
    if main is None and etype == "person":
        main = _person_name(props)
    label = main or next((v for v in props.values() if v), "") or node_id
    data: dict[str, Any] = {"label": label, "type": etype or mtype, "maltego_type": mtype}
    if etype == "phone" and (region := _phone_region(props)) is not None:
        data["phone_region"] = region
    for name, value in props.items():
        field = node_field(name.rsplit(".", 1)[-1], FIELDS)
        if field and field not in data:
            data[field] = value
        else:
            data.setdefault(name, value)
    return data


def read_mtgx(path: Path, default_kind: str) -> nx.MultiDiGraph:
    """An ``.mtgx`` file as a graph: a node per Maltego entity (``label``, ``type``, its
    ``maltego_type``, the fields its properties fill and the other properties), an edge per
    Maltego link (``kind``, ``maltego_label``), in the links' direction."""
    g = nx.MultiDiGraph()
    for number, root in enumerate(_graphs(path)):
        node_of: dict[str, str] = {}
        for node in root.iter(f"{_GRAPHML}node"):
            entity = node.find(f".//{_MTG}MaltegoEntity")
            if entity is None:
                continue
            mtype = entity.get("type") or ""
            etype = entity_type(mtype.rsplit(".", 1)[-1])
            props = _properties(entity)
            data = _entity_data(etype, mtype, props, str(node.get("id")))
            data.setdefault("role", role_of_type(mtype.rsplit(".", 1)[-1]))
            key = f"g{number}n{len(node_of)}"
            node_of[str(node.get("id"))] = key
            g.add_node(key, **data)
        for edge in root.iter(f"{_GRAPHML}edge"):
            a, b = node_of.get(str(edge.get("source"))), node_of.get(str(edge.get("target")))
            if a is None or b is None:
                # An edge to a node that holds no Maltego entity: not a tie, reported.
                g.graph.setdefault("unlinked", []).append(
                    f"{edge.get('id') or ''}: {edge.get('source')} -> {edge.get('target')}"
                )
                continue
            link = edge.find(f".//{_MTG}MaltegoLink")
            props = _properties(link) if link is not None else {}
            name = next((props[k] for k in _LINK_NAMES if props.get(k)), "")
            data: dict[str, Any] = {"kind": link_kind_of(name, default_kind), "maltego_label": name}
            for key, value in props.items():  # an amount, currency, date the analyst added
                if not key.startswith("maltego.link.") and key not in _LINK_NAMES:
                    data.setdefault(key, value)
            g.add_edge(a, b, **data)
    return g
