"""A hotline list marking a victim and her suspect, and a bank file of payers with no role,
with their mappings, ingested and resolved through the CLI: the shape of the tests of
possible victims (a person resolution left apart from a victim)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from linkgraph.cli import cli

#: The victim and the suspect of each row, with their phones.
HOTLINE_MAPPING = """\
region: RO
entities:
  victim: {type: person, fields: {name: victim, role: {value: victim}}}
  victim_phone: {type: phone, fields: {phone: victim_phone}}
  suspect: {type: person, fields: {name: suspect, role: {value: suspect}}}
  suspect_phone: {type: phone, fields: {phone: suspect_phone}}
links:
  - {kind: uses_phone, src: victim, dst: victim_phone}
  - {kind: uses_phone, src: suspect, dst: suspect_phone}
  - {kind: victim_of, src: victim, dst: suspect}
"""
#: Payers and payees with their accounts, no role.
BANK_MAPPING = """\
region: RO
entities:
  payer: {type: person, fields: {name: payer}}
  payer_account: {type: account, fields: {account: payer_account}}
  payee: {type: person, fields: {name: payee}}
  payee_account: {type: account, fields: {account: payee_account}}
links:
  - {kind: holds_account, src: payer, dst: payer_account}
  - {kind: holds_account, src: payee, dst: payee_account}
  - {kind: paid, src: payer_account, dst: payee_account, amount: amount, time: date}
"""


def run(*args: str) -> str:
    """The standard output of `linkgraph ARGS`, which must succeed."""
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def resolved_case(tmp_path: Path, hotline: str, bank: str) -> Path:
    """``hotline.csv`` and ``bank.csv`` written with their mappings, ingested into one
    case and resolved."""
    for name, text in (("hotline.csv", hotline), ("hotline.yaml", HOTLINE_MAPPING),
                       ("bank.csv", bank), ("bank.yaml", BANK_MAPPING)):  # fmt: skip
        (tmp_path / name).write_text(text, encoding="utf-8")
    folder = tmp_path / "case"
    for stem in ("hotline", "bank"):
        run("ingest", str(tmp_path / f"{stem}.csv"), "--mapping",
            str(tmp_path / f"{stem}.yaml"), "-o", str(folder), "-q")  # fmt: skip
    run("resolve", str(folder), "-q")
    return folder
