"""goAML XML reports (the FIU reporting standard) read with no --preset: transactions as
`paid` links, signatories holding accounts, persons' phones and documents, and a
transaction that names no receiver rejected with its reason."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case

_REPORT = """<?xml version="1.0" encoding="UTF-8"?>
<report>
  <rentity_id>77</rentity_id><submission_code>E</submission_code><report_code>STR</report_code>
  <entity_reference>STR-9</entity_reference><submission_date>2024-05-02T00:00:00</submission_date>
  <currency_code_local>EUR</currency_code_local>
  <reporting_person><first_name>Laura</first_name><last_name>Conti</last_name></reporting_person>
  <reason>Many senders, one receiver</reason>
  <transaction>
    <transactionnumber>T-1</transactionnumber>
    <date_transaction>2024-04-01T10:15:00</date_transaction><transmode_code>C</transmode_code>
    <amount_local>1500.00</amount_local>
    <t_from_my_client><from_funds_code>K</from_funds_code>
      <from_person><first_name>Grace</first_name><last_name>Okoro</last_name>
        <birthdate>1999-04-05T00:00:00</birthdate><nationality1>NG</nationality1>
        <phones><phone><tph_country_prefix>39</tph_country_prefix>
          <tph_number>3291234567</tph_number></phone></phones>
        <identification><type>A</type><number>a0765 4321</number>
          <issue_country>NG</issue_country></identification>
      </from_person><from_country>IT</from_country></t_from_my_client>
    <t_to><to_funds_code>K</to_funds_code>
      <to_person><first_name>Osas</first_name><last_name>Edo</last_name>
        <phones><phone><tph_country_prefix>234</tph_country_prefix>
          <tph_number>8035550101</tph_number></phone></phones></to_person>
      <to_country>NG</to_country></t_to>
  </transaction>
  <transaction>
    <transactionnumber>T-2</transactionnumber>
    <date_transaction>2024-04-10T09:00:00</date_transaction><transmode_code>K</transmode_code>
    <amount_local>2000.50</amount_local>
    <t_from_my_client><from_funds_code>A</from_funds_code>
      <from_account><institution_name>Banca X</institution_name><swift>BCXXITMM</swift>
        <account>123456</account><iban>IT60 X054 2811 1010 0000 0123 456</iban>
        <signatory><is_primary>true</is_primary><t_person><first_name>Efe</first_name>
          <last_name>Ighodaro</last_name><id_number>CA12345</id_number></t_person></signatory>
      </from_account></t_from_my_client>
    <t_to><to_account><institution_name>First Bank</institution_name>
        <account>3012345678</account></to_account></t_to>
  </transaction>
  <transaction>
    <transactionnumber>T-3</transactionnumber>
    <date_transaction>2024-04-11T09:00:00</date_transaction>
    <amount_local>90</amount_local>
    <t_from><from_person><first_name>Ann</first_name><last_name>Bee</last_name></from_person>
    </t_from>
  </transaction>
