"""Rows to mentions and links through a mapping: vectorised, one pass per slot and field."""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from functools import lru_cache, partial
from importlib import resources
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import yaml

from linkgraph._arrays import unique
from linkgraph.errors import InputError
from linkgraph.ingest import normalize
from linkgraph.ingest._booking_words import booking_only_re2
from linkgraph.ingest._columns import (
    ambiguous_dates,
    arrow_strings,
    arrow_text,
    as_text,
    clean_cells,
    constant_text,
    date_orders,
    gregorian_years,
    header_index,
    header_key,
    json_objects,
    may_contain,
    parse_times,
    plain_iso_shape,
    re2_match,
    reject_frame,
)
from linkgraph.ingest._coordinates import COORDINATE_NAMES, checked_coordinates, read_coordinates
from linkgraph.ingest._date_order import contradicting, header_dayfirst
from linkgraph.ingest._durations import read_durations
from linkgraph.ingest._each_items import (
    ITEM_UNREAD,
    first_of_list,
    list_cells,
    string_item_key,
    string_items_note,
)
from linkgraph.ingest._examples import Example, Examples
from linkgraph.ingest._fast import fold_names, fold_names_by_word
from linkgraph.ingest._id_checks import CHECKSUM_FLAG, FORMAT_FLAG, failed_checks, scheme_of
from linkgraph.ingest._ids import hashed_bits, hashed_ids, id_bits, id_text
from linkgraph.ingest._phones import _phone, _phone_country, _phones, gathered, read_pairs
from linkgraph.ingest._role_flags import flag_word, flagged
from linkgraph.ingest._sex_codes import code_m, m_cells
from linkgraph.ingest._sex_codes import letters as sex_letters
from linkgraph.ingest._table_blocks import TABLE_TITLE
from linkgraph.ingest.cell_sites import JOINED_COLUMNS
from linkgraph.ingest.mapping import (
    EntitySpec,
    FieldSpec,
    LinkSpec,
    Mapping,
    NotIn,
    RowFilter,
    identifying_fields,
    link_fields,
)
from linkgraph.ingest.readers import NO_VALUE_HINT, Chunk
from linkgraph.model import MENTIONS
from linkgraph.schema import IDENTIFIER_FIELDS, canonical_role
from linkgraph.text import fold, fold_name

#: The field that holds the resolving value of each identifier type.
KEY_FIELD = IDENTIFIER_FIELDS
_NAME_FIELDS = ("name", "given_name", "family_name")

#: A number a spreadsheet wrote in scientific notation ("4.47712E+11"), its digits lost.
ROUNDED_NUMBER = normalize.ROUNDED_NUMBER
#: The fields whose numbers a spreadsheet may round: kept on the mention, never merged on.
_ROUNDABLE = ("phone", "account", "document")


def normaliser(
    name: str, entity_type: str, mapping: Mapping, *, dayfirst: bool | None = None
) -> Callable[[str], str | None]:
    """The normaliser of one field of one entity type under the mapping's region and date
    order (``dayfirst`` overrides the mapping's)."""
    if name == "identifier":
        name = KEY_FIELD.get(entity_type, "identifier")
        if entity_type == "image":  # a hash, else a normalised URL
            return normalize.image
    if name in _NAME_FIELDS:
        return normalize.name
    if dayfirst is None:
        dayfirst = True if mapping.dayfirst is None else mapping.dayfirst
    table: dict[str, Callable[[str], str | None]] = {
        "dob": partial(normalize.birth_date, dayfirst=dayfirst, buddhist=mapping.buddhist_era),
        "sex": normalize.sex,
        "role": canonical_role,  # "Geschädigte", "потерпілий" -> "victim"
        "nationality": normalize.country,
        "country": normalize.country,
        "phone": partial(_phone, region=mapping.region),
        "email": normalize.email,
        "account": normalize.account,
        "plate": normalize.plate,
        "document": normalize.document,
        "identifier": normalize.identifier,
    }
    return table.get(name, normalize.text)


@dataclass(slots=True)
class ColumnPlan:
    """The mapping's column names resolved against one file's headers."""

    resolved: dict[tuple[str, ...], str | None]
    # A field's value for every row of this file, by the field's column alternatives: a
    # preset's role of the persons whose name column's header names it ("Victim name").
    values: dict[tuple[str, ...], str] = field(default_factory=dict)

    def column(self, spec: FieldSpec) -> str | None:
        return self.resolved.get(spec.column) if spec.column else None

    def columns(self, spec: FieldSpec) -> list[str]:
        return [c for c in (self.resolved.get(alts) for alts in spec.columns) if c]


def plan_columns(
    mapping: Mapping, headers: list[str], source: str, *, none_found_ok: bool = False
) -> ColumnPlan:
    """Resolve every column the mapping names; a missing one raises InputError unless the
    mapping says ``missing_columns: ignore`` (presets) and it is not required. A file with
    none of the mapped columns raises too, unless ``none_found_ok`` (a preset's columns
    may still be found by their headers' words: ``_loose_headers``)."""
    index = header_index(headers)
    resolved: dict[tuple[str, ...], str | None] = {}
    specs: list[FieldSpec] = [
        f for e in mapping.entities if e.each is None for f in e.fields.values()
    ]
    # slots filled from a list of objects read their fields inside each item, not here
    specs += [FieldSpec(column=(e.each,)) for e in mapping.entities if e.each is not None]
    for link in mapping.links:
        specs += link_fields(link)
    if mapping.timezone_column is not None:
        specs.append(mapping.timezone_column)
    # Lists of alternatives for one field of one entity type (a preset's "phone" and
    # "phone_2" slots) each take the first column present that an earlier list has not
    # taken: a file with "Mobile" and "Home phone" gives two phones, not one twice.
    taken: dict[tuple[str, str], set[str]] = {}
    for e in mapping.entities:
        for fname, spec in e.fields.items():
            alternatives = spec.column
            if e.each is not None or len(alternatives) < 2 or alternatives in resolved:
                continue
            used = taken.setdefault((e.type, fname), set())
            found = next(
                (
                    index[header_key(a)]
                    for a in alternatives
                    if header_key(a) in index and index[header_key(a)] not in used
                ),
                None,
            )
            resolved[alternatives] = found
            if found is not None:
                used.add(found)
    wanted: list[tuple[str, ...]] = []
    for spec in specs:
        if spec.column:
            wanted.append(spec.column)
        wanted += list(spec.columns)
    missing: list[str] = []
    for alternatives in wanted:
        if alternatives in resolved:
            found = resolved[alternatives]
        else:
            found = next(
                (index[header_key(a)] for a in alternatives if header_key(a) in index), None
            )
            resolved[alternatives] = found
        if (
            found is None
            and mapping.missing_columns == "error"
            and alternatives != (TABLE_TITLE,)
            and alternatives[0] not in missing
        ):
            # (a sheet's table titles are a column from its second titled table on: the
            # chunks of a long first table, read before it, have none)
            missing.append(alternatives[0])
    if missing:  # each named, not the first alone
        raise _missing(missing[0], headers, source, mapping.name, mapping.region, also=missing[1:])
    for row_filter in mapping.skip_rows_where:
        # Always needed, even with ``missing_columns: ignore``: a filter that reads nothing
        # would keep the rows it was written to skip.
        found = next(
            (index[header_key(a)] for a in row_filter.column if header_key(a) in index), None
        )
        if found is None:
            raise _missing(
                " | ".join(row_filter.column), headers, source, mapping.name, mapping.region
            )
        resolved[row_filter.column] = found
    for alternatives in mapping.required_columns:
        if not any(header_key(a) in index for a in alternatives):
            raise _missing(" | ".join(alternatives), headers, source, mapping.name, mapping.region)
    if (
        not none_found_ok
        and not any(resolved.values())
        and any(not f.constant for e in mapping.entities for f in e.fields.values())
    ):
        raise InputError(
            "none of the mapped columns is in the file",
            source=source,
            hint=f"the file has columns {', '.join(headers[:20])}; check the preset or mapping"
            " (`linkgraph mapping suggest FILE` proposes one from the headers and values;"
            " where it cannot, it says what it read, and docs/mapping.md shows how to write"
            " one)",
        )
    return ColumnPlan(resolved)


def _missing(
    column: str,
    headers: list[str],
    source: str,
    mapping_name: str,
    region: str | None = None,
    *,
    also: list[str] | None = None,
) -> InputError:
    """The error for a mapped column the file lacks (and ``also`` the others it lacks,
    each named); for a built-in preset (which cannot be fixed), what to use instead: a
    draft of ``mapping suggest``, with the ``region`` (--region) the run was given, which
    the file's national numbers may need."""
    if also:
        return _all_missing([column, *also], headers, source, mapping_name, region)
    from linkgraph.ingest.mapping import preset_names
    from linkgraph.ingest.statement import COLUMNS as STATEMENT_COLUMNS

    if tuple(headers) == STATEMENT_COLUMNS:  # a camt or MT940 statement, read as a table
        return InputError(
            "a bank statement (camt.052/053/054 or MT940): the mapped column is not one of a "
            "statement's",
            source=source,
            column=column,
            hint=f"read it with the statement preset: `linkgraph ingest {source} -o case/` "
            f"(or --preset statement); a statement's columns are {', '.join(headers)}",
        )
    if mapping_name in preset_names():
        others = ", ".join(n for n in preset_names() if n != mapping_name)
        reads = _preset_description(mapping_name)
        what = f" reads {reads}:" if reads else ""
        return InputError(
            f"a column the {mapping_name} preset needs is missing from the file",
            source=source,
            column=column,
            hint=f"the file has columns {', '.join(headers[:20])}; the {mapping_name} preset"
            f"{what} it does not fit this file: propose a mapping for it with `linkgraph"
            f" mapping suggest {source}{f' --region {region}' if region else ''} -o"
            " mapping.yaml` and ingest with --mapping"
            f" mapping.yaml, or use another preset ({others})",
        )
    close = closest_header(column, headers)
    tip = f"did you mean {close!r}? " if close else ""
    return InputError(
        "the mapped column is missing from the file",
        source=source,
        column=column,
        hint=f"{tip}the file has columns {', '.join(headers[:20])}; fix the mapping's column name",
    )


def _all_missing(
    columns: list[str], headers: list[str], source: str, mapping_name: str, region: str | None
) -> InputError:
    """:func:`_missing` for several mapped columns the file lacks: each named, with the
    file's header it most likely means."""
    one = _missing(columns[0], headers, source, mapping_name, region)
    named = ", ".join(repr(c) for c in columns)
    tips = [
        f"{c!r}: did you mean {close!r}?"
        for c in columns
        if (close := closest_header(c, headers)) is not None
    ]
    if mapping_name in _preset_names():
        message = f"{len(columns)} columns the {mapping_name} preset needs are missing: {named}"
        hint = one.hint or ""
    else:
        message = f"{len(columns)} mapped columns are missing from the file: {named}"
        hint = (
            " ".join(tips) + " " if tips else ""
        ) + f"the file has columns {', '.join(headers[:20])}; fix the mapping's column names"
    if one.message.startswith("a bank statement"):
        message, hint = f"{one.message} ({named})", one.hint or ""
    return InputError(message, source=source, hint=hint)


def _preset_names() -> list[str]:
    from linkgraph.ingest.mapping import preset_names

    return list(preset_names())


def closest_header(column: str, headers: list[str]) -> str | None:
    """The file's header a mistyped column name most likely means, compared with case,
    accents and script folded ("Data nasteri" -> "Data nașterii"); None when none is close.

    Examples:
        >>> closest_header("Data nasteri", ["Nume", "Data nașterii", "Telefon"])
        'Data nașterii'
        >>> closest_header("Email", ["Nume", "Telefon"]) is None
        True
    """
    import difflib

    from linkgraph.text import fold

    folded: dict[str, str] = {}
    for header in headers:
        folded.setdefault(fold(str(header)), str(header))
    close = difflib.get_close_matches(fold(column), list(folded), n=1, cutoff=0.75)
    return folded[close[0]] if close else None


def _preset_description(name: str) -> str | None:
    """What a built-in preset reads, as its YAML's ``description`` says."""
    text = (resources.files("linkgraph.ingest") / "presets" / f"{name}.yaml").read_text("utf-8")
    found = yaml.safe_load(text).get("description")
    return str(found) if found else None


def _field_series(
    frame: pd.DataFrame,
    spec: FieldSpec,
    plan: ColumnPlan,
    facts: dict[str, str] | None = None,
    texts: dict[str, pd.Series] | None = None,
) -> pd.Series | None:
    """A field's values in ``frame``; ``texts`` keeps each column's ``as_text`` for the
    other slots and links that read it (pass it only with the chunk's own frame)."""
    if spec.value is not None:
        return pd.Series(spec.value, index=frame.index, dtype="string")
    if spec.fact is not None:
        return pd.Series(_fact(spec.fact, facts or {}), index=frame.index, dtype="string")
    if spec.flag is not None:  # a yes/no column: the flag's value on its yes rows
        read = _field_series(frame, replace(spec, flag=None), plan, facts, texts)
        return None if read is None else flagged(read, spec.flag)
    if spec.column and spec.column in plan.values:
        return pd.Series(plan.values[spec.column], index=frame.index, dtype="string")

    def text_of(column: str) -> pd.Series:
        if texts is None:
            return as_text(frame[column])
        if column not in texts:
            texts[column] = as_text(frame[column])
        return texts[column]

    col = plan.column(spec)
    if col is not None:
        return text_of(col)
    cols = plan.columns(spec)
    if not cols:
        return None
    out: pd.Series | None = None
    for c in cols:
        s = text_of(c)
        if spec.except_value is not None:  # the value ruled out counts as empty
            folded = s.str.strip().str.casefold()
            s = s.mask(folded.eq(spec.except_value.strip().casefold()).fillna(False).astype(bool))
        if out is None:
            out = s
        elif spec.first:  # the first part with a value, row by row
            out = out.fillna(s)
        else:
            out = out.where(s.isna(), (out + spec.join + s).fillna(s))
    return out


class _MissingFact(InputError):
    pass


def _fact(name: str, facts: dict[str, str]) -> str:
    """A file-level fact (a preamble's "IBAN;DE89…") by its key, matched loosely."""
    index = {header_key(k): v for k, v in facts.items()}
    if header_key(name) in index:
        return index[header_key(name)]
    raise _MissingFact(
        f"no fact {name!r} above the header",
        source="",
        hint=f"the file's preamble has {', '.join(facts) or 'no key/value rows'};"
        " fix `fact:` in the mapping, or give the value with `value:`",
    )


def _source_column(spec: FieldSpec, plan: ColumnPlan) -> str | None:
    col = plan.column(spec)
    if col is not None:
        return col
    cols = plan.columns(spec)
    return "+".join(cols) if cols else None


@dataclass(slots=True)
class ChunkResult:
    """What one chunk made: mentions, links and rejects (rejects as plain dicts), and
    notes for the ingest summary (e.g. dates that read both day-first and month-first)."""

    mentions: pd.DataFrame
    links: pd.DataFrame
    rejects: list[dict[str, Any]]
    rows: int
    notes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Ctx:
    """What every slot of one chunk needs."""

    chunk: Chunk
    mapping: Mapping
    plan: ColumnPlan
    agency: str | None
    rejects: list[dict[str, Any]]
    state: dict[Any, Any]
    #: the summary's notes; one that quotes an example is a callable, made into its text
    #: when the chunk's victims' rows are known (see :mod:`._examples`)
    notes: list[str | Callable[[], str]]
    region: RowRegions | None  # per row: the default phone region from the row's country
    #: phone slots whose party names its own country (a receiver's beside a sender's): each
    #: row's default region for that slot's numbers (see :func:`_party_regions`)
    party_regions: dict[str, RowRegions] = field(default_factory=dict)
    #: normalised columns of the whole chunk by (column, join, field, day-first): slots
    #: that read the same column (a person's and an address's city) normalise it once
    memo: dict[Any, tuple[pd.Series, pd.Series]] = field(default_factory=dict)
    #: each column of the chunk as text (``as_text``), for the slots and links that read it
    texts: dict[str, pd.Series] = field(default_factory=dict)
    #: phone columns of the whole chunk being read on a helper thread, by column (see
    #: _phones_ahead): ``(normalised, failed, country)`` of every row
    phones: dict[str, Future[tuple[pd.Series, pd.Series, pd.Series]]] = field(default_factory=dict)
    #: per phone slot, its numbers that could not be read (``_pos``, ``_sub``, ``value``
    #: as written): rejects, and no phone mention; kept on their owners (see
    #: :func:`_unread_phones_on_owners`)
    unread: dict[str, pd.DataFrame] = field(default_factory=dict)
    #: the chunk's cells as read (``raw`` of clean_cells): a HYPERLINK formula's target
    raw: pd.DataFrame | None = None
    #: per column, its cells that are a HYPERLINK to a contact (see _contact_links)
    links: dict[str, pd.DataFrame] = field(default_factory=dict)
    #: the examples the summary quotes, settled once the chunk's victims are known
    examples: Examples = field(default_factory=Examples)

    def quote(self, example: Example, at: np.ndarray, texts: Callable[[int], str]) -> None:
        """Offer ``example`` the candidates at the chunk's positions ``at`` (``texts(i)``
        the text of the ``i``-th); the first on no victim's row is quoted."""
        self.examples.offer(example, (int(self.chunk.rows[p]) for p in at), texts)


def build_chunk(
    chunk: Chunk,
    mapping: Mapping,
    plan: ColumnPlan,
    *,
    agency: str | None,
    max_cell_chars: int,
    state: dict[Any, Any] | None = None,
) -> ChunkResult:
    """Mentions, links and rejects of one chunk of rows.

    ``state`` carries what the chunks of one source share (the day-first order of each
    date column once the values have decided it); pass the same dict for every chunk.
    """
    rows = chunk.rows
    n = len(rows)
    raw_frame, frame, rejects = clean_cells(
        chunk.frame, rows, chunk.source, max_cell_chars=max_cell_chars
    )
    rejects = chunk.rejects + rejects
    if n == 0:
        return ChunkResult(MENTIONS.empty(), pd.DataFrame(), rejects, 0)
    for i, row_filter in enumerate(mapping.skip_rows_where):
        column = plan.resolved[row_filter.column]
        skip = _skipped_rows(frame[column], row_filter)
        if row_filter.negate and state is not None:  # see keep_only_notes
            _count_kept(state, i, column, frame[column], skip)
        if skip.any():  # ``skip_rows_where:``: a Pending or Denied payment, no movement
            cells = raw_frame[column]
            reason = "skipped_by_mapping"
            rejects.append(reject_frame(chunk.source, rows, skip, column, reason, cells, "row"))
            frame, raw_frame, rows = frame[~skip], raw_frame[~skip], rows[~skip]
            frame, raw_frame = frame.reset_index(drop=True), raw_frame.reset_index(drop=True)
            chunk = replace(chunk, rows=rows)
    if not len(rows):
        return ChunkResult(MENTIONS.empty(), pd.DataFrame(), rejects, n)
    if _moves_money(mapping):
        balance = _balance_rows(frame)
        if balance.any():  # "Closing balance", "Saldo", "Kontostand" rows: no movement
            rejects.append(_balance_rejects(chunk.source, rows, balance, raw_frame))
            keep = ~balance
            frame = frame[keep].reset_index(drop=True)
            raw_frame = raw_frame[keep].reset_index(drop=True)
            rows = rows[keep]
            chunk = replace(chunk, rows=rows)
            if not len(rows):
                return ChunkResult(MENTIONS.empty(), pd.DataFrame(), rejects, n)
        frame = _without_movement_names(frame, mapping, plan, chunk, rejects)
    if state is not None:
        frame = _without_phone_names(frame, mapping, plan, chunk, rejects, state)
    # Each row as JSON (every mention's ``raw``), built on a helper thread while the
    # slots are read: Arrow's string kernels release the GIL.
    raw_json = _helper().submit(
        json_objects,
        # (a cell-site list's positions joined to a CDR's rows are not the file's row)
        {c: raw_frame[c] for c in raw_frame.columns if c not in JOINED_COLUMNS},
        raw_json=chunk.list_columns,
        n=n,
    )
    memo: dict[Any, tuple[pd.Series, pd.Series]] = {}
    texts: dict[str, pd.Series] = {}
    ctx = _Ctx(chunk, mapping, plan, agency, rejects, {} if state is None else state, [],
               _row_regions(frame, mapping, plan, memo, texts), memo, texts)  # fmt: skip
    ctx.raw = raw_frame
    ctx.party_regions = _party_regions(frame, mapping, plan, texts)
    ctx.phones = _phones_ahead(frame, ctx)
    slot_frames: dict[str, pd.DataFrame] = {}
    try:
        for entity in mapping.entities:
            slot_frames[entity.slot] = _slot_mentions(entity, frame, ctx)
    finally:
        wait(ctx.phones.values())
    if ctx.unread:
        _unread_phones_on_owners(mapping, slot_frames, ctx)
    mentions = [f for f in slot_frames.values() if len(f)]
    made = np.zeros(len(rows), dtype=bool)
    for f in mentions:
        made[f["_pos"].to_numpy()] = True
    if not made.all():
        raw = raw_json.result()
        none = reject_frame(chunk.source, rows, ~made, None, "no_entity", raw, "row")
        rejects.append(_unread_formulas_said(none, chunk.rejects))
    each = {e.slot: e.each for e in mapping.entities}
    links = [_links(spec, slot_frames, frame, ctx, each) for spec in mapping.links]
    links = [f for f in links if len(f)]
    m = pd.concat(mentions, ignore_index=True) if mentions else MENTIONS.empty()
    if mentions:
        m["raw"] = raw_of_rows(raw_json.result(), m["_pos"].to_numpy())
    m = m.drop(columns=["_pos", "_item", "_sub", "_bits"], errors="ignore")
    from linkgraph.ingest import _victim_rows

    ctx.examples.settle(_victim_rows(m))  # the notes quote no victim's value
    return ChunkResult(
        m,
        _without_repeated_links(
            links, m, _repeatable_kinds(mapping), lambda: _rows_naming_twice(mapping, slot_frames)
        ),
        rejects,
        n,
        [note if isinstance(note, str) else note() for note in ctx.notes],
    )


def _unread_formulas_said(none: pd.DataFrame, found: list[dict[str, Any]]) -> pd.DataFrame:
    """The ``no_entity`` rejects ``none``, each of a row whose cells the reader could not
    read (a formula the workbook saved no value for, or an error: its ``formula``
    rejects in ``found``) saying so first: the row made nothing because of them."""
    said: dict[int, list[str]] = {}
    for r in found:
        if r.get("reason") == "formula" and r.get("row") is not None:
            value = str(r.get("value")).removesuffix(f": {NO_VALUE_HINT}")
            said.setdefault(int(r["row"]), []).append(f"{r.get('column')}: {value}")
    if not said or not len(none):
        return none
    why = none["row"].map(lambda row: "; ".join(said.get(int(row), [])) or None)
    if why.isna().all():
        return none
    out = none.copy()
    cause = "its cells are formulas not read (" + why + f"): {NO_VALUE_HINT}; row: "
    out["value"] = (cause + out["value"].fillna("")).fillna(out["value"]).str.slice(0, 600)
    return out


def _repeatable_kinds(mapping: Mapping) -> set[str]:
    """The link kinds that one row may state twice: those of two links of the mapping (an
    ad's ``ad_contact`` to the phones of its contact field and to those in its text)."""
    kinds = [spec.kind for spec in mapping.links]
    return {kind for kind in kinds if kinds.count(kind) > 1}


def _rows_naming_twice(mapping: Mapping, slots: dict[str, pd.DataFrame]) -> np.ndarray:
    """The rows (file row numbers) in which two mentions of the slots of the
    :func:`_repeatable_kinds` links name one identifier: the only rows where such a link
    can be repeated (most rows have none, and are not looked at again)."""
    repeatable = _repeatable_kinds(mapping)
    ends = {
        slot for spec in mapping.links if spec.kind in repeatable for slot in (spec.src, spec.dst)
    }
    named = [
        f[["row", "type", "identifier"]]
        for slot, f in slots.items()
        if slot in ends and len(f) and "identifier" in f
    ]
    if not repeatable or not named:
        return np.empty(0, dtype=np.int64)
    both = pd.concat(named, ignore_index=True).dropna(subset=["identifier"])
    twice = both.duplicated(keep=False).to_numpy()
    return np.unique(both["row"].to_numpy(dtype=np.int64)[twice])


def _text_codes(values: pd.Series) -> tuple[np.ndarray, int]:
    """A code (int64) per value of a text column, -1 for a missing one, and how many
    distinct values there are (Arrow's dictionary encoding: no Python object per value)."""
    encoded = arrow_text(values).dictionary_encode()
    if isinstance(encoded, pa.ChunkedArray):
        encoded = encoded.combine_chunks()
    codes = pc.fill_null(encoded.indices.cast(pa.int64()), -1).to_numpy(zero_copy_only=False)
    return codes, len(encoded.dictionary)


