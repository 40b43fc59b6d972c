"""Two lists of the same people (``adjustments.TwoLists``, ``resolve.two_lists``): the
records each list leaves unlinked are paired up, against hand-computed figures and
against the truth of lists built here, through ``ingest`` with the ``people`` preset."""

from __future__ import annotations

import importlib
from pathlib import Path

import numpy as np
import pandas as pd
from two_lists_data import write_lists as _lists

from linkgraph.ingest import Source, ingest
from linkgraph.render.report_resolution import resolution_section
from linkgraph.resolve import ResolveConfig, evaluate, explain, resolve

two_lists = importlib.import_module("linkgraph.resolve.two_lists")


def _resolve(folder: Path, **config) -> tuple:
    sources = [Source(folder / "a.csv", preset="people"), Source(folder / "b.csv", preset="people")]
    return resolve(ingest(sources), ResolveConfig(**config))


def test_list_stats_by_hand():
    # Entities: {0 A, 1 B}, {2 A, 3 A} (a duplicate within A), {4 B} alone.
    labels = np.array([0, 0, 1, 1, 2])
    source = np.array([0, 1, 0, 0, 1])
    stats = two_lists.list_stats(labels, source, ("a", "b"))
    assert two_lists.list_stats(labels, np.zeros(5, int), ("a",)).mentions == (5,)
    assert stats.mentions == (3, 2)
    assert stats.duplicates == (2 / 3, 0.0)
    assert stats.coverage == (1 / 3, 1 / 2)
    assert stats.left_over == (0, 1)
    assert stats.linked == 1  # entity 0
    assert not stats.applies(0.9, 0.01)


def test_assignment_probability_by_hand():
    # One record of A with two partners in B, one of them 2**10 times likelier: prior per
    # pair 0.25, so the no-partner term is 1 - 0.5 = 0.5.
    prob = two_lists.assignment_probability(
        np.array([0, 0]), np.array([0, 1]), np.array([10.0, 0.0]), 0.25, 1, 2
    )
    term = 0.25 * np.array([1024.0, 1.0])
    by_a = term / (0.5 + term.sum())
    by_b = term / (0.75 + term)  # each B record has only this partner; prior 0.25 * 1
    np.testing.assert_allclose(prob, np.minimum(by_a, by_b))


def test_left_over_share_is_small_when_the_left_overs_are_other_people():
    # 100 pairs of left-overs, all with weights against: hardly any is a match.
    assert two_lists.left_over_share(np.full(100, -10.0), 100, 0.5) < 0.01
    # Two pairs of 100 are overwhelming matches: the share is theirs.
    bits = np.r_[np.full(98, -10.0), 40.0, 40.0]
    assert abs(two_lists.left_over_share(bits, 100, 0.5) - 0.02) < 1e-3


def test_household_bits_from_the_lists_own_pairs():
    # Lists of 10 and 10: 45 + 45 pairs within, 100 across. Two capped strong pairs within
    # (households), four across. Within: (2 + 0.5) / 90 = 0.02778 a pair, so 2.778
    # households expected among the 100 across; 4 - 2.778 = 1.222 beyond them, over the
    # 8 people linked across: 0.15278 a match. Factor 0.15278 / 0.02778 = 5.5: 2.4594 bits.
    pairs = pd.DataFrame(
        {
            "left": [0, 2, 0, 1, 2, 3],
            "right": [1, 3, 10, 11, 12, 13],
            "capped": [True] * 6,
            "match_weight": [8.0] * 6,
        }
    )
    source = np.r_[np.zeros(10, int), np.ones(10, int)]
    got = two_lists.household_bits(pairs, source, (10, 10), 8, 0.9)
    assert abs(got - 2.4594) < 1e-4
    # Pairs the weights alone would not merge (probability under 0.9) are no pattern.
    weak = pairs.assign(match_weight=3.0)
    assert two_lists.household_bits(weak, source, (10, 10), 8, 0.9) == float("-inf")


