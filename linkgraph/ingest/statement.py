"""Bank statements in the formats banks send, as a table: one row per booked transaction.

- ISO 20022 camt.053 (statement), camt.052 (account report) and camt.054 (debit/credit
  notification), any version (``camt.053.001.02`` to ``.13``): XML read with the standard
  library whatever its namespace; a DOCTYPE (XML entities) is refused, as no bank writes
  one. A row's number is the transaction's number in the file (an entry that books a
  batch gives a row per transaction; ``entry`` says which entry it was).
- SWIFT MT940 (``.sta``, ``.mt940``, ``.txt``): parsed with the ``mt-940`` package; the
  ``:86:`` details give the counterparty in the German structured form (``?20`` purpose,
  ``?30`` BIC, ``?31`` account, ``?32``/``?33`` name) and the SWIFT slash-tag form
  (``/CNTP/account/BIC/name/``, ``/IBAN/``, ``/BIC/``, ``/NAME/``, ``/REMI/``, ``/EREF/``);
  other details are the reference, and an IBAN written in them (its check digits right) is
  the counterparty's account, the two to four words before it his name. A row's number is
  the line of its ``:61:``. A statement whose opening balance and lines do not add up to
  its closing balance is read with a warning naming it (lines may be missing).

Each row has the columns the ``statement`` preset reads (:data:`COLUMNS`): the statement's
own ``account`` (IBAN or number), its bank's ``account_bic`` and holder (``holder_person`` or
``holder_organisation``), the ``counterparty_*`` of the transaction (the debtor of a
credit, the creditor of a debit), ``amount`` with its sign (negative: the holder paid),
``currency``, ``time`` (booking date, else value date), ``value_date``, ``reference``
(remittance information), ``end_to_end_id``, ``bank_reference``, ``transaction_code``,
``status``, ``statement`` and ``entry``. A name is an organisation's when the statement
says so (camt's ``OrgId``) or it carries a legal form (``SRL``, ``GmbH``, ``Ltd``, ...).
"""

from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

from linkgraph.errors import InputError, MappingError
from linkgraph.ingest._booking_words import BOOKING_WORDS
from linkgraph.ingest.normalize import account as normal_account
from linkgraph.ingest.normalize import is_organisation
from linkgraph.text import fold

if TYPE_CHECKING:
    from linkgraph.ingest.mapping import FieldSpec, Mapping

#: The columns of a statement, in order.
COLUMNS = ("account", "account_bic", "holder_person", "holder_organisation",
           "counterparty_account", "counterparty_bic", "counterparty_person",
           "counterparty_organisation", "amount", "currency", "time", "value_date",
           "reference", "end_to_end_id", "bank_reference", "transaction_code", "status",
           "statement", "entry", "holder_address", "holder_country", "counterparty_address",
           "counterparty_country")  # fmt: skip

#: The link keys whose values are read from columns (besides ``attrs``).
_LINK_FIELDS = ("time", "amount", "currency", "weight", "debit", "incoming", "record_type")

#: camt messages this reads: ISO 20022 "bank to customer" statements, reports, notifications.
_CAMT_NAMESPACE = re.compile(rb"urn:iso:std:iso:20022:tech:xsd:camt\.05[234]\.")
#: MT940's statement tags at the start of a line: reference, account, opening balance.
_MT940_TAGS = (re.compile(r"^:20:", re.M), re.compile(r"^:25[P]?:", re.M),
               re.compile(r"^:60[FM]:", re.M))  # fmt: skip
_HINT_CAMT = "export the statement again from the bank (camt.053 XML)"
_HINT_MT940 = "export the statement again from the bank (MT940)"


def is_camt(head: bytes) -> bool:
    """Whether a file's first bytes are an ISO 20022 camt.052/053/054 message's."""
    return _CAMT_NAMESPACE.search(head.replace(b"\x00", b"")) is not None


def is_mt940(head: str) -> bool:
    """Whether a text's first lines are a SWIFT MT940 statement's (:20:, :25:, :60F:)."""
    return all(tag.search(head) for tag in _MT940_TAGS)


def _names(name: str, organisation: bool | None) -> tuple[str, str]:
    """``(person, organisation)``: the name in the column of its kind."""
    if not name:
        return "", ""
    if organisation is None:
        organisation = is_organisation(name)
    return ("", name) if organisation else (name, "")


