"""`mapping suggest` for the parties of a statement of one account: who is each row's
counterparty when the export names the payer and the payee by name (Wise: Payer Name,
Payee Name, Payee Account Number), the payee holding the payee's account and the
statement's owner (the payer of every outgoing row) holding none of them."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any, Protocol


class _DraftLike(Protocol):
    """The part of ``suggest._Draft`` this module uses (it cannot import suggest)."""

    entities: dict[str, dict[str, Any]]
    links: list[dict[str, Any]]
    used: set[str]
    notes: list[str]

    def slot(self, name: str, etype: Any, **extra: Any) -> dict[str, Any]: ...

    def link(self, kind: str, src: str, dst: str, **extra: Any) -> None: ...


#: A payment's party: a person, or an organisation where its name carries a legal form.
_PARTY = ["person", "organisation"]
#: The share of a statement's payer or payee names that must be one name for it to be
#: the statement's owner (the payer of what she paid, the payee of what she received).
_OWNER_SHARE = 0.8


def _owner_name(info: dict[str, dict[str, Any]], columns: list[str]) -> str | None:
    """The name written in (nearly) every payer or payee cell of ``columns``: the owner
    of the statement, the payer of each outgoing row and the payee of each incoming
    one; None when no name is (Wise's export leaves the owner's side empty)."""
    counts = Counter(v.strip().casefold() for c in columns for v in info[c]["values"] if v.strip())
    if not counts:
        return None
    value, n = counts.most_common(1)[0]
    most = max(len(info[c]["values"]) for c in columns)
    if n < 2 or n < _OWNER_SHARE * most:
        return None
    return next(
        v.strip() for c in columns for v in info[c]["values"] if v.strip().casefold() == value
    )


def _name_field(column: str, owner: str | None) -> Any:
    """A name field reading ``column``, the owner's name counting as empty."""
    return column if owner is None else {"columns": [column], "first": True, "except": owner}


def payer_and_payee(
    draft: _DraftLike,
    info: dict[str, dict[str, Any]],
    names: list[str],
    account: str,
    sender: str,
    receiver: str,
) -> bool:
    """Draft the parties of a statement that names each row's payer and payee
    (``sender`` and ``receiver``: the regular expressions of their headers' words) beside
    one account column, the payee's (Wise's Payee Account Number): the payee holds it,
    the payer pays it or is paid by the statement's account in a row without it (an
    incoming transfer names its payer alone), and the owner (the name on every row's
    one side) holds the statement's own account and no counterparty's. False, drafting
    nothing, unless a payer name column and a payee name column are there and the
    account column is not the payer's."""
    payer = next((c for c in names if re.search(sender, info[c]["key"])), None)
    payee = next((c for c in names if c != payer and re.search(receiver, info[c]["key"])), None)
    if payer is None or payee is None or re.search(sender, info[account]["key"]):
        return False
    owner = _owner_name(info, [payer, payee])
    draft.slot("payee", list(_PARTY))["fields"]["name"] = _name_field(payee, owner)
    draft.slot("payer", list(_PARTY))["fields"]["name"] = _name_field(payer, owner)
    draft.link("holds_account", "payee", "counterparty_account")
    if owner is not None and "holder" not in draft.entities:
        draft.slot("holder", list(_PARTY))["fields"]["name"] = {"value": owner}
        draft.link("holds_account", "holder", "account")
    draft.used |= {payer, payee}
    draft.notes += [
        f"# {payee} holds {account} (the payee's account); {payer} pays the statement's",
        "# account in a row without that account (an incoming transfer names its payer",
        "# alone: `otherwise`)."
        + (
            f" {owner}, on one side of nearly every row, is the statement's owner:"
            "\n# the holder of its account, never a counterparty (`except:`)."
            if owner
            else ""
        ),
    ]
    return True


def pay_payer_otherwise(draft: _DraftLike) -> None:
    """The paid link of a statement drafted by :func:`payer_and_payee` links the
    statement's account and the payer in a row without the payee's account."""
    if "payer" not in draft.entities:
        return
    for item in draft.links:
        if item["kind"] == "paid":
            item["otherwise"] = {"src": "account", "dst": "payer"}
