"""Ingest: case exports in, mentions, links and rejects out, every value traceable to its row.

>>> from linkgraph.ingest import ingest_file
>>> case = ingest_file("arrests.csv", mapping="mappings/arrests.yaml")  # doctest: +SKIP
"""

from __future__ import annotations

import logging
import os
import re
import warnings
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd

from linkgraph._arrow_pool import return_freed_after, use_lean_pool
from linkgraph._config_base import config_to_dict
from linkgraph._counts import counted
from linkgraph._terminal import brief, name_text, one_line
from linkgraph._user_warnings import user_stacklevel
from linkgraph.errors import (
    IngestWarning,
    InputError,
    MappingError,
    StrictModeError,
)
from linkgraph.ingest._columns import header_key, re2_match
from linkgraph.ingest._examples import Example, quoted
from linkgraph.ingest._header_hint import header_row_error
from linkgraph.ingest._input_path import check_input_file
from linkgraph.ingest._loose_headers import read_loose_headers
from linkgraph.ingest._read_ahead import read_ahead
from linkgraph.ingest._repeated_headers import repeated_note
from linkgraph.ingest._shared_values import SharedValues
from linkgraph.ingest._sources import (
    REPEAT_SAMPLE,
    REPEAT_SIZE_FACTOR,
    check_replaced,
    raw_hashes,
    reading_options,
    repeat_warnings,
    sources_raw_hashes,
)
from linkgraph.ingest.config import IngestConfig
from linkgraph.ingest.mapping import Mapping, load_mapping, preset_names
from linkgraph.model import (
    LEGACY_DECISIONS_KEY,
    LINKS,
    MENTIONS,
    REJECTS,
    Case,
    concat_cases,
    file_sha256,
    new_manifest,
    read_manifest,
)
from linkgraph.progress import Progress, or_null

__all__ = [
    "IngestConfig",
    "Mapping",
    "Source",
    "ingest",
    "ingest_file",
    "ingest_summary",
    "ingest_to",
    "load_mapping",
    "merge_cases",
    "preset_names",
    "reads_kind",
    "source_problem",
]

log = logging.getLogger(__name__)


def link_example(types: dict[str, str]) -> str:
    """A link between two of the slots a mapping made (slot -> entity type), of the
    kind their types take, for the warning of a mapping with no link: accounts are
    ``paid``, a person and a phone ``uses_phone``; a person's example when none fits.

    Examples:
        >>> link_example({"account": "account", "account_2": "account"})
        '{kind: paid, src: account, dst: account_2, amount: AMOUNT COLUMN}'
        >>> link_example({"suspect": "person", "suspect_phone": "phone"})
        '{kind: uses_phone, src: suspect, dst: suspect_phone}'
        >>> link_example({"holder": "person", "iban": "account"})
        '{kind: holds_account, src: holder, dst: iban}'
    """
    from linkgraph.schema import LINK_KINDS

    def slot_of(etype: str, other: str | None = None) -> str | None:
        return next((s for s, t in types.items() if s != other and etype in ("*", t)), None)

    for wild in (False, True):
        for kind in LINK_KINDS.values():
            if (kind.source == "*" or kind.target == "*") != wild:
                continue
            src = slot_of(kind.source)
            dst = slot_of(kind.target, src) if src is not None else None
            if src is not None and dst is not None:
                amount = ", amount: AMOUNT COLUMN" if kind.name == "paid" else ""
                return f"{{kind: {kind.name}, src: {src}, dst: {dst}{amount}}}"
    return "{kind: uses_phone, src: person, dst: phone}"


@dataclass(frozen=True, slots=True)
class Source:
    """One input file and how to read it: a built-in ``preset`` name or a ``mapping``
    (a YAML path, or a :class:`Mapping`). A file whose kind names its own reading (a graph
    file, a camt or MT940 bank statement, a chat export, a vCard list, FtM entities, a
    goAML report) needs neither: it
    is read through the preset of its kind. ``agency`` overrides the mapping's agency,
    ``region`` its default phone region (ISO alpha-2) and ``timezone`` the zone of its
    times written without an offset (``Europe/Kyiv``, ``UTC+3``). ``replaces`` names a
    source already in the case that this file takes the place of (a corrected export under
    a new file name, ``linkgraph ingest --replaces``): it is read under that name."""

    path: str | os.PathLike[str]
    preset: str | None = None
    mapping: str | os.PathLike[str] | Mapping | dict[str, Any] | None = None
    agency: str | None = None
    region: str | None = None
    timezone: str | None = None
    replaces: str | None = None

    def __post_init__(self) -> None:
        from linkgraph._arguments import check_argument

        # A mapping written as a dict is parsed as its YAML is; a wrong type is named.
        mapping = check_argument("Source", "mapping", self.mapping, None)
        object.__setattr__(self, "mapping", mapping)


def reads_kind(mapping: Mapping, path: str | os.PathLike[str]) -> bool:
    """Whether ``mapping`` is one for the kind of file ``path`` is, when that kind names
    its own reading (see :func:`~linkgraph.ingest.readers.own_format`): the kind's preset,
    or a mapping of its format (``format: camt``, ``include: chat``). True for a table."""
    from linkgraph.ingest.readers import OWN_PRESETS, own_format

    fmt = own_format(Path(path))
    if fmt is None or mapping.format == fmt:
        return True
    return OWN_PRESETS[fmt] in (mapping.name, *mapping.presets)


def _resolve_mapping(source: Source) -> tuple[Mapping, dict[str, str]]:
    """The mapping that reads ``source`` (its region and timezone applied) and how it was
    chosen, as the manifest records it (``{"preset": name}`` or ``{"mapping": path}``)."""
    mapping, how = _chosen_mapping(source)
    if source.region is not None:
        mapping = replace(mapping, region=_region(source))
    if source.timezone is not None:
        mapping = replace(mapping, timezone=_zone(source), timezone_set=True)
    return mapping, how


def _chosen_mapping(source: Source) -> tuple[Mapping, dict[str, str]]:
    from linkgraph.ingest.readers import own_format, own_preset

    name = Path(source.path).name
    if source.preset is not None and source.mapping is not None:
        raise InputError(
            "give a preset or a mapping, not both",
            source=name,
            hint=f"presets: {', '.join(preset_names())}; or a mapping YAML (docs/mapping.md)",
        )
    own = own_preset(Path(source.path))
    if source.preset is None and source.mapping is None:
        if own is None:
            raise InputError(
                "give a preset or a mapping to read this table with",
                source=name,
                hint=f"presets: {', '.join(preset_names())}; or a mapping YAML (docs/mapping.md;"
                f" `linkgraph mapping suggest {name}` drafts one)",
            )
        return load_mapping(own), {"preset": own}
    if source.preset is not None:
        if source.preset not in preset_names():
            raise InputError(
                f"no preset called {source.preset!r}",
                source=name,
                hint=f"presets: {', '.join(preset_names())}",
            )
        mapping = load_mapping(source.preset)
        if own is not None and not reads_kind(mapping, source.path):
            raise InputError(
                f"a {own_format(Path(source.path))} file is read through the {own} preset,"
                f" not {source.preset}",
                source=name,
                hint=f"give preset {own!r}, or no preset: the file's kind names it",
            )
        return mapping, {"preset": source.preset}
    if isinstance(source.mapping, Mapping):
        if source.mapping.name in preset_names():
            return source.mapping, {"preset": source.mapping.name}
        return source.mapping, {"mapping": source.mapping.name}
    assert source.mapping is not None
    return load_mapping(Path(source.mapping)), {"mapping": str(source.mapping)}


def source_problem(source: Source) -> str | None:
    """What stops ``source`` from being read, as ``name: problem (hint)``: no such file,
    no preset or mapping for a table, an unknown or unfitting preset, a mapping that
    cannot be loaded, a bad region or timezone; else None. The file is read only as far
    as telling its kind needs."""
    path = Path(source.path)
    if not path.is_file():
        return f"{path.name}: file not found (looked for {path})"
    try:
        _resolve_mapping(source)
    except (InputError, MappingError) as exc:
        where = exc.location()
        hint = f" ({exc.hint})" if exc.hint else ""
        return f"{where + ': ' if where else ''}{exc.message}{hint}"
    return None


def _region(source: Source) -> str:
    """The source's region, checked: a country code phonenumbers knows, upper-cased."""
    from linkgraph.ingest.normalize import REGION_HINT, region_problem

    problem = region_problem(source.region)
    if problem is not None:
        raise InputError(problem, source=Path(source.path).name, hint=REGION_HINT)
    return str(source.region).strip().upper()


def _zone(source: Source) -> str:
    """The source's timezone as ingest keeps it, checked (see ``_zones.read_zone``)."""
    from linkgraph.ingest._zones import read_zone, zone_problem

    zone = read_zone(str(source.timezone))
    if zone is None:
        raise InputError(str(zone_problem(str(source.timezone))), source=Path(source.path).name)
    return zone


