"""Identifier values one file gives to many different people: a placeholder, not an
identifier (every hotel guest "holds" the document PASSAPORTO, every payment goes to the
account N/A). Resolve would take such a value for one passport or account and join its
holders, so ingest warns of it.

A value is warned of when, in one slot of one source,

- persons of at least :data:`MIN_HOLDERS` different names hold it (are linked to it in
  its rows) and it is on at least :data:`MIN_SHARE` of the source's rows: a busy phone
  in a call list has no holders named in its rows, and a trafficker's collection account
  is held by one name, so neither is warned of; or
- it looks like a placeholder (``N/A``, ``none``, ``unknown``, ``0000``, ``XXX``, ``-``)
  and is on at least two rows, and stands out from its slot's values: ``9999`` among
  10-digit account numbers is one, but not in a column of whole-number ids 0..19999
  (an AMLSim node id), where it is an id like the others.

Counted chunk by chunk with pandas (no loop over rows): each chunk's most frequent values
per slot are kept, with their rows and (up to :data:`MIN_HOLDERS`) their holders' names.

The warning quotes the value only when no row that marks a victim holds it (in any
chunk): a phone both a victim and her trafficker use is hers too, and a warning is
printed, logged and pasted into tickets. Otherwise it names the slot and withholds the
value.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

#: Different holder names, and share of the source's rows, from which a value is warned of.
MIN_HOLDERS = 20
MIN_SHARE = 0.3
#: Values kept per slot and chunk (at most three values can each be on 30% of the rows).
_KEPT = 5
#: Placeholders written for "no value", upper-case letters and digits only.
_PLACEHOLDERS = frozenset(
    {"NA", "NONE", "NIL", "NULL", "UNKNOWN", "UNK", "TBD", "TBA", "NOTAVAILABLE", "NOTKNOWN",
     "NOTAPPLICABLE", "MISSING", "EMPTY", "NONAME", "UNBEKANNT", "KEINE", "NECUNOSCUT",
     "INCONNU", "DESCONOCIDO", "SCONOSCIUTO", "NIEZNANY", "NEVIDOMO", "NEIZVESTNO"}
)  # fmt: skip


@dataclass
class _Seen:
    """One value of one slot: its rows so far and some of its holders' names."""

    type: str
    rows: int = 0
    names: set[str] = field(default_factory=set)


