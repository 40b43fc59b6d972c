"""Phone extractions of messages and calls, as rows of a chat export (the ``chat`` preset
reads them): SMS Backup & Restore's XML files and Android's call-log database.

SMS Backup & Restore (Android) writes a phone's text messages and call log as XML::

    <smses><sms address="+380675551212" date="1709284320000" type="1"
                contact_name="Daria K" body="bus leaves 6am"/></smses>
    <calls><call number="+48601222333" date="1709373600000" duration="410" type="1"
                 contact_name="Marek"/></calls>

``date`` is milliseconds since 1970 (UTC); an SMS ``type`` 1 was received, 2 sent (3
draft, 4 outbox, 5 failed, 6 queued: sent by the owner too); a call ``type`` 1 was
incoming, 2 outgoing, 3 missed, 4 voicemail, 5 rejected, 6 blocked, 7 answered on another
device. Android's own call log (``calllog.db``, table ``calls``: ``number``, ``date``,
``duration``, ``type``, ``name``) holds the same.

The phone's owner is not named in these files: the owner is a person with no name,
labelled "owner of backup SET" (the backup set the SMS and call files of one backup
share), else "owner of FILE"; her ``account`` is the device's (``device:`` and a hash of
the backup set, else of the file's bytes), so that the SMS and call files of one backup
are one owner, and the owners of two backups (two sets, two files) are never joined by
their near-identical labels.
Each message is a ``messaged`` link and each call a ``called`` link between the owner and
the other party's number, in the direction it went, at its time (UTC), with its text or
its duration and outcome; each number the phone had a contact name for is a person who
``uses_phone`` it. "(Unknown)" (a withheld number) is kept, and rejected as no phone.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from linkgraph.errors import InputError
from linkgraph.ingest._safe_xml import entity_free_parser, parse_whole
from linkgraph.ingest._sniff import SQLITE_MAGIC
from linkgraph.ingest.chat import COLUMNS

Row = tuple[int, list[str]]
#: The owner's cells of a row (chat.COLUMNS ``owner`` and ``device``).
Owner = dict[str, str]
_HINT = "export it again from SMS Backup & Restore (XML, no DOCTYPE)"
#: SMS types the owner sent (the others, 1, were received).
_SENT = frozenset({"2", "3", "4", "5", "6"})
#: Call types: (the owner called, outcome).
_CALL_TYPES = {"1": (False, ""), "2": (True, ""), "3": (False, "missed"),
               "4": (False, "voicemail"), "5": (False, "rejected"), "6": (False, "blocked"),
               "7": (False, "answered externally")}  # fmt: skip
_NO_NAME = frozenset({"", "null", "(unknown)", "unknown"})


def is_phone_backup(head: bytes) -> bool:
    """Whether an XML file's first bytes are SMS Backup & Restore's (an ``<smses>`` or
    ``<calls>`` root with ``<sms`` or ``<call`` elements)."""
    text = head[:8192].decode("utf-8", "replace")
    return ("<smses" in text and "<sms " in text) or ("<calls" in text and "<call " in text)


def extraction_reader(path: Path) -> Callable[[Path, list[str]], Iterator[Row]] | None:
    """The reader of ``path`` when it is a phone extraction read here (an SQLite database:
    :func:`read_call_log`; an SMS Backup & Restore file: :func:`read_phone_backup`), else
    None."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(8192)
    except OSError:
        return None
    if head.startswith(SQLITE_MAGIC):
        return read_call_log
    return read_phone_backup if is_phone_backup(head) else None


