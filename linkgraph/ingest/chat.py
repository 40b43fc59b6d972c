"""Chat exports (WhatsApp's "Export chat" ``.txt``) as a table: one row per message.

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


def read_chat(path: Path, text: str) -> Iterator[tuple[int, list[str]]]:
    """``(message number from 1, row)`` of each message of a chat export's ``text``."""
    if not looks_like_chat(text):
        raise InputError(
            "not a chat export: its lines do not start with a date and a time",
            source=path.name,
            hint="export the chat again (WhatsApp: More > Export chat > Without media)",
        )
    messages = list(_messages(text))
    senders = list(dict.fromkeys(s for _, s, _ in messages if s))
    two = len(senders) == 2
    for number, (stamp, sender, body) in enumerate(messages, start=1):
        other = next((s for s in senders if s != sender), "") if two and sender else ""

        def split(who: str) -> tuple[str, str]:
            return ("", who) if _NUMBER.match(who) else (who, "")

        s_name, s_phone = split(sender)
        r_name, r_phone = split(other)
        yield number, [stamp, s_name, s_phone, r_name, r_phone,
                       "" if two else path.stem, body]  # fmt: skip
