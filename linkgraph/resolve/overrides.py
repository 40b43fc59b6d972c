"""Must-link / cannot-link decisions of analysts: read from CSV, kept in the case's
``decisions`` table (who, when, why; every decision, oldest first), honoured on every
re-run: on each pair the newest decision wins.

Cases written before that table kept the decisions in the manifest
(``resolve_overrides``); :meth:`~linkgraph.model.Case.read` reads those as the table."""

from __future__ import annotations

import getpass
import hashlib
import hmac
import json
import os
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from linkgraph._user_csv import read_user_csv
from linkgraph.errors import CaseError, InputError
from linkgraph.model import (
    DECISIONS,
    LEGACY_DECISIONS_KEY,
    OPTIONAL_TABLES,
    Case,
    legacy_decisions,
)
from linkgraph.privacy import is_victim
from linkgraph.resolve.reading import CaseTables
from linkgraph.resolve.references import MentionReference, parse_reference
from linkgraph.schema import PERSON_IDENTIFIERS, Decision

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


def _reference_index(mentions: pd.DataFrame) -> dict[MentionReference, str]:
    """Each reference a mention answers to → its mention id: (source, row), (source, row,
    slot) and (source, row, slot, N) for the N-th of several mentions of one slot, each
    also with the file's base name as source.

    A (source, row) reference that matches several mentions prefers the person mention.
    """
    table: dict[MentionReference, str] = {}
    frame = mentions[["mention_id", "type", "source", "row", "slot"]]
    frame = frame[frame["row"].notna()]
    keys = [frame["source"].astype(str), frame["row"], frame["slot"].astype(str)]
    nth = frame.groupby(keys, sort=False, dropna=False).cumcount() + 1
    frame = frame.assign(item=nth.to_numpy())
    frame = frame.sort_values(
        ["type", "mention_id"], key=lambda s: s.ne("person") if s.name == "type" else s
    )
    for mid, source, row, slot, item in zip(
        frame["mention_id"],
        frame["source"].astype(str),
        frame["row"],
        frame["slot"],
        frame["item"],
        strict=True,
    ):
        for src in {source, os.path.basename(source)}:
            table.setdefault(MentionReference(src, int(row)), mid)
            if slot is not pd.NA and slot is not None:
                table.setdefault(MentionReference(src, int(row), str(slot)), mid)
                table.setdefault(MentionReference(src, int(row), str(slot), int(item)), mid)
    return table


def _referenced_mention(value: str, refs: dict[MentionReference, str]) -> str:
    """The mention id ``value`` names as ``SOURCE#ROW[#SLOT[#N]]`` or ``SOURCE:ROW...``
    (``value`` itself when it is no reference the case has)."""
    reference = parse_reference(value)
    return value if reference is None else refs.get(reference, value)


#: The mention columns that say what a decision's side is about (:func:`describe_sides`).
SIDE_COLUMNS: tuple[str, ...] = (
    "mention_id",
    "type",
    "source",
    "slot",
    "row",
    "label",
    "role",
    "raw",
    "name",
    "dob",
    "attrs",
    *PERSON_IDENTIFIERS,
    "plate",
    "identifier",
)
#: The mention fields that say which record a mention is (with its type, slot and
#: label): a corrected file that changes any other column keeps the record's identity.
_IDENTITY_FIELDS: tuple[str, ...] = ("name", "dob", *PERSON_IDENTIFIERS, "plate", "identifier")
#: The facts kept of each side of a decision, as ``left_*`` and ``right_*`` columns.
_SIDE_FACTS: tuple[str, ...] = ("source", "slot", "row", "label", "print", "fields")
_SIDES: tuple[str, ...] = ("left", "right")
#: How a victim's mention is named in a decision's record and its warnings.
VICTIM_LABEL = "a victim"


#: How a fingerprint keyed with the case's pseudonym key begins (:func:`mention_prints`,
#: :func:`mention_fields` given a key). Those written before keys (bare SHA-256) lack it:
#: they are matched as they were written, and rewritten keyed when found.
KEYED = "k:"


def is_keyed(fingerprint: object) -> bool:
    """Whether a stored fingerprint (or the identity of stored fields) is keyed."""
    return isinstance(fingerprint, str) and fingerprint.startswith(KEYED)


def _digest(text: str, digits: int, key: bytes | None, purpose: str) -> str:
    """``digits`` hex digits of HMAC-SHA-256(``key``, ``purpose`` + ``text``), with
    :data:`KEYED` ahead; of SHA-256(``text``) when ``key`` is None (how fingerprints were
    made before they were keyed, kept to recognise those)."""
    if key is None:
        return hashlib.sha256(text.encode()).hexdigest()[:digits]
    mac = hmac.new(bytes(key), f"{purpose}\x1f{text}".encode(), hashlib.sha256)
    return KEYED + mac.hexdigest()[:digits]


