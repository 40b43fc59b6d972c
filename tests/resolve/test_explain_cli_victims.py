"""`linkgraph explain` of two victims never compared: scored on the phones resolve saw,
not on their pseudonyms, and no traceback; an unexpected error is one short message."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from linkgraph.cli import cli

PEOPLE = (
    "surname,first_name,date_of_birth,phone,status\n"
    "Igbinedion,Blessing,1999-03-04,+39 329 123 4567,victim\n"
    "Kouassi,Aicha,1985-02-17,+33 6 12 34 56 78,victim\n"
    "Rossi,Mario,1970-01-01,+39 333 765 4321,suspect\n"
)


def _resolved_case(tmp_path: Path) -> Path:
    src = tmp_path / "v.csv"
    src.write_text(PEOPLE, encoding="utf-8")
    case = tmp_path / "case"
    runner = CliRunner()
    for args in (
        ["ingest", str(src), "--preset", "people", "-o", str(case)],
        ["resolve", str(case)],
    ):
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, result.output
    return case


def test_explain_two_victims_with_phones_never_compared(tmp_path):
    case = _resolved_case(tmp_path)
    result = CliRunner().invoke(cli, ["explain", str(case), "v.csv:1", "v.csv:2"])
    # Before: IndexError in linked_identifiers (both phones redacted to pseudonyms,
    # nothing left to compare) and a traceback.
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == 0, result.output
    assert "Scored now with the case's learnt weights" in result.output
    # Their two numbers differ, as resolve saw them (not "missing": the pseudonyms).
    assert "  - phone: different, similarity 0.0" in result.output
    # Still withheld in what is printed.
    assert "Blessing" not in result.output
    assert "329" not in result.output


def test_an_unexpected_error_is_one_message_without_traceback(tmp_path, monkeypatch):
    case = _resolved_case(tmp_path)

    def broken(*args: object, **kwargs: object) -> str:
        raise IndexError("boolean index did not match")

    monkeypatch.setattr(importlib.import_module("linkgraph.resolve"), "explain", broken)
    result = CliRunner().invoke(cli, ["explain", str(case), "v.csv:1", "v.csv:2"])
    assert result.exit_code == 3  # an internal error (a bug), not bad input (1)
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert "Error: internal error (IndexError: boolean index did not match)" in result.output
    assert "--debug" in result.output
    with pytest.raises(IndexError):
        CliRunner().invoke(
            cli, ["--debug", "explain", str(case), "v.csv:1", "v.csv:2"], catch_exceptions=False
        )
