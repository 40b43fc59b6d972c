"""The pipeline commands end to end through click, and how errors reach the user."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case
from linkgraph.pipeline import sample_data_dir


def test_demo_prints_summary_and_writes_case_and_map(demo_run):
    # demo_run: `linkgraph demo --out DIR -q` through the CLI, once per test process
    output, out = demo_run.output, demo_run.out
    assert "Files read:     5" in output
    entities = int(re.search(r"Entities:\s+([\d,]+)", output).group(1).replace(",", ""))
    case = Case.read(out / "case")
    assert entities == case.resolution["entity_id"].nunique()
    assert "Top five actors by betweenness" in output
    assert (out / "map.html").stat().st_size > 100_000
    # README shows this output: its warnings, counts and top five are those a run gives
    assert _summary(output) == _summary(_readme_demo_block())


#: Lines of the demo's summary that name the output folder or the time taken.
_UNSTABLE = ("Case:", "Map:", "Report:", "Done in")


def _summary(text: str) -> list[str]:
    """The lines of a demo summary that every run prints alike."""
    return [line.rstrip() for line in text.splitlines() if not line.startswith(_UNSTABLE)]


def _readme_demo_block() -> str:
    """The demo output README's quick start shows."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```text\n((?:warning: [^\n]*\n)*Files read:.*?)```", readme, flags=re.S)
    assert block is not None, "README shows no demo output"
    return block.group(1)


def test_run_uses_the_config_and_records_it(tmp_path):
    config = yaml.safe_load((sample_data_dir() / "pipeline.yaml").read_text())
    config["sources"] = [
        {
            **s,
            "path": str(sample_data_dir() / s["path"]),
            "mapping": str(sample_data_dir() / s["mapping"]),
        }
        for s in config["sources"]
        if s["path"] in ("cdr.csv", "transactions.csv")
    ]
    config["resolve"] = {"threshold": 0.95}
    path = tmp_path / "p.yaml"
    path.write_text(yaml.safe_dump(config))
    result = CliRunner().invoke(cli, ["run", str(path), "--out", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 0, result.output
    case = Case.read(tmp_path / "out" / "case")
    assert {i["name"] for i in case.manifest["inputs"]} == {"cdr.csv", "transactions.csv"}
    assert case.manifest["config"]["pipeline"]["resolve"]["threshold"] == 0.95


def test_config_errors_name_the_key_and_exit_1(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("resolve:\n  treshold: 0.9\n")
    result = CliRunner().invoke(cli, ["run", str(path)])
    assert result.exit_code == 1
    assert "resolve.treshold: unknown key; did you mean 'threshold'?" in result.output
    assert "Traceback" not in result.output


def test_missing_case_folder_says_how_to_make_one(tmp_path):
    result = CliRunner().invoke(cli, ["analyze", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert "nope does not exist" in result.output
    assert "linkgraph ingest" in result.output


def test_config_defaults_is_valid_yaml_that_loads(tmp_path):
    result = CliRunner().invoke(cli, ["config", "--defaults"])
    assert result.exit_code == 0
    path = tmp_path / "d.yaml"
    path.write_text(result.output)
    check = CliRunner().invoke(cli, ["config", str(path)])
    assert check.exit_code == 0, check.output
    assert "threshold" in check.output
