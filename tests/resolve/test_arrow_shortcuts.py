"""The Arrow short cuts of the resolver give what the pandas forms they replace give."""

from __future__ import annotations

import numpy as np
import pandas as pd

from linkgraph.resolve import _resolution
from linkgraph.resolve.blocking import _explode


def test_resolution_names_each_group_by_its_smallest_id_as_python_does() -> None:
    rng = np.random.default_rng(0)
    ids = [f"m:{x:016x}" for x in rng.integers(0, 2**40, 2000)]
    ids += ["m:é", "m:Z", "m:z", "m:a", "m:ä", "plain", "x:y:z"]
    labels = rng.integers(0, 300, len(ids))
    got = _resolution(pd.Series(ids, dtype="string"), labels)
    # The reference: Python's own string order (code points), "e:" + the part after
    # the first ":" of each group's smallest id.
    smallest: dict[int, str] = {}
    for mid, lab in zip(ids, labels, strict=True):
        smallest[lab] = min(smallest.get(lab, mid), mid)
    want = ["e:" + smallest[lab].split(":", 1)[-1] for lab in labels]
    assert got["mention_id"].tolist() == ids
    assert got["entity_id"].tolist() == want
    assert got["entity_id"].dtype == pd.StringDtype("pyarrow")


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
