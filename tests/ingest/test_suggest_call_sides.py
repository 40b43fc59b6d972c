"""A CDR whose call ends are headed only by their side ("From"/"To", "A"/"B",
"Origin"/"Destination", "Von"/"An", "De"/"Para", "Source"/"Target") over national numbers
written with spaces ("07911 123456") is drafted as calls between phones: before, it was
taken for an edge list of persons named by their numbers (From/To, Source/Target), or
no proposal fitted it at all (A/B, Von/An). Other files' From/To columns stay what they
are: a travel table's countries, a statement's accounts (now paid from one to the other),
an edge list of names. Each through the user's path: suggest, ingest the draft unedited,
the case's links against hand-read numbers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from linkgraph.model import Case
from tests.suggest_draft import run_cli, suggest_draft

#: UK numbers written nationally, and their E.164 forms, read by hand.
ROWS = [
    ("07911 123456", "07912 345678", "2024-03-01 10:00", "120"),
    ("07912 345678", "020 7946 0958", "2024-03-01 11:00", "60"),
    ("07911 123456", "020 7946 0958", "2024-03-02 09:30", "45"),
]
CALLS = [
    (1, "called", "+447911123456", "+447912345678"),
    (2, "called", "+447912345678", "+442079460958"),
    (3, "called", "+447911123456", "+442079460958"),
]
SIDES = [
    ("From", "To"),
    ("A", "B"),
    ("Origin", "Destination"),
    ("Von", "An"),
    ("De", "Para"),
    ("Source", "Target"),
    ("From No", "To No"),
]


def _write(tmp: Path, header: str, rows: list[tuple[str, ...]], name: str = "calls.csv") -> Path:
    path = tmp / name
    path.write_text("\n".join([header, *(",".join(r) for r in rows)]) + "\n", encoding="utf-8")
    return path


def _links(case: Case) -> list[tuple[int, str, str, str]]:
    label = dict(zip(case.mentions["mention_id"], case.mentions["label"], strict=True))
    lk = case.links
    rows = zip(lk["row"], lk["kind"], lk["src"], lk["dst"], strict=True)
    return sorted((int(r), k, label[s], label[d]) for r, k, s, d in rows)


def _ingest(tmp: Path, data: Path, draft: Path) -> Case:
    code, out = run_cli("ingest", str(data), "--mapping", str(draft), "-o", str(tmp / "c"))
    assert code == 0, out
    return Case.read(tmp / "c")


@pytest.mark.parametrize(("caller", "callee"), SIDES)
def test_a_calls_sides_over_national_numbers_are_caller_and_callee(tmp_path, caller, callee):
    data = _write(tmp_path, f"{caller},{callee},Date,Duration", ROWS)
    draft = tmp_path / "d.yaml"
    code, out = run_cli("mapping", "suggest", str(data), "--region", "GB", "-o", str(draft))
    assert code == 0, out
    case = _ingest(tmp_path, data, draft)
    assert _links(case) == CALLS
    assert set(case.mentions["type"]) == {"phone"}
    assert case.rejects.empty
    durations = sorted(str(json.loads(a)["duration"]) for a in case.links["attrs"])
    assert durations == ["120", "45", "60"]


def test_the_region_is_read_from_the_files_own_international_number(tmp_path):
    """No --region: one number written with +44 names the country of the others."""
    rows = [*ROWS, ("+44 7400 123456", "07825 123456", "2024-03-03 08:00", "30")]
    data = _write(tmp_path, "From,To,Date,Duration", rows)
    draft, mapping = suggest_draft(data, tmp_path)
    assert mapping["region"] == "GB"
    assert mapping["entities"] == {
        "caller": {"type": "phone", "fields": {"phone": "From"}},
        "callee": {"type": "phone", "fields": {"phone": "To"}},
    }
    case = _ingest(tmp_path, data, draft)
    assert _links(case) == [*CALLS, (4, "called", "+447400123456", "+447825123456")]


def test_a_travel_tables_from_and_to_stay_countries(tmp_path):
    data = _write(
        tmp_path,
        "From,To,Date,Travellers",
        [
            ("Moldova", "Italy", "2024-03-01", "3"),
            ("Romania", "Germany", "2024-03-02", "1"),
            ("Moldova", "Spain", "2024-03-05", "2"),
        ],
    )
    _, mapping = suggest_draft(data, tmp_path)
    assert "entities" not in mapping or not any(
        e["type"] == "phone" for e in mapping["entities"].values()
    )
    assert mapping["network"]["node_type"] == "location"


def test_a_statements_from_and_to_accounts_are_paid_from_one_to_the_other(tmp_path):
    """Before: two accounts per row and no link between them ("To" named no receiver)."""
    data = _write(
        tmp_path,
        "Date,From,To,Amount",
        [("2024-03-01", "DE89370400440532013000", "MD24AG000225100013104168", "100.00"),
         ("2024-03-02", "MD24AG000225100013104168", "PL61109010140000071219812874", "50.00")],
    )  # fmt: skip
    draft, mapping = suggest_draft(data, tmp_path)
    assert {e["type"] for e in mapping["entities"].values()} == {"account"}
    case = _ingest(tmp_path, data, draft)
    assert _links(case) == [
        (1, "paid", "DE89370400440532013000", "MD24AG000225100013104168"),
        (2, "paid", "MD24AG000225100013104168", "PL61109010140000071219812874"),
    ]
    assert sorted(case.links["amount"]) == [50.0, 100.0]


def test_an_edge_list_of_names_from_and_to_stays_persons(tmp_path):
    data = _write(
        tmp_path,
        "From,To,Date",
        [("Ion Rusu", "Ana Ceban", "2024-03-01"), ("Ana Ceban", "Vasile Lupu", "2024-03-02")],
    )
    draft, mapping = suggest_draft(data, tmp_path)
    assert mapping["format"] == "edgelist"
    assert mapping["network"]["node_type"] == "person"
    case = _ingest(tmp_path, data, draft)
    assert _links(case) == [
        (1, "contacted", "Ion Rusu", "Ana Ceban"),
        (2, "contacted", "Ana Ceban", "Vasile Lupu"),
    ]


@pytest.mark.parametrize(
    ("caller", "callee"),
    [("A", "B"), ("Origin", "Destination"), ("Von", "An"), ("De", "Para"), ("From", "To")],
)
def test_the_cdr_preset_reads_a_calls_sides_too(tmp_path, caller, callee):
    """`ingest --preset cdr` on the same headers (before: "A", "Von", "De", "Origin" were
    no caller it knew, and the file was refused)."""
    data = _write(tmp_path, f"{caller},{callee},Date,Duration", ROWS)
    code, out = run_cli(
        "ingest", str(data), "--preset", "cdr", "--region", "GB", "-o", str(tmp_path / "c")
    )
    assert code == 0, out
    case = Case.read(tmp_path / "c")
    assert _links(case) == CALLS
    assert case.rejects.empty


def test_a_statements_from_and_to_numbers_are_never_drafted_as_phones(tmp_path):
    """Eight-digit account numbers beside amounts are phone-shaped: no call draft is made
    of them, and the error's hint names accounts before a region (before: only a region,
    as if they could only be phones)."""
    data = _write(
        tmp_path,
        "Date,From,To,Amount",
        [
            ("2024-03-01", "12345678", "87654321", "100.00"),
            ("2024-03-02", "87654321", "11223344", "50.00"),
        ],
    )
    code, out = run_cli("mapping", "suggest", str(data))
    assert code != 0
    said = " ".join(out.split())
    assert "From, To hold numbers that may be account numbers of the payments" in said
    assert "called" not in said
