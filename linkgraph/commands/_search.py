"""How ``--search`` (``entities``, ``mentions``) and ``--entity`` (``links``) compare text:
case, accents, cedillas and commas below aside, so that "Gutu" finds "GUŢU" and "GUȚU"
(Romanian written with a cedilla or a comma below), and "Antonet" finds "ANTONEȚ"."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

import pandas as pd

#: Letters with a stroke or bar, which Unicode does not decompose into a letter and a mark.
_STROKED = str.maketrans({"ł": "l", "đ": "d", "ø": "o", "ħ": "h", "ı": "i", "ŧ": "t", "ƀ": "b"})


def search_key(text: object) -> str:
    """``text`` as a search compares it: compatibility forms folded, accents, cedillas
    and commas below dropped (ț, ţ and t alike), a stroke too (ł as l), case folded, runs
    of spaces one space.

    >>> search_key("Valeriu GUŢU"), search_key("GUȚU"), search_key("Łódź  ANTONEȚ")
    ('valeriu gutu', 'gutu', 'lodz antonet')
    """
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.casefold().translate(_STROKED).split())


def search_keys(values: pd.Series) -> pd.Series:
    """:func:`search_key` of each value (a missing one as ""), each distinct value once."""
    text = values.astype("string").fillna("")
    folded = {v: search_key(v) for v in text.unique()}
    return text.map(folded).astype(object)


def contains(table: pd.DataFrame, columns: Sequence[str], text: str) -> pd.Series:
    """Per row of ``table``: whether one of ``columns`` contains ``text`` (compared by
    :func:`search_key`)."""
    key = search_key(text)
    hit = pd.Series(False, index=table.index)
    for column in columns:
        hit |= search_keys(table[column]).str.contains(key, regex=False)
    return hit
