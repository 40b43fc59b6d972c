"""The synthetic name pools: realistic size and skew, clean spellings, deterministic builds."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from math import comb

import pytest

from linkgraph.synth import _names as names
from linkgraph.synth._names import COUNTRIES, CYRILLIC, VARIANT_KINDS, name_pool

KINDS = ("male", "female", "family", "family_f")
CYRILLIC_WORD = re.compile(r"^[\u0400-\u04FF' -]+$")
NO_CYRILLIC = re.compile(r"^[^\u0400-\u04FF]+$")


def _share_sq(country: str, kind: str) -> float:
    return float((name_pool(country, kind).weights ** 2).sum())


@pytest.mark.parametrize("country", COUNTRIES)
def test_given_names_are_many_and_not_too_concentrated(country):
    for kind in ("male", "female"):
        pool = name_pool(country, kind)
        assert 30 <= len(pool.latin) <= 45, (country, kind)
        assert 0.05 <= pool.weights[0] <= 0.09, (country, kind)
        assert 0.02 <= _share_sq(country, kind) <= 0.04, (country, kind)


@pytest.mark.parametrize("country", COUNTRIES)
def test_surnames_have_a_common_head_and_a_long_thin_tail(country):
    pool = name_pool(country, "family")
    assert len(pool.latin) >= 500, country
    assert 0.01 <= pool.weights[0] <= 0.03, country
    assert 0.002 <= _share_sq(country, "family") <= 0.006, country
    # the hand-written real names stay first, so they stay the commonest
    head = names._parse(names._FAMILY[country])
    assert list(pool.latin[: len(head)]) == [row[0] for row in head]


def test_namesakes_are_rare_in_a_large_population():
    """Expected pairs sharing given and family name among 100,000 people, half of each sex."""
    total_share = sum(v[3] for v in COUNTRIES.values())
    pairs = 0.0
    for country, spec in COUNTRIES.items():
        n = round(100_000 * spec[3] / total_share / 2)
        for given, family in (("male", "family"), ("female", "family_f")):
            pairs += comb(n, 2) * _share_sq(country, given) * _share_sq(country, family)
    assert pairs < 60_000  # was about 4.9 million with the old ten-name pools


@pytest.mark.parametrize("country", COUNTRIES)
@pytest.mark.parametrize("kind", KINDS)
def test_pools_hold_no_duplicates_and_clean_spellings(country, kind):
    pool = name_pool(country, kind)
    folded = [names._fold_key(s) for s in pool.latin]
    assert len(set(folded)) == len(folded)
    assert len({s.casefold() for s in pool.native}) == len(pool.native)
    assert pool.variants.shape == (len(pool.latin), len(VARIANT_KINDS))
    assert all(isinstance(v, str) and v.strip() == v and v for v in pool.variants.ravel())
    assert abs(pool.weights.sum() - 1) < 1e-9
    assert (pool.weights[:-1] >= pool.weights[1:]).all()
    for column in (pool.latin, pool.variants[:, 2], pool.variants[:, 3]):
        assert all(NO_CYRILLIC.match(s) for s in column)
    if country in CYRILLIC:
        assert all(CYRILLIC_WORD.match(s) for s in pool.native), country


def test_native_spellings_follow_the_national_systems():
    def kmu(word: str) -> str:
        return names._translit(word, names._UK_KMU, names._UK_KMU_FIRST)

    assert kmu("Ковальчук") == "Kovalchuk"
    assert kmu("Юрченко") == "Yurchenko"
    assert kmu("Мартинюк") == "Martyniuk"
    assert names._translit("Шевченко", names._UK_GERMAN) == "Schewtschenko"
    assert names._translit("Вълчев", names._BG_STREAMLINED) == "Valchev"
    assert names._translit("Цветков", names._BG_LEGACY) == "Tzvetkov"
    assert names._sr_cyrillic("Ljubinković") == "Љубинковић"
    assert names._sr_cyrillic("Đorđević") == "Ђорђевић"
    assert names._sr_cyrillic("Džajić") == "Џајић"


def test_female_surnames_take_the_female_ending():
    endings = {"BG": (("ов", "ев", "ски"), ("ова", "ева", "ска")), "UA": (("ький",), ("ька",))}
    for country, (male, female) in endings.items():
        men, women = name_pool(country, "family"), name_pool(country, "family_f")
        pairs = [(m, w) for m, w in zip(men.native, women.native, strict=True) if m != w]
        assert len(pairs) > 100, country
        assert all(m.endswith(male) and w.endswith(female) for m, w in pairs), country
        same = [m for m, w in zip(men.native, women.native, strict=True) if m == w]
        assert not any(m.endswith(male) for m in same), country
    assert list(name_pool("RS", "family_f").latin) == list(name_pool("RS", "family").latin)


_DIGEST = """
import hashlib
from linkgraph.synth._names import COUNTRIES, name_pool
h = hashlib.sha256()
for c in COUNTRIES:
    for k in ("male", "female", "family", "family_f"):
        p = name_pool(c, k)
        h.update(repr((c, k, p.variants.tolist(), p.native.tolist(), p.weights.tolist())).encode())
print(h.hexdigest())
"""


def test_pools_are_the_same_whatever_the_hash_seed():
    digests = set()
    for seed in ("0", "1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run(
            [sys.executable, "-c", _DIGEST], env=env, capture_output=True, text=True, check=True
        )
        digests.add(out.stdout.strip())
    assert len(digests) == 1
