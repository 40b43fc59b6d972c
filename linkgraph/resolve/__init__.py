"""Entity resolution: mentions of the same person, phone or organisation become one entity.

``resolve(case)`` runs its steps in this order, each a public function over DataFrames, so
a notebook can run and inspect each one:

1. :func:`analyst_decisions`: the case's ``decisions`` table, with any new CSV's;
2. :func:`~linkgraph.resolve.features.person_features`: folded names and identifiers;
   copies of one record (a subscriber on every call) kept as one representative each
   (:mod:`~linkgraph.resolve.identical`);
3. :func:`candidate_pairs`: blocking, plus the pairs analysts decided on;
4. :func:`score_candidates`: the comparisons (named levels,
   :mod:`~linkgraph.resolve.comparisons`), the weights learnt by EM, and the adjustments
   of :mod:`~linkgraph.resolve.adjustments` in their listed order;
5. :func:`cluster_persons`: merges above the threshold, conflicts and decisions honoured,
   then the entity-size prior, then the left-overs of two lists paired
   (:mod:`~linkgraph.resolve.two_lists`); each copy then takes its record's entity;
6. the person evidence: the pairs worth keeping compared again in full, their rows built
   and the millions of compared pairs freed;
7. :func:`~linkgraph.resolve.others.other_keys` and
   :func:`~linkgraph.resolve.others.group_others`: phones, accounts, organisations, ...;
8. the resolution and the whole evidence table (Arrow-backed strings, no Python string
   per row).
"""

from __future__ import annotations

import json
import sys
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd

from linkgraph._arrays import unique
from linkgraph._config_base import config_to_dict
from linkgraph._user_warnings import user_stacklevel
from linkgraph.entity_ids import changed_ids, changed_record, earlier_ids
from linkgraph.errors import CaseWarning
from linkgraph.model import (
    EVIDENCE,
    LEGACY_DECISIONS_KEY,
    MENTIONS,
    OPTIONAL_TABLES,
    Case,
    validate_table,
)
from linkgraph.progress import Progress, or_null
from linkgraph.resolve.adjustments import (
    NameCalibration,
    SexConflict,
    adjustments_for,
    apply_adjustments,
    entity_size_prior,
    learn_adjustments,
    pair_adjustments,
    term_frequency,
    two_lists,
    with_document_reliability,
    with_household_reliability,
    with_sex_reliability,
)
from linkgraph.resolve.blocking import BLOCKING_KEYS, block, rule_name
from linkgraph.resolve.chunked import (
    SET_ASIDE_COMPARED,
    CopyWeights,
    SetAside,
    em_rows,
    score_compact,
)
from linkgraph.resolve.clustering import cluster, dobs_compatible
from linkgraph.resolve.comparisons import (
    COMPARISONS,
    DOCUMENTS_DIFFER,
    GENERATION_CONFLICT,
    GENERATIONS_APART,
    SEX_CONFLICTS,
    at_level,
    born_ranges,
    check_comparisons,
    compare,
    mark_year_placeholders,
    reuse_features,
)
from linkgraph.resolve.comparisons import _memo as memo
from linkgraph.resolve.config import ResolveConfig
from linkgraph.resolve.evaluate import evaluate
from linkgraph.resolve.evidence import (
    AMBIGUOUS_RULE,
    COPY_FIELD,
    SHARED_NAME_RULE,
    fields_json,
)
from linkgraph.resolve.explain import MODEL_KEY, explain, review
from linkgraph.resolve.features import linked_identifiers, person_features
from linkgraph.resolve.identical import IDENTICAL_RULE, Copies, find_copies
from linkgraph.resolve.network_nodes import (
    network_sources,
    node_groups,
    node_keys,
    refused_node_pairs,
)
from linkgraph.resolve.others import (
    check_contradictions,
    group_others,
    other_keys,
    with_node_identities,
)
from linkgraph.resolve.overrides import (
    FILE_CHECK_COLUMNS,
    add_decisions,
    attach_decisions,
    case_decisions,
    followed_message,
    in_force,
    read_decision_file,
    set_aside_message,
)
from linkgraph.resolve.reading import CaseTables, give_back_memory
from linkgraph.resolve.scoring import (
    Model,
    alike_given_other_birth,
    date_reliability,
    far_apart_namesakes,
    home_alone_other_birth,
    home_alone_undated,
    level_matrix,
    nameless_pairs,
    names_alone_other_birth,
    names_both_differ,
    other_family_other_birth,
    other_family_same_year,
    score,
    suffix_undated_pairs,
    tf_per_mention,
    tf_reference,
    train_em,
    unrelated_family_unconfirmed,
    with_date_reliability,
)
from linkgraph.resolve.training import identical_pairs_not_compared, training_for
from linkgraph.resolve.victim_ids import victim_entity_ids, victim_identifier_ids
from linkgraph.schema import IDENTIFIER_FIELDS, PERSON_IDENTIFIERS, Decision

__all__ = [
    "BLOCKING_KEYS",
    "COMPARISONS",
    "MODEL_KEY",
    "READ_COLUMNS",
    "Model",
    "ResolveConfig",
    "adjustments_for",
    "block",
    "cluster",
    "compare",
    "evaluate",
    "explain",
    "person_features",
    "read_columns",
    "resolve",
    "review",
    "score",
    "score_persons",
    "train_em",
]

#: The mention columns :func:`~linkgraph.resolve.others.resolve_others` reads of the
#: mentions that are not persons.
_OTHER_COLUMNS: tuple[str, ...] = tuple(
    dict.fromkeys(
        [
            "mention_id",
            "type",
            "label",
            "name",
            "country",
            "city",
            "postcode",
            "address",
            *IDENTIFIER_FIELDS.values(),
            "identifier",
            "source",
        ]
    )
)
#: Those of :data:`_OTHER_COLUMNS` that make the keys; ids and sources are read only for
#: the analysts' decisions (and the splits they make).
_OTHER_KEY_COLUMNS = tuple(c for c in _OTHER_COLUMNS if c not in ("mention_id", "source"))
#: What :func:`resolve` reads of a case up front (``Case.read(path,
#: columns=READ_COLUMNS)``): none of the mentions' and links' columns (resolution reads
#: those it uses from the case folder, step by step: see
#: :mod:`~linkgraph.resolve.reading`), the analysts' decisions in full, and none of the
#: other optional tables, which it replaces (resolution, evidence) or passes through
#: unchanged.
READ_COLUMNS: dict[str, tuple[str, ...]] = {
    "mentions": (),
    "links": (),
    **dict.fromkeys((t for t in OPTIONAL_TABLES if t != "decisions"), ()),
}


def read_columns(config: ResolveConfig) -> dict[str, tuple[str, ...]]:
    """:data:`READ_COLUMNS` (the same for every ``config``: an overrides or labels CSV's
    references are read when resolution reads the CSV)."""
    del config
    return READ_COLUMNS


#: The mention columns of the persons :func:`~linkgraph.resolve.features.person_features`
#: reads (and their ids).
_PERSON_COLUMNS = (
    "mention_id", "name", "given_name", "family_name", "name_latin", "dob", "sex",
    "nationality", "city", "postcode", "address", "role", "attrs", "time",
    *PERSON_IDENTIFIERS,
)  # fmt: skip
#: The mention columns :func:`~linkgraph.resolve.features.linked_identifiers` reads of
#: the identifier mentions linked to persons.
_LINKED_COLUMNS = ("mention_id", "type", "identifier", "time", *PERSON_IDENTIFIERS)
#: The mention columns an overrides or labels CSV's ``SOURCE#ROW[#SLOT]`` refers to.
_REFERENCE_COLUMNS = FILE_CHECK_COLUMNS


def _check_mentions(tables: CaseTables) -> None:
    """Raise CaseError naming the required mention columns the case lacks."""
    present = tables.mention_columns()
    validate_table(pd.DataFrame(columns=present), MENTIONS)


