"""RenderConfig: how maps and reports are drawn."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from linkgraph._config_base import AT_LEAST_0, check_limits

#: What the map colours entities by.
ColorBy = Literal["community", "type", "country"]


@dataclass(frozen=True, slots=True, kw_only=True)
class RenderConfig:
    """Options of ``linkgraph render``. Mirrors the ``render:`` section of a pipeline YAML."""

    color_by: ColorBy = "community"
    size_by: str = "betweenness_centrality"
    pseudonymize_victims: bool = True
    physics_max_nodes: int = 300  # above: precomputed seeded layout, physics off
    canvas_min_nodes: int = 3_000  # above: drawn by map.js's batched canvas renderer
    aggregate_min_nodes: int = (
        50_000  # above: communities drawn as one circle each, opened on click
    )
    #: Above: the map shows the entities ranked highest by the size measure (and the links
    #: among them), not the whole network; 0 draws every entity, however many.
    max_nodes: int = 100_000  # above: only the top-ranked entities; 0 draws every entity
    seed: int = 0

    #: What each setting may be (checked on load, and when built in Python).
    CHECKS: ClassVar[dict[str, Any]] = {
        "physics_max_nodes": AT_LEAST_0,
        "canvas_min_nodes": AT_LEAST_0,
        "aggregate_min_nodes": AT_LEAST_0,
        "max_nodes": AT_LEAST_0,
        "seed": AT_LEAST_0,
    }

    def __post_init__(self) -> None:
        check_limits(self)


#: How an output comes to name victims, as its warnings and the record of named outputs
#: (:mod:`linkgraph.named_outputs`) say it: the command line's flag, or the config's key.
SHOW_VICTIMS_FLAG = "--show-victims"
CONFIG_NAMES_VICTIMS = "render.pseudonymize_victims: false"


def victims_named_by(config: RenderConfig | None, show_victims: bool | None = None) -> str | None:
    """How a map or report drawn with ``config`` and ``show_victims`` (None: as the config
    says) names victims: :data:`SHOW_VICTIMS_FLAG`, :data:`CONFIG_NAMES_VICTIMS`, or None
    when it shows them by pseudonym.

    Examples:
        >>> victims_named_by(RenderConfig(pseudonymize_victims=False))
        'render.pseudonymize_victims: false'
        >>> victims_named_by(RenderConfig(), True)
        '--show-victims'
        >>> victims_named_by(RenderConfig(pseudonymize_victims=False), False) is None
        True
    """
    if show_victims:
        return SHOW_VICTIMS_FLAG
    if show_victims is None and config is not None and not config.pseudonymize_victims:
        return CONFIG_NAMES_VICTIMS
    return None
