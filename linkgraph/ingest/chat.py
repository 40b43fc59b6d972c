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
``message``. A line without a timestamp continues the message above it. A line of the
messenger itself (the end-to-end encryption notice, "X created group", "X added Y", "X
left", in the languages WhatsApp writes them; iOS writes them under the chat's or a
participant's name, after a U+200E mark) has no sender, and makes no message: a
``no_entity`` reject. Android's ``<Media omitted>`` (in any language) is a message with
the text ``[media omitted]``. iOS writes a sender the phone did not know by number
between bidi marks (``\u202a+40 722 333 444\u202c``), and a name it only took from the
sender's profile after ``~ ``: both are read without them. A Telegram call (a
``phone_call`` service entry) is a ``called`` row: ``caller_*`` and ``callee_*``, its
``duration`` in seconds and ``call_outcome`` (Telegram's discard reason). Telegram's
user ids of the sender (or caller) and of the other participant are ``from_id`` and
``to_id``: two users of one display name stay two participants.

Ingest gives each participant of a chat export one mention (:class:`Participants`): all
of its messages refer to it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from linkgraph.errors import InputError

#: The columns of a chat, in order.
COLUMNS = ("time", "sender_name", "sender_phone", "recipient_name", "recipient_phone", "chat",
           "message", "caller_name", "caller_phone", "callee_name", "callee_phone", "duration",
           "call_outcome", "from_id", "to_id")  # fmt: skip

_DATE = r"\d{1,4}[./-]\d{1,2}[./-]\d{2,4}"
_CLOCK = r"\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp]\.?\s?[Mm]\.?)?"
#: A message's first line: Android's "date, time - rest" or iOS's "[date, time] rest".
_LINE = re.compile(
    rf"^\u200e?(?:\[(?P<d1>{_DATE}),?\s+(?P<t1>{_CLOCK})\]\s+"
    rf"|(?P<d2>{_DATE}),?\s+(?P<t2>{_CLOCK})\s+[-\u2013]\s+)(?P<rest>.*)$"
)
#: A sender written as a phone number (the chat's phone did not have it as a contact).
_NUMBER = re.compile(r"^\+?[\d\s()./-]{7,}$")
#: The marks WhatsApp puts around a sender (iOS: a number between U+202A and U+202C).
_SENDER_MARKS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
#: The mark iOS writes before a note of its own ("image omitted", the encryption notice).
_APP_MARK = "\u200e"
#: WhatsApp's end-to-end encryption notice, in the languages it is written in.
_ENCRYPTION_NOTICE = re.compile(
    r"^(?:Messages|Nachrichten|Mesajele|Сообщения|Повідомлення|Les messages|Los mensajes"
    r"|I messaggi|As mensagens|Wiadomości|Mesajlar|Berichten|Zprávy)\b.{0,80}?"
    r"(?:end-to-end|ende-zu-ende|bout en bout|extremo a extremo|ponta a ponta|сквозн"
    r"|наскрізн|uçtan uca|eind-tot-eind|koncov)",
    re.IGNORECASE,
)
#: The messenger's notes on a group and its members ("X created group", "X added Y",
#: "X left", "You were added", "X changed the subject", ...), in several languages.
_GROUP_NOTE = re.compile(
    r"\b(?:created (?:the )?group|added|removed|left|joined using|were added|was added"
    r"|changed (?:the subject|the group|this group|their phone number|to)"
    r"|security code|disappearing messages|now an admin|deleted this group"
    r"|hat die Gruppe|erstellt|hinzugefügt|entfernt|verlassen|geändert"
    r"|a creat grupul|a adăugat|a ieșit|a eliminat|a schimbat|ați fost adăugat"
    r"|создал|добавил|удалил|вышел|покинул|изменил|створив|додав|видалив|вийшов|змінив"
    r"|a créé le groupe|a ajouté|est parti|a retiré|a modifié"
    r"|creó el grupo|añadió|salió|eliminó|cambió"
    r"|ha creato il gruppo|ha aggiunto|è uscito|ha rimosso|ha cambiato"
    r"|utworzył|dodał|opuścił|usunął|zmienił|grubu oluşturdu|ekledi|ayrıldı|çıkardı)",
    re.IGNORECASE,
)
#: Android's placeholder for a message whose media were left out of the export
#: ("<Media omitted>", "<Medien ausgeschlossen>", "<Без медиафайлов>", ...), and any
#: other whole-message note of the app between angle brackets ("<attached: x.jpg>").
_PLACEHOLDER = re.compile(r"^<(?P<note>[^<>=\"']*\s[^<>=\"']*)>$")
_MEDIA_WORDS = re.compile(
    r"media|medien|медиа|медіа|média|mídia|multimedia|multimediale|omitted|ausgeschlossen",
    re.IGNORECASE,
)
_QUOTES = '"“”„«»'


def looks_like_chat(text: str) -> bool:
    """Whether a text file's first lines are a chat export's (most start with a stamp)."""
    lines = [ln for ln in text.splitlines()[:30] if ln.strip()]
    hits = sum(bool(_LINE.match(_spaced(ln))) for ln in lines)
    return bool(lines) and hits >= max(2, len(lines) // 2)


def _spaced(line: str) -> str:
    """Narrow and no-break spaces (iOS writes "2:33\u202fPM") as plain spaces."""
    return line.replace("\u202f", " ").replace("\u00a0", " ")


def _is_app_note(sender: str, first: str) -> bool:
    """Whether a line ``sender: first`` is a note of the messenger, not a message: the
    encryption notice, or a group note that iOS marks with U+200E (under the chat's
    name) or that Android writes with a quoted colon (``X changed the subject from "a: b"``).
    A media note ("image omitted", "Missed voice call") is a message of its sender."""
    text = first.lstrip(_APP_MARK)
    if _ENCRYPTION_NOTICE.match(text):
        return True
    if first.startswith(_APP_MARK) and _GROUP_NOTE.search(text):
        return True
    return any(q in sender for q in _QUOTES) and bool(_GROUP_NOTE.search(sender))


def _message_text(body: str) -> str:
    """A message's text without iOS's U+200E note mark; Android's ``<Media omitted>`` as
    ``[media omitted]``, another ``<note>`` of the app as ``[note]``."""
    text = body.lstrip(_APP_MARK)
    placeholder = _PLACEHOLDER.match(text.strip())
    if placeholder is None:
        return text
    note = placeholder.group("note").strip()
    return "[media omitted]" if _MEDIA_WORDS.search(note) else f"[{note}]"


def _clean_sender(sender: str) -> str:
    """A sender without WhatsApp's bidi marks around a number and iOS's ``~ `` before a
    name the phone took from the sender's profile (not from its contacts)."""
    sender = sender.strip().strip(_SENDER_MARKS).strip()
    if sender.startswith("~"):
        sender = sender[1:].strip().strip(_SENDER_MARKS).strip()
    return sender


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
            yield stamp, sender or "", _message_text("\n".join(body))
        date, clock = m.group("d1") or m.group("d2"), m.group("t1") or m.group("t2")
        stamp = f"{date} {clock}"
        rest = m.group("rest").lstrip(_APP_MARK)
        sender, sep, first = rest.partition(": ")
        if not sep:
            sender, first = "", rest
        elif _is_app_note(sender, first):  # kept whole, as written, for its reject
            sender, first = "", f"{sender}: {first.lstrip(_APP_MARK)}"
        body = [first]
        sender = _clean_sender(sender)
    if stamp is not None:
        yield stamp, sender or "", _message_text("\n".join(body))


def is_telegram_export(head: str) -> bool:
    """Whether a JSON text begins as Telegram Desktop's chat export (``result.json``)."""
    return head.lstrip().startswith("{") and '"messages"' in head and '"from_id"' in head


def _telegram_text(value: object) -> str:
    """A Telegram message's text: a string, or a list of strings and styled pieces."""
    if isinstance(value, list):
        return "".join(v if isinstance(v, str) else str(v.get("text", "")) for v in value
                       if isinstance(v, str | dict))  # fmt: skip
    return str(value or "")


def _media(msg: dict[str, object]) -> str:
    """``[photo]``, ``[video_file]``, ... for a Telegram message of media without text."""
    if "photo" in msg:
        return "[photo]"
    kind = msg.get("media_type") or ("file" if "file" in msg else "")
    return f"[{kind}]" if kind else ""


@dataclass(frozen=True, slots=True)
class _Message:
    """One entry of a chat: a message (``sender`` set), a call (``call`` set: its
    duration and outcome) or a note of the messenger (neither)."""

    stamp: str
    sender: str
    text: str
    chat: str
    group: bool | None
    call: tuple[str, str] | None = None
    sender_id: str = ""  # Telegram's user id of the sender ("user123")


def _telegram_call(msg: dict[str, object]) -> tuple[str, str] | None:
    """``(duration in seconds, outcome)`` of a Telegram ``phone_call`` service entry."""
    if msg.get("type") != "service" or msg.get("action") != "phone_call":
        return None
    duration = msg.get("duration_seconds", msg.get("duration", ""))
    return str(duration if duration is not None else ""), str(msg.get("discard_reason") or "")


def _telegram_messages(path: Path, text: str) -> Iterator[_Message]:
    """Each message of Telegram's export, one chat or the whole account's
    (``chats.list``); times as Unix seconds (UTC) where the export has them. A service
    entry (a join, a pin) has no sender; a call (``phone_call``) is made by its actor."""
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
            call = _telegram_call(msg)
            if call is not None:
                actor, actor_id = str(msg.get("actor") or ""), str(msg.get("actor_id") or "")
                yield _Message(stamp, actor, _telegram_text(msg.get("text")), name, group, call,
                               actor_id)  # fmt: skip
                continue
            is_message = msg.get("type", "message") == "message"
            sender = str(msg.get("from") or "") if is_message else ""
            sender_id = str(msg.get("from_id") or "") if is_message else ""
            yield _Message(stamp, sender, _telegram_text(msg.get("text")) or _media(msg), name,
                           group, None, sender_id)  # fmt: skip


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
        [_Message(stamp, sender, body, path.stem, None) for stamp, sender, body in _messages(text)]
    )


def _split(who: str) -> tuple[str, str]:
    """A participant as ``(name, phone)``: a number the phone had no name for is a phone."""
    return ("", who) if _NUMBER.match(who) else (who, "")


def _other(message: _Message, people: list[str]) -> str:
    """The participant ``message`` goes to: in a chat of two, the other one; for a call
    in a personal chat whose other side never wrote, the chat's name (Telegram names a
    personal chat after the other participant); else "" (a group, or a note)."""
    if not message.sender:
        return ""
    if len(people) == 2 and not message.group:
        return next(s for s in people if s != message.sender)
    if message.call is not None and message.group is False and message.chat != message.sender:
        return message.chat
    return ""


def _rows(messages: list[_Message]) -> Iterator[tuple[int, list[str]]]:
    """Rows of :data:`COLUMNS`: in a chat of two participants each message goes to the
    other one; in a group (``group`` True, or None and more than two senders) it goes to
    the chat, by its name. A call goes from its caller to the other participant. A note
    of the messenger (no sender) fills no participant, and so makes nothing."""
    senders: dict[str, dict[str, str]] = {}  # per chat, its senders in order -> their id
    for message in messages:
        if message.sender:
            senders.setdefault(message.chat, {}).setdefault(message.sender, message.sender_id)
    for number, message in enumerate(messages, start=1):
        people = senders.get(message.chat, {})
        other = _other(message, list(people))
        chat = message.chat if message.sender and not other else ""
        who, whom = _split(message.sender), _split(other)
        ids = [message.sender_id if message.sender else "", people.get(other, "")]
        if message.call is not None:
            row = ["", "", "", "", chat, message.text, *who, *whom, *message.call, *ids]
        else:
            row = [*who, *whom, chat, message.text, "", "", "", "", "", "", *ids]
        yield number, [message.stamp, *row]


#: The mention columns that tell one participant (or one chat) of a chat export from
#: another: its type and what it is written as (a name, a number, a chat's name), and its
#: attributes (Telegram's user id).
_PARTICIPANT_KEYS = ("type", "name", "phone", "identifier", "attrs")


@dataclass
class Participants:
    """One mention per participant of a chat export: the first message that names a
    participant (as a sender, a recipient, a caller or a callee) makes its mention, and
    every later message of the same export refers to it, so that a sender who wrote
    three messages is one person, not three one-word names that resolution has nothing
    to join on. So is each group chat's own mention. Resolution may still join a
    participant to the same person in other files (by name, by phone).

    Fed chunk by chunk (:meth:`collapse`), it keeps the participants already met."""

    #: participant key -> the id of its mention
    seen: dict[str, str] = field(default_factory=dict)

    def collapse(
        self, mentions: pd.DataFrame, links: pd.DataFrame
    ) -> tuple[pd.DataFrame, pd.DataFrame]:
        """``mentions`` without those of participants met before, and ``links`` with
        their ends moved to the participant's one mention."""
        if mentions.empty:
            return mentions, links
        keys = _participant_keys(mentions)
        ids = mentions["mention_id"].astype(str).tolist()
        canonical: dict[str, str] = {}
        keep = np.ones(len(mentions), dtype=bool)
        for i, (key, mention_id) in enumerate(zip(keys, ids, strict=True)):
            first = self.seen.setdefault(key, mention_id)
            if first != mention_id:
                canonical[mention_id] = first
                keep[i] = False
        if not canonical:
            return mentions, links
        if len(links):
            links = links.assign(
                src=_moved(links["src"], canonical), dst=_moved(links["dst"], canonical)
            )
        return mentions[keep], links


def _participant_keys(mentions: pd.DataFrame) -> list[str]:
    """Each mention's participant key: its :data:`_PARTICIPANT_KEYS` joined."""
    parts = [
        mentions[c].astype("string").fillna("") if c in mentions.columns else ""
        for c in _PARTICIPANT_KEYS
    ]
    key = parts[0]
    for part in parts[1:]:
        key = key + "\x1f" + part
    return key.astype(str).tolist()


def _moved(ends: pd.Series, canonical: dict[str, str]) -> pd.Series:
    """``ends`` (mention ids) with each id of ``canonical`` replaced by its value."""
    moved = ends.map(canonical)
    return moved.where(moved.notna(), ends).astype(ends.dtype)
