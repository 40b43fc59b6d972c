"""Drafts of `mapping suggest` a user could not accept as they were (tester 23): a bank
statement's Debit and Credit left out (no payment, no warning), a call record's caller
numbers drafted as a person's name, a list of objects inside a list's objects drafted as
a field that rejects every value. Each through the user's path: suggest, then ingest the
draft unedited, against hand-computed entities, links and rejects."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd
import pytest
from suggest_draft import run_cli, suggest_draft

from linkgraph.model import Case

FILES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest" / "suggest_drafts"


def _suggest_ingest(name: str, tmp: Path) -> tuple[Case, dict, str]:
    """The draft of FILES/name, ingested unedited: (case, draft YAML, draft text)."""
    draft, mapping = suggest_draft(FILES / name, tmp)
    code, text = run_cli("ingest", str(FILES / name), "--mapping", str(draft), "-o", str(tmp / "c"))
    assert code == 0, text
    return Case.load(tmp / "c"), mapping, draft.read_text(encoding="utf-8")


def _digest(name: str) -> str:
    """The first 8 hex digits of FILES/name's SHA-256, upper case as the account is read:
    the statement's own account constant is named after its file's name and bytes."""
    return hashlib.sha256((FILES / name).read_bytes()).hexdigest()[:8].upper()


def _labelled(case: Case, kind: str) -> list[tuple[str, str, float | None, str | None, int]]:
    """(src label, dst label, amount, time, row) of the case's links of ``kind``."""
    label = dict(zip(case.mentions["mention_id"], case.mentions["label"], strict=True))
    links = case.links[case.links["kind"] == kind].sort_values("row")
    return [
        (
            label[s],
            label[d],
            None if pd.isna(a) else float(a),
            None if pd.isna(t) else pd.Timestamp(t).isoformat(),
            int(r),
        )
        for s, d, a, t, r in zip(
            links["src"], links["dst"], links["amount"], links["time"], links["row"], strict=True
        )
    ]


def test_a_debit_credit_statement_without_its_own_account_ingests_into_payments(tmp_path):
    """Date; Description; Debit; Credit; Balance; Counterparty IBAN; Counterparty, with no
    account above the header: each row a `paid` link between the statement's account (one
    for the file) and the counterparty's IBAN, by the Debit/Credit column, at its date."""
    case, mapping, text = _suggest_ingest("bank_debit_credit.csv", tmp_path)
    (paid,) = [lk for lk in mapping["links"] if lk["kind"] == "paid"]
    assert (paid["direction"], paid["debit"], paid["amount"]) == ("debit", "Debit", "Credit")
    own = "STATEMENT:BANK_DEBIT_CREDIT:" + _digest("bank_debit_credit.csv")
    links = _labelled(case, "paid")
    # 05.03.2024 €1.234,56 out to Petro Bondar; 06.03.2024 €500,00 in from Olena Kravets
    assert links[:2] == [
        (own, "DE89370400440532013000", 1234.56, "2024-03-05T00:00:00+00:00", 1),
        ("GB29NWBK60161331926819", own, 500.0, "2024-03-06T00:00:00+00:00", 2),
    ]
    # (1,234.56) under Debit, where the other debits are positive: a refund, money in
    assert links[2:] == [
        ("DE89370400440532013000", own, 1234.56, "2024-03-07T00:00:00+00:00", 3),
    ]
    assert case.links.loc[case.links["kind"] == "paid", "currency"].tolist()[:2] == ["EUR"] * 2
    assert sorted(_labelled_pairs(case, "holds_account")) == [
        ("Olena Kravets", "GB29NWBK60161331926819"),
        ("Petro Bondar", "DE89370400440532013000"),
        ("Petro Bondar", "DE89370400440532013000"),
    ]
    assert case.rejects.empty
    # the running balance is said to be left out, and nothing else is
    assert "# Balance: amounts, a running balance, not mapped" in text
    assert "# Columns not mapped: Balance\n" in text


def _labelled_pairs(case: Case, kind: str) -> list[tuple[str, str]]:
    return [(s, d) for s, d, *_ in _labelled(case, kind)]


