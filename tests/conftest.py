"""Fixtures shared by the whole suite: paths to the sample case and to ../shared/datasets,
and the demo's output, built once per test process."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_DATA = ROOT / "sample_data"
# a git worktree elsewhere points at the datasets with LINKGRAPH_SHARED_DATASETS
SHARED_DATASETS = Path(
    os.environ.get("LINKGRAPH_SHARED_DATASETS", ROOT.parent / "shared" / "datasets")
)


@pytest.fixture(scope="session")
def shared_datasets() -> Path:
    """../shared/datasets beside the project's root; skips where it is absent (a user's clone)."""
    if not SHARED_DATASETS.is_dir():
        pytest.skip(f"../shared/datasets not found at {SHARED_DATASETS}: reference datasets absent")
    return SHARED_DATASETS


@pytest.fixture(scope="session")
def sample_data() -> Path:
    """The committed sample case (sample_data/)."""
    return SAMPLE_DATA


@dataclass(frozen=True)
class DemoRun:
    """One run of `linkgraph demo --out DIR -q`: its output folder and what it printed."""

    out: Path
    output: str


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> DemoRun:
    """`linkgraph demo` run once per test process, through the CLI as a user runs it.

    Read it, never change it: a test that writes into a case takes ``demo_out`` (a copy).
    Building the demo takes 5-15 s; a dozen files used to build it each on its own.
    """
    from linkgraph.cli import cli

    out = tmp_path_factory.mktemp("demo-run") / "demo-out"
    result = CliRunner().invoke(cli, ["demo", "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    return DemoRun(out=out, output=result.output)


@pytest.fixture(scope="module")
def demo_out(demo_run: DemoRun, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This module's own copy of what `linkgraph demo` writes (``demo-out/``: ``case/``,
    ``map.html``, ``report.html``, ``truth/``), free to change."""
    out = tmp_path_factory.mktemp("demo") / "demo-out"
    shutil.copytree(demo_run.out, out)
    return out
