"""Two-mode to one-mode projections: a hand-computed case and networkx's bipartite projection."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from click.testing import CliRunner
from networkx.algorithms import bipartite

from linkgraph.cli import cli
from linkgraph.graph import EntityGraph, build_graph, project
from linkgraph.model import Case

from .conftest import case_of


@pytest.fixture
def two_mode_case() -> Case:
    """p0, p1, p2 use phone ph1; p0, p1 also ph2; p1, p2 live at a1; p3 shares nothing."""
    people = {f"m:p{i}": "person" for i in range(4)}
    people |= {"m:ph1": "phone", "m:ph2": "phone", "m:a1": "address"}
    links = [
        ("m:p0", "m:ph1", "uses_phone"),
        ("m:p1", "m:ph1", "uses_phone"),
        ("m:p2", "m:ph1", "uses_phone"),
        ("m:p0", "m:ph2", "uses_phone"),
        ("m:p1", "m:ph2", "uses_phone"),
        ("m:p1", "m:a1", "lives_at"),
        ("m:p2", "m:a1", "lives_at"),
        ("m:p0", "m:p3", "associate"),  # person-person: not part of the projection
        ("m:ph1", "m:ph2", "called"),  # item-item: ignored
    ]
    return case_of(people, links)


def test_projection_hand_computed(two_mode_case: Case) -> None:
    graph = build_graph(two_mode_case)
    proj = project(graph, onto="person", via=("phone", "address"))
    assert list(proj.nodes.index) == ["m:p0", "m:p1", "m:p2", "m:p3"]
    got = {
        (r.src, r.dst, r.kind): (r.weight, json.loads(r.via), r.count, json.loads(r.rows))
        for r in proj.edges.itertuples()
    }
    # Link rows in test.csv: ph1 by p0/p1/p2 = rows 1-3, ph2 by p0/p1 = 4-5, a1 = 6-7.
    assert got == {
        ("m:p0", "m:p1", "shares_phone"): (
            2.0, ["m:ph1", "m:ph2"], 4, ["test.csv:1", "test.csv:2", "test.csv:4", "test.csv:5"]
        ),
        ("m:p0", "m:p2", "shares_phone"): (1.0, ["m:ph1"], 2, ["test.csv:1", "test.csv:3"]),
        ("m:p1", "m:p2", "shares_phone"): (1.0, ["m:ph1"], 2, ["test.csv:2", "test.csv:3"]),
        ("m:p1", "m:p2", "shares_address"): (1.0, ["m:a1"], 2, ["test.csv:6", "test.csv:7"]),
    }  # fmt: skip
    assert not proj.edges["directed"].any()
    # The simple view sums kinds: p1-p2 share one phone and one address.
    view = proj.view()
    names = view.vs["name"]
    weights = {(names[e.source], names[e.target]): e["weight"] for e in view.es}
    assert weights == {("m:p0", "m:p1"): 2.0, ("m:p0", "m:p2"): 1.0, ("m:p1", "m:p2"): 2.0}


def test_projection_only_phones_and_max_members(two_mode_case: Case) -> None:
    graph = build_graph(two_mode_case)
    phones = project(graph, via=["phone"])
    assert set(phones.edges["kind"]) == {"shares_phone"}
    capped = project(graph, via=["phone", "address"], max_members=2)  # ph1 has 3 members
    assert sorted(capped.edges["via"]) == ['["m:a1"]', '["m:ph2"]']
    with pytest.raises(ValueError, match="onto"):
        project(graph, onto="phone", via=["phone"])


def test_projection_without_shared_items_has_no_edges(two_mode_case: Case) -> None:
    graph = build_graph(two_mode_case)
    proj = project(graph, via=["event"])
    assert len(proj) == 4
    assert proj.edges.empty
    assert proj.graph.ecount() == 0


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_projection_matches_networkx_weighted_projected_graph(seed: int) -> None:
    b = bipartite.random_graph(40, 25, 0.12, seed=seed)
    items = [n for n, d in b.nodes(data=True) if d["bipartite"] == 1]
    g = nx.Graph()
    for n, d in b.nodes(data=True):
        kind = "person" if d["bipartite"] == 0 else ("phone", "address", "account")[n % 3]
        g.add_node(f"n{n:03d}", type=kind)
    for u, v in b.edges:
        g.add_edge(f"n{u:03d}", f"n{v:03d}", kind="linked")
    proj = project(EntityGraph.from_networkx(g), via=("phone", "address", "account"))
    view = proj.view()
    names = view.vs["name"]
    ours = {(names[e.source], names[e.target]): e["weight"] for e in view.es}
    persons = [n for n in b if n not in set(items)]
    ref = bipartite.weighted_projected_graph(b, persons)
    expected = {
        tuple(sorted((f"n{u:03d}", f"n{v:03d}"))): float(d["weight"])
        for u, v, d in ref.edges(data=True)
    }
    assert ours == expected
    assert sorted(proj.nodes.index) == sorted(f"n{n:03d}" for n in persons)


def test_analyze_projection_via_cli(two_mode_case: Case, tmp_path: Path) -> None:
    case_dir = two_mode_case.write(tmp_path / "case")
    res = CliRunner().invoke(
        cli, ["analyze", str(case_dir), "--project-onto", "person"], catch_exceptions=False
    )
    assert res.exit_code == 0, res.output
    m = pd.read_parquet(case_dir / "metrics.parquet")
    assert sorted(m["entity_id"]) == ["m:p0", "m:p1", "m:p2", "m:p3"]
    assert m.set_index("entity_id")["degree"].to_dict() == {
        "m:p0": 2.0, "m:p1": 2.0, "m:p2": 2.0, "m:p3": 0.0
    }  # fmt: skip
    manifest = json.loads((case_dir / "manifest.json").read_text())
    assert manifest["config"]["analyze"]["project_onto"] == "person"
