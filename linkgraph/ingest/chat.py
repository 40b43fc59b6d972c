"""Chat exports (WhatsApp's "Export chat" ``.txt``, Telegram Desktop's ``result.json``,
a Meta "Download your information" conversation ``message_1.json``) as a table: one row per
message.

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
``to_id``: two users of one display name stay two participants. A Telegram account's
export also names its owner and contacts: after the messages, each is a row of
``contact_name``, ``contact_phone`` and ``contact_id``, and in a personal chat the owner
is the other party of the contact's messages. Meta's conversation (Messenger, Instagram)
writes each UTF-8 byte as a character: its text is repaired
(:func:`linkgraph.text.repair_mojibake`).

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

#: The columns of a chat, in order (``owner`` and ``device``: a phone extraction's owner,
#: her label and device account, :mod:`linkgraph.ingest.phone_backup`).
COLUMNS = ("time", "sender_name", "sender_phone", "recipient_name", "recipient_phone", "chat",
           "message", "caller_name", "caller_phone", "callee_name", "callee_phone", "duration",
           "call_outcome", "from_id", "to_id", "contact_name", "contact_phone",
           "contact_id", "owner", "device")  # fmt: skip

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


def is_meta_export(head: str) -> bool:
    """Whether a JSON text begins as a conversation of Meta's "Download your information"
    (Facebook Messenger, Instagram: ``message_1.json``, ``participants`` and ``messages``
    of ``sender_name`` and ``timestamp_ms``)."""
    return (
        head.lstrip().startswith("{")
        and '"participants"' in head
        and '"sender_name"' in head
        and '"timestamp_ms"' in head
    )


def is_chat_json(head: str) -> bool:
    """Whether a JSON text begins as a chat export this module reads (Telegram, Meta)."""
    return is_telegram_export(head) or is_meta_export(head)


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
    duration and outcome) or a note of the messenger (neither). ``recipient`` is set
    where the export tells the other party (a personal chat of a Telegram account, a
    Meta conversation of two); else the rows find it from the chat's senders."""

    stamp: str
    sender: str
    text: str
    chat: str
    group: bool | None
    call: tuple[str, str] | None = None
    sender_id: str = ""  # Telegram's user id of the sender ("user123")
    recipient: str = ""
    recipient_id: str = ""


@dataclass(frozen=True, slots=True)
class _Contact:
    """A person of an account's export with their phone: a contact, or the owner."""

    name: str
    phone: str
    user_id: str  # Telegram's "user123", "" for none


def _load_json(path: Path, text: str, hint: str) -> dict[str, object]:
    """The JSON object of a chat export; a clear error naming the file otherwise."""
    import json

    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"not valid JSON: {exc.msg} (line {exc.lineno})", source=path.name, hint=hint
        ) from exc
    except RecursionError:
        raise InputError(
            "not a chat export: its JSON is nested too deeply to read",
            source=path.name,
            hint=hint,
        ) from None
    if not isinstance(data, dict):
        raise InputError("not a chat export: its JSON is not an object", source=path.name,
                         hint=hint)  # fmt: skip
    return data


_TELEGRAM_HINT = "export the chat again (Telegram Desktop: Export chat history > JSON)"
#: The sections of Telegram's account export that are read (the others are named as
#: skipped in the summary).
_TELEGRAM_READ = ("about", "personal_information", "contacts", "chats", "left_chats")
#: The keys of Telegram's export of one chat that are read.
_TELEGRAM_CHAT = ("name", "type", "id", "messages")
#: The owner's fields that are read (the others are named as not read).
_OWNER_READ = ("user_id", "first_name", "last_name", "phone_number")


def _telegram_user(value: object) -> str:
    """Telegram's user id as messages write it (``user123``), "" for none (0)."""
    return f"user{value}" if isinstance(value, int) and value > 0 else ""


def _telegram_person(entry: object) -> _Contact | None:
    """A contact (or the owner) of Telegram's account export, None when it is not one."""
    if not isinstance(entry, dict):
        return None
    name = " ".join(str(entry.get(k) or "").strip() for k in ("first_name", "last_name"))
    phone = str(entry.get("phone_number") or "").strip()
    if not name.strip() and not phone:
        return None
    return _Contact(" ".join(name.split()), phone, _telegram_user(entry.get("user_id")))


