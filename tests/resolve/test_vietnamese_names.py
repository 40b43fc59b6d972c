"""Vietnamese names across agencies: "Van Hai NGUYEN" (police: family name apart, the
middle name Văn kept in the given name), "Hai Nguyen" (a border agency: the middle name
left out) and "Nguyễn Văn Hải" (an NGO: the whole name family name first) are one man;
"Lê Văn Cường" and "Lê Văn Hùng", ten years apart, are two."""

from __future__ import annotations

import json

from click.testing import CliRunner
from people_case import entity_by_row, resolved_people_case

from linkgraph.cli import cli

POLICE = """Surname,Forename(s),DOB,Town
NGUYEN,Van Hai,17/11/1972,Hanoi
NGUYEN,Thi Lan,03/05/1990,Hanoi
TRAN,Van Binh,06/08/1980,Hanoi
PHAM,Thi Huong,21/02/1985,Hanoi
LE,Van Cuong,21/12/1977,Hanoi
LE,Van Hung,05/08/1987,Hanoi
"""
BORDER = """Nachname,Vorname,Geburtsdatum,Ort
Nguyen,Hai,17.11.1972,Hanoi
Nguyen,Lan,03.05.1990,Hanoi
Tran,Binh,06.08.1980,Hanoi
Pham,Huong,21.02.1985,Hanoi
Le,Cuong,21.12.1977,Hanoi
"""
NGO = """Họ và tên,Ngày sinh
Lê Văn Cường,1977-12-21
Lê Văn Hùng,1987-08-05
Nguyễn Văn Hải,1972-11-17
"""
#: The person each (file, row) is.
TRUTH = {
    ("police.csv", 1): "hai", ("border.csv", 1): "hai", ("ngo.csv", 3): "hai",
    ("police.csv", 2): "lan", ("border.csv", 2): "lan",
    ("police.csv", 3): "binh", ("border.csv", 3): "binh",
    ("police.csv", 4): "huong", ("border.csv", 4): "huong",
    ("police.csv", 5): "cuong", ("border.csv", 5): "cuong", ("ngo.csv", 1): "cuong",
    ("police.csv", 6): "hung", ("ngo.csv", 2): "hung",
}  # fmt: skip


def test_middle_name_kept_or_dropped_is_one_given_name(tmp_path):
    case = resolved_people_case(tmp_path, police=POLICE, border=BORDER, ngo=NGO)
    entity = entity_by_row(case)
    people = {}
    for row, person in TRUTH.items():
        people.setdefault(person, set()).add(entity[row])
    # each person one entity, and no entity two people
    assert all(len(ids) == 1 for ids in people.values()), people
    assert len(set.union(*people.values())) == len(people)
    explained = CliRunner().invoke(
        cli, ["explain", str(case), "police.csv:1", "border.csv:1", "--json"]
    )
    assert explained.exit_code == 0, explained.output
    fields = {row["field"]: row for row in json.loads(explained.output)}
    assert fields["given_name"]["level"] == "exact or nickname"
