"""Summary tables ``analyze`` stores beside the metrics: the key-player curve and one row
per community, so that reports read them instead of recomputing analysis."""

from __future__ import annotations

from collections.abc import Collection

import numpy as np
import pandas as pd

from linkgraph.graph import EntityGraph
from linkgraph.metrics.communities import community_summary
from linkgraph.metrics.key_players import disruption

#: Entity types listed first among a community's leading members.
ACTOR_TYPES = ("person", "organisation")
#: Above this many entities the key-player curve recomputes degree, not betweenness,
#: after each removal (sequential betweenness is one all-pairs search per step).
BETWEENNESS_CURVE_MAX_NODES = 2_000


def key_player_table(
    graph: EntityGraph, *, k: int = 20, exclude: Collection[str] = ()
) -> pd.DataFrame:
    """The disruption curve: remove the most central entity, recompute, repeat ``k`` times.
    Entities in ``exclude`` (the victims and identifiers they hold, when
    :func:`linkgraph.metrics.analyze` writes it) are never removed; ties go to the higher
    degree, then to the lower stable id (see :func:`~linkgraph.metrics.key_players.disruption`).

    Returns:
        The ``key_players`` table: ``step`` (0 = intact), ``entity_id`` removed at that
        step, ``lcc_fraction`` (largest connected group over the intact one),
        ``lcc_size``, ``components`` and ``by`` (the measure recomputed).
    """
    by = "betweenness" if len(graph) <= BETWEENNESS_CURVE_MAX_NODES else "degree"
    steps = disruption(graph, by=by, k=min(k, len(graph)), sequential=True, efficiency=False,
                       exclude=exclude)  # fmt: skip
    return pd.DataFrame(
        {
            "step": steps["step"].astype("int64"),
            "entity_id": steps["removed"].astype(str),
            "lcc_fraction": steps["lcc_fraction"].astype(float),
            "lcc_size": steps["lcc_size"].astype("int64"),
            "components": steps["components"].astype("int64"),
            "by": by,
        }
    )


def community_table(graph: EntityGraph, metrics: pd.DataFrame, *, top: int = 8) -> pd.DataFrame:
    """One row per community (:func:`community_summary`), with the entity ids of its
    ``top`` leading members by PageRank, people and organisations first.

    Returns:
        The ``communities`` table: ``community``, ``size``, ``types``
        ("person:12;phone:30"), ``countries``, ``edges``, ``density``, ``central``
        (";"-joined entity ids) and ``by``.
    """
    frame = metrics.set_index("entity_id") if "entity_id" in metrics.columns else metrics
    by = "pagerank" if "pagerank" in frame.columns else "degree"
    summary = community_summary(graph, frame, by=by, top=1)
    type_cols = [c for c in summary.columns if c.startswith("n_")]
    members = pd.DataFrame(
        {
            "id": graph.entity_ids.astype(str),
            "community": frame["community"].reindex(graph.entity_ids).to_numpy(),
            "actor": graph.nodes["type"].astype(str).isin(ACTOR_TYPES).to_numpy(),
            "score": pd.to_numeric(frame[by].reindex(graph.entity_ids), errors="coerce")
            .fillna(0.0)
            .to_numpy()
            if by in frame.columns
            else np.zeros(len(graph)),
        }
    ).sort_values(["actor", "score", "id"], ascending=[False, False, True], kind="mergesort")
    leading = members.groupby("community", sort=False).head(top)
    leading = leading.sort_values("community", kind="mergesort")  # rank order kept
    joined: dict[object, list[str]] = {}
    for community, entity in zip(
        leading["community"].tolist(), leading["id"].tolist(), strict=True
    ):
        joined.setdefault(community, []).append(entity)
    central = pd.Series({c: ";".join(ids) for c, ids in joined.items()}, dtype=object)
    return pd.DataFrame(
        {
            "community": summary.index.astype("int64"),
            "size": summary["size"].astype("int64").to_numpy(),
            "types": _type_counts(summary[type_cols], [c[2:] for c in type_cols]),
            "countries": summary["countries"].astype(str).to_numpy(),
            "edges": summary["edges"].astype("int64").to_numpy(),
            "density": summary["density"].astype(float).to_numpy(),
            "central": central.reindex(summary.index).fillna("").to_numpy(),
            "by": by,
        }
    )


def _type_counts(counts: pd.DataFrame, names: list[str]) -> list[str]:
    """Per row, "person:12;phone:30"-style text of the non-zero counts, largest first
    (ties in column order)."""
    values = counts.to_numpy(dtype=np.int64)
    order = np.argsort(-values, axis=1, kind="stable")
    ranked = np.take_along_axis(values, order, axis=1)
    return [
        ";".join(f"{names[j]}:{n}" for j, n in zip(o, r, strict=True) if n)
        for o, r in zip(order.tolist(), ranked.tolist(), strict=True)
    ]
