"""A public register of people (a voter roll in the North Carolina voter file's columns,
a classic record-linkage benchmark) through `mapping suggest` then `ingest` with no edit:
the name is the first and last name (not the middle name or suffix), the date of birth
the birth year (not the age), and the county code a place the rows share, not a case
that would link everyone in the county."""

from __future__ import annotations

import io

import pandas as pd
import yaml
from click.testing import CliRunner

from linkgraph.cli import cli

VOTERS = """\
county_id,county_desc,voter_reg_num,ncid,last_name,first_name,middle_name,name_suffix_lbl,status_cd,res_street_address,res_city_desc,state_cd,zip_code,full_phone_number,race_code,gender_code,birth_age,birth_year,birth_state,registr_dt
1,ALAMANCE,000009058678,AA56273,WILLIAMS,MARY,ELIZABETH,,A,1234 MAIN ST,BURLINGTON,NC,27215,3365551234,W,F,67,1957,NC,05/06/2002
1,ALAMANCE,000009058679,AA56274,WILLIAMS,JOHN,ROBERT,JR,A,1234 MAIN ST,BURLINGTON,NC,27215,3365551234,W,M,70,1954,NC,05/06/2002
2,ALEXANDER,000000012345,BB11111,WILLAMS,MARY,E,,I,1234 MAIN STREET,BURLINGTON,NC,27215,(336) 555-1234,W,F,67,1957,NC,11/12/2010
1,ALAMANCE,000000054321,CC22222,SMITH,JAMES,,SR,A,55 OAK AVE,GRAHAM,NC,27253,,B,M,45,1979,SC,01/02/2015
"""  # noqa: E501


def _cli(*args: str) -> str:
    out = CliRunner().invoke(cli, list(args))
    assert out.exit_code == 0, out.output
    return out.stdout


def test_a_voter_roll_drafts_names_birth_years_and_no_county_event(tmp_path):
    path = tmp_path / "voters.csv"
    path.write_text(VOTERS, encoding="utf-8")
    draft = tmp_path / "voters.yaml"
    _cli("mapping", "suggest", str(path), "-o", str(draft))
    mapping = yaml.safe_load(draft.read_text(encoding="utf-8"))
    person = mapping["entities"]["person"]["fields"]
    assert person["given_name"] == "first_name"
    assert person["family_name"] == "last_name"
    assert person["dob"] == "birth_year"
    assert person["city"] == "res_city_desc"
    assert "name" not in person  # neither the middle name nor the suffix is the name
    assert person["middle_name"] == "middle_name"  # kept, as an attribute
    assert person["birth_age"] == "birth_age"
    assert all(e["type"] != "event" for e in mapping["entities"].values())
    case = tmp_path / "case"
    summary = _cli("ingest", str(path), "--mapping", str(draft), "-o", str(case))
    assert "4 rows, " in summary
    assert "0 rejects" in summary
    _cli("resolve", str(case), "-q")
    listed = _cli("mentions", str(case), "--type", "person", "--csv")
    persons = pd.read_csv(io.StringIO(listed))
    assert persons["label"].tolist() == [
        "MARY WILLIAMS", "JOHN WILLIAMS", "MARY WILLAMS", "JAMES SMITH"
    ]  # fmt: skip
    entity = persons["entity_id"].tolist()
    # Mary in two counties' rolls (one letter dropped) is one voter; her husband at her
    # address and phone, and the man in the same county, are others
    assert entity[0] == entity[2]
    assert len({entity[0], entity[1], entity[3]}) == 3
