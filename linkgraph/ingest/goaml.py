"""goAML XML: the reports financial intelligence units exchange (UNODC's goAML schema).

A goAML file is a ``<report>`` (or several under one root) from a reporting entity
(``rentity_id``) with a ``report_code`` (STR, SAR, CTR, ...) and either transactions or an
activity:

* a bi-party ``<transaction>`` has a from side (``t_from_my_client`` or ``t_from``) and a
  to side (``t_to_my_client`` or ``t_to``), each naming an account (``from_account``,
  ``to_account``), a person (``from_person``) or an entity (``from_entity``): it becomes a
  ``paid`` link between the two accounts (between the persons or entities when a side has
  no account), with the transaction's date, ``amount_local`` in the report's
  ``currency_code_local``, and its ``transactionnumber`` as ``transfer_id``;
* a multi-party transaction (``involved_parties/party``, goAML 5's ``t_party``) and an
  ``<activity>`` report (``report_parties/report_party``) name parties without a direction:
  each party is linked ``involved_in`` an event made of the transaction (or the report).

An account's signatories (``signatory/t_person``, goAML 5's
``related_persons/account_related_person/t_person``) and its ``t_entity`` hold it
(``holds_account``); a person's phones (``uses_phone``), e-mail (``uses_email``),
identifications, passport, ID and social security numbers (``holds_document``) and
addresses (``lives_at``; ``registered_at`` for an entity) are mentions of their own, and an
entity's directors (``director_id``) are ``director_of`` it. Elements not read into a
field are kept in the mention's (or link's) attrs; the report's reference, code, entity
and submission date are kept in every mention's and link's attrs, its ``reason`` in its
transactions' links. The report's author (``reporting_person``) is no party: no mention.

A row is the ordinal of the transaction (or activity party) in the file; a reject says the
element's line. A DOCTYPE (XML entities, the "billion laughs") is refused: goAML never
declares one.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from linkgraph.errors import InputError
from linkgraph.ingest import normalize
from linkgraph.ingest._dst_times import dst_time_notes, victim_link_rows
from linkgraph.ingest._safe_xml import entity_free_parser, parse_whole
from linkgraph.ingest.mapping import Mapping
from linkgraph.model import stable_id
from linkgraph.schema import canonical_role, roles_not_understood
from linkgraph.text import fold_name

#: Elements that only goAML reports hold, one of which the first bytes of a goAML file have.
_MARKERS = re.compile(
    rb"<(?:rentity_id|submission_code|report_code|transactionnumber|t_from_my_client|"
    rb"t_to_my_client|involved_parties|report_parties)\b"
)
#: The root element of a goAML file: ``<report>`` (or a batch of them, ``<reports>``).
_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?reports?[\s>]")
_HINT = "export the report again from goAML (a <report> element, UTF-8, no DOCTYPE)"
#: Longest text kept of one element.
_MAX_TEXT = 10_000
#: The party elements of a side of a transaction, without their ``_my_client`` suffix.
_SUBJECTS = ("account", "person", "entity")
#: A person's elements read into mention fields (others are kept in attrs).
_PERSON_READ = {
    "first_name",
    "middle_name",
    "last_name",
    "birthdate",
    "gender",
    "nationality1",
    "phones",
    "addresses",
    "email",
    "identification",
    "passport_number",
    "passport_country",
    "id_number",
    "ssn",
    "alias",
    "residence",
    "comments",
}
_ENTITY_READ = {
    "name",
    "commercial_name",
    "incorporation_country_code",
    "phones",
    "addresses",
    "email",
    "director_id",
}
_ACCOUNT_READ = {
    "account",
    "iban",
    "swift",
    "signatory",
    "t_entity",
    "related_persons",
    "related_entities",
}
_TRANSACTION_READ = {
    "transactionnumber",
    "date_transaction",
    "amount_local",
    "t_from",
    "t_from_my_client",
    "t_to",
    "t_to_my_client",
    "involved_parties",
    "t_party",
}


def is_goaml(head: bytes) -> bool:
    """Whether a file's first bytes are a goAML report's: a ``<report>`` root with goAML
    elements (``rentity_id``, ``report_code``, ``t_from_my_client``, ...)."""
    head = head.replace(b"\x00", b"")
    return _ROOT.search(head) is not None and _MARKERS.search(head) is not None


def _local(tag: str) -> str:
    """A tag without its namespace prefix (``goaml:report`` -> ``report``)."""
    return tag.rsplit(":", 1)[-1].rsplit("}", 1)[-1]


def parse(path: Path, data: bytes) -> tuple[ET.Element, dict[ET.Element, int]]:
    """The document's root and the line of each element, read with expat; a DOCTYPE or
    an entity declaration is refused before anything is expanded.

    Raises:
        InputError: the XML declares entities or is not well-formed.
    """
    builder = ET.TreeBuilder()
    lines: dict[ET.Element, int] = {}
    parser = entity_free_parser(
        path.name, "the XML declares entities (a DOCTYPE), which no goAML report does", _HINT
    )

    def start(tag: str, attrs: dict[str, str]) -> None:
        lines[builder.start(_local(tag), attrs)] = parser.CurrentLineNumber

    parser.StartElementHandler = start
    parser.EndElementHandler = lambda tag: builder.end(_local(tag))
    parser.CharacterDataHandler = builder.data
    parse_whole(parser, data, path.name, _HINT)
    return builder.close(), lines


def _text(el: ET.Element | None, name: str) -> str:
    """The text of ``el``'s child ``name``, whitespace collapsed ("" when none)."""
    child = el.find(name) if el is not None else None
    if child is None:
        return ""
    return " ".join("".join(child.itertext()).split())[:_MAX_TEXT]


