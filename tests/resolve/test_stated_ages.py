"""An age stated on a record (an NGO's intake sheet: "Age 29", dated by the intake) is a
year of birth, one year either way (tester t44, D6 and D1a): resolution compares it with
the other record's date of birth or age, against a match when they are clearly
incompatible, weakly for one when they agree, and a generation apart is a parent and
child ("Jimmy Scott Jr.", 29 in 2024, is not James Scott born 1965, on one phone).
`mapping suggest` puts the Age column on the person, and a mapping that maps an Age
column as ``dob`` reads it as the age rather than refusing every row."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from people_case import entity_by_row

from linkgraph.cli import cli

POLICE = """record_id,given_name,family_name,date_of_birth,sex,phone,address,city
P1,James,Scott,1965-03-27,M,+447911123456,117 Rua Campbell,Leeds
P2,Maria,Santos,1970-02-11,F,+351912000001,,Porto
P3,Ana,Pereira,1994-06-16,F,+351912000002,,Lisbon
P4,Ivan,Petrov,1975-02-11,M,+4917612345002,,Bremen
P5,Fatma,Kaya,1969-05-02,F,+4917612345003,,Leipzig
P6,Jose,Garcia,1988-07-30,M,+4917612345004,,Bremen
P7,Olena,Koval,1991-09-14,F,+4917612345005,,Berlin
P8,James,Scott,1994-06-16,M,+447911123456,117 Rua Campbell,Leeds
"""
NGO = """case_no,full_name,age,gender,phone,city,intake_date
N1,Jimmy Scott Jr.,29,M,+447911123456,Leeds,2024-03-01
N2,Maria Santos,25,F,,Porto,2024-05-02
N3,Ana Pereira,30,F,,Lisbon,2024-07-01
N4,Ivan Petrov,49,M,+4917612345002,Bremen,2024-01-10
N5,Fatma Kaya,55,F,+4917612345003,Leipzig,2024-02-10
N6,Jose Garcia,35,M,+4917612345004,Bremen,2024-03-10
N7,Olena Koval,32,F,+4917612345005,Berlin,2024-04-10
N8,Jimmy Scott,59,M,+447911123456,Leeds,2024-04-11
"""
NGO_MAPPING = """format: csv
entities:
  person:
    type: person
    fields:
      name: full_name
      sex: gender
      city: city
      {age_field}: age
  phone:
    type: phone
    fields:
      phone: phone
  case:
    type: event
    fields:
      identifier: case_no
      time: intake_date
links:
- kind: uses_phone
  src: person
  dst: phone
- kind: involved_in
  src: person
  dst: case
