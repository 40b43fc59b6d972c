"""Victim protection: entities marked as victims are shown by a stable pseudonym by default."""

from __future__ import annotations

import dataclasses
import hashlib
from typing import TYPE_CHECKING

import pandas as pd

from linkgraph.schema import canonical_role

if TYPE_CHECKING:
    from linkgraph.graph import EntityGraph


def is_victim(role: object) -> bool:
    """Whether a ``role`` value (";"-joined roles from the data) marks a victim.

    Roles are normalised at ingest; spellings in other languages are recognised here too, so
    a case built by other means still protects its victims.

    Examples:
        >>> is_victim("suspect;victim"), is_victim("Geschädigte"), is_victim("recruiter")
        (True, True, False)
        >>> is_victim(None)
        False
    """
    if not isinstance(role, str):
        return False
    canonical = canonical_role(role)
    return canonical is not None and "victim" in canonical.split(";")


def pseudonym(entity_id: str) -> str:
    """The stable pseudonym shown for a victim: ``Victim-`` + 6 hex digits of SHA-256.

    Examples:
        >>> pseudonym("e:ana")
        'Victim-2cafc5'
    """
    return "Victim-" + hashlib.sha256(str(entity_id).encode("utf-8")).hexdigest()[:6]


#: Entity types that point at one person: a phone, e-mail, account or document used only by
#: victims identifies them as surely as their name does.
IDENTIFYING_TYPES = frozenset({"phone", "email", "account", "document", "address", "plate"})


def protected_entities(nodes: pd.DataFrame, edges: pd.DataFrame) -> pd.Series:
    """Which entities an output must not name: victims, and identifiers only victims use.

    ``nodes`` is indexed by entity id with ``type`` and ``role``; ``edges`` has ``src`` and
    ``dst``. An identifier (see :data:`IDENTIFYING_TYPES`) is protected when it is linked to
    at least one victim and to no person or organisation who is not a victim.

    Examples:
        >>> import pandas as pd
        >>> nodes = pd.DataFrame({"type": ["person", "phone", "person", "phone"],
        ...                       "role": ["victim", None, "suspect", None]},
        ...                      index=["e:v", "e:p1", "e:s", "e:p2"])
        >>> edges = pd.DataFrame({"src": ["e:v", "e:s", "e:v"], "dst": ["e:p1", "e:p2", "e:p2"]})
        >>> protected_entities(nodes, edges).tolist()
        [True, True, False, False]
    """
    import numpy as np

    victim = nodes["role"].map(is_victim).fillna(False).astype(bool)
    if not victim.any() or edges.empty:
        return victim
    actor = nodes["type"].isin(["person", "organisation", "organization"])
    ends = pd.concat(
        [edges[["src", "dst"]].set_axis(["a", "b"], axis=1),
         edges[["dst", "src"]].set_axis(["a", "b"], axis=1)],
        ignore_index=True,
    )  # fmt: skip
    ends = ends[ends["a"].isin(nodes.index) & ends["b"].isin(nodes.index)]
    ends = ends[nodes["type"].reindex(ends["a"]).isin(IDENTIFYING_TYPES).to_numpy()]
    ends = ends[actor.reindex(ends["b"]).to_numpy(dtype=bool)]
    by_victim = victim.reindex(ends["b"]).to_numpy(dtype=bool)
    seen = pd.DataFrame({"a": ends["a"].to_numpy(), "victim": by_victim})
    grouped = seen.groupby("a")["victim"].agg(["any", "all"])
    only_victims = grouped.index[(grouped["any"] & grouped["all"]).to_numpy(dtype=bool)]
    return victim | pd.Series(np.isin(nodes.index, only_victims), index=nodes.index)


def protect_victims(graph: EntityGraph) -> EntityGraph:
    """The same graph with every victim's label, and the label of every identifier only
    victims use, replaced by a pseudonym (see :func:`protected_entities`).

    For any output that prints labels (terminal tables, CSVs); maps and reports apply the
    same rule themselves.

    Examples:
        >>> from linkgraph.graph import toy_graph
        >>> g = toy_graph()
        >>> protect_victims(g).nodes["label"].equals(g.nodes["label"])  # no victims in it
        True
    """
    hidden = protected_entities(graph.nodes, graph.edges)
    if not hidden.any():
        return graph
    nodes = graph.nodes.copy()
    persons = nodes["type"].eq("person").to_numpy()
    nodes.loc[hidden.to_numpy() & persons, "label"] = [
        pseudonym(i) for i in nodes.index[hidden.to_numpy() & persons]
    ]
    others = hidden.to_numpy() & ~persons
    nodes.loc[others, "label"] = [
        f"{pseudonym(i)} ({t})"
        for i, t in zip(nodes.index[others], nodes["type"][others], strict=True)
    ]
    return dataclasses.replace(graph, nodes=nodes)
