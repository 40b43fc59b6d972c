"""Chinese names in Wade-Giles and in pinyin (tester t42's MM09), through the CLI: a
police list in pinyin and a border list in Wade-Giles, apostrophes and umlauts left out
as passports give them, meet ("Jun Sun" / "Chun Sun", "Wei Xu" / "Wei Hsu", "Li Zhang"
/ "Li Chang", "Mei Chen" / "Mei Ch'en", "Zhiqiang Zhou" / "Chih-ch'iang Chou"), while
two brothers of one family name and one date of birth, "Jun Sun" and "Lei Sun", stay
two men, and the Wade-Giles key leaves a Western name alone."""

from __future__ import annotations

from people_case import entity_by_row, resolved_people_case

from linkgraph.resolve.wade_giles import romanised_key

POLICE = (
    "First Name,Last Name,DOB,City,Nationality\n"
    "Jun,Sun,1968-03-26,Harbin,CN\n"
    "Wei,Xu,1975-11-02,Taipei,TW\n"
    "Li,Zhang,1982-05-17,Kaohsiung,TW\n"
    "Mei,Chen,1990-01-30,Taichung,TW\n"
    "Zhiqiang,Zhou,1979-09-09,Tainan,TW\n"
    "Lei,Sun,1968-03-26,Harbin,CN\n"
    "Elena,Popescu,1979-02-11,Iasi,RO\n"
    "Mihai,Ionescu,1983-07-30,Craiova,RO\n"
    "Joy,Okafor,1994-12-02,Enugu,NG\n"
)
BORDER = (
    "First Name,Last Name,DOB,City,Nationality\n"
    "Chun,Sun,1968-03-26,,CN\n"
    "Wei,Hsu,1975-11-02,,TW\n"
    "Li,Chang,1982-05-17,,TW\n"
    "Mei,Ch'en,1990-01-30,,TW\n"
    "Chih-ch'iang,Chou,1979-09-09,,TW\n"
    "Elena,Popescu,1979-02-11,,RO\n"
    "Mihai,Ionescu,1983-07-30,,RO\n"
    "Joy,Okafor,1994-12-02,,NG\n"
)


def test_wade_giles_and_pinyin_spellings_meet(tmp_path):
    entity = entity_by_row(resolved_people_case(tmp_path, police=POLICE, border=BORDER))
    for row in range(1, 6):
        assert entity[("police.csv", row)] == entity[("border.csv", row)], row
    # Jun and Lei Sun, born on one day: two brothers, whatever Chun / Jun says.
    assert entity[("police.csv", 1)] != entity[("police.csv", 6)]


def test_romanised_keys_by_hand():
    # Syllables the two systems spell differently (hand-read from the Wade-Giles table).
    for wade_giles, pinyin in (("chun", "jun"), ("hsu", "xu"), ("chang", "zhang"),
                               ("chen", "chen"), ("kuo", "guo"), ("teng", "deng"),
                               ("tsai", "cai"), ("hsieh", "xie"), ("jen", "ren"),
                               ("sung", "song"), ("tzu", "zi"), ("chih chiang", "zhiqiang"),
                               ("hsiao ling", "xiao ling"), ("shih", "shi")):  # fmt: skip
        assert romanised_key(wade_giles) == romanised_key(pinyin) != "", wade_giles
    # Other names than Chinese syllables have no key; two pinyin names stay two.
    assert romanised_key("olena") == romanised_key("smith") == romanised_key("maria") == ""
    assert romanised_key("li") != romanised_key("liu")
    assert romanised_key("jun") != romanised_key("lei")
