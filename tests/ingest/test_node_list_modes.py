"""Node lists as published beside edge lists: igraph's two-mode ``type`` flag (FALSE/TRUE)
and header-less ``id,label`` lists (with a BOM), read through suggest -> ingest unedited.

References: hand-counted nodes and kinds, and networkx's bipartite projection."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pandas as pd
from networkx.algorithms import bipartite

from linkgraph.model import Case
from tests.suggest_draft import run_cli, suggest_draft

# summit -> person, as igraph writes a bipartite graph (each summit attended by 2-3 persons)
ATTENDANCE = [
    ("12/03/2008 summit at Paderno", "Rossi Mario"),
    ("12/03/2008 summit at Paderno", "Rossi Marco"),
    ("13/03/2008 summit at Paderno", "Rossi Marco"),
    ("13/03/2008 summit at Paderno", "Bianchi Luca"),
    ("13/03/2008 summit at Paderno", "Verdi Anna"),
    ("30/10/2008 dinner at la Rete", "Verdi Anna"),
    ("30/10/2008 dinner at la Rete", "Rossi Mario"),
]


def _ingest(edges: Path, tmp_path: Path) -> tuple[Case, str]:
    draft, _ = suggest_draft(edges, tmp_path)
    case = tmp_path / "case"
    code, out = run_cli("ingest", str(edges), "--mapping", str(draft), "-o", str(case))
    assert code == 0, out
    return Case.read(case), out


def test_igraph_type_flag_makes_summits_events(tmp_path):
    edges = tmp_path / "net__edges.csv"
    pd.DataFrame(ATTENDANCE, columns=["source", "target"]).to_csv(edges, index=False)
    summits = sorted({s for s, _ in ATTENDANCE})
    persons = sorted({p for _, p in ATTENDANCE} | {"Neri Paolo"})  # one isolate
    nodes = pd.DataFrame(
        {"name": persons + summits, "type": ["FALSE"] * len(persons) + ["TRUE"] * len(summits)}
    )
    nodes.to_csv(tmp_path / "net__nodes.csv", index=False)
    case, out = _ingest(edges, tmp_path)
    kinds = case.mentions.set_index("label")["type"]
    assert sorted(kinds[kinds == "event"].index) == summits
    assert sorted(kinds[kinds == "person"].index) == persons
    assert "two-mode network" in out
    assert "'type'" in out
    assert set(case.links["kind"]) == {"attended"}
    # every tie from the person to the summit
    label = case.mentions.set_index("mention_id")["label"]
    assert set(case.links["src"].map(label)) <= set(persons)
    # co-attendance as networkx projects the bipartite graph
    code, text = run_cli("resolve", str(tmp_path / "case"))
    assert code == 0, text
    code, text = run_cli("analyze", str(tmp_path / "case"), "-q", "--project-onto", "person")
    assert code == 0, text
    graph = nx.Graph()
    graph.add_nodes_from(persons, bipartite=0)
    graph.add_nodes_from(summits, bipartite=1)
    graph.add_edges_from(ATTENDANCE)
    projected = bipartite.projected_graph(graph, persons)
    assert f"{projected.number_of_nodes()} entities, {projected.number_of_edges()} edges" in text


def test_headerless_node_list_names_and_roles(tmp_path):
    edges = tmp_path / "Data.txt"
    edges.write_text("0 1\n0 2\n1 2\n2 3\n3 4\n", encoding="utf-8")
    labels = ["Cuidador 1", "Explotador 1", "Reclutador 1", "Víctima reclutador 1", "Guia 1"]
    (tmp_path / "labels.csv").write_text(
        "\ufeff" + "".join(f"{i},{name}\n" for i, name in enumerate(labels)), encoding="utf-8"
    )
    case, _ = _ingest(edges, tmp_path)
    assert sorted(case.mentions["label"]) == sorted(labels)
    by_label = case.mentions.set_index("label")
    assert by_label.loc["Víctima reclutador 1", "role"] == "victim"
    assert pd.isna(by_label.loc["Explotador 1", "role"])
    assert '"node_id": "3"' in by_label.loc["Víctima reclutador 1", "attrs"]
    # the victim is shown by a pseudonym, not her label
    code, text = run_cli("analyze", str(tmp_path / "case"), "--top", "10")
    assert code == 0, text
    assert "Víctima reclutador 1" not in text
    assert "Explotador 1" in text


def test_headerless_node_list_keeps_other_columns(tmp_path):
    edges = tmp_path / "net.txt"
    edges.write_text("1 2\n2 3\n", encoding="utf-8")
    (tmp_path / "nodes.csv").write_text("1,Ana,north\n2,Bogdan,south\n3,Chen,north\n")
    draft = tmp_path / "net.yaml"
    draft.write_text(
        "format: edgelist\nheader: false\nnetwork:\n  source: 0\n  target: 1\n"
        "  directed: false\n  nodes: nodes.csv\n",
        encoding="utf-8",
    )
    code, out = run_cli("ingest", str(edges), "--mapping", str(draft), "-o", str(tmp_path / "c"))
    assert code == 0, out
    mentions = Case.read(tmp_path / "c").mentions.set_index("label")
    assert sorted(mentions.index) == ["Ana", "Bogdan", "Chen"]
    assert '"column_3": "south"' in mentions.loc["Bogdan", "attrs"]


def test_a_role_not_understood_on_nodes_counts_the_nodes(tmp_path):
    """A node list's role column with a word the project does not know: the warning counts
    the nodes (round 16, R10: it said "1 row, row 0" for 67 nodes)."""
    edges = tmp_path / "net__edges.csv"
    pairs = [("1", "2"), ("2", "3"), ("3", "4"), ("4", "1"), ("1", "3")]
    pd.DataFrame(pairs, columns=["source", "target"]).to_csv(edges, index=False)
    nodes = tmp_path / "net__nodes.csv"
    roles = {"1": "aff", "2": "aff", "3": "aff", "4": "victim"}
    pd.DataFrame({"id": list(roles), "role": list(roles.values())}).to_csv(nodes, index=False)
    _, out = _ingest(edges, tmp_path)
    assert "role 'aff' not understood (3 nodes)" in out
    assert "row 0" not in out


def _draft_comment(edges: Path, tmp_path: Path) -> str:
    """The comment of the draft `mapping suggest` writes for ``edges``, as one line."""
    draft, _ = suggest_draft(edges, tmp_path)
    lines = draft.read_text(encoding="utf-8").splitlines()
    return " ".join(ln[2:] for ln in lines if ln.startswith("# "))


def test_two_mode_draft_says_which_nodes_are_events(tmp_path):
    """The draft's comment for an igraph two-mode node list names the summits as events
    read as `attended`, never 'each label ... a person'; ingest does what it says."""
    edges = tmp_path / "net__edges.csv"
    pd.DataFrame(ATTENDANCE, columns=["source", "target"]).to_csv(edges, index=False)
    persons = sorted({p for _, p in ATTENDANCE})
    summits = sorted({s for s, _ in ATTENDANCE})  # 3 summits
    pd.DataFrame(
        {"name": persons + summits, "type": ["FALSE"] * len(persons) + ["TRUE"] * len(summits)}
    ).to_csv(tmp_path / "net__nodes.csv", index=False)
    comment = _draft_comment(edges, tmp_path)
    assert "one node, a person (node_type)" not in comment
    assert "Each distinct label is one node: a person (node_type), except the nodes" in comment
    assert "column 'type' types otherwise (a two-mode network): 3 as events, not persons" in (
        comment
    )
    assert "A tie between a person and an event is read as `attended`, from the person" in (comment)
    case, _ = _ingest(edges, tmp_path)
    kinds = case.mentions.set_index("mention_id")["type"]
    assert (kinds == "event").sum() == 3
    assert set(case.links["kind"]) == {"attended"}
    assert set(case.links["src"].map(kinds)) == {"person"}


def test_two_mode_draft_names_organisations_by_their_type_words(tmp_path):
    """A node list whose type column says organisation or company: the draft says 2
    organisations, ties to them read as `member_of`."""
    edges = tmp_path / "net__edges.csv"
    ties = [("Ion Popescu", "Alpha Trading Ltd"), ("Ana Pop", "Beta Logistics SRL"),
            ("Ion Popescu", "Ana Pop")]  # fmt: skip
    pd.DataFrame(ties, columns=["source", "target"]).to_csv(edges, index=False)
    pd.DataFrame(
        {
            "name": ["Ion Popescu", "Ana Pop", "Alpha Trading Ltd", "Beta Logistics SRL"],
            "type": ["person", "person", "organisation", "company"],
        }
    ).to_csv(tmp_path / "net__nodes.csv", index=False)
    comment = _draft_comment(edges, tmp_path)
    assert "2 as organisations, not persons" in comment
    assert "a person and an organisation is read as `member_of`" in comment
    case, _ = _ingest(edges, tmp_path)
    by_kind = case.links["kind"].value_counts().to_dict()
    assert by_kind == {"member_of": 2, "contacted": 1}