def _mention_keys(mentions: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """The mentions' id bits, sorted, and per sorted mention a code of what it names: its
    type and identifier (a phone number, the same code for every mention of it), else
    the mention itself (a negative code of its own: a person is only ever one mention)."""
    bits = id_bits(mentions["mention_id"])
    n = len(bits)
    own = -np.arange(1, n + 1, dtype=np.int64)
    if "identifier" in mentions and "type" in mentions:
        types, _ = _text_codes(mentions["type"])
        values, distinct = _text_codes(mentions["identifier"])
        keys = np.where(values >= 0, types * (distinct + 1) + values, own)
    else:
        keys = own
    order = np.argsort(bits, kind="stable")
    return bits[order], keys[order]


def _keys_of(ends: pd.Series, bits: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """What the mentions ``ends`` (ids) name (see :func:`_mention_keys`); an id not among
    the mentions names something of its own (a code below every mention's)."""
    end_bits = id_bits(ends)
    at = np.minimum(np.searchsorted(bits, end_bits), max(len(bits) - 1, 0))
    found = bits[at] == end_bits if len(bits) else np.zeros(len(end_bits), dtype=bool)
    unknown = -np.arange(len(bits) + 1, len(bits) + 1 + len(end_bits), dtype=np.int64)
    return np.where(found, keys[at] if len(bits) else unknown, unknown)


def _without_repeated_links(
    links: list[pd.DataFrame],
    mentions: pd.DataFrame,
    kinds: set[str],
    rows_of: Callable[[], np.ndarray],
) -> pd.DataFrame:
    """The chunk's links, a link that a row states twice kept once: an ad giving the same
    number in its contact field and in its text is one contact of the ad (one link, of
    weight 1), not two. Links of one kind, in one row, between the same ends (the same
    identifier, as a mention of each place it was written) at the same time and amount
    are one."""
    if not links:
        return pd.DataFrame()
    out = pd.concat(links, ignore_index=True)
    if not kinds or not len(mentions):
        return out
    # ``kinds``: see _repeatable_kinds. The rows where such a link may be repeated
    # (``rows_of``, see _rows_naming_twice) are looked for only when the chunk has links
    # of those kinds: a call list's calls are of a kind of their own.
    of_kind = pc.is_in(arrow_text(out["kind"]), value_set=pa.array(sorted(kinds)))
    of_kind = of_kind.to_numpy(zero_copy_only=False)
    if not of_kind.any():
        return out
    rows = rows_of()
    if not len(rows):
        return out
    in_rows = np.isin(out["row"].to_numpy(dtype=np.int64, na_value=-1), rows)
    maybe = np.flatnonzero(in_rows & of_kind)
    if not len(maybe):
        return out
    some = out.iloc[maybe]
    mentions = mentions[np.isin(mentions["row"].to_numpy(dtype=np.int64, na_value=-1), rows)]
    bits, keys = _mention_keys(mentions)
    facts = {
        "row": some["row"].to_numpy(dtype=np.int64, na_value=-1),
        "kind": _text_codes(some["kind"])[0],
        "src": _keys_of(some["src"], bits, keys),
        "dst": _keys_of(some["dst"], bits, keys),
    }
    if "time" in some:
        facts["time"] = pd.to_datetime(some["time"], utc=True).to_numpy(np.int64)
    for name in ("amount", "currency"):
        if name in some:
            facts[name] = pd.factorize(some[name].to_numpy(dtype=object))[0]
    repeated = np.zeros(len(out), dtype=bool)
    repeated[maybe] = pd.DataFrame(facts).duplicated().to_numpy()
    if not repeated.any():
        return out
    return out[~repeated].reset_index(drop=True)


#: ``state`` key: per ``not_in:`` filter (by position), its column, whether a row held one
#: of its values, and the first values the column held (see :func:`keep_only_notes`).
KEEP_ONLY = "skip_rows_where not_in"


def _count_kept(
    state: dict[Any, Any], i: int, column: str, values: pd.Series, skip: np.ndarray
) -> None:
    found = state.setdefault((KEEP_ONLY, i), {"column": column, "kept": False, "seen": []})
    found["kept"] = found["kept"] or not bool(skip.all())
    if not found["kept"] and len(found["seen"]) < 5:
        for v in pd.unique(values.astype(str).str.strip()):
            if v and v not in found["seen"] and len(found["seen"]) < 5:
                found["seen"].append(v)


def keep_only_notes(mapping: Mapping, state: dict[Any, Any]) -> list[str]:
    """The summary's warning for each ``skip_rows_where: {not_in: [...]}`` filter that no
    row of the file passed (a value mistyped, or of another file: every row skipped)."""
    notes = []
    for i, row_filter in enumerate(mapping.skip_rows_where):
        found = state.get((KEEP_ONLY, i))
        if found is None or found["kept"]:
            continue
        wanted = " or ".join(row_filter.values)
        held = ", ".join(found["seen"])
        notes.append(
            f"skip_rows_where: no row had {found['column']} = {wanted}, so every row was"
            " skipped (skipped_by_mapping)"
            + (f"; the column holds {held}" if held else "")
            + ": check the value in the mapping"
        )
    return notes


def _skipped_rows(values: pd.Series, row_filter: RowFilter) -> np.ndarray:
    """The rows ``row_filter`` skips: its values compared trimmed and case-folded (an
    empty cell is no listed value: kept by ``in:``, skipped by ``not_in:``)."""
    folded = pc.utf8_lower(pc.utf8_trim_whitespace(arrow_text(values)))
    wanted = pa.array([v.strip().lower() for v in row_filter.values], pa.large_string())
    listed = np.asarray(pc.is_in(folded, value_set=wanted).fill_null(False), dtype=bool)
    return ~listed if row_filter.negate else listed


def _moves_money(mapping: Mapping) -> bool:
    """Whether the mapping reads payments: a link with an amount (or a debit column)."""
    return any(link.amount is not None or link.debit is not None for link in mapping.links)


#: A cell that says its row is a balance, not a movement: "Closing balance", "Saldo neu",
#: "Kontostand am 31.03.2024", "Solde final", "Остаток на 01.03" (RE2, the whole cell).
_BALANCE = (
    r"(?i)^\s*(?:(?:opening|closing|starting|ending|final|initial|start|end|new|old|previous"
    r"|available|current|ledger|book)\s+)?balance(?:\s+(?:brought|carried)\s+forward)?"
    r"|^\s*(?:anfangs|end|schluss|alt|neu|tages|begin|eind)?saldo(?:\s*(?:alt|neu|vortrag"
    r"|inicial|final|anterior|iniziale|finale|di apertura|di chiusura|początkowe|końcowe))?"
    r"|^\s*kontostand|^\s*(?:ancien\s+|nouveau\s+)?solde(?:\s+(?:initial|final|précédent"
    r"|de clôture|d'ouverture))?|^\s*sold\s+(?:initial|inițial|final)"
    r"|^\s*(?:(?:входящий|исходящий|начальный|конечный|вхідний|вихідний)\s+)?"
    r"(?:остаток|сальдо|залишок)"
)
#: What may follow the words in the cell: a colon or a bracket, "per", "am", "au", "at",
#: "on", "as of", "zum", "al", "на", and a date or an amount (no more words).
_BALANCE_TAIL = r"\s*[:(]?\s*(?:(?:per|am|au|at|on|as of|as at|zum|al|на)\s+)?[^\pL]*$"


def _balance_rows(frame: pd.DataFrame) -> np.ndarray:
    """The rows of a statement that state a balance ("Closing balance", "Saldo",
    "Kontostand") in one of their cells: no money moved, so no link."""
    found = np.zeros(len(frame), dtype=bool)
    pattern = f"(?:{_BALANCE}){_BALANCE_TAIL}"
    for col in frame.columns:
        arr = arrow_text(frame[col])
        hit = pc.match_substring_regex(arr, pattern)
        found |= np.asarray(hit.fill_null(False), dtype=bool)
    return found


def _balance_rejects(
    source: str, rows: np.ndarray, balance: np.ndarray, raw_frame: pd.DataFrame
) -> pd.DataFrame:
    """Row rejects ``balance_row`` for the balance rows, each with the row's text."""
    said = raw_frame[balance].astype("string").fillna("")
    text = pd.Series(
        [" ".join(c.strip() for c in cells if c.strip()) for cells in said.itertuples(index=False)],
        dtype="string",
    )
    full = pd.Series(pd.NA, index=range(len(rows)), dtype="string")
    full[np.flatnonzero(balance)] = text.to_numpy()
    return reject_frame(source, rows, balance, None, "balance_row", full, "row")


#: A bank movement written where a statement gives the counterparty's name ("ATM
#: withdrawal", "Kartenzahlung", "Retrait DAB", "Снятие наличных"): no person (RE2).
_MOVEMENT = (
    r"(?i)^\s*(?:(?:atm|cash|card|debit card|credit card|pos|contactless|bank|account|service"
    r"|monthly|overdraft)\s+)*(?:withdrawal|deposit|payment|purchase|fee|charge|interest"
    r"|refund|cash)s?\s*$"
    r"|^\s*(?:atm|bargeldauszahlung|bargeldeinzahlung|barauszahlung|bareinzahlung"
    r"|geldautomat|kartenzahlung|lastschrift|kontoführungsgebühr|gebühren?|zinsen"
    r"|retrait(?:\s+(?:dab|espèces))?|paiement carte|frais(?: bancaires)?"
    r"|retiro(?:\s+de\s+(?:efectivo|cajero))?|prelievo(?:\s+(?:bancomat|contanti))?"
    r"|wypłata(?:\s+(?:z bankomatu|gotówki))?|retragere(?:\s+(?:numerar|atm))?"
    r"|снятие наличных|зняття готівки|банкомат)\s*$"
)


def _without_movement_names(
    frame: pd.DataFrame, mapping: Mapping, plan: ColumnPlan, chunk: Chunk, rejects: list[Any]
) -> pd.DataFrame:
    """``frame`` with the person and organisation names that are a bank movement ("ATM
    withdrawal") emptied, each a value reject ``not_a_name``: in a statement's
    counterparty column they say what happened, not who was paid."""
    columns = {
        col
        for e in mapping.entities
        if e.type in ("person", "organisation") and e.each is None
        for fname in _NAME_FIELDS
        if fname in e.fields and (col := plan.column(e.fields[fname])) is not None
    }
    for col in sorted(columns):
        text = arrow_text(frame[col])
        hit = np.asarray(pc.match_substring_regex(text, _MOVEMENT).fill_null(False), dtype=bool)
        # a label or booking words alone ("IBAN", "Payment to", "PLASHTANE KAM")
        hit |= np.asarray(
            pc.match_substring_regex(text, booking_only_re2()).fill_null(False), dtype=bool
        )
        if hit.any():
            rejects.append(
                reject_frame(chunk.source, chunk.rows, hit, col, "not_a_name", frame[col])
            )
            frame = frame.copy(deep=False)
            frame[col] = frame[col].mask(hit, "")
    return frame


#: A cell of a phone number's characters only: digits, spaces, "+", "-", ".", "/", and
#: brackets (RE2); :func:`_phone_name` counts its digits.
_PHONE_SHAPE = r"^\s*\+?[0-9][0-9 ()./-]*[0-9]\s*$"
#: ``state`` key of the person names that were phone numbers: (PHONE_NAMES, column) ->
#: [read as the row's phone, rejected, first example] (see :func:`phone_name_notes`).
PHONE_NAMES = "phone names"


def _phone_name(value: str, region: str | None) -> bool:
    """Whether ``value``, of :data:`_PHONE_SHAPE`, is a phone number: 7 to 15 digits, and
    valid in ``region`` (or, written with its country code, valid; a national number
    without a region is taken by its shape, a trunk "0" ahead)."""
    digits = sum(c.isdigit() for c in value)
    if not 7 <= digits <= 15:
        return False
    international = value.strip().startswith(("+", "00"))
    if region is None and not international:
        return value.strip().startswith("0")  # a trunk prefix: "0931234567"
    try:
        normalize.phone(value, region)
    except ValueError:
        return False
    return True


def _without_phone_names(
    frame: pd.DataFrame,
    mapping: Mapping,
    plan: ColumnPlan,
    chunk: Chunk,
    rejects: list[Any],
    state: dict[Any, Any],
) -> pd.DataFrame:
    """``frame`` with the person names that are a phone number ("+380 67 123 4567" in a
    phone book's Name column) emptied: no person is named by a number. The number is
    moved to the row's phone where the person's slot, or a phone slot linked to it,
    reads a column that is empty in that row; else it is a value reject
    ``name_is_phone``. The summary counts both (:func:`phone_name_notes`). A column whose
    names are more than half numbers is an id column mapped as the name, left as it is."""
    for e in mapping.entities:
        if e.type != "person" or e.each is not None:
            continue
        columns = [c for f in _NAME_FIELDS if f in e.fields and (c := plan.column(e.fields[f]))]
        # where the number may go: the slot's own phone column, or a linked phone slot's
        slots = {e.slot} | {
            other for lk in mapping.links for end, other in ((lk.src, lk.dst), (lk.dst, lk.src))
            if end == e.slot
        }  # fmt: skip
        phones = [
            c
            for o in mapping.entities
            if o.slot in slots and o.each is None and (o.slot == e.slot or o.type == "phone")
            and "phone" in o.fields and (c := plan.column(o.fields["phone"])) is not None
        ]  # fmt: skip
        for col in columns:
            if col not in frame.columns:
                continue
            text = arrow_text(frame[col])
            shaped = pc.match_substring_regex(text, _PHONE_SHAPE).fill_null(False)
            at = np.flatnonzero(np.asarray(shaped, dtype=bool))
            if not len(at):
                continue
            cells = frame[col].astype("string")
            named = int((cells.fillna("").str.strip() != "").sum())
            if 2 * len(at) > named:
                continue  # mostly numbers: an id column mapped as the name, no phone book
            hit = np.zeros(len(frame), dtype=bool)
            found = {v: _phone_name(v, mapping.region) for v in set(cells.iloc[at])}
            hit[at] = [found[v] for v in cells.iloc[at]]
            if not hit.any():
                continue
            frame = frame.copy(deep=False)
            moved = np.zeros(len(frame), dtype=bool)
            for phone_col in phones:
                empty = (frame[phone_col].astype("string").fillna("").str.strip() == "").to_numpy()
                into = hit & ~moved & empty
                if into.any():
                    frame[phone_col] = frame[phone_col].mask(into, cells)
                    moved |= into
            refused = hit & ~moved
            if refused.any():
                rejects.append(
                    reject_frame(chunk.source, chunk.rows, refused, col, "name_is_phone", cells)
                )
            counts = state.setdefault((PHONE_NAMES, col), [0, 0, None])
            counts[0] += int(moved.sum())
            counts[1] += int(refused.sum())
            if counts[2] is None:
                first = int(np.flatnonzero(hit)[0])
                counts[2] = f"{cells.iloc[first]!r}, row {int(chunk.rows[first])}"
            frame[col] = frame[col].mask(hit, "")
    return frame


def phone_name_notes(state: dict[Any, Any]) -> list[str]:
    """The summary's notes on the person names that were phone numbers (see
    :func:`_without_phone_names`), from a source's shared ``state``."""
    notes = []
    for key, value in state.items():
        if not (isinstance(key, tuple) and key and key[0] == PHONE_NAMES):
            continue
        moved, refused, example = value
        count = moved + refused
        said = [f"{moved:,} read as the row's phone"] if moved else []
        if refused:
            said.append(
                f"{refused:,} rejected as name_is_phone (the row has no empty phone column"
                " to take it: map the column as a phone slot too, `{type: phone, fields:"
                f" {{phone: {key[1]}}}}}`, to keep the numbers as phones)"
            )
        notes.append(
            f"{count:,} name{'s' * (count != 1)} in {key[1]} {'are' if count != 1 else 'is'}"
            f" a phone number (such as {example}), no person's name: {'; '.join(said)}"
        )
    return notes


@lru_cache(maxsize=1)
def _helper() -> ThreadPoolExecutor:
    """One thread beside the main one, for Arrow work that need not wait (see build_chunk)."""
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="ingest-helper")


@lru_cache(maxsize=1)
def _phone_reader() -> ThreadPoolExecutor:
    """A thread that reads a chunk's phone columns while its other slots are built."""
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="ingest-phones")


def _phones_ahead(
    frame: pd.DataFrame, ctx: _Ctx
) -> dict[str, Future[tuple[pd.Series, pd.Series, pd.Series]]]:
    """The phone columns that slots read as they are (one column, one value a cell, not
    a list), each read for every row of the chunk on a helper thread: Arrow's regular
    expressions, which do most of the work, release the GIL, so the slots before the
    phones' are built meanwhile. A row's reading depends on its cell and its country
    alone (``_phones_by_region``), so a slot takes its rows' readings from the whole
    column's."""
    out: dict[str, Future[tuple[pd.Series, pd.Series, pd.Series]]] = {}
    chunk, plan = ctx.chunk, ctx.plan
    if chunk.list_columns:
        return out
    columns: dict[str, pd.Series] = {}
    for entity in ctx.mapping.entities:
        if entity.each is not None or entity.split not in (None, "auto"):
            continue
        if entity.slot in ctx.party_regions:
            continue  # read with its party's country (``_slot_mentions``)
        for fname, spec in entity.fields.items():
            if not (fname == "phone" or (fname == "identifier" and entity.type == "phone")):
                continue
            column = plan.column(spec)
            if spec.constant or column is None or column in columns:
                continue
            values = _field_series(frame, spec, plan, chunk.facts, ctx.texts)
            if values is None or (entity.split and _several_per_cell(ctx, column, values)):
                continue
            columns[column] = values
    if ctx.region is None and len(columns) > 1:
        # Without a region per row, a cell reads the same in every column: a CDR's caller
        # and callee columns (the same numbers) are read as one, each distinct cell once.
        together = _phone_reader().submit(_phones_of_columns, list(columns.values()), ctx)
        for i, column in enumerate(columns):
            out[column] = Future()
            together.add_done_callback(partial(_part_of, out[column], i))
        return out
    for column, values in columns.items():
        pos = np.arange(len(frame))
        out[column] = _phone_reader().submit(_phones_by_region, values, pos, ctx)
    return out


def _phones_of_columns(
    columns: list[pd.Series], ctx: _Ctx
) -> list[tuple[pd.Series, pd.Series, pd.Series]]:
    """:func:`_phones_by_region` of each of ``columns`` (rows without a region of their
    own), the columns' cells read together: ``(normalised, failed, country)`` of each."""
    norm, failed, country = _phones(pd.concat(columns, ignore_index=True), ctx.mapping.region)
    out = []
    start = 0
    for values in columns:
        at = slice(start, start + len(values))
        start += len(values)
        part = tuple(x.iloc[at].set_axis(values.index) for x in (norm, failed, country))
        _count_national(ctx, values, part[0], part[1], None, np.arange(len(values)))
        out.append(part)
    return out


def _part_of(
    future: Future[tuple[pd.Series, pd.Series, pd.Series]],
    i: int,
    together: Future[list[tuple[pd.Series, pd.Series, pd.Series]]],
) -> None:
    """Complete ``future`` with the ``i``-th column's part of ``together``'s result."""
    error = together.exception()
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(together.result()[i])


def raw_of_rows(raw: pd.Series, pos: np.ndarray) -> pd.api.extensions.ExtensionArray:
    """Each mention's ``raw`` (its row as JSON, ``raw`` holding one per row) as a dictionary
    array of the rows: the mentions of one row share its text instead of copying it
    (decoded by :func:`decoded_raw`, or by the case writer on its own thread)."""
    indices = pa.array(pos.astype(np.int32, copy=False))
    return pd.arrays.ArrowExtensionArray(pa.DictionaryArray.from_arrays(indices, arrow_text(raw)))


def decoded_raw(m: pd.DataFrame) -> pd.DataFrame:
    """``m`` with a dictionary ``raw`` column (see :func:`raw_of_rows`) as plain text."""
    col = m.get("raw")
    if col is None or not isinstance(col.dtype, pd.ArrowDtype):
        return m
    arr = pa.chunked_array(pa.array(col.array)).cast(pa.large_string()).combine_chunks()
    m = m.copy(deep=False)
    m["raw"] = pd.arrays.ArrowStringArray(arr)
    return m


@dataclass(slots=True)
class RowRegions:
    """Each row's default phone region (ISO alpha-2, or missing): from its country column,
    else from its nationality column, else from the country of its city (``weak``: a
    national of one country, or a person from a city, may well use a local SIM card, so a
    number invalid there is tried under the mapping's region; ``weak_from`` names where
    the weak regions came from, for the summary; ``beside``: for a phone slot of another
    party than the row's country column's, what that column is, for the summary)."""

    region: pd.Series
    weak: np.ndarray
    weak_from: str = "nationality"
    beside: str = ""


def _row_regions(
    frame: pd.DataFrame,
    mapping: Mapping,
    plan: ColumnPlan,
    memo: dict[Any, tuple[pd.Series, pd.Series]] | None = None,
    texts: dict[str, pd.Series] | None = None,
) -> RowRegions | None:
    """Each row's country (ISO alpha-2) from the first ``country`` field mapped to a
    column, else from the first ``nationality`` field, else from the country of the first
    ``city`` field (:func:`_city_countries`): the default region of that row's local phone
    numbers."""
    country = _first_country_field(frame, mapping, plan, "country", memo, texts)
    nationality = _first_country_field(frame, mapping, plan, "nationality", memo, texts)
    if country is None and nationality is None:
        if not any("phone" in entity.fields for entity in mapping.entities):
            return None  # no phone to read: the cities need no looking up
        city = _city_countries(frame, mapping, plan, texts)
        if city is None:
            return None
        return RowRegions(city, city.notna().to_numpy(dtype=bool), "city")
    if nationality is None:
        return RowRegions(country, np.zeros(len(frame), dtype=bool))
    if country is None:
        return RowRegions(nationality, nationality.notna().to_numpy(dtype=bool))
    weak = (country.isna() & nationality.notna()).to_numpy(dtype=bool)
    return RowRegions(country.fillna(nationality), weak)


def _party_regions(
    frame: pd.DataFrame,
    mapping: Mapping,
    plan: ColumnPlan,
    texts: dict[str, pd.Series] | None = None,
) -> dict[str, RowRegions]:
    """The phone slots whose party names a country of its own, other than the row's (the
    first ``country`` field's, :func:`_row_regions`): a receiver's ``Receiver Country``
    beside the sender's ``Sender Country``. Each such slot's local numbers are read with
    its party's country: the phone slot's own ``country`` field, else that of the slot
    that ``uses_phone`` it. A row where that country is missing reads them with the
    mapping's region (never with another party's country). A phone that another party
    ``uses_phone`` than the row's country's (a suspect's beside the victim's nationality,
    a caller's beside the victim's city, a worker's beside the employer's country) is read
    with the mapping's region: the row's country is not its owner's."""
    first = next(
        (
            _source_column(e.fields["country"], plan)
            for e in _region_entities(mapping)
            if "country" in e.fields and e.each is None and not e.fields["country"].constant
        ),
        None,
    )
    owners = {lk.dst: lk.src for lk in mapping.links if lk.kind == "uses_phone"}
    slots = {e.slot: e for e in mapping.entities}
    row_field = _row_region_field(mapping, plan)
    out: dict[str, RowRegions] = {}
    for entity in mapping.entities:
        if "phone" not in entity.fields and not (
            entity.type == "phone" and "identifier" in entity.fields
        ):
            continue
        owner = slots.get(owners.get(entity.slot, ""))
        party = entity if "country" in entity.fields else owner
        spec = None if party is None else party.fields.get("country")
        if (
            spec is not None
            and party is not None
            and not spec.constant
            and party.each is None
            and _source_column(spec, plan) not in (None, first)
        ):
            s = _field_series(frame, spec, plan, texts=texts)
            if s is not None:
                norm, failed = normalize.apply_unique(s, normalize.country)
                region = norm.mask(failed).reset_index(drop=True)
                out[entity.slot] = RowRegions(region, np.zeros(len(frame), dtype=bool))
                continue
        if row_field is None or owner is None:
            continue
        row_slot, row_fname, row_column = row_field
        if row_slot in (owner.slot, entity.slot):
            continue
        parties = ("person", "organisation")
        if slots[row_slot].type not in parties or owner.type not in parties:
            continue  # the row's country is an address's or an event's: every party's
        # Another party's phone (a suspect's beside a victim's nationality): the row's
        # country is not its owner's, so its local numbers read with the mapping's region.
        none = pd.Series(pd.NA, index=range(len(frame)), dtype="string")
        beside = f"{row_fname} column {row_column!r} is the {row_slot}'s"
        out[entity.slot] = RowRegions(none, np.zeros(len(frame), dtype=bool), OTHER_PARTY, beside)
    return out


def _region_entities(mapping: Mapping) -> list[EntitySpec]:
    """The slots whose country or city may be a row's phone region: all but an ad's place
    (a slot an ``ad`` is ``located_in``) when the mapping has a region. Where an ad is
    offered is not where its contact's number is from (a Romanian number in an ad placed
    in Moldova): its local numbers read in the mapping's region; with none, in the
    country of the ad's place."""
    if mapping.region is None:
        return list(mapping.entities)
    ads = {e.slot for e in mapping.entities if e.type == "ad"}
    places = {lk.dst for lk in mapping.links if lk.kind == "located_in" and lk.src in ads}
    return [e for e in mapping.entities if e.slot not in places]


#: ``RowRegions.weak_from`` of a phone slot of another party than the row's country's.
OTHER_PARTY = "another party"


def _row_region_field(mapping: Mapping, plan: ColumnPlan) -> tuple[str, str, str] | None:
    """The ``(slot, field, column)`` that gives each row its default phone region (see
    :func:`_row_regions`): the first slot with a ``country`` field read from a column,
    else the first with a ``nationality`` one, else the first with a ``city`` one."""
    for fname in ("country", "nationality", "city"):
        for entity in _region_entities(mapping):
            spec = entity.fields.get(fname)
            if spec is None or entity.each is not None or spec.constant:
                continue
            column = _source_column(spec, plan)
            if column is not None:
                return entity.slot, fname, column
    return None


def _first_country_field(
    frame: pd.DataFrame,
    mapping: Mapping,
    plan: ColumnPlan,
    fname: str,
    memo: dict[Any, tuple[pd.Series, pd.Series]] | None,
    texts: dict[str, pd.Series] | None,
) -> pd.Series | None:
    """Each row's country (ISO alpha-2, missing when unreadable) from the first ``fname``
    field (``country`` or ``nationality``) of a slot that reads it from a column."""
    for entity in _region_entities(mapping):
        spec = entity.fields.get(fname)
        if spec is None or entity.each is not None or spec.constant:
            continue
        s = _field_series(frame, spec, plan, texts=texts)
        if s is None:
            continue
        norm, failed = normalize.apply_unique(s, normalize.country)
        column = _source_column(spec, plan)
        if memo is not None and column is not None:
            memo[(column, spec.join, fname, True)] = (norm, failed)
        return norm.mask(failed).reset_index(drop=True)
    return None


