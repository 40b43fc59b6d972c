"""The free text of a link that involves a victim (a payment from her account) loses her
given name's nicknames too ("for Natasha" from Natalya Petrova's account, by the
resolver's nickname table), in every export; a payment between two other people keeps
its text as written (a given name alone is too common to be taken for her elsewhere)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from click.testing import CliRunner

from linkgraph.cli import cli

HOTLINE = (
    "tip_id,date,Victim name,Victim phone,Suspect name,Suspect phone\n"
    "T1,2023-03-01,Natalya Petrova,+7 916 123 4567,Viktor Hrytsenko,+380931112233\n"
)
HOTLINE_MAPPING = """format: csv
entities:
  victim: {type: person, fields: {name: Victim name, role: {value: victim}}}
  suspect: {type: person, fields: {name: Suspect name, role: {value: suspect}}}
  victim_phone: {type: phone, fields: {phone: Victim phone}}
  suspect_phone: {type: phone, fields: {phone: Suspect phone}}
links:
- {kind: uses_phone, src: victim, dst: victim_phone}
- {kind: uses_phone, src: suspect, dst: suspect_phone}
- {kind: victim_of, src: victim, dst: suspect}
"""
BANK = (
    "txn_id,value_date,from_iban,from_holder,to_iban,to_holder,amount,currency,reference\n"
    "TX3,2023-02-13,RU0204452560040702810412345678901,Natalya Petrova,"
    "UA903052992990004149123456789,Viktor Hrytsenko,200.00,RUB,for Natasha\n"
    "TX4,2023-02-14,UA213223130000026007233566001,Ivan Sidorov,"
    "UA903052992990004149123456789,Viktor Hrytsenko,150.00,UAH,gift Natasha\n"
)
BANK_MAPPING = """format: csv
entities:
  from_account: {type: account, fields: {account: from_iban}}
  to_account: {type: account, fields: {account: to_iban}}
  sender: {type: person, fields: {name: from_holder}}
  receiver: {type: person, fields: {name: to_holder}}
links:
- {kind: holds_account, src: sender, dst: from_account}
- {kind: holds_account, src: receiver, dst: to_account}
- kind: paid
  src: from_account
  dst: to_account
  amount: amount
  time: value_date
  currency: currency
  attrs: {reference: reference}
"""


def _run(*args: object) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


def _references(tmp_path: Path) -> tuple[str, str]:
    """The CSV export's source links and every row of the SQLite export, as text."""
    files = {"hotline.csv": HOTLINE, "hotline.yaml": HOTLINE_MAPPING,
             "bank.csv": BANK, "bank.yaml": BANK_MAPPING}  # fmt: skip
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    case = tmp_path / "case"
    for data in ("hotline", "bank"):
        _run("ingest", tmp_path / f"{data}.csv", "--mapping", tmp_path / f"{data}.yaml",
             "-o", case, "-q")  # fmt: skip
    _run("resolve", case, "-q")
    _run("export", case, "-f", "csv", "-o", tmp_path / "csv", "-q")
    _run("export", case, "-f", "sqlite", "-o", tmp_path / "case.sqlite", "-q")
    links = (tmp_path / "csv" / "source_links.csv").read_text(encoding="utf-8")
    with sqlite3.connect(tmp_path / "case.sqlite") as db:
        rows = db.execute("SELECT attrs FROM links WHERE attrs LIKE '%reference%'").fetchall()
    return links, "\n".join(r[0] for r in rows)


def test_nickname_of_her_given_name_in_her_payment_is_taken_out(tmp_path):
    for text in _references(tmp_path):
        # her payment's reference reached the export, pseudonymised
        assert '"for Victim-' in text.replace('""', '"')
        assert "for Natasha" not in text
        # the payment between two other people keeps its reference as written
        assert "gift Natasha" in text
