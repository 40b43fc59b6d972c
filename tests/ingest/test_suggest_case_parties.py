"""Case management exports (Primero, CiviCRM, an NGO's spreadsheet, a police incident
sheet, a JSON report API): `mapping suggest` then `ingest` with the draft unedited gives
each party of a row its own person, the client of a trafficking case list its victim, a
yes/no victim flag the client's role, an incident's reference its event, an item's own
role kept, and a cell of several names one person each.

The fixtures in tests/fixtures/ingest/case_parties/ are a tester's files; the expected
persons, roles and links below are read off them by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import linkgraph as lg
from tests.ingest.helpers import linked
from tests.suggest_draft import run_cli, suggest_draft

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest" / "case_parties"


def _ingested(tmp_path: Path, data: Path) -> tuple[lg.Case, str]:
    draft, _ = suggest_draft(data, tmp_path)
    out = tmp_path / "case"
    code, text = run_cli("ingest", str(data), "--mapping", str(draft), "-o", str(out))
    assert code == 0, text
    return lg.Case.read(out), draft.read_text(encoding="utf-8")


def _persons(case: lg.Case) -> pd.DataFrame:
    m = case.mentions
    return m[m["type"] == "person"].sort_values(["row", "slot"])


def _by_label(persons: pd.DataFrame, column: str) -> dict[str, object]:
    return {
        str(r.label): (None if pd.isna(getattr(r, column)) else getattr(r, column))
        for r in persons.itertuples()
    }


def test_a_primero_clients_columns_are_the_victim_and_the_recruiters_a_suspect(
    tmp_path: Path,
) -> None:
    case, _ = _ingested(tmp_path, FIXTURES / "ngo_cases_primero.csv")
    persons = _persons(case)
    victims = persons[persons["role"] == "victim"]
    suspects = persons[persons["role"] == "suspect"]
    assert list(victims["label"]) == [
        "Ioana Munteanu", "Elena Vasilescu", "Adebayo Okafor", "Mariana", "Joy Osas",
        "Olga Petrenko",
    ]  # fmt: skip
    # each client keeps her own date of birth and sex, never the recruiter's
    assert [None if pd.isna(d) else str(d) for d in victims["dob"]] == [
        "2001-03-14", "2006-11-22", "1998-07-09", "1995-05-05", None, "1999-12-30",
    ]  # fmt: skip
    assert list(victims["sex"].astype(str)) == ["F", "F", "M", "F", "F", "F"]
    # row 4 names no recruiter: no one; row 5's cell of two names is two suspects
    assert sorted(suspects["label"]) == [
        "Chinedu Eze", "Chinedu Eze", "Ivan Sirko", "Mama Blessing", "Marius Dobre",
        "Marius Dobre",
    ]  # fmt: skip
    assert suspects["dob"].isna().all()
    assert suspects["sex"].isna().all()
    assert len(persons) == 12
    assert persons["label"].notna().all()
    assert sorted(set(linked(case, "label", "label", ["victim_of"]))) == [
        ("Adebayo Okafor", "Chinedu Eze"),
        ("Elena Vasilescu", "Marius Dobre"),
        ("Ioana Munteanu", "Marius Dobre"),
        ("Joy Osas", "Chinedu Eze"),
        ("Joy Osas", "Mama Blessing"),
        ("Olga Petrenko", "Ivan Sirko"),
    ]
    # the recruiters' phones are theirs, none a client's
    assert {s for s, _ in linked(case, "label", "label", ["uses_phone"])} == {
        "Marius Dobre", "Chinedu Eze", "Mama Blessing", "Ivan Sirko",
    }  # fmt: skip


def test_a_yes_no_victim_flag_is_the_clients_role(tmp_path: Path) -> None:
    case, draft = _ingested(tmp_path, FIXTURES / "civicrm_cases.csv")
    persons = _persons(case)
    assert _by_label(persons, "role") == {
        "Daniela Rusu": "victim", "Pavel Lungu": None, "Cristina Bejan": "victim",
        "Ion Cojocaru": "suspect", "Vera Ciobanu": "suspect",
    }  # fmt: skip
    assert sorted(set(linked(case, "label", "label", ["victim_of"]))) == [
        ("Cristina Bejan", "Ion Cojocaru"),
        ("Cristina Bejan", "Vera Ciobanu"),
        ("Daniela Rusu", "Ion Cojocaru"),
    ]  # Pavel Lungu's row says No: no victim there, so of no one
    events = case.mentions[case.mentions["type"] == "event"]
    assert not events["attrs"].fillna("").str.contains("identified_as_victim").any()
    assert "Identified as Victim: a yes/no column" in draft


@pytest.mark.parametrize(
    ("header", "yes", "no"),
    [
        ("Is victim", "yes", "no"),
        ("Victim (Y/N)", "Y", "N"),
        ("Opfer ja/nein", "ja", "nein"),
        ("Víctima: Sí/No", "Sí", "No"),
    ],
)
def test_a_victim_flag_in_several_languages_marks_the_yes_rows(
    tmp_path: Path, header: str, yes: str, no: str
) -> None:
    data = tmp_path / "cases.csv"
    data.write_text(
        f'Name,Phone,"{header}",Suspect Name\n'
        f"Ana Pop,+40 721 000 111,{yes},Dan Voicu\n"
        f"Ion Rus,+40 721 000 333,{no},Dan Voicu\n"
        f"Eva Lup,+40 721 000 555,{yes},\n",
        encoding="utf-8",
    )
    case, _ = _ingested(tmp_path, data)
    roles = _by_label(_persons(case), "role")
    assert roles == {"Ana Pop": "victim", "Ion Rus": None, "Eva Lup": "victim",
                     "Dan Voicu": "suspect"}  # fmt: skip
    assert ("Ana Pop", "Dan Voicu") in linked(case, "label", "label", ["victim_of"])


def test_an_incidents_reference_and_date_are_its_event_not_a_victim(tmp_path: Path) -> None:
    case, _ = _ingested(tmp_path, FIXTURES / "merged_header.xlsx")
    persons = _persons(case)
    assert _by_label(persons[persons["role"] == "victim"], "role") == {
        "Hanna Kovalenko": "victim", "Oksana Melnyk": "victim", "Iryna Shevchenko": "victim",
    }  # fmt: skip
    assert persons["label"].notna().all()
    assert len(persons) == 7
    assert not persons["attrs"].fillna("").str.contains("incident").any()
    events = case.mentions[case.mentions["type"] == "event"].sort_values("row")
    assert list(events["label"]) == ["INC-1", "INC-2", "INC-3", "INC-4"]
    assert [str(t.date()) for t in events["time"]] == [
        "2024-01-05", "2024-01-09", "2024-02-14", "2024-02-20",
    ]  # fmt: skip
    assert sorted(set(linked(case, "label", "label", ["victim_of"]))) == [
        ("Hanna Kovalenko", "Petro Sydorenko"),
        ("Iryna Shevchenko", "Andrii Bondarenko"),
        ("Oksana Melnyk", "Petro Sydorenko"),
    ]


def test_each_suspects_own_role_is_kept_and_said(tmp_path: Path) -> None:
    case, draft = _ingested(tmp_path, FIXTURES / "reports_deep.json")
    suspects = _persons(case)
    suspects = suspects[suspects["role"] == "suspect"]
    own = [json.loads(a)["suspect_role"] for a in suspects["attrs"]]
    assert sorted(zip(suspects["label"], own, strict=True)) == [
        ("Karim Nasser", "recruiter"), ("Karim Nasser", "recruiter"), ("Omar Saleh", "driver"),
    ]  # fmt: skip
    assert "suspects[].role: the suspect's own role" in draft


def test_a_surname_comma_given_name_is_one_person(tmp_path: Path) -> None:
    data = tmp_path / "cases.csv"
    data.write_text(
        "Case ID,Victim Name,Trafficker Name\n"
        'C-1,Ana Pop,"DOBRE, Marius"\n'
        "C-2,Eva Lup,Ion Rus | Dan Voicu\n",
        encoding="utf-8",
    )
    case, _ = _ingested(tmp_path, data)
    assert sorted(set(linked(case, "label", "label", ["victim_of"]))) == [
        ("Ana Pop", "DOBRE, Marius"), ("Eva Lup", "Dan Voicu"), ("Eva Lup", "Ion Rus"),
    ]  # fmt: skip


def test_a_victims_unnamed_columns_stay_hers_when_the_recruiter_comes_first(
    tmp_path: Path,
) -> None:
    data = tmp_path / "cases.csv"
    data.write_text(
        "Recruiter Name,Recruiter Phone,Victim First Name,Victim Last Name,DOB,Gender\n"
        "Dan Voicu,+40 722 000 999,Ana,Pop,01/02/2000,F\n"
        ",,Ion,Rus,03/04/1990,M\n",
        encoding="utf-8",
    )
    case, _ = _ingested(tmp_path, data)
    persons = _persons(case)
    assert _by_label(persons, "role") == {
        "Ana Pop": "victim", "Ion Rus": "victim", "Dan Voicu": "suspect",
    }  # fmt: skip
    assert _by_label(persons, "sex") == {"Ana Pop": "F", "Ion Rus": "M", "Dan Voicu": None}
    assert linked(case, "label", "label", ["victim_of"]) == [("Ana Pop", "Dan Voicu")]


def test_an_incident_date_without_a_reference_dates_the_link_not_a_victim(
    tmp_path: Path,
) -> None:
    data = tmp_path / "incidents.csv"
    data.write_text(
        "Victim Name,Suspect Name,Incident Date\n"
        "Ana Pop,Dan Voicu,2024-01-05\n"
        ",Dan Voicu,2024-01-09\n",
        encoding="utf-8",
    )
    case, _ = _ingested(tmp_path, data)
    persons = _persons(case)
    assert sorted(persons["label"]) == ["Ana Pop", "Dan Voicu", "Dan Voicu"]
    (link,) = case.links.itertuples()
    assert link.kind == "victim_of"
    assert str(link.time.date()) == "2024-01-05"


def test_a_flag_with_a_value_is_refused_naming_the_key(tmp_path: Path) -> None:
    data = tmp_path / "cases.csv"
    data.write_text("Name,Is victim\nAna Pop,yes\n", encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "format: csv\nentities:\n  p: {type: person, fields: {name: Name,"
        " role: {value: victim, flag: victim}}}\n",
        encoding="utf-8",
    )
    code, text = run_cli("mapping", "check", str(data), "--mapping", str(bad))
    assert code != 0
    assert "entities.p.fields.role.flag" in text


def test_a_ukrainian_client_list_with_its_flag_keeps_client_and_recruiter(
    tmp_path: Path,
) -> None:
    """La Strada's list: "Визнана жертвою" (Так/Ні) is the client's role, never her name;
    "Вербувальник" the suspect; his phone (genitive "вербувальника") his; "Громадянство"
    her nationality, "Країна призначення" (destination) not; "№ справи" the row's case."""
    case, draft = _ingested(tmp_path, FIXTURES / "lastrada_ua.csv")
    persons = _persons(case)
    assert _by_label(persons[persons["slot"] == "client"], "role") == {
        "Оксана Петренко": "victim", "Марія Коваль": "victim", "Людмила Бойко": None,
        "Наталія Шевчук": "victim", "Олена Кравець": "victim",
    }  # fmt: skip
    assert _by_label(persons[persons["slot"] == "client"], "nationality") == {
        "Оксана Петренко": "UA", "Марія Коваль": "UA", "Людмила Бойко": "MD",
        "Наталія Шевчук": "UA", "Олена Кравець": "UA",
    }  # fmt: skip
    suspects = persons[persons["role"] == "suspect"]
    assert sorted(suspects["label"]) == sorted([
        "Василь Гнатюк", "Василь Гнатюк", "Ірина Мельник", "Ірина Мельник", "Петро Савчук",
    ])  # fmt: skip
    assert {s for s, _ in linked(case, "label", "label", ["uses_phone"])} == {
        "Василь Гнатюк", "Ірина Мельник",
    }  # fmt: skip
    assert ("Оксана Петренко", "Василь Гнатюк") in linked(case, "label", "label", ["victim_of"])
    events = case.mentions[case.mentions["type"] == "event"]
    assert sorted(events["label"]) == [f"LS-2024-01{n}" for n in range(1, 6)]
    assert "Columns not mapped" not in draft


