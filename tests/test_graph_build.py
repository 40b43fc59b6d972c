"""The vectorised entity-graph build gives exactly what the per-entity Python build gave.

The reference is the previous implementation, kept verbatim in tests/graph_reference.py:
labels (and how their ties are broken), attributes and edge aggregates must agree on the
sample case and on small hostile cases (ties, missing values, self-loops, several link
kinds, directed and undirected kinds, victims, escaping in source names).
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from graph_reference import reference_tables

from linkgraph.errors import CaseError
from linkgraph.graph import build_graph, entity_nodes, link_edges
from linkgraph.model import Case
from linkgraph.privacy import protect_victims, pseudonym


def assert_same_as_reference(case: Case) -> None:
    nodes, edges = reference_tables(case)
    graph = build_graph(case)
    pd.testing.assert_frame_equal(graph.nodes, nodes)
    pd.testing.assert_frame_equal(graph.edges, edges)
    # The graph's own vertex and edge order lines up with the tables.
    assert graph.graph.vs["name"] == nodes.index.tolist()
    ends = [(graph.graph.vs[e.source]["name"], graph.graph.vs[e.target]["name"])
            for e in graph.graph.es]  # fmt: skip
    assert ends == list(zip(edges["src"], edges["dst"], strict=True))


@pytest.fixture(scope="module")
def sample_case(demo_out) -> Case:
    return Case.read(demo_out / "case")


def test_sample_case_matches_the_reference(sample_case):
    assert_same_as_reference(sample_case)
    assert_same_as_reference(sample_case.with_tables(resolution=None))  # before resolution


def test_sample_case_victims_stay_pseudonymised(sample_case):
    nodes, _ = reference_tables(sample_case)
    key = sample_case.pseudonym_key
    shown = protect_victims(build_graph(sample_case), key).nodes
    victims = nodes.index[nodes["role"].str.contains("victim")]
    assert len(victims) > 10
    assert shown.loc[victims, "label"].tolist() == [pseudonym(v, key) for v in victims]
    # Identifiers victims hold or use are pseudonymised with them (issue 18): each is
    # linked to a victim and to no person or organisation who is not one, or (hostile5
    # item 3) linked to a victim by a link of holding (uses_phone, holds_account, ...)
    # whoever else uses it.
    graph = build_graph(sample_case)
    edges = graph.edges
    actor = nodes["type"].isin(["person", "organisation"])
    holding = {"uses_phone", "uses_email", "holds_account", "holds_document",
               "owns_vehicle", "lives_at", "posted_ad", "ad_contact"}  # fmt: skip
    only_victims, shared = [], []
    for ident in nodes.index[nodes["type"].isin(["phone", "email", "account", "document",
                                                  "address", "vehicle", "ad"])]:  # fmt: skip
        out, into = edges[edges["src"] == ident], edges[edges["dst"] == ident]
        ends = list(zip(out["dst"], out["kind"], strict=True))
        ends += list(zip(into["src"], into["kind"], strict=True))
        people = [(e, k) for e, k in ends if actor.get(e, False)]
        if people and all(e in set(victims) for e, _ in people):
            only_victims.append(ident)
        elif any(e in set(victims) and k in holding for e, k in people):
            shared.append(ident)
    assert only_victims, "the sample has victim-only phones or accounts"
    assert shared, "the sample has phones or accounts victims share with others"
    hers = only_victims + shared
    assert all(shown.loc[i, "label"].startswith(pseudonym(i, key)) for i in hers)
    others = nodes.index.difference(victims).difference(hers)
    # everyone else keeps the label the graph gives (compared with the graph protected,
    # not with the reference's labels: test_sample_case_matches_the_reference checks those)
    assert shown.loc[others, "label"].equals(graph.nodes.loc[others, "label"])


SOURCES = ["police.csv", "bank.csv", 'we"ird\\name.csv', "Поліція.xlsx", "😀.json", "a.csv", "a"]
LABELS = ["Ion POPA", "POPA ION", "ion popa", "Élodie", "Zoe", "zoe", "", "Z", "王伟", 'a"b']


def hostile_case(seed: int) -> Case:
    """A small case where ties, nulls, empties, loops and mixed kinds are the rule."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(5, 40))

    def pick(pool, p_null=0.2):
        values = np.array(pool, dtype=object)[rng.integers(0, len(pool), n)]
        return np.where(rng.random(n) < p_null, None, values)

    given = pick(["Ion", "Ana"], 0.5)
    mentions = pd.DataFrame(
        {
            "mention_id": [f"m:{i:03d}" for i in range(n)],
            "type": pick(["person", "phone", "organisation", ""], 0.1),
            "label": pick(LABELS, 0.3),
            "name": pick(["Name A", "Name B", ""], 0.5),
            "identifier": pick(["+40700", "x@y"], 0.5),
            "given_name": given,
            "family_name": np.where(rng.random(n) < 0.5, None, "Popa"),
            "agency": pick(["RO-POL", "NGO", "", "BG-POL"], 0.3),
            "role": pick(["suspect", "victim", "suspect;witness", "", "Geschädigte"], 0.4),
            "country": pick(["RO", "BG", "", "NG"], 0.4),
            "nationality": pick(["RO", "UA"], 0.4),
            "source": pick(SOURCES, 0.05),
            "row": rng.integers(1, 15, n),
        }
    )
    # Few entities, so every entity has several mentions and ties are common; ids chosen
    # so that Python's string order differs from "natural" order (upper case, accents).
    entities = np.array(["e:b", "e:B", "e:a", "e:é", "e:Z", "e:10", "e:9"], dtype=object)
    resolution = pd.DataFrame(
        {"mention_id": mentions["mention_id"], "entity_id": entities[rng.integers(0, 7, n)]}
    )
    k = int(rng.integers(0, 60))
    ends = rng.integers(0, n, (k, 2))
    links = pd.DataFrame(
        {
            "link_id": [f"l:{i}" for i in range(k)],
            "src": mentions["mention_id"].to_numpy()[ends[:, 0]],
            "dst": mentions["mention_id"].to_numpy()[ends[:, 1]],
            "kind": np.array(
                ["associate", "called", "family", "paid", "victim_of", "made_up_kind"]
            )[rng.integers(0, 6, k)],
            "time": pd.to_datetime(
                np.where(rng.random(k) < 0.3, None, rng.integers(1.7e9, 1.72e9, k)), unit="s"
            ),
            "amount": np.where(rng.random(k) < 0.5, np.nan, rng.integers(1, 500, k) / 4),
            "weight": np.where(rng.random(k) < 0.5, np.nan, rng.random(k)),
            "source": np.array([*SOURCES, None], dtype=object)[rng.integers(0, 8, k)],
            "row": pd.array(
                np.where(rng.random(k) < 0.1, None, rng.integers(1, 12, k)), dtype="Int64"
            ),
        }
    )
    return Case().with_tables(mentions=mentions, links=links, resolution=resolution)


