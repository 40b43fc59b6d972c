"""Records whose names were both replaced (FEBRL's corruption, a clerk's error) become
candidates when one rare full date of birth and one place agree; a placeholder date
shared by many people at one address never does. Full names written family name first
with a particle keep the particle with the family name; nicknames of many countries."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from linkgraph.resolve import block, person_features, resolve
from linkgraph.resolve.blocking import _Address, rare_full_dates, same_birth_and_place
from linkgraph.resolve.config import DEFAULT_BLOCKING
from linkgraph.resolve.nicknames import canonical_given

from .factory import case_of, mention, people

_GIVEN = ["anna", "boris", "chiara", "dmitri", "elif", "farid", "greta", "hugo", "irina",
          "jonas", "kemal", "lena", "marko", "nadia", "oskar", "petra", "radu",
          "sofia"]  # fmt: skip
_FAMILY = ["abbott", "brandt", "costa", "dalca", "eriksen", "fontaine", "gallo", "horvat",
           "ionescu", "jensen", "kovacs", "lindqvist", "moreau", "novak", "oliveira"]  # fmt: skip


def _filler(n: int = 200) -> list[dict]:
    """Other people, each once, each born on their own day, at their own address."""
    pairs = itertools.islice(itertools.product(_GIVEN, _FAMILY), n)
    return [
        {"given_name": g.title(), "family_name": f.title(),
         "dob": f"19{50 + i % 40}-{1 + i % 12:02d}-{1 + i % 28:02d}",
         "address": f"{i + 1} Main Street", "postcode": f"{1000 + i}", "city": "Springfield"}
        for i, (g, f) in enumerate(pairs)
    ]  # fmt: skip


def _pairs(features: pd.DataFrame) -> set[tuple[int, int]]:
    got, _ = block(features, DEFAULT_BLOCKING)
    return set(zip(got["left"].tolist(), got["right"].tolist(), strict=True))


def test_both_names_replaced_same_rare_birthday_and_place_is_a_candidate():
    # FEBRL3 rec-?: "Rosie Rundle" / "Jenna Campbell", 1971-03-12 both, one address and
    # postcode: no name agrees, so the name check of the date rules used to drop it.
    rows = [
        *_filler(),
        {"given_name": "Rosie", "family_name": "Rundle", "dob": "1971-03-12",
         "address": "50 Sturt Avenue", "postcode": "2263", "city": "Talon"},
        {"given_name": "Jenna", "family_name": "Campbell", "dob": "1971-03-12",
         "address": "50 Sturt Avenue", "postcode": "2263", "city": "Talon"},
    ]  # fmt: skip
    features = person_features(people(rows))
    n = len(rows)
    assert (n - 2, n - 1) in _pairs(features)


def _shelter(names: list[tuple[str, str]]) -> list[dict]:
    return [
        {"given_name": g.title(), "family_name": f.title(), "dob": "1990-01-01",
         "address": "1 Shelter Road", "postcode": "9999", "city": "Springfield"}
        for g, f in names
    ]  # fmt: skip


def test_a_placeholder_date_shared_by_many_at_one_address_makes_no_candidates():
    # Fifteen residents of one shelter, all given 1990-01-01, no name shared: the date is
    # no agreement of its own, so they are never compared, and stay fifteen people.
    # (Without "Jonas", whose name is alike "Ionescu" crosswise: that pair is compared, and
    # merges through the date as the known limit below says.)
    given = [g for g in _GIVEN if g != "jonas"][:15]
    names = list(zip(given, _FAMILY[::-1], strict=True))
    rows = [*_filler(), *_shelter(names)]
    features = person_features(people(rows))
    shelter = set(range(len(rows) - 15, len(rows)))
    assert not rare_full_dates(features)[sorted(shelter)].any()
    inside = np.array(list(itertools.combinations(sorted(shelter), 2)))
    place = _Address(features)
    assert not same_birth_and_place(features, inside[:, 0], inside[:, 1], place, 1).any()
    assert not [p for p in _pairs(features) if p[0] in shelter and p[1] in shelter]
    res = resolve(case_of(mention("person", row=i + 1, **r) for i, r in enumerate(rows)))
    assert res.resolution["entity_id"].iloc[-15:].nunique() == 15


@pytest.mark.xfail(
    strict=True,
    raises=AssertionError,
    reason="known limit: the date's term-frequency adjustment counts the people born on a "
    "date by their distinct given names or family names, whichever are fewer, so six Annas "
    "with six family names count as one person (as one Anna whose family name is misspelt "
    "would), and one given name, the date and one address outweigh the family names",
)
def test_namesakes_by_given_name_at_a_placeholder_date_stay_apart():
    names = [("anna", f) for f in _FAMILY[:6]]
    rows = [*_filler(), *_shelter(names)]
    res = resolve(case_of(mention("person", row=i + 1, **r) for i, r in enumerate(rows)))
    assert res.resolution["entity_id"].iloc[-6:].nunique() == 6


def test_same_birth_and_place_needs_the_date_and_a_place():
    rows = [
        *_filler(40),
        {"given_name": "Oliver", "family_name": "Cureton", "dob": "1955-07-21",
         "address": "164 Drevermann Street", "postcode": "3149"},
        {"given_name": "Dillon", "family_name": "Morrison", "dob": "1955-07-21",
         "address": "164 Drevermann Street", "postcode": "3194"},  # postcode typo
        {"given_name": "Dillon", "family_name": "Morrison", "dob": "1955-07-21",
         "address": "9 Other Road", "postcode": "7000"},  # elsewhere
        {"given_name": "Dillon", "family_name": "Morrison", "dob": "1955-07-22",
         "address": "164 Drevermann Street", "postcode": "3149"},  # another day
    ]  # fmt: skip
    features = person_features(people(rows))
    n = len(rows)
    left = np.array([n - 4, n - 4, n - 4])
    right = np.array([n - 3, n - 2, n - 1])
    got = same_birth_and_place(features, left, right, _Address(features), 1)
    assert got.tolist() == [True, False, False]


@pytest.mark.parametrize(
    ("full", "given", "family"),
    [
        ("Kees van der Pol", "kees", "van der pol"),
        ("van der Pol Kees", "kees", "van der pol"),
        ("De Luca Sara", "sara", "de luca"),
        ("Maria de la Cruz", "maria", "de la cruz"),
        ("Den Chornik", "den", "chornik"),  # two words: Den is a given name
        ("Anna Popa", "anna", "popa"),
    ],
)
def test_full_names_with_particles_split_as_one_family_name(full, given, family):
    features = person_features(people([{"name": full}]))
    assert (features.loc[0, "given_name"], features.loc[0, "family_name"]) == (given, family)


def test_family_name_first_with_a_particle_matches_the_given_name_first():
    # Six records of two Dutch people, written either order: two entities, not one
    # bridged through a given name "van".
    rows = [
        {"name": "Kees van der Pol", "phone": "+31611111111"},
        {"name": "van der Pol Kees", "phone": "+31611111111"},
        {"name": "Kees van der Pol", "dob": "1970-02-03"},
        {"name": "Pieter van der Pol", "phone": "+31622222222"},
        {"name": "van der Pol Pieter", "phone": "+31622222222"},
        {"name": "van Dijk Monique", "phone": "+31633333333"},
    ]
    res = resolve(case_of(mention("person", row=i + 1, **r) for i, r in enumerate(rows)))
    ents = res.resolution["entity_id"].tolist()
    assert ents[0] == ents[1]
    assert ents[3] == ents[4]
    assert ents[0] != ents[3]
    assert ents[5] not in (ents[0], ents[3])


@pytest.mark.parametrize(
    ("a", "b"),
    [("fane", "stefan"), ("gica", "gheorghe"), ("costel", "constantin"), ("toto", "salvatore"),
     ("beppe", "giuseppe"), ("pasha", "pavlo"), ("tolia", "anatolii"), ("lera", "valeriia"),
     ("nastia", "anastasiia"), ("jenea", "evghenii"), ("mitko", "dimitar"), ("bram", "abraham"),
     ("tudor", "teodor"), ("ify", "ifeoma"), ("sasho", "aleksandar")],
)  # fmt: skip
def test_diminutives_of_many_countries_are_one_given_name(a, b):
    assert canonical_given(a) == canonical_given(b)


@pytest.mark.parametrize(
    ("a", "b"), [("alexandra", "alexander"), ("elena", "emma"), ("stefan", "steliana")]
)
def test_different_given_names_stay_different(a, b):
    assert canonical_given(a) != canonical_given(b)
