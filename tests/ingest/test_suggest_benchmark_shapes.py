"""Public-benchmark shapes through `mapping suggest` then `ingest` with the draft unedited
(hostile round 12, K9-K11): a FEBRL person list whose address is split over a house
number and two lines and whose social security number is an identity document; a bank
statement whose counterparty is only in the description; a statement's preamble
currency; a person row without a name. Each through the CLI, against hand-computed
mentions and links."""

from __future__ import annotations

import json
from pathlib import Path

from suggest_draft import run_cli, suggest_draft

from linkgraph.model import Case

_cli = run_cli
_draft = suggest_draft


def _ingest(data: Path, draft: Path, tmp: Path) -> tuple[Case, str]:
    code, text = _cli("ingest", str(data), "--mapping", str(draft), "-o", str(tmp / "case"))
    assert code == 0, text
    return Case.load(tmp / "case"), text


def _links(case: Case, kind: str, src: str = "label", dst: str = "label") -> set[tuple]:
    m = case.mentions.set_index("mention_id")
    links = case.links[case.links["kind"] == kind]
    return {(m.at[s, src], m.at[d, dst]) for s, d in zip(links["src"], links["dst"], strict=True)}


_FEBRL = (
    "given_name,surname,street_number,address_1,address_2,suburb,postcode,state,"
    "date_of_birth,soc_sec_id\n"
    "chloe,harris,12,beasley street,brindabella,canberra,2600,act,19580717,6425045\n"
    "jack,white,40,beasley street,,canberra,2600,act,19710302,1184220\n"
    "sophie,murphy,36,macquarie street,villa 3,kingston,2604,act,19491120,3489675\n"
)


def test_a_febrl_address_joins_its_house_number_and_lines_and_the_ssn_is_a_document(tmp_path):
    data = tmp_path / "febrl_noid.csv"
    data.write_text(_FEBRL, encoding="utf-8")
    draft, mapping = _draft(data, tmp_path)
    parts = {"columns": ["street_number", "address_1", "address_2"], "join": " "}
    person = mapping["entities"]["person"]["fields"]
    assert person["address"] == parts
    assert "record_id" not in person  # the house number is no record id
    assert "street_number" not in json.dumps({k: v for k, v in person.items() if k != "address"})
    assert mapping["entities"]["address"]["fields"] == {
        "address": parts,
        "city": "suburb",
        "postcode": "postcode",
    }
    assert mapping["entities"]["document"] == {
        "type": "document",
        "fields": {"document": "soc_sec_id"},
    }
    assert "Columns not mapped" not in draft.read_text(encoding="utf-8").split("format:")[0]
    case, _ = _ingest(data, draft, tmp_path)
    # two people of one street are two homes, not one shared address
    assert _links(case, "lives_at", "name", "address") == {
        ("chloe harris", "12 beasley street brindabella"),
        ("jack white", "40 beasley street"),
        ("sophie murphy", "36 macquarie street villa 3"),
    }
    assert _links(case, "holds_document", "name", "identifier") == {
        ("chloe harris", "6425045"),
        ("jack white", "1184220"),
        ("sophie murphy", "3489675"),
    }


def test_national_identity_numbers_are_documents_by_their_headers(tmp_path):
    data = tmp_path / "people.csv"
    data.write_text(
        "first_name,last_name,SSN,national_insurance_number,personal_number,CNP\n"
        "Ana,Pop,078-05-1120,QQ123456C,19850101-1234,2850101123456\n"
        "Ion,Rusu,219-09-9999,AB654321D,19790202-4321,1790202123457\n",
        encoding="utf-8",
    )
    _, mapping = _draft(data, tmp_path)
    documents = {
        e["fields"]["document"] for e in mapping["entities"].values() if e["type"] == "document"
    }
    assert documents == {"SSN", "national_insurance_number", "personal_number", "CNP"}


def test_a_house_number_without_a_street_is_an_attribute_not_an_id(tmp_path):
    data = tmp_path / "people.csv"
    data.write_text("name,house_number,city\nAna Pop,12,Iasi\nIon Rusu,40,Iasi\n", encoding="utf-8")
    _, mapping = _draft(data, tmp_path)
    person = mapping["entities"]["person"]["fields"]
    assert person["house_number"] == "house_number"
    assert "record_id" not in person
    assert "case" not in mapping["entities"]


_PREAMBLE = "Account Holder,Vasile Pop\nIBAN,RO49AAAA1B31007593840000\nCurrency,RON\n\n"


def _paid(case: Case) -> set[tuple]:
    m = case.mentions.set_index("mention_id")
    paid = case.links[case.links["kind"] == "paid"]
    return {
        (m.at[lk.src, "identifier"], m.at[lk.dst, "identifier"], lk.amount, lk.currency)
        for lk in paid.itertuples()
    }


def test_a_statement_whose_counterparty_is_only_in_the_description(tmp_path):
    data = tmp_path / "statement.csv"
    data.write_text(
        _PREAMBLE + "Date,Description,Debit,Credit,Balance\n"
        "03/03/2024,TRANSFER TO ION RUSU DE89370400440532013000,250.00,,750.00\n"
        "05/03/2024,CARD PAYMENT BOLT.EU,12.40,,737.60\n"
        "08/03/2024,TRANSFER FROM ANA CEBAN MD24AG000225100013104168,,75.50,813.10\n",
        encoding="utf-8",
    )
    draft, mapping = _draft(data, tmp_path)
    assert mapping["entities"]["counterparty_account"] == {
        "type": "account",
        "split": "find",
        "fields": {"account": "Description"},
    }
    case, _ = _ingest(data, draft, tmp_path)
    own = "RO49AAAA1B31007593840000"
    # money out by Debit: the holder pays; money in by Credit: the counterparty pays
    assert _paid(case) == {
        (own, "DE89370400440532013000", 250.0, "RON"),
        ("MD24AG000225100013104168", own, 75.5, "RON"),
    }
    assert _links(case, "holds_account", "label", "identifier") == {
        ("Vasile Pop", own),
        ("ION RUSU", "DE89370400440532013000"),
        ("ANA CEBAN", "MD24AG000225100013104168"),
    }
    # the card payment names no counterparty account: a reject with its amount, not lost
    rejects = case.rejects[case.rejects["reason"] == "no_counterparty"]
    assert rejects["row"].tolist() == [2]
    assert "12.40 (Debit)" in rejects["value"].iloc[0]


def test_a_statement_preamble_currency_is_each_payment_currency(tmp_path):
    data = tmp_path / "statement.csv"
    data.write_text(
        _PREAMBLE + "Date,Description,Counterparty,Counterparty IBAN,Debit,Credit,Balance\n"
        "03/03/2024,Transfer,ION RUSU,DE89370400440532013000,250.00,,750.00\n"
        "08/03/2024,Transfer,ANA CEBAN,MD24AG000225100013104168,,75.50,825.50\n",
        encoding="utf-8",
    )
    draft, mapping = _draft(data, tmp_path)
    assert mapping["links"][-1]["currency"] == {"fact": "Currency"}
    case, _ = _ingest(data, draft, tmp_path)
    own = "RO49AAAA1B31007593840000"
    assert _paid(case) == {
        (own, "DE89370400440532013000", 250.0, "RON"),
        ("MD24AG000225100013104168", own, 75.5, "RON"),
    }
