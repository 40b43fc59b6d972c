"""The person view of an entity graph (people tied through shared items), made once per
graph for the map and the report of one command."""

from __future__ import annotations

from linkgraph._frame_memo import FrameMemo
from linkgraph.graph import EntityGraph, project

#: The last few projections, by the very tables of the graph they were made from
_PROJECTIONS: FrameMemo[tuple[int, EntityGraph]] = FrameMemo(2)


def person_projection(graph: EntityGraph, max_members: int) -> EntityGraph:
    """:func:`linkgraph.graph.project` of ``graph`` onto persons, items of more than
    ``max_members`` members left out; the map and the report of one graph share it
    (read it, do not change its tables)."""
    frames = (graph.nodes, graph.edges)
    held = _PROJECTIONS.get(frames)
    if held is not None and held[0] == max_members:
        return held[1]
    out = project(graph, onto="person", max_members=max_members)
    _PROJECTIONS.put(frames, (max_members, out))
    return out