</report>
"""


def _ingest(tmp_path: Path, text: str, name: str = "str_report.xml") -> tuple[Case, str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "case"
    result = CliRunner().invoke(cli, ["ingest", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [i.get("preset") for i in manifest["inputs"]] == ["goaml"]
    return Case.read(out), result.output


def _links(case: Case) -> pd.DataFrame:
    label = case.mentions.set_index("mention_id")["label"]
    links = case.links.copy()
    links["from"] = links["src"].map(label)
    links["to"] = links["dst"].map(label)
    return links


def test_a_goaml_report_is_read_with_no_preset(tmp_path: Path) -> None:
    """Before: "give --preset NAME", and --preset transactions said "XML but no format
    linkgraph reads"."""
    case, output = _ingest(tmp_path, _REPORT)
    assert "read through the goaml preset" in output
    links = _links(case)
    paid = links[links["kind"] == "paid"].sort_values("row")
    assert paid[["from", "to", "amount", "currency", "row"]].values.tolist() == [
        ["Grace Okoro", "Osas Edo", 1500.0, "EUR", 1],
        ["IT60X0542811101000000123456", "3012345678", 2000.5, "EUR", 2],
    ]
    assert paid["time"].tolist() == [
        pd.Timestamp("2024-04-01T10:15:00", tz="UTC"),
        pd.Timestamp("2024-04-10T09:00:00", tz="UTC"),
    ]
    first = json.loads(paid["attrs"].iloc[0])
    assert first["transfer_id"] == "T-1"
    assert first["report_reason"] == "Many senders, one receiver"
    assert first["goaml_report"] == "STR-9"
    assert first["rentity_id"] == "77"
    assert first["from_funds_code"] == "K"
    assert first["to_country"] == "NG"
    others = links[links["kind"] != "paid"]
    assert sorted(others[["kind", "from", "to"]].values.tolist()) == [
        ["holds_account", "Efe Ighodaro", "IT60X0542811101000000123456"],
        ["holds_document", "Efe Ighodaro", "CA12345"],
        ["holds_document", "Grace Okoro", "A07654321"],
        ["uses_phone", "Grace Okoro", "+393291234567"],
        ["uses_phone", "Osas Edo", "+2348035550101"],
    ]
    mentions = case.mentions.set_index("label")
    assert mentions.loc["Grace Okoro", "dob"] == "1999-04-05"
    assert mentions.loc["Grace Okoro", "nationality"] == "NG"
    assert mentions.loc["A07654321", "country"] == "NG"
    assert json.loads(mentions.loc["IT60X0542811101000000123456", "attrs"])["bic"] == "BCXXITMM"
    # The reporting officer is the report's author, not a party: no mention of her.
    assert "Laura Conti" not in set(case.mentions["label"])
    # The third transaction names no receiver: rejected with its reason, never dropped.
    rejects = case.rejects
    assert rejects[["row", "reason", "level"]].values.tolist() == [[3, "missing_party", "row"]]
    assert "T-3" in rejects["value"].iloc[0]
    assert "t_to" in rejects["column"].iloc[0]
    assert "Ann Bee" in set(case.mentions["label"])


def test_goaml_activity_and_multi_party_parties_are_involved_in_an_event(
    tmp_path: Path,
) -> None:
    """Parties without a direction (an activity report, a multi-party transaction) are
    each `involved_in` an event of the report or transaction; an entity is an
    organisation registered at its address, its director `director_of` it."""
    text = """<report><rentity_id>5</rentity_id><report_code>SAR</report_code>
    <entity_reference>SAR-1</entity_reference>
    <transaction><transactionnumber>M-1</transactionnumber><amount_local>10</amount_local>
      <involved_parties>
        <party><role>1</role><person><first_name>Ana</first_name><last_name>Pop</last_name>
          <email>ana.pop@example.org</email></person></party>
        <party><entity_my_client><name>Dnipro Travel LLC</name>
          <addresses><address><address>Main St 1</address><city>Kyiv</city>
            <country_code>UA</country_code></address></addresses>
          <director_id><first_name>Petro</first_name><last_name>Bondar</last_name>
            <role>D</role></director_id></entity_my_client></party>
      </involved_parties></transaction>
    </report>"""
    case, _ = _ingest(tmp_path, text)
    links = _links(case)
    got = sorted(links[["kind", "from", "to"]].values.tolist())
    assert got == [
        ["director_of", "Petro Bondar", "Dnipro Travel LLC"],
        ["involved_in", "Ana Pop", "transaction M-1"],
        ["involved_in", "Dnipro Travel LLC", "transaction M-1"],
        ["registered_at", "Dnipro Travel LLC", "Main St 1, Kyiv"],
        ["uses_email", "Ana Pop", "ana.pop@example.org"],
    ]
    types = case.mentions.set_index("label")["type"]
    assert types["Dnipro Travel LLC"] == "organisation"
    assert types["transaction M-1"] == "event"


