"""References to a mention by the place it was read from: ``SOURCE:ROW[:SLOT[:N]]`` or,
the same, ``SOURCE#ROW[#SLOT[#N]]`` (SOURCE as ingested, e.g. ``arrests.csv``).

One parser for every place a reference is typed: ``linkgraph explain`` and ``decide``, and
the ``left`` / ``right`` columns of an overrides or labels CSV, so that a reference copied
from one works in the other."""

from __future__ import annotations

import re
from typing import NamedTuple

#: The separators a reference may use (one throughout a reference).
SEPARATORS = (":", "#")


class MentionReference(NamedTuple):
    """Where a mention was read: its source, row (from 1), slot and, for a slot a row holds
    several of (a JSON record's list read with ``each:``), which one (from 1)."""

    source: str
    row: int
    slot: str | None = None
    item: int | None = None


def _patterns(sep: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The ``SOURCE<sep>ROW<sep>SLOT<sep>N`` and ``SOURCE<sep>ROW[<sep>SLOT]`` patterns."""
    s = re.escape(sep)
    item = re.compile(rf"^(?P<source>.+){s}(?P<row>\d+){s}(?P<slot>[^{s}]+){s}(?P<item>\d+)$")
    plain = re.compile(rf"^(?P<source>.+){s}(?P<row>\d+)(?:{s}(?P<slot>[^{s}]+))?$")
    return item, plain


_PATTERNS = [p for sep in SEPARATORS for p in _patterns(sep)]


def parse_reference(text: str) -> MentionReference | None:
    """The reference ``text`` writes (``arrests.csv:14``, ``cdr.csv#14#caller``,
    ``ads.jsonl:6:person:2``), or None when it is not one."""
    text = text.strip()
    for pattern in _PATTERNS:
        match = pattern.match(text)
        if match is not None:
            item = match.groupdict().get("item")
            return MentionReference(
                match["source"],
                int(match["row"]),
                match["slot"],
                None if item is None else int(item),
            )
    return None
