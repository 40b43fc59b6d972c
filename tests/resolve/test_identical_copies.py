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


# Twins (one family name, one date of birth, consecutive passports) in two registers;
# Ion's record is written twice in register a (rows 1 and 2).
_TWINS_HEADER = "given_name,family_name,dob,phone,id_number,role\n"
_ION = "Ion,Popescu,1990-05-01,+40721000111,RX100001,{role}\n"
_VASILE = "Vasile,Popescu,1990-05-01,+40721000222,RX100002,suspect\n"
_OTHERS = (
    "William,Brown,1979-03-03,+447911654321,,suspect\n"
    "Maria,Ionescu,1987-09-14,+40722111222,AB0123456,suspect\n"
)


def _twins_case(tmp_path: Path, role: str = "suspect") -> Path:
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    ion = _ION.format(role=role)
    a.write_text(_TWINS_HEADER + ion + ion + _OTHERS, encoding="utf-8")
    b.write_text(_TWINS_HEADER + _VASILE + _OTHERS, encoding="utf-8")
    case = tmp_path / "case"
    _run("ingest", str(a), str(b), "--preset", "people", "-o", str(case), "-q")
    _run("resolve", str(case), "-q")
    return case


def _ids(case: Path) -> dict[tuple[str, int], str]:
    m = pd.read_parquet(case / "mentions.parquet", columns=["mention_id", "type", "source", "row"])
    m = m[m["type"] == "person"]
    rows = zip(m["mention_id"], m["source"], m["row"], strict=True)
    return {(Path(s).name, int(r)): i for i, s, r in rows}


def test_explain_of_a_copy_gives_the_score_its_record_had(tmp_path):
    case = _twins_case(tmp_path)
    ids = _ids(case)
    evidence = pd.read_parquet(case / "evidence.parquet")
    # Row 1 stood for the record: its pair with the twin is the one resolution scored,
    # capped (given names differ beside one family name); the copy (row 2) has none.
    record, copy, twin = ids["a.csv", 1], ids["a.csv", 2], ids["b.csv", 1]
    pair = evidence[(evidence["left"] == record) & (evidence["right"] == twin)]
    assert len(pair) == 1
    assert pair["rule"].iloc[0].startswith("capped: given names differ, one family name")
    p = float(pair["match_probability"].iloc[0])
    assert p <= 0.5  # the cap: two given names of one family never merge on their own
    assert not ((evidence["left"] == copy) & (evidence["right"] == twin)).any()
    out = _run("explain", str(case), "a.csv:2", "b.csv:1")
    assert "Resolved as DIFFERENT entities" in out
    assert f"A is a copy of record {record} (a.csv row 1)" in out
    assert f"match probability {p:.4f} (threshold" in out
    assert "given names differ, one family name" in out
    assert "never compared" not in out
    # The table output gives the same probability and rule.
    table = pd.read_csv(io.StringIO(_run("explain", str(case), "a.csv:2", "b.csv:1", "--csv")))
    assert set(table["match_probability"]) == {p}
    assert set(table["rule"]) == {pair["rule"].iloc[0]}


def test_explain_names_a_victims_record_by_pseudonym(tmp_path):
    case = _twins_case(tmp_path, role="victim")
    ids = _ids(case)
    out = _run("explain", str(case), "a.csv:2", "b.csv:1")
    assert f"A is a copy of record {ids['a.csv', 1]} (a.csv row 1), Victim-" in out
    assert "Ion" not in out
    assert "RX100001" not in out


def test_copies_that_stay_apart_are_one_question_and_counted(tmp_path):
    # Three copies of one nameless record (a date of birth and a town, nothing else):
    # nameless records never merge without an identifier, so each copy stays apart.
    others = (_VASILE + _OTHERS).replace(",suspect\n", ",Iasi,suspect\n")
    nameless = ",,1980-01-01,,,Cluj,suspect\n"
    a = tmp_path / "a.csv"
    header = _TWINS_HEADER.replace(",role", ",city,role")
    a.write_text(header + others + nameless * 3, encoding="utf-8")
    case = tmp_path / "case"
    _run("ingest", str(a), "--preset", "people", "-o", str(case), "-q")
    out = _run("resolve", str(case), "-q")
    assert "2 person mentions were copies of a repeated record" in out
    ids = _ids(case)
    entity = pd.read_parquet(case / "resolution.parquet").set_index("mention_id")["entity_id"]
    assert len({entity[ids["a.csv", r]] for r in (4, 5, 6)}) == 3
    # Explain of the two copies that were never compared with each other says why.
    text = _run("explain", str(case), "a.csv:5", "a.csv:6")
    assert f"as mention {ids['a.csv', 4]} (a.csv row 4)" in text
    assert "its copies did not match one another" in text
    # Review asks once about the record (not once per copy).
    review = pd.read_csv(io.StringIO(_run("review", str(case), "--csv")))
    rows = review[review["left_row"].isin([4, 5, 6]) | review["right_row"].isin([4, 5, 6])]
    assert len(rows) == 1
    assert set(rows[["left_row", "right_row"]].iloc[0]) == {4, 5}
    assert rows["reason"].iloc[0].startswith("copies of one record")
