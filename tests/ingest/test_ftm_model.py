"""FollowTheMoney ingest read through the followthemoney model, through the CLI: Aleph's
nested export (whole entities in place of ids), every FtM schema (edges not listed by hand,
things read as their nearest listed ancestor), and the values that were dropped (an
``address`` text, a person's other names, an Ownership's percentage and role)."""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.ingest.ftm import _PROPERTY_LINKS, RELATIONS, THINGS
from linkgraph.model import Case

model = pytest.importorskip("followthemoney").model


def _ingest(tmp_path: Path, entities: list[Any], name: str = "export.ftm.jsonl") -> Path:
    path = tmp_path / name
    path.write_text(
        "\n".join(json.dumps(e, ensure_ascii=False) for e in entities) + "\n", encoding="utf-8"
    )
    out = tmp_path / "case"
    result = CliRunner().invoke(cli, ["ingest", str(path), "--preset", "ftm", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def _links(case: Case) -> list[tuple[str, str, str]]:
    label = case.mentions.set_index("mention_id")["label"]
    return sorted(
        (str(label[s]), k, str(label[d])) for s, d, k in case.links[["src", "dst", "kind"]].values
    )


def _attrs(case: Case, kind: str) -> list[dict[str, Any]]:
    links = case.links[case.links["kind"] == kind]
    return [json.loads(a) for a in links["attrs"]]


def _rejects(case: Case) -> list[tuple[int, str, str, str]]:
    r = case.rejects
    return sorted(
        (int(row), str(reason), str(col), str(value))
        for row, reason, col, value in r[["row", "reason", "column", "value"]].values
    )


# --- Aleph's nested export ------------------------------------------------------------

_NESTED = [
    {"id": "c1", "schema": "Company", "properties": {"name": ["Dream Travel SRL"]}},
    {"id": "pay1", "schema": "Payment", "properties": {
        "payer": ["c1"],
        "beneficiary": [{"id": "p2", "schema": "Person", "properties": {
            "name": ["Elena Ceban"],
            "addressEntity": [{"id": "ad1", "schema": "Address",
                               "properties": {"full": ["str. Mare 1, Chișinău"]}}]}}],
        "payerAccount": [{"id": "a1", "schema": "BankAccount",
                          "properties": {"iban": ["RO49AAAA1B31007593840000"]}}],
        "beneficiaryAccount": [{"id": "a2", "schema": "BankAccount",
                                "properties": {"iban": ["MD24AG000225100013104168"]}}],
        "amount": ["1500"], "currency": ["EUR"], "date": ["2024-01-15"]}},
    # the same nested person again, with one more value; a nested copy of c1 is c1
    {"id": "o1", "schema": "Ownership", "properties": {
        "owner": [{"id": "p2", "schema": "Person",
                   "properties": {"name": ["Elena Ceban"], "birthDate": ["2001-02-03"]}}],
        "asset": [{"id": "c1", "schema": "Company", "properties": {"name": ["Dream Travel"]}}],
        "percentage": ["40"], "role": ["shareholder"]}},
    {"id": "f1", "schema": "Family", "properties": {
        "person": [{"id": "p3", "schema": "Person", "properties": {"name": ["Ion Ceban"]}}],
        "relative": [{"id": "p2"}], "relationship": ["father"]}},
    # a nested entity without an id, and a real dangling reference
    {"id": "as1", "schema": "Associate", "properties": {
        "person": [{"schema": "Person", "properties": {"name": ["Anon Person"]}}],
        "associate": ["p2"]}},
    {"id": "as2", "schema": "Associate", "properties": {"person": ["p3"],
                                                        "associate": ["p404"]}},
]  # fmt: skip


def test_nested_entities_are_read_and_linked_by_id(tmp_path):
    """Before, each nested entity was rejected as unknown_reference."""
    case = Case.read(_ingest(tmp_path, _NESTED))
    m = case.mentions
    # each nested entity once, however often it is nested; c1 is the top-level one
    assert sorted(m.loc[m["type"] != "address", "label"]) == [
        "Anon Person", "Dream Travel SRL", "Elena Ceban", "Ion Ceban",
        "MD24AG000225100013104168", "RO49AAAA1B31007593840000",
    ]  # fmt: skip
    elena = m[m["label"] == "Elena Ceban"].iloc[0]
    assert elena["dob"] == "2001-02-03"  # the second copy's value is kept too
    assert json.loads(elena["attrs"])["ftm_id"] == "p2"
    assert _links(case) == [
        ("Anon Person", "associate", "Elena Ceban"),
        ("Dream Travel SRL", "holds_account", "RO49AAAA1B31007593840000"),
        ("Elena Ceban", "holds_account", "MD24AG000225100013104168"),
        ("Elena Ceban", "lives_at", "str. Mare 1, Chișinău"),
        ("Elena Ceban", "owner_of", "Dream Travel SRL"),
        ("Ion Ceban", "family", "Elena Ceban"),
        ("RO49AAAA1B31007593840000", "paid", "MD24AG000225100013104168"),
    ]
    assert _attrs(case, "owner_of")[0] == {
        "ftm_id": "o1", "schema": "Ownership", "percentage": "40", "role": "shareholder",
    }  # fmt: skip
    # only the dangling id is a reject, naming the id and the line
    assert _rejects(case) == [(6, "unknown_reference", "associate", "p404")]


def test_nested_payment_gives_a_path_from_the_payer_to_the_beneficiary_account(tmp_path):
    """Two shortest paths of 2 hops join the company to the account: through its owner
    Elena (who holds the account) and through the nested payment from the company's own
    account. `path -k 2` lists both, equal lengths by their labels (docs/concepts.md)."""
    case_dir = _ingest(tmp_path, _NESTED)
    assert CliRunner().invoke(cli, ["resolve", str(case_dir), "-q"]).exit_code == 0
    args = ["path", str(case_dir), "Dream Travel SRL", "MD24AG000225100013104168"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = CliRunner().invoke(cli, [*args, "-k", "2", "--json"])
    assert result.exit_code == 0, result.output
    hops = json.loads(result.output)
    paths: dict[int, list[tuple[str, str, list[str]]]] = {}
    for h in hops:
        paths.setdefault(h["path"], []).append((h["src_label"], h["dst_label"], h["kinds"]))
    assert paths == {
        1: [
            ("Dream Travel SRL", "Elena Ceban", ["← owner_of"]),
            ("Elena Ceban", "MD24AG000225100013104168", ["holds_account"]),
        ],
        2: [
            ("Dream Travel SRL", "RO49AAAA1B31007593840000", ["holds_account"]),
            ("RO49AAAA1B31007593840000", "MD24AG000225100013104168", ["paid"]),
        ],
    }


def test_nested_entities_are_listed_by_linkgraph_mentions(tmp_path):
    case_dir = _ingest(tmp_path, _NESTED)
    result = CliRunner().invoke(cli, ["mentions", str(case_dir), "--json", "--type", "person"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output[result.output.index("[") :])
    # the nested ones come from the line of the entity they are nested in
    assert sorted((r["label"], r["row"]) for r in rows) == [
        ("Anon Person", 5), ("Elena Ceban", 2), ("Ion Ceban", 4),
    ]  # fmt: skip


def test_entities_nested_in_a_json_array_and_in_each_other(tmp_path):
    """An Aleph API answer is a JSON array; nesting may go several levels deep, and a
    nested entity may name its container back."""
    entities = [{"id": "o1", "schema": "Ownership", "properties": {
        "owner": [{"id": "p1", "schema": "Person", "properties": {
            "name": ["Vasile Rusu"],
            "addressEntity": [{"id": "ad1", "schema": "Address", "properties": {
                "street": ["Bd. Unirii 5"], "city": ["București"], "postalCode": ["030167"]}}]}}],
        "asset": [{"id": "v1", "schema": "Vehicle", "properties": {
            "registrationNumber": ["B 123 ABC"],
            "owner": [{"id": "p1", "schema": "Person", "properties": {}}]}}]}}]  # fmt: skip
    path = tmp_path / "aleph.json"
    path.write_text(json.dumps(entities), encoding="utf-8")
    out = tmp_path / "case"
    result = CliRunner().invoke(cli, ["ingest", str(path), "--preset", "ftm", "-o", str(out)])
    assert result.exit_code == 0, result.output
    case = Case.read(out)
    assert _links(case) == [
        ("Vasile Rusu", "lives_at", "Bd. Unirii 5, 030167 București"),  # composed: no `full`
        ("Vasile Rusu", "owns_vehicle", "B123ABC"),
        ("Vasile Rusu", "owns_vehicle", "B123ABC"),  # the Ownership, and the Vehicle's owner
    ]
    assert case.rejects.empty


# --- every FtM schema -------------------------------------------------------------------

_PARTIES = [
    {"id": "p1", "schema": "Person", "properties": {"name": ["Vasile Rusu"]}},
    {"id": "p2", "schema": "Person", "properties": {"name": ["Elena Ceban"]}},
    {"id": "c1", "schema": "Company", "properties": {"name": ["Dream Travel SRL"]}},
    {"id": "c2", "schema": "PublicBody", "properties": {"name": ["Ministry of Labour"],
                                                        "country": ["md"]}},
]  # fmt: skip


def test_edge_schemata_not_listed_by_hand_are_links(tmp_path):
    entities = [
        *_PARTIES,
        {"id": "e1", "schema": "Employment", "properties": {
            "employee": ["p2"], "employer": ["c1"], "role": ["dancer"],
            "startDate": ["2023-06-01"]}},
        {"id": "e2", "schema": "Membership", "properties": {"member": ["p1"],
                                                            "organization": ["c1"]}},
        {"id": "e3", "schema": "UnknownLink", "properties": {"subject": ["p1"],
                                                             "object": ["p2"]}},
        {"id": "e4", "schema": "Representation", "properties": {"agent": ["p1"],
                                                                "client": ["c1"]}},
        {"id": "e5", "schema": "Succession", "properties": {"predecessor": ["c1"],
                                                            "successor": ["c2"]}},
        {"id": "e6", "schema": "Debt", "properties": {
            "debtor": ["p2"], "creditor": ["p1"], "amount": ["3000"], "currency": ["EUR"],
            "date": ["2023-05-01"], "description": ["travel and lodging"]}},
        {"id": "e7", "schema": "Control", "properties": {"controller": ["p1"],
                                                         "controlled": ["c1"]}},
        {"id": "k1", "schema": "Contract", "properties": {
            "title": ["Seasonal work placement"], "authority": ["c2"],
            "contractDate": ["2023-04-01"]}},
        {"id": "e8", "schema": "ContractAward", "properties": {
            "contract": ["k1"], "supplier": ["c1"], "amount": ["20000"], "currency": ["MDL"]}},
    ]  # fmt: skip
    case = Case.read(_ingest(tmp_path, entities))
    assert _links(case) == [
        ("Dream Travel SRL", "associate", "Ministry of Labour"),  # Succession
        ("Elena Ceban", "employed_by", "Dream Travel SRL"),
        ("Elena Ceban", "owes", "Vasile Rusu"),  # Debt: its FtM edge label
        ("Ministry of Labour", "involved_in", "Seasonal work placement"),  # the authority
        ("Seasonal work placement", "awarded_to", "Dream Travel SRL"),
        ("Vasile Rusu", "associate", "Dream Travel SRL"),  # Representation
        ("Vasile Rusu", "contacted", "Elena Ceban"),  # UnknownLink
        ("Vasile Rusu", "controls", "Dream Travel SRL"),
        ("Vasile Rusu", "member_of", "Dream Travel SRL"),
    ]
    debt = case.links[case.links["kind"] == "owes"].iloc[0]
    assert (debt["amount"], debt["currency"]) == (3000.0, "EUR")
    assert str(debt["time"].date()) == "2023-05-01"
    assert json.loads(debt["attrs"]) == {
        "ftm_id": "e6", "schema": "Debt", "description": "travel and lodging",
    }  # fmt: skip
    award = case.links[case.links["kind"] == "awarded_to"].iloc[0]
    assert (award["amount"], award["currency"]) == (20000.0, "MDL")
    assert _attrs(case, "employed_by")[0]["role"] == "dancer"
    m = case.mentions.set_index("label")
    assert m.loc["Ministry of Labour", "type"] == "organisation"  # PublicBody
    assert m.loc["Seasonal work placement", "type"] == "event"  # Contract
    assert str(m.loc["Seasonal work placement", "time"].date()) == "2023-04-01"
    assert case.rejects.empty


def test_things_are_read_as_their_nearest_linkgraph_type(tmp_path):
    entities = [
        *_PARTIES,
        {"id": "v1", "schema": "Vessel", "properties": {
            "name": ["Sea Star"], "imoNumber": ["IMO 9321483"], "flag": ["pa"],
            "owner": ["c1"]}},
        {"id": "v2", "schema": "Airplane", "properties": {"registrationNumber": ["YR-BAC"],
                                                          "operator": ["c1"]}},
        {"id": "w1", "schema": "CryptoWallet", "properties": {
            "publicKey": ["bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"], "holder": ["p1"]}},
        {"id": "r1", "schema": "RealEstate", "properties": {"address": ["Via Roma 3, Torino"]}},
        {"id": "o1", "schema": "Ownership", "properties": {"owner": ["p1"], "asset": ["r1"]}},
        {"id": "ev1", "schema": "Event", "properties": {
            "name": ["Recruitment fair"], "date": ["2023-03-02"], "involved": ["p1", "p2"]}},
        {"id": "cl1", "schema": "Call", "properties": {
            "caller": ["p1"], "callerNumber": ["+37369123456"],
            "receiverNumber": ["+40721000111"], "date": ["2024-02-01T10:00:00"],
            "duration": ["65"]}},
        {"id": "n1", "schema": "Note", "properties": {"entity": ["p2"],
                                                      "description": ["seen at the border"]}},
    ]  # fmt: skip
    case = Case.read(_ingest(tmp_path, entities))
    assert _links(case) == [
        ("+37369123456", "called", "+40721000111"),
        ("Dream Travel SRL", "operates", "YRBAC"),
        ("Dream Travel SRL", "owns_vehicle", "Sea Star"),
        ("Elena Ceban", "involved_in", "Recruitment fair"),
        ("Vasile Rusu", "holds_account", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"),
        ("Vasile Rusu", "involved_in", "Recruitment fair"),
        ("Vasile Rusu", "owner_of", "Via Roma 3, Torino"),
        ("Vasile Rusu", "uses_phone", "+37369123456"),
    ]
    m = case.mentions.set_index("label")
    assert m.loc["Sea Star", ["type", "plate", "country"]].tolist() == ["vehicle", "IMO9321483",
                                                                        "PA"]  # fmt: skip
    # a wallet's address is case-sensitive: kept as written
    assert m.loc["bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", "type"] == "account"
    assert m.loc["Via Roma 3, Torino", "type"] == "address"
    assert m.loc["Recruitment fair", ["type", "identifier"]].tolist() == ["event", "ev1"]
    assert json.loads(m.loc["Elena Ceban", "attrs"])["notes"] == ["seen at the border"]
    call = case.links[case.links["kind"] == "called"].iloc[0]
    assert str(call["time"]) == "2024-02-01 10:00:00+00:00"
    assert json.loads(call["attrs"]) == {"ftm_id": "cl1", "schema": "Call", "duration": "65"}
    assert case.rejects.empty


def test_every_ftm_schema_is_read_or_rejected_with_its_reason(tmp_path):
    """One entity of each FtM schema, each naming the parties where it has such a
    property: each is a mention, a link, or a reject saying why (never an error)."""
    entities = list(_PARTIES)
    for schema in sorted(model.schemata.values(), key=lambda s: s.name):
        if schema.abstract:
            continue
        props: dict[str, list[str]] = {}
        for prop in schema.properties.values():
            if prop.stub or prop.type.name != "entity":
                continue
            if prop.name in (schema.edge_source, "holder", "owner", "caller", "entity"):
                props[prop.name] = ["p1"]
            elif prop.name in (schema.edge_target, "receiver"):
                props[prop.name] = ["c1"]
        for prop in schema.caption:
            ptype = schema.properties[prop].type.name if prop in schema.properties else ""
            if ptype in ("string", "name", "identifier"):
                props.setdefault(prop, [f"{schema.name} one"])
        entities.append({"id": f"x-{schema.name}", "schema": schema.name, "properties": props})
    case = Case.read(_ingest(tmp_path, entities))
    read = {json.loads(a).get("schema") for a in case.mentions["attrs"].dropna()}
    read |= {json.loads(a).get("schema") for a in case.links["attrs"].dropna()}
    rejected = set(case.rejects.loc[case.rejects["reason"] == "unsupported_schema", "value"])
    names = {e["schema"] for e in entities}
    assert names - read - rejected == {"Note"}  # a Note is kept on the entity it is about
    for name in ("Employment", "Membership", "UnknownLink", "Debt", "Contract", "Vessel",
                 "PublicBody", "CryptoWallet", "Call", "Occupancy", "CourtCase"):  # fmt: skip
        assert name in read, name
    assert {"Document", "Position", "Sanction"} <= rejected
    assert set(case.rejects["reason"]) == {"unsupported_schema"}


def test_a_reference_to_an_entity_of_an_unsupported_schema_says_so(tmp_path):
    entities = [
        *_PARTIES,
        {"id": "doc1", "schema": "Pages", "properties": {"title": ["contract.pdf"]}},
        {"id": "d1", "schema": "Documentation", "properties": {"document": ["doc1"],
                                                               "entity": ["p1"]}},
        {"id": "b1", "schema": "BankAccount", "properties": {"iban": ["MD24AG000225100013104168"],
                                                             "holder": ["p1"]}},
    ]  # fmt: skip
    case = Case.read(_ingest(tmp_path, entities))
    assert _rejects(case) == [
        (5, "unsupported_schema", "schema", "Pages"),
        (6, "unsupported_reference", "document", "doc1 (Pages)"),
        # FtM's BankAccount has no holder (an Ownership or a Payment says who holds it)
        (7, "unknown_property", "holder", "BankAccount.holder"),
    ]


def test_tables_follow_the_followthemoney_model():
    """The hand-written tables (linkgraph's own vocabulary) name only what the model has."""
    for name, (_kind, fields) in THINGS.items():
        schema = model.get(name)
        assert schema is not None, name
        for names in fields.values():
            for prop in names.split("|"):
                assert prop in schema.properties, f"{name}.{prop}"
    for name, (_kind, a, b) in RELATIONS.items():
        schema = model.get(name)
        assert (schema.edge_source, schema.edge_target) == (a, b), name
    for (etype, prop), _ in _PROPERTY_LINKS.items():
        holders = [model.get(n) for n, (t, _f) in THINGS.items() if t == etype]
        assert any(
            prop in s.properties and s.properties[prop].type.name == "entity" for s in holders
        ), (etype, prop)


# --- values that were dropped ---------------------------------------------------------


def test_addresses_other_names_and_ownership_shares_are_kept(tmp_path):
    entities = [
        {"id": "p1", "schema": "Person", "properties": {
            "name": ["Ivan Petrov", "PETROV Ivan"], "firstName": ["Ivan"],
            "fatherName": ["Ivanovich"], "lastName": ["Petrov"], "alias": ["Vanya"],
            "address": ["str. Ștefan cel Mare 12, Chișinău"]}},
        {"id": "p2", "schema": "Person", "properties": {
            "firstName": ["Ana"], "secondName": ["Maria"], "lastName": ["Pop"]}},
        {"id": "c1", "schema": "Company", "properties": {
            "name": ["Dream Travel SRL"], "address": ["Bd. Unirii 5, București"],
            "jurisdiction": ["ro"]}},
        {"id": "o1", "schema": "Ownership", "properties": {
            "owner": ["p1"], "asset": ["c1"], "percentage": ["75"], "role": ["founder"],
            "startDate": ["2019-03-01"]}},
    ]  # fmt: skip
    case = Case.read(_ingest(tmp_path, entities))
    m = case.mentions.set_index("label")
    ivan = json.loads(m.loc["Ivan Petrov", "attrs"])
    assert ivan["aliases"] == ["PETROV Ivan", "Vanya", "Ivan Ivanovich Petrov"]
    assert ivan["father_name"] == "Ivanovich"
    assert m.loc["Ivan Petrov", "address"] == "str. Ștefan cel Mare 12, Chișinău"
    # a name made of its parts when the entity has none
    assert m.loc["Ana Maria Pop", ["given_name", "family_name"]].tolist() == ["Ana", "Pop"]
    assert json.loads(m.loc["Ana Maria Pop", "attrs"])["second_name"] == "Maria"
    assert _links(case) == [
        ("Dream Travel SRL", "registered_at", "Bd. Unirii 5, București"),
        ("Ivan Petrov", "lives_at", "str. Ștefan cel Mare 12, Chișinău"),
        ("Ivan Petrov", "owner_of", "Dream Travel SRL"),
    ]
    owner = _attrs(case, "owner_of")[0]
    assert (owner["percentage"], owner["role"]) == ("75", "founder")
    assert m.loc["Dream Travel SRL", "country"] == "RO"


def test_ftm_territories_are_not_rejected_as_countries(tmp_path):
    entities = [{"id": "c1", "schema": "Company", "properties": {
        "name": ["Abkhaz Trade"], "jurisdiction": ["ge-ab"]}}]  # fmt: skip
    case = Case.read(_ingest(tmp_path, entities))
    assert case.mentions.iloc[0]["country"] == "ge-ab"
    assert case.rejects.empty
