"""Network measures over the entity graph, and ``analyze``, the stage that writes them.

Every measure is a function named after its networkx equivalent that takes an
EntityGraph (or an igraph view of it) and returns a DataFrame indexed by ``entity_id``.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import time
import warnings
from typing import Any

import numpy as np
import pandas as pd

from linkgraph._config_base import config_to_dict
from linkgraph._user_warnings import user_stacklevel
from linkgraph.errors import CaseWarning
from linkgraph.graph import EntityGraph, build_graph, project
from linkgraph.graph_cache import case_graph, warn_if_unresolved
from linkgraph.metrics._common import (
    canonical_view_of,
    entity_index,
    inverse_weight_lengths,
    paused_gc,
    round_significant,
    seeded_igraph,
)
from linkgraph.metrics.brokers import (
    ROLES,
    bridging_centrality,
    brokerage_roles,
    constraint,
    effective_size,
    participation_coefficient,
)
from linkgraph.metrics.centrality import (
    MIN_BUDGET_SAMPLES,
    _sampled_distances,
    betweenness_centrality,
    closeness_centrality,
    connected_components,
    core_number,
    degree_centrality,
    eigenvector_centrality,
    harmonic_centrality,
    pagerank,
    ranked_betweenness,
    strength,
)
from linkgraph.metrics.communities import (
    auto_resolution,
    community_summary,
    leiden_communities,
    louvain_communities,
)
from linkgraph.metrics.config import AnalyzeConfig
from linkgraph.metrics.key_players import (
    STRATEGIES,
    case_disruption,
    disruption,
    fragmentation,
    global_efficiency,
    key_player_set,
)
from linkgraph.metrics.network import (
    clustering,
    directed_degrees,
    graph_statistics,
    hits,
    jsonable,
    katz_centrality,
    null_model,
    statistics_basis,
)
from linkgraph.metrics.paths import (
    common_neighbors,
    ego_graph,
    find_entity,
    shortest_paths,
    time_respecting_path,
)
from linkgraph.metrics.projection import project_contacts
from linkgraph.metrics.temporal import (
    measures_by_period,
    periods,
    rising_and_falling,
    time_window,
    window_end,
    window_links,
    window_said,
    window_start,
    windowed,
)
from linkgraph.model import Case
from linkgraph.progress import Progress, or_null

__all__ = [
    "ROLES",
    "STRATEGIES",
    "AnalyzeConfig",
    "analyze",
    "analyze_graph",
    "auto_resolution",
    "betweenness_centrality",
    "bridging_centrality",
    "brokerage_roles",
    "case_disruption",
    "closeness_centrality",
    "clustering",
    "common_neighbors",
    "community_summary",
    "connected_components",
    "constraint",
    "core_number",
    "degree_centrality",
    "directed_degrees",
    "disruption",
    "effective_size",
    "ego_graph",
    "eigenvector_centrality",
    "find_entity",
    "fragmentation",
    "global_efficiency",
    "graph_statistics",
    "harmonic_centrality",
    "hits",
    "katz_centrality",
    "key_player_set",
    "leiden_communities",
    "louvain_communities",
    "measures_by_period",
    "null_model",
    "pagerank",
    "participation_coefficient",
    "periods",
    "project",
    "project_contacts",
    "rising_and_falling",
    "shortest_paths",
    "strength",
    "time_respecting_path",
    "time_window",
    "window_end",
    "window_links",
    "window_said",
    "window_start",
    "windowed",
]

log = logging.getLogger(__name__)


def analyze(
    case: Case, config: AnalyzeConfig | None = None, *, progress: Progress | None = None
) -> Case:
    """Compute the measures of every entity and add them as the ``metrics`` table.

    The graph is the case's entity graph (``build_graph``), or its one-mode projection
    when ``config.project_onto`` is set (then only entities of that type get a row), in
    the view the config asks for. Every other table is passed through; the manifest
    records the config, the seed and which algorithm ran for each measure (exact or
    sampled, with the sample size and error estimate).

    Returns:
        A new Case whose ``metrics`` has one row per entity: ``entity_id``, ``label``,
        ``type``, the measures named after their networkx functions, ``component``
        and ``community``.
    """
    with paused_gc():  # see paused_gc: a fifth of the time at 1M entities
        return _analyze(case, AnalyzeConfig() if config is None else config, progress)


def _analyze(case: Case, config: AnalyzeConfig, progress: Progress | None) -> Case:
    windowed = config.since is not None or config.until is not None
    window: dict[str, Any] = {}
    if windowed:  # only the contacts inside the window
        warn_if_unresolved(case)
        graph, window = _window_graph(case, config)
        if graph.edges.empty:
            warnings.warn(
                f"no link falls between {config.since or 'the start'} and"
                f" {config.until or 'the end'}: the metrics of the window are empty (check"
                " --since/--until against the case's times)",
                CaseWarning,
                stacklevel=user_stacklevel(),
            )
    else:
        graph = case_graph(case)  # built once per case (render and report reuse it)
    if config.project_onto is not None:
        graph = project_contacts(graph, onto=config.project_onto, via=config.project_via)
    if windowed:
        # The window's network: the entities with a contact inside it.
        active = pd.Index(graph.edges["src"]).union(pd.Index(graph.edges["dst"]))
        graph = graph.subgraph(list(active))
    metrics = analyze_graph(graph, config, progress=progress)
    algorithms = metrics.attrs.get("algorithms", {})
    seconds = metrics.attrs.get("seconds", {})
    cpu = dict(metrics.attrs.get("cpu_seconds", {}))
    null = metrics.attrs.get("null_model")
    extra: dict[str, Any] = {"graph_statistics": jsonable(metrics.attrs["graph_statistics"]),
                             "graph_statistics_basis": statistics_basis(
                                 directed=config.directed, distance=config.distance,
                                 summed=config.weighted and graph.tie_count
                                 < len(graph.edges) - graph.loop_count),
                             "distance": metrics.attrs.get("distance", {})}  # fmt: skip
    if null is not None:
        extra["null_model"] = {
            **{k: v for k, v in null.attrs.items() if _jsonable(v)},
            "statistics": {s: jsonable(row) for s, row in null.to_dict("index").items()},
        }
    start_cpu = time.process_time()
    protected = _protected(case, graph)
    summaries = _summary_tables(graph, metrics, protected)
    metrics.attrs = {}
    metrics["label"] = _stored_labels(case, metrics, protected)
    cpu["summaries_and_labels"] = round(time.process_time() - start_cpu, 3)
    out = case.with_tables(metrics=metrics.reset_index(), **summaries).with_step(
        "analyze",
        config_to_dict(config),
        entities=len(graph),
        edges=len(graph.edges),
        loops=graph.loop_count,  # no tie: the measures' simple graph leaves them out
        algorithms=algorithms,
        seconds=seconds,
        cpu_seconds=cpu,
        **({"window": window} if window else {}),
        **extra,
    )
    out.manifest["seeds"]["analyze"] = config.seed
    return out


def _window_graph(case: Case, config: AnalyzeConfig) -> tuple[EntityGraph, dict[str, Any]]:
    """The graph of the links in the config's time window, and the manifest's record of
    the window: its bounds as applied (a date without a time includes that whole day) and
    what it left out for lack of dates (``temporal.WindowGaps``)."""
    links, gaps = windowed(case, config.since, config.until)
    window: dict[str, Any] = {
        "since": config.since,
        "until": config.until,
        "from": None if config.since is None else window_start(config.since).isoformat(),
        "to": None if config.until is None else window_end(config.until).isoformat(),
        **gaps.as_dict(),
        "note": gaps.note(),
    }
    window["said"] = window_said(window)
    return build_graph(links), window


def _protected(case: Case, graph: EntityGraph) -> list[str]:
    """The entity ids outputs must not name: victims, and the identifiers they hold or
    use, in the case's whole graph or in the graph analysed."""
    from linkgraph.privacy import protected_in

    return graph.entity_ids[protected_in(graph, case)].astype(str).tolist()


