"""Files that are not tables say when no person is marked as a victim, as tables do: an
FtM file (FtM has no victim topic: a role word among a person's `keywords` or
`classification` marks it), GEXF, GraphML, i2 ANX and Maltego MTGX graph files, chat
exports and vCard lists."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from click.testing import CliRunner, Result

from linkgraph.cli import cli
from linkgraph.model import Case

_NO_VICTIM = "no person is marked as a victim: 2 person mentions and no role information"


def _ingest(path: Path, *args: str) -> Result:
    result = CliRunner().invoke(cli, ["ingest", str(path), "-o", str(path.parent / "case"), *args])
    assert result.exit_code == 0, result.output
    return result


def _ftm(path: Path, *entities: dict) -> Path:
    path.write_text("\n".join(json.dumps(e) for e in entities) + "\n", encoding="utf-8")
    return path


def _person(ftm_id: str, name: str, **props: list[str]) -> dict:
    return {"id": ftm_id, "schema": "Person", "properties": {"name": [name], **props}}


def test_ftm_keywords_and_classification_role_words_mark_victims(tmp_path: Path) -> None:
    path = _ftm(
        tmp_path / "aleph.json",
        _person("p1", "Ion Popescu", keywords=["Opfer", "Moldova"]),
        _person("p2", "Vasile Rusu", classification=["suspect"]),
        _person("p3", "Ana Vasile", keywords=["driver's licence"]),
        {"id": "a1", "schema": "Associate", "properties": {"person": ["p1"], "associate": ["p2"]}},
    )
    result = _ingest(path, "--preset", "ftm")
    assert "no person is marked as a victim" not in result.output
    roles = Case.read(tmp_path / "case").mentions.set_index("name")["role"]
    # "Opfer" is German for victim; "Moldova" and "driver's licence" are no role words
    assert (roles["Ion Popescu"], roles["Vasile Rusu"]) == ("victim", "suspect")
    assert pd.isna(roles["Ana Vasile"])


def test_ftm_victims_are_protected_in_the_map(tmp_path: Path) -> None:
    path = _ftm(
        tmp_path / "aleph.json",
        _person("p1", "Ion Popescu", keywords=["victim"]),
        _person("p2", "Vasile Rusu"),
        {"id": "a1", "schema": "Associate", "properties": {"person": ["p1"], "associate": ["p2"]}},
    )
    _ingest(path, "--preset", "ftm")
    case = tmp_path / "case"
    steps = (
        ["resolve", str(case), "-q"],
        ["render", str(case), "-o", str(tmp_path / "m.html"), "-q"],
    )
    for step in steps:
        assert CliRunner().invoke(cli, step).exit_code == 0
    html = (tmp_path / "m.html").read_text(encoding="utf-8")
    assert "Ion Popescu" not in html
    assert "Vasile Rusu" in html


def test_ftm_without_roles_warns_and_says_how_to_mark_victims(tmp_path: Path) -> None:
    path = _ftm(tmp_path / "aleph.json", _person("p1", "Ion Popescu"), _person("p2", "Vasile Rusu"))
    result = _ingest(path, "--preset", "ftm")
    assert _NO_VICTIM in result.output
    assert "`keywords`" in result.output
    manifest = json.loads((tmp_path / "case" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["inputs"][0]["persons_without_role"] == 2


def _network(role: str | None) -> nx.Graph:
    g = nx.Graph()
    for node, name in (("a", "Ion Popescu"), ("b", "Vasile Rusu")):
        g.add_node(node, label=name, type="person", **({"role": role} if role else {}))
    g.add_edge("a", "b")
    return g


@pytest.mark.parametrize(
    ("suffix", "write"), [("gexf", nx.write_gexf), ("graphml", nx.write_graphml)]
)
def test_graph_files_warn_when_no_node_has_a_role(tmp_path: Path, suffix: str, write) -> None:
    path = tmp_path / f"chart.{suffix}"
    write(_network(None), path)
    result = _ingest(path)
    assert _NO_VICTIM in result.output
    assert "`role` attribute" in result.output
    write(_network("victim"), path)
    assert "no person is marked as a victim" not in _ingest(path).output


def _chart(attribute: str) -> str:
    items = "".join(
        f'<ChartItem Label="{name}"><End><Entity EntityId="{eid}"><Icon>'
        f'<IconStyle Type="Person"/></Icon></Entity></End>{attribute}</ChartItem>'
        for eid, name in (("p", "Ion Popescu"), ("q", "Vasile Rusu"))
    )
    link = (
        '<ChartItem Label=""><Link End1Id="p" End2Id="q"><LinkStyle Type="Associate"'
        ' ArrowStyle="ArrowNone"/></Link></ChartItem>'
    )
    return (
        f'<?xml version="1.0" encoding="utf-16"?>\n<Chart><ChartItemCollection>{items}{link}'
        "</ChartItemCollection></Chart>\n"
    )


def test_an_i2_chart_warns_when_no_entity_has_a_role(tmp_path: Path) -> None:
    path = tmp_path / "chart.anx"
    path.write_bytes(_chart("").encode("utf-16"))
    result = _ingest(path)
    assert _NO_VICTIM in result.output
    assert "i2 type Victim" in result.output
    role = '<AttributeCollection><Attribute AttributeClass="Role" Value="victim"/>'
    path.write_bytes(_chart(role + "</AttributeCollection>").encode("utf-16"))
    assert "no person is marked as a victim" not in _ingest(path).output


def _maltego(mtype: str) -> str:
    nodes = "".join(
        f'<node id="{node}"><data key="d0"><mtg:MaltegoEntity type="{mtype}"><mtg:Properties>'
        f'<mtg:Property name="person.fullname" type="string"><mtg:Value>{name}</mtg:Value>'
        "</mtg:Property></mtg:Properties></mtg:MaltegoEntity></data></node>"
        for node, name in (("n0", "Ion Popescu"), ("n1", "Vasile Rusu"))
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><graphml xmlns="http://graphml.graphdrawing.org/'
        'xmlns" xmlns:mtg="http://maltego.paterva.com/xml/mtgx"><key attr.name="MaltegoEntity"'
        ' for="node" id="d0"/><key attr.name="MaltegoLink" for="edge" id="d1"/>'
        f'<graph edgedefault="directed">{nodes}<edge id="e0" source="n0" target="n1"/>'
        "</graph></graphml>"
    )


def test_a_maltego_graph_warns_when_no_entity_has_a_role(tmp_path: Path) -> None:
    path = tmp_path / "osint.mtgx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("Graphs/Graph1.graphml", _maltego("maltego.Person"))
    result = _ingest(path)
    assert _NO_VICTIM in result.output
    assert "`role` property" in result.output


def test_chats_and_vcards_warn_when_no_person_has_a_role(tmp_path: Path) -> None:
    chat = tmp_path / "chat.txt"
    chat.write_text(
        "12/03/2024, 14:33 - Ion Popescu: Salut\n12/03/2024, 14:35 - Vasile Rusu: Buna\n",
        encoding="utf-8",
    )
    assert "no person is marked as a victim" in _ingest(chat).output
    cards = tmp_path / "contacts.vcf"
    cards.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ion Popescu\nTEL:+40721000001\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Vasile Rusu\nTEL:+40721000002\nEND:VCARD\n",
        encoding="utf-8",
    )
    (tmp_path / "case").rename(tmp_path / "chat_case")
    assert _NO_VICTIM in _ingest(cards).output
