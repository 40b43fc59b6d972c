"""Edge lists that hold several graphs in one column (networkdata's ``graph``, a
``phase``) and the node lists beside them: `mapping suggest` says how many graphs the
file holds and drafts ``where:`` for the full one; `network: where:` reads one graph
(the other rows are rejects); a node list of another file's stem is never drafted, the
file's own is taken even when it lists each id once per graph. Small files built here
against hand-computed counts and networkx, then CAVIAR against its published figures."""

from __future__ import annotations

import shutil
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from linkgraph.model import Case
from tests.suggest_draft import run_cli, suggest_draft


def _cli(*args: str) -> str:
    code, output = run_cli(*args)
    assert code == 0, output
    return output


def _suggest(data: Path, tmp: Path) -> tuple[Path, str, dict]:
    """(draft path, its comment lines as one text, its YAML) drafted by `mapping suggest`."""
    draft, mapping = suggest_draft(data, tmp)
    text = draft.read_text(encoding="utf-8")
    comment = " ".join(ln[2:] for ln in text.splitlines() if ln.startswith("# "))
    return draft, comment, mapping


def _analyzed(data: Path, draft: Path, tmp: Path) -> tuple[pd.DataFrame, Case, str]:
    case = tmp / f"case_{data.stem}"
    output = _cli("ingest", str(data), "--mapping", str(draft), "-o", str(case))
    _cli("resolve", str(case), "-q")
    _cli("analyze", str(case), "-q")
    return pd.read_parquet(case / "metrics.parquet"), Case.read(case), " ".join(output.split())


# FULL holds every pair of the two phases (and 1-5 of its own); P2 has 4-6, also in FULL.
_ROWS = [
    ("FULL", "1", "2", 3), ("FULL", "2", "3", 1), ("FULL", "3", "4", 2), ("FULL", "4", "6", 1),
    ("FULL", "1", "5", 1), ("P1", "1", "2", 1), ("P1", "2", "3", 1), ("P2", "1", "2", 2),
    ("P2", "3", "4", 2), ("P2", "4", "6", 1),
]  # fmt: skip


def _several_graphs(folder: Path) -> Path:
    """gang__edges.csv of three graphs, its own node list (each id once per graph, node 7
    an isolate of FULL, node 8 only in P1's list) and another dataset's node list whose
    ids 1..40 cover every node."""
    data = folder / "gang__edges.csv"
    data.write_text(
        "graph,source,target,weight\n" + "".join(f"{g},{a},{b},{w}\n" for g, a, b, w in _ROWS),
        encoding="utf-8",
    )
    listed = {"FULL": "1 2 3 4 5 6 7", "P1": "1 2 3 8", "P2": "1 2 3 4 6"}
    (folder / "gang__nodes.csv").write_text(
        "graph,name\n" + "".join(f"{g},{n}\n" for g, ns in listed.items() for n in ns.split()),
        encoding="utf-8",
    )
    (folder / "other_study__nodes.csv").write_text(
        "graph,name,age\n" + "".join(f"OTHER,{i},30\n" for i in range(1, 41)), encoding="utf-8"
    )
    return data


