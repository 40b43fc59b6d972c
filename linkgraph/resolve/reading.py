"""Where :func:`~linkgraph.resolve.resolve` reads the mentions and links of a case.

A Case in memory (built by ``lg.ingest``, or read whole) is read from its frames. A Case
read with only some columns (``Case.read(path, columns=READ_COLUMNS)``, as ``linkgraph
resolve`` reads it) holds little or nothing of its mentions and links: resolution reads
what each step needs from the case folder when it needs it (the person rows' name
columns, then the other rows' identifier columns, then every mention id), a row group at
a time, and lets it go after the step. A million-person case's mentions take over a
gigabyte in memory; no step needs all their columns at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from linkgraph._process_memory import trim_heap
from linkgraph.errors import CaseError
from linkgraph.model import LINKS, MENTIONS, Case, read_rows


class CaseTables:
    """The mention and link columns of ``case``: from its frames, or from its folder
    when the case was read there with some of their columns left out (and the frames
    are those read)."""

    def __init__(self, case: Case) -> None:
        self.mentions = case.mentions
        self.links_frame = case.links
        self.folder: Path | None = None
        self.digest: str | None = None
        origin = case.origin
        self.on_disk: set[str] = set()
        if origin is not None:
            for name, frame in (("mentions", case.mentions), ("links", case.links)):
                file = Path(origin.path) / f"{name}.parquet"
                if name in origin.partial and origin.tables.get(name) is frame and file.is_file():
                    self.on_disk.add(name)
            if self.on_disk:
                self.folder, self.digest = Path(origin.path), origin.digest

    def __len__(self) -> int:
        return len(self.mentions)

    def mention_columns(self) -> list[str]:
        """The mention columns there are (in the file when read from the folder)."""
        if "mentions" not in self.on_disk:
            return list(self.mentions.columns)
        import pyarrow.parquet as pq

        return list(pq.read_schema(self._file("mentions")).names)

    def read(self, columns: Sequence[str], rows: np.ndarray | None = None) -> pd.DataFrame:
        """The mentions' ``columns`` (those there are) of the rows where the boolean array
        ``rows`` holds (all when None), index 0..n-1."""
        frame = self.mentions
        if "mentions" in self.on_disk and any(c not in frame.columns for c in columns):
            return read_rows(self._file("mentions"), columns, rows, MENTIONS)
        frame = frame[[c for c in columns if c in frame.columns]]
        if rows is not None:
            frame = frame[np.asarray(rows, dtype=bool)]
        return frame.reset_index(drop=True)

    def distinct_at_most_one(self, column: str) -> bool:
        """Whether the mentions' ``column`` holds one value in every row (or there are
        none), known without reading it where the case is on disk: every row group's
        Parquet statistics give that value as both its minimum and its maximum, and no
        nulls. False when that cannot be told (then read the column)."""
        if "mentions" not in self.on_disk:
            if column not in self.mentions.columns:
                return False
            values = self.mentions[column]
            return bool(values.notna().all() and values.nunique() <= 1)
        import pyarrow.parquet as pq

        meta = pq.ParquetFile(self._file("mentions")).metadata
        names = [meta.schema.column(i).name for i in range(meta.num_columns)]
        if column not in names:
            return False
        at = names.index(column)
        seen: set[object] = set()
        for g in range(meta.num_row_groups):
            if meta.row_group(g).num_rows == 0:
                continue
            stats = meta.row_group(g).column(at).statistics
            if stats is None or not stats.has_min_max or stats.null_count:
                return False
            seen.update((stats.min, stats.max))
            if len(seen) > 1:
                return False
        return True

    def links(self) -> pd.DataFrame:
        """The links' ends (``src``, ``dst``) and ``kind`` (a person's identifiers are
        those of her holding links, see :func:`~linkgraph.resolve.features.linked_identifiers`)."""
        frame = self.links_frame
        if "links" in self.on_disk and not {"src", "dst", "kind"} <= set(frame.columns):
            return read_rows(self._file("links"), ("src", "dst", "kind"), None, LINKS)
        return frame

    def _file(self, name: str) -> Path:
        """The table's file, after checking that the case is still the one read."""
        from linkgraph._casefs import manifest_digest

        assert self.folder is not None
        if manifest_digest(self.folder) != self.digest:
            raise CaseError(
                f"{self.folder} was changed by another linkgraph command while this one "
                "read it; nothing was written",
                hint="run this command again: it will read the case as it is now",
            )
        return self.folder / f"{name}.parquet"


def give_back_memory() -> None:
    """Return the memory freed by a finished step to the system before the next one:
    Arrow's pool at once (its jemalloc keeps freed pages about a second), and the free
    pages of the C heap (glibc's ``malloc_trim``), where the millions of small objects a
    step freed leave holes the next step's large arrays cannot use. Does nothing where
    neither applies."""
    import pyarrow as pa

    pa.default_memory_pool().release_unused()
    trim_heap()
