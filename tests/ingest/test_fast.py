"""The vectorised fast paths give exactly the normalisers' answers, on the values they
answer, for hand-picked edge cases and for random values built to hit the edges."""

from __future__ import annotations

import random
from functools import partial

import pandas as pd
import pyarrow as pa
import pytest

from linkgraph.ingest import normalize
from linkgraph.ingest._fast import fast_path, fold_names, fold_names_by_word
from linkgraph.text import fold_name

_PIECES = [
    "a", "Z", "0", "9", " ", "  ", "\t", "\n", "\x1f", "\x00", "\u00a0", "é", "Ї", "№", "ﬁ",
    "<", ">", "&", "=", "@", "(", ",", "'", "`", "’", ".", "-", "/", ":", "_", "mailto:",
    "MR", "dr.", "Jr", "ana", "PEREZ", "@example.com", ".org", "1990", "2024", "12", "31",
    "03", "13", "00", "29", "02", "<b>", "&amp;", "=HYPERLINK(", "x", "Ab", "IV",
]  # fmt: skip


def _random_values(seed: int, n: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        out.append("".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 7))))
    # shapes the fast paths look for, with random digits: dates and e-mails
    for _ in range(n):
        y, a, b = rng.randint(990, 2150), rng.randint(0, 39), rng.randint(0, 39)
        sep = rng.choice("/.-")
        out += [f"{y:04d}-{a:02d}-{b:02d}", f"{a:02d}{sep}{b:02d}{rng.choice('/.')}{y:04d}"]
        user = "".join(rng.choice("abcXY.9_-+ ") for _ in range(rng.randint(0, 6)))
        out.append(f"{user}@{rng.choice(['ex', 'EX', 'a b', ''])}.{rng.choice(['com', 'c', 'C0'])}")
    return out


_HAND = [
    "Ana Pérez", "ana perez", " ana", "ana ", "a  b", "A\tB", "=SUM(1)", "@x(", "a<b", "a&b",
    "Mailto:Ana@Example.COM", "ana@example.com", "ANA@EXAMPLE.COM", "<ana@example.com>",
    "ana@example", "a b@example.com", "fa 123-456", "№ КВ 123456", "-", "  ", "1990-04-03",
    "1990-4-3", "1990-02-30", "0999-01-01", "2099-12-31", "03/04/1990", "13/04/1990",
    "04/13/1990", "13/13/1990", "31.02.1990", "03.04.90", "19900403", "KOVALENKO, Oleksandr",
    "Dr. José  Pérez Jr.", "O'Brien", "a,b,c", ", b", "a ,", "Mr Mr", "mr", "MD-31",
]  # fmt: skip

_FUNCS = {
    "text": normalize.text,
    "identifier": normalize.identifier,
    "name": normalize.name,
    "email": normalize.email,
    "document": normalize.document,
    "date": partial(normalize.date, dayfirst=True),
    "date_monthfirst": partial(normalize.date, dayfirst=False),
}


def _reference(func, value):
    try:
        return func(value)
    except ValueError:
        return ValueError


@pytest.mark.parametrize("name", sorted(_FUNCS))
@pytest.mark.parametrize("seed", [0, 1])
def test_fast_path_answers_as_the_normaliser(name, seed):
    func = _FUNCS[name]
    values = list(dict.fromkeys(_HAND + _random_values(seed, 3000)))
    fast = fast_path(func)
    assert fast is not None
    out, answered = fast(pa.array(values, pa.large_string()))
    got = out.to_pylist()
    checked = 0
    for value, ok, result in zip(values, answered.tolist(), got, strict=True):
        if ok:
            assert result == _reference(func, value), (name, value)
            checked += 1
    assert checked > 300  # the fast path answers a real share of them


@pytest.mark.parametrize("name", sorted(_FUNCS))
def test_apply_unique_is_the_normaliser_value_by_value(name):
    func = _FUNCS[name]
    values = pd.Series([*_HAND, None, "", *_random_values(2, 500)] * 2, dtype="string")
    norm, failed = normalize.apply_unique(values, func)
    for value, n, f in zip(values.tolist(), norm.tolist(), failed.tolist(), strict=True):
        if value is pd.NA:
            assert n is pd.NA
            assert not f
            continue
        expected = _reference(func, value)
        if expected is ValueError:
            assert f, value
            assert n == normalize.text(value), value
        else:
            assert not f, value
            assert (n if n is not pd.NA else None) == expected, value


@pytest.mark.parametrize("seed", [0, 1])
def test_fold_names_is_fold_name(seed):
    values = list(dict.fromkeys(_HAND + _random_values(seed, 3000)))
    keys, answered = fold_names(pa.array(values, pa.large_string()))
    assert answered.sum() > len(values) // 4
    for value, ok, key in zip(values, answered.tolist(), keys.to_pylist(), strict=True):
        if ok:
            assert key == (fold_name(value) or None), value


# Every letter of the blocks the non-ASCII fast paths take (Latin-1, Latin Extended-A/B,
# Cyrillic), the compatibility letters among them ("ĳ", "ſ", "ǅ"), and pieces that must not pass
# (a non-breaking space, a combining accent, a ligature, a tab, markup signs).
_LETTERS = [chr(c) for c in [*range(0xC0, 0x250), *range(0x400, 0x500)]]
_WIDE_PIECES = [*_LETTERS, *"aZ09,. -'`=@<&", "  ", "\u00a0", "\u0301", "ﬁ", "\t"]
_WIDE_HAND = [
    "Nicușor Plămădeală", "Андрій Коваленко", "Коваленко, Олександр", "KOVALENKO, Олександр",
    "Панасицький, Мар'яна O'Brien", "Mr Шевченко", "Д-р Іван", ", Ш", "Ш ,", "Ш, Ш, Ш", " Ш",
    "Ш ", "ǅemal Ĳsbrand", "ſtraße", "Ana\u00a0Pérez", "Pe\u0301rez", "Ш  Ш", "<b>Ш</b>",
]  # fmt: skip