def ingest_file(
    path: str | os.PathLike[str],
    *,
    preset: str | None = None,
    mapping: str | os.PathLike[str] | Mapping | None = None,
    agency: str | None = None,
    config: IngestConfig | None = None,
    progress: Progress | None = None,
    strict: bool = False,
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
        strict: fail on any reject instead of recording it (``linkgraph ingest --strict``).

    Returns:
        A Case with mentions, links and rejects, and the file recorded in the manifest.

    Raises:
        InputError: the file as a whole cannot be used (missing, empty, undecodable,
            missing mapped column).
        StrictModeError: ``strict`` (or ``config.strict``) and something was rejected.
    """
    return ingest([Source(path, preset=preset, mapping=mapping, agency=agency)], config,
                  progress=progress, strict=strict)  # fmt: skip


def ingest(
    sources: Sequence[Source | str | os.PathLike[str]] | str | os.PathLike[str],
    config: IngestConfig | None = None,
    *,
    preset: str | None = None,
    mapping: str | os.PathLike[str] | Mapping | None = None,
    progress: Progress | None = None,
    strict: bool = False,
) -> Case:
    """Read every source into one Case (mentions, links, rejects, manifest inputs).

    ``sources`` are :class:`Source` objects, or file paths (one, or a list) read through
    ``preset`` or ``mapping`` (a graph file, bank statement, chat export or vCard list
    needs neither). Files are read in the order given; mention ids depend only on each
    file's name, row, slot and item, so the same input always gives the same ids. The
    whole Case is held in memory: for exports of millions of rows, :func:`ingest_to`
    writes a case folder with memory bounded by one chunk. ``strict``: any reject raises
    :class:`~linkgraph.errors.StrictModeError` instead of going to the rejects table
    (``linkgraph ingest --strict``).

    Examples:
        >>> ingest("arrests.csv", preset="people")  # doctest: +SKIP
        >>> ingest(["calls.csv", Source("chart.gexf")], preset="cdr")  # doctest: +SKIP
        >>> ingest("arrests.csv", preset="people", strict=True)  # doctest: +SKIP
    """
    sources = _as_sources(sources, preset, mapping)
    if config is not None and not isinstance(config, IngestConfig):
        raise TypeError(
            f"ingest()'s config must be an IngestConfig, not {type(config).__name__}: give a"
            " preset or mapping by keyword, ingest(path, preset='people')"
        )
    config = IngestConfig() if config is None else config
    if strict and not config.strict:
        config = replace(config, strict=True)
    progress = or_null(progress)
    cases = []
    names = source_names(sources)
    cell_sites = _cell_site_lists(sources, names, config)
    for at, (source, name) in enumerate(zip(sources, names, strict=True)):
        if at in cell_sites.infos:
            cases.append(cell_sites.case_of(at))
            continue
        run = _SourceRun(source, config, name=name)
        run.use_cell_sites(cell_sites.sites)
        mentions: list[pd.DataFrame] = []
        links: list[pd.DataFrame] = []
        rejects: list[pd.DataFrame] = []
        for m, lk, rj in run.parts(progress):
            mentions.append(m)
            links.append(lk)
            rejects.append(rj)
        case = Case(
            mentions=_concat(mentions, MENTIONS),
            links=_concat(links, LINKS),
            rejects=_concat(rejects, REJECTS),
        )
        case.manifest["inputs"].append(run.info())
        cases.append(case)
    out = _with_ingest_step(concat_cases(cases), config)
    _warn_inputs(out.manifest["inputs"])
    return out


def _as_sources(
    sources: Any, preset: str | None, mapping: str | os.PathLike[str] | Mapping | None
) -> list[Source]:
    """``sources`` as a list of :class:`Source`: a path, or each path of a list, read
    through ``preset`` or ``mapping`` (a file of a kind that names its own reading
    through its own preset, as in ``linkgraph ingest``); a Source as it is."""
    if isinstance(sources, str | os.PathLike | Source):
        sources = [sources]
    if not isinstance(sources, Sequence):
        raise TypeError(
            "ingest() takes a file path, a list of paths or of Source objects, not"
            f" {type(sources).__name__}: ingest('calls.csv', preset='cdr')"
        )
    out = []
    for item in sources:
        if isinstance(item, Source):
            out.append(item)
        elif isinstance(item, str | os.PathLike):
            out.append(_shared_reading(item, preset, mapping))
        else:
            raise TypeError(
                f"ingest() reads file paths or Source objects, not {type(item).__name__}:"
                " ingest([Source('calls.csv', preset='cdr'), 'chart.gexf'])"
            )
    return out


def _shared_reading(
    path: str | os.PathLike[str],
    preset: str | None,
    mapping: str | os.PathLike[str] | Mapping | None,
) -> Source:
    """The Source of ``path`` when ``preset`` or ``mapping`` is given for a list of files:
    a file of a kind that names its own reading, and that they are not for, without them."""
    from linkgraph.ingest.readers import own_preset

    given = preset if preset is not None else mapping
    if given is None or (preset is not None and mapping is not None):
        return Source(path, preset=preset, mapping=mapping)
    if own_preset(Path(path)) is None:
        return Source(path, preset=preset, mapping=mapping)
    loaded = given if isinstance(given, Mapping) else load_mapping(given)
    if reads_kind(loaded, path):
        return Source(path, preset=preset, mapping=mapping)
    return Source(path)


def ingest_to(
    sources: Sequence[Source],
    path: str | os.PathLike[str],
    config: IngestConfig | None = None,
    *,
    progress: Progress | None = None,
) -> Path:
    """Read every source into the case folder ``path``, one chunk of rows at a time.

    The result is what ``merge_cases(Case.read(path), ingest(sources, config)).write(path)``
    gives (same files, schema, row order and manifest), but memory stays bounded by a chunk
    (``config.chunk_rows``) whatever the size of the files: each chunk's mentions, links
    and rejects are appended to Parquet as soon as they are built. When ``path`` already
    holds a case, its tables are copied over row group by row group, without the rows of
    sources read again. The folder is swapped in atomically at the end; on an error (or a
    reject under ``config.strict``) ``path`` is left as it was.

    Returns:
        ``path``.

    Raises:
        InputError: a file as a whole cannot be used.
        StrictModeError: ``config.strict`` and something was rejected.
        CaseError: ``path`` holds a case folder that cannot be read.
    """
    from linkgraph.ingest._writer import CaseWriter

    use_lean_pool()  # see linkgraph._arrow_pool
    # Each chunk's tables are freed as the next are built: pages jemalloc keeps for a
    # second were ~200 MiB of a million-row person list's peak (see return_freed_after).
    return_freed_after(250)
    config = IngestConfig() if config is None else config
    progress = or_null(progress)
    target = Path(path)
    inputs: list[Case] = []
    with CaseWriter(target) as writer:
        # Read under the writer's lock: a concurrent ingest's sources are then kept.
        existing = _read_manifest(target) if (target / "manifest.json").is_file() else None
        for source in sources:
            check_input_file(source.path)
            if source.replaces is not None:
                check_replaced(source.replaces, existing)
        shown = source_names(sources, existing, target)
        names = set(shown)
        others = [n for n in _input_names(existing) if n not in names]
        if existing is not None:
            writer.copy_filtered(target, lambda df: ~_from_sources(df, names), columns=("source",))
        notes = _identity_notes(sources, shown, existing, target)
        cell_sites = _cell_site_lists(sources, shown, config)
        for at, (source, name, note) in enumerate(zip(sources, shown, notes, strict=True)):
            if at in cell_sites.infos:
                listed = cell_sites.case_of(at)
                listed.manifest["inputs"][0].update(note)
                writer.append("rejects", listed.rejects)
                inputs.append(listed)
                continue
            run = _SourceRun(source, config, name=name)
            run.extra.update(note)
            run.use_cell_sites(cell_sites.sites)
            records: list[Any] = []  # the new file's records' hashes, to compare
            hashed = 0  # mentions whose records were hashed (REPEAT_SAMPLE at most)
            for m, lk, rj in run.parts(progress, encoded_raw=True):
                if others and "raw" in m.columns and hashed < REPEAT_SAMPLE:
                    records.append(raw_hashes(m["raw"].iloc[: REPEAT_SAMPLE - hashed]))
                    hashed += min(len(m), REPEAT_SAMPLE - hashed)
                writer.append("mentions", m)
                writer.append("links", lk)
                writer.append("rejects", rj)
            alike = _alike_in_size(existing, others, run.rows) if others and records else []
            if alike:
                _warn_repeats(run, records, sources_raw_hashes(target, alike))
            inputs.append(Case(manifest={**new_manifest(), "inputs": [run.info()]}))
        new = _with_ingest_step(concat_cases(inputs), config)
        if existing is not None:
            new = merge_cases(Case(manifest=existing), new)
        writer.close(new.manifest)
    _warn_inputs([i for c in inputs for i in c.manifest["inputs"]])
    return target


def _input_names(manifest: dict[str, Any] | None) -> list[str]:
    """The names of the sources of a case's manifest."""
    return [str(i["name"]) for i in (manifest or {}).get("inputs", []) if i.get("name")]


def _alike_in_size(manifest: dict[str, Any] | None, names: list[str], rows: int) -> list[str]:
    """The sources of ``names`` whose row count is within :data:`REPEAT_SIZE_FACTOR` of
    ``rows`` (a corrected export has about as many rows as the one it corrects)."""
    counts = {str(i.get("name")): i.get("rows") for i in (manifest or {}).get("inputs", [])}
    out = []
    for name in names:
        n = counts.get(name)
        if not isinstance(n, int) or n <= 0:
            out.append(name)  # not recorded: compared
        elif rows / REPEAT_SIZE_FACTOR <= n <= rows * REPEAT_SIZE_FACTOR:
            out.append(name)
    return out


def _warn_repeats(run: _SourceRun, records: list[Any], old: dict[str, Any]) -> None:
    """Add to ``run``'s warnings each source in the case most of whose records it repeats
    (``records``: its chunks' record hashes; ``old``: each source's)."""
    import numpy as np

    found = repeat_warnings(run.name, np.unique(np.concatenate(records)), old)
    if found:
        run.extra["warnings"] = [*run.extra.get("warnings", []), *found]


def _warn_inputs(inputs: Sequence[dict[str, Any]]) -> None:
    """Each warning of the sources just read (their manifest entries' ``warnings``: no
    victim marked, a role not understood, phones without a region, ...) as an
    :class:`~linkgraph.errors.IngestWarning` naming the source."""
    for info in inputs:
        for text in info.get("warnings") or []:
            warnings.warn(
                f"{info.get('name')}: {text}", IngestWarning, stacklevel=user_stacklevel()
            )


def _with_ingest_step(case: Case, config: IngestConfig) -> Case:
    files = [i["name"] for i in case.manifest["inputs"]]
    return case.with_step("ingest", config_to_dict(config), files=files)


@dataclass(slots=True)
class _CellSiteLists:
    """The cell-site lists among the sources of one ingest, read: by the source's position,
    its manifest entry and its rejects; and their cells, for the CDRs read with them."""

    infos: dict[int, dict[str, Any]]
    rejects: dict[int, pd.DataFrame]
    sites: Any = None  # cell_sites.CellSites, or None without a list

    def case_of(self, at: int) -> Case:
        """The Case a list adds: no mentions or links, its rejects, its manifest entry."""
        rejects = self.rejects[at]
        return Case(
            rejects=_concat([rejects] if len(rejects) else [], REJECTS),
            manifest={**new_manifest(), "inputs": [self.infos[at]]},
        )


def _cell_site_lists(
    sources: Sequence[Source], names: Sequence[str], config: IngestConfig
) -> _CellSiteLists:
    """Find and read the cell-site lists among ``sources``: tables read through a mapping
    whose links keep a cell id (the cdr preset), headed by a cell id, a latitude and a
    longitude and no caller or callee (see :mod:`linkgraph.ingest.cell_sites`)."""
    from linkgraph.ingest.cell_sites import cell_link_specs, probe_cell_site_list
    from linkgraph.ingest.readers import own_preset

    keeping: list[int] = []
    for i, source in enumerate(sources):
        path = Path(source.path)
        if not path.is_file() or own_preset(path) is not None:
            continue
        try:
            mapping = _resolve_mapping(source)[0]
        except (InputError, MappingError):
            continue  # reading it says what is wrong
        if cell_link_specs(mapping):
            keeping.append(i)
    lists = [i for i in keeping if probe_cell_site_list(Path(sources[i].path))]
    if not lists:
        return _CellSiteLists({}, {})
    return _read_cell_site_lists(sources, names, lists, [i for i in keeping if i not in lists],
                                 config)  # fmt: skip


def _read_cell_site_lists(
    sources: Sequence[Source],
    names: Sequence[str],
    lists: list[int],
    calls: list[int],
    config: IngestConfig,
) -> _CellSiteLists:
    """The cell-site lists at ``lists`` read, for the CDRs at ``calls``."""
    from linkgraph.ingest.cell_sites import QUALIFIER_NAMES, combined, read_cell_site_file

    read = {i: read_cell_site_file(Path(sources[i].path), names[i]) for i in lists}
    sites, conflicts = combined([cl for cl, _ in read.values()])
    out = _CellSiteLists({}, {}, sites)
    for i, (cl, fmt) in read.items():
        reasons = cl.rejects["reason"].astype(str).value_counts() if len(cl.rejects) else {}
        notes = list(conflicts.get(cl.name, []))
        if not calls:
            notes.append(
                "a cell-site list, and no CDR read with it: it positions the calls of the"
                " CDRs of the same command (`linkgraph ingest calls.csv cells.csv --preset"
                " cdr -o case/`); ingest it again with them"
            )
        if config.strict and len(cl.rejects):
            first = cl.rejects.iloc[0]
            raise StrictModeError(
                f"{len(cl.rejects)} reject(s) in strict mode; first: {first['reason']}",
                source=cl.name,
                row=int(first["row"]),
                column=str(first["column"]),
                hint="fix the rows, or drop --strict to keep going and read the rejects table",
            )
        out.rejects[i] = cl.rejects
        out.infos[i] = {
            "path": name_text(str(Path(sources[i].path).resolve())),
            "name": cl.name,
            "sha256": file_sha256(sources[i].path),
            "rows": cl.rows,
            "agency": None,
            **_resolve_mapping(sources[i])[1],
            "format": fmt,
            "mentions": 0,
            "links": 0,
            "rejects": {str(k): int(v) for k, v in sorted(dict(reasons).items())},
            "cell_site_list": {
                "cells": len(cl.sites.drop_duplicates(["key", *QUALIFIER_NAMES])),
                "columns": list(cl.columns),
            },
            **({"warnings": notes} if notes else {}),
        }
    return out


def _read_manifest(folder: Path) -> dict[str, Any]:
    """The manifest of an existing case folder, checked as :meth:`Case.read` checks it."""
    return read_manifest(folder / "manifest.json")


def _mapped_lacking(source: str, lacking: list[tuple[int, list[str]]], plan: Any) -> list[str]:
    """Notes naming the mapped columns that the rows under a header repeated with fewer
    columns lack (two exports concatenated, the second without them): read empty there."""
    used = {c for c in plan.resolved.values() if c}
    notes = []
    for row, columns in lacking:
        mapped = [c for c in columns if c in used]
        if mapped:
            notes.append(
                f"{source}: from row {row}, under the header repeated with other columns, the"
                f" rows lack the mapped column{'s' if len(mapped) > 1 else ''} {_listed(mapped)}:"
                f" read empty there (map the columns"
                " that hold them there, or split the file)"
            )
    return notes


def _unread_columns(plan: Any, mapping: Any, headers: list[str], how: dict[str, str]) -> list[str]:
    """Notes naming the columns a preset left unread (kept only in each mention's ``raw``
    record): a postcode or a place under another name would otherwise be lost to matching
    without a word, and a date or time column the preset's links take no time from leaves
    them without one (said apart: it describes the links, not people)."""
    used = {c for c in plan.resolved.values() if c}
    unread = [h for h in headers if h not in used and h.strip()]
    notes = []
    if _links_lack_time(plan, mapping):
        times = [h for h in unread if _TIME_HEADER.search(header_key(h))]
        unread = [h for h in unread if h not in times]
        if times:
            notes.append(
                f"{_listed(times)} {'looks' if len(times) == 1 else 'look'} like the time of"
                f" each row, which the {how['preset']} preset does not read: its"
                f" {_linked_things(mapping)} have no time; map it as the links' `time:`"
                " (`linkgraph mapping suggest FILE` drafts a mapping that reads it)"
            )
    if unread:
        notes.append(
            f"columns the {how['preset']} preset does not read (kept in each mention's raw"
            f" record only): {_listed(unread)}; if they describe people, map them"
            " (`linkgraph mapping suggest FILE` drafts a mapping)"
        )
    return notes


#: Headers of a date or a time ("Call Date", "Datum", "Start", "Event Time (UTC)").
_TIME_HEADER = re.compile(
    r"(^|_)(date|time|datetime|timestamp|datum|zeit|uhrzeit|fecha|hora|heure|start|begin"
    r"|beginn|started|data|ora)($|_)"
)


def _listed(columns: list[str]) -> str:
    """Column names for a note: the first 12, then how many more."""
    more = f" and {len(columns) - 12} more" if len(columns) > 12 else ""
    return ", ".join(columns[:12]) + more


def _links_lack_time(plan: Any, mapping: Any) -> bool:
    """Whether the mapping's links take a time and no column in the file gives one."""
    specs = [link.time for link in mapping.links if link.time is not None]
    return bool(specs) and not any(s.constant or plan.column(s) or plan.columns(s) for s in specs)


def _linked_things(mapping: Any) -> str:
    """What the mapping's timed links are, for a note: "calls", "messages", "links"."""
    kinds = {link.kind for link in mapping.links if link.time is not None}
    return {"called": "calls", "messaged": "messages", "paid": "payments"}.get(
        next(iter(kinds)) if len(kinds) == 1 else "", "links"
    )


def _phone_region_of(frame: pd.DataFrame) -> tuple[str | None, tuple[str, ...]]:
    """The region of the national phone numbers in a chunk's columns, as
    ``mapping suggest`` infers it (None when they are all international, or none fits),
    and, when several countries' plans read them alike and none is taken, those."""
    from linkgraph.ingest.suggest import infer_region

    return infer_region(frame.head(2_000))


#: How many roles not understood the ingest summary names one by one (the manifest names all).
_ROLES_LISTED = 5
#: How many names of each person slot are looked at for role words, and the share of
#: them that makes the slot's names a role column mapped as the name.
_ROLE_NAMES_SEEN = 1_000
_ROLE_NAMES_SHARE = 0.5


#: How victims are marked in each kind of file that is not a table (see
#: :meth:`_SourceRun._no_victim_note`).
#: The formats read as rows under a header row (whose row may be a data row).
_TABLES = frozenset({"csv", "tsv", "xlsx", "html", "fixed"})

_HOW_TO_MARK_VICTIMS = {
    "ftm": "FtM has no victim topic: put the role word `victim` among the victims'"
    " `keywords` (or `classification`)",
    "goaml": "goAML has no victim field: write the role word `victim` in the victims' `<comments>`",
    "gexf": "give the victims' nodes a `role` attribute (`victim`)",
    "graphml": "give the victims' nodes a `role` attribute (`victim`)",
    "mtgx": "give the victims' entities a `role` property (`victim`)",
    "anx": "give the victims' entities a `role` attribute or the i2 type Victim",
    "vcf": "put `CATEGORIES:victim` on the victims' cards (read as their role), or give"
    " the person slot of a mapping `role: {value: victim}`",
    "location": "its one person is the device's owner: if the device is a victim's, read it"
    " with a mapping `{include: location, entities: {owner: {type: person, fields: {label:"
    " owner, account: device, role: {value: victim}}}}}`",
    "edgelist": "map a role column of the edge list (`source_role:`, `target_role:` under"
    " network) or give a node list with a role column (`nodes:`)",
    "matrix": "a matrix holds no roles: ingest a person list that marks the victims"
    " (`role: victim`) beside it; their nodes merge by name",
    "pajek": "a Pajek file holds no roles: export the network as GEXF or GraphML with a"
    " `role` node attribute (`victim`)",
}


def _rows_of(rj: pd.DataFrame) -> list[int | None]:
    """The file rows of rejects ``rj`` (None where a reject has no row)."""
    return [None if pd.isna(r) else int(r) for r in rj["row"].head(64)]


def _victim_rows(m: pd.DataFrame) -> list[Any]:
    """The rows of ``m`` (one chunk's mentions) that hold a person marked as a victim."""
    if not len(m) or "role" not in m.columns:
        return []
    from linkgraph.privacy import is_victim

    with_role = m[m["role"].notna().to_numpy(dtype=bool) & m["type"].eq("person").to_numpy()]
    if not len(with_role):
        return []
    roles = with_role["role"].astype(str)
    victim_roles = [r for r in pd.unique(roles) if is_victim(r)]  # a few distinct roles
    victim = roles.isin(victim_roles).to_numpy(dtype=bool)
    return with_role.loc[victim, "row"].tolist()


_HAS_LETTER = re.compile(r"[^\W\d_]")


def _victim_word_columns(frame: pd.DataFrame, rows: int = 1000) -> list[str]:
    """The columns of a table whose values in its first ``rows`` include a victim's role
    word in any language ("víctima", "victime", "ضحية"): a role column no slot reads.
    A column of free text by its header ("notes": "no victim identified") is none.
    Each column's distinct values are looked up once."""
    from linkgraph.ingest.suggest import SNIFF_MAX_CHARS, free_text_header
    from linkgraph.schema import canonical_role

    out = []
    head = frame.head(rows)
    cells = head.to_numpy(dtype=object)  # one array, not a Series a column (5,000 columns)
    for i, column in enumerate(head.columns):
        if free_text_header(str(column)):
            continue
        filled = (str(c) for c in cells[:, i] if c is not None and c is not pd.NA and c == c)
        values = list(dict.fromkeys(filled))[:200]
        # a role is written in words: numbers, phones and times are not looked up, nor a
        # cell over the cell_too_long limit (a megabyte of text is no role word)
        values = [v for v in values if len(v) <= SNIFF_MAX_CHARS and _HAS_LETTER.search(v)]
        if any("victim" in str(canonical_role(v)).split(";") for v in values):
            out.append(str(column))
    return out


class _SourceRun:
    """One source read chunk by chunk: :meth:`parts` yields each chunk's tables, and
    :meth:`info` then gives the manifest entry (counts, rejects by reason)."""

    def __init__(
        self,
        source: Source,
        config: IngestConfig,
        name: str | None = None,
        *,
        row_limit: int | None = None,
    ) -> None:
        from linkgraph.ingest.archive import archive_member, readable_file
        from linkgraph.ingest.readers import guess_format

        #: the file given; ``path`` is the file read: itself, or a .gz's or .zip's content
        self.file = Path(source.path)
        #: the source's name in the case: the file name, or a longer path when two different
        #: files share it (see :func:`source_names`)
        self.name = name_text(self.file.name if name is None else name)
        self.config = config
        self.mapping, self.how = _resolve_mapping(source)
        self.region_given = source.region is not None  # --region, not the mapping's
        #: what else decides how the file is read, compared when it is read again
        self.reading = reading_options(source, config.strict)
        self.agency = source.agency if source.agency is not None else self.mapping.agency
        check_input_file(self.file)
        self.path = readable_file(self.file)
        self.fmt = guess_format(self.path, self.mapping.format)
        # The file's SHA-256 (for the manifest) is read on a background thread while the
        # rows are read: hashlib and file reads release the GIL for large blocks.
        hasher = ThreadPoolExecutor(max_workers=1, thread_name_prefix="file-sha256")
        self._sha256 = hasher.submit(file_sha256, self.file)
        hasher.shutdown(wait=False)
        self.rows = 0
        #: no chunk is read once this many rows are (`mapping preview`); the source's
        #: warnings (swapped points, placeholders, roles...) are then of those rows
        self.row_limit = row_limit
        self.mentions = 0
        self.links = 0
        self.reasons: Counter[str] = Counter()
        self.first_reject: pd.Series | None = None
        self.extra: dict[str, Any] = {}
        self._read_fixed_width()
        #: positions the calls by a cell-site list read with the source (use_cell_sites)
        self.cell_join: Any = None
        self.persons = 0
        self.with_role = 0
        self.victims = 0  # person mentions marked as a victim
        self.victim_columns: list[str] = []  # unmapped columns whose values say "victim"
        self.looked_for_victims: set[str] = set()  # the sources (sheets) looked at for them
        self.holders = 0  # mentions of the slots holding the mapping's `account` slot
        self.slots_made: set[str] = set()  # the slots that made a mention
        #: identifier values on many rows, or placeholders (see _shared_values)
        self.shared = SharedValues()
        #: person rows whose role is not understood, by role as ingest keeps it ("v"):
        #: a victim may hide behind such a role (see :meth:`role_hint`)
        self.unknown_roles: Counter[str] = Counter()
        self.unknown_role_row: dict[str, int] = {}  # the first row of each
        #: per person slot: its names looked at, and those that are role words ("victim",
        #: "potential victim"): a role column mapped as the name (see _role_names_hint)
        self.names_seen: Counter[str] = Counter()
        self.role_names: dict[str, Counter[str]] = {}
        #: phones rejected as invalid that are written as national numbers (a leading
        #: trunk 0): with no region given they cannot be read (see :meth:`_region_hint`)
        self.national_rejects = 0
        #: the countries whose plans read the national numbers alike, when none was taken
        self.region_candidates: tuple[str, ...] = ()
        #: the first rows of a file read with no region, whose numbers name the countries
        #: the region hint proposes when national numbers were rejected
        self.region_sample: pd.DataFrame | None = None
        self.national_example = Example()
        #: phones, accounts and documents rejected in scientific notation ("4.47712E+11")
        #: by reject reason: a spreadsheet rounded them, and their last digits are lost
        #: (see :meth:`_rounded_hint`); with an example of each
        self.rounded_rejects: Counter[str] = Counter()
        self.rounded_example: dict[str, Example] = {}
        if self.path != self.file:  # an archive: the manifest names the file it held
            self.extra["unpacked"] = archive_member(self.file) or self.path.name

    def use_cell_sites(self, sites: Any) -> None:
        """Position the calls of this source by the cells of ``sites`` (a
        :class:`~linkgraph.ingest.cell_sites.CellSites`, or None), when its mapping's links
        keep a cell id and it is a table."""
        from linkgraph.ingest.cell_sites import join_for
        from linkgraph.ingest.readers import GRAPH_FORMATS

        whole = ("edgelist", "matrix", "ftm", "goaml", *GRAPH_FORMATS)
        if sites is None or self.fmt in whole:
            return
        found = join_for(self.mapping, sites)
        if found is not None:
            self.mapping, self.cell_join = found

    def _read_fixed_width(self) -> None:
        """A text file that a mapping reads as CSV with no ``format:``, ``delimiter:`` or
        ``widths:`` of its own, and that looks like a fixed-width export: read it with
        the widths ``mapping suggest`` drafts for it, and the summary says so."""
        from linkgraph.ingest.fixed_width import as_widths, file_layout

        mapping = self.mapping
        if self.fmt != "csv" or mapping.format or mapping.delimiter or mapping.widths:
            return
        found = file_layout(self.path)
        if found is None:
            return
        spans, header_row = found
        self.fmt = "fixed"
        self.mapping = replace(
            mapping, format="fixed", widths=spans, header_row=mapping.header_row or header_row
        )
        self.extra["fixed_widths"] = as_widths(spans)

    def parts(
        self, progress: Progress, *, encoded_raw: bool = False
    ) -> Iterator[tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]]:
        """``(mentions, links, rejects)`` per chunk; rejects in row order. With
        ``encoded_raw``, the mentions' ``raw`` may be a dictionary column over the chunk's
        rows (``build.raw_of_rows``; the case writer decodes it), else it is text.

        Raises StrictModeError after the last chunk when ``config.strict`` and something
        was rejected.
        """
        progress.start(f"ingest {self.file.name}", None)
        from linkgraph.ingest.build import decoded_raw

        for m, lk, items in self._chunks(progress):
            if not encoded_raw:
                m = decoded_raw(m)
            rj = _rejects_table(items)
            if self.name != name_text(self.path.name):
                m, lk, rj = _renamed(m, lk, rj, self.name)
            self.mentions += len(m)
            self.links += len(lk)
            if len(m) and "slot" in m.columns:
                self.slots_made.update(str(s) for s in pd.unique(m["slot"].dropna()))
            self._count_unknown_roles(m)
            self._count_role_names(m)
            self.shared.add(m, lk, _victim_rows(m))
            if len(rj):
                counts = rj["reason"].astype(str).value_counts()
                self.reasons.update({str(k): int(v) for k, v in counts.items()})
                if self.first_reject is None:
                    self.first_reject = rj.iloc[0]
                if self.mapping.region is None:
                    self._count_national(rj, m)
                self._count_rounded(rj, m)
            yield m, lk, rj
        progress.finish()
        self._add_notes(self._no_link_note())
        self._add_notes(self.shared.notes(self.rows))
        self._rounded_hint()
        self._region_hint()
        self.role_hint()
        self._role_names_hint()
        reasons = self.reject_reasons()
        if reasons:
            log.info(
                "%s: %d rejects (%s); see rejects", self.file.name, sum(reasons.values()), reasons
            )
        if self.config.strict and self.first_reject is not None:
            first = self.first_reject
            raise StrictModeError(
                f"{sum(reasons.values())} reject(s) in strict mode"
                f" ({', '.join(f'{k}: {v}' for k, v in reasons.items())});"
                f" first: {first['reason']}",
                source=self.file.name,
                row=None if pd.isna(first["row"]) else int(first["row"]),
                column=None if pd.isna(first["column"]) else str(first["column"]),
                hint="fix the rows, or drop --strict to keep going and read the rejects table",
            )

    def _chunks(self, progress: Progress) -> Iterator[tuple[pd.DataFrame, pd.DataFrame, list[Any]]]:
        from linkgraph.ingest._coordinates import PointChecks
        from linkgraph.ingest._dst_times import DST_TIMES
        from linkgraph.ingest._role_flags import EMPTY_FLAGS
        from linkgraph.ingest.build import (
            NAMELESS_PERSONS,
            NATIONAL_UNSAID,
            PLACEHOLDER_NAMES,
            REGION_READINGS,
            build_chunk,
            keep_only_notes,
            no_amount_notes,
            opposite_payment_warnings,
            phone_name_notes,
            plan_columns,
            sign_notes,
            unread_each_keys_notes,
        )
        from linkgraph.ingest.readers import (
            GRAPH_FORMATS,
            data_above_header_warning,
            read_chunks,
        )

        path, mapping, config = self.path, self.mapping, self.config
        if self.fmt in ("edgelist", "matrix"):
            from linkgraph.ingest.network import read_network

            m, lk, rj, self.rows = read_network(
                path, self.fmt, mapping, agency=self.agency, config=config
            )
            self.extra["repeated_pairs"] = int(lk.attrs.get("repeated_pairs", 0))
            self.extra["repeated_rows"] = int(lk.attrs.get("repeated_rows", 0))
            self.extra["unweighted_rows"] = int(lk.attrs.get("unweighted_rows", 0))
            self.extra["combine"] = mapping.network.combine if mapping.network else "sum"
            notes = list(m.attrs.get("notes", []))
            self._count_persons(m)
            yield m, lk, list(rj)
            self._add_notes(notes)
            mirrored = int(lk.attrs.get("mirrored_rows", 0))
            if mirrored:
                self._add_notes(
                    [
                        f"every undirected tie is written both ways (a, b) and (b, a) with the"
                        f" same weight: each read once ({mirrored:,} mirror rows folded)"
                    ]
                )
            self._add_notes(self._no_victim_note())
            return
        if self.fmt in GRAPH_FORMATS:
            from linkgraph.ingest.graphfile import read_graph_file

            read_notes: list[str] = []  # local times in a daylight-saving change
            m, lk, rj, self.rows = read_graph_file(
                path, self.fmt, mapping, agency=self.agency, notes=read_notes
            )
            self._count_persons(m)
            yield m, lk, list(rj)
            self._add_notes(read_notes + self._no_victim_note())
            return
        if self.fmt in ("ftm", "goaml"):
            # an FtM file's repeated keys, local times in a daylight-saving change
            read_notes: list[str] = []
            if self.fmt == "ftm":
                from linkgraph.ingest.ftm import read_ftm

                m, lk, rj, self.rows = read_ftm(path, mapping, agency=self.agency, notes=read_notes)
            else:
                from linkgraph.ingest.goaml import read_goaml

                m, lk, rj, self.rows = read_goaml(
                    path, mapping, agency=self.agency, notes=read_notes
                )
            self._count_persons(m)
            yield m, lk, list(rj)
            self._add_notes(read_notes + self._no_victim_note())
            return
        if self.fmt in ("camt", "mt940", "mt103"):
            from linkgraph.ingest.statement import check_mapping

            check_mapping(mapping, self.fmt, path.name)
        plan = None
        plan_source = ""
        headers: list[str] = []
        # --region is the analyst's own word for this run: the national numbers read under
        # it go unsaid (see below), and uncounted.
        state: dict[Any, Any] = {NATIONAL_UNSAID: True} if self.region_given else {}
        region_how = "`region:` of the mapping"
        notes: list[str] = []
        skipped: list[str] = []
        participants = _chat_participants(self.fmt)
        points = PointChecks(mapping)  # swapped lat/lon, null island
        reopen = partial(
            read_chunks,
            path,
            self.fmt,
            encoding=mapping.encoding,
            delimiter=mapping.delimiter,
            sheet=mapping.sheet,
            records=mapping.records,
            chunk_rows=config.chunk_rows,
            header_row=mapping.header_row,
            skip_rows=mapping.skip_rows,
            widths=mapping.widths,
        )
        chunks = reopen()
        sex_read = False  # a sex column's codes read over the whole file (once)
        for chunk in read_ahead(chunks):
            chunk.source = name_text(chunk.source)  # a file name of bytes not UTF-8
            if chunk.source in skipped:
                continue
            if self.row_limit is not None:
                chunk = _first_rows(chunk, self.row_limit - self.rows)
            if self.cell_join is not None:  # the cells' positions, as columns of the chunk
                chunk.frame = self.cell_join.added(chunk.frame, chunk.rows)
            if plan is None and "preset" in self.how and mapping.region is None:
                # National numbers ("06 12 34 56 78") need a region: a preset run without
                # --region takes the one that reads the file's numbers (as mapping suggest
                # proposes it), and the summary says so.
                region, self.region_candidates = _phone_region_of(chunk.frame)
                if region is not None:
                    mapping = self.mapping = replace(mapping, region=region)
                    region_how = "guessed: the region whose numbering plan reads them"
            elif plan is None and mapping.region is None and self.region_sample is None:
                self.region_sample = chunk.frame.head(2_000)  # for _region_hint, if need be
            columns = list(map(str, chunk.frame.columns))
            if plan is None or chunk.source != plan_source or columns != headers:
                # JSON records name their keys row by row: a chunk may lack a key that an
                # earlier one had, or bring a new one.
                if plan is not None and chunk.source == plan_source:
                    columns = headers + [c for c in columns if c not in headers]
                try:
                    preset = "preset" in self.how
                    plan = plan_columns(mapping, columns, chunk.source, none_found_ok=preset)
                    if preset:
                        plan, loose = read_loose_headers(mapping, plan, chunk.frame)
                        if not any(plan.resolved.values()):  # none, even by their words
                            plan_columns(mapping, columns, chunk.source)
                except InputError as err:
                    sheets = chunk.layout.get("sheets") or []
                    if mapping.sheet is None and len(sheets) > 1:
                        # A workbook read sheet by sheet: a sheet without the mapped
                        # columns (a legend, a readme) is skipped, and the summary says so.
                        skipped.append(chunk.source)
                        continue
                    if self.fmt not in _TABLES:
                        raise
                    # a header row that is a data row: its cells are never listed
                    better = header_row_error(err, path, self.fmt, mapping, columns, chunk.layout)
                    if better is err:
                        raise
                    raise better from None
                plan_source, headers = chunk.source, columns
                if preset:
                    repeated = chunk.layout.get("repeated") or {}
                    said = repeated_note(repeated, plan, mapping, self.how["preset"], chunk.source)
                    unread = _unread_columns(
                        plan, mapping, [h for h in headers if h not in repeated], self.how
                    )
                    unread += [said] if said else []
                    notes += [n for n in loose + unread if n not in notes]
            notes += [n for n in chunk.notes if n not in notes]
            notes += _mapped_lacking(chunk.source, chunk.lacking, plan)
            if chunk.layout:
                layouts = self.extra.setdefault("layout", {})
                if chunk.source not in layouts:
                    warning = data_above_header_warning(chunk.source, chunk.layout)
                    if warning is not None:
                        notes.append(warning)
                layouts[chunk.source] = {k: v for k, v in chunk.layout.items() if k != "sheets"}
            if chunk.source not in self.looked_for_victims:
                # a sheet's or file's first rows only: cheap at a million rows
                self.looked_for_victims.add(chunk.source)
                found = _victim_word_columns(chunk.frame)
                self.victim_columns += [c for c in found if c not in self.victim_columns]
            absent = [c for c in headers if c not in chunk.frame.columns]
            if absent:
                chunk.frame = chunk.frame.assign(**dict.fromkeys(absent, ""))
            if not sex_read and self.row_limit is None:
                sex_read = True
                _whole_file_sex_codes(
                    chunk, mapping, plan, state, reopen, config.chunk_rows, path, self.fmt
                )
            result = build_chunk(
                chunk,
                mapping,
                plan,
                agency=self.agency,
                max_cell_chars=config.max_cell_chars,
                state=state,
            )
            notes += [n for n in result.notes if n not in notes]
            mentions, links = result.mentions, result.links
            if self.cell_join is not None:  # its notes quote no victim's call
                self.cell_join.settle(_victim_rows(mentions))
            if participants is not None:
                mentions, links = participants.collapse(mentions, links)
            mentions, links, odd_points = points.check(mentions, links, plan)
            self._count_persons(mentions)
            self._count_holders(mentions)
            self.rows += result.rows
            progress.advance(result.rows)
            yield mentions, links, [*result.rejects, odd_points]
            if self.row_limit is not None and self.rows >= self.row_limit:
                break
        notes += points.notes()
        if self.cell_join is not None:
            notes += self.cell_join.notes()
            self.extra["cell_sites"] = self.cell_join.info()
        notes += opposite_payment_warnings(mapping) + no_amount_notes(state)
        notes += sign_notes(state) + phone_name_notes(state)
        notes += unread_each_keys_notes(mapping, state)
        notes += keep_only_notes(mapping, state)
        readings = state.get(REGION_READINGS)
        if readings is not None:
            # --region is the analyst's own word for this run: no need to repeat it.
            notes += readings.notes(None if self.region_given else region_how)
        placeholders = state.get(PLACEHOLDER_NAMES)
        if placeholders is not None:
            notes += placeholders.notes()
        nameless = state.get(NAMELESS_PERSONS)
        if nameless is not None:
            notes += nameless.notes()
        for key, found in state.items():
            if isinstance(key, tuple) and key[0] in (DST_TIMES, EMPTY_FLAGS):
                notes += found.notes()
        if not self.rows:
            notes.append(
                "the file has no data rows (a header alone, or nothing): check that it is"
                " the whole export, or the right sheet (`sheet:` in the mapping)"
            )
        from linkgraph.ingest.readers import NOT_UTF8

        if NOT_UTF8["bytes"]:
            bad = NOT_UTF8["bytes"]
            were = "were" if bad > 1 else "was"
            from linkgraph.ingest._mixed_utf8 import legacy_lines

            lines, total = legacy_lines(self.path)
            where = ", ".join(map(str, lines)) + (
                f" and {total - len(lines)} more" if total > len(lines) else ""
            )
            notes.append(
                f"{counted(bad, 'byte')} {were} not UTF-8 and {were} read as Windows-1252"
                f" (line{'s' if total > 1 else ''} {where} of {self.path.name}; rows added"
                " by another system?): check names with accents there, or set `encoding:` in"
                " the mapping"
            )
        if self.fmt == "mt940" and self.rows and not self.holders:
            notes.append(
                "MT940 names no account holder, so the statement's own account has none: give"
                " it in a mapping (`include: statement` and `holder_person: {type: person,"
                ' fields: {name: {value: "Ion Popescu"}}}`, or holder_organisation;'
                " docs/mapping.md, Statements)"
            )
        if skipped:
            notes.append(f"sheets skipped (none of the mapped columns): {', '.join(skipped)}")
        notes += self._no_victim_note()
        if notes:
            # one column read for two fields (an event's time and its link's) may give
            # one note twice: each said once
            self.extra["warnings"] = list(dict.fromkeys(notes))

    def _add_notes(self, notes: list[str]) -> None:
        """Add ``notes`` to the source's warnings (the summary prints them)."""
        if notes:
            self.extra.setdefault("warnings", []).extend(notes)

    def _no_victim_note(self) -> list[str]:
        """The warning that no person of the source is marked as a victim while some have
        no role (a victim may be among them, unprotected), saying how to mark them in this
        kind of file; else nothing. Persons who all have a role, none a victim's (a list of
        suspects), are marked: the roles not understood have a warning of their own."""
        without_role = self.persons - self.with_role
        if not self.persons or self.victims or not without_role:
            return []
        self.extra["persons_without_role"] = without_role  # the report warns of it too
        how = _HOW_TO_MARK_VICTIMS.get(
            self.fmt,
            "give the victims' slot `role: {value: victim}` (or map a role column)",
        )
        if self.with_role:
            counts = (
                f"{self.persons:,} person mentions, none marked as a victim;"
                f" {without_role:,} have no role"
            )
        else:
            counts = f"{self.persons:,} person mentions and no role"
        if self.victim_columns:
            named = ", ".join(repr(c) for c in self.victim_columns[:3])
            return [
                f"no person is marked as a victim: {counts} mapped, but column {named} holds"
                f" victim words: map it as the persons' role (`role: {self.victim_columns[0]}`"
                " in the person slot's fields) so that maps and reports protect them"
            ]
        if not self.with_role:
            counts += " information"
        protect = "so that maps and reports protect them"
        return [f"no person is marked as a victim: {counts}; {how} {protect}"]

    def _count_national(self, rj: pd.DataFrame, m: pd.DataFrame) -> None:
        """Count the phones of ``rj`` rejected for want of a region; the summary's example
        is never one of a victim's rows (of ``m``)."""
        values = rj.loc[rj["reason"].astype(str) == "phone_invalid", ["row", "value"]]
        national = values[re2_match(values["value"], r"^\s*\(?0[1-9]")]
        if len(national):
            self.national_rejects += len(national)
            cells = national["value"].astype(str)
            quoted(
                self.national_example,
                _victim_rows(m),
                _rows_of(national),
                lambda i: repr(cells.iloc[i]),
            )

    def _count_rounded(self, rj: pd.DataFrame, m: pd.DataFrame) -> None:
        """Count the values of ``rj`` rejected in scientific notation; the example is
        never one of a victim's rows (of ``m``)."""
        from linkgraph.ingest.normalize import ROUNDED_NUMBER

        reasons = rj["reason"].astype(str)
        for reason in _ROUNDED_OF:
            at = rj[(reasons == reason).to_numpy(dtype=bool)]
            rounded = at[re2_match(at["value"], f"^{ROUNDED_NUMBER}$")]
            if len(rounded):
                self.rounded_rejects[reason] += len(rounded)
                cells = rounded["value"].astype(str)
                example = self.rounded_example.setdefault(reason, Example())
                quoted(
                    example,
                    _victim_rows(m),
                    _rows_of(rounded),
                    lambda i, cells=cells: repr(cells.iloc[i]),
                )

    def _rounded_hint(self) -> None:
        """A warning when a spreadsheet has rounded phones, accounts or document numbers
        to scientific notation (``4.47712E+11``)."""
        for reason, n in self.rounded_rejects.items():
            self.extra.setdefault("warnings", []).append(
                f"{n:,} {_ROUNDED_OF[reason]} rejected as {reason} are in scientific notation"
                f"{self.rounded_example[reason].phrase(' (such as ', ')')}: a spreadsheet"
                " rounded them and their last digits are lost (they are kept, marked rounded,"
                " but never merged on); export the numbers again as text (in Excel, format the"
                " column as Text before pasting, or open the CSV with the column typed as Text)"
            )

    def _region_hint(self) -> None:
        """A warning when phones were rejected for want of a region: national numbers
        (``07470 417125``) cannot be read without knowing the country."""
        if not self.national_rejects:
            return
        from linkgraph.ingest.suggest import ambiguous_region_note, region_note

        example = self.national_example.phrase(" (such as ", ")")
        fitting = self.region_candidates or self._fitting_regions()
        which = f"; {ambiguous_region_note(fitting)};" if fitting else ":"
        if fitting and self.region_sample is not None:
            which = f"; {region_note(self.region_sample, fitting)};"
        self.extra.setdefault("warnings", []).append(
            f"{self.national_rejects:,} phone{'s' * (self.national_rejects != 1)} rejected as"
            f" phone_invalid {'is' if self.national_rejects == 1 else 'are'} written as"
            f" national numbers{example} and no region was given{which} pass the country"
            f" as --region XX (ISO alpha-2, e.g. --region {fitting[0] if fitting else 'GB'}),"
            f" or set `region:` in the mapping{self._own_country_hint()}"
        )

    def _own_country_hint(self) -> str:
        """How rows give their own country: a column in a table; an FtM entity's
        ``country`` or ``nationality`` property, which no mapping can add."""
        if self.fmt == "ftm":
            return (
                " (FtM entities: each one's `country`, else `nationality`, reads its own local"
                " numbers; these have none)"
            )
        return ", or map a country column"

    def _fitting_regions(self) -> tuple[str, ...]:
        """The countries whose plans read the national numbers of the file's first rows
        (as ``mapping suggest`` finds them), when it was read with no region."""
        if self.region_sample is None:
            return ()
        region, fitting = _phone_region_of(self.region_sample)
        return (region,) if region is not None else fitting

    def _count_unknown_roles(self, m: pd.DataFrame) -> None:
        """Count the rows of persons whose role (or a part of it) is not understood."""
        from linkgraph.schema import roles_not_understood

        if not len(m) or "role" not in m.columns or "type" not in m.columns:
            return
        with_role = (m["type"] == "person").to_numpy(dtype=bool) & m["role"].notna().to_numpy(
            dtype=bool
        )
        if not with_role.any():
            return
        persons = m.loc[with_role]
        codes, values = pd.factorize(persons["role"].astype(str))
        for code, value in enumerate(values):
            unknown = roles_not_understood(value)
            if not unknown:
                continue
            of_role = persons.loc[codes == code]
            rows = of_role["row"].dropna() if "row" in of_role.columns else pd.Series([])
            rows = rows[rows.astype("int64") > 0]  # a network's nodes are on no row
            for part in unknown:
                if not len(rows):  # nodes: counted one by one (said as nodes: no row)
                    self.unknown_roles[part] += len(of_role)
                    continue
                self.unknown_roles[part] += rows.nunique()
                if part not in self.unknown_role_row:
                    self.unknown_role_row[part] = int(rows.min())

    def _count_role_names(self, m: pd.DataFrame) -> None:
        """Count, in the first names of each person slot (at most ``_ROLE_NAMES_SEEN``),
        those that are words of a case role (``schema.ROLES``: "victim", "Zeuge"; not a
        nickname such as "Boss", which is another role's word too)."""
        from linkgraph.schema import ROLES, canonical_role, is_role_word

        def case_role(name: str) -> bool:
            return is_role_word(name) and canonical_role(name) in ROLES

        if not len(m) or not {"type", "slot", "label"} <= set(m.columns):
            return
        slots = [e.slot for e in self.mapping.entities if "person" in str(e.type)]
        if slots and all(self.names_seen[s] >= _ROLE_NAMES_SEEN for s in slots):
            return  # each slot's first names looked at: the later chunks are not
        persons = m.loc[(m["type"] == "person").to_numpy(dtype=bool), ["slot", "label"]]
        persons = persons[persons["label"].notna().to_numpy(dtype=bool)]
        for slot, labels in persons.groupby("slot", sort=False, observed=True)["label"]:
            room = _ROLE_NAMES_SEEN - self.names_seen[str(slot)]
            if room <= 0:
                continue
            looked = labels.astype(str).head(room)
            self.names_seen[str(slot)] += len(looked)
            words = looked[looked.map(case_role).to_numpy(dtype=bool)]
            if len(words):
                self.role_names.setdefault(str(slot), Counter()).update(words.str.lower())

    def _role_names_hint(self) -> None:
        """Warn of a person slot whose names are mostly role words ("victim", "potential
        victim"): a role column mapped as the name, so that the persons' real names (kept
        elsewhere) and their victims' protection are lost."""
        for slot, words in self.role_names.items():
            n, seen = sum(words.values()), self.names_seen[slot]
            if n < _ROLE_NAMES_SHARE * seen:
                continue
            shown = ", ".join(repr(w) for w, _ in words.most_common(3))
            self.extra.setdefault("warnings", []).append(
                f"slot {slot!r}: {n:,} of the first {seen:,} names are role words ({shown}):"
                " its `name` column looks like the persons' role; map that column as"
                " `role:` and the column of their names as `name:`, or the victims among"
                " them are not protected"
            )

    def role_hint(self) -> None:
        """Warn of each role not understood: its persons are not protected as victims.

        Called when the source has been read (or its first rows, by a preview); called
        again it adds nothing."""
        if not self.unknown_roles or "roles_not_understood" in self.extra:
            return
        counts = self.unknown_roles.most_common()
        self.extra["roles_not_understood"] = dict(counts)
        warnings = self.extra.setdefault("warnings", [])
        for role, rows in counts[:_ROLES_LISTED]:
            first = self.unknown_role_row.get(role)
            where = f", first on row {first:,}" if first is not None and rows > 1 else ""
            where = f", row {first:,}" if first is not None and rows == 1 else where
            unit = "row" if first is not None else "node"
            warnings.append(
                f"role {role!r} not understood ({rows:,} {unit}{'s' * (rows != 1)}"
                f"{where}): those persons are not protected as victims; use a known role word"
                " or map it (docs/mapping.md)"
            )
        if len(counts) > _ROLES_LISTED:
            more = counts[_ROLES_LISTED:]
            warnings.append(
                f"{len(more):,} more roles not understood ({sum(n for _, n in more):,} rows,"
                f" such as {more[0][0]!r}): those persons are not protected as victims;"
                " the manifest lists them (roles_not_understood)"
            )

    def _no_link_note(self) -> list[str]:
        """A warning when several slots made mentions and no link joined any of them:
        each mention is a node on its own, tied to nothing (a mapping with no `links:`,
        or links whose slots are never in one row)."""
        if self.links or len(self.slots_made) < 2:
            return []
        slots = ", ".join(sorted(self.slots_made)[:6])
        how = "its links were never made" if self.mapping.links else "it has no `links:`"
        types = {e.slot: e.type for e in self.mapping.entities if e.slot in self.slots_made}
        return [
            f"{self.mentions:,} mentions of {len(self.slots_made)} slots ({slots}) and no link:"
            f" {how}, so each is a node on its own, tied to nothing; add links joining the"
            f" slots (`links: [{link_example(types)}]`, docs/mapping.md)"
        ]

    def _count_holders(self, m: pd.DataFrame) -> None:
        """Count the mentions of the slots that hold the mapping's ``account`` (a
        statement's own account): MT940 names no holder (see :meth:`_chunks`)."""
        slots = {lk.src for lk in self.mapping.links if lk.kind == "holds_account"}
        slots &= {lk.src for lk in self.mapping.links if lk.dst == "account"}
        if slots and len(m):
            self.holders += int(m["slot"].isin(list(slots)).sum())

    def _count_persons(self, m: pd.DataFrame) -> None:
        if not len(m) or "type" not in m.columns:
            return
        persons = (m["type"] == "person").to_numpy(dtype=bool)
        self.persons += int(persons.sum())
        if "role" in m.columns:
            self.with_role += int(m["role"][persons].notna().sum())
            if not self.victims:  # one victim is enough to know the source marks them
                self.victims += len(_victim_rows(m))

    def reject_reasons(self) -> dict[str, int]:
        return dict(sorted(self.reasons.items()))

    def info(self) -> dict[str, Any]:
        """The manifest's entry for this source."""
        return {
            "path": name_text(str(self.file.resolve())),
            "name": self.name,
            "sha256": self._sha256.result(),
            "rows": self.rows,
            "agency": self.agency,
            **self.how,
            "format": self.fmt,
            "mentions": self.mentions,
            "links": self.links,
            "rejects": self.reject_reasons(),
            "reading": self.reading,
            **self.extra,
        }


