"""Each part of a victim's family name of several is redacted where free text writes it
alone as a name: "Fernández" and "Ortega" of Lucía Fernández Ortega, "D'Arcy" and
"Smith" of D'Arcy-Smith, "O'Neil" and "Núñez" of "O'Neil; Núñez" (through ingest,
resolve and the CSV export, searched in every file). Particles ("de la") and a
suspect's own name words stay as written."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from linkgraph.cli import cli

PEOPLE = (
    "given,family,phone,role,notes\n"
    "Lucía,Fernández Ortega,+34 612 345 678,victim,\n"
    "Anna,D'Arcy-Smith,+353 87 765 4321,victim,\n"
    "María,O'Neil; Núñez,+34 612 345 679,victim,\n"
    "Rosa,de la Vega Marín,+34 612 345 680,victim,\n"
    "Marek,Zielinski,+48 600 100 200,suspect,"
    "\"saw Fernández at the flat; Ortega sick; Lucía Fernández; paid D'Arcy-Smith;"
    " Arcy-Smith; D'Arcy; Smith; O'Neil absent; Núñez sick; Nunez; ONeil; Marín and"
    ' Vega at de la casa"\n'
    "Pedro,Marín,+34 600 100 201,suspect,\n"
    "Neil,O Hara,+34 600 100 202,suspect,\n"
)
MAPPING = """format: csv
region: ES
entities:
  person:
    type: person
    fields: {given_name: given, family_name: family, role: role, notes: notes}
  phone:
    type: phone
    fields: {phone: phone}
links:
- {kind: uses_phone, src: person, dst: phone}
"""


def _run(*args: object) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


def test_each_part_of_a_victims_family_name_is_redacted(tmp_path: Path) -> None:
    (tmp_path / "people.csv").write_text(PEOPLE, encoding="utf-8")
    (tmp_path / "m.yaml").write_text(MAPPING, encoding="utf-8")
    case = tmp_path / "case"
    _run("ingest", tmp_path / "people.csv", "--mapping", tmp_path / "m.yaml", "-o", case, "-q")
    _run("resolve", case, "-q")
    _run("analyze", case, "-q")
    out = tmp_path / "csv"
    _run("export", case, "-f", "csv", "-o", out, "-q")
    texts = "\n".join(f.read_text(encoding="utf-8") for f in out.glob("*.csv"))
    assert "saw Victim-" in texts  # the notes are exported, redacted
    for word in ("Fernández", "Ortega", "Lucía", "Arcy", "Smith", "O'Neil", "ONeil",
                 "Núñez", "Nunez", "Vega"):  # fmt: skip
        assert word not in texts, word
    # a suspect's own family name stays (Marín is Pedro Marín's too; Neil O Hara's words
    # do not keep O'Neil), and so do the
    # particles of a victim's ("de la casa")
    assert "Pedro Marín" in texts
    assert "Neil O Hara" in texts
    assert "Marín and" in texts
    assert "de la casa" in texts
