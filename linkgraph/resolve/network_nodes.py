"""Nodes of a network file are identities, not records to deduplicate.

An edge list, an adjacency matrix, a UCINET DL or a Pajek file names each node once: ingest
makes one mention per distinct label (per type) of the file, so two mentions of one such
file are two different nodes however alike their labels ("Abu Ali al Anbari" and "Abu
Mohammad al Anzari", two summits on different dates). Resolution never puts two of them in
one entity (only an analyst's must-link does). Across network files two nodes may be one
person only when their labels are the same (case, accents and spacing aside: "Ion Popescu"
in phase1.csv and in phase2.csv), and the person model still decides as for any pair; a
node meets a table's mention (a register, call records) by the person model as any person
does. One entity holds at most one node of each network file.

The same holds for a node of any other type (an organisation, an address, a summit typed
as an event by the node list): its label is its identity. It is one entity with the
nodes of other network files and the mentions of tables that carry the same label (case,
accents and spacing aside), and is never merged by a normalised or similar name ("Alpha
Trading Ltd" and "Alpha Trading Co" of one edge list are two companies): see
:func:`~linkgraph.resolve.others.with_node_identities`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from linkgraph.text import fold_name

#: Input formats whose node labels are identities (``manifest["inputs"][i]["format"]``).
NODE_IDENTITY_FORMATS = frozenset({"edgelist", "matrix", "dl", "pajek"})


def network_sources(manifest: Mapping[str, Any]) -> frozenset[str]:
    """The source names (as the mentions' ``source`` holds them) of the case's inputs read
    as network files."""
    inputs = manifest.get("inputs") or []
    return frozenset(
        str(i["name"])
        for i in inputs
        if isinstance(i, dict) and i.get("format") in NODE_IDENTITY_FORMATS and i.get("name")
    )


def node_groups(sources: Sequence[object] | pd.Series, network: frozenset[str]) -> np.ndarray:
    """Per mention, a code of its network file (-1 when it comes from no network file):
    mentions sharing a code never share an entity."""
    values = pd.Series(sources, dtype=object).astype("string").fillna("")
    codes, names = pd.factorize(values)
    is_network = np.array([name in network for name in names], dtype=bool)
    return np.where(is_network[codes] if len(names) else False, codes, -1).astype(np.int64)


def node_keys(labels: Sequence[object] | pd.Series) -> np.ndarray:
    """Per mention, its label as two network files' nodes must share it to be one person:
    case, accents and spacing aside."""
    text = pd.Series(labels, dtype=object).astype("string").fillna("")
    codes, distinct = pd.factorize(text)
    folded = np.array([" ".join(fold_name(v).casefold().split()) for v in distinct], dtype=object)
    return folded[codes] if len(distinct) else np.full(len(text), "", dtype=object)


def refused_node_pairs(
    groups: np.ndarray | None, keys: np.ndarray | None, left: np.ndarray, right: np.ndarray
) -> np.ndarray:
    """Whether each pair (positions) joins two nodes that are never one person: two of one
    network file, or two of different network files with different labels."""
    if groups is None or len(left) == 0:
        return np.zeros(len(left), dtype=bool)
    a, b = groups[left], groups[right]
    both = (a >= 0) & (b >= 0)
    if keys is None:
        return both & (a == b)
    return both & ((a == b) | (keys[left] != keys[right]))


def repeated_groups(labels: np.ndarray, groups: np.ndarray, n: int) -> np.ndarray:
    """Per entity label (0..n-1), whether it holds two mentions of one network file."""
    has = np.flatnonzero(groups >= 0)
    out = np.zeros(n, dtype=bool)
    if len(has) == 0:
        return out
    frame = pd.DataFrame({"label": labels[has], "group": groups[has]})
    out[frame.loc[frame.duplicated(), "label"].to_numpy()] = True
    return out
