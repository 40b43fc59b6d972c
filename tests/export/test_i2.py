"""i2 export: the ANX parses as XML with the entity and link counts and types we wrote; the
import CSVs' columns match the import specification."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from lxml import etree

import linkgraph as lg
from linkgraph.export.i2 import i2_type
from linkgraph.model import Case
from tests.export.conftest import VICTIM_NAME
from tests.export.helpers import all_bytes, runs_as_formula


def _anx(path: Path) -> etree._Element:
    data = path.read_bytes()
    assert data.startswith(b"\xff\xfe")  # UTF-16 LE with BOM, as Analyst's Notebook writes
    return etree.fromstring(data)


def test_anx_holds_the_entities_and_links_we_wrote(case: Case, tmp_path: Path) -> None:
    out = tmp_path / "i2"
    lg.export(case, "i2", out)
    root = _anx(out / "chart.anx")
    graph = lg.build_graph(case)
    entities = root.findall(".//ChartItem/End/Entity")
    links = root.findall(".//ChartItem/Link")
    assert len(entities) == len(graph)
    assert len(links) == len(graph.edges)
    assert {e.get("Identity") for e in entities} == set(graph.entity_ids)
    icon_types = {s.get("Type") for s in root.findall(".//Entity/Icon/IconStyle")}
    assert icon_types == {i2_type(t) for t in graph.nodes["type"]}
    link_types = [s.get("Type") for s in root.findall(".//Link/LinkStyle")]
    assert sorted(link_types) == sorted(k.replace("_", " ") for k in graph.edges["kind"])
    declared = {t.get("Name") for t in root.findall(".//EntityTypeCollection/EntityType")}
    assert icon_types <= declared
    # every measure is an attribute of its entity
    met = case.metrics.set_index("entity_id")
    for item in root.iter("ChartItem"):
        entity = item.find("End/Entity")
        if entity is None:
            continue
        attrs = {a.get("AttributeClass"): a.get("Value") for a in item.iter("Attribute")}
        eid = entity.get("Identity")
        assert float(attrs["pagerank"]) == pytest.approx(met.at[eid, "pagerank"], rel=1e-12)
        assert int(attrs["community"]) == met.at[eid, "community"]
        assert item.get("SourceReference")  # provenance: source:row


def test_import_csvs_match_the_specification(case: Case, tmp_path: Path) -> None:
    out = tmp_path / "i2"
    lg.export(case, "i2", out)
    spec = json.loads((out / "import_specification.json").read_text())
    for part in ("entities", "links"):
        frame = pd.read_csv(out / spec[part]["file"], dtype=str, keep_default_na=False)
        assert list(frame.columns) == spec[part]["columns"]
        named = [v for k, v in spec[part].items() if k not in ("file", "columns", "attributes")]
        assert set(named) | set(spec[part]["attributes"]) <= set(frame.columns)
        cells = frame.to_numpy().ravel().tolist()
        assert not [c for c in cells if runs_as_formula(c)]
    entities = pd.read_csv(out / "entities.csv")
    assert len(entities) == len(lg.build_graph(case))
    assert set(entities["Entity Type"]) <= set(spec["entity_types"].values())


def test_i2_protects_victims_and_is_deterministic(case: Case, tmp_path: Path) -> None:
    first, second = tmp_path / "a" / "i2", tmp_path / "b" / "i2"
    lg.export(case, "i2", first)
    lg.export(case, "i2", second)
    assert all_bytes(first) == all_bytes(second)
    text = (first / "chart.anx").read_bytes().decode("utf-16")
    text += (first / "entities.csv").read_text()
    assert "Ivanova" not in text
    assert "Victim-" in text
    lg.export(case, "i2", tmp_path / "shown", show_victims=True)
    assert VICTIM_NAME in (tmp_path / "shown" / "chart.anx").read_bytes().decode("utf-16")
