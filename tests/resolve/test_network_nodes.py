"""Nodes of a network file are identities: resolution never merges two labels of one
edge list, however alike (the 'Ndrangheta summits, two IS members both "Abu ...").

Reference: networkx on the same file (the graph has one node per distinct label)."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from linkgraph.model import Case
from tests.suggest_draft import run_cli, suggest_draft

# Labels alike enough for the person model (phonetic names, one date apart), each a node.
EDGES = [
    ("Abu Mohammad al Anzari", "Abu Ali al Anbari"),
    ("Abu Ali al Anbari", "Abu Omar al Anzari"),
    ("Abu Omar al Anzari", "Abu Mohammad al Anbari"),
    ("18/10/2007 summit-dinner at la cadrega, Pioltello", "Ion Popescu"),
    ("29/11/2007 summit-dinner at la cadrega, Pioltello", "Ioan Popescu"),
    ("30/11/2007 summit-dinner at la cadrega, Pioltello", "Ion Popescu"),
    ("Ioan Popescu", "Abu Mohammad al Anzari"),
    ("Ion Popesku", "Ioan Popescu"),
    ("Maria Ionescu", "Marian Ionescu"),
    ("Mariana Ionescu", "Maria Ionescu"),
    ("Marian Ionescu", "Ion Popesku"),
]


def _edge_list(folder: Path, name: str, edges: list[tuple[str, str]]) -> Path:
    path = folder / name
    pd.DataFrame(edges, columns=["source", "target"]).to_csv(path, index=False)
    return path


def _through_cli(paths: list[Path], tmp_path: Path) -> Case:
    """suggest -> ingest (draft unedited) -> resolve -> analyze, as a user runs them."""
    case = tmp_path / "case"
    commands = []
    for path in paths:  # one ingest per mapping, each adding to the case
        draft, _ = suggest_draft(path, tmp_path)
        commands.append(["ingest", str(path), "--mapping", str(draft), "-o", str(case)])
    for command in [*commands, ["resolve", str(case)], ["analyze", str(case), "-q"]]:
        code, out = run_cli(*command)
        assert code == 0, out
    return Case.read(case)


def _reference(edges: list[tuple[str, str]]) -> nx.Graph:
    graph = nx.Graph()
    graph.add_edges_from(edges)
    return graph


def test_labels_of_one_edge_list_stay_apart(tmp_path):
    path = _edge_list(tmp_path, "cell.csv", EDGES)
    case = _through_cli([path], tmp_path)
    reference = _reference(EDGES)
    assert case.resolution["entity_id"].nunique() == reference.number_of_nodes() == 13
    assert len(case.metrics) == reference.number_of_nodes()
    betweenness = nx.betweenness_centrality(reference)
    shown = case.metrics.set_index("label")["betweenness_centrality"]
    for label, value in betweenness.items():
        assert shown[label] == pytest.approx(value, abs=1e-9)


def test_explain_says_why(tmp_path):
    path = _edge_list(tmp_path, "cell.csv", EDGES)
    case = _through_cli([path], tmp_path)
    ids = case.mentions.set_index("label")["mention_id"]
    code, out = run_cli("explain", str(tmp_path / "case"), ids["Ion Popescu"], ids["Ion Popesku"])
    assert code == 0, out
    assert "Resolved as DIFFERENT entities" in out
    if "decision: refused" in out:
        assert "both are nodes of the network file cell.csv" in out


def test_one_label_in_two_files_is_one_entity(tmp_path):
    """Across network files two nodes are one person only under one label (and when the
    person model agrees): the same name in two files is one entity, a spelling close to
    another file's label is not; one entity holds at most one node of each file."""
    first = _edge_list(tmp_path, "phase1.csv", EDGES[:6])
    second = _edge_list(tmp_path, "phase2.csv", EDGES[6:])
    case = _through_cli([first, second], tmp_path)
    merged = case.resolution.merge(case.mentions[["mention_id", "label", "source"]])
    per_entity = merged.groupby("entity_id")["source"]
    assert per_entity.apply(lambda s: s.duplicated().any()).sum() == 0
    # Ioan Popescu and Abu Mohammad al Anzari are in both files: one entity each.
    for label in ("Ioan Popescu", "Abu Mohammad al Anzari"):
        assert merged.loc[merged["label"] == label, "entity_id"].nunique() == 1
    assert merged["entity_id"].nunique() == _reference(EDGES).number_of_nodes()


