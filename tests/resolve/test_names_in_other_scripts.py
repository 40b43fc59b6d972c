"""Korean names in Hangul and Arabic names in Arabic script meet their Latin spellings,
through ``ingest --preset people`` and ``resolve`` (tester round 17, P6 and P7).

A border list writes a person's name in their own script, a police register in Latin
letters ("KIM, Ji Hoon" / "김지훈", "AL-RASHEED, Umar" / "عمر الرشيد"). "김지훈" was one
token ("gimjihun") that no blocking rule paired with "ji hoon kim"; "عمر" folds to
"mr" and was dropped as the title "Mr", so "عمر الرشيد" kept its family name alone.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

import linkgraph as lg
from linkgraph.cli import cli

# A German police register: "FAMILY, Given", dates DD.MM.YYYY.
POLICE = """Name,Geburtsdatum,Geschlecht,Staatsangehörigkeit,Ort
"KIM, Ji Hoon",19.11.1970,M,KOR,Leipzig
"LEE, Seo-yeon",02.03.1991,F,KOR,Leipzig
"PAK, Sung Min",14.05.1983,M,KOR,Dresden
"CHOE, Ji Eun",09.09.1992,F,KOR,Leipzig
"CHO, Ji-woo",21.04.1994,F,KOR,Leipzig
"NAMGUNG, Min",30.01.1979,M,KOR,Berlin
"AL-RASHEED, Umar",13.08.1990,M,SYR,Bremen
"AL ZAHRANI, Mostafa",01.01.1985,M,SAU,Bremen
"AL-MASRI, Mohammed",07.12.1960,M,EGY,Köln
"EL-ZAHRANI, Tariq ibn Khalid",16.04.1965,M,SAU,Leipzig
"DARWICH, Tarek",24.11.1957,M,SYR,Köln
"""
# A border list: each name in the person's own script, dates YYYYMMDD.
BORDER = """Full name,DOB,Sex,Nationality
김지훈,19701119,M,KOR
이서연,19910302,F,KOR
박성민,19830514,M,KOR
최지은,19920909,F,KOR
남궁민,19790130,M,KOR
عمر الرشيد,19900813,M,SYR
مصطفى بن خالد الزهراني,19850101,M,SAU
محمد بن عمر المصري,19601207,M,EGY
طارق الزهراني,19650416,M,SAU
طارق درويش,19571124,M,SYR
"""
# A shelter's form: given and family name apart, Korean given names hyphenated.
SHELTER = """first_name,last_name,date_of_birth,gender
Ji-hoon,Gim,11/19/1970,male
Seo-yeon,Yi,03/02/1991,female
"""


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def _case(tmp_path: Path) -> Path:
    case = tmp_path / "case"
    for name, text in (("police", POLICE), ("border", BORDER), ("shelter", SHELTER)):
        (tmp_path / f"{name}.csv").write_text(text, encoding="utf-8")
        _run("ingest", str(tmp_path / f"{name}.csv"), "--preset", "people", "--agency", name,
             "--region", "DE", "-o", str(case), "-q")  # fmt: skip
    _run("resolve", str(case), "-q")
    return case


def _entities(case: Path) -> dict[tuple[str, int], str]:
    """(source, row) -> entity id of each person mention."""
    c = lg.Case.read(case)
    m = c.mentions[c.mentions["type"] == "person"].merge(c.resolution, on="mention_id")
    return {
        (Path(s).stem, int(r)): e
        for s, r, e in zip(m["source"], m["row"], m["entity_id"], strict=True)
    }


def test_hangul_and_arabic_names_meet_their_latin_spellings(tmp_path: Path) -> None:
    case = _case(tmp_path)
    ent = _entities(case)
    # 김지훈 = KIM, Ji Hoon = Ji-hoon Gim (김 is Kim or Gim); 이서연 = LEE / Yi Seo-yeon.
    assert ent["police", 1] == ent["border", 1] == ent["shelter", 1]
    assert ent["police", 2] == ent["border", 2] == ent["shelter", 2]
    assert ent["police", 3] == ent["border", 3]  # 박성민 = PAK, Sung Min
    assert ent["police", 4] == ent["border", 4]  # 최지은 = CHOE, Ji Eun (최 is Choi or Choe)
    assert ent["police", 6] == ent["border", 5]  # 남궁민: the family name 남궁, two syllables
    assert ent["police", 7] == ent["border", 6]  # عمر الرشيد = AL-RASHEED, Umar
    assert ent["police", 8] == ent["border", 7]  # مصطفى بن خالد الزهراني = AL ZAHRANI, Mostafa
    assert ent["police", 9] == ent["border", 8]  # محمد بن عمر المصري = AL-MASRI, Mohammed
    # The nasab after the given name set aside ("Tariq ibn Khalid" is Tariq, as
    # طارق الزهراني); ق written k and ش written ch (Tarek Darwich / طارق درويش).
    assert ent["police", 10] == ent["border", 9]
    assert ent["police", 11] == ent["border", 10]
    # Cho (조) is not Choi (최): another woman, born another day.
    assert ent["police", 5] != ent["border", 4]
    assert len({ent["police", i] for i in range(1, 12)}) == 11


def test_names_in_other_scripts_are_split_into_given_and_family_name(tmp_path: Path) -> None:
    case = _case(tmp_path)
    c = lg.Case.read(case)
    m = c.mentions[c.mentions["type"] == "person"]
    latin = dict(zip(m["name"], m["name_latin"], strict=True))
    # The family name split off and spelt as passports spell it, given name first.
    assert latin["김지훈"] == "jihun kim"
    assert latin["최지은"] == "jieun choi"
    assert latin["남궁민"] == "min namgung"
    # The article apart as in "al-Rasheed", the father's name (عمر, "mr") kept.
    assert latin["عمر الرشيد"] == "mr al rshyd"
    assert latin["محمد بن عمر المصري"] == "mhmd bin mr al msry"
    # "Mr" in Latin letters is still a title.
    assert lg.text.fold_name("Mr. Umar AL-RASHEED") == "umar al rasheed"
    explained = _run("explain", str(case), "police.csv:1", "border.csv:1")
    assert "family_name: exact" in explained
