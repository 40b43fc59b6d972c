"""`mapping suggest` drafts ``split`` for a name column only when the column lists whole
names with the separator: one cell in eleven holding a ';' inside a victim's name (her
two family names, "María "Mari" O'Neil; Núñez") or a '|' in a formula's text left the
draft splitting her into two persons ("María Mari O'Neil" and "Núñez"), the second
unprotected beside her; a column whose cells list several whole names is still split."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

import linkgraph as lg
from tests.suggest_draft import run_cli, suggest_draft

VICTIMS = [
    "Ioana Ștefănescu", "Olena Kovalchuk", "María \"Mari\" O'Neil; Núñez", "Svetlana Petrova",
    "Amira Haddad", "Paulina Kowalska", "STEFANESCU, Ioana", "Olena KOVALCHUK",
    "PETROVA Svetlana", "paulina kowalska", "Ioana Stefanescu",
]  # fmt: skip
SUSPECTS = [
    "Boss Man", "Recruiter Dan", "Formula Fred", "+cmd|' /C calc'!A0 Dde", "Dmytro Emoji",
    "Smith John", "Close Call", "Svg Boy", "Ivan Petrov", "Ivan Petrov", "At Sum",
]  # fmt: skip


def _hotline(tmp_path: Path, suspects: list[str]) -> Path:
    rows = pd.DataFrame({
        "received": [f"2026-01-{d:02d}" for d in range(10, 21)],
        "victim_name": VICTIMS,
        "victim_phone": [f"+40 721 555 {n:03d}" for n in range(11)],
        "suspect_name": suspects,
    })  # fmt: skip
    path = tmp_path / "hotline_reports.csv"
    rows.to_csv(path, index=False)
    return path


def _persons(tmp_path: Path, data: Path) -> tuple[pd.DataFrame, dict]:
    draft, spec = suggest_draft(data, tmp_path)
    out = tmp_path / "case"
    code, text = run_cli("ingest", str(data), "--mapping", str(draft), "-o", str(out), "-q")
    assert code == 0, text
    m = lg.Case.read(out).mentions
    return m[m["type"] == "person"], spec


def test_a_separator_inside_one_name_is_no_list_of_names(tmp_path: Path) -> None:
    persons, spec = _persons(tmp_path, _hotline(tmp_path, SUSPECTS))
    assert not [s for s, e in spec["entities"].items() if e["type"] == "person" and "split" in e]
    victims = persons[persons["role"] == "victim"]
    assert len(victims) == 11  # one person per row, her whole name
    assert "Núñez" not in set(victims["label"].astype(str))
    assert len(persons[persons["role"] == "suspect"]) == 11
    # and she is protected whole: the export has neither part of her name
    run_cli("resolve", str(tmp_path / "case"), "-q")
    code, text = run_cli(
        "export", str(tmp_path / "case"), "-f", "csv", "-o", str(tmp_path / "csv"), "-q"
    )
    assert code == 0, text
    exported = "\n".join(f.read_text(encoding="utf-8") for f in (tmp_path / "csv").glob("*.csv"))
    for word in ("María", "O'Neil", "Núñez"):
        assert word not in exported, word


def test_a_column_listing_whole_names_is_split(tmp_path: Path) -> None:
    suspects = [*SUSPECTS[:9], "Ivan Petrov; Marius Dobre", "Chinedu Eze; Mama Blessing"]
    persons, spec = _persons(tmp_path, _hotline(tmp_path, suspects))
    splits = {e["fields"]["name"]: e.get("split") for e in spec["entities"].values()
              if e["type"] == "person"}  # fmt: skip
    assert splits == {"victim_name": None, "suspect_name": ";"}
    labels = set(persons.loc[persons["role"] == "suspect", "label"].astype(str))
    assert {"Marius Dobre", "Mama Blessing", "Chinedu Eze"} <= labels


_CONTACTS = (
    "Contact,Number,Linked suspects\n"
    "Mama,+380671234567,Petro Bondar\n"
    "Unknown,+380501112233,Petro Bondar; Ion Ceban\n"
    'Boss Ion,+37378123456,"Ion Ceban, Petro Bondar"\n'
)


def _names_by_row(case: lg.Case) -> list[tuple[int, str]]:
    persons = case.mentions[case.mentions["type"] == "person"]
    return sorted(zip(persons["row"].astype(int), persons["name"], strict=True))


def test_names_listed_with_a_comma_beside_semicolons_are_split_too(tmp_path: Path) -> None:
    """t49: "Petro Bondar; Ion Ceban" in one cell, "Ion Ceban, Petro Bondar" in another:
    both cells are two persons (before: the second was one person named after two)."""
    data = tmp_path / "contacts.csv"
    data.write_text(_CONTACTS, encoding="utf-8")
    draft, spec = suggest_draft(data, tmp_path)
    assert spec["entities"]["suspect"]["split"] == "auto"
    out = tmp_path / "case"
    code, text = run_cli("ingest", str(data), "--mapping", str(draft), "-o", str(out))
    assert code == 0, text
    assert _names_by_row(lg.Case.read(out)) == [
        (1, "Petro Bondar"),
        (2, "Ion Ceban"),
        (2, "Petro Bondar"),
        (3, "Ion Ceban"),
        (3, "Petro Bondar"),
    ]


def test_a_comma_that_also_parts_one_name_is_not_split_and_is_warned_of(
    tmp_path: Path,
) -> None:
    """A column that also writes "BONDAR, Petro" (one name) keeps `split: ;`; the draft
    and the ingest summary name the comma list left whole."""
    data = tmp_path / "contacts.csv"
    data.write_text(_CONTACTS + 'Cousin,+40721234567,"BONDAR, Petro"\n', encoding="utf-8")
    draft, spec = suggest_draft(data, tmp_path)
    assert spec["entities"]["suspect"]["split"] == ";"
    text = draft.read_text(encoding="utf-8")
    assert "some cells list names with , instead (such as 'Ion Ceban, Petro Bondar')" in text
    out = tmp_path / "case"
    code, said = run_cli("ingest", str(data), "--mapping", str(draft), "-o", str(out))
    assert code == 0, said
    said = " ".join(said.split())
    assert (
        "1 suspect name of Linked suspects split on ';' still lists names with a comma (such"
        " as 'Ion Ceban, Petro Bondar')"
    ) in said
    assert (3, "Ion Ceban, Petro Bondar") in _names_by_row(lg.Case.read(out))
