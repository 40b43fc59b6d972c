"""Scored pairs to entities, without long chains: a merge that would put a conflicting pair
into one entity is refused."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd
from rapidfuzz.distance import OSA
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from linkgraph._arrays import unique
from linkgraph.resolve.network_nodes import repeated_groups


def components(n: int, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Connected-component label of each of ``n`` items joined by the given edges."""
    if n == 0:
        return np.empty(0, dtype=np.int64)
    graph = coo_matrix((np.ones(len(left), dtype=np.int8), (left, right)), shape=(n, n))
    return connected_components(graph, directed=False)[1].astype(np.int64)


def dobs_compatible(a: str, b: str) -> bool:
    """Two full dates of birth (YYYYMMDD) that may be the same person's: equal, day and
    month swapped, one digit typed wrong or two neighbours swapped, or the year one off
    with day and month kept (``comparisons.year_slip``). A year alone ("YYYY0000": a 1
    January the case gives for a year alone, ``comparisons.mark_year_placeholders``)
    fits every date of its year.

    Examples:
        >>> dobs_compatible("19900102", "19900201"), dobs_compatible("19900102", "19850102")
        (True, False)
        >>> dobs_compatible("19790000", "19791106"), dobs_compatible("19791106", "19801106")
        (True, True)
        >>> dobs_compatible("19790000", "19801106")
        False
    """
    if a == b:
        return True
    if a[:4] == b[:4]:
        swapped = a[4:6] == b[6:8] and a[6:8] == b[4:6]
        if swapped or _YEAR_ALONE in (a[4:], b[4:]):
            return True
    elif a[4:] == b[4:] and a[:4].isdigit() and b[:4].isdigit():
        return abs(int(a[:4]) - int(b[:4])) == 1 or OSA.distance(a, b) <= 1
    return OSA.distance(a, b) <= 1


#: Month and day of a date of birth that is a year alone (YYYYMMDD's last four).
_YEAR_ALONE = "0000"


#: Most (clashing pair, date) checks :func:`_common_date` makes for one merge: groups
#: holding hundreds of distinct dates are not one person's typos, and stay apart as before.
_COMMON_DATE_BUDGET = 10_000


def _common_date(a: str, b: str, dates: set[str]) -> bool:
    """Whether one of ``dates`` is :func:`dobs_compatible` with both ``a`` and ``b``:
    the date of which both may be typos. A year alone is no such date: it fits every
    birthday of its year, the two clashing ones too."""
    return any(
        dobs_compatible(a, z) and dobs_compatible(b, z) for z in dates if z[4:] != _YEAR_ALONE
    )


