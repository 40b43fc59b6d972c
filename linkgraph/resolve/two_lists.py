"""Two lists of the same people: the records each list leaves unlinked are paired up.

Linking two registers of one population (a census and a patient list, two agencies'
records of the same detainees) is the classic record-linkage task. When the case shows
that shape, the records clustering left unlinked carry evidence that pairwise weights
cannot see: nearly everybody in one list was found in the other, so a record left over
in one list most likely has its counterpart among the few left over in the other. A pair
of left-overs that agrees on family name and address but differs in given name and date
of birth, which the pairwise model (rightly, in a case file) holds apart as a possible
household, is then most likely one person written twice.

:func:`pair_left_overs` acts only when the case is that shape (:func:`list_stats`):

- the person mentions come from exactly two sources, of at least :data:`MIN_LIST` each;
- neither list has duplicates of its own (at most ``max_duplicates`` of its mentions in
  an entity with another mention of the same list): each is a register, not a case file;
- each list is covered by the other (at least ``min_coverage`` of its mentions in an
  entity with a mention of the other).

Then, over the pairs of left-overs (every such pair when there are at most
``max_pairs``, else the candidate pairs among them):

1. the share of pairs that are matches is learnt by EM from their own weights (the
   prior alone, the pairs' Bayes factors fixed): few strong pairs among the left-overs
   give a small share, so lists that simply hold different people merge nothing;
2. each pair's probability is that of a one-to-one assignment: its odds over those of
   every other partner of either record, and of no partner at all;
3. pairs whose probability reaches the threshold join (at most one partner per record).

A pair capped as a possible household (:class:`~linkgraph.resolve.adjustments.WeakNameCap`:
one family name and address, other given names) weighs at most what the lists say of
that pattern (:func:`household_bits`): how often it joins two people of one list (who
are never one person, the lists having no duplicates) against how often it joins the two
lists beyond that. Lists with households of their own thus give it no weight; lists
without, such as registers of individuals, a strong one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from typing import Any

import numpy as np
import pandas as pd

#: A list with fewer person mentions than this says nothing about coverage.
MIN_LIST = 20
#: EM iterations for the left-overs' share of matches (it converges in a handful).
EM_ITERATIONS = 200
#: Left-overs' pairs compared at a time.
SCORE_CHUNK = 200_000


@dataclass(frozen=True)
class ListStats:
    """The shape of a case's person mentions, as two lists (see :func:`list_stats`)."""

    sources: tuple[str, ...]
    mentions: tuple[int, ...]
    duplicates: tuple[float, ...]  # share of a list's mentions with a same-list partner
    coverage: tuple[float, ...]  # share of a list's mentions linked to the other list
    left_over: tuple[int, ...]  # mentions left alone (an entity of one mention)
    linked: int = 0  # entities holding mentions of both lists

    def applies(self, min_coverage: float, max_duplicates: float) -> bool:
        """Whether the case is two deduplicated lists that cover each other."""
        return (
            len(self.sources) == 2
            and min(self.mentions) >= MIN_LIST
            and max(self.duplicates) <= max_duplicates
            and min(self.coverage) >= min_coverage
            and min(self.left_over) > 0
        )

    def to_dict(self) -> dict[str, Any]:
        return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(self).items()}


def list_stats(labels: np.ndarray, source: np.ndarray, names: tuple[str, ...]) -> ListStats:
    """Per source (``source``: a code per person mention into ``names``): its mentions,
    the share with a partner of the same source in their entity, the share with a
    partner of another source, and the mentions alone in their entity."""
    labels = np.asarray(labels, dtype=np.int64)
    k = len(names)
    if len(labels) == 0 or k != 2:  # not two lists: their mentions only
        mentions = tuple(int(c) for c in np.bincount(source, minlength=k)) if k else ()
        return ListStats(tuple(names), mentions, (0.0,) * k, (0.0,) * k, (0,) * k)
    width = int(labels.max()) + 1
    per = np.bincount(labels * k + source, minlength=width * k).reshape(width, k)
    size = per.sum(axis=1)
    mentions, dup, cov, alone = [], [], [], []
    for s in range(k):
        own = labels[source == s]
        n = len(own)
        mentions.append(n)
        dup.append(float((per[own, s] >= 2).mean()) if n else 0.0)
        cov.append(float((size[own] > per[own, s]).mean()) if n else 0.0)
        alone.append(int((size[own] == 1).sum()))
    linked = int((per > 0).all(axis=1).sum())
    return ListStats(tuple(names), tuple(mentions), tuple(dup), tuple(cov), tuple(alone), linked)


