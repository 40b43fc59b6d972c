"""Drafts of `mapping suggest` that made false links or lost the money: a document type or
expiry date taken for a shared document, a running row number for an event id, a
remittance without its receiver, crypto wallets as home addresses, a victim not linked to
her exploiter. Each: suggest, then ingest the draft unedited, through the CLI, against
hand-computed entities and links."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from suggest_draft import run_cli, suggest_draft

from linkgraph.model import Case

_cli = run_cli
_draft = suggest_draft


def _ingest(data: Path, draft: Path, case: Path) -> str:
    code, text = _cli("ingest", str(data), "--mapping", str(draft), "-o", str(case))
    assert code == 0, text
    return text


def _links(case: Case, kind: str) -> set[tuple[str, str]]:
    label = dict(zip(case.mentions["mention_id"], case.mentions["label"], strict=True))
    links = case.links[case.links["kind"] == kind]
    return {(label[s], label[d]) for s, d in zip(links["src"], links["dst"], strict=True)}


def test_a_document_type_and_expiry_are_attributes_of_the_document(tmp_path):
    data = tmp_path / "guests.csv"
    data.write_text(
        "Cognome;Nome;Tipo documento;Numero documento;Scadenza documento\n"
        "POPESCU;ION;PASSAPORTO;054123456;12/05/2031\n"
        "CEBAN;NATALIA;CARTA IDENTITA;A01234568;12/05/2031\n"
        "RUSU;MIHAI;PASSAPORTO;B9876543;01/02/2029\n",
        encoding="utf-8",
    )
    draft, mapping = _draft(data, tmp_path)
    documents = [s for s, e in mapping["entities"].items() if e["type"] == "document"]
    assert documents == ["document"]
    assert mapping["entities"]["document"]["fields"] == {
        "document": "Numero documento",
        "doc_type": "Tipo documento",
        "scadenza_documento": "Scadenza documento",
    }
    _ingest(data, draft, tmp_path / "c")
    case = Case.load(tmp_path / "c")
    docs = case.mentions[case.mentions["type"] == "document"]
    # one document per guest, none shared: no PASSAPORTO, no date
    assert sorted(docs["identifier"]) == ["054123456", "A01234568", "B9876543"]
    attrs = {i: json.loads(a) for i, a in zip(docs["identifier"], docs["attrs"], strict=True)}
    assert attrs["A01234568"]["doc_type"] == "CARTA IDENTITA"
    assert _links(case, "holds_document") == {
        ("ION POPESCU", "054123456"),
        ("NATALIA CEBAN", "A01234568"),
        ("MIHAI RUSU", "B9876543"),
    }


def test_a_running_row_number_names_an_event_only_within_its_file(tmp_path):
    header = "Nr;MRZ name;Document;Crossing point;Date/time\n"
    april = tmp_path / "crossings_april.csv"
    april.write_text(
        header + "1;POPESCU<<ION;054123456;OTP;20.04.2024 06:15\n"
        "2;CEBAN<<NATALIA;A01234568;Sculeni;22.04.2024 00:30\n",
        encoding="utf-8",
    )
    may = tmp_path / "crossings_may.csv"
    may.write_text(header + "1;IONESCU<<MARIA;051234999;Giurgiu;03.05.2024 10:00\n", "utf-8")
    draft, mapping = _draft(april, tmp_path)
    assert mapping["entities"]["case"]["fields"]["identifier"] == {
        "column": "Nr",
        "scope": "source",
    }
    _ingest(april, draft, tmp_path / "c")
    _ingest(may, draft, tmp_path / "c")
    code, text = _cli("resolve", str(tmp_path / "c"))
    assert code == 0, text
    case = Case.load(tmp_path / "c")
    events = case.mentions[case.mentions["type"] == "event"]
    assert sorted(events["identifier"]) == [
        "crossings_april.csv:1",
        "crossings_april.csv:2",
        "crossings_may.csv:1",
    ]
    # crossing 1 of April and crossing 1 of May stay two events
    entity_of = case.entity_of()
    assert entity_of[events["mention_id"]].nunique() == 3


def test_a_row_number_of_a_person_list_is_no_id(tmp_path):
    data = tmp_path / "people.csv"
    data.write_text("Nr,Name,Phone\n1,Ana Pop,+40721000111\n2,Ion Rus,+40721000222\n", "utf-8")
    _, mapping = _draft(data, tmp_path)
    assert "Nr" not in json.dumps(mapping["entities"])


def test_a_money_transfer_pays_the_receiver(tmp_path):
    data = tmp_path / "mto.csv"
    data.write_text(
        "MTCN,Send Date,Sender Name,Sender Phone,Receiver Name,Receiver Country,"
        "Principal,Fee,Currency,Receiver ID Type,Receiver ID No\n"
        '1234567890,2024-04-05,"KOVALENKO, Olena",+393331234567,"POPESCU, Ion",ROU,'
        "1500.00,35.00,EUR,PASSPORT,054123456\n"
        '2234567891,2024-04-12,"CEBAN, Natalia",+390212345678,"POPESCU, Ion",ROU,'
        "800.00,20.00,EUR,PASSPORT,054123456\n"
        '3234567892,2024-04-20,"POPESCU, Ion",+40721234567,"RUSU, Mihai",MDA,'
        "2000.00,45.00,USD,BULETIN,A01234567\n",
        encoding="utf-8",
    )
    draft, mapping = _draft(data, tmp_path)
    paid = [lk for lk in mapping["links"] if lk["kind"] == "paid"]
    assert paid == [
        {
            "kind": "paid",
            "src": "sender",
            "dst": "receiver",
            "amount": "Principal",
            "currency": "Currency",
            "time": "Send Date",
            "attrs": {"transfer_id": "MTCN", "fee": "Fee"},
        }
    ]
    _ingest(data, draft, tmp_path / "c")
    case = Case.load(tmp_path / "c")
    links = case.links[case.links["kind"] == "paid"].sort_values("row")
    assert links["amount"].tolist() == [1500.0, 800.0, 2000.0]
    assert links["currency"].tolist() == ["EUR", "EUR", "USD"]
    assert [json.loads(a)["transfer_id"] for a in links["attrs"]] == [
        "1234567890",
        "2234567891",
        "3234567892",
    ]
    assert _links(case, "paid") == {
        ("KOVALENKO, Olena", "POPESCU, Ion"),
        ("CEBAN, Natalia", "POPESCU, Ion"),
        ("POPESCU, Ion", "RUSU, Mihai"),
    }
    assert _links(case, "holds_document") == {
        ("POPESCU, Ion", "054123456"),
        ("RUSU, Mihai", "A01234567"),
    }
    assert ("KOVALENKO, Olena", "+393331234567") in _links(case, "uses_phone")
    people = case.mentions[case.mentions["type"] == "person"]
    assert "054123456" not in "".join(people["attrs"].fillna(""))


def test_a_preset_that_does_not_fit_says_what_to_use(tmp_path):
    data = tmp_path / "mto.csv"
    data.write_text("Sender Name,Receiver Name,Principal\nAna Pop,Ion Rus,100\n", "utf-8")
    code, text = _cli("ingest", str(data), "--preset", "transactions", "-o", str(tmp_path / "c"))
    assert code != 0
    assert "fix the mapping's column name" not in text
    assert "mapping suggest" in text
    assert "Traceback" not in text


def test_crypto_wallets_are_accounts_paid_from_and_to(tmp_path):
    data = tmp_path / "exchange_withdrawals.csv"
    data.write_text(
        "Txid,Date(UTC),Coin,Network,Amount,Fee,From Address,To Address,Status,KYC Name\n"
        "0xabc1,2024-04-21 10:00:00,USDT,TRC20,4800,1,TJYeasTPa6gpEEfYqZGXWzjEJ7V6Aq2sbZ,"
        "TXLAQ63Xg1NAzckPwKHvzw7CSEmLMEqcdj,Completed,POPESCU ION\n"
        "b6f6,2024-04-22 11:30:00,BTC,BTC,0.0512,0.0001,"
        "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq,1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa,"
        "Completed,POPESCU ION\n",
        encoding="utf-8",
    )
    draft, mapping = _draft(data, tmp_path)
    types = {
        e["type"] if isinstance(e["type"], str) else "party" for e in mapping["entities"].values()
    }
    assert "address" not in types
    assert "Status" not in json.dumps(mapping["entities"])  # a status is no role
    text = _ingest(data, draft, tmp_path / "c")
    assert "not understood" not in text
    case = Case.load(tmp_path / "c")
    assert _links(case, "paid") == {
        ("TJYeasTPa6gpEEfYqZGXWzjEJ7V6Aq2sbZ", "TXLAQ63Xg1NAzckPwKHvzw7CSEmLMEqcdj"),
        ("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"),
    }
    paid = case.links[case.links["kind"] == "paid"].sort_values("row")
    assert paid["amount"].tolist() == [4800.0, 0.0512]
    assert paid["currency"].tolist() == ["USDT", "BTC"]
    assert [json.loads(a)["transfer_id"] for a in paid["attrs"]] == ["0xabc1", "b6f6"]
    assert _links(case, "holds_account") == {
        ("POPESCU ION", "TJYeasTPa6gpEEfYqZGXWzjEJ7V6Aq2sbZ"),
        ("POPESCU ION", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"),
    }
    assert case.rejects.empty or "currency_invalid" not in set(case.rejects["reason"])


def test_a_victim_by_her_status_is_victim_of_the_rows_exploiter(tmp_path):
    data = tmp_path / "intake.csv"
    data.write_text(
        "Case ID;Client name;Status;Exploiter name;Exploiter phone\n"
        "C-1;Siriporn Thongchai;victim;Ahmed Al-Hashimi;+971501234567\n"
        "C-2;Olena Kovalenko;victim;Ion Popescu;+40721234567\n"
        "C-3;Ahmed Al-Hashimi;suspect;;\n",
        encoding="utf-8",
    )
    draft, _ = _draft(data, tmp_path)
    _ingest(data, draft, tmp_path / "c")
    case = Case.load(tmp_path / "c")
    victims = case.mentions[case.mentions["role"] == "victim"]
    shown = dict(zip(victims["name"], victims["label"], strict=True))
    assert _links(case, "victim_of") == {
        (shown["Siriporn Thongchai"], "Ahmed Al-Hashimi"),
        (shown["Olena Kovalenko"], "Ion Popescu"),
    }


def test_account_keeps_a_base58_wallet_as_written():
    from linkgraph.ingest import normalize

    assert normalize.account("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa") == (
        "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"
    )
    assert normalize.account("gb82 west 1234 5698 7654 32") == "GB82WEST12345698765432"
    assert pd.isna(normalize.wallet("DE89370400440532013000"))