def _stored_labels(case: Case, metrics: pd.DataFrame, protected: list[str]) -> pd.Series:
    """The ``label`` column ``metrics.parquet`` stores: the ``protected`` entities (see
    :func:`_protected`) by their keyed pseudonym, so that the derived table names no
    victim (``--show-victims`` and ``show_victims=True`` read names from the entity graph
    instead)."""
    from linkgraph.privacy import protected_labels

    mask = metrics.index.astype(str).isin(protected)
    return protected_labels(metrics, mask, case.pseudonym_key).astype("string")


def _summary_tables(
    graph: EntityGraph, metrics: pd.DataFrame, protected: list[str]
) -> dict[str, pd.DataFrame]:
    """The key-player curve (the ``protected`` victims and identifiers they hold are never
    removed) and the community table that reports read (see summaries)."""
    from linkgraph.metrics.summaries import community_table, key_player_table

    return {
        "key_players": key_player_table(graph, exclude=protected),
        "communities": community_table(graph, metrics),
    }


def _check_weights(graph: EntityGraph, config: AnalyzeConfig) -> None:
    """Refuse negative or non-finite link weights when weights are used: strengths,
    PageRank and communities need weights >= 0 (signed networks are not supported)."""
    from linkgraph.metrics._common import refuse_negative_weights

    if config.weighted:
        refuse_negative_weights(
            graph,
            missing_ok=False,
            hint="fix the weights in the source file and ingest it again (an edge list's"
            " negative weight is a weight_invalid reject), or analyse without them:"
            " linkgraph analyze CASE --unweighted",
        )


