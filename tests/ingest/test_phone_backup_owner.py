"""A phone backup's owner is the device: a person with no name, labelled "owner of backup
SET" (else "owner of FILE"), whose account is the device's (a hash of the backup set,
else of the file). The SMS and call files of one backup are one owner; two backups of two
sets are two owners, never joined by their near-identical labels; the owner is no contact
of hers (the numbers she texted are the contacts'); a victim's phone, marked in a
mapping, keeps her protected."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case


def _invoke(*args: object) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    return result.exit_code, result.output


def _sms(path: Path, backup_set: str, number: str, contact: str) -> Path:
    """An SMS backup of one received and one sent message with ``number``."""
    path.write_text(
        "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n"
        f'<smses count="2" backup_set="{backup_set}" type="full">\n'
        f'  <sms protocol="0" address="{number}" date="1709284320000" type="1"'
        f' body="bus leaves 6am" contact_name="{contact}" />\n'
        f'  <sms protocol="0" address="{number}" date="1709370000000" type="2"'
        f' body="ok" contact_name="{contact}" />\n'
        "</smses>\n",
        encoding="utf-8",
    )
    return path


def _calls(path: Path, backup_set: str, number: str) -> Path:
    """A call backup of one outgoing call to ``number``."""
    path.write_text(
        "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n"
        f'<calls count="1" backup_set="{backup_set}">\n'
        f'  <call number="{number}" duration="65" date="1709284320000" type="2"'
        ' contact_name="(Unknown)" />\n'
        "</calls>\n",
        encoding="utf-8",
    )
    return path


def _persons(case: Path) -> dict[str, tuple[str, str]]:
    """label (a source's owner: 'source: label') -> (entity, account) of each person
    mention of the resolved case."""
    c = Case.read(case)
    m = c.mentions[c.mentions["type"] == "person"]
    entity = c.resolution.set_index("mention_id")["entity_id"]
    return {
        (f"{s}: {lab}" if str(lab).startswith("owner of") else str(lab)): (
            str(entity[i]),
            str(acc),
        )
        for s, lab, i, acc in zip(
            m["source"], m["label"], m["mention_id"], m["account"], strict=True
        )
    }


def test_one_backup_sets_sms_and_calls_are_one_owner_and_two_sets_two(tmp_path: Path) -> None:
    """Before: the owners were persons named "owner of backup 8b2" and "owner of backup
    9c3", joined on their near-identical names into one person."""
    sms = _sms(tmp_path / "sms-8b2.xml", "8b2", "+380675551212", "Daria K")
    calls = _calls(tmp_path / "calls-8b2.xml", "8b2", "+380675551212")
    other = _sms(tmp_path / "sms-9c3.xml", "9c3", "+48601222333", "Marek")
    case = tmp_path / "case"
    code, out = _invoke("ingest", sms, calls, other, "-o", case)
    assert code == 0, out
    assert _invoke("resolve", case, "-q")[0] == 0
    people = _persons(case)
    assert sorted(people) == [
        "Daria K",
        "Marek",
        "calls-8b2.xml: owner of backup 8b2",
        "sms-8b2.xml: owner of backup 8b2",
        "sms-9c3.xml: owner of backup 9c3",
    ]
    first, same, second = (
        people["sms-8b2.xml: owner of backup 8b2"],
        people["calls-8b2.xml: owner of backup 8b2"],
        people["sms-9c3.xml: owner of backup 9c3"],
    )
    assert second[0] != first[0]  # two backups, two owners
    assert first == same  # one backup's files: one entity, one device account
    assert first[1].startswith("DEVICE:")
    assert second[1] != first[1]
    # the owner is none of her contacts: the numbers she texted and called are theirs
    entities = [e for e, _ in people.values()]
    assert len(set(entities)) == 4
    c = Case.read(case)
    assert c.mentions.loc[c.mentions["type"] == "person", "name"].dropna().tolist() == [
        "Daria K",
        "Marek",
    ]


def test_a_call_log_without_a_set_is_its_files_owner_the_same_file_twice_one(
    tmp_path: Path,
) -> None:
    """No backup set: the owner is the file's (its content), so a copy of one call log is
    one owner, and another phone's call log of the same name another."""
    paths = []
    for folder, number in (("a", "+380675551212"), ("b", "+380675551212"), ("c", "+48601")):
        path = tmp_path / folder / "calllog.db"
        path.parent.mkdir()
        db = sqlite3.connect(path)
        db.execute("create table calls(number text, date integer, duration integer,"
                   " type integer, name text)")  # fmt: skip
        db.execute("insert into calls values (?, 1709284320000, 65, 2, null)", (number,))
        db.commit()
        db.close()
        paths.append(path)
    paths[1].write_bytes(paths[0].read_bytes())
    case = tmp_path / "case"
    code, out = _invoke("ingest", *paths, "-o", case)
    assert code == 0, out
    assert _invoke("resolve", case, "-q")[0] == 0
    people = _persons(case)
    a, b, c = (people[f"{x}/calllog.db: owner of calllog.db"] for x in "abc")
    assert a == b
    assert c[0] != a[0]
    assert c[1] != a[1]


def test_a_victims_phone_owner_is_protected_and_kept_apart(tmp_path: Path) -> None:
    """The preset's way to mark a victim's phone keeps her label and account: she stays
    one owner across her SMS and call files, apart from the other phone's owner, and her
    device account and label are withheld from the export."""
    victim = tmp_path / "victim.yaml"
    victim.write_text(
        "include: chat\ntimezone: UTC\nentities: {owner: {type: person, fields: {label:"
        " owner, account: device, role: {value: victim}}}}\n",
        encoding="utf-8",
    )
    sms = _sms(tmp_path / "sms-8b2.xml", "8b2", "+380675551212", "Daria K")
    calls = _calls(tmp_path / "calls-8b2.xml", "8b2", "+380675551212")
    other = _sms(tmp_path / "sms-9c3.xml", "9c3", "+48601222333", "Marek")
    case = tmp_path / "case"
    code, out = _invoke("ingest", sms, calls, "--mapping", victim, "-o", case)
    assert code == 0, out
    assert _invoke("ingest", other, "-o", case, "-q")[0] == 0
    assert _invoke("resolve", case, "-q")[0] == 0
    people = _persons(case)
    hers = people["sms-8b2.xml: owner of backup 8b2"]
    assert people["calls-8b2.xml: owner of backup 8b2"] == hers
    assert people["sms-9c3.xml: owner of backup 9c3"][0] != hers[0]
    c = Case.read(case)
    roles = c.mentions.set_index("label")["role"]
    assert set(roles[["owner of backup 8b2"]]) == {"victim"}
    code, out = _invoke("export", case, "--format", "csv", "-o", tmp_path / "ex")
    assert code == 0, out
    exported = (tmp_path / "ex" / "mentions.csv").read_text(encoding="utf-8")
    assert people["sms-9c3.xml: owner of backup 9c3"][1] in exported
    assert hers[1] not in exported
    assert "owner of backup 8b2" not in exported