def test_amount_and_date_columns_left_out_are_said_in_the_draft(tmp_path):
    """A call record's charge and billing date, which no drafted link reads: the draft
    says they hold amounts and dates, not only that they are not mapped."""
    data = tmp_path / "calls.csv"
    data.write_text(
        "caller,callee,start,charge,billed on\n"
        '+380501112233,+380671234567,2024-03-05 14:00,"0,25",2024-04-01\n'
        '+380931234567,+447911123456,2024-03-05 15:00,"1,10",2024-04-01\n',
        encoding="utf-8",
    )
    draft, mapping = suggest_draft(data, tmp_path)
    text = draft.read_text(encoding="utf-8")
    assert "charge" not in json.dumps(mapping)
    assert "billed on" not in json.dumps(mapping)
    assert "# charge: amounts, not mapped: no link carries them" in text
    assert "# billed on: dates, not mapped: no link or event carries them" in text


def test_a_call_record_with_epoch_times_drafts_calls_between_phones(tmp_path):
    """caller, callee, start (epoch seconds), duration, imsi, imei: the caller's numbers
    are phones (never a person's name), each row a `called` link at its UTC time."""
    case, mapping, _ = _suggest_ingest("cdr_epoch.csv", tmp_path)
    assert {s: e["type"] for s, e in mapping["entities"].items()} == {
        "caller": "phone",
        "callee": "phone",
    }
    assert (case.mentions["type"] == "person").sum() == 0
    calls = _labelled(case, "called")
    # 1709647200 = 2024-03-05 14:00 UTC, then one hour apart; 0501112233 is Ukrainian
    # (the file's other numbers are +380); 4.47911E+11 a rounded number, kept as such.
    assert calls == [
        ("+380501112233", "+380671234567", None, "2024-03-05T14:00:00+00:00", 1),
        ("+380501112233", "4.47911E+11 (rounded)", None, "2024-03-05T15:00:00+00:00", 2),
        ("+380931234567", "+447911123456", None, "2024-03-05T16:00:00+00:00", 3),
    ]
    attrs = [json.loads(a) for a in case.links.sort_values("row")["attrs"]]
    assert (attrs[0]["imsi"], attrs[0]["imei"]) == ("255010123456789", "356938035643809")
    # 00:03:12, 00:00:45, 01:02:03 in seconds
    assert [a["duration"] for a in attrs] == ["192", "45", "3723"]
    assert case.rejects["reason"].tolist() == ["phone_invalid"]  # the rounded one


def test_the_cdr_preset_reads_durations_as_seconds(tmp_path):
    """The same file through `--preset cdr`: each call's hh:mm:ss duration in seconds."""
    out = tmp_path / "c"
    code, text = run_cli("ingest", str(FILES / "cdr_epoch.csv"), "--preset", "cdr", "-o", str(out))
    assert code == 0, text
    links = Case.load(out).links.sort_values("row")
    durations = {
        int(r): json.loads(a)["duration"] for r, a in zip(links["row"], links["attrs"], strict=True)
    }
    assert durations == {1: "192", 2: "45", 3: "3723"}


def test_phones_inside_a_lists_objects_are_read_one_mention_each(tmp_path):
    """report -> suspects -> phones [{number}]: the draft reads `phones.number` through
    the suspects' objects, and each suspect is linked to his own numbers (two for Petro
    Bondar, one for Ion Ceban, none for Vasyl Lysenko), never to another suspect's."""
    case, mapping, text = _suggest_ingest("nested_reports.json", tmp_path)
    phone_slots = [e for e in mapping["entities"].values() if e["type"] == "phone"]
    assert [(e["each"], e["fields"]) for e in phone_slots] == [
        ("suspects", {"phone": "phones.number"})
    ]
    assert "# suspects[].phones: read through the objects inside it (phones.number)." in text
    assert case.rejects.empty
    persons = case.mentions[case.mentions["type"] == "person"]
    assert sorted(persons["label"]) == ["Ion Ceban", "Petro Bondar", "Vasyl Lysenko"]
    assert sorted(_labelled_pairs(case, "uses_phone")) == [
        ("Ion Ceban", "+37378123456"),
        ("Petro Bondar", "+380501112233"),
        ("Petro Bondar", "+380931112233"),
    ]
    assert sorted(_labelled_pairs(case, "involved_in")) == [
        ("Ion Ceban", "R1"),
        ("Petro Bondar", "R1"),
        ("Vasyl Lysenko", "R2"),
    ]


