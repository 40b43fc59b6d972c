"""Entity-size prior: a mention whose exact name matches a person seen many times is more
likely that person than a namesake seen once.

Pairwise weights say how likely two mentions with this name are one person when nothing
else is known. But a new "Elena MATEI" is not compared with one other mention: she is
compared with an entity that 119 mentions already call Elena Matei. People who are
mentioned often keep being mentioned (a controller in call records, bank statements and
hotline reports), so the chance that the next mention of that name is that same person
grows with how often the person has been seen: the Chinese-restaurant prior of Bayesian
entity resolution, where a mention joins an existing entity in proportion to its size.

:func:`entity_size_boost` multiplies the odds of an exact-name pair between a small
entity and a large one by the large entity's size over the mean entity size, once per
small entity (towards its largest exact-name partner only, so a mention never glues two
large namesakes together), never where the pair conflicts or an analyst said
cannot-link; :func:`attach_small_entities` then moves the small entities whose boosted
pair reaches the threshold into their large one.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from linkgraph._arrays import unique
from linkgraph.resolve.clustering import dobs_compatible

#: Pairs below this match probability are not boosted, however large the entity.
MIN_PROBABILITY = 0.5


def entity_size_boost(
    labels: np.ndarray,
    left: np.ndarray,
    right: np.ndarray,
    probability: np.ndarray,
    exact_names: np.ndarray,
    blocked: np.ndarray,
    *,
    threshold: float,
    counts: np.ndarray | None = None,
) -> np.ndarray:
    """log2 of the odds factor each pair gets from the size of the entity it would join
    (0 for most pairs). ``counts``: how many mentions each of ``labels`` stands for (a
    record's copies, see :mod:`~linkgraph.resolve.identical`), 1 each by default.

    Args:
        labels: entity label per mention after a first clustering pass.
        left, right: the scored pairs (mention positions).
        probability: their match probabilities.
        exact_names: pairs whose given and family names both agree exactly.
        blocked: pairs that must not be boosted (conflicts, cannot-links, strong
            non-matches).
        threshold: the merge threshold; only pairs below it and at or above
            :data:`MIN_PROBABILITY` are boosted.

    A pair is boosted when its two mentions are in different entities, one of them
    "small" (at most the mean entity size, or 3), by log2(size of the other / mean size)
    when that is positive; each small entity is boosted towards one entity only, its
    largest exact-name partner.

    >>> labels = np.array([0] * 6 + [1, 2])   # one entity of six mentions, two singletons
    >>> left, right = np.array([0, 6, 6]), np.array([6, 7, 1])
    >>> bits = entity_size_boost(labels, left, right, np.array([0.8, 0.8, 0.8]),
    ...     np.array([True, True, True]), np.array([False, False, False]), threshold=0.9)
    >>> bits.round(2).tolist()   # mean size 8/3: log2(6 / (8/3)) on the pairs to entity 0
    [1.17, 0.0, 1.17]
    """
    bits = np.zeros(len(left), dtype=np.float64)
    if len(left) == 0:
        return bits
    n_entities = len(unique(labels))
    mean_size = (len(labels) if counts is None else float(counts.sum())) / max(n_entities, 1)
    size = np.bincount(labels, weights=counts)
    la, lb = labels[left], labels[right]
    candidate = (
        exact_names
        & ~blocked
        & (la != lb)
        & (probability < threshold)
        & (probability >= MIN_PROBABILITY)
    )
    idx = np.flatnonzero(candidate)
    if len(idx) == 0:
        return bits
    sa, sb = size[la[idx]], size[lb[idx]]
    small = np.where(sa <= sb, la[idx], lb[idx])
    big = np.where(sa <= sb, lb[idx], la[idx])
    small_size, big_size = np.minimum(sa, sb), np.maximum(sa, sb)
    factor = np.log2(big_size / mean_size)
    ok = (small_size <= max(mean_size, 3.0)) & (factor > 0)
    if not ok.any():
        return bits
    pairs = pd.DataFrame(
        {
            "pos": idx[ok],
            "small": small[ok],
            "big": big[ok],
            "big_size": big_size[ok],
            "bits": factor[ok],
        }
    )
    # Each small entity leans towards one entity: its largest partner (lowest label on a
    # tie), so a mention never bridges two large entities that share its name.
    best = pairs.sort_values(["small", "big_size", "big"], ascending=[True, False, True])
    best = best.drop_duplicates("small")[["small", "big"]]
    chosen = pairs.merge(best, on=["small", "big"])
    bits[chosen["pos"].to_numpy()] = chosen["bits"].to_numpy()
    return bits


def attach_small_entities(
    labels: np.ndarray,
    left: np.ndarray,
    right: np.ndarray,
    probability: np.ndarray,
    boost: np.ndarray,
    *,
    threshold: float,
    conflicts: tuple[np.ndarray, np.ndarray],
    dob: np.ndarray,
    exclusive: np.ndarray | None = None,
    sex: np.ndarray | None = None,
) -> np.ndarray:
    """Labels after each small entity joins the large one its boosted pairs reach.

    Only pairs with a boost (see :func:`entity_size_boost`) whose boosted probability is at
    or above ``threshold`` count; each small entity joins at most one large entity (the
    boost already picked it), and not when a conflict pair (``conflicts``: positions)
    joins the two, nor when their full dates of birth (``dob``, YYYYMMDD or "") are not
    compatible, nor when both hold a mention of one ``exclusive`` group (the nodes of one
    network file), nor when they hold recorded sexes (``sex``, "M", "F" or "") that
    differ. Large entities never merge with each other here, so one pass suffices.
    """
    hit = np.flatnonzero((boost > 0) & (probability >= threshold))
    if len(hit) == 0:
        return labels
    size = np.bincount(labels)
    la, lb = labels[left[hit]], labels[right[hit]]
    small = np.where(size[la] <= size[lb], la, lb)
    big = np.where(size[la] <= size[lb], lb, la)
    moves = pd.DataFrame({"small": small, "big": big}).drop_duplicates("small")
    # Vetoed by a conflict pair between the two entities.
    ca, cb = conflicts
    if len(ca):
        target = np.full(len(size), -1, dtype=np.int64)
        target[moves["small"].to_numpy()] = moves["big"].to_numpy()
        x, y = labels[ca], labels[cb]
        vetoed = np.concatenate([x[target[x] == y], y[target[y] == x]])
        moves = moves[~moves["small"].isin(vetoed)]
    # Vetoed by dates of birth that cannot be one person's.
    have = np.flatnonzero(np.asarray(dob, dtype=object) != "")
    if len(have) and len(moves):
        dobs = pd.DataFrame({"label": labels[have], "dob": np.asarray(dob, dtype=object)[have]})
        dobs = dobs.drop_duplicates()
        check = moves.merge(dobs, left_on="small", right_on="label").merge(
            dobs, left_on="big", right_on="label", suffixes=("_s", "_b")
        )
        bad = [
            s
            for s, a, b in zip(check["small"], check["dob_s"], check["dob_b"], strict=True)
            if not dobs_compatible(a, b)
        ]
        moves = moves[~moves["small"].isin(bad)]
    if exclusive is not None and len(moves):
        moves = moves[~_share_group(moves, labels, exclusive)]
    if sex is not None and len(moves):
        moves = moves[~_other_sex(moves, labels, np.asarray(sex, dtype=object))]
    out = labels.copy()
    target = np.arange(len(size))
    target[moves["small"].to_numpy()] = moves["big"].to_numpy()
    return target[out]


def _share_group(moves: pd.DataFrame, labels: np.ndarray, exclusive: np.ndarray) -> np.ndarray:
    """Per move (``small``, ``big``), whether both entities hold a mention of one
    ``exclusive`` group."""
    has = np.flatnonzero(exclusive >= 0)
    held = pd.DataFrame({"label": labels[has], "group": exclusive[has]}).drop_duplicates()
    pairs = moves.reset_index(drop=True).reset_index()
    both = pairs.merge(held, left_on="small", right_on="label").merge(
        held, left_on=["big", "group"], right_on=["label", "group"]
    )
    return pairs["index"].isin(both["index"]).to_numpy()


def _other_sex(moves: pd.DataFrame, labels: np.ndarray, sex: np.ndarray) -> np.ndarray:
    """Per move (``small``, ``big``), whether the two entities hold recorded sexes that
    differ (a man in one, a woman in the other)."""
    has = np.flatnonzero(sex != "")
    held = pd.DataFrame({"label": labels[has], "sex": sex[has]}).drop_duplicates()
    pairs = moves.reset_index(drop=True).reset_index()
    both = pairs.merge(held, left_on="small", right_on="label").merge(
        held, left_on="big", right_on="label", suffixes=("_s", "_b")
    )
    differ = both.loc[both["sex_s"] != both["sex_b"], "index"]
    return pairs["index"].isin(differ).to_numpy()
