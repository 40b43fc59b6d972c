"""Statements whose drafts a user could not accept (tester 29): who pays whom and who
holds which account when a Wise export names the payer and the payee; a label or a
booking phrase of a description ("IBAN", "PLASHTANE KAM") never a person. Each through
the user's path: `mapping suggest`, then `ingest` with the draft unedited, against
hand-written links."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
from suggest_draft import run_cli, suggest_draft

from linkgraph.model import Case

FILES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest" / "statements_t29"


def _suggest_ingest(data: Path, tmp: Path) -> tuple[Case, str]:
    """The draft of ``data`` ingested unedited: (case, ingest summary)."""
    draft, _ = suggest_draft(data, tmp)
    code, text = run_cli("ingest", str(data), "--mapping", str(draft), "-o", str(tmp / "c"))
    assert code == 0, text
    return Case.load(tmp / "c"), text


def _own(data: Path) -> str:
    """The constant standing for the statement's own account (named after its file)."""
    digest = hashlib.sha256(data.read_bytes()).hexdigest()[:8].upper()
    return f"STATEMENT:{data.stem.upper()}:{digest}"


def _links(case: Case, kind: str) -> list[tuple[str, str, float | None, int]]:
    """(src label, dst label, amount, row) of the case's links of ``kind``, by row."""
    label = dict(zip(case.mentions["mention_id"], case.mentions["label"], strict=True))
    links = case.links[case.links["kind"] == kind].sort_values(["row", "src", "dst"])
    return [
        (label[s], label[d], None if pd.isna(a) else float(a), int(r))
        for s, d, a, r in zip(
            links["src"], links["dst"], links["amount"], links["row"], strict=True
        )
    ]


def test_wise_payee_holds_the_payee_account_and_the_owner_holds_none(tmp_path):
    """Payer Name holds the owner (Mark Ellis) on outgoing rows: the payees hold the payee
    accounts, Mark Ellis holds the statement's account only, and Olga Petrenko, named
    only as the payer of an incoming £2000, pays the statement's account."""
    data = FILES / "wise_statement_owner.csv"
    case, _ = _suggest_ingest(data, tmp_path)
    own = _own(data)
    holds = {(s, d) for s, d, _, _ in _links(case, "holds_account")}
    assert holds == {
        ("Andrei Vasile", "RO48RNCB0082004412340001"),
        ("RADU MARIN SRL", "BG32UNCR70001520345678"),
        ("Daniela Popa", "RO10BTRL0130120456789000"),
        ("Carlos Ruiz", "ES9121000418450200051332"),
        ("Mark Ellis", own),
    }
    assert _links(case, "paid") == [
        (own, "RO48RNCB0082004412340001", 450.0, 1),
        (own, "BG32UNCR70001520345678", 1200.0, 2),
        ("Olga Petrenko", own, 2000.0, 3),
        (own, "RO10BTRL0130120456789000", 600.0, 5),
        (own, "ES9121000418450200051332", 250.0, 6),
    ]
    # the card payment names no counterparty account nor payer: a reject with its amount
    assert case.rejects[["row", "reason"]].values.tolist() == [[4, "no_counterparty"]]
    assert "Mark Ellis" not in set(
        case.mentions.loc[case.mentions["slot"].isin(["payer", "payee"]), "label"]
    )


def test_wise_without_the_owner_name_reads_the_incoming_payer(tmp_path):
    """Wise's own export leaves Payer Name empty on outgoing rows: Olga Petrenko's
    incoming £2000 is still a payment from her (it was a no_counterparty reject)."""
    data = FILES / "wise_statement.csv"
    case, _ = _suggest_ingest(data, tmp_path)
    own = _own(data)
    assert ("Olga Petrenko", own, 2000.0, 3) in _links(case, "paid")
    assert ("Andrei Vasile", "RO48RNCB0082004412340001") in {
        (s, d) for s, d, _, _ in _links(case, "holds_account")
    }
    assert case.rejects["row"].tolist() == [4]


