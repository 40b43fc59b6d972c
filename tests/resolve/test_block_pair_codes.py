"""Blocking's packed-sort path gives the pairs of :func:`block_pairs`, its reference."""

from __future__ import annotations

import numpy as np
import pytest

from linkgraph.resolve.blocking import _block_pair_codes, block_pairs


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize(("cap", "window"), [(3, None), (5, 3), (40, 6)])
def test_block_pair_codes_match_block_pairs(seed: int, cap: int, window: int | None) -> None:
    rng = np.random.default_rng(seed)
    n = 300
    # Rows of an exploded key: some mentions twice or more, some codes missing (-1),
    # blocks of every size (a few larger than the cap).
    rows = np.sort(rng.integers(0, n, 700))
    codes = rng.integers(-1, 60, len(rows))
    by_rank = rng.permutation(n)  # the mention at each rank
    rank_of = np.empty(n, dtype=np.int64)
    rank_of[by_rank] = np.arange(n)
    got, capped = _block_pair_codes(codes, rank_of[rows], by_rank, cap, window)
    # The reference: block_pairs on the rows, mapped to mentions, self pairs dropped.
    left, right, want_capped = block_pairs(codes, rank_of[rows], cap, window)
    left, right = rows[left], rows[right]
    differ = left != right
    want = np.minimum(left, right)[differ] * n + np.maximum(left, right)[differ]
    assert capped == want_capped
    assert np.sort(got).tolist() == np.sort(want).tolist()
