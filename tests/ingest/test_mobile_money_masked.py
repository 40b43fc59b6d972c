"""An M-Pesa statement that prints the other party's number masked ("2547******678 AMINA
WANJIRU"): through `mapping suggest` then `ingest` (CLI), the name beside the masked number
is the person paid, the masked number an attribute of hers, never a phone."""

from __future__ import annotations

import json

from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case

_STATEMENT = (
    "M-PESA STATEMENT\n"
    "Customer Name:,PETER KAMAU\n"
    "Mobile Number:,254722000111\n"
    "\n"
    "Receipt No.,Completion Time,Details,Transaction Status,Paid In,Withdrawn,Balance\n"
    "SC1,2024-03-02 14:05:11,Customer Transfer to 0722***456 - JOHN KAMAU,Completed,,"
    '"-5,000.00","45,000.00"\n'
    "SC2,2024-03-03 09:00:00,Funds received from 2547******678 AMINA WANJIRU,Completed,"
    '"20,000.00",,"65,000.00"\n'
    "SC3,2024-03-04 18:30:00,Pay Bill to 888880 - KPLC PREPAID,Completed,,"
    '"-1,200.00","63,800.00"\n'
)


def _case(tmp_path, statement: str) -> Case:
    data = tmp_path / "mpesa.csv"
    data.write_text(statement, encoding="utf-8")
    runner = CliRunner()
    draft = runner.invoke(cli, ["mapping", "suggest", str(data)])
    assert draft.exit_code == 0, draft.output
    mapping = tmp_path / "mpesa.yaml"
    mapping.write_text(draft.output, encoding="utf-8")
    out = tmp_path / "case"
    result = runner.invoke(cli, ["ingest", str(data), "--mapping", str(mapping), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return Case.load(out)


def _paid(case: Case) -> set[tuple[str, str, float]]:
    label = dict(zip(case.mentions["mention_id"], case.mentions["label"], strict=True))
    paid = case.links[case.links["kind"] == "paid"]
    return {
        (label[s], label[d], float(a))
        for s, d, a in zip(paid["src"], paid["dst"], paid["amount"], strict=True)
    }


def test_the_name_beside_a_masked_number_is_the_person_paid(tmp_path):
    case = _case(tmp_path, _STATEMENT)
    assert _paid(case) == {
        ("+254722000111", "JOHN KAMAU", 5000.0),
        ("AMINA WANJIRU", "+254722000111", 20000.0),
    }
    m = case.mentions
    other = m[m["slot"] == "other"].sort_values("row")
    assert other["label"].tolist() == ["JOHN KAMAU", "AMINA WANJIRU"]
    masked = [json.loads(a)["masked_phone"] for a in other["attrs"]]
    assert masked == ["0722***456", "2547******678"]
    # the masked numbers are no phone: the holder's number is the only phone
    assert set(m.loc[m["type"] == "phone", "identifier"]) == {"+254722000111"}
    assert not m["identifier"].astype(str).str.contains(r"\*").any()
    # the paybill names no person: still no payment invented
    reasons = set(case.rejects.loc[case.rejects["row"] == 3, "reason"])
    assert "no_counterparty" in reasons


def test_a_number_written_whole_still_pays_the_phone(tmp_path):
    statement = _STATEMENT.replace("0722***456", "254711000222")
    case = _case(tmp_path, statement)
    assert _paid(case) == {
        ("+254722000111", "+254711000222", 5000.0),
        ("AMINA WANJIRU", "+254722000111", 20000.0),
    }
