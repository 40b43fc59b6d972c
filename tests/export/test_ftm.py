"""FtM round trip: an FtM file -> ingest -> export ftm -> the same entities and statements,
compared with the followthemoney library."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import linkgraph as lg
from linkgraph.model import Case
from tests.export.conftest import VICTIM_NAME
from tests.export.helpers import assert_victim_hidden, assert_victim_shown


def run(*args: object) -> str:
    """The output of `linkgraph ARGS`, which must succeed."""
    from click.testing import CliRunner

    from linkgraph.cli import cli

    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, result.output + repr(result.exception)
    return result.output


model = pytest.importorskip("followthemoney").model

# fmt: off
FTM_ENTITIES = [
    {"id": "p-ana", "schema": "Person", "properties": {
        "name": ["Ana Pérez"], "birthDate": ["1985-02-03"], "nationality": ["es"],
        "phone": ["+34600111222"], "email": ["ana@example.org"]}},
    {"id": "p-ben", "schema": "Person", "properties": {"name": ["Ben Okafor"],
                                                        "country": ["ng"]}},
    {"id": "c-sol", "schema": "Company", "properties": {
        "name": ["Sol Travel S.L."], "jurisdiction": ["es"], "registrationNumber": ["B123"]}},
    {"id": "a-es", "schema": "BankAccount", "properties": {
        "iban": ["ES9121000418450200051332"], "bankName": ["Banco X"]}},
    {"id": "a-ro", "schema": "BankAccount", "properties": {"iban": ["RO49AAAA1B31007593840000"]}},
    {"id": "pp-1", "schema": "Passport", "properties": {
        "holder": ["p-ana"], "number": ["X1234567"], "country": ["es"]}},
    {"id": "adr-1", "schema": "Address", "properties": {"full": ["Calle Mayor 1, Madrid"],
                                                        "city": ["Madrid"]}},
    {"id": "own-1", "schema": "Ownership", "properties": {
        "owner": ["p-ana"], "asset": ["a-es"], "startDate": ["2022-01-01"]}},
    {"id": "dir-1", "schema": "Directorship", "properties": {
        "director": ["p-ben"], "organization": ["c-sol"], "startDate": ["2021-05-03"]}},
    {"id": "pay-1", "schema": "Payment", "properties": {
        "payer": ["p-ana"], "beneficiary": ["c-sol"], "amount": ["1500"],
        "currency": ["EUR"], "date": ["2023-05-01"]}},
    {"id": "fam-1", "schema": "Family", "properties": {"person": ["p-ana"],
                                                       "relative": ["p-ben"]}},
]
# fmt: on


def _statements(proxies) -> set[tuple[str, str, str, str]]:
    return {(p.id, p.schema.name, prop, v) for p in proxies for prop, v in p.itervalues()}


def test_ftm_round_trip_keeps_entities_and_statements(tmp_path: Path) -> None:
    src = tmp_path / "aleph.ftm.json"
    src.write_text("\n".join(json.dumps(e, ensure_ascii=False) for e in FTM_ENTITIES) + "\n")
    case = lg.ingest([lg.Source(src, preset="ftm")])
    out = tmp_path / "out.ftm.json"
    report = lg.export(case, "ftm", out)
    exported = [model.get_proxy(json.loads(line)) for line in out.read_text().splitlines()]
    original = [model.get_proxy(e) for e in FTM_ENTITIES]
    assert sorted(p.id for p in exported) == sorted(p.id for p in original)
    assert _statements(exported) == _statements(original)
    assert report.counts["ftm_entities"] == len(FTM_ENTITIES)


# fmt: off
#: Entities the import reads by the followthemoney model rather than by a list: an address
#: text (an address entity in the case), an edge schema linkgraph has no kind for (Debt),
#: a Call between entities rather than numbers.
FTM_MODEL_ENTITIES = [
    {"id": "p-ana", "schema": "Person", "properties": {
        "name": ["Ana Pérez"], "address": ["Calle Mayor 1, Madrid"]}},
    {"id": "c-sol", "schema": "Company", "properties": {"name": ["Sol Travel S.L."]}},
    {"id": "debt-1", "schema": "Debt", "properties": {
        "debtor": ["p-ana"], "creditor": ["c-sol"], "amount": ["3000"], "currency": ["EUR"],
        "date": ["2023-05-01"]}},
    {"id": "call-1", "schema": "Call", "properties": {
        "caller": ["c-sol"], "receiver": ["p-ana"], "date": ["2023-05-02"]}},
    {"id": "emp-1", "schema": "Employment", "properties": {
        "employee": ["p-ana"], "employer": ["c-sol"], "startDate": ["2023-01-01"]}},
]
# fmt: on


def test_ftm_round_trip_of_schemata_read_by_the_model(tmp_path: Path) -> None:
    """Before, the Debt came back as an UnknownLink, and the address text as an Address
    entity of its own beside the Person that holds it."""
    src = tmp_path / "aleph.ftm.json"
    src.write_text("\n".join(json.dumps(e, ensure_ascii=False) for e in FTM_MODEL_ENTITIES))
    case = lg.ingest([lg.Source(src, preset="ftm")])
    assert sorted(case.links["kind"]) == ["contacted", "employed_by", "lives_at", "owes"]
    out = tmp_path / "out.ftm.json"
    lg.export(case, "ftm", out)
    exported = [model.get_proxy(json.loads(line)) for line in out.read_text().splitlines()]
    original = [model.get_proxy(e) for e in FTM_MODEL_ENTITIES]
    assert sorted(p.id for p in exported) == sorted(p.id for p in original)
    assert _statements(exported) == _statements(original)


def test_ftm_from_other_sources_uses_the_ftm_schema(case: Case, tmp_path: Path) -> None:
    out = tmp_path / "case.ftm.json"
    report = lg.export(case, "ftm", out)
    proxies = [model.get_proxy(json.loads(line)) for line in out.read_text().splitlines()]
    by_schema: dict[str, list] = {}
    for p in proxies:
        by_schema.setdefault(p.schema.name, []).append(p)
    assert {"Person", "BankAccount", "Payment", "Call", "Address", "Identification"} <= set(
        by_schema
    )
    ana = next(p for p in by_schema["Person"] if "Ana Pérez" in p.get("name"))
    assert "+34600111222" in ana.get("phone")  # phones are property values in FtM
    payments = by_schema["Payment"]
    assert sorted(float(a) for p in payments for a in p.get("amount")) == [250.5, 1500.0]
    assert all(p.get("payer") == [ana.id] for p in payments)  # the account's holder
    calls = by_schema["Call"]
    assert len(calls) == 3
    assert {n for c in calls for n in c.get("callerNumber")} == {"+34600111222", "+2348012345678"}
    ids = {p.id for p in proxies}
    for p in proxies:  # every reference points at an exported entity
        for prop, value in p.itervalues():
            if prop.type.name == "entity":
                assert value in ids, (p.schema.name, prop.name, value)
    assert any(i["what"] == "measures and communities" for i in report.items)


def test_ftm_protects_victims_and_is_deterministic(case: Case, tmp_path: Path) -> None:
    lg.export(case, "ftm", tmp_path / "a" / "c.json")
    lg.export(case, "ftm", tmp_path / "b" / "c.json")
    assert (tmp_path / "a" / "c.json").read_bytes() == (tmp_path / "b" / "c.json").read_bytes()
    assert_victim_hidden(tmp_path / "a" / "c.json", VICTIM_NAME, "e:vic", case.pseudonym_key)
    lg.export(case, "ftm", tmp_path / "shown.json", show_victims=True)
    assert_victim_shown(tmp_path / "shown.json", VICTIM_NAME)


def test_ftm_export_read_back_keeps_its_victims(tmp_path: Path) -> None:
    """linkgraph's FtM export marks victims (and other roles) among a person's keywords,
    which its FtM reader reads: before, every victim came back an ordinary person."""
    rows = tmp_path / "persons.csv"
    rows.write_text(
        "name,dob,phone,role\n"
        "Ion Rusu,1980-02-01,+37369100001,suspect\n"
        f"{VICTIM_NAME},2001-07-09,+37369200001,victim\n"
        "Zinaida Qorbuta,2002-03-04,+37369200002,Opfer\n"
        "Oleg Tkach,1985-04-03,+37369100002,\n",
        encoding="utf-8",
    )
    mapping = tmp_path / "persons.yaml"
    mapping.write_text(
        "format: csv\nentities:\n"
        "  person: {type: person, fields: {name: name, dob: dob, role: role}}\n"
        "  phone: {type: phone, fields: {phone: phone}}\n"
        "links:\n  - {kind: uses_phone, src: person, dst: phone}\n",
        encoding="utf-8",
    )
    run("ingest", rows, "--mapping", mapping, "-o", tmp_path / "case", "-q")
    run("resolve", tmp_path / "case", "-q")
    exported = tmp_path / "case.ftm.json"
    run("export", tmp_path / "case", "-f", "ftm", "-o", exported, "-q")
    text = exported.read_text(encoding="utf-8")
    assert "Ivanova" not in text
    assert "Qorbuta" not in text
    assert "+37369200001" not in text
    persons = [json.loads(line) for line in text.splitlines()]
    keywords = sorted(
        tuple(p["properties"].get("keywords", [])) for p in persons if p["schema"] == "Person"
    )
    assert keywords == [(), ("suspect",), ("victim",), ("victim",)]

    printed = run("ingest", exported, "-o", tmp_path / "back")
    assert "no person is marked as a victim" not in printed
    back = Case.read(tmp_path / "back")
    people = back.mentions[back.mentions["type"] == "person"]
    assert sorted(people["role"].fillna("").astype(str)) == ["", "suspect", "victim", "victim"]


def _ftm_errors(lines: list[dict]) -> list[str]:
    """followthemoney's validation of each entity (its required properties counted as given
    empty when absent, which ``Schema.validate`` alone does not check), and of each entity
    reference's range (a Payment's ``beneficiary`` must be a LegalEntity)."""
    from followthemoney.exc import InvalidData

    schema_of = {e["id"]: model.get(e["schema"]) for e in lines}
    errors = []
    for e in lines:
        schema = model.get(e["schema"])
        props = {r: [] for r in schema.required} | e["properties"]
        try:
            schema.validate({**e, "properties": props})
        except InvalidData as exc:
            errors.append(f"{e['id']} {schema.name}: {exc.errors}")
        for name, values in e["properties"].items():
            prop = schema.properties[name]
            if prop.type.name == "entity":
                errors += [
                    f"{e['id']} {schema.name}.{name} -> {schema_of[v].name}"
                    for v in values
                    if not schema_of[v].is_a(prop.range)
                ]
    return errors


def _payments_exported(tmp_path: Path, *, holder: bool = False) -> Path:
    """``tmp_path/tx.csv`` (account to account payments, with a ``holder`` column of the
    paying account when ``holder``) ingested, resolved and exported to FtM: the file."""
    holds = "  holder: {type: person, fields: {name: holder}}\n" if holder else ""
    held = "  - {kind: holds_account, src: holder, dst: payer}\n" if holder else ""
    (tmp_path / "tx.yaml").write_text(
        f"format: csv\nentities:\n{holds}"
        "  payer: {type: account, fields: {account: from_account}}\n"
        "  payee: {type: account, fields: {account: to_account}}\n"
        f"links:\n{held}  - {{kind: paid, src: payer, dst: payee, time: date, amount: amount,"
        " currency: currency}\n",
        encoding="utf-8",
    )
    run("ingest", tmp_path / "tx.csv", "--mapping", tmp_path / "tx.yaml", "-o",
        tmp_path / "case", "-q")  # fmt: skip
    run("resolve", tmp_path / "case", "-q")
    exported = tmp_path / "case.ftm.json"
    run("export", tmp_path / "case", "-f", "ftm", "-o", exported, "-q")
    return exported


def test_ftm_payment_to_an_account_of_no_known_holder_validates_and_reads_back(
    tmp_path: Path,
) -> None:
    """Before, a ``paid`` link to an account nobody holds was a Payment without its required
    ``beneficiary`` (Aleph refuses it). Now a LegalEntity "holder of ACCOUNT" stands in,
    which linkgraph's FtM reader skips, keeping the payment on the account."""
    (tmp_path / "tx.csv").write_text(
        "from_account,to_account,amount,currency,date\n"
        "ES9121000418450200051332,RO49AAAA1B31007593840000,1500,EUR,2023-05-01\n"
        "RO49AAAA1B31007593840000,DE89370400440532013000,250,EUR,2023-05-08\n",
        encoding="utf-8",
    )
    exported = _payments_exported(tmp_path)
    lines = [json.loads(line) for line in exported.read_text(encoding="utf-8").splitlines()]
    assert _ftm_errors(lines) == []
    by_id = {e["id"]: e for e in lines}
    payments = [e for e in lines if e["schema"] == "Payment"]
    assert len(payments) == 2
    names = {
        by_id[p["properties"][party][0]]["properties"]["name"][0]
        for p in payments
        for party in ("payer", "beneficiary")
    }
    assert names == {
        "holder of ES9121000418450200051332",
        "holder of RO49AAAA1B31007593840000",
        "holder of DE89370400440532013000",
    }
    assert sum(e["schema"] == "LegalEntity" for e in lines) == 3  # one per account

    run("ingest", exported, "-o", tmp_path / "back", "-q")
    run("resolve", tmp_path / "back", "-q")
    before, after = Case.read(tmp_path / "case"), Case.read(tmp_path / "back")
    graphs = [lg.build_graph(c) for c in (before, after)]
    assert [len(g.nodes) for g in graphs] == [3, 3]  # the three accounts, no organisations
    assert [len(g.edges) for g in graphs] == [2, 2]
    back = after.links
    assert sorted(back["kind"]) == ["paid", "paid"]
    assert sorted(back["amount"]) == [250.0, 1500.0]
    types = after.mentions.set_index("mention_id")["type"]
    assert set(types[back["src"]]) | set(types[back["dst"]]) == {"account"}


