"""What ``mapping suggest`` reads in travel lists (passenger lists, PNR exports): a flight
number names one flight only on its day, so the flight event a list's travellers are
``involved_in`` is keyed by the number and the departure date together."""

from __future__ import annotations

import re
from typing import Any

#: A header of a flight's number: "FlightNumber", "Flight No", "Flug-Nr.", "Nr. zbor".
_FLIGHT_HEADER = re.compile(
    r"flight|flug|(^|_)(zbor|zborul|vuelo|volo|vol|voo|lot|rejs|reis|reys|flt)($|_)"
)
#: A flight's number as airlines write it: a two-character airline code (IATA) or a
#: three-letter one (ICAO), then one to four digits: "W6 3302", "LH1234", "RYR 85AB".
_FLIGHT_VALUE = re.compile(r"(?=[A-Z0-9]*[A-Z])[A-Z0-9]{2}[A-Z]?\s?\d{1,4}[A-Z]?")


def flight_number(key: str, values: list[str]) -> bool:
    """Whether a column holds flight numbers, by its header ``key`` ("flightnumber",
    "flight_no") or by its values (80 % written as flight numbers: "W6 3302").

    Examples:
        >>> flight_number("flightnumber", ["W6 3302"]), flight_number("ref", ["W6 3302"])
        (True, True)
        >>> flight_number("case_id", ["2024-001", "2024-002"])
        False
    """
    if _FLIGHT_HEADER.search(key):
        return True
    return bool(values) and sum(bool(_FLIGHT_VALUE.fullmatch(v)) for v in values) >= 0.8 * len(
        values
    )


def flight_event_key(info: dict[str, dict[str, Any]], column: str, time: Any) -> Any:
    """The identifier of a list's event from its shared id ``column`` and its time
    (a column, or ``{"columns": [date, clock]}``): a flight number joined with the
    departure date (``{"columns": [FlightNumber, DepartureDate], "join": " "}``), so that
    W6 3302 of 21 March and W6 3302 of 2 May are two flights; any other id as it is."""
    i = info.get(column, {})
    if time is None or not flight_number(i.get("key", ""), i.get("values", [])):
        return column
    date = time["columns"][0] if isinstance(time, dict) else time
    return {"columns": [column, date], "join": " "}


# -- border crossings: the two countries of each row's crossing ---------------------------

#: A header of the country a crossing left: "From country", "Origin", "Departure country",
#: "Country of departure", "Herkunftsland", "Țara de plecare".
_FROM_HEADER = re.compile(
    r"^(from|origin|departure|exit)(_country)?$|^(origin|departure|exit)_country$"
    r"|^country_(of_)?(origin|departure|exit|from)$|^herkunftsland$|^tara_de_plecare$"
)
#: A header of the country a crossing entered: "To country", "Destination", "Arrival
#: country", "Country of destination", "Zielland", "Țara de destinație".
_TO_HEADER = re.compile(
    r"^(to|destination|arrival|entry)(_country)?$|^(destination|arrival|entry)_country$"
    r"|^country_(of_)?(destination|arrival|entry|to)$|^zielland$|^tara_de_destinatie$"
)
#: Headers that name their side plainly (a "from_country" column is a crossing's even
#: alone); "Origin" or "Country of origin" alone is a person's origin, a crossing's only
#: beside a column of the other side.
_PLAIN_SIDE = re.compile(r"^(from|to|departure|arrival)_country$|^country_(from|to)$")


def _reads_as_country(normalize: Any, value: str) -> bool:
    """Whether ``value`` reads as a country (a value that is none, ``1``, ``XXX``, is
    not one; never an error)."""
    try:
        return normalize.country(value) is not None
    except ValueError:
        return False


def crossing_sides(info: dict[str, dict[str, Any]], has_time: bool) -> dict[str, str]:
    """The columns of a border crossing's two countries, ``{"from": COLUMN, "to": COLUMN}``
    (one side alone when only that one is written plainly): headers of a crossing's side
    (:data:`_FROM_HEADER`, :data:`_TO_HEADER`) whose values are countries (80 %), in a
    file with a time (rows that are crossings, not a list of persons).

    Examples:
        >>> info = {
        ...     "From country": {"key": "from_country", "values": ["RO", "MD"]},
        ...     "To country": {"key": "to_country", "values": ["HU", "RO"]},
        ... }
        >>> crossing_sides(info, True), crossing_sides(info, False)
        ({'from': 'From country', 'to': 'To country'}, {})
        >>> crossing_sides({"Origin": {"key": "origin", "values": ["Moldova"]}}, True)
        {}
    """
    from linkgraph.ingest import normalize

    if not has_time:
        return {}
    sides: dict[str, str] = {}
    for col, i in info.items():
        key, values = i.get("key", ""), i.get("values", [])
        side = "from" if _FROM_HEADER.match(key) else "to" if _TO_HEADER.match(key) else None
        if side is None or side in sides or not values:
            continue
        # ICAO's codes of no country ("XXX" unspecified, "XXA" stateless) count neither way
        named = [v for v in values if str(v).strip().upper() not in ICAO_NO_COUNTRY]
        if named and sum(_reads_as_country(normalize, v) for v in named) >= 0.8 * len(named):
            sides[side] = col
    if len(sides) == 1 and not _PLAIN_SIDE.match(info[next(iter(sides.values()))]["key"]):
        sides = {}
    return {**sides, **_in_out(info, sides)}