def _city_countries(
    frame: pd.DataFrame,
    mapping: Mapping,
    plan: ColumnPlan,
    texts: dict[str, pd.Series] | None,
) -> pd.Series | None:
    """Each row's country (ISO alpha-2, missing when unknown) from the first ``city``
    field of a slot that reads it from a column: the country of the
    city of that name, one of the mapping's region first (so "Benin City" is NG, "Odessa"
    under region US is Texas's). None without such a field, or when every city found is
    in the mapping's region (nothing to change)."""
    for entity in _region_entities(mapping):
        spec = entity.fields.get("city")
        if spec is None or entity.each is not None or spec.constant:
            continue
        s = _field_series(frame, spec, plan, texts=texts)
        if s is None:
            continue
        names = s.astype("string").str.strip()
        distinct = [v for v in pd.unique(names.dropna()) if v]
        if not distinct:
            return None
        from linkgraph.geo.places import geocode

        found = geocode(distinct, [mapping.region] * len(distinct), ["city"] * len(distinct))
        countries = dict(zip(found["value"], found["country"], strict=True))
        by_row = names.map(countries).astype("string").reset_index(drop=True)
        if by_row.isna().all() or by_row.dropna().eq(mapping.region or "").all():
            return None
        return by_row
    return None


#: ``split: auto``: the separators between values in one cell that no phone number,
#: e-mail address or identifier holds: ``;``, ``|``, a comma, a line break, a slash
#: with spaces around it or before a "+" ("030/1234567" is one German number).
AUTO_SPLIT = re.compile(r"\s*(?:[;|,\n]|\s/\s|/(?=\s*\+))\s*")
#: Whether a cell holds one of those separators, in Arrow's RE2 (which has no lookahead).
_AUTO_SPLIT_FOUND = r"[;|,\n]|\s/\s|/\s*\+"


def _several_per_cell(ctx: _Ctx, column: str | None, values: pd.Series) -> bool:
    """Whether some cell of a column holds several values (:data:`AUTO_SPLIT`), once per
    column and chunk."""
    key = ("several per cell", column)
    if column is None or key not in ctx.memo:
        arr = arrow_text(values)
        # Most columns hold no separator byte at all: one pass over the text's bytes says
        # so before any regular expression runs.
        if not may_contain(arr, b";|,\n/"):
            found = False
        else:
            found = pc.any(pc.match_substring_regex(arr, _AUTO_SPLIT_FOUND)).as_py()
        if column is None:
            return bool(found)
        ctx.memo[key] = bool(found)  # type: ignore[assignment]
    return bool(ctx.memo[key])


def _items(
    values: pd.Series,
    *,
    as_json: bool,
    split: str | None,
    kind: str = "",
    region: str | None = None,
    names: tuple[str, ...] = (),
    parses: Callable[[str], bool] | None = None,
) -> tuple[pd.Series, pd.Series, pd.Series | None]:
    """Each cell as a list of item strings (JSON list cells, or split on a separator, or
    on :data:`AUTO_SPLIT` for ``auto``, or for ``find`` the phone numbers or e-mail
    addresses written in free text, by ``kind``), which cells held an object or a
    nested list where a value was expected, and, when a JSON list held objects, each
    item's other keys (a list of dicts per cell, beside its items; None when none did).

    An object of a JSON list is read by its value (:func:`_object_value`: the key that
    ``names`` names, else the only key whose values ``parses`` reads): ``"phones":
    [{"number": "+44 7911 123456", "type": "mobile"}]`` is the item ``+44 7911 123456``
    with ``{"type": "mobile"}`` beside it.

    Examples:
        >>> cells = pd.Series(['[{"number": "+44 7911 123456", "type": "mobile"}, "+1"]'])
        >>> items, bad, inner = _items(cells, as_json=True, split=None, names=("phone",),
        ...                            parses=lambda v: v.startswith("+"))
        >>> items[0], bool(bad[0]), inner[0]
        (['+44 7911 123456', '+1'], False, [{'type': 'mobile'}, {}])
    """
    found_inner = False

    def one(cell: str) -> tuple[list[str], bool, list[dict[str, str]] | None]:
        nonlocal found_inner
        nested = False
        inner: list[dict[str, str]] = []
        if split == "find":
            items = normalize.found_in_text(cell, kind, region)
        elif as_json and cell.startswith(("[", "{")):
            try:
                items = json.loads(cell)
            except json.JSONDecodeError:
                items = [cell]
            items = items if isinstance(items, list) else [items]
            objects = [i for i in items if isinstance(i, dict)]
            key = _value_key(objects, names, parses) if objects else None
            read: list[Any] = []
            for i in items:
                if isinstance(i, dict):
                    value, others = _object_value(i, key, kind)
                    if value is None:
                        nested = True
                        continue
                    read.append(value)
                    inner.append(others)
                    found_inner = True
                elif isinstance(i, list):
                    nested = True
                elif i is not None and str(i).strip():
                    read.append(i)
                    inner.append({})
            return [str(i).strip() for i in read], nested, inner
        elif split == "auto":
            items = AUTO_SPLIT.split(cell)
            if kind == "phone" and len(items) > 1:
                items = neighbours_read([i for i in items if i.strip()], region)
        elif split is not None:
            items = cell.split(split)
        else:
            items = [cell]
        return [str(i).strip() for i in items if i is not None and str(i).strip()], nested, None

    uniq = {u: one(u) for u in pd.unique(values.dropna().to_numpy(dtype=object))}
    lists = values.astype(object).map({k: v[0] for k, v in uniq.items()})
    bad = values.map({k: v[1] for k, v in uniq.items()}).fillna(False).astype(bool)
    if not found_inner:
        return lists, bad, None
    others = {k: v[2] if v[2] is not None else [{} for _ in v[0]] for k, v in uniq.items()}
    return lists, bad, values.astype(object).map(others)


#: The keys of an image object (a scrape's ``{"url": ..., "hash": ...}``) that hold its
#: hash, then those that hold its URL: the hash keys an image, its URL when it has none.
_IMAGE_HASH_KEYS = ("hash", "image_hash", "phash", "dhash", "ahash", "md5", "sha1", "sha256",
                    "checksum", "digest", "content_hash", "contenthash")  # fmt: skip
_IMAGE_URL_KEYS = ("url", "image_url", "src", "href", "link", "uri", "source_url")


def _value_key(
    objects: list[dict[str, Any]], names: tuple[str, ...], parses: Callable[[str], bool] | None
) -> str | None:
    """The key holding the value of a list of ``objects`` where a slot expects values:
    the key a name of ``names`` names (:func:`_inner_key`: ``phones`` -> ``phone``),
    else the only key some of whose values ``parses`` reads (``number`` of ``[{"number":
    "+44 7911 123456", "type": "mobile"}]`` as phones), else a key that names a value
    (:data:`_VALUE_KEYS`: ``number``, ``address``, ``value``; its values then read, or
    refused, as the field's); None when none tells.

    Examples:
        >>> _value_key([{"number": "+44 7911 654321", "type": "mobile"}], ("phone",), None)
        'number'
        >>> _value_key([{"kind": "work", "mail": "a@b.c"}], ("email",), lambda v: "@" in v)
        'mail'
    """
    for name in names:
        key = _inner_key(objects, name)
        if key is not None:
            return key
    keys = dict.fromkeys(k for o in objects for k in o)
    if parses is not None:
        read = [
            k for k in keys
            if any(isinstance(o.get(k), str | int) and parses(str(o.get(k))) for o in objects)
        ]  # fmt: skip
        if len(read) == 1:
            return read[0]
    return next((k for k in _VALUE_KEYS if k in keys), None)


#: The keys of an object that hold its value where the field's name names none.
_VALUE_KEYS = ("value", "number", "address", "identifier")


def _object_value(item: dict[str, Any], key: str | None, kind: str) -> tuple[Any, dict[str, str]]:
    """One object of a list read as a value: ``item[key]`` (for an image, its hash, else
    its URL: :data:`_IMAGE_HASH_KEYS`), and its other plain keys as text (its
    attributes); ``(None, {})`` when it holds no plain value there.

    Examples:
        >>> _object_value({"url": "https://x/1.jpg", "hash": "A1B2C3D4"}, None, "image")
        ('A1B2C3D4', {'url': 'https://x/1.jpg'})
        >>> _object_value({"url": "https://x/2.jpg"}, None, "image")
        ('https://x/2.jpg', {})
    """
    if kind == "image":
        lowered = {str(k).lower(): k for k in item}
        key = next(
            (lowered[k] for k in (*_IMAGE_HASH_KEYS, *_IMAGE_URL_KEYS)
             if k in lowered and item[lowered[k]] not in (None, "")),
            key,
        )  # fmt: skip
    value = item.get(key) if key is not None else None
    if value is None or isinstance(value, list | dict) or not str(value).strip():
        return None, {}
    others = {
        str(k): str(v).strip()
        for k, v in item.items()
        if k != key and v is not None and not isinstance(v, list | dict) and str(v).strip()
    }
    return value, others


def _value_names(key: str, entity: EntitySpec, plan: ColumnPlan) -> tuple[str, ...]:
    """The names that may name the key of a list of objects in a slot's main field:
    the field's own name, its type's key field and the field's columns ("phones")."""
    spec = entity.fields.get(key)
    names = [key, KEY_FIELD.get(entity.type, key)]
    if spec is not None:
        names += [c for c in (plan.column(spec), *plan.columns(spec)) if c]
    return tuple(dict.fromkeys(n.rsplit(".", 1)[-1] for n in names if n != "identifier"))


def _parses(key: str, entity_type: str, mapping: Mapping) -> Callable[[str], bool] | None:
    """Whether a value reads as the slot's main field (a phone, an e-mail, ...); None for
    fields of free text (a name, an id), which any value would pass."""
    kind = KEY_FIELD.get(entity_type, key) if key == "identifier" else key
    if kind not in ("phone", "email", "account", "plate", "document"):
        return None
    read = normaliser(kind, entity_type, mapping)

    def parses(value: str) -> bool:
        try:
            return read(value) is not None
        except ValueError:
            return False

    return parses


def _inner_attrs(inner: pd.Series, taken: set[str]) -> dict[str, pd.Series]:
    """The other keys of the objects read as a slot's values (``_items``), each a column
    of text named by its key (``type``), or ``item.type`` when the slot has a field of
    that name already."""
    rows = [d if isinstance(d, dict) else {} for d in inner.tolist()]
    keys = dict.fromkeys(k for d in rows for k in d)
    out: dict[str, pd.Series] = {}
    for k in keys:
        name = k if k not in taken else f"item.{k}"
        out[name] = pd.Series([d.get(k) for d in rows], index=inner.index, dtype="string")
    return out


def _each_frame(
    entity: EntitySpec, frame: pd.DataFrame, ctx: _Ctx
) -> tuple[pd.DataFrame, np.ndarray, np.ndarray, frozenset[str]]:
    """The items of the list of objects ``entity.each`` as rows of their own:
    ``(items frame, row position of each item, its index in its list, list columns)``."""
    from linkgraph.ingest.readers import _flatten, _json_cell

    col = header_index(list(frame.columns)).get(header_key(entity.each or ""))
    wanted = _wanted(entity)
    records: list[dict[str, Any]] = []
    pos: list[int] = []
    sub: list[int] = []
    named = string_item_key(entity, ctx.mapping)  # a plain string item: its name
    unread: list[int] = []
    texts: list[int] = []  # rows holding a plain string item
    cells = list_cells(frame, col, entity.each or "", ctx.chunk.list_columns)
    for i, cell in enumerate(cells):
        for j, item in enumerate(_cell_items(cell)):
            if wanted:
                item, own = _inner_selected(item, wanted)
                if own and not _selected(item, own):
                    continue  # another type's item ("where": {type: phone})
            if isinstance(item, dict):
                records.append(_flatten(item))
            elif isinstance(item, list) or named is None:
                unread.append(i)  # neither an object nor a value a slot reads: a reject
                continue
            else:
                records.append({"value": item, named: item})
                texts.append(i)
            pos.append(i)
            sub.append(j + 1)
    if texts and named != "value" and first_of_list(entity, ctx.mapping):
        ctx.notes += string_items_note(entity, named, ctx.chunk.rows[texts], ctx.state)
    if first_of_list(entity, ctx.mapping):
        ctx.rejects += _left_by_where(entity, cells, ctx)
    if unread and first_of_list(entity, ctx.mapping):
        at = np.zeros(len(frame), dtype=bool)
        at[unread] = True
        said = pd.Series(cells, dtype=object).map(_json_cell)
        ctx.rejects.append(
            reject_frame(ctx.chunk.source, ctx.chunk.rows, at, entity.each, ITEM_UNREAD, said)
        )
    sub_frame = _with_inner_keys(pd.DataFrame(records, dtype=object))
    lists = frozenset(
        str(c) for c in sub_frame.columns
        if sub_frame[c].map(lambda v: isinstance(v, list | dict)).any()
    )  # fmt: skip
    for c in sub_frame.columns:
        sub_frame[c] = sub_frame[c].map(_json_cell).replace("", None)
    sub_frame.columns = [str(c) for c in sub_frame.columns]
    return sub_frame, np.asarray(pos, dtype=np.int64), np.asarray(sub, dtype=np.int64), lists


def _cell_items(cell: Any) -> list[Any]:
    """The items of one cell of an ``each`` list: its JSON list (an object or a value
    alone as a list of one), the text itself when it does not read as JSON, none when
    the cell is empty.

    Examples:
        >>> _cell_items('[{"type": "mobile"}, "x"]'), _cell_items("{bad"), _cell_items(" ")
        ([{'type': 'mobile'}, 'x'], ['{bad'], [])
    """
    if cell is None or cell is pd.NA or not str(cell).strip():
        return []
    try:
        items = json.loads(cell) if isinstance(cell, str) and cell[:1] in "[{" else cell
    except json.JSONDecodeError:
        items = cell
    return items if isinstance(items, list) else [items]


#: The reject reason of an item of an ``each`` list that every slot of the list left out by
#: its ``where:`` (a typed contact of a type no slot takes): counted, never dropped unsaid.
SKIPPED_BY_MAPPING = "skipped_by_mapping"


def _left_by_where(entity: EntitySpec, cells: list[Any], ctx: _Ctx) -> list[pd.DataFrame]:
    """Rejects ``skipped_by_mapping`` for the items of ``entity.each`` (and the objects of
    their inner lists, for a dotted ``where:`` key) that the list's slots select by a
    ``where:`` key and none of them takes: one per item, its JSON the value."""
    from linkgraph.ingest.readers import _json_cell

    slots = [e for e in ctx.mapping.entities if e.each == entity.each]
    if not any(e.where for e in slots):
        return []
    wanted = [_wanted(e) for e in slots]
    every = any(not w for w in wanted)  # a slot without where: reads every item
    dotted = {k for w in wanted for k in w if "." in k}
    left: list[tuple[int, str, Any]] = []
    for i, cell in enumerate(cells):
        for item in _cell_items(cell):
            if not isinstance(item, dict):
                continue  # a string, a list, unreadable JSON: read or refused elsewhere
            if not every and not any(
                not (own := _inner_selected(item, w)[1]) or _selected(item, own) for w in wanted
            ):
                left.append((i, entity.each or "", item))
                continue
            for key in dotted:
                head, _, rest = key.partition(".")
                if key in item or not isinstance(item.get(head), list):
                    continue
                takers = [w[key] for w in wanted if key in w]
                for x in item[head]:
                    if isinstance(x, dict) and not any(_selected(x, {rest: t}) for t in takers):
                        left.append((i, f"{entity.each}.{head}", x))
    rounds: dict[tuple[int, str], list[tuple[int, Any]]] = {}
    count: dict[tuple[int, str], int] = {}
    for i, column, obj in left:  # a row may leave several items out: one frame per round
        n = count[(i, column)] = count.get((i, column), -1) + 1
        rounds.setdefault((n, column), []).append((i, obj))
    out = []
    for (_, column), hits in rounds.items():
        at = np.zeros(len(cells), dtype=bool)
        values = pd.Series([""] * len(cells), dtype=object)
        for i, obj in hits:
            at[i] = True
            values[i] = _json_cell(obj)
        out.append(
            reject_frame(ctx.chunk.source, ctx.chunk.rows, at, column, SKIPPED_BY_MAPPING, values)
        )
    return out


def _with_inner_keys(items: pd.DataFrame) -> pd.DataFrame:
    """``items`` (the objects of an ``each`` list, flattened) with, for each key that holds
    a list of objects (a suspect's ``"phones": [{"number": ..., "type": ...}]``), a column
    per key of those objects (``phones.number``, ``phones.type``) holding the list of its
    values: a field naming ``phones.number`` makes one mention per number, as a field
    naming a list of plain values does. Where another item wrote the key as one object
    (``"phones": {"number": ...}``, flattened to a column ``phones.number`` already), that
    column's empty cells take the lists' values.

    Examples:
        >>> f = pd.DataFrame({"phones": [[{"number": "1", "type": "m"}, {"number": "2"}],
        ...                              None]}, dtype=object)
        >>> _with_inner_keys(f)["phones.number"].tolist()
        [['1', '2'], None]
        >>> g = pd.DataFrame({"phones": [[{"number": "1"}], None],
        ...                   "phones.number": [None, "3"]}, dtype=object)
        >>> _with_inner_keys(g)["phones.number"].tolist()
        [['1'], '3']
    """
    from linkgraph.ingest.readers import _flatten

    extra: dict[str, list[Any]] = {}
    filled: dict[str, list[Any]] = {}
    for col in list(items.columns):
        cells = items[col].tolist()
        if not any(isinstance(c, list) and any(isinstance(v, dict) for v in c) for c in cells):
            continue
        inner: dict[str, list[Any]] = {}
        for i, cell in enumerate(cells):
            if not isinstance(cell, list):
                continue
            for item in cell:
                if not isinstance(item, dict):
                    continue
                for key, value in _flatten(item).items():
                    name = f"{col}.{key}"
                    column = inner.setdefault(name, [None] * len(cells))
                    if value not in (None, "", []):
                        column[i] = [*(column[i] or []), value]
        for name, column in inner.items():
            if name not in items.columns:
                extra[name] = column
                continue
            # written as one object elsewhere: fill that column's empty cells
            old = items[name].tolist()
            filled[name] = [
                new if new is not None and (o is None or o is pd.NA or o != o) else o
                for o, new in zip(old, column, strict=True)
            ]
    if filled:
        items = items.assign(
            **{k: pd.Series(v, index=items.index, dtype=object) for k, v in filled.items()}
        )
    if not extra:
        return items
    return pd.concat([items, pd.DataFrame(extra, index=items.index, dtype=object)], axis=1)


#: ``ctx.state`` key prefix: per ``each`` list, the keys its items held; per slot field
#: reading one, whether its key was found in any item (see :func:`unread_each_keys_notes`).
EACH_KEYS = "each keys"


def _record_each_keys(
    entity: EntitySpec, items: pd.DataFrame, plan: ColumnPlan, state: dict[Any, Any]
) -> None:
    """Note the keys the chunk's items of ``entity.each`` held, and which of the slot's
    fields named one of them, for :func:`unread_each_keys_notes`."""
    if items.empty:
        return
    seen = state.setdefault((EACH_KEYS, entity.each), set())
    seen.update(str(c) for c in items.columns)
    for fname, spec in entity.fields.items():
        if spec.constant or spec.fact or not (spec.column or spec.columns):
            continue
        key = (EACH_KEYS, entity.each, entity.slot, fname)
        found = _source_column(spec, plan) is not None
        state[key] = state.get(key, False) or found


def unread_each_keys_notes(mapping: Mapping, state: dict[Any, Any]) -> list[str]:
    """Warnings for the fields of ``each`` slots whose key no item of the list held in the
    whole source (a typo, ``phones.numbr``): the slot made nothing from them, silently
    otherwise. Each names the keys the items did hold, with the closest first."""
    import difflib

    notes = []
    for entity in mapping.entities:
        if entity.each is None:
            continue
        seen = sorted(state.get((EACH_KEYS, entity.each), ()))
        if not seen:
            continue
        key = KEY_FIELD.get(entity.type, "name")
        for fname, spec in entity.fields.items():
            named = [*spec.column, *spec.columns]
            inner = [k for n in named for k in seen if k.startswith(f"{n}.")]
            if inner and fname in (key, "identifier"):
                continue  # the slot's value of each object (_items), its other keys attrs
            if inner:  # the key holds objects: each was a nested_value reject
                notes.append(
                    f"entities.{entity.slot}.fields.{fname}: {named[0]!r} of {entity.each}"
                    f" holds objects, rejected as nested_value; name the key inside them:"
                    f" {', '.join(f'`{k}`' for k in inner)}"
                )
                continue
            if state.get((EACH_KEYS, entity.each, entity.slot, fname), True):
                continue
            close = difflib.get_close_matches(named[0], seen, n=1, cutoff=0.6) if named else []
            hint = f" (did you mean `{close[0]}`?)" if close else ""
            notes.append(
                f"entities.{entity.slot}.fields.{fname}: no item of {entity.each} has the key"
                f" {' or '.join(repr(n) for n in named)}, so the slot read nothing from it{hint};"
                f" the items' keys are {', '.join(seen)} (a key inside a list of objects is"
                f" named through it: `phones.number`)"
            )
    return notes


def _inner_selected(item: Any, wanted: dict[str, set[str]]) -> tuple[Any, dict[str, set[str]]]:
    """``item`` with the objects of its inner lists that a dotted key of ``wanted`` selects
    (``where: {contacts.type: phone}``: of a person's ``"contacts": [{type, value}, ...]``,
    only the phones; a single object is kept or left out alike), and the keys of
    ``wanted`` left to select the item itself. A dotted key whose list the item does not
    hold selects nothing of it and leaves the item in.

    Examples:
        >>> item = {"name": "A", "contacts": [{"type": "phone", "value": "1"},
        ...                                   {"type": "email", "value": "a@b.c"}]}
        >>> _inner_selected(item, {"contacts.type": {"phone"}})
        ({'name': 'A', 'contacts': [{'type': 'phone', 'value': '1'}]}, {})
        >>> _inner_selected({"type": "phone"}, {"type": {"phone"}})
        ({'type': 'phone'}, {'type': {'phone'}})
    """
    if not isinstance(item, dict):
        return item, wanted
    own: dict[str, set[str]] = {}
    for key, values in wanted.items():
        head, dot, rest = key.partition(".")
        if key in item or not dot:
            own[key] = values
            continue
        inner = item.get(head)
        if isinstance(inner, list):
            kept: Any = [x for x in inner if _selected(x, {rest: values})]
        elif isinstance(inner, dict):
            kept = inner if _selected(inner, {rest: values}) else None
        else:
            continue  # no such list in this item: nothing of it to take
        item = {**item, head: kept}
    return item, own


class _Except(frozenset[str]):
    """Folded ``where:`` values that refuse an item (``{type: {not: [email]}}``)."""

    __slots__ = ()


def _wanted(entity: EntitySpec) -> dict[str, set[str]]:
    """``entity.where`` folded: item key -> the values taken, or an :class:`_Except` of
    the values refused."""
    return {
        k: (_Except if isinstance(vs, NotIn) else set)(fold(v).strip() for v in vs)
        for k, vs in entity.where.items()
    }


def _selected(item: Any, wanted: dict[str, set[str]]) -> bool:
    """Whether a list item holds, under every key of ``wanted``, one of its values (none
    of them, for the values of an :class:`_Except`).

    Examples:
        >>> _selected({"type": "Work"}, {"type": _Except({"email"})})
        True
        >>> _selected({"type": "E-mail"}, {"type": _Except({"e mail"})})
        False
    """
    if not isinstance(item, dict):
        return False
    return all(
        (fold(str(item.get(k) or "")).strip() in vs) != isinstance(vs, _Except)
        for k, vs in wanted.items()
    )


def _sub_plan(entity: EntitySpec, columns: list[str]) -> ColumnPlan:
    index = header_index(columns)
    resolved: dict[tuple[str, ...], str | None] = {}
    for spec in entity.fields.values():
        # a column's alternatives, and each part's of joined columns (`columns:`)
        for alternatives in ([spec.column] if spec.column else []) + list(spec.columns):
            for a in alternatives:
                resolved[(a,)] = index.get(header_key(a))
            resolved[alternatives] = next(
                (index[header_key(a)] for a in alternatives if header_key(a) in index), None
            )
    return ColumnPlan(resolved)


def _joined_scalars(cell: str, field: str = "", siblings: tuple[str, ...] = ()) -> str | None:
    """A JSON list cell of plain values (``["@anna", "anna_buc"]``) as ``"@anna; anna_buc"``;
    a list of objects by the key inside them that ``field`` names (:func:`_inner_key`:
    ``image_hashes`` of ``[{"url": ..., "hash": "a1b2"}, ...]`` is ``"a1b2; ..."``); any
    other cell (objects without that key, lists of lists, not JSON) as it is, to be
    refused; objects without that key whose key another field reading the same column
    (``siblings``) names give nothing (image objects with a URL and no hash).

    Examples:
        >>> _joined_scalars('["@anna", "anna_buc", "@anna"]')
        '@anna; anna_buc'
        >>> cell = '[{"url": "https://x/1.jpg", "hash": "a1b2"}, {"hash": "c3d4"}]'
        >>> _joined_scalars(cell, "image_hashes"), _joined_scalars(cell, "image_urls")
        ('a1b2; c3d4', 'https://x/1.jpg')
        >>> _joined_scalars(cell, "handles") == cell
        True
        >>> _joined_scalars('[{"url": "https://x/9.jpg"}]', "image_hashes", ("image_urls",))
    """
    try:
        items = json.loads(cell)
    except ValueError:
        return cell
    if not isinstance(items, list):
        return cell
    if items and all(isinstance(v, dict) for v in items):
        key = _inner_key(items, field)
        if key is None:
            read = any(_inner_key(items, other) is not None for other in siblings)
            return None if read else cell
        items = [v.get(key) for v in items]
    if any(isinstance(v, list | dict) for v in items):
        return cell
    values = dict.fromkeys(str(v).strip() for v in items if v is not None and str(v).strip())
    return "; ".join(values) or None