def _amount_text(value: Decimal) -> str:
    return format(value, "f")


# -- camt -----------------------------------------------------------------------------------


def _path(path: str) -> str:
    """``Acct/Id/IBAN`` as an ElementTree path that matches any namespace."""
    return "/".join(f"{{*}}{part}" for part in path.split("/"))


def _text(el: ET.Element | None, *paths: str) -> str:
    """The text of the first of ``paths`` under ``el`` that has one, stripped."""
    if el is None:
        return ""
    for path in paths:
        found = el.find(_path(path))
        if found is not None and (found.text or "").strip():
            return " ".join((found.text or "").split())
    return ""


def _party(tx: ET.Element, role: str) -> tuple[str, bool | None, str, str]:
    """``(name, organisation?, account, bic)`` of the debtor (``Dbtr``) or creditor
    (``Cdtr``) of a transaction, in the layouts of every camt version."""
    parties = tx.find(_path("RltdPties"))
    name = org = None
    if parties is not None:
        party = parties.find(_path(f"{role}/Pty"))  # version 08 and later
        if party is None:
            party = parties.find(_path(role))
        if party is not None:
            name = _text(party, "Nm")
            if party.find(_path("Id/OrgId")) is not None:
                org = True
            elif party.find(_path("Id/PrvtId")) is not None:
                org = False
    account = _text(parties, f"{role}Acct/Id/IBAN", f"{role}Acct/Id/Othr/Id")
    bic = _text(tx.find(_path("RltdAgts")), f"{role}Agt/FinInstnId/BICFI",
                f"{role}Agt/FinInstnId/BIC")  # fmt: skip
    return name or "", org, account, bic


def _camt_statements(root: ET.Element) -> list[ET.Element]:
    """The statements (053), reports (052) or notifications (054) of a camt document."""
    out: list[ET.Element] = []
    for message in root:
        for child in message:
            if child.tag.rsplit("}", 1)[-1] in ("Stmt", "Rpt", "Ntfctn"):
                out.append(child)
    return out


def _camt_root(path: Path, data: bytes) -> ET.Element:
    if b"<!DOCTYPE" in data[:65_536] or b"<!ENTITY" in data[:65_536]:
        raise InputError(
            "the XML declares entities (a DOCTYPE), which no camt statement does",
            source=path.name,
            hint=_HINT_CAMT,
        )
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        line, column = exc.position
        raise InputError(
            f"not well-formed XML at line {line}, column {column + 1}",
            source=path.name,
            hint=_HINT_CAMT,
        ) from None


def read_camt(path: Path, data: bytes) -> Iterator[tuple[int, list[str] | None, str]]:
    """``(row, cells or None, problem)`` of each transaction of a camt.052/053/054 file;
    a transaction that cannot be read has no cells and says why."""
    root = _camt_root(path, data)
    statements = _camt_statements(root)
    if not statements:
        raise InputError(
            "no statement (Stmt, Rpt or Ntfctn) in the camt document",
            source=path.name,
            hint=_HINT_CAMT,
        )
    row = entry_no = 0
    for stmt in statements:
        account = _text(stmt, "Acct/Id/IBAN", "Acct/Id/Othr/Id")
        bank = _text(stmt, "Acct/Svcr/FinInstnId/BICFI", "Acct/Svcr/FinInstnId/BIC")
        owner = stmt.find(_path("Acct/Ownr"))
        owner_name = _text(owner, "Nm", "Pty/Nm")
        owner_org = None
        if owner is not None and owner.find(_path("Id/OrgId")) is not None:
            owner_org = True
        elif owner is not None and owner.find(_path("Id/PrvtId")) is not None:
            owner_org = False
        holder_person, holder_org = _names(owner_name, owner_org)
        statement_id = _text(stmt, "Id")
        for entry in stmt.findall(_path("Ntry")):
            entry_no += 1
            txs = entry.findall(_path("NtryDtls/TxDtls"))
            for k, tx in enumerate(txs or [None], start=1):
                row += 1
                label = f"{entry_no}" if len(txs) <= 1 else f"{entry_no}/{k}"
                cells, problem = _camt_row(entry, tx, len(txs) > 1)
                if cells is None:
                    yield row, None, f"entry {label}: {problem}"
                    continue
                cells.update(account=account, account_bic=bank, holder_person=holder_person,
                             holder_organisation=holder_org, statement=statement_id,
                             entry=label)  # fmt: skip
                yield row, [cells.get(c, "") for c in COLUMNS], ""