_CAPPED = "capped: names agree only weakly, no date of birth or document"
#: The weak-name cap of a pair whose date of birth or document agrees (exact or close):
#: its names alone are what hold it back.
_CAPPED_WEAK_NAMES = "capped: names agree only weakly, beside an agreeing date of birth or document"
_CAPPED_BOTH_NAMES = "capped: given and family names both differ"
_CAPPED_NAMESAKES = "capped: a common family name, dates of birth decades apart"
_CAPPED_FAMILY = "capped: given names differ, one family name (twins, siblings, a household)"
_CAPPED_NAMELESS = "capped: no name, no document, phone, e-mail or account in common"
_CAPPED_OTHER_FAMILY = "capped: different family names, dates of birth in conflict"
_CAPPED_BIRTHDAYS = "capped: namesakes, dates of birth differing in year, month and day"
_CAPPED_OTHER_BIRTH = "capped: dates of birth in conflict, only the names in common"
_CAPPED_ALIKE_OTHER_BIRTH = (
    "capped: given names alike but not one, dates of birth years apart (a household)"
)
_CAPPED_COMMON_NAME = "capped: a name several people bear, dates of birth in conflict"
_CAPPED_HOME_UNDATED = (
    "capped: different family names, a date of birth missing, only a home in common (a "
    "household, a shelter, a shared flat)"
)
_CAPPED_HOME_ONLY = (
    "capped: different family names and birthdays, only a home in common (a household, "
    "a shelter, a shared flat)"
)
_GENERATIONS_AT_HOME = (
    "generation conflict: dates of birth a generation apart at one address, each confirmed "
    "by another record"
)
_CAPPED_GENERATIONS = "capped: one full name, dates of birth years apart"
_CAPPED_SAME_YEAR = "capped: different family names, a year of birth alone in common"
_CAPPED_SUFFIX_UNDATED = (
    "capped: a generational suffix on one side only (Jr.), no date of birth or age to tell "
    "a father from his son"
)
_CAPPED_UNRELATED_FAMILY = (
    "capped: family names with nothing in common, no same date of birth or identifier"
)
_AMBIGUOUS_ON = (("phone", "phone"), ("email", "e-mail"), ("account", "account"))


@contextmanager
def _timed(
    seconds: dict[str, float],
    stage: str,
    progress: Progress,
    peaks: dict[str, int] | None = None,
    cpu: dict[str, float] | None = None,
) -> Iterator[None]:
    progress.start(f"resolve: {stage}")
    start, start_cpu = time.perf_counter(), time.process_time()
    try:
        yield
    finally:
        seconds[stage] = round(time.perf_counter() - start, 3)
        if cpu is not None:
            cpu[stage] = round(time.process_time() - start_cpu, 3)
        if peaks is not None:
            peaks[stage] = max_rss_mib()
        progress.finish()


