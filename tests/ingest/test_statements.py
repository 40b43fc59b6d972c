"""Bank statements in the formats banks send (ISO 20022 camt.053, SWIFT MT940) through
`linkgraph ingest` without a preset: the holder's account, each counterparty's account and
name, a `paid` link per transaction in the direction the money went, and a fee without a
counterparty rejected as `no_counterparty`."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case

OWN = "RO49AAAA1B31007593840000"
HANS = "DE89370400440532013000"
VASILE = "MD24AG000225100013104168"


def _camt(version: str = "053.001.08", party: str = "Pty") -> str:
    """A camt.053 statement of Dream Travel SRL's account: a credit from Hans Müller, a
    debit to Vasile Rusu, a fee without counterparty. ``party`` is "Pty" for the layout of
    version 08 and later (Dbtr/Pty/Nm), "" for the older one (Dbtr/Nm)."""

    def named(role: str, name: str, extra: str = "") -> str:
        inner = f"<Nm>{name}</Nm>{extra}"
        return (
            f"<{role}><{party}>{inner}</{party}></{role}>" if party else f"<{role}>{inner}</{role}>"
        )

    bic = "BICFI" if party else "BIC"
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.{version}">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>MSG-240307</MsgId><CreDtTm>2024-03-08T06:00:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>STMT-2024-03-07</Id>
      <Acct>
        <Id><IBAN>{OWN}</IBAN></Id>
        <Ccy>EUR</Ccy>
        <Ownr><Nm>Dream Travel SRL</Nm></Ownr>
        <Svcr><FinInstnId><{bic}>AAAARO22</{bic}></FinInstnId></Svcr>
      </Acct>
      <Ntry>
        <Amt Ccy="EUR">2500.00</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <BookgDt><Dt>2024-03-05</Dt></BookgDt>
        <ValDt><Dt>2024-03-04</Dt></ValDt>
        <AcctSvcrRef>B24030500001</AcctSvcrRef>
        <NtryDtls><TxDtls>
          <Refs><EndToEndId>INV-2024-17</EndToEndId></Refs>
          <RltdPties>
            {named("Dbtr", "Hans Müller", "<Id><PrvtId/></Id>")}
            <DbtrAcct><Id><IBAN>{HANS}</IBAN></Id></DbtrAcct>
          </RltdPties>
          <RltdAgts><DbtrAgt><FinInstnId><{bic}>COBADEFFXXX</{bic}></FinInstnId></DbtrAgt>
          </RltdAgts>
          <RmtInf><Ustrd>Invoice 2024-17</Ustrd><Ustrd>rent March</Ustrd></RmtInf>
        </TxDtls></NtryDtls>
      </Ntry>
      <Ntry>
        <Amt Ccy="EUR">1500.00</Amt>
        <CdtDbtInd>DBIT</CdtDbtInd>
        <BookgDt><Dt>2024-03-06</Dt></BookgDt>
        <NtryDtls><TxDtls>
          <RltdPties>
            {named("Cdtr", "Vasile Rusu")}
            <CdtrAcct><Id><IBAN>{VASILE}</IBAN></Id></CdtrAcct>
          </RltdPties>
          <RmtInf><Ustrd>Transport 3 persons</Ustrd></RmtInf>
        </TxDtls></NtryDtls>
      </Ntry>
      <Ntry>
        <Amt Ccy="EUR">15.50</Amt>
        <CdtDbtInd>DBIT</CdtDbtInd>
        <BookgDt><Dt>2024-03-07</Dt></BookgDt>
        <AddtlNtryInf>Monthly account fee</AddtlNtryInf>
      </Ntry>
    </Stmt>
  </BkToCstmrStmt>
</Document>
"""