def test_rewritten_records_of_two_lists_join_and_the_others_stay_alone(tmp_path):
    truth = _lists(tmp_path)
    case = _resolve(tmp_path)
    scores = evaluate(case, truth)
    assert scores["precision"] == 1.0, scores
    assert scores["recall"] == 1.0, scores
    # Without the adjustment the three rewritten records stay apart (the household cap:
    # one family name and address, another given name, no document in common).
    off = _resolve(tmp_path, two_lists=False)
    assert evaluate(off, truth)["true_positive_pairs"] == 57
    assert "two_lists" not in off.manifest["steps"][-1]
    found = case.manifest["steps"][-1]["two_lists"]
    assert found["applied"]
    assert found["joined"] == 3
    assert found["stats"]["left_over"] == [5, 5]
    assert found["stats"]["duplicates"] == [0.0, 0.0]
    # The evidence and explain say why.
    ev = case.evidence
    joined = ev[ev["fields"].str.contains('"two_lists"', regex=False)]
    assert set(joined["decision"]) == {"match"}
    assert len(joined) == 3
    text = explain(case, joined["left"].iloc[0], joined["right"].iloc[0])
    assert "two_lists: in two lists of the same people" in text
    # So does the report's "How entities were resolved".
    html = resolution_section(case, name=str, hidden=lambda e: False)
    assert "The case is two lists of the same people (a.csv: 91.9% linked, 5 left" in html
    assert "3 pairs were joined one to one" in html
    assert "two lists of the same people" not in resolution_section(
        off, name=str, hidden=lambda e: False
    )


def test_lists_of_different_people_join_nothing(tmp_path):
    # A quarter of each list is people the other does not hold: coverage under 0.9.
    truth = _lists(tmp_path, n=40, rewritten=0, only=12)
    case = _resolve(tmp_path)
    found = case.manifest["steps"][-1]["two_lists"]
    assert not found["applied"]
    assert found["joined"] == 0
    assert evaluate(case, truth)["precision"] == 1.0


def test_left_overs_who_are_other_people_stay_alone(tmp_path):
    # The lists cover each other (56 of 60) but their left-overs are other people: EM
    # finds no matches among them, nothing joins.
    truth = _lists(tmp_path, n=56, rewritten=0, only=4)
    case = _resolve(tmp_path)
    found = case.manifest["steps"][-1]["two_lists"]
    assert found["applied"]
    assert found["stats"]["left_over"] == [4, 4]
    assert found["joined"] == 0
    assert found["matches"] < 0.5
    scores = evaluate(case, truth)
    assert scores["precision"] == 1.0, scores
    assert scores["recall"] == 1.0, scores


def test_one_list_is_left_alone(tmp_path):
    truth = _lists(tmp_path, rewritten=0)
    case = resolve(ingest([Source(tmp_path / "a.csv", preset="people")]))
    assert case.manifest["steps"][-1]["two_lists"] == {"applied": False, "why": "one source"}
    assert evaluate(case, truth[truth["source"] == "a.csv"])["precision"] == 1.0


def test_one_source_is_told_from_the_parquet_statistics(tmp_path):
    from linkgraph.model import Case
    from linkgraph.resolve import READ_COLUMNS
    from linkgraph.resolve.reading import CaseTables

    _lists(tmp_path, rewritten=0)
    one = ingest([Source(tmp_path / "a.csv", preset="people")])
    two = ingest([Source(tmp_path / f, preset="people") for f in ("a.csv", "b.csv")])
    one.write(tmp_path / "one")
    two.write(tmp_path / "two")
    on_disk = [CaseTables(Case.read(tmp_path / d, columns=READ_COLUMNS)) for d in ("one", "two")]
    assert [t.on_disk for t in on_disk] == [{"mentions", "links"}] * 2
    assert [t.distinct_at_most_one("source") for t in on_disk] == [True, False]
    assert [CaseTables(c).distinct_at_most_one("source") for c in (one, two)] == [True, False]
    # Resolved from the folder as from memory.
    step = resolve(Case.read(tmp_path / "two", columns=READ_COLUMNS)).manifest["steps"][-1]
    assert step["two_lists"]["applied"]
    assert step["two_lists"]["joined"] == 0


