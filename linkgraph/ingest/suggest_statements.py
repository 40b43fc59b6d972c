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


#: Words of an amount column's header that make it the money out, or the money in, of
#: a statement with two amount columns ("Debit Amount", "Credit Amount").
#: Also in the other languages of ``suggest.DEBIT_HEADER`` and ``CREDIT_HEADER``, beside
#: an amount word: "Borç Tutarı", "Kwota obciążenia", "Сума кредит", "Importe cargo".
_OUT_HEADER = (
    r"debit|withdraw|paid_out|money_out|(^|_)out($|_)|soll|debet|ausgang|retrait"
    r"|(^|_)(borc|obciazeni[ae]|obciazen|cargos?|addebit[oi]|dare|uscite|khreos(e|eis)"
    r"|terheles|duguje|isplat[ae]|wydatki|raskhod|vidatok|spisani[ea]|vydaje?|plati"
    r"|iesiri|ghi_no)($|_)"
)
_IN_HEADER = (
    r"credit|deposit|paid_in|money_in|(^|_)in($|_)|haben|eingang|versement"
    r"|(^|_)(kredit|kredyt|alacak|uznani[ae]|abonos?|accredit[oi]|avere|entrate"
    r"|pistos(e|eis)|jovairas|potrazuje|uplat[ae]|wplywy|prikhod|nadkhodzhennia"
    r"|zachislenie|prijem|incasari|intrari|ghi_co)($|_)"
)
#: An amount written with its side ("5,000.00 DR", "12,500.00 CR"): signed all the same.
_SIDE_MARK = re.compile(r"(?i)\d\s*(dr|cr|db|d|c)\.?\s*$")
#: A currency written in a header ("Amount (EUR)", "Débit euros", "Betrag in RON").
_HEADER_CURRENCY = re.compile(r"(?<![A-Za-z])([A-Z]{3})(?![A-Za-z])")
_HEADER_CURRENCY_WORDS = {"euro": "EUR", "euros": "EUR", "eur": "EUR"}
#: The share of the amounts' rows a currency column must fill to be their currency.
_CURRENCY_SHARE = 0.5
#: A preamble key naming the statement's currency besides the currency words
#: (Romanian and Bulgarian "Valuta", Spanish "Moneda").
_CURRENCY_KEY = r"(^|_)(valuta|moneda|divisa|valiuta|waluta|doviz)($|_)"


def currency_field(
    info: dict[str, dict[str, Any]], facts: dict[str, str], amounts: list[str | None]
) -> Any:
    """The currency of a statement's amounts: a currency column filled on at least half
    of the amounts' rows, else the preamble's currency (``{fact: Valuta}``), else the
    code its amount header names (``Amount (EUR)``: ``{value: EUR}``), else a currency
    column however empty; None when there is none. A column filled on a few rows only
    (N26's "Type Foreign Currency") is the currency of those rows' foreign amount."""
    from linkgraph.ingest import suggest as s

    columns = [c for c, i in info.items() if i["field"] == "currency"]
    most = max((len(info[a]["values"]) for a in amounts if a), default=0)
    for c in columns:
        if len(info[c]["values"]) >= _CURRENCY_SHARE * most:
            return c
    key = s._currency_fact(facts) or next(
        (k for k, v in facts.items() if re.search(_CURRENCY_KEY, s._words(k))
         and s._currency_code(v.strip())),
        None,
    )  # fmt: skip
    if key is not None:
        return {"fact": key}
    for a in amounts:
        if a is None:
            continue
        for word in re.findall(r"\w+", a):
            code = _HEADER_CURRENCY_WORDS.get(word.lower()) or (
                s._currency_code(word) if _HEADER_CURRENCY.fullmatch(word) else None
            )
            if code:
                return {"value": code}
    return columns[0] if columns else None


def _constant_account(info: dict[str, dict[str, Any]], accounts: list[str]) -> str | None:
    """The one account column that holds one account on every row (at least two): the
    statement's own account (Barclays' Account, Lloyds' Account Number), never each
    row's counterparty."""
    if len(accounts) != 1:
        return None
    values = {v.strip().upper() for v in info[accounts[0]]["values"] if v.strip()}
    return accounts[0] if len(values) == 1 and len(info[accounts[0]]["values"]) >= 2 else None


def own_account_column(info: dict[str, dict[str, Any]]) -> str | None:
    """The statement's own account column of a file whose only account column repeats
    one account (see :func:`_constant_account`): :func:`one_account_statement` drafts
    it, not as a counterparty."""
    from linkgraph.ingest import suggest as s

    if any(i["field"] == "name" and i["values"] for i in info.values()):
        return None  # a named counterparty's account, however often the same (N26, Wise)
    accounts = [
        c
        for c, i in info.items()
        if i["field"] == "account"
        and not re.search(f"{s._PAYER_SIDE}|{s._PAYEE_SIDE_WORDS}", s._camel_key(c))
    ]
    return _constant_account(info, accounts)


def _sort_code(info: dict[str, dict[str, Any]], account: str) -> str | None:
    """A UK sort code column ("Sort Code": 30-94-57) beside the account number: an
    account number is unique only with it."""
    return next(
        (c for c, i in info.items() if c != account and re.search(r"sort_?code", i["key"])),
        None,
    )


