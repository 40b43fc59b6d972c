"""Paths between entities with the evidence of each hop, time-respecting paths, ego
networks and common neighbours."""

from __future__ import annotations

import heapq
import itertools
import json
import unicodedata
import warnings
from collections.abc import Sequence

import igraph as ig
import numpy as np
import pandas as pd

from linkgraph._user_warnings import user_stacklevel
from linkgraph.errors import LinkgraphError
from linkgraph.graph import EntityGraph
from linkgraph.metrics._common import positive_weights

#: Partial paths ``hop_paths`` may queue and take from its queue (about 1 CPU-s) before
#: igraph's k shortest paths (Yen's algorithm) are used instead: when fewer simple paths
#: than asked for exist, the search would try every dead end.
MAX_PATH_STEPS = 100_000

HOP_COLUMNS = ("path", "hop", "src", "dst", "src_label", "dst_label", "kinds", "count",
               "first", "last", "rows")  # fmt: skip


def label_key(text: str) -> str:
    """A label as a name typed on the command line is compared with it: NFKC and
    case-folded, so "ทองคำ" typed with SARA AM or as NIKHAHIT and SARA AA, or "Ａｎａ" typed
    as "ana", finds the label.

    >>> label_key("Ａｎａ") == label_key("ANA"), label_key("ทองคำ") == label_key("ทองคํา")
    (True, True)
    """
    return unicodedata.normalize("NFKC", text).casefold()


def label_keys(labels: pd.Series) -> pd.Series:
    """:func:`label_key` of each label (missing labels stay missing)."""
    return labels.astype("string").str.normalize("NFKC").str.casefold()


def find_entity(graph: EntityGraph, text: str) -> str:
    """The entity id ``text`` names: an id, or a label matching exactly one entity
    (case-insensitive, compatibility forms folded: :func:`label_key`), as the graph holds
    it or as `linkgraph entities` prints it (:func:`labelled`). An entity id written down
    before a file was added, or before a merge, finds the entity that holds it now
    (:func:`renamed_entity`), with a :class:`~linkgraph.errors.CaseWarning` that says
    "e:OLD is now e:NEW".

    Raises:
        LinkgraphError: no entity, or several, match; the error lists the entities
            (type and id) that share the label, the hint how to choose.
    """
    if text in graph.nodes.index:
        return text
    renamed = renamed_entity(graph, text)
    if renamed is not None:
        from linkgraph.entity_ids import renamed_note
        from linkgraph.errors import CaseWarning

        warnings.warn(renamed_note(text, renamed), CaseWarning, stacklevel=user_stacklevel())
        return renamed
    hits = labelled(graph, text)
    if len(hits) == 1:
        return str(hits[0])
    if len(hits) > 1:
        nodes = graph.nodes.loc[hits[:_LISTED]]
        listed = "; ".join(
            f"{label} ({kind}, {eid})"
            for eid, label, kind in zip(nodes.index, nodes["label"], nodes["type"], strict=True)
        )
        more = f" and {len(hits) - _LISTED} more" if len(hits) > _LISTED else ""
        raise LinkgraphError(
            f"{len(hits)} entities are labelled {text!r}: {listed}{more}",
            hint="pass the id of the one you mean (as listed) instead of the label; "
            "`linkgraph entities CASE --search TEXT` lists them with their mentions and sources",
        )
    raise unknown_entity_error(graph, text)


def renamed_entity(graph: EntityGraph, text: str) -> str | None:
    """The id, in ``graph``, of the entity that ``text`` named as an entity id of an
    earlier resolution of its case, when ``text`` is no longer an id of it
    (:func:`linkgraph.entity_ids.current_id`: the entity its mention is in now); None when
    ``text`` is no such id, or ``graph`` was made without a case."""
    from linkgraph.entity_ids import current_id, looks_like_entity_id

    if graph.case is None or not looks_like_entity_id(text) or text in graph.nodes.index:
        return None
    return current_id(text.strip(), graph.case.entity_of(), graph.nodes.index)


#: How many entities sharing a label the error of :func:`find_entity` lists.
_LISTED = 8
#: A pseudonymised identifier's label in the graph ("Victim-1a2b3c (phone)"), which the
#: entity tables print without its type, shown in a column of its own
_PSEUDONYM_LABEL = r"^(Victim-[0-9a-f]{6}) \((\w+)\)$"


