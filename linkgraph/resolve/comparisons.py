"""The comparison library: each comparison turns a candidate pair into a level (Splink style).

Every comparison works on whole arrays of pairs: rapidfuzz's ``process.cpdist`` scores
the strings in C across threads, numpy does the rest. Level 0 is always "null" (a value
missing on either side), which carries no weight.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from rapidfuzz import fuzz
from rapidfuzz.distance import OSA, Indel, JaroWinkler
from rapidfuzz.process import cpdist

from linkgraph._arrays import unique
from linkgraph.errors import ConfigError
from linkgraph.resolve.features import (
    FAMILY_PARTICLES,
    consonant_key,
    name_skeleton,
    vowelless,
)
from linkgraph.resolve.name_order import left_swapped
from linkgraph.resolve.nicknames import (
    NICKNAMES,
    SEVERAL,
    canonical_given,
    has_english_nicknames,
    nickname_related,
)
from linkgraph.resolve.patronymics import differing_pairs
from linkgraph.resolve.transcription import key_similarity
from linkgraph.resolve.vietnamese import MIDDLE_NAMES, middle_name_dropped
from linkgraph.resolve.wade_giles import romanised_key


def similarity(
    a: np.ndarray,
    b: np.ndarray,
    scorer: str = "jaro_winkler",
    workers: int = -1,
    *,
    cutoff: float | None = None,
) -> np.ndarray:
    """Similarity in [0, 1] of ``a[i]`` and ``b[i]`` for every i, computed in C.

    ``scorer`` is one of ``jaro_winkler``, ``token_sort``, ``token_set``, ``ratio``
    (Indel, what ``token_sort`` applies to sorted tokens), ``osa`` (an
    edit distance, returned as a distance, not a similarity). ``cutoff``: Jaro-Winkler
    similarities below it are 0, OSA distances above it are ``cutoff + 1``; rapidfuzz
    stops early on those.
    """
    if len(a) == 0:
        return np.empty(0, dtype=np.float32)
    if scorer == "jaro_winkler":
        return cpdist(
            a,
            b,
            scorer=JaroWinkler.normalized_similarity,
            workers=workers,
            dtype=np.float32,
            score_cutoff=cutoff,
        )
    if scorer == "token_sort":
        return cpdist(a, b, scorer=fuzz.token_sort_ratio, workers=workers, dtype=np.float32) / 100
    if scorer == "ratio":
        return cpdist(a, b, scorer=Indel.normalized_similarity, workers=workers, dtype=np.float32)
    if scorer == "token_set":
        return cpdist(a, b, scorer=fuzz.token_set_ratio, workers=workers, dtype=np.float32) / 100
    if scorer == "osa":
        # With a cut-off, distances above it come back as cutoff + 1 (rapidfuzz stops early).
        limit = None if cutoff is None else int(cutoff)
        dist = cpdist(
            a, b, scorer=OSA.distance, workers=workers, dtype=np.int32, score_cutoff=limit
        )
        return dist.astype(np.float32)
    raise ValueError(f"unknown scorer {scorer!r}")


_CHAR_BIT = np.full(256, 63, dtype=np.uint64)  # every byte of a non-ASCII character: bit 63
_CHAR_BIT[:128] = 36 + np.arange(128, dtype=np.uint64) % 27
_CHAR_BIT[np.frombuffer(b"abcdefghijklmnopqrstuvwxyz", np.uint8)] = np.arange(26)
_CHAR_BIT[np.frombuffer(b"0123456789", np.uint8)] = 26 + np.arange(10)


def char_masks(text: np.ndarray) -> np.ndarray:
    """Per text, a 64-bit set of the characters it holds (ASCII letters and digits one
    bit each, other characters sharing bits): a character of one text and not of the
    other sets a bit of their XOR, and distinct bits are distinct such characters, so
    the XOR's bit count never exceeds the number of characters one text lacks."""
    arr = pa.array(text, pa.large_string())
    if len(arr) == 0:
        return np.zeros(0, dtype=np.uint64)
    offsets = np.frombuffer(arr.buffers()[1], dtype=np.int64)[: len(arr) + 1]
    data = arr.buffers()[2]
    raw = np.frombuffer(data, dtype=np.uint8) if data is not None else np.zeros(0, np.uint8)
    out = np.zeros(len(arr), dtype=np.uint64)
    # The texts of about _MASK_BYTES characters at a time: each character's bit takes 8
    # bytes, and a million addresses' at once were a fresh array of hundreds of MiB (a
    # page fault per 4 KiB); a slice's stay small enough for the heap to reuse.
    a = 0
    while a < len(arr):
        b = int(np.searchsorted(offsets, offsets[a] + _MASK_BYTES, side="right")) - 1
        b = min(max(b, a + 1), len(arr))
        lo, hi = offsets[a], offsets[b]
        filled = np.flatnonzero(np.diff(offsets[a : b + 1]) > 0)
        if len(filled):
            bits = np.left_shift(np.uint64(1), _CHAR_BIT[raw[lo:hi]])
            out[a + filled] = np.bitwise_or.reduceat(bits, offsets[a + filled] - lo)
        a = b
    return out


_MASK_BYTES = 1 << 20  # characters of text per slice in char_masks


@dataclass(frozen=True)
class Level:
    """One level of a comparison (Splink's comparison level): the name rules test, the
    label ``explain`` shows, how a pair is put there, and the default m and u.

    A comparison's levels are ordered: its ``compare`` tests them first to last and
    stores each pair's level as its position (an int8 code, 0 = ``null``), which is what
    the arrays of millions of pairs hold; rules and adjustments name levels, never codes.
    """

    name: str  # what rules test: "exact", "close", "one_typo", ...
    label: str  # what explain and the evidence show: "Jaro-Winkler >= 0.92"
    test: str = ""  # how a pair gets this level, in words
    m: float = 0.0  # default P(level | match): the EM's start and prior
    u: float = 0.0  # default P(level | non-match): random pairs of the case refine it
    #: The level says the values disagree (Splink's "else" level): its learnt weight is
    #: bounded at 0 (``scoring.Model.weights``), never evidence for a match, however EM
    #: fits m and u on a case where few pairs reach it.
    against: bool = False
    #: Its m is at most the default whatever EM learns (``scoring.bound_against``): a
    #: level whose matches are rare in any case, which a small case's few matches there
    #: (two women married since among twenty people) must not make weigh little.
    bounded: bool = False


def null_level() -> Level:
    """Level 0 of every comparison: a value missing on either side; it weighs nothing."""
    return Level("null", "null", "the value is missing on either side")


@dataclass(frozen=True)
class Comparison:
    """A field comparison: its name, the features it reads, and its levels, in the order
    they are tested (level 0 is always :func:`null_level`)."""

    name: str
    fields: tuple[str, ...]
    levels: tuple[Level, ...]
    description: str = ""

    @property
    def labels(self) -> tuple[str, ...]:
        """The levels' labels, by code."""
        return tuple(lv.label for lv in self.levels)

    @property
    def level_names(self) -> tuple[str, ...]:
        """The levels' names, by code."""
        return tuple(lv.name for lv in self.levels)

    @property
    def m_prior(self) -> tuple[float, ...]:
        """Default P(level | match) by code, the EM's start and prior (null ignored)."""
        return tuple(lv.m for lv in self.levels)

    @property
    def u_prior(self) -> tuple[float, ...]:
        """Default P(level | non-match) by code; random pairs of the case refine it."""
        return tuple(lv.u for lv in self.levels)

    def code(self, level: str) -> int:
        """The int8 code of the level called ``level``; ``KeyError`` names the known ones."""
        try:
            return self.level_names.index(level)
        except ValueError:
            raise KeyError(
                f"comparison {self.name!r} has no level {level!r}; "
                f"its levels: {', '.join(self.level_names)}"
            ) from None

    def codes(self, *levels: str) -> tuple[int, ...]:
        """The codes of several levels (see :meth:`code`)."""
        return tuple(self.code(lv) for lv in levels)

    def compare(
        self, features: pd.DataFrame, left: np.ndarray, right: np.ndarray, *, workers: int = -1
    ) -> tuple[np.ndarray, np.ndarray]:
        """Levels (int8 codes, 0 = null) and similarities (float32) of the pairs."""
        raise NotImplementedError


def _pair(features: pd.DataFrame, col: str, left: np.ndarray, right: np.ndarray):  # type: ignore[no-untyped-def]
    values = features[col].to_numpy(dtype=object)
    return values[left], values[right]


@dataclass(frozen=True)
class Exact(Comparison):
    """Same value after normalisation (sex, nationality)."""

    def compare(self, features, left, right, *, workers=-1):  # type: ignore[no-untyped-def]
        codes, _ = _coded(features, self.fields[0])
        a, b = codes[left], codes[right]
        null = (a < 0) | (b < 0)
        null_, same, different = self.codes("null", "same", "different")
        level = np.where(null, null_, np.where(a == b, same, different)).astype(np.int8)
        return level, ((a == b) & ~null).astype(np.float32)


_MEMO: dict[tuple[int, str], Any] | None = None


@contextmanager
def reuse_features() -> Iterator[None]:
    """Within the block, the per-mention work of :func:`compare` (codes, vocabularies,
    skeletons of a features frame) is done once per frame and reused: comparing millions
    of pairs chunk by chunk then costs what one call would. A block inside another
    reuses the outer one's work (scoring, then the evidence of the kept pairs)."""
    global _MEMO
    if _MEMO is not None:
        yield
        return
    _MEMO = {}
    try:
        yield
    finally:
        _MEMO = None


def _memo(features: pd.DataFrame, key: str, make: Callable[[], Any]) -> Any:
    """``make()``, once per (features frame, key) inside :func:`reuse_features`. The
    frame is held with its work, so that no other frame can take its ``id`` meanwhile."""
    if _MEMO is None:
        return make()
    k = (id(features), key)
    if k not in _MEMO:
        _MEMO[k] = (features, make())
    return _MEMO[k][1]