def test_a_file_of_several_graphs_is_read_one_graph_at_a_time(tmp_path: Path) -> None:
    data = _several_graphs(tmp_path)
    draft, comment, mapping = _suggest(data, tmp_path)
    network = mapping["network"]
    assert network["where"] == {"graph": "FULL"}
    assert network["nodes"] == "gang__nodes.csv"  # its own, not other_study's
    assert "This file holds 3 graphs (values of 'graph': FULL, P1, P2)" in comment
    assert "Node lists of other files beside it are never taken: other_study__nodes.csv" in (
        comment
    )
    metrics, case, output = _analyzed(data, draft, tmp_path)
    # networkx on FULL's rows and FULL's node list
    full = nx.Graph()
    full.add_nodes_from("1234567")
    full.add_edges_from((a, b) for g, a, b, _ in _ROWS if g == "FULL")
    assert len(metrics) == full.number_of_nodes() == 7  # node 8 (P1's) not a node
    assert len(case.links) == full.number_of_edges() == 5
    weight = {
        tuple(sorted((case.mentions.set_index("mention_id").loc[s, "label"],
                      case.mentions.set_index("mention_id").loc[d, "label"]))): w
        for s, d, w in zip(case.links["src"], case.links["dst"], case.links["weight"],
                           strict=True)
    }  # fmt: skip
    assert weight[("1", "2")] == 3.0  # FULL's weight, not 3 + 1 + 2
    expected = nx.betweenness_centrality(full)
    got = dict(zip(metrics["label"], metrics["betweenness_centrality"], strict=True))
    assert got == pytest.approx(expected, abs=1e-12)
    assert "5 rejects (skipped_by_mapping: 5)" in output
    skipped = case.rejects[case.rejects["reason"] == "skipped_by_mapping"]
    assert sorted(skipped["row"]) == [6, 7, 8, 9, 10]
    assert set(skipped["column"]) == {"graph"}


def test_where_takes_a_list_and_a_missing_column_is_an_error(tmp_path: Path) -> None:
    data = _several_graphs(tmp_path)
    mapping = tmp_path / "phases.yaml"
    mapping.write_text(
        "format: edgelist\nnetwork: {source: source, target: target, weight: weight,"
        " directed: false, where: {graph: [p1, P2]}}\n",
        encoding="utf-8",
    )
    case = tmp_path / "case"
    _cli("ingest", str(data), "--mapping", str(mapping), "-o", str(case), "-q")
    links = Case.read(case).links
    assert len(links) == 4  # P1's and P2's rows: 1-2 (twice), 2-3, 3-4, 4-6
    assert sorted(links["weight"]) == [1.0, 1.0, 2.0, 3.0]  # 1-2: 1 + 2
    mapping.write_text(
        "format: edgelist\nnetwork: {source: source, target: target, where: {layer: P1}}\n",
        encoding="utf-8",
    )
    code, output = run_cli("ingest", str(data), "--mapping", str(mapping),
                           "-o", str(tmp_path / "c2"))  # fmt: skip
    assert code != 0
    assert "network.where column is missing" in output
    assert "layer" in output
    assert "Traceback" not in output


def test_graphs_with_no_full_one_read_the_largest_never_their_sum(tmp_path: Path) -> None:
    """No graph holds every pair of the others: the draft reads the one of the most pairs
    (WORK: 4 pairs, KIN 3), names the other and the lines to change, and never sums
    them (networkx on WORK's rows alone)."""
    kin = [("a", "b"), ("b", "c"), ("c", "d")]
    work = [("a", "c"), ("c", "e"), ("e", "f"), ("a", "b")]
    rows = [("KIN", a, b) for a, b in kin] + [("WORK", a, b) for a, b in work]
    data = tmp_path / "layers.csv"
    data.write_text(
        "graph,source,target\n" + "".join(f"{g},{a},{b}\n" for g, a, b in rows),
        encoding="utf-8",
    )
    draft, comment, mapping = _suggest(data, tmp_path)
    assert mapping["network"]["where"] == {"graph": "WORK"}
    assert "This file holds 2 graphs (values of 'graph': KIN, WORK); no one of them" in comment
    assert "reads only 'WORK', the graph of the most pairs (4 of the 6 pairs" in comment
    assert "change the value in that line to one of: KIN (or a list of them)" in comment
    assert "delete the where: line" in comment
    metrics, case, output = _analyzed(data, draft, tmp_path)
    graph = nx.Graph(work)
    assert len(metrics) == graph.number_of_nodes() == 5  # d (KIN's alone) is no node
    assert len(case.links) == graph.number_of_edges() == 4
    got = dict(zip(metrics["label"], metrics["betweenness_centrality"], strict=True))
    assert got == pytest.approx(nx.betweenness_centrality(graph), abs=1e-12)
    assert "3 rejects (skipped_by_mapping: 3)" in output


