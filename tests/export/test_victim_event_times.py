"""An event linked to victims alone has its time withheld in every table export, as its
attributes and raw row are: a draft that mapped a Romanian `data_nasterii` as the case
event's time wrote victims' dates of birth as event times into csv, xlsx and sqlite
(tester round 18, V5)."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from linkgraph.cli import cli

ROWS = """\
dosar,nume,data,calitate,telefon
D-1,Anna Bondar,30.11.2001,victima,+380931230001
D-2,Elena Marin,20.01.2000,victima,+40733444555
D-2,Gheorghe Stan,24.09.1994,suspect,+40744547015
D-3,Vasile Stoica,10.11.1982,suspect,+40744587886
"""
# The mistake the tester's draft made: a date of birth mapped as the case's time.
MAPPING = """\
format: csv
entities:
  person:
    type: person
    fields:
      name: nume
      role: calitate
  case:
    type: event
    fields:
      identifier: dosar
      time: data
links:
- kind: involved_in
  src: person
  dst: case
"""


def _ok(*args: str) -> None:
    done = CliRunner().invoke(cli, list(args))
    assert done.exit_code == 0, done.output


@pytest.fixture(scope="module")
def case(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("events")
    (tmp / "politia.csv").write_text(ROWS, encoding="utf-8")
    (tmp / "map.yaml").write_text(MAPPING, encoding="utf-8")
    _ok("ingest", str(tmp / "politia.csv"), "--mapping", str(tmp / "map.yaml"),
        "-o", str(tmp / "case"), "-q")  # fmt: skip
    return tmp / "case"


def _event_times(rows: list[dict[str, str]]) -> dict[str, str]:
    """Row number -> the time of the event mention of that row."""
    return {r["row"]: r["time"] for r in rows if r["type"] == "event"}


def test_csv_withholds_the_time_of_an_event_linked_to_victims_alone(case: Path) -> None:
    out = case.parent / "csv"
    _ok("export", str(case), "-f", "csv", "-o", str(out))
    with (out / "mentions.csv").open(encoding="utf-8-sig") as f:
        times = _event_times(list(csv.DictReader(f)))
    # rows 1 and 2 are victims' own rows (her case file's event, linked to her alone);
    # rows 3 and 4 link their event to a suspect: the time stays
    assert times == {
        "1": "",
        "2": "",
        "3": "1994-09-24T00:00:00Z",
        "4": "1982-11-10T00:00:00Z",
    }


def test_sqlite_withholds_it_too(case: Path) -> None:
    out = case.parent / "case.sqlite"
    _ok("export", str(case), "-f", "sqlite", "-o", str(out))
    with sqlite3.connect(out) as db:
        rows = db.execute("select row, time from mentions where type = 'event'").fetchall()
    times = {str(row): time for row, time in rows}
    assert times["1"] is None
    assert times["2"] is None
    assert str(times["3"]).startswith("1994-09-24")


def test_show_victims_keeps_the_time(case: Path) -> None:
    out = case.parent / "csv_named"
    _ok("export", str(case), "-f", "csv", "-o", str(out), "--show-victims")
    with (out / "mentions.csv").open(encoding="utf-8-sig") as f:
        times = _event_times(list(csv.DictReader(f)))
    assert times["1"] == "2001-11-30T00:00:00Z"
