"""A small hand-made case for the render tests: hostile names, victims, merges, countries."""

# ruff: noqa: E501  (the entity table reads best one entity per line)

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from linkgraph.graph import EntityGraph, build_graph
from linkgraph.model import Case

XSS_SCRIPT = "<script>window.__pwned=1;alert(1)</script>"
XSS_IMG = "<img src=x onerror=\"window.__pwned=2;alert('img')\">"
XSS_END = "</script><script>window.__pwned=3;alert(3)</script>"
URL_NAME = "Ad at https://ads.example/123"
VICTIM_NAME = "Maria Ivanova"
VICTIM2_NAME = "Анна Смирнова"

# fmt: off
# (entity, type, name, role, country, [(source, agency, row), ...]) — one mention per row.
_ENTITIES = [
    ("e:ana", "person", "Ana Pérez", "recruiter", "ES", [("arrests.csv", "Police", 1), ("hotline.xlsx", "NGO", 4)]),
    ("e:ben", "person", "Ben Okafor", "controller", "NG", [("arrests.csv", "Police", 2)]),
    ("e:xss1", "person", XSS_SCRIPT, "suspect", "RO", [("arrests.csv", "Police", 3)]),
    ("e:xss2", "person", XSS_IMG, "suspect", "RO", [("hotline.xlsx", "NGO", 1)]),
    ("e:xss3", "person", XSS_END, "suspect", "BG", [("hotline.xlsx", "NGO", 2)]),
    ("e:vic", "person", VICTIM_NAME, "victim", "MD", [("hotline.xlsx", "NGO", 3), ("arrests.csv", "Police", 5)]),
    ("e:vic2", "person", VICTIM2_NAME, "exploited victim", "UA", [("hotline.xlsx", "NGO", 5)]),
    ("e:ph1", "phone", "+34600111222", "", "ES", [("cdr.csv", "Telco", 1), ("ads.jsonl", "Cyber", 1)]),
    ("e:ph2", "phone", "+2348012345678", "", "NG", [("cdr.csv", "Telco", 2)]),
    ("e:acc", "account", "ES9121000418450200051332", "", "ES", [("bank.csv", "FIU", 1)]),
    ("e:ad", "ad", URL_NAME, "", "", [("ads.jsonl", "Cyber", 2)]),
    ("e:org", "organisation", "=HYPERLINK(\"x\") Travel Ltd", "front", "ES", [("bank.csv", "FIU", 2)]),
]

_LINKS = [
    ("e:ana", "e:ph1", "uses_phone", "2023-01-05", None),
    ("e:ben", "e:ph2", "uses_phone", "2023-02-01", None),
    ("e:ph1", "e:ph2", "called", "2023-03-10", None),
    ("e:ph1", "e:ph2", "called", "2023-03-12", None),
    ("e:ana", "e:vic", "victim_of", "2023-04-01", None),
    ("e:vic2", "e:ben", "victim_of", "2023-05-01", None),
    ("e:xss1", "e:ana", "associate", "2023-06-01", None),
    ("e:xss2", "e:xss1", "arrested_with", "2023-06-02", None),
    ("e:xss3", "e:xss2", "travelled_with", None, None),
    ("e:ben", "e:acc", "holds_account", None, None),
    ("e:acc", "e:org", "owner_of", "2023-07-01", 1500.0),
    ("e:ad", "e:ph1", "ad_contact", "2023-01-20", None),
    ("e:ben", "e:xss3", "associate", "2023-08-01", None),
]
# fmt: on


def make_case(*, with_metrics: bool = True) -> Case:
    """The render test case: 12 entities from 17 mentions, with evidence and metrics."""
    mentions, resolution, first_mention = [], [], {}
    for eid, etype, name, role, country, rows in _ENTITIES:
        for k, (source, agency, row) in enumerate(rows):
            mid = f"m:{eid[2:]}{k}"
            first_mention.setdefault(eid, mid)
            mentions.append(
                {
                    "mention_id": mid, "type": etype, "label": name, "name": name,
                    "role": role or None, "country": country or None, "source": source,
                    "agency": agency, "row": row, "raw": json.dumps({"name": name}),
                }
            )  # fmt: skip
            resolution.append({"mention_id": mid, "entity_id": eid})
    links = [
        {
            "link_id": f"l:{i}", "src": first_mention[a], "dst": first_mention[b], "kind": kind,
            "time": when, "amount": amount, "source": "links.csv", "agency": "Police", "row": i + 1,
        }
        for i, (a, b, kind, when, amount) in enumerate(_LINKS)
    ]  # fmt: skip
    evidence = [
        {
            "left": "m:ana0", "right": "m:ana1", "type": "person", "match_probability": 0.97,
            "match_weight": 5.1, "rule": "name+dob", "decision": "match",
            "fields": json.dumps({"name": {"similarity": 0.93, "level": "fuzzy", "weight": 3.2}}),
        },
        {
            "left": "m:vic0", "right": "m:vic1", "type": "person", "match_probability": 0.95,
            "match_weight": 4.0, "rule": "<b>rule</b>", "decision": "match",
            "fields": json.dumps({"name": {"similarity": 0.9}}),
        },
    ]  # fmt: skip
    rejects = [
        {"source": "arrests.csv", "row": 9, "column": "dob", "reason": "<i>bad date</i>",
         "value": "31/02/1990", "level": "value"},
        {"source": "cdr.csv", "row": 7, "column": None, "reason": "empty row", "value": None,
         "level": "row"},
    ]  # fmt: skip
    case = Case().with_tables(
        mentions=pd.DataFrame(mentions),
        links=pd.DataFrame(links),
        rejects=pd.DataFrame(rejects),
        resolution=pd.DataFrame(resolution),
        evidence=pd.DataFrame(evidence),
    )
    if not with_metrics:
        return case
    graph = build_graph(case)
    simple = graph.view()
    btw = simple.betweenness(directed=False)
    pr = simple.pagerank()
    deg = simple.degree()
    com = [
        0 if i in ("e:ana", "e:ph1", "e:vic", "e:ad", "e:xss1", "e:xss2") else 1
        for i in graph.entity_ids
    ]
    metrics = pd.DataFrame(
        {
            "entity_id": graph.entity_ids.astype(str),
            "label": graph.nodes["label"].to_numpy(),
            "type": graph.nodes["type"].to_numpy(),
            "degree_centrality": [d / (len(graph) - 1) for d in deg],
            "betweenness_centrality": btw,
            "pagerank": pr,
            "community": com,
        }
    )
    # What `linkgraph analyze` stores beside the metrics, for the report to read.
    from linkgraph.metrics.summaries import community_table, key_player_table

    return case.with_tables(
        metrics=metrics,
        key_players=key_player_table(graph),
        communities=community_table(graph, metrics),
    )


@pytest.fixture
def case() -> Case:
    return make_case()


@pytest.fixture
def graph(case: Case) -> EntityGraph:
    return build_graph(case)


@pytest.fixture
def case_dir(tmp_path: Path, case: Case) -> Path:
    return case.write(tmp_path / "case")
