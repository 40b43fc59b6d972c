"""PipelineConfig: sources plus one config per stage, loaded from one YAML file."""

from __future__ import annotations

import dataclasses
import inspect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import yaml

from linkgraph._config_base import (
    OneOf,
    collect_config,
    config_to_dict,
    problems_error,
)
from linkgraph._yaml import YamlLimitError, load_yaml, yaml_hint, yaml_problem
from linkgraph.errors import ConfigError
from linkgraph.ingest.config import IngestConfig
from linkgraph.metrics.config import AnalyzeConfig
from linkgraph.render.config import RenderConfig
from linkgraph.resolve.config import ResolveConfig

if TYPE_CHECKING:
    from linkgraph.ingest import Source

__all__ = [
    "AnalyzeConfig",
    "IngestConfig",
    "PipelineConfig",
    "RenderConfig",
    "ResolveConfig",
    "SourceSpec",
    "load_config",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceSpec:
    """One input file and how to read it: a built-in ``preset`` or a ``mapping`` YAML path
    (neither for a graph file, a bank statement, a chat export or a vCard list: each is
    read through the preset of its kind)."""

    path: str
    preset: str | None = None
    mapping: str | None = None
    agency: str | None = None  # overrides the mapping's agency
    region: str | None = None  # default phone region, ISO alpha-2 (overrides the mapping's)
    timezone: str | None = None  # zone of times without an offset (overrides the mapping's)

    #: What each setting may be (checked on load; the files when run, see source_problems).
    CHECKS: ClassVar[dict[str, Any]] = {
        "preset": OneOf(lambda: _preset_names()),
        "region": lambda v: _region_problem(v),
        "timezone": lambda v: _zone_problem(v),
    }


def _preset_names() -> list[str]:
    from linkgraph.ingest.mapping import preset_names

    return preset_names()


def _region_problem(region: str | None) -> list[str]:
    from linkgraph.ingest.normalize import REGION_HINT, region_problem

    problem = None if region is None else region_problem(region)
    return [] if problem is None else [f"{problem} ({REGION_HINT})"]


def _zone_problem(zone: str | None) -> list[str]:
    from linkgraph.ingest._zones import zone_problem

    problem = None if zone is None else zone_problem(zone)
    return [] if problem is None else [problem]


@dataclass(frozen=True, slots=True, kw_only=True)
class PipelineConfig:
    """A whole pipeline run (``linkgraph run CONFIG.yaml``). Relative paths are relative
    to the YAML file's folder."""

    sources: tuple[SourceSpec, ...] = ()
    ingest: IngestConfig = field(default_factory=IngestConfig)
    resolve: ResolveConfig = field(default_factory=ResolveConfig)
    analyze: AnalyzeConfig = field(default_factory=AnalyzeConfig)
    render: RenderConfig = field(default_factory=RenderConfig)
    out: str = "linkgraph-out"
    base_dir: str = "."

    def to_dict(self) -> dict[str, Any]:
        """The config as plain data, as written into the case manifest."""
        return config_to_dict(self)  # type: ignore[no-any-return]

    def resolve_path(self, path: str) -> Path:
        """``path`` made absolute against the config file's folder."""
        p = Path(path)
        return p if p.is_absolute() else Path(self.base_dir) / p


def load_config(path: str | Path | None, *, check_files: bool = False) -> PipelineConfig:
    """Read a pipeline YAML; ``None`` gives the defaults. Every key is validated, and with
    ``check_files`` every source too (its file, and a preset or mapping that reads it).

    Raises:
        ConfigError: listing every problem found, each with its dotted path.
    """
    if path is None:
        return PipelineConfig()
    p = Path(path)
    try:
        data = load_yaml(p.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, YamlLimitError) as exc:
        raise ConfigError(
            f"{p} is not valid YAML: {yaml_problem(exc)}", hint=yaml_hint(exc)
        ) from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{p} is not UTF-8 text: {exc.reason} at byte {exc.start}") from exc
    except OSError as exc:
        raise ConfigError(f"cannot read {p}: {exc.strerror}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{p} must hold a mapping of sections (sources:, resolve:, ...)")
    _refuse_mapping(data, p)
    data.setdefault("base_dir", str(p.resolve().parent))
    config, problems = collect_config(PipelineConfig, data, path=p.name)
    if check_files:
        problems += _file_problems(data, p.name)
    if problems:
        raise problems_error(problems)
    assert config is not None
    return config


#: The top-level keys of an ingest mapping (docs/mapping.md) that no pipeline config has.
_MAPPING_KEYS = frozenset({"entities", "links", "format"})


def _refuse_mapping(data: dict[str, Any], path: Path) -> None:
    """A ConfigError when ``data`` is an ingest mapping (entities:, links:, format:) and
    not a pipeline config: its keys would otherwise each be reported as unknown."""
    fields = {f.name for f in dataclasses.fields(PipelineConfig)}
    found = sorted(_MAPPING_KEYS & data.keys())
    if found and not fields & data.keys():
        keys = ", ".join(f"{k}:" for k in found)
        raise ConfigError(
            f"{path} is an ingest mapping ({keys}), not a pipeline config (sources:, "
            "resolve:, ...)",
            hint=f"ingest a file with it: `linkgraph ingest FILE --mapping {path} -o case/`; "
            f"or name it in a pipeline config: `sources: [{{path: FILE, mapping: {path}}}]`",
        )


def _file_problems(data: dict[str, Any], name: str) -> list[str]:
    """The problems of each well-formed source of a config's raw ``data`` with its file."""
    sources = data.get("sources")
    if not isinstance(sources, list):
        return []
    problems = []
    for i, raw in enumerate(sources):
        spec, wrong = collect_config(SourceSpec, raw, path=f"{name}.sources[{i}]")
        if spec is not None and not wrong:
            base = PipelineConfig(base_dir=str(data["base_dir"]))
            problems += [f"{name}.sources[{i}]: {p}" for p in source_problems(base, [spec])]
    return problems


def source_problems(
    config: PipelineConfig, sources: Sequence[SourceSpec] | None = None
) -> list[str]:
    """What stops each source of ``config`` (or ``sources``) from being read: a missing
    file or mapping, a table with no preset or mapping, a preset of another kind for a
    file of its own kind. Files are not read beyond what tells their kind."""
    from linkgraph.ingest import source_problem

    found = []
    for spec in config.sources if sources is None else sources:
        problem = source_problem(ingest_source(config, spec))
        if problem is not None:
            found.append(problem)
    return found


def ingest_source(config: PipelineConfig, spec: SourceSpec) -> Source:
    """The ingest :class:`~linkgraph.ingest.Source` of one of ``config``'s sources, its
    paths resolved against the config's folder."""
    from linkgraph.ingest import Source

    return Source(
        path=config.resolve_path(spec.path),
        preset=spec.preset,
        mapping=None if spec.mapping is None else config.resolve_path(spec.mapping),
        agency=spec.agency,
        region=spec.region,
        timezone=spec.timezone,
    )


_FIELD_COMMENT = re.compile(r"^\s+(\w+)\s*:[^#]*#\s*(.+)$")


def _field_comments(cls: type) -> dict[str, str]:
    """The trailing ``# comment`` of each field in a config dataclass's source."""
    try:
        source = inspect.getsource(cls)
    except (OSError, TypeError):
        return {}
    return {
        m.group(1): m.group(2).strip()
        for m in map(_FIELD_COMMENT.match, source.splitlines())
        if m is not None
    }


def _scalar(value: Any) -> str:
    return (
        yaml.safe_dump(value, default_flow_style=True, allow_unicode=True)
        .strip()
        .removesuffix("\n...")
    )


def defaults_yaml() -> str:
    """The full default config as commented YAML (what ``linkgraph config --defaults`` prints)."""
    lines = [
        "# linkgraph pipeline config: `linkgraph run THIS.yaml`.",
        "# Paths are relative to this file's folder. Every key below shows its default.",
        "sources:  # one entry per file: a built-in preset or a mapping YAML (docs/mapping.md)",
        "  - {path: arrests.csv, mapping: mappings/arrests.yaml}",
        "  - {path: subscribers.csv, preset: people, agency: Telecom, region: UA}",
        "  # graph files, bank statements, chat exports and vCards need no preset:",
        "  - {path: statement.camt053.xml}",
        "  - {path: chat.txt, timezone: Europe/Kyiv}",
    ]
    defaults = PipelineConfig()
    for section in ("ingest", "resolve", "analyze", "render"):
        obj = getattr(defaults, section)
        doc = (type(obj).__doc__ or "").strip().splitlines()[0]
        lines.append(f"{section}:  # {doc}")
        comments = _field_comments(type(obj))
        retired = getattr(type(obj), "RETIRED", {})
        for f in dataclasses.fields(obj):
            if f.name in retired:
                continue
            text = f"  {f.name}: {_scalar(config_to_dict(getattr(obj, f.name)))}"
            if f.name in comments:
                text = f"{text}  # {comments[f.name]}"
            lines.append(text)
    lines.append(f"out: {defaults.out}  # output folder of `linkgraph run` (case/ and map.html)")
    return "\n".join(lines) + "\n"
