"""The match probability of a weight is the logistic of its log2 odds, exactly."""

from __future__ import annotations

import math

import numpy as np
import pytest

from linkgraph.resolve.scoring import probability


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_probability_is_the_formula_bit_for_bit(dtype: type) -> None:
    w = np.random.default_rng(0).normal(0, 30, 10_000).astype(dtype)
    w[:4] = [np.inf, -np.inf, 0.0, 61.0]
    want = 1.0 / (1.0 + np.exp2(-np.clip(w, -60, 60)))
    got = probability(w)
    assert got.dtype == want.dtype
    assert np.array_equal(got, want)
    assert w[2] == 0.0  # the input is left as it was


def test_probability_of_plain_numbers() -> None:
    assert float(probability(np.float64(3.0))) == pytest.approx(1 / (1 + 2**-3))
    assert probability(np.array([1, 2])).tolist() == pytest.approx([2 / 3, 0.8])
    assert math.isclose(float(probability(np.float64(-100.0))), 1 / (1 + 2.0**60))
