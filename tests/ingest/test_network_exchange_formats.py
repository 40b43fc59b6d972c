"""Network exchange formats public datasets come in, read with no preset named: GML
(Newman's network data, igraph, Gephi), UCINET DL, igraph's ncol and Graphviz DOT."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case

# Newman's karate.gml shape: ids with labels, undirected, `value` weights; a role attribute.
_GML = """Creator "Mark Newman on Fri Jul 21 12:39:27 2006"
graph
[
  directed 0
  node
  [
    id 1
    label "Ana Rusu"
    role "victim"
  ]
  node
  [
    id 2
    label "Bogdan Pop"
  ]
  node
  [
    id 3
  ]
  edge
  [
    source 1
    target 2
    value 3
  ]
  edge
  [
    source 2
    target 3
    value 1
  ]
]
"""


def _cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def _ingest(path: Path, tmp_path: Path) -> Case:
    out = tmp_path / "case"
    code, output = _cli("ingest", path, "-o", out)
    assert code == 0, output
    return Case.read(out)


def _ties(case: Case) -> dict[tuple[str, str, str], float]:
    """Each link as ``(source label, target label, kind) -> weight``."""
    label = case.mentions.set_index("mention_id")["label"]
    return {(label[r.src], label[r.dst], r.kind): r.weight for r in case.links.itertuples()}


def test_gml_of_newman_shape_is_read_with_labels_weights_and_victims(tmp_path: Path) -> None:
    """An undirected GML graph: labels (a node without one by its id), `value` as weight,
    each edge one undirected `associate` tie; the victim's name is in no map."""
    path = tmp_path / "karate.gml"
    path.write_text(_GML, encoding="utf-8")
    case = _ingest(path, tmp_path)
    assert sorted(case.mentions["label"]) == ["3", "Ana Rusu", "Bogdan Pop"]
    roles = case.mentions.set_index("label")["role"]
    assert roles["Ana Rusu"] == "victim"
    assert _ties(case) == {
        ("Ana Rusu", "Bogdan Pop", "associate"): 3.0,
        ("Bogdan Pop", "3", "associate"): 1.0,
    }
    code, text = _cli("render", tmp_path / "case", "-o", tmp_path / "map.html")
    assert code == 0, text
    html = (tmp_path / "map.html").read_text(encoding="utf-8")
    assert "Bogdan Pop" in html
    assert "Ana Rusu" not in html


def test_directed_multigraph_gml_keeps_direction_kinds_and_both_edges(tmp_path: Path) -> None:
    """`directed 1`: directed links; an edge's `kind` names its kind; an edge written twice
    (with or without `multigraph 1`) is two links."""
    text = """graph [
  directed 1
  node [ id 0 label "Ivan" ]
  node [ id 1 label "Olena" ]
  edge [ source 1 target 0 weight 2 kind "paid" ]
  edge [ source 0 target 1 ]
  edge [ source 0 target 1 ]
]
"""
    path = tmp_path / "g.gml"
    path.write_text(text, encoding="utf-8")
    case = _ingest(path, tmp_path)
    label = case.mentions.set_index("mention_id")["label"]
    links = sorted((label[r.src], label[r.dst], r.kind, r.weight) for r in case.links.itertuples())
    assert links == [
        ("Ivan", "Olena", "contacted", 1.0),
        ("Ivan", "Olena", "contacted", 1.0),
        ("Olena", "Ivan", "paid", 2.0),
    ]


def test_a_broken_gml_file_is_an_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "bad.gml"
    path.write_text("graph [ node [ id 1 ] edge [ source 1 target 9 ] \n", encoding="utf-8")
    code, output = _cli("ingest", path, "-o", tmp_path / "case")
    assert code != 0
    assert "bad.gml" in output
    assert "not a readable GML file" in output


