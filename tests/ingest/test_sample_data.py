"""Every file of the committed sample case ingests cleanly through its mapping."""

from __future__ import annotations

import json

import pandas as pd
import pytest
import yaml

from linkgraph.ingest import Source, ingest


@pytest.fixture(scope="module")
def sample_case(sample_data):
    config = yaml.safe_load((sample_data / "pipeline.yaml").read_text(encoding="utf-8"))
    sources = [
        Source(sample_data / s["path"], mapping=sample_data / s["mapping"])
        for s in config["sources"]
    ]
    return ingest(sources), config


def test_every_sample_file_ingests(sample_case):
    case, config = sample_case
    names = {i["name"] for i in case.manifest["inputs"]}
    assert names == {s["path"] for s in config["sources"]}
    for info in case.manifest["inputs"]:
        assert info["rows"] > 0, info
        assert info["mentions"] > 0, info
        # only deliberate dirt (HTML in scraped text) is rejected
        assert set(info["rejects"]) <= {"html", "formula"}, info


def test_every_mention_traces_to_its_row(sample_case, sample_data):
    case, _ = sample_case
    m = case.mentions
    assert m["raw"].notna().all()
    assert m["row"].notna().all()
    assert m["mention_id"].is_unique
    assert case.links["link_id"].is_unique
    arrests = pd.read_csv(sample_data / "arrests.csv", dtype=str, keep_default_na=False)
    row = m[m["source"] == "arrests.csv"].iloc[0]
    raw = json.loads(row["raw"])
    assert {k: v or "" for k, v in raw.items()} == arrests.iloc[int(row["row"]) - 1].to_dict()
    person = m[m["type"] == "person"]
    assert person["name"].notna().all()
    assert person["name_latin"].notna().all()
    assert m.loc[m["type"] == "phone", "identifier"].str.startswith("+").mean() > 0.95
    ids = set(m["mention_id"])
    assert case.links["src"].isin(ids).all()
    assert case.links["dst"].isin(ids).all()
