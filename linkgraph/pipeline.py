"""The whole pipeline (ingest → resolve → analyze → render) driven by one PipelineConfig."""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from linkgraph._config_base import problems_error
from linkgraph.config import PipelineConfig, ingest_source, load_config, source_problems
from linkgraph.errors import CaseError, ConfigError, run_stage_hint
from linkgraph.graph import EntityGraph
from linkgraph.graph_cache import case_graph
from linkgraph.model import Case, stored_decisions
from linkgraph.privacy import is_victim, pseudonym, read_key
from linkgraph.progress import Progress, or_null
from linkgraph.ranking import TIE_BREAK, no_ranking_said, rank_by, ranks_no_one

#: Entity types that count as actors in summaries (people and organisations, not phones).
ACTOR_TYPES = ("person", "organisation")


@dataclass
class PipelineResult:
    """What a pipeline run produced: the analysed case, its graph, and where files went."""

    case: Case
    graph: EntityGraph
    case_dir: Path
    map_path: Path
    report_path: Path | None = None
    seconds: dict[str, float] = field(default_factory=dict)

    def summary(self, *, top: int = 5) -> dict[str, object]:
        """Files read, mentions, entities, communities and the top actors by betweenness."""
        counts = self.case.summary()
        metrics = self.case.metrics
        communities = (
            int(metrics["community"].nunique())
            if metrics is not None and "community" in metrics
            else 0
        )
        return {
            "files": [i.get("name", i.get("path")) for i in self.case.manifest.get("inputs", [])],
            "mentions": counts["mentions"],
            "links": counts["links"],
            "rejects": counts["rejects"],
            "entities": counts["entities"],
            "communities": communities,
            "top_actors": top_actors(self.case, n=top),
            "seconds": dict(self.seconds),
        }


def top_actors(
    case: Case,
    *,
    by: str = "betweenness_centrality",
    n: int = 5,
    show_victims: bool = False,
    types: Collection[str] | None = ACTOR_TYPES,
    columns: Sequence[str] = (),
) -> pd.DataFrame:
    """The ``n`` entities of ``types`` (persons and organisations by default; None: every
    type) ranked highest by measure ``by``.

    Victims, and the identifiers they hold or use, are labelled by their pseudonym unless
    ``show_victims``. ``columns`` names further columns of the metrics table to give
    (``"all"`` among them: every one).

    Returns:
        DataFrame indexed by ``entity_id`` with ``label``, ``type``, ``by``, ``community``
        (when computed) and ``columns``. Equal values are ordered by degree (most ties
        first), then by entity id, so the order is stable. When ``by`` is the same for
        every entity listed (every betweenness 0: no one lies between two others), it
        ranks no one: the entities are ranked by ``degree`` instead (the column is
        added), or listed by entity id when their degrees are all the same too;
        ``attrs["ranked_by"]`` says which (``by``, ``"degree"`` or ``"entity_id"``) and
        ``attrs["note"]`` why (None when ``by`` ranked them).
    """
    if not show_victims:
        from linkgraph.redact import redact_case

        case = redact_case(case)  # a victim's name in an organisation's label
    metrics = case.metrics
    if metrics is None:
        raise CaseError("the case has no metrics yet", hint=run_stage_hint("analyze"))
    if by not in metrics.columns:
        from linkgraph._arguments import did_you_mean
        from linkgraph.errors import ArgumentTypeError, ArgumentValueError

        if not isinstance(by, str):
            raise ArgumentTypeError(
                f"top_actors(): by takes a measure's name (str), not {type(by).__name__}",
                key="by",
            )
        names = [c for c in metrics.columns if c not in ("entity_id", "label", "type")]
        raise ArgumentValueError(
            f"top_actors(): unknown measure {by!r} for by",
            key="by",
            hint=f"{did_you_mean(by, names, short={'_centrality'})}choose one of:"
            f" {', '.join(names)}",
        )
    cols = ["entity_id", "label", "type", by] + (["community"] if "community" in metrics else [])
    cols += [c for c in _metric_columns(metrics, columns) if c not in cols]
    rows = metrics["type"].isin(list(types)) if types is not None else slice(None)
    pool = metrics.loc[rows, cols]
    ranked_by, note = by, None
    if ranks_no_one(pool[by]):
        # A table of equal values in id order would read as a ranking: say so, and rank
        # by degree when it tells the entities apart, else list them by entity id.
        who = "entity" if types is None else " or ".join(sorted(types, key=_type_order))
        note = no_ranking_said(by, pool[by], who)
        degree = metrics.loc[rows, TIE_BREAK] if TIE_BREAK in metrics.columns else None
        if by != TIE_BREAK and degree is not None and not ranks_no_one(degree):
            ranked_by = TIE_BREAK
            if TIE_BREAK not in pool.columns:
                pool = pool.assign(**{TIE_BREAK: degree})
        else:
            ranked_by = "entity_id"
    # Equal values are ordered by degree (TIE_BREAK) whether or not the table shows it, as
    # the report orders them; the column is dropped again when it was not asked for.
    hidden = TIE_BREAK not in pool.columns and TIE_BREAK in metrics.columns
    if hidden:
        pool = pool.assign(**{TIE_BREAK: metrics.loc[rows, TIE_BREAK]})
    actors = rank_by(pool, ranked_by, ids="entity_id").head(n).set_index("entity_id")
    if hidden:
        actors = actors.drop(columns=TIE_BREAK)
    actors.attrs.update(ranked_by=ranked_by, note=note)
    if show_victims:
        # metrics.parquet stores victims by pseudonym: names come from the entity graph.
        names = case_graph(case).nodes["label"].astype("string")
        names.index = names.index.astype(str)
        real = names.reindex(actors.index.astype(str)).to_numpy()
        actors["label"] = actors["label"].where(pd.isna(real), real)
    else:
        # entity_of() maps each mention to itself before resolution: victims are hidden
        # in an unresolved case too (and in metrics written before they were stored so).
        roles = case.mentions[["mention_id", "role"]].assign(
            entity_id=case.entity_of().reindex(case.mentions["mention_id"]).to_numpy()
        )
        victims = set(roles.loc[roles["role"].map(is_victim), "entity_id"])
        hidden = actors.index.isin(list(victims))
        key = case.pseudonym_key
        actors.loc[hidden, "label"] = [pseudonym(i, key) for i in actors.index[hidden]]
    return actors


