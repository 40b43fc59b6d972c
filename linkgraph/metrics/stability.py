"""How sure is "the top broker"? Rankings, the key-player set and communities under
perturbed versions of the network.

Three perturbations, each run separately with its own seeded draws:

- ``missing_ties``: each link (entity pair of the simple view) is dropped with
  probability ``tie_loss``;
- ``missing_people``: each entity is dropped with probability ``people_loss``; an
  actor's figures are then over the draws in which it is present (``present``);
- ``resolution``: every scored pair of the resolver's ``evidence`` table is merged with
  its own ``match_probability`` (``must_link`` always, ``cannot_link``/``refused``
  never), and entities are rebuilt from the merged pairs. An original entity is followed
  into the perturbed entity that holds most of its mentions, so a false merge gives two
  actors one rank and a split keeps the larger part.

Per actor: P(rank 1), P(in the top k) and the 5th-95th percentile band of its rank among
persons and organisations (ties broken by the observed order). Per key-player set (the
first removals of the case's key-player curve): how often removing it still leaves the
largest group at most ``hold_margin`` above the observed fraction. Per pair of top
actors: how often they share a Leiden community; and the share of entities whose
community is stable (Jaccard >= 0.5 with the observed community in >= 90% of draws).

Measures count hops on the undirected, unweighted view (as ``analyze``'s betweenness
does); Leiden here is unweighted too, so every perturbation sees the same kind of graph.
"""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import igraph as ig
import numpy as np
import pandas as pd

from linkgraph._arrays import unique
from linkgraph.metrics._common import seeded_igraph
from linkgraph.progress import Progress, or_null
from linkgraph.schema import Decision

if TYPE_CHECKING:
    from linkgraph.graph import EntityGraph
    from linkgraph.model import Case

PERTURBATIONS = ("missing_ties", "missing_people", "resolution")
MEASURES = ("betweenness", "degree", "pagerank")
ACTOR_TYPES = ("person", "organisation")
#: above this many entities betweenness is estimated from this many sampled sources
EXACT_MAX_NODES = 3000
SAMPLED_SOURCES = 500
#: a community is stable for an entity when it overlaps the observed one this much ...
STABLE_JACCARD = 0.5
#: ... in at least this share of the draws
STABLE_SHARE = 0.9
NEVER_MERGED = (Decision.CANNOT_LINK.value, Decision.REFUSED.value)


@dataclass(frozen=True)
class StabilityConfig:
    """What ``linkgraph stability`` perturbs and how much."""

    measure: str = "betweenness"
    top: int = 10
    draws: int = 100
    seed: int = 0
    tie_loss: float = 0.1
    #: drop exactly this many links per draw instead of each with probability tie_loss
    tie_count: int | None = None
    people_loss: float = 0.1
    key_set: int = 5
    hold_margin: float = 0.05
    perturbations: tuple[str, ...] = PERTURBATIONS


@dataclass
class _Draw:
    """One perturbed graph: ``g`` and, per original entity, its vertex in ``g`` (-1: absent)."""

    g: ig.Graph
    rep: np.ndarray
    actor: np.ndarray  # bool per vertex of g
    order: np.ndarray  # tie-break key per vertex of g (observed position)


def scores(g: ig.Graph, measure: str, sources: np.ndarray | None = None) -> np.ndarray:
    """``measure`` of every vertex of the undirected, unweighted ``g`` (hop counts).

    Betweenness counts the shortest paths from ``sources`` only when they are given (an
    estimate: ranks only need the order), from every vertex otherwise.
    """
    n = g.vcount()
    if n == 0:
        return np.zeros(0)
    if measure == "degree":
        return np.asarray(g.degree(), dtype=float)
    if measure == "pagerank":
        from linkgraph.metrics.centrality import pagerank_values

        # A fixed summation order (igraph's PRPACK changes its last digits run to run).
        undirected = g.as_undirected(mode="each") if g.is_directed() else g
        return pagerank_values(undirected, weight=None)[0]
    if measure != "betweenness":
        raise ValueError(f"measure must be one of {', '.join(MEASURES)}, not {measure!r}")
    if sources is None:
        return np.asarray(g.betweenness(directed=False), dtype=float)
    return np.asarray(g.betweenness(directed=False, sources=sources.tolist()), dtype=float)


