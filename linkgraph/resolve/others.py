"""Resolution of the types that are not persons: identifiers by exact value, organisations,
addresses and locations by their normalised names, and the analysts' overrides between them."""

from __future__ import annotations

import logging
import re
from collections import deque
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from rapidfuzz.distance import Indel
from rapidfuzz.process import cpdist

from linkgraph._arrays import unique
from linkgraph.errors import InputError
from linkgraph.resolve.clustering import components
from linkgraph.resolve.comparisons import char_masks, similarity
from linkgraph.resolve.features import (
    _address,
    _arrow_text,
    _col,
    _map_unique,
    factorize_sorted,
)
from linkgraph.resolve.network_nodes import node_keys
from linkgraph.schema import ANALYST_DECISIONS, ENTITY_TYPES, IDENTIFIER_FIELDS, Decision
from linkgraph.text import fold, fold_name

log = logging.getLogger(__name__)

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


def _text(mentions: pd.DataFrame, col: str) -> pd.Series:
    """A mention column, "" where missing (Arrow strings stay Arrow strings)."""
    return _col(mentions, col)


def _types(mentions: pd.DataFrame) -> np.ndarray:
    """The mention types as an object array, one string per distinct type."""
    return _map_unique(_col(mentions, "type"), str)


def identifier_keys(mentions: pd.DataFrame, types: np.ndarray | None = None) -> np.ndarray:
    """The exact resolving key of identifier-type mentions: ``identifier``, else the type's
    own field (phone, email, account, plate, document); "" when there is none, stripped
    of whitespace. ``types``: the mentions' types, when already at hand."""
    key = _stripped(_text(mentions, "identifier"))
    types = _types(mentions) if types is None else types
    for typ, col in IDENTIFIER_FIELDS.items():
        fill = (key == "") & (types == typ)
        if fill.any() and col in mentions.columns:
            key[fill] = _stripped(_text(mentions, col)[fill])
    return key


def _stripped(values: pd.Series) -> np.ndarray:
    """``str.strip`` of each value, as an object array: trimmed in Arrow's kernel (the
    same whitespace as Python's), without hashing millions of mostly distinct values."""
    trimmed = pc.utf8_trim_whitespace(_arrow_text(values))
    return np.asarray(trimmed.to_numpy(zero_copy_only=False), dtype=object)


def _organisation_name(text: str) -> str:
    tokens = [t for t in fold_name(text).split() if t not in _LEGAL]
    return " ".join(tokens)


_SPACES = re.compile(r"\s+")


def name_keys(mentions: pd.DataFrame, types: np.ndarray | None = None) -> np.ndarray:
    """The normalised name of organisation, address and location mentions ("" when none).

    Organisations: folded name without legal forms. Addresses: folded street address with
    unified abbreviations, plus postcode or city. Locations: folded name plus country.
    ``types``: the mentions' types, when already at hand. Only the rows of those three
    types are read.
    """
    types = _types(mentions) if types is None else types
    out = np.full(len(mentions), "", dtype=object)
    named = np.isin(types, ["organisation", "address", "location"])
    if not named.any():
        return out
    columns = [c for c in _NAME_COLUMNS if c in mentions.columns]
    rows = mentions.loc[named, columns].reset_index(drop=True)
    types = types[named]
    keys = np.full(len(rows), "", dtype=object)
    name = _text(rows, "name")
    label = _text(rows, "label")
    text = name.where(name != "", label)
    org = types == "organisation"
    if org.any():
        keys[org] = _map_unique(text[org], _organisation_name)
    addr = types == "address"
    if addr.any():
        street = _text(rows, "address")[addr]
        street = street.where(street != "", text[addr])
        place = _text(rows, "postcode")[addr].astype(str).str.replace(" ", "").str.upper()
        city = _map_unique(_text(rows, "city")[addr], fold)
        place = place.where(place != "", pd.Series(city, index=place.index))
        folded = pd.Series(_map_unique(street, _address), index=place.index)
        keys[addr] = np.where(folded != "", (folded + " | " + place).to_numpy(dtype=object), "")
    loc = types == "location"
    if loc.any():
        folded = pd.Series(_map_unique(text[loc], fold), index=text[loc].index)
        country = _text(rows, "country")[loc].astype(str)
        keys[loc] = np.where(folded != "", (folded + " | " + country).to_numpy(dtype=object), "")
    out[named] = keys
    return out


