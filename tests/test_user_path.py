"""The README's step-by-step path, as a first-time user runs it (tester round 21)."""

from __future__ import annotations

import json
import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.pipeline import sample_data_dir


@pytest.fixture(scope="module")
def stepwise_case(tmp_path_factory) -> Path:
    """arrests.csv (its mapping) and cdr.csv (the cdr preset) ingested and resolved."""
    root = tmp_path_factory.mktemp("steps")
    sample = sample_data_dir()
    case = root / "case"
    runner = CliRunner()
    for args in (
        ["ingest", str(sample / "arrests.csv"), "--mapping",
         str(sample / "mappings" / "arrests.yaml"), "-o", str(case), "-q"],
        ["ingest", str(sample / "cdr.csv"), "--preset", "cdr", "--region", "UA",
         "-o", str(case), "-q"],
        ["resolve", str(case), "-q"],
    ):  # fmt: skip
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, result.output
    return case


@pytest.mark.parametrize(
    "args",
    [
        ["decide", "{case}", "arrests.csv:14", "hotline.xlsx:3", "must_link"],
        ["explain", "{case}", "arrests.csv:14", "hotline.xlsx:3"],
    ],
)
def test_a_source_not_in_a_fresh_case_is_named_not_a_crash(stepwise_case, tmp_path, args):
    # the first command after resolve: nothing kept beside the case yet
    case = tmp_path / "case"
    shutil.copytree(stepwise_case, case)
    result = CliRunner().invoke(cli, [a.format(case=case) for a in args])
    assert result.exit_code == 1, result.output
    assert "internal error" not in result.output
    assert "no source 'hotline.xlsx' in the case" in result.output
    assert "sources: arrests.csv, cdr.csv" in result.output


def _help_examples(command: str) -> list[str]:
    """The command lines `linkgraph COMMAND --help` shows under "Example:"."""
    text = CliRunner().invoke(cli, [command, "--help"]).output
    tail = text.split("Example:", 1)[1]
    return [line.strip() for line in tail.splitlines() if line.strip().startswith("linkgraph ")]


@pytest.mark.parametrize("command", ["explain", "decide"])
def test_help_examples_run_on_the_demo_case_as_written(demo_out, tmp_path, command):
    case = tmp_path / "case"  # the examples write `case/`
    shutil.copytree(demo_out / "case", case)
    examples = _help_examples(command)
    assert examples
    for line in examples:
        args = shlex.split(line)[1:]
        assert args[1] == "case/"
        args[1] = str(case)
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, f"{line}\n{result.output}"


def _readme() -> str:
    return (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_readme_stability_command_writes_the_briefing_the_demo_wrote(demo_out, tmp_path):
    # README: "`linkgraph stability demo-out/case && linkgraph report demo-out/case ...` adds it"
    text = " ".join(_readme().split())
    found = re.search(r"`linkgraph stability demo-out/case && (linkgraph report [^`]*)`", text)
    assert found, "README shows no stability-then-report command"
    out = tmp_path / "demo-out"
    shutil.copytree(demo_out, out)
    args = [a.replace("demo-out", str(out)) for a in shlex.split(found.group(1))[1:]]
    result = CliRunner().invoke(cli, [*args, "-q"])
    assert result.exit_code == 0, result.output
    # the briefing the user opened (the demo's Report: line) is the one rewritten
    assert f"Report: {out / 'report.html'}" in result.output
    assert not (out / "case" / "report.html").exists()


def test_rejects_of_a_source_the_case_lacks_is_an_error_naming_its_sources(demo_out):
    case = str(demo_out / "case")
    result = CliRunner().invoke(cli, ["rejects", case, "--source", "hotlin.xlsx"])
    assert result.exit_code == 1, result.output
    assert "no source of the case contains 'hotlin.xlsx'; did you mean 'hotline.xlsx'?" in (
        result.output
    )
    sources = "ads.jsonl, arrests.csv, cdr.csv, hotline.xlsx, transactions.csv"
    assert f"the case's sources: {sources}" in result.output
    # a part of a name, in any case, still filters
    assert CliRunner().invoke(cli, ["rejects", case, "--source", "HOTLINE"]).exit_code == 0


def test_readme_evaluate_command_runs_beside_the_demo_output(demo_out, monkeypatch):
    # README's command, run in the folder the demo wrote demo-out/ in (no clone there)
    text = " ".join(_readme().split())
    found = re.search(r"`(linkgraph evaluate demo-out/case [^`]*)`", text)
    assert found, "README shows no evaluate command for the demo"
    monkeypatch.chdir(demo_out.parent)
    assert not Path("sample_data").exists()
    result = CliRunner().invoke(cli, [*shlex.split(found.group(1))[1:], "--json"])
    assert result.exit_code == 0, result.output
    # the sample's truth: README's figures (pairwise precision 1.00, F1 0.999), no
    # truth row left without its mention
    (scores,) = json.loads(result.stdout)
    assert scores["precision"] == 1.0
    assert round(scores["f1"], 3) == 0.999
    assert scores["missing"] == 0


def test_one_phone_is_said_in_the_singular(tmp_path):
    # hotline.xlsx holds one phone invalid in its row's country and one read by its city
    sample = sample_data_dir()
    result = CliRunner().invoke(cli, [
        "ingest", str(sample / "hotline.xlsx"), "--mapping",
        str(sample / "mappings" / "hotline.yaml"), "-o", str(tmp_path / "case"), "-q",
    ])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "1 phone invalid in its row's country read as a UA number instead" in result.output
    assert "1 phone without a country code read as a number of the country of its row's city" in (
        result.output
    )
    assert not re.search(r"\b1 phones\b", result.output)


def test_keyplayers_bound_and_count_agree(demo_out, tmp_path):
    case = tmp_path / "case"
    shutil.copytree(demo_out / "case", case)
    args = ["keyplayers", str(case), "-k", "5", "--by", "fragmentation"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    scored = re.search(r"stopped after scoring ([\d,]+) sets", result.output)
    assert scored, result.output
    # a bound said as "at most N" is one the count stays within
    bound = re.search(r"at most ([\d,]+) sets", result.output)
    if bound:
        assert int(scored.group(1).replace(",", "")) <= int(bound.group(1).replace(",", ""))
    assert "it stops after scoring about 20,000 sets" in result.output
