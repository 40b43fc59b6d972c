"""`mapping suggest` for the account tables of a bank's (or an AML simulator's) export
beside its transactions: a register of accounts (AMLSim's accounts.csv, a node list
with labels), cash deposits and withdrawals at a branch (cash_tx.csv), and alerts on
an account and its customer (alerts.csv). Each drafts the account by the same id the
transaction table uses, so the files of one export resolve to the same accounts."""

from __future__ import annotations

import re
from typing import Any

from linkgraph.ingest import normalize
from linkgraph.ingest.suggest import (
    _all_other_columns,
    _camel_key,
    _Draft,
    _id_like,
    _is_row_number,
    _share,
    _time_columns,
)

#: An account's (or a graph node's) id column, by its header's words.
_ACCOUNT_ID = r"(^|_)(acc|acct|account|accounts|node|nodeid|iban|konto|cuenta|compte|conto)($|_)"
#: A customer's (the account holder's) id column.
_CUSTOMER_ID = r"(^|_)(customer|cust|client|holder|owner|kunde|cliente)($|_)"
#: A bank branch, ATM or agent where cash is paid in or out.
_BRANCH = r"(^|_)(branch|atm|agent|teller|outlet|filiale|sucursal|agencia|agence)($|_)"
#: An alert's (a suspicious-activity flag's) id column.
_ALERT_ID = r"(^|_)(alert|alerts|sar)($|_)"
#: A column saying whether a customer is a person or a business.
_PARTY_TYPE = (
    r"(^|_)(business|organi[sz]ation_type|org_type|customer_type|client_type|party_type"
    r"|entity_type|customer_kind|legal_type)($|_)"
)
#: A party type's values that say a person, and those that say a business.
_INDIVIDUAL = {"i", "ind", "individual", "person", "private", "natural", "retail", "personal"}
_BUSINESS = {
    "b", "bus", "business", "corporate", "corporation", "company", "organisation",
    "organization", "org", "entity", "legal", "commercial", "firm",
}  # fmt: skip
#: Fields of a person list: a table with them is a list of people, no register of accounts.
_PEOPLE_FIELDS = ("name", "given_name", "family_name", "phone", "email", "address", "dob")


def account_tables(draft: _Draft, info: dict[str, dict[str, Any]]) -> bool:
    """Draft an alerts table, a cash table or a register of accounts (in that order of
    trial); False when the file is none of them."""
    return _alerts(draft, info) or _cash(draft, info) or _register(draft, info)


def _column(
    info: dict[str, dict[str, Any]], words: str, skip: set[str] | None = None
) -> str | None:
    """The first column whose header has ``words`` and whose values are ids (a digit in
    them, or a running number)."""
    for col, i in info.items():
        if col in (skip or set()) or not i["values"] or i.get("step"):
            continue
        if re.search(words, _camel_key(col)) and (
            _id_like(i["values"]) or _is_row_number(i["values"])
        ):
            return col
    return None


def _account_column(info: dict[str, dict[str, Any]]) -> str | None:
    accounts = [c for c, i in info.items() if i["field"] == "account"]
    if len(accounts) > 1:
        return None  # two accounts a row: a transaction, not one account's row
    return accounts[0] if accounts else _column(info, _ACCOUNT_ID)


def _party_type(info: dict[str, dict[str, Any]]) -> tuple[str | None, str]:
    """The column saying whether each customer is a person or a business, and the entity
    type most of its values say ("person" when there is no such column)."""
    for col, i in info.items():
        if not re.search(_PARTY_TYPE, _camel_key(col)) or not i["values"]:
            continue
        words = [v.strip().lower() for v in i["values"]]
        people = sum(w in _INDIVIDUAL for w in words)
        firms = sum(w in _BUSINESS for w in words)
        if people + firms >= 0.8 * len(words):
            return col, "organisation" if firms > people else "person"
    return None, "person"


def _customer(draft: _Draft, info: dict[str, dict[str, Any]], account: str | None) -> str | None:
    """The customer slot (a person, or an organisation where the file's party type says
    business) labelled by its id, holding ``account``; None when no customer column."""
    column = _column(info, _CUSTOMER_ID, {account} if account else set())
    if column is None:
        return None
    kind_column, kind = _party_type(info)
    fields = draft.slot("customer", kind)["fields"]
    # a person known by the bank's id only: labelled with it, never anyone's namesake;
    # an organisation is named by it
    fields["label" if kind == "person" else "name"] = column
    fields["customer_id"] = column
    draft.used.add(column)
    if kind_column is not None:
        fields["customer_type"] = kind_column
        draft.used.add(kind_column)
        draft.notes += [
            f"# customer: a {kind}, as most values of {kind_column} say (a file of both:",
            "# split it, or give each its slot).",
        ]
    if account is not None:
        draft.link("holds_account", "customer", "account")
    return column


