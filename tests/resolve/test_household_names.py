"""Members of one household on one phone, through the CLI (tester 42): the date of birth,
the phone and the town they share say one household, not one person.

- Names compared in swapped order only where a crossed pair agrees; a pair whose given
  and family names both differ stays apart whatever it shares besides ("Nour Nasir" /
  "Aicha Nasser", one date, one phone); read in swapped order, one name agreeing beside
  one that differs is a family name and two given names ("Huyne Duong" / "Dương Thị
  Nhung", the family name written first).
- Born on one day in one family, given names that share no run of letters are twins,
  whether or not the nickname tables know them ("Răzvan" / "Ionut Tanase"); a diminutive
  the tables know is one person ("Bukky" / "Bukola" / "Oluwabukola Ogbonna").
- A name written family name first is still one person ("KRAVETS Oleksandr")."""

from __future__ import annotations

from click.testing import CliRunner

import linkgraph as lg
from linkgraph.cli import cli
from linkgraph.synth.people import people_table

_HEADER = "first_name,last_name,dob,phone,city"


def resolved(tmp_path, rows: list[tuple[str, ...]]) -> dict[int, str]:
    """Entity of each row of ``rows`` (without their last item, the person), resolved
    beside a register of 150 other people."""
    path = tmp_path / "agency.csv"
    lines = [_HEADER, *(",".join(r[:-1]) for r in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    others = tmp_path / "register.csv"
    people_table(150, seed=5).drop(columns=["true_id"]).to_csv(others, index=False)
    case = tmp_path / "case"
    runner = CliRunner()
    args = ["ingest", str(path), str(others), "--preset", "people", "-o", str(case), "-q"]
    out = runner.invoke(cli, args)
    assert out.exit_code == 0, out.output
    out = runner.invoke(cli, ["resolve", str(case), "-q"])
    assert out.exit_code == 0, out.output
    read = lg.Case.read(case)
    persons = read.mentions[read.mentions["type"] == "person"]
    m = persons[persons["source"] == "agency.csv"].merge(read.resolution)
    return dict(zip(m["row"], m["entity_id"], strict=True))


def check_truth(entity: dict[int, str], rows: list[tuple[str, ...]]) -> None:
    """Rows of one person (last item) in one entity; rows of two people never."""
    for i, a in enumerate(rows, start=1):
        for j, b in enumerate(rows, start=1):
            assert (entity[i] == entity[j]) == (a[-1] == b[-1]), (i, a, j, b)


_SWAPPED = [
    ("Nour", "Nasir", "1994-05-06", "+964 770 123 4567", "Mosul", "nour"),
    ("Aicha", "Nasser", "1994-05-06", "+964 770 123 4567", "Mosul", "aicha"),
    ("Huyne", "Duong", "1986-11-16", "+84 912 345 678", "Hai Phong", "huyne"),
    ("Dương", "Thị Nhung", "1986-11-16", "+84 912 345 678", "Hai Phong", "nhung"),
    ("Oleksandr", "Kravets", "1992-03-14", "+380 67 111 2233", "Lviv", "oleksandr"),
    ("KRAVETS", "Oleksandr", "1992-03-14", "+380 67 111 2233", "Lviv", "oleksandr"),
]


def test_names_that_differ_in_any_order_are_two_people(tmp_path):
    check_truth(resolved(tmp_path, _SWAPPED), _SWAPPED)


# Twins: one family name, one date of birth, one town, given names the nickname tables
# do not know and that share no run of letters: two people. Diminutives the tables hold
# (Bukky / Bukola / Oluwabukola, Sade / Folasade) on one phone: one person each.
_TWINS = [
    ("Răzvan", "Tănase", "1965-12-27", "", "Chisinau", "razvan"),
    ("Ionut", "Tanase", "1965-12-27", "", "Chisinau", "ionut"),
    ("Fatmir", "Kerciku", "1990-02-08", "", "Durres", "fatmir"),
    ("Ardit", "Kërçiku", "1990-02-08", "", "Durres", "ardit"),
    ("Kechi", "Balogun", "1994-06-03", "", "Ibadan", "kechi"),
    ("Oluwatoyin", "Balogun", "1994-06-03", "", "Ibadan", "toyin"),
    ("Bukola", "Ogbonna", "1974-10-08", "+234 803 123 4567", "Enugu", "bukola"),
    ("Oluwabukola", "Ogbonna", "1974-10-08", "+234 803 123 4567", "Enugu", "bukola"),
    ("Bukky", "Ogbonna", "1974-10-08", "+234 803 123 4567", "Enugu", "bukola"),
    ("Folasade", "Adeyemi", "1988-07-19", "+234 805 765 4321", "Lagos", "sade"),
    ("Sade", "Adeyemi", "1988-07-19", "+234 805 765 4321", "Lagos", "sade"),
]


def test_twins_whatever_the_tables_know_and_diminutives_they_know(tmp_path):
    check_truth(resolved(tmp_path, _TWINS), _TWINS)
