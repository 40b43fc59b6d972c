"""FollowTheMoney export (Aleph): one FtM entity per resolved entity, one interval entity
(Payment, Call, Ownership, ...) per link, built and cleaned with the ``followthemoney`` library.

Entities read from an FtM file keep their id, schema and original statements; others are
built from their mentions' fields (every value: FtM properties are multi-valued). Phones and
emails are FtM property values, not entities: they go on their holders, and calls between
phones become ``Call`` entities with ``callerNumber``/``receiverNumber``. An event's
times are its Event's ``date``. Dates are UTC written without a zone, as FtM's date type
has them (it expects UTC and cannot say otherwise).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import pandas as pd

from linkgraph._io import write_text
from linkgraph.export._data import ExportData
from linkgraph.export.loss import LossReport
from linkgraph.ingest.ftm import RELATIONS, UNKNOWN_HOLDER
from linkgraph.model import stable_id
from linkgraph.schema import canonical_role, link_kind, roles_not_understood

DIRECTORY = False

#: Entity type -> FtM schema (used when the entity did not come from an FtM file).
SCHEMA_OF_TYPE = {
    "person": "Person", "organisation": "Organization", "address": "Address",
    "location": "Address", "account": "BankAccount", "vehicle": "Vehicle",
    "document": "Identification", "event": "Event", "ad": "Article", "image": "Image",
}  # fmt: skip
#: Mention field -> FtM property, per schema.
FIELDS = {
    "Person": {"name": "name", "given_name": "firstName", "family_name": "lastName",
               "dob": "birthDate", "nationality": "nationality", "country": "country",
               "sex": "gender", "document": "idNumber", "address": "address"},
    "Organization": {"name": "name", "country": "country", "address": "address"},
    "Address": {"address": "full", "city": "city", "postcode": "postalCode",
                "country": "country"},
    "BankAccount": {"account": "accountNumber"},
    "Vehicle": {"plate": "registrationNumber", "country": "country"},
    "Identification": {"document": "number", "country": "country"},
    "Event": {"label": "name", "country": "country"},
    "Article": {"label": "title"},
    "Image": {"label": "title"},
}  # fmt: skip
_GENDER = {"M": "male", "F": "female", "X": "other"}
#: Keys of an image mention's attributes that hold its URL, and its content hash (an
#: image read from a list of objects keeps the one that is not its key there).
IMAGE_URL_KEYS = ("url", "image_url", "source_url", "src", "href", "link", "uri")
IMAGE_HASH_KEYS = ("hash", "md5", "sha1", "sha256", "checksum", "digest", "content_hash")
#: A content hash as FtM's ``contentHash`` holds one: MD5, SHA-1 or SHA-256 in hex. (A
#: perceptual hash, 16 hex digits, names a look, not a file: it stays the image's title.)
_CONTENT_HASH = re.compile(r"[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64}")
#: Link kind -> (FtM interval schema, source property, target property): the import's
#: table read backwards (the first schema of a kind wins), so the two cannot drift apart.
RELATION_OF_KIND = {
    **{kind: (schema, a, b) for schema, (kind, a, b) in reversed(RELATIONS.items())},
    "holds_account": ("Ownership", "owner", "asset"),
}
#: Link kinds that become a property of one end rather than an entity of their own:
#: kind -> (property, set on the source "src" or the target "dst", value from the other end).
PROPERTY_OF_KIND = {
    "uses_phone": ("phone", "src"),
    "uses_email": ("email", "src"),
    "holds_document": ("holder", "dst"),
    "owns_vehicle": ("owner", "dst"),
    "lives_at": ("addressEntity", "src"),
    "registered_at": ("addressEntity", "src"),
    "involved_in": ("involved", "dst"),
    "attended": ("involved", "dst"),
}


def _ftm_origin(attrs: object) -> tuple[str | None, str | None]:
    try:
        parsed = json.loads(attrs) if isinstance(attrs, str) else {}
    except json.JSONDecodeError:
        return None, None
    if not isinstance(parsed, dict):
        return None, None
    return parsed.get("ftm_id"), parsed.get("schema")


def _ftm_value(attrs: object) -> bool:
    """Whether a mention was made of a property value of an FtM entity (the address
    mention of a Person's ``address`` text), which that entity's statements keep."""
    try:
        parsed = json.loads(attrs) if isinstance(attrs, str) else {}
    except json.JSONDecodeError:
        return False
    return isinstance(parsed, dict) and parsed.get("ftm_value_of") is not None


def _date(value: object) -> str | None:
    """An ISO 8601 date (a midnight UTC time) or time in UTC, without a zone: FtM's date
    type expects UTC and writes no zone (its cleaning drops a "Z" with the seconds)."""
    if value is None or value is pd.NaT or pd.isna(value):
        return None
    ts = pd.Timestamp(value).tz_convert("UTC").tz_localize(None)
    return ts.date().isoformat() if ts == ts.normalize() else ts.isoformat()


def _amount(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def write(data: ExportData, path: Path, report: LossReport) -> None:
    """Write ``path`` as FtM JSON lines (one entity per line, sorted by id)."""
    from followthemoney import model

    case = data.case
    m = case.mentions
    entity_of = case.entity_of()
    m_entity = entity_of.reindex(m["mention_id"]).astype(str).to_numpy()
    entities = data.entities.set_index("entity_id")
    proxies: dict[str, Any] = {}  # entity_id -> proxy
    verbatim: set[str] = set()  # entity ids whose statements came from an FtM file
    merged_ids = 0
    values_of: dict[str, list[str]] = defaultdict(list)  # phone/email entity -> values
    by_entity = pd.DataFrame({"entity_id": m_entity}).groupby("entity_id", sort=True).indices
    wanted = {f for fields in FIELDS.values() for f in fields}
    wanted |= {"phone", "email", "attrs", "raw", "identifier"}
    column = {  # plain lists: per-entity pandas indexing is too slow at 100k entities
        f: [None if pd.isna(v) else str(v) for v in m[f].tolist()] for f in sorted(wanted)
    }
    # an event's times: FtM dates are UTC without a zone (:func:`_date`); a time withheld
    # (an event of a victim alone) is none
    times = m["time"].tolist() if "time" in m.columns else [None] * len(m)
    types = entities["type"].astype(str).to_dict()
    labels = entities["label"].astype(str).to_dict()

    def values(field: str, rows: Any) -> list[str]:
        return sorted({column[field][r] for r in rows} - {None})

    for eid, rows in by_entity.items():
        etype = types[eid]
        if etype in ("phone", "email"):
            values_of[eid] = values(etype, rows) or [labels[eid]]
            continue
        if etype == "address" and all(_ftm_value(column["attrs"][r]) for r in rows):
            continue  # the ``address`` text of FtM entities, which keep it as written
        origin = []
        for r in rows:
            if column["attrs"][r] is None or column["raw"][r] is None:
                continue
            i, s = _ftm_origin(column["attrs"][r])
            if i and s:
                origin.append((i, s, column["raw"][r]))
        if origin:
            origin.sort(key=lambda o: o[0])
            proxy = None
            for ftm_id, _schema, raw in origin:
                item = json.loads(raw)
                this = model.get_proxy({"id": ftm_id, "schema": item["schema"],
                                        "properties": item.get("properties") or {}})  # fmt: skip
                if proxy is None:
                    proxy = this
                elif this.id != proxy.id:
                    merged_ids += 1
                    proxy = proxy.merge(this)
            proxies[eid] = proxy
            verbatim.add(eid)
            continue
        schema = SCHEMA_OF_TYPE.get(etype, "Thing")
        if schema == "Thing":
            schema = "Organization"
        proxy = model.make_entity(schema)
        proxy.id = "lg-" + eid.split(":", 1)[-1]
        for field, prop in FIELDS.get(schema, {}).items():
            for value in values(field, rows):
                if field == "sex":
                    value = _GENDER.get(value.upper()[:1], value)
                if schema == "BankAccount" and _looks_like_iban(value):
                    proxy.add("iban", value, quiet=True)
                proxy.add(prop, value, quiet=True)
        if schema in ("Person", "Organization") and not proxy.has("name"):
            proxy.add("name", labels[eid])
        if schema == "Image":
            _image_file(proxy, values("identifier", rows), values("attrs", rows))
        if schema == "Event":
            for when in sorted({w for r in rows if (w := _date(times[r]))}):
                proxy.add("date", when, cleaned=True)
        if (
            not any(proxy.has(p) for p in proxy.schema.caption)
            and "name" in proxy.schema.properties
        ):
            # an entity shown by pseudonym (a victim's account, her document: its number
            # withheld) is named by it, as a victim's Person is: an FtM entity without
            # a caption is no entity to a reader, and the Payments naming it dangle
            proxy.add("name", labels[eid])
        proxies[eid] = proxy
    _mark_roles(proxies, entities, verbatim)
    ftm_id = {eid: p.id for eid, p in proxies.items()}

    # links: properties of one end, or interval entities of their own
    links = case.links
    src = entity_of.reindex(links["src"]).astype(str).to_numpy()
    dst = entity_of.reindex(links["dst"]).astype(str).to_numpy()
    holders: dict[str, set[str]] = defaultdict(set)
    for s, d, kind in zip(src, dst, links["kind"].astype(str), strict=True):
        if kind in ("uses_phone", "uses_email", "holds_account") and s in ftm_id:
            holders[d].add(ftm_id[s])
    intervals: list[Any] = []
    stand_ins: dict[str, Any] = {}  # account FtM id -> the LegalEntity standing for its holder
    phone_users: dict[str, Any] = {}  # phone entity id -> the LegalEntity standing for its user
    unplaced = missing_required = 0
    for (s, d), row in zip(zip(src, dst, strict=True), links.itertuples(index=False), strict=True):
        kind = str(row.kind)
        when = _date(row.time)
        if kind == "shows_image" and _pictures(proxies.get(d), proxies.get(s)):
            if d not in verbatim:  # an FtM file's Image keeps its own statements
                proxies[d].add("pictured", ftm_id[s], cleaned=True)
            continue
        if kind in PROPERTY_OF_KIND:
            prop, side = PROPERTY_OF_KIND[kind]
            owner, other = (s, d) if side == "src" else (d, s)
            if owner in verbatim or owner not in proxies:
                continue  # an FtM entity keeps its own statements
            value = values_of.get(other) or ([ftm_id[other]] if other in ftm_id else [])
            for v in value:
                proxies[owner].add(prop, v, quiet=True)
            continue
        link_ftm_id, link_schema = _ftm_origin(row.attrs)
        if kind in ("called", "messaged"):
            proxy = model.make_entity("Call")
            for end, number, party in ((s, "callerNumber", "caller"),
                                       (d, "receiverNumber", "receiver")):  # fmt: skip
                for value in values_of.get(end, []):
                    proxy.add(number, value, quiet=True)
                if len(holders.get(end, ())) == 1:
                    proxy.add(party, next(iter(holders[end])), cleaned=True)
                elif not proxy.has(number):
                    stand_in = _call_party(end, proxies, labels, data.protected, phone_users)
                    if stand_in is not None:
                        proxy.add(party, stand_in, cleaned=True)
        elif s not in ftm_id or d not in ftm_id:
            unplaced += 1
            continue
        else:
            # A link read from an FtM interval keeps its schema (any edge schema of the
            # model: Debt, Control, ...; a Call between entities, not numbers).
            edge = model.get(link_schema) if link_schema else None
            if link_schema == "Call":
                schema, a, b = "Call", "caller", "receiver"
            elif edge is not None and edge.edge and edge.edge_source and edge.edge_target:
                schema, a, b = edge.name, edge.edge_source, edge.edge_target
            else:
                schema, a, b = RELATION_OF_KIND.get(kind, ("UnknownLink", "subject", "object"))
            if schema == "Payment" and not all(_payable(proxies[e]) for e in (s, d)):
                schema, a, b = "UnknownLink", "subject", "object"  # a Payment cannot hold it
            proxy = model.make_entity(schema)
            if schema == "Payment":
                for end, party, account in ((s, "payer", "payerAccount"),
                                            (d, "beneficiary", "beneficiaryAccount")):  # fmt: skip
                    _payment_side(proxy, proxies[end], party, account, holders.get(end, set()),
                                  stand_ins)  # fmt: skip
            else:
                proxy.add(a, ftm_id[s], cleaned=True)  # ids and ISO dates need no cleaning
                proxy.add(b, ftm_id[d], cleaned=True)
            if schema == "UnknownLink" and link_schema != "UnknownLink":
                proxy.add("role", link_kind(kind).label)
        if schema_has(proxy, "amount") and pd.notna(row.amount):
            proxy.add("amount", _amount(row.amount))
            if isinstance(row.currency, str):
                proxy.add("currency", row.currency, quiet=True)
        if when:
            # "date" where the schema features it (Payment, Call, Debt), else "startDate"
            prop = "date" if "date" in proxy.schema.featured else "startDate"
            proxy.add(prop, when, cleaned=True)
        proxy.id = link_ftm_id or stable_id("lg", row.link_id).replace(":", "-")
        if any(not proxy.has(p) for p in proxy.schema.required):
            missing_required += 1
        intervals.append(proxy)
    for proxy in proxies.values():
        if any(not proxy.has(p) for p in proxy.schema.required):
            missing_required += 1
    out = sorted([*proxies.values(), *stand_ins.values(), *phone_users.values(), *intervals],
                 key=lambda p: p.id)  # fmt: skip
    lines = [json.dumps(p.to_dict(), ensure_ascii=False, sort_keys=True) for p in out]
    write_text(path, "\n".join(lines) + ("\n" if lines else ""))
    report.files.append(path.name)
    report.counts.update(entities=len(proxies), links=len(intervals), ftm_entities=len(out))
    measures = int(data.entities[list(data.measures)].notna().sum().sum()) if data.measures else 0
    report.lose("measures and communities", measures, "FtM has no properties for them.")
    report.lose(
        "phone and email entities (FtM has no schema for them)",
        len(values_of),
        "their numbers and addresses are property values of their holders and of Calls.",
    )
    report.lose(
        "FtM ids merged into another by resolution",
        merged_ids,
        "the entity keeps the smallest id and the statements of all.",
    )
    if stand_ins:
        report.note(
            f"{len(stand_ins)} accounts paid from or to have no one known holder: FtM's "
            "Payment requires a payer and a beneficiary, so each has a LegalEntity 'holder of "
            f"ACCOUNT' (keyword {UNKNOWN_HOLDER}), which linkgraph's FtM reader skips."
        )
    if phone_users:
        report.note(
            f"{len(phone_users)} phones shown by pseudonym (a victim uses them) have no one "
            "known user: FtM holds a phone only as its number, which is withheld, so each "
            "is the caller or receiver of its Calls as a LegalEntity named by its pseudonym."
        )
    report.lose("links whose ends have no FtM entity", unplaced, "phones or emails at an end.")
    report.lose(
        "FtM entities lacking a property their schema requires",
        missing_required,
        "",
    )
    if case.evidence is not None:
        report.lose("resolution evidence (scored mention pairs)", len(case.evidence), "")
    report.lose("rejects (unusable source values)", len(case.rejects), "")
    report.note(
        "Provenance: FtM entities carry no source row; each entity's source_rows are in the "
        "csv/sqlite export. Inputs: " + json.dumps(data.provenance()["inputs"], ensure_ascii=False)
    )


def _image_file(proxy: Any, keys: list[str], attrs: list[str]) -> None:
    """Put on an FtM Image what the case knows of its file: its key (``identifier``) as
    ``contentHash`` when a content hash (:data:`_CONTENT_HASH`), as ``sourceUrl`` when a
    URL, else as ``fileName``; and the URLs and content hashes its mentions' attributes
    keep (:data:`IMAGE_URL_KEYS`, :data:`IMAGE_HASH_KEYS`). A victim's image has none of
    them here: its key and attributes are withheld before (``export._data``)."""
    urls: list[str] = []
    hashes: list[str] = []
    for key in keys:
        if _CONTENT_HASH.fullmatch(key):
            hashes.append(key)
        elif key.startswith(("https://", "http://")):
            urls.append(key)
        else:
            proxy.add("fileName", key, quiet=True)
    for text in attrs:
        try:
            found = json.loads(text)
        except json.JSONDecodeError:
            continue
        if not isinstance(found, dict):
            continue
        urls += [str(found[k]) for k in IMAGE_URL_KEYS if isinstance(found.get(k), str)]
        hashes += [
            str(found[k]).strip().lower()
            for k in IMAGE_HASH_KEYS
            if isinstance(found.get(k), str) and _CONTENT_HASH.fullmatch(found[k].strip().lower())
        ]
    for url in dict.fromkeys(urls):
        proxy.add("sourceUrl", url, quiet=True)
    for digest in dict.fromkeys(hashes):
        proxy.add("contentHash", digest, quiet=True)


def _pictures(image: Any, end: Any) -> bool:
    """Whether a ``shows_image`` link is an Image's ``pictured`` person: from a Person to
    an Image (from an ad it is an UnknownLink, "shows")."""
    return (
        image is not None
        and end is not None
        and image.schema.name == "Image"
        and end.schema.is_a("Person")
    )


def _payable(proxy: Any) -> bool:
    """Whether an entity can be a side of an FtM Payment (a party or a bank account)."""
    return bool(proxy.schema.is_a("LegalEntity") or proxy.schema.is_a("BankAccount"))


def _payment_side(
    payment: Any, end: Any, party: str, account: str, holders: set[str], stand_ins: dict[str, Any]
) -> None:
    """Put one side of a ``paid`` link on an FtM Payment: a party as ``payer``/``beneficiary``;
    a bank account as ``payerAccount``/``beneficiaryAccount`` with its holder as the party,
    or, where no one holder is known, a LegalEntity standing for it (FtM requires both
    parties), made once per account into ``stand_ins``."""
    if not end.schema.is_a("BankAccount"):
        payment.add(party, end.id, cleaned=True)
        return
    payment.add(account, end.id, cleaned=True)
    if len(holders) == 1:
        payment.add(party, next(iter(holders)), cleaned=True)
        return
    if end.id not in stand_ins:
        stand_ins[end.id] = _unknown_holder(end)
    payment.add(party, stand_ins[end.id].id, cleaned=True)


def _call_party(
    end: str,
    proxies: dict[str, Any],
    labels: dict[str, str],
    protected: frozenset[str],
    phone_users: dict[str, Any],
) -> str | None:
    """The FtM id of a Call's caller or receiver where the end has no number FtM can hold
    and no one holder: a party (a Person, an Organization) itself; a phone shown by
    pseudonym (its number withheld), a LegalEntity named by that pseudonym, made once per
    phone into ``phone_users`` (a Call needs a number or a party at each end)."""
    if end in proxies:
        return proxies[end].id if proxies[end].schema.is_a("LegalEntity") else None
    if end not in labels or end not in protected:
        return None  # a phone not shown by pseudonym has its number, or none FtM reads
    from followthemoney import model

    if end not in phone_users:
        user = model.make_entity("LegalEntity")
        user.id = "lg-" + end.split(":", 1)[-1] + "-user"
        user.add("name", labels[end])
        user.add("description", "The user of a phone shown by pseudonym, its number withheld "
                 "(linkgraph).")  # fmt: skip
        phone_users[end] = user
    return phone_users[end].id


def _unknown_holder(account: Any) -> Any:
    """A LegalEntity "holder of ACCOUNT" standing for the unknown holder of a bank account,
    marked with the keyword :data:`UNKNOWN_HOLDER` (read back as no entity)."""
    from followthemoney import model

    holder = model.make_entity("LegalEntity")
    holder.id = f"{account.id}-holder"
    holder.add("name", f"holder of {account.caption}")
    holder.add("keywords", UNKNOWN_HOLDER)
    holder.add("description", "No one holder of this bank account is known (linkgraph).")
    return holder


def _mark_roles(proxies: dict[str, Any], entities: pd.DataFrame, verbatim: set[str]) -> None:
    """Write each person's roles (``victim``, ``suspect``, ...) among its ``keywords``, the
    property linkgraph's FtM reader reads roles from (FtM has no role property nor victim
    topic): a victim read back is a victim again. An entity read from an FtM file keeps its
    own statements, a victim's keyword added."""
    roles = entities["role"]
    for eid, proxy in proxies.items():
        if proxy.schema.name != "Person" or eid not in roles.index:
            continue
        words = _role_words(roles[eid])
        if eid in verbatim:
            words = [w for w in words if w == "victim"]
        for word in words:
            proxy.add("keywords", word, quiet=True)


def _role_words(role: object) -> list[str]:
    """The vocabulary roles of a ``role`` value (";"-joined), a victim's first; words the
    vocabulary does not know (free text) are left out."""
    if not isinstance(role, str) or not role.strip():
        return []
    canonical = canonical_role(role) or ""
    unknown = set(roles_not_understood(canonical))
    words = [w for w in dict.fromkeys(canonical.split(";")) if w and w not in unknown]
    return sorted(words, key=lambda w: w != "victim")


def schema_has(proxy: Any, prop: str) -> bool:
    """Whether the proxy's schema has property ``prop``."""
    return prop in proxy.schema.properties


def _looks_like_iban(value: str) -> bool:
    v = value.replace(" ", "")
    return len(v) >= 15 and v[:2].isalpha() and v[2:4].isdigit()
