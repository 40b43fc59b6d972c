"""Names written in forms other than "Given Family": a passport's machine-readable zone
("POPESCU<<ION<VASILE") and a name column written family name first ("NOWAK, Andrzej"),
through the CLI."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case


def _ingest(tmp_path: Path, csv_text: str, *args: str) -> Case:
    path = tmp_path / "people.csv"
    path.write_text(csv_text, encoding="utf-8")
    out = tmp_path / "case"
    result = CliRunner().invoke(cli, ["ingest", str(path), *args, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return Case.read(out)


def _names(case: Case) -> list[tuple[str, object, object, str]]:
    persons = case.mentions[case.mentions["type"] == "person"]
    cols = ["name", "family_name", "given_name", "name_latin"]
    return [tuple(None if pd.isna(v) else v for v in r) for r in persons[cols].values]


def test_machine_readable_zone_names_are_family_and_given_names(tmp_path):
    """ "POPESCU<<ION<VASILE" is family name POPESCU, given names ION VASILE (no stray
    "<"), shown family name first; a trailing filler is dropped; other names stay as
    written."""
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        "format: csv\nentities:\n  person:\n    type: person\n"
        "    fields: {name: MRZ name, role: {value: suspect}}\n",
        encoding="utf-8",
    )
    case = _ingest(
        tmp_path,
        "MRZ name\nPOPESCU<<ION<VASILE\nAL<HASHIMI<<AHMED<<<<<<\nOlena Kovalenko\n",
        "--mapping",
        str(mapping),
    )
    assert _names(case) == [
        ("POPESCU, ION VASILE", "POPESCU", "ION VASILE", "ion vasile popescu"),
        ("AL HASHIMI, AHMED", "AL HASHIMI", "AHMED", "ahmed al hashimi"),
        ("Olena Kovalenko", None, None, "olena kovalenko"),
    ]


def test_a_family_name_first_column_with_ukrainian_words(tmp_path):
    """With --preset people, "Nazwisko i imię" (surname and given name) holding "NOWAK,
    Andrzej" is family name NOWAK and given name Andrzej (a name without a comma stays
    whole); the Ukrainian role "організатор" is the organiser role (no warning) and the
    Ukrainian country names "Росія" and "Румунія" are Russia and Romania."""
    case = _ingest(
        tmp_path,
        "Nazwisko i imię,Telefon,Rola,Obywatelstwo\n"
        '"NOWAK, Andrzej",+48601234567,організатор,Росія\n'
        '"KOWALSKA, Anna",+48601234568,pokrzywdzona,Румунія\n'
        "Jan Wiśniewski,+48601234569,podejrzany,Polska\n",
        "--preset",
        "people",
    )
    assert _names(case) == [
        ("NOWAK, Andrzej", "NOWAK", "Andrzej", "andrzej nowak"),
        ("KOWALSKA, Anna", "KOWALSKA", "Anna", "anna kowalska"),
        ("Jan Wiśniewski", None, None, "jan wisniewski"),
    ]
    persons = case.mentions[case.mentions["type"] == "person"]
    assert persons["role"].tolist() == ["organiser", "victim", "suspect"]
    assert persons["nationality"].tolist() == ["RU", "RO", "PL"]
    assert case.rejects.empty
