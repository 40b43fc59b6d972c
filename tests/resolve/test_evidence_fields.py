"""The evidence table's ``fields`` JSON (resolve.evidence): one object per scored pair,
a field missing on a side written ``null`` and read back as level "null"."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

from linkgraph.resolve.comparisons import COMPARISONS
from linkgraph.resolve.evidence import MISSING_FIELD, fields_json, read_fields


def _scored() -> pd.DataFrame:
    dob = COMPARISONS["dob"]
    exact = dob.labels.index("exact")
    return pd.DataFrame(
        {
            # pair 0: dob compared exact; pair 1: dob missing; pair 2: a partial date
            # (level null but a similarity of 0.5), kept whole
            "dob_level": [exact, 0, 0],
            "dob_sim": [1.0, 0.0, 0.5],
            "dob_weight": [7.25, 0.0, 0.0],
            "tf_dob": [0.5, 0.0, 0.0],
            "phone_level": [0, 0, 0],
            "phone_sim": [0.0, 0.0, 0.0],
            "phone_weight": [0.0, 0.0, 0.0],
        }
    )


def test_fields_json_writes_missing_fields_as_null() -> None:
    out = [json.loads(t) for t in fields_json(_scored(), ["dob", "phone"])]
    exact = {"level": "exact", "similarity": 1, "weight": 7.25, "tf_adjustment": 0.5}
    assert out[0] == {"dob": exact, "phone": None}
    assert out[1] == {"dob": None, "phone": None}
    partial = {"level": "null", "similarity": 0.5, "weight": 0, "tf_adjustment": 0}
    assert out[2] == {"dob": partial, "phone": None}


def test_read_fields_gives_every_field_back_as_an_object() -> None:
    texts = list(fields_json(_scored(), ["dob", "phone"]))
    first = read_fields(texts[0])
    assert first["phone"] == MISSING_FIELD
    assert first["dob"]["weight"] == 7.25
    assert read_fields(texts[1]) == {"dob": MISSING_FIELD, "phone": MISSING_FIELD}
    assert read_fields("not json") == {}
    assert read_fields(pd.NA) == {}
    assert read_fields("[1, 2]") == {}


def test_a_pair_with_no_missing_field_is_written_whole() -> None:
    scored = _scored().iloc[[0]].reset_index(drop=True)
    scored["phone_level"] = np.int64(COMPARISONS["phone"].labels.index("same"))
    scored["phone_sim"] = 1.0
    scored["phone_weight"] = 9.0
    out = json.loads(fields_json(scored, ["dob", "phone"])[0])
    assert out["phone"] == {"level": "same", "similarity": 1, "weight": 9}


def test_fields_json_matches_a_per_row_reference_on_random_pairs() -> None:
    """Every row against one built with ``json`` from its own values: the objects are
    built for the compared fields only and placed among the nulls, so a misplaced row
    would show here."""
    rng = np.random.default_rng(1)
    n, names = 2000, ["dob", "phone", "given_name"]
    data: dict[str, np.ndarray] = {}
    for name in names:
        data[f"{name}_level"] = rng.integers(0, len(COMPARISONS[name].labels), n)
        data[f"{name}_sim"] = np.where(rng.random(n) < 0.5, 0.0, rng.random(n).round(3))
        data[f"{name}_weight"] = np.where(rng.random(n) < 0.5, 0.0, (rng.random(n) * 9).round(3))
    data["tf_dob"] = np.where(rng.random(n) < 0.5, 0.0, rng.random(n).round(3))
    scored = pd.DataFrame(data)
    for got, (_, row) in zip(fields_json(scored, names), scored.iterrows(), strict=True):
        expected = {}
        for name in names:
            level = int(row[f"{name}_level"])
            values = {"similarity": row[f"{name}_sim"], "weight": row[f"{name}_weight"]}
            if name == "dob":
                values["tf_adjustment"] = row["tf_dob"]
            missing = level == 0 and not any(values.values())
            expected[name] = (
                None if missing else {"level": COMPARISONS[name].labels[level], **values}
            )
        assert json.loads(got) == expected


def test_full_name_field_says_exact_only_of_names_spelt_alike() -> None:
    """The name calibration's ``full_name`` field: "both names exact" only when both
    names are spelt alike; a nickname the given-name level counts as exact (Bill /
    William, similarity 0.6) is said to be one."""
    given, family = COMPARISONS["given_name"], COMPARISONS["family_name"]
    scored = pd.DataFrame(
        {
            "given_name_level": [given.code("exact"), given.code("exact"), given.code("close")],
            "given_name_sim": [1.0, 0.6, 0.93],
            "given_name_weight": [4.0, 4.0, 2.0],
            "family_name_level": [family.code("exact")] * 3,
            "family_name_sim": [1.0, 1.0, 1.0],
            "family_name_weight": [8.0, 8.0, 8.0],
            "name_calibration": [-0.5, -0.5, -0.5],
        }
    )
    out = [json.loads(t)["full_name"]["level"] for t in fields_json(scored, ["given_name"])]
    assert out == [
        "both names exact",
        "both names agree, one a nickname or variant of the other",
        "one name spelt two ways",
    ]
