"""Amounts whose only mark repeats ("KES 1.000.000", "1,000,000") read one way, a whole
number, whatever the column's decimal mark; a single "2.500" in a column of both marks
stays refused. Through ``ingest`` with a mapping."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case

_MAPPING = """\
format: csv
entities:
  payer: {type: account, fields: {account: From}}
  payee: {type: account, fields: {account: To}}
links:
- {kind: paid, src: payer, dst: payee, amount: Amount}
"""
_ACCOUNTS = "RO49AAAA1B31007593840000,GB82WEST12345698765432"


def _amounts(tmp_path: Path, *written: str) -> tuple[list[float | None], list[tuple[int, str]]]:
    """The paid links' amounts in row order (None: rejected) and the amount_invalid
    rejects (row, value) of a file with one transfer per amount ``written``."""
    path = tmp_path / "tx.csv"
    rows = "".join(f'{_ACCOUNTS},"{a}"\n' for a in written)
    path.write_text("From,To,Amount\n" + rows, encoding="utf-8")
    (tmp_path / "m.yaml").write_text(_MAPPING, encoding="utf-8")
    args = ["ingest", str(path), "--mapping", str(tmp_path / "m.yaml"), "-o", str(tmp_path / "c")]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    case = Case.read(tmp_path / "c")
    paid = case.links[case.links["kind"] == "paid"].sort_values("row")
    amounts = [None if pd.isna(a) else float(a) for a in paid["amount"]]
    bad = case.rejects[case.rejects["reason"] == "amount_invalid"].sort_values("row")
    return amounts, [(int(r), str(v)) for r, v in bad[["row", "value"]].to_numpy()]


def test_repeated_group_marks_in_a_column_of_both_decimal_marks(tmp_path):
    """The STR column of round 8: decimal commas and decimal points side by side."""
    amounts, rejected = _amounts(
        tmp_path, "EUR 1.250,00", "1,250.00 USD", "KES 1.000.000", "2.500 EUR", "2,000,000"
    )
    assert amounts == [1250.0, 1250.0, 1_000_000.0, None, 2_000_000.0]
    assert rejected == [(4, "2.500 EUR")]


def test_a_repeated_dot_shows_the_columns_decimal_comma(tmp_path):
    """ "1.000.000" groups with dots, so the column's "2.500" is two thousand five hundred
    and "7,5" seven and a half."""
    amounts, rejected = _amounts(tmp_path, "1.000.000", "2.500", "7,5", "1 000 000", "3'000'000")
    assert amounts == [1_000_000.0, 2500.0, 7.5, 1_000_000.0, 3_000_000.0]
    assert rejected == []


def test_marks_that_group_nothing_are_still_refused(tmp_path):
    amounts, rejected = _amounts(tmp_path, "1.2.3", "12.000.00")
    assert amounts == [None, None]
    assert [r for r, _ in rejected] == [1, 2]
