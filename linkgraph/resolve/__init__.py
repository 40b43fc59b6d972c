"""Entity resolution: mentions of the same person, phone or organisation become one entity.

``resolve(case)`` runs blocking → comparison → scoring (EM) → clustering → evidence; the
steps are public functions over DataFrames, so a notebook can run and inspect each one.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd

from linkgraph._config_base import config_to_dict
from linkgraph.model import (
    EVIDENCE,
    LEGACY_DECISIONS_KEY,
    MENTIONS,
    OPTIONAL_TABLES,
    Case,
    validate_table,
)
from linkgraph.progress import Progress, or_null
from linkgraph.resolve.blocking import BLOCKING_KEYS, block, rule_name
from linkgraph.resolve.chunked import em_rows, learn, random_u, score_compact
from linkgraph.resolve.clustering import cluster
from linkgraph.resolve.comparisons import COMPARISONS, at_level, check_comparisons, compare
from linkgraph.resolve.config import ResolveConfig
from linkgraph.resolve.entity_prior import attach_small_entities, entity_size_boost
from linkgraph.resolve.evaluate import evaluate
from linkgraph.resolve.evidence import fields_json
from linkgraph.resolve.explain import MODEL_KEY, explain, review
from linkgraph.resolve.features import linked_identifiers, person_features
from linkgraph.resolve.others import check_contradictions, resolve_others
from linkgraph.resolve.overrides import (
    add_decisions,
    case_decisions,
    effective_decisions,
    read_overrides,
)
from linkgraph.resolve.scoring import (
    Model,
    apply_name_calibration,
    full_name_calibration,
    level_matrix,
    probability,
    score,
    strong_rules,
    tf_reference,
    tf_tables,
    train_em,
    weak_name_pairs,
)
from linkgraph.schema import IDENTIFIER_FIELDS, PERSON_IDENTIFIERS, Decision

__all__ = [
    "BLOCKING_KEYS",
    "COMPARISONS",
    "MODEL_KEY",
    "READ_COLUMNS",
    "Model",
    "ResolveConfig",
    "block",
    "cluster",
    "compare",
    "evaluate",
    "explain",
    "person_features",
    "resolve",
    "review",
    "score",
    "score_persons",
    "train_em",
]

#: The mention columns resolution reads. The others (``raw``, ``attrs``, ...) are left
#: out before the person / other split: copying them row by row costs seconds and memory.
_USED_COLUMNS = (
    "mention_id", "type", "label", "name", "given_name", "family_name", "name_latin",
    "dob", "sex", "nationality", "country", "city", "postcode", "address",
    *dict.fromkeys((*PERSON_IDENTIFIERS, *IDENTIFIER_FIELDS.values())), "source",
)  # fmt: skip
#: What :func:`resolve` reads of a case (``Case.read(path, columns=READ_COLUMNS)``): the
#: mention columns it uses (and those overrides refer to), the links' ends, the analysts'
#: decisions in full, and none of the other optional tables, which it replaces
#: (resolution, evidence) or passes through unchanged.
READ_COLUMNS: dict[str, tuple[str, ...]] = {
    "mentions": (*_USED_COLUMNS, "slot", "row"),
    "links": ("link_id", "src", "dst"),
    **dict.fromkeys((t for t in OPTIONAL_TABLES if t != "decisions"), ()),
}
_CAPPED = "capped: names agree only weakly, no date of birth or document"


@contextmanager
def _timed(seconds: dict[str, float], stage: str, progress: Progress) -> Iterator[None]:
    progress.start(f"resolve: {stage}")
    start = time.perf_counter()
    try:
        yield
    finally:
        seconds[stage] = round(time.perf_counter() - start, 3)
        progress.finish()


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
    tf = tf_tables(features) if config.tf_adjustment else None
    trained = model is None
    if model is None:
        rng = np.random.default_rng(config.seed)
        u_init = random_u(features, config, rng)
        pick = em_rows(len(compared), config, labels, rng)
        levels = level_matrix(compared, names)
        if pick is not None:
            levels = levels[pick]
            labels = None if labels is None else labels[pick]
        model = learn(levels, labels, len(compared), len(features), u_init, config)
        if tf is not None:
            model.tf_reference = tf_reference(tf)
    seconds["em"] = round(time.perf_counter() - t0, 3)
    scored = score(
        compared,
        model,
        features=features,
        left=left,
        right=right,
        tf=tf,
        tf_max_bits=config.tf_max_bits,
    )
    if trained and config.name_calibration:
        model.name_calibration, model.name_calibration_info = full_name_calibration(scored, model)
        scored = apply_name_calibration(scored, model)
    if config.strong_rules:
        rule = strong_rules(scored).to_numpy(dtype=object)
        strong = rule != ""
        prob = scored["match_probability"].to_numpy()
        scored["match_probability"] = np.where(strong, np.maximum(prob, 0.999), prob)
        scored["strong_rule"] = pd.Categorical(rule)
    else:
        scored["strong_rule"] = ""
    if config.weak_name_cap is not None:
        weak = weak_name_pairs(scored)
        prob = scored["match_probability"].to_numpy()
        capped = weak & (prob > config.weak_name_cap)
        scored["match_probability"] = np.where(capped, config.weak_name_cap, prob)
        scored["capped"] = capped
    else:
        scored["capped"] = False
    return scored, model


def _window(config: ResolveConfig, n: int) -> int:
    """The sliding window in oversized blocks (see ``ResolveConfig.block_window``)."""
    if config.block_window is not None:
        return config.block_window
    return int(np.clip(config.block_cap * 100_000 // max(n, 1), 6, config.block_cap))


def _positions(ids: pd.Series, index: pd.Index) -> np.ndarray:
    return index.get_indexer(ids.to_numpy())


def resolve(
    case: Case, config: ResolveConfig | None = None, *, progress: Progress | None = None
) -> Case:
    """Merge duplicate mentions into entities.

    Adds the ``resolution`` (mention_id → entity_id: every mention gets one) and
    ``evidence`` tables; every other table is passed through unchanged. Entity ids are
    ``"e:"`` + the hash of the smallest mention id of the entity, so they survive re-runs.
    The learnt weights go into the manifest (``resolve_model``), with the blocking report
    and the stage times in the ``resolve`` step; analysts' decisions (must-link /
    cannot-link) from ``config.overrides`` and ``config.labels`` are added to the case's
    ``decisions`` table (who, when, why) and honoured on every later run, the newest on
    each pair.
    """
    config = ResolveConfig() if config is None else config
    progress = or_null(progress)
    validate_table(case.mentions, MENTIONS)
    check_comparisons(config.comparisons)
    mentions = case.mentions.reset_index(drop=True)
    seconds: dict[str, float] = {}
    t_all = time.perf_counter()

    decisions = case_decisions(case)
    for path in (config.overrides, config.labels):
        if path is not None:
            decisions = add_decisions(decisions, read_overrides(path, mentions))
    overrides = effective_decisions(decisions)
    mentions = mentions[[c for c in mentions.columns if c in _USED_COLUMNS]]

    is_person = (mentions["type"].astype(str) == "person").to_numpy()
    persons = mentions[is_person].reset_index(drop=True)
    pindex = pd.Index(persons["mention_id"].astype(str))
    with _timed(seconds, "features", progress):
        linked = linked_identifiers(mentions, case.links, pindex)
        features = person_features(persons, linked)
        del linked
        # Only the ids are needed from here on (the names live on in ``features``).
        persons = persons[["mention_id"]]
    with _timed(seconds, "blocking", progress):
        pairs, report = block(
            features,
            config.blocking,
            cap=config.block_cap,
            window=_window(config, len(features)),
            max_pairs=config.max_pairs,
            workers=config.workers,
        )
        rule_names = np.array([rule_name(r) for r in config.blocking] + ["override"], dtype=object)
        left = pairs["left"].to_numpy(np.int64)
        right = pairs["right"].to_numpy(np.int64)
        rule_id = pairs["rule"].to_numpy(np.int64)
        # Override pairs are scored too, so evidence and explain can show them.
        ol = _positions(overrides["left"], pindex)
        orr = _positions(overrides["right"], pindex)
        ok = (ol >= 0) & (orr >= 0) & (ol != orr)
        o_lo, o_hi = np.minimum(ol[ok], orr[ok]), np.maximum(ol[ok], orr[ok])
        o_dec = overrides["decision"].to_numpy(dtype=object)[ok]
        n = len(persons)
        code = left * n + right
        o_code = o_lo * n + o_hi
        # The blocked pair codes are sorted (pairs come sorted by left, right): a binary
        # search, not np.setdiff1d, which hashes all the millions of them.
        wanted = np.unique(o_code)
        at = np.minimum(np.searchsorted(code, wanted), max(len(code) - 1, 0))
        extra = wanted[code[at] != wanted] if len(code) else wanted
        if len(extra):
            left = np.concatenate([left, extra // n])
            right = np.concatenate([right, extra % n])
            rule_id = np.concatenate([rule_id, np.full(len(extra), len(config.blocking))])
            code = left * n + right
    labels = None
    if len(o_code):
        labels = np.full(len(code), -1, dtype=np.int8)
        lab_series = pd.Series(np.where(o_dec == Decision.MUST_LINK, 1, 0), index=o_code)
        lab_series = lab_series[~lab_series.index.duplicated(keep="last")]
        got = lab_series.reindex(code)
        labels = np.where(got.notna(), got.fillna(-1), -1).astype(np.int8)
    # Only what clustering reads, a few dozen bytes per pair: the evidence of the pairs
    # worth keeping is recomputed in full below (_evidence_pairs).
    scored, model = score_compact(features, left, right, config, labels=labels, seconds=seconds)
    scored.insert(0, "left", left)
    scored.insert(1, "right", right)
    # Categorical: a code per pair, not a pointer (millions of pairs, a few rule names).
    name_code, name_values = pd.factorize(rule_names)
    scored["rule"] = pd.Categorical.from_codes(name_code[rule_id], name_values)

    with _timed(seconds, "clustering", progress):
        prob = scored["match_probability"].to_numpy()
        weight = scored["match_weight"].to_numpy()
        strong = scored["strong_rule"].to_numpy(dtype=object) != ""
        # The evidence of the fields alone, without the prior: the prior weight falls with
        # the size of the case (-11 bits at 5,000 mentions, -20 at a million), and a pair
        # merely short of agreement would otherwise count as a conflict in a large case.
        conflict = (weight - model.prior_weight <= config.conflict_weight) & ~strong
        # Different dates of birth are no conflict of their own here: clustering refuses
        # a merge that puts two of them in one entity unless a pair above the threshold
        # compared those very dates.
        must = o_dec == Decision.MUST_LINK
        cannot = o_dec == Decision.CANNOT_LINK
        check_contradictions(persons, o_lo[must], o_hi[must], o_lo[cannot], o_hi[cannot])
        c_left = np.concatenate([left[conflict], o_lo[cannot]])
        c_right = np.concatenate([right[conflict], o_hi[cannot]])
        # A cannot-link pair never merges directly, whatever its score.
        if cannot.any():
            prob = np.where(np.isin(code, o_code[cannot]), 0.0, prob)

        person_labels = cluster(
            n,
            left,
            right,
            prob,
            threshold=config.threshold,
            conflicts=(c_left, c_right),
            must_link=(o_lo[must], o_hi[must]),
            dob=features["dob8"].to_numpy(dtype=object),
        )
        if config.entity_size_prior and len(prob):
            exact = at_level(scored, "given_name", "exact") & at_level(
                scored, "family_name", "exact"
            )
            blocked = conflict | (prob == 0.0)
            if "dob_conflict" in scored:
                blocked |= scored["dob_conflict"].to_numpy(bool)
            boost = entity_size_boost(
                person_labels, left, right, prob, exact, blocked, threshold=config.threshold
            )
            if boost.any():
                logit = np.log2(prob / np.maximum(1 - prob, 1e-300)) + boost
                prob = np.where(boost > 0, probability(logit), prob)
                scored["match_probability"] = prob
                scored["match_weight"] = scored["match_weight"].to_numpy() + boost
                scored["entity_size"] = boost.astype(np.float32)
                person_labels = attach_small_entities(
                    person_labels,
                    left,
                    right,
                    prob,
                    boost,
                    threshold=config.threshold,
                    conflicts=(c_left, c_right),
                    dob=features["dob8"].to_numpy(dtype=object),
                )

    # From here on only the pairs the evidence keeps: the millions of others are freed
    # before the other types are resolved.
    candidate_pairs = len(scored)
    scored = _evidence_pairs(scored, features, model, config, o_code, n)
    del pairs, left, right, rule_id, code, labels, prob, weight, strong, conflict, c_left, c_right
    del features  # the folded names and identifiers of every person mention
    with _timed(seconds, "others", progress):
        others = mentions[~is_person].reset_index(drop=True)
        # The resolved persons let a split identifier group keep each mention with the
        # side used by the same person.
        other_labels, other_ev = resolve_others(
            others,
            organisation_threshold=config.organisation_threshold,
            workers=config.workers,
            overrides=overrides,
            links=case.links,
            person_entity=pd.Series(person_labels, index=pindex),
        )

    with _timed(seconds, "evidence", progress):
        labels_all = np.empty(len(mentions), dtype=np.int64)
        labels_all[is_person] = person_labels
        labels_all[~is_person] = other_labels + (person_labels.max() + 1 if n else 0)
        resolution = _resolution(mentions["mention_id"].astype(str), labels_all)
        evidence = _evidence(scored, persons, person_labels, config, o_code, o_dec, n)
        evidence = pd.concat([evidence, _other_evidence(others, other_ev)], ignore_index=True)
    seconds["total"] = round(time.perf_counter() - t_all, 3)

    manifest = json.loads(json.dumps(case.manifest, default=str))
    manifest.pop(LEGACY_DECISIONS_KEY, None)  # now the decisions table
    manifest[MODEL_KEY] = model.to_dict()
    out = replace(case, manifest=manifest).with_tables(
        resolution=resolution,
        evidence=evidence,
        decisions=decisions if len(decisions) else case.decisions,
    )
    info: dict[str, Any] = {
        "seconds": seconds,
        "candidate_pairs": candidate_pairs,
        "blocking": report.to_dict("records"),
        "persons": int(n),
        "entities": int(resolution["entity_id"].nunique()),
        "overrides": len(overrides),
    }
    return out.with_step("resolve", config_to_dict(config), **info)


def _sorted_ranks(ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``pd.factorize(ids, sort=True)`` of string ids, sorted in Arrow's C kernels (UTF-8
    byte order is code-point order, Python's) instead of pandas' object sort."""
    import pyarrow as pa
    import pyarrow.compute as pc

    try:
        arr = pa.array(ids, pa.large_string())
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return pd.factorize(ids, sort=True)
    if arr.null_count:
        return pd.factorize(ids, sort=True)
    uniques = pc.unique(arr)
    sorted_ids = uniques.take(pc.array_sort_indices(uniques))
    rank = pc.index_in(arr, value_set=sorted_ids).to_numpy(zero_copy_only=False)
    return rank.astype(np.int64), sorted_ids.to_numpy(zero_copy_only=False).astype(object)


