"""explain re-scores a never-compared person pair as resolve would have scored it."""

from __future__ import annotations

import pandas as pd

from linkgraph.model import LINKS, Case
from linkgraph.resolve import explain, resolve
from linkgraph.resolve.explain import rescore_pair

from .factory import mention, mentions_frame


def _linked_phone_case() -> Case:
    """Two Maria Petrenko mentions with no phone of their own, each linked to a phone
    mention of the same number (a call record, a bank form), and a third person."""
    records = [
        mention("person", source="cdr.csv", row=1, given_name="Maria", family_name="Petrenko"),
        mention("phone", source="cdr.csv", row=1, identifier="+380501112233"),
        mention("person", source="bank.csv", row=7, given_name="Maria", family_name="Petrenko"),
        mention("phone", source="bank.csv", row=7, identifier="+380501112233"),
        mention("person", source="bank.csv", row=8, given_name="Ivan", family_name="Bondar"),
    ]
    mentions = mentions_frame(records)
    ids = mentions["mention_id"].tolist()
    links = LINKS.conform(
        pd.DataFrame(
            {
                "link_id": ["l1", "l2"],
                "src": [ids[0], ids[2]],
                "dst": [ids[1], ids[3]],
                "kind": "uses_phone",
            }
        )
    )
    return Case(mentions=mentions, links=links)


def test_explain_of_a_never_scored_pair_counts_linked_phones():
    case = _linked_phone_case()
    ids = case.mentions["mention_id"].tolist()
    out = resolve(case)
    ev = out.evidence
    pair = ev["left"].isin([ids[0], ids[2]]) & ev["right"].isin([ids[0], ids[2]])
    # resolve compared them, with the linked phone.
    assert pair.sum() == 1
    assert '"phone":{"level":"same"' in ev.loc[pair, "fields"].iloc[0]
    # As if no blocking rule had paired them: explain re-scores the pair on the fly.
    unscored = out.with_tables(evidence=ev[~pair].reset_index(drop=True))
    text = explain(unscored, ids[0], ids[2])
    assert "they were never compared, or they scored below 0.01, which is not kept" in text
    assert "Scored now with the case's learnt weights" in text
    assert "  - phone: same, similarity 1.0" in text
    assert "phone: missing" not in text
    scored = rescore_pair(unscored, ids[0], ids[2])
    assert scored is not None
    assert scored["fields"]["phone"]["level"] == "same"
    assert scored["fields"]["phone"]["weight"] > 0


def test_rescore_without_linked_phone_has_none():
    case = _linked_phone_case()
    ids = case.mentions["mention_id"].tolist()
    out = resolve(case)
    scored = rescore_pair(out, ids[0], ids[4])
    assert scored is not None
    assert scored["fields"]["phone"]["level"] == "null"


def test_explain_shows_the_merged_spellings_side_by_side():
    from linkgraph.resolve.explain import entity_spellings

    rows = [
        ("Олександр Коваленко", "1990-03-01", "a.csv"),
        ("KOVALENKO, Oleksandr", "1990-03-01", "b.csv"),
        ("Oleksandr Kovalenko", "1990-03-01", "c.csv"),
        ("Oleksandr Kovalenko", "1990-03-01", "b.csv"),
    ]
    m = mentions_frame(
        mention("person", source=src, row=i, name=name, dob=dob)
        for i, (name, dob, src) in enumerate(rows, start=1)
    )
    case = resolve(Case(mentions=m))
    entity = case.resolution.set_index("mention_id")["entity_id"]
    assert entity.nunique() == 1
    table = entity_spellings(m.set_index("mention_id", drop=False), entity, entity.iloc[0])
    # Three distinct spellings; the one written twice first, with both its sources.
    assert table["name"].tolist()[0] == "Oleksandr Kovalenko"
    assert set(table["name"]) == {
        "Олександр Коваленко",
        "KOVALENKO, Oleksandr",
        "Oleksandr Kovalenko",
    }
    assert table["mentions"].tolist() == [2, 1, 1]
    assert table.loc[0, "sources"] == "b.csv, c.csv"
    text = explain(case, m["mention_id"][0], m["mention_id"][1])
    assert "Spellings merged into" in text
    assert "Олександр Коваленко" in text
    assert "KOVALENKO, Oleksandr" in text
