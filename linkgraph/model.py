"""The Case: mentions, links, rejects, resolution, evidence and metrics, on disk as Parquet."""

from __future__ import annotations

import contextlib
import errno
import functools
import hashlib
import json
import os
import shutil
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import pandas as pd

from linkgraph._finished import record_finished
from linkgraph._io import _about_output, make_temp_dir, output_errors, write_error
from linkgraph.errors import CaseError, CaseMissingError, LinkgraphError
from linkgraph.privacy import KEY_FILE, case_key, new_key, read_key, write_key

FORMAT_VERSION = 1


def _case_key_warned(folder: Path) -> bytes:
    """The pseudonym key of the case ``folder`` (:func:`~linkgraph.privacy.case_key`),
    with a :class:`~linkgraph.errors.CaseWarning` when a written case had lost its key
    file: every case write stores one, so its victims' pseudonyms change now."""
    if read_key(folder) is not None or not (folder / "manifest.json").is_file():
        return case_key(folder)
    key = case_key(folder)
    import warnings

    from linkgraph._user_warnings import user_stacklevel
    from linkgraph.errors import CaseWarning

    warnings.warn(_new_key_message(folder), CaseWarning, stacklevel=user_stacklevel())
    return key


def _new_key_message(folder: Path) -> str:
    """What a lost ``pseudonym.key`` changed and how to get the old pseudonyms back."""
    import click

    context = click.get_current_context(silent=True)
    command = f"`linkgraph {context.info_name}`" if context is not None else "this read"
    return (
        f"{folder} had no {KEY_FILE} (deleted, or the case was copied without it): "
        f"{command} made a new one, so every victim's pseudonym (Victim-...) is new and "
        "the ones in earlier maps, exports, notes and partner requests no longer apply. "
        f"To get them back, copy the original {KEY_FILE} (from a backup or the folder "
        f"this case was copied from) over {folder / KEY_FILE} before the next command"
    )


@functools.lru_cache(maxsize=64)
def _empty_frame(columns: tuple[tuple[str, str], ...]) -> pd.DataFrame:
    """The empty frame of :meth:`TableSpec.empty` for ``columns`` (name, dtype): not to be
    changed (callers get copies)."""
    return pd.DataFrame({c: pd.Series(dtype=d) for c, d in columns})


@dataclass(frozen=True, slots=True)
class TableSpec:
    """The name of a case table and its columns with pandas dtypes."""

    name: str
    columns: Mapping[str, str]
    required: tuple[str, ...] = ()
    #: Whether a file of this table must hold every column of the spec (every case
    #: linkgraph wrote does), but those of ``added_later``: a file lacking one is
    #: refused, never filled with nulls. True for the tables victims' protection and the
    #: analysis read (a mentions table without ``role`` would name every victim).
    complete: bool = False
    #: Columns added in a later version that a file written before may lack (filled
    #: with nulls): only columns whose nulls can never unprotect a victim.
    added_later: tuple[str, ...] = ()
    #: Columns whose nulls leave victims unprotected: a frame built in memory
    #: (``Case(...)``, :meth:`Case.with_tables`) lacking one is refused, as a file is.
    protecting: tuple[str, ...] = ()

    def stored_columns(self) -> tuple[str, ...]:
        """The columns a file of this table must hold: all but ``added_later`` when the
        table is ``complete``, else the ``required`` ones."""
        if not self.complete:
            return self.required
        return tuple(c for c in self.columns if c not in self.added_later)

    def empty(self) -> pd.DataFrame:
        """An empty frame with every column of the spec, correctly typed (a new frame at
        each call: a copy of one made once, as making it costs ~10 ms a call)."""
        return _empty_frame(tuple(self.columns.items())).copy()

    def conform(self, df: pd.DataFrame) -> pd.DataFrame:
        """Add missing columns as nulls, cast to the spec's dtypes, spec columns first.

        Columns that are not in the spec are kept after the spec's columns.
        """
        out = df.copy()
        missing = {}
        for col, dtype in self.columns.items():
            if col not in out.columns:
                missing[col] = pd.Series(None, index=out.index, dtype=dtype)
            elif str(out[col].dtype) != dtype:
                out[col] = _cast(out[col], dtype)
        if missing:  # added at once: a column at a time copies the frame's blocks each time
            out = pd.concat([out, pd.DataFrame(missing, index=out.index)], axis=1)
        extra = [c for c in out.columns if c not in self.columns]
        return out[list(self.columns) + extra].reset_index(drop=True)


def _cast(series: pd.Series, dtype: str) -> pd.Series:
    if dtype.startswith("datetime64"):
        return pd.to_datetime(series, utc=True, errors="coerce").astype(dtype)
    if dtype in ("float64", "Float64"):
        return pd.to_numeric(series, errors="coerce").astype(dtype)
    return series.astype(dtype)


#: One row per entity seen in one source row.
MENTIONS = TableSpec(
    "mentions",
    {
        "mention_id": "string",  # "m:" + hash(source, row, slot): stable across re-ingests
        "type": "string",  # an ENTITY_TYPES name
        "slot": "string",  # the mapping's name for this entity within the row ("caller")
        "label": "string",  # display text
        "name": "string",  # full name as written (person, organisation)
        "given_name": "string",
        "family_name": "string",
        "name_latin": "string",  # folded, transliterated, lower-case: for matching
        "dob": "string",  # ISO date YYYY-MM-DD (or YYYY / YYYY-MM when partial)
        "sex": "string",
        "nationality": "string",  # ISO 3166 alpha-2
        "country": "string",  # ISO 3166 alpha-2
        "city": "string",
        "postcode": "string",
        "address": "string",
        "phone": "string",  # E.164 where valid, else the raw value (flagged)
        "email": "string",
        "account": "string",  # canonical IBAN / account number
        "plate": "string",
        "document": "string",  # passport / id number, canonical
        "identifier": "string",  # the resolving key of identifier types (phone, email, ...)
        "role": "string",  # role from the data: suspect, victim, recruiter, ...
        "time": "datetime64[ns, UTC]",
        "attrs": "string",  # JSON object of further normalised fields
        "flags": "string",  # ";"-separated normalisation flags (e.g. "phone_invalid")
        "raw": "string",  # JSON object: the original columns of the source row
        "source": "string",
        "agency": "string",
        "row": "Int64",  # 1-based data row in the source (header excluded)
    },
    required=("mention_id", "type", "source", "row"),
    complete=True,
    protecting=("role",),
)

