"""An analyst's decision is about two records, not two row positions: when a corrected
file is re-ingested with a record inserted at the top, the decision follows its records
to their new rows; when a record is gone, the decision is set aside and warned of, never
applied to whoever sits in that row now."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case

HEADER = "record_id,given_name,family_name,dob,sex,city,role\n"
#: Two men of one name and date of birth (rows 1 and 2): merged unless an analyst says no.
TWIN_1 = "1,Ion,Rusu,1980-02-03,m,Chisinau,suspect\n"
TWIN_2 = "2,Ion,Rusu,1980-02-03,m,Chisinau,suspect\n"
MARIA = "3,Maria,Popa,1991-05-06,f,Iasi,witness\n"
#: A record the corrected file adds at the top: every other row moves down one.
NEWCOMER = "0,Petru,Ciobanu,1975-07-08,m,Balti,suspect\n"


def _run(*args: object) -> str:
    got = CliRunner().invoke(cli, [str(a) for a in args])
    assert got.exit_code == 0, got.output
    return got.output


def _resolve(case_dir: Path) -> tuple[str, str]:
    got = CliRunner().invoke(cli, ["resolve", str(case_dir), "-q"])
    assert got.exit_code == 0, got.output
    return got.stdout, got.stderr


def _entity_by_record(case_dir: Path) -> dict[str, str]:
    """record_id (from the raw row) → entity id, for the person mentions."""
    case = Case.read(case_dir)
    m = case.mentions[case.mentions["type"] == "person"]
    entity = case.entity_of()
    return {
        json.loads(raw)["record_id"]: str(entity[mid])
        for mid, raw in zip(m["mention_id"], m["raw"], strict=True)
    }


def _ingest(path: Path, case_dir: Path) -> None:
    _run("ingest", path, "--preset", "people", "-o", case_dir, "-q")


def test_cannot_link_follows_the_twins_when_a_record_is_inserted_at_the_top(tmp_path):
    people, case_dir = tmp_path / "people.csv", tmp_path / "case"
    people.write_text(HEADER + TWIN_1 + TWIN_2 + MARIA, encoding="utf-8")
    _ingest(people, case_dir)
    _run("decide", case_dir, "people.csv:1", "people.csv:2", "cannot_link", "--note", "twins")
    _resolve(case_dir)
    assert len(set(_entity_by_record(case_dir).values())) == 3  # the twins kept apart

    # The corrected file: one record added at the top, the twins now on rows 2 and 3.
    people.write_text(HEADER + NEWCOMER + TWIN_1 + TWIN_2 + MARIA, encoding="utf-8")
    _ingest(people, case_dir)
    out, err = _resolve(case_dir)
    entity = _entity_by_record(case_dir)
    assert entity["1"] != entity["2"]  # still apart: the decision followed them
    assert len(set(entity.values())) == 4
    assert "1 analyst decisions honoured; 1 followed their records to other rows" in out
    assert "set aside" not in err
    # The table now names the mentions where the records are.
    decisions = Case.read(case_dir).decisions
    mentions = Case.read(case_dir).mentions.set_index("mention_id")
    assert sorted(mentions.loc[list(decisions.loc[0, ["left", "right"]]), "row"]) == [2, 3]
    assert decisions.loc[0, ["left_row", "right_row"]].tolist() == [2, 3]


def test_must_link_whose_record_is_gone_is_set_aside_not_given_to_the_new_occupant(tmp_path):
    people, case_dir = tmp_path / "people.csv", tmp_path / "case"
    people.write_text(HEADER + TWIN_1 + MARIA, encoding="utf-8")
    _ingest(people, case_dir)
    note = "same woman: the analyst checked"
    _run("decide", case_dir, "people.csv:1", "people.csv:2", "must_link", "--note", note)
    out, _ = _resolve(case_dir)
    assert "1 analyst decisions honoured" in out
    entity = _entity_by_record(case_dir)
    assert entity["1"] == entity["3"]  # joined, as decided

    # The corrected file: Ion Rusu's row was a mistake, another man sits in row 1 now.
    people.write_text(HEADER + NEWCOMER + MARIA, encoding="utf-8")
    _ingest(people, case_dir)
    out, err = _resolve(case_dir)
    entity = _entity_by_record(case_dir)
    assert entity["0"] != entity["3"]  # the newcomer is not joined to Maria Popa
    assert "0 analyst decisions honoured; 1 set aside, not applied" in out
    assert "warning: 1 analyst decision set aside, not applied: must_link" in err
    assert repr(note) in err
    assert (
        "people.csv row 1 person was 'Ion Rusu', is now 'Petru Ciobanu';"
        " the record is not in the file any more"
    ) in err
    assert "people.csv row 2" not in err  # Maria Popa's record was found (moved to row 2)
    step = Case.read(case_dir).manifest["steps"][-1]
    assert [d["note"] for d in step["decisions_set_aside"]] == [note]
    # Kept on record: it applies again if the record comes back.
    assert Case.read(case_dir).decisions["note"].tolist() == [note]
    people.write_text(HEADER + TWIN_1 + MARIA, encoding="utf-8")
    _ingest(people, case_dir)
    out, err = _resolve(case_dir)
    assert "1 analyst decisions honoured" in out
    assert "set aside" not in err
    entity = _entity_by_record(case_dir)
    assert entity["1"] == entity["3"]


def test_a_victims_name_is_withheld_in_the_warning(tmp_path):
    people, case_dir = tmp_path / "people.csv", tmp_path / "case"
    victim = "3,Ana,Lupu,1999-01-01,f,Iasi,victim\n"
    people.write_text(HEADER + TWIN_1 + victim, encoding="utf-8")
    _ingest(people, case_dir)
    _run("decide", case_dir, "people.csv:1", "people.csv:2", "cannot_link")
    people.write_text(HEADER + TWIN_1 + NEWCOMER, encoding="utf-8")  # her row gone
    _ingest(people, case_dir)
    _, err = _resolve(case_dir)
    assert "people.csv row 2 person was 'a victim', is now 'Petru Ciobanu'" in err
    assert "Ana" not in err
    assert "Lupu" not in err


def test_decisions_written_before_fingerprints_still_apply_and_get_them(tmp_path):
    people, case_dir = tmp_path / "people.csv", tmp_path / "case"
    people.write_text(HEADER + TWIN_1 + TWIN_2 + MARIA, encoding="utf-8")
    _ingest(people, case_dir)
    ids = Case.read(case_dir).mentions.set_index("row")["mention_id"]
    old = pd.DataFrame(  # the columns of an older decisions.parquet
        {
            "left": [ids[1]],
            "right": [ids[2]],
            "decision": ["cannot_link"],
            "analyst": ["ana"],
            "decided_at": [pd.Timestamp("2026-01-02", tz="UTC")],
            "note": ["twins"],
            "source": ["linkgraph decide"],
        }
    )
    old.to_parquet(case_dir / "decisions.parquet")
    out, _ = _resolve(case_dir)
    assert "1 analyst decisions honoured" in out
    entity = _entity_by_record(case_dir)
    assert entity["1"] != entity["2"]
    kept = Case.read(case_dir).decisions
    assert kept.loc[0, ["left_label", "right_label"]].tolist() == ["Ion Rusu", "Ion Rusu"]
    assert kept.loc[0, ["left_print", "right_print"]].notna().all()


HOTLINE = [
    {
        "report_id": "HL-1",
        "caller": {"name": "anonymous"},
        "subjects": [
            {"full_name": "Precious Eghosa", "role": "victim"},
            {"full_name": "Mama Rita", "role": "suspect"},
        ],
    },
    {
        "report_id": "HL-2",
        "caller": {"name": "Gift Aimuamwosa", "phone": "+393205550000"},
        "subjects": [{"full_name": "Ikechukwu Nwosu", "role": "suspect"}],
    },
]
HOTLINE_MAP = """format: json
entities:
  caller:
    type: person
    fields:
      name: caller.name
  subject:
    type: person
    each: subjects
    fields:
      name: full_name
      role: role