def _inner_key(objects: list[dict[str, Any]], field: str) -> str | None:
    """The key of ``objects`` (a list of objects where a field expects values) that the
    field's name names: the name itself, its last word, or that word in the singular
    (``image_hashes``: ``image_hashes``, ``hashes``, ``hash``; ``image_urls``: ``url``).
    None when no object has such a key."""
    last = field.rsplit("_", 1)[-1]
    names = [field, last]
    if last.endswith("es"):
        names.append(last[:-2])
    if last.endswith("s"):
        names.append(last[:-1])
    keys = {k for o in objects for k in o}
    return next((n for n in names if n and n in keys), None)


def _named_by_row(
    values: pd.Series | None,
    frame: pd.DataFrame,
    rows: np.ndarray,
    entity: EntitySpec,
    column: str | None,
    ctx: _Ctx,
) -> pd.Series:
    """``values`` with each empty one, in a row that holds anything, named by its source
    and row (``ads.jsonl:6``: ``missing: row``); the summary says so once per source."""
    if values is None:
        values = pd.Series(pd.NA, index=frame.index, dtype="string")
    empty = values.isna().to_numpy() & frame.notna().any(axis=1).to_numpy()
    if not empty.any():
        return values
    names = pd.Series(rows[empty], dtype="string")
    named = values.copy()
    named[empty] = (ctx.chunk.source + ":" + names).to_numpy()
    key = ("named by row", entity.slot)
    if key not in ctx.state:
        ctx.state[key] = True
        first = int(rows[empty][0])
        said = (column or "a value").replace("+", " or ")
        ctx.notes.append(
            f"rows without {said} (first: row {first}) still make their"
            f" {entity.slot}, named by its source and row ({ctx.chunk.source}:{first}), so"
            " what the row lists is linked to it"
        )
    return named


def _other_separator(entity: EntitySpec, names: pd.Series, column: str | None, ctx: _Ctx) -> None:
    """A warning, once per slot, when the names a ``split: ;`` made still list whole names
    with a comma ("Ion Ceban, Petro Bondar"): one person named after two, whom
    ``split: auto`` (every separator) would part."""
    from linkgraph.ingest.suggest_parties import _whole_name

    def listed(name: Any) -> bool:
        parts = [p for p in str(name).split(",") if p.strip()]
        return len(parts) >= 2 and all(_whole_name(p) for p in parts)

    found = names[names.str.contains(",", regex=False, na=False)]
    found = found[found.map(listed)]
    if found.empty:
        return
    key = ("other separator", entity.slot)
    if key not in ctx.state:
        ctx.state[key] = [0, str(found.iloc[0])]
        said = ctx.state[key]

        def note() -> str:
            return (
                f"{said[0]:,} {entity.slot} name{'s' * (said[0] != 1)} of {column or 'a column'}"
                f" split on {entity.split!r} still list{'s' * (said[0] == 1)} names with a"
                " comma (such as"
                f" {said[1]!r}): each is one person named after two; set `split: auto` (every"
                " separator, the comma too) if no name there is written 'Surname, Given name'"
            )

        ctx.notes.append(note)
    ctx.state[key][0] += len(found)


def _slot_mentions(entity: EntitySpec, frame: pd.DataFrame, ctx: _Ctx) -> pd.DataFrame:
    chunk, mapping = ctx.chunk, ctx.mapping
    if entity.each is not None:
        frame, positions, subs, list_columns = _each_frame(entity, frame, ctx)
        plan = _sub_plan(entity, list(frame.columns))
        _record_each_keys(entity, frame, plan, ctx.state)
        if frame.empty:
            return pd.DataFrame()
        frame = frame.reset_index(drop=True)
    else:
        positions = np.arange(len(frame))
        subs = np.zeros(len(frame), dtype=np.int64)
        list_columns, plan = chunk.list_columns, ctx.plan
    values: dict[str, pd.Series] = {}
    constant: set[str] = set()
    src_cols: dict[str, str | None] = {}
    for fname, spec in entity.fields.items():
        try:
            s = _field_series(
                frame, spec, plan, chunk.facts, ctx.texts if entity.each is None else None
            )
        except _MissingFact as exc:
            exc.source, exc.column = chunk.source, f"entities.{entity.slot}.fields.{fname}"
            raise
        if spec.missing == "row":
            s = _named_by_row(
                s, frame, chunk.rows[positions], entity, _source_column(spec, plan), ctx
            )
        if s is None:
            continue
        if spec.scope == "source":  # an id unique only within its file
            s = chunk.source + ":" + s
        values[fname] = s
        src_cols[fname] = _source_column(spec, plan) or (f"fact:{spec.fact}" if spec.fact else None)
        if spec.constant:
            constant.add(fname)
    if entity.type == "person" and "dob" in values and "age" not in values:
        _ages_as_dates(values, src_cols, ctx)
    linked = _with_link_targets(entity, values, src_cols, constant, ctx)
    # (one frame built, not three columns inserted after: see the end)
    sf = pd.DataFrame({**values, "_pos": positions, "_sub": subs, "_item": 0}, index=frame.index)
    # Multi-valued cells (JSON lists, or a declared separator) give one mention per item.
    key = KEY_FIELD.get(entity.type, "name")
    if key not in values:
        key = "identifier" if "identifier" in values else next(iter(values), key)
    src_rows = chunk.rows[positions]
    for fname in values:
        # A list or an object where one value is expected is refused, never read as text.
        if fname == key or src_cols.get(fname) not in list_columns or fname in constant:
            continue
        s = sf[fname]
        listed = s.str.startswith("[").fillna(False)
        if listed.any():  # a list of plain values: several values, as a cell of several
            siblings = tuple(
                f for f in values if f != fname and src_cols.get(f) == src_cols.get(fname)
            )
            s = s.mask(
                listed, s[listed].map(lambda cell, f=fname, o=siblings: _joined_scalars(cell, f, o))
            )
            sf[fname] = s
        nested = s.str.startswith("[").fillna(False) | s.str.startswith("{").fillna(False)
        if nested.any():
            ctx.rejects.append(reject_frame(chunk.source, src_rows, nested.to_numpy(),
                                            src_cols.get(fname), "nested_value", s))  # fmt: skip
            sf[fname] = s.mask(nested)
    # a field whose column (or one of its columns, ``first: true``) holds JSON lists
    key_spec = entity.fields.get(key)
    key_listed = src_cols.get(key) in list_columns or (
        key_spec is not None
        and not key_spec.constant
        and any(c in list_columns for c in plan.columns(key_spec))
    )
    multi = key in values and (key_listed or entity.split is not None)
    if multi and entity.split == "auto" and not key_listed:
        # Only a chunk with a cell of several values takes the slower path of items.
        multi = _several_per_cell(ctx, src_cols.get(key), sf[key])
    inner: pd.Series | None = None
    if multi:
        kind = key if key != "identifier" else KEY_FIELD.get(entity.type, key)
        items, nested, inner = _items(
            sf[key],
            as_json=key_listed and entity.split != "find",
            split=entity.split,
            kind="image" if entity.type == "image" else kind,
            region=mapping.region,
            names=_value_names(key, entity, plan),
            parses=_parses(key, entity.type, mapping),
        )
        if nested.any():
            bad = nested.to_numpy()
            column = src_cols.get(key)
            ctx.rejects.append(
                reject_frame(chunk.source, src_rows, bad, column, "nested_value", sf[key])
            )
        if entity.split == "find" and key in ("phone", "identifier") and entity.type == "phone":
            _nothing_found(sf[key], items, src_rows, src_cols.get(key), ctx)
        cells = sf[key]
        sf[key] = items
        if inner is not None:  # each object's other keys, beside its value
            sf["_inner"] = inner
            sf = sf.explode([key, "_inner"])
        else:
            sf = sf.explode(key)
        sf[key] = sf[key].astype("string")
        sf["_item"] = sf.groupby(["_pos", "_sub"]).cumcount()
        if entity.type == "person" and key == "name" and len(entity.split or "") == 1:
            _other_separator(entity, sf[key], src_cols.get(key), ctx)
        if entity.split == "find" and entity.type == "person" and key == "name":
            found = _masked_numbers_of_names(cells.loc[sf.index], sf[key])
            if found is not None:  # "0722***456 - JOHN KAMAU": kept on JOHN KAMAU
                sf[MASKED_PHONE_ATTR] = found.to_numpy()
                values[MASKED_PHONE_ATTR] = sf[MASKED_PHONE_ATTR]
                src_cols[MASKED_PHONE_ATTR] = src_cols.get(key)
                linked.add(MASKED_PHONE_ATTR)
        sf = sf.reset_index(drop=True)
    masked: set[str] = set(linked)
    if entity.type == "person":
        rows_of = chunk.rows[sf["_pos"].to_numpy()]
        masked |= _without_placeholder_names(sf, values, constant, ctx, rows_of)
    wanted = identifying_fields(entity.type)
    identifying = [f for f in values if f in wanted and f not in constant]
    if not identifying:
        # every identifying field is a constant (a statement's own account): one per row
        identifying = [f for f in values if f in wanted]
    if not identifying:
        return pd.DataFrame()
    present = sf[identifying].notna().any(axis=1)
    if "_unnamed" in sf:  # a placeholder name alone: still a person of that row
        present |= sf["_unnamed"]
    if entity.type == "person" and not present.all():
        described = _describing_fields(entity, values, constant, identifying, ctx)
        present = _nameless_persons(entity, sf, described, present, ctx)
    if not present.all():  # a copy of every column only when some row makes nothing
        sf = sf[present]
    sf = sf.reset_index(drop=True)
    if sf.empty:
        return pd.DataFrame()
    pos = sf["_pos"].to_numpy()
    rows = chunk.rows[pos]
    if entity.type == "person":
        _count_empty_flags(entity, frame, ctx, pos, rows)
    # the slot's values are rows of the chunk's columns as they are (no list split into
    # items): their normalised forms are shared between slots (see _Ctx.memo)
    plain_rows = entity.each is None and not multi and not list_columns
    whole = plain_rows and len(sf) == len(frame)
    out: dict[str, Any] = {}
    flags: pd.Series | None = None
    attrs: dict[str, pd.Series] = {}
    phone_countries: dict[int, pd.Series] = {}  # id(normalised phones) -> their countries
    withheld: pd.Series | None = None  # a phone slot's cells that say "Private number"
    rounded_label: pd.Series | None = None  # phones a spreadsheet rounded, as written
    masked_label: pd.Series | None = None  # accounts a statement printed masked, as written
    unread: np.ndarray | None = None  # a phone slot's numbers that could not be read
    own_unread: tuple[np.ndarray, pd.Series] | None = None  # a person's, as written
    key_field = key
    for fname in values:
        s = sf[fname]
        if fname == "time":
            zones = _zones_of(frame, ctx)
            norm, failed, bad_zone = _read_times(
                ctx, (entity.slot, fname), s, src_cols.get(fname), _at(zones, pos), rows
            )
            _report_zones(ctx, rows, bad_zone, zones, pos)
        elif fname == "phone" or (fname == "identifier" and entity.type == "phone"):
            read_ahead = plain_rows and fname not in masked
            read_ahead &= entity.slot not in ctx.party_regions
            ahead = ctx.phones.get(src_cols.get(fname) or "") if read_ahead else None
            if ahead is not None:
                norm, failed, country = ahead.result()
                if not whole:  # the slot's rows of the chunk's
                    norm, failed, country = (
                        x.take(pos).reset_index(drop=True) for x in (norm, failed, country)
                    )
            else:
                wait(ctx.phones.values())  # one phone reader at a time (its caches)
                party = ctx.party_regions.get(entity.slot)
                norm, failed, country = _phones_by_region(s, pos, ctx, party)
            phone_countries[id(norm)] = country
        else:
            dayfirst = True
            if fname == "dob":
                dayfirst = _dayfirst(ctx, (entity.slot, fname), s, src_cols.get(fname), rows)
                if mapping.buddhist_era:
                    _note_buddhist_years(ctx, (entity.slot, fname), s, src_cols.get(fname), rows)
            # every row of the chunk, as read from its column: shared with other slots
            column = src_cols.get(fname)
            spec = entity.fields.get(fname)  # none: a link's target (_with_link_targets)
            key = (
                (column, spec.join, _kind(fname, entity.type), dayfirst)
                if plain_rows
                and column is not None
                and spec is not None
                and fname not in constant
                and not spec.first
                and spec.flag is None
                and spec.missing is None
                and fname not in masked
                else None
            )
            if fname in COORDINATE_NAMES:  # a number in range, else rejected unstored
                norm, failed = read_coordinates(s, COORDINATE_NAMES[fname])
            elif key is not None and key in ctx.memo:
                norm, failed = ctx.memo[key]
                if not whole:  # the slot's rows of the chunk's
                    norm = norm.take(pos).reset_index(drop=True)
                    failed = failed.take(pos).reset_index(drop=True)
            else:
                norm, failed = normalize.apply_unique(
                    s, normaliser(fname, entity.type, mapping, dayfirst=dayfirst)
                )
                if key is not None and whole:
                    ctx.memo[key] = (norm, failed)
        if fname == "dob":
            norm, failed = _against_header_order(ctx, fname, s, src_cols.get(fname), norm, failed)
            _note_ocr_dates(ctx, (entity.slot, fname), s, src_cols.get(fname), rows, failed)
            column = src_cols.get(fname) or entity.slot
            norm, failed = _early_births(ctx, column, s, norm, failed, rows)
        elif fname == "sex":
            norm, failed = _sex_letters(
                ctx, (entity.slot, fname), s, src_cols.get(fname), norm, failed
            )
        if failed.any() and fname in ("phone", "identifier") and entity.type in ("phone", "person"):
            norm, failed = _withheld_phones(s, norm, failed, rows, src_cols.get(fname), ctx)
            norm, failed = _several_phones(s, norm, failed, rows, src_cols.get(fname), ctx)
            if entity.type == "phone" and fname == key_field:
                withheld = failed.isna()  # no phone: withheld, or several numbers
            failed = failed.fillna(False).astype(bool)
        if failed.any() and _roundable(fname, entity.type):
            # A number a spreadsheet rounded ("4.47712E+11") stands for many numbers: it
            # is kept on its mention (label, raw) but is no identifier to merge on.
            # Only the failed values are read (a rejected few among a million numbers).
            rounded = pd.Series(False, index=failed.index)
            at = failed.to_numpy(dtype=bool)
            rounded[at] = re2_match(s[at], f"^{ROUNDED_NUMBER}$")
            if rounded.any():
                norm = norm.mask(rounded.to_numpy())
                shown = s.astype("string").str.strip() + " (rounded)"
                rounded_label = shown.where(rounded.to_numpy()).reset_index(drop=True)
        if _is_account_key(fname, entity.type):
            norm, masked_label = _scoped_masked_accounts(
                s, norm, failed, rows, ctx, src_cols.get(fname)
            )
        if failed.any() and fname == "phone" and entity.type != "phone":
            # a person's own unreadable number is nothing to compare or block on (every
            # row that wrote "12" would share it): kept as written in her attributes
            own = failed.to_numpy(dtype=bool) & norm.notna().to_numpy(dtype=bool)
            own[own] = ~_each_distinct(s[own], normalize.international_form, r"^\s*(\+|00)")
            if own.any():
                own_unread = (own, s.astype("string").str.strip())
                norm = norm.mask(own)
        if failed.any() and entity.type == "phone" and fname == key_field:
            # an unreadable number ("12", "not-a-phone", a national number without its
            # country) is no phone to be a node: rejected below, kept on its owner
            unread = failed.to_numpy(dtype=bool).copy()
            if rounded_label is not None:  # a rounded number stays a mention (above)
                unread &= rounded_label.isna().to_numpy(dtype=bool)
            # a number written in international form names one line all the same
            unread[unread] = ~_each_distinct(
                s[unread], normalize.international_form, r"^\s*(\+|00)"
            )
            ctx.unread[entity.slot] = pd.DataFrame(
                {
                    "_pos": sf["_pos"].to_numpy()[unread],
                    "_sub": sf["_sub"].to_numpy()[unread],
                    "value": s.astype("string").str.strip().to_numpy()[unread],
                }
            )
        if fname == "document" or (fname == "identifier" and entity.type == "document"):
            checked = _checked_documents(ctx, entity.slot, src_cols.get(fname), norm, rows)
            if checked is not None:
                flags = checked if flags is None else _joined_flags(flags, checked)
        if failed.any():
            named = COORDINATE_NAMES.get(fname, fname)  # "latitude" is a lat
            reason = f"{KEY_FIELD.get(entity.type) if fname == 'identifier' else named}_invalid"
            if entity.type == "image" and fname == "identifier":
                reason = "image_invalid"
            flag = pd.Series(pd.NA, index=sf.index, dtype="string").mask(failed, reason)
            if flags is None:
                flags = flag
            else:
                both = flags.str.cat(flag, sep=";", na_rep="").str.strip(";")
                flags = both.mask(both == "")
            ctx.rejects.append(
                reject_frame(chunk.source, rows, failed.to_numpy(), src_cols.get(fname), reason, s)
            )
        if fname == "identifier" and entity.type in KEY_FIELD:
            out["identifier"] = norm
            if KEY_FIELD[entity.type] != "identifier":
                out.setdefault(KEY_FIELD[entity.type], norm)
        elif fname in MENTIONS.columns and fname not in ("attrs", "flags", "raw"):
            out[fname] = norm
        else:
            attrs[fname] = norm.astype("string")
    if "_inner" in sf:  # an object's other keys ("type": "mobile"): its attributes
        for name, column in _inner_attrs(sf["_inner"], set(attrs) | set(out)).items():
            attrs[name] = column
    _derive(entity.type, out, sf.index)
    if "_unnamed" in sf:  # no name: "unnamed caller", never one another's namesake
        unnamed = sf["_unnamed"].to_numpy(dtype=bool)
        label = pd.Series(out["label"], index=sf.index, copy=False)
        out["label"] = label.mask(unnamed, f"unnamed {entity.slot}").astype(label.dtype)
    if rounded_label is not None:  # shown as the file has it, never merged on
        label = pd.Series(out["label"], index=sf.index, copy=False)
        out["label"] = label.fillna(rounded_label).astype(label.dtype)
    if masked_label is not None:  # shown as the file has it, its identifier the file's own
        label = pd.Series(out["label"], index=sf.index, copy=False)
        shown = masked_label.notna().to_numpy()
        out["label"] = label.mask(shown, masked_label).astype(label.dtype)
    known = phone_countries.get(id(out.get("phone")))
    if entity.type == "phone" and "country" not in out and known is not None:
        if known.notna().any():  # as _identifier_country: only when some number has one
            out["country"] = known
    else:
        _identifier_country(entity.type, out)
    # source and slot hashed once; row, list and item mixed in per mention (see _ids)
    bits = hashed_bits(
        "m", (chunk.source, entity.slot), rows, sf["_sub"].to_numpy(), sf["_item"].to_numpy()
    )
    ids = id_text("m", bits)
    n_out = len(sf)
    # Every column at once, in the order of the mentions table: one frame built, not a
    # column inserted at a time (each insert rebuilds the frame's column index).
    columns: dict[str, Any] = {"mention_id": ids.array, **out}
    columns["type"] = constant_text(entity.type, n_out)
    columns["slot"] = constant_text(entity.slot, n_out)
    if attrs:
        columns["attrs"] = json_objects(attrs, n=n_out).array
    if flags is not None:
        columns["flags"] = flags
    columns["source"] = constant_text(chunk.source, n_out)
    columns["agency"] = constant_text(ctx.agency, n_out)
    columns["row"] = pd.array(rows, dtype="Int64")
    columns["_pos"] = pos
    columns["_sub"] = sf["_sub"].to_numpy()
    columns["_item"] = sf["_item"].to_numpy()
    columns["_bits"] = bits  # the id's 64 bits, for the ids of its links (see _links)
    result = pd.DataFrame(columns, index=sf.index)
    if entity.organisations_by_name:
        _organisations_by_name(result)  # (its type and name parts, in place)
    if own_unread is not None:
        at = np.flatnonzero(own_unread[0])
        written = own_unread[1].to_numpy()[at].tolist()
        result = _with_attr(result, at, written, UNREAD_PHONE_ATTR.format(slot="phone"))
    dropped = np.zeros(n_out, dtype=bool)  # no phone to be a node: rejected above
    if withheld is not None:
        dropped |= withheld.to_numpy(dtype=bool)
    if unread is not None:
        dropped |= unread
    if dropped.any():
        result = result[~dropped].reset_index(drop=True)
    return result


#: The attribute of a person found after a masked phone number in a text (an M-Pesa
#: row's "0722***456 - JOHN KAMAU"): the number as written, which names no line.
MASKED_PHONE_ATTR = "masked_phone"


def _ages_as_dates(
    values: dict[str, pd.Series], src_cols: dict[str, str | None], ctx: _Ctx
) -> None:
    """A person's ``dob`` mapped to a column of ages (headed Age, Edad, Alter, Возраст,
    Wiek, Yaş...: whole numbers 0-110) read as the person's ``age`` (an attribute, which
    resolution turns into years of birth with the record's date), not refused row by row
    as dates of birth that are no dates. Said once per column."""
    from linkgraph.ingest.suggest import _AGE_HEADER, _small_age, _words

    column = src_cols.get("dob")
    if column is None or not _AGE_HEADER.search(_words(column)):
        return
    cells = values["dob"].dropna().astype(str).str.strip()
    cells = cells[cells != ""]
    if cells.empty:
        return
    distinct = pd.unique(cells.to_numpy(dtype=object))
    read = 0
    for v in distinct:
        with contextlib.suppress(ValueError, TypeError):
            read += _small_age(str(v)) is not None
    if read < 0.8 * len(distinct):
        return
    values["age"] = values.pop("dob")
    src_cols["age"] = src_cols.pop("dob")
    if not ctx.state.get(("ages_as_dates", column)):
        ctx.state[("ages_as_dates", column)] = True
        ctx.notes.append(
            f"{column}: mapped as dob, holds ages (whole numbers 0-110): read as the person's"
            " age (map it as `age: " + column + "`)"
        )


def _masked_numbers_of_names(cells: pd.Series, names: pd.Series) -> pd.Series | None:
    """For each name found in a text (``names``, beside the ``cells`` they were found in),
    the masked phone number written right before it, as written; ``None`` when no cell
    holds a masked number. Each distinct (cell, name) pair is read once."""
    arr = arrow_text(cells)
    if not may_contain(arr, b"*#xX\xe2"):
        return None
    pairs = pd.DataFrame(
        {"cell": cells.to_numpy(dtype=object), "name": names.to_numpy(dtype=object)}
    )
    distinct = pairs.dropna().drop_duplicates()
    if distinct.empty:
        return None
    distinct["masked"] = [
        normalize.masked_number_before(c, n)
        for c, n in zip(distinct["cell"], distinct["name"], strict=True)
    ]
    if distinct["masked"].isna().all():
        return None
    found = pairs.merge(distinct, on=["cell", "name"], how="left")["masked"]
    return found.astype("string")


#: The fields that take a HYPERLINK's target of each kind (see _with_link_targets).
_LINK_FIELDS = {"phone": ("phone",), "email": ("email",), "url": ("url", "website")}


def _link_kind(fname: str, entity_type: str) -> str | None:
    """The kind of HYPERLINK target (phone, email, url) field ``fname`` holds, if any."""
    if fname == "identifier":
        fname = KEY_FIELD.get(entity_type, fname)
    return next((kind for kind, names in _LINK_FIELDS.items() if fname in names), None)


def _column_links(column: str, ctx: _Ctx) -> pd.DataFrame:
    """The cells of ``column`` that are a HYPERLINK formula to a contact (``tel:``,
    ``mailto:``, a web address): ``kind``, ``value`` and ``name`` (the label when it names
    someone), indexed by row of the chunk. Only cells holding "HYPERLINK" are parsed."""
    if column in ctx.links:
        return ctx.links[column]
    found = pd.DataFrame(columns=["kind", "value", "name"])
    raw = ctx.raw
    if raw is not None and column in raw:
        arr = arrow_text(raw[column])
        if may_contain(arr, b"("):
            hit = pc.match_substring(arr, "hyperlink", ignore_case=True)
            at = np.flatnonzero(hit.to_numpy(zero_copy_only=False) == True)  # noqa: E712
            if len(at):
                cells = pd.Series(raw[column].to_numpy()[at], index=at, dtype=object)
                read = cells.map(normalize.hyperlink_contact).dropna()
                if len(read):
                    found = pd.DataFrame(read.tolist(), index=read.index,
                                         columns=["kind", "value", "name"])  # fmt: skip
    ctx.links[column] = found
    return found


