"""Two snapshots of a voter roll (year of birth only, a name-suffix column), round 12
K2 and K3: a father and his son "JR" at one address are two people, with or without the
household's phone; a year keyed one digit wrong is still one person; and a given name,
a year of birth and a town do not join two different family names."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from people_case import person_mentions

from linkgraph.cli import cli

HEADER = (
    "last_name,first_name,name_suffix_lbl,res_street_address,res_city_desc,zip_code,"
    "full_phone_number,gender_code,birth_year\n"
)
#: Voters on both rolls, unchanged: (family, given, suffix, street, city, zip, phone, sex, year).
STAYING = [
    ("WHITE", "JOHN", "", "9463 MAPLE DR", "APEX", "27502", "9197775803", "M", "1946"),
    ("WHITE", "JOHN", "JR", "9463 MAPLE DR", "APEX", "27502", "9197775803", "M", "1973"),
    ("ROBINSON", "PAUL", "", "6907 ELM ST", "LUMBERTON", "28372", "", "M", "1943"),
    ("ROBINSON", "PAUL", "JR", "6907 ELM ST", "LUMBERTON", "28372", "", "M", "1970"),
    ("WILSON", "THOMAS", "", "5686 PINE ST", "LUMBERTON", "28358", "", "M", "1949"),
    ("PEGRAM", "ROBERT", "", "5910 CHURCH ST", "CHARLOTTE", "28202", "7044903204", "M", "1933"),
    ("LOPEZ", "LINDA", "", "8342 HIGHLAND AVE", "APEX", "27502", "9196538976", "F", "1938"),
    ("BAKER", "SUSAN", "", "112 CEDAR LN", "DURHAM", "27701", "9194410011", "F", "1981"),
    ("CLARK", "DAVID", "", "77 PARK RD", "GREENSBORO", "27401", "", "M", "1962"),
    ("LEWIS", "NANCY", "", "450 OAK AVE", "BURLINGTON", "27215", "3365550123", "F", "1990"),
]
#: (2014 record, 2018 record) of one voter whose 2018 record differs.
KING_2014 = ("KING", "GEORGE", "", "31 MAIN ST", "RALEIGH", "27601", "", "M", "1946")
KING_2018 = ("KING", "GEORGE", "", "31 MAIN ST", "RALEIGH", "27601", "", "M", "1947")
#: Only in 2018: another Thomas born 1949 in Wilson's town, of another family.
HERNANDEZ = ("HERNANDEZ", "THOMAS", "", "1562 PINE ST", "LUMBERTON", "28358", "", "M", "1949")


def _roll(rows: list[tuple[str, ...]]) -> str:
    return HEADER + "".join(",".join(row) + "\n" for row in rows)


def _case(tmp_path: Path) -> tuple[Path, pd.Series]:
    """Both rolls, each ingested with its own unedited `mapping suggest` draft, resolved;
    the case and the entity of each person mention by (source, row)."""
    rolls = {
        "roll_2014.csv": _roll([*STAYING, KING_2014]),
        "roll_2018.csv": _roll([*STAYING, KING_2018, HERNANDEZ]),
    }
    case, runner = tmp_path / "case", CliRunner()
    for name, text in rolls.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        draft = tmp_path / f"{name}.yaml"
        done = runner.invoke(cli, ["mapping", "suggest", str(path), "-o", str(draft)])
        assert done.exit_code == 0, done.output
        done = runner.invoke(cli, ["ingest", str(path), "--mapping", str(draft), "-o", str(case)])
        assert done.exit_code == 0, done.output
    done = runner.invoke(cli, ["resolve", str(case)])
    assert done.exit_code == 0, done.output
    return case, person_mentions(case)["entity_id"]


@pytest.fixture(scope="module")
def rolls(tmp_path_factory) -> tuple[Path, pd.Series]:
    return _case(tmp_path_factory.mktemp("rolls"))


def _row(rows: list[tuple[str, ...]], family: str, given: str, year: str) -> int:
    """The 1-based data row of a voter in ``rows``."""
    return next(i for i, r in enumerate(rows, 1) if (r[0], r[1], r[8]) == (family, given, year))


def test_father_and_son_stay_apart_and_each_keeps_his_own_records(rolls):
    """K2: JOHN WHITE 1946 and JOHN WHITE JR 1973 share name, address and the family's
    phone; PAUL ROBINSON 1943 and PAUL ROBINSON JR 1970 share name and address, no
    phone. Each is one person across the two rolls, and never his father."""
    entity = rolls[1]
    for family, given, father, son in (
        ("WHITE", "JOHN", "1946", "1973"),
        ("ROBINSON", "PAUL", "1943", "1970"),
    ):
        row_f, row_s = _row(STAYING, family, given, father), _row(STAYING, family, given, son)
        f14, f18 = entity[("roll_2014.csv", row_f)], entity[("roll_2018.csv", row_f)]
        s14, s18 = entity[("roll_2014.csv", row_s)], entity[("roll_2018.csv", row_s)]
        assert f14 == f18, family
        assert s14 == s18, family
        assert f14 != s14, family


def test_a_year_keyed_one_digit_wrong_is_one_person(rolls):
    """GEORGE KING 1946 in 2014 and 1947 in 2018, everything else the same: one voter."""
    entity = rolls[1]
    king_2014 = entity[("roll_2014.csv", len(STAYING) + 1)]
    assert king_2014 == entity[("roll_2018.csv", len(STAYING) + 1)]


def test_given_name_year_and_town_do_not_join_two_family_names(rolls):
    """K3: THOMAS HERNANDEZ and THOMAS WILSON, both born 1949, both of LUMBERTON 28358,
    at two addresses of one street: two people."""
    entity = rolls[1]
    wilson = _row(STAYING, "WILSON", "THOMAS", "1949")
    hernandez = entity[("roll_2018.csv", len(STAYING) + 2)]
    assert entity[("roll_2014.csv", wilson)] == entity[("roll_2018.csv", wilson)]
    assert hernandez not in {entity[("roll_2014.csv", wilson)], entity[("roll_2018.csv", wilson)]}


def test_explain_names_the_generation_conflict(rolls):
    """`linkgraph explain` of the father and son on one phone says why they stay apart."""
    row_f, row_s = (_row(STAYING, "WHITE", "JOHN", y) for y in ("1946", "1973"))
    out = CliRunner().invoke(
        cli,
        ["explain", str(rolls[0]), f"roll_2014.csv:{row_f}", f"roll_2014.csv:{row_s}"],
    )
    assert out.exit_code == 0, out.output
    assert "DIFFERENT entities" in out.output
    assert "generation conflict" in out.output


def test_a_suffix_column_of_two_generations_keeps_father_and_son_apart(tmp_path):
    """No year of birth at all: the suffix column alone tells "SR" from "JR" on one
    name, address and phone (two people), while "JR" on both rolls is one voter."""
    rows = [
        ("MOORE", "STEVEN", "SR", "251 CHURCH ST", "APEX", "27502", "7049041051", "M", ""),
        ("MOORE", "STEVEN", "JR", "251 CHURCH ST", "APEX", "27502", "7049041051", "M", ""),
        ("HILL", "MARK", "JR", "9 BIRCH LN", "DURHAM", "27701", "9195550142", "M", ""),
        *STAYING[5:],
    ]
    case, runner = tmp_path / "case", CliRunner()
    for name in ("a.csv", "b.csv"):
        path = tmp_path / name
        path.write_text(_roll(rows), encoding="utf-8")
        draft = tmp_path / f"{name}.yaml"
        done = runner.invoke(cli, ["mapping", "suggest", str(path), "-o", str(draft)])
        assert done.exit_code == 0, done.output
        done = runner.invoke(cli, ["ingest", str(path), "--mapping", str(draft), "-o", str(case)])
        assert done.exit_code == 0, done.output
    done = runner.invoke(cli, ["resolve", str(case)])
    assert done.exit_code == 0, done.output
    entity = person_mentions(case)["entity_id"]
    assert entity[("a.csv", 1)] == entity[("b.csv", 1)]
    assert entity[("a.csv", 2)] == entity[("b.csv", 2)]
    assert entity[("a.csv", 1)] != entity[("a.csv", 2)]
    assert entity[("a.csv", 3)] == entity[("b.csv", 3)]
