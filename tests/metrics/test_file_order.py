"""The same files ingested in two orders give the same key players, stability and review
(through the CLI), and a victim's phone is no disruption target unless asked for.

The network: X1 - P1 - P2 - P3 - X3 (calls), Ana (a victim) on P1, Boss on P2, Carl on P3;
an NGO's list adds spellings and namesakes on those phones, which resolution scores
between 0 and 1 (stability's resolution draws; before, which pair got which random number
followed the order of the evidence table, and so of the files).
Removing P2 first leaves P1 and P3 tied (betweenness 1, degree 2): before, the first of
them in the order of the files went next, so one order named the victim's phone as a
target and the other Carl's.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from linkgraph.cli import cli

PEOPLE = """name,phone,role
Ana Pop,+40711000011,victim
Boss Ionescu,+40711000022,suspect
Carl Marin,+40711000033,
"""
NGO = """name,phone,role
Anna Pop,+40711000011,
Karl Marin,+40711000033,
B. Ionescu,+40711000022,
Ion Ionescu,+40711000022,
Carla Marin,+40711000033,
Dan Marin,+40711000003,
D. Marin,+40711000003,
"""
CALLS = """caller,callee,date
+40711000033,+40711000003,2024-03-01 10:00
+40711000022,+40711000033,2024-03-02 10:00
+40711000011,+40711000022,2024-03-03 10:00
+40711000001,+40711000011,2024-03-04 10:00
"""
PEOPLE_MAPPING = """format: csv
entities:
  person: {type: person, fields: {name: name, role: role}}
  phone: {type: phone, fields: {phone: phone}}
links:
- {kind: uses_phone, src: person, dst: phone}
"""
CALLS_MAPPING = """format: csv
timezone: UTC
entities:
  caller: {type: phone, fields: {phone: caller}}
  callee: {type: phone, fields: {phone: callee}}
links:
- {kind: called, src: caller, dst: callee, time: date}
"""
FILES = {"people": (PEOPLE, PEOPLE_MAPPING), "ngo": (NGO, PEOPLE_MAPPING),
         "calls": (CALLS, CALLS_MAPPING)}  # fmt: skip


def _run(*args: str) -> str:
    out = CliRunner().invoke(cli, list(args))
    assert out.exit_code == 0, out.output
    return out.stdout


def _case(tmp_path: Path, order: list[str]) -> Path:
    """A case of ``FILES`` ingested in ``order``, resolved and analysed, in its own folder."""
    folder = tmp_path / "_".join(order)
    folder.mkdir()
    case = folder / "case"
    for name in order:
        text, mapping = FILES[name]
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
        (folder / f"{name}.yaml").write_text(mapping, encoding="utf-8")
        _run("ingest", str(folder / f"{name}.csv"), "--mapping", str(folder / f"{name}.yaml"),
             "-o", str(case), "-q")  # fmt: skip
    _run("resolve", str(case), "-q")
    _run("analyze", str(case), "-q")
    return case


def _keyless(text: str) -> str:
    """``text`` with each pseudonym and each keyed part of an id (they follow the case's
    random key) replaced by a token numbered in order of first appearance."""
    seen: dict[str, str] = {}

    def token(match: re.Match[str]) -> str:
        return seen.setdefault(match.group(0), f"<{len(seen)}>")

    return re.sub(r"Victim-[0-9a-f]{6}|(?<=-)[0-9a-f]{16}\b", token, text)


@pytest.fixture(scope="module")
def two_orders(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("orders")
    return _case(tmp, ["people", "ngo", "calls"]), _case(tmp, ["calls", "ngo", "people"])


def test_keyplayers_skip_the_victims_phone_in_either_order(two_orders: tuple[Path, Path]) -> None:
    for case in two_orders:
        text = _run("keyplayers", str(case), "-k", "2")
        assert "ties: highest degree, then lowest stable id" in text
        assert "--include-victims to include them" in text
        table = pd.read_csv(case / "keyplayers.csv", dtype=str)
        # P2 (Boss's phone), then Carl's P3, never the victim's P1
        assert table["label"].fillna("").tolist() == ["", "+40711000022", "+40711000033"]


def test_keyplayers_are_the_same_in_both_orders(two_orders: tuple[Path, Path]) -> None:
    a, b = two_orders
    for extra in ([], ["--include-victims"], ["--by", "degree"], ["--by", "fragmentation"]):
        left = _run("keyplayers", str(a), "-k", "3", "--csv", *extra)
        right = _run("keyplayers", str(b), "-k", "3", "--csv", *extra)
        assert _keyless(left) == _keyless(right), extra


def test_include_victims_makes_her_phone_a_candidate(two_orders: tuple[Path, Path]) -> None:
    a, _ = two_orders
    text = _run("keyplayers", str(a), "-k", "3", "--include-victims", "--csv")
    removed = pd.read_csv(io.StringIO(text), dtype=str)["label"].fillna("").tolist()
    assert removed[1] == "+40711000022"
    # P1 and P3 tie: both go, in the order of their stable ids; her phone by pseudonym
    assert "+40711000033" in removed[2:]
    assert any(re.fullmatch(r"Victim-[0-9a-f]{6} \(phone\)", r) for r in removed[2:])


def test_stability_is_the_same_in_both_orders(two_orders: tuple[Path, Path]) -> None:
    a, b = two_orders
    left = _run("stability", str(a), "--draws", "40", "--json", "-q")
    right = _run("stability", str(b), "--draws", "40", "--json", "-q")
    assert json.loads(_keyless(left)) == json.loads(_keyless(right))


def test_review_is_the_same_in_both_orders(two_orders: tuple[Path, Path]) -> None:
    a, b = two_orders
    left, right = _run("review", str(a), "--json"), _run("review", str(b), "--json")
    assert json.loads(_keyless(left)) == json.loads(_keyless(right))
    pairs = json.loads(left)
    assert pairs
    assert all(p["left"] < p["right"] for p in pairs)


def test_python_api_keeps_victims_out_unless_asked(two_orders: tuple[Path, Path]) -> None:
    from linkgraph.metrics import case_disruption
    from linkgraph.model import Case

    case = Case.read(two_orders[0])
    kept = case_disruption(case, k=2)
    assert kept["label"].tolist() == ["", "+40711000022", "+40711000033"]
    assert kept.attrs["excluded"] == 2  # Ana (one entity with "Anna Pop") and her P1
    both = case_disruption(case, k=3, include_victims=True)
    assert both.attrs["excluded"] == 0
    assert any(label.startswith("Victim-") for label in both["label"])
