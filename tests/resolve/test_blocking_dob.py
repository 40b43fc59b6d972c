"""Blocking leaves out the pairs whose dates of birth plainly differ and that no score
could merge; what it leaves out is checked against the comparison that would score them."""

from __future__ import annotations

import sys

import numpy as np
import pandas as pd

from linkgraph.resolve import block, compare, person_features, resolve
from linkgraph.resolve.blocking import _dob_key, dob_conflicts
from linkgraph.resolve.scoring import weak_name_pairs

from .factory import case_of, mention, people


def _dates(rng: np.random.Generator, k: int) -> list[str]:
    years = rng.integers(1930, 2005, k)
    months = rng.integers(1, 13, k)
    days = rng.integers(1, 29, k)
    return [f"{y}-{m:02d}-{d:02d}" for y, m, d in zip(years, months, days, strict=True)]


def test_dob_conflicts_are_a_subset_of_the_comparisons_conflicts():
    # Random dates and their typos, swaps, one- and two-digit changes: every pair the
    # blocking check calls a conflict, the dob comparison calls one too (not exact, not
    # swapped, not one typo); the close ones never.
    rng = np.random.default_rng(1)
    base = _dates(rng, 400)
    other = []
    for i, d in enumerate(base):
        y, m, day = d.split("-")
        kind = i % 5
        if kind == 0:
            other.append(f"{y}-{day}-{m}" if int(day) <= 12 else d)
        elif kind == 1:
            other.append(f"{int(y) + 1}-{m}-{day}")
        elif kind == 2:
            other.append(f"{y}-{m}-{int(day) % 28 + 1:02d}")
        elif kind == 3:
            other.append(f"{y[:2]}{y[3]}{y[2]}-{m}-{day}")
        else:
            other.append(_dates(rng, 1)[0])
    frame = people([{"given_name": "a", "family_name": "b", "dob": d} for d in base + other])
    features = person_features(frame)
    left = np.arange(len(base))
    right = left + len(base)
    ours = dob_conflicts(_dob_key(features), left, right)
    compared = compare(features, left, right, ["dob"])
    theirs = compared["dob_conflict"].to_numpy(bool)
    assert ours.sum() > 50  # the replaced dates
    assert not (ours & ~theirs).any()
    assert not ours[compared["dob_level"].to_numpy() <= 2].any()


def test_block_drops_namesakes_born_apart_and_keeps_what_could_merge():
    rows = [
        # Two people who share a family name and a city, born years apart: hopeless.
        {"given_name": "Anna", "family_name": "Kowalska", "dob": "1970-03-04", "city": "Lodz"},
        {"given_name": "Marta", "family_name": "Kowalska", "dob": "1991-11-23", "city": "Lodz"},
        # One person whose family name and date changed, at one address: kept.
        {"given_name": "Madeline", "family_name": "Bradshaw", "dob": "1919-09-15",
         "address": "22 saywell place", "city": "Perth"},
        {"given_name": "Madeline", "family_name": "Jeffries", "dob": "1981-02-22",
         "address": "22 saywell place", "city": "Perth"},
        # Both names close, dates far apart: left to the scores.
        {"given_name": "Ivan", "family_name": "Petrov", "dob": "1960-01-01", "city": "Sofia"},
        {"given_name": "Ivan", "family_name": "Petrov", "dob": "1985-07-30", "city": "Sofia"},
        # A shared phone is its own rule: kept whatever the dates.
        {"given_name": "Olena", "family_name": "Shevchenko", "dob": "1975-05-05",
         "phone": "+380 50 123 4567", "city": "Kyiv"},
        {"given_name": "Iryna", "family_name": "Shevchenko", "dob": "1999-12-12",
         "phone": "050 123 4567", "city": "Kyiv"},
    ]  # fmt: skip
    features = person_features(people(rows))
    rules = [("phone",), ("name_token", "city")]
    pairs, report = block(features, rules)
    found = set(zip(pairs["left"].tolist(), pairs["right"].tolist(), strict=True))
    assert found == {(2, 3), (4, 5), (6, 7)}
    # Olena and Iryna Shevchenko stay: the phone rule found them too.
    assert report["dropped"].tolist() == [0, 1]
    everything, _ = block(features, rules, dob_conflicts_need_names=False)
    assert len(everything) == 4
    # The dropped pair is one the scores could never merge: weak names, no agreeing date.
    dropped = compare(features, np.array([0]), np.array([1]), ["given_name", "family_name", "dob"])
    assert weak_name_pairs(dropped).all()