#: One row per relationship seen in one source row.
LINKS = TableSpec(
    "links",
    {
        "link_id": "string",
        "src": "string",  # mention_id
        "dst": "string",  # mention_id
        "kind": "string",  # a LINK_KINDS name
        "time": "datetime64[ns, UTC]",
        "amount": "float64",
        "currency": "string",
        "weight": "float64",
        "attrs": "string",
        "source": "string",
        "agency": "string",
        "row": "Int64",
    },
    required=("link_id", "src", "dst", "kind"),
    complete=True,
)

#: Rows or values that could not be used, with the reason. ``level`` is "row" when the
#: whole row made nothing, "value" when one value was kept raw and flagged.
REJECTS = TableSpec(
    "rejects",
    {
        "source": "string",
        "row": "Int64",
        "column": "string",
        "reason": "string",
        "value": "string",
        "level": "string",
    },
    required=("source", "reason"),
)

#: mention_id -> entity_id.
RESOLUTION = TableSpec(
    "resolution",
    {"mention_id": "string", "entity_id": "string"},
    required=("mention_id", "entity_id"),
    complete=True,
)

#: The scored pairs behind resolution decisions.
EVIDENCE = TableSpec(
    "evidence",
    {
        "left": "string",  # mention_id
        "right": "string",  # mention_id
        "type": "string",
        "match_probability": "float64",
        "match_weight": "float64",
        "rule": "string",  # blocking rule or strong-identifier rule that paired them
        "decision": "string",  # match, non_match, must_link, cannot_link
        # JSON: {field: {"similarity": s, "level": l, "weight": w}}, a field missing on a
        # side null (resolve.evidence.read_fields reads it back as level "null")
        "fields": "string",
    },
    required=("left", "right", "decision"),
)

#: Analysts' decisions on pairs of mentions (who, when, why), oldest first: resolution
#: honours the newest decision on each pair (see :mod:`linkgraph.resolve.overrides`).
DECISIONS = TableSpec(
    "decisions",
    {
        "left": "string",  # mention_id
        "right": "string",  # mention_id
        "decision": "string",  # must_link or cannot_link (linkgraph.schema.Decision)
        "analyst": "string",  # who decided ("" when not known)
        "decided_at": "datetime64[ns, UTC]",  # when (null when not known)
        "note": "string",  # why, in the analyst's words
        "source": "string",  # where it came from: the CSV's name, or "manifest" (migrated)
        # What each side was about when decided, so that a decision follows its record when
        # a corrected file moves the rows (mention ids are positional) and is set aside
        # when the record is gone: the mention's source, slot, row and label, and its
        # fingerprint (linkgraph.resolve.overrides.mention_prints, keyed with the case's
        # pseudonym key; bare SHA-256 in decisions written before). Null in decisions
        # written before these columns (their fingerprints are taken on the next resolve).
        "left_source": "string",
        "left_slot": "string",
        "left_row": "Int64",
        "left_label": "string",  # a victim's as "a victim" (the warnings print it)
        "left_print": "string",
        # The record's identity (a hash of its type, slot, label, name, date of birth,
        # identifiers and record id) and a short hash of each of its columns, as JSON
        # {"identity": ..., "columns": {...}} (linkgraph.resolve.overrides.mention_fields):
        # a record a corrected file changed only in other columns is followed, and the
        # warning names the columns that changed. Null in decisions written before.
        "left_fields": "string",
        "right_source": "string",
        "right_slot": "string",
        "right_row": "Int64",
        "right_label": "string",
        "right_print": "string",
        "right_fields": "string",
    },
    required=("left", "right", "decision"),
)

#: The manifest key where cases written before the ``decisions`` table kept their
#: analysts' decisions (a list of {left, right, decision, note}); read as that table.
LEGACY_DECISIONS_KEY = "resolve_overrides"

#: One row per entity: measures named after their networkx functions, and ``community``.
METRICS = TableSpec(
    "metrics",
    {"entity_id": "string", "label": "string", "type": "string"},
    required=("entity_id",),
)

#: The key-player curve ``analyze`` measures: one row per removal step (0 = intact).
KEY_PLAYERS = TableSpec(
    "key_players",
    {
        "step": "Int64",
        "entity_id": "string",  # removed at this step ("" at step 0)
        "lcc_fraction": "float64",  # largest connected group / the intact one
        "lcc_size": "Int64",
        "components": "Int64",
        "by": "string",  # the measure recomputed after each removal
    },
    required=("step", "entity_id", "lcc_fraction"),
)

#: One row per community: size, types, countries, density, its leading members.
COMMUNITIES = TableSpec(
    "communities",
    {
        "community": "Int64",
        "size": "Int64",
        "types": "string",  # "person:12;phone:30" most frequent first
        "countries": "string",  # "FR:3;RO:2" most frequent first
        "edges": "Int64",
        "density": "float64",
        "central": "string",  # entity ids of the leading members, ";"-joined
        "by": "string",  # the measure that ranks them
    },
    required=("community", "size"),
)

#: One row per distinct place string of the case, geocoded or not (``linkgraph routes``).
PLACES = TableSpec(
    "places",
    {
        "value": "string",  # the string as written
        "field": "string",  # nationality, country, city, place, from, to
        "mentions": "Int64",
        # "country:UA", "city:<GeoNames id>", "island:Lesvos" (geo._islands); null: not found
        "place_id": "string",
        "kind": "string",
        "name": "string",
        "country": "string",
        "lat": "float64",
        "lon": "float64",
        "matched": "string",  # the part of the string that named the place
    },
    required=("value", "place_id"),
)

