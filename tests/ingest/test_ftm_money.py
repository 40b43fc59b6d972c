"""FollowTheMoney payments and ownerships through the CLI: the payer and beneficiary are
linked to each other and to their accounts, `linkgraph path` reads the direction of the
links it walks back, and says "no path" without a warning."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case

_ENTITIES = [
    {"id": "p1", "schema": "Person",
     "properties": {"name": ["Vasile Rusu", "RUSU Vasile"], "address": ["str. Mare 12"]}},
    {"id": "p2", "schema": "Person", "properties": {"name": ["Elena Ceban"]}},
    {"id": "p3", "schema": "Person", "properties": {"name": ["Nobody Else"]}},
    {"id": "c1", "schema": "Company", "properties": {"name": ["Dream Travel SRL"]}},
    {"id": "a1", "schema": "BankAccount", "properties": {"iban": ["RO49AAAA1B31007593840000"]}},
    {"id": "a2", "schema": "BankAccount", "properties": {"iban": ["MD24AG000225100013104168"]}},
    {"id": "o1", "schema": "Ownership",
     "properties": {"owner": ["p1"], "asset": ["c1"], "percentage": ["75"]}},
    {"id": "pay1", "schema": "Payment",
     "properties": {"payer": ["c1"], "beneficiary": ["p2"], "payerAccount": ["a1"],
                    "beneficiaryAccount": ["a2"], "amount": ["1500"], "currency": ["eur"],
                    "date": ["2024-01-15"]}},
]  # fmt: skip


def _case(tmp_path: Path) -> Path:
    path = tmp_path / "ftm.jsonl"
    path.write_text("\n".join(json.dumps(e) for e in _ENTITIES) + "\n", encoding="utf-8")
    out = tmp_path / "case"
    result = CliRunner().invoke(cli, ["ingest", str(path), "--preset", "ftm", "-o", str(out)])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(cli, ["resolve", str(out), "-q"])  # as a user would
    assert result.exit_code == 0, result.output
    return out


def _path(case: Path, a: str, b: str) -> list[dict[str, object]]:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a warning leaking to the terminal fails the test
        result = CliRunner().invoke(cli, ["path", str(case), a, b, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output) if result.output.strip() else []


def test_a_payment_links_payer_beneficiary_and_their_accounts(tmp_path):
    """The money moves from account to account, as a bank statement gives it, and each
    party holds its account: the company has a path to the beneficiary's account (before
    the holdings were read, pay1 was account -> account alone and it had none)."""
    case_dir = _case(tmp_path)
    case = Case.read(case_dir)
    label = case.mentions.set_index("mention_id")["label"]
    ends = sorted(
        (k, label[s], label[d], None if a != a else a, c)
        for k, s, d, a, c in case.links[["kind", "src", "dst", "amount", "currency"]].to_numpy()
        if k in ("paid", "holds_account")
    )
    assert [e[:4] for e in ends] == [
        ("holds_account", "Dream Travel SRL", "RO49AAAA1B31007593840000", None),
        ("holds_account", "Elena Ceban", "MD24AG000225100013104168", None),
        ("paid", "RO49AAAA1B31007593840000", "MD24AG000225100013104168", 1500.0),
    ]
    assert ends[2][4] == "EUR"
    hops = _path(case_dir, "Dream Travel SRL", "Elena Ceban")
    assert [(h["src_label"], h["dst_label"], h["kinds"]) for h in hops] == [
        ("Dream Travel SRL", "RO49AAAA1B31007593840000", ["holds_account"]),
        ("RO49AAAA1B31007593840000", "MD24AG000225100013104168", ["paid"]),
        ("MD24AG000225100013104168", "Elena Ceban", ["← holds_account"]),  # walked backwards
    ]


def test_path_shows_a_link_walked_against_its_direction(tmp_path):
    """The hop company -> person of "Vasile Rusu owner_of Dream Travel SRL" reads
    "← owner_of": before, "owner_of" read as the company owning the person."""
    case_dir = _case(tmp_path)
    hops = _path(case_dir, "Dream Travel SRL", "Vasile Rusu")
    assert [(h["src_label"], h["dst_label"], h["kinds"]) for h in hops] == [
        ("Dream Travel SRL", "Vasile Rusu", ["← owner_of"]),
    ]
    assert _path(case_dir, "Vasile Rusu", "Dream Travel SRL")[0]["kinds"] == ["owner_of"]


def test_no_path_is_said_without_a_warning(tmp_path):
    case_dir = _case(tmp_path)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = CliRunner().invoke(cli, ["path", str(case_dir), "Nobody Else", "Elena Ceban"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "no path from Nobody Else to Elena Ceban"


def test_second_names_addresses_and_ownership_shares_are_kept(tmp_path):
    case = Case.read(_case(tmp_path))
    m = case.mentions.set_index("label")
    assert json.loads(m.loc["Vasile Rusu", "attrs"])["aliases"] == ["RUSU Vasile"]
    assert m.loc["Vasile Rusu", "address"] == "str. Mare 12"
    owner = case.links[case.links["kind"] == "owner_of"]
    assert json.loads(owner["attrs"].iloc[0])["percentage"] == "75"
