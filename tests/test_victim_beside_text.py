"""An identifier written in the same cell as a victim's name (an M-Pesa statement's
``Details``: "Customer Transfer to 254712345678 OLENA SAVCHUK") is hers: shown by
pseudonym in every output, never beside her pseudonym in clear (round 10 G3)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from linkgraph.cli import cli

REGISTER = (
    "name,phone,role,dob\n"
    "Olena Savchuk,+373 69 123 456,victim,2001-04-12\n"
    "Vadim Rusnac,+373 79 555 111,suspect,1984-10-10\n"
)
STATEMENT = (
    "M-PESA STATEMENT\n"
    "Customer Name:,VADIM RUSNAC\n"
    "Mobile Number:,254722000111\n"
    "\n"
    "Receipt No.,Completion Time,Details,Transaction Status,Paid In,Withdrawn,Balance\n"
    "SD12ABCDE1,2024-03-02 14:05:11,Customer Transfer to 254712345678 OLENA SAVCHUK,"
    'Completed,,"-5,000.00","45,000.00"\n'
    "SD12ABCDE2,2024-03-03 09:00:00,Funds received from 254733222444 - JOSEPH OTIENO,"
    'Completed,"20,000.00",,"65,000.00"\n'
)
MAPPING = """format: csv
header_row: 5
region: KE
entities:
  holder_phone:
    type: phone
    fields:
      phone:
        fact: Mobile Number
  holder:
    type: person
    fields:
      name:
        fact: Customer Name
  other_phone:
    type: phone
    split: find
    fields:
      phone: Details
links:
- kind: uses_phone
  src: holder
  dst: holder_phone
- kind: paid
  src: holder_phone
  dst: other_phone
  direction: debit
  debit: Withdrawn
  amount: Paid In
  time: Completion Time
"""
#: Her M-Pesa number as it may be written
HER_NUMBER = ("254712345678", "712345678", "712 345 678")


def _run(*args: object) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


def _case(tmp_path: Path) -> Path:
    (tmp_path / "register.csv").write_text(REGISTER, encoding="utf-8")
    (tmp_path / "mpesa.csv").write_text(STATEMENT, encoding="utf-8")
    (tmp_path / "mpesa.yaml").write_text(MAPPING, encoding="utf-8")
    case = tmp_path / "case"
    _run("ingest", tmp_path / "register.csv", "--preset", "people", "-o", case, "-q")
    _run("ingest", tmp_path / "mpesa.csv", "--mapping", tmp_path / "mpesa.yaml", "-o", case, "-q")
    _run("resolve", case, "-q")
    return case


def _texts(folder: Path) -> dict[str, str]:
    files = [folder] if folder.is_file() else [f for f in folder.rglob("*") if f.is_file()]
    return {str(f): f.read_bytes().decode("utf-8", "replace") for f in files}


def _outputs(case: Path, tmp_path: Path) -> dict[str, str]:
    """The map, the report, the mentions table and every export, as text."""
    texts = {"mentions": _run("mentions", case)}
    _run("render", case, "-o", tmp_path / "map.html", "-q")
    _run("report", case, "-o", tmp_path / "report.html", "-q")
    texts |= _texts(tmp_path / "map.html") | _texts(tmp_path / "report.html")
    for fmt in ("csv", "sqlite", "gexf", "graphml", "neo4j", "ftm", "i2"):
        _run("export", case, "-f", fmt, "-o", tmp_path / f"exp_{fmt}", "-q")
        texts |= _texts(tmp_path / f"exp_{fmt}")
    return texts


def test_number_written_beside_her_name_is_hers(tmp_path):
    """The payee number in the cell that names her is shown by pseudonym everywhere; the
    number beside another payee's name ("JOSEPH OTIENO") stays as written."""
    case = _case(tmp_path)
    outputs = _outputs(case, tmp_path)
    for name, text in outputs.items():
        for written in HER_NUMBER:
            assert written not in text, (name, written)
        assert "savchuk" not in text.lower(), name
    assert "+254733222444" in outputs["mentions"]
    assert any("+254733222444" in t for n, t in outputs.items() if n.endswith("entities.csv"))


def test_show_victims_shows_her_number(tmp_path):
    """With --show-victims the number is shown as written."""
    case = _case(tmp_path)
    assert "+254712345678" in _run("mentions", case, "--show-victims")