def read_phone_backup(path: Path, notes: list[str]) -> Iterator[tuple[int, list[str]]]:
    """``(line, row)`` of each message and call of an SMS Backup & Restore file, then one
    row per contact (name and number)."""
    elements, root = _elements(path)
    owner = _owner(root, path)
    contacts: dict[tuple[str, str], None] = {}
    unknown: dict[str, int] = {}
    mms = 0
    for line, tag, attrs in elements:
        if tag == "mms":
            mms += 1
            continue
        number, name = (
            attrs.get("address" if tag == "sms" else "number", ""),
            attrs.get("contact_name", ""),
        )
        if name.strip().lower() not in _NO_NAME and number.strip():
            contacts[(name.strip(), number.strip())] = None
        if tag == "sms":
            yield line, _message_row(attrs, number, owner)
        else:
            row = _call_row(attrs.get("type", ""), attrs, number, owner)
            if row is None:
                unknown[attrs.get("type", "")] = unknown.get(attrs.get("type", ""), line)
            yield line, row if row is not None else _blank()
    if mms:
        notes.append(f"{mms} MMS not read (only the <sms> and <call> elements are)")
    notes += _unknown_type_notes(unknown)
    yield from _contact_rows(contacts, elements[-1][0] + 1 if elements else 1)


def read_call_log(path: Path, notes: list[str]) -> Iterator[tuple[int, list[str]]]:
    """``(row, row cells)`` of each call of an Android call-log database (table
    ``calls``), then one row per contact. Another database is an error listing its
    tables and how to export one to CSV."""
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error as exc:
        raise InputError(
            f"an SQLite database that cannot be opened ({exc})", source=path.name
        ) from exc
    with closing(db):
        try:
            tables = [r[0] for r in db.execute("select name from sqlite_master where type='table'")]
            columns = _calls_columns(db) if "calls" in tables else set()
            if not {"number", "date", "type"} <= columns:
                raise _not_a_call_log(path, tables, columns)
            name = "name" if "name" in columns else "''"
            duration = "duration" if "duration" in columns else "''"
            query = f"select number, date, {duration}, type, {name} from calls order by rowid"
            records = db.execute(query).fetchall()
        except sqlite3.DatabaseError as exc:
            raise InputError(
                f"a damaged SQLite database ({exc})", source=path.name, hint="copy it again"
            ) from exc
    owner = _file_owner(path)
    contacts: dict[tuple[str, str], None] = {}
    unknown: dict[str, int] = {}
    for number, (phone, date, seconds, kind, contact) in enumerate(records, start=1):
        attrs = {"date": _text(date), "duration": _text(seconds)}
        phone, contact = _text(phone), _text(contact)
        if contact.lower() not in _NO_NAME and phone:
            contacts[(contact, phone)] = None
        row = _call_row(_text(kind), attrs, phone, owner)
        if row is None:
            unknown.setdefault(_text(kind), number)
        yield number, row if row is not None else _blank()
    notes += _unknown_type_notes(unknown)
    yield from _contact_rows(contacts, len(records) + 1)


def _calls_columns(db: sqlite3.Connection) -> set[str]:
    return {str(r[1]).lower() for r in db.execute("pragma table_info(calls)")}


def _not_a_call_log(path: Path, tables: list[str], columns: set[str]) -> InputError:
    """The error for a database without a ``calls`` table of number, date and type: the
    columns its ``calls`` table lacks, or its tables."""
    shown = ", ".join(tables[:30]) or "none"
    first = "calls" if "calls" in tables else tables[0] if tables else "TABLE"
    if "calls" in tables:
        lacking = [c for c in ("number", "date", "type") if c not in columns]
        why = (
            f"its `calls` table lacks the {' and '.join(lacking)} column"
            f"{'s' if len(lacking) > 1 else ''} (it has {', '.join(sorted(columns))})"
        )
    else:
        why = f"no `calls` table of number, date and type; its tables: {shown}"
    return InputError(
        f"an SQLite database that is no Android call log: {why}",
        source=path.name,
        hint=f"export the table you need to CSV and read that: sqlite3 -header -csv"
        f" {path.name} 'select * from {first}' > {first}.csv",
    )


