"""Statements and transfer lists as agencies send them in their own languages (tester
round 40): the debit and credit columns, the holder and the currency of the preamble in
Turkish, Polish, Ukrainian, Russian, Spanish, Italian, Greek and Romanian (D3); a
payment order's opening words ("OP catre", "Przelew wychodzący do") never part of the
counterparty's name (D5); a transfer's status in several languages, so that a cancelled
one is no payment, and one time zone proposed by the draft and by `mapping check` (D7).
Each through the user's path: `mapping suggest`, then `ingest` with the draft unedited,
against hand-written links."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from suggest_draft import run_cli, suggest_draft

from linkgraph.model import Case

OWN = "TR330006100519786457841326"
OUT_1 = "TR320010009999901234567890"
IN_2 = "UA213223130000026007233566001"
OUT_4 = "DE89370400440532013000"


def _suggest_ingest(data: Path, tmp: Path) -> tuple[Case, dict, str]:
    """The draft of ``data`` ingested unedited: (case, draft, ingest output)."""
    draft, mapping = suggest_draft(data, tmp)
    code, text = run_cli("ingest", str(data), "--mapping", str(draft), "-o", str(tmp / "c"))
    assert code == 0, text
    return Case.load(tmp / "c"), mapping, text


def _links(case: Case, kind: str) -> list[tuple[str, str, float | None, str | None, int]]:
    """(src label, dst label, amount, currency, row) of the case's links of ``kind``."""
    label = dict(zip(case.mentions["mention_id"], case.mentions["label"], strict=True))
    links = case.links[case.links["kind"] == kind].sort_values(["row", "src", "dst"])
    return [
        (
            label[s],
            label[d],
            None if pd.isna(a) else float(a),
            None if pd.isna(c) else str(c),
            int(r),
        )
        for s, d, a, c, r in zip(
            links["src"], links["dst"], links["amount"], links["currency"], links["row"],
            strict=True,
        )
    ]  # fmt: skip


# (holder key, currency key, header, currency, encoding): the words each language's
# statements write; the header's columns are date, description, counterparty account,
# money out, money in, balance.
STATEMENTS = {
    "turkish": (
        "Hesap Sahibi", "Para Birimi", "Tarih;Açıklama;Karşı IBAN;Borç;Alacak;Bakiye",
        "TRY", "cp1254",
    ),
    "polish": (
        "Posiadacz rachunku", "Waluta",
        "Data;Opis;Rachunek kontrahenta;Obciążenia;Uznania;Saldo", "PLN", "utf-8",
    ),
    "ukrainian": (
        "Власник рахунку", "Валюта", "Дата;Опис;Рахунок контрагента;Дебет;Кредит;Залишок",
        "UAH", "utf-8",
    ),
    "russian": (
        "Владелец", "Валюта", "Дата;Описание;Счет контрагента;Дебет;Кредит;Остаток", "RUB",
        "utf-8",
    ),
    "spanish": ("Titular", "Divisa", "Fecha;Concepto;Cuenta;Cargo;Abono;Saldo", "EUR", "utf-8"),
    "italian": (
        "Intestatario", "Valuta", "Data;Descrizione;IBAN controparte;Dare;Avere;Saldo", "EUR",
        "utf-8",
    ),
    "greek": (
        "Δικαιούχος", "Νόμισμα",
        "Ημερομηνία;Περιγραφή;IBAN αντισυμβαλλόμενου;Χρέωση;Πίστωση;Υπόλοιπο", "EUR", "utf-8",
    ),
    "romanian": (
        "Titular cont", "Moneda", "Data;Detalii;Cont partener;Debit;Credit;Sold", "RON", "utf-8",
    ),
}  # fmt: skip


