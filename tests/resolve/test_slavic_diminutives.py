"""East Slavic diminutives, in Latin and Cyrillic, are their full names (Sasha: Oleksandr
or Oleksandra, never making those two one name), through `linkgraph explain`."""

from __future__ import annotations

from pathlib import Path

import pytest

from linkgraph.resolve.nicknames import nickname_related
from linkgraph.text import fold_name
from tests.victim_case_files import run

#: (diminutive, full name): one person's name, as Ukrainian and Russian speakers use them.
SAME = [
    ("Sasha", "Oleksandra"), ("Саша", "Олександра"), ("Саша", "Александр"),
    ("Sashko", "Oleksandr"), ("Шура", "Александра"), ("Shura", "Aleksandr"),
    ("Наташа", "Наталія"), ("Natasha", "Nataliia"), ("Дима", "Дмитро"), ("Dima", "Dmitrii"),
    ("Коля", "Микола"), ("Kolya", "Nikolai"), ("Миша", "Михайло"), ("Misha", "Mikhail"),
    ("Таня", "Тетяна"), ("Tanya", "Tatiana"), ("Лена", "Олена"), ("Оля", "Ольга"),
    ("Olya", "Olha"), ("Вова", "Володимир"), ("Серёжа", "Сергій"), ("Seryozha", "Sergei"),
    ("Женя", "Євгенія"), ("Женя", "Евгений"), ("Zhenya", "Yevhen"), ("Лёша", "Олексій"),
    ("Валя", "Валентина"), ("Ира", "Ирина"),
]  # fmt: skip
#: Names that stay apart: a man's and a woman's full name, two names of one diminutive.
APART = [("Oleksandr", "Oleksandra"), ("Євген", "Євгенія"), ("Valentin", "Valentina")]


@pytest.mark.parametrize(("short", "full"), SAME)
def test_diminutive_is_its_full_name(short: str, full: str) -> None:
    assert nickname_related(fold_name(short), fold_name(full))


@pytest.mark.parametrize(("a", "b"), APART)
def test_a_mans_and_a_womans_name_stay_two(a: str, b: str) -> None:
    assert not nickname_related(fold_name(a), fold_name(b))


POLICE = """Name,DOB,Sex,City
"MELNYK, Sasha",04.09.1979,F,Rivne
"BONDAR, Shura",11.02.1970,M,Lviv
"""
BANK = """first_name,last_name,date_of_birth
Oleksandra,Melnyk,1979-04-09
Aleksandr,Bondar,1970-02-11
"""
POLICE_MAPPING = """format: csv
agency: Police
entities:
  person:
    type: person
    fields: {name: Name, dob: DOB, sex: Sex, city: City}
"""
BANK_MAPPING = """format: csv
agency: Bank
entities:
  person:
    type: person
    fields: {given_name: first_name, family_name: last_name, dob: date_of_birth}
"""


def test_explain_reads_sasha_as_oleksandra(tmp_path: Path) -> None:
    for name, text in (("police.csv", POLICE), ("police.yaml", POLICE_MAPPING),
                       ("bank.csv", BANK), ("bank.yaml", BANK_MAPPING)):  # fmt: skip
        (tmp_path / name).write_text(text, encoding="utf-8")
    folder = tmp_path / "case"
    for stem in ("police", "bank"):
        run("ingest", str(tmp_path / f"{stem}.csv"), "--mapping", str(tmp_path / f"{stem}.yaml"),
            "-o", str(folder), "-q")  # fmt: skip
    run("resolve", str(folder), "-q")
    for a, b in (("police.csv:1", "bank.csv:1"), ("police.csv:2", "bank.csv:2")):
        text = run("explain", str(folder), a, b)
        given = next(line for line in text.splitlines() if "- given_name:" in line)
        assert given.startswith("  - given_name: exact or nickname"), (a, b, given)
