"""Chat exports: each participant of a chat is one mention (so one entity), whatever the
number of its messages; resolution still joins it to the same person elsewhere."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case

CHAT_OF_TWO = """12/01/2024, 14:30 - Messages and calls are end-to-end encrypted.
12/01/2024, 14:33 - Olena: Are you at the station?
12/01/2024, 14:35 - +40 721 000 111: yes
12/01/2024, 14:36 - Olena: which platform?
13/01/2024, 09:02 - Olena: ok
13/01/2024, 09:03 - +40 721 000 111: 3
"""
PEOPLE = "given_name,family_name,phone,role\nIon,Popescu,+40 721 000 111,suspect\n"
GROUP = """12/03/2024, 21:15 - Andrei created group "Job"
12/03/2024, 21:17 - Andrei: Buna
12/03/2024, 21:18 - Olena K: hi all
12/03/2024, 21:19 - Olena: hello
12/03/2024, 21:20 - +40 722 333 444: IMG-20240312-WA0001.jpg (file attached)
12/03/2024, 21:21 - Olena: https://maps.app.goo.gl/abc
12/03/2024, 21:22 - Olena K: <attached: 00000012-PHOTO-2024-03-12-21-22-00.jpg>
12/03/2024, 21:23 - +40 722 333 444 changed their phone number to a new number. Tap to \
message or add the new number.
12/03/2024, 21:24 - +40 722 999 888: new number
12/03/2024, 21:25 - Olena K: <Media omitted>
"""


def _run(*args: object) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


def _labels(case: Case) -> list[tuple[str, str, str]]:
    """The case's links as (source label, kind, target label), sorted."""
    m = case.mentions.set_index("mention_id")
    return sorted((m.at[lk.src, "label"], lk.kind, m.at[lk.dst, "label"])
                  for lk in case.links.itertuples())  # fmt: skip


def test_a_sender_of_several_messages_is_one_entity(tmp_path: Path) -> None:
    """ "Olena" writes three messages and a number the phone did not know two: two
    mentions in all, every message refers to them, and after resolve Olena is one entity
    (a one-word name gives resolution nothing to join three mentions on) and the number
    is the same phone as a person list's; the map shows three entities, not seven."""
    chat = tmp_path / "WhatsApp Chat with Olena.txt"
    chat.write_text(CHAT_OF_TWO, encoding="utf-8")
    (tmp_path / "people.csv").write_text(PEOPLE, encoding="utf-8")
    case = tmp_path / "case"
    _run("ingest", tmp_path / "people.csv", "--preset", "people", "-o", case, "-q")
    said = _run("ingest", chat, "--region", "RO", "-o", case)
    assert "6 rows, 2 mentions, 5 links, 1 reject" in said
    c = Case.read(case)
    ours = c.mentions[c.mentions["source"].eq(chat.name)]
    assert sorted(zip(ours["label"], ours["row"].astype(int), strict=True)) == [
        ("+40721000111", 3), ("Olena", 2),
    ]  # fmt: skip
    messages = [link for link in _labels(c) if link[1] == "messaged"]
    assert (
        messages
        == [("+40721000111", "messaged", "Olena")] * 2 + [("Olena", "messaged", "+40721000111")] * 3
    )
    assert "4 mentions → 3 entities" in _run("resolve", case)
    c = Case.read(case)
    entity = c.entity_of()
    phones = c.mentions.loc[c.mentions["type"].eq("phone"), "mention_id"]
    assert entity[phones].nunique() == 1  # the chat's number is the person list's phone
    listed = _run("mentions", case, "--json", "--type", "person", "--search", "Olena")
    rows = json.loads(listed[listed.index("[") :])
    assert [(r["label"], r["row"], r["slot"]) for r in rows] == [("Olena", 2, "sender")]
    said = _run("explain", case, f"{chat.name}:3:sender_phone", "people.csv:1:phone")
    assert "+40721000111" in said
    assert "whole network: 3 entities" in _run("render", case, "-o", tmp_path / "map.html")


