"""Formula-safe CSV and atomic text writes."""

from __future__ import annotations

import csv
import os

import pandas as pd
import pytest

from linkgraph._io import (
    defuse_formula,
    defused_column,
    formula_like_count,
    write_csv,
    write_text,
)


def test_csv_cannot_trigger_spreadsheet_formulas(tmp_path):
    df = pd.DataFrame(
        {
            "name": ['=HYPERLINK("http://evil","x")', "+1 555|cmd", "-cmd", "@SUM(A1)", "Ana"],
            "n": [-1, 2, 3, 4, 5],
        }
    )
    path = write_csv(df, tmp_path / "out.csv")
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert [r["name"][0] for r in rows[:4]] == ["'"] * 4
    assert rows[4]["name"] == "Ana"
    assert rows[0]["n"] == "-1"  # numbers are numbers, not text


def test_csv_keeps_signed_numbers_and_phones_as_they_are(tmp_path):
    numbers = ["+40721003001", "-75.25", "-1,5", "+44123"]
    # A blank inside a signed number is Excel's intersection operator: a formula (#NULL!).
    spaced = ["+44 20 7946 0958", " +7 495", "+40 789 679 548", " -75.25", "+1 "]
    attacks = ["+1+2", "-2+3+cmd|' /C calc'!A0", "+1.2.3", "-1e5", "+", "=42", *spaced]
    path = write_csv(pd.DataFrame({"v": numbers + attacks}), tmp_path / "out.csv")
    rows = [r["v"] for r in csv.DictReader(path.open(encoding="utf-8", newline=""))]
    assert rows == numbers + ["'" + a for a in attacks]


HOSTILE_CELLS = [
    "=1", "Ana", "\t=x", " @a", "+4471", "-2+3+cmd", "\u3000=x", "\uff1dSUM", "\x01=1", None,
    "a-b", "\u00a0-1+x", "", "]x", "^x", "\\x", "\x7f=1", "\x1f=1", "+44 20 7946 0958",
    " -75.25", "-7,5", "+\u0663\u0664", "\t+44", "+44\n=1", "-1.2.3", "+1 ", "\r\n=1+1",
]  # fmt: skip


@pytest.mark.parametrize(
    "dtype", ["str", pd.StringDtype("python"), pd.StringDtype("pyarrow"), object]
)
def test_a_whole_column_is_defused_as_each_cell_alone(dtype):
    """The column-at-once check (a first-character filter, then the signed-number rule)
    defuses exactly the cells the one-cell rule (:func:`defuse_formula`) defuses."""
    expected = [None if v is None else defuse_formula(v) for v in HOSTILE_CELLS]
    got = defused_column(pd.Series(HOSTILE_CELLS, dtype=dtype)).astype(object)
    assert [None if pd.isna(v) else v for v in got] == expected
    assert expected[0] == "'=1"  # the reference itself bites
    assert expected[4] == "+4471"


def test_formula_like_count_is_what_write_csv_guards(tmp_path):
    """The count the neo4j warning and the i2 loss report give: the cells a formula-safe
    CSV, read back with the csv module, holds with a leading quote (a NUL or VT in front
    is shown as "[U+0000]" and starts no formula)."""
    df = pd.DataFrame({"v": HOSTILE_CELLS, "w": pd.Series(HOSTILE_CELLS, dtype="string")})
    path = write_csv(df, tmp_path / "out.csv")
    with path.open(encoding="utf-8", newline="") as fh:
        quoted = sum(c.startswith("'") for row in csv.DictReader(fh) for c in row.values())
    assert quoted > 0
    assert formula_like_count(df) == quoted


def test_write_text_is_atomic_and_leaves_no_temp_files(tmp_path):
    write_text(tmp_path / "a.html", "<p>x</p>")
    assert [p.name for p in tmp_path.iterdir()] == ["a.html"]


def test_a_killed_writers_temporary_file_is_removed_by_the_next_write(tmp_path):
    """A process killed mid-write leaves `.NAME.<pid>.xxxx.lgtmp` beside the output; the next
    write to the same path removes it, but never a running writer's file or another file."""
    import subprocess
    import sys

    from linkgraph._io import write_text

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    dead_pid = int(dead.stdout)
    stale = tmp_path / f".map.html.{dead_pid}.abc123.lgtmp"
    stale.write_text("half a map")
    alive = tmp_path / f".map.html.{os.getpid()}.def456.lgtmp"
    alive.write_text("being written")
    other = tmp_path / ".map.html.bak"
    other.write_text("the user's")
    write_text(tmp_path / "map.html", "<html></html>")
    assert not stale.exists()
    assert alive.exists()
    assert other.exists()
    assert (tmp_path / "map.html").read_text() == "<html></html>"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [alive.name, other.name, "map.html"]
    )