@pytest.fixture
def caviar(shared_datasets: Path, tmp_path: Path) -> Path:
    """CAVIAR's networkdata edge list beside its own node list and drugnet's (whose ids
    1..293 cover CAVIAR's), as the dataset's folder holds them."""
    folder = shared_datasets / "covert_networks_networkdata/csv"
    for name in ("covert_10__caviar__edges.csv", "covert_10__caviar__nodes.csv",
                 "covert_17__drugnet__nodes.csv"):  # fmt: skip
        shutil.copy(folder / name, tmp_path / name)
    return tmp_path / "covert_10__caviar__edges.csv"


def test_caviar_full_reproduces_the_published_graph(caviar: Path, tmp_path: Path) -> None:
    """README: CAVIAR_FULL 110 nodes, 205 edges; networkx on its rows: n1's betweenness
    0.6375, through suggest -> ingest -> analyze with the draft unedited. The draft takes
    CAVIAR's own node list (it lists ids once per graph), never drugnet's, and says the
    file holds 12 graphs. Skipped, saying so, where ../shared/datasets is absent."""
    draft, comment, mapping = _suggest(caviar, tmp_path)
    assert mapping["network"]["nodes"] == "covert_10__caviar__nodes.csv"
    assert "covert_17__drugnet__nodes.csv" in comment  # named as never taken
    assert "This file holds 12 graphs (values of 'graph': CAVIAR_FULL, CAVIAR1" in comment
    # CAVIAR_FULL lacks 62 of the phases' pairs, yet it is the graph the draft reads (the
    # one of the most pairs), naming the 11 others: the draft is used unedited.
    assert mapping["network"]["where"] == {"graph": "CAVIAR_FULL"}
    assert "205 of the 267 pairs of all graphs; 62 pairs of the others are not in it" in comment
    others = ", ".join(f"CAVIAR{i}" for i in sorted(range(1, 12), key=str))
    assert f"change the value in that line to one of: {others} (or a list" in comment
    metrics, case, _ = _analyzed(caviar, draft, tmp_path)
    edges = pd.read_csv(caviar, dtype=str)
    full = nx.Graph()
    full.add_edges_from(edges.loc[edges["graph"] == "CAVIAR_FULL", ["source", "target"]].values)
    assert len(metrics) == full.number_of_nodes() == 110
    ties = {frozenset(p) for p in zip(case.links["src"], case.links["dst"], strict=True)}
    assert len(ties) == full.number_of_edges() == 205
    got = dict(zip(metrics["label"], metrics["betweenness_centrality"], strict=True))
    assert got["1"] == pytest.approx(0.6375, abs=5e-5)
    assert got == pytest.approx(nx.betweenness_centrality(full), abs=1e-9)


def test_two_columns_of_ids_are_an_edge_list_not_a_register(tmp_path: Path) -> None:
    """``heldout_node,train_node``: 8 rows of pairs, held-out ids 1..4 each on several
    rows, training ids 10..14: 8 links among 9 nodes (hand-counted), never 4 "accounts"
    with the other column as an attribute."""
    rows = [(1, 10), (1, 11), (2, 10), (2, 12), (3, 11), (3, 13), (3, 14), (4, 10)]
    data = tmp_path / "heldout_edges_to_train.csv"
    data.write_text(
        "heldout_node,train_node\n" + "".join(f"{a},{b}\n" for a, b in rows), encoding="utf-8"
    )
    draft, comment, mapping = _suggest(data, tmp_path)
    assert "register" not in comment.replace("not a register", "")
    assert mapping["format"] == "edgelist"
    assert (mapping["network"]["source"], mapping["network"]["target"]) == (
        "heldout_node",
        "train_node",
    )
    case = tmp_path / "case"
    _cli("ingest", str(data), "--mapping", str(draft), "-o", str(case), "-q")
    read = Case.read(case)
    assert len(read.links) == 8
    assert sorted(read.mentions["label"], key=int) == ["1", "2", "3", "4", "10", "11", "12",
                                                       "13", "14"]  # fmt: skip
    assert "account" not in set(read.mentions["type"])
