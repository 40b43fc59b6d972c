"""Fixture paths for the ingest tests."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"


@pytest.fixture
def fixtures() -> Path:
    """tests/fixtures/ingest/: hand-written exports and mappings."""
    return FIXTURES
