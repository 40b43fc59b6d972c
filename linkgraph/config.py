"""PipelineConfig: sources plus one config per stage, loaded from one YAML file."""

from __future__ import annotations

import dataclasses
import inspect
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from linkgraph._config_base import config_from_dict, config_to_dict
from linkgraph._yaml import YamlLimitError, load_yaml
from linkgraph.errors import ConfigError
from linkgraph.ingest.config import IngestConfig
from linkgraph.metrics.config import AnalyzeConfig
from linkgraph.render.config import RenderConfig
from linkgraph.resolve.config import ResolveConfig

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


def load_config(path: str | Path | None) -> PipelineConfig:
    """Read a pipeline YAML; ``None`` gives the defaults. Every key is validated."""
    if path is None:
        return PipelineConfig()
    p = Path(path)
    try:
        data = load_yaml(p.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, YamlLimitError) as exc:
        raise ConfigError(f"{p} is not valid YAML: {exc}") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{p} is not UTF-8 text: {exc.reason} at byte {exc.start}") from exc
    except OSError as exc:
        raise ConfigError(f"cannot read {p}: {exc.strerror}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{p} must hold a mapping of sections (sources:, resolve:, ...)")
    data.setdefault("base_dir", str(p.resolve().parent))
    return config_from_dict(PipelineConfig, data, path=p.name)


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
        for f in dataclasses.fields(obj):
            text = f"  {f.name}: {_scalar(config_to_dict(getattr(obj, f.name)))}"
            if f.name in comments:
                text = f"{text}  # {comments[f.name]}"
            lines.append(text)
    lines.append(f"out: {defaults.out}  # output folder of `linkgraph run` (case/ and map.html)")
    return "\n".join(lines) + "\n"