def _with_link_targets(
    entity: EntitySpec,
    values: dict[str, pd.Series],
    src_cols: dict[str, str | None],
    constant: set[str],
    ctx: _Ctx,
) -> set[str]:
    """Read the HYPERLINK cells of the slot's columns by their target, in ``values``.

    A phone, e-mail or URL field takes the number, address or URL the link points to
    (``=HYPERLINK("tel:+447700900123","Anna")`` in a phone column is +447700900123). A
    person's name field keeps the label only when it names someone (not "click", "call"),
    and the person holds the link's phone, e-mail or URL (her ``phone``, ``email`` or
    ``url``, where the row has none). Returns the fields changed."""
    if entity.each is not None:
        return set()
    changed: set[str] = set()
    for fname in list(values):
        column = src_cols.get(fname)
        if column is None or fname in constant or column.startswith("fact:"):
            continue
        links = _column_links(column, ctx)
        if links.empty:
            continue
        kind = _link_kind(fname, entity.type)
        if kind is not None:
            mine = links[links["kind"] == kind]
            if len(mine):
                values[fname] = _set_at(values[fname], mine["value"])
                changed.add(fname)
        elif entity.type == "person" and fname in _NAME_FIELDS:
            values[fname] = _set_at(values[fname], links["name"])
            changed.add(fname)
            for kind, part in links.groupby("kind"):
                target = _LINK_FIELDS[str(kind)][0]
                held = values.get(target)
                if held is None:
                    held = pd.Series(pd.NA, index=values[fname].index, dtype="string")
                    src_cols[target] = column
                fill = part["value"][held.iloc[part.index].isna().to_numpy()]
                values[target] = _set_at(held, fill)
                changed.add(target)
    return changed


def _set_at(values: pd.Series, new: pd.Series) -> pd.Series:
    """``values`` with the rows in ``new``'s index set to ``new`` (a missing value: none)."""
    out = values.astype("string").copy()
    out.iloc[new.index.to_numpy()] = new.astype("string").to_numpy()
    return out


def _count_empty_flags(
    entity: EntitySpec, frame: pd.DataFrame, ctx: _Ctx, pos: np.ndarray, rows: np.ndarray
) -> None:
    """Count for the summary the persons of ``entity`` (at the frame's positions ``pos``,
    file ``rows``) whose yes/no role column is empty: their role is unknown, not "no"
    (see :class:`linkgraph.ingest._role_flags.EmptyFlags`)."""
    role = entity.fields.get("role")
    if role is None or role.flag is None:
        return
    cells = _field_series(frame, replace(role, flag=None), ctx.plan, ctx.chunk.facts, ctx.texts)
    if cells is None:
        return
    from linkgraph.ingest._role_flags import EMPTY_FLAGS, EmptyFlags

    column = _source_column(role, ctx.plan) or entity.slot
    found = ctx.state.get((EMPTY_FLAGS, column))
    if found is None:
        found = ctx.state[(EMPTY_FLAGS, column)] = EmptyFlags(column, role.flag)
    found.add(cells.take(pos).reset_index(drop=True), rows)


#: Person fields that say nothing of who a person is on their own: a row holding only
#: these makes no person (a record's own number; a role or relation word, how a person
#: stands in the case: a hotline's caller "self" with no name is the victim who called;
#: a country, which every record of a country's file holds: docs/mapping.md "A record id
#: or a country alone does not make a person").
_NOT_DESCRIBING = frozenset({"record_id", "role", "relation", "relationship", "country"})


def _describing_fields(
    entity: EntitySpec,
    values: dict[str, pd.Series],
    constant: set[str],
    identifying: list[str],
    ctx: _Ctx,
) -> list[str]:
    """The fields of person slot ``entity`` that, without a name, still describe a person
    of the row (a date of birth, a town, an e-mail): not a name, not a constant, not
    :data:`_NOT_DESCRIBING`, and not read from a column another person or organisation
    slot reads too (a Telegram ``from_id`` is the sender's in a message and the caller's
    in a call: it tells of whichever slot has a name)."""
    fields = [
        f for f in values if f not in identifying and f not in constant and f not in _NOT_DESCRIBING
    ]
    if not fields or entity.each is not None:
        return fields
    plan = ctx.plan
    shared = {
        column
        for other in ctx.mapping.entities
        if other.slot != entity.slot
        and other.each is None
        and other.type in ("person", "organisation")
        for spec in other.fields.values()
        for column in (plan.column(spec), *plan.columns(spec))
        if column is not None
    }
    if not shared:
        return fields
    own = entity.fields
    return [
        f
        for f in fields
        if f not in own or not shared & {plan.column(own[f]), *plan.columns(own[f])}
    ]


def _nameless_persons(
    entity: EntitySpec,
    sf: pd.DataFrame,
    described: list[str],
    present: pd.Series,
    ctx: _Ctx,
) -> pd.Series:
    """``present`` with each row of person slot ``entity`` that has no name but a value
    in ``described`` (a date of birth, an e-mail): a person all the same, marked
    ``_unnamed`` in ``sf`` ("unnamed SLOT", never one another's namesake) and counted for
    the summary (:class:`NamelessPersons`). A row with none of them makes no person."""
    if not described:
        return present
    nameless = ~present.to_numpy(dtype=bool) & sf[described].notna().any(axis=1).to_numpy()
    if not nameless.any():
        return present
    unnamed = sf["_unnamed"].to_numpy(dtype=bool) if "_unnamed" in sf else False
    sf["_unnamed"] = unnamed | nameless
    first = int(np.flatnonzero(nameless)[0])
    row = int(ctx.chunk.rows[sf["_pos"].to_numpy()[first]])
    shown = [f for f in described if pd.notna(sf[f].iloc[first])]
    seen = ctx.state.get(NAMELESS_PERSONS)
    if seen is None:
        seen = ctx.state[NAMELESS_PERSONS] = NamelessPersons()
    seen.add(int(nameless.sum()), entity.slot, row, shown)
    return present | nameless


@dataclass
class NamelessPersons:
    """What the ingest summary says of the persons without a name kept for their other
    fields (:func:`_nameless_persons`)."""

    count: int = 0
    slot: str | None = None
    row: int | None = None
    fields: list[str] = field(default_factory=list)

    def add(self, count: int, slot: str, row: int, fields: list[str]) -> None:
        """Count ``count`` more; the first one's ``slot``, ``row`` and ``fields`` kept."""
        self.count += count
        if self.slot is None:
            self.slot, self.row, self.fields = slot, row, fields

    def notes(self) -> list[str]:
        """The summary's line (none when every person has a name)."""
        if not self.count:
            return []
        return [
            f"{self.count:,} {'person' if self.count == 1 else 'persons'} without a name"
            f" (first: row {self.row}, 'unnamed {self.slot}', with"
            f" {', '.join(self.fields)}): each is kept with its other fields and links,"
            " labelled 'unnamed' and its slot; one without a name is merged with another"
            " person only on a document, or a phone, e-mail or account with nothing in"
            " conflict"
        ]


#: ``ctx.state`` key of the source's :class:`NamelessPersons`.
NAMELESS_PERSONS = "nameless persons"


#: The name fields of a person a placeholder ("anonymous", "N/A") is taken out of.
_NAME_FIELDS = ("name", "given_name", "family_name")


def _without_placeholder_names(
    sf: pd.DataFrame,
    values: dict[str, pd.Series],
    constant: set[str],
    ctx: _Ctx,
    rows: np.ndarray,
) -> set[str]:
    """Clear, in the person slot's frame ``sf``, each name cell that is only a placeholder
    (:func:`~linkgraph.ingest.normalize.placeholder_names`: "anonymous", "N/A",
    "невідомий"): no name, so never one another's namesake. A row left with no name at
    all is marked ``_unnamed`` (it stays a person of that row, see :func:`_slot_mentions`)
    and counted for the summary (:class:`PlaceholderNames`). Returns the fields cleared."""
    fields = [f for f in _NAME_FIELDS if f in values and f not in constant]
    hits = {f: normalize.placeholder_names(sf[f]) for f in fields}
    hits = {f: hit for f, hit in hits.items() if hit.any()}
    if not hits:
        return set()
    any_hit = np.logical_or.reduce(list(hits.values()))
    at = np.flatnonzero(any_hit)

    def example(i: int) -> str:
        name = next(str(sf[f].iloc[at[i]]) for f, hit in hits.items() if hit[at[i]])
        return f"{name!r} (row {int(rows[at[i]])})"

    seen = ctx.state.get(PLACEHOLDER_NAMES)
    if seen is None:
        seen = ctx.state[PLACEHOLDER_NAMES] = PlaceholderNames()
    seen.count += len(at)
    ctx.examples.offer(seen.example, rows[at], example)
    for f, hit in hits.items():
        sf[f] = sf[f].mask(hit)
    sf["_unnamed"] = any_hit & ~sf[fields].notna().any(axis=1).to_numpy(dtype=bool)
    return set(hits)


@dataclass
class PlaceholderNames:
    """What the ingest summary says of the person names that were only a placeholder."""

    count: int = 0
    #: the first on no victim's row, as written, and its row
    example: Example = field(default_factory=Example)

    def notes(self) -> list[str]:
        """The summary's line (none when no name was a placeholder)."""
        if not self.count:
            return []
        return [
            f"{self.count:,} placeholder names read as no name"
            f"{self.example.phrase(', such as ')}:"
            " each keeps its other fields; one with nothing else is"
            " an unnamed person of its row, never merged on the placeholder"
        ]


#: ``ctx.state`` key of the source's :class:`PlaceholderNames`.
PLACEHOLDER_NAMES = "placeholder person names"


#: The attribute of a phone's owner that holds, as written, a number of the phone slot
#: ``{slot}`` that could not be read
UNREAD_PHONE_ATTR = "{slot}_invalid"


def _unread_phones_on_owners(
    mapping: Mapping, slot_frames: dict[str, pd.DataFrame], ctx: _Ctx
) -> None:
    """Each number of a phone slot that could not be read (``ctx.unread``) kept, as
    written, in the attributes of the mentions its slot links to in its row (the person
    who wrote "078 555 123" without a country holds ``phone_invalid: 078 555 123``): the
    number is no phone node, but nothing of the row is lost, and outputs that protect a
    victim's attributes protect it. Several in one row are joined by "; "."""
    each = {e.slot: e.each for e in mapping.entities}
    for spec in mapping.links:
        for phone_slot, owner_slot in ((spec.dst, spec.src), (spec.src, spec.dst)):
            unread = ctx.unread.get(phone_slot)
            owners = slot_frames.get(owner_slot)
            if unread is None or unread.empty or owners is None or owners.empty:
                continue
            same_item = bool(each.get(phone_slot)) and each.get(phone_slot) == each.get(owner_slot)
            on = ["_pos", "_sub"] if same_item else ["_pos"]
            written = _joined_by_key(unread, on)
            keys = owners[on[0]] if len(on) == 1 else pd.MultiIndex.from_frame(owners[on])
            at = written.index.get_indexer(keys)
            hit = np.flatnonzero(at >= 0)
            name = UNREAD_PHONE_ATTR.format(slot=phone_slot)
            values = written.to_numpy()[at[hit]]
            slot_frames[owner_slot] = _with_attr(owners, hit, values, name)


def _joined_by_key(unread: pd.DataFrame, on: list[str]) -> pd.Series:
    """The ``value`` of ``unread``'s rows joined by "; " per key (the columns ``on``), in
    row order, indexed by key: ``groupby(on, sort=False)["value"].agg("; ".join)`` in
    Arrow (a CDR without its region has a number per row to keep)."""
    keys = unread[on[0]] if len(on) == 1 else pd.MultiIndex.from_frame(unread[on])
    codes, uniques = pd.factorize(keys)
    kept = codes >= 0  # a key with a missing part joins nothing, as in groupby
    order = np.flatnonzero(kept)[np.argsort(codes[kept], kind="stable")]
    offsets = np.zeros(len(uniques) + 1, dtype=np.int64)
    np.cumsum(np.bincount(codes[kept], minlength=len(uniques)), out=offsets[1:])
    values = pa.array(unread["value"].to_numpy(dtype=object)[order], type=pa.large_string())
    lists = pa.LargeListArray.from_arrays(pa.array(offsets), values)
    joined = pc.binary_join(lists, pa.scalar("; ", pa.large_string()))
    return pd.Series(joined.to_numpy(zero_copy_only=False), index=uniques, dtype=object)


def _json_attr(name: str, values: np.ndarray) -> np.ndarray:
    """``json.dumps({name: value}, ensure_ascii=False)`` of each of ``values`` (text), in
    Arrow; values with a control character (escaped by json as \\n or \\u0001) by json."""
    arr = pa.array(values, type=pa.large_string())
    head = pa.scalar(json.dumps({name: ""}, ensure_ascii=False)[:-2], pa.large_string())
    tail, nothing = pa.scalar('"}', pa.large_string()), pa.scalar("", pa.large_string())
    escaped = pc.replace_substring(pc.replace_substring(arr, "\\", "\\\\"), '"', '\\"')
    out = pc.binary_join_element_wise(head, escaped, tail, nothing).to_numpy(zero_copy_only=False)
    if may_contain(arr, b"", control=True):
        control = pc.match_substring_regex(arr, "[\\x00-\\x1f]").to_numpy(zero_copy_only=False)
        for i in np.flatnonzero(control):
            out[i] = json.dumps({name: values[i]}, ensure_ascii=False)
    return out


def _with_attr(
    mentions: pd.DataFrame, rows: np.ndarray, values: np.ndarray, name: str
) -> pd.DataFrame:
    """``mentions`` with the attribute ``name`` set to ``values`` (text) in the mentions at
    positions ``rows``; only those are rewritten. Mentions without attributes (nearly
    all) get theirs in Arrow; those with some are read and written back by json."""
    if not len(rows):
        return mentions
    old = mentions["attrs"] if "attrs" in mentions.columns else None
    new_attrs = _json_attr(name, values)
    if old is not None:
        held = old.iloc[rows]
        has = (held.notna() & held.astype(object).ne("")).to_numpy(dtype=bool)
        for k in np.flatnonzero(has):
            attrs = json.loads(held.iat[k])
            attrs[name] = values[k]
            new_attrs[k] = json.dumps(attrs, ensure_ascii=False)
    out = mentions.copy()
    column = (
        out["attrs"].astype("string")
        if old is not None
        else pd.Series(pd.NA, index=out.index, dtype="string")
    )
    column.iloc[rows] = new_attrs
    out["attrs"] = column
    return out


def _withheld_phones(
    cells: pd.Series,
    norm: pd.Series,
    failed: pd.Series,
    rows: np.ndarray,
    column: str | None,
    ctx: _Ctx,
) -> tuple[pd.Series, pd.Series]:
    """The invalid phone cells that say the number was withheld ("Private number",
    "Unknown", "Номер скрыт") become rejects ``phone_withheld`` and no phone: ``(norm,
    failed)`` with those missing, and ``failed`` missing (NA) for them."""
    at = failed.to_numpy(dtype=bool)
    said = _each_distinct(cells[at], normalize.withheld, r"[A-Za-z]|[^\x00-\x7f]")
    if not said.any():
        return norm, failed
    hit = np.zeros(len(cells), dtype=bool)
    hit[np.flatnonzero(at)[said]] = True
    ctx.rejects.append(reject_frame(ctx.chunk.source, rows, hit, column, "phone_withheld", cells))
    failed = failed.astype("boolean").mask(hit)
    return norm.mask(hit), failed


def _each_distinct(cells: pd.Series, test: Callable[[str], bool], may: str) -> np.ndarray:
    """``test`` of each cell, run once per distinct cell that matches the RE2 pattern
    ``may`` (which every cell the test passes matches): a CDR's invalid numbers are
    tens of thousands, and nearly all are ruled out in Arrow."""
    out = np.zeros(len(cells), dtype=bool)
    maybe = np.flatnonzero(re2_match(cells, may))
    if not len(maybe):
        return out
    codes, distinct = pd.factorize(cells.iloc[maybe].astype(str))
    said = np.fromiter((bool(test(c)) for c in distinct), dtype=bool, count=len(distinct))
    out[maybe] = said[codes]
    return out


def _several_phones(
    cells: pd.Series,
    norm: pd.Series,
    failed: pd.Series,
    rows: np.ndarray,
    column: str | None,
    ctx: _Ctx,
) -> tuple[pd.Series, pd.Series]:
    """The invalid phone cells that hold two or more numbers ("+7 916 123-45-67 / 8 916
    765 43 21", or one a line) in a slot without ``split``: rejects ``phone_several``
    and no phone (never one node named by two numbers), and the summary says to split
    them. As :func:`_withheld_phones`, ``failed`` is missing (NA) for them."""
    at = failed.fillna(False).to_numpy(dtype=bool)
    if not at.any():
        return norm, failed
    region = ctx.mapping.region
    said = _each_distinct(cells[at], lambda c: _numbers_in(c, region) >= 2, _AUTO_SPLIT_FOUND)
    if not said.any():
        return norm, failed
    hit = np.zeros(len(cells), dtype=bool)
    hit[np.flatnonzero(at)[said]] = True
    ctx.rejects.append(reject_frame(ctx.chunk.source, rows, hit, column, "phone_several", cells))
    note = (
        f"phones in {column or 'a column'} holding several numbers are rejected as"
        " phone_several: give that slot `split: auto` in the mapping to read each number"
    )
    if note not in ctx.notes:
        ctx.notes.append(note)
    failed = failed.astype("boolean").mask(hit)
    return norm.mask(hit), failed


def _numbers_in(cell: str, region: str | None) -> int:
    """How many of a cell's parts (split as ``split: auto`` splits) are numbers: none
    unless one is valid (read as :func:`neighbours_read` reads them), or, with no region
    to read them, all are written as phone numbers ("0751234567, 0744 999 000"), and two
    hold 7 digits or more."""
    parts = [p for p in AUTO_SPLIT.split(cell) if p.strip()]
    if len(parts) < 2:
        return 0
    valid = 0
    for part in neighbours_read(parts, region):
        with contextlib.suppress(ValueError):
            valid += normalize.phone(part, region) is not None
    long = sum(len(re.sub(r"\D", "", p)) >= 7 for p in parts)
    if not valid and region is None:
        valid = all(_PHONE_WRITTEN.fullmatch(p) for p in parts)
    return long if valid else 0


#: A part of a cell written as a phone number is (digits with spaces, dots, dashes or
#: brackets, a leading "+"), whether or not a region reads it.
_PHONE_WRITTEN = re.compile(r"\s*\+?\d[\d\s().\-]{5,}\d\s*")


def neighbours_read(parts: list[str], region: str | None) -> list[str]:
    """The numbers of one cell, a national number that ``region`` does not read taken as
    E.164 in the country of an international number beside it, when valid there:
    "+7 (916) 123-45-67 / 8 916 765 43 21" holds two Russian numbers."""
    countries: list[str] = []
    for part in parts:
        if part.lstrip().startswith(("+", "00")):
            with contextlib.suppress(ValueError):
                e164 = normalize.phone(part)
                if e164 and (country := normalize.phone_country(e164)) not in countries:
                    countries.append(country)
    if not countries:
        return parts
    return [_read_beside(p, region, countries) for p in parts]


def _read_beside(part: str, region: str | None, countries: list[str]) -> str:
    if part.lstrip().startswith(("+", "00")):
        return part
    with contextlib.suppress(ValueError):
        if normalize.phone(part, region):
            return part
    for country in countries:
        with contextlib.suppress(ValueError):
            if e164 := normalize.phone(part, country):
                return e164
    return part


def _nothing_found(
    cells: pd.Series, items: pd.Series, rows: np.ndarray, column: str | None, ctx: _Ctx
) -> None:
    """``split: find`` cells where no phone number was found, though the cell says the
    number was withheld (``phone_withheld``) or holds digits (``phone_invalid``): rejects,
    so that no row's phone is lost in silence. Cells of words alone are no phone."""
    empty = (cells.notna() & (items.map(len, na_action="ignore") == 0)).to_numpy(dtype=bool)
    if not empty.any():
        return
    said = cells[empty].astype(str)
    withheld = said.map(normalize.withheld).to_numpy(dtype=bool)
    digits = said.str.count(r"\d").to_numpy() >= 6
    for reason, mask in (("phone_withheld", withheld), ("phone_invalid", digits & ~withheld)):
        if mask.any():
            hit = np.zeros(len(cells), dtype=bool)
            hit[np.flatnonzero(empty)[mask]] = True
            ctx.rejects.append(reject_frame(ctx.chunk.source, rows, hit, column, reason, cells))


#: An account number printed masked, its digits hidden but a few ("****4321", "XXXX1234",
#: "1234********5678", "xxxx-xxxx-xxxx-1234", "•••• 4321"): a run of three or more mask
#: characters among digits, blanks and dashes. RE2 and ``re`` alike.
MASKED_ACCOUNT = r"^[\s\-]*[0-9A-Za-z]*[\s\-]*(?:[*•·]{3,}|[xX]{3,})[0-9\s\-*•·xX]*[0-9][\s\-]*$"


def _is_account_key(fname: str, entity_type: str) -> bool:
    """Whether a field holds an account's number (``account``, or an account's identifier)."""
    return entity_type == "account" and fname in ("account", "identifier")


def _scoped_masked_accounts(
    cells: pd.Series,
    norm: pd.Series,
    failed: pd.Series,
    rows: np.ndarray,
    ctx: _Ctx,
    column: str | None,
) -> tuple[pd.Series, pd.Series | None]:
    """Masked account numbers (see :data:`MASKED_ACCOUNT`) scoped to their file: their
    identifier becomes ``SOURCE:VALUE`` (the rows of one statement share it; the same last
    four digits in another bank's statement name another account, never merged on) and
    their label ``VALUE (masked)``, with a note in the summary, once per column.

    Returns the identifiers and the labels of the masked cells (``None`` when there are
    none). Only the distinct values are matched."""
    readable = norm.notna().to_numpy(dtype=bool) & ~failed.to_numpy(dtype=bool)
    if not readable.any():
        return norm, None
    hit = np.zeros(len(cells), dtype=bool)
    hit[readable] = re2_match(cells[readable], MASKED_ACCOUNT)
    if not hit.any():
        return norm, None
    source = ctx.chunk.source
    written = cells.astype("string").str.strip()
    scoped = norm.mask(hit, source + ":" + norm.astype("string"))
    labels = (written + " (masked)").where(hit).reset_index(drop=True)
    key = ("masked account note", column)
    if key not in ctx.state:
        ctx.state[key] = True
        at = np.flatnonzero(hit)
        example = Example()
        ctx.examples.offer(
            example, rows[at], lambda i: f"{written.iloc[at[i]]!r}, row {int(rows[at[i]])}"
        )
        where = f"the preamble's {column[5:]}" if (column or "").startswith("fact:") else column
        ctx.notes.append(
            lambda: (
                f"account numbers in {where or 'the account slot'} are masked"
                f"{example.phrase(' (such as ', ')')}: a masked number names no one"
                f" account (other statements hide other accounts behind the same digits), so"
                f" each is this file's own account, labelled as written, never merged with"
                f" another file's; map the full number if the file has it"
            )
        )
    return scoped, labels


def _roundable(fname: str, entity_type: str) -> bool:
    """Whether a field holds numbers a spreadsheet may round (a phone, an account, a
    document number, or the identifier of one of those types)."""
    key = KEY_FIELD.get(entity_type) if fname == "identifier" else fname
    return key in _ROUNDABLE


#: A value that starts like a numeric date ("03/04/…"), in RE2 with Python's Unicode
#: digits and spaces (``^\s*\d{1,2}[-/. ]\d{1,2}[-/. ]\d`` as ``re`` reads it, except
#: for a leading vertical tab, which RE2's ``\s`` lacks).
_NUMERIC_START = r"^[\s\p{Z}\x1c-\x1f\x85]*\p{Nd}{1,2}[-/. ]\p{Nd}{1,2}[-/. ]\p{Nd}"
#: The same with the vertical tab: every value ``infer_dayfirst`` can read matches it.
_NUMERIC_LIKE = r"^[\s\x0b\p{Z}\x1c-\x1f\x85]*\p{Nd}{1,2}[-/. ]\p{Nd}{1,2}[-/. ]\p{Nd}"


def _amount_reader(
    ctx: _Ctx, key: Any, values: pd.Series, column: str | None, rows: np.ndarray
) -> Callable[[str], str | None]:
    """How a column of amounts is read: with the mapping's ``decimal`` mark, else with
    the one its values show (:func:`_decimal_mark`); when they show both, a value that
    reads both ways (``1.234``) is refused."""
    if ctx.mapping.decimal is not None:
        return partial(normalize.amount, decimal=ctx.mapping.decimal)
    mark = _decimal_mark(ctx, key, values, column, rows)
    if mark == "both":
        return partial(normalize.amount, strict=True)
    return normalize.amount if mark is None else partial(normalize.amount, decimal=mark)


#: Amounts from this size on are no payment anyone made (a quadrillion, 10^15): kept as
#: written, and the summary names the first (a scientific notation, "1e308", gone wrong?).
HUGE_AMOUNT = 1e15


def _note_huge_amounts(
    ctx: _Ctx,
    key: Any,
    amounts: pd.Series,
    written: pd.Series,
    column: str | None,
    rows: np.ndarray,
) -> None:
    """Note (once per column) an amount of :data:`HUGE_AMOUNT` or more, by its text (the
    first on a row of no victim, at file rows ``rows``)."""
    if key in ctx.state:
        return
    huge = np.flatnonzero((amounts.abs() >= HUGE_AMOUNT).fillna(False).to_numpy(dtype=bool))
    if not len(huge):
        return
    ctx.state[key] = True
    example = Example()
    ctx.examples.offer(example, rows[huge], lambda i: repr(str(written.iloc[huge[i]])))
    name = column or key[-1]
    ctx.notes.append(
        lambda: (
            f"amounts in {name} reach 10^15 or more{example.phrase(' (such as ', ')')}:"
            " kept as read; check the column, no payment is that large"
        )
    )