@pytest.mark.parametrize("language", sorted(STATEMENTS))
def test_a_statement_in_its_own_language_is_payments_of_its_holder(tmp_path, language):
    """Row 1 pays 1,250.00 out to OUT_1, row 2 is 15,000.50 in from IN_2, row 3 (cash, no
    account) is a no_counterparty reject, row 4 pays 7,500.00 out to OUT_4: three paid
    links of the preamble's account in the preamble's currency, held by the preamble's
    holder (Turkish: it was a register of accounts with no payment at all)."""
    holder_key, currency_key, header, currency, encoding = STATEMENTS[language]
    text = (
        f"Hesap Özeti\n{holder_key};Mehmet Yılmaz\nIBAN;TR33 0006 1005 1978 6457 8413 26\n"
        f"{currency_key};{currency}\n\n{header}\n"
        f"02.01.2024;EFT - Ayşe Kaya;{OUT_1};1.250,00;;8.750,00\n"
        f"05.01.2024;HAVALE - Oleksandr Tkachenko;{IN_2};;15.000,50;23.750,50\n"
        "09.01.2024;ATM;;2.000,00;;21.750,50\n"
        f"15.01.2024;EFT - Gül Şahin;{OUT_4};7.500,00;;14.250,50\n"
    )
    data = tmp_path / f"statement_{language}.csv"
    data.write_bytes(text.encode(encoding))
    case, mapping, _ = _suggest_ingest(data, tmp_path)
    assert _links(case, "paid") == [
        (OWN, OUT_1, 1250.0, currency, 1),
        (IN_2, OWN, 15000.5, currency, 2),
        (OWN, OUT_4, 7500.0, currency, 4),
    ]
    assert {(s, d) for s, d, *_ in _links(case, "holds_account")} == {("Mehmet Yılmaz", OWN)}
    assert case.rejects[["row", "reason"]].values.tolist() == [[3, "no_counterparty"]]
    paid = next(link for link in mapping["links"] if link["kind"] == "paid")
    assert paid["currency"] == {"fact": currency_key}


def test_a_column_under_a_money_word_is_money_only_when_its_values_are_amounts(tmp_path):
    """A shipment list's "Cargo" (Spanish for a debit) of goods and a "Dare" of names are
    no money: the draft reads no payment from them."""
    data = tmp_path / "shipments.csv"
    data.write_text(
        "Date,Cargo,Dare,Sender IBAN,Receiver IBAN\n"
        f"2024-01-02,textiles,Ion Rusu,{OWN},{OUT_1}\n"
        f"2024-01-03,shoes,Ana Pop,{IN_2},{OUT_4}\n",
        encoding="utf-8",
    )
    _, mapping = suggest_draft(data, tmp_path)
    for link in mapping.get("links", []):
        assert link.get("debit") not in ("Cargo", "Dare")
        assert link.get("amount") not in ("Cargo", "Dare")


def test_payment_order_words_are_no_part_of_the_counterpartys_name(tmp_path):
    """The words a bank writes before the counterparty ("Plata OP catre": a payment order
    to; "Ordin de plata catre", "Przelew wychodzący do", "SEPA-Überweisung an", "Bonifico
    a favore di") are left out of its name, as "Plata catre" was; a name's own particle
    or a short word ("ANA DE SOUSA LIMA", "NGUYEN VAN TO LAN") stays in it."""
    rows = [
        ("Plata OP catre ION RUSU RO66BACX0000001234567890", "1.500,00", ""),
        ("OP catre AGENTIA DE MUNCA SRL MD24AG000225100013104168", "20.000,00", ""),
        ("Ordin de plata catre MARIA POP GB29NWBK60161331926819", "300,00", ""),
        ("Przelew wychodzący do JAN KOWALSKI PL61109010140000071219812874", "250,00", ""),
        ("SEPA-Überweisung an Max Mustermann DE89370400440532013000", "100,00", ""),
        ("Bonifico a favore di MARIO ROSSI IT60X0542811101000000123456", "80,00", ""),
        ("Incasare de la MIHAI POPA RO09BCYP0000001234567890", "", "12.000,00"),
        ("ANA DE SOUSA LIMA ES9121000418450200051332", "", "50,00"),
        ("NGUYEN VAN TO LAN FR1420041010050500013M02606", "", "60,00"),
    ]
    lines = [
        "Extras de cont",
        "Titular cont:,SC DREAM TRAVEL SRL",
        "IBAN:,RO49 AAAA 1B31 0075 9384 0000",
        "Moneda:,RON",
        "",
        "Data,Descriere,Debit,Credit,Sold",
    ]
    lines += [f'0{i + 1}.02.2024,"{d}","{o}","{c}","1,00"' for i, (d, o, c) in enumerate(rows)]
    data = tmp_path / "extras.csv"
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    case, _, _ = _suggest_ingest(data, tmp_path)
    holds = {(s, d) for s, d, *_ in _links(case, "holds_account")}
    assert holds == {
        ("SC DREAM TRAVEL SRL", "RO49AAAA1B31007593840000"),
        ("ION RUSU", "RO66BACX0000001234567890"),
        ("AGENTIA DE MUNCA SRL", "MD24AG000225100013104168"),
        ("MARIA POP", "GB29NWBK60161331926819"),
        ("JAN KOWALSKI", "PL61109010140000071219812874"),
        ("Max Mustermann", "DE89370400440532013000"),
        ("MARIO ROSSI", "IT60X0542811101000000123456"),
        ("MIHAI POPA", "RO09BCYP0000001234567890"),
        ("ANA DE SOUSA LIMA", "ES9121000418450200051332"),
        ("NGUYEN VAN TO LAN", "FR1420041010050500013M02606"),
    }
    assert len(_links(case, "paid")) == len(rows)


