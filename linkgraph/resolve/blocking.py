"""Candidate pairs from several blocking rules, with a cap per block and a report per rule."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from linkgraph._arrays import run_starts, unique
from linkgraph._process_memory import trim_heap
from linkgraph.errors import ConfigError
from linkgraph.resolve.comparisons import char_masks, similarity
from linkgraph.resolve.features import (
    MULTI_VALUED,
    _map_unique,
    consonant_key,
    factorize_sorted,
    name_key_words,
    name_skeleton,
    vowelless,
)
from linkgraph.resolve.wade_giles import romanised_key


def first_letters(values: np.ndarray) -> np.ndarray:
    """The first character of each string ("" for ""), in Arrow's C kernels."""
    arr = pa.array(values, pa.large_string())
    out = pc.fill_null(pc.utf8_slice_codeunits(arr, 0, 1), "")
    return np.asarray(out.to_numpy(zero_copy_only=False), dtype=object)


def _first(col: str) -> Callable[[pd.DataFrame], np.ndarray]:
    def key(f: pd.DataFrame) -> np.ndarray:
        return first_letters(f[col].to_numpy(dtype=object))

    return key


def _column(col: str) -> Callable[[pd.DataFrame], np.ndarray]:
    def key(f: pd.DataFrame) -> np.ndarray:
        return f[col].to_numpy(dtype=object)

    return key


def _name_phonetic(f: pd.DataFrame) -> np.ndarray:
    # Sorted so that swapped given/family order gives the same key. The "|" is not a
    # value separator here: only MULTI_VALUED keys are split.
    g = f["given_phonetic"].to_numpy(dtype=object)
    fam = f["family_phonetic"].to_numpy(dtype=object)
    lo = np.where(g <= fam, g, fam)
    hi = np.where(g <= fam, fam, g)
    out = (pd.Series(lo, dtype=object) + "|" + pd.Series(hi, dtype=object)).to_numpy(dtype=object)
    return np.where((g == "") | (fam == ""), "", out)


def _name_initials(f: pd.DataFrame) -> np.ndarray:
    g = first_letters(f["given_name"].to_numpy(dtype=object))
    fam = first_letters(f["family_name"].to_numpy(dtype=object))
    lo = np.where(g <= fam, g, fam)
    hi = np.where(g <= fam, fam, g)
    out = (pd.Series(lo, dtype=object) + pd.Series(hi, dtype=object)).to_numpy(dtype=object)
    return np.where((g == "") | (fam == ""), "", out)


def _name_joined(f: pd.DataFrame) -> np.ndarray:
    """The space-free names (``name_joined``), kept only where a name of three or more
    tokens shares the value: two names of two tokens that agree in either order already
    meet through ``name_phonetic``, so only the differently split ones need this key."""
    values = f["name_joined"].to_numpy(dtype=object)
    multi = pd.Series(values, dtype=object).str.contains("|", regex=False).to_numpy(bool)
    if not multi.any():
        return np.full(len(values), "", dtype=object)
    wanted = pd.Series(values[multi], dtype=object).str.split("|").explode().unique()
    keep = multi | pd.Series(values, dtype=object).isin(wanted).to_numpy(bool)
    return np.where(keep, values, "").astype(object)


def _name_consonants(f: pd.DataFrame) -> np.ndarray:
    """Both names' :func:`consonant_key`, sorted, for mentions with a vowelless name (read
    from Arabic script) and for every other mention whose keys such a mention has."""
    g = _map_unique(f["given_name"], consonant_key)
    fam = _map_unique(f["family_name"], consonant_key)
    lo = np.where(g <= fam, g, fam)
    hi = np.where(g <= fam, fam, g)
    key = (pd.Series(lo, dtype=object) + "|" + pd.Series(hi, dtype=object)).to_numpy(object)
    key = np.where((g == "") | (fam == ""), "", key)
    abjad = _map_unique(f["given_name"], vowelless).astype(bool) | _map_unique(
        f["family_name"], vowelless
    ).astype(bool)
    wanted = pd.unique(key[abjad & (key != "")])
    return np.where(pd.Series(key, dtype=object).isin(wanted).to_numpy(bool), key, "").astype(
        object
    )


def _name_transcribed(f: pd.DataFrame) -> np.ndarray:
    """Both names' loose transcription keys, sorted (:mod:`~linkgraph.resolve.
    transcription`), kept where a name in Cyrillic and one in Latin letters share them:
    "Джеймс Вуд" and "James Wood" meet. "" for every other mention."""
    if "given_transcribed_loose" not in f:
        return np.full(len(f), "", dtype=object)
    g = f["given_transcribed_loose"].to_numpy(dtype=object)
    fam = f["family_transcribed_loose"].to_numpy(dtype=object)
    lo = np.where(g <= fam, g, fam)
    hi = np.where(g <= fam, fam, g)
    key = (pd.Series(lo, dtype=object) + "|" + pd.Series(hi, dtype=object)).to_numpy(object)
    key = np.where((g == "") | (fam == ""), "", key).astype(object)
    cyrillic = f["name_cyrillic"].to_numpy(dtype=bool)
    both = np.intersect1d(pd.unique(key[cyrillic]), pd.unique(key[~cyrillic]))
    keep = pd.Series(key, dtype=object).isin(both).to_numpy(bool) & (key != "")
    return np.where(keep, key, "").astype(object)


def _name_romanised(f: pd.DataFrame) -> np.ndarray:
    """Both names' romanisation keys, sorted (:func:`~linkgraph.resolve.wade_giles.
    romanised_key`), where both read as Chinese syllables and two spellings of the names
    share them: "Hsu Chun" and "Xu Jun" (Wade-Giles and pinyin) meet. "" for every other
    mention."""
    names = (
        pd.Series(f["given_name"].to_numpy(dtype=object), dtype=object)
        + "\t"
        + f["family_name"].to_numpy(dtype=object)
    )

    def key(value: str) -> str:
        given, family = value.split("\t")
        kg, kf = romanised_key(given), romanised_key(family)
        return "|".join(sorted((kg, kf))) if kg and kf else ""

    codes, spellings = pd.factorize(names)
    keys = np.array([key(v) for v in spellings], dtype=object)
    if not len(keys):
        return np.full(len(f), "", dtype=object)
    # Kept where two spellings meet: one spelling alone is the name_phonetic block's.
    counts = pd.Series(keys[keys != ""]).value_counts()
    shared = set(counts.index[counts >= 2])
    keys = np.array([k if k in shared else "" for k in keys], dtype=object)
    return keys[codes]