_NESTED_MAPPING = """format: json
entities:
  suspect: {type: person, each: suspects, fields: {name: name}}
  suspect_phone: {type: phone, each: suspects, fields: {phone: %s}}
links:
  - {kind: uses_phone, src: suspect, dst: suspect_phone}
"""


@pytest.mark.parametrize(
    ("key", "said"),
    [
        ("phones.numbr", "no item of suspects has the key 'phones.numbr'"),
        ("phones.numbr", "did you mean `phones.number`?"),
    ],
)
def test_a_key_an_each_slot_cannot_read_is_said(tmp_path, key, said):
    """A field of an `each` slot naming a key no item holds (a typo) makes nothing: the
    summary says so with the keys there are."""
    mapping = tmp_path / "m.yaml"
    mapping.write_text(_NESTED_MAPPING % key, encoding="utf-8")
    out = tmp_path / "c"
    src = str(FILES / "nested_reports.json")
    code, text = run_cli("ingest", src, "--mapping", str(mapping), "-o", str(out))
    assert code == 0, text
    assert said in " ".join(text.split())
    assert (Case.load(out).mentions["type"] == "phone").sum() == 0


def test_an_each_slots_phone_field_naming_a_list_of_objects_reads_their_numbers(tmp_path):
    """The phone field of an `each` slot naming the suspects' list of objects itself
    (``phones: [{"number": ...}]``) reads each object's number (the key that parses as a
    phone), linked to its suspect; before, every value was a nested_value reject."""
    mapping = tmp_path / "m.yaml"
    mapping.write_text(_NESTED_MAPPING % "phones", encoding="utf-8")
    out = tmp_path / "c"
    src = str(FILES / "nested_reports.json")
    code, text = run_cli("ingest", src, "--mapping", str(mapping), "-o", str(out))
    assert code == 0, text
    assert "nested_value" not in text
    assert sorted(_labelled_pairs(Case.load(out), "uses_phone")) == [
        ("Ion Ceban", "+37378123456"),
        ("Petro Bondar", "+380501112233"),
        ("Petro Bondar", "+380931112233"),
    ]


def test_a_portuguese_statement_of_signed_amounts_ingests_into_payments(tmp_path):
    """Data; Descrição; Valor; Conta destino; Nome destinatário (cp1252, a title above the
    header, no account of its own, decimal comma): each row a `paid` link between the
    statement's account and the counterparty's IBAN, out for a negative Valor and in for
    a positive one, its amount positive, at its day-first date."""
    case, mapping, text = _suggest_ingest("extrato_pt.csv", tmp_path)
    (paid,) = [lk for lk in mapping["links"] if lk["kind"] == "paid"]
    assert (paid["direction"], paid["amount"], paid["time"]) == ("sign", "Valor", "Data")
    assert paid["attrs"] == {"reference": "Descrição"}
    own = "STATEMENT:EXTRATO_PT:" + _digest("extrato_pt.csv")
    assert "A negative amount: money out" in text
    assert _labelled(case, "paid") == [
        (own, "PT50000201231234567890154", 1234.56, "2024-03-05T00:00:00+00:00", 1),
        ("PT54003300004531738264105", own, 500.0, "2024-03-06T00:00:00+00:00", 2),
        (own, "ES9121000418450200051332", 80.0, "2024-03-17T00:00:00+00:00", 3),
    ]
    assert sorted(_labelled_pairs(case, "holds_account")) == [
        ("Ana Sousa", "PT50000201231234567890154"),
        ("João Pereira", "PT54003300004531738264105"),
        ("Maria Costa", "ES9121000418450200051332"),
    ]
    assert case.rejects.empty


def test_a_list_of_transfers_to_a_beneficiary_account_pays_that_account(tmp_path):
    """Sender name, Beneficiary IBAN, Amount, Date, all amounts positive: no statement of
    one account, and the sender does not hold the beneficiary's account (the draft of
    before said so, with the amount on the holds_account link): each row a `paid` link
    from the sender to the beneficiary's account."""
    case, mapping, _ = _suggest_ingest("remittances.csv", tmp_path)
    assert [lk["kind"] for lk in mapping["links"]] == ["paid"]
    assert _labelled(case, "paid") == [
        ("Ana Sousa", "PT50000201231234567890154", 1234.56, "2024-03-05T00:00:00+00:00", 1),
        ("Rui Alves", "PT54003300004531738264105", 500.0, "2024-03-06T00:00:00+00:00", 2),
        ("Ana Sousa", "ES9121000418450200051332", 80.0, "2024-03-17T00:00:00+00:00", 3),
    ]
    assert case.rejects.empty


