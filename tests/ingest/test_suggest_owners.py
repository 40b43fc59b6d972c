"""Drafts of `mapping suggest` a user would accept as they are (tester round 8): a
passport number is a document whatever its digits look like, a booking reference links the
travellers booked together, a payment export's account owner is no counterparty's e-mail,
a statement's Debit/Credit (or Paid In/Withdrawn) columns are read from the holder's side,
an STR's Amount is its payment's. Each: suggest, then ingest the draft unedited, through
the CLI, against hand-computed entities and links."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case


def _cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def _draft(data: Path, tmp: Path) -> tuple[Path, dict, str]:
    draft = tmp / f"{data.name}.yaml"
    code, text = _cli("mapping", "suggest", str(data), "-o", str(draft))
    assert code == 0, text
    body = draft.read_text(encoding="utf-8")
    return draft, yaml.safe_load(body), body


def _ingest(data: Path, draft: Path, case: Path, *extra: str) -> str:
    code, text = _cli("ingest", str(data), "--mapping", str(draft), "-o", str(case), *extra)
    assert code == 0, text
    return text


def _labels(case: Case, etype: str) -> set[str]:
    return set(case.mentions.loc[case.mentions["type"] == etype, "label"])


def _links(case: Case, kind: str) -> set[tuple[str, str]]:
    label = dict(zip(case.mentions["mention_id"], case.mentions["label"], strict=True))
    links = case.links[case.links["kind"] == kind]
    return {(label[s], label[d]) for s, d in zip(links["src"], links["dst"], strict=True)}


def _payments(case: Case) -> set[tuple[str, str, float, str]]:
    label = dict(zip(case.mentions["mention_id"], case.mentions["label"], strict=True))
    paid = case.links[case.links["kind"] == "paid"]
    return {
        (label[s], label[d], float(a), str(c))
        for s, d, a, c in zip(
            paid["src"], paid["dst"], paid["amount"], paid["currency"], strict=True
        )
    }


_MANIFEST = (
    "Flight,Date,Booking Ref,Surname,Given Name,DOB,Doc Type,Doc Number,Nationality,Seat,"
    "Contact phone\n"
    "W6 3301,2024-03-12,QX7K2P,KOVALENKO,DARIA,21NOV00,P,FT123456,UKR,14A,+380675551212\n"
    "W6 3301,2024-03-12,QX7K2P,BONDAR,SERGIY,07JUL85,P,FE998877,UKR,14B,+380931112233\n"
    "W6 3301,2024-03-12,ZZ91LM,RUSU,MIHAELA,14FEB99,P,055123456,ROU,22C,+40721555013\n"
    "W6 3301,2024-03-12,ZZ91LM,POPA,ION,02SEP78,P,051998877,ROU,22D,+40744100200\n"
)


def test_a_passport_column_is_a_document_never_a_phone_even_with_a_region(tmp_path):
    data = tmp_path / "manifest.csv"
    data.write_text(_MANIFEST, encoding="utf-8")
    draft, mapping, _ = _draft(data, tmp_path)
    entities = mapping["entities"]
    phones = {e["fields"]["phone"] for e in entities.values() if e["type"] == "phone"}
    assert phones == {"Contact phone"}
    assert entities["document"]["fields"] == {"document": "Doc Number", "doc_type": "Doc Type"}
    _ingest(data, draft, tmp_path / "case", "--region", "IT")
    case = Case.load(tmp_path / "case")
    assert _labels(case, "phone") == {
        "+380675551212", "+380931112233", "+40721555013", "+40744100200"
    }  # fmt: skip
    assert ("MIHAELA RUSU", "055123456") in _links(case, "holds_document")
    assert len(_links(case, "holds_document")) == 4


def test_a_shared_booking_reference_is_an_event_its_travellers_are_involved_in(tmp_path):
    data = tmp_path / "manifest.csv"
    data.write_text(_MANIFEST, encoding="utf-8")
    draft, mapping, _ = _draft(data, tmp_path)
    assert mapping["entities"]["booking"]["type"] == "event"
    assert mapping["entities"]["booking"]["fields"]["identifier"] == "Booking Ref"
    assert "booking_ref" not in mapping["entities"]["person"]["fields"]
    _ingest(data, draft, tmp_path / "case")
    case = Case.load(tmp_path / "case")
    assert _links(case, "involved_in") == {
        ("DARIA KOVALENKO", "QX7K2P"),
        ("SERGIY BONDAR", "QX7K2P"),
        ("MIHAELA RUSU", "ZZ91LM"),
        ("ION POPA", "ZZ91LM"),
    }


def test_a_booking_reference_no_two_rows_share_stays_an_attribute(tmp_path):
    data = tmp_path / "guests.csv"
    data.write_text(
        "Name,Booking No,Phone\nAna Rusu,B-100,+40721555013\nIon Popa,B-101,+40744100200\n",
        encoding="utf-8",
    )
    _, mapping, _ = _draft(data, tmp_path)
    assert "booking" not in mapping["entities"]
    assert mapping["entities"]["person"]["fields"]["booking_no"] == "Booking No"


def test_a_number_header_of_a_document_in_other_languages_is_a_document(tmp_path):
    data = tmp_path / "register.csv"
    data.write_text(
        "Vorname;Nachname;Telefon;Pass-Nr.;Ausweisnummer\n"
        "Mihaela;Rusu;+40 721 555 013;055123456;0721555013\n"
        "Ion;Popa;+40 744 100 200;051998877;0744100200\n",
        encoding="utf-8",
    )
    _, mapping, _ = _draft(data, tmp_path)
    by_column = {
        e["fields"].get("document") or e["fields"].get("phone"): e["type"]
        for e in mapping["entities"].values()
        if e["type"] in ("phone", "document")
    }
    assert by_column == {"Telefon": "phone", "Pass-Nr.": "document", "Ausweisnummer": "document"}


_PAYPAL = (
    "\ufeffDate,Time,TimeZone,Name,Type,Status,Currency,Gross,Fee,Net,From Email Address,"
    "To Email Address,Transaction ID,Balance\n"
    "01/03/2024,10:00:00,CET,Mihaela Rusu,General Payment,Completed,EUR,-150.00,0.00,"
    "-150.00,ion.popa78@gmail.com,mihaela.rusu99@yahoo.ro,7AB12345CD678901E,850.00\n"
    '02/03/2024,11:30:00,CET,Sergiy Bondar,General Payment,Completed,EUR,"2,000.00",-58.30,'
    '"1,941.70",bondar.s@proton.me,ion.popa78@gmail.com,8XY12345CD678901F,"2,791.70"\n'
    '03/03/2024,12:00:00,CET,Vasile Ciobanu,General Payment,Completed,USD,"-75.00",0.00,'
    '"-75.00",ion.popa78@gmail.com,vasile.c@mail.md,9ZZ12345CD678901G,"2,716.70"\n'
)


def test_a_payment_export_pays_from_the_from_email_to_the_to_email(tmp_path):
    data = tmp_path / "paypal.csv"
    data.write_text(_PAYPAL, encoding="utf-8")
    draft, mapping, _ = _draft(data, tmp_path)
    assert mapping["entities"]["counterparty_email"]["fields"]["email"] == {
        "columns": ["From Email Address", "To Email Address"],
        "first": True,
        "except": "ion.popa78@gmail.com",
    }
    _ingest(data, draft, tmp_path / "case")
    case = Case.load(tmp_path / "case")
    # the sign of Gross is the owner's side: From and To say who paid whom
    assert _payments(case) == {
        ("ion.popa78@gmail.com", "mihaela.rusu99@yahoo.ro", 150.0, "EUR"),
        ("bondar.s@proton.me", "ion.popa78@gmail.com", 2000.0, "EUR"),
        ("ion.popa78@gmail.com", "vasile.c@mail.md", 75.0, "USD"),
    }
    # each counterparty uses the row's e-mail that is not the owner's: From in one row,
    # To in another; nobody is said to use the owner's
    assert _links(case, "uses_email") == {
        ("Mihaela Rusu", "mihaela.rusu99@yahoo.ro"),
        ("Sergiy Bondar", "bondar.s@proton.me"),
        ("Vasile Ciobanu", "vasile.c@mail.md"),
    }
    assert _labels(case, "person") == {"Mihaela Rusu", "Sergiy Bondar", "Vasile Ciobanu"}


def test_a_payment_export_of_no_one_owner_keeps_the_name_on_the_payment(tmp_path):
    """Without an e-mail in nearly every row the sides cannot be told apart: the Name is an
    attribute of the paid link, not a person linked to nothing."""
    data = tmp_path / "payments.csv"
    data.write_text(
        "Date,Name,Currency,Gross,From Email Address,To Email Address\n"
        "01/03/2024,Ana Lungu,EUR,-10.00,a@x.ro,b@y.ro\n"
        "02/03/2024,Dan Moraru,EUR,-20.00,c@x.ro,d@y.ro\n"
        "03/03/2024,Eva Rusu,EUR,-30.00,e@x.ro,f@y.ro\n",
        encoding="utf-8",
    )
    draft, mapping, _ = _draft(data, tmp_path)
    (paid,) = [link for link in mapping["links"] if link["kind"] == "paid"]
    assert paid["attrs"]["counterparty"] == "Name"
    _ingest(data, draft, tmp_path / "case")
    case = Case.load(tmp_path / "case")
    assert _labels(case, "person") == set()
    paid = case.links[case.links["kind"] == "paid"]
    assert sorted(paid["attrs"].map(lambda a: json.loads(a)["counterparty"])) == [
        "Ana Lungu",
        "Dan Moraru",
        "Eva Rusu",
    ]


def test_an_identifier_one_value_in_every_row_of_different_persons_is_left_out(tmp_path):
    data = tmp_path / "contacts.csv"
    rows = [
        ("Ana Rusu", "+40721555013"),
        ("Ion Popa", "+40744100200"),
        ("Vasile Ciobanu", "+40744100201"),
        ("Maria Lungu", "+40744100202"),
        ("Dan Moraru", "+40744100203"),
    ]
    data.write_text(
        "Name,Phone,Account email\n" + "".join(f"{n},{p},owner@x.ro\n" for n, p in rows),
        encoding="utf-8",
    )
    draft, _, body = _draft(data, tmp_path)
    assert "Account email: one value in nearly every row" in body
    _ingest(data, draft, tmp_path / "case")
    case = Case.load(tmp_path / "case")
    assert _links(case, "uses_email") == set()
    assert _links(case, "uses_phone") == set(rows)


_BANK_PAGE = """<html><head><meta charset="utf-8"></head><body>
<h2>Banca Transilvania - Extras de cont</h2>
<table><tr><td>Titular</td><td>Ion Popa</td></tr>
<tr><td>IBAN</td><td>RO49AAAA1B31007593840000</td></tr></table>
<table>
<tr><th>Data</th><th>Beneficiar / Platitor</th><th>IBAN contrapartida</th><th>Debit</th>
<th>Credit</th><th>Moneda</th><th>Detalii</th></tr>
<tr><td>03.02.2024</td><td>Mihaela Rusu</td><td>RO09BCYP0000001234567890</td><td>1.250,00</td>
<td></td><td>RON</td><td>avans transport</td></tr>
<tr><td>05.02.2024</td><td>Vasile Ciobanu</td><td>RO66BACX0000001234567890</td><td></td>
<td>3.400,50</td><td>RON</td><td>incasare</td></tr>
<tr><td>14.02.2024</td><td>Vasile Ciobanu</td><td>RO66BACX0000001234567890</td><td>12.000,00</td>
<td></td><td>RON</td><td>imprumut</td></tr>
</table></body></html>
"""


def test_an_html_statement_reads_its_key_value_table_as_facts_and_pays_by_debit(tmp_path):
    data = tmp_path / "extras.xls"
    data.write_text(_BANK_PAGE, encoding="utf-8")
    draft, mapping, body = _draft(data, tmp_path)
    assert "Facts above the header (usable as {fact: KEY}): Titular, IBAN" in body
    assert mapping["entities"]["account"]["fields"]["account"] == {"fact": "IBAN"}
    assert mapping["entities"]["holder"]["fields"]["name"] == {"fact": "Titular"}
    paid = next(link for link in mapping["links"] if link["kind"] == "paid")
    assert (paid["direction"], paid["debit"], paid["amount"]) == ("debit", "Debit", "Credit")
    _ingest(data, draft, tmp_path / "case")
    case = Case.load(tmp_path / "case")
    own, vasile = "RO49AAAA1B31007593840000", "RO66BACX0000001234567890"
    assert _payments(case) == {
        (own, "RO09BCYP0000001234567890", 1250.0, "RON"),
        (vasile, own, 3400.5, "RON"),
        (own, vasile, 12000.0, "RON"),
    }
    assert ("Ion Popa", own) in _links(case, "holds_account")


_MPESA = (
    "M-PESA STATEMENT\n"
    "Customer Name:,PETER KAMAU\n"
    "Mobile Number:,254722000111\n"
    "\n"
    "Receipt No.,Completion Time,Details,Transaction Status,Paid In,Withdrawn,Balance\n"
    'SC1,2024-03-02 14:05:11,Customer Transfer to 254711000222 - AMINA W,Completed,,"-5,000.00",'
    '"45,000.00"\n'
    "SC2,2024-03-03 09:00:00,Funds received from 254733222444 - JOSEPH OTIENO,Completed,"
    '"20,000.00",,"65,000.00"\n'
    'SC3,2024-03-04 18:30:00,Pay Bill to 888880 - KPLC PREPAID,Completed,,"-1,200.00",'
    '"63,800.00"\n'
)


def test_a_mobile_money_statement_pays_the_number_in_its_details(tmp_path):
    data = tmp_path / "mpesa.csv"
    data.write_text(_MPESA, encoding="utf-8")
    draft, mapping, _ = _draft(data, tmp_path)
    assert mapping["region"] == "KE"
    assert mapping["entities"]["holder_phone"]["fields"]["phone"] == {"fact": "Mobile Number"}
    _ingest(data, draft, tmp_path / "case")
    case = Case.load(tmp_path / "case")
    label = dict(zip(case.mentions["mention_id"], case.mentions["label"], strict=True))
    paid = case.links[case.links["kind"] == "paid"]
    assert {
        (label[s], label[d], float(a))
        for s, d, a in zip(paid["src"], paid["dst"], paid["amount"], strict=True)
    } == {("+254722000111", "+254711000222", 5000.0), ("+254733222444", "+254722000111", 20000.0)}
    # the name written after each number is the other party, who uses it (no paybill)
    assert _links(case, "uses_phone") == {
        ("PETER KAMAU", "+254722000111"),
        ("AMINA W", "+254711000222"),
        ("JOSEPH OTIENO", "+254733222444"),
    }
    reasons = set(case.rejects.loc[case.rejects["row"] == 3, "reason"])
    assert "no_counterparty" in reasons  # the paybill names no phone: no payment invented


def test_an_amount_beside_each_subject_is_the_reported_links(tmp_path):
    data = tmp_path / "str.csv"
    data.write_text(
        "Reporting entity:,Western Bank Ltd\n\n"
        "Subject,Role,Account,Amount,Currency\n"
        "Ion Popa,suspect,RO49AAAA1B31007593840000,1250.00,EUR\n"
        "Peter Kamau,suspect,,900.00,USD\n",
        encoding="utf-8",
    )
    draft, mapping, _ = _draft(data, tmp_path)
    reported = next(link for link in mapping["links"] if link["kind"] == "reported")
    assert (reported["amount"], reported["currency"]) == ("Amount", "Currency")
    _ingest(data, draft, tmp_path / "case")
    case = Case.load(tmp_path / "case")
    assert _payments(case) == set()
    label = dict(zip(case.mentions["mention_id"], case.mentions["label"], strict=True))
    reported = case.links[case.links["kind"] == "reported"]
    assert {
        (label[s], label[d], float(a), c)
        for s, d, a, c in zip(
            reported["src"], reported["dst"], reported["amount"], reported["currency"], strict=True
        )
    } == {
        ("Western Bank Ltd", "Ion Popa", 1250.0, "EUR"),
        ("Western Bank Ltd", "Peter Kamau", 900.0, "USD"),
    }
