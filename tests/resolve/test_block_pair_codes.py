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


def test_large_cases_cap_blocks_at_the_window() -> None:
    # Up to 100,000 person mentions a block of up to 40 gives all its pairs; above, the
    # window shrinks in proportion (never below 6) and so does the largest block that
    # gives all its pairs: in a million mentions, ten namesakes sorted by name and date
    # give each one's next five, 35 pairs, not all 45. A window set by hand keeps the cap.
    import sys

    from linkgraph.resolve.config import ResolveConfig

    resolve_module = sys.modules["linkgraph.resolve"]
    config = ResolveConfig()
    sizes = [1_000, 100_000, 250_000, 1_000_000]
    assert [resolve_module._cap(config, n) for n in sizes] == [40, 40, 16, 6]
    assert [resolve_module._window(config, n) for n in sizes] == [40, 40, 16, 6]
    fixed = ResolveConfig(block_window=5)
    assert resolve_module._cap(fixed, 1_000_000) == 40
    codes = np.zeros(10, dtype=np.int64)
    left, _, capped = block_pairs(codes, np.arange(10), resolve_module._cap(config, 10**6), 6)
    assert (len(left), capped) == (5 * 5 + 4 + 3 + 2 + 1, 1)
    left, _, capped = block_pairs(codes, np.arange(10), resolve_module._cap(config, 10**5), 40)
    assert (len(left), capped) == (45, 0)
