"""Dates and times a file writes in ways pandas' defaults get wrong, through the CLI:
years past 2261 (which wrap around in nanoseconds), Thai Buddhist-era years, UTC offsets
written after the clock (Cellebrite's ``14:03:22(UTC+3)``), zones named in the header
(``Date (UTC)``), and the notes that quote the file's own values. Expected instants are
computed by hand."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case


def _ingest(tmp_path: Path, data: str, mapping: str, name: str = "f.csv") -> tuple[Case, str]:
    (tmp_path / name).write_text(data, encoding="utf-8")
    (tmp_path / "m.yaml").write_text(mapping, encoding="utf-8")
    out = tmp_path / "case"
    result = CliRunner().invoke(
        cli, ["ingest", str(tmp_path / name), "--mapping", str(tmp_path / "m.yaml"), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return Case.load(out), result.output


def _link_times(case: Case) -> list[str]:
    links = case.links.sort_values("row")
    return [str(t) if pd.notna(t) else "NaT" for t in links["time"]]


def _rejected(case: Case, reason: str) -> list[list[object]]:
    rejects = case.rejects[case.rejects["reason"] == reason].sort_values("row")
    return rejects[["row", "value"]].values.tolist()


_EVENTS = (
    "format: csv\n"
    "entities:\n"
    "  person: {type: person, fields: {name: name}}\n"
    "  case: {type: event, fields: {identifier: case_id}}\n"
    "links:\n"
    "- {kind: involved_in, src: person, dst: case, time: %s}\n"
)


def test_buddhist_era_years_are_read_less_543_and_a_typo_year_is_rejected(tmp_path):
    data = (
        "case_id,intake,name\n"
        "TH-1,02/04/2567,Siriporn Thongchai\n"
        "TH-2,2567-04-20,Malee Srisuk\n"
        "TH-3,31/12/2999,Somsak Thongchai\n"
        "TH-4,14 ก.ย. 2566 10:30,Anong Suk\n"
    )
    case, output = _ingest(tmp_path, data, _EVENTS % "intake")
    assert _link_times(case) == [
        "2024-04-02 00:00:00+00:00",  # 2567 BE = 2024
        "2024-04-20 00:00:00+00:00",
        "NaT",  # 2999 is no Buddhist-era year: a typo, never 1830-11-22
        "2023-09-14 10:30:00+00:00",  # ก.ย. = September, 2566 BE = 2023
    ]
    assert _rejected(case, "time_invalid") == [[3, "31/12/2999"]]
    flat = " ".join(output.split())
    assert "Buddhist-era years" in flat
    assert "'02/04/2567', row 1" in flat
    assert "buddhist_era: false" in flat


def test_buddhist_era_off_rejects_those_years_instead_of_wrapping_them(tmp_path):
    data = "case_id,intake,name\nTH-1,02/04/2567,Siriporn Thongchai\nTH-2,2024-01-05,Malee Srisuk\n"
    case, output = _ingest(tmp_path, data, "buddhist_era: false\n" + _EVENTS % "intake")
    assert _link_times(case) == ["NaT", "2024-01-05 00:00:00+00:00"]
    assert _rejected(case, "time_invalid") == [[1, "02/04/2567"]]
    assert "Buddhist" not in output


def test_years_past_the_nanosecond_range_are_rejected_in_every_layout(tmp_path):
    data = (
        "case_id,when,name\n"
        "A,2999-01-01 10:00,Ana\n"
        "B,20 April 2999,Bob\n"
        'C,"Fri, 12 Jan 2999 14:33:00 +0100",Cid\n'
        "D,2300-01-01T10:00:00+02:00,Dan\n"
        "E,01/06/2262 00:00,Eve\n"
        "F,2024-01-12 14:33,Fay\n"
    )
    case, _ = _ingest(tmp_path, data, "timezone: Europe/Kyiv\n" + _EVENTS % "when")
    times = _link_times(case)
    assert times[:5] == ["NaT"] * 5
    assert times[5] == "2024-01-12 12:33:00+00:00"  # Kyiv is UTC+2 in January
    assert [r for r, _ in _rejected(case, "time_invalid")] == [1, 2, 3, 4, 5]


def test_buddhist_era_dates_of_birth(tmp_path):
    data = (
        "name,dob\n"
        "Siriporn Thongchai,14/09/2538\n"
        "Malee Srisuk,14 ก.ย. 2538\n"
        "Anong Suk,2 เมษายน พ.ศ. 2530\n"
        "Somsak Thongchai,31/12/2999\n"
    )
    mapping = "format: csv\nentities:\n  person: {type: person, fields: {name: name, dob: dob}}\n"
    case, _ = _ingest(tmp_path, data, mapping)
    mentions = case.mentions.sort_values("row")
    assert mentions["dob"].tolist()[:3] == ["1995-09-14", "1995-09-14", "1987-04-02"]
    assert _rejected(case, "dob_invalid") == [[4, "31/12/2999"]]


_CALLS = (
    "format: csv\n"
    "timezone: Europe/Kyiv\n"
    "entities:\n"
    "  a: {type: phone, fields: {phone: a}}\n"
    "  b: {type: phone, fields: {phone: b}}\n"
    "links:\n"
    "- {kind: called, src: a, dst: b, time: %s}\n"
)


def test_utc_offsets_written_after_the_clock_are_read(tmp_path):
    # The mapping's zone (Kyiv) is for times without an offset only: every value here
    # names its own, which wins.
    values = [
        "05/04/2024 14:03:22(UTC+3)",  # Cellebrite/UFED
        "05/04/2024 14:03:22 UTC+3",
        "05/04/2024 14:03:22 GMT+3",
        "05/04/2024 14:03 UTC+05:30",
        "05/04/2024 14:03:22 (UTC-4)",
        "05/04/2024 14:03:22 GMT+0300",
        "05/04/2024 2:03 PM (UTC+7)",
        "14:03:22 UTC+3 05/04/2024",
        "5 April 2024 14:03 (UTC+3)",
        "05/04/2024 14:03 UTC",
        "05/04/2024 14:03 UTC+25",
    ]
    rows = "".join(f"+380671234567,+380501234567,{v}\n" for v in values)
    case, output = _ingest(tmp_path, "a,b,when\n" + rows, _CALLS % "when")
    assert _link_times(case) == [
        "2024-04-05 11:03:22+00:00",
        "2024-04-05 11:03:22+00:00",
        "2024-04-05 11:03:22+00:00",
        "2024-04-05 08:33:00+00:00",
        "2024-04-05 18:03:22+00:00",
        "2024-04-05 11:03:22+00:00",
        "2024-04-05 07:03:00+00:00",
        "2024-04-05 11:03:22+00:00",
        "2024-04-05 11:03:00+00:00",
        "2024-04-05 14:03:00+00:00",
        "NaT",  # no zone is 25 hours ahead: rejected, not read as local time
    ]
    assert _rejected(case, "time_invalid") == [[11, "05/04/2024 14:03 UTC+25"]]
    assert "no UTC offset" not in output


_NAIVE_CALLS = _CALLS.replace("timezone: Europe/Kyiv\n", "")


def test_a_header_that_names_utc_or_an_offset_sets_the_zone(tmp_path):
    data = "a,b,Date (UTC)\n+380671234567,+380501234567,05/04/2024 14:03:22\n"
    case, output = _ingest(tmp_path, data, _NAIVE_CALLS % "Date (UTC)")
    assert _link_times(case) == ["2024-04-05 14:03:22+00:00"]
    assert "no UTC offset" not in output
    data = "a,b,Time (UTC+3)\n+380671234567,+380501234567,05/04/2024 14:03:22\n"
    case, output = _ingest(tmp_path, data, _NAIVE_CALLS % "Time (UTC+3)")
    assert _link_times(case) == ["2024-04-05 11:03:22+00:00"]
    assert "no UTC offset" not in output


def test_the_naive_time_note_proposes_the_zone_of_the_files_region(tmp_path):
    data = "a,b,when\n0721234567,0722345678,05/04/2024 14:03:22\n"
    _, output = _ingest(tmp_path, data, "region: RO\n" + _NAIVE_CALLS % "when")
    flat = " ".join(output.split())
    assert "timezone: Europe/Bucharest" in flat
    assert "Europe/Kyiv" not in flat


def test_without_a_region_the_naive_time_note_takes_the_rows_country(tmp_path):
    data = (
        "name,country,phone,when\n"
        "Giulia Rossi,Italia,+393123456789,05/04/2024 14:03:22\n"
        "Marco Bianchi,Italia,+393987654321,05/04/2024 15:03:22\n"
    )
    mapping = (
        "format: csv\n"
        "entities:\n"
        "  p: {type: person, fields: {name: name, country: country}}\n"
        "  ph: {type: phone, fields: {phone: phone}}\n"
        "links:\n"
        "- {kind: uses_phone, src: p, dst: ph, time: when}\n"
    )
    _, output = _ingest(tmp_path, data, mapping)
    flat = " ".join(output.split())
    assert "timezone: Europe/Rome" in flat
    assert "Europe/Kyiv" not in flat


def test_the_day_first_note_quotes_an_ambiguous_value_of_the_file(tmp_path):
    data = (
        "a,b,when\n"
        "+380671234567,+380501234567,2024-04-05 10:00\n"
        "+380671234567,+380501234567,07/02/2024 10:00\n"
    )
    case, output = _ingest(tmp_path, data, _NAIVE_CALLS % "when")
    flat = " ".join(output.split())
    assert "such as '07/02/2024 10:00' (row 2) read day-first" in flat
    assert "03/04" not in flat
    assert _link_times(case)[1] == "2024-02-07 10:00:00+00:00"


def test_the_draft_keeps_quiet_about_a_column_headed_utc(tmp_path):
    data = tmp_path / "calls.csv"
    data.write_text(
        "Caller,Callee,Date (UTC)\n"
        "+380671234567,+380501234567,05/04/2024 14:03:22\n"
        "+380501234567,+380671234567,06/04/2024 09:13:00\n",
        encoding="utf-8",
    )
    out = tmp_path / "draft.yaml"
    result = CliRunner().invoke(cli, ["mapping", "suggest", str(data), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "no UTC offset" not in out.read_text(encoding="utf-8")


def test_plain_iso_times_read_in_the_mappings_zone_and_an_impossible_day_is_rejected(tmp_path):
    data = (
        "case_id,intake,name\n"
        "C-1,2024-01-12 14:33:00,Ana Pop\n"
        "C-2,2024-07-01T08:00:05,Ion Rus\n"
        "C-3,2024-02-30 10:00:00,Eva Lin\n"  # no 30 February: never 1 March
        "C-4,2024-03-31 01:30:00,Tom Hale\n"  # the hour the clocks skip: read before it
        "C-5,2567-04-20 10:00:00,Malee Srisuk\n"  # Buddhist era: 2024
    )
    case, _ = _ingest(tmp_path, data, "timezone: Europe/London\n" + _EVENTS % "intake")
    assert _link_times(case) == [
        "2024-01-12 14:33:00+00:00",  # GMT
        "2024-07-01 07:00:05+00:00",  # BST is UTC+1
        "NaT",
        "2024-03-31 01:30:00+00:00",  # GMT, the offset before the change (not 02:00 BST)
        "2024-04-20 09:00:00+00:00",
    ]
    assert _rejected(case, "time_invalid") == [[3, "2024-02-30 10:00:00"]]


def test_plain_iso_times_are_read_in_arrow_not_value_by_value(tmp_path, monkeypatch):
    # "2024-01-12 14:33:00", the shape of a CDR's start times, costs pandas a Python
    # object per value: a million-row CDR is read without it.
    from linkgraph.ingest import _columns

    parsed = []
    real = _columns.pd.to_datetime

    def counting(values, *args, **kwargs):
        parsed.append(len(values))
        return real(values, *args, **kwargs)

    monkeypatch.setattr(_columns.pd, "to_datetime", counting)
    rows = "".join(f"C-{i},2024-01-{i % 28 + 1:02d} 10:{i % 60:02d}:00,P {i}\n" for i in range(500))
    case, _ = _ingest(tmp_path, "case_id,intake,name\n" + rows, _EVENTS % "intake")
    assert _link_times(case)[:2] == ["2024-01-01 10:00:00+00:00", "2024-01-02 10:01:00+00:00"]
    assert sum(parsed) == 0


def test_year_9999_is_rejected_in_a_local_zone_and_a_leap_second_keeps_its_day(tmp_path):
    """Berlin time: the year 9999 (a "never" that exports write) cannot be localized, so
    it is rejected as time_invalid in every layout, never a crash; a leap second
    ("23:59:60") is read as 23:59:59 of the day written, not 00:00 of the next day."""
    data = (
        "case_id,intake,name\n"
        "A1,31.12.9999 23:59:60,Anna Krause\n"
        "A2,31.12.9999 23:59,Ben Krause\n"
        "A3,31 December 9999 23:59,Carl Krause\n"
        "A4,9999-12-31 23:59:59,Dora Krause\n"
        "A5,31.12.2016 23:59:60,Emil Krause\n"
        "A6,2016-12-31T23:59:60Z,Fritz Krause\n"
        "A7,31.12.2016 23:60:00,Greta Krause\n"
    )
    mapping = "dayfirst: true\ntimezone: Europe/Berlin\n" + _EVENTS % "intake"
    case, _ = _ingest(tmp_path, data, mapping)
    assert _link_times(case) == [
        "NaT", "NaT", "NaT", "NaT",
        "2016-12-31 22:59:59+00:00",  # 23:59:59 in Berlin (UTC+1)
        "2016-12-31 23:59:59+00:00",
        "NaT",  # a minute of 60 is no leap second
    ]  # fmt: skip
    assert [row for row, _ in _rejected(case, "time_invalid")] == [1, 2, 3, 4, 7]
