"""Self-loops (an entity linked to itself once resolution merged both ends) through
`linkgraph export`: i2 leaves them out of the chart and says so in the loss report; every
other format writes them without error."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from lxml import etree

from linkgraph.cli import cli

IBAN = "RO49AAAA1B31007593840000"
#: Row 1 is a transfer between one holder's own account (a self-loop once the two account
#: mentions are one entity); row 2 a transfer to someone else.
TRANSFERS = (
    "from_account,from_holder,to_account,to_holder,amount,currency,date\n"
    f"{IBAN},Ion Popescu,{IBAN},Ion Popescu,500,EUR,2024-03-01\n"
    f"{IBAN},Ion Popescu,DE89370400440532013000,Ana Weber,1200,EUR,2024-03-02\n"
)


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def case_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The transfers ingested, resolved and analysed: one paid self-loop on the account."""
    root = tmp_path_factory.mktemp("loops")
    (root / "tx.csv").write_text(TRANSFERS)
    case = root / "case"
    _run("ingest", str(root / "tx.csv"), "--preset", "transactions", "-o", str(case))
    _run("resolve", str(case))
    _run("analyze", str(case))
    return case


def test_i2_leaves_self_loops_out_and_reports_them(case_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "i2"
    output = _run("export", str(case_dir), "-f", "i2", "-o", str(out))
    # 4 entities; edges: holds x2, paid to Ana Weber (the self-loop paid is left out)
    root = etree.fromstring((out / "chart.anx").read_bytes())
    links = root.findall(".//ChartItem/Link")
    assert len(links) == 3
    assert all(link.get("End1Id") != link.get("End2Id") for link in links)
    csv_links = pd.read_csv(out / "links.csv")
    assert len(csv_links) == 3
    assert (csv_links["From Identity"] != csv_links["To Identity"]).all()
    report = json.loads((out / "loss_report.json").read_text())
    assert report["counts"] == {"entities": 4, "links": 3}
    loops = [i for i in report["losses"] if i["what"].startswith("links of an entity to itself")]
    assert len(loops) == 1
    assert loops[0]["values"] == 1
    assert "1 edge(s) (1 links: 1 paid)" in loops[0]["note"]
    assert "links of an entity to itself" in output


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "gexf", "graphml", "neo4j", "sqlite", "ftm"])
def test_other_formats_write_self_loops(case_dir: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / fmt
    _run("export", str(case_dir), "-f", fmt, "-o", str(out))
    if fmt == "csv":
        links = pd.read_csv(out / "links.csv")
        loop = links[links["src"] == links["dst"]]
        assert loop[["dst_label", "kind", "amount"]].values.tolist() == [[IBAN, "paid", 500.0]]
    elif fmt == "sqlite":
        with sqlite3.connect(out) as db:
            rows = db.execute("SELECT kind, amount FROM entity_links WHERE src = dst").fetchall()
        assert rows == [("paid", 500.0)]
    elif fmt == "neo4j":
        rels = pd.read_csv(out / "relationships.csv")
        assert len(rels[rels.iloc[:, 0] == rels.iloc[:, 1]]) == 1
    elif fmt in ("gexf", "graphml"):
        root = etree.parse(str(out)).getroot()
        edges = [e for e in root.iter() if etree.QName(e).localname == "edge"]
        assert len(edges) == 4
        assert sum(e.get("source") == e.get("target") for e in edges) == 1
    elif fmt == "ftm":
        payments = [json.loads(line) for line in out.read_text().splitlines()]
        payments = [p for p in payments if p["schema"] == "Payment"]
        own = [p for p in payments if p["properties"]["amount"] == ["500"]]
        assert own[0]["properties"]["payerAccount"] == own[0]["properties"]["beneficiaryAccount"]
    else:  # xlsx
        links = pd.read_excel(out, sheet_name="links")
        assert len(links[links["src"] == links["dst"]]) == 1
