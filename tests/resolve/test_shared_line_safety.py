"""Wrong merges on a shared phone, a shared town or no name at all (round 9 F3, F5, F6,
F7): a phone or a city is what a household, a call centre or a capital's millions
share, and a mention without a name has nothing but its identifiers to be told by."""

from __future__ import annotations

import io
import re

import pandas as pd
from click.testing import CliRunner
from people_case import person_mentions, resolved_people_case

from linkgraph.cli import cli

FAMILY_PHONE = "+39 333 100 2000"
OFFICE_PHONE = "+40 21 555 0100"


def _case(tmp_path, **files: str):
    return resolved_people_case(tmp_path, **files)


def _entities(case) -> pd.Series:
    """Entity id per (source, row) of the person mentions."""
    return person_mentions(case)["entity_id"]


def _explain(case, a: str, b: str) -> str:
    out = CliRunner().invoke(cli, ["explain", str(case), a, b, "--show-victims"])
    assert out.exit_code == 0, out.output
    return out.output


def test_suspect_mother_on_her_daughters_phone_is_not_the_victim(tmp_path):
    """F3: 'Maria', arrested as a suspect, on the family's phone is within the victim
    'Maria Rossi''s name, but a suspect and a victim are two people: not merged."""
    case = _case(
        tmp_path,
        victims=f"name,phone,role,dob\nMaria Rossi,{FAMILY_PHONE},victim,2003-09-09\n",
        arrests=f"name,phone,role,dob\nMaria,{FAMILY_PHONE},suspect,\n",
    )
    entity = _entities(case)
    assert entity[("arrests.csv", 1)] != entity[("victims.csv", 1)]
    assert "SAME entity" not in _explain(case, "victims.csv:1", "arrests.csv:1")
    # The suspect is shown as herself (an agency gave her a role of her own); the
    # victim and the phone she holds stay behind pseudonyms.
    out = CliRunner().invoke(cli, ["mentions", str(case), "--csv"])
    assert out.exit_code == 0, out.output
    mentions = pd.read_csv(io.StringIO(out.stdout))
    label = mentions[mentions["type"] == "person"].set_index(["source", "row"])["label"]
    assert label[("arrests.csv", 1)] == "Maria"
    assert label[("victims.csv", 1)].startswith("Victim-")
    assert "Rossi" not in out.stdout
    assert "333" not in out.stdout


def test_given_name_alone_within_a_name_of_another_sex_or_birth_stays_apart(tmp_path):
    """F3 (c): one name within the other on one phone is no match when the sexes or the
    full dates of birth conflict."""
    case = _case(
        tmp_path,
        listed=(
            "name,phone,sex,dob\n"
            f"Andrea Bianchi,{FAMILY_PHONE},F,1990-03-04\n"
            "Luca Verdi,+39 347 200 3000,M,1970-05-06\n"
        ),
        book=(f"name,phone,sex,dob\nAndrea,{FAMILY_PHONE},M,\nLuca,+39 347 200 3000,,1951-08-09\n"),
    )
    entity = _entities(case)
    assert entity[("book.csv", 1)] != entity[("listed.csv", 1)]
    assert entity[("book.csv", 2)] != entity[("listed.csv", 2)]


def test_bare_name_on_a_phone_of_two_namesakes_joins_neither(tmp_path):
    """F6: 'Ion' on the office phone of 'Ion Popescu' and 'Ion Vasilescu' fits both:
    it joins neither (and the two stay apart)."""
    case = _case(
        tmp_path,
        staff=(
            "name,phone,role,dob\n"
            f"Ion Popescu,{OFFICE_PHONE},suspect,1985-02-03\n"
            f"Ion Vasilescu,{OFFICE_PHONE},witness,1990-07-08\n"
        ),
        book=f"name,phone\nIon,{OFFICE_PHONE}\n",
    )
    entity = _entities(case)
    assert len({entity[("staff.csv", 1)], entity[("staff.csv", 2)], entity[("book.csv", 1)]}) == 3
    assert "SAME entity" not in _explain(case, "book.csv:1", "staff.csv:1")


def test_bare_name_fitting_one_name_on_the_phone_still_joins_it(tmp_path):
    """The rule stays for the case it was made for: 'Blessing' on the phone of the victim
    Blessing Osaro Igbinedion, beside a relative 'Joy Igbinedion' (whose name 'Blessing'
    is not within), is her."""
    phone = "+39 329 123 4567"
    case = _case(
        tmp_path,
        victims=f"name,phone,role\nBlessing Osaro IGBINEDION,{phone},victim\n",
        book=f"name,phone\nBlessing,{phone}\nJoy Igbinedion,{phone}\n",
    )
    entity = _entities(case)
    assert entity[("book.csv", 1)] == entity[("victims.csv", 1)]
    assert entity[("book.csv", 2)] != entity[("victims.csv", 1)]


def test_different_family_names_and_births_on_one_phone_and_city_stay_apart(tmp_path):
    """F5: the same given name, different family names and conflicting dates of birth are
    two people, whatever phone and city they share."""
    case = _case(
        tmp_path,
        register=(
            "name,phone,role,dob,city\n"
            f"Ion Popescu,{OFFICE_PHONE},suspect,1985-02-03,Bucuresti\n"
            f"Ion Vasilescu,{OFFICE_PHONE},witness,1990-07-08,Bucuresti\n"
            "John Unknown,+44 7700 900123,suspect,1979-03-03,London\n"
            "John Smith,+44 7700 900123,witness,1982-04-04,London\n"
            "Nil Demir,+90 532 111 2233,suspect,1991-09-09,Istanbul\n"
        ),
    )
    entity = _entities(case)
    assert entity[("register.csv", 1)] != entity[("register.csv", 2)]
    assert entity[("register.csv", 3)] != entity[("register.csv", 4)]
    explained = _explain(case, "register.csv:1", "register.csv:2")
    assert "capped: different family names, dates of birth in conflict" in explained
    # A city many people share weighs no more than its default (log2(0.85 / 0.02) = 5.4
    # bits), not what a phone does (+8.5 bits before: the small case's duplicates taken
    # out of the random pairs' u left a tenth of it).
    city = re.search(r"city: exact, similarity 1, weight \+([0-9.]+) bits", explained)
    assert city is not None, explained
    assert float(city.group(1)) < 5.6


def test_nameless_victims_are_not_merged_on_date_and_city(tmp_path):
    """F7: anonymous victims ('Anonymous' read as no name) of one town and one date of
    birth (1 January or another) are several people: no merge without a document, phone,
    e-mail or account in common."""
    case = _case(
        tmp_path,
        ngo=(
            "name,phone,role,dob,city\n"
            "Anonymous,,victim,2002-01-01,Iasi\n"
            "Anonymous,,victim,2002-01-01,Iasi\n"
            "Anonymous,,victim,2002-02-02,Iasi\n"
            "ANONYMOUS,,victim,2002-02-02,Iasi\n"
            "Unknown,+40 744 999 888,victim,2001-05-05,\n"
            "N/A,+40 744 999 888,victim,,\n"
        ),
    )
    entity = _entities(case)
    assert len({entity[("ngo.csv", r)] for r in (1, 2, 3, 4)}) == 4
    # a strong identifier, nothing in conflict, still joins two nameless mentions
    assert entity[("ngo.csv", 5)] == entity[("ngo.csv", 6)]
    explained = _explain(case, "ngo.csv:3", "ngo.csv:4")
    assert "capped: no name, no document, phone, e-mail or account in common" in explained
