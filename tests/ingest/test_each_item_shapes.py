"""A list of objects that some records write as a single object or a plain string
(tester 32, D2): GraphQL edges whose `suspects` is `[{fullName, phone}]` in one record,
`{fullName, phone}` in another and `"Hasan Yilmaz"` in a third. Before, the draft mapped
`node.suspects.fullName` (the single object's suspect only) or no suspect at all, and an
`each: node.suspects` slot dropped the single object and the string with no reject.
Through the user's path: suggest, then ingest the draft unedited, against the suspects,
links and rejects read off the files by hand."""

from __future__ import annotations

from pathlib import Path

import pytest
from suggest_draft import run_cli, suggest_draft

from linkgraph.model import Case

FILES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest" / "mixed_shapes"

#: Per record (row): its suspects, as written in both files.
SUSPECTS = [(1, "Hasan Yilmaz"), (1, "Mehmet Kaya"), (2, "Mehmet Kaya"), (3, "Hasan Yilmaz")]
VICTIM_OF = [
    ("Aylin Demir", "Hasan Yilmaz"),
    ("Aylin Demir", "Mehmet Kaya"),
    ("Elif Şahin", "Mehmet Kaya"),
    ("Zeynep Arslan", "Hasan Yilmaz"),
]
USES_PHONE = [
    ("Hasan Yilmaz", "+905334445566", 1),
    ("Hasan Yilmaz", "+905334445567", 1),
    ("Mehmet Kaya", "+905321112233", 1),
    ("Mehmet Kaya", "+905321112233", 2),
]


def _pairs(case: Case, kind: str) -> list[tuple[str, str, int]]:
    label = dict(zip(case.mentions["mention_id"], case.mentions["label"], strict=True))
    links = case.links[case.links["kind"] == kind]
    return sorted(
        (label[s], label[d], int(r))
        for s, d, r in zip(links["src"], links["dst"], links["row"], strict=True)
    )


@pytest.mark.parametrize("name", ["graphql_edges_tr.json", "graphql_edges_tr2.json"])
def test_suspects_written_as_a_list_an_object_or_a_string_are_all_read(tmp_path, name):
    """The draft reads `each: node.suspects` (its single object a list of one, its string
    the suspect's name), and every suspect is read and linked to his victim and phones."""
    draft, mapping = suggest_draft(FILES / name, tmp_path)
    person_slots = {s: e for s, e in mapping["entities"].items() if e["type"] == "person"}
    suspect_slots = [
        s for s, e in person_slots.items() if e["fields"].get("role") == {"value": "suspect"}
    ]
    # one suspect slot, reading the list (no second one from the single object's columns)
    assert [person_slots[s].get("each") for s in suspect_slots] == ["node.suspects"]
    assert "node.suspects.fullName" not in draft.read_text(encoding="utf-8")
    out = tmp_path / "c"
    code, text = run_cli("ingest", str(FILES / name), "--mapping", str(draft), "-o", str(out))
    assert code == 0, text
    case = Case.load(out)
    m = case.mentions
    got = m[m["slot"] == suspect_slots[0]]
    assert sorted(zip(got["row"].astype(int), got["name"], strict=True)) == SUSPECTS
    assert [(a, b) for a, b, _ in _pairs(case, "victim_of")] == VICTIM_OF
    assert [t for t in _pairs(case, "uses_phone") if t[0] in ("Hasan Yilmaz", "Mehmet Kaya")] == (
        USES_PHONE
    )
    # nothing of the suspects rejected (the case numbers' phone_invalid are another matter)
    assert not case.rejects["column"].astype(str).str.contains("suspects").any()
    said = " ".join(text.split())
    assert "node.suspects: an item written as plain text, not an object (first: row 3)" in said


_BY_PARTS = """format: json
records: data.caseByID.edges
entities:
  victim: {type: person, fields: {name: node.victim.fullName, role: {value: victim}}}
  suspect:
    type: person
    each: node.suspects
    fields: {name: {columns: [fullName, alias]}, role: {value: suspect}}
links:
  - {kind: victim_of, src: victim, dst: suspect}
"""


def test_a_string_item_no_slot_can_name_is_a_reject_not_lost(tmp_path):
    """A suspect slot whose name is joined of several keys has no one key to read the
    plain string under: the string is a reject naming its row and the list's key."""
    mapping = tmp_path / "m.yaml"
    mapping.write_text(_BY_PARTS, encoding="utf-8")
    out = tmp_path / "c"
    src = FILES / "graphql_edges_tr.json"
    code, text = run_cli("ingest", str(src), "--mapping", str(mapping), "-o", str(out))
    assert code == 0, text
    case = Case.load(out)
    m = case.mentions
    got = m[m["slot"] == "suspect"]
    assert sorted(zip(got["row"].astype(int), got["name"], strict=True)) == SUSPECTS[:3]
    r = case.rejects
    assert r[["row", "column", "reason", "value"]].astype(object).values.tolist() == [
        [3, "node.suspects", "item_not_object", "Hasan Yilmaz"]
    ]
