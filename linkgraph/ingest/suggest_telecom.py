"""What ``mapping suggest`` reads in telecom exports (CDRs, tower dumps) by their headers:
the columns of a call's numbers whose values need a region to read ("Calling No",
"Called No", "Other Party"), and the columns that place a call (a cell site's name or
address, its location area), which are the call's attributes, never a person."""

from __future__ import annotations

import contextlib
import re
from collections import Counter
from typing import Any

import pandas as pd

#: A header that names one end of a call and says it holds its number: "Calling No",
#: "Called Number", "A Number", "Other Party", "B-Party MSISDN", "Dialled Digits".
_CALL_NUMBER = re.compile(
    r"^(calling|called|caller|callee|a|b|other|originating|terminating|dialled|dialed"
    r"|destination|source|partner|other_party|a_party|b_party)_(no|nr|num|number|msisdn"
    r"|party|nummer|numar|numero|digits|party_number|party_msisdn)$"
    r"|^(other_party|a_party|b_party|third_party|msisdn_other|dialled_digits)$"
)

#: A header of the cell site's name or place ("SITE_NAME", "Cell Name", "Tower", "BTS",
#: "Site Address", "Location"): where the call was made, never a party to it.
_SITE = re.compile(
    r"^(cell|site|tower|bts|mast|antenna|cell_site)_?(name|address|addr|location|loc"
    r"|description|desc|label)$|^(site|tower|bts|location|location_name|standort|locatie"
    r"|amplasament|adresa_bts|bts_address)$"
)

#: A header of the cell's location (or tracking) area: kept as ``area`` (see cdr.yaml).
_AREA = re.compile(r"^(lac|tac|location_area_code|tracking_area_code|lac_tac|lac_hex)$")


def _digits(value: str) -> bool:
    """A value written as a phone number is: digits (7 to 15), a leading "+" and spaces,
    dashes, dots or brackets between them."""
    return (
        bool(re.fullmatch(r"\+?[\d\s().\-/]+", value))
        and 7 <= sum(ch.isdigit() for ch in value) <= 15
    )


def call_number_column(key: str, values: list[str]) -> bool:
    """Whether a column is a call's number by its header ``key`` ("calling_no",
    "other_party") and its values (80 % written as numbers), whatever region would read
    them: the region is then read from these numbers, not needed before.

    Examples:
        >>> call_number_column("calling_no", ["0812345678", "+959123456789"])
        True
        >>> call_number_column("calling_no", ["Somchai", "Niran"])
        False
        >>> call_number_column("duration", ["0812345678"])
        False
    """
    if not values or not _CALL_NUMBER.search(key):
        return False
    return sum(_digits(v) for v in values) >= 0.8 * len(values)


def place_attrs(info: dict[str, dict[str, Any]], used: set[str]) -> dict[str, str]:
    """A call's attributes that place it, from the columns not ``used`` yet: the cell
    site's name or address (``site``, ``site_address``; a name-like header such as
    "SITE_NAME" would otherwise make a person using the phone) and the cell's location
    area (``area``). The columns are added to ``used``.

    Examples:
        >>> info = {"SITE_NAME": {"key": "site_name", "field": "name"},
        ...         "LAC": {"key": "lac", "field": None},
        ...         "Site Address": {"key": "site_address", "field": "address"}}
        >>> used = set()
        >>> place_attrs(info, used)
        {'site': 'SITE_NAME', 'area': 'LAC', 'site_address': 'Site Address'}
    """
    attrs: dict[str, str] = {}
    for c, i in info.items():
        if c in used or i["field"] in ("phone", "time", "duration"):
            continue
        key = i["key"]
        if _AREA.match(key):
            name = "area"
        elif _SITE.match(key):
            name = "site_address" if re.search(r"addr|adres", key) else "site"
        else:
            continue
        if name not in attrs:
            attrs[name] = c
            used.add(c)
    return attrs


def international_shaped(value: str) -> bool:
    """Whether ``value`` is written as an international number without its "+": 12 to 15
    digits, no trunk "0" ("447911654321"), which no country's plan reads as a national
    number, so says nothing of the file's region even when it is no valid number (a
    national number has at most 11 digits: a Chinese mobile's).

    Examples:
        >>> international_shaped("447911654321"), international_shaped("13812345678")
        (True, False)
        >>> international_shaped("081234567890")
        False
    """
    return bool(re.fullmatch(r"[1-9]\d{11,14}", value))


