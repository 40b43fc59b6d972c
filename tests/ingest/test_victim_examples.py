"""A warning that quotes an example value takes it from a row of no victim, or withholds
it: a victim's phone or date of birth is never printed by preview, ingest or mapping
check (their tables hide them; the warnings under them must too)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.ingest._examples import WITHHELD

MAPPING = """\
format: csv
region: DE
entities:
  victim:
    type: person
    fields:
      name: Opfer Name
      dob: Opfer Geburt
      role: {value: victim}
      city: Tatort
  victim_phone:
    type: phone
    fields:
      phone: Opfer Telefon
  suspect:
    type: person
    fields:
      name: Täter Name
      role: {value: suspect}
  suspect_phone:
    type: phone
    fields:
      phone: Täter Telefon
links:
- {kind: uses_phone, src: victim, dst: victim_phone}
- {kind: uses_phone, src: suspect, dst: suspect_phone}
- {kind: victim_of, src: victim, dst: suspect}
"""

# Row 1: the only phone read by its city's country (Roma: IT) and the only ambiguous
# date are a victim's. Row 2: a victim's national number comes first; row 3 (no victim)
# holds a suspect's, the one the "read as DE numbers" warning may quote.
ROWS = """\
Fall,Opfer Name,Opfer Telefon,Opfer Geburt,Täter Name,Täter Telefon,Tatort
F-1,Anna Schmidt,0951234567,03/04/1990,Max Müller,+49 176 12345678,Roma
F-2,Olena Kravets,0301111111,,Max Müller,+49 176 12345678,
F-3,,,,Boris Brand,0302222222,
"""

VICTIMS_VALUES = ["0951234567", "390951234567", "03/04/1990", "0301111111", "49301111111"]


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    data, mapping = tmp_path / "opfer.csv", tmp_path / "opfer.yaml"
    data.write_text(ROWS, encoding="utf-8")
    mapping.write_text(MAPPING, encoding="utf-8")
    return data, mapping


@pytest.mark.parametrize("command", ["preview", "ingest", "check"])
def test_no_victim_value_in_warnings(
    files: tuple[Path, Path], tmp_path: Path, command: str
) -> None:
    data, mapping = files
    args = {
        "preview": ["mapping", "preview", data, "--mapping", mapping],
        "ingest": ["ingest", data, "--mapping", mapping, "-o", tmp_path / "case"],
        "check": ["mapping", "check", data, "--mapping", mapping],
    }[command]
    got = CliRunner().invoke(cli, [str(a) for a in args])
    assert got.exit_code == 0, got.output
    warnings = [line for line in got.output.splitlines() if "warning:" in line]
    text = "\n".join(warnings)
    for value in VICTIMS_VALUES:
        assert value not in text, (value, text)
    # the warnings are still given: the examples withheld, or a suspect's quoted
    by_city = next(w for w in warnings if "country of its row's city" in w)
    assert (
        "1 phone without a country code read as a number of the country of its row's"
        " city (example withheld: a victim's row): if it is a local number of another"
        " country, map a country column"
    ) in by_city
    dates = next(w for w in warnings if "Opfer Geburt" in w)
    assert (
        "dates in Opfer Geburt (example withheld: a victim's row) read day-first (no value"
        " decides: set `dayfirst: false` in the mapping if they are month-first)"
    ) in dates
    assert WITHHELD == "(example withheld: a victim's row)"
    # the suspect's number (row 3) reads as DE beside the victim's city column: quoted
    national = next(w for w in warnings if "is the victim's, not its owner's" in w)
    assert "'0302222222' -> +49302222222" in national
    if command == "ingest":
        manifest = (tmp_path / "case" / "manifest.json").read_text(encoding="utf-8")
        for value in VICTIMS_VALUES:
            assert value not in manifest


def test_the_example_is_quoted_from_a_row_of_no_victim(files: tuple[Path, Path]) -> None:
    """The same rows with the first person a witness: no row marks a victim, so the
    warnings quote the values they withheld above, in the same sentences."""
    data, mapping = files
    mapping.write_text(MAPPING.replace("{value: victim}", "{value: witness}"), encoding="utf-8")
    got = CliRunner().invoke(cli, ["mapping", "check", str(data), "--mapping", str(mapping)])
    assert got.exit_code == 0, got.output
    flat = " ".join(got.output.split())
    assert (
        "1 phone without a country code read as a number of the country of its row's"
        " city, such as '0951234567' -> +390951234567 (IT): if it is a local number"
    ) in flat
    assert "dates in Opfer Geburt such as '03/04/1990' (row 1) read day-first (no value" in flat
    assert WITHHELD not in flat


HUGE_MAPPING = """\
format: csv
entities:
  payer:
    type: person
    fields: {name: Payer, role: Role}
  payee:
    type: person
    fields: {name: Payee}
