"""Headers abbreviated as legacy and fixed-width exports write them (NAT, NATL, CTRY, TEL,
ADDR, PASSP, D.O.B., GNDR) are read as their fields by `mapping suggest`, in every format:
a fixed-width draft mapped `NAT` to an attribute `nat`, not the nationality (tester
rounds 10 and 11, G5 and H9)."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case

FIXED = """\
BORDER EXTRACT RUN 2024-03-20

SURNAME        GIVEN          DOB        NAT PHONE         ROLE
-------------- -------------- ---------- --- ------------- -------
RUSNAC         VADIM          1984-10-10 MDA +37379555111  suspect
CEBAN          TATIANA        1979-02-02 ROU +40744222333  suspect
"""

CSV = """\
FNAME,LNAME,D.O.B.,GNDR,NATL,CTRY,TEL,ADDR,PASSP
Vadim,Rusnac,1984-10-10,M,MDA,Moldova,+37379555111,Str. Ismail 5,AB123456
Tatiana,Ceban,1979-02-02,F,ROU,Romania,+40744222333,Str. Lalelelor 2,CD654321
"""


def _cli(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def _person_fields(data: Path, tmp: Path) -> tuple[Path, dict[str, object]]:
    draft = tmp / f"{data.name}.yaml"
    _cli("mapping", "suggest", str(data), "-o", str(draft))
    mapping = yaml.safe_load(draft.read_text(encoding="utf-8"))
    persons = [e for e in mapping["entities"].values() if e["type"] == "person"]
    assert len(persons) == 1, mapping
    return draft, persons[0]["fields"]


def test_a_fixed_width_nat_column_is_the_nationality(tmp_path: Path) -> None:
    data = tmp_path / "extract.txt"
    data.write_text(FIXED, encoding="utf-8")
    draft, fields = _person_fields(data, tmp_path)
    assert fields["nationality"] == "NAT"
    assert "nat" not in fields
    _cli("ingest", str(data), "--mapping", str(draft), "-o", str(tmp_path / "case"))
    persons = Case.read(tmp_path / "case").mentions.query("type == 'person'")
    assert sorted(zip(persons["family_name"], persons["nationality"], strict=True)) == [
        ("CEBAN", "RO"),
        ("RUSNAC", "MD"),
    ]


def test_abbreviated_csv_headers_are_read_as_their_fields(tmp_path: Path) -> None:
    data = tmp_path / "people.csv"
    data.write_text(CSV, encoding="utf-8")
    draft, fields = _person_fields(data, tmp_path)
    assert {k: fields.get(k) for k in ("given_name", "family_name", "dob", "sex")} == {
        "given_name": "FNAME",
        "family_name": "LNAME",
        "dob": "D.O.B.",
        "sex": "GNDR",
    }
    assert fields.get("nationality") == "NATL"
    text = draft.read_text(encoding="utf-8")
    for column in ("CTRY", "TEL", "ADDR", "PASSP"):
        assert f": {column}\n" in text, (column, text)
    _cli("ingest", str(data), "--mapping", str(draft), "-o", str(tmp_path / "case"))
    mentions = Case.read(tmp_path / "case").mentions
    persons = mentions[mentions["type"] == "person"]
    assert sorted(zip(persons["family_name"], persons["nationality"], strict=True)) == [
        ("Ceban", "RO"),
        ("Rusnac", "MD"),
    ]
    assert sorted(mentions.loc[mentions["type"] == "phone", "identifier"]) == [
        "+37379555111",
        "+40744222333",
    ]
    assert sorted(mentions.loc[mentions["type"] == "document", "identifier"]) == [
        "AB123456",
        "CD654321",
    ]
