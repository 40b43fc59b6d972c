"""``skip_rows_where:``: a table mapping's row filter (a PayPal export's Pending, Denied
and Refunded payments are no money moved). Through the CLI: the rows it skips are
rejects ``skipped_by_mapping`` with their value, and ``mapping suggest`` drafts it."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case

_PAYMENTS = (
    "date,sender_account,receiver_account,amount,currency,state\n"
    "2024-01-01,RO49AAAA1B31007593840000,GB82WEST12345698765432,100,EUR,done\n"
    "2024-01-02,RO49AAAA1B31007593840000,GB82WEST12345698765432,200,EUR,Pending\n"
    "2024-01-03,RO49AAAA1B31007593840000,GB82WEST12345698765432,300,EUR, DONE \n"
    "2024-01-04,RO49AAAA1B31007593840000,GB82WEST12345698765432,400,EUR,\n"
)

_MAPPING = """\
skip_rows_where: {column: [status, state], FILTER}
entities:
  sender: {type: account, fields: {account: sender_account}}
  receiver: {type: account, fields: {account: receiver_account}}
links:
  - {kind: paid, src: sender, dst: receiver, amount: amount, currency: currency, time: date}
"""

_PAYPAL = (
    "Date,Time,TimeZone,Name,Type,Status,Currency,Gross,Fee,Net,From Email Address,"
    "To Email Address,Transaction ID\n"
    "01/03/2024,10:00:00,CET,Ana Pop,Express Checkout Payment,Completed,EUR,-100.00,0.00,"
    "-100.00,owner@example.com,ana@example.com,TX1\n"
    "02/03/2024,11:00:00,CET,Ion Rusu,Payment Received,Pending,EUR,200.00,-5.00,195.00,"
    "ion@example.com,owner@example.com,TX2\n"
    "03/03/2024,12:00:00,CET,Ana Pop,Express Checkout Payment,Denied,EUR,-50.00,0.00,-50.00,"
    "owner@example.com,ana@example.com,TX3\n"
    "04/03/2024,13:00:00,CET,Ion Rusu,Payment Received,Completed,EUR,300.00,-6.00,294.00,"
    "ion@example.com,owner@example.com,TX4\n"
    "05/03/2024,14:00:00,CET,Vlad Nistor,Payment Received,Refunded,EUR,70.00,0.00,70.00,"
    "vlad@example.com,owner@example.com,TX5\n"
    "06/03/2024,15:00:00,CET,Vlad Nistor,Payment Received,Canceled,EUR,80.00,0.00,80.00,"
    "vlad@example.com,owner@example.com,TX6\n"
)


def _ingest(tmp_path: Path, text: str, mapping: str) -> tuple[Case, str]:
    """``text`` as a CSV ingested with ``mapping``: the case and the summary."""
    path = tmp_path / "export.csv"
    path.write_text(text, encoding="utf-8")
    (tmp_path / "m.yaml").write_text(mapping, encoding="utf-8")
    args = ["ingest", str(path), "--mapping", str(tmp_path / "m.yaml")]
    result = CliRunner().invoke(cli, [*args, "-o", str(tmp_path / "case")])
    assert result.exit_code == 0, result.output
    return Case.read(tmp_path / "case"), result.output


def _skipped(case: Case) -> list[tuple[int, str, str, str]]:
    r = case.rejects[case.rejects["reason"] == "skipped_by_mapping"].sort_values("row")
    return [
        (int(row), str(col), "" if value is None or value != value else str(value), str(level))
        for row, col, value, level in r[["row", "column", "value", "level"]].to_numpy()
    ]


def _paid(case: Case) -> list[tuple[int, float]]:
    paid = case.links[case.links["kind"] == "paid"].sort_values("row")
    return [(int(r), float(a)) for r, a in paid[["row", "amount"]].to_numpy()]


def test_not_in_keeps_only_the_listed_rows_and_rejects_the_others(tmp_path):
    """``not_in: [done]``: rows 1 and 3 (" DONE ", trimmed, case aside) are paid links;
    Pending and the empty state are row rejects naming the column and the value."""
    case, out = _ingest(tmp_path, _PAYMENTS, _MAPPING.replace("FILTER", "not_in: [done]"))
    assert _paid(case) == [(1, 100.0), (3, 300.0)]
    assert _skipped(case) == [(2, "state", "Pending", "row"), (4, "state", "", "row")]
    assert "skipped_by_mapping: 2" in out
    assert not case.mentions["row"].isin([2, 4]).any()


def test_in_skips_only_the_listed_rows(tmp_path):
    """``in: pending`` (one value): only row 2 is skipped; the empty state is kept."""
    case, _ = _ingest(tmp_path, _PAYMENTS, _MAPPING.replace("FILTER", "in: pending"))
    assert _paid(case) == [(1, 100.0), (3, 300.0), (4, 400.0)]
    assert _skipped(case) == [(2, "state", "Pending", "row")]


def test_an_unknown_operator_is_a_mapping_error(tmp_path):
    """``not_inn:`` is refused with the key and the operator meant, no traceback."""
    path = tmp_path / "export.csv"
    path.write_text(_PAYMENTS, encoding="utf-8")
    (tmp_path / "m.yaml").write_text(_MAPPING.replace("FILTER", "not_inn: [done]"), "utf-8")
    args = ["ingest", str(path), "--mapping", str(tmp_path / "m.yaml")]
    result = CliRunner().invoke(cli, [*args, "-o", str(tmp_path / "case")])
    assert result.exit_code != 0
    assert "skip_rows_where.not_inn: unknown key; did you mean 'not_in'?" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "case").exists()


def test_a_missing_filter_column_is_an_error(tmp_path):
    """A filter whose column the file lacks would keep every row it was meant to skip."""
    mapping = _MAPPING.replace("[status, state]", "outcome").replace("FILTER", "in: [x]")
    path = tmp_path / "export.csv"
    path.write_text(_PAYMENTS, encoding="utf-8")
    (tmp_path / "m.yaml").write_text(mapping, "utf-8")
    args = ["ingest", str(path), "--mapping", str(tmp_path / "m.yaml")]
    result = CliRunner().invoke(cli, [*args, "-o", str(tmp_path / "case")])
    assert result.exit_code != 0
    assert "outcome" in result.output
    assert "Traceback" not in result.output


def test_suggest_drafts_the_filter_for_a_paypal_export(tmp_path):
    """A PayPal activity export: the draft skips the rows whose Status is not Completed,
    and ingested unedited only the two Completed payments are paid links; the four
    others are rejects with their status."""
    path = tmp_path / "paypal.csv"
    path.write_text(_PAYPAL, encoding="utf-8")
    yaml = tmp_path / "m.yaml"
    result = CliRunner().invoke(cli, ["mapping", "suggest", str(path), "-o", str(yaml)])
    assert result.exit_code == 0, result.output
    assert "skip_rows_where:\n  column: Status\n  not_in:\n  - Completed\n" in yaml.read_text()
    args = ["ingest", str(path), "--mapping", str(yaml), "-o", str(tmp_path / "case")]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    case = Case.read(tmp_path / "case")
    assert _paid(case) == [(1, 100.0), (4, 300.0)]
    assert _skipped(case) == [
        (2, "Status", "Pending", "row"),
        (3, "Status", "Denied", "row"),
        (5, "Status", "Refunded", "row"),
        (6, "Status", "Canceled", "row"),
    ]


def test_suggest_drafts_no_filter_when_every_payment_completed(tmp_path):
    """A Status column that says Completed in every row needs no filter."""
    completed = "\n".join(
        line for line in _PAYPAL.splitlines() if "Completed" in line or line.startswith("Date")
    )
    path = tmp_path / "paypal.csv"
    path.write_text(completed + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["mapping", "suggest", str(path)])
    assert result.exit_code == 0, result.output
    assert "paid" in result.output
    assert "skip_rows_where" not in result.output
