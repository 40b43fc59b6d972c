"""linkgraph: link analysis of human-trafficking and transnational criminal networks.

The public API, stage by stage (each takes and returns a :class:`Case`)::

    case = ingest([Source("calls.csv", preset="cdr")])   # files -> mentions, links, rejects
    case = ingest(["police.csv", "statement.xml"], preset="people")  # paths work too
    case = resolve(case)                                  # + resolution, evidence
    case = analyze(case)                                  # + metrics
    render_map(build_graph(case), "map.html", metrics=case.metrics, case=case)
    export(case, "gexf", "case.gexf")                     # Gephi, i2, Aleph, Neo4j, Excel ...
    case = routes(case); case.flows, case.hotspots        # origin -> transit -> destination
    bundle, attacks = share_case(case, read_secret("secret.txt"))  # for a partner agency

The names below are imported on first use, so ``import linkgraph`` (and the ``linkgraph``
command's start-up) does not pay for pandas, igraph and the stages until they are needed.
"""

from __future__ import annotations

import functools
import importlib
import sys
import types
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: public name -> the module that defines it
_EXPORTS: dict[str, str] = {
    "AnalyzeConfig": "linkgraph.metrics.config",
    "Case": "linkgraph.model",
    "CaseError": "linkgraph.errors",
    "ConfigError": "linkgraph.errors",
    "EntityGraph": "linkgraph.graph",
    "InputError": "linkgraph.errors",
    "LinkgraphError": "linkgraph.errors",
    "MappingError": "linkgraph.errors",
    "PipelineConfig": "linkgraph.config",
    "ResolveConfig": "linkgraph.resolve.config",
    "Source": "linkgraph.ingest",
    "analyze": "linkgraph.metrics",
    "geocode": "linkgraph.geo.places",
    "routes": "linkgraph.metrics.routes",
    "build_graph": "linkgraph.graph",
    "entity_table": "linkgraph.tables",
    "evaluate": "linkgraph.resolve.evaluate",
    "evaluate_linkage": "linkgraph.share",
    "export": "linkgraph.export",
    "ingest": "linkgraph.ingest",
    "ingest_file": "linkgraph.ingest",
    "key_players": "linkgraph.metrics.key_players",
    "load_config": "linkgraph.config",
    "load_mapping": "linkgraph.ingest",
    "render_map": "linkgraph.render",
    "render_report": "linkgraph.render.report",
    "resolve": "linkgraph.resolve",
    "run_pipeline": "linkgraph.pipeline",
    "sample_data_dir": "linkgraph.pipeline",
    "show_map": "linkgraph.render",
    "stability": "linkgraph.metrics.stability",
    "top_actors": "linkgraph.pipeline",
    "link_partners": "linkgraph.share",
    "link_table": "linkgraph.tables",
    "read_bundle": "linkgraph.share",
    "read_secret": "linkgraph.share",
    "share_case": "linkgraph.share",
    "write_bundle": "linkgraph.share",
}

__all__ = [
    "AnalyzeConfig",
    "Case",
    "CaseError",
    "ConfigError",
    "EntityGraph",
    "InputError",
    "LinkgraphError",
    "MappingError",
    "PipelineConfig",
    "ResolveConfig",
    "Source",
    "__version__",
    "analyze",
    "build_graph",
    "entity_table",
    "evaluate",
    "evaluate_linkage",
    "export",
    "geocode",
    "ingest",
    "ingest_file",
    "key_players",
    "link_partners",
    "link_table",
    "load_config",
    "load_mapping",
    "read_bundle",
    "read_secret",
    "render_map",
    "render_report",
    "resolve",
    "routes",
    "run_pipeline",
    "sample_data_dir",
    "share_case",
    "show_map",
    "stability",
    "top_actors",
    "write_bundle",
]