def _type_order(name: str) -> tuple[int, str]:
    """Persons, then organisations, then the other types by name (how lists name them)."""
    return (ACTOR_TYPES.index(name) if name in ACTOR_TYPES else len(ACTOR_TYPES), name)


def _metric_columns(metrics: pd.DataFrame, columns: Sequence[str]) -> list[str]:
    """The metrics columns ``columns`` names, in the table's order for ``"all"``; an
    unknown name is a ConfigError listing the known ones."""
    if "all" in columns:
        return [str(c) for c in metrics.columns]
    unknown = [c for c in columns if c not in metrics.columns]
    if unknown:
        known = ", ".join(str(c) for c in metrics.columns if c not in ("entity_id", "label"))
        raise ConfigError(f"unknown measure(s) {', '.join(map(repr, unknown))}",
                          key="columns", hint=f"choose from: {known}, or all")  # fmt: skip
    return list(columns)


@contextmanager
def _timed(seconds: dict[str, float], stage: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        seconds[stage] = round(time.perf_counter() - start, 3)


def _kept_from(folder: Path, case: Case) -> Case:
    """``case`` with what the analysts made in the case folder ``folder`` of an earlier
    run: their decisions (resolve honours them) and the victims' pseudonym key."""
    kept_key = read_key(folder)
    if kept_key is not None:
        case = dataclasses.replace(case, pseudonym_key=kept_key)
    decisions = stored_decisions(folder)
    if decisions is not None:
        case = case.with_tables(decisions=decisions)
    return case


def _check_outputs(out: Path, sources: Sequence[object]) -> None:
    """OutputError before any work when ``OUT/case/``, ``OUT/map.html`` or
    ``OUT/report.html`` would replace one of the ``sources`` being read."""
    from linkgraph._io import check_not_source

    paths = frozenset(
        Path(os.path.realpath(p)) for p in (getattr(s, "path", None) for s in sources) if p
    )
    check_not_source(out / "case", folder=True, sources=paths)
    for name in ("map.html", "report.html"):
        check_not_source(out / name, sources=paths)


def run_pipeline(
    config: PipelineConfig | str | os.PathLike[str],
    out_dir: str | Path | None = None,
    *,
    progress: Progress | None = None,
) -> PipelineResult:
    """Ingest every source, resolve, analyse, and write ``OUT/case/``, ``OUT/map.html`` and
    the briefing ``OUT/report.html``.

    Args:
        config: the pipeline config (sources and one section per stage), or the path of
            its YAML file (read with :func:`~linkgraph.config.load_config`).
        out_dir: where results go; defaults to ``config.out`` (relative to the config's folder).
        progress: receives progress of the long steps.

    Returns:
        The analysed case, its entity graph, the output paths and seconds per stage.
    """
    from linkgraph.ingest import ingest
    from linkgraph.metrics import analyze
    from linkgraph.render import render_map
    from linkgraph.render.report import render_report
    from linkgraph.resolve import resolve

    if isinstance(config, str | os.PathLike):
        config = load_config(config, check_files=True)
    if not isinstance(config, PipelineConfig):
        raise TypeError(
            f"run_pipeline() takes a PipelineConfig or a pipeline YAML path, not"
            f" {type(config).__name__}: run_pipeline('pipeline.yaml')"
        )
    if not config.sources:
        raise ConfigError(
            "no sources to read", key="sources", hint="list your files under `sources:`"
        )
    problems = source_problems(config)
    if problems:  # every source's, before anything is read
        raise problems_error([f"sources: {p}" for p in problems])
    out = Path(out_dir) if out_dir is not None else config.resolve_path(config.out)
    progress = or_null(progress)
    seconds: dict[str, float] = {}
    sources = [ingest_source(config, s) for s in config.sources]
    _check_outputs(out, sources)
    with _timed(seconds, "ingest"):
        case = ingest(sources, config.ingest, progress=progress)
    case = _kept_from(out / "case", case)
    case = case.with_step("pipeline", config.to_dict())
    with _timed(seconds, "resolve"):
        case = resolve(case, config.resolve, progress=progress)
    with _timed(seconds, "analyze"):
        case = analyze(case, config.analyze, progress=progress)
    with _timed(seconds, "write case"):
        progress.start("write case")
        case_dir = case.write(out / "case")
        progress.finish()
    with _timed(seconds, "render"):
        progress.start("render map")
        graph = case_graph(case, case_dir)
        map_path = render_map(
            graph, out / "map.html", metrics=case.metrics, case=case, config=config.render
        )
        progress.finish()
    with _timed(seconds, "report"):
        progress.start("write report")
        # The map is a file beside it: the report links it rather than embedding a copy.
        report_path = render_report(
            case,
            out / "report.html",
            config=config.render,
            include_map=False,
            graph=graph,
            map_file="map.html",
        )
        progress.finish()
    _record_named(config, case_dir, (map_path, report_path))
    return PipelineResult(
        case=case,
        graph=graph,
        case_dir=case_dir,
        map_path=map_path,
        report_path=report_path,
        seconds=seconds,
    )


def _record_named(config: PipelineConfig, case_dir: Path, outputs: tuple[Path, ...]) -> None:
    """Record ``outputs`` in the case's record of outputs that name victims
    (:mod:`linkgraph.named_outputs`) when the config's ``render.pseudonymize_victims:
    false`` named them, as ``--show-victims`` records a map or report."""
    from linkgraph.named_outputs import record_named_output
    from linkgraph.render.config import victims_named_by

    named_by = victims_named_by(config.render)
    if named_by is None:
        return
    for output in outputs:
        record_named_output(case_dir, f"run ({named_by})", output)


def sample_data_dir() -> Path:
    """The bundled sample case: inside the installed package, or beside it in a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "sample_data", here.parent / "sample_data"):
        if (candidate / "pipeline.yaml").is_file():
            return candidate
    raise ConfigError(
        "the bundled sample case was not found",
        hint="reinstall linkgraph, or generate one: linkgraph synth -o sample_data",
    )


def demo_config() -> PipelineConfig:
    """The pipeline config of the bundled sample case."""
    return load_config(sample_data_dir() / "pipeline.yaml")
