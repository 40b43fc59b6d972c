"""The identifiers of a row about a victim alone are hers: an ad whose text names her and
gives her phone gives her e-mail too ("sveta@example.md"), shown by pseudonym in every
export as the e-mail of an ad whose address spells her name is; an ad naming no victim
keeps its e-mail, and so does a hotline row that names a suspect beside her.

Rejected values of a victim's chat messages are withheld: the chat's sender is a mention
of the first row she writes on, so the later rows of her messages (and those sent to
her) hold no mention of hers; `linkgraph rejects` and the exports withheld only rows
holding one."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from linkgraph.cli import cli

PEOPLE = (
    "name,phone,role\nSvetlana Petrova,+373 69 123 456,victim\nIvan Rusu,+373 69 999 888,suspect\n"
)
PEOPLE_MAPPING = """format: csv
region: MD
entities:
  person: {type: person, fields: {name: name, role: role}}
  phone: {type: phone, fields: {phone: phone}}
links:
- {kind: uses_phone, src: person, dst: phone}
"""
ADS = {"records": [
    {"ad_id": "AD2", "text": "Massage Svetlana Petrova 069123456", "phones": ["+37369123456"],
     "email": "sveta@example.md"},
    {"ad_id": "AD5", "text": "Recruiter ad", "phones": ["+373 69 999 888"],
     "email": "boss@example.md"},
]}  # fmt: skip
ADS_MAPPING = """format: json
records: records
region: MD
entities:
  ad: {type: ad, fields: {identifier: ad_id, text: text}}
  phone: {type: phone, fields: {phone: phones}}
  email: {type: email, fields: {email: email}}
links:
- {kind: ad_contact, src: ad, dst: phone}
- {kind: ad_contact, src: ad, dst: email}
"""
HOTLINE = "Victim,Suspect,Suspect email\nSvetlana Petrova,Ivan Rusu,ivan.r@example.md\n"
HOTLINE_MAPPING = """format: csv
entities:
  victim: {type: person, fields: {name: Victim, role: {value: victim}}}
  suspect: {type: person, fields: {name: Suspect, role: {value: suspect}}}
  email: {type: email, fields: {email: Suspect email}}
links:
- {kind: uses_email, src: suspect, dst: email}
- {kind: victim_of, src: victim, dst: suspect}
"""
CHAT = (
    "12/01/2026, 21:04 - Olena Kovalchuk: Hi\n"
    "12/01/2026, 21:05 - Ivan Petrov: <b>come</b> to the flat\n"
    "12/01/2026, 21:06 - Olena Kovalchuk: <i>my passport</i> is with Boss, room 12\n"
    "12/01/2026, 21:07 - Ivan Petrov: ok\n"
)
VICTIMS = "name,phone,role\nOlena Kovalchuk,+380 93 555 1122,victim\n"


def _run(*args: object) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


def _write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")


def _exports(case: Path, tmp_path: Path) -> str:
    """Every CSV file of the CSV export and every row of the SQLite export, as text."""
    _run("export", case, "-f", "csv", "-o", tmp_path / "csv", "-q")
    _run("export", case, "-f", "sqlite", "-o", tmp_path / "case.sqlite", "-q")
    texts = [f.read_text(encoding="utf-8") for f in (tmp_path / "csv").glob("*.csv")]
    with sqlite3.connect(tmp_path / "case.sqlite") as db:
        for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'"):
            texts += [repr(r) for r in db.execute(f'SELECT * FROM "{table}"')]
    return "\n".join(texts)


def test_an_ads_email_beside_a_victims_name_and_phone_is_hers(tmp_path: Path) -> None:
    _write(tmp_path, {"people.csv": PEOPLE, "people.yaml": PEOPLE_MAPPING,
                      "ads.json": json.dumps(ADS), "ads.yaml": ADS_MAPPING,
                      "hotline.csv": HOTLINE, "hotline.yaml": HOTLINE_MAPPING})  # fmt: skip
    case = tmp_path / "case"
    for data, ext in (("people", "csv"), ("ads", "json"), ("hotline", "csv")):
        _run("ingest", tmp_path / f"{data}.{ext}", "--mapping", tmp_path / f"{data}.yaml",
             "-o", case, "-q")  # fmt: skip
    _run("resolve", case, "-q")
    _run("analyze", case, "-q")
    text = _exports(case, tmp_path)
    entities = _run("entities", case, "--csv")
    assert "sveta@" not in text
    assert "sveta@" not in entities
    # the recruiter's ad names no victim; the hotline row names a suspect beside her
    for kept in ("boss@example.md", "ivan.r@example.md"):
        assert kept in text
        assert kept in entities


def test_rejected_values_of_a_victims_chat_messages_are_withheld(tmp_path: Path) -> None:
    chat = tmp_path / "WhatsApp Chat with Ivan Petrov.txt"
    chat.write_text(CHAT, encoding="utf-8")
    _write(tmp_path, {"victims.csv": VICTIMS})
    case = tmp_path / "case"
    _run("ingest", tmp_path / "victims.csv", "--preset", "people", "-o", case, "-q")
    _run("ingest", chat, "--preset", "chat", "-o", case, "-q")
    _run("resolve", case, "-q")
    # the two rejects (html) are of messages she sent and was sent, after her first row
    table = _run("rejects", case, "--source", "whatsapp", "--csv")
    text = _exports(case, tmp_path)
    for shown in (table, text):
        assert "passport" not in shown
        assert "come</b>" not in shown
    assert "[withheld]" in table
    # with --show-victims the analyst sees them
    assert "passport" in _run("rejects", case, "--source", "whatsapp", "--csv",
                              "--show-victims")  # fmt: skip
