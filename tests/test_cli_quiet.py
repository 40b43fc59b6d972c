"""Every command that runs long (a stage, an export, a bundle, a synthetic case) takes
-q/--quiet, as ingest, resolve and analyze do (before: `linkgraph export -q` was a usage
error)."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from linkgraph.cli import cli

_LONG = ("ingest", "resolve", "analyze", "keyplayers", "stability", "routes", "render",
         "report", "export", "share", "link", "synth", "run", "demo")  # fmt: skip


@pytest.mark.parametrize("name", _LONG)
def test_a_long_command_takes_quiet(name: str) -> None:
    command = cli.get_command(click.Context(cli), name)
    assert command is not None, name
    flags = {opt for param in command.params for opt in param.opts}
    assert {"-q", "--quiet"} <= flags, name


def test_export_quiet_writes_the_same_file(tmp_path: Path) -> None:
    people = tmp_path / "people.csv"
    people.write_text("name,phone\nIon Popa,+40721000001\nAna Rusu,+40721000001\n")
    runner = CliRunner()
    case = tmp_path / "case"
    done = runner.invoke(cli, ["ingest", str(people), "--preset", "people", "-o", str(case), "-q"])
    assert done.exit_code == 0, done.output
    outputs = []
    for flag in ([], ["-q"]):
        out = tmp_path / f"case{len(flag)}.graphml"
        done = runner.invoke(cli, ["export", str(case), "-f", "graphml", "-o", str(out), *flag])
        assert done.exit_code == 0, done.output
        outputs.append(done.output)
    assert "Loss report:" in outputs[0]
    assert (tmp_path / "case0.graphml").read_bytes() == (tmp_path / "case1.graphml").read_bytes()


def test_export_quiet_prints_the_loss_report_in_one_line(tmp_path: Path) -> None:
    """-q: one line counting the losses and notes and naming the loss report file, which
    holds them whole; without -q the report is printed item by item."""
    people = tmp_path / "people.csv"
    people.write_text("name,phone,role\nIon Popa,+40721000001,suspect\nAna Rusu,bad,victim\n")
    runner = CliRunner()
    case = tmp_path / "case"
    done = runner.invoke(cli, ["ingest", str(people), "--preset", "people", "-o", str(case), "-q"])
    assert done.exit_code == 0, done.output
    assert runner.invoke(cli, ["resolve", str(case), "-q"]).exit_code == 0
    out = tmp_path / "chart"
    loud = runner.invoke(cli, ["export", str(case), "-f", "i2", "-o", str(out)])
    assert loud.exit_code == 0, loud.output
    report = json.loads((out / "loss_report.json").read_text(encoding="utf-8"))
    kinds, notes = len(report["losses"]), len(report["notes"])
    values = sum(item["values"] for item in report["losses"])
    assert kinds >= 2
    assert notes >= 2
    assert len(loud.output.splitlines()) >= 2 + kinds + notes
    quiet = runner.invoke(cli, ["export", str(case), "-f", "i2", "-o", str(out), "-q"])
    assert quiet.exit_code == 0, quiet.output
    counts = ", ".join(f"{v:,} {k}" for k, v in report["counts"].items())
    assert quiet.output == (
        f"Export i2: {out} ({counts}); {kinds} kinds of data not held ({values:,} values),"
        f" {notes} notes; details: {out / 'loss_report.json'}\n"
    )


def test_quiet_stages_print_their_summary_lines_and_no_tables(tmp_path: Path) -> None:
    """-q: `resolve` prints its one-line summary, not the 20-line blocking-rule table;
    `analyze`, `routes` and `keyplayers` their summary lines, not their tables."""
    people = tmp_path / "people.csv"
    people.write_text(
        "name,phone,nationality\nIon Popa,+40721000001,MD\nAna Rusu,+40721000001,RO\n"
        "Ion Popa,+40721000002,MD\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    case = tmp_path / "case"
    done = runner.invoke(cli, ["ingest", str(people), "--preset", "people", "-o", str(case), "-q"])
    assert done.exit_code == 0, done.output
    loud = runner.invoke(cli, ["resolve", str(case)])
    assert loud.exit_code == 0, loud.output
    assert "rule" in loud.stdout  # the blocking table
    quiet = runner.invoke(cli, ["resolve", str(case), "-q"])
    assert quiet.exit_code == 0, quiet.output
    lines = quiet.stdout.splitlines()
    assert len(lines) == 1, quiet.stdout
    assert "mentions → " in lines[0]
    analyzed = runner.invoke(cli, ["analyze", str(case), "-q"])
    assert analyzed.exit_code == 0, analyzed.output
    assert "entities," in analyzed.stdout
    assert "Top " not in analyzed.stdout
    routed = runner.invoke(cli, ["routes", str(case), "-q"])
    assert routed.exit_code == 0, routed.output
    assert "Movements:" in routed.stdout
    assert "Flows by" not in routed.stdout
    assert "Hotspots" not in routed.stdout
    keyed = runner.invoke(cli, ["keyplayers", str(case), "-k", "1", "-q"])
    assert keyed.exit_code == 0, keyed.output
    assert "After 1 removals" in keyed.stdout
    assert "lcc_fraction" not in keyed.stdout
