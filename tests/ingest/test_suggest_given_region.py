"""`mapping suggest --region XX` applies wherever the file's phones are read, not only to
tables and ads: a chat export, FtM entities, a goAML report, a graph file and an edge
list of numbers each get a draft that records the region, and ingesting that draft
unedited reads their national numbers as the country's (before: the region was dropped,
and the numbers were rejected or kept as persons named by their numbers). Numbers read
by hand: Romanian mobiles 0721 000 111 = +40721000111, 0722 333 444 = +40722333444;
Danish 51 23 45 67 = +4551234567, 61 23 45 67 = +4561234567, 42 12 34 56 = +4542123456."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from linkgraph.model import Case
from tests.suggest_draft import run_cli


def _suggest_and_ingest(tmp: Path, data: Path, region: str) -> tuple[dict, Case]:
    draft = tmp / "draft.yaml"
    code, out = run_cli("mapping", "suggest", str(data), "--region", region, "-o", str(draft))
    assert code == 0, out
    text = draft.read_text(encoding="utf-8")
    assert f"# region {region.upper()}: given with --region" in text
    code, out = run_cli("ingest", str(data), "--mapping", str(draft), "-o", str(tmp / "c"))
    assert code == 0, out
    return yaml.safe_load(text), Case.read(tmp / "c")


def _phones(case: Case) -> list[str]:
    phones = case.mentions[case.mentions["type"].eq("phone")]
    return sorted(set(phones["phone"]))


def _links(case: Case) -> list[tuple[str, str, str]]:
    label = dict(zip(case.mentions["mention_id"], case.mentions["label"], strict=True))
    return sorted(
        (label[s], k, label[d])
        for s, k, d in zip(case.links["src"], case.links["kind"], case.links["dst"], strict=True)
    )


def test_a_chat_exports_unknown_senders_are_read_in_the_given_region(tmp_path):
    data = tmp_path / "WhatsApp Chat with Olena.txt"
    data.write_text(
        "12/01/2024, 14:33 - Olena: Are you at the station?\n"
        "12/01/2024, 14:35 - 0721 000 111: yes\n"
        "12/01/2024, 14:36 - Olena: which platform?\n",
        encoding="utf-8",
    )
    mapping, case = _suggest_and_ingest(tmp_path, data, "ro")
    assert mapping["region"] == "RO"
    assert case.rejects.empty  # before: phone_invalid, one a message
    assert _phones(case) == ["+40721000111"]
    assert _links(case) == [
        ("+40721000111", "messaged", "Olena"),
        ("Olena", "messaged", "+40721000111"),
        ("Olena", "messaged", "+40721000111"),
    ]


def test_ftm_phones_are_read_in_the_given_region(tmp_path):
    data = tmp_path / "entities.ftm.json"
    entities = [
        {"id": "p1", "schema": "Person",
         "properties": {"name": ["Ion Rusu"], "phone": ["0721 000 111"]}},
    ]  # fmt: skip
    data.write_text("\n".join(json.dumps(e) for e in entities) + "\n", encoding="utf-8")
    mapping, case = _suggest_and_ingest(tmp_path, data, "RO")
    assert mapping["region"] == "RO"
    assert _phones(case) == ["+40721000111"]
    assert _links(case) == [("Ion Rusu", "uses_phone", "+40721000111")]


def test_goaml_phones_without_a_prefix_are_read_in_the_given_region(tmp_path):
    data = tmp_path / "str.xml"
    data.write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<report><rentity_id>77</rentity_id><submission_code>E</submission_code>
<report_code>STR</report_code><currency_code_local>RON</currency_code_local>
<transaction><transactionnumber>T-1</transactionnumber>
<date_transaction>2024-04-01T10:15:00</date_transaction><amount_local>100</amount_local>
<t_from><from_person><first_name>Ann</first_name><last_name>Bee</last_name>
<phones><phone><tph_number>0721 000 111</tph_number></phone></phones>
</from_person></t_from>
<t_to><to_person><first_name>Osas</first_name><last_name>Edo</last_name></to_person></t_to>
</transaction></report>
""",
        encoding="utf-8",
    )
    mapping, case = _suggest_and_ingest(tmp_path, data, "RO")
    assert (mapping["format"], mapping["region"]) == ("goaml", "RO")
    assert _phones(case) == ["+40721000111"]  # before: an internal error (its country)
    phone = case.mentions[case.mentions["type"].eq("phone")]
    assert phone["country"].tolist() == ["RO"]


def test_a_graph_files_phone_nodes_are_read_in_the_given_region(tmp_path):
    data = tmp_path / "calls.graphml"
    data.write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
<key id="l" for="node" attr.name="label" attr.type="string"/>
<graph edgedefault="directed">
<node id="a"><data key="l">0721 000 111</data></node>
<node id="b"><data key="l">0722 333 444</data></node>
<edge source="a" target="b"/>
</graph></graphml>
""",
        encoding="utf-8",
    )
    mapping, case = _suggest_and_ingest(tmp_path, data, "RO")
    assert mapping == {"include": "graphml", "region": "RO"}
    assert set(case.mentions["type"]) == {"phone"}  # before: persons named by numbers
    assert _phones(case) == ["+40721000111", "+40722333444"]


def test_a_graph_files_region_is_checked_as_a_tables_is(tmp_path):
    data = tmp_path / "calls.graphml"
    data.write_text('<graphml xmlns="http://graphml.graphdrawing.org/xmlns"/>\n')
    code, out = run_cli("mapping", "suggest", str(data), "--region", "UK")
    assert code != 0
    assert "did you mean 'GB'" in out


def test_an_edge_list_of_national_numbers_is_calls_in_the_given_region(tmp_path):
    """Eight-digit Danish numbers have no trunk "0": only the region tells they are
    phones (before: an edge list of persons named by them)."""
    data = tmp_path / "pairs.csv"
    data.write_text(
        "source,target\n51 23 45 67,61 23 45 67\n61 23 45 67,42 12 34 56\n",
        encoding="utf-8",
    )
    mapping, case = _suggest_and_ingest(tmp_path, data, "DK")
    assert mapping["region"] == "DK"
    assert _phones(case) == ["+4542123456", "+4551234567", "+4561234567"]
    assert _links(case) == [
        ("+4551234567", "called", "+4561234567"),
        ("+4561234567", "called", "+4542123456"),
    ]
