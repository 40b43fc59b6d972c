"""IngestConfig: options of the ingest stage that are not part of a file's mapping."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from linkgraph._config_base import AT_LEAST_1, check_limits


@dataclass(frozen=True, slots=True, kw_only=True)
class IngestConfig:
    """How files are read. Mirrors the ``ingest:`` section of a pipeline YAML."""

    strict: bool = False  # any reject raises StrictModeError
    chunk_rows: int = 200_000  # rows per chunk when reading large delimited files
    max_cell_chars: int = 10_000  # longer cells are truncated, flagged and reported

    #: What each setting may be (checked on load, and when built in Python).
    CHECKS: ClassVar[dict[str, Any]] = {"chunk_rows": AT_LEAST_1, "max_cell_chars": AT_LEAST_1}

    def __post_init__(self) -> None:
        check_limits(self)
