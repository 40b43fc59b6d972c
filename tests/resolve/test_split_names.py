"""Names split, joined or ordered differently, and shared identifiers with close names."""

from __future__ import annotations

import pandas as pd

from linkgraph.resolve import block, compare, person_features, resolve
from linkgraph.resolve.features import joined_names

from .factory import case_of, mention, people


def test_joined_names_meet_across_splits_and_orders():
    assert joined_names("mykola melnyk") == joined_names("melnyk mykola") == "melnikmikola"
    assert "melnikmikola" in joined_names("mel nik mikola").split("|")
    assert "melnikmikola" in joined_names("mikola mel nik").split("|")
    assert joined_names("ana") == ""


def test_block_pairs_split_names_only_through_a_multi_token_name():
    m = people([
        {"name": "Mel Nik Mikola"},
        {"name": "Mykola Melnyk"},
        {"name": "Melnyk Mykola"},
        {"name": "Ivan Petrenko"},
    ])  # fmt: skip
    pairs, _ = block(person_features(m), [("name_joined",)])
    got = set(zip(pairs["left"], pairs["right"], strict=True))
    # Both two-token spellings meet the split one; two two-token names need not this key.
    assert {(0, 1), (0, 2)} <= got
    assert not any(3 in p for p in got)


def test_compare_split_family_name_agrees_closely():
    m = people([
        {"name": "Oksana Mel Nik"},
        {"name": "Oksana Melnyk"},
        {"name": "Mel Nik Mikola"},
        {"name": "Mykola Melntk"},
        {"name": "Oksana Nikolenko"},
    ])  # fmt: skip
    f = person_features(m)
    c = compare(f, [0, 2, 0], [1, 3, 4], ["given_name", "family_name"])
    # Both parts agree at least as closely as Jaro-Winkler >= 0.92 (levels 1 or 2).
    assert c["family_name_level"].iloc[0] == 2
    assert c["given_name_level"].iloc[0] == 1
    assert c["given_name_level"].iloc[1] <= 2
    assert c["family_name_level"].iloc[1] <= 2
    # A different family name is not rescued by the joined names.
    assert c["family_name_level"].iloc[2] >= 3


def _phone_case(names: list[str]) -> tuple[pd.Series, list[str]]:
    rows = [mention("person", row=i + 1, name=n) for i, n in enumerate(names)]
    rows += [mention("phone", row=i + 1, identifier="+40723111222") for i in range(len(names))]
    rows += [mention("person", row=20 + i, name=n) for i, n in enumerate(
        ["Anna Kowalska", "Ivan Petrov", "Maria Rossi", "Olena Shevchenko", "Petar Ilic",
         "Sergiu Rusu", "Ion Ceban", "Ana Pop", "Emeka Eze", "Chioma Obi"])]  # fmt: skip
    case = case_of(rows)
    ids = case.mentions["mention_id"].tolist()
    k = len(names)
    links = pd.DataFrame({"link_id": [f"l:{i}" for i in range(k)], "src": ids[:k],
                          "dst": ids[k : 2 * k], "kind": "uses_phone"})  # fmt: skip
    out = resolve(case.with_tables(links=links))
    return out.resolution.set_index("mention_id")["entity_id"], ids[:k]


def test_shared_phone_with_close_names_merges():
    res, ids = _phone_case(["Andrei Radu", "Andrei Rqdu"])
    assert res[ids[0]] == res[ids[1]]


def test_shared_phone_with_an_initial_or_other_given_name_stays_apart():
    res, ids = _phone_case(["J Smith", "John Smith", "Blessing Okafor", "Emeka Okafor"])
    assert res[ids[0]] != res[ids[1]]
    assert res[ids[2]] != res[ids[3]]
