"""A block larger than the cap is only partly compared, and `resolve` says so: its rule,
its size, one of its mentions and the pairs left uncompared (round 7, N3: 150 identical
rows of one person stayed 150 entities, and only the blocking table hinted at it; they
are now one record, resolved once: resolve.identical)."""

from __future__ import annotations

from click.testing import CliRunner

from linkgraph.cli import cli


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


def test_identical_rows_above_the_cap_are_one_record_compared_once(tmp_path):
    # 150 copies of one record: one representative, no block at all (its 150 * 149 / 2
    # = 11,175 pairs were only partly compared before), one entity.
    src = tmp_path / "rep.csv"
    src.write_text(
        "surname,first_name,date_of_birth,status\n" + "Rossi,Mario,01/02/1980,suspect\n" * 150
    )
    case = tmp_path / "case"
    runner = CliRunner()
    assert (
        runner.invoke(cli, ["ingest", str(src), "--preset", "people", "-o", str(case)]).exit_code
        == 0
    )
    result = runner.invoke(cli, ["resolve", str(case)])
    assert result.exit_code == 0, result.output
    assert "150 mentions → 1 entity (0 candidate person pairs" in result.output
    assert "partly compared" not in result.output


def test_no_warning_when_no_block_is_capped(tmp_path):
    src = tmp_path / "few.csv"
    src.write_text(
        "surname,first_name,date_of_birth,status\n" + "Rossi,Mario,01/02/1980,suspect\n" * 30
    )
    case = tmp_path / "case"
    runner = CliRunner()
    assert (
        runner.invoke(cli, ["ingest", str(src), "--preset", "people", "-o", str(case)]).exit_code
        == 0
    )
    result = runner.invoke(cli, ["resolve", str(case)])
    assert result.exit_code == 0, result.output
    assert "partly compared" not in result.output
