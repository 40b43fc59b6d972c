"""Array helpers where numpy's own are slow on this workload.

``np.unique`` in numpy 2.4 finds distinct integers with a hash table, then sorts them:
on 3.5 million labels that took 1.95 s here, against 0.02 s for a sort and a comparison
of neighbours; with ``return_inverse`` it took 1.3 s, against 0.4 s for a stable argsort.
:func:`unique` gives the very same results by sorting.
"""

from __future__ import annotations

from typing import Any

import numpy as np


def unique(
    values: Any,
    *,
    return_index: bool = False,
    return_inverse: bool = False,
    return_counts: bool = False,
) -> Any:
    """``np.unique`` of a 1-D integer, boolean or float array (without NaN), by sorting:
    the same sorted values, first indices, inverse and counts. Anything else (objects,
    strings, NaN, several dimensions) goes to ``np.unique`` itself."""
    a = np.asarray(values)
    if a.ndim != 1 or a.dtype.kind not in "biuf" or (a.dtype.kind == "f" and np.isnan(a).any()):
        return np.unique(
            a, return_index=return_index, return_inverse=return_inverse, return_counts=return_counts
        )
    if not (return_index or return_inverse):
        s = np.sort(a)
        first = run_starts(s)
        if not return_counts:
            return s[first]
        return s[first], _counts(first)
    # Stable: the first index of each value is its first occurrence, as np.unique's.
    order = np.argsort(a, kind="stable")
    s = a[order]
    first = run_starts(s)
    out: list[np.ndarray] = [s[first]]
    if return_index:
        out.append(order[first])
    if return_inverse:
        inverse = np.empty(len(a), dtype=np.intp)
        inverse[order] = np.cumsum(first) - 1
        out.append(inverse)
    if return_counts:
        out.append(_counts(first))
    return tuple(out)


def run_starts(sorted_values: np.ndarray) -> np.ndarray:
    """Where each run of equal values in a sorted array begins (a bool per element)."""
    first = np.ones(len(sorted_values), dtype=bool)
    np.not_equal(sorted_values[1:], sorted_values[:-1], out=first[1:])
    return first


def _counts(first: np.ndarray) -> np.ndarray:
    """The length of each run, from where the runs begin."""
    starts = np.flatnonzero(first)
    return np.diff(np.append(starts, len(first))).astype(np.intp)
