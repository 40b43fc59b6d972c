"""A Vietnamese family name written in the given-name column (tester t42's FM07), through
the CLI: "Ngo" / "Minh Son" is Ngô Minh Sơn and "Ngo Van" / "Thang" is Ngô Văn Thắng,
twin brothers born on one day, two men; "Ngo" and "Ngo Van" are no given names alike
(Văn is a middle name, Ngô the family name). Each brother meets his own records written
family name first ("SƠN, Ngô Minh" keeps the split as wrongly, "NGO, Van Thang")."""

from __future__ import annotations

from people_case import entity_by_row, resolved_people_case

BORDER = (
    "First Name,Last Name,DOB,City,Nationality\n"
    "Ngo,Minh Son,1991-10-18,,VN\n"
    "Ngo Van,Thang,1991-10-18,,VN\n"
    "Tran Van,Binh,1980-08-06,Hai Phong,VN\n"
    "Elena,Popescu,1979-02-11,Iasi,RO\n"
    "Mihai,Ionescu,1983-07-30,Craiova,RO\n"
    "Joy,Okafor,1994-12-02,Enugu,NG\n"
    "Chinedu,Eze,1990-05-19,Enugu,NG\n"
    "Pham Thi,Lan,1985-01-12,Hanoi,VN\n"
)
HOTLINE = (
    "Name,DOB,City,Nationality\n"
    '"SƠN, Ngô Minh",1991-10-18,Hải Phòng,VN\n'
    '"NGO, Van Thang",,Hải Phòng,VN\n'
    '"TRAN, Van Binh",1980-08-06,Hai Phong,VN\n'
    '"POPESCU, Elena",1979-02-11,Iasi,RO\n'
    '"IONESCU, Mihai",1983-07-30,Craiova,RO\n'
    '"OKAFOR, Joy",1994-12-02,Enugu,NG\n'
    '"EZE, Chinedu",1990-05-19,Enugu,NG\n'
    '"PHAM, Thi Lan",1985-01-12,Hanoi,VN\n'
)


def test_family_name_in_the_given_column_twins_stay_two(tmp_path):
    entity = entity_by_row(resolved_people_case(tmp_path, border=BORDER, hotline=HOTLINE))
    son, thang = entity[("border.csv", 1)], entity[("border.csv", 2)]
    # Two brothers, one date of birth: Minh Sơn and Văn Thắng are two given names.
    assert son != thang
    # Ngô Minh Sơn is one man in both lists; so is Trần Văn Bình, and Phạm Thị Lan.
    assert entity[("hotline.csv", 1)] == son
    assert entity[("border.csv", 3)] == entity[("hotline.csv", 3)]
    assert entity[("border.csv", 8)] == entity[("hotline.csv", 8)]
