"""`linkgraph ingest` reads GEXF and GraphML: files written by networkx, and our exports."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from click.testing import CliRunner

import linkgraph as lg
from linkgraph.cli import cli
from linkgraph.model import Case


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_graph_written_by_networkx_comes_in(tmp_path: Path, fmt: str) -> None:
    g = nx.karate_club_graph()
    for u, v in g.edges:
        g.edges[u, v]["kind"] = "associate"
    for n in g.nodes:
        g.nodes[n]["label"] = f"Member {n}"
        g.nodes[n]["type"] = "person"
    path = tmp_path / f"karate.{fmt}"
    (nx.write_gexf if fmt == "gexf" else nx.write_graphml)(g, path)
    case = lg.ingest([lg.Source(path, preset=fmt)])
    graph = lg.build_graph(case)
    assert len(graph) == g.number_of_nodes()
    assert len(case.links) == g.number_of_edges()
    assert set(graph.nodes["label"]) == {f"Member {n}" for n in g.nodes}
    weights = sorted(case.links["weight"])
    assert weights == pytest.approx(sorted(d["weight"] for _, _, d in g.edges(data=True)))


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_our_export_comes_back_in(case: Case, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"case.{fmt}"
    lg.export(case, fmt, path, show_victims=True)
    back = lg.ingest([lg.Source(path, preset=fmt)])
    before, after = lg.build_graph(case), lg.build_graph(back)
    assert len(after) == len(before)
    assert sorted(after.nodes["label"]) == sorted(before.nodes["label"])
    assert sorted(after.nodes["type"]) == sorted(before.nodes["type"])
    assert sorted(after.edges["kind"]) == sorted(before.edges["kind"])
    assert after.edges["weight"].sum() == pytest.approx(before.edges["weight"].sum())
    if fmt == "gexf":  # spells come back as the links' times
        assert sorted(back.links["time"].dropna()) == sorted(case.links["time"].dropna())


def test_cli_ingests_a_gexf(case: Case, tmp_path: Path) -> None:
    path = tmp_path / "case.gexf"
    lg.export(case, "gexf", path)
    out = tmp_path / "in"
    result = CliRunner().invoke(cli, ["ingest", str(path), "--preset", "gexf", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert len(Case.read(out).mentions) == len(lg.build_graph(case))


def test_our_i2_chart_comes_back_in(case: Case, tmp_path: Path) -> None:
    """An Analyst's Notebook chart we wrote (UTF-16, icons typed in i2's palette, link
    types, arrows, dates) is read back: the same entities with their types and labels,
    the same links with their kinds and times, through the CLI with no mapping."""
    lg.export(case, "i2", tmp_path / "i2", show_victims=True)
    out = tmp_path / "in"
    result = CliRunner().invoke(
        cli, ["ingest", str(tmp_path / "i2" / "chart.anx"), "--preset", "anx", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    back = Case.read(out)
    before = lg.build_graph(case)
    assert len(back.mentions) == len(before)
    assert sorted(back.mentions["label"]) == sorted(before.nodes["label"])
    assert sorted(back.mentions["type"]) == sorted(before.nodes["type"])
    assert sorted(back.links["kind"]) == sorted(before.edges["kind"])
    # Each link's first time comes back as its time (the chart keeps one date per link).
    assert back.links["time"].notna().sum() == before.edges["first"].notna().sum()
    # `mapping suggest` on a chart says it needs no mapping, and names its preset.
    suggest = CliRunner().invoke(cli, ["mapping", "suggest", str(tmp_path / "i2" / "chart.anx")])
    assert suggest.exit_code == 0, suggest.output
    assert "needs no mapping" in suggest.output
    assert "include: anx" in suggest.output


_CHART = """<?xml version="1.0" encoding="utf-16"?>
<Chart>
<ChartItemCollection>
<ChartItem Id="a" Label="Olena KRAVETS">
<End><Entity EntityId="1" Identity="P1"><Icon><IconStyle Type="Female"/></Icon></Entity></End>
<AttributeCollection>
<Attribute AttributeClass="Date of Birth" Value="12.03.1990"/>
<Attribute AttributeClass="Nationality" Value="Ukraine"/>
<Attribute AttributeClass="Role" Value="victim"/>
<Attribute AttributeClass="Eye colour" Value="green"/>
</AttributeCollection>
</ChartItem>
<ChartItem Id="b" Label="0721 000 111">
<End><Entity EntityId="2" Identity="T1"><Icon><IconStyle Type="Mobile Phone"/></Icon></Entity></End>
</ChartItem>
<ChartItem Id="c" Label="Trans-Express SRL">
<End><Entity EntityId="3" Identity="O1"><Box><BoxStyle Type="Organization"/></Box></Entity></End>
</ChartItem>
<ChartItem Id="d" Label="Gizmo 9">
<End><Entity EntityId="4" Identity="W1"><Icon><IconStyle Type="Widget"/></Icon></Entity></End>
</ChartItem>
<ChartItem Id="v" Label="Iryna MELNYK">
<End><Entity EntityId="5" Identity="P2"><Icon><IconStyle Type="Victim"/></Icon></Entity></End>
</ChartItem>
<ChartItem Id="e" Label="called" DateSet="true" DateTime="2024-01-12T14:33:00.000">
<Link End1Id="2" End2Id="1"><LinkStyle Type="Telephone Call" ArrowStyle="ArrowOnTail"/></Link>
</ChartItem>
<ChartItem Id="f" Label="">
<Link End1Id="1" End2Id="3"><LinkStyle Type="Link" ArrowStyle="ArrowNone"/></Link>
</ChartItem>
<ChartItem Id="g" Label="">
<Link End1Id="3" End2Id="4"><LinkStyle Type="Sells to" ArrowStyle="ArrowOnHead"/></Link>
</ChartItem>
<ChartItem Id="h" Label="orphan">
<Link End1Id="3" End2Id="99"><LinkStyle Type="Link" ArrowStyle="ArrowOnHead"/></Link>
</ChartItem>
</ChartItemCollection>
</Chart>
"""


def test_an_analysts_notebook_chart_in_i2s_own_shape(tmp_path: Path) -> None:
    """A chart as Analyst's Notebook writes one (UTF-16 with a BOM; icons and boxes; i2
    type names; attributes; an arrow on the tail): types and kinds read by their words,
    values read as ingest reads a column, an unknown i2 type reported, not dropped."""
    path = tmp_path / "case.anx"
    path.write_bytes(_CHART.encode("utf-16"))
    mapping = lg.load_mapping("anx")
    chart_mapping = replace(mapping, region="RO", timezone="Europe/Bucharest")
    case = lg.ingest([lg.Source(path, mapping=chart_mapping)])
    m = case.mentions.set_index("label")
    assert m.at["Olena KRAVETS", "type"] == "person"
    assert (m.at["Olena KRAVETS", "dob"], m.at["Olena KRAVETS", "nationality"]) == (
        "1990-03-12", "UA",
    )  # fmt: skip
    assert m.at["Olena KRAVETS", "role"] == "victim"
    assert '"Eye colour": "green"' in m.at["Olena KRAVETS", "attrs"]
    assert (m.at["0721 000 111", "type"], m.at["0721 000 111", "identifier"]) == (
        "phone", "+40721000111",
    )  # fmt: skip
    assert m.at["0721 000 111", "country"] == "RO"
    # A chart that marks a victim by her icon, with no role attribute, protects her too.
    assert (m.at["Iryna MELNYK", "type"], m.at["Iryna MELNYK", "role"]) == ("person", "victim")
    assert m.at["Trans-Express SRL", "type"] == "organisation"
    assert m.at["Gizmo 9", "type"] == "person"  # the preset's node_type, and reported:
    # A link to an end the chart does not hold is reported, not dropped in silence.
    reasons = case.rejects.set_index("reason")["value"]
    assert reasons.to_dict() == {
        "unknown_entity_type": "Widget", "link_end_missing": "orphan: 3 -> 99",
    }  # fmt: skip
    ids = case.mentions.set_index("mention_id")["label"]
    links = {
        (ids[r.src], ids[r.dst]): (r.kind, None if pd.isna(r.time) else r.time.isoformat())
        for r in case.links.itertuples()
    }
    assert links == {
        # The chart's local 14:33 in Bucharest (UTC+2 in January), stored as UTC.
        ("Olena KRAVETS", "0721 000 111"): ("called", "2024-01-12T12:33:00+00:00"),
        ("Olena KRAVETS", "Trans-Express SRL"): ("associate", None),
        ("Trans-Express SRL", "Gizmo 9"): ("sells_to", None),
    }


def test_a_chart_that_is_not_one_is_refused_clearly(tmp_path: Path) -> None:
    """Broken XML, another XML document, and an entity-expansion bomb each give an error
    naming the file, not a traceback or a hang."""
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE c [<!ENTITY a "aaaaaaaaaa">'
        + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
        + "]><Chart><ChartItem Label='&i;'/></Chart>"
    )
    for name, text, said in (
        ("broken.anx", "<Chart><ChartItem>", "not a readable Analyst's Notebook chart"),
        ("other.anx", "<graphml/>", "not an Analyst's Notebook chart"),
        ("bomb.anx", bomb, "not a readable Analyst's Notebook chart"),
    ):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        result = CliRunner().invoke(
            cli, ["ingest", str(path), "--preset", "anx", "-o", str(tmp_path / "out")]
        )
        assert result.exit_code != 0
        assert name in result.output, result.output
        assert said in result.output, result.output
        assert "Traceback" not in result.output


_MALTEGO_GRAPH = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"
         xmlns:mtg="http://maltego.paterva.com/xml/mtgx">
<key attr.name="MaltegoEntity" for="node" id="d0"/>
<key attr.name="MaltegoLink" for="edge" id="d1"/>
<graph edgedefault="directed" id="G">
<node id="n0"><data key="d0"><mtg:MaltegoEntity type="maltego.Person"><mtg:Properties>
<mtg:Property displayName="Full Name" name="person.fullname" type="string">
<mtg:Value>Petro Bondar</mtg:Value></mtg:Property>
<mtg:Property displayName="Date of birth" name="person.dob" type="string">
<mtg:Value>1985-11-20</mtg:Value></mtg:Property>
<mtg:Property displayName="Nickname" name="person.nickname" type="string">
<mtg:Value>Bodya</mtg:Value></mtg:Property>
</mtg:Properties></mtg:MaltegoEntity></data></node>
<node id="n1"><data key="d0"><mtg:MaltegoEntity type="maltego.PhoneNumber"><mtg:Properties>
<mtg:Property displayName="Phone Number" name="phonenumber" type="string">
<mtg:Value>+380 67 123 4567</mtg:Value></mtg:Property>
</mtg:Properties></mtg:MaltegoEntity></data></node>
<node id="n2"><data key="d0"><mtg:MaltegoEntity type="maltego.EmailAddress"><mtg:Properties>
<mtg:Property displayName="Email Address" name="email" type="string">
<mtg:Value>Bodya@Example.org</mtg:Value></mtg:Property>
</mtg:Properties></mtg:MaltegoEntity></data></node>
<node id="n3"><data key="d0"><mtg:MaltegoEntity type="maltego.IPv4Address"><mtg:Properties>
<mtg:Property displayName="IP Address" name="ipv4-address" type="string">
<mtg:Value>203.0.113.7</mtg:Value></mtg:Property>
</mtg:Properties></mtg:MaltegoEntity></data></node>
<edge id="e0" source="n0" target="n1"><data key="d1"><mtg:MaltegoLink
  type="maltego.link.manual-link"><mtg:Properties>
<mtg:Property displayName="Label" name="maltego.link.manual.type" type="string">
<mtg:Value>Calls</mtg:Value></mtg:Property>
</mtg:Properties></mtg:MaltegoLink></data></edge>
<edge id="e1" source="n0" target="n2"><data key="d1"><mtg:MaltegoLink
  type="maltego.link.transform-link"><mtg:Properties/></mtg:MaltegoLink></data></edge>
<edge id="e2" source="n2" target="n3"><data key="d1"><mtg:MaltegoLink
  type="maltego.link.manual-link"><mtg:Properties>
<mtg:Property displayName="Label" name="maltego.link.manual.type" type="string">
<mtg:Value>Logged in from</mtg:Value></mtg:Property>
</mtg:Properties></mtg:MaltegoLink></data></edge>
</graph>
</graphml>
"""