def _chat_participants(fmt: str) -> Any:
    """For a chat export, the :class:`~linkgraph.ingest.chat.Participants` that give each
    participant one mention (for a location history, its device's owner); else None."""
    if fmt not in ("chat", "location"):
        return None
    from linkgraph.ingest.chat import Participants

    return Participants()


def _whole_file_sex_codes(
    chunk: Any,
    mapping: Mapping,
    plan: Any,
    state: dict[Any, Any],
    reopen: Callable[[], Iterator[Any]],
    chunk_rows: int,
    path: Path,
    fmt: str,
) -> None:
    """Before a file's first chunk is built: the one-letter codes of its sex columns over
    the whole file, in ``state`` (see ``build._sex_letters``), so that M is read one way in
    every chunk (female in a file of H and M even where a chunk holds no H). The file is
    read once more, its sex columns only kept (a plain CSV's by Arrow, those columns
    alone); a file whose first chunk holds fewer rows than a chunk can (a delimited
    file's chunk holds 1,000 rows or more) is one chunk, and is not read again."""
    from linkgraph.ingest._sex_codes import delimited_letters, file_letters, sex_columns

    columns = sex_columns(mapping, plan)
    if not columns or len(chunk.frame) < min(chunk_rows, 1_000):
        return
    found = None
    if fmt in ("csv", "tsv") and chunk.source == path.name:
        found = delimited_letters(path, chunk.layout, columns)
    if found is None:
        found = file_letters(reopen(), columns)
    for key, seen in found.items():
        state.setdefault(("sex_letters", key), set()).update(seen)


