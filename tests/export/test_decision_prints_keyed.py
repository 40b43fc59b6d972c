"""The fingerprints a decision keeps of each side's record (to follow it when a corrected
file moves its row) must not give the record away. They were bare SHA-256 hashes of each
column, exported in the SQLite file: hashing a list of names and every date gave back a
victim's first name, surname and date of birth (tester 41). They are keyed with the
case's pseudonym key now, and no export carries them; decisions fingerprinted before
still follow their records, and are keyed on the next resolve. Through the CLI."""

from __future__ import annotations

import hashlib
import hmac
import json
import sqlite3
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case

HEADER = "record_id,given_name,family_name,dob,sex,city,role\n"
SUSPECT = "1,Ion,Rusu,1980-02-03,m,Chisinau,suspect\n"
#: One victim in two rows (rows 2 and 3), which an analyst joins.
VICTIM_A = "2,Maria,Popa,1991-05-06,f,Iasi,victim\n"
VICTIM_B = "3,Maria,Popa,1991-05-06,f,Chisinau,victim\n"
TWIN_1 = "1,Ion,Rusu,1980-02-03,m,Chisinau,suspect\n"
TWIN_2 = "2,Ion,Rusu,1980-02-03,m,Chisinau,suspect\n"
NEWCOMER = "0,Petru,Ciobanu,1975-07-08,m,Balti,suspect\n"
#: Every export format, with the file (or folder) it writes.
FORMATS = {
    "csv": "out_csv",
    "xlsx": "out.xlsx",
    "gexf": "out.gexf",
    "graphml": "out.graphml",
    "sqlite": "out.sqlite",
    "neo4j": "out_neo4j",
    "ftm": "out.ftm.jsonl",
    "i2": "out_i2",
}


def _run(*args: object) -> str:
    got = CliRunner().invoke(cli, [str(a) for a in args])
    assert got.exit_code == 0, got.output
    return got.output


def _bare(value: str, digits: int) -> str:
    """What the decisions kept before: a bare SHA-256 of the value."""
    return hashlib.sha256(value.encode()).hexdigest()[:digits]


def _keyed(case_dir: Path, purpose: str, text: str, digits: int) -> str:
    key = bytes.fromhex((case_dir / "pseudonym.key").read_text().strip())
    mac = hmac.new(key, f"{purpose}\x1f{text}".encode(), hashlib.sha256)
    return "k:" + mac.hexdigest()[:digits]


def _raw_text(raw: str) -> str:
    """A raw row as the fingerprint reads it: blank values out, keys sorted."""
    kept = {k: v for k, v in json.loads(raw).items() if v not in (None, "")}
    return json.dumps(kept, sort_keys=True, ensure_ascii=False)


def _print_text(mention: pd.Series) -> str:
    return "\x1f".join(("person", "person", str(mention["label"]), _raw_text(mention["raw"])))


def _every_byte(path: Path) -> str:
    """All the text an export wrote (inside an xlsx too), and the SQLite file's cells."""
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    text = []
    for file in files:
        if zipfile.is_zipfile(file):
            with zipfile.ZipFile(file) as z:
                text += [z.read(n).decode("utf-8", "replace") for n in z.namelist()]
        elif file.suffix == ".sqlite":
            with sqlite3.connect(file) as db:
                tables = db.execute("select name from sqlite_master where type='table'")
                names = [r[0] for r in tables]
                for name in names:
                    text += [repr(r) for r in db.execute(f'select * from "{name}"')]
            db.close()
        else:
            text.append(file.read_bytes().decode("utf-8", "replace"))
    return "\n".join(text)


