"""Map layouts, kept beside the case so that ``render`` and ``report`` (which embeds the
map) lay a large graph out once, not once per command.

A seeded Fruchterman-Reingold layout of 50,000 entities takes most of a minute, and it
depends only on what igraph is given: the number of entities, the links between them (in
order), whether they are directed, the seed, and the code that lays them out. The
positions are kept in ``CASE_DIR/layout/<digest>.npy`` under the SHA-256 of exactly that,
so a re-ingest, a new resolution, another view (``--community``, ``--ego``) or another
size cap is another digest and is laid out afresh; a kept file is never wrong for the
graph its name names. Files are written whole or not at all (a temporary file renamed
over it), only the :data:`KEEP` most recently used are kept, and a read-only case folder
only logs a warning.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
from collections.abc import Callable
from pathlib import Path

import igraph as ig
import numpy as np

log = logging.getLogger(__name__)

#: Bump when :func:`linkgraph.render.map.layout` changes its output.
CACHE_FORMAT = 1
CACHE_DIR = "layout"
#: Layouts kept per case (the whole map, the report's, a few views).
KEEP = 4
#: Graphs smaller than this are laid out again each time (a fraction of a second).
MIN_NODES = 2_000


def layout_digest(simple: ig.Graph, seed: int) -> str:
    """The SHA-256 of all that the layout of ``simple`` with ``seed`` depends on."""
    h = hashlib.sha256()
    h.update(
        f"linkgraph-layout {CACHE_FORMAT} igraph {ig.__version__} seed {int(seed)} "
        f"n {simple.vcount()} m {simple.ecount()} directed {simple.is_directed()}\n".encode()
    )
    edges = np.asarray(simple.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    h.update(np.ascontiguousarray(edges).tobytes())
    return h.hexdigest()


def cached_layout(
    folder: str | os.PathLike[str] | None,
    simple: ig.Graph,
    seed: int,
    compute: Callable[[], np.ndarray],
) -> np.ndarray:
    """The layout ``compute()`` gives for ``simple`` and ``seed``, read from ``folder``'s
    cache when kept there, else computed and kept (``folder`` None: always computed)."""
    n = simple.vcount()
    if folder is None or n < MIN_NODES or not Path(folder).is_dir():
        return compute()
    target = Path(folder) / CACHE_DIR
    file = target / f"{layout_digest(simple, seed)}.npy"
    found = _read(file, n)
    if found is not None:
        with contextlib.suppress(OSError):
            os.utime(file)  # recently used: kept by the pruning below
        return found
    coords = compute()
    _write(target, file, coords)
    return coords


def _read(file: Path, n: int) -> np.ndarray | None:
    try:
        coords = np.load(file, allow_pickle=False)
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        log.warning("layout cache %s unreadable (%s); laying the map out again", file, exc)
        return None
    if coords.dtype != np.float64 or coords.shape != (n, 2) or not np.isfinite(coords).all():
        log.warning("layout cache %s malformed; laying the map out again", file)
        return None
    return coords


def _write(target: Path, file: Path, coords: np.ndarray) -> None:
    tmp = target / f"{file.stem}.{os.getpid()}.tmp.npy"
    try:
        target.mkdir(exist_ok=True)
        np.save(tmp, np.ascontiguousarray(coords, dtype=np.float64), allow_pickle=False)
        os.replace(tmp, file)
    except OSError as exc:  # a read-only case folder: not kept
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        log.warning("cannot keep the map layout in %s: %s", target, exc)
        return
    _prune(target)


def _prune(target: Path) -> None:
    """Remove all but the :data:`KEEP` most recently used layouts."""
    try:
        kept = sorted(
            (p for p in target.glob("*.npy") if ".tmp" not in p.name),
            key=lambda p: p.stat().st_mtime_ns,
            reverse=True,
        )
    except OSError:
        return
    for old in kept[KEEP:]:
        with contextlib.suppress(OSError):
            old.unlink()
