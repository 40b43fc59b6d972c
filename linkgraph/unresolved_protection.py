"""Whom an unresolved case protects beyond its graph of one entity per mention.

Before ``linkgraph resolve`` each mention is its own entity: the victim's phone in a
hotline tip and the same number in a CDR are two entities, so the namesake rule of
:func:`linkgraph.privacy.protected_entities` never sees "OKSANA MELNYK", the CDR's
subscriber of that number, holding an identifier the victim holds, and prints her name
beside her own pseudonymised phone. Here the identifier mentions of one value are taken
as one identifier (as resolution will take them: :func:`~linkgraph.resolve.others.other_keys`),
and the rules are applied again on that graph (:func:`same_identifier_protected`). A
person with no role whose name is a victim's, word for word, is a possible victim until
resolution merges or parts them (:func:`same_name_possible_victims`): resolution merges
such a record with her, and shows her by pseudonym with what it holds.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from linkgraph.model import Case


def same_identifier_protected(
    case: Case,
    nodes: pd.DataFrame,
    edges: pd.DataFrame,
    spellings: Mapping[str, Iterable[str]],
) -> set[str]:
    """The entity ids of the unresolved ``case`` (one per mention) that
    :func:`~linkgraph.privacy.protected_entities` protects once the identifier mentions
    of one type and value are one entity: a person sharing a victim's phone, account,
    document or e-mail in another source whose name agrees with hers, and the copies of
    the identifiers she holds. ``nodes`` and ``edges`` are the case's entity graph
    tables (with its possible victims marked), ``spellings`` the victims' names
    (:func:`~linkgraph.privacy.victim_spellings`)."""
    from linkgraph.privacy import is_victim, protected_entities

    if edges.empty or not any(is_victim(r) for r in pd.unique(nodes["role"].dropna())):
        return set()  # what protected_entities gives then: no victim, nothing to move
    first = _first_of_same_identifier(case.mentions)
    if first.empty:
        return set()
    edges = edges.assign(src=_moved(edges["src"], first), dst=_moved(edges["dst"], first))
    hidden = protected_entities(nodes, edges, spellings)
    ids = set(nodes.index[hidden.to_numpy(dtype=bool)].astype(str))
    return ids | {m for m, to in first.items() if to in ids}


def _moved(ids: pd.Series, first: pd.Series) -> np.ndarray:
    """``ids`` with each id of ``first``'s index replaced by its value."""
    ids = ids.astype(str)
    to = ids.map(first)
    return np.where(to.isna(), ids.to_numpy(dtype=object), to.to_numpy(dtype=object))


def _first_of_same_identifier(mentions: pd.DataFrame) -> pd.Series:
    """mention id -> the smallest mention id of the identifier mentions of its type and
    key, for each identifier mention that is not that smallest one itself."""
    from linkgraph.resolve.others import other_keys

    keys = other_keys(mentions)
    keyed = keys.ident & (keys.key != "")
    if not keyed.any():
        return pd.Series(dtype=object)
    ids = mentions["mention_id"].astype(str).to_numpy()[keyed]
    group = keys.types[keyed].astype(object) + "\x1f" + keys.key[keyed].astype(object)
    frame = pd.DataFrame({"id": ids, "group": group})
    smallest = frame.groupby("group")["id"].transform("min").to_numpy()
    moved = smallest != frame["id"].to_numpy()
    return pd.Series(smallest[moved], index=frame["id"].to_numpy()[moved], dtype=object)


def same_name_possible_victims(case: Case, nodes: pd.DataFrame) -> dict[str, str]:
    """Entity id -> why it is protected as a possible victim, in the unresolved ``case``
    (one entity per mention; ``nodes`` its entity graph's node table): each person with
    no role of its own whose name is a victim's, word for word in any order or script
    (:func:`~linkgraph.privacy.name_keys` equal to those of her label, her name or her
    given and family name). Resolution may merge them with her (as it merges an equal
    name in another source) or tell them apart; until it has, protection errs on the
    victim's side, and her possible victims' identifiers are protected with them."""
    from linkgraph.privacy import is_victim, name_keys, pseudonym

    person = nodes["type"].astype(str).eq("person").to_numpy()
    roles = nodes["role"].astype("string").fillna("").str.strip()
    codes, distinct = pd.factorize(roles)
    flags = np.asarray([is_victim(r) for r in distinct] + [False], dtype=bool)
    victim = person & flags[codes]
    unroled = person & roles.eq("").to_numpy()
    if not victim.any() or not unroled.any():
        return {}
    hers = _victim_name_keys(case, nodes.index[victim].astype(str), nodes)
    labels = nodes["label"].astype("string").fillna("").astype(str)
    key = case.pseudonym_key
    out: dict[str, str] = {}
    theirs = labels[unroled]
    words = {label: name_keys(label) for label in pd.unique(theirs)}  # one per spelling
    for entity, label in zip(nodes.index[unroled].astype(str), theirs, strict=True):
        her = hers.get(words[label])
        if her is not None:
            out[entity] = (
                f"the case is not resolved and its name is that of victim {pseudonym(her, key)};"
                " run `linkgraph resolve CASE` to merge or tell them apart"
            )
    return out


def _victim_name_keys(
    case: Case, victims: pd.Index, nodes: pd.DataFrame
) -> dict[frozenset[str], str]:
    """The name words of each victim of ``victims`` (her label, and the name and the given
    and family name together of her mention) -> her entity id; empty names are left out."""
    from linkgraph.privacy import name_keys

    labels = nodes["label"].astype("string").fillna("").astype(str)
    names = {v: [labels.get(v, "")] for v in victims}
    m = case.mentions
    mine = m["mention_id"].astype(str).isin(list(victims)).to_numpy()
    columns = [c for c in ("name", "given_name", "family_name") if c in m.columns]
    rows = m.loc[mine, ["mention_id", *columns]].astype("string").fillna("")
    for row in rows.itertuples(index=False):
        values = dict(zip(["mention_id", *columns], row, strict=True))
        found = names.setdefault(str(values["mention_id"]), [])
        found.append(values.get("name", ""))
        found.append(f"{values.get('given_name', '')} {values.get('family_name', '')}")
    out: dict[frozenset[str], str] = {}
    for victim, spelt in sorted(names.items()):
        for name in spelt:
            words = name_keys(name)
            if words:
                out.setdefault(words, victim)
    return out
