"""FollowTheMoney import: entities (``id``, ``schema``, ``properties``) to mentions and links.

The ``followthemoney`` model says what each schema is, so every FtM schema is read by what
it extends rather than by a list of names:

* a thing schema (Person, Company, PublicBody, BankAccount, Vessel, Address, ...) becomes a
  mention of the linkgraph type of its nearest ancestor in :data:`THINGS`; its phone and
  email values, and its ``address`` text, become phone, email and address mentions of their
  own (FtM's reified values), linked to it;
* an edge schema (Ownership, Directorship, Payment, Debt, UnknownLink, Employment, ...)
  becomes links between the entities its ``edge_source`` and ``edge_target`` properties
  name, with its date, amount and currency where the schema has them;
* a Call links its caller's and receiver's numbers; a Note's text is kept on the entity it
  is about.

Aleph's nested export writes whole entities in place of ids (a Payment whose ``payer`` is
``{"id": ..., "schema": "Person", "properties": {...}}``): each nested entity is read as an
entity of its own and linked by its id. A reference to an id that the file never holds is
rejected (``unknown_reference``, the id as value, the line as row).
"""

from __future__ import annotations

import contextlib
import json
import re
from collections import deque
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from linkgraph.errors import InputError
from linkgraph.ingest import normalize
from linkgraph.ingest._dst_times import dst_time_notes, victim_link_rows
from linkgraph.ingest._json_text import int_or_text
from linkgraph.ingest.mapping import Mapping
from linkgraph.ingest.readers import DuplicateKeys, detect_encoding, duplicate_key_note
from linkgraph.model import stable_id
from linkgraph.schema import IDENTIFIER_FIELDS, LINK_KINDS, canonical_role, roles_not_understood
from linkgraph.text import fold_name

if TYPE_CHECKING:
    from followthemoney.schema import Schema

#: FtM schema -> (linkgraph entity type, {mention field: FtM property, first value wins}).
#: A schema not listed is read as its nearest listed ancestor (Company, PublicBody and
#: Organization as LegalEntity, Airplane as Vehicle). This table is linkgraph's own
#: vocabulary, which FtM cannot give: which linkgraph type is nearest to a schema, and which
#: property fills which mention field. Property names are those of followthemoney's schema
#: YAML (checked against the model by the tests); alternatives are separated by "|" and the
#: first present is used.
THINGS: dict[str, tuple[str, dict[str, str]]] = {
    "Person": ("person", {"name": "name", "given_name": "firstName", "family_name": "lastName",
               "dob": "birthDate", "nationality": "nationality|citizenship",
               "country": "country", "sex": "gender", "document": "idNumber|passportNumber",
               "address": "address"}),
    "LegalEntity": ("organisation", {"name": "name",
                    "country": "jurisdiction|country|mainCountry", "address": "address"}),
    "Address": ("address", {"address": "full", "city": "city", "postcode": "postalCode",
                "country": "country"}),
    "RealEstate": ("address", {"address": "address",
                   "name": "name|registrationNumber|cadastralCode|titleNumber",
                   "country": "country"}),
    "BankAccount": ("account", {"account": "iban|accountNumber", "name": "name"}),
    "CryptoWallet": ("account", {"account": "publicKey|cryptoAddress|accountId",
                     "name": "name"}),
    "Vehicle": ("vehicle", {"plate": "registrationNumber", "name": "name", "country": "country"}),
    "Vessel": ("vehicle", {"plate": "imoNumber|registrationNumber", "name": "name",
               "country": "flag|country"}),
    "Passport": ("document", {"document": "passportNumber|number", "country": "country"}),
    "Identification": ("document", {"document": "number", "country": "country"}),
    # Events, court cases and contracts: dated things several parties take part in.
    "Event": ("event", {"name": "name|summary", "country": "country", "time": "date|startDate"}),
    "CourtCase": ("event", {"name": "name|caseNumber", "country": "country",
                  "time": "fileDate"}),
    "Contract": ("event", {"name": "title|name|procedureNumber", "country": "country",
                 "time": "contractDate"}),
    # An image, keyed by its content hash, else its URL, else its file name
    # (:meth:`_Reader._image_key`); the persons it shows are its ``pictured``.
    "Image": ("image", {"name": "title|fileName"}),
}  # fmt: skip
# FtM has no Phone or address-Email schema: phones and emails are property values (made
# into mentions of their own below), and FtM's "Email" is a message, not an address.

