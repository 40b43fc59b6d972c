"""Must-link / cannot-link decisions of analysts: read from CSV, kept in the case's
``decisions`` table (who, when, why; every decision, oldest first), honoured on every
re-run: on each pair the newest decision wins.

Cases written before that table kept the decisions in the manifest
(``resolve_overrides``); :meth:`~linkgraph.model.Case.read` reads those as the table."""

from __future__ import annotations

import getpass
import os
from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from linkgraph.errors import CaseError, InputError
from linkgraph.model import (
    DECISIONS,
    LEGACY_DECISIONS_KEY,
    OPTIONAL_TABLES,
    Case,
    legacy_decisions,
)
from linkgraph.schema import Decision

#: Kept for code written against the manifest-held overrides (read-only now).
MANIFEST_KEY = LEGACY_DECISIONS_KEY
#: The columns of the ``decisions`` table, in order.
DECISION_COLUMNS: tuple[str, ...] = tuple(DECISIONS.columns)
OVERRIDES_COLUMNS = DECISION_COLUMNS

#: How analysts write their decisions (folded to lower case), each to a Decision.
_SPELLINGS: Mapping[Decision, tuple[str, ...]] = {
    Decision.MUST_LINK: (
        "must_link", "must-link", "match", "same", "yes", "y", "1", "true", "link",
    ),
    Decision.CANNOT_LINK: (
        "cannot_link", "cannot-link", "non_match", "non-match", "nonmatch", "different", "no",
        "n", "0", "false", "distinct",
    ),
}  # fmt: skip
_DECISIONS = {text: d.value for d, texts in _SPELLINGS.items() for text in texts}


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


def current_analyst() -> str:
    """Who is deciding: ``$LINKGRAPH_ANALYST``, else the login name ("" when unknown)."""
    name = os.environ.get("LINKGRAPH_ANALYST", "").strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return ""


def read_overrides(
    path: str | os.PathLike[str],
    mentions: pd.DataFrame,
    *,
    analyst: str | None = None,
    decided_at: datetime | None = None,
) -> pd.DataFrame:
    """Read a must-link / cannot-link CSV.

    Columns ``left``, ``right`` (mention ids, or ``SOURCE#ROW`` / ``SOURCE#ROW#SLOT``
    references) and ``decision`` (must_link / cannot_link, or match / non_match, yes / no).
    A review CSV from ``linkgraph review`` works too: its ``label`` column is the decision,
    and unlabelled rows are skipped. Optional columns ``note`` (why), ``analyst`` (who)
    and ``decided_at`` (when, ISO 8601) are kept; a row without them gets ``analyst``
    (default :func:`current_analyst`) and ``decided_at`` (default now).

    Decisions apply to persons and to every other type (phones, accounts, organisations,
    ...), but the two mentions of a row must be of one type: a person is never the same
    entity as a phone. A ``SOURCE#ROW`` reference picks the row's person mention; name
    another mention of the row by ``SOURCE#ROW#SLOT``.

    Returns:
        The ``decisions`` table's columns (``left``, ``right``, ``decision``, ``analyst``,
        ``decided_at``, ``note``, ``source``: the file's name), one row per usable decision.

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
    now = decided_at or datetime.now(UTC).replace(microsecond=0)
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
                    hint=f"use {Decision.MUST_LINK} or {Decision.CANNOT_LINK}",
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
        who = str(rec.get("analyst", "") or "").strip() or analyst
        rows.append(
            {
                "left": ends[0],
                "right": ends[1],
                "decision": decision,
                "analyst": current_analyst() if who is None else who,
                "decided_at": _when(rec.get("decided_at"), now),
                "note": note,
                "source": os.path.basename(source),
            }
        )
    return DECISIONS.conform(pd.DataFrame(rows, columns=list(DECISION_COLUMNS)))


def _when(value: object, default: datetime) -> pd.Timestamp:
    """An analyst's ``decided_at`` cell as a UTC time (``default`` when blank or unreadable)."""
    text = "" if value is None else str(value).strip()
    stamp = pd.to_datetime(text, utc=True, errors="coerce") if text else pd.NaT
    return pd.Timestamp(default) if pd.isna(stamp) else stamp


