"""Blocking, comparisons, scoring, clustering, overrides, explain and evaluate, on tiny data."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from linkgraph.model import Case
from linkgraph.resolve import (
    ResolveConfig,
    block,
    cluster,
    compare,
    evaluate,
    explain,
    person_features,
    resolve,
    review,
)
from linkgraph.resolve.blocking import block_pairs
from linkgraph.resolve.comparisons import DOB
from linkgraph.resolve.scoring import train_em

from .factory import case_of, mention, people


def test_block_pairs_caps_large_blocks():
    codes = np.array([0, 0, 0, 1, 1, -1, 2, 2, 2, 2, 2])
    left, right, capped = block_pairs(codes, np.arange(len(codes)), cap=3)
    pairs = set(zip(left.tolist(), right.tolist(), strict=True))
    assert {(0, 1), (0, 2), (1, 2), (3, 4)} <= pairs
    assert not any(5 in p for p in pairs)
    # The block of five gets a window of 3: 4 + 3 pairs, not 10.
    assert len([p for p in pairs if p[0] >= 6]) == 7
    assert capped == 1


def test_block_reports_rules_and_finds_swapped_names():
    m = people([
        {"given_name": "Oleksandr", "family_name": "Kovalenko", "dob": "1985-03-04"},
        {"name": "Kovalenko Oleksandr"},
        {"given_name": "Maria", "family_name": "Petrenko", "phone": "+380501112233"},
        {"given_name": "M", "family_name": "Petrenko", "phone": "0501112233"},
    ])  # fmt: skip
    pairs, report = block(person_features(m), [("name_phonetic",), ("phone",)])
    assert set(zip(pairs["left"], pairs["right"], strict=True)) == {(0, 1), (2, 3)}
    assert list(report["rule"]) == ["name_phonetic", "phone"]
    assert report["new_pairs"].sum() == 2


def test_compare_levels_cross_script_nickname_and_dob_swap():
    m = people([
        {"given_name": "Oleksandr", "family_name": "Kovalenko", "dob": "1985-03-04"},
        {"name": "Александр Коваленко", "dob": "1985-04-03"},
        {"name": "KOVALENKO, Sasha", "dob": "1985-03-04"},
        {"given_name": "Ivan", "family_name": "Kovalenko", "dob": "1971-11-20"},
    ])  # fmt: skip
    f = person_features(m)
    out = compare(f, np.array([0, 0, 0]), np.array([1, 2, 3]), ["given_name", "family_name", "dob"])
    assert out["family_name_level"].tolist() == [1, 1, 1]
    assert out["given_name_level"].tolist()[:2] == [1, 1]  # nickname table
    assert out["given_name_level"].iloc[2] == 4
    # 1985-03-04 / 1971-11-20: 14 years apart, month and day different too.
    assert out["dob_level"].tolist() == list(DOB.codes("close", "exact", "far_apart"))
    assert out["dob_conflict"].tolist() == [False, False, True]


def test_compare_tells_a_mans_name_from_a_womans():
    """Alexandru / Alexandra and Ivanov / Ivanova are two people, though Jaro-Winkler
    rates them 0.95 and the joined names are one edit apart; a typo is not a gender."""
    m = people([
        {"given_name": "Alexandru", "family_name": "Iordanescu"},
        {"name": "Iordanescu Alexandra"},  # given name last, in one cell
        {"given_name": "Ivan", "family_name": "Petrov"},
        {"given_name": "Ivana", "family_name": "Petrov"},
        {"given_name": "Ivan", "family_name": "Petrova"},
        {"given_name": "Alexandru", "family_name": "Iordanesku"},
        {"given_name": "Alexanru", "family_name": "Iordanescu"},  # a typo in the man's form
        {"given_name": "Alexandr", "family_name": "Iordanescu"},
        {"given_name": "Alexandra", "family_name": "Iordanescu"},
    ])  # fmt: skip
    out = compare(
        person_features(m), np.array([0, 2, 2, 0, 8, 0]), np.array([1, 3, 4, 5, 6, 7]),
        ["given_name", "family_name"],
    )  # fmt: skip
    assert out["given_name_level"].tolist() == [4, 4, 1, 1, 4, 2]
    assert out["family_name_level"].tolist() == [1, 1, 4, 2, 1, 1]


def test_em_learns_that_agreement_means_match():
    rng = np.random.default_rng(0)
    match = np.column_stack(
        [rng.choice([1, 2], 500, p=[0.9, 0.1]), rng.choice([1, 4], 500, p=[0.95, 0.05])]
    )
    non = np.column_stack(
        [rng.choice([1, 4], 2000, p=[0.05, 0.95]), rng.choice([1, 4], 2000, p=[0.02, 0.98])]
    )
    u_init = {"family_name": np.array([0, 0.05, 0.01, 0.01, 0.23, 0.70]),
              "dob": np.array([0, 0.02, 0.01, 0.01, 0.16, 0.80])}  # fmt: skip
    model = train_em(np.vstack([match, non]).astype(np.int8), ["family_name", "dob"], u_init=u_init)
    assert 0.1 < model.prior < 0.3
    assert model.weights("dob")[1] > 3 > 0 > model.weights("dob")[4]


def test_cluster_refuses_chain_through_conflicting_dobs():
    # A~B and B~C score high; A and C have different full dates of birth.
    left, right, p = np.array([0, 1]), np.array([1, 2]), np.array([0.99, 0.95])
    dob = np.array(["19900101", "", "19851231"], dtype=object)
    labels = cluster(3, left, right, p, threshold=0.9, dob=dob)
    assert labels[0] == labels[1] != labels[2]
    # Without the conflict, the chain merges all three.
    labels = cluster(3, left, right, p, threshold=0.9, dob=np.array(["", "", ""], dtype=object))
    assert len(set(labels.tolist())) == 1


def test_cluster_typos_of_one_date_merge_only_through_that_date():
    # A (1851-06-02) ~ B (1854-06-02, a typo of A's year) and A ~ C (1851-06-05, a typo
    # of A's day): B and C are two digits apart, yet both one typo from A's date, which
    # the entity holds. Hand-worked: every merge is allowed, one entity.
    left, right, p = np.array([0, 0, 1]), np.array([1, 2, 2]), np.array([0.99, 0.98, 0.97])
    dob = np.array(["18510602", "18540602", "18510605"], dtype=object)
    labels = cluster(3, left, right, p, threshold=0.9, dob=dob)
    assert len(set(labels.tolist())) == 1
    # Without A's date in the entity (A undated), B and C have no date in common: the
    # merge through A is refused as before.
    dob = np.array(["", "18540602", "18510605"], dtype=object)
    left, right, p = np.array([0, 0]), np.array([1, 2]), np.array([0.99, 0.98])
    labels = cluster(3, left, right, p, threshold=0.9, dob=dob)
    assert labels[0] == labels[1] != labels[2]


def test_cluster_cannot_link_and_must_link():
    left, right, p = np.array([0, 1]), np.array([1, 2]), np.array([0.99, 0.95])
    labels = cluster(4, left, right, p, threshold=0.9,
                     conflicts=(np.array([0]), np.array([2])),
                     must_link=(np.array([2]), np.array([3])))  # fmt: skip
    assert labels[0] == labels[1]
    assert labels[2] == labels[3]
    assert labels[0] != labels[2]


def _kovalenko_case() -> Case:
    return case_of([
        mention("person", row=1, given_name="Oleksandr", family_name="Kovalenko",
                dob="1985-03-04", phone="+380501234567"),
        mention("person", row=2, name="Kovalenko, Alex", dob="1985-03-04"),
        mention("person", row=3, name="Александр Коваленко", dob="1985-04-03",
                phone="0501234567"),
        mention("person", row=4, name="Maria Petrenko", dob="1990-01-01"),
        mention("phone", row=1, identifier="+380501234567"),
        mention("phone", row=3, identifier="+380501234567"),
        mention("organisation", row=5, name="Sunrise Travel Ltd"),
        mention("organisation", row=6, name="SUNRISE TRAVEL"),
    ])  # fmt: skip


def test_resolve_end_to_end_ids_evidence_manifest():
    case = _kovalenko_case()
    out = resolve(case)
    res = out.resolution.set_index("mention_id")["entity_id"]
    ids = case.mentions["mention_id"].tolist()
    assert len(res) == len(ids)
    assert res[ids[0]] == res[ids[1]] == res[ids[2]] != res[ids[3]]
    assert res[ids[4]] == res[ids[5]]
    assert res[ids[6]] == res[ids[7]]
    # Entity ids come from the smallest mention id, so they survive re-runs.
    assert res[ids[0]] == "e:" + min(ids[:3]).split(":")[1]
    assert resolve(case).resolution.equals(out.resolution)
    assert "resolve_model" in out.manifest
    assert out.manifest["steps"][-1]["stage"] == "resolve"
    fields = json.loads(out.evidence.query("type == 'person'")["fields"].iloc[0])
    assert {"level", "similarity", "weight"} <= set(fields["family_name"])


def test_overrides_are_stored_and_honoured(tmp_path):
    case = _kovalenko_case()
    ids = case.mentions["mention_id"].tolist()
    csv = tmp_path / "decisions.csv"
    pd.DataFrame({"left": [ids[0], "test.csv#4#person"], "right": [ids[2], ids[1]],
                  "decision": ["cannot_link", "must_link"]}).to_csv(csv, index=False)  # fmt: skip
    out = resolve(case, ResolveConfig(overrides=str(csv)))
    res = out.resolution.set_index("mention_id")["entity_id"]
    assert res[ids[0]] != res[ids[2]]
    assert res[ids[3]] == res[ids[1]]
    # Re-run without the file: the decisions stored in the case still hold.
    again = resolve(out).resolution.set_index("mention_id")["entity_id"]
    assert again[ids[0]] != again[ids[2]]
    assert again[ids[3]] == again[ids[1]]


def test_explain_and_review_text():
    case = _kovalenko_case()
    out = resolve(case)
    ids = case.mentions["mention_id"].tolist()
    text = explain(out, ids[0], ids[2])
    assert "SAME entity" in text
    assert "family_name" in text
    assert "weight" in text
    text = explain(out, ids[0], ids[3])
    assert "DIFFERENT" in text
    table = review(out, n=5)
    assert "label" in table.columns
    assert len(table) <= 5


def test_evaluate_hand_computed():
    # Predicted {a,b,c} {d}; true {a,b} {c,d}.
    res = pd.DataFrame({"mention_id": list("abcd"), "entity_id": ["x", "x", "x", "y"]})
    truth = pd.DataFrame({"mention_id": list("abcd"), "cluster": [1, 1, 2, 2]})
    s = evaluate(res, truth)
    # Predicted pairs ab, ac, bc (3); true pairs ab, cd (2); correct: ab.
    assert s["precision"] == pytest.approx(1 / 3, abs=1e-6)
    assert s["recall"] == pytest.approx(1 / 2)
    assert s["f1"] == pytest.approx(0.4)
    # B-cubed precision: a 2/3, b 2/3, c 1/3, d 1 → 2/3; recall: a 1, b 1, c 1/2, d 1/2 → 3/4.
    assert s["bcubed_precision"] == pytest.approx(2 / 3, abs=1e-6)
    assert s["bcubed_recall"] == pytest.approx(3 / 4, abs=1e-6)


def test_evaluate_truth_by_source_and_row():
    case = _kovalenko_case()
    out = resolve(case)
    truth = pd.DataFrame({"source": "test.csv", "row": [1, 2, 3, 4], "slot": "person",
                          "item": 0, "person_id": ["p1", "p1", "p1", "p2"]})  # fmt: skip
    s = evaluate(out, truth)
    assert s["mentions"] == 4
    assert s["f1"] == 1.0


def test_full_name_calibration_matches_the_cases_namesake_rate():
    """Of 200 exact-name pairs with both dates of birth, 20 have different dates (level
    "different" or "same year"): namesakes. Their rate, shrunk towards the model's own
    (worth 50 pairs), is what the shift makes the mean name-only match probability of
    those pairs miss 1 by, exactly."""
    from linkgraph.resolve.scoring import Model, full_name_calibration

    model = Model(
        comparisons=("given_name", "family_name", "dob"),
        m={"given_name": [0, 0.9, 0.05, 0.03, 0.02]} | {"family_name": [0, 0.9, 0.05, 0.03, 0.02]}
        | {"dob": [0, 0.9, 0.05, 0.03, 0.02]},
        u={k: [0, 0.01, 0.01, 0.1, 0.88] for k in ("given_name", "family_name", "dob")},
        prior=2**-14,
    )  # fmt: skip
    n = 200
    dob = np.array([4] * 12 + [3] * 8 + [1] * 170 + [2] * 10)
    weights = np.linspace(5.0, 9.0, n)  # rarer names weigh more
    scored = pd.DataFrame({
        "given_name_level": np.ones(n, np.int8), "family_name_level": np.ones(n, np.int8),
        "dob_level": dob, "given_name_weight": weights, "family_name_weight": weights,
    })  # fmt: skip
    bits, info = full_name_calibration(scored, model)
    before = model.prior_weight + 2 * weights
    model_rate = 1 - np.mean(1 / (1 + 2.0**-before))
    rate = (20 + 50 * model_rate) / (200 + 50)
    assert info["namesakes"] == 20
    assert info["namesake_rate"] == pytest.approx(rate, abs=1e-5)
    logit = model.prior_weight + 2 * weights + bits
    assert np.mean(1 / (1 + 2.0**-logit)) == pytest.approx(1 - rate, abs=1e-6)
    # Too few such pairs: no calibration at all.
    assert full_name_calibration(scored.head(40), model)[0] == 0.0


def test_full_name_calibration_is_steady_on_a_small_sample():
    """80 exact-name pairs with dates of birth, one or three of them namesakes: without
    the shrinkage the calibration moved by log2(3.5/1.5) ~ 1.2 bits between the two."""
    from linkgraph.resolve.scoring import Model, full_name_calibration

    model = Model(
        comparisons=("given_name", "family_name", "dob"),
        m={k: [0, 0.9, 0.05, 0.03, 0.02] for k in ("given_name", "family_name", "dob")},
        u={k: [0, 0.01, 0.01, 0.1, 0.88] for k in ("given_name", "family_name", "dob")},
        prior=2**-14,
    )
    n = 80
    weights = np.full(n, 9.0)

    def bits(namesakes: int) -> float:
        dob = np.array([4] * namesakes + [1] * (n - namesakes))
        scored = pd.DataFrame({
            "given_name_level": np.ones(n, np.int8), "family_name_level": np.ones(n, np.int8),
            "dob_level": dob, "given_name_weight": weights, "family_name_weight": weights,
        })  # fmt: skip
        return full_name_calibration(scored, model)[0]

    assert 0 < bits(1) - bits(3) < 0.8


def test_a_mention_joins_the_person_seen_often_unless_dates_disagree():
    """Six mentions of one Elena Matei and a seventh with the same name only, scored 0.8
    against each (below the 0.9 threshold): seen six times where the mean entity has
    8/3 mentions, the odds grow 2.25-fold to 0.9, and she joins. A singleton with the
    same name but another date of birth does not."""
    from linkgraph.resolve.entity_prior import attach_small_entities, entity_size_boost

    labels = np.array([0, 0, 0, 0, 0, 0, 1, 2])
    dob = np.array(["19800101", "", "", "", "", "", "", "19750505"], dtype=object)
    left, right = np.array([0, 1, 0]), np.array([6, 6, 7])
    prob = np.array([0.8, 0.8, 0.8])
    exact, blocked = np.ones(3, bool), np.zeros(3, bool)
    bits = entity_size_boost(labels, left, right, prob, exact, blocked, threshold=0.9)
    assert bits == pytest.approx([np.log2(6 / (8 / 3))] * 3)
    odds = 4.0 * 2**bits  # 0.8 is odds 4
    boosted = odds / (1 + odds)
    assert boosted == pytest.approx([0.9] * 3)
    out = attach_small_entities(
        labels, left, right, boosted + 1e-9, bits, threshold=0.9,
        conflicts=(np.array([], np.int64), np.array([], np.int64)), dob=dob,
    )  # fmt: skip
    assert out[6] == out[0]  # joined
    assert out[7] != out[0]  # born on another day: stays apart
