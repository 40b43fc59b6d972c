"""Seized-phone and social-media exports: a Telegram account's export (its owner and
contacts), Meta's "Download your information" conversations, and vCard contact lists."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case


def _run(*args: object) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


def _labels(case: Case) -> list[tuple[str, str, str]]:
    """The case's links as (source label, kind, target label), sorted."""
    m = case.mentions.set_index("mention_id")
    return sorted((m.at[lk.src, "label"], lk.kind, m.at[lk.dst, "label"])
                  for lk in case.links.itertuples())  # fmt: skip


def _msg(when: int, who: str, user: int, text: str) -> dict[str, object]:
    return {"type": "message", "date_unixtime": str(when), "from": who,
            "from_id": f"user{user}", "text": text}  # fmt: skip


ACCOUNT = {
    "about": "Here is the data you requested.",
    "personal_information": {"user_id": 1, "first_name": "Efe", "last_name": "Omo",
                             "phone_number": "+39 333 765 4321", "username": "@efe"},
    "contacts": {"about": "contacts", "list": [
        {"user_id": 2, "first_name": "Joy", "last_name": "", "phone_number": "+39 329 123 4567"},
        {"user_id": 3, "first_name": "Osas", "last_name": "Ede",
         "phone_number": "+234 803 555 0101"},
        {"user_id": 0, "first_name": "Driver", "last_name": "",
         "phone_number": "+218 91 234 5678"},
    ]},
    "sessions": {"about": "sessions", "list": [{"ip": "10.0.0.1"}]},
    "chats": {"about": "chats", "list": [
        {"name": "Joy", "type": "personal_chat", "id": 2, "messages": [
            _msg(1704485400, "Efe Omo", 1, "pay friday"),
            _msg(1704485520, "Joy", 2, "yes mama")]},
        {"name": "Osas Ede", "type": "personal_chat", "id": 3, "messages": [
            _msg(1704618000, "Osas Ede", 3, "two new girls")]},
        {"name": "Amina", "type": "personal_chat", "id": 4, "messages": [
            _msg(1704618100, "Efe Omo", 1, "where are you")]},
    ]},
}  # fmt: skip


def test_a_telegram_account_export_reads_its_owner_contacts_and_personal_chats(
    tmp_path: Path,
) -> None:
    """The owner (personal_information) and each contact (contacts.list) are persons who
    use their phone; in a personal chat the contact's messages go to the owner, the
    owner's to the contact, even where only one of them wrote (before: the contacts and
    the owner were dropped, and Osas's one message made him `involved_in` a chat named
    after himself). The sections not read are named in the summary."""
    path = tmp_path / "result.json"
    path.write_text(json.dumps(ACCOUNT), encoding="utf-8")
    case = tmp_path / "case"
    said = _run("ingest", path, "-o", case)
    assert "sections of the Telegram export not read: sessions" in said
    assert "fields not read: username" in said
    c = Case.read(case)
    assert _labels(c) == [
        ("Driver", "uses_phone", "+218912345678"),
        ("Efe Omo", "messaged", "Amina"),
        ("Efe Omo", "messaged", "Joy"),
        ("Efe Omo", "uses_phone", "+393337654321"),
        ("Joy", "messaged", "Efe Omo"),
        ("Joy", "uses_phone", "+393291234567"),
        ("Osas Ede", "messaged", "Efe Omo"),
        ("Osas Ede", "uses_phone", "+2348035550101"),
    ]
    persons = c.mentions[c.mentions["type"].eq("person")]
    # One mention per person: the contact Joy is the sender Joy (same Telegram user id).
    assert sorted(persons["label"]) == ["Amina", "Driver", "Efe Omo", "Joy", "Osas Ede"]
    assert c.rejects.empty


