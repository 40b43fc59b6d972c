"""Typed values in a list inside each item of a list (a person's `"contacts": [{"type":
"email", "value": ...}, {"type": "phone", ...}]`): the draft's phone slot takes only the
phone items (every type but the e-mails') and its e-mail slot the e-mail ones
(`where: {contacts.type: ...}`), so no
e-mail is rejected as a phone (tester 36, D4), through `mapping suggest` -> `ingest`."""

from __future__ import annotations

import json
from pathlib import Path

from suggest_draft import run_cli, suggest_draft

from linkgraph.model import Case

_RECORDS = {
    "cases": [
        {
            "case_ref": "CMS-77",
            "persons": [
                {
                    "name": "Daria Popescu",
                    "contacts": [
                        {"type": "email", "value": "daria.p@example.md"},
                        {"type": "phone", "value": "+373 69 123 456"},
                    ],
                },
                # one contact written as a single object
                {
                    "name": "Grigore Lungu",
                    "contacts": {"type": "phone", "value": "+373 79 555 111"},
                },
            ],
        },
        {
            "case_ref": "CMS-78",
            "persons": [
                {
                    "name": "Elena Sirbu",
                    "contacts": [
                        {"type": "phone", "value": "+40 722 111 222"},
                        {"type": "email", "value": "elena@example.ro"},
                        {"type": "phone", "value": "+40 733 222 333"},
                    ],
                },
                {"name": "Ion Rusu", "contacts": [{"type": "email", "value": "ion@example.md"}]},
            ],
        },
    ]
}


def test_each_slot_takes_only_its_types_items(tmp_path: Path) -> None:
    data = tmp_path / "cms.json"
    data.write_text(json.dumps(_RECORDS), encoding="utf-8")
    draft, mapping = suggest_draft(data, tmp_path)
    wheres = {
        e["type"]: e.get("where") for e in mapping["entities"].values() if e["type"] != "person"
    }
    # the phones: every type but the e-mails' (a phone type no sample showed is read too)
    assert wheres["phone"] == {"contacts.type": {"not": ["email"]}}
    assert wheres["email"] == {"contacts.type": ["email"]}
    case_dir = tmp_path / "case"
    code, out = run_cli("ingest", str(data), "--mapping", str(draft), "-o", str(case_dir))
    assert code == 0, out
    case = Case.read(case_dir)
    assert case.rejects.empty, case.rejects.to_string()
    m = case.mentions.set_index("mention_id")
    held: dict[str, set[str]] = {}
    for link in case.links.itertuples():
        if link.kind in ("uses_phone", "uses_email"):
            value = m.at[link.dst, "phone" if link.kind == "uses_phone" else "email"]
            held.setdefault(m.at[link.src, "name"], set()).add(f"{link.kind}:{value}")
    assert held == {
        "Daria Popescu": {"uses_phone:+37369123456", "uses_email:daria.p@example.md"},
        "Grigore Lungu": {"uses_phone:+37379555111"},
        "Elena Sirbu": {
            "uses_phone:+40722111222",
            "uses_phone:+40733222333",
            "uses_email:elena@example.ro",
        },
        "Ion Rusu": {"uses_email:ion@example.md"},
    }