def test_ftm_payment_from_an_account_with_a_known_holder_reads_back_as_written(
    tmp_path: Path,
) -> None:
    """A person holds the paying account: the export writes the Payment with the person
    as payer and the holding as an Ownership. Read back, the payment runs account to
    account again and the person holds the account once per row, as before the export
    (before, the payment ran from the person and each Payment added a holding)."""
    (tmp_path / "tx.csv").write_text(
        "holder,from_account,to_account,amount,currency,date\n"
        "Ion Popescu,ES9121000418450200051332,RO49AAAA1B31007593840000,1500,EUR,2023-05-01\n"
        "Ion Popescu,ES9121000418450200051332,DE89370400440532013000,250,EUR,2023-05-08\n",
        encoding="utf-8",
    )
    exported = _payments_exported(tmp_path, holder=True)
    run("ingest", exported, "-o", tmp_path / "back", "-q")

    def links(folder: Path) -> list[tuple[str, str, str, float | None]]:
        case = Case.read(folder)
        label = case.mentions.set_index("mention_id")["label"]
        return sorted(
            (k, label[s], label[d], None if a != a else a)
            for k, s, d, a in case.links[["kind", "src", "dst", "amount"]].to_numpy()
        )

    expected = [
        ("holds_account", "Ion Popescu", "ES9121000418450200051332", None),
        ("holds_account", "Ion Popescu", "ES9121000418450200051332", None),
        ("paid", "ES9121000418450200051332", "DE89370400440532013000", 250.0),
        ("paid", "ES9121000418450200051332", "RO49AAAA1B31007593840000", 1500.0),
    ]
    assert links(tmp_path / "case") == expected
    assert links(tmp_path / "back") == expected


