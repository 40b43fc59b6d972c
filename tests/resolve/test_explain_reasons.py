"""`linkgraph explain` names the particular reason: the conflicting pair a refused merge
would have joined, each step of a chain of merges with its probability, and, for two
mentions never compared, what each blocking rule needed."""

from __future__ import annotations

from pathlib import Path

from linkgraph.model import Case
from linkgraph.resolve.config import DEFAULT_BLOCKING
from tests.victim_case_files import run

#: Rows 1-3 one man (row 3 spelt otherwise, met through row 2's e-mail); rows 4-6 others.
PEOPLE = """full_name,dob,phone,email,city
Ion Popescu,1980-01-01,+40721000111,,Iasi
Ion Popescu,1980-01-01,+40721000111,ion.p@example.ro,
Jon Popesku,,,ion.p@example.ro,
Maria Ionescu,1975-05-05,+40721000222,,Cluj
Vasile Rusu,1990-02-03,+40721000333,,Arad
Elena Rusu,1991-02-03,+40721000444,,Arad
"""
#: Three copies of one man's record, told apart by an analyst.
THREE = """full_name,dob,phone,city
Ion Popescu,1980-01-01,+40721000111,Iasi
Ion Popescu,1980-01-01,+40721000111,Iasi
Ion Popescu,1980-01-01,+40721000111,Iasi
Maria Ionescu,1975-05-05,+40721000222,Cluj
Vasile Rusu,1990-02-03,+40721000333,Arad
"""


def _case(tmp_path: Path, text: str) -> Path:
    (tmp_path / "people.csv").write_text(text, encoding="utf-8")
    folder = tmp_path / "case"
    run("ingest", str(tmp_path / "people.csv"), "--preset", "people", "-o", str(folder), "-q")
    run("resolve", str(folder), "-q")
    return folder


def _id(folder: Path, row: int) -> str:
    m = Case.read(folder).mentions
    return str(m.loc[(m["type"] == "person") & (m["row"] == row), "mention_id"].item())


def test_a_refused_merge_names_the_cannot_link_it_would_break(tmp_path: Path) -> None:
    folder = _case(tmp_path, THREE)
    run("decide", str(folder), "people.csv:1", "people.csv:2", "cannot_link")
    run("resolve", str(folder), "-q")
    # Row 3 matches both; it went with one, and its merge with the other was refused.
    text = run("explain", str(folder), "people.csv:2", "people.csv:3")
    text += run("explain", str(folder), "people.csv:1", "people.csv:3")
    assert "decision: refused" in text
    one, two = _id(folder, 1), _id(folder, 2)
    assert (
        f"  - an analyst's cannot-link: {one} (people.csv row 1) ≠ {two} (people.csv row 2)"
        in text.splitlines()
    )


def test_a_chain_of_merges_gives_each_steps_probability(tmp_path: Path) -> None:
    folder = _case(tmp_path, PEOPLE)
    lines = run("explain", str(folder), "people.csv:1", "people.csv:3").splitlines()
    at = lines.index("They share an entity through this chain of merges:")
    one, two, three = (_id(folder, r) for r in (1, 2, 3))
    assert lines[at + 1].startswith(
        f"  {one} (people.csv row 1) → {two} (people.csv row 2): match, match probability "
    )
    assert lines[at + 2].startswith(
        f"  {two} (people.csv row 2) → {three} (people.csv row 3): match, match probability "
    )
    assert "(rule: same email + name)" in lines[at + 2]


def test_a_pair_never_compared_shows_what_each_blocking_rule_needed(tmp_path: Path) -> None:
    folder = _case(tmp_path, PEOPLE)
    lines = run("explain", str(folder), "people.csv:4", "people.csv:6").splitlines()
    rules = len(DEFAULT_BLOCKING)
    assert f"None of the case's {rules} blocking rules pairs them (keys that differ):" in lines
    # Maria Ionescu, 1975-05-05, Cluj / Elena Rusu, 1991-02-03, Arad.
    assert "  - dob+city: dob differs, city differs" in lines
    assert "  - name_token+postcode: name_token differs, postcode missing" in lines


def test_the_learnt_prior_the_fields_are_added_to_is_shown(tmp_path: Path) -> None:
    """A pair's score is the learnt prior plus its fields' bits: explain shows the prior
    (tester 24: two network files of distinct nodes learn a prior of 1e-12, -39.9 bits,
    which the field lines alone never showed)."""
    import math

    folder = _case(tmp_path, PEOPLE)
    prior = float(Case.read(folder).manifest["resolve_model"]["prior"])
    bits = math.log2(prior / (1 - prior))
    for a, b in (("people.csv:1", "people.csv:2"), ("people.csv:4", "people.csv:5")):
        lines = run("explain", str(folder), a, b).splitlines()
        assert (
            f"  and before the fields, the case's learnt prior: {bits:+.2f} bits "
            + (f"(a compared pair is one person with probability {prior:.3g})")
            in lines
        )
