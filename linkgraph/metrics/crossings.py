"""Border crossings: the countries an event's crossing left and entered, as
``linkgraph routes`` reads them.

An event says them itself (its ``from`` and ``to`` fields), or as a border police's log
does: a ``direction`` (in or out: entry, exit, arrival, departure, ``intrare``,
``Einreise``, ``въезд``, ...) at a crossing point of the country whose log it is (the
event's ``country`` field, else the country its crossing point is found in). Entering
country X is ``to = X``; leaving it ``from = X``; the other side is the crossing
point's country when that is another country (a point named on the far side of the
border), else unknown: a crossing of one known side.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pandas as pd

from linkgraph.text import fold

if TYPE_CHECKING:
    from linkgraph.model import Case

#: attrs keys of an event's crossing point (geocoded as field ``point``: the other side of
#: an in/out crossing when it lies in another country).
POINT_KEYS = ("border_point", "crossing_point", "checkpoint", "border_crossing", "bcp")
#: attrs keys of an in/out crossing's direction.
DIRECTION_KEYS = ("direction", "crossing_direction", "entry_exit", "in_out")
#: Words of a crossing's direction (folded: lower case, Latin letters, no accents).
DIRECTION_WORDS = {
    "in": ("in", "i", "inbound", "incoming", "entry", "enter", "entering", "entered",
           "arrival", "arriving", "arrived", "import", "intrare", "intrat", "einreise",
           "eingang", "entree", "entrada", "ingresso", "wjazd", "vieezd", "vezd", "vizd",
           "v'izd", "giris",
           # Greek (folded): είσοδος, άφιξη
           "eisodos", "aphixe"),
    "out": ("out", "o", "outbound", "outgoing", "exit", "exiting", "exited", "leave",
            "leaving", "departure", "departing", "departed", "export", "iesire", "iesit",
            "ausreise", "ausgang", "sortie", "salida", "saida", "uscita", "wyjazd",
            "vyezd", "vyizd", "cikis",
            # Greek (folded): έξοδος, αναχώρηση
            "exodos", "anakhorese"),
}  # fmt: skip
_WORD_SIDE = {w: side for side, words in DIRECTION_WORDS.items() for w in words}


def crossing_direction(value: object) -> str | None:
    """``"in"`` or ``"out"`` for a crossing's direction as a log writes it, else None.

    Examples:
        >>> crossing_direction("ENTRY"), crossing_direction("Ieșire"), crossing_direction("въезд")
        ('in', 'out', 'in')
        >>> crossing_direction("transit") is None
        True
    """
    if not isinstance(value, str) or not value.strip():
        return None
    return _WORD_SIDE.get(fold(value).replace(" ", ""))


def json_attrs(text: object) -> dict[str, Any]:
    """A mention's or link's ``attrs`` JSON as a dict ({} for none, or for text that is
    no JSON object)."""
    if not isinstance(text, str) or not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def crossing_ends(case: Case, located: pd.DataFrame) -> pd.DataFrame:
    """The two sides of each event that is a border crossing.

    Args:
        case: the case.
        located: :func:`linkgraph.metrics.routes.places`'s ``located`` (each place
            string with its country).

    Returns:
        Index ``mention_id`` (the event's), columns ``from`` and ``to`` (country codes;
        missing where that side is not known, never both): the event's own ``from``/``to``
        first, else its direction's (see the module docstring).
    """
    ok = located[located["place_id"].notna()]
    given = ok[ok["field"].isin(["from", "to"])].pivot_table(
        index="mention_id", columns="field", values="country", aggfunc="first"
    )
    given = given.reindex(columns=["from", "to"])
    points = ok[ok["field"].isin(["point", "place"])].drop_duplicates("mention_id")
    point = points.set_index("mention_id")["country"]
    m = case.mentions
    events = m[m["type"].astype(str).eq("event").to_numpy() & m["attrs"].notna().to_numpy()]
    rows = []
    for mid, text, own in zip(
        events["mention_id"], events["attrs"], events["country"], strict=True
    ):
        attrs = json_attrs(text)
        way = next((crossing_direction(attrs.get(k)) for k in DIRECTION_KEYS if k in attrs), None)
        if way is None:
            continue
        there = point.get(mid)
        there = None if pd.isna(there) else str(there)
        here = str(own) if isinstance(own, str) and own else there
        if here is None:
            continue
        other = there if there != here else None
        rows.append((mid, other, here) if way == "in" else (mid, here, other))
    by_way = pd.DataFrame(rows, columns=["mention_id", "from", "to"]).set_index("mention_id")
    ends = given.combine_first(by_way) if len(by_way) else given
    return ends[ends.notna().any(axis=1)]
