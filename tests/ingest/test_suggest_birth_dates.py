"""A date-of-birth column is the person's ``dob`` in every role language, never the time
of the case's event: `mapping suggest` drafted the Romanian `data_nasterii` as the case
event's time, so victims' dates of birth came out of every table export as event times
(tester round 18, V5)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.suggest_draft import run_cli, suggest_draft

ROWS = [
    ("D-1", "Bondar", "Anna", "30.11.2001", "victimă", "+380931230001"),
    ("D-2", "Marin", "Elena", "20.01.2000", "victimă", "+40733444555"),
    ("D-3", "Stan", "Gheorghe", "24.09.1994", "suspect", "+40744547015"),
]


def _write(path: Path, birth_header: str) -> None:
    head = f"dosar,nume,prenume,{birth_header},calitate,telefon\n"
    body = "".join(",".join(row) + "\n" for row in ROWS)
    path.write_text(head + body, encoding="utf-8")


@pytest.mark.parametrize(
    "birth_header",
    [
        "data_nasterii",
        "data nașterii",
        "Data nasterii",
        "fecha_nacimiento",
        "data_nascimento",
        "geburtsdatum",
        "Geb.-Datum",
        "date_naissance",
        "дата_рождения",
        "дата народження",
        "дата нар.",
        "data_urodzenia",
        "doğum_tarihi",
        "datum rođenja",
        "datum narození",
        "születési dátum",
        "födelsedatum",
    ],
)
def test_a_birth_date_header_is_the_persons_dob_not_the_events_time(
    tmp_path: Path, birth_header: str
) -> None:
    data = tmp_path / "politia.csv"
    _write(data, birth_header)
    _, mapping = suggest_draft(data, tmp_path)
    persons = [e for e in mapping["entities"].values() if e["type"] == "person"]
    assert len(persons) == 1, mapping
    assert persons[0]["fields"]["dob"] == birth_header
    for entity in mapping["entities"].values():
        if entity["type"] != "person":
            assert birth_header not in entity["fields"].values(), mapping
    for link in mapping.get("links", []):
        assert link.get("time") != birth_header, mapping


def test_the_romanian_draft_ingests_victims_birth_dates_as_their_dob(tmp_path: Path) -> None:
    data = tmp_path / "politia_ro.csv"
    _write(data, "data_nasterii")
    draft, _ = suggest_draft(data, tmp_path)
    code, out = run_cli("ingest", str(data), "--mapping", str(draft), "-o", str(tmp_path / "c"))
    assert code == 0, out
    from linkgraph.model import Case

    m = Case.read(tmp_path / "c").mentions
    persons = m[m["type"] == "person"].sort_values("row")
    assert persons["dob"].tolist() == ["2001-11-30", "2000-01-20", "1994-09-24"]
    times = m["time"].dropna().astype(str).tolist()
    assert not [t for t in times if t.startswith(("2001-11-30", "2000-01-20", "1994-09-24"))]
