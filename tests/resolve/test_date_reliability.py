"""Dates of birth veto a merge only where the case's anchor pairs show them reliable, and a
record with one name part has no other part made up from it."""

from __future__ import annotations

import numpy as np
import pandas as pd

from linkgraph.resolve import resolve
from linkgraph.resolve.comparisons import DOB, level_code
from linkgraph.resolve.features import person_features
from linkgraph.resolve.scoring import DATES_MIN_ANCHORS, date_reliability

from .factory import case_of, mention, people


def _pairs(n: int, *, conflicting: int, given: str = "exact", shared: str = "same") -> pd.DataFrame:
    """``n`` compared pairs with both names at ``given``/exact, the e-mail at ``shared``
    and both dates known, the first ``conflicting`` of them with conflicting dates."""
    return pd.DataFrame({
        "given_name_level": [level_code("given_name", given)] * n,
        "family_name_level": [level_code("family_name", "exact")] * n,
        "email_level": [level_code("email", shared)] * n,
        "dob_level": [level_code("dob", "different")] * conflicting
        + [level_code("dob", "exact")] * (n - conflicting),
        "dob_conflict": [True] * conflicting + [False] * (n - conflicting),
    })  # fmt: skip


def test_reliability_is_the_share_of_anchor_pairs_whose_dates_conflict():
    # 40 anchors, 10 conflicting: 0.25 > 0.15, unreliable; 4 of 40 (0.10): reliable.
    assert date_reliability(_pairs(40, conflicting=10)) == (False, 0.25, 40)
    assert date_reliability(_pairs(40, conflicting=4)) == (True, 0.1, 40)
    # Too few anchors say nothing, however many conflict.
    few = DATES_MIN_ANCHORS - 1
    assert date_reliability(_pairs(few, conflicting=few))[0] is True
    # Siblings (given names differ) and pairs without a shared identifier are no anchors.
    assert date_reliability(_pairs(40, conflicting=40, given="different")) == (True, 0.0, 0)
    assert date_reliability(_pairs(40, conflicting=40, shared="different")) == (True, 0.0, 0)


def _scattered_people(k: int) -> list[dict]:
    """``k`` people, three records each: two with one e-mail and dates of birth years
    apart (self-declared ages), the third without the e-mail, a day off the second's
    date and sharing its phone. The third joins the second directly; its date, never compared
    with the first's above the threshold, is what the clustering's date check refuses
    where dates are reliable."""
    givens = ["Anna", "Ivan", "Olena", "Petro", "Maria", "Taras", "Iryna", "Oleh", "Sofia"]
    families = ["Kovalenko", "Bondar", "Melnyk", "Shevchuk", "Tkachenko", "Kravets", "Lysenko"]
    out, row = [], 1
    for i in range(k):
        given, family = givens[i % len(givens)], f"{families[i % len(families)]}{'ko' * (i // 7)}"
        year = 1950 + i
        email = f"{given}.{family}{i}@mail.test".lower()
        phone = f"+38050{1000000 + i}"
        for dob, mail, tel in (
            (f"{year}-03-10", email, None),
            (f"{year + 3}-07-21", email, phone),
            (f"{year + 3}-07-22", None, phone),
        ):
            out.append(mention("person", row=row, given_name=given, family_name=family,
                               dob=dob, email=mail, phone=tel))  # fmt: skip
            row += 1
    return out


def test_scattered_dates_with_shared_identifiers_merge_and_are_recorded():
    records = _scattered_people(40)
    resolved = resolve(case_of(records))
    model = resolved.manifest["resolve_model"]
    assert model["dates_reliable"] is False
    # Anchors: each person's e-mail pair (dates years apart: a conflict) and phone pair
    # (a day apart: close, no conflict), 80 in all, half of them conflicting.
    assert model["date_reliability_info"] == {"dated_anchor_pairs": 80, "conflicting_share": 0.5}
    ent = resolved.resolution.set_index("mention_id")["entity_id"]
    for i in range(40):
        ids = [r["mention_id"] for r in records[3 * i : 3 * i + 3]]
        assert ent[ids].nunique() == 1, records[3 * i]["given_name"]
    assert ent.nunique() == 40