"""
ARRESTS = (
    "record_id,given_name,family_name,dob,sex,city,role\n1,Rita,Okoro,1970-01-01,f,Napoli,suspect\n"
)


def _hotline_case(tmp_path: Path) -> tuple[Path, Path, Path]:
    hotline, mapping = tmp_path / "hotline.json", tmp_path / "hotline.yaml"
    hotline.write_text(json.dumps(HOTLINE), encoding="utf-8")
    mapping.write_text(HOTLINE_MAP, encoding="utf-8")
    (tmp_path / "arrests.csv").write_text(ARRESTS, encoding="utf-8")
    case_dir = tmp_path / "case"
    _run("ingest", hotline, "--mapping", mapping, "-o", case_dir, "-q")
    _ingest(tmp_path / "arrests.csv", case_dir)
    return hotline, mapping, case_dir


def test_a_decision_on_a_json_list_item_follows_it_when_a_report_is_added_first(tmp_path):
    hotline, mapping, case_dir = _hotline_case(tmp_path)
    # The anonymous caller of report 1 is Rita Okoro (arrests row 1).
    _run(
        "decide", case_dir, "hotline.json:1:caller", "arrests.csv:1", "must_link", "--note", "voice"
    )
    mentions = Case.read(case_dir).mentions.set_index("mention_id")
    # The NGO's corrected export: an earlier report at the top (the JSON columns differ too:
    # this caller has a phone, as report 1's had not).
    earlier = {"report_id": "HL-0", "caller": {"name": "Don Peppe", "phone": "+393331234000"}}
    hotline.write_text(json.dumps([earlier, *HOTLINE]), encoding="utf-8")
    _run("ingest", hotline, "--mapping", mapping, "-o", case_dir, "-q")
    out, err = _resolve(case_dir)
    assert "1 analyst decisions honoured; 1 followed" in out, out + err
    case = Case.read(case_dir)
    m = case.mentions.set_index("mention_id")
    entity = case.entity_of()
    by_label = {
        (label, row): str(entity[mid])
        for mid, label, row in zip(m.index, m["label"], m["row"], strict=True)
    }
    assert by_label[("unnamed caller", 2)] == by_label[("Rita Okoro", 1)]
    assert by_label[("Don Peppe", 1)] != by_label[("Rita Okoro", 1)]
    assert len(mentions) + 1 == len(m)  # one more caller, no subject


def test_a_reference_to_several_mentions_of_a_slot_lists_usable_ones(tmp_path):
    _, _, case_dir = _hotline_case(tmp_path)
    got = CliRunner().invoke(
        cli, ["decide", str(case_dir), "arrests.csv:1", "hotline.json:1:subject", "cannot_link"]
    )
    assert got.exit_code != 0
    assert "hotline.json:1:subject holds 2 mentions" in got.output
    mentions = Case.read(case_dir).mentions
    subjects = mentions[(mentions["row"] == 1) & (mentions["slot"] == "subject")]
    victim_id, rita_id = subjects["mention_id"].tolist()  # in the file's order
    assert f"hotline.json:1:subject:1 ({victim_id} Victim-" in got.output
    assert f"hotline.json:1:subject:2 ({rita_id} Mama Rita)" in got.output
    assert "Precious" not in got.output
    assert "Eghosa" not in got.output
    # The hint's references work.
    out = _run("decide", case_dir, "arrests.csv:1", "hotline.json:1:subject:2", "cannot_link")
    assert rita_id in out
    got = CliRunner().invoke(
        cli, ["decide", str(case_dir), "arrests.csv:1", "hotline.json:1:subject:3", "must_link"]
    )
    assert got.exit_code != 0
    assert "no mention at hotline.json:1:subject:3: hotline.json:1:subject holds 2" in got.output


# -- a victim's pseudonym follows her record, not her row ---------------------------------

ANA = "7,Ana,Lupu,1999-01-01,f,Iasi,victim\n"
ELENA = "8,Elena,Rusu,2001-04-05,f,Iasi,victim\n"


def _pseudonym_by_record(case_dir: Path) -> dict[str, str]:
    """record_id → the label `linkgraph mentions` prints (a victim's pseudonym)."""
    case = Case.read(case_dir)
    rows = dict(zip(case.mentions["mention_id"], case.mentions["raw"], strict=True))
    got = CliRunner().invoke(cli, ["mentions", str(case_dir), "--csv"])
    assert got.exit_code == 0, got.output
    table = pd.read_csv(io.StringIO(got.stdout), dtype=str)
    return {
        json.loads(rows[mid])["record_id"]: label
        for mid, label in zip(table["mention_id"], table["label"], strict=True)
    }


def test_a_victims_pseudonym_survives_a_corrected_file_that_moves_her_row(tmp_path):
    people, case_dir = tmp_path / "people.csv", tmp_path / "case"
    people.write_text(HEADER + ANA + MARIA, encoding="utf-8")
    _ingest(people, case_dir)
    _resolve(case_dir)
    before = _pseudonym_by_record(case_dir)
    assert before["7"].startswith("Victim-")

    # Another victim's record inserted at the top: she now sits in Ana's old row.
    people.write_text(HEADER + ELENA + ANA + MARIA, encoding="utf-8")
    _ingest(people, case_dir)
    _resolve(case_dir)
    after = _pseudonym_by_record(case_dir)
    assert after["7"] == before["7"]  # Ana keeps hers
    assert after["8"].startswith("Victim-")
    assert after["8"] != before["7"]  # and it does not pass to Elena
    assert after["3"] == "Maria Popa"


# -- the pseudonyms of her phone and documents follow their values, not their rows -------

PHONE_HEADER = "record_id,given_name,family_name,dob,sex,city,role,phone,passport\n"
ANA_IDS = "7,Ana,Lupu,1999-01-01,f,Iasi,victim,+40 722 111 222,RO123456\n"
ELENA_IDS = "8,Elena,Rusu,2001-04-05,f,Iasi,victim,+40 722 555 666,RO555555\n"
PETRU_IDS = "0,Petru,Ciobanu,1975-07-08,m,Balti,suspect,+40 722 999 000,RO999000\n"


def _labels_by_record(case_dir: Path) -> dict[tuple[str, str], tuple[str, str]]:
    """(record_id, type) → (label `linkgraph mentions` prints, entity id)."""
    case = Case.read(case_dir)
    rows = dict(zip(case.mentions["mention_id"], case.mentions["raw"], strict=True))
    got = CliRunner().invoke(cli, ["mentions", str(case_dir), "--csv"])
    assert got.exit_code == 0, got.output
    table = pd.read_csv(io.StringIO(got.stdout), dtype=str)
    return {
        (json.loads(rows[mid])["record_id"], kind): (label, entity)
        for mid, kind, label, entity in zip(
            table["mention_id"], table["type"], table["label"], table["entity_id"], strict=True
        )
    }


def test_her_phones_and_documents_keep_their_pseudonyms_after_a_corrected_file(tmp_path):
    people, case_dir = tmp_path / "people.csv", tmp_path / "case"
    people.write_text(PHONE_HEADER + ANA_IDS + ELENA_IDS, encoding="utf-8")
    _ingest(people, case_dir)
    _resolve(case_dir)
    before = _labels_by_record(case_dir)
    assert before[("7", "phone")][0].startswith("Victim-")
    assert before[("7", "phone")][0].endswith("(phone)")
    assert before[("7", "document")][0].endswith("(document)")

    # A suspect's record inserted at the top: every row moves down one.
    people.write_text(PHONE_HEADER + PETRU_IDS + ANA_IDS + ELENA_IDS, encoding="utf-8")
    _ingest(people, case_dir)
    _resolve(case_dir)
    after = _labels_by_record(case_dir)
    for record in ("7", "8"):
        for kind in ("person", "phone", "document"):
            assert after[(record, kind)][0] == before[(record, kind)][0], (record, kind)
        # her person, phone and document keep the keyed part of their ids (named after her
        # records, after the value), ahead of which the part that fixes where the id
        # sorts follows the rows
        for kind in ("person", "phone", "document"):
            keyed = after[(record, kind)][1].split("-")[-1]
            assert keyed == before[(record, kind)][1].split("-")[-1], (record, kind)
            assert len(keyed) == 16
    # the suspect now in Ana's old row is shown in clear, under no pseudonym of hers
    assert after[("0", "phone")][0] == "+40722999000"
    assert after[("0", "document")][0] == "RO999000"
    shown = {label for label, _ in after.values()}
    assert len([s for s in shown if s.startswith("Victim-")]) == 6

    # The ids are keyed by the case's own key: another case of the same file has others
    # (an id is no bare hash of her number, which anyone could recompute).
    other = tmp_path / "other"
    _ingest(people, other)
    _resolve(other)
    again = _labels_by_record(other)
    assert again[("7", "phone")][1].split("-")[-1] != after[("7", "phone")][1].split("-")[-1]
    assert again[("0", "phone")][1] == after[("0", "phone")][1]  # not hers: by position
