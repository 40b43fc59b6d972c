"""Vectorised ids against model.stable_id, the reference, in the shapes ingest passes."""

from __future__ import annotations

import numpy as np
import pytest

from linkgraph.ingest._columns import stable_ids
from linkgraph.model import stable_id


@pytest.mark.parametrize("prefix", ["m", "l", "ev"])  # even and odd prefix lengths
@pytest.mark.parametrize(
    ("rows", "items"),
    [
        (np.arange(1, 1001), np.zeros(1000, dtype=np.int64)),  # one item per row
        (np.arange(1, 1001), np.arange(1000) % 3),  # list items
        (np.array([7]), np.array([0])),  # a single mention
        (np.array([5, 5, 5]), np.array([1, 2, 3])),  # items of one row
        (np.array([5, 5]), np.array([1001, 1001], dtype=np.int32)),  # every part constant
    ],
)
def test_ids_are_model_stable_ids(prefix, rows, items):
    got = stable_ids(prefix, "calls.csv", rows, "caller", items).tolist()
    assert got == [
        stable_id(prefix, "calls.csv", int(r), "caller", int(i))
        for r, i in zip(rows, items, strict=True)
    ]
