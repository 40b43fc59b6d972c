"""Private helpers shared by the metric modules: graph coercion, result frames, seeded RNG."""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TypeAlias

import igraph as ig
import numpy as np
import pandas as pd

from linkgraph.graph import EntityGraph, edge_endpoints

#: What every metric accepts: an EntityGraph (its undirected, weighted view is used) or an
#: igraph graph made by ``EntityGraph.view`` (any simple igraph graph works; vertex
#: attribute ``name`` becomes the index).
GraphLike: TypeAlias = "EntityGraph | ig.Graph"


def as_igraph(graph: EntityGraph | ig.Graph) -> ig.Graph:
    """The igraph graph a metric runs on: ``graph`` itself, or an EntityGraph's default view."""
    if isinstance(graph, ig.Graph):
        return graph
    if isinstance(graph, EntityGraph):
        return graph.view()
    raise TypeError(f"expected an EntityGraph or igraph.Graph, got {type(graph).__name__}")


def entity_index(g: ig.Graph) -> pd.Index:
    """The entity ids of ``g``'s vertices, in vertex order (``str(i)`` when unnamed)."""
    names = g.vs["name"] if "name" in g.vs.attributes() else [str(i) for i in range(g.vcount())]
    return pd.Index(names, name="entity_id", dtype="string")


def edge_weights(g: ig.Graph, weight: str | None) -> list[float] | None:
    """The edge attribute ``weight`` as a list, ``None`` when unweighted.

    A missing attribute counts as weight 1 on every edge, as networkx's ``d.get(weight, 1)``.
    """
    if weight is None or weight not in g.es.attributes():
        return None
    values: list[float] = g.es[weight]
    return values


def edge_arrays(g: ig.Graph, weight: str | None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sources, targets and weights (1 when unweighted) of every edge as numpy arrays."""
    src, dst = edge_endpoints(g)
    w = edge_weights(g, weight)
    wa = np.ones(len(src)) if w is None else np.asarray(w, dtype=float)
    return src, dst, wa


def result(g: ig.Graph, values: Any, name: str, *, algorithm: str, **attrs: Any) -> pd.DataFrame:
    """A one-column DataFrame indexed by entity id, with ``attrs["algorithm"]`` set."""
    frame = pd.DataFrame({name: np.asarray(values, dtype=float)}, index=entity_index(g))
    frame.attrs["algorithm"] = algorithm
    frame.attrs.update(attrs)
    return frame


@contextmanager
def seeded_igraph(seed: int) -> Iterator[None]:
    """igraph's random numbers from ``random.Random(seed)`` inside the block.

    python-igraph draws from a global generator (Python's ``random`` module by default);
    swapping in a private seeded one keeps results reproducible without reseeding the
    caller's ``random``.
    """
    ig.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        ig.set_random_number_generator(random)