def mention_prints(mentions: pd.DataFrame, key: bytes | None = None) -> pd.Series:
    """Each mention's fingerprint: 16 hex digits of HMAC-SHA-256 with the case's
    pseudonym ``key`` over its type, slot, label and raw source row (the columns as read),
    :data:`KEYED` ahead. Positions are left out, so a record keeps its fingerprint when a
    corrected file moves it to another row; a changed record gets another. Meant for the
    few mentions decisions name (one hash per row).

    Keyed, because a bare hash of a row of a name and a date of birth is reversed by
    hashing a list of names and dates. Without ``key``: the bare SHA-256 of the same
    text, as decisions written before keys hold it (and a seed the caller keys itself)."""
    parts = _columns(mentions, ("type", "slot", "label", "raw")).astype("string").fillna("")
    prints = [
        _digest("\x1f".join((kind, slot, label, _canonical_raw(raw))), 16, key, "print")
        for kind, slot, label, raw in parts.itertuples(index=False, name=None)
    ]
    return pd.Series(prints, index=mentions.index, dtype="string")


def mention_fields(mentions: pd.DataFrame, key: bytes | None = None) -> pd.Series:
    """Each mention's identity and column hashes, as JSON ``{"identity": ..., "columns":
    {column: hash}}``: the identity is 16 hex digits of HMAC-SHA-256 with the case's
    pseudonym ``key`` over its type, slot, label, name, date of birth, identifiers and the
    record id its ``attrs`` keep (a ``*id`` key), :data:`KEYED` ahead; each raw column's
    hash is 8 hex digits of HMAC-SHA-256 of its name and value (no value is kept). A
    record a corrected file changed only in other columns keeps its identity, and the
    column hashes say which columns changed. Meant for the few mentions decisions name.

    Keyed: a bare 8-digit hash of a date of birth or a first name is reversed by hashing
    every date and a list of names. Without ``key``: the bare SHA-256 hashes decisions
    written before keys hold (to recognise those)."""
    parts = _columns(mentions, ("type", "slot", "label", *_IDENTITY_FIELDS))
    parts = parts.astype("string").fillna("")
    attrs = _columns(mentions, ("attrs",))["attrs"].astype("string").fillna("")
    raws = _columns(mentions, ("raw",))["raw"].astype("string").fillna("")
    out = []
    for values, attr, raw in zip(
        parts.itertuples(index=False, name=None), attrs, raws, strict=True
    ):
        identity = "\x1f".join((*values, _record_ids(attr)))
        out.append(
            json.dumps(
                {
                    "identity": _digest(identity, 16, key, "identity"),
                    "columns": _column_hashes(raw, key),
                },
                sort_keys=True,
            )
        )
    return pd.Series(out, index=mentions.index, dtype="string")


def _json_object(text: str) -> dict[str, Any]:
    """``text`` read as a JSON object ({} when it is none)."""
    try:
        value = json.loads(text)
    except (ValueError, TypeError):
        return {}
    return value if isinstance(value, dict) else {}


def _record_ids(attrs: str) -> str:
    """The record ids among a mention's ``attrs`` (keys ending in "id"), canonically."""
    kept = {k: v for k, v in _json_object(attrs).items() if str(k).casefold().endswith("id")}
    return json.dumps(kept, sort_keys=True, ensure_ascii=False, default=str)


def _column_hashes(raw: str, key: bytes | None) -> dict[str, str]:
    """Each non-blank column of a raw row → 8 hex digits of its name and value keyed
    with ``key`` (of the bare value when None: how they were written before keys)."""
    columns = _json_object(_canonical_raw(raw))
    if key is None:
        return {str(k): _digest(str(v), 8, None, "") for k, v in columns.items()}
    return {str(k): _digest(f"{k}\x1f{v}", 8, key, "column") for k, v in columns.items()}


def _columns(mentions: pd.DataFrame, names: Sequence[str]) -> pd.DataFrame:
    """``mentions``' columns ``names``, those it lacks as nulls (a case made in Python
    may have no raw rows or roles)."""
    return mentions.reindex(columns=list(names))


def _canonical_raw(raw: str) -> str:
    """A raw row (a JSON object of the columns read) with its blank values left out and
    its keys sorted: the same record whatever columns the other rows of its file have
    (a JSON file's columns are those of all its records, in the order first seen)."""
    try:
        columns = json.loads(raw)
    except ValueError:
        return raw  # not JSON (an XML element): as it is
    if not isinstance(columns, dict):
        return raw
    kept = {k: v for k, v in columns.items() if v is not None and v != ""}
    return json.dumps(kept, sort_keys=True, ensure_ascii=False, default=str)


def victim_names(mentions: pd.DataFrame) -> frozenset[str]:
    """The labels (folded to lower case) of the mentions whose role marks a victim: a
    mention of that name elsewhere (a hotline caller who is the victim) is hers too."""
    mentions = _columns(mentions, ("label", "role"))
    roles = mentions["role"].astype("string")
    victim_roles = [r for r in roles.dropna().unique() if is_victim(r)]
    labels = mentions.loc[roles.isin(victim_roles).to_numpy(dtype=bool), "label"]
    return frozenset(labels.astype("string").dropna().str.strip().str.casefold())


