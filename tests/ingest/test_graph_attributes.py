"""Graph files' attributes read as a table's columns are: names loosely, numbers as
amounts, types and kinds by their words (GEXF, GraphML, i2 charts, Maltego graphs)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case


def _ingest(path: Path, tmp_path: Path, *args: str) -> Case:
    out = tmp_path / f"case_{path.stem}"
    result = CliRunner().invoke(cli, ["ingest", str(path), *args, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return Case.read(out)


def _links(case: Case) -> dict[tuple[str, str], str]:
    label = case.mentions.set_index("mention_id")["label"]
    return {(label[lk.src], label[lk.dst]): lk.kind for lk in case.links.itertuples()}


_GEPHI = """<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" version="1.3">
  <graph defaultedgetype="directed">
    <attributes class="node">
      <attribute id="0" title="Role" type="string"/>
      <attribute id="1" title="Type" type="string"/>
      <attribute id="2" title="Country" type="string"/>
      <attribute id="3" title="Staatsangehörigkeit" type="string"/>
    </attributes>
    <attributes class="edge"><attribute id="k" title="Kind" type="string"/></attributes>
    <nodes>
      <node id="a" label="Ivan Petrenko"><attvalues><attvalue for="0" value="Suspect"/>
        <attvalue for="1" value="person"/><attvalue for="2" value="Ukraine"/></attvalues></node>
      <node id="b" label="Olena K."><attvalues><attvalue for="0" value="Victim"/>
        <attvalue for="1" value="person"/><attvalue for="3" value="Moldova"/></attvalues></node>
      <node id="c" label="+380671234567"><attvalues><attvalue for="1" value="Mobile Phone"/>
      </attvalues></node>
    </nodes>
    <edges>
      <edge id="0" source="a" target="c"><attvalues><attvalue for="k" value="uses_phone"/>
      </attvalues></edge>
      <edge id="1" source="a" target="b"><attvalues><attvalue for="k" value="Associate"/>
      </attvalues></edge>
    </edges>
  </graph>
</gexf>
"""


def test_gexf_attribute_titles_in_capitals_give_role_type_and_kind(tmp_path: Path) -> None:
    """Gephi writes titles as typed ("Role", "Type", "Country", "Kind"): they fill the
    fields as lower-case ones do, so the victim is a victim, the phone a phone."""
    path = tmp_path / "gephi.gexf"
    path.write_text(_GEPHI, encoding="utf-8")
    case = _ingest(path, tmp_path)
    m = case.mentions.set_index("label")
    assert m.at["Olena K.", "role"] == "victim"
    assert m.at["Olena K.", "nationality"] == "MD"  # a German title, read too
    assert (m.at["Ivan Petrenko", "role"], m.at["Ivan Petrenko", "country"]) == ("suspect", "UA")
    assert (m.at["+380671234567", "type"], m.at["+380671234567", "identifier"]) == (
        "phone",
        "+380671234567",
    )
    assert _links(case) == {
        ("Ivan Petrenko", "+380671234567"): "uses_phone",
        ("Ivan Petrenko", "Olena K."): "associate",
    }
    assert case.rejects.empty


def _graphml(edge_key: str, edge_value: str, node_type: str = "account") -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
<key id="t" for="node" attr.name="Type" attr.type="string"/>
<key id="k" for="edge" attr.name="kind" attr.type="string"/>
<key id="x" for="edge" attr.name="{edge_key}" attr.type="string"/>
<key id="d" for="edge" attr.name="Date" attr.type="string"/>
<graph edgedefault="directed">
<node id="a"><data key="t">{node_type}</data></node>
<node id="b"><data key="t">{node_type}</data></node>
<edge source="a" target="b"><data key="k">paid</data><data key="x">{edge_value}</data>
<data key="d">05.03.2024</data></edge>
</graph></graphml>
"""