def _camt_row(
    entry: ET.Element, tx: ET.Element | None, batch: bool
) -> tuple[dict[str, str] | None, str]:
    """One transaction's cells (without the statement's own), or None and why not."""
    amount_el = entry.find(_path("Amt"))
    mark = _text(entry, "CdtDbtInd")
    if batch and tx is not None:
        amount_el = next(
            (a for p in ("Amt", "AmtDtls/TxAmt/Amt", "AmtDtls/InstdAmt/Amt")
             if (a := tx.find(_path(p))) is not None),
            None,
        )  # fmt: skip
        mark = _text(tx, "CdtDbtInd") or mark
    if amount_el is None or not (amount_el.text or "").strip():
        return None, "no amount (Amt)"
    try:
        amount = abs(Decimal((amount_el.text or "").strip()))
    except InvalidOperation:
        return None, f"amount {amount_el.text!r} is not a number"
    if mark not in ("CRDT", "DBIT"):
        return None, f"CdtDbtInd {mark!r} is neither CRDT nor DBIT"
    reversal = _text(entry, "RvslInd").lower() in ("true", "1")
    # A credit's counterparty is its debtor; a reversed credit (booked as a debit) is
    # still the original debtor's money going back.
    credit = mark == "CRDT"
    role = "Dbtr" if credit != reversal else "Cdtr"
    name = org = account = bic = ""
    e2e = reference = ""
    if tx is not None:
        name, org, account, bic = _party(tx, role)
        e2e = _text(tx, "Refs/EndToEndId")
        e2e = "" if e2e.upper() == "NOTPROVIDED" else e2e
        lines = [" ".join((u.text or "").split()) for u in tx.findall(_path("RmtInf/Ustrd"))]
        reference = " ".join(x for x in lines if x) or _text(
            tx, "RmtInf/Strd/CdtrRefInf/Ref", "AddtlTxInf"
        )
    person, organisation = _names(name, org)
    code = "-".join(
        x for x in (_text(entry, "BkTxCd/Domn/Cd"), _text(entry, "BkTxCd/Domn/Fmly/Cd"),
                    _text(entry, "BkTxCd/Domn/Fmly/SubFmlyCd")) if x
    ) or _text(entry, "BkTxCd/Prtry/Cd")  # fmt: skip
    return {
        "counterparty_account": account,
        "counterparty_bic": bic,
        "counterparty_person": person,
        "counterparty_organisation": organisation,
        "amount": _amount_text(amount if credit else -amount),
        "currency": amount_el.get("Ccy", ""),
        "time": _text(entry, "BookgDt/DtTm", "BookgDt/Dt", "ValDt/DtTm", "ValDt/Dt"),
        "value_date": _text(entry, "ValDt/Dt", "ValDt/DtTm"),
        "reference": reference or _text(entry, "AddtlNtryInf"),
        "end_to_end_id": e2e,
        "bank_reference": _text(entry, "AcctSvcrRef", "NtryRef"),
        "transaction_code": code,
        "status": _text(entry, "Sts/Cd", "Sts"),
    }, ""


# -- MT940 ----------------------------------------------------------------------------------

#: SWIFT slash tags of an :86: (``/NAME/Ion Popescu/IBAN/RO49.../REMI/rent``).
_SLASH_TAG = re.compile(r"/(CNTP|IBAN|BIC|NAME|REMI|EREF|BENM|ORDP|ACCW|TRTP|MARF|CSID|PURP)/")


