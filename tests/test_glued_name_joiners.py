"""A zero-width joiner between a lower- and an upper-case letter parts two words at ingest,
as a zero-width space or word joiner does ("Svetlana\u200dPetrova" is "Svetlana
Petrova", as README and docs/mapping.md say); beside a Latin letter elsewhere it is
removed ("Wi\u200ddth" is "Width"), and between Arabic letters it is kept. The victim
so written is then found in a suspect's notes and redacted."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from click.testing import CliRunner

import linkgraph as lg
from linkgraph.cli import cli

PERSIAN = "\u0639\u0644\u06cc\u200c\u0631\u0636\u0627"  # Alireza: the ZWNJ is the name's
PEOPLE = pd.DataFrame({
    "name": ["Svetlana\u200dPetrova", "Ivan Wi\u200ddth", PERSIAN + " Karimi"],
    "phone": ["+373 69 123 456", "+373 69 999 888", "+98 912 345 6789"],
    "role": ["victim", "suspect", "suspect"],
    "notes": ["", "met Svetlana Petrova; Petrova Svetlana owes", ""],
})  # fmt: skip


def _run(*args: object) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


def test_a_joiner_between_two_names_parts_them(tmp_path: Path) -> None:
    PEOPLE.to_csv(tmp_path / "people.csv", index=False)
    case = tmp_path / "case"
    _run("ingest", tmp_path / "people.csv", "--preset", "people", "-o", case, "-q")
    persons = lg.Case.read(case).mentions
    labels = list(persons.loc[persons["type"] == "person", "label"].astype(str))
    assert labels == ["Svetlana Petrova", "Ivan Width", PERSIAN + " Karimi"]
    _run("resolve", case, "-q")
    _run("export", case, "-f", "csv", "-o", tmp_path / "csv", "-q")
    exported = "\n".join(f.read_text(encoding="utf-8") for f in (tmp_path / "csv").glob("*.csv"))
    assert "met Victim-" in exported
    for word in ("Svetlana", "Petrova"):
        assert word not in exported, word