def test_yes_no_flags_in_other_languages_beside_a_victim_slot_are_its_role(
    tmp_path: Path,
) -> None:
    """ "Identified as Victim" and Tagalog "Biktima (Oo/Hindi)" beside a victim name
    column: the "No"/"Hindi" rows are no victims; the recruiter of "Pangalan ng Recruiter"
    is a suspect with his phone; "Bansang Pupuntahan" (destination) no nationality."""
    case, _ = _ingested(tmp_path, FIXTURES / "polaris_hotline.csv")
    persons = _persons(case)
    assert _by_label(persons[persons["slot"] == "victim"], "role") == {
        "Maria Lopez": "victim", "Jose Ramirez": None, "Ana Torres": "victim",
        "Luis Gomez": "victim", "Pedro Gomez": "victim",
    }  # fmt: skip
    case, _ = _ingested(tmp_path / "ph", FIXTURES / "iacat_ph.csv")
    persons = _persons(case)
    assert _by_label(persons[persons["slot"] == "victim"], "role") == {
        "Maricel Dela Cruz": "victim", "Jenny Santos": "victim", "Roberto Garcia": None,
        "Analyn Reyes": "victim",
    }  # fmt: skip
    assert persons["nationality"].isna().all()
    assert sorted(persons.loc[persons["role"] == "suspect", "label"]) == [
        "Liza Mercado", "Liza Mercado", "Ramon Villanueva", "Ramon Villanueva",
        "Ramon Villanueva",
    ]  # fmt: skip
    assert {s for s, _ in linked(case, "label", "label", ["uses_phone"])} == {
        "Liza Mercado", "Ramon Villanueva",
    }  # fmt: skip