#: FtM edge schema -> (link kind, its edge source property, its edge target property): the
#: schemata whose link kind is one of linkgraph's own (:data:`linkgraph.schema.LINK_KINDS`).
#: The properties are the schema's ``edge_source``/``edge_target`` (the tests check them
#: against the model). Other edge schemata (Debt, Control, ContractAward, ...) are read
#: with their ends from the model and their FtM edge label as link kind ("owes",
#: "controls", "awarded_to"); the link's attrs keep the schema name either way.
RELATIONS: dict[str, tuple[str, str, str]] = {
    "Ownership": ("owner_of", "owner", "asset"),
    "Directorship": ("director_of", "director", "organization"),
    "Membership": ("member_of", "member", "organization"),
    "Employment": ("employed_by", "employee", "employer"),
    "Family": ("family", "person", "relative"),
    "Associate": ("associate", "person", "associate"),
    "Payment": ("paid", "payer", "beneficiary"),
    "UnknownLink": ("contacted", "subject", "object"),
    "Representation": ("associate", "agent", "client"),
    "Succession": ("associate", "predecessor", "successor"),
}
#: (linkgraph type of a thing, FtM entity property of it) -> (link kind, direction): "in"
#: when the link runs from the entity the property names to the thing (a Passport's
#: ``holder`` holds it), "out" when from the thing to it (a person lives at its
#: ``addressEntity``). (FtM's BankAccount has no holder: an Ownership with the account as
#: ``asset`` says who holds it, and becomes ``holds_account``.)
_PROPERTY_LINKS: dict[tuple[str, str], tuple[str, str]] = {
    ("document", "holder"): ("holds_document", "in"),
    ("vehicle", "owner"): ("owns_vehicle", "in"),
    ("vehicle", "operator"): ("operates", "in"),
    ("account", "holder"): ("holds_account", "in"),  # CryptoWallet
    ("person", "addressEntity"): ("lives_at", "out"),
    ("organisation", "addressEntity"): ("registered_at", "out"),
    ("event", "involved"): ("involved_in", "in"),
    ("event", "organizer"): ("involved_in", "in"),
    ("event", "authority"): ("involved_in", "in"),  # a Contract's contracting authority
    ("image", "pictured"): ("shows_image", "in"),  # the person an Image shows
}
#: The link from a person or an organisation to the address mention made of its
#: ``address`` text.
_ADDRESS_LINK = {"person": "lives_at", "organisation": "registered_at"}
#: A person's name parts, in the order a composed full name gives them (Vasile Ion Rusu,
#: Ivan Ivanovich Petrov).
_NAME_PARTS = ("firstName", "secondName", "middleName", "fatherName", "lastName")
#: Ownership of these entity types is a link of a more specific kind than ``owner_of``.
_OWNED = {"account": "holds_account", "vehicle": "owns_vehicle"}
#: Properties of links read as the link's time (the first present).
_TIME_PROPS = ("date", "startDate")
#: The keyword of the LegalEntity that linkgraph's FtM export writes as the ``payer`` or
#: ``beneficiary`` of a Payment from or to a bank account with no one known holder (FtM
#: requires both parties). Read back, it is no entity: the Payment's side is its account.
UNKNOWN_HOLDER = "linkgraph:unknown-account-holder"
_KEY = IDENTIFIER_FIELDS


def _entities(
    path: Path, mapping: Mapping, rejects: list[dict[str, Any]], notes: list[str]
) -> list[tuple[int, dict[str, Any]]]:
    """The ``(row, entity)`` of a FtM JSON list or JSON Lines file; what is no entity is
    added to ``rejects``, a key repeated in an object (its last value read) to ``notes``."""
    enc = detect_encoding(path, mapping.encoding)
    duplicate = DuplicateKeys()
    decode = json.JSONDecoder(object_pairs_hook=duplicate, parse_int=int_or_text).decode
    text = path.read_text(encoding=enc).lstrip("\ufeff")
    if not text.strip():
        raise InputError("the file holds no entities", source=path.name, hint="export it again")
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            data = decode(stripped)
        except json.JSONDecodeError as exc:
            raise InputError(f"not valid JSON: {exc.msg}", source=path.name) from exc
        except RecursionError:
            raise InputError(
                "JSON nested too deeply to read",
                source=path.name,
                hint="an FtM export is a list of flat entity objects; export it again",
            ) from None
        if duplicate.key is not None:
            notes.append(duplicate_key_note(path.name, None, duplicate.key))
        out = []
        for i, e in enumerate(data if isinstance(data, list) else [data], start=1):
            if isinstance(e, dict):
                out.append((i, e))
            else:
                rejects.append(_not_an_entity(path.name, i, e))
        return out
    out = []
    # Records end at a line feed only: str.splitlines would also split inside a name at
    # U+2028 or U+0085, which JSON allows unescaped in strings.
    lines = text.replace("\r\n", "\n").split("\n")
    noted = False
    for n, line in enumerate((ln for ln in lines if ln.strip()), start=1):
        try:
            obj = decode(line)
        except json.JSONDecodeError as exc:
            rejects.append(
                _reject(path.name, n, None, "invalid_json", f"{exc.msg}: {line[:150]}", "row")
            )
            continue
        except RecursionError:
            rejects.append(_reject(path.name, n, None, "invalid_json", "nested too deeply", "row"))
            continue
        if duplicate.key is not None and not noted:
            notes.append(duplicate_key_note(path.name, n, duplicate.key))
            noted = True
        if isinstance(obj, dict):
            out.append((n, obj))
        else:
            rejects.append(_not_an_entity(path.name, n, obj))
    return out


def _not_an_entity(source: str, row: int, value: Any) -> dict[str, Any]:
    """The reject of a record that is not a JSON object (FtM entities are objects)."""
    text = json.dumps(value, ensure_ascii=False)[:150]
    return _reject(source, row, None, "not_an_entity", f"{type(value).__name__}: {text}", "row")


def _reject(
    source: str, row: int, column: str | None, reason: str, value: str, level: str
) -> dict[str, Any]:
    return {"source": source, "row": row, "column": column, "reason": reason,
            "value": value[:200], "level": level}  # fmt: skip


def _is_entity(value: dict[str, Any]) -> bool:
    """Whether a dict found among property values is a whole (nested) entity, not just a
    reference ``{"id": ...}``."""
    return "schema" in value or "properties" in value


