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

from linkgraph._arrays import unique

_EPS = 1e-9
#: Level patterns counted with one bincount when there are at most this many possible.
_BINCOUNT_SPACE = 1 << 22

#: Similarity cut-offs of the filter levels (level 1 below the first, ..., null is 0). The
#: similarity of balanced filters is 2 * Dice - 1, about 0 for unrelated values (their Dice
#: is about 0.5), so 0.1 to 0.5 is already partial agreement: a name or an address with
#: several typos. Below 0.5 in steps of 0.1: folded into one level, FEBRL4's pairs with an
#: equal date of birth and a garbled name scored as if the name were unrelated.
SIM_LEVELS = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.97)
#: Levels of the token comparisons: 0 null (a side has none), 1 none shared, 2 shared.
TOKEN_LEVELS = 3
#: Fewer candidate pairs than this are too few to learn m, u and the prior from: u of a
#: level no non-match reaches cannot be told below one pair in so many, and a handful of
#: matches cannot outweigh the default m EM starts from. The default weights are used.
SMALL_CASE_PAIRS = 1_000


def filter_levels(similarity: np.ndarray) -> np.ndarray:
    """Level (1 to len(SIM_LEVELS) + 1) of a similarity; 0 where it is NaN (nothing encoded)."""
    level = (
        np.searchsorted(np.asarray(SIM_LEVELS), np.nan_to_num(similarity, nan=-1), side="right") + 1
    )
    return np.where(np.isnan(similarity), 0, level).astype(np.int8)


