"""SWIFT MT103 customer credit transfers as a statement table: one row per message.

A file of MT103 messages (``{1:...}{2:I103...}{4:`` ... ``-}``, or the text blocks alone,
each beginning at its ``:20:``) is read field by field (``:TAG:`` at the start of a line,
continued by the lines that follow). Each message becomes a row of the ``statement``
preset's columns (:data:`linkgraph.ingest.statement.COLUMNS`): the ordering customer
(``:50A:``/``:50F:``/``:50K:``: its account, BIC, name) is the holder of ``account``, the
beneficiary (``:59:``/``:59A:``/``:59F:``) the counterparty (each with its address lines
and, from ``:50F:``/``:59F:``'s ``3/CC/TOWN``, its country), and the amount of ``:32A:`` is
negative (the holder paid), so that the preset's ``direction: sign`` makes one ``paid`` link
ordering customer -> beneficiary. ``:32A:``'s value date is ``time`` and ``value_date``,
``:20:`` (the sender's reference) ``bank_reference``, ``:70:`` (remittance information)
``reference``, the UETR of block 3 (``{121:...}``) ``end_to_end_id``, ``:52A:`` and
``:57A:`` the two banks' BICs. A row's number is the message's number in the file; a
message without a readable ``:32A:``, or with a field written twice that a message holds
once (two ``:32A:``: which amount was sent cannot be told), is a row-level
``entry_invalid`` reject saying why.

Written here rather than taken from the ``mt103`` package on PyPI, whose last release
(1.1.1) is of 2020: the format is a few tags, and this reads them into the statement table.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from linkgraph.ingest.statement import COLUMNS, _names

#: An application header of message type 103 (input or output): ``{2:I103`` or ``{2:O103``.
_MT103_HEADER = re.compile(r"\{2:[IO]103")
#: The fields an MT103's text block cannot do without, at the start of a line.
_MT103_TAGS = (re.compile(r"^:32A:", re.M), re.compile(r"^:50[AFK]?:", re.M),
               re.compile(r"^:59[AF]?:", re.M))  # fmt: skip
#: A SWIFT message's application header, with its message type: ``{2:I103``, ``{2:O202``.
_MESSAGE_TYPE = re.compile(r"\{2:[IO](\d{3})")
#: The text block of one message (block 4), up to its ``-}``.
_TEXT_BLOCK = re.compile(r"\{4:[ \t]*\r?\n(.*?)\r?\n-\}", re.S)
#: A field's tag at the start of a line: ``:32A:``.
_TAG = re.compile(r"^:(\d{2}[A-Z]?):", re.M)
#: ``:32A:``: value date (YYMMDD), currency, amount with a decimal comma.
_VALUE = re.compile(r"^(\d{2})(\d{2})(\d{2})([A-Z]{3})(\d[\d,]*)$")
#: A BIC (8 or 11 characters).
_BIC = re.compile(r"^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$")
#: The fields an MT103 may repeat (instruction codes, time indications, charges taken).
_REPEATABLE = frozenset({"13C", "23E", "71F"})
#: Fields given in one of several options (``:50K:`` or ``:50F:``), counted as one field.
_OPTION_FIELDS = ("50", "52", "53", "54", "55", "56", "57", "59")
#: The UETR of block 3: ``{121:8a562c67-ca16-48ba-b074-65581be6f001}``.
_UETR = re.compile(r"\{121:([0-9a-fA-F-]{36})\}")


def is_mt103(head: str) -> bool:
    """Whether a text's first lines are SWIFT MT103 messages': an application header of
    type 103 (``{2:I103``), or the fields ``:32A:``, ``:50K:`` and ``:59:``."""
    return bool(_MT103_HEADER.search(head)) or all(tag.search(head) for tag in _MT103_TAGS)


def message_kind(text: str) -> str:
    """What a SWIFT file holds, for an error: "SWIFT MT103 payment messages" (the
    message type of its ``{2:`` header), else "SWIFT messages"."""
    if is_mt103(text[:65_536]):
        return "SWIFT MT103 payment messages"
    found = _MESSAGE_TYPE.search(text)
    return f"SWIFT MT{found.group(1)} messages" if found else "SWIFT messages"


def read_mt103(text: str) -> Iterator[tuple[int, list[str] | None, str]]:
    """``(row, cells or None, problem)`` of each MT103 message of ``text`` (a row is the
    message's number in the file; cells in the order of :data:`COLUMNS`)."""
    for number, (block, header) in enumerate(_messages(text), start=1):
        repeated = _repeated_field(block)
        if repeated:
            yield number, None, repeated
            continue
        fields = _fields(block)
        cells, problem = _cells(fields, header)
        if cells is None:
            yield number, None, problem
        else:
            yield number, [cells.get(c, "") for c in COLUMNS], ""


def _messages(text: str) -> Iterator[tuple[str, str]]:
    """``(text block, headers before it)`` of each message: the ``{4:`` blocks, else the
    text cut at each line that begins ``:20:``."""
    blocks = list(_TEXT_BLOCK.finditer(text))
    if blocks:
        start = 0
        for found in blocks:
            yield found.group(1), text[start : found.start()]
            start = found.end()
        return
    starts = [m.start() for m in re.finditer(r"^:20:", text, re.M)]
    for i, at in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        yield text[at:end].rstrip().removesuffix("-}").rstrip("-").rstrip(), ""


def _repeated_field(block: str) -> str:
    """Why a message cannot be read when it holds twice a field that a message holds once
    (two ``:32A:``, or ``:50K:`` and ``:50F:``), naming both values; else ""."""
    seen: dict[str, tuple[str, str]] = {}
    marks = list(_TAG.finditer(block))
    for i, mark in enumerate(marks):
        tag = mark.group(1)
        if tag in _REPEATABLE:
            continue
        end = marks[i + 1].start() if i + 1 < len(marks) else len(block)
        value = " ".join(block[mark.end() : end].split())
        field = tag[:2] if tag[:2] in _OPTION_FIELDS else tag
        if field not in seen:
            seen[field] = (tag, value)
            continue
        first_tag, first = seen[field]
        return (
            f"MT103 with two :{field}{'a' if field != tag else ''}: fields (:{first_tag}:"
            f"{first[:60]} and :{tag}:{value[:60]}), a field a message holds once: which"
            " one was sent cannot be told; correct the message or ask the bank for it again"
        )
    return ""


def _fields(block: str) -> dict[str, list[str]]:
    """The fields of a text block by tag (the first of a repeated tag), each as its lines."""
    fields: dict[str, list[str]] = {}
    marks = list(_TAG.finditer(block))
    for i, mark in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(block)
        lines = [ln.strip() for ln in block[mark.end() : end].splitlines()]
        fields.setdefault(mark.group(1), [ln for ln in lines if ln])
    return fields


def _cells(fields: dict[str, list[str]], header: str) -> tuple[dict[str, str] | None, str]:
    """The statement cells of one message, or None and why it cannot be read."""
    value = " ".join(fields.get("32A", []))
    found = _VALUE.match(value.replace(" ", ""))
    if found is None:
        said = f"{value!r}" if value else "none"
        return None, f"MT103 without a readable :32A: (value date, currency, amount): {said}"
    yy, mm, dd, currency, amount = found.groups()
    year = 2000 + int(yy) if int(yy) < 80 else 1900 + int(yy)
    date = f"{year}-{mm}-{dd}"
    whole, _, fraction = amount.partition(",")
    payer = _party(fields, "50")
    payee = _party(fields, "59")
    payer_person, payer_organisation = _names(payer["name"], None)
    payee_person, payee_organisation = _names(payee["name"], None)
    uetr = _UETR.search(header)
    return {
        "account": payer["account"],
        "account_bic": _bic(fields.get("52A")) or payer["bic"],
        "holder_person": payer_person,
        "holder_organisation": payer_organisation,
        "counterparty_account": payee["account"],
        "counterparty_bic": _bic(fields.get("57A")) or payee["bic"],
        "counterparty_person": payee_person,
        "counterparty_organisation": payee_organisation,
        "amount": "-" + whole + ("." + fraction if fraction else ""),
        "currency": currency,
        "time": date,
        "value_date": date,
        "reference": " ".join(" ".join(fields.get("70", [])).split()),
        "end_to_end_id": uetr.group(1) if uetr else "",
        "bank_reference": " ".join(fields.get("20", [])),
        "transaction_code": " ".join(["MT103", *fields.get("23B", [])]),
        "holder_address": payer["address"],
        "holder_country": payer["country"],
        "counterparty_address": payee["address"],
        "counterparty_country": payee["country"],
    }, ""


def _party(fields: dict[str, list[str]], tag: str) -> dict[str, str]:
    """The account, BIC, name, address and country of the ordering customer (``tag`` 50)
    or the beneficiary (59), in whichever option the message uses (A: BIC; F: numbered
    lines; K or none: a name line, then up to three address lines)."""
    party = dict.fromkeys(("account", "bic", "name", "address", "country"), "")
    for option in ("K", "", "F", "A"):
        lines = fields.get(tag + option)
        if lines is not None:
            break
    else:
        return party
    if lines and lines[0].startswith("/"):
        party["account"], lines = lines[0].lstrip("/").strip(), lines[1:]
    if option == "A":
        party["bic"] = _bic(lines)
    elif option == "F":
        party.update(_structured_party(lines))
    elif lines:
        party["name"] = " ".join(lines[0].split())
        party["address"] = _joined(lines[1:4])
    return party


#: ``:50F:``/``:59F:`` ``3/`` line: the country (ISO code), then the town: ``3/GB/LONDON``.
_COUNTRY_TOWN = re.compile(r"^([A-Z]{2})(?:/(.*))?$")


def _structured_party(lines: list[str]) -> dict[str, str]:
    """The name, address and country of option F's numbered lines: ``1/`` name, ``2/``
    address, ``3/`` country and town (``3/GB/LONDON``), each continued on lines of the same
    number; other numbers (a date of birth, an id) are left out."""
    parts: dict[str, list[str]] = {"1": [], "2": [], "3": []}
    for line in lines:
        number, slash, rest = line.partition("/")
        if slash and number in parts:
            parts[number].append(rest.strip())
    country, towns = "", []
    for line in parts["3"]:
        found = _COUNTRY_TOWN.match(line)
        if found is not None:
            country = country or found.group(1)
            towns.append(found.group(2) or "")
        else:
            towns.append(line)
    return {
        "name": _joined(parts["1"]),
        "address": _joined([*parts["2"], *towns]),
        "country": country,
    }


def _joined(lines: list[str]) -> str:
    """Lines of a field as one text, ", "-joined, blanks collapsed."""
    return ", ".join(" ".join(line.split()) for line in lines if line.strip())


def _bic(lines: list[str] | None) -> str:
    """The BIC among a field's lines (after its account line), else ""."""
    for line in lines or []:
        if _BIC.match(line.strip()):
            return line.strip()
    return ""
