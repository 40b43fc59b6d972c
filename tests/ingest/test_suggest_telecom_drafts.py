"""Drafts of `mapping suggest` for telecom, money-transfer and travel exports a user could
not accept as they were (tester 29): a cell site's name drafted as a person using the
phone, a receiver's local number read in the sender's country, a CDR and a tower dump
whose numbers' headers named no phone, a flight number alone keying flights months apart
as one, a car's plate kept as an attribute. Each through the user's path: suggest, then
ingest the draft unedited, against hand-computed mentions, links and rejects."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from linkgraph.model import Case
from tests.suggest_draft import run_cli, suggest_draft

FILES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest" / "telecom_drafts"


def _suggest_ingest(path: Path, tmp: Path) -> tuple[Case, dict, str]:
    """The draft of ``path``, ingested unedited: (case, draft YAML, draft text)."""
    draft, mapping = suggest_draft(path, tmp)
    code, text = run_cli("ingest", str(path), "--mapping", str(draft), "-o", str(tmp / "c"))
    assert code == 0, text
    return Case.read(tmp / "c"), mapping, draft.read_text(encoding="utf-8")


def _links(case: Case, *kinds: str) -> list[tuple[int, str, str, str]]:
    """(row, kind, src label, dst label) of the case's links of ``kinds``, by row."""
    label = dict(zip(case.mentions["mention_id"], case.mentions["label"], strict=True))
    lk = case.links[case.links["kind"].isin(kinds)]
    rows = zip(lk["row"], lk["kind"], lk["src"], lk["dst"], strict=True)
    return sorted((int(r), k, label[s], label[d]) for r, k, s, d in rows)


def _attr(case: Case, kind: str, name: str) -> dict[int, str]:
    """Each row's link attribute ``name`` of the links of ``kind``."""
    lk = case.links[case.links["kind"].eq(kind)]
    return {int(r): a.get(name) for r, a in zip(lk["row"], lk["attrs"].map(_json), strict=True)}


def _json(value: object) -> dict:
    import json

    return {} if value is None or pd.isna(value) else json.loads(str(value))


# -- D4: a cell site's name is the call's place, never a person --------------------------


@pytest.mark.parametrize(
    ("header", "attr"),
    [
        ("SITE_NAME", "site"),
        ("Cell Name", "site"),
        ("BTS Name", "site"),
        ("Tower", "site"),
        ("BTS", "site"),
        ("Site Address", "site_address"),
        ("Location", "site"),
    ],
)
def test_a_cell_sites_name_is_kept_on_the_call_not_made_a_person(tmp_path, header, attr):
    """MTN Nigeria's CDR (A_NUMBER, B_NUMBER, CELL_ID, SITE_NAME): no person
    "IKEJA_GRA_3" using two phones; each call keeps its cell and the site's name."""
    text = (FILES / "cdr_mtn_ng.csv").read_text(encoding="utf-8")
    path = tmp_path / "cdr.csv"
    path.write_text(text.replace("SITE_NAME", header, 1), encoding="utf-8")
    case, _mapping, _ = _suggest_ingest(path, tmp_path)
    assert not case.mentions["type"].eq("person").any()
    assert not case.links["kind"].eq("uses_phone").any()
    assert _links(case, "called", "messaged") == [
        (1, "called", "+2348031234567", "+2348051234567"),
        (2, "called", "+2348051234567", "+2348031234567"),
        (3, "messaged", "+2348031234567", "+447911123456"),
        (4, "called", "+2348031234567", "+2348099998888"),
    ]
    sites = {1: "IKEJA_GRA_3", 2: "IKEJA_GRA_3", 3: "LEKKI_PH1", 4: "LEKKI_PH1"}
    assert _attr(case, "called", attr) | _attr(case, "messaged", attr) == sites
    assert _attr(case, "called", "cell") == {1: "62101-1234", 2: "62101-1234", 4: "62101-2222"}


# -- D6: each party's local numbers in that party's country ------------------------------