def analyze_graph(
    graph: EntityGraph, config: AnalyzeConfig | None = None, *, progress: Progress | None = None
) -> pd.DataFrame:
    """The metrics table of an entity graph (what ``analyze`` stores), without a Case.

    Distance-based measures (betweenness, closeness, harmonic) count hops, as networkx
    does by default, and are sampled above their size cutoffs with a sample size fixed by the
    seed and the config, never by the clock (sampled closeness and harmonic share their
    sources; the time is under closeness). The same graph and config give the same table.
    ``config.weighted`` makes link weights act as strengths in strength, PageRank, HITS
    (hub, authority) and Leiden; eigenvector, Katz, clustering, constraint, effective
    size and core number count each tie 1, as networkx does with ``weight=None``
    (docs/concepts.md has the table of every measure's convention).

    Returns:
        DataFrame indexed by ``entity_id`` with ``label``, ``type``, ``degree``,
        ``strength``, ``degree_centrality``, ``betweenness_centrality``,
        ``betweenness_stderr`` (standard error when sampled, NaN when exact),
        ``closeness_centrality``, ``harmonic_centrality``, ``eigenvector_centrality``,
        ``pagerank``, ``core_number``, ``constraint``, ``effective_size``, ``component``
        and ``community``. ``attrs["algorithms"]`` names the algorithm of each measure,
        ``attrs["seconds"]`` its run time, ``attrs["cpu_seconds"]`` its CPU time.
    """
    config = AnalyzeConfig() if config is None else config
    # igraph's iterative solvers (PRPACK for PageRank, ARPACK for HITS) start from random
    # vectors: drawn from the seed, the same case gives the same bytes run after run.
    with seeded_igraph(config.seed):
        return _analyze_graph(graph, config, or_null(progress))