def shown_labels(mentions: pd.DataFrame, victims: frozenset[str] = frozenset()) -> pd.Series:
    """The mentions' labels as decisions' records and warnings show them: a victim's (by
    the role her source gives, or a name among ``victims``, see :func:`victim_names`)
    as :data:`VICTIM_LABEL`."""
    mentions = _columns(mentions, ("label", "role"))
    labels = mentions["label"].astype("string").fillna("")
    victim = mentions["role"].map(is_victim).astype(
        bool
    ).to_numpy() | labels.str.strip().str.casefold().isin(victims).to_numpy(dtype=bool)
    return labels.mask(victim, VICTIM_LABEL)


def _side_facts(
    mentions: pd.DataFrame, key: bytes, victims: frozenset[str] = frozenset()
) -> pd.DataFrame:
    """Per mention id: source, slot, row, shown label, fingerprint and fields (keyed with
    ``key``), and the unkeyed fingerprint (``legacy_print``) decisions written before
    keys hold."""
    mentions = _columns(mentions.drop_duplicates("mention_id"), SIDE_COLUMNS)
    return pd.DataFrame(
        {
            "source": mentions["source"].astype("string").to_numpy(),
            "slot": mentions["slot"].astype("string").to_numpy(),
            "row": mentions["row"].astype("Int64").to_numpy(),
            "label": shown_labels(mentions, victims).to_numpy(),
            "print": mention_prints(mentions, key).to_numpy(),
            "fields": mention_fields(mentions, key).to_numpy(),
            "legacy_print": mention_prints(mentions).to_numpy(),
        },
        index=pd.Index(mentions["mention_id"].astype(str).to_numpy()),
    )


def describe_sides(
    decisions: pd.DataFrame,
    mentions: pd.DataFrame,
    victims: frozenset[str] = frozenset(),
    *,
    key: bytes,
) -> pd.DataFrame:
    """``decisions`` with the ``left_*`` / ``right_*`` columns (source, slot, row, label,
    fingerprint) filled from ``mentions`` (:data:`SIDE_COLUMNS`, holding at least the
    mentions they name) where a side has no fingerprint yet: what each side is about,
    so that the decision follows its record (:func:`attach_decisions`). A victim's label
    (see :func:`shown_labels`) is kept as :data:`VICTIM_LABEL`; the fingerprints are
    keyed with the case's pseudonym ``key`` (:func:`mention_prints`), and a side still
    holding an unkeyed one of the record its mention holds gets the keyed one."""
    return _fill_sides(decisions, _side_facts(mentions, key, victims))


def _fill_sides(decisions: pd.DataFrame, facts: pd.DataFrame) -> pd.DataFrame:
    """:func:`describe_sides` from :func:`_side_facts`."""
    out = DECISIONS.conform(decisions)
    for side in _SIDES:
        known = out[side].astype(str).isin(facts.index).to_numpy()
        blank = out[f"{side}_print"].isna().to_numpy() & known
        if blank.any():
            ids = out.loc[blank, side].astype(str).to_numpy()
            for fact in _SIDE_FACTS:
                out.loc[blank, f"{side}_{fact}"] = facts[fact].reindex(ids).to_numpy()
        ids = out[side].astype(str).to_numpy()
        stored = out[f"{side}_print"].to_numpy()
        # Fingerprinted before keys, on a record still where it was: keyed now (print
        # and fields, both of the record the mention holds).
        legacy = facts["legacy_print"].reindex(ids).to_numpy() == stored
        unkeyed = np.array([not is_keyed(p) for p in stored], dtype=bool)
        rekey = unkeyed & known & pd.array(legacy).fillna(False).to_numpy(dtype=bool)
        if rekey.any():
            for fact in ("print", "fields"):
                out.loc[rekey, f"{side}_{fact}"] = facts[fact].reindex(ids[rekey]).to_numpy()
        # Decided before the fields were kept, on a record still where it was: add them.
        same = facts["print"].reindex(ids).to_numpy() == out[f"{side}_print"].to_numpy()
        unfielded = (
            out[f"{side}_fields"].isna().to_numpy()
            & known
            & pd.array(same).fillna(False).to_numpy(dtype=bool)
        )
        if unfielded.any():
            out.loc[unfielded, f"{side}_fields"] = (
                facts["fields"].reindex(ids[unfielded]).to_numpy()
            )
    return DECISIONS.conform(out)


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
    """Read a must-link / cannot-link CSV (every usable row, unchecked: see
    :func:`read_decision_file` for the check of each row against the record it names).

    Columns ``left``, ``right`` (mention ids, or ``SOURCE#ROW`` / ``SOURCE#ROW#SLOT`` /
    ``SOURCE#ROW#SLOT#N`` references, or the same with ``:`` as ``linkgraph explain``
    takes them) and ``decision`` (must_link / cannot_link, or match / non_match, yes / no).
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
    return _read_rows(path, mentions, analyst=analyst, decided_at=decided_at)[0]


def _read_rows(
    path: str | os.PathLike[str],
    mentions: pd.DataFrame,
    *,
    analyst: str | None = None,
    decided_at: datetime | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """:func:`read_overrides`, and per decision its file row and the labels the file
    gives its sides (``row``, ``left_label``, ``right_label``; "" where none)."""
    source = str(path)
    raw = read_user_csv(
        path,
        kind="decisions CSV",
        needs="columns left, right and decision (must_link or cannot_link), or a "
        "`linkgraph review` CSV with its label column filled",
        example="left,right,decision\n  arrests.csv:14,hotline.xlsx:3:suspect,must_link",
        required=[("left", "right", "decision"), ("left", "right", "label")],
        keep_default_na=False,
    )
    decision_col = "label" if "label" in raw.columns else "decision"
    type_of = dict(
        zip(mentions["mention_id"].astype(str), mentions["type"].astype(str), strict=True)
    )
    known = type_of.keys()
    refs: dict[MentionReference, str] | None = None
    now = decided_at or datetime.now(UTC).replace(microsecond=0)
    rows: list[dict[str, Any]] = []
    named: list[dict[str, Any]] = []
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
                value = _referenced_mention(value, refs)
            if value not in known:
                raise InputError(
                    f"no mention {value!r} in the case",
                    source=source,
                    row=i,
                    column=side,
                    hint="use mention ids (m:...) or SOURCE#ROW (or SOURCE:ROW) references "
                    "such as arrests.csv#14; `linkgraph mentions CASE_DIR --search TEXT` "
                    "lists source and row of each",
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
        named.append(
            {"row": i, **{f"{s}_label": str(rec.get(f"{s}_label", "") or "") for s in _SIDES}}
        )
    table = DECISIONS.conform(pd.DataFrame(rows, columns=list(DECISION_COLUMNS)))
    return table, pd.DataFrame(named, columns=["row", "left_label", "right_label"])


def _when(value: object, default: datetime) -> pd.Timestamp:
    """An analyst's ``decided_at`` cell as a UTC time (``default`` when blank or unreadable)."""
    text = "" if value is None else str(value).strip()
    stamp = pd.to_datetime(text, utc=True, errors="coerce") if text else pd.NaT
    return pd.Timestamp(default) if pd.isna(stamp) else stamp


