"""A one-word name ("Ramesh", a full-name cell of one word, which resolution reads as a
family name) against a record with a given name only ("Suresh") or a full name (tester
t44, D2): the word is compared with the other record's given name (and family name), and
plainly different names count against, so two men on one family phone stay apart while
one man written "Ramesh" and "Ramesh Kumar" is one."""

from __future__ import annotations

from click.testing import CliRunner
from people_case import entity_by_row, resolved_people_case

from linkgraph.cli import cli

POLICE = """given_name,family_name,dob,sex,phone,city
Suresh,,1990-07-05,M,+918121189222,Chennai
Ramesh,Kumar,1980-01-01,M,+918121189333,Delhi
Priya,,1978-06-11,F,+918121189247,Mumbai
Rahul,Sharma,1985-03-02,M,+918121189111,Mumbai
Anil,Verma,1972-10-09,M,+918121189444,Pune
"""
NGO = """full_name,sex,phone,city
Ramesh,M,00918121189222,Chennai
Ramesh,M,00918121189333,Delhi
Priya,F,00918121189247,Mumbai
Rahul Sharma,M,00918121189111,Mumbai
Anil Verma,M,00918121189444,Pune
"""


def test_one_word_names_compared_with_the_given_name(tmp_path):
    case = resolved_people_case(tmp_path, police=POLICE, ngo=NGO)
    entity = entity_by_row(case)
    # Suresh and Ramesh on one phone: two names, two men.
    assert entity[("police.csv", 1)] != entity[("ngo.csv", 1)]
    # "Ramesh" is Ramesh Kumar's given name, and Priya is Priya.
    assert entity[("police.csv", 2)] == entity[("ngo.csv", 2)]
    assert entity[("police.csv", 3)] == entity[("ngo.csv", 3)]
    out = CliRunner().invoke(
        cli, ["explain", str(case), "police.csv:1", "ngo.csv:1", "--show-victims"]
    )
    assert out.exit_code == 0, out.output
    assert "given_name: different" in out.output
    assert "SAME entity" not in out.output
