"""Which person pairs over the threshold `link` keeps: the best match of either entity."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from linkgraph.model import Case
from linkgraph.share import read_bundle, read_secret
from linkgraph.share.encoding import person_id
from linkgraph.share.evaluate import _person_entities, pair_scores, true_pairs
from linkgraph.share.linkage import LinkConfig, best_either_way, match_sides
from linkgraph.share.sides import bundle_side, local_side

from .conftest import SECRET, SIDE_A, SIDE_B, ingest_side, run


def _pairs(rows: list[tuple[str, str, float, float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["partner", "local", "match_weight", "match_probability"])


def test_best_either_way_hand_computed():
    """X matched both halves L1, L2 of a person the local side split (each half's best
    partner is X): both stay. X also meets namesake L3, whose own best partner is Y: X has
    a better match and so has L3, so that pair goes. Z's only match is L3: it stays (Z's
    best). W-L4 is neither's best but certain (0.999): it stays."""
    pairs = _pairs(
        [
            ("X", "L1", 9.2, 0.999),
            ("X", "L2", 4.6, 0.96),
            ("X", "L3", 0.15, 0.53),
            ("Y", "L3", 5.0, 0.97),
            ("Z", "L3", 0.2, 0.54),
            ("W", "L4", 12.0, 0.9998),
            ("W", "L5", 20.0, 0.99999),
            ("V", "L4", 14.0, 0.9999),
        ]
    )
    keep = best_either_way(pairs, sure=0.999)
    assert keep.tolist() == [True, True, False, True, True, True, True, True]
    # Without the certainty rule W-L4 is neither W's best (L5) nor L4's best (V).
    assert best_either_way(pairs).tolist() == [True, True, False, True, True, False, True, True]


def test_best_either_way_matches_brute_force():
    """The vectorised rule against a loop over every pair, with ties."""
    rng = np.random.default_rng(3)
    n = 400
    pairs = _pairs(
        [
            (f"p{a}", f"l{b}", float(w), float(p))
            for a, b, w, p in zip(
                rng.integers(0, 60, n),
                rng.integers(0, 80, n),
                rng.integers(0, 12, n),  # integer weights: many ties
                rng.random(n),
                strict=True,
            )
        ]
    ).drop_duplicates(["partner", "local"], ignore_index=True)
    expected = []
    for p, q, w, prob in pairs.itertuples(index=False):
        best_p = pairs.loc[pairs["partner"] == p, "match_weight"].max()
        best_q = pairs.loc[pairs["local"] == q, "match_weight"].max()
        expected.append(w >= best_p or w >= best_q or prob >= 0.9)
    assert best_either_way(pairs, sure=0.9).tolist() == expected
    assert best_either_way(pairs.iloc[:0]).tolist() == []


def _sides(agencies: dict[str, Path]):
    """The partner side (agency A's bundle), the local side (agency B), the settings, A's
    entity of each partner pid and the true pairs."""
    secret = read_secret(agencies["secret"])
    out = agencies["root"] / "bundle_assignment"
    if not out.exists():
        run("share", agencies["a"], "--secret", agencies["secret"], "-o", out)
    bundle = read_bundle(out, secret)
    a, b = Case.read(agencies["a"]), Case.read(agencies["b"])
    truth = pd.read_csv(agencies["synth"] / "truth" / "mentions.csv", dtype=str)
    ea = _person_entities(a, drop_victims=False)
    entity_of_pid = dict(
        zip(
            person_id(secret, ea["entity_id"].astype(str).to_numpy(), a.pseudonym_key),
            ea["entity_id"].astype(str),
            strict=True,
        )
    )
    local, _ = local_side(b, secret, bundle.settings)
    return bundle_side(bundle), local, bundle.settings, entity_of_pid, true_pairs(a, b, truth)


@pytest.fixture(scope="module")
def sides(two_agencies):
    return _sides(two_agencies)


@pytest.fixture(scope="module")
def sides_5000(tmp_path_factory):
    """A bigger split (synth 5,000 people, seed 1): namesakes the assignment drops."""
    root = tmp_path_factory.mktemp("assignment_5000")
    run("synth", "--people", "5000", "--seed", "1", "-o", root / "synth")
    (root / "secret.txt").write_text(SECRET + "\n")
    return _sides(
        {
            "synth": root / "synth",
            "a": ingest_side(root / "synth", SIDE_A, root / "a"),
            "b": ingest_side(root / "synth", SIDE_B, root / "b"),
            "secret": root / "secret.txt",
            "root": root,
        }
    )


def test_assignment_keeps_true_pairs_and_drops_only_false_ones(sides):
    """Against the synth truth: every pair the assignment leaves out (over the threshold,
    but neither entity's best) is a false match, so precision does not fall and recall
    stays; one-to-one keeps a subset."""
    _check_assignment(*sides, least_dropped=0)


@pytest.mark.slow
def test_assignment_drops_namesakes_on_a_bigger_split(sides_5000):
    """On 5,000 people the pairs left out are there, and all false."""
    _check_assignment(*sides_5000, least_dropped=1)


def _check_assignment(partner, local, settings, entity_of_pid, true, least_dropped):

    def predicted(config: LinkConfig) -> set[tuple[str, str]]:
        m = match_sides(partner, local, settings, config).matches
        return {(entity_of_pid[p], str(q)) for p, q in zip(m["partner"], m["local"], strict=True)}

    every = predicted(LinkConfig(best_only=False))
    best = predicted(LinkConfig())
    one = predicted(LinkConfig(one_to_one=True))
    assert one <= best <= every
    assert len(every - best) >= least_dropped
    assert not (every - best) & true
    s_every, s_best = pair_scores(true, every), pair_scores(true, best)
    assert s_best["recall"] == s_every["recall"]
    assert s_best["precision"] >= s_every["precision"]
    assert s_best["f1"] >= 0.95, s_best