#: The mention columns :func:`name_keys` reads.
_NAME_COLUMNS = ("name", "label", "address", "postcode", "city", "country")


@dataclass(frozen=True)
class OtherKeys:
    """What the mentions that are not persons are grouped on (:func:`other_keys`)."""

    types: np.ndarray  # the mention's type
    ident: np.ndarray  # whether that is an identifier type (phone, email, ...)
    key: np.ndarray  # its exact key: identifier, or normalised name ("" when none)
    # Whether the key is an identity never compared by similar name (a network file's
    # node and the mentions of its label: :func:`with_node_identities`); None for none.
    fixed: np.ndarray | None = None


def other_keys(mentions: pd.DataFrame) -> OtherKeys:
    """The type and key of each mention: :func:`identifier_keys` for the identifier
    types, :func:`name_keys` for the others."""
    types = _types(mentions)
    ident = np.isin(types, [t.name for t in ENTITY_TYPES.values() if t.identifier])
    key = np.where(ident, identifier_keys(mentions, types), name_keys(mentions, types))
    return OtherKeys(types, ident, key)


#: The start of a network node's key (:func:`with_node_identities`): no normalised name
#: or identifier starts so.
_NODE_KEY = "\x00node\x1f"


def with_node_identities(keys: OtherKeys, groups: np.ndarray, labels: np.ndarray) -> OtherKeys:
    """``keys`` with the nodes of network files (``groups``: a code of the network file
    per mention, -1 for none; ``labels``: the mentions' labels, folded here as
    :func:`~linkgraph.resolve.network_nodes.node_keys` does) keyed by their label,
    whatever their type; identifiers keep their exact key.

    A node is then one entity with the nodes of other network files of its type and
    label, and with the mentions of tables (of a type keyed by name: organisations,
    addresses, locations) whose label is the same; never with another node of its file,
    nor by a normalised or similar name. Two nodes of one file whose labels fold alike
    each keep a key of their own.
    """
    node = (groups >= 0) & ~keys.ident
    if not node.any():
        return keys
    key = keys.key.copy()
    at = np.flatnonzero(node)
    folded = node_keys(labels[at])
    identity = keys.types[at].astype(object) + "\x1f" + folded
    frame = pd.DataFrame({"group": groups[at], "identity": identity})
    alone = frame.duplicated(keep=False).to_numpy() | (folded == "")
    key[at] = _NODE_KEY + identity
    key[at[alone]] = np.array([f"{_NODE_KEY}#{i}" for i in at[alone].tolist()], dtype=object)
    # The mentions of tables that carry a node's label take its key.
    shared = pd.Series(key[at[~alone]], index=identity[~alone])
    shared = shared[~shared.index.duplicated()]
    rows = np.flatnonzero(
        ~node & ~keys.ident & (keys.key != "") & np.isin(keys.types, keys.types[at])
    )
    claimed = np.zeros(len(key), dtype=bool)
    if len(rows) and len(shared):
        wanted = keys.types[rows].astype(object) + "\x1f" + node_keys(labels[rows])
        hit = shared.index.get_indexer(wanted)
        found = hit >= 0
        key[rows[found]] = shared.to_numpy(dtype=object)[hit[found]]
        claimed[rows[found]] = True
    return OtherKeys(keys.types, keys.ident, key, fixed=node | claimed)


