"""The shortcuts of the resolve step's tail against their plain references: the order of
the mention ids (Arrow's sort of strings), the pruning of address pairs before their
token-sort ratio (rapidfuzz's Indel distance) and the JSON of the other types' evidence."""

from __future__ import annotations

import json
import sys

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from rapidfuzz.distance import Indel

from linkgraph.resolve import _id_order, _other_evidence
from linkgraph.resolve.comparisons import char_masks
from linkgraph.resolve.others import _similar_names


def _ids(rng: np.random.Generator, n: int) -> list[str]:
    return ["m:" + "".join(rng.choice(list("0123456789abcdef"), 16)) for _ in range(n)]


def test_id_order_is_the_string_order() -> None:
    rng = np.random.default_rng(1)
    ids = _ids(rng, 3000)
    ids += ids[:50]  # equal ids: neighbours, in their order (a stable sort)
    arr = pa.array(ids, pa.large_string())
    expected = pc.array_sort_indices(arr).to_numpy()
    assert np.array_equal(_id_order(arr), expected)
    # Several chunks, and ids of other shapes (the general sort), give the same order.
    chunked = pa.chunked_array([arr.slice(0, 1000), arr.slice(1000)])
    assert np.array_equal(_id_order(chunked), expected)
    odd = pa.array([*ids[:-1], "m:ABC"], pa.large_string())
    assert np.array_equal(_id_order(odd), pc.array_sort_indices(odd).to_numpy())
    upper = pa.array([i.upper() for i in ids], pa.large_string())
    assert np.array_equal(_id_order(upper), pc.array_sort_indices(upper).to_numpy())


def test_char_masks_never_exceed_the_indel_distance() -> None:
    rng = np.random.default_rng(2)
    alphabet = list("abcdeéñ012 -'Ж")
    words = ["".join(rng.choice(alphabet, rng.integers(0, 12))) for _ in range(600)]
    text = np.array(words, dtype=object)
    mask = char_masks(text)
    a, b = rng.integers(0, len(text), 5000), rng.integers(0, len(text), 5000)
    lower = np.bitwise_count(mask[a] ^ mask[b])
    dist = np.array([Indel.distance(text[i], text[j]) for i, j in zip(a, b, strict=True)])
    assert (lower <= dist).all()
    assert (lower[dist == 0] == 0).all()


def test_char_masks_are_each_texts_own_characters_slice_by_slice(monkeypatch) -> None:
    # Read a slice of texts at a time (a few bytes per slice here, so empty texts, texts
    # longer than a slice and multibyte characters fall on every boundary): each mask is
    # the one its own bytes give, computed text by text.
    comparisons = sys.modules["linkgraph.resolve.comparisons"]
    rng = np.random.default_rng(5)
    alphabet = list("abcdeéñ012 -'Ж")
    words = ["".join(rng.choice(alphabet, rng.integers(0, 30))) for _ in range(400)]
    text = np.array(words, dtype=object)
    want = []
    for w in words:
        mask = 0
        for c in w.encode():
            mask |= 1 << int(comparisons._CHAR_BIT[c])
        want.append(mask)
    for size in (1, 7, 64, 1 << 20):
        monkeypatch.setattr(comparisons, "_MASK_BYTES", size)
        assert char_masks(text).tolist() == want


def test_similar_names_equal_every_pair_compared() -> None:
    """The pairs the pruning keeps are those a plain comparison of every pair in the
    window finds (the masks only leave out pairs that cannot reach the threshold)."""
    rng = np.random.default_rng(3)
    streets = ["cullen street", "culleb street", "heagney crescent", "heagny crescent"]
    keys = np.array(
        [
            f"{rng.integers(1, 4)} {rng.choice(streets)}" + rng.choice(["", "e", " x"])
            for _ in range(300)
        ],
        dtype=object,
    )
    reps = np.unique(pd.Series(np.arange(len(keys))).groupby(keys).min().to_numpy())
    block = pd.factorize(np.array([k.split()[0] for k in keys[reps]], dtype=object))[0]
    left, right, _ = _similar_names(keys, reps, block, 0.93, 1)
    got = {(int(x), int(y)) for x, y in zip(left, right, strict=True)}
    expected = set()
    for i in range(len(reps)):
        for j in range(i + 1, len(reps)):
            if block[i] != block[j]:
                continue
            ta = " ".join(sorted(keys[reps[i]].split()))
            tb = " ".join(sorted(keys[reps[j]].split()))
            if Indel.normalized_similarity(ta, tb) >= 0.93:
                expected.add((int(min(reps[i], reps[j])), int(max(reps[i], reps[j]))))
    assert got == expected  # every block holds fewer than the window's 50 keys


def test_other_evidence_json_per_row() -> None:
    ev = pd.DataFrame(
        {
            "left": [0, 1, 2, 3],
            "right": [1, 2, 3, 0],
            "rule": ["same identifier", "similar normalised name", "override", "override"],
            "similarity": [1.0, 0.93456, 0.5, np.nan],
            "decision": ["match", "match", "must_link", "cannot_link"],
            "field": ["identifier", "name", "name", "identifier"],
            "level": ["exact", "similar", "different", "null"],
        }
    )
    ids = pd.Series(["m:a", "m:b", "m:c", "m:d"])
    out = _other_evidence(ids, np.arange(4), np.array(["phone"] * 4, dtype=object), ev)
    expected = [
        json.dumps({f: {"level": lv, "similarity": round(s, 3)}})
        for f, lv, s in zip(ev["field"], ev["level"], ev["similarity"], strict=True)
    ]
    assert list(out["fields"]) == expected
    assert list(out["left"]) == ["m:a", "m:b", "m:c", "m:d"]


def test_far_names_are_those_jaro_winkler_finds_far() -> None:
    """``_NameSides.far`` (a character bound, then rapidfuzz with a cut-off) against
    Jaro-Winkler of every pair of names, computed plainly."""
    from rapidfuzz.distance import JaroWinkler

    from linkgraph.resolve.blocking import _NameSides

    rng = np.random.default_rng(4)
    base = ["maria", "mariya", "marie", "john", "jon", "johnny", "smith", "smyth", "nguyen"]
    base += ["muller", "mueller", "li", "lee", "a", "m", "jose", "josé", "zhou", "chou"]
    noisy = ["".join(rng.choice(list("aeimnorsty"), rng.integers(1, 8))) for _ in range(80)]
    names = np.array(base + noisy, dtype=object)
    n = 400
    features = pd.DataFrame(
        {
            "given_skeleton": rng.choice(names, n),
            "family_skeleton": rng.choice(names, n),
            "given_canon": rng.choice(names, n),
        }
    )
    features.loc[:20, "given_skeleton"] = ""
    sides = _NameSides(features)
    a, b = rng.integers(0, n, 20000), rng.integers(0, n, 20000)
    for sa, sb in (("given", "given"), ("family", "given")):
        got = sides.far(sa, sb, a, b, 1)
        x = features[f"{sa}_skeleton"].to_numpy()[a]
        y = features[f"{sb}_skeleton"].to_numpy()[b]
        expected = np.array(
            [
                bool(p and q and p != q)
                and not ((len(p) == 1 or len(q) == 1) and p[0] == q[0])
                and np.float32(JaroWinkler.normalized_similarity(p, q)) < 0.8
                for p, q in zip(x, y, strict=True)
            ]
        )
        assert np.array_equal(got, expected)
