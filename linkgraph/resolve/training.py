"""How resolution learns its Fellegi-Sunter weights without labels, as steps applied in a
listed order (see :func:`training_for`).

1. :class:`RandomPairsU`: u, the chance that two *different* people agree on a field at
   a level, counted over random pairs of mentions (almost all of them non-matches).
2. :class:`ExpectationMaximisation`: m (and a first prior) by EM over the candidate pairs
   blocking proposed, either in two sessions each blind to what it conditions on
   (Splink's way, the default) or over all candidates at once; u either re-learnt or kept
   from the random pairs.
3. :class:`AllPairsPrior`: the model re-based on all pairs: u from the random pairs with
   their duplicates taken out, the prior over every pair of mentions, not only the
   candidates, so blocking's own name agreement is not counted twice. The pairs of
   identical mentions blocking did not compare are not counted
   (:func:`identical_pairs_not_compared`): one record repeated hundreds of times is not
   hundreds of thousands of non-matches.

``ResolveConfig`` chooses among them (``em_sessions``, ``em_fix_u``, ``all_pairs_prior``,
``em_iterations``); :func:`training_for` is the one place that reads those switches. The
adjustments to the learnt weights come after (:mod:`linkgraph.resolve.adjustments`).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import ClassVar

import numpy as np
import pandas as pd

from linkgraph.resolve.comparisons import COMPARISONS, compare
from linkgraph.resolve.config import ResolveConfig
from linkgraph.resolve.features import MULTI_VALUED
from linkgraph.resolve.scoring import (
    BOUNDED_AGAINST,
    Model,
    estimate_u,
    level_matrix,
    rescale_to_all_pairs,
    train_em,
    train_em_by_sessions,
)


@dataclass(frozen=True)
class RandomPairsU:
    """u per comparison from about ``pairs`` random pairs of mentions
    (:func:`~linkgraph.resolve.scoring.estimate_u`): the start of EM, and the u kept when
    EM keeps u fixed or the model is re-based on all pairs."""

    name: ClassVar[str] = "random_pairs_u"
    summary: ClassVar[str] = "u from random pairs of mentions, almost all different people"
    pairs: int = 200_000

    def estimate(
        self,
        features: pd.DataFrame,
        comparisons: tuple[str, ...],
        rng: np.random.Generator,
        workers: int = -1,
    ) -> dict[str, np.ndarray]:
        """u per comparison, from random pairs of the ``features`` rows (drawn among
        the rows in :func:`content_order`, so the same mentions in another order give
        the same pairs)."""
        left, right = random_pairs(len(features), self.pairs, rng)
        if len(left):
            order = content_order(features)
            left, right = order[left], order[right]
        compared = compare(features, left, right, comparisons, workers=workers)
        return estimate_u(level_matrix(compared, comparisons), comparisons)


@dataclass(frozen=True)
class ExpectationMaximisation:
    """m (and u, unless ``fix_u``) by EM over the candidates' comparison levels.

    With ``sessions`` (:func:`~linkgraph.resolve.scoring.train_em_by_sessions`), the
    names' m is learnt among pairs with the same date of birth and every other m among
    pairs with agreeing names, each session blind to what it conditions on: over all
    candidates at once (:func:`~linkgraph.resolve.scoring.train_em`), EM can take "same
    name" for "same person" in a large case full of namesakes. Labelled pairs (analysts'
    decisions) are held at their label."""

    name: ClassVar[str] = "expectation_maximisation"
    summary: ClassVar[str] = "m learnt by EM over the candidate pairs, without labels"
    sessions: bool = True
    fix_u: bool = False
    iterations: int = 40

    def train(
        self,
        levels: np.ndarray,
        comparisons: tuple[str, ...],
        u_init: Mapping[str, np.ndarray],
        labels: np.ndarray | None,
        dates_reliable: bool = True,
    ) -> Model:
        """The model EM learns from the level matrix ``levels`` (a row per pair).
        Where the case's dates of birth are reliable (``scoring.date_reliability``), a
        date that differs weighs at least its default against a match
        (``scoring.BOUNDED_AGAINST``).

        With u re-estimated among the candidates, EM can settle on a class that is not
        "one person": in a register of a few hundred common names blocked on the family
        name, nearly every candidate shares it, and EM took "same given name, same date"
        for a match, so that an exact family name weighed less than a misspelt one and a
        one-letter typo in a given name counted against (RLdata10000: half the duplicates
        missed). When a closer agreement of a name or the date of birth weighs less than
        a looser one (:func:`inverted_levels`), EM is learnt again with u kept from random
        pairs (Splink's way) and its sessions run from :data:`FALLBACK_SESSION_PAIRS`
        pairs (a small register's few hundred pairs with one date of birth teach the
        names' m better than EM over its namesakes), and the model names those
        comparisons (``em_u_fixed_for``).
        """
        train = train_em_by_sessions if self.sessions else train_em

        def learn(fix_u: bool, session_pairs: int) -> Model:
            extra = {"min_session_pairs": session_pairs} if self.sessions else {}
            return train(
                levels,
                comparisons,
                u_init=u_init,
                labels=labels,
                iterations=self.iterations,
                fix_u=fix_u,
                bounded=BOUNDED_AGAINST if dates_reliable else frozenset(),
                **extra,
            )

        model = learn(self.fix_u, SESSION_PAIRS)
        counts = {
            name: np.bincount(
                levels[:, i].astype(np.int64), minlength=len(COMPARISONS[name].levels)
            )
            for i, name in enumerate(comparisons)
        }
        inverted = inverted_levels(model, u_init, counts)
        if not inverted:
            return model
        return replace(learn(True, FALLBACK_SESSION_PAIRS), em_u_fixed_for=inverted)


#: Least pairs of an EM session (see ``scoring.train_em_by_sessions``): fewer keep the m
#: of EM over all candidates, which is sound on a small case of few namesakes.
SESSION_PAIRS = 5000
#: Least pairs of a session when EM over all candidates was distrusted.
FALLBACK_SESSION_PAIRS = 300


#: The comparisons whose agreement levels must weigh in their order (closer agreement,
#: more weight) for EM's classes to be read as match and non-match.
ORDERED_COMPARISONS = ("given_name", "family_name", "dob")
#: Bits by which a looser agreement may outweigh a closer one before EM is distrusted
#: (a few pairs at a rare level can tip a weight by a little).
INVERSION_BITS = 1.0
#: Least candidate pairs at each of two levels for their weights to be compared.
INVERSION_PAIRS = 30


def inverted_levels(
    model: Model,
    u: Mapping[str, np.ndarray],
    counts: Mapping[str, np.ndarray] | None = None,
) -> tuple[str, ...]:
    """The comparisons of :data:`ORDERED_COMPARISONS` in ``model`` where a level of
    agreement weighs more than a closer one by over :data:`INVERSION_BITS` (weights
    log2(m / u) with ``u`` from random pairs; the levels that say the values disagree
    are not compared). With ``counts`` (candidate pairs per level), only levels of at
    least :data:`INVERSION_PAIRS` pairs each are compared: in a small case a level of a
    handful of pairs weighs what chance gives it, and EM learnt again there did worse.

    Examples:
        >>> m = Model(("family_name",), {"family_name": [0, .02, .09, .22, .67]},
        ...           {"family_name": [0, .017, .008, .029, .946]}, prior=0.01)
        >>> inverted_levels(m, m.u)
        ('family_name',)
        >>> ok = Model(("family_name",), {"family_name": [0, .9, .05, .03, .02]},
        ...            {"family_name": [0, .017, .008, .029, .946]}, prior=0.01)
        >>> inverted_levels(ok, ok.u)
        ()
    """
    out = []
    for name in ORDERED_COMPARISONS:
        if name not in model.comparisons:
            continue
        levels = COMPARISONS[name].levels
        m = np.asarray(model.m[name], dtype=np.float64)
        u_ = np.asarray(u[name], dtype=np.float64)
        agree = [i for i in range(1, len(levels)) if not levels[i].against]
        if counts is not None and name in counts:
            agree = [i for i in agree if counts[name][i] >= INVERSION_PAIRS]
        bits = [np.log2(max(m[i], 1e-12) / max(u_[i], 1e-12)) for i in agree]
        if any(
            bits[j] > bits[i] + INVERSION_BITS
            for i in range(len(bits))
            for j in range(i + 1, len(bits))
        ):
            out.append(name)
    return tuple(out)


@dataclass(frozen=True)
class AllPairsPrior:
    """The model re-based on all pairs (:func:`~linkgraph.resolve.scoring.rescale_to_all_pairs`):
    m kept, u from random pairs with their duplicates taken out, and the prior the share
    of matches among *all* pairs of mentions, the pairs blocking left out counted as
    non-matches, except those of identical mentions (:func:`identical_pairs_not_compared`):
    a block above the cap is compared only within a window, and a person repeated on
    300 rows with no identifier would otherwise add some 34,000 uncompared pairs of
    her own as non-matches, pull the prior to its floor and merge nobody."""

    name: ClassVar[str] = "all_pairs_prior"
    summary: ClassVar[str] = "u and the prior over all pairs, not only the candidates"

    def rebase(
        self,
        model: Model,
        levels: np.ndarray,
        u_random: Mapping[str, np.ndarray],
        total_pairs: float,
    ) -> Model:
        """``model`` re-based; ``total_pairs`` is how many pairs ``levels`` stands for."""
        return rescale_to_all_pairs(model, levels, u_random, total_pairs)


TrainingStep = RandomPairsU | ExpectationMaximisation | AllPairsPrior


@dataclass(frozen=True)
class Training:
    """The training steps of a configuration, in the order they run."""

    u: RandomPairsU
    em: ExpectationMaximisation
    rebase: AllPairsPrior | None

    @property
    def steps(self) -> tuple[TrainingStep, ...]:
        """The steps in order (the re-base left out when switched off)."""
        return (self.u, self.em) + ((self.rebase,) if self.rebase is not None else ())

    def learn(
        self,
        levels: np.ndarray,
        labels: np.ndarray | None,
        n_pairs: int,
        n_mentions: int,
        u_init: Mapping[str, np.ndarray],
        comparisons: tuple[str, ...],
        identical_not_compared: int = 0,
        dates_reliable: bool = True,
    ) -> Model:
        """EM on ``levels`` (a sample of the ``n_pairs`` candidates, or all of them), then
        the re-base over the ``n_mentions`` mentions' pairs, less the
        ``identical_not_compared`` pairs (:func:`identical_pairs_not_compared`);
        ``dates_reliable`` as in :meth:`ExpectationMaximisation.train`."""
        model = self.em.train(levels, comparisons, u_init, labels, dates_reliable)
        if self.rebase is None:
            return model
        all_pairs = n_mentions * (n_mentions - 1) / 2 - identical_not_compared
        total = all_pairs * len(levels) / max(n_pairs, len(levels), 1)
        model = self.rebase.rebase(model, levels, u_init, total)
        return replace(model, identical_pairs_not_counted=int(identical_not_compared))


def training_for(config: ResolveConfig) -> Training:
    """The training ``config`` asks for."""
    return Training(
        u=RandomPairsU(),
        em=ExpectationMaximisation(
            sessions=config.em_sessions, fix_u=config.em_fix_u, iterations=config.em_iterations
        ),
        rebase=AllPairsPrior() if config.all_pairs_prior else None,
    )


#: The fields a comparison reads (the other feature columns are made from these): two
#: mentions equal in all of them are one record as far as resolution can tell.
IDENTITY_FIELDS = (
    "full_name",  # the most telling first: after it and the date few mentions are left
    "dob",
    "given_name",
    "family_name",
    "generation",
    "dob_digits",
    "sex",
    *MULTI_VALUED,
    "postcode",
    "city",
    "address",
    "nationality",
)
#: The fields that make a record identifying when at least :data:`MIN_IDENTIFYING` of
#: them are filled: the name counts once, sex and nationality not at all, so 300 rows of
#: a bare "Mario Rossi" (300 namesakes, for all the case says) count as ever.
IDENTIFYING_FIELDS = ("full_name", "dob", *MULTI_VALUED, "postcode", "city", "address")
MIN_IDENTIFYING = 2
#: Candidate pairs looked up at a time (bounds the temporaries at millions of pairs).
_PAIRS_AT_A_TIME = 1_000_000


def identical_groups(
    features: pd.DataFrame,
    fields: Sequence[str] = IDENTITY_FIELDS,
    extra: Sequence[np.ndarray] = (),
) -> np.ndarray:
    """Per mention, the code of its group of identical mentions (equal in every one of
    ``fields``, :data:`IDENTITY_FIELDS` by default, and in each array of ``extra``), -1
    for a mention with fewer than :data:`MIN_IDENTIFYING` identifying fields filled, and
    for one alone in its group.

    A field at a time, on the mentions still in a group of two or more: after the name
    and the date of birth few are left, so a million mentions cost about two passes."""
    codes = np.full(len(features), -1, dtype=np.int64)
    filled = np.zeros(len(features), dtype=np.int8)
    for col in IDENTIFYING_FIELDS:
        if col in features:
            filled += features[col].to_numpy(dtype=object) != ""
    rows = np.flatnonzero(filled >= MIN_IDENTIFYING)
    group = np.zeros(len(rows), dtype=np.int64)
    # Lazily: a column is read only while some mentions are still grouped.
    columns = (features[c].to_numpy() for c in fields if c in features)
    for column in itertools.chain(columns, (np.asarray(e) for e in extra)):
        rows, group = _shared(rows, group)
        if not len(rows):
            return codes
        values, _ = pd.factorize(column[rows], use_na_sentinel=False)
        group, _ = pd.factorize(group * (int(values.max()) + 1) + values)
    rows, group = _shared(rows, group)
    codes[rows] = pd.factorize(group)[0]
    return codes


def _shared(rows: np.ndarray, group: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The ``rows`` (and their ``group`` codes) whose group holds two or more of them."""
    if not len(rows):
        return rows, group
    keep = np.bincount(group)[group] >= 2
    return rows[keep], group[keep]


def identical_pairs_not_compared(
    features: pd.DataFrame, left: np.ndarray, right: np.ndarray
) -> int:
    """How many pairs of identical mentions (:func:`identical_groups`) are not among the
    compared pairs ``left``, ``right`` (positions): those a block above the cap left out.

    All pairs of a group minus the group's pairs that were compared, counted on the
    arrays (no loop over pairs). The pairs blocking set aside unscored are never
    identical (they differ in date of birth), so ``left``, ``right`` need not hold them.
    """
    codes = identical_groups(features)
    grouped = codes[codes >= 0]
    if not len(grouped):
        return 0
    size = np.bincount(grouped).astype(np.int64)
    all_pairs = int((size * (size - 1) // 2).sum())
    compared = 0
    for start in range(0, len(left), _PAIRS_AT_A_TIME):
        a = codes[left[start : start + _PAIRS_AT_A_TIME]]  # pairs sorted by left: cheap
        grouped_pairs = np.flatnonzero(a >= 0)
        b = codes[right[start + grouped_pairs]]
        compared += int(np.count_nonzero(a[grouped_pairs] == b))
    return all_pairs - compared


#: Feature columns :func:`content_order` leaves out of its hash.
_NOT_HASHED = ("given_initials", "given_word_initials", "family_words")


def content_order(features: pd.DataFrame) -> np.ndarray:
    """The positions of the ``features`` rows sorted by a hash of their contents: the
    same mentions ingested in any order come in the same order (rows that tie are
    identical, so which comes first changes nothing), and random draws of positions in
    it are a function of the mentions, not of the files' order.

    >>> f = pd.DataFrame({"given_name": ["ana", "ion", "eva"]})
    >>> back = f.iloc[::-1].reset_index(drop=True)
    >>> f["given_name"].to_numpy()[content_order(f)].tolist() == (
    ...     back["given_name"].to_numpy()[content_order(back)].tolist())
    True
    """
    # Columns read from the names for one comparison each (an initials reading, a full
    # name's middle words) are left out: such a column added to the features would
    # otherwise reshuffle every case's samples, and so its learnt weights, by chance.
    kept = features.drop(columns=list(_NOT_HASHED), errors="ignore")
    hashes = pd.util.hash_pandas_object(kept, index=False).to_numpy()
    return np.argsort(hashes, kind="stable").astype(np.int64)


def pair_order(features: pd.DataFrame, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """The positions of the pairs (``left``, ``right``: rows of ``features``) sorted by
    their two rows' :func:`content_order` ranks, the lower first: the same pairs in the
    same order whichever order the mentions and the pairs came in."""
    rank = np.empty(len(features), dtype=np.int64)
    rank[content_order(features)] = np.arange(len(features), dtype=np.int64)
    a, b = rank[np.asarray(left)], rank[np.asarray(right)]
    return np.lexsort((np.maximum(a, b), np.minimum(a, b))).astype(np.int64)


def random_pairs(n: int, k: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """About ``k`` random pairs of ``n`` mentions (all pairs when there are fewer)."""
    if n < 2:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    if n * (n - 1) // 2 <= k:
        left, right = np.triu_indices(n, 1)
        return left.astype(np.int64), right.astype(np.int64)
    a = rng.integers(0, n, k)
    b = rng.integers(0, n, k)
    keep = a != b
    return np.minimum(a, b)[keep], np.maximum(a, b)[keep]
