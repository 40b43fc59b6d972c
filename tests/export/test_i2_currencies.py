"""`linkgraph export -f i2` keeps each link's currency: a link of payments in one currency
carries it beside its amount (links.csv and the chart); a link of payments in several
carries no amount (a sum across currencies means nothing) nor currency, but the sum in
each currency; read back, the chart's currencies are all currencies.
Expected values are worked by hand from the payments below."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from lxml import etree

from linkgraph.cli import cli
from linkgraph.model import Case

#: (payer, payee, amount, currency, day): Ana pays Ion twice in EUR, Ion pays Dan in EUR
#: and twice in RON, Dan pays Ana once in MDL.
PAYMENTS = [
    ("ana", "ion", 100.0, "EUR", 1), ("ana", "ion", 50.25, "EUR", 2),
    ("ion", "dan", 100.0, "EUR", 3), ("ion", "dan", 300.0, "RON", 4),
    ("ion", "dan", 200.5, "RON", 5), ("dan", "ana", 7000.0, "MDL", 6),
]  # fmt: skip
#: (payer, payee) -> (amount, currency, amounts by currency), by hand.
EXPECTED = {
    ("ana", "ion"): ("150.25", "EUR", ""),
    ("ion", "dan"): ("", "", "EUR 100; RON 500.5"),
    ("dan", "ana"): ("7000.0", "MDL", ""),
}


@pytest.fixture(scope="module")
def i2_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The three-person case exported as i2 through the CLI."""
    people = ["ana", "ion", "dan"]
    mentions = pd.DataFrame(
        {"mention_id": [f"m:{p}" for p in people], "type": "person",
         "label": [p.title() + " Pop" for p in people], "source": "people.csv",
         "agency": "Police", "row": [1, 2, 3], "role": "suspect"}
    )  # fmt: skip
    links = pd.DataFrame(
        [
            {"link_id": f"l:{i}", "src": f"m:{a}", "dst": f"m:{b}", "kind": "paid",
             "amount": amount, "currency": currency,
             "time": pd.Timestamp(f"2024-03-0{day}", tz="UTC"), "source": "bank.csv",
             "agency": "Bank", "row": i}
            for i, (a, b, amount, currency, day) in enumerate(PAYMENTS, start=1)
        ]
    )  # fmt: skip
    resolution = pd.DataFrame(
        {"mention_id": mentions["mention_id"], "entity_id": "e" + mentions["mention_id"]}
    )
    folder = tmp_path_factory.mktemp("currencies")
    case_dir = (
        Case()
        .with_tables(mentions=mentions, links=links, resolution=resolution)
        .write(folder / "case")
    )
    out = folder / "i2"
    result = CliRunner().invoke(cli, ["export", str(case_dir), "-f", "i2", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "several currencies" not in result.output  # nothing lost: every sum is held
    return out


def _by_pair(rows: list[dict[str, str]], src: str, dst: str) -> dict[str, str]:
    return {(r[src].removeprefix("em:"), r[dst].removeprefix("em:")): r for r in rows}


def test_links_csv_has_each_links_currency_and_no_sum_across_currencies(i2_folder: Path) -> None:
    with (i2_folder / "links.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = _by_pair(list(csv.DictReader(fh)), "From Identity", "To Identity")
    assert set(rows) == set(EXPECTED)
    for pair, (amount, currency, by_currency) in EXPECTED.items():
        row = rows[pair]
        assert (row["amount"], row["currency"], row["amounts by currency"]) == (
            amount,
            currency,
            by_currency,
        ), pair


def test_chart_links_carry_currency_attributes(i2_folder: Path) -> None:
    root = etree.fromstring((i2_folder / "chart.anx").read_bytes())
    ends = {
        item.find("End/Entity").get("EntityId"): item.find("End/Entity")
        .get("Identity")
        .removeprefix("em:")
        for item in root.iter("ChartItem")
        if item.find("End/Entity") is not None
    }
    got = {}
    for item in root.iter("ChartItem"):
        link = item.find("Link")
        if link is None:
            continue
        attrs = {a.get("AttributeClass"): a.get("Value") for a in item.iter("Attribute")}
        pair = (ends[link.get("End1Id")], ends[link.get("End2Id")])
        got[pair] = (
            attrs.get("amount"),
            attrs.get("currency"),
            attrs.get("amounts by currency"),
        )
    assert got == {
        ("ana", "ion"): ("150.25", "EUR", None),
        ("ion", "dan"): (None, None, "EUR 100; RON 500.5"),
        ("dan", "ana"): ("7000.0", "MDL", None),
    }


def test_chart_reads_back_without_currency_rejects(i2_folder: Path, tmp_path: Path) -> None:
    """A chart's ``currency`` attribute holds only currencies: read back, no link's
    currency is rejected (it held "mixed" for the link paid in several)."""
    out = tmp_path / "back"
    result = CliRunner().invoke(cli, ["ingest", str(i2_folder / "chart.anx"), "-o", str(out),
                                      "-q"])  # fmt: skip
    assert result.exit_code == 0, result.output
    back = Case.read(out)
    assert "currency_invalid" not in set(back.rejects["reason"].astype(str))
    paid = back.links[back.links["amount"].notna()]
    assert sorted(zip(paid["amount"], paid["currency"], strict=True)) == [
        (150.25, "EUR"), (7000.0, "MDL"),
    ]  # fmt: skip
