"""The product's face: every command teaches in --help, docs/cli.md is current, README is true."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from linkgraph.cli import COMMANDS as REGISTRY
from linkgraph.cli import cli
from linkgraph.commands._reference import _walk, cli_reference

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = [(" ".join(p), c) for p, c in _walk(cli, ["linkgraph"])][1:]


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[n for n, _ in COMMANDS])
def test_every_command_has_help_with_an_example(name, command):
    assert command.help, f"{name} has no help"
    assert "Example" in command.help, f"{name} --help shows no example"
    result = CliRunner().invoke(cli, [*name.split()[1:], "-h"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output


def test_cli_reference_is_current():
    current = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert current == cli_reference(), (
        "docs/cli.md is stale: python -m linkgraph.commands._reference > docs/cli.md"
    )


def test_readme_quickstart_is_two_commands_and_tests_are_pytest():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```console\n(.*?)```", quick, flags=re.S)
    commands = [
        line[2:] for block in blocks for line in block.splitlines() if line.startswith("$ ")
    ]
    assert commands == ["pip install -e .", "linkgraph demo"]
    tests = readme.split("To run the tests", 1)[1]
    block = re.search(r"```console\n\$ (.*?)\n```", tests, flags=re.S)
    assert block is not None
    command = block.group(1)
    assert command == 'pip install -e ".[test]" && pytest'
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    assert command in ci, "CI must call exactly the README's test command"


def test_readme_mentions_every_top_level_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in REGISTRY:
        assert f"linkgraph {name}" in readme, f"README does not mention `linkgraph {name}`"


@pytest.mark.parametrize(("name", "command"), [("linkgraph", cli), *COMMANDS],
                         ids=["linkgraph", *(n for n, _ in COMMANDS)])  # fmt: skip
def test_help_fits_an_80_column_terminal(name, command):
    """No --help line over 79 characters at 80 columns: choices are named (TYPE, KIND)
    with the list in the wrapped help text, examples are wrapped with a backslash."""
    # click wraps help 2 columns short of a real terminal's width (COLUMNS=80 -> 78);
    # CliRunner's terminal_width is the wrapping width itself
    result = CliRunner().invoke(cli, [*name.split()[1:], "-h"], terminal_width=78)
    assert result.exit_code == 0, result.output
    wide = [line for line in result.output.splitlines() if len(line) > 79]
    assert not wide, f"{name} --help: {wide}"


def test_shell_completion_is_documented_and_works():
    import os
    import subprocess
    import sys

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "_LINKGRAPH_COMPLETE=bash_source linkgraph" in readme
    env = {**os.environ, "PYTHONPATH": str(ROOT), "_LINKGRAPH_COMPLETE": "bash_source"}
    done = subprocess.run(
        [sys.executable, "-c", "from linkgraph.cli import cli; cli(prog_name='linkgraph')"],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert "_linkgraph_completion()" in done.stdout, done.stderr