def _joined_pairs(case) -> set[frozenset]:
    ev = case.evidence
    joined = ev[ev["fields"].str.contains('"two_lists"', regex=False) & (ev["decision"] == "match")]
    return {frozenset(p) for p in zip(joined["left"], joined["right"], strict=True)}


def test_an_analysts_cannot_link_keeps_left_overs_apart(tmp_path):
    _lists(tmp_path)
    sources = [
        Source(tmp_path / "a.csv", preset="people"),
        Source(tmp_path / "b.csv", preset="people"),
    ]
    case = ingest(sources)
    pairs = _joined_pairs(resolve(case))
    assert len(pairs) == 3
    a, b = sorted(next(iter(sorted(pairs, key=sorted))))
    csv = tmp_path / "decisions.csv"
    pd.DataFrame({"left": [a], "right": [b], "decision": ["cannot_link"]}).to_csv(csv, index=False)
    out = resolve(case, ResolveConfig(overrides=str(csv)))
    entity = out.resolution.set_index("mention_id")["entity_id"]
    assert entity[a] != entity[b]
    # The other left-over pairs still join.
    assert _joined_pairs(out) == pairs - {frozenset((a, b))}


def test_many_left_overs_are_paired_among_the_candidate_pairs_only():
    # Two lists of 40; 36 linked; left-overs 36..39 in each (positions 36..39 and 76..79).
    # Above max_pairs only the candidate pairs among them are weighed: the pair blocking
    # gave joins, the pair it did not give is not compared.
    labels = np.r_[np.arange(40), np.arange(36), 100 + np.arange(4)]
    source = np.r_[np.zeros(40, int), np.ones(40, int)]
    scored = pd.DataFrame(
        {
            "left": [36, 37],
            "right": [76, 77],
            "match_weight": [-13.0 + 25.0, -13.0 - 10.0],
            "match_probability": [0.5, 0.0],
            "capped": [False, False],
            "rule": pd.Categorical(["name_phonetic", "name_phonetic"]),
        }
    )

    def never(lo, hi):
        raise AssertionError("the left-overs' pairs are not all compared above max_pairs")

    out, labels_after, found = two_lists.pair_left_overs(
        scored, labels, source, ("a.csv", "b.csv"), prior_weight=-13.0, threshold=0.9,
        conflict_weight=-12.0, cannot=np.empty(0, np.int64), n=80, score_pairs=never,
        min_coverage=0.9, max_duplicates=0.01, max_pairs=15, evidence_min=0.01,
    )  # fmt: skip
    assert found.applied
    assert found.pairs == 16
    assert found.joined == 1
    assert labels_after[76] == labels_after[36]
    assert labels_after[77] != labels_after[37]
    assert out["two_lists"].tolist()[0] > 0
    assert len(out) == 2  # nothing added: no pair was compared anew


def test_left_overs_compared_a_chunk_at_a_time_give_the_same_result(tmp_path, monkeypatch):
    truth = _lists(tmp_path)
    whole = _resolve(tmp_path)
    monkeypatch.setattr(two_lists, "SCORE_CHUNK", 3)  # 16 pairs of left-overs: 6 chunks
    chunked = _resolve(tmp_path)
    assert chunked.manifest["steps"][-1]["two_lists"] == whole.manifest["steps"][-1]["two_lists"]
    assert evaluate(chunked, truth) == evaluate(whole, truth)
    pd.testing.assert_frame_equal(chunked.evidence, whole.evidence)


def test_the_cli_says_what_the_pairing_joined(tmp_path):
    from click.testing import CliRunner

    from linkgraph.cli import cli

    _lists(tmp_path)
    runner = CliRunner()
    files = [str(tmp_path / f) for f in ("a.csv", "b.csv")]
    case = str(tmp_path / "case")
    got = runner.invoke(cli, ["ingest", *files, "--preset", "people", "-o", case, "-q"])
    assert got.exit_code == 0, got.output
    got = runner.invoke(cli, ["resolve", case])
    assert got.exit_code == 0, got.output
    assert (
        "Two lists of the same people, a.csv (91.9% linked, 5 left over) and b.csv (91.9% "
        "linked, 5 left over): 3 pairs of left-overs joined one to one"
    ) in got.output
