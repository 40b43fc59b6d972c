"""Match a partner's encoded persons against one's own and join the two networks."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from linkgraph._arrays import run_starts
from linkgraph.share.encoding import EncodingSettings, dice_indexed, popcounts, words
from linkgraph.share.scoring import (
    SIM_LEVELS,
    TOKEN_LEVELS,
    LinkModel,
    filter_levels,
    token_levels,
    train,
)
from linkgraph.share.sides import CONTACT_TYPES, DOCUMENT_TYPES, Side

_ALL_PAIRS = 4_000_000
_RANDOM_PAIRS = 200_000
#: Pairs compared at a time: the temporaries stay small and their memory is reused.
_PAIR_BLOCK = 1 << 16


@dataclass(frozen=True)
class LinkConfig:
    """Settings of :func:`match_sides`.

    ``threshold``: the least match probability of a reported match. ``one_to_one``: each
    partner entity matches at most one local entity and the other way round (off by
    default: each agency's own resolution splits some persons, and both halves are the
    partner's person). ``best_only`` (on by default, when not ``one_to_one``): a pair over
    the threshold is kept only when it is the partner entity's best local match or the
    local entity's best partner match, or when its match probability is at least ``sure``
    (see :func:`best_either_way`). ``two_lists``: when at least ``two_lists_coverage`` of
    each side's persons matched, the entities neither side matched are paired one to one
    among themselves (see :func:`left_over_matches`).
    ``lsh_bands``/``lsh_bits``: Hamming locality-sensitive hashing on every segment's
    filters when all pairs would be too many (more than ``all_pairs`` pairs); a band's
    bucket with more than ``lsh_bucket_pairs`` pairs is skipped, and a pair is a
    candidate when it agrees on ``lsh_min_bands`` bands or more (over all segments) or
    shares a token.
    """

    threshold: float = 0.5
    one_to_one: bool = False
    best_only: bool = True
    sure: float = 0.99
    all_pairs: int = _ALL_PAIRS
    lsh_bands: int = 48
    lsh_bits: int = 24
    lsh_bucket_pairs: int = 2_500
    lsh_min_bands: int = 2
    single_band_sample: int = 2_000_000
    seed: int = 0
    em_iterations: int = 50
    two_lists: bool = True
    two_lists_coverage: float = 0.9


@dataclass
class LinkResult:
    """Entity-level matches (``partner``, ``local``, ``match_probability``,
    ``match_weight``, the comparisons' similarities and levels), the learnt model and
    timings/counts."""

    matches: pd.DataFrame
    model: LinkModel
    info: dict[str, Any] = field(default_factory=dict)


def _band_keys(packed_t: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """The sampled bits ``cols`` of every filter as one integer (``cols[0]`` the highest
    bit; bits padded to whole bytes), from the filters' bytes as rows (bytes × filters)."""
    n = packed_t.shape[1]
    bits = np.take(packed_t, cols >> 3, axis=0)
    bits >>= (7 - (cols & 7)).astype(np.uint8)[:, None]
    bits &= np.uint8(1)
    if len(cols) % 8:
        bits = np.concatenate([bits, np.zeros((-len(cols) % 8, n), dtype=np.uint8)])
    groups = bits.reshape(-1, 8, n)
    byte = groups[:, 0] << np.uint8(7)
    for i in range(1, 8):  # np.packbits along the filters' axis is 20 times slower
        byte |= groups[:, i] << np.uint8(7 - i)
    key = byte[0].astype(np.int64)
    for row in byte[1:]:
        key <<= 8
        key |= row
    return key


def _runs(sorted_keys: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Distinct values of a sorted array, where each starts and how often it occurs."""
    if len(sorted_keys) == 0:
        return sorted_keys, np.empty(0, np.int64), np.empty(0, np.int64)
    start = np.flatnonzero(np.concatenate([[True], sorted_keys[1:] != sorted_keys[:-1]]))
    counts = np.diff(np.concatenate([start, [len(sorted_keys)]]))
    return sorted_keys[start], start, counts


def equal_key_pairs(
    ka: np.ndarray, kb: np.ndarray, max_bucket_pairs: int
) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs (i, j) with ``ka[i] == kb[j]``, leaving out buckets of more than
    ``max_bucket_pairs`` pairs (a sort-merge join in numpy)."""
    oa = np.argsort(ka)
    ob = np.argsort(kb)
    va, sa, ca = _runs(ka[oa])
    vb, sb, cb = _runs(kb[ob])
    _, xa, xb = np.intersect1d(va, vb, assume_unique=True, return_indices=True)
    na, nb = ca[xa], cb[xb]
    keep = na * nb <= max_bucket_pairs
    sa, sb, na, nb = sa[xa][keep], sb[xb][keep], na[keep], nb[keep]
    sizes = na * nb
    bucket = np.repeat(np.arange(len(sizes)), sizes)
    offset = np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    i = sa[bucket] + offset // nb[bucket]
    j = sb[bucket] + offset % nb[bucket]
    return oa[i], ob[j]


def unique_pairs(ia: np.ndarray, ib: np.ndarray, nb: int) -> tuple[np.ndarray, np.ndarray]:
    """Distinct (ia, ib) pairs, sorted (sorting is many times faster than hashing here)."""
    code, _ = _count_codes(ia.astype(np.int64) * nb + ib)
    return code // nb, code % nb


def _count_codes(
    code: np.ndarray, weight: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Distinct values of ``code`` (sorted) and how often each occurs (or its summed
    ``weight``)."""
    order = np.argsort(code, kind="stable") if weight is not None else None
    code = code[order] if order is not None else np.sort(code)
    if len(code) == 0:
        return code, np.empty(0, np.int64)
    start = np.flatnonzero(np.concatenate([[True], code[1:] != code[:-1]]))
    if weight is None:
        counts = np.diff(np.concatenate([start, [len(code)]]))
    else:
        counts = np.add.reduceat(weight[order], start)
    return code[start], counts


#: Band pairs counted at a time in :func:`lsh_band_counts` (partner rows per block follow).
_LSH_BLOCK_PAIRS = 1 << 20


@dataclass
class _BandIndex:
    """Each partner row's bucket in every LSH band: where its equal-key local rows start in
    ``local_rows`` (a flat array, band after band, each band sorted by key) and how many
    there are (0: no equal key, or an oversized bucket)."""

    start: np.ndarray  # bands x partner rows
    count: np.ndarray  # bands x partner rows
    local_rows: np.ndarray


def _band_index(
    partner: Side, local: Side, settings: EncodingSettings, config: LinkConfig
) -> _BandIndex:
    na, nb = len(partner.entity), len(local.entity)
    rng_cols: list[tuple[str, np.ndarray, np.ndarray, np.ndarray]] = []
    for seg in settings.segments:
        pa = np.flatnonzero(partner.present[seg.name])
        pb = np.flatnonzero(local.present[seg.name])
        if len(pa) == 0 or len(pb) == 0:
            continue
        # The same bands per segment as before: a generator seeded alike for each.
        rng = np.random.default_rng(config.seed)
        width = partner.filters[seg.name].shape[1] * 8
        for _ in range(config.lsh_bands):
            rng_cols.append((seg.name, pa, pb, rng.choice(width, config.lsh_bits, replace=False)))
    bands = len(rng_cols)
    index_dtype = np.int32 if bands * max(nb, 1) < np.iinfo(np.int32).max else np.int64
    start = np.zeros((bands, na), dtype=index_dtype)
    count = np.zeros((bands, na), dtype=np.int32)
    local_rows = []
    offset = 0
    current = ""
    for t, (name, pa, pb, cols) in enumerate(rng_cols):
        if name != current:  # a segment's bands follow each other
            current = name
            packed_t = np.ascontiguousarray(
                np.concatenate([partner.filters[name][pa], local.filters[name][pb]]).T
            )
        n_a, n = len(pa), len(pa) + len(pb)
        # One sort of (key, row) packed in an integer: the partner rows come first in
        # each key's run, the local rows follow in their order.
        shift = n.bit_length()
        if len(cols) + shift < 63:
            packed = (_band_keys(packed_t, cols) << shift) | np.arange(n, dtype=np.int64)
            packed.sort()
            row = packed & ((1 << shift) - 1)
            key = packed >> shift
        else:
            keys = _band_keys(packed_t, cols)
            row = np.argsort(keys, kind="stable")
            key = keys[row]
        new_run = run_starts(key)
        run = np.cumsum(new_run) - 1
        is_b = row >= n_a
        runs = int(run[-1]) + 1
        count_b = np.bincount(run[is_b], minlength=runs)
        count_a = np.bincount(run[~is_b], minlength=runs)
        b_before = np.cumsum(is_b) - is_b
        start_b = b_before[np.flatnonzero(new_run)] + offset
        # Oversized buckets (everyone of one city, a missing date) give no information:
        # they are skipped, as blocking skips oversized blocks.
        ok = count_a * count_b <= config.lsh_bucket_pairs
        a_run = run[~is_b]
        a_rows = pa[row[~is_b]]
        a_count = np.where(ok[a_run], count_b[a_run], 0)
        count[t, a_rows] = a_count
        start[t, a_rows] = np.where(a_count > 0, start_b[a_run], 0)
        local_rows.append(pb[row[is_b] - n_a].astype(index_dtype))
        offset += len(pb)
    flat = np.concatenate(local_rows) if local_rows else np.empty(0, index_dtype)
    return _BandIndex(start=start, count=count, local_rows=flat)


def lsh_band_counts(
    partner: Side, local: Side, settings: EncodingSettings, config: LinkConfig
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Pair codes (``partner row * local rows + local row``) of filters that agree on every
    sampled bit of at least one LSH band, with the number of bands they agree on (over
    all segments), block by block of partner rows, in increasing code order.

    Each segment has ``config.lsh_bands`` bands of ``config.lsh_bits`` sampled bits; a
    band's bucket with more than ``config.lsh_bucket_pairs`` pairs is skipped. The pairs
    of a block of partner rows of all bands are counted together (a sort of about a
    million small codes), so no array of all band pairs is ever made.
    """
    na, nb = len(partner.entity), len(local.entity)
    index = _band_index(partner, local, settings, config)
    total = int(index.count.sum(dtype=np.int64))
    if total == 0:
        return
    per_row = max(total / max(na, 1), 1.0)
    block = int(np.clip(_LSH_BLOCK_PAIRS / per_row, 16, max(na, 16)))
    small = block * nb < np.iinfo(np.int32).max
    for lo in range(0, na, block):
        hi = min(na, lo + block)
        c = index.count[:, lo:hi].ravel()
        nz = np.flatnonzero(c)
        if len(nz) == 0:
            continue
        reps = c[nz]
        n_pairs = int(reps.sum(dtype=np.int64))
        ends = np.cumsum(reps, dtype=np.int64)
        at = np.arange(n_pairs, dtype=np.int64) + np.repeat(
            index.start[:, lo:hi].ravel()[nz] - (ends - reps), reps
        )
        row = np.repeat(nz % (hi - lo), reps)
        code = row.astype(np.int32 if small else np.int64) * nb
        code += index.local_rows[at]
        code.sort()
        distinct, _, counts = _runs(code)
        yield distinct.astype(np.int64) + lo * nb, counts


def _variant_index(entity: np.ndarray) -> pd.DataFrame:
    return pd.DataFrame({"entity": entity, "v": np.arange(len(entity))})


def _token_pairs(a: Side, b: Side) -> pd.DataFrame:
    """Entity pairs sharing tokens: ``ea``, ``eb``, ``contact``, ``document`` (counts)."""
    ta = a.person_tokens
    tb = b.person_tokens
    joined = ta.merge(tb, on=["token", "type"], suffixes=("_a", "_b"))
    if joined.empty:
        return pd.DataFrame(columns=["ea", "eb", "contact", "document"])
    joined["contact"] = joined["type"].isin(CONTACT_TYPES).astype(np.int64)
    joined["document"] = joined["type"].isin(DOCUMENT_TYPES).astype(np.int64)
    out = joined.groupby(["entity_a", "entity_b"], sort=False)[["contact", "document"]].sum()
    return out.reset_index().rename(columns={"entity_a": "ea", "entity_b": "eb"})


def salted(side: Side, settings: EncodingSettings) -> np.ndarray:
    """Whether each encoding of ``side`` was salted (with ``salt="dob_year"``: it has a
    date of birth, read from the fields of the segment that holds it); all alike (True)
    without a salt, or when the bundle does not say which fields an encoding holds."""
    n = len(side.entity)
    if settings.salt != "dob_year":
        return np.ones(n, dtype=bool)
    for seg in settings.segments:
        if "dob" in seg.fields and seg.name in side.fields:
            return (side.fields[seg.name] & (1 << seg.fields.index("dob"))) != 0
    return np.ones(n, dtype=bool)


def anchor_pairs(
    levels: np.ndarray, comparisons: tuple[str, ...], names: tuple[str, ...]
) -> np.ndarray:
    """Pairs that start EM as matches: a shared document token, or an exact name (filter
    similarity at the top level) together with a second exact comparison (another filter
    at its top level or a shared contact token)."""
    top = np.zeros(len(levels), dtype=np.int64)
    name_top = np.zeros(len(levels), dtype=bool)
    for i, c in enumerate(comparisons):
        if c in ("document", "contact"):
            exact = levels[:, i] == TOKEN_LEVELS - 1
        else:
            exact = levels[:, i] == len(SIM_LEVELS) + 1
        top += exact
        if c in names:
            name_top |= exact
    doc = levels[:, comparisons.index("document")] == TOKEN_LEVELS - 1
    return doc | (name_top & (top >= 2))


def type_masks(side: Side, types: tuple[str, ...]) -> np.ndarray:
    """Per encoded variant of ``side``, a bit mask of the token ``types`` its person holds
    (bit i: ``types[i]``).

    Two persons can share a token only of a type both hold: a phone never equals an
    account, so a pair of which one holds phones and the other accounts has nothing to
    compare (null), not "none shared" (evidence against).
    """
    t = side.person_tokens
    held = t[t["type"].isin(types)]
    bit = held["type"].map({k: 1 << i for i, k in enumerate(types)}).to_numpy(np.int64)
    mask = (
        pd.Series(bit, index=held["entity"].to_numpy(dtype=object))
        .groupby(level=0)
        .agg(np.bitwise_or.reduce)
    )
    ent = pd.Series(side.entity, dtype=object)
    return ent.map(mask).fillna(0).to_numpy(np.int64)


def candidate_pairs(
    partner: Side,
    local: Side,
    settings: EncodingSettings,
    config: LinkConfig,
    token_pairs: pd.DataFrame | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, str]:
    """Variant index pairs (partner, local) to compare, their weights and how they were
    found: all pairs when at most ``config.all_pairs``, else LSH bands of every segment
    and pairs of persons sharing a token.

    A pair that agrees on fewer than ``config.lsh_min_bands`` bands (and shares no token)
    is not a match candidate, but the weights are learnt over all LSH pairs: such pairs
    are sampled (at most ``config.single_band_sample``) and weigh the inverse of the
    sampling rate. Their weight is negative, so they are told apart: ``weight < 0``.
    """
    na, nb = len(partner.entity), len(local.entity)
    tp = _token_pairs(partner, local) if token_pairs is None else token_pairs
    if na * nb <= config.all_pairs:
        ia = np.repeat(np.arange(na, dtype=np.int64), nb)
        ib = np.tile(np.arange(nb, dtype=np.int64), na)
        return ia, ib, np.ones(len(ia)), "all pairs"
    else:
        # Every segment gets its own bands: a name with typos still meets its partner
        # through an equal date of birth or address. A pair becomes a candidate when it
        # agrees on at least `lsh_min_bands` bands over all segments: one band of 144 is
        # what chance gives unrelated persons who share a common surname or a town.
        cand, singles = [], []
        for code, count in lsh_band_counts(partner, local, settings, config):
            cand.append(code[count >= config.lsh_min_bands])
            singles.append(code[count < config.lsh_min_bands])
        code = np.concatenate(cand) if cand else np.empty(0, np.int64)
        n_single = sum(len(x) for x in singles)
        rate = min(1.0, config.single_band_sample / max(n_single, 1))
        if rate < 1.0:
            rng = np.random.default_rng(config.seed)
            singles = [x[rng.random(len(x)) < rate] for x in singles]
        single = np.concatenate(singles) if singles else np.empty(0, np.int64)
        la, lb = code // nb, code % nb
        va = _variant_index(partner.entity)
        vb = _variant_index(local.entity)
        tv = (
            tp[["ea", "eb"]]
            .merge(va, left_on="ea", right_on="entity")
            .merge(vb, left_on="eb", right_on="entity", suffixes=("_a", "_b"))
        )
        ia = np.concatenate([la, tv["v_a"].to_numpy(np.int64)])
        ib = np.concatenate([lb, tv["v_b"].to_numpy(np.int64)])
        ia, ib = unique_pairs(ia, ib, nb)
        # The sampled single-band pairs not already candidates (through a token).
        single = np.setdiff1d(single, ia * nb + ib, assume_unique=True)
        weight = np.concatenate([np.ones(len(ia)), np.full(len(single), -1.0 / rate)])
        ia = np.concatenate([ia, single // nb])
        ib = np.concatenate([ib, single % nb])
        method = (
            f"LSH ({config.lsh_bands} bands of {config.lsh_bits} bits per segment, "
            f"{config.lsh_min_bands}+ agreeing) + shared tokens"
        )
    return ia, ib, weight, method


def best_either_way(pairs: pd.DataFrame, sure: float = 1.0) -> np.ndarray:
    """Which entity pairs (``partner``, ``local``, ``match_weight``, ``match_probability``;
    one row per pair) are the partner entity's best local match or the local entity's best
    partner match (ties count as best), or are a match on their own evidence (probability
    at least ``sure``).

    A partner person that each side's own resolution split in two still matches both
    halves (each half's best partner person is that person), while a weaker match that
    both of its entities have a better one for is dropped: a partner person with a
    common surname no longer also matches a local namesake whose best match it is not,
    when it has its own, better match elsewhere and the namesake has one too. A pair
    the model is sure of stays whatever else its entities matched: in unresolved lists a
    person has duplicates on both sides, and every pair of them is the same person.
    """
    if pairs.empty:
        return np.zeros(0, dtype=bool)
    weight = pairs["match_weight"].to_numpy(np.float64)
    top_a = pairs.groupby("partner", sort=False)["match_weight"].transform("max").to_numpy()
    top_b = pairs.groupby("local", sort=False)["match_weight"].transform("max").to_numpy()
    certain = pairs["match_probability"].to_numpy(np.float64) >= sure
    return (weight >= top_a) | (weight >= top_b) | certain


def match_sides(
    partner: Side, local: Side, settings: EncodingSettings, config: LinkConfig | None = None
) -> LinkResult:
    """Score partner × local person pairs and keep the matches.

    Candidates are all pairs (small cases) or, above ``config.all_pairs``, the pairs that
    share a token or an LSH band of the name filters. Each pair is compared on every
    filter segment (Dice similarity, in levels) and on shared document and contact
    tokens; the weights are learnt by EM; a pair of entities scores as its best pair of
    encodings; a pair of entities at or above ``config.threshold`` is a match when it is
    the best match of either of its entities or its probability is at least
    ``config.sure`` (``best_only``; every such pair when off), or
    with ``one_to_one`` the matches are chosen greedily by weight.
    """
    config = LinkConfig() if config is None else config
    seconds: dict[str, float] = {}
    cpu: dict[str, float] = {}
    t0, c0 = time.perf_counter(), time.process_time()

    def lap(stage: str) -> None:
        nonlocal t0, c0
        seconds[stage] = round(time.perf_counter() - t0, 3)
        cpu[stage] = round(time.process_time() - c0, 3)
        t0, c0 = time.perf_counter(), time.process_time()

    na, nb = len(partner.entity), len(local.entity)
    tp = _token_pairs(partner, local)
    ia, ib, pair_weight, method = candidate_pairs(partner, local, settings, config, tp)
    lap("candidates")
    names = [s.name for s in settings.segments]
    comparisons = (*names, "document", "contact")
    sizes = (*(len(SIM_LEVELS) + 2 for _ in names), TOKEN_LEVELS, TOKEN_LEVELS)

    doc_a, doc_b = type_masks(partner, DOCUMENT_TYPES), type_masks(local, DOCUMENT_TYPES)
    con_a, con_b = type_masks(partner, CONTACT_TYPES), type_masks(local, CONTACT_TYPES)
    # Shared-token counts looked up by integer pair codes (a MultiIndex of ids is slow).
    code_a, uniq_a = pd.factorize(pd.Series(partner.entity, dtype=object))
    code_b, uniq_b = pd.factorize(pd.Series(local.entity, dtype=object))
    n_ent_b = max(len(uniq_b), 1)
    tp_a = pd.Index(uniq_a).get_indexer(tp["ea"]) if len(tp) else np.empty(0, np.int64)
    tp_b = pd.Index(uniq_b).get_indexer(tp["eb"]) if len(tp) else np.empty(0, np.int64)
    tp_ok = (tp_a >= 0) & (tp_b >= 0)
    tp_code = tp_a[tp_ok].astype(np.int64) * n_ent_b + tp_b[tp_ok]
    order = np.argsort(tp_code)
    tp_code = tp_code[order]
    tp_doc = tp["document"].to_numpy(np.float64)[tp_ok][order] if len(tp) else np.empty(0)
    tp_con = tp["contact"].to_numpy(np.float64)[tp_ok][order] if len(tp) else np.empty(0)

    words_a = {n: words(partner.filters[n]) for n in names}
    words_b = {n: words(local.filters[n]) for n in names}
    ones_a = {n: popcounts(partner.filters[n]) for n in names}
    ones_b = {n: popcounts(local.filters[n]) for n in names}

    fields_a = {n: partner.field_mask(n) for n in names}
    fields_b = {n: local.field_mask(n) for n in names}
    salted_a, salted_b = salted(partner, settings), salted(local, settings)

    def levels_into(ia: np.ndarray, ib: np.ndarray, lv: np.ndarray, sims: np.ndarray) -> None:
        for c, name in enumerate(names):
            # Null unless both encoded something of a field in common: a sex against a
            # date of birth alone, or a city against a postcode, is no disagreement.
            # With a salt, a salted filter and an unsalted one are unrelated: null too.
            both = (
                partner.present[name][ia]
                & local.present[name][ib]
                & ((fields_a[name][ia] & fields_b[name][ib]) != 0)
                & (salted_a[ia] == salted_b[ib])
            )
            sim = np.full(len(ia), np.nan)
            sub = np.flatnonzero(both)
            if len(sub):
                d = dice_indexed(
                    words_a[name], words_b[name], ones_a[name], ones_b[name], ia[sub], ib[sub]
                )
                sim[sub] = np.clip(2.0 * d - 1.0, 0.0, 1.0) if settings.balance else d
            sims[:, c] = sim
            lv[:, c] = filter_levels(sim)
        n_doc = n_con = np.zeros(len(ia))
        if len(tp_code):
            key = code_a[ia].astype(np.int64) * n_ent_b + code_b[ib]
            at = np.minimum(np.searchsorted(tp_code, key), len(tp_code) - 1)
            hit = tp_code[at] == key
            n_doc = np.where(hit, tp_doc[at], 0.0)
            n_con = np.where(hit, tp_con[at], 0.0)
        # "None shared" only where both hold tokens of a common type (else null).
        lv[:, len(names)] = token_levels(n_doc, (doc_a[ia] & doc_b[ib]) != 0)
        lv[:, len(names) + 1] = token_levels(n_con, (con_a[ia] & con_b[ib]) != 0)

    def levels_of(ia: np.ndarray, ib: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        lv = np.zeros((len(ia), len(comparisons)), dtype=np.int8)
        sims = np.full((len(ia), len(names)), np.nan, dtype=np.float32)
        # Block by block: the temporaries of millions of pairs at once (a few hundred MB
        # each, fresh pages every time) cost more in page faults than the comparisons.
        for lo in range(0, len(ia), _PAIR_BLOCK):
            hi = lo + _PAIR_BLOCK
            levels_into(ia[lo:hi], ib[lo:hi], lv[lo:hi], sims[lo:hi])
        return lv, sims

    levels, sims = levels_of(ia, ib)
    lap("comparison")
    if method == "all pairs":
        # Every pair is compared: u comes from all of them, without sampling noise.
        random_levels = levels
    else:
        rng = np.random.default_rng(config.seed)
        k = min(_RANDOM_PAIRS, na * nb)
        ra = rng.integers(0, max(na, 1), k)
        rb = rng.integers(0, max(nb, 1), k)
        random_levels = (
            levels_of(ra, rb)[0] if na and nb else np.zeros((0, len(comparisons)), np.int8)
        )
    name_segments = tuple(
        s.name for s in settings.segments if set(s.fields) & {"name", "given", "family"}
    )
    model = train(
        levels,
        random_levels,
        comparisons,
        sizes,
        total_pairs=float(na) * float(nb),
        anchors=anchor_pairs(levels, comparisons, name_segments),
        names=name_segments,
        # Each partner person matches about one local person: at most a few per person.
        max_prior=min(0.5, 3.0 * min(na, nb) / max(float(np.abs(pair_weight).sum()), 1.0)),
        expected_matches=float(min(na, nb)),
        iterations=config.em_iterations,
        pair_weight=np.abs(pair_weight),
    )
    weight, prob = model.score(levels)
    lap("em")

    # Sampled single-band pairs helped learn the weights; they are not match candidates.
    keep = np.flatnonzero((prob >= config.threshold) & (pair_weight > 0))

    def match_frame(
        rows: np.ndarray, ea: np.ndarray, eb: np.ndarray, lv: np.ndarray, sm: np.ndarray
    ) -> pd.DataFrame:
        """Entity pairs (``ea``, ``eb``) with the comparisons of the encoding pairs
        ``rows`` of ``lv``/``sm``; ``match_weight`` and ``match_probability`` added."""
        frame = pd.DataFrame({"partner": ea, "local": eb})
        for c, name in enumerate(names):
            frame[f"{name}_similarity"] = sm[rows, c]
        for c, name in enumerate(comparisons):
            frame[f"{name}_level"] = lv[rows, c]
            frame[f"{name}_weight"] = model.weights(name)[lv[rows, c]]
        return frame

    pairs = match_frame(keep, partner.entity[ia[keep]], local.entity[ib[keep]], levels, sims)
    pairs.insert(2, "match_weight", weight[keep])
    pairs.insert(3, "match_probability", prob[keep])
    best = pairs.sort_values(
        ["match_weight", "partner", "local"], ascending=[False, True, True], kind="stable"
    ).drop_duplicates(["partner", "local"])
    if config.one_to_one:
        taken_a: set[object] = set()
        taken_b: set[object] = set()
        keep = []
        for p, q in zip(best["partner"].to_numpy(), best["local"].to_numpy(), strict=True):
            ok = p not in taken_a and q not in taken_b
            keep.append(ok)
            if ok:
                taken_a.add(p)
                taken_b.add(q)
        best = best[np.asarray(keep, dtype=bool)]
    elif config.best_only:
        best = best[best_either_way(best, config.sure)]
    left_overs: dict[str, Any] = {"applied": False}
    if config.two_lists:
        # The left-overs' encodings compared with each other, every pair when they are
        # few (blocking gave only some of them), else the candidate pairs among them.
        pa_, pb_ = _left_over_encodings(best, partner.entity, local.entity)
        rest_a, rest_b, rest_levels, rest_sims, rest_weight = ia, ib, levels, sims, weight
        if 0 < len(pa_) * len(pb_) <= _ALL_PAIRS:
            rest_a, rest_b = np.repeat(pa_, len(pb_)), np.tile(pb_, len(pa_))
            rest_levels, rest_sims = levels_of(rest_a, rest_b)
            rest_weight, _ = model.score(rest_levels)
        extra, left_overs = left_over_matches(
            partner.entity[rest_a],
            local.entity[rest_b],
            rest_weight - np.log2(model.prior / (1 - model.prior)),
            best,
            partner.entity,
            local.entity,
            threshold=config.threshold,
            min_coverage=config.two_lists_coverage,
        )
        if len(extra):
            rows = extra["row"].to_numpy()
            added = match_frame(
                rows,
                extra["partner"].to_numpy(),
                extra["local"].to_numpy(),
                rest_levels,
                rest_sims,
            )
            added.insert(2, "match_weight", extra["match_weight"].to_numpy())
            added.insert(3, "match_probability", extra["match_probability"].to_numpy())
            best = pd.concat([best, added], ignore_index=True)
    matches = best.sort_values(["partner", "local"], kind="stable", ignore_index=True)
    info = {
        "candidate_pairs": int((pair_weight > 0).sum()),
        "compared_pairs": len(ia),
        "anchor_pairs": model.anchors,
        "em_fallback": model.fallback,
        "comparisons_per_second": round(len(ia) / max(seconds["comparison"], 1e-9)),
        "single_band_pairs_sampled": int((pair_weight < 0).sum()),
        "candidates": method,
        "seconds": seconds,
        "cpu_seconds": cpu,
        "partner_encodings": int(na),
        "local_encodings": int(nb),
        "matches": len(matches),
        "two_lists": left_overs,
        "prior": model.prior,
    }
    info["warnings"] = model_warnings(model, len(matches), config.threshold)
    return LinkResult(matches=matches, model=model, info=info)


#: The least prior EM may learn (:func:`~linkgraph.share.scoring.train`): at it, the
#: match class has collapsed.
PRIOR_FLOOR = 1e-6


def model_warnings(model: LinkModel, matches: int, threshold: float) -> list[str]:
    """What ``link`` must say about its model: the default weights used instead of the
    learnt ones (and why), a prior collapsed to its floor, and no match above the
    threshold although pairs agree exactly on a name and a second comparison (or share a
    document): a model that finds no one where such pairs exist is degenerate.

    Examples:
        >>> m = LinkModel(("name",), (3,), {}, {}, prior=1e-6, anchors=3)
        >>> model_warnings(m, 0, 0.5)[0]
        'the learnt prior collapsed to its floor (1e-06): EM found no match class'
    """
    out = []
    if model.fallback:
        out.append(f"weights: {model.fallback}")
    if model.prior <= PRIOR_FLOOR * (1 + 1e-9):
        out.append(
            f"the learnt prior collapsed to its floor ({PRIOR_FLOOR:g}): EM found no match class"
        )
    if matches == 0 and model.anchors > 0:
        out.append(
            f"no match at or above the threshold {threshold:g} although {model.anchors:,} "
            "pair(s) agree exactly on a name and a second comparison or share a document: "
            "the model is degenerate; see the evidence of these pairs with --threshold 0 "
            "and the model in the case manifest (link step)"
        )
    return out


def _left_over_encodings(
    matches: pd.DataFrame, partner_entities: np.ndarray, local_entities: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Positions of the encodings of the entities ``matches`` leaves unmatched, per side."""
    a = ~pd.Series(partner_entities, dtype=object).isin(set(matches["partner"])).to_numpy()
    b = ~pd.Series(local_entities, dtype=object).isin(set(matches["local"])).to_numpy()
    return np.flatnonzero(a), np.flatnonzero(b)


def left_over_matches(
    pair_partner: np.ndarray,
    pair_local: np.ndarray,
    bayes_bits: np.ndarray,
    matches: pd.DataFrame,
    partner_entities: np.ndarray,
    local_entities: np.ndarray,
    *,
    threshold: float,
    min_coverage: float,
) -> tuple[pd.DataFrame, dict[str, Any]]:
    """The matches among the entities neither side matched, when the two sides are two
    lists of the same people (at least ``min_coverage`` of each side's persons matched):
    as :mod:`linkgraph.resolve.two_lists` does for one case, the share of matches among
    the left-overs' pairs is learnt by EM from their own Bayes factors and each pair is
    weighed against every other partner of either entity and none.

    Args:
        pair_partner, pair_local: the entities of each compared pair of encodings.
        bayes_bits: each pair's Bayes factor (log2: its weight without the prior).
        matches: the matches kept so far (``partner``, ``local``).
        partner_entities, local_entities: every encoding's entity, per side.
        threshold: the least match probability of a match.
        min_coverage: the least share of each side's entities matched.

    Returns:
        The new matches (``partner``, ``local``, ``match_weight``, ``match_probability``,
        ``row``: the pair of encodings they rest on, its position in the compared pairs),
        and what was found (for ``link``'s report).
    """
    from linkgraph.resolve.two_lists import assignment_probability, left_over_share

    cols = ["partner", "local", "match_weight", "match_probability", "row"]
    a_ids = pd.unique(pd.Series(partner_entities, dtype=object))
    b_ids = pd.unique(pd.Series(local_entities, dtype=object))
    matched_a = set(matches["partner"]) if len(matches) else set()
    matched_b = set(matches["local"]) if len(matches) else set()
    coverage = (
        len(matched_a) / max(len(a_ids), 1),
        len(matched_b) / max(len(b_ids), 1),
    )
    info: dict[str, Any] = {"applied": False, "coverage": [round(c, 4) for c in coverage]}
    rest_a = pd.Index(a_ids)[~pd.Index(a_ids).isin(list(matched_a))]
    rest_b = pd.Index(b_ids)[~pd.Index(b_ids).isin(list(matched_b))]
    info["left_over"] = [len(rest_a), len(rest_b)]
    if min(coverage) < min_coverage or len(rest_a) == 0 or len(rest_b) == 0:
        return pd.DataFrame(columns=cols), info
    ca = rest_a.get_indexer(pd.Series(pair_partner, dtype=object))
    cb = rest_b.get_indexer(pd.Series(pair_local, dtype=object))
    rows = np.flatnonzero((ca >= 0) & (cb >= 0))
    total = len(rest_a) * len(rest_b)
    # An entity pair scores as its best pair of encodings.
    frame = pd.DataFrame({"a": ca[rows], "b": cb[rows], "bits": bayes_bits[rows], "row": rows})
    frame = frame.sort_values(["a", "b", "bits"], ascending=[True, True, False], kind="stable")
    frame = frame.drop_duplicates(["a", "b"]).reset_index(drop=True)
    bits = frame["bits"].to_numpy(np.float64)
    start = min(len(rest_a), len(rest_b)) * min(coverage) / total
    share = left_over_share(bits, total, start)
    a, b = frame["a"].to_numpy(), frame["b"].to_numpy()
    prob = assignment_probability(a, b, bits, share, len(rest_a), len(rest_b))
    join = prob >= threshold
    info.update(applied=True, pairs=total, matches=round(share * total, 3), joined=int(join.sum()))
    if not join.any() or share <= 0:
        return pd.DataFrame(columns=cols), info
    out = pd.DataFrame(
        {
            "partner": np.asarray(rest_a, dtype=object)[a[join]],
            "local": np.asarray(rest_b, dtype=object)[b[join]],
            "match_weight": bits[join] + np.log2(share / (1 - share)),
            "match_probability": prob[join],
            "row": frame["row"].to_numpy()[join],
        }
    )
    return out, info


def evidence_json(row: pd.Series, comparisons: tuple[str, ...]) -> str:
    """The evidence of one match as JSON: per comparison its level, weight (and similarity)."""
    return evidence_jsons(row.to_frame().T, comparisons)[0]


def evidence_jsons(matches: pd.DataFrame, comparisons: tuple[str, ...]) -> list[str]:
    """:func:`evidence_json` of every row of ``matches``, column by column."""
    columns = []
    for name in comparisons:
        level = matches[f"{name}_level"].to_numpy().astype(int).tolist()
        weight = np.round(matches[f"{name}_weight"].to_numpy(np.float64), 3).tolist()
        sim_col = f"{name}_similarity"
        sim = (
            np.round(matches[sim_col].to_numpy(np.float64), 3).tolist()
            if sim_col in matches
            else [None] * len(matches)
        )
        columns.append((name, level, weight, sim))
    out = []
    for i in range(len(matches)):
        entry: dict[str, dict[str, float]] = {}
        for name, level, weight, sim in columns:
            e = {"level": level[i], "weight": weight[i]}
            if sim[i] is not None and sim[i] == sim[i]:
                e["similarity"] = sim[i]
            entry[name] = e
        out.append(json.dumps(entry, sort_keys=True))
    return out
