"""What ``mapping suggest`` puts on a money transfer's ``paid`` link: its time from the
send date and the clock beside it (not the payout's), and the row's columns that describe
the transfer itself (its payout agent, status, channel) rather than its sender."""

from __future__ import annotations

import re
from typing import Any

#: A header of the transfer's own facts: "Payout Agent", "Status", "Payout Location",
#: "Channel", "Transaction State".
_TRANSFER_FACT = re.compile(
    r"(^|_)(payout|pay_out|paid_out|status|state|stare|statut|estado|channel|canal)($|_)"
)


def transfer_attrs(info: dict[str, dict[str, Any]], used: set[str]) -> dict[str, str]:
    """The transfer's own columns not ``used`` yet, as link attributes named by their
    headers' words (``payout_agent: Payout Agent``, ``status: Status``): a payout agent
    is where the receiver was paid, not an attribute of the sender.

    Examples:
        >>> info = {"Payout Agent": {"key": "payout_agent", "field": None},
        ...         "Status": {"key": "status", "field": None},
        ...         "Sender Name": {"key": "sender_name", "field": "name"}}
        >>> transfer_attrs(info, set())
        {'payout_agent': 'Payout Agent', 'status': 'Status'}
    """
    return {
        i["key"]: c
        for c, i in info.items()
        if c not in used and i["field"] in (None, "name") and _TRANSFER_FACT.search(i["key"])
    }


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