def test_a_group_chat_keeps_namesakes_apart_and_reads_attachments(tmp_path: Path) -> None:
    """A group of five: "Olena K" and "Olena" are two participants; each participant and
    the group are one mention; a message of an attachment or a link alone is a message
    (its text kept on its link); "X changed their phone number" is a note of the
    messenger, a no_entity reject, and the new number a participant of its own."""
    chat = tmp_path / "WhatsApp Chat with Job.txt"
    chat.write_text(GROUP, encoding="utf-8")
    case = tmp_path / "case"
    _run("ingest", chat, "--region", "RO", "-o", case, "-q")
    c = Case.read(case)
    assert sorted(zip(c.mentions["type"], c.mentions["label"], strict=True)) == [
        ("event", "WhatsApp Chat with Job"), ("person", "Andrei"), ("person", "Olena"),
        ("person", "Olena K"), ("phone", "+40722333444"), ("phone", "+40722999888"),
    ]  # fmt: skip
    texts = {(int(lk.row), json.loads(lk.attrs)["message"]) for lk in c.links.itertuples()}
    assert texts == {
        (2, "Buna"), (3, "hi all"), (4, "hello"),
        (5, "IMG-20240312-WA0001.jpg (file attached)"), (6, "https://maps.app.goo.gl/abc"),
        (7, "[attached: 00000012-PHOTO-2024-03-12-21-22-00.jpg]"), (9, "new number"),
        (10, "[media omitted]"),
    }  # fmt: skip
    assert set(c.links["kind"]) == {"involved_in"}
    assert c.rejects["row"].astype(int).tolist() == [1, 8]
    assert set(c.rejects["reason"]) == {"no_entity"}
    _run("resolve", case, "-q")
    c = Case.read(case)
    assert c.entity_of().nunique() == 6


def test_telegram_participants_are_told_apart_by_user_id(tmp_path: Path) -> None:
    """An account's Telegram export: the account's owner ("Ivan", user9) writes in two
    chats and is one mention; two users both shown as "Olena" (user1, user2) are two."""

    def msg(when: int, who: str, user: str, text: str) -> dict[str, str]:
        return {"type": "message", "date_unixtime": str(when), "from": who, "from_id": user,
                "text": text}  # fmt: skip

    chats = [
        {"name": "Olena", "type": "personal_chat", "messages": [
            msg(1705062785, "Olena", "user1", "hi"), msg(1705062900, "Ivan", "user9", "hey"),
            msg(1705062901, "Olena", "user1", "again")]},
        {"name": "Work", "type": "private_group", "messages": [
            msg(1705062985, "Olena", "user2", "the other Olena"),
            msg(1705062986, "Ivan", "user9", "ok")]},
    ]  # fmt: skip
    path = tmp_path / "result.json"
    path.write_text(json.dumps({"chats": {"list": chats}}), encoding="utf-8")
    case = tmp_path / "case"
    _run("ingest", path, "-o", case, "-q")
    c = Case.read(case)
    persons = c.mentions[c.mentions["type"].eq("person")]
    assert sorted(zip(persons["label"], persons["row"].astype(int), strict=True)) == [
        ("Ivan", 2), ("Olena", 1), ("Olena", 4),
    ]  # fmt: skip
    assert _labels(c) == [
        ("Ivan", "involved_in", "Work"), ("Ivan", "messaged", "Olena"),
        ("Olena", "involved_in", "Work"), ("Olena", "messaged", "Ivan"),
        ("Olena", "messaged", "Ivan"),
    ]  # fmt: skip
    m = c.mentions.set_index("mention_id")
    to_ivan = {m.at[lk.src, "attrs"] for lk in c.links.itertuples() if lk.kind == "messaged"
               and m.at[lk.dst, "label"] == "Ivan"}  # fmt: skip
    assert to_ivan == {'{"telegram_id": "user1"}'}
    _run("resolve", case, "-q")
    assert Case.read(case).entity_of().nunique() == 4