def labelled(graph: EntityGraph, text: str) -> pd.Index:
    """The ids of the entities of ``graph`` whose label is ``text`` (:func:`label_key`):
    as the graph holds it, or as `linkgraph entities` and `links` print it, a victim's
    phone or account by its pseudonym alone ("Victim-1a2b3c" of "Victim-1a2b3c (phone)")."""
    nodes = graph.nodes
    key = label_key(text)
    hits = (label_keys(nodes["label"]) == key).fillna(False).to_numpy()
    if "type" in nodes.columns and key.startswith("victim-"):
        parts = nodes["label"].astype("string").str.extract(_PSEUDONYM_LABEL)
        own = parts[1].eq(nodes["type"].astype("string")).fillna(False).to_numpy()
        hits |= own & (label_keys(parts[0]) == key).fillna(False).to_numpy()
    return nodes.index[hits]


def unknown_entity_error(graph: EntityGraph, text: str) -> LinkgraphError:
    """The error for ``text``, which names no entity of ``graph``: its hint lists up to
    five labels containing it."""
    from linkgraph.entity_ids import looks_like_id

    labels = label_keys(graph.nodes["label"])
    partial = graph.nodes.index[labels.str.contains(label_key(text), regex=False).fillna(False)]
    tip = (
        f"; similar labels: {', '.join(graph.nodes.loc[partial[:5], 'label'])}"
        if len(partial)
        else ""
    )
    if looks_like_id(text):
        return LinkgraphError(
            f"no entity has the id {text!r}, and no mention of the case names it",
            hint="`linkgraph entities CASE_DIR` lists the entity ids (an id of an earlier "
            "resolution is found while its mention is in the case)",
        )
    return LinkgraphError(
        f"no entity has the id or label {text!r}",
        hint=f"take an entity id from metrics.parquet or `linkgraph analyze`{tip}",
    )


def hop_evidence(graph: EntityGraph, pairs: Sequence[tuple[str, str]]) -> pd.DataFrame:
    """The edges behind each (a, b) hop, either direction, every kind merged.

    Returns:
        One row per hop: ``src``, ``dst``, ``kinds`` (``;``-joined; a directed kind
        whose links run from ``dst`` to ``src``, against the walk, is written with an
        arrow back: "← owner_of" on the hop company -> person says the person owns the
        company), ``count`` (links), ``first``, ``last`` (time span) and ``rows`` (JSON
        list of ``source:row``).
    """
    e = graph.edges
    out = []
    for a, b in pairs:
        sel = e[((e["src"] == a) & (e["dst"] == b)) | ((e["src"] == b) & (e["dst"] == a))]
        rows = sorted({r for text in sel["rows"] for r in json.loads(text or "[]")})
        out.append({
            "src": a, "dst": b,
            "kinds": ";".join(_walked_kinds(sel, a)),
            "count": int(sel["count"].sum()),
            "first": sel["first"].min(), "last": sel["last"].max(),
            "rows": json.dumps(rows),
        })  # fmt: skip
    return pd.DataFrame(out, columns=["src", "dst", "kinds", "count", "first", "last", "rows"])


def _walked_kinds(edges: pd.DataFrame, start: str) -> list[str]:
    """The kinds of a hop's ``edges`` as walked from ``start``: a directed kind whose
    edge starts at the other end is written "← kind" (sorted, each once)."""
    back = edges["directed"].astype(bool).to_numpy() & (edges["src"] != start).to_numpy()
    kinds = edges["kind"].astype(str).to_numpy()
    return sorted({f"← {k}" if b else k for k, b in zip(kinds, back, strict=True)})


