"""A victim's name written in another person's notes in a script that leaves short vowels
out (Arabic, Hebrew) or that writes no space between words (Han) is pseudonymised in the
outputs, and one recorded in such a script is found in a note in Latin letters: "Fatima
HADDAD" in "فاطمة حداد بكت", "Miriam COHEN" in "מרים כהן בכתה", "Wang Xiuying" in
"我见了王秀英。", "خديجة العلي" in "met Khadija al-Ali", "张丽" in "Zhang Li cried". Her
name is taken whole (given and family name): a suspect who shares her family name ("كريم
حداد", "משה כהן", "王伟"), and a woman who shares her given name only ("فاطمة الزهراء"),
keep theirs."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.redact import redactor

PEOPLE = """name,dob,phone,role,notes
Fatima HADDAD,2001-05-06,+380671234503,victim,rescued at hotel
Karim Haddad,1970-01-01,+380670000001,suspect,"فاطمة حداد بكت، وكريم حداد دفع"
Miriam COHEN,2000-01-02,+380671234504,victim,
Moshe Cohen,1971-01-01,+380670000002,suspect,מרים כהן בכתה; משה כהן שילם
Wang Xiuying,1999-03-04,+380671234505,victim,
Wang Wei,1972-01-01,+380670000003,suspect,我见了王秀英。王伟付钱。
خديجة العلي,1998-04-05,+380671234506,victim,
Omar Benali,1973-01-01,+380670000004,suspect,met Khadija al-Ali at the bus; Omar Benali paid
张丽,1997-05-06,+380671234507,victim,
Zhang Wei,1974-01-01,+380670000005,suspect,Zhang Li cried; Zhang Wei paid
Boss Five,1975-01-01,+380670000006,suspect,فاطمة الزهراء تعمل هنا
"""
MAPPING = """format: csv
region: UA
entities:
  person:
    type: person
    fields: {name: name, dob: dob, role: role, notes: notes}
  phone:
    type: phone
    fields: {phone: phone}
links:
  - {kind: uses_phone, src: person, dst: phone}
