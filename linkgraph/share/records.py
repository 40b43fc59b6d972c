"""Persons and identifiers of a case in the form both partners encode (folded, canonical)."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from linkgraph._arrays import unique
from linkgraph.model import Case
from linkgraph.privacy import is_victim
from linkgraph.resolve.features import name_skeleton, person_features
from linkgraph.share.encoding import TOKEN_TYPES, canonical_identifier

#: Fields of a person record, all folded strings ("" when missing).
PERSON_FIELDS = ("name", "given", "family", "dob", "sex", "address", "city", "postcode")

#: Identifier columns a person mention may carry itself, and the link kind they make.
OWN_IDENTIFIERS = {
    "phone": "uses_phone",
    "email": "uses_email",
    "account": "holds_account",
    "document": "holds_document",
}


@lru_cache(maxsize=500_000)
def _skeleton(token: str) -> str:
    return name_skeleton(token)


def _skeleton_tokens(full: str) -> str:
    """Name tokens as transliteration skeletons, sorted: order-free, script-free."""
    return " ".join(sorted({_skeleton(t) for t in full.split() if t}))


def _map(values: np.ndarray, func) -> np.ndarray:  # type: ignore[no-untyped-def]
    codes, uniques = pd.factorize(pd.Series(values, dtype=object).fillna(""))
    if len(uniques) == 0:
        return np.full(len(values), "", dtype=object)
    return np.array([func(str(u)) for u in uniques], dtype=object)[codes]


def person_records(case: Case) -> pd.DataFrame:
    """One row per person mention: ``mention_id``, ``entity_id``, ``victim`` (the entity
    has a victim role anywhere) and :data:`PERSON_FIELDS`."""
    mentions = case.mentions
    persons = mentions[mentions["type"].astype(str) == "person"].reset_index(drop=True)
    entity = case.entity_of()
    ids = persons["mention_id"].astype(str)
    ent = entity.reindex(ids.to_numpy()).to_numpy(dtype=object)
    ent = np.where(pd.isna(ent), ids.to_numpy(dtype=object), ent)
    f = person_features(persons)
    y = f["dob_y"].to_numpy()
    m = f["dob_m"].to_numpy()
    d = f["dob_d"].to_numpy()
    dob = np.where(
        y > 0,
        pd.Series(y).astype(str).str.zfill(4)
        + "-"
        + pd.Series(m).astype(str).str.zfill(2)
        + "-"
        + pd.Series(d).astype(str).str.zfill(2),
        "",
    ).astype(object)
    role = persons["role"] if "role" in persons else pd.Series(None, index=persons.index)
    victim_mention = role.map(is_victim).fillna(False).astype(bool).to_numpy()
    victim_entities = set(ent[victim_mention])
    out = pd.DataFrame(
        {
            "mention_id": ids.to_numpy(dtype=object),
            "entity_id": ent,
            "victim": np.isin(ent, list(victim_entities)),
            "name": _map(f["full_name"].to_numpy(dtype=object), _skeleton_tokens),
            "given": _map(f["given_name"].to_numpy(dtype=object), _skeleton),
            "family": _map(f["family_name"].to_numpy(dtype=object), _skeleton),
            "dob": dob,
            "sex": f["sex"].to_numpy(dtype=object),
            "address": f["address"].to_numpy(dtype=object),
            "city": f["city"].to_numpy(dtype=object),
            "postcode": f["postcode"].to_numpy(dtype=object),
        }
    )
    return out


def identifier_values(case: Case) -> pd.DataFrame:
    """One row per non-person mention: ``mention_id``, ``entity_id``, ``type`` and its
    ``canonical`` value (see :func:`canonical_identifier`); "" when it has none."""
    mentions = case.mentions
    others = mentions[mentions["type"].astype(str).isin(TOKEN_TYPES)].reset_index(drop=True)
    entity = case.entity_of()
    ids = others["mention_id"].astype(str)
    ent = entity.reindex(ids.to_numpy()).to_numpy(dtype=object)
    ent = np.where(pd.isna(ent), ids.to_numpy(dtype=object), ent)
    types = others["type"].astype(str).to_numpy(dtype=object)
    raw = others["identifier"].astype(object) if "identifier" in others else None
    canonical = np.full(len(others), "", dtype=object)
    for kind in unique(types):
        sel = types == kind
        source = (
            raw[sel] if raw is not None else pd.Series(None, index=others.index[sel], dtype=object)
        )
        fallback_col = kind if kind in others.columns else "label"
        fallback = others.loc[sel, fallback_col].astype(object)
        if kind in ("organisation", "address", "location"):
            fallback = (
                others.loc[sel, "name"]
                .astype(object)
                .where(others.loc[sel, "name"].notna(), others.loc[sel, "label"].astype(object))
                if "name" in others
                else others.loc[sel, "label"].astype(object)
            )
        value = source.where(source.notna() & (source.astype(str) != ""), fallback)
        canonical[sel] = _map(
            value.to_numpy(dtype=object), lambda v, k=kind: canonical_identifier(k, v)
        )
    return pd.DataFrame(
        {
            "mention_id": ids.to_numpy(dtype=object),
            "entity_id": ent,
            "type": types,
            "canonical": canonical,
        }
    )


def own_identifiers(case: Case) -> pd.DataFrame:
    """Identifiers written on person mentions themselves (an arrest record's document
    number): ``mention_id`` (the person), ``type``, ``canonical``, ``kind`` (link kind)."""
    persons = case.mentions[case.mentions["type"].astype(str) == "person"]
    frames = []
    for col, kind in OWN_IDENTIFIERS.items():
        if col not in persons:
            continue
        sel = persons[persons[col].notna() & (persons[col].astype(str).str.strip() != "")]
        if sel.empty:
            continue
        values = sel[col].astype(str).str.split(r"[;|]")
        exploded = pd.DataFrame(
            {"mention_id": sel["mention_id"].astype(str).to_numpy(), "value": values.to_numpy()}
        ).explode("value")
        exploded["canonical"] = [canonical_identifier(col, v) for v in exploded["value"]]
        exploded = exploded[exploded["canonical"] != ""]
        frames.append(
            exploded.assign(type=col, kind=kind)[["mention_id", "type", "canonical", "kind"]]
        )
    if not frames:
        return pd.DataFrame(columns=["mention_id", "type", "canonical", "kind"])
    return pd.concat(frames, ignore_index=True)