def resolve_others(
    mentions: pd.DataFrame,
    *,
    organisation_threshold: float = 0.93,
    workers: int = -1,
    overrides: pd.DataFrame | None = None,
    links: pd.DataFrame | None = None,
    person_entity: pd.Series | None = None,
) -> tuple[np.ndarray, pd.DataFrame]:
    """Group labels and evidence for the mentions that are not persons.

    Identifier types merge on the exact key; organisations and addresses on the exact
    normalised name, and also when their normalised names are at least
    ``organisation_threshold`` alike by token-sort ratio (within the same first token and
    type); locations on the exact normalised name.

    ``overrides`` (columns ``left``, ``right``, ``decision``; all the case's, as
    :func:`~linkgraph.resolve.overrides.read_overrides` gives them) are honoured on top,
    those between two of these mentions. A pair of two types, or of one of these and a
    person, is ignored with a warning: only a case stored by an older linkgraph holds one,
    since ``read_overrides`` refuses them. ``person_entity`` maps the person mention ids
    to their entity labels (from the person resolution).

    - ``must_link`` joins the two mentions, and so everything each already groups with,
      whatever their keys ("Sunrise Travel" and "Sol Naciente SA" are one company: every
      mention of either name ends in one entity).
    - ``cannot_link`` keeps the two mentions in different entities, always. When they
      share a key (the same phone number, the same normalised name), the group of that key
      is split, not refused: the analyst has looked at the two mentions, and the key is
      what the decision overrules (a shared office phone, a recycled number, two firms of
      one name). Every other mention of the group goes with the side it is closest to:
      first its must-links; then a mention of the same key linked to the same entity (the
      same resolved person, via ``links`` and ``person_entity``, or the same phone,
      account, ...); then one from the same source; the rest with the side that holds
      the group's first mention (in the order of ``mentions``). A must-link row moves any
      of them to the other side.

    Raises:
        InputError: a cannot-link pair that must-links alone join (A = B = C, A ≠ C): no
            resolution honours both; the message names the pair and the chain.

    Returns:
        One int label per mention (same order), and evidence rows with columns ``left``,
        ``right`` (row positions), ``rule`` ("same identifier", "same normalised name",
        "similar normalised name", "override", or a split's tie-break, e.g. "same
        identifier, same source"), ``similarity`` (of the keys; 0 for differing
        identifiers), ``decision`` (match, refused: kept apart by a cannot-link,
        must_link, cannot_link), ``field`` (identifier or name) and ``level`` (exact,
        similar, different, null).
    """
    return group_others(
        other_keys(mentions),
        mentions,
        organisation_threshold=organisation_threshold,
        workers=workers,
        overrides=overrides,
        links=links,
        person_entity=person_entity,
    )