def case_decisions(case: Case) -> pd.DataFrame:
    """Every decision the case holds, oldest first (the ``decisions`` table, or those an
    older case kept in its manifest; empty when none)."""
    if case.decisions is not None:
        return DECISIONS.conform(case.decisions)
    legacy = legacy_decisions(case.manifest)
    return DECISIONS.empty() if legacy is None else legacy


def _pair_key(table: pd.DataFrame) -> pd.DataFrame:
    """Each row's pair as (smaller id, larger id): one key for either orientation."""
    left = table["left"].astype(object).to_numpy()
    right = table["right"].astype(object).to_numpy()
    swap = right < left
    return pd.DataFrame(
        {"lo": np.where(swap, right, left), "hi": np.where(swap, left, right)}, index=table.index
    )


def effective_decisions(table: pd.DataFrame) -> pd.DataFrame:
    """The decision in force on each (unordered) pair: the newest by ``decided_at``
    (unknown times count as oldest; of one time, the later row), in table order."""
    if table.empty:
        return DECISIONS.empty()
    table = DECISIONS.conform(table)
    key = _pair_key(table)
    order = table["decided_at"].sort_values(kind="stable", na_position="first").index
    last = key.loc[order].drop_duplicates(["lo", "hi"], keep="last").index
    return table.loc[table.index.isin(last)].reset_index(drop=True)


#: How many decisions naming absent mentions :func:`absent_message` lists one by one.
_ABSENT_LISTED = 5


def absent_decisions(decisions: pd.DataFrame, mention_ids: pd.Series) -> pd.DataFrame:
    """The decisions in ``decisions`` (those in force) that name a mention not among
    ``mention_ids``: its file was re-ingested corrected, or taken out of the case. They
    cannot apply; they stay on record, and apply again if the mention comes back."""
    if decisions.empty:
        return DECISIONS.empty()
    ids = pd.Index(mention_ids.astype(str).to_numpy())
    present = decisions["left"].astype(str).isin(ids) & decisions["right"].astype(str).isin(ids)
    return decisions.loc[~present.to_numpy(dtype=bool)].reset_index(drop=True)


def absent_message(absent: pd.DataFrame) -> str:
    """One line naming the decisions of :func:`absent_decisions` ("" when none)."""
    if absent.empty:
        return ""
    shown = [
        f"{row.decision} {row.left} {row.right}" + (f" ({row.note!r})" if row.note else "")
        for row in absent.fillna({"note": ""}).head(_ABSENT_LISTED).itertuples()
    ]
    more = len(absent) - len(shown)
    n = len(absent)
    return (
        f"{n:,} {'decision names' if n == 1 else 'decisions name'} mentions no longer in the"
        f" case: {'; '.join(shown)}{f' and {more:,} more' if more else ''}; they cannot"
        " apply (a file re-ingested with other rows, or left out) and stay on record: decide"
        " the pair again with the mentions as they are now (`linkgraph mentions CASE_DIR`)"
    )


