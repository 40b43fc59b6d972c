"""Patronymics written after a given name ("Олександр Петрович", "Vugar Ali oglu"): set
apart from the given name (:func:`split_patronymic`), so that two brothers' given names
do not look alike for the father's name they share, and compared on their own
(:func:`patronymics_differ`)."""

from __future__ import annotations

import re

import numpy as np
from rapidfuzz.distance import JaroWinkler

from linkgraph.resolve.nicknames import canonical_given

#: Endings of an East Slavic patronymic as folded (Petrovich, Petrovych, Sergeevna,
#: Petrivna, Mykolaivna, Ilinichna; Belarusian Piatrovich / Piatravich), and the
#: patronymics of the few fathers' names that take "-ich" alone (Ilyich, Kuzmich, Fomich).
_PATRONYMIC = re.compile(
    r"(?:[a-z]{2,}(?:ovich|evich|ovych|evych|avich|ovitch|evitch|ovitsch|evitsch"
    r"|ovna|evna|ivna|ichna)|il+i?y?ich|kuzmich|fomich|lukich|nikitich|savvich)"
)
#: Words after a father's name that make it a Turkic patronymic (Ali oglu, Ali kyzy).
_TURKIC_PATRONYMIC = frozenset({"oglu", "ogly", "ugli", "kyzy", "kizi", "qizi", "gizi"})


def split_patronymic(given: str) -> tuple[str, str]:
    """A folded given name without the patronymic written after it, and that patronymic
    ("" when none): "oleksandr petrovich" -> ("oleksandr", "petrovich"); "vugar ali oglu"
    -> ("vugar", "ali oglu"). A patronymic is a last word with an East Slavic
    patronymic's ending, or a father's name followed by a Turkic "oglu" / "kyzy".

    >>> split_patronymic("oleksandr petrovich"), split_patronymic("olena petrivna")
    (('oleksandr', 'petrovich'), ('olena', 'petrivna'))
    >>> split_patronymic("vugar ali oglu"), split_patronymic("hans ulrich")
    (('vugar', 'ali oglu'), ('hans ulrich', ''))
    """
    words = given.split()
    if len(words) >= 3 and words[-1] in _TURKIC_PATRONYMIC:
        return " ".join(words[:-2]), " ".join(words[-2:])
    if len(words) >= 2 and _PATRONYMIC.fullmatch(words[-1]):
        return " ".join(words[:-1]), words[-1]
    return given, ""


#: The ending :func:`patronymic_stem` takes off, leaving the father's name.
_ENDING = re.compile(
    r"(?:ovich|evich|ovych|evych|avich|ovitch|evitch|ovitsch|evitsch|ovna|evna|ivna|ichna"
    r"|ich)$"
)
#: Fathers' names whose stems are at least this alike (Jaro-Winkler) are one name written
#: two ways (Sergeevich / Serhiiovych: "serge" / "serhii").
STEM_ALIKE = 0.8


def patronymic_stem(patronymic: str) -> str:
    """The father's name a folded patronymic is made from, as written in it: "petrovich",
    "petrivna" -> "petr"; "ali oglu" -> "ali".

    >>> patronymic_stem("sergeevich"), patronymic_stem("mikolaivna"), patronymic_stem("ali oglu")
    ('serge', 'mikola', 'ali')
    """
    words = patronymic.split()
    if len(words) == 2:
        return words[0]
    return _ENDING.sub("", patronymic)


def patronymics_differ(a: str, b: str) -> bool:
    """Whether two folded patronymics name different fathers: both written, and neither
    the same name (nicknames and transliterations included) nor alike (Jaro-Winkler of
    the stems >= :data:`STEM_ALIKE`).

    >>> patronymics_differ("petrovich", "ivanovich"), patronymics_differ("petrovich", "petrivna")
    (True, False)
    >>> patronymics_differ("sergeevich", "serhiiovych"), patronymics_differ("petrovich", "")
    (False, False)
    """
    if not a or not b:
        return False
    sa, sb = patronymic_stem(a), patronymic_stem(b)
    if canonical_given(sa) == canonical_given(sb):
        return False
    return JaroWinkler.similarity(sa, sb) < STEM_ALIKE


def differing_pairs(patronymic: np.ndarray, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """:func:`patronymics_differ` of each pair of mentions (``left[i]``, ``right[i]``
    index ``patronymic``), each distinct pair of patronymics compared once."""
    out = np.zeros(len(left), dtype=bool)
    both = np.flatnonzero((patronymic[left] != "") & (patronymic[right] != ""))
    if not len(both):
        return out
    pa, pb = patronymic[left[both]], patronymic[right[both]]
    pairs = {(x, y): patronymics_differ(x, y) for x, y in set(zip(pa, pb, strict=True))}
    out[both] = [pairs[x, y] for x, y in zip(pa, pb, strict=True)]
    return out
