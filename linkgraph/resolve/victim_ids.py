"""Entity ids of victims that follow their records, not their rows.

An entity id is ``"e:"`` + the hash part of the smallest mention id of the entity, and
mention ids are positions (source, row, slot): a corrected file with a record inserted
at the top gives every moved mention another id, and with it the entity another id and
the victim another pseudonym (:func:`linkgraph.privacy.pseudonym` is keyed on the entity
id). Reports, notes and partner disclosures that cite her pseudonym would no longer
resolve, and her old pseudonym could pass to whoever moved into her row.

So an entity holding a mention marked as a victim's is named after her records instead:
the smallest (source, content fingerprint) of those mentions
(:func:`~linkgraph.resolve.overrides.mention_prints`), hashed with the case's own
pseudonym key (HMAC-SHA-256, :func:`_keyed_id`). It stays when rows move and when other
files are added; it changes when that record itself changes or goes, or a new record of
hers sorts first. A bare hash of her record would give her name away: the exports name
the source file, and a row of a name (and a date of birth) is found by hashing a list of
common names.

The phones, accounts, documents, addresses ... linked to a victim are shown by pseudonym
too, keyed on their entity ids: :func:`victim_identifier_ids` names each such entity
after its value instead (the smallest type and normalised key of its mentions, as
:func:`~linkgraph.resolve.others.other_keys` groups them), hashed with the case's own
pseudonym key (HMAC-SHA-256): a bare hash of a phone number could be reversed by trying
every number, so the id never gives the value away to whoever holds the exports. Ahead of
that keyed part, a part made from the entity's positional id fixes where the id sorts, so
that the analysis of two cases built from the same files does not depend on their keys;
the pseudonym is keyed on the keyed part alone.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

import numpy as np
import pandas as pd

from linkgraph.entity_ids import place_part
from linkgraph.privacy import IDENTIFYING_TYPES, is_victim
from linkgraph.resolve.others import other_keys
from linkgraph.resolve.overrides import SIDE_COLUMNS, mention_prints
from linkgraph.schema import IDENTIFIER_FIELDS


def victim_rows(roles: pd.Series) -> np.ndarray:
    """Which mentions a role marks as a victim's (on the distinct roles: a few per case)."""
    roles = roles.astype("string")
    victim_roles = [r for r in roles.dropna().unique() if is_victim(r)]
    return roles.isin(victim_roles).to_numpy(dtype=bool)


def victim_entity_ids(resolution: pd.DataFrame, tables: Any, key: bytes) -> pd.DataFrame:
    """``resolution`` (in the mentions' order) with the entities that hold a victim's
    mention named after her records (see the module), keyed with the case's ``key``
    (:func:`_keyed_id`). Entities whose records are the same as another's (identical
    rows kept apart by an analyst) keep their ids.

    Args:
        resolution: mention_id → entity_id, one row per mention in ``tables``' order.
        tables: a :class:`~linkgraph.resolve.reading.CaseTables` of the case.
        key: the case's pseudonym key (:attr:`~linkgraph.model.Case.pseudonym_key`).
    """
    if resolution.empty:
        return resolution
    rows = victim_rows(tables.read(("role",)).reindex(columns=["role"])["role"])
    if not rows.any():
        return resolution
    victims = tables.read(SIDE_COLUMNS, rows).reindex(columns=list(SIDE_COLUMNS))
    seeds = victims["source"].astype("string").fillna("") + "\x1f" + mention_prints(victims)
    entities = resolution["entity_id"].astype(str).to_numpy()[rows]
    first = pd.Series(seeds.to_numpy(), index=entities).groupby(level=0).min()
    first = first[~first.duplicated(keep=False)]
    renamed = {
        entity: _keyed_id(f"victim\x1f{seed}", key, entity) for entity, seed in first.items()
    }
    out = resolution.copy()
    hit = out["entity_id"].isin(list(renamed)).to_numpy(dtype=bool)
    out.loc[hit, "entity_id"] = out.loc[hit, "entity_id"].astype(str).map(renamed).to_numpy()
    return out


