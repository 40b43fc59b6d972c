"""The built entity graph, kept so that analyze, render, report, ego, path and keyplayers
build it once per case.

Two layers:

- in memory, the graph of the last case asked for, reused while that case's mentions,
  links and resolution are the same table objects (stages never change a table in
  place; they make new ones, so a new table means a new graph);
- on disk, ``CASE_DIR/graph/`` (``nodes.arrow``, ``edges.arrow``, ``key.json``; Arrow IPC
  files, LZ4-compressed: 4x faster to write than Parquet, and the cache is not for sharing),
  valid while the SHA-256 of ``mentions.parquet``, ``links.parquet`` and
  ``resolution.parquet`` are those recorded in ``key.json``: re-ingesting, resolving
  again or editing a table by any tool changes a hash, and the graph is built afresh.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.feather as feather

from linkgraph._frame_memo import FrameMemo
from linkgraph._io import make_temp_dir
from linkgraph.errors import OutputError
from linkgraph.graph import NODE_COLUMNS, EntityGraph, _assemble, build_graph
from linkgraph.model import Case, file_sha256, folder_version, replace_folder

log = logging.getLogger(__name__)

#: Bump when the build's output changes, so caches written by older code are not used.
CACHE_FORMAT = 5  # 3: links' currency; 4: a report seen twice counts once; 5: labels
CACHE_DIR = "graph"
_UPSTREAM = ("mentions", "links", "resolution")

#: The graph last built or read, by the tables it was made from.
_last: FrameMemo[EntityGraph] = FrameMemo(1)
#: Cases whose text was redacted for an output (:func:`linkgraph.redact.redact_case`), by
#: their tables, with their graph once built: never read from nor written to the disk
#: cache, which holds the case as it is.
_redacted: FrameMemo[list[EntityGraph]] = FrameMemo(2)


def remember_redacted(case: Case, graph: EntityGraph | None = None) -> None:
    """Mark ``case`` as a redacted copy for outputs: :func:`case_graph` gives ``graph``
    (when known), else builds it from the case's own tables, and keeps it off the disk
    cache."""
    frames = (case.mentions, case.links, case.resolution)
    _redacted.put(frames, [] if graph is None else [graph])


def held_graph(case: Case) -> EntityGraph | None:
    """The graph of ``case`` if it is the one held in memory, else None (nothing built)."""
    frames = (case.mentions, case.links, case.resolution)
    return _last.get(frames)


def is_redacted(case: Case) -> bool:
    """Whether ``case`` was marked by :func:`remember_redacted`."""
    return _held_redacted(case) is not None


def _held_redacted(case: Case) -> list[EntityGraph] | None:
    frames = (case.mentions, case.links, case.resolution)
    return _redacted.get(frames)


def case_graph(
    case: Case, case_dir: str | os.PathLike[str] | None = None, *, warn_unresolved: bool = True
) -> EntityGraph:
    """The entity graph of ``case`` (as :func:`~linkgraph.graph.build_graph` makes it),
    built at most once.

    Args:
        case: the case; when ``case_dir`` is given, what ``Case.read(case_dir)`` returned.
        case_dir: the case folder; its cached graph is used when still valid, else the
            graph is built and cached there (a read-only folder only logs a warning).
        warn_unresolved: warn when the case is not resolved (:func:`warn_if_unresolved`);
            off where the graph only serves to find whom to protect.
    """
    redacted = _held_redacted(case)
    if redacted is not None:
        if not redacted:
            redacted.append(build_graph(case))
        return redacted[0]
    if warn_unresolved:
        warn_if_unresolved(case)
    frames = (case.mentions, case.links, case.resolution)
    graph = _last.get(frames)
    folder = None if case_dir is None else Path(case_dir)
    key = None if folder is None else _folder_key(case, folder)
    if graph is None and folder is not None and key is not None:
        graph = read_graph_cache(folder, key)
    built = graph is None  # also when the cache was unreadable: it is written again
    if graph is None:
        graph = build_graph(case)
    if folder is not None and key is not None and (built or not _cache_matches(folder, key)):
        write_graph_cache(graph, folder, key)
    _last.put(frames, graph)
    if graph.case is None:  # read from the folder's cache: the case it is the graph of
        object.__setattr__(graph, "case", case)
    return graph


def warn_if_unresolved(case: Case) -> None:
    """A :class:`~linkgraph.errors.CaseWarning` when ``case`` has mentions and no
    resolution: each mention is then its own entity, so the same phone or person from two
    files is not joined."""
    if case.resolution is None and len(case.mentions):
        import warnings

        from linkgraph._user_warnings import user_stacklevel
        from linkgraph.errors import CaseWarning

        warnings.warn(
            "the case is not resolved: each mention is its own entity (the same person or"
            " phone from two files is not joined); run `linkgraph resolve CASE` first",
            CaseWarning,
            stacklevel=user_stacklevel(),
        )


def _folder_key(case: Case, folder: Path) -> dict[str, Any] | None:
    """The folder's cache key, or None when the folder no longer holds ``case`` (another
    command wrote it since ``case`` was read): a graph built from ``case`` must not be
    cached, or read, under the key of tables it was not built from."""
    from linkgraph._casefs import manifest_digest

    if case.origin is None or Path(case.origin.path) != folder.resolve():
        return _upstream_key(folder)
    before = (manifest_digest(folder), folder_version(folder))
    key = _upstream_key(folder)
    if before != (manifest_digest(folder), folder_version(folder)):
        return None  # written while its tables were hashed
    if before[0] != case.origin.digest:
        return None
    if case.origin.version is not None and before[1] != case.origin.version:
        return None
    return key


def _upstream_key(case_dir: Path) -> dict[str, Any]:
    """What the graph depends on: the upstream tables' hashes and the cache format."""
    tables = {}
    for name in _UPSTREAM:
        file = case_dir / f"{name}.parquet"
        tables[name] = file_sha256(file) if file.is_file() else None
    return {"format": CACHE_FORMAT, "tables": tables}


