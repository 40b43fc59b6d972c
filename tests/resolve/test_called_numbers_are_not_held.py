"""A number a person rang is the other party's, not hers: two callers of one hotline
number are not one person by it. Before, every link from a person to a phone counted as
her phone in resolution ('called', 'messaged', 'contacted' alike), so two different
callers, one name within the other's, were joined by the shared-identifier rule."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from linkgraph.cli import cli

HOTLINE = "+40 21 555 0100"
ROWS = f"caller,number\nMaria,{HOTLINE}\nMaria Rossi,{HOTLINE}\n"


def _entities(tmp_path: Path, kind: str) -> pd.Series:
    data, spec, case = tmp_path / "calls.csv", tmp_path / "map.yaml", tmp_path / kind
    data.write_text(ROWS, encoding="utf-8")
    spec.write_text(
        "entities:\n"
        "  caller: {type: person, fields: {name: caller}}\n"
        "  number: {type: phone, fields: {phone: number}}\n"
        f"links:\n  - {{kind: {kind}, src: caller, dst: number}}\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    done = runner.invoke(cli, ["ingest", str(data), "--mapping", str(spec), "-o", str(case), "-q"])
    assert done.exit_code == 0, done.output
    done = runner.invoke(cli, ["resolve", str(case)])
    assert done.exit_code == 0, done.output
    out = runner.invoke(cli, ["mentions", str(case), "--type", "person", "--csv"])
    assert out.exit_code == 0, out.output
    return pd.read_csv(io.StringIO(out.stdout)).set_index("row")["entity_id"]


def test_two_callers_of_one_number_stay_two_people(tmp_path: Path) -> None:
    entity = _entities(tmp_path, "called")
    assert entity[1] != entity[2]


def test_the_phone_each_uses_still_counts(tmp_path: Path) -> None:
    # The same rows with the number as each one's own phone: one phone, "Maria" within
    # "Maria Rossi", nothing in conflict: one person (the shared-identifier rule).
    entity = _entities(tmp_path, "uses_phone")
    assert entity[1] == entity[2]