def sampled_sources(n: int, measure: str, seed: int) -> np.ndarray | None:
    """The fixed, seeded sample of betweenness sources for a graph of ``n`` vertices:
    None (exact) up to :data:`EXACT_MAX_NODES`, :data:`SAMPLED_SOURCES` vertices above.

    The same sample serves the observed graph and every draw (followed into each draw's
    vertices), so the estimate's own noise is not counted as doubt about the network."""
    if measure != "betweenness" or n <= EXACT_MAX_NODES:
        return None
    rng = np.random.default_rng(np.random.SeedSequence([seed, 0x5EED]))
    return np.sort(rng.choice(n, size=SAMPLED_SOURCES, replace=False))


def _follow(sources: np.ndarray | None, rep: np.ndarray) -> np.ndarray | None:
    """The sampled sources as vertices of a draw (absent ones dropped, merged ones once)."""
    if sources is None:
        return None
    moved = rep[sources]
    return unique(moved[moved >= 0])


def _ranks(values: np.ndarray, actor: np.ndarray, order: np.ndarray) -> np.ndarray:
    """Rank (1 = highest) of each vertex among actors; non-actors get 0."""
    idx = np.flatnonzero(actor)
    sort = np.lexsort((order[idx], -values[idx]))
    rank = np.zeros(len(values), dtype=np.int64)
    rank[idx[sort]] = np.arange(1, len(idx) + 1)
    return rank


def _lcc(g: ig.Graph) -> int:
    if g.vcount() == 0:
        return 0
    return int(max(g.connected_components().sizes()))


def _lcc_fraction_without(g: ig.Graph, removed: np.ndarray) -> float:
    """Largest group after removing ``removed`` vertices over the largest group before."""
    before = _lcc(g)
    if before == 0:
        return 0.0
    rest = g.copy()
    rest.delete_vertices(sorted({int(v) for v in removed if v >= 0}))
    return _lcc(rest) / before


def _leiden(g: ig.Graph, seed: int) -> np.ndarray:
    """Leiden's communities of ``g`` (modularity, passes until the partition is stable).

    The observed graph and every draw are partitioned with the same seed and to
    convergence, so a draw identical to the observed graph gets the observed communities:
    what the stability table measures is the data's perturbation, not Leiden's own
    run-to-run variation (two seeds can split a loose group differently)."""
    with seeded_igraph(seed):
        return np.asarray(
            g.community_leiden(objective_function="modularity", n_iterations=-1).membership
        )