def _section_list(data: dict[str, object], key: str) -> list[object]:
    """The ``list`` of one section of Telegram's account export (``chats``, ...)."""
    section = data.get(key)
    items = section.get("list") if isinstance(section, dict) else None
    return items if isinstance(items, list) else []


def _telegram_notes(data: dict[str, object]) -> list[str]:
    """The summary's notes on what an account export holds and is not read."""
    notes = []
    read = _TELEGRAM_READ if "chats" in data else _TELEGRAM_CHAT
    skipped = [k for k, v in data.items() if k not in read and v]
    if skipped:
        notes.append(f"sections of the Telegram export not read: {', '.join(skipped)}")
    owner = data.get("personal_information")
    if isinstance(owner, dict):
        unread = [k for k, v in owner.items() if k not in _OWNER_READ and v]
        if unread:
            notes.append(
                "the account owner (personal_information) is read as a person with their"
                f" phone; its fields not read: {', '.join(unread)}"
            )
    return notes


def _telegram_messages(
    chats: list[object], owner: _Contact | None, stem: str
) -> Iterator[_Message]:
    """Each message of Telegram's export (one chat, or the account's ``chats.list`` and
    ``left_chats.list``); times as Unix seconds (UTC) where the export has them. A service
    entry (a join, a pin) has no sender; a call (``phone_call``) is made by its actor. In
    a personal chat, a message of the other participant goes to the owner (when the
    export names them), and one of anyone else to that participant."""
    for chat in chats:
        if not isinstance(chat, dict):
            continue
        name = str(chat.get("name") or stem)
        group = chat.get("type") not in (None, "personal_chat", "bot_chat", "saved_messages")
        partner = (
            (name, _telegram_user(chat.get("id"))) if chat.get("type") == "personal_chat" else None
        )
        for msg in chat.get("messages") or []:
            if not isinstance(msg, dict):
                continue
            stamp = str(msg.get("date_unixtime") or msg.get("date") or "")
            call = _telegram_call(msg)
            if call is not None:
                sender, sender_id = str(msg.get("actor") or ""), str(msg.get("actor_id") or "")
                text = _telegram_text(msg.get("text"))
            else:
                is_message = msg.get("type", "message") == "message"
                sender = str(msg.get("from") or "") if is_message else ""
                sender_id = str(msg.get("from_id") or "") if is_message else ""
                text = _telegram_text(msg.get("text")) or _media(msg)
            to, to_id = _personal_recipient(sender, sender_id, partner, owner)
            yield _Message(stamp, sender, text, name, group, call, sender_id, to, to_id)


def _personal_recipient(
    sender: str, sender_id: str, partner: tuple[str, str] | None, owner: _Contact | None
) -> tuple[str, str]:
    """The other party of a message of a personal chat with ``partner`` (its name and
    user id): the owner for the partner's own messages, else the partner; ("", "") when
    not known (not a personal chat, no sender, or the owner not in the export)."""
    if partner is None or not sender:
        return "", ""
    name, user_id = partner
    is_partner = sender_id == user_id if sender_id and user_id else sender == name
    if not is_partner:
        return partner
    return (owner.name, owner.user_id) if owner is not None and owner.name else ("", "")


def _telegram_call(msg: dict[str, object]) -> tuple[str, str] | None:
    """``(duration in seconds, outcome)`` of a Telegram ``phone_call`` service entry."""
    if msg.get("type") != "service" or msg.get("action") != "phone_call":
        return None
    duration = msg.get("duration_seconds", msg.get("duration", ""))
    return str(duration if duration is not None else ""), str(msg.get("discard_reason") or "")


def _read_telegram(path: Path, text: str, notes: list[str]) -> Iterator[tuple[int, list[str]]]:
    """Rows of Telegram's export: its messages, then (an account's export) its owner and
    its contacts, each a person with their phone."""
    data = _load_json(path, text, _TELEGRAM_HINT)
    owner = _telegram_person(data.get("personal_information"))
    contacts = [c for c in map(_telegram_person, _section_list(data, "contacts")) if c]
    chats = (
        _section_list(data, "chats") + _section_list(data, "left_chats")
        if "chats" in data
        else [data]
    )
    notes += _telegram_notes(data)
    messages = list(_telegram_messages(chats, owner, path.stem))
    yield from _rows(messages)
    people = [owner, *contacts] if owner is not None else contacts
    for number, contact in enumerate(people, start=len(messages) + 1):
        yield number, _contact_row(contact)


