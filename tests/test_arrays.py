"""linkgraph._arrays.unique against numpy's own np.unique, the reference."""

from __future__ import annotations

import numpy as np
import pytest

from linkgraph._arrays import unique

FLAGS = [
    {},
    {"return_counts": True},
    {"return_index": True},
    {"return_inverse": True},
    {"return_index": True, "return_inverse": True, "return_counts": True},
]


@pytest.mark.parametrize("dtype", [np.int64, np.int32, np.uint8, np.float64, bool])
@pytest.mark.parametrize("n", [0, 1, 7, 5000])
@pytest.mark.parametrize("flags", FLAGS)
def test_unique_is_numpys(dtype, n, flags):
    values = np.random.default_rng(n).integers(0, 60, n).astype(dtype)
    want, got = np.unique(values, **flags), unique(values, **flags)
    if not flags:
        want, got = (want,), (got,)
    assert len(got) == len(want)
    for w, g in zip(want, got, strict=True):
        np.testing.assert_array_equal(g, w)


def test_unique_leaves_objects_and_nan_to_numpy():
    words = np.array(["b", "a", "b"], dtype=object)
    assert unique(words).tolist() == ["a", "b"]
    with_nan = np.array([1.0, np.nan, 1.0, np.nan])
    np.testing.assert_array_equal(unique(with_nan), np.unique(with_nan))
