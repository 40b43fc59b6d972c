"""What a case says about itself must not be misread from its own families (tester 31).

Twins in a case of ordinary families are no sign of a register that replaces given names
(FEBRL): they stay apart. A father and the son named after him on the household phone
are no sign of unreliable dates. Two women of one full name born ten years apart, at two
house numbers of one street, are two people. ``explain --json`` carries the prior, so
its weights rebuild the probability.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from click.testing import CliRunner
from people_case import entity_by_row

from linkgraph.cli import cli

_HEADER = "given_name,family_name,dob,phone,address,city"
_GIVEN = [
    "Andrei",
    "Boris",
    "Ciprian",
    "Dorin",
    "Emil",
    "Florin",
    "Grigore",
    "Horia",
    "Iulian",
    "Lucian",
    "Marius",
    "Nicolae",
    "Ovidiu",
    "Petru",
    "Radu",
    "Sorin",
    "Traian",
    "Valentin",
    "Zaharia",
    "Bogdan",
    "Cosmin",
]
_WIVES = [
    "Ana",
    "Bianca",
    "Camelia",
    "Daniela",
    "Elena",
    "Florina",
    "Gabriela",
    "Ioana",
    "Larisa",
    "Mirela",
    "Nadia",
    "Oana",
    "Paula",
    "Roxana",
    "Simona",
    "Teodora",
    "Violeta",
    "Zenovia",
    "Adela",
    "Carmen",
    "Doina",
]


def _write(path: Path, rows: list[tuple[str, ...]]) -> None:
    path.write_text("\n".join([_HEADER, *(",".join(r) for r in rows)]) + "\n", encoding="utf-8")


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def _resolve(tmp: Path, files: dict[str, list[tuple[str, ...]]]) -> Path:
    paths = []
    for name, rows in files.items():
        _write(tmp / name, rows)
        paths.append(str(tmp / name))
    out = tmp / "case"
    _run("ingest", *paths, "--preset", "people", "-o", str(out), "-q")
    _run("resolve", str(out), "-q")
    return out


def _model(case: Path) -> dict:
    return json.loads((case / "manifest.json").read_text())["resolve_model"]


@pytest.fixture(scope="module")
def families(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """14 couples and 7 pairs of twins, each household on one phone and at one address,
    every person in both files: 21 households, 7 of them (a third) born on one day."""
    rows = []
    for k in range(14):
        home = (f"+40721{k:06d}", f"{k + 1} Strada Lunga", "Iasi")
        rows.append((_GIVEN[k], f"Family{k}", f"19{60 + k}-0{1 + k % 9}-1{k % 9}", *home))
        rows.append((_WIVES[k], f"Family{k}", f"19{62 + k}-1{k % 3}-2{k % 9}", *home))
    for k in range(7):
        home = (f"+40731{k:06d}", f"{k + 1} Strada Scurta", "Cluj")
        dob = f"19{80 + k}-0{1 + k}-0{1 + k}"
        rows.append((_GIVEN[14 + k], f"Twin{k}", dob, *home))
        rows.append((_WIVES[14 + k], f"Twin{k}", dob, *home))
    return _resolve(tmp_path_factory.mktemp("families"), {"police.csv": rows, "ngo.csv": rows})


def test_twins_in_a_case_of_families_stay_apart(families):
    model = _model(families)
    # 7 of 21 households born on one day: twins, not a register's replaced given names.
    assert model["household_info"] == {"households": 21, "same_birthday_share": 0.3333}
    assert model["households_apart"] is True
    ent = entity_by_row(families)
    for k in range(7):
        a, b = 29 + 2 * k, 30 + 2 * k  # data rows of the k-th twins
        assert ent["police.csv", a] != ent["police.csv", b], k
        assert ent["police.csv", a] == ent["ngo.csv", a], k
        assert ent["police.csv", b] == ent["ngo.csv", b], k


def test_a_register_that_replaces_given_names_is_still_read_so_and_explain_says_it(tmp_path):
    # FEBRL's corrupted copies: one family name, address and date of birth, another given
    # name on the copy: the twins cap is off, and explain says so beside such a pair.
    given = ["anna", "boris", "chiara", "dmitri", "elif", "farid", "greta", "hugo"]
    rows = []
    for k in range(40):
        dob = f"19{50 + k % 40}-{1 + k % 12:02d}-{1 + k % 28:02d}"
        for g in (given[k % 8], given[(k + 3) % 8]):
            rows.append((g.title(), f"Family{k}", dob, "", f"{k + 1} Main Street", "Town"))
    case = _resolve(tmp_path, {"reg.csv": rows})
    assert _model(case)["households_apart"] is False
    text = _run("explain", str(case), "reg.csv:1", "reg.csv:2")
    assert "(twins, siblings) is off in this case: of its 40 households" in text
    assert "100% are born on one day" in text


def test_father_and_son_on_one_phone_leave_the_dates_reliable(tmp_path):
    # 30 people, each in both files on their own phone: 30 anchor pairs of one date.
    rows = [
        (_GIVEN[k % 21], f"Single{k}", f"19{50 + k}-0{1 + k % 9}-1{k % 9}", f"+4074{k:07d}", "",
         "Iasi")
        for k in range(30)
    ]  # fmt: skip
    both = list(rows)
    # Six fathers and the sons named after them ("Jr" in the given-name column) on the
    # family's phone, each in both files: 12 more anchors of one date, and 24 father/son
    # pairs (names exact, one phone) born 24 years apart on the same day of another month.
    for k in range(6):
        phone = f"+4075{k:07d}"
        both.append((_GIVEN[k], f"Senior{k}", f"19{55 + k}-01-25", phone, "", "Iasi"))
        both.append((f"{_GIVEN[k]} Jr", f"Senior{k}", f"19{79 + k}-10-25", phone, "", "Iasi"))
    case = _resolve(tmp_path, {"police.csv": both, "ngo.csv": both})
    model = _model(case)
    assert model["date_reliability_info"] == {"dated_anchor_pairs": 42, "conflicting_share": 0.0}
    assert model["dates_reliable"] is True
    ent = entity_by_row(case)
    for k in range(6):
        father, son = 31 + 2 * k, 32 + 2 * k
        assert ent["police.csv", father] == ent["ngo.csv", father], k
        assert ent["police.csv", son] == ent["ngo.csv", son], k
        assert ent["police.csv", father] != ent["police.csv", son], k


def test_one_full_name_born_years_apart_on_one_street_stays_apart(tmp_path):
    # Two women named Nguyen Thi Lan, born 1982 and 1992, at two house numbers of one
    # street in Hanoi, nothing of one person's in common: two people (a far-apart date
    # weighed about -1 bit when EM learnt from a case of namesakes; the cap decides).
    people = [("Thi Lan", "Nguyen", "1982-05-12", "", "34 Pho Hang Bac", "Hanoi")]
    people.append(("Thi Lan", "Nguyen", "1992-04-01", "", "86 Pho Hang Bac", "Hanoi"))
    case = _resolve(tmp_path, {"ngo.csv": people})
    assert entity_by_row(case)["ngo.csv", 1] != entity_by_row(case)["ngo.csv", 2]
    text = _run("explain", str(case), "ngo.csv:1", "ngo.csv:2", "--show-victims")
    assert "rule: capped: one full name, dates of birth years apart" in text


def test_explain_json_carries_the_prior_so_the_weights_rebuild_the_probability(families):
    rows = json.loads(_run("explain", str(families), "police.csv:1", "ngo.csv:1", "--json"))
    fields = {r["field"]: r for r in rows}
    assert fields["prior"]["level"] == "learnt prior"
    assert fields["prior"]["weight"] == round(
        math.log2(_model(families)["prior"] / (1 - _model(families)["prior"])), 3
    )
    bits = sum(r["weight"] for r in rows)
    p = rows[0]["match_probability"]
    assert rows[0]["rule"] in ("", None) or not rows[0]["rule"].startswith("capped")
    assert 1 / (1 + 2**-bits) == pytest.approx(p, abs=1e-3)


def test_one_given_name_written_two_ways_merges_and_twins_stay_apart(tmp_path):
    # The same woman as Olena (Ukrainian) and Jelena (the German transliteration), and
    # Vietnamese given names with the middle name left out on one record, each on one
    # phone with one date of birth: one person each. Twins beside them stay two, and so
    # do twin sisters whose given names share only the middle name.
    background = [
        (
            _GIVEN[k % 21],
            f"Single{k}",
            f"19{50 + k}-0{1 + k % 9}-1{k % 9}",
            f"+4074{k:07d}",
            "",
            "Iasi",
        )
        for k in range(30)
    ]
    police = [
        ("Olena", "Melnyk", "1975-06-23", "+380671234567", "", "Odesa"),
        ("Thi Lan", "Pham", "1982-10-11", "+84911234567", "", "Hanoi"),
        ("Van Hai", "Nguyen", "1990-01-05", "+84917654321", "", "Hanoi"),
        ("Ion", "Rusu", "1998-12-01", "+37369123456", "", "Chisinau"),
        ("Vasile", "Rusu", "1998-12-01", "+37369123456", "", "Chisinau"),
        ("Thi Lan", "Tran", "1995-01-25", "+84919999999", "", "Hanoi"),
        ("Thi Lien", "Tran", "1995-01-25", "+84919999999", "", "Hanoi"),
    ]
    ngo = [
        ("Jelena", "Melnyk", "1975-06-23", "+380671234567", "", "Odesa"),
        ("Lan", "Pham", "1982-10-11", "+84911234567", "", "Hanoi"),
        ("Hai", "Nguyen", "1990-01-05", "+84917654321", "", "Hanoi"),
        ("Ion", "Rusu", "1998-12-01", "+37369123456", "", "Chisinau"),
        ("Vasile", "Rusu", "1998-12-01", "+37369123456", "", "Chisinau"),
        ("Thi Lan", "Tran", "1995-01-25", "+84919999999", "", "Hanoi"),
        ("Thi Lien", "Tran", "1995-01-25", "+84919999999", "", "Hanoi"),
    ]
    # Half the background in each file only: not two lists of the same people.
    files = {"police.csv": police + background[:20], "ngo.csv": ngo + background[10:]}
    case = _resolve(tmp_path, files)
    ent = entity_by_row(case)
    for row in (1, 2, 3, 4, 5, 6, 7):
        assert ent["police.csv", row] == ent["ngo.csv", row], row
    assert ent["police.csv", 4] != ent["police.csv", 5]
    # Twin sisters of one middle name: "Thi Lan" / "Thi Lien" are two given names.
    assert ent["police.csv", 6] != ent["police.csv", 7]