def test_each_partys_local_number_is_read_in_that_partys_country(tmp_path):
    """Western Union's agent list (Sender Country, Sender Phone, Receiver Country, Receiver
    Phone; five countries): no one region; the Moldovan receiver's 069 123 456 is
    +373 69 123 456 (not +39 ...), the Nigerian receiver's 0803 123 4567 and the British
    receiver's 07911 123456 are read, not rejected. The transfer still AVAILABLE (row 2,
    not paid out) and the REFUNDED one (row 5) are no payments (tester 40, D7): the
    draft skips them, their only rejects."""
    case, mapping, text = _suggest_ingest(FILES / "wu_agent_transfers.csv", tmp_path)
    assert "region" not in mapping
    assert "# Receiver Phone: its local numbers are read with Receiver Country" in text
    assert mapping["skip_rows_where"] == {"column": "Status", "not_in": ["PAID"]}
    assert case.rejects[["row", "reason", "value"]].values.tolist() == [
        [2, "skipped_by_mapping", "AVAILABLE"],
        [5, "skipped_by_mapping", "REFUNDED"],
    ]
    assert _links(case, "uses_phone") == [
        (1, "uses_phone", "ADEBAYO OLUWASEUN", "+447911123456"),
        (1, "uses_phone", "CHIOMA NWOSU", "+2348031234567"),
        (3, "uses_phone", "ION IONESCU", "+37369123456"),
        (3, "uses_phone", "MARIA IONESCU", "+393201234567"),
        (4, "uses_phone", "ADEBAYO OLUWASEUN", "+447911123456"),
        (4, "uses_phone", "CHIOMA NWOSU", "+2348031234567"),
    ]
    # D11: the payout agent and status are the transfer's, not the sender's
    sender = case.mentions[case.mentions["slot"].eq("sender")]
    assert not sender["attrs"].map(_json).map(lambda a: "payout_agent" in a).any()
    assert _attr(case, "paid", "payout_agent")[3] == "MAIB CHISINAU"
    assert _attr(case, "paid", "status")[3] == "PAID"
    # D11: Send Date and Send Time are the transfer's time together
    paid = case.links[case.links["kind"].eq("paid")].sort_values("row")
    assert [pd.Timestamp(t).isoformat() for t in paid["time"]] == [
        "2024-03-14T14:22:00+00:00",
        "2024-03-18T17:40:00+00:00",
        "2024-03-20T11:11:00+00:00",
    ]


def test_a_receivers_phone_follows_her_country_under_a_hand_written_region(tmp_path):
    """A mapping of the analyst's own, `region: IT` and each party's country on its
    person: the receiver's phone slot is read with the receiver's country; a row without
    one falls back to the region, never to the sender's country."""
    path = tmp_path / "t.csv"
    path.write_text(
        "Sender,Sender Country,Sender Phone,Receiver,Receiver Country,Receiver Phone\n"
        "A,GB,07911 123456,B,MD,069 123 456\n"
        "C,NG,0803 123 4567,D,,320 123 4567\n",
        encoding="utf-8",
    )
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        "format: csv\nregion: IT\nentities:\n"
        "  sender: {type: person, fields: {name: Sender, country: Sender Country}}\n"
        "  sender_phone: {type: phone, fields: {phone: Sender Phone}}\n"
        "  receiver: {type: person, fields: {name: Receiver, country: Receiver Country}}\n"
        "  receiver_phone: {type: phone, fields: {phone: Receiver Phone}}\n"
        "links:\n"
        "  - {kind: uses_phone, src: sender, dst: sender_phone}\n"
        "  - {kind: uses_phone, src: receiver, dst: receiver_phone}\n",
        encoding="utf-8",
    )
    code, out = run_cli("ingest", str(path), "--mapping", str(mapping), "-o", str(tmp_path / "c"))
    assert code == 0, out
    case = Case.read(tmp_path / "c")
    assert _links(case, "uses_phone") == [
        (1, "uses_phone", "A", "+447911123456"),
        (1, "uses_phone", "B", "+37369123456"),
        (2, "uses_phone", "C", "+2348031234567"),
        (2, "uses_phone", "D", "+393201234567"),
    ]