def test_two_statements_of_one_file_name_get_two_account_constants(tmp_path):
    """Two banks' exports both called extrato_pt.csv (another counterparty in the second):
    each draft's constant for the file's own account is named after its bytes too, so the
    two are two accounts wherever they meet (two agencies' cases, a joint case), not one
    account paying both banks' counterparties; the same bytes give the same constant."""
    first, second, again = (tmp_path / d / "extrato_pt.csv" for d in ("a", "b", "c"))
    text = (FILES / "extrato_pt.csv").read_bytes()
    for path, data in ((first, text), (second, text.replace(b"Maria Costa", b"Rui Alves"))):
        path.parent.mkdir()
        path.write_bytes(data)
    again.parent.mkdir()
    again.write_bytes(text)
    own = {}
    for path in (first, second, again):
        _, mapping = suggest_draft(path, path.parent)
        own[path.parent.name] = mapping["entities"]["account"]["fields"]["account"]["value"]
    digest = {
        p.parent.name: hashlib.sha256(p.read_bytes()).hexdigest()[:8] for p in (first, second)
    }
    assert own == {
        "a": f"STATEMENT:extrato_pt:{digest['a']}",
        "b": f"STATEMENT:extrato_pt:{digest['b']}",
        "c": f"STATEMENT:extrato_pt:{digest['a']}",
    }
    assert digest["a"] != digest["b"]


def test_a_sparkasse_csv_camt_export_ingests_into_the_accounts_payments(tmp_path):
    """Sparkasse's CSV-CAMT (cp1252, `;`, every value quoted): Auftragskonto, the account
    of the statement, repeated in every row, beside the counterparty's Kontonummer/IBAN
    and name and a signed Betrag. Each row a `paid` link between the two accounts by the
    sign, at its Buchungstag; the draft of before had the counterparties holding the
    statement's account, the amount on holds_account and its direction turned around."""
    case, mapping, _ = _suggest_ingest("sparkasse_camt.csv", tmp_path)
    assert mapping["entities"]["account"]["fields"]["account"] == "Auftragskonto"
    own, olena, petro = (
        "DE89370400440532013000",
        "DE44500105175407324931",
        "DE77100100100123456789",
    )
    assert _labelled(case, "paid") == [
        (olena, own, 1200.0, "2024-03-05T00:00:00+00:00", 1),
        (own, petro, 450.5, "2024-03-06T00:00:00+00:00", 2),
        (own, petro, 2000.0, "2024-03-07T00:00:00+00:00", 3),
    ]
    assert sorted(_labelled_pairs(case, "holds_account")) == [
        ("Olena Kravets", olena),
        ("Petro Bondar", petro),
        ("Petro Bondar", petro),
    ]


def test_an_ing_netherlands_export_reads_af_and_bij_as_the_direction(tmp_path):
    """ING's Dutch CSV: Rekening (the account's own), Tegenrekening, a positive Bedrag and
    an "Af Bij" column (af: money out, bij: money in). Each row a `paid` link by that
    column; before, Af/Bij were no direction words and the draft had no link at all."""
    case, mapping, _ = _suggest_ingest("ing_nl.csv", tmp_path)
    (paid,) = [lk for lk in mapping["links"] if lk["kind"] == "paid"]
    assert (paid["direction"], paid["incoming"]) == ("incoming", "Af Bij")
    own, vries, bondar = "NL20INGB0001234567", "NL91ABNA0417164300", "NL44RABO0123456789"
    assert _labelled(case, "paid") == [
        (vries, own, 1200.0, "2024-03-05T00:00:00+00:00", 1),
        (own, bondar, 450.5, "2024-03-06T00:00:00+00:00", 2),
        (own, bondar, 2000.0, "2024-03-07T00:00:00+00:00", 3),
    ]


