"""What ``mapping suggest`` reads in telecom exports (CDRs, tower dumps) by their headers:
the columns of a call's numbers whose values need a region to read ("Calling No",
"Called No", "Other Party"), and the columns that place a call (a cell site's name or
address, its location area), which are the call's attributes, never a person."""

from __future__ import annotations

import re
from typing import Any

#: Header words of a call's caller, in the exports' languages ("Caller", "Calling",
#: "Apelant", "Appelant", "Llamante", "Chiamante", "Anrufer", Turkish "Arayan", Russian
#: "Вызывающий"), as folded header words.
CALLER_WORDS = (
    r"caller|calling|apelant|appelant|llamante|chiamante|anrufer|anrufende[rn]?|arayan"
    r"|vyzyvaiushchii|vyzyvaiushchiy"
)
#: ... and of its callee ("Callee", "Called", "Apelat", "Appelé", "Llamado", "Chiamato",
#: "Angerufener", "Aranan", "Вызываемый").
CALLEE_WORDS = (
    r"callee|called|apelat|appele|llamado|chiamato|angerufene[rn]?|aranan|vyzyvaemyi|vyzyvaemyy"
)

#: A header that names one end of a call and says it holds its number: "Calling No",
#: "Called Number", "A Number", "Other Party", "B-Party MSISDN", "Dialled Digits".
_CALL_NUMBER = re.compile(
    r"^(calling|called|caller|callee|a|b|other|originating|terminating|dialled|dialed"
    r"|destination|source|partner|other_party|a_party|b_party)_(no|nr|num|number|msisdn"
    r"|party|nummer|numar|numero|digits|party_number|party_msisdn)$"
    r"|^(other_party|a_party|b_party|third_party|msisdn_other|dialled_digits)$"
    # a header that is only the end's word: "Caller", "Callee", "Apelant", "Абонент Б"
    rf"|^(a_|b_)?({CALLER_WORDS}|{CALLEE_WORDS})(_party)?$|^abonent_[ab]$"
)

#: Headers that name only one side of a row, the first the side a call leaves, the second
#: the side it reaches: "From"/"To", "A"/"B", "Origin"/"Destination", "Source"/"Target",
#: German "Von"/"An", Dutch "Van"/"Naar", Portuguese "De"/"Para", Spanish and French
#: "De"/"A" ("À"), Italian "Da"/"A", Polish "Od"/"Do", Romanian "De la"/"Catre", Turkish
#: "Kimden"/"Kime", Russian "От"/"Кому" (folded). A call's ends only over phone numbers
#: beside a call's time or duration (:func:`call_side_columns`): travel and payment
#: tables name their countries and accounts so too.
_SIDE_PAIRS = (
    ("from", "to"), ("a", "b"), ("origin", "destination"), ("orig", "dest"),
    ("originating", "terminating"), ("source", "target"), ("src", "dst"), ("von", "an"),
    ("van", "naar"), ("de", "para"), ("de", "a"), ("da", "a"), ("od", "do"),
    ("de_la", "catre"), ("kimden", "kime"), ("ot", "komu"), ("origen", "destino"),
    ("origem", "destino"),
)  # fmt: skip
#: ... optionally followed by a word for its number ("From No", "A Number", "Von Nr").
_SIDE_NUMBER = ("", "_no", "_nr", "_num", "_number", "_msisdn", "_nummer", "_numero", "_numar",
                "_party", "_party_number", "_tel", "_phone")  # fmt: skip
#: The fields of a table of money: its From/To columns are accounts, never phones.
_MONEY_FIELDS = frozenset({"amount", "debit", "credit", "currency", "account"})


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
        >>> call_number_column("apelat", ["078123456", "22123456"])
        True
        >>> call_number_column("calling_no", ["Somchai", "Niran"])
        False
        >>> call_number_column("duration", ["0812345678"])
        False
    """
    return bool(_CALL_NUMBER.search(key)) and phone_shaped(values)


def phone_shaped(values: list[str]) -> bool:
    """Whether most ``values`` (80 %) are written as phone numbers (7 to 15 digits, a
    leading "+", spaces, dashes, dots or brackets), whatever region would read them.

    Examples:
        >>> phone_shaped(["069123456", "+40 721 234 567"]), phone_shaped(["12", "Ion"])
        (True, False)
    """
    return bool(values) and sum(_digits(v) for v in values) >= 0.8 * len(values)


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


def call_side_columns(info: dict[str, dict[str, Any]]) -> dict[str, str]:
    """The two columns of a call's ends that their headers name only by their side ("From"
    and "To", "A" and "B", "Von" and "An": :data:`_SIDE_PAIRS`), ``{column: "caller" |
    "callee"}``: both read as phones by their values (in the region given, or written with
    their country code), or, in a file with a time or a duration, both written as phone
    numbers (:func:`phone_shaped`, whatever region reads them); never in a file of money
    (amounts, currencies, accounts). Empty otherwise (a travel table's From/To countries,
    a statement's From/To accounts, an edge list of names).

    Examples:
        >>> info = {"From": {"key": "from", "field": None, "values": ["07911 123456"]},
        ...         "To": {"key": "to", "field": None, "values": ["020 7946 0958"]},
        ...         "Duration": {"key": "duration", "field": "duration", "values": ["60"]}}
        >>> call_side_columns(info)
        {'From': 'caller', 'To': 'callee'}
        >>> info["To"]["values"] = ["Moldova"]
        >>> call_side_columns(info)
        {}
        >>> info["To"]["values"] = ["12345678"]
        >>> info["Amount"] = {"key": "amount", "field": "amount", "values": ["10.00"]}
        >>> call_side_columns(info)
        {}
    """
    fields = {i["field"] for i in info.values()}
    if fields & _MONEY_FIELDS:
        return {}
    dated = bool(fields & {"time", "duration"})
    for a, b in side_pairs(info, (None, "id", "phone")):
        if info[a]["field"] == info[b]["field"] == "phone" or (
            dated and phone_shaped(info[a]["values"]) and phone_shaped(info[b]["values"])
        ):
            return {a: "caller", b: "callee"}
    return {}


def side_pairs(
    info: dict[str, dict[str, Any]], fields: tuple[str | None, ...]
) -> list[tuple[str, str]]:
    """The pairs of columns (first side, second side) whose headers name only the sides
    of a row (:data:`_SIDE_PAIRS`: "From" and "To", "Von" and "An"), of those whose field
    is one of ``fields``.

    Examples:
        >>> info = {"Von": {"key": "von", "field": None}, "An": {"key": "an", "field": None}}
        >>> side_pairs(info, (None,))
        [('Von', 'An')]
    """
    by_key = {i["key"]: c for c, i in info.items() if i["field"] in fields}
    pairs = []
    for first, second in _SIDE_PAIRS:
        for number in _SIDE_NUMBER:
            a, b = by_key.get(first + number), by_key.get(second + number)
            if a is not None and b is not None:
                pairs.append((a, b))
    return pairs
