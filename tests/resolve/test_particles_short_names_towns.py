"""Names of trafficking source countries, through the CLI: an Arabic article or a father's
name written in one record and not the other ("Ibrahim Al Zahrani" / "Ebrahim Zahrani",
"Hussein Ali Darwish" / "Hussain Darwish") and a Vietnamese name split family name first
("Nguyen" / "Thi Huong") still meet; two short Chinese family names one letter apart
(Li / Liu) are two names; a date of birth one decade digit apart is no typo of it; and
a town most of the case's people share weighs less than a rare one."""

from __future__ import annotations

import json
import math

from click.testing import CliRunner
from people_case import entity_by_row, resolved_people_case

from linkgraph.cli import cli

#: People no pair below is about: they give EM a case to learn from.
OTHERS = """Elena Popescu,1979-02-11,Iasi,RO
Mihai Ionescu,1983-07-30,Craiova,RO
Joy Okafor,1994-12-02,Enugu,NG
Chinedu Eze,1990-05-19,Enugu,NG
Maria Gomez Ruiz,1987-08-08,Cali,CO
Tran Van Binh,1980-08-06,Hai Phong,VN
"""

POLICE = (
    "First Name,Last Name,DOB,City,Nationality\n"
    "Ibrahim,Al Zahrani,2000-02-27,,SA\n"
    "Hussein,Ali Darwish,1991-03-28,Casablanca,MA\n"
    "Nguyen,Thi Huong,1988-03-27,,VN\n"
)
BORDER = (
    "First Name,Last Name,DOB,City,Nationality\n"
    "Ebrahim,Zahrani,2000-02-27,Tangier,SA\n"
    "Hussain,Darwish,1992-03-28,Casablanca,MA\n"
    "Huong,Nguyen,1989-03-27,,VN\n"
)


def _others() -> str:
    rows = []
    for line in OTHERS.strip().splitlines():
        name, dob, city, nat = line.split(",")
        given, family = name.split(" ", 1)
        rows.append(f"{given},{family},{dob},{city},{nat}")
    return "\n".join(rows) + "\n"


def _explain(case, a: str, b: str) -> dict[str, dict]:
    done = CliRunner().invoke(cli, ["explain", str(case), a, b, "--json"])
    assert done.exit_code == 0, done.output
    return {row["field"]: row for row in json.loads(done.output)}


def test_article_father_name_and_vietnamese_order_meet(tmp_path):
    case = resolved_people_case(tmp_path, police=POLICE + _others(), border=BORDER)
    entity = entity_by_row(case)
    # One person each: the same (or a one-digit) date of birth, names that agree once
    # the article, the father's name or the middle name is set aside.
    for row in (1, 2, 3):
        assert entity[("police.csv", row)] == entity[("border.csv", row)], row
    # Compared by a name rule, not by luck: every pair has a blocking rule.
    for row in (1, 2, 3):
        fields = _explain(case, f"police.csv:{row}", f"border.csv:{row}")
        assert fields["given_name"]["rule"], row
    # "Al Zahrani" and "Zahrani" are one family name.
    assert _explain(case, "police.csv:1", "border.csv:1")["family_name"]["level"] == "exact"


CHINESE = (
    "Name,DOB,City,Nationality\n"
    '"LI, Yang",1976-04-28,Wenzhou,CN\n'
    '"LIU, Yang",1996-04-28,Wenzhou,CN\n'
    "Hai-yan Li,1989-06-17,Harbin,CN\n"
    "Hai-yan Liu,,,CN\n"
    "Nur Hassan,1980-01-05,Amman,JO\n"
    "Noor Hassan,1980-01-05,,JO\n"
    "Wei Chen,1985-09-09,Fuzhou,CN\n"
    "Wei Chan,1985-09-09,,CN\n"
)


def test_short_family_names_one_letter_apart_are_two_names(tmp_path):
    case = resolved_people_case(tmp_path, hotline=CHINESE)
    entity = entity_by_row(case)
    row = {i: entity[("hotline.csv", i)] for i in range(1, 9)}
    # Li / Liu: another family name, not a spelling of it (Jaro-Winkler 0.91).
    assert row[1] != row[2]
    assert row[3] != row[4]
    fields = _explain(case, "hotline.csv:3", "hotline.csv:4")
    assert fields["family_name"]["level"] == "different"
    # Spellings of one short name still agree: Nur / Noor (the vowels of an Arabic
    # name), Chen / Chan (one letter of four).
    assert row[5] == row[6]
    assert _explain(case, "hotline.csv:7", "hotline.csv:8")["family_name"]["level"] != "different"


def test_decade_digit_is_no_typo_of_a_date(tmp_path):
    case = resolved_people_case(tmp_path, hotline=CHINESE)
    # 1976-04-28 / 1996-04-28: one digit, twenty years.
    fields = _explain(case, "hotline.csv:1", "hotline.csv:2")
    assert fields["dob"]["level"] == "different"
    assert fields["dob"]["weight"] <= 0


def _albanians() -> str:
    # Eight people of Durres, two of Vlore and one each of two other towns: Durres is
    # the town of 8 of the 12 Albanians (distinct people: name and date of birth).
    rows = [
        ("Ermal", "Hoxha", "2004-08-27", "Durres"),
        ("Ermal", "Meta", "2004-06-27", "Durres"),
        ("Arben", "Kola", "1990-01-15", "Durres"),
        ("Besnik", "Shehu", "1985-03-03", "Durres"),
        ("Dritan", "Leka", "1979-11-21", "Durres"),
        ("Fatmir", "Gjoka", "1993-04-09", "Durres"),
        ("Gezim", "Dervishi", "1988-12-30", "Durres"),
        ("Ilir", "Basha", "1996-06-14", "Durres"),
        ("Klodian", "Marku", "1991-02-02", "Vlore"),
        ("Klodian", "Marku", "1991-02-02", "Vlore"),
        ("Luan", "Prifti", "1982-10-10", "Korce"),
        ("Mira", "Cela", "1999-09-19", "Fier"),
        ("Nertila", "Dibra", "1994-07-07", "Vlore"),
    ]
    head = "First Name,Last Name,DOB,City,Nationality\n"
    return head + "".join(f"{g},{f},{d},{c},AL\n" for g, f, d, c in rows)


def test_a_town_most_people_share_counts_less(tmp_path):
    case = resolved_people_case(tmp_path, police=_albanians() + _others())
    # The case's 18 people with a town (Klodian Marku twice is one): Durres 8, Vlore 2,
    # Enugu 2, six towns of one. Two of them share a town with probability
    # (64 + 4 + 4 + 6) / 18**2 = 78 / 324: a typical town's share.
    typical = 78 / 18**2
    # Ermal Hoxha / Ermal Meta, both of Durres: 8 of the 12 Albanians live there.
    fields = _explain(case, "police.csv:1", "police.csv:2")
    city = fields["city"]
    assert city["level"] == "exact"
    expected = max(-4.0, min(0.0, math.log2(typical / (8 / 12))))
    assert abs(city["tf_adjustment"] - expected) < 2e-3
    assert expected < -1
    # A family name with nothing in common outweighs the shared hub.
    assert fields["family_name"]["level"] == "unrelated (nothing in common)"
    assert fields["family_name"]["weight"] + city["weight"] < 0
    # Klodian Marku twice, of Vlore (2 of the 12 Albanians: rarer than a typical town
    # here): no discount, and never a bonus.
    same = _explain(case, "police.csv:9", "police.csv:10")["city"]
    assert same["tf_adjustment"] > expected
    assert same["tf_adjustment"] <= 0