def _key_words(part: str) -> list[str]:
    """:func:`~linkgraph.resolve.features.name_key_words` of a folded name, as skeletons."""
    return [k for w in name_key_words(part) if (k := name_skeleton(w))]


def _part_tokens(part: str, skeleton: str) -> str:
    """A name's skeleton and the skeleton of each of its key words, ``|``-joined."""
    tokens = dict.fromkeys([skeleton, *_key_words(part)] if skeleton else _key_words(part))
    return "|".join(t for t in tokens if t)


def _name_token(f: pd.DataFrame) -> np.ndarray:
    """Given and family name skeletons, and the skeleton of each of their words without
    particles, articles and Vietnamese middle names (:func:`~linkgraph.resolve.features.
    name_key_words`), as one ``|``-joined list: a mention sits in the block of each, so a
    pair meets when either name, or one word of it (in either role), agrees: "Hussein Ali
    Darwish" (family name "Ali Darwish") meets "Hussain Darwish", "Ibrahim Al Zahrani"
    meets "Ebrahim Zahrani"."""
    g = _map_unique(
        f["given_name"] + "\t" + f["given_skeleton"], lambda v: _part_tokens(*v.split("\t"))
    )
    fam = _map_unique(
        f["family_name"] + "\t" + f["family_skeleton"], lambda v: _part_tokens(*v.split("\t"))
    )
    both = (pd.Series(g, dtype=object) + "|" + pd.Series(fam, dtype=object)).to_numpy(object)
    out = np.where(g == "", fam, np.where(fam == "", g, both)).astype(object)
    multi = np.flatnonzero(pd.Series(out, dtype=object).str.contains("|", regex=False).to_numpy())
    if len(multi):
        out[multi] = _map_unique(
            pd.Series(out[multi], dtype=object), lambda v: "|".join(dict.fromkeys(v.split("|")))
        )
    return out


def _name_words(f: pd.DataFrame) -> np.ndarray:
    """The key words (:func:`~linkgraph.resolve.features.name_key_words`) of the given
    and family names together, as skeletons in alphabetical order: the name whatever its
    order, split, particles and Vietnamese middle name ("Nguyen" / "Thi Huong" in the
    given and family fields meets "Huong Nguyen"; "Fatimah al-Hashimi" meets "Hashimi
    Fatimah"). Kept only where a word was left out, of this mention's name or of another
    that shares the value: two names whose words all count already meet through
    ``name_phonetic``."""
    parts = f["given_name"] + "\t" + f["family_name"]

    def words(value: str) -> str:
        kept = [w for part in value.split("\t") for w in _key_words(part)]
        return " ".join(sorted(kept)) if len(kept) >= 2 else ""

    def dropped(value: str) -> str:
        parts = value.split("\t")
        return "1" if any(len(p.split()) > len(name_key_words(p)) for p in parts) else ""

    values = _map_unique(parts, words)
    lost = _map_unique(parts, dropped).astype(bool)
    wanted = pd.unique(values[lost & (values != "")])
    keep = pd.Series(values, dtype=object).isin(wanted).to_numpy(bool) & (values != "")
    return np.where(keep, values, "").astype(object)


def _family_initials(f: pd.DataFrame) -> np.ndarray:
    """The family name's first letter, and where the name opens with particles or an
    article ("Al Zahrani", "van der Berg") also the first letter of the rest,
    ``|``-joined: "Al Zahrani" sits beside both "Alzahrani" and "Zahrani"."""

    def initials(family: str) -> str:
        first = family[:1]
        if " " not in family:
            return first
        other = name_key_words(family)[0][:1]
        return f"{first}|{other}" if other != first else first

    return _map_unique(f["family_name"], initials)


def _family_skeletons(f: pd.DataFrame) -> np.ndarray:
    """The family name's skeleton (without an Arabic article), and where it opens with
    other particles ("van der Berg", "De Luca") also the skeleton of its key words, as
    ``|``-joined values."""
    skel = f["family_skeleton"].to_numpy(dtype=object)
    family = f["family_name"].to_numpy(dtype=object)
    look = pd.Series(family, dtype=object).str.contains(" ", regex=False).to_numpy(bool)
    if not look.any():
        return skel
    out = skel.copy()

    def skeletons(value: str) -> str:
        name, whole = value.split("\t")
        rest = "".join(_key_words(name))
        return f"{whole}|{rest}" if rest and rest != whole else whole

    out[look] = _map_unique(pd.Series(family[look] + "\t" + skel[look], dtype=object), skeletons)
    return out


def _dob_year(f: pd.DataFrame) -> np.ndarray:
    y = f["dob_y"].to_numpy()
    return np.where(y > 0, y.astype(str), "").astype(object)


#: Blocking keys by name: each maps the features frame to one key per mention ("" = none).
BLOCKING_KEYS: dict[str, Callable[[pd.DataFrame], np.ndarray]] = {
    "given_name": _column("given_name"),
    "family_name": _column("family_name"),
    "full_name": _column("full_name"),
    "given_canon": _column("given_canon"),
    "given_phonetic": _column("given_phonetic"),
    "family_phonetic": _column("family_phonetic"),
    "name_phonetic": _name_phonetic,
    "name_initials": _name_initials,
    "name_joined": _name_joined,
    "name_token": _name_token,
    "name_words": _name_words,
    "name_consonants": _name_consonants,
    "name_transcribed": _name_transcribed,
    "name_romanised": _name_romanised,
    "given_initial": _first("given_name"),
    "family_initial": _family_initials,
    "family_skeleton": _family_skeletons,
    "given_skeleton_initial": _first("given_skeleton"),
    "dob": _column("dob"),
    "dob_year": _dob_year,
    "sex": _column("sex"),
    "phone": _column("phone"),
    "email": _column("email"),
    "account": _column("account"),
    "document": _column("document"),
    "postcode": _column("postcode"),
    "address": _column("address"),
    "city": _column("city"),
    "nationality": _column("nationality"),
}


#: Keys whose values are ``|``-joined lists: a mention sits in the block of each value.
SPLIT_KEYS = (*MULTI_VALUED, "name_joined", "name_token", "family_initial", "family_skeleton")

#: Keys that say nothing about the name or an identifier: a rule made only of these
#: (``dob`` + ``given_initial``) pairs many people who merely share a birthday.
WEAK_KEYS = frozenset(
    {"dob", "dob_year", "sex", "postcode", "city", "nationality", "given_initial",
     "family_initial", "name_initials"}
)  # fmt: skip