@pytest.mark.parametrize("seed", range(40))
def test_hostile_cases_match_the_reference(seed):
    case = hostile_case(seed)
    assert_same_as_reference(case)
    assert_same_as_reference(case.with_tables(resolution=None))


def test_hand_computed_ties_loops_kinds_and_rows():
    mentions = pd.DataFrame(
        {
            "mention_id": ["m:1", "m:2", "m:3", "m:4", "m:5", "m:6"],
            "type": ["person", "person", "person", "person", "phone", "phone"],
            "label": ["Zoe", "Élodie", "Élodie", "Zoe", "+40700", None],
            "identifier": [None, None, None, None, None, "+40701"],
            "role": ["victim", "", None, "suspect", None, None],
            "country": ["RO", "BG", None, None, None, None],
            "nationality": [None, None, "BG", "RO", None, None],
            "source": ["z.csv", "a.csv", "a.csv", "z.csv", "cdr.csv", "cdr.csv"],
            "agency": ["B", "A", "A", None, None, ""],
            "row": [1, 2, 3, 4, 5, 6],
        }
    )
    resolution = pd.DataFrame(
        {"mention_id": mentions["mention_id"], "entity_id": ["e:p"] * 4 + ["e:t1", "e:t2"]}
    )
    links = pd.DataFrame(
        {
            "link_id": ["l1", "l2", "l3", "l4", "l5"],
            "src": ["m:6", "m:5", "m:1", "m:2", "m:5"],
            "dst": ["m:5", "m:6", "m:3", "m:5", "m:6"],
            "kind": ["family", "family", "associate", "uses_phone", "called"],
            "weight": [None, 2.0, None, None, None],
            "source": ["cdr.csv", "cdr.csv", "x.csv", "a.csv", "cdr.csv"],
            "row": [10, 9, 1, 2, 10],
        }
    )
    graph = build_graph(Case().with_tables(mentions=mentions, links=links, resolution=resolution))
    p = graph.nodes.loc["e:p"]
    # Zoe and Élodie both twice: the alphabetical (code point) first wins, "Z" < "É".
    assert p["label"] == "Zoe"
    assert (p["mentions"], p["sources"], p["agencies"]) == (4, 2, "A;B")
    assert p["role"] == "suspect;victim"
    assert p["country"] == "BG"  # BG twice (country, then nationality), RO twice: BG < RO
    assert graph.nodes.loc["e:t2", "label"] == "+40701"  # label falls back to the identifier
    edges = graph.edges.set_index(["src", "dst", "kind"])
    fam = edges.loc[("e:t1", "e:t2", "family")]  # undirected: both directions, src < dst
    assert (fam["count"], fam["weight"], bool(fam["directed"])) == (2, 3.0, False)
    assert json.loads(fam["rows"]) == ["cdr.csv:10", "cdr.csv:9"]  # string order
    assert edges.loc[("e:p", "e:p", "associate"), "count"] == 1  # a self-loop is kept
    assert bool(edges.loc[("e:t1", "e:t2", "called"), "directed"])
    assert len(graph.edges) == 4