def test_a_goaml_report_declaring_entities_is_refused(tmp_path: Path) -> None:
    """Case data is hostile: a DOCTYPE (the billion laughs) is refused before anything is
    expanded, with the file and line named and no traceback."""
    path = tmp_path / "bomb.xml"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE report [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
        "<report><rentity_id>1</rentity_id><reason>&b;</reason></report>\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["ingest", str(path), "-o", str(tmp_path / "case")])
    assert result.exit_code != 0
    assert "bomb.xml" in result.output
    assert "declares entities" in result.output
    assert "Traceback" not in result.output


def test_suggest_drafts_a_goaml_mapping_and_other_xml_names_what_is_read(
    tmp_path: Path,
) -> None:
    """`mapping suggest` drafts `format: goaml` (before: "XML but no format"), and XML
    that is none of the formats read lists goAML, .anx and .mtgx among those that are."""
    report = tmp_path / "str_report.xml"
    report.write_text(_REPORT, encoding="utf-8")
    result = CliRunner().invoke(cli, ["mapping", "suggest", str(report)])
    assert result.exit_code == 0, result.output
    assert "format: goaml" in result.output
    other = tmp_path / "invoice.xml"
    other.write_text("<invoice><total>5</total></invoice>", encoding="utf-8")
    result = CliRunner().invoke(cli, ["mapping", "suggest", str(other)])
    assert result.exit_code != 0
    for kind in ("goAML", ".anx", ".mtgx", "camt"):
        assert kind in result.output


def test_a_victim_named_in_a_sentence_of_comments_is_protected(tmp_path: Path) -> None:
    """A compliance officer's `<comments>` are a sentence ("victim, referred by police";
    "suspected trafficking VICTIM; see police ref 44/24"): the victim is marked, and her
    name is in no output (before: the other words left her unmarked, and named)."""
    comments = [
        "victim, referred by police",
        "suspected trafficking VICTIM; see police ref 44/24",
        "Customer since 2019",
    ]
    for n, comment in enumerate(comments):
        text = _REPORT.replace(
            "<birthdate>1999-04-05T00:00:00</birthdate>",
            f"<birthdate>1999-04-05T00:00:00</birthdate><comments>{comment}</comments>",
        )
        (tmp_path / str(n)).mkdir()
        case, _ = _ingest(tmp_path / str(n), text)
        people = case.mentions[case.mentions["type"] == "person"]
        grace = people[people["label"].astype(str).str.contains("Grace")]
        role = grace["role"].iloc[0]
        if n < 2:
            assert role == "victim", comment
            out = tmp_path / str(n) / "case"
            listed = CliRunner().invoke(cli, ["mentions", str(out), "--csv", "-n", "100"])
            assert listed.exit_code == 0, listed.output
            assert "Grace" not in listed.output
            assert "Okoro" not in listed.output
            assert "Victim-" in listed.output
        else:  # a bank's customer is no role of ours (not a buyer of sex)
            assert pd.isna(role), comment


@pytest.mark.parametrize("name", ["str_report.txt", "STR_2024_017", "str_report.001"])
def test_a_goaml_report_is_found_by_its_content_whatever_its_name(
    tmp_path: Path, name: str
) -> None:
    """A goAML report saved as .txt, with no extension or another one is read as goAML
    (before: only a .xml file was)."""
    case, output = _ingest(tmp_path, _REPORT, name=name)
    assert f"{name}: 3 rows" in output
    paid = _links(case).query("kind == 'paid'").sort_values("row")
    assert paid["amount"].tolist() == [1500.0, 2000.5]


@pytest.mark.parametrize("name", ["contacts.bin", "contacts"])
def test_a_file_of_no_format_read_names_the_formats_read(tmp_path: Path, name: str) -> None:
    """Before: "give --preset NAME ... mapping suggest drafts a mapping", which then failed."""
    path = tmp_path / name
    path.write_text("Ana Pop\t+40721000001\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", str(path), "-o", str(tmp_path / "case")])
    assert result.exit_code == 1, result.output
    assert f"cannot tell the format of {name!r}" in result.output
    assert "goAML reports, camt and MT940 bank statements" in result.output
    assert ".csv, .tsv, .txt, .xlsx" in result.output
    assert "give --preset" not in result.output
    assert "Traceback" not in result.output