def _decimal_mark(
    ctx: _Ctx, key: Any, values: pd.Series, column: str | None, rows: np.ndarray
) -> str | None:
    """The decimal mark of a column of amounts (:func:`normalize.decimal_marks`): ","
    or ".", "both", or None while no value shows one; decided by the first chunk whose
    values show one and kept for the rest of the source. The summary notes a column
    with both marks, and one whose values read both ways (``1.234``) with no mark shown."""
    if ("decimal", key) in ctx.state:
        return ctx.state[("decimal", key)]  # type: ignore[no-any-return]
    distinct = pc.unique(pc.drop_null(arrow_text(values))).slice(0, 20_000)
    marked = distinct.filter(pc.match_substring_regex(distinct, r"\d[.,]\d"))
    marks = normalize.decimal_marks(marked.to_pylist())
    name = column or key[-1]
    if len(marks) == 2:
        ctx.state[("decimal", key)] = "both"
        shown = normalize.decimal_mark_examples(marked.to_pylist())
        ctx.notes.append(
            f"amounts in {name} are written with both decimal marks ({shown[',']!r} and"
            f" {shown['.']!r}):"
            " each is read by its own, and those that read both ways (1.234) are rejected"
            ' as amount_invalid; set `decimal: ","` (or ".") in the mapping to read them'
            " all one way"
        )
        return "both"
    mark = marks.pop() if marks else None
    undecided = ctx.state.get(("decimal undecided", key), 0)
    if mark is not None or undecided >= 2:
        # Decided, or three chunks without a value that tells: whole numbers, most likely.
        ctx.state[("decimal", key)] = mark
    ctx.state[("decimal undecided", key)] = undecided + 1
    if mark is None and ("decimal noted", key) not in ctx.state:
        ambiguous = marked.filter(pc.match_substring_regex(marked, normalize.AMBIGUOUS_AMOUNT))
        if len(ambiguous):
            ctx.state[("decimal noted", key)] = True
            example = _amount_example(ctx, ambiguous, values, rows)
            ctx.notes.append(
                lambda: (
                    f"amounts in {name} are read with a point as the decimal mark and a comma"
                    " grouping thousands (no value shows the decimal mark)"
                    f'{example.phrase(", such as ")}; set `decimal: ","` in the mapping if'
                    " the file writes"
                    " decimal commas"
                )
            )
    return mark


def _organisations_by_name(result: pd.DataFrame) -> None:
    """In place: the persons of a ``type: [person, organisation]`` slot whose name carries
    a legal form ("Dream Travel SRL") are organisations, without a person's name parts;
    a victim stays a person (and protected)."""
    name = result["name"] if "name" in result else result.get("label")
    if name is None:
        return
    org = normalize.organisation_names(name)
    if "role" in result:
        org &= ~result["role"].astype("string").str.contains("victim").fillna(False).to_numpy()
    if not org.any():
        return
    result["type"] = np.where(org, "organisation", "person")
    result["type"] = result["type"].astype("string")
    for col in ("given_name", "family_name", "dob", "sex", "nationality", "name_latin"):
        if col in result:
            result[col] = result[col].mask(org)


def _zones_of(frame: pd.DataFrame, ctx: _Ctx) -> pd.Series | None:
    """The chunk's column of per-row time zones (``timezone: {column: tz}``), or None."""
    spec = ctx.mapping.timezone_column
    if spec is None:
        return None
    return _field_series(frame, spec, ctx.plan, ctx.chunk.facts, ctx.texts)


def _at(values: pd.Series | None, pos: np.ndarray) -> pd.Series | None:
    return None if values is None else values.take(pos).reset_index(drop=True)


def _read_times(
    ctx: _Ctx,
    key: Any,
    values: pd.Series,
    column: str | None,
    zones: pd.Series | None,
    rows: np.ndarray,
) -> tuple[pd.Series, pd.Series, np.ndarray | None]:
    """Times of ``values`` in UTC, their failed mask, and (with a zone column) the rows
    whose zone names no zone: those keep no time and are reported as ``timezone_invalid``.
    Each row's time is read in its own zone, else in the zone its header names
    (``Date (UTC)``, ``Time (UTC+3)``), else in the mapping's ``timezone``."""
    from linkgraph.ingest._zones import read_zone

    dayfirst = _dayfirst(ctx, key, values, column, rows)
    buddhist = ctx.mapping.buddhist_era
    if buddhist:  # the years rewritten once, for the note and the times alike
        written = values
        values, changed = gregorian_years(values)
        _note_buddhist_years(ctx, key, written, column, rows, changed)
    header_zone = header_time_zone(column)
    default = header_zone or ctx.mapping.timezone
    dst = np.zeros(len(values), dtype=np.int8)
    if zones is None:
        if header_zone is None:
            _note_naive_times(ctx, key, values, column)
        times, failed = parse_times(
            values, dayfirst=dayfirst, timezone=default, buddhist=buddhist, gregorian=True,
            dst=dst,
        )  # fmt: skip
        _note_dst_times(ctx, key, column, default, dst, rows, values, times)
        return (*_against_header_order(ctx, "time", values, column, times, failed), None)
    written = zones.astype("string").str.strip().replace("", pd.NA)
    table = {z: read_zone(z) for z in pd.unique(written.dropna().to_numpy(dtype=object))}
    zone = written.map(table).astype(object).to_numpy(copy=True)
    bad = written.notna().to_numpy(dtype=bool) & pd.isna(zone)
    zone[written.isna().to_numpy(dtype=bool)] = default
    text = values.reset_index(drop=True)
    out = np.full(len(text), np.datetime64("NaT", "ns"), dtype="datetime64[ns]")
    failed = np.zeros(len(text), dtype=bool)
    for name in pd.unique(zone[~bad]):
        at = np.flatnonzero((zone == name) & ~bad)
        kinds = np.zeros(len(at), dtype=np.int8)
        part, part_failed = parse_times(
            text.take(at), dayfirst=dayfirst, timezone=name, buddhist=buddhist, gregorian=True,
            dst=kinds,
        )  # fmt: skip
        out[at] = part.dt.tz_convert("UTC").dt.tz_localize(None).to_numpy(dtype="datetime64[ns]")
        failed[at] = part_failed.to_numpy(dtype=bool)
        dst[at] = kinds
    times = pd.Series(out).dt.tz_localize("UTC")
    _note_dst_times(ctx, key, column, "its row's zone", dst, rows, text, times)
    return (*_against_header_order(ctx, "time", text, column, times, pd.Series(failed)), bad)


def _note_dst_times(
    ctx: _Ctx,
    key: Any,
    column: str | None,
    zone: str,
    dst: np.ndarray,
    rows: np.ndarray,
    written: pd.Series,
    times: pd.Series,
) -> None:
    """Count for the summary the times ``dst`` marks in a daylight-saving change (see
    :mod:`linkgraph.ingest._dst_times`), once per file row of a column."""
    if not dst.any():
        return
    from linkgraph.ingest._dst_times import DST_TIMES, DstTimes

    name = column or str(key[-1])
    found = ctx.state.get((DST_TIMES, name))
    if found is None:
        found = ctx.state[(DST_TIMES, name)] = DstTimes(name, zone)
    found.add(ctx.examples, dst, rows, written, times)


def _report_zones(
    ctx: _Ctx, rows: np.ndarray, bad: np.ndarray | None, zones: pd.Series | None, pos: np.ndarray
) -> None:
    """Rejects for rows whose zone column names no time zone (once per row and column)."""
    if bad is None or zones is None or not bad.any():
        return
    spec = ctx.mapping.timezone_column
    column = None if spec is None else _source_column(spec, ctx.plan)
    seen = ctx.state.setdefault(("zone rejects", column), set())
    # Only the rows with a bad zone are looked up (the slots' and the links' times of one
    # row read the same zone: it is reported once).
    fresh = bad.copy()
    at = np.flatnonzero(bad)
    fresh[at] = ~np.isin(rows[at], np.fromiter(seen, dtype=rows.dtype, count=len(seen)))
    seen.update(rows[fresh].tolist())
    if fresh.any():
        ctx.rejects.append(
            reject_frame(ctx.chunk.source, rows, fresh, column, "timezone_invalid", _at(zones, pos))
        )


#: A clock time ("14:33") with no offset or zone after it ("Z", "+02:00", "CET").
_NAIVE_CLOCK = r"(?:^|[^+\-\d])\d{1,2}:\d\d(?::\d\d(?:[.,]\d+)?)?(?:\s*[AaPp]\.?[Mm]\.?)?\s*$"


def _note_naive_times(ctx: _Ctx, key: Any, values: pd.Series, column: str | None) -> None:
    """A note in the summary when a column's clock times have no offset and the mapping
    gives no ``timezone``: they are read as UTC, which local times are not."""
    mapping = ctx.mapping
    if mapping.timezone_set or ("naive note", key) in ctx.state:
        return
    text = arrow_text(values)
    # the chunk's first rows usually tell; only when they do not are its distinct values read
    if not pc.any(pc.match_substring_regex(text.slice(0, 2_000), _NAIVE_CLOCK)).as_py():
        distinct = pc.unique(pc.drop_null(text)).slice(0, 2_000)
        if not pc.any(pc.match_substring_regex(distinct, _NAIVE_CLOCK)).as_py():
            return
    ctx.state[("naive note", key)] = True
    example = _file_zone(ctx)
    zone = (
        f"`timezone: {example}`"
        if example
        else "`timezone:` to the zone where they were recorded (an IANA name, Area/City)"
    )
    ctx.notes.append(
        f"times in {column or key[-1]} have no UTC offset and were read as UTC (the mapping"
        f" gives no timezone): if they are local times, set {zone} in the"
        " mapping (or `timezone: {column: ...}` for a column of zones), or give --timezone"
    )


def _file_zone(ctx: _Ctx) -> str | None:
    """The zone of the file's country, to propose: the mapping's region, else the country
    most of the chunk's rows name (their default phone region), else None."""
    from linkgraph.ingest._zones import example_zone

    country = ctx.mapping.region
    if country is None and ctx.region is not None:
        common = ctx.region.region.dropna().value_counts()
        country = str(common.index[0]) if len(common) else None
    return example_zone(country)


#: A zone a time column's header names: "Date(UTC)", "Time (UTC+3)", "timestamp_utc",
#: "Zeit (GMT+02:00)"; not inside a word ("Outcome").
_HEADER_ZONE = re.compile(
    r"(?:^|[^a-z])((?:utc|gmt)(?:\s*[-+−]\s*\d{1,2}(?::?\d\d)?)?)(?![a-z0-9])", re.IGNORECASE
)


def header_time_zone(column: str | None) -> str | None:
    """The zone a time column's header names (``Date (UTC)`` -> ``UTC``, ``Time (UTC+3)``
    -> ``+03:00``), in which its times without an offset are read; None when it names none.

    Examples:
        >>> [header_time_zone(c) for c in ("Date(UTC)", "Time (UTC+3)", "timestamp_utc",
        ...  "Zeit GMT-05:30", "Date/time", "Outcome", None)]
        ['UTC', '+03:00', 'UTC', '-05:30', None, None, None]
    """
    from linkgraph.ingest._zones import read_zone

    found = _HEADER_ZONE.search(column or "")
    return None if found is None else read_zone(found.group(1).replace(" ", ""))


def _note_ocr_dates(
    ctx: _Ctx, key: Any, values: pd.Series, column: str | None, rows: np.ndarray, failed: pd.Series
) -> None:
    """A note in the summary (once per column, its count over the chunks) of the dates of
    birth read with letters as digits (``normalize.ocr_date_digits``: "1g52-01-15" as
    1952-01-15), the first such value and its row."""
    texts = values.astype("string")
    maybe = texts.str.contains("[OoIlSBg]", regex=True).fillna(False).to_numpy(dtype=bool)
    maybe &= ~failed.to_numpy(dtype=bool)
    if not maybe.any():
        return
    at = np.flatnonzero(maybe)
    at = at[[normalize.ocr_date_digits(str(texts.iloc[i])) is not None for i in at]]
    if not len(at):
        return
    state = ("ocr dates", key)
    if state not in ctx.state:
        example = Example()
        ctx.state[state] = [0, example]
        ctx.notes.append(
            lambda: (
                f"{ctx.state[state][0]} date(s) of birth in {column or key[-1]} read with"
                " letters for digits (O as 0, l and I as 1, S as 5, B as 8, g as 9)"
                f"{example.phrase(' (such as ', ')')}"
            )
        )
    ctx.state[state][0] += len(at)
    ctx.examples.offer(
        ctx.state[state][1], rows[at], lambda i: f"{values.iloc[at[i]]!r}, row {int(rows[at[i]])}"
    )


def _note_buddhist_years(
    ctx: _Ctx,
    key: Any,
    values: pd.Series,
    column: str | None,
    rows: np.ndarray,
    changed: np.ndarray | None = None,
) -> None:
    """A note in the summary (once per column) when its dates have Thai Buddhist-era years
    (2400-2699), read less 543 years: the first such value and its row, and how to stop it.
    ``changed``: which values ``gregorian_years`` rewrote, when the caller has run it."""
    if ("buddhist note", key) in ctx.state:
        return
    if changed is None:
        changed = gregorian_years(values)[1]
    if not changed.any():
        return
    ctx.state[("buddhist note", key)] = True
    at = np.flatnonzero(changed)
    example = Example()
    ctx.examples.offer(
        example, rows[at], lambda i: f"{values.iloc[at[i]]!r}, row {int(rows[at[i]])}"
    )
    ctx.notes.append(
        lambda: (
            f"dates in {column or key[-1]} have Buddhist-era years, read as Gregorian"
            f" less 543 years{example.phrase(' (such as ', ')')}; set `buddhist_era:"
            " false` in the mapping if these years"
            " are Gregorian (they are then rejected as time_invalid or dob_invalid)"
        )
    )


def _dayfirst(ctx: _Ctx, key: Any, values: pd.Series, column: str | None, rows: np.ndarray) -> bool:
    """The mapping's ``dayfirst``, or the order the column's values show (decided once
    per source); when no value decides, day-first, with a note in the summary that
    quotes one of the column's ambiguous dates and its row."""
    if ctx.mapping.dayfirst is not None:
        return ctx.mapping.dayfirst
    named = header_dayfirst(column)
    if named is not None:  # "DOB (MM/DD/YYYY)": the header decides
        return named
    decided = ctx.state.get(("dayfirst", key))
    if decided is not None:
        return bool(decided)
    # A sample of distinct values decides; ISO dates (and times) never need to. Without a
    # numeric date in the whole chunk (a match costs less than finding the distinct ones),
    # there is none in the sample either.
    text = arrow_text(values)
    # Plain ISO times ("2024-01-12 14:33:00", a CDR's) are told by their bytes, faster
    # than the regex, which none of them matches.
    iso = None if text.null_count else plain_iso_shape(text)
    if iso is not None and iso.all():
        numeric = pa.array([False])
    else:
        numeric = pc.match_substring_regex(text, _NUMERIC_START)
    if pc.any(numeric).as_py():
        distinct = pc.unique(pc.drop_null(text)).slice(0, 20_000)
        numeric = pc.match_substring_regex(distinct, _NUMERIC_START)
    if not pc.any(numeric).as_py():
        if ctx.state.setdefault(("undecided", key), 0) >= 2:
            ctx.state[("dayfirst", key)] = True  # three chunks without one: not this column
        ctx.state[("undecided", key)] += 1
        return True
    # Only numeric dates decide (and can be ambiguous): the others are left out of the
    # sample before the per-value regex reads it.
    sample = arrow_strings(distinct.filter(pc.match_substring_regex(distinct, _NUMERIC_LIKE)))
    day_first, month_first = date_orders(sample)
    if day_first != month_first:
        ctx.state[("dayfirst", key)] = day_first
        return day_first
    if day_first and month_first:
        # Both orders in one column (13.02.1985 and 03/15/1985): no later chunk can
        # decide it, so it is decided now. Each such value reads its one way; the
        # ambiguous ones (03/04) cannot be told apart and read day-first.
        ctx.state[("dayfirst", key)] = True
        example = _ambiguous_example(ctx, sample, values, rows)
        ctx.notes.append(
            lambda: (
                f"dates in {column or key[-1]} are written both day-first (13.02.) and"
                " month-first (03/15/): those that read both ways"
                f"{example.phrase(' (', ')') if example else ''} read day-first (set `dayfirst:"
                " false` in the mapping if they are month-first)"
            )
        )
        return True
    if _all_dotted(sample):
        # 05.03.24: every country that writes a date with dots puts the day first (and
        # one that puts the year first writes it first): no order to guess, no note
        ctx.state[("dayfirst", key)] = True
        return True
    if ("ambiguous", key) not in ctx.state:
        example = _ambiguous_example(ctx, sample, values, rows)
        if example:
            ctx.state[("ambiguous", key)] = True
            ctx.notes.append(
                lambda: (
                    f"dates in {column or key[-1]}{example.phrase(' such as ')} read day-first"
                    " (no value decides: set `dayfirst: false` in the mapping if they are"
                    " month-first)"
                )
            )
    return True


#: A day, a month and a year parted by dots ("05.03.24", "5.3.2024 10:00").
_DOTTED_DATE = r"^[ \t]*[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{2,4}(?:[ \tT]|$)"
#: The same with a slash or a dash ("05/03/24", "5-3-2024"): an order to guess.
_PARTED_DATE = r"^[ \t]*[0-9]{1,2}[./-][0-9]{1,2}[./-][0-9]{2,4}(?:[ \tT]|$)"


def _all_dotted(sample: pd.Series) -> bool:
    """Whether every day-month-year date of a column's ``sample`` is written with dots
    (and there is one).

    Examples:
        >>> _all_dotted(pd.Series(["05.03.24", "01.02.2024 10:00"], dtype="string"))
        True
        >>> _all_dotted(pd.Series(["05.03.24", "01/02/2024"], dtype="string"))
        False
    """
    parted = sample.str.match(_PARTED_DATE).fillna(False).astype(bool)
    dotted = sample.str.match(_DOTTED_DATE).fillna(False).astype(bool)
    return bool(parted.any()) and bool((dotted | ~parted).all())


def _note_reversals(ctx: _Ctx, spec: LinkSpec, plan: Any, n: int) -> None:
    """Count a link's negative amounts read as reversals (``direction: as_given``), and
    say so once in the summary: which way those links run, and how to keep the sign."""
    if not n:
        return
    key = ("reversals", spec.kind, spec.src, spec.dst)
    if key not in ctx.state:
        ctx.state[key] = 0
        column = _source_column(spec.amount, plan) if spec.amount is not None else "amount"

        def note() -> str:
            count = ctx.state[key]
            return (
                f"{count:,} negative amount{'s' * (count != 1)} in {column} read as"
                f" reversals (a refund, money going back): each such {spec.kind} link runs"
                f" {spec.dst} -> {spec.src} with the amount's size (docs/mapping.md,"
                " `direction`); set `direction: as_written` on the link to keep"
                f" {spec.src} -> {spec.dst} and the sign"
            )

        ctx.notes.append(note)
    ctx.state[key] += n


#: ``state`` key of a link's amounts read with ``direction: sign``: (SIGNS, kind, src,
#: dst, column) -> [positive, negative] counts (see :func:`sign_notes`).
SIGNS = "signs"


def _count_signs(ctx: _Ctx, spec: LinkSpec, plan: Any, amount: pd.Series) -> None:
    """Count a ``direction: sign`` link's positive and negative amounts over the source,
    for :func:`sign_notes`."""
    column = _source_column(spec.amount, plan) if spec.amount is not None else "amount"
    counts = ctx.state.setdefault((SIGNS, spec.kind, spec.src, spec.dst, column), [0, 0])
    counts[0] += int((amount > 0).sum())
    counts[1] += int((amount < 0).sum())


def sign_notes(state: dict[Any, Any]) -> list[str]:
    """The summary's warning for a ``direction: sign`` link whose amounts were all positive
    over the source: the sign says no direction then (every row reads as money in), and
    the direction is likely in a column of its own ("Soll/Haben", "Dr/Cr")."""
    notes = []
    for key, counts in state.items():
        if not (isinstance(key, tuple) and key and key[0] == SIGNS):
            continue
        positive, negative = counts
        if positive < 2 or negative:
            continue
        _, kind, src, dst, column = key
        notes.append(
            f"all {positive:,} amounts in {column} are positive, so `direction: sign` read"
            f" every {kind} link as money in ({dst} -> {src}): the direction may be in"
            " another column such as 'Soll/Haben' or 'Dr/Cr'; map it with `direction:"
            " incoming` and `incoming: COLUMN` on the link (docs/mapping.md, `direction`)"
        )
    return notes


def _note_bad_directions(
    ctx: _Ctx, spec: LinkSpec, plan: Any, said: pd.Series, failed: pd.Series, rows: np.ndarray
) -> None:
    """Say once per column in the summary which values a ``direction: incoming`` column
    may hold, when some of its values are none of them (``direction_invalid``)."""
    if not failed.any():
        return
    column = _source_column(spec.incoming, plan) if spec.incoming is not None else "incoming"
    key = ("bad directions", column)
    if key not in ctx.state:
        ctx.state[key] = 0
        example = Example()
        at = np.flatnonzero(failed.to_numpy(dtype=bool))
        ctx.quote(example, at, lambda i: f"{said.iloc[at[i]]!r}, row {int(rows[at[i]])}")

        def note() -> str:
            count = ctx.state[key]
            return (
                f"{count:,} value{'s' * (count != 1)} of {column} say{'s' * (count == 1)} no"
                f" direction{example.phrase(' (such as ', ')')}, rejected as"
                f" direction_invalid: accepted are {normalize.MONEY_DIRECTION_EXAMPLES},"
                " and a call's in/out, MO/MT, incoming/outgoing"
            )

        ctx.notes.append(note)
    ctx.state[key] += int(failed.sum())


def _joined_flags(flags: pd.Series, more: pd.Series) -> pd.Series:
    """Two ";"-separated flag columns in one (``<NA>`` where neither flags the row)."""
    both = flags.str.cat(more, sep=";", na_rep="").str.strip(";")
    return both.mask(both == "")


def _checked_documents(
    ctx: _Ctx, slot: str, column: str | None, norm: pd.Series, rows: np.ndarray
) -> pd.Series | None:
    """The flags of a national identity number column's values that fail their published
    check digit (``document_checksum``) or shape (``document_format``), the scheme told by
    the header (TCKN, DNI/NIE, CURP, PESEL...: :mod:`._id_checks`); ``None`` when the
    header names no such number or every value passes. The values are kept; the summary
    counts them once per column, quoting the first with its row."""
    scheme = scheme_of(column)
    if scheme is None or not norm.notna().any():
        return None
    name, module = scheme
    out: pd.Series | None = None
    for flag, bad in zip((CHECKSUM_FLAG, FORMAT_FLAG), failed_checks(norm, module), strict=True):
        if not bad.any():
            continue
        key = ("id_check", slot, column, flag)
        if key not in ctx.state:
            ctx.state[key] = 0
            at = int(np.flatnonzero(bad)[0])
            first = (norm.iloc[at], int(rows[at]))
            what = "check digit" if flag == CHECKSUM_FLAG else "length or format"

            def note(key: tuple = key, what: str = what, first: tuple = first,
                     flag: str = flag) -> str:  # fmt: skip
                count = ctx.state[key]
                return (
                    f"{count:,} {name} number{'s' * (count != 1)} in {column}"
                    f" fail{'s' * (count == 1)}"
                    f" the {name} {what} (first: {first[0]}, row {first[1]}): kept, flagged"
                    f" {flag} on {'their mentions' if count != 1 else 'its mention'}; check"
                    " the number against the source document"
                )

            ctx.notes.append(note)
        ctx.state[key] += int(bad.sum())
        flag_col = pd.Series(pd.NA, index=norm.index, dtype="string").mask(bad, flag)
        out = flag_col if out is None else _joined_flags(out, flag_col)
    return out


def _sex_letters(
    ctx: _Ctx, key: Any, values: pd.Series, column: str | None, norm: pd.Series, failed: pd.Series
) -> tuple[pd.Series, pd.Series]:
    """A sex column's one-letter M read by the codes beside it (``_sex_codes``): female
    in a column of H and M (hombre/mujer), unread (``sex_invalid``) in one of H, M and F;
    the summary says which, once per column."""
    seen = ctx.state.setdefault(("sex_letters", key), set())
    seen |= sex_letters(values)
    meaning = code_m(seen)
    if meaning is None:
        return norm, failed
    cells = pd.Series(m_cells(values), index=norm.index)
    name = column or key[-1]
    if meaning == "F":
        norm = norm.mask(cells, "F")
        note = (
            f"sex in {name}: codes H and M, read as hombre/homme (male) and mujer/mulher"
            " (female); an M/F column reads M as male"
        )
    else:
        norm = norm.mask(cells)  # no sex kept: an M there would read male
        failed = pd.Series(failed.to_numpy(dtype=bool) | cells.to_numpy(), index=failed.index)
        note = (
            f"sex in {name} is coded H, M and F: M (mujer, or male?) left unread and rejected"
            " as sex_invalid; recode the column (M/F, or H/M) and ingest it again"
        )
    if ("sex_note", key, meaning) not in ctx.state:
        ctx.state[("sex_note", key, meaning)] = True
        ctx.notes.append(lambda: note)
    return norm, failed


#: The share of a date of birth column's values, dates before ``EARLIEST_BIRTH_YEAR``,
#: above which the column is a historical register, read as written.
_HISTORICAL_SHARE = 0.5