#: An MT940 statement of the same account: a credit from a company (German structured :86:),
#: a debit to Vasile Rusu (SWIFT slash tags), a fee (free text).
MT940 = f"""{{1:F01AAAAROBBAXXX0000000000}}{{2:I940AAAAROBBXXXXN}}{{4:
:20:STMT240305
:25:{OWN}
:28C:42/1
:60F:C240304RON12500,00
:61:2403050305C2500,00NTRFNONREF//B24030500001
:86:166?00SEPA CREDIT TRANSFER?20SVWZ+Invoice 2024-17?21rent March?30COBADEFF?31{HANS}
?32Hans Muller GmbH
:61:2403060306D1500,00NTRFREF123//B24030600002
:86:/CNTP/{VASILE}/AGRNMD2X/Vasile Rusu///REMI/USTD//Transport 3 persons/
:61:2403070307D15,50NCHGNONREF//B24030700003
:86:Monthly account fee
:62F:C240307RON10984,50
-}}
"""


def _ingest(path: Path, *extra: str) -> Case:
    out = path.parent / "case"
    result = CliRunner().invoke(cli, ["ingest", str(path), "-o", str(out), *extra])
    assert result.exit_code == 0, result.output
    return Case.read(out)


def _paid(case: Case) -> list[tuple]:
    m = case.mentions.set_index("mention_id")
    paid = case.links[case.links["kind"] == "paid"].sort_values("row")
    return [
        (int(r.row), m.at[r.src, "account"], m.at[r.dst, "account"], float(r.amount), r.currency,
         r.time.strftime("%Y-%m-%d"), json.loads(r.attrs)["reference"])
        for r in paid.itertuples()
    ]  # fmt: skip


def _holders(case: Case) -> list[tuple]:
    m = case.mentions.set_index("mention_id")
    held = case.links[case.links["kind"] == "holds_account"]
    return sorted({(m.at[r.src, "type"], m.at[r.src, "name"], m.at[r.dst, "account"])
                   for r in held.itertuples()})  # fmt: skip


@pytest.mark.parametrize(("version", "party"), [("053.001.08", "Pty"), ("053.001.02", "")])
def test_camt053_statement_gives_accounts_holders_and_paid_links(
    tmp_path: Path, version: str, party: str
) -> None:
    path = tmp_path / "stmt.xml"
    path.write_text(_camt(version, party), encoding="utf-8")
    case = _ingest(path)
    assert case.manifest["inputs"][0]["format"] == "camt"
    assert case.manifest["inputs"][0]["preset"] == "statement"
    # credit: Hans Müller's account paid the holder's; debit: the holder paid Vasile Rusu
    assert _paid(case) == [
        (1, HANS, OWN, 2500.0, "EUR", "2024-03-05", "Invoice 2024-17 rent March"),
        (2, OWN, VASILE, 1500.0, "EUR", "2024-03-06", "Transport 3 persons"),
    ]
    assert _holders(case) == [
        ("organisation", "Dream Travel SRL", OWN),
        ("person", "Hans Müller", HANS),
        ("person", "Vasile Rusu", VASILE),
    ]
    attrs = json.loads(case.links[case.links["kind"] == "paid"].sort_values("row")["attrs"].iloc[0])
    assert attrs["value_date"] == "2024-03-04"
    assert attrs["end_to_end_id"] == "INV-2024-17"
    assert attrs["bank_reference"] == "B24030500001"
    banks = case.mentions.loc[case.mentions["account"] == HANS, "attrs"].map(json.loads)
    assert [a["bic"] for a in banks] == ["COBADEFFXXX"]
    rejects = case.rejects
    assert rejects[["row", "reason", "column"]].values.tolist() == [
        [3, "no_counterparty", "counterparty_account"]
    ]
    assert rejects["value"].iloc[0].startswith("-15.50 (amount)")


def test_mt940_statement_gives_the_same_links(tmp_path: Path) -> None:
    path = tmp_path / "stmt.sta"
    path.write_text(MT940, encoding="utf-8")
    case = _ingest(path)
    assert case.manifest["inputs"][0]["format"] == "mt940"
    # rows are the lines of each :61:
    assert _paid(case) == [
        (6, HANS, OWN, 2500.0, "RON", "2024-03-05", "Invoice 2024-17 rent March"),
        (9, OWN, VASILE, 1500.0, "RON", "2024-03-06", "Transport 3 persons"),
    ]
    assert _holders(case) == [
        ("organisation", "Hans Muller GmbH", HANS),
        ("person", "Vasile Rusu", VASILE),
    ]
    assert case.rejects[["row", "reason"]].values.tolist() == [[11, "no_counterparty"]]
    # MT940 names no holder: the own account is a mention on each transaction's row
    own = case.mentions[case.mentions["account"] == OWN]
    assert sorted(own["row"]) == [6, 9, 11]


