"""The comparison library: each comparison turns a candidate pair into a level (Splink style).

Every comparison works on whole arrays of pairs: rapidfuzz's ``process.cpdist`` scores
the strings in C across threads, numpy does the rest. Level 0 is always "null" (a value
missing on either side), which carries no weight.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from rapidfuzz import fuzz
from rapidfuzz.distance import OSA, JaroWinkler
from rapidfuzz.process import cpdist

from linkgraph.errors import ConfigError


def similarity(
    a: np.ndarray, b: np.ndarray, scorer: str = "jaro_winkler", workers: int = -1
) -> np.ndarray:
    """Similarity in [0, 1] of ``a[i]`` and ``b[i]`` for every i, computed in C.

    ``scorer`` is one of ``jaro_winkler``, ``token_sort``, ``token_set``, ``osa`` (an
    edit distance, returned as a distance, not a similarity).
    """
    if len(a) == 0:
        return np.empty(0, dtype=np.float32)
    if scorer == "jaro_winkler":
        return cpdist(
            a, b, scorer=JaroWinkler.normalized_similarity, workers=workers, dtype=np.float32
        )
    if scorer == "token_sort":
        return cpdist(a, b, scorer=fuzz.token_sort_ratio, workers=workers, dtype=np.float32) / 100
    if scorer == "token_set":
        return cpdist(a, b, scorer=fuzz.token_set_ratio, workers=workers, dtype=np.float32) / 100
    if scorer == "osa":
        return cpdist(a, b, scorer=OSA.distance, workers=workers, dtype=np.int32).astype(np.float32)
    raise ValueError(f"unknown scorer {scorer!r}")


@dataclass(frozen=True)
class Comparison:
    """A field comparison: its name, the features it reads, and its level labels."""

    name: str
    fields: tuple[str, ...]
    levels: tuple[str, ...]
    description: str = ""
    #: Default P(level | match), the EM's start and prior; level 0 (null) is ignored.
    m_prior: tuple[float, ...] = ()
    #: Default P(level | non-match); random pairs of the case refine it.
    u_prior: tuple[float, ...] = ()

    def compare(
        self, features: pd.DataFrame, left: np.ndarray, right: np.ndarray, *, workers: int = -1
    ) -> tuple[np.ndarray, np.ndarray]:
        """Levels (int8, 0 = null) and similarities (float32) of the pairs."""
        raise NotImplementedError


def _pair(features: pd.DataFrame, col: str, left: np.ndarray, right: np.ndarray):  # type: ignore[no-untyped-def]
    values = features[col].to_numpy(dtype=object)
    return values[left], values[right]


@dataclass(frozen=True)
class Exact(Comparison):
    """Same value after normalisation (sex, nationality)."""

    def compare(self, features, left, right, *, workers=-1):  # type: ignore[no-untyped-def]
        a, b = _pair(features, self.fields[0], left, right)
        null = (a == "") | (b == "")
        level = np.where(null, 0, np.where(a == b, 1, 2)).astype(np.int8)
        return level, (a == b).astype(np.float32)


@dataclass(frozen=True)
class Identifier(Comparison):
    """Same identifier (document, phone, email), one typo apart, or different."""

    def compare(self, features, left, right, *, workers=-1):  # type: ignore[no-untyped-def]
        a, b = _pair(features, self.fields[0], left, right)
        null = (a == "") | (b == "")
        equal = a == b
        level = np.where(null, 0, np.where(equal, 1, 3)).astype(np.int8)
        sim = equal.astype(np.float32)
        check = np.flatnonzero(~null & ~equal)
        if len(check):
            dist = similarity(a[check], b[check], "osa", workers)
            level[check[dist <= 1]] = 2
            sim[check] = 1 - dist / np.maximum(pd.Series(a[check]).str.len().to_numpy(), 1).astype(
                np.float32
            )
        return level, sim


@dataclass(frozen=True)
class Fuzzy(Comparison):
    """A string compared by exact match, then similarity thresholds (city, address)."""

    scorer: str = "jaro_winkler"
    thresholds: tuple[float, ...] = (0.92, 0.8)

    def compare(self, features, left, right, *, workers=-1):  # type: ignore[no-untyped-def]
        a, b = _pair(features, self.fields[0], left, right)
        null = (a == "") | (b == "")
        equal = a == b
        level = np.where(null, 0, np.where(equal, 1, 2 + len(self.thresholds))).astype(np.int8)
        sim = equal.astype(np.float32)
        check = np.flatnonzero(~null & ~equal)
        if len(check):
            s = similarity(a[check], b[check], self.scorer, workers)
            sim[check] = s
            lv = np.full(len(check), 2 + len(self.thresholds), dtype=np.int8)
            for i, t in reversed(list(enumerate(self.thresholds))):
                lv[s >= t] = 2 + i
            level[check] = lv
        return level, sim


def name_levels(
    features: pd.DataFrame, left: np.ndarray, right: np.ndarray, *, workers: int = -1
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Levels and similarities of ``given_name`` and ``family_name`` together.

    When comparing the given name of one with the family name of the other (and vice
    versa) fits better, the swapped similarities are used: "Kovalenko Oleksandr" and
    "Oleksandr Kovalenko" agree on both names.

    Levels: given 1 exact or nickname, 2 JW >= 0.92, 3 JW >= 0.8 or an initial, 4 else;
    family 1 exact, 2 JW >= 0.92, 3 JW >= 0.8, 4 else.
    """
    g1, g2 = _pair(features, "given_name", left, right)
    f1, f2 = _pair(features, "family_name", left, right)
    c1, c2 = _pair(features, "given_canon", left, right)
    gg = _jw(g1, g2, workers)
    ff = _jw(f1, f2, workers)
    gf = _jw(g1, f2, workers)
    fg = _jw(f1, g2, workers)
    swap = (gf + fg) > (gg + ff) + 0.1
    gsim = np.where(swap, gf, gg)
    fsim = np.where(swap, fg, ff)
    gnull = (g1 == "") | (g2 == "")
    fnull = (f1 == "") | (f2 == "")
    nick = (c1 == c2) & ~swap
    initial = _initial_match(g1, g2) & ~swap
    glevel = np.select(
        [gnull, (gsim >= 0.999) | nick, gsim >= 0.92, (gsim >= 0.8) | initial],
        [0, 1, 2, 3],
        4,
    ).astype(np.int8)
    flevel = np.select([fnull, fsim >= 0.999, fsim >= 0.92, fsim >= 0.8], [0, 1, 2, 3], 4).astype(
        np.int8
    )
    return {"given_name": (glevel, gsim), "family_name": (flevel, fsim), "swapped": (swap, swap)}