@pytest.fixture(scope="module")
def victim_case(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("victim")
    people, case_dir = tmp / "people.csv", tmp / "case"
    people.write_text(HEADER + SUSPECT + VICTIM_A + VICTIM_B, encoding="utf-8")
    _run("ingest", people, "--preset", "people", "-o", case_dir, "-q")
    _run("decide", case_dir, "people.csv:2", "people.csv:3", "must_link", "--analyst", "ana")
    _run("resolve", case_dir, "-q")
    return case_dir


def test_the_case_keeps_keyed_hashes_of_the_victims_columns(victim_case):
    decisions = Case.read(victim_case).decisions
    assert decisions.loc[0, "left_label"] == "a victim"
    columns = json.loads(decisions.loc[0, "left_fields"])["columns"]
    # her first name, surname and date of birth, keyed with the case's own key ...
    assert columns["given_name"] == _keyed(victim_case, "column", "given_name\x1fMaria", 8)
    assert columns["family_name"] == _keyed(victim_case, "column", "family_name\x1fPopa", 8)
    assert columns["dob"] == _keyed(victim_case, "column", "dob\x1f1991-05-06", 8)
    # ... and the bare hashes a name list and a calendar reverse are nowhere in the table
    table = (victim_case / "decisions.parquet").read_bytes().decode("latin-1")
    for value in ("Maria", "Popa", "1991-05-06", "f", "Iasi", "victim", "2"):
        assert _bare(value, 8) not in table
    mentions = Case.read(victim_case).mentions.set_index("row")
    assert decisions.loc[0, "left_print"] == _keyed(
        victim_case, "print", _print_text(mentions.loc[2]), 16
    )
    assert _bare(_print_text(mentions.loc[2]), 16) not in table


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_no_export_carries_the_fingerprints(victim_case, tmp_path, fmt):
    out = tmp_path / FORMATS[fmt]
    _run("export", victim_case, "-f", fmt, "-o", out, "-q")
    text = _every_byte(out)
    decisions = Case.read(victim_case).decisions
    for side in ("left", "right"):
        prints = [decisions.loc[0, f"{side}_print"]]
        prints += json.loads(decisions.loc[0, f"{side}_fields"])["columns"].values()
        for value in prints:
            assert value.removeprefix("k:") not in text
    for value in ("Maria", "Popa", "1991-05-06"):
        assert _bare(value, 8) not in text


def test_the_sqlite_export_keeps_the_decision_without_its_fingerprints(victim_case, tmp_path):
    for flags in ((), ("--show-victims",)):
        out = tmp_path / f"out{len(flags)}.sqlite"
        _run("export", victim_case, "-f", "sqlite", "-o", out, "-q", *flags)
        with sqlite3.connect(out) as db:
            names = [r[1] for r in db.execute("pragma table_info(decisions)")]
            rows = list(db.execute("select left_row, right_row, decision from decisions"))
        db.close()
        assert names == [
            "left", "right", "decision", "analyst", "decided_at", "note", "source",
            "left_source", "left_slot", "left_row", "left_label",
            "right_source", "right_slot", "right_row", "right_label",
        ]  # fmt: skip
        assert rows == [(2, 3, "must_link")]


def _fingerprinted_before_keys(case_dir: Path) -> None:
    """Rewrite the case's decisions as a linkgraph without keys wrote them: bare SHA-256
    prints and column hashes (no identity: the record is found by its print)."""
    decisions = pd.read_parquet(case_dir / "decisions.parquet")
    mentions = Case.read(case_dir).mentions.set_index("mention_id")
    for side in ("left", "right"):
        mention = mentions.loc[decisions.loc[0, side]]
        columns = {k: _bare(str(v), 8) for k, v in json.loads(_raw_text(mention["raw"])).items()}
        decisions.loc[0, f"{side}_print"] = _bare(_print_text(mention), 16)
        decisions.loc[0, f"{side}_fields"] = json.dumps({"columns": columns}, sort_keys=True)
    decisions.to_parquet(case_dir / "decisions.parquet")


def _entity_by_record(case_dir: Path) -> dict[str, str]:
    case = Case.read(case_dir)
    m = case.mentions[case.mentions["type"] == "person"]
    entity = case.entity_of()
    return {
        json.loads(raw)["record_id"]: str(entity[mid])
        for mid, raw in zip(m["mention_id"], m["raw"], strict=True)
    }


@pytest.mark.parametrize("moved", [False, True])
def test_a_decision_fingerprinted_before_keys_still_applies_and_is_keyed(tmp_path, moved):
    people, case_dir = tmp_path / "people.csv", tmp_path / "case"
    people.write_text(HEADER + TWIN_1 + TWIN_2, encoding="utf-8")
    _run("ingest", people, "--preset", "people", "-o", case_dir, "-q")
    _run("decide", case_dir, "people.csv:1", "people.csv:2", "cannot_link", "--note", "twins")
    _fingerprinted_before_keys(case_dir)
    if moved:  # a corrected file: a record added at the top, the twins on rows 2 and 3
        people.write_text(HEADER + NEWCOMER + TWIN_1 + TWIN_2, encoding="utf-8")
        _run("ingest", people, "--preset", "people", "-o", case_dir, "-q")
    got = CliRunner().invoke(cli, ["resolve", str(case_dir), "-q"])
    assert got.exit_code == 0, got.output
    assert "set aside" not in got.stderr
    assert "1 analyst decisions honoured" in got.stdout
    entity = _entity_by_record(case_dir)
    assert entity["1"] != entity["2"]  # the twins kept apart
    decisions = Case.read(case_dir).decisions
    mentions = Case.read(case_dir).mentions.set_index("mention_id")
    assert decisions.loc[0, ["left_row", "right_row"]].tolist() == ([2, 3] if moved else [1, 2])
    for side, record in (("left", "1"), ("right", "2")):
        mention = mentions.loc[decisions.loc[0, side]]
        assert json.loads(mention["raw"])["record_id"] == record
        assert decisions.loc[0, f"{side}_print"] == _keyed(
            case_dir, "print", _print_text(mention), 16
        )
        columns = json.loads(decisions.loc[0, f"{side}_fields"])["columns"]
        assert columns["given_name"] == _keyed(case_dir, "column", "given_name\x1fIon", 8)
