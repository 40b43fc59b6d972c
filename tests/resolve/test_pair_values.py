"""The similarity memo of the comparisons gives what computing every pair afresh gives."""

from __future__ import annotations

import importlib

import numpy as np

comparisons = importlib.import_module("linkgraph.resolve.comparisons")


def _value(keys: np.ndarray) -> np.ndarray:
    return (np.sin(keys.astype(np.float64)) * 0.5 + 0.5).astype(np.float32)


def test_pair_values_returns_each_key_its_own_value_across_batches() -> None:
    rng = np.random.default_rng(0)
    memo = comparisons.PairValues()
    computed: list[int] = []

    def compute(keys: np.ndarray) -> np.ndarray:
        computed.extend(keys.tolist())
        return _value(keys)

    for _ in range(4):
        keys = np.unique(rng.integers(0, 5_000, 2_000))
        rng.shuffle(keys)
        assert memo.get(keys, compute).tolist() == _value(keys).tolist()
    # Each key computed once, and the table sorted.
    assert len(computed) == len(set(computed)) == len(memo.keys)
    assert (np.diff(memo.keys) > 0).all()
    assert memo.values.tolist() == _value(memo.keys).tolist()


def test_name_similarity_with_memo_equals_without() -> None:
    vocab = np.array(["", "ivan", "ivana", "hrytsenko", "gritsenko", "mhmd", "mohammed",
                      "emeka", "chukwuemeka", "nikolov", "nokolov"], dtype=object)  # fmt: skip
    skeleton = np.array([comparisons.name_skeleton(v) for v in vocab], dtype=object)
    rng = np.random.default_rng(1)
    memo = comparisons.PairValues()
    for _ in range(3):
        a, b = rng.integers(0, len(vocab), 200), rng.integers(0, len(vocab), 200)
        fresh = comparisons._code_sim(a, b, vocab, skeleton, 1)
        again = comparisons._code_sim(a, b, vocab, skeleton, 1, known=memo)
        assert again.tolist() == fresh.tolist()
