"""The date order a header names (``DOB (MM/DD/YYYY)``, ``Datum (TT.MM.JJJJ)``), and the
values that contradict it."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

#: Three letter groups joined by date separators: ``MM/DD/YYYY``, ``tt.mm.jjjj``,
#: ``JJ/MM/AAAA``, ``ДД.ММ.ГГГГ``, ``gg-mm-aaaa``, ``dd/mm/rrrr``.
_GROUP = r"([^\W\d_]{1,4})"
_PATTERN = re.compile(rf"(?<![^\W\d_]){_GROUP}\s*([./\-])\s*{_GROUP}\s*\2\s*{_GROUP}(?![^\W\d_])")

#: The letters that write the day, the month and the year in a pattern, by language:
#: D day, T Tag, J jour (two letters; ``JJJJ`` is a German Jahr), G giorno/gün, Д день,
#: Z zi; M month, М месяц, L luna; Y year, J Jahr, A año/année, R rok, Г год, Å år.
_DAY = set("DTJGДZ")
_MONTH = set("MМL")
_YEAR = set("YJAR\u0413\u00c5")


def _part(group: str) -> str | None:
    """``d``, ``m`` or ``y`` for a group of one repeated letter, else None."""
    letters = group.upper()
    if len(set(letters)) != 1:
        return None
    letter = letters[0]
    if len(letters) >= 3 and letter in _YEAR:
        return "y"
    if len(letters) <= 2 and letter == "J":
        return "j"  # a French jour, or a German two-digit Jahr ("TT.MM.JJ")
    if len(letters) <= 2 and letter in _DAY:
        return "d"
    if len(letters) <= 2 and letter in _MONTH:
        return "m"
    if len(letters) == 2 and letter in "YA\u0413R":
        return "y"  # a two-digit year: "mm/dd/yy", "jj/mm/aa"
    return None


def header_dayfirst(header: str | None) -> bool | None:
    """Whether a header's date pattern puts the day before the month; None when the
    header names no pattern (or one with the year between them).

    Examples:
        >>> header_dayfirst("DOB (MM/DD/YYYY)"), header_dayfirst("Datum (TT.MM.JJJJ)")
        (False, True)
        >>> header_dayfirst("né le (JJ/MM/AAAA)"), header_dayfirst("Дата (ДД.ММ.ГГГГ)")
        (True, True)
        >>> header_dayfirst("date mm/dd/yy"), header_dayfirst("Date of birth") is None
        (False, True)
        >>> header_dayfirst("Geburtsdatum TT.MM.JJ"), header_dayfirst("gg/mm/aaaa")
        (True, True)
        >>> header_dayfirst("YYYY-MM-DD") is None, header_dayfirst("Rok/Mies/Dzień") is None
        (True, True)
    """
    if not header:
        return None
    for found in _PATTERN.finditer(str(header)):
        parts = [_part(g) for g in (found[1], found[3], found[4])]
        if "j" in parts:  # the one of day and year that the others leave
            parts = [("y" if "d" in parts else "d") if p == "j" else p for p in parts]
        if sorted(p or "" for p in parts) != ["d", "m", "y"] or parts[1] == "y":
            continue
        if parts[0] == "y":
            return None  # year first: ISO's order, read as such whatever the flag
        return parts.index("d") < parts.index("m")
    return None


_NUMERIC_DATE = r"^\s*'?\s*(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{2}|\d{4})\b"


def contradicting(values: pd.Series, dayfirst: bool) -> np.ndarray:
    """Which values are numeric dates that can be read only in the other order
    (``13/05/1990`` under ``MM/DD/YYYY``): a mistake the header's order rules out.

    Examples:
        >>> contradicting(pd.Series(["03/05/1990", "13/05/1990", None, "x"]), False).tolist()
        [False, True, False, False]
        >>> contradicting(pd.Series(["05/13/1990", "13.05.1990"]), True).tolist()
        [True, False]
    """
    parts = values.astype("string").str.extract(_NUMERIC_DATE)
    first = pd.to_numeric(parts[0], errors="coerce")
    second = pd.to_numeric(parts[1], errors="coerce")
    wrong = (second > 12) & (first <= 12) if dayfirst else (first > 12) & (second <= 12)
    return wrong.fillna(False).to_numpy(dtype=bool)
