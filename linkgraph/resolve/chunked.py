"""Scoring millions of candidate pairs chunk by chunk, keeping a few bytes per pair.

:func:`~linkgraph.resolve.score_persons` returns every pair with every comparison's level,
similarity and weight: some 150 bytes a pair, gigabytes at a million people. Clustering
needs far less. :func:`score_compact` compares the pairs a chunk at a time and keeps, per
pair, the levels (one byte per comparison) and the few fields the rules read; it learns
the weights by EM on exactly the rows ``score_persons`` would sample, scores chunk by
chunk, and returns only what clustering reads. Each pair's comparison and score depend on
that pair alone, so the result is the same, bit for bit, as ``score_persons``'; the
evidence of the pairs worth keeping is recomputed in full for those pairs alone.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd

from linkgraph.resolve.adjustments import (
    NameCalibration,
    apply_adjustments,
    learn_adjustments,
    pair_adjustments,
    term_frequency,
    with_document_reliability,
    with_household_reliability,
    with_sex_reliability,
)
from linkgraph.resolve.comparisons import _memo as memo
from linkgraph.resolve.comparisons import at_level, check_comparisons, compare, reuse_features
from linkgraph.resolve.config import ResolveConfig
from linkgraph.resolve.scoring import (
    STRONG_RULES,
    Model,
    date_reliability,
    level_matrix,
    name_fits_several,
    names_told_apart,
    probability,
    score,
    tf_per_mention,
    tf_reference,
    with_date_reliability,
)
from linkgraph.resolve.training import identical_pairs_not_compared, pair_order, training_for

#: Candidate pairs compared at a time: bounds the memory of the comparison's temporaries.
CHUNK = 1_000_000
#: Set-aside pairs compared for EM at most (see :class:`SetAside`).
SET_ASIDE_COMPARED = 100_000
#: Per-pair fields, besides the levels, that the strong rules, the weak-name cap, the sex
#: conflict and the term frequencies of names compared in swapped order read.
_KEPT = (
    "given_name_sim",
    "family_name_sim",
    "initial",
    "swapped",
    "names_flipped",
    "names_across_scripts",
    "dob_conflict",
    "dob_disjoint",
    "dob_years_apart",
    "generations_apart",
    "other_house",
    "dob_partial",
    "sex_conflict",
    "name_within",
    "name_ambiguous",
    "one_word_given",
    "nameless",
    "given_first_agree",
    "given_both_known",
    "swap_given_known",
    "given_apart",
    "given_typo",
    "given_two_names",
    "names_other_script",
    "suffix_undated",
)
#: The comparisons whose levels tell the anchor pairs (``scoring.date_reliability``).
_ANCHOR = ("given_name", "family_name", "dob", "phone", "email", "account", "document")


def em_rows(
    n_pairs: int,
    config: ResolveConfig,
    labels: np.ndarray | None,
    rng: np.random.Generator,
    pairs: tuple[pd.DataFrame, np.ndarray, np.ndarray] | None = None,
) -> np.ndarray | None:
    """The candidate pairs EM learns from (``config.em_sample`` of them at random, and
    every labelled one); None for all of them. With the ``pairs`` (features, left,
    right) the draw is among the pairs in :func:`~linkgraph.resolve.training.pair_order`,
    the same pairs whatever the order of the mentions and of the candidates."""
    if n_pairs <= config.em_sample:
        return None
    pick = rng.choice(n_pairs, config.em_sample, replace=False)
    if pairs is not None:
        pick = pair_order(*pairs)[pick]
    pick = np.sort(pick)
    if labels is not None:
        pick = np.union1d(pick, np.flatnonzero(labels >= 0))
    return pick


@dataclass(frozen=True)
class SetAside:
    """Pairs blocking proposed but did not keep for scoring (see ``block``'s
    ``set_aside``): a random sample of them (positions) and how many there were."""

    left: np.ndarray
    right: np.ndarray
    total: int

    @classmethod
    def sample(cls, codes: np.ndarray, n: int, seed: int, k: int) -> SetAside:
        """At most ``k`` of the pair ``codes`` (``left * n + right``) at random."""
        total = len(codes)
        if total > k:
            codes = np.sort(np.random.default_rng(seed).choice(codes, k, replace=False))
        return cls(codes // n, codes % n, total)


@dataclass(frozen=True)
class CopyWeights:
    """How the candidate pairs of representatives stand for the pairs of the copies of
    one record they represent (:mod:`~linkgraph.resolve.identical`): ``weight``, per
    candidate pair, the pairs of mentions it stands for; ``selves``, the representatives
    (positions) whose group holds copies, and ``self_weight`` the pairs of copies within
    each; ``all_features``, every person mention's features, from which the term
    frequencies are counted as without the collapse (u is learnt from random pairs of
    different records: of a case of one repeated record, every random pair of mentions
    would be one person's)."""

    weight: np.ndarray
    selves: np.ndarray
    self_weight: np.ndarray
    all_features: pd.DataFrame


def weighted_rows(
    weight: np.ndarray,
    labels: np.ndarray | None,
    config: ResolveConfig,
    rng: np.random.Generator,
) -> tuple[np.ndarray, int]:
    """The rows EM learns from when each row stands for ``weight`` pairs: each repeated
    by its weight when they total ``config.em_sample`` or fewer, else ``em_sample`` rows
    drawn in proportion to their weights (and every labelled row); and the total weight."""
    total = int(weight.sum())
    if total <= config.em_sample:
        return np.repeat(np.arange(len(weight)), weight), total
    pick = np.sort(rng.choice(len(weight), config.em_sample, p=weight / total))
    if labels is not None:
        pick = np.sort(np.concatenate([pick, np.flatnonzero(labels >= 0)]))
    return pick, total


def _with_set_aside(
    features: pd.DataFrame,
    levels: np.ndarray,
    labels: np.ndarray | None,
    extra: SetAside,
    config: ResolveConfig,
    rng: np.random.Generator,
    n_pairs: int | None = None,
) -> tuple[np.ndarray, np.ndarray | None, int]:
    """The level rows EM learns from when blocking set pairs aside: the candidate pairs
    and the set-aside ones in proportion to their numbers, ``config.em_sample`` rows in
    all at most (every row when fewer), each set-aside row compared once and repeated
    when the sample holds fewer than its share. Labelled candidate pairs are always in.
    ``n_pairs``: how many candidate pairs ``levels`` stands for (a sample of them, see
    :func:`weighted_rows`), all of its rows by default."""
    names = tuple(config.comparisons)
    n = len(levels) if n_pairs is None else n_pairs
    n_all = n + extra.total
    k_all = min(n_all, config.em_sample)
    k_kept = round(k_all * n / n_all)
    k_extra = k_all - k_kept
    rows = len(levels)
    pick = None if k_kept >= rows else np.sort(rng.choice(rows, k_kept, replace=False))
    if pick is not None and labels is not None:
        pick = np.union1d(pick, np.flatnonzero(labels >= 0))
    kept_levels = levels if pick is None else levels[pick]
    kept_labels = labels if (pick is None or labels is None) else labels[pick]
    # Fewer rows wanted than sampled: a random part of the sample (it is sorted by mention,
    # so its head would be the first mentions only). More: the sample, repeated.
    take = np.arange(len(extra.left) if k_extra else 0)
    if k_extra < len(take):
        take = np.sort(rng.choice(len(take), k_extra, replace=False))
    compared = (
        level_matrix(
            compare(features, extra.left[take], extra.right[take], names, workers=config.workers),
            names,
        )
        if len(take)
        else np.empty((0, len(names)), dtype=levels.dtype)
    )
    extra_levels = compared[np.arange(k_extra) % len(compared)] if len(compared) else compared
    em_levels = np.concatenate([kept_levels, extra_levels])
    em_labels = None
    if kept_labels is not None:
        em_labels = np.concatenate([kept_labels, np.full(len(extra_levels), -1, kept_labels.dtype)])
    return em_levels, em_labels, n_all


def _with_selves(
    levels: np.ndarray,
    kept: dict[str, np.ndarray],
    copies: CopyWeights,
    features: pd.DataFrame,
    names: tuple[str, ...],
    config: ResolveConfig,
) -> tuple[np.ndarray, dict[str, np.ndarray], np.ndarray]:
    """The candidates' levels and kept fields followed by those of each representative
    of copies paired with itself, and every row's weight (see :class:`CopyWeights`)."""
    selves = copies.selves
    chunk = compare(features, selves, selves, names, workers=config.workers)
    all_levels = np.concatenate([levels, level_matrix(chunk, names)])
    all_kept = {
        c: np.concatenate([v, chunk[c].to_numpy().astype(v.dtype)])
        for c, v in kept.items()
        if c in chunk
    }
    weight = np.concatenate([copies.weight, copies.self_weight]).astype(np.int64)
    return all_levels, all_kept, weight


def _spans(n: int) -> list[tuple[int, int]]:
    return [(a, min(a + CHUNK, n)) for a in range(0, n, CHUNK)] or [(0, 0)]


def _frame(
    levels: np.ndarray, kept: dict[str, np.ndarray], names: tuple[str, ...], a: int, b: int
) -> pd.DataFrame:
    """Pairs ``a:b`` as the columns :func:`score` and the rules read (views, no copies)."""
    cols = {f"{c}_level": levels[a:b, i] for i, c in enumerate(names)}
    cols.update({c: v[a:b] for c, v in kept.items()})
    return pd.DataFrame(cols, copy=False)


def score_compact(
    features: pd.DataFrame,
    left: np.ndarray,
    right: np.ndarray,
    config: ResolveConfig,
    *,
    labels: np.ndarray | None = None,
    seconds: dict[str, float] | None = None,
    em_extra: SetAside | None = None,
    copies: CopyWeights | None = None,
) -> tuple[pd.DataFrame, Model]:
    """:func:`~linkgraph.resolve.score_persons` (with the model learnt) in chunks.

    ``em_extra``: pairs blocking proposed but set aside unscored (a sample of them and
    their number); EM learns from the candidate pairs and them in proportion, so the
    weights are those learnt from every proposed pair, as if none were set aside.
    ``copies``: ``features`` are the representatives of copies of one record; EM, the
    prior and the reliability of dates and sexes count each pair as the pairs it stands
    for, and each group's pairs of copies (:class:`CopyWeights`).

    Returns:
        Per pair ``match_probability``, ``match_weight``, ``strong_rule``, ``capped``,
        ``siblings``, ``sex_vetoed``, ``given_name_level``, ``family_name_level`` and
        ``dob_conflict`` (those present), the same values as ``score_persons`` gives; and the model.
    """
    names = tuple(config.comparisons)
    check_comparisons(names)
    seconds = {} if seconds is None else seconds
    n = len(left)
    rng = np.random.default_rng(config.seed)
    training = training_for(config)
    t0 = time.perf_counter()
    # The per-mention work of the comparisons (codes, vocabularies, byte tables) is done
    # once for the random pairs, every chunk and the set-aside sample alike.
    # The term frequencies of the case as it is, copies included; u from random pairs of
    # different records (of copies, all random pairs of a case of one repeated record
    # would be one person's).
    everyone = features if copies is None else copies.all_features
    with reuse_features():
        u_init = training.u.estimate(features, names, rng, config.workers)
        pick = em_rows(n, config, labels, rng, (features, left, right)) if copies is None else None
        # Per pair: the levels (one byte per comparison) and the fields the rules read.
        levels = np.empty((n, len(names)), dtype=np.int8)
        kept: dict[str, np.ndarray] = {}
        for a, b in _spans(n):
            chunk = compare(features, left[a:b], right[a:b], names, workers=config.workers)
            levels[a:b] = level_matrix(chunk, names)
            for col in _KEPT:
                if col in chunk:
                    if col not in kept:
                        kept[col] = np.empty(n, dtype=chunk[col].to_numpy().dtype)
                    kept[col][a:b] = chunk[col].to_numpy()
            del chunk
        seconds["comparison"] = round(time.perf_counter() - t0, 3)

        # The pairs training counts: the candidates, and with copies each group's own.
        t_levels, t_kept, t_weight = levels, kept, None
        if copies is not None:
            t_levels, t_kept, t_weight = _with_selves(levels, kept, copies, features, names, config)

        t0 = time.perf_counter()
        term_freq = term_frequency(config)
        tf = None
        if term_freq is not None:  # kept for the evidence's full scoring (score_persons)
            tf = memo(features, "tf_tables", lambda: term_freq.tables(everyone))
        em_labels = labels
        if t_weight is not None:
            if labels is not None:
                em_labels = np.concatenate([labels, np.full(len(t_weight) - n, -1, labels.dtype)])
            pick, n_all = weighted_rows(t_weight, em_labels, config, rng)
        else:
            n_all = n
        em_levels = t_levels if pick is None else t_levels[pick]
        em_labels = em_labels if (pick is None or em_labels is None) else em_labels[pick]
        if em_extra is not None and em_extra.total and t_weight is None:
            em_levels, em_labels, n_all = _with_set_aside(
                features, levels, labels, em_extra, config, rng
            )
        elif em_extra is not None and em_extra.total:  # a sample standing for n_all pairs
            em_levels, em_labels, n_all = _with_set_aside(
                features, em_levels, em_labels, em_extra, config, rng, n_pairs=n_all
            )
    identical = identical_pairs_not_compared(features, left, right)
    dated = None
    if "dob_conflict" in kept:
        anchors = {f"{c}_level": t_levels[:, names.index(c)] for c in _ANCHOR if c in names}
        # Pairs something else keeps apart are no anchors (a father and son: conflicts).
        conflicts = ("dob_conflict", "generations_apart", "sex_conflict")
        dated = {**anchors, **{c: t_kept[c] for c in conflicts if c in t_kept}}
        if t_weight is not None:
            dated["pair_weight"] = t_weight
        dated = pd.DataFrame(dated, copy=False)
    # Read before EM: reliable dates keep a conflict's weight (scoring.BOUNDED_AGAINST).
    reliable = dated is None or date_reliability(dated)[0]
    model = training.learn(
        em_levels, em_labels, n_all, len(everyone), u_init, names, identical, reliable
    )
    del em_levels
    if dated is not None:
        model = with_date_reliability(model, dated)
        if not model.dates_reliable:
            kept["dob_conflict"][:] = False
            if "dob_disjoint" in kept:
                kept["dob_disjoint"][:] = False
            kept["generations_apart"][:] = False
    sexed = _frame(t_levels, t_kept, names, 0, len(t_levels))
    if t_weight is not None:
        sexed["pair_weight"] = t_weight
    model = with_sex_reliability(model, sexed)
    model = with_document_reliability(model, sexed)
    if len(sexed) == len(left):  # the candidates alone (no copies' own pairs added)
        sexed["left"], sexed["right"] = left, right
    model = with_household_reliability(model, sexed)
    del t_levels, t_kept, t_weight, sexed
    if model.dates_reliable and "dob" in names:
        # Read by the weak-name cap: a name alone, one date missing, that several people
        # told apart bear (scoring.name_fits_several).
        shared = names_told_apart(features)
        frame = _frame(levels, kept, names, 0, n)
        kept["name_shared"] = name_fits_several(frame, shared, left, right)
    if tf is not None:
        model = replace(model, tf_reference=tf_reference(tf))
    seconds["em"] = round(time.perf_counter() - t0, 3)

    t0 = time.perf_counter()
    tf_freq = tf_per_mention(tf, features) if tf is not None else None
    adjustments = pair_adjustments(config)

    # The weights, chunk by chunk, and what the adjustments learn from them.
    weight = np.empty(n, dtype=np.float64)
    samples: dict[str, list[Any]] = {}
    for a, b in _spans(n):
        part = score(
            _frame(levels, kept, names, a, b),
            model,
            features=features,
            left=left[a:b],
            right=right[a:b],
            tf=tf,
            tf_max_bits=term_freq.max_bits if term_freq is not None else 0.0,
            tf_freq=tf_freq,
        )
        weight[a:b] = part["match_weight"].to_numpy()
        for flag in ("family_common", "name_common"):  # read by the weak-name cap
            if flag in part:  # (far-apart namesakes, a name several people bear)
                kept.setdefault(flag, np.zeros(n, dtype=bool))[a:b] = part[flag].to_numpy(bool)
        for adj in adjustments:
            if isinstance(adj, NameCalibration):
                samples.setdefault(adj.name, []).append(adj.sample(part, model))
    model = learn_adjustments(adjustments, model, samples)
    del samples

    # The adjustments, in order, chunk by chunk.
    prob = probability(weight)
    out: dict[str, np.ndarray | pd.Categorical] = {}
    # The strong rule of each pair as a one-byte code into STRONG_RULES.
    rules = np.zeros(n, dtype=np.int8)
    capped = np.zeros(n, dtype=bool)
    siblings = np.zeros(n, dtype=bool)
    vetoed = np.zeros(n, dtype=bool)
    calibration = np.zeros(n, dtype=np.float32)  # read by resolve.merge_rank
    for a, b in _spans(n):
        part = _frame(levels, kept, names, a, b)
        part["match_weight"] = weight[a:b]
        part["match_probability"] = prob[a:b]
        part = apply_adjustments(part, model, adjustments)
        weight[a:b] = part["match_weight"].to_numpy()
        prob[a:b] = part["match_probability"].to_numpy()
        rules[a:b] = pd.Categorical(part["strong_rule"], categories=STRONG_RULES).codes
        capped[a:b] = part["capped"].to_numpy(bool)
        siblings[a:b] = part["siblings"].to_numpy(bool)
        vetoed[a:b] = part["sex_vetoed"].to_numpy(bool)
        if "name_calibration" in part:
            calibration[a:b] = part["name_calibration"].to_numpy(np.float32)
    out["match_probability"] = prob
    out["match_weight"] = weight
    out["strong_rule"] = pd.Categorical.from_codes(rules, STRONG_RULES)
    out["capped"] = capped
    out["siblings"] = siblings
    out["sex_vetoed"] = vetoed
    out["name_calibration"] = calibration
    if "name_shared" in kept:
        # Read by the entity-size prior (never lifts them) and the evidence (their rule).
        out["name_shared"] = kept["name_shared"] & capped
    for c in ("given_name", "family_name"):
        if c in names:
            out[f"{c}_level"] = levels[:, names.index(c)].copy()
    if "dob_conflict" in kept:
        out["dob_conflict"] = kept["dob_conflict"]
    if "generations_apart" in kept:
        # Read by clustering (resolve.generations_at_home): a parent and child, unless a
        # document or account says one person.
        frame = _frame(levels, kept, names, 0, n)
        shared = at_level(frame, "document", "same", "one_typo") | at_level(
            frame, "account", "same"
        )
        out["generations_apart"] = kept["generations_apart"] & ~shared
    del levels, kept  # the levels and similarities go before the result is assembled
    seconds["scoring"] = round(time.perf_counter() - t0, 3)
    return pd.DataFrame(out, copy=False), model