def _analyze_graph(graph: EntityGraph, config: AnalyzeConfig, progress: Progress) -> pd.DataFrame:
    seconds: dict[str, float] = {}
    cpu: dict[str, float] = {}  # CPU seconds (user + system) of this process, per step
    algorithms: dict[str, Any] = {}
    parts: list[pd.DataFrame] = []

    def record(name: str, frame: pd.DataFrame, took: float, cpu_took: float) -> None:
        seconds[name], cpu[name] = round(took, 3), round(cpu_took, 3)
        algorithms[name] = {k: v for k, v in frame.attrs.items() if _jsonable(v)}
        parts.append(frame)

    def run(name: str, func: Any, *args: Any, **kwargs: Any) -> pd.DataFrame:
        start, start_cpu = time.perf_counter(), time.process_time()
        frame: pd.DataFrame = func(*args, **kwargs)
        record(name, frame, time.perf_counter() - start, time.process_time() - start_cpu)
        return frame

    start, start_cpu = time.perf_counter(), time.process_time()
    # Canonical vertex and edge order: results must not depend on file names (ids).
    _check_weights(graph, config)
    g = canonical_view_of(graph, directed=config.directed, weighted=config.weighted)
    seconds["view"] = round(time.perf_counter() - start, 3)
    cpu["view"] = round(time.process_time() - start_cpu, 3)
    n = g.vcount()
    progress.start("analyze", None)
    run("component", connected_components, g)
    run("degree_centrality", degree_centrality, g)
    degree = pd.DataFrame(
        {"degree": np.asarray(g.degree(mode="all"), dtype=float)}, index=parts[-1].index
    )
    parts.append(degree)
    run("strength", strength, g)
    if config.directed:
        run("in_out_degree", directed_degrees, g)
    length: str | None = None
    distance_said: dict[str, Any] = {"distance": config.distance}
    if config.distance == "inverse_weight":
        lengths, replaced, floor = inverse_weight_lengths(g.es["weight"])
        g.es["distance"] = lengths.tolist()
        length = "distance"
        distance_said |= {"links_without_positive_weight": replaced, "counted_as_weight": floor}
    # The distance measures (a third of the time at 1M entities) in a second process
    # when there is a second core: their columns go where they would have gone.
    slot = len(parts)
    distances = _DistanceMeasures(g, config, length, n)
    distance_job = distances.start() if _workers(config, n) > 1 else None
    if distance_job is None:
        for name, frame, took, cpu_took in distances.compute(progress):
            record(name, frame, took, cpu_took)
    run("eigenvector_centrality", _eigenvector_or_nan, g)
    run("pagerank", pagerank, g)
    run("katz_centrality", katz_centrality, g)
    run("hits", hits, g)
    run("clustering", clustering, g)
    run("core_number", core_number, g)
    run(
        "community",
        leiden_communities,
        g,
        resolution=(
            config.resolution
            if config.resolution is not None
            else (auto_resolution(g) if config.objective == "modularity" else 1.0)
        ),
        objective=config.objective,
        n_iterations=config.leiden_iterations,
        seed=config.seed,
        refine=config.refine_communities,
        refine_iterations=config.refine_iterations,
    )
    communities = parts[-1]["community"]
    run("participation_coefficient", participation_coefficient, g, communities)
    if n <= config.brokerage_max_nodes:
        run("constraint", constraint, g)
        run("effective_size", effective_size, g)
        groups, grouped_by = _brokerage_groups(graph, communities, config.brokerage_by)
        run("brokerage", brokerage_roles, g, groups)
        algorithms["brokerage"]["groups"] = grouped_by
    else:
        for name in ("constraint", "effective_size"):
            run(name, _skipped, g, name, f"skipped: more than {config.brokerage_max_nodes:,}")
    if distance_job is not None:
        done = len(parts)
        for name, frame, took, cpu_took in distances.join(distance_job, progress):
            record(name, frame, took, cpu_took)
        distance_parts = parts[done:]
        del parts[done:]
        parts[slot:slot] = distance_parts
    progress.finish()
    out = pd.concat(parts, axis=1).reindex(graph.nodes.index)
    for col in out.columns:
        if out[col].dtype.kind == "f":
            out[col] = round_significant(out[col].to_numpy())
    out.insert(0, "type", graph.nodes["type"].astype("string").to_numpy())
    out.insert(0, "label", graph.nodes["label"].astype("string").to_numpy())
    out["component"] = out["component"].astype("int64")
    for col in ("community", "communities_reached", *ROLES, "brokerage"):
        if col in out.columns:
            out[col] = out[col].astype("int64")
    start, start_cpu = time.perf_counter(), time.process_time()
    # The whole-network statistics are of the graph the table is of (the same direction
    # and distances); the betweenness just computed serves the centralisation (computing
    # it again exactly would not scale).
    btw = (
        out["betweenness_centrality"].reindex(entity_index(g)).to_numpy(dtype=float)
        if "betweenness_centrality" in out.columns
        else None
    )
    stats = graph_statistics(g, betweenness=btw, length=length)
    seconds["graph_statistics"] = round(time.perf_counter() - start, 3)
    cpu["graph_statistics"] = round(time.process_time() - start_cpu, 3)
    null = None
    if config.null_model_samples > 0:
        start, start_cpu = time.perf_counter(), time.process_time()
        null = null_model(g, samples=config.null_model_samples, seed=config.seed)
        seconds["null_model"] = round(time.perf_counter() - start, 3)
        cpu["null_model"] = round(time.process_time() - start_cpu, 3)
    out.attrs = {"algorithms": algorithms, "seconds": seconds, "cpu_seconds": cpu,
                 "graph_statistics": stats, "null_model": null,
                 "distance": distance_said}  # fmt: skip
    log.info("analyze: %d entities, %s", n, seconds)
    return out


