"""``factorize_sorted`` gives what ``pd.factorize(sort=True)`` gives, faster."""

from __future__ import annotations

import numpy as np
import pandas as pd

from linkgraph.resolve.features import factorize_sorted


def test_factorize_sorted_matches_pandas():
    rng = np.random.default_rng(0)
    words = [
        "",
        "anna",
        "Anna",
        "ána",
        "Ålesund",
        "ивaн",
        "иван",
        "محمد",
        "z",
        "a b",
        "a",
        "ß",
        "😀",
    ]
    values = np.array([words[i] for i in rng.integers(len(words), size=500)] + [None], dtype=object)
    for sample in (values, values[:0], np.array(["b", "a", "b"], dtype=object)):
        codes, uniques = factorize_sorted(sample)
        ref_codes, ref_uniques = pd.factorize(sample, sort=True)
        assert (codes == ref_codes).all()
        assert list(uniques) == list(ref_uniques)


def test_factorize_sorted_falls_back_for_values_that_are_not_text():
    values = np.array([3, 1, 2, 1], dtype=object)
    codes, uniques = factorize_sorted(values)
    assert list(codes) == [2, 0, 1, 0]
    assert list(uniques) == [1, 2, 3]
