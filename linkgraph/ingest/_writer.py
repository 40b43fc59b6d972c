"""CaseWriter: a case folder written table by table, chunk by chunk, then swapped in atomically.

This belongs in ``model.py`` next to :meth:`Case.write` (same files, same schema, same
atomic swap); it lives here until the model owner moves it.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import shutil
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from linkgraph._casefs import (
    _swap_locked,
    case_lock,
    check_target,
    is_temporary,
    portable_manifest,
)
from linkgraph._finished import record_finished
from linkgraph._io import make_temp_dir, output_errors
from linkgraph.entity_ids import keep_previous_ids
from linkgraph.model import ANALYSIS_FILES, DERIVED_TABLES, TABLES, TableSpec, copy_path
from linkgraph.privacy import new_key, read_key, write_key

#: The tables a streaming ingest writes; of the others, the derived ones are dropped from
#: the folder and the analysts' kept (see :data:`~linkgraph.model.ANALYST_TABLES`).
STREAMED = ("mentions", "links", "rejects")

#: Columns with a unique value per row (ids, raw rows, JSON attributes, times, row numbers):
#: Parquet dictionary encoding of these is tried and abandoned page by page, which costs
#: ~30% of the write for nothing. Other columns (types, slots, phones, labels, sources)
#: repeat their values and keep it.
_UNIQUE_PER_ROW = frozenset(
    {"mention_id", "link_id", "src", "dst", "raw", "attrs", "time", "row", "value", "amount",
     "weight"}
)  # fmt: skip


def write_options(schema: pa.Schema) -> dict[str, Any]:
    """ParquetWriter options for a case table: dictionary encoding and statistics only for
    the columns where they pay (see ``_UNIQUE_PER_ROW``), delta encoding for the integer
    and time columns, LZ4 compression."""
    repeated = [n for n in schema.names if n not in _UNIQUE_PER_ROW]
    # Row numbers and times rise from row to row: as deltas (Parquet's DELTA_BINARY_PACKED)
    # a row group's row numbers take a few KB instead of 1.5 MB compressed, and cost
    # less to write than the plain values' compression.
    deltas = {
        f.name: "DELTA_BINARY_PACKED"
        for f in schema
        if f.name in _UNIQUE_PER_ROW
        and (pa.types.is_int64(f.type) or pa.types.is_timestamp(f.type))
    }
    return {
        "use_dictionary": repeated,
        "write_statistics": [*repeated, "row", "time"],
        "column_encoding": deltas,
        # LZ4 (Parquet's LZ4_RAW): ~25% less CPU than Snappy to write a person list's
        # mentions, the same size, and faster to read back. Not for random ids.
        "compression": {n: "none" if n in _RANDOM_IDS else "lz4" for n in schema.names},
    }


def table_schema(spec: TableSpec) -> pa.Schema:
    """The Arrow schema (with pandas metadata) that ``Case.write`` gives a spec's table."""
    return pa.Schema.from_pandas(spec.conform(spec.empty()), preserve_index=False)


def to_arrow(df: pd.DataFrame, spec: TableSpec, schema: pa.Schema) -> pa.Table:
    """``spec.conform(df)`` as an Arrow table, without materialising the missing columns
    in pandas (a chunk of phone mentions leaves 20 of the 29 columns empty)."""
    return _decoded(_arrow_columns(df, spec, schema), schema)


def _arrow_columns(df: pd.DataFrame, spec: TableSpec, schema: pa.Schema) -> list[Any]:
    """The columns of :func:`to_arrow`, with dictionary columns (a mention's ``raw``
    pointing into its chunk's rows) left encoded, for :func:`_decoded`."""
    n = len(df)
    arrays: list[Any] = []
    # One array of nulls per type, shared by the missing columns (Arrow arrays are
    # immutable): each of its own cost a fresh buffer of offsets, 20 times a chunk.
    nulls: dict[pa.DataType, pa.Array] = {}
    for name, dtype in spec.columns.items():
        field = schema.field(name)
        if name not in df.columns:
            if field.type not in nulls:
                nulls[field.type] = pa.nulls(n, field.type)
            arrays.append(nulls[field.type])
            continue
        column = df[name]
        if isinstance(column.dtype, pd.ArrowDtype) and pa.types.is_dictionary(
            column.dtype.pyarrow_dtype
        ):
            arrays.append(pa.chunked_array(pa.array(column.array)))
            continue
        if str(column.dtype) != dtype:
            column = spec.conform(df[[name]])[name]
        # A column concatenated from several frames stays a ChunkedArray: the Parquet
        # writer takes it as it is (the same row groups), without a copy into one chunk.
        arrays.append(pa.array(column, type=field.type, from_pandas=True))
    return arrays