def test_an_owner_on_both_sides_is_no_counterparty(tmp_path):
    """Another export of the shape: the owner is the sender of what she paid and the
    recipient of what she received; she is never a counterparty nor the holder of a
    recipient's account."""
    data = tmp_path / "transfers_export.csv"
    data.write_text(
        "Date,Amount,Currency,Sender Name,Recipient Name,Recipient IBAN\n"
        "2024-04-01,-300.00,EUR,Ana Lungu,Ion Rusu,MD24AG000225100013104168\n"
        "2024-04-02,900.00,EUR,Petru Cebotari,Ana Lungu,\n"
        "2024-04-03,-120.00,EUR,Ana Lungu,Maria Bivol,RO48RNCB0082004412340001\n"
        "2024-04-04,-80.00,EUR,Ana Lungu,Ion Rusu,MD24AG000225100013104168\n",
        encoding="utf-8",
    )
    case, _ = _suggest_ingest(data, tmp_path)
    own = _own(data)
    assert {(s, d) for s, d, _, _ in _links(case, "holds_account")} == {
        ("Ion Rusu", "MD24AG000225100013104168"),
        ("Maria Bivol", "RO48RNCB0082004412340001"),
        ("Ana Lungu", own),
    }
    assert _links(case, "paid") == [
        (own, "MD24AG000225100013104168", 300.0, 1),
        ("Petru Cebotari", own, 900.0, 2),
        (own, "RO48RNCB0082004412340001", 120.0, 3),
        (own, "MD24AG000225100013104168", 80.0, 4),
    ]
    assert case.rejects.empty


def test_a_label_before_the_iban_is_no_person(tmp_path):
    """Banca Transilvania's "Beneficiar: IONESCU MARIA;IBAN: RO48..." names IONESCU MARIA,
    not a person "IBAN" holding every counterparty's account."""
    data = FILES / "extras_bt.csv"
    case, _ = _suggest_ingest(data, tmp_path)
    holds = {(s, d) for s, d, _, _ in _links(case, "holds_account")}
    assert holds == {
        ("POPESCU ALEXANDRU", "RO10BTRL0130120456789000"),
        ("IONESCU MARIA", "RO48RNCB0082004412340001"),
        ("VASILE GHEORGHE", "LT737300010012345678"),
        ("RADU MARIN SRL", "BG32UNCR70001520345678"),
    }
    assert "IBAN" not in set(case.mentions["label"])
    assert _links(case, "paid") == [
        ("RO10BTRL0130120456789000", "RO48RNCB0082004412340001", 2500.0, 1),
        ("LT737300010012345678", "RO10BTRL0130120456789000", 10000.0, 2),
        ("RO10BTRL0130120456789000", "BG32UNCR70001520345678", 4200.0, 5),
    ]


def test_bulgarian_booking_words_before_the_iban_are_no_person(tmp_path):
    """MT940 :86: "PLASHTANE KAM RO10... DANIELA POPA NAEM" ("payment to"): no person
    "PLASHTANE KAM" or "POSTAPLENIE OT" ("received from") holds the IBAN."""
    data = FILES / "unicredit_bg.sta"
    case, summary = _suggest_ingest(data, tmp_path)
    # the summary says why no name was taken
    assert "2 :86: text(s) write booking words, not a name" in summary
    assert "(PLASHTANE KAM, POSTAPLENIE OT)" in summary
    people = set(case.mentions.loc[case.mentions["type"] == "person", "label"])
    assert not people & {"PLASHTANE KAM", "POSTAPLENIE OT"}
    assert _links(case, "holds_account") == []
    assert _links(case, "paid") == [
        ("BG32UNCR70001520345678", "RO10BTRL0130120456789000", 1500.0, 5),
        ("DE89370400440532013000", "BG32UNCR70001520345678", 3200.5, 7),
    ]


def _rejects(case: Case) -> list[tuple[int, str]]:
    return sorted(zip(case.rejects["row"].astype(int), case.rejects["reason"], strict=True))


def _accounts(case: Case) -> set[str]:
    return set(case.mentions.loc[case.mentions["type"] == "account", "label"])


