"""Comparison levels as named objects: each comparison lists its levels, rules name them."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from linkgraph.resolve.comparisons import (
    COMPARISONS,
    NAME_CLOSE,
    NAME_SIMILAR,
    Fuzzy,
    at_level,
    compare,
    level_code,
)
from linkgraph.resolve.features import person_features
from linkgraph.resolve.scoring import strong_rules, weak_name_pairs

from .factory import people


@pytest.mark.parametrize("name", list(COMPARISONS))
def test_every_comparison_lists_named_levels(name):
    comp = COMPARISONS[name]
    assert comp.level_names[0] == "null"
    assert comp.m_prior[0] == 0
    assert comp.u_prior[0] == 0
    assert len(set(comp.level_names)) == len(comp.levels)
    # The last level disagrees most ("different"; dates of birth: "far_apart"; family
    # names: "unrelated", nothing in common).
    assert comp.level_names[-1] in ("different", "far_apart", "unrelated")
    assert "different" in comp.level_names
    # The defaults are distributions over the non-null levels.
    assert sum(comp.m_prior) == pytest.approx(1)
    assert sum(comp.u_prior) == pytest.approx(1)
    assert all(lv.test for lv in comp.levels)


def test_fuzzy_labels_state_the_thresholds_tested():
    for comp in COMPARISONS.values():
        if isinstance(comp, Fuzzy):
            middle = comp.labels[2:-1]
            assert len(middle) == len(comp.thresholds)
            for label, t in zip(middle, comp.thresholds, strict=True):
                assert label.endswith(f">= {t:g}")
    # Names: of the names as written or of their transliteration skeletons, whichever
    # agree better (the similarity explain shows).
    skeletons = " of the names or their skeletons"
    assert COMPARISONS["given_name"].labels[2] == f"Jaro-Winkler >= {NAME_CLOSE}{skeletons}"
    assert COMPARISONS["family_name"].labels[3] == f"Jaro-Winkler >= {NAME_SIMILAR}{skeletons}"


def test_unknown_level_names_the_known_ones():
    with pytest.raises(KeyError, match="its levels: null, same, one_typo, different"):
        level_code("phone", "exact")


def _compared(rows: list[dict], pairs: list[tuple[int, int]]) -> pd.DataFrame:
    feats = person_features(people(rows))
    left = np.array([p[0] for p in pairs])
    right = np.array([p[1] for p in pairs])
    return compare(feats, left, right, list(COMPARISONS))


def test_levels_of_hand_made_pairs():
    rows = [
        {"given_name": "Oleksandr", "family_name": "Kovalenko", "dob": "1985-03-04",
         "phone": "+380501234567"},
        {"given_name": "Oleksandr", "family_name": "Kovalenko", "dob": "1985-04-03",
         "phone": "+380501234567"},
        {"given_name": "Ivana", "family_name": "Kovalenko", "dob": "1985-09-30"},
        {"given_name": "Ivan", "family_name": "Kovalenko", "dob": "1985-03-04",
         "phone": "+380501234576"},
    ]  # fmt: skip
    got = _compared(rows, [(0, 1), (2, 3), (0, 3)])

    def names(comp: str) -> list[str]:
        return [COMPARISONS[comp].level_names[c] for c in got[f"{comp}_level"]]

    assert names("given_name") == ["exact", "different", "different"]  # Ivan ≠ Ivana
    assert names("family_name") == ["exact", "exact", "exact"]
    # Day and month swapped are close; 1985-09-30 / 1985-03-04, one year but neither the
    # month nor the day in common, are two birthdays.
    assert names("dob") == ["close", "different", "exact"]
    assert names("phone") == ["same", "null", "one_typo"]  # ...567 / ...576: swapped
    assert at_level(got, "dob", "exact", "close").tolist() == [True, False, True]
    # A comparison that did not run counts as null.
    assert at_level(got.drop(columns="dob_level"), "dob", "null").all()


def _pairs(**levels: str) -> pd.DataFrame:
    """One pair whose comparisons are at the named levels (the others null)."""
    return pd.DataFrame({f"{c}_level": [level_code(c, lv)] for c, lv in levels.items()})


def test_rules_read_level_names():
    same_phone = _pairs(given_name="close", family_name="exact", phone="same")
    assert strong_rules(same_phone).tolist() == ["same phone + name"]
    weak_names = _pairs(given_name="similar", family_name="exact", phone="same")
    assert strong_rules(weak_names).tolist() == [""]
    doc = _pairs(given_name="different", family_name="exact", document="same", phone="same")
    assert strong_rules(doc).tolist() == ["same document"]
    # Names only, weakly: capped; with an agreeing date of birth: not.
    assert weak_name_pairs(_pairs(given_name="similar", family_name="exact")).tolist() == [True]
    assert weak_name_pairs(
        _pairs(given_name="similar", family_name="exact", dob="close")
    ).tolist() == [False]


def test_shared_phone_given_name_and_alike_family_name_is_strong():
    """One surname in two languages' spellings, one phone, one given name: a match; a
    man's and a woman's form, a household's several given names, a different surname or
    an initial are not."""
    phone = "+37369123456"
    rows = [
        {"given_name": "Ion", "family_name": "Cebotari", "phone": phone},  # 0
        {"given_name": "Ion", "family_name": "Ciobotaru", "phone": phone},  # 1: Moldovan/Romanian
        {"given_name": "Sasha", "family_name": "Ivanov", "phone": phone},  # 2
        {"given_name": "Sasha", "family_name": "Ivanova", "phone": phone},  # 3: her, not him
        {"given_name": "Olena", "family_name": "Cebotari", "phone": phone},  # 4: household
        {"given_name": "Ion", "family_name": "Moraru", "phone": phone},  # 5
        {"given_name": "Ion", "family_name": "C", "phone": phone},  # 6
        {"given_name": "Ion", "family_name": "Ciobotaru", "phone": "+37369999999"},  # 7
    ]
    got = _compared(rows, [(0, 1), (2, 3), (0, 4), (0, 5), (0, 6), (0, 7)])
    family = [COMPARISONS["family_name"].level_names[c] for c in got["family_name_level"]]
    assert family[0] in ("similar", "different")  # the learnt weights alone keep it apart
    assert family[1] == "different"  # Ivanov / Ivanova
    assert strong_rules(got).tolist() == ["same phone + name", "", "", "", "", ""]
