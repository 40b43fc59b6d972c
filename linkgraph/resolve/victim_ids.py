"""Entity ids of victims that follow their records, not their rows.

An entity id is ``"e:"`` + the hash part of the smallest mention id of the entity, and
mention ids are positions (source, row, slot): a corrected file with a record inserted
at the top gives every moved mention another id, and with it the entity another id and
the victim another pseudonym (:func:`linkgraph.privacy.pseudonym` is keyed on the entity
id). Reports, notes and partner disclosures that cite her pseudonym would no longer
resolve, and her old pseudonym could pass to whoever moved into her row.

So an entity holding a mention marked as a victim's is named after her records instead:
``"e:"`` + 16 hex digits of SHA-256 of the smallest (source, content fingerprint) of those
mentions (:func:`~linkgraph.resolve.overrides.mention_prints`). It stays when rows move
and when other files are added; it changes when that record itself changes or goes, or a
new record of hers sorts first. Like the positional ids it is the same in every case
built from the same files (whoever holds a source file can compute either); the
pseudonym stays keyed by the case's own key.
"""

from __future__ import annotations

import hashlib
from typing import Any

import numpy as np
import pandas as pd

from linkgraph.privacy import is_victim
from linkgraph.resolve.overrides import SIDE_COLUMNS, mention_prints


def victim_rows(roles: pd.Series) -> np.ndarray:
    """Which mentions a role marks as a victim's (on the distinct roles: a few per case)."""
    roles = roles.astype("string")
    victim_roles = [r for r in roles.dropna().unique() if is_victim(r)]
    return roles.isin(victim_roles).to_numpy(dtype=bool)


def victim_entity_ids(resolution: pd.DataFrame, tables: Any) -> pd.DataFrame:
    """``resolution`` (in the mentions' order) with the entities that hold a victim's
    mention named after her records (see the module). Entities whose records are the
    same as another's (identical rows kept apart by an analyst) keep their ids.

    Args:
        resolution: mention_id → entity_id, one row per mention in ``tables``' order.
        tables: a :class:`~linkgraph.resolve.reading.CaseTables` of the case.
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
        entity: "e:" + hashlib.sha256(f"victim\x1f{seed}".encode()).hexdigest()[:16]
        for entity, seed in first.items()
    }
    out = resolution.copy()
    hit = out["entity_id"].isin(list(renamed)).to_numpy(dtype=bool)
    out.loc[hit, "entity_id"] = out.loc[hit, "entity_id"].astype(str).map(renamed).to_numpy()
    return out
