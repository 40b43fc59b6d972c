"""A victim's name hidden in a suspect's free text by invisible characters (a zero-width
space inside it, a word joiner gluing her two names, a right-to-left override reversing
it) and her date of birth written beside her pseudonym are taken out of every output
(hostile review 18, V3 and V4)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from linkgraph.cli import cli

ZWSP, WORD_JOINER, RLO, PDF = "\u200b", "\u2060", "\u202e", "\u202c"
HEADER = "record_id,given_name,family_name,dob,role,phone,notes"
VICTIMS = [
    "A1,Maria,Popescu,02.05.1999,victim,+40 722 555 101,",
    "A2,Ioana,Radu,12.08.2008,victim,+49 151 23456789,",
    "A3,Svitlana,Kozak,2001-11-30,victim,+380 67 222 3344,",
]
SUSPECTS = [
    f"B1,Vasile,Barbu,13.12.1978,suspect,+40 744 662 662,Zeugin sah Ma{ZWSP}ria Pope{ZWSP}scu",
    f"B2,Florin,Stoica,25.04.1982,suspect,+40 744 734 405,gesehen mit Ioana{WORD_JOINER}Radu",
    f"B3,Ivan,Tkachenko,14.10.1970,suspect,+380 67 559 4268,Svitlana {RLO}kazoK{PDF} geschlagen",
]
#: What must appear in no output: her names, however they were disguised
HIDDEN_NAMES = ("popescu", "ma[u+200b]ria", "pope[u+200b]scu", "ioanaradu", "ioana[u+2060]radu",
                "kazok", "kozak", "radu")  # fmt: skip


def _run(*args: object) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.stdout


def _case(root: Path, rows: list[str]) -> Path:
    (root / "people.csv").write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    case = root / "case"
    _run("ingest", root / "people.csv", "--preset", "people", "-o", case, "-q")
    _run("resolve", case, "-q")
    return case


@pytest.fixture(scope="module")
def hidden_case(tmp_path_factory) -> Path:
    return _case(tmp_path_factory.mktemp("hidden"), VICTIMS + SUSPECTS)


@pytest.mark.parametrize("flag", [(), ("--csv",), ("--json",)])
def test_rejects_show_no_name_hidden_by_invisible_characters(hidden_case, flag):
    shown = _run("rejects", hidden_case, "--reason", "invisible_characters", *flag)
    low = shown.casefold()
    for name in HIDDEN_NAMES:
        assert name not in low, (name, shown)
    # the rest of each note is kept, her name replaced by her pseudonym
    assert "zeugin sah victim-" in low
    assert "gesehen mit victim-" in low
    assert "victim-" in low.split("geschlagen")[0].rsplit("\n", 1)[-1]


def test_exported_rejects_and_mentions_show_no_hidden_name(hidden_case, tmp_path):
    _run("export", hidden_case, "-f", "csv", "-o", tmp_path / "csv", "-q")
    low = (tmp_path / "csv" / "rejects.csv").read_text(encoding="utf-8").casefold()
    for name in HIDDEN_NAMES:
        assert name not in low, name
    # a mention holds the cell as ingest cleaned it, hidden characters gone: the
    # zero-width space taken out of her name, the word joiner made a space
    low = (tmp_path / "csv" / "mentions.csv").read_text(encoding="utf-8").casefold()
    for name in ("popescu", "ioanaradu", "radu"):
        assert name not in low, name
    mentions = (tmp_path / "csv" / "mentions.csv").read_text(encoding="utf-8")
    assert "gesehen mit Victim-" in mentions  # the glued names were two words


def test_show_victims_keeps_the_rejects_as_written(hidden_case):
    shown = json.loads(_run("rejects", hidden_case, "--json", "--show-victims"))
    values = {r["value"] for r in shown}
    assert "Zeugin sah Ma[U+200B]ria Pope[U+200B]scu" in values


#: Ioana Radu's date of birth (12.08.2008) in the forms a note may write it, and a date
#: that is no victim's (11.08.2008, the day before), which stays
BIRTH_NOTES = [
    'C1,Petro,Hnatiuk,18.05.1992,suspect,+380 67 599 8449,"geb. 12.08.2008, am 11.08.2008"',
    "C2,Dmytro,Hnatiuk,28.12.1974,suspect,+380 67 536 9880,born 2008-08-12 / 8/12/2008",
    "C3,Yurii,Oliinyk,07.04.1975,suspect,+380 67 341 5823,dob 12.08.08 ref 20080812",
]


def test_her_date_of_birth_is_taken_out_of_free_text(tmp_path):
    case = _case(tmp_path, VICTIMS + BIRTH_NOTES)
    _run("export", case, "-f", "csv", "-o", tmp_path / "csv", "-q")
    mentions = (tmp_path / "csv" / "mentions.csv").read_text(encoding="utf-8")
    for written in ("12.08.2008", "2008-08-12", "8/12/2008", "12.08.08", "20080812"):
        assert written not in mentions, written
    assert "geb. [withheld], am 11.08.2008" in mentions
    assert "born [withheld] / [withheld]" in mentions
    assert "dob [withheld] ref [withheld]" in mentions
    # a suspect's own date of birth is his, and stays
    assert "1992-05-18" in mentions
    _run("export", case, "-f", "csv", "-o", tmp_path / "named", "--show-victims", "-q")
    assert "12.08.2008" in (tmp_path / "named" / "mentions.csv").read_text(encoding="utf-8")


NAME_FORMS = [
    "D1,Agnieszka,Nowak,09.09.2003,victim,+48 601 222 333,",
    "D2,Elena,Marin,20.01.2000,victim,+40 721 000 222,",
    "D3,Olena,Marchenko,01.01.1990,suspect,+380 67 555 0000,Komplizin",
    "E1,Viktor,Kovalenko,07.07.1978,suspect,+380 67 100 0001,Agnieszka Nowak hat ausgesagt",
    "E2,Ion,Lupu,01.02.1980,suspect,+40 744 000 111,Elenei Marin chirie; Olena Marchenko",
    "E3,Ion,Rusu,01.03.1981,suspect,+40 744 000 112,Mariuca Popescu si Marin",
]


def test_her_given_name_beside_her_replaced_name_goes_too(tmp_path):
    case = _case(tmp_path, VICTIMS + NAME_FORMS)
    _run("export", case, "-f", "csv", "-o", tmp_path / "csv", "-q")
    mentions = (tmp_path / "csv" / "mentions.csv").read_text(encoding="utf-8")
    for name in ("Agnieszka", "Elenei", "Mariuca"):
        assert name not in mentions, name
    assert re.search(r'""Victim-[0-9a-f]{6} hat ausgesagt""', mentions)
    # the Romanian dative of Elena, beside her family name; a suspect Olena stays whole
    assert re.search(r'""Victim-[0-9a-f]{6} chirie; Olena Marchenko""', mentions)
    # Mariuca, a diminutive of Maria, beside Popescu; Marin alone is Elena's family name
    assert re.search(r'""Victim-[0-9a-f]{6} si Victim-[0-9a-f]{6}""', mentions)