#: One row per movement: a person's route, a crossing, a call, a transfer, a reported flow.
MOVEMENTS = TableSpec(
    "movements",
    {
        "movement_id": "string",
        "kind": "string",  # victim, person, crossing, call, transfer, reported
        "entity_id": "string",
        "other_id": "string",
        "victim": "boolean",
        "origin_country": "string",
        "transit_countries": "string",  # ";"-joined
        "destination_country": "string",
        "origin_city": "string",
        "destination_city": "string",
        "origin_place": "string",
        "transit_places": "string",
        "destination_place": "string",
        "first": "datetime64[ns, UTC]",
        "last": "datetime64[ns, UTC]",
        "amount": "float64",
        "currency": "string",
        "weight": "float64",  # times a reported flow was reported; 1 otherwise
        "basis": "string",  # where the origin, transit and destination were read from
        "rows": "string",  # JSON list of "source:row"
    },
    required=("movement_id", "kind"),
)

#: Flows origin -> transit -> destination, by country and by city.
FLOWS = TableSpec(
    "flows",
    {
        "level": "string",
        "origin": "string",
        "transit": "string",
        "destination": "string",
        "victims": "Int64",
        "persons": "Int64",
        "reports": "Int64",
        "calls": "Int64",
        "transfers": "Int64",
        "money": "string",  # JSON, per currency: {"MDL": 2000.5, "EUR": 1500.0, "unknown": 300.0}
        "first": "datetime64[ns, UTC]",
        "last": "datetime64[ns, UTC]",
        "movements": "Int64",
        "entities": "string",
        "rows": "string",
    },
    required=("level", "origin", "destination"),
)

#: Places ranked by the movements through them.
HOTSPOTS = TableSpec(
    "hotspots",
    {
        "level": "string",
        "place": "string",
        "name": "string",
        "inflow": "Int64",
        "outflow": "Int64",
        "transit": "Int64",
        "throughput": "Int64",
        "victims_in": "Int64",
        "victims_out": "Int64",
        "victims_through": "Int64",
        "betweenness": "float64",
    },
    required=("level", "place"),
)

TABLES: Mapping[str, TableSpec] = {
    t.name: t
    for t in (
        MENTIONS, LINKS, REJECTS, RESOLUTION, EVIDENCE, DECISIONS, METRICS, KEY_PLAYERS,
        COMMUNITIES, PLACES, MOVEMENTS, FLOWS, HOTSPOTS,
    )
}  # fmt: skip
_OPTIONAL = (
    "resolution", "evidence", "decisions", "metrics", "key_players", "communities",
    "places", "movements", "flows", "hotspots",
)  # fmt: skip
#: The tables a Case may lack (``None`` until the stage that makes them has run).
OPTIONAL_TABLES: tuple[str, ...] = _OPTIONAL
#: The tables analysts make (not derived from the sources): an ingest into an existing
#: case keeps them, where it drops the derived ones (resolution, evidence, metrics, ...).
ANALYST_TABLES: tuple[str, ...] = ("decisions",)
#: The tables derived from the mentions by resolve and analyze: dropped when the mentions
#: change (an ingest), since they describe the mentions as they were.
DERIVED_TABLES: tuple[str, ...] = tuple(t for t in _OPTIONAL if t not in ANALYST_TABLES)
#: The tables made from the entities (``analyze``: metrics, key players, communities;
#: ``routes``: places, movements, flows, hotspots): stale once the mentions, links or
#: their resolution change (see :meth:`Case.without_analysis`).
ANALYSIS_TABLES: tuple[str, ...] = (
    "metrics", "key_players", "communities", "places", "movements", "flows", "hotspots",
)  # fmt: skip
#: The files beside the tables made from the entities (``linkgraph stability``,
#: ``linkgraph keyplayers``, the graph and map layout caches): :meth:`Case.write` leaves
#: them out when the mentions, links or resolution it writes are not those the folder held.
ANALYSIS_FILES: tuple[str, ...] = (
    "stability.parquet", "keyplayers.csv", "graph", "layout",
)  # fmt: skip
_UPSTREAM = ("mentions", "links", "resolution")
#: The files :meth:`Case.write` writes itself; other files in a case folder are kept.
_CASE_FILES = frozenset({f"{n}.parquet" for n in TABLES} | {"manifest.json", KEY_FILE})


def validate_table(df: pd.DataFrame, spec: TableSpec) -> None:
    """Raise CaseError naming the columns of ``spec.required`` that ``df`` lacks."""
    missing = [c for c in spec.required if c not in df.columns]
    if missing:
        raise CaseError(
            f"table {spec.name!r} lacks required column(s): {', '.join(missing)}",
            hint="build it with the stage functions, or add the columns",
        )


def stable_id(prefix: str, *parts: object) -> str:
    """A short, stable id from the parts: ``prefix:`` + 16 hex digits of SHA-256."""
    text = "\x1f".join("" if p is None else str(p) for p in parts)
    return f"{prefix}:{hashlib.sha256(text.encode('utf-8')).hexdigest()[:16]}"


def file_sha256(path: str | os.PathLike[str]) -> str:
    """SHA-256 of a file's bytes, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


_VERSIONED = (
    "linkgraph", "pandas", "pyarrow", "numpy", "networkx", "python-igraph",
    "rapidfuzz", "scipy", "click",
)  # fmt: skip


def package_versions() -> dict[str, str]:
    """Installed versions of linkgraph and the packages that shape its results, and the
    exact revision of linkgraph's code where it is known (``linkgraph_revision``: the git
    commit of the checkout it runs from, or what the installer recorded:
    :func:`linkgraph._revision.code_revision`)."""
    return dict(_package_versions())


@functools.cache
def _package_versions() -> dict[str, str]:
    """Read once per process: reading distribution metadata costs ~10 ms a call."""
    from linkgraph._revision import code_revision

    versions = {}
    for name in _VERSIONED:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
        if name == "linkgraph" and code_revision() is not None:
            versions["linkgraph_revision"] = str(code_revision())
    return versions


def now_iso() -> str:
    """The current UTC time, ISO 8601 to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def new_manifest() -> dict[str, Any]:
    """A fresh manifest: format, versions, timestamps, and empty inputs/config/seeds/steps."""
    stamp = now_iso()
    return {
        "format_version": FORMAT_VERSION,
        "created": stamp,
        "updated": stamp,
        "versions": package_versions(),
        "inputs": [],
        "config": {},
        "seeds": {},
        "steps": [],
    }