def _first_rows(chunk: Any, n: int) -> Any:
    """``chunk`` (a :class:`~linkgraph.ingest.readers.Chunk`) cut to its first ``n`` rows
    and the reader's rejects of those rows."""
    if len(chunk.frame) <= n:
        return chunk
    rows = chunk.rows[: max(n, 0)]
    last = rows[-1] if len(rows) else 0
    return replace(
        chunk,
        frame=chunk.frame.iloc[: len(rows)].reset_index(drop=True),
        rows=rows,
        rejects=[r for r in chunk.rejects if not _after(r.get("row"), last)],
    )


def _after(row: Any, last: Any) -> bool:
    """Whether ``row`` (a reject's row: a number, or none) comes after row ``last``."""
    try:
        return bool(row > last)
    except TypeError:  # no row (None, <NA>): a problem of the file, kept
        return False


def source_names(
    sources: Sequence[Source],
    existing: dict[str, Any] | None = None,
    case_dir: Path | None = None,
) -> list[str]:
    """The name of each source in the case: its file name, unless another file of the same
    name is read with it; then as much of its path as tells them apart
    (``police/report.csv``, ``ngo/report.csv``).

    The same file read again gets the name it had, so re-ingest replaces its own rows; so
    does a file of the name of one in the case read from another folder (a corrected
    export: its rows keep their mention ids). When the case holds several sources of that
    file name (from one command), which one it replaces is unclear: InputError.

    Examples:
        >>> source_names([Source("a/x.csv", preset="cdr"), Source("b/x.csv", preset="cdr")])
        ['a/x.csv', 'b/x.csv']
        >>> source_names([Source("a/x.csv", preset="cdr"), Source("b/y.csv", preset="cdr")])
        ['x.csv', 'y.csv']
        >>> source_names([Source("x.csv", preset="cdr"), Source("x.csv", preset="people")])
        ['x.csv', 'x.csv [2]']
    """
    known: dict[str, Path] = {}  # name in the case -> the file it came from
    known_sheet: dict[str, str] = {}  # name in the case -> the sheet it was read from
    for info in (existing or {}).get("inputs", []):
        name, path = info.get("name"), info.get("path")
        if name and path:
            base = case_dir if case_dir is not None else Path.cwd()
            known[str(name)] = (base / str(path)).resolve()
            sheets = [v.get("sheet") for v in (info.get("layout") or {}).values()]
            if len(sheets) == 1 and sheets[0]:
                known_sheet[str(name)] = str(sheets[0])
    paths = [Path(name_text(str(Path(s.path).resolve()))) for s in sources]
    # A file's name as the user gave it (a symbolic link's, not its target's, as the
    # reader's warnings name it); which file it is, by ``paths``.
    given = [Path(name_text(os.path.normpath(Path(s.path).absolute()))) for s in sources]
    by_file_name: dict[str, set[Path]] = {}
    by_given_name: dict[str, set[Path]] = {}
    for p, g in zip(paths, given, strict=True):
        by_file_name.setdefault(p.name, set()).add(p)
        by_given_name.setdefault(g.name, set()).add(g)
    for name, p in known.items():
        by_file_name.setdefault(Path(name).name, set()).add(p)
        by_given_name.setdefault(Path(name).name, set()).add(p)
    out = []
    reads = Counter(paths)
    seen: Counter[Path] = Counter()
    for source, p, g in zip(sources, paths, given, strict=True):
        seen[p] += 1
        if source.replaces is not None:  # --replaces: the name of the source it replaces
            out.append(source.replaces)
            continue
        before = [n for n, q in known.items() if q == p]
        sheet = _sheet_of(source) if before or reads[p] > 1 else None
        same_sheet = [n for n in before if sheet is not None and known_sheet.get(n) == sheet]
        if same_sheet:  # this sheet read before: keep its name (re-ingest replaces it)
            out.append(same_sheet[0])
            continue
        if sheet is not None and any(n in known_sheet for n in before):
            # Another sheet of a workbook in the case, through a mapping of its own: a
            # source of its own ("book.xlsx [Suspects]"; not "book.xlsx#Suspects", which is
            # a sheet of a workbook read whole and is replaced with it).
            base = next((n for n in before if " [" not in n), before[0].split(" [")[0])
            out.append(f"{base} [{sheet}]")
            continue
        same_file = [n for n in before if " [" not in n]
        if same_file:  # read before: keep its name
            name = same_file[0]
        elif len(by_file_name[p.name] & set(paths)) == 1 and _earlier(known, p):
            # Another file of this name was ingested before, from another folder: this one
            # replaces it (a corrected export), under its name, so its rows keep their ids.
            name = _earlier(known, p)[0]
        else:
            rivals = by_given_name[g.name] - {g, p}
            depth = 1
            name = g.name
            while rivals and depth < len(g.parts):
                depth += 1
                name = "/".join(g.parts[-depth:])
                rivals = {q for q in rivals if "/".join(q.parts[-depth:]) == name}
                rivals |= {q for n, q in known.items() if n == name and q != p}
        if reads[p] > 1 and seen[p] > 1:
            # One workbook read again through another mapping (a sheet each): its own
            # name, so the two never share a mention id.
            name = f"{name} [{sheet or seen[p]}]"
        out.append(name)
    return out