class SharedValues:
    """The identifier values of one source seen on many rows, fed chunk by chunk."""

    def __init__(self) -> None:
        self.seen: dict[tuple[str, str], _Seen] = {}  # (slot, value) -> what was seen
        #: per slot: its values so far, and of them the whole numbers (no leading zero)
        #: by their number of digits
        self.shapes: dict[str, _Shape] = {}
        #: (slot, value) of every value on a row that marks a victim (a few per victim)
        self.on_victims_rows: set[tuple[str, str]] = set()

    def add(
        self, mentions: pd.DataFrame, links: pd.DataFrame, victim_rows: Iterable[int] = ()
    ) -> None:
        """Count the identifier values of one chunk's ``mentions`` and the names of the
        persons ``links`` join to them; ``victim_rows`` are the file rows of the chunk
        that mark a victim (their values are never quoted)."""
        if not len(mentions) or "identifier" not in mentions.columns:
            return
        keep = mentions["identifier"].notna().to_numpy(dtype=bool) & (
            mentions["type"] != "person"
        ).to_numpy(dtype=bool)
        if not keep.any():
            return
        # Per slot, in the order the slots first appear, its rows' positions: the chunk's
        # columns are read in place (no copy of the kept rows, no groupby).
        slot_codes, slots = pd.factorize(mentions["slot"])
        kept = np.flatnonzero(keep & (slot_codes >= 0))
        slot_codes = slot_codes[kept]
        # (persons' names linked to a value: none without links or persons' names)
        may_hold = bool(len(links)) and "name_latin" in mentions.columns
        identifiers = _text(mentions["identifier"])
        all_rows = pd.to_numeric(mentions["row"], errors="coerce").fillna(-1)
        all_rows = all_rows.to_numpy(dtype=np.int64)
        hers = np.isin(all_rows, np.fromiter((int(r) for r in victim_rows), dtype=np.int64))
        for code in pd.unique(slot_codes):  # (a hash table: in their order, no sort)
            slot = slots[code]
            at = kept[slot_codes == code]
            if len(at) and int(at[-1]) - int(at[0]) + 1 == len(at):
                # a slot's mentions one block of rows (the chunk's frames of each slot
                # concatenated): a zero-copy slice, not a gather of every value
                values = identifiers.slice(int(at[0]), len(at))
            else:
                values = identifiers.take(pa.array(at))
            if isinstance(values, pa.ChunkedArray):
                values = values.combine_chunks()
            encoded = pc.dictionary_encode(values)
            codes = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
            self.shapes.setdefault(str(slot), _Shape()).add_distinct(
                encoded.dictionary, np.bincount(codes, minlength=len(encoded.dictionary))
            )
            on_hers = np.unique(codes[hers[at]])
            if len(on_hers):
                values_on_hers = encoded.dictionary.take(pa.array(on_hers)).to_pylist()
                self.on_victims_rows.update((str(slot), str(v)) for v in values_on_hers)
            top = _top_values(codes, encoded.dictionary, all_rows[at])
            if top.empty:
                continue
            # names matter only for a value on many rows of this chunk (one on 30% of a
            # source's rows is on 30% of one chunk's at least)
            many = top.index[(top >= MIN_HOLDERS).to_numpy()]
            holders = (
                _holders(mentions, links, mentions[["mention_id", "identifier"]].iloc[at], many)
                if len(many) and may_hold
                else {}
            )
            kind = str(mentions["type"].iloc[at[0]])
            for value, rows in top.items():  # at most a few values per slot
                seen = self.seen.setdefault((str(slot), str(value)), _Seen(kind))
                seen.rows += int(rows)
                if len(seen.names) < MIN_HOLDERS:
                    seen.names |= holders.get(value, set())

    def notes(self, total_rows: int) -> list[str]:
        """A warning for each value held by many different people, or a placeholder."""
        out = []
        for (slot, value), seen in sorted(self.seen.items(), key=lambda kv: -kv[1].rows):
            many = len(seen.names) >= MIN_HOLDERS and seen.rows >= MIN_SHARE * max(total_rows, 1)
            shape = self.shapes.get(slot)
            placeholder = is_placeholder(value) and not (shape and shape.ordinary(value, seen.rows))
            if many or placeholder:
                hers = (slot, value) in self.on_victims_rows
                out.append(_note(slot, value, seen, total_rows, many, hers))
        return out


#: The share of a slot's values that must be whole numbers for a number among them to be
#: an id like the others (not a placeholder), and the share that must have its length.
_WHOLE_SHARE = 0.9
_SAME_LENGTH_SHARE = 0.05


@dataclass
class _Shape:
    """The shape of one slot's values: how many, and how many of them are whole numbers
    written without a leading zero (``216``, ``19999``), by their number of digits."""

    values: int = 0
    digits: dict[int, int] = field(default_factory=dict)

    def add_distinct(self, values: pa.Array, counts: np.ndarray) -> None:
        """Count one chunk's values, given as their distinct ``values`` (no nulls) and how
        many times each occurs (Arrow compute on the distinct values, no loop over rows)."""
        self.values += int(counts.sum())
        whole = pc.match_substring_regex(values, r"^[1-9][0-9]*$").to_numpy(zero_copy_only=False)
        if not whole.any():
            return
        lengths = pc.utf8_length(values).to_numpy(zero_copy_only=False)[whole]
        by_length = np.bincount(lengths, weights=counts[whole])
        for n in np.flatnonzero(by_length):
            self.digits[int(n)] = self.digits.get(int(n), 0) + int(by_length[n])

    def ordinary(self, value: str, rows: int) -> bool:
        """Whether ``value`` (on ``rows`` rows) is a whole number like most of the slot's
        values, its length common among the others: a run of integer ids (0..19999)
        holds 9999 as one of its own, 10-digit accounts do not."""
        text = str(value).strip()
        if not self.values or not (text.isdigit() and text[0] != "0"):
            return False
        whole = sum(self.digits.values())
        same = self.digits.get(len(text), 0) - rows  # the others of its length
        return whole >= _WHOLE_SHARE * self.values and same >= _SAME_LENGTH_SHARE * self.values


def _top_values(codes: np.ndarray, values: pa.Array, rows: np.ndarray) -> pd.Series:
    """The :data:`_KEPT` values of one slot on most rows (two or more), with their rows (a
    value twice on one row counts once); the values given as ``codes`` into their distinct
    ``values``, on ``rows`` (each value's file row)."""
    if len(rows) > 1 and not (np.diff(rows) > 0).all():  # a row with several values
        width = int(rows.max()) + 2
        codes = np.unique(codes * width + (rows + 1)) // width
    counts = np.bincount(codes[codes >= 0], minlength=len(values))
    order = np.argsort(-counts, kind="stable")[:_KEPT]
    order = order[counts[order] >= 2]
    kept = values.take(pa.array(order, type=pa.int64())).to_pylist()
    return pd.Series(counts[order], index=pd.Index(kept, dtype=object))


