"""Every command that runs long (a stage, an export, a bundle, a synthetic case) takes
-q/--quiet, as ingest, resolve and analyze do (before: `linkgraph export -q` was a usage
error)."""

from __future__ import annotations

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
    for flag in ([], ["-q"]):
        out = tmp_path / f"case{len(flag)}.graphml"
        done = runner.invoke(cli, ["export", str(case), "-f", "graphml", "-o", str(out), *flag])
        assert done.exit_code == 0, done.output
        assert "Loss report:" in done.output
    assert (tmp_path / "case0.graphml").read_bytes() == (tmp_path / "case1.graphml").read_bytes()
