"""The vectorised shortcuts of blocking and comparison agree with the plain definitions."""

from __future__ import annotations

import numpy as np
import pandas as pd
from rapidfuzz.distance import OSA

from linkgraph.resolve import block, compare, person_features
from linkgraph.resolve.blocking import is_weak
from linkgraph.resolve.comparisons import DOB, _one_typo, similarity
from linkgraph.resolve.features import _digits_tail, _digits_tails, _dob_parts

from .factory import people


def _mutations(rng: np.random.Generator, values: list[str]) -> list[str]:
    """Each value with one substitution, swap, drop, insertion, or replaced outright."""
    out = []
    for i, v in enumerate(values):
        s = list(v)
        j = int(rng.integers(0, len(s) - 1))
        kind = i % 6
        if kind == 0:
            s[j] = str(rng.integers(0, 10))
        elif kind == 1:
            s[j], s[j + 1] = s[j + 1], s[j]
        elif kind == 2:
            del s[j]
        elif kind == 3:
            s.insert(j, "7")
        elif kind == 4:
            s[j], s[-1] = "x", "y"
        else:
            s = list(values[(i * 7) % len(values)])
        out.append("".join(s))
    return out


def test_one_typo_matches_osa_distance():
    rng = np.random.default_rng(0)
    base = [f"{x:09d}" for x in rng.integers(0, 10**9, 600)] + ["Ωmega42", "ab", "abc"]
    other = [*_mutations(rng, base[:600]), "Ωmeag42", "abcd", "abc"]
    vocab = np.array(sorted(set(base) | set(other)), dtype=object)
    index = {v: i for i, v in enumerate(vocab)}
    a = np.array([index[v] for v in base], dtype=np.int64)
    b = np.array([index[v] for v in other], dtype=np.int64)
    keep = a != b
    close, _ = _one_typo(a[keep], b[keep], vocab, workers=1)
    expected = [
        OSA.distance(x, y) <= 1 for x, y in zip(vocab[a[keep]], vocab[b[keep]], strict=True)
    ]
    assert close.tolist() == expected


def test_token_sort_equals_ratio_of_sorted_tokens():
    a = np.array(["12 main st apt 4", "b a c", "x"], dtype=object)
    b = np.array(["main st 12", "c b a d", "x y"], dtype=object)
    presorted = [np.array([" ".join(sorted(v.split())) for v in s], dtype=object) for s in (a, b)]
    np.testing.assert_allclose(
        similarity(a, b, "token_sort"), similarity(*presorted, "ratio"), atol=1e-6
    )


def test_dob_close_is_osa_one_on_full_dates():
    m = people([
        {"name": "Anna Bondar", "dob": "1985-03-04"},
        {"name": "Anna Bondar", "dob": "1985-03-14"},  # one digit
        {"name": "Anna Bondar", "dob": "1958-03-04"},  # neighbours swapped
        {"name": "Anna Bondar", "dob": "1979-12-24"},  # six years apart, no part in common
    ])  # fmt: skip
    out = compare(person_features(m), np.zeros(3, np.int64), np.arange(1, 4), ["dob"])
    assert out["dob_level"].tolist() == list(DOB.codes("close", "close", "far_apart"))


def test_weak_rules_keep_only_pairs_whose_names_agree_somewhat():
    m = people([
        {"given_name": "Oleksandr", "family_name": "Kovalenko", "dob": "1985-03-04"},
        {"given_name": "Ostap", "family_name": "Tkachuk", "dob": "1985-03-04"},
        {"given_name": "Olena", "family_name": "Kovalenko", "dob": "1985-03-04"},
    ])  # fmt: skip
    rules = [("dob", "given_initial")]
    assert is_weak(rules[0])
    assert not is_weak(("dob", "family_name"))
    pairs, report = block(person_features(m), rules)
    # Only 0-2 agree on a name; 0-1 and 1-2 share just a birthday and an initial.
    assert set(zip(pairs["left"], pairs["right"], strict=True)) == {(0, 2)}
    assert report["dropped"].tolist() == [2]
    kept, _ = block(person_features(m), rules, weak_rules_need_names=False)
    assert len(kept) == 3


def test_vectorised_phone_tails_and_dates():
    phones = np.array(["+380 (67) 123-45-67", "12345", "1234567", "", "tel ١٢٣٤٥٦٧"], dtype=object)
    assert _digits_tails(phones).tolist() == [_digits_tail(p) for p in phones]
    y, m, d, _ = _dob_parts(pd.Series(["1990-02-01", "", "1990", "1990-3", "x", "1990-02-01"]))
    assert y.tolist() == [1990, 0, 1990, 1990, 0, 1990]
    assert m.tolist() == [2, 0, 0, 3, 0, 2]
    assert d.tolist() == [1, 0, 0, 0, 0, 1]


def test_name_tail_check_agrees_with_str_endswith():
    from linkgraph.resolve.comparisons import _ends_other

    rng = np.random.default_rng(3)
    words = ["emeka", "chukwuemeka", "bayo", "adebayo", "sandro", "alessandro", "ivan",
             "ivana", "ana", "mariana", "dréé", "añdréé", "жаня", "евгения", "", "x"]  # fmt: skip
    a = np.array(rng.choice(words, 400), dtype=object)
    b = np.array(rng.choice(words, 400), dtype=object)
    la = np.array([len(v) for v in a])
    lb = np.array([len(v) for v in b])
    want = [
        (len(y) >= 4 and x.endswith(y) and x != y) or (len(x) >= 4 and y.endswith(x) and x != y)
        for x, y in zip(a, b, strict=True)
    ]
    assert _ends_other(a, b, la, lb).tolist() == want


def test_similar_organisation_names_agree_with_pairwise_token_sort():
    """Fuzzy names of the other types, compared once per distinct key and offset by
    offset, find the pairs a plain token-sort over every pair in a block finds."""
    from rapidfuzz import fuzz

    from linkgraph.resolve.others import _similar_names

    rng = np.random.default_rng(5)
    base = ["sunrise travel", "sunrise travels", "travel sunrise", "sunrise tours",
            "blue sea shipping", "blue sea shiping", "blue sky", "acme trading co",
            "acme tradings co", "acme"]  # fmt: skip
    key = np.array(list(base) + list(rng.choice(base, 20)) + [""], dtype=object)
    reps = np.array(sorted({k: i for i, k in reversed(list(enumerate(key))) if k}.values()))
    block = pd.factorize(np.array([key[i].split()[0] for i in reps], dtype=object))[0]
    left, right, sim = _similar_names(key, reps, block, 0.93, -1)
    got = {(int(a), int(b)) for a, b in zip(left, right, strict=True)}
    want = set()
    for x in range(len(reps)):
        for y in range(x + 1, len(reps)):
            a, b = reps[x], reps[y]
            same_block = block[x] == block[y]
            if same_block and fuzz.token_sort_ratio(key[a], key[b]) / 100 >= 0.93:
                want.add((min(a, b), max(a, b)))
    assert got == want
    assert len(want) >= 3
    assert (sim >= 0.93).all()
