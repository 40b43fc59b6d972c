"""Identical person mentions (every compared feature equal) collapsed to one representative.

A person repeated on hundreds of rows of one export (a subscriber on every call record,
a client on every bank line) makes a block of hundreds of identical mentions: above the
block cap only a window of them is paired, and the thousands of identical pairs swamp the
weights EM learns. Blocking, training, scoring and clustering therefore see one
representative per group of identical mentions; each group is then expanded back: its
copies join the representative's entity when two such records match (the pair of the
representative with itself scores above the threshold), or when the representative
merged with anything else (each copy would have made the same pairs). Otherwise (a bare
common name, say) each copy stays an entity of its own, as if compared.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class IdenticalGroups:
    """Which person mentions are identical copies of which.

    ``rep``: the position (among all person mentions) of each group's representative,
    its first mention, ascending; ``group_of``: the group of each person mention.
    """

    rep: np.ndarray
    group_of: np.ndarray

    @property
    def copies(self) -> int:
        """Person mentions that are not their group's representative."""
        return len(self.group_of) - len(self.rep)

    def representatives(self, frame: pd.DataFrame) -> pd.DataFrame:
        """The rows of ``frame`` (one per person mention) of the representatives; the
        frame itself when there is no copy."""
        if self.copies == 0:
            return frame
        return frame.iloc[self.rep].reset_index(drop=True)

    def copy_positions(self) -> np.ndarray:
        """Positions of the copies (the mentions that are not a representative)."""
        is_rep = np.zeros(len(self.group_of), dtype=bool)
        is_rep[self.rep] = True
        return np.flatnonzero(~is_rep)

    def expand(self, rep_labels: np.ndarray, joins: np.ndarray) -> np.ndarray:
        """Entity label per person mention from the representatives' labels: a copy takes
        its representative's label when ``joins[group]``, or when that label is shared
        (the representative merged with another); otherwise a label of its own."""
        labels = np.asarray(rep_labels, dtype=np.int64)
        if self.copies == 0:
            return labels
        shared = np.bincount(labels, minlength=int(labels.max(initial=-1)) + 1)[labels] > 1
        out = labels[self.group_of]
        copies = self.copy_positions()
        apart = copies[~(joins | shared)[self.group_of[copies]]]
        out[apart] = int(labels.max(initial=-1)) + 1 + np.arange(len(apart))
        return out


def identical_groups(
    features: pd.DataFrame, keep_apart: np.ndarray | None = None, extra: pd.Series | None = None
) -> IdenticalGroups:
    """Groups of person mentions whose features (every column of ``features``, from
    :func:`~linkgraph.resolve.features.person_features`) are all equal, and whose
    ``extra`` values (the source, when the case may be two lists) are too.

    The mentions at ``keep_apart`` (those an analyst's decision names) stay groups of
    their own, so each decision is honoured as made. One factorisation per column, no
    Python loop over the rows.
    """
    n = len(features)
    if n == 0:
        return IdenticalGroups(rep=np.empty(0, np.int64), group_of=np.empty(0, np.int64))
    columns = [features[c] for c in features.columns]
    if extra is not None:
        columns.append(extra)
    key = np.zeros(n, dtype=np.int64)
    for column in columns:
        codes, uniques = pd.factorize(column.to_numpy(), use_na_sentinel=False)
        key = key * np.int64(len(uniques) + 1) + codes
        key = pd.factorize(key)[0].astype(np.int64)  # keeps the product small
    if keep_apart is not None and len(keep_apart):
        alone = np.unique(keep_apart)
        key[alone] = key.max() + 1 + np.arange(len(alone))
    # Groups numbered by their first mention: representatives ascending, stable ids.
    group_of, _ = pd.factorize(key)
    first = np.full(int(group_of.max()) + 1, n, dtype=np.int64)
    np.minimum.at(first, group_of, np.arange(n, dtype=np.int64))
    return IdenticalGroups(rep=first, group_of=group_of.astype(np.int64))
