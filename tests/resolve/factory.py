"""Builders of MENTIONS-shaped frames for the resolve tests (nomenklatura's e() style)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from linkgraph.model import MENTIONS, Case, stable_id
from linkgraph.text import fold_name


def mention(type: str = "person", *, source: str = "test.csv", row: int = 1, **fields: Any) -> dict:
    """One mention record; ``mention_id`` defaults to a stable hash of source, row, type."""
    rec: dict[str, Any] = {"type": type, "source": source, "row": row, "slot": type, **fields}
    rec.setdefault("mention_id", stable_id("m", source, row, type))
    if type == "person" and "name_latin" not in rec:
        name = fields.get("name") or " ".join(
            str(fields[k]) for k in ("given_name", "family_name") if fields.get(k)
        )
        rec["name_latin"] = fold_name(name) or None
    return rec


def mentions_frame(records: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """A conformed mentions table from mention records."""
    return MENTIONS.conform(pd.DataFrame(list(records)))


def case_of(records: Iterable[Mapping[str, Any]]) -> Case:
    """A Case holding just these mentions."""
    return Case(mentions=mentions_frame(records))


def people(rows: Iterable[Mapping[str, Any]], *, source: str = "people.csv") -> pd.DataFrame:
    """Person mentions from simple dicts, numbered by row (1-based)."""
    return mentions_frame(
        mention("person", source=source, row=i, **row) for i, row in enumerate(rows, start=1)
    )