def _account(draft: _Draft, info: dict[str, dict[str, Any]], column: str) -> dict[str, Any]:
    fields = draft.slot("account", "account")["fields"]
    fields["account"] = column
    draft.used.add(column)
    return fields


def _register(draft: _Draft, info: dict[str, dict[str, Any]]) -> bool:
    """A register of accounts, one a row (AMLSim's accounts.csv; a node list, nodeid with
    its labels): the account, its country, its customer holding it, and every other
    column (balances, labels such as isFraud) as the account's attributes."""
    if any(i["field"] in ("amount", "debit", "credit", *_PEOPLE_FIELDS) for i in info.values()):
        return False
    column = _account_column(info)
    if column is None:
        return False
    values = info[column]["values"]
    if len(set(values)) < len(values):
        return False  # an id on several rows: no register of one account a row
    fields = _account(draft, info, column)
    country = next((c for c, i in info.items() if i["field"] == "country"), None)
    if country is not None:
        fields["country"] = country
        draft.used.add(country)
    _customer(draft, info, column)
    attrs = _all_other_columns(info, draft.used)
    fields.update(attrs)
    draft.used |= set(attrs.values())
    draft.notes += [
        f"# A register of accounts ({column}, one a row): each account with its other",
        "# columns (labels, balances) as attributes; ingest it beside the transactions",
        "# that name the same ids, and resolve joins them.",
    ]
    return True


def _cash(draft: _Draft, info: dict[str, dict[str, Any]]) -> bool:
    """Cash paid in or out of an account at a branch (AMLSim's cash_tx.csv): a ``paid``
    link between the account and the branch, in the direction its type column says."""
    amounts = [c for c, i in info.items() if i["field"] == "amount"]
    account = _account_column(info)
    branch = _column(info, _BRANCH, {account} if account else set())
    if not amounts or account is None or branch is None:
        return False
    direction = next(
        (
            c
            for c, i in info.items()
            if c not in (account, branch, amounts[0])
            and i["values"]
            and _share(i["values"], normalize.money_direction) >= 0.8
        ),
        None,
    )
    if direction is None:
        return False
    _account(draft, info, account)
    draft.slot("branch", "organisation")["fields"]["name"] = branch
    link: dict[str, Any] = {"amount": amounts[0], "direction": "incoming", "incoming": direction}
    draft.used |= {branch, amounts[0], direction}
    times = [c for c, i in info.items() if i["field"] == "time"]
    if times:
        when = _time_columns(info, times)
        link["time"] = when
        draft.used |= set(when["columns"] if isinstance(when, dict) else [when])
    attrs = _all_other_columns(info, draft.used)
    if attrs:
        link["attrs"] = attrs
    draft.used |= set(attrs.values())
    draft.link("paid", "account", "branch", **link)
    draft.notes += [
        f"# Cash at a branch: each row's {account} account pays its {branch} branch (a",
        f"# withdrawal), or is paid by it where {direction} says cash came in (a deposit).",
        "# The branch is an organisation, so the accounts that take cash out at one",
        "# branch meet there, and where money left the traceable system stays on the map.",
    ]
    return True


def _alerts(draft: _Draft, info: dict[str, dict[str, Any]]) -> bool:
    """Alerts raised on an account and its customer (AMLSim's alerts.csv): the alert an
    event (its id, date, and the check, text and escalation as attributes) the account
    and the customer are involved in, the customer holding the account."""
    alert = _column(info, _ALERT_ID)
    account = _account_column(info) if alert else None
    if alert is None or account is None or account == alert:
        return False
    _account(draft, info, account)
    customer = _customer(draft, info, account)
    event = draft.slot("alert", "event")["fields"]
    # a running number (0, 1, 2) is an id within this file only
    row_number = info[alert]["field"] == "row_number"
    event["identifier"] = {"column": alert, "scope": "source"} if row_number else alert
    draft.used.add(alert)
    times = [c for c, i in info.items() if i["field"] == "time"]
    if times:
        when = _time_columns(info, times)
        event["time"] = when
        draft.used |= set(when["columns"] if isinstance(when, dict) else [when])
    attrs = _all_other_columns(info, draft.used)
    event.update(attrs)
    draft.used |= set(attrs.values())
    draft.link("involved_in", "account", "alert")
    if customer is not None:
        draft.link("involved_in", "customer", "alert")
    draft.notes += [
        f"# Alerts: each row's {alert} an event its {account} account"
        + (f" and {customer} customer are" if customer else " is")
        + " involved in;",
        "# the check and the other columns are its attributes.",
    ]
    return True