def test_a_monzo_export_pays_the_named_counterparties_by_the_sign(tmp_path):
    """Monzo's CSV names each row's counterparty (Name) but no account, with an Amount of
    both signs and a Date and a Time column: each row a `paid` link between the
    statement's account (one constant for the file) and the named party, by the sign, at
    the date and time joined. Before, the draft made each transaction an event the
    persons were `involved_in`, the negative ones turned around (the event involved in
    the person)."""
    case, mapping, _ = _suggest_ingest("monzo.csv", tmp_path)
    assert [lk["kind"] for lk in mapping["links"]] == ["paid"]
    own = "STATEMENT:MONZO:" + _digest("monzo.csv")
    assert _labelled(case, "paid") == [
        (own, "Petro Bondar", 450.5, "2024-03-05T10:12:01+00:00", 1),
        ("Olena Kravets", own, 1200.0, "2024-03-06T09:00:00+00:00", 2),
        (own, "Hotel Sunrise", 89.0, "2024-03-07T19:30:00+00:00", 3),
        (own, "Petro Bondar", 2000.0, "2024-03-13T11:00:00+00:00", 4),
    ]
    assert case.links.loc[case.links["kind"] == "paid", "currency"].tolist() == ["GBP"] * 4


@pytest.mark.parametrize(
    ("kind", "dst_type", "dst_field", "value"),
    [
        ("holds_account", "account", "account", "DE89370400440532013000"),
        ("involved_in", "event", "identifier", "T1"),
    ],
)
def test_only_a_paid_links_negative_amount_turns_it_around(
    tmp_path, kind, dst_type, dst_field, value
):
    """A negative amount on a holding link (as an old draft put one on holds_account) or
    on a person's link to a transaction event is no reversal: the link keeps its
    direction and the amount as written; the same row's `paid` link is turned around
    (Ana Pop paid -50: the account paid her 50)."""
    data, spec = tmp_path / "t.csv", tmp_path / "m.yaml"
    data.write_text(f"name,ref,amount\nAna Pop,{value},-50\n", encoding="utf-8")
    spec.write_text(
        "entities:\n  p: {type: person, fields: {name: name}}\n"
        f"  d: {{type: {dst_type}, fields: {{{dst_field}: ref}}}}\n"
        f"links:\n- {{kind: {kind}, src: p, dst: d, amount: amount}}\n"
        "- {kind: paid, src: p, dst: d, amount: amount}\n",
        encoding="utf-8",
    )
    code, out = run_cli("ingest", str(data), "--mapping", str(spec), "-o", str(tmp_path / "c"))
    assert code == 0, out
    case = Case.load(tmp_path / "c")
    assert [(s, d, a) for s, d, a, *_ in _labelled(case, kind)] == [("Ana Pop", value, -50.0)]
    assert [(s, d, a) for s, d, a, *_ in _labelled(case, "paid")] == [(value, "Ana Pop", 50.0)]


def test_inner_objects_written_as_one_object_or_a_list_are_all_read(tmp_path):
    """persons[].contacts is a list of objects for one person and a single object for
    another (tester 36): every number is read, each linked to its own person."""
    src = tmp_path / "cms.json"
    src.write_text(
        json.dumps(
            {
                "cases": [
                    {
                        "ref": "C1",
                        "persons": [
                            {
                                "name": "Daria Popescu",
                                "contacts": [
                                    {"value": "+373 69 123 456"},
                                    {"value": "+373 69 123 457"},
                                ],
                            },
                            {"name": "Grigore Lungu", "contacts": {"value": "+373 79 555 111"}},
                        ],
                    },
                    {
                        "ref": "C2",
                        "persons": [
                            {"name": "Elena Sirbu", "contacts": [{"value": "+40 722 111 222"}]}
                        ],
                    },
                ]
            }
        ),
        encoding="utf-8",
    )
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        "format: json\nrecords: cases\nentities:\n"
        "  person: {type: person, each: persons, fields: {name: name}}\n"
        "  phone: {type: phone, each: persons, fields: {phone: contacts.value}}\n"
        "links:\n  - {kind: uses_phone, src: person, dst: phone}\n",
        encoding="utf-8",
    )
    out = tmp_path / "c"
    code, text = run_cli("ingest", str(src), "--mapping", str(mapping), "-o", str(out))
    assert code == 0, text
    assert sorted(_labelled_pairs(Case.load(out), "uses_phone")) == [
        ("Daria Popescu", "+37369123456"),
        ("Daria Popescu", "+37369123457"),
        ("Elena Sirbu", "+40722111222"),
        ("Grigore Lungu", "+37379555111"),
    ]