#: A year of the Thai Buddhist era in a date (2400-2699: 1857-2156 CE), which ingest reads
#: less 543 (see ``buddhist_era:``): "06/03/2567", "2567-03-06".
_BUDDHIST_YEAR = re.compile(r"(?<!\d)(2[4-6]\d\d)(?!\d)")


def region_by_calendar(info: dict[str, dict[str, Any]], regions: list[str]) -> str | None:
    """TH when it is one of ``regions`` (the countries whose plans read the local numbers
    alike) and most of a date column's values are written in the Thai Buddhist era
    ("06/03/2567"), which only Thailand uses; else None.

    Examples:
        >>> info = {"Date": {"field": "time", "values": ["06/03/2567", "07/03/2567"]}}
        >>> region_by_calendar(info, ["VN", "TH"]), region_by_calendar(info, ["VN", "ID"])
        ('TH', None)
    """
    if "TH" not in regions:
        return None
    for i in info.values():
        values = i["values"] if i["field"] in ("time", "dob") else []
        if values and sum(bool(_BUDDHIST_YEAR.search(v)) for v in values) > len(values) / 2:
            return "TH"
    return None


def rows_country(frame: pd.DataFrame, info: dict[str, dict[str, Any]]) -> str | None:
    """The country most rows name in their first country column, else their first
    nationality column, as ingest takes it to propose a time zone (``_file_zone``); None
    without such a column.

    Examples:
        >>> frame = pd.DataFrame({"Cetatenie": ["MDA", "MDA", "ROU"]})
        >>> rows_country(frame, {"Cetatenie": {"field": "nationality"}})
        'MD'
    """
    from linkgraph.ingest.normalize import country

    for fname in ("country", "nationality"):
        column = next((c for c, i in info.items() if i["field"] == fname), None)
        if column is None:
            continue
        found: Counter[str] = Counter()
        for v in frame[column].dropna().astype(str).head(200):
            with contextlib.suppress(ValueError, TypeError):
                if (c := country(v)) is not None:
                    found[c] += 1
        if found:
            return found.most_common(1)[0][0]
    return None


#: Header words that name what a phone or country column holds, not whose it is.
_WHAT = re.compile(
    r"^(phone|tel|telephone|telefon|mobile|mob|cell|number|no|nr|num|msisdn|contact|gsm"
    r"|country|nationality|citizenship|code|iso|of|de|du|la)$"
)


#: A header word naming a party to a transfer or a call: whose phone or country it is.
_PARTY = re.compile(
    r"(^|_)(sender|receiver|remitter|beneficiary|payer|payee|recipient|originator"
    r"|ordering|caller|callee|absender|empfanger|auftraggeber|expeditor|destinatar"
    r"|platitor|beneficiar|expediteur|destinataire|remitente|destinatario|mittente"
    r"|nadawca|odbiorca|otpravitel|poluchatel|vidpravnyk|otrymuvach)($|_)"
)


def _party_words(key: str) -> set[str]:
    """The words of a header ``key`` that say whose column it is ("sender_phone":
    sender)."""
    return {w for w in key.split("_") if w and not _WHAT.match(w)}


