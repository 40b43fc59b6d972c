"""linkgraph: link analysis of human-trafficking and transnational criminal networks."""

from __future__ import annotations

__version__ = "0.1.0"

from linkgraph.config import PipelineConfig, load_config
from linkgraph.errors import (
    CaseError,
    ConfigError,
    InputError,
    LinkgraphError,
    MappingError,
)
from linkgraph.graph import EntityGraph, build_graph
from linkgraph.model import Case

__all__ = [
    "Case",
    "CaseError",
    "ConfigError",
    "EntityGraph",
    "InputError",
    "LinkgraphError",
    "MappingError",
    "PipelineConfig",
    "__version__",
    "build_graph",
    "load_config",
]