#: Reads of a case folder that another command keeps swapping before one is consistent.
_READ_ATTEMPTS = 20


def folder_version(folder: Path) -> tuple[int, int] | None:
    """Which write of a case folder is in place: every write puts a new manifest file
    (a new inode) in, whatever its content."""
    try:
        st = (folder / "manifest.json").stat()
    except OSError:
        return None
    return st.st_ino, st.st_mtime_ns


def _all_null(file: Path, keep: Sequence[str]) -> set[str]:
    """Columns of a parquet file that its statistics show hold only nulls (none of
    ``keep``): a narrowed read (``Case.read(columns=...)``) leaves them out, as it does a
    column the file lacks. A column of four million nulls still costs some 30 MB."""
    import pyarrow.parquet as pq

    meta = pq.ParquetFile(file).metadata
    if meta.num_row_groups == 0:
        return set()
    out = set()
    for i in range(meta.num_columns):
        name = meta.schema.column(i).path
        if name in keep or "." in name:
            continue
        for rg in range(meta.num_row_groups):
            group = meta.row_group(rg)
            stats = group.column(i).statistics
            if stats is None or not stats.has_null_count or stats.null_count != group.num_rows:
                break
        else:
            out.add(name)
    return out


def read_rows(
    file: Path, columns: Sequence[str], keep: Any = None, spec: TableSpec | None = None
) -> pd.DataFrame:
    """Some columns of a case table's parquet file, only the rows where the boolean array
    ``keep`` holds (all when None), in file order, index 0..n-1.

    Read a row group at a time and filtered at once, so the rows left out are never all
    in memory; the columns the file lacks or holds only nulls of (statistics) are left
    out, as :meth:`Case.read` leaves them out. Strings are pandas' Arrow-backed
    ``string``; a column whose dtype differs from ``spec``'s is cast to it.
    """
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    spec = spec if spec is not None else TABLES.get(file.stem)
    with corrupt_table_errors(file):
        pf = pq.ParquetFile(file)
        required = spec.required if spec is not None else ()
        present = set(pf.schema_arrow.names) - _all_null(file, required)
    if spec is not None:
        check_stored_columns(file, spec, pf.schema_arrow.names)
    names = [c for c in dict.fromkeys(columns) if c in present]
    mask = None if keep is None else np.asarray(keep, dtype=bool)
    if mask is not None and len(mask) != pf.metadata.num_rows:
        raise ValueError(f"keep has {len(mask):,} values for {pf.metadata.num_rows:,} rows")
    pieces = []
    start = 0
    for group in range(pf.num_row_groups):
        size = pf.metadata.row_group(group).num_rows
        sel = None if mask is None else mask[start : start + size]
        start += size
        if sel is not None and not sel.any():
            continue
        with corrupt_table_errors(file):
            piece = pf.read_row_group(group, columns=names)
        if sel is not None and not sel.all():
            piece = piece.filter(pa.array(sel))
        pieces.append(piece)
    schema = pa.schema([pf.schema_arrow.field(c) for c in names])
    table = pa.concat_tables(pieces) if pieces else schema.empty_table()
    text = pd.StringDtype("pyarrow")
    mapper = {pa.large_string(): text, pa.string(): text}.get
    df = table.to_pandas(types_mapper=mapper, ignore_metadata=True)
    del table, pieces
    if spec is not None:
        for col in df.columns:
            dtype = spec.columns.get(col)
            if dtype is not None and str(df[col].dtype) != dtype:
                df[col] = _cast(df[col], dtype)
    return df


@contextlib.contextmanager
def corrupt_table_errors(file: Path) -> Iterator[None]:
    """Inside, a case table ``file`` that Arrow cannot read (not a Parquet file, cut
    short, its footer damaged) raises a CaseError naming it and how to remake it, not
    Arrow's words. A missing file still raises FileNotFoundError (:meth:`Case.read` reads
    again when another command swapped the folder meanwhile)."""
    import pyarrow as pa

    try:
        yield
    except FileNotFoundError:
        raise
    except (pa.ArrowException, OSError) as exc:
        what = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        kind = "not a Parquet file" if "magic bytes" in what else what
        raise CaseError(f"{file} is corrupt ({kind})", hint=_remake_hint(file.stem)) from exc


#: The command that writes each case table again.
_MADE_BY = {
    **dict.fromkeys(("mentions", "links", "rejects"), "ingest"),
    **dict.fromkeys(("resolution", "evidence"), "resolve"),
    **dict.fromkeys(("metrics", "key_players", "communities"), "analyze"),
    **dict.fromkeys(("places", "movements", "flows", "hotspots"), "routes"),
    "stability": "stability",
}


def _remake_hint(table: str) -> str:
    """How to get a corrupt case table back: re-run the command that writes it, or
    restore it from a copy (the analysts' decisions only exist in the folder)."""
    command = _MADE_BY.get(table)
    if command is None:
        return "restore it from a copy of the case folder (or delete it)"
    return f"re-run `linkgraph {command}` (or restore it from a copy of the case folder)"


def check_stored_columns(file: Path, spec: TableSpec, names: Sequence[str]) -> None:
    """Raise a CaseError naming ``file`` and the columns of
    :meth:`TableSpec.stored_columns` its ``names`` lack (an older or another program
    wrote it, or a hand edit dropped them): filled with nulls, a missing ``role`` would
    name every victim."""
    missing = [c for c in spec.stored_columns() if c not in names]
    if not missing:
        return
    listed = ", ".join(repr(c) for c in missing)
    plural = "s" if len(missing) > 1 else ""
    raise CaseError(
        f"{file} has no {listed} column{plural}: written by an older linkgraph or another "
        "program, or edited; the case cannot be read safely",
        hint=_remake_hint(spec.name),
    )


def check_frame_columns(spec: TableSpec, df: pd.DataFrame) -> None:
    """Refuse a frame built in memory (``Case(...)``, :meth:`Case.with_tables`) that lacks
    one of its table's :attr:`TableSpec.protecting` columns: filled with nulls, a missing
    ``role`` would leave every victim unprotected (a file is refused alike,
    :func:`check_stored_columns`). Other missing columns are filled with nulls."""
    missing = [c for c in spec.protecting if c not in df.columns]
    if not missing:
        return
    listed = ", ".join(repr(c) for c in missing)
    plural = "s" if len(missing) > 1 else ""
    raise CaseError(
        f"the {spec.name} table given has no {listed} column{plural}",
        hint=f"add {'them' if plural else 'it'} (null where nothing is known: a victim's "
        "must say 'victim'), or build the case with linkgraph.ingest",
    )


