"""--json and --csv of the table commands carry values a script can use: amounts as
numbers with their currency, list-valued columns as JSON lists (before: a flow's money
was the text "2,500.00 EUR" and its rows JSON inside a string)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import LINKS, MENTIONS, Case


def _paid(src: str, dst: str, row: int, amount: float, currency: str | None) -> dict:
    return {
        "link_id": f"l:{row}",
        "src": src,
        "dst": dst,
        "kind": "paid",
        "time": f"2024-03-0{row}T00:00:00Z",
        "amount": amount,
        "currency": currency,
        "source": "bank.csv",
        "row": row,
    }


@pytest.fixture
def case_dir(tmp_path: Path) -> Path:
    """Two accounts, RO -> MD, paid 1000 + 500 EUR, 2000.50 MDL and 300 of no currency."""
    mentions = [
        {"mention_id": "a1", "type": "account", "source": "bank.csv", "row": 1,
         "account": "RO1", "label": "RO1", "country": "RO"},
        {"mention_id": "a2", "type": "account", "source": "bank.csv", "row": 1,
         "account": "MD1", "label": "MD1", "country": "MD"},
    ]  # fmt: skip
    links = [
        _paid("a1", "a2", 1, 1000.0, "EUR"),
        _paid("a1", "a2", 2, 2000.5, "MDL"),
        _paid("a1", "a2", 3, 500.0, "EUR"),
        _paid("a1", "a2", 4, 300.0, None),
    ]
    case = Case(
        mentions=MENTIONS.conform(pd.DataFrame(mentions)), links=LINKS.conform(pd.DataFrame(links))
    )
    out = tmp_path / "case"
    case.write(out)
    return out


def _stdout(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output + result.stderr
    return result.stdout


def _flow(records: list[dict]) -> dict:
    (flow,) = [r for r in records if (r["origin"], r["destination"]) == ("RO", "MD")]
    return flow


def test_routes_json_gives_money_as_numbers_per_currency_and_rows_as_a_list(case_dir):
    flow = _flow(json.loads(_stdout("routes", str(case_dir), "--json", "-q")))
    assert flow["money"] == {"MDL": 2000.5, "EUR": 1500.0, "unknown": 300.0}
    assert sorted(flow["rows"]) == [f"bank.csv:{n}" for n in (1, 2, 3, 4)]
    assert flow["transit"] == []
    assert flow["people"] == []


def test_routes_csv_gives_one_number_column_per_currency(case_dir):
    table = pd.read_csv(io.StringIO(_stdout("routes", str(case_dir), "--csv", "-q")))
    flow = _flow(table.to_dict("records"))
    assert (flow["money_MDL"], flow["money_EUR"], flow["money_unknown"]) == (2000.5, 1500.0, 300.0)
    assert "money" not in table.columns


def test_routes_text_still_reads_money_per_currency(case_dir):
    # (-q prints the summary only, not the flows table)
    text = _stdout("routes", str(case_dir))
    assert "2,000.50 MDL; 1,500.00 EUR; 300.00 (currency unknown)" in text


def test_routes_movements_json_gives_lists(case_dir):
    rows = json.loads(_stdout("routes", str(case_dir), "--table", "movements", "--json", "-q"))
    transfers = [r for r in rows if r["kind"] == "transfer"]
    assert sorted(r["amount"] for r in transfers) == [300.0, 500.0, 1000.0, 2000.5]
    assert all(r["transit_countries"] == [] for r in transfers)
    assert sorted(row for r in transfers for row in r["rows"]) == [
        f"bank.csv:{n}" for n in (1, 2, 3, 4)
    ]


def test_path_json_gives_kinds_and_rows_as_lists(case_dir):
    _stdout("resolve", str(case_dir), "-q")
    hops = json.loads(_stdout("path", str(case_dir), "RO1", "MD1", "--json"))
    assert len(hops) == 1
    assert hops[0]["kinds"] == ["paid"]
    assert sorted(hops[0]["rows"]) == [f"bank.csv:{n}" for n in (1, 2, 3, 4)]