def _wide_values(seed: int, n: int) -> list[str]:
    rng = random.Random(seed)
    out = _WIDE_HAND + _LETTERS
    out += ["".join(rng.choice(_WIDE_PIECES) for _ in range(rng.randint(1, 10))) for _ in range(n)]
    return list(dict.fromkeys(out))


@pytest.mark.parametrize("name", ["text", "name", "identifier"])
def test_fast_path_on_latin_and_cyrillic_letters_answers_as_the_normaliser(name):
    func = _FUNCS[name]
    values = _wide_values(3, 20_000)
    out, answered = fast_path(func)(pa.array(values, pa.large_string()))
    checked = 0
    for value, ok, result in zip(values, answered.tolist(), out.to_pylist(), strict=True):
        if ok:
            assert result == _reference(func, value), (name, value)
            checked += 1
    assert checked > len(values) // 2
    # compatibility letters are text as written, kept by the fast path and the normaliser
    kept = {v: r for v, ok, r in zip(values, answered, out.to_pylist(), strict=True) if ok}
    assert {v: kept.get(v) for v in ("ĳ", "ſ", "ǅ")} == {"ĳ": "ĳ", "ſ": "ſ", "ǅ": "ǅ"}


def test_fold_names_by_word_is_fold_name():
    values = _wide_values(4, 20_000)
    keys, answered = fold_names_by_word(pa.array(values, pa.large_string()))
    assert answered.sum() > len(values) // 2
    for value, ok, key in zip(values, answered.tolist(), keys.to_pylist(), strict=True):
        if ok:
            assert key == (fold_name(value) or None), value


def test_as_text_blanks_what_strip_empties():
    from linkgraph.ingest._columns import as_text

    # every character Python calls whitespace, and two that look like it but are not
    spaces = [chr(c) for c in range(0x3100) if chr(c).isspace()] + ["\u200b", "\ufeff"]
    values = ["", "a", " a ", *spaces, *(s * 2 + "x" for s in spaces)]
    values += ["".join(random.Random(5).choices(spaces, k=3)) for _ in range(50)]
    s = pd.Series([*values, None], dtype="string")
    reference = s.mask(s.str.strip() == "")
    got = as_text(s)
    assert got.index.equals(s.index)
    assert got.isna().tolist() == reference.isna().tolist()
    assert got.dropna().tolist() == reference.dropna().tolist()


@pytest.mark.parametrize("name", ["name", "email", "date"])
def test_apply_unique_on_mostly_distinct_values_is_the_normaliser(name):
    # A column long enough and distinct enough to be read row by row (no de-duplication):
    # the same answers, value by value, as the normaliser, with repeats, blanks and nulls.
    func = _FUNCS[name]
    values = list(dict.fromkeys(_HAND + _random_values(3, 9000)))
    column = pd.Series([*values, None, "", *values[:50]], dtype="string")
    assert normalize._mostly_distinct(pa.array(column.array).cast(pa.large_string()))
    norm, failed = normalize.apply_unique(column, func)
    assert norm.index.equals(column.index)
    assert failed.index.equals(column.index)
    for value, n, f in zip(column.tolist(), norm.tolist(), failed.tolist(), strict=True):
        if value is pd.NA:
            assert n is pd.NA
            assert not f
            continue
        expected = _reference(func, value)
        assert f == (expected is ValueError), value
        assert n == normalize.text(value) if f else (None if n is pd.NA else n) == expected


def test_as_text_of_a_slice_blanks_what_strip_empties():
    from linkgraph.ingest._columns import as_text

    arr = pa.array(["x", " ", "a", "", None, "b "], pa.large_string()).slice(1)
    got = as_text(pd.Series(pd.arrays.ArrowStringArray(arr)))
    assert got.tolist() == [pd.NA, "a", pd.NA, pd.NA, "b "]


@pytest.mark.parametrize("seed", range(4))
def test_link_pairs_are_pandas_merge(seed):
    # a slot's mentions matched to another's by row: the same rows, order and dtypes as
    # pd.merge, whether or not some row holds two mentions of a slot
    import numpy as np

    from linkgraph.ingest.build import _pairs

    rng = np.random.default_rng(seed)
    for trial in range(100):
        left = rng.choice(60, size=rng.integers(1, 40), replace=trial % 4 == 0)
        right = rng.choice(60, size=rng.integers(1, 40), replace=trial % 3 == 0)
        src = pd.DataFrame({"_pos": left, "a": np.arange(len(left), dtype=np.uint64)})
        src["src"] = pd.array([f"s{i}" for i in range(len(left))], dtype="string")
        dst = pd.DataFrame({"_pos": right, "b": np.arange(len(right), dtype=np.uint64)})
        dst["dst"] = pd.array([f"d{i}" for i in range(len(right))], dtype="string")
        pd.testing.assert_frame_equal(_pairs(src, dst, ["_pos"]), pd.merge(src, dst, on=["_pos"]))
