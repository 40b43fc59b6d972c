"""Korean names in Latin letters: a two-syllable given name written hyphenated, spaced or
joined ("Ji-woo", "Ji woo", "Jiwoo") is one given name, and the family name may come first
("Lee Ji-woo", "RHEE Ji woo") or last ("Ji woo Lee").

:func:`korean_parts` reads the given and family name of such a name in a full-name
column; the spellings of one family name (Lee, Yi, Rhee) are made one afterwards
(:func:`~linkgraph.resolve.features.korean_family_spelling`).
"""

from __future__ import annotations

import re

from linkgraph.resolve.vietnamese import FAMILY_NAMES as VIETNAMESE_FAMILY_NAMES
from linkgraph.resolve.wade_giles import romanised_key
from linkgraph.text import KOREAN_FAMILY_NAMES, fold_name_part

#: One syllable of Korean in Latin letters (Revised Romanization, McCune-Reischauer
#: without breves, and the spellings passports use: "soo", "woo", "hoon").
_SYLLABLE = re.compile(
    r"(?:kk|k|g|n|d|tt|t|r|l|m|pp|p|b|ss|s|sh|jj|j|ch|h)?"
    r"(?:yae|yeo|wae|ae|ya|eo|ye|wa|oe|yo|wo|we|wi|yu|eu|ui|oo|ee|woo|wu|a|e|o|u|i)"
    r"(?:ng|k|n|t|l|m|p|h)?"
)


def _family_names() -> frozenset[str]:
    from linkgraph.resolve.features import KOREAN_FAMILY_SPELLINGS

    return frozenset(KOREAN_FAMILY_NAMES.values()) | frozenset(KOREAN_FAMILY_SPELLINGS)


_FAMILY: frozenset[str] = frozenset()


def is_family_name(word: str) -> bool:
    """Whether a folded word is a Korean family name in one of its Latin spellings."""
    global _FAMILY
    if not _FAMILY:
        _FAMILY = _family_names()
    return word in _FAMILY


def syllable(word: str) -> bool:
    """Whether a folded word is one syllable of Korean in Latin letters.

    >>> [syllable(w) for w in ("ji", "woo", "seo", "yeon", "ah", "smith", "anna")]
    [True, True, True, True, True, False, False]
    """
    return _SYLLABLE.fullmatch(word) is not None


def _capitals(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _initials_first(word: str, rest: list[str]) -> bool:
    """Whether ``word``, in capitals beside the folded ``rest`` of a full name, is the
    initials of a given name ("AM Fontaine", "PA Wagner", "JP Dubois"), not a family
    name written in capitals: not a Vietnamese family name ("VO Thi Lan"), nor a Chinese
    or Korean one (a syllable of pinyin, Wade-Giles or Korean: "LI Wei", "OH Min-ji")
    before a given name read as such syllables."""
    from linkgraph.resolve.features import written_initials

    initials = written_initials(word)
    if not initials:
        return False
    if initials in VIETNAMESE_FAMILY_NAMES or initials == "ng":
        return False
    if not (is_family_name(initials) or romanised_key(initials)):
        return True
    tokens = [t for r in rest for t in r.split()]
    return not all(syllable(t) or romanised_key(t) for t in tokens)


def korean_parts(written: str) -> tuple[str, str] | None:
    """The folded (given, family) name of a name of two or three words written in one
    column with its family name in capitals ("RHEE Ji woo", "WANG Jianhua", "Min jun
    JUNG"), or of a Korean name of three words; None for other names. A Korean given name
    of two syllables is run together ("ji woo" -> "jiwoo").

    Without capitals, the family name of a Korean name of three words is the one at an
    end that is a Korean family name and not part of a hyphenated given name ("Lee
    Ji-woo", "Soo-ah Park"), the last if both ends are ("Seo jun Yi": Seo-jun of the Yi
    family, as a Western form writes it).

    >>> korean_parts("RHEE Ji woo"), korean_parts("Lee Ji-woo"), korean_parts("Seo jun Yi")
    (('jiwoo', 'rhee'), ('jiwoo', 'lee'), ('seojun', 'yi'))
    >>> korean_parts("GIM Minjun"), korean_parts("Gim Soo-ah"), korean_parts("John Smith")
    (('minjun', 'gim'), ('sooah', 'gim'), None)
    >>> korean_parts("WANG Jianhua"), korean_parts("KOVALENKO Oleksandr Petrovych")
    (('jianhua', 'wang'), ('oleksandr petrovych', 'kovalenko'))
    >>> korean_parts("LI Wei"), korean_parts("VO Thi Lan"), korean_parts("OH Min-ji")
    (('wei', 'li'), ('thi lan', 'vo'), ('minji', 'oh'))
    >>> korean_parts("AM Fontaine"), korean_parts("Wagner, PA")  # a given name's initials
    (None, None)
    """
    words = written.replace(",", " ").split()
    if not 2 <= len(words) <= 3:
        return None
    capitals = [i for i, w in enumerate(words) if _capitals(w)]
    folded = [fold_name_part(w) for w in words]
    if len(capitals) == 1 and capitals[0] in (0, len(words) - 1):
        at = capitals[0]
        if _initials_first(words[at], folded[:at] + folded[at + 1 :]):
            return None  # "AM Fontaine", "Dubois, JP": a given name's initials
        family = folded[at]
        given = [t for i, f in enumerate(folded) if i != at for t in f.split()]
        if not family or not given:
            return None
    else:
        tokens = [t for f in folded for t in f.split()]
        if len(tokens) != 3:
            return None
        first, last = is_family_name(tokens[0]), is_family_name(tokens[-1])
        if "-" in words[0] or (last and "-" not in words[-1]):
            family, given = tokens[-1], tokens[:2]
        elif first:
            family, given = tokens[0], tokens[1:]
        else:
            return None
        if not is_family_name(family) or not all(map(syllable, given)):
            return None
    if len(given) == 2 and is_family_name(family) and all(map(syllable, given)):
        given = ["".join(given)]
    elif len(given) > 1 and family == folded[-1]:
        return None  # "Anna Maria SMITH": read as any full name is, family name last
    return " ".join(given), family