#: ICAO Doc 9303 codes of a travel document's nationality that name no country:
#: unspecified, stateless (1954 convention), refugee (1951 convention), other refugee,
#: "person of unspecified nationality".
ICAO_NO_COUNTRY = frozenset({"XXX", "XXA", "XXB", "XXC", "XXP"})


#: A header of a crossing point: "Border point", "Crossing point", "Checkpoint", "BCP",
#: "Punct de trecere", "Grenzübergang", Greek "Σημείο (Διέλευσης)".
_POINT_HEADER = re.compile(
    r"^(border|crossing|frontier)_(point|post|checkpoint|crossing|station)$|^checkpoint$"
    r"|^bcp$|^punct(_de)?_trecere$|^grenzubergang(sstelle)?$|^border_crossing_point$"
    # Greek (folded): Σημείο, Σημείο Διέλευσης/Εισόδου/Εξόδου, Συνοριακό Σημείο
    r"|^(sunoriako_)?semeio(_(dieleuses|eisodou|exodou|elenkhou))?$"
)


def _in_out(info: dict[str, dict[str, Any]], sides: dict[str, str]) -> dict[str, str]:
    """A crossing log's crossing point (``{"border_point": COLUMN}``) and, beside it, the
    column of its direction (``{"direction": COLUMN}``: 80 % in/out words, "IN", "Exit",
    "Ieșire", see :func:`linkgraph.metrics.crossings.crossing_direction`). A direction
    without a crossing point or a side (a CDR's IN/OUT) is no crossing's."""
    out: dict[str, str] = {}
    for col, i in info.items():
        if "border_point" not in out and _POINT_HEADER.match(i.get("key", "")):
            out["border_point"] = col
    if not (out or sides):
        return {}
    # Imported only here: linkgraph.metrics brings scipy.sparse and the analysis stage,
    # which a file with no crossing (a CDR whose region is guessed) never needs.
    from linkgraph.metrics.crossings import crossing_direction

    for col, i in info.items():
        values = i.get("values", [])
        if col in sides.values() or col in out.values() or not values:
            continue
        if sum(crossing_direction(v) is not None for v in values) >= 0.8 * len(values):
            out["direction"] = col
            break
    return out if "direction" in out or sides else {}


#: Fields of a crossing's traveller that tell one row's crossing from another's on a log
#: without a crossing id: the travel document, else the name (no more of her than needed:
#: the event's label holds them, which outputs redact for victims).
_TRAVELLER_FIELDS = (("document",), ("name", "given_name", "family_name"), ("dob",))


def crossing_event_key(info: dict[str, dict[str, Any]], times: list[str]) -> dict[str, Any]:
    """The identifier of a crossing on a log with no crossing id: its time, its sides and
    its traveller (her document, else her name, else her date of birth) joined, so that
    each row's crossing is an event of its own (two travellers crossing on one day are no
    co-travellers by that) and the same crossing logged twice one.

    Examples:
        >>> crossing_event_key(
        ...     {"Passport": {"field": "document"}, "To": {"field": None, "crossing": "to"}},
        ...     ["Date"],
        ... )
        {'columns': ['Date', 'To', 'Passport'], 'join': ' '}
    """
    sides = [c for c, i in info.items() if i.get("crossing")]
    travellers: list[str] = []
    for fields in _TRAVELLER_FIELDS:
        travellers = [c for c, i in info.items() if i.get("field") in fields]
        if travellers:
            break
    return {"columns": [*times, *sides, *travellers], "join": " "}


def in_out_note(crossing: dict[str, str]) -> list[str]:
    """The draft's note on a log of in/out crossings (``crossing``: column -> field): the
    country whose border it records is the event's ``country``, which no column names.

    Examples:
        >>> in_out_note({"Direction": "direction"})[0]
        "# Border log of entries and exits: set the crossing event's country (country:"
    """
    if "direction" not in crossing.values() or {"from", "to"} <= set(crossing.values()):
        return []
    return [
        "# Border log of entries and exits: set the crossing event's country (country:",
        "# {value: MD}), the country whose border it records: an entry is a crossing into",
        "# it, an exit out of it (linkgraph routes; without it, the country of the crossing",
        "# point where it is a town the map knows).",
    ]