def test_graphml_amounts_and_weights_read_as_table_amounts(tmp_path: Path) -> None:
    """ "€1,500", "1.500,00" and "2,5" are read as a CSV's amounts are, and the edge's
    date attribute is the link's time; an unreadable one is a reject naming the file,
    the row and the attribute, not a traceback."""
    for name, key, value, column, expected in (
        ("pay.graphml", "Amount", "€1,500", "amount", 1500.0),
        ("betrag.graphml", "Betrag", "1.500,00", "amount", 1500.0),
        ("w.graphml", "weight", "2,5", "weight", 2.5),
    ):
        path = tmp_path / name
        path.write_text(_graphml(key, value), encoding="utf-8")
        case = _ingest(path, tmp_path)
        link = case.links.iloc[0]
        assert link[column] == expected, name
        assert link["time"] == pd.Timestamp("2024-03-05", tz="UTC")
        assert case.rejects.empty
    path = tmp_path / "bad.graphml"
    path.write_text(_graphml("Amount", "lots"), encoding="utf-8")
    case = _ingest(path, tmp_path)
    assert pd.isna(case.links.iloc[0]["amount"])
    reject = case.rejects.iloc[0]
    assert (reject["source"], reject["row"], reject["column"], reject["reason"]) == (
        "bad.graphml",
        3,
        "Amount",
        "amount_invalid",
    )


_CHART = """<?xml version="1.0" encoding="utf-16"?>
<Chart><ChartItemCollection>
<ChartItem Label="Andrii Melnyk"><End><Entity EntityId="p"><Icon><IconStyle Type="Person"/>
</Icon></Entity></End><AttributeCollection>
<Attribute AttributeClass="ROLLE" Value="Beschuldigter"/></AttributeCollection></ChartItem>
<ChartItem Label="+380 67 123 4567"><End><Entity EntityId="t"><Icon>
<IconStyle Type="Mobile Phone"/></Icon></Entity></End></ChartItem>
<ChartItem Label="Cell 25501 Odesa Port"><End><Entity EntityId="c"><Icon>
<IconStyle Type="Cell Site"/></Icon></Entity></End></ChartItem>
<ChartItem Label="91.198.174.192"><End><Entity EntityId="i"><Icon>
<IconStyle Type="IP Address"/></Icon></Entity></End></ChartItem>
<ChartItem Label="iryna.s.official"><End><Entity EntityId="s"><Icon>
<IconStyle Type="Social Media Account"/></Icon></Entity></End></ChartItem>
<ChartItem Label="UA213223130000026007233566001"><End><Entity EntityId="a"><Icon>
<IconStyle Type="Bank Account"/></Icon></Entity></End></ChartItem>
<ChartItem Label=""><Link End1Id="p" End2Id="t"><LinkStyle Type="Uses"
 ArrowStyle="ArrowOnHead"/></Link></ChartItem>
<ChartItem Label=""><Link End1Id="a" End2Id="p"><LinkStyle Type="Account Holder"
 ArrowStyle="ArrowNone"/></Link></ChartItem>
<ChartItem Label=""><Link End1Id="a" End2Id="a"><LinkStyle Type="Transaction"
 ArrowStyle="ArrowOnHead"/></Link><AttributeCollection>
<Attribute AttributeClass="Amount" Value="1.500,00"/></AttributeCollection></ChartItem>
</ChartItemCollection></Chart>
"""


def test_i2_chart_types_kinds_and_amounts(tmp_path: Path) -> None:
    """A cell site is a place, an IP address and a social media account online
    identifiers (neither a postal address nor a bank account), "Uses" and "Account
    Holder" the holding kinds that fit their ends (the holder first), an attribute
    "ROLLE" the role and an amount "1.500,00" 1500."""
    path = tmp_path / "chart.anx"
    path.write_bytes(_CHART.encode("utf-16"))
    case = _ingest(path, tmp_path, "--region", "UA")
    types = case.mentions.set_index("label")["type"].to_dict()
    assert types == {
        "Andrii Melnyk": "person",
        "+380 67 123 4567": "phone",
        "Cell 25501 Odesa Port": "location",
        "91.198.174.192": "ad",
        "iryna.s.official": "ad",
        "UA213223130000026007233566001": "account",
    }
    assert case.mentions.set_index("label").at["Andrii Melnyk", "role"] == "suspect"
    assert _links(case) == {
        ("Andrii Melnyk", "+380 67 123 4567"): "uses_phone",
        ("Andrii Melnyk", "UA213223130000026007233566001"): "holds_account",
        ("UA213223130000026007233566001", "UA213223130000026007233566001"): "paid",
    }
    assert case.links.set_index("kind").at["paid", "amount"] == 1500.0
    assert case.rejects.empty


def _prop(name: str, value: str) -> str:
    return (
        f'<mtg:Property name="{name}" type="string"><mtg:Value>{value}</mtg:Value></mtg:Property>'
    )