def test_resolve_same_entities_with_and_without_the_check(monkeypatch):
    # A small population with duplicates (family name misspelt, date kept) among namesakes
    # born on other days: the entities are the ones a resolution without the check finds.
    resolve_module = sys.modules["linkgraph.resolve"]  # the package; lg.resolve is a function
    rng = np.random.default_rng(3)
    given = ["anna", "marta", "olga", "ivan", "petro", "maria", "jan", "ewa"]
    family = ["kowalska", "nowak", "shevchenko", "petrov", "melnyk"]
    records = []
    for i in range(120):
        g, f = given[i % len(given)], family[(i * 7) % len(family)]
        dob = _dates(rng, 1)[0]
        city = ["lodz", "kyiv"][i % 2]
        records.append(mention(row=2 * i + 1, given_name=g, family_name=f, dob=dob, city=city))
        if i % 3 == 0:
            records.append(
                mention(row=2 * i + 2, given_name=g, family_name=f + "a", dob=dob, city=city)
            )
    case = case_of(records)
    checked = resolve(case)
    ours = checked.resolution
    assert len(ours) - ours["entity_id"].nunique() == 40  # every duplicate found

    def unchecked(*args, **kwargs):
        kwargs.pop("set_aside", None)
        return block(*args, **kwargs, dob_conflicts_need_names=False)

    monkeypatch.setattr(resolve_module, "block", unchecked)
    plain = resolve(case)
    pd.testing.assert_frame_equal(ours, plain.resolution)
    # The pairs set aside still count for EM: the weights are learnt from the same pairs
    # (all of them here, fewer than em_sample), so the model is the one without the check.
    # Learnt from the kept pairs alone, the prior and the partial-agreement weights rise
    # and a transliteration set lost 0.014 of precision.
    assert checked.manifest["resolve_model"] == plain.manifest["resolve_model"]


def test_name_checks_match_a_per_pair_jaro_winkler_reference():
    # The name checks score each distinct couple of names once; the answer must be the
    # one a plain per-pair loop over rapidfuzz's Jaro-Winkler gives, repeats included.
    from rapidfuzz.distance import JaroWinkler

    from linkgraph.resolve.blocking import _NameSides, names_close, names_differ

    given = ["anna", "ana", "marta", "ivan", "iwan", "j", "olena", "alena", ""]
    family = ["kowalska", "kowalski", "petrov", "petrova", "novak", "shevchenko", "k", ""]
    rng = np.random.default_rng(3)
    rows = [
        {
            "given_name": given[rng.integers(len(given))],
            "family_name": family[rng.integers(len(family))],
        }
        for _ in range(60)
    ]
    features = person_features(people(rows))
    left, right = np.triu_indices(len(features), 1)
    left, right = left.astype(np.int64), right.astype(np.int64)
    sides = _NameSides(features)

    def far(sa: str, sb: str) -> np.ndarray:
        a = features[f"{sa}_skeleton"].to_numpy(dtype=object)[left]
        b = features[f"{sb}_skeleton"].to_numpy(dtype=object)[right]
        out = np.zeros(len(left), dtype=bool)
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            if not x or not y or x == y or ((len(x) == 1 or len(y) == 1) and x[0] == y[0]):
                continue
            out[i] = JaroWinkler.normalized_similarity(x, y) < 0.8
        return out

    for sa, sb in (("given", "given"), ("family", "family"), ("given", "family")):
        assert (sides.far(sa, sb, left, right, 1) == far(sa, sb)).all()
    canon = sides.canon[left] == sides.canon[right]
    gg, ff, gf, fg = (
        far("given", "given"),
        far("family", "family"),
        far("given", "family"),
        far("family", "given"),
    )
    expected_differ = gg & ff & ~canon & gf & fg
    assert (names_differ(features, left, right, workers=1) == expected_differ).all()
    close = names_close(features, left, right, workers=1)
    assert (close[~ff & (~gg | canon)]).all()  # both close straight: always kept
    assert not close[ff & (gf | fg)].any()  # family far and no crossed pair close: never


def test_namesakes_of_a_common_name_born_apart_are_no_candidates():
    # Four "Ivan Petrov" of Sofia born on four different days are four people: a pair of
    # them with plainly different dates, no shared address and no identifier is left out.
    # Three dates are not yet enough (one person, a typo and a replaced date): there the
    # pairs stay, for the scores to weigh.
    def rows(dates: list[str], **extra: str) -> list[dict[str, str]]:
        return [
            {"given_name": "Ivan", "family_name": "Petrov", "dob": d, "city": "Sofia", **extra}
            for d in dates
        ]

    four = ["1960-01-01", "1985-07-30", "1972-03-03", "1990-10-10"]
    rules = [("name_token", "city")]
    features = person_features(people(rows(four)))
    pairs, report = block(features, rules)
    assert len(pairs) == 0
    assert report["dropped"].tolist() == [6]
    features = person_features(people(rows(four[:3])))
    assert len(block(features, rules)[0]) == 3
    # One address: the same man whose date was written four ways is left to the scores.
    features = person_features(people(rows(four, address="12 Vitosha Blvd")))
    assert len(block(features, rules)[0]) == 6


def test_common_names_count_dates_not_records():
    from linkgraph.resolve.blocking import _NameSides, common_names

    # Five records of one woman (one date, one typo of it) are not a common name; four
    # men born on four days are; a record without a date or a family name counts for
    # nothing and is never common itself.
    frame = people(
        [{"given_name": "Olena", "family_name": "Shevchenko", "dob": "1975-05-05"}] * 4
        + [{"given_name": "Olena", "family_name": "Shevchenko", "dob": "1975-05-06"}]
        + [
            {"given_name": "Ivan", "family_name": "Petrov", "dob": d}
            for d in ("1960-01-01", "1985-07-30", "1972-03-03", "1990-10-10")
        ]
        + [{"given_name": "Ivan", "family_name": "Petrov", "dob": ""}]
        + [{"given_name": "Ivan", "family_name": "", "dob": "1950-01-01"}]
    )
    features = person_features(frame)
    common = common_names(_NameSides(features), _dob_key(features))
    assert common.tolist() == [False] * 5 + [True] * 4 + [False, False]
