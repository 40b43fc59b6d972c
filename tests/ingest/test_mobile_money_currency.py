"""A mobile-money statement with no currency column (M-Pesa): `mapping suggest` drafts
the currency of its region's country (KE: KES), and the paid links carry it."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case

MPESA = """M-PESA STATEMENT
Customer Name:,VADIM RUSNAC
Mobile Number:,254722000111
Statement Period:,01 Mar 2024 - 31 Mar 2024

Receipt No.,Completion Time,Details,Transaction Status,Paid In,Withdrawn,Balance
SD12ABCDE1,2024-03-02 14:05:11,Customer Transfer to 254712345678 OLENA SAVCHUK,Completed,\
,"-5,000.00","45,000.00"
SD12ABCDE2,2024-03-03 09:00:00,Funds received from 254733222444 - JOSEPH OTIENO,Completed,\
"20,000.00",,"65,000.00"
"""


def test_an_mpesa_draft_takes_the_currency_of_its_region(tmp_path: Path) -> None:
    """The statement names no currency; its numbers are Kenyan, so the draft's paid link
    has `currency: {value: KES}` and says why; ingested unedited, each payment is KES."""
    data = tmp_path / "mpesa.csv"
    data.write_text(MPESA, encoding="utf-8")
    runner = CliRunner()
    drafted = runner.invoke(cli, ["mapping", "suggest", str(data)])
    assert drafted.exit_code == 0, drafted.output
    assert "KES, the currency of the statement's region (KE)" in drafted.output
    draft = yaml.safe_load(drafted.output)
    paid = next(link for link in draft["links"] if link["kind"] == "paid")
    assert paid["currency"] == {"value": "KES"}
    spec = tmp_path / "map.yaml"
    spec.write_text(drafted.output, encoding="utf-8")
    case = tmp_path / "case"
    result = runner.invoke(cli, ["ingest", str(data), "--mapping", str(spec), "-o", str(case)])
    assert result.exit_code == 0, result.output
    links = Case.read(case).links
    paid_rows = links[links["kind"] == "paid"].sort_values("amount")
    assert paid_rows[["amount", "currency"]].values.tolist() == [[5000.0, "KES"], [20000.0, "KES"]]


def test_the_name_after_a_number_in_details_is_the_counterparty(tmp_path: Path) -> None:
    """`Details` names the other party after the number ("Customer Transfer to
    254712345678 OLENA SAVCHUK", "Funds received from 254733222444 - JOSEPH OTIENO"): the
    draft makes that party a person who uses that phone."""
    data = tmp_path / "mpesa.csv"
    data.write_text(MPESA, encoding="utf-8")
    runner = CliRunner()
    drafted = runner.invoke(cli, ["mapping", "suggest", str(data)])
    assert drafted.exit_code == 0, drafted.output
    spec = tmp_path / "map.yaml"
    spec.write_text(drafted.output, encoding="utf-8")
    case = tmp_path / "case"
    result = runner.invoke(cli, ["ingest", str(data), "--mapping", str(spec), "-o", str(case)])
    assert result.exit_code == 0, result.output
    loaded = Case.read(case)
    label = dict(zip(loaded.mentions["mention_id"], loaded.mentions["label"], strict=True))
    uses = loaded.links[loaded.links["kind"] == "uses_phone"].sort_values("row")
    pairs = sorted({(label[r.src], label[r.dst]) for r in uses.itertuples()})
    assert pairs == [
        ("JOSEPH OTIENO", "+254733222444"),
        ("OLENA SAVCHUK", "+254712345678"),
        ("VADIM RUSNAC", "+254722000111"),
    ]