def test_a_payment_order_named_only_in_words_pays_the_person_after_them(tmp_path):
    """A statement whose descriptions name no account ("OP catre ION RUSU"): the
    counterparty is the person after the payment order's words."""
    data = tmp_path / "extras_fara_iban.csv"
    data.write_text(
        "IBAN:,RO49 AAAA 1B31 0075 9384 0000\nMoneda:,RON\n\n"
        "Data,Descriere,Suma\n"
        '01.02.2024,OP catre ION RUSU,"-1.500,00"\n'
        '03.02.2024,Plata OP catre MARIA POP,"-200,00"\n'
        '05.02.2024,Incasare de la MIHAI POPA,"12.000,00"\n',
        encoding="utf-8",
    )
    case, _, _ = _suggest_ingest(data, tmp_path)
    own = "RO49AAAA1B31007593840000"
    assert _links(case, "paid") == [
        (own, "ION RUSU", 1500.0, "RON", 1),
        (own, "MARIA POP", 200.0, "RON", 2),
        ("MIHAI POPA", own, 12000.0, "RON", 3),
    ]


TRANSFERS = (
    "MTCN,Send Date,Send Time,Sender Name,Sender Phone,Sender Country,Receiver Name,"
    "Receiver Phone,Receiver Country,Principal,Currency,Payout Agent,Status\n"
    "8812345670,2024-02-01,09:14,Blessing Edo,0803 123 4567,Nigeria,Chidinma Okafor,"
    '+39 320 123 4567,Italy,"150,000.00",NGN,Lagos Main,{done}\n'
    "8812345671,2024-02-03,17:40,Blessing Edo,0803 123 4567,Nigeria,Amaka Eze,"
    '320 987 6543,Italy,"75,000.00",NGN,Ikeja,{done}\n'
    "8812345672,2024-02-05,11:02,Emeka Obi,08022223333,Nigeria,Chidinma Okafor,"
    '+39 320 123 4567,Italy,"200,000.00",NGN,Benin City,{other}\n'
)


@pytest.mark.parametrize(
    ("done", "other"),
    [
        ("Paid", "Cancelled"),
        ("Completed", "Refunded"),
        ("Executed", "Pending"),
        ("Settled", "Reversed"),
        ("Realizat", "Anulat"),
        ("Efectuată", "Respinsă"),
        ("Zrealizowana", "Odrzucona"),
        ("Оплачено", "Скасовано"),
        ("Выплачен", "Отменен"),
        ("Tamamlandı", "İptal"),
        ("Ολοκληρώθηκε", "Ακυρώθηκε"),
        ("Pagado", "Anulado"),
        ("Eseguito", "Annullato"),
    ],
)
def test_a_transfer_that_did_not_go_through_is_no_payment(tmp_path, done, other):
    """Rows 1 and 2 went through, row 3 did not (cancelled, refunded, pending): the draft
    skips the rows whose status is not the done one, so two paid links (150,000 and
    75,000 NGN) and row 3 a skipped_by_mapping reject, not a 200,000 NGN payment."""
    data = tmp_path / "payouts.csv"
    data.write_text(TRANSFERS.format(done=done, other=other), encoding="utf-8")
    case, mapping, _ = _suggest_ingest(data, tmp_path)
    assert mapping["skip_rows_where"] == {"column": "Status", "not_in": [done]}
    assert [(s, d, a, r) for s, d, a, _, r in _links(case, "paid")] == [
        ("Blessing Edo", "Chidinma Okafor", 150000.0, 1),
        ("Blessing Edo", "Amaka Eze", 75000.0, 2),
    ]
    assert case.rejects[["row", "reason"]].values.tolist() == [[3, "skipped_by_mapping"]]


def test_the_draft_and_mapping_check_propose_one_time_zone(tmp_path):
    """The transfers' times have no offset: the draft and `mapping check` of the same
    file propose the same zone, that of the country most rows name in their first
    country column (Sender Country: Nigeria), not that of the one international number
    (+39, Italy)."""
    data = tmp_path / "payouts.csv"
    data.write_text(TRANSFERS.format(done="Paid", other="Cancelled"), encoding="utf-8")
    draft, _ = suggest_draft(data, tmp_path)
    drafted = re.findall(r"set `timezone: ([^`]+)`", draft.read_text(encoding="utf-8"))
    code, text = run_cli("mapping", "check", str(data), "--mapping", str(draft))
    assert code == 0, text
    checked = re.findall(r"set `timezone: ([^`]+)`", text)
    assert drafted == ["Africa/Lagos"]
    assert set(checked) == {"Africa/Lagos"}
