"""The roles a longer phrase holds (schema._roles_in_phrase): every role whose spelling
stands in it as whole words, in the vocabulary's order, each once."""

from __future__ import annotations

import random

from linkgraph.schema import _role_of, _roles_in_phrase, canonical_role
from linkgraph.text import fold


def _reference(key: str) -> list[str]:
    """The rule as written: a spelling stands in the phrase when, padded with a space on
    each side, it is a substring of the phrase padded so."""
    found: list[str] = []
    for alias, role in _role_of().items():
        if f" {alias} " in f" {key} " and role not in found:
            found.append(role)
    return found


def test_roles_in_phrases_of_the_vocabulary_follow_the_whole_word_rule() -> None:
    aliases = list(_role_of())
    assert any(" " in a for a in aliases)  # spellings of several words are covered too
    words = [*aliases, *(w for a in aliases for w in a.split(" ")), "maria", "12", "", "x"]
    rng = random.Random(7)
    for _ in range(20_000):
        key = fold(" ".join(rng.choice(words) for _ in range(rng.randint(1, 5))))
        assert _roles_in_phrase(key) == _reference(key), key


def test_phrases_by_hand() -> None:
    assert _roles_in_phrase("exploited victim") == ["victim"]
    assert _roles_in_phrase("victima reclutador") == ["victim", "recruiter"]
    assert _roles_in_phrase("victimxyz witnessed") == []  # no whole word of one
    assert canonical_role("Zeuge und Geschädigte") == "victim;witness"
