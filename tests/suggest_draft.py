"""`linkgraph mapping suggest` drafts for tests, made through the CLI as a user makes them."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner

from linkgraph.cli import cli


def run_cli(*args: str) -> tuple[int, str]:
    """Exit code and output of `linkgraph ARGS`."""
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def suggest_draft(data: Path, tmp: Path) -> tuple[Path, dict]:
    """`linkgraph mapping suggest DATA -o TMP/DATA.yaml`: the draft's path and its YAML."""
    draft = tmp / f"{data.name}.yaml"
    code, text = run_cli("mapping", "suggest", str(data), "-o", str(draft))
    assert code == 0, text
    return draft, yaml.safe_load(draft.read_text(encoding="utf-8"))
