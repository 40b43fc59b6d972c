"""SQLite export: read with sqlite3; the tables equal the Case's."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd

import linkgraph as lg
from linkgraph.export.tables import as_text_times
from linkgraph.model import Case
from tests.export.conftest import VICTIM_NAME
from tests.export.helpers import all_bytes


def _plain(df: pd.DataFrame) -> list[list[object]]:
    """Rows as Python values with missing values as None (SQLite has no NA, no dtypes)."""
    out = as_text_times(df).astype(object)
    return [
        [None if pd.isna(v) else (float(v) if isinstance(v, int | float) else v) for v in row]
        for row in out.itertuples(index=False, name=None)
    ]


def test_sqlite_tables_equal_the_case(case: Case, tmp_path: Path) -> None:
    out = tmp_path / "case.sqlite"
    lg.export(case, "sqlite", out, show_victims=True)
    with sqlite3.connect(out) as db:
        names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        for name, table in case.tables().items():
            assert name in names
            got = pd.read_sql_query(f'SELECT * FROM "{name}"', db)
            assert list(got.columns) == list(table.columns)
            assert _plain(got) == _plain(table), name
        prov = pd.read_sql_query("SELECT * FROM provenance", db)
    db.close()
    assert prov["name"].tolist() == ["case.csv"]


def test_sqlite_protects_victims_and_is_deterministic(case: Case, tmp_path: Path) -> None:
    lg.export(case, "sqlite", tmp_path / "a.sqlite")
    lg.export(case, "sqlite", tmp_path / "b.sqlite")
    assert (
        all_bytes(tmp_path / "a.sqlite")["a.sqlite"] == all_bytes(tmp_path / "b.sqlite")["b.sqlite"]
    )
    with sqlite3.connect(tmp_path / "a.sqlite") as db:
        text = " ".join(
            str(v)
            for table in ("mentions", "entities", "metrics")
            for row in db.execute(f'SELECT * FROM "{table}"')
            for v in row
        )
    db.close()
    assert "Ivanova" not in text
    assert "Maria" not in text
    assert "Victim-" in text
    assert VICTIM_NAME not in (tmp_path / "a.sqlite").read_bytes().decode("utf-8", "replace")
