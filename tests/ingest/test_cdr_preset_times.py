"""The `cdr` preset reads a call's time from the headers CDRs give it ("Call Date", "Date",
"Start", "Date/Time", an Excel serial included), a date and a clock column joined, and
names a date column it cannot read as the calls' missing time."""

from __future__ import annotations

import pandas as pd

from linkgraph.model import Case
from tests.suggest_draft import run_cli


def _ingest_cdr(tmp_path, text):
    data = tmp_path / "calls.csv"
    data.write_text(text, encoding="utf-8")
    out = tmp_path / "case"
    code, summary = run_cli("ingest", str(data), "--preset", "cdr", "-o", str(out))
    assert code == 0, summary
    links = Case.load(out).links.sort_values("row")
    return list(links["time"]), summary


def _utc(*stamps):
    return [pd.Timestamp(s, tz="UTC") for s in stamps]


def test_call_date_column_with_excel_serials_is_the_calls_time(tmp_path):
    times, summary = _ingest_cdr(
        tmp_path,
        "Calling Number,Called Number,Call Date,Duration (s)\n"
        "+447544534963,+447911123456,45310.5625,65\n"  # 2024-01-19 13:30
        "+447911123456,+447544534963,45311.0,300\n",
    )
    assert times == _utc("2024-01-19 13:30", "2024-01-20 00:00")
    assert "Call Date" not in summary.split("does not read")[-1]


def test_a_date_and_a_clock_column_are_joined(tmp_path):
    times, _ = _ingest_cdr(
        tmp_path,
        "Caller,Callee,Call Date,Call Time,Duration\n"
        "+447544534963,+447911123456,2024-01-19,13:30:05,60\n"
        "+447911123456,+447544534963,2024-01-20,08:00,5\n",
    )
    assert times == _utc("2024-01-19 13:30:05", "2024-01-20 08:00")


def test_start_and_date_time_headers_are_read(tmp_path):
    for header in ("Start", "Date/Time", "Date"):
        times, _ = _ingest_cdr(
            tmp_path,
            f"From,To,{header}\n+447544534963,+447911123456,2024-03-01 10:15\n",
        )
        assert times == _utc("2024-03-01 10:15"), header


def test_an_unread_date_column_is_named_as_the_calls_missing_time(tmp_path):
    times, summary = _ingest_cdr(
        tmp_path,
        "Caller,Callee,Fecha de inicio,Notes\n+447544534963,+447911123456,19/01/2024 13:30,x\n",
    )
    assert times == [pd.NaT]
    flat = " ".join(summary.split())
    assert (
        "Fecha de inicio looks like the time of each row, which the cdr preset does not"
        " read: its calls have no time" in flat
    )
    # the other unread column keeps the people-oriented note, without the date column
    assert "does not read (kept in each mention's raw record only): Notes;" in flat