def _slash_details(details: str) -> dict[str, str]:
    """Counterparty and reference from an :86: in the SWIFT slash-tag form."""
    text = details.replace("\n", "").replace("\r", "")
    parts = _SLASH_TAG.split(text)
    out: dict[str, str] = {}
    if len(parts) < 3:
        return out
    for tag, value in zip(parts[1::2], parts[2::2], strict=False):
        fields = [f.strip() for f in value.split("/")]
        if tag == "CNTP":  # /CNTP/account/BIC/name/city/
            fields += ["", "", ""]
            out.setdefault("account", fields[0])
            out.setdefault("bic", fields[1])
            out.setdefault("name", fields[2])
        elif tag in ("BENM", "ORDP"):  # /BENM//NAME/Ion Popescu/ or /BENM/Ion Popescu/
            named = [f for f in fields if f and f != "NAME"]
            out.setdefault("name", named[0] if named else "")
        elif tag in ("IBAN", "ACCW"):
            out.setdefault("account", fields[0])
        elif tag == "BIC":
            out.setdefault("bic", fields[0])
        elif tag == "NAME":
            out.setdefault("name", fields[0])
        elif tag == "REMI":  # /REMI/USTD//text/ or /REMI/text/
            words = [f for f in fields if f and f not in ("USTD", "STRD", "ISO", "CUR")]
            out.setdefault("reference", " ".join(words))
        elif tag == "EREF":
            out.setdefault("e2e", "" if fields[0].upper() == "NOTPROVIDED" else fields[0])
    return {k: " ".join(v.split()) for k, v in out.items() if v}


#: An IBAN written in free text: compact (``RO09BCYP0000001234567890``) or in groups of
#: four (``RO09 BCYP 0000 0012 3456 7890``).
_IBAN_IN_TEXT = re.compile(
    r"(?<![A-Z0-9])[A-Z]{2}\d{2}(?:[A-Z0-9]{11,30}|(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,4})?)"
    r"(?![A-Z0-9])"
)
#: A German :86: subfield: ``?31RO66...`` (account), ``?32``/``?33`` (name).
_SUBFIELD = re.compile(r"\?(\d{2})([^?]*)")
#: A name written before an IBAN in free text: two to four words of letters (after a
#: label such as ``IBAN:`` is taken off).
_NAME_BEFORE = re.compile(r"([^\W\d_][\w.'-]*(?:\s+[^\W\d_][\w.'-]*){1,3})\s*[:,/-]?\s*$")
_ACCOUNT_LABEL = re.compile(r"\b(?:IBAN|ACCOUNT|ACCT|ACC|KTO|KONTO|CONT|CTA|NR|NO)\W*$", re.I)
#: Words of payment texts, not of names: text before an IBAN holding one is no name.
_NOT_NAME_WORDS = frozenset({
    "TO", "FROM", "FOR", "PAYMENT", "PAY", "PAID", "TRANSFER", "TRF", "SEPA", "CREDIT",
    "DEBIT", "INVOICE", "RENT", "FEE", "REF", "UEBERWEISUNG", "GUTSCHRIFT", "LASTSCHRIFT",
    "ZAHLUNG", "TRANSFERENCIA", "PAGO", "PLATA", "CATRE", "VIREMENT", "BONIFICO", "PRZELEW",
})  # fmt: skip


def _free_text_party(details: str) -> dict[str, str]:
    """The counterparty's account and name in :86: text of no known structure: the first
    IBAN whose check digits are right, and the two to four words of letters just before it
    (``MIHAELA RUSU RO09BCYP0000001234567890 RENT``); German subfields ``?31``/``?32``
    where they were written outside an :86: line."""
    text = " ".join(details.replace("\r", "").split("\n"))
    if re.match(r"\s*\?\d{2}", text):
        fields = {k: " ".join(v.split()) for k, v in _SUBFIELD.findall(text)}
        name = " ".join(x for x in (fields.get("32", ""), fields.get("33", "")) if x)
        account = _checked_iban(fields.get("31", "")) or fields.get("31", "")
        if account:
            return {"account": account, "name": name}
    upper = "".join(c.upper() if len(c.upper()) == 1 else c for c in text)  # same length
    for found in _IBAN_IN_TEXT.finditer(upper):
        account = _checked_iban(found.group(0))
        if not account:
            continue
        name = _name_before(text[: found.start()])
        words = _NAME_BEFORE.search(_ACCOUNT_LABEL.sub("", text[: found.start()].rstrip()))
        said = (
            words.group(1)
            if words is not None and not name and booked(words.group(1).split())
            else ""
        )
        return {"account": account, "name": name, "booking": said}
    return {"account": "", "name": ""}