def test_a_phone_of_a_party_without_its_own_country_is_warned_about(tmp_path):
    """Only the receiver's country is given: the sender's local numbers are not read with
    it (the receiver's Moldova would make the Romanian 0721 invalid) but with `region:`,
    and the draft, which sets none (the numbers read in several countries), says so."""
    path = tmp_path / "t.csv"
    path.write_text(
        "Sender Name,Sender Phone,Receiver Name,Receiver Country,Amount,Currency\n"
        "Ana Pop,0721 000 111,Ion Rusu,MD,100.00,EUR\n"
        "Ana Pop,0721 000 111,Maria Ceban,MD,250.00,EUR\n",
        encoding="utf-8",
    )
    _, _, text = _suggest_ingest(path, tmp_path)
    assert (
        "# WARNING: Sender Phone: its local numbers are read with `region:`, not with"
        " Receiver Country (another party's country), and rejected without one" in text
    )
    # with the region its note asks for, the sender's number is the Romanian mobile
    draft = tmp_path / "with_region.yaml"
    draft.write_text(text.replace("format: csv", "format: csv\nregion: RO"), encoding="utf-8")
    code, out = run_cli("ingest", str(path), "--mapping", str(draft), "-o", str(tmp_path / "r"))
    assert code == 0, out
    assert _links(Case.read(tmp_path / "r"), "uses_phone") == [
        (1, "uses_phone", "Ana Pop", "+40721000111"),
        (2, "uses_phone", "Ana Pop", "+40721000111"),
    ]


# -- D8 / D7: a Thai CDR and a tower dump -----------------------------------------------


def test_a_cdr_with_calling_no_and_called_no_is_drafted(tmp_path):
    """AIS Thailand (Calling No, Called No, Call Type MO/MT/SMS, Buddhist-era dates):
    calls and messages between the two numbers, read as Thai (the Buddhist era decides
    among the plans that read them alike)."""
    case, mapping, _ = _suggest_ingest(FILES / "cdr_ais_th.csv", tmp_path)
    assert mapping["region"] == "TH"
    assert _links(case, "called", "messaged") == [
        (1, "called", "+66812345678", "+66898765432"),
        (2, "called", "+66898765432", "+66812345678"),
        (3, "called", "+66812345678", "+959123456789"),
        (4, "messaged", "+66812345678", "+66865554444"),  # Call Type "SMS"
    ]
    # +959123456789 is no valid Myanmar number: kept as written, and a reject says so
    assert case.rejects[["row", "column", "reason"]].values.tolist() == [
        [3, "Called No", "phone_invalid"]
    ]
    called = case.links[case.links["kind"].eq("called")].sort_values("row")
    assert pd.Timestamp(called["time"].iloc[0]).isoformat() == "2024-03-06T14:22:05+00:00"
    areas = _attr(case, "called", "area") | _attr(case, "messaged", "area")
    assert areas == {1: "1001", 2: "1001", 3: "1001", 4: "1002"}


def test_a_tower_dump_gives_calls_at_their_time_with_the_handset(tmp_path):
    """Three UK's tower dump (MSISDN, Other Party, Event VOICE_MO/VOICE_MT/SMS_MO/...,
    IMEI, IMSI, Site Address): each call or message between the two numbers, the way
    it went, at its time; the handset and SIM on the MSISDN's phone; the site's address
    and the location area on the link."""
    case, mapping, _ = _suggest_ingest(FILES / "tower_dump_three_uk.csv", tmp_path)
    assert "region" not in mapping  # 4479... are international numbers, not German ones
    assert _links(case, "called", "messaged") == [
        (2, "called", "+447812345678", "+447912345678"),
        (3, "messaged", "+447400123456", "+447700123456"),
        (7, "called", "+447812345678", "+447911123456"),
        (8, "messaged", "+447912345678", "+447700123456"),
        (12, "called", "+447812345678", "+447700123456"),
    ]
    # 447911654321 is no valid UK number: each of its rows a reject, not a silent loss
    bad = case.rejects[case.rejects["reason"].eq("phone_invalid")]
    assert sorted(bad["row"]) == [1, 6, 11]
    m = case.mentions
    first = m[(m["row"] == 1) & (m["phone"] == "+447911123456")].iloc[0]
    attrs = _json(first["attrs"])
    assert (attrs["imei"], attrs["imsi"]) == ("356938035640000", "234200000000000")
    called = case.links[case.links["kind"].eq("called")].sort_values("row")
    assert pd.Timestamp(called["time"].iloc[0]).isoformat() == "2024-03-09T23:04:00+00:00"
    assert set(_attr(case, "called", "site_address").values()) == {"Unit 4, Thames Road, London"}
    assert set(_attr(case, "called", "area").values()) == {"0x01C2"}


