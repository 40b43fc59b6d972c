"""Given names written as initials, double family names in one full-name column, and
household members of alike names born years apart (tester t51's defects D2, D5, D6),
through the CLI and against hand-built pairs.

* A given name written as the initials of the other's given name of several words
  ("AS" / "Anne-Sophie", "J.-P." / "Jean Pierre", "AM Fontaine" in a full-name column)
  is alike, as a single initial is: one person on one date of birth and phone. "JP" /
  "John" (the first initial alone) still differ.
* A full name of three words read as given name and last family name ("Concepción
  González Dias": "concepcion", "dias") keeps its middle words: the other's family name
  among them ("González") is a family name in common, alike, not "unrelated".
* Given names alike but two names ("Marie Laure" / "Marie-Claire", "Mary" / "Mark")
  with full dates of birth years apart are two members of a household, whatever home,
  phone and family name they share: capped, not merged.
"""

from __future__ import annotations

import pandas as pd
from click.testing import CliRunner
from people_case import entity_by_row, resolved_people_case

from linkgraph.cli import cli
from linkgraph.resolve.comparisons import level_code, name_levels
from linkgraph.resolve.features import person_features, written_initials
from linkgraph.resolve.korean import korean_parts

POLICE_HEADER = "given_name,family_name,dob,phone,address,city\n"
NGO_HEADER = "name,dob,phone,address,city\n"
# Row n of the police list and row n of the NGO list are the pair under test.
POLICE = POLICE_HEADER + (
    "AS,Henry,1998-07-23,+447564626617,High Street 40,Porto\n"  # 1 one woman
    "J.-P.,Mercier,1971-02-03,+447973932557,Mill Lane 8,Lyon\n"  # 2 one man
    "Ana-Maria,Fontaine,1967-03-18,+447832984952,Avenida Libertad 209,Lyon\n"  # 3 one woman
    "JP,Dubois,1980-04-04,+447111222333,Kings Road 5,Paris\n"  # 4 two brothers
    "Luis,Ribeiro,1961-12-20,+447417503402,,Lisbon\n"  # 5 one man, two family names
    "Concepción,González,,,High Street 148,Lyon\n"  # 6 one woman, two family names
    "Marie Laure,Chevalier,1995-10-14,+447351173393,Victoria Road 175,Istanbul\n"  # 7 sisters
    "Mary,Walsh,1980-03-01,+447700900123,Park Road 1,Leeds\n"  # 8 sister and brother
    "Ivan,Petrov,1975-02-11,+4917612345002,Ring 2,Bremen\n"
    "Fatma,Kaya,1969-05-02,+4917612345003,Ring 3,Leipzig\n"
    "Jose,Garcia,1988-07-30,+4917612345004,Ring 4,Bremen\n"
    "Olena,Koval,1991-09-14,+4917612345005,Ring 5,Berlin\n"
)
NGO = NGO_HEADER + (
    "Anne-Sophie Henry,1998-07-23,+447564626617,High Street 40,Porto\n"
    "Jean Pierre Mercier,1971-02-03,+447973932557,Mill Lane 8,Lyon\n"
    "AM Fontaine,1967-03-18,+447832984952,Avenida Libertad 209,Lyon\n"
    "John Dubois,1980-04-04,+447111222333,Kings Road 5,Paris\n"
    "Luis Ribeiro Garrido,1961-12-20,+447300302273,Calle Mayor 127,Lisbon\n"
    "Concepción González Dias,1959-09-06,,High Street 148,Lyon\n"
    "Marie-Claire Chevalier,1992-02-08,+447351173393,Victoria Road 175,Istanbul\n"
    "Mark Walsh,1966-07-19,+447700900123,Park Road 1,Leeds\n"
    "Ivan Petrov,1975-02-11,+4917612345002,Ring 2,Bremen\n"
    "Fatma Kaya,1969-05-02,+4917612345003,Ring 3,Leipzig\n"
    "Jose Garcia,1988-07-30,+4917612345004,Ring 4,Bremen\n"
    "Olena Koval,1991-09-14,+4917612345005,Ring 5,Berlin\n"
)


