"""A synthetic case split between two agencies, each side ingested and resolved by the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from linkgraph.cli import cli

#: Agency A: police arrests, NGO hotline, online ads; agency B: money transfers, call records.
SIDE_A = ("arrests.csv", "hotline.xlsx", "ads.jsonl")
SIDE_B = ("transactions.csv", "cdr.csv")
SECRET = "4f1c0b7e9a2d4c6b8e0f1a3c5e7d9b2a4c6e8f0a1b3d5f7e9c0a2b4d6f8e0a1c"


def run(*args: str) -> str:
    """Run the CLI; fail the test with its output unless it exits 0."""
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, result.output + repr(result.exception)
    return result.output


def ingest_side(synth: Path, files: tuple[str, ...], out: Path) -> Path:
    for name in files:
        stem = name.split(".")[0]
        run(
            "ingest",
            synth / name,
            "--mapping",
            synth / "mappings" / f"{stem}.yaml",
            "-o",
            out,
            "-q",
        )
    run("resolve", out, "-q")
    return out


@pytest.fixture(scope="session")
def two_agencies(tmp_path_factory) -> dict[str, Path]:
    """Paths: ``synth`` (the exports and truth), ``a`` and ``b`` (each agency's resolved
    case) and ``secret`` (the agreed secret file)."""
    root = tmp_path_factory.mktemp("two_agencies")
    run("synth", "--people", "200", "--seed", "11", "-o", root / "synth")
    secret = root / "secret.txt"
    secret.write_text(SECRET + "\n")
    return {
        "synth": root / "synth",
        "a": ingest_side(root / "synth", SIDE_A, root / "a"),
        "b": ingest_side(root / "synth", SIDE_B, root / "b"),
        "secret": secret,
        "root": root,
    }
