"""Dates of birth as border and refugee registries write them: 1 January for a person whose
year of birth alone is known, and a year one off (an age turned into a year at another
time of year). In a case that gives 1 January for a year alone (far more 1 January
dates than one birthday in 365), "1976-01-01" beside "1976-06-05" is a year in common,
not two birthdays; "1979-11-06" beside "1980-11-06" is one date keyed or reckoned one
year off. A 1 January never joins two plainly different birthdays of its year."""

from __future__ import annotations

from click.testing import CliRunner

import linkgraph as lg
from linkgraph.cli import cli
from linkgraph.synth.people import people_table

from .factory import case_of, mention

# Hand-written truth (last column): rows of one pid are one person. Rows 5 and 6 are two
# women of one name born on two days of 1985; row 7, born "1985-01-01" (a year alone),
# may be either, but must not join the two.
_BORDER = """first_name,last_name,dob,phone,city,pid
Alejandro,Moraels Hernandez,1976-01-01,+34 612 345 678,,p1
Alejandro,Morales,1976-06-05,+34 612 345 678,,p1
Blerina,Berisha,1979-11-06,+355 69 212 3456,Elbasan,p2
Blerina,Berisha,1980-11-06,+355 69 212 3456,Elbasan,p2
Ana,Lupu,1985-06-05,+40 721 345 111,Iasi,p3
Ana,Lupu,1985-11-20,+40 722 678 222,Iasi,p4
Ana,Lupu,1985-01-01,,Iasi,p3or4
Karim,Haddad,1990-01-01,,Mosul,p5
Sara,Mansour,1988-01-01,,Mosul,p6
Tesfaye,Bekele,1979-01-01,,Asmara,p7
Blerina,Berisha,1980-06-11,,,p2
Dritan,Hoxha,1971-03-14,,Durres,p8
Dritan,Hoxha,1972-03-14,,Durres,p8
"""


def _resolved_rows(tmp_path, text: str) -> dict[int, str]:
    lines = text.splitlines()
    border = tmp_path / "border.csv"
    border.write_text("\n".join(line.rsplit(",", 1)[0] for line in lines) + "\n", encoding="utf-8")
    others = tmp_path / "register.csv"
    people_table(150, seed=5).drop(columns=["true_id"]).to_csv(others, index=False)
    case = tmp_path / "case"
    runner = CliRunner()
    args = ["ingest", str(border), str(others), "--preset", "people", "-o", str(case), "-q"]
    out = runner.invoke(cli, args)
    assert out.exit_code == 0, out.output
    out = runner.invoke(cli, ["resolve", str(case), "-q"])
    assert out.exit_code == 0, out.output
    read = lg.Case.read(case)
    assert read.manifest["resolve_model"]["year_placeholders"] is True
    persons = read.mentions[read.mentions["type"] == "person"]
    m = persons[persons["source"] == "border.csv"].merge(read.resolution)
    return dict(zip(m["row"], m["entity_id"], strict=True))


def test_year_alone_and_year_one_off_are_one_person(tmp_path):
    entity = _resolved_rows(tmp_path, _BORDER)
    # 1 January 1976 (a year alone) / 5 June 1976, one phone, a family name misspelt.
    assert entity[1] == entity[2]
    # 1979-11-06 / 1980-11-06 on one phone, and 1980-06-11 (day and month swapped).
    assert entity[3] == entity[4] == entity[11]
    assert entity[12] == entity[13]  # 1971-03-14 / 1972-03-14, one name and town
    # Two birthdays of 1985, two phones: two people, whichever of them row 7 (born
    # "1985-01-01", a year alone that fits both) joins.
    assert entity[5] != entity[6]
    # Every other pair of distinct people stays apart.
    people = {1: 1, 2: 1, 3: 2, 4: 2, 5: 3, 6: 4, 8: 5, 9: 6, 10: 7, 11: 2, 12: 8, 13: 8}
    for a, pa in people.items():
        for b, pb in people.items():
            if pa != pb:
                assert entity[a] != entity[b], (a, b)


def test_a_first_of_january_among_birthdays_is_a_birthday():
    # A case whose dates are birthdays like any other (one 1 January among forty dates):
    # "Ivan Petrov" born 1 January 1976 and on 5 June 1976 are two birthdays, two people.
    rows = [
        mention(
            row=i + 1,
            given_name=g,
            family_name=f,
            dob=f"19{50 + i}-{1 + i % 12:02d}-{2 + i % 27:02d}",
        )
        for i, (g, f) in enumerate(
            (g, f)
            for g in ("olena", "marta", "taras", "bohdan", "iryna")
            for f in (
                "koval",
                "bondar",
                "tkachenko",
                "kravets",
                "melnyk",
                "shevchuk",
                "lysenko",
                "moroz",
            )
        )
    ]
    rows += [
        mention(row=100, given_name="ivan", family_name="petrov", dob="1976-01-01", city="Lviv"),
        mention(row=101, given_name="ivan", family_name="petrov", dob="1976-06-05", city="Lviv"),
    ]
    resolved = lg.resolve(case_of(rows))
    assert resolved.manifest["resolve_model"]["year_placeholders"] is False
    m = resolved.mentions.merge(resolved.resolution)
    entity = dict(zip(m["row"], m["entity_id"], strict=True))
    assert entity[100] != entity[101]