def add_decisions(history: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """``history`` with the ``new`` decisions appended, except those that only repeat the
    decision already in force on their pair (same decision and note): feeding the same
    CSV twice does not double the record."""
    history, new = DECISIONS.conform(history), DECISIONS.conform(new)
    if new.empty:
        return history
    if not history.empty:
        current = effective_decisions(history)
        probe = _pair_key(new).assign(decision=new["decision"], note=new["note"])
        held = _pair_key(current).assign(decision=current["decision"], note=current["note"])
        fresh = probe.merge(held, how="left", indicator=True)
        new = new[(fresh["_merge"] == "left_only").to_numpy()]
    return DECISIONS.conform(pd.concat([history, new], ignore_index=True))


def merge_overrides(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """Old and new decisions; the newer decision on the same (unordered) pair wins."""
    return effective_decisions(add_decisions(old, new))


def stored_overrides(manifest: Mapping[str, Any]) -> pd.DataFrame:
    """The decisions a case written before the ``decisions`` table kept in its manifest."""
    legacy = legacy_decisions(manifest)
    return DECISIONS.empty() if legacy is None else legacy


def overrides_path(path: str | os.PathLike[str] | None) -> Path | None:
    """``path`` as a Path, or None."""
    return None if path is None else Path(path)


def decision_on(case: Case, a: str, b: str) -> pd.Series | None:
    """The decision in force on mentions ``a`` and ``b`` (a row of the ``decisions``
    table, either orientation), None when no analyst decided on them."""
    table = case_decisions(case)
    pair = table[
        ((table["left"] == a) & (table["right"] == b))
        | ((table["left"] == b) & (table["right"] == a))
    ]
    return None if pair.empty else effective_decisions(pair).iloc[-1]


def describe_decision(row: pd.Series) -> str:
    """Who decided, when and why, in a few words ("" when the record says nothing).

    >>> describe_decision(pd.Series({"analyst": "ana", "note": "twins",
    ...     "decided_at": pd.Timestamp("2026-11-02 09:30", tz="UTC"), "source": "d.csv"}))
    'by ana, 2026-11-02 09:30 UTC, from d.csv: "twins"'
    """
    bits = []
    if isinstance(row.get("analyst"), str) and row["analyst"]:
        bits.append(f"by {row['analyst']}")
    when = row.get("decided_at")
    if when is not None and not pd.isna(when):
        bits.append(pd.Timestamp(when).strftime("%Y-%m-%d %H:%M UTC"))
    if isinstance(row.get("source"), str) and row["source"]:
        bits.append(f"from {row['source']}")
    text = ", ".join(bits)
    if isinstance(row.get("note"), str) and row["note"]:
        text += f': "{row["note"]}"' if text else f'"{row["note"]}"'
    return text


def decide(
    case: Case,
    left: str,
    right: str,
    decision: str,
    *,
    note: str = "",
    analyst: str | None = None,
    decided_at: datetime | None = None,
) -> Case:
    """``case`` with one more analyst decision in its ``decisions`` table (the next
    :func:`~linkgraph.resolve.resolve` honours it; the newest decision on a pair wins).

    Args:
        left, right: mention ids, of one type.
        decision: must_link or cannot_link (or a spelling :func:`normalise_decision` knows).
        note: why.
        analyst: who (default :func:`current_analyst`).
        decided_at: when (default now).

    Raises:
        CaseError: an unknown decision, a mention the case lacks, one mention twice, or
            two mentions of different types.
    """
    value = normalise_decision(decision)
    if value is None:
        raise CaseError(
            f"unknown decision {decision!r}",
            hint=f"use {Decision.MUST_LINK} or {Decision.CANNOT_LINK}",
        )
    types = case.mentions.set_index(case.mentions["mention_id"].astype(str))["type"].astype(str)
    for end in (left, right):
        if end not in types.index:
            raise CaseError(f"no mention {end!r} in the case")
    if left == right:
        raise CaseError(f"{left} twice: a decision is on two mentions")
    if types[left] != types[right]:
        raise CaseError(
            f"{left} ({types[left]}) and {right} ({types[right]}) are mentions of different "
            "types: a decision joins or parts mentions of one type"
        )
    row = {
        "left": left,
        "right": right,
        "decision": value,
        "analyst": current_analyst() if analyst is None else analyst,
        "decided_at": pd.Timestamp(decided_at or datetime.now(UTC).replace(microsecond=0)),
        "note": note,
        "source": "linkgraph decide",
    }
    table = add_decisions(case_decisions(case), pd.DataFrame([row]))
    manifest = {k: v for k, v in case.manifest.items() if k != LEGACY_DECISIONS_KEY}
    return replace(case, manifest=manifest).with_tables(decisions=table)


#: What :func:`decide` reads of a case (``Case.read(path, columns=DECIDE_COLUMNS)``): the
#: mentions' ids, types and references, and the decisions table in full.
DECIDE_COLUMNS: dict[str, tuple[str, ...]] = {
    "mentions": ("mention_id", "type", "source", "row", "slot"),
    "links": ("link_id",),
    **dict.fromkeys((t for t in OPTIONAL_TABLES if t != "decisions"), ()),
}
