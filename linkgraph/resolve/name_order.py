"""Which record of a pair compared in swapped name order holds its names the other way
round: decided from the names alone, so that a pair reads the same whichever record is
on the left (record order in a file, or which agency's file came first).

"Παπαδάκη Katerina" (given ``papadake``, family ``katerina``) and "Katerina Papadaki"
fit crosswise: one record's given slot meets the other's family slot, twice. Which of
the two crossed pairs of names is the pair of given names decides which similarity the
given-name level reads and which the family-name level reads; it must not depend on
which record is the left one.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from linkgraph.resolve.nicknames import NICKNAMES, has_english_nicknames, nickname_related


def _known_given(name: str) -> bool:
    """Whether a folded name is a given name the nickname tables know."""
    return name in NICKNAMES or has_english_nicknames(name)


def _known_codes(vocab: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """:func:`_known_given` of ``vocab[codes]``, each distinct name looked up once."""
    used, inverse = np.unique(codes, return_inverse=True)
    known = np.fromiter((_known_given(v) for v in vocab[used]), dtype=bool, count=len(used))
    return known[inverse.reshape(-1)]


def one_given_name(vocab: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Whether names ``vocab[a[i]]`` and ``vocab[b[i]]`` are one given name by the
    nickname tables: nickname-related (:func:`~linkgraph.resolve.nicknames.nickname_related`,
    equal names included) and at least one of them a given name the tables know. Each
    distinct (unordered) pair of names is looked up once.

    >>> vocab = np.array(["katerina", "aikaterine", "papadaki", "papadake"], dtype=object)
    >>> one_given_name(vocab, np.array([0, 2, 0]), np.array([1, 3, 0])).tolist()
    [True, False, True]
    """
    if len(a) == 0:
        return np.zeros(0, dtype=bool)
    width = np.int64(len(vocab) + 1)
    a, b = np.asarray(a, dtype=np.int64), np.asarray(b, dtype=np.int64)
    inverse, keys = pd.factorize(np.minimum(a, b) * width + np.maximum(a, b))
    keys = np.asarray(keys)
    names_a, names_b = vocab[keys // width], vocab[keys % width]
    out = np.fromiter(
        (
            (_known_given(x) or _known_given(y)) and nickname_related(x, y)
            for x, y in zip(names_a, names_b, strict=True)
        ),
        dtype=bool,
        count=len(keys),
    )
    return out[inverse]


def left_swapped(
    vocab: np.ndarray,
    names: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
    gf: np.ndarray,
    fg: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """For pairs compared in swapped order, whether the left record's names are the
    swapped ones (its family slot holds the given name that the right's given slot
    holds), and whether the two given names are one by the nickname tables.

    ``names`` are the codes in ``vocab`` of the left given, left family, right given and
    right family names; ``gf`` is the similarity of the left given and right family
    names, ``fg`` that of the left family and right given names. The pair of given names
    is, in this order of precedence:

    1. the crossed pair that the nickname tables say is one given name, when only one
       is ("MYNIAK PETRO" / "Piotr Myniak": Petro and Piotr; "Παπαδάκη Αικατερίνη" /
       "Katerina Papadaki": Aikaterini and Katerina);
    2. the crossed pair holding a given name that the tables know, when only one does
       ("Alexandru Iordanescu" / "Iordanescu Alexandra": Alexandra, a woman's name
       beside a man's, not the family name they share);
    3. the crossed pair that agrees better (a family name changes by marriage, and is
       spelt in more ways, more often than a given name; measured on the benchmark
       sets, this reads better than the pair agreeing less);
    4. equally similar, the pair whose names come first alphabetically (any reading is
       then as good, and this one is the same in either order).

    Each rule reads both crossed pairs alike, so swapping the left and right records
    swaps the answer (the other record is then the left one) and nothing else.

    >>> vocab = np.array(["papadake", "aikaterine", "katerina", "papadaki"], dtype=object)
    >>> names = tuple(np.array([c]) for c in (0, 1, 2, 3))
    >>> left_swapped(vocab, names, np.array([0.95]), np.array([0.77]))
    (array([ True]), array([ True]))
    >>> reverse = tuple(np.array([c]) for c in (2, 3, 0, 1))
    >>> left_swapped(vocab, reverse, np.array([0.77]), np.array([0.95]))
    (array([False]), array([ True]))
    """
    g1, f1, g2, f2 = names
    given_gf = one_given_name(vocab, g1, f2)
    given_fg = one_given_name(vocab, f1, g2)
    flip = given_fg & ~given_gf
    undecided = given_gf == given_fg
    if undecided.any():
        known = _known_codes(vocab, np.concatenate([g1, f2, f1, g2]))
        k_g1, k_f2, k_f1, k_g2 = np.split(known, 4)
        known_gf, known_fg = k_g1 | k_f2, k_f1 | k_g2
        flip |= undecided & known_fg & ~known_gf
        undecided &= known_gf == known_fg
    flip |= undecided & (fg > gf)
    tie = np.flatnonzero(undecided & (fg == gf))
    if len(tie):
        # The names themselves as a key: (first, second) of each crossed pair, sorted.
        a, b = vocab[g1[tie]], vocab[f2[tie]]
        c, d = vocab[f1[tie]], vocab[g2[tie]]
        lo_gf, hi_gf = np.where(a <= b, a, b), np.where(a <= b, b, a)
        lo_fg, hi_fg = np.where(c <= d, c, d), np.where(c <= d, d, c)
        flip[tie] = (lo_fg < lo_gf) | ((lo_fg == lo_gf) & (hi_fg < hi_gf))
    return flip, np.where(flip, given_fg, given_gf)
