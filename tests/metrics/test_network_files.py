"""Network files as researchers publish them, through ingest + analyze: two-mode data
('Ndrangheta "Infinito"), symmetric matrices (Siren), edge lists with isolates (Drugnet),
brokerage without countries, and person-phone-phone-person projections."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case

from .conftest import case_of


def _run(*args: str) -> str:
    out = CliRunner().invoke(cli, list(args))
    assert out.exit_code == 0, out.output
    return out.output


def _ndrangheta_truth(root: Path) -> tuple[int, int, int]:
    """(persons, persons with a summit, co-attendance pairs) computed from the matrix."""
    m = pd.read_csv(root / "ndrangheta_infinito/raw_2mode/NDRANGHETAMAFIA_2M.csv",
                    index_col=0, encoding="utf-8-sig")  # fmt: skip
    a = (m.to_numpy() > 0).astype(int)
    co = a @ a.T
    np.fill_diagonal(co, 0)
    return len(m), int((a.sum(axis=1) > 0).sum()), int((co > 0).sum() // 2)


def test_two_mode_matrix_keeps_one_entity_per_label(shared_datasets: Path, tmp_path: Path) -> None:
    persons, attending, pairs = _ndrangheta_truth(shared_datasets)
    assert (persons, attending, pairs) == (156, 151, 1619)  # the dataset README's counts
    mapping = tmp_path / "twomode.yaml"
    mapping.write_text("format: matrix\nnetwork: {node_type: person, target_type: event, "
                       "kind: attended}\n")  # fmt: skip
    src = shared_datasets / "ndrangheta_infinito/raw_2mode/NDRANGHETAMAFIA_2M.csv"
    case = tmp_path / "case"
    _run("ingest", str(src), "--mapping", str(mapping), "-o", str(case), "-q")
    _run("resolve", str(case), "-q")  # a label stays one entity through resolution
    _run("analyze", str(case), "--project-onto", "person", "-q")
    m = pd.read_parquet(case / "metrics.parquet")
    assert len(m) == persons
    assert m["label"].is_unique
    assert int((m["degree"] > 0).sum()) == attending
    assert m["degree"].sum() / 2 == pairs
    whole = Case.read(case)
    assert whole.mentions["type"].value_counts().to_dict() == {"person": 156, "event": 47}


def test_two_mode_edge_list(shared_datasets: Path, tmp_path: Path) -> None:
    """The same data as a long person,summit list: one row per attendance."""
    m = pd.read_csv(shared_datasets / "ndrangheta_infinito/raw_2mode/NDRANGHETAMAFIA_2M.csv",
                    index_col=0, encoding="utf-8-sig")  # fmt: skip
    long = m.stack()
    long = long[long > 0].reset_index()
    long.columns = ["person", "summit", "attended"]
    path = tmp_path / "attendance.csv"
    long[["person", "summit"]].to_csv(path, index=False)
    mapping = tmp_path / "long.yaml"
    mapping.write_text("format: edgelist\nnetwork: {source: person, target: summit, "
                       "node_type: person, target_type: event, kind: attended}\n")  # fmt: skip
    case = tmp_path / "case"
    _run("ingest", str(path), "--mapping", str(mapping), "-o", str(case), "-q")
    _run("analyze", str(case), "--project-onto", "person", "-q")
    metrics = pd.read_parquet(case / "metrics.parquet")
    assert len(metrics) == 151
    assert metrics["degree"].sum() / 2 == 1619


def test_symmetric_matrix_counts_each_tie_once(shared_datasets: Path, tmp_path: Path) -> None:
    src = shared_datasets / "ucinet_criminal_matrices/morselli_siren.csv"
    case = tmp_path / "siren"
    _run("ingest", str(src), "--preset", "matrix", "-o", str(case), "-q")
    assert len(Case.read(case).links) == 103  # the README's undirected edges
    output = _run("analyze", str(case), "-q")
    m = pd.read_parquet(case / "metrics.parquet")
    assert (m["strength"] == m["degree"]).all()
    assert m["degree"].sum() / 2 == 103
    # No countries in a network file: brokerage is counted over communities, and says so.
    step = Case.read(case).manifest["steps"][-1]
    assert step["algorithms"]["brokerage"]["groups"] == "community (no countries in the data)"
    assert m["brokerage"].sum() > 0
    assert "brokerage roles by community" in output


def test_edge_list_keeps_isolates(shared_datasets: Path, tmp_path: Path) -> None:
    folder = shared_datasets / "covert_networks_networkdata/csv"
    nodes = pd.read_csv(folder / "covert_17__drugnet__nodes.csv")
    edges = pd.read_csv(folder / "covert_17__drugnet__edges.csv")
    (tmp_path / "drugnet_nodes.csv").write_text(nodes.to_csv(index=False))
    (tmp_path / "drugnet_edges.csv").write_text(edges.to_csv(index=False))
    mapping = tmp_path / "drugnet.yaml"
    mapping.write_text("format: edgelist\nnetwork: {source: source, target: target, "
                       "directed: false, nodes: drugnet_nodes.csv}\n")  # fmt: skip
    case = tmp_path / "case"
    _run("ingest", str(tmp_path / "drugnet_edges.csv"), "--mapping", str(mapping),
         "-o", str(case), "-q")  # fmt: skip
    _run("analyze", str(case), "-q")
    m = pd.read_parquet(case / "metrics.parquet")
    assert len(m) == len(nodes) == 293
    pairs = {tuple(sorted(p)) for p in zip(edges["source"], edges["target"], strict=True)}
    assert m["degree"].sum() / 2 == len(pairs)
    assert int((m["degree"] == 0).sum()) == 293 - len(set(edges["source"]) | set(edges["target"]))


def test_one_node_rows_are_isolates(tmp_path: Path) -> None:
    path = tmp_path / "edges.txt"
    path.write_text("a b\nb c\nd\n")
    case = tmp_path / "case"
    _run("ingest", str(path), "--preset", "edgelist", "-o", str(case), "-q")
    read = Case.read(case)
    assert sorted(read.mentions["label"]) == ["a", "b", "c", "d"]
    assert read.rejects.empty


def test_projection_carries_calls_between_phones(tmp_path: Path) -> None:
    """ana uses ph1, ben ph2, cy ph3; ph1 called ph2 three times, ph2 called ph3 once."""
    people = {"m:ana": "person", "m:ben": "person", "m:cy": "person",
              "m:ph1": "phone", "m:ph2": "phone", "m:ph3": "phone"}  # fmt: skip
    case = case_of(people, [("m:ana", "m:ph1", "uses_phone"), ("m:ben", "m:ph2", "uses_phone"),
                            ("m:cy", "m:ph3", "uses_phone"), ("m:ph1", "m:ph2", "called"),
                            ("m:ph1", "m:ph2", "called"), ("m:ph1", "m:ph2", "called"),
                            ("m:ph2", "m:ph3", "called")])  # fmt: skip
    case_dir = case.write(tmp_path / "case")
    _run("analyze", str(case_dir), "--project-onto", "person", "--unweighted", "-q")
    m = pd.read_parquet(case_dir / "metrics.parquet").set_index("label")
    assert m["degree"].to_dict() == {"Ana": 1.0, "Ben": 2.0, "Cy": 1.0}
    assert m.loc["Ben", "betweenness_centrality"] == pytest.approx(1.0)
    _run("keyplayers", str(case_dir), "-k", "1", "--by", "fragmentation",
         "--project-onto", "person")  # fmt: skip
    kp = pd.read_csv(case_dir / "keyplayers.csv")
    assert kp["label"].iloc[1] == "Ben"
    assert kp["fragmentation"].iloc[1] == pytest.approx(1.0)


def test_projection_keeps_call_counts_and_direction() -> None:
    from linkgraph.graph import build_graph
    from linkgraph.metrics.projection import project_contacts

    people = {"m:ana": "person", "m:ben": "person", "m:ph1": "phone", "m:ph2": "phone"}
    links = [("m:ana", "m:ph1", "uses_phone"), ("m:ben", "m:ph2", "uses_phone"),
             ("m:ph2", "m:ph1", "called"), ("m:ph2", "m:ph1", "called")]  # fmt: skip
    case = case_of(people, links)
    g = project_contacts(build_graph(case), onto="person", via=["phone"])
    e = g.edges.iloc[0]
    assert (e["src"], e["dst"], e["kind"], e["count"]) == ("m:ben", "m:ana", "called", 2)
    assert json.loads(e["via"]) == ["m:ph2>m:ph1"]
