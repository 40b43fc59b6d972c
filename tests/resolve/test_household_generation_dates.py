"""A father and the son named after him, in one household (tester round 17, P2): full
dates of birth 15 years or more apart with day and month different too are no typo of
one another. When each date is confirmed by another record of its own (a father's and
his son's dates recur in their records; a clerk's replaced date is a one-off, as in
FEBRL's corrupted copies), the two stay apart at one street address, postcode and
phone. Dates one keying error apart at that address (a digit, day and month swapped, a
year alone replaced) still merge, and so does a one-off date a generation off."""

from __future__ import annotations

import re

from click.testing import CliRunner
from people_case import person_mentions, resolved_people_case

from linkgraph.cli import cli

HEADER = "name,dob,phone,address,postcode,city,sex\n"
HOME = "Lindenallee 17,04109,Leipzig"
FATHER = f"Mehmet Yilmaz,1959-03-10,+49 170 1111111,{HOME},m\n"
SON = f"Mehmet Yilmaz,1985-06-14,+49 170 1111111,{HOME},m\n"


def _case(tmp_path):
    return resolved_people_case(
        tmp_path,
        police=HEADER
        + FATHER
        + (
            # one man, his date typed with day and month swapped in the other file
            "Fatmir Berisha,1991-05-03,+49 171 2222222,Goethestr. 40,01067,Dresden,m\n"
            # one woman, her year keyed with two digits swapped in the other file
            "Dolores Lopez,1985-12-16,+49 172 3333333,Gartenweg 128,90402,Nürnberg,f\n"
            # one man, his year alone replaced (day and month as they were)
            "Ion Popa,1961-06-06,+49 173 4444444,Am Markt 5,50667,Köln,m\n"
            # one woman, her whole date replaced in one record of three
            "Ana Marin,1972-04-21,+49 174 5555555,Ringstr. 9,28195,Bremen,f\n"
        ),
        ngo=HEADER
        + SON
        + (
            "Fatmir Berisha,1991-03-05,+49 171 2222222,Goethestr. 40,01067,Dresden,m\n"
            "Dolores Lopez,1958-12-16,+49 172 3333333,Gartenweg 128,90402,Nürnberg,f\n"
            "Ion Popa,1988-06-06,+49 173 4444444,Am Markt 5,50667,Köln,m\n"
            "Ana Marin,1972-04-21,+49 174 5555555,Ringstr. 9,28195,Bremen,f\n"
        ),
        border=HEADER
        + FATHER
        + SON
        + "Ana Marin,1946-11-03,+49 174 5555555,Ringstr. 9,28195,Bremen,f\n",
    )


def test_father_and_son_of_one_name_in_one_household_stay_apart(tmp_path):
    case = _case(tmp_path)
    entity = person_mentions(case)["entity_id"]
    father = {entity[("police.csv", 1)], entity[("border.csv", 1)]}
    son = {entity[("ngo.csv", 1)], entity[("border.csv", 2)]}
    assert len(father) == 1
    assert len(son) == 1
    assert father != son
    out = CliRunner().invoke(
        cli, ["explain", str(case), "police.csv:1", "ngo.csv:1", "--show-victims"]
    )
    assert out.exit_code == 0, out.output
    assert "SAME entity" not in out.output
    assert re.search(r"rule: generation conflict: dates of birth a generation apart", out.output)


def test_dates_one_keying_error_apart_in_one_household_still_merge(tmp_path):
    entity = person_mentions(_case(tmp_path))["entity_id"]
    for row in (2, 3, 4):
        assert entity[("police.csv", row)] == entity[("ngo.csv", row)], row
    # a one-off date a generation off, beside two records of the date it replaced
    assert entity[("police.csv", 5)] == entity[("ngo.csv", 5)] == entity[("border.csv", 3)]
