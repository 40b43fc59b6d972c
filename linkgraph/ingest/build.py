"""Rows to mentions and links through a mapping: vectorised, one pass per slot and field."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from linkgraph.errors import InputError
from linkgraph.ingest import normalize
from linkgraph.ingest._columns import (
    arrow_strings,
    arrow_text,
    as_text,
    clean_cells,
    constant_text,
    header_index,
    header_key,
    json_objects,
    parse_times,
    reject_frame,
    stable_ids,
)
from linkgraph.ingest.mapping import EntitySpec, FieldSpec, LinkSpec, Mapping
from linkgraph.ingest.readers import Chunk
from linkgraph.model import MENTIONS
from linkgraph.schema import canonical_role
from linkgraph.text import fold_name

#: The field that holds the resolving value of each identifier type.
KEY_FIELD = {
    "phone": "phone",
    "email": "email",
    "account": "account",
    "vehicle": "plate",
    "document": "document",
    "ad": "identifier",
    "event": "identifier",
}
_NAME_FIELDS = ("name", "given_name", "family_name")
_IDENTIFYING = {
    "person": ("name", "given_name", "family_name"),
    "organisation": ("name",),
    "address": ("address", "postcode"),
    "location": ("name", "city", "country", "address"),
}


def normaliser(field: str, entity_type: str, mapping: Mapping) -> Callable[[str], str | None]:
    """The normaliser of one field of one entity type under the mapping's region and date order."""
    if field == "identifier":
        field = KEY_FIELD.get(entity_type, "identifier")
    if field in _NAME_FIELDS:
        return normalize.name
    table: dict[str, Callable[[str], str | None]] = {
        "dob": partial(normalize.date, dayfirst=mapping.dayfirst),
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
    return table.get(field, normalize.text)


_PHONE_JUNK = re.compile(r"\(0\)|[^\d+]")


def _phone_or_error(value: str, region: str | None) -> str | ValueError | None:
    """The E.164 form of a phone cell, or the ValueError that says why it is invalid.

    Cells are reduced to "+" and digits first, so "020 7946 0958", "020-7946-0958",
    "(020) 7946 0958" and "0044 20 7946 0958" / "+44 20 7946 0958" share one reading.
    """
    digits = _PHONE_JUNK.sub("", value)
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    return _read_phone(digits if len(digits) >= 3 else value, region)


@lru_cache(maxsize=1 << 20)
def _read_phone(value: str, region: str | None) -> str | ValueError | None:
    # phonenumbers costs ~100 µs a number; CDRs repeat the same numbers in every chunk
    # and in both caller and callee columns, so each distinct number is read once per run
    # (failures too, which lru_cache would not keep if they were raised).
    try:
        return normalize.phone(value, region)
    except ValueError as exc:
        return exc


def _phone(value: str, region: str | None) -> str | None:
    out = _phone_or_error(value, region)
    if isinstance(out, ValueError):
        raise out
    return out


class _KnownPhones:
    """Phone cells already read in this run, with their E.164 form (or the cell as written,
    when invalid) and whether they failed, held in Arrow so that each chunk looks up all
    its cells in one vectorised pass and runs Python only for cells never seen before."""

    def __init__(self) -> None:
        self.cells = pa.array([], pa.large_string())
        self.values = pa.array([], pa.large_string())
        self.failed = np.zeros(0, dtype=bool)

    def add(self, cells: list[str], region: str | None) -> None:
        # International forms ("+…", "00…") first: their national forms ("0…") then reuse
        # the validity check instead of parsing again (see normalize.phone).
        cells.sort(key=lambda c: not c.lstrip().startswith(("+", "00")))
        values: list[str | None] = []
        failed = np.zeros(len(cells), dtype=bool)
        for i, cell in enumerate(cells):
            out = _phone_or_error(cell, region)
            if isinstance(out, ValueError):
                failed[i] = True
                values.append(cell)  # invalid numbers are kept as written
            else:
                values.append(out)  # type: ignore[arg-type]
        if len(self.cells) + len(cells) > 1 << 21:  # bound the memory of a long run
            self.__init__()  # type: ignore[misc]
        self.cells = pa.concat_arrays([self.cells, pa.array(cells, pa.large_string())])
        self.values = pa.concat_arrays([self.values, pa.array(values, pa.large_string())])
        self.failed = np.concatenate([self.failed, failed])


_KNOWN_PHONES: dict[str | None, _KnownPhones] = {}


def _phones(values: pd.Series, region: str | None) -> tuple[pd.Series, pd.Series]:
    """Phone cells to E.164: ``(normalised, failed)`` as :func:`normalize.apply_unique`
    gives them, except that invalid numbers keep the cell as written."""
    known = _KNOWN_PHONES.setdefault(region, _KnownPhones())
    cells = arrow_text(values)
    where = pc.index_in(cells, value_set=known.cells)
    new = pc.and_(pc.is_null(where), pc.is_valid(cells))
    if pc.any(new).as_py():
        known.add(pc.unique(pc.filter(cells, new)).to_pylist(), region)
        where = pc.index_in(cells, value_set=known.cells)
    norm = arrow_strings(known.values.take(where))
    norm.index = values.index
    hit = where.to_numpy(zero_copy_only=False)
    failed = np.zeros(len(hit), dtype=bool)
    present = ~np.isnan(hit) if hit.dtype.kind == "f" else np.ones(len(hit), dtype=bool)
    failed[present] = known.failed[hit[present].astype(np.int64)]
    return norm, pd.Series(failed, index=values.index)


@dataclass(slots=True)
class ColumnPlan:
    """The mapping's column names resolved against one file's headers."""

    resolved: dict[tuple[str, ...], str | None]

    def column(self, spec: FieldSpec) -> str | None:
        return self.resolved.get(spec.column) if spec.column else None

    def columns(self, spec: FieldSpec) -> list[str]:
        return [c for c in (self.resolved.get(alts) for alts in spec.columns) if c]


def plan_columns(mapping: Mapping, headers: list[str], source: str) -> ColumnPlan:
    """Resolve every column the mapping names; a missing one raises InputError unless the
    mapping says ``missing_columns: ignore`` (presets) and it is not required."""
    index = header_index(headers)
    resolved: dict[tuple[str, ...], str | None] = {}
    specs: list[FieldSpec] = [f for e in mapping.entities for f in e.fields.values()]
    for link in mapping.links:
        specs += [f for f in (link.time, link.amount, link.currency, link.weight) if f]
        specs += list(link.attrs.values())
    wanted: list[tuple[str, ...]] = []
    for spec in specs:
        if spec.column:
            wanted.append(spec.column)
        wanted += list(spec.columns)
    for alternatives in wanted:
        found = next((index[header_key(a)] for a in alternatives if header_key(a) in index), None)
        resolved[alternatives] = found
        if found is None and mapping.missing_columns == "error":
            raise _missing(alternatives[0], headers, source)
    for alternatives in mapping.required_columns:
        if not any(header_key(a) in index for a in alternatives):
            raise _missing(" | ".join(alternatives), headers, source)
    if not any(resolved.values()) and any(
        f.value is None for e in mapping.entities for f in e.fields.values()
    ):
        raise InputError(
            "none of the mapped columns is in the file",
            source=source,
            hint=f"the file has columns {', '.join(headers[:20])}; check the preset or mapping"
            " (`linkgraph mapping suggest FILE` proposes one)",
        )
    return ColumnPlan(resolved)


def _missing(column: str, headers: list[str], source: str) -> InputError:
    return InputError(
        "the mapped column is missing from the file",
        source=source,
        column=column,
        hint=f"the file has columns {', '.join(headers[:20])}; fix the mapping's column name",
    )


def _field_series(frame: pd.DataFrame, spec: FieldSpec, plan: ColumnPlan) -> pd.Series | None:
    if spec.value is not None:
        return pd.Series(spec.value, index=frame.index, dtype="string")
    col = plan.column(spec)
    if col is not None:
        return as_text(frame[col])
    cols = plan.columns(spec)
    if not cols:
        return None
    out: pd.Series | None = None
    for c in cols:
        s = as_text(frame[c])
        out = s if out is None else out.where(s.isna(), (out + spec.join + s).fillna(s))
    return out


def _source_column(spec: FieldSpec, plan: ColumnPlan) -> str | None:
    col = plan.column(spec)
    if col is not None:
        return col
    cols = plan.columns(spec)
    return "+".join(cols) if cols else None


@dataclass(slots=True)
class ChunkResult:
    """What one chunk made: mentions, links and rejects (rejects as plain dicts)."""

    mentions: pd.DataFrame
    links: pd.DataFrame
    rejects: list[dict[str, Any]]
    rows: int


def build_chunk(
    chunk: Chunk,
    mapping: Mapping,
    plan: ColumnPlan,
    *,
    agency: str | None,
    max_cell_chars: int,
) -> ChunkResult:
    """Mentions, links and rejects of one chunk of rows."""
    rows = chunk.rows
    n = len(rows)
    raw_frame, frame, rejects = clean_cells(
        chunk.frame, rows, chunk.source, max_cell_chars=max_cell_chars
    )
    rejects = chunk.rejects + rejects
    if n == 0:
        return ChunkResult(MENTIONS.empty(), pd.DataFrame(), rejects, 0)
    raw = json_objects(
        {c: raw_frame[c] for c in raw_frame.columns}, raw_json=chunk.list_columns, n=n
    )
    slot_frames: dict[str, pd.DataFrame] = {}
    for entity in mapping.entities:
        sf = _slot_mentions(entity, frame, plan, chunk, mapping, raw, agency, rejects)
        slot_frames[entity.slot] = sf
    mentions = [f for f in slot_frames.values() if len(f)]
    made = np.zeros(n, dtype=bool)
    for f in mentions:
        made[f["_pos"].to_numpy()] = True
    if not made.all():
        rejects.append(reject_frame(chunk.source, rows, ~made, None, "no_entity", raw, "row"))
    links = [
        _links(spec, slot_frames, frame, plan, chunk, mapping, agency, rejects)
        for spec in mapping.links
    ]
    links = [f for f in links if len(f)]
    m = pd.concat(mentions, ignore_index=True) if mentions else MENTIONS.empty()
    m = m.drop(columns=["_pos", "_item"], errors="ignore")
    return ChunkResult(
        m, pd.concat(links, ignore_index=True) if links else pd.DataFrame(), rejects, n
    )


def _items(values: pd.Series, *, as_json: bool, split: str | None) -> pd.Series:
    """Each cell as a list of item strings (JSON list cells, or split on a separator)."""

    def one(cell: str) -> list[str]:
        if as_json and cell.startswith("["):
            try:
                items = json.loads(cell)
            except json.JSONDecodeError:
                items = [cell]
            items = items if isinstance(items, list) else [items]
        elif split is not None:
            items = cell.split(split)
        else:
            items = [cell]
        return [str(i).strip() for i in items if i is not None and str(i).strip()]

    uniq = {u: one(u) for u in pd.unique(values.dropna().to_numpy(dtype=object))}
    return values.map(uniq)


def _slot_mentions(
    entity: EntitySpec,
    frame: pd.DataFrame,
    plan: ColumnPlan,
    chunk: Chunk,
    mapping: Mapping,
    raw: pd.Series,
    agency: str | None,
    rejects: list[dict[str, Any]],
) -> pd.DataFrame:
    n = len(frame)
    values: dict[str, pd.Series] = {}
    constant: set[str] = set()
    src_cols: dict[str, str | None] = {}
    for fname, spec in entity.fields.items():
        s = _field_series(frame, spec, plan)
        if s is None:
            continue
        values[fname] = s
        src_cols[fname] = _source_column(spec, plan)
        if spec.value is not None:
            constant.add(fname)
    sf = pd.DataFrame(values, index=frame.index)
    sf["_pos"] = np.arange(n)
    sf["_item"] = 0
    # Multi-valued cells (JSON lists, or a declared separator) give one mention per item.
    key = KEY_FIELD.get(entity.type, "name")
    if key not in values:
        key = "identifier" if "identifier" in values else next(iter(values), key)
    multi = key in values and (
        (src_cols.get(key) in chunk.list_columns) or entity.split is not None
    )
    if multi:
        sf[key] = _items(
            sf[key], as_json=src_cols.get(key) in chunk.list_columns, split=entity.split
        )
        sf = sf.explode(key)
        sf[key] = sf[key].astype("string")
        sf["_item"] = sf.groupby("_pos").cumcount()
        sf = sf.reset_index(drop=True)
    variable = [f for f in values if f not in constant]
    wanted = _IDENTIFYING.get(entity.type, (KEY_FIELD.get(entity.type, "name"), "identifier"))
    # A mention needs a value that says which entity it is: a record id or a country
    # alone (kept in attrs) makes no person and no address.
    if any(f in wanted for f in entity.fields):
        identifying = [f for f in variable if f in wanted]
    else:  # a slot mapped without any identifying field: any typed field will do
        identifying = [f for f in variable if f in MENTIONS.columns]
    if not identifying:
        return pd.DataFrame()
    present = sf[identifying].notna().any(axis=1)
    sf = sf[present].reset_index(drop=True)
    if sf.empty:
        return pd.DataFrame()
    rows = chunk.rows[sf["_pos"].to_numpy()]
    out: dict[str, Any] = {}
    flags: pd.Series | None = None
    attrs: dict[str, pd.Series] = {}
    for fname in values:
        s = sf[fname]
        if fname == "time":
            norm, failed = parse_times(s, dayfirst=mapping.dayfirst, timezone=mapping.timezone)
        elif fname == "phone" or (fname == "identifier" and entity.type == "phone"):
            norm, failed = _phones(s, mapping.region)
        else:
            norm, failed = normalize.apply_unique(s, normaliser(fname, entity.type, mapping))
        if failed.any():
            reason = f"{KEY_FIELD.get(entity.type) if fname == 'identifier' else fname}_invalid"
            flag = pd.Series(pd.NA, index=sf.index, dtype="string").mask(failed, reason)
            if flags is None:
                flags = flag
            else:
                both = flags.str.cat(flag, sep=";", na_rep="").str.strip(";")
                flags = both.mask(both == "")
            rejects.append(
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
    _derive(entity.type, out, sf.index)
    ids = stable_ids("m", chunk.source, rows, entity.slot, sf["_item"].to_numpy())
    result = pd.DataFrame(out, index=sf.index)
    n_out = len(sf)
    result.insert(0, "mention_id", ids.array)
    result["type"] = constant_text(entity.type, n_out)
    result["slot"] = constant_text(entity.slot, n_out)
    if attrs:
        result["attrs"] = json_objects(attrs, n=n_out).array
    if flags is not None:
        result["flags"] = flags
    result["raw"] = raw.take(sf["_pos"].to_numpy()).array
    result["source"] = constant_text(chunk.source, n_out)
    result["agency"] = constant_text(agency, n_out)
    result["row"] = pd.array(rows, dtype="Int64")
    result["_pos"] = sf["_pos"].to_numpy()
    result["_item"] = sf["_item"].to_numpy()
    return result


def _fold_names(names: pd.Series) -> pd.Series:
    uniq = {u: fold_name(u) or None for u in pd.unique(names.dropna().to_numpy(dtype=object))}
    return names.map(uniq).astype("string")


def _derive(entity_type: str, out: dict[str, Any], index: pd.Index) -> None:
    """Fill ``name``, ``name_latin``, ``identifier`` and ``label`` from the other fields."""
    na = pd.Series(pd.NA, index=index, dtype="string")
    if entity_type in ("person", "organisation", "location"):
        if "name" not in out and ("given_name" in out or "family_name" in out):
            given = out.get("given_name", na)
            family = out.get("family_name", na)
            out["name"] = given.str.cat(family, sep=" ", na_rep="").str.strip().replace("", pd.NA)
        if "name" in out:
            out["name_latin"] = _fold_names(out["name"])
    key = KEY_FIELD.get(entity_type)
    if key is not None and "identifier" not in out and key in out:
        out["identifier"] = out[key]
    label = na
    for candidate in ("name", "identifier", "address", "city", "country", "email", "phone"):
        if candidate in out:
            label = label.fillna(out[candidate])
    if entity_type == "address" and "address" in out:
        parts = [out[c] for c in ("address", "postcode", "city", "country") if c in out]
        joined = parts[0]
        for p in parts[1:]:
            joined = joined.str.cat(p, sep=", ", na_rep="").str.replace(r"(, )+$", "", regex=True)
        label = joined.replace("", pd.NA).fillna(label)
    out["label"] = label


def _links(
    spec: LinkSpec,
    slots: dict[str, pd.DataFrame],
    frame: pd.DataFrame,
    plan: ColumnPlan,
    chunk: Chunk,
    mapping: Mapping,
    agency: str | None,
    rejects: list[dict[str, Any]],
) -> pd.DataFrame:
    src, dst = slots.get(spec.src), slots.get(spec.dst)
    if src is None or dst is None or src.empty or dst.empty:
        return pd.DataFrame()
    pairs = pd.merge(
        src[["_pos", "mention_id"]].rename(columns={"mention_id": "src"}),
        dst[["_pos", "mention_id"]].rename(columns={"mention_id": "dst"}),
        on="_pos",
    )
    pairs = pairs[pairs["src"] != pairs["dst"]].reset_index(drop=True)
    if pairs.empty:
        return pd.DataFrame()
    pos = pairs["_pos"].to_numpy()
    rows = chunk.rows[pos]
    out = pd.DataFrame(
        {
            "link_id": stable_ids(
                "l", arrow_text(pairs["src"]), arrow_text(pairs["dst"]), spec.kind
            ).array,
            "src": pairs["src"].astype("string").array,
            "dst": pairs["dst"].astype("string").array,
            "kind": constant_text(spec.kind, len(pairs)),
        }
    )

    def values(fs: FieldSpec) -> pd.Series | None:
        s = _field_series(frame, fs, plan)
        return None if s is None else s.take(pos).reset_index(drop=True)

    def report(failed: pd.Series, fs: FieldSpec, s: pd.Series, reason: str) -> None:
        if failed.any():
            rejects.append(
                reject_frame(
                    chunk.source, rows, failed.to_numpy(), _source_column(fs, plan), reason, s
                )
            )

    if spec.time is not None and (s := values(spec.time)) is not None:
        times, failed = parse_times(s, dayfirst=mapping.dayfirst, timezone=mapping.timezone)
        out["time"] = times
        report(failed, spec.time, s, "time_invalid")
    for name, fs in (("amount", spec.amount), ("weight", spec.weight)):
        if fs is not None and (s := values(fs)) is not None:
            norm, failed = normalize.apply_unique(s, normalize.amount)
            out[name] = pd.to_numeric(norm, errors="coerce").mask(failed).astype("float64")
            report(failed, fs, s, f"{name}_invalid")
    if spec.currency is not None and (s := values(spec.currency)) is not None:
        norm, failed = normalize.apply_unique(s, normalize.currency)
        out["currency"] = norm
        report(failed, spec.currency, s, "currency_invalid")
    attrs = {k: v for k, fs in spec.attrs.items() if (v := values(fs)) is not None}
    if attrs:
        out["attrs"] = json_objects(attrs, n=len(out)).array
    out["source"] = constant_text(chunk.source, len(out))
    out["agency"] = constant_text(agency, len(out))
    out["row"] = pd.array(rows, dtype="Int64")
    return out
