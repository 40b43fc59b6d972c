"""Chunked scoring (resolve.chunked) gives what scoring all pairs at once gives, bit for bit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from linkgraph.ingest import Source, ingest
from linkgraph.model import Case
from linkgraph.pipeline import demo_config
from linkgraph.resolve import (
    ResolveConfig,
    block,
    chunked,
    comparisons,
    person_features,
    resolve,
    score_persons,
    scoring,
)
from linkgraph.resolve.comparisons import compare, reuse_features

from .factory import case_of, mention

_HALVES = ((0, 500), (500, None))


@pytest.fixture(scope="module")
def sample_case() -> Case:
    config = demo_config()
    return ingest(
        [
            Source(path=config.resolve_path(s.path), mapping=config.resolve_path(s.mapping))
            for s in config.sources
        ]
    )


@pytest.fixture(scope="module")
def sample_pairs(sample_case):
    m = sample_case.mentions
    persons = m[m["type"].astype(str) == "person"].reset_index(drop=True)
    features = person_features(persons)
    config = ResolveConfig()
    pairs, _ = block(features, config.blocking)
    left = pairs["left"].to_numpy(np.int64)
    right = pairs["right"].to_numpy(np.int64)
    assert len(left) > 1000  # enough pairs for several chunks and a sample
    return features, left, right


@pytest.mark.parametrize("em_sample", [1_000_000, 700])
def test_score_compact_equals_score_persons(sample_pairs, monkeypatch, em_sample):
    features, left, right = sample_pairs
    config = replace(ResolveConfig(), em_sample=em_sample)
    labels = np.full(len(left), -1, dtype=np.int8)
    labels[[3, 10]] = [1, 0]  # labelled pairs join EM's sample
    # The sample case has few exact-name pairs with dates: calibrate on them anyway.
    monkeypatch.setattr(scoring, "CALIBRATION_MIN_PAIRS", 2)
    full, model = score_persons(features, left, right, config, labels=labels)
    monkeypatch.setattr(chunked, "CHUNK", 257)  # several chunks, the last one short
    compact, compact_model = chunked.score_compact(features, left, right, config, labels=labels)
    assert compact_model.to_dict() == model.to_dict()
    assert model.name_calibration != 0  # the calibration is exercised
    for col in ("match_probability", "match_weight", "capped", "given_name_level"):
        np.testing.assert_array_equal(compact[col].to_numpy(), full[col].to_numpy(), err_msg=col)
    assert (compact["strong_rule"].astype(str) == full["strong_rule"].astype(str)).all()
    assert (full["strong_rule"].astype(str) != "").any()


def test_compare_reusing_features_equals_fresh(sample_pairs):
    features, left, right = sample_pairs
    names = ResolveConfig().comparisons
    fresh = compare(features, left, right, names)
    with reuse_features():
        parts = [
            compare(features, left[a:b], right[a:b], names) for a, b in ((0, 500), (500, None))
        ]
    pd.testing.assert_frame_equal(pd.concat(parts, ignore_index=True), fresh)


def test_resolve_same_entities_and_evidence_whatever_the_chunk(sample_case, monkeypatch):
    one = resolve(sample_case)
    monkeypatch.setattr(chunked, "CHUNK", 101)
    many = resolve(sample_case)
    pd.testing.assert_frame_equal(many.resolution, one.resolution)
    pd.testing.assert_frame_equal(many.evidence, one.evidence)


def test_person_evidence_in_chunks_equals_one_pass(sample_case, monkeypatch):
    """The person evidence made a few pairs at a time (several chunks, the last one
    short) is the evidence made in one pass."""
    import sys

    package = sys.modules["linkgraph.resolve"]  # the attribute ``resolve`` is the function
    one = resolve(sample_case)
    n_person = int((one.evidence["type"].astype(str) == "person").sum())
    assert n_person > 40
    monkeypatch.setattr(package, "EVIDENCE_CHUNK", 17)
    many = resolve(sample_case)
    pd.testing.assert_frame_equal(many.resolution, one.resolution)
    pd.testing.assert_frame_equal(many.evidence, one.evidence)


def test_narrowed_read_leaves_out_all_null_columns(tmp_path):
    case = case_of([mention(name="Ivan Petrov", phone="+380501112233"), mention(name="Ivan P")])
    case.write(tmp_path / "case")
    full = Case.read(tmp_path / "case")
    assert full.mentions["plate"].isna().all()
    narrow = Case.read(tmp_path / "case", columns={"mentions": ("mention_id", "plate", "phone")})
    assert list(narrow.mentions.columns) == ["mention_id", "phone"]
    assert narrow.mentions["phone"].notna().any()


def test_a_block_inside_another_reuses_its_work() -> None:
    from linkgraph.resolve.comparisons import _memo

    frame = pd.DataFrame({"a": [1]})
    made: list[str] = []

    def make(tag: str) -> Callable[[], str]:
        return lambda: made.append(tag) or tag

    with reuse_features():
        assert _memo(frame, "k", make("outer")) == "outer"
        with reuse_features():  # the person evidence inside the scoring's block
            assert _memo(frame, "k", make("inner")) == "outer"
        assert _memo(frame, "k", make("again")) == "outer"
    assert _memo(frame, "k", make("after")) == "after"  # outside any block: made afresh
    assert made == ["outer", "after"]


def test_resolve_with_shared_work_equals_resolve_without_it(sample_case, monkeypatch):
    shared = resolve(sample_case)
    monkeypatch.setattr(comparisons, "_memo", lambda features, key, make: make())
    fresh = resolve(sample_case)
    pd.testing.assert_frame_equal(shared.resolution, fresh.resolution)
    pd.testing.assert_frame_equal(shared.evidence, fresh.evidence)
