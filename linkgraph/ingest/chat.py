"""Chat exports (WhatsApp's "Export chat" ``.txt``, Telegram Desktop's ``result.json``) as
a table: one row per message.

Phones seized in a case are read by extraction tools, and their chats are often handed
over as the messenger's own text export, one file per chat:

    12/01/2024, 14:33 - Olena Kravets: Are you at the station?     (Android)
    [12.01.24, 14:33:05] +40 721 000 111: yes                       (iOS)

Each message becomes a row with the columns the ``chat`` preset reads: ``time`` (date and
clock as written, read by ingest's time reader, day- or month-first as the column's
values show), ``sender_name`` or ``sender_phone`` (a sender the phone did not know is
shown by number), ``recipient_name`` or ``recipient_phone`` (the other participant, in a
chat of two), ``chat`` (the file's name, for a group chat of more than two), and
``message``. A line without a timestamp continues the message above it; a line of the
messenger itself ("Messages are end-to-end encrypted") has no sender, and makes no
message.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from linkgraph.errors import InputError

#: The columns of a chat, in order.
COLUMNS = ("time", "sender_name", "sender_phone", "recipient_name", "recipient_phone", "chat",
           "message")  # fmt: skip

_DATE = r"\d{1,4}[./-]\d{1,2}[./-]\d{2,4}"
_CLOCK = r"\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp]\.?\s?[Mm]\.?)?"
#: A message's first line: Android's "date, time - rest" or iOS's "[date, time] rest".
_LINE = re.compile(
    rf"^\u200e?(?:\[(?P<d1>{_DATE}),?\s+(?P<t1>{_CLOCK})\]\s+"
    rf"|(?P<d2>{_DATE}),?\s+(?P<t2>{_CLOCK})\s+[-\u2013]\s+)(?P<rest>.*)$"
)
#: A sender written as a phone number (the chat's phone did not have it as a contact).
_NUMBER = re.compile(r"^\+?[\d\s()./-]{7,}$")


def looks_like_chat(text: str) -> bool:
    """Whether a text file's first lines are a chat export's (most start with a stamp)."""
    lines = [ln for ln in text.splitlines()[:30] if ln.strip()]
    hits = sum(bool(_LINE.match(_spaced(ln))) for ln in lines)
    return bool(lines) and hits >= max(2, len(lines) // 2)


def _spaced(line: str) -> str:
    """Narrow and no-break spaces (iOS writes "2:33\u202fPM") as plain spaces."""
    return line.replace("\u202f", " ").replace("\u00a0", " ")


def _messages(text: str) -> Iterator[tuple[str, str, str]]:
    """``(time, sender, message)`` of each message; sender "" for the messenger's notes."""
    stamp = sender = None
    body: list[str] = []
    for raw in text.splitlines():
        line = _spaced(raw)
        m = _LINE.match(line)
        if m is None:
            if stamp is not None:
                body.append(raw)  # a line break inside the message above
            continue
        if stamp is not None:
            yield stamp, sender or "", "\n".join(body)
        date, clock = m.group("d1") or m.group("d2"), m.group("t1") or m.group("t2")
        stamp = f"{date} {clock}"
        rest = m.group("rest").lstrip("\u200e")
        sender, sep, first = rest.partition(": ")
        if not sep:
            sender, first = "", rest
        body = [first]
    if stamp is not None:
        yield stamp, sender or "", "\n".join(body)


def is_telegram_export(head: str) -> bool:
    """Whether a JSON text begins as Telegram Desktop's chat export (``result.json``)."""
    return head.lstrip().startswith("{") and '"messages"' in head and '"from_id"' in head


def _telegram_text(value: object) -> str:
    """A Telegram message's text: a string, or a list of strings and styled pieces."""
    if isinstance(value, list):
        return "".join(v if isinstance(v, str) else str(v.get("text", "")) for v in value
                       if isinstance(v, str | dict))  # fmt: skip
    return str(value or "")


def _telegram_messages(path: Path, text: str) -> Iterator[tuple[str, str, str, str, bool | None]]:
    """``(time, sender, message, chat name, group)`` of each message of Telegram's export, one
    chat or the whole account's (``chats.list``); times as Unix seconds (UTC) where the
    export has them. A service entry (a call, a join) has no sender."""
    import json

    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"not valid JSON: {exc.msg} (line {exc.lineno})",
            source=path.name,
            hint="export the chat again (Telegram Desktop: Export chat history > JSON)",
        ) from exc
    except RecursionError:
        raise InputError(
            "not a chat export: its JSON is nested too deeply to read",
            source=path.name,
            hint="export the chat again (Telegram Desktop: Export chat history > JSON)",
        ) from None
    chats = data.get("chats", {}).get("list") if isinstance(data.get("chats"), dict) else None
    for chat in chats if isinstance(chats, list) else [data]:
        if not isinstance(chat, dict):
            continue
        name = str(chat.get("name") or path.stem)
        group = chat.get("type") not in (None, "personal_chat", "bot_chat", "saved_messages")
        for msg in chat.get("messages") or []:
            if not isinstance(msg, dict):
                continue
            stamp = str(msg.get("date_unixtime") or msg.get("date") or "")
            sender = str(msg.get("from") or "") if msg.get("type", "message") == "message" else ""
            yield stamp, sender, _telegram_text(msg.get("text")), name, group


def read_chat(path: Path, text: str) -> Iterator[tuple[int, list[str]]]:
    """``(message number from 1, row)`` of each message of a chat export's ``text``:
    WhatsApp's text or Telegram Desktop's JSON."""
    if is_telegram_export(text[:65_536]):
        yield from _rows(list(_telegram_messages(path, text)))
        return
    if not looks_like_chat(text):
        raise InputError(
            "not a chat export: its lines do not start with a date and a time",
            source=path.name,
            hint="export the chat again (WhatsApp: More > Export chat > Without media)",
        )
    yield from _rows(
        [(stamp, sender, body, path.stem, None) for stamp, sender, body in _messages(text)]
    )


def _split(who: str) -> tuple[str, str]:
    """A participant as ``(name, phone)``: a number the phone had no name for is a phone."""
    return ("", who) if _NUMBER.match(who) else (who, "")


def _rows(
    messages: list[tuple[str, str, str, str, bool | None]],
) -> Iterator[tuple[int, list[str]]]:
    """Rows of :data:`COLUMNS` from ``(time, sender, text, chat name, group)``: in a chat
    of two participants each message goes to the other one; in a group (``group`` True,
    or None and more than two senders) it goes to the chat, by its name."""
    senders: dict[str, dict[str, None]] = {}  # per chat, its senders in order
    for _, sender, _, chat, _ in messages:
        if sender:
            senders.setdefault(chat, {})[sender] = None
    for number, (stamp, sender, body, chat, group) in enumerate(messages, start=1):
        people = list(senders.get(chat, ()))
        two = len(people) == 2 and not group
        other = next((s for s in people if s != sender), "") if two and sender else ""
        s_name, s_phone = _split(sender)
        r_name, r_phone = _split(other)
        yield number, [stamp, s_name, s_phone, r_name, r_phone, "" if two else chat, body]
