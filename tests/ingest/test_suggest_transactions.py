"""`mapping suggest` on the public anti-money-laundering benchmarks' transaction tables
(IBM AMLSim, IBM AMLworld, PaySim, SAML-D, the Berka/PKDD'99 Czech bank) and a headerless
network edge list: the draft, ingested unedited through the CLI, gives a `paid` link from
the payer's account to the payee's with the amount, currency and time hand-computed from
the rows, keeps the fraud labels, and accounts for every row."""

from __future__ import annotations

import json
import tarfile
from pathlib import Path

import pandas as pd
import pytest
import yaml
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case

SHARED = Path("/work/shared/datasets")


def _cli(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def _suggest_and_ingest(data: Path, tmp: Path) -> tuple[dict, Case, str]:
    draft = tmp / f"{data.name}.yaml"
    _cli("mapping", "suggest", str(data), "-o", str(draft))
    case_dir = tmp / f"case_{data.stem}"
    summary = _cli("ingest", str(data), "--mapping", str(draft), "-o", str(case_dir))
    return yaml.safe_load(draft.read_text(encoding="utf-8")), Case.load(case_dir), summary


def _paid(case: Case) -> list[tuple]:
    """(src label, dst label, amount, currency, ISO time or None, attrs) of each paid link,
    in row order."""
    label = dict(zip(case.mentions["mention_id"], case.mentions["label"], strict=True))
    links = case.links[case.links["kind"] == "paid"].sort_values("row")
    out = []
    for r in links.itertuples():
        time = None if pd.isna(r.time) else r.time.strftime("%Y-%m-%d %H:%M")
        currency = None if pd.isna(r.currency) else r.currency
        attrs = json.loads(r.attrs) if isinstance(r.attrs, str) else {}
        out.append((label[r.src], label[r.dst], r.amount, currency, time, attrs))
    return out


def _rows_accounted(case: Case, rows: int) -> None:
    """Every data row made a link, or is a reject of the case."""
    linked = set(case.links["row"].astype(int))
    rejected = set(case.rejects["row"].dropna().astype(int))
    assert linked | rejected == set(range(1, rows + 1))


def test_amlworld_accounts_with_their_banks_and_currency_names(tmp_path):
    data = tmp_path / "HI-Small_Trans.csv"
    data.write_text(
        "Timestamp,From Bank,Account,To Bank,Account,Amount Received,Receiving Currency,"
        "Amount Paid,Payment Currency,Payment Format,Is Laundering\n"
        "2022/09/01 00:20,010,8000EBD30,010,8000EBD30,3697.34,US Dollar,3697.34,US Dollar,"
        "Reinvestment,0\n"
        "2022/09/01 00:26,12,8000EC280,2439,8017BF800,7.66,US Dollar,7.66,US Dollar,"
        "Credit Card,0\n"
        "2022/09/02 14:11,70,100428660,1124,800825340,8546.08,Yuan,8546.08,Yuan,ACH,1\n"
        "2022/09/03 09:45,11,8001A2D00,20,80020C6D0,0.0122,Bitcoin,0.0122,Bitcoin,Bitcoin,0\n"
        "2022/09/03 09:50,20,80020C6D0,12,8000EC280,1200.00,Euro,1308.50,US Dollar,Wire,1\n"
        # the same account number at another bank is another account
        "2022/09/04 10:00,99,8000EC280,12,8000EC280,50.00,UK Pound,50.00,UK Pound,Cash,0\n",
        encoding="utf-8",
    )
    mapping, case, _ = _suggest_and_ingest(data, tmp_path)
    assert mapping["links"][0]["amount"] == "Amount Paid"
    attrs = {"amount_received", "receiving_currency", "payment_format", "is_laundering"}
    paid = _paid(case)
    assert [p[:5] for p in paid] == [
        ("010:8000EBD30", "010:8000EBD30", 3697.34, "USD", "2022-09-01 00:20"),
        ("12:8000EC280", "2439:8017BF800", 7.66, "USD", "2022-09-01 00:26"),
        ("70:100428660", "1124:800825340", 8546.08, "CNY", "2022-09-02 14:11"),
        ("11:8001A2D00", "20:80020C6D0", 0.0122, "BTC", "2022-09-03 09:45"),
        ("20:80020C6D0", "12:8000EC280", 1308.50, "USD", "2022-09-03 09:50"),
        ("99:8000EC280", "12:8000EC280", 50.0, "GBP", "2022-09-04 10:00"),
    ]
    assert all(set(p[5]) == attrs for p in paid)
    assert [p[5]["is_laundering"] for p in paid] == ["0", "0", "1", "0", "1", "0"]
    assert paid[4][5]["amount_received"] == "1200.00"
    assert case.rejects.empty
    _rows_accounted(case, 6)


def test_paysim_steps_are_no_time_and_the_labels_are_kept(tmp_path):
    data = tmp_path / "paysim.csv"
    data.write_text(
        "step,type,amount,nameOrig,oldbalanceOrg,newbalanceOrig,nameDest,oldbalanceDest,"
        "newbalanceDest,isFraud,isFlaggedFraud\n"
        "1,PAYMENT,9839.64,C1231006815,170136.0,160296.36,M1979787155,0.0,0.0,0,0\n"
        "1,TRANSFER,181.0,C1305486145,181.0,0.0,C553264065,0.0,0.0,1,0\n"
        "1,CASH_OUT,181.0,C840083671,181.0,0.0,C38997010,21182.0,0.0,1,0\n"
        "2,DEBIT,5337.77,C712410124,41720.0,36382.23,C195600860,41898.0,40348.79,0,0\n"
        "743,CASH_IN,143236.26,C1862994526,0.0,143236.26,C1029172311,608932.17,97263.78,0,0\n",
        encoding="utf-8",
    )
    mapping, case, _ = _suggest_and_ingest(data, tmp_path)
    assert "time" not in mapping["links"][0]
    paid = _paid(case)
    assert [p[:5] for p in paid] == [
        ("C1231006815", "M1979787155", 9839.64, None, None),
        ("C1305486145", "C553264065", 181.0, None, None),
        ("C840083671", "C38997010", 181.0, None, None),
        ("C712410124", "C195600860", 5337.77, None, None),
        ("C1862994526", "C1029172311", 143236.26, None, None),
    ]
    assert [(p[5]["step"], p[5]["type"], p[5]["is_fraud"]) for p in paid] == [
        ("1", "PAYMENT", "0"),
        ("1", "TRANSFER", "1"),
        ("1", "CASH_OUT", "1"),
        ("2", "DEBIT", "0"),
        ("743", "CASH_IN", "0"),
    ]
    assert paid[1][5]["is_flagged_fraud"] == "0"
    assert set(case.mentions["type"]) == {"account"}
    assert case.rejects.empty
    _rows_accounted(case, 5)


def test_saml_d_joins_date_and_time_and_reads_currency_names(tmp_path):
    data = tmp_path / "SAML-D.csv"
    data.write_text(
        "Time,Date,Sender_account,Receiver_account,Amount,Payment_currency,Received_currency,"
        "Sender_bank_location,Receiver_bank_location,Payment_type,Is_laundering,"
        "Laundering_type\n"
        "10:35:19,2022-10-07,8724731955,2769355426,1459.15,UK pounds,UK pounds,UK,UK,"
        "Cash Deposit,0,Normal_Cash_Deposits\n"
        "10:35:20,2022-10-07,1491989064,8401255335,6019.64,UK pounds,Dirham,UK,UAE,"
        "Cross-border,0,Normal_Fan_Out\n"
        "23:59:01,2022-10-08,8974559268,3143547511,5130.99,Euro,Euro,Spain,Spain,ACH,1,"
        "Layered_Fan_Out\n",
        encoding="utf-8",
    )
    _, case, _ = _suggest_and_ingest(data, tmp_path)
    paid = _paid(case)
    assert [p[:5] for p in paid] == [
        ("8724731955", "2769355426", 1459.15, "GBP", "2022-10-07 10:35"),
        ("1491989064", "8401255335", 6019.64, "GBP", "2022-10-07 10:35"),
        ("8974559268", "3143547511", 5130.99, "EUR", "2022-10-08 23:59"),
    ]
    assert [(p[5]["is_laundering"], p[5]["laundering_type"]) for p in paid] == [
        ("0", "Normal_Cash_Deposits"),
        ("0", "Normal_Fan_Out"),
        ("1", "Layered_Fan_Out"),
    ]
    assert paid[1][5]["receiver_bank_location"] == "UAE"
    assert paid[1][5]["received_currency"] == "Dirham"
    _rows_accounted(case, 3)


def test_amlsim_counterparty_table_with_simulation_steps(tmp_path):
    data = tmp_path / "tx.csv"
    data.write_text(
        "TXN_ID,ACCOUNT_ID,COUNTER_PARTY_ACCOUNT_NUM,TXN_SOURCE_TYPE_CODE,tx_count,"
        "TXN_AMOUNT_ORIG,start,end\n"
        "2,15,25,CHECK,1,125.05,1,1\n"
        "4,21,25,CREDIT,1,172.97,2,2\n"
        "10,4,26,WIRE,1,151.13,3,3\n"
        "11,26,20,DEPOSIT,1,143.41,3,3\n",
        encoding="utf-8",
    )
    _, case, summary = _suggest_and_ingest(data, tmp_path)
    paid = _paid(case)
    assert [p[:5] for p in paid] == [
        ("15", "25", 125.05, None, None),
        ("21", "25", 172.97, None, None),
        ("4", "26", 151.13, None, None),
        ("26", "20", 143.41, None, None),
    ]
    assert paid[1][5] == {
        "txn_id": "4",
        "txn_source_type_code": "CREDIT",
        "tx_count": "1",
        "start": "2",
        "end": "2",
    }
    assert "time_invalid" not in summary
    assert case.rejects.empty
    _rows_accounted(case, 4)


def test_node_ids_and_a_step_named_time(tmp_path):
    data = tmp_path / "transactions.csv"
    data.write_text(
        "sourceNodeId,targetNodeId,value,time\n216,14730,163.3,1\n322,5431,143.11,1\n"
        "14730,216,12.5,17\n",
        encoding="utf-8",
    )
    _, case, _ = _suggest_and_ingest(data, tmp_path)
    paid = _paid(case)
    assert [p[:5] for p in paid] == [
        ("216", "14730", 163.3, None, None),
        ("322", "5431", 143.11, None, None),
        ("14730", "216", 12.5, None, None),
    ]
    assert [p[5] for p in paid] == [{"time_step": "1"}, {"time_step": "1"}, {"time_step": "17"}]
    _rows_accounted(case, 3)


def test_berka_statement_rows_take_their_direction_from_the_type(tmp_path):
    data = tmp_path / "trans.asc"
    data.write_text(
        '"trans_id";"account_id";"date";"type";"operation";"amount";"balance";"k_symbol";'
        '"bank";"account"\n'
        '695247;2378;930101;"PRIJEM";"VKLAD";700;700;"";"";\n'
        '3592616;12212;930103;"VYDAJ";"PREVOD NA UCET";3658;27382.6;"POJISTNE";"YZ";"65547802"\n'
        '3592617;12212;930110;"PRIJEM";"PREVOD Z UCTU";5123;32505.6;"DUCHOD";"AB";"42190812"\n'
        '771035;2632;930111;"VYDAJ";"VYBER";1800;11200;"";"";\n'
        '1049882;3592;981231;"VYDAJ";"PREVOD NA UCET";2452;12880;"SIPO";"CD";"91285613"\n',
        encoding="utf-8",
    )
    _, case, summary = _suggest_and_ingest(data, tmp_path)
    paid = _paid(case)
    assert [p[:5] for p in paid] == [
        ("12212", "YZ:65547802", 3658.0, None, "1993-01-03 00:00"),
        ("AB:42190812", "12212", 5123.0, None, "1993-01-10 00:00"),  # PRIJEM: money in
        ("3592", "CD:91285613", 2452.0, None, "1998-12-31 00:00"),
    ]
    assert paid[0][5]["k_symbol"] == "POJISTNE"
    # the deposit and the cash withdrawal have no counterparty: rejects, with the reason
    rejects = case.rejects
    assert sorted(rejects["row"].astype(int)) == [1, 4]
    assert set(rejects["reason"]) == {"no_counterparty"}
    assert "no_counterparty: 2" in summary
    _rows_accounted(case, 5)


def test_headerless_edge_list_is_drafted_for_the_edgelist_preset(tmp_path):
    data = tmp_path / "Data.txt"
    data.write_text("0 1\n0 2\n0 10\n1 2\n2 10\n", encoding="utf-8")
    mapping, case, _ = _suggest_and_ingest(data, tmp_path)
    assert mapping["format"] == "edgelist"
    label = dict(zip(case.mentions["mention_id"], case.mentions["label"], strict=True))
    pairs = {
        (label[s], label[d]) for s, d in zip(case.links["src"], case.links["dst"], strict=True)
    }
    assert pairs == {("0", "1"), ("0", "2"), ("0", "10"), ("1", "2"), ("2", "10")}


def test_a_time_of_years_or_clock_hours_is_still_a_time(tmp_path):
    data = tmp_path / "payments.csv"
    data.write_text(
        "Sender Account,Receiver Account,Amount,Date,Time\n"
        "RO49AAAA1B31007593840000,MD24AG000225100013104168,100,2024-03-01,0930\n"
        "MD24AG000225100013104168,RO49AAAA1B31007593840000,50,2024-03-02,1415\n",
        encoding="utf-8",
    )
    mapping, _, _ = _suggest_and_ingest(data, tmp_path)
    assert mapping["links"][0]["time"] == {"columns": ["Date", "Time"], "join": " "}


@pytest.mark.skipif(
    not (SHARED / "amlsim_ibm").is_dir(),
    reason="the AMLSim sample is not on this machine (/work/shared/datasets/amlsim_ibm)",
)
def test_the_real_amlsim_sample(tmp_path):
    tx = SHARED / "amlsim_ibm" / "sample_outputs" / "tx.csv"
    rows = pd.read_csv(tx, dtype=str)
    _, case, summary = _suggest_and_ingest(tx, tmp_path)
    paid = _paid(case)
    assert [(p[0], p[1], p[2]) for p in paid] == [
        (a, b, float(m))
        for a, b, m in zip(
            rows["ACCOUNT_ID"],
            rows["COUNTER_PARTY_ACCOUNT_NUM"],
            rows["TXN_AMOUNT_ORIG"],
            strict=True,
        )
    ]
    assert "time_invalid" not in summary
    assert case.rejects.empty
    with tarfile.open(SHARED / "amlsim_ibm" / "20K_fanin200cycle200.tgz") as archive:
        archive.extractall(tmp_path, filter="data")
    edges = tmp_path / "20K_fanin200cycle200" / "transactions.csv"
    head = tmp_path / "head.csv"
    head.write_text("".join(edges.open(encoding="utf-8").readlines()[:201]), encoding="utf-8")
    expected = pd.read_csv(head, dtype=str)
    _, case, _ = _suggest_and_ingest(head, tmp_path)
    assert [(p[0], p[1], p[2], p[5]["time_step"]) for p in _paid(case)] == [
        (a, b, float(v), t)
        for a, b, v, t in zip(
            expected["sourceNodeId"],
            expected["targetNodeId"],
            expected["value"],
            expected["time"],
            strict=True,
        )
    ]


def test_the_transactions_preset_knows_the_benchmarks_account_columns(tmp_path):
    data = tmp_path / "paysim.csv"
    data.write_text(
        "step,type,amount,nameOrig,oldbalanceOrg,newbalanceOrig,nameDest,oldbalanceDest,"
        "newbalanceDest,isFraud,isFlaggedFraud\n"
        "1,TRANSFER,181.0,C1305486145,181.0,0.0,C553264065,0.0,0.0,1,0\n"
        "2,PAYMENT,9839.64,C1231006815,170136.0,160296.36,M1979787155,0.0,0.0,0,0\n",
        encoding="utf-8",
    )
    case_dir = tmp_path / "case"
    _cli("ingest", str(data), "--preset", "transactions", "-o", str(case_dir))
    paid = _paid(Case.load(case_dir))
    assert [(p[0], p[1], p[2], p[5]["is_fraud"], p[5]["type"]) for p in paid] == [
        ("C1305486145", "C553264065", 181.0, "1", "TRANSFER"),
        ("C1231006815", "M1979787155", 9839.64, "0", "PAYMENT"),
    ]