def _read_table(file: Path, spec: TableSpec, wanted: Sequence[str] | None) -> pd.DataFrame:
    """A case table's parquet ``file``: all of it, conformed to ``spec``, or only the
    ``wanted`` columns it holds (not only nulls), each cast to ``spec``'s dtype. A file
    lacking a column it must hold is refused (:func:`check_stored_columns`)."""
    import pyarrow.parquet as pq

    names = pq.read_schema(file).names
    check_stored_columns(file, spec, names)
    if wanted is None:
        return spec.conform(pd.read_parquet(file))
    present = set(names) - _all_null(file, spec.required)
    df = pd.read_parquet(file, columns=[c for c in wanted if c in present])
    for col in df.columns:
        dtype = spec.columns.get(col)
        if dtype is not None and str(df[col].dtype) != dtype:
            df[col] = _cast(df[col], dtype)
    return df


def check_format_version(
    manifest: object, path: Path, newest: int, error: type[LinkgraphError]
) -> int:
    """The ``format_version`` of a case's or bundle's ``manifest`` read from ``path``,
    checked: an ``error`` naming the file when the manifest is no JSON object, when the
    version is no whole number ("1.0" written by hand), or when a newer linkgraph wrote
    it (above ``newest``)."""
    if not isinstance(manifest, dict):
        raise error(f"{path} is corrupt: not a JSON object")
    raw = manifest.get("format_version", 0)
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise error(
            f"{path}: format_version must be a whole number, not {raw!r}",
            hint=f"write the number linkgraph wrote there (this one writes {newest})",
        )
    if raw > newest:
        raise error(
            f"{path.parent} was written by a newer linkgraph (format {raw})",
            hint="upgrade linkgraph: pip install -U linkgraph",
        )
    return raw


#: What to do about a manifest.json that cannot be read.
_MANIFEST_HINT = (
    "manifest.json was changed or damaged outside linkgraph: restore it from a backup,"
    " or make the case again (`linkgraph ingest FILE... -o CASE_DIR`,"
    " then resolve and analyze)"
)


def read_manifest(path: Path) -> dict[str, Any]:
    """A case's ``manifest.json`` at ``path``, checked: UTF-8 JSON, an object, a format
    this linkgraph reads, and the shape of its entries (:mod:`linkgraph._manifest_shape`);
    else a CaseError naming the file and what is wrong."""
    from linkgraph._manifest_shape import manifest_problem

    try:
        manifest = json.loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise CaseError(
            f"{path} is corrupt: not UTF-8 text (byte {exc.start})", hint=_MANIFEST_HINT
        ) from None
    except json.JSONDecodeError as exc:
        raise CaseError(f"{path} is corrupt: {exc}", hint=_MANIFEST_HINT) from None
    except RecursionError:
        raise CaseError(f"{path} is corrupt: nested too deeply", hint=_MANIFEST_HINT) from None
    if not isinstance(manifest, dict):
        raise CaseError(f"{path} is corrupt: not a JSON object", hint=_MANIFEST_HINT)
    check_format_version(manifest, path, FORMAT_VERSION, CaseError)
    problem = manifest_problem(manifest)
    if problem is not None:
        raise CaseError(f"{path} is corrupt: {problem}", hint=_MANIFEST_HINT)
    return manifest