#: MD5 digests of "a", "b" and "": the content hashes of three photos
ION_PHOTO, ANA_PHOTO, AD_PHOTO = (
    "0cc175b9c0f1b6a831c399e269772661",
    "92eb5ffee6ae2fec3ad71c777531578f",
    "d41d8cd98f00b204e9800998ecf8427e",
)


def _image_case(tmp_path: Path) -> Case:
    """Two persons with a photo each (a hash, its URL beside it; the second a victim) and
    two scraped ads, one showing a photo known by hash and URL, one by its URL only."""
    (tmp_path / "people.csv").write_text(
        "name,role,photo_hash,photo_url\n"
        f"Ion Rusu,suspect,{ION_PHOTO.upper()},https://img.example/ion.jpg\n"
        f"{VICTIM_NAME},victim,{ANA_PHOTO},https://img.example/ana.jpg\n",
        encoding="utf-8",
    )
    (tmp_path / "people.yaml").write_text(
        "format: csv\nentities:\n"
        "  person: {type: person, fields: {name: name, role: role}}\n"
        "  photo: {type: image, fields: {identifier: photo_hash, url: photo_url}}\n"
        "links:\n  - {kind: shows_image, src: person, dst: photo}\n",
        encoding="utf-8",
    )
    ads = [
        {"ad_id": "a1", "title": "New in town", "phone": "+44 7911 123456",
         "images": [{"url": "https://img.example/1.jpg", "hash": AD_PHOTO}]},
        {"ad_id": "a2", "title": "Massage", "phone": "+44 7400 123456",
         "images": [{"url": "HTTP://IMG.example/9.jpg#top"}]},
    ]  # fmt: skip
    (tmp_path / "ads.jsonl").write_text("\n".join(json.dumps(a) for a in ads) + "\n")
    sources = [lg.Source(tmp_path / "people.csv", mapping=tmp_path / "people.yaml"),
               lg.Source(tmp_path / "ads.jsonl", preset="ads")]  # fmt: skip
    return lg.resolve(lg.ingest(sources))


