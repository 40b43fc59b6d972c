"""The text of a victim's SMS (SMS Backup & Restore, read through the chat preset) is
withheld in every export, as her other identifying values are: her pseudonymised phone
beside "Svetlana here, I am at Str. Lalelelor 7" would say who she is (round 9 F4)."""

from __future__ import annotations

import sqlite3
import zipfile

import pytest
from click.testing import CliRunner

from linkgraph.cli import cli

SMS = """<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>
<smses count="2">
  <sms protocol="0" address="+40722111333" date="1709284320000" type="1" subject="null" \
body="Hi, I am at Str. Lalelelor 7" read="1" status="-1" date_sent="0" contact_name="Sveta" />
  <sms protocol="0" address="+40733444555" date="1709290000000" type="2" subject="null" \
body="2 girls coming Tuesday" read="1" status="-1" date_sent="0" contact_name="Marek Nowak" />
</smses>
"""
VICTIMS = "name,phone,role\nAna Pop,+40 722 111 333,victim\n"


@pytest.fixture(scope="module")
def case(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("sms")
    (tmp / "sms-20240301.xml").write_text(SMS, encoding="utf-8")
    (tmp / "victims.csv").write_text(VICTIMS, encoding="utf-8")
    case = tmp / "case"
    runner = CliRunner()
    for args in (
        ["ingest", str(tmp / "victims.csv"), "--preset", "people"],
        ["ingest", str(tmp / "sms-20240301.xml")],
    ):
        done = runner.invoke(cli, [*args, "-o", str(case), "-q"])
        assert done.exit_code == 0, done.output
    assert runner.invoke(cli, ["resolve", str(case)]).exit_code == 0
    return case


def _text(out) -> str:
    """All text of an export: files, zipped members (xlsx) and SQLite cells."""
    files = [out] if out.is_file() else sorted(f for f in out.rglob("*") if f.is_file())
    texts = []
    for file in files:
        if zipfile.is_zipfile(file):
            with zipfile.ZipFile(file) as z:
                texts += [z.read(n).decode("utf-8", "replace") for n in z.namelist()]
        elif file.read_bytes()[:16] == b"SQLite format 3\x00":
            with sqlite3.connect(file) as db:
                tables = [
                    r[0] for r in db.execute("select name from sqlite_master where type='table'")
                ]
                for t in tables:
                    texts += [repr(row) for row in db.execute(f'select * from "{t}"')]
        else:
            texts.append(file.read_bytes().decode("utf-8", "replace"))
    return "\n".join(texts)


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "sqlite", "ftm", "gexf", "graphml", "i2", "neo4j"])
def test_her_sms_text_is_withheld_in_every_export(case, tmp_path, fmt):
    out = tmp_path / f"exp_{fmt}"
    done = CliRunner().invoke(cli, ["export", str(case), "-f", fmt, "-o", str(out), "-q"])
    assert done.exit_code == 0, done.output
    text = _text(out)
    assert "Lalelelor" not in text


def test_other_texts_stay_and_show_victims_shows_hers(case, tmp_path):
    runner = CliRunner()
    out = tmp_path / "exp"
    assert (
        runner.invoke(cli, ["export", str(case), "-f", "csv", "-o", str(out), "-q"]).exit_code == 0
    )
    links = (out / "source_links.csv").read_text(encoding="utf-8")
    assert "2 girls coming Tuesday" in links
    assert "[withheld]" in links
    shown = tmp_path / "shown"
    done = runner.invoke(
        cli, ["export", str(case), "-f", "csv", "-o", str(shown), "-q", "--show-victims"]
    )
    assert done.exit_code == 0, done.output
    assert "Lalelelor" in (shown / "source_links.csv").read_text(encoding="utf-8")
