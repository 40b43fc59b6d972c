"""Which country reads a file's local phone numbers, as ``mapping suggest`` drafts it
beyond the numbers themselves: each party's own country column (a receiver's beside a
sender's), the Thai Buddhist era of its dates, and the country most rows name (for the
time-zone example)."""

from __future__ import annotations

import contextlib
import re
from collections import Counter
from typing import Any

import pandas as pd

from linkgraph.ingest.suggest_telecom import international_shaped

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


def region_by_nationality(info: dict[str, dict[str, Any]], regions: list[str]) -> str | None:
    """The one of ``regions`` (the countries whose plans read the local numbers alike)
    that most values of the file's nationality or country columns name, when it is more
    than half of those read ("عراقية", "Iraqi" four rows of five: IQ); else None.

    Examples:
        >>> info = {"Nat": {"field": "nationality", "values": ["Iraqi", "Syrian", "Iraqi"]}}
        >>> region_by_nationality(info, ["GB", "IQ"]), region_by_nationality(info, ["GB"])
        ('IQ', None)
    """
    from linkgraph.ingest.normalize import country

    votes: Counter[str] = Counter()
    read = 0
    for i in info.values():
        if i["field"] not in ("nationality", "country"):
            continue
        for value in i["values"]:
            with contextlib.suppress(ValueError):
                if (code := country(value)) is not None:
                    read += 1
                    votes[code] += 1
    top = [(code, n) for code, n in votes.most_common() if code in regions]
    return top[0][0] if top and top[0][1] > read / 2 else None


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
    reads those with ``region:``, not with the other party's country column (and rejects
    them without a region).

    Examples:
        >>> info = {c: {"key": c.lower().replace(" ", "_"), "field": f, "values": v}
        ...         for c, f, v in [("Receiver Country", "country", ["MD"]),
        ...                         ("Sender Phone", "phone", ["0721 000 111"])]}
        >>> unpaired_phone_notes(info)[0][:60]
        '# WARNING: Sender Phone: its local numbers are read with `re'
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
                f"# WARNING: {c}: its local numbers are read with `region:`, not with {first}"
                " (another party's country), and rejected without one: set `region:` to its"
                " party's country, or map its party's own country column"
            )
    return notes


def party_region_notes(info: dict[str, dict[str, Any]]) -> list[str]:
    """The draft's note of the phone columns read with their own party's country column
    (ingest reads a phone slot's local numbers with the country of the slot that
    ``uses_phone`` it)."""
    pairs = party_country_columns(info)
    return [f"# {phone}: its local numbers are read with {c}" for phone, c in pairs.items()]