def _ref(value: Any) -> str | None:
    """The id a reference value names (an id string, or a nested ``{"id": ...}``)."""
    if isinstance(value, dict):
        value = value.get("id")
    if isinstance(value, str | int) and not isinstance(value, bool) and str(value).strip():
        return str(value).strip()
    return None


def _unnest(
    entities: list[tuple[int, dict[str, Any]]],
) -> list[tuple[int, dict[str, Any], str | None]]:
    """``(row, entity, nested key)`` of each entity of the file and of each entity nested
    in one (Aleph's nested export), nested entities replaced by their ids.

    A nested entity is read once, on the row of its first appearance (its key is its id;
    a top-level entity's key is None); later copies add their values to it. A nested copy
    of an entity the file also holds at top level is only a reference to it. A nested
    entity without an id gets one from its place in the file."""
    top_ids = {i for _, e in entities if (i := _ref(e.get("id"))) is not None}
    nested: dict[str, dict[str, Any]] = {}
    out: list[tuple[int, dict[str, Any], str | None]] = []

    def flatten(entity: dict[str, Any], row: int, place: str, found: list[Any]) -> dict[str, Any]:
        props = entity.get("properties")
        if not isinstance(props, dict):
            return entity  # rejected as properties_not_an_object
        flat: dict[str, Any] = {}
        for prop, values in props.items():
            if values is None:
                continue
            kept = []
            for j, value in enumerate(values if isinstance(values, list) else [values]):
                if not isinstance(value, dict):
                    kept.append(value)
                    continue
                ref = _ref(value)
                if not _is_entity(value):
                    kept.append(ref if ref is not None else value)
                    continue
                ref = ref or stable_id("ftm", row, place, prop, j)
                kept.append(ref)
                if ref in top_ids:
                    continue  # the file holds it at top level: a reference only
                child = flatten({**value, "id": ref}, row, f"{place}/{prop}/{j}", found)
                if ref not in nested:
                    nested[ref] = child
                    found.append((row, child, ref))
                else:
                    _merge(nested[ref], child)
            flat[prop] = kept
        return {**entity, "properties": flat}

    for row, entity in entities:
        found: list[Any] = []
        try:
            out.append((row, flatten(entity, row, "", found), None))
        except RecursionError:  # entities nested within each other hundreds of times
            out.append((row, entity, None))
            continue
        out += found
    return out


def _merge(into: dict[str, Any], other: dict[str, Any]) -> None:
    """Add ``other``'s property values to those of ``into`` (two copies of one nested
    entity), keeping ``into``'s order."""
    props, more = into.get("properties"), other.get("properties")
    if not isinstance(props, dict) or not isinstance(more, dict):
        return
    for prop, values in more.items():
        have = props.setdefault(prop, [])
        if not isinstance(have, list):
            have = props[prop] = [have]
        for value in values if isinstance(values, list) else [values]:
            if value not in have:
                have.append(value)


@cache
def _model() -> Any:
    from followthemoney import model

    return model


@cache
def _registry() -> Any:
    from followthemoney import registry

    return registry


@cache
def _thing(name: str) -> tuple[str, tuple[str, dict[str, str]]] | None:
    """``(listed schema, THINGS entry)`` of the nearest ancestor of FtM schema ``name``
    (breadth first along ``extends``) listed in :data:`THINGS`; None when there is none."""
    schema = _model().get(name)
    queue: deque[Schema] = deque([schema] if schema is not None else [])
    seen: set[str] = set()
    while queue:
        s = queue.popleft()
        if s.name in seen:
            continue
        seen.add(s.name)
        if s.name in THINGS:
            return s.name, THINGS[s.name]
        queue.extend(s.extends)
    return None


@cache
def _edge(name: str) -> tuple[str, str, str] | None:
    """``(link kind, source property, target property)`` of an FtM edge schema, else None."""
    schema = _model().get(name)
    if schema is None or not schema.edge or not schema.edge_source or not schema.edge_target:
        return None
    if name in RELATIONS:
        return RELATIONS[name]
    label = re.sub(r"\W+", "_", (schema.edge_label or name).lower()).strip("_")
    return label or name.lower(), schema.edge_source, schema.edge_target


def _own_region(props: dict[str, Any]) -> str | None:
    """The country of an entity's own local phone numbers: its ``country``, else its
    ``nationality`` or ``citizenship`` (ISO alpha-2), as a table's country column is
    for its row; None when it names none, or several."""
    for prop in ("country", "nationality", "citizenship"):
        found = set()
        for value in _values(props, prop):
            with contextlib.suppress(ValueError):
                if (code := normalize.country(value)) is not None:
                    found.add(code)
        if found:
            return found.pop() if len(found) == 1 else None
    return None


def _values(props: dict[str, list[Any]], name: str) -> list[str]:
    """The text values of a property (numbers written as text; others skipped)."""
    return [
        str(v).strip()
        for v in props.get(name) or []
        if isinstance(v, str | int | float) and not isinstance(v, bool) and str(v).strip()
    ]


#: A person's properties read for role words: FtM has no victim topic nor role property,
#: so an analyst marks an FtM person a victim (or suspect, witness, ...) with a role word
#: in any language among its ``keywords`` or ``classification`` ("victim", "Opfer").
_ROLE_PROPS = ("keywords", "classification")