def _entity(node: str, mtype: str, props: list[tuple[str, str]]) -> str:
    inner = "".join(_prop(n, v) for n, v in props)
    return (
        f'<node id="{node}"><data key="d0"><mtg:MaltegoEntity type="{mtype}">'
        f"<mtg:Properties>{inner}</mtg:Properties></mtg:MaltegoEntity></data></node>"
    )


def test_maltego_names_country_codes_and_online_entities(tmp_path: Path) -> None:
    """A Maltego person given by first names and last name is called by both; a phone's
    country code reads its national number; a domain, an IP address, an alias and a
    Facebook profile are online identifiers, not persons."""
    nodes = "".join(
        (
            _entity("n0", "maltego.Person", [("person.firstnames", "Vasile"),
                                             ("person.lastname", "Rusu")]),
            _entity("n1", "maltego.PhoneNumber", [("phonenumber", "0721 000 111"),
                                                  ("phonenumber.countrycode", "40")]),
            _entity("n2", "maltego.Domain", [("fqdn", "escorte-bucuresti.ro")]),
            _entity("n3", "maltego.IPv4Address", [("ipv4-address", "185.53.178.9")]),
            _entity("n4", "maltego.Alias", [("alias", "vasy_boss")]),
            _entity("n5", "maltego.affiliation.Facebook", [("person.name", "Vasy Rusu"),
                                                           ("affiliation.uid", "100004567")]),
        )
    )  # fmt: skip
    uses = _prop("maltego.link.manual.type", "uses")
    edge = (
        '<edge id="e0" source="n0" target="n1"><data key="d1"><mtg:MaltegoLink '
        f'type="maltego.link.manual-link"><mtg:Properties>{uses}'
        "</mtg:Properties></mtg:MaltegoLink></data></edge>"
    )
    graph = (
        '<?xml version="1.0" encoding="UTF-8"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns"'
        ' xmlns:mtg="http://maltego.paterva.com/xml/mtgx"><key attr.name="MaltegoEntity"'
        ' for="node" id="d0"/><key attr.name="MaltegoLink" for="edge" id="d1"/>'
        f'<graph edgedefault="directed">{nodes}{edge}</graph></graphml>'
    )
    path = tmp_path / "osint.mtgx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("Graphs/Graph1.graphml", graph)
    case = _ingest(path, tmp_path)  # no --region: the country code tells
    m = case.mentions.set_index("label")
    assert m.query("type == 'person'").index.tolist() == ["Vasile Rusu"]
    assert (m.at["0721 000 111", "identifier"], m.at["0721 000 111", "country"]) == (
        "+40721000111",
        "RO",
    )
    assert sorted(m.query("type == 'ad'").index) == [
        "100004567", "185.53.178.9", "escorte-bucuresti.ro", "vasy_boss",
    ]  # fmt: skip
    assert _links(case) == {("Vasile Rusu", "0721 000 111"): "uses_phone"}
    assert case.rejects.empty


_YED = """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml">
  <key for="node" id="d5" yfiles.type="nodegraphics"/>
  <key attr.name="role" attr.type="string" for="node" id="d7"/>
  <key for="edge" id="d9" yfiles.type="edgegraphics"/>
  <key attr.name="date" attr.type="string" for="edge" id="d10"/>
  <graph edgedefault="directed" id="G">
    <node id="n0"><data key="d7">suspect</data><data key="d5"><y:ShapeNode>
      <y:NodeLabel>Serhii Bondar</y:NodeLabel></y:ShapeNode></data></node>
    <node id="n1"><data key="d7">victim</data><data key="d5"><y:ShapeNode>
      <y:NodeLabel>Maria Ionescu</y:NodeLabel></y:ShapeNode></data></node>
    <node id="n2"><data key="d5"><y:ShapeNode><y:NodeLabel>+40 721 000 111</y:NodeLabel>
      </y:ShapeNode></data></node>
    <edge id="e0" source="n0" target="n1"><data key="d9"><y:PolyLineEdge>
      <y:EdgeLabel>recruited</y:EdgeLabel></y:PolyLineEdge></data>
      <data key="d10">2024-03-12</data></edge>
    <edge id="e1" source="n0" target="n2"><data key="d9"><y:PolyLineEdge>
      <y:EdgeLabel>uses phone</y:EdgeLabel></y:PolyLineEdge></data></edge>
    <edge id="e2" source="n1" target="n0"><data key="d9"><y:PolyLineEdge>
      <y:EdgeLabel>met him twice at the bus station in Odesa</y:EdgeLabel></y:PolyLineEdge>
      </data></edge>
  </graph>
</graphml>
"""


