"""RenderConfig: how maps and reports are drawn."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, kw_only=True)
class RenderConfig:
    """Options of ``linkgraph render``. Mirrors the ``render:`` section of a pipeline YAML."""

    color_by: str = "community"
    size_by: str = "betweenness_centrality"
    pseudonymize_victims: bool = True
    physics_max_nodes: int = 300  # above: precomputed seeded layout, physics off
    canvas_min_nodes: int = 3_000  # above: drawn by map.js's batched canvas renderer
    aggregate_min_nodes: int = (
        50_000  # above: communities drawn as one circle each, opened on click
    )
    #: Above: the map shows the entities ranked highest by the size measure (and the links
    #: among them), not the whole network; 0 draws every entity, however many.
    max_nodes: int = 100_000
    seed: int = 0