def test_a_single_name_part_is_not_copied_into_the_other():
    frame = people([
        {"given_name": "Theodore"},
        {"family_name": "Green"},
        {"name": "Theodore Morris"},
        {"name": "Morris"},
    ])  # fmt: skip
    f = person_features(frame)
    assert f["given_name"].tolist() == ["theodore", "", "theodore", ""]
    assert f["family_name"].tolist() == ["", "green", "morris", "morris"]


def test_dates_stay_a_veto_where_they_are_reliable():
    # Every person's two records agree on the date: the anchors show dates reliable, so a
    # namesake born on another day stays apart, even with a dateless record bridging the
    # two by name (the clustering's date check).
    records = []
    for i in range(40):
        for j in range(2):
            records.append(mention("person", row=2 * i + j + 1, given_name="Ivan",
                                   family_name=f"Bondar{chr(97 + i % 26)}{i}",
                                   dob=f"19{50 + i}-03-01",
                                   email=f"ivan{i}@mail.test"))  # fmt: skip
    namesake = mention("person", row=100, given_name="Ivan", family_name="Bondara0",
                       dob="1977-08-15")  # fmt: skip
    bridge = mention("person", row=101, given_name="Ivan", family_name="Bondara0")
    resolved = resolve(case_of([*records, namesake, bridge]))
    assert resolved.manifest["resolve_model"]["dates_reliable"] is True
    ent = resolved.resolution.set_index("mention_id")["entity_id"]
    assert ent[records[0]["mention_id"]] == ent[records[1]["mention_id"]]
    assert ent[records[0]["mention_id"]] != ent[namesake["mention_id"]]


def test_a_date_ingest_rejected_keeps_only_its_sound_parts():
    # Kept in the mention and flagged dob_invalid by ingest: "1860-01-81" has no day 81,
    # "1856-86-18" no month 86, 2001 no 29 February; a day without a month says nothing.
    frame = people([
        {"name": "A B", "dob": "1860-01-81"},
        {"name": "A B", "dob": "1856-86-18"},
        {"name": "A B", "dob": "2001-02-29"},
        {"name": "A B", "dob": "2000-02-29"},
        {"name": "A B", "dob": "1845-00-01"},
    ])  # fmt: skip
    f = person_features(frame)
    parts = list(zip(f["dob_y"], f["dob_m"], f["dob_d"], strict=True))
    assert parts == [(1860, 1, 0), (1856, 0, 0), (2001, 2, 0), (2000, 2, 29), (1845, 0, 0)]
    assert f["dob8"].tolist() == ["", "", "", "20000229", ""]


def test_honorifics_are_not_names():
    frame = people([{"name": "Lady Isabella Stanley"}, {"name": "Sir Frank Adam, Baronet"}])
    f = person_features(frame)
    assert f["given_name"].tolist() == ["isabella", "frank"]
    assert f["family_name"].tolist() == ["stanley", "adam"]


def test_a_day_and_month_swapped_are_kept_for_the_swap_level():
    frame = people([{"name": "A B", "dob": "1990-14-09"}, {"name": "A B", "dob": "1990-09-14"}])
    f = person_features(frame)
    assert list(zip(f["dob_m"], f["dob_d"], strict=True)) == [(14, 9), (9, 14)]


def test_a_date_that_is_no_calendar_date_is_close_to_the_one_it_mistypes():
    # "1938-11-31" (no 31 November) is 1938-11-13 with two digits swapped, "19381131" as
    # FEBRL ships it the same; "1856-86-18" is 1856-06-18 with one digit wrong. Against
    # a date more than one typo away they agree on the year only, as before.
    frame = people([
        {"name": "A B", "dob": "1938-11-31"}, {"name": "A B", "dob": "1938-11-13"},
        {"name": "A B", "dob": "19381131"}, {"name": "A B", "dob": "1856-86-18"},
        {"name": "A B", "dob": "1856-06-18"}, {"name": "A B", "dob": "1938-05-02"},
    ])  # fmt: skip
    f = person_features(frame)
    assert f["dob_digits"].tolist() == [
        "19381131", "19381113", "19381131", "18568618", "18560618", "19380502"
    ]  # fmt: skip
    left, right = np.array([0, 2, 3, 0]), np.array([1, 1, 4, 5])
    levels, _ = DOB.compare(f, left, right, workers=1)
    close, year = level_code("dob", "close"), level_code("dob", "same_year")
    assert levels.tolist() == [close, close, close, year]