@dataclass
class CaseOrigin:
    """The folder a Case was read from (resolved path) and its manifest's SHA-256 then."""

    path: str
    digest: str | None
    #: the manifest file's (inode, mtime): tells two writes of the same content apart
    version: tuple[int, int] | None = None
    #: The tables as read (or last written) there: a write back to the folder copies the
    #: file of a table that is still this very DataFrame instead of serialising it again,
    #: so an unchanged table keeps its bytes (and the graph cache keyed by them stays
    #: valid). Case tables are never modified in place (stages return new Cases).
    tables: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)
    #: Tables read with only some of their columns, or not read at all (see
    #: :meth:`Case.read`'s ``columns``): written back only as the files they are.
    partial: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Case:
    """All tables of one investigation, plus its manifest.

    Stages never mutate a Case: they return a new one (``case.with_tables(...)``).
    ``resolution``, ``evidence`` and ``metrics`` are ``None`` until the stage that makes
    them has run.
    """

    mentions: pd.DataFrame = field(default_factory=MENTIONS.empty)
    links: pd.DataFrame = field(default_factory=LINKS.empty)
    rejects: pd.DataFrame = field(default_factory=REJECTS.empty)
    resolution: pd.DataFrame | None = None
    evidence: pd.DataFrame | None = None
    #: Analysts' must-link / cannot-link decisions (:data:`DECISIONS`), None when none.
    decisions: pd.DataFrame | None = None
    metrics: pd.DataFrame | None = None
    key_players: pd.DataFrame | None = None
    communities: pd.DataFrame | None = None
    places: pd.DataFrame | None = None
    movements: pd.DataFrame | None = None
    flows: pd.DataFrame | None = None
    hotspots: pd.DataFrame | None = None
    manifest: dict[str, Any] = field(default_factory=new_manifest)
    #: Where this Case was read from and its manifest's digest then, shared by every Case
    #: derived from it: a write back to that folder refuses when another command changed
    #: the case meanwhile (no lost update).
    origin: CaseOrigin | None = field(default=None, compare=False, repr=False)
    #: The key of victims' pseudonyms (:func:`~linkgraph.privacy.pseudonym`): random for
    #: a new Case, stored as ``pseudonym.key`` in the case folder (never in the manifest)
    #: and read back with it, so a case keeps its pseudonyms and another case has others.
    pseudonym_key: bytes = field(default_factory=new_key, compare=False, repr=False)

    def __post_init__(self) -> None:
        for name in ("mentions", "links", "resolution"):  # the tables of the entities
            self._check_columns(name, getattr(self, name))

    def _check_columns(self, name: str, df: pd.DataFrame | None) -> None:
        """Refuse a frame given for table ``name`` that lacks a column the case needs
        (:func:`check_frame_columns`); not a table read with only some of its columns."""
        partial = self.origin is not None and name in self.origin.partial
        if df is not None and not partial:
            check_frame_columns(TABLES[name], df)

    def with_tables(self, **tables: pd.DataFrame | None) -> Case:
        """A new Case with the given tables replaced (conformed to their specs).

        Raises:
            CaseError: a mentions frame lacks its ``role`` column, which filled with nulls
                would leave every victim unprotected (:func:`check_frame_columns`).
        """
        for name, df in tables.items():
            self._check_columns(name, df)
        conformed = {
            name: None if df is None else TABLES[name].conform(df) for name, df in tables.items()
        }
        return replace(self, **conformed)

    def without_analysis(self) -> Case:
        """A new Case without the tables made from the entities (:data:`ANALYSIS_TABLES`):
        what a stage that changes the mentions or their resolution returns, so that no
        metric describes an entity that no longer exists."""
        return self.with_tables(**dict.fromkeys(ANALYSIS_TABLES))

    def with_step(self, stage: str, config: Mapping[str, Any] | None = None, **info: Any) -> Case:
        """A new Case whose manifest records that ``stage`` ran, with its config."""
        manifest = json.loads(json.dumps(self.manifest, default=str))
        manifest["updated"] = now_iso()
        manifest["versions"] = package_versions()
        if config is not None:
            manifest["config"][stage] = json.loads(json.dumps(dict(config), default=str))
        manifest["steps"].append({"stage": stage, "at": manifest["updated"], **info})
        return replace(self, manifest=manifest)

    def entity_of(self) -> pd.Series:
        """mention_id -> entity_id; each mention is its own entity before resolution."""
        if self.resolution is None:
            ids = self.mentions["mention_id"]
            return pd.Series(ids.to_numpy(), index=ids.to_numpy(), name="entity_id")
        res = self.resolution
        return pd.Series(
            res["entity_id"].to_numpy(), index=res["mention_id"].to_numpy(), name="entity_id"
        )

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables that are present, by name."""
        out = {"mentions": self.mentions, "links": self.links, "rejects": self.rejects}
        for name in _OPTIONAL:
            df = getattr(self, name)
            if df is not None:
                out[name] = df
        return out

    # -- on disk -------------------------------------------------------------------------

    def write(self, path: str | os.PathLike[str]) -> Path:
        """Write the case folder atomically: every file goes to a temporary folder first,
        which then replaces ``path`` in one swap. Other files in ``path`` are kept (symbolic
        links are copied as links, never followed), except those made from the entities
        (:data:`ANALYSIS_FILES`) when the mentions, links or resolution written are not
        those the folder held.

        Raises:
            CaseError: ``path`` is not a folder one can write a case to, or this Case was read
                from ``path`` and another command changed the case since.
            CaseBusyError: another command is writing ``path`` and did not finish in time.
        """
        from linkgraph._casefs import (
            check_target,
            is_temporary,
            manifest_digest,
            portable_manifest,
            swap_in,
        )

        target = Path(path)
        check_target(target)
        expect: str | bool | None = False
        if self.origin is not None and self.origin.path == str(target.resolve()):
            expect = self.origin.digest
        with output_errors(target):
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = make_temp_dir(target)
        # What was measured on other entities is not kept (stability, key players, and
        # the analysis tables a partial read left unread).
        stale = not self._same_entities(target)
        try:
            if target.is_dir():
                for item in target.iterdir():
                    # Temporary copies (another writer's, or a killed one's) are not kept.
                    if item.name in _CASE_FILES or is_temporary(item.name):
                        continue
                    if stale and item.name in ANALYSIS_FILES:
                        continue
                    copy_path(item, tmp / item.name)
            write_key(tmp, self.pseudonym_key)
            same_folder = self.origin is not None and self.origin.path == str(target.resolve())
            for name in self.origin.partial if self.origin is not None else ():
                df = getattr(self, name)
                old = target / f"{name}.parquet"
                kept = df is None or df is self.origin.tables.get(name)
                if not same_folder or (name in self.origin.tables and not kept):
                    raise CaseError(
                        f"this Case holds only some columns of its {name} table "
                        f"(read from {self.origin.path}): it can only be written back there, "
                        "with that table unchanged",
                        hint="read the case without `columns` to write it elsewhere",
                    )
                if df is None and old.is_file() and not (stale and name in ANALYSIS_TABLES):
                    copy_path(old, tmp / old.name)  # not read: kept as it is
            for name, df in self.tables().items():
                out = tmp / f"{name}.parquet"
                old = target / f"{name}.parquet"
                if same_folder and self.origin.tables.get(name) is df and old.is_file():
                    copy_path(old, out)  # unchanged since read: the same bytes
                else:
                    TABLES[name].conform(df).to_parquet(out, index=False)
            (tmp / "manifest.json").write_text(
                json.dumps(
                    portable_manifest(self.manifest, target),
                    indent=2,
                    ensure_ascii=False,
                    default=str,
                )
                + "\n",
                encoding="utf-8",
            )
            swap_in(tmp, target, expect=expect)
            record_finished(target)
        except OSError as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            if exc.errno in (errno.ENOSPC, errno.EDQUOT):
                raise CaseError(
                    f"no space left on the disk while writing {target}; the case was not changed",
                    hint="free some space (or write the case elsewhere) and run the command again",
                ) from exc
            if _about_output(exc, target):
                raise write_error(exc, target) from exc
            raise
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        # This Case (and every Case derived from the same read) is now what the folder
        # holds: writing one of them again is not a conflict with itself.
        if self.origin is not None and self.origin.path == str(target.resolve()):
            self.origin.digest = manifest_digest(target)
            self.origin.version = folder_version(target)
            self.origin.tables = dict(self.tables())
        else:
            origin = CaseOrigin(
                str(target.resolve()),
                manifest_digest(target),
                folder_version(target),
                dict(self.tables()),
            )
            object.__setattr__(self, "origin", origin)
        return target

    save = write

    def _same_entities(self, target: Path) -> bool:
        """Whether this Case's mentions, links and resolution are those the folder
        ``target`` holds (read from it and not replaced since, or not read and kept)."""
        origin = self.origin
        if origin is None or origin.path != str(target.resolve()):
            return False
        return self.tables_as_read(_UPSTREAM)

    def tables_as_read(self, names: Iterable[str]) -> bool:
        """Whether this Case's tables ``names`` are those read from (or last written to)
        its folder: the very DataFrames, or left unread there by a partial read. False
        for a Case read from no folder."""
        origin = self.origin
        if origin is None:
            return False
        for name in names:
            df = getattr(self, name)
            if df is origin.tables.get(name) or (df is None and name in origin.partial):
                continue
            return False
        return True

    @classmethod
    def read(
        cls,
        path: str | os.PathLike[str],
        *,
        columns: Mapping[str, Sequence[str]] | None = None,
    ) -> Case:
        """Read a case folder written by :meth:`write`.

        The tables are one version of the case: when another command swaps a new version
        in while they are read (one table from each), they are read again.

        ``columns`` reads only the named columns of some tables (an optional table
        named with no columns is not read: ``None``), for a stage that needs a few
        columns of a large case: a million-row case's mentions hold gigabytes the stage
        never looks at. Such a Case can only be written back to its own folder, with
        those tables unchanged (their files are kept as they are) or, for a table not
        read, replaced; :meth:`write` refuses anything else.
        """
        from linkgraph._arguments import path_argument
        from linkgraph._casefs import manifest_digest, recover_folder

        folder = Path(path_argument("Case.read", "path", path))
        if not folder.is_symlink() and folder.parent.is_dir():
            recover_folder(folder)
        for _ in range(_READ_ATTEMPTS):
            digest, version = manifest_digest(folder), folder_version(folder)
            try:
                manifest, tables = cls._read_tables(folder, columns)
                key = _case_key_warned(folder)
            except FileNotFoundError:  # a table of the version swapped out meanwhile
                if folder_version(folder) == version:
                    raise
                continue
            if folder_version(folder) == version:
                break
        origin = CaseOrigin(
            str(folder.resolve()),
            digest,
            version,
            {k: v for k, v in tables.items() if v is not None},
            frozenset(columns or ()),
        )
        return cls(
            manifest=manifest,
            origin=origin,
            pseudonym_key=key,
            **tables,  # type: ignore[arg-type]
        )

    @staticmethod
    def _read_tables(
        folder: Path, columns: Mapping[str, Sequence[str]] | None = None
    ) -> tuple[dict[str, Any], dict[str, pd.DataFrame | None]]:
        manifest_path = folder / "manifest.json"
        if not folder.exists():
            raise CaseMissingError(
                f"{folder} does not exist",
                hint="check the path; make a case with `linkgraph ingest FILE... -o CASE_DIR`",
            )
        if not folder.is_dir():
            raise CaseMissingError(
                f"{folder} is a file, not a case folder",
                hint="give the case folder (`linkgraph ingest FILE... -o CASE_DIR` makes one)",
            )
        if not manifest_path.is_file():
            raise CaseError(
                f"{folder} is not a linkgraph case folder (no manifest.json)",
                hint="make one with `linkgraph ingest FILE... -o CASE_DIR`",
            )
        manifest = read_manifest(manifest_path)
        tables: dict[str, pd.DataFrame | None] = {}
        for name, spec in TABLES.items():
            file = folder / f"{name}.parquet"
            if file.is_symlink():
                raise CaseError(
                    f"{file} is a symbolic link; a case folder's tables must be files in it",
                    hint="replace the link with the file itself",
                )
            wanted = None if columns is None else columns.get(name)
            if wanted is not None and len(wanted) == 0 and name in _OPTIONAL:
                tables[name] = None
            elif file.is_file():
                with corrupt_table_errors(file):
                    tables[name] = _read_table(file, spec, wanted)
            elif name in _OPTIONAL:
                tables[name] = None
            else:
                raise CaseError(f"{folder} lacks {name}.parquet", hint="re-run `linkgraph ingest`")
        wanted = None if columns is None else columns.get("decisions")
        if tables["decisions"] is None and (wanted is None or len(wanted)):
            legacy = legacy_decisions(manifest)
            if legacy is not None:
                tables["decisions"] = legacy
                manifest = {k: v for k, v in manifest.items() if k != LEGACY_DECISIONS_KEY}
        return manifest, tables

    load = read

    @property
    def graph_statistics(self) -> dict[str, Any] | None:
        """The whole-network statistics of the last ``analyze`` (None before it): what
        its ``Network (...)`` line says, as the manifest's analyze step records them
        (``nodes``, ``edges``, ``density``, ``components``, ``largest_component``,
        ``degree_centralization``, ``betweenness_centralization``, ``transitivity``,
        ``diameter``, ...: see :func:`linkgraph.metrics.network.graph_statistics`), counts
        as ints; ``basis`` says of which view (directed or not, hops or lengths)."""
        for step in reversed(self.manifest.get("steps", [])):
            stats = step.get("graph_statistics")
            if step.get("stage") == "analyze" and isinstance(stats, dict):
                out: dict[str, Any] = {
                    key: int(value) if key in _GRAPH_COUNTS and value == value else value
                    for key, value in stats.items()
                }
                if step.get("graph_statistics_basis") is not None:
                    out["basis"] = step["graph_statistics_basis"]
                return out
        return None

    def stages(self) -> list[str]:
        """The stages that have run on this case, in order, each once (from the manifest)."""
        return list(dict.fromkeys(str(s.get("stage")) for s in self.manifest.get("steps", [])))

    def _table_sizes(self) -> list[tuple[str, int | None, int | None]]:
        """(table, rows, columns) for every table; rows and columns None when absent."""
        out = []
        for name in TABLES:
            df = getattr(self, name)
            out.append((name, None, None) if df is None else (name, len(df), df.shape[1]))
        return out

    def __repr__(self) -> str:
        sizes = ", ".join(
            f"{rows:,} {name}" for name, rows, _ in self._table_sizes() if rows is not None
        )
        return f"<Case: {sizes}; stages: {', '.join(self.stages()) or 'none'}>"

    def _repr_html_(self) -> str:
        """A small table of the case's tables for Jupyter (never the data itself)."""
        from html import escape

        rows = "".join(
            f"<tr><td>{name}</td><td style='text-align:right'>"
            + ("not yet" if n is None else f"{n:,}")
            + "</td><td style='text-align:right'>"
            + ("" if c is None else str(c))
            + "</td></tr>"
            for name, n, c in self._table_sizes()
        )
        inputs = ", ".join(
            str(i.get("name", i.get("path"))) for i in self.manifest.get("inputs", [])
        )
        return (
            "<div><b>linkgraph Case</b> — stages: "
            + escape(", ".join(self.stages()) or "none")
            + (f"<br>inputs: {escape(inputs)}" if inputs else "")
            + "<table><thead><tr><th>table</th><th>rows</th><th>columns</th></tr></thead>"
            + f"<tbody>{rows}</tbody></table></div>"
        )

    def summary(self) -> dict[str, int]:
        """Counts that the CLI prints: mentions, links, rejects, entities."""
        entities = (
            int(self.resolution["entity_id"].nunique())
            if self.resolution is not None
            else len(self.mentions)
        )
        return {
            "mentions": len(self.mentions),
            "links": len(self.links),
            "rejects": len(self.rejects),
            "entities": entities,
        }