def _leaves(el: ET.Element, read: set[str]) -> dict[str, str]:
    """The text of ``el``'s childless children not in ``read`` (kept as attrs)."""
    out: dict[str, str] = {}
    for child in el:
        if child.tag in read or len(child):
            continue
        text = " ".join((child.text or "").split())[:_MAX_TEXT]
        if text:
            out[child.tag] = f"{out[child.tag]}; {text}" if child.tag in out else text
    return out


def _reports(root: ET.Element) -> list[ET.Element]:
    """The reports of the document: the root itself, or the reports under it."""
    if root.tag == "report":
        return [root]
    return list(root.iter("report"))


def _report_attrs(report: ET.Element) -> dict[str, str]:
    """The report's provenance, kept on every mention and link it makes."""
    fields = {
        "goaml_report": "entity_reference",
        "report_code": "report_code",
        "rentity_id": "rentity_id",
        "rentity_branch": "rentity_branch",
        "submission_date": "submission_date",
        "fiu_ref_number": "fiu_ref_number",
    }
    return {k: v for k, name in fields.items() if (v := _text(report, name))}


class _Reader:
    """The state of one goAML file being read: its mentions, links and rejects."""

    def __init__(
        self, path: Path, mapping: Mapping, agency: str | None, lines: dict[ET.Element, int]
    ) -> None:
        self.source = path.name
        self.mapping = mapping
        self.agency = agency
        self.lines = lines
        self.rejects: list[dict[str, Any]] = []
        self.mentions: list[dict[str, Any]] = []
        self.links: list[dict[str, Any]] = []
        self.report: dict[str, str] = {}
        self.currency: str | None = None
        self.reason = ""  # the report's <reason>, kept on its transactions' links
        self.rows = 0

    # -- records ------------------------------------------------------------------------

    def reject(
        self,
        row: int,
        el: ET.Element | None,
        column: str | None,
        reason: str,
        value: str,
        level: str,
    ) -> None:
        line = self.lines.get(el) if el is not None else None
        where = f"line {line}: " if line else ""
        self.rejects.append(
            {
                "source": self.source,
                "row": row,
                "column": column,
                "reason": reason,
                "value": (where + value)[:200],
                "level": level,
            }
        )

    def link(
        self,
        row: int,
        src: dict[str, Any],
        dst: dict[str, Any],
        kind: str,
        attrs: dict[str, Any] | None = None,
        **extra: Any,
    ) -> None:
        if src is dst:
            return
        link_id = stable_id("l", src["mention_id"], dst["mention_id"], kind, row)
        self.links.append(
            {
                "link_id": link_id,
                "src": src["mention_id"],
                "dst": dst["mention_id"],
                "kind": kind,
                "source": self.source,
                "agency": self.agency,
                "row": row,
                "attrs": json.dumps({**self.report, **(attrs or {})}, ensure_ascii=False),
                **extra,
            }
        )

    def mention(
        self,
        row: int,
        slot: str,
        etype: str,
        el: ET.Element,
        fields: dict[str, Any],
        attrs: dict[str, Any],
    ) -> dict[str, Any]:
        rec: dict[str, Any] = {
            "type": etype,
            "slot": slot,
            "row": row,
            "source": self.source,
            "agency": self.agency,
            "flags": None,
            "raw": ET.tostring(el, encoding="unicode")[:100_000],
        }
        rec.update({k: v for k, v in fields.items() if v})
        rec["mention_id"] = stable_id("m", self.source, row, slot)
        rec["attrs"] = json.dumps({**self.report, **attrs}, ensure_ascii=False)
        if rec.get("name"):
            rec["name_latin"] = fold_name(rec["name"]) or None
        self.mentions.append(rec)
        return rec

    def normalised(
        self, row: int, el: ET.Element, column: str, field: str, value: str, rec: dict[str, Any]
    ) -> str | None:
        """``value`` read as ``field`` (a date, a country, an e-mail, ...); one that cannot
        be read is kept raw, flagged and rejected at value level."""
        if not value:
            return None
        try:
            return normalize.FIELD_READERS.get(field, normalize.text)(value)
        except ValueError:
            self.flag(rec, f"{field}_invalid")
            self.reject(row, el, column, f"{field}_invalid", value, "value")
            return value

    @staticmethod
    def flag(rec: dict[str, Any], flag: str) -> None:
        rec["flags"] = ";".join(x for x in (rec.get("flags"), flag) if x)

    # -- parties ------------------------------------------------------------------------

    def person(self, row: int, slot: str, el: ET.Element) -> dict[str, Any]:
        """A ``t_person``'s mention, with its phones, e-mail, documents and addresses."""
        given = " ".join(x for x in (_text(el, "first_name"), _text(el, "middle_name")) if x)
        family = _text(el, "last_name")
        full = " ".join(x for x in (given, family) if x)
        if not full:
            self.reject(
                row, el, slot, "no_name", ET.tostring(el, encoding="unicode")[:150], "value"
            )
        attrs = _leaves(el, _PERSON_READ)
        if _text(el, "alias"):
            attrs["aliases"] = [_text(el, "alias")]
        fields: dict[str, Any] = {
            "given_name": normalize.name(given) if given else None,
            "family_name": normalize.name(family) if family else None,
            "name": normalize.name(full) if full else None,
        }
        rec = self.mention(row, slot, "person", el, fields, attrs)
        rec["label"] = rec.get("name") or f"person ({slot})"
        for field, column in (
            ("dob", "birthdate"),
            ("sex", "gender"),
            ("nationality", "nationality1"),
            ("country", "residence"),
        ):
            rec[field] = self.normalised(row, el, column, field, _text(el, column), rec)
        rec["role"] = _role_of(_text(el, "comments"))
        self.contacts(row, slot, el, rec, "lives_at")
        self.documents(row, slot, el, rec)
        return rec

    def entity(self, row: int, slot: str, el: ET.Element) -> dict[str, Any]:
        """A ``t_entity``'s mention (an organisation), its contacts and its directors."""
        name = _text(el, "name") or _text(el, "commercial_name")
        attrs = _leaves(el, _ENTITY_READ)
        if _text(el, "commercial_name") and _text(el, "name"):
            attrs["aliases"] = [_text(el, "commercial_name")]
        rec = self.mention(
            row, slot, "organisation", el, {"name": normalize.text(name) if name else None}, attrs
        )
        rec["label"] = rec.get("name") or attrs.get("incorporation_number") or f"entity ({slot})"
        if not name:
            self.reject(row, el, slot, "no_name", rec["label"], "value")
        column = "incorporation_country_code"
        rec["country"] = self.normalised(row, el, column, "country", _text(el, column), rec)
        self.contacts(row, slot, el, rec, "registered_at")
        for k, director in enumerate(el.findall("director_id"), start=1):
            person = self.person(row, f"{slot}/director_id[{k}]", director)
            self.link(row, person, rec, "director_of", _with(role=_text(director, "role")))
        return rec

    def account(self, row: int, slot: str, el: ET.Element) -> dict[str, Any] | None:
        """A ``t_account``'s mention, held by its signatories and its ``t_entity``; None
        (and a reject) when it has no account number or IBAN."""
        written = _text(el, "iban") or _text(el, "account")
        attrs = _leaves(el, _ACCOUNT_READ)
        if _text(el, "swift"):
            attrs["bic"] = _text(el, "swift")
        if _text(el, "iban") and _text(el, "account") and _text(el, "account") != written:
            attrs["account_number"] = _text(el, "account")
        holders = self.holders(row, slot, el)
        if not written:
            self.reject(
                row,
                el,
                slot,
                "no_account_number",
                attrs.get("institution_name", "") or "(no account or iban)",
                "value",
            )
            return None
        rec = self.mention(row, slot, "account", el, {}, attrs)
        try:
            rec["account"] = normalize.account(written) or written
        except ValueError:
            rec["account"] = written
            self.flag(rec, "account_invalid")
            self.reject(
                row,
                el,
                "iban" if _text(el, "iban") else "account",
                "account_invalid",
                written,
                "value",
            )
        rec["identifier"] = rec["label"] = rec["account"]
        for holder, role in holders:
            self.link(row, holder, rec, "holds_account", role)
        return rec

    def holders(self, row: int, slot: str, el: ET.Element) -> list[tuple[dict[str, Any], dict]]:
        """The account's signatories and entity, each with the attrs of its holding."""
        out: list[tuple[dict[str, Any], dict]] = []
        signatories = [(s, s.find("t_person")) for s in el.findall("signatory")]
        signatories += [
            (s, s.find("t_person")) for s in el.findall("related_persons/account_related_person")
        ]
        for k, (sig, person_el) in enumerate(signatories, start=1):
            if person_el is None:
                self.reject(
                    row,
                    sig,
                    f"{slot}/signatory",
                    "no_person",
                    ET.tostring(sig, encoding="unicode")[:150],
                    "value",
                )
                continue
            person = self.person(row, f"{slot}/signatory[{k}]", person_el)
            out.append(
                (person, _with(role=_text(sig, "role"), is_primary=_text(sig, "is_primary")))
            )
        entities = el.findall("t_entity") + el.findall(
            "related_entities/account_related_entity/t_entity"
        )
        for k, ent in enumerate(entities, start=1):
            out.append((self.entity(row, f"{slot}/t_entity[{k}]", ent), {}))
        return out

    def contacts(
        self, row: int, slot: str, el: ET.Element, rec: dict[str, Any], address_kind: str
    ) -> None:
        """The phones, e-mails and addresses of a person or entity, linked to it."""
        for k, phone in enumerate(el.findall("phones/phone"), start=1):
            sub = self.phone(row, f"{slot}/phone[{k}]", phone)
            if sub is not None:
                self.link(row, rec, sub, "uses_phone")
        for k, email in enumerate(el.findall("email"), start=1):
            sub = self.email(row, f"{slot}/email[{k}]", email)
            if sub is not None:
                self.link(row, rec, sub, "uses_email")
        for k, address in enumerate(el.findall("addresses/address"), start=1):
            sub = self.address(row, f"{slot}/address[{k}]", address)
            if sub is not None:
                self.link(row, rec, sub, address_kind)

    def phone(self, row: int, slot: str, el: ET.Element) -> dict[str, Any] | None:
        number, prefix = _text(el, "tph_number"), _text(el, "tph_country_prefix").lstrip("+0")
        if not number:
            self.reject(row, el, "tph_number", "no_phone_number", "(empty)", "value")
            return None
        rec = self.mention(row, slot, "phone", el, {}, _leaves(el, {"tph_number"}))
        rec["phone"] = _phone(number, prefix, self.mapping.region)
        if rec["phone"] is None:
            rec["phone"] = f"+{prefix} {number}" if prefix else number
            self.flag(rec, "phone_invalid")
            self.reject(row, el, "tph_number", "phone_invalid", rec["phone"], "value")
        rec["identifier"] = rec["label"] = rec["phone"]
        return rec

    def email(self, row: int, slot: str, el: ET.Element) -> dict[str, Any] | None:
        value = " ".join("".join(el.itertext()).split())
        if not value:
            return None
        rec = self.mention(row, slot, "email", el, {}, {})
        rec["email"] = self.normalised(row, el, "email", "email", value, rec)
        rec["identifier"] = rec["label"] = rec["email"]
        return rec

    def address(self, row: int, slot: str, el: ET.Element) -> dict[str, Any] | None:
        city = _text(el, "city") or _text(el, "town")
        town = " ".join(x for x in (_text(el, "zip"), city) if x)
        text = ", ".join(x for x in (_text(el, "address"), town, _text(el, "state")) if x)
        if not text:
            return None
        read = {"address", "city", "town", "zip", "country_code"}
        rec = self.mention(
            row,
            slot,
            "address",
            el,
            {
                "address": normalize.text(text),
                "city": city or None,
                "postcode": _text(el, "zip") or None,
            },
            _leaves(el, read),
        )
        code = _text(el, "country_code")
        rec["country"] = self.normalised(row, el, "country_code", "country", code, rec)
        rec["label"] = rec["address"]
        return rec

    def documents(self, row: int, slot: str, el: ET.Element, person: dict[str, Any]) -> None:
        """The person's identifications, passport, ID and SSN numbers, each a document
        mention the person ``holds_document``."""
        found: list[tuple[str, str, str, ET.Element, dict[str, str]]] = []
        for ident in el.findall("identification"):
            extra = _leaves(ident, {"number", "issue_country", "type"})
            found.append(
                (
                    _text(ident, "number"),
                    _text(ident, "issue_country"),
                    _text(ident, "type"),
                    ident,
                    extra,
                )
            )
        for column, country, kind in (
            ("passport_number", "passport_country", "passport"),
            ("id_number", "", "id_number"),
            ("ssn", "", "ssn"),
        ):
            if _text(el, column):
                found.append(
                    (
                        _text(el, column),
                        _text(el, country) if country else "",
                        kind,
                        el.find(column),
                        {},
                    )
                )
        seen: set[str] = set()
        for k, (number, country, kind, at, extra) in enumerate(found, start=1):
            if not number:
                self.reject(row, at, "number", "no_document_number", kind or "(no type)", "value")
                continue
            rec = self.mention(
                row,
                f"{slot}/document[{k}]",
                "document",
                at,
                {},
                {"document_type": kind, **extra} if kind else extra,
            )
            rec["document"] = self.normalised(row, at, "number", "document", number, rec)
            rec["country"] = self.normalised(row, at, "issue_country", "country", country, rec)
            rec["identifier"] = rec["label"] = rec["document"]
            if rec["document"] in seen:
                self.mentions.pop()  # the same number written twice (id_number and identification)
                continue
            seen.add(rec["document"])
            self.link(row, person, rec, "holds_document")

    def subject(self, row: int, slot: str, side: ET.Element, prefix: str) -> list[dict[str, Any]]:
        """The mentions a side (or party) names as the one whose money moved: its account,
        else its person or entity (``prefix`` is ``from_``, ``to_`` or ``""``)."""
        ends: dict[str, dict[str, Any]] = {}
        for what in _SUBJECTS:
            for tag in (f"{prefix}{what}", f"{prefix}{what}_my_client"):
                el = side.find(tag)
                if el is None:
                    continue
                reader = {"account": self.account, "person": self.person, "entity": self.entity}[
                    what
                ]
                rec = reader(row, f"{slot}/{tag}", el)
                if rec is not None:
                    ends.setdefault(what, rec)
        return list(ends.values())  # the account first

    # -- transactions -------------------------------------------------------------------

    def transaction(self, tx: ET.Element) -> None:
        """One ``<transaction>``: ``paid`` between its sides, or its parties
        ``involved_in`` it (multi-party)."""
        self.rows += 1
        row = self.rows
        number = _text(tx, "transactionnumber")
        attrs = _leaves(tx, _TRANSACTION_READ)
        if number:
            attrs["transfer_id"] = number
        if self.reason:
            attrs["report_reason"] = self.reason
        money = self.money(row, tx)
        parties = tx.findall("involved_parties/party") + tx.findall("t_party")
        if parties:
            self.multi_party(row, tx, parties, attrs, money)
            return
        ends = []
        for names, prefix in (
            (("t_from_my_client", "t_from"), "from_"),
            (("t_to_my_client", "t_to"), "to_"),
        ):
            side = next((s for n in names if (s := tx.find(n)) is not None), None)
            if side is None:
                ends.append([])
                self.reject(
                    row,
                    tx,
                    "/".join(names),
                    "missing_party",
                    f"transaction {number or row}: no {' or '.join(names)}",
                    "row",
                )
                continue
            found = self.subject(row, side.tag, side, prefix)
            if not found:
                self.reject(
                    row,
                    side,
                    side.tag,
                    "missing_party",
                    f"transaction {number or row}: {side.tag} names no account, person or entity",
                    "row",
                )
            self.side_details(row, side, prefix, found, attrs)
            ends.append(found)
        if ends[0] and ends[1]:
            self.link(row, ends[0][0], ends[1][0], "paid", attrs, **money)

    def side_details(
        self,
        row: int,
        side: ET.Element,
        prefix: str,
        found: list[dict[str, Any]],
        attrs: dict[str, Any],
    ) -> None:
        """A side's funds code, country and foreign currency into the link's attrs, and
        its conductor (``t_conductor``) linked to the side's end."""
        for name in (f"{prefix}funds_code", f"{prefix}funds_comment", f"{prefix}country"):
            if _text(side, name):
                attrs[name] = _text(side, name)
        foreign = side.find(f"{prefix}foreign_currency")
        if foreign is not None:
            for name, value in _leaves(foreign, set()).items():
                attrs[f"{prefix}{name}"] = value
        # The persons and entities of a side holding its account: a side names one
        # subject in goAML, but exports write an account and its owner side by side.
        for other in found[1:]:
            if found[0]["type"] == "account":
                self.link(row, other, found[0], "holds_account")
        conductor = side.find("t_conductor")
        if conductor is not None and found:
            person = self.person(row, f"{side.tag}/t_conductor", conductor)
            self.link(row, person, found[0], "conducted")

    def money(self, row: int, tx: ET.Element) -> dict[str, Any]:
        """The link's time, amount and currency (the report's local currency)."""
        out: dict[str, Any] = {"currency": self.currency}
        when = _text(tx, "date_transaction") or _text(tx, "value_date")
        if when:
            out["time"] = when
        written = _text(tx, "amount_local")
        if not written:
            self.reject(row, tx, "amount_local", "amount_missing", "(no amount_local)", "value")
            return out
        try:
            out["amount"] = float(normalize.amount(written) or "nan")
        except ValueError:
            self.reject(row, tx, "amount_local", "amount_invalid", written, "value")
        return out

    def multi_party(
        self,
        row: int,
        tx: ET.Element,
        parties: list[ET.Element],
        attrs: dict[str, Any],
        money: dict[str, Any],
    ) -> None:
        """A multi-party transaction: an event of its own, each party ``involved_in`` it
        with its role."""
        number = attrs.get("transfer_id") or str(row)
        event = self.event(
            row,
            tx,
            f"transaction {number}",
            money.get("time"),
            {**attrs, **{k: v for k, v in money.items() if k != "time"}},
        )
        for k, party in enumerate(parties, start=1):
            self.party(row, f"party[{k}]", party, event)

    def party(self, row: int, slot: str, party: ET.Element, event: dict[str, Any]) -> None:
        """One party of a multi-party transaction or an activity, ``involved_in`` the
        event; a party that names nobody is rejected."""
        found = self.subject(row, slot, party, "")
        if not found:
            self.reject(
                row, party, slot, "missing_party", "names no account, person or entity", "row"
            )
            return
        read = {f"{w}{s}" for w in _SUBJECTS for s in ("", "_my_client")}
        self.link(row, found[0], event, "involved_in", _leaves(party, read))

    def event(
        self, row: int, el: ET.Element, label: str, when: str | None, attrs: dict[str, Any]
    ) -> dict[str, Any]:
        rec = self.mention(row, "event", "event", el, {"name": label}, attrs)
        rec["label"] = label
        rec["identifier"] = stable_id("goaml", self.report.get("goaml_report"), label)
        if when:
            rec["time"] = when
        return rec

    def activity(self, report: ET.Element, activity: ET.Element) -> None:
        """An activity report: the report an event, each ``report_party`` involved in it."""
        parties = activity.findall("report_parties/report_party")
        if not parties:
            self.reject(
                self.rows + 1,
                activity,
                "report_parties",
                "missing_party",
                "activity names no report_party",
                "row",
            )
            return
        label = f"goAML {self.report.get('report_code', 'report')} " + (
            self.report.get("goaml_report") or self.source
        )
        event = None
        for party in parties:
            self.rows += 1
            if event is None:
                event = self.event(
                    self.rows,
                    report,
                    label,
                    _text(report, "submission_date"),
                    _with(reason=_text(report, "reason")[:500]),
                )
            self.party(self.rows, "report_party", party, event)

    def read(self, report: ET.Element) -> None:
        """One ``<report>``'s transactions and activity."""
        self.report = _report_attrs(report)
        self.reason = _text(report, "reason")[:500]
        code = _text(report, "currency_code_local")
        try:
            self.currency = normalize.currency(code) if code else None
        except ValueError:
            self.currency = None
            self.reject(
                self.rows + 1, report, "currency_code_local", "currency_invalid", code, "value"
            )
        transactions = report.findall("transaction")
        for tx in transactions:
            self.transaction(tx)
        for activity in report.findall("activity"):
            self.activity(report, activity)
        if not transactions and report.find("activity") is None:
            self.reject(
                self.rows + 1,
                report,
                "report",
                "no_transactions",
                "the report has no transaction and no activity",
                "row",
            )


