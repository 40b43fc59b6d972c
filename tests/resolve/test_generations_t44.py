"""Fathers and sons, namesakes years apart (tester t44, D1b, D3, D8).

* Namesakes whose dates share the day or the month but lie years apart (2005-08-14 /
  1992-03-14) are "far apart", not merely "different".
* Spanish and Portuguese generational suffixes (hijo / padre, Filho / Júnior) tell a
  father from his son as Jr. / Sr. do, and are no part of the family name compared.
"""

from __future__ import annotations

from click.testing import CliRunner
from people_case import entity_by_row, resolved_people_case

from linkgraph.cli import cli

HEADER = "name,dob,sex,phone,address,city\n"
FILLER = (
    "Ivan Petrov,1975-02-11,M,+4917612345002,Am Markt 5,Bremen\n"
    "Fatma Kaya,1969-05-02,F,+4917612345003,Ringstr. 9,Leipzig\n"
    "Jose Garcia,1988-07-30,M,+4917612345004,Gartenweg 1,Bremen\n"
    "Olena Koval,1991-09-14,F,+4917612345005,Hauptstr. 2,Berlin\n"
)


def test_namesakes_years_apart_sharing_a_day_are_far_apart(tmp_path):
    case = resolved_people_case(
        tmp_path,
        police=HEADER + "Maria Lopez,2005-08-14,F,,,Madrid\n" + FILLER,
        ngo=HEADER + "Maria Lopez,1992-03-14,F,,,Madrid\n" + FILLER,
    )
    entity = entity_by_row(case)
    assert entity[("police.csv", 1)] != entity[("ngo.csv", 1)]
    out = CliRunner().invoke(
        cli, ["explain", str(case), "police.csv:1", "ngo.csv:1", "--show-victims"]
    )
    assert "dob: far apart" in out.output, out.output


def test_hijo_and_padre_are_two_generations(tmp_path):
    case = resolved_people_case(
        tmp_path,
        police=HEADER
        + "Diego Mendoza Ramírez padre,,M,+50251282171,,Ciudad de México\n"
        + "João Silva Filho,1980-01-02,M,+5511999990000,,São Paulo\n"
        + FILLER,
        ngo=HEADER
        + "Diego Mendoza Ramírez hijo,,M,+50251282171,,Ciudad de México\n"
        + "João Silva,1980-01-02,M,+5511999990000,,São Paulo\n"
        + FILLER,
    )
    entity = entity_by_row(case)
    assert entity[("police.csv", 1)] != entity[("ngo.csv", 1)]
    # The suffix is no part of the family name: João Silva Filho is João Silva.
    assert entity[("police.csv", 2)] == entity[("ngo.csv", 2)]
    out = CliRunner().invoke(
        cli, ["explain", str(case), "police.csv:1", "ngo.csv:1", "--show-victims"]
    )
    # "padre" is no family name: the one-cell name is Diego Mendoza Ramírez.
    assert "family name 'ramirez'" in out.output, out.output