#: The mention columns the keys of the mentions that are not persons are made of
#: (:func:`~linkgraph.resolve.others.other_keys`).
_KEY_COLUMNS = tuple(dict.fromkeys([
    "type", "label", "name", "country", "city", "postcode", "address", "identifier",
    *IDENTIFIER_FIELDS.values(),
]))  # fmt: skip


def _keyed_id(seed: str, key: bytes, place: str) -> str:
    """``"e:"`` + 8 hex digits of SHA-256 of ``place`` (the entity's positional id) + ``"-"``
    + 16 hex digits of HMAC-SHA-256(``key``, ``seed``).

    The keyed part names the value; the first part only fixes where the id sorts. Without
    it the id would sort by the case's random key, and with it the entity's place in the
    graph: two runs of one pipeline on the same files would draw a stability check's
    perturbations, order a community search's vertices and break rank ties differently.
    Its pseudonym is keyed on the keyed part alone
    (:func:`~linkgraph.privacy.pseudonym`), so a corrected file that moves her rows
    leaves it as it was.
    """
    digest = hmac.new(bytes(key), f"value\x1f{seed}".encode(), hashlib.sha256)
    return f"e:{place_part(place)}-{digest.hexdigest()[:16]}"


def victim_identifier_ids(resolution: pd.DataFrame, tables: Any, key: bytes) -> pd.DataFrame:
    """``resolution`` (in the mentions' order) with each entity linked to a victim's
    mention, of the types outputs show by pseudonym when hers
    (:data:`~linkgraph.privacy.IDENTIFYING_TYPES`: phone, account, document, ...),
    named after its value (see the module): ``"e:"`` + 16 hex digits of
    HMAC-SHA-256(``key``, its smallest type and key). Its pseudonym so stays when a
    corrected file moves its rows. Entities without a key, or whose key another entity
    has too (one value split by an analyst), keep their ids.

    Args:
        resolution: mention_id → entity_id, one row per mention in ``tables``' order.
        tables: a :class:`~linkgraph.resolve.reading.CaseTables` of the case.
        key: the case's pseudonym key (:attr:`~linkgraph.model.Case.pseudonym_key`).
    """
    if resolution.empty:
        return resolution
    rows = _linked_to_victims(resolution, tables)
    if not rows.any():
        return resolution
    keys = other_keys(tables.read(_KEY_COLUMNS, rows).reindex(columns=list(_KEY_COLUMNS)))
    types = keys.types.astype(str)
    named = (keys.key != "") & np.isin(types, list(IDENTIFYING_TYPES))
    seeds = pd.Series(
        types[named] + "\x1f" + keys.key[named].astype(str),
        index=resolution["entity_id"].astype(str).to_numpy()[rows][named],
        dtype=object,
    )
    first = seeds.groupby(level=0).min()
    first = first[~first.duplicated(keep=False)]
    renamed = {entity: _keyed_id(seed, key, entity) for entity, seed in first.items()}
    out = resolution.copy()
    hit = out["entity_id"].isin(list(renamed)).to_numpy(dtype=bool)
    out.loc[hit, "entity_id"] = out.loc[hit, "entity_id"].astype(str).map(renamed).to_numpy()
    return out


def _linked_to_victims(resolution: pd.DataFrame, tables: Any) -> np.ndarray:
    """Which mentions belong to an entity that is linked to a mention of a victim's
    entity, and is not hers (in the mentions' order)."""
    rows = victim_rows(tables.read(("role",)).reindex(columns=["role"])["role"])
    if not rows.any():
        return rows
    entity = resolution["entity_id"].astype(str)
    mention = resolution["mention_id"].astype(str)
    victims = entity.isin(pd.unique(entity[rows])).to_numpy()
    hers = mention[victims]
    links = tables.links()
    src, dst = links["src"].astype(str), links["dst"].astype(str)
    near = pd.concat([dst[src.isin(hers)], src[dst.isin(hers)]], ignore_index=True)
    linked = pd.unique(entity[mention.isin(near).to_numpy()])
    return entity.isin(linked).to_numpy() & ~victims