def _decoded(arrays: list[Any], schema: pa.Schema) -> pa.Table:
    """The table of :func:`_arrow_columns`' columns, dictionary columns decoded."""
    arrays = [
        a.cast(f.type) if pa.types.is_dictionary(a.type) else a
        for a, f in zip(arrays, schema, strict=True)
    ]
    return pa.Table.from_arrays(arrays, schema=schema)


#: Columns written with Parquet dictionary encoding straight from their Arrow dictionary
#: (a mention's ``raw``: the mentions of one row share its JSON, see ``build.raw_of_rows``):
#: each chunk's rows are encoded once instead of once per mention, which makes the write
#: ~4x lighter for a person list and the file half the size. The file's stored Arrow schema
#: is the spec's (plain text), so every reader gets the same columns and types as before.
ENCODED = {"mentions": ("raw", "type", "slot", "source"), "links": ("kind", "source")}
#: Of the ``ENCODED`` columns, those that hold one value per chunk of a frame (the
#: mentions of one slot, the links of one kind, the rows of one file): such a chunk's
#: dictionary is made without hashing its rows, and Parquet then writes the one value and
#: a run of its index instead of hashing and measuring each row's text (half the cost of
#: writing those columns).
_CONSTANT_PER_CHUNK = frozenset({"type", "slot", "source", "kind"})

#: Random ids (16 hex digits after a prefix): LZ4 saves only a fifth of their bytes, at
#: twice the CPU of writing them as they are.
_RANDOM_IDS = frozenset({"mention_id", "link_id", "src", "dst"})


def file_schema(name: str, schema: pa.Schema) -> pa.Schema:
    """The schema of table ``name``'s Parquet writer: ``schema`` with the ``ENCODED``
    columns as dictionaries over the same value type."""
    for col in ENCODED.get(name, ()):
        i = schema.get_field_index(col)
        field = schema.field(i)
        schema = schema.set(i, field.with_type(pa.dictionary(pa.int32(), field.type)))
    return schema


def _schema_metadata(schema: pa.Schema) -> dict[bytes, bytes]:
    """The key/value metadata Arrow's Parquet writer stores for ``schema`` (its pandas
    metadata, and the schema itself, serialised and base64-encoded, as ``ARROW:schema``)."""
    meta = dict(schema.metadata or {})
    meta[b"ARROW:schema"] = base64.b64encode(schema.serialize().to_pybytes())
    return meta


def _encoded(table: pa.Table, name: str, schema: pa.Schema) -> pa.Table:
    """``table`` (of the spec's schema, its ``ENCODED`` columns plain or dictionaries) with
    those columns as dictionaries of ``schema``'s types, in one chunk each."""
    arrays = list(table.columns)
    for i, f in enumerate(schema):
        if not pa.types.is_dictionary(f.type):
            continue
        col = arrays[i]
        if not pa.types.is_dictionary(col.type):
            constant = _constant_dictionary(col) if f.name in _CONSTANT_PER_CHUNK else None
            col = pc.dictionary_encode(col) if constant is None else constant
        if col.num_chunks != 1:  # one dictionary per row group (see ENCODED)
            col = pa.chunked_array([col.combine_chunks()])
        arrays[i] = col.cast(f.type)
    return pa.Table.from_arrays(arrays, schema=schema)


def _constant_dictionary(col: pa.ChunkedArray) -> pa.ChunkedArray | None:
    """``col`` as one dictionary array when each of its chunks holds one value (no nulls):
    what ``pc.dictionary_encode`` gives, without hashing every row; else None."""
    values: list[Any] = []
    lengths: list[int] = []
    for chunk in col.chunks:
        if not len(chunk):
            continue
        first = chunk[0]
        if chunk.null_count or not pc.all(pc.equal(chunk, first)).as_py():
            return None
        values.append(first.as_py())
        lengths.append(len(chunk))
    if not values:
        return None
    distinct = list(dict.fromkeys(values))  # in their order, as dictionary_encode has them
    codes = np.repeat(np.array([distinct.index(v) for v in values], np.int32), lengths)
    dictionary = pa.array(distinct, col.type)
    return pa.chunked_array([pa.DictionaryArray.from_arrays(pa.array(codes), dictionary)])