"""


def _case(tmp_path: Path, age_field: str = "age") -> Path:
    runner = CliRunner()
    case = tmp_path / "case"
    police, ngo = tmp_path / "police.csv", tmp_path / "ngo.csv"
    police.write_text(POLICE, encoding="utf-8")
    ngo.write_text(NGO, encoding="utf-8")
    mapping = tmp_path / "ngo.yaml"
    mapping.write_text(NGO_MAPPING.format(age_field=age_field), encoding="utf-8")
    for args in (
        ["ingest", str(police), "--preset", "people", "-o", str(case), "-q"],
        ["ingest", str(ngo), "--mapping", str(mapping), "-o", str(case), "-q"],
        ["resolve", str(case), "-q"],
    ):
        done = runner.invoke(cli, args)
        assert done.exit_code == 0, done.output
    return case


def _check(case: Path) -> None:
    entity = entity_by_row(case)
    # A son (29 at intake in 2024: born 1994-95) is not his father born 1965, though they
    # share the family's phone, name and town.
    assert entity[("police.csv", 1)] != entity[("ngo.csv", 1)]
    # 25 in 2024 is not born 1970: two namesakes of one town.
    assert entity[("police.csv", 2)] != entity[("ngo.csv", 2)]
    # 30 in 2024 is born 1993-94: she is, name and town agreeing.
    assert entity[("police.csv", 3)] == entity[("ngo.csv", 3)]
    for row in (4, 5, 6, 7):  # ages that fit, one phone
        assert entity[("police.csv", row)] == entity[("ngo.csv", row)], row
    # The father (born 1965, 59 at another intake) and the son (born 1994, "Jr.", 29):
    # each date borne out by another record, at one home, on one phone, two people.
    assert entity[("police.csv", 1)] == entity[("ngo.csv", 8)]
    assert entity[("police.csv", 8)] == entity[("ngo.csv", 1)]
    assert entity[("police.csv", 1)] != entity[("police.csv", 8)]


def test_a_stated_age_is_a_year_of_birth(tmp_path):
    case = _case(tmp_path)
    _check(case)
    out = CliRunner().invoke(
        cli, ["explain", str(case), "police.csv:2", "ngo.csv:2", "--show-victims"]
    )
    assert out.exit_code == 0, out.output
    assert "A born 1970, B born 1998-1999" in out.output
    assert "dob: far apart" in out.output


def test_an_age_column_mapped_as_dob_is_read_as_the_age(tmp_path):
    case = _case(tmp_path, age_field="dob")
    import linkgraph as lg

    rejects = lg.Case.read(case).rejects
    assert not (rejects["reason"] == "dob_invalid").any(), rejects
    _check(case)


def test_suggest_puts_age_and_origin_on_the_person(tmp_path):
    sheet = tmp_path / "intake.csv"
    sheet.write_text(
        "Case No,Full name,Edad,Gender,Phone,City of origin,Intake date\n"
        + "".join(
            f"C-{i},Persona Numero{i},{20 + i},F,+3491200{i:04d},{town},2024-03-{i + 1:02d}\n"
            for i, town in enumerate(
                ["Cali", "Medellín", "Bogotá", "Pasto", "Cúcuta", "Ibagué"] * 2
            )
        ),
        encoding="utf-8",
    )
    draft = tmp_path / "draft.yaml"
    done = CliRunner().invoke(cli, ["mapping", "suggest", str(sheet), "-o", str(draft)])
    assert done.exit_code == 0, done.output
    import yaml

    entities = yaml.safe_load(draft.read_text(encoding="utf-8"))["entities"]
    person = next(e for e in entities.values() if e["type"] == "person")
    assert person["fields"].get("age") == "Edad"
    assert person["fields"].get("city") == "City of origin"
    for name, e in entities.items():
        if e["type"] != "person":
            assert "Edad" not in e["fields"].values(), name
            assert "City of origin" not in e["fields"].values(), name


def test_the_people_preset_keeps_an_age_column(tmp_path):
    """``--preset people`` reads an Age column (here "Âge") as the person's stated age."""
    data = tmp_path / "list.csv"
    data.write_text("name,Âge\nAna Pereira,30\nIvan Petrov,\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["ingest", str(data), "--preset", "people", "-o", str(tmp_path / "c"), "-q"]
    )
    assert result.exit_code == 0, result.output
    assert "does not read" not in result.output
    from linkgraph.model import Case

    attrs = Case.read(tmp_path / "c").mentions.set_index("row")["attrs"]
    assert '"age": "30"' in attrs[1]


def test_ages_on_undated_records_compare_within_their_file():
    """Two ages stated in one file on records without a date of birth or a date of their
    own were stated at about one time: 30 and 70 are a parent and a child (a generation
    apart), 30 and 34 are not; an undated age in another file is not compared (its date
    unknown). They are no level of the date of birth (that would be learnt)."""
    import numpy as np

    from linkgraph.resolve.comparisons import COMPARISONS, age_gap, generations_apart
    from linkgraph.resolve.features import person_features

    from .factory import mention, mentions_frame

    rows = [("a.csv", 30), ("a.csv", 31), ("a.csv", 70), ("a.csv", 34), ("b.csv", 70)]
    frame = mentions_frame(
        mention("person", source=src, row=i, name="John Smith", attrs=f'{{"age": "{age}"}}')
        for i, (src, age) in enumerate(rows, start=1)
    )
    f = person_features(frame)
    left, right = np.zeros(4, dtype=np.int64), np.array([1, 2, 3, 4])
    # |30 - 31| - 1, |30 - 70| - 1, |30 - 34| - 1; another file: not compared
    assert age_gap(f, left, right, undated=True).tolist() == [0, 39, 3, -1]
    assert generations_apart(f, left, right).tolist() == [False, True, False, False]
    dob = COMPARISONS["dob"]
    levels, _ = dob.compare(f, left, right)
    assert levels.tolist() == [dob.code("null")] * 4
