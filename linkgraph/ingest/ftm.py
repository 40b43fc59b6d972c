"""FollowTheMoney import: entities (``id``, ``schema``, ``properties``) to mentions and links.

Thing schemata (Person, Company, BankAccount, ...) become mentions; their phone and email
properties become phone and email mentions of their own (FtM's reified values). Interval
schemata (Ownership, Directorship, Payment, ...) become links between the mentions of the
entities they reference; references to entities outside the file are rejected.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from linkgraph.errors import InputError
from linkgraph.ingest import normalize
from linkgraph.ingest.mapping import Mapping
from linkgraph.ingest.readers import detect_encoding
from linkgraph.model import stable_id
from linkgraph.schema import IDENTIFIER_FIELDS
from linkgraph.text import fold_name

#: FtM schema -> (entity type, {mention field: FtM property, first value wins}). Property
#: names follow the FollowTheMoney schema YAML (followthemoney/schema/*.yaml); where FtM
#: versions differ, alternatives are separated by "|" and the first present is used.
THINGS: dict[str, tuple[str, dict[str, str]]] = {
    "Person": ("person", {"name": "name", "given_name": "firstName", "family_name": "lastName",
               "dob": "birthDate", "nationality": "nationality", "country": "country",
               "sex": "gender", "document": "idNumber", "address": "address"}),
    "Company": ("organisation", {"name": "name", "country": "jurisdiction", "address": "address"}),
    "Organization": ("organisation", {"name": "name", "country": "country", "address": "address"}),
    "LegalEntity": ("organisation", {"name": "name", "country": "country", "address": "address"}),
    "PublicBody": ("organisation", {"name": "name", "country": "country"}),
    "Address": ("address", {"address": "full", "city": "city", "postcode": "postalCode",
                "country": "country"}),
    "BankAccount": ("account", {"account": "iban|accountNumber", "name": "name"}),
    "Vehicle": ("vehicle", {"plate": "registrationNumber", "name": "name", "country": "country"}),
    "Passport": ("document", {"document": "passportNumber|number", "country": "country"}),
    "Identification": ("document", {"document": "number", "country": "country"}),
}  # fmt: skip
# FtM has no Phone or address-Email schema: phones and emails are property values (made
# into mentions of their own below), and FtM's "Email" is a message, not an address.

#: FtM interval schema -> (link kind, source property, target property).
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
#: Thing schema -> (property naming the entity it belongs to, link kind from that entity).
#: (FtM's BankAccount has no holder: an Ownership with the account as ``asset`` says who
#: holds it, and becomes ``holds_account``.)
_HOLDERS = {
    "Passport": ("holder", "holds_document"),
    "Identification": ("holder", "holds_document"),
    "Vehicle": ("owner", "owns_vehicle"),
}
#: Ownership of these entity types is a link of a more specific kind than ``owner_of``.
_OWNED = {"account": "holds_account", "vehicle": "owns_vehicle"}
_KEY = IDENTIFIER_FIELDS


def _entities(
    path: Path, mapping: Mapping, rejects: list[dict[str, Any]]
) -> list[tuple[int, dict[str, Any]]]:
    enc = detect_encoding(path, mapping.encoding)
    text = path.read_text(encoding=enc).lstrip("\ufeff")
    if not text.strip():
        raise InputError("the file holds no entities", source=path.name, hint="export it again")
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            data = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise InputError(f"not valid JSON: {exc.msg}", source=path.name) from exc
        except RecursionError:
            raise InputError(
                "JSON nested too deeply to read",
                source=path.name,
                hint="an FtM export is a list of flat entity objects; export it again",
            ) from None
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
    for n, line in enumerate((ln for ln in lines if ln.strip()), start=1):
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            rejects.append(
                _reject(path.name, n, None, "invalid_json", f"{exc.msg}: {line[:150]}", "row")
            )
            continue
        except RecursionError:
            rejects.append(_reject(path.name, n, None, "invalid_json", "nested too deeply", "row"))
            continue
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


def read_ftm(
    path: Path, mapping: Mapping, *, agency: str | None
) -> tuple[pd.DataFrame, pd.DataFrame, list[dict[str, Any]], int]:
    """``(mentions, links, rejects, entities read)`` of a FollowTheMoney JSON(L) file."""
    source = path.name
    rejects: list[dict[str, Any]] = []
    entities = _entities(path, mapping, rejects)
    mentions: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []
    by_ftm_id: dict[str, str] = {}
    type_of: dict[str, str] = {}
    relations: list[tuple[int, dict[str, Any]]] = []

    def first(props: dict[str, Any], name: str) -> str | None:
        values = props.get(name) or []
        values = values if isinstance(values, list) else [values]
        return str(values[0]) if values else None

    def link(row: int, src: str, dst: str, kind: str, **extra: Any) -> None:
        link_id = stable_id("l", src, dst, kind, row)
        links.append({"link_id": link_id, "src": src, "dst": dst, "kind": kind,
                      "source": source, "agency": agency, "row": row, **extra})  # fmt: skip

    for row, entity in entities:
        schema = str(entity.get("schema", ""))
        props = entity.get("properties") or {}
        raw = json.dumps(entity, ensure_ascii=False)[:100_000]
        if not isinstance(props, dict):
            rejects.append(_reject(source, row, "properties", "properties_not_an_object",
                                   raw[:200], "row"))  # fmt: skip
            continue
        # FtM values are lists; a lone string is one value, not a list of characters.
        props = {k: v if isinstance(v, list) else [v] for k, v in props.items() if v is not None}
        if schema in RELATIONS:
            relations.append((row, entity))
            continue
        if schema not in THINGS:
            rejects.append(_reject(source, row, "schema", "unsupported_schema", schema, "row"))
            continue
        etype, fields = THINGS[schema]
        rec: dict[str, Any] = {"type": etype, "slot": schema.lower(), "raw": raw, "row": row,
                               "source": source, "agency": agency, "flags": None}  # fmt: skip
        for field, names in fields.items():
            prop = next((p for p in names.split("|") if props.get(p)), names.split("|")[0])
            value = first(props, prop)
            if value is None:
                continue
            func = normalize.FIELD_READERS.get(field, normalize.text)
            try:
                rec[field] = func(value)
            except ValueError:
                rec[field] = value
                rec["flags"] = f"{field}_invalid"
                rejects.append(_reject(source, row, prop, f"{field}_invalid", value, "value"))
        if etype == "phone" and rec.get("phone"):
            rec["phone"] = _phone(rec["phone"], mapping.region, rec, rejects, source, row)
        if etype == "account" and not rec.get("account"):
            rec["account"] = normalize.account(first(props, "accountNumber"))
        if etype in ("person", "organisation") and not rec.get("name"):
            parts = [rec.get("given_name"), rec.get("family_name")]
            rec["name"] = " ".join(p for p in parts if p) or None
        if rec.get("name"):
            rec["name_latin"] = fold_name(rec["name"]) or None
        key = _KEY.get(etype)
        if key is not None:
            rec["identifier"] = rec.get(key)
        rec["label"] = rec.get("name") or rec.get("identifier") or rec.get("address")
        if rec["label"] is None:
            rejects.append(_reject(source, row, None, "no_entity", raw, "row"))
            continue
        rec["mention_id"] = stable_id("m", source, row, rec["slot"], 0)
        aliases = [str(n) for n in props.get("name", [])[1:] if isinstance(n, str)]
        aliases += [str(n) for n in props.get("alias", []) if isinstance(n, str)]
        rec["attrs"] = json.dumps(
            {"ftm_id": entity.get("id"), "schema": schema}
            | ({"aliases": list(dict.fromkeys(aliases))} if aliases else {}),
            ensure_ascii=False,
        )
        mentions.append(rec)
        type_of[rec["mention_id"]] = etype
        if entity.get("id") is not None:
            by_ftm_id[str(entity["id"])] = rec["mention_id"]
        # Phones and emails of people and companies are entities of their own (FtM's
        # reified values), so a shared phone becomes a path in the graph.
        item = 0
        for prop, itype, kind in (
            ("phone", "phone", "uses_phone"),
            ("email", "email", "uses_email"),
        ):
            if schema in ("Phone", "Email"):
                break
            for value in props.get(prop) or []:
                item += 1
                sub = {"type": itype, "slot": prop, "raw": raw, "source": source,
                       "agency": agency, "row": row, "flags": None}  # fmt: skip
                if itype == "phone":
                    sub["phone"] = _phone(str(value), mapping.region, sub, rejects, source, row)
                else:
                    try:
                        sub["email"] = normalize.email(str(value))
                    except ValueError:
                        sub["email"], sub["flags"] = str(value), "email_invalid"
                        rejects.append(
                            _reject(source, row, prop, "email_invalid", str(value), "value")
                        )
                sub["identifier"] = sub["label"] = sub[itype]
                sub["mention_id"] = stable_id("m", source, row, prop, item)
                mentions.append(sub)
                link(row, rec["mention_id"], sub["mention_id"], kind)
        if schema in _HOLDERS and first(props, _HOLDERS[schema][0]) is not None:
            prop, kind = _HOLDERS[schema]
            relations.append((row, {"schema": f"_holder:{kind}", "properties": {
                "a": [first(props, prop)], "b": [entity.get("id")]}}))  # fmt: skip

    for row, entity in relations:
        schema = str(entity["schema"])
        props = entity.get("properties") or {}
        if schema.startswith("_holder:"):
            kind, a, b = schema.split(":", 1)[1], "a", "b"
        else:
            kind, a, b = RELATIONS[schema]
        if schema == "Payment":
            # FtM's payer and beneficiary are legal entities, each holding the account
            # money moved from or to (payerAccount, beneficiaryAccount): the ``paid``
            # link runs between the parties (between the accounts where a party is not
            # given), and each party holds its account.
            for party, account in (
                ("payer", "payerAccount"),
                ("beneficiary", "beneficiaryAccount"),
            ):
                held = by_ftm_id.get(str(first(props, account)))
                holder = by_ftm_id.get(str(first(props, party)))
                if held is not None and holder is not None and holder != held:
                    link(row, holder, held, "holds_account")
            a = a if first(props, a) is not None else "payerAccount"
            b = b if first(props, b) is not None else "beneficiaryAccount"
        src_ref, dst_ref = first(props, a), first(props, b)
        src, dst = by_ftm_id.get(str(src_ref)), by_ftm_id.get(str(dst_ref))
        if schema == "Ownership" and dst is not None:
            kind = _OWNED.get(type_of[dst], kind)
        if src is None or dst is None:
            missing = a if src is None else b
            rejects.append(
                _reject(
                    source,
                    row,
                    missing,
                    "unknown_reference",
                    str(src_ref if src is None else dst_ref),
                    "row",
                )
            )
            continue
        extra: dict[str, Any] = {}
        if schema == "Payment":
            amount = first(props, "amount")
            try:
                extra["amount"] = (
                    None if amount is None else float(normalize.amount(amount) or "nan")
                )
            except ValueError:
                rejects.append(
                    _reject(source, row, "amount", "amount_invalid", str(amount), "value")
                )
            extra["currency"] = _currency(first(props, "currency"), source, row, rejects)
        when = first(props, "date") or first(props, "startDate")
        if when is not None:
            extra["time"] = when
        extra["attrs"] = json.dumps(
            {"ftm_id": entity.get("id"), "schema": schema, **_link_attrs(props)},
            ensure_ascii=False,
        )
        link(row, src, dst, kind, **extra)
    m = pd.DataFrame(mentions)
    if len(m):
        from linkgraph.ingest.build import fill_identifier_countries

        m = fill_identifier_countries(m)
    lk = pd.DataFrame(links)
    if "time" in lk:
        lk["time"] = _times(lk, mapping, source, rejects)
    return m, lk, rejects, len(entities)


def _times(
    lk: pd.DataFrame, mapping: Mapping, source: str, rejects: list[dict[str, Any]]
) -> np.ndarray:
    """The links' FtM dates in UTC, read as a table's times are (ISO 8601 with or without
    an offset, in the mapping's timezone); a date that cannot be read, or lies outside
    the years a time can hold (2999), is reported as ``time_invalid``, never kept wrong."""
    from linkgraph.ingest._columns import parse_times

    written = lk["time"].astype("string")
    times, failed = parse_times(
        written,
        dayfirst=mapping.dayfirst is not False,
        timezone=mapping.timezone,
        buddhist=mapping.buddhist_era,
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


#: Interval properties read elsewhere (the ends, the time, the money): not link attributes.
_READ_PROPS = frozenset(
    {p for _, a, b in RELATIONS.values() for p in (a, b)}
    | {"payerAccount", "beneficiaryAccount", "amount", "currency", "date", "startDate"}
)


def _link_attrs(props: dict[str, list[Any]]) -> dict[str, str]:
    """An interval's other text properties as link attributes: an Ownership's
    ``percentage``, a Directorship's ``role``, a Family's ``relationship``, a Payment's
    ``purpose`` (several values ";"-joined)."""
    return {
        k: "; ".join(str(v) for v in values)
        for k, values in props.items()
        if k not in _READ_PROPS and values and all(isinstance(v, str | int | float) for v in values)
    }


def _currency(
    value: str | None, source: str, row: int, rejects: list[dict[str, Any]]
) -> str | None:
    """A Payment's currency as an ISO code; one that is none is rejected, not kept."""
    try:
        return normalize.currency(value)
    except ValueError:
        rejects.append(_reject(source, row, "currency", "currency_invalid", str(value), "value"))
        return None


def _phone(value: str, region: str | None, rec: dict[str, Any], rejects: list[dict[str, Any]],
           source: str, row: int) -> str:  # fmt: skip
    try:
        return normalize.phone(value, region) or value
    except ValueError:
        rec["flags"] = "phone_invalid"
        rejects.append(_reject(source, row, "phone", "phone_invalid", value, "value"))
        return value
