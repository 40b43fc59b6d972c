"""`linkgraph rejects CASE` (the rejects table, filtered, victims' values withheld) and
`mapping check` / `mapping preview` taking the mapping either before FILE or as
--mapping, through the CLI."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from linkgraph.cli import cli

_MAPPING = """\
format: csv
region: RO
entities:
  person:
    type: person
    fields: {name: Name, role: Role}
  phone:
    type: phone
    fields: {phone: Phone}
links:
  - {kind: uses_phone, src: person, dst: phone}
"""
_ROWS = (
    "Name,Phone,Role\n"
    "Ana Victima,12345,victim\n"
    "Ion Popa,+40721000111,suspect\n"
    "Mihai Rus,999,suspect\n"
    "Total: 3,,\n"
)


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    data = tmp_path / "hotline.csv"
    data.write_text(_ROWS, encoding="utf-8")
    mapping = tmp_path / "hotline.yaml"
    mapping.write_text(_MAPPING, encoding="utf-8")
    return data, mapping


@pytest.fixture
def case_dir(files: tuple[Path, Path], tmp_path: Path) -> Path:
    data, mapping = files
    out = tmp_path / "case"
    result = CliRunner().invoke(
        cli, ["ingest", str(data), "--mapping", str(mapping), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    return out


def _run(*args: str) -> tuple[str, str]:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output + result.stderr
    return result.stdout, result.stderr


def test_rejects_lists_each_reject_and_withholds_victims_values(case_dir):
    out, err = _run("rejects", str(case_dir), "--csv")
    table = pd.read_csv(io.StringIO(out), dtype=str, keep_default_na=False)
    assert table.values.tolist() == [
        ["hotline.csv", "1", "Phone", "phone_invalid", "[withheld]"],  # the victim's row
        ["hotline.csv", "3", "Phone", "phone_invalid", "999"],
        ["hotline.csv", "4", "", "footer_row", "Total: 3"],
    ]
    assert "3 reject(s) (phone_invalid: 2, footer_row: 1)" in err
    assert "1 value(s) of victims' rows withheld" in err
    out, _ = _run("rejects", str(case_dir), "--csv", "--show-victims")
    assert "12345" in out
    out, _ = _run("rejects", str(case_dir))  # the plain table: marked, never NaN
    assert "[withheld]" in out
    assert "NaN" not in out
    assert "12345" not in out


def test_rejects_filters_by_reason_and_source(case_dir):
    out, _ = _run("rejects", str(case_dir), "--reason", "footer_row", "--json")
    assert json.loads(out) == [
        {"source": "hotline.csv", "row": 4, "column": None, "reason": "footer_row",
         "value": "Total: 3"}
    ]  # fmt: skip
    # a source the case does not hold is an error naming those it holds, not "no rows"
    unknown = CliRunner().invoke(cli, ["rejects", str(case_dir), "--source", "other.csv"])
    assert unknown.exit_code == 1
    assert "the case's sources: hotline.csv" in unknown.output
    out, _ = _run("rejects", str(case_dir), "--limit", "1")
    assert "999" not in out
    assert "phone_invalid" in out


def test_mapping_check_and_preview_take_the_mapping_either_way(files):
    data, mapping = files
    for args in (
        [str(mapping), str(data)],
        [str(data), "--mapping", str(mapping)],
        [str(data), str(mapping)],
    ):
        out, _ = _run("mapping", "check", *args)
        assert out.rstrip().endswith("hotline.yaml: OK for hotline.csv (see above)")
        out, _ = _run("mapping", "preview", *args, "--json")
        # "12345" and "999" are no numbers: rejects, and no phone for Ana or Mihai to use
        assert len(json.loads(out)["links"]) == 1
    result = CliRunner().invoke(cli, ["mapping", "check", str(data)])
    assert result.exit_code == 2
    assert "FILE --mapping MAPPING" in result.output
