"""Korean names in Latin letters across agencies: one family name spelt Lee, Yi or Rhee
(Kim or Gim, Jung or Chung, Park or Pak), written first ("Rhee Seo-jun", "GIM Min jun")
or last ("Seo jun Yi"), and a given name of two syllables hyphenated, spaced or joined
("Soo-ah", "Soo ah", "Sooah") are one person's name; a brother with another given name,
born the same day, is another person."""

from __future__ import annotations

from people_case import entity_by_row, resolved_people_case

BORDER = """Full name,DOB,Passport
Seo jun Yi,14/03/1991,M11112222
Sooah Gim,02/07/1988,
RHEE Ji woo,30/11/1995,
GIM Min jun,09/09/1979,
Soo ah Park,21/01/2001,
Ji ho Jung,05/05/1993,M33334444
Do yun Jung,05/05/1993,M55556666
"""
POLICE = """Name,Date of birth
Rhee Seo-jun,1991-03-14
Gim Soo-ah,1988-07-02
Lee Ji-woo,1995-11-30
Kim Min-jun,1979-09-09
Pak Soo-ah,2001-01-21
Chung Ji-ho,1993-05-05
CHUNG Do yun,1993-05-05
"""
#: The person each (file, row) is.
TRUTH = {
    ("border.csv", 1): "seojun", ("police.csv", 1): "seojun",
    ("border.csv", 2): "sooah", ("police.csv", 2): "sooah",
    ("border.csv", 3): "jiwoo", ("police.csv", 3): "jiwoo",
    ("border.csv", 4): "minjun", ("police.csv", 4): "minjun",
    ("border.csv", 5): "park", ("police.csv", 5): "park",
    ("border.csv", 6): "jiho", ("police.csv", 6): "jiho",
    ("border.csv", 7): "doyun", ("police.csv", 7): "doyun",
}  # fmt: skip


def test_korean_spellings_and_orders_are_one_name(tmp_path):
    case = resolved_people_case(tmp_path, border=BORDER, police=POLICE)
    entity = entity_by_row(case)
    people: dict[str, set[str]] = {}
    for row, person in TRUTH.items():
        people.setdefault(person, set()).add(entity[row])
    # each person one entity, and no entity two people
    assert all(len(ids) == 1 for ids in people.values()), people
    assert len(set.union(*people.values())) == len(people)
