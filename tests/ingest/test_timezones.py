"""Times recorded in a local zone: the mapping's `timezone`, a column of zones per row,
`--timezone`, and a note when times without an offset are read as UTC. Through the CLI.
Expected instants are computed by hand (Istanbul is UTC+3 all year; Berlin is UTC+1 in
winter and UTC+2 from 31 March 2024, 02:00)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import yaml
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.ingest._zones import country_zone, read_zone
from linkgraph.model import Case


def _cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _times(case: Path) -> list[str]:
    links = Case.load(case).links.sort_values("row")
    return [str(t) if pd.notna(t) else "NaT" for t in links["time"]]


_CALLS = (
    "caller,callee,start,tz\n"
    "+905321234567,+905329876543,2024-03-31 02:30:00,Europe/Istanbul\n"
    "+905329876543,+905321234567,2024-03-31 23:59:59,UTC+3\n"
    "+905321234567,+4915112345678,31/03/2024 03:15,Europe/Berlin\n"
    "+905321234567,+4915112345678,2024-01-15 10:00,\n"
    "+905321234567,+4915112345678,2024-01-15 11:00,Mars/Olympus\n"
)
_MAPPING = (
    "format: csv\n"
    "timezone: {column: tz, default: CET}\n"
    "entities:\n"
    "  caller: {type: phone, fields: {phone: caller}}\n"
    "  callee: {type: phone, fields: {phone: callee}}\n"
    "links:\n"
    "- {kind: called, src: caller, dst: callee, time: start}\n"
)


def test_zone_spellings_read_as_one_zone():
    assert read_zone("europe/istanbul") == "Europe/Istanbul"
    assert read_zone("UTC+3") == read_zone("GMT+03:00") == read_zone("+0300") == "+03:00"
    assert read_zone("UTC-5:30") == "-05:30"
    assert read_zone("MESZ") == "+02:00"  # German summer time: one offset
    assert read_zone("Z") == read_zone("gmt") == "UTC"
    assert read_zone("IST") is None  # India, Ireland or Israel: never guessed
    assert read_zone("UTC+25") is None
    assert country_zone("TR") in (None, "Europe/Istanbul")  # None only without a zone table
    assert country_zone("US") is None  # several zones


def test_each_row_is_read_in_the_zone_its_column_names(tmp_path):
    data = _write(tmp_path, "calls.csv", _CALLS)
    mapping = _write(tmp_path, "m.yaml", _MAPPING)
    code, text = _cli("ingest", str(data), "--mapping", str(mapping), "-o", str(tmp_path / "c"))
    assert code == 0, text
    assert _times(tmp_path / "c") == [
        "2024-03-30 23:30:00+00:00",  # 02:30 in Istanbul (UTC+3)
        "2024-03-31 20:59:59+00:00",  # UTC+3
        "2024-03-31 01:15:00+00:00",  # 03:15 in Berlin, summer time (UTC+2)
        "2024-01-15 09:00:00+00:00",  # no zone: the default, CET (UTC+1 in January)
        "NaT",  # a zone that names none: no time rather than a wrong one
    ]
    rejects = Case.load(tmp_path / "c").rejects
    bad = rejects[rejects["reason"] == "timezone_invalid"]
    assert bad[["row", "column", "value"]].values.tolist() == [[5, "tz", "Mars/Olympus"]]
    assert "timezone_invalid: 1" in text
    assert "no UTC offset" not in text  # the zones were given


def test_a_mistyped_timezone_is_an_error_with_did_you_mean(tmp_path):
    data = _write(tmp_path, "calls.csv", _CALLS)
    mapping = _write(
        tmp_path, "m.yaml", _MAPPING.replace("{column: tz, default: CET}", "Europe/Istambul")
    )
    code, text = _cli("ingest", str(data), "--mapping", str(mapping), "-o", str(tmp_path / "c"))
    assert code != 0
    assert "unknown time zone 'Europe/Istambul'" in text
    assert "did you mean 'Europe/Istanbul'" in text
    assert "Traceback" not in text
    code, text = _cli(
        "ingest", str(data), "--preset", "cdr", "--timezone", "Mars", "-o", str(tmp_path / "d")
    )
    assert code == 2
    assert "--timezone" in text
    assert "unknown time zone 'Mars'" in text


def test_times_without_an_offset_are_noted_and_timezone_reads_them(tmp_path):
    data = _write(tmp_path, "calls.csv", _CALLS)
    code, text = _cli("ingest", str(data), "--preset", "cdr", "-o", str(tmp_path / "utc"), "-q")
    assert code == 0, text
    assert "times in start have no UTC offset and were read as UTC" in text
    assert _times(tmp_path / "utc")[0] == "2024-03-31 02:30:00+00:00"
    code, text = _cli(
        "ingest", str(data), "--preset", "cdr", "--timezone", "Europe/Istanbul",
        "-o", str(tmp_path / "tr"), "-q",
    )  # fmt: skip
    assert code == 0, text
    assert "no UTC offset" not in text
    assert _times(tmp_path / "tr")[:2] == ["2024-03-30 23:30:00+00:00", "2024-03-31 20:59:59+00:00"]


def test_times_with_an_offset_need_no_timezone(tmp_path):
    data = _write(
        tmp_path,
        "calls.csv",
        "caller,callee,start\n"
        "+905321234567,+905329876543,2024-03-31T02:30:00+03:00\n"
        "+905321234567,+905329876543,2024-03-31 02:30 CET\n"
        "+905321234567,+905329876543,1711841400\n",
    )
    code, text = _cli("ingest", str(data), "--preset", "cdr", "-o", str(tmp_path / "c"), "-q")
    assert code == 0, text
    assert "no UTC offset" not in text
    assert _times(tmp_path / "c") == [
        "2024-03-30 23:30:00+00:00",
        "2024-03-31 01:30:00+00:00",
        "2024-03-30 23:30:00+00:00",
    ]


def test_suggest_reads_a_zone_column_and_its_draft_ingests_with_no_edit(tmp_path):
    data = _write(tmp_path, "calls.csv", _CALLS.replace(",tz\n", ",Time zone\n", 1))
    draft = tmp_path / "m.yaml"
    code, text = _cli("mapping", "suggest", str(data), "-o", str(draft))
    assert code == 0, text
    proposed = yaml.safe_load(draft.read_text(encoding="utf-8"))
    assert proposed["timezone"] == {"column": "Time zone"}
    assert "Columns not mapped: Time zone" not in draft.read_text(encoding="utf-8")
    code, text = _cli("ingest", str(data), "--mapping", str(draft), "-o", str(tmp_path / "c"))
    assert code == 0, text
    assert _times(tmp_path / "c")[:4] == [
        "2024-03-30 23:30:00+00:00",
        "2024-03-31 20:59:59+00:00",
        "2024-03-31 01:15:00+00:00",
        "2024-01-15 10:00:00+00:00",  # no zone and no default: UTC
    ]


def test_suggest_says_when_its_times_will_be_read_as_utc(tmp_path):
    data = _write(
        tmp_path, "calls.csv", "caller,callee,start\n+905321234567,+905329876543,2024-03-31 02:30\n"
    )
    code, text = _cli("mapping", "suggest", str(data))
    assert code == 0, text
    assert "# start: times have no UTC offset and are read as UTC" in text
    assert "timezone:" not in yaml.safe_dump(yaml.safe_load(text))


def test_suggest_proposes_the_zone_of_the_country_the_numbers_name(tmp_path):
    """No region (every number international, so none is needed): the zone proposed is
    that of the country most numbers name, "+90" or "380..." without the plus (tester
    round 15, F13); numbers of two countries half and half propose none."""
    turkish = _write(
        tmp_path, "calls.csv", "caller,callee,start\n+905321234567,+905329876543,2024-03-31 02:30\n"
    )
    code, text = _cli("mapping", "suggest", str(turkish))
    assert code == 0, text
    assert "set `timezone: Europe/Istanbul`" in text
    ukrainian = _write(
        tmp_path,
        "cdr.csv",
        "A_NUMBER;B_NUMBER;START_TIME\n380501112233;380671234567;2024-03-31 02:30:00\n"
        "380931112233;380501112233;2024-03-31 03:30:00\n",
    )
    code, text = _cli("mapping", "suggest", str(ukrainian))
    assert code == 0, text
    assert "set `timezone: Europe/Kyiv`" in text
    mixed = _write(
        tmp_path, "mixed.csv", "caller,callee,start\n+905321234567,+380501112233,2024-03-31 02:30\n"
    )
    code, text = _cli("mapping", "suggest", str(mixed))
    assert code == 0, text
    assert "set `timezone: Area/City`" in text