def legacy_decisions(manifest: Mapping[str, Any]) -> pd.DataFrame | None:
    """The decisions a case written before the ``decisions`` table kept in its manifest
    (``resolve_overrides``), as that table (``source`` "manifest", no analyst or time);
    None when the manifest holds none."""
    records = manifest.get(LEGACY_DECISIONS_KEY)
    if not records:
        return None
    frame = pd.DataFrame(list(records), columns=["left", "right", "decision", "note"])
    frame = frame.fillna("").assign(analyst="", decided_at=pd.NaT, source="manifest")
    return DECISIONS.conform(frame)


def stored_decisions(folder: str | os.PathLike[str]) -> pd.DataFrame | None:
    """The analysts' decisions kept in the case folder ``folder`` (its ``decisions``
    table, or those an older case kept in its manifest); None when it holds none or is
    not a case folder. Only that table and the manifest are read."""
    folder = Path(folder)
    file = folder / f"{DECISIONS.name}.parquet"
    if file.is_file():
        with corrupt_table_errors(file):
            return DECISIONS.conform(pd.read_parquet(file))
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None
    return legacy_decisions(manifest) if isinstance(manifest, dict) else None


#: The whole-network statistics that are counts (ints; a case analysed before they were
#: stored as ints holds them as floats).
_GRAPH_COUNTS = frozenset(
    {"nodes", "edges", "arcs", "components", "largest_component", "largest_strong_component"}
)