def _role_of(props: dict[str, list[Any]]) -> str | None:
    """The roles named by the role words among a person's ``keywords`` and
    ``classification`` values (other values are no role and are left alone), else None."""
    roles: list[str] = []
    for prop in _ROLE_PROPS:
        for value in _values(props, prop):
            role = canonical_role(value)
            if role and not roles_not_understood(role):
                roles += role.split(";")
    return ";".join(dict.fromkeys(roles)) or None


def _stands_in(schema: Schema, props: dict[str, list[Any]]) -> bool:
    """Whether an entity is the stand-in for an account's unknown holder that linkgraph's
    FtM export writes (a LegalEntity with the keyword :data:`UNKNOWN_HOLDER`)."""
    return schema.name == "LegalEntity" and UNKNOWN_HOLDER in _values(props, "keywords")


def _first(props: dict[str, list[Any]], names: str) -> tuple[str, str | None]:
    """``(property, first value)`` of the first of the "|"-separated properties with one."""
    options = names.split("|")
    for prop in options:
        values = _values(props, prop)
        if values:
            return prop, values[0]
    return options[0], None


class _Reader:
    """The state of one FtM file being read: its mentions, links and rejects."""

    def __init__(self, path: Path, mapping: Mapping, agency: str | None) -> None:
        self.source = path.name
        self.mapping = mapping
        self.agency = agency
        self.rejects: list[dict[str, Any]] = []
        self.mentions: list[dict[str, Any]] = []
        self.links: list[dict[str, Any]] = []
        self.by_ftm_id: dict[str, dict[str, Any]] = {}  # FtM id -> its mention
        self.unsupported: dict[str, str] = {}  # FtM id -> schema no linkgraph type holds
        self.stand_ins: set[str] = set()  # FtM ids of UNKNOWN_HOLDER entities
        #: (holder, account) mention ids a Payment says are held -> that link's position
        self.payment_holdings: dict[tuple[str, str], int] = {}
        self.reversed = 0  # Payments of a negative amount, read as money going back
        #: what is linked once every entity is read: (row, "edge"/"call"/"note", entity,
        #: nested key) and (row, "property", (mention, property, kind, direction, ids), key)
        self.later: list[tuple[int, str, Any, str | None]] = []

    def reject(self, row: int, column: str | None, reason: str, value: str, level: str) -> None:
        self.rejects.append(_reject(self.source, row, column, reason, value, level))

    def link(self, row: int, src: str, dst: str, kind: str, **extra: Any) -> None:
        link_id = stable_id("l", src, dst, kind, row)
        self.links.append({"link_id": link_id, "src": src, "dst": dst, "kind": kind,
                           "source": self.source, "agency": self.agency, "row": row,
                           **extra})  # fmt: skip

    # -- entities ---------------------------------------------------------------------

    def read(self, row: int, entity: dict[str, Any], key: str | None) -> None:
        schema = str(entity.get("schema", ""))
        props = entity.get("properties") or {}
        raw = json.dumps(entity, ensure_ascii=False)[:100_000]
        if not isinstance(props, dict):
            self.reject(row, "properties", "properties_not_an_object", raw[:200], "row")
            return
        # FtM values are lists; a lone string is one value, not a list of characters.
        props = {k: v if isinstance(v, list) else [v] for k, v in props.items() if v is not None}
        ftm_id = _ref(entity.get("id"))
        model_schema = _model().get(schema) if schema else None
        if model_schema is None:
            self.reject(row, "schema", "unsupported_schema", schema, "row")
            if ftm_id is not None:
                self.unsupported[ftm_id] = schema
            return
        self._unknown_properties(row, model_schema, props)
        for what, wanted in (("edge", _edge(schema) is not None), ("call", schema == "Call"),
                             ("note", schema == "Note")):  # fmt: skip
            if wanted:
                self.later.append((row, what, {**entity, "schema": schema, "properties": props},
                                   key))  # fmt: skip
                return
        if ftm_id is not None and _stands_in(model_schema, props):
            self.stand_ins.add(ftm_id)
            self.unsupported[ftm_id] = "the unknown holder of an account"
            return
        thing = _thing(schema)
        if thing is None:
            # Documents, positions, sanctions, ...: no linkgraph type is near them.
            self.reject(row, "schema", "unsupported_schema", schema, "row")
            if ftm_id is not None:
                self.unsupported[ftm_id] = schema
            return
        self._thing(row, entity, props, raw, model_schema, thing, key)

    def _unknown_properties(self, row: int, schema: Schema, props: dict[str, Any]) -> None:
        """A value-level reject for each property the FtM schema does not have (a
        ``holder`` on a BankAccount): read by no one, so said rather than dropped."""
        for prop in props:
            if prop not in schema.properties:
                self.reject(row, prop, "unknown_property", f"{schema.name}.{prop}", "value")

    def _thing(
        self,
        row: int,
        entity: dict[str, Any],
        props: dict[str, list[Any]],
        raw: str,
        schema: Schema,
        thing: tuple[str, tuple[str, dict[str, str]]],
        key: str | None,
    ) -> None:
        listed, (etype, fields) = thing
        source, ftm_id = self.source, _ref(entity.get("id"))
        # A nested entity's mentions are told apart by its id (several on one line).
        slot_key: object = 0 if key is None else f"nested:{key}"
        rec: dict[str, Any] = {"type": etype, "slot": schema.name.lower(), "raw": raw,
                               "row": row, "source": source, "agency": self.agency,
                               "flags": None}  # fmt: skip
        for field, names in fields.items():
            prop, value = _first(props, names)
            if value is None:
                continue
            if field == "time":
                rec["time"] = value
                continue
            func = normalize.FIELD_READERS.get(field, normalize.text)
            if listed == "CryptoWallet":
                func = normalize.text  # a wallet's address is case-sensitive, never an IBAN
            try:
                rec[field] = func(value)
            except ValueError:
                rec[field] = value
                ptype = schema.properties[prop].type if prop in schema.properties else None
                if ptype is _registry().country and ptype.validate(value):
                    continue  # one of FtM's territories beyond ISO 3166 ("ge-ab", "suhh")
                rec["flags"] = f"{field}_invalid"
                self.reject(row, prop, f"{field}_invalid", value, "value")
        if etype == "account" and not rec.get("account"):
            rec["account"] = normalize.account(_first(props, "accountNumber")[1])
        aliases = _values(props, "name")[1:] + _values(props, "alias")
        aliases += _values(props, "previousName")
        attrs: dict[str, Any] = {"ftm_id": ftm_id, "schema": schema.name}
        if etype == "person":
            full = _composed_name(props)
            if not rec.get("name") and full:
                rec["name"] = normalize.name(full)
            elif full and fold_name(full) != fold_name(rec.get("name") or ""):
                aliases.append(full)  # "Vasile Ion Rusu" beside the name "Vasile Rusu"
            for prop in ("secondName", "middleName", "fatherName", "motherName"):
                if _values(props, prop):
                    attrs[_snake(prop)] = "; ".join(_values(props, prop))
            rec["role"] = _role_of(props)
        if etype == "address" and not rec.get("address"):
            rec["address"] = _composed_address(props)
        if etype == "event":
            rec["identifier"] = ftm_id  # an FtM id names one event in every export
        if etype == "image":
            self._image_key(row, props, rec, attrs)
        if rec.get("name"):
            rec["name_latin"] = fold_name(rec["name"]) or None
        ident = _KEY.get(etype)
        if ident is not None and etype != "event":
            rec["identifier"] = rec.get(ident)
        if etype == "address":
            label = rec.get("address") or rec.get("name")
        else:
            ident_label = rec.get("identifier") if etype != "event" else None
            label = rec.get("name") or ident_label or rec.get("address")
        # else the schema's caption properties (FtM's own choice of label)
        label = label or next((v for p in schema.caption for v in _values(props, p)), None)
        rec["label"] = label or (rec.get("identifier") if etype == "event" else None)
        if rec["label"] is None:
            self.reject(row, None, "no_entity", raw, "row")
            return
        rec["mention_id"] = stable_id("m", source, row, rec["slot"], slot_key)
        aliases = [a for a in dict.fromkeys(aliases) if a != rec.get("name")]
        if aliases:
            attrs["aliases"] = aliases
        topics = _values(props, "topics")
        if topics:
            attrs["topics"] = topics
        rec["attrs"] = json.dumps(attrs, ensure_ascii=False)
        self.mentions.append(rec)
        if ftm_id is not None:
            self.by_ftm_id[ftm_id] = rec
        # Phones, emails and addresses written on the thing are entities of their own
        # (FtM's reified values), so a shared phone or address becomes a path in the graph.
        item = 0
        unread: list[str] = []
        region = _own_region(props) or self.mapping.region
        for prop, itype, kind in (
            ("phone", "phone", "uses_phone"),
            ("email", "email", "uses_email"),
            ("address", "address", _ADDRESS_LINK.get(etype)),
        ):
            if prop not in schema.properties or kind is None:
                continue
            for value in _values(props, prop):
                item += 1
                if itype == "phone" and self._unread_phone(value, row, prop, region):
                    unread.append(value)  # no phone: kept as written on its holder
                    continue
                sub = self._value_mention(
                    row, raw, prop, itype, value, (slot_key, item), ftm_id, region
                )
                if sub is not None:
                    self.link(row, rec["mention_id"], sub["mention_id"], kind)
        if unread:
            attrs["phone_invalid"] = "; ".join(unread)
            rec["attrs"] = json.dumps(attrs, ensure_ascii=False)
        for (of_type, prop), (kind, direction) in _PROPERTY_LINKS.items():
            if of_type != etype or not props.get(prop) or prop not in schema.properties:
                continue
            if schema.properties[prop].type is _registry().entity:
                refs = [r for v in props[prop] if (r := _ref(v)) is not None]
                self.later.append((row, "property", (rec, prop, kind, direction, refs), key))

    def _image_key(
        self, row: int, props: dict[str, list[Any]], rec: dict[str, Any], attrs: dict[str, Any]
    ) -> None:
        """An Image's key, as a table's image is keyed (:func:`normalize.image`): its
        ``contentHash``, else its ``sourceUrl`` (one that is neither a hash nor a URL is
        rejected ``image_invalid``), else its ``fileName`` where it names one file; a
        ``sourceUrl`` that is not the key is kept in ``attrs`` as ``url``, as a table's
        image object keeps it."""
        keyed_by = None
        for prop in ("contentHash", "sourceUrl"):
            for value in _values(props, prop):
                try:
                    key = normalize.image(value)
                except ValueError:
                    rec["flags"] = "image_invalid"
                    self.reject(row, prop, "image_invalid", value, "value")
                    continue
                if key is not None and keyed_by is None:
                    rec["identifier"], keyed_by = key, prop
        for value in _values(props, "fileName") if keyed_by is None else []:
            with contextlib.suppress(ValueError):
                rec["identifier"] = rec.get("identifier") or normalize.image(value)
        urls = _values(props, "sourceUrl")
        if urls and keyed_by != "sourceUrl":
            attrs["url"] = "; ".join(urls)

    def _value_mention(
        self,
        row: int,
        raw: str,
        prop: str,
        itype: str,
        value: str,
        item: tuple[object, int],
        of: str | None,
        region: str | None = None,
    ) -> dict[str, Any] | None:
        """A phone, email or address mention made of a property value (None when the value
        is no text); ``item`` tells the values of one row apart, ``of`` is the FtM id of the
        entity that holds it, ``region`` the default country of its phone (the entity's
        own, else the mapping's)."""
        sub: dict[str, Any] = {"type": itype, "slot": prop, "raw": raw, "source": self.source,
                               "agency": self.agency, "row": row, "flags": None}  # fmt: skip
        if itype == "phone":
            sub["phone"] = self._phone(value, sub, row, prop, region or self.mapping.region)
        elif itype == "email":
            try:
                sub["email"] = normalize.email(value)
            except ValueError:
                sub["email"], sub["flags"] = value, "email_invalid"
                self.reject(row, prop, "email_invalid", value, "value")
        else:
            sub["address"] = normalize.text(value)
        sub["label"] = sub[itype]
        if not sub["label"]:
            return None
        if itype in _KEY:
            sub["identifier"] = sub[itype]
        if itype == "address":
            # Made of the ``address`` text of an FtM entity, which keeps it: the ftm
            # export writes it back there, not as an Address entity of its own.
            sub["attrs"] = json.dumps({"ftm_value_of": of, "property": prop})
        slot_key, n = item
        sub["mention_id"] = (
            stable_id("m", self.source, row, prop, n)
            if slot_key == 0
            else stable_id("m", self.source, row, prop, slot_key, n)
        )
        self.mentions.append(sub)
        return sub

    def _unread_phone(self, value: str, row: int, column: str, region: str | None) -> bool:
        """Whether ``value`` is a phone number that cannot be read and is not written in
        international form ("12", "078 555 123" without a region): then a reject
        ``phone_invalid``, and no phone (see ``normalize.international_form``)."""
        text = normalize.text(value)
        if text is None:
            return False
        try:
            normalize.phone(text, region)
        except ValueError:
            if normalize.international_form(text):
                return False
            self.reject(row, column, "phone_invalid", value, "value")
            return True
        return False

    def _phone(
        self, value: str, rec: dict[str, Any], row: int, column: str, region: str | None
    ) -> str:
        try:
            return normalize.phone(value, region) or value
        except ValueError:
            rec["flags"] = "phone_invalid"
            self.reject(row, column, "phone_invalid", value, "value")
            return value

    # -- links ------------------------------------------------------------------------

    def ends(
        self, row: int, refs: list[str], column: str, *, needed: bool = True, level: str = ""
    ) -> list[dict[str, Any]]:
        """The mentions of the entities ``refs`` names. Each id the file does not hold is
        rejected, naming it (at ``level``; by default "row" when none of ``refs`` is found,
        else "value"), and so is an empty end when ``needed``."""
        found = list({id(m): m for r in refs if (m := self.by_ftm_id.get(r))}.values())
        level = level or ("value" if found else "row")
        for r in refs:
            if r in self.by_ftm_id:
                continue
            if r in self.unsupported:
                self.reject(row, column, "unsupported_reference",
                            f"{r} ({self.unsupported[r]})", level)  # fmt: skip
            else:
                self.reject(row, column, "unknown_reference", r, level)
        if not refs and needed:
            self.reject(row, column, "missing_reference", "(no value)", level or "row")
        return found

    def resolve(self) -> None:
        """Links of the edges, calls, notes and entity properties read earlier."""
        for row, what, item, key in self.later:
            if what == "property":
                self._property_link(row, *item)
            elif what == "edge":
                self._edge_links(row, item)
            elif what == "call":
                self._call_links(row, item, key)
            else:
                self._note(row, item)
        self._drop_restated_holdings()

    def _drop_restated_holdings(self) -> None:
        """Drop the ``holds_account`` links made for Payments whose holding the file states
        itself (an Ownership of the account, as linkgraph's FtM export writes one): a
        holding is one link, not one more per payment."""
        if not self.payment_holdings:
            return
        made = set(self.payment_holdings.values())
        stated = {
            (lk["src"], lk["dst"])
            for i, lk in enumerate(self.links)
            if lk["kind"] == "holds_account" and i not in made
        }
        drop = {i for pair, i in self.payment_holdings.items() if pair in stated}
        if drop:
            self.links = [lk for i, lk in enumerate(self.links) if i not in drop]

    def _property_link(
        self, row: int, rec: dict[str, Any], prop: str, kind: str, direction: str, refs: list[str]
    ) -> None:
        for other in self.ends(row, refs, prop, level="value"):
            if other is not rec:
                a, b = (other, rec) if direction == "in" else (rec, other)
                self.link(row, a["mention_id"], b["mention_id"], kind)

    def _edge_links(self, row: int, entity: dict[str, Any]) -> None:
        schema, props = str(entity["schema"]), entity["properties"]
        spec = _edge(schema)
        assert spec is not None
        kind, a, b = spec
        refs = {p: [r for v in values if (r := _ref(v)) is not None] for p, values in props.items()}
        if schema == "Payment":
            # FtM's payer and beneficiary are legal entities, each holding the account
            # money moved from or to (payerAccount, beneficiaryAccount): the ``paid``
            # link runs from account to account (from or to the party where its account
            # is not given), as linkgraph's own statements give it, and each party holds
            # its account (a ``holds_account`` link made once per party and account, and
            # not where the file states that holding itself: see :meth:`resolve`).
            sides = []
            for party, account in ((a, "payerAccount"), (b, "beneficiaryAccount")):
                held = self.ends(row, refs.get(account, []), account, needed=False)
                named = [r for r in refs.get(party, []) if r not in self.stand_ins]
                holders = self.ends(row, named, party, needed=not held,
                                    level="value" if held else "")  # fmt: skip
                for holder in holders:
                    for acc in held:
                        pair = (holder["mention_id"], acc["mention_id"])
                        if holder is not acc and pair not in self.payment_holdings:
                            self.payment_holdings[pair] = len(self.links)
                            self.link(row, *pair, "holds_account")
                sides.append(held or holders)
            srcs, dsts = sides
        else:
            srcs = self.ends(row, refs.get(a, []), a)
            dsts = self.ends(row, refs.get(b, []), b)
        if not srcs or not dsts:
            return
        extra: dict[str, Any] = {}
        if "amount" in _model().get(schema).properties:
            amount = next(iter(_values(props, "amount")), None)
            try:
                extra["amount"] = (
                    None if amount is None else float(normalize.amount(amount) or "nan")
                )
            except ValueError:
                self.reject(row, "amount", "amount_invalid", str(amount), "value")
            extra["currency"] = self._currency(next(iter(_values(props, "currency")), None), row)
        if (extra.get("amount") or 0) < 0:
            # A negative amount from payer to beneficiary (a refund, a reversal) is the
            # beneficiary paying back: read as a table's link is (``direction: as_given``).
            srcs, dsts = dsts, srcs
            extra["amount"] = abs(extra["amount"])
            self.reversed += 1
        read = {a, b, "payerAccount", "beneficiaryAccount", "amount", "currency"}
        self._interval(row, entity, read, extra)
        roles = _values(props, "role") if schema == "UnknownLink" else []
        for s in srcs:
            for d in dsts:
                k = _OWNED.get(d["type"], kind) if schema == "Ownership" else kind
                k = _kind_of_role(roles, s["type"], d["type"]) or k
                self.link(row, s["mention_id"], d["mention_id"], k, **extra)

    def _interval(
        self, row: int, entity: dict[str, Any], read: set[str], extra: dict[str, Any]
    ) -> None:
        """The time and attrs of the links of an interval entity, into ``extra``."""
        props = entity["properties"]
        when = next((v for p in _TIME_PROPS for v in _values(props, p)), None)
        if when is not None:
            extra["time"] = when
        extra["attrs"] = json.dumps(
            {"ftm_id": _ref(entity.get("id")), "schema": str(entity["schema"]),
             **_link_attrs(props, read | set(_TIME_PROPS))},
            ensure_ascii=False,
        )  # fmt: skip

    def _call_links(self, row: int, entity: dict[str, Any], key: str | None) -> None:
        """A Call: ``called`` between the caller's and the receiver's numbers, each used by
        the caller or receiver entity where given (``contacted`` between the entities
        where a number is not)."""
        props = entity["properties"]
        raw = json.dumps(entity, ensure_ascii=False)[:100_000]
        slot_key: object = 0 if key is None else f"nested:{key}"
        sides = []
        item = 0
        for number_prop, party_prop in (("callerNumber", "caller"), ("receiverNumber", "receiver")):
            refs = [r for v in props.get(party_prop) or [] if (r := _ref(v)) is not None]
            numbers = _values(props, number_prop)
            parties = self.ends(row, refs, party_prop, needed=not numbers)
            phones = []
            for value in numbers:
                item += 1
                phone = self._value_mention(row, raw, number_prop, "phone", value,
                                            (slot_key, item), _ref(entity.get("id")))  # fmt: skip
                if phone is None:
                    continue
                phones.append(phone)
                for party in parties:
                    self.link(row, party["mention_id"], phone["mention_id"], "uses_phone")
            sides.append(phones or parties)
        srcs, dsts = sides
        if not srcs or not dsts:
            return
        extra: dict[str, Any] = {}
        self._interval(row, entity, {"caller", "receiver", "callerNumber", "receiverNumber"},
                       extra)  # fmt: skip
        for s in srcs:
            for d in dsts:
                both = s["type"] == "phone" and d["type"] == "phone"
                self.link(row, s["mention_id"], d["mention_id"],
                          "called" if both else "contacted", **extra)  # fmt: skip

    def _note(self, row: int, entity: dict[str, Any]) -> None:
        """A Note's text, kept in the ``notes`` attribute of the entities it is about."""
        props = entity["properties"]
        text = "; ".join(_values(props, "description") + _values(props, "summary"))
        refs = [r for v in props.get("entity") or [] if (r := _ref(v)) is not None]
        for rec in self.ends(row, refs, "entity"):
            attrs = json.loads(rec.get("attrs") or "{}")
            if text:
                attrs.setdefault("notes", []).append(text)
            rec["attrs"] = json.dumps(attrs, ensure_ascii=False)

    def _currency(self, value: str | None, row: int) -> str | None:
        """An amount's currency as an ISO code; one that is none is rejected, not kept."""
        try:
            return normalize.currency(value)
        except ValueError:
            self.reject(row, "currency", "currency_invalid", str(value), "value")
            return None


