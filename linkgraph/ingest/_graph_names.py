"""Graph files' attribute names read loosely, as a table's headers are.

A GEXF attribute titled "Role", a GraphML key named "Country", an i2 attribute class
"Date of Birth" or a Maltego property "person.Nationality" fill the same field as
``role``, ``country``, ``dob`` and ``nationality``: names are compared with case,
accents, spaces, dashes and underscores ignored and other scripts transliterated
("Роль" -> rol), in the other-language spellings the people preset knows for a column
("Staatsangehörigkeit", "Geburtsdatum", "Land") and those below.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from typing import Any

from linkgraph.ingest._columns import header_key
from linkgraph.text import fold

#: A node's fields and their names, the first name the most usual; the people preset's
#: names of the same fields are added (:func:`_node_names`).
_NODE_NAMES: dict[str, tuple[str, ...]] = {
    "label": ("label", "name", "caption", "title", "full_name", "fullname", "bezeichnung",
              "nom", "nombre", "nome", "naam", "nazwa", "nume", "imia", "imya", "isim"),
    "type": ("type", "entity_type", "node_type", "kind", "typ", "tip", "tipo", "art", "soort",
             "rodzaj", "tur", "vid", "typ_entity", "category_type"),
    "role": ("role", "rolle", "rol", "ruolo", "papel", "statut", "status", "rola", "rolul",
             "rolia", "rol_v_spravi", "role_in_case"),
    "country": ("country", "land", "pays", "pais", "paese", "kraj", "tara", "ulke", "strana",
                "krayina", "kraina", "tsara"),
    "nationality": ("nationality", "citizenship", "nationalitat", "nationalite",
                    "nacionalidad", "nazionalita", "nacionalidade", "nationaliteit",
                    "obywatelstwo", "cetatenie", "nationalitate", "uyruk", "grazhdanstvo",
                    "gromadianstvo", "hromadianstvo"),
    "dob": ("dob", "date_of_birth", "birth_date", "birthdate", "born", "birthday",
            "geburtsdatum", "data_urodzenia", "data_nasterii", "dogum_tarihi",
            "data_narodzhennia", "data_rozhdeniia"),
    "sex": ("sex", "gender", "geschlecht", "sexe", "sexo", "sesso", "geslacht", "plec",
            "cinsiyet", "pol"),
}  # fmt: skip
#: An edge's fields and their names.
_EDGE_NAMES: dict[str, tuple[str, ...]] = {
    "kind": ("kind", "link_kind", "edge_kind", "type", "link_type", "edge_type", "relation",
             "relationship", "relation_type", "label", "art", "typ", "tip", "tipo", "soort",
             "rodzaj", "tur", "beziehung", "relazione", "relacion", "relacao", "relatie",
             "relatie_type", "relatia", "zwiazek", "iliski", "sviaz", "zviazok", "vid"),
    "time": ("time", "first", "start", "date", "datetime", "date_time", "timestamp", "when",
             "datum", "zeit", "zeitpunkt", "date_heure", "heure", "fecha", "fecha_hora",
             "data", "data_ora", "data_hora", "tijd", "czas", "data_i_czas", "tarih",
             "zaman", "vremia", "chas", "data_i_chas", "ora"),
    "amount": ("amount", "value", "sum", "betrag", "summe", "montant", "importe", "monto",
               "importo", "bedrag", "kwota", "suma", "tutar", "summa", "valoare", "valor",
               "wert", "valeur"),
    "weight": ("weight", "strength", "w", "gewicht", "poids", "peso", "waga", "greutate",
               "pondere", "agirlik", "ves", "vaga", "gewichtung"),
    "currency": ("currency", "ccy", "currency_code", "wahrung", "devise", "monnaie",
                 "moneda", "divisa", "valuta", "waluta", "para_birimi", "doviz", "valiuta",
                 "valyuta", "moeda", "munt"),
}  # fmt: skip
#: Values of a GEXF edge's own ``type`` (its direction), which name no link kind.
EDGE_DIRECTIONS = frozenset({"directed", "undirected", "mutual"})
#: The people preset's person fields whose names graph attributes may have too.
_PEOPLE_FIELDS = ("country", "nationality", "dob", "sex")


def name_key(name: str) -> str:
    """An attribute name compared loosely: case, accents, separators and script ignored.

    Examples:
        >>> name_key("Date of Birth"), name_key("Nationalität"), name_key("Роль")
        ('date_of_birth', 'nationalitat', 'rol')
    """
    return header_key(fold(str(name)))


@functools.cache
def _node_names() -> dict[str, tuple[str, ...]]:
    """:data:`_NODE_NAMES` with the people preset's names of the same person fields."""
    from linkgraph.ingest.mapping import load_mapping

    out = {field: tuple(name_key(n) for n in names) for field, names in _NODE_NAMES.items()}
    person = next(e for e in load_mapping("people").entities if e.type == "person")
    for field in _PEOPLE_FIELDS:
        spec = person.fields.get(field)
        # A field over several columns (a date of birth as year, month and day) is named
        # by its first part's names: the whole value's ("dob") and the year's.
        names = (spec.column or (spec.columns[0] if spec.columns else ())) if spec else ()
        extra = [name_key(n) for n in names]
        out[field] = tuple(dict.fromkeys([*out[field], *extra]))
    return out