META = {
    "participants": [{"name": "A\u00c3\u00afcha Traor\u00c3\u00a9"},
                     {"name": "J\u00c3\u00a9r\u00c3\u00b4me Kouassi"}],
    "messages": [
        {"sender_name": "J\u00c3\u00a9r\u00c3\u00b4me Kouassi", "timestamp_ms": 1706000000000,
         "content": "Tu pars demain \u00c3\u00a0 Paris"},
        {"sender_name": "A\u00c3\u00afcha Traor\u00c3\u00a9", "timestamp_ms": 1706000300000,
         "photos": [{"uri": "photos/1.jpg"}]},
    ],
    "title": "A\u00c3\u00afcha Traor\u00c3\u00a9",
    "thread_path": "inbox/aichatraore_123",
}  # fmt: skip


def test_a_meta_conversation_is_read_as_a_chat_with_its_names_repaired(tmp_path: Path) -> None:
    """Messenger's message_1.json names its own reading (the chat preset): each message is
    a `messaged` link from its sender to the other participant at timestamp_ms (UTC), its
    text kept and repaired of Meta's mojibake (before: 2 persons with garbled names, and
    every message lost with 0 rejects)."""
    path = tmp_path / "message_1.json"
    path.write_text(json.dumps(META), encoding="utf-8")
    draft = _run("mapping", "suggest", path)
    assert "include: chat" in draft
    case = tmp_path / "case"
    said = _run("ingest", path, "-o", case)
    assert "2 rows, 2 mentions, 2 links, 0 rejects" in said
    c = Case.read(case)
    assert _labels(c) == [
        ("Aïcha Traoré", "messaged", "Jérôme Kouassi"),
        ("Jérôme Kouassi", "messaged", "Aïcha Traoré"),
    ]
    links = c.links.sort_values("time")
    assert [str(t) for t in links["time"]] == [
        "2024-01-23 08:53:20+00:00",
        "2024-01-23 08:58:20+00:00",
    ]
    texts = [json.loads(a)["message"] for a in links["attrs"]]
    assert texts == ["Tu pars demain à Paris", "[photo]"]


CARDS = """BEGIN:VCARD
VERSION:3.0
N:Igbinedion;Blessing;;;
FN:Blessing Igbinedion
TEL;TYPE=CELL:+39 329 123 4567
ADR;TYPE=HOME:;;Via Roma 12;Castel Volturno;CE;81030;Italy
NOTE:girl - victim - owes 30k
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Joy Osagie
TEL;TYPE=CELL:+39 329 765 4321
CATEGORIES:Work,Vittima
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Osas Ede
TEL;TYPE=CELL:+234 803 555 0101
CATEGORIES:Family
END:VCARD
"""


def test_a_vcard_draft_links_the_address_to_its_person(tmp_path: Path) -> None:
    """`mapping suggest` on a contact list drafts person lives_at address (before: an
    address slot with no link, so a victim's home address was a loose node, published
    unprotected)."""
    path = tmp_path / "contacts.vcf"
    path.write_text(CARDS, encoding="utf-8")
    draft = tmp_path / "contacts.yaml"
    draft.write_text(_run("mapping", "suggest", path), encoding="utf-8")
    case = tmp_path / "case"
    _run("ingest", path, "--mapping", draft, "-o", case, "-q")
    lives = [t for t in _labels(Case.read(case)) if t[1] == "lives_at"]
    assert lives == [
        ("Blessing Igbinedion", "lives_at", "Via Roma 12, Castel Volturno, 81030, CE, Italy")
    ]


def test_a_vcard_role_category_marks_the_person_and_a_victim_note_is_warned_of(
    tmp_path: Path,
) -> None:
    """CATEGORIES that are roles (Italian "Vittima") are the person's role, so she is
    protected; other labels ("Work", "Family") are none. A NOTE that calls a person a
    victim, with no victim role, is named in the summary by card number."""
    path = tmp_path / "contacts.vcf"
    path.write_text(CARDS, encoding="utf-8")
    case = tmp_path / "case"
    said = _run("ingest", path, "-o", case)
    assert (
        "1 card(s) have a NOTE that calls the person a victim but no victim role (card 1)" in said
    )
    assert "Blessing" not in said
    c = Case.read(case)
    persons = c.mentions[c.mentions["type"].eq("person")].sort_values("row")
    assert persons["role"].fillna("").tolist() == ["", "victim", ""]
    shown = _run("mentions", case)
    assert "Joy Osagie" not in shown
    assert "Osas Ede" in shown