def _kind_of_role(roles: list[str], src: str, dst: str) -> str | None:
    """The link kind an UnknownLink's ``role`` names: the one kind of
    :data:`linkgraph.schema.LINK_KINDS` whose label it is and whose ends are of the types
    ``src`` and ``dst`` ("shows" from an ad to an image is ``shows_image``), as
    linkgraph's FtM export writes a link FtM has no schema for; None when none is, or
    several.

    >>> _kind_of_role(["shows"], "ad", "image"), _kind_of_role(["holds"], "person", "document")
    ('shows_image', 'holds_document')
    >>> _kind_of_role(["shows"], "person", "phone"), _kind_of_role(["met"], "person", "person")
    (None, None)
    """
    found = {
        kind.name
        for role in roles
        for kind in LINK_KINDS.values()
        if kind.label == role.strip().lower()
        and kind.source in ("*", src)
        and kind.target in ("*", dst)
    }
    return found.pop() if len(found) == 1 else None


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _composed_name(props: dict[str, list[Any]]) -> str | None:
    """A person's full name made of its parts (firstName, secondName, middleName,
    fatherName, lastName; the first value of each), or None when there are none."""
    parts = [v[0] for p in _NAME_PARTS if (v := _values(props, p))]
    return " ".join(parts) or None


def _composed_address(props: dict[str, list[Any]]) -> str | None:
    """An Address's text made of its parts where it has no ``full`` text: "street street2,
    postalCode city, region, country"."""

    def one(prop: str) -> str:
        values = _values(props, prop)
        return values[0] if values else ""

    street = " ".join(p for p in (one("street"), one("street2")) if p)
    town = " ".join(p for p in (one("postalCode"), one("city")) if p)
    parts = [street, town, one("region") or one("state"), one("postOfficeBox")]
    text = ", ".join(p for p in parts if p)
    return normalize.text(text) if text else None