def test_a_suspects_phone_and_the_case_number_in_indonesian_and_turkish(
    tmp_path: Path,
) -> None:
    """ "No HP Tersangka" is the suspect's phone, "No. LP" and "Dosya No" the row's case
    (dated by "Tanggal Kejadian", "Olay Tarihi"), never the victim's attributes."""
    case, draft = _ingested(tmp_path, FIXTURES / "polri_id.csv")
    assert {s for s, _ in linked(case, "label", "label", ["uses_phone"])} == {
        "Budi Santoso", "Agus Pratama", "Hendra Wijaya",
    }  # fmt: skip
    assert ("Siti Rahmawati", "LP/112/III/2024") in linked(case, "label", "label", ["involved_in"])
    assert "no_hp_tersangka" not in draft
    assert "no_lp:" not in draft
    case, draft = _ingested(tmp_path / "tr", FIXTURES / "jandarma_tr.csv")
    assert ("Olena Marchenko", "2024/155") in linked(case, "label", "label", ["involved_in"])
    assert "dosya_no" not in draft


def test_a_hotline_row_without_victim_makes_no_one_of_its_city_and_callers_phone(
    tmp_path: Path,
) -> None:
    """Polaris row 4 names no victim and no trafficker: no unnamed person from its
    "Location City" and "Caller Phone"; the caller's phone is no victim's."""
    case, _ = _ingested(tmp_path, FIXTURES / "polaris_hotline.csv")
    persons = _persons(case)
    assert 4 not in set(persons["row"])
    assert persons["label"].str.startswith("unnamed").sum() == 0
    phones = dict(linked(case, "label", "label", ["uses_phone"]))
    assert set(phones) == {"Kevin Brandt", "Tina Ruiz", "Ray Holt"}
