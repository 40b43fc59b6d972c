"""SQLite export: the case tables, plus entities, entity links and communities, in one file
that datasette (or any SQLite client) browses."""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from pathlib import Path

import pandas as pd

from linkgraph.export._data import ExportData
from linkgraph.export.loss import LossReport
from linkgraph.export.tables import analysis_tables, as_text_times, communities, entity_links
from linkgraph.progress import advance_current

DIRECTORY = False
#: Columns indexed for browsing and joins, per table.
_INDEXES = {
    "mentions": ("mention_id", "source"),
    "links": ("src", "dst", "link_id"),
    "resolution": ("mention_id", "entity_id"),
    "evidence": ("left", "right"),
    "metrics": ("entity_id", "community"),
    "entities": ("entity_id",),
    "entity_links": ("src", "dst"),
}


def _sql_type(series: pd.Series) -> str:
    if pd.api.types.is_bool_dtype(series) or pd.api.types.is_integer_dtype(series):
        return "INTEGER"
    if pd.api.types.is_float_dtype(series):
        return "REAL"
    return "TEXT"


def _cell(value: object) -> object:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and value != value:
        return None
    return value.item() if hasattr(value, "item") else value


def _write_table(db: sqlite3.Connection, name: str, df: pd.DataFrame) -> None:
    cols = ", ".join(f'"{c}" {_sql_type(df[c])}' for c in df.columns)
    db.execute(f'CREATE TABLE "{name}" ({cols})')
    marks = ", ".join("?" for _ in df.columns)
    rows = ([_cell(v) for v in row] for row in df.itertuples(index=False, name=None))
    db.executemany(f'INSERT INTO "{name}" VALUES ({marks})', rows)
    advance_current(len(df))  # the export's bar moves table by table
    for col in _INDEXES.get(name, ()):
        if col in df.columns:
            db.execute(f'CREATE INDEX "idx_{name}_{col}" ON "{name}" ("{col}")')


#: The decisions' columns an export leaves out: each side's fingerprint and column
#: hashes, the case's own bookkeeping for following a record a corrected file moved
#: (keyed with the case's pseudonym key; those of decisions written before keys, bare
#: hashes a list of names and dates reverses, until the next resolve keys them).
DECISION_PRINTS: tuple[str, ...] = ("left_print", "left_fields", "right_print", "right_fields")


def exported_decisions(decisions: pd.DataFrame) -> pd.DataFrame:
    """The ``decisions`` table as exports carry it: without :data:`DECISION_PRINTS`."""
    return decisions.drop(columns=[c for c in DECISION_PRINTS if c in decisions.columns])


def write(data: ExportData, path: Path, report: LossReport) -> None:
    """Write every case table under its own name, and ``entities``, ``entity_links``,
    ``communities`` and ``provenance`` beside them."""
    tables = dict(data.case.tables())
    if "decisions" in tables:
        tables["decisions"] = exported_decisions(tables["decisions"])
    tables.update(analysis_tables(data))  # a victim's places withheld; the stability table
    tables["entities"] = data.entities
    tables["entity_links"] = entity_links(data)
    comm = communities(data)
    if comm is not None:
        tables["communities"] = comm
    prov = data.provenance()["inputs"]
    tables["provenance"] = pd.DataFrame(
        [{k: item.get(k) for k in ("name", "agency", "rows", "format", "sha256")} for item in prov]
        or None,
        columns=["name", "agency", "rows", "format", "sha256"],
    )
    if data.victims_named:
        tables["readme"] = pd.DataFrame({"warning": [data.victims_statement()]})
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(fd)
    Path(tmp).unlink()
    try:
        db = sqlite3.connect(tmp)
        try:
            with db:
                for name, df in tables.items():
                    _write_table(db, name, as_text_times(df))
                    report.counts[name] = len(df)
                manifest = json.dumps(data.case.manifest, ensure_ascii=False, sort_keys=True)
                db.execute("CREATE TABLE manifest (json TEXT)")
                db.execute("INSERT INTO manifest VALUES (?)", (manifest,))
        finally:
            db.close()  # also on a full disk: no open handle on the removed file
        os.replace(tmp, path)
    except BaseException:
        for left in (tmp, tmp + "-journal", tmp + "-wal", tmp + "-shm"):
            Path(left).unlink(missing_ok=True)
        raise
    report.files.append(path.name)
    report.note(
        "SQLite has no time type: times are ISO 8601 UTC text. Everything else is as in the "
        "case folder (the decisions without their records' fingerprints: the case's own "
        "bookkeeping); browse it with `datasette FILE`."
    )
    report.note(
        "Provenance: the provenance and manifest tables; source, agency and row on every "
        "mention and link, source_rows on every entity and entity link."
    )
