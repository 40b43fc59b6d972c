"""A masked account number ("****4321", "XXXX1234", "1234********5678") names no one
account: like a masked phone it matches nothing in another file. It stays the account of
its own statement (its rows share it), labelled as written, and the summary says so."""

from __future__ import annotations

from linkgraph.model import Case
from tests.suggest_draft import run_cli

MAPPING = """\
format: csv
entities:
  own: {type: account, fields: {account: Account}}
  other: {type: account, fields: {account: To account}}
links:
- {kind: paid, src: own, dst: other, amount: Amount, direction: sign}
"""


def _statements(tmp_path):
    first = tmp_path / "bank_a.csv"
    first.write_text(
        "Account,To account,Amount\n"
        "****4321,DE89370400440532013000,-100\n"
        "****4321,MD24AG000225100013104168,-50\n",
        encoding="utf-8",
    )
    second = tmp_path / "bank_b.csv"
    second.write_text(
        "Account,To account,Amount\n"
        "****4321,DE89370400440532013000,-70\n"
        "XXXX-XXXX-1234,MD24AG000225100013104168,-20\n"
        "1234********5678,MD24AG000225100013104168,-5\n",
        encoding="utf-8",
    )
    mapping = tmp_path / "m.yaml"
    mapping.write_text(MAPPING, encoding="utf-8")
    return first, second, mapping


def test_masked_accounts_are_their_statements_own_and_never_merged(tmp_path):
    first, second, mapping = _statements(tmp_path)
    out = tmp_path / "case"
    code, text = run_cli(
        "ingest", str(first), str(second), "--mapping", str(mapping), "-o", str(out)
    )
    assert code == 0, text
    flat = " ".join(text.split())
    assert "account numbers in Account are masked (such as '****4321', row 1)" in flat
    assert "0 rejects" in flat
    code, text = run_cli("resolve", str(out), "-q")
    assert code == 0, text
    case = Case.load(out)
    own = case.mentions.query("slot == 'own'").sort_values(["source", "row"])
    assert list(own["label"]) == [
        "****4321 (masked)",
        "****4321 (masked)",
        "****4321 (masked)",
        "XXXX-XXXX-1234 (masked)",
        "1234********5678 (masked)",
    ]
    entity = case.entity_of()
    own_entities = [entity[m] for m in own["mention_id"]]
    # bank_a's two rows are one account; bank_b's "****4321" another; each other masked
    # number its own: 4 accounts, none of them a real account's.
    assert own_entities[0] == own_entities[1]
    assert len(set(own_entities)) == 4
    ibans = case.mentions.query("slot == 'other'")
    assert set(ibans["identifier"]) == {"DE89370400440532013000", "MD24AG000225100013104168"}
    # the real IBANs are still shared across the statements
    assert len({entity[m] for m in ibans["mention_id"]}) == 2
