"""Drafts of `mapping suggest` a user would accept as they are (tester round 8): a
passport number is a document whatever its digits look like, a booking reference links the
travellers booked together, a payment export's account owner is no counterparty's e-mail,
a statement's Debit/Credit (or Paid In/Withdrawn) columns are read from the holder's side,
an STR's Amount is its payment's. Each: suggest, then ingest the draft unedited, through
the CLI, against hand-computed entities and links."""

from __future__ import annotations

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
