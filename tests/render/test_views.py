"""Views: a community, an ego network, a path, a time window."""

from __future__ import annotations

import pytest

from linkgraph.errors import ConfigError
from linkgraph.graph import EntityGraph
from linkgraph.model import Case
from linkgraph.render import community_view, ego_view, path_view, select_view, time_view


def test_ego_view(graph: EntityGraph) -> None:
    one = ego_view(graph, "e:ana", hops=1)
    assert set(one.entity_ids) == {"e:ana", "e:ph1", "e:vic", "e:xss1"}
    assert len(ego_view(graph, "e:ana", hops=0)) == 1
    with pytest.raises(ConfigError, match="not in the graph"):
        ego_view(graph, "e:nobody")


def test_community_view(graph: EntityGraph, case: Case) -> None:
    sub = community_view(graph, case.metrics, 0)
    assert set(sub.entity_ids) == {"e:ana", "e:ph1", "e:vic", "e:ad", "e:xss1", "e:xss2"}
    with pytest.raises(ConfigError, match="no members"):
        community_view(graph, case.metrics, 99)
    with pytest.raises(ConfigError, match="no communities"):
        community_view(graph, None, 0)


def test_path_view(graph: EntityGraph) -> None:
    sub = path_view(graph, "e:ana", "e:ben")
    # ana-ph1-ph2-ben and ana-xss1-xss2-xss3-ben: only the shortest (3 links) is kept.
    assert set(sub.entity_ids) == {"e:ana", "e:ph1", "e:ph2", "e:ben"}


def test_time_view_keeps_links_in_the_window(graph: EntityGraph) -> None:
    sub = time_view(graph, since="2023-03-01", until="2023-04-30")
    assert set(sub.edges["kind"]) == {"called", "victim_of"}
    assert set(sub.entity_ids) == {"e:ph1", "e:ph2", "e:ana", "e:vic"}


def test_select_view_describes_itself(graph: EntityGraph, case: Case) -> None:
    whole, text = select_view(graph, case.metrics)
    assert text == "whole network"
    assert len(whole) == len(graph)
    sub, text = select_view(graph, case.metrics, community=1, ego="e:ben", hops=1)
    assert text == "community 1; 1 hops around e:ben"
    assert "e:ben" in sub.entity_ids