def test_ftm_images_carry_their_url_and_hash_and_read_back(tmp_path: Path) -> None:
    """Before, an exported Image held its title only, and linkgraph's FtM reader rejected
    Image (unsupported_schema): a case's images did not come back. Now each carries the
    ``contentHash`` and ``sourceUrl`` the case knows (none for the victim's photo), the
    person it shows as ``pictured``; it validates with followthemoney and reads back as the
    same image keys, each URL kept, each person's photo linked to her again."""
    case = _image_case(tmp_path)
    out = tmp_path / "case.ftm.json"
    lg.export(case, "ftm", out)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert _ftm_errors(lines) == []
    by_id = {e["id"]: e for e in lines}
    images = sorted(
        (e["properties"] for e in lines if e["schema"] == "Image"),
        key=lambda p: p["title"][0],
    )
    persons = {e["id"]: e["properties"]["name"][0] for e in lines if e["schema"] == "Person"}
    victim = next(i for i, name in persons.items() if name.startswith("Victim-"))
    ion = next(i for i, name in persons.items() if name == "Ion Rusu")
    hers = images[1]["title"][0]  # by title: "0cc...", "Victim-...", "d41...", "https..."
    assert hers.startswith("Victim-")
    assert images == [
        {"title": [ION_PHOTO], "contentHash": [ION_PHOTO],
         "sourceUrl": ["https://img.example/ion.jpg"], "pictured": [ion]},
        {"title": [hers], "pictured": [victim]},  # hers: no hash, no URL
        {"title": [AD_PHOTO], "contentHash": [AD_PHOTO],
         "sourceUrl": ["https://img.example/1.jpg"]},
        {"title": ["https://img.example/9.jpg"], "sourceUrl": ["https://img.example/9.jpg"]},
    ]  # fmt: skip
    text = out.read_text(encoding="utf-8")
    for secret in (ANA_PHOTO, "ana.jpg", VICTIM_NAME):
        assert secret not in text
    shows = [e for e in lines if e["schema"] == "UnknownLink"]
    assert [e["properties"]["role"] for e in shows] == [["shows"], ["shows"]]
    assert {by_id[e["properties"]["subject"][0]]["schema"] for e in shows} == {"Article"}

    back = lg.ingest([lg.Source(out, preset="ftm")])
    m = back.mentions.set_index("mention_id")
    image = m[m["type"].astype(str).eq("image")]
    urls = image["attrs"].map(lambda a: json.loads(a).get("url"))
    assert sorted(zip(image["identifier"].fillna(""), urls.fillna(""), strict=True)) == [
        ("", ""),  # the victim's photo, shown by her pseudonym
        (ION_PHOTO, "https://img.example/ion.jpg"),
        (AD_PHOTO, "https://img.example/1.jpg"),
        ("https://img.example/9.jpg", ""),
    ]
    pictured = back.links[back.links["kind"].eq("shows_image")]
    assert sorted(
        (m.at[s, "label"], m.at[d, "label"]) for s, d in pictured[["src", "dst"]].to_numpy()
    ) == sorted([("Ion Rusu", ION_PHOTO), (persons[victim], hers)])
    # the ads are FtM Articles, which linkgraph does not read (nor their links)
    assert set(back.rejects["reason"]) == {"unsupported_schema", "unsupported_reference"}
    assert "image_invalid" not in set(back.rejects["reason"])


