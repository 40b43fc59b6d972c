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


#: Characters that change how text around them is shown without being seen: bidi marks,
#: embeddings, overrides and isolates (U+061C, U+200E/F, U+202A-U+202E, U+2066-U+2069;
#: "Trojan Source" spoofing, "abc\u202eexe.txt" reads "abctxt.exe"), the zero-width space,
#: the word joiner and a byte-order mark inside text. ZWNJ and ZWJ (U+200C, U+200D) are
#: only invisible beside a Latin, Greek or Cyrillic letter or digit (:data:`STRAY_JOINER`):
#: Persian, Arabic and Indic names and emoji sequences need them, and they cannot reorder text.
INVISIBLE_CHARACTERS = "\u061c\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff"
#: One of :data:`INVISIBLE_CHARACTERS` (a character class, for ``re`` and Arrow's RE2).
INVISIBLE = f"[{INVISIBLE_CHARACTERS}]"
_INVISIBLE = re.compile(INVISIBLE)
#: Letters and digits of the scripts that never join (Latin, Greek, Cyrillic).
_UNJOINED = (
    "0-9A-Za-z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"
    "\u0370-\u03ff\u0400-\u052f"
)
_JOINERS = "[\u200c\u200d]+"
#: Zero-width joiners and non-joiners after or before a Latin, Greek or Cyrillic letter or
#: digit, where they change nothing shown ("Wi\u200ddth" reads "Width"): groups 1 and 4 are
#: the letter to keep, 2 and 3 the joiners (for ``re`` and Arrow's RE2, which has no
#: look-behind). Those between Arabic, Persian or Indic letters, or in emoji, stay.
STRAY_JOINER = f"([{_UNJOINED}])({_JOINERS})|({_JOINERS})([{_UNJOINED}])"
#: What :data:`STRAY_JOINER` is replaced with: the letter, without the joiners.
STRAY_JOINER_KEPT = r"\1\4"
#: :data:`INVISIBLE` or :data:`STRAY_JOINER`: text holding something :func:`strip_invisible`
#: removes.
HIDDEN = f"{INVISIBLE}|{STRAY_JOINER}"
_STRAY_JOINER = re.compile(STRAY_JOINER)


def strip_invisible(text: str) -> str:
    """``text`` without :data:`INVISIBLE_CHARACTERS`, nor zero-width joiners beside Latin,
    Greek or Cyrillic letters (:data:`STRAY_JOINER`).

    Examples:
        >>> strip_invisible("Ana\u202eexe.txt\u200b"), strip_invisible("Wi\u200ddth")
        ('Anaexe.txt', 'Width')
        >>> alireza = "\u0639\u0644\u06cc\u200c\u0631\u0636\u0627"  # Persian: kept
        >>> strip_invisible(alireza) == alireza
        True
    """
    return _STRAY_JOINER.sub(STRAY_JOINER_KEPT, _INVISIBLE.sub("", text))


def show_invisible(text: str) -> str:
    """``text`` with each of :data:`INVISIBLE_CHARACTERS` (and each stray joiner) written
    as a visible ``[U+XXXX]``.

    Examples:
        >>> show_invisible("Ana\u202eexe.txt"), show_invisible("Wi\u200ddth")
        ('Ana[U+202E]exe.txt', 'Wi[U+200D]dth')
    """
    shown = _INVISIBLE.sub(lambda m: f"[U+{ord(m.group()):04X}]", text)
    return _STRAY_JOINER.sub(_shown_joiners, shown)


def _shown_joiners(found: re.Match[str]) -> str:
    """A :data:`STRAY_JOINER` match with its joiners written as ``[U+XXXX]``."""
    joiners = found.group(2) or found.group(3)
    marks = "".join(f"[U+{ord(c):04X}]" for c in joiners)
    return f"{found.group(1) or ''}{marks}{found.group(4) or ''}"


def repair_mojibake(text: str) -> str:
    """``text`` read back as UTF-8 where each of its UTF-8 bytes was written as one code
    point (Meta's "Download your information" JSON writes "Aïcha" as ``A\\u00c3\\u00afcha``):
    only when every character is a Latin-1 code point, one at least is not ASCII, and the
    bytes are valid UTF-8 (so a true "Ã" or "é" alone is kept as written).

    Examples:
        >>> repair_mojibake("A\\u00c3\\u00afcha Traor\\u00c3\\u00a9"), repair_mojibake("Müller")
        ('Aïcha Traoré', 'Müller')
    """
    if text.isascii() or any(ord(ch) > 0xFF for ch in text):
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except UnicodeDecodeError:
        return text


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