#: The mention columns :func:`read_decision_file` reads: those ids and ``SOURCE#ROW``
#: references name, and what a file's labels are checked against.
FILE_CHECK_COLUMNS: tuple[str, ...] = (
    "mention_id", "type", "source", "row", "slot", "label", "name", "role",
)  # fmt: skip


@dataclass(frozen=True)
class FileDecisions:
    """A decisions CSV checked against the mentions it names now (:func:`read_decision_file`)."""

    #: The decisions to add (the ``decisions`` table's columns).
    decisions: pd.DataFrame
    #: Warnings for the user: rows set aside, or ids that may name other records now.
    warnings: tuple[str, ...]


def fold_label(value: object) -> str:
    """A name or label compared loosely: accents dropped, case folded, spaces collapsed.

    >>> fold_label("  Maria  LUNGU ") == fold_label("María Lungu")
    True
    """
    if not isinstance(value, str):
        return ""
    text = unicodedata.normalize("NFKD", str(value))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.casefold().split())


def read_decision_file(
    path: str | os.PathLike[str], mentions: pd.DataFrame, manifest: Mapping[str, Any]
) -> FileDecisions:
    """Read a decisions CSV (:func:`read_overrides`) and check each row against the
    records its ids name now.

    Mention ids and ``SOURCE#ROW`` references are positions: after a corrected file is
    ingested again with rows inserted or removed, they name whoever sits there now. A
    row whose file names the record of a side (``left_label`` / ``right_label``, as
    ``linkgraph review`` writes them) that the mention does not hold now (its name and
    label both differ, compared by :func:`fold_label`; a victim's pseudonym given for a
    mention that is no victim's differs too) is set aside: not applied, and named in a
    warning. Where the file names no record (or gives a victim's mention her pseudonym,
    which cannot be checked here), a source ingested again after the file
    was written (its modification time against the manifest's ingest steps) is warned of.

    Args:
        path: the CSV.
        mentions: the case's mentions, :data:`FILE_CHECK_COLUMNS` (those there are).
        manifest: the case's manifest (its ``steps`` give when each file was ingested).
    """
    table, named = _read_rows(path, mentions)
    if table.empty:
        return FileDecisions(table, ())
    facts = _file_check_facts(mentions, set(table["left"]) | set(table["right"]))
    keep = np.ones(len(table), dtype=bool)
    why: list[str] = []
    unchecked: set[str] = set()
    for i in range(len(table)):
        problems = []
        for side in _SIDES:
            mid, given = str(table.at[i, side]), named.at[i, f"{side}_label"]
            now = facts.loc[mid]
            if fold_label(given) in (now["name"], now["label"]):
                continue
            if not given.strip() or (now["victim"] and _hides_a_victim(given)):
                unchecked.add(str(now["source"]))  # her pseudonym: not to be checked here
            else:
                shown_given = VICTIM_LABEL if fold_label(given) in facts.attrs["victims"] else given
                if shown_given == now["shown"] == VICTIM_LABEL:
                    problems.append(f"{now['where']} holds another record now (names withheld)")
                else:
                    problems.append(
                        f"{now['where']} holds {now['shown']!r} now, the file names {shown_given!r}"
                    )
        if problems:
            keep[i] = False
            row = table.iloc[i]
            why.append(f"row {named.at[i, 'row']} ({row['decision']}): {'; '.join(problems)}")
    name = os.path.basename(str(path))
    notes = []
    if why:
        notes.append(_file_set_aside_message(name, why))
    stale = _reingested_since(path, unchecked, manifest)
    if stale:
        notes.append(
            f"{name} was written before {', '.join(stale)} was ingested again: its rows"
            " that name no record (no left_label/right_label, or a victim's pseudonym) name"
            " mentions by position (source, row), which"
            " may hold other records now; check them (`linkgraph mentions CASE_DIR --search"
            " TEXT`), or run `linkgraph review` again and label the new file"
        )
    return FileDecisions(table.loc[keep].reset_index(drop=True), tuple(notes))


