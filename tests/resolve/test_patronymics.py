"""A patronymic joined into the given name (as `mapping suggest` drafts "Ім'я" + "По
батькові") is set apart: brothers' given names do not look alike for the father's name
they share, one name with two fathers' names is alike at most, and a given name with a
patronymic on one side only is the same name."""

from __future__ import annotations

from pathlib import Path

from linkgraph.resolve.comparisons import level_code, name_levels
from linkgraph.resolve.features import person_features
from tests.victim_case_files import run

from .factory import people

NGO = """Прізвище,Ім'я,По батькові,Дата народження,Місто,Статус
Іванов,Олександр,Петрович,03.09.1985,Київ,свідок
Іванов,Сергій,Петрович,03.04.1985,Київ,свідок
Коваль,Олена,Петрівна,12.01.1990,Львів,свідок
Коваль,Олена,Іванівна,12.01.1990,Львів,свідок
Мельник,Андрій,Сергійович,07.07.1979,Одеса,свідок
"""
NGO_MAPPING = """format: csv
agency: NGO
region: UA
entities:
  person:
    type: person
    fields:
      given_name:
        columns: [Ім'я, По батькові]
        join: ' '
      family_name: Прізвище
      dob: Дата народження
      city: Місто
      role: Статус
"""
POLICE = """Name,DOB,City
"IVANOV, Oleksandr",03.09.1985,Kyiv
"IVANOV, Serhii",03.04.1985,Kyiv
"MELNYK, Andrii",07.07.1979,Odesa
"""
POLICE_MAPPING = """format: csv
agency: Police
entities:
  person:
    type: person
    fields:
      name: Name
      dob: DOB
      city: City
"""


def test_given_names_are_compared_without_the_patronymics() -> None:
    frame = people([
        {"given_name": "Олександр Петрович", "family_name": "Іванов"},
        {"given_name": "Сергій Петрович", "family_name": "Іванов"},
        {"given_name": "Oleksandr", "family_name": "Ivanov"},
        {"given_name": "Олена Петрівна", "family_name": "Коваль"},
        {"given_name": "Олена Іванівна", "family_name": "Коваль"},
        {"given_name": "Сергей Петрович", "family_name": "Иванов"},
    ])  # fmt: skip
    levels, _ = name_levels(person_features(frame), [0, 0, 3, 1], [1, 2, 4, 5])["given_name"]
    # Oleksandr / Serhii: different names (Jaro-Winkler 0.81 with " petrovich" on both);
    # Oleksandr Petrovych / Oleksandr: one name; Olena Petrivna / Olena Ivanivna: two
    # fathers, so alike at most; Serhii / Sergei Petrovich (Ukrainian and Russian): one.
    expected = ["different", "exact", "similar", "exact"]
    assert levels.tolist() == [level_code("given_name", x) for x in expected]


def _given_line(folder: Path, a: str, b: str) -> str:
    """The given-name line of `linkgraph explain CASE A B`."""
    text = run("explain", str(folder), a, b)
    return next(line for line in text.splitlines() if "- given_name:" in line)


def test_explain_compares_brothers_given_names_without_their_patronymic(tmp_path: Path) -> None:
    for name, text in (("ngo.csv", NGO), ("ngo.yaml", NGO_MAPPING),
                       ("police.csv", POLICE), ("police.yaml", POLICE_MAPPING)):  # fmt: skip
        (tmp_path / name).write_text(text, encoding="utf-8")
    folder = tmp_path / "case"
    for stem in ("ngo", "police"):
        run("ingest", str(tmp_path / f"{stem}.csv"), "--mapping", str(tmp_path / f"{stem}.yaml"),
            "-o", str(folder), "-q")  # fmt: skip
    run("resolve", str(folder), "-q")
    # Олександр / Сергій Петрович: different (they were "close", 0.807, for "petrovich").
    assert _given_line(folder, "ngo.csv:1", "ngo.csv:2").startswith("  - given_name: different")
    # Олександр Петрович / IVANOV, Oleksandr: one name.
    assert _given_line(folder, "ngo.csv:1", "police.csv:1").startswith("  - given_name: exact")
    # Олена Петрівна / Олена Іванівна: one given name, two fathers: alike at most.
    line = _given_line(folder, "ngo.csv:3", "ngo.csv:4")
    assert line.startswith(
        "  - given_name: Jaro-Winkler >= 0.8 of the names or their skeletons, initial or other"
        " patronymic"
    )