def _identity_notes(
    sources: Sequence[Source],
    names: Sequence[str],
    existing: dict[str, Any] | None,
    case_dir: Path,
) -> list[dict[str, Any]]:
    """For the manifest entry of each source: the earlier file of another folder it
    replaces (``replaces``), and the files of its name read with it (``same_name_as``)."""
    earlier = {}
    for info in (existing or {}).get("inputs", []):
        if info.get("name") and info.get("path"):
            earlier[str(info["name"])] = (case_dir / str(info["path"])).resolve()
    paths = [Path(name_text(str(Path(s.path).resolve()))) for s in sources]
    notes: list[dict[str, Any]] = []
    for p, name in zip(paths, names, strict=True):
        note: dict[str, Any] = {}
        old = earlier.get(name)
        if old is not None and old != p:
            note["replaces"] = {"name": name, "path": str(old)}
        same = [n for q, n in zip(paths, names, strict=True) if q.name == p.name and q != p]
        if same:
            note["same_name_as"] = same
        notes.append(note)
    return notes


def _earlier(known: dict[str, Path], p: Path) -> list[str]:
    """The sources in the case of file ``p``'s name read from other files (not sheets of a
    workbook read through mappings of their own). More than one (named by their folders,
    read in one command) is an error: which one ``p`` corrects is not known."""
    found = [n for n, q in known.items() if " [" not in n and q != p and q.name == p.name]
    if len(found) > 1:
        raise InputError(
            f"the case holds {len(found)} sources of this file name, read from different"
            f" folders ({', '.join(sorted(found))}): which one this file replaces is unclear",
            source=p.name,
            hint=f"rename the file (e.g. {p.stem}_2{p.suffix}) to add it as a source of its"
            " own, or copy it over the one it corrects and ingest it from there",
        )
    return found