#: How outputs name a victim in place of her name: her pseudonym (``Victim-`` and 6 hex
#: digits, and the type for what she holds) or :data:`VICTIM_LABEL`.
_HIDDEN_VICTIM = re.compile(r"^(victim-[0-9a-f]{6}( \(.*\))?|" + re.escape(VICTIM_LABEL) + ")$")


def _hides_a_victim(label: str) -> bool:
    """Whether ``label`` is how an output names a victim (not a name to compare)."""
    return bool(_HIDDEN_VICTIM.match(" ".join(label.casefold().split())))


def _file_check_facts(mentions: pd.DataFrame, ids: set[str]) -> pd.DataFrame:
    """Per mention id among ``ids``: folded name and label, shown label, where, victim."""
    mentions = _columns(mentions, FILE_CHECK_COLUMNS)
    victims = victim_names(mentions)
    sub = mentions[mentions["mention_id"].astype(str).isin(ids).to_numpy()]
    sub = sub.drop_duplicates("mention_id")
    shown = shown_labels(sub, victims)
    places = sub[["source", "row", "slot"]]
    facts = pd.DataFrame(
        {
            "name": [fold_label(v) for v in sub["name"]],
            "label": [fold_label(v) for v in sub["label"]],
            "shown": shown.to_numpy(),
            "victim": (shown == VICTIM_LABEL).to_numpy(),
            "source": sub["source"].astype("string").fillna("").to_numpy(),
            "where": [_where(pd.Series(r)) for r in places.to_dict("records")],
        },
        index=pd.Index(sub["mention_id"].astype(str).to_numpy()),
    )
    facts.attrs["victims"] = victims
    return facts


def _file_set_aside_message(name: str, why: list[str]) -> str:
    """The warning naming the rows of decisions file ``name`` set aside."""
    shown = why[:_SET_ASIDE_LISTED]
    more = len(why) - len(shown)
    n = len(why)
    return (
        f"{n:,} {'row' if n == 1 else 'rows'} of {name} set aside, not applied (the"
        f" mention at the row it names holds another record now: a corrected file was"
        f" ingested again): {'; '.join(shown)}{f' and {more:,} more' if more else ''}."
        " Run `linkgraph review` again and label the new file, or decide those pairs"
        " again with the mentions as they are now (`linkgraph mentions CASE_DIR --search TEXT`)"
    )


def _reingested_since(
    path: str | os.PathLike[str], sources: set[str], manifest: Mapping[str, Any]
) -> list[str]:
    """Those of ``sources`` (file names) the manifest's ingest steps ingested after the
    file at ``path`` was last written."""
    sources = {os.path.basename(s) for s in sources if s}
    if not sources:
        return []
    try:
        written = pd.Timestamp(os.path.getmtime(path), unit="s", tz="UTC")
    except OSError:
        return []
    later: set[str] = set()
    for step in manifest.get("steps", []) or []:
        if not isinstance(step, Mapping) or step.get("stage") != "ingest":
            continue
        at = pd.to_datetime(step.get("at"), utc=True, errors="coerce")
        if pd.isna(at) or at <= written:
            continue
        later.update(os.path.basename(str(f)) for f in step.get("files", []) or [])
    return sorted(later & sources)


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


#: How many set-aside decisions :func:`set_aside_message` lists one by one.
_SET_ASIDE_LISTED = 5


@dataclass(frozen=True)
class AttachedDecisions:
    """Decisions checked against the mentions the case holds now (:func:`attach_decisions`)."""

    #: Every decision, its ids moved to where its records are now; the set-aside ones as
    #: they were (kept on record: they apply again if their records come back).
    decisions: pd.DataFrame
    #: Per row of ``decisions``: whether it can apply.
    applies: np.ndarray
    #: The decisions that cannot apply, each with ``why`` (source, row, label then and now).
    set_aside: pd.DataFrame
    #: How many decisions followed a record to another row.
    moved: int
    #: The decisions that followed a record a corrected file changed in columns other
    #: than those saying who it is, each with the row it went to and what changed.
    followed: tuple[str, ...] = ()

    def applicable(self) -> pd.DataFrame:
        """The decisions that apply (ids as they are now)."""
        return self.decisions.loc[self.applies].reset_index(drop=True)


def _where(facts: pd.Series) -> str:
    """``hotline.json row 3 caller`` from a side's stored source, row and slot."""
    row = "" if pd.isna(facts["row"]) else f" row {int(facts['row'])}"
    slot = "" if pd.isna(facts["slot"]) else f" {facts['slot']}"
    return f"{facts['source']}{row}{slot}"