class PairValues:
    """Similarities already computed, by distinct pair of codes (an int64 key each, kept
    sorted): the chunks of millions of candidate pairs repeat the same pairs of names and
    addresses, so each is computed once per features frame (see :func:`_memo`). The
    similarity of a pair depends on that pair alone, so the values are the same."""

    def __init__(self) -> None:
        self.keys = np.empty(0, dtype=np.int64)
        self.values = np.empty(0, dtype=np.float32)

    def get(self, keys: np.ndarray, compute: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
        """The values of distinct ``keys``; ``compute(keys)`` for those not known yet.

        The keys are looked up in sorted order (binary searches that move forward, and
        the new keys merged in without sorting the whole table again)."""
        order = np.argsort(keys)
        query = keys[order]
        out = np.empty(len(keys), dtype=np.float32)
        at = np.searchsorted(self.keys, query)
        known = np.zeros(len(keys), dtype=bool)
        if len(self.keys):
            known = self.keys[np.minimum(at, len(self.keys) - 1)] == query
            out[order[known]] = self.values[at[known]]
        new = np.flatnonzero(~known)
        if len(new):
            values = compute(query[new])
            assert values.dtype == np.float32  # stored and returned without a cast
            out[order[new]] = values
            self.keys = np.insert(self.keys, at[new], query[new])
            self.values = np.insert(self.values, at[new], values)
        return out


def _pair_values(features: pd.DataFrame, name: str) -> PairValues:
    """The :class:`PairValues` of one similarity of a features frame (a fresh, empty one
    outside :func:`reuse_features`)."""
    return _memo(features, "pairs:" + name, PairValues)


def _coded(features: pd.DataFrame, col: str) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes of a feature column (-1 for "") and the distinct values: pairs are
    compared by code, and string similarities computed once per distinct pair."""
    return _memo(features, "coded:" + col, lambda: _code_column(features, col))


def _code_column(features: pd.DataFrame, col: str) -> tuple[np.ndarray, np.ndarray]:
    values = features[col].to_numpy(dtype=object)
    codes, uniques = pd.factorize(values)
    uniques = np.asarray(uniques, dtype=object)
    empty = np.flatnonzero(uniques == "")
    codes = codes.astype(np.int64)
    if len(empty):
        codes[codes == empty[0]] = -1
    return codes, uniques


def _unique_pairs(a: np.ndarray, b: np.ndarray, width: int) -> tuple[np.ndarray, ...]:
    """Distinct (a, b) code pairs and, per input pair, the index of its distinct pair."""
    inverse, uniques = pd.factorize(a * np.int64(width) + b)
    uniques = np.asarray(uniques)
    return inverse, uniques // width, uniques % width


_TYPO_CHUNK = 1_000_000  # pairs per byte-matrix block: bounds the memory of the compare
_TYPO_WIDTH = 64  # longer values (rare) go through rapidfuzz instead of the byte matrix


def _lengths(values: np.ndarray) -> np.ndarray:
    return np.fromiter(map(len, values), dtype=np.int64, count=len(values))


class _TypoTable:
    """Per vocabulary of identifiers, what :func:`_one_typo` reads: each value's length,
    whether it is plain ASCII of at most :data:`_TYPO_WIDTH` bytes, and (made when first
    needed) the byte matrix of those values. Made once per features frame (see
    :func:`_memo`), not once per chunk of pairs."""

    def __init__(self, vocab: np.ndarray) -> None:
        self.vocab = vocab
        self.length = _lengths(vocab)
        plain = np.asarray(pc.string_is_ascii(pa.array(vocab, pa.large_string())), dtype=bool)
        self.plain = plain & (self.length <= _TYPO_WIDTH)
        self._matrix: np.ndarray | None = None

    @property
    def matrix(self) -> np.ndarray:
        """One row of bytes per plain value ("" for the others), zero padded."""
        if self._matrix is None:
            width = max(int(self.length[self.plain].max()), 1) if self.plain.any() else 1
            self._matrix = (
                np.array(np.where(self.plain, self.vocab, "").tolist(), dtype=f"S{width}")
                .view(np.uint8)
                .reshape(len(self.vocab), width)
            )
        return self._matrix


def _typo_table(features: pd.DataFrame, col: str, vocab: np.ndarray) -> _TypoTable:
    """The :class:`_TypoTable` of a feature column's vocabulary (see :func:`_coded`)."""
    return _memo(features, "typo:" + col, lambda: _TypoTable(vocab))


def _one_typo(
    a: np.ndarray,
    b: np.ndarray,
    vocab: np.ndarray,
    workers: int,
    *,
    table: _TypoTable | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Whether two different identifiers, given by their codes in ``vocab``, are one typo
    apart (one character wrong, two neighbours swapped, one dropped or added), and their
    similarity (0 when the lengths differ by more than one).

    Equal-length ASCII values, by far the most (phone tails, id numbers), are compared as
    rows of one byte matrix of the vocabulary, built once (``table``: that of ``vocab``,
    when already made); only the others go through rapidfuzz's OSA distance."""
    n = len(a)
    close = np.zeros(n, dtype=bool)
    sim = np.zeros(n, dtype=np.float32)
    if n == 0:
        return close, sim
    table = _TypoTable(vocab) if table is None else table
    length, plain = table.length, table.plain
    la, lb = length[a], length[b]
    by_bytes = np.flatnonzero((la == lb) & plain[a] & plain[b])
    if len(by_bytes):
        matrix = table.matrix
        width = matrix.shape[1]
        for lo in range(0, len(by_bytes), _TYPO_CHUNK):
            rows = by_bytes[lo : lo + _TYPO_CHUNK]
            mx, my = matrix[a[rows]], matrix[b[rows]]
            diff = mx != my
            count = np.count_nonzero(diff, axis=1)
            # Two neighbours swapped: exactly two adjacent mismatches, crosswise equal.
            swapped = np.zeros(len(rows), dtype=bool)
            two = np.flatnonzero(count == 2)
            if len(two):
                first = diff[two].argmax(axis=1)
                nxt = np.minimum(first + 1, width - 1)
                swapped[two] = (
                    diff[two, nxt]
                    & (mx[two, first] == my[two, nxt])
                    & (mx[two, nxt] == my[two, first])
                )
            close[rows] = (count <= 1) | swapped
            sim[rows] = 1 - count / np.maximum(la[rows], 1)
    # Lengths one apart (a dropped or added character), and non-ASCII values: OSA.
    rest = np.flatnonzero((np.abs(la - lb) == 1) | ((la == lb) & ~(plain[a] & plain[b])))
    if len(rest):
        dist = similarity(vocab[a[rest]], vocab[b[rest]], "osa", workers)
        close[rest] = dist <= 1
        sim[rest] = 1 - dist / np.maximum(np.maximum(la[rest], lb[rest]), 1)
    return close, sim


def _value_index(values: np.ndarray) -> tuple[Any, ...] | None:
    """Each mention's values of a multi-valued feature as sorted (mention, value) keys,
    with per-mention counts and offsets (None when no mention has a value)."""
    n = len(values)
    series = pd.Series(values, dtype=object)
    exploded = series[series != ""].str.split("|").explode()
    exploded = exploded[exploded != ""]
    if len(exploded) == 0:
        return None
    codes, uniques = pd.factorize(exploded.to_numpy(dtype=object))
    pos = exploded.index.to_numpy(np.int64)
    width = np.int64(len(uniques) + 1)
    keys = unique(pos * width + codes)
    counts = np.bincount(pos, minlength=n)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    value_codes = codes[np.argsort(pos, kind="stable")]
    return width, keys, counts, starts, value_codes


def shares_value(
    values: np.ndarray,
    left: np.ndarray,
    right: np.ndarray,
    *,
    prepared: tuple[Any, ...] | None = None,
) -> np.ndarray:
    """Whether mentions ``left[i]`` and ``right[i]`` share a value of a multi-valued
    feature (values ``|``-joined, "" when none), without a Python loop over the pairs.
    ``prepared``: :func:`_value_index` of ``values``, when already made."""
    index = _value_index(values) if prepared is None else prepared
    if index is None or len(left) == 0:
        return np.zeros(len(left), dtype=bool)
    width, keys, counts, starts, value_codes = index
    # Every value of the left mention, looked up among the right mention's values.
    per_pair = counts[left]
    pair_of = np.repeat(np.arange(len(left)), per_pair)
    offset = np.arange(per_pair.sum()) - np.repeat(np.cumsum(per_pair) - per_pair, per_pair)
    query = right[pair_of].astype(np.int64) * width + value_codes[starts[left][pair_of] + offset]
    found = np.searchsorted(keys, query)
    hit = keys[np.minimum(found, len(keys) - 1)] == query
    out = np.zeros(len(left), dtype=bool)
    out[pair_of[hit]] = True
    return out


def _series_neighbour(a: np.ndarray, b: np.ndarray, vocab: np.ndarray) -> np.ndarray:
    """Whether two different identifiers, by their codes in ``vocab``, differ by one digit
    put for another (same length): RX100001 / RX100002, two documents or lines issued in
    one series (twins' passports, a batch of SIM cards), as likely another person's as a
    typo. A letter misread or mistyped (RX1OOOO1, hudson-broow) is no such neighbour.
    Called on the few pairs :func:`_one_typo` finds close only.

    >>> v = np.array(["RX100001", "RX100002", "RX1O0001", "RX010001", "RX10001"], dtype=object)
    >>> _series_neighbour(np.zeros(4, int), np.array([1, 2, 3, 4]), v).tolist()
    [True, False, False, False]
    """
    out = np.zeros(len(a), dtype=bool)
    for i, (x, y) in enumerate(zip(vocab[a], vocab[b], strict=True)):
        if len(x) != len(y):
            continue
        diff = [(p, q) for p, q in zip(x, y, strict=True) if p != q]
        out[i] = len(diff) == 1 and diff[0][0].isdigit() and diff[0][1].isdigit()
    return out


@dataclass(frozen=True)
class Identifier(Comparison):
    """Same identifier (document, phone, email, account), one typo apart, or different.

    A mention may hold several values (``|``-joined): sharing any one is "same"; the
    one-typo level is checked between single values only. One digit put for another
    (RX100001 / RX100002) is "different": numbers are issued in series, so such a pair
    is as often two documents or lines as one mistyped (:func:`_series_neighbour`); two
    neighbours swapped, a character dropped or added, or a letter wrong (a zero read as
    the letter O) stay "one typo". A postcode (``issued_in_series`` False) keeps every
    single typo: the next postcode is a neighbouring place; so does an e-mail address,
    which its holder chooses (fake data and typists alike put one digit for another).
    """

    issued_in_series: bool = True

    def compare(self, features, left, right, *, workers=-1):  # type: ignore[no-untyped-def]
        codes, vocab = _coded(features, self.fields[0])
        a, b = codes[left], codes[right]
        null = (a < 0) | (b < 0)
        multi_value = _memo(
            features,
            "multi:" + self.fields[0],
            lambda: np.fromiter(("|" in v for v in vocab), dtype=bool, count=len(vocab)),
        )
        single = np.ones(len(left), dtype=bool)
        if multi_value.any():
            values = features[self.fields[0]].to_numpy(dtype=object)
            index = _memo(features, "values:" + self.fields[0], lambda: _value_index(values))
            equal = shares_value(values, left, right, prepared=index) & ~null
            single = ~multi_value[np.maximum(a, 0)] & ~multi_value[np.maximum(b, 0)]
        else:
            equal = (a == b) & ~null
        null_, same, typo, different = self.codes("null", "same", "one_typo", "different")
        level = np.where(null, null_, np.where(equal, same, different)).astype(np.int8)
        sim = equal.astype(np.float32)
        check = np.flatnonzero(~null & ~equal & single)
        if len(check):
            table = _typo_table(features, self.fields[0], vocab)
            close, s = _one_typo(a[check], b[check], vocab, workers, table=table)
            if self.issued_in_series:
                close[close] = ~_series_neighbour(a[check[close]], b[check[close]], vocab)
            level[check[close]] = typo
            sim[check] = s
        return level, sim


@dataclass(frozen=True)
class Fuzzy(Comparison):
    """A string compared by exact match, then similarity thresholds (city, address): its
    levels are null, exact, one per threshold (highest first), different; build one with
    :func:`fuzzy` so the levels' labels state the very thresholds tested."""

    scorer: str = "jaro_winkler"
    thresholds: tuple[float, ...] = (0.92, 0.8)

    def compare(self, features, left, right, *, workers=-1):  # type: ignore[no-untyped-def]
        codes, vocab = _coded(features, self.fields[0])
        a, b = codes[left], codes[right]
        null = (a < 0) | (b < 0)
        equal = (a == b) & ~null
        null_, exact, different = self.codes("null", "exact", "different")
        # The threshold levels sit between "exact" and "different", in threshold order.
        above = range(exact + 1, exact + 1 + len(self.thresholds))
        level = np.where(null, null_, np.where(equal, exact, different)).astype(np.int8)
        sim = equal.astype(np.float32)
        check = np.flatnonzero(~null & ~equal)
        if len(check):
            # Cities and streets repeat: score each distinct pair of values once.
            inverse, ua, ub = _unique_pairs(a[check], b[check], len(vocab) + 1)
            scorer, text = self.scorer, vocab
            if scorer == "token_sort":
                # Sort each value's tokens once, not once per pair as token_sort_ratio
                # does: the plain ratio of sorted tokens is the token-sort ratio.
                text = _memo(
                    features,
                    "token_sort:" + self.fields[0],
                    lambda: np.array([" ".join(sorted(v.split())) for v in vocab], dtype=object),
                )
                scorer = "ratio"
            width = np.int64(len(vocab) + 1)
            known = _pair_values(features, f"{self.name}:{self.fields[0]}")
            s = known.get(
                ua * width + ub,
                lambda k: similarity(text[k // width], text[k % width], scorer, workers),
            )[inverse]
            sim[check] = s
            lv = np.full(len(check), different, dtype=np.int8)
            for code, t in reversed(list(zip(above, self.thresholds, strict=True))):
                lv[s >= t] = code
            level[check] = lv
        return level, sim


_SCORER_LABELS = {"jaro_winkler": "Jaro-Winkler", "token_sort": "token-sort"}


def fuzzy(
    name: str,
    field: str,
    *,
    scorer: str,
    thresholds: Sequence[tuple[str, float, float, float]],
    exact: tuple[float, float],
    different: tuple[float, float],
    description: str,
) -> Fuzzy:
    """A :class:`Fuzzy` comparison whose levels are made from its thresholds.

    Args:
        thresholds: per similarity level, highest first, ``(name, threshold, m, u)``.
        exact, different: ``(m, u)`` of the exact and different levels.
    """
    what = _SCORER_LABELS.get(scorer, scorer)
    levels = (
        null_level(),
        Level("exact", "exact", "the same value", *exact),
        *(
            Level(lv, f"{what} >= {t:g}", f"{what} similarity at least {t:g}", m, u)
            for lv, t, m, u in thresholds
        ),
        Level("different", "different", "any other pair of values", *different, against=True),
    )
    return Fuzzy(
        name=name,
        fields=(field,),
        levels=levels,
        description=description,
        scorer=scorer,
        thresholds=tuple(t for _, t, _, _ in thresholds),
    )


def _length_first(vocab: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Length and first-letter code of each name in the vocabulary."""
    length = pd.Series(vocab, dtype=object).str.len().to_numpy()
    first = pd.factorize(pd.Series(vocab, dtype=object).str[:1].to_numpy(dtype=object))[0]
    return length, first


def _name_codes(features: pd.DataFrame) -> tuple[np.ndarray, ...]:
    """Given and family name codes in one vocabulary, its skeletons, given-name canon codes."""
    given = features["given_name"].to_numpy(dtype=object)
    family = features["family_name"].to_numpy(dtype=object)
    n = len(given)
    # One vocabulary for given and family names (the swapped order compares across them);
    # similarities are computed once per distinct pair of names, not once per pair of
    # mentions: common names repeat across millions of candidate pairs.
    codes, vocab = pd.factorize(np.concatenate([given, family]))
    vocab = np.asarray(vocab, dtype=object)
    gcode, fcode = codes[:n].astype(np.int64), codes[n:].astype(np.int64)
    skeleton = np.empty(len(vocab), dtype=object)
    if "given_skeleton" in features and "family_skeleton" in features:
        # person_features already made them: one per mention, copied onto the vocabulary.
        skeleton[gcode] = features["given_skeleton"].to_numpy(dtype=object)
        skeleton[fcode] = features["family_skeleton"].to_numpy(dtype=object)
    else:
        skeleton[:] = [name_skeleton(v) for v in vocab]
    canon = pd.factorize(features["given_canon"].to_numpy(dtype=object))[0]
    return gcode, fcode, vocab, skeleton, canon


def _english_nicknames(
    features: pd.DataFrame, vocab: np.ndarray, a: np.ndarray, b: np.ndarray, look: np.ndarray
) -> np.ndarray:
    """Which pairs of given-name codes (``a``, ``b``; only where ``look``) are related
    English nicknames (:func:`~linkgraph.resolve.nicknames.nickname_related`), each
    distinct pair of names looked up once."""
    out = np.zeros(len(a), dtype=bool)
    known = _memo(
        features,
        "english_nicknames",
        lambda: np.array([has_english_nicknames(v) for v in vocab], dtype=bool),
    )
    look = look & (known[a] | known[b])
    if not look.any():
        return out
    idx = np.flatnonzero(look)
    pairs, inverse = np.unique(np.stack([a[idx], b[idx]], axis=1), axis=0, return_inverse=True)
    related = np.array([nickname_related(vocab[x], vocab[y]) for x, y in pairs], dtype=bool)
    out[idx] = related[inverse.reshape(-1)]
    return out


def name_levels(
    features: pd.DataFrame, left: np.ndarray, right: np.ndarray, *, workers: int = -1
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Levels and similarities of ``given_name`` and ``family_name`` together.

    When comparing the given name of one with the family name of the other (and vice
    versa) fits better, the swapped similarities are used: "Kovalenko Oleksandr" and
    "Oleksandr Kovalenko" agree on both names.

    Similarities are Jaro-Winkler, raised by the transliteration skeletons and one-typo
    rule of :func:`_name_sim`. Levels (see ``GIVEN`` and ``FAMILY``): exact (or a
    nickname, for given names), close (>= :data:`NAME_CLOSE`), similar (>=
    :data:`NAME_SIMILAR`, or an initial for given names), different.
    """
    left, right = np.asarray(left), np.asarray(right)
    gcode, fcode, vocab, skeleton, canon = _memo(features, "names", lambda: _name_codes(features))
    empty = np.asarray(vocab == "")
    g1, g2 = gcode[left], gcode[right]
    f1, f2 = fcode[left], fcode[right]

    known = _pair_values(features, "names")

    def sim(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return _code_sim(a, b, vocab, skeleton, workers, known=known)

    gg = sim(g1, g2)
    ff = sim(f1, f2)
    # A name in Cyrillic against one in Latin letters ("Джеймс Вуд" / "James Wood"): the
    # similarities raised to their transcription keys' (transcription.key_similarity).
    across = _across_scripts(features, left, right)
    raised = np.zeros((4, len(left)), dtype=bool)  # gg, ff, gf, fg raised by the keys
    if len(across):
        for i, (sims, a, b) in enumerate(((gg, "given", "given"), (ff, "family", "family"))):
            rows = across[sims[across] < NAME_EXACT]  # the keys can only raise
            keyed = _transcribed_sim(features, left[rows], right[rows], a, b, workers)
            raised[i, rows] = keyed > sims[rows]
            sims[rows] = np.maximum(sims[rows], keyed)
    # Chinese names in Wade-Giles and in pinyin ("Chun" / "Jun", "Hsu" / "Xu"): both
    # names of both mentions read as Chinese syllables, a part whose romanisation keys
    # agree is a close spelling (wade_giles.romanised_key).
    g_roman, f_roman = _romanised_pairs(features, vocab, empty, (g1, g2, f1, f2), gg, ff)
    gg[g_roman] = np.maximum(gg[g_roman], NAME_CLOSE)
    ff[f_roman] = np.maximum(ff[f_roman], NAME_CLOSE)
    # The swapped order can only win (by more than 0.1) where the straight one is weak.
    gf = np.zeros(len(left), dtype=np.float32)
    fg = np.zeros(len(left), dtype=np.float32)
    weak = np.flatnonzero(gg + ff < 1.9)
    weak_across = np.intersect1d(weak, across, assume_unique=True)
    if len(weak):
        # A swapped order that fits starts at least one crossed pair of names with the same
        # letter (of the transliteration skeleton); the others are not worth two more
        # similarity passes over millions of pairs.
        initial = _memo(
            features,
            "skeleton_initial",
            lambda: pd.factorize(np.array([v[:1] for v in skeleton], dtype=object))[0],
        )
        crossed = (initial[g1[weak]] == initial[f2[weak]]) | (
            initial[f1[weak]] == initial[g2[weak]]
        )
        # ... or of the names as written: a family skeleton leaves an Arabic article out
        # ("al hsn": "hsn"), which a name run together keeps ("alhassan").
        written = _memo(
            features,
            "name_initial",
            lambda: pd.factorize(np.array([v[:1] for v in vocab], dtype=object))[0],
        )
        crossed |= (written[g1[weak]] == written[f2[weak]]) | (
            written[f1[weak]] == written[g2[weak]]
        )
        weak = weak[crossed]
    if len(weak):
        gf[weak] = sim(g1[weak], f2[weak])
        fg[weak] = sim(f1[weak], g2[weak])
    if len(weak_across):
        lw, rw = left[weak_across], right[weak_across]
        for i, (sims, a, b) in enumerate(((gf, "given", "family"), (fg, "family", "given"))):
            keyed = _transcribed_sim(features, lw, rw, a, b, workers)
            raised[2 + i, weak_across] = keyed > sims[weak_across]
            sims[weak_across] = np.maximum(sims[weak_across], keyed)
    # Only an order in which a crossed pair of names agrees (at least alike): two crossed
    # pairs that both differ are no reading of the names ("Nour Nasir" / "NASSER, Aicha":
    # the straight order's family names agree, its given names differ: two sisters).
    swap = ((gf + fg) > (gg + ff) + 0.1) & (np.maximum(gf, fg) >= NAME_SIMILAR)
    gnull = empty[g1] | empty[g2]
    fnull = empty[f1] | empty[f2]
    nick = canon[left] == canon[right]
    nick |= _english_nicknames(features, vocab, g1, g2, ~nick & ~gnull & (gg < NAME_EXACT))
    # Swapped, one side's given slot holds its family name. Which side (``flip``: the
    # left's) is read from the names alone, alike in either order (name_order): the
    # crossed pair the nickname tables call one given name, else the one holding a given
    # name they know, else the better-agreeing one ("MYNIAK PETRO" / "Piotr Myniak": Petro
    # and Piotr are one name, the left swapped).
    flip = np.zeros(len(left), dtype=bool)
    if swap.any():
        sw = np.flatnonzero(swap)
        flip[sw], nick[sw] = left_swapped(vocab, (g1[sw], f1[sw], g2[sw], f2[sw]), gf[sw], fg[sw])
    gsim = np.where(swap, np.where(flip, fg, gf), gg)
    fsim = np.where(swap, np.where(flip, gf, fg), ff)
    g_keyed = np.where(swap, np.where(flip, raised[3], raised[2]), raised[0])
    f_keyed = np.where(swap, np.where(flip, raised[2], raised[3]), raised[1])
    # The codes of the two given names and of the two family names each level compares.
    given_a = np.where(flip, f1, g1)
    given_b = np.where(swap & ~flip, f2, g2)
    family_a = np.where(flip, g1, f1)
    family_b = np.where(swap & ~flip, g2, f2)
    length, first = _memo(features, "name_length_first", lambda: _length_first(vocab))
    # One side is a single letter (an initial) that starts the other side.
    initial = (first[g1] == first[g2]) & ((length[g1] == 1) | (length[g2] == 1)) & ~gnull & ~swap
    g_null, g_exact, g_close, g_similar, g_different = GIVEN.codes(*_NAME_LEVELS)
    f_null, f_exact, f_close, f_similar, f_different = FAMILY.codes(*_NAME_LEVELS)
    glevel = np.select(
        [gnull, (gsim >= NAME_EXACT) | nick, gsim >= NAME_CLOSE, (gsim >= NAME_SIMILAR) | initial],
        [g_null, g_exact, g_close, g_similar],
        g_different,
    ).astype(np.int8)
    # ... and so for family names: "Jerome S." / "Jerome Santos" (the family name an initial).
    f_initial = (first[f1] == first[f2]) & ((length[f1] == 1) | (length[f2] == 1)) & ~fnull
    f_initial &= ~swap
    flevel = np.select(
        [fnull, fsim >= NAME_EXACT, fsim >= NAME_CLOSE, (fsim >= NAME_SIMILAR) | f_initial],
        [f_null, f_exact, f_close, f_similar],
        f_different,
    ).astype(np.int8)
    one_word = _one_word_names(vocab, sim, g1, f1, g2, f2)
    # A one-word name read beside a full name as its given name ("Maria" / "Maria Rossi").
    word_given = np.zeros(len(left), dtype=bool)
    if one_word is not None:
        rows, as_given, a, b, wsim, beside_full = one_word
        word_given[rows] = as_given & beside_full
        word_nick = _memo(
            features,
            "vocab_canon",
            lambda: pd.factorize(np.array([canonical_given(v) for v in vocab], dtype=object))[0],
        )
        related = as_given & (word_nick[a] == word_nick[b])
        level = np.select(
            [wsim >= NAME_EXACT, wsim >= NAME_CLOSE, wsim >= NAME_SIMILAR], [0, 1, 2], 3
        )
        glevel[rows] = np.where(
            as_given,
            np.where(related, g_exact, np.array([g_exact, g_close, g_similar, g_different])[level]),
            g_null,
        )
        flevel[rows] = np.where(
            as_given, f_null, np.array([f_exact, f_close, f_similar, f_different])[level]
        )
        gsim[rows] = np.where(as_given, np.where(related, 1.0, wsim), 0.0)
        fsim[rows] = np.where(as_given, 0.0, wsim)
        gnull[rows], fnull[rows] = ~as_given, as_given
        nick[rows] = related
        swap[rows] = flip[rows] = g_keyed[rows] = f_keyed[rows] = False
        given_a[rows] = np.where(as_given, a, g1[rows])
        given_b[rows] = np.where(as_given, b, g2[rows])
        family_a[rows] = np.where(as_given, f1[rows], a)
        family_b[rows] = np.where(as_given, f2[rows], b)
    # Short family names (Li / Liu, Ma / Mao, Wu / Wang, Vu / Vo): one letter is a large
    # part of them, and Jaro-Winkler, weighing the start they share, rates two names
    # alike (Li / Liu 0.91): they agree only as :func:`short_names_alike` allows, and the
    # joined names below, one edit apart by that very edit ("haiyanli" / "haiyanliu"),
    # do not make them agree either. Not given names: their short forms are the
    # nickname tables' (Ann / Anne), and a register's typos in them (Uwe / Uewe) are
    # left to the learnt weights (on a register of a few common German names, treating
    # them so lost a tenth of its duplicates).
    short_apart = np.zeros(len(left), dtype=bool)
    rows = np.isin(flevel, (f_close, f_similar)) & (family_a != family_b) & ~f_keyed & ~f_initial
    rows = np.flatnonzero(rows & ~(f_roman & ~swap))
    if len(rows):
        alike = _memo(features, "short_names", lambda: _ShortNames(vocab))
        apart = rows[~alike(family_a[rows], family_b[rows], workers)]
        flevel[apart] = f_different
        short_apart[apart] = True
    if "name_joined" in features:
        # Names split, joined or ordered differently ("Mel Nik Mikola" / "Mykola Melnyk"):
        # the whole names, spaces removed, one edit apart in some token order agree on
        # both parts as closely as Jaro-Winkler >= 0.92 would.
        weak = np.isin(glevel, (g_similar, g_different)) | np.isin(flevel, (f_similar, f_different))
        check = np.flatnonzero(~gnull & ~fnull & weak & ~short_apart)
        joined = features["name_joined"].to_numpy(dtype=object)
        if len(check):
            # Every order of one name has the same letters, so one edit apart needs lengths
            # at most one apart: most pairs are ruled out without comparing strings.
            size = _memo(
                features,
                "joined_size",
                lambda: np.fromiter(
                    (len(v.split("|", 1)[0]) for v in joined), dtype=np.int64, count=len(joined)
                ),
            )
            check = check[np.abs(size[left[check]] - size[right[check]]) <= 1]
        if len(check):
            prepared = _memo(features, "joined_table", lambda: _joined_table(joined))
            close = joined_close(joined, left[check], right[check], workers, prepared=prepared)
            # A name read from a script without vowels is its consonants alone: one edit
            # there is another name ("khld mnswr" / "hmd mnswr": Khalid / Ahmad Mansour),
            # so such names agree so only when joined alike ("abd allh" / "abdallh").
            vowelless = _memo(features, "name_vowelless", lambda: _vowelless(vocab))
            sides = (g1, g2, f1, f2)
            abjad = np.flatnonzero(close & np.any([vowelless[c[check]] for c in sides], axis=0))
            if len(abjad):
                rows = check[abjad]
                close[abjad] = joined_close(
                    joined, left[rows], right[rows], workers, prepared=prepared, edits=0
                )
            hit = check[close]
            # At least "close" (levels are listed strongest first: the smaller code).
            glevel[hit] = np.minimum(glevel[hit], g_close)
            flevel[hit] = np.minimum(flevel[hit], f_close)
            gsim[hit] = np.maximum(gsim[hit], NAME_CLOSE)
            fsim[hit] = np.maximum(fsim[hit], NAME_CLOSE)
    # Alexandru / Alexandra, Ivan / Ivana, Ivanov / Ivanova: a man's and a woman's name,
    # however close (and whatever the joined names say: "alexandraiordanescu" is one edit
    # away). Checked on both parts, since "Iordanescu Alexandra" in one cell puts the
    # given name last.
    gendered = np.zeros(len(left), dtype=bool)
    near = np.flatnonzero(np.isin(glevel, (g_close, g_similar)))
    if len(near):
        pair = gendered_pair(vocab, given_a[near], given_b[near])
        # What the sex conflict (adjustments.SexConflict) takes as a man and a woman: the
        # two given names in their own places, by their transliteration skeletons
        # ("Alexandru" / "Oleksandra"; "Oleksandr" / "Aleksandr" is one man), with the
        # same stem, not a typo of it ("Jessica" / "Jessiac" is one woman).
        sure = ~swap[near] & gendered_pair(skeleton, g1[near], g2[near], typos=False)
        gendered[near] = sure & ~nick[near]
        glevel[near[(pair | sure) & ~nick[near]]] = g_different
    near = np.flatnonzero(np.isin(flevel, (f_close, f_similar)))
    if len(near):
        pair = gendered_pair(vocab, family_a[near], family_b[near])
        flevel[near[pair]] = f_different
    # Two given names of several words alike only by the words they share ("Thi Lan" /
    # "Thi Lien", "Van Hai" / "Van Hung": the Vietnamese middle name every sister or
    # brother bears): two names.
    near = np.flatnonzero(np.isin(glevel, (g_close, g_similar)) & ~nick)
    if len(near):
        multi = _memo(features, "name_multiword", lambda: np.char.find(vocab.astype(str), " ") > 0)
        near = near[multi[given_a[near]] & multi[given_b[near]]]
    if len(near):
        shared = [
            _alike_by_shared_words(vocab[x], vocab[y])
            for x, y in zip(given_a[near], given_b[near], strict=True)
        ]
        glevel[near[np.array(shared, dtype=bool)]] = g_different
    # A Vietnamese middle name kept in one record and left out of the other ("Van Hai" /
    # "Hai", "Thi Lan" / "Lan"): one given name.
    near = np.flatnonzero(np.isin(glevel, (g_close, g_similar, g_different)) & ~gnull)
    if len(near):
        middle = _memo(features, "name_vietnamese_middle", lambda: _starts_with_middle(vocab))
        near = near[middle[given_a[near]] | middle[given_b[near]]]
    if len(near):
        one = np.array(
            [
                middle_name_dropped(vocab[x], vocab[y])
                for x, y in zip(given_a[near], given_b[near], strict=True)
            ],
            dtype=bool,
        )
        glevel[near[one]] = g_exact
        gsim[near[one]] = 1.0
    if "given_patronymic" in features:
        # One given name with different fathers' names (Serhii Petrovych / Serhii
        # Ivanovych): two cousins as likely as one man, so alike at most.
        differ = differing_pairs(features["given_patronymic"].to_numpy(dtype=object), left, right)
        glevel[differ & (glevel < g_similar) & (glevel != g_null)] = g_similar
    # A given name written as the initials of the other's, all its words ("JP", "J.-P."
    # / "Jean-Pierre", "AS" / "Anne Sophie"): alike, as a single initial is, not exact;
    # "JP" / "John" (the first initial alone) still differ.
    abbreviated = _abbreviated_given(features, left, right) & ~gnull & ~swap
    glevel[abbreviated & (glevel == g_different)] = g_similar
    # An initial on either side, given or family: similarity says little then.
    one = length == 1
    short = one[g1] | one[g2] | one[f1] | one[f2] | abbreviated
    # Family names with nothing in common ("Hoxha" / "Meta"): not a spelling, typo or
    # transliteration of one another (their skeletons below FAMILY_UNRELATED), no word
    # shared nor one within the other (a particle, a second family name or a name
    # taken in marriage joined to one's own: "Rodriguez de la Cruz" / "Rodriguez",
    # "Popescu-Ionescu" / "Ionescu"), neither an initial, both in one script. Among the
    # "different" pairs these are the strong evidence of two people, learnt as a level
    # of their own (a woman married since, her new name alone, is left to her date of
    # birth, phone and home, which outweigh it).
    rows = np.flatnonzero((flevel == f_different) & (fsim < FAMILY_UNRELATED) & ~f_keyed)
    if len(across):
        rows = np.setdiff1d(rows, across, assume_unique=True)
    if len(rows) and "name_other_script" in features:
        other = features["name_other_script"].to_numpy(dtype=bool)
        rows = rows[~other[left[rows]] & ~other[right[rows]]]
    if len(rows):
        fa, fb = family_a[rows], family_b[rows]
        # A family name the case also holds as a given name (Mahmoud, Omar, Salem) may
        # be a father's name, which one record gives and another leaves for the family
        # name (an Arabic name's chain: "Fatima Mahmoud" / "Fatimah HUSSAIN"): no sign
        # of two people.
        given_like = _memo(features, "family_given_like", lambda: _given_like(features, vocab))
        rows = rows[(length[fa] > 1) & (length[fb] > 1) & ~given_like[fa] & ~given_like[fb]]
    if len(rows):
        related = _memo(features, "family_related", lambda: {})
        width = np.int64(len(vocab) + 1)
        fa, fb = family_a[rows], family_b[rows]
        keys = np.minimum(fa, fb) * width + np.maximum(fa, fb)
        inverse, uniques = pd.factorize(keys)
        got = np.fromiter(
            (
                related[k]
                if k in related
                else related.setdefault(k, _family_related(vocab[k // width], vocab[k % width]))
                for k in np.asarray(uniques).tolist()
            ),
            dtype=bool,
            count=len(uniques),
        )
        flevel[rows[~got[inverse]]] = FAMILY.code("unrelated")
    # A full name's words between its given and family name may be a first family name
    # the split left out ("Concepción González Dias": given "concepcion", family "dias"):
    # the other's family name among them ("González") is a family name in common, alike.
    within = _family_among_words(features, vocab, left, right, family_a, family_b)
    within &= np.isin(flevel, (f_different, FAMILY.code("unrelated"))) & ~swap & ~fnull
    flevel[within] = f_similar
    fsim[within] = np.maximum(fsim[within], NAME_SIMILAR)
    # Which names agree (at least alike) only through their transcription keys.
    g_keyed &= ~np.isin(glevel, (g_null, g_different))
    f_keyed &= ~np.isin(flevel, (f_null, f_different))
    return {
        "given_name": (glevel, gsim),
        "family_name": (flevel, fsim),
        "given_across_scripts": (g_keyed, g_keyed),
        "family_across_scripts": (f_keyed, f_keyed),
        "swapped": (swap, swap),
        "flipped": (flip, flip),
        # The codes (in the names' vocabulary) of the two given names the level compared.
        "given_codes": (given_a, given_b),
        # Swapped, the pair read as the given names is one given name by the tables.
        "swap_given_known": (swap & nick, swap & nick),
        "initial": (short, short),
        "gendered": (gendered, gendered),
        "one_word_given": (word_given, word_given),
    }


def _family_among_words(
    features: pd.DataFrame,
    vocab: np.ndarray,
    left: np.ndarray,
    right: np.ndarray,
    family_a: np.ndarray,
    family_b: np.ndarray,
) -> np.ndarray:
    """Pairs where one side's family name (its words, particles aside, one of three
    letters or more) is among the words the other's full name holds after its given
    name (``family_words``: :func:`~linkgraph.resolve.features._family_words`):
    "González" / "Concepción González Dias"."""
    out = np.zeros(len(left), dtype=bool)
    if "family_words" not in features:
        return out
    words = features["family_words"].to_numpy(dtype=object)
    rows = np.flatnonzero((words[left] != "") | (words[right] != ""))
    if not len(rows):
        return out

    def among(family: str, tail: str) -> bool:
        own = [w for w in family.split() if w not in FAMILY_PARTICLES]
        return bool(own) and max(map(len, own)) >= 3 and set(own) <= set(tail.split())

    # Each distinct pair of (family name, words) looked at once: a case of full names
    # holds millions of candidate pairs, and few distinct names.
    codes, tails = _memo(features, "family_words_codes", lambda: pd.factorize(words))
    keys = np.stack([family_a[rows], family_b[rows], codes[left[rows]], codes[right[rows]]], axis=1)
    unique, inverse = np.unique(keys, axis=0, return_inverse=True)
    got = np.fromiter(
        (
            among(vocab[fa], tails[wb]) or among(vocab[fb], tails[wa])
            for fa, fb, wa, wb in unique.tolist()
        ),
        dtype=bool,
        count=len(unique),
    )
    out[rows] = got[inverse.reshape(-1)]
    return out


def _abbreviated_given(features: pd.DataFrame, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Pairs one of whose given names is written as initials (``given_initials``:
    :func:`~linkgraph.resolve.features.written_initials`) that are the first letters of
    every word of the other's given name (``given_word_initials``): "JP" / "Jean-Pierre",
    "J. P." / "Jean Pierre", "AS" / "Anne-Sophie"."""
    if "given_initials" not in features or "given_word_initials" not in features:
        return np.zeros(len(left), dtype=bool)

    def codes() -> tuple[np.ndarray, np.ndarray]:
        written = features["given_initials"].to_numpy(dtype=object)
        words = features["given_word_initials"].to_numpy(dtype=object)
        both, vocab = pd.factorize(np.concatenate([written, words]))
        none = np.flatnonzero(np.asarray(vocab, dtype=object) == "")
        both = both.astype(np.int64)
        if len(none):
            both[both == none[0]] = -1
        return both[: len(written)], both[len(written) :]

    written, words = _memo(features, "given_initials_codes", codes)
    return ((written[left] >= 0) & (written[left] == words[right])) | (
        (written[right] >= 0) & (written[right] == words[left])
    )


def _romanised_pairs(
    features: pd.DataFrame,
    vocab: np.ndarray,
    empty: np.ndarray,
    codes: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
    gg: np.ndarray,
    ff: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Per pair, whether its given names (then its family names), below "close", agree
    by :func:`~linkgraph.resolve.wade_giles.romanised_key`, all four names of the pair
    read as Chinese syllables. The keys are made only for the names such pairs hold."""
    g1, g2, f1, f2 = codes
    n = len(g1)
    g_out, f_out = np.zeros(n, dtype=bool), np.zeros(n, dtype=bool)
    rows = np.flatnonzero(
        ((gg < NAME_CLOSE) | (ff < NAME_CLOSE)) & ~empty[g1] & ~empty[g2] & ~empty[f1] & ~empty[f2]
    )
    if not len(rows):
        return g_out, f_out
    keys = _memo(features, "romanised_keys", lambda: np.full(len(vocab), None, dtype=object))
    need = pd.unique(np.concatenate([c[rows] for c in codes]))
    need = need[pd.isna(keys[need])]
    if len(need):
        keys[need] = [romanised_key(str(v)) for v in vocab[need]]
    kg1, kg2, kf1, kf2 = (keys[c[rows]] for c in codes)
    read = (kg1 != "") & (kg2 != "") & (kf1 != "") & (kf2 != "")
    g_out[rows] = read & (kg1 == kg2) & (gg[rows] < NAME_CLOSE)
    f_out[rows] = read & (kf1 == kf2) & (ff[rows] < NAME_CLOSE)
    return g_out, f_out


#: Family names whose similarity (of their transliteration skeletons) is below this,
#: with no word in common and neither within the other, are "unrelated"
#: (:func:`_family_related`); the same bound ``scoring.FAMILY_ALIKE`` draws.
FAMILY_UNRELATED = 0.7


def _family_related(a: str, b: str) -> bool:
    """Whether two folded family names that plainly differ still share something: a word
    ("rodriguez de la cruz" / "rodriguez", "ngo" / "ngo van"), or one, spaces and hyphens
    left out, within the other ("popescuionescu" / "ionescu").

    >>> _family_related("rodriguez de la cruz", "rodriguez"), _family_related("hoxha", "meta")
    (True, False)
    >>> _family_related("popescu-ionescu", "ionescu"), _family_related("el masry", "masry")
    (True, True)
    """
    wa, wb = set(re.split(r"[\s-]+", a)) - {""}, set(re.split(r"[\s-]+", b)) - {""}
    if wa & wb:
        return True
    if (len(wa) > 1 or len(wb) > 1) and any(
        JaroWinkler.normalized_similarity(x, y) >= NAME_SIMILAR for x in wa for y in wb
    ):
        return True  # a word of one a spelling of a word of the other ("omer" / "omar al sayed")
    ja, jb = re.sub(r"[\s-]+", "", a), re.sub(r"[\s-]+", "", b)
    short, long = sorted((ja, jb), key=len)
    return len(short) >= 3 and short in long


def _given_like(features: pd.DataFrame, vocab: np.ndarray) -> np.ndarray:
    """Per name of ``vocab``, whether one of its words is a word of a given name in the
    case (a family name that is also a given name: a patronymic, a father's name)."""
    given = features["given_name"].to_numpy(dtype=object)
    words = {w for v in pd.unique(given) for w in str(v).split() if len(w) > 1}
    return np.fromiter(
        (any(w in words for w in str(v).split()) for v in vocab), dtype=bool, count=len(vocab)
    )


def _one_word_names(
    vocab: np.ndarray,
    sim: Callable[[np.ndarray, np.ndarray], np.ndarray],
    g1: np.ndarray,
    f1: np.ndarray,
    g2: np.ndarray,
    f2: np.ndarray,
) -> tuple[np.ndarray, ...] | None:
    """The pairs where one side's name is one word ("Ramesh": a given name or a family
    name alone, or a one-word full name, which features read as a family name) that the
    straight or swapped order cannot compare: a one-word name beside one in the other
    slot ("Suresh" as a given name, "Ramesh" as a family name: both parts "missing on
    one side"), or a one-word family name beside a full name. The word is compared with
    the other side's one word, or with its given name and family name, the better fit
    kept (the given name's unless the family name fits clearly better): plainly
    different words count against, as different given names do.

    Returns:
        None when no pair is such, else (rows, as_given, a, b, similarity, beside_full):
        the rows, whether the words compared go into the given-name level (else the
        family name's), the two words' codes, their similarity, and whether the other
        side is a full name (not one word).
    """
    empty = np.asarray(vocab == "")
    one1 = empty[g1] != empty[f1]
    one2 = empty[g2] != empty[f2]
    full1 = ~empty[g1] & ~empty[f1]
    full2 = ~empty[g2] & ~empty[f2]
    crossed = one1 & one2 & (empty[g1] != empty[g2])
    # A one-word given name beside a full name is compared straight already (given
    # with given); a one-word family name may be a one-word full name, of either part.
    one_full = (one1 & full2 & empty[g1]) | (full1 & one2 & empty[g2])
    rows = np.flatnonzero(crossed | one_full)
    if not len(rows):
        return None
    w1 = np.where(empty[g1[rows]], f1[rows], g1[rows])
    w2 = np.where(empty[g2[rows]], f2[rows], g2[rows])
    # The word and the other side's parts (for a crossed pair, its one word twice).
    left_one = one1[rows]
    word = np.where(left_one, w1, w2)
    given_other = np.where(
        left_one, np.where(one2[rows], w2, g2[rows]), np.where(one1[rows], w1, g1[rows])
    )
    family_other = np.where(
        left_one, np.where(one2[rows], w2, f2[rows]), np.where(one1[rows], w1, f1[rows])
    )
    sg = sim(word, given_other)
    sf = np.where(crossed[rows], -1.0, sim(word, family_other))
    as_given = ~((sf >= NAME_CLOSE) & (sf > sg + 0.1))
    other = np.where(as_given, given_other, family_other)
    wsim = np.where(as_given, sg, sf).astype(np.float32)
    a = np.where(left_one, word, other)
    b = np.where(left_one, other, word)
    return rows, as_given, a, b, wsim, ~crossed[rows]


#: Names of at most this many letters are short (:func:`short_names_alike`).
SHORT_NAME_LETTERS = 4


def short_names_alike(a: str, b: str) -> bool:
    """Whether two different folded names, both short (two to :data:`SHORT_NAME_LETTERS`
    letters, one word, with vowels), may be spellings of one name: both of four letters,
    one replaced or two neighbours swapped (Chen / Chan, Wang / Wong), or the same two
    consonants or more with other vowels (Nur / Noor, Umar / Umr: Arabic script writes
    its short vowels loosely or not at all). One letter added or dropped (Li / Liu, Ma
    / Mao, Wu / Wang), or one of two or three replaced (Vu / Vo, Kim / Kin), makes
    another name as often as not. True for any other pair: a
    longer name is left to Jaro-Winkler, a name without vowels (read from Arabic script)
    to its consonants. Names one by their transliteration skeleton ("ly" / "li") or by
    the nickname tables (Ann / Anne) are equal before this is asked.

    >>> short_names_alike("chen", "chan"), short_names_alike("li", "liu")
    (True, False)
    >>> short_names_alike("ma", "mao"), short_names_alike("vu", "vo")
    (False, False)
    >>> short_names_alike("nur", "noor"), short_names_alike("umr", "omar")
    (True, True)
    >>> short_names_alike("hsn", "hsan"), short_names_alike("ivan", "ivanov")
    (True, True)
    """
    la, lb = len(a), len(b)
    if max(la, lb) > SHORT_NAME_LETTERS or min(la, lb) < 2 or " " in a or " " in b:
        return True
    if vowelless(a) or vowelless(b):
        return True
    # The vowels alone differ, two consonants or more kept: a name from a script that
    # writes its short vowels loosely or not at all (Nur / Noor, Umar / Umr).
    ka = consonant_key(a)
    if len(ka) >= 2 and ka == consonant_key(b):
        return True
    if la != lb or la < SHORT_NAME_LETTERS:
        return False
    diff = [i for i in range(la) if a[i] != b[i]]
    if len(diff) == 1:
        return True
    i = diff[0]
    return len(diff) == 2 and diff[1] == i + 1 and a[i] == b[i + 1] and a[i + 1] == b[i]


class _ShortNames:
    """:func:`short_names_alike` of names given by their codes in ``vocab``, looked up once
    per distinct pair of codes, and only for pairs with a short name."""

    def __init__(self, vocab: np.ndarray) -> None:
        self.vocab = vocab
        self.length = pd.Series(vocab, dtype=object).str.len().to_numpy()

    def __call__(self, a: np.ndarray, b: np.ndarray, workers: int) -> np.ndarray:
        out = np.ones(len(a), dtype=bool)
        short = np.maximum(self.length[a], self.length[b]) <= SHORT_NAME_LETTERS
        rows = np.flatnonzero(short)
        if len(rows):
            width = np.int64(len(self.vocab) + 1)
            inverse, keys = pd.factorize(a[rows].astype(np.int64) * width + b[rows])
            keys = np.asarray(keys)
            alike = np.fromiter(
                (short_names_alike(self.vocab[k // width], self.vocab[k % width]) for k in keys),
                dtype=bool,
                count=len(keys),
            )
            out[rows] = alike[inverse]
        return out


def _across_scripts(features: pd.DataFrame, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """The pairs (positions) of a name written in Cyrillic and one in Latin letters."""
    if "name_cyrillic" not in features:
        return np.empty(0, dtype=np.int64)
    cyrillic = features["name_cyrillic"].to_numpy(dtype=bool)
    return np.flatnonzero(cyrillic[left] != cyrillic[right])


def _transcribed_codes(features: pd.DataFrame) -> dict[str, np.ndarray]:
    """The transcription keys (and loose keys) of the given and family names as codes of
    one vocabulary each, and those vocabularies: compared once per distinct pair."""
    out: dict[str, np.ndarray] = {}
    n = len(features)
    for kind in ("", "_loose"):
        both = np.concatenate(
            [features[f"{p}_transcribed{kind}"].to_numpy(dtype=object) for p in ("given", "family")]
        )
        codes, vocab = pd.factorize(both)
        out[f"given{kind}"], out[f"family{kind}"] = codes[:n], codes[n:]
        out[f"vocab{kind}"] = np.asarray(vocab, dtype=object)
    return out


def _transcribed_sim(
    features: pd.DataFrame, left: np.ndarray, right: np.ndarray, a: str, b: str, workers: int
) -> np.ndarray:
    """:func:`~linkgraph.resolve.transcription.key_similarity` of the left mentions' ``a``
    name ("given" or "family") and the right mentions' ``b`` name."""
    codes = _memo(features, "transcribed_codes", lambda: _transcribed_codes(features))
    vocab = codes["vocab"]
    ca, cb = codes[a][left], codes[b][right]
    la, lb = codes[f"{a}_loose"][left], codes[f"{b}_loose"][right]
    jw = np.zeros(len(ca), dtype=np.float32)
    rows = np.flatnonzero(la != lb)  # equal (loose) keys need no Jaro-Winkler
    if len(rows):
        width = np.int64(len(vocab) + 1)
        inverse, pairs = pd.factorize(ca[rows].astype(np.int64) * width + cb[rows])
        pairs = np.asarray(pairs)
        sims = _jw(vocab[pairs // width], vocab[pairs % width], workers)
        jw[rows] = sims[inverse]
    empty = _memo(features, "transcribed_empty", lambda: vocab == "")
    filled = ~empty[ca] & ~empty[cb]
    return key_similarity(ca == cb, la == lb, filled, jw)


#: Endings of a man's form that the stem of :func:`gender_stems` leaves out: Andrei,
#: Yevhenii, Serhiy, Matei (Slavic and Romanian men's names; not -ey: Audrey, Stacey).
_MALE_ENDINGS = ("ei", "ii", "iy", "yi")
_CONSONANT = r"[^aeiouy]"


def gender_stems(names: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each folded name without its final vowels, and the gender its ending suggests:
    1 for "a" after a consonant, "i", "e" or "y" (Ivana, Oleksandra, Yevheniia, Andreea),
    0 for a consonant, "o" or "u" after a consonant, "-io" or one of
    :data:`_MALE_ENDINGS` (Ivan, Bruno, Alexandru, Mario, Yevhenii, Andrei), -1 any other
    (Joshua, Sabine).

    >>> names = np.array(["alexandru", "alexandra", "ivan", "sabine", "andrei", "andreea",
    ...                   "yevheniia", "yevhen", "joshua", "joshau"], dtype=object)
    >>> stems, gender = gender_stems(names)
    >>> stems.tolist()
    ['alexandr', 'alexandr', 'ivan', 'sabin', 'andr', 'andr', 'yevhen', 'yevhen', 'josh', 'josh']
    >>> gender.tolist()
    [0, 1, 0, -1, 0, 1, 1, 0, -1, -1]
    """
    s = pd.Series(names, dtype=object).fillna("")
    stems = s.str.replace(r"[aeiouy]+$", "", regex=True).to_numpy(dtype=object)
    # A bare -e or -i ends women's names as often as men's (Sabine / Sabina, Marie /
    # Maria, Naomi), and a vowel before the last letter is no gendered ending (Joshua,
    # "Joshau" typed for it): they say nothing.
    female = s.str.contains(r"(?:[^aeiouy]|[iey])a$", regex=True).to_numpy()
    male = s.str.contains(rf"(?:{_CONSONANT}|{_CONSONANT}[ou]|io)$", regex=True)
    male = (male | s.str[-2:].isin(_MALE_ENDINGS)).to_numpy()
    return stems.astype(object), np.where(female, 1, np.where(male, 0, -1))


def gendered_pair(
    vocab: np.ndarray, a: np.ndarray, b: np.ndarray, *, typos: bool = True
) -> np.ndarray:
    """Whether names ``vocab[a]`` and ``vocab[b]`` are the male and female forms of one
    name (:func:`gender_stems`): the same stem of three letters or more, one ending in "a"
    and the other in a consonant, "o", "u", "-ei" or "-ii" (Alexandru / Alexandra, Ivan /
    Ivana, Daniel / Daniela, Ioan / Ioana, Mario / Maria, Andrei / Andreea, Yevhen /
    Yevheniia; not Sabine / Sabina).

    Jaro-Winkler rates such pairs 0.95 and more, yet they are two people (siblings,
    spouses, a broker and a victim who share a surname). Stems of five letters or more
    may differ by one typo ("Alexandra" / "Alexanru") unless not ``typos``.
    """
    if len(a) == 0:
        return np.zeros(0, dtype=bool)
    # Only the names these pairs use (the vocabulary can hold a million).
    used, inverse = unique(np.concatenate([a, b]), return_inverse=True)
    stems, gender = gender_stems(np.asarray(vocab, dtype=object)[used])
    ia, ib = inverse[: len(a)], inverse[len(a) :]
    size = pd.Series(stems, dtype=object).str.len().to_numpy()
    known = (gender[ia] >= 0) & (gender[ib] >= 0) & (gender[ia] != gender[ib])
    same = (stems[ia] == stems[ib]) & (size[ia] >= 3)
    # One typo in a stem of five letters or more ("Alexandra" / "Alexanru", "Francesca" /
    # "Franceso"): still the man's and the woman's form.
    near = np.flatnonzero(known & ~same & (np.minimum(size[ia], size[ib]) >= 5))
    if len(near) and typos:
        dist = cpdist(stems[ia[near]], stems[ib[near]], scorer=OSA.distance, dtype=np.int32)
        same[near] = dist <= 1
    return same & known


_JOINED_MIN = 8  # joined names shorter than this are not compared (one edit is too much)


def _joined_table(joined: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Codes of the joined names, each distinct value's orders as a (values × orders)
    table ("" padded), and which of them are long enough to compare."""
    codes, vocab = pd.factorize(joined)
    vocab = np.asarray(vocab, dtype=object)
    # Each distinct value's orders, split once.
    multi = np.flatnonzero(pd.Series(vocab, dtype=object).str.contains("|", regex=False))
    parts = pd.Series(vocab[multi], dtype=object).str.split("|", expand=True)
    table = np.full((len(vocab), max(parts.shape[1], 1)), "", dtype=object)
    table[:, 0] = vocab
    if len(multi):
        table[multi] = parts.fillna("").to_numpy(dtype=object)
    long = np.column_stack([_lengths(col) >= _JOINED_MIN for col in table.T])
    return codes, table, long


def joined_close(
    joined: np.ndarray,
    left: np.ndarray,
    right: np.ndarray,
    workers: int = -1,
    *,
    prepared: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
    edits: int = 1,
) -> np.ndarray:
    """Whether the space-free names (``name_joined``, see
    :func:`~linkgraph.resolve.features.joined_names`) of ``left[i]`` and ``right[i]`` are at
    most ``edits`` edits apart in some token order, both at least eight letters long.
    Computed once per distinct pair of values."""
    if len(left) == 0:
        return np.zeros(0, dtype=bool)
    codes, table, long = _joined_table(joined) if prepared is None else prepared
    a, b = codes[left].astype(np.int64), codes[right].astype(np.int64)
    inverse, ua, ub = _unique_pairs(a, b, len(table) + 1)
    close = np.zeros(len(ua), dtype=bool)
    for i in range(table.shape[1]):
        for k in range(table.shape[1]):
            ok = np.flatnonzero(~close & long[ua, i] & long[ub, k])
            if len(ok):
                dist = similarity(
                    table[ua[ok], i], table[ub[ok], k], "osa", workers, cutoff=max(edits, 1)
                )
                close[ok] = dist <= edits
    return close[inverse]


def _code_sim(
    a: np.ndarray,
    b: np.ndarray,
    vocab: np.ndarray,
    skeleton: np.ndarray,
    workers: int,
    *,
    known: PairValues | None = None,
) -> np.ndarray:
    """:func:`_name_sim` of names given by their codes in ``vocab``, once per distinct
    (unordered) pair of codes (``known``: those computed before, looked up)."""
    if len(a) == 0:
        return np.empty(0, dtype=np.float32)
    width = np.int64(len(vocab) + 1)
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    inverse, uniques = pd.factorize(lo * width + hi)
    uniques = np.asarray(uniques)

    def compute(keys: np.ndarray) -> np.ndarray:
        ua, ub = keys // width, keys % width
        return _name_sim(vocab[ua], vocab[ub], skeleton[ua], skeleton[ub], workers)

    values = compute(uniques) if known is None else known.get(uniques, compute)
    return values[inverse]


def _vowelless(names: np.ndarray) -> np.ndarray:
    """:func:`~linkgraph.resolve.features.vowelless` of many names, in Arrow's C kernels."""
    arr = pa.array(names, pa.large_string())
    has_vowel = np.asarray(pc.match_substring_regex(arr, "[aeiouy]"), dtype=bool)
    return ~has_vowel & (np.asarray(pc.utf8_length(arr)) >= 2)


def _name_sim(
    a: np.ndarray, b: np.ndarray, ska: np.ndarray, skb: np.ndarray, workers: int
) -> np.ndarray:
    """Jaro-Winkler of two names, raised to that of their transliteration skeletons
    (Bohdan / Bogdan, Hrytsenko / Gritsenko), to 0.92 for one typo in names of five
    letters or more (Nokolov / Nikolov), where Jaro-Winkler alone is unsure, to 0.85 for
    a short form ending the full name, and to 0.93 for equal consonants where one side
    has no vowels (read from Arabic script)."""
    sim = _jw(a, b, workers)
    check = np.flatnonzero((sim < 0.92) & (a != "") & (b != ""))
    if len(check):
        sk = _jw(ska[check], skb[check], workers)
        la, lb = _lengths(a[check]), _lengths(b[check])
        dist = similarity(a[check], b[check], "osa", workers, cutoff=1)
        typo = (np.minimum(la, lb) >= 5) & (dist <= 1)
        sim[check] = np.maximum(np.maximum(sim[check], sk), np.where(typo, 0.92, 0.0))
        # A short form that ends the full name (Emeka / Chukwuemeka, Bayo / Adebayo, Sandro
        # / Alessandro), four letters or more: close, though Jaro-Winkler, which weighs
        # the start, rates it low.
        tail = _ends_other(a[check], b[check], la, lb) & (sim[check] < 0.85)
        sim[check[tail]] = np.maximum(sim[check[tail]], 0.85)
        # A name read from a script without vowels (Arabic): its consonants against the
        # other spelling's ("ywsf" / "yousef") count as Jaro-Winkler >= 0.92.
        abjad = _vowelless(a[check]) | _vowelless(b[check])
        if abjad.any():
            rows = check[abjad]
            same = np.fromiter(
                (
                    len(kx := consonant_key(x)) >= 2 and kx == consonant_key(y)
                    for x, y in zip(a[rows], b[rows], strict=True)
                ),
                dtype=bool,
                count=len(rows),
            )
            sim[rows[same]] = np.maximum(sim[rows[same]], 0.93)
    return sim


def _ends_other(a: np.ndarray, b: np.ndarray, la: np.ndarray, lb: np.ndarray) -> np.ndarray:
    """Whether the shorter of ``a[i]``, ``b[i]`` (lengths ``la``, ``lb``), four letters or
    more, ends the longer: one Arrow slice per distinct length, no loop over the pairs."""
    out = np.zeros(len(a), dtype=bool)
    short = np.minimum(la, lb)
    cand = np.flatnonzero((short >= 4) & (la != lb))
    if len(cand) == 0:
        return out
    a_longer = la[cand] > lb[cand]
    longer = np.where(a_longer, a[cand], b[cand])
    shorter = np.where(a_longer, b[cand], a[cand])
    # Cheap first: the last letters agree.
    last_l = pc.utf8_slice_codeunits(pa.array(longer, pa.large_string()), -1)
    last_s = pc.utf8_slice_codeunits(pa.array(shorter, pa.large_string()), -1)
    keep = np.asarray(pc.equal(last_l, last_s), dtype=bool)
    cand, longer, shorter, size = cand[keep], longer[keep], shorter[keep], short[cand][keep]
    for length in unique(size).tolist():
        rows = np.flatnonzero(size == length)
        tails = pc.utf8_slice_codeunits(pa.array(longer[rows], pa.large_string()), -length)
        same = pc.equal(tails, pa.array(shorter[rows], pa.large_string()))
        out[cand[rows]] = np.asarray(same, dtype=bool)
    return out


def _jw(a: np.ndarray, b: np.ndarray, workers: int) -> np.ndarray:
    out = (a == b).astype(np.float32)
    check = np.flatnonzero((a != b) & (a != "") & (b != ""))
    if len(check):
        out[check] = similarity(a[check], b[check], "jaro_winkler", workers)
    return out


@dataclass(frozen=True)
class Dob(Comparison):
    """Date of birth: exact, close (day/month swapped or one digit off), same year,
    different, far apart (:func:`far_apart`)."""

    def compare(self, features, left, right, *, workers=-1):  # type: ignore[no-untyped-def]
        y, m, d = (features[c].to_numpy() for c in ("dob_y", "dob_m", "dob_d"))
        y1, y2, m1, m2, d1, d2 = y[left], y[right], m[left], m[right], d[left], d[right]
        full1 = (y1 > 0) & (m1 > 0) & (d1 > 0)
        full2 = (y2 > 0) & (m2 > 0) & (d2 > 0)
        both = full1 & full2
        null = (y1 == 0) | (y2 == 0)
        exact = both & (y1 == y2) & (m1 == m2) & (d1 == d2)
        swapped = both & (y1 == y2) & (m1 == d2) & (d1 == m2)
        # A year one off with the day and month kept (1979-11-06 / 1980-11-06): an age
        # turned into a year of birth at another time of year, or the year keyed wrong.
        close = swapped | year_slip(y1, y2, m1, m2, d1, d2)
        check = np.flatnonzero(both & ~exact & ~swapped)
        if len(check):
            # OSA distance <= 1 of the YYYYMMDD strings, as byte rows of the distinct dates.
            codes, vocab = _coded(features, "dob8")
            table = _typo_table(features, "dob8", vocab)
            a, b = codes[left[check]], codes[right[check]]
            close[check] = _one_typo(a, b, vocab, workers, table=table)[0]
            # The decade's digit alone (1976 / 1996): ten or more years of age, which the
            # clerk who saw the person would hardly write; another person born on that
            # day as likely as a typo. Level "different", not a conflict (dob_conflict).
            close[check] &= ~decade_apart(
                y1[check], y2[check], m1[check], m2[check], d1[check], d2[check]
            )
        if "dob_digits" in features:
            # A full date that is no calendar date ("1938-11-31") one typo from the other
            # side's date ("1938-11-13"): keyed wrong, so close, not merely the same year.
            digits = features["dob_digits"].to_numpy(dtype=object)
            a, b = digits[left], digits[right]
            typed = np.flatnonzero(~both & ~null & (a != "") & (b != ""))
            if len(typed):
                near = similarity(a[typed], b[typed], "osa", workers, cutoff=1) <= 1
                close[typed[near]] = True
        # The same year: a partial date (a year, or a year and month) beside the other, or
        # two full dates with the month or the day in common too, or a 1 January the
        # case gives for a year of birth alone (:func:`mark_year_placeholders`).
        # 1985-03-13 / 1985-07-11, neither a swap nor a typo, are two birthdays (level
        # "different").
        year = (y1 == y2) & (~both | (m1 == m2) | (d1 == d2))
        if "dob_placeholder" in features:
            placeholder = features["dob_placeholder"].to_numpy(bool)
            year |= (y1 == y2) & (placeholder[left] | placeholder[right])
        level = np.select(
            [null, exact, close, year, far_apart(y1, y2, m1, m2, d1, d2)],
            self.codes("null", "exact", "close", "same_year", "far_apart"),
            self.code("different"),
        ).astype(np.int8)
        sim = np.select([exact, close, year], [1.0, 0.8, 0.5], 0.0).astype(np.float32)
        gap = age_gap(features, left, right)
        if gap is not None:
            # A stated age on a side without a date of birth (features.record_birth_years):
            # its years of birth overlapping the other's are the same year (weak evidence
            # for), years 3 or more apart another birthday, more than DOB_FAR_YEARS far
            # apart; one or two years off (an age misstated, a birthday) say nothing.
            aged = gap >= 0
            level[aged] = np.select(
                [gap[aged] == 0, gap[aged] > DOB_FAR_YEARS, gap[aged] >= AGE_APART_YEARS],
                self.codes("same_year", "far_apart", "different"),
                self.code("null"),
            )
            sim[aged] = np.where(gap[aged] == 0, 0.5, 0.0)
        return level, sim


#: Years of birth an age gives this many years or more from the other side's (beyond the
#: age's own year of slack) are another person's: the date-of-birth level "different".
AGE_APART_YEARS = 3


def born_ranges(features: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """Per mention, the years it was born in (``lo``, ``hi``: its date of birth's year,
    else the years a stated age gives, ``age_born_lo`` / ``age_born_hi`` of
    :func:`~linkgraph.resolve.features.record_birth_years`; 0 when neither) and whether
    they come from an age; None in a case with no such age."""
    if "age_born_lo" not in features:
        return None
    y = features["dob_y"].to_numpy()
    age_lo = features["age_born_lo"].to_numpy()
    aged = (y <= 0) & (age_lo > 0)
    lo = np.where(aged, age_lo, y)
    hi = np.where(aged, features["age_born_hi"].to_numpy(), y)
    return lo, hi, aged


def age_gap(
    features: pd.DataFrame, left: np.ndarray, right: np.ndarray, *, undated: bool = False
) -> np.ndarray | None:
    """Per pair with a stated age on one side at least (:func:`born_ranges`) and a year of
    birth or an age on the other, the years between their ranges of years of birth (0
    where they overlap), and with ``undated`` two ages stated in one source file on
    records without a date (``age_undated``: the ages' difference, less the year either
    may be off); -1 for the other pairs; None in a case with no such age.

    Undated ages tell a parent from a child (:func:`generations_apart`) but are no level
    of the date of birth: as one, they would be learnt (the ages of a hotline's victims,
    most of them different people, in the weights of every pair).

    >>> f = pd.DataFrame({"dob_y": [1965, 0, 0, 0], "age_born_lo": [0, 1993, 1964, 0],
    ...                   "age_born_hi": [0, 1994, 1965, 0]})
    >>> age_gap(f, np.array([0, 0, 1, 0]), np.array([1, 2, 2, 3])).tolist()
    [28, 0, 28, -1]
    """
    ranges = born_ranges(features)
    undated = undated and "age_undated" in features
    if ranges is None and not undated:
        return None
    gap = np.full(len(left), -1, dtype=np.int64)
    if ranges is not None:
        lo, hi, aged = ranges
        known = (lo[left] > 0) & (lo[right] > 0) & (aged[left] | aged[right])
        apart = np.maximum(np.maximum(lo[left] - hi[right], lo[right] - hi[left]), 0)
        gap = np.where(known, apart, -1)
    if undated:
        # Two ages stated in one source file on records without a date
        # (features.undated_ages): stated at about one time, each a year of birth or
        # the one before, as a dated age's.
        age = features["age_undated"].to_numpy(np.int64)
        source = features["age_source"].to_numpy(np.int64)
        same = (age[left] >= 0) & (age[right] >= 0) & (source[left] == source[right])
        same &= source[left] >= 0
        gap = np.where(same, np.maximum(np.abs(age[left] - age[right]) - 1, 0), gap)
    return gap


#: 1 January is a placeholder for a year of birth alone (see :func:`year_placeholders`)
#: in a case where it holds at least this many times its share of birthdays (1 in 365)...
YEAR_PLACEHOLDER_EXCESS = 4.0
#: ... and at least this many full dates of birth are 1 January.
YEAR_PLACEHOLDER_MIN = 3


def year_placeholders(features: pd.DataFrame) -> tuple[bool, float, int]:
    """Whether the case gives 1 January for a year of birth alone, as border and refugee
    registries and many civil registers do (a person who knows only their year, or
    their age, is born "1 January"): (verdict, share of the full dates of birth on 1
    January, how many). A birthday like any other, 1 January holds one full date in 365;
    at :data:`YEAR_PLACEHOLDER_EXCESS` times that (and at least
    :data:`YEAR_PLACEHOLDER_MIN` dates), the case's 1 January is mostly a year alone.

    >>> f = pd.DataFrame({"dob_y": [1976] * 4 + [1980] * 46, "dob_m": [1] * 4 + [6] * 46,
    ...                   "dob_d": [1] * 4 + [5] * 46})
    >>> year_placeholders(f), year_placeholders(f.iloc[2:])[0]
    ((True, 0.08, 4), False)
    """
    y, m, d = (features[c].to_numpy() for c in ("dob_y", "dob_m", "dob_d"))
    full = (y > 0) & (m > 0) & (d > 0)
    n = int(full.sum())
    jan1 = int((full & (m == 1) & (d == 1)).sum())
    share = round(jan1 / n, 4) if n else 0.0
    many = jan1 >= YEAR_PLACEHOLDER_MIN and share * 365.25 >= YEAR_PLACEHOLDER_EXCESS
    return many, share, jan1


def mark_year_placeholders(features: pd.DataFrame, placeholders: bool | None = None) -> bool:
    """Add the column ``dob_placeholder`` to ``features`` (in place): the mentions born
    on 1 January where the case gives that date for a year alone (``placeholders``, or
    :func:`year_placeholders` of ``features`` when None). Such a date is read as a year
    of birth: beside another date of its year the dates agree on the year (level "same
    year"), neither in conflict nor a birthday in common; clustering holds it as that
    year alone. Returns the verdict."""
    if placeholders is None:
        placeholders = year_placeholders(features)[0]
    y, m, d = (features[c].to_numpy() for c in ("dob_y", "dob_m", "dob_d"))
    features["dob_placeholder"] = bool(placeholders) & (y > 0) & (m == 1) & (d == 1)
    return bool(placeholders)


def year_slip(
    y1: np.ndarray, y2: np.ndarray, m1: np.ndarray, m2: np.ndarray, d1: np.ndarray, d2: np.ndarray
) -> np.ndarray:
    """Whether two full dates of birth (year, month, day; 0 when unknown) keep the day
    and month and differ by one year: an age turned into a year of birth at another time
    of year, or a year keyed wrong (1979-11-06 / 1980-11-06). One person's date much more
    often than two people's: a sibling born on the same day of the next year is one in
    hundreds of siblings.

    >>> y = np.array([1979, 1979, 1979]); o = np.array([1980, 1981, 1980])
    >>> m, d = np.array([11, 11, 11]), np.array([6, 6, 6])
    >>> year_slip(y, o, m, m, d, np.array([6, 6, 7])).tolist()
    [True, False, False]
    """
    full = (y1 > 0) & (y2 > 0) & (m1 > 0) & (d1 > 0)
    return full & (np.abs(y1 - y2) == 1) & (m1 == m2) & (d1 == d2)


#: Years of birth further apart than this, with month and day different too, are the
#: date-of-birth level "far_apart": no typo of one date, two people.
DOB_FAR_YEARS = 5


def far_apart(
    y1: np.ndarray, y2: np.ndarray, m1: np.ndarray, m2: np.ndarray, d1: np.ndarray, d2: np.ndarray
) -> np.ndarray:
    """Whether two dates of birth (year, month, day; 0 when unknown) are years apart,
    by more than :data:`DOB_FAR_YEARS`: with every part both give different
    (1962-01-17 / 1990-04-05), or in years no single keyed digit explains, whatever
    day or month they share (2005-08-14 / 1992-03-14, 1962-04-05 / 1990-04-05: two
    namesakes' birthdays share a day one time in thirty). 1990-04-05 / 1991-04-05 (a
    year typed wrong) and 1976-04-28 / 1996-04-28 (the decade's digit alone,
    :func:`one_typo_years`) may be one person.

    >>> y = np.array([1962, 1990, 1962, 1962, 1976]); o = np.array([1990, 1991, 1990, 1990, 1996])
    >>> far_apart(y, o, np.array([1, 4, 4, 0, 4]), np.array([4, 4, 4, 4, 4]),
    ...           np.array([17, 5, 5, 0, 28]), np.array([5, 5, 5, 5, 28])).tolist()
    [True, False, True, True, False]
    """
    known = (y1 > 0) & (y2 > 0)
    month_differs = (m1 == 0) | (m2 == 0) | (m1 != m2)
    day_differs = (d1 == 0) | (d2 == 0) | (d1 != d2)
    years = known & (np.abs(y1 - y2) > DOB_FAR_YEARS)
    return years & ((month_differs & day_differs) | ~one_typo_years(y1, y2))


def decade_apart(
    y1: np.ndarray, y2: np.ndarray, m1: np.ndarray, m2: np.ndarray, d1: np.ndarray, d2: np.ndarray
) -> np.ndarray:
    """Whether two dates of birth differ in the decade's digit of the year alone
    (1976-04-28 / 1996-04-28): one digit, as a typo would be, yet ten years of age or more.

    >>> decade_apart(np.array([1976, 1976, 1976]), np.array([1996, 1977, 1996]),
    ...              np.array([4, 4, 4]), np.array([4, 4, 5]), np.array([28, 28, 28]),
    ...              np.array([28, 28, 28])).tolist()
    [True, False, False]
    """
    same_rest = (m1 == m2) & (d1 == d2) & (y1 // 100 == y2 // 100) & (y1 % 10 == y2 % 10)
    return same_rest & (y1 // 10 % 10 != y2 // 10 % 10) & (y1 > 0) & (y2 > 0)


def dob_conflict(
    levels: np.ndarray, features: pd.DataFrame, left: np.ndarray, right: np.ndarray
) -> np.ndarray:
    """Pairs whose full dates of birth are both known and not close: different people.
    A 1 January the case gives for a year alone (:func:`mark_year_placeholders`) is no
    full date. Not dates one decade's digit apart (:func:`decade_apart`): a typo as
    likely as not, weighed as different dates, no veto."""
    y, m, d = (features[c].to_numpy() for c in ("dob_y", "dob_m", "dob_d"))
    if "dob_placeholder" in features:
        m = np.where(features["dob_placeholder"].to_numpy(bool), 0, m)
    both = (
        (y[left] > 0)
        & (m[left] > 0)
        & (d[left] > 0)
        & (y[right] > 0)
        & (m[right] > 0)
        & (d[right] > 0)
    )
    decade = decade_apart(y[left], y[right], m[left], m[right], d[left], d[right])
    return both & np.isin(levels, DOB.codes("same_year", "different", "far_apart")) & ~decade


#: Years of birth at least this far apart are two people's, not one date keyed twice
#: (a date's typos are its comparison's "close" level, a decade's digit decade_apart).
YEARS_APART = 2


def years_apart(features: pd.DataFrame, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Pairs whose years of birth are both known and at least :data:`YEARS_APART` apart.

    >>> f = pd.DataFrame({"dob_y": [1995, 1992, 1994, 0]})
    >>> years_apart(f, np.array([0, 0, 0]), np.array([1, 2, 3])).tolist()
    [True, False, False]
    """
    y = features["dob_y"].to_numpy().astype(np.int64)
    known = (y[left] > 0) & (y[right] > 0)
    return known & (np.abs(y[left] - y[right]) >= YEARS_APART)


def dates_disjoint(features: pd.DataFrame, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Pairs whose full dates of birth are both known and differ in the year, the month
    and the day alike: another birthday, not one part of a date keyed wrong
    (1982-05-12 / 1987-06-08; not 1982-05-12 / 1987-05-12, nor 1982-05-12 / 1982-06-08).

    >>> f = pd.DataFrame({"dob_y": [1982, 1987, 1987, 1982], "dob_m": [5, 6, 5, 6],
    ...                   "dob_d": [12, 8, 12, 8]})
    >>> dates_disjoint(f, np.array([0, 0, 0]), np.array([1, 2, 3])).tolist()
    [True, False, False]
    """
    y, m, d = (features[c].to_numpy() for c in ("dob_y", "dob_m", "dob_d"))
    full = (y > 0) & (m > 0) & (d > 0)
    both = full[left] & full[right]
    return both & (y[left] != y[right]) & (m[left] != m[right]) & (d[left] != d[right])


#: Dates of birth at least this many years apart are two generations (a mother and the
#: daughter named after her, a father and his son "Jr."), whatever else the two records
#: share, unless one date may be the other typed wrong (see :func:`generations_apart`).
GENERATION_YEARS = 15


def one_typo_years(y1: np.ndarray, y2: np.ndarray) -> np.ndarray:
    """Whether two four-digit years are one keying error apart: one digit replaced
    (1946 / 1976) or two neighbouring digits swapped (1946 / 1964).

    >>> one_typo_years(np.array([1946, 1946, 1946, 1946, 1977]),
    ...                np.array([1947, 1976, 1964, 1973, 2004])).tolist()
    [True, True, True, False, False]
    """
    a = np.stack([(y1 // 10**k) % 10 for k in (3, 2, 1, 0)])
    b = np.stack([(y2 // 10**k) % 10 for k in (3, 2, 1, 0)])
    differ = a != b
    replaced = differ.sum(axis=0) == 1
    swapped = np.zeros(len(y1), dtype=bool)
    for k in range(3):
        others = np.delete(differ, [k, k + 1], axis=0).any(axis=0)
        swapped |= (a[k] == b[k + 1]) & (a[k + 1] == b[k]) & differ[k] & ~others
    return replaced | swapped


def generations_apart(features: pd.DataFrame, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Pairs whose years of birth are both known and at least :data:`GENERATION_YEARS`
    apart, in a way no typo of one date explains: full dates different in month and day
    too (see :func:`far_apart`); a year alone, or a year and month, on either side with
    years more than one keyed digit apart (1946 / 1973, not 1946 / 1976 nor 1946 / 1964:
    :func:`one_typo_years`), or any years so far apart beside a generational suffix
    stated on one side only (a "Jr." beside his father, whose record has none, born on
    the same day of another month or not). A parent and a child, not one person.

    >>> f = pd.DataFrame({"dob_y": [1961, 1988, 1988, 1961, 1946, 1973, 1976],
    ...                   "dob_m": [6, 8, 8, 0, 0, 0, 0], "dob_d": [6, 8, 9, 0, 0, 0, 0]})
    >>> generations_apart(f, np.array([0, 1, 3, 4, 4]), np.array([1, 2, 1, 5, 6])).tolist()
    [True, False, True, True, False]
    """
    y, m, d = (features[c].to_numpy() for c in ("dob_y", "dob_m", "dob_d"))
    y1, y2, m1, m2, d1, d2 = y[left], y[right], m[left], m[right], d[left], d[right]
    far = (y1 > 0) & (y2 > 0) & (np.abs(y1 - y2) >= GENERATION_YEARS)
    full = (m1 > 0) & (d1 > 0) & (m2 > 0) & (d2 > 0)
    parts_differ = (m1 != m2) & (d1 != d2)
    one_side_suffix = np.zeros(len(left), dtype=bool)
    if "generation" in features:
        g = features["generation"].to_numpy(np.int8)
        one_side_suffix = (g[left] > 0) != (g[right] > 0)
    partial_apart = ~full & (~one_typo_years(y1, y2) | one_side_suffix)
    full_apart = full & (parts_differ | one_side_suffix)
    apart = far & (full_apart | partial_apart) & ~_keyed_wrong(features, left, right)
    gap = age_gap(features, left, right, undated=True)
    if gap is not None:
        # A stated age's years of birth (no keyed date: no typo) a generation from the
        # other side's year of birth or age ("Jimmy Scott Jr.", 29 in 2024, beside James
        # Scott born 1965): a parent and child too.
        apart |= gap >= GENERATION_YEARS - 1
    return apart


def _keyed_wrong(features: pd.DataFrame, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Pairs with a date of birth on either side that is no calendar date ("19372109",
    "1959-03-98": feature ``dob_digits`` without a full date): its year may be as wrong as
    its month or day, and it is no register's year of birth either."""
    if "dob_digits" not in features:
        return np.zeros(len(left), dtype=bool)
    digits = features["dob_digits"].to_numpy(dtype=object)
    full = features["dob8"].to_numpy(dtype=object) != ""
    wrong = (digits != "") & ~full
    return wrong[left] | wrong[right]


#: Name similarities at or above these are the levels "exact", "close" and "similar".
NAME_EXACT, NAME_CLOSE, NAME_SIMILAR = 0.999, 0.92, 0.8
#: What a name level's Jaro-Winkler is of: the names, or their transliteration skeletons
#: where those agree better ("Ryan" / "Richard": 0.60 as written, 0.80 as "rian" /
#: "ricard"), the similarity explain shows.
_OR_SKELETONS = " of the names or their skeletons"
_NAME_LEVELS = ("null", "exact", "close", "similar", "different")


@dataclass(frozen=True)
class PersonName(Comparison):
    """One part of a person's name (given or family). :func:`name_levels` compares both
    parts at once (a swapped order is checked across them), and :func:`compare` runs it
    once for the two comparisons; ``compare`` here gives this part's levels alone."""

    def compare(self, features, left, right, *, workers=-1):  # type: ignore[no-untyped-def]
        return name_levels(features, left, right, workers=workers)[self.name]


GIVEN = PersonName(
    name="given_name",
    fields=("given_name",),
    levels=(
        null_level(),
        Level("exact", "exact or nickname", "equal once folded, or a nickname of the "
              "other", 0.80, 0.01),
        Level("close", f"Jaro-Winkler >= {NAME_CLOSE}{_OR_SKELETONS}", "near spellings, one "
              "typo, or the same transliteration skeleton", 0.10, 0.01),
        Level("similar", f"Jaro-Winkler >= {NAME_SIMILAR}{_OR_SKELETONS}, initial or other "
              "patronymic",
              "alike, or one side an initial starting the other, or the initials of "
              "every word of the other (JP / Jean-Pierre), or one name with different "
              "patronymics",
              0.06, 0.04),
        Level("different", "different", "any other pair, or a man's and a woman's form of "
              "one name (Ivan / Ivana)", 0.04, 0.94, against=True),
    ),
    description="Given names, transliterated and folded; nicknames count as exact; "
    "swapped given/family order is checked.",
)  # fmt: skip
FAMILY = PersonName(
    name="family_name",
    fields=("family_name",),
    levels=(
        null_level(),
        Level("exact", "exact", "equal once folded", 0.85, 0.005),
        Level("close", f"Jaro-Winkler >= {NAME_CLOSE}{_OR_SKELETONS}", "near spellings, one "
              "typo, or the same transliteration skeleton", 0.08, 0.005),
        Level("similar", f"Jaro-Winkler >= {NAME_SIMILAR}{_OR_SKELETONS}", "alike, or one "
              "side an initial starting the other, or among the words a full name holds "
              "after its given name (González / Concepción González Dias)", 0.04, 0.02),
        Level("different", "different", "any other pair, or a man's and a woman's form "
              "(Ivanov / Ivanova)", 0.025, 0.25, against=True),
        Level("unrelated", "unrelated (nothing in common)", f"skeletons below Jaro-Winkler "
              f"{FAMILY_UNRELATED}, no word in common nor one within the other, neither an "
              "initial, one script (Hoxha / Meta)", 0.005, 0.72, against=True, bounded=True),
    ),
    description="Family names, transliterated and folded; swapped order is checked.",
)  # fmt: skip
DOB = Dob(
    name="dob",
    fields=("dob",),
    levels=(
        null_level(),
        Level("exact", "exact", "the same full date", 0.85, 0.0005),
        Level("close", "close (swap or one digit)", "day and month swapped, the YYYYMMDD "
              "texts one typo apart, or the year one off with day and month kept",
              0.10, 0.002),
        Level("same_year", "same year", "the same year and the month or day too, or a 1 "
              "January the case gives for a year alone (partial dates: as far as both "
              "go)", 0.03, 0.02),
        Level("different", "different", "another date: a few years apart at most or with "
              "the day or month in common, or of the same year with both month and day "
              "different", 0.015, 0.2, against=True),
        Level("far_apart", f"far apart (over {DOB_FAR_YEARS} years, day and month "
              "different)", f"years more than {DOB_FAR_YEARS} apart and neither month "
              "nor day in common, or years no keyed digit explains (a day or month "
              "shared by chance): no typo of one date", 0.005, 0.7775, against=True),
    ),
    description="Dates of birth; day/month swaps, one-digit typos and a year one off count "
    "as close, a 1 January given for a year alone as a year, "
    "dates years apart that share no part count as far apart.",
)  # fmt: skip


def _identifier_levels(
    m: tuple[float, float, float], u: tuple[float, float, float], *, series: bool = True
) -> tuple[Level, ...]:
    """null, same, one typo, different: the levels of an :class:`Identifier` (``series``:
    its ``issued_in_series``)."""
    typo = (
        "single values one letter wrong (not one digit: a series neighbour), two "
        "neighbours swapped, one character dropped or added"
        if series
        else "single values one character wrong, swapped, dropped or added"
    )
    return (
        null_level(),
        Level("same", "same", "a value in common (of several, any one)", m[0], u[0]),
        Level("one_typo", "one typo", typo, m[1], u[1]),
        Level("different", "different", "any other pair of values", m[2], u[2], against=True),
    )  # fmt: skip


def _exact_levels(m: float, u: float) -> tuple[Level, ...]:
    """null, same, different: the levels of an :class:`Exact`."""
    return (
        null_level(),
        Level("same", "same", "the same value", m, u),
        Level(
            "different",
            "different",
            "another value",
            round(1 - m, 6),
            round(1 - u, 6),
            against=True,
        ),
    )


#: Comparisons by name. ``given_name`` and ``family_name`` are computed together.
COMPARISONS: dict[str, Comparison] = {
    "given_name": GIVEN,
    "family_name": FAMILY,
    "dob": DOB,
    "sex": Exact(
        name="sex",
        fields=("sex",),
        levels=_exact_levels(0.97, 0.5),
        description="Recorded sex.",
    ),
    "phone": Identifier(
        name="phone",
        fields=("phone",),
        levels=_identifier_levels((0.6, 0.05, 0.35), (0.001, 0.001, 0.998)),
        description="Phone numbers, last nine digits; the mention's own or linked to it.",
    ),
    "email": Identifier(
        name="email",
        fields=("email",),
        levels=_identifier_levels((0.6, 0.05, 0.35), (0.001, 0.001, 0.998), series=False),
        description="E-mail addresses, lower-case.",
        issued_in_series=False,
    ),
    "account": Identifier(
        name="account",
        fields=("account",),
        levels=_identifier_levels((0.6, 0.05, 0.35), (0.001, 0.001, 0.998)),
        description="Bank accounts (IBAN), letters and digits only; held or linked.",
    ),
    "document": Identifier(
        name="document",
        fields=("document",),
        levels=_identifier_levels((0.8, 0.1, 0.1), (0.0005, 0.001, 0.9985)),
        description="Passport or id numbers, letters and digits only.",
    ),
    "postcode": Identifier(
        name="postcode",
        fields=("postcode",),
        levels=_identifier_levels((0.8, 0.1, 0.1), (0.01, 0.03, 0.96), series=False),
        description="Postcodes.",
        issued_in_series=False,
    ),
    "city": fuzzy(
        "city",
        "city",
        scorer="jaro_winkler",
        thresholds=[("close", 0.9, 0.08, 0.02)],
        exact=(0.85, 0.02),
        different=(0.07, 0.96),
        description="City or suburb names; two names of one GeoNames city, in any script "
        "or language (Кишинів, Chisinau, Kishinev), are the same.",
    ),
    "address": fuzzy(
        "address",
        "address",
        scorer="token_sort",
        thresholds=[("close", 0.9, 0.15, 0.005), ("similar", 0.7, 0.1, 0.03)],
        exact=(0.7, 0.002),
        different=(0.05, 0.963),
        description="Street addresses, abbreviations unified.",
    ),
    "nationality": Exact(
        name="nationality",
        fields=("nationality",),
        levels=_exact_levels(0.95, 0.3),
        description="Nationality (ISO code).",
    ),
}


def level_code(comparison: str, level: str) -> int:
    """The int8 code that comparison ``comparison`` stores for its level ``level``."""
    return COMPARISONS[comparison].code(level)


def at_level(scored: pd.DataFrame, comparison: str, *levels: str) -> np.ndarray:
    """Whether each pair's ``<comparison>_level`` is one of the named ``levels`` (a
    comparison that was not run counts as ``null`` on every pair)."""
    codes = COMPARISONS[comparison].codes(*levels)
    column = f"{comparison}_level"
    if column not in scored:
        return np.full(len(scored), 0 in codes, dtype=bool)
    return np.isin(scored[column].to_numpy(), codes)


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


#: The kinds of :func:`sex_conflict`, by code (0: none).
SEX_CONFLICTS = (
    "",
    "recorded sexes differ",
    "a man's and a woman's given name, one sex recorded",
    "a man's and a woman's given name, no sex recorded",
    "generational suffixes differ (Sr. / Jr.)",
    "dates of birth a generation apart",
    "passport or id numbers of one kind differ (not one typo)",
)
#: The code of :data:`SEX_CONFLICTS` for a father and son (:func:`generation_conflict`).
GENERATION_CONFLICT = 4
#: The code of :data:`SEX_CONFLICTS` for a parent and child (:func:`generations_apart`).
GENERATIONS_APART = 5
#: The code of :data:`SEX_CONFLICTS` for two documents of one kind whose numbers differ
#: (:func:`documents_differ`): twins' or siblings' own passports.
DOCUMENTS_DIFFER = 6


def _document_shapes(features: pd.DataFrame, vocab: np.ndarray) -> np.ndarray:
    """Per document value of the vocabulary (:func:`_coded`), its shape: letters read as
    "A", digits as "9" ("C85343111" -> "A99999999"), as codes. Two numbers of one shape are
    of one kind (two passports of one country, two national ids); a passport and a
    national id number mostly differ in shape (length, letters), and a person holds both."""

    def make() -> np.ndarray:
        arr = pa.array(vocab.astype(object), pa.large_string())
        arr = pc.replace_substring_regex(arr, r"[^\W\d_]", "A")
        arr = pc.replace_substring_regex(arr, r"\d", "9")
        return pd.factorize(np.asarray(arr.to_pylist(), dtype=object))[0]

    return _memo(features, "document_shapes", make)


def documents_differ(
    features: pd.DataFrame, left: np.ndarray, right: np.ndarray, level: np.ndarray
) -> np.ndarray:
    """Per pair, whether its documents (level "different") are two numbers of one kind
    (:func:`_document_shapes`: the same length and letters in the same places) more than
    one typo apart: not one character wrong (a series neighbour, RX100001 / RX100002,
    counts as one typo here), swapped, dropped or added. A passport or id number is one
    person's: twins born on one day, on one phone, of names that are close strings
    (Somchai / Somsak, Anna / Joanna), each hold their own. Of several values on either
    side, the pair differs when no two are one typo apart and two share a shape.

    >>> f = pd.DataFrame({"document": ["C85343111", "M17781451", "C85343112", "1234567890123",
    ...                                "C85343111|1234567890123", "C58343111"]})
    >>> lv = np.full(5, level_code("document", "different"), dtype=np.int8)
    >>> documents_differ(f, np.array([0, 0, 0, 4, 0]), np.array([1, 2, 3, 1, 5]), lv).tolist()
    [True, False, False, True, False]
    """
    out = np.zeros(len(left), dtype=bool)
    rows = np.flatnonzero(level == COMPARISONS["document"].code("different"))
    if not len(rows) or "document" not in features:
        return out
    codes, vocab = _coded(features, "document")
    a, b = codes[left[rows]], codes[right[rows]]
    keep = (a >= 0) & (b >= 0)
    rows, a, b = rows[keep], a[keep], b[keep]
    multi = np.fromiter(("|" in v for v in vocab), dtype=bool, count=len(vocab))
    single = ~multi[a] & ~multi[b]
    if single.any():
        shapes = _document_shapes(features, vocab)
        sa, sb = a[single], b[single]
        typo = np.zeros(len(sa), dtype=bool)
        alike = np.flatnonzero(shapes[sa] == shapes[sb])
        if len(alike):
            table = _typo_table(features, "document", vocab)
            typo[alike] = _one_typo(sa[alike], sb[alike], vocab, 1, table=table)[0]
        out[rows[single]] = (shapes[sa] == shapes[sb]) & ~typo
    for i in np.flatnonzero(~single):
        xs, ys = vocab[a[i]].split("|"), vocab[b[i]].split("|")
        one_kind = {_shape(x) for x in xs} & {_shape(y) for y in ys}
        near = any(OSA.distance(x, y, score_cutoff=1) <= 1 for x in xs for y in ys)
        out[rows[i]] = bool(one_kind) and not near
    return out


def _shape(value: str) -> str:
    """:func:`_document_shapes` of one value."""
    return "".join("9" if c.isdigit() else "A" if c.isalpha() else c for c in value)


def generation_conflict(features: pd.DataFrame, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Whether each pair's names close with generational suffixes of two generations
    (feature ``generation``: "John Smith Sr." / "John Smith Jr.", "II" / "III"): a father
    and his son named after him, two people however alike the rest.

    >>> f = pd.DataFrame({"generation": [1, 2, 0, 2]})
    >>> generation_conflict(f, np.array([0, 0, 1]), np.array([1, 2, 3])).tolist()
    [True, False, False]
    """
    if "generation" not in features:
        return np.zeros(len(left), dtype=bool)
    generation = features["generation"].to_numpy(np.int8)
    a, b = generation[left], generation[right]
    return (a > 0) & (b > 0) & (a != b)


def sex_conflict(
    features: pd.DataFrame, left: np.ndarray, right: np.ndarray, gendered: np.ndarray
) -> np.ndarray:
    """Whether each pair is a man and a woman, as a code into :data:`SEX_CONFLICTS`:
    1 both sexes recorded and different; given names that are the man's and the woman's
    form of one name (``gendered``, from :func:`gendered_pair`: Alexandru / Alexandra)
    2 with one sex recorded, 3 with none (never when both records say the same sex).

    >>> f = pd.DataFrame({"sex": ["M", "F", "", "M", ""]})
    >>> sex_conflict(f, np.array([0, 0, 2, 0, 2]), np.array([1, 2, 1, 3, 4]),
    ...              np.array([False, True, True, True, True])).tolist()
    [1, 2, 2, 0, 3]
    """
    gendered = np.asarray(gendered, dtype=bool)
    if "sex" not in features or len(left) == 0:
        return np.where(gendered, 3, 0).astype(np.int8)
    sex = features["sex"].to_numpy(dtype=object)
    a, b = sex[left], sex[right]
    known = (a != "").astype(np.int8) + (b != "").astype(np.int8)
    return np.select(
        [known == 2, gendered], [np.where(a != b, 1, 0), np.where(known == 1, 2, 3)], 0
    ).astype(np.int8)


#: The comparisons whose "same" level says two mentions share an identifier (what
#: :func:`name_within` looks at).
_SHARED_IDENTIFIERS = ("phone", "email", "account", "document")


def _shares_identifier(levels: dict[str, np.ndarray]) -> np.ndarray:
    """Which pairs share a phone, e-mail, account or document (level "same"), their
    names not both exact already (those agree by the names' own levels)."""
    n = len(next(iter(levels.values()))) if levels else 0
    shared = np.zeros(n, dtype=bool)
    for name in _SHARED_IDENTIFIERS:
        if f"{name}_level" in levels:
            shared |= levels[f"{name}_level"] == COMPARISONS[name].code("same")
    both_exact = np.ones(n, dtype=bool)
    for name in ("given_name", "family_name"):
        if f"{name}_level" in levels:
            both_exact &= levels[f"{name}_level"] == COMPARISONS[name].code("exact")
    return shared & ~both_exact


def name_within(
    features: pd.DataFrame, left: np.ndarray, right: np.ndarray, candidates: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Which ``candidates`` pairs have one name within the other (:func:`name_part_of`):
    "Blessing" and "Blessing Osaro Igbinedion", a given name alone beside the full name;
    and which such pairs are ambiguous. Only the candidate pairs (a few: those sharing an
    identifier, nothing in conflict) are looked at, each distinct pair of names once. A
    shorter name that fits two people on the identifiers the pair shares ("Ion" on a
    phone of "Ion Popescu" and "Ion Vasilescu", a household's or an office's line)
    cannot be told whose it is (:func:`_fits_another`): no pair of it is one, and each
    is ambiguous (the second array), for an analyst to decide."""
    within = np.zeros(len(left), dtype=bool)
    rows = np.flatnonzero(candidates)
    if not len(rows) or "full_name" not in features or "given_name" not in features:
        return within, within.copy()
    full = features["full_name"].to_numpy(dtype=object)
    given = features["given_name"].to_numpy(dtype=object)
    seen: dict[tuple[str, str, str, str], bool] = {}
    for i in rows:
        a, b = left[i], right[i]
        key = (full[a], given[a], full[b], given[b])
        hit = seen.get(key)
        if hit is None:
            hit = seen[key] = name_part_of(*key)
        within[i] = hit
    ambiguous = np.zeros(len(left), dtype=bool)
    for i in np.flatnonzero(within):
        ambiguous[i] = _fits_another(features, int(left[i]), int(right[i]))
    return within & ~ambiguous, ambiguous


def _name_words(full_name: object) -> frozenset[str]:
    """The transliteration skeletons of a folded full name's words."""
    return frozenset(name_skeleton(w) for w in str(full_name).split())


def _fits_another(features: pd.DataFrame, a: int, b: int) -> bool:
    """Whether the shorter name of mentions ``a`` and ``b`` (one within the other) is
    within the name of a third holder of an identifier they share, a name that is not
    the longer one's nor within it ("Ion Vasilescu" beside "Ion" and "Ion Popescu"), or
    that is the longer one's but born a generation apart (:func:`generations_apart`: a
    mother "Elena Dobre" and the daughter named after her, beside "Elena")."""
    full = features["full_name"].to_numpy(dtype=object)
    given = features["given_name"].to_numpy(dtype=object)
    (short, shorter), (long, longer) = sorted(
        ((_name_words(full[a]), a), (_name_words(full[b]), b)), key=lambda x: len(x[0])
    )
    # A one-word short form ("Sasha" of "Oleksandr"): it fits whomever it is a short
    # form of ("Oleksandra" as well).
    told_short = len(short) == 1 and not short <= long
    for col in _SHARED_IDENTIFIERS:
        if col not in features:
            continue
        values = features[col].to_numpy(dtype=object)
        shared = set(str(values[a]).split("|")) & set(str(values[b]).split("|")) - {""}
        holders = _holders(features, col)
        for value in shared:
            rows = holders.get(value, np.empty(0, np.int64))
            for other, other_given in {(full[r], given[r]) for r in rows}:
                words = _name_words(other)
                if told_short:
                    fits = short_form_of(str(full[shorter]), str(other_given))
                else:
                    fits = short < words
                if fits and not (words <= long or long <= words):
                    return True
            if _namesake_of_another_generation(features, rows, long, longer):
                return True
    return False


def _namesake_of_another_generation(
    features: pd.DataFrame, rows: np.ndarray, long: frozenset[str], longer: int
) -> bool:
    """Whether one of ``rows`` bears the name ``long`` with a full date of birth a
    generation apart from mention ``longer``'s (:func:`generations_apart`)."""
    if not len(rows) or not {"dob_y", "dob_m", "dob_d"} <= set(features.columns):
        return False
    full = features["full_name"].to_numpy(dtype=object)
    same = np.array([_name_words(full[r]) == long for r in rows], dtype=bool)
    rows = np.asarray(rows, dtype=np.int64)[same]
    return bool(generations_apart(features, rows, np.full(len(rows), longer)).any())


class _Holders:
    """The rows holding each value of a multi-valued identifier column: one sorted array
    of rows and an index of the values (a dict of an array per value cost seconds to
    build on a list of 100,000 people, for the few values ever asked about)."""

    def __init__(self, values: pd.Series) -> None:
        held = values[values.to_numpy(dtype=object) != ""].astype(object).str.split("|")
        exploded = held.explode()
        exploded = exploded[exploded.notna() & (exploded != "")]
        codes, uniques = pd.factorize(exploded.to_numpy(dtype=object))
        order = np.argsort(codes, kind="stable")
        self.rows = exploded.index.to_numpy(np.int64)[order]
        self.starts = np.searchsorted(codes[order], np.arange(len(uniques) + 1))
        self.values = pd.Index(np.asarray(uniques, dtype=object).astype(str))

    def get(self, value: str, default: np.ndarray) -> np.ndarray:
        """The rows holding ``value``, else ``default``."""
        at = self.values.get_indexer([value])[0]
        return default if at < 0 else self.rows[self.starts[at] : self.starts[at + 1]]


def _holders(features: pd.DataFrame, col: str) -> _Holders:
    """The rows holding each value of a multi-valued identifier column (made once per
    features frame: :func:`_memo`)."""
    return _memo(features, "holders:" + col, lambda: _Holders(features[col]))


def nameless(features: pd.DataFrame, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Pairs in which a mention has no name at all (no full name: a placeholder such as
    "Anonymous" is read as none at ingest, and a person row with a date of birth but no
    name is an "unnamed" mention). Either side: a nameless mention joins a named one only
    on what a nameless pair joins on, never on a date of birth and a town alone.

    Returns how many of the two have no name (0, 1 or 2): with a name on one side, the
    same street address with the dates not in conflict is enough too
    (:func:`~linkgraph.resolve.scoring.nameless_pairs`)."""
    if "full_name" not in features:
        return np.zeros(len(left), dtype=np.int8)
    empty = features["full_name"].to_numpy(dtype=object) == ""
    return empty[left].astype(np.int8) + empty[right].astype(np.int8)


def conflicting_roles(features: pd.DataFrame, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Pairs of a victim and a suspect (feature ``role_side``: one on each side)."""
    if "role_side" not in features:
        return np.zeros(len(left), dtype=bool)
    side = features["role_side"].to_numpy()
    a, b = side[left], side[right]
    return (a > 0) & (b > 0) & (a != b)


def name_part_of(full_a: str, given_a: str, full_b: str, given_b: str) -> bool:
    """Whether one folded full name is part of the other: every word of the shorter is a
    word of the longer (compared by transliteration skeleton), and one of them is the
    longer one's given name. "Blessing" is part of "Blessing Osaro Igbinedion"; the family
    name alone ("Igbinedion": a relative on the household phone), another given name
    ("Joy Igbinedion") or an initial ("B Igbinedion") is not.

    >>> name_part_of("blessing", "", "blessing osaro igbinedion", "blessing")
    True
    >>> name_part_of("igbinedion", "", "blessing osaro igbinedion", "blessing")
    False
    >>> name_part_of("joy igbinedion", "joy", "blessing osaro igbinedion", "blessing")
    False
    """
    words_a = {name_skeleton(w) for w in str(full_a).split()}
    words_b = {name_skeleton(w) for w in str(full_b).split()}
    if len(words_a) == len(words_b):
        return False
    (short, _), (long, long_given) = sorted(
        ((words_a, given_a), (words_b, given_b)), key=lambda side: len(side[0])
    )
    if not short or any(len(w) < 2 for w in short):
        return False
    if not short <= long:
        # A name of one word that is the longer one's given name told short: a nickname
        # ("Sasha" / "Oleksandr Bondarenko") or its beginning or end ("Mide" / "Olumide
        # Ogunleye"), as a caller gives it to a hotline.
        short_full = min((full_a, full_b), key=lambda f: len(str(f).split()))
        return len(str(short_full).split()) == 1 and short_form_of(str(short_full), long_given)
    return bool(short & {name_skeleton(w) for w in str(long_given).split()})


#: The fewest letters of a short form told by its letters (:func:`short_form_of`), and
#: the fewest the full name must hold beyond them.
SHORT_FORM_LETTERS = 4
SHORT_FORM_CUT = 2


def short_form_of(word: str, given: str) -> bool:
    """Whether the folded one-word name ``word`` is a short form of a word of the folded
    given name ``given``: a nickname or variant of it (:func:`nickname_related`: "sasha" /
    "oleksandr", "lena" / "olena"), or its beginning or end of at least
    :data:`SHORT_FORM_LETTERS` letters with at least :data:`SHORT_FORM_CUT` cut off
    ("mide" / "olumide", "emeka" / "chukwuemeka", "gabi" / "gabriela"); a shorter word
    says too little ("ana" ends "ioana", "ion" begins "ionela").

    >>> short_form_of("sasha", "oleksandr"), short_form_of("mide", "olumide")
    (True, True)
    >>> short_form_of("ana", "ioana"), short_form_of("vasile", "ion")
    (False, False)
    """
    word = word.strip()
    if len(word) < 2:
        return False
    for full in str(given).split():
        if full == word or nickname_related(word, full):
            return True
        cut = len(full) - len(word)
        long_enough = len(word) >= SHORT_FORM_LETTERS and cut >= SHORT_FORM_CUT
        if long_enough and (full.startswith(word) or full.endswith(word)):
            return True
    return False


def dates_partial(features: pd.DataFrame, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Pairs whose years of birth are both known and whose dates are not both full (a
    year alone, or a year and month, on either side: a register's year of birth; not a
    date that is no calendar date, :func:`_keyed_wrong`).

    >>> f = pd.DataFrame({"dob_y": [1946, 1973, 1980], "dob_m": [0, 5, 5],
    ...                   "dob_d": [0, 2, 3]})
    >>> dates_partial(f, np.array([0, 1]), np.array([1, 2])).tolist()
    [True, False]
    """
    y, m, d = (features[c].to_numpy() for c in ("dob_y", "dob_m", "dob_d"))
    if "dob_placeholder" in features:  # 1 January for a year alone: a year of birth
        m = np.where(features["dob_placeholder"].to_numpy(bool), 0, m)
    known = (y[left] > 0) & (y[right] > 0)
    full = (m[left] > 0) & (d[left] > 0) & (m[right] > 0) & (d[right] > 0)
    return known & ~full & ~_keyed_wrong(features, left, right)


def given_two_names(
    features: pd.DataFrame,
    left: np.ndarray,
    right: np.ndarray,
    level: np.ndarray,
    codes: tuple[np.ndarray, np.ndarray, np.ndarray],
) -> np.ndarray:
    """Per pair whose given names are alike but not one (level close or similar),
    whether they are two names rather than one name keyed wrong: more than one edit
    apart ("Marie Laure" / "Marie-Claire", "AS" / "Anne Sophie"), or both names the
    nickname tables know and do not relate ("Mary" / "Mark": :func:`given_names_known`).
    "Charlote" / "Charlotte", "Nathab" / "Nathan" are one name with a typo (a register's
    corrupted copies, FEBRL's, where a date of birth was replaced too).

    >>> f = pd.DataFrame({"given_name": ["mary", "mark", "nathab", "nathan",
    ...                                  "marie laure", "marie claire"]})
    >>> vocab = f["given_name"].to_numpy(dtype=object); codes = np.arange(6)
    >>> close = np.full(3, GIVEN.code("close"), dtype=np.int8)
    >>> given_two_names(f, np.array([0, 2, 4]), np.array([1, 3, 5]), close,
    ...                 (vocab, codes[[0, 2, 4]], codes[[1, 3, 5]])).tolist()
    [True, False, True]
    """
    vocab, given_a, given_b = codes
    out = np.zeros(len(left), dtype=bool)
    rows = np.flatnonzero(np.isin(level, GIVEN.codes("close", "similar")))
    if not len(rows):
        return out
    edits = cpdist(
        vocab[given_a[rows]].tolist(), vocab[given_b[rows]].tolist(), scorer=OSA.distance
    )
    out[rows] = np.asarray(edits) > 1
    out |= given_names_known(features, left, right, rows)
    return out


def given_names_known(
    features: pd.DataFrame, left: np.ndarray, right: np.ndarray, rows: np.ndarray
) -> np.ndarray:
    """Per pair, whether (among ``rows``) both given names are single words the nickname
    tables know (:mod:`~linkgraph.resolve.nicknames`: "bohdan", "yulia") and no
    diminutive of the tables stands for both: two names, not one name under a spelling
    or a diminutive no table relates ("Eleni" / "Lena"), when their level says they
    differ (``adjustments.sibling_pairs``: twins).

    >>> f = pd.DataFrame({"given_name": ["bohdan", "yulia", "eleni", "lena"]})
    >>> given_names_known(f, np.array([0, 2]), np.array([1, 3]), np.array([0, 1])).tolist()
    [True, False]
    """
    out = np.zeros(len(left), dtype=bool)
    if not len(rows):
        return out
    given = features["given_name"].to_numpy(dtype=object)
    known = _memo(features, "given_known", lambda: _known_names(given))
    both = rows[known[left[rows]] & known[right[rows]]]
    if len(both) and "given_canon" in features:
        # Two names one diminutive stands for (Oksana and Kseniia: Ksiusha) may be one
        # name as a clerk wrote it: not told apart.
        canon = features["given_canon"].to_numpy(dtype=object)
        shared = np.fromiter(
            (frozenset((canon[a], canon[b])) in _SHARED_DIMINUTIVE
             for a, b in zip(left[both], right[both], strict=True)),
            dtype=bool, count=len(both),
        )  # fmt: skip
        both = both[~shared]
    out[both] = True
    return out


#: Given names sharing a run of at least this many letters (beyond the words both hold)
#: may be one name shortened or lengthened (Bukky / Bukola, Lena / Eleni, Tunde /
#: Babatunde): see :func:`given_names_apart`.
GIVEN_SHARED_RUN = 3


def given_names_apart(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Per pair of folded given names (``a[i]``, ``b[i]``: those the given-name level
    compared, the swapped order read), whether they plainly are two names by their
    letters, whatever the nickname tables know: beyond the words both hold (a Vietnamese
    middle name, "Thi Lan" / "Thi Lien"), no run of :data:`GIVEN_SHARED_RUN` letters in
    common, nor of one more letter between either (or its canonical form in the tables)
    and the other's canonical form (Sashko: Alexander, beside "Olexandr"). A diminutive
    or a longer form of one name keeps a run of its letters (Bukky / Bukola, Kechi /
    Nkechi, Eleni / Lena, Seun / Oluwaseun);
    "Răzvan" and "Ionuț", "Jamal" and "Ali", "Kechi" and "Oluwatoyin" share none: born
    on one day in one family, they are twins (``adjustments.sibling_pairs``), not one
    person. Nor are two names that one diminutive of the tables stands for (Oksana and
    Kseniia: Ksiusha).

    >>> given_names_apart(np.array(["razvan", "bukky", "thi lan", "eleni", "sashko"]),
    ...                   np.array(["ionut", "bukola", "thi lien", "lena", "olexandr"])).tolist()
    [True, False, True, False, False]
    """
    if not len(a):
        return np.zeros(0, dtype=bool)
    names, vocab = pd.factorize(np.concatenate([a, b]))
    pairs, codes = np.unique(
        np.stack([names[: len(a)], names[len(a) :]], axis=1), axis=0, return_inverse=True
    )
    apart = np.fromiter(
        (_apart(str(vocab[x]), str(vocab[y])) for x, y in pairs), dtype=bool, count=len(pairs)
    )
    return apart[codes.reshape(-1)]


#: What a scan or a hurried typist confuses, each read as the second: "Osrnan" is
#: "Osman", "Ycsenia" "Yesenia", "0sman" "Osman".
OCR_CONFUSIONS = (
    ("rn", "m"),
    ("cl", "d"),
    ("vv", "w"),
    ("0", "o"),
    ("1", "l"),
    ("5", "s"),
    ("c", "e"),
)


def ocr_fold(name: str) -> str:
    """A folded name with the characters a scan confuses (:data:`OCR_CONFUSIONS`) read
    one way.

    >>> ocr_fold("osrnan"), ocr_fold("0sman"), ocr_fold("ycsenia")
    ('osman', 'osman', 'yesenia')
    """
    for seen, meant in OCR_CONFUSIONS:
        name = name.replace(seen, meant)
    return name


#: Given names at least this long (after :func:`ocr_fold`) may be one typo of the other.
GIVEN_TYPO_LENGTH = 4


def given_names_typo(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Per pair of folded given names whose level says "different", whether they are one
    name keyed or scanned wrong: one typo apart (a character wrong, dropped, added, or
    two neighbours swapped) once the characters a scan confuses are read one way
    (:func:`ocr_fold`: "Osrnan" / "Oman", "Yesenoa" / "Ycsenia", "ERNINE" / "Emune"),
    both at least :data:`GIVEN_TYPO_LENGTH` letters. The sibling cap
    (``adjustments.sibling_pairs``) does not take them for two siblings when their dates
    of birth agree; two names the nickname tables both know (Ella / Emma: twins) stay
    two names there.

    >>> given_names_typo(np.array(["osrnan", "yesenoa", "ernine", "priya", "somsak", "ana"]),
    ...                  np.array(["oman", "ycsenia", "emune", "divya", "somchai", "ina"])).tolist()
    [True, True, True, False, False, False]
    """
    out = np.zeros(len(a), dtype=bool)
    if not len(a):
        return out
    fa = np.array([ocr_fold(str(x)) for x in a], dtype=object)
    fb = np.array([ocr_fold(str(x)) for x in b], dtype=object)
    long = (_lengths(fa) >= GIVEN_TYPO_LENGTH) & (_lengths(fb) >= GIVEN_TYPO_LENGTH)
    rows = np.flatnonzero(long)
    if len(rows):
        out[rows] = similarity(fa[rows], fb[rows], "osa", 1, cutoff=1) <= 1
    return out


def _apart(a: str, b: str) -> bool:
    """:func:`given_names_apart` of one pair of names."""
    ca, cb = canonical_given(a), canonical_given(b)
    if frozenset((ca, cb)) in _SHARED_DIMINUTIVE or not _no_shared_run(a, b):
        return False
    # A canonical form is the name in another spelling: a longer run is asked of it
    # ("ivan", Ionuț's, shares "van" with Răzvan by chance).
    run = GIVEN_SHARED_RUN + 1
    return all(_no_shared_run(x, y, run) for x, y in ((ca, b), (a, cb), (ca, cb)))


def _no_shared_run(a: str, b: str, run: int = GIVEN_SHARED_RUN) -> bool:
    """Whether two given names, the words both hold left out, share no run of ``run``
    letters (and neither is empty so)."""
    wa, wb = a.split(), b.split()
    a = "".join(w for w in wa if w not in wb)
    b = "".join(w for w in wb if w not in wa)
    if not a or not b:
        return False
    runs = {a[i : i + run] for i in range(len(a) - run + 1)}
    return not any(b[i : i + run] in runs for i in range(len(b) - run + 1))


#: Pairs of canonical given names that share a diminutive in the tables (Ksiusha:
#: Oksana and Kseniia; Sasha: Alexander and Alexandra).
_SHARED_DIMINUTIVE = frozenset(
    frozenset((a, b)) for names in SEVERAL.values() for a in names for b in names if a != b
)


def _known_names(given: np.ndarray) -> np.ndarray:
    """Whether each folded given name is one word the nickname tables know."""
    codes, vocab = pd.factorize(pd.Series(given, dtype=object))
    known = np.array(
        [" " not in v and (v in NICKNAMES or has_english_nicknames(v)) for v in vocab], dtype=bool
    )
    return known[codes] if len(vocab) else np.zeros(len(given), dtype=bool)


def given_first_words_agree(
    features: pd.DataFrame, left: np.ndarray, right: np.ndarray, rows: np.ndarray
) -> np.ndarray:
    """Per pair, whether (among ``rows``) a given name holds several words (a patronymic
    or middle name joined in: "Olena Petrivna" / "Elena") and the first words agree: one
    a nickname of the other, or as alike as the name level "close" asks (a typo, a
    transliteration); or every word of one given name is a word of the other (a middle
    name left out: the Vietnamese "Thi Lan" / "Lan", "Van Hai" / "Hai"). The sibling cap
    (``adjustments.sibling_pairs``) does not take such given names for plainly different
    ones. Twins named alike by their father ("Oleksandr Mykolaiovych" / "Dmytro
    Mykolaiovych"), or sisters of one middle name ("Thi Lan" / "Thi Lien": when both hold
    words after the first, those must agree too), do not agree so.

    >>> f = pd.DataFrame({"given_name": ["olena petrivna", "elena", "dmytro mykolaiovych",
    ...                                  "oleksandr mykolaiovych", "thi lan", "lan",
    ...                                  "thi lien"]})
    >>> given_first_words_agree(f, np.array([0, 2, 4, 4]), np.array([1, 3, 5, 6]),
    ...                         np.arange(4)).tolist()
    [True, False, True, False]
    """
    out = np.zeros(len(left), dtype=bool)
    given = features["given_name"].to_numpy(dtype=object)
    first = _memo(
        features, "given_first_word", lambda: np.array([str(g).split(" ", 1)[0] for g in given])
    )
    rows = np.asarray(rows, dtype=np.int64)
    a, b = np.asarray(left)[rows], np.asarray(right)[rows]
    rows = rows[((first[a] != given[a]) | (first[b] != given[b])) & (first[a] != "")]
    if not len(rows):
        return out
    fa, fb = first[left[rows]].astype(object), first[right[rows]].astype(object)
    ska = np.array([name_skeleton(x) for x in fa], dtype=object)
    skb = np.array([name_skeleton(x) for x in fb], dtype=object)
    sim = _name_sim(fa, fb, ska, skb, -1)
    nick = np.array([nickname_related(x, y) for x, y in zip(fa, fb, strict=True)], dtype=bool)
    ga, gb = given[left[rows]], given[right[rows]]
    within = np.array(
        [_words_within(str(x), str(y)) for x, y in zip(ga, gb, strict=True)], dtype=bool
    )
    # Both with more words after the first, those must agree too: "Thi Lan" / "Thi Lien"
    # share a middle name, "Olena Petrivna" / "Olena Ivanivna" have two fathers.
    rest_a = np.array([" ".join(str(x).split()[1:]) for x in ga], dtype=object)
    rest_b = np.array([" ".join(str(x).split()[1:]) for x in gb], dtype=object)
    rest_agree = (rest_a == "") | (rest_b == "") | (rest_a == rest_b)
    # ... or one an initial of the other ("Jerome S." / "Jerome Santos").
    rest_agree |= np.array([_initials_fit(x, y) for x, y in zip(rest_a, rest_b, strict=True)])
    out[rows] = (((sim >= NAME_CLOSE) | nick) & rest_agree) | within
    return out


def _initials_fit(a: str, b: str) -> bool:
    """Whether two names of as many words agree word by word, a word an initial of the
    other's (:func:`_initial_of`) counting as agreeing ("s" / "santos", "a m" / "ana
    maria")."""
    wa, wb = a.split(), b.split()
    return (
        len(wa) == len(wb) > 0
        and any(x != y for x, y in zip(wa, wb, strict=True))
        and all(x == y or _initial_of(x, y) for x, y in zip(wa, wb, strict=True))
    )


def _starts_with_middle(vocab: np.ndarray) -> np.ndarray:
    """Per name of the vocabulary, whether it is several words, the first a Vietnamese
    middle name (:data:`~linkgraph.resolve.vietnamese.MIDDLE_NAMES`)."""
    return np.array(
        [" " in v and v.split(" ", 1)[0] in MIDDLE_NAMES for v in vocab.astype(str)], dtype=bool
    )


def _alike_by_shared_words(a: str, b: str) -> bool:
    """Whether two names of several words each start with the same words and end with
    plainly different ones (Jaro-Winkler below :data:`NAME_SIMILAR`).

    >>> _alike_by_shared_words("thi lan", "thi lien"), _alike_by_shared_words("thi lan", "thi lann")
    (True, False)
    >>> _alike_by_shared_words("jerome s", "jerome santos")  # an initial: one name
    False
    """
    wa, wb = a.split(), b.split()
    if len(wa) < 2 or len(wa) != len(wb) or wa[:-1] != wb[:-1]:
        return False
    if _initial_of(wa[-1], wb[-1]):  # "jerome s" / "jerome santos": a middle initial
        return False
    return JaroWinkler.normalized_similarity(wa[-1], wb[-1]) < NAME_SIMILAR


def _initial_of(x: str, y: str) -> bool:
    """Whether one of two words is a single letter that starts the other ("s" /
    "santos"): an initial, compatible with the name it abbreviates.

    >>> _initial_of("s", "santos"), _initial_of("santos", "s"), _initial_of("s", "flores")
    (True, True, False)
    """
    return (len(x) == 1 or len(y) == 1) and x[:1] == y[:1] and x != ""


def _words_within(a: str, b: str) -> bool:
    """Whether every word of the shorter of two names is a word of the longer one."""
    wa, wb = set(a.split()), set(b.split())
    return bool(wa) and bool(wb) and (wa <= wb or wb <= wa)


_HOUSE_NUMBER = re.compile(r"\d+")


def other_house(
    features: pd.DataFrame, left: np.ndarray, right: np.ndarray, levels: np.ndarray
) -> np.ndarray:
    """Pairs whose street addresses are alike (level close or similar: one street) but
    whose house numbers differ (the numbers each address holds, in order, both holding
    some): two homes on one street, not one household ("34 Pho Hang Bac" / "86 Pho Hang
    Bac"). An exact address is one home whatever it holds.

    >>> f = pd.DataFrame({"address": ["34 pho hang bac", "86 pho hang bac", "pho hang bac",
    ...                               "34 pho hang bac"]})
    >>> similar = COMPARISONS["address"].code("similar")
    >>> other_house(f, np.array([0, 0, 0]), np.array([1, 2, 3]), np.full(3, similar)).tolist()
    [True, False, False]
    """
    out = np.zeros(len(left), dtype=bool)
    if "address" not in features:
        return out
    rows = np.flatnonzero(np.isin(levels, COMPARISONS["address"].codes("close", "similar")))
    if not len(rows):
        return out
    numbers = _memo(features, "house_numbers", lambda: _house_numbers(features["address"]))
    a, b = numbers[left[rows]], numbers[right[rows]]
    out[rows] = (a != "") & (b != "") & (a != b)
    return out


def _house_numbers(address: pd.Series) -> np.ndarray:
    """Per row, the numbers its address holds, in order, joined by spaces ("" for none
    or no address): found once per features frame, by pandas, not per pair."""
    found = address.astype("string").str.findall(_HOUSE_NUMBER.pattern)
    return found.str.join(" ").fillna("").to_numpy(dtype=object)


def _household(out: dict[str, np.ndarray], n: int) -> np.ndarray:
    """Pairs of compared levels ``out`` at one street address (exact, close or similar,
    not two house numbers on it: ``other_house``) or postcode (the same or one typo
    off)."""
    home = np.zeros(n, dtype=bool)
    for name, levels in (
        ("address", ("exact", "close", "similar")),
        ("postcode", ("same", "one_typo")),
    ):
        if f"{name}_level" in out:
            at = np.isin(out[f"{name}_level"], COMPARISONS[name].codes(*levels))
            if name == "address" and "other_house" in out:
                at &= ~out["other_house"]
            home |= at
    return home


def compare(
    features: pd.DataFrame,
    left: np.ndarray,
    right: np.ndarray,
    names: Sequence[str],
    *,
    workers: int = -1,
) -> pd.DataFrame:
    """One row per pair: ``<name>_level`` (int8) and ``<name>_sim`` (float32) per comparison,
    plus ``swapped`` (names compared in swapped order), ``names_flipped`` (of those, the
    left mention's names are the swapped ones; the right's otherwise),
    ``names_across_scripts`` (1: the given names, 2: the family names, 3: both agree only
    as one name written in Cyrillic and in Latin letters), ``initial`` (a
    name is a single letter on either side), ``dob_conflict``, ``sex_conflict``
    (:func:`sex_conflict`, or :data:`GENERATION_CONFLICT`) and ``name_within`` (an
    identifier shared and one name part of the other, neither dates of birth, sexes nor
    roles in conflict: :func:`name_within`), ``name_ambiguous`` (one name within the
    other, but the shorter fits a third holder of the shared identifier as well),
    ``generations_apart`` (:func:`generations_apart`), ``dob_disjoint`` (dates in
    conflict on every part: :func:`dates_disjoint`), ``other_house``
    (:func:`other_house`), ``dob_partial``
    (:func:`dates_partial`), ``nameless`` (:func:`nameless`) and ``given_first_agree``
    (:func:`given_first_words_agree`, of the pairs whose given names differ beside a
    family name that agrees), ``names_other_script`` (one name written in Latin letters,
    the other in another script)."""
    check_comparisons(names)
    out: dict[str, np.ndarray] = {}
    gendered = np.zeros(len(left), dtype=bool)
    if "given_name" in names or "family_name" in names:
        nl = name_levels(features, left, right, workers=workers)
        for key in ("given_name", "family_name"):
            if key in names:
                out[f"{key}_level"], out[f"{key}_sim"] = nl[key]
        out["swapped"] = nl["swapped"][0]
        out["names_across_scripts"] = (
            nl["given_across_scripts"][0].astype(np.int8)
            + 2 * nl["family_across_scripts"][0].astype(np.int8)
        ).astype(np.int8)
        out["names_flipped"] = nl["flipped"][0]
        out["swap_given_known"] = nl["swap_given_known"][0]
        out["initial"] = nl["initial"][0]
        out["one_word_given"] = nl["one_word_given"][0]
        if "name_other_script" in features:  # one name in Latin letters, one not
            other = features["name_other_script"].to_numpy(dtype=bool)
            out["names_other_script"] = other[left] != other[right]
        if "given_name" in names:
            gendered = nl["gendered"][0]
        if "given_name" in names and "family_name" in names:
            differ = out["given_name_level"] == GIVEN.code("different")
            family = np.isin(out["family_name_level"], FAMILY.codes("exact", "close", "similar"))
            rows = np.flatnonzero(differ & family)
            out["given_first_agree"] = given_first_words_agree(features, left, right, rows)
            out["given_both_known"] = given_names_known(features, left, right, rows)
            given_a, given_b = nl["given_codes"]
            vocab = _memo(features, "names", lambda: _name_codes(features))[2]
            out["given_apart"] = np.zeros(len(left), dtype=bool)
            out["given_apart"][rows] = given_names_apart(vocab[given_a[rows]], vocab[given_b[rows]])
            out["given_typo"] = np.zeros(len(left), dtype=bool)
            out["given_typo"][rows] = given_names_typo(vocab[given_a[rows]], vocab[given_b[rows]])
            out["given_two_names"] = given_two_names(
                features, left, right, out["given_name_level"], (vocab, given_a, given_b)
            )
    for name in names:
        if name in ("given_name", "family_name"):
            continue
        level, sim = COMPARISONS[name].compare(features, left, right, workers=workers)
        out[f"{name}_level"], out[f"{name}_sim"] = level, sim
    if "address" in names:
        out["other_house"] = other_house(features, left, right, out["address_level"])
    if "dob" in names:
        out["dob_conflict"] = dob_conflict(out["dob_level"], features, left, right)
        out["dob_disjoint"] = out["dob_conflict"] & dates_disjoint(features, left, right)
        out["dob_years_apart"] = out["dob_conflict"] & years_apart(features, left, right)
        out["generations_apart"] = generations_apart(features, left, right)
        out["dob_partial"] = dates_partial(features, left, right)
    out["sex_conflict"] = sex_conflict(features, left, right, gendered)
    # A father and son are two people as a man and a woman are (adjustments.SexConflict).
    father_son = generation_conflict(features, left, right) & (out["sex_conflict"] == 0)
    out["sex_conflict"][father_son] = GENERATION_CONFLICT
    if "dob" in names:
        # Full dates a generation apart at one address are as often one person's date
        # replaced by a clerk (FEBRL's corrupted copies) as a parent and child: the
        # weights decide there (no shared phone or e-mail overrides them: strong_rules).
        # A year typed in a register is not replaced so: years far apart are two people.
        sure = out["dob_partial"] | ~_household(out, len(left))
        parent_child = out["generations_apart"] & (out["sex_conflict"] == 0) & sure
        out["sex_conflict"][parent_child] = GENERATIONS_APART
        # A generational suffix on one side only ("John Smith Jr." / "John Smith") and no
        # date of birth or age to compare: a father and the son named after him as likely
        # as one man (scoring.strong_rules, scoring.weak_name_pairs).
        if "generation" in features:
            g = features["generation"].to_numpy(np.int8)
            one_side = (g[left] > 0) != (g[right] > 0)
            out["suffix_undated"] = one_side & (out["dob_level"] == DOB.code("null"))
    if "document" in names:
        # Two passports or id numbers of one kind: two people (adjustments.SexConflict,
        # as far as the case's documents are reliable: adjustments.documents_reliable).
        differ = documents_differ(features, left, right, out["document_level"])
        out["sex_conflict"][differ & (out["sex_conflict"] == 0)] = DOCUMENTS_DIFFER
    # One name within the other, unless the sexes or the roles (a victim and a suspect: a
    # mother arrested on her daughter's phone) say two people. Dates of birth in conflict
    # veto the rule where it is read (scoring.strong_rules), as far as the case's dates
    # are reliable (scoring.date_reliability).
    unsafe = (out["sex_conflict"] != 0) | conflicting_roles(features, left, right)
    out["name_within"], out["name_ambiguous"] = name_within(
        features, left, right, _shares_identifier(out) & ~unsafe
    )
    out["nameless"] = nameless(features, left, right)
    # The arrays as columns, not copied into one block per dtype.
    return pd.DataFrame(out, copy=False)
