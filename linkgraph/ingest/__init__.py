"""Ingest: case exports in, mentions, links and rejects out, every value traceable to its row.

>>> from linkgraph.ingest import ingest_file
>>> case = ingest_file("arrests.csv", mapping="mappings/arrests.yaml")  # doctest: +SKIP
"""

from __future__ import annotations

import logging
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from linkgraph._config_base import config_to_dict
from linkgraph.errors import InputError, StrictModeError
from linkgraph.ingest.config import IngestConfig
from linkgraph.ingest.mapping import Mapping, load_mapping, preset_names
from linkgraph.model import LINKS, MENTIONS, REJECTS, Case, concat_cases, file_sha256
from linkgraph.progress import Progress, or_null

__all__ = [
    "IngestConfig",
    "Mapping",
    "Source",
    "ingest",
    "ingest_file",
    "ingest_summary",
    "load_mapping",
    "merge_cases",
    "preset_names",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Source:
    """One input file and how to read it: a built-in ``preset`` name or a ``mapping``
    (a YAML path, or a :class:`Mapping`). ``agency`` overrides the mapping's agency."""

    path: str | os.PathLike[str]
    preset: str | None = None
    mapping: str | os.PathLike[str] | Mapping | None = None
    agency: str | None = None


def _resolve_mapping(source: Source) -> tuple[Mapping, dict[str, str]]:
    if (source.preset is None) == (source.mapping is None):
        raise InputError(
            "give exactly one of a preset or a mapping",
            source=Path(source.path).name,
            hint=f"presets: {', '.join(preset_names())}; or a mapping YAML (docs/mapping.md)",
        )
    if source.preset is not None:
        if source.preset not in preset_names():
            raise InputError(
                f"no preset called {source.preset!r}",
                source=Path(source.path).name,
                hint=f"presets: {', '.join(preset_names())}",
            )
        return load_mapping(source.preset), {"preset": source.preset}
    if isinstance(source.mapping, Mapping):
        if source.mapping.name in preset_names():
            return source.mapping, {"preset": source.mapping.name}
        return source.mapping, {"mapping": source.mapping.name}
    assert source.mapping is not None
    return load_mapping(Path(source.mapping)), {"mapping": str(source.mapping)}


def ingest_file(
    path: str | os.PathLike[str],
    *,
    preset: str | None = None,
    mapping: str | os.PathLike[str] | Mapping | None = None,
    agency: str | None = None,
    config: IngestConfig | None = None,
    progress: Progress | None = None,
) -> Case:
    """Read one file into a Case through a preset or a mapping.

    Args:
        path: the case export (CSV, TSV, XLSX, JSON, JSONL, Parquet, edge list, matrix, FtM).
        preset: a built-in preset name (``people``, ``cdr``, ``transactions``, ``ads``,
            ``edgelist``, ``matrix``, ``ftm``).
        mapping: a mapping YAML path or a loaded :class:`Mapping` (docs/mapping.md).
        agency: overrides the mapping's ``agency``.
        config: reading options (strictness, chunk size, longest cell).
        progress: receives one unit per chunk of rows.

    Returns:
        A Case with mentions, links and rejects, and the file recorded in the manifest.

    Raises:
        InputError: the file as a whole cannot be used (missing, empty, undecodable,
            missing mapped column).
        StrictModeError: ``config.strict`` and something was rejected.
    """
    return ingest([Source(path, preset=preset, mapping=mapping, agency=agency)], config,
                  progress=progress)  # fmt: skip


def ingest(
    sources: Sequence[Source],
    config: IngestConfig | None = None,
    *,
    progress: Progress | None = None,
) -> Case:
    """Read every source into one Case (mentions, links, rejects, manifest inputs).

    Files are read in the order given; mention ids depend only on each file's name, row,
    slot and item, so the same input always gives the same ids.
    """
    config = IngestConfig() if config is None else config
    progress = or_null(progress)
    cases = [_ingest_one(s, config, progress) for s in sources]
    case = concat_cases(cases)
    return case.with_step(
        "ingest", config_to_dict(config), files=[c.manifest["inputs"][0]["name"] for c in cases]
    )


def _ingest_one(source: Source, config: IngestConfig, progress: Progress) -> Case:
    from linkgraph.ingest.build import build_chunk, plan_columns
    from linkgraph.ingest.readers import guess_format, read_chunks

    path = Path(source.path)
    mapping, how = _resolve_mapping(source)
    agency = source.agency if source.agency is not None else mapping.agency
    fmt = guess_format(path, mapping.format)
    if not path.is_file():
        raise InputError("file not found", source=path.name, hint=f"check the path {path}")
    progress.start(f"ingest {path.name}", None)
    mentions: list[pd.DataFrame] = []
    links: list[pd.DataFrame] = []
    rejects: list[dict[str, Any]] = []
    rows = 0
    extra: dict[str, Any] = {}
    if fmt in ("edgelist", "matrix"):
        from linkgraph.ingest.network import read_network

        m, lk, rj, rows = read_network(path, fmt, mapping, agency=agency, config=config)
        mentions, links, rejects = [m], [lk], rj
        extra["repeated_pairs"] = int(lk.attrs.get("repeated_pairs", 0))
        extra["combine"] = mapping.network.combine if mapping.network else "sum"
    elif fmt == "ftm":
        from linkgraph.ingest.ftm import read_ftm

        m, lk, rj, rows = read_ftm(path, mapping, agency=agency)
        mentions, links, rejects = [m], [lk], rj
    else:
        plan = None
        for chunk in read_chunks(
            path,
            fmt,
            encoding=mapping.encoding,
            delimiter=mapping.delimiter,
            sheet=mapping.sheet,
            records=mapping.records,
            chunk_rows=config.chunk_rows,
        ):
            if plan is None or chunk.source != path.name:
                plan = plan_columns(mapping, list(map(str, chunk.frame.columns)), chunk.source)
            result = build_chunk(
                chunk, mapping, plan, agency=agency, max_cell_chars=config.max_cell_chars
            )
            mentions.append(result.mentions)
            if len(result.links):
                links.append(result.links)
            rejects.extend(result.rejects)
            rows += result.rows
            progress.advance(result.rows)
    progress.finish()
    m = _concat(mentions, MENTIONS)
    lk = _concat(links, LINKS)
    rj = _rejects_table(rejects)
    reasons = dict(sorted(Counter(rj["reason"].astype(str)).items()))
    info = {
        "path": str(path),
        "name": path.name,
        "sha256": file_sha256(path),
        "rows": rows,
        "agency": agency,
        **how,
        "format": fmt,
        "mentions": len(m),
        "links": len(lk),
        "rejects": reasons,
        **extra,
    }
    if rejects:
        log.info("%s: %d rejects (%s); see rejects", path.name, len(rj), reasons)
    if config.strict and len(rj):
        first = rj.iloc[0]
        raise StrictModeError(
            f"{len(rj)} reject(s) in strict mode"
            f" ({', '.join(f'{k}: {v}' for k, v in reasons.items())}); first: {first['reason']}",
            source=path.name,
            row=None if pd.isna(first["row"]) else int(first["row"]),
            column=None if pd.isna(first["column"]) else str(first["column"]),
            hint="fix the rows, or drop --strict to keep going and read the rejects table",
        )
    case = Case(mentions=m, links=lk, rejects=rj)
    case.manifest["inputs"].append(info)
    return case


def _rejects_table(items: list[Any]) -> pd.DataFrame:
    """Rejects from a list of dicts and DataFrames, in row order within each source."""
    frames = [f for f in items if isinstance(f, pd.DataFrame) and len(f)]
    dicts = [d for d in items if isinstance(d, dict)]
    if dicts:
        frames.append(pd.DataFrame(dicts))
    if not frames:
        return REJECTS.empty()
    out = pd.concat([REJECTS.conform(f) for f in frames], ignore_index=True)
    return out.sort_values(["source", "row"], kind="stable", na_position="first").reset_index(
        drop=True
    )


def _concat(frames: list[pd.DataFrame], spec: Any) -> pd.DataFrame:
    frames = [f for f in frames if len(f)]
    if not frames:
        return spec.empty()
    if len(frames) == 1:
        return spec.conform(frames[0])
    return spec.conform(pd.concat(frames, ignore_index=True))


def _source_names(case: Case) -> set[str]:
    return {str(i.get("name")) for i in case.manifest.get("inputs", [])}


def _from_sources(df: pd.DataFrame, names: set[str]) -> pd.Series:
    """Rows of ``df`` whose source is one of ``names`` (workbook sheets ``book.xlsx#Sheet``
    count as their workbook)."""
    source = df["source"].astype("string").fillna("")
    return source.isin(names) | source.str.split("#").str[0].isin(names)


def merge_cases(existing: Case, new: Case) -> Case:
    """``existing`` with ``new`` added; sources that both hold are replaced by ``new``'s.

    Re-ingesting a file (same file name) therefore replaces its earlier mentions, links,
    rejects and manifest entry. Resolution, evidence and metrics are dropped, since the
    mentions they describe changed.
    """
    names = _source_names(new)
    kept = Case(
        mentions=existing.mentions[~_from_sources(existing.mentions, names)],
        links=existing.links[~_from_sources(existing.links, names)],
        rejects=existing.rejects[~_from_sources(existing.rejects, names)],
        manifest=existing.manifest,
    )
    kept.manifest["inputs"] = [
        i for i in existing.manifest.get("inputs", []) if str(i.get("name")) not in names
    ]
    merged = concat_cases([kept, new])
    merged.manifest["created"] = existing.manifest.get("created", merged.manifest["created"])
    return merged


def ingest_summary(case: Case, *, names: Sequence[str] | None = None) -> str:
    """One line per ingested file: rows read, mentions, links, rejects by reason."""
    lines = []
    for info in case.manifest.get("inputs", []):
        if names is not None and info.get("name") not in names:
            continue
        reasons = info.get("rejects") or {}
        total = sum(reasons.values())
        detail = f" ({', '.join(f'{k}: {v:,}' for k, v in reasons.items())})" if total else ""
        if info.get("repeated_pairs"):
            detail += f"; {info['repeated_pairs']:,} repeated pairs combined by {info['combine']}"
        lines.append(
            f"{info['name']}: {info.get('rows', 0):,} rows, {info.get('mentions', 0):,} mentions,"
            f" {info.get('links', 0):,} links, {total:,} rejects{detail}"
        )
    return "\n".join(lines)
