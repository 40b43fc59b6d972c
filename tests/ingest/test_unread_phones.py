"""A phone number ingest cannot read ("12", "not-a-phone", "078 555 123" without its
country) is a reject and no phone node; it is kept as written in its owner's attributes,
and a victim's is withheld in every output, through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case

_ROWS = (
    "name,phone,role,notes\n"
    "Natalia Rusu,078 555 123,victim,\n"
    "Ivan Petrov,12,suspect,calls 078-555-123 daily\n"
    "Oleg Sidorov,12,suspect,\n"
    "Anna Bell,0 800 CALL-NOW,,\n"
    "Bob Ray,not-a-phone,,\n"
    "Kat Lee,8 (916) 123-45-67,,\n"
    "Max Good,+380501234567,,\n"
    "Tom Hale,+44 7911 654321,,\n"
)


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def _ingested(tmp_path: Path) -> Path:
    data = tmp_path / "contacts.csv"
    data.write_text(_ROWS, encoding="utf-8")
    out = tmp_path / "case"
    _run("ingest", str(data), "--preset", "people", "-o", str(out), "-q")
    return out


def test_an_unread_phone_is_a_reject_kept_on_its_owner_and_no_node(tmp_path):
    case = Case.read(_ingested(tmp_path))
    m = case.mentions
    phones = m[m["type"] == "phone"]
    # only numbers that name a line: a valid one, and one in international form whose
    # range the metadata does not know (flagged, as before)
    assert sorted(phones["label"]) == ["+380501234567", "+44 7911 654321"]
    assert phones.set_index("label").loc["+44 7911 654321", "flags"] == "phone_invalid"
    persons = m[m["type"] == "person"].set_index("row")
    kept = {
        int(row): json.loads(a)["phone_invalid"]
        for row, a in persons["attrs"].items()
        if isinstance(a, str) and "phone_invalid" in a
    }
    assert kept == {
        1: "078 555 123", 2: "12", 3: "12", 4: "0 800 CALL-NOW", 5: "not-a-phone",
        6: "8 (916) 123-45-67",
    }  # fmt: skip
    rejects = case.rejects[case.rejects["reason"] == "phone_invalid"]
    assert sorted(rejects["row"].astype(int)) == [1, 2, 3, 4, 5, 6, 8]
    # no link reaches a phone that is not there; "12" joins no one to anyone
    assert case.links["kind"].tolist().count("uses_phone") == 2


def test_a_victims_unread_phone_is_withheld_in_exports(tmp_path):
    case_dir = _ingested(tmp_path)
    _run("resolve", str(case_dir), "-q")
    out = tmp_path / "csv"
    _run("export", str(case_dir), "-f", "csv", "-o", str(out))
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(out.glob("*.csv")))
    assert "Natalia" not in text
    # hers in her row, and written by a suspect in his notes ("078-555-123")
    assert "555" not in text
    mentions = pd.read_csv(out / "mentions.csv", dtype=str)
    ivan = mentions[mentions["label"] == "Ivan Petrov"].iloc[0]
    assert "calls Victim-" in ivan["raw"]
    assert json.loads(ivan["attrs"]) == {"phone_invalid": "12"}
    xlsx = tmp_path / "case.xlsx"
    _run("export", str(case_dir), "-f", "xlsx", "-o", str(xlsx))
    for sheet in pd.read_excel(xlsx, sheet_name=None, dtype=str).values():
        assert not sheet.astype(str).apply(lambda c: c.str.contains("555")).any().any()


def test_mapping_preview_shows_no_phone_and_no_victims_number(tmp_path):
    data = tmp_path / "contacts.csv"
    data.write_text("name,phone,role\nNatalia Rusu,078 555 123,victim\n", encoding="utf-8")
    mapping = Path(__file__).parents[2] / "linkgraph" / "ingest" / "presets" / "people.yaml"
    out = json.loads(_run("mapping", "preview", str(data), "--mapping", str(mapping), "--json"))
    assert [m["type"] for m in out["mentions"]] == ["person"]
    assert out["links"] == []
    assert [r["reason"] for r in out["rejects"]] == ["phone_invalid"]
    assert "555" not in json.dumps(out)  # not in the region warning's example either
    assert any("no region was given" in w for w in out["warnings"])


def test_a_persons_own_unread_phone_is_nothing_to_merge_on(tmp_path):
    # a mapping that puts the number on the person: "12" of two people is no shared phone
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        "format: csv\nentities:\n  person:\n    type: person\n"
        "    fields: {name: name, phone: phone}\n",
        encoding="utf-8",
    )
    data = tmp_path / "people.csv"
    data.write_text("name,phone\nAna Pop,12\nIon Rus,12\nMax Good,+380501234567\n", "utf-8")
    out = tmp_path / "case"
    _run("ingest", str(data), "--mapping", str(mapping), "-o", str(out), "-q")
    m = Case.read(out).mentions.set_index("label")
    assert m["phone"].isna().tolist() == [True, True, False]
    assert [json.loads(a) for a in m["attrs"].iloc[:2]] == [{"phone_invalid": "12"}] * 2


def test_an_ftm_persons_unread_phone_is_kept_on_the_person(tmp_path):
    data = tmp_path / "people.ftm.json"
    data.write_text(
        '{"id": "p1", "schema": "Person", "properties": {"name": ["Natalia Rusu"],'
        ' "phone": ["078 555 123", "+380501234567"]}}\n',
        encoding="utf-8",
    )
    out = tmp_path / "case"
    _run("ingest", str(data), "--preset", "ftm", "-o", str(out), "-q")
    case = Case.read(out)
    m = case.mentions
    assert m.loc[m["type"] == "phone", "label"].tolist() == ["+380501234567"]
    person = m[m["type"] == "person"].iloc[0]
    assert json.loads(person["attrs"])["phone_invalid"] == "078 555 123"
    assert case.rejects["value"].tolist() == ["078 555 123"]


_CDR = (
    "caller,callee,start_time,duration,cell_id\n"
    "+447911123456,07700 900123,2024-01-01 10:00:00,10,1\n"
    '+447911123456,"07700 ""900"" 124\\x",2024-01-01 10:01:00,10,1\n'
    "07700 900125,+447911123457,2024-01-01 10:02:00,5,2\n"
    '+447911123457,"07700\t900126",2024-01-01 10:03:00,5,2\n'
    "+447911123457,+447911123456,2024-01-01 10:04:00,5,2\n"
)


def test_a_cdr_without_its_region_keeps_each_unread_number_on_the_other_party(tmp_path):
    data = tmp_path / "cdr.csv"
    data.write_text(_CDR, encoding="utf-8")
    out = tmp_path / "case"
    _run("ingest", str(data), "--preset", "cdr", "-o", str(out), "-q")
    m = Case.read(out).mentions
    attrs = {(r.slot, int(r.row)): r.attrs for r in m.itertuples() if isinstance(r.attrs, str)}
    # as json.dumps writes them: quotes, backslashes and tabs escaped
    assert attrs == {
        ("caller", 1): '{"callee_invalid": "07700 900123"}',
        ("caller", 2): '{"callee_invalid": "07700 \\"900\\" 124\\\\x"}',
        ("callee", 3): '{"caller_invalid": "07700 900125"}',
        ("caller", 4): '{"callee_invalid": "07700\\t900126"}',
    }


def test_unread_numbers_of_many_rows_are_kept_without_json_per_row(tmp_path, monkeypatch):
    # A CDR without its region rejects a number on most rows: they are written to their
    # owners column-wise (a JSON call per row made a million rows take 13 CPU-seconds).
    from linkgraph.ingest import build

    calls = []

    class CountingJson:
        loads = staticmethod(json.loads)

        @staticmethod
        def dumps(*args, **kwargs):
            calls.append(args)
            return json.dumps(*args, **kwargs)

    monkeypatch.setattr(build, "json", CountingJson)
    rows = 3_000
    lines = [
        f"+4479111{i % 90_000 + 10_000:05d},07700 9{i % 90_000 + 10_000:05d},"
        f"2024-01-01 10:00:00,5,1"
        for i in range(rows)
    ]
    data = tmp_path / "cdr.csv"
    data.write_text("caller,callee,start_time,duration,cell_id\n" + "\n".join(lines) + "\n")
    out = tmp_path / "case"
    _run("ingest", str(data), "--preset", "cdr", "-o", str(out), "-q")
    m = Case.read(out).mentions
    kept = m["attrs"].dropna().map(lambda a: json.loads(a)["callee_invalid"])
    assert len(kept) == rows
    assert kept.iloc[7] == "07700 910007"
    assert len(calls) < 20
