"""Chinese names written in Han characters without a space ("王建华") are read family name
first: 王 is the family name, 建华 the given name (欧阳 and the other two-character family
names whole). Two Wangs born the same day with different given names and passports (in
the other agency's file) stay two people;
"黄娜" and "Na Huang" are one."""

from __future__ import annotations

from click.testing import CliRunner
from people_case import entity_by_row, resolved_people_case

from linkgraph.cli import cli

BORDER = """Full name,DOB,Passport
WANG Min,11/12/1965,E12345678
WANG Jianhua,11/12/1965,E87654321
Na Huang,13/05/1985,
Haiyan Zhou,02/03/1990,
Na Ouyang,07/07/1979,
"""
POLICE = """姓名,出生日期,护照号
王敏,1965-12-11,
王建华,1965-12-11,
黄娜,1985-05-13,
周海燕,1990-03-02,
欧阳娜,1979-07-07,
"""
#: The person each (file, row) is.
TRUTH = {
    ("border.csv", 1): "min", ("police.csv", 1): "min",
    ("border.csv", 2): "jianhua", ("police.csv", 2): "jianhua",
    ("border.csv", 3): "na", ("police.csv", 3): "na",
    ("border.csv", 4): "haiyan", ("police.csv", 4): "haiyan",
    ("border.csv", 5): "ouyang", ("police.csv", 5): "ouyang",
}  # fmt: skip


def test_han_names_read_family_name_first(tmp_path):
    case = resolved_people_case(tmp_path, border=BORDER, police=POLICE)
    entity = entity_by_row(case)
    people: dict[str, set[str]] = {}
    for row, person in TRUTH.items():
        people.setdefault(person, set()).add(entity[row])
    # each person one entity, and no entity two people
    assert all(len(ids) == 1 for ids in people.values()), people
    assert len(set.union(*people.values())) == len(people)
    explained = CliRunner().invoke(cli, ["explain", str(case), "police.csv:1", "police.csv:2"])
    assert explained.exit_code == 0, explained.output
    assert "read as given name 'min', family name 'wang'" in explained.output
    assert "read as given name 'jianhua', family name 'wang'" in explained.output


#: The police's export writes names in Han characters with each person's mobile number:
#: the two Wangs born on one day, 王敏 and 王建华, are two people (twins or cousins: one
#: family name, plainly different given names, each a phone of their own); 黄娜 is the
#: "Na Huang" of the shelter's list, which writes given name first and keeps no phone.
GONGAN = """姓名,出生日期,手机
王敏,1965-12-11,+86 138 1234 5678
王建华,1965-12-11,+86 139 8765 4321
黄娜,1985-05-13,+86 137 2222 3333
周海燕,1990-03-02,+86 136 4444 5555
"""
SHELTER = """Name,Date of birth
Na Huang,1985-05-13
Haiyan Zhou,1990-03-02
"""
#: The person each (file, row) is.
HAN_TRUTH = {
    ("gongan.csv", 1): "min", ("gongan.csv", 2): "jianhua",
    ("gongan.csv", 3): "na", ("shelter.csv", 1): "na",
    ("gongan.csv", 4): "haiyan", ("shelter.csv", 2): "haiyan",
}  # fmt: skip


def test_two_wangs_in_han_script_stay_apart_and_huang_na_is_na_huang(tmp_path):
    case = resolved_people_case(tmp_path, gongan=GONGAN, shelter=SHELTER)
    entity = entity_by_row(case)
    people: dict[str, set[str]] = {}
    for row, person in HAN_TRUTH.items():
        people.setdefault(entity[row], set()).add(person)
    # the rows' partition by entity is the truth's: one entity per person
    assert sorted(map(sorted, people.values())) == [["haiyan"], ["jianhua"], ["min"], ["na"]]