def party_country_columns(info: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Each phone column paired with the country column of the same party, by their
    headers' words ("Sender Phone" with "Sender Country", "Receiver Phone" with "Receiver
    Country"), when the file has a country column for more than one party; empty
    otherwise (one country column is every row's).

    Examples:
        >>> info = {c: {"key": c.lower().replace(" ", "_"), "field": f} for c, f in [
        ...     ("Sender Country", "country"), ("Sender Phone", "phone"),
        ...     ("Receiver Country", "country"), ("Receiver Phone", "phone")]}
        >>> party_country_columns(info)
        {'Sender Phone': 'Sender Country', 'Receiver Phone': 'Receiver Country'}
    """
    countries = {c: _party_words(i["key"]) for c, i in info.items() if i["field"] == "country"}
    if len([c for c, words in countries.items() if words]) < 2:
        return {}
    out: dict[str, str] = {}
    for c, i in info.items():
        if i["field"] != "phone":
            continue
        words = _party_words(i["key"])
        found = [cc for cc, party in countries.items() if party & words]
        if len(found) == 1:
            out[c] = found[0]
    return out


def unpaired_phone_notes(info: dict[str, dict[str, Any]]) -> list[str]:
    """Draft warnings for the phone columns of a party without a country column of its
    own ("Sender Phone" beside "Receiver Country" only) that hold local numbers: ingest
    reads those with the row's first country column, which is another party's.

    Examples:
        >>> info = {c: {"key": c.lower().replace(" ", "_"), "field": f, "values": v}
        ...         for c, f, v in [("Receiver Country", "country", ["MD"]),
        ...                         ("Sender Phone", "phone", ["0721 000 111"])]}
        >>> unpaired_phone_notes(info)[0][:60]
        '# WARNING: Sender Phone: its local numbers are read with Rec'
    """
    countries = {c: _party_words(i["key"]) for c, i in info.items() if i["field"] == "country"}
    if not countries:
        return []
    first = next(iter(countries))
    first_key = info[first]["key"]
    pairs = party_country_columns(info)
    notes = []
    for c, i in info.items():
        if i["field"] != "phone" or c in pairs:
            continue
        words = _party_words(i["key"])
        if not (_PARTY.search(i["key"]) and _PARTY.search(first_key)) or words & countries[first]:
            continue  # "Phone" beside "Country": the row's; "Receiver Phone": its own
        local = [v for v in i["values"] if not v.strip().startswith(("+", "00"))]
        if any(not international_shaped(re.sub(r"\D", "", v)) for v in local):
            notes.append(
                f"# WARNING: {c}: its local numbers are read with {first}, another party's"
                " country: check them, or set `region:`, or map its party's country column"
            )
    return notes


def party_region_notes(info: dict[str, dict[str, Any]]) -> list[str]:
    """The draft's note of the phone columns read with their own party's country column
    (ingest reads a phone slot's local numbers with the country of the slot that
    ``uses_phone`` it)."""
    pairs = party_country_columns(info)
    return [f"# {phone}: its local numbers are read with {c}" for phone, c in pairs.items()]


#: A header of a time of day ("Send Time", "Ora", "Uhrzeit"), beside a date column.
_CLOCK_WORD = re.compile(r"^(time|ora|zeit|uhrzeit|heure|hora|godzina|saat|tijd|chas|vremia)$")
#: Values of a time of day: "14:22", "09:05:30".
_CLOCK_VALUE = re.compile(r"\d{1,2}[:.]\d{2}([:.]\d{2})?")


def date_and_clock(info: dict[str, dict[str, Any]], times: list[str]) -> list[str]:
    """The columns of an event's time among the time columns ``times``: the first date
    column, with the time-of-day column of the same event ("Send Date" + "Send Time",
    not "Payout Date"'s) where there is one: the clock whose header shares a word with
    the date's, else the one right after it.

    Examples:
        >>> info = {c: {"key": c.lower().replace(" ", "_"), "values": v} for c, v in [
        ...     ("Send Date", ["03/14/2024"]), ("Send Time", ["14:22"]),
        ...     ("Payout Date", ["03/14/2024"])]}
        >>> date_and_clock(info, ["Send Date", "Send Time", "Payout Date"])
        ['Send Date', 'Send Time']
    """

    def clock(c: str) -> bool:
        values = info[c]["values"]
        return bool(values) and all(_CLOCK_VALUE.fullmatch(v) for v in values)

    dates = [c for c in times if not clock(c)]
    if not dates:
        return times[:1]
    date = dates[0]
    clocks = [c for c in times if clock(c)]
    own = {w for w in info[date]["key"].split("_") if not re.match(r"^(date|data|datum)$", w)}
    same = [c for c in clocks if own & set(info[c]["key"].split("_")) - {"time"}]
    order = list(info)
    after = [c for c in clocks if order.index(c) == order.index(date) + 1]
    found = (same or after)[:1]
    return [date, *found]


def record_types_with_directions(values: list[str]) -> bool:
    """Whether a column's values say what each row records, some only which way a call
    went: AIS Thailand's Call Type "MO", "MT", "SMS" (a voice call each way, a message).
    Ingest's ``record_type:`` keeps "MO" and "MT" as calls; at least one value must be a
    record type that is no direction ("SMS", "GPRS"), so an IN/OUT column is none.

    Examples:
        >>> record_types_with_directions(["MO", "MT", "MO", "SMS"])
        True
        >>> record_types_with_directions(["IN", "OUT"]), record_types_with_directions(["X"])
        (False, False)
    """
    from linkgraph.ingest.normalize import call_direction, record_type

    def reads(func: Any, v: str) -> bool:
        try:
            return func(v) is not None
        except ValueError:
            return False

    kinds = [reads(record_type, v) for v in values]
    ways = [reads(call_direction, v) for v in values]
    if not values or sum(k or w for k, w in zip(kinds, ways, strict=True)) < 0.8 * len(values):
        return False
    return any(k and not w for k, w in zip(kinds, ways, strict=True))
