"""Resolution of the types that are not persons: identifiers by exact value, organisations,
addresses and locations by their normalised names."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from linkgraph.resolve.blocking import block_pairs
from linkgraph.resolve.clustering import components
from linkgraph.resolve.comparisons import similarity
from linkgraph.resolve.features import _address, _map_unique
from linkgraph.schema import ENTITY_TYPES
from linkgraph.text import fold, fold_name

# Legal forms dropped from organisation names before matching ("Sunrise Travel Ltd").
_LEGAL = frozenset(
    [
        "ltd",
        "limited",
        "llc",
        "inc",
        "corp",
        "corporation",
        "co",
        "company",
        "gmbh",
        "ag",
        "sa",
        "sarl",
        "srl",
        "sro",
        "spa",
        "bv",
        "nv",
        "oy",
        "ab",
        "as",
        "plc",
        "ooo",
        "oao",
        "zao",
        "tov",
        "pp",
        "llp",
        "lp",
        "kg",
        "ug",
        "sp",
        "zoo",
        "doo",
        "dd",
        "ad",
        "eood",
        "ood",
    ]
)
_IDENTIFIER_FIELDS = {
    "phone": "phone",
    "email": "email",
    "account": "account",
    "vehicle": "plate",
    "document": "document",
}


def _text(mentions: pd.DataFrame, col: str) -> pd.Series:
    if col not in mentions.columns:
        return pd.Series("", index=mentions.index, dtype=object)
    return mentions[col].astype(object).where(mentions[col].notna(), "")


def identifier_keys(mentions: pd.DataFrame) -> np.ndarray:
    """The exact resolving key of identifier-type mentions: ``identifier``, else the type's
    own field (phone, email, account, plate, document); "" when there is none."""
    key = _text(mentions, "identifier").astype(str).str.strip().to_numpy(dtype=object)
    types = mentions["type"].astype(str).to_numpy()
    for typ, col in _IDENTIFIER_FIELDS.items():
        fill = (key == "") & (types == typ)
        if fill.any():
            key[fill] = _text(mentions, col)[fill].astype(str).str.strip().to_numpy(dtype=object)
    return key


def _organisation_name(text: str) -> str:
    tokens = [t for t in fold_name(text).split() if t not in _LEGAL]
    return " ".join(tokens)


_SPACES = re.compile(r"\s+")


def name_keys(mentions: pd.DataFrame) -> np.ndarray:
    """The normalised name of organisation, address and location mentions ("" when none).

    Organisations: folded name without legal forms. Addresses: folded street address with
    unified abbreviations, plus postcode or city. Locations: folded name plus country.
    """
    types = mentions["type"].astype(str).to_numpy()
    name = _text(mentions, "name")
    label = _text(mentions, "label")
    text = name.where(name != "", label)
    out = np.full(len(mentions), "", dtype=object)
    org = types == "organisation"
    if org.any():
        out[org] = _map_unique(text[org], _organisation_name)
    addr = types == "address"
    if addr.any():
        street = _text(mentions, "address")[addr]
        street = street.where(street != "", text[addr])
        place = _text(mentions, "postcode")[addr].astype(str).str.replace(" ", "").str.upper()
        city = _map_unique(_text(mentions, "city")[addr], fold)
        place = place.where(place != "", pd.Series(city, index=place.index))
        folded = pd.Series(_map_unique(street, _address), index=place.index)
        out[addr] = np.where(folded != "", (folded + " | " + place).to_numpy(dtype=object), "")
    loc = types == "location"
    if loc.any():
        folded = pd.Series(_map_unique(text[loc], fold), index=text[loc].index)
        country = _text(mentions, "country")[loc].astype(str)
        out[loc] = np.where(folded != "", (folded + " | " + country).to_numpy(dtype=object), "")
    return out


def resolve_others(
    mentions: pd.DataFrame, *, organisation_threshold: float = 0.93, workers: int = -1
) -> tuple[np.ndarray, pd.DataFrame]:
    """Group labels and evidence for the mentions that are not persons.

    Identifier types merge on the exact key; organisations and addresses on the exact
    normalised name, and also when their normalised names are at least
    ``organisation_threshold`` alike by token-sort ratio (within the same first token and
    type); locations on the exact normalised name.

    Returns:
        One int label per mention (same order), and evidence rows with columns ``left``,
        ``right`` (row positions), ``rule``, ``similarity``.
    """
    n = len(mentions)
    types = mentions["type"].astype(str).to_numpy()
    ident = np.isin(types, [t.name for t in ENTITY_TYPES.values() if t.identifier])
    key = np.where(ident, identifier_keys(mentions), name_keys(mentions))
    typed = np.where(
        key != "",
        pd.Series(types).astype(str).to_numpy(dtype=object)
        + "\x1f"
        + pd.Series(key, dtype=object).astype(str).to_numpy(dtype=object),
        "",
    )
    codes = pd.factorize(typed)[0].astype(np.int64)
    codes[typed == ""] = -1
    # Exact key: a star from each group's first mention.
    valid = np.flatnonzero(codes >= 0)
    first = pd.Series(valid).groupby(codes[valid]).transform("min").to_numpy()
    star = valid != first
    ev_left, ev_right = [first[star]], [valid[star]]
    rules = [np.where(ident[valid[star]], "same identifier", "same normalised name")]
    sims = [np.ones(int(star.sum()), dtype=np.float32)]
    # Fuzzy organisation and address names, within the same type and first token.
    fuzzy = np.isin(types, ["organisation", "address"]) & (key != "")
    if fuzzy.sum() > 1:
        idx = np.flatnonzero(fuzzy)
        firsts = pd.Series(key[idx]).str.split().str[0].fillna("")
        block = pd.factorize(types[idx] + "\x1f" + firsts.to_numpy(dtype=object))[0]
        block_codes = np.full(n, -1, dtype=np.int64)
        block_codes[idx] = block
        order_key = pd.factorize(key, sort=True)[0]
        left, right, _ = block_pairs(block_codes, order_key, 50)
        differ = key[left] != key[right]
        left, right = left[differ], right[differ]
        sim = similarity(key[left], key[right], "token_sort", workers)
        ok = sim >= organisation_threshold
        ev_left.append(left[ok])
        ev_right.append(right[ok])
        rules.append(np.full(int(ok.sum()), "similar normalised name", dtype=object))
        sims.append(sim[ok])
    left = np.concatenate(ev_left).astype(np.int64)
    right = np.concatenate(ev_right).astype(np.int64)
    labels = components(n, left, right)
    evidence = pd.DataFrame(
        {
            "left": left,
            "right": right,
            "rule": np.concatenate(rules),
            "similarity": np.concatenate(sims).astype(np.float64),
        }
    )
    return labels, evidence