def _several_values(labels: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    """Per label (of ``n``), whether its items hold more than one distinct non-empty value
    (dates of birth, recorded sexes)."""
    bad = np.zeros(n, dtype=bool)
    idx = np.flatnonzero(values != "")
    if len(idx) == 0:
        return bad
    # Values as integer codes: only their equality counts here, and a sort of integers is
    # many times one of Python strings.
    lab, val = labels[idx], pd.factorize(values[idx])[0]
    order = np.lexsort((val, lab))
    lab, val = lab[order], val[order]
    distinct = np.r_[True, (lab[1:] != lab[:-1]) | (val[1:] != val[:-1])]
    per_label = np.bincount(lab[distinct], minlength=n)
    bad[np.flatnonzero(per_label > 1)] = True
    return bad


def _compared(
    values: np.ndarray,
    small: list[int],
    big: int,
    scored_with: dict[int, list[int]],
    find: Callable[[int], int],
) -> set[frozenset[str]]:
    """The pairs of ``values`` (dates of birth, sexes) that the merging pairs between the
    mentions ``small`` and the group rooted at ``big`` compared, and still scored above
    the threshold."""
    return {
        frozenset((values[x], values[y]))
        for x in small
        for y in scored_with.get(x, ())
        if find(y) == big
    }


def cluster(
    n: int,
    left: np.ndarray,
    right: np.ndarray,
    probability: np.ndarray,
    *,
    threshold: float,
    conflicts: tuple[np.ndarray, np.ndarray] | None = None,
    must_link: tuple[np.ndarray, np.ndarray] | None = None,
    dob: Sequence[str] | np.ndarray | None = None,
    exclusive: np.ndarray | None = None,
    sex: Sequence[str] | np.ndarray | None = None,
    rank: np.ndarray | None = None,
) -> np.ndarray:
    """Entity label (an int) of each of ``n`` mentions.

    Pairs at or above ``threshold`` are merged in descending probability (or descending
    ``rank``, one value per pair, when given); must-link pairs first, unconditionally. A
    merge is refused when the two groups would then hold a conflicting pair: one listed
    in ``conflicts`` (cannot-link, strong non-match) or two full dates of birth
    (``dob``, YYYYMMDD or "") that are not :func:`dobs_compatible`, unless a pair above
    the threshold between the two groups holds those two dates (its score already
    weighed them). So A~B and B~C do not force A=C when A and C conflict.
    Nor does one entity hold two mentions of one ``exclusive`` group (a code per mention,
    -1 for none: the nodes of one network file, see
    :mod:`~linkgraph.resolve.network_nodes`), but through a must-link. Nor two recorded
    sexes (``sex``, "M", "F" or "" for none) that differ, unless a pair above the
    threshold between the two groups holds those two sexes (a document in common let it
    through :class:`~linkgraph.resolve.adjustments.SexConflict`): a man and a woman never
    share an entity through a third mention whose sex is not recorded.

    Components without any conflict (almost all) are labelled by a vectorised
    connected-components pass; only the conflicted ones go through the ordered,
    conflict-checking union-find.
    """
    keep = probability >= threshold
    el, er, ep = left[keep], right[keep], probability[keep]
    ek = ep if rank is None else np.asarray(rank, dtype=np.float64)[keep]
    if must_link is not None and len(must_link[0]):
        el = np.concatenate([must_link[0], el])
        er = np.concatenate([must_link[1], er])
        ep = np.concatenate([np.full(len(must_link[0]), np.inf), ep])
        ek = np.concatenate([np.full(len(must_link[0]), np.inf), ek])
    labels = components(n, el, er)
    # Which components hold a conflict?
    bad = np.zeros(n, dtype=bool)
    if conflicts is not None and len(conflicts[0]):
        ca, cb = conflicts
        inside = labels[ca] == labels[cb]
        bad[labels[ca[inside]]] = True
    for values in (dob, sex):
        if values is not None:
            bad |= _several_values(labels, np.asarray(values, dtype=object), n)
    if exclusive is not None:
        bad |= repeated_groups(labels, exclusive, n)
    if not bad.any():
        return labels
    edge_bad = bad[labels[el]]
    sub_l, sub_r, sub_p = el[edge_bad], er[edge_bad], ep[edge_bad]
    order = np.argsort(-ek[edge_bad], kind="stable")
    nodes = unique(np.concatenate([sub_l, sub_r]))
    conflict_of: dict[int, set[int]] = {}
    if conflicts is not None:
        ca, cb = conflicts
        # Only a conflict inside one component can be violated by its merges.
        sel = (labels[ca] == labels[cb]) & bad[labels[ca]]
        for a, b in zip(ca[sel].tolist(), cb[sel].tolist(), strict=True):
            conflict_of.setdefault(a, set()).add(b)
            conflict_of.setdefault(b, set()).add(a)
    dob_list = None if dob is None else np.asarray(dob, dtype=object)
    sex_list = None if sex is None else np.asarray(sex, dtype=object)
    # The merging pairs of each mention (both directions): which dates of birth were
    # compared, and still scored above the threshold, between two groups.
    scored_with: dict[int, list[int]] = {}
    for a, b in zip(sub_l.tolist(), sub_r.tolist(), strict=True):
        scored_with.setdefault(a, []).append(b)
        scored_with.setdefault(b, []).append(a)
    parent = {int(x): int(x) for x in nodes}
    members = {int(x): [int(x)] for x in nodes}
    dobs = {
        int(x): ({dob_list[x]} if dob_list is not None and dob_list[x] != "" else set())
        for x in nodes
    }
    sexes = {
        int(x): ({sex_list[x]} if sex_list is not None and sex_list[x] != "" else set())
        for x in nodes
    }
    groups = {
        int(x): ({int(exclusive[x])} if exclusive is not None and exclusive[x] >= 0 else set())
        for x in nodes
    }

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b, p in zip(
        sub_l[order].tolist(), sub_r[order].tolist(), sub_p[order].tolist(), strict=True
    ):
        ra, rb = find(a), find(b)
        if ra == rb:
            continue
        if p != np.inf:
            small, big = (ra, rb) if len(members[ra]) <= len(members[rb]) else (rb, ra)
            big_set = set(members[big])
            if any(conflict_of.get(x, set()) & big_set for x in members[small]):
                continue
            if groups[ra] & groups[rb]:  # two nodes of one network file
                continue
            # Different dates of birth may merge only through pairs between the two
            # groups that compared those very dates and still scored above the
            # threshold: never through a third mention without a date (A~B, B~C with A,
            # C born on different days and never compared).
            clash = [(x, y) for x in dobs[ra] for y in dobs[rb] if not dobs_compatible(x, y)]
            dates = dobs[ra] | dobs[rb]
            if clash and len(clash) * len(dates) <= _COMMON_DATE_BUDGET:
                # Two typos of one date (1851-06-02 typed 1854-06-02 in one record and
                # 1851-06-05 in another) clash with each other but not with the date
                # itself: held by either group, it excuses them.
                clash = [(x, y) for x, y in clash if not _common_date(x, y, dates)]
            if clash and dob_list is not None:
                compared = _compared(dob_list, members[small], big, scored_with, find)
                if any(frozenset((x, y)) not in compared for x, y in clash):
                    continue
            # A man and a woman likewise: only a pair between the two groups that
            # compared those sexes and still scored above the threshold joins them.
            if sexes[ra] and sexes[rb] and sexes[ra] != sexes[rb] and sex_list is not None:
                compared = _compared(sex_list, members[small], big, scored_with, find)
                if frozenset(sexes[ra] | sexes[rb]) not in compared:
                    continue
        if len(members[ra]) < len(members[rb]):
            ra, rb = rb, ra
        parent[rb] = ra
        members[ra].extend(members.pop(rb))
        dobs[ra] |= dobs.pop(rb)
        sexes[ra] |= sexes.pop(rb)
        groups[ra] |= groups.pop(rb)
    # Relabel the nodes of conflicted components by their final root; fresh labels
    # beyond n keep them apart from the vectorised components.
    out = labels.copy()
    out[nodes] = n + np.array([find(int(x)) for x in nodes], dtype=np.int64)
    return out
