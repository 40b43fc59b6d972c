"""`mapping suggest` on the account tables an AML export has beside its transactions
(IBM AMLSim's accounts.csv, cash_tx.csv, alerts.csv and the 20K sample's nodes.csv): the
draft, ingested unedited through the CLI, gives each account by the id the transactions
use, its customer holding it, cash at a branch as a paid link in the direction the cash
went, and alerts as events; `linkgraph resolve` joins the files' accounts."""

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


def _suggest_and_ingest(data: Path, case_dir: Path) -> dict:
    draft = data.with_suffix(".yaml")
    _cli("mapping", "suggest", str(data), "-o", str(draft))
    _cli("ingest", str(data), "--mapping", str(draft), "-o", str(case_dir))
    return yaml.safe_load(draft.read_text(encoding="utf-8"))


def _mentions(case: Case, etype: str) -> list[tuple]:
    """(label, country, attrs) of each mention of ``etype``, in row order."""
    m = case.mentions[case.mentions["type"] == etype].sort_values("row")
    return [
        (
            r.label,
            r.country if isinstance(r.country, str) else None,
            json.loads(r.attrs) if isinstance(r.attrs, str) else {},
        )
        for r in m.itertuples()
    ]


def _links(case: Case, kind: str) -> list[tuple]:
    """(src label, dst label, amount) of each link of ``kind``, in row order."""
    label = dict(zip(case.mentions["mention_id"], case.mentions["label"], strict=True))
    links = case.links[case.links["kind"] == kind].sort_values(["row", "src"])
    return [
        (label[r.src], label[r.dst], None if pd.isna(r.amount) else r.amount)
        for r in links.itertuples()
    ]


ACCOUNTS = (
    (
        "ACCOUNT_ID,PRIMARY_CUSTOMER_ID,init_balance,start,end,country,business,suspicious,"
        "isFraud,modelID\n"
    )
    + """0,C_0,184.44,1,50,US,I,False,false,0
1,C_1,175.80,1,50,JP,I,True,true,1
2,C_2,142.06,1,50,US,I,False,false,0
"""
)


def test_an_account_register_drafts_each_customer_holding_its_account(tmp_path: Path) -> None:
    data = tmp_path / "accounts.csv"
    data.write_text(ACCOUNTS, encoding="utf-8")
    draft = _suggest_and_ingest(data, tmp_path / "case")
    assert "case" not in draft["entities"]  # the customer id is no 'case' event
    assert draft["entities"]["customer"]["type"] == "person"  # business I: individuals
    case = Case.load(tmp_path / "case")
    accounts = _mentions(case, "account")
    assert [(a[0], a[1]) for a in accounts] == [("0", "US"), ("1", "JP"), ("2", "US")]
    assert accounts[1][2] == {
        "init_balance": "175.80", "start": "1", "end": "50", "suspicious": "True",
        "is_fraud": "true", "model_id": "1",
    }  # fmt: skip
    customers = _mentions(case, "person")
    assert [c[0] for c in customers] == ["C_0", "C_1", "C_2"]
    assert customers[0][2] == {"customer_id": "C_0", "customer_type": "I"}
    assert _links(case, "holds_account") == [("C_0", "0", None), ("C_1", "1", None),
                                             ("C_2", "2", None)]  # fmt: skip
    assert case.mentions["type"].value_counts().to_dict() == {"account": 3, "person": 3}


def test_business_customers_are_organisations(tmp_path: Path) -> None:
    data = tmp_path / "accounts.csv"
    data.write_text(
        "ACCOUNT_ID,PRIMARY_CUSTOMER_ID,country,business\n7,C_7,US,B\n8,C_8,GB,B\n",
        encoding="utf-8",
    )
    draft = _suggest_and_ingest(data, tmp_path / "case")
    assert draft["entities"]["customer"]["type"] == "organisation"
    case = Case.load(tmp_path / "case")
    assert _links(case, "holds_account") == [("C_7", "7", None), ("C_8", "8", None)]


CASH = """TXN_ID,ACCOUNT_ID,BRANCH_ID,TXN_SOURCE_TYPE_CODE,tx_count,TXN_AMOUNT_ORIG,RUN_DATE,end
1,0,11,CASH-OUT,1,99.87,1,1
3,0,12,CASH-OUT,1,44.99,2,2
9,5,11,CASH-IN,1,120.00,3,3
"""


def test_cash_at_a_branch_is_paid_between_account_and_branch(tmp_path: Path) -> None:
    data = tmp_path / "cash_tx.csv"
    data.write_text(CASH, encoding="utf-8")
    draft = _suggest_and_ingest(data, tmp_path / "case")
    assert draft["entities"]["branch"]["type"] == "organisation"
    case = Case.load(tmp_path / "case")
    assert not (case.mentions["type"] == "person").any()  # CASH-OUT is nobody's name
    # a withdrawal: the account pays the branch; a deposit: the branch pays the account
    assert _links(case, "paid") == [("0", "11", 99.87), ("0", "12", 44.99), ("11", "5", 120.0)]
    attrs = json.loads(case.links.sort_values("row")["attrs"].iloc[0])
    assert attrs == {"txn_id": "1", "tx_count": "1", "run_date": "1", "end": "1"}
    assert case.rejects.empty