def _name_before(text: str) -> str:
    """The two to four words of letters at the end of ``text`` (a label such as ``IBAN:``
    taken off), when none is a word of payment texts; else ""."""
    found = _NAME_BEFORE.search(_ACCOUNT_LABEL.sub("", text.rstrip()))
    if found is None:
        return ""
    words = found.group(1).split()
    if any(w.upper().strip(".-'") in _NOT_NAME_WORDS for w in words):
        return ""
    # booking words in any language ("PLASHTANE KAM", "POSTAPLENIE OT") are no name
    return "" if booked(words) else " ".join(words)


def booked(words: list[str]) -> bool:
    """Whether words written before an IBAN hold a booking word ("PLASHTANE KAM"): no
    name, whatever the other words."""
    return any(fold(w) in BOOKING_WORDS for w in words)


def _checked_iban(value: str) -> str:
    """``value`` as an IBAN when it is one with right check digits (also without its
    last group of four, for a word glued on), else ""."""
    for candidate in (value, value.rsplit(" ", 1)[0] if " " in value else ""):
        try:
            out = normal_account(candidate) if candidate else None
        except ValueError:
            continue
        if out and re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", out):
            return out
    return ""


def _mt940_module(path: Path) -> Any:
    try:
        import mt940
    except ImportError:  # pragma: no cover - a core dependency
        raise InputError(
            "reading MT940 statements needs the mt-940 package",
            source=path.name,
            hint="pip install mt-940",
        ) from None
    return mt940


#: A balance written with a minus (``:62F:C240331EUR-250,00``), which MT940 marks with D.
_SIGNED_BALANCE = re.compile(r"^(:6[0-5][FM]?:)([CD])(\d{6}[A-Z]{3})-", re.M)


def _balances_marked(text: str) -> str:
    """MT940 text with balances written with a minus sign turned into the other mark
    (``C...EUR-250,00`` is ``D...EUR250,00``): the balances are not read, but a minus
    stops the parser."""
    flip = {"C": "D", "D": "C"}
    return _SIGNED_BALANCE.sub(lambda m: m[1] + flip[m[2]] + m[3], text)


def _mt940_error(path: Path, text: str, exc: Exception) -> InputError:
    """The parse error of ``mt940`` as an error naming the line that failed."""
    args = exc.args
    tag = str(getattr(args[1], "id", "")) if len(args) >= 3 else ""
    value = str(args[2]).split("\n", 1)[0] if len(args) >= 3 else ""
    line = next(
        (n for n, ln in enumerate(text.splitlines(), start=1)
         if tag and ln.startswith(f":{tag}") and value in ln),
        None,
    )  # fmt: skip
    if tag:
        what = f"its :{tag}: value {value[:80]!r} is not valid"
    elif isinstance(exc, InvalidOperation):
        what = "an amount or balance is not a number (amounts are written 1500,00)"
    else:
        what = str(exc)[:200]
    return InputError(
        f"not a readable MT940 statement: {what}",
        source=path.name,
        row=line,
        hint=_HINT_MT940 + (f", or correct line {line}" if line else ""),
    )


#: A German MT940's :25: as bank code (BLZ) / account number: ``37040044/0532013000``.
_BLZ_ACCOUNT = re.compile(r"^(\d{8})/(\d{1,10})$")


def _own_account(value: str) -> str:
    """The statement's account (:25:) as an IBAN where it is a German bank code and
    account number (the same account as in the bank's camt statements), else as written."""
    match = _BLZ_ACCOUNT.match(value.replace(" ", ""))
    if match is None:
        return value
    bban = match[1] + match[2].zfill(10)
    check = 98 - int(bban + "131400") % 97  # D=13, E=14, check digits 00
    return f"DE{check:02d}{bban}"


def _tag_lines(text: str) -> list[int]:
    """The line number of each :61: (a transaction), in order."""
    return [n for n, line in enumerate(text.splitlines(), start=1) if line.startswith(":61:")]


