"""``linkgraph mapping suggest``: propose a mapping from a file's headers and sample values."""

from __future__ import annotations

import contextlib
import re
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from linkgraph.ingest import normalize
from linkgraph.ingest._columns import header_key
from linkgraph.ingest.readers import guess_format, read_chunks

# header words -> (slot, entity type, field). Checked in order; first hit wins.
_HEADER_RULES: list[tuple[str, str, str, str]] = [
    (r"(^|_)(full_?name|name|person)$", "person", "person", "name"),
    (r"(first|given|fore)_?name", "person", "person", "given_name"),
    (r"(last|family|sur)_?name", "person", "person", "family_name"),
    (r"(dob|birth)", "person", "person", "dob"),
    (r"^(sex|gender)$", "person", "person", "sex"),
    (r"national|citizen", "person", "person", "nationality"),
    (r"(phone|mobile|msisdn|tel)", "phone", "phone", "phone"),
    (r"e_?mail", "email", "email", "email"),
    (r"(iban|account)", "account", "account", "account"),
    (r"(plate|registration|vehicle)", "vehicle", "vehicle", "plate"),
    (r"(passport|id_number|document)", "document", "document", "document"),
    (r"(address|street)", "address", "address", "address"),
    (r"(postcode|postal|zip)", "address", "address", "postcode"),
    (r"^(city|town)$", "address", "address", "city"),
    (r"^country", "address", "address", "country"),
]
_LINK_OF = {
    "phone": "uses_phone",
    "email": "uses_email",
    "address": "lives_at",
    "account": "holds_account",
    "vehicle": "owns_vehicle",
    "document": "holds_document",
}


def _value_kind(values: pd.Series) -> str | None:
    """What most sample values look like: phone, email or date."""
    sample = values.dropna().astype(str).head(50)
    if sample.empty:
        return None
    for kind, func in (("email", normalize.email), ("phone", lambda v: normalize.phone(v, None)),
                       ("date", normalize.date)):  # fmt: skip
        ok = 0
        for v in sample:
            with contextlib.suppress(ValueError):
                ok += func(v) is not None
        if ok >= 0.8 * len(sample):
            return kind
    return None


def suggest_mapping(path: str | Path) -> str:
    """A commented mapping YAML proposed for ``path`` (see docs/mapping.md)."""
    path = Path(path)
    fmt = guess_format(path)
    chunk = next(iter(read_chunks(path, fmt, chunk_rows=200)))
    frame = chunk.frame.replace("", pd.NA)
    entities: dict[str, dict[str, Any]] = {}
    unused: list[str] = []
    for col in frame.columns:
        key = header_key(str(col))
        hit = next((r for r in _HEADER_RULES if re.search(r[0], key)), None)
        if hit is None:
            kind = _value_kind(frame[col])
            if kind in ("phone", "email"):
                hit = ("", kind, kind, kind)
            elif kind == "date":
                hit = ("", "person", "person", "dob") if "birth" in key else None
        if hit is None:
            unused.append(str(col))
            continue
        _, slot, etype, field = hit
        slot_name = (
            slot if field not in list(entities.get(slot, {}).get("fields", {})) else f"{slot}_{key}"
        )
        if slot_name != slot:
            entities[slot_name] = {"type": etype, "fields": {field: str(col)}}
        else:
            entities.setdefault(slot, {"type": etype, "fields": {}})["fields"][field] = str(col)
    if "person" in entities and unused:
        for col in unused:
            entities["person"]["fields"][header_key(col) or f"column_{col}"] = col
        unused = []
    links = [
        {"kind": _LINK_OF[e["type"]], "src": "person", "dst": slot}
        for slot, e in entities.items()
        if "person" in entities and e["type"] in _LINK_OF
    ]
    data: dict[str, Any] = {"format": fmt, "agency": None, "region": None, "dayfirst": True,
                            "timezone": "UTC", "entities": entities}  # fmt: skip
    if links:
        data["links"] = links
    head = [
        f"# Mapping proposed by `linkgraph mapping suggest {path.name}`: check every slot,",
        "# set agency and region (the default phone region, e.g. UA), then run",
        f"#   linkgraph ingest {path.name} --mapping THIS.yaml -o case/",
    ]
    if unused:
        head.append(f"# Columns not mapped: {', '.join(unused)}")
    return "\n".join(head) + "\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
