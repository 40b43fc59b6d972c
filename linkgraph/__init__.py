"""linkgraph: link analysis of human-trafficking and transnational criminal networks.

The public API, stage by stage (each takes and returns a :class:`Case`)::

    case = ingest([Source("calls.csv", preset="cdr")])   # files -> mentions, links, rejects
    case = resolve(case)                                  # + resolution, evidence
    case = analyze(case)                                  # + metrics
    render_map(build_graph(case), "map.html", metrics=case.metrics, case=case)
    bundle, attacks = share_case(case, read_secret("secret.txt"))  # for a partner agency
"""

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
from linkgraph.ingest import Source, ingest, ingest_file, load_mapping
from linkgraph.metrics import analyze
from linkgraph.model import Case
from linkgraph.pipeline import run_pipeline, sample_data_dir, top_actors
from linkgraph.render import render_map, show_map
from linkgraph.render.report import render_report
from linkgraph.resolve import resolve
from linkgraph.resolve.evaluate import evaluate
from linkgraph.share import link_partners, read_bundle, read_secret, share_case, write_bundle

__all__ = [
    "Case",
    "CaseError",
    "ConfigError",
    "EntityGraph",
    "InputError",
    "LinkgraphError",
    "MappingError",
    "PipelineConfig",
    "Source",
    "__version__",
    "analyze",
    "build_graph",
    "evaluate",
    "ingest",
    "ingest_file",
    "link_partners",
    "load_config",
    "load_mapping",
    "read_bundle",
    "read_secret",
    "render_map",
    "render_report",
    "resolve",
    "run_pipeline",
    "sample_data_dir",
    "share_case",
    "show_map",
    "top_actors",
    "write_bundle",
]