def test_ftm_image_of_another_tool_is_keyed_by_its_hash_else_its_url() -> None:
    """FtM Images as another tool writes them, read by linkgraph's FtM reader: keyed by
    ``contentHash`` (its URL kept), else ``sourceUrl`` normalised, else ``fileName``; a
    ``sourceUrl`` that is no URL nor hash is rejected ``image_invalid``; an UnknownLink
    whose role is a link kind's label between the right types is that kind."""
    entities = [
        {"id": "p1", "schema": "Person", "properties": {"name": ["Ion Rusu"]}},
        {"id": "i1", "schema": "Image", "properties": {
            "contentHash": [ION_PHOTO.upper()], "sourceUrl": ["http://www.img.example/a.jpg"],
            "title": ["Ion at the border"], "pictured": ["p1"]}},
        {"id": "i2", "schema": "Image", "properties": {
            "sourceUrl": ["http://WWW.img.example/b.jpg#x"], "title": ["b"]}},
        {"id": "i3", "schema": "Image", "properties": {"fileName": ["IMG_0042.jpg"]}},
        {"id": "i4", "schema": "Image", "properties": {"sourceUrl": ["a photo"],
                                                        "title": ["a photo"]}},
        {"id": "u1", "schema": "UnknownLink", "properties": {
            "subject": ["p1"], "object": ["i2"], "role": ["shows"]}},
    ]  # fmt: skip
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        src = Path(folder) / "other.ftm.json"
        src.write_text("\n".join(json.dumps(e) for e in entities), encoding="utf-8")
        case = lg.ingest([lg.Source(src, preset="ftm")])
    m = case.mentions.set_index("mention_id")
    image = m[m["type"].astype(str).eq("image")].sort_values("row")
    assert image["identifier"].fillna("").tolist() == [
        ION_PHOTO,
        "https://img.example/b.jpg",
        "IMG_0042.jpg",
        "",
    ]
    assert image["label"].tolist() == ["Ion at the border", "b", "IMG_0042.jpg", "a photo"]
    assert json.loads(image["attrs"].iloc[0])["url"] == "http://www.img.example/a.jpg"
    assert case.rejects[["reason", "value"]].values.tolist() == [["image_invalid", "a photo"]]
    kinds = sorted(
        (k, m.at[s, "label"], m.at[d, "label"])
        for k, s, d in case.links[["kind", "src", "dst"]].to_numpy()
    )
    assert kinds == [("shows_image", "Ion Rusu", "Ion at the border"),
                     ("shows_image", "Ion Rusu", "b")]  # fmt: skip