def group_others(
    keys: OtherKeys,
    mentions: pd.DataFrame | None,
    *,
    organisation_threshold: float = 0.93,
    workers: int = -1,
    overrides: pd.DataFrame | None = None,
    links: pd.DataFrame | None = None,
    person_entity: pd.Series | None = None,
) -> tuple[np.ndarray, pd.DataFrame]:
    """:func:`resolve_others` on the mentions' keys (:func:`other_keys`), so that their
    other columns can be let go first: ``mentions`` needs only ``mention_id`` and
    ``source``, and only when ``overrides`` holds decisions (None otherwise)."""
    types, ident, key = keys.types, keys.ident, keys.key
    n = len(key)
    if mentions is None:
        if overrides is not None and len(overrides):
            raise ValueError("the mentions' ids are needed to honour the overrides")
        mentions = pd.DataFrame(index=pd.RangeIndex(n))
    # The (type, key) groups, by integer codes: no per-mention string is built.
    type_code = pd.factorize(types)[0].astype(np.int64)
    key_code, key_values = pd.factorize(key)
    codes = pd.factorize(type_code * np.int64(len(key_values) + 1) + key_code)[0].astype(np.int64)
    codes[key == ""] = -1
    # Exact key: a star from each group's first mention.
    valid = np.flatnonzero(codes >= 0)
    first_of = np.full(int(codes.max()) + 1 if len(valid) else 0, n, dtype=np.int64)
    np.minimum.at(first_of, codes[valid], valid)
    first = first_of[codes[valid]]
    star = valid != first
    ev_left, ev_right = [first[star]], [valid[star]]
    rules = [_pick(ident[valid[star]], "same identifier", "same normalised name")]
    sims = [np.ones(int(star.sum()), dtype=np.float32)]
    # Fuzzy organisation and address names, within the same type and first token: one
    # representative per distinct key (its first mention), since the exact key already
    # joins the others.
    fuzzy = np.isin(types, ["organisation", "address"]) & (key != "")
    if keys.fixed is not None:  # a network node's identity is its label, not a likeness
        fuzzy &= ~keys.fixed
    reps = unique(first_of[codes[fuzzy]]) if fuzzy.any() else np.empty(0, np.int64)
    if len(reps) > 1:
        firsts = _first_tokens(key[reps])
        block = pd.factorize(types[reps] + "\x1f" + firsts)[0]
        left, right, sim = _similar_names(key, reps, block, organisation_threshold, workers)
        ev_left.append(left)
        ev_right.append(right)
        rules.append(np.full(len(left), "similar normalised name", dtype=object))
        sims.append(sim)
    left = np.concatenate(ev_left).astype(np.int64)
    right = np.concatenate(ev_right).astype(np.int64)
    rule = np.concatenate(rules).astype(object)
    sim = np.concatenate(sims).astype(np.float64)

    persons = pd.Index([] if person_entity is None else person_entity.index.astype(str))
    o_left, o_right, o_dec = _override_positions(mentions, overrides, types, persons)
    must, cannot = o_dec == Decision.MUST_LINK.value, o_dec == Decision.CANNOT_LINK.value
    if cannot.any():
        check_contradictions(mentions, o_left[must], o_right[must], o_left[cannot], o_right[cannot])
    labels = components(
        n, np.concatenate([left, o_left[must]]), np.concatenate([right, o_right[must]])
    )
    split = labels[o_left[cannot]] == labels[o_right[cannot]]
    if split.any():
        # Only the groups a cannot-link splits go through the ordered union-find; every
        # other group keeps its connected-components label.
        groups = np.isin(labels, labels[o_left[cannot][split]])
        typed = np.where(
            key != "",
            pd.Series(types).astype(str).to_numpy(dtype=object)
            + "\x1f"
            + pd.Series(key, dtype=object).astype(str).to_numpy(dtype=object),
            "",
        )
        t_left, t_right, t_tier = _tie_breaks(mentions, typed, labels, groups, links, person_entity)
        # Tried first: the same key linked to the same entity (2), then from the same
        # source (1), then the keys' own edges (0), most similar first.
        tier = np.concatenate([np.zeros(len(left), np.int64), 2 - t_tier])
        base = _pick(ident, "same identifier", "same normalised name")
        suffix = np.array([", linked to the same entity", ", same source"], dtype=object)
        rule = np.concatenate([rule, base[t_left] + suffix[t_tier]])
        left = np.concatenate([left, t_left])
        right = np.concatenate([right, t_right])
        sim = np.concatenate([sim, np.ones(len(t_left))])
        order = np.lexsort((-sim, -tier))
        labels = _split(
            labels,
            groups,
            left,
            right,
            order,
            (o_left[must], o_right[must]),
            (o_left[cannot], o_right[cannot]),
        )
        # One evidence row per pair: the reason the union-find tried first.
        lo, hi = np.minimum(left, right)[order], np.maximum(left, right)[order]
        pair = pd.MultiIndex.from_arrays([lo, hi])
        keep = np.sort(order[~pair.duplicated()])
        left, right, rule, sim = left[keep], right[keep], rule[keep], sim[keep]
    labels = pd.factorize(labels)[0].astype(np.int64)
    decision = _pick(labels[left] == labels[right], Decision.MATCH.value, Decision.REFUSED.value)
    both = np.concatenate([left, o_left])
    field = _pick(ident[both], "identifier", "name")
    level = _pick(sim >= 1, "exact", "similar")
    # The analysts' decisions, with how alike the two keys are, for explain.
    o_sim, o_level = _key_similarity(key, ident, o_left, o_right, workers)
    # The text columns stay object arrays of a few shared strings (pandas would make
    # Arrow strings of millions of rows, which the evidence step reads back as objects).
    evidence = pd.DataFrame(
        {
            "left": np.concatenate([left, o_left]),
            "right": np.concatenate([right, o_right]),
            "rule": _objects(
                np.concatenate([rule, np.full(len(o_left), "override", dtype=object)])
            ),
            "similarity": np.concatenate([sim, o_sim]),
            "decision": _objects(np.concatenate([decision, o_dec])),
            "field": _objects(field),
            "level": _objects(np.concatenate([level, o_level])),
        }
    )
    return labels, evidence