@functools.cache
def _edge_names() -> dict[str, tuple[str, ...]]:
    return {field: tuple(name_key(n) for n in names) for field, names in _EDGE_NAMES.items()}


def _field_of(name: str, names: Mapping[str, tuple[str, ...]], fields: Iterable[str]) -> str | None:
    key = name_key(name)
    return next((f for f in fields if key in names[f]), None)


def node_field(name: str, fields: Iterable[str] = tuple(_NODE_NAMES)) -> str | None:
    """The node field (of ``fields``) an attribute called ``name`` fills, else None.

    Examples:
        >>> node_field("Role"), node_field("Country"), node_field("Geburtsdatum")
        ('role', 'country', 'dob')
        >>> node_field("Staatsangehörigkeit"), node_field("Eye colour")
        ('nationality', None)
    """
    return _field_of(name, _node_names(), fields)


def _fields_of(
    data: Mapping[str, Any], names: Mapping[str, tuple[str, ...]]
) -> dict[str, tuple[str, Any]]:
    """field -> (attribute name, value) of ``data``: per field, the attribute whose name
    comes first in the field's names (so ``role`` before ``Rolle``); empty values skipped."""
    keyed: dict[str, tuple[str, Any]] = {}
    for name, value in data.items():
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        keyed.setdefault(name_key(name), (str(name), value))
    out = {}
    for field, keys in names.items():
        found = next((keyed[k] for k in keys if k in keyed), None)
        if found is not None:
            out[field] = found
    return out


def node_fields(data: Mapping[str, Any]) -> dict[str, tuple[str, Any]]:
    """A node's fields found among its attributes by their loose names: field ->
    (attribute name, value).

    Examples:
        >>> node_fields({"Role": "Victim", "Type": "person", "Modularity Class": 1})
        {'type': ('Type', 'person'), 'role': ('Role', 'Victim')}
    """
    return _fields_of(data, _node_names())


def edge_fields(data: Mapping[str, Any]) -> dict[str, tuple[str, Any]]:
    """An edge's fields found among its attributes by their loose names; a GEXF edge's
    own ``type`` (directed, undirected, mutual) is its direction, not its kind.

    Examples:
        >>> edge_fields({"Kind": "paid", "Betrag": "1.500,00", "type": "directed"})
        {'kind': ('Kind', 'paid'), 'amount': ('Betrag', '1.500,00')}
    """
    kept = {k: v for k, v in data.items() if not (k == "type" and v in EDGE_DIRECTIONS)}
    return _fields_of(kept, _edge_names())