links:
- {kind: paid, src: payer, dst: payee, amount: Amount, currency: {value: EUR}}
"""


@pytest.mark.parametrize("victim_only", [True, False])
def test_a_huge_amount_is_quoted_from_a_row_of_no_victim(tmp_path: Path, victim_only: bool) -> None:
    """The note of amounts of 10^15 or more quotes one on a row of no victim: the victim's
    row's amount first, the suspect's quoted; the victim's alone, withheld."""
    rows = ["Anna Schmidt,victim,Max Müller,3e15"]
    if not victim_only:
        rows = ["Anna Schmidt,victim,Max Müller,3e15", "Boris Brand,suspect,Max Müller,7e18"]
    data = tmp_path / "paid.csv"
    data.write_text("Payer,Role,Payee,Amount\n" + "\n".join(rows) + "\n", encoding="utf-8")
    mapping = tmp_path / "paid.yaml"
    mapping.write_text(HUGE_MAPPING, encoding="utf-8")
    got = CliRunner().invoke(
        cli, ["ingest", str(data), "--mapping", str(mapping), "-o", str(tmp_path / "case")]
    )
    assert got.exit_code == 0, got.output
    flat = " ".join(got.output.split())
    assert "3e15" not in flat
    quoted = WITHHELD if victim_only else "(such as '7e18')"
    assert (
        f"amounts in Amount reach 10^15 or more {quoted}: kept as read; check the column,"
        " no payment is that large"
    ) in flat


CELL_MAPPING = """\
format: csv
entities:
  subscriber:
    type: person
    fields: {name: subscriber, role: role}
  caller:
    type: phone
    fields: {phone: caller}
  callee:
    type: phone
    fields: {phone: callee}
links:
- {kind: called, src: caller, dst: callee, time: start_time, attrs: {cell: cell_id}}
- {kind: uses_phone, src: subscriber, dst: caller}
"""


@pytest.mark.parametrize("victim_only", [True, False])
def test_a_call_of_an_unlisted_cell_is_quoted_from_a_row_of_no_victim(
    tmp_path: Path, victim_only: bool
) -> None:
    """The cell-site note of calls whose cell is not in the list quotes calls on rows of
    no victim (her call's cell tells where she was): the victim's call (row 1, cell 777)
    is never quoted; the suspect's (row 2, cell 999) is, and with none, the example is
    withheld."""
    rows = ["Anna Schmidt,victim,+37360000001,+37360000002,2024-03-01 10:00,777"]
    if not victim_only:
        rows.append("Max Müller,suspect,+37360000003,+37360000002,2024-03-01 11:00,999")
    calls, cells, mapping = (tmp_path / n for n in ("calls.csv", "cells.csv", "m.yaml"))
    calls.write_text(
        "subscriber,role,caller,callee,start_time,cell_id\n" + "\n".join(rows) + "\n",
        encoding="utf-8",
    )
    cells.write_text("cell_id,lat,lon\n101,47.0105,28.8638\n", encoding="utf-8")
    mapping.write_text(CELL_MAPPING, encoding="utf-8")
    got = CliRunner().invoke(
        cli,
        ["ingest", str(calls), str(cells), "--mapping", str(mapping), "-o", str(tmp_path / "c")],
    )
    assert got.exit_code == 0, got.output
    flat = " ".join(got.output.split())
    assert "777" not in flat
    quoted = WITHHELD if victim_only else "(such as 999 (row 2))"
    n = len(rows)
    assert (
        f"{n} of {n} calls name a cell not in the cell-site list (cells.csv): kept, without"
        f" a position {quoted}; check that the list is the carrier's"
    ) in flat