def _objects(values: np.ndarray) -> pd.Series:
    """An object array as an object column, as it is."""
    return pd.Series(np.asarray(values, dtype=object), dtype=object, copy=False)


def _first_tokens(keys: np.ndarray) -> np.ndarray:
    """The first whitespace-separated token of each key ("" for none), split in Arrow's
    kernels: ``str.split(None, 1)[0]``."""
    arr = pa.array(keys, pa.large_string())
    parts = pc.utf8_split_whitespace(pc.utf8_trim_whitespace(arr), max_splits=1)
    first = pc.fill_null(pc.list_element(parts, 0), "")
    return np.asarray(first.to_numpy(zero_copy_only=False), dtype=object)


def _pick(condition: np.ndarray, yes: str, no: str) -> np.ndarray:
    """``yes`` where ``condition`` holds, else ``no``: an object array of two shared
    strings (``np.where(...).astype(object)`` makes a new string per row)."""
    return np.array([no, yes], dtype=object)[np.asarray(condition, dtype=np.intp)]


_NAME_WINDOW = 50  # a distinct name is compared with its next 49 in its block, sorted


def _similar_names(
    key: np.ndarray, reps: np.ndarray, block: np.ndarray, threshold: float, workers: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs of ``reps`` (mention positions, one per distinct key) in the same ``block``
    whose keys' token-sort ratio reaches ``threshold``: each key against its next
    ``_NAME_WINDOW - 1`` in key order within its block, one offset at a time (the
    temporaries stay the size of ``reps``). Tokens are sorted once per key; pairs whose
    lengths alone rule the threshold out are not compared (the Indel ratio is at most
    2 min(la, lb) / (la + lb)).

    Returns:
        ``left``, ``right`` (mention positions, left < right) and the similarity.
    """
    order = np.lexsort((factorize_sorted(key[reps])[0], block))
    pos, blk = reps[order], block[order]
    text = np.array([" ".join(sorted(v.split())) for v in key[pos]], dtype=object)
    size = np.fromiter(map(len, text), dtype=np.int64, count=len(text))
    mask = char_masks(text)
    lefts, rights, sims = [], [], []
    for k in range(1, _NAME_WINDOW):
        i = np.flatnonzero(blk[k:] == blk[:-k])
        if len(i) == 0:
            break
        j = i + k
        bound = 2 * np.minimum(size[i], size[j]) - threshold * (size[i] + size[j])
        i, j = i[bound >= -1e-6], j[bound >= -1e-6]
        # The Indel distance is at least the number of characters in one key and not in
        # the other (each must be deleted or inserted), and at most (1 - threshold) times
        # the two lengths for a similarity at the threshold: most pairs of distinct
        # addresses of one house number fail that, without being compared.
        missing = np.bitwise_count(mask[i] ^ mask[j])
        near = missing <= (1 - threshold) * (size[i] + size[j]) + 1e-6
        i, j = i[near], j[near]
        # Pairs below the threshold score 0 (rapidfuzz stops early on them); the others
        # their similarity, as without the cut-off.
        sim = cpdist(
            text[i],
            text[j],
            scorer=Indel.normalized_similarity,
            score_cutoff=threshold,
            workers=workers,
            dtype=np.float32,
        )
        ok = sim >= threshold
        lefts.append(pos[i[ok]])
        rights.append(pos[j[ok]])
        sims.append(sim[ok])
    if not lefts:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, np.empty(0, dtype=np.float32)
    left, right = np.concatenate(lefts), np.concatenate(rights)
    return np.minimum(left, right), np.maximum(left, right), np.concatenate(sims)


def _override_positions(
    mentions: pd.DataFrame,
    overrides: pd.DataFrame | None,
    types: np.ndarray,
    persons: pd.Index,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Row positions (smaller first) and decisions of the override pairs between two of
    ``mentions``; pairs naming other mentions, or one mention twice, are left out."""
    empty = np.empty(0, dtype=np.int64)
    if overrides is None or len(overrides) == 0 or len(mentions) == 0:
        return empty, empty, np.empty(0, dtype=object)
    index = pd.Index(mentions["mention_id"].astype(str).to_numpy(dtype=object))
    a = overrides["left"].astype(str).to_numpy(dtype=object)
    b = overrides["right"].astype(str).to_numpy(dtype=object)
    dec = overrides["decision"].astype(str).to_numpy(dtype=object)
    ol, orr = index.get_indexer(a), index.get_indexer(b)
    here_l, here_r = ol >= 0, orr >= 0
    mixed = here_l & here_r & (types[ol] != types[orr])
    person = persons.to_numpy(dtype=object)
    mixed |= (here_l & pd.Series(b, dtype=object).isin(person).to_numpy()) | (
        here_r & pd.Series(a, dtype=object).isin(person).to_numpy()
    )
    # read_overrides refuses these; a case stored by an older linkgraph may still hold
    # some, and a stored decision cannot be taken back from the CLI: warn, do not fail.
    for i in np.flatnonzero(mixed).tolist():
        log.warning(
            "ignoring the stored %s %s – %s: mentions of different types",
            dec[i],
            a[i],
            b[i],
        )
    ok = here_l & here_r & ~mixed & (ol != orr) & np.isin(dec, [d.value for d in ANALYST_DECISIONS])
    ol, orr, dec = ol[ok], orr[ok], dec[ok]
    return np.minimum(ol, orr).astype(np.int64), np.maximum(ol, orr).astype(np.int64), dec


def check_contradictions(
    mentions: pd.DataFrame,
    must_left: np.ndarray,
    must_right: np.ndarray,
    cannot_left: np.ndarray,
    cannot_right: np.ndarray,
) -> None:
    """Raise InputError naming the first cannot-link pair that must-links alone join."""
    joined = components(len(mentions), must_left, must_right)
    bad = np.flatnonzero(joined[cannot_left] == joined[cannot_right])
    if len(bad) == 0:
        return
    a, b = int(cannot_left[bad[0]]), int(cannot_right[bad[0]])
    adjacent: dict[int, list[int]] = {}
    for x, y in zip(must_left.tolist(), must_right.tolist(), strict=True):
        adjacent.setdefault(x, []).append(y)
        adjacent.setdefault(y, []).append(x)
    previous: dict[int, int] = {a: a}
    queue = deque([a])
    while queue and b not in previous:
        x = queue.popleft()
        for y in adjacent.get(x, []):
            if y not in previous:
                previous[y] = x
                queue.append(y)
    chain = [b]
    while chain[-1] != a:
        chain.append(previous[chain[-1]])
    ids = mentions["mention_id"].astype(str).to_numpy(dtype=object)
    raise InputError(
        f"cannot-link {ids[a]} – {ids[b]} contradicts the must-links that join them "
        f"({' – '.join(str(ids[x]) for x in reversed(chain))})",
        source="overrides",
        hint="decide one of these pairs again in an overrides CSV: a newer decision on "
        "a pair replaces the one stored in the case",
    )


def _tie_breaks(
    mentions: pd.DataFrame,
    typed: np.ndarray,
    labels: np.ndarray,
    groups: np.ndarray,
    links: pd.DataFrame | None,
    person_entity: pd.Series | None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Edges between mentions of one key inside the groups to split (``groups``): a star
    per key and linked entity (tier 0), and per key and source (tier 1)."""
    ids = mentions["mention_id"].astype(str).to_numpy(dtype=object)
    members = np.flatnonzero(groups & (typed != ""))
    source = _text(mentions, "source").astype(str).to_numpy(dtype=object)
    tokens = [pd.DataFrame({"pos": members, "token": source[members], "tier": 1})]
    if links is not None and len(links) and len(members):
        position = pd.Series(np.arange(len(ids)), index=ids)
        position = position[~position.index.duplicated()]
        src = links["src"].astype(str).to_numpy(dtype=object)
        dst = links["dst"].astype(str).to_numpy(dtype=object)
        # Both directions: a phone is the target of uses_phone, the source of called.
        near = np.concatenate([src, dst])
        far = np.concatenate([dst, src])
        pos = position.reindex(near).to_numpy()
        hit = ~np.isnan(pos)
        hit[hit] = groups[pos[hit].astype(np.int64)]
        pos, far = pos[hit].astype(np.int64), far[hit]
        # What the linked mention stands for: its person entity, else its own key (or
        # itself, when it has none).
        token = np.full(len(far), "", dtype=object)
        if person_entity is not None and len(person_entity):
            entity = person_entity[~person_entity.index.duplicated()].reindex(far)
            found = entity.notna().to_numpy()
            token[found] = "person\x1f" + entity[found].astype(str).to_numpy(dtype=object)
        other = position.reindex(far).to_numpy()
        rest = (token == "") & ~np.isnan(other)
        own = typed[other[rest].astype(np.int64)]
        token[rest] = np.where(own != "", own, far[rest])
        tokens.append(pd.DataFrame({"pos": pos, "token": token, "tier": 0}))
    pairs = pd.concat(tokens, ignore_index=True).drop_duplicates()
    pairs = pairs[pairs["token"] != ""]
    pos = pairs["pos"].to_numpy(np.int64)
    tier = pairs["tier"].to_numpy(np.int64)
    star = pd.MultiIndex.from_arrays([labels[pos], typed[pos], pairs["token"].to_numpy(), tier])
    first = pd.Series(pos).groupby(pd.factorize(star)[0]).transform("min").to_numpy()
    pick = first != pos
    order = np.lexsort((pos[pick], first[pick], tier[pick]))
    return first[pick][order], pos[pick][order], tier[pick][order]


def _split(
    labels: np.ndarray,
    groups: np.ndarray,
    left: np.ndarray,
    right: np.ndarray,
    order: np.ndarray,
    must: tuple[np.ndarray, np.ndarray],
    cannot: tuple[np.ndarray, np.ndarray],
) -> np.ndarray:
    """Labels after splitting the ``groups`` mentions: must-links first, then the edges in
    ``order``, each refused when it would join a cannot-link pair."""
    nodes = np.flatnonzero(groups)
    parent = {int(x): int(x) for x in nodes}
    # Per root, the mentions it must never hold; cannot-links are few, so the sets are small.
    against: dict[int, set[int]] = {}
    for a, b in zip(cannot[0].tolist(), cannot[1].tolist(), strict=True):
        against.setdefault(a, set()).add(b)
        against.setdefault(b, set()).add(a)

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: int, b: int, *, check: bool) -> None:
        ra, rb = find(a), find(b)
        if ra == rb:
            return
        sa, sb = against.get(ra, set()), against.get(rb, set())
        if len(sa) > len(sb):
            ra, rb, sa, sb = rb, ra, sb, sa
        if check and any(find(x) == rb for x in sa):
            return
        parent[ra] = rb
        if sa:
            against[rb] = sa | sb
            against.pop(ra, None)

    for a, b in zip(must[0].tolist(), must[1].tolist(), strict=True):
        if groups[a]:
            union(a, b, check=False)
    inside = groups[left[order]]
    for a, b in zip(left[order][inside].tolist(), right[order][inside].tolist(), strict=True):
        union(a, b, check=True)
    out = labels.copy()
    out[nodes] = len(labels) + np.array([find(int(x)) for x in nodes], dtype=np.int64)
    return out


def _key_similarity(
    key: np.ndarray, ident: np.ndarray, left: np.ndarray, right: np.ndarray, workers: int
) -> tuple[np.ndarray, np.ndarray]:
    """Similarity and level of the keys of each pair: identifiers are equal or not; names
    are also compared by token-sort ratio."""
    a, b = key[left], key[right]
    sim = (a == b).astype(np.float64)
    names = ~ident[left] & (a != b) & (a != "") & (b != "")
    if names.any():
        sim[names] = similarity(a[names], b[names], "token_sort", workers)
    level = np.where(sim >= 1, "exact", np.where(sim > 0, "similar", "different")).astype(object)
    level[(a == "") | (b == "")] = "null"
    return sim, level
