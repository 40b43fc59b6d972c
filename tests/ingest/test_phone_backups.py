"""Phone extractions: SMS Backup & Restore's XML (messages, calls) and Android's call-log
database are read through the chat preset, each message or call a link between the
phone's owner and the other number, in the direction it went, at its UTC time."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case

SMS = """<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>
<smses count="3" backup_set="8b2" type="full">
  <sms protocol="0" address="+380675551212" date="1709284320000" type="1"
       body="bus leaves 6am" contact_name="Daria K" />
  <sms protocol="0" address="+48601222333" date="1709370000000" type="2"
       body="2 girls coming" contact_name="Marek" />
  <sms protocol="0" address="(Unknown)" date="1709380000000" type="1" body="promo"
       contact_name="(Unknown)" />
</smses>
"""
CALLS = """<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>
<calls count="2" backup_set="8b2">
  <call number="+380675551212" duration="65" date="1709284320000" type="2"
        contact_name="Daria K" />
  <call number="+4915112345678" duration="0" date="1709596799000" type="3"
        contact_name="(Unknown)" />
</calls>
"""


def _invoke(*args: object) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    return result.exit_code, result.output


def _links(case: Path) -> list[tuple[str, str, str, str, str]]:
    """(source label, kind, target label, UTC time, attrs) of each link, sorted."""
    c = Case.read(case)
    label = c.mentions.set_index("mention_id")["label"]
    return sorted(
        (label[lk.src], lk.kind, label[lk.dst], "" if lk.time is None else str(lk.time),
         str(lk.attrs))
        for lk in c.links.itertuples()
    )  # fmt: skip


def test_sms_and_call_backups_link_the_owner_and_each_number_both_ways(tmp_path: Path) -> None:
    """type 1 (received) goes from the number to the owner, type 2 (sent) from the owner;
    a missed call (3) comes in, its outcome kept; epoch ms are read as UTC; a contact name
    is a person using the number; '(Unknown)' is a rejected phone, not a person. Both
    files of one backup set share their owner. Before: 'XML but no format linkgraph
    reads'."""
    sms, calls = tmp_path / "sms-1.xml", tmp_path / "calls-1.xml"
    sms.write_text(SMS, encoding="utf-8")
    calls.write_text(CALLS, encoding="utf-8")
    case = tmp_path / "case"
    code, out = _invoke("ingest", sms, calls, "-o", case)
    assert code == 0, out
    assert "read through the chat preset" in out
    owner = "owner of backup 8b2"
    assert _links(case) == [
        ("+380675551212", "messaged", owner, "2024-03-01 09:12:00+00:00",
         '{"message": "bus leaves 6am"}'),
        ("+4915112345678", "called", owner, "2024-03-04 23:59:59+00:00",
         '{"duration": "0", "outcome": "missed"}'),
        ("Daria K", "uses_phone", "+380675551212", "NaT", "<NA>"),
        ("Daria K", "uses_phone", "+380675551212", "NaT", "<NA>"),
        ("Marek", "uses_phone", "+48601222333", "NaT", "<NA>"),
        (owner, "called", "+380675551212", "2024-03-01 09:12:00+00:00",
         '{"duration": "65", "outcome": null}'),
        (owner, "messaged", "+48601222333", "2024-03-02 09:00:00+00:00",
         '{"message": "2 girls coming"}'),
    ]  # fmt: skip
    rejects = Case.read(case).rejects
    assert list(zip(rejects["row"], rejects["value"], strict=True)) == [
        (7, "(Unknown)")
    ]  # its line


def test_a_backup_with_a_doctype_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "sms.xml"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE smses [<!ENTITY a "aaaa">]>\n'
        '<smses><sms address="+48601222333" date="1" type="1" body="&a;"/></smses>\n',
        encoding="utf-8",
    )
    code, out = _invoke("ingest", path, "-o", tmp_path / "case")
    assert code != 0
    assert "declares entities (a DOCTYPE)" in out
    assert "Traceback" not in out


