"""`mapping suggest` on a sheet of events (a case workbook's Events: Event ID, Date,
Place): the rows are events, whether or not the sheet names persons."""

from __future__ import annotations

import re
from typing import Any

#: An id column's words that name an event (an incident, an operation), in the languages
#: of the header words: "Event ID", "Incident No", "Ereignis-Nr.", "ID eveniment".
_EVENT_WORDS = re.compile(
    r"(^|_)(events?|incidents?|operations?|ereignis(se)?|vorfall|eveniment(e)?|incident(e)?"
    r"|evento|evenement|zdarzenie|podiya|sobytie)(_|$)"
)


def names_event(words: str) -> bool:
    """Whether an id column's header words (``_words`` of the header) name an event.

    Examples:
        >>> names_event("event_id"), names_event("incident_no"), names_event("owner_id")
        (True, True, False)
    """
    return _EVENT_WORDS.search(words) is not None


def place_unlinked(entities: dict[str, dict[str, Any]], links: list[dict[str, Any]]) -> list[str]:
    """The location slots of a draft that no link names: on a sheet of events, each is
    the place its row's event happened (``located_in`` the event, by the caller).

    Examples:
        >>> ents = {"location": {"type": "location"}, "case": {"type": "event"}}
        >>> place_unlinked(ents, []), place_unlinked(ents, [{"src": "x", "dst": "location"}])
        (['location'], [])
    """
    named = {lk["src"] for lk in links} | {lk["dst"] for lk in links}
    return [s for s, e in entities.items() if e["type"] == "location" and s not in named]
