"""`mapping suggest` reads an id column by how its rows share it (tester round 14, D11): one
whose values repeat on rows of different persons (an arrest, case or operation number, in
any header language) is an event each row's persons are `involved_in`, at the row's date
and time, at the town its rows share; one unique to each row stays the person's record, one
repeated for one person is her id, no event. Each: suggest, then ingest the draft unedited,
through the CLI, against hand-computed links."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from suggest_draft import run_cli as _cli
from suggest_draft import suggest_draft as _draft

from linkgraph.model import Case
from linkgraph.pipeline import sample_data_dir


def _ingest(data: Path, mapping: Path, case: Path) -> Case:
    code, text = _cli("ingest", str(data), "--mapping", str(mapping), "-o", str(case))
    assert code == 0, text
    return Case.load(case)


def _involved(case: Case) -> set[tuple[str, str]]:
    """(person's label, event's label) of each `involved_in` link."""
    label = dict(zip(case.mentions["mention_id"], case.mentions["label"], strict=True))
    links = case.links[case.links["kind"] == "involved_in"]
    return {(label[s], label[d]) for s, d in zip(links["src"], links["dst"], strict=True)}


def _events(case: Case) -> set[tuple[str, str, str]]:
    """(identifier, UTC time, place) of each event mention."""
    events = case.mentions[case.mentions["type"] == "event"]
    return {
        (i, pd.Timestamp(t).strftime("%Y-%m-%d %H:%M"), json.loads(a).get("place"))
        for i, t, a in zip(events["identifier"], events["time"], events["attrs"], strict=True)
    }


_VORGAENGE = (
    "Vorgangsnummer,Datum,Uhrzeit,Tatort,Nachname,Vorname,Geburtsdatum,Handy\n"
    "V-2024-0017,03.02.2024,21:40,Köln,Petrov,Ivan,12.03.1990,+49 170 1111111\n"
    "V-2024-0017,03.02.2024,21:40,Köln,Sidorov,Pavel,02.05.1988,+49 170 2222222\n"
    "V-2024-0018,05.02.2024,10:15,Bonn,Marin,Elena,21.07.1995,+49 170 3333333\n"
    "V-2024-0018,05.02.2024,10:15,Bonn,Ionescu,Mihai,11.11.1985,+49 170 4444444\n"
    "V-2024-0019,09.02.2024,08:00,Essen,Weber,Anna,01.01.1970,+49 170 5555555\n"
    "V-2024-0020,11.02.2024,13:30,Köln,Koch,Jan,05.06.1980,+49 170 6666666\n"
    "V-2024-0020,11.02.2024,13:30,Köln,Petrov,Ivan,12.03.1990,+49 170 1111111\n"
)


def test_a_case_number_shared_by_co_arrested_persons_is_their_event(tmp_path):
    data = tmp_path / "vorgaenge.csv"
    data.write_text(_VORGAENGE, encoding="utf-8")
    draft, mapping = _draft(data, tmp_path)
    assert mapping["entities"]["case"] == {
        "type": "event",
        "fields": {
            "identifier": "Vorgangsnummer",
            "time": {"columns": ["Datum", "Uhrzeit"], "join": " "},
            "place": "Tatort",
        },
    }
    # the town of the arrest is the event's, not the persons'
    assert "city" not in mapping["entities"]["person"]["fields"]
    case = _ingest(data, draft, tmp_path / "case")
    assert _involved(case) == {
        ("Ivan Petrov", "V-2024-0017"),
        ("Pavel Sidorov", "V-2024-0017"),
        ("Elena Marin", "V-2024-0018"),
        ("Mihai Ionescu", "V-2024-0018"),
        ("Anna Weber", "V-2024-0019"),
        ("Jan Koch", "V-2024-0020"),
        ("Ivan Petrov", "V-2024-0020"),
    }
    assert _events(case) == {
        ("V-2024-0017", "2024-02-03 21:40", "Köln"),
        ("V-2024-0018", "2024-02-05 10:15", "Bonn"),
        ("V-2024-0019", "2024-02-09 08:00", "Essen"),
        ("V-2024-0020", "2024-02-11 13:30", "Köln"),
    }


def test_a_proceedings_number_too_long_for_a_phone_is_an_event_in_ukrainian(tmp_path):
    # "Номер" is a phone's word too; 17 digits are no phone (E.164 has 15 at most)
    data = tmp_path / "provadzhennia.csv"
    data.write_text(
        "Номер провадження,Дата,Прізвище,Ім'я\n"
        "12024100000000123,03.02.2024,Петренко,Іван\n"
        "12024100000000123,03.02.2024,Сидоренко,Павло\n"
        "12024100000000456,05.02.2024,Марченко,Олена\n"
        "12024100000000456,05.02.2024,Іваненко,Михайло\n"
        "12024100000000789,09.02.2024,Вебер,Анна\n",
        encoding="utf-8",
    )
    draft, mapping = _draft(data, tmp_path)
    assert not [e for e in mapping["entities"].values() if e["type"] == "phone"]
    assert mapping["entities"]["case"]["fields"]["identifier"] == "Номер провадження"
    case = _ingest(data, draft, tmp_path / "case")
    assert _involved(case) == {
        ("Іван Петренко", "12024100000000123"),
        ("Павло Сидоренко", "12024100000000123"),
        ("Олена Марченко", "12024100000000456"),
        ("Михайло Іваненко", "12024100000000456"),
        ("Анна Вебер", "12024100000000789"),
    }


def test_an_id_unique_to_each_row_stays_the_persons_record(tmp_path):
    data = tmp_path / "liste.csv"
    data.write_text(
        "Datensatz,Nachname,Vorname,Handy\n"
        "R-101,Petrov,Ivan,+49 170 1111111\n"
        "R-102,Sidorov,Pavel,+49 170 2222222\n"
        "R-103,Marin,Elena,+49 170 3333333\n"
        "R-104,Ionescu,Mihai,+49 170 4444444\n",
        encoding="utf-8",
    )
    _, mapping = _draft(data, tmp_path)
    assert [e for e in mapping["entities"].values() if e["type"] == "event"] == []
    assert mapping["entities"]["person"]["fields"]["datensatz"] == "Datensatz"
    assert "links" not in mapping or not [
        link for link in mapping["links"] if link["kind"] == "involved_in"
    ]


def test_an_id_repeated_for_one_person_is_no_event(tmp_path):
    # dated rows would otherwise make each row an event: the values say it is a person's id
    data = tmp_path / "personen.csv"
    data.write_text(
        "Personennummer,Datum,Nachname,Vorname,Handy\n"
        "P-4711,03.02.2024,Petrov,Ivan,+49 170 1111111\n"
        "P-4711,05.03.2024,Petrov,Ivan,+49 170 1111111\n"
        "P-4712,05.02.2024,Marin,Elena,+49 170 3333333\n"
        "P-4712,09.04.2024,Marin,Elena,+49 170 3333333\n"
        "P-4713,11.02.2024,Koch,Jan,+49 170 6666666\n",
        encoding="utf-8",
    )
    _, mapping = _draft(data, tmp_path)
    assert [e for e in mapping["entities"].values() if e["type"] == "event"] == []
    assert mapping["entities"]["person"]["fields"]["record_id"] == "Personennummer"


def test_the_sample_arrests_draft_links_co_arrested_persons_as_the_hand_mapping_does(tmp_path):
    data = sample_data_dir() / "arrests.csv"
    draft, mapping = _draft(data, tmp_path)
    # arrest_id's values ("BPOL-2023-031921") also parse as numbers: still the header's id
    assert mapping["entities"]["case"]["fields"]["identifier"] == "arrest_id"
    drafted = _ingest(data, draft, tmp_path / "drafted")
    by_hand = _ingest(data, sample_data_dir() / "mappings" / "arrests.yaml", tmp_path / "hand")
    assert len(_involved(drafted)) == len(_involved(by_hand)) == 79
    assert _involved(drafted) == _involved(by_hand)
    # the same arrests, times and places (the hand mapping sets the timezone the draft
    # asks for: its times are an hour or two earlier in UTC)
    assert {(i, p) for i, _, p in _events(drafted)} == {(i, p) for i, _, p in _events(by_hand)}
    assert len({i for i, _, _ in _events(drafted)}) == 34


def test_beside_a_shared_case_number_the_rows_own_id_is_the_persons_record(tmp_path):
    data = tmp_path / "vorgaenge.csv"
    rows = _VORGAENGE.splitlines()
    data.write_text(
        "\n".join([f"record_id,{rows[0]}", *(f"R-{n:03d},{row}" for n, row in enumerate(rows[1:]))])
        + "\n",
        encoding="utf-8",
    )
    _, mapping = _draft(data, tmp_path)
    assert mapping["entities"]["case"]["fields"]["identifier"] == "Vorgangsnummer"
    assert mapping["entities"]["person"]["fields"]["record_id"] == "record_id"


def test_a_persons_id_on_her_records_written_with_typos_is_no_event(tmp_path):
    # a deduplication set: the cluster's rows are one person whose names and dates of birth
    # are written with errors; one date of birth is on most rows of each cluster
    data = tmp_path / "figures.csv"
    data.write_text(
        "unique_id,cluster,full_name,dob\n"
        "Q1-1,Q1,thomas clifford,1630-08-01\n"
        "Q1-2,Q1,tom clifford,1630-08-01\n"
        "Q1-3,Q1,thomas of chudleigh,1630-18-01\n"
        "Q2-1,Q2,francis raymond,1845-01-01\n"
        "Q2-2,Q2,frank raymond,1845-01-01\n"
        "Q2-3,Q2,francis ray,1845-01-01\n"
        "Q3-1,Q3,anna weber,1901-02-03\n",
        encoding="utf-8",
    )
    _, mapping = _draft(data, tmp_path)
    assert [e for e in mapping["entities"].values() if e["type"] == "event"] == []
    assert mapping["entities"]["person"]["fields"]["record_id"] == "unique_id"
    assert mapping["entities"]["person"]["fields"]["cluster"] == "cluster"
