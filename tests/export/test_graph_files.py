"""GEXF and GraphML exports read back with networkx (and igraph); GEXF validated by its XSD."""

from __future__ import annotations

import json
import math
from pathlib import Path

import networkx as nx
import pytest

import linkgraph as lg
from linkgraph.export._data import iso
from linkgraph.model import Case
from linkgraph.privacy import pseudonym
from tests.export.conftest import VICTIM_NAME
from tests.export.helpers import all_bytes, assert_victim_hidden, assert_victim_shown

XSD = Path(__file__).resolve().parents[1] / "fixtures" / "gexf-1.3" / "gexf.xsd"


def _read_gexf(path: Path) -> nx.Graph:
    """networkx's own GEXF reader, unpatched: the export must be readable as it is."""
    return nx.read_gexf(path, version="1.3")


def _check_graph(g: nx.Graph, case: Case, *, mutual: bool = False) -> None:
    """Same nodes, edges (with kind and weight) and every measure (1e-12) as the case.

    ``mutual``: undirected kinds read back as an edge each way (GEXF ``mutual`` edges).
    """
    graph = lg.build_graph(case)
    assert set(g.nodes) == set(graph.entity_ids)
    got = {(u, v, d["kind"]): d for u, v, d in g.edges(data=True)}
    want = {(r.src, r.dst, r.kind): r for r in graph.edges.itertuples()}
    if mutual:
        want |= {(r.dst, r.src, r.kind): r for r in graph.edges.itertuples() if not r.directed}
    assert set(got) == set(want)
    for key, row in want.items():
        assert got[key]["weight"] == pytest.approx(row.weight, rel=1e-12)
        assert got[key]["count"] == row.count
    met = case.metrics.set_index("entity_id")
    for eid, row in met.iterrows():
        attrs = g.nodes[eid]
        for col in met.columns.drop(["label", "type"]):
            value = float(row[col])
            if math.isnan(value):
                assert col not in attrs
            else:
                assert attrs[col] == pytest.approx(value, rel=1e-12, abs=0), (eid, col)
        assert attrs["type"] == row["type"]
    assert g.nodes["e:vic"]["label"] == pseudonym("e:vic", case.pseudonym_key)


def test_gexf_validates_and_reads_back(case: Case, tmp_path: Path) -> None:
    xmlschema = pytest.importorskip("xmlschema")
    out = tmp_path / "case.gexf"
    report = lg.export(case, "gexf", out)
    xmlschema.XMLSchema(XSD).validate(out)
    g = _read_gexf(out)
    _check_graph(g, case, mutual=True)
    # each dated link is one spell on its edge: Gephi's timeline
    called = [
        d for u, v, d in g.edges(data=True) if (u, v, d["kind"]) == ("e:ph1", "e:ph2", "called")
    ]
    assert called[0]["spells"] == [
        ("2023-03-10T08:30:00Z", "2023-03-10T08:30:00Z"),
        ("2023-03-12T21:15:00Z", "2023-03-12T21:15:00Z"),
    ]
    assert (
        sum(len(t) for t in case.links["time"].dropna().map(lambda t: [t]))
        == report.counts["spells"]
    )
    assert g.graph["mode"] == "dynamic"
    assert any(i["what"].startswith("resolution evidence") or i["what"].startswith("rejects")
               for i in report.items)  # fmt: skip


@pytest.mark.parametrize(("fmt", "name"), [("gexf", "case.gexf"), ("graphml", "case.graphml")])
def test_graph_files_protect_victims_and_are_deterministic(
    case: Case, tmp_path: Path, fmt: str, name: str
) -> None:
    first, second = tmp_path / "a" / name, tmp_path / "b" / name
    lg.export(case, fmt, first)
    lg.export(case, fmt, second)
    assert all_bytes(first) == all_bytes(second)
    assert_victim_hidden(first, VICTIM_NAME, "e:vic", case.pseudonym_key)
    lg.export(case, fmt, tmp_path / "shown" / name, show_victims=True)
    assert_victim_shown(tmp_path / "shown" / name, VICTIM_NAME)


def test_first_last_are_iso_utc(case: Case, tmp_path: Path) -> None:
    out = tmp_path / "case.gexf"
    lg.export(case, "gexf", out)
    g = _read_gexf(out)
    first = case.links["time"].min()
    assert iso(first) in {d.get("first") for _, _, d in g.edges(data=True)}


def test_graphml_reads_back_with_networkx_and_igraph(case: Case, tmp_path: Path) -> None:
    import igraph as ig

    out = tmp_path / "case.graphml"
    lg.export(case, "graphml", out)
    g = nx.read_graphml(out, force_multigraph=True)
    _check_graph(g, case)
    assert "case.csv" in g.graph["provenance"]
    h = ig.Graph.Read_GraphML(str(out))
    assert (h.vcount(), h.ecount()) == (g.number_of_nodes(), g.number_of_edges())
    pagerank = dict(zip(h.vs["id"], h.vs["pagerank"], strict=True))
    for row in case.metrics.itertuples():
        assert pagerank[row.entity_id] == pytest.approx(row.pagerank, rel=1e-12)


