"""A record with a name and no date of birth is not attached to one of several namesakes.

The case holds three women named Ngoc Hoa Nguyen, told apart by their dates of birth
(1967-03-23, 1985-08-17, 2002-12-21); a fourth record of that name gives no date, no
phone, no document and no address. Nothing says which of the three she is: the pair
stays below the threshold on the name alone and goes to review as "name fits several
people". A name with one known bearer still takes its undated record.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from click.testing import CliRunner

import linkgraph as lg
from linkgraph.cli import cli

_HEADER = "given_name,family_name,dob,sex,nationality,phone,city"
_ROWS = [
    # Three namesakes, told apart by their dates of birth; written family name first in
    # one record, as lists of another country do.
    ("Ngoc Hoa", "Nguyen", "1967-03-23", "F", "VNM", "+4917003884069", "Berlin"),
    ("Nguyen", "Ngoc Hoa", "1967-03-23", "F", "VNM", "+4917003884069", "Berlin"),
    ("Ngoc Hoa", "Nguyen", "1985-08-17", "F", "VNM", "+4915112345678", "Leipzig"),
    ("Ngoc Hoa", "Nguyen", "2002-12-21", "F", "VNM", "+4915154546484", "Hamburg"),
    ("Ngoc Hoa", "Nguyen", "2002-12-21", "F", "VNM", "", ""),
    # Row 6: the same name, no date of birth, nothing else in common with any of them.
    ("Ngoc Hoa", "Nguyen", "", "F", "VNM", "", ""),
    # One bearer of her name: her undated record is hers (row 9).
    ("Thi Lan", "Tran", "1980-01-15", "F", "VNM", "+4917612345001", "Berlin"),
    ("Thi Lan", "Tran", "1980-01-15", "F", "VNM", "", "Berlin"),
    ("Thi Lan", "Tran", "", "F", "VNM", "", ""),
    # Others, each seen twice, for the weights to learn from.
    ("Ivan", "Petrov", "1975-02-11", "M", "RUS", "+4917612345002", "Bremen"),
    ("Ivan", "Petrov", "1975-02-11", "M", "RUS", "", "Bremen"),
    ("Fatma", "Kaya", "1969-05-02", "F", "TUR", "+4917612345003", "Leipzig"),
    ("Fatma", "Kaya", "1969-05-02", "F", "TUR", "+4917612345003", ""),
    ("Jose", "Garcia", "1988-07-30", "M", "ESP", "+4917612345004", "Bremen"),
    ("Jose", "Garcia", "1988-07-30", "M", "ESP", "", "Bremen"),
    ("Folake", "Adeleke", "1989-02-05", "F", "NGA", "+4917612345005", "Hamburg"),
    ("Folake", "Adeleke", "1989-02-05", "F", "NGA", "+4917612345005", ""),
    ("Min Jun", "Kim", "1991-11-19", "M", "KOR", "+4917612345006", "Berlin"),
    ("Min Jun", "Kim", "1991-11-19", "M", "KOR", "", "Berlin"),
    ("Gheorghe", "Lacatus", "1979-09-28", "M", "ROU", "+4917612345007", "Leipzig"),
    ("Gheorghe", "Lacatus", "1979-09-28", "M", "ROU", "", "Leipzig"),
    ("Mehmet", "Yilmaz", "1984-03-14", "M", "TUR", "+4917612345008", "Hamburg"),
    ("Mehmet", "Yilmaz", "1984-03-14", "M", "TUR", "", "Hamburg"),
]


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


#: One man whose date of birth was keyed wrong in four of his records (Splink's hist50k
#: has such registers): each wrong date is one typo of 1862-01-01, so his six dates are
#: one person's, and his undated record (the last) is his.
_TYPOS = [
    ("Vaughan", "Cornish", "1862-01-01", "M", "GBR", "", "Lichfield"),
    ("Vaughan", "Cornish", "1862-01-01", "M", "GBR", "", "Lichfield"),
    ("Vaughan", "Cornish", "1862-01-11", "M", "GBR", "", "Lichfield"),
    ("Vaughan", "Cornish", "1862-11-01", "M", "GBR", "", "Lichfield"),
    ("Vaughan", "Cornish", "1863-01-01", "M", "GBR", "", "Lichfield"),
    ("Vaughan", "Cornish", "1882-01-01", "M", "GBR", "", "Lichfield"),
    ("Vaughan", "Cornish", "", "M", "GBR", "", ""),
]


def _case(tmp_path: Path, rows: list[tuple[str, ...]] = _ROWS) -> Path:
    """The list ingested with the people preset and resolved through the CLI."""
    src = tmp_path / "list.csv"
    lines = [_HEADER, *(",".join(r) for r in rows)]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    case = tmp_path / "case"
    _run("ingest", str(src), "--preset", "people", "-o", str(case), "-q")
    _run("resolve", str(case), "-q")
    return case


def _entity(case: Path) -> dict[int, str]:
    """Row → entity id of each person mention."""
    c = lg.Case.read(case)
    m = c.mentions[c.mentions["type"] == "person"].merge(c.resolution, on="mention_id")
    return dict(zip(m["row"].astype(int), m["entity_id"], strict=True))


def test_undated_record_joins_none_of_several_namesakes(tmp_path):
    ent = _entity(_case(tmp_path))
    # The three namesakes stay three people, each with her own records.
    assert ent[1] == ent[2]
    assert ent[4] == ent[5]
    assert len({ent[1], ent[3], ent[4]}) == 3
    # The undated record is none of them.
    assert ent[6] not in {ent[1], ent[3], ent[4]}


def test_undated_record_of_a_single_bearer_still_joins(tmp_path):
    ent = _entity(_case(tmp_path))
    assert ent[7] == ent[8] == ent[9]


def test_undated_record_of_one_person_whose_dates_hold_typos_still_joins(tmp_path):
    ent = _entity(_case(tmp_path, [*_ROWS, *_TYPOS]))
    first = len(_ROWS) + 1
    assert ent[first + 6] == ent[first]
    # The three Ngoc Hoa Nguyen are still three people, her undated record none of them.
    assert len({ent[1], ent[3], ent[4], ent[6]}) == 4


def test_explain_and_review_say_the_name_fits_several_people(tmp_path):
    case = _case(tmp_path)
    text = _run("explain", str(case), "list.csv:6", "list.csv:4")
    assert "Resolved as DIFFERENT entities" in text
    assert "rule: ambiguous: name fits several people, no date of birth" in text
    # Capped at the weak-name cap, below the threshold.
    assert "match probability 0.5000" in text
    # review lists its pairs first, with the reason.
    review = _run("review", str(case), "--csv", "--show-victims").splitlines()
    # one row per undated record up front (its three namesakes' pairs are one question),
    # its other pairs later with the rest
    reason = "name fits several people, no date of birth"
    assert reason in review[1], review
    assert "list.csv,6" in review[1].replace('"', ""), review
    assert sum(reason in row for row in review) == 5, review  # row 6 with rows 1-5


def test_review_asks_once_per_undated_record_before_the_closest_pairs():
    """Two undated records, each capped against three namesakes, and one pair at 0.85
    (closer to the 0.9 threshold than the capped 0.5): each undated record's first pair
    comes first, then the 0.85 pair, then the four other capped pairs."""
    from linkgraph.resolve.evidence import SHARED_NAME_RULE
    from linkgraph.resolve.explain import review_pairs

    rows = [("m:u1", f"m:a{i}", 0.5, SHARED_NAME_RULE) for i in (3, 1, 2)]
    rows += [("m:u2", f"m:b{i}", 0.5, SHARED_NAME_RULE) for i in (1, 2, 3)]
    rows += [("m:c1", "m:c2", 0.85, "weights")]
    evidence = pd.DataFrame(rows, columns=["left", "right", "match_probability", "rule"])
    evidence = evidence.assign(type="person", decision="non_match")
    order = review_pairs(evidence, 0.9)
    got = list(zip(order["left"], order["right"], strict=True))
    assert got[:3] == [("m:a1", "m:u1"), ("m:b1", "m:u2"), ("m:c1", "m:c2")]
    assert sorted(got[3:]) == [
        ("m:a2", "m:u1"), ("m:a3", "m:u1"), ("m:b2", "m:u2"), ("m:b3", "m:u2"),
    ]  # fmt: skip
    assert order["reason"].tolist().count("name fits several people, no date of birth") == 6
