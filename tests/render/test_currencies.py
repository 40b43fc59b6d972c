"""Money in several currencies is never added up across them: the graph's edges, the map,
the report's cross-border section, the routes and the exports. Through the CLI, with
hand-computed totals, and the same transfer seen in two banks' files counted once."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.graph_cache import case_graph
from linkgraph.model import Case

_HEAD = "from_account,from_name,to_account,to_name,amount,currency,date\n"
_DE, _RO = "DE89370400440532013000", "RO49AAAA1B31007593840000"
_MD = "MD24AG000225100013104168"


def _cli(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def _case(tmp_path: Path) -> Path:
    # DE -> RO: 1,500 EUR and 2,000 EUR (same pair, one currency), RO -> MD: 100 EUR and
    # 2,000.50 MDL (same pair, two currencies); bank_b repeats bank_a's first transfer.
    (tmp_path / "bank_a.csv").write_text(
        _HEAD
        + f"{_DE},Max Mueller,{_RO},Vasile Rusu,1500,EUR,2024-03-04\n"
        + f"{_DE},Max Mueller,{_RO},Vasile Rusu,2000,EUR,2024-03-05\n"
        + f"{_RO},Vasile Rusu,{_MD},Elena Ceban,100,EUR,2024-03-06\n"
        + f"{_RO},Vasile Rusu,{_MD},Elena Ceban,2000.50,MDL,2024-03-07\n",
        encoding="utf-8",
    )
    (tmp_path / "bank_b.csv").write_text(
        _HEAD + f"{_DE},Max Mueller,{_RO},Vasile Rusu,1500,EUR,2024-03-04\n", encoding="utf-8"
    )
    case = tmp_path / "case"
    _cli("ingest", str(tmp_path / "bank_a.csv"), str(tmp_path / "bank_b.csv"),
         "--preset", "transactions", "-o", str(case), "-q")  # fmt: skip
    _cli("resolve", str(case), "-q")
    _cli("analyze", str(case), "-q")
    return case


def test_edges_add_up_one_currency_and_say_mixed_for_several(tmp_path):
    case = _case(tmp_path)
    edges = case_graph(Case.load(case), case).edges
    paid = edges[edges["kind"] == "paid"].set_index("currency")
    # bank_b's row is bank_a's first transfer again: counted once, its row listed
    assert paid.loc["EUR", "amount"] == 1500 + 2000
    assert paid.loc["EUR", "count"] == 2
    assert "bank_b.csv" in paid.loc["EUR", "rows"]
    assert paid.loc["mixed", "amount"] != paid.loc["mixed", "amount"]  # NaN: not added


def test_report_and_routes_total_per_currency(tmp_path):
    case = _case(tmp_path)
    report = tmp_path / "report.html"
    _cli("report", str(case), "-o", str(report))
    html = report.read_text(encoding="utf-8")
    section = html[html.index('id="cross-border"') :][:6000]
    assert "3,500.00 EUR" in section  # DE -> RO: the transfer both banks report once
    assert "5,000.00" not in section
    assert "1 link(s) in mixed currencies" in section  # RO -> MD: never 2,100.50
    assert "2,100.50" not in section
    out = _cli("routes", str(case))
    # routes count the transfer both banks report once: 1,500 + 2,000 EUR
    assert re.search(r"DE\s+-\s+RO\s+0\s+0\s+0\s+0\s+2\s+3,500\.00 EUR", out), out
    assert "2,000.50 MDL" in out
    assert "100.00 EUR" in out


def test_map_and_exports_carry_the_currency(tmp_path):
    case = _case(tmp_path)
    _cli("render", str(case), "-o", str(tmp_path / "map.html"))
    html = (tmp_path / "map.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'"am":(\[[^\]]*\])', html).group(1))
    assert "mixed currencies" in data
    assert "3500.0 EUR" in data or "3500 EUR" in data
    _cli("export", str(case), "-f", "gexf", "-o", str(tmp_path / "case.gexf"))
    gexf = (tmp_path / "case.gexf").read_text(encoding="utf-8")
    assert 'title="currency"' in gexf
    assert 'value="mixed"' in gexf