@pytest.mark.parametrize("name", ["g.gml", "g.dl", "g.dot"])
def test_mapping_suggest_says_a_network_file_needs_no_mapping(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(_GML if name.endswith("gml") else "dl n=1\ndata:\n0\n", encoding="utf-8")
    code, output = _cli("mapping", "suggest", path)
    assert code == 0, output
    assert "needs no mapping" in output
    assert f"linkgraph ingest {name} -o case/" in output
    assert "cannot tell the format" not in output


def test_ucinet_full_matrix_with_row_and_column_labels(tmp_path: Path) -> None:
    """A symmetric full matrix: one undirected tie per pair, its cell as weight."""
    path = tmp_path / "net.dl"
    path.write_text(
        "DL N=4\nFORMAT = FULLMATRIX DIAGONAL PRESENT\nROW LABELS:\nANA\nBOGDAN\nCRISTI\nDAN\n"
        "COLUMN LABELS:\nANA\nBOGDAN\nCRISTI\nDAN\nDATA:\n"
        "0 1 0 0\n1 0 2 0\n0 2 0 1\n0 0 1 0\n",
        encoding="utf-8",
    )
    case = _ingest(path, tmp_path)
    assert sorted(case.mentions["label"]) == ["ANA", "BOGDAN", "CRISTI", "DAN"]
    assert _ties(case) == {
        ("ANA", "BOGDAN", "associate"): 1.0,
        ("BOGDAN", "CRISTI", "associate"): 2.0,
        ("CRISTI", "DAN", "associate"): 1.0,
    }


def test_ucinet_asymmetric_matrix_with_embedded_labels_is_directed(tmp_path: Path) -> None:
    path = tmp_path / "emb.dl"
    path.write_text(
        'dl n=3 format=fullmatrix labels embedded\ndata:\n"Ana Pop" Bo Cri\n'
        '"Ana Pop" 0 1 0\nBo 0 0 4\nCri 1 0 0\n',
        encoding="utf-8",
    )
    assert _ties(_ingest(path, tmp_path)) == {
        ("Ana Pop", "Bo", "contacted"): 1.0,
        ("Bo", "Cri", "contacted"): 4.0,
        ("Cri", "Ana Pop", "contacted"): 1.0,
    }


def test_ucinet_edgelist1_by_number_with_labels_and_weights(tmp_path: Path) -> None:
    path = tmp_path / "el.dl"
    path.write_text(
        "dl n=4 format=edgelist1\nlabels:\nANA,BOGDAN,CRISTI,DAN\ndata:\n"
        "1 2 1\n2 3 2\n3 4\n4 1 5\n",
        encoding="utf-8",
    )
    assert _ties(_ingest(path, tmp_path)) == {
        ("ANA", "BOGDAN", "contacted"): 1.0,
        ("BOGDAN", "CRISTI", "contacted"): 2.0,
        ("CRISTI", "DAN", "contacted"): 1.0,
        ("DAN", "ANA", "contacted"): 5.0,
    }


def test_ucinet_two_mode_edgelist(tmp_path: Path) -> None:
    """`nr= nc=`: rows and columns are two node sets (a row and a column of one name are
    two nodes)."""
    path = tmp_path / "tm.dl"
    path.write_text(
        "dl nr=2, nc=2 format = edgelist2\nrow labels:\nana, bo\ncolumn labels:\nana meet\n"
        "data:\n1 1\n1 2 2\n2 2\n",
        encoding="utf-8",
    )
    case = _ingest(path, tmp_path)
    assert len(case.mentions) == 4
    assert sorted(_ties(case).values()) == [1.0, 1.0, 2.0]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("dl n=2 format=lowerhalf\ndata:\n1\n", "format 'lowerhalf' is not read"),
        ("dl n=2\ndata:\n0 x\n1 0\n", "row 3"),
        ("dl n=2\ndata:\n0 1 1\n1 0\n", "3 values in a row of 2"),
        ("dl n=2 format=edgelist1\ndata:\n1 7\n", "node 7 is outside 1..2"),
        ("dl n=2\nlabels:\na\n", "no `data:` section"),
    ],
)
def test_bad_ucinet_files_are_errors_naming_file_and_line(
    tmp_path: Path, text: str, said: str
) -> None:
    path = tmp_path / "bad.dl"
    path.write_text(text, encoding="utf-8")
    code, output = _cli("ingest", path, "-o", tmp_path / "case")
    assert code != 0
    assert "bad.dl" in output
    assert said in output


def test_ncol_is_read_as_a_weighted_edge_list(tmp_path: Path) -> None:
    path = tmp_path / "igraph.ncol"
    path.write_text("ana bogdan 3\nbogdan cristi 1.5\ncristi ana 1\n", encoding="utf-8")
    assert _ties(_ingest(path, tmp_path)) == {
        ("ana", "bogdan", "contacted"): 3.0,
        ("bogdan", "cristi", "contacted"): 1.5,
        ("cristi", "ana", "contacted"): 1.0,
    }


_DOT = """digraph G {
  "Ana" -> "Bogdan" [weight=3];
  "Bogdan" -> "Cristi";
  v1 [label="Dan Ionescu", role="victim"];
  v1 -> "Ana";
}
"""