def _workers(config: AnalyzeConfig, n: int) -> int:
    """Processes for analyze (see ``AnalyzeConfig.workers``)."""
    if config.workers is not None:
        return max(1, int(config.workers))
    if n < config.parallel_min_nodes or "fork" not in mp.get_all_start_methods():
        return 1
    return 2 if len(os.sched_getaffinity(0)) >= 2 else 1


class _DistanceMeasures:
    """Betweenness, closeness and harmonic centrality of the canonical view ``g``: in
    this process (:meth:`compute`) or in a forked one (:meth:`start`, :meth:`join`).
    A forked child shares the graph copy-on-write and sends back only the columns."""

    def __init__(self, g: Any, config: AnalyzeConfig, length: str | None, n: int) -> None:
        self.g, self.config, self.length, self.n = g, config, length, n

    def compute(self, progress: Progress) -> list[tuple[str, pd.DataFrame, float, float]]:
        """(step name, columns, wall seconds, CPU seconds) of each distance measure."""
        g, config, length = self.g, self.config, self.length
        out = []
        start, start_cpu = time.perf_counter(), time.process_time()
        frame = ranked_betweenness(
            g,
            weight=length,
            top=config.betweenness_top,
            agreement=config.betweenness_agreement,
            min_sources=config.betweenness_samples,
            max_work=config.betweenness_max_work,
            large_nodes=config.betweenness_large_nodes,
            large_samples=config.betweenness_large_samples,
            exact_max_nodes=config.exact_betweenness_max_nodes,
            exact_max_work=config.exact_betweenness_max_work,
            seed=config.seed,
            progress=progress,
        )
        out.append(("betweenness_centrality", frame, *_since(start, start_cpu)))
        if self.n <= config.exact_closeness_max_nodes:
            for name, func in (("closeness_centrality", closeness_centrality),
                               ("harmonic_centrality", harmonic_centrality)):  # fmt: skip
                start, start_cpu = time.perf_counter(), time.process_time()
                frame = func(g, distance=length, exact_max_nodes=None)
                out.append((name, frame, *_since(start, start_cpu)))
        else:
            # All-pairs distances are out of reach at this size; both measures come from
            # one set of sampled breadth-first searches, timed under closeness.
            start, start_cpu = time.perf_counter(), time.process_time()
            both = _sampled_distances(
                g, closeness_sources(self.n, g.ecount(), config), distance=length,
                wf_improved=True, seed=config.seed, budget_seconds=None, progress=progress,
            )  # fmt: skip
            took, cpu_took = _since(start, start_cpu)
            out.append(("closeness_centrality", both["closeness_centrality"].iloc[:, :1],
                        took, cpu_took))  # fmt: skip
            out.append(("harmonic_centrality", both["harmonic_centrality"].iloc[:, :1],
                        0.0, 0.0))  # fmt: skip
        return out

    def start(self) -> tuple[Any, Any] | None:
        """Fork a process computing :meth:`compute`; None when fork fails."""
        ctx = mp.get_context("fork")
        receive, send = ctx.Pipe(duplex=False)
        try:
            proc = ctx.Process(target=self._child, args=(send,), daemon=True)
            proc.start()
        except OSError:
            return None
        send.close()
        return proc, receive

    def _child(self, send: Any) -> None:
        try:
            with seeded_igraph(self.config.seed):
                result: Any = ("ok", self.compute(or_null(None)))
        except BaseException as exc:
            result = ("error", f"{type(exc).__name__}: {exc}")
        send.send(result)
        send.close()

    def join(
        self, job: tuple[Any, Any], progress: Progress
    ) -> list[tuple[str, pd.DataFrame, float, float]]:
        """The forked process's results; computed here when it died without any."""
        proc, receive = job
        try:
            status, result = receive.recv()
        except (EOFError, OSError):
            status, result = "lost", None
        finally:
            receive.close()
            proc.join()
        if status == "ok":
            return result
        if status == "error":
            raise RuntimeError(f"analyze: the distance measures failed: {result}")
        log.warning("analyze: the distance-measure process ended without results "
                    "(exit code %s); computing them here", proc.exitcode)  # fmt: skip
        return self.compute(progress)


