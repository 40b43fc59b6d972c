"""AnalyzeConfig: which measures the analyze stage computes, and how."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from linkgraph._config_base import (
    AT_LEAST_0,
    AT_LEAST_1,
    PROBABILITY,
    Limit,
    OneOf,
    check_limits,
    problems_error,
)

#: Leiden passes: at least one, or -1 to run until the partition is stable.
_PASSES = Limit(1, also=((-1, "until stable"),))


@dataclass(frozen=True, slots=True, kw_only=True)
class AnalyzeConfig:
    """Options of ``linkgraph analyze``. Mirrors the ``analyze:`` section of a pipeline YAML."""

    directed: bool = False  # analyse the directed view (calls, payments keep direction)
    weighted: bool = True  # link weights as strengths (strength, PageRank, HITS, Leiden)
    # Leiden resolution (modularity γ, or CPM density). 1.0 by default. None (null in
    # YAML) picks γ = max(1, n² / (100 m)) for modularity (on the sample case that splits
    # the planted cells: ARI 0.82 -> 0.26; refine_communities is the default answer to
    # the resolution limit instead).
    resolution: float | None = 1.0
    # With modularity: split each community again on its own and keep a split only when
    # it is more modular than on random graphs with the community's degrees (z >= 3).
    # γ = 1 alone merges 20-person groups above a few thousand entities (the resolution
    # limit); sparse cells (people, phones, accounts) stay whole. See refine_communities.
    refine_communities: bool = True
    # Leiden passes on each community and on each random twin when refining. One pass:
    # 1M entities / 4M links in cells of 100, 17 instead of 25 CPU-s, ARI 0.9988 against
    # two passes' communities (0.9815 against the planted cells, two passes 0.9825);
    # planted 20-person groups ARI 1.000 / 0.9996 / 0.9998 at 1k / 10k / 100k (two
    # passes: 1.000 / 0.9996 / 0.9999).
    refine_iterations: int = 1
    objective: Literal["modularity", "CPM"] = "modularity"  # Leiden quality function
    leiden_iterations: int = 2  # Leiden passes; -1 runs until stable
    # Betweenness is computed component by component (it only counts pairs joined by a
    # path): exact on the whole graph while entities <= exact_betweenness_max_nodes and
    # entities x (entities + links) <= exact_betweenness_max_work (about 8 CPU-s for 5e8);
    # else exact on the components within those limits, smallest first while their summed
    # work stays within the work limit (1M-person case: the 119,220 components besides
    # the largest, 1.1M entities, 1.6e8, about 13 CPU-s; 100k: every component), and
    # sampled on the others: sources drawn in each in proportion to its size (at least 2),
    # in doubling rounds from betweenness_samples until the top betweenness_top of two
    # half-samples agree on betweenness_agreement of their members, or
    # betweenness_max_work / (entities + links of the sampled components) sources are used
    # (at least 64). When the sampled components hold more than betweenness_large_nodes
    # entities, a fixed betweenness_large_samples sources instead (1M-person case: 128 in
    # its 1.4M-entity largest component, about 0.4 CPU-s each): each estimate is unbiased
    # with its standard error (0 where exact); `python benchmarks/bench_analyze.py
    # --betweenness-error N` measures the ranking against exact betweenness. Seed and
    # these settings fix the sample; the clock never does.
    exact_betweenness_max_nodes: int = 20_000
    exact_betweenness_max_work: float = 6e8
    betweenness_samples: int = 256
    betweenness_max_work: float = 1e9
    betweenness_large_nodes: int = 500_000
    betweenness_large_samples: int = 128
    betweenness_top: int = 50
    betweenness_agreement: float = 0.8
    betweenness_budget_seconds: float | None = None  # no longer used (sample from the config)
    exact_closeness_max_nodes: int = 5_000  # above: sampled closeness and harmonic centrality
    closeness_samples: int = 256  # sampled sources above that cutoff, at most (~0.2 s each at 1M)
    # ... and at most closeness_max_work / (entities + links) of them (at least 16): 50 at
    # 1M entities and 4M links. Seed and these settings fix the sample; the clock never
    # does. The sources used and the error estimate go into the manifest.
    closeness_max_work: float = 2.5e8
    closeness_budget_seconds: float | None = None  # no longer used (sample from the config)
    brokerage_max_nodes: int = 200_000  # constraint, effective size, roles up to this size
    brokerage_by: Literal["country", "community"] = "country"  # groups for brokerage roles
    # Analyse the one-mode projection onto this entity type (e.g. "person": people linked
    # by shared phones, addresses, ...) instead of the entity graph; None keeps the graph.
    project_onto: str | None = None
    project_via: tuple[str, ...] = ("phone", "address", "account", "ad", "event")
    seed: int = 0
    # Processes: with 2, the distance measures (betweenness, closeness, harmonic) run in a
    # forked second process while this one computes the rest (same values: each measure
    # has its own seeded sample). None: 2 from parallel_min_nodes entities up when the
    # machine has two cores and fork (Linux, macOS), else 1. 1M entities / 4M links on 2
    # cores: about 30 s less wall time, the same CPU time.
    workers: int | None = None
    parallel_min_nodes: int = 50_000
    # Distances for betweenness, closeness and harmonic centrality: "hops" (networkx's
    # default) or "inverse_weight" (1 / weight: frequent contact = close).
    distance: Literal["hops", "inverse_weight"] = "hops"
    # Degree-preserving rewired networks to compare the headline statistics with (0: off).
    null_model_samples: int = 0
    # Time window (inclusive ISO dates/times): only links whose own time lies inside count,
    # and only entities with such a link are analysed. None: no bound on that side. A date
    # without a time includes that whole day (until: 2024-03-31 ends at 23:59:59); a
    # date-time is taken as given. Undated holdings (a person's phone, account, ...) count
    # when what they hold has a link in the window; other undated links are left out.
    since: str | None = None
    until: str | None = None

    #: What each setting may be (checked on load, and when built in Python).
    CHECKS: ClassVar[dict[str, Any]] = {
        "resolution": Limit(0, open_lo=True),
        "refine_iterations": _PASSES,
        "leiden_iterations": _PASSES,
        "exact_betweenness_max_nodes": AT_LEAST_0,
        "exact_betweenness_max_work": AT_LEAST_0,
        "betweenness_samples": AT_LEAST_1,
        "betweenness_max_work": AT_LEAST_0,
        "betweenness_large_nodes": AT_LEAST_0,
        "betweenness_large_samples": AT_LEAST_1,
        "betweenness_top": AT_LEAST_1,
        "betweenness_agreement": PROBABILITY,
        "betweenness_budget_seconds": AT_LEAST_0,
        "exact_closeness_max_nodes": AT_LEAST_0,
        "closeness_samples": AT_LEAST_1,
        "closeness_max_work": AT_LEAST_0,
        "closeness_budget_seconds": AT_LEAST_0,
        "brokerage_max_nodes": AT_LEAST_0,
        "project_onto": OneOf(lambda: _entity_types()),
        "project_via": OneOf(lambda: _entity_types()),
        "seed": AT_LEAST_0,
        "workers": AT_LEAST_1,
        "parallel_min_nodes": AT_LEAST_0,
        "null_model_samples": AT_LEAST_0,
        "since": lambda v: _date_problems(v, "since"),
        "until": lambda v: _date_problems(v, "until"),
    }

    #: Keys kept so that older configs still load; they change nothing, are left out of
    #: `linkgraph config --defaults` and warned of when set.
    RETIRED: ClassVar[dict[str, str]] = {
        "betweenness_budget_seconds": "betweenness_samples and betweenness_max_work",
        "closeness_budget_seconds": "closeness_samples and closeness_max_work",
    }

    def __post_init__(self) -> None:
        self._read_distance()
        check_limits(self)
        self._check_window()
        self._warn_retired()

    def _read_distance(self) -> None:
        """``distance`` in either spelling, the CLI's ``inverse-weight`` or
        ``inverse_weight``; another value is an error (not hops in silence)."""
        given = self.distance
        choices = ("hops", "inverse_weight")
        if isinstance(given, str) and given.replace("-", "_") in choices:
            object.__setattr__(self, "distance", given.replace("-", "_"))
            return
        raise problems_error(
            [f"AnalyzeConfig.distance: {given!r} is not allowed (choices: hops, inverse-weight)"]
        )

    def _check_window(self) -> None:
        """A window whose start falls after its end selects nothing: an error, not an
        empty table in place of the case's metrics."""
        if self.since is None or self.until is None:
            return
        from linkgraph.metrics.temporal import window_end, window_start

        try:
            start, end = window_start(self.since), window_end(self.until)
        except (ValueError, TypeError, OverflowError):
            return  # check_limits has said what is wrong with the date
        if start > end:
            raise problems_error(
                [
                    f"AnalyzeConfig.since ({self.since}) falls after until ({self.until}):"
                    " the window would hold no link; swap the two dates"
                ]
            )

    def _warn_retired(self) -> None:
        """Warn of each retired key set: it changes nothing."""
        import warnings

        from linkgraph._user_warnings import user_stacklevel
        from linkgraph.errors import LinkgraphWarning

        for key, instead in self.RETIRED.items():
            if getattr(self, key) is not None:
                warnings.warn(
                    f"analyze.{key} is no longer used and changes nothing: the sample is "
                    f"set by {instead} (the clock never sets it); remove it from the config",
                    LinkgraphWarning,
                    stacklevel=user_stacklevel(),
                )


def _date_problems(value: object, side: str) -> list[str]:
    """The problem with a window bound of the YAML config, if it is no date."""
    if value is None:
        return []
    from linkgraph.metrics.temporal import window_end, window_start

    try:
        (window_start if side == "since" else window_end)(value)  # type: ignore[arg-type]
    except (ValueError, TypeError, OverflowError):
        return [f"{value!r} is not a date; write it as YYYY-MM-DD (or an ISO date-time)"]
    return []


def _entity_types() -> list[str]:
    from linkgraph.schema import ENTITY_TYPES

    return list(ENTITY_TYPES)