"""
#: Every spelling of the victims' names the notes and records hold
VICTIM_SPELLINGS = re.compile(
    r"فاطمة حداد|מרים כהן|王秀英|خديجة|العلي|张丽|Khadija|al-Ali|Zhang Li\b|Fatima HADDAD"
    r"|Miriam COHEN|Wang Xiuying",
    flags=re.IGNORECASE,
)
#: What stays: suspects' names that share a victim's family name, a given name alone
KEPT = ["وكريم حداد دفع", "משה כהן שילם", "王伟付钱", "Omar Benali paid", "Zhang Wei paid",
        "فاطمة الزهراء تعمل هنا"]  # fmt: skip


def _run(*args: str) -> str:
    done = CliRunner().invoke(cli, list(args))
    assert done.exit_code == 0, done.output
    return done.output


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> dict[str, str]:
    """The outputs a user writes of the case (the CSV export, whose mentions.csv holds
    the notes; the FtM export; the mentions table as CSV and JSON) -> their text."""
    tmp = tmp_path_factory.mktemp("scripts")
    (tmp / "people.csv").write_text(PEOPLE, encoding="utf-8")
    (tmp / "m.yaml").write_text(MAPPING, encoding="utf-8")
    case = str(tmp / "case")
    _run("ingest", str(tmp / "people.csv"), "--mapping", str(tmp / "m.yaml"), "-o", case)
    _run("resolve", case)
    out: dict[str, str] = {}
    _run("export", case, "-f", "csv", "-o", str(tmp / "csv"))
    for f in sorted((tmp / "csv").iterdir()):
        out[f"csv/{f.name}"] = f.read_text(encoding="utf-8")
    _run("export", case, "-f", "ftm", "-o", str(tmp / "case.ftm.json"))
    out["ftm"] = (tmp / "case.ftm.json").read_text(encoding="utf-8")
    out["mentions --csv"] = _run("mentions", case, "--csv")
    out["mentions --json"] = _run("mentions", case, "--json")
    return out


def _readable(text: str) -> str:
    """``text`` with JSON's escapes (``\\u0641``, ``\\"``) and CSV's doubled quotes plain."""
    text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)
    return text.replace('""', '"').replace('\\"', '"')


def test_no_victims_name_is_written_in_any_script(written: dict[str, str]) -> None:
    found = {
        name: sorted({m.group(0) for m in VICTIM_SPELLINGS.finditer(_readable(text))})
        for name, text in written.items()
    }
    assert {k: v for k, v in found.items() if v} == {}


def test_the_notes_keep_the_names_of_others(written: dict[str, str]) -> None:
    text = _readable(written["csv/mentions.csv"])
    assert [kept for kept in KEPT if kept not in text] == []


def test_each_note_names_the_victim_by_her_own_pseudonym(written: dict[str, str]) -> None:
    printed = written["mentions --json"]
    rows, _ = json.JSONDecoder().raw_decode(printed, printed.index("["))
    pseudonyms = {r["row"]: r["label"] for r in rows if r["type"] == "person"}
    assert all(pseudonyms[row].startswith("Victim-") for row in (1, 3, 5, 7, 9))
    text = _readable(written["csv/mentions.csv"])
    for note in (f"{pseudonyms[1]} بكت،", f"{pseudonyms[3]} בכתה", f"{pseudonyms[5]}。王伟",
                 f"met {pseudonyms[7]} at", f"{pseudonyms[9]} cried"):  # fmt: skip
        assert note in text


@pytest.mark.parametrize(
    ("spelling", "note", "expected"),
    [
        # the vowels a romanisation writes, the script leaves out
        ("Fatima Haddad", "فاطمة حداد بكت", "V بكت"),
        ("Fatimah Hadad", "رأيت فاطمة حداد", "رأيت V"),
        ("Fatima Haddad", "وفاطمة حداد", "وV"),  # "and" written joined to her name
        ("Youssef El Amrani", "يوسف العمراني", "V"),
        ("Miriam Cohen", "מרים כהן בכתה", "V בכתה"),
        # recorded in the script, written in Latin letters
        ("فاطمة حداد", "Fatma Haddad cried", "V cried"),
        ("خديجة العلي", "met Khadija al-Ali", "met V"),
        ("מרים כהן", "Miriam Kohen cried", "V cried"),
        # a hamza or madda on a letter (NFD takes it off as a mark), and letters Arabic
        # writes one for another: as recorded, and across scripts
        ("أحمد سعيد", "رأيت أحمد سعيد", "رأيت V"),
        ("أمينة", "رأيت أمينة", "رأيت V"),
        ("Ahmed Said", "أحمد سعيد", "V"),
        ("خديجة العلي", "خديجه العلى بكت", "V بكت"),
        # Han: no space between words, and the other way round
        ("Wang Xiuying", "我见了王秀英。", "我见了V。"),
        ("Xiuying Wang", "王秀英哭了", "V哭了"),
        ("王秀英", "Wang Xiuying cried; Xiuying WANG", "V cried; V"),
        ("曾丽", "Zeng Li cried", "V cried"),  # 曾 as a family name is Zeng
        # another's name is left: a given name alone, a family name alone, other vowels
        ("Fatima Haddad", "فاطمة الزهراء", "فاطمة الزهراء"),
        ("Fatima Haddad", "حداد دفع", "حداد دفع"),
        ("Fatima Haddad", "فاطمة حديد", "فاطمة حديد"),  # Hadid
        ("Miriam Cohen", "משה כהן", "משה כהן"),
        ("Wang Xiuying", "王伟付钱", "王伟付钱"),
        ("Wang Xiuying", "秀英说", "秀英说"),  # her given name alone
        ("Olena Victimova", "فاطمة حداد 王秀英", "فاطمة حداد 王秀英"),
    ],
)
def test_a_name_is_found_across_scripts(spelling: str, note: str, expected: str) -> None:
    assert redactor({spelling: "V"}).text(note) == expected


def test_a_suspects_name_that_reads_like_a_victims_in_one_script_is_left() -> None:
    r = redactor({"Fatima Haddad": "V"}, guards=["Karim Haddad", "Wang Wei"])
    assert r.text("كريم حداد وفاطمة حداد") == "كريم حداد وV"
    assert r.text("王伟") == "王伟"


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        # the given name's syllables apart, hyphenated or not, family name first or last
        ("Met Wang Xiu-ying at the station", "Met V at the station"),
        ("Xiu-ying Wang cried", "V cried"),
        ("WANG Xiuying cried", "V cried"),
        ("WANG Xiu-Ying, 24", "V, 24"),
        ("Wang Xiu Ying and Xiuying Wang", "V and V"),
        ("WANG, Xiu-ying", "V"),
        # others are left: a suspect who shares her family name, half her given name
        ("Wang Wei paid; Wang Xiu left", "Wang Wei paid; Wang Xiu left"),
    ],
)
def test_a_chinese_name_is_found_with_its_syllables_apart(note: str, expected: str) -> None:
    assert redactor({"Wang Xiuying": "V"}, guards=["Wang Wei"]).text(note) == expected


def test_a_name_recorded_with_its_syllables_apart_is_found_run_together() -> None:
    r = redactor({"Xiu Ying Wang": "V"})
    assert r.text("Wang Xiuying cried; Xiuying WANG; Wang Xiu-ying") == "V cried; V; V"


def test_no_syllables_are_parted_in_a_name_that_is_not_chinese() -> None:
    r = redactor({"Olena Li": "V"})
    assert r.text("O Le Na Li; Olena Li") == "O Le Na Li; V"


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        ("ורחל כהן", "וV"),  # and
        ("ולרחל כהן", "ולV"),  # and to
        ("מהרחל כהן", "מהV"),  # from the
        ("כשרחל כהן באה", "כשV באה"),  # when
        ("וכשרחל כהן באה", "וכשV באה"),  # and when
        ("שברחל כהן", "שבV"),  # that in
        ("לכשרחל כהן", "לכשV"),  # when (literary)
        # a word that only opens with such letters is left: another's name
        ("ושלום כהן", "ושלום כהן"),
        ("משה כהן", "משה כהן"),
    ],
)
def test_hebrew_prefixes_before_a_victims_name(note: str, expected: str) -> None:
    assert redactor({"רחל כהן": "V"}).text(note) == expected
    assert redactor({"Rachel Cohen": "V"}).text(note) == expected


def test_arabic_prefixes_before_a_victims_name() -> None:
    r = redactor({"Fatima Haddad": "V"})
    assert r.text("وبفاطمة حداد") == "وبV"  # and with
    assert r.text("ولفاطمة حداد") == "ولV"  # and to


def test_in_her_own_chat_her_chinese_given_name_is_taken_with_its_syllables_apart() -> None:
    """In a source she takes part in, her given name alone is hers (source redactors):
    "Xiuying" and "Xiu-ying" alike; the suspect's name is left."""
    import pandas as pd

    from linkgraph.redact import source_redactors, victim_spellings

    m = pd.DataFrame(
        {
            "entity_id": ["e:v", "e:s"],
            "type": ["person", "person"],
            "source": ["chat.txt", "chat.txt"],
            "label": ["Wang Xiuying", "Li Wei"],
            "name": ["Wang Xiuying", "Li Wei"],
        }
    )
    aliases = {"e:v": "V"}
    r = source_redactors(m, aliases, victim_spellings(m, aliases), guards=["Li Wei"])
    text = "Hi Xiu-ying, Xiuying, are you ok? Li Wei said Wang Xiu-Ying left"
    assert r["chat.txt"].text(text) == "Hi V, V, are you ok? Li Wei said V left"
