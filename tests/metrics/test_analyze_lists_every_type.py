"""`analyze --type/--by/--columns`: the accounts of a payments network, and every measure
of metrics.parquet, can be listed from the CLI (the accounts hold the betweenness there),
with a victim's account still shown by pseudonym."""

from __future__ import annotations

import io
import json
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from click.testing import CliRunner

from linkgraph.cli import cli

PAYMENTS = """date,payer_name,payer_iban,payee_name,payee_iban,amount,currency
2024-01-02,Ana Pop,RO49AAAA1B31007593840000,Ion Rusu,RO09BCYP0000001234567890,500,EUR
2024-01-03,Ion Rusu,RO09BCYP0000001234567890,Dan Popa,DE89370400440532013000,300,EUR
2024-01-04,Ion Rusu,RO09BCYP0000001234567890,Maria Lungu,GB29NWBK60161331926819,100,EUR
2024-01-05,Dan Popa,DE89370400440532013000,Vlad Cojocaru,FR1420041010050500013M02606,250,EUR
2024-01-06,Maria Lungu,GB29NWBK60161331926819,Vlad Cojocaru,FR1420041010050500013M02606,50,EUR
"""
PEOPLE = "name,role\nMaria Lungu,victim\nIon Rusu,suspect\n"
IBANS = {"Ana Pop": "RO49AAAA1B31007593840000", "Ion Rusu": "RO09BCYP0000001234567890",
         "Dan Popa": "DE89370400440532013000", "Maria Lungu": "GB29NWBK60161331926819",
         "Vlad Cojocaru": "FR1420041010050500013M02606"}  # fmt: skip


def _run(*args: str) -> str:
    out = CliRunner().invoke(cli, list(args))
    assert out.exit_code == 0, out.output + out.stderr
    return out.stdout


@pytest.fixture(scope="module")
def payments_case(tmp_path_factory) -> Path:
    """Payments and a person list marking a victim: drafts as suggested, ingest, resolve,
    analyze --directed."""
    folder = tmp_path_factory.mktemp("payments")
    case = folder / "case"
    for name, text in (("payments.csv", PAYMENTS), ("people.csv", PEOPLE)):
        path = folder / name
        path.write_text(text)
        mapping = folder / f"{name}.yaml"
        _run("mapping", "suggest", str(path), "-o", str(mapping))
        _run("ingest", str(path), "--mapping", str(mapping), "-o", str(case), "-q")
    _run("resolve", str(case), "-q")
    _run("analyze", str(case), "--directed", "-q")
    return case


def _reference() -> nx.DiGraph:
    """networkx on the same rows: payments between accounts, holder -> account."""
    g = nx.DiGraph()
    rows = pd.read_csv(io.StringIO(PAYMENTS))
    g.add_edges_from(zip(rows["payer_iban"], rows["payee_iban"], strict=True))
    for holder, iban in IBANS.items():
        g.add_edge(holder, iban)
    return g


def _listed(case: Path, *options: str) -> pd.DataFrame:
    return pd.DataFrame(json.loads(_run("analyze", str(case), "--directed", "--json", *options)))


def test_accounts_ranked_by_betweenness_as_networkx(payments_case: Path) -> None:
    table = _listed(payments_case, "--type", "account", "--top", "3")
    assert set(table["type"]) == {"account"}
    want = nx.betweenness_centrality(_reference())
    top = sorted((i for i in IBANS.values()), key=lambda a: -want[a])[:3]
    assert table["label"].iloc[0] == top[0] == IBANS["Ion Rusu"]
    shown = dict(zip(table["label"], table["betweenness_centrality"], strict=True))
    for iban, value in shown.items():
        if iban.startswith("Account-") or iban.startswith("Victim-"):
            continue
        assert value == pytest.approx(want[iban], abs=1e-9)
    # the default stays persons and organisations
    default = _listed(payments_case, "--top", "50")
    assert set(default["type"]) <= {"person", "organisation"}


