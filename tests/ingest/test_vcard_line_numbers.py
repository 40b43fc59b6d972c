"""A vCard file vobject cannot read is refused at the file's own line number, with how to
fix it (before: "At line 45: Attempted to end the VCARD component but it was never
opened" for a 23-line file: vobject's own count)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from linkgraph.cli import cli

_CARD = "BEGIN:VCARD\nVERSION:3.0\nFN:{name}\nTEL:+39 366 100 200{n}\nEND:VCARD\n"


def _ingest_error(tmp_path: Path, text: str) -> str:
    path = tmp_path / "contacts.vcf"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", str(path), "-o", str(tmp_path / "case"), "-q"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    return result.output


def test_a_stray_end_is_named_by_its_line_in_the_file(tmp_path):
    cards = "".join(_CARD.format(name=f"Person {n}", n=n) for n in range(3))  # 15 lines
    output = _ingest_error(tmp_path, cards + "END:VCARD\n")
    assert "contacts.vcf: not a readable vCard file: line 16: END:VCARD closes no card" in output
    assert "the card before it ends at line 15" in output
    assert "delete line 16" in output


def test_a_card_never_ended_is_named_by_its_begin_line(tmp_path):
    text = _CARD.format(name="Ana", n=1) + "BEGIN:VCARD\nVERSION:3.0\nFN:Ina\n"
    output = _ingest_error(tmp_path, text)
    assert "line 6: BEGIN:VCARD is never ended" in output
    assert "add END:VCARD" in output


@pytest.mark.parametrize("folded", [" END:VCARD", "NOTE:see\n END:VCARD"])
def test_a_folded_line_is_no_end(tmp_path, folded):
    """A line starting with a space continues the line before it: it closes nothing."""
    text = f"BEGIN:VCARD\nVERSION:3.0\nFN:Ana\nNOTE:x\n{folded}\nEND:VCARD\n"
    path = tmp_path / "contacts.vcf"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", str(path), "-o", str(tmp_path / "case"), "-q"])
    assert result.exit_code == 0, result.output
