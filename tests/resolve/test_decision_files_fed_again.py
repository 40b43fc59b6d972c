"""A review or overrides CSV fed again after a corrected file was re-ingested: its ids
are row positions, so a row whose mention holds another record now than the file names
is set aside and warned of (never applied to whoever sits there now), and ids the file
does not label are warned of when their file was ingested again since the CSV was written."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case

HEADER = "record_id,given_name,family_name,dob,sex,city,role\n"
ION = "1,Ion,Rusu,1980-02-03,m,Chisinau,suspect\n"
MARIA = "2,Maria,Popa,1991-05-06,f,Iasi,witness\n"
#: Maria Popa again, another spelling and a date of birth off by a typo: an analyst joins them.
MARIIA = "3,Mariia,Popa,1991-06-05,f,Iasi,witness\n"
#: What the corrected export inserts at the top: every other row moves down one.
NEWCOMER = "0,Petru,Ciobanu,1975-07-08,m,Balti,suspect\n"


def _run(*args: object) -> tuple[str, str]:
    got = CliRunner().invoke(cli, [str(a) for a in args])
    assert got.exit_code == 0, got.output
    return got.stdout, got.stderr


def _week1(tmp_path: Path) -> tuple[Path, Path, dict[int, str]]:
    """The first export ingested and resolved: its path, the case and row -> mention id."""
    people, case_dir = tmp_path / "people.csv", tmp_path / "case"
    people.write_text(HEADER + ION + MARIA + MARIIA, encoding="utf-8")
    _run("ingest", people, "--preset", "people", "-o", case_dir, "-q")
    _run("resolve", case_dir, "-q")
    m = Case.read(case_dir).mentions
    m = m[m["type"] == "person"]
    return (
        people,
        case_dir,
        dict(zip(m["row"].astype(int), m["mention_id"].astype(str), strict=True)),
    )


def _corrected_export(people: Path, case_dir: Path, written_before: Path) -> None:
    """The corrected export (a record inserted at the top) ingested after ``written_before``."""
    hour_ago = time.time() - 3600
    os.utime(written_before, (hour_ago, hour_ago))
    people.write_text(HEADER + NEWCOMER + ION + MARIA + MARIIA, encoding="utf-8")
    _run("ingest", people, "--preset", "people", "-o", case_dir, "-q")


def _entity_by_record(case_dir: Path) -> dict[str, str]:
    """record_id (from the raw row) -> entity id, for the person mentions."""
    case = Case.read(case_dir)
    m = case.mentions[case.mentions["type"] == "person"]
    entity = case.entity_of()
    return {
        json.loads(raw)["record_id"]: str(entity[mid])
        for mid, raw in zip(m["mention_id"], m["raw"], strict=True)
    }


def test_a_labelled_review_row_fed_again_is_set_aside_when_its_rows_hold_others(tmp_path):
    people, case_dir, ids = _week1(tmp_path)
    review = tmp_path / "review_labelled.csv"
    review.write_text(
        "left,right,left_label,left_row,right_label,right_row,label\n"
        f"{ids[2]},{ids[3]},Maria Popa,2,Mariia Popa,3,match\n",
        encoding="utf-8",
    )
    _, err = _run("resolve", case_dir, "--labels", review, "-q")
    assert "set aside" not in err
    entity = _entity_by_record(case_dir)
    assert entity["2"] == entity["3"]  # week 1: Maria's two records joined, as labelled

    # Week 3: rows 2 and 3 hold Ion Rusu and Maria Popa now; the review CSV is fed again.
    _corrected_export(people, case_dir, review)
    _, err = _run("resolve", case_dir, "--labels", review, "-q")
    entity = _entity_by_record(case_dir)
    assert entity["1"] != entity["2"]  # Ion Rusu is not joined to Maria Popa
    assert entity["2"] == entity["3"]  # the stored week-1 decision followed Maria's records
    assert "1 row of review_labelled.csv set aside, not applied" in err
    assert (
        "row 1 (must_link): people.csv row 2 person holds 'Ion Rusu' now, the file names"
        " 'Maria Popa'; people.csv row 3 person holds 'Maria Popa' now, the file names"
        " 'Mariia Popa'"
    ) in " ".join(err.split())
    assert "linkgraph review" in err
    decisions = Case.read(case_dir).decisions
    assert len(decisions) == 1  # nothing new on record


def test_labels_compared_loosely_a_row_that_still_names_its_records_applies(tmp_path):
    _, case_dir, ids = _week1(tmp_path)
    review = tmp_path / "review.csv"
    review.write_text(
        "left,right,left_label,right_label,label\n"
        f"{ids[1]},{ids[2]},  ION rusu ,María Popa,non_match\n",
        encoding="utf-8",
    )
    _, err = _run("resolve", case_dir, "--labels", review, "-q")
    assert "set aside" not in err
    assert len(Case.read(case_dir).decisions) == 1


def test_bare_ids_of_a_file_ingested_again_since_are_warned_of(tmp_path):
    people, case_dir, ids = _week1(tmp_path)
    overrides = tmp_path / "overrides.csv"
    overrides.write_text(f"left,right,decision\n{ids[1]},{ids[3]},cannot_link\n", encoding="utf-8")
    _, err = _run("resolve", case_dir, "--overrides", overrides, "-q")
    assert "ingested again" not in err  # written after the only ingest: nothing to say

    _corrected_export(people, case_dir, overrides)
    _, err = _run("resolve", case_dir, "--overrides", overrides, "-q")
    flat = " ".join(err.split())
    assert "overrides.csv was written before people.csv was ingested again" in flat
    assert "may hold other records now" in flat


TWIN_1 = "1,Ion,Rusu,1980-02-03,m,Chisinau,suspect\n"
TWIN_2 = "2,Ion,Rusu,1980-02-03,m,Orhei,suspect\n"


def _twins_kept_apart(tmp_path: Path) -> tuple[Path, Path]:
    """Twins (one name and date of birth) an analyst kept apart with `decide`."""
    people, case_dir = tmp_path / "people.csv", tmp_path / "case"
    people.write_text(HEADER + TWIN_1 + TWIN_2 + MARIA, encoding="utf-8")
    _run("ingest", people, "--preset", "people", "-o", case_dir, "-q")
    _run("decide", case_dir, "people.csv:1", "people.csv:2", "cannot_link", "--note", "twins")
    _run("resolve", case_dir, "-q")
    entity = _entity_by_record(case_dir)
    assert entity["1"] != entity["2"]
    return people, case_dir


def test_a_decision_follows_a_record_whose_city_only_was_corrected(tmp_path):
    people, case_dir = _twins_kept_apart(tmp_path)
    # The corrected export: a record inserted above, and the second twin's city fixed.
    fixed = TWIN_2.replace("Orhei", "Balti")
    people.write_text(HEADER + NEWCOMER + TWIN_1 + fixed + MARIA, encoding="utf-8")
    _run("ingest", people, "--preset", "people", "-o", case_dir, "-q")
    out, err = _run("resolve", case_dir, "-q")
    entity = _entity_by_record(case_dir)
    assert entity["1"] != entity["2"]  # still apart
    flat = " ".join(err.split())
    assert "set aside" not in flat
    assert "set aside" not in out
    assert "1 analyst decision followed its records to rows a corrected file changed" in flat
    assert "people.csv row 2 person followed to row 3: city changed" in flat
    decisions = Case.read(case_dir).decisions
    assert decisions.loc[0, ["left_row", "right_row"]].tolist() == [2, 3]
    # Followed once: the next run finds the record by its new fingerprint, says nothing.
    _, err = _run("resolve", case_dir, "-q")
    assert "followed" not in err
    assert "set aside" not in err


def test_a_record_changed_in_its_identity_is_set_aside_as_changed_not_gone(tmp_path):
    people, case_dir = _twins_kept_apart(tmp_path)
    # The second twin's date of birth corrected: not followed (who he is changed), but
    # the warning says the record changed and names the row, not "not in the file".
    fixed = TWIN_2.replace("1980-02-03", "1980-03-02")
    people.write_text(HEADER + NEWCOMER + TWIN_1 + fixed + MARIA, encoding="utf-8")
    _run("ingest", people, "--preset", "people", "-o", case_dir, "-q")
    _, err = _run("resolve", case_dir, "-q")
    flat = " ".join(err.split())
    assert "1 analyst decision set aside, not applied" in flat
    assert (
        "people.csv row 2 person was 'Ion Rusu', is now 'Ion Rusu'; the record was changed or"
        " removed: the most alike row is 3 (dob differ) and 1 more; decide again with it"
    ) in flat
    assert "not in the file any more" not in flat


def test_a_victims_pseudonym_on_a_row_that_holds_no_victim_now_is_set_aside(tmp_path):
    people, case_dir, ids = _week1(tmp_path)
    review = tmp_path / "review.csv"
    # Row 1 was Ion Rusu; row 3 the review showed as a victim's pseudonym.
    review.write_text(
        f"left,right,left_label,right_label,label\n{ids[1]},{ids[3]},Ion Rusu,Victim-0a1b2c,no\n",
        encoding="utf-8",
    )
    _corrected_export(people, case_dir, review)  # row 3 holds Maria Popa now: no victim
    _, err = _run("resolve", case_dir, "--labels", review, "-q")
    flat = " ".join(err.split())
    assert "1 row of review.csv set aside, not applied" in flat
    assert "people.csv row 1 person holds 'Petru Ciobanu' now, the file names 'Ion Rusu'" in flat
    assert "people.csv row 3 person holds 'Maria Popa' now, the file names 'Victim-0a1b2c'" in flat