def _since(start: float, start_cpu: float) -> tuple[float, float]:
    """Wall and CPU seconds since ``start`` / ``start_cpu``."""
    return time.perf_counter() - start, time.process_time() - start_cpu


def closeness_sources(n: int, m: int, config: AnalyzeConfig) -> int:
    """Sources sampled for closeness and harmonic centrality of a graph of ``n`` entities
    and ``m`` links: ``closeness_samples``, at most ``closeness_max_work / (n + m)`` (one
    breadth-first search costs about n + m), at least 16. The seed and the configuration
    fix the sample; the clock never does, so a loaded machine gives the same figures.

    Examples:
        >>> closeness_sources(1_000_000, 4_000_000, AnalyzeConfig())
        50
        >>> closeness_sources(100_000, 400_000, AnalyzeConfig())
        256
    """
    by_work = int(config.closeness_max_work // max(n + m, 1))
    return min(n, config.closeness_samples, max(MIN_BUDGET_SAMPLES, by_work))


def _brokerage_groups(graph: EntityGraph, communities: pd.Series, by: str) -> tuple[pd.Series, str]:
    """The groups brokerage roles are counted over, and what they are.

    Grouping by country needs countries: when fewer than two entities have one (network
    files have none), the roles would all be zero, so communities are used instead and
    the manifest says so.
    """
    if by == "community":
        return communities, "community"
    country = graph.nodes["country"].astype("string").replace("", pd.NA)
    if int(country.notna().sum()) < 2:
        log.info("brokerage: fewer than two entities with a country; grouped by community")
        return communities, "community (no countries in the data)"
    return country, "country"


def _eigenvector_or_nan(g: Any) -> pd.DataFrame:
    """Eigenvector centrality; NaN (and a logged warning) when it does not converge."""
    try:
        return eigenvector_centrality(g, max_iter=1000)
    except Exception as exc:  # networkx's PowerIterationFailedConvergence (not imported)
        if type(exc).__name__ != "PowerIterationFailedConvergence":
            raise
        log.warning("eigenvector centrality did not converge in 1000 iterations")
        from linkgraph.metrics._common import result

        frame = result(g, np.full(g.vcount(), np.nan), "eigenvector_centrality",
                       algorithm="power_iteration", converged=False)  # fmt: skip
        return frame


def _skipped(g: Any, name: str, reason: str) -> pd.DataFrame:
    from linkgraph.metrics._common import result

    return result(g, np.full(g.vcount(), np.nan), name, algorithm=reason)


def _jsonable(value: Any) -> bool:
    return isinstance(value, str | int | float | bool) or value is None
