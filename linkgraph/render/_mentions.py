"""How the map and the report name a mention: the name as written and its source row."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from linkgraph.model import Case
from linkgraph.render._html import short_labels


def mention_spellings(case: Case, mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Indexed by ``mention_id``: ``name`` (the label, else the name column, as written;
    cut as :func:`~linkgraph.render._html.short_labels` cuts it) and
    ``where`` (``source:row``), of ``mentions`` (rows of the case's; default all)."""
    m = case.mentions if mentions is None else mentions
    names = m["label"].astype("string").fillna("")
    if "name" in m.columns:
        names = names.where(names != "", m["name"].astype("string").fillna(""))
    where = (
        m["source"].astype("string").fillna("")
        + ":"
        + m["row"].astype("Int64").astype("string").fillna("?")
    )
    return pd.DataFrame(
        {
            "name": short_labels(names.astype(str).str.strip()).to_numpy(),
            "where": where.astype(str).to_numpy(),
        },
        index=m["mention_id"].astype(str).to_numpy(),
    )


def spelling_lookup(spelled: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """:func:`mention_spellings` as a dict, mention_id -> (name, where): looked up once per
    evidence row, a dict is far faster than ``DataFrame.at``."""
    pairs = zip(spelled["name"].tolist(), spelled["where"].tolist(), strict=True)
    return dict(zip(spelled.index.tolist(), pairs, strict=True))


def describe_mention(
    mention_id: object, spelled: pd.DataFrame | Mapping[str, tuple[str, str]], secret: bool
) -> str:
    """``NAME (source:row)``; ``row source:row`` when the name must not be shown (a victim);
    the id itself when the mention is unknown. ``spelled``: :func:`mention_spellings` or
    its :func:`spelling_lookup`."""
    key = str(mention_id)
    if isinstance(spelled, pd.DataFrame):
        if key not in spelled.index:
            return key
        name, where = spelled.at[key, "name"], spelled.at[key, "where"]
    else:
        found = spelled.get(key)
        if found is None:
            return key
        name, where = found
    return f"row {where}" if secret else f"{name or '(no name)'} ({where})"