class _Resampler:
    """Re-draws the resolution from the evidence table's match probabilities.

    Mentions are taken in the order of their ids, and only the borderline pairs (0 < p < 1)
    draw, in the order of their (smaller, larger) mention ids: which pair gets which random
    number then depends neither on the order the files were ingested in nor on the pairs
    that are certain (the spanning pairs of a shared phone follow the data order)."""

    def __init__(self, case: Case, graph: EntityGraph) -> None:
        entity_of = case.entity_of()
        mentions = pd.Index(np.sort(case.mentions["mention_id"].astype(str).to_numpy()))
        ent_pos = graph.entity_ids.get_indexer(entity_of.reindex(mentions).astype(str))
        self.n_mentions = len(mentions)
        self.entity = ent_pos  # original entity position of each mention
        links = case.links
        s = mentions.get_indexer(links["src"].astype(str))
        t = mentions.get_indexer(links["dst"].astype(str))
        ok = (s >= 0) & (t >= 0)
        self.link_s, self.link_t = s[ok], t[ok]
        ev = case.evidence if case.evidence is not None else pd.DataFrame()
        if len(ev):
            left = mentions.get_indexer(ev["left"].astype(str))
            right = mentions.get_indexer(ev["right"].astype(str))
            decision = ev["decision"].astype(str).to_numpy()
            prob = pd.to_numeric(ev.get("match_probability"), errors="coerce")
            prob = np.asarray(prob, dtype=float)
            forced = decision == Decision.MUST_LINK.value
            prob = np.where(forced, 1.0, prob)
            prob = np.where(np.isin(decision, NEVER_MERGED), 0.0, prob)
            # a pair without a probability keeps the resolver's decision
            prob = np.where(np.isnan(prob), (decision == Decision.MATCH.value).astype(float), prob)
            keep = (left >= 0) & (right >= 0)
            left, right, prob = left[keep], right[keep], prob[keep]
            low, high = np.minimum(left, right), np.maximum(left, right)
            # certain pairs first (their order draws nothing), then borderline by ids
            order = np.lexsort((high, low, (prob > 0) & (prob < 1)))
            self.left, self.right, self.prob = low[order], high[order], prob[order]
        else:
            self.left = self.right = np.zeros(0, dtype=np.int64)
            self.prob = np.zeros(0)
        self.glue = self._glue()
        self.n_pairs = len(self.prob)
        self.borderline = int(((self.prob > 0) & (self.prob < 1)).sum())

    def _glue(self) -> np.ndarray:
        """Mention pairs that keep each entity together where no evidence pair explains it.

        Within each original entity, the components of its internal evidence pairs (all
        of them, undrawn) and its mentions without any are joined to one another: they
        were merged by something the evidence table does not score (a shared strong
        identifier, a manual override), so only scored pairs are ever split.
        """
        internal = self.entity[self.left] == self.entity[self.right]
        g = ig.Graph(
            n=self.n_mentions,
            edges=np.column_stack([self.left[internal], self.right[internal]]).tolist(),
        )
        comp = np.asarray(g.connected_components().membership)
        frame = pd.DataFrame({"entity": self.entity, "comp": comp, "m": np.arange(len(comp))})
        heads = frame.drop_duplicates(["entity", "comp"])  # one mention per component
        first = heads.groupby("entity")["m"].transform("first").to_numpy()
        pairs = np.column_stack([heads["m"].to_numpy(), first])
        return pairs[pairs[:, 0] != pairs[:, 1]]

    def draw(
        self, rng: np.random.Generator, actor_of_entity: np.ndarray, order_of_entity: np.ndarray
    ) -> _Draw:
        merged = self.prob >= 1.0
        drawn = (self.prob > 0) & (self.prob < 1)
        merged[drawn] = rng.random(int(drawn.sum())) < self.prob[drawn]
        group = _components(
            self.n_mentions,
            np.concatenate([self.glue[:, 0], self.left[merged]]),
            np.concatenate([self.glue[:, 1], self.right[merged]]),
        )
        n_groups = int(group.max()) + 1 if len(group) else 0
        # each original entity follows the group holding most of its mentions
        width = max(n_groups, 1)
        cell, count = unique(self.entity * width + group, return_counts=True)
        ent, grp = cell // width, cell % width
        by_entity = np.lexsort((grp, -count, ent))
        best = by_entity[_run_starts(ent[by_entity])]
        rep = np.full(len(actor_of_entity), -1, dtype=np.int64)
        rep[ent[best]] = grp[best]
        # a group's type and tie-break order: those of its largest original entity
        by_group = np.lexsort((ent, -count, grp))
        owner = by_group[_run_starts(grp[by_group])]
        actor = np.zeros(n_groups, dtype=bool)
        order = np.zeros(n_groups, dtype=np.int64)
        actor[grp[owner]] = actor_of_entity[ent[owner]]
        order[grp[owner]] = order_of_entity[ent[owner]]
        s, t = group[self.link_s], group[self.link_t]
        a, b = np.minimum(s, t), np.maximum(s, t)
        keep = a != b
        pair = unique(a[keep] * width + b[keep])
        edges = np.column_stack([pair // width, pair % width])
        g = ig.Graph(n=n_groups, edges=edges.tolist())
        return _Draw(g, rep, actor, order)


def _run_starts(keys: np.ndarray) -> np.ndarray:
    """Mask of the first item of each run of equal ``keys`` (empty for no keys)."""
    return np.r_[len(keys) > 0, keys[1:] != keys[:-1]][: len(keys)]


def _components(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Connected-component label of each of ``n`` items joined by the pairs (a, b)."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    ones = np.ones(len(a), dtype=np.int8)
    _, labels = connected_components(coo_matrix((ones, (a, b)), shape=(n, n)), directed=False)
    return labels.astype(np.int64)


def checked_stability_config(
    config: StabilityConfig | None, settings: Mapping[str, Any]
) -> StabilityConfig:
    """``config`` (the defaults when None) with ``settings`` applied, checked as the
    CLI's options are: a ConfigError naming the setting and the values it takes."""
    from linkgraph._arguments import did_you_mean
    from linkgraph.errors import ArgumentTypeError, ArgumentValueError, ConfigError

    fields = [f.name for f in dataclasses.fields(StabilityConfig)]
    unknown = sorted(set(settings) - set(fields))
    if unknown:
        # An unknown keyword argument, as Python's own is a TypeError.
        raise ArgumentTypeError(
            f"stability(): unknown stability setting {unknown[0]!r}",
            key=unknown[0],
            hint=f"{did_you_mean(unknown[0], fields)}the settings are {', '.join(fields)}",
        )
    config = dataclasses.replace(config or StabilityConfig(), **settings)
    for name, ok, takes in (
        ("measure", config.measure in MEASURES, f"one of {', '.join(MEASURES)}"),
        ("top", _whole(config.top, 1), "a whole number >= 1"),
        ("draws", _whole(config.draws, 1), "a whole number >= 1"),
        ("key_set", _whole(config.key_set, 1), "a whole number >= 1"),
        ("seed", _whole(config.seed), "a whole number"),
        ("tie_count", config.tie_count is None or _whole(config.tie_count, 0), "None or >= 0"),
        ("tie_loss", _share(config.tie_loss), "a number in [0, 1)"),
        ("people_loss", _share(config.people_loss), "a number in [0, 1)"),
        ("hold_margin", _share(config.hold_margin), "a number in [0, 1)"),
        (
            "perturbations",
            not isinstance(config.perturbations, str)
            and set(config.perturbations) <= set(PERTURBATIONS),
            f"a list of {', '.join(PERTURBATIONS)}",
        ),
    ):
        if not ok:
            value = getattr(config, name)
            hint = (
                did_you_mean(value, list(MEASURES)).strip() or None
                if name == "measure" and isinstance(value, str)
                else None
            )
            # Given to stability() as an argument: an ArgumentValueError (a ConfigError
            # too, as a config's bad value is).
            error = ArgumentValueError if name in settings else ConfigError
            raise error(f"{value!r} is not valid: give {takes}", key=name, hint=hint)
    return config


def _whole(value: object, least: int | None = None) -> bool:
    """Whether ``value`` is a whole number (no bool), at least ``least`` when given."""
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        return False
    return least is None or value >= least


def _share(value: object) -> bool:
    """Whether ``value`` is a number in [0, 1)."""
    if isinstance(value, bool) or not isinstance(value, int | float | np.number):
        return False
    return 0 <= float(value) < 1


def stability(
    case: Case | str | os.PathLike[str],
    graph: EntityGraph | None = None,
    config: StabilityConfig | None = None,
    *,
    progress: Progress | None = None,
    save: bool = False,
    **settings: Any,
) -> dict[str, pd.DataFrame]:
    """How sure is "the top broker"? The top actors, the key-player set and communities of
    ``case`` in perturbed versions of its network (``linkgraph stability``).

    >>> import linkgraph as lg  # doctest: +SKIP
    >>> result = lg.stability("case/", draws=50, top=5, save=True)  # doctest: +SKIP
    >>> result["actors"].query("perturbation == 'missing_ties'")  # doctest: +SKIP

    Args:
        case: a Case, or the path of a case folder (read, its graph from the cache).
        graph: the case's entity graph (``linkgraph.graph_cache.case_graph``); built or
            read from the cache beside the case when omitted.
        config: measure, top k, draws, seed and perturbation sizes.
        progress: one unit per draw.
        save: write ``stability.parquet`` into the case folder (``case`` read from or
            written to one), where the report and the map read it.
        **settings: fields of :class:`StabilityConfig` overriding ``config``:
            ``measure``, ``top``, ``draws``, ``seed``, ``tie_loss``, ``tie_count`` (drop
            exactly this many links per draw instead of each with probability
            ``tie_loss``), ``people_loss``, ``key_set``, ``hold_margin``,
            ``perturbations``.

    Returns:
        ``{"actors", "key_set", "pairs", "communities"}``: pandas DataFrames, long tables
        with a ``perturbation`` column (see :func:`stability_table` for the stored form).
        ``actors``: ``entity_id``, ``observed_rank``, ``p_rank1``, ``p_top``,
        ``rank_p05``, ``rank_p50``, ``rank_p95``, ``present``. ``key_set``: ``entity_id``
        (";"-joined), ``observed``, ``p_holds``, ``value_p05/p50/p95``. ``pairs``:
        ``entity_id``, ``other_id``, ``observed`` (same community when observed),
        ``p_together``. ``communities``: ``stable_share``. ``attrs`` hold the config,
        seconds per perturbation and how betweenness ran.
    """
    from linkgraph.model import Case

    config = checked_stability_config(config, settings)
    if not isinstance(case, Case):
        from linkgraph.graph_cache import case_graph

        folder = case
        case = Case.read(folder)
        graph = case_graph(case, folder) if graph is None else graph
    if graph is None:
        from linkgraph.graph_cache import case_graph

        graph = case_graph(case, None if case.origin is None else case.origin.path)
    result = _stability(case, graph, config, or_null(progress))
    if save:
        save_stability(case, result)
    return result


def save_stability(case: Case, result: dict[str, pd.DataFrame]) -> Path:
    """Write ``result`` as ``stability.parquet`` in the folder ``case`` was read from."""
    from linkgraph._io import atomic_write
    from linkgraph.errors import CaseError

    if case.origin is None:
        raise CaseError(
            "this case has no folder to save stability.parquet in",
            hint="write it first (case.write(path)) or pass the folder's path",
        )
    path = Path(case.origin.path) / "stability.parquet"
    with atomic_write(path, mode="wb", encoding=None) as fh:
        stability_table(result).to_parquet(fh, index=False)
    return path


def _stability(
    case: Case, graph: EntityGraph, config: StabilityConfig, progress: Progress
) -> dict[str, pd.DataFrame]:
    if config.measure not in MEASURES:
        raise ValueError(f"measure must be one of {', '.join(MEASURES)}, not {config.measure!r}")
    g0 = graph.view(weighted=False)
    n = g0.vcount()
    types = graph.nodes["type"].astype(str).to_numpy()
    actor0 = np.isin(types, ACTOR_TYPES)
    sources0 = sampled_sources(n, config.measure, config.seed)
    rank0 = _ranks(scores(g0, config.measure, sources0), actor0, np.arange(n))
    order0 = rank0  # perturbed ties are broken by the observed order
    n_actors = int(actor0.sum())
    top_idx = np.argsort(np.where(actor0, rank0, n + 1), kind="stable")[: min(config.top, n_actors)]
    key_idx = _key_set(case, graph, config.key_set)
    key_obs = _lcc_fraction_without(g0, key_idx)
    comm0 = _leiden(g0, config.seed)
    resampler = _Resampler(case, graph) if "resolution" in config.perturbations else None

    actors, key_rows, pair_rows, comm_rows = [], [], [], []
    seconds: dict[str, float] = {}
    seeds = np.random.SeedSequence(config.seed).spawn(len(PERTURBATIONS))
    for name, seq in zip(PERTURBATIONS, seeds, strict=True):
        if name not in config.perturbations:
            continue
        rng = np.random.default_rng(seq)
        start = time.perf_counter()
        progress.start(f"stability: {name.replace('_', ' ')}", config.draws)
        ranks = np.zeros((config.draws, len(top_idx)), dtype=np.int64)  # 0 = absent
        key_vals = np.full(config.draws, np.nan)
        together = np.zeros((len(top_idx), len(top_idx)))
        both = np.zeros((len(top_idx), len(top_idx)))
        stable_hits = np.zeros(n)
        present_n = np.zeros(n)
        for d in range(config.draws):
            draw = _perturb(name, g0, actor0, order0, config, rng, resampler)
            values = scores(draw.g, config.measure, _follow(sources0, draw.rep))
            r = _ranks(values, draw.actor, draw.order)
            rep = draw.rep[top_idx]
            ranks[d] = np.where(rep >= 0, r[np.maximum(rep, 0)], 0)
            key_vals[d] = _lcc_fraction_without(draw.g, draw.rep[key_idx])
            comm = _leiden(draw.g, config.seed)
            here = draw.rep >= 0
            mine = np.where(here, comm[np.maximum(draw.rep, 0)], -1)
            top_c = mine[top_idx]
            ok = top_c >= 0
            both += np.outer(ok, ok)
            together += np.outer(ok, ok) * (top_c[:, None] == top_c[None, :])
            stable_hits += _jaccard(comm0, mine, here) >= STABLE_JACCARD
            present_n += here
            progress.advance()
        seconds[name] = round(time.perf_counter() - start, 3)
        actors.append(_actor_rows(name, graph, top_idx, rank0, ranks, config.top))
        key_rows.append(_key_row(name, graph, key_idx, key_obs, key_vals, config.hold_margin))
        pair_rows.append(_pair_rows(name, graph, top_idx, comm0, together, both))
        with np.errstate(invalid="ignore", divide="ignore"):
            stable = (stable_hits / present_n) >= STABLE_SHARE
        comm_rows.append(
            pd.DataFrame(
                {"perturbation": [name], "stable_share": [float(stable.mean()) if n else np.nan]}
            )
        )
    out = {
        "actors": pd.concat(actors, ignore_index=True),
        "key_set": pd.concat(key_rows, ignore_index=True),
        "pairs": pd.concat(pair_rows, ignore_index=True),
        "communities": pd.concat(comm_rows, ignore_index=True),
    }
    attrs = {
        "config": dataclasses.asdict(config),
        "seconds": seconds,
        "betweenness": _estimator(sources0, n),
        "evidence_pairs": 0 if resampler is None else resampler.n_pairs,
        "borderline_pairs": 0 if resampler is None else resampler.borderline,
        "entities": n,
        "links": g0.ecount(),
    }
    for frame in out.values():
        frame.attrs.update(attrs)
    return out


def _estimator(sources: np.ndarray | None, n: int) -> str:
    """How betweenness ran, in words (the CLI, the report and the stored table say it)."""
    if sources is None:
        return "exact"
    return f"sampled from {len(sources):,} of {n:,} sources, seeded"


def _perturb(
    name: str,
    g0: ig.Graph,
    actor0: np.ndarray,
    order0: np.ndarray,
    config: StabilityConfig,
    rng: np.random.Generator,
    resampler: _Resampler | None,
) -> _Draw:
    n = g0.vcount()
    if name == "missing_ties":
        m = g0.ecount()
        if config.tie_count is None:
            keep = np.flatnonzero(rng.random(m) >= config.tie_loss)
        else:  # a fixed number of ties, uniformly without replacement
            gone = rng.choice(m, size=min(config.tie_count, m), replace=False)
            keep = np.setdiff1d(np.arange(m), gone)
        g = g0.subgraph_edges(keep.tolist(), delete_vertices=False)
        return _Draw(g, np.arange(n), actor0, order0)
    if name == "missing_people":
        keep = np.flatnonzero(rng.random(n) >= config.people_loss)
        rep = np.full(n, -1, dtype=np.int64)
        rep[keep] = np.arange(len(keep))
        return _Draw(g0.induced_subgraph(keep.tolist()), rep, actor0[keep], order0[keep])
    assert resampler is not None
    return resampler.draw(rng, actor0, order0)


def perturbed_graphs(
    case: Case, graph: EntityGraph, perturbation: str, config: StabilityConfig | None = None
) -> Iterator[tuple[ig.Graph, np.ndarray]]:
    """The ``config.draws`` perturbed versions of ``graph`` that :func:`stability` ranks
    under ``perturbation`` (the same seeded draws), as undirected, unweighted igraph
    graphs with, per original entity, its vertex in the version (-1: absent). For other
    measures on the same perturbations (e.g. the graph distances of Ficara et al. 2021)."""
    config = StabilityConfig() if config is None else config
    if perturbation not in PERTURBATIONS:
        raise ValueError(f"perturbation must be one of {', '.join(PERTURBATIONS)}")
    g0 = graph.view(weighted=False)
    n = g0.vcount()
    actor0 = np.isin(graph.nodes["type"].astype(str).to_numpy(), ACTOR_TYPES)
    resampler = _Resampler(case, graph) if perturbation == "resolution" else None
    seq = np.random.SeedSequence(config.seed).spawn(len(PERTURBATIONS))
    rng = np.random.default_rng(seq[PERTURBATIONS.index(perturbation)])
    for _ in range(config.draws):
        draw = _perturb(perturbation, g0, actor0, np.arange(n), config, rng, resampler)
        yield draw.g, draw.rep


def _jaccard(comm0: np.ndarray, mine: np.ndarray, here: np.ndarray) -> np.ndarray:
    """Per entity: Jaccard of its observed and perturbed communities (present entities)."""
    a = comm0[here]
    b = mine[here]
    if not len(a):
        return np.zeros(len(comm0))
    width = int(b.max()) + 1
    _, cell, cell_n = unique(a * width + b, return_inverse=True, return_counts=True)
    inter = cell_n[cell]
    size_a = np.bincount(a)[a]
    size_b = np.bincount(b)[b]
    out = np.zeros(len(comm0))
    out[here] = inter / (size_a + size_b - inter)
    return out


def _key_set(case: Case, graph: EntityGraph, k: int) -> np.ndarray:
    """Vertex positions of the first ``k`` removals of the case's key-player curve."""
    curve = case.key_players
    if curve is None or curve.empty:
        from linkgraph.metrics.summaries import key_player_table

        curve = key_player_table(graph, k=k)
    steps = curve.loc[curve["step"].astype(int) > 0].sort_values("step")
    pos = graph.entity_ids.get_indexer(steps["entity_id"].astype(str).head(k))
    return pos[pos >= 0]


def _actor_rows(
    name: str, graph: EntityGraph, top_idx: np.ndarray, rank0: np.ndarray,
    ranks: np.ndarray, top: int,
) -> pd.DataFrame:  # fmt: skip
    rows = []
    for j, v in enumerate(top_idx):
        r = ranks[:, j]
        seen = r[r > 0]
        q = np.percentile(seen, [5, 50, 95], method="lower") if len(seen) else [np.nan] * 3
        rows.append(
            {
                "perturbation": name,
                "entity_id": str(graph.entity_ids[v]),
                "observed_rank": int(rank0[v]),
                "p_rank1": float((seen == 1).mean()) if len(seen) else np.nan,
                "p_top": float((seen <= top).mean()) if len(seen) else np.nan,
                "rank_p05": float(q[0]),
                "rank_p50": float(q[1]),
                "rank_p95": float(q[2]),
                "present": float(len(seen) / len(r)) if len(r) else np.nan,
            }
        )
    return pd.DataFrame(rows, columns=_ACTOR_COLUMNS)


_ACTOR_COLUMNS = [
    "perturbation", "entity_id", "observed_rank", "p_rank1", "p_top",
    "rank_p05", "rank_p50", "rank_p95", "present",
]  # fmt: skip


def _key_row(
    name: str, graph: EntityGraph, key_idx: np.ndarray, observed: float,
    values: np.ndarray, margin: float,
) -> pd.DataFrame:  # fmt: skip
    q = np.percentile(values, [5, 50, 95]) if len(values) else [np.nan] * 3
    return pd.DataFrame(
        {
            "perturbation": [name],
            "entity_id": [";".join(str(graph.entity_ids[v]) for v in key_idx)],
            "observed": [observed],
            "p_holds": [float((values <= observed + margin).mean()) if len(values) else np.nan],
            "value_p05": [q[0]],
            "value_p50": [q[1]],
            "value_p95": [q[2]],
        }
    )


def _pair_rows(
    name: str, graph: EntityGraph, top_idx: np.ndarray, comm0: np.ndarray,
    together: np.ndarray, both: np.ndarray,
) -> pd.DataFrame:  # fmt: skip
    rows = []
    for i in range(len(top_idx)):
        for j in range(i + 1, len(top_idx)):
            a, b = top_idx[i], top_idx[j]
            rows.append(
                {
                    "perturbation": name,
                    "entity_id": str(graph.entity_ids[a]),
                    "other_id": str(graph.entity_ids[b]),
                    "observed": bool(comm0[a] == comm0[b]),
                    "p_together": float(together[i, j] / both[i, j]) if both[i, j] else np.nan,
                }
            )
    cols = ["perturbation", "entity_id", "other_id", "observed", "p_together"]
    return pd.DataFrame(rows, columns=cols)


def stability_table(result: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The four tables of :func:`stability` as one long table (``CASE/stability.parquet``):
    a ``kind`` column (actor, key_set, pair, communities, run) and the union of their
    columns. The ``run`` row holds the settings (``measure``, ``top``, ``draws``, ``seed``,
    ``tie_loss``, ``people_loss``, ``key_set_size``, ``hold_margin``), how betweenness ran
    (``estimator``) and the size of the graph it ran on (``entities``, ``links``: a later
    change of the case shows as a mismatch). The same case, config and seed give the same
    bytes (run times are left out)."""
    kinds = {"actors": "actor", "key_set": "key_set", "pairs": "pair", "communities": "communities"}
    parts = [frame.assign(kind=kinds[key]) for key, frame in result.items()]
    attrs = result["actors"].attrs
    config = attrs.get("config", {})
    if config:
        run = {f: config[f] for f in ("measure", "top", "draws", "seed", "tie_loss", "people_loss")}
        run |= {"key_set_size": config["key_set"], "hold_margin": config["hold_margin"]}
        run |= {"estimator": attrs.get("betweenness", "")}
        run |= {"entities": attrs.get("entities"), "links": attrs.get("links")}
        parts.append(pd.DataFrame([run]).assign(kind="run"))
    table = pd.concat(parts, ignore_index=True)
    cols = ["kind"] + [c for c in table.columns if c != "kind"]
    table = table[cols]
    table.attrs = {}  # pandas would store them in the file: timings would break same-bytes
    if "observed" in table:
        table["observed"] = pd.to_numeric(table["observed"].astype("float64"))
    return table


def read_stability(table: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """``CASE/stability.parquet`` back into the tables of :func:`stability` (each with the
    columns it had) plus ``run``: one row of settings (empty for tables written before
    the settings were stored)."""
    names = {"actor": "actors", "key_set": "key_set", "pair": "pairs", "communities": "communities"}
    out = {}
    for kind, name in (*names.items(), ("run", "run")):
        part = table.loc[table["kind"] == kind].drop(columns="kind").dropna(axis=1, how="all")
        out[name] = part.reset_index(drop=True)
    if "observed" in out["pairs"]:
        out["pairs"]["observed"] = out["pairs"]["observed"].astype(bool)
    return out


#: a claim that holds in fewer of the perturbed versions than this is flagged as fragile
FRAGILE_BELOW = 0.8
_IN_WORDS = {
    "missing_ties": "with missing ties",
    "missing_people": "with missing people",
    "resolution": "with re-drawn merges",
}


_NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
                 "nine", "ten", "eleven", "twelve")  # fmt: skip
_FIRST = {
    "betweenness": "the top broker",
    "degree": "the most connected actor",
    "pagerank": "first by PageRank",
}


def top_words(top: int) -> str:
    """``"top five"`` for small k, ``"top 25"`` above twelve."""
    return f"top {_NUMBER_WORDS[top] if top < len(_NUMBER_WORDS) else top}"


def claims(
    actors: pd.DataFrame, labels: pd.Series, top: int, measure: str
) -> list[tuple[str, bool]]:
    """The findings in words, each with whether it is fragile: who is first and how often
    (fragile below :data:`FRAGILE_BELOW`), one line per perturbation, and every top actor
    who drops out of the top ``top`` in more than ``1 - FRAGILE_BELOW`` of some
    perturbation's draws, one line per actor naming those perturbations. ``labels`` maps
    entity ids to what may be shown (victims' pseudonyms)."""
    out = []
    first = actors.loc[actors["observed_rank"] == 1]
    for row in first.itertuples():
        out.append(
            (
                f"{labels.get(row.entity_id, row.entity_id)} is "
                f"{_FIRST.get(measure, f'first by {measure}')} in {row.p_rank1:.0%} of "
                f"perturbed versions {_IN_WORDS[row.perturbation]}",
                bool(row.p_rank1 < FRAGILE_BELOW),
            )
        )
    weak = actors.loc[actors["p_top"] < FRAGILE_BELOW]
    for entity, rows in weak.groupby("entity_id", sort=False):
        shares = [f"{1 - r.p_top:.0%} {_IN_WORDS[r.perturbation]}" for r in rows.itertuples()]
        listed = shares[0] if len(shares) == 1 else ", ".join(shares[:-1]) + " and " + shares[-1]
        out.append(
            (
                f"{labels.get(entity, entity)} drops out of the {top_words(top)} in {listed}",
                True,
            )
        )
    return out


def stored_stability_table(case: Case) -> pd.DataFrame | None:
    """The stored ``stability.parquet`` beside the folder ``case`` was read from, as the one
    long table it holds, or None: not run, or ``case`` was never read or written."""
    if case.origin is None:
        return None
    path = Path(case.origin.path) / "stability.parquet"
    if not path.is_file():
        return None
    from linkgraph.model import corrupt_table_errors

    with corrupt_table_errors(path):
        return pd.read_parquet(path)


def load_stability(case: Case) -> dict[str, pd.DataFrame] | None:
    """The stored stability tables of ``case`` (:func:`stored_stability_table`, parsed by
    :func:`read_stability`), or None when there are none."""
    table = stored_stability_table(case)
    return None if table is None else read_stability(table)


def is_current(stored: dict[str, pd.DataFrame], graph: EntityGraph) -> bool:
    """Whether ``stored`` was computed on this graph: the same entity and link counts and
    every followed actor still an entity (a re-run of resolve or analyze changes them)."""
    run = stored["run"]
    if run.empty or "entities" not in run:
        return False
    row = run.iloc[0]
    links = graph.view(weighted=False).ecount()
    if int(row["entities"]) != len(graph) or int(row["links"]) != links:
        return False
    ids = set(graph.entity_ids.astype(str))
    return set(stored["actors"]["entity_id"].astype(str)) <= ids