def test_initials_of_a_compound_given_name_merge(tmp_path):
    case = resolved_people_case(tmp_path, police=POLICE, ngo=NGO)
    entity = entity_by_row(case)
    for row in (1, 2, 3):  # AS / Anne-Sophie, J.-P. / Jean Pierre, Ana-Maria / AM
        assert entity[("police.csv", row)] == entity[("ngo.csv", row)], row
    # "JP" / "John": the first initial alone, on one phone and home: two brothers.
    assert entity[("police.csv", 4)] != entity[("ngo.csv", 4)]


def test_one_of_two_family_names_in_a_full_name_merges(tmp_path):
    case = resolved_people_case(tmp_path, police=POLICE, ngo=NGO)
    entity = entity_by_row(case)
    # Luis Ribeiro / Luis Ribeiro Garrido, one date of birth, other phones.
    assert entity[("police.csv", 5)] == entity[("ngo.csv", 5)]
    # González / Concepción González Dias: a family name in common, not "nothing in
    # common" (still no merge on a home alone without a second date of birth).
    out = CliRunner().invoke(cli, ["explain", str(case), "police.csv:6", "ngo.csv:6"])
    assert out.exit_code == 0, out.output
    assert "read as given name 'concepcion', family name 'dias'" in out.output, out.output
    assert "family_name: unrelated" not in out.output, out.output
    assert "family_name: Jaro-Winkler >= 0.8" in out.output, out.output


def test_family_name_among_a_full_names_middle_words():
    names = pd.DataFrame(
        {
            "name": ["", "Concepción González Dias", "", "María Ramírez Carvalho"],
            "given_name": ["Concepción", "", "María", ""],
            "family_name": ["González", "", "López", ""],
        }
    )
    f = person_features(names)
    assert f["family_name"].tolist() == ["gonzalez", "dias", "lopez", "carvalho"]
    assert f["family_words"].tolist() == ["", "gonzalez dias", "", "ramirez carvalho"]
    left, right = [0, 2, 0], [1, 3, 3]
    level = name_levels(f, left, right)["family_name"][0].tolist()
    # González among "gonzalez dias": alike; López and Ramírez Carvalho, González and
    # Ramírez Carvalho: nothing in common.
    assert level == [
        level_code("family_name", "similar"),
        level_code("family_name", "unrelated"),
        level_code("family_name", "unrelated"),
    ]


def test_initials_read_as_written():
    got = [written_initials(w) for w in ("AS", "J.-P.", "J. P.", "Al", "Anna", "ANA", "MJK")]
    assert got == ["as", "jp", "jp", "", "", "", "mjk"]
    # A word in capitals before a full name: a given name's initials, unless a Chinese,
    # Korean or Vietnamese family name before a given name of such syllables.
    assert korean_parts("AM Fontaine") is None
    assert korean_parts("LI Wei") == ("wei", "li")
    names = pd.DataFrame(
        {
            "name": ["AM Fontaine", "Anne Sophie Henry", "Henry, AS", "John Smith"],
            "given_name": ["", "", "", ""],
        }
    )
    f = person_features(names)
    assert f["given_name"].tolist() == ["am", "anne", "as", "john"]
    assert f["given_initials"].tolist() == ["am", "", "as", ""]
    # The initials of every given word before the family name, not the first alone.
    assert f["given_word_initials"].tolist() == ["", "as", "", ""]


def test_alike_given_names_born_years_apart_stay_apart(tmp_path):
    case = resolved_people_case(tmp_path, police=POLICE, ngo=NGO)
    entity = entity_by_row(case)
    for row in (7, 8):  # one family name, phone and home; born 3 and 14 years apart
        assert entity[("police.csv", row)] != entity[("ngo.csv", row)], row
    out = CliRunner().invoke(cli, ["explain", str(case), "police.csv:7", "ngo.csv:7"])
    assert out.exit_code == 0, out.output
    assert "capped: given names alike but not one, dates of birth years apart" in out.output