def _refuse_other_swift(path: Path, text: str) -> None:
    """Raise InputError when ``text`` has no transaction line (``:61:``) and no statement's
    tags: SWIFT messages of another type, which would read as an empty statement."""
    if re.search(r"^:61:", text, re.M) or is_mt940(text):
        return
    from linkgraph.ingest.mt103 import is_mt103, message_kind

    kind = message_kind(text)
    raise InputError(
        f"not an MT940 statement: the file holds {kind} (no :61: transaction lines, no"
        " :25: account or :60F: balance)",
        source=path.name,
        hint="set `format: mt103` in the mapping (or leave `format:` out: MT103 is told"
        " from the file's content)"
        if is_mt103(text[:65_536])
        else "give the format of the file's messages, or convert them to CSV",
    )


def read_mt940(
    path: Path, text: str, notes: list[str] | None = None
) -> Iterator[tuple[int, list[str] | None, str]]:
    """``(row, cells or None, problem)`` of each transaction of an MT940 file (a row is
    the line of its ``:61:``). A text with no ``:61:`` that is no MT940 statement either
    (no ``:25:`` account, ``:60F:`` balance: MT103 payments) raises InputError naming what
    it is. A statement whose balances and lines disagree adds a warning to ``notes``."""
    _refuse_other_swift(path, text)
    mt940 = _mt940_module(path)
    text = _balances_marked(text.replace("\r\n", "\n").replace("\r", "\n"))
    options = mt940.Options(applicant_iban=True, merge_keeps_values=True, reversal_sign=True,
                            case_insensitive_marks=True, unbounded_details=True)  # fmt: skip
    # The ?20..?29 lines of a purpose are joined with a space (banks wrap them at 27).
    spaced = {"post_transaction_details":
              [mt940.processors.transaction_details_post_processor_with_space]}  # fmt: skip
    log = logging.getLogger("mt940")
    level, log.level = log.level, logging.CRITICAL  # it logs each failed pattern
    try:
        statements = mt940.parse_statements(text, processors=spaced, options=options)
    except (RuntimeError, ValueError, KeyError, InvalidOperation) as exc:
        raise _mt940_error(path, text, exc) from None
    finally:
        log.level = level
    lines = _tag_lines(text)
    booking: list[str] = []  # "PLASHTANE KAM": booking words where a name would be
    count = sum(len(s) for s in statements)
    numbers = iter(lines if len(lines) == count else range(1, count + 1))
    for stmt in statements:
        head = stmt.data
        account = _own_account(str(head.get("account_identification") or "").strip())
        number = "/".join(str(head.get(k) or "") for k in ("statement_number", "sequence_number"))
        statement_id = " ".join(
            x for x in (str(head.get("transaction_reference") or ""), number.strip("/")) if x
        )
        for tx in stmt:
            cells = _mt940_cells(tx.data, account, statement_id, booking)
            yield next(numbers), [cells.get(c, "") for c in COLUMNS], ""
        unbalanced = _balance_mismatch(stmt, statement_id or account)
        if unbalanced and notes is not None:
            notes.append(unbalanced)
    if booking and notes is not None:
        shown = ", ".join(dict.fromkeys(booking[:3]))
        notes.append(
            f"MT940 {path.name}: {len(booking)} :86: text(s) write booking words, not a name,"
            f" before the counterparty's IBAN ({shown}): no counterparty name taken from them"
        )


def _balance_mismatch(stmt: Any, name: str) -> str:
    """A warning when a statement's opening balance (``:60F:``/``:60M:``) plus its lines
    is not its closing balance (``:62F:``/``:62M:``): lines missing or misread; else ""."""
    head = stmt.data
    opening = head.get("final_opening_balance") or head.get("intermediate_opening_balance")
    closing = head.get("final_closing_balance") or head.get("intermediate_closing_balance")
    if opening is None or closing is None:
        return ""
    lines = [getattr(tx.data.get("amount"), "amount", None) for tx in stmt]
    total = sum((x for x in lines if x is not None), Decimal(0))
    start, end = opening.amount.amount, closing.amount.amount
    if start + total == end:
        return ""
    currency = closing.amount.currency or ""
    return (
        f"MT940 statement {name}: the opening balance {_amount_text(start)} {currency} and"
        f" its {len(lines)} lines ({_amount_text(total)}) make {_amount_text(start + total)},"
        f" but the closing balance is {_amount_text(end)} {currency}: lines may be missing"
        " or misread; compare the file with the bank's statement"
    )


