"""The learnt-weight adjustments as objects applied in a listed order."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from linkgraph.resolve import ResolveConfig, adjustments_for
from linkgraph.resolve.adjustments import (
    EntitySizePrior,
    NameCalibration,
    StrongIdentifierRules,
    TermFrequency,
    WeakNameCap,
    apply_adjustments,
    describe,
    pair_adjustments,
)
from linkgraph.resolve.comparisons import level_code
from linkgraph.resolve.features import person_features
from linkgraph.resolve.scoring import Model, score, tf_tables

from .factory import people


def test_default_order_and_switches():
    names = [a.name for a in adjustments_for(ResolveConfig())]
    assert names == [
        "term_frequency", "name_calibration", "strong_rules", "weak_name_cap",
        "sex_conflict", "entity_size_prior", "two_lists",
    ]  # fmt: skip
    some = ResolveConfig(
        strong_rules=False, weak_name_cap=None, sex_conflict=False, tf_max_bits=2.0, two_lists=False
    )
    got = adjustments_for(some)
    assert [a.name for a in got] == ["term_frequency", "name_calibration", "entity_size_prior"]
    assert got[0] == TermFrequency(max_bits=2.0)
    assert pair_adjustments(ResolveConfig(weak_name_cap=0.3))[-2] == WeakNameCap(cap=0.3)
    lines = describe(adjustments_for(ResolveConfig()))
    assert lines[0] == (
        "term_frequency: a shared rare name or date of birth counts more than a shared common "
        "one; a common name counts as little when spelt differently (another script, a typo)"
    )
    assert len(lines) == 7


def _model(calibration: float = 0.0) -> Model:
    flat = {c: [0.0, 0.5, 0.5] for c in ("given_name", "family_name")}
    return Model(
        comparisons=("given_name", "family_name"), m=flat, u=flat, prior=0.01,
        name_calibration=calibration,
    )  # fmt: skip


def _pairs(rows: list[dict[str, str]], weight: list[float]) -> pd.DataFrame:
    """Pairs at the named levels, with a match weight (probability = 1 / (1 + 2^-w))."""
    out = pd.DataFrame({f"{c}_level": [level_code(c, r[c]) for r in rows] for c in rows[0]})
    out["match_weight"] = np.array(weight, dtype=np.float64)
    out["match_probability"] = 1 / (1 + np.exp2(-out["match_weight"]))
    return out


def test_name_calibration_adds_its_bits_to_exact_names_only():
    pairs = _pairs(
        [{"given_name": "exact", "family_name": "exact"},
         {"given_name": "close", "family_name": "exact"}],
        [1.0, 1.0],
    )  # fmt: skip
    out = NameCalibration().apply(pairs, _model(calibration=2.0))
    assert out["match_weight"].tolist() == [3.0, 1.0]
    assert out["match_probability"].tolist() == pytest.approx([8 / 9, 2 / 3])


def test_rules_then_cap_in_order():
    rows = [
        # same phone, both names agree: a strong rule lifts 0.2 to 0.999
        {"given_name": "close", "family_name": "exact", "phone": "same", "dob": "null"},
        # names only, given name merely similar: capped at 0.5
        {"given_name": "similar", "family_name": "exact", "phone": "null", "dob": "null"},
        # the same, but below the cap: left alone
        {"given_name": "similar", "family_name": "exact", "phone": "null", "dob": "null"},
        # similar names with an agreeing date of birth: not capped
        {"given_name": "similar", "family_name": "exact", "phone": "null", "dob": "exact"},
    ]
    pairs = _pairs(rows, [-2.0, 3.0, -1.0, 3.0])  # probabilities 0.2, 0.889, 0.333, 0.889
    adjustments = (StrongIdentifierRules(), WeakNameCap(cap=0.5))
    out = apply_adjustments(pairs, _model(), adjustments)
    assert out["match_probability"].tolist() == pytest.approx([0.999, 0.5, 1 / 3, 8 / 9])
    assert out["strong_rule"].astype(str).tolist() == ["same phone + name", "", "", ""]
    assert out["capped"].tolist() == [False, True, False, False]
    # Switched off, the columns are there all the same.
    plain = apply_adjustments(_pairs(rows, [0.0] * 4), _model(), ())
    assert plain["strong_rule"].tolist() == [""] * 4
    assert not plain["capped"].any()


def test_entity_size_prior_joins_a_singleton_to_the_large_entity():
    # One entity of six mentions (0-5), singletons 6 and 7; mean size 8/3.
    labels = np.array([0] * 6 + [1, 2])
    both_exact = {"given_name": "exact", "family_name": "exact"}
    scored = _pairs([both_exact] * 3, [0.0] * 3)
    scored["left"], scored["right"] = [0, 6, 6], [6, 7, 1]
    prob = np.full(3, 0.85)
    out, after = EntitySizePrior().apply(
        scored, labels, prob=prob, blocked=np.zeros(3, dtype=bool), threshold=0.9,
        conflicts=(np.empty(0, np.int64), np.empty(0, np.int64)), dob=np.full(8, ""),
    )  # fmt: skip
    boost = np.log2(6 / (8 / 3))  # log2(largest size / mean size) on the pairs to entity 0
    assert out["entity_size"].tolist() == pytest.approx([boost, 0.0, boost], abs=1e-6)
    logit = np.log2(0.85 / 0.15) + boost  # 3.67 bits: probability 0.927, above 0.9
    assert out["match_probability"].tolist() == pytest.approx(
        [1 / (1 + 2**-logit), 0.85, 1 / (1 + 2**-logit)]
    )
    assert after.tolist() == [0] * 7 + [2]  # mention 6 joined the entity of six


def test_name_calibration_learns_from_samples():
    model = _model()
    logits = np.zeros(60)  # sixty exact-name pairs at even odds, thirty of them namesakes
    learnt = NameCalibration().learn(model, [(logits[:30], 15), (logits[30:], 15)])
    # Namesake rate 30/60 shrunk towards the model's own 0.5: still 0.5, so no shift.
    assert learnt.name_calibration == pytest.approx(0.0, abs=1e-9)
    assert learnt.name_calibration_info["pairs"] == 60
    assert model.name_calibration == 0.0  # the model given is not changed
    assert NameCalibration().learn(model, [None]).name_calibration == 0.0


def test_resolve_records_the_adjustments_it_applied():
    from linkgraph.resolve import resolve

    from .factory import case_of, mention

    case = case_of([
        mention("person", row=1, given_name="Oleksandr", family_name="Kovalenko",
                dob="1985-03-04", phone="+380501234567"),
        mention("person", row=2, name="Kovalenko, Alex", dob="1985-03-04"),
    ])  # fmt: skip
    step = resolve(case).manifest["steps"][-1]
    assert step["adjustments"] == [a.name for a in adjustments_for(ResolveConfig())]
    off = resolve(case, ResolveConfig(strong_rules=False, entity_size_prior=False, two_lists=False))
    assert off.manifest["steps"][-1]["adjustments"] == [
        "term_frequency", "name_calibration", "weak_name_cap", "sex_conflict",
    ]  # fmt: skip


def test_explain_names_the_adjustments_that_changed_a_pair():
    from linkgraph.resolve import explain, resolve

    from .factory import case_of, mention

    case = case_of([
        mention("person", row=1, given_name="Oleksandr", family_name="Kovalenko",
                dob="1985-03-04", phone="+380501234567"),
        mention("person", row=2, name="Олександр Коваленко", dob="1985-04-03",
                phone="0501234567"),
        mention("person", row=3, name="Maria Petrenko", dob="1990-01-01"),
    ])  # fmt: skip
    ids = case.mentions["mention_id"].tolist()
    text = explain(resolve(case), ids[0], ids[1])
    assert "rule: same phone + name" in text
    head = text.index("Adjustments of the learnt weights that changed this score, in order:")
    tail = text[head:]
    strong = "strong_rules: the same document, or the same phone, e-mail or account"
    assert strong in tail
    # Listed in the order they apply: term frequencies (names exact) before the rules.
    assert tail.index("term_frequency:") < tail.index("strong_rules:")


def test_a_date_of_birth_many_people_share_counts_less():
    # 40 people on distinct dates and 10 more, each their own name, all on 1 January
    # 1900 (a placeholder): 41 distinct dates among 50 people.
    rows = [
        {
            "given_name": f"g{i}",
            "family_name": f"f{i}",
            "dob": f"19{50 + i % 40}-{1 + i % 12:02d}-{1 + i % 28:02d}",
        }
        for i in range(40)
    ]
    rows += [{"given_name": f"p{i}", "family_name": f"q{i}", "dob": "1900-01-01"}
             for i in range(10)]  # fmt: skip
    features = person_features(people(rows))
    tf = tf_tables(features)
    assert tf["dob"]["19000101"] == pytest.approx(10 / 50)
    u = 0.0005  # the learnt u of the exact level: not what dates are weighed against
    model = Model(comparisons=("dob",), m={"dob": [0, 0.9, 0.05, 0.03, 0.02]},
                  u={"dob": [0, u, 0.01, 0.05, 1 - u - 0.06]}, prior=0.01)  # fmt: skip
    compared = pd.DataFrame({"dob_level": [level_code("dob", "exact")] * 2})
    left, right = np.array([40, 0]), np.array([41, 0])  # the placeholder; one usual date
    out = score(compared, model, features=features, left=left, right=right, tf=tf)
    # Hand-worked: against the chance that two of the table's entries share a date,
    # 40 (1/50)^2 + (10/50)^2 = 0.056: the placeholder log2(0.056 / 0.2) = -1.84 bits, a
    # date one person holds log2(0.056 / 0.02) = +1.49 bits.
    want = [np.log2(0.056 / 0.2), np.log2(0.056 / 0.02)]
    assert out["tf_dob"].tolist() == pytest.approx(want, abs=1e-4)
    # A learnt model carries its reference (resolve stores it with the weights); scoring
    # reads it there: twice the reference, one bit more on each.
    stored = dataclasses.replace(model, tf_reference={"dob": 0.112})
    out = score(compared, stored, features=features, left=left, right=right, tf=tf)
    assert out["tf_dob"].tolist() == pytest.approx([w + 1 for w in want], abs=1e-4)
