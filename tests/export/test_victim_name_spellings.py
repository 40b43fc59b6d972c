"""A victim's name written in another person's notes is pseudonymised in every spelling
police records use: family name first ("Victimova O.", "VICTIMOVA O."), initial first
("O. Victimova"), reversed with or without a comma, any case, and her distinctive family
name alone ("saw Victimova yesterday"), though the mapping gives no family-name column;
a suspect's own name, a family name a suspect shares, and common words that are a
victim's family name ("a long wait") are kept (tester round 38, D1). A victim recorded in
Latin letters is found in a note written in Cyrillic ("Олена Віктимова"), and one recorded
in Cyrillic in a note in Latin letters ("Iryna Sydorenko")."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
import zipfile

import pytest
from click.testing import CliRunner

from linkgraph.cli import cli

PEOPLE = """name,dob,phone,role,notes
Olena VICTIMOVA,2001-05-06,+380671234503,victim,rescued at hotel
Boss Badguy,1970-01-01,+380670000001,suspect,Victimova O.
Helper Badguy,1975-01-01,+380670000002,suspect,saw Victimova yesterday; a long wait; may return
Third Badguy,1976-01-01,+380670000003,suspect,"VICTIMOVA O. and Victimova Olena; O. Victimova; \
victimova, olena; Olena V. came"
Maria KOVALENKO,1999-02-03,+380671234504,victim,
Petro Kovalenko,1980-01-01,+380670000005,suspect,met Kovalenko M. at the station; Kovalenko paid
Anna LONG,1998-04-05,+380671234506,victim,
Fourth Badguy,1977-01-01,+380670000004,suspect,Long called; we waited long
Fifth Badguy,1971-01-01,12,suspect,Victimova O. again
Sixth Badguy,1972-01-01,+380670000006,suspect,"Олена Віктимова плакала; Петро Коваленко платив"
Ірина СИДОРЕНКО,2000-03-04,+380671234507,victim,
Seventh Badguy,1973-01-01,+380670000007,suspect,met Iryna Sydorenko at the bus; Sydorenko cried
Eleni PAPADOPOULOU,2002-06-07,+306912345678,victim,
Eighth Badguy,1974-01-01,+380670000008,suspect,η Ελένη Παπαδοπούλου έφυγε
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
#: Every spelling of the victims' names the notes hold (case ignored)
VICTIM_SPELLINGS = re.compile(
    r"victimova|olena v\b|kovalenko m\b|long called|anna|віктимова|олена|sydorenko|сидоренко"
    r"|iryna|ірина|papadopoulou|παπαδοπούλου|eleni|ελένη",
    flags=re.IGNORECASE,
)
#: What stays: a suspect's name, a family name a suspect shares, common words
KEPT = ["Petro Kovalenko", "Kovalenko paid", "a long wait", "may return", "we waited long",
        "Петро Коваленко платив"]  # fmt: skip


def _run(*args: str) -> str:
    done = CliRunner().invoke(cli, list(args))
    assert done.exit_code == 0, done.output
    return done.output


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> dict[str, str]:
    """Every output a user writes of the case -> its text."""
    tmp = tmp_path_factory.mktemp("spellings")
    (tmp / "people.csv").write_text(PEOPLE, encoding="utf-8")
    (tmp / "m.yaml").write_text(MAPPING, encoding="utf-8")
    case = str(tmp / "case")
    _run("ingest", str(tmp / "people.csv"), "--mapping", str(tmp / "m.yaml"), "-o", case)
    _run("resolve", case)
    out: dict[str, str] = {}
    _run("export", case, "-f", "csv", "-o", str(tmp / "csv"))
    for f in sorted((tmp / "csv").iterdir()):
        out[f"csv/{f.name}"] = f.read_text(encoding="utf-8")
    _run("export", case, "-f", "xlsx", "-o", str(tmp / "case.xlsx"))
    with zipfile.ZipFile(tmp / "case.xlsx") as z:
        out["xlsx"] = "\n".join(z.read(n).decode("utf-8") for n in z.namelist())
    _run("export", case, "-f", "sqlite", "-o", str(tmp / "case.sqlite"))
    with sqlite3.connect(tmp / "case.sqlite") as db:
        out["sqlite"] = "\n".join(db.iterdump())
    for table in ("mentions", "rejects"):
        out[f"{table} --csv"] = _run(table, case, "--csv")
        out[f"{table} --json"] = _run(table, case, "--json")
    (tmp / "secret.txt").write_text(
        "3e8a1f6c0b9d2e7a4c5f8b1d0e3a6c9f2b5d8e1a4c7f0b3d6e9a2c5f8b1e4d7a\n", encoding="utf-8"
    )
    _run("share", case, "--secret", str(tmp / "secret.txt"), "-o", str(tmp / "bundle"))
    for f in sorted((tmp / "bundle").rglob("*")):
        if f.is_file():
            out[f"bundle/{f.name}"] = f.read_bytes().decode("utf-8", errors="replace")
    return out


def test_no_spelling_of_a_victims_name_is_written(written: dict[str, str]) -> None:
    found = {
        name: sorted({m.group(0) for m in VICTIM_SPELLINGS.finditer(_readable(text))})
        for name, text in written.items()
    }
    assert {k: v for k, v in found.items() if v} == {}


def test_the_notes_keep_what_names_no_victim(written: dict[str, str]) -> None:
    text = _readable(written["csv/mentions.csv"])
    for kept in KEPT:
        assert kept in text
    # each victim's spellings are her own pseudonym, not the placeholder of several
    notes = _attrs(written, "Third Badguy")["notes"]
    assert re.fullmatch(r"(Victim-[0-9a-f]{6})\. and \1; \1; \1; \1\. came", notes), notes


def _readable(text: str) -> str:
    """``text`` with JSON's and CSV's escaped quotes plain."""
    return text.replace('""', '"').replace('\\"', '"')


def _attrs(written: dict[str, str], person: str) -> dict[str, str]:
    """The ``attrs`` of ``person``'s mention in the exported mentions.csv."""
    rows = [r for r in csv.DictReader(io.StringIO(written["csv/mentions.csv"]))
            if r["type"] == "person" and r["label"] == person]  # fmt: skip
    assert len(rows) == 1
    return json.loads(rows[0]["attrs"])