def _with(**values: str) -> dict[str, str]:
    """The given values that are not empty."""
    return {k: v for k, v in values.items() if v}


def _phone(number: str, prefix: str, region: str | None) -> str | None:
    """A goAML phone (``tph_country_prefix`` and ``tph_number``) in E.164, else None."""
    candidates = [number] if number.startswith(("+", "00")) else []
    if prefix:
        candidates += [f"+{prefix}{number}", f"+{prefix}{number.lstrip('0')}"]
    candidates.append(number)
    for value in candidates:
        try:
            phone = normalize.phone(value, region)
        except ValueError:
            continue
        if phone:
            return phone
    return None


def _role_of(comments: str) -> str | None:
    """The role a person's ``comments`` name: the roles when the comments are role words
    alone ("victim", "suspect; PEP" is not), else ``victim`` when any part of them is, or
    holds as whole words, a victim's role word. A compliance officer writes a sentence
    ("victim, referred by police", "suspected trafficking VICTIM; see police ref
    44/24"): she must not be left unmarked for the words around hers. Other roles are
    not read out of a sentence ("Customer since 2019" is a bank's client, not a buyer).

    Examples:
        >>> _role_of("victim, referred by police"), _role_of("Customer since 2019")
        ('victim', None)
        >>> _role_of("suspect")
        'suspect'
    """
    role = canonical_role(comments) if comments else None
    if not role:
        return None
    if not roles_not_understood(role):
        # a bank's "customer" / "client" is its account holder, not a buyer of sex
        kept = [r for r in role.split(";") if r != "client"]
        return ";".join(kept) or None
    return "victim" if "victim" in role.split(";") else None


