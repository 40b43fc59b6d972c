"""Formula-safe CSV and atomic text writes."""

from __future__ import annotations

import csv

import pandas as pd

from linkgraph._io import write_csv, write_text


def test_csv_cannot_trigger_spreadsheet_formulas(tmp_path):
    df = pd.DataFrame(
        {
            "name": ['=HYPERLINK("http://evil","x")', "+1 555", "-cmd", "@SUM(A1)", "Ana"],
            "n": [-1, 2, 3, 4, 5],
        }
    )
    path = write_csv(df, tmp_path / "out.csv")
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert [r["name"][0] for r in rows[:4]] == ["'"] * 4
    assert rows[4]["name"] == "Ana"
    assert rows[0]["n"] == "-1"  # numbers are numbers, not text


def test_write_text_is_atomic_and_leaves_no_temp_files(tmp_path):
    write_text(tmp_path / "a.html", "<p>x</p>")
    assert [p.name for p in tmp_path.iterdir()] == ["a.html"]
