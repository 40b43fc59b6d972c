"""A column read for two fields (an arrest's time and its link's) gives its warning once,
in `ingest` and in `mapping check` (hostile round 14, D11)."""

from __future__ import annotations

from click.testing import CliRunner

from linkgraph.cli import cli

ARRESTS = (
    "arrest_id,arrest_date,first_name,last_name\nA1,01/02/2024,Ion,Pop\nA2,03/04/2024,Ana,Lupu\n"
)
MAPPING = """\
entities:
  suspect:
    type: person
    fields: {given_name: first_name, family_name: last_name, role: {value: suspect}}
  arrest:
    type: event
    fields: {identifier: arrest_id, time: arrest_date}
links:
  - {kind: involved_in, src: suspect, dst: arrest, time: arrest_date}
"""
DAY_FIRST = "warning: dates in arrest_date such as '01/02/2024' (row 1) read day-first"


def test_a_date_column_of_two_fields_is_warned_of_once(tmp_path):
    data, mapping = tmp_path / "arrests.csv", tmp_path / "arrests.yaml"
    data.write_text(ARRESTS, encoding="utf-8")
    mapping.write_text(MAPPING, encoding="utf-8")
    case = str(tmp_path / "case")
    ingest = CliRunner().invoke(cli, ["ingest", str(data), "--mapping", str(mapping), "-o", case])
    assert ingest.exit_code == 0, ingest.output
    assert ingest.output.count(DAY_FIRST) == 1, ingest.output
    check = CliRunner().invoke(cli, ["mapping", "check", str(mapping), str(data)])
    assert check.exit_code == 0, check.output
    assert check.output.count(DAY_FIRST) == 1, check.output


def test_dates_written_with_dots_are_day_first_without_a_warning(tmp_path):
    """01.02.2024 and 03.04.2024 read both ways by their numbers, but a date written with
    dots is day-first wherever it is written so: 1 February and 3 April, and no warning
    that no value decides (Sparkasse's Buchungstag 05.03.24 had one)."""
    data, mapping = tmp_path / "arrests.csv", tmp_path / "arrests.yaml"
    data.write_text(ARRESTS.replace("/", "."), encoding="utf-8")
    mapping.write_text(MAPPING, encoding="utf-8")
    case = tmp_path / "case"
    ingest = CliRunner().invoke(
        cli, ["ingest", str(data), "--mapping", str(mapping), "-o", str(case)]
    )
    assert ingest.exit_code == 0, ingest.output
    assert "day-first" not in ingest.output
    from linkgraph.model import Case

    links = Case.load(case).links
    assert sorted(str(t)[:10] for t in links["time"]) == ["2024-02-01", "2024-04-03"]
