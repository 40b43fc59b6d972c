"""IngestConfig: options of the ingest stage that are not part of a file's mapping."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, kw_only=True)
class IngestConfig:
    """How files are read. Mirrors the ``ingest:`` section of a pipeline YAML."""

    strict: bool = False  # any reject raises StrictModeError
    chunk_rows: int = 200_000  # rows per chunk when reading large delimited files
    max_cell_chars: int = 10_000  # longer cells are truncated, flagged and reported
