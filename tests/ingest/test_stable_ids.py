"""Vectorised ids against their plain-Python reference, in the shapes ingest passes, and
pinned values: the same input must give the same ids on every machine and release."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from linkgraph.ingest import ingest_file
from linkgraph.ingest._ids import hashed_id, hashed_ids, id_bits, id_bits_of


@pytest.mark.parametrize("prefix", ["m", "l", "ev"])  # even and odd prefix lengths
@pytest.mark.parametrize(
    ("rows", "subs", "items"),
    [
        (np.arange(1, 1001), np.zeros(1000, dtype=np.int64), np.zeros(1000, dtype=np.int64)),
        (np.arange(1, 1001), np.arange(1000) % 2, np.arange(1000) % 3),  # list items
        (np.array([7]), np.array([0]), np.array([0])),  # a single mention
        (np.array([5, 5, 5]), np.array([0, 0, 0]), np.array([1, 2, 3])),  # items of one row
        (np.array([5, 5]), np.array([1, 1]), np.array([1001, 1001], dtype=np.int32)),
        (np.array([2**40, 3]), np.array([0, 0]), np.array([0, 0])),  # beyond 32 bits
    ],
)
def test_vectorised_ids_are_the_reference(prefix, rows, subs, items):
    got = hashed_ids(prefix, ("calls.csv", "caller"), rows, subs, items).tolist()
    assert got == [
        hashed_id(prefix, ("calls.csv", "caller"), int(r), int(s), int(i))
        for r, s, i in zip(rows, subs, items, strict=True)
    ]


def test_pinned_values():
    # Computed once by the plain-Python reference; a change here changes every case's ids.
    assert hashed_id("m", ("calls.csv", "caller"), 1, 0, 0) == "m:8246b5d16e0b2534"
    assert hashed_id("m", ("calls.csv", "caller"), 1, 0) == "m:ceeebe609f4436f1"
    assert hashed_id("l", ("called",), 2**64 - 1, 12345) == "l:4f04125a7288d28b"


def test_rows_of_one_slot_never_share_an_id():
    rows = np.arange(1, 1_000_001)
    ids = hashed_ids("m", ("big.csv", "caller"), rows, np.zeros_like(rows), np.zeros_like(rows))
    assert ids.is_unique
    assert ids.str.fullmatch(r"m:[0-9a-f]{16}").all()


def test_every_part_changes_the_id():
    base = hashed_id("m", ("a.csv", "caller"), 1, 0, 0)
    assert base != hashed_id("m", ("b.csv", "caller"), 1, 0, 0)
    assert base != hashed_id("m", ("a.csv", "callee"), 1, 0, 0)
    assert base != hashed_id("m", ("a.csv", "caller"), 2, 0, 0)
    assert base != hashed_id("m", ("a.csv", "caller"), 1, 1, 0)
    assert base != hashed_id("m", ("a.csv", "caller"), 1, 0, 1)
    assert base != hashed_id("l", ("a.csv", "caller"), 1, 0, 0)
    # parts are not interchangeable, nor are the text parts' boundaries
    assert hashed_id("l", ("k",), 1, 2) != hashed_id("l", ("k",), 2, 1)
    assert hashed_id("m", ("a", "bc"), 1) != hashed_id("m", ("ab", "c"), 1)


def test_id_bits_read_hex_ids_and_hash_anything_else():
    values = ["m:00000000000000ff", "e:ffffffffffffffff", "zz", None, "ab:cd:000000000000000a",
              ":000000000000000a", "m:00000000000000FF", "m:0000000000000ff"]  # fmt: skip
    got = id_bits(pd.Series(values, dtype="string")).tolist()
    assert got[:2] == [255, 2**64 - 1]
    assert got == [id_bits_of(v) for v in values]
    assert len(set(got[2:])) == len(got) - 2  # the others hashed from their text


def test_ingest_ids_follow_the_reference(tmp_path):
    path = tmp_path / "calls.csv"
    path.write_text("caller,callee\n+447700900123,+447700900456\n", encoding="utf-8")
    case = ingest_file(path, preset="cdr")
    m = case.mentions.set_index("slot")["mention_id"]
    assert m["caller"] == hashed_id("m", ("calls.csv", "caller"), 1, 0, 0)
    assert m["callee"] == hashed_id("m", ("calls.csv", "callee"), 1, 0, 0)
    link = case.links.iloc[0]
    assert link["link_id"] == hashed_id(
        "l", ("called",), id_bits_of(m["caller"]), id_bits_of(m["callee"])
    )
    # the same file ingested again gives the same ids
    again = ingest_file(path, preset="cdr")
    assert again.mentions["mention_id"].tolist() == case.mentions["mention_id"].tolist()
    assert again.links["link_id"].tolist() == case.links["link_id"].tolist()


def test_id_bits_of_many_ids_of_one_width():
    ids = hashed_ids("m", ("a.csv", "person"), np.arange(1, 5001))
    assert id_bits(ids).tolist() == [id_bits_of(v) for v in ids.tolist()]
    odd = pd.Series([*ids.tolist()[:3], "m:zzzzzzzzzzzzzzzz"], dtype="string")  # one not hex
    assert id_bits(odd).tolist() == [id_bits_of(v) for v in odd.tolist()]