def _elements(path: Path) -> tuple[list[tuple[int, str, dict[str, str]]], dict[str, str]]:
    """The ``sms``, ``call`` and ``mms`` elements of the file with their lines, and the
    root's attributes; a DOCTYPE (XML entities) is refused before anything is expanded."""
    found: list[tuple[int, str, dict[str, str]]] = []
    root: dict[str, str] = {}
    parser = entity_free_parser(
        path.name,
        "the XML declares entities (a DOCTYPE), which SMS Backup & Restore never writes",
        _HINT,
    )

    def start(tag: str, attrs: dict[str, str]) -> None:
        if tag in ("sms", "call", "mms"):
            found.append((parser.CurrentLineNumber, tag, attrs))
        elif not root and tag in ("smses", "calls"):
            root.update(attrs)

    parser.StartElementHandler = start
    parse_whole(parser, path.read_bytes(), path.name, _HINT)
    return found, root


def _owner(root: dict[str, str], path: Path) -> Owner:
    """The owner's label and device: by the backup set (shared by one backup's SMS and
    call files), else by the file."""
    backup_set = root.get("backup_set", "").strip()
    if not backup_set:
        return _file_owner(path)
    return {
        "owner": f"owner of backup {backup_set}",
        "device": _device(b"backup_set\x00" + backup_set.encode("utf-8", "surrogatepass")),
    }


def _file_owner(path: Path) -> Owner:
    """The owner of a file that names no backup set: labelled after the file, her device
    its content (the same file read again, from any folder, is the same owner)."""
    return {"owner": f"owner of {path.name}", "device": _device(path.read_bytes())}


def _device(content: bytes) -> str:
    """A device account: ``device:`` and the first 20 hex digits of ``content``'s SHA-256."""
    return "device:" + hashlib.sha256(content).hexdigest()[:20]


#: 1990-01-01 in epoch milliseconds: no phone backup holds a message or call before it; a
#: time before is a phone's clock reset or a damaged record (``date="-5000"``, ``"0"``).
_EARLIEST_MS = 631_152_000_000


def _time(ms: str) -> str:
    """Epoch milliseconds as an ISO time in UTC; a value that is no number, or a time
    before 1990, kept as written with why, so that it is a ``time_invalid`` reject."""
    try:
        number = int(ms)
        if number < _EARLIEST_MS:
            return f"{ms} (epoch ms before 1990)"
        return datetime.fromtimestamp(number / 1000, tz=UTC).isoformat()
    except (ValueError, OverflowError, OSError):
        return ms


def _blank() -> list[str]:
    return [""] * len(COLUMNS)


def _row(**cells: str) -> list[str]:
    row = dict.fromkeys(COLUMNS, "")
    row.update(cells)
    return list(row.values())


def _message_row(attrs: dict[str, str], number: str, owner: Owner) -> list[str]:
    """A message's row: the owner to the number (sent: the number is the recipient's) or
    the number to the owner (received: the number is the sender's); the chat preset links
    the owner and the number in that direction."""
    when, body = _time(attrs.get("date", "")), attrs.get("body", "")
    if attrs.get("type", "") in _SENT:
        return _row(time=when, recipient_phone=number, message=body, **owner)
    return _row(time=when, sender_phone=number, message=body, **owner)


def _call_row(kind: str, attrs: dict[str, str], number: str, owner: Owner) -> list[str] | None:
    """A call's row in the direction it went (the number the callee's or the caller's),
    with duration and outcome; None for a type that does not say the direction."""
    if kind not in _CALL_TYPES:
        return None
    outgoing, outcome = _CALL_TYPES[kind]
    when, seconds = _time(attrs.get("date", "")), attrs.get("duration", "")
    end = {"callee_phone": number} if outgoing else {"caller_phone": number}
    return _row(time=when, duration=seconds, call_outcome=outcome, **end, **owner)


def _contact_rows(
    contacts: dict[tuple[str, str], None], first: int
) -> Iterator[tuple[int, list[str]]]:
    for number, (name, phone) in enumerate(contacts, start=first):
        yield number, _row(contact_name=name, contact_phone=phone)


def _unknown_type_notes(unknown: dict[str, int]) -> list[str]:
    if not unknown:
        return []
    shown = ", ".join(f"type {k!r} (first at row {v})" for k, v in unknown.items())
    return [f"calls of a type that does not say their direction, no link made: {shown}"]


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()
