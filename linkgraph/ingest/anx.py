"""i2 Analyst's Notebook charts (``.anx``) read as a graph: chart entities become nodes and
chart links edges, for :func:`~linkgraph.ingest.graphfile.read_graph_file`.

Agencies exchange cases as Analyst's Notebook charts. A chart item is an entity (an
``<End><Entity>`` drawn as an icon, box, circle, theme line or event frame, whose style
names its i2 type: "Person", "Telephone", "Bank Account") or a link (``<Link End1Id
End2Id>`` with a ``LinkStyle`` type, an arrow and a date). i2 types are read as linkgraph
entity types by their words, in the i2 standard palette's names and common variants
("Mobile Phone", "Organization", "Vehicle - Car"); an entity of a type with no such word
becomes a person, reported in the rejects as ``unknown_entity_type`` with its type.
Every attribute (``AttributeClass`` = value) is kept; the ones linkgraph has a field for
(role, country, date of birth, sex, nationality) fill it, and an entity type that names a
role ("Victim", "Suspect") gives it.

The file is parsed with the standard library's expat parser, which resolves no external
entity and bounds entity expansion: a chart is hostile input like any other file.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from linkgraph.errors import InputError
from linkgraph.ingest import normalize
from linkgraph.ingest._columns import header_key
from linkgraph.ingest._graph_names import node_field
from linkgraph.schema import ENTITY_TYPES, LINK_KINDS, ROLES, canonical_role

#: i2 entity type words -> linkgraph entity type, tried in this order on the folded type.
_ENTITY_WORDS: tuple[tuple[str, str], ...] = (
    ("email", r"e_?mail"),
    # A picture (a photo, its hash), before the online ids an image's URL would be one of.
    ("image", r"image|photo|picture|(?:^|_)p?hash(?=_|$)"),
    # A cell site or tower is a place (where a phone was), not a phone.
    ("location", r"cell_?(?:site|tower|id|mast)|tower|base_?station|bts(?=_|$)|antenna|mast"),
    # Online presences (profiles, handles, sites, IP addresses, domains): the online ad
    # type, linkgraph's one online identifier; the file's own type is kept in attrs.
    (
        "ad",
        r"social|online|website|web_?page|url|advert|ad$|profile|username|user_?name"
        r"|handle|alias|nickname|screen_?name|ip(?:v[46])?(?:_?address)?(?=_|$)|ipv[46]"
        r"|domain|dns|fqdn|facebook|twitter|instagram|telegram|tiktok|vkontakte|vk(?=_|$)"
        r"|linkedin|skype|affiliation|mac_?address",
    ),
    ("phone", r"phone|telephone|mobile|cell|sim|imei|imsi|msisdn|pager"),
    ("account", r"account|(?:credit|debit|bank|payment)_card|iban|wallet|crypto"),
    ("vehicle", r"vehicle|car(?=_|$)|van(?=_|$)|truck|lorry|motorcycle|boat|plate"),
    ("document", r"document|passport|id_card|identity|licen[cs]e|visa"),
    ("organisation", r"organi[sz]ation|company|business|firm|group|gang|club|agency|bank"),
    ("address", r"address|house|building|flat|apartment|residence|premises"),
    ("location", r"location|place|city|town|country|airport|port|border|hotel|road|street"),
    ("event", r"event|meeting|incident|arrest|crime|offence|trip|journey"),
    (
        "person",
        r"person|people|male|female|(?:wo)?man(?=_|$)|suspect|victim|witness"
        r"|individual",
    ),
)
#: i2 link type words -> linkgraph link kind, tried in this order on the folded type.
_LINK_WORDS: tuple[tuple[str, str], ...] = (
    ("called", r"call|phoned"),
    ("messaged", r"sms|message|text|chat"),
    ("paid", r"transaction|pay|paid|transfer|money|remittance|wire"),
    ("family", r"family|relative|brother|sister|mother|father|son|daughter|spouse|wife"
               r"|husband|cousin"),
    ("member_of", r"member"),
    ("employed_by", r"employ|works_for|worker"),
    ("owner_of", r"owner|owns"),
    ("director_of", r"director"),
    ("lives_at", r"lives|resides|resident"),
    ("travelled_with", r"travel"),
    ("arrested_with", r"arrested"),
    ("associate", r"associate|friend|acquaint|knows"),
    ("located_in", r"located|seen_at|present_at"),
)  # fmt: skip
#: The mention fields an attribute (property) fills, found by its name read loosely
#: (:func:`~linkgraph.ingest._graph_names.node_field`: "Role", "Geburtsdatum", "Land").
FIELDS = ("role", "country", "nationality", "dob", "sex")
#: i2's own generic link type: the mapping's default link kind.
_GENERIC_LINKS = {"", "link", "links", "connection", "connected", "association"}


def entity_type(i2_type: str) -> str:
    """The linkgraph entity type of an i2 entity type ("" when none fits).

    Examples:
        >>> entity_type("Person"), entity_type("Mobile Phone"), entity_type("Bank Account")
        ('person', 'phone', 'account')
        >>> entity_type("Organization"), entity_type("Vehicle - Car"), entity_type("Widget")
        ('organisation', 'vehicle', '')
        >>> entity_type("ID Card"), entity_type("Credit Card"), entity_type("Manager")
        ('document', 'account', '')
    """
    key = header_key(i2_type)
    if key in ENTITY_TYPES:
        return key
    for name, pattern in _ENTITY_WORDS:
        if re.search(rf"(^|_)(?:{pattern})", key):
            return name
    return ""


def role_of_type(i2_type: str) -> str | None:
    """The role an entity type names ("Victim", "Female Victim", "Suspect", "Opfer"), so
    that a chart which marks victims by their icon protects them like a role attribute.

    Examples:
        >>> role_of_type("Female Victim"), role_of_type("Suspect"), role_of_type("Person")
        ('victim', 'suspect', None)
    """
    role = canonical_role(re.sub(r"[_\W]+", " ", i2_type).strip())
    return role if role in ROLES else None


def link_kind_of(i2_type: str, default: str) -> str:
    """The linkgraph link kind of an i2 link type: a kind of ours by name or by its words,
    ``default`` for i2's generic "Link", else the type itself as a kind of its own.

    Examples:
        >>> link_kind_of("Telephone Call", "contacted"), link_kind_of("Link", "contacted")
        ('called', 'contacted')
        >>> link_kind_of("Money Transfer", "contacted"), link_kind_of("Sells to", "contacted")
        ('paid', 'sells_to')
    """
    key = header_key(i2_type)
    if key in LINK_KINDS:
        return key
    if key in _GENERIC_LINKS:
        return default
    for name, pattern in _LINK_WORDS:
        if re.search(rf"(^|_)(?:{pattern})", key):
            return name
    return key


def _style_type(entity: ET.Element) -> str:
    """The i2 type of an entity: the ``Type`` of the style of its representation
    (``IconStyle``, ``BoxStyle``, ``CircleStyle``, ``ThemeLineStyle``, ``EventStyle``...)."""
    for el in entity.iter():
        if el.tag.endswith("Style") and el.get("Type"):
            return str(el.get("Type"))
    return ""


def _attributes(
    item: ET.Element, units: Mapping[str, tuple[str, str]] | None = None
) -> dict[str, str]:
    """An item's attributes, name -> value; a value of a class in ``units`` is written
    with that class's prefix and suffix (``€`` and ``1500.00``: ``€1500.00``)."""
    out = {}
    for attr in item.iter("Attribute"):
        name = attr.get("AttributeClass") or ""
        if name:
            value = attr.get("Value") or ""
            if units and name in units and value:
                value = units[name][0] + value + units[name][1]
            out[name] = value
    return out


