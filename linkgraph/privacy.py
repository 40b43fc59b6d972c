"""Victim protection: entities marked as victims are shown by a stable pseudonym by default."""

from __future__ import annotations

import dataclasses
import hashlib
from typing import TYPE_CHECKING

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


def protect_victims(graph: EntityGraph) -> EntityGraph:
    """The same graph with every victim's label replaced by its :func:`pseudonym`.

    For any output that prints labels (terminal tables, CSVs); maps and reports apply the
    same rule themselves.

    Examples:
        >>> from linkgraph.graph import toy_graph
        >>> g = toy_graph()
        >>> protect_victims(g).nodes["label"].equals(g.nodes["label"])  # no victims in it
        True
    """
    victims = graph.nodes["role"].map(is_victim).fillna(False).astype(bool)
    if not victims.any():
        return graph
    nodes = graph.nodes.copy()
    nodes.loc[victims, "label"] = [pseudonym(i) for i in nodes.index[victims]]
    return dataclasses.replace(graph, nodes=nodes)
