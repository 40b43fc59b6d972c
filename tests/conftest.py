"""Fixtures shared by the whole suite: paths to the sample case and to ../shared/datasets."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

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