class _Side(NamedTuple):
    """Where one side of a decision is now: its mention id and row, or why it is gone;
    ``followed`` says how a record followed by its identity changed."""

    mention_id: str | None
    row: Any = None
    why: str = ""
    followed: str = ""
    #: The fingerprint and fields of the record followed (kept on the decision).
    record: tuple[str, str] | None = None


def _holds(current: pd.DataFrame, mention_id: str, stored_print: object) -> bool:
    """Whether ``mention_id`` holds the record of fingerprint ``stored_print`` now
    (keyed, or bare when it was written before keys: :func:`_side_facts`)."""
    if mention_id not in current.index or pd.isna(stored_print):
        return False
    column = "print" if is_keyed(stored_print) else "legacy_print"
    return bool(current.at[mention_id, column] == stored_print)


def _kept(current: pd.DataFrame, mention_id: str) -> tuple[str, str]:
    """The keyed fingerprint and fields of ``mention_id`` to keep on its decision."""
    return (str(current.at[mention_id, "print"]), str(current.at[mention_id, "fields"]))


def _side_now(
    stored: pd.Series,
    current: pd.DataFrame,
    search: _RecordSearch,
    mention_id: str,
    taken: frozenset[str] = frozenset(),
) -> _Side:
    """Where one side's record is now: where it was, or the one mention of its source
    and slot with its fingerprint (the row moved), or with its identity (only other
    columns changed: followed, and the changed columns named); else None and why not.
    ``taken``: mentions that hold the decision's other record (never this one's)."""
    if pd.isna(stored["print"]):  # decided before fingerprints: only the id to go by
        if mention_id in current.index:
            return _Side(mention_id, stored["row"])
        return _Side(None, why=f"{mention_id} is not in the case any more")
    if _holds(current, mention_id, stored["print"]):
        return _Side(mention_id, current.at[mention_id, "row"], record=_kept(current, mention_id))
    where, was = _where(stored), stored["label"]
    if mention_id in current.index:
        then = f"{where} was {was!r}, is now {current.at[mention_id, 'label']!r}"
    else:
        then = f"{where} ({was!r})"
    candidates = search.candidates(stored)
    candidates = candidates.loc[~candidates["mention_id"].isin(taken)]
    found = candidates.loc[candidates["print"] == stored["print"]]
    if len(found) == 1:
        hit = found.iloc[0]
        record = (str(hit["record_print"]), str(hit["record_fields"]))
        return _Side(str(hit["mention_id"]), hit["row"], record=record)
    if len(found):
        return _Side(None, why=f"{then}; the record is in the file {len(found)} times now")
    return _changed_side(stored, candidates, then)


def _changed_side(stored: pd.Series, candidates: pd.DataFrame, then: str) -> _Side:
    """A side whose fingerprint no mention has now: followed to the one candidate (same
    source, slot and label) with its identity, else why not ("changed or removed",
    naming the most alike candidate, or "not in the file any more" when there is none:
    a candidate differing in more than half the record's columns is another record)."""
    fields = _json_object(stored["fields"]) if isinstance(stored["fields"], str) else {}
    columns = fields.get("columns") if isinstance(fields.get("columns"), dict) else None
    if fields.get("identity"):
        same = candidates.loc[candidates["identity"] == fields["identity"]]
        if len(same) == 1:
            hit = same.iloc[0]
            changed = _changed_columns(columns, hit["fields"])
            note = f"followed to row {hit['row']}" + (f": {changed} changed" if changed else "")
            record = (str(hit["record_print"]), str(hit["record_fields"]))
            return _Side(str(hit["mention_id"]), hit["row"], followed=note, record=record)
        if len(same) > 1:
            rows = ", ".join(str(r) for r in same["row"].head(5))
            return _Side(None, why=f"{then}; the record is in the file {len(same)} times now"
                         f" (rows {rows})")  # fmt: skip
    if columns:  # a row that differs in more than half its columns is another record
        alike = [2 * _count_changed(columns, f) <= len(columns) for f in candidates["fields"]]
        candidates = candidates.loc[np.asarray(alike, dtype=bool)]
    if candidates.empty:
        return _Side(None, why=f"{then}; the record is not in the file any more")
    closest = _closest(candidates, columns)
    changed = _changed_columns(columns, closest["fields"])
    what = f" ({changed} differ)" if changed else ""
    others = f" and {len(candidates) - 1} more" if len(candidates) > 1 else ""
    return _Side(
        None,
        why=f"{then}; the record was changed or removed: the most alike row is"
        f" {closest['row']}{what}{others}; decide again with it if it is the same record",
    )


def _closest(candidates: pd.DataFrame, columns: dict[str, Any] | None) -> pd.Series:
    """The candidate with the fewest columns changed from ``columns`` (of those, the
    nearest the old row: candidates come in that order); the nearest when unknown."""
    if not columns:
        return candidates.iloc[0]
    changed = [_count_changed(columns, f) for f in candidates["fields"]]
    return candidates.iloc[int(np.argmin(changed))]


