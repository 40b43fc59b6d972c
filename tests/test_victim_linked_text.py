"""The free text of rows and links that involve a victim, and the addresses of the
places she went to, are withheld in every export (round 10 G4): a payment's reference to
her account naming her by given name alone ("bilet autobuz Olena"), the street address
of the shelter she visited, whose name is withheld."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from linkgraph.cli import cli

REGISTER = (
    "name,phone,role,dob\n"
    "Olena Savchuk,+373 69 123 456,victim,2001-04-12\n"
    "Vadim Rusnac,+373 79 555 111,suspect,1984-10-10\n"
)
PAYMENTS = (
    "Titular,IBAN,Data,Beneficiar,IBAN contrapartida,Debit,Moneda,Detalii\n"
    "Vadim Rusnac,RO49AAAA1B31007593840000,2024-03-03,Olena Savchuk,"
    "MD24AG000225100013104168,1250,RON,bilet autobuz Olena\n"
    "Vadim Rusnac,RO49AAAA1B31007593840000,2024-03-04,Ion Popa,"
    "RO66BACX0000001234567890,300,RON,chirie martie\n"
)
PAYMENTS_MAPPING = """format: csv
entities:
  account: {type: account, fields: {account: IBAN}}
  counterparty_account: {type: account, fields: {account: IBAN contrapartida}}
  holder: {type: person, fields: {name: Titular}}
  counterparty: {type: person, fields: {name: Beneficiar}}
links:
- {kind: holds_account, src: holder, dst: account}
- {kind: holds_account, src: counterparty, dst: counterparty_account}
- kind: paid
  src: account
  dst: counterparty_account
  amount: Debit
  time: Data
  currency: Moneda
  attrs: {reference: Detalii}
"""
LOCATIONS = {
    "timelineObjects": [
        {"placeVisit": {
            "location": {"latitudeE7": 482082000, "longitudeE7": 163738000,
                         "name": "La Strada Frauenhaus Wien",
                         "address": "Geheimgasse 7, 1100 Wien"},
            "duration": {"startTimestamp": "2024-03-15T10:53:20Z",
                         "endTimestamp": "2024-03-20T02:00:00Z"},
        }},
        {"placeVisit": {
            "location": {"latitudeE7": 471585000, "longitudeE7": 276014000,
                         "name": "Hotel Unirea", "address": "Piata Unirii 5, Iasi"},
            "duration": {"startTimestamp": "2024-03-02T10:00:00Z",
                         "endTimestamp": "2024-03-03T08:00:00Z"},
        }},
    ]
}  # fmt: skip
LOCATION_MAPPING = (
    "include: location\n"
    "entities: {owner: {type: person, fields: {name: owner, role: {value: victim}}}}\n"
)
#: What must not be in any export
HERS = ("Olena", "Geheimgasse", "Frauenhaus", "Piata Unirii")


def _run(*args: object) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


def _case(tmp_path: Path) -> Path:
    files = {
        "register.csv": REGISTER,
        "payments.csv": PAYMENTS,
        "payments.yaml": PAYMENTS_MAPPING,
        "Records.json": json.dumps(LOCATIONS),
        "loc.yaml": LOCATION_MAPPING,
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    case = tmp_path / "case"
    _run("ingest", tmp_path / "register.csv", "--preset", "people", "-o", case, "-q")
    _run("ingest", tmp_path / "payments.csv", "--mapping", tmp_path / "payments.yaml",
         "-o", case, "-q")  # fmt: skip
    _run("ingest", tmp_path / "Records.json", "--mapping", tmp_path / "loc.yaml", "-o", case, "-q")
    _run("resolve", case, "-q")
    return case


def _sqlite_text(file: Path) -> str:
    with sqlite3.connect(file) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return "\n".join(repr(row) for t in tables for row in db.execute(f'SELECT * FROM "{t}"'))


def test_reference_naming_her_and_her_places_addresses_are_not_exported(tmp_path):
    """csv, sqlite, gexf, graphml, neo4j, ftm, i2: her given name alone in the reference
    of the payment to her account is her pseudonym; the addresses of her visits are
    withheld; another payment's reference stays as written."""
    case = _case(tmp_path)
    texts: dict[str, str] = {}
    for fmt in ("csv", "sqlite", "gexf", "graphml", "neo4j", "ftm", "i2"):
        out = tmp_path / f"exp_{fmt}"
        _run("export", case, "-f", fmt, "-o", out, "-q")
        if fmt == "sqlite":
            texts[str(out)] = _sqlite_text(out)
            continue
        files = [out] if out.is_file() else [f for f in out.rglob("*") if f.is_file()]
        for f in files:
            texts[str(f)] = f.read_bytes().decode("utf-8", "replace")
    for name, text in texts.items():
        for hers in HERS:
            assert hers not in text, (name, hers)
    links = (tmp_path / "exp_csv" / "source_links.csv").read_text(encoding="utf-8")
    assert "bilet autobuz Victim-" in links
    assert "chirie martie" in links


def test_show_victims_exports_them(tmp_path):
    """With --show-victims the reference and the addresses are exported as written."""
    case = _case(tmp_path)
    out = tmp_path / "exp_csv"
    _run("export", case, "-f", "csv", "-o", out, "-q", "--show-victims")
    texts = "".join(f.read_text(encoding="utf-8") for f in out.glob("*.csv"))
    assert "bilet autobuz Olena" in texts
    assert "Geheimgasse 7, 1100 Wien" in texts