def read_ftm(
    path: Path, mapping: Mapping, *, agency: str | None, notes: list[str] | None = None
) -> tuple[pd.DataFrame, pd.DataFrame, list[dict[str, Any]], int]:
    """``(mentions, links, rejects, entities read)`` of a FollowTheMoney JSON(L) file; the
    summary's warnings on how it was read are added to ``notes``."""
    reader = _Reader(path, mapping, agency)
    entities = _entities(path, mapping, reader.rejects, [] if notes is None else notes)
    for row, entity, key in _unnest(entities):
        reader.read(row, entity, key)
    reader.resolve()
    if reader.reversed and notes is not None:
        n = reader.reversed
        notes.append(
            f"{n:,} negative amount{'s' * (n != 1)} (a refund, a reversal) read as money"
            " going back: each such link runs from the beneficiary (or beneficiaryAccount)"
            " to the payer, with the amount's size"
        )
    m = pd.DataFrame(reader.mentions)
    if len(m):
        from linkgraph.ingest.build import fill_identifier_countries

        m = fill_identifier_countries(m)
    lk = pd.DataFrame(reader.links)
    said: list[str] = []  # the times in a daylight-saving change, as a table's are said
    if len(m) and "time" in m:
        m["time"] = _times(m, mapping, reader.source, reader.rejects, said, "date (entities)")
    if "time" in lk:
        victims = victim_link_rows(m, lk)
        lk["time"] = _times(lk, mapping, reader.source, reader.rejects, said, "date", victims)
    if notes is not None:
        notes += said
    return m, lk, reader.rejects, len(entities)