def _count_changed(stored: dict[str, Any], fields_now: object) -> int:
    """How many columns :func:`_changed_columns` names."""
    changed = _changed_columns(stored, fields_now)
    return len(changed.split(", ")) if changed else 0


def _changed_columns(stored: dict[str, Any] | None, fields_now: object) -> str:
    """The columns whose hashes differ between ``stored`` and the mention's fields now,
    as "city, phone" ("" when ``stored`` is unknown or none differ)."""
    if not stored or not isinstance(fields_now, str):
        return ""
    now = _json_object(fields_now).get("columns") or {}
    names = sorted(k for k in set(stored) | set(now) if stored.get(k) != now.get(k))
    return ", ".join(names)


class _RecordSearch:
    """Finds a record's mentions among those of its source and slot (the places of
    every mention read once, when first needed)."""

    def __init__(self, tables: Any, key: bytes) -> None:
        self.tables = tables
        self.key = key
        self.place: pd.DataFrame | None = None

    def candidates(self, stored: pd.Series) -> pd.DataFrame:
        """The mentions of the side's source and slot and label (any label for a
        victim's side), with ``mention_id``, ``row``, ``print``, ``fields`` and
        ``identity`` made as the side's were (keyed, or bare for a side fingerprinted
        before keys) and the keyed ``record_print`` and ``record_fields`` to keep; in row
        order, those nearest the side's old row first."""
        if self.place is None:
            self.place = _columns(
                self.tables.read(("source", "slot", "label")), ("source", "slot", "label")
            )
        place = self.place
        rows = (place["source"].astype("string") == stored["source"]) & (
            place["slot"].astype("string") == stored["slot"]
        )
        if stored["label"] != VICTIM_LABEL:  # only the rows of that label
            rows &= place["label"].astype("string") == stored["label"]
        rows = rows.fillna(False).to_numpy(dtype=bool)
        columns = [
            "mention_id", "row", "print", "fields", "identity", "record_print", "record_fields",
        ]  # fmt: skip
        if not rows.any():
            return pd.DataFrame(columns=columns)
        found = _columns(self.tables.read(SIDE_COLUMNS, rows), SIDE_COLUMNS)
        keyed_print, keyed_fields = mention_prints(found, self.key), mention_fields(found, self.key)
        if is_keyed(stored["print"]):
            prints, fields = keyed_print, keyed_fields
        else:  # fingerprinted before keys: compared as it was made
            prints, fields = mention_prints(found), mention_fields(found)
        out = pd.DataFrame(
            {
                "mention_id": found["mention_id"].astype(str).to_numpy(),
                "row": found["row"].astype("Int64").to_numpy(),
                "print": prints.to_numpy(),
                "fields": fields.to_numpy(),
                "identity": [_json_object(f).get("identity") for f in fields],
                "record_print": keyed_print.to_numpy(),
                "record_fields": keyed_fields.to_numpy(),
            }
        )
        old = stored["row"]
        if not pd.isna(old):
            distance = (out["row"].astype("Float64") - float(old)).abs().fillna(np.inf)
            out = out.iloc[np.argsort(distance.to_numpy(dtype=float), kind="stable")]
        return out.reset_index(drop=True)


def attach_decisions(decisions: pd.DataFrame, tables: Any, key: bytes) -> AttachedDecisions:
    """Check each decision against the mentions the case holds now.

    Mention ids are positional (source, row, slot): when a corrected file is re-ingested
    with rows inserted or removed, an id names whoever sits at that position now. So each
    side of a decision keeps its record's fingerprint (:func:`describe_sides`); a side
    whose mention no longer has it is moved to the one mention of the same source and
    slot that has it (the row moved), or, when there is none (the record is gone or was
    changed) or several, the decision is set aside: not applied, and listed with why.
    Decisions written before fingerprints get theirs from the mentions they name now;
    fingerprints written before they were keyed are matched as they were made and kept
    keyed from then on.

    Args:
        decisions: the ``decisions`` table.
        tables: a :class:`~linkgraph.resolve.reading.CaseTables` of the case (its
            ``read(columns, rows)`` gives the mentions' columns).
        key: the case's pseudonym key (:attr:`~linkgraph.model.Case.pseudonym_key`),
            which keys the fingerprints (:func:`mention_prints`).
    """
    decisions = DECISIONS.conform(decisions).reset_index(drop=True)
    if decisions.empty:
        return AttachedDecisions(decisions, np.zeros(0, bool), _with_why(decisions, []), 0)
    ids = tables.read(("mention_id",))["mention_id"].astype(str)
    named = pd.unique(decisions[["left", "right"]].astype(str).to_numpy().ravel())
    victims = victim_names(tables.read(("label", "role")))
    named_rows = tables.read(SIDE_COLUMNS, ids.isin(named).to_numpy(dtype=bool))
    current = _side_facts(named_rows, key, victims)
    # decided before fingerprints, or before they were keyed: as now
    decisions = _fill_sides(decisions, current)
    search = _RecordSearch(tables, key)
    applies = np.ones(len(decisions), dtype=bool)
    why: list[str] = []
    moved = 0
    followed: list[str] = []
    out = decisions.copy()
    for i, row in decisions.iterrows():
        stored = {side: pd.Series({f: row[f"{side}_{f}"] for f in _SIDE_FACTS}) for side in _SIDES}
        held = {
            side: str(row[side])
            for side in _SIDES
            if _holds(current, str(row[side]), stored[side]["print"])
        }
        now = [
            _side_now(
                stored[side],
                current,
                search,
                str(row[side]),
                frozenset(v for k, v in held.items() if k != side),
            )
            for side in _SIDES
        ]
        reasons = [side.why for side in now if side.why]
        if reasons or now[0].mention_id == now[1].mention_id:
            applies[i] = False
            why.append("; ".join(reasons) or "both sides are one record now")
            continue
        if [side.mention_id for side in now] != [str(row["left"]), str(row["right"])]:
            moved += 1
            for name, side in zip(_SIDES, now, strict=True):
                out.loc[i, [name, f"{name}_row"]] = [side.mention_id, side.row]
        for name, side in zip(_SIDES, now, strict=True):
            if side.record is not None:
                out.loc[i, [f"{name}_print", f"{name}_fields"]] = list(side.record)
        notes = [
            f"{_where(pd.Series({f: row[f'{n}_{f}'] for f in _SIDE_FACTS}))} {side.followed}"
            for n, side in zip(_SIDES, now, strict=True)
            if side.followed
        ]
        if notes:
            label = f"{row['decision']} {row['left']} {row['right']}"
            followed.append(f"{label}: {'; '.join(notes)}")
    aside = _with_why(decisions.loc[~applies], why)
    return AttachedDecisions(out, applies, aside, moved, tuple(followed))


