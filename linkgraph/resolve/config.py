"""ResolveConfig: how mentions become entities."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, kw_only=True)
class ResolveConfig:
    """How mentions become entities. Mirrors the ``resolve:`` section of a pipeline YAML."""

    threshold: float = 0.9  # match probability above which two person mentions merge
    max_pairs: int = 20_000_000  # guard on candidate pairs; exceeding it raises ConfigError
    overrides: str | None = None  # must-link / cannot-link CSV path
    seed: int = 0