def _entity_ids(names: np.ndarray) -> np.ndarray:
    """ "e:" + the part of each mention id after its first ":" (all of it when none)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = pa.array(names, pa.large_string())
    tail = pc.replace_substring_regex(arr, "^[^:]*:", "", max_replacements=1)
    text = pa.large_string()
    out = pc.binary_join_element_wise(pa.scalar("e:", text), tail, pa.scalar("", text))
    return np.asarray(out.to_numpy(zero_copy_only=False), dtype=object)


def _resolution(mention_ids: pd.Series, labels: np.ndarray) -> pd.DataFrame:
    """Entity id per mention: "e:" + the hash part of the smallest mention id of its group."""
    ids = mention_ids.to_numpy(dtype=object)
    if len(ids) == 0:
        return pd.DataFrame({"mention_id": ids, "entity_id": ids})
    # Ranks of the ids (one sort), the smallest rank per group, one string per group.
    rank, sorted_ids = _sorted_ranks(ids)
    group, group_of = np.unique(labels, return_inverse=True)
    smallest = np.full(len(group), len(sorted_ids), dtype=np.int64)
    np.minimum.at(smallest, group_of, rank)
    names = np.asarray(sorted_ids, dtype=object)[smallest]
    entity = _entity_ids(names)
    return pd.DataFrame({"mention_id": ids, "entity_id": entity[group_of]})


def _evidence_pairs(
    scored: pd.DataFrame,
    features: pd.DataFrame,
    model: Model,
    config: ResolveConfig,
    o_code: np.ndarray,
    n: int,
) -> pd.DataFrame:
    """The scored person pairs worth keeping as evidence (probability at least
    ``config.evidence_min_probability``, or decided by an analyst), compared and scored
    again in full (:func:`score_persons` with the learnt model) for their evidence: each
    pair's comparison depends on that pair alone. Their probability and weight are those
    clustering used (with the entity-size prior)."""
    if len(scored) == 0:
        return scored
    code = scored["left"].to_numpy(np.int64) * n + scored["right"].to_numpy(np.int64)
    keep = scored["match_probability"].to_numpy() >= config.evidence_min_probability
    if len(o_code):
        keep |= np.isin(code, o_code)
    kept = scored[keep].reset_index(drop=True)
    left = kept["left"].to_numpy(np.int64)
    right = kept["right"].to_numpy(np.int64)
    full, _ = score_persons(features, left, right, config, model=model)
    full.insert(0, "left", left)
    full.insert(1, "right", right)
    full["rule"] = kept["rule"]
    for col in ("match_probability", "match_weight", "entity_size"):
        if col in kept:
            full[col] = kept[col].to_numpy()
    return full


def _evidence(
    scored: pd.DataFrame,
    persons: pd.DataFrame,
    labels: np.ndarray,
    config: ResolveConfig,
    o_code: np.ndarray,
    o_dec: np.ndarray,
    n: int,
) -> pd.DataFrame:
    """Evidence rows of the scored person pairs worth keeping."""
    if len(scored) == 0:
        return EVIDENCE.empty()
    left = scored["left"].to_numpy(np.int64)
    right = scored["right"].to_numpy(np.int64)
    code = left * n + right
    prob = scored["match_probability"].to_numpy()
    is_override = np.isin(code, o_code)
    keep = (prob >= config.evidence_min_probability) | is_override
    kept = scored[keep]
    left, right, prob, code = left[keep], right[keep], prob[keep], code[keep]
    same = labels[left] == labels[right]
    above = prob >= config.threshold
    decision = np.where(
        above & same,
        Decision.MATCH.value,
        np.where(above, Decision.REFUSED.value, Decision.NON_MATCH.value),
    )
    dec_by_code = pd.Series(o_dec, index=o_code)
    dec_by_code = dec_by_code[~dec_by_code.index.duplicated(keep="last")]
    o = dec_by_code.reindex(code).to_numpy(dtype=object)
    decision = np.where(pd.isna(o), decision, o)
    rule = kept["rule"].to_numpy(dtype=object)
    strong = kept["strong_rule"].to_numpy(dtype=object)
    rule = np.where(strong != "", strong, rule)
    rule = np.where(kept["capped"].to_numpy(bool), _CAPPED, rule)
    ids = persons["mention_id"].astype(str).to_numpy(dtype=object)
    return pd.DataFrame(
        {
            "left": ids[left],
            "right": ids[right],
            "type": "person",
            "match_probability": prob,
            "match_weight": kept["match_weight"].to_numpy(),
            "rule": rule,
            "decision": decision,
            "fields": fields_json(kept, config.comparisons),
        }
    )


def _other_evidence(others: pd.DataFrame, ev: pd.DataFrame) -> pd.DataFrame:
    """Evidence rows of the non-person pairs (see :func:`resolve_others` for ``ev``)."""
    if len(ev) == 0:
        return EVIDENCE.empty()
    ids = others["mention_id"].astype(str).to_numpy(dtype=object)
    types = others["type"].astype(str).to_numpy(dtype=object)
    left = ev["left"].to_numpy(np.int64)
    right = ev["right"].to_numpy(np.int64)
    sim = ev["similarity"].to_numpy()
    # One JSON text per distinct (field, level, similarity): millions of phone rows share
    # a handful of them.
    key = pd.MultiIndex.from_arrays(
        [ev["field"].astype(str), ev["level"].astype(str), np.round(sim.astype(np.float64), 3)]
    )
    codes, uniques = key.factorize()
    texts = np.array(
        [json.dumps({f: {"level": lv, "similarity": s}}) for f, lv, s in uniques], dtype=object
    )
    fields = texts[codes]
    return pd.DataFrame(
        {
            "left": ids[left],
            "right": ids[right],
            "type": types[left],
            "match_probability": sim,
            "match_weight": np.nan,
            "rule": ev["rule"].to_numpy(dtype=object),
            "decision": ev["decision"].to_numpy(dtype=object),
            "fields": fields,
        }
    )
