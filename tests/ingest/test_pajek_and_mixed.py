"""Pajek networks, and files of several kinds that each name their reading, in one ingest."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pandas as pd
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case

_PAJEK = """% seized phone, exported from Pajek
*Vertices 4
1 "Ivan Petrenko"
2 "Olena K"
3 "Andrei Pop"
4 "+40 721 000 111"
*Arcs
1 2 3
3 2 1
*Edges
1 3 5
3 4 1
"""


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["ingest", *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_a_pajek_network_is_read_by_its_extension(tmp_path: Path) -> None:
    """A .net file starting with *Vertices is read as a graph with no --preset: vertex
    labels as labels, arcs and edges as weighted links; a vertex labelled with a phone
    number is a phone."""
    path = tmp_path / "net.net"
    path.write_text(_PAJEK, encoding="utf-8")
    out = tmp_path / "case"
    code, output = _run(str(path), "-o", str(out))
    assert code == 0, output
    case = Case.read(out)
    types = case.mentions.set_index("label")["type"].to_dict()
    assert types == {
        "Ivan Petrenko": "person", "Olena K": "person", "Andrei Pop": "person",
        "+40 721 000 111": "phone",
    }  # fmt: skip
    label = case.mentions.set_index("mention_id")["label"]
    weights = {(label[r.src], label[r.dst]): r.weight for r in case.links.itertuples()}
    assert weights == {
        ("Ivan Petrenko", "Olena K"): 3.0,
        ("Andrei Pop", "Olena K"): 1.0,
        ("Ivan Petrenko", "Andrei Pop"): 5.0,
        ("Andrei Pop", "+40 721 000 111"): 1.0,
    }
    # One written by networkx comes in too.
    g = nx.DiGraph([("a", "b"), ("b", "c")])
    nx.write_pajek(g, tmp_path / "nx.paj")
    code, output = _run(str(tmp_path / "nx.paj"), "-o", str(tmp_path / "nx"))
    assert code == 0, output
    assert len(Case.read(tmp_path / "nx").links) == 2


def test_a_pajek_network_read_as_an_edge_list_is_refused(tmp_path: Path) -> None:
    """Read with --preset edgelist, its *Vertices and *Arcs lines would be persons and
    its vertex lines edges: refused, naming the file and the preset that reads it. (Named
    .txt, it is read as Pajek: see test_suggest_network.)"""
    path = tmp_path / "net.csv"
    path.write_text(_PAJEK, encoding="utf-8")
    code, output = _run(str(path), "--preset", "edgelist", "-o", str(tmp_path / "case"))
    assert code != 0
    assert "net.csv" in output
    assert "Pajek" in output
    assert "--preset pajek" in output


_CHART = """<?xml version="1.0" encoding="utf-8"?>
<Chart><ChartItemCollection>
<ChartItem Label="Andrii Melnyk"><End><Entity EntityId="p"><Icon><IconStyle Type="Person"/>
</Icon></Entity></End></ChartItem>
</ChartItemCollection></Chart>
"""
_VCARD = "BEGIN:VCARD\nVERSION:3.0\nFN:Olena Kravets\nTEL:+380671234567\nEND:VCARD\n"


def test_files_of_several_kinds_each_read_through_their_own_preset(tmp_path: Path) -> None:
    """An i2 chart, a vCard list and a Pajek network in one ingest with no preset: each
    is read through the preset of its kind (before: "give exactly one of --preset")."""
    (tmp_path / "chart.anx").write_text(_CHART, encoding="utf-8")
    (tmp_path / "contacts.vcf").write_text(_VCARD, encoding="utf-8")
    (tmp_path / "net.net").write_text(_PAJEK, encoding="utf-8")
    out = tmp_path / "case"
    files = [str(tmp_path / n) for n in ("chart.anx", "contacts.vcf", "net.net")]
    code, output = _run(*files, "--region", "UA", "-o", str(out))
    assert code == 0, output
    m = Case.read(out).mentions
    by_source = m.groupby("source")["label"].apply(sorted).to_dict()
    assert by_source["chart.anx"] == ["Andrii Melnyk"]
    assert "Olena Kravets" in by_source["contacts.vcf"]
    assert len(by_source["net.net"]) == 4
    # A file that names no reading among them still needs one.
    (tmp_path / "calls.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    code, output = _run(files[0], str(tmp_path / "calls.csv"), "-o", str(tmp_path / "c2"))
    assert code != 0
    assert "--preset" in output


def test_pajek_edges_are_undirected_ties_and_arcs_directed(tmp_path: Path) -> None:
    """In Pajek only *Arcs are directed: a star of *Edges around Ana is three undirected
    ties (kind associate), the *Arcs line Bogdan -> Cristi one directed contact; an
    *Edgeslist line is a node's undirected ties. Degrees by hand: Ana 3 (Bogdan, Cristi,
    Dan), Bogdan 2, Cristi 2, Dan 1; Ana, whom no arc points away from, ranks first."""
    path = tmp_path / "star.net"
    path.write_text(
        '*Vertices 4\n1 "Ana"\n2 "Bogdan"\n3 "Cristi"\n4 "Dan"\n'
        "*Arcs\n2 3 1\n*Edges\n1 2 2\n1 3 1\n*Edgeslist\n1 4\n",
        encoding="utf-8",
    )
    case = tmp_path / "case"
    code, output = _run(str(path), "-o", str(case))
    assert code == 0, output
    links = Case.read(case).links
    label = Case.read(case).mentions.set_index("mention_id")["label"]
    kinds = {(label[r.src], label[r.dst]): (r.kind, r.weight) for r in links.itertuples()}
    assert kinds == {
        ("Bogdan", "Cristi"): ("contacted", 1.0),
        ("Ana", "Bogdan"): ("associate", 2.0),
        ("Ana", "Cristi"): ("associate", 1.0),
        ("Ana", "Dan"): ("associate", 1.0),
    }
    result = CliRunner().invoke(cli, ["analyze", str(case), "-q"])
    assert result.exit_code == 0, result.output
    metrics = pd.read_parquet(case / "metrics.parquet").set_index("label")
    assert metrics["degree"].to_dict() == {"Ana": 3, "Bogdan": 2, "Cristi": 2, "Dan": 1}
    assert metrics["pagerank"].idxmax() == "Ana"
