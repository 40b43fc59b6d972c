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
