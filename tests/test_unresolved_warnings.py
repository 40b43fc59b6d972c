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


def test_the_warning_is_printed_once_per_command(unresolved, tmp_path):
    """render reads the graph for several parts of the map: each step warns, the
    terminal shows the warning once."""
    result = CliRunner().invoke(cli, ["render", str(unresolved), "-o", str(tmp_path / "m.html")])
    assert result.exit_code == 0, result.output
    assert result.output.count(NOT_RESOLVED) == 1, result.output


def test_rejects_does_not_depend_on_resolution_and_does_not_warn(unresolved):
    """Hostile round 14, D11: rejects are ingest's; resolving changes none of them."""
    result = CliRunner().invoke(cli, ["rejects", str(unresolved)])
    assert result.exit_code == 0, result.output
    assert "reject(s)" in result.output
    assert NOT_RESOLVED not in result.output


def test_analyze_says_which_brokerage_roles_are_played_or_why_none(unresolved, tmp_path):
    """A line of RO - MD - UA persons: the middle one is a liaison (all three countries
    differ, the ends are not linked). The unresolved CDR case: every call its own little
    component, the subscribers without a country, so no role at all, and it says why."""
    graph = tmp_path / "line.graphml"
    nodes = "".join(
        f'<node id="{n}"><data key="t">person</data><data key="c">{c}</data></node>'
        for n, c in (("a", "RO"), ("b", "MD"), ("c", "UA"))
    )
    graph.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
        '<key id="c" for="node" attr.name="country" attr.type="string"/>'
        '<key id="t" for="node" attr.name="type" attr.type="string"/>'
        f'<graph edgedefault="undirected">{nodes}'
        '<edge source="a" target="b"/><edge source="b" target="c"/></graph></graphml>',
        encoding="utf-8",
    )
    case, runner = tmp_path / "line", CliRunner()
    for args in (["ingest", str(graph), "-o", str(case), "-q"], ["resolve", str(case), "-q"]):
        assert runner.invoke(cli, args).exit_code == 0
    result = runner.invoke(cli, ["analyze", str(case), "-q"])
    assert result.exit_code == 0, result.output
    assert "brokerage roles by country (entities in each): liaison 1\n" in result.output
    result = runner.invoke(cli, ["analyze", str(unresolved), "-q"])
    assert result.exit_code == 0, result.output
    assert "brokerage roles by country: none (no entity stands between" in result.output
    assert "brokerage roles by country\n" not in result.output


def test_a_resolved_case_gives_no_such_warning(unresolved, tmp_path):
    runner = CliRunner()
    assert runner.invoke(cli, ["resolve", str(unresolved), "-q"]).exit_code == 0
    result = runner.invoke(cli, ["analyze", str(unresolved), "-q"])
    assert result.exit_code == 0, result.output
    assert NOT_RESOLVED not in result.output
    result = runner.invoke(cli, ["analyze", str(unresolved), "-q", "--since", "2090-01-01"])
    assert result.exit_code == 0, result.output
    assert "no link falls between 2090-01-01 and the end" in result.output
