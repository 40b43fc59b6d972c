"""A person repeated on hundreds of identical rows is one entity (identical mentions are
collapsed before blocking, expanded back after clustering), through the CLI."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case

HEADER = "surname,first_name,date_of_birth,status\n"
MARIO = "Rossi,Mario,01/02/1980,suspect\n"


def _resolve(tmp_path: Path, text: str) -> Case:
    src = tmp_path / "rep.csv"
    src.write_text(text, encoding="utf-8")
    case = tmp_path / "case"
    runner = CliRunner()
    for args in (
        ["ingest", str(src), "--preset", "people", "-o", str(case)],
        ["resolve", str(case)],
    ):
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, result.output
    return Case.read(case)


def test_three_hundred_identical_rows_are_one_entity(tmp_path):
    # Before: 300 mentions -> 300 entities (one block of 300 above the cap, weights
    # learnt from identical pairs only).
    case = _resolve(tmp_path, HEADER + MARIO * 300)
    assert case.resolution["entity_id"].nunique() == 1
    step = [s for s in case.manifest["steps"] if s["stage"] == "resolve"][-1]
    ev = case.evidence
    copies = ev[ev["rule"] == "identical"]
    # One evidence row per copy, with the first row (the representative).
    assert len(copies) == 299
    assert copies["left"].nunique() == 1
    assert (copies["decision"] == "match").all()
    assert step["identical_copies"] == 299
    assert step["persons"] == 300


def test_identical_rows_beside_other_people_keep_them_apart(tmp_path):
    others = "Bianchi,Lucia,03/04/1975,victim\nVerdi,Paolo,05/06/1990,suspect\n"
    case = _resolve(tmp_path, HEADER + MARIO * 200 + others + MARIO * 50)
    entity = case.resolution.set_index("mention_id")["entity_id"]
    m = case.mentions.set_index("mention_id")
    per_name = pd.Series(entity.to_numpy(), index=m.loc[entity.index, "family_name"].to_numpy())
    assert per_name.groupby(level=0).nunique().to_dict() == {"Bianchi": 1, "Rossi": 1, "Verdi": 1}
    assert entity.nunique() == 3


def test_explain_two_copies_shows_the_identical_pair(tmp_path):
    _resolve(tmp_path, HEADER + MARIO * 150)
    result = CliRunner().invoke(cli, ["explain", str(tmp_path / "case"), "rep.csv:1", "rep.csv:2"])
    assert result.exit_code == 0, result.output
    assert "Resolved as the SAME entity" in result.output
    assert "rule: identical" in result.output


def test_a_capped_block_warns_with_its_rule_size_and_uncompared_pairs(tmp_path):
    # Sixty different records (one city each) of one name and date of birth: one block
    # of 60 under each name rule, above the cap of 40.
    rows = "".join(f"Rossi,Mario,01/02/1980,City{i:02d},suspect\n" for i in range(60))
    src = tmp_path / "cap.csv"
    src.write_text("surname,first_name,date_of_birth,city,status\n" + rows, encoding="utf-8")
    case = tmp_path / "case"
    runner = CliRunner()
    assert (
        runner.invoke(cli, ["ingest", str(src), "--preset", "people", "-o", str(case)]).exit_code
        == 0
    )
    result = runner.invoke(cli, ["resolve", str(case)])
    assert result.exit_code == 0, result.output
    assert "were only partly compared" in result.output
    assert "holds 60 person mentions (one is m:" in result.output
    # 60 * 59 / 2 = 1770 pairs, the window of 40 compares 39 * 60 - 40 * 39 / 2 = 1560.
    assert "210 of its pairs were not compared" in result.output


def test_no_capped_warning_for_identical_rows(tmp_path):
    src = tmp_path / "rep.csv"
    src.write_text(HEADER + MARIO * 120, encoding="utf-8")
    case = tmp_path / "case"
    runner = CliRunner()
    assert (
        runner.invoke(cli, ["ingest", str(src), "--preset", "people", "-o", str(case)]).exit_code
        == 0
    )
    result = runner.invoke(cli, ["resolve", str(case)])
    assert "partly compared" not in result.output
    assert "120 mentions → 1 entities" in result.output
