"""Family names with nothing in common (not a spelling, typo or transliteration of one
another, no word shared, neither within the other, one script) are strong evidence of
two people, through the CLI: "Ermal Hoxha" and "Ermal Meta", one given name, dates of
birth one digit apart and one town, are two men (tester t42's FM02); a woman whose
family name changed by marriage, her date of birth, phone and town kept, is still one
woman, and a family name with a second one joined ("Rodriguez de la Cruz" /
"Rodriguez") still agrees."""

from __future__ import annotations

from people_case import entity_by_row, resolved_people_case

#: People no pair below is about: they give EM a case to learn from (each twice, in the
#: police and border lists, some spelt differently).
_PEOPLE = [
    ("Elena", "Popescu", "1979-02-11", "Iasi", "RO", "+40 744 111 201"),
    ("Mihai", "Ionescu", "1983-07-30", "Craiova", "RO", "+40 744 111 202"),
    ("Joy", "Okafor", "1994-12-02", "Enugu", "NG", "+234 803 111 2203"),
    ("Chinedu", "Eze", "1990-05-19", "Enugu", "NG", "+234 803 111 2204"),
    ("Maria", "Gomez Ruiz", "1987-08-08", "Cali", "CO", "+57 310 111 2205"),
    ("Arben", "Kola", "1990-01-15", "Durres", "AL", "+355 69 111 2206"),
    ("Besnik", "Shehu", "1985-03-03", "Durres", "AL", "+355 69 111 2207"),
    ("Dritan", "Leka", "1979-11-21", "Vlore", "AL", "+355 69 111 2208"),
    ("Fatmir", "Gjoka", "1993-04-09", "Durres", "AL", "+355 69 111 2209"),
    ("Gezim", "Dervishi", "1988-12-30", "Fier", "AL", "+355 69 111 2210"),
    ("Ilir", "Basha", "1996-06-14", "Durres", "AL", "+355 69 111 2211"),
    ("Klodian", "Marku", "1991-02-02", "Vlore", "AL", "+355 69 111 2212"),
    ("Luan", "Prifti", "1982-10-10", "Korce", "AL", "+355 69 111 2213"),
    ("Nertila", "Dibra", "1994-07-07", "Vlore", "AL", "+355 69 111 2214"),
    ("Ana", "Rusu", "1984-10-16", "Chisinau", "MD", "+373 695 11215"),
    ("Olena", "Kovalchuk", "1996-11-28", "Odesa", "UA", "+380 67 111 2216"),
    ("Rosa", "Rodriguez de la Cruz", "2000-09-25", "Medellin", "CO", "+57 315 111 2217"),
]
_BORDER_SPELLING = {"Gomez Ruiz": "Gomez", "Kovalchuk": "Marchenko", "Rusu": "Cojocaru",
                    "Rodriguez de la Cruz": "Rodriguez", "Popescu": "Popesku"}  # fmt: skip

HEAD = "First Name,Last Name,DOB,City,Nationality,Phone\n"


def _rows(people) -> str:
    return "".join(",".join(p) + "\n" for p in people)


def _case(tmp_path):
    # Police rows 1-2: Ermal Hoxha and Ermal Meta, both of Durres, born two months apart
    # (2004-08-27 / 2004-06-27: one digit); then the others.
    ermal = [
        ("Ermal", "Hoxha", "2004-08-27", "Durres", "AL", "+355 69 521 4379"),
        ("Ermal", "Meta", "2004-06-27", "Durres", "AL", ""),
    ]
    police = HEAD + _rows(ermal + _PEOPLE)
    border = HEAD + _rows(
        [
            (g, _BORDER_SPELLING.get(f, f), d, "" if i % 2 else c, n, p)
            for i, (g, f, d, c, n, p) in enumerate(ermal + _PEOPLE)
        ]
    )
    return resolved_people_case(tmp_path, police=police, border=border)


def test_unrelated_family_names_keep_one_given_name_apart(tmp_path):
    entity = entity_by_row(_case(tmp_path))
    police = {i: entity[("police.csv", i)] for i in range(1, len(_PEOPLE) + 3)}
    border = {i: entity[("border.csv", i)] for i in range(1, len(_PEOPLE) + 3)}
    # Each Ermal is one man in both lists ...
    assert police[1] == border[1]
    assert police[2] == border[2]
    # ... and the two are two men: Hoxha and Meta share nothing.
    assert police[1] != police[2]


def test_married_name_and_a_joined_second_name_still_meet(tmp_path):
    entity = entity_by_row(_case(tmp_path))
    at = {f: i + 3 for i, (_, f, *_rest) in enumerate(_PEOPLE)}
    # Ana Rusu / Ana Cojocaru and Olena Kovalchuk / Olena Marchenko: married since, the
    # date of birth, phone and town kept.
    for family in ("Rusu", "Kovalchuk"):
        assert entity[("police.csv", at[family])] == entity[("border.csv", at[family])], family
    # Rodriguez de la Cruz / Rodriguez: the second family name left out.
    row = at["Rodriguez de la Cruz"]
    assert entity[("police.csv", row)] == entity[("border.csv", row)]