class CaseWriter:
    """Mentions, links and rejects appended chunk by chunk, then swapped into ``path``.

    Parquet row groups are written on background threads, one per table (Arrow releases
    the GIL while it encodes and compresses), so building the next chunk overlaps writing
    this one; at most one write per table waits, which keeps memory bounded. Files in
    ``path`` that are not case tables are kept, as :meth:`Case.write` keeps them, except
    those made from the entities (:data:`~linkgraph.model.ANALYSIS_FILES`).

    Use as a context manager: leaving it with an exception removes the temporary folder
    and leaves ``path`` as it was. The case's writer lock is held from the start to the
    swap, so a second writer of the same case waits instead of losing this one's rows;
    read the existing case only after creating the writer.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.target = Path(path)
        check_target(self.target)
        self._lock = contextlib.ExitStack()
        self._lock.enter_context(case_lock(self.target))
        try:
            with output_errors(self.target):  # named after the case, not the temporary copy
                self.tmp = make_temp_dir(self.target)  # the user's umask applies
        except BaseException:
            self._lock.close()
            raise
        try:
            self._start()
        except BaseException:  # Ctrl-C or SIGTERM before the ``with`` block is entered
            shutil.rmtree(self.tmp, ignore_errors=True)
            self._lock.close()
            raise

    def _start(self) -> None:
        """The writers' schemas, counters and threads."""
        self.schemas = {name: table_schema(TABLES[name]) for name in STREAMED}
        self._file_schemas = {name: file_schema(name, self.schemas[name]) for name in STREAMED}
        self.writers: dict[str, pq.ParquetWriter] = {}
        self.rows = dict.fromkeys(STREAMED, 0)
        # One thread per table: a table's row groups are written in order, and the
        # mentions and links of a chunk are written at the same time.
        self._pools = {
            name: ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"case-writer-{name}")
            for name in STREAMED
        }
        self._pending: list[tuple[str, Future[None]]] = []

    def __enter__(self) -> CaseWriter:
        return self

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        if exc_type is not None:
            self.abort()

    def append(self, name: str, df: pd.DataFrame) -> None:
        """Add the rows of ``df`` (conformed to the table's spec) to table ``name``."""
        if not len(df):
            return
        schema = self.schemas[name]
        arrays = _arrow_columns(df, TABLES[name], schema)
        self.rows[name] += len(df)
        if name not in ENCODED:
            table = pa.Table.from_arrays(arrays, schema=schema)
            self._submit(name, lambda: self._writer(name).write_table(table))
            return

        def job() -> None:
            # Dictionary columns (the mentions' raw rows) are written as they are, on the
            # writer's thread (Arrow releases the GIL): one row group per chunk, whose
            # dictionary page holds each row's text once.
            table = pa.Table.from_arrays(arrays, names=schema.names)
            self._writer(name).write_table(_encoded(table, name, self._file_schemas[name]))

        self._submit(name, job)

    def append_arrow(self, name: str, table: pa.Table) -> None:
        """Add an Arrow table that already has the table's schema."""
        if not table.num_rows:
            return
        self.rows[name] += table.num_rows
        if name not in ENCODED:
            self._submit(name, lambda: self._writer(name).write_table(table))
            return
        # encoded on the writer's thread, as in append
        file_schema = self._file_schemas[name]
        self._submit(
            name, lambda: self._writer(name).write_table(_encoded(table, name, file_schema))
        )

    def copy_filtered(
        self,
        source: Path,
        keep: Callable[[pd.DataFrame], pd.Series],
        *,
        columns: Sequence[str] | None = None,
        batch_rows: int = 200_000,
    ) -> None:
        """Append the tables of the case folder ``source``, row groups at a time, keeping the
        rows where ``keep(frame)`` is true.

        With ``columns`` (the only columns ``keep`` reads), a row group's other columns are
        read only when it keeps rows, and copied in Arrow: re-ingesting a file of a large
        case reads its old rows' sources, not the rows.
        """
        for name in STREAMED:
            file = source / f"{name}.parquet"
            if not file.is_file():
                continue
            pf = pq.ParquetFile(file)
            schema = self.schemas[name]
            as_written = pf.schema_arrow.remove_metadata().equals(schema.remove_metadata())
            if columns is None or not as_written or not set(columns) <= set(schema.names):
                for batch in pf.iter_batches(batch_size=batch_rows):
                    frame = batch.to_pandas()
                    self.append(name, frame[keep(frame).to_numpy(dtype=bool)])
                continue
            for group in range(pf.num_row_groups):
                mask = keep(pf.read_row_group(group, columns=list(columns)).to_pandas())
                mask = mask.to_numpy(dtype=bool)
                if not mask.any():
                    continue
                # batch_rows at a time, as above: a row group Case.write made can hold
                # a million rows.
                start = 0
                for batch in pf.iter_batches(batch_size=batch_rows, row_groups=[group]):
                    part = mask[start : start + batch.num_rows]
                    start += batch.num_rows
                    if part.any():
                        table = pa.Table.from_batches([batch])
                        if not part.all():
                            table = table.filter(pa.array(part))
                        self.append_arrow(name, table.replace_schema_metadata(schema.metadata))
        self._drain(0)
        # The copied pages go back to the system before the new rows are built: where the
        # allocator keeps freed pages (the CLI's ingest, see keep_freed_pages), they would
        # otherwise add to the new rows' peak.
        pa.default_memory_pool().release_unused()

    def close(self, manifest: dict[str, Any]) -> Path:
        """Finish every table, write the manifest and swap the folder into place."""
        try:
            with output_errors(self.target):
                self._finish(manifest)
        except BaseException:
            self.abort()
            raise
        self._lock.close()
        return self.target

    def _finish(self, manifest: dict[str, Any]) -> None:
        """Close every table, copy the files kept, write the manifest, swap it in."""
        self._drain(0)
        for name in STREAMED:
            if name not in self.writers:  # an empty table still gets its file
                pq.write_table(self.schemas[name].empty_table(), self.tmp / f"{name}.parquet")
            else:
                self.writers[name].close()
        for pool in self._pools.values():
            pool.shutdown()
        if self.target.exists():
            # The derived tables go (they describe the mentions as they were), and what
            # was measured on their entities (stability, key players, the graph cache);
            # the analysts' (decisions) and the pseudonym key stay, as every other file.
            case_files = {f"{n}.parquet" for n in DERIVED_TABLES} | {"manifest.json"}
            case_files |= {f"{n}.parquet" for n in STREAMED} | set(ANALYSIS_FILES)
            for item in self.target.iterdir():
                if item.name not in case_files and not is_temporary(item.name):
                    copy_path(item, self.tmp / item.name)
            # The entity ids of the resolution dropped, for the next resolve to say which
            # of them changed (linkgraph.entity_ids).
            keep_previous_ids(self.target, self.tmp)
        if read_key(self.tmp) is None:  # a new case: its victims' pseudonym key
            write_key(self.tmp, new_key())
        (self.tmp / "manifest.json").write_text(
            json.dumps(
                portable_manifest(manifest, self.target),
                indent=2,
                ensure_ascii=False,
                default=str,
            )
            + "\n",
            encoding="utf-8",
        )
        _swap_locked(self.tmp, self.target, False)
        record_finished(self.target)

    def abort(self) -> None:
        """Stop writing and remove the temporary folder; ``path`` is untouched."""
        for _, future in self._pending:
            future.cancel()
        for pool in self._pools.values():
            pool.shutdown(wait=True)
        for writer in self.writers.values():
            with contextlib.suppress(Exception):  # already failing; the folder goes anyway
                writer.close()
        shutil.rmtree(self.tmp, ignore_errors=True)
        self._lock.close()

    def _writer(self, name: str) -> pq.ParquetWriter:
        if name not in self.writers:
            schema = self.schemas[name]
            options = write_options(schema)
            encoded = ENCODED.get(name, ())
            if encoded:
                # The file keeps the spec's schema (plain text) for its readers: Arrow's own
                # record of it is written by hand, as Arrow would write it.
                options["use_dictionary"] = [*options["use_dictionary"], *encoded]
                options["store_schema"] = False
            writer = pq.ParquetWriter(
                self.tmp / f"{name}.parquet", self._file_schemas[name], **options
            )
            if encoded:
                writer.add_key_value_metadata(_schema_metadata(schema))
            self.writers[name] = writer
        return self.writers[name]

    def _submit(self, name: str, job: Callable[[], None]) -> None:
        # One write pending per table: this chunk's mentions are written while the next
        # chunk is built (waiting for them here, before the links, held the main thread
        # for the whole of the mentions' write), and a table's writes never pile up.
        self._drain(0, name)
        self._pending.append((name, self._pools[name].submit(job)))

    def _drain(self, keep: int, name: str | None = None) -> None:
        """Wait until at most ``keep`` writes (of table ``name``, or of any table) are
        pending, re-raising their errors."""
        mine = [p for p in self._pending if name is None or p[0] == name]
        for item in mine[: max(0, len(mine) - keep)]:
            self._pending.remove(item)
            with output_errors(self.target):  # a full disk: named after the case
                item[1].result()
