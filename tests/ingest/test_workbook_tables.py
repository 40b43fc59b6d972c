"""A case workbook of related tables, a sheet each (tester 32, D3): Persons, Phones,
Vehicles and Events linked by a person's id, with a Cover sheet of notes and a hidden
Lists sheet of dropdown values. The draft reads Persons; before, the ingest summary said
nothing of the three other tables left unread. Through the user's path: suggest, then
ingest the draft unedited; the rows and titles of each sheet counted by hand."""

from __future__ import annotations

from pathlib import Path

from suggest_draft import run_cli, suggest_draft

from linkgraph.model import Case

BOOK = (
    Path(__file__).resolve().parents[1]
    / "fixtures"
    / "ingest"
    / "mixed_shapes"
    / "case_workbook.xlsx"
)


def test_the_other_tables_of_a_workbook_left_unread_are_named_in_the_summary(tmp_path):
    draft, mapping = suggest_draft(BOOK, tmp_path)
    assert mapping["sheet"] == "Persons"
    out = tmp_path / "c"
    code, text = run_cli("ingest", str(BOOK), "--mapping", str(draft), "-o", str(out))
    assert code == 0, text
    persons = Case.load(out).mentions
    assert sorted(persons["name"]) == [
        "Dmitri Volkov", "Irina Moraru", "Nicu Lungu", "Svetlana Rusu", "Vasile Ciobanu",
    ]  # fmt: skip
    said = " ".join(text.split())
    assert (
        "warning: 3 other sheets of case_workbook.xlsx, tables of their own, not read by"
        " this mapping: 'Phones' (5 rows: Phone ID, Person ID, Number, Type); 'Vehicles'"
        " (2 rows: Plate, Make, Owner ID, Seen); 'Events' (3 rows: Event ID, Date, Place,"
        " Persons involved)."
    ) in said
    assert "`linkgraph mapping suggest case_workbook.xlsx --sheet Phones`" in said
    # the cover page of notes and the hidden lookup list are no tables left unread
    assert "'Cover'" not in said
    assert "'Lists'" not in said


def test_a_sheet_read_through_its_own_mapping_says_the_others(tmp_path):
    """Following the warning: the Phones sheet's draft, ingested into the same case, reads
    its five numbers, and its summary names the three sheets that mapping leaves."""
    out = tmp_path / "c"
    draft, _ = suggest_draft(BOOK, tmp_path)
    assert run_cli("ingest", str(BOOK), "--mapping", str(draft), "-o", str(out))[0] == 0
    phones = tmp_path / "phones.yaml"
    code, text = run_cli("mapping", "suggest", str(BOOK), "--sheet", "Phones", "-o", str(phones))
    assert code == 0, text
    code, text = run_cli("ingest", str(BOOK), "--mapping", str(phones), "-o", str(out))
    assert code == 0, text
    m = Case.load(out).mentions
    assert sorted(m.loc[m["type"] == "phone", "phone"]) == [
        "+37369123456", "+37369123456", "+40721900001", "+40721900002", "+79165550101",
    ]  # fmt: skip
    assert (m["type"] == "person").sum() == 5
    said = " ".join(text.split())
    assert "3 other sheets of case_workbook.xlsx" in said
    assert "'Persons' (5 rows: Person ID, Full Name, DOB, Role, Nationality)" in said


def test_a_sheet_of_events_drafts_each_row_an_event_at_its_date_and_place(tmp_path):
    """Events (Event ID, Date, Place, Persons involved), no person column: each row an
    event keyed by its id at its date (a date cell or a date written as text), located in
    its place. Before, the draft made only the places, the ids and dates left out."""
    draft = tmp_path / "events.yaml"
    code, text = run_cli("mapping", "suggest", str(BOOK), "--sheet", "Events", "-o", str(draft))
    assert code == 0, text
    out = tmp_path / "c"
    code, text = run_cli("ingest", str(BOOK), "--mapping", str(draft), "-o", str(out))
    assert code == 0, text
    case = Case.load(out)
    m = case.mentions
    events = m[m["type"] == "event"].sort_values("row")
    assert list(zip(events["identifier"], events["time"].dt.date.astype(str), strict=True)) == [
        ("E1", "2024-01-20"),
        ("E2", "2024-02-05"),
        ("E3", "2024-03-01"),
    ]
    label = dict(zip(m["mention_id"], m["label"], strict=True))
    placed = case.links[case.links["kind"] == "located_in"]
    pairs = zip(placed["src"], placed["dst"], strict=True)
    assert sorted((label[s], label[d]) for s, d in pairs) == [
        ("E1", "Chisinau"),
        ("E2", "Bucharest"),
        ("E3", "Iasi"),
    ]
    assert case.rejects.empty


def test_an_owner_id_beside_a_date_is_no_event(tmp_path):
    """Vehicles (Plate, Make, Owner ID, Seen): the owner's id names a person, not an
    event, so no event is drafted of it."""
    draft = tmp_path / "vehicles.yaml"
    code, text = run_cli("mapping", "suggest", str(BOOK), "--sheet", "Vehicles", "-o", str(draft))
    assert code == 0, text
    assert "type: event" not in draft.read_text(encoding="utf-8")