def test_a_served_line_cdrs_lac_is_kept_as_area(tmp_path):
    """Vodafone Romania (MSISDN, OTHER_PARTY, CELL_ID, LAC): the LAC on each call."""
    case, _, _ = _suggest_ingest(FILES / "cdr_vodafone_ro.csv", tmp_path)
    areas = _attr(case, "called", "area") | _attr(case, "messaged", "area")
    assert areas == {1: "1201", 2: "1201", 3: "1201", 4: "1201", 6: "1305", 7: "1305"}


# -- D3 / D9: flights and cars ----------------------------------------------------------


def _entities(case_dir: Path, slot: str) -> dict[str, str]:
    """Each mention label of ``slot`` -> its entity, after `linkgraph resolve`."""
    code, out = run_cli("resolve", str(case_dir))
    assert code == 0, out
    m = pd.read_parquet(case_dir / "mentions.parquet")
    r = pd.read_parquet(case_dir / "resolution.parquet")
    x = m[m["slot"].eq(slot)].merge(r, on="mention_id")
    return dict(zip(x["row"].astype(int), x["entity_id"], strict=True))


def test_one_flight_number_on_three_days_is_three_flights(tmp_path):
    """W6 3302 on 21 March, 2 May and 13 June, a passenger on each: three flights after
    resolve, not one that would make the three co-travellers."""
    _suggest_ingest(FILES / "pnr_seats.csv", tmp_path)
    flights = _entities(tmp_path / "c", "case")
    assert len(flights) == 3
    assert len(set(flights.values())) == 3


def test_travellers_of_one_booking_share_its_flight_and_booking(tmp_path):
    """Three travellers on booking X7K2LM, W6 3302 of 21 March; one of them back on
    W6 3303 of 24 March under QP9ZZ1."""
    _suggest_ingest(FILES / "pnr_export.csv", tmp_path)
    flights = _entities(tmp_path / "c", "case")
    assert flights[1] == flights[2] == flights[3] != flights[4]
    bookings = _entities(tmp_path / "c", "booking")
    assert bookings[1] == bookings[2] == bookings[3] != bookings[4]


@pytest.mark.parametrize("header", ["Nr. auto", "Plate", "Kennzeichen", "Vehicle reg"])
def test_a_border_crossings_car_is_a_vehicle_of_its_travellers(tmp_path, header):
    """Moldovan border crossings: CEBAN ANA and RUSU VICTOR in car C 123 AB are linked
    through it (RUSU again on 19 March), POPESCU ION to B 77 XYZ, CEBAN MARIA (no car)
    to none; the draft proposes the crossings' zone, Europe/Chisinau."""
    text = (FILES / "border_crossings_md.csv").read_text(encoding="utf-8")
    path = tmp_path / "crossings.csv"
    path.write_text(text.replace("Nr. auto", header, 1), encoding="utf-8")
    case, _, draft = _suggest_ingest(path, tmp_path)
    assert _links(case, "travelled_in") == [
        (1, "travelled_in", "ANA CEBAN", "C123AB"),
        (2, "travelled_in", "VICTOR RUSU", "C123AB"),
        (3, "travelled_in", "ION POPESCU", "B77XYZ"),
        (4, "travelled_in", "VICTOR RUSU", "C123AB"),
    ]
    assert "timezone: Europe/Chisinau" in draft
    assert "Area/City" not in draft
