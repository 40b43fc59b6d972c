"""One reference syntax everywhere (hostile round 14, D7): `explain` and `decide` take
SOURCE#ROW as the overrides CSV writes it, and the CSV takes SOURCE:ROW as `explain`
prints it, with a slot and the N-th of a slot too."""

from __future__ import annotations

from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.resolve.references import MentionReference, parse_reference
from tests.people_case import resolved_people_case

POLICE = "name,dob,phone,role\nIon Pop,1950-01-01,+40 721 000 111,suspect\n"
NGO = "name,dob,phone,role\nIon Popp,2001-05-05,+40 721 000 999,suspect\n"


def test_both_separators_parse_to_one_reference():
    assert parse_reference("arrests.csv:14") == MentionReference("arrests.csv", 14)
    assert parse_reference("arrests.csv#14") == MentionReference("arrests.csv", 14)
    assert parse_reference("cdr.csv#14#caller") == MentionReference("cdr.csv", 14, "caller")
    assert parse_reference("a.jsonl:6:person:2") == MentionReference("a.jsonl", 6, "person", 2)
    assert parse_reference("a.jsonl#6#person#2") == MentionReference("a.jsonl", 6, "person", 2)
    assert parse_reference("m:4f1c") is None
    assert parse_reference("Ion Pop") is None


def _entities(case) -> set[str]:
    done = CliRunner().invoke(cli, ["mentions", str(case), "--type", "person", "--csv"])
    assert done.exit_code == 0, done.output
    return {line.rsplit(",", 1)[1] for line in done.stdout.splitlines()[1:]}


def test_overrides_csv_takes_the_colon_form_and_explain_the_hash_form(tmp_path):
    case = resolved_people_case(tmp_path, police=POLICE, ngo=NGO)
    assert len(_entities(case)) == 2  # dates of birth 51 years apart: two people
    decisions = tmp_path / "decisions.csv"
    decisions.write_text(
        "left,right,decision\npolice.csv:1,ngo.csv:1:person,must_link\n", encoding="utf-8"
    )
    done = CliRunner().invoke(cli, ["resolve", str(case), "--overrides", str(decisions)])
    assert done.exit_code == 0, done.output
    assert "1 analyst decisions honoured" in done.output
    assert len(_entities(case)) == 1
    done = CliRunner().invoke(cli, ["explain", str(case), "police.csv#1", "ngo.csv#1#person"])
    assert done.exit_code == 0, done.output
    assert "Resolved as the SAME entity" in done.output
    assert "decision: must_link" in done.output


def test_decide_takes_the_hash_form(tmp_path):
    case = resolved_people_case(tmp_path, police=POLICE, ngo=NGO)
    done = CliRunner().invoke(cli, ["decide", str(case), "police.csv#1", "ngo.csv#1", "must_link"])
    assert done.exit_code == 0, done.output
    assert CliRunner().invoke(cli, ["resolve", str(case), "-q"]).exit_code == 0
    assert len(_entities(case)) == 1