def _early_births(
    ctx: _Ctx,
    column: str,
    values: pd.Series,
    norm: pd.Series,
    failed: pd.Series,
    rows: np.ndarray,
) -> tuple[pd.Series, pd.Series]:
    """``norm`` and ``failed`` with the dates of birth before 1880 failed (kept as
    written: ``dob_invalid``) when they are few among modern ones; a column of mostly
    such dates (a historical register, decided by its first chunk) is kept. The summary
    says why once per column, quoting the first with its row: no living person's, or a
    Solar Hijri date (Persian digits, a year 13xx, refused by ``birth_date``) to convert."""
    read = norm.notna() & ~failed
    years = pd.to_numeric(norm.where(read).astype("string").str.slice(0, 4), errors="coerce")
    early = (years < normalize.EARLIEST_BIRTH_YEAR).fillna(False).to_numpy(dtype=bool)
    decided = ("historical births", column)
    if decided not in ctx.state and read.any():
        # more than half of the column's dates of birth given (a date in the future, or
        # no date, is a modern register's mistake)
        given = values.notna() & (values.astype("string").str.strip() != "")
        ctx.state[decided] = early.sum() > _HISTORICAL_SHARE * int(given.sum())
    if early.any() and not ctx.state.get(decided, False):
        written = pd.Series(values.astype("string").str.strip().to_numpy(), index=norm.index)
        norm = norm.mask(pd.Series(early, index=norm.index), written)
        failed = pd.Series(failed.to_numpy(dtype=bool) | early, index=failed.index)
    if not failed.any():
        return norm, failed
    at = np.flatnonzero(failed.to_numpy(dtype=bool))
    hints = {v: normalize.early_birth_hint(v) for v in set(values.iloc[at].astype(str))}
    refused = [p for p in at if hints[str(values.iloc[p])] is not None]
    if not refused:
        return norm, failed
    key = ("early births", column)
    if key not in ctx.state:
        ctx.state[key] = [0, None]
        example = Example()
        ctx.quote(
            example,
            np.asarray(refused),
            lambda i: f"{values.iloc[refused[i]]!r}, row {int(rows[refused[i]])}",
        )

        def note() -> str:
            count, why = ctx.state[key]
            return (
                f"{count:,} date{'s' * (count != 1)} of birth in {column} rejected as"
                f" dob_invalid{example.phrase(' (such as ', ')')}: {why}"
            )

        ctx.notes.append(note)
    said = [hints[str(values.iloc[p])] for p in refused]
    solar = next((h for h in said if h.startswith("looks")), None)
    state = ctx.state[key]
    state[0] += len(refused)
    if state[1] is None or (solar and not state[1].startswith("looks")):
        state[1] = solar or said[0]
    return norm, failed


def _against_header_order(
    ctx: _Ctx, fname: str, values: pd.Series, column: str | None, norm: pd.Series, failed: pd.Series
) -> tuple[pd.Series, pd.Series]:
    """``norm`` and ``failed`` with the dates that contradict the order their header names
    (``13/05/1990`` under ``DOB (MM/DD/YYYY)``) failed, kept as written: a mistake, not a
    date to read the other way. A mapping's ``dayfirst`` of the other order overrules the
    header, and then no value is refused."""
    order = header_dayfirst(column)
    if order is None or ctx.mapping.dayfirst not in (None, order):
        return norm, failed
    wrong = contradicting(values, order)
    if not wrong.any():
        return norm, failed
    if fname == "time":
        norm = norm.mask(pd.Series(wrong, index=norm.index))
    else:
        written = pd.Series(values.astype("string").str.strip().to_numpy(), index=norm.index)
        norm = norm.mask(pd.Series(wrong, index=norm.index), written)
    failed = pd.Series(failed.to_numpy(dtype=bool) | wrong, index=failed.index)
    count = ctx.state.get(("order_refused", column), 0)
    if not count:
        ctx.notes.append(
            lambda: (
                f"{ctx.state[('order_refused', column)]} date(s) in {column} read only"
                f" {'month' if order else 'day'}-first, against the order its header names:"
                f" rejected as {fname}_invalid (set `dayfirst: {str(not order).lower()}` in"
                " the mapping if the header is wrong)"
            )
        )
    ctx.state[("order_refused", column)] = count + int(wrong.sum())
    return norm, failed


def _ambiguous_example(
    ctx: _Ctx, sample: pd.Series, values: pd.Series, rows: np.ndarray
) -> Example | None:
    """One of the column's dates that reads both ways, quoted with its row
    (``'03/04/2024' (row 7)``) once the chunk's victims are known, or None when none
    does. Each of the first few such dates is offered on a few of its rows, so that one
    on a row of no victim is quoted when the first is a victim's."""
    found = ambiguous_dates(sample, most=_AMBIGUOUS_OFFERED)
    if not found:
        return None
    example = Example()
    for date in found:
        at = np.flatnonzero(values.eq(date).fillna(False).to_numpy(dtype=bool))
        at = at[:_AMBIGUOUS_OFFERED]
        ctx.examples.offer(
            example, rows[at], lambda i, d=date, at=at: f"{d!r} (row {int(rows[at[i]])})"
        )
    return example


#: How many ambiguous dates of a column are offered as a warning's example, and on how
#: many rows each (the first on a row of no victim is quoted).
_AMBIGUOUS_OFFERED = 8


def _amount_example(ctx: _Ctx, distinct: pa.Array, values: pd.Series, rows: np.ndarray) -> Example:
    """An amount of a column (``values``, at file rows ``rows``) among its ``distinct``
    ambiguous ones (the first few looked at), on a row of no victim: ``1.234 read as
    1234``."""
    example = Example()
    written = arrow_text(values)
    for value in distinct.slice(0, 8).to_pylist():
        hit = pc.equal(written, value).fill_null(False)
        at = np.flatnonzero(np.asarray(hit.to_numpy(zero_copy_only=False), dtype=bool))
        text = f"{value} read as {normalize.amount(value)}"
        ctx.examples.offer(example, rows[at], lambda _i, text=text: text)
    return example


