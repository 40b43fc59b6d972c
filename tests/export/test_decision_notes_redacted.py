"""An analyst's decision note that names a victim is case data like any other: every
export that carries the decisions table (SQLite) withholds her name there, unless
``--show-victims`` is given."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from tests.test_possible_victims import BANK, HOTLINE
from tests.victim_case_files import resolved_case, run


def _notes(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [row[0] for row in conn.execute("SELECT note FROM decisions")]


def test_a_note_naming_a_victim_is_redacted_in_the_sqlite_export(tmp_path: Path) -> None:
    case = resolved_case(tmp_path, HOTLINE, BANK)
    note = "Elena Marin told us she is not Marinescu"
    run("decide", str(case), "hotline.csv:1:victim", "bank.csv:1:payer", "cannot_link",
        "--note", note)  # fmt: skip
    shown, hidden = tmp_path / "shown.sqlite", tmp_path / "hidden.sqlite"
    run("export", str(case), "-f", "sqlite", "-o", str(hidden))
    run("export", str(case), "-f", "sqlite", "-o", str(shown), "--show-victims")
    assert _notes(shown) == [note]  # the opt-in keeps the analyst's words
    (kept,) = _notes(hidden)
    assert "Elena Marin" not in kept
    # Elena Marinescu is a possible victim, shown by pseudonym too: her distinctive family
    # name alone goes as well (tester round 38, D1); the analyst's other words stay
    assert re.fullmatch(r"(Victim-[0-9a-f]{6}) told us she is not (?!\1)Victim-[0-9a-f]{6}", kept)
    with sqlite3.connect(hidden) as conn:
        dump = "\n".join(conn.iterdump())
    assert "Elena Marin" not in dump
