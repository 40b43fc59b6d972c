"""The items of an ``each`` list as records really hold them.

An export that usually writes a list of objects (``"suspects": [{"fullName": ...}]``)
writes a record's only item as a single object (``"suspects": {"fullName": ...}``, which
the JSON reader flattens into ``suspects.fullName`` columns) or as a plain string
(``"suspects": "Hasan Yilmaz"``). Both are items: the single object is a list of one, the
string is one item whose name (the key the list's person or organisation slot reads its
``name`` from) is that string. A string no slot can read so is a reject naming its row and
key, never dropped in silence.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable
from typing import Any

import pandas as pd

from linkgraph.ingest.mapping import EntitySpec, Mapping
from linkgraph.schema import IDENTIFIER_FIELDS

#: The reject reason of an item of an ``each`` list that is neither an object nor a value
#: a slot of the list can read (a string where no slot names a key for it, a list).
ITEM_UNREAD = "item_not_object"


def string_item_key(entity: EntitySpec, mapping: Mapping) -> str | None:
    """The key a plain string item of ``entity.each`` is read under: the key the list's
    first person or organisation slot reads its ``name`` from, else the key ``entity``
    reads its own type's key field from (``phone: number`` of a list of phones), else
    ``value`` when a slot of the list reads that key (a list of plain values), else None
    (the string cannot be read soundly: a reject).

    Examples:
        >>> from linkgraph.ingest.mapping import parse_mapping
        >>> m = parse_mapping({"format": "json", "entities": {
        ...     "s": {"type": "person", "each": "suspects", "fields": {"name": "fullName"}},
        ...     "p": {"type": "phone", "each": "suspects", "fields": {"phone": "phone"}}}},
        ...     name="m", base=None)
        >>> [string_item_key(e, m) for e in m.entities]
        ['fullName', 'fullName']
    """
    for other in mapping.entities:
        if other.each != entity.each or other.type not in ("person", "organisation"):
            continue
        spec = other.fields.get("name")
        if spec is not None and len(spec.column) == 1 and not spec.columns:
            return spec.column[0]
    own = entity.fields.get(IDENTIFIER_FIELDS.get(entity.type, "name"))
    if own is not None and len(own.column) == 1 and not own.columns:
        return own.column[0]
    for other in mapping.entities:  # a list of plain values, read as `value` (the default)
        if other.each == entity.each and any("value" in f.column for f in other.fields.values()):
            return "value"
    return None


def first_of_list(entity: EntitySpec, mapping: Mapping) -> bool:
    """Whether ``entity`` is the first slot reading its ``each`` list (the one that
    rejects the list's unreadable items, once for all its slots)."""
    return next(e.slot for e in mapping.entities if e.each == entity.each) == entity.slot


def string_items_note(
    entity: EntitySpec, key: str | None, rows: Any, state: dict[Any, Any]
) -> list[str]:
    """The summary's note, once per source and list, that items of ``entity.each`` written
    as plain strings were read as the value of ``key`` (their name), naming the first row."""
    if ("string items", entity.each) in state:
        return []
    state[("string items", entity.each)] = True
    return [
        f"{entity.each}: an item written as plain text, not an object (first: row"
        f" {int(rows[0])}), is read as its {key!r} (the name its slots read)"
    ]


def list_cells(
    frame: pd.DataFrame, col: str | None, each: str, list_columns: Iterable[str]
) -> list[Any]:
    """Per row of ``frame``, what its record holds under ``each``: the list cell (a JSON
    text, decoded later; None where empty), or, where it is empty, the single object the
    reader flattened into ``each.KEY`` columns, rebuilt as ``{KEY: value}`` (a list
    cell's values decoded).

    Examples:
        >>> f = pd.DataFrame({"s": ['[{"n": "A"}]', None, "B"], "s.n": [None, "C", None]})
        >>> list_cells(f, "s", "s", ())
        ['[{"n": "A"}]', {'n': 'C'}, 'B']
    """
    cells = frame[col].tolist() if col is not None else [None] * len(frame)
    cells = [None if _empty(c) else c for c in cells]
    prefix = f"{col or each}."
    inner = [str(c) for c in frame.columns if str(c).startswith(prefix)]
    if not inner:
        return cells
    listed = set(map(str, list_columns))
    for i, cell in enumerate(cells):
        if not _empty(cell):
            continue
        obj: dict[str, Any] = {}
        for c in inner:
            value = frame[c].iat[i]
            if _empty(value):
                continue
            if c in listed and str(value)[:1] in "[{":
                with contextlib.suppress(json.JSONDecodeError):
                    value = json.loads(value)
            obj[c[len(prefix) :]] = value
        if obj:
            cells[i] = obj
    return cells


def _empty(value: Any) -> bool:
    if isinstance(value, list | dict):
        return not value
    return value is None or bool(pd.isna(value)) or not str(value).strip()


def object_lists(frame: pd.DataFrame, columns: Iterable[str]) -> dict[str, pd.Series]:
    """For `mapping suggest`: the keys of a JSON record that are lists of objects in some
    records and, in most records, lists or single objects (flattened by the reader into
    ``KEY.x`` columns) rather than plain strings, each with its cells as lists of objects
    (a single object as a list of one; a string kept, read as a name on ingest).

    Examples:
        >>> f = pd.DataFrame({"s": ['[{"n": "A"}]', None, "B"], "s.n": [None, "C", None]})
        >>> object_lists(f, ["s", "s.n"])["s"].tolist()
        ['[{"n": "A"}]', '[{"n": "C"}]', 'B']
    """
    columns = [str(c) for c in columns]
    out: dict[str, pd.Series] = {}
    for col in columns:
        if col not in frame:
            continue
        # a list of objects needs one cell written "[{...": most columns have none, and
        # rebuilding every column's cells cost a wide file seconds (columns x columns)
        if not any(isinstance(c, str) and c.startswith("[{") for c in frame[col].tolist()):
            continue
        inner = [c for c in columns if c.startswith(f"{col}.") and c in frame]
        cells = list_cells(frame, col, col, inner)
        lists = sum(isinstance(c, str) and c.startswith("[{") for c in cells)
        objects = sum(isinstance(c, dict) for c in cells)
        texts = sum(isinstance(c, str) and not c.startswith("[") and bool(c.strip()) for c in cells)
        if lists and lists + objects > texts:
            out[col] = pd.Series(
                [json.dumps([c], ensure_ascii=False) if isinstance(c, dict) else c for c in cells],
                index=frame.index,
                dtype=object,
            )
    return out


def flattened_items(columns: Iterable[Any], entities: Iterable[dict[str, Any]]) -> set[str]:
    """The columns (``suspects.fullName``) a draft's ``each`` slots read as a record's
    single object of their list (``each: suspects``): mapped, not left out.

    Examples:
        >>> flattened_items(["s", "s.n", "t.n"], [{"type": "person", "each": "s"}])
        {'s.n'}
    """
    keys = {str(e["each"]) for e in entities if e.get("each")}
    return {str(c) for c in columns if any(str(c).startswith(f"{k}.") for k in keys)}