def _sheet_of(source: Source) -> str | None:
    """The sheet a source's mapping reads, if it names one."""
    try:
        sheet = _resolve_mapping(source)[0].sheet
    except (InputError, MappingError):
        return None
    # Several sheets are sources of their own ("book.xlsx#2023"), as a workbook read whole.
    return sheet if isinstance(sheet, str) else None


def _renamed(
    m: pd.DataFrame, lk: pd.DataFrame, rj: pd.DataFrame, name: str
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """A chunk's tables with ``source`` set to ``name`` and ids re-derived from it, so two
    files that share a file name never share a mention or link id."""
    from linkgraph.ingest._ids import hashed_ids, id_bits

    def new_ids(prefix: str, ids: pd.Series) -> pd.Series:
        return hashed_ids(prefix, (name,), id_bits(ids.astype("string")))

    m, lk, rj = m.copy(), lk.copy(), rj.copy()
    if len(m):
        old = m["mention_id"]
        m["mention_id"] = new_ids("m", old).to_numpy()
        remap = pd.Series(m["mention_id"].to_numpy(), index=old.to_numpy())
        m["source"] = name
    else:
        remap = pd.Series(dtype="string")
    if len(lk):
        lk["link_id"] = new_ids("l", lk["link_id"]).to_numpy()
        for end in ("src", "dst"):
            lk[end] = lk[end].map(remap).fillna(lk[end]).to_numpy()
        lk["source"] = name
    if len(rj) and "source" in rj.columns:
        rj["source"] = name
    return m, lk, rj


#: The reject reasons of numbers a spreadsheet may round, and what they are.
_ROUNDED_OF = {
    "phone_invalid": "phones",
    "account_invalid": "accounts",
    "document_invalid": "document numbers",
}


def _rejects_table(items: list[Any]) -> pd.DataFrame:
    """Rejects from a list of dicts and DataFrames, in row order within each source; a
    value read by two slots or links of the mapping (an event's time and its link's, one
    column) is one reject, not one per reading."""
    frames = [f for f in items if isinstance(f, pd.DataFrame) and len(f)]
    dicts = [d for d in items if isinstance(d, dict)]
    if dicts:
        frames.append(pd.DataFrame(dicts))
    if not frames:
        return REJECTS.empty()
    out = pd.concat([REJECTS.conform(f) for f in frames], ignore_index=True).drop_duplicates()
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
    # Read on the distinct sources (a few per case): a table of millions of rows then
    # costs one hash of its column, not a split string per row.
    codes, distinct = pd.factorize(df["source"].astype("string").fillna(""))
    sources = pd.Series(distinct, dtype="string")
    hit = (sources.isin(names) | sources.str.split("#").str[0].isin(names)).to_numpy(bool)
    return pd.Series(hit[codes], index=df.index)


def merge_cases(existing: Case, new: Case) -> Case:
    """``existing`` with ``new`` added; sources that both hold are replaced by ``new``'s.

    Re-ingesting a file (same file name) therefore replaces its earlier mentions, links,
    rejects and manifest entry. Resolution, evidence and metrics are dropped, since the
    mentions they describe changed; what analysts made is kept: ``existing``'s decisions
    (honoured by the next resolve) and its victims' pseudonym key.
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
    if LEGACY_DECISIONS_KEY in existing.manifest:  # an older case's decisions
        merged.manifest[LEGACY_DECISIONS_KEY] = existing.manifest[LEGACY_DECISIONS_KEY]
    return replace(merged, decisions=existing.decisions, pseudonym_key=existing.pseudonym_key)


#: How each ``network.combine`` rule makes one link of a pair's rows, for the summary.
_COMBINED = {"sum": "summed into", "max": "combined by their largest weight into",
             "first": "read by their first row into", "last": "read by their last row into",
             "count": "counted into"}  # fmt: skip


def _network_detail(info: dict[str, Any]) -> str:
    """The summary's words on an edge list's repeated pairs and edges with no weight."""
    detail = ""
    pairs, rows = info.get("repeated_pairs", 0), info.get("repeated_rows", 0)
    rule = info.get("combine", "sum")
    if pairs and rule == "each":
        detail += (
            f"; {rows:,} rows repeat {pairs:,} pair{'s' * (pairs != 1)}, each kept as its own"
            " link (combine: each)"
        )
    elif pairs and rows:
        detail += f"; {rows:,} rows of repeated pairs {_COMBINED.get(rule, 'combined into')}"
        detail += f" {pairs:,} link{'s' * (pairs != 1)} (combine: {rule})"
    elif pairs:  # a manifest written before the rows were counted
        detail += f"; {pairs:,} repeated pair{'s' * (pairs != 1)} combined by {rule}"
    if info.get("unweighted_rows"):
        n = info["unweighted_rows"]
        detail += (
            f"; {n:,} {'edge' if n == 1 else 'edges'} with no weight (blank, or rejected as"
            " weight_invalid), read as weight 1"
        )
    return detail


def ingest_summary(
    case: Case | str | os.PathLike[str],
    *,
    names: Sequence[str] | None = None,
    latest: bool = False,
    readings: bool = False,
) -> str:
    """One line per ingested file: rows read, mentions, links, rejects by reason, and with
    ``readings`` the preset or mapping that read it.

    ``case`` is a Case or a case folder (only its manifest is read). ``names`` (sources'
    names in the case) or ``latest`` (the files of the last ingest) choose the files;
    every file by default.
    """
    from linkgraph.ingest.readers import hidden_summary

    manifest = case.manifest if isinstance(case, Case) else _read_manifest(Path(case))
    if latest:
        steps = [st for st in manifest.get("steps", []) if st.get("stage") == "ingest"]
        names = list(steps[-1].get("files") or []) if steps else []
    lines = []
    for info in manifest.get("inputs", []):
        if names is not None and info.get("name") not in names:
            continue
        reasons = info.get("rejects") or {}
        total = sum(reasons.values())
        detail = f" ({', '.join(f'{k}: {v:,}' for k, v in reasons.items())})" if total else ""
        detail += _network_detail(info)
        if readings:
            detail += _reading_of(info)
        counts = ", ".join(
            counted(n, noun)
            for n, noun in (
                (info.get("rows", 0), "row"),
                (info.get("mentions", 0), "mention"),
                (info.get("links", 0), "link"),
                (total, "reject"),
            )
        )
        lines.append(f"{one_line(str(info['name']))}: {counts}{detail}")
        lines += _identity_lines(info, None if isinstance(case, Case) else Path(case))
        lines += _cell_site_lines(info)
        if info.get("fixed_widths"):
            lines.append(
                f"  read as fixed-width, widths {info['fixed_widths']} (from the columns'"
                " alignment; if a column is cut wrong, `linkgraph mapping suggest FILE`"
                " drafts a mapping with these `widths:` to correct)"
            )
        read_sheets = [
            str(v["sheet"]) for v in (info.get("layout") or {}).values() if v.get("sheet")
        ]
        if len(read_sheets) > 1:
            lines.append(f"  sheets read: {', '.join(map(repr, read_sheets))}")
        for source, layout in (info.get("layout") or {}).items():
            found = (
                [f"header on row {layout['header_row']}"]
                if layout.get("header_row", 1) != 1
                else []
            )
            if preamble := _preamble_summary(layout):
                found.append(preamble)
            if layout.get("sheet") and len(info.get("layout") or {}) == 1:
                found.append(f"sheet {layout['sheet']!r}")
            if layout.get("merged_down"):
                found.append(
                    f"{layout['merged_down']:,} merged cells spanning rows (their value read on"
                    " each row)"
                )
            found += hidden_summary(layout)  # readers: a sheet's hidden columns and rows
            if found:
                lines.append(f"  {one_line(source)}: {', '.join(found)}")
            if layout.get("encoding_guessed"):
                lines.append(
                    f"  {one_line(source)}: text read as {layout['encoding']} (detected; if"
                    " names read wrong, set `encoding:` in the mapping)"
                )
        lines += [f"  warning: {brief(w)}" for w in info.get("warnings") or []]
    return "\n".join(lines)


def _preamble_summary(layout: dict[str, Any]) -> str | None:
    """What the summary says of the rows above the header ("rows 1–4 read as a preamble:
    2 facts (IBAN, Kontoinhaber), 1 title, 1 blank row"), or None without such rows."""
    span = layout.get("preamble_rows")
    if not span:
        return None
    from linkgraph.ingest.readers import row_span

    keys = layout.get("facts") or []
    titles = [k for k in keys if k == "title" or k.removeprefix("title_").isdigit()]
    facts = [k for k in keys if k not in titles]
    parts = []
    if facts:
        parts.append(f"{len(facts)} fact{'s' * (len(facts) > 1)} ({', '.join(facts)})")
    if titles:
        parts.append(f"{len(titles)} title{'s' * (len(titles) > 1)}")
    if blank := layout.get("preamble_blank"):
        parts.append(f"{blank} blank row{'s' * (blank > 1)}")
    if skipped := layout.get("preamble_skipped"):
        parts.append(f"{row_span(skipped)} not read (too wide for a title or a Key;value line)")
    rows = row_span(list(range(span[0], span[1] + 1)))
    return f"{rows} read as a preamble: {', '.join(parts) or 'nothing read'}"


def _identity_lines(info: dict[str, Any], case_dir: Path | None) -> list[str]:
    """The summary's notes on a source's identity: the earlier file it replaces (its
    folder as seen from here; the manifest holds it relative to the case folder), the
    files of its name read with it."""
    lines = []
    replaced = info.get("replaces")
    if replaced:
        path = Path(str(replaced.get("path", "")))
        if case_dir is not None and not path.is_absolute():
            path = Path(os.path.relpath(os.path.normpath(case_dir / path)))
        folder = str(path.parent)
        lines.append(
            f"  replaces the earlier {replaced['name']} (from {folder}/): its mentions, links"
            " and rejects are those of this file now; if it is another file, not a"
            " corrected one, rename it and ingest both again"
        )
    same = info.get("same_name_as")
    if same:
        lines.append(
            f"  read with {', '.join(same)}, of the same file name: each kept as a source of"
            " its own, named by its folder"
        )
    return lines


def _cell_site_lines(info: dict[str, Any]) -> list[str]:
    """The summary's lines on a cell-site list (its cells), and on a CDR positioned by one
    (its calls given a cell's position)."""
    listed = info.get("cell_site_list")
    if listed:
        columns = ", ".join(listed.get("columns") or [])
        return [
            f"  cell-site list: {listed.get('cells', 0):,} cells (columns {columns}), placing"
            " the calls of the CDRs read with it"
        ]
    joined = info.get("cell_sites")
    if joined:
        return [
            f"  {joined.get('positioned', 0):,} calls positioned by their cell"
            f" ({', '.join(joined.get('lists') or [])})"
        ]
    return []


def _reading_of(info: dict[str, Any]) -> str:
    """``; read through the statement preset`` (or ``mapping police_b.yaml``) for a manifest
    input."""
    if info.get("preset"):
        return f"; read through the {info['preset']} preset"
    if info.get("mapping"):
        return f"; read through mapping {Path(str(info['mapping'])).name}"
    return ""