def household_bits(
    scored: pd.DataFrame,
    source: np.ndarray,
    mentions: tuple[int, ...],
    linked: int,
    threshold: float,
) -> float:
    """The Bayes factor (log2) of the household pattern between the two lists: pairs the
    learnt weights alone would merge (probability at least ``threshold``) but the cap
    keeps apart (``capped``). Within a list such pairs are two people (a household); their
    rate over the list's pairs is the pattern's chance among non-matches. Across the
    lists, those beyond that rate are matches; over the ``linked`` people (entities with
    mentions of both lists), the pattern's chance among matches. ``-inf`` when there are
    none beyond it.

    >>> pairs = pd.DataFrame({"left": [0, 0], "right": [1, 2], "capped": [True, True],
    ...                       "match_weight": [10.0, 10.0]})
    >>> household_bits(pairs, np.array([0, 0, 1, 1]), (2, 2), 1, 0.9)   # one pair each
    -inf
    """
    left = scored["left"].to_numpy(np.int64)
    right = scored["right"].to_numpy(np.int64)
    strong = scored["match_weight"].to_numpy() >= np.log2(threshold / (1 - threshold))
    pattern = strong & scored["capped"].to_numpy(bool)
    within = source[left] == source[right]
    within_pairs = sum(m * (m - 1) // 2 for m in mentions)
    rate = (int((pattern & within).sum()) + 0.5) / max(within_pairs, 1)
    beyond = int((pattern & ~within).sum()) - rate * mentions[0] * mentions[1]
    if beyond <= 0 or linked == 0:
        return float("-inf")
    return float(np.log2(beyond / linked / rate))


def left_over_share(bayes_bits: np.ndarray, total_pairs: int, start: float) -> float:
    """The share of the left-overs' pairs that are matches, by EM over the prior alone:
    ``bayes_bits`` are the pairs' Bayes factors (log2; the pairs not given count as
    factor 0), ``total_pairs`` all the left-overs' pairs, ``start`` the first guess.

    >>> round(left_over_share(np.array([30.0, 30.0, -20.0, -20.0]), 4, 0.9), 3)
    0.5
    """
    if total_pairs <= 0 or len(bayes_bits) == 0:
        return 0.0
    factor = np.exp2(np.clip(bayes_bits, -200, 200))
    share = float(np.clip(start, 1e-12, 0.5))
    for _ in range(EM_ITERATIONS):
        posterior = share * factor / (share * factor + 1.0 - share)
        new = float(np.clip(posterior.sum() / total_pairs, 1e-12, 1 - 1e-9))
        if abs(new - share) <= 1e-12:
            return new
        share = new
    return share


def assignment_probability(
    a: np.ndarray, b: np.ndarray, bayes_bits: np.ndarray, share: float, n_a: int, n_b: int
) -> np.ndarray:
    """Each pair's probability in a one-to-one assignment of the left-overs: ``a`` and
    ``b`` index the records of each list (``n_a``, ``n_b`` of them), ``share`` the prior
    of a pair (:func:`left_over_share`). A record of list A matches some record of list
    B with prior ``share * n_b`` (at most 0.99), each alike; the probability of pair
    (a, b) given every pair of a is its term over the sum for a and the term of no
    partner; the same for b; the smaller of the two.

    >>> assignment_probability(np.array([0, 0]), np.array([0, 1]),
    ...     np.array([20.0, 20.0]), 0.25, 2, 2).round(2).tolist()   # a tie: neither
    [0.5, 0.5]
    """
    term = share * np.exp2(np.clip(bayes_bits, -200, 200))
    none_a = 1.0 - min(share * n_b, 0.99)
    none_b = 1.0 - min(share * n_a, 0.99)
    row = np.bincount(a, weights=term, minlength=n_a)
    col = np.bincount(b, weights=term, minlength=n_b)
    return np.minimum(term / (none_a + row[a]), term / (none_b + col[b]))


@dataclass(frozen=True)
class LeftOverPairs:
    """What :func:`pair_left_overs` did, for the manifest and ``explain``."""

    stats: ListStats
    applied: bool
    pairs: int = 0  # left-overs' pairs weighed
    matches: float = 0.0  # the matches EM expects among them
    household_bits: float = 0.0  # at most this for a pair capped as a household
    joined: int = 0

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["stats"] = self.stats.to_dict()
        out["matches"] = round(self.matches, 3)
        out["household_bits"] = round(self.household_bits, 3)
        return out


def pair_left_overs(
    scored: pd.DataFrame,
    labels: np.ndarray,
    source: np.ndarray,
    names: tuple[str, ...],
    *,
    prior_weight: float,
    threshold: float,
    conflict_weight: float,
    cannot: np.ndarray,
    n: int,
    score_pairs: Callable[[np.ndarray, np.ndarray], pd.DataFrame],
    min_coverage: float,
    max_duplicates: float,
    max_pairs: int,
    evidence_min: float,
) -> tuple[pd.DataFrame, np.ndarray, LeftOverPairs]:
    """``scored`` and ``labels`` after the left-overs of two lists are paired (see the
    module); ``scored`` gains column ``two_lists`` (the bits the left-overs' prior adds,
    0 elsewhere; the frame is changed in place) and the left-overs' pairs worth keeping
    that blocking did not give (rule ``two_lists``).

    Args:
        scored: the clustered pairs (``left``, ``right``, ``match_weight``,
            ``match_probability``, ``capped``).
        labels: entity label per person mention.
        source, names: each person mention's list (a code into ``names``).
        prior_weight: the model's prior (bits), taken out of ``match_weight`` to get the
            pair's Bayes factor.
        threshold: the merge threshold.
        conflict_weight: pairs whose fields weigh this or less never join.
        cannot: pair codes (``left * n + right``) of analysts' cannot-links.
        n: person mentions (the base of the pair codes).
        score_pairs: scores pairs of mention positions (smaller first) with the learnt
            model and the pair adjustments, as :func:`~linkgraph.resolve.score_persons`.
        min_coverage, max_duplicates: when the case counts as two lists.
        max_pairs: up to this many left-overs' pairs are all compared; above, the
            candidate pairs among them only.
        evidence_min: pairs below this probability are not added as evidence.
    """
    stats = list_stats(labels, source, names)
    if not stats.applies(min_coverage, max_duplicates):
        return scored, labels, LeftOverPairs(stats, applied=False)
    size = np.bincount(labels)
    alone = size[labels] == 1
    ra = np.flatnonzero(alone & (source == 0))
    rb = np.flatnonzero(alone & (source == 1))
    total = len(ra) * len(rb)
    left = scored["left"].to_numpy(np.int64)
    right = scored["right"].to_numpy(np.int64)
    bound = household_bits(scored, source, stats.mentions, stats.linked, threshold)
    if total <= max_pairs:
        lo = np.minimum(np.repeat(ra, len(rb)), np.tile(rb, len(ra)))
        hi = np.maximum(np.repeat(ra, len(rb)), np.tile(rb, len(ra)))
        # A chunk at a time, keeping only the columns ``scored`` has: the full comparison
        # holds over a kilobyte a pair.
        wanted = [c for c in scored.columns if c not in ("left", "right", "rule")]
        parts = []
        for at in range(0, len(lo), SCORE_CHUNK):
            part = score_pairs(lo[at : at + SCORE_CHUNK], hi[at : at + SCORE_CHUNK])
            parts.append(part[[c for c in wanted if c in part]])
            del part
        pairs = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
        pairs.insert(0, "left", lo)
        pairs.insert(1, "right", hi)
    else:
        pick = alone[left] & alone[right] & (source[left] != source[right])
        pairs = scored[pick].reset_index(drop=True)
    lo = pairs["left"].to_numpy(np.int64)
    hi = pairs["right"].to_numpy(np.int64)
    bits = pairs["match_weight"].to_numpy(np.float64) - prior_weight
    eligible = bits > conflict_weight
    if len(cannot):
        eligible &= ~np.isin(lo * n + hi, cannot)
    if "sex_vetoed" in pairs:  # a man and a woman (adjustments.SexConflict)
        eligible &= ~pairs["sex_vetoed"].to_numpy(bool)
    capped = pairs["capped"].to_numpy(bool)
    bits = np.where(capped, np.minimum(bits, bound), bits)
    eligible &= np.isfinite(bits)
    lo, hi, bits, pairs = lo[eligible], hi[eligible], bits[eligible], pairs[eligible]
    start = min(len(ra), len(rb)) * min(stats.coverage) / max(total, 1)
    share = left_over_share(bits, total, start)
    # Positions within each list's left-overs.
    a_of = np.full(len(labels), -1, dtype=np.int64)
    a_of[ra] = np.arange(len(ra))
    b_of = np.full(len(labels), -1, dtype=np.int64)
    b_of[rb] = np.arange(len(rb))
    a = np.where(source[lo] == 0, a_of[lo], a_of[hi])
    b = np.where(source[lo] == 0, b_of[hi], b_of[lo])
    prob = assignment_probability(a, b, bits, share, len(ra), len(rb))
    result = LeftOverPairs(
        stats,
        applied=True,
        pairs=total,
        matches=share * total,
        household_bits=bound,
    )
    keep = prob >= evidence_min
    if not keep.any():
        return scored, labels, result
    # The bits the left-overs' prior adds to the model's prior.
    added = float(np.log2(share / (1 - share)) - prior_weight)
    lo, hi, prob, bits = lo[keep], hi[keep], prob[keep], bits[keep]
    pairs = pairs[keep].reset_index(drop=True)
    join = prob >= threshold
    labels = labels.copy()
    labels[hi[join]] = labels[lo[join]]  # both alone, at most one partner each
    result = replace(result, joined=int(join.sum()))

    # The pairs in ``scored`` take the left-overs' probability (in place, as the other
    # adjustments after clustering do); the others are added.
    at = pd.Index(left * n + right).get_indexer(lo * n + hi)
    found = at >= 0
    rows = at[found]
    weight = bits + prior_weight + added
    columns = {
        "match_probability": (prob, np.float64),
        "match_weight": (weight, np.float64),
        "capped": (np.zeros(len(prob), dtype=bool), bool),
        "two_lists": (np.full(len(prob), added), np.float32),
    }
    for col, (values, dtype) in columns.items():
        base = (
            scored[col].to_numpy(dtype=dtype, copy=True)
            if col in scored
            else np.zeros(len(scored), dtype=dtype)
        )
        base[rows] = values[found]
        scored[col] = base
    new = pairs[~found].reset_index(drop=True)
    if len(new):
        extra = {"left": lo[~found], "right": hi[~found]}
        for col, (values, _) in columns.items():
            extra[col] = values[~found]
        rule = scored["rule"].array
        if "two_lists" not in rule.categories:
            scored["rule"] = rule = rule.add_categories("two_lists")
        extra["rule"] = pd.Categorical(["two_lists"] * len(new), categories=rule.categories)
        for col in scored.columns:
            if col in extra:
                continue
            if col in new:
                extra[col] = new[col].array
            elif pd.api.types.is_numeric_dtype(scored[col].dtype):
                extra[col] = np.zeros(len(new), dtype=scored[col].dtype)
            else:
                extra[col] = pd.array([None] * len(new), dtype=scored[col].dtype)
        scored = pd.concat([scored, pd.DataFrame(extra)[scored.columns]], ignore_index=True)
    return scored, labels, result