def case_from(value: Case | str | os.PathLike[str], stage: str) -> Case:
    """``value`` as a Case: itself, or the case folder at that path read (a CaseError
    naming the folder when it is none), or a pipeline's result's case (``run_pipeline``'s
    :class:`~linkgraph.pipeline.PipelineResult`); an
    :class:`~linkgraph.errors.ArgumentTypeError` (a TypeError) naming ``stage`` for
    anything else."""
    from linkgraph.errors import ArgumentTypeError

    if isinstance(value, Case):
        return value
    if isinstance(value, str | os.PathLike):
        return Case.read(value)
    inner = getattr(value, "case", None)
    if type(value).__name__ == "PipelineResult" and isinstance(inner, Case):
        return inner
    raise ArgumentTypeError(
        f"{stage}() takes a Case or the path of a case folder, not {type(value).__name__}",
        key="case",
        hint="give what lg.ingest, lg.resolve or lg.analyze returned (or a run_pipeline"
        " result's .case), or a case folder's path",
    )


def concat_cases(cases: Sequence[Case]) -> Case:
    """One Case holding the mentions, links, rejects and manifest inputs of several."""
    if not cases:
        return Case()
    manifest = new_manifest()
    for c in cases:
        manifest["inputs"].extend(c.manifest.get("inputs", []))
        manifest["steps"].extend(c.manifest.get("steps", []))
        manifest["config"].update(c.manifest.get("config", {}))
        manifest["seeds"].update(c.manifest.get("seeds", {}))

    def cat(name: str) -> pd.DataFrame:
        frames = [getattr(c, name) for c in cases if len(getattr(c, name))]
        if not frames:
            return TABLES[name].empty()
        return pd.concat([TABLES[name].conform(f) for f in frames], ignore_index=True)

    return Case(
        mentions=cat("mentions"),
        links=cat("links"),
        rejects=cat("rejects"),
        manifest=manifest,
        pseudonym_key=cases[0].pseudonym_key,  # the first case's pseudonyms are kept
    )


def copy_path(src: Path, dst: Path) -> None:
    """Copy a file or a folder (with its contents) to ``dst``; links are copied as links,
    never followed, and special files (FIFOs, devices, sockets) are left out.

    Files are hard-linked where the file system allows (a copy otherwise): a case's files
    are never changed in place (every write makes a new folder and swaps it in), so the
    new folder can share the old one's unchanged files instead of copying their bytes
    (a million-row case's mentions take seconds to copy)."""
    if src.is_symlink():
        os.symlink(os.readlink(src), dst)
    elif src.is_dir():
        shutil.copytree(src, dst, symlinks=True, ignore=_special_files, copy_function=_link_or_copy)
    elif src.is_file():
        _link_or_copy(src, dst)


def _link_or_copy(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
    """A hard link of ``src`` at ``dst``, or a copy where links cannot be made."""
    try:
        os.link(src, dst, follow_symlinks=False)
    except OSError:
        shutil.copy2(src, dst)


def _special_files(folder: str, names: list[str]) -> set[str]:
    """The names in ``folder`` that are neither files, folders nor links (for copytree)."""
    base = Path(folder)
    return {
        n
        for n in names
        if not ((base / n).is_symlink() or (base / n).is_file() or (base / n).is_dir())
    }


def replace_folder(new: Path, target: Path) -> None:
    """Put ``new`` in place of ``target`` under the case's writer lock, in one swap."""
    from linkgraph._casefs import swap_in

    swap_in(new, target)
