"""See what a mapping makes of a file before ingesting it: ``mapping check`` and ``preview``."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from linkgraph._terminal import brief
from linkgraph.ingest import IngestConfig, Source, _SourceRun
from linkgraph.ingest._columns import header_key
from linkgraph.ingest.mapping import Mapping, load_mapping
from linkgraph.progress import or_null


@dataclass
class Preview:
    """The first rows of a file through a mapping: mentions, links (with both ends'
    labels), rejects with reasons, and what the reader found (header row, sheet, facts)."""

    mentions: pd.DataFrame
    links: pd.DataFrame
    rejects: pd.DataFrame
    layout: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    rows: int = 0


def preview(
    path: str | os.PathLike[str], mapping: str | os.PathLike[str] | Mapping, *, rows: int = 20
) -> Preview:
    """Ingest the first ``rows`` rows of ``path`` through ``mapping``, in memory, with the
    warnings ingest gives of them (points that look swapped, roles not understood...).

    Raises:
        MappingError: the mapping is invalid (unknown key, field, link kind, slot...).
        InputError: the file cannot be read, or a mapped column or fact is missing.
    """
    loaded = mapping if isinstance(mapping, Mapping) else load_mapping(Path(mapping))
    run = _SourceRun(
        Source(path, mapping=loaded), IngestConfig(chunk_rows=max(rows, 1)), row_limit=rows
    )
    m_parts, l_parts, r_parts = [], [], []
    # read to its end: a run stops at row_limit, then warns as ingest does of those rows
    for m, lk, rj in run.parts(or_null(None)):
        m_parts.append(m)
        l_parts.append(lk)
        r_parts.append(rj)
    m = pd.concat(m_parts, ignore_index=True) if m_parts else pd.DataFrame()
    lk = pd.concat(l_parts, ignore_index=True) if l_parts else pd.DataFrame()
    rj = pd.concat(r_parts, ignore_index=True) if r_parts else pd.DataFrame()
    if run.rows > rows:  # a workbook sheet or a JSON document comes in one piece
        m, lk, rj = (f[f["row"] <= rows] if len(f) else f for f in (m, lk, rj))
    if len(lk) and len(m):
        label = dict(zip(m["mention_id"], m["label"], strict=False))
        lk = lk.assign(src_label=lk["src"].map(label), dst_label=lk["dst"].map(label))
    return Preview(
        m,
        lk,
        rj,
        layout=run.extra.get("layout", {}),
        warnings=list(run.extra.get("warnings", [])),
        rows=min(run.rows, rows),
    )


def check(mapping_path: str | os.PathLike[str], path: str | os.PathLike[str]) -> list[str]:
    """Problems of a mapping against one file, as lines to print (empty: none found).

    The mapping must load (unknown keys, fields, link kinds and slots that can make
    nothing are errors raised as MappingError); then the file's first rows are read
    through it: a missing column or fact raises InputError; a slot that makes no mention,
    a link that is never made and rejects in those rows are reported here.
    """
    mapping = load_mapping(Path(mapping_path))
    result = preview(path, mapping, rows=200)
    problems: list[str] = []
    if not result.rows:  # the "no data rows" warning below says why nothing was made
        return [f"warning: {brief(w)}" for w in result.warnings]
    made = set(result.mentions["slot"]) if len(result.mentions) else set()
    rejected = _rejected_slots(mapping, result.rejects, made)
    # Slots that find their values in free text (`split: find`: the phones an ad's text
    # writes) make nothing where no row writes one: a warning, not a mapping error.
    may_make_nothing = {e.slot for e in mapping.entities if e.split == "find"}
    # A preset's slots name the columns of many exports: one this file lacks (an ad
    # without a place) makes nothing, as the preset means it to.
    if mapping.presets:
        may_make_nothing = {e.slot for e in mapping.entities}
    # ... said once for all of them, their links with them (the ads preset's e-mail,
    # image and place of a scrape that has none are no seven problems)
    optional = [
        e.slot
        for e in mapping.entities
        if mapping.presets and e.slot not in made and e.slot not in rejected
    ]
    if len(optional) > 1:
        unmade = [lk for lk in mapping.links if {lk.src, lk.dst} & set(optional)]
        kinds = set(result.links["kind"]) if len(result.links) else set()
        links = sorted({lk.kind for lk in unmade if lk.kind not in kinds})
        problems.append(
            f"warning: {len(optional)} optional slots of the {' and '.join(mapping.presets)}"
            f" preset made no mention in the first {result.rows} rows (none of their columns or"
            " texts holds one here; the preset reads them where a file has them):"
            f" {', '.join(optional)}"
            + (f"; nor were their links made ({', '.join(links)})" if links else "")
        )
    for entity in mapping.entities:
        if len(optional) > 1 and entity.slot in optional:
            continue
        if entity.slot in may_make_nothing and entity.slot not in made:
            problems.append(
                f"warning: slot {entity.slot!r} made no mention in the first {result.rows}"
                " rows: none of its columns or texts holds one"
            )
        elif entity.slot in rejected:  # its column is right; its values are not (below)
            problems.append(
                f"warning: slot {entity.slot!r} made no mention in the first {result.rows}"
                f" rows: its values were rejected as {entity.type}_invalid"
            )
        elif entity.slot not in made:
            problems.append(
                f"slot {entity.slot!r} made no mention in the first {result.rows} rows"
                " (check its columns)"
            )
    kinds = set(result.links["kind"]) if len(result.links) else set()
    for link in mapping.links:
        if len(optional) > 1 and {link.src, link.dst} & set(optional):
            continue  # said with its slots
        if link.kind not in kinds:
            said = "warning: " if {link.src, link.dst} & (rejected | may_make_nothing) else ""
            problems.append(
                f"{said}link {link.kind} {link.src} -> {link.dst} was never made in the first"
                f" {result.rows} rows"
            )
    if len(result.rejects):
        counts = result.rejects["reason"].value_counts()
        problems.append(
            "rejects in the first rows: " + ", ".join(f"{k}: {v}" for k, v in counts.items())
        )
    problems += [f"warning: {brief(w)}" for w in result.warnings]
    return problems


def _rejected_slots(mapping: Mapping, rejects: pd.DataFrame, made: set[str]) -> set[str]:
    """The phone slots that made no mention because each of their values was rejected as
    ``phone_invalid`` (an unreadable number is no phone: "078 555 123" without a region)."""
    if not len(rejects):
        return set()
    invalid = rejects[rejects["reason"].astype(str).eq("phone_invalid").to_numpy()]
    columns = {header_key(str(c)) for c in invalid["column"].dropna()}
    out = set()
    for e in mapping.entities:
        if e.slot in made or e.type != "phone":
            continue
        names = {n for spec in e.fields.values() for n in spec.column}
        names |= {n for spec in e.fields.values() for part in spec.columns for n in part}
        if columns & {header_key(n) for n in names}:
            out.add(e.slot)
    return out