def test_a_column_of_one_account_is_the_statements_own_account(tmp_path):
    """Barclays: Account holds 20-32-06 13645987 on every row, the statement's own
    account, never each row's counterparty; the Memo names no counterparty plainly
    ("J KOWALSKI  RENT MARCH  FPO"), so each row is a no_counterparty reject with its
    amount (it drafted five payments from a made-up account to 20320613645987)."""
    data = FILES / "barclays_export.csv"
    case, _ = _suggest_ingest(data, tmp_path)
    assert _accounts(case) == {"20320613645987"}
    assert _links(case, "paid") == []
    assert _rejects(case) == [(r, "no_counterparty") for r in range(1, 6)]
    assert case.rejects["value"].str.startswith(("-250.00 ", "1200.00 ")).sum() == 2


def test_sort_code_and_account_number_are_one_own_account(tmp_path):
    """Lloyds: Sort Code and Account Number repeat on every row: one own account
    (309457 12345678 together), money out in Debit Amount and in in Credit Amount; a
    description naming a sort code and account ("A NOWAK 20-00-00 43218765 LOAN") names
    the counterparty's account and its holder; no row is lost in silence (it made 8
    account mentions and nothing else)."""
    data = FILES / "lloyds_transactions.csv"
    _, mapping = suggest_draft(data, tmp_path)
    (paid,) = [lk for lk in mapping["links"] if lk["kind"] == "paid"]
    assert (paid["direction"], paid["debit"], paid["amount"]) == (
        "debit",
        "Debit Amount",
        "Credit Amount",
    )
    case, _ = _suggest_ingest(data, tmp_path)
    own = "30945712345678"
    assert _links(case, "paid") == [
        ("40123456781234", own, 1500.0, 3),
        (own, "20000043218765", 1000.0, 5),
        ("60924287654321", own, 75.0, 7),
    ]
    assert {(s, d) for s, d, _, _ in _links(case, "holds_account")} == {
        ("OKAFOR C", "40123456781234"),
        ("A NOWAK", "20000043218765"),
        ("M KOWALSKI", "60924287654321"),
    }
    # J SMITH's 26 digits are no sort code and account; a shop, cash, a direct debit
    assert _rejects(case) == [(r, "no_counterparty") for r in (1, 2, 4, 6, 8)]
    assert (
        case.rejects.loc[case.rejects["row"] == 8, "value"]
        .iloc[0]
        .startswith("2100.00 (Credit Amount)")
    )


def test_a_revolut_statement_pays_the_parties_its_descriptions_name(tmp_path):
    """Revolut names the counterparty only in Description ("To MIHAI IONESCU", "Payment
    from Ana Pop"): those rows are payments with them, by the sign; a shop, cash or
    "Transfer to Revolut user" names no one; pending and reverted rows are skipped."""
    data = FILES / "revolut_statement.csv"
    case, _ = _suggest_ingest(data, tmp_path)
    own = _own(data)
    assert _links(case, "paid") == [
        ("Ana Pop", own, 500.0, 1),
        (own, "MIHAI IONESCU", 150.0, 2),
        ("IONUT GHEORGHE", own, 1200.0, 6),
    ]
    assert set(case.links.loc[case.links["kind"] == "paid", "currency"]) == {"EUR"}
    assert _rejects(case) == [
        (3, "no_counterparty"),
        (4, "no_counterparty"),
        (5, "no_counterparty"),
        (7, "skipped_by_mapping"),
        (8, "no_counterparty"),
        (9, "skipped_by_mapping"),
        (10, "no_counterparty"),
    ]


def test_a_french_debit_credit_statement_reads_the_ibans_of_its_labels(tmp_path):
    """Crédit Agricole: Débit euros and Crédit euros ("2 000,00"), each Libellé's IBAN the
    counterparty's account and the name before it its holder; the header's "euros" is
    the currency."""
    data = FILES / "releve_ca.csv"
    case, _ = _suggest_ingest(data, tmp_path)
    own = _own(data)
    assert _links(case, "paid") == [
        ("FR1420041010050500013M02606", own, 1250.0, 1),
        (own, "FR5830004008200001234567897", 2000.0, 3),
        ("FR5830004008200001234567897", own, 300.0, 6),
    ]
    assert {(s, d) for s, d, _, _ in _links(case, "holds_account")} == {
        ("MME FATOU DIALLO", "FR1420041010050500013M02606"),
        ("M KARIM BENALI", "FR5830004008200001234567897"),
    }
    assert set(case.links.loc[case.links["kind"] == "paid", "currency"]) == {"EUR"}
    assert _rejects(case) == [
        (2, "no_counterparty"),
        (4, "no_counterparty"),
        (5, "no_counterparty"),
    ]


