"""Person mentions turned into folded, comparable columns (the input of blocking and comparison)."""

from __future__ import annotations

import re
from collections.abc import Callable

import jellyfish
import numpy as np
import pandas as pd

from linkgraph.resolve.nicknames import canonical_given
from linkgraph.text import fold, fold_name

#: Columns of the features frame, all ``object`` arrays of str ("" when missing),
#: except ``dob_y``/``dob_m``/``dob_d`` (int32, 0 when missing).
FEATURE_COLUMNS = (
    "given_name",
    "family_name",
    "full_name",
    "given_canon",
    "given_phonetic",
    "family_phonetic",
    "dob",
    "dob8",
    "sex",
    "phone",
    "email",
    "document",
    "postcode",
    "city",
    "address",
    "nationality",
)

_NON_ALNUM = re.compile(r"[^0-9A-Za-z]+")
_ADDRESS_WORDS = {
    "street": "st",
    "str": "st",
    "strasse": "st",
    "ulitsa": "ul",
    "ulica": "ul",
    "road": "rd",
    "avenue": "ave",
    "av": "ave",
    "boulevard": "blvd",
    "drive": "dr",
    "place": "pl",
    "lane": "ln",
    "court": "ct",
    "crescent": "cres",
    "circuit": "cct",
    "apartment": "apt",
    "flat": "apt",
    "number": "no",
    "square": "sq",
}


def _map_unique(values: pd.Series, func: Callable[[str], str]) -> np.ndarray:
    """``func`` applied once per distinct value (names repeat a lot), as an object array."""
    codes, uniques = pd.factorize(values.fillna("").astype(str), sort=False)
    mapped = np.array([func(u) for u in uniques], dtype=object)
    if len(mapped) == 0:
        return np.full(len(values), "", dtype=object)
    return mapped[codes]


def _col(mentions: pd.DataFrame, name: str) -> pd.Series:
    if name in mentions.columns:
        return mentions[name].astype(object).where(mentions[name].notna(), "")
    return pd.Series("", index=mentions.index, dtype=object)


def _phonetic(token: str) -> str:
    """Metaphone of a name, without a leading vowel (Aleksandr / Oleksandr share a key)."""
    if not token:
        return ""
    key = jellyfish.metaphone(token.replace(" ", ""))
    return key[1:] if len(key) > 1 and key[0] in "AEIOU" else key


def _digits_tail(text: str) -> str:
    """The last 9 digits of a phone number: local and international forms agree."""
    digits = "".join(ch for ch in text if ch.isdigit())
    return digits[-9:] if len(digits) >= 6 else ""


def _document(text: str) -> str:
    key = _NON_ALNUM.sub("", text).upper()
    return key if len(key) >= 4 else ""


def _email(text: str) -> str:
    text = text.strip().lower()
    return text if "@" in text else ""


def _address(text: str) -> str:
    tokens = fold(text).split() if text else []
    return " ".join(_ADDRESS_WORDS.get(t, t) for t in tokens)


def _postcode(text: str) -> str:
    return _NON_ALNUM.sub("", text).upper()


def _sex(text: str) -> str:
    t = text.strip().lower()[:1]
    return t.upper() if t in ("m", "f") else ""


def _dob_parts(dob: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Year, month and day of ISO dates (YYYY, YYYY-MM or YYYY-MM-DD); 0 when missing."""
    text = dob.astype(str)
    parts = text.str.extract(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")
    out = [pd.to_numeric(parts[i], errors="coerce").fillna(0).to_numpy(np.int32) for i in range(3)]
    return out[0], out[1], out[2]


def person_features(mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per person mention (same order), with the folded columns used for matching.

    Given and family names come from ``given_name``/``family_name`` when present, else
    from the first and last token of ``name_latin`` (or of the folded ``name``).
    Cyrillic and other scripts are transliterated by :func:`linkgraph.text.fold_name`.

    Returns:
        DataFrame with :data:`FEATURE_COLUMNS` plus ``dob_y``, ``dob_m``, ``dob_d``.
    """
    n = len(mentions)
    given = _map_unique(_col(mentions, "given_name"), fold_name)
    family = _map_unique(_col(mentions, "family_name"), fold_name)
    latin = _col(mentions, "name_latin").to_numpy(dtype=object)
    missing_latin = latin == ""
    if missing_latin.any():
        latin = latin.copy()
        latin[missing_latin] = _map_unique(_col(mentions, "name")[missing_latin], fold_name)
    built = np.char.strip(
        np.char.add(np.char.add(given.astype(str), " "), family.astype(str))
    ).astype(object)
    full = np.where(latin != "", latin, built)
    # Fill missing given/family from the full name: first and last token.
    need = (given == "") | (family == "")
    if need.any():
        tokens = pd.Series(full[need]).str.split()
        first = tokens.str[0].fillna("").to_numpy(dtype=object)
        last = tokens.str[-1].fillna("").to_numpy(dtype=object)
        one_token = tokens.str.len().fillna(0).to_numpy() <= 1
        g, f = given[need], family[need]
        given = given.copy()
        family = family.copy()
        given[need] = np.where(g != "", g, np.where(one_token, "", first))
        family[need] = np.where(f != "", f, last)
    dob = _col(mentions, "dob").astype(str)
    y, m, d = _dob_parts(dob)
    full_dob = (y > 0) & (m > 0) & (d > 0)
    dob8 = np.where(
        full_dob,
        pd.Series(y * 10000 + m * 100 + d).astype(str).to_numpy(dtype=object),
        "",
    )
    dob_key = np.where(
        y > 0, pd.Series(y * 10000 + m * 100 + d).astype(str).to_numpy(dtype=object), ""
    )
    return pd.DataFrame(
        {
            "given_name": given,
            "family_name": family,
            "full_name": full,
            "given_canon": _map_unique(pd.Series(given), canonical_given),
            "given_phonetic": _map_unique(pd.Series(given), _phonetic),
            "family_phonetic": _map_unique(pd.Series(family), _phonetic),
            "dob": dob_key,
            "dob8": dob8,
            "dob_y": y,
            "dob_m": m,
            "dob_d": d,
            "sex": _map_unique(_col(mentions, "sex"), _sex),
            "phone": _map_unique(_col(mentions, "phone"), _digits_tail),
            "email": _map_unique(_col(mentions, "email"), _email),
            "document": _map_unique(_col(mentions, "document"), _document),
            "postcode": _map_unique(_col(mentions, "postcode"), _postcode),
            "city": _map_unique(_col(mentions, "city"), fold),
            "address": _map_unique(_col(mentions, "address"), _address),
            "nationality": _map_unique(_col(mentions, "nationality"), lambda s: s.strip().upper()),
        },
        index=pd.RangeIndex(n),
    )