def test_a_maltego_graph(tmp_path: Path) -> None:
    """A Maltego .mtgx (a zip of GraphML with Maltego entities and links), through the
    CLI: entity types by their words, the main property as the value, identifiers read as
    ingest reads them, link labels as kinds."""
    import zipfile

    path = tmp_path / "osint.mtgx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("Graphs/Graph1.graphml", _MALTEGO_GRAPH)
    out = tmp_path / "case"
    # No --preset: a graph file is read through the preset of its kind.
    result = CliRunner().invoke(cli, ["ingest", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    case = Case.read(out)
    m = case.mentions.set_index("label")
    assert (m.at["Petro Bondar", "type"], m.at["Petro Bondar", "dob"]) == ("person", "1985-11-20")
    assert '"person.nickname": "Bodya"' in m.at["Petro Bondar", "attrs"]
    assert m.at["+380 67 123 4567", "identifier"] == "+380671234567"
    assert m.at["+380 67 123 4567", "country"] == "UA"
    assert m.at["Bodya@Example.org", "identifier"] == "bodya@example.org"
    # An IP address is an online identifier (the ad type), not a person.
    assert m.at["203.0.113.7", "type"] == "ad"
    assert case.rejects.empty
    ids = case.mentions.set_index("mention_id")["label"]
    kinds = {(ids[r.src], ids[r.dst]): r.kind for r in case.links.itertuples()}
    assert kinds == {
        ("Petro Bondar", "+380 67 123 4567"): "called",
        ("Petro Bondar", "Bodya@Example.org"): "associate",
        ("Bodya@Example.org", "203.0.113.7"): "logged_in_from",
    }
    # A zip that holds no graph, and one that is no zip, are refused by name.
    for name, write in (
        ("empty.mtgx", lambda p: zipfile.ZipFile(p, "w").close()),
        ("broken.mtgx", lambda p: p.write_bytes(b"PK\x03\x04 not really")),
    ):
        bad = tmp_path / name
        write(bad)
        res = CliRunner().invoke(cli, ["ingest", str(bad), "--preset", "mtgx", "-o", str(out)])
        assert res.exit_code != 0
        assert name in res.output, res.output
        assert "Maltego" in res.output, res.output


def test_a_maltego_file_of_two_graphs_reads_both(tmp_path: Path) -> None:
    """An .mtgx saved with two graphs (Graph1, Graph2) gives the entities of both, in
    the graphs' order (the members were sorted as zip entries, which do not sort: a
    second graph made a traceback)."""
    import zipfile

    path = tmp_path / "two.mtgx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("Graphs/Graph2.graphml", _MALTEGO_GRAPH.replace("Petro Bondar", "Ivan Rudko"))
        z.writestr("Graphs/Graph1.graphml", _MALTEGO_GRAPH)
    out = tmp_path / "case"
    result = CliRunner().invoke(cli, ["ingest", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    case = Case.read(out)
    persons = case.mentions.query("type == 'person'")["label"].tolist()
    assert persons == ["Petro Bondar", "Ivan Rudko"]
    assert (case.mentions["type"] == "ad").sum() == 2  # each graph's IP address
    assert len(case.links) == 6


def test_a_node_with_two_unreadable_values_keeps_both_flags(tmp_path: Path) -> None:
    """A GraphML person whose date of birth and nationality cannot be read keeps both as
    written, both flagged on the mention and both reported (before, the second flag
    replaced the first)."""
    g = nx.Graph()
    g.add_node("p", label="Ana Pop", type="person", dob="31.02.1990", nationality="Narnia")
    path = tmp_path / "g.graphml"
    nx.write_graphml(g, path)
    case = lg.ingest([lg.Source(path, preset="graphml")])
    person = case.mentions.iloc[0]
    assert (person["dob"], person["nationality"]) == ("31.02.1990", "Narnia")
    assert sorted(person["flags"].split(";")) == ["dob_invalid", "nationality_invalid"]
    assert sorted(case.rejects["reason"]) == ["dob_invalid", "nationality_invalid"]
