"""Commands run on a case that is not resolved say so (each mention is then its own
entity), and a time window that holds no link says so; through the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from linkgraph.cli import cli

ROOT = Path(__file__).resolve().parents[1]
NOT_RESOLVED = "the case is not resolved"


@pytest.fixture(scope="module")
def unresolved(tmp_path_factory):
    case = tmp_path_factory.mktemp("unresolved") / "case"
    result = CliRunner().invoke(
        cli,
        ["ingest", str(ROOT / "sample_data" / "cdr.csv"), "--preset", "cdr", "-o", str(case), "-q"],
    )
    assert result.exit_code == 0, result.output
    return case


@pytest.mark.parametrize(
    "args",
    [["analyze", "{case}", "-q"], ["render", "{case}", "-o", "{tmp}/map.html"],
     ["report", "{case}", "-o", "{tmp}/report.html"], ["routes", "{case}"]],
)  # fmt: skip
def test_commands_on_an_unresolved_case_warn(unresolved, tmp_path, args):
    argv = [a.format(case=unresolved, tmp=tmp_path) for a in args]
    result = CliRunner().invoke(cli, argv)
    assert result.exit_code == 0, result.output
    assert NOT_RESOLVED in result.output
    assert "linkgraph resolve" in result.output


def test_a_resolved_case_gives_no_such_warning(unresolved, tmp_path):
    runner = CliRunner()
    assert runner.invoke(cli, ["resolve", str(unresolved), "-q"]).exit_code == 0
    result = runner.invoke(cli, ["analyze", str(unresolved), "-q"])
    assert result.exit_code == 0, result.output
    assert NOT_RESOLVED not in result.output
    result = runner.invoke(cli, ["analyze", str(unresolved), "-q", "--since", "2090-01-01"])
    assert result.exit_code == 0, result.output
    assert "no link falls between 2090-01-01 and the end" in result.output
