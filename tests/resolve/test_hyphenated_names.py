"""A hyphenated given or family name reads alike written in a full-name column ("Ji-woo
Singh") and in a forename and a surname column ("Ji-woo", "Singh"): the whole hyphenated
word is the given (or family) name on both sides, not its first half on one."""

from __future__ import annotations

from click.testing import CliRunner

import linkgraph as lg
from linkgraph.cli import cli

_X = """Forename,Surname,DOB,Phone
Ji-woo,Singh,20/11/1964,07911 601514
Min-jun,Khan,09/08/1990,07109 004048
Anna,Smith-Jones,01/02/1980,07700 900123
"""
_Y = """Contact name,Telephone
Ji-woo Singh,+447911601514
Min-jun Khan,+447109004048
Anna Smith-Jones,+447700900123
"""


def _run(*args: str) -> str:
    out = CliRunner().invoke(cli, list(args))
    assert out.exit_code == 0, out.output
    return out.output


def test_hyphenated_names_agree_across_column_layouts(tmp_path):
    (tmp_path / "x.csv").write_text(_X, encoding="utf-8")
    (tmp_path / "y.csv").write_text(_Y, encoding="utf-8")
    case = tmp_path / "case"
    _run("ingest", str(tmp_path / "x.csv"), str(tmp_path / "y.csv"), "--preset", "people",
         "--region", "GB", "-o", str(case), "-q")  # fmt: skip
    _run("resolve", str(case), "-q")
    read = lg.Case.read(case)
    m = read.mentions[read.mentions["type"] == "person"].merge(read.resolution, on="mention_id")
    entity = {(s, r): e for s, r, e in zip(m["source"], m["row"], m["entity_id"], strict=True)}
    # Truth: row r of one list is row r of the other, and no one else.
    for r in (1, 2, 3):
        assert entity["x.csv", r] == entity["y.csv", r]
    assert len({entity["x.csv", r] for r in (1, 2, 3)}) == 3
    # Both names equal, not "ji" against "ji woo" (a weak agreement, capped before).
    for r in (1, 2, 3):
        text = _run("explain", str(case), f"x.csv:{r}", f"y.csv:{r}")
        assert "given_name: exact" in text
        assert "family_name: exact" in text