def is_weak(rule: Sequence[str]) -> bool:
    """Whether a rule has no name or identifier key (see :data:`WEAK_KEYS`)."""
    return all(key in WEAK_KEYS for key in rule)


def rule_name(rule: Sequence[str]) -> str:
    """The printable name of a blocking rule: its keys joined by ``+``."""
    return "+".join(rule)


def check_rules(rules: Sequence[Sequence[str]]) -> None:
    """Raise ConfigError naming every unknown blocking key."""
    bad = [
        f"resolve.blocking[{i}]: unknown key {k!r}"
        for i, rule in enumerate(rules)
        for k in rule
        if k not in BLOCKING_KEYS
    ]
    if bad:
        raise ConfigError(
            "; ".join(bad), key="resolve.blocking", hint=f"choose from: {', '.join(BLOCKING_KEYS)}"
        )


def _key_values(features: pd.DataFrame, key: str, cache: dict[str, Any]) -> np.ndarray:
    """The values of one blocking key, computed once per :func:`block` call."""
    if key not in cache:
        cache[key] = BLOCKING_KEYS[key](features)
    return cache[key]


def _key_codes(
    features: pd.DataFrame, key: str, cache: dict[str, Any]
) -> tuple[np.ndarray | None, np.ndarray, np.ndarray, int]:
    """A blocking key's values as integer codes, once per :func:`block` call.

    Returns ``(counts, codes, missing, size)``: for a key with one value per mention
    ``counts`` is None and ``codes``/``missing`` have one entry per mention; for a
    :data:`SPLIT_KEYS` key with ``|``-joined values, ``counts`` is the number of values
    of each mention and ``codes``/``missing`` have one entry per value, mention by
    mention (the pieces of ``str.split("|")``, so "" stays one missing value). ``size``
    bounds the codes. Equal values have equal codes: blocks are made of equal codes.
    """
    if "#key:" + key in cache:
        return cache["#key:" + key]
    values = _key_values(features, key, cache)
    out: tuple[np.ndarray | None, np.ndarray, np.ndarray, int] | None = None
    if key in SPLIT_KEYS:
        # Split and encoded in Arrow's C kernels: no Python string per piece.
        v = pa.array(values, pa.large_string())
        if pc.any(pc.match_substring(v, "|")).as_py():
            parts = pc.split_pattern(v, "|")
            counts = pc.list_value_length(parts).to_numpy(zero_copy_only=False).astype(np.int64)
            flat = parts.flatten()
            encoded = pc.dictionary_encode(flat)
            codes = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
            missing = np.asarray(pc.equal(flat, ""), dtype=bool)
            out = (counts, codes, missing, len(encoded.dictionary))
    if out is None:
        codes, uniques = pd.factorize(values)
        out = (None, codes.astype(np.int64, copy=False), values == "", len(uniques))
    cache["#key:" + key] = out
    return out