def shortest_paths(
    graph: EntityGraph,
    source: str,
    target: str,
    *,
    k: int = 1,
    directed: bool = False,
    weight: str | None = None,
    kinds: Sequence[str] | None = None,
) -> pd.DataFrame:
    """The ``k`` shortest paths from ``source`` to ``target``, one row per hop, with the
    evidence (links, source rows, time span) of each hop.

    Args:
        graph: the entity graph.
        source, target: entity ids or unique labels.
        k: how many simple paths, shortest first; with ``weight=None`` paths of equal
            hop count by the labels along them (then type, entity id), whatever the order
            of the files (:func:`hop_paths`; igraph's Yen algorithm when that search is
            too long, and with ``weight``).
        directed: follow link direction (calls, payments).
        weight: edge attribute holding a *length*; ``None`` counts hops. A length of 0,
            below 0 or missing counts as the smallest positive length.
        kinds: only these link kinds.

    Returns:
        DataFrame with ``path`` (0 = shortest), ``hop``, ``src``, ``dst``, their labels,
        ``kinds``, ``count``, ``first``, ``last``, ``rows``; empty when unreachable.

    Examples:
        >>> from linkgraph.graph import toy_graph
        >>> shortest_paths(toy_graph(), "Ben", "e:dan")[["hop", "src", "dst", "kinds"]]
        ... # doctest: +NORMALIZE_WHITESPACE
           hop    src    dst      kinds
        0    1  e:ben  e:ana  associate
        1    2  e:ana   e:cy  associate
        2    3   e:cy  e:dan  associate
    """
    a, b = find_entity(graph, source), find_entity(graph, target)
    g = _label_ordered(graph, graph.view(directed=directed, weighted=weight is not None,
                                         kinds=kinds))  # fmt: skip
    pos = {name: i for i, name in enumerate(g.vs["name"])}
    # A length of 0 or none gets the smallest positive one, as the weights of
    # ``analyze --distance inverse-weight`` and ``keyplayers --weighted`` (positive_weights).
    w = positive_weights(g.es[weight])[0].tolist() if weight is not None else None
    paths = hop_paths(g, pos[a], pos[b], k) if weight is None else None
    if paths is None:
        with warnings.catch_warnings():
            # igraph warns "Couldn't reach some vertices" when there is no path: the empty
            # result says so, and a warning would reach the user's terminal.
            warnings.simplefilter("ignore", RuntimeWarning)
            paths = g.get_k_shortest_paths(pos[a], to=pos[b], k=k, mode="out", weights=w)
    names = g.vs["name"]
    frames = []
    for p, vpath in enumerate(p for p in paths if len(p) > 1 or a == b):
        hops = [(names[u], names[v]) for u, v in itertools.pairwise(vpath)]
        ev = hop_evidence(graph, hops)
        ev.insert(0, "hop", np.arange(1, len(ev) + 1))
        ev.insert(0, "path", p)
        frames.append(ev)
    if not frames:
        return pd.DataFrame(columns=list(HOP_COLUMNS))
    out = pd.concat(frames, ignore_index=True)
    labels = graph.nodes["label"]
    out.insert(4, "src_label", labels.reindex(out["src"]).to_numpy())
    out.insert(5, "dst_label", labels.reindex(out["dst"]).to_numpy())
    return out[list(HOP_COLUMNS)]


def hop_paths(g: ig.Graph, a: int, b: int, k: int, *, max_steps: int = MAX_PATH_STEPS
              ) -> list[list[int]] | None:  # fmt: skip
    """The first ``k`` simple paths from vertex ``a`` to ``b`` of ``g`` in order of hop
    count, then of their vertices (the smallest vertex sequence first); None when the
    search takes more than ``max_steps`` steps.

    Best-first search on partial paths, by (hops so far + hops left at the least, the
    vertices so far): the hops left are ``b``'s breadth-first distances, never more than
    a simple path needs, so paths come out in that order. A step is a partial path
    queued or taken.

    Examples:
        >>> square = ig.Graph([(0, 1), (0, 2), (0, 3), (1, 4), (2, 4), (3, 4), (0, 4)])
        >>> hop_paths(square, 0, 4, 3)
        [[0, 4], [0, 1, 4], [0, 2, 4]]
    """
    left = np.asarray(g.distances(source=[b], mode="in")[0], dtype=float)
    if not np.isfinite(left[a]):
        return []
    heap: list[tuple[float, list[int]]] = [(float(left[a]), [a])]
    found: list[list[int]] = []
    steps = 0
    while heap and len(found) < k:
        _, walk = heapq.heappop(heap)
        steps += 1
        if steps > max_steps:
            return None
        v = walk[-1]
        if v == b:
            found.append(walk)
            continue
        on_walk = set(walk)
        for u in sorted(set(g.neighbors(v, mode="out"))):
            if u not in on_walk and np.isfinite(left[u]):
                heapq.heappush(heap, (len(walk) + float(left[u]), [*walk, u]))
                steps += 1
    return found


