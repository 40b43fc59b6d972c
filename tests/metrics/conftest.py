"""Fixtures for the metric tests: small cases and reference graphs."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest

from linkgraph.graph import EntityGraph
from linkgraph.model import LINKS, MENTIONS, Case


def case_of(people: dict[str, str], links: list[tuple[str, str, str]]) -> Case:
    """A Case whose mentions are ``people`` (id -> type) and links (src, dst, kind)."""
    mentions = pd.DataFrame(
        {
            "mention_id": list(people),
            "type": list(people.values()),
            "label": [p.split(":")[-1].capitalize() for p in people],
            "source": "test.csv",
            "row": range(1, len(people) + 1),
        }
    )
    link_rows = pd.DataFrame(
        {
            "link_id": [f"l:{i}" for i in range(len(links))],
            "src": [a for a, _, _ in links],
            "dst": [b for _, b, _ in links],
            "kind": [k for _, _, k in links],
            "source": "test.csv",
            "row": range(1, len(links) + 1),
        }
    )
    return Case(mentions=MENTIONS.conform(mentions), links=LINKS.conform(link_rows))


@pytest.fixture
def small_case() -> Case:
    """Two cells joined by a broker, with phones; one isolated person."""
    people = {f"m:p{i}": "person" for i in range(9)}
    people |= {"m:ph1": "phone", "m:ph2": "phone"}
    links = [
        ("m:p0", "m:p1", "associate"),
        ("m:p1", "m:p2", "associate"),
        ("m:p0", "m:p2", "associate"),
        ("m:p2", "m:p3", "associate"),
        ("m:p3", "m:p4", "associate"),
        ("m:p4", "m:p5", "associate"),
        ("m:p5", "m:p6", "associate"),
        ("m:p4", "m:p6", "associate"),
        ("m:p0", "m:ph1", "uses_phone"),
        ("m:p1", "m:ph1", "uses_phone"),
        ("m:p6", "m:ph2", "uses_phone"),
        ("m:p7", "m:ph2", "uses_phone"),
    ]
    return case_of(people, links)


def nx_graphs() -> dict[str, nx.Graph]:
    """networkx's classic graphs plus random ones with isolated nodes and components."""
    out: dict[str, nx.Graph] = {
        "karate": nx.karate_club_graph(),
        "les_miserables": nx.les_miserables_graph(),
        "florentine": nx.florentine_families_graph(),
    }
    g = nx.gnp_random_graph(120, 0.03, seed=7)
    g.add_nodes_from(range(120, 125))  # isolated
    out["gnp_components"] = g
    out["two_cliques"] = nx.disjoint_union(nx.complete_graph(6), nx.path_graph(9))
    out["directed_gnp"] = nx.gnp_random_graph(80, 0.05, seed=3, directed=True)
    return out


def to_entity_graph(g: nx.Graph) -> EntityGraph:
    """An EntityGraph with string ids; weights kept (les miserables has them)."""
    h = nx.relabel_nodes(g, {n: f"n{n}" if not isinstance(n, str) else n for n in g})
    for _, _, d in h.edges(data=True):
        d.setdefault("weight", 1.0)
        d["weight"] = float(d["weight"])
    return EntityGraph.from_networkx(h)
