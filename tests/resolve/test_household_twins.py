"""Twins and namesakes at one home are two people, through the CLI (tester 25).

A street address or a household's phone is shared by twins, siblings and spouses: it
says one household, not one person. Plainly different given names beside one family
name stay apart however much the date of birth, the address and the phone agree; the
same person under a nickname, or with a patronymic on one record, still merges. Two
full dates of birth of one year with month and day both different are two birthdays:
never evidence for a match.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from people_case import entity_by_row

from linkgraph.cli import cli
from linkgraph.resolve.comparisons import COMPARISONS
from linkgraph.resolve.scoring import Model

_HEADER = "given_name,family_name,dob,phone,address,city"

# Two agencies' records (police, NGO); rows of one person share a letter in the comment.
_POLICE = [
    ("Oleksandr", "Kravets", "1992-03-14", "+380671112233", "vul. Zelena 5", "Lviv"),  # A
    ("Dmytro", "Kravets", "1992-03-14", "+380674445566", "vul. Zelena 5", "Lviv"),  # B
    ("William", "Brown", "1979-03-03", "+447911654321", "12 Hill Road", "Leeds"),  # C
    ("Elena", "Kravets", "1956-04-09", "+380501234567", "vul. Lesi Ukrainky 3", "Lutsk"),  # D
]
_NGO = [
    ("Oleksandr", "Kravets", "1992-03-14", "+380679990000", "", "Lviv"),  # A
    ("Dmytro", "Kravets", "1992-03-14", "+380679990000", "", "Lviv"),  # B, one landline
    ("Bill", "Brown", "1979-03-03", "+447911000999", "12 Hill Road", "Leeds"),  # C
    ("Olena Petrivna", "Kravets", "1956-04-09", "+380501234567", "", "Lutsk"),  # D
]


def _write(path: Path, rows: list[tuple[str, ...]]) -> None:
    path.write_text("\n".join([_HEADER, *(",".join(r) for r in rows)]) + "\n", encoding="utf-8")


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("household")
    _write(tmp / "police.csv", _POLICE)
    _write(tmp / "ngo.csv", _NGO)
    out = tmp / "case"
    _run("ingest", str(tmp / "police.csv"), str(tmp / "ngo.csv"), "--preset", "people",
         "-o", str(out), "-q")  # fmt: skip
    _run("resolve", str(out), "-q")
    return out


def test_twins_at_one_address_stay_apart(case):
    ent = entity_by_row(case)
    # One family name, date of birth and street address, different given names and
    # phones: twins, not one man (the address used to lift the twins cap).
    assert ent["police.csv", 1] != ent["police.csv", 2]
    text = _run("explain", str(case), "police.csv:1", "police.csv:2")
    assert "Resolved as DIFFERENT entities" in text
    assert "capped: given names differ, one family name" in text


def test_twins_on_one_household_phone_stay_apart(case):
    ent = entity_by_row(case)
    # Олександр / Дмитро on the family's landline: a shared phone is a household's.
    assert ent["ngo.csv", 1] != ent["ngo.csv", 2]
    # Each twin is still one person across the two agencies.
    assert ent["police.csv", 1] == ent["ngo.csv", 1]
    assert ent["police.csv", 2] == ent["ngo.csv", 2]


def test_a_record_sharing_nothing_with_either_twin_does_not_chain_them(tmp_path):
    # A bank's "Oleksandr Kravets", born the same day, no phone or address: the weights
    # put him with each twin (one name, one date, nothing differing), and the two twins,
    # at one address, are a conflict no chain of merges crosses.
    _write(tmp_path / "police.csv", _POLICE[:2])
    _write(tmp_path / "bank.csv", [("Oleksandr", "Kravets", "1992-03-14", "", "", "Lviv")])
    out = tmp_path / "case"
    _run("ingest", str(tmp_path / "police.csv"), str(tmp_path / "bank.csv"), "--preset",
         "people", "-o", str(out), "-q")  # fmt: skip
    _run("resolve", str(out), "-q")
    ent = entity_by_row(out)
    assert ent["police.csv", 1] != ent["police.csv", 2]
    assert ent["bank.csv", 1] == ent["police.csv", 1]


def test_one_person_under_a_nickname_or_with_a_patronymic_still_merges(case):
    ent = entity_by_row(case)
    # William / Bill Brown at one address, one date of birth.
    assert ent["police.csv", 3] == ent["ngo.csv", 3]
    # Elena / "Olena Petrivna" (the patronymic joined into the given name) on one phone.
    assert ent["police.csv", 4] == ent["ngo.csv", 4]


def test_a_case_that_replaces_given_names_leaves_homes_to_the_weights(tmp_path):
    # FEBRL's corrupted copies: many pairs with one family name and address and another
    # given name, nearly all born on one day (one person, the given name replaced). The
    # case is read as such, and a place in common lifts the cap there as before.
    given = ["anna", "boris", "chiara", "dmitri", "elif", "farid", "greta", "hugo"]
    rows = []
    for k in range(40):
        dob = f"19{50 + k % 40}-{1 + k % 12:02d}-{1 + k % 28:02d}"
        for g in (given[k % 8], given[(k + 3) % 8]):
            rows.append((g.title(), f"Family{k}", dob, "", f"{k + 1} Main Street", "Town"))
    _write(tmp_path / "reg.csv", rows)
    out = tmp_path / "case"
    _run("ingest", str(tmp_path / "reg.csv"), "--preset", "people", "-o", str(out), "-q")
    _run("resolve", str(out), "-q")
    model = json.loads((out / "manifest.json").read_text())["resolve_model"]
    assert model["households_apart"] is False
    assert model["household_info"] == {"households": 40, "same_birthday_share": 1.0}


def test_namesakes_born_in_one_year_on_other_days_get_no_weight_for_a_match(tmp_path):
    # Two "Oleksandr Ivanov" of Kyiv, born 1985-03-13 and 1985-07-11: neither a swap nor
    # one typo, two birthdays (the "same year" level used to weigh +0.16 bits for).
    rows = [
        ("Oleksandr", "Ivanov", "1985-03-13", "", "", "Kyiv"),
        ("Oleksandr", "Ivanov", "1985-07-11", "", "", "Kyiv"),
    ]
    _write(tmp_path / "a.csv", rows)
    out = tmp_path / "case"
    _run("ingest", str(tmp_path / "a.csv"), "--preset", "people", "-o", str(out), "-q")
    _run("resolve", str(out), "-q")
    text = _run("explain", str(out), "a.csv:1", "a.csv:2")
    line = next(x for x in text.splitlines() if x.startswith("  - dob:"))
    assert line.startswith("  - dob: different, similarity 0, weight -"), line


def test_a_level_against_a_match_never_weighs_for_one():
    # EM fitted on few pairs can put m above u on an "else" level: bounded at 0 bits.
    names = ("given_name", "dob")
    m = {n: list(np.full(len(COMPARISONS[n].levels), 0.2)) for n in names}
    u = {n: list(np.full(len(COMPARISONS[n].levels), 0.1)) for n in names}
    model = Model(comparisons=names, m=m, u=u, prior=0.01)
    given = dict(
        zip(COMPARISONS["given_name"].level_names, model.weights("given_name"), strict=True)
    )
    dob = dict(zip(COMPARISONS["dob"].level_names, model.weights("dob"), strict=True))
    assert given["different"] == 0.0
    assert given["close"] == pytest.approx(1.0)
    assert dob["different"] == dob["far_apart"] == 0.0
    assert dob["same_year"] == pytest.approx(1.0)