def test_yed_phone_labels_edge_labels_and_dates(tmp_path: Path) -> None:
    """An untyped yEd node labelled with a phone number is a phone; an edge's label names
    its kind (a kind of ours by its words, a short one a kind of its own; a sentence is
    kept as the link's label, the kind the preset's); an edge's date is its time."""
    path = tmp_path / "chart.graphml"
    path.write_text(_YED, encoding="utf-8")
    case = _ingest(path, tmp_path)
    m = case.mentions.set_index("label")
    assert (m.at["+40 721 000 111", "type"], m.at["+40 721 000 111", "identifier"]) == (
        "phone",
        "+40721000111",
    )
    assert _links(case) == {
        ("Serhii Bondar", "Maria Ionescu"): "recruited",
        ("Serhii Bondar", "+40 721 000 111"): "uses_phone",
        ("Maria Ionescu", "Serhii Bondar"): "contacted",
    }
    times = case.links.set_index("kind")["time"]
    assert times["recruited"] == pd.Timestamp("2024-03-12", tz="UTC")
    assert "bus station" in case.links.set_index("kind").at["contacted", "attrs"]


def _yed_edge(source: str, target: str, arrows: str, label: str = "") -> str:
    text = f"<y:EdgeLabel>{label}</y:EdgeLabel>" if label else ""
    return (
        f'<edge source="{source}" target="{target}"><data key="d9"><y:PolyLineEdge>'
        f"{arrows}{text}</y:PolyLineEdge></data></edge>"
    )


def test_yed_arrow_on_the_source_end_is_read_from_the_arrowhead(tmp_path: Path) -> None:
    """A yEd edge drawn with its arrow on the source end (``<y:Arrows source="standard"
    target="none"/>``) points the other way: it is read reversed. One with arrows on both
    ends or on none is kept as written, and says so in its attributes."""
    nodes = "".join(
        f'<node id="{i}"><data key="d5"><y:ShapeNode><y:NodeLabel>{name}</y:NodeLabel>'
        "</y:ShapeNode></data></node>"
        for i, name in (("a", "Serhii Bondar"), ("b", "Dmytro Koval"), ("c", "Maria Ionescu"),
                        ("d", "Ion Popa"))
    )  # fmt: skip
    edges = "".join(
        [
            _yed_edge("b", "a", '<y:Arrows source="standard" target="none"/>', "recruited"),
            _yed_edge("a", "c", '<y:Arrows source="delta" target="standard"/>'),
            _yed_edge("c", "d", '<y:Arrows source="none" target="none"/>'),
            _yed_edge("d", "a", '<y:Arrows source="none" target="standard"/>'),
        ]
    )
    path = tmp_path / "arrows.graphml"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<graphml'
        ' xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml">'
        '<key for="node" id="d5" yfiles.type="nodegraphics"/>'
        '<key for="edge" id="d9" yfiles.type="edgegraphics"/>'
        f'<graph edgedefault="directed" id="G">{nodes}{edges}</graph></graphml>',
        encoding="utf-8",
    )
    case = _ingest(path, tmp_path)
    assert _links(case) == {
        ("Serhii Bondar", "Dmytro Koval"): "recruited",
        ("Serhii Bondar", "Maria Ionescu"): "contacted",
        ("Maria Ionescu", "Ion Popa"): "contacted",
        ("Ion Popa", "Serhii Bondar"): "contacted",
    }
    label = case.mentions.set_index("mention_id")["label"]
    arrows = {
        (label[lk.src], label[lk.dst]): pd.Series([lk.attrs]).dropna().map(json.loads).tolist()
        for lk in case.links.itertuples()
    }
    assert arrows == {
        ("Serhii Bondar", "Dmytro Koval"): [{"label": "recruited"}],
        ("Serhii Bondar", "Maria Ionescu"): [{"arrows": "both"}],
        ("Maria Ionescu", "Ion Popa"): [{"arrows": "none"}],
        ("Ion Popa", "Serhii Bondar"): [],
    }
