"""A man and a woman are never one person (adjustments.SexConflict), through the CLI.

A broker and his victim often share a family name (spouses, siblings) and, in a forged
or copied record, a date of birth: the learnt weights of family name, date and city then
outweigh a different given name and a different recorded sex. Only a document number in
common (a sex typed wrong) or an analyst's must-link joins such a pair.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from click.testing import CliRunner
from people_case import entity_by_row

from linkgraph.cli import cli
from linkgraph.resolve.comparisons import gendered_pair

_HEADER = "record_id,given_name,family_name,dob,sex,phone,passport,city,role"

# Police register A and hotline register B. Each B row: (given, family, dob, sex, phone,
# passport, city, role); rows of one number in A and B are the pair under test.
_A = [
    ("Alexandru", "Rusu", "05.05.1992", "m", "+373 691 23456", "", "Chisinau", "suspect"),
    ("Oleksandr", "Bondar", "07.07.1980", "m", "+380 50 765 4321", "", "Kyiv", "suspect"),
    ("Andrei", "Lupu", "11.09.1988", "", "+40 721 000 111", "", "Iasi", "suspect"),
    ("Ion", "Popescu", "03.03.1985", "m", "+40 722 123 456", "AB123456", "Iasi", "suspect"),
    ("Oleksandr", "Kovalenko", "12.03.1985", "", "", "", "Kyiv", "suspect"),
    ("Petr", "Dvorak", "21.06.1979", "m", "+420 601 111 222", "", "Praha", "suspect"),
    ("Maria", "Ionescu", "14.02.1990", "f", "+40 723 999 888", "", "Bacau", "witness"),
]
_B = [
    ("Alexandra", "Rusu", "05.05.1992", "f", "+373 692 99999", "", "Chisinau", "victim"),
    ("Oleksandra", "Bondar", "07.07.1980", "", "+380 50 111 2222", "", "Kyiv", "victim"),
    ("Andreea", "Lupu", "11.09.1988", "", "+40 721 555 666", "", "Iasi", "victim"),
    ("Ion", "Popescu", "03.03.1985", "f", "", "AB123456", "Iasi", "suspect"),
    ("Aleksandr", "Kovalenko", "12.03.1985", "", "", "", "Kyiv", "suspect"),
    ("Petr", "Dvorak", "21.06.1979", "f", "+420 601 111 222", "", "Praha", "suspect"),
    ("Maria", "Ionescu", "14.02.1990", "f", "+40 723 999 888", "", "Bacau", "witness"),
]


def _write(path: Path, rows: list[tuple[str, ...]]) -> None:
    lines = [_HEADER, *(",".join((str(i), *r)) for i, r in enumerate(rows, start=1))]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def _case(tmp_path: Path) -> Path:
    """Both registers ingested and resolved through the CLI; the case folder."""
    _write(tmp_path / "a.csv", _A)
    _write(tmp_path / "b.csv", _B)
    case = tmp_path / "case"
    _run("ingest", str(tmp_path / "a.csv"), str(tmp_path / "b.csv"), "--preset", "people",
         "-o", str(case), "-q")  # fmt: skip
    _run("resolve", str(case), "-q")
    return case


def test_a_man_and_a_woman_stay_apart(tmp_path):
    ent = entity_by_row(_case(tmp_path))
    # Recorded m / f, one family name, date of birth and city: two people.
    assert ent["a.csv", 1] != ent["b.csv", 1]
    # The man's and the woman's form of one given name, the woman's sex not recorded.
    assert ent["a.csv", 2] != ent["b.csv", 2]
    # Andrei / Andreea, neither sex recorded.
    assert ent["a.csv", 3] != ent["b.csv", 3]
    # Phone, names, date and city agree, the recorded sexes differ: no document, no merge.
    assert ent["a.csv", 6] != ent["b.csv", 6]
    # The same woman in both registers still merges.
    assert ent["a.csv", 7] == ent["b.csv", 7]


def test_a_sex_typed_wrong_merges_on_the_same_document(tmp_path):
    ent = entity_by_row(_case(tmp_path))
    assert ent["a.csv", 4] == ent["b.csv", 4]


def test_transliterations_of_one_mans_name_still_merge(tmp_path):
    # Oleksandr / Aleksandr: both a man's form, no sex recorded.
    ent = entity_by_row(_case(tmp_path))
    assert ent["a.csv", 5] == ent["b.csv", 5]


def test_explain_names_the_sex_conflict(tmp_path):
    case = _case(tmp_path)
    text = _run("explain", str(case), "a.csv:1", "b.csv:1", "--show-victims")
    assert "Resolved as DIFFERENT entities" in text
    assert "rule: sex conflict" in text
    assert "  - sex_conflict: a man and a woman" in text


def test_an_analysts_must_link_still_joins_them(tmp_path):
    case = _case(tmp_path)
    _run("decide", str(case), "a.csv:6", "b.csv:6", "must_link", "--note", "sex typo")
    _run("resolve", str(case), "-q")
    ent = entity_by_row(case)
    assert ent["a.csv", 6] == ent["b.csv", 6]


def test_gendered_forms_of_one_given_name():
    vocab = np.array(
        ["andrei", "andreea", "ievhen", "ievhenia", "ian", "iana", "petr", "petra",
         "mihail", "mihaela", "oleksandr", "aleksandr", "aleksandru", "oleksandra",
         "sabine", "sabina"],
        dtype=object,
    )  # fmt: skip
    pairs = [(0, 1), (2, 3), (4, 5), (6, 7), (8, 9), (12, 13), (10, 11), (14, 15)]
    a, b = (np.array(x) for x in zip(*pairs, strict=True))
    got = gendered_pair(vocab, a, b).tolist()
    # A man's and a woman's form (Alexandru / Oleksandra by their skeletons), not two
    # spellings of one man's name, and not -e / -a (Sabine / Sabina).
    assert got == [True, True, True, True, True, True, False, False]


def test_the_adjustment_can_be_switched_off():
    from linkgraph.resolve.adjustments import SexConflict, adjustments_for
    from linkgraph.resolve.config import ResolveConfig

    assert any(isinstance(a, SexConflict) for a in adjustments_for(ResolveConfig()))
    off = adjustments_for(ResolveConfig(sex_conflict=False))
    assert not any(isinstance(a, SexConflict) for a in off)
    assert pd.Series([a.name for a in adjustments_for(ResolveConfig())]).is_unique


def test_a_list_whose_recorded_sex_is_often_wrong_does_not_veto_on_it(tmp_path):
    """40 people in both registers (names, date of birth and phone agree), 5 with the sex
    flipped in one: 5 of 40 sure pairs (12.5 %, above SEXES_UNRELIABLE, 2 %) say the
    recorded sex is unreliable here, so the flipped pairs merge on their other fields.
    50 people with 1 flip (2 %, not above it): the flip keeps its pair apart."""
    given = ["Ana", "Elena", "Maria", "Ioana", "Irina", "Olga", "Vera", "Daria", "Nina", "Zoia"]
    family = ["Rusu", "Lupu", "Popa", "Ceban", "Munteanu"]

    def registers(n: int, flips: int) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
        a, b = [], []
        for i in range(n):
            name = (given[i % 10], family[i // 10 % 5] + "escu" * (i // 50))
            row = (*name, f"{1 + i % 28:02d}.0{1 + i % 9}.19{70 + i % 25}", "f",
                   f"+40 72{i:07d}", "", "Iasi", "witness")  # fmt: skip
            a.append(row)
            b.append((*row[:3], "m" if i < flips else "f", *row[4:]))
        return a, b

    for n, flips, merged in ((40, 5, True), (50, 1, False)):
        folder = tmp_path / f"n{n}"
        folder.mkdir()
        a, b = registers(n, flips)
        _write(folder / "a.csv", a)
        _write(folder / "b.csv", b)
        case = folder / "case"
        _run("ingest", str(folder / "a.csv"), str(folder / "b.csv"), "--preset", "people",
             "-o", str(case), "-q")  # fmt: skip
        _run("resolve", str(case), "-q")
        ent = entity_by_row(case)
        assert (ent["a.csv", 1] == ent["b.csv", 1]) is merged, (n, flips)
        assert ent["a.csv", n] == ent["b.csv", n]  # an unflipped pair merges either way
