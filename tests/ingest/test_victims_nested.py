"""Victims in nested JSON records and role-less persons, through the user's path: `mapping
suggest` -> `ingest --mapping draft` -> `resolve` -> `render` / `report` (tester 26)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from suggest_draft import run_cli, suggest_draft

_FILES = Path(__file__).parent.parent / "fixtures" / "ingest" / "victims_nested"
_NO_VICTIM = "no person is marked as a victim"


def _copy(name: str, tmp: Path) -> Path:
    return Path(shutil.copy(_FILES / name, tmp / name))


def _ingest(data: Path, draft: Path, tmp: Path) -> tuple[Path, str]:
    case = tmp / "case"
    code, out = run_cli("ingest", str(data), "--mapping", str(draft), "-o", str(case))
    assert code == 0, out
    return case, out


def test_victims_slot_keeps_its_role_beside_a_notes_column_naming_victims(tmp_path: Path) -> None:
    # K-3's notes say "no victim identified": a sentence, not the persons' role
    data = _copy("nested_samekeys.json", tmp_path)
    draft, mapping = suggest_draft(data, tmp_path)
    assert mapping["entities"]["victim"]["fields"]["role"] == {"value": "victim"}
    assert mapping["entities"]["suspect"]["fields"]["role"] == {"value": "suspect"}
    case, out = _ingest(data, draft, tmp_path)
    assert _NO_VICTIM not in out
    for step in (
        ["resolve", str(case), "-q"],
        ["render", str(case), "-o", str(tmp_path / "map.html"), "-q"],
        ["report", str(case), "-o", str(tmp_path / "report.html"), "-q"],
    ):
        code, text = run_cli(*step)
        assert code == 0, text
    code, listed = run_cli("mentions", str(case))
    assert code == 0, listed
    for out_text in (
        (tmp_path / "map.html").read_text(encoding="utf-8"),
        (tmp_path / "report.html").read_text(encoding="utf-8"),
        listed,
    ):
        assert "Olena Kravets" not in out_text
        assert "Maria Rusu" not in out_text
        assert "Petro Bondar" in out_text
        # her mother (her own slot, linked `family` to her, no role of her own): by
        # name, "Halyna Kravets, family of Victim-…" would say who the victim is
        assert "Halyna" not in out_text


def test_a_role_column_of_the_row_does_not_unmark_the_victims_slot(tmp_path: Path) -> None:
    # a row-level "status" of role words: the victim slot's own key ("victim") keeps its role
    records = [
        {"id": f"K-{n}", "victim": {"name": v}, "suspect": {"name": s}, "status": st}
        for n, (v, s, st) in enumerate(
            [
                ("Olena Kravets", "Petro Bondar", "suspect"),
                ("Maria Rusu", "Ion Ceban", "witness"),
                ("Ana Lungu", "Andrei Pop", "suspect"),
            ]
        )
    ]
    data = tmp_path / "cases.json"
    data.write_text(json.dumps(records), encoding="utf-8")
    _, mapping = suggest_draft(data, tmp_path)
    assert mapping["entities"]["victim"]["fields"]["role"] == {"value": "victim"}


def test_some_persons_with_roles_and_none_a_victim_warn(tmp_path: Path) -> None:
    # 2 suspects, 2 persons with no role (a victim may be among them)
    data = _copy("partial_roles.csv", tmp_path)
    draft, _ = suggest_draft(data, tmp_path)
    case, out = _ingest(data, draft, tmp_path)
    flat = " ".join(out.split())
    assert (
        "no person is marked as a victim: 4 person mentions, none marked as a victim;"
        " 2 have no role" in flat
    )
    manifest = json.loads((case / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["inputs"][0]["persons_without_role"] == 2
    code, text = run_cli("report", str(case), "-o", str(tmp_path / "report.html"), "-q")
    assert code == 0, text
    report = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "Warning: no person is marked as a victim in partial_roles.csv" in report


def test_a_victim_among_the_roles_or_roles_for_all_give_no_warning(tmp_path: Path) -> None:
    rows = {
        "marked.csv": "name,role\nOlena Kravets,victim\nPetro Bondar,suspect\nIon Ceban,\n",
        "suspects.csv": "name,role\nPetro Bondar,suspect\nIon Ceban,suspect\n",
    }
    for name, text in rows.items():
        data = tmp_path / name
        data.write_text(text, encoding="utf-8")
        draft, _ = suggest_draft(data, tmp_path)
        _, out = _ingest(data, draft, tmp_path / name.replace(".", "_"))
        assert _NO_VICTIM not in out


def _links(case: Path, kinds: tuple[str, ...]) -> set[tuple[str, str, str]]:
    """(kind, source's name or phone, target's) of the case's links of ``kinds``."""
    import pandas as pd

    m = pd.read_parquet(case / "mentions.parquet").set_index("mention_id")
    links = pd.read_parquet(case / "links.parquet")

    def label(mention: str) -> str:
        row = m.loc[mention]
        return str(row["phone"] if row["type"] == "phone" else row["name"])

    return {
        (k, label(s), label(d))
        for k, s, d in zip(links["kind"], links["src"], links["dst"], strict=True)
        if k in kinds
    }


def test_a_nested_relatives_phone_is_hers_not_the_victims(tmp_path: Path) -> None:
    data = _copy("nested_samekeys.json", tmp_path)
    draft, mapping = suggest_draft(data, tmp_path)
    assert "victim_mother_name" not in mapping["entities"]["victim"]["fields"]
    case, _ = _ingest(data, draft, tmp_path)
    # by hand from the file: each phone of the object it is written in
    assert _links(case, ("uses_phone", "family")) == {
        ("uses_phone", "Olena Kravets", "+380671234567"),
        ("uses_phone", "Halyna Kravets", "+380671234500"),
        ("uses_phone", "Petro Bondar", "+380501112233"),
        ("uses_phone", "Ion Ceban", "+37378123456"),
        ("uses_phone", "Andrei Pop", "+40721234567"),
        ("family", "Halyna Kravets", "Olena Kravets"),
    }
    # the plate of the suspect's vehicle object stays the suspect's
    assert {"kind": "owns_vehicle", "src": "suspect", "dst": "suspect_plate"} in mapping["links"]


def test_an_employers_phone_and_address_are_not_the_persons(tmp_path: Path) -> None:
    data = _copy("records_by_id.json", tmp_path)
    draft, mapping = suggest_draft(data, tmp_path)
    assert "address" not in mapping["entities"]["person"]["fields"]
    text = draft.read_text(encoding="utf-8")
    assert "# employer.phone, employer.address.name, employer.address.city: fields of" in text
    case, _ = _ingest(data, draft, tmp_path)
    assert _links(case, ("uses_phone", "lives_at", "employed_by")) == {
        ("uses_phone", "Olena Kravets", "+380671234567"),
        ("uses_phone", "Ion Ceban", "+37369123456"),
        ("employed_by", "Olena Kravets", "Nordwind Logistics SRL"),
        ("employed_by", "Ion Ceban", "Agro MD SRL"),
    }