def _money_columns(info: dict[str, dict[str, Any]]) -> dict[str, str] | None:
    """How a statement writes its money: ``{"debit": D, "amount": C}`` for a debit and a
    credit column (also two amount columns whose headers say out and in, "Debit Amount",
    "Credit Amount"), ``{"amount": A}`` for one signed column (both signs, or DR/CR
    marks); None otherwise."""
    from linkgraph.ingest import suggest as s

    debit = next((c for c, i in info.items() if i["field"] == "debit"), None)
    credit = next((c for c, i in info.items() if i["field"] == "credit"), None)
    amounts = [c for c, i in info.items() if i["field"] == "amount"]
    if debit is None and len(amounts) == 2:
        out = [c for c in amounts if re.search(_OUT_HEADER, info[c]["key"])]
        into = [c for c in amounts if re.search(_IN_HEADER, info[c]["key"])]
        if len(out) == 1 and len(into) == 1 and out != into:
            debit, credit = out[0], into[0]
    if debit is not None:
        return {"debit": debit, **({"amount": credit} if credit else {})}
    if len(amounts) != 1:
        return None
    values = info[amounts[0]]["values"]
    marked = sum(bool(_SIDE_MARK.search(v)) for v in values)
    if s._both_signs(values) or (values and marked >= 0.8 * len(values)):
        return {"amount": amounts[0]}
    return None


def _description(info: dict[str, dict[str, Any]], used: set[str]) -> str | None:
    """The column of each row's booking text: of the text columns (no field, or a
    reference), the one with the longest values on average."""
    from linkgraph.ingest import suggest as s

    texts = [
        c
        for c, i in info.items()
        if c not in used
        and i["field"] in (None, "reference")
        and i["values"]
        and not re.search(s._BALANCE, i["key"])
    ]
    return max(
        texts,
        key=lambda c: sum(map(len, info[c]["values"])) / len(info[c]["values"]),
        default=None,
    )


def one_account_statement(
    draft: _DraftLike, info: dict[str, dict[str, Any]], facts: dict[str, str]
) -> bool:
    """A statement of one account that names no counterparty in a column of its own
    (Barclays, Lloyds, Revolut, HSBC Hong Kong, Crédit Agricole): the own account is the
    preamble's (``{fact: Account Number}``), else the account column that repeats one
    account on every row (with its sort code), else a constant for the file; the
    amounts a signed column (also ``5,000.00 DR``) or Debit and Credit columns; each row
    a ``paid`` link between the own account and the counterparty its description names
    plainly (an IBAN and the name beside it, or a name after an opening "To", "Payment
    from", "Virement de": ``split: find``). A row naming none is a ``no_counterparty``
    reject with its amount. False for a file with a counterparty column."""
    from linkgraph.ingest import suggest as s

    if any(i["field"] in ("name", "email", "phone") and i["values"] for i in info.values()):
        return False
    accounts = [c for c, i in info.items() if i["field"] == "account"]
    own_column = _constant_account(info, accounts)
    if accounts and own_column is None:
        return False
    money = _money_columns(info)
    times = [c for c, i in info.items() if i["field"] == "time"]
    if money is None or not times:
        return False
    own_key, holder_key = s._own_account_facts(facts)
    used = set(money.values()) | set(times) | ({own_column} if own_column else set())
    text = _description(info, used)
    values = info[text]["values"] if text else []
    with_iban = any(s.normalize.found_in_text(v, "account") for v in values)
    named = any(s.normalize.found_in_text(v, "name") for v in values)
    if own_key is None and own_column is None and not (with_iban or named):
        return False
    if own_key is not None:
        own: Any = {"fact": own_key}
    elif own_column is not None:
        code = _sort_code(info, own_column)
        own = {"columns": [code, own_column], "join": " "} if code else own_column
        used |= {code} if code else set()
    else:
        own = {"value": s._own_account(draft, "debit" in money)}
    draft.slot("account", "account")["fields"]["account"] = own
    if holder_key is not None:
        draft.slot("holder", list(_PARTY))["fields"]["name"] = {"fact": holder_key}
        draft.link("holds_account", "holder", "account")
    if text is not None:
        draft.slot("counterparty", list(_PARTY), split="find")["fields"]["name"] = text
        used.add(text)
    if with_iban:
        draft.slot("counterparty_account", "account", split="find")["fields"]["account"] = text
        draft.link("holds_account", "counterparty", "counterparty_account")
    link: dict[str, Any] = (
        {"direction": "debit", **money} if "debit" in money else {"direction": "sign", **money}
    )
    if (currency := currency_field(info, facts, list(money.values()))) is not None:
        link["currency"] = currency
        used |= {currency} if isinstance(currency, str) else set()
    link["time"] = s._time_columns(info, times)
    attrs = {"description": text} if text else {}
    attrs |= {
        i["key"]: c
        for c, i in info.items()
        if i["field"] in (None, "id", "reference") and c not in used and i["values"]
        and not re.search(s._BALANCE, i["key"])
    }  # fmt: skip
    if attrs:
        link["attrs"] = attrs
    if with_iban:
        draft.link("paid", "account", "counterparty_account", **link)
        pay = draft.links[-1]
        pay["otherwise"] = {"src": "account", "dst": "counterparty"}
    else:
        draft.link("paid", "account", "counterparty", **link)
    draft.used |= used | set(attrs.values())
    side = "Debit: money out" if "debit" in money else "a negative amount (or DR): money out"
    draft.notes += [
        f"# A statement of one account ({_said(own)}): each row pays, or is paid by, the",
        f"# counterparty its {text} names plainly (split: find: an IBAN and the name beside"
        if text
        else "# counterparty (the file names none)",
        "# it, or a name after an opening 'To', 'Payment from', 'Virement de'); " + side + ".",
        "# A row whose text names none (a card payment, cash, a name at the start of a memo",
        "# such as 'J KOWALSKI RENT MARCH': the mapping language cannot take a name out of",
        "# such a text) is a no_counterparty reject with its amount: map it by hand.",
    ]
    return True


def _said(own: Any) -> str:
    """An own-account field as a draft's comment says it."""
    if isinstance(own, dict):
        return ", ".join(f"{k}: {v}" for k, v in own.items())
    return str(own)