def _contact_row(contact: _Contact) -> list[str]:
    """A row of :data:`COLUMNS` for a contact (or the owner) and their phone."""
    row = dict.fromkeys(COLUMNS, "")
    row.update(contact_name=contact.name, contact_phone=contact.phone,
               contact_id=contact.user_id)  # fmt: skip
    return list(row.values())


def _meta_media(msg: dict[str, object]) -> str:
    """``[photo]``, ``[video]``, ... for a Meta message of media (or a share) alone."""
    kinds = {"photos": "photo", "videos": "video", "audio_files": "audio", "files": "file",
             "gifs": "gif", "sticker": "sticker"}  # fmt: skip
    found = [kind for key, kind in kinds.items() if msg.get(key)]
    share = msg.get("share")
    if isinstance(share, dict) and share.get("link"):
        found.append(f"share: {share['link']}")
    return " ".join(f"[{kind}]" for kind in found)


def _repaired(value: object) -> object:
    """A Meta export's JSON with every string's mojibake repaired
    (:func:`linkgraph.text.repair_mojibake`)."""
    from linkgraph.text import repair_mojibake

    if isinstance(value, str):
        return repair_mojibake(value)
    if isinstance(value, list):
        return [_repaired(v) for v in value]
    if isinstance(value, dict):
        return {k: _repaired(v) for k, v in value.items()}
    return value


def _meta_messages(path: Path, text: str) -> list[_Message]:
    """The messages of a Meta conversation (``message_1.json``): each from its
    ``sender_name`` at ``timestamp_ms`` (UTC), to the other participant in a conversation
    of two, else in the conversation (its title); a call (``call_duration``) is a call.
    Meta writes each UTF-8 byte as a code point: the text is repaired."""
    hint = "download the conversation again (Download your information > JSON)"
    data = _repaired(_load_json(path, text, hint))
    assert isinstance(data, dict)
    people = [str(p.get("name") or "") for p in data.get("participants") or []
              if isinstance(p, dict)]  # fmt: skip
    chat = str(data.get("title") or data.get("thread_path") or path.stem)
    group = len(people) != 2
    out = []
    for msg in data.get("messages") or []:
        if not isinstance(msg, dict):
            continue
        sender = str(msg.get("sender_name") or "")
        body = str(msg.get("content") or "") or _meta_media(msg)
        call = None
        if "call_duration" in msg:
            call = (str(msg.get("call_duration") or 0), "missed" if msg.get("missed") else "")
        other = next((p for p in people if p != sender), "") if sender in people else ""
        recipient = other if not group else ""
        out.append(_Message(str(msg.get("timestamp_ms") or ""), sender, body, chat, group, call,
                            recipient=recipient))  # fmt: skip
    return out


def read_chat(
    path: Path, text: str, notes: list[str] | None = None
) -> Iterator[tuple[int, list[str]]]:
    """``(message number from 1, row)`` of each message of a chat export's ``text``:
    WhatsApp's text, Telegram Desktop's JSON (then an account's owner and contacts) or
    a Meta conversation's JSON. What the export holds and is not read is added to
    ``notes`` (for the summary)."""
    head = text[:65_536]
    if is_telegram_export(head):
        yield from _read_telegram(path, text, notes if notes is not None else [])
        return
    if is_meta_export(head):
        yield from _rows(_meta_messages(path, text))
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
        other = message.recipient or _other(message, list(people))
        chat = message.chat if message.sender and not other else ""
        who, whom = _split(message.sender), _split(other)
        ids = [message.sender_id if message.sender else "",
               message.recipient_id or people.get(other, "")]  # fmt: skip
        if message.call is not None:
            row = ["", "", "", "", chat, message.text, *who, *whom, *message.call, *ids]
        else:
            row = [*who, *whom, chat, message.text, "", "", "", "", "", "", *ids]
        # the contact's columns, and a phone extraction's owner and device: none here
        yield number, [message.stamp, *row, *[""] * (len(COLUMNS) - 1 - len(row))]


#: The mention columns that tell one participant (or one chat) of a chat export from
#: another: its type and what it is written as (a name, a number, a chat's name, a device
#: owner's account), and its attributes (Telegram's user id).
_PARTICIPANT_KEYS = ("type", "name", "phone", "account", "identifier", "attrs")


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