def _times(
    lk: pd.DataFrame,
    mapping: Mapping,
    source: str,
    rejects: list[dict[str, Any]],
    notes: list[str],
    column: str,
    victim_rows: Iterable[int] = (),
) -> np.ndarray:
    """The FtM dates of links (or entities) in UTC, read as a table's times are (ISO 8601
    with or without an offset, in the mapping's timezone); a date that cannot be read, or
    lies outside the years a time can hold (2999), is reported as ``time_invalid``, never
    kept wrong. Local times in a daylight-saving change are warned of in ``notes`` as a
    table's are (named ``column``, quoting no time of ``victim_rows``)."""
    from linkgraph.ingest._columns import parse_times

    written = lk["time"].astype("string")
    dst = np.zeros(len(written), dtype=np.int8)
    times, failed = parse_times(
        written,
        dayfirst=mapping.dayfirst is not False,
        timezone=mapping.timezone,
        buddhist=mapping.buddhist_era,
        dst=dst,
    )
    notes += dst_time_notes(
        column, mapping.timezone, dst, lk["row"].to_numpy(), written, times, victim_rows
    )
    for i in np.flatnonzero(failed.to_numpy(dtype=bool)):
        rejects.append(
            _reject(
                source,
                int(lk["row"].iloc[i]),
                "date",
                "time_invalid",
                str(written.iloc[i]),
                "value",
            )
        )
    return times.to_numpy()


def _link_attrs(props: dict[str, list[Any]], read: set[str]) -> dict[str, str]:
    """An interval's other text properties as link attributes: an Ownership's
    ``percentage`` and ``role``, a Directorship's ``role``, a Family's ``relationship``, a
    Payment's ``purpose`` (several values ";"-joined); ``read`` are those read elsewhere
    (the ends, the time, the money)."""
    return {
        k: "; ".join(str(v) for v in values)
        for k, values in props.items()
        if k not in read and values and all(isinstance(v, str | int | float) for v in values)
    }