def test_mt940_in_a_txt_file_is_told_by_its_tags(tmp_path: Path) -> None:
    path = tmp_path / "mt940.txt"
    path.write_text(MT940.split("{4:\n", 1)[1], encoding="utf-8")
    case = _ingest(path)
    assert len(_paid(case)) == 2


def test_suggest_names_the_reader_and_its_draft_ingests(tmp_path: Path) -> None:
    path = tmp_path / "stmt.camt053.xml"
    path.write_text(_camt(), encoding="utf-8")
    draft = tmp_path / "map.yaml"
    result = CliRunner().invoke(cli, ["mapping", "suggest", str(path), "-o", str(draft)])
    assert result.exit_code == 0, result.output
    text = draft.read_text()
    assert "camt.052/053/054 bank statement: read by the camt reader" in text
    case = _ingest(path, "--mapping", str(draft))
    assert len(_paid(case)) == 2


def test_the_transactions_preset_on_a_statement_says_which_preset_reads_it(
    tmp_path: Path,
) -> None:
    """A statement names its own reading: --preset (there for the command's tables) does
    not read it, and the summary says the statement preset did."""
    path = tmp_path / "stmt.sta"
    path.write_text(MT940, encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["ingest", str(path), "--preset", "transactions", "-o", str(tmp_path / "c")]
    )
    assert result.exit_code == 0, result.output
    assert "stmt.sta: " in result.output
    assert "read through the statement preset" in result.output
    assert len(_paid(Case.read(tmp_path / "c"))) >= 1