def _mt940_cells(
    data: dict[str, Any], account: str, statement_id: str, booking: list[str] | None = None
) -> dict[str, str]:
    """The cells of one MT940 transaction (``mt940``'s ``Transaction.data``); the booking
    words written where a name would be before the IBAN ("PLASHTANE KAM") are added to
    ``booking``."""
    amount = data.get("amount")
    value = getattr(amount, "amount", None)
    details = str(data.get("transaction_details") or "")
    slash = _slash_details(details) if details else {}
    name = str(data.get("applicant_name") or slash.get("name") or "").strip()
    account_cp = str(data.get("applicant_iban") or data.get("gvc_applicant_iban") or "").strip()
    if not account_cp and not slash.get("account"):
        found = _free_text_party(details or str(data.get("extra_details") or ""))
        account_cp = found["account"]
        name = name or found["name"]
        if found.get("booking") and booking is not None:
            booking.append(found["booking"])
    bic = str(data.get("applicant_bin") or data.get("gvc_applicant_bin") or "").strip()
    purpose = " ".join(str(data.get("purpose") or "").split())
    reference = purpose or slash.get("reference") or (" ".join(details.split()) if not slash
                                                      else "")  # fmt: skip
    person, organisation = _names(" ".join(name.split()), None)
    entry_date = data.get("entry_date") or data.get("date")
    code = " ".join(x for x in (str(data.get("id") or ""), str(data.get("transaction_code") or ""))
                    if x and x != "None")  # fmt: skip
    return {
        "account": account,
        "holder_person": "",
        "holder_organisation": "",
        "counterparty_account": account_cp or slash.get("account", ""),
        "counterparty_bic": bic or slash.get("bic", ""),
        "counterparty_person": person,
        "counterparty_organisation": organisation,
        "amount": _amount_text(value) if value is not None else "",
        "currency": str(data.get("currency") or getattr(amount, "currency", "") or ""),
        "time": entry_date.isoformat() if entry_date else "",
        "value_date": data["date"].isoformat() if data.get("date") else "",
        "reference": reference,
        "end_to_end_id": str(data.get("end_to_end_reference") or slash.get("e2e") or ""),
        "bank_reference": str(data.get("bank_reference") or ""),
        "transaction_code": code,
        "status": "",
        "statement": statement_id,
        "entry": "",
    }


def check_mapping(mapping: Mapping, fmt: str, file: str) -> None:
    """Refuse a mapping that reads a column a statement does not have: a statement is read
    as a table of :data:`COLUMNS` only, so any other column would be ignored without a word
    (a holder's name that MT940 does not carry is given as a constant instead).

    Raises MappingError naming the mapping key, the column and the columns there are.
    """
    for key, spec in _mapping_fields(mapping):
        for alternatives in ([spec.column] if spec.column else []) + list(spec.columns):
            if any(c in COLUMNS for c in alternatives):
                continue
            raise MappingError(
                f"reads column {alternatives[0]!r}, which a {fmt} statement ({file}) does"
                f" not have: it would be ignored",
                source=Path(mapping.name).name,
                key=key,
                hint=f"a statement's columns are {', '.join(COLUMNS)}; give what the"
                ' statement does not say as a constant (`name: {value: "Ion Popescu"}` in'
                " the holder_person slot for the holder of the statement's own account)",
            )


def _mapping_fields(mapping: Mapping) -> Iterator[tuple[str, FieldSpec]]:
    """Every field spec of ``mapping`` with its key (``entities.SLOT.fields.FIELD``,
    ``links[I].amount``, ``links[I].attrs.NAME``)."""
    for entity in mapping.entities:
        for fname, spec in entity.fields.items():
            yield f"entities.{entity.slot}.fields.{fname}", spec
    for i, link in enumerate(mapping.links):
        for fname in _LINK_FIELDS:
            spec = getattr(link, fname)
            if spec is not None:
                yield f"links[{i}].{fname}", spec
        for name, spec in link.attrs.items():
            yield f"links[{i}].attrs.{name}", spec
    if mapping.timezone_column is not None:
        yield "timezone", mapping.timezone_column
