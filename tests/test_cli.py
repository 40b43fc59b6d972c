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
    assert result.exit_code == 2  # a bad path on the command line: a usage error
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


def test_exit_statuses_tell_usage_input_and_internal_errors_apart(tmp_path, monkeypatch):
    """2 for a usage error, a bad path on the command line included (whichever check finds
    it: click's or the case reader's); 1 for bad input data; 3 for a bug; as documented."""
    import linkgraph.commands.entities as entities_module
    from linkgraph.cli import EXIT_STATUSES

    afile = tmp_path / "afile"
    afile.write_text("x", encoding="utf-8")
    runner = CliRunner()
    for args in (
        ["analyze", str(tmp_path / "nope")],  # no such case folder
        ["resolve", str(afile)],  # a file where the case folder should be (click's check)
        ["analyze", str(afile)],
        ["entities", str(tmp_path), "--bogus"],  # unknown option
    ):
        result = runner.invoke(cli, args)
        assert result.exit_code == 2, (args, result.output)
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "manifest.json").write_text("{not json", encoding="utf-8")
    result = runner.invoke(cli, ["analyze", str(broken)])
    assert result.exit_code == 1, result.output  # a corrupt case: bad input data
    config = tmp_path / "p.yaml"
    config.write_text("resolve:\n  treshold: 0.9\n", encoding="utf-8")
    assert runner.invoke(cli, ["run", str(config)]).exit_code == 1

    def bug(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(entities_module, "read_case", bug)
    result = runner.invoke(cli, ["entities", str(broken)])
    assert result.exit_code == 3, result.output
    assert "internal error (ZeroDivisionError" in result.output
    help_text = runner.invoke(cli, ["--help"], terminal_width=80).output
    assert "Exit status:" in help_text
    docs = (Path(__file__).resolve().parents[1] / "docs" / "concepts.md").read_text("utf-8")
    for status, meaning in ((1, "bad input"), (2, "usage error"), (3, "internal error")):
        assert f"| {status} | {meaning}" in docs
        assert f"{status} {meaning}" in EXIT_STATUSES