def _rule_codes(
    features: pd.DataFrame, rule: Sequence[str], cache: dict[str, Any] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Block codes (int64; -1 when a key of the rule is missing) and the mention position
    of each code: one per mention, more for mentions with several values of a key (one
    row per combination of their values, as ``str.split("|")`` then ``explode`` gives).
    Worked on the keys' integer codes (:func:`_key_codes`), not their strings."""
    cache = {} if cache is None else cache
    keys = {key: _key_codes(features, key, cache) for key in rule}
    rows = np.arange(len(features))
    # Per split key exploded so far: the index of each row's value among its values.
    at: dict[str, np.ndarray] = {}
    for key in rule:
        counts = keys[key][0]
        if counts is None:
            continue
        starts = np.cumsum(counts) - counts
        per_row = counts[rows]
        repeat = np.repeat(np.arange(len(rows)), per_row)
        first = np.cumsum(per_row) - per_row
        within = np.arange(len(repeat)) - first[repeat]
        at = {k: v[repeat] for k, v in at.items()}
        rows = rows[repeat]
        at[key] = starts[rows] + within
    combined = np.zeros(len(rows), dtype=np.int64)
    valid = np.ones(len(rows), dtype=bool)
    for i, key in enumerate(rule):
        _, codes, missing, size = keys[key]
        take = at.get(key, rows)
        if take is not rows or len(rows) != len(features):
            codes, missing = codes[take], missing[take]
        valid &= ~missing
        if i == 0:
            combined = codes
            continue
        if (int(combined.max(initial=0)) + 1) * (size + 1) >= 2**62:
            # Re-factorised so the product never overflows however many keys a rule has.
            combined = pd.factorize(combined)[0].astype(np.int64)
        combined = combined * (size + 1) + codes
    if len(rows) and (int(combined.max(initial=0)) + 1) * len(features) >= 2**62:
        combined = pd.factorize(combined)[0].astype(np.int64)  # packable with a position
    return np.where(valid, combined, -1), rows


def _neighbours(
    sorted_codes: np.ndarray, cap: int, window: int | None
) -> tuple[list[tuple[np.ndarray, int]], int]:
    """The sliding window over rows sorted by block code: for each step ``k`` the
    positions ``i`` that pair with ``i + k`` (see :func:`block_pairs`), and the number of
    blocks larger than ``cap``."""
    m = len(sorted_codes)
    bounds = np.flatnonzero(np.diff(sorted_codes)) + 1
    starts = np.r_[0, bounds]
    ends = np.r_[bounds, m]
    sizes = ends - starts
    capped = int((sizes > cap).sum())
    window = cap if window is None else min(window, cap)
    # In a block larger than cap, a mention pairs with its next window - 1 neighbours;
    # ``limit``: one more than the farthest neighbour a mention pairs with (the end of
    # its block or its reach), so the k-th neighbour is taken while limit > k.
    limit = np.repeat(ends, sizes) - np.arange(m)
    np.minimum(limit, np.where(np.repeat(sizes, sizes) > cap, window, cap), out=limit)
    alive = np.flatnonzero(limit > 1)
    steps = []
    for k in range(1, max(cap, 2)):
        alive = alive[limit[alive] > k]
        if len(alive) == 0:
            break
        steps.append((alive, k))
    return steps, capped


def block_pairs(
    codes: np.ndarray, order_key: np.ndarray, cap: int, window: int | None = None
) -> tuple[np.ndarray, np.ndarray, int]:
    """All pairs of mentions that share a block code, by a sliding window of ``cap``.

    Mentions are sorted by (code, order_key). A block of at most ``cap`` mentions gives
    all its pairs; a larger block gives each mention's ``window - 1`` (default
    ``cap - 1``) next neighbours in that order (sorted neighbourhood), so one common
    name cannot explode the pair count.

    Returns:
        ``left``, ``right`` (row positions, left < right) and the number of capped blocks.
    """
    idx = np.flatnonzero(codes >= 0)
    if len(idx) < 2:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, 0
    order = idx[np.lexsort((order_key[idx], codes[idx]))]
    steps, capped = _neighbours(codes[order], cap, window)
    if not steps:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, capped
    left = np.concatenate([order[alive] for alive, _ in steps]).astype(np.int64)
    right = np.concatenate([order[alive + k] for alive, k in steps]).astype(np.int64)
    return np.minimum(left, right), np.maximum(left, right), capped


def _block_pair_codes(
    codes: np.ndarray, rank: np.ndarray, by_rank: np.ndarray, cap: int, window: int | None
) -> tuple[np.ndarray, int]:
    """:func:`block_pairs` of rows whose order keys ``rank`` are ranks of mentions
    (``by_rank[rank]`` is the mention of a row), as pair codes ``lo * n + hi`` of
    distinct mentions (``n = len(by_rank)``; a mention paired with itself through two of
    its values is left out), and the number of capped blocks.

    Rows are sorted by one plain sort of ``code * n + rank`` (several times faster than
    a lexsort of the two); rows that tie are the same mention in the same block, so the
    order, and the pairs, are those of :func:`block_pairs`."""
    n = len(by_rank)
    idx = np.flatnonzero(codes >= 0)
    if len(idx) < 2:
        return np.empty(0, dtype=np.int64), 0
    top = int(codes[idx].max()) + 1
    if top * n >= 2**62:  # cannot pack: the lexsort, as block_pairs does
        order = idx[np.lexsort((rank[idx], codes[idx]))]
        sorted_codes, mention = codes[order], by_rank[rank[order]]
    else:
        key = codes[idx] * n
        key += rank[idx]
        key.sort()
        mention = by_rank[key % n]
        key //= n
        sorted_codes = key
    steps, capped = _neighbours(sorted_codes, cap, window)
    del sorted_codes
    out = []
    for alive, k in steps:
        a, b = mention[alive], mention[alive + k]
        self_pair = a == b
        lo = np.minimum(a, b)
        np.maximum(a, b, out=b)
        lo *= n
        lo += b
        out.append(lo[~self_pair] if self_pair.any() else lo)
    pair_code = np.concatenate(out) if out else np.empty(0, dtype=np.int64)
    return pair_code, capped


_SLICE = 250_000  # pairs whose names are compared at a time
#: Jaro-Winkler below this is returned as 0 by rapidfuzz (which then stops early): a
#: hair under the 0.8 tested, so the similarities at and above 0.8 are the very float32s
#: computed without it.
_JW_CUTOFF = 0.8 - 1e-6
_CHECKED = 1 << 18  # pairs whose dates of birth are checked at a time (see block): its
# temporaries stay small enough for the allocator to reuse from one slice to the next


class _NameSides:
    """Per mention, once per :func:`block` call: the transliteration skeletons of the
    given and family names, their lengths, codes of their first letters and of the
    canonical given name (pandas string methods over millions of pairs cost seconds)."""

    def __init__(self, features: pd.DataFrame) -> None:
        self.skel: dict[str, np.ndarray] = {}
        self.code: dict[str, np.ndarray] = {}
        self.length: dict[str, np.ndarray] = {}
        self.first: dict[str, np.ndarray] = {}
        n = len(features)
        both = np.concatenate(
            [features[f"{side}_skeleton"].to_numpy(dtype=object) for side in ("given", "family")]
        )
        # One vocabulary for both sides: equal names, in either role, have equal codes.
        codes, vocab = pd.factorize(both)
        codes = codes.astype(np.int32)  # gathered per pair: half the bytes of int64
        vocab = np.asarray(vocab, dtype=object)
        self.vocab, self.vocab_size = vocab, max(len(vocab), 1)
        size = np.fromiter(map(len, vocab), dtype=np.int32, count=len(vocab))
        self.mask = char_masks(vocab)  # the characters of each name (see far)
        self.size = size
        first = pd.factorize(first_letters(vocab))[0].astype(np.int32) if len(vocab) else size
        for i, side in enumerate(("given", "family")):
            c = codes[i * n : (i + 1) * n]
            self.skel[side] = both[i * n : (i + 1) * n]
            self.code[side] = c
            self.length[side] = size[c] if len(vocab) else np.zeros(n, dtype=np.int32)
            self.first[side] = first[c] if len(vocab) else np.zeros(n, dtype=np.int32)
        canon = pd.factorize(features["given_canon"].to_numpy(dtype=object))[0]
        self.canon = canon.astype(np.int32)

    def far(self, sa: str, sb: str, a: np.ndarray, b: np.ndarray, workers: int) -> np.ndarray:
        """Both names present and not close: Jaro-Winkler of the skeletons < 0.8, and
        neither a bare initial of the other."""
        la, lb = self.length[sa][a], self.length[sb][b]
        check = (la > 0) & (lb > 0) & (self.code[sa][a] != self.code[sb][b])
        check &= ~(((la == 1) | (lb == 1)) & (self.first[sa][a] == self.first[sb][b]))
        ok = np.flatnonzero(check)
        if not len(ok):
            return check
        ca, cb = self.code[sa][a[ok]], self.code[sb][b[ok]]
        # Jaro-Winkler reaches 0.8 only from a Jaro similarity above 0.7 (rapidfuzz adds
        # the prefix bonus only there), and Jaro is at most (m/la + m/lb + 1) / 3 with m
        # the characters matched: a character of one name that the other lacks is never
        # matched (char_masks). Most couples of different names fail that bound, and are
        # far without being compared.
        ma, mb = self.mask[ca], self.mask[cb]
        la, lb = self.size[ca], self.size[cb]
        matched = np.minimum(
            la - np.bitwise_count(ma & ~mb).astype(np.int32),
            lb - np.bitwise_count(mb & ~ma).astype(np.int32),
        )
        del ma, mb
        hopeful = matched / la + matched / lb > 1.1 - 1e-9  # bound > 0.7
        del la, lb, matched
        ok, ca, cb = ok[hopeful], ca[hopeful], cb[hopeful]
        if not len(ok):
            return check
        # Each distinct couple of names once: the pairs a rule proposes repeat them.
        couple = ca.astype(np.int64) * self.vocab_size + cb
        # A hash table, not a sort: the couples' order does not matter here.
        inverse, couple = pd.factorize(couple)

        def jaro_winkler(keys: np.ndarray) -> np.ndarray:
            ua, ub = keys // self.vocab_size, keys % self.vocab_size
            sim = np.empty(len(keys), dtype=np.float32)
            # In slices: rapidfuzz copies every string it is given.
            for start in range(0, len(keys), _SLICE):
                end = start + _SLICE
                sim[start:end] = similarity(
                    self.vocab[ua[start:end]],
                    self.vocab[ub[start:end]],
                    "jaro_winkler",
                    workers,
                    cutoff=_JW_CUTOFF,
                )
            return sim

        close = jaro_winkler(np.asarray(couple)) >= 0.8
        check[ok[close[inverse]]] = False
        return check


def names_differ(
    features: pd.DataFrame,
    left: np.ndarray,
    right: np.ndarray,
    *,
    workers: int = -1,
    sides: _NameSides | None = None,
) -> np.ndarray:
    """Whether two mentions' names differ on both parts, in either order: given and
    family names both present and neither close (Jaro-Winkler of their transliteration
    skeletons < 0.8, not an initial of the other, not one canonical given name), nor
    close crosswise. A cheap stand-in for :func:`name_levels` both "different", for the
    millions of pairs weak rules propose."""
    s = _NameSides(features) if sides is None else sides
    differ = s.far("given", "given", left, right, workers)
    differ &= s.far("family", "family", left, right, workers)
    differ &= s.canon[left] != s.canon[right]
    idx = np.flatnonzero(differ)
    if len(idx):
        li, ri = left[idx], right[idx]
        crossed = ~s.far("given", "family", li, ri, workers) | ~s.far(
            "family", "given", li, ri, workers
        )
        differ[idx[crossed]] = False
    idx = np.flatnonzero(differ)
    if len(idx) and "full_name" in features:
        differ[idx[_same_consonants(features["full_name"], left[idx], right[idx])]] = False
    return differ


#: Words of an Arabic name that spellings keep or drop at will, as :func:`consonant_key`
#: writes them: "ibn"/"bin"/"ben" (son of), "bint" (daughter of), the article "al"/"el".
_NAME_PARTICLES = frozenset({"bn", "bnt", "l", ""})


def abjad_name_key(full_name: str) -> str:
    """The consonants of a folded full name, word by word (:func:`consonant_key`), the
    particles "ibn", "bin", "bint", "al" left out, when one of its words has no vowel (read
    from Arabic script); "" otherwise. "abd al rahman ibn khalid" and "bd lrhmn khld" (from
    عبد الرحمن خالد) give one key.

    Examples:
        >>> abjad_name_key("bd lrhmn khld"), abjad_name_key("abd al rahman ibn khalid")
        ('bd rhmn khld', '')
    """
    words = full_name.split()
    if not any(vowelless(w) for w in words):
        return ""
    return _particles_out(words)


def _particles_out(words: list[str]) -> str:
    kept = [k for k in (consonant_key(w) for w in words) if k not in _NAME_PARTICLES]
    return " ".join(kept) if sum(map(len, kept)) >= 4 else ""


def _same_consonants(full_names: pd.Series, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Per pair, whether one name is read from a script without vowels (Arabic) and both
    full names have the same consonants (:func:`abjad_name_key`; the other side's words
    taken the same way): one name written in two scripts, split into given and family
    name differently ("Abd al-Rahman ibn Khalid" / "عبد الرحمن خالد"), so no pair of
    different names; the scorer decides it on the rest of the record."""
    rows = np.union1d(left, right)
    names = full_names.to_numpy(dtype=object)[rows]
    abjad = _map_unique(names, abjad_name_key)
    if not (abjad != "").any():
        return np.zeros(len(left), dtype=bool)
    plain = _map_unique(names, lambda v: _particles_out(v.split()))
    at_l, at_r = np.searchsorted(rows, left), np.searchsorted(rows, right)
    one = (abjad[at_l] != "") | (abjad[at_r] != "")
    return one & (plain[at_l] != "") & (plain[at_l] == plain[at_r])


def names_close(
    features: pd.DataFrame,
    left: np.ndarray,
    right: np.ndarray,
    *,
    workers: int = -1,
    sides: _NameSides | None = None,
) -> np.ndarray:
    """Whether two mentions' given and family names are both close, straight or
    crosswise: each pair of names missing on a side, an initial of the other, one
    canonical given name, or Jaro-Winkler of the skeletons >= 0.8. A superset of the
    pairs whose names :func:`~linkgraph.resolve.scoring.weak_name_pairs` could call
    "both agree strongly"."""
    s = _NameSides(features) if sides is None else sides
    out = np.zeros(len(left), dtype=bool)
    fam = ~s.far("family", "family", left, right, workers)
    idx = np.flatnonzero(fam)
    if len(idx):
        li, ri = left[idx], right[idx]
        given = ~s.far("given", "given", li, ri, workers) | (s.canon[li] == s.canon[ri])
        out[idx[given]] = True
    idx = np.flatnonzero(~out)
    # Crosswise only where a crossed pair of names starts with one letter (of the
    # skeleton), as the name comparison itself tries a swapped order only there.
    first_g, first_f = s.first["given"], s.first["family"]
    idx = idx[
        (first_g[left[idx]] == first_f[right[idx]]) | (first_f[left[idx]] == first_g[right[idx]])
    ]
    if len(idx):
        li, ri = left[idx], right[idx]
        cross = ~s.far("given", "family", li, ri, workers)
        sub = np.flatnonzero(cross)
        cross[sub] = ~s.far("family", "given", li[sub], ri[sub], workers)
        out[idx[cross]] = True
    return out


_ENDS = 8  # characters of an address's head and tail compared (see _Address.agree)


class _Address:
    """Per mention, once per :func:`block` call: the folded address and codes (-1 when
    missing) of it, of its first and last :data:`_ENDS` characters and of the postcode."""

    def __init__(self, features: pd.DataFrame) -> None:
        n = len(features)
        none = np.full(n, "", dtype=object)
        self.text = features["address"].to_numpy(dtype=object) if "address" in features else none
        postcode = features["postcode"].to_numpy(dtype=object) if "postcode" in features else none
        arr = pa.array(self.text, pa.large_string())
        long = np.asarray(pc.greater_equal(pc.utf8_length(arr), _ENDS), dtype=bool)
        columns = [self.text, postcode]
        for piece in (pc.utf8_slice_codeunits(arr, 0, _ENDS), pc.utf8_slice_codeunits(arr, -_ENDS)):
            values = np.asarray(piece.to_numpy(zero_copy_only=False), dtype=object)
            columns.append(np.where(long, values, ""))
        self.codes = [np.where(v == "", -1, pd.factorize(v)[0]).astype(np.int32) for v in columns]

    def _same(self, i: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        ca, cb = self.codes[i][a], self.codes[i][b]
        return (ca >= 0) & (ca == cb)

    def agree(self, a: np.ndarray, b: np.ndarray, workers: int) -> np.ndarray:
        """The same address; or addresses that begin or end alike (their first or last
        :data:`_ENDS` characters) and are one typo apart (an edit distance of 1: one
        typo in an address of twice that length leaves its head or its tail as it was)
        or in one postcode. "3 cullen street sunning" and "3 culleb street sunning"
        agree, and "3 heagney crescent" and "56 heagney crescent" in one postcode; so do
        next-door neighbours."""
        same = self._same(0, a, b)
        idx = np.flatnonzero(~same & (self._same(2, a, b) | self._same(3, a, b)))
        if len(idx):
            near = self._same(1, a[idx], b[idx])
            rest = np.flatnonzero(~near)
            dist = similarity(
                self.text[a[idx[rest]]], self.text[b[idx[rest]]], "osa", workers, cutoff=1
            )
            near[rest[dist <= 1]] = True
            same[idx[near]] = True
        return same


def _hopeless(
    features: pd.DataFrame,
    left: np.ndarray,
    right: np.ndarray,
    sides: _NameSides,
    places: _Address,
    workers: int,
    common: np.ndarray | None = None,
) -> np.ndarray:
    """Which of these pairs, whose dates of birth conflict (:func:`dob_conflicts`) and
    that share no identifier, no score could merge: they do not live at one address
    (``_Address.agree``) and either their names are not both close
    (:func:`names_close`) or one of the names is a common one (``common``, see
    :func:`common_names`: namesakes, not one person); or they live at one address but no
    name is close (a changed family name, "Madeline Bradshaw" and "Madeline Jeffries" at
    one address, is kept)."""
    home = places.agree(left, right, workers)
    keep = np.zeros(len(left), dtype=bool)
    idx = np.flatnonzero(~home)
    if common is not None:
        idx = idx[~(common[left[idx]] | common[right[idx]])]
    keep[idx] = names_close(features, left[idx], right[idx], workers=workers, sides=sides)
    idx = np.flatnonzero(home)
    if len(idx):
        a, b = left[idx], right[idx]
        near = sides.canon[a] == sides.canon[b]
        for sa, sb in (
            ("given", "given"),
            ("family", "family"),
            ("given", "family"),
            ("family", "given"),
        ):
            rest = np.flatnonzero(~near)
            near[rest] = ~sides.far(sa, sb, a[rest], b[rest], workers)
        keep[idx] = near
    return ~keep


#: A name held by mentions born on at least this many different days is common (see
#: :func:`common_names`).
COMMON_NAME_DATES = 4


def common_names(sides: _NameSides, dob_key: np.ndarray) -> np.ndarray:
    """Per mention, whether its full name (given and family name, as transliteration
    skeletons) is common in the case: held by mentions with at least
    :data:`COMMON_NAME_DATES` different full dates of birth. One person's records share
    a date (or two, with a typo or a replaced date); four dates are four people. Two
    mentions of such a name whose dates plainly differ, in different places, with no
    identifier in common, are namesakes: "Ivan Petrov" born 1960 and "Ivan Petrov" born
    1985, both of Sofia. Where no name is held by that many people (most small cases),
    the names decide as before."""
    given, family = sides.code["given"], sides.code["family"]
    named = (sides.length["given"] > 0) & (sides.length["family"] > 0) & (dob_key >= 0)
    if not named.any():
        return np.zeros(len(given), dtype=bool)
    name = given.astype(np.int64) * sides.vocab_size + family
    name_code, _ = pd.factorize(name)
    # (name, date) couples packed in an int64: a date's key is 32 bits (eight digits).
    seen = unique(name_code[named].astype(np.int64) << 32 | dob_key[named])
    dates = np.bincount(seen >> 32, minlength=int(name_code.max()) + 1)
    return named & (dates[name_code] >= COMMON_NAME_DATES)


def rare_full_dates(features: pd.DataFrame) -> np.ndarray:
    """Per mention, whether its full date of birth (``dob8``) is known and rare in the
    case: held by at most four times the mean number of mentions per date (and at least
    four), so a placeholder date ("1 January", "1900-01-01") that many people are given
    never counts as agreement of its own."""
    if "dob8" not in features:
        return np.zeros(len(features), dtype=bool)
    codes, uniques = pd.factorize(features["dob8"].to_numpy(dtype=object))
    have = features["dob8"].to_numpy(dtype=object) != ""
    if not have.any():
        return have
    counts = np.bincount(codes[have], minlength=len(uniques))
    distinct = max(int((counts > 0).sum()), 1)
    bound = max(4.0, 4.0 * have.sum() / distinct)
    return have & (counts[codes] <= bound)


def same_birth_and_place(
    features: pd.DataFrame, left: np.ndarray, right: np.ndarray, places: _Address, workers: int
) -> np.ndarray:
    """Pairs with one rare full date of birth (:func:`rare_full_dates`) and one place:
    the same postcode, or addresses that agree (``_Address.agree``). Two records of one
    person whose names were both replaced or swapped look like this; two people rarely
    do (born on one day and living in one place)."""
    dob = features["dob8"].to_numpy(dtype=object) if "dob8" in features else None
    if dob is None or len(left) == 0:
        return np.zeros(len(left), dtype=bool)
    out = rare_full_dates(features)[left] & (dob[left] == dob[right])
    idx = np.flatnonzero(out)
    if len(idx):
        a, b = left[idx], right[idx]
        place = places._same(1, a, b)
        rest = np.flatnonzero(~place)
        place[rest] = places.agree(a[rest], b[rest], workers)
        out[idx] = place
    return out


#: Keys of identifiers: a rule with one of them pairs mentions that share that value,
#: whatever their dates of birth.
IDENTIFIER_KEYS = frozenset(MULTI_VALUED)


def _dob_key(features: pd.DataFrame) -> np.ndarray | None:
    """The full dates of birth (year >= 1000) as the eight digits of YYYYMMDD, four bits
    each, in an int64; -1 when not full. None when the features have no date columns."""
    if not {"dob_y", "dob_m", "dob_d"} <= set(features.columns):
        return None
    y, m, d = (features[c].to_numpy(np.int64) for c in ("dob_y", "dob_m", "dob_d"))
    full = (y >= 1000) & (y <= 9999) & (m > 0) & (m < 100) & (d > 0) & (d < 100)
    packed = np.zeros(len(y), dtype=np.int64)
    for value, width in ((y, 4), (m, 2), (d, 2)):
        for k in range(width - 1, -1, -1):
            packed = (packed << 4) | (value // 10**k % 10)
    return np.where(full, packed, -1)


def dob_conflicts(key: np.ndarray, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Whether both full dates of birth are known (``key`` from :func:`_dob_key`) and
    plainly differ: not a day/month swap and more than two of the eight digits of
    YYYYMMDD different. A subset of the pairs the ``dob`` comparison finds in conflict
    (``dob_conflict``: not exact, not swapped, not one typo), so no pair that comparison
    would call close is counted here."""
    # In place where it can be: every fresh temporary of millions of pairs costs its
    # page faults, more than the arithmetic.
    a, b = key[left], key[right]
    out = a >= 0
    out &= b >= 0
    x = np.bitwise_xor(a, b)
    out &= x != 0
    # One bit per differing digit (four bits each), counted.
    y = x >> 1
    y |= x
    np.right_shift(x, 2, out=x)
    y |= x
    np.right_shift(x, 1, out=x)
    y |= x
    y &= 0x11111111
    out &= np.bitwise_count(y) > 2
    # Not a day/month swap: the year equal, a's month b's day and a's day b's month.
    np.right_shift(a, 16, out=x)
    np.right_shift(b, 16, out=y)
    swapped = x == y
    np.right_shift(a, 8, out=x)
    x &= 0xFF
    np.bitwise_and(b, 0xFF, out=y)
    swapped &= x == y
    np.bitwise_and(a, 0xFF, out=x)
    np.right_shift(b, 8, out=y)
    y &= 0xFF
    swapped &= x == y
    out &= ~swapped
    return out


def _concatenate_freeing(parts: list[np.ndarray]) -> np.ndarray:
    """``np.concatenate(parts)`` (int64), emptying ``parts`` as each is copied: the peak
    is the result and one part, not the result and all of them."""
    out = np.empty(sum(len(p) for p in parts), dtype=np.int64)
    at = 0
    while parts:
        part = parts.pop(0)
        out[at : at + len(part)] = part
        at += len(part)
        del part
        trim_heap()  # the part's pages, which the C heap would otherwise keep
    return out


@dataclass(frozen=True)
class CappedBlock:
    """The largest block of a rule above the cap: its size, the position of one of its
    mentions, and how many of its pairs the sliding window left uncompared."""

    mentions: int
    example: int
    not_compared: int


def largest_capped_block(
    codes: np.ndarray, rows: np.ndarray, cap: int, window: int | None
) -> CappedBlock | None:
    """The largest block of ``codes`` (one per row; the mention of a row is
    ``rows[row]``) above ``cap``, or None when no block is."""
    valid = np.flatnonzero(codes >= 0)
    if len(valid) <= cap:
        return None
    block_of, _ = pd.factorize(codes[valid])  # hashing, no sort
    sizes = np.bincount(block_of)
    big = int(np.argmax(sizes))
    size = int(sizes[big])
    if size <= cap:
        return None
    start = int(np.argmax(block_of == big))  # one mention of it
    w = min(cap if window is None else window, cap)
    compared = (w - 1) * size - w * (w - 1) // 2 if size >= w else size * (size - 1) // 2
    return CappedBlock(
        mentions=size,
        example=int(rows[valid[start]]),
        not_compared=size * (size - 1) // 2 - compared,
    )


def block(
    features: pd.DataFrame,
    rules: Sequence[Sequence[str]],
    *,
    cap: int = 40,
    window: int | None = None,
    max_pairs: int | None = None,
    weak_rules_need_names: bool = True,
    dob_conflicts_need_names: bool = True,
    set_aside: list[np.ndarray] | None = None,
    workers: int = -1,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Candidate pairs of person mentions from several blocking rules.

    Args:
        features: the frame from :func:`linkgraph.resolve.features.person_features`.
        rules: blocking rules, each a sequence of :data:`BLOCKING_KEYS` names.
        cap: blocks up to this size give all their pairs (see :func:`block_pairs`).
        window: the sliding window in larger blocks (default ``cap``).
        max_pairs: raise ConfigError when the distinct pairs exceed it.
        weak_rules_need_names: a pair found only by weak rules (see :func:`is_weak`)
            is kept only when its given or family name agrees at least weakly
            (Jaro-Winkler >= 0.8, an initial or a nickname, either order), or one is
            missing. Two people born on one day with different names are no candidates:
            without a shared identifier (its own rule) no score could merge them.
        dob_conflicts_need_names: a pair that no rule with an identifier key (see
            :data:`IDENTIFIER_KEYS`) found, whose full dates of birth plainly differ
            (:func:`dob_conflicts`), is kept only when both its names are close
            (:func:`names_close`), or one is and the addresses agree (the same, or alike
            and one typo apart or in one postcode). Such a pair has no agreeing date or
            identifier, and no place to make up for a name and a date that differ: no
            score merges it (see :func:`~linkgraph.resolve.scoring.weak_name_pairs`),
            so comparing it is wasted. In a list of people these are nine in ten of the
            pairs that one shared name and a city propose. Nor is it kept for its close
            names when one of them is common (:func:`common_names`) and the addresses do
            not agree: two people of one common name, born on plainly different days.
        set_aside: when a list, the pairs that date-of-birth check removed are appended
            to it as one array of codes ``left * n + right``: not scored, but part of the
            population the match weights are learnt from (see
            :func:`~linkgraph.resolve.chunked.score_compact`'s ``em_extra``).
        workers: threads for the name similarities of that check.

    Returns:
        ``pairs``: columns ``left``, ``right`` (row positions in ``features``, left < right)
        and ``rule`` (index of the first rule that paired them), sorted by (left, right);
        ``report``: one row per rule with ``rule``, ``pairs`` (its own pairs),
        ``new_pairs`` (pairs no earlier rule found), ``capped_blocks`` and ``dropped``
        (its new pairs removed by the date-of-birth check or by the name check of weak
        rules).
    """
    check_rules(rules)
    n = len(features)
    # Within a block, neighbours share the full name (its words in alphabetical order, so
    # "Dumitru Lascareanu" and "LASCAREANU Dumitru" sit together) and then the date of
    # birth: in an oversized block of one common name, a person's duplicates sit side by
    # side.
    name_key = _map_unique(features["full_name"], lambda v: " ".join(sorted(v.split())))
    order = np.lexsort(
        (
            factorize_sorted(features["dob"].to_numpy(dtype=object))[0],
            factorize_sorted(np.asarray(name_key, dtype=object))[0],
        )
    )
    order_key = np.empty(n, dtype=np.int64)
    order_key[order] = np.arange(n)
    all_codes, all_rules, capped_blocks = [], [], []
    # (pair, rule) packed into one int64 when it fits: one plain sort of them all (much
    # faster than a stable argsort) puts each pair's first rule first.
    bits = max(1, int(np.ceil(np.log2(max(len(rules), 2)))))
    pack = n * n < 2**62 >> bits
    cache: dict[str, Any] = {}
    sides = _NameSides(features)
    dob_key = _dob_key(features) if dob_conflicts_need_names else None
    places = _Address(features)
    common = common_names(sides, dob_key) if dob_key is not None else None
    largest: list[CappedBlock | None] = []
    for i, rule in enumerate(rules):
        codes, rows = _rule_codes(features, rule, cache)
        largest.append(largest_capped_block(codes, rows, cap, window))
        pair_code, capped = _block_pair_codes(codes, order_key[rows], order, cap, window)
        del codes, rows
        if pack:
            pair_code <<= bits
            pair_code |= i
        else:
            all_rules.append(np.full(len(pair_code), i, dtype=np.int16))
        all_codes.append(pair_code)
        capped_blocks.append(capped)
        del pair_code
    del cache  # the rules' block codes
    codes = _concatenate_freeing(all_codes)
    if pack:
        codes.sort()
        # Unpacked a slice at a time: no second array of every pair's int64 at once.
        rule_ids = np.empty(len(codes), dtype=np.int16)
        for start in range(0, len(codes), _CHECKED):
            part = codes[start : start + _CHECKED]  # a view: shifted in place
            rule_ids[start : start + _CHECKED] = part & ((1 << bits) - 1)
            part >>= bits
    else:
        rule_ids = np.concatenate(all_rules) if all_rules else np.empty(0, dtype=np.int16)
        order = np.argsort(codes, kind="stable")
        codes, rule_ids = codes[order], rule_ids[order]
        del order
    first = run_starts(codes)
    # Pairs a rule finds itself (a pair can repeat within a rule only via ties; count once).
    own = first.copy()
    own[1:] |= rule_ids[1:] != rule_ids[:-1]
    per_rule = np.bincount(rule_ids[own], minlength=len(rules))
    del own
    new_per_rule = np.bincount(rule_ids[first], minlength=len(rules))
    weak = np.array([is_weak(rule) for rule in rules], dtype=bool)
    only_weak = np.zeros(0, dtype=bool)
    if weak_rules_need_names and weak.any() and len(codes):
        # A pair is only-weak when every rule that found it is weak.
        only_weak = ~np.logical_or.reduceat(~weak[rule_ids], np.flatnonzero(first))
    starts = np.flatnonzero(first)
    # Pairs some identifier rule found: whatever their dates of birth, they stay.
    ident = np.array([bool(IDENTIFIER_KEYS & set(rule)) for rule in rules], dtype=bool)
    exempt = np.logical_or.reduceat(ident[rule_ids], starts) if len(codes) else first
    del starts
    codes, rule_ids = codes[first], rule_ids[first]
    del first
    keep = np.ones(len(codes), dtype=bool)
    if dob_key is not None and not exempt.all():
        # A slice of the pairs at a time: the temporaries stay a few times _CHECKED.
        for start in range(0, len(codes), _CHECKED):
            check = start + np.flatnonzero(~exempt[start : start + _CHECKED])
            left, right = codes[check] // n, codes[check] % n
            conflict = dob_conflicts(dob_key, left, right)
            check, left, right = check[conflict], left[conflict], right[conflict]
            hopeless = _hopeless(features, left, right, sides, places, workers, common)
            keep[check[hopeless]] = False
            del check, left, right, conflict
    del exempt
    if set_aside is not None:
        set_aside.append(codes[~keep])
    dropped_per_rule = np.bincount(rule_ids[~keep], minlength=len(rules))
    if len(only_weak):
        only_weak &= keep
    if only_weak.any():
        check = np.flatnonzero(only_weak)
        left, right = codes[check] // n, codes[check] % n
        differ = names_differ(features, left, right, workers=workers, sides=sides)
        # Both names replaced, the rest of the record as it was (a clerk's or a form's
        # error): one rare full date of birth and one place. Kept for the weights.
        at = np.flatnonzero(differ)
        differ[at[same_birth_and_place(features, left[at], right[at], places, workers)]] = False
        del left, right
        dropped_per_rule += np.bincount(rule_ids[check[differ]], minlength=len(rules))
        keep[check[differ]] = False
    if not keep.all():
        codes, rule_ids = codes[keep], rule_ids[keep]
    if max_pairs is not None and len(codes) > max_pairs:
        worst = rules[int(np.argmax(new_per_rule))]
        raise ConfigError(
            f"blocking gives {len(codes):,} candidate pairs, above max_pairs={max_pairs:,} "
            f"(rule {rule_name(worst)!r} adds the most)",
            key="resolve.max_pairs",
            hint="raise resolve.max_pairs, lower resolve.block_cap, or make the rule stricter",
        )
    report = [
        {"rule": rule_name(rule), "pairs": int(per_rule[i]), "new_pairs": int(new_per_rule[i]),
         "capped_blocks": capped_blocks[i], "dropped": int(dropped_per_rule[i])}
        for i, rule in enumerate(rules)
    ]  # fmt: skip
    pairs = pd.DataFrame({"left": codes // n, "right": codes % n, "rule": rule_ids})
    columns = ["rule", "pairs", "new_pairs", "capped_blocks", "dropped"]
    out = pd.DataFrame(report, columns=columns)
    out.attrs["largest_capped"] = largest
    return pairs, out
