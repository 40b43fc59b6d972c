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
    national = next(w for w in warnings if "read as DE numbers" in w)
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
