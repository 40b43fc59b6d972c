"""A mapping naming several columns the file lacks: the error names each of them, with
the header each most likely means (it named the first alone)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from linkgraph.cli import cli


def _ingest(tmp_path: Path, fields: str) -> str:
    data = tmp_path / "f.csv"
    data.write_text("Nme,Phon,Email\nAna Pop,+40721000111,ana@example.com\n", encoding="utf-8")
    mapping = tmp_path / "m.yaml"
    mapping.write_text(f"format: csv\nentities:\n  p: {{type: person, fields: {fields}}}\n")
    result = CliRunner().invoke(
        cli, ["ingest", str(data), "--mapping", str(mapping), "-o", str(tmp_path / "case")]
    )
    assert result.exit_code == 1, result.output
    return result.output


def test_every_missing_column_is_named(tmp_path: Path) -> None:
    out = _ingest(tmp_path, "{name: Name, phone: Phone, email: Email}")
    assert "2 mapped columns are missing from the file: 'Name', 'Phone'" in out
    assert "'Name': did you mean 'Nme'?" in out
    assert "'Phone': did you mean 'Phon'?" in out


def test_one_missing_column_keeps_its_message(tmp_path: Path) -> None:
    out = _ingest(tmp_path, "{name: Name, email: Email}")
    assert 'column "Name": the mapped column is missing from the file' in out
    assert "did you mean 'Nme'?" in out
