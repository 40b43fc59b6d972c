"""Leiden and Louvain communities, and a summary per community."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import igraph as ig
import numpy as np
import pandas as pd

from linkgraph.graph import EntityGraph
from linkgraph.metrics._common import as_igraph, edge_weights, entity_index, seeded_igraph
from linkgraph.metrics.centrality import relabel_by_size


def _undirected(g: ig.Graph, weight: str | None) -> ig.Graph:
    """Community detection runs on the undirected graph; mutual edges add their weights."""
    if not g.is_directed():
        return g
    u = g.copy()
    if weight is not None and weight in u.es.attributes():
        u.to_undirected(mode="collapse", combine_edges={weight: "sum"})
    else:
        u.to_undirected(mode="collapse")
    return u


def _frame(g: ig.Graph, membership: Sequence[int], **attrs: object) -> pd.DataFrame:
    labels = relabel_by_size(np.asarray(membership, dtype=np.int64))
    frame = pd.DataFrame({"community": labels}, index=entity_index(g))
    frame.attrs.update(attrs)
    return frame


def leiden_communities(
    graph: EntityGraph | ig.Graph,
    *,
    weight: str | None = "weight",
    resolution: float = 1.0,
    objective: Literal["modularity", "CPM"] = "modularity",
    n_iterations: int = 2,
    seed: int = 0,
) -> pd.DataFrame:
    """Communities by the Leiden algorithm (igraph's C implementation), seeded.

    ``objective="modularity"`` (the default here; igraph's own default is CPM, which
    leaves mostly singletons) uses ``resolution`` as the modularity resolution γ;
    ``"CPM"`` uses it as the density threshold. Directed views are made undirected
    first. Communities are numbered by size, 0 the largest, so the labels are stable.

    Args:
        graph: the entity graph or a view of it.
        weight: edge attribute holding a strength; ``None`` for unweighted.
        resolution: γ; larger gives more, smaller communities.
        objective: ``"modularity"`` or ``"CPM"``.
        n_iterations: Leiden passes; negative runs until the partition is stable.
        seed: the same seed and graph give the same communities.

    Returns:
        DataFrame indexed by ``entity_id``; column ``community`` (int). ``attrs``:
        ``algorithm``, ``objective``, ``resolution``, ``seed``, ``modularity``.

    Examples:
        >>> from linkgraph.graph import toy_graph
        >>> leiden_communities(toy_graph())["community"].tolist()
        [0, 0, 1, 1]
    """
    if objective not in ("modularity", "CPM"):
        raise ValueError(f"objective must be 'modularity' or 'CPM', not {objective!r}")
    g = _undirected(as_igraph(graph), weight)
    w = edge_weights(g, weight)
    with seeded_igraph(seed):
        part = g.community_leiden(
            objective_function=objective,
            weights=w,
            resolution=resolution,
            n_iterations=n_iterations,
        )
    return _frame(
        g,
        part.membership,
        algorithm="leiden",
        objective=objective,
        resolution=resolution,
        seed=seed,
        modularity=float(g.modularity(part.membership, weights=w)) if g.ecount() else 0.0,
    )


def louvain_communities(
    graph: EntityGraph | ig.Graph,
    *,
    weight: str | None = "weight",
    resolution: float = 1.0,
    seed: int = 0,
) -> pd.DataFrame:
    """Communities by the Louvain method (igraph's multilevel), seeded.

    Returns:
        DataFrame indexed by ``entity_id``; column ``community`` (int), numbered by
        size. ``attrs``: ``algorithm``, ``resolution``, ``seed``, ``modularity``.
    """
    g = _undirected(as_igraph(graph), weight)
    w = edge_weights(g, weight)
    with seeded_igraph(seed):
        part = g.community_multilevel(weights=w, resolution=resolution)
    return _frame(
        g,
        part.membership,
        algorithm="louvain",
        resolution=resolution,
        seed=seed,
        modularity=float(g.modularity(part.membership, weights=w)) if g.ecount() else 0.0,
    )


def community_summary(
    graph: EntityGraph,
    metrics: pd.DataFrame,
    *,
    view: ig.Graph | None = None,
    by: str = "pagerank",
    top: int = 3,
) -> pd.DataFrame:
    """One row per community: who is in it and how tightly it is linked.

    Args:
        graph: the entity graph (types, labels and countries come from its nodes).
        metrics: indexed by ``entity_id`` (or with that column), with ``community`` and
            the measure ``by``.
        view: the graph the communities were found on (default: the undirected view).
        by: measure that ranks the most central members.
        top: how many central members to list.

    Returns:
        DataFrame indexed by ``community`` with ``size``, one ``n_<type>`` column per
        entity type, ``countries`` (most frequent first, ``"FR:3;RO:2"``), ``edges``
        (inside the community), ``density`` (edges / possible pairs) and ``central``
        (labels of the ``top`` members by ``by``, ``;``-joined).
    """
    frame = metrics.set_index("entity_id") if "entity_id" in metrics.columns else metrics
    comm = frame["community"].reindex(graph.nodes.index)
    if comm.isna().any():
        raise ValueError("metrics lacks a community for some entities of the graph")
    member = comm.to_numpy(dtype=np.int64)
    ncomm = int(member.max()) + 1 if len(member) else 0
    size = np.bincount(member, minlength=ncomm)
    g = view if view is not None else graph.view()
    el = np.asarray(g.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    inside = member[el[:, 0]] == member[el[:, 1]]
    pairs = pd.DataFrame({"c": member[el[inside, 0]], "s": el[inside, 0], "t": el[inside, 1]})
    if g.is_directed():
        # A mutual pair counts once towards density.
        lo, hi = np.minimum(pairs["s"], pairs["t"]), np.maximum(pairs["s"], pairs["t"])
        pairs = pd.DataFrame({"c": pairs["c"], "s": lo, "t": hi}).drop_duplicates()
    edges = np.bincount(pairs["c"].to_numpy(dtype=np.int64), minlength=ncomm)
    possible = size * (size - 1) / 2
    out = pd.DataFrame(
        {
            "size": size,
            "edges": edges,
            "density": np.divide(edges, possible, out=np.zeros(ncomm), where=possible > 0),
        },
        index=pd.RangeIndex(ncomm, name="community"),
    )
    types = pd.crosstab(member, graph.nodes["type"].astype(str).to_numpy())
    types = types.reindex(range(ncomm), fill_value=0)
    for t in types.columns:
        out[f"n_{t}"] = types[t].to_numpy()
    nodes = pd.DataFrame(
        {
            "c": member,
            "country": graph.nodes["country"].fillna("").astype(str).to_numpy(),
            "label": graph.nodes["label"].astype(str).to_numpy(),
            "score": frame[by].reindex(graph.nodes.index).to_numpy(dtype=float)
            if by in frame.columns
            else np.zeros(len(member)),
        }
    )
    out["countries"] = _countries(nodes, ncomm)
    ranked = nodes.sort_values(["c", "score"], ascending=[True, False], kind="stable")
    central = ranked.groupby("c", sort=True).head(top).groupby("c")["label"].agg(";".join)
    out["central"] = central.reindex(range(ncomm), fill_value="").to_numpy()
    cols = ["size"] + [c for c in out.columns if c.startswith("n_")]
    return out[[*cols, "countries", "edges", "density", "central"]]


def _countries(nodes: pd.DataFrame, ncomm: int) -> np.ndarray:
    known = nodes[nodes["country"] != ""]
    if known.empty:
        return np.full(ncomm, "", dtype=object)
    counts = known.groupby(["c", "country"], sort=True).size().rename("n").reset_index()
    counts = counts.sort_values(["c", "n", "country"], ascending=[True, False, True])
    counts["text"] = counts["country"] + ":" + counts["n"].astype(str)
    joined = counts.groupby("c")["text"].agg(";".join)
    return joined.reindex(range(ncomm), fill_value="").to_numpy()
