"""Local times in a daylight-saving change, through `mapping suggest` and `ingest`: a time
the zone's clock shows twice or never is read with the offset in force before the change,
kept (not rejected, not moved onto the change), and the summary counts it with its rows.
Expected instants by hand: Kyiv is UTC+2 in winter, UTC+3 from 31 March 2024 03:00 (clocks
go to 04:00) to 27 October 2024 04:00 (clocks go back to 03:00)."""

from __future__ import annotations

import pandas as pd

from linkgraph.model import Case
from tests.suggest_draft import run_cli, suggest_draft

_CDR = (
    "Calling Number,Called Number,Call Date,Call Time\n"
    "380671234567,380501112233,27.10.2024,03:30:00\n"  # twice: 00:30 or 01:30 UTC
    "380671234567,380501112233,31.03.2024,03:30:00\n"  # never: clock not yet forward
    "380671234567,380501112233,31.03.2024,02:59:59\n"  # winter: 00:59:59 UTC
    "380671234567,380501112233,31.03.2024,04:00:00\n"  # summer: 01:00 UTC
    "380671234567,380501112233,27.10.2024,03:40:00\n"  # twice
    "380671234567,380501112233,27.10.2024,04:00:00\n"  # winter again: 02:00 UTC
)


def test_times_in_a_dst_change_are_kept_read_before_the_change_and_counted(tmp_path):
    data = tmp_path / "cdr.csv"
    data.write_text(_CDR, encoding="utf-8")
    draft, _ = suggest_draft(data, tmp_path)
    code, out = run_cli(
        "ingest", str(data), "--mapping", str(draft), "--timezone", "Europe/Kyiv",
        "-o", str(tmp_path / "c"),
    )  # fmt: skip
    assert code == 0, out
    case = Case.read(tmp_path / "c")
    assert case.rejects.empty
    links = case.links.sort_values("row")
    assert [str(t) for t in links["time"]] == [
        "2024-10-27 00:30:00+00:00",
        "2024-03-31 01:30:00+00:00",
        "2024-03-31 00:59:59+00:00",
        "2024-03-31 01:00:00+00:00",
        "2024-10-27 00:40:00+00:00",
        "2024-10-27 02:00:00+00:00",
    ]
    said = " ".join(out.split())
    assert (
        "2 times in Call Date+Call Time occur twice in Europe/Kyiv (the hour its clocks are"
        " turned back; rows 1, 5): each read at its first occurrence" in said
    )
    assert "(such as row 1 '27.10.2024 03:30:00' -> 2024-10-27 00:30:00 UTC)" in said
    assert (
        "1 time in Call Date+Call Time does not exist in Europe/Kyiv (the hour its clocks"
        " skip when put forward; row 2): each kept" in said
    )
    assert "(such as row 2 '31.03.2024 03:30:00' -> 2024-03-31 01:30:00 UTC)" in said


def test_a_zone_column_and_other_layouts_count_their_own_changes(tmp_path):
    """Per-row zones (`timezone: {column: tz}`), ISO and month-name layouts: Berlin skips
    02:00-03:00 on 31 March 2024 (UTC+1 before); New York repeats 01:00-02:00 on 3
    November 2024 (UTC-4 before). A time outside the changes says nothing."""
    data = tmp_path / "calls.csv"
    data.write_text(
        "caller,callee,start,tz\n"
        "+4915112345678,+4915187654321,2024-03-31 02:30:00,Europe/Berlin\n"
        '+12125550100,+12125550199,"Nov 3, 2024 1:30 AM",America/New_York\n'
        "+12125550100,+12125550199,2024-11-03 03:00:00,America/New_York\n",
        encoding="utf-8",
    )
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        "timezone: {column: tz}\n"
        "entities:\n  a: {type: phone, fields: {phone: caller}}\n"
        "  b: {type: phone, fields: {phone: callee}}\n"
        "links:\n- {kind: called, src: a, dst: b, time: start}\n",
        encoding="utf-8",
    )
    code, out = run_cli("ingest", str(data), "--mapping", str(mapping), "-o", str(tmp_path / "c"))
    assert code == 0, out
    links = Case.read(tmp_path / "c").links.sort_values("row")
    assert [pd.Timestamp(t).strftime("%m-%d %H:%M") for t in links["time"]] == [
        "03-31 01:30",
        "11-03 05:30",
        "11-03 08:00",
    ]
    said = " ".join(out.split())
    assert (
        "1 time in start occurs twice in its row's zone (the hour its clocks are turned"
        " back; row 2)" in said
    )
    assert (
        "1 time in start does not exist in its row's zone (the hour its clocks skip when"
        " put forward; row 1)" in said
    )
