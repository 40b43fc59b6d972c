"""`--preset statement` reads the banks' own formats; a CSV statement it does not fit is
an error that says so, as the cdr preset's is, not an empty case of rejects."""

from __future__ import annotations

from linkgraph.model import Case
from tests.suggest_draft import run_cli

CSV_STATEMENT = (
    "Date,Description,Amount,Balance\n"
    "01/05/2024,ZELLE TO MARIA GARCIA,($1234.56),$3765.44\n"
    "01/06/2024,DEPOSIT ACME STAFFING LLC,$2500.00,$6265.44\n"
)

MT940 = (
    ":20:STMT1\r\n:25:DE89370400440532013000\r\n:28C:1/1\r\n:60F:C240101EUR1000,00\r\n"
    ":61:2401020102D100,00NTRFNONREF\r\n:86:?20Rent?30COBADEFFXXX?31DE44500105175407324931"
    "?32Anna Schmidt\r\n:62F:C240102EUR900,00\r\n-\r\n"
)


def test_a_csv_statement_is_refused_by_the_statement_preset(tmp_path):
    data = tmp_path / "activity.csv"
    data.write_text(CSV_STATEMENT, encoding="utf-8")
    out = tmp_path / "case"
    code, text = run_cli("ingest", str(data), "--preset", "statement", "-o", str(out))
    assert code != 0
    flat = " ".join(text.split())
    assert "a column the statement preset needs is missing from the file" in flat
    assert "it does not fit this file" in flat
    assert "linkgraph mapping suggest" in flat
    assert "Traceback" not in text
    assert not (out / "manifest.json").exists()


def test_an_mt940_statement_is_still_read_by_the_statement_preset(tmp_path):
    data = tmp_path / "konto.sta"
    data.write_text(MT940, encoding="utf-8")
    out = tmp_path / "case"
    code, text = run_cli("ingest", str(data), "--preset", "statement", "-o", str(out))
    assert code == 0, text
    paid = Case.load(out).links.query("kind == 'paid'")
    assert list(paid["amount"]) == [100.0]


def test_ingest_help_says_what_the_statement_preset_reads():
    code, text = run_cli("ingest", "--help")
    assert code == 0
    flat = " ".join(text.split())
    assert "`statement` reads the banks' own formats (camt XML, MT940, MT103)" in flat