def _holders(
    mentions: pd.DataFrame, links: pd.DataFrame, of_slot: pd.DataFrame, values: pd.Index
) -> dict[str, set[str]]:
    """Up to :data:`MIN_HOLDERS` names of the persons linked to each of ``values``."""
    if not len(links) or "name_latin" not in mentions.columns:
        return {}
    wanted = of_slot[_positions(of_slot["identifier"], values) >= 0]
    persons = mentions[
        (mentions["type"] == "person").to_numpy(dtype=bool)
        & mentions["name_latin"].notna().to_numpy(dtype=bool)
    ]
    parts = []
    for thing, person in (("dst", "src"), ("src", "dst")):
        at = _positions(links[thing], wanted["mention_id"])
        near = links.loc[at >= 0, person]
        who = _positions(near, persons["mention_id"])
        found = who >= 0
        value = wanted["identifier"].iloc[at[at >= 0][found]].to_numpy(dtype=object)
        name = persons["name_latin"].iloc[who[found]].to_numpy(dtype=object)
        parts.append(pd.DataFrame({"value": value, "name": name}))
    held = pd.concat(parts, ignore_index=True).drop_duplicates()
    held = held.groupby("value", sort=False).head(MIN_HOLDERS)
    return {str(v): set(map(str, g)) for v, g in held.groupby("value", sort=False)["name"]}


def _positions(values: pd.Series | pd.Index, of: pd.Series | pd.Index) -> np.ndarray:
    """The position in ``of`` of each of ``values``, -1 where absent (Arrow's hash join:
    pandas' ``isin`` on Arrow strings loops in Python)."""
    if not len(values) or not len(of):
        return np.full(len(values), -1, dtype=np.int64)
    found = pc.index_in(_text(values), value_set=_text(of))
    return np.asarray(found.fill_null(-1).to_numpy(zero_copy_only=False), dtype=np.int64)


def _text(values: pd.Series | pd.Index) -> pa.Array:
    """``values`` as an Arrow array of large strings (no copy through Python objects for
    Arrow-backed strings)."""
    array = values.array
    if isinstance(array, pd.arrays.ArrowStringArray):
        return pa.array(array).cast(pa.large_string())
    return pa.array(np.asarray(values, dtype=object), type=pa.large_string(), from_pandas=True)


def is_placeholder(value: str) -> bool:
    """Whether an identifier value is written for "no value": ``N/A``, ``none``,
    ``unknown``, one character repeated (``0000``, ``XXX``, ``---``), or no letter or digit.

    Examples:
        >>> is_placeholder("N/A"), is_placeholder("0000000000"), is_placeholder("-")
        (True, True, True)
        >>> is_placeholder("AB123456"), is_placeholder("+40721000001")
        (False, False)
    """
    text = str(value).strip()
    plain = "".join(c for c in text if c.isalnum()).upper()
    if not plain:
        return True
    if plain in _PLACEHOLDERS:
        return True
    return len(text.lstrip("+")) >= 3 and len(set(text.lstrip("+"))) == 1


def _note(slot: str, value: str, seen: _Seen, total_rows: int, many: bool, hers: bool) -> str:
    """The warning of one value (withheld when ``hers``: on a row that marks a victim)."""
    share = seen.rows / max(total_rows, 1)
    who = (
        f", held by {len(seen.names)}{'+' if len(seen.names) >= MIN_HOLDERS else ''}"
        " different persons"
        if seen.names
        else ""
    )
    what = "is on many rows" if many else "looks like a placeholder"
    said = (
        f"a {seen.type} ({slot}; its value withheld: a victim's row holds it)"
        if hers
        else f"{seen.type} {value!r} ({slot})"
    )
    return (
        f"{said} {what}: {seen.rows:,} of {total_rows:,} rows"
        f" ({share:.0%}){who}; resolve would take it for one {seen.type} and join its"
        f" holders: if it stands for no {seen.type}, clear it in the file, or (in a mapping)"
        f" give its column to the holder's slot as a field of its own name, kept as an"
        f" attribute and never merged on, instead of to the {slot} slot"
    )