@pytest.mark.parametrize(
    ("name", "text", "said"),
    [
        ("evil.xml", '<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY a "aaaa">]>\n<Document '
         'xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">&a;</Document>',
         "declares entities"),
        ("cut.xml", _camt()[:900], "not well-formed XML at line"),
        ("bad.sta", f":20:X\n:25:{OWN}\n:60F:C240304RON1,00\n:61:garbage\n:62F:C240307RON1,00\n",
         "bad.sta, row 4: not a readable MT940 statement: its :61: value 'garbage'"),
    ],
)  # fmt: skip
def test_broken_statements_are_errors_naming_the_file(
    tmp_path: Path, name: str, text: str, said: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", str(path), "-o", str(tmp_path / "c")])
    assert result.exit_code == 1
    assert name in result.output
    assert said in result.output
    assert "Traceback" not in result.output


def test_a_batch_entry_gives_a_row_per_transaction(tmp_path: Path) -> None:
    batch = _camt().replace(
        "<NtryDtls><TxDtls>\n          <RltdPties>\n            <Cdtr>",
        f"""<NtryDtls><TxDtls><Amt Ccy="EUR">400.00</Amt><CdtDbtInd>DBIT</CdtDbtInd>
          <RltdPties><Cdtr><Pty><Nm>Ana Weber</Nm></Pty></Cdtr>
          <CdtrAcct><Id><IBAN>{HANS}</IBAN></Id></CdtrAcct></RltdPties>
          <RmtInf><Ustrd>Salary</Ustrd></RmtInf></TxDtls>
          <TxDtls><Amt Ccy="EUR">1100.00</Amt><CdtDbtInd>DBIT</CdtDbtInd>
          <RltdPties>
            <Cdtr>""",
    )
    path = tmp_path / "batch.xml"
    path.write_text(batch, encoding="utf-8")
    case = _ingest(path)
    paid = _paid(case)
    assert [p[:4] for p in paid] == [
        (1, HANS, OWN, 2500.0),
        (2, OWN, HANS, 400.0),
        (3, OWN, VASILE, 1100.0),
    ]
    entries = case.links[case.links["kind"] == "paid"].sort_values("row")["attrs"]
    assert [json.loads(a)["entry"] for a in entries] == ["1", "2/1", "2/2"]
    assert pd.Series(case.rejects["row"]).tolist() == [4]


def test_a_german_mt940_account_is_its_iban_and_a_signed_balance_is_read(tmp_path: Path) -> None:
    """:25: as bank code / account number is the account's IBAN (DE89 3704 0044 0532 0130
    00, as the bank's camt statement names it); a closing balance written -250,00 does not
    stop the reading."""
    path = tmp_path / "umsatz.sta"
    path.write_text(
        ":20:STARTUMS\n:25:37040044/0532013000\n:28C:00001/001\n:60F:C240301EUR1000,00\n"
        ":61:2403050305D1500,00NTRFNONREF//123456\n"
        f":86:166?00SEPA UEBERWEISUNG?20Miete Maerz?31{OWN}?32Vasile Rusu\n"
        ":62F:C240331EUR-500,00\n-\n",
        encoding="utf-8",
    )
    case = _ingest(path)
    assert _paid(case) == [(5, HANS, OWN, 1500.0, "EUR", "2024-03-05", "Miete Maerz")]


#: An MT940 statement whose :86: lines are free text: a debit to Mihaela Rusu with her
#: IBAN inside the text, one with the IBAN written in groups of four after a label, one
#: naming an IBAN whose check digits are wrong, and a debit naming only a person. Its
#: closing balance leaves 500,00 unexplained (a line missing).
MT940_FREE_TEXT = f"""\
:20:STMTFREE
:25:{OWN}
:28C:7/1
:60F:C240301EUR20000,00
:61:2403020302D150,00NTRFNONREF//B1
:86:MIHAELA RUSU {VASILE} RENT
:61:2403030303D200,00NTRFNONREF//B2
:86:Ion Popa, IBAN: DE89 3704 0044 0532 0130 00 rent march
:61:2403040304D300,00NTRFNONREF//B3
:86:TRANSFER TO DE89370400440532013001
:61:2403050305D12500,00NTRFNONREF//B4
:86:GHEORGHE LUNGU
:62F:C240307EUR6350,00
-
"""


def test_mt940_free_text_iban_is_the_counterparty_and_a_line_without_one_a_reject(
    tmp_path: Path,
) -> None:
    path = tmp_path / "free.sta"
    path.write_text(MT940_FREE_TEXT, encoding="utf-8")
    case = _ingest(path)
    assert [p[:4] for p in _paid(case)] == [(5, OWN, VASILE, 150.0), (7, OWN, HANS, 200.0)]
    assert _holders(case) == [("person", "Ion Popa", HANS), ("person", "MIHAELA RUSU", VASILE)]
    rejected = case.rejects[["row", "reason"]].values.tolist()
    assert rejected == [[9, "no_counterparty"], [11, "no_counterparty"]]
    assert case.rejects.sort_values("row")["value"].iloc[1].startswith("-12500.00 (amount)")


def test_mt940_balances_that_do_not_add_up_are_a_warning_naming_the_statement(
    tmp_path: Path,
) -> None:
    path = tmp_path / "free.sta"
    path.write_text(MT940_FREE_TEXT, encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", str(path), "-o", str(tmp_path / "case")])
    assert result.exit_code == 0, result.output
    flat = " ".join(result.output.split())
    assert (
        "MT940 statement STMTFREE 7/1: the opening balance 20000.00 EUR and its 4 lines"
        " (-13150.00) make 6850.00, but the closing balance is 6350.00 EUR: lines may be"
        " missing" in flat
    )
    balanced = MT940_FREE_TEXT.replace("C240307EUR6350,00", "C240307EUR6850,00")
    path.write_text(balanced, encoding="utf-8")
    again = CliRunner().invoke(cli, ["ingest", str(path), "-o", str(tmp_path / "case2")])
    assert again.exit_code == 0, again.output
    assert "closing balance" not in again.output
