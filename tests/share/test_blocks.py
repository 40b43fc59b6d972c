"""The block-wise paths of `link` (LSH band counts, Dice, level patterns, partner ids)
against brute-force references."""

from __future__ import annotations

import json
from collections import Counter

import numpy as np
import pandas as pd

from linkgraph.model import stable_id
from linkgraph.share import linkage
from linkgraph.share.encoding import (
    EncodingSettings,
    Segment,
    dice,
    dice_indexed,
    encoding_settings,
    popcounts,
)
from linkgraph.share.join import _link_attrs, _node_attrs, stable_ids
from linkgraph.share.linkage import LinkConfig, lsh_band_counts
from linkgraph.share.scoring import _Patterns
from linkgraph.share.sides import Side


def _side(
    rng: np.random.Generator,
    n: int,
    settings: EncodingSettings,
    base: dict[str, np.ndarray] | None = None,
) -> Side:
    filters, present = {}, {}
    for seg in settings.segments:
        width = settings.stored_bits(seg) // 8
        packed = rng.integers(0, 256, (n, width), dtype=np.uint8)
        if base is not None:  # half the rows copy a row of the other side, a few bits flipped
            packed[: n // 2] = base[seg.name][rng.integers(0, len(base[seg.name]), n // 2)]
            packed[: n // 2, 0] ^= rng.integers(0, 256, n // 2, dtype=np.uint8)
        packed[-10:] = 7  # ten equal filters on each side: a bucket of 100 pairs
        filters[seg.name] = packed
        present[seg.name] = rng.random(n) < 0.9
    return Side(
        entity=np.array([f"e{i}" for i in range(n)], dtype=object),
        filters=filters,
        present=present,
        person_tokens=pd.DataFrame(columns=["entity", "type", "token"]),
    )


def _brute_force_counts(
    a: Side, b: Side, settings: EncodingSettings, config: LinkConfig
) -> Counter:
    """Bands agreed on per pair, pair by pair, with the oversized buckets left out."""
    counts: Counter = Counter()
    nb = len(b.entity)
    for seg in settings.segments:
        pa = np.flatnonzero(a.present[seg.name])
        pb = np.flatnonzero(b.present[seg.name])
        rng = np.random.default_rng(config.seed)
        bits_a = np.unpackbits(a.filters[seg.name][pa], axis=1)
        bits_b = np.unpackbits(b.filters[seg.name][pb], axis=1)
        for _ in range(config.lsh_bands):
            cols = rng.choice(bits_a.shape[1], config.lsh_bits, replace=False)
            ka = [bits_a[i, cols].tobytes() for i in range(len(pa))]
            kb = [bits_b[j, cols].tobytes() for j in range(len(pb))]
            size_a, size_b = Counter(ka), Counter(kb)
            for i, x in enumerate(ka):
                for j, y in enumerate(kb):
                    if x == y and size_a[x] * size_b[y] <= config.lsh_bucket_pairs:
                        counts[int(pa[i]) * nb + int(pb[j])] += 1
    return counts


def test_lsh_band_counts_match_brute_force_in_blocks(monkeypatch):
    rng = np.random.default_rng(3)
    settings = encoding_settings()
    settings = type(settings)(
        segments=(Segment("name", ("name",), 64, 4), Segment("dob", ("dob",), 32, 2))
    )
    b = _side(rng, 70, settings)
    a = _side(rng, 60, settings, base=b.filters)
    config = LinkConfig(lsh_bands=6, lsh_bits=8, lsh_bucket_pairs=40)
    monkeypatch.setattr(linkage, "_LSH_BLOCK_PAIRS", 50)  # many blocks of a few rows
    blocks = list(lsh_band_counts(a, b, settings, config))
    assert len(blocks) > 3
    codes = np.concatenate([c for c, _ in blocks])
    assert (np.diff(codes) > 0).all()  # increasing over all blocks
    got = dict(zip(codes.tolist(), np.concatenate([k for _, k in blocks]).tolist(), strict=True))
    want = dict(_brute_force_counts(a, b, settings, config))
    assert got == want
    assert min(want.values()) == 1
    assert max(want.values()) > 2
    assert 59 * 70 + 69 not in want  # the oversized bucket of equal filters is skipped


def test_dice_indexed_in_blocks_matches_dice(monkeypatch):
    import linkgraph.share.encoding as encoding

    monkeypatch.setattr(encoding, "_DICE_BLOCK_BYTES", 1)  # blocks of 256 pairs
    rng = np.random.default_rng(2)
    a = rng.integers(0, 256, (40, 24), dtype=np.uint8)
    b = rng.integers(0, 256, (30, 24), dtype=np.uint8)
    a[0] = 0
    ia, ib = rng.integers(0, 40, 1000), rng.integers(0, 30, 1000)
    ia[:5] = 0
    got = dice_indexed(encoding.words(a), encoding.words(b), popcounts(a), popcounts(b), ia, ib)
    np.testing.assert_allclose(got, dice(a[ia], b[ib]))


def test_level_patterns_by_bincount_match_unique(monkeypatch):
    import linkgraph.share.scoring as scoring

    rng = np.random.default_rng(0)
    sizes = (11, 11, 3, 3)
    levels = np.column_stack([rng.integers(0, s, 5000) for s in sizes]).astype(np.int8)
    flag = rng.random(5000) < 0.2
    weight = rng.random(5000)
    fast = _Patterns(levels, sizes, flag, weight)
    monkeypatch.setattr(scoring, "_BINCOUNT_SPACE", 0)
    slow = _Patterns(levels, sizes, flag, weight)
    np.testing.assert_array_equal(fast.levels, slow.levels)
    np.testing.assert_array_equal(fast.flag, slow.flag)
    np.testing.assert_allclose(fast.counts, slow.counts)
    # Every distinct (levels, flag) row once, with its summed weight.
    frame = pd.DataFrame(levels).assign(flag=flag, w=weight)
    grouped = frame.groupby([*range(len(sizes)), "flag"])["w"].sum()
    assert len(grouped) == len(fast.counts)
    assert abs(grouped.sum() - fast.counts.sum()) < 1e-9


def test_partner_ids_and_attrs_as_the_one_by_one_forms():
    nodes = np.array(["p:ab12", "t:c0ffee", 'q"uote', "é", None], dtype=object)
    kinds = np.array(["calls", "pays", "uses", "x", "y"], dtype=object)
    assert stable_ids("m", ("partner", "b1"), nodes) == [
        stable_id("m", "partner", "b1", n) for n in nodes
    ]
    assert stable_ids("l", ("partner", "b1"), nodes, nodes[::-1], kinds) == [
        stable_id("l", "partner", "b1", s, d, k)
        for s, d, k in zip(nodes, nodes[::-1], kinds, strict=True)
    ]
    ids = nodes[:4]
    for sel in (ids[:2], ids):  # plain tokens, and text that JSON must escape
        counts = list(range(1, len(sel) + 1))
        assert _node_attrs(sel, counts) == [
            json.dumps({"partner_token": n, "partner_mentions": c})
            for n, c in zip(sel, counts, strict=True)
        ]
    last = pd.Series(
        pd.to_datetime(["2024-01-01 10:00:00.5", None, "2024-02-01 00:00:00.0"], utc=True)
    )
    assert _link_attrs([1, 2, 3], last) == [
        json.dumps({"count": c, "last": None if pd.isna(t) else str(t)})
        for c, t in zip([1, 2, 3], last, strict=True)
    ]
