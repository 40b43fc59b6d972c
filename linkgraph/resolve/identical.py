"""Copies of one record: person mentions equal in everything resolution compares,
resolved once.

A subscriber named on every row of a call-detail record is one record repeated on
hundreds of rows: blocking would pair each copy with every other (millions of pairs for a
100,000-call export) and score pairs that all say the same. Mentions equal in every
person feature (:func:`~linkgraph.resolve.features.person_features`), in their role and
source, with at least two identifying fields filled
(:func:`~linkgraph.resolve.training.identical_groups`), are therefore blocked, scored
and clustered as one representative (the group's first mention). Training counts each
representative pair as the pairs of copies it stands for, and each group's own pairs
(the representative with itself), so the weights and the prior are learnt from the case
as it is (:class:`Copies.pair_weights`).

Every copy then takes its representative's entity when two such records match (the
representative scored against itself is above the threshold), or when the representative
merged with another record (each copy would have made the same pairs); otherwise each
copy stays an entity of its own, as if compared. The mentions an analyst's decision names,
and the nodes of network files (two nodes of one file are never one person), are never
collapsed: each is resolved on its own, as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from linkgraph.resolve.evidence import IDENTICAL_RULE
from linkgraph.resolve.training import IDENTITY_FIELDS, identical_groups

__all__ = ["IDENTICAL_RULE", "Copies", "find_copies"]


@dataclass(frozen=True)
class Copies:
    """Which person mentions are copies of which.

    ``rep``: the position (among all person mentions) of each group's representative,
    ascending; ``group_of``: the group (a position in ``rep``) of each person mention.
    """

    rep: np.ndarray
    group_of: np.ndarray

    @property
    def copies(self) -> int:
        """Person mentions that are not their group's representative."""
        return len(self.group_of) - len(self.rep)

    @property
    def sizes(self) -> np.ndarray:
        """Mentions per group (per representative)."""
        return np.bincount(self.group_of, minlength=len(self.rep)).astype(np.int64)

    def take(self, values: np.ndarray | pd.DataFrame | None) -> np.ndarray | pd.DataFrame | None:
        """The representatives' rows of ``values`` (one per person mention)."""
        if values is None or self.copies == 0:
            return values
        if isinstance(values, pd.DataFrame):
            return values.iloc[self.rep].reset_index(drop=True)
        return np.asarray(values)[self.rep]

    def pair_weights(self, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        """How many pairs of mentions each pair of representatives ``left``, ``right``
        (positions among the representatives) stands for: the product of their group
        sizes."""
        sizes = self.sizes
        return sizes[left] * sizes[right]

    def with_copies(self) -> np.ndarray:
        """The representatives (positions among them) whose group holds copies."""
        return np.flatnonzero(self.sizes > 1).astype(np.int64)

    def copy_positions(self) -> np.ndarray:
        """Positions (among all person mentions) of the copies, the mentions that are not
        a representative."""
        is_rep = np.zeros(len(self.group_of), dtype=bool)
        is_rep[self.rep] = True
        return np.flatnonzero(~is_rep)

    def expand(self, rep_labels: np.ndarray, joins: np.ndarray) -> np.ndarray:
        """Entity label per person mention from the representatives' labels: a copy takes
        its representative's label when ``joins[group]`` (its records match), or when that
        label is shared (the representative merged with another); otherwise a new label
        of its own."""
        labels = np.asarray(rep_labels, dtype=np.int64)
        if self.copies == 0:
            return labels
        top = int(labels.max(initial=-1)) + 1
        shared = np.bincount(labels, minlength=top)[labels] > 1
        out = labels[self.group_of]
        copies = self.copy_positions()
        apart = copies[~(joins | shared)[self.group_of[copies]]]
        out[apart] = top + np.arange(len(apart))
        return out


def find_copies(
    features: pd.DataFrame,
    extra: Sequence[np.ndarray] = (),
    keep_apart: np.ndarray | None = None,
) -> Copies:
    """The groups of copies among the person mentions of ``features``: equal in every
    feature column and in each array of ``extra`` (role, source), at least two identifying
    fields filled. The mentions flagged in ``keep_apart`` (boolean, per mention) are
    groups of their own. Groups are numbered by their first mention."""
    n = len(features)
    # The most telling fields first (few mentions are left grouped after them), then
    # every other feature column.
    fields = (*IDENTITY_FIELDS, *(c for c in features.columns if c not in IDENTITY_FIELDS))
    codes = identical_groups(features, fields, extra)
    if keep_apart is not None:
        codes = np.where(keep_apart, -1, codes)
    # A mention alone gets a key of its own past the groups' codes.
    alone = codes < 0
    key = codes.copy()
    key[alone] = int(codes.max(initial=-1)) + 1 + np.arange(int(alone.sum()))
    group_of, _ = pd.factorize(key)  # numbered by first appearance: reps ascending
    first = np.full(int(group_of.max(initial=-1)) + 1, n, dtype=np.int64)
    np.minimum.at(first, group_of, np.arange(n, dtype=np.int64))
    return Copies(rep=first, group_of=group_of.astype(np.int64))