def read_goaml(
    path: Path, mapping: Mapping, *, agency: str | None, notes: list[str] | None = None
) -> tuple[pd.DataFrame, pd.DataFrame, list[dict[str, Any]], int]:
    """``(mentions, links, rejects, rows read)`` of a goAML XML report (a row is a
    transaction, or a party of an activity report); the summary's warnings on how it was
    read (local times in a daylight-saving change) are added to ``notes``."""
    root, lines = parse(path, path.read_bytes())
    reports = _reports(root)
    if not reports:
        raise InputError(
            f"no <report> element (the root is <{root.tag}>)", source=path.name, hint=_HINT
        )
    reader = _Reader(path, mapping, agency, lines)
    for report in reports:
        reader.read(report)
    mentions = pd.DataFrame(reader.mentions)
    if len(mentions):
        from linkgraph.ingest.build import fill_identifier_countries

        mentions = fill_identifier_countries(mentions)
    links = pd.DataFrame(reader.links)
    said: list[str] = []  # the times in a daylight-saving change, as a table's are said
    if len(mentions) and "time" in mentions:
        mentions["time"] = _times(mentions, mapping, reader, said, "date (parties)")
    if "time" in links:
        victims = victim_link_rows(mentions, links)
        links["time"] = _times(links, mapping, reader, said, "date_transaction", victims)
    if notes is not None:
        notes += said
    return mentions, links, reader.rejects, reader.rows