def max_rss_mib() -> int:
    """The process's peak resident memory so far, MiB (0 where the system does not say)."""
    try:
        import resource
    except ImportError:  # not on Windows
        return 0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(peak // 1024 if sys.platform != "darwin" else peak // 2**20)


def score_persons(
    features: pd.DataFrame,
    left: np.ndarray,
    right: np.ndarray,
    config: ResolveConfig,
    *,
    labels: np.ndarray | None = None,
    model: Model | None = None,
    seconds: dict[str, float] | None = None,
) -> tuple[pd.DataFrame, Model]:
    """Compare and score person pairs; learn the model by EM unless one is given.

    The weights are those of the model with the term-frequency adjustment; then the pair
    adjustments apply in their order (:func:`~linkgraph.resolve.adjustments.adjustments_for`),
    learning what they learn (the name calibration) when the model is learnt here.

    Returns:
        The compared pairs with ``<name>_level``/``_sim``/``_weight``, ``match_weight``,
        ``match_probability``, ``strong_rule`` and ``capped`` (see
        :func:`~linkgraph.resolve.scoring.weak_name_pairs`); and the model.
    """
    names = tuple(config.comparisons)
    check_comparisons(names)
    seconds = {} if seconds is None else seconds
    t0 = time.perf_counter()
    compared = compare(features, left, right, names, workers=config.workers)
    seconds["comparison"] = round(time.perf_counter() - t0, 3)
    t0 = time.perf_counter()
    term_freq = term_frequency(config)
    tf = tf_freq = None
    if term_freq is not None:
        # Once per features frame inside ``reuse_features`` (the person evidence scores
        # its pairs a chunk at a time): the frequencies of the case and of each mention.
        tf = memo(features, "tf_tables", lambda: term_freq.tables(features))
        tf_freq = memo(features, "tf_per_mention", lambda: tf_per_mention(tf, features))
    trained = model is None
    if model is None:
        rng = np.random.default_rng(config.seed)
        training = training_for(config)
        u_init = training.u.estimate(features, names, rng, config.workers)
        pick = em_rows(len(compared), config, labels, rng, (features, left, right))
        levels = level_matrix(compared, names)
        if pick is not None:
            levels = levels[pick]
            labels = None if labels is None else labels[pick]
        identical = identical_pairs_not_compared(features, left, right)
        # Read before EM: where the case's sure pairs show its dates reliable, EM keeps
        # a conflicting date's weight (scoring.BOUNDED_AGAINST).
        dated = "dob_conflict" not in compared or date_reliability(compared)[0]
        model = training.learn(
            levels, labels, len(compared), len(features), u_init, names, identical, dated
        )
        if tf is not None:
            model = replace(model, tf_reference=tf_reference(tf))
        if "dob_conflict" in compared:
            model = with_date_reliability(model, compared)
        model = with_sex_reliability(model, compared)
        model = with_document_reliability(model, compared)
        model = with_household_reliability(model, compared.assign(left=left, right=right))
    seconds["em"] = round(time.perf_counter() - t0, 3)
    if "dob_conflict" in compared and not model.dates_reliable:
        compared["dob_conflict"] = False
        compared["dob_disjoint"] = False
        compared["dob_years_apart"] = False
        compared["generations_apart"] = False
    scored = score(
        compared,
        model,
        features=features,
        left=left,
        right=right,
        tf=tf,
        tf_max_bits=term_freq.max_bits if term_freq is not None else 0.0,
        tf_freq=tf_freq,
    )
    adjustments = pair_adjustments(config)
    if trained:
        samples = {
            a.name: [a.sample(scored, model)] for a in adjustments if isinstance(a, NameCalibration)
        }
        model = learn_adjustments(adjustments, model, samples)
    return apply_adjustments(scored, model, adjustments), model


def _capped_message(report: pd.DataFrame, ids: pd.Series, cap: int) -> str | None:
    """The warning for the blocks above the cap (:func:`~linkgraph.resolve.blocking.block`
    pairs only a window of their mentions): the rule and the size of the largest, one of
    its mentions, and how many of its pairs were not compared; None when none was capped.
    A mention id, not the block's value: the value may be a victim's name."""
    largest = report.attrs.get("largest_capped") or []
    found = [(r, b) for r, b in zip(report["rule"], largest, strict=False) if b is not None]
    if not found:
        return None
    rule, worst = max(found, key=lambda rb: rb[1].not_compared)
    blocks = int(report["capped_blocks"].sum())
    return (
        f"{blocks} block(s) of the blocking rules held more than resolve.block_cap ({cap}) "
        f"mentions and were only partly compared; the largest, of rule {rule!r}, holds "
        f"{worst.mentions:,} person mentions (one is {ids.iloc[worst.example]}) and "
        f"{worst.not_compared:,} of its pairs were not compared, so mentions of one person "
        "in it may stay apart: raise resolve.block_cap, or map an identifier (phone, "
        "document) of these rows"
    )


def _window(config: ResolveConfig, n: int) -> int:
    """The sliding window in oversized blocks (see ``ResolveConfig.block_window``)."""
    if config.block_window is not None:
        return config.block_window
    return int(np.clip(config.block_cap * 100_000 // max(n, 1), 6, config.block_cap))


def _cap(config: ResolveConfig, n: int) -> int:
    """The largest block that gives all its pairs: ``block_cap``, or with the automatic
    window the window itself, which is ``block_cap`` up to 100,000 person mentions and
    shrinks in proportion above. In a million mentions, a block of 40 that shares a
    common name's key is mostly namesakes: all its 780 pairs would make the count grow
    with the square of the case, not in proportion."""
    if config.block_window is not None:
        return config.block_cap
    return _window(config, n)


def pair_codes(left: np.ndarray, right: np.ndarray, n: int) -> np.ndarray:
    """One int64 per pair of mention positions (``left * n + right``): how pairs are
    looked up among millions (sorted codes, binary search)."""
    return np.asarray(left, dtype=np.int64) * n + np.asarray(right, dtype=np.int64)


@dataclass(frozen=True)
class DecidedPairs:
    """The analysts' decisions on person pairs, as mention positions (smaller first)."""

    lo: np.ndarray
    hi: np.ndarray
    decision: np.ndarray  # Decision values
    n: int  # person mentions: the base of :func:`pair_codes`

    @classmethod
    def of(cls, decisions: pd.DataFrame, persons: pd.Index) -> DecidedPairs:
        """The decisions (in force) between two person mentions of ``persons``."""
        ol = persons.get_indexer(decisions["left"].to_numpy())
        orr = persons.get_indexer(decisions["right"].to_numpy())
        ok = (ol >= 0) & (orr >= 0) & (ol != orr)
        return cls(
            lo=np.minimum(ol[ok], orr[ok]),
            hi=np.maximum(ol[ok], orr[ok]),
            decision=decisions["decision"].to_numpy(dtype=object)[ok],
            n=len(persons),
        )

    @property
    def code(self) -> np.ndarray:
        return pair_codes(self.lo, self.hi, self.n)

    @property
    def must(self) -> np.ndarray:
        return self.decision == Decision.MUST_LINK

    @property
    def cannot(self) -> np.ndarray:
        return self.decision == Decision.CANNOT_LINK

    def per_pair(self, code: np.ndarray) -> pd.Series:
        """The decision on each pair (by :func:`pair_codes`), NaN where none."""
        by_code = pd.Series(self.decision, index=self.code)
        by_code = by_code[~by_code.index.duplicated(keep="last")]
        return by_code.reindex(code)

    def labels(self, code: np.ndarray) -> np.ndarray | None:
        """EM's label per pair: 1 must-link, 0 cannot-link, -1 undecided (None: no decision)."""
        if len(self.lo) == 0:
            return None
        lab = pd.Series(np.where(self.must, 1, 0), index=self.code)
        got = lab[~lab.index.duplicated(keep="last")].reindex(code)
        return np.where(got.notna(), got.fillna(-1), -1).astype(np.int8)


def analyst_decisions(
    case: Case, config: ResolveConfig, mentions: pd.DataFrame | CaseTables | None = None
) -> pd.DataFrame:
    """The case's decisions table with those of ``config.overrides`` and
    ``config.labels`` (CSV files) added; ``mentions`` (the case's by default) are those
    the CSVs' ids and ``SOURCE#ROW`` references name. A CSV row whose mention holds
    another record now than the file names is left out and warned of, and so are ids
    of a file ingested again since the CSV was written
    (:func:`~linkgraph.resolve.overrides.read_decision_file`)."""
    decisions = case_decisions(case)
    paths = [p for p in (config.overrides, config.labels) if p is not None]
    if not paths:
        return decisions
    if not isinstance(mentions, pd.DataFrame):
        tables = CaseTables(case) if mentions is None else mentions
        mentions = tables.read(_REFERENCE_COLUMNS)
    for path in paths:
        read = read_decision_file(path, mentions, case.manifest)
        for note in read.warnings:
            warnings.warn(note, CaseWarning, stacklevel=user_stacklevel())
        decisions = add_decisions(decisions, read.decisions)
    return decisions


def candidate_pairs(
    features: pd.DataFrame, config: ResolveConfig, decided: DecidedPairs
) -> tuple[pd.DataFrame, pd.DataFrame, SetAside]:
    """The person pairs to score: those the blocking rules give, sorted by (left, right),
    then the decided pairs they lack (scored too, so evidence and explain show them).

    Returns:
        Columns ``left``, ``right`` (positions) and ``rule`` (a categorical: the
        blocking rule's name, or ``override``); the blocking report; and a sample of the
        pairs blocking set aside unscored (EM still learns from them in proportion).
    """
    aside: list[np.ndarray] = []
    pairs, report = block(
        features,
        config.blocking,
        cap=_cap(config, len(features)),
        window=_window(config, len(features)),
        max_pairs=config.max_pairs,
        set_aside=aside,
        workers=config.workers,
    )
    set_aside = SetAside.sample(
        np.concatenate(aside) if aside else np.empty(0, np.int64),
        decided.n,
        config.seed,
        SET_ASIDE_COMPARED,
    )
    del aside
    rule_names = np.array([rule_name(r) for r in config.blocking] + ["override"], dtype=object)
    left = pairs["left"].to_numpy(np.int64)
    right = pairs["right"].to_numpy(np.int64)
    rule_id = pairs["rule"].to_numpy(np.int64)
    del pairs
    code = pair_codes(left, right, decided.n)
    # The blocked pair codes are sorted (pairs come sorted by left, right): a binary
    # search, not np.setdiff1d, which hashes all the millions of them.
    wanted = unique(decided.code)
    at = np.minimum(np.searchsorted(code, wanted), max(len(code) - 1, 0))
    extra = wanted[code[at] != wanted] if len(code) else wanted
    if len(extra):
        left = np.concatenate([left, extra // decided.n])
        right = np.concatenate([right, extra % decided.n])
        rule_id = np.concatenate([rule_id, np.full(len(extra), len(config.blocking))])
    # Categorical: a code per pair, not a pointer (millions of pairs, a few rule names).
    name_code, name_values = pd.factorize(rule_names)
    rule = pd.Categorical.from_codes(name_code[rule_id], name_values)
    return pd.DataFrame({"left": left, "right": right, "rule": rule}, copy=False), report, set_aside


def recorded_sexes(
    features: pd.DataFrame, model: Model, config: ResolveConfig
) -> np.ndarray | None:
    """The recorded sex of each person mention ("M", "F", "" for none) that clustering
    keeps apart (a man and a woman never share an entity, through a chain of merges
    either), or None when :class:`~linkgraph.resolve.adjustments.SexConflict` is off or
    the case records sexes too unreliably to veto (``model.sexes_reliable``)."""
    if not config.sex_conflict or not model.sexes_reliable or "sex" not in features:
        return None
    return features["sex"].to_numpy(dtype=object)


def generations_at_home(
    scored: pd.DataFrame, features: pd.DataFrame, prob: np.ndarray, threshold: float
) -> np.ndarray:
    """The pairs whose full dates of birth are a generation apart (``generations_apart``:
    15 years or more, day and month different too) at one address, where
    :class:`~linkgraph.resolve.adjustments.SexConflict` lets the weights decide (one
    person's date replaced by a clerk, as FEBRL's corrupted copies have it), when each
    date is confirmed: held by another mention that matches its own above ``threshold``
    (see :func:`confirmed_dates`). A replaced date is a one-off; a father's and his son's
    each recur in their own records."""
    n = len(scored)
    if "generations_apart" not in scored or n == 0:
        return np.zeros(n, dtype=bool)
    pairs = scored["generations_apart"].to_numpy(bool) & ~scored["sex_vetoed"].to_numpy(bool)
    if not pairs.any():
        return pairs
    left = scored["left"].to_numpy(np.int64)
    right = scored["right"].to_numpy(np.int64)
    dob = features["dob8"].to_numpy(dtype=object)
    matched = prob >= threshold
    confirmed = confirmed_dates(dob, left, right, matched)
    confirmed |= confirmed_by_ages(features, left, right, matched)
    return pairs & confirmed[left] & confirmed[right]


def confirmed_by_ages(
    features: pd.DataFrame, left: np.ndarray, right: np.ndarray, matched: np.ndarray
) -> np.ndarray:
    """Per mention, whether its full date of birth's year is among the years of birth a
    stated age of a mention it matches gives (features.record_birth_years): James Scott
    born 1965, "Jimmy Scott, 59" at an intake in 2024. A date an age bears out is no
    clerk's one-off."""
    out = np.zeros(len(features), dtype=bool)
    ranges = born_ranges(features)
    if ranges is None:
        return out
    lo, hi, aged = ranges
    full = features["dob8"].to_numpy(dtype=object) != ""
    y = features["dob_y"].to_numpy()
    a, b = left[matched], right[matched]
    for x, o in ((a, b), (b, a)):
        ok = full[x] & aged[o] & (lo[o] <= y[x]) & (y[x] <= hi[o])
        out[x[ok]] = True
    return out


def confirmed_dates(
    dob: np.ndarray, left: np.ndarray, right: np.ndarray, matched: np.ndarray
) -> np.ndarray:
    """Per mention, whether its full date of birth (``dob``, YYYYMMDD or "") is held by
    another mention it matches (``matched`` pairs ``left``/``right``), the same date or
    one typo of it (:func:`~linkgraph.resolve.clustering.dobs_compatible`)."""
    out = np.zeros(len(dob), dtype=bool)
    a, b = left[matched], right[matched]
    da, db = dob[a], dob[b]
    both = (da != "") & (db != "")
    same = both & (da == db)
    out[a[same]] = True
    out[b[same]] = True
    # Only the unequal dates of mentions not yet confirmed need the typo check.
    rest = np.flatnonzero(both & ~same & ~(out[a] & out[b]))
    ok = np.fromiter(
        (dobs_compatible(x, y) for x, y in zip(da[rest].tolist(), db[rest].tolist(), strict=True)),
        dtype=bool,
        count=len(rest),
    )
    out[a[rest[ok]]] = True
    out[b[rest[ok]]] = True
    return out


def cluster_persons(
    scored: pd.DataFrame,
    features: pd.DataFrame,
    persons: pd.DataFrame,
    model: Model,
    config: ResolveConfig,
    decided: DecidedPairs,
    report: dict[str, Any] | None = None,
    network_groups: np.ndarray | None = None,
    network_keys: np.ndarray | None = None,
    counts: np.ndarray | None = None,
) -> tuple[np.ndarray, pd.DataFrame]:
    """Entity label per person mention: the scored pairs above the threshold joined,
    unless that puts a conflicting pair, different dates of birth or two nodes of one
    network file (``network_groups``, with the nodes' ``network_keys``: see
    :mod:`~linkgraph.resolve.network_nodes`) in one entity; the
    analysts' must-links joined and cannot-links kept apart; then the entity-size prior
    (``counts``: the mentions each stands for, copies of one record); then, when
    ``persons`` has a ``source`` column and the case is two lists of the same
    people, their left-overs paired (:class:`~linkgraph.resolve.adjustments.TwoLists`;
    what it found goes into ``report["two_lists"]``).

    Returns:
        The labels, and ``scored`` (with the priors' bits where they applied).
    """
    left = scored["left"].to_numpy(np.int64)
    right = scored["right"].to_numpy(np.int64)
    prob = scored["match_probability"].to_numpy()
    weight = scored["match_weight"].to_numpy()
    strong = scored["strong_rule"].to_numpy(dtype=object) != ""
    # The evidence of the fields alone, without the prior: the prior weight falls with
    # the size of the case (-11 bits at 5,000 mentions, -20 at a million), and a pair
    # merely short of agreement would otherwise count as a conflict in a large case.
    conflict = (weight - model.prior_weight <= config.conflict_weight) & ~strong
    # A parent and child at one address (the sex conflict leaves a household's dates to
    # the weights): each date confirmed by another record of its own.
    at_home = generations_at_home(scored, features, prob, config.threshold) & ~strong
    at_home &= config.sex_conflict
    if at_home.any():
        prob = np.where(at_home, np.minimum(prob, SexConflict.cap), prob)
        scored["match_probability"] = prob
    scored["generations_at_home"] = at_home
    conflict |= at_home
    # A man and a woman (adjustments.SexConflict) never share an entity, through a chain
    # of merges either.
    if "sex_vetoed" in scored:
        conflict |= scored["sex_vetoed"].to_numpy(bool)
    # Twins and siblings (adjustments.sibling_pairs: plainly different given names of one
    # family, documents that differ) are two people: a third record matching each ("Ion
    # Popescu" and "Vasile Popescu", born on one day, in a list without documents) does
    # not join them either.
    if "siblings" in scored:
        conflict |= scored["siblings"].to_numpy(bool)
    # Different dates of birth are no conflict of their own here: clustering refuses
    # a merge that puts two of them in one entity unless a pair above the threshold
    # compared those very dates.
    must, cannot = decided.must, decided.cannot
    lo, hi = decided.lo, decided.hi
    check_contradictions(persons, lo[must], hi[must], lo[cannot], hi[cannot])
    conflicts = (
        np.concatenate([left[conflict], lo[cannot]]),
        np.concatenate([right[conflict], hi[cannot]]),
    )
    # A cannot-link pair never merges directly, whatever its score.
    if cannot.any():
        code = pair_codes(left, right, decided.n)
        prob = np.where(np.isin(code, decided.code[cannot]), 0.0, prob)
    # Two nodes of one network file are two nodes, however alike their labels; nodes of
    # two network files are one person only under one label.
    refused = refused_node_pairs(network_groups, network_keys, left, right)
    prob = np.where(refused, 0.0, prob)
    dob = features["dob8"].to_numpy(dtype=object)
    if "dob_placeholder" in features:  # 1 January for a year alone: the year, "YYYY0000"
        held = features["dob_placeholder"].to_numpy(bool) & (dob != "")
        dob = dob.copy()
        dob[held] = [d[:4] + "0000" for d in dob[held]]
    if not model.dates_reliable:  # dates too unreliable to veto (scoring.date_reliability)
        dob = np.full(len(dob), "", dtype=object)
    sex = recorded_sexes(features, model, config)
    labels = cluster(
        decided.n,
        left,
        right,
        prob,
        threshold=config.threshold,
        conflicts=conflicts,
        must_link=(lo[must], hi[must]),
        dob=dob,
        exclusive=network_groups,
        sex=sex,
        rank=merge_rank(scored, prob),
    )
    prior = entity_size_prior(config)
    if prior is not None:
        # A name several people bear, alone (scoring.name_fits_several), does not lean
        # towards the namesake seen most either.
        scored, labels = prior.apply(
            scored,
            labels,
            prob=prob,
            blocked=conflict | (prob == 0.0) | _flag_column(scored, "name_shared"),
            threshold=config.threshold,
            conflicts=conflicts,
            dob=dob,
            exclusive=network_groups,
            sex=sex,
            counts=counts,
        )
    pairing = two_lists(config)
    if pairing is not None and "source" in persons and decided.n:
        code, names = pd.factorize(persons["source"].fillna(""), sort=True)
        scored, labels, found = pairing.apply(
            scored,
            labels,
            source=code,
            names=tuple(str(x) for x in names),
            model=model,
            config=config,
            cannot=decided.code[cannot],
            score_pairs=lambda lo, hi: score_persons(features, lo, hi, config, model=model)[0],
        )
        if report is not None:
            report["two_lists"] = found.to_dict()
    return labels, scored


def merge_rank(scored: pd.DataFrame, prob: np.ndarray) -> np.ndarray:
    """The order in which clustering tries the pairs above the threshold where a
    conflict forbids some merges (descending): their weight before the namesake
    discount of exact names (a negative ``name_calibration``, the share of the case's
    exact-name pairs that are namesakes), else the probability. The discount says how
    often a name is shared, which holds for a near spelling of it as much: without it in
    the order, "Anna Mazur" / "JOANNA MAZUR" (one date of birth, a name alike) would be
    tried before "Anna Mazur" / "ANNA MAZUR" and take the twin whose passport then keeps
    Anna's own record out. Which pairs merge at all is still their probability's."""
    if "name_calibration" not in scored or "match_weight" not in scored:
        return prob
    cal = scored["name_calibration"].to_numpy(np.float64)
    undiscounted = scored["match_weight"].to_numpy(np.float64) - np.minimum(cal, 0.0)
    with np.errstate(divide="ignore"):
        # log2 odds of the probability clustering reads (a strong rule's floor included)
        logit = np.log2(prob) - np.log2(1.0 - np.minimum(prob, 1.0))
    return np.maximum(logit, undiscounted)


def resolve(
    case: Case, config: ResolveConfig | None = None, *, progress: Progress | None = None
) -> Case:
    """Merge duplicate mentions into entities.

    Adds the ``resolution`` (mention_id → entity_id: every mention gets one) and
    ``evidence`` tables and drops those made from the earlier entities (metrics, key
    players, communities, routes: ``analyze`` and ``routes`` make them again); every
    other table is passed through unchanged. Entity ids are
    ``"e:"`` + the hash of the smallest mention id of the entity, so they survive re-runs;
    an entity holding a victim's mention is named after her records instead (see
    :mod:`linkgraph.resolve.victim_ids`), and an identifier linked to her after its
    keyed value, so that their pseudonyms survive a corrected file that moves her rows.
    The learnt weights go into the manifest (``resolve_model``), with the blocking report
    and the stage times in the ``resolve`` step; analysts' decisions (must-link /
    cannot-link) from ``config.overrides`` and ``config.labels`` are added to the case's
    ``decisions`` table (who, when, why) and honoured on every later run, the newest on
    each pair.

    The steps, each a function of this module: :func:`analyst_decisions`, the person
    features, :func:`candidate_pairs` (blocking), scoring
    (:func:`~linkgraph.resolve.chunked.score_compact`: comparisons, EM, the weights and
    the adjustments of :mod:`linkgraph.resolve.adjustments` in their order),
    :func:`cluster_persons`, the other types
    (:func:`~linkgraph.resolve.others.group_others`), the evidence.
    """
    config = ResolveConfig() if config is None else config
    progress = or_null(progress)
    tables = CaseTables(case)
    _check_mentions(tables)
    check_comparisons(config.comparisons)
    seconds: dict[str, float] = {}
    peaks: dict[str, int] = {}  # the process's peak memory after each step
    t_all = time.perf_counter()
    # CPU seconds of the process (all its threads) per step: on a shared machine the wall
    # seconds above measure the other processes too.
    cpu: dict[str, float] = {}
    t_cpu = time.process_time()

    # Each decision checked against its records: moved with a row a corrected file moved,
    # set aside when its record is gone (mention ids are positions, see attach_decisions).
    attached = attach_decisions(analyst_decisions(case, config, tables), tables, case.pseudonym_key)
    decisions = attached.decisions
    overrides = in_force(attached)
    is_person = (tables.read(("type",))["type"].astype(str) == "person").to_numpy()
    # Each step reads the columns it uses (from the case folder when the case was read
    # without them) and lets them go: the person rows' fields until their features are
    # made, the other rows' identifiers while they are resolved, the ids at the end.
    persons = tables.read(_PERSON_COLUMNS, is_person)
    pindex = pd.Index(persons["mention_id"].astype(str))
    decided_all = DecidedPairs.of(overrides, pindex)

    with _timed(seconds, "features", progress, peaks, cpu):
        # Only the rows that are not persons can be a person's linked identifier.
        linked_rows = None if "mentions" not in tables.on_disk else ~is_person
        # The dates of the persons' records only where an age is stated (features.
        # record_birth_years): the times of every other mention are not read otherwise.
        ages = "attrs" in persons and bool(
            persons["attrs"].astype("string").str.contains('"age"', regex=False).any()
        )
        columns = _LINKED_COLUMNS if ages else tuple(c for c in _LINKED_COLUMNS if c != "time")
        if ages:
            # Ages on undated records compare within their source file
            # (features.undated_ages).
            persons["source"] = tables.read(("source",), is_person)["source"].to_numpy()
        linked = linked_identifiers(
            tables.read(columns, linked_rows), tables.links(), pindex, years=ages
        )
        features = person_features(persons, linked)
        del linked
        placeholders = mark_year_placeholders(features)
        roles = (
            persons["role"].fillna("").astype(str).to_numpy(object)
            if "role" in persons
            else np.full(len(persons), "", dtype=object)
        )
        # The names live on in ``features``; the ids are those of ``pindex`` (no copy);
        # the sources when the case may be two lists (see adjustments.TwoLists).
        persons = pd.DataFrame({"mention_id": pd.Series(pindex.array, copy=False)})
        clustering: dict[str, Any] = {}
        network_nodes, node_labels = _node_groups(case, tables, is_person)
        if two_lists(config) is not None:
            if tables.distinct_at_most_one("source"):  # from Parquet statistics, on disk
                clustering["two_lists"] = {"applied": False, "why": "one source"}
            else:
                persons["source"] = tables.read(("source",), is_person)["source"].array
        # Copies of one record (resolve.identical): one representative each until the
        # entities are made.
        all_features = features
        copies = _copies(features, roles, tables, is_person, decided_all, network_nodes)
        del roles
        features = copies.take(features)
        persons = copies.take(persons)
        network_nodes, node_labels = copies.take(network_nodes), copies.take(node_labels)
        decided = DecidedPairs.of(overrides, pindex[copies.rep]) if copies.copies else decided_all
    give_back_memory()  # what the persons' fields and the linked identifiers held
    with _timed(seconds, "blocking", progress, peaks, cpu):
        pairs, report, set_aside = candidate_pairs(features, config, decided)
        if copies.copies and set_aside.total:  # the mentions' pairs they stand for
            stand_for = copies.pair_weights(set_aside.left, set_aside.right).mean()
            set_aside = replace(set_aside, total=round(set_aside.total * float(stand_for)))
    capped_warning = _capped_message(report, persons["mention_id"], _cap(config, len(features)))
    if capped_warning:
        warnings.warn(capped_warning, CaseWarning, stacklevel=user_stacklevel())
    # The per-mention work of the comparisons (codes, vocabularies, frequencies) is done
    # once, for scoring, and reused for the evidence of the pairs kept.
    with reuse_features():
        c0 = time.process_time()
        weights = _copy_weights(copies, pairs, all_features) if copies.copies else None
        scored, model = score_candidates(
            features, pairs, config, decided, seconds, set_aside, weights
        )
        model = replace(model, year_placeholders=placeholders)
        del all_features, weights
        cpu["comparison, em, scoring"] = round(time.process_time() - c0, 3)
        peaks["scoring"] = max_rss_mib()
        del pairs
        with _timed(seconds, "clustering", progress, peaks, cpu):
            person_labels, scored = cluster_persons(
                scored,
                features,
                persons,
                model,
                config,
                decided,
                clustering,
                network_nodes,
                node_labels,
                copies.sizes.astype(np.float64) if copies.copies else None,
            )
            persons = persons[["mention_id"]]  # the sources were for clustering only
            rep_labels = person_labels
            selves = _copies_scored(copies, features, model, config)
            person_labels = copies.expand(rep_labels, selves.joins)

        # From here on only the pairs the evidence keeps, and then only their evidence
        # rows: the millions of others, and the compared fields, are freed before the
        # other types are resolved.
        candidates = len(scored)
        with _timed(seconds, "person evidence", progress, peaks, cpu):
            scored = _kept_pairs(scored, config, decided)  # the candidate pairs freed
            give_back_memory()
            person_evidence = _person_evidence(
                scored, features, persons, rep_labels, model, config, decided
            )
            del scored
            if copies.copies:
                copy_evidence = selves.evidence(copies, pindex, person_labels, config, decided)
                person_evidence = pd.concat([person_evidence, copy_evidence], ignore_index=True)
    del features  # the folded names and identifiers of every person mention (and their work)
    give_back_memory()
    with _timed(seconds, "others", progress, peaks, cpu):
        # Only the columns the other types are resolved on (not the person fields); their
        # ids and sources only when analysts' decisions may name them.
        columns = _OTHER_COLUMNS if len(overrides) else _OTHER_KEY_COLUMNS
        others = tables.read(columns, ~is_person)
        keys = other_keys(others)
        network = network_sources(case.manifest)
        if network:  # a network file's node keeps the identity its label gives it
            nodes = tables.read(("source", "label"), ~is_person)
            keys = with_node_identities(
                keys, node_groups(nodes["source"], network), nodes["label"].to_numpy(object)
            )
            del nodes
        # Only the ids and sources stay (for the decisions), and only when there are some.
        refs = others[["mention_id", "source"]] if len(overrides) else None
        del others
        # The resolved persons let a split identifier group keep each mention with the
        # side used by the same person (only a cannot-link splits a group).
        splits = bool((overrides["decision"] == Decision.CANNOT_LINK).any())
        other_labels, other_ev = group_others(
            keys,
            refs,
            organisation_threshold=config.organisation_threshold,
            workers=config.workers,
            overrides=overrides,
            links=tables.links() if splits else None,
            person_entity=pd.Series(person_labels, index=pindex),
        )
        other_types = keys.types
        del keys, refs
    give_back_memory()
    with _timed(seconds, "evidence", progress, peaks, cpu):
        ids = tables.read(("mention_id",))["mention_id"]
        labels_all = np.empty(len(is_person), dtype=np.int64)
        labels_all[is_person] = person_labels
        labels_all[~is_person] = other_labels + (person_labels.max() + 1 if decided_all.n else 0)
        resolution = _resolution(ids, labels_all)  # its ids are those read: no copy
        # A victim's entity named after her records (keyed: no name to find by hashing a
        # list of names), so her pseudonym survives a corrected file that moves her rows.
        resolution = victim_entity_ids(resolution, tables, case.pseudonym_key)
        # ... and so are the phones, accounts, ... linked to her (keyed: no value in clear).
        resolution = victim_identifier_ids(resolution, tables, case.pseudonym_key)
        entities = len(unique(labels_all))  # on the labels: no hash of 3.5M id strings
        del labels_all
        other_ev = _other_evidence(ids, np.flatnonzero(~is_person), other_types, other_ev)
        del ids, other_types
        evidence = pd.concat([person_evidence, other_ev], ignore_index=True)
        del person_evidence, other_ev
    seconds["total"] = round(time.perf_counter() - t_all, 3)
    cpu["total"] = round(time.process_time() - t_cpu, 3)
    info: dict[str, Any] = {
        "seconds": seconds,
        "cpu_seconds": cpu,
        "peak_mib": peaks,
        "candidate_pairs": candidates,
        "blocking": report.to_dict("records"),
        "persons": int(decided_all.n),
        "identical_copies": int(copies.copies),
        "entities": entities,
        "overrides": len(overrides),
        "training": [t.name for t in training_for(config).steps],
        "adjustments": [a.name for a in adjustments_for(config)],
        **clustering,
    }
    if len(overrides):
        # Where the decisions in force came from (a labels or overrides CSV by its name,
        # "linkgraph decide"): one given to an earlier run is honoured on this one too,
        # though this run's config names no file.
        origin = overrides["source"].astype("string").fillna("").replace("", "unknown")
        counts = origin.value_counts().sort_index()
        info["overrides_by_source"] = {str(k): int(v) for k, v in counts.items()}
    if attached.moved:
        info["decisions_moved"] = attached.moved
    if attached.followed:
        info["decisions_followed"] = list(attached.followed)
        warnings.warn(
            followed_message(attached.followed), CaseWarning, stacklevel=user_stacklevel()
        )
    if len(attached.set_aside):
        info["decisions_set_aside"] = _set_aside_records(attached.set_aside)
        warnings.warn(
            set_aside_message(attached.set_aside), CaseWarning, stacklevel=user_stacklevel()
        )
    return _resolved_case(case, config, model, decisions, resolution, evidence, info)


def _node_groups(
    case: Case, tables: CaseTables, is_person: np.ndarray
) -> tuple[np.ndarray | None, np.ndarray | None]:
    """Per person mention, a code of the network file it is a node of (-1 for none) and its
    folded label; (None, None) when the case has no network file."""
    network = network_sources(case.manifest)
    if not network:
        return None, None
    read = tables.read(("source", "label"), is_person)
    return node_groups(read["source"], network), node_keys(read["label"])


def _set_aside_records(set_aside: pd.DataFrame) -> list[dict[str, str]]:
    """The decisions set aside (their records gone), for the manifest's resolve step."""
    cols = ["left", "right", "decision", "note", "why"]
    return set_aside[cols].astype("string").fillna("").to_dict("records")


def score_candidates(
    features: pd.DataFrame,
    pairs: pd.DataFrame,
    config: ResolveConfig,
    decided: DecidedPairs,
    seconds: dict[str, float],
    set_aside: SetAside | None = None,
    copies: CopyWeights | None = None,
) -> tuple[pd.DataFrame, Model]:
    """The candidate pairs (:func:`candidate_pairs`) compared and scored, the model
    learnt (the decided pairs labelled for EM; with ``copies``, each pair counted as the
    pairs of copies it stands for), the adjustments applied; only what
    clustering reads, a few dozen bytes per pair (see
    :func:`~linkgraph.resolve.chunked.score_compact`): the evidence of the pairs worth
    keeping is recomputed in full later (``_evidence_pairs``)."""
    left = pairs["left"].to_numpy(np.int64)
    right = pairs["right"].to_numpy(np.int64)
    labels = decided.labels(pair_codes(left, right, decided.n))
    scored, model = score_compact(
        features,
        left,
        right,
        config,
        labels=labels,
        seconds=seconds,
        em_extra=set_aside,
        copies=copies,
    )
    scored.insert(0, "left", left)
    scored.insert(1, "right", right)
    scored["rule"] = pairs["rule"].array
    return scored, model


def _copies(
    features: pd.DataFrame,
    roles: np.ndarray,
    tables: CaseTables,
    is_person: np.ndarray,
    decided: DecidedPairs,
    network_nodes: np.ndarray | None,
) -> Copies:
    """The copies of one record among the person mentions (:mod:`~linkgraph.resolve.identical`):
    equal in every feature, role and source; a mention an analyst's decision names, or a
    node of a network file, is kept on its own."""
    apart = np.zeros(len(features), dtype=bool)
    apart[decided.lo] = True
    apart[decided.hi] = True
    if network_nodes is not None:
        apart |= network_nodes >= 0
    extra = [roles]
    if not tables.distinct_at_most_one("source"):
        extra.append(tables.read(("source",), is_person)["source"].to_numpy(object))
    return find_copies(features, extra, keep_apart=apart)


def _copy_weights(copies: Copies, pairs: pd.DataFrame, features: pd.DataFrame) -> CopyWeights:
    """How many pairs of mentions each candidate pair of representatives, and each group
    of copies, stands for (see :class:`~linkgraph.resolve.chunked.CopyWeights`)."""
    selves = copies.with_copies()
    size = copies.sizes[selves]
    return CopyWeights(
        weight=copies.pair_weights(pairs["left"].to_numpy(), pairs["right"].to_numpy()),
        selves=selves,
        self_weight=size * (size - 1) // 2,
        all_features=features,
    )


@dataclass(frozen=True)
class ScoredCopies:
    """Each representative of copies scored against itself with the learnt model:
    ``joins`` (per representative) whether two such records match, and ``pairs``, the
    full comparison of those self-pairs (positions among the representatives)."""

    joins: np.ndarray
    pairs: pd.DataFrame | None

    def evidence(
        self,
        copies: Copies,
        pindex: pd.Index,
        labels: np.ndarray,
        config: ResolveConfig,
        decided: DecidedPairs,
    ) -> pd.DataFrame:
        """One evidence row per copy, with its representative, scored as the
        representative against itself, marked
        (:data:`~linkgraph.resolve.evidence.COPY_FIELD`) and kept whatever its probability
        (``explain`` names a copy's record by it, and every copy of a record that did not
        match itself is an entity of its own that the evidence must account for): rule
        :data:`~linkgraph.resolve.identical.IDENTICAL_RULE` when they share an entity,
        else the rule the pair's score gives (a capped pair of nameless records, say)."""
        if self.pairs is None or not len(self.pairs):
            return EVIDENCE.empty()
        persons = pd.DataFrame({"mention_id": pindex[copies.rep]})
        one = np.zeros(len(copies.rep), dtype=np.int64)  # left == right: one label
        every = replace(config, evidence_min_probability=0.0)
        rows = _evidence(self.pairs, persons, one, every, decided)
        row_of = np.full(len(copies.rep), -1, dtype=np.int64)
        row_of[self.pairs["left"].to_numpy(np.int64)] = np.arange(len(self.pairs))
        each = copies.copy_positions()
        at = row_of[copies.group_of[each]]
        each, at = each[at >= 0], at[at >= 0]
        out = rows.iloc[at].reset_index(drop=True)
        rep = copies.rep[copies.group_of[each]]
        together = labels[each] == labels[rep]
        out["right"] = _take_ids(pd.Series(pindex.array, copy=False), each)
        out["fields"] = _marked_copies(out["fields"])
        rule = np.where(together, IDENTICAL_RULE, out["rule"].to_numpy(dtype=object))
        out["rule"] = _text(rule)
        decision = np.where(together, Decision.MATCH.value, Decision.NON_MATCH.value)
        out["decision"] = _text(decision.astype(object))
        return out


def _marked_copies(fields: pd.Series) -> pd.api.extensions.ExtensionArray:
    """The ``fields`` JSON of copy rows with :data:`~linkgraph.resolve.evidence.COPY_FIELD`
    set, so ``explain`` finds a copy's record whatever the row's rule (one JSON text per
    distinct text: the copies of a record share theirs)."""
    codes, texts = pd.factorize(fields.astype(object), use_na_sentinel=False)
    marked = np.array(
        [
            f'{{"{COPY_FIELD}":true,{str(t)[1:]}'
            if str(t).startswith("{") and str(t) != "{}"
            else f'{{"{COPY_FIELD}":true}}'
            for t in texts
        ],
        dtype=object,
    )
    return _text(marked[codes])


def _copies_scored(
    copies: Copies, features: pd.DataFrame, model: Model, config: ResolveConfig
) -> ScoredCopies:
    """The representatives of copies (in ``features``, the representatives' rows), each
    scored against itself: whether two such records match."""
    joins = np.zeros(len(copies.rep), dtype=bool)
    selves = copies.with_copies()
    if not len(selves):
        return ScoredCopies(joins=joins, pairs=None)
    full, _ = score_persons(features, selves, selves, config, model=model)
    joins[selves] = full["match_probability"].to_numpy() >= config.threshold
    full.insert(0, "left", selves)
    full.insert(1, "right", selves)
    full["rule"] = IDENTICAL_RULE
    return ScoredCopies(joins=joins, pairs=full)


def _resolved_case(
    case: Case,
    config: ResolveConfig,
    model: Model,
    decisions: pd.DataFrame,
    resolution: pd.DataFrame,
    evidence: pd.DataFrame,
    info: dict[str, Any],
) -> Case:
    """``case`` with the resolution, evidence and decisions tables, the model in the
    manifest and the ``resolve`` step recorded; without the tables made from the earlier
    entities (metrics, communities, routes: :meth:`~linkgraph.model.Case.without_analysis`)."""
    manifest = json.loads(json.dumps(case.manifest, default=str))
    manifest.pop(LEGACY_DECISIONS_KEY, None)  # now the decisions table
    manifest[MODEL_KEY] = model.to_dict()
    previous = earlier_ids(case)
    if previous is not None:  # which ids an analyst may have written down changed
        info = {**info, "entity_ids_changed": changed_record(changed_ids(previous, resolution))}
    out = (
        replace(case, manifest=manifest)
        .without_analysis()
        .with_tables(
            resolution=resolution,
            evidence=evidence,
            decisions=decisions if len(decisions) else case.decisions,
        )
    )
    return out.with_step("resolve", config_to_dict(config), **info)


def _resolution(mention_ids: pd.Series, labels: np.ndarray) -> pd.DataFrame:
    """Entity id per mention: "e:" + the hash part of the smallest mention id of its group.

    Done in Arrow's kernels on the ids as read (UTF-8 byte order is code-point order,
    Python's): no Python string per mention, and Arrow-backed columns out.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    text = pd.StringDtype("pyarrow")
    arr = pc.cast(pa.array(mention_ids.astype("string")), pa.large_string())
    if len(arr) == 0:
        return pd.DataFrame(
            {"mention_id": pd.array(arr, dtype=text), "entity_id": pd.array(arr, dtype=text)}
        )
    # Ranks of the ids (one sort), the smallest rank per group, one string per group
    # (equal ids have neighbouring ranks and the same string).
    order = _id_order(arr)
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order), dtype=np.int64)
    group, group_of = unique(labels, return_inverse=True)
    smallest = np.full(len(group), len(order), dtype=np.int64)
    np.minimum.at(smallest, group_of, rank)
    del rank
    names = arr.take(pa.array(order[smallest]))
    tail = pc.replace_substring_regex(names, "^[^:]*:", "", max_replacements=1)
    large = pa.large_string()
    entity = pc.binary_join_element_wise(pa.scalar("e:", large), tail, pa.scalar("", large))
    return pd.DataFrame(
        {
            "mention_id": pd.array(arr, dtype=text),
            "entity_id": pd.array(entity.take(pa.array(group_of)), dtype=text),
        }
    )


#: Evidence pairs compared again in full at a time (see :func:`_person_evidence`): the
#: full comparison holds some 1.7 KB a pair until its evidence rows are made.
EVIDENCE_CHUNK = 200_000


def _person_evidence(
    scored: pd.DataFrame,
    features: pd.DataFrame,
    persons: pd.DataFrame,
    labels: np.ndarray,
    model: Model,
    config: ResolveConfig,
    decided: DecidedPairs,
) -> pd.DataFrame:
    """The evidence rows of the scored person pairs worth keeping (``scored``, from
    :func:`_kept_pairs`; :func:`_evidence_pairs` then :func:`_evidence`), a chunk of pairs
    at a time: each pair's evidence depends on that pair alone, so the rows are those of
    one pass, but the full comparison (every level, similarity and weight) is held for one
    chunk only, not for the million pairs a case of large entities keeps (a caller
    phoning hundreds of times)."""
    if len(scored) == 0:
        return EVIDENCE.empty()
    parts = []
    with reuse_features():
        for a in range(0, len(scored), EVIDENCE_CHUNK):
            chunk = scored.iloc[a : a + EVIDENCE_CHUNK].reset_index(drop=True)
            full = _evidence_pairs(chunk, features, model, config, decided)
            parts.append(
                _evidence(full, persons, labels, config, decided, households=model.households_apart)
            )
            del full
    return pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]


_HEX = np.full(256, -1, dtype=np.int16)
_HEX[np.frombuffer(b"0123456789abcdef", dtype=np.uint8)] = np.arange(16)


def _id_order(arr: Any) -> np.ndarray:
    """``pc.array_sort_indices(arr)`` (Python's string order) of the ids; as one sort of
    64-bit integers when every id is ``m:`` and 16 lowercase hex digits (the ids linkgraph
    writes: in that fixed width, string order is the order of the hex numbers), which
    is several times faster than Arrow's sort of millions of strings."""
    import pyarrow as pa
    import pyarrow.compute as pc

    width = 18
    n = len(arr)
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks() if arr.num_chunks != 1 else arr.chunk(0)
    if n and arr.null_count == 0 and len(arr.buffers()) == 3:
        offsets = np.frombuffer(arr.buffers()[1], dtype=np.int64)[arr.offset : arr.offset + n + 1]
        if offsets[-1] - offsets[0] == width * n and (np.diff(offsets) == width).all():
            data = np.frombuffer(arr.buffers()[2], dtype=np.uint8)
            chars = data[offsets[0] : offsets[-1]].reshape(n, width)
            if (chars[:, 0] == ord("m")).all() and (chars[:, 1] == ord(":")).all():
                # A column of digits at a time: the temporaries stay one small array.
                value = np.zeros(n, dtype=np.uint64)
                for k in range(2, width):
                    digit = _HEX[chars[:, k]]
                    if (digit < 0).any():
                        break
                    value <<= np.uint64(4)
                    value |= digit.astype(np.uint64)
                else:
                    return np.argsort(value, kind="stable").astype(np.int64)
    return pc.array_sort_indices(arr).to_numpy(zero_copy_only=False).astype(np.int64)


def _kept_pairs(scored: pd.DataFrame, config: ResolveConfig, decided: DecidedPairs) -> pd.DataFrame:
    """The scored pairs worth keeping as evidence: probability at least
    ``config.evidence_min_probability``, or decided by an analyst."""
    if len(scored) == 0:
        return scored
    keep = scored["match_probability"].to_numpy() >= config.evidence_min_probability
    if len(decided.lo):
        code = pair_codes(scored["left"].to_numpy(), scored["right"].to_numpy(), decided.n)
        keep |= np.isin(code, decided.code)
    if keep.all():
        return scored
    return scored[keep].reset_index(drop=True)


def _evidence_pairs(
    scored: pd.DataFrame,
    features: pd.DataFrame,
    model: Model,
    config: ResolveConfig,
    decided: DecidedPairs,
) -> pd.DataFrame:
    """The scored person pairs worth keeping as evidence (probability at least
    ``config.evidence_min_probability``, or decided by an analyst), compared and scored
    again in full (:func:`score_persons` with the learnt model) for their evidence: each
    pair's comparison depends on that pair alone. Their probability and weight are those
    clustering used (with the entity-size and two-lists priors), and so is the cap."""
    if len(scored) == 0:
        return scored
    code = pair_codes(scored["left"].to_numpy(), scored["right"].to_numpy(), decided.n)
    keep = scored["match_probability"].to_numpy() >= config.evidence_min_probability
    if len(decided.lo):
        keep |= np.isin(code, decided.code)
    kept = scored[keep].reset_index(drop=True)
    left = kept["left"].to_numpy(np.int64)
    right = kept["right"].to_numpy(np.int64)
    full, _ = score_persons(features, left, right, config, model=model)
    full.insert(0, "left", left)
    full.insert(1, "right", right)
    full["rule"] = kept["rule"]
    for col in (
        "match_probability",
        "match_weight",
        "entity_size",
        "two_lists",
        "capped",
        "sex_vetoed",
        "generations_at_home",
        "name_shared",
    ):
        if col in kept:
            full[col] = kept[col].to_numpy()
    return full


def _flag_column(scored: pd.DataFrame, column: str) -> np.ndarray:
    """A boolean column of the scored pairs (False everywhere when absent)."""
    if column not in scored:
        return np.zeros(len(scored), dtype=bool)
    return scored[column].to_numpy().astype(bool)


def _ambiguous_rule(scored: pd.DataFrame) -> np.ndarray:
    """Per pair, :data:`AMBIGUOUS_RULE` naming the identifier the pair shares (a phone
    before an e-mail, an account, then a document)."""
    on = np.full(len(scored), AMBIGUOUS_RULE.format("document"), dtype=object)
    for column, words in reversed(_AMBIGUOUS_ON):
        on = np.where(at_level(scored, column, "same"), AMBIGUOUS_RULE.format(words), on)
    return on


def _family_capped(scored: pd.DataFrame) -> np.ndarray:
    """The pairs the weak-name cap holds below the threshold whose given names plainly
    differ beside one family name (``capped``, given name "different", family name
    exact, close or similar)."""
    return (
        scored["capped"].to_numpy(bool)
        & at_level(scored, "given_name", "different")
        & at_level(scored, "family_name", "exact", "close", "similar")
    )


def _evidence(
    scored: pd.DataFrame,
    persons: pd.DataFrame,
    labels: np.ndarray,
    config: ResolveConfig,
    decided: DecidedPairs,
    *,
    households: bool = True,
) -> pd.DataFrame:
    """Evidence rows of the scored person pairs worth keeping (``households``: the
    case lists real households, ``Model.households_apart``, where a home alone is capped)."""
    if len(scored) == 0:
        return EVIDENCE.empty()
    left = scored["left"].to_numpy(np.int64)
    right = scored["right"].to_numpy(np.int64)
    code = pair_codes(left, right, decided.n)
    prob = scored["match_probability"].to_numpy()
    is_override = np.isin(code, decided.code)
    ambiguous = _flag_column(scored, "name_ambiguous")
    keep = (prob >= config.evidence_min_probability) | is_override | ambiguous
    kept = scored[keep]
    left, right, prob, code = left[keep], right[keep], prob[keep], code[keep]
    same = labels[left] == labels[right]
    above = prob >= config.threshold
    decision = np.where(
        above & same,
        Decision.MATCH.value,
        np.where(above, Decision.REFUSED.value, Decision.NON_MATCH.value),
    )
    o = decided.per_pair(code).to_numpy(dtype=object)
    decision = np.where(pd.isna(o), decision, o)
    rule = kept["rule"].to_numpy(dtype=object)
    strong = kept["strong_rule"].to_numpy(dtype=object)
    rule = np.where(strong != "", strong, rule)
    capped = kept["capped"].to_numpy(bool)
    rule = np.where(capped, np.where(_family_capped(kept), _CAPPED_FAMILY, _CAPPED), rule)
    # The cap of weak names said so only where no date of birth or document agrees.
    corroborated = at_level(kept, "dob", "exact", "close") | at_level(
        kept, "document", "same", "one_typo"
    )
    weak_dated = capped & (rule == _CAPPED) & corroborated
    rule = np.where(
        weak_dated,
        np.where(names_both_differ(kept), _CAPPED_BOTH_NAMES, _CAPPED_WEAK_NAMES),
        rule,
    )
    other_birth = capped & (rule == _CAPPED) & names_alone_other_birth(kept)
    rule = np.where(other_birth, _CAPPED_OTHER_BIRTH, rule)
    namesakes = capped & far_apart_namesakes(kept)
    common = _flag_column(kept, "family_common")
    rule = np.where(namesakes, np.where(common, _CAPPED_NAMESAKES, _CAPPED_GENERATIONS), rule)
    # Namesakes a few years apart (their dates differ in year, month and day alike).
    birthdays = namesakes & ~at_level(kept, "dob", "far_apart")
    rule = np.where(birthdays, _CAPPED_BIRTHDAYS, rule)
    # Bearers of a name the case holds with several dates, their dates merely different.
    common_name = birthdays & _flag_column(kept, "name_common")
    common_name &= ~_flag_column(kept, "dob_disjoint")
    rule = np.where(common_name, _CAPPED_COMMON_NAME, rule)
    rule = np.where(capped & alike_given_other_birth(kept), _CAPPED_ALIKE_OTHER_BIRTH, rule)
    rule = np.where(capped & other_family_other_birth(kept), _CAPPED_OTHER_FAMILY, rule)
    if households:
        rule = np.where(capped & home_alone_other_birth(kept), _CAPPED_HOME_ONLY, rule)
        rule = np.where(capped & home_alone_undated(kept), _CAPPED_HOME_UNDATED, rule)
    rule = np.where(capped & unrelated_family_unconfirmed(kept), _CAPPED_UNRELATED_FAMILY, rule)
    rule = np.where(capped & other_family_same_year(kept), _CAPPED_SAME_YEAR, rule)
    rule = np.where(capped & nameless_pairs(kept), _CAPPED_NAMELESS, rule)
    rule = np.where(capped & suffix_undated_pairs(kept), _CAPPED_SUFFIX_UNDATED, rule)
    rule = np.where(_flag_column(kept, "name_ambiguous"), _ambiguous_rule(kept), rule)
    rule = np.where(_flag_column(kept, "name_shared"), SHARED_NAME_RULE, rule)
    if "sex_vetoed" in kept and "sex_conflict" in kept:
        why = np.array([f"sex conflict: {k}" for k in SEX_CONFLICTS], dtype=object)
        for generation in (GENERATION_CONFLICT, GENERATIONS_APART):
            why[generation] = f"generation conflict: {SEX_CONFLICTS[generation]}"
        why[DOCUMENTS_DIFFER] = f"identity conflict: {SEX_CONFLICTS[DOCUMENTS_DIFFER]}"
        code = kept["sex_conflict"].to_numpy(np.int8)
        rule = np.where(kept["sex_vetoed"].to_numpy(bool), why[code], rule)
    at_home = _flag_column(kept, "generations_at_home")
    rule = np.where(at_home, _GENERATIONS_AT_HOME, rule)
    fields = fields_json(kept, config.comparisons)
    return pd.DataFrame(
        {
            "left": _take_ids(persons["mention_id"], left),
            "right": _take_ids(persons["mention_id"], right),
            "type": _text(np.array(["person"], dtype=object)[np.zeros(len(left), np.intp)]),
            "match_probability": prob,
            "match_weight": kept["match_weight"].to_numpy(),
            "rule": _text(rule),
            "decision": _text(decision),
            "fields": fields,
        }
    )


def _text(values: np.ndarray) -> pd.api.extensions.ExtensionArray:
    """An object array of (a few distinct) strings as pandas' Arrow-backed strings, the
    evidence table's dtype: its rows then cost bytes, not a pointer and a Python string
    each, and the case write stores them without another conversion."""
    import pyarrow as pa

    return pd.array(pa.array(values, pa.large_string()), dtype=pd.StringDtype("pyarrow"))


def _take_ids(ids: pd.Series, at: np.ndarray) -> pd.api.extensions.ExtensionArray:
    """The strings (mention ids, types) at positions ``at``, taken in Arrow (no Python
    string per row)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = pa.array(ids.astype("string"))
    taken = pc.cast(pc.take(arr, pa.array(np.asarray(at, dtype=np.int64))), pa.large_string())
    return pd.array(taken, dtype=pd.StringDtype("pyarrow"))


def _other_evidence(
    ids: pd.Series, at: np.ndarray, types: np.ndarray, ev: pd.DataFrame
) -> pd.DataFrame:
    """Evidence rows of the non-person pairs (``ev``: see
    :func:`~linkgraph.resolve.others.resolve_others`): ``at`` are the positions in
    ``ids`` (every mention's id) of the mentions it resolved, ``types`` their types."""
    if len(ev) == 0:
        return EVIDENCE.empty()
    left = ev["left"].to_numpy(np.int64)
    right = ev["right"].to_numpy(np.int64)
    sim = ev["similarity"].to_numpy()
    # One JSON text per distinct (field, level, similarity): millions of phone rows share
    # a handful of them.
    # Integer codes of the three, combined: a MultiIndex of millions of rows costs seconds.
    f_code, f_values = pd.factorize(
        ev["field"].astype(str).to_numpy(dtype=object), use_na_sentinel=False
    )
    l_code, l_values = pd.factorize(
        ev["level"].astype(str).to_numpy(dtype=object), use_na_sentinel=False
    )
    s_code, s_values = pd.factorize(np.round(sim.astype(np.float64), 3), use_na_sentinel=False)
    combined = (f_code.astype(np.int64) * len(l_values) + l_code) * len(s_values) + s_code
    codes, uniques = pd.factorize(combined)
    nl, ns = len(l_values), len(s_values)
    texts = np.array(
        [
            json.dumps(
                {
                    f_values[u // (nl * ns)]: {
                        "level": l_values[u // ns % nl],
                        "similarity": float(s_values[u % ns]),
                    }
                }
            )
            for u in uniques.tolist()
        ],
        dtype=object,
    )
    return pd.DataFrame(
        {
            "left": _take_ids(ids, at[left]),
            "right": _take_ids(ids, at[right]),
            "type": _text(np.asarray(types, dtype=object)[left]),
            "match_probability": sim,
            "match_weight": np.nan,
            "rule": _text(ev["rule"].to_numpy(dtype=object)),
            "decision": _text(ev["decision"].to_numpy(dtype=object)),
            "fields": _text(texts[codes]),
        }
    )
