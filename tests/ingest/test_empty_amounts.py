"""A payment row whose amount cell is empty: a statement's two columns (Paid In /
Withdrawn) mapped as two links make no invented payment the other way; a one-link
transactions file keeps the transfer of unknown amount, flagged and counted. Through the
CLI (``ingest``, ``mapping check``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case

_STATEMENT = (
    "Date,Other,Paid In,Withdrawn\n"
    '2024-03-02,+254733000001,,"5,000.00"\n'
    '2024-03-03,+254733000002,"20,000.00",\n'
)

_TWO_LINKS = """\
format: csv
entities:
  holder: {type: phone, fields: {phone: {value: "+254722000111"}}}
  other: {type: phone, fields: {phone: Other}}
links:
- {kind: paid, src: holder, dst: other, amount: Withdrawn, time: Date}
- {kind: paid, src: other, dst: holder, amount: Paid In, time: Date}
"""


def _write(tmp_path: Path, text: str, mapping: str) -> tuple[Path, Path]:
    path = tmp_path / "statement.csv"
    path.write_text(text, encoding="utf-8")
    yaml = tmp_path / "m.yaml"
    yaml.write_text(mapping, encoding="utf-8")
    return path, yaml


def _ingest(path: Path, yaml: Path, out: Path) -> tuple[Case, str]:
    result = CliRunner().invoke(cli, ["ingest", str(path), "--mapping", str(yaml), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return Case.read(out), result.output


def _payments(case: Case) -> list[tuple[int, str, str, float]]:
    """(row, src phone, dst phone, amount) of each paid link, in row order."""
    phone = dict(zip(case.mentions["mention_id"], case.mentions["phone"], strict=True))
    paid = case.links[case.links["kind"] == "paid"].sort_values("row")
    return [
        (int(r), phone[s], phone[d], float(a))
        for r, s, d, a in paid[["row", "src", "dst", "amount"]].to_numpy()
    ]


def test_two_amount_columns_as_two_links_make_no_payment_from_an_empty_cell(tmp_path):
    """Row 1 withdrew 5,000 (holder paid the other), row 2 was paid in 20,000: two links,
    not four; the summary counts the links not made and points to `direction: debit`."""
    path, yaml = _write(tmp_path, _STATEMENT, _TWO_LINKS)
    case, out = _ingest(path, yaml, tmp_path / "case")
    assert _payments(case) == [
        (1, "+254722000111", "+254733000001", 5000.0),
        (2, "+254733000002", "+254722000111", 20000.0),
    ]
    flat = " ".join(out.split())
    assert "1 paid link holder -> other not made: Withdrawn empty in the row" in flat
    assert "1 paid link other -> holder not made: Paid In empty in the row" in flat
    assert "direction: debit, debit: Withdrawn, amount: Paid In" in flat


def test_mapping_check_warns_of_two_opposite_links_with_their_own_amount_columns(tmp_path):
    path, yaml = _write(tmp_path, _STATEMENT, _TWO_LINKS)
    result = CliRunner().invoke(cli, ["mapping", "check", str(path), "--mapping", str(yaml)])
    assert result.exit_code == 0, result.output
    flat = " ".join(result.output.split())
    assert "links paid holder -> other (amount: Withdrawn) and other -> holder" in flat
    assert "direction: debit" in flat


def test_one_debit_link_reads_the_statement_without_a_warning(tmp_path):
    one_link = _TWO_LINKS.split("links:")[0] + (
        "links:\n- {kind: paid, src: holder, dst: other, direction: debit, debit: Withdrawn,"
        " amount: Paid In, time: Date}\n"
    )
    path, yaml = _write(tmp_path, _STATEMENT, one_link)
    case, out = _ingest(path, yaml, tmp_path / "case")
    assert _payments(case) == [
        (1, "+254722000111", "+254733000001", 5000.0),
        (2, "+254733000002", "+254722000111", 20000.0),
    ]
    assert "not made" not in out
    assert "direction: debit" not in out


_SIGNED = (
    "Date,Other,Paid In,Withdrawn\n"
    "2024-03-02,+254733000001,,{w1}\n"
    "2024-03-03,+254733000002,{p2},\n"
    "2024-03-04,+254733000003,,{w3}\n"
)


@pytest.mark.parametrize(
    ("w1", "p2", "w3", "expected"),
    [
        # every debit written with its sign: all three the holder's money out but row 2
        ("-5000", "200", "-300", [(1, "out"), (2, "in"), (3, "out")]),
        # a refund among positive debits: row 3's (300.00) came back in
        ("5000", "200", "(300.00)", [(1, "out"), (2, "in"), (3, "in")]),
        # the only credit is negative: no positive credit beside it, so still money in
        ("5000", "-200", "300", [(1, "out"), (2, "in"), (3, "out")]),
    ],
)
def test_a_debit_column_of_both_signs_reads_its_negatives_as_reversals(
    tmp_path, w1, p2, w3, expected
):
    one_link = _TWO_LINKS.split("links:")[0] + (
        "links:\n- {kind: paid, src: holder, dst: other, direction: debit, debit: Withdrawn,"
        " amount: Paid In, time: Date}\n"
    )
    path, yaml = _write(tmp_path, _SIGNED.format(w1=w1, p2=p2, w3=w3), one_link)
    case, _ = _ingest(path, yaml, tmp_path / "case")
    holder = "+254722000111"
    got = [(row, "out" if src == holder else "in") for row, src, _dst, _ in _payments(case)]
    assert got == expected
    assert [abs(a) for *_, a in _payments(case)] == [a for *_, a in _payments(case)]


def test_a_transfer_without_amount_is_kept_flagged_and_counted(tmp_path):
    """The transactions preset, row 1's amount empty: a transfer of unknown amount is
    still a fact; its link is kept with no amount, marked, and the summary counts it."""
    path = tmp_path / "tx.csv"
    path.write_text(
        "from_account,to_account,amount,currency,date\n"
        "RO49AAAA1B31007593840000,RO09BCYP0000001234567890,,EUR,2024-03-01\n"
        "RO49AAAA1B31007593840000,RO66BACX0000001234567890,100,EUR,2024-03-02\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        cli, ["ingest", str(path), "--preset", "transactions", "-o", str(tmp_path / "case")]
    )
    assert result.exit_code == 0, result.output
    paid = Case.read(tmp_path / "case").links.sort_values("row")
    paid = paid[paid["kind"] == "paid"]
    assert paid["row"].tolist() == [1, 2]
    assert paid["amount"].isna().tolist() == [True, False]
    flags = [json.loads(a).get("amount_missing") for a in paid["attrs"]]
    assert flags == ["yes", None]
    flat = " ".join(result.output.split())
    assert "1 paid link without amount (from_account -> to_account: amount empty)" in flat
