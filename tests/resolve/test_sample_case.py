"""The resolver on the committed sample case (sample_data/), checked against its truth.

Most mentions there carry a name only (plus, through links, a phone or an account), common
given names repeat on purpose and a few phones are shared by two people: the case tests
that weak evidence never merges two people.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from linkgraph.ingest import Source, ingest
from linkgraph.pipeline import demo_config
from linkgraph.resolve import evaluate, resolve
from linkgraph.resolve.evaluate import truth_clusters

from .factory import case_of, mention


@pytest.fixture(scope="module")
def resolved_sample():
    config = demo_config()
    case = ingest(
        [
            Source(path=config.resolve_path(s.path), mapping=config.resolve_path(s.mapping))
            for s in config.sources
        ]
    )
    return resolve(case)


@pytest.fixture(scope="module")
def sample_truth(sample_data: Path) -> pd.DataFrame:
    return pd.read_csv(sample_data / "truth" / "mentions.csv", dtype={"slot": str})


def test_sample_case_pairwise_scores(resolved_sample, sample_truth):
    scores = evaluate(resolved_sample, sample_truth)
    assert scores["mentions"] == len(sample_truth)
    # The target: pairwise F1 >= 0.97 with precision >= 0.98 (reached: P 0.994,
    # F1 0.986, with names split or joined differently and shared identifiers with close
    # names; before: P 0.994, F1 0.955).
    assert scores["precision"] >= 0.98, scores
    assert scores["f1"] >= 0.97, scores


def test_sample_case_entities_hold_one_true_person_mostly(resolved_sample, sample_truth):
    truth = truth_clusters(sample_truth, resolved_sample.mentions)
    entity = resolved_sample.entity_of().reindex(truth.index)
    people_per_entity = pd.Series(truth.to_numpy()).groupby(entity.to_numpy()).nunique()
    # Before the all-pairs prior, ~35 entities mixed several true people.
    assert (people_per_entity > 1).sum() <= 8


def test_shared_phone_does_not_merge_different_names():
    # A victim's SIM registered to her controller: one phone, two people.
    case = case_of([
        mention("person", row=1, name="Blessing Okafor"),
        mention("person", row=2, name="Emeka Okafor"),
        mention("person", row=3, name="Blessing Okafor"),
        mention("phone", row=1, identifier="+393331234567"),
        mention("phone", row=2, identifier="+393331234567"),
    ])  # fmt: skip
    ids = case.mentions["mention_id"].tolist()
    links = pd.DataFrame({"link_id": ["l:1", "l:2"], "src": [ids[0], ids[1]],
                          "dst": [ids[3], ids[4]], "kind": "uses_phone"})  # fmt: skip
    out = resolve(case.with_tables(links=links))
    res = out.resolution.set_index("mention_id")["entity_id"]
    assert res[ids[0]] != res[ids[1]]
    assert res[ids[0]] == res[ids[2]]


def test_family_name_and_initial_alone_do_not_merge():
    rows = [mention("person", row=1, name="James Smith"),
            mention("person", row=2, name="John Smith"),
            mention("person", row=3, name="J Smith")]  # fmt: skip
    rows += [mention("person", row=10 + i, name=n) for i, n in enumerate(
        ["Anna Kowalska", "Ivan Petrov", "Maria Rossi", "Olena Shevchenko", "Petar Ilic",
         "Sergiu Rusu", "Ion Ceban", "Ana Pop", "Emeka Eze", "Chioma Obi"])]  # fmt: skip
    out = resolve(case_of(rows))
    res = out.resolution.set_index("mention_id")["entity_id"]
    ids = [r["mention_id"] for r in rows]
    assert len({res[ids[0]], res[ids[1]], res[ids[2]]}) == 3


def test_evaluate_joins_truth_items_in_mention_order():
    # Two mentions of one multi-valued slot in one row: items 0 and 1, in mention order.
    case = case_of([
        mention("person", row=1, mention_id="m:a", name="Ana Pop"),
        mention("person", row=1, mention_id="m:b", name="Ion Rusu"),
        mention("person", row=2, mention_id="m:c", name="Ana Pop"),
    ])  # fmt: skip
    res = pd.DataFrame({"mention_id": ["m:a", "m:b", "m:c"], "entity_id": ["x", "y", "x"]})
    truth = pd.DataFrame({"source": "test.csv", "row": [1, 1, 2], "slot": "person",
                          "item": [1, 0, 0], "person_id": ["p2", "p1", "p1"]})  # fmt: skip
    resolved = case.with_tables(resolution=res)
    s = evaluate(resolved, truth)
    # Item 0 of row 1 is m:a (p1), item 1 is m:b (p2): a and c are both p1 → perfect.
    assert s["mentions"] == 3
    assert s["precision"] == 1.0
    assert s["recall"] == 1.0