def test_every_entity_and_every_measure(payments_case: Path) -> None:
    metrics = pd.read_parquet(payments_case / "metrics.parquet")
    table = _listed(payments_case, "--type", "all", "--columns", "all", "--top", "1000")
    assert len(table) == len(metrics) == 10  # 5 persons, 5 accounts
    assert set(metrics.columns) <= set(table.columns)
    assert {"in_strength", "out_strength", "closeness_centrality", "strength"} <= set(table)
    by_id = table.set_index("entity_id")
    stored = metrics.set_index("entity_id")
    assert by_id["out_degree"].to_dict() == stored["out_degree"].to_dict()
    ref = _reference()
    payers = {IBANS[p]: d for p, d in [("Ion Rusu", 2), ("Ana Pop", 1), ("Dan Popa", 1)]}
    for iban, paid in payers.items():
        row = by_id[by_id["label"] == iban]
        if len(row):  # (a victim's account is listed by pseudonym: checked below)
            assert row["out_degree"].iloc[0] == ref.out_degree(iban) == paid
    # --by and --columns: ranked by the measure, with the named columns
    csv = _run("analyze", str(payments_case), "--directed", "--csv", "--type", "account",
               "--by", "in_strength", "--columns", "in_degree,out_strength")  # fmt: skip
    ranked = pd.read_csv(io.StringIO(csv))
    assert list(ranked.columns) == ["entity_id", "label", "type", "in_strength", "community",
                                    "in_degree", "out_strength"]  # fmt: skip
    assert ranked["in_strength"].is_monotonic_decreasing


def test_a_victims_account_is_listed_by_pseudonym(payments_case: Path) -> None:
    table = _listed(payments_case, "--type", "all", "--columns", "all", "--top", "1000")
    text = json.dumps(table.to_dict("records"))
    assert "Maria Lungu" not in text
    assert IBANS["Maria Lungu"] not in text
    accounts = table[table["type"] == "account"]
    assert (~accounts["label"].isin(list(IBANS.values()))).sum() == 1  # hers, pseudonymised
    shown = _listed(payments_case, "--type", "account", "--top", "10", "--show-victims")
    assert IBANS["Maria Lungu"] in set(shown["label"])


def test_an_unknown_column_is_an_error_naming_the_known_ones(payments_case: Path) -> None:
    out = CliRunner().invoke(
        cli, ["analyze", str(payments_case), "--directed", "--columns", "strenght"]
    )
    assert out.exit_code != 0
    assert "unknown measure 'strenght'; did you mean 'strength'" in out.output
    assert "in_strength" in out.output  # the known columns are listed
    assert "Traceback" not in out.output


def test_payments_weighted_by_amount_as_docs_say(tmp_path: Path) -> None:
    """docs/concepts.md: mapping the amount as the link's weight too makes strength money
    (holdings weigh 1 a row): in_strength of an account = amounts received + the rows
    naming its holder."""
    path = tmp_path / "payments.csv"
    path.write_text(PAYMENTS)
    draft = tmp_path / "draft.yaml"
    _run("mapping", "suggest", str(path), "-o", str(draft))
    text = draft.read_text()
    assert "  amount: amount\n" in text
    draft.write_text(text.replace("  amount: amount\n", "  amount: amount\n  weight: amount\n"))
    case = tmp_path / "case"
    _run("ingest", str(path), "--mapping", str(draft), "-o", str(case), "-q")
    _run("resolve", str(case), "-q")
    table = _listed(case, "--type", "account", "--by", "in_strength", "--columns", "all")
    rows = pd.read_csv(io.StringIO(PAYMENTS))
    received = rows.groupby("payee_iban")["amount"].sum()
    # a holds_account link per row naming the account's holder, weighing 1 each
    held = pd.concat([rows["payer_iban"], rows["payee_iban"]]).value_counts()
    got = table.set_index("label")["in_strength"]
    for iban, amount in received.items():
        assert got[iban] == amount + held[iban], iban