def test_ftm_of_the_sample_case_reads_back_without_dangling_references(
    demo_run, tmp_path: Path
) -> None:
    """A victim's bank account (its number withheld) is named by its pseudonym, as she is,
    so the Payments and Ownerships naming it are read back; a Call from a phone shown by
    pseudonym with no one user has a LegalEntity named by that pseudonym as its caller.
    followthemoney validates every entity and every reference resolves; the file holds no
    number of a phone or account shown by pseudonym."""
    from linkgraph.export._data import prepare

    case_dir = demo_run.out / "case"
    exported = tmp_path / "case.ftm.json"
    run("export", case_dir, "-f", "ftm", "-o", exported, "-q")
    text = exported.read_text(encoding="utf-8")
    lines = [json.loads(line) for line in text.splitlines()]
    assert _ftm_errors(lines) == []
    by_id = {e["id"]: e for e in lines}
    for e in lines:
        props = e["properties"]
        if e["schema"] == "Call":
            assert props.get("callerNumber") or props.get("caller"), e
            assert props.get("receiverNumber") or props.get("receiver"), e
        if e["schema"] == "BankAccount":
            assert props.get("name") or props.get("accountNumber") or props.get("iban"), e
    # the protected accounts are named by their pseudonyms; their numbers are nowhere
    case = Case.read(case_dir)
    protected = prepare(case).protected
    m = case.mentions.assign(entity=case.entity_of().reindex(case.mentions["mention_id"]).array)
    theirs = m[m["entity"].isin(list(protected)).to_numpy()]
    numbers = {str(v) for c in ("phone", "account") for v in theirs[c].dropna()}
    assert numbers  # the sample case has victims' phones and accounts
    for number in numbers:
        assert number not in text, number
    accounts = [e for e in lines if e["schema"] == "BankAccount"]
    named = {n for e in accounts for n in e["properties"].get("name", [])}
    assert any(n.startswith("Victim-") for n in named)
    users = [e for e in lines if e["schema"] == "LegalEntity" and e["id"].endswith("-user")]
    for user in users:
        assert user["properties"]["name"][0].startswith("Victim-")
        assert any(user["id"] in c["properties"].get("caller", []) + c["properties"].get(
            "receiver", []) for c in by_id.values() if c["schema"] == "Call")  # fmt: skip
    # read back: no reference to an entity the file does not hold, none missing
    run("ingest", exported, "-o", tmp_path / "back", "-q")
    back = Case.read(tmp_path / "back")
    reasons = set(back.rejects["reason"].astype(str))
    assert not reasons & {"unknown_reference", "missing_reference", "no_entity"}, reasons