#: Stages whose first argument is a Case: a case folder's path is read (Case.read).
_CASE_STAGES = frozenset(
    {"analyze", "resolve", "routes", "build_graph", "render_report", "share_case",
     "top_actors", "evaluate", "entity_table", "link_table", "key_players"}
)  # fmt: skip
#: Stages whose first argument is a graph: a Case, or a case folder's path, gives its graph.
_GRAPH_STAGES = frozenset({"render_map", "show_map"})


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'linkgraph' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    if isinstance(value, types.FunctionType):
        from linkgraph._arguments import checked

        value = checked(value)  # show_victims a bool, n a count, ... (linkgraph._arguments)
    if name in _CASE_STAGES:
        value = _reading_case_paths(value)
    elif name in _GRAPH_STAGES:
        value = _graph_of_cases(value)
    globals()[name] = value  # later look-ups skip __getattr__
    return value


def _reading_case_paths(stage: Callable[..., Any]) -> Callable[..., Any]:
    """``stage`` taking, as its first argument, a Case or the path of a case folder (read:
    a CaseError naming the folder when it is none); anything else is a TypeError."""

    @functools.wraps(stage)
    def run(case: Any, *args: Any, **kwargs: Any) -> Any:
        from linkgraph.model import case_from

        if not (_is_frame(case) and stage.__name__ == "evaluate"):  # or a resolution table
            case = case_from(case, stage.__name__)
        return stage(case, *args, **kwargs)

    return run


def _graph_of_cases(stage: Callable[..., Any]) -> Callable[..., Any]:
    """``stage`` taking, as its first argument, an EntityGraph, or a Case or the path of a
    case folder: its graph (with its metrics and its victims' pseudonyms when the
    stage takes them and they are not given)."""

    @functools.wraps(stage)
    def run(graph: Any, *args: Any, **kwargs: Any) -> Any:
        from linkgraph.graph import EntityGraph

        if not isinstance(graph, EntityGraph):
            import inspect

            from linkgraph.graph_cache import case_graph
            from linkgraph.model import case_from

            case = case_from(graph, stage.__name__)
            folder = case.origin.path if case.origin is not None else None
            graph = case_graph(case, folder)
            if "case" in inspect.signature(stage).parameters:
                kwargs.setdefault("case", case)
                kwargs.setdefault("metrics", case.metrics)
        return stage(graph, *args, **kwargs)

    return run


def _is_frame(value: object) -> bool:
    """Whether ``value`` is a pandas DataFrame (pandas is not imported to tell)."""
    return type(value).__name__ == "DataFrame" and type(value).__module__.startswith("pandas")


def __dir__() -> list[str]:
    """The public names (and the subpackages imported so far), not the helpers this module
    imports for itself (Any, functools, sys, ...): what tab completion offers."""
    loaded = {
        name
        for name, value in globals().items()
        if isinstance(value, types.ModuleType) and value.__name__.startswith("linkgraph.")
    }
    dunders = {name for name in globals() if name.startswith("__")}
    return sorted(set(__all__) | loaded | dunders)


class _Package(types.ModuleType):
    """``linkgraph.ingest`` and ``linkgraph.resolve`` stay the functions when their
    subpackages are imported (the import system would otherwise bind the subpackage)."""

    def __setattr__(self, name: str, value: Any) -> None:
        if _EXPORTS.get(name, "").startswith(f"linkgraph.{name}") and isinstance(
            value, types.ModuleType
        ):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


if TYPE_CHECKING:  # static type checkers and IDEs see the eager imports
    from linkgraph.config import PipelineConfig, load_config
    from linkgraph.errors import CaseError, ConfigError, InputError, LinkgraphError, MappingError
    from linkgraph.export import export
    from linkgraph.geo.places import geocode
    from linkgraph.graph import EntityGraph, build_graph
    from linkgraph.ingest import Source, ingest, ingest_file, load_mapping
    from linkgraph.metrics import analyze
    from linkgraph.metrics.config import AnalyzeConfig
    from linkgraph.metrics.key_players import key_players
    from linkgraph.metrics.routes import routes
    from linkgraph.metrics.stability import stability
    from linkgraph.model import Case
    from linkgraph.pipeline import run_pipeline, sample_data_dir, top_actors
    from linkgraph.render import render_map, show_map
    from linkgraph.render.report import render_report
    from linkgraph.resolve import resolve
    from linkgraph.resolve.config import ResolveConfig
    from linkgraph.resolve.evaluate import evaluate
    from linkgraph.share import (
        evaluate_linkage,
        link_partners,
        read_bundle,
        read_secret,
        share_case,
        write_bundle,
    )
