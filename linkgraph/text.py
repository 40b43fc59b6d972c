"""Text folding shared by every stage: Unicode, case, diacritics and script, for matching."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from unidecode import unidecode

_TITLES = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "sir",
        "madam",
        "mme",
        "mlle",
        "herr",
        "frau",
        "sr",
        "sra",
        "srta",
        "don",
        "dona",
        "jr",
        "ii",
        "iii",
        "iv",
        "phd",
        "md",
        "esq",
        # Honorifics and styles of rank (not those that are also given names or
        # surnames: Earl, Duke, Baron, Major, General).
        "lady",
        "lord",
        "dame",
        "rev",
        "revd",
        "reverend",
        "hon",
        "capt",
        "lt",
        "sgt",
        "baronet",
        "bt",
        "viscount",
        "viscountess",
        "countess",
        "duchess",
        "marquess",
        "marchioness",
    }
)
_NON_WORD = re.compile(r"[^0-9a-z]+")
# Apostrophes join, they do not split: the Cyrillic soft sign transliterates to one
# ("Панасицький" -> "panasits'kii"), and O'Brien is one name.
_APOSTROPHE = re.compile(r"['`\u2019\u02bc\u00b4]")


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """NFKC, transliterate any script to Latin, drop diacritics, lower-case, one space.

    Examples:
        >>> fold("  Ólafur   Þórsson ")
        'olafur thorsson'
        >>> fold("Александр Коваленко")
        'aleksandr kovalenko'
        >>> fold("Панасицький, Мар'яна O'Brien")
        'panasitskii mariana obrien'
    """
    text = unicodedata.normalize("NFKC", text)
    text = _APOSTROPHE.sub("", unidecode(_APOSTROPHE.sub("", text))).lower()
    return " ".join(_NON_WORD.sub(" ", text).split())


def fold_name(text: str | None) -> str:
    """A person or organisation name folded for matching, titles and suffixes removed,
    "FAMILY, Given" turned into "given family". Empty string for missing names.

    The original spelling is kept elsewhere: this is only a matching key.

    Examples:
        >>> fold_name("KOVALENKO, Oleksandr")
        'oleksandr kovalenko'
        >>> fold_name("Dr. José  Pérez Jr.")
        'jose perez'
        >>> fold_name(None)
        ''
    """
    if text is None or text != text:  # None or NaN
        return ""
    text = str(text)
    if text.count(",") == 1:
        family, given = text.split(",")
        if family.strip() and given.strip():
            text = f"{given} {family}"
    # Folded word by word: fold() works character by character and splits on spaces, so
    # this is the same key, and the cache of fold() then serves the ~thousands of distinct
    # words instead of the ~millions of distinct full names.
    tokens = [t for part in text.split(" ") for t in fold(part).split() if t not in _TITLES]
    return " ".join(tokens)
