"""Copies of one record (a subscriber on every row of a call-detail record) are resolved
once: few scored pairs, the right entities, analysts' decisions on one copy honoured,
`explain` and `review` plain about them (resolve.identical)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from linkgraph.cli import cli

# 40 calls between two subscribers, each named on every row, and one row naming the
# caller with a typo (the variant): 81 person mentions of 2 people.
HEADER = "call_id,start_time,caller,callee,duration_s,caller_name,callee_name\n"
ION, MARIA = ("Ion Popescu", "+447700900111"), ("Maria Ionescu", "+447700900222")
CALLS = 40


def _calls(tmp_path: Path) -> Path:
    rows = [
        f"C{i:03d},2024-03-{1 + i % 28:02d} 10:{i % 60:02d}:00,{ION[1]},{MARIA[1]},60,"
        f"{ION[0]},{MARIA[0]}\n"
        for i in range(1, CALLS + 1)
    ]
    rows.append(f"C999,2024-04-01 09:00:00,{ION[1]},+447700900333,30,Ion Popesku,\n")
    src = tmp_path / "calls.csv"
    src.write_text(HEADER + "".join(rows), encoding="utf-8")
    return src


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def _case(tmp_path: Path, *resolve_args: str) -> Path:
    case = tmp_path / "case"
    _run("ingest", str(_calls(tmp_path)), "--preset", "cdr", "--region", "GB", "-o", str(case))
    _run("resolve", str(case), *resolve_args)
    return case


def _entity(case: Path) -> pd.Series:
    """Entity per (row, slot) of the person mentions."""
    mentions = pd.read_parquet(case / "mentions.parquet", columns=["mention_id", "row", "slot"])
    resolution = pd.read_parquet(case / "resolution.parquet")
    joined = mentions.merge(resolution, on="mention_id")
    joined = joined[joined["slot"].astype(str).str.endswith("_subscriber")]
    return joined.set_index([joined["row"].astype(int), joined["slot"].astype(str)])["entity_id"]


def _step(case: Path) -> dict:
    steps = json.loads((case / "manifest.json").read_text(encoding="utf-8"))["steps"]
    return next(s for s in steps if "candidate_pairs" in s)


def test_copies_and_a_variant_resolve_to_two_people_from_a_few_pairs(tmp_path):
    case = _case(tmp_path)
    entity = _entity(case)
    assert len(entity) == 2 * CALLS + 1
    ion = entity.xs("caller_subscriber", level=1)
    maria = entity.xs("callee_subscriber", level=1)
    assert ion.nunique() == 1  # the 40 copies and the typo "Ion Popesku" on his phone
    assert maria.nunique() == 1
    assert ion.iloc[0] != maria.iloc[0]
    step = _step(case)
    # Three records (Ion, Maria, the variant): at most their 3 pairs scored, where the 81
    # mentions' 81 * 80 / 2 = 3,240 pairs (one block of 41 Ions above the cap of 20,
    # compared in a window) were a thousand and more.
    assert step["candidate_pairs"] <= 3
    assert step["identical_copies"] == 2 * (CALLS - 1)
    evidence = pd.read_parquet(case / "evidence.parquet")
    persons = evidence[evidence["type"] == "person"]
    # One row per copy with its record, and the variant's pair: not one per pair of copies.
    assert len(persons) <= 2 * (CALLS - 1) + 3
    assert (persons["rule"] == "identical record").sum() == 2 * (CALLS - 1)


def test_a_cannot_link_on_one_copy_is_honoured(tmp_path):
    overrides = tmp_path / "decisions.csv"
    overrides.write_text(
        "left,right,decision\ncalls.csv#7#caller_subscriber,calls.csv#41#caller_subscriber,"
        "cannot_link\n",
        encoding="utf-8",
    )
    case = _case(tmp_path, "--overrides", str(overrides))
    entity = _entity(case)
    assert entity[(7, "caller_subscriber")] != entity[(41, "caller_subscriber")]
    # The other copies of Ion's record still make one person.
    others = entity.xs("caller_subscriber", level=1).drop(index=[7, 41])
    assert others.nunique() == 1


def test_a_must_link_on_one_copy_joins_its_record(tmp_path):
    overrides = tmp_path / "decisions.csv"
    overrides.write_text(
        "left,right,decision\ncalls.csv#5#caller_subscriber,calls.csv#9#callee_subscriber,"
        "must_link\n",
        encoding="utf-8",
    )
    case = _case(tmp_path, "--overrides", str(overrides))
    entity = _entity(case)
    # Ion's copy 5 is Maria's copy 9 for the analyst: both records are one entity now.
    assert entity[(5, "caller_subscriber")] == entity[(9, "callee_subscriber")]
    assert entity.nunique() == 1


def test_explain_says_two_copies_are_one_record_and_review_asks_nothing(tmp_path):
    case = _case(tmp_path)
    out = _run(
        "explain", str(case), "calls.csv#3#caller_subscriber", "calls.csv#8#caller_subscriber"
    )
    assert "Resolved as the SAME entity" in out
    assert "A and B are copies of one record" in out
    assert "how common the value is" in out  # the weights resolve used (term frequency)
    # Only the variant's pair is left to ask about: no pair of two copies of Ion's record.
    review = pd.read_csv(io.StringIO(_run("review", str(case), "--csv")))
    assert len(review) == 1
    assert set(review["left_label"]) | set(review["right_label"]) == {"Ion Popescu", "Ion Popesku"}