def in_force(attached: AttachedDecisions) -> pd.DataFrame:
    """The decision in force on each pair (the newest, :func:`effective_decisions`) among
    those :func:`attach_decisions` did not set aside: a set-aside decision does not give
    way to an older one on the same pair."""
    if attached.decisions.empty:
        return DECISIONS.empty()
    newest = effective_decisions(attached.decisions.assign(_applies=attached.applies))
    return (
        newest.loc[newest["_applies"].to_numpy(dtype=bool)]
        .drop(columns="_applies")
        .reset_index(drop=True)
    )


def _with_why(rows: pd.DataFrame, why: list[str]) -> pd.DataFrame:
    return rows.reset_index(drop=True).assign(why=pd.Series(why, dtype="string"))


def set_aside_message(set_aside: pd.DataFrame) -> str:
    """One line naming the decisions :func:`attach_decisions` set aside ("" when none)."""
    if set_aside.empty:
        return ""
    shown = [
        f"{row.decision} {row.left} {row.right}"
        + (f" ({row.note!r})" if row.note else "")
        + f": {row.why}"
        for row in set_aside.fillna({"note": ""}).head(_SET_ASIDE_LISTED).itertuples()
    ]
    more = len(set_aside) - len(shown)
    n = len(set_aside)
    return (
        f"{n:,} analyst {'decision' if n == 1 else 'decisions'} set aside, not applied:"
        f" {'; '.join(shown)}{f' and {more:,} more' if more else ''}. They stay on record"
        " (and apply again if their records come back): decide the pairs again with the"
        " mentions as they are now (`linkgraph mentions CASE_DIR --search TEXT`)"
    )


def followed_message(followed: Sequence[str]) -> str:
    """One line naming the decisions :func:`attach_decisions` followed to a record a
    corrected file changed in other columns than those saying who it is ("" when none)."""
    if not followed:
        return ""
    n, shown = len(followed), list(followed[:_SET_ASIDE_LISTED])
    more = f" and {n - len(shown):,} more" if n > len(shown) else ""
    return (
        f"{n:,} analyst {'decision' if n == 1 else 'decisions'} followed"
        f" {'its' if n == 1 else 'their'} records to rows a corrected file changed"
        f" (name, date of birth, identifiers and record id unchanged): {'; '.join(shown)}{more}."
        " Check them with `linkgraph explain CASE_DIR LEFT RIGHT` if the change matters"
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
    named = case.mentions["mention_id"].astype(str).isin([left, right]).to_numpy(dtype=bool)
    tables = CaseTables(case)
    victims = victim_names(tables.read(("label", "role")))
    sides = describe_sides(
        pd.DataFrame([row]), tables.read(SIDE_COLUMNS, named), victims, key=case.pseudonym_key
    )
    table = add_decisions(case_decisions(case), sides)
    manifest = {k: v for k, v in case.manifest.items() if k != LEGACY_DECISIONS_KEY}
    return replace(case, manifest=manifest).with_tables(decisions=table)


#: What :func:`decide` reads of a case (``Case.read(path, columns=DECIDE_COLUMNS)``): the
#: mentions' ids, types, references, labels and roles (a reference naming several
#: mentions lists them, victims withheld), and the decisions table in full.
DECIDE_COLUMNS: dict[str, tuple[str, ...]] = {
    "mentions": ("mention_id", "type", "source", "row", "slot", "label", "role"),
    "links": ("link_id",),
    **dict.fromkeys((t for t in OPTIONAL_TABLES if t != "decisions"), ()),
}