def _currency_units(root: ET.Element) -> dict[str, tuple[str, str]]:
    """The attribute classes whose prefix or suffix names a currency (an i2 chart shows
    an ``Amount`` of prefix ``€`` as ``€1500.00`` while its value is ``1500.00``):
    class name -> (prefix, suffix)."""
    units = {}
    for cls in root.iter("AttributeClass"):
        prefix, suffix = cls.get("Prefix") or "", cls.get("Suffix") or ""
        name = cls.get("Name") or ""
        if name and (prefix or suffix):
            try:
                written = normalize.amount_currency(f"{prefix} 1 {suffix}")
            except ValueError:
                written = None
            if written:
                units[name] = (prefix, suffix)
    return units


def _parse(path: Path) -> ET.Element:
    try:
        return ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise InputError(
            f"not a readable Analyst's Notebook chart: {exc}",
            source=path.name,
            hint="save the chart again as .anx (Analyst's Notebook: File > Save As > ANX)",
        ) from exc


def read_anx(path: Path, default_kind: str) -> nx.MultiDiGraph:
    """An ``.anx`` chart as a graph: a node per chart entity (``label``, ``type``, its
    ``i2_type``, ``identity``, the fields its attributes fill and the other attributes),
    an edge per chart link (``kind``, ``i2_type``, ``first`` (its date), ``directed``,
    its attributes); edges run End1 -> End2, End2 -> End1 for an arrow on the tail."""
    root = _parse(path)
    if root.tag != "Chart":
        raise InputError(
            f"not an Analyst's Notebook chart: the XML's root is <{root.tag}>, not <Chart>",
            source=path.name,
            hint="an .anx file holds one <Chart>; export the chart again",
        )
    g = nx.MultiDiGraph()
    node_of: dict[str, str] = {}
    links = []
    units = _currency_units(root)
    for item in root.iter("ChartItem"):
        entity = item.find("./End/Entity")
        if entity is not None:
            eid = entity.get("EntityId") or entity.get("Identity") or str(len(node_of))
            i2 = _style_type(entity)
            attrs = _attributes(item)
            data: dict[str, Any] = {
                "label": item.get("Label") or entity.get("Identity") or eid,
                "type": entity_type(i2) or i2,
                "i2_type": i2,
                "identity": entity.get("Identity") or "",
            }
            for name, value in attrs.items():
                field = node_field(name, FIELDS)
                if field and value and field not in data:
                    data[field] = value
                else:
                    data.setdefault(name, value)
            data.setdefault("role", role_of_type(i2))
            node = f"n{len(node_of)}"
            node_of[eid] = node
            g.add_node(node, **data)
        link = item.find("./Link")
        if link is not None:
            links.append((item, link))
    for item, link in links:
        a, b = node_of.get(link.get("End1Id") or ""), node_of.get(link.get("End2Id") or "")
        if a is None or b is None:
            # A link to an item that is no entity (a link to a link): not a tie, reported.
            g.graph.setdefault("unlinked", []).append(
                f"{item.get('Label') or item.get('Id') or ''}: "
                f"{link.get('End1Id')} -> {link.get('End2Id')}"
            )
            continue
        style = link.find("./LinkStyle")
        i2 = style.get("Type", "") if style is not None else ""
        arrow = style.get("ArrowStyle", "") if style is not None else ""
        data: dict[str, Any] = {
            "kind": link_kind_of(i2, default_kind),
            "i2_type": i2,
            "directed": arrow in ("ArrowOnHead", "ArrowOnTail"),
            "first": item.get("DateTime") if item.get("DateSet", "true") != "false" else None,
        }
        # Its attributes too: an amount ("Amount", "Betrag") is read as the link's.
        # (with its currency, when its class's prefix or suffix names one).
        for name, value in _attributes(item, units).items():
            data.setdefault(name, value)
        if arrow == "ArrowOnTail":
            a, b = b, a
        g.add_edge(a, b, **data)
    return g
