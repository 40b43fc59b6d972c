"""A draft of `mapping suggest` for a list of typed values (``"phones": [{"type": "mobile",
"number": ...}, {"type": "home", ...}]``) reads every phone type, the types the sample
showed and those it did not ("work"), and leaves out only a type with a reason to be no
phone (e-mails, a handle with no digits): a sampled number that does not validate is its
``phone_invalid`` reject, never a reason to drop its type, and an item no slot takes is
a ``skipped_by_mapping`` reject the summary counts (all through the CLI: suggest, then
ingest)."""

from __future__ import annotations

import json
from pathlib import Path

from linkgraph.model import Case
from tests.suggest_draft import run_cli, suggest_draft


def _ingest(tmp_path: Path, src: Path) -> tuple[Case, dict, str]:
    draft, mapping = suggest_draft(src, tmp_path)
    out = tmp_path / "case"
    code, text = run_cli("ingest", str(src), "--mapping", str(draft), "-o", str(out))
    assert code == 0, text
    return Case.load(out), mapping, text


def _victims(n: int = 205) -> list[dict]:
    """``n`` victims with a mobile and a home number each; the first also an invalid
    mobile number, the second an e-mail among her phones, the third a Telegram handle;
    the last (past the 200 records the draft samples) only a work number."""
    recs = []
    for i in range(n):
        phones = [{"type": "mobile", "number": f"+44 7911 {100000 + i:06d}"},
                  {"type": "home", "number": f"+44 20 7946 {i:04d}"}]  # fmt: skip
        recs.append({"id": f"r{i}", "name": f"Victim {i}", "role": "victim", "phones": phones})
    recs[0]["phones"].append({"type": "mobile", "number": "+44 12"})
    recs[1]["phones"].append({"type": "email", "number": "ana@example.com"})
    recs[2]["phones"].append({"type": "telegram", "number": "@ana_m"})
    recs[-1]["phones"] = [{"type": "Work", "number": "+44 7911 123456"}]
    return recs


def test_every_phone_type_is_read_and_an_invalid_number_is_its_reject(tmp_path: Path) -> None:
    src = tmp_path / "victims.json"
    recs = _victims()
    src.write_text(json.dumps(recs), encoding="utf-8")
    case, mapping, text = _ingest(tmp_path, src)
    phone = next(e for e in mapping["entities"].values() if e["type"] == "phone")
    # the draft leaves out only the types with a reason: e-mails, a handle
    assert phone["where"] == {"type": {"not": ["email", "telegram"]}}
    m = case.mentions
    phones = set(m.loc[m["type"].eq("phone"), "identifier"])
    # hand-written E.164 of every valid number of every type, the unseen "Work" one too
    expected = {f"+447911{100000 + i:06d}" for i in range(204)}
    expected |= {f"+4420 7946{i:04d}".replace(" ", "") for i in range(204)}
    expected |= {"+447911123456"}
    assert phones == expected
    assert set(m.loc[m["type"].eq("email"), "identifier"]) == {"ana@example.com"}
    rejects = case.rejects.sort_values("row")
    assert rejects[["row", "reason", "value"]].values.tolist() == [
        [1, "phone_invalid", "+44 12"],
        [3, "skipped_by_mapping", '{"type": "telegram", "number": "@ana_m"}'],
    ]
    assert "phone_invalid: 1" in text
    assert "skipped_by_mapping: 1" in text


def test_typed_contacts_inside_a_list_read_an_unseen_type_too(tmp_path: Path) -> None:
    """The same list under each person of a report (``persons[].contacts``): the draft's
    dotted ``where:`` takes every type but the e-mails, so a "viber" number of a case
    past the sample is read, and an invalid sampled mobile number is its reject."""
    persons = [
        {"name": "Daria Popescu", "role": "victim",
         "contacts": [{"type": "mobile", "value": "+373 69 123 456"},
                      {"type": "mobile", "value": "+373 1"},
                      {"type": "email", "value": "daria@example.md"}]},
        {"name": "Grigore Lungu", "role": "suspect",
         "contacts": [{"type": "home", "value": "+373 22 123 456"}]},
    ]  # fmt: skip
    cases = [{"ref": f"C{i}", "persons": persons} for i in range(200)]
    cases.append({"ref": "C9", "persons": [
        {"name": "Elena Sirbu", "role": "victim",
         "contacts": [{"type": "viber", "value": "+40 722 111 222"}]}]})  # fmt: skip
    src = tmp_path / "report.json"
    src.write_text(json.dumps({"cases": cases}), encoding="utf-8")
    # the draft samples the first 200 cases: the last one's "viber" is a type it never saw
    case, mapping, _ = _ingest(tmp_path, src)
    phone = next(e for e in mapping["entities"].values() if e["type"] == "phone")
    assert list(phone["where"].values()) == [{"not": ["email"]}]
    m = case.mentions
    assert set(m.loc[m["type"].eq("phone"), "identifier"]) == {
        "+37369123456", "+37322123456", "+40722111222"}  # fmt: skip
    assert case.rejects["reason"].value_counts().to_dict() == {"phone_invalid": 200}


def test_a_where_not_in_a_mapping_refuses_only_those_items(tmp_path: Path) -> None:
    """``where: {type: {not: [email]}}`` written by hand: every other item is read, the
    e-mail is read by no slot and counted as skipped_by_mapping; a malformed ``not`` is
    a mapping error naming the key."""
    src = tmp_path / "c.json"
    src.write_text(json.dumps([{"name": "Ana", "contacts": [
        {"type": "fax", "value": "+40 21 123 4567"},
        {"type": "E-mail", "value": "ana@example.ro"},
        {"type": "", "value": "+40 722 111 222"}]}]), encoding="utf-8")  # fmt: skip
    mapping = tmp_path / "m.yaml"
    body = (
        "format: json\nentities:\n  person: {type: person, fields: {name: name}}\n"
        "  phone: {type: phone, each: contacts, where: {type: %s}, fields: {phone: value}}\n"
        "links:\n  - {kind: uses_phone, src: person, dst: phone}\n"
    )
    mapping.write_text(body % "{not: [e-mail]}", encoding="utf-8")
    out = tmp_path / "case"
    code, text = run_cli("ingest", str(src), "--mapping", str(mapping), "-o", str(out))
    assert code == 0, text
    case = Case.load(out)
    phones = set(case.mentions.loc[case.mentions["type"].eq("phone"), "identifier"])
    assert phones == {"+40211234567", "+40722111222"}
    assert case.rejects[["reason", "value"]].values.tolist() == [
        ["skipped_by_mapping", '{"type": "E-mail", "value": "ana@example.ro"}']
    ]
    mapping.write_text(body % "{none: [email]}", encoding="utf-8")
    code, text = run_cli("ingest", str(src), "--mapping", str(mapping), "-o", str(out / "x"))
    assert code != 0
    assert "entities.phone.where.type" in text
