"""Vectorised fast paths of the normalisers, for the values whose answer they can prove.

A person list of a million rows holds hundreds of thousands of distinct names, e-mails,
document numbers and dates; the normalisers in :mod:`linkgraph.ingest.normalize` cost a few
microseconds of Python each. Most of these values are plain ASCII in the common layout
(``Ana Perez``, ``ana.perez@example.com``, ``1990-04-03``), and for those the normaliser's
answer is a simple function of the text: these functions compute it for all of them at
once in Arrow, and say which values they answered. Every other value (non-ASCII text,
markup, an odd date layout, an invalid value that must be rejected with its message) is
left to the normaliser itself, so the results are always exactly the normaliser's
(tests/ingest/test_fast.py holds each fast path to its normaliser on hand-picked and
random values).

Each fast path takes a ``large_string`` array without nulls and returns ``(values,
answered)``: the normalised values (null where the normaliser gives ``None``) and a
boolean numpy mask of the values it answered.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from linkgraph.ingest import normalize

#: Printable ASCII words separated by single spaces: text() leaves these unchanged (NFC
#: is the identity on ASCII, there is no control character and no whitespace to collapse).
_PLAIN = r"^[!-~]+( [!-~]+)*$"

FastPath = Callable[[pa.Array], tuple[pa.Array, np.ndarray]]


def _mask(arr: pa.Array) -> np.ndarray:
    return np.asarray(arr.fill_null(False).to_numpy(zero_copy_only=False), dtype=bool)


def plain(values: pa.Array) -> np.ndarray:
    """Which values text() returns unchanged (printable ASCII, single spaces, no padding)."""
    return _mask(pc.match_substring_regex(values, _PLAIN))


def plain_text(values: pa.Array) -> np.ndarray:
    """Which values text() returns unchanged: :func:`plain`, and words of Latin or
    Cyrillic letters (:func:`plain_letters`)."""
    ok = plain(values)
    rest = np.flatnonzero(~ok)
    if len(rest):
        ok[rest] = plain_letters(values.take(pa.array(rest)))
    return ok


#: Words of printable ASCII and the letters of Latin-1, Latin Extended-A/B and Cyrillic
#: (U+00C0-U+024F, U+0400-U+04FF), separated by single spaces: no whitespace but those
#: spaces, no control character, no combining mark.
_PLAIN_LETTERS = r"^[!-~\x{C0}-\x{24F}\x{400}-\x{4FF}]+( [!-~\x{C0}-\x{24F}\x{400}-\x{4FF}]+)*$"


def plain_letters(values: pa.Array) -> np.ndarray:
    """Which values of the shape ``_PLAIN_LETTERS`` NFC leaves unchanged (most names in
    Latin or Cyrillic script: "Nicușor", "Андрій"): text() returns these as they are.

    The blocks hold precomposed letters, which NFC keeps; the comparison with Arrow's NFC
    (utf8proc) leaves any exception to text() itself. The blocks are decades old, so both
    Unicode tables agree on them.
    """
    ok = _mask(pc.match_substring_regex(values, _PLAIN_LETTERS))
    at = np.flatnonzero(ok)
    if len(at):
        sub = values.take(pa.array(at))
        ok[at] = _mask(pc.equal(pc.utf8_normalize(sub, form="NFC"), sub))
    return ok


def _text(values: pa.Array) -> tuple[pa.Array, np.ndarray]:
    return values, plain_text(values)


def _identifier(values: pa.Array) -> tuple[pa.Array, np.ndarray]:
    # identifier() = text() without Excel's leading apostrophe: those cells are left to it.
    return values, plain_text(values) & ~_mask(pc.starts_with(values, "'"))


def _name(values: pa.Array) -> tuple[pa.Array, np.ndarray]:
    # name() = text() then strip_markup(), which changes only cells that start with a
    # formula sign or hold "<" or "&".
    ok = plain_text(values) & ~_mask(pc.match_substring_regex(values, r"^[=@]|[<&]"))
    return values, ok


_EMAIL_RE2 = r"^[^@ ]+@[^@ ]+\.[a-z0-9-]{2,}$"  # normalize._EMAIL, on values without \s but " "


def _email(values: pa.Array) -> tuple[pa.Array, np.ndarray]:
    # email() = text(), lower-case, "mailto:" and "<>" removed, then the pattern. On plain
    # values without "<", ">" or a leading "mailto:", that is the lower-case text when it
    # fits the pattern; the rest (and every invalid address, with its message) is left
    # to email().
    lower = pc.ascii_lower(values)
    ok = (
        plain(values)
        & ~_mask(pc.match_substring_regex(lower, r"^mailto:|[<>]"))
        & _mask(pc.match_substring_regex(lower, _EMAIL_RE2))
    )
    return lower, ok


def _document(values: pa.Array) -> tuple[pa.Array, np.ndarray]:
    # document() on ASCII: fold() keeps letters and digits (lower-cased) and only they
    # survive the final filter, so the answer is the upper-cased letters and digits.
    # a number a spreadsheet rounded ("1.23457E+11") is left to document(), which refuses it
    rounded = _mask(pc.match_substring_regex(values, f"^{normalize.ROUNDED_NUMBER}$"))
    ok = _mask(pc.string_is_ascii(values)) & ~rounded
    out = pc.replace_substring_regex(pc.ascii_upper(values), r"[^0-9A-Z]+", "")
    empty = _mask(pc.equal(out, ""))
    return pc.if_else(pa.array(empty), pa.scalar(None, out.type), out), ok


_YEAR = r"(1[0-9][0-9][0-9]|20[0-9][0-9])"  # 1000-2099: always 4 digits in isoformat()


def _valid_iso(candidate: pa.Array) -> np.ndarray:
    """Which ``YYYY-MM-DD`` texts name a real day (read back unchanged)."""
    parsed = pc.strptime(candidate, format="%Y-%m-%d", unit="s", error_is_null=True)
    back = pc.strftime(parsed, format="%Y-%m-%d")
    return _mask(pc.equal(back, candidate))


def _date(values: pa.Array, *, dayfirst: bool = True) -> tuple[pa.Array, np.ndarray]:
    # ISO dates ("1990-04-03", zero-padded) read as themselves; "03/04/1990" and
    # "03.04.1990" (two-digit day and month, four-digit year) in the column's order, with
    # date()'s rule that a "month" above 12 beside a "day" up to 12 swaps them. Values
    # that do not name a real day are left to date(), which rejects them with its message.
    iso = _mask(pc.match_substring_regex(values, f"^{_YEAR}-[0-9][0-9]-[0-9][0-9]$"))
    out = values
    ok = np.zeros(len(values), dtype=bool)
    if iso.any():
        ok |= iso & _valid_iso(values)
    numeric = (
        _mask(pc.match_substring_regex(values, f"^[0-9][0-9][/.][0-9][0-9][/.]{_YEAR}$")) & ~iso
    )
    if numeric.any():
        sub = values.filter(pa.array(numeric))
        a, b = pc.utf8_slice_codeunits(sub, 0, 2), pc.utf8_slice_codeunits(sub, 3, 5)
        year = pc.utf8_slice_codeunits(sub, 6, 10)
        day, month = (a, b) if dayfirst else (b, a)
        swap = pc.and_(
            pc.greater(pc.cast(month, pa.int32()), 12),
            pc.less_equal(pc.cast(day, pa.int32()), 12),
        )
        day, month = pc.if_else(swap, month, day), pc.if_else(swap, day, month)
        candidate = pc.binary_join_element_wise(year, month, day, pa.scalar("-", year.type))
        good = _valid_iso(candidate)
        where = np.flatnonzero(numeric)[good]
        mask = np.zeros(len(values), dtype=bool)
        mask[where] = True
        out = pc.replace_with_mask(values, pa.array(mask), candidate.filter(pa.array(good)))
        ok |= mask
    return out, ok


def _birth_date(values: pa.Array, *, dayfirst: bool = True) -> tuple[pa.Array, np.ndarray]:
    # As _date; a day after today is left to birth_date(), which rejects it with its message.
    import datetime

    out, ok = _date(values, dayfirst=dayfirst)
    if ok.any():
        ok &= ~_mask(pc.greater(out, pa.scalar(datetime.date.today().isoformat(), out.type)))
    return out, ok


_PATHS: dict[Any, FastPath] = {
    normalize.text: _text,
    normalize.identifier: _identifier,
    normalize.name: _name,
    normalize.email: _email,
    normalize.document: _document,
}


def fast_path(func: Callable[..., Any]) -> FastPath | None:
    """The fast path of a normaliser (or of a ``partial`` of :func:`normalize.date` or
    :func:`normalize.birth_date`)."""
    for slow, fast in ((normalize.date, _date), (normalize.birth_date, _birth_date)):
        if isinstance(func, partial) and func.func is slow and not func.args:
            return partial(fast, dayfirst=bool(func.keywords.get("dayfirst", True)))
        if func is slow:
            return fast
    return _PATHS.get(func)


# -- name keys -------------------------------------------------------------------------------


def fold_names(values: pa.Array) -> tuple[pa.Array, np.ndarray]:
    """:func:`linkgraph.text.fold_name` of ASCII names, all at once: ``(keys, answered)``.

    On ASCII, fold() is: apostrophes removed, lower case, every run of other characters
    than letters and digits one space; fold_name() also turns "FAMILY, Given" (exactly one
    comma, text on both sides) into "Given FAMILY" and drops titles (Mr, Dr, Jr, ...).
    An empty key is null, as ``fold_name(x) or None`` gives.
    """
    from linkgraph.text import _TITLES

    ok = _mask(pc.string_is_ascii(values))
    swapped = _given_first(values)
    text = _where(swapped, r"['`]", lambda v: pc.replace_substring_regex(v, r"['`]", ""))
    text = pc.ascii_lower(text)
    # most names are already words of letters and digits with single spaces
    text = _unless(
        text,
        r"^[0-9a-z]+( [0-9a-z]+)*$",
        lambda v: pc.utf8_trim(pc.replace_substring_regex(v, r"[^0-9a-z]+", " "), " "),
    )
    tokens = pc.split_pattern(text, " ")
    flat = pc.list_flatten(tokens)
    parents = pc.list_parent_indices(tokens).to_numpy()
    keep = ~_mask(pc.is_in(flat, value_set=pa.array(sorted(_TITLES), flat.type)))
    keep &= ~_mask(pc.equal(flat, ""))
    counts = np.bincount(parents[keep], minlength=len(values))
    offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int32)
    kept = pa.ListArray.from_arrays(pa.array(offsets), flat.filter(pa.array(keep)))
    keys = pc.binary_join(kept, pa.scalar(" ", flat.type))
    keys = pc.if_else(pc.equal(keys, ""), pa.scalar(None, keys.type), keys)
    return keys, ok


def _given_first(values: pa.Array) -> pa.Array:
    """Names written family name first, with one comma and text on both sides, turned
    given name first, as fold_name() turns them (on ASCII: Python's strip() also trims
    other ASCII whitespace, tab, newline, \\v, \\f, \\r and \\x1c-\\x1f)."""
    ws = r" \t\n\x0b\x0c\r\x1c-\x1f"
    pattern = rf"^([^,]*[^,{ws}][^,]*),([^,]*[^,{ws}][^,]*)$"
    return _where(values, ",", lambda v: pc.replace_substring_regex(v, pattern, r"\2 \1"))


def _where(values: pa.Array, pattern: str, func: Callable[[pa.Array], pa.Array]) -> pa.Array:
    """``func(values)`` where ``pattern`` (a regex) matches, the others as they are: the
    rewrite only on the few values that need it."""
    return _rewrite(values, _mask(pc.match_substring_regex(values, pattern)), func)


def _unless(values: pa.Array, pattern: str, func: Callable[[pa.Array], pa.Array]) -> pa.Array:
    """``func(values)`` where ``pattern`` does not match (values it leaves unchanged)."""
    return _rewrite(values, ~_mask(pc.match_substring_regex(values, pattern)), func)


def _rewrite(values: pa.Array, hit: np.ndarray, func: Callable[[pa.Array], pa.Array]) -> pa.Array:
    if not hit.any():
        return values
    if hit.all():
        return func(values)
    fixed = func(values.filter(pa.array(hit)))
    return pc.replace_with_mask(values, pa.array(hit), fixed.cast(values.type))


def fold_names_by_word(values: pa.Array) -> tuple[pa.Array, np.ndarray]:
    """:func:`linkgraph.text.fold_name` of names in any script, folded word by word:
    ``(keys, answered)``.

    fold_name() folds each space-separated word on its own (``fold`` of the word, titles
    in Latin script dropped: :func:`linkgraph.text.fold_name_word`); here each distinct
    word of all the names is folded once, and the names are joined back in Arrow.
    Answered: names whose only whitespace is single spaces (:data:`_PLAIN_LETTERS`),
    where the comma rule reads as on ASCII.
    """
    from linkgraph.text import fold_name_word

    ok = _mask(pc.match_substring_regex(values, _PLAIN_LETTERS))
    tokens = pc.split_pattern(_given_first(values), " ")
    flat = pc.list_flatten(tokens)
    parents = pc.list_parent_indices(tokens).to_numpy()
    words = pc.dictionary_encode(flat)
    folded = [fold_name_word(w) for w in words.dictionary.to_pylist()]
    keys = pa.array(folded, pa.large_string()).take(words.indices)
    keep = ~_mask(pc.equal(keys, ""))
    counts = np.bincount(parents[keep], minlength=len(values))
    offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int32)
    kept = pa.ListArray.from_arrays(pa.array(offsets), keys.filter(pa.array(keep)))
    joined = pc.binary_join(kept, pa.scalar(" ", pa.large_string()))
    joined = pc.if_else(pc.equal(joined, ""), pa.scalar(None, joined.type), joined)
    return joined, ok
