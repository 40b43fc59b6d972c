"""Comparison levels of encoded person pairs and Fellegi-Sunter weights learnt by EM.

The same model as ``resolve`` (m and u probabilities per comparison level, match weight
log2(m/u), u from random pairs, m and the prior by expectation-maximisation), over the
comparisons that encodings allow: the Dice similarity of each Bloom-filter segment and
whether the two persons share a document or a contact token.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

_EPS = 1e-9

#: Similarity cut-offs of the filter levels (level 1 below the first, ..., null is 0).
SIM_LEVELS = (0.55, 0.7, 0.8, 0.9, 0.97)
#: Levels of the token comparisons: 0 null (a side has none), 1 none shared, 2 shared.
TOKEN_LEVELS = 3


def filter_levels(similarity: np.ndarray) -> np.ndarray:
    """Levels 1..6 of a similarity (0 where it is NaN: a side has nothing encoded)."""
    level = (
        np.searchsorted(np.asarray(SIM_LEVELS), np.nan_to_num(similarity, nan=-1), side="right") + 1
    )
    return np.where(np.isnan(similarity), 0, level).astype(np.int8)


def token_levels(shared: np.ndarray, both_have: np.ndarray) -> np.ndarray:
    """Level 2 when the pair shares a token, 1 when both have tokens but none shared, else 0.

    Level 1 is kept out of the weights (see :func:`train`): a person's numbers in one
    agency's records are seldom all of them, so different numbers are no evidence against.
    """
    return np.where(shared > 0, 2, np.where(both_have, 1, 0)).astype(np.int8)


@dataclass
class LinkModel:
    """m and u per level of each comparison, and the prior share of matches."""

    comparisons: tuple[str, ...]
    sizes: tuple[int, ...]
    m: dict[str, list[float]]
    u: dict[str, list[float]]
    prior: float
    iterations: int = 0

    def weights(self, name: str) -> np.ndarray:
        """log2(m/u) per level (level 0 weighs nothing)."""
        w = np.log2(
            np.maximum(np.asarray(self.m[name]), _EPS) / np.maximum(np.asarray(self.u[name]), _EPS)
        )
        w[0] = 0.0
        return w

    def score(self, levels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Match weight (log2 odds, prior included) and probability of every pair."""
        total = np.full(len(levels), np.log2(self.prior / (1 - self.prior)))
        for i, name in enumerate(self.comparisons):
            total += self.weights(name)[levels[:, i]]
        return total, 1.0 / (1.0 + np.exp2(-np.clip(total, -60, 60)))

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON for the case manifest."""
        return asdict(self)


def _freq(
    levels: np.ndarray, size: int, weights: np.ndarray, prior: np.ndarray, strength: float
) -> np.ndarray:
    counts = np.bincount(levels, weights=weights, minlength=size).astype(np.float64)
    counts[0] = 0.0
    p = counts + strength * prior
    p[0] = 0.0
    return p / max(p.sum(), _EPS)


def _default_m(size: int) -> np.ndarray:
    m = np.linspace(0.05, 1.0, size - 1) ** 3
    return np.concatenate([[0.0], m / m.sum()])


def train(
    levels: np.ndarray,
    random_levels: np.ndarray,
    comparisons: tuple[str, ...],
    sizes: tuple[int, ...],
    *,
    total_pairs: float | None = None,
    neutral: tuple[tuple[str, int], ...] = (),
    max_prior: float = 0.5,
    iterations: int = 50,
    strength: float = 20.0,
) -> LinkModel:
    """u from the levels of random pairs, m and the prior by EM over the candidate pairs
    (collapsed to their distinct level patterns first).

    Random pairs contain matches too (about matches / ``total_pairs`` of them); each
    iteration takes them out of u: u = (u_random - share × m) / (1 - share).
    ``neutral`` (comparison, level) pairs get m = u: they weigh nothing. ``max_prior``
    bounds the share of matches (the match class cannot swallow the candidates).
    """
    u = {
        n: _freq(
            random_levels[:, i],
            sizes[i],
            np.ones(len(random_levels)),
            np.full(sizes[i], 1.0 / sizes[i]),
            1.0,
        )
        for i, n in enumerate(comparisons)
    }
    u_random = {n: v.copy() for n, v in u.items()}
    floor = 1.0 / max(len(random_levels), 1)  # one random pair's worth
    m = {n: _default_m(sizes[i]) for i, n in enumerate(comparisons)}
    m0 = {n: v.copy() for n, v in m.items()}
    if len(levels) == 0:
        return LinkModel(
            comparisons,
            sizes,
            {n: list(map(float, v)) for n, v in m.items()},
            {n: list(map(float, v)) for n, v in u.items()},
            0.01,
        )
    radix = np.cumprod((1, *sizes[:-1])).astype(np.int64)
    code = levels.astype(np.int64) @ radix
    uniq, first, counts = np.unique(code, return_index=True, return_counts=True)
    pat = levels[first].astype(np.int64)
    counts = counts.astype(np.float64)
    prior = min(0.1, max_prior)
    it = 0
    for it in range(1, iterations + 1):  # noqa: B007 - reported
        logit = np.full(len(uniq), np.log(prior / (1 - prior)))
        for i, n in enumerate(comparisons):
            lw = np.log(np.maximum(m[n], _EPS)) - np.log(np.maximum(u[n], _EPS))
            lw[0] = 0.0
            logit += lw[pat[:, i]]
        resp = 1.0 / (1.0 + np.exp(-np.clip(logit, -50, 50)))
        wm = resp * counts
        delta = 0.0
        for i, n in enumerate(comparisons):
            new = _freq(pat[:, i], sizes[i], wm, m0[n], strength)
            delta = max(delta, float(np.abs(new - m[n]).max()))
            m[n] = new
        new_prior = float(np.clip(wm.sum() / counts.sum(), 1e-6, min(max_prior, 1 - 1e-6)))
        delta = max(delta, abs(new_prior - prior))
        prior = new_prior
        if total_pairs:
            share = min(wm.sum() / total_pairs, 0.5)
            for n in comparisons:
                corrected = np.maximum(u_random[n] - share * m[n], floor)
                corrected[0] = 0.0
                u[n] = corrected / corrected.sum()
        for n, level in neutral:
            m[n][level] = u[n][level]
        if delta < 1e-6:
            break
    return LinkModel(
        comparisons,
        sizes,
        {n: [float(x) for x in v] for n, v in m.items()},
        {n: [float(x) for x in v] for n, v in u.items()},
        prior,
        it,
    )
