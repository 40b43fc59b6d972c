"""A name that is only a placeholder word ("anonymous", "N/A", "невідомий") is no name:
the mention keeps its other fields, one with nothing else is an unnamed person of its
row (never merged with the other placeholders), and the summary counts them."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case

MAPPING = """\
format: json
entities:
  caller:
    type: person
    fields:
      name: caller.name
      role: {value: reporter}
  caller_phone:
    type: phone
    fields:
      phone: caller.phone
  subject:
    type: person
    fields:
      name: subject
  case:
    type: event
    fields:
      identifier: report_id
links:
- {kind: uses_phone, src: caller, dst: caller_phone}
- {kind: involved_in, src: caller, dst: case}
- {kind: involved_in, src: subject, dst: case}
"""

CALLERS = [
    {"name": "anonymous"},
    {"name": "Anonimo", "phone": "+39 320 999 9999"},
    {"name": "(Unknown)"},
    {"name": "N/A"},
    {"name": "невідомий"},
    {"name": "Ana Unknown"},  # a name that holds the word is a name
]


def _run(*args: object) -> str:
    got = CliRunner().invoke(cli, [str(a) for a in args])
    assert got.exit_code == 0, got.output
    return got.output


def _hotline(tmp_path: Path) -> Path:
    reports = [
        {"report_id": f"HL-{i}", "caller": caller, "subject": "Mama Rita"}
        for i, caller in enumerate(CALLERS, start=1)
    ]
    (tmp_path / "hotline.json").write_text(json.dumps(reports), encoding="utf-8")
    (tmp_path / "hotline.yaml").write_text(MAPPING, encoding="utf-8")
    return tmp_path / "hotline.json"


def test_placeholder_callers_are_unnamed_persons_of_their_rows(tmp_path):
    case = tmp_path / "case"
    out = _run("ingest", _hotline(tmp_path), "--mapping", tmp_path / "hotline.yaml", "-o", case)
    assert "5 placeholder names read as no name, such as 'anonymous' (row 1)" in out
    _run("resolve", case, "-q")
    got = CliRunner().invoke(cli, ["mentions", str(case), "--csv"])
    table = pd.read_csv(io.StringIO(got.stdout))
    persons = table.query("type == 'person' and slot == 'caller'").set_index("row")
    assert persons.loc[[1, 2, 3, 4, 5], "label"].eq("unnamed caller").all()
    assert persons.loc[6, "label"] == "Ana Unknown"
    # five people, not one "anonymous" and not merged with one another
    assert persons.loc[[1, 2, 3, 4, 5], "entity_id"].nunique() == 5

    loaded = Case.read(case)
    m = loaded.mentions.set_index("mention_id")
    callers = m[(m["slot"] == "caller")]
    assert callers["name"].isna().sum() == 5
    assert not callers["label"].isin(["anonymous", "Anonimo", "N/A", "(Unknown)"]).any()
    # each keeps its links: the report it made, and Anonimo's phone
    links = loaded.links
    made = links[(links["kind"] == "involved_in") & links["src"].isin(callers.index)]
    assert len(made) == 6
    phone = links[(links["kind"] == "uses_phone")]
    assert m.loc[phone["src"], "row"].tolist() == [2]
    assert m.loc[phone["dst"], "identifier"].tolist() == ["+393209999999"]


def test_placeholder_family_name_leaves_the_given_name(tmp_path):
    people = tmp_path / "people.csv"
    people.write_text(
        "given_name,family_name,city\nBlessing,unknown,Napoli\nN/A,N/A,Roma\nJoy,Okafor,Roma\n",
        encoding="utf-8",
    )
    out = _run("ingest", people, "--preset", "people", "-o", tmp_path / "case")
    assert "2 placeholder names read as no name" in out
    m = Case.read(tmp_path / "case").mentions.set_index("row")
    assert m.loc[1, "label"] == "Blessing"
    assert pd.isna(m.loc[1, "family_name"])
    assert m.loc[2, "label"] == "unnamed person"
    assert pd.isna(m.loc[2, "name"])
    assert m.loc[2, "city"] == "Roma"
    assert m.loc[3, "label"] == "Joy Okafor"


def test_no_placeholder_no_line(tmp_path):
    people = tmp_path / "people.csv"
    people.write_text("name,city\nNa Yeon,Seoul\nAna Pop,Iasi\n", encoding="utf-8")
    out = _run("ingest", people, "--preset", "people", "-o", tmp_path / "case")
    assert "placeholder names" not in out
    labels = Case.read(tmp_path / "case").mentions["label"].tolist()
    assert labels == ["Na Yeon", "Ana Pop"]


def test_a_name_of_placeholder_words_only_is_no_name(tmp_path):
    """ "Unknown Unknown" (given and family name both unknown) was kept as a person's name;
    "John Unknown" holds a name and stays one."""
    people = tmp_path / "people.csv"
    people.write_text(
        'name,city\nUnknown Unknown,Iasi\n"N/A, N/A",Roma\nJohn Unknown,London\n',
        encoding="utf-8",
    )
    out = _run("ingest", people, "--preset", "people", "-o", tmp_path / "case")
    assert "2 placeholder names read as no name" in out
    m = Case.read(tmp_path / "case").mentions.set_index("row")
    assert m.loc[1, "label"] == "unnamed person"
    assert pd.isna(m.loc[1, "name"])
    assert m.loc[2, "label"] == "unnamed person"
    assert m.loc[3, "label"] == "John Unknown"
