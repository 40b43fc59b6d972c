"""How far a perturbed network is from the observed one: the spectral and matrix distances of
Ficara et al. (2021, "Criminal networks analysis in missing data scenarios through graph
distances", PLOS ONE 16(8): e0255067), on the undirected, unweighted view.

- spectral distances: the Euclidean distance between the sorted eigenvalues of the
  adjacency matrix (A), the Laplacian (L = D - A) and the normalised Laplacian
  (D^-1/2 L D^-1/2, zero rows for isolated vertices, as networkx builds it);
- DeltaCon: the Matusita (root Euclidean) difference of the fast belief propagation
  matrices S = (I + e^2 D - e A)^-1, e = 1 / (1 + max degree) of each graph, and the
  similarity 1 / (1 + distance).

Both graphs must have the same vertices in the same order (``stability``'s missing-ties
draws keep them). Dense matrices: meant for networks of a few thousand vertices at most.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import igraph as ig
import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from linkgraph.graph import EntityGraph
    from linkgraph.model import Case


@dataclass(frozen=True)
class Spectra:
    """The matrices and sorted spectra of one graph."""

    adjacency: np.ndarray
    a: np.ndarray
    laplacian: np.ndarray
    normalized: np.ndarray
    s: np.ndarray


def spectra(g: ig.Graph) -> Spectra:
    """The sorted spectra of A, L and the normalised Laplacian, and DeltaCon's S, of ``g``."""
    adj = np.asarray(g.get_adjacency().data, dtype=float) if g.vcount() else np.zeros((0, 0))
    np.fill_diagonal(adj, 0.0)
    adj = np.minimum(adj, 1.0)  # unweighted, simple
    deg = adj.sum(axis=1)
    lap = np.diag(deg) - adj
    half = np.zeros_like(deg)
    np.divide(1.0, np.sqrt(deg), out=half, where=deg > 0)
    norm = half[:, None] * lap * half[None, :]
    eps = 1.0 / (1.0 + (deg.max() if len(deg) else 0.0))
    s = np.linalg.inv(np.eye(len(deg)) + eps * eps * np.diag(deg) - eps * adj)
    return Spectra(
        adjacency=adj,
        a=np.linalg.eigvalsh(adj),
        laplacian=np.linalg.eigvalsh(lap),
        normalized=np.linalg.eigvalsh(norm),
        s=s,
    )


def distances(observed: Spectra, perturbed: ig.Graph | Spectra) -> dict[str, float]:
    """``dist_a``, ``dist_l``, ``dist_nl`` (spectral), ``deltacon`` (Matusita difference of
    S) and ``similarity`` (1 / (1 + deltacon)) between two graphs on the same vertices."""
    other = perturbed if isinstance(perturbed, Spectra) else spectra(perturbed)
    if other.s.shape != observed.s.shape:
        raise ValueError("graph distances need the same vertices in both graphs")
    delta = float(np.linalg.norm(observed.s - other.s))
    return {
        "dist_a": float(np.linalg.norm(observed.a - other.a)),
        "dist_l": float(np.linalg.norm(observed.laplacian - other.laplacian)),
        "dist_nl": float(np.linalg.norm(observed.normalized - other.normalized)),
        "deltacon": delta,
        "similarity": 1.0 / (1.0 + delta),
    }


def missing_ties_curve(
    case: Case, graph: EntityGraph, removed: Sequence[int], *, draws: int = 100, seed: int = 0
) -> pd.DataFrame:
    """Mean and standard deviation over ``draws`` of the distances between the observed
    network and ``stability``'s missing-ties versions with exactly ``k`` ties dropped, for
    each ``k`` in ``removed`` (the design of Ficara et al. 2021: uniformly random ties).

    Returns one row per ``k``: ``removed``, ``links`` left, and ``<distance>`` /
    ``<distance>_sd`` for each distance of :func:`distances` (``similarity`` is that of
    the mean DeltaCon distance, as the authors report it).
    """
    from linkgraph.metrics.stability import StabilityConfig, perturbed_graphs

    observed = spectra(graph.view(weighted=False))
    rows = []
    for k in removed:
        config = StabilityConfig(draws=draws, seed=seed + int(k), tie_count=int(k))
        values, links = [], 0
        for g, _ in perturbed_graphs(case, graph, "missing_ties", config):
            values.append(distances(observed, g))
            links = g.ecount()
        frame = pd.DataFrame(values)
        row: dict[str, float] = {"removed": int(k), "links": links}
        for col in ("dist_a", "dist_l", "dist_nl", "deltacon"):
            row[col] = float(frame[col].mean())
            row[f"{col}_sd"] = float(frame[col].std(ddof=0))
        row["similarity"] = 1.0 / (1.0 + row["deltacon"])
        rows.append(row)
    return pd.DataFrame(rows)