def test_an_hsbc_statement_takes_its_account_and_currency_from_the_preamble(tmp_path):
    """HSBC Hong Kong: the account, its holder and the currency above the header, amounts
    written "5,000.00 DR" / "12,500.00 CR", the counterparty after "FPS TRANSFER TO"."""
    data = FILES / "hsbc_hk_statement.csv"
    case, _ = _suggest_ingest(data, tmp_path)
    paid = _links(case, "paid")
    assert paid[:2] == [
        ("004123456789001", "WONG KA WAI", 5000.0, 1),
        ("LEE SIU MING", "004123456789001", 12500.0, 2),
    ]
    assert set(case.links.loc[case.links["kind"] == "paid", "currency"]) == {"HKD"}
    assert ("CHAN TAI MAN", "004123456789001") in {
        (s, d) for s, d, _, _ in _links(case, "holds_account")
    }
    assert (3, "no_counterparty") in _rejects(case)  # the ATM withdrawal


def test_the_currency_named_by_the_amount_header_or_the_preamble(tmp_path):
    """N26's "Amount (EUR)" beside a currency column filled on one row of six, and
    Banca Transilvania's "Valuta: RON" above the header: every payment's currency."""
    case, _ = _suggest_ingest(FILES / "n26_transactions.csv", tmp_path / "n26")
    assert case.links.loc[case.links["kind"] == "paid", "currency"].tolist() == ["EUR"] * 4
    case, _ = _suggest_ingest(FILES / "extras_bt.csv", tmp_path / "bt")
    assert case.links.loc[case.links["kind"] == "paid", "currency"].tolist() == ["RON"] * 3


def test_a_label_or_booking_words_in_a_name_column_are_no_one(tmp_path):
    """A counterparty column holding "IBAN" or "Payment to" where a name should be: no
    person of that name (one would hold every account so written), a not_a_name reject
    each; the payments stay."""
    data = tmp_path / "stmt_names.csv"
    data.write_text(
        "Date,Counterparty,Counterparty IBAN,Amount\n"
        "2024-03-01,Ion Rusu,MD24AG000225100013104168,-100.00\n"
        "2024-03-02,IBAN,RO48RNCB0082004412340001,-50.00\n"
        "2024-03-03,Payment to,RO49AAAA1B31007593840000,20.00\n"
        "2024-03-04,Ana Pop,RO48RNCB0082004412340001,-70.00\n",
        encoding="utf-8",
    )
    case, summary = _suggest_ingest(data, tmp_path)
    assert {(s, d) for s, d, _, _ in _links(case, "holds_account")} == {
        ("Ion Rusu", "MD24AG000225100013104168"),
        ("Ana Pop", "RO48RNCB0082004412340001"),
    }
    assert len(_links(case, "paid")) == 4
    assert case.rejects[["row", "reason", "value"]].values.tolist() == [
        [2, "not_a_name", "IBAN"],
        [3, "not_a_name", "Payment to"],
    ]
    assert "not_a_name: 2" in summary


def test_a_named_counterpartys_account_on_every_row_stays_the_counterpartys(tmp_path):
    """Guard: three payments with one payee (her IBAN on every row) are not read as the
    statement's own account, since a name column says whose it is."""
    data = tmp_path / "n26_same.csv"
    data.write_text(
        '"Date","Payee","Account number","Amount (EUR)"\n'
        '"2024-03-04","Elena Dumitru","RO10BTRL0130120456789000","-1200.0"\n'
        '"2024-03-05","Elena Dumitru","RO10BTRL0130120456789000","-300.0"\n'
        '"2024-03-07","Elena Dumitru","RO10BTRL0130120456789000","75.5"\n',
        encoding="utf-8",
    )
    case, _ = _suggest_ingest(data, tmp_path)
    own, iban = _own(data), "RO10BTRL0130120456789000"
    assert _links(case, "paid") == [
        (own, iban, 1200.0, 1),
        (own, iban, 300.0, 2),
        (iban, own, 75.5, 3),
    ]