def test_an_android_call_log_database_is_read_like_the_call_backup(tmp_path: Path) -> None:
    """Android's calllog.db (table calls) whatever its name: the same links as the XML."""
    path = tmp_path / "calllog.bin"
    db = sqlite3.connect(path)
    db.execute("create table calls(_id integer primary key, number text, date integer,"
               " duration integer, type integer, name text)")  # fmt: skip
    db.executemany(
        "insert into calls(number, date, duration, type, name) values (?, ?, ?, ?, ?)",
        [("+380675551212", 1709284320000, 65, 2, "Daria K"),
         ("+48601222333", 1709373600000, 410, 1, None)],
    )  # fmt: skip
    db.commit()
    db.close()
    case = tmp_path / "case"
    code, out = _invoke("ingest", path, "-o", case)
    assert code == 0, out
    owner = "owner of calllog.bin"
    assert _links(case) == [
        ("+48601222333", "called", owner, "2024-03-02 10:00:00+00:00",
         '{"duration": "410", "outcome": null}'),
        ("Daria K", "uses_phone", "+380675551212", "NaT", "<NA>"),
        (owner, "called", "+380675551212", "2024-03-01 09:12:00+00:00",
         '{"duration": "65", "outcome": null}'),
    ]  # fmt: skip


def test_another_sqlite_database_is_an_error_listing_its_tables(tmp_path: Path) -> None:
    path = tmp_path / "app.db"
    db = sqlite3.connect(path)
    db.execute("create table contacts(name text, phone text)")
    db.execute("create table messages(body text)")
    db.commit()
    db.close()
    for args in (("mapping", "suggest", path), ("ingest", path, "-o", tmp_path / "case")):
        code, out = _invoke(*args)
        assert code != 0
        assert "its tables: contacts, messages" in out
        assert "sqlite3 -header -csv app.db 'select * from contacts' > contacts.csv" in out


def test_suggest_on_a_backup_says_its_times_are_utc_not_the_phones(tmp_path: Path) -> None:
    """SMS Backup & Restore writes epoch milliseconds: the draft keeps timezone UTC and
    does not ask for the phone's zone (as it does for a WhatsApp export's local times)."""
    sms = tmp_path / "sms-1.xml"
    sms.write_text(SMS, encoding="utf-8")
    code, out = _invoke("mapping", "suggest", sms)
    assert code == 0, out
    assert "epoch milliseconds" in out
    assert "timezone: UTC" in out
    assert "Set timezone to the phone's" not in out


def test_a_calls_table_lacking_columns_is_an_error_naming_them(tmp_path: Path) -> None:
    """Before: "no `calls` table of number, date and type; its tables: calls"."""
    path = tmp_path / "calls.db"
    db = sqlite3.connect(path)
    db.execute("create table calls(_id integer, number text)")
    db.commit()
    db.close()
    code, out = _invoke("ingest", path, "-o", tmp_path / "case")
    assert code == 1
    flat = " ".join(out.split())
    assert (
        "calls.db: an SQLite database that is no Android call log: its `calls` table lacks"
        " the date and type columns (it has _id, number)" in flat
    )


def test_a_time_before_1990_is_a_time_invalid_reject_not_a_1969_message(tmp_path: Path) -> None:
    """``date="-5000"`` was a message at 1969-12-31 23:59:55; a clock reset's ``0`` one at
    1970-01-01. Both are time_invalid rejects; the message stays, without a time."""
    path = tmp_path / "sms-20240320.xml"
    path.write_text(
        SMS.replace('date="1709284320000"', 'date="-5000"').replace(
            'date="1709370000000"', 'date="0"'
        ),
        encoding="utf-8",
    )
    code, out = _invoke("ingest", path, "-o", tmp_path / "case")
    assert code == 0, out
    c = Case.read(tmp_path / "case")
    bad = c.rejects[c.rejects["reason"] == "time_invalid"].sort_values("row")
    assert bad["value"].tolist() == ["-5000 (epoch ms before 1990)", "0 (epoch ms before 1990)"]
    messages = c.links[c.links["kind"] == "messaged"]
    assert len(messages) == 2
    assert messages["time"].isna().all()
