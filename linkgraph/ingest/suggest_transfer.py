"""What ``mapping suggest`` keeps on a money transfer's ``paid`` link rather than on its
sender: the row's columns that describe the transfer itself (its payout agent, status,
channel), by their headers."""

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