def test_ndrangheta_edge_list_matches_networkx(shared_datasets, tmp_path):
    """covert_33 (persons x summits as an edge list, with its node list): 203 nodes, 455
    edges, 6 components, as networkx and the dataset README have it."""
    folder = shared_datasets / "covert_networks_networkdata" / "csv"
    stem = "covert_33__ndrangheta_mafia_2"
    if not (folder / f"{stem}__edges.csv").is_file():
        pytest.skip(f"{stem}__edges.csv not in {folder}")
    for suffix in ("edges", "nodes"):
        (tmp_path / f"{stem}__{suffix}.csv").write_bytes(
            (folder / f"{stem}__{suffix}.csv").read_bytes()
        )
    case = _through_cli([tmp_path / f"{stem}__edges.csv"], tmp_path)
    edges = pd.read_csv(folder / f"{stem}__edges.csv")
    nodes = pd.read_csv(folder / f"{stem}__nodes.csv")
    reference = nx.Graph()
    reference.add_nodes_from(nodes["name"])
    reference.add_edges_from(edges[["source", "target"]].to_numpy())
    assert case.resolution["entity_id"].nunique() == reference.number_of_nodes() == 203
    stats = json.loads(json.dumps(case.manifest["steps"][-1].get("graph_statistics", {})))
    if stats:
        assert stats["components"] == nx.number_connected_components(reference) == 6
    assert len(case.metrics) == 203


# Companies of one edge list whose names differ by a legal form or a letter: each a node.
COMPANY_TIES = [
    ("Ion Popescu", "Alpha Trading Ltd"),
    ("Maria Ionescu", "Alpha Trading Co"),
    ("Vasile Radu", "Alpha Trading Ltd"),
    ("Ana Pop", "Beta Logistics SRL"),
    ("Ana Pop", "Beta Logistic SRL"),
]
COMPANIES = ["Alpha Trading Ltd", "Alpha Trading Co", "Beta Logistics SRL", "Beta Logistic SRL"]


def _companies_network(folder: Path) -> Path:
    """An edge list of persons and companies, with a node list typing the companies."""
    path = _edge_list(folder, "net__edges.csv", COMPANY_TIES)
    persons = sorted({p for p, _ in COMPANY_TIES})
    types = ["person"] * len(persons) + ["organisation", "company", "company", "organisation"]
    pd.DataFrame({"name": persons + COMPANIES, "type": types}).to_csv(
        folder / "net__nodes.csv", index=False
    )
    return path


def test_organisation_nodes_of_one_file_stay_apart(tmp_path):
    """Nodes typed as organisations keep the identity their file gives them: 'Alpha
    Trading Ltd' and 'Alpha Trading Co' (one normalised name) are two nodes, as are
    'Beta Logistics SRL' and 'Beta Logistic SRL' (similar names)."""
    case = _through_cli([_companies_network(tmp_path)], tmp_path)
    reference = _reference(COMPANY_TIES)
    merged = case.resolution.merge(case.mentions[["mention_id", "label", "type"]])
    assert sorted(merged.loc[merged["type"] == "organisation", "label"]) == sorted(COMPANIES)
    assert merged["entity_id"].nunique() == reference.number_of_nodes() == 8
    shown = case.metrics.set_index("label")["betweenness_centrality"]
    for label, value in nx.betweenness_centrality(reference).items():
        assert shown[label] == pytest.approx(value, abs=1e-9)


def test_organisation_node_meets_a_register_only_under_its_label(tmp_path):
    """A register's company joins a node of its very label (case aside), never a node of
    another label by normalised or similar name."""
    network = _companies_network(tmp_path)
    register = tmp_path / "companies.csv"
    pd.DataFrame({"company_name": ["ALPHA TRADING LTD", "Alpha Trading Company"]}).to_csv(
        register, index=False
    )
    case = _through_cli([network, register], tmp_path)
    merged = case.resolution.merge(case.mentions[["mention_id", "label"]])
    entity = merged.groupby("label")["entity_id"].first()
    assert entity["ALPHA TRADING LTD"] == entity["Alpha Trading Ltd"]
    assert entity["Alpha Trading Company"] not in {entity[c] for c in COMPANIES}
    assert len({entity[c] for c in COMPANIES}) == 4
    # 8 nodes, the register's 'Alpha Trading Company' on its own
    assert merged["entity_id"].nunique() == 9
