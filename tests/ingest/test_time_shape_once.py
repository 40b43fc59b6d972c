"""A CDR's column of times is measured against the plain ISO shape once per chunk (it was
measured four times: date order, Buddhist-era years, leap seconds, the reading), and the
times read stay those computed by hand; a table file's SQLite check does not import the
readers of phone extractions."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from linkgraph.ingest import _columns
from linkgraph.model import Case
from tests.suggest_draft import run_cli

_CDR = (
    "caller,callee,start_time,duration\n"
    "+447700900001,+447700900002,2024-01-12 14:33:00,60\n"
    "+447700900002,+447700900003,2024-01-12T23:59:59,61\n"
    "+447700900003,+447700900001,1999-12-31 00:00:01,62\n"
)


def _link_times(case_dir: Path) -> list[pd.Timestamp]:
    return list(Case.load(case_dir).links.sort_values("row")["time"])


def test_a_cdr_chunk_measures_its_times_once(tmp_path, monkeypatch):
    (tmp_path / "calls.csv").write_text(_CDR, encoding="utf-8")
    measured = []
    real = _columns._plain_iso_shape
    monkeypatch.setattr(_columns, "_plain_iso_shape", lambda arr: measured.append(1) or real(arr))
    code, summary = run_cli(
        "ingest", str(tmp_path / "calls.csv"), "--preset", "cdr", "-o", str(tmp_path / "case")
    )
    assert code == 0, summary
    assert len(measured) == 1  # one chunk, one column of times
    assert _link_times(tmp_path / "case") == [
        pd.Timestamp("2024-01-12 14:33:00", tz="UTC"),
        pd.Timestamp("2024-01-12 23:59:59", tz="UTC"),
        pd.Timestamp("1999-12-31 00:00:01", tz="UTC"),
    ]


def test_a_leap_second_beside_plain_times_is_still_read(tmp_path):
    text = _CDR + "+447700900001,+447700900003,2016-12-31 23:59:60,63\n"
    (tmp_path / "calls.csv").write_text(text, encoding="utf-8")
    code, summary = run_cli(
        "ingest", str(tmp_path / "calls.csv"), "--preset", "cdr", "-o", str(tmp_path / "case")
    )
    assert code == 0, summary
    # 23:59:60 reads as the second before it, never as the next day's midnight
    assert _link_times(tmp_path / "case")[-1] == pd.Timestamp("2016-12-31 23:59:59", tz="UTC")


def test_the_shape_of_each_array_is_its_own():
    """Arrays asked one after the other (same length, the same buffers at another offset)
    get the regex's answer each, not the previous array's."""
    values = ["2024-01-12 14:33:00", "2024-13-12 14:33:00", "2024-01-12T23:59:59", None]
    whole = pa.array(values * 2, pa.large_string())
    other = pa.array(["1899-01-12 14:33:00", *values[:3], *values], pa.large_string())
    for arr in (whole, other, whole.slice(1, 4), whole.slice(2, 4), whole, whole.slice(1, 4)):
        expected = pc.match_substring_regex(arr, _columns._PLAIN_ISO).fill_null(False)
        assert _columns.plain_iso_shape(arr).tolist() == expected.to_pylist()


def test_a_table_file_is_told_from_a_call_log_without_the_extraction_readers(tmp_path):
    table = tmp_path / "calls.csv"
    table.write_text(_CDR, encoding="utf-8")
    calls = tmp_path / "calllog.db"
    with sqlite3.connect(calls) as db:
        db.execute("create table calls (number text)")
    code = (
        "import sys; from pathlib import Path;"
        "from linkgraph.ingest.readers import guess_format;"
        f"print(guess_format(Path({str(table)!r})));"
        "print('linkgraph.ingest.chat' in sys.modules);"
        f"print(guess_format(Path({str(calls)!r})))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["csv", "False", "chat"]