def test_ftm_events_carry_their_dates_in_utc(tmp_path: Path) -> None:
    """An event's time (an arrest at 08:05 Berlin time in winter, 10:30 in summer) is its
    FtM Event's ``date``, in UTC without a zone as FtM's date type has it; a date alone is
    a day. followthemoney reads them back as written, and so does linkgraph's reader."""
    (tmp_path / "arrests.csv").write_text(
        "arrest_id,date,name,role\n"
        "A-1,2023-01-15 08:05,Stefan Krause,suspect\n"
        "A-2,2023-07-01 10:30,Dieter Hornberg,suspect\n"
        "A-3,2023-08-02,Ion Rusu,suspect\n",
        encoding="utf-8",
    )
    (tmp_path / "arrests.yaml").write_text(
        "format: csv\ntimezone: Europe/Berlin\nentities:\n"
        "  person: {type: person, fields: {name: name, role: role}}\n"
        "  arrest: {type: event, fields: {identifier: arrest_id, time: date}}\n"
        "links:\n  - {kind: involved_in, src: person, dst: arrest}\n",
        encoding="utf-8",
    )
    run("ingest", tmp_path / "arrests.csv", "--mapping", tmp_path / "arrests.yaml", "-o",
        tmp_path / "case", "-q")  # fmt: skip
    run("resolve", tmp_path / "case", "-q")
    exported = tmp_path / "case.ftm.json"
    run("export", tmp_path / "case", "-f", "ftm", "-o", exported, "-q")
    lines = [json.loads(line) for line in exported.read_text(encoding="utf-8").splitlines()]
    assert _ftm_errors(lines) == []
    events = {e["properties"]["name"][0]: e for e in lines if e["schema"] == "Event"}
    want = {"A-1": "2023-01-15T07:05:00", "A-2": "2023-07-01T08:30:00", "A-3": "2023-08-02"}
    assert {k: e["properties"]["date"] for k, e in events.items()} == {
        k: [v] for k, v in want.items()
    }
    date = model.get("Event").properties["date"].type
    for value in want.values():
        assert date.clean(value) == value
    run("ingest", exported, "-o", tmp_path / "back", "-q")
    back = Case.read(tmp_path / "back")
    ev = back.mentions[back.mentions["type"] == "event"].set_index("label")["time"]
    assert ev["A-1"] == pd.Timestamp("2023-01-15T07:05:00Z")
    assert ev["A-2"] == pd.Timestamp("2023-07-01T08:30:00Z")