def _jw(a: np.ndarray, b: np.ndarray, workers: int) -> np.ndarray:
    out = (a == b).astype(np.float32)
    check = np.flatnonzero((a != b) & (a != "") & (b != ""))
    if len(check):
        out[check] = similarity(a[check], b[check], "jaro_winkler", workers)
    return out


def _initial_match(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """One side is a single letter (an initial) that starts the other side."""
    sa = pd.Series(a, dtype=object)
    sb = pd.Series(b, dtype=object)
    la, lb = sa.str.len().to_numpy(), sb.str.len().to_numpy()
    same_first = (sa.str[:1] == sb.str[:1]).to_numpy()
    return same_first & ((la == 1) | (lb == 1)) & (la > 0) & (lb > 0)


@dataclass(frozen=True)
class Dob(Comparison):
    """Date of birth: exact, close (day/month swapped or one digit off), same year, different."""

    def compare(self, features, left, right, *, workers=-1):  # type: ignore[no-untyped-def]
        y, m, d = (features[c].to_numpy() for c in ("dob_y", "dob_m", "dob_d"))
        y1, y2, m1, m2, d1, d2 = y[left], y[right], m[left], m[right], d[left], d[right]
        full1 = (y1 > 0) & (m1 > 0) & (d1 > 0)
        full2 = (y2 > 0) & (m2 > 0) & (d2 > 0)
        both = full1 & full2
        null = (y1 == 0) | (y2 == 0)
        exact = both & (y1 == y2) & (m1 == m2) & (d1 == d2)
        swapped = both & (y1 == y2) & (m1 == d2) & (d1 == m2)
        close = swapped.copy()
        check = np.flatnonzero(both & ~exact & ~swapped)
        if len(check):
            a, b = _pair(features, "dob8", left[check], right[check])
            close[check] = similarity(a, b, "osa", workers) <= 1
        # Partial dates (a year, or a year and month) agree as far as both go.
        partial_agree = ~both & (y1 == y2) & ((m1 == 0) | (m2 == 0) | (m1 == m2))
        year = (y1 == y2) | partial_agree
        level = np.select([null, exact, close, year], [0, 1, 2, 3], 4).astype(np.int8)
        sim = np.select([exact, close, year], [1.0, 0.8, 0.5], 0.0).astype(np.float32)
        return level, sim


def dob_conflict(
    levels: np.ndarray, features: pd.DataFrame, left: np.ndarray, right: np.ndarray
) -> np.ndarray:
    """Pairs whose full dates of birth are both known and not close: different people."""
    y, m, d = (features[c].to_numpy() for c in ("dob_y", "dob_m", "dob_d"))
    both = (
        (y[left] > 0)
        & (m[left] > 0)
        & (d[left] > 0)
        & (y[right] > 0)
        & (m[right] > 0)
        & (d[right] > 0)
    )
    return both & (levels >= 3)


GIVEN = Comparison(
    name="given_name",
    fields=("given_name",),
    levels=(
        "null",
        "exact or nickname",
        "Jaro-Winkler >= 0.92",
        "Jaro-Winkler >= 0.8 or initial",
        "different",
    ),
    description="Given names, transliterated and folded; nicknames count as exact; "
    "swapped given/family order is checked.",
    m_prior=(0, 0.80, 0.10, 0.06, 0.04),
    u_prior=(0, 0.01, 0.01, 0.04, 0.94),
)
FAMILY = Comparison(
    name="family_name",
    fields=("family_name",),
    levels=("null", "exact", "Jaro-Winkler >= 0.92", "Jaro-Winkler >= 0.8", "different"),
    description="Family names, transliterated and folded; swapped order is checked.",
    m_prior=(0, 0.85, 0.08, 0.04, 0.03),
    u_prior=(0, 0.005, 0.005, 0.02, 0.97),
)
_IDENT_LEVELS = ("null", "same", "one typo", "different")

#: Comparisons by name. ``given_name`` and ``family_name`` are computed together.
COMPARISONS: dict[str, Comparison] = {
    "given_name": GIVEN,
    "family_name": FAMILY,
    "dob": Dob(
        name="dob",
        fields=("dob",),
        levels=("null", "exact", "close (swap or one digit)", "same year", "different"),
        description="Dates of birth; day/month swaps and one-digit typos count as close.",
        m_prior=(0, 0.85, 0.10, 0.03, 0.02),
        u_prior=(0, 0.0005, 0.002, 0.02, 0.9775),
    ),
    "sex": Exact(
        name="sex",
        fields=("sex",),
        levels=("null", "same", "different"),
        description="Recorded sex.",
        m_prior=(0, 0.97, 0.03),
        u_prior=(0, 0.5, 0.5),
    ),
    "phone": Identifier(
        name="phone",
        fields=("phone",),
        levels=_IDENT_LEVELS,
        description="Phone numbers, last nine digits.",
        m_prior=(0, 0.6, 0.05, 0.35),
        u_prior=(0, 0.001, 0.001, 0.998),
    ),
    "email": Identifier(
        name="email",
        fields=("email",),
        levels=_IDENT_LEVELS,
        description="E-mail addresses, lower-case.",
        m_prior=(0, 0.6, 0.05, 0.35),
        u_prior=(0, 0.001, 0.001, 0.998),
    ),
    "document": Identifier(
        name="document",
        fields=("document",),
        levels=_IDENT_LEVELS,
        description="Passport or id numbers, letters and digits only.",
        m_prior=(0, 0.8, 0.1, 0.1),
        u_prior=(0, 0.0005, 0.001, 0.9985),
    ),
    "postcode": Identifier(
        name="postcode",
        fields=("postcode",),
        levels=_IDENT_LEVELS,
        description="Postcodes.",
        m_prior=(0, 0.8, 0.1, 0.1),
        u_prior=(0, 0.01, 0.03, 0.96),
    ),
    "city": Fuzzy(
        name="city",
        fields=("city",),
        levels=("null", "exact", "Jaro-Winkler >= 0.9", "different"),
        description="City or suburb names.",
        m_prior=(0, 0.85, 0.08, 0.07),
        u_prior=(0, 0.02, 0.02, 0.96),
        scorer="jaro_winkler",
        thresholds=(0.9,),
    ),
    "address": Fuzzy(
        name="address",
        fields=("address",),
        levels=("null", "exact", "token-sort >= 0.9", "token-sort >= 0.7", "different"),
        description="Street addresses, abbreviations unified.",
        m_prior=(0, 0.7, 0.15, 0.1, 0.05),
        u_prior=(0, 0.002, 0.005, 0.03, 0.963),
        scorer="token_sort",
        thresholds=(0.9, 0.7),
    ),
    "nationality": Exact(
        name="nationality",
        fields=("nationality",),
        levels=("null", "same", "different"),
        description="Nationality (ISO code).",
        m_prior=(0, 0.95, 0.05),
        u_prior=(0, 0.3, 0.7),
    ),
}


def check_comparisons(names: Sequence[str]) -> None:
    """Raise ConfigError naming every unknown comparison."""
    bad = [
        f"resolve.comparisons[{i}]: unknown comparison {n!r}"
        for i, n in enumerate(names)
        if n not in COMPARISONS
    ]
    if bad:
        raise ConfigError(
            "; ".join(bad), key="resolve.comparisons", hint=f"choose from: {', '.join(COMPARISONS)}"
        )


def compare(
    features: pd.DataFrame,
    left: np.ndarray,
    right: np.ndarray,
    names: Sequence[str],
    *,
    workers: int = -1,
) -> pd.DataFrame:
    """One row per pair: ``<name>_level`` (int8) and ``<name>_sim`` (float32) per comparison,
    plus ``swapped`` (names compared in swapped order) and ``dob_conflict``."""
    check_comparisons(names)
    out: dict[str, np.ndarray] = {}
    if "given_name" in names or "family_name" in names:
        nl = name_levels(features, left, right, workers=workers)
        for key in ("given_name", "family_name"):
            if key in names:
                out[f"{key}_level"], out[f"{key}_sim"] = nl[key]
        out["swapped"] = nl["swapped"][0]
    for name in names:
        if name in ("given_name", "family_name"):
            continue
        level, sim = COMPARISONS[name].compare(features, left, right, workers=workers)
        out[f"{name}_level"], out[f"{name}_sim"] = level, sim
    if "dob" in names:
        out["dob_conflict"] = dob_conflict(out["dob_level"], features, left, right)
    return pd.DataFrame(out)
