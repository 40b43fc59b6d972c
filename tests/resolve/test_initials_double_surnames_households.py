"""Given names written as initials, double family names in one full-name column, and
household members of alike names born years apart (tester t51's defects D2, D5, D6),
through the CLI and against hand-built pairs.

* A given name written as the initials of the other's given name of several words
  ("AS" / "Anne-Sophie", "J.-P." / "Jean Pierre", "AM Fontaine" in a full-name column)
  is alike, as a single initial is: one person on one date of birth and phone. "JP" /
  "John" (the first initial alone) still differ.
"""

from __future__ import annotations

import pandas as pd
from people_case import entity_by_row, resolved_people_case

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
