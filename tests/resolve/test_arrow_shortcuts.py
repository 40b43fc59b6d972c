"""The Arrow short cuts of the resolver give what the pandas forms they replace give."""

from __future__ import annotations

import numpy as np
import pandas as pd

from linkgraph.resolve import _resolution
from linkgraph.resolve.blocking import _rule_codes


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


def _partition(keys: list[tuple[str, ...]]) -> list[int]:
    """Block codes by first appearance: equal tuples (none with a "") share one code."""
    seen: dict[tuple[str, ...], int] = {}
    return [-1 if "" in k else seen.setdefault(k, len(seen)) for k in keys]


def _renumbered(codes: np.ndarray) -> list[int]:
    seen: dict[int, int] = {}
    return [-1 if c < 0 else seen.setdefault(c, len(seen)) for c in codes.tolist()]


def test_rule_codes_split_multi_values_as_str_split_and_explode() -> None:
    phones = np.array(["+1|+2", "", "+3", "|+4", "+5|", "+3|+1"], dtype=object)
    names = np.array(["a", "b", "a", "d", "", "a"], dtype=object)
    features = pd.DataFrame({"phone": phones, "given_name": names})
    codes, rows = _rule_codes(features, ["phone", "given_name"], {})
    # The reference: pandas' split and explode, one row per value.
    frame = pd.DataFrame({"phone": phones, "given_name": names})
    frame["phone"] = frame["phone"].str.split("|")
    want = frame.explode("phone")
    assert rows.tolist() == want.index.tolist()
    keys = list(zip(want["phone"], want["given_name"], strict=True))
    assert _renumbered(codes) == _partition(keys)


def test_rule_codes_explode_two_split_keys_in_turn() -> None:
    phones = np.array(["1|2", "2", "1|3", "", "3|2"], dtype=object)
    tokens = np.array(["ana|ion", "ion", "ana", "ana|ion", "ion|zoe"], dtype=object)
    features = pd.DataFrame({"phone": phones, "name_token": tokens})
    cache = {"name_token": tokens}  # the key's values as given, not made from names
    codes, rows = _rule_codes(features, ["name_token", "phone"], cache)
    frame = pd.DataFrame({"name_token": tokens, "phone": phones})
    frame["name_token"] = frame["name_token"].str.split("|")
    frame = frame.explode("name_token")
    frame["phone"] = frame["phone"].str.split("|")
    want = frame.explode("phone")
    assert rows.tolist() == want.index.tolist()
    keys = list(zip(want["name_token"], want["phone"], strict=True))
    assert _renumbered(codes) == _partition(keys)