def test_labels_do_not_depend_on_row_order_or_file_names():
    case = hostile_case(7)
    base = build_graph(case).nodes
    shuffled = case.mentions.sample(frac=1, random_state=1)
    renamed = shuffled.assign(source=shuffled["source"].map({s: f"renamed-{i}" for i, s in
                                                             enumerate(SOURCES)}))  # fmt: skip
    other = build_graph(case.with_tables(mentions=renamed)).nodes
    pd.testing.assert_frame_equal(other.drop(columns="sources"), base.drop(columns="sources"))


def test_build_from_a_given_links_table_keeps_every_entity():
    case = hostile_case(3)
    links = case.links.iloc[::2]  # e.g. one time window's links, index not reset
    graph = build_graph(case, links=links)
    reference_nodes, reference_edges = reference_tables(case.with_tables(links=links))
    pd.testing.assert_frame_equal(graph.nodes, reference_nodes)
    pd.testing.assert_frame_equal(graph.edges, reference_edges)
    pd.testing.assert_frame_equal(entity_nodes(case.mentions, case.entity_of()), reference_nodes)
    pd.testing.assert_frame_equal(link_edges(links, case.entity_of()), reference_edges)


def test_a_link_to_an_unresolved_mention_is_an_error_naming_it():
    case = hostile_case(5)
    links = case.links.copy()
    links.loc[0, "dst"] = "m:gone"
    with pytest.raises(CaseError, match=r"link l:0 .*dst mention m:gone has no entity"):
        build_graph(case.with_tables(links=links))


def test_a_links_table_made_by_hand_is_given_the_case_column_types():
    case = hostile_case(11)
    by_hand = pd.DataFrame(
        {
            "src": case.links["src"].astype(object),
            "dst": case.links["dst"].astype(object),
            "kind": case.links["kind"].astype(object),
            "row": case.links["row"].astype("float64"),  # NaN where missing
            "source": case.links["source"].astype(object),
            "weight": case.links["weight"],
        }
    )
    graph = build_graph(case, links=by_hand)
    _, reference_edges = reference_tables(case.with_tables(links=by_hand))
    pd.testing.assert_frame_equal(graph.edges, reference_edges)
