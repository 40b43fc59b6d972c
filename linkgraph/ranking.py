"""The order tables list entities in by a measure, and what to say when a measure ranks no
one (every value the same, e.g. every betweenness 0 in a forest of pairs)."""

from __future__ import annotations

import pandas as pd

from linkgraph._counts import counted

#: The column that orders entities of equal value (most first), before the entity id.
TIE_BREAK = "degree"


def rank_by(frame: pd.DataFrame, by: str, *, ids: str | None = None) -> pd.DataFrame:
    """``frame`` sorted by ``by``, highest first, missing values last; equal values by
    degree (the ``degree`` column, most ties first, when ``frame`` has it), then by entity
    id (column ``ids``, else the index) ascending: a stable order whatever the input order.
    ``by`` the ids column itself: by degree, then id.

    Examples:
        >>> f = pd.DataFrame({"b": [0.0, 0.5, 0.0, 0.0], "degree": [1, 2, 3, 1]},
        ...                  index=pd.Index(["e:d", "e:c", "e:b", "e:a"], name="entity_id"))
        >>> rank_by(f, "b").index.tolist()
        ['e:c', 'e:b', 'e:a', 'e:d']
    """
    key = "__id" if ids is None else ids
    out = frame.assign(__id=frame.index.astype(str)) if ids is None else frame
    keys, ascending = ([], []) if by == key else ([by], [False])  # by the id alone: ascending
    if TIE_BREAK in out.columns and by != TIE_BREAK:
        keys.append(TIE_BREAK)
        ascending.append(False)
    keys.append(key)
    ascending.append(True)
    out = out.sort_values(keys, ascending=ascending, kind="mergesort", na_position="last")
    return out.drop(columns="__id") if ids is None else out


def ranks_no_one(values: pd.Series) -> bool:
    """Whether the measure ``values`` is the same for every one of two or more entities
    (missing values aside), so that a top-N table of it would be in an arbitrary order.

    Examples:
        >>> ranks_no_one(pd.Series([0.0, 0.0, None])), ranks_no_one(pd.Series([0.0, 0.1]))
        (True, False)
    """
    present = values.dropna()
    return len(values) > 1 and present.nunique() <= 1


def no_ranking_said(by: str, values: pd.Series, who: str) -> str:
    """Why the measure ``by`` ranks none of ``who`` (entities of one kind, singular):
    betweenness 0 everywhere says no one stands between two others.

    Examples:
        >>> no_ranking_said("betweenness_centrality", pd.Series([0.0, 0.0]), "person")
        'Every person has betweenness 0: none lies on a shortest path between two others'
        >>> no_ranking_said("pagerank", pd.Series([0.25, 0.25]), "entity")
        'Every entity has the same pagerank (0.25)'
    """
    present = values.dropna()
    name = by.removesuffix("_centrality")
    if present.empty:
        return f"No {who} has a {name}"
    value = present.iloc[0]
    if by == "betweenness_centrality" and value == 0:
        return f"Every {who} has betweenness 0: none lies on a shortest path between two others"
    return f"Every {who} has the same {name} ({value:.4g})"


def eigenvector_scope_said(metrics: pd.DataFrame) -> str | None:
    """The caveat of eigenvector centrality on a network in pieces, or None.

    Power iteration (networkx's, which ``analyze`` follows) puts the weight on the
    connected group with the largest eigenvalue; entities of every other group with
    links get close to 0 (1e-5 to 1e-10), whatever their place in their own group. When the
    ``metrics`` table has more than one group with links, the line says which group is
    ranked. None with one such group, or without ``component`` and
    ``eigenvector_centrality`` values.

    Examples:
        >>> m = pd.DataFrame({"component": [0, 0, 0, 1, 1, 2],
        ...                   "eigenvector_centrality": [0.6, 0.6, 0.5, 1e-10, 1e-10, 0.0]})
        >>> eigenvector_scope_said(m)  # doctest: +NORMALIZE_WHITESPACE
        'Eigenvector centrality ranks within one connected group: of the 2 groups with
        links, group 0 (3 entities) has the largest eigenvalue and the other 2 entities
        with links score about 0 (compare entities within one group).'
        >>> eigenvector_scope_said(m[m["component"] == 0]) is None
        True
    """
    if not {"component", "eigenvector_centrality"} <= set(metrics.columns):
        return None
    values = pd.to_numeric(metrics["eigenvector_centrality"], errors="coerce")
    sizes = metrics["component"].value_counts()
    linked = sizes[sizes > 1]  # a group of two or more entities has links
    if len(linked) < 2 or values.isna().all():
        return None
    top = metrics.loc[values.idxmax(), "component"]
    others = int(linked.sum() - sizes[top])
    return (
        f"Eigenvector centrality ranks within one connected group: of the {len(linked):,} "
        f"groups with links, group {top} ({counted(int(sizes[top]), 'entity', 'entities')}) "
        f"has the largest eigenvalue and the other {counted(others, 'entity', 'entities')} "
        "with links score about 0 (compare entities within one group)."
    )