def _phones_by_region(
    values: pd.Series, pos: np.ndarray, ctx: _Ctx, own: RowRegions | None = None
) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Phones read with each row's own default region (its country, else its nationality
    column) where the row has one, else the mapping's region: ``(normalised, failed,
    country)``. A number invalid under a row's nationality is tried under the mapping's
    region, and the summary counts those.

    Each distinct (cell, region) pair is read once (``_phones.read_pairs``). ``own``: the
    slot's own rows' regions (its party's country, :func:`_party_regions`), else the row's.
    """
    by_row = ctx.region if own is None else own
    if by_row is None or not len(values):
        norm, failed, country = _phones(values, ctx.mapping.region)
        _count_national(ctx, values, norm, failed, None, pos)
        return norm, failed, country
    regions = by_row.region.take(pos).reset_index(drop=True)
    norm, failed, country = _phones_under(values, regions.fillna(ctx.mapping.region or ""))
    fallback = ctx.mapping.region
    if fallback is not None and failed.any():
        retry = failed.to_numpy(dtype=bool) & by_row.weak[pos]
        retry &= (regions.fillna(fallback) != fallback).to_numpy(dtype=bool)
        if retry.any():
            again = values[retry]
            n2, f2, c2 = _phones(again, fallback)
            ok = ~f2.to_numpy(dtype=bool)
            if ok.any():
                at = values.index[retry][ok]
                norm, failed, country = norm.copy(), failed.copy(), country.copy()
                norm[at], failed[at], country[at] = n2[ok].to_numpy(), False, c2[ok].to_numpy()
                at_pos = pos[np.flatnonzero(retry)[ok]]
                _count_fallback(ctx, again[ok], regions[retry][ok], n2[ok], at_pos)
    _count_national(
        ctx,
        values,
        norm,
        failed,
        regions.notna().to_numpy(dtype=bool),
        pos,
        beside=by_row.beside if by_row.weak_from == OTHER_PARTY else "",
    )
    if by_row.weak_from == "city":
        _count_by_city(ctx, values, norm, failed, country, regions, pos)
    return norm, failed, country


def _count_by_city(
    ctx: _Ctx,
    values: pd.Series,
    norm: pd.Series,
    failed: pd.Series,
    country: pd.Series,
    regions: pd.Series,
    pos: np.ndarray,
) -> None:
    """Count the national numbers read as numbers of the country of their row's city
    where that is not the mapping's region (an inference the summary names); ``pos``:
    the chunk's positions of ``values``."""
    other = regions.notna() & regions.ne(ctx.mapping.region or "")
    read = other.fillna(False).to_numpy(dtype=bool) & ~failed.to_numpy(dtype=bool)
    read &= norm.notna().to_numpy(dtype=bool)
    read &= country.astype("string").eq(regions).fillna(False).to_numpy(dtype=bool)
    cells, national = _national_cells(values, norm, read)
    if national.any():
        readings = _readings(ctx)
        readings.by_city += int(national.sum())
        at = np.flatnonzero(national)
        said, local = norm[read], regions[read]
        ctx.quote(
            readings.by_city_example,
            pos[np.flatnonzero(read)[at]],
            lambda i: f"{cells.iloc[at[i]]!r} -> {said.iloc[at[i]]} ({local.iloc[at[i]]})",
        )


def _phones_under(values: pd.Series, regions: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Phones read each with its own default region ("" for none)."""
    encoded = pc.dictionary_encode(arrow_text(values))
    cells = encoded.dictionary.cast(pa.large_string())
    region_code, names = pd.factorize(regions.to_numpy(dtype=object))
    cell_code = encoded.indices.to_numpy(zero_copy_only=False)
    present = np.asarray(encoded.indices.is_valid(), dtype=bool)
    pair = np.full(len(values), -1, dtype=np.int64)
    pair[present] = cell_code[present].astype(np.int64) * len(names) + region_code[present]
    pairs, inverse = unique(pair[present], return_inverse=True)
    table, bad, country = read_pairs(
        cells, pairs // len(names), pairs % len(names), [str(r) or None for r in names]
    )
    codes = np.zeros(len(values), dtype=np.int64)
    codes[present] = inverse
    return gathered(pa.array(codes, mask=~present), table, bad, country, values.index)


@dataclass(slots=True)
class RegionReadings:
    """What the ingest summary says of the phones that only the mapping's region read:
    national numbers of rows without a country of their own, and numbers invalid under
    their row's nationality (``against``)."""

    region: str
    national: int = 0
    example: Example = field(default_factory=Example)
    against: int = 0
    against_example: Example = field(default_factory=Example)
    by_city: int = 0
    by_city_example: Example = field(default_factory=Example)
    #: national numbers of another party than the row's country's (a suspect's beside
    #: the victim's nationality), read with the mapping's region; ``beside``: what the
    #: row's country column is ("nationality column 'Nationality' is the victim's")
    of_party: int = 0
    party_example: Example = field(default_factory=Example)
    beside: str = ""

    def notes(self, how: str | None) -> list[str]:
        """The summary's warnings; ``how`` says where the region came from (``None``:
        given on the command line, so the national numbers it read go unsaid)."""
        out = []
        if self.national and how is not None:
            one = self.national == 1
            out.append(
                f"{_phones_said(self.national)} without a country code read as"
                f" {_article(self.region) + ' ' if one else ''}{self.region}"
                f" number{'' if one else 's'} ({how}){self.example.phrase(', such as ')}: if"
                " the rows are of several countries, map a country or nationality column (each"
                " row's numbers are then read with its own country), or pass --region XX"
            )
        if self.of_party and how is not None:
            one = self.of_party == 1
            owners = "its owner's" if one else "their owners'"
            out.append(
                f"{_phones_said(self.of_party)} without a country code read as"
                f" {_article(self.region) + ' ' if one else ''}{self.region}"
                f" number{'' if one else 's'} ({how}){self.party_example.phrase(', such as ')}:"
                f" {'its' if one else 'their'} row's {self.beside}, not"
                f" {owners}, so it did not set {'its' if one else 'their'} country; if"
                f" {'it is a local number' if one else 'they are local numbers'} of another"
                f" country, map {owners} own country column, or pass --region XX"
            )
        if self.against:
            one = self.against == 1
            out.append(
                f"{_phones_said(self.against)} invalid in {'its' if one else 'their'} row's country"
                f" read as {_article(self.region) + ' ' if one else ''}{self.region}"
                f" number{'' if one else 's'} instead"
                f"{self.against_example.phrase(', such as ')}: check {'it' if one else 'them'}"
            )
        if self.by_city:
            one = self.by_city == 1
            out.append(
                f"{_phones_said(self.by_city)} without a country code read as"
                f" {'a number' if one else 'numbers'} of the country of"
                f" {'its' if one else 'their'} row's city"
                f"{self.by_city_example.phrase(', such as ')}: if"
                f" {'it is a local number' if one else 'they are local numbers'} of another"
                " country, map a country column"
            )
        return out


def _article(code: str) -> str:
    """The article before a country code said letter by letter: "an IT", "a UA"."""
    return "an" if code[:1] in "AEFHILMNORSX" else "a"


def _phones_said(n: int) -> str:
    """``n`` phones, in words: "1 phone", "4 phones"."""
    return f"{n:,} phone{'' if n == 1 else 's'}"


#: ``ctx.state`` key of the source's :class:`RegionReadings`.
REGION_READINGS = "phones read under the mapping's region"
#: ``ctx.state`` key set when the region is the analyst's own (``--region``): the summary
#: does not count the national numbers read under it (:meth:`RegionReadings.notes`), so
#: they are not looked for (two regexes over each chunk's phone cells).
NATIONAL_UNSAID = "national numbers read under the region go unsaid"


def _readings(ctx: _Ctx) -> RegionReadings:
    region = ctx.mapping.region or ""
    found = ctx.state.get(REGION_READINGS)
    if found is None:
        found = ctx.state[REGION_READINGS] = RegionReadings(region)
    return found


def _count_fallback(
    ctx: _Ctx, cells: pd.Series, nationality: pd.Series, read: pd.Series, pos: np.ndarray
) -> None:
    """Count the numbers invalid under their row's nationality (or its city's country)
    that were read under the mapping's region instead (at the chunk's positions ``pos``)."""
    readings = _readings(ctx)
    readings.against += len(cells)
    how = "nationality" if ctx.region is None else ctx.region.weak_from
    how = "city in" if how == "city" else how
    ctx.quote(
        readings.against_example,
        pos,
        lambda i: f"{cells.iloc[i]!r} -> {read.iloc[i]} ({how} {nationality.iloc[i]})",
    )


def _count_national(
    ctx: _Ctx,
    values: pd.Series,
    norm: pd.Series,
    failed: pd.Series,
    own: np.ndarray | None,
    pos: np.ndarray,
    *,
    beside: str = "",
) -> None:
    """Count the national numbers (no "+" or "00") read under the mapping's region, in
    rows without a region of their own (``own``: the rows that have one); ``pos``: the
    chunk's positions of ``values``; ``beside``: for the phones of another party than the
    one the row's country column is of (counted apart), what that column is (see
    :class:`RowRegions`). Not counted where the
    summary will not say it (``NATIONAL_UNSAID`` in the source's state)."""
    if ctx.mapping.region is None or not len(values) or ctx.state.get(NATIONAL_UNSAID):
        return
    read = ~failed.to_numpy(dtype=bool) & norm.notna().to_numpy(dtype=bool)
    if own is not None:
        read &= ~own
    _count_by_digits(ctx, values, norm, read, pos)
    cells, national = _national_cells(values, norm, read)
    if national.any():
        readings = _readings(ctx)
        other_party = bool(beside)
        if other_party:
            readings.of_party += int(national.sum())
            readings.beside = readings.beside or beside
        else:
            readings.national += int(national.sum())
        at = np.flatnonzero(national)
        said = norm[read]
        ctx.quote(
            readings.party_example if other_party else readings.example,
            pos[np.flatnonzero(read)[at]],
            lambda i: f"{cells.iloc[at[i]]!r} -> {said.iloc[at[i]]}",
        )


#: Persian and Arabic-Indic digits (see ``_phones._by_script``).
_EASTERN_DIGITS = "[\u0660-\u0669\u06f0-\u06f9]"


def _count_by_digits(
    ctx: _Ctx, values: pd.Series, norm: pd.Series, read: np.ndarray, pos: np.ndarray
) -> None:
    """Take out of ``read`` (in place) the national numbers written in Persian or
    Arabic-Indic digits that were read in the region of their digits rather than the
    mapping's (Iran, Egypt...), and say so once in the summary, quoting the first."""
    eastern = values.astype("string").str.contains(_EASTERN_DIGITS, regex=True)
    eastern = eastern.fillna(False).to_numpy(dtype=bool) & read
    if not eastern.any():
        return
    from phonenumbers import country_code_for_region

    prefix = f"+{country_code_for_region(ctx.mapping.region)}" if ctx.mapping.region else "+"
    other = eastern & ~norm.astype("string").str.startswith(prefix).fillna(False).to_numpy()
    if not other.any():
        return
    read &= ~other
    key = ("phones by digits", ctx.mapping.region)
    if key not in ctx.state:
        ctx.state[key] = 0
        example = Example()
        at = np.flatnonzero(other)
        ctx.quote(example, pos[at], lambda i: f"{values.iloc[at[i]]!r} -> {norm.iloc[at[i]]}")

        def note() -> str:
            count = ctx.state[key]
            return (
                f"{count:,} phone{'s' * (count != 1)} without a country code written in"
                f" Persian or Arabic-Indic digits read in the country of their digits"
                f"{example.phrase(' (such as ', ')')}, not as {ctx.mapping.region} numbers"
            )

        ctx.notes.append(note)
    ctx.state[key] += int(other.sum())


def _national_cells(
    values: pd.Series, norm: pd.Series, read: np.ndarray
) -> tuple[pd.Series, np.ndarray]:
    """The cells of ``values`` at ``read``, and which of them are written nationally: no
    "+" or "00" ahead, and not the digits of their own E.164 reading (``norm``): a cell
    "447544534963" had its country code, only its "+" was lost, and was read under no
    default region."""
    cells = values[read]
    if not len(cells):
        return cells, np.zeros(0, dtype=bool)
    text = arrow_text(cells)
    plus = pc.match_substring_regex(text, r"^\s*(?:\+|00)").fill_null(True)
    international = np.asarray(plus.to_numpy(zero_copy_only=False), dtype=bool)
    # Only a cell that does not begin with 0 can be the digits of its own E.164 number
    # (no country code begins with 0): their digits are compared, the rest left alone
    # (a CDR's million national cells cost no regex replace).
    zero = pc.match_substring_regex(text, r"^\s*0").fill_null(True)
    maybe = np.flatnonzero(~(international | np.asarray(zero.to_numpy(zero_copy_only=False))))
    if len(maybe):
        digits = pc.replace_substring_regex(text.take(maybe), r"[^0-9]", "")
        e164 = pc.utf8_slice_codeunits(arrow_text(norm[read].iloc[maybe]), 1)
        own_code = pc.equal(digits, e164).fill_null(False)
        international[maybe] = np.asarray(own_code.to_numpy(zero_copy_only=False), dtype=bool)
    return cells, ~international


_IBAN_START = re.compile(r"^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$")


def _identifier_country(entity_type: str, out: dict[str, Any]) -> None:
    """A phone's country from its E.164 number, an account's from its IBAN, in the
    ``country`` column that the graph reads an entity's country from (unless mapped)."""
    if "country" in out:
        return
    if entity_type == "phone" and "phone" in out:
        phones = pc.dictionary_encode(arrow_text(out["phone"]))
        numbers = phones.dictionary.to_pylist()
        countries = [_phone_country(u) if u.startswith("+") else None for u in numbers]
        found = pa.array(countries, pa.large_string()).take(phones.indices)
        if found.null_count < len(found):
            country = arrow_strings(found)
            country.index = out["phone"].index
            out["country"] = country
    elif entity_type == "account" and "account" in out:
        acc = out["account"]
        iban = acc.str.match(_IBAN_START.pattern).fillna(False).astype(bool)
        if iban.any():
            country = acc.str.slice(0, 2).where(iban)
            out["country"] = country.where(country.isin(list(_COUNTRY_CODES()))).astype("string")


def fill_identifier_countries(mentions: pd.DataFrame) -> pd.DataFrame:
    """``mentions`` with the country of phones (E.164) and accounts (IBAN) filled in where
    it is missing (for readers that build mentions row by row, such as FtM)."""
    out = mentions.copy()
    if "country" not in out.columns:
        out["country"] = pd.Series(pd.NA, index=out.index, dtype="string")
    else:  # a column of no country at all is float NaN: no country code could be set in it
        out["country"] = out["country"].astype("string")
    for etype, key in (("phone", "phone"), ("account", "account")):
        if key not in out.columns:
            continue
        rows = (out["type"] == etype) & out["country"].isna()
        if not rows.any():
            continue
        found: dict[str, Any] = {key: out.loc[rows, key].astype("string")}
        _identifier_country(etype, found)
        if "country" in found:
            out.loc[rows, "country"] = found["country"].to_numpy()
    return out


@lru_cache(maxsize=1)
def _COUNTRY_CODES() -> frozenset[str]:
    from linkgraph.ingest._countries import ALPHA3

    return frozenset(ALPHA3.values())


def _fold_names(names: pd.Series) -> pd.Series:
    """fold_name() of each distinct name: ASCII names all at once in Arrow (``_fast``),
    the others one by one."""
    encoded = pc.dictionary_encode(arrow_text(names))
    uniques = encoded.dictionary.cast(pa.large_string())
    keys, answered = fold_names(uniques)
    todo = np.flatnonzero(~answered)
    if len(todo):
        # names in other scripts, word by word (each distinct word folded once)
        by_word, done = fold_names_by_word(uniques.take(pa.array(todo)))
        if done.any():
            mask = np.zeros(len(uniques), dtype=bool)
            mask[todo[done]] = True
            keys = pc.replace_with_mask(
                keys.cast(pa.large_string()),
                pa.array(mask),
                by_word.filter(pa.array(done)).cast(pa.large_string()),
            )
            todo = todo[~done]
    if len(todo):
        rest = [fold_name(u) or None for u in uniques.take(pa.array(todo)).to_pylist()]
        mask = np.zeros(len(uniques), dtype=bool)
        mask[todo] = True
        keys = pc.replace_with_mask(
            keys.cast(pa.large_string()), pa.array(mask), pa.array(rest, pa.large_string())
        )
    out = arrow_strings(keys.take(encoded.indices))
    out.index = names.index
    return out


def _kind(fname: str, entity_type: str) -> str:
    """What decides a field's normaliser besides the mapping (see :func:`normaliser`)."""
    return KEY_FIELD.get(entity_type, fname) if fname == "identifier" else fname


#: A name written family name first, with one comma: "NOWAK, Andrzej", "POPESCU, ION VASILE"
#: (a passport's "POPESCU<<ION<VASILE", see :func:`normalize.mrz_name`).
_FAMILY_FIRST = r"^\s*(?P<family>[^,]*[^,\s][^,]*?)\s*,\s*(?P<given>[^,]*[^,\s][^,]*?)\s*$"


def _family_first_parts(out: dict[str, Any]) -> None:
    """A person's family and given names read from names written family name first with
    one comma ("NOWAK, Andrzej"), where the mapping gives neither; only the names with a
    comma are looked at."""
    if "given_name" in out or "family_name" in out:
        return
    names = arrow_text(out["name"])
    hit = np.asarray(pc.fill_null(pc.match_substring(names, ","), False), dtype=bool)
    if not hit.any():
        return
    parts = pc.extract_regex(names.filter(pa.array(hit)), _FAMILY_FIRST)
    index = out["name"].index
    for field_name in ("family", "given"):
        column = np.full(len(names), None, dtype=object)
        column[hit] = pc.struct_field(parts, field_name).to_numpy(zero_copy_only=False)
        series = pd.Series(column, index=index, dtype="string")
        out[f"{field_name}_name"] = series.replace("", pd.NA)


def _derive(entity_type: str, out: dict[str, Any], index: pd.Index) -> None:
    """Fill ``name``, ``name_latin``, ``identifier`` and ``label`` from the other fields."""
    if entity_type in ("person", "organisation", "location"):
        if "given_name" in out or "family_name" in out:
            na = pd.Series(pd.NA, index=index, dtype="string")
            given = out.get("given_name", na)
            family = out.get("family_name", na)
            if "name" not in out:
                joined = given.str.cat(family, sep=" ", na_rep="")
                out["name"] = joined.str.strip().replace("", pd.NA)
            elif out["name"].isna().any():
                # a name column left blank on rows that give the parts: named by them
                gap = out["name"].isna() & (given.notna() | family.notna())
                if gap.any():
                    joined = given[gap].str.cat(family[gap], sep=" ", na_rep="").str.strip()
                    out["name"] = out["name"].mask(gap, joined.replace("", pd.NA))
        if entity_type == "person" and "name" in out:
            _family_first_parts(out)
        if "name" in out:
            out["name_latin"] = _fold_names(out["name"])
    key = KEY_FIELD.get(entity_type)
    if key is not None and "identifier" not in out and key in out:
        out["identifier"] = out[key]
    # The first field present, in this order (pc.coalesce is fillna over them all at once).
    found = [
        arrow_text(out[c])
        for c in ("name", "identifier", "address", "city", "country", "email", "phone", "label")
        if c in out
    ]
    if found and not found[0].null_count:
        label_arr = found[0]  # a first field without a gap (a phone's identifier): no copy
    else:
        label_arr = pc.coalesce(*found) if found else pa.nulls(len(index), pa.large_string())
    if entity_type == "address" and "address" in out:
        # "street, postcode, city, country" without trailing separators (a missing part in
        # the middle leaves its separator, as the pandas str.cat this replaces did).
        parts = [
            pc.fill_null(arrow_text(out[c]), "")
            for c in ("address", "postcode", "city", "country")
            if c in out
        ]
        joined = parts[0]
        sep = pa.scalar(", ", pa.large_string())
        for part in parts[1:]:
            joined = pc.binary_join_element_wise(joined, part, sep)
            trailing = np.asarray(pc.ends_with(joined, ", ").to_numpy(zero_copy_only=False))
            if trailing.any():  # the regex only on the values that end with a separator
                at = pa.array(trailing)
                fixed = pc.replace_substring_regex(joined.filter(at), "(, )+$", "")
                joined = pc.replace_with_mask(joined, at, fixed)
        joined = pc.if_else(pc.equal(joined, ""), pa.scalar(None, pa.large_string()), joined)
        label_arr = pc.coalesce(joined, label_arr)
    label = arrow_strings(label_arr)
    label.index = index
    out["label"] = label


def _pairs(src: pd.DataFrame, dst: pd.DataFrame, on: list[str]) -> pd.DataFrame:
    """``pd.merge(src, dst, on=on)`` (inner, in ``src``'s order). When each row holds at
    most one mention of either slot (a person list: one person, one phone per row), the
    matches are a look-up of row positions instead of a hash join."""
    left, right = src["_pos"].to_numpy(), dst["_pos"].to_numpy()
    if on != ["_pos"] or not len(left) or not len(right) or left.min() < 0 or right.min() < 0:
        return pd.merge(src, dst, on=on)
    size = int(max(left.max(), right.max())) + 1
    at = np.full(size, -1, dtype=np.int64)
    at[right] = np.arange(len(right))
    seen = np.zeros(size, dtype=bool)  # rows of src (a mark per row: np.unique hashes)
    seen[left] = True
    if (at >= 0).sum() != len(right) or int(seen.sum()) != len(left):
        return pd.merge(src, dst, on=on)  # some row has two mentions of a slot
    match = at[left]
    keep = np.flatnonzero(match >= 0)
    out = src.iloc[keep].reset_index(drop=True)
    for col in dst.columns:
        if col != "_pos":
            out[col] = dst[col].iloc[match[keep]].reset_index(drop=True)
    return out


def _made_rows(ends: pd.DataFrame | None, n: int) -> np.ndarray:
    """The rows (of ``n``) in which a slot made a mention."""
    mask = np.zeros(n, dtype=bool)
    if ends is not None and len(ends):
        mask[ends["_pos"].to_numpy()] = True
    return mask


def _unlinked_payments(
    spec: LinkSpec, slots: dict[str, pd.DataFrame], frame: pd.DataFrame, ctx: _Ctx
) -> None:
    """Rows with an amount whose link cannot be made, since one of its ends made no
    mention (a statement's ATM withdrawal has no counterparty account) and neither did
    one of the link's ``otherwise`` slots, become rejects ``no_counterparty`` naming the
    missing end's column, with the amount in the value: money that moved is never
    dropped in silence."""
    columns = [
        (s, _source_column(fs, ctx.plan))
        for fs in (spec.debit, spec.amount)
        if fs is not None
        and (s := _field_series(frame, fs, ctx.plan, ctx.chunk.facts, ctx.texts)) is not None
    ]
    if not columns:
        return
    n = len(frame)
    money = np.zeros(n, dtype=bool)
    for s, _ in columns:
        money |= s.notna().to_numpy(dtype=bool)
    made = [_made_rows(slots.get(spec.src), n), _made_rows(slots.get(spec.dst), n)]
    unlinked = money & ~(made[0] & made[1])
    instead = ""
    if spec.otherwise is not None:
        alt_src, alt_dst = spec.otherwise
        unlinked &= ~(_made_rows(slots.get(alt_src), n) & _made_rows(slots.get(alt_dst), n))
        instead = f" and not both {alt_src} and {alt_dst} to link instead"
    if not unlinked.any():
        return
    at = np.flatnonzero(unlinked)
    said: pd.Series | None = None  # "300,00 (Debit)", for the unlinked rows only
    for s, column in columns:
        shown = s.iloc[at].reset_index(drop=True) + f" ({column})"
        said = shown if said is None else said.fillna(shown)
    for slot, missing in ((spec.src, ~made[0]), (spec.dst, made[0] & ~made[1])):
        hit = unlinked & missing
        if hit.any():
            value = pd.Series(pd.NA, index=range(n), dtype="string")
            value.iloc[at] = (
                said + f": no {slot} in the row{instead}, so no {spec.kind} link"
            ).array
            column = _slot_column(slot, ctx)
            rows = ctx.chunk.rows
            reject = reject_frame(ctx.chunk.source, rows, hit, column, "no_counterparty", value)
            ctx.rejects.append(reject.assign(level="row"))


def _slot_pairs(
    ends: tuple[str, str],
    slots: dict[str, pd.DataFrame],
    each: dict[str, str | None],
    skip: np.ndarray | None = None,
) -> pd.DataFrame:
    """The pairs (``_pos``, ``a``, ``b``: the row and the ends' id bits) of a link
    between the slots ``ends``, leaving out the rows marked in ``skip`` and any mention
    linked to itself."""
    src, dst = slots.get(ends[0]), slots.get(ends[1])
    if src is None or dst is None or src.empty or dst.empty:
        return pd.DataFrame()
    if skip is not None:
        src = src[~skip[src["_pos"].to_numpy()]]
        dst = dst[~skip[dst["_pos"].to_numpy()]]
        if src.empty or dst.empty:
            return pd.DataFrame()
    # Slots filled from the same list of objects (a suspect and his phones) link item by
    # item; otherwise every mention of one slot links every mention of the other in the row.
    on = (
        ["_pos", "_sub"]
        if each.get(ends[0]) and each.get(ends[0]) == each.get(ends[1])
        else ["_pos"]
    )
    # The ends are carried by their ids' 64 bits alone (a mention's id is
    # ``id_text("m", bits)``, see _slot_mentions): equal bits are equal ids, and the ids'
    # text is written once, for the links kept, instead of gathered through the join.
    pairs = _pairs(
        src[[*on, "_bits"]].rename(columns={"_bits": "a"}),
        dst[[*on, "_bits"]].rename(columns={"_bits": "b"}),
        on,
    )
    same = pairs["a"].to_numpy(np.uint64) == pairs["b"].to_numpy(np.uint64)
    if same.any():
        pairs = pairs[~same].reset_index(drop=True)
    return pairs


def _link_pairs(
    spec: LinkSpec, slots: dict[str, pd.DataFrame], n: int, each: dict[str, str | None]
) -> pd.DataFrame:
    """The pairs of a link (see :func:`_slot_pairs`): between its own slots, and in the
    rows where one of those made no mention, between its ``otherwise`` slots."""
    pairs = _slot_pairs((spec.src, spec.dst), slots, each)
    if spec.otherwise is None:
        return pairs
    linked = _made_rows(slots.get(spec.src), n) & _made_rows(slots.get(spec.dst), n)
    instead = _slot_pairs(spec.otherwise, slots, each, skip=linked)
    if instead.empty:
        return pairs
    if pairs.empty:
        return instead
    both = pd.concat([pairs, instead], ignore_index=True)
    return both.iloc[np.argsort(both["_pos"].to_numpy(), kind="stable")].reset_index(drop=True)


def _written_currencies(amounts: pd.Series) -> tuple[pd.Series, pd.Series] | None:
    """The currencies written inside amounts (``€1,500.00``, ``2.000,50 MDL``) as
    :func:`normalize.amount_currency` gives them, and the amounts that name two; None
    when no amount holds more than digits and marks. Read once per distinct text left
    when the digits are taken out ("€", "MDL"): a few values, whatever the rows."""
    arr = arrow_text(amounts)
    if not pc.any(pc.match_substring_regex(arr, r"[^\p{Nd}\s.,'’+\-−()]")).as_py():
        return None
    left = pc.utf8_trim_whitespace(
        pc.replace_substring_regex(arr, normalize.AMOUNT_NUMBER_CHARS, " ")
    )
    codes, failed = normalize.apply_unique(
        pd.Series(pd.arrays.ArrowExtensionArray(left), index=amounts.index).astype("string"),
        normalize.amount_currency,
    )
    return codes.mask(failed), failed


def _agrees(pair: str) -> str:
    """ "USD|USD CAD": "1" when the currency column's code (before "|") is one the amount's
    symbol may stand for, else "0"."""
    given, written = pair.split("|", 1)
    return "1" if given in written.split() else "0"


def _payment_currencies(
    money_texts: list[tuple[pd.Series, str | None]],
    given: pd.Series | None,
    currency_column: str | None,
) -> tuple[pd.Series, list[tuple[pd.Series, str | None, pd.Series]]] | None:
    """A payment's currency from its currency column (``given``), else from the symbol or
    code written in its amount: ``€1,500.00`` with an empty currency cell is EUR. Where the
    two disagree (``€100`` in a row whose currency says USD) the currency is unknown (NA),
    and each such amount is a ``currency_conflict`` (its column, and a text saying both).
    Returns the currencies and the conflicts, or None when no amount names a currency."""
    found: pd.Series | None = None
    conflicts: list[tuple[pd.Series, str | None, pd.Series]] = []
    out = given
    for texts, column in money_texts:
        written = _written_currencies(texts)
        if written is None:
            continue
        codes, _ = written
        if given is not None:
            both = given.notna() & codes.notna()
            if both.any():
                pairs = (given.where(both, "") + "|" + codes.where(both, "")).where(both)
                agree, _ = normalize.apply_unique(pairs.astype("string"), _agrees)
                clash = (agree == "0").fillna(False)
                if clash.any():
                    said = texts + f" ({column}) against " + given + f" ({currency_column})"
                    conflicts.append((clash, column, said))
                    out = (given if out is None else out).mask(clash)
        first = codes.str.split(" ").str[0].astype("string")
        found = first if found is None else found.fillna(first)
    if found is None:
        return None
    if given is None:
        return found, conflicts
    clashed = pd.Series(False, index=given.index)
    for hit, _, _ in conflicts:
        clashed |= hit
    assert out is not None
    return out.fillna(found.mask(clashed)), conflicts


def _slot_column(slot: str, ctx: _Ctx) -> str | None:
    """The column a slot takes its identifying value from (None for a constant)."""
    entity = next((e for e in ctx.mapping.entities if e.slot == slot), None)
    if entity is None:
        return None
    for fname in identifying_fields(entity.type):
        fs = entity.fields.get(fname)
        if fs is not None and (column := _source_column(fs, ctx.plan)) is not None:
            return column
    return None


def _messages_apart(
    out: pd.DataFrame, record_types: pd.Series, a_bits: np.ndarray, b_bits: np.ndarray
) -> None:
    """Turn the ``called`` links of ``out`` whose record type is a message (SMS, MMS) into
    ``messaged`` links, with the ids of that kind."""
    message = (record_types == "sms").fillna(False).to_numpy(dtype=bool)
    if not message.any():
        return
    ids = hashed_ids("l", ("messaged",), a_bits, b_bits).array
    out["link_id"] = pd.array(np.where(message, ids, out["link_id"].array), dtype="string")
    out["kind"] = pd.array(np.where(message, "messaged", out["kind"].array), dtype="string")


#: The attribute of a link kept from a row whose amount cell is empty ("yes").
AMOUNT_MISSING = "amount_missing"


def _empty_money_cells(
    spec: LinkSpec, values: Callable[[FieldSpec], pd.Series | None]
) -> np.ndarray | None:
    """Per pair of a link that declares an amount (or a debit column): whether every
    money cell of its row is empty; None when the link declares none or no pair has one."""
    cells = [
        s for fs in (spec.amount, spec.debit) if fs is not None and (s := values(fs)) is not None
    ]
    if not cells:
        return None
    empty = np.ones(len(cells[0]), dtype=bool)
    for s in cells:
        empty &= s.isna().to_numpy(dtype=bool)
    return empty if empty.any() else None


def _money_columns(ctx: _Ctx) -> set[str]:
    """The columns the mapping's links read their amounts (and debits) from."""
    return {
        column
        for link in ctx.mapping.links
        for fs in (link.amount, link.debit)
        if fs is not None and (column := _source_column(fs, ctx.plan)) is not None
    }


def _count_no_amount(spec: LinkSpec, ctx: _Ctx, empty: np.ndarray) -> bool:
    """Count, for the summary, the links of ``spec`` whose amount cell is empty, and say
    whether they are left out: they are where the mapping's links read their money from
    several columns (each row's movement is in the one column that has a value; a
    statement's Paid In / Withdrawn), kept (a transfer of unknown amount) otherwise."""
    left_out = len(_money_columns(ctx)) > 1
    key = (NO_AMOUNT, spec.kind, spec.src, spec.dst, _money_column_names(spec, ctx), left_out)
    ctx.state[key] = ctx.state.get(key, 0) + int(empty.sum())
    return left_out


def _money_column_names(spec: LinkSpec, ctx: _Ctx) -> str:
    """The amount (and debit) columns of ``spec``, as the summary names them."""
    names = [
        column
        for fs in (spec.debit, spec.amount)
        if fs is not None and (column := _source_column(fs, ctx.plan)) is not None
    ]
    return " and ".join(names) or "amount"


#: ``ctx.state`` keys (first item) of the counts of links whose amount cell is empty.
NO_AMOUNT = "links without amount"


def _links_word(count: int) -> str:
    return "link" if count == 1 else "links"


def no_amount_notes(state: dict[Any, Any]) -> list[str]:
    """The summary's notes on the links whose amount cell was empty (see
    :func:`_count_no_amount`), from a source's shared ``state``."""
    notes = []
    for key, count in state.items():
        if not (isinstance(key, tuple) and key and key[0] == NO_AMOUNT):
            continue
        _, kind, src, dst, columns, left_out = key
        if left_out:
            notes.append(
                f"{count:,} {kind} {_links_word(count)} {src} -> {dst} not made: {columns}"
                " empty in the row"
                " (the mapping's other links read the row's money from other columns)"
            )
        else:
            notes.append(
                f"{count:,} {kind} {_links_word(count)} without amount ({src} -> {dst}:"
                f" {columns} empty):"
                f" kept as transfers of unknown amount, marked `{AMOUNT_MISSING}: yes`"
            )
    return notes


def opposite_payment_warnings(mapping: Mapping) -> list[str]:
    """Warnings for two links of one kind that join the same two slots in opposite
    directions, each with its own amount column (``Withdrawn`` one way, ``Paid In`` the
    other): one link with ``direction: debit`` reads such a statement."""
    warnings = []
    money = [link for link in mapping.links if link.amount is not None and link.debit is None]
    for i, one in enumerate(money):
        for other in money[i + 1 :]:
            if (other.kind, other.src, other.dst) != (one.kind, one.dst, one.src):
                continue
            if one.amount == other.amount:
                continue
            warnings.append(
                f"links {one.kind} {one.src} -> {one.dst} (amount: {_named(one.amount)}) and"
                f" {other.src} -> {other.dst} (amount: {_named(other.amount)}) read one"
                " movement per row from two columns: write them as one link, `{kind: "
                f"{one.kind}, src: {one.src}, dst: {one.dst}, direction: debit, debit:"
                f" {_named(one.amount)}, amount: {_named(other.amount)}}}` (docs/mapping.md,"
                " Statements); as written, a row makes a link only where its column has a value"
            )
    return warnings


def _named(fs: FieldSpec | None) -> str:
    """A field's column (the first of its alternatives) as a mapping would write it."""
    if fs is None:
        return ""
    if fs.column:
        return fs.column[0]
    return fs.value or fs.fact or "+".join(part[0] for part in fs.columns if part)


def _other_than_victim(cell: Any) -> bool | None:
    """False for a role cell that names a standing and no victim ("witness", "Zeuge",
    "relative"); None for one that names a victim ("Opfer", "victim; witness") or is blank."""
    text = str(cell).strip()
    if not text:
        return None
    roles = (canonical_role(text) or "").split(";")
    return None if "victim" in roles else False


def _not_flagged_no(
    spec: LinkSpec, pairs: pd.DataFrame, frame: pd.DataFrame, ctx: _Ctx
) -> pd.DataFrame:
    """A ``victim_of`` link's pairs without those of rows whose victim flag says no: a
    source slot whose role is a yes/no column (``role: {column: Identified as Victim,
    flag: victim}``) is no victim on its "No" rows, so of no one either. Rows whose flag
    is empty or unclear (``Unknown``) keep the link; the summary counts those left out.
    A source slot whose role is a role column (``role: role``) is no victim on rows that
    name another standing ("witness", "relative"), as the draft's note warns."""
    slot = next((e for e in ctx.mapping.entities if e.slot == spec.src), None)
    role = None if slot is None else slot.fields.get("role")
    if role is None or (role.flag != "victim" and (role.flag or role.value or role.fact)):
        return pairs
    cells = _field_series(frame, replace(role, flag=None), ctx.plan, ctx.chunk.facts, ctx.texts)
    if cells is None:
        return pairs
    said = cells.take(pairs["_pos"].to_numpy()).reset_index(drop=True)
    distinct = pd.unique(said.dropna().to_numpy(dtype=object))
    if role.flag == "victim":
        words = {v: flag_word(v) for v in distinct}
    else:  # a role column: a row that names another standing ("witness") is no victim's
        words = {v: _other_than_victim(v) for v in distinct}
    no = said.map(lambda v: words.get(v) is False, na_action="ignore").fillna(False)
    no = no.to_numpy(dtype=bool)
    if not no.any():
        return pairs
    key = ("flag_no_links", spec.src, spec.dst)
    if key not in ctx.state:
        ctx.state[key] = 0
        column = _source_column(role, ctx.plan)

        def note() -> str:
            count = ctx.state[key]
            says = "no" if role.flag == "victim" else "another role than victim"
            return (
                f"{count:,} victim_of link{'s' * (count != 1)} {spec.src} -> {spec.dst} not"
                f" made: {column} says {says} on {'their rows' if count != 1 else 'its row'}"
                f" (the {spec.src} there is not marked victim)"
            )

        ctx.notes.append(note)
    ctx.state[key] += int(no.sum())
    return pairs[~no].reset_index(drop=True)


def _links(
    spec: LinkSpec,
    slots: dict[str, pd.DataFrame],
    frame: pd.DataFrame,
    ctx: _Ctx,
    each: dict[str, str | None],
) -> pd.DataFrame:
    chunk, plan = ctx.chunk, ctx.plan
    _unlinked_payments(spec, slots, frame, ctx)
    pairs = _link_pairs(spec, slots, len(frame), each)
    if not pairs.empty and spec.kind == "victim_of":
        pairs = _not_flagged_no(spec, pairs, frame, ctx)
    if pairs.empty:
        return pd.DataFrame()
    pos = pairs["_pos"].to_numpy()
    rows = chunk.rows[pos]

    def values(fs: FieldSpec) -> pd.Series | None:
        s = _field_series(frame, fs, plan, chunk.facts, ctx.texts)
        if s is None:
            return None
        # a link per row, in row order (a CDR's calls): the column as it is, not a copy
        if len(pos) == len(s) and bool((pos == np.arange(len(pos))).all()):
            return s.reset_index(drop=True)
        return s.take(pos).reset_index(drop=True)

    no_amount = _empty_money_cells(spec, values)
    if no_amount is not None and _count_no_amount(spec, ctx, no_amount):
        pairs = pairs[~no_amount].reset_index(drop=True)
        pos, rows, no_amount = pos[~no_amount], rows[~no_amount], None
        if pairs.empty:
            return pd.DataFrame()

    def report(failed: pd.Series, fs: FieldSpec, s: pd.Series, reason: str) -> None:
        if failed.any():
            ctx.rejects.append(
                reject_frame(
                    chunk.source, rows, failed.to_numpy(), _source_column(fs, plan), reason, s
                )
            )

    record_types = None
    if spec.record_type is not None and (s := values(spec.record_type)) is not None:
        record_types, failed = normalize.apply_unique(s, normalize.record_type)
        if failed.any():
            # "MO", "MT", "incoming": a direction, no type (kept as written, a call).
            _, not_a_way = normalize.apply_unique(s.where(failed), normalize.call_direction)
            report(failed & not_a_way, spec.record_type, s, "record_type_invalid")
        session = (record_types == "data").fillna(False).to_numpy(dtype=bool)
        if session.any():
            # A data session is the subscriber's phone online, no contact with the other
            # number: no link, and the row says why.
            column = _source_column(spec.record_type, plan)
            ctx.rejects.append(
                reject_frame(chunk.source, rows, session, column, "not_a_call", s, level="row")
            )
            pairs = pairs[~session].reset_index(drop=True)
            record_types = record_types[~session].reset_index(drop=True)
            pos, rows = pos[~session], rows[~session]
            if pairs.empty:
                return pd.DataFrame()
    extra: dict[str, Any] = {}
    money_texts: list[tuple[pd.Series, str | None]] = []  # the amounts as written
    if spec.time is not None and (s := values(spec.time)) is not None:
        zones = _zones_of(frame, ctx)
        times, failed, bad_zone = _read_times(
            ctx,
            ("link", spec.kind, "time"),
            s,
            _source_column(spec.time, plan),
            _at(zones, pos),
            rows,
        )
        _report_zones(ctx, rows, bad_zone, zones, pos)
        extra["time"] = times
        report(failed, spec.time, s, "time_invalid")
    for name, fs in (("amount", spec.amount), ("weight", spec.weight), ("debit", spec.debit)):
        if fs is not None and (s := values(fs)) is not None:
            column = _source_column(fs, plan)
            read = _amount_reader(ctx, ("link", spec.kind, name), s, column, rows)
            norm, failed = normalize.apply_unique(s, read)
            extra[name] = pd.to_numeric(norm, errors="coerce").mask(failed).astype("float64")
            report(failed, fs, s, f"{name}_invalid")
            if name == "weight" and bool((negative := extra[name] < 0).any()):
                # A negative weight is no contact's strength (signed networks are not
                # supported): rejected, and the link counts as one of no weight given.
                report(negative, fs, s, "weight_invalid")
                extra[name] = extra[name].mask(negative)
            if name != "weight":
                _note_huge_amounts(ctx, ("huge", spec.kind, name), extra[name], s, column, rows)
            if name != "weight":
                money_texts.append((s, column))
    currency_column = None
    if spec.currency is not None and (s := values(spec.currency)) is not None:
        norm, failed = normalize.apply_unique(s, normalize.currency)
        extra["currency"] = norm.mask(failed)
        report(failed, spec.currency, s, "currency_invalid")
        currency_column = _source_column(spec.currency, plan)
    if money_texts:
        currency = _payment_currencies(money_texts, extra.get("currency"), currency_column)
        if currency is not None:
            extra["currency"], conflicts = currency
            ctx.rejects += [
                reject_frame(chunk.source, rows, hit.to_numpy(), column, "currency_conflict", said)
                for hit, column, said in conflicts
            ]
    a_bits, b_bits = pairs["a"].to_numpy(np.uint64), pairs["b"].to_numpy(np.uint64)
    if spec.direction == "sign" and "amount" in extra:
        # A statement of src's account: money out is negative (src paid dst), money in positive.
        amount = extra["amount"]
        swap = (amount > 0).to_numpy()
        extra["amount"] = amount.abs()
        _count_signs(ctx, spec, plan, amount)
    elif spec.direction == "debit" and "debit" in extra:
        debit = extra["debit"]
        amount = extra.get("amount", pd.Series(np.nan, index=debit.index))
        # In a statement's pair of Debit and Credit columns, a column of both signs marks
        # its few negatives as reversals: a refund written "(1,234.56)" under Debit is money
        # in, a negative credit money out. A column of negatives only is a bank writing
        # every debit (or credit) with its sign. A debit column alone (a payment export's
        # signed Gross between its From and To) is read as given, by its size.
        pair = "amount" in extra
        back = (debit < 0) & (pair and bool((debit > 0).any()))
        back_credit = (amount < 0) & bool((amount > 0).any())
        swap = ((debit.isna() & ~back_credit) | back).to_numpy()
        extra["amount"] = debit.abs().where(debit.notna(), amount.abs())
    elif spec.direction == "incoming" and spec.incoming is not None:
        said = values(spec.incoming)
        if said is None:
            swap = np.zeros(len(pairs), dtype=bool)
        else:
            way, failed = normalize.apply_unique(said, normalize.flow_direction)
            swap = (way == "in").fillna(False).to_numpy(dtype=bool)
            report(failed, spec.incoming, said, "direction_invalid")
            _note_bad_directions(ctx, spec, plan, said, failed, rows)
    elif spec.direction == "as_given" and "amount" in extra and spec.kind == "paid":
        # A negative amount from src to dst (a refund, a reversal) is dst paying src; any
        # other link (holds_account, involved_in) says what it says whatever an amount
        # beside it, which is kept as written.
        amount = extra["amount"]
        swap = (amount < 0).to_numpy()
        extra["amount"] = amount.abs()
        _note_reversals(ctx, spec, plan, int(swap.sum()))
    else:
        swap = np.zeros(len(pairs), dtype=bool)
    extra.pop("debit", None)
    if swap.any():
        a_bits, b_bits = np.where(swap, b_bits, a_bits), np.where(swap, a_bits, b_bits)
    n = len(pairs)
    # Every column at once, in the order of the links table (see _slot_mentions).
    columns: dict[str, Any] = {
        # the ends' 64 bits, as id_bits(a), id_bits(b) would read them from the ids
        "link_id": hashed_ids("l", (spec.kind,), a_bits, b_bits).array,
        "src": id_text("m", a_bits).array,
        "dst": id_text("m", b_bits).array,
        "kind": constant_text(spec.kind, n),
    }
    for name, col in extra.items():
        columns[name] = col.to_numpy() if name != "time" else col.reset_index(drop=True)
    attrs = {k: v for k, fs in spec.attrs.items() if (v := values(fs)) is not None}
    attrs = checked_coordinates(attrs, lambda bad, k, s, why: report(bad, spec.attrs[k], s, why))
    attrs = read_durations(attrs)  # "00:03:12" -> "192" seconds
    if no_amount is not None:  # kept as a transfer of unknown amount, and flagged
        attrs[AMOUNT_MISSING] = pd.Series(np.where(no_amount, "yes", None), dtype="string")
    if record_types is not None:
        attrs["type"] = record_types
    if attrs:
        columns["attrs"] = json_objects(attrs, n=n).array
    columns["source"] = constant_text(chunk.source, n)
    columns["agency"] = constant_text(ctx.agency, n)
    columns["row"] = pd.array(rows, dtype="Int64")
    out = pd.DataFrame(columns, index=pd.RangeIndex(n))
    if record_types is not None:
        _messages_apart(out, record_types, a_bits, b_bits)  # (its ids and kinds, in place)
    return out
