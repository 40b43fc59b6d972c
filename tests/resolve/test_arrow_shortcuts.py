"""The Arrow short cuts of the resolver give what the pandas forms they replace give."""

from __future__ import annotations

import numpy as np
import pandas as pd

from linkgraph.resolve import _sorted_ranks
from linkgraph.resolve.blocking import _explode


def test_sorted_ranks_equal_pandas_sorted_factorize() -> None:
    rng = np.random.default_rng(0)
    ids = [f"m:{x:016x}" for x in rng.integers(0, 2**40, 2000)]
    ids = np.array(ids + ["m:é", "m:Z", "m:z", "m:a", "m:ä"] * 3, dtype=object)
    rank, sorted_ids = _sorted_ranks(ids)
    ref_rank, ref_sorted = pd.factorize(ids, sort=True)
    assert rank.tolist() == ref_rank.tolist()
    assert list(sorted_ids) == list(ref_sorted)


def test_explode_splits_multi_values_as_str_split() -> None:
    phones = np.array(["+1|+2", "", "+3", "|+4", "+5|"], dtype=object)
    names = np.array(["a", "b", "c", "d", "e"], dtype=object)
    features = pd.DataFrame({"phone": phones, "given_name": names})
    cache = {"phone": phones, "given_name": names}
    rows, values = _explode(features, ["phone", "given_name"], cache)
    parts = pd.Series(phones, dtype=object).str.split("|")
    counts = parts.str.len().to_numpy()
    assert rows.tolist() == np.repeat(np.arange(5), counts).tolist()
    assert values["phone"].tolist() == [p for ps in parts for p in ps]
    assert values["given_name"].tolist() == np.repeat(names, counts).tolist()
