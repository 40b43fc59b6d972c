"""A victim's home written in another record's free text (notes, raw rows) is replaced by
a pseudonym in exports, whole addresses only, through the CLI."""

from __future__ import annotations

import json

import pandas as pd
from click.testing import CliRunner

from linkgraph.cli import cli

_ROWS = (
    "name,address,city,role,notes\n"
    "Natalia Rusu,Str. Florilor 12,Chisinau,victim,\n"
    "Ivan Petrov,Str. Mare 3,Chisinau,suspect,"
    '"drives to STR FLORILOR, 12 at night; Str. Florilor 123 is his; Florilor is a street"\n'
)


def _run(*args: str) -> None:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output


def test_a_victims_address_in_a_suspects_notes_is_redacted(tmp_path):
    data = tmp_path / "people.csv"
    data.write_text(_ROWS, encoding="utf-8")
    case_dir, out = tmp_path / "case", tmp_path / "csv"
    _run("ingest", str(data), "--preset", "people", "-o", str(case_dir), "-q")
    _run("export", str(case_dir), "-f", "csv", "-o", str(out))
    mentions = pd.read_csv(out / "mentions.csv", dtype=str)
    ivan = mentions[mentions["label"] == "Ivan Petrov"].iloc[0]
    notes = json.loads(ivan["raw"])["notes"]
    # her whole address, whatever its case and separators; not a longer number, not a
    # word of it alone, not the town
    assert notes.startswith("drives to Victim-")
    assert notes.endswith(" at night; Str. Florilor 123 is his; Florilor is a street")
    text = "".join(p.read_text(encoding="utf-8") for p in out.glob("*.csv"))
    assert "Florilor 12," not in text
    assert "FLORILOR, 12" not in text
    assert ivan["city"] == "Chisinau"
