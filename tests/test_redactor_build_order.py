"""A victim's date of birth written in a suspect's notes is withheld whichever command
builds the case's redactor first: `analyze` and `render` read the case narrowly (the
graph's columns, no dates of birth), and the redactor they built and kept in
``protection/redactor.json`` used to hold no date, so the export after them printed
"born 12.08.2008" (README's own order: ingest, resolve, analyze, export)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from linkgraph.cli import cli

PEOPLE = (
    "name,phone,role,dob,notes\n"
    "Paulina Kowalska,+48 512 345 678,victim,12.08.2008,\n"
    'Marek Zielinski,+48 600 100 200,suspect,01.02.1980,"recruited Paulina Kowalska, born'
    ' 12.08.2008, DOB 2008-08-12"\n'
    "Jan Nowak,+48 600 100 300,suspect,03.03.1979,<b>met</b> Paulina Kowalska born 12.08.2008\n"
)
MAPPING = """format: csv
region: PL
entities:
  person:
    type: person
    fields: {name: name, role: role, dob: dob, notes: notes}
  phone:
    type: phone
    fields: {phone: phone}
links:
- {kind: uses_phone, src: person, dst: phone}
"""
#: The victim's date of birth as the notes write it, and as the case stores it
DATES = ("12.08.2008", "2008-08-12")


def _run(*args: object) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("first", ["analyze", "render", "export", "rejects", "mentions"])
def test_date_of_birth_withheld_whichever_command_builds_the_redactor(
    tmp_path: Path, first: str
) -> None:
    (tmp_path / "people.csv").write_text(PEOPLE, encoding="utf-8")
    (tmp_path / "m.yaml").write_text(MAPPING, encoding="utf-8")
    case = tmp_path / "case"
    _run("ingest", tmp_path / "people.csv", "--mapping", tmp_path / "m.yaml", "-o", case, "-q")
    _run("resolve", case, "-q")
    shown = {
        "analyze": lambda: _run("analyze", case, "-q"),
        "render": lambda: _run("render", case, "-o", tmp_path / "first.html", "-q"),
        "export": lambda: _run("export", case, "-f", "csv", "-o", tmp_path / "first", "-q"),
        "rejects": lambda: _run("rejects", case, "--csv"),
        "mentions": lambda: _run("mentions", case, "--csv"),
    }[first]()
    out = tmp_path / "csv"
    _run("export", case, "-f", "csv", "-o", out, "-q")
    rejects = _run("rejects", case, "--csv")
    _run("render", case, "-o", tmp_path / "map.html", "-q")
    texts = {f.name: f.read_text(encoding="utf-8") for f in out.glob("*.csv")}
    texts |= {"first": shown, "rejects": rejects,
              "map": (tmp_path / "map.html").read_text(encoding="utf-8")}  # fmt: skip
    # the notes are there, the victim's name and date of birth taken out
    assert "recruited Victim-" in texts["mentions.csv"]
    assert "born [withheld], DOB [withheld]" in texts["mentions.csv"]
    assert "born [withheld]" in rejects  # the <b> note, rejected as html
    for name, text in texts.items():
        for date in DATES:
            assert date not in text, (name, date)