def test_dot_is_read_with_pydot(tmp_path: Path) -> None:
    pytest.importorskip("pydot")
    path = tmp_path / "g.dot"
    path.write_text(_DOT, encoding="utf-8")
    case = _ingest(path, tmp_path)
    assert case.mentions.set_index("label")["role"]["Dan Ionescu"] == "victim"
    assert _ties(case) == {
        ("Ana", "Bogdan", "contacted"): 3.0,
        ("Bogdan", "Cristi", "contacted"): 1.0,
        ("Dan Ionescu", "Ana", "contacted"): 1.0,
    }


def test_undirected_dot_graph_gives_undirected_ties(tmp_path: Path) -> None:
    pytest.importorskip("pydot")
    path = tmp_path / "g.gv"
    path.write_text("graph { a -- b [weight=2]; }\n", encoding="utf-8")
    assert _ties(_ingest(path, tmp_path)) == {("a", "b", "associate"): 2.0}


def test_dot_without_pydot_is_refused_with_a_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pydot", None)  # as where pydot is not installed
    path = tmp_path / "g.dot"
    path.write_text(_DOT, encoding="utf-8")
    code, output = _cli("ingest", path, "-o", tmp_path / "case")
    assert code != 0
    assert "pydot package is not installed" in output
    assert "GraphML" in output


def test_a_broken_dot_file_is_an_error_naming_it(tmp_path: Path) -> None:
    pytest.importorskip("pydot")
    path = tmp_path / "bad.dot"
    path.write_text("digraph { a -> ; ", encoding="utf-8")
    code, output = _cli("ingest", path, "-o", tmp_path / "case")
    assert code != 0
    assert "bad.dot" in output
    assert "not a readable DOT file" in output


def test_ucinet_several_matrices_are_links_of_their_labels_as_kinds(tmp_path: Path) -> None:
    """`nm=2` with `matrix labels:`: each matrix's ties are of its label's kind; one matrix
    not symmetric makes the network directed."""
    path = tmp_path / "nm.dl"
    path.write_text(
        "dl n=3 nm=2\nlabels:\na b c\nmatrix labels:\ncalls, paid\ndata:\n"
        "0 1 0\n1 0 0\n0 0 0\n0 0 5\n0 0 0\n0 0 0\n",
        encoding="utf-8",
    )
    assert _ties(_ingest(path, tmp_path)) == {
        ("a", "b", "called"): 1.0,
        ("b", "a", "called"): 1.0,
        ("a", "c", "paid"): 5.0,
    }


def test_ucinet_matrix_without_its_diagonal(tmp_path: Path) -> None:
    """`diagonal absent`: each row holds n - 1 values; nodes without labels by number."""
    path = tmp_path / "da.dl"
    path.write_text(
        "dl n=3 format=fullmatrix diagonal absent\ndata:\n1 0\n1 2\n0 2\n", encoding="utf-8"
    )
    assert _ties(_ingest(path, tmp_path)) == {
        ("1", "2", "associate"): 1.0,
        ("2", "3", "associate"): 2.0,
    }


_UNDIRECTED_GRAPHML = """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="v_label" for="node" attr.name="label" attr.type="string"/>
  <key id="e_kind" for="edge" attr.name="kind" attr.type="string"/>
  <graph id="G" edgedefault="undirected">
    <node id="n0"><data key="v_label">Ana</data></node>
    <node id="n1"><data key="v_label">Bogdan</data></node>
    <node id="n2"><data key="v_label">Cristi</data></node>
    <edge source="n0" target="n1"/>
    <edge source="n1" target="n2"/>
    <edge source="n2" target="n0"><data key="e_kind">paid</data></edge>
  </graph>
</graphml>
"""


def test_an_undirected_graphml_gives_ties_and_keeps_an_edge_s_own_kind(tmp_path: Path) -> None:
    """igraph and networkx write an undirected graph with `edgedefault="undirected"` (the
    Kosmas et al. sex-trafficking networks): its edges are undirected ties, as in GML;
    an edge that names its kind (`paid`) keeps it, its direction coming from its kind."""
    path = tmp_path / "net.graphml"
    path.write_text(_UNDIRECTED_GRAPHML, encoding="utf-8")
    case = _ingest(path, tmp_path)
    label = dict(zip(case.mentions["mention_id"], case.mentions["label"], strict=True))
    links = sorted(
        (*sorted((label[s], label[d])), k)
        for s, d, k in zip(case.links["src"], case.links["dst"], case.links["kind"], strict=True)
    )
    # (an undirected graph keeps no written direction: the paid edge's ends are sorted)
    assert links == [
        ("Ana", "Bogdan", "associate"),
        ("Ana", "Cristi", "paid"),
        ("Bogdan", "Cristi", "associate"),
    ]