def _label_ordered(graph: EntityGraph, g: ig.Graph) -> ig.Graph:
    """``g`` (a view of ``graph``) with its vertices in the order of their labels (then
    type, then entity id), so that paths do not depend on the order of the files: entity
    ids of a network file's nodes follow its rows."""
    nodes = graph.nodes.reindex(g.vs["name"])
    order = np.lexsort((
        np.asarray(g.vs["name"], dtype=object).astype(str),
        nodes["type"].astype("string").fillna("").to_numpy(dtype=str),
        nodes["label"].astype("string").fillna("").to_numpy(dtype=str),
    ))  # fmt: skip
    new_of_old = np.empty(len(order), dtype=np.int64)
    new_of_old[order] = np.arange(len(order))
    ends = np.asarray(g.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    s, t = new_of_old[ends[:, 0]], new_of_old[ends[:, 1]]
    if not g.is_directed():
        s, t = np.minimum(s, t), np.maximum(s, t)
    edges = np.lexsort((t, s))  # edges in vertex order too: igraph's walks follow it
    out = ig.Graph(
        n=g.vcount(),
        edges=list(zip(s[edges].tolist(), t[edges].tolist(), strict=True)),
        directed=g.is_directed(),
    )
    out.vs["name"] = [g.vs["name"][i] for i in order.tolist()]
    for attr in g.es.attributes():
        values = g.es[attr]
        out.es[attr] = [values[i] for i in edges.tolist()]
    return out


def time_respecting_path(
    events: EntityGraph | pd.DataFrame,
    source: str,
    target: str,
    *,
    start: pd.Timestamp | None = None,
    directed: bool = True,
) -> pd.DataFrame:
    """The earliest-arriving path from ``source`` to ``target`` whose hops never go back in
    time (each hop at or after the one before), e.g. a chain of calls or payments.

    Args:
        events: timed links, one row per contact, with ``src``, ``dst``, ``time`` (and
            optionally ``kind``); or an EntityGraph, whose edges count as contacts at
            their ``first`` and at their ``last`` time (an approximation: a link between
            the two is only known to exist at those times).
        source, target: entity ids.
        start: ignore contacts before this time.
        directed: follow contacts only from ``src`` to ``dst``.

    Returns:
        One row per hop: ``hop``, ``src``, ``dst``, ``time`` (and ``kind``); empty when
        no time-respecting path exists.
    """
    if isinstance(events, EntityGraph):
        e = events.edges
        events = pd.concat(
            [e[["src", "dst", "kind"]].assign(time=e["first"]),
             e[["src", "dst", "kind"]].assign(time=e["last"])]
        ).drop_duplicates()  # fmt: skip
    ev = events.dropna(subset=["time"])
    if "kind" not in ev.columns:
        ev = ev.assign(kind="")
    if start is not None:
        ev = ev[ev["time"] >= start]
    if not directed:
        ev = pd.concat([ev, ev.rename(columns={"src": "dst", "dst": "src"})])
    ev = ev.sort_values("time", kind="stable")
    src, dst = ev["src"].astype(str).tolist(), ev["dst"].astype(str).tolist()
    times, kinds = ev["time"].tolist(), ev["kind"].astype(str).tolist()
    arrival: dict[str, object] = {source: None}  # None = before any contact
    via: dict[str, int] = {}
    changed = True
    while changed:  # contacts at equal times can chain in any order: repeat to a fixpoint
        changed = False
        for i, (u, v, t) in enumerate(zip(src, dst, times, strict=True)):
            if u not in arrival or v == source:
                continue
            au = arrival[u]
            if au is not None and t < au:  # type: ignore[operator]
                continue
            if v not in arrival or t < arrival[v]:  # type: ignore[operator]
                arrival[v], via[v] = t, i
                changed = True
    if target not in via:
        return pd.DataFrame(columns=["hop", "src", "dst", "time", "kind"])
    hops = []
    node = target
    while node != source:
        i = via[node]
        hops.append({"src": src[i], "dst": dst[i], "time": times[i], "kind": kinds[i]})
        node = src[i]
    out = pd.DataFrame(hops[::-1])
    out.insert(0, "hop", np.arange(1, len(out) + 1))
    return out


def ego_graph(
    graph: EntityGraph, entity: str, *, radius: int = 1, center: bool = True
) -> EntityGraph:
    """The entities within ``radius`` hops of ``entity`` (either direction) and the links
    among them (networkx's ``ego_graph``, undirected).

    Examples:
        >>> from linkgraph.graph import toy_graph
        >>> ego_graph(toy_graph(), "Ben", radius=2).nodes.index.tolist()
        ['e:ana', 'e:ben', 'e:cy']
    """
    eid = find_entity(graph, entity)
    g = graph.view()
    idx = g.vs.find(name=eid).index
    members = g.neighborhood(idx, order=radius)
    names = [g.vs[i]["name"] for i in members if center or i != idx]
    return graph.subgraph(names)


def common_neighbors(graph: EntityGraph, a: str, b: str) -> pd.DataFrame:
    """Entities linked to both ``a`` and ``b`` (either direction), with the link kinds.

    Returns:
        DataFrame indexed by ``entity_id`` with ``label``, ``type``, ``kinds_a``,
        ``kinds_b`` (``;``-joined kinds of the links to ``a`` and to ``b``).
    """
    a, b = find_entity(graph, a), find_entity(graph, b)
    e = graph.edges
    cols = ["src", "dst", "kind"]
    flipped = e[cols].rename(columns={"src": "dst", "dst": "src"})
    both = pd.concat([e[cols], flipped])

    def kinds_of(x: str) -> pd.Series:
        sel = both[both["src"] == x]
        return sel.groupby("dst")["kind"].agg(lambda s: ";".join(sorted(set(s))))

    ka, kb = kinds_of(a), kinds_of(b)
    common = ka.index.intersection(kb.index).difference([a, b])
    out = graph.nodes.loc[common, ["label", "type"]].copy()
    out["kinds_a"] = ka.reindex(common).to_numpy()
    out["kinds_b"] = kb.reindex(common).to_numpy()
    out.index.name = "entity_id"
    return out
