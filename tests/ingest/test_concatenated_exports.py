"""Exports as users have them, through the CLI: a header repeated with other titles (two
exports concatenated), a lone carriage return inside a quoted cell, comment lines in a
sheet (tester 26/28 follow-ups). Expected values are worked out by hand from the fixtures."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case


def _run(path: Path, tmp_path: Path) -> tuple[str, str, Case]:
    """``mapping suggest`` then ``ingest --mapping`` of ``path``: the draft, the summary
    and the case."""
    draft = CliRunner().invoke(cli, ["mapping", "suggest", str(path)])
    assert draft.exit_code == 0, draft.output
    mapping = tmp_path / f"{path.stem}.yaml"
    mapping.write_text(draft.output, encoding="utf-8")
    out = tmp_path / f"{path.stem}_case"
    result = CliRunner().invoke(
        cli, ["ingest", str(path), "--mapping", str(mapping), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    return draft.output, result.output, Case.read(out)


def _persons(case: Case) -> pd.DataFrame:
    m = case.mentions
    return m[m["type"] == "person"].sort_values("row").reset_index(drop=True)


def _accounted(case: Case, rows: range) -> None:
    """Every data row made a mention or a row-level reject."""
    m, rj = case.mentions, case.rejects
    seen = set(m["row"].astype(int)) | set(rj.loc[rj["level"] == "row", "row"].astype(int))
    assert seen == set(rows)


# -- a lone CR inside a quoted cell ---------------------------------------------------------


def test_a_lone_carriage_return_in_a_quoted_cell_stays_in_it(tmp_path):
    path = tmp_path / "cr.csv"
    path.write_bytes(
        b'name,phone,note\r\nAna Pop,+40721234567,"\r=1+2"\r\nIon Rusu,+40721234568,ok\r\n'
    )
    _, _, case = _run(path, tmp_path)
    assert list(_persons(case)["name"]) == ["Ana Pop", "Ion Rusu"]
    rejects = case.rejects
    assert list(zip(rejects["row"], rejects["reason"], rejects["value"], strict=True)) == [
        (1, "formula", "\r=1+2")
    ]
    _accounted(case, range(1, 3))


def test_lines_ending_in_cr_alone_or_mixed_still_read(tmp_path):
    mac = tmp_path / "mac.csv"
    mac.write_bytes(b'name,phone\rAna Pop,+40721234567\rIon Rusu,"+40721234568"\r')
    mixed = tmp_path / "mixed.csv"
    mixed.write_bytes(
        b"name,phone\rAna Pop,+40721234567\r\nIon Rusu,+40721234568\nVasile Lupu,+40721234569\r"
    )
    for path, names in (
        (mac, ["Ana Pop", "Ion Rusu"]),
        (mixed, ["Ana Pop", "Ion Rusu", "Vasile Lupu"]),
    ):
        _, _, case = _run(path, tmp_path)
        assert list(_persons(case)["name"]) == names
        assert case.rejects.empty
