"""Must-link / cannot-link decisions of analysts: read from CSV, stored in the case manifest,
honoured on every re-run."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from linkgraph.errors import InputError

#: Manifest key under which the case keeps its overrides (a list of records).
MANIFEST_KEY = "resolve_overrides"
OVERRIDES_COLUMNS = ("left", "right", "decision", "note")

_DECISIONS = {
    "must_link": "must_link",
    "must-link": "must_link",
    "match": "must_link",
    "same": "must_link",
    "yes": "must_link",
    "y": "must_link",
    "1": "must_link",
    "true": "must_link",
    "link": "must_link",
    "cannot_link": "cannot_link",
    "cannot-link": "cannot_link",
    "non_match": "cannot_link",
    "non-match": "cannot_link",
    "nonmatch": "cannot_link",
    "different": "cannot_link",
    "no": "cannot_link",
    "n": "cannot_link",
    "0": "cannot_link",
    "false": "cannot_link",
    "distinct": "cannot_link",
}


def normalise_decision(value: object) -> str | None:
    """``must_link``, ``cannot_link`` or None (blank, "?", unsure) from an analyst's label."""
    if value is None or value != value:
        return None
    text = str(value).strip().lower().lstrip("'")
    return _DECISIONS.get(text)


def _reference_index(mentions: pd.DataFrame) -> dict[str, str]:
    """``source#row`` and ``source#row#slot`` (also with the file's base name) → mention id.

    A ``source#row`` reference that matches several mentions prefers the person mention.
    """
    table: dict[str, str] = {}
    frame = mentions[["mention_id", "type", "source", "row", "slot"]].copy()
    frame = frame.sort_values(
        ["type", "mention_id"], key=lambda s: s.ne("person") if s.name == "type" else s
    )
    for mid, source, row, slot in zip(
        frame["mention_id"],
        frame["source"].astype(str),
        frame["row"],
        frame["slot"],
        strict=True,
    ):
        if row is pd.NA or row is None:
            continue
        for src in {source, os.path.basename(source)}:
            table.setdefault(f"{src}#{int(row)}", mid)
            if slot is not pd.NA and slot is not None:
                table.setdefault(f"{src}#{int(row)}#{slot}", mid)
    return table


def read_overrides(path: str | os.PathLike[str], mentions: pd.DataFrame) -> pd.DataFrame:
    """Read a must-link / cannot-link CSV.

    Columns ``left``, ``right`` (mention ids, or ``SOURCE#ROW`` / ``SOURCE#ROW#SLOT``
    references) and ``decision`` (must_link / cannot_link, or match / non_match, yes / no).
    A review CSV from ``linkgraph review`` works too: its ``label`` column is the decision,
    and unlabelled rows are skipped.

    Decisions apply to persons and to every other type (phones, accounts, organisations,
    ...), but the two mentions of a row must be of one type: a person is never the same
    entity as a phone. A ``SOURCE#ROW`` reference picks the row's person mention; name
    another mention of the row by ``SOURCE#ROW#SLOT``.

    Returns:
        Columns ``left``, ``right``, ``decision``, ``note``, one row per usable decision.

    Raises:
        InputError: the file lacks the columns, names a mention the case does not have,
            or pairs mentions of different types.
    """
    source = str(path)
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, pd.errors.ParserError) as exc:
        raise InputError(f"cannot read overrides: {exc}", source=source) from exc
    decision_col = "label" if "label" in raw.columns else "decision"
    missing = [c for c in ("left", "right", decision_col) if c not in raw.columns]
    if missing:
        raise InputError(
            f"lacks column(s) {', '.join(missing)}",
            source=source,
            hint="an overrides CSV has columns left, right, decision (must_link/cannot_link)",
        )
    type_of = dict(
        zip(mentions["mention_id"].astype(str), mentions["type"].astype(str), strict=True)
    )
    known = type_of.keys()
    refs: dict[str, str] | None = None
    rows: list[dict[str, Any]] = []
    for i, rec in enumerate(raw.to_dict("records"), start=1):
        decision = normalise_decision(rec[decision_col])
        if decision is None:
            if decision_col == "decision" and str(rec[decision_col]).strip():
                raise InputError(
                    f"unknown decision {rec[decision_col]!r}",
                    source=source,
                    row=i,
                    column="decision",
                    hint="use must_link or cannot_link",
                )
            continue
        ends = []
        for side in ("left", "right"):
            value = str(rec[side]).strip().lstrip("'")
            if value not in known:
                if refs is None:
                    refs = _reference_index(mentions)
                value = refs.get(value, value)
            if value not in known:
                raise InputError(
                    f"no mention {value!r} in the case",
                    source=source,
                    row=i,
                    column=side,
                    hint="use mention ids (m:...) or SOURCE#ROW references",
                )
            ends.append(value)
        if type_of[ends[0]] != type_of[ends[1]]:
            raise InputError(
                f"{ends[0]} ({type_of[ends[0]]}) and {ends[1]} ({type_of[ends[1]]}) are "
                "mentions of different types: a decision joins or parts mentions of one type",
                source=source,
                row=i,
                hint="check the ids; SOURCE#ROW picks the row's person mention, "
                "SOURCE#ROW#SLOT another mention of that row",
            )
        note = str(rec.get("note", "") or "")
        rows.append({"left": ends[0], "right": ends[1], "decision": decision, "note": note})
    return pd.DataFrame(rows, columns=list(OVERRIDES_COLUMNS))


def stored_overrides(manifest: Mapping[str, Any]) -> pd.DataFrame:
    """The overrides a case already holds (from earlier runs)."""
    records = manifest.get(MANIFEST_KEY) or []
    return pd.DataFrame(records, columns=list(OVERRIDES_COLUMNS)).fillna("")


def merge_overrides(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """Old and new decisions; the newer decision on the same (unordered) pair wins."""
    both = pd.concat([old, new], ignore_index=True)
    if both.empty:
        return pd.DataFrame(columns=list(OVERRIDES_COLUMNS))
    lo = both[["left", "right"]].min(axis=1)
    hi = both[["left", "right"]].max(axis=1)
    both = both.assign(left=lo, right=hi)
    return both.drop_duplicates(["left", "right"], keep="last").reset_index(drop=True)


def overrides_path(path: str | os.PathLike[str] | None) -> Path | None:
    """``path`` as a Path, or None."""
    return None if path is None else Path(path)