def _times(
    frame: pd.DataFrame,
    mapping: Mapping,
    reader: _Reader,
    notes: list[str],
    column: str,
    victim_rows: Iterable[int] = (),
) -> np.ndarray:
    """goAML's dates (``2024-02-03T10:15:00``) in UTC, in the mapping's timezone; one that
    cannot be read is a ``time_invalid`` reject, never kept wrong. Local times in a
    daylight-saving change are warned of in ``notes`` as a table's are (named ``column``,
    quoting no time of ``victim_rows``)."""
    from linkgraph.ingest._columns import parse_times

    written = frame["time"].astype("string")
    dst = np.zeros(len(written), dtype=np.int8)
    times, failed = parse_times(
        written,
        dayfirst=mapping.dayfirst is not False,
        timezone=mapping.timezone,
        buddhist=mapping.buddhist_era,
        dst=dst,
    )
    notes += dst_time_notes(
        column, mapping.timezone, dst, frame["row"].to_numpy(), written, times, victim_rows
    )
    for i in np.flatnonzero(failed.to_numpy(dtype=bool)):
        reader.reject(
            int(frame["row"].iloc[i]),
            None,
            "date_transaction",
            "time_invalid",
            str(written.iloc[i]),
            "value",
        )
    return times.to_numpy()
