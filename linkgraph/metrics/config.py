"""AnalyzeConfig: which measures the analyze stage computes, and how."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, kw_only=True)
class AnalyzeConfig:
    """Options of ``linkgraph analyze``. Mirrors the ``analyze:`` section of a pipeline YAML."""

    directed: bool = False  # analyse the directed view (calls, payments keep direction)
    weighted: bool = True  # use link weights where a measure takes them
    resolution: float = 1.0  # Leiden modularity resolution
    exact_betweenness_max_nodes: int = 5_000  # above: sampled betweenness
    betweenness_samples: int = 256
    seed: int = 0
