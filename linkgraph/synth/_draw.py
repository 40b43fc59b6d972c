"""Fast weighted draws that consume the generator exactly as ``rng.choice(n, p=p)`` does.

``numpy.random.Generator.choice`` with ``p`` validates ``p`` and builds its cumulative sum
on every call, which dominates when it is called a million times for one value. These
helpers take a precomputed cumulative distribution and draw one uniform number, so the
random stream (and every generated file) stays byte-identical to the plain call.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np


def cumulative(p: np.ndarray | list[float] | tuple[float, ...]) -> np.ndarray:
    """The cumulative distribution ``rng.choice`` builds from probabilities ``p``."""
    cdf = np.asarray(p, dtype=float).cumsum()
    cdf /= cdf[-1]
    return cdf


@lru_cache(maxsize=256)
def cumulative_of(p: tuple[float, ...]) -> np.ndarray:
    """:func:`cumulative`, cached for a probability tuple used again and again."""
    return cumulative(p)


def weighted(rng: np.random.Generator, cdf: np.ndarray) -> int:
    """One index drawn with the distribution ``cdf``; same draw as ``rng.choice(len(cdf), p=p)``.

    >>> a, b = np.random.default_rng(3), np.random.default_rng(3)
    >>> p = np.array([0.2, 0.5, 0.3])
    >>> [weighted(a, cumulative(p)) for _ in range(6)] == [
    ...     int(b.choice(3, p=p)) for _ in range(6)]
    True
    """
    return int(cdf.searchsorted(rng.random(), side="right"))