def _cache_matches(case_dir: Path, key: dict[str, Any]) -> bool:
    try:
        stored = json.loads((case_dir / CACHE_DIR / "key.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return bool(stored == key)


def read_graph_cache(case_dir: Path, key: dict[str, Any] | None = None) -> EntityGraph | None:
    """The graph cached in ``case_dir``, or ``None`` when absent or out of date."""
    key = _upstream_key(case_dir) if key is None else key
    if not _cache_matches(case_dir, key):
        return None
    folder = case_dir / CACHE_DIR
    try:
        nodes = feather.read_feather(folder / "nodes.arrow").set_index("entity_id")
        edges = feather.read_feather(folder / "edges.arrow")
    except (OSError, ValueError, KeyError, pa.ArrowException) as exc:  # rebuilt, not fatal
        log.warning("graph cache in %s unreadable (%s); rebuilding it", folder, exc)
        return None
    missing = [c for c in NODE_COLUMNS if c not in nodes.columns]
    if missing:  # another program's, or edited: its victims would not be known
        log.warning("graph cache in %s lacks %s; rebuilding it", folder, ", ".join(missing))
        return None
    nodes.index = nodes.index.astype("string").rename("entity_id")
    s = edges.pop("src_pos").to_numpy(dtype=np.int64)
    t = edges.pop("dst_pos").to_numpy(dtype=np.int64)
    return _assemble(nodes, edges, positions=(s, t))


def write_graph_cache(graph: EntityGraph, case_dir: Path, key: dict[str, Any]) -> None:
    """Write ``graph`` to ``case_dir/graph/`` (atomically) with its ``key``."""
    folder = case_dir / CACHE_DIR
    try:
        # Named with this process's id, so a later writer removes it if this one is killed.
        tmp = make_temp_dir(folder)
    except OSError as exc:
        log.warning("cannot cache the graph in %s: %s", case_dir, exc)
        return
    try:
        feather.write_feather(graph.nodes.reset_index(), tmp / "nodes.arrow", compression="lz4")
        c = graph._codes
        edges = graph.edges.assign(src_pos=c.src, dst_pos=c.dst)
        feather.write_feather(edges, tmp / "edges.arrow", compression="lz4")
        (tmp / "key.json").write_text(json.dumps(key, indent=2) + "\n", encoding="utf-8")
        replace_folder(tmp, folder)
    except (OSError, OutputError) as exc:  # a read-only case folder: not cached
        shutil.rmtree(tmp, ignore_errors=True)
        log.warning("cannot cache the graph in %s: %s", case_dir, exc)