ALERTS = (
    (
        "ALERT_KEY,ALERT_TEXT,ACCOUNT_ID,CUSTOMER_ID,EVENT_DATE,CHECK_NAME,Organization_Type,"
        "Escalated_To_Case_Investigation\n"
    )
    + """0,1,25,25,20170218,cycle,INDIVIDUAL,YES
1,1,24,24,20170128,fan_in,INDIVIDUAL,NO
"""
)


def test_alerts_are_events_on_an_account_and_its_customer(tmp_path: Path) -> None:
    data = tmp_path / "alerts.csv"
    data.write_text(ALERTS, encoding="utf-8")
    _suggest_and_ingest(data, tmp_path / "case")
    case = Case.load(tmp_path / "case")
    types = case.mentions["type"].value_counts().to_dict()
    assert types == {"account": 2, "person": 2, "event": 2}  # no 'cycle' person, no org
    events = case.mentions[case.mentions["type"] == "event"].sort_values("row")
    assert events["identifier"].tolist() == ["alerts.csv:0", "alerts.csv:1"]
    assert [str(t)[:10] for t in events["time"]] == ["2017-02-18", "2017-01-28"]
    assert json.loads(events["attrs"].iloc[0]) == {
        "alert_text": "1", "check_name": "cycle", "escalated_to_case_investigation": "YES",
    }  # fmt: skip
    assert _links(case, "holds_account") == [("25", "25", None), ("24", "24", None)]
    involved = _links(case, "involved_in")
    assert sorted(involved) == sorted(
        [("25", "alerts.csv:0", None)] * 2 + [("24", "alerts.csv:1", None)] * 2
    )


NODES = "nodeid,isFraud,init_balance,fraudStep\n0,0,10.5,-1\n1,1,20.0,12\n2,0,30.0,-1\n"
EDGES = "sourceNodeId,targetNodeId,value,time\n0,1,5.0,1\n1,2,7.5,2\n"


def test_a_node_list_is_the_accounts_of_the_transactions_beside_it(tmp_path: Path) -> None:
    nodes, edges = tmp_path / "nodes.csv", tmp_path / "transactions.csv"
    nodes.write_text(NODES, encoding="utf-8")
    edges.write_text(EDGES, encoding="utf-8")
    case_dir = tmp_path / "case"
    _suggest_and_ingest(nodes, case_dir)
    _suggest_and_ingest(edges, case_dir)
    _cli("resolve", str(case_dir))
    case = Case.load(case_dir)
    listed = case.mentions[case.mentions["source"] == "nodes.csv"].sort_values("row")
    assert listed["identifier"].tolist() == ["0", "1", "2"]
    assert json.loads(listed["attrs"].iloc[1]) == {
        "is_fraud": "1", "init_balance": "20.0", "fraud_step": "12",
    }  # fmt: skip
    m = case.mentions.merge(case.resolution, on="mention_id")
    m = m[m["type"] == "account"]
    assert m["entity_id"].nunique() == 3
    sources = m.groupby("identifier")["source"].nunique().to_dict()
    assert sources == {"0": 2, "1": 2, "2": 2}  # each node joined to its transactions


@pytest.mark.skipif(
    not (SHARED / "amlsim_ibm").is_dir(),
    reason="the AMLSim samples are under /work/shared/datasets/amlsim_ibm (absent here)",
)
def test_the_real_amlsim_account_tables(tmp_path: Path) -> None:
    samples = SHARED / "amlsim_ibm" / "sample_outputs"
    for name, kinds in (
        ("accounts.csv", {"holds_account": 30}),
        ("cash_tx.csv", {"paid": 88}),
        ("alerts.csv", {"holds_account": 2, "involved_in": 4}),
    ):
        copy = tmp_path / name
        copy.write_bytes((samples / name).read_bytes())
        _suggest_and_ingest(copy, tmp_path / f"case_{copy.stem}")
        case = Case.load(tmp_path / f"case_{copy.stem}")
        assert case.links["kind"].value_counts().to_dict() == kinds, name
        assert case.rejects.empty, name
    with tarfile.open(SHARED / "amlsim_ibm" / "20K_fanin200cycle200.tgz") as tar:
        for member in ("nodes.csv", "transactions.csv"):
            tar.extract(f"20K_fanin200cycle200/{member}", tmp_path, filter="data")
    folder = tmp_path / "20K_fanin200cycle200"
    case_dir = tmp_path / "case_20k"
    _suggest_and_ingest(folder / "nodes.csv", case_dir)
    draft = folder / "transactions.yaml"
    _cli("mapping", "suggest", str(folder / "transactions.csv"), "-o", str(draft))
    summary = _cli("ingest", str(folder / "transactions.csv"), "--mapping", str(draft),
                   "-o", str(case_dir))  # fmt: skip
    assert "placeholder" not in summary  # account 9999 is one of the node ids 0..19999
    _cli("resolve", str(case_dir))
    case = Case.load(case_dir)
    m = case.mentions.merge(case.resolution, on="mention_id")
    m = m[m["type"] == "account"]
    assert m["entity_id"].nunique() == 20_000
    fraud = m[m["source"] == "nodes.csv"]["attrs"].str.contains('"is_fraud": "1"').sum()
    assert fraud == 1_804
