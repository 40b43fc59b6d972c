"""Two lists of the same people, built for the tests of ``resolve``'s and ``link``'s
pairing of the records each list leaves unlinked (tests/resolve/test_two_lists.py,
tests/share/test_two_lists_link.py)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

GIVEN = [
    "anna", "boris", "clara", "dmitri", "elena", "fedor", "galina", "hugo", "irina", "jonas",
    "katya", "lukas", "maria", "nikolai", "olga", "pavel", "quinn", "raisa", "stefan", "tamara",
]  # fmt: skip
FAMILY = [
    "abbott", "brennan", "castellano", "dimitrov", "eriksen", "fontaine", "gallagher",
    "horvath", "ivanescu", "jankowski", "kowalczyk", "lindqvist", "marchetti", "novak",
    "oyelaran", "petrenko", "quintero", "rasmussen", "szabo", "tkachenko", "urbanek",
    "vasquez", "wojcik", "xenakis", "yilmaz", "zielinski", "achterberg", "bergstrom",
    "cervantes", "dunleavy", "esposito", "fairbanks", "grimaldi", "hadzic", "iglesias",
    "jovanovic", "kapoor", "lombardo", "mancini", "nakamura", "oberholzer", "pellegrini",
    "quigley", "radovanovic", "salvatore", "thorvaldsen", "ulyanova", "valentini", "whitlock",
    "yamamoto", "zanetti", "albrecht", "bogdanovic", "colquhoun", "delacroix", "everett",
    "fitzgerald", "gutierrez", "halvorsen", "ishikawa", "kristiansen", "lemaire", "montague",
    "nieminen",
]  # fmt: skip
STREETS = ["oak", "birch", "cedar", "maple", "elm", "pine", "ash", "willow", "alder", "poplar"]
COLUMNS = ["given_name", "surname", "street_number", "address_1", "suburb", "postcode", "dob"]


def _person(k: int) -> dict:
    """Person ``k``: a distinct family name, a given name, an address and a birth date."""
    return {
        "given_name": GIVEN[k % len(GIVEN)],
        "surname": FAMILY[k],
        "street_number": str(3 + k),
        "address_1": f"{STREETS[k % len(STREETS)]} street",
        "suburb": ["northcote", "brunswick", "fitzroy", "carlton"][k % 4],
        "postcode": str(3000 + 10 * k),
        "dob": f"{1950 + k % 40}{1 + k % 12:02d}{1 + k % 27:02d}",
    }


def _typo(value: str) -> str:
    """One adjacent transposition in the middle of ``value``."""
    i = len(value) // 2
    return value[: i - 1] + value[i] + value[i - 1] + value[i + 1 :]


def write_lists(
    folder: Path, *, n: int = 60, rewritten: int = 3, only: int = 2, moved: bool = False
) -> pd.DataFrame:
    """Lists A and B of ``n`` people each written once per list (B with a typo in the
    family name), ``rewritten`` of them with another given name and date of birth in B
    (same family name and address: FEBRL's replaced values; ``moved``: also another
    street number and suburb), ``only`` more people in each list alone. Returns the truth
    (source, row, person_id)."""
    a_rows, b_rows = [], []
    for k in range(n):
        person = _person(k)
        a_rows.append((k, person))
        copy = dict(person, surname=_typo(person["surname"]))
        if k < rewritten:
            copy = dict(person, given_name=GIVEN[(k + 7) % len(GIVEN)], dob=f"19{20 + k}0303")
            if moved:
                copy.update(street_number=str(200 + k), suburb="footscray")
        b_rows.append((k, copy))
    a_rows += [(n + j, _person(n + j)) for j in range(only)]
    b_rows += [(n + only + j, _person(n + only + j)) for j in range(only)]
    truth = []
    for name, rows in (("a.csv", a_rows), ("b.csv", b_rows)):
        pd.DataFrame([r for _, r in rows], columns=COLUMNS).to_csv(folder / name, index=False)
        truth += [(name, i, pid) for i, (pid, _) in enumerate(rows, start=1)]
    return pd.DataFrame(truth, columns=["source", "row", "person_id"])
