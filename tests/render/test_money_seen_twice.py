"""A payment that two banks report (a bank's CSV and the partner's camt.053) is one
payment everywhere: the routes, the report's cross-border section, the map and the
exports count it once and list both rows; two equal payments in one file stay two."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from linkgraph.cli import cli

_DE, _RO, _UA = (
    "DE89370400440532013000",
    "RO49AAAA1B31007593840000",
    "UA213223130000026007233566001",
)

_CAMT = """<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
<BkToCstmrStmt><GrpHdr><MsgId>S</MsgId><CreDtTm>2023-03-31T00:00:00</CreDtTm></GrpHdr>
<Stmt><Id>S1</Id>
<Acct><Id><IBAN>{ro}</IBAN></Id><Ownr><Nm>Ion Popescu</Nm></Ownr></Acct>
<Ntry><Amt Ccy="EUR">3000.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
<BookgDt><Dt>2023-03-09</Dt></BookgDt>
<NtryDtls><TxDtls><RltdPties><Dbtr><Nm>Nova Trans GmbH</Nm></Dbtr>
<DbtrAcct><Id><IBAN>{de}</IBAN></Id></DbtrAcct></RltdPties></TxDtls></NtryDtls></Ntry>
</Stmt></BkToCstmrStmt></Document>
"""


def _cli(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def _case(tmp_path: Path) -> Path:
    # bank.csv: DE -> RO 3,000 EUR on 9 March (the camt.053 books it too) and RO -> UA
    # 200 EUR twice on 10 March (two payments: one file lists both).
    (tmp_path / "bank.csv").write_text(
        "date,from_account,from_name,to_account,to_name,amount,currency\n"
        f"2023-03-09,{_DE},Nova Trans GmbH,{_RO},Ion Popescu,3000.00,EUR\n"
        f"2023-03-10,{_RO},Ion Popescu,{_UA},Oleksandr Kovalenko,200.00,EUR\n"
        f"2023-03-10,{_RO},Ion Popescu,{_UA},Oleksandr Kovalenko,200.00,EUR\n",
        encoding="utf-8",
    )
    (tmp_path / "camt053.xml").write_text(_CAMT.format(ro=_RO, de=_DE), encoding="utf-8")
    case = tmp_path / "case"
    _cli("ingest", str(tmp_path / "bank.csv"), "--preset", "transactions", "-o", str(case), "-q")
    _cli("ingest", str(tmp_path / "camt053.xml"), "-o", str(case), "-q")
    _cli("resolve", str(case), "-q")
    _cli("analyze", str(case), "-q")
    return case


def _cross_border(html: str) -> str:
    section = html[html.index('id="cross-border"') :]
    return re.sub(r"<[^>]+>", " ", section[: section.index("</section>")])


def test_report_counts_a_payment_two_banks_report_once_as_routes_do(tmp_path):
    case = _case(tmp_path)
    routes = _cli("routes", str(case))
    assert re.search(r"DE\s+-\s+RO\s+0\s+0\s+0\s+0\s+1\s+3,000\.00 EUR", routes), routes
    assert re.search(r"RO\s+-\s+UA\s+0\s+0\s+0\s+0\s+2\s+400\.00 EUR", routes), routes
    _cli("report", str(case), "-o", str(tmp_path / "report.html"))
    text = " ".join(_cross_border((tmp_path / "report.html").read_text("utf-8")).split())
    assert re.search(r"DE → RO paid 1 .*? 3,000\.00 EUR 1 ", text), text
    assert re.search(r"RO → UA paid 2 .*? 400\.00 EUR 2 ", text), text
    assert "6,000.00" not in text


def test_map_and_exports_count_it_once_and_keep_both_rows(tmp_path):
    case = _case(tmp_path)
    _cli("render", str(case), "-o", str(tmp_path / "map.html"))
    html = (tmp_path / "map.html").read_text(encoding="utf-8")
    amounts = json.loads(re.search(r'"am":(\[[^\]]*\])', html).group(1))
    assert {"3000 EUR", "400 EUR"} <= set(amounts) or {"3000.0 EUR", "400.0 EUR"} <= set(amounts)
    _cli("export", str(case), "-f", "csv", "-o", str(tmp_path / "csv"))
    edges = pd.read_csv(tmp_path / "csv" / "links.csv")
    paid = edges[edges["kind"] == "paid"].sort_values("amount")
    assert paid[["count", "amount"]].values.tolist() == [[2, 400.0], [1, 3000.0]]
    assert json.loads(paid["source_rows"].iloc[1]) == ["bank.csv:1", "camt053.xml:1"]