def test_loss_report_counts_what_the_graph_cannot_hold(case: Case, tmp_path: Path) -> None:
    report = lg.export(case, "graphml", tmp_path / "case.graphml")
    losses = {i["what"]: i["values"] for i in report.items}
    merged = len(case.links) - len(lg.build_graph(case).edges)
    assert losses["links merged into one edge per (entity pair, kind)"] == merged
    # one currency (EUR) throughout: no edge's amount is lost
    assert not [what for what in losses if "currenc" in what]
    assert losses["rejects (unusable source values)"] == len(case.rejects)
    written = json.loads((tmp_path / "case.graphml.loss.json").read_text())
    assert written["losses"] == report.items


def test_unknown_format_is_a_clear_error(case: Case, tmp_path: Path) -> None:
    with pytest.raises(lg.ConfigError, match="unknown export format 'pdf'"):
        lg.export(case, "pdf", tmp_path / "x.pdf")


def test_gexf_export_round_trips_through_networkx_with_times(tmp_path: Path) -> None:
    """A small CDR through the CLI: the GEXF validates against the 1.3 XSD and networkx's
    plain ``read_gexf`` reads it, each call a spell in ISO 8601 UTC on its edge."""
    from click.testing import CliRunner

    from linkgraph.cli import cli

    calls = tmp_path / "calls.csv"
    calls.write_text(
        "caller,callee,start_time\n"
        "+40723254257,+40742058756,2024-05-01 20:00:00\n"
        "+40723254257,+40742058756,2024-05-02 21:01:07\n"
        "+40742058756,+40727368886,2024-05-03 06:30:00\n",
        encoding="utf-8",
    )
    case_dir, out = tmp_path / "case", tmp_path / "x.gexf"
    runner = CliRunner()
    for args in (
        ["ingest", str(calls), "--preset", "cdr", "--timezone", "UTC", "-o", str(case_dir)],
        ["resolve", str(case_dir)],
        ["export", str(case_dir), "-f", "gexf", "-o", str(out)],
    ):
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, result.output
    xmlschema = pytest.importorskip("xmlschema")
    xmlschema.XMLSchema(XSD).validate(out)
    g = nx.read_gexf(out)
    labels = dict(g.nodes(data="label"))
    spells = {(labels[u], labels[v]): d["spells"] for u, v, d in g.edges(data=True)}
    assert spells == {
        ("+40723254257", "+40742058756"): [
            ("2024-05-01T20:00:00Z", "2024-05-01T20:00:00Z"),
            ("2024-05-02T21:01:07Z", "2024-05-02T21:01:07Z"),
        ],
        ("+40742058756", "+40727368886"): [("2024-05-03T06:30:00Z", "2024-05-03T06:30:00Z")],
    }


def test_graphml_edge_ids_are_unique_with_many_edges_of_one_kind(tmp_path: Path) -> None:
    """Gephi keeps only the first edge of an id: five pairs calling (one pair twice, one
    the other way) are five edges, each with its own id, all of kind ``called``."""
    import xml.etree.ElementTree as ET

    from click.testing import CliRunner

    from linkgraph.cli import cli

    calls = tmp_path / "calls.csv"
    calls.write_text(
        "caller,callee,start_time\n"
        "+40723254257,+40742058756,2024-05-01 20:00:00\n"
        "+40723254257,+40742058756,2024-05-02 21:01:07\n"
        "+40742058756,+40723254257,2024-05-02 22:00:00\n"
        "+40742058756,+40727368886,2024-05-03 06:30:00\n"
        "+40727368886,+40721003001,2024-05-04 06:30:00\n"
        "+40721003001,+40723254257,2024-05-05 06:30:00\n",
        encoding="utf-8",
    )
    case_dir, out = tmp_path / "case", tmp_path / "x.graphml"
    runner = CliRunner()
    for args in (
        ["ingest", str(calls), "--preset", "cdr", "--timezone", "UTC", "-o", str(case_dir)],
        ["resolve", str(case_dir)],
        ["export", str(case_dir), "-f", "graphml", "-o", str(out)],
    ):
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, result.output
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    ids = [e.get("id") for e in ET.parse(out).getroot().iterfind(".//g:edge", ns)]
    assert len(ids) == 5
    assert len(set(ids)) == 5
    g = nx.read_graphml(out, force_multigraph=True)
    labels = dict(g.nodes(data="label"))
    pairs = sorted((labels[u], labels[v]) for u, v, k in g.edges(data="kind"))
    assert pairs == sorted([
        ("+40723254257", "+40742058756"),
        ("+40742058756", "+40723254257"),
        ("+40742058756", "+40727368886"),
        ("+40727368886", "+40721003001"),
        ("+40721003001", "+40723254257"),
    ])  # fmt: skip
    assert {k for _, _, k in g.edges(data="kind")} == {"called"}