def token_levels(shared: np.ndarray, both_have: np.ndarray) -> np.ndarray:
    """Level 2 when the pair shares a token, 1 when both have tokens but none shared, else 0.

    Level 1 weighs what EM learns it to: a person's numbers in one agency's records are
    seldom all of them, so it is weaker evidence against than sharing one is for.
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
    #: Candidate pairs that anchored the match class (see :func:`train`).
    anchors: int = 0
    #: Why EM's solution was set aside for the default weights ("" when it was not).
    fallback: str = ""

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


#: Default m and u of the filter comparisons by band of similarity (the fallback's
#: weights): (least similarity, m of the band, u of the band), the band's share spread
#: evenly over its levels. The top band's u is per segment (:data:`DEFAULT_U_TOP`).
#: The bottom band's u is the rest: most unrelated values are there. Below 0.3 the values
#: differ (about -6.5 bits), 0.3 to 0.6 is one name of two alike (about -1 bit).
DEFAULT_BANDS = (
    (0.97, 0.70, None),
    (0.85, 0.15, 1e-3),
    (0.6, 0.10, 0.02),
    (0.3, 0.04, 0.08),
    (0.0, 0.01, None),
)
#: Default u of the top band (similarity 0.97 or more) per segment, as ``resolve``'s
#: default u of an exact value: a whole name (given 0.01 × family 0.005), a date of
#: birth 0.0005, an address 0.01 (often a town only: a postcode's 0.01).
DEFAULT_U_TOP = {"name": 5e-5, "given": 0.01, "family": 0.005, "dob": 5e-4, "address": 0.01}
#: Default m and u of the token comparisons (levels: null, none shared, shared), as
#: ``resolve``'s phone, e-mail and account (m of the same 0.6, u 0.001) and document (m
#: 0.8, u 0.0005): a person's numbers in one agency's records are seldom all of them.
DEFAULT_TOKEN_M = {"contact": (0.0, 0.4, 0.6), "document": (0.0, 0.2, 0.8)}
DEFAULT_TOKEN_U = {"contact": 1e-3, "document": 5e-4}


def default_weights(name: str, size: int) -> tuple[np.ndarray, np.ndarray] | None:
    """The documented default m and u of comparison ``name`` with ``size`` levels (level
    0, null, weighs nothing), or None for a comparison of another shape.

    Examples:
        >>> m, u = default_weights("contact", 3)
        >>> m.tolist(), u.tolist()
        ([0.0, 0.4, 0.6], [0.0, 0.999, 0.001])
        >>> m, u = default_weights("name", len(SIM_LEVELS) + 2)
        >>> round(float(np.log2(m[-1] / u[-1])), 1)  # an exact name: 13.8 bits
        13.8
    """
    if size == TOKEN_LEVELS:
        shared = DEFAULT_TOKEN_U.get(name, 1e-3)
        m = DEFAULT_TOKEN_M.get(name, DEFAULT_TOKEN_M["contact"])
        return np.array(m), np.array([0.0, 1.0 - shared, shared])
    if size != len(SIM_LEVELS) + 2:
        return None
    lower = np.concatenate([[0.0], SIM_LEVELS])  # least similarity of levels 1, 2, ...
    m = np.zeros(size)
    u = np.zeros(size)
    top = DEFAULT_U_TOP.get(name, 0.01)
    rest = 1.0 - top - sum(b[2] for b in DEFAULT_BANDS if b[2] is not None)
    upper = 1.01
    for least, m_band, u_band in DEFAULT_BANDS:
        levels = 1 + np.flatnonzero((lower >= least) & (lower < upper))
        m[levels] = m_band / len(levels)
        u[levels] = (top if least == DEFAULT_BANDS[0][0] else u_band or rest) / len(levels)
        upper = least
    return m, u


def _pool_monotone(m: np.ndarray, u: np.ndarray) -> np.ndarray:
    """m with a likelihood ratio m/u that does not fall as the level rises (levels 1..).

    Pool-adjacent-violators on the ratio, weighted by u: a violating run of levels gets
    the run's pooled ratio sum(m)/sum(u), so the total of m is kept. Higher similarity (or
    sharing a token) can then never count as less evidence of a match than lower.
    """
    out = m.copy()
    blocks: list[list[int]] = []  # [start, end, ...] runs of levels 1..
    for level in range(1, len(m)):
        blocks.append([level, level + 1])
        while len(blocks) > 1:
            a, b = blocks[-2], blocks[-1]
            ra = out[a[0] : a[1]].sum() / max(u[a[0] : a[1]].sum(), _EPS)
            rb = out[b[0] : b[1]].sum() / max(u[b[0] : b[1]].sum(), _EPS)
            if ra <= rb:
                break
            blocks[-2:] = [[a[0], b[1]]]
            sl = slice(a[0], b[1])
            out[sl] = out[sl].sum() * u[sl] / max(u[sl].sum(), _EPS)
    return out


class _Patterns:
    """Pairs collapsed to their distinct level patterns (with a flag) and counts."""

    def __init__(
        self,
        levels: np.ndarray,
        sizes: tuple[int, ...],
        flag: np.ndarray | None,
        weight: np.ndarray | None = None,
    ):
        radix = np.cumprod((1, *sizes[:-1])).astype(np.int64)
        code = np.zeros(len(levels), dtype=np.int64)
        for i, r in enumerate(radix):
            code += levels[:, i].astype(np.int64) * r
        code *= 2
        if flag is not None:
            code += flag.astype(np.int64)
        space = 2 * int(np.prod(sizes, dtype=np.int64)) if len(sizes) else 2
        if space <= _BINCOUNT_SPACE:
            # Few possible patterns: count them by their code, no sort of the pairs.
            seen = np.bincount(code, minlength=space)
            distinct = np.flatnonzero(seen)
            counts = (
                seen[distinct]
                if weight is None
                else np.bincount(code, weights=weight, minlength=space)[distinct]
            )
        else:
            distinct, inverse = unique(code, return_inverse=True)
            counts = np.bincount(inverse.ravel(), weights=weight, minlength=len(distinct))
        self.flag = (distinct % 2).astype(bool)
        rest = distinct // 2
        self.levels = np.column_stack(
            [(rest // r) % s for r, s in zip(radix, sizes, strict=True)]
        ).reshape(len(distinct), len(sizes))
        self.counts = np.asarray(counts, dtype=np.float64)

    def logit(
        self,
        comparisons: tuple[str, ...],
        m: dict[str, np.ndarray],
        u: dict[str, np.ndarray],
        prior: float,
    ) -> np.ndarray:
        out = np.full(len(self.counts), np.log(prior / (1 - prior)))
        for i, n in enumerate(comparisons):
            lw = np.log(np.maximum(m[n], _EPS)) - np.log(np.maximum(u[n], _EPS))
            lw[0] = 0.0
            out += lw[self.levels[:, i]]
        return out


def _resp(logit: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(logit, -50, 50)))


def train(
    levels: np.ndarray,
    random_levels: np.ndarray,
    comparisons: tuple[str, ...],
    sizes: tuple[int, ...],
    *,
    total_pairs: float,
    anchors: np.ndarray | None = None,
    names: tuple[str, ...] = (),
    max_prior: float = 0.5,
    expected_matches: float | None = None,
    iterations: int = 50,
    strength: float = 20.0,
    pair_weight: np.ndarray | None = None,
) -> LinkModel:
    """m, u and the prior of the candidate pairs, robust to EM settling on a wrong class.

    Plain EM over blocked candidates can settle on a wrong match class (on two
    unresolved 20,000-person lists it took "same town, different name" for the matches:
    precision 0.28). Here:

    - the match class is *anchored*: EM starts from ``anchors`` (a shared document token,
      or an exact name with a second exact comparison) as the matches;
    - each comparison's m is learnt from the pairs the *other* comparisons call a match
      (posterior >= 0.5 without this comparison), so no comparison votes itself into the
      match class (where the others have nothing to say, the full posterior is used);
    - u is learnt from the candidates' non-matches: candidates are found by blocking on
      the very fields compared, so they agree more often than random pairs do; random
      pairs only give the starting u;
    - every comparison's likelihood ratio m/u may not fall as its level rises (pooled
      adjacent violators): a higher similarity or a shared token never weighs less;
    - the match class may hold at most ``max_prior`` of the candidates;
    - when the learnt match class is still degenerate (its persons mostly disagree on
      every name comparison in ``names``: less than half of m at a similarity of 0.7 or
      more), the default weights are used instead: default m, u from random pairs (each
      weighed by its chance of being a non-match), the prior from ``expected_matches``;
      ``LinkModel.fallback`` says why.

    ``pair_weight``: how many candidates each row of ``levels`` stands for (a sample of
    the candidates weighs the inverse of its sampling rate); 1 when None.
    """
    cand = _Patterns(levels, sizes, anchors, pair_weight)
    rand = _Patterns(random_levels, sizes, None)
    flat = {n: np.full(sizes[i], 1.0 / sizes[i]) for i, n in enumerate(comparisons)}
    floor = 1.0 / max(rand.counts.sum(), 1.0)  # one random pair's worth
    m0 = {
        n: _pool_monotone(_default_m(sizes[i]), np.ones(sizes[i]))
        for i, n in enumerate(comparisons)
    }

    def u_given(
        m: dict[str, np.ndarray], u: dict[str, np.ndarray], matches: float
    ) -> dict[str, np.ndarray]:
        share = float(np.clip(matches / max(total_pairs, 1.0), 1e-12, 0.5))
        w = (1.0 - _resp(rand.logit(comparisons, m, u, share))) * rand.counts
        out = {}
        for i, n in enumerate(comparisons):
            f = np.maximum(_freq(rand.levels[:, i], sizes[i], w, flat[n], 1.0), floor)
            f[0] = 0.0
            out[n] = f / f.sum()
        return out

    u_random = u_given(m0, {n: np.ones(sizes[i]) for i, n in enumerate(comparisons)}, 0.0)
    if len(levels) == 0:
        return LinkModel(comparisons, sizes, _lists(m0), _lists(u_random), 0.01)
    n_cand = cand.counts.sum()
    cand_floor = 1.0 / n_cand
    anchored = cand.flag.any()
    if anchored:
        wm = cand.counts * cand.flag
        m = {
            n: _freq(cand.levels[:, i], sizes[i], wm, m0[n], strength)
            for i, n in enumerate(comparisons)
        }
        prior = float(np.clip(wm.sum() / n_cand, 1e-6, max_prior))
    else:
        m = {n: v.copy() for n, v in m0.items()}
        prior = float(np.clip((expected_matches or 1.0) / n_cand, 1e-6, max_prior))
    u = u_given(m, u_random, prior * n_cand)
    it = 0
    for it in range(1, iterations + 1):  # noqa: B007 - reported
        logit = cand.logit(comparisons, m, u, prior)
        wm = _resp(logit) * cand.counts
        nonnull = cand.levels > 0
        delta = 0.0
        for i, n in enumerate(comparisons):
            # Each comparison's m from the other comparisons' view of the pair (where
            # they have anything to say): a comparison cannot vote itself into the class.
            lw = np.log(np.maximum(m[n], _EPS)) - np.log(np.maximum(u[n], _EPS))
            lw[0] = 0.0
            others = np.delete(nonnull, i, axis=1).any(axis=1)
            sure = _resp(logit - lw[cand.levels[:, i]]) >= 0.5
            wm_i = np.where(others, sure * cand.counts, wm)
            new = _pool_monotone(_freq(cand.levels[:, i], sizes[i], wm_i, m0[n], strength), u[n])
            delta = max(delta, float(np.abs(new - m[n]).max()))
            m[n] = new
        new_prior = float(np.clip(wm.sum() / n_cand, 1e-6, min(max_prior, 1 - 1e-6)))
        delta = max(delta, abs(new_prior - prior))
        prior = new_prior
        # u from the candidates' non-matches: candidates are found by blocking on the
        # very fields compared, so they agree more often than random pairs do.
        wu = (1.0 - _resp(logit)) * cand.counts
        for i, n in enumerate(comparisons):
            f = np.maximum(_freq(cand.levels[:, i], sizes[i], wu, u_random[n], 1.0), cand_floor)
            f[0] = 0.0
            u[n] = f / f.sum()
        if delta < 1e-6:
            break
    reason = ""
    n_anchors = float(cand.counts[cand.flag].sum())
    learnt = prior * n_cand
    close = [float(m[n][filter_levels(np.array([0.7]))[0] :].sum()) for n in names if n in m]
    if n_cand < SMALL_CASE_PAIRS:
        reason = (
            f"too few candidate pairs to learn weights from ({n_cand:,.0f}, fewer than "
            f"{SMALL_CASE_PAIRS:,}); default weights used"
        )
    elif n_anchors >= 1 and learnt < 0.5 * n_anchors:
        reason = (
            f"the learnt match class collapsed ({learnt:.2g} matches expected for "
            f"{n_anchors:,.0f} anchor pairs, prior {prior:.2g}); default weights used"
        )
    elif close and max(close) < 0.5:
        reason = (
            "the learnt match class mostly disagrees on names "
            f"(share of m at similarity >= 0.7: {max(close):.2f}); default weights used"
        )
    if reason:
        prior = float(np.clip((expected_matches or 1.0) / n_cand, 1e-6, max_prior))
        m, u = _fallback(rand, comparisons, sizes, m0, u_random, prior * n_cand, total_pairs)
    return LinkModel(
        comparisons,
        sizes,
        _lists(m),
        _lists(u),
        prior,
        it,
        anchors=int(cand.counts[cand.flag].sum()),
        fallback=reason,
    )


def _fallback(
    rand: _Patterns,
    comparisons: tuple[str, ...],
    sizes: tuple[int, ...],
    m0: dict[str, np.ndarray],
    u_random: dict[str, np.ndarray],
    matches: float,
    total_pairs: float,
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """The default weights: m the documented default (:func:`default_weights`), u the
    documented default refined by the random pairs, each weighed by its chance of being
    a non-match under the defaults, as if the default were :data:`SMALL_CASE_PAIRS`
    pairs more (a few hundred pairs cannot tell a u below one in a few hundred; 200,000
    random pairs outweigh the default). Comparisons of another shape keep the EM's
    default m and u from random pairs."""
    m_def: dict[str, np.ndarray] = {}
    u_def: dict[str, np.ndarray] = {}
    for i, n in enumerate(comparisons):
        d = default_weights(n, sizes[i])
        m_def[n], u_def[n] = d if d is not None else (m0[n], u_random[n])
    share = float(np.clip(matches / max(total_pairs, 1.0), 1e-12, 0.5))
    w = (1.0 - _resp(rand.logit(comparisons, m_def, u_def, share))) * rand.counts
    u = {}
    for i, n in enumerate(comparisons):
        f = _freq(rand.levels[:, i], sizes[i], w, u_def[n], float(SMALL_CASE_PAIRS))
        u[n] = np.maximum(f, _EPS)
        u[n][0] = 0.0
        u[n] /= u[n].sum()
    return {n: _pool_monotone(m_def[n], u[n]) for n in comparisons}, u


def _lists(values: dict[str, np.ndarray]) -> dict[str, list[float]]:
    return {n: [float(x) for x in v] for n, v in values.items()}
