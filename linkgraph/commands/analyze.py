"""CLI commands: analyze, path, keyplayers, ego."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from linkgraph._counts import counted
from linkgraph.commands._common import (
    NamedChoice,
    case_argument,
    choices_said,
    cli_progress,
    config_option,
    emit_table,
    quiet_option,
    read_case,
    say,
    show_victims_option,
    step,
    table_format,
    table_options,
    window_options,
)
from linkgraph.schema import ENTITY_TYPES

if TYPE_CHECKING:
    import pandas as pd


@click.command()
@case_argument
@config_option("analyze")
@click.option(
    "--directed/--undirected",
    default=None,
    help="Keep the direction of calls and payments, or not (default: config).",
)
@click.option(
    "--unweighted",
    is_flag=True,
    help="Ignore link weights (every link counts 1) where they are used: strength, "
    "PageRank, hub/authority, communities, --distance inverse-weight (docs/concepts.md).",
)
@click.option(
    "--resolution",
    type=click.FloatRange(min=0, min_open=True),
    help="Leiden modularity resolution γ; larger gives more, smaller communities "
    "[default: 1, then refined, see --no-refine].",
)
@click.option(
    "--refine/--no-refine",
    default=None,
    help="Split each community again where its inner structure beats random graphs with "
    "the same degrees (z >= 3): finds small groups that γ = 1 merges in large networks "
    "(the resolution limit) [default: on].",
)
@click.option(
    "--project-onto",
    type=NamedChoice(ENTITY_TYPES, "TYPE"),
    help="Analyse entities of TYPE linked by shared phones, addresses, accounts, ads "
    "and events (the analyze.project_via types) instead of the whole graph. "
    + choices_said(ENTITY_TYPES),
)
@window_options("count; entities without one are left out")
@click.option(
    "--distance",
    type=click.Choice(["hops", "inverse-weight"]),
    help="Distances for betweenness and closeness: hops (default) or 1/weight "
    "(frequent contact = close; a link of weight 0 or none, e.g. an unanswered call, "
    "counts as the smallest positive weight, and the output says how many did).",
)
@click.option(
    "--null-model",
    "null_samples",
    type=click.IntRange(min=0),
    help="Compare clustering and assortativity with N degree-preserving rewired networks "
    "(p-values).",
)
@click.option("--seed", type=int, help="Random seed (recorded in the manifest).")
@click.option(
    "--top",
    type=click.IntRange(min=0),
    default=10,
    show_default=True,
    help="How many entities to list (a number above the count lists them all; 0: no table, "
    "the summary lines only).",
)
@click.option(
    "--type",
    "types",
    type=NamedChoice([*ENTITY_TYPES, "all"], "TYPE"),
    multiple=True,
    help="List entities of this type (repeat for several; all: every type) "
    "[default: person and organisation]. " + choices_said([*ENTITY_TYPES, "all"]),
)
@click.option(
    "--by",
    default="betweenness_centrality",
    show_default=True,
    help="Rank by this column of metrics.parquet (strength, pagerank, degree, ...; "
    "betweenness, closeness, eigenvector, katz, harmonic for their _centrality columns; "
    "in_degree, out_degree, in_strength, out_strength with --directed).",
)
@click.option(
    "--columns",
    help="Columns of metrics.parquet to list, comma-separated, or all "
    "[default: the --by measure, community, pagerank, degree_centrality].",
)
@show_victims_option
@table_options
@quiet_option
def analyze(case_dir: Path, config_path: Path | None, directed: bool | None, unweighted: bool,
            resolution: float | None, refine: bool | None, project_onto: str | None,
            since: str | None, until: str | None, distance: str | None, null_samples: int | None,
            seed: int | None, top: int, types: tuple[str, ...], by: str, columns: str | None,
            show_victims: bool, as_csv: bool, as_json: bool, quiet: bool) -> None:  # fmt: skip
    """Compute centrality and communities of every entity in CASE_DIR.

    Writes CASE_DIR/metrics.parquet: one row per entity, one column per measure named
    after its networkx function (degree_centrality, betweenness_centrality, pagerank,
    ...), and community. Prints the whole-network statistics, saying what graph and
    distances they are of, and the top persons and organisations by betweenness
    (--type, --by and --columns list other entities and measures; with --csv or --json
    for a script: --type all --columns all --top N gives the whole table). Victims, and
    the phones, accounts, ... victims hold or use, are labelled by pseudonym in the
    table and on the terminal (--show-victims prints names).

    \b
    Example:
        linkgraph analyze case/
        linkgraph analyze case/ --undirected --unweighted --resolution 2
        linkgraph analyze case/ --project-onto person
        linkgraph analyze case/ --since 1994-03-01 --until 1994-04-30
        linkgraph analyze case/ --directed --type account --by strength --top 20
        linkgraph analyze case/ --type all --columns all --top 1000000 --csv \\
            > metrics.csv
    """
    from linkgraph._process_memory import reuse_freed_memory
    from linkgraph.config import load_config
    from linkgraph.graph import edges_said
    from linkgraph.graph_cache import case_graph
    from linkgraph.metrics import analyze as run_analyze
    from linkgraph.metrics._common import one_arrow_thread, paused_gc
    from linkgraph.metrics.case_columns import read_for_analysis
    from linkgraph.metrics.measures import measure_column
    from linkgraph.pipeline import ACTOR_TYPES, top_actors
    from linkgraph.ranking import eigenvector_scope_said

    fmt = table_format(as_csv, as_json)
    config = load_config(config_path).analyze
    overrides = {"directed": directed, "resolution": resolution, "seed": seed,
                 "refine_communities": refine,
                 "project_onto": project_onto, "since": since, "until": until,
                 "distance": distance.replace("-", "_") if distance else None,
                 "null_model_samples": null_samples}  # fmt: skip
    if unweighted:
        overrides["weighted"] = False
    config = dataclasses.replace(config, **{k: v for k, v in overrides.items() if v is not None})
    # --by and --columns are checked before the analysis (minutes on a large case)
    by = measure_column(by, directed=config.directed)
    wanted = ["pagerank", "degree_centrality"] if columns is None else _named(columns)
    wanted = [_checked_column(c, config.directed) for c in wanted]
    reuse_freed_memory()  # this process only (see reuse_freed_memory)
    # reading, building and writing too (see paused_gc and one_arrow_thread)
    with paused_gc(), one_arrow_thread():
        # Only the columns the graph is built from (read whole, a million-person case
        # holds ~6 GB); the other tables are kept as they are when the case is written.
        case = read_for_analysis(case_dir)
        case_graph(case, case_dir)  # from the cache beside the case, or built and cached
        with cli_progress(quiet) as progress:
            analysed = run_analyze(case, config, progress=progress)
        analysed.write(case_dir)
    metrics = analysed.metrics
    assert metrics is not None
    step = analysed.manifest["steps"][-1]
    bc = step["algorithms"].get("betweenness_centrality", {})
    how = "exact"
    if bc.get("algorithm") == "sampled":
        how = (
            f"sampled from {bc.get('k'):,} of {len(metrics):,} sources (the top "
            f"{bc.get('top')} of two half-samples agree on {bc.get('top_agreement', 0):.0%}"
            f"{'' if bc.get('stable') else ', short of the target: ranks are uncertain'}; "
            f"median relative standard error of the top 50: "
            f"{bc.get('relative_stderr_top50', float('nan')):.0%})"
        )
    community = step["algorithms"].get("community", {})
    gamma = community.get("resolution")
    splits = community.get("refined_splits") or 0
    # Refinement splits communities Leiden merged (lowering modularity): said, with the way out.
    refined = (
        f"; refined: {counted(splits, 'community', 'communities')} split, --no-refine keeps"
        " Leiden's"
        if splits
        else ""
    )
    stats = step.get("graph_statistics", {})
    ties = stats.get("edges")
    say(
        f"{counted(len(metrics), 'entity', 'entities')}, "
        f"{edges_said(step['edges'], None if ties is None else int(ties), step.get('loops', 0))}, "
        f"{counted(metrics['community'].nunique(), 'community', 'communities')} "
        f"(resolution {gamma:.3g}{refined}); "
        f"betweenness {how}",
        fmt,
    )
    # top_actors labels victims, and what they hold, by pseudonym, as maps and reports do
    listed = None if "all" in types else (types or ACTOR_TYPES)
    actors = (
        None
        if top == 0
        else top_actors(
            analysed, by=by, n=top, show_victims=show_victims, types=listed, columns=wanted
        )
    )
    window = step.get("window")
    if window:
        say(window["said"], fmt)
    replaced = step.get("distance", {}).get("links_without_positive_weight")
    if replaced:
        say(distance_floor_said(replaced, step["distance"]["counted_as_weight"]), fmt)
    if stats:
        say(network_said(stats, step.get("graph_statistics_basis")), fmt)
    null = step.get("null_model")
    if null:
        say(f"Against {null['samples']} degree-preserving rewired networks:", fmt)
        import pandas as pd

        table = pd.DataFrame(null["statistics"]).T
        table.index.name = "statistic"
        if fmt == "text" and not quiet:
            emit_table(table, fmt, max_rows=10)
    groups = step["algorithms"].get("brokerage", {}).get("groups")
    if groups:
        say(brokerage_summary(metrics, groups), fmt)
    scope = eigenvector_scope_said(metrics) if by == "eigenvector_centrality" else None
    if scope:
        say(scope, fmt)
    if actors is None or (quiet and fmt == "text"):
        return  # --top 0 or -q: the summary lines only (-q --csv/--json still give the table)
    who = "actors" if listed == ACTOR_TYPES else "entities" if listed is None else (
        " and ".join(f"{t}s" for t in listed)
    )  # fmt: skip
    say(top_said(actors, who, by), fmt)
    emit_table(actors, fmt, max_rows=top)


def top_said(actors: pd.DataFrame, who: str, by: str, *, count: str | None = None) -> str:
    """The heading of a :func:`~linkgraph.pipeline.top_actors` table: the measure asked
    for, or why it ranked no one and that degree did instead. ``count``: how many, in
    words (default: the number of rows).

    Examples:
        >>> import pandas as pd
        >>> top_said(pd.DataFrame({"x": [1, 2]}), "actors", "betweenness_centrality")
        'Top 2 actors by betweenness:'
        >>> t = pd.DataFrame({"x": [1, 2]})
        >>> t.attrs.update(ranked_by="degree", note="Every person has betweenness 0")
        >>> top_said(t, "actors", "betweenness_centrality")  # doctest: +NORMALIZE_WHITESPACE
        'Every person has betweenness 0. Top 2 actors by degree instead
         (equal degrees by entity id):'
        >>> t.attrs.update(ranked_by="entity_id")
        >>> top_said(t, "actors", "betweenness_centrality")
        'Every person has betweenness 0. 2 actors, by entity id:'
    """
    ranked_by = actors.attrs.get("ranked_by", by)
    count = f"{len(actors)}" if count is None else count
    if ranked_by == by:
        return f"Top {count} {who} by {by.removesuffix('_centrality')}:"
    if ranked_by == "entity_id":  # their degrees are all the same too
        return f"{actors.attrs.get('note')}. {count.capitalize()} {who}, by entity id:"
    return (
        f"{actors.attrs.get('note')}. Top {count} {who} by "
        f"{ranked_by.removesuffix('_centrality')} instead (equal degrees by entity id):"
    )


def _checked_column(name: str, directed: bool) -> str:
    """A --columns name as its metrics.parquet column (see :func:`measure_column`)."""
    from linkgraph.metrics.measures import measure_column

    if name in ("all", "entity_id", "label", "type"):
        return name
    return measure_column(name, directed=directed, key="columns")


def _named(columns: str) -> list[str]:
    """The column names of a comma-separated --columns value.

    Examples:
        >>> _named("strength, in_degree,,pagerank")
        ['strength', 'in_degree', 'pagerank']
    """
    return [c.strip() for c in columns.split(",") if c.strip()]


def network_said(stats: dict[str, float | None], basis: str | None) -> str:
    """The line of whole-network statistics, saying what graph and distances they are of.

    Examples:
        >>> network_said({"nodes": 3.0, "edges": 2.0, "density": 0.6667, "diameter": None},
        ...              "undirected, distances in hops")
        'Network (undirected, distances in hops): density 0.6667'
    """
    shown = ", ".join(
        f"{k.replace('_', ' ')} {v:.4g}" for k, v in stats.items()
        if v is not None and k not in ("nodes", "edges", "arcs")
    )  # fmt: skip
    return f"Network ({basis}): {shown}" if basis else f"Network: {shown}"


def distance_floor_said(replaced: int, floor: float) -> str:
    """The line saying how many links had no positive weight for 1/weight distances.

    Examples:
        >>> distance_floor_said(38, 1.0)  # doctest: +NORMALIZE_WHITESPACE
        'Distances 1/weight: 38 tie(s) with a weight of 0 or none (e.g. unanswered calls)
        count as the weakest tie, weight 1'
    """
    return (
        f"Distances 1/weight: {replaced:,} tie(s) with a weight of 0 or none (e.g. "
        f"unanswered calls) count as the weakest tie, weight {floor:.4g}"
    )


def brokerage_summary(metrics: pd.DataFrame, groups: str) -> str:
    """One line on the Gould-Fernandez brokerage roles: how many entities play each, or
    why none does.

    Examples:
        >>> import pandas as pd
        >>> m = pd.DataFrame({"coordinator": [0, 2], "gatekeeper": [1, 0],
        ...                   "representative": [1, 0], "liaison": [0, 0], "consultant": [0, 0]})
        >>> brokerage_summary(m, "city")
        'brokerage roles by city (entities in each): coordinator 1, gatekeeper 1, representative 1'
        >>> brokerage_summary(m * 0, "country")  # doctest: +ELLIPSIS
        'brokerage roles by country: none (no entity stands between two unlinked ...'
    """
    from linkgraph.metrics.brokers import ROLES

    counts = {r: int((metrics[r] > 0).sum()) for r in ROLES if r in metrics.columns}
    played = ", ".join(f"{role} {n:,}" for role, n in counts.items() if n)
    if played:
        return f"brokerage roles by {groups} (entities in each): {played}"
    return (
        f"brokerage roles by {groups}: none (no entity stands between two unlinked entities "
        "whose group is known)"
    )


@click.command()
@case_argument
@click.argument("source")
@click.argument("target")
@click.option(
    "-k",
    "k",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="How many paths: the k shortest simple paths, shortest first, equal lengths by "
    "the labels along them.",
)
@click.option("--directed", is_flag=True, help="Follow link direction (calls, payments).")
@show_victims_option
@table_options
def path(case_dir: Path, source: str, target: str, k: int, directed: bool, show_victims: bool,
         as_csv: bool, as_json: bool) -> None:  # fmt: skip
    """Show the shortest paths from SOURCE to TARGET, with the evidence of each hop.

    SOURCE and TARGET name one entity each: its id or label, or a mention of it (a name
    as any source wrote it, a phone number, a mention id; `linkgraph mentions` lists
    them). Each hop lists the link kinds, how many links, their time span and the source
    rows behind them.

    \b
    Example:
        linkgraph path case/ "Ana Pop" "Ion Rusu" -k 3
    """
    from linkgraph.commands._entity_names import named_entity, shown_case_graph
    from linkgraph.metrics.paths import shortest_paths

    fmt = table_format(as_csv, as_json)
    case, graph = shown_case_graph(case_dir, show_victims)
    a, b = (named_entity(case, graph, t, show_victims=show_victims) for t in (source, target))
    hops = shortest_paths(graph, a, b, k=k, directed=directed)
    columns = ["hop", "src_label", "dst_label", "kinds", "count", "first", "last", "rows"]
    if fmt != "text":
        emit_table(
            hops[["path", *columns]].assign(path=hops["path"] + 1),
            fmt,
            lists={"kinds": ";", "rows": None},
        )
        return
    if hops.empty:
        click.echo(f"no path from {source} to {target}")
        return
    for p, rows in hops.groupby("path", sort=True):
        click.echo(f"Path {p + 1}: {len(rows)} hop(s)")
        emit_table(rows[columns].set_index("hop"), max_rows=50)


@click.command()
@case_argument
@click.option(
    "-k",
    "k",
    type=click.IntRange(min=1),
    default=5,
    show_default=True,
    help="How many entities to remove.",
)
@click.option(
    "--by",
    type=click.Choice(["degree", "betweenness", "pagerank", "strength", "fragmentation"]),
    default="betweenness",
    show_default=True,
    help="Which entities to remove first (fragmentation: Borgatti's key-player set, "
    "exact on small networks, else swaps improving on the betweenness and degree sets).",
)
@click.option(
    "--sequential/--block",
    default=True,
    show_default=True,
    help="Re-rank after every removal, or remove the top 5 and re-rank every 5 "
    "(Cavallaro et al.'s block removal; --batch changes the 5).",
)
@click.option(
    "--batch",
    type=click.IntRange(min=1),
    help="Removals between re-rankings (overrides --sequential/--block).",
)
@click.option(
    "--ties",
    type=click.Choice(["measure", "first", "last"]),
    default="measure",
    show_default=True,
    help="Of equally ranked entities take the one of highest degree, then of lowest "
    "stable id (measure: the same whatever the order of the files), or the first or last "
    "in the order the files were ingested in (Cavallaro et al.'s code takes the last).",
)
@click.option(
    "--include-victims",
    is_flag=True,
    help="Let victims and the identifiers they hold be removed too (by default they "
    "stay in the network and are no candidates).",
)
@click.option(
    "--weighted", is_flag=True, help="Rank by weighted measures (degree = strength; "
    "betweenness with weights as lengths, a weight of 0 or none counting as the smallest "
    "positive weight)."
)  # fmt: skip
@click.option("--directed", is_flag=True, help="Keep link direction (calls, payments).")
@click.option("--undirected", is_flag=True, hidden=True, help="The default view.")
@click.option(
    "--measure",
    type=click.Choice(["fragmentation", "distance"]),
    default="fragmentation",
    show_default=True,
    help="With --by fragmentation: Borgatti's F or distance-weighted fragmentation DF.",
)
@click.option(
    "--project-onto",
    type=NamedChoice(ENTITY_TYPES, "TYPE"),
    help="Disrupt the one-mode projection onto TYPE (persons linked by shared "
    "phones, addresses, ... and by calls between their phones). " + choices_said(ENTITY_TYPES),
)
@click.option("--seed", type=int, default=0, show_default=True, help="Search seed.")
@show_victims_option
@table_options
@quiet_option
def keyplayers(case_dir: Path, k: int, by: str, sequential: bool, batch: int | None, ties: str,
               include_victims: bool, weighted: bool, directed: bool, undirected: bool,
               measure: str, project_onto: str | None, seed: int, show_victims: bool,
               as_csv: bool, as_json: bool, quiet: bool) -> None:  # fmt: skip
    """Simulate disruption: remove the top K entities of CASE_DIR and watch it fragment.

    Writes CASE_DIR/keyplayers.csv with step, removed, lcc_fraction (largest component
    over the largest before removal), components, efficiency, fragmentation (Borgatti's
    F: share of pairs that cannot reach each other) and distance_fragmentation (DF), and
    prints it. Ties go to the entity of highest degree, then of lowest stable id, so the
    order of the files changes nothing (--ties first/last follow the files' order).
    Victims and the identifiers they hold are no candidates for removal unless
    --include-victims: they stay in the network.

    \b
    Example:
        linkgraph keyplayers case/ -k 5 --by betweenness --sequential
        linkgraph keyplayers case/ -k 20 --by degree --block --ties last \\
            --weighted
        linkgraph keyplayers case/ -k 5 --by fragmentation
    """
    from linkgraph._io import write_csv
    from linkgraph.config import load_config
    from linkgraph.graph_cache import case_graph
    from linkgraph.metrics.key_players import case_disruption
    from linkgraph.metrics.projection import project_contacts
    from linkgraph.redact import shown_graph

    fmt = table_format(as_csv, as_json)
    case = read_case(case_dir)
    graph = case_graph(case, case_dir)
    if project_onto is not None:
        config = load_config(None).analyze
        graph = project_contacts(graph, onto=project_onto, via=config.project_via)
    graph = shown_graph(case, graph, show_victims=show_victims)
    every = batch if batch is not None else (1 if sequential else 5)
    if by == "fragmentation" and not quiet:
        _say_search_started(k)
    with cli_progress(quiet) as progress, step(progress, "keyplayers"):
        curve = case_disruption(
            case,
            graph,
            by=by,
            k=k,
            batch=every,
            directed=directed and not undirected,  # type: ignore[arg-type]
            weighted=weighted,
            ties=ties,
            measure=measure,
            seed=seed,  # type: ignore[arg-type]
            include_victims=include_victims,
            progress=progress,
        )
    cols = ["step", "removed", "lcc_fraction", "components", "efficiency", "fragmentation",
            "distance_fragmentation", "label", "lcc_size"]  # fmt: skip
    write_csv(curve[cols], case_dir / "keyplayers.csv")
    if by == "fragmentation":
        how = f"key-player set by {measure}, {curve.attrs['search']} search"
        if curve.attrs.get("started_from"):
            how += f" from the {curve.attrs['started_from']} set"
    else:
        how = "sequential" if every == 1 else f"re-ranked every {every}"
    say(f"Removing {len(curve) - 1} by {by} ({how}; ties: {_TIES_SAID[ties]}):", fmt)
    if curve.attrs["excluded"]:
        say(f"Not candidates: {curve.attrs['excluded']} victims and identifiers they hold "
            "(--include-victims to include them)", fmt)  # fmt: skip
    replaced = curve.attrs.get("links_without_positive_weight", 0)
    if replaced:
        say(f"Weights as lengths: {replaced:,} tie(s) with a weight of 0 or none (e.g. "
            "unanswered calls) count as the smallest positive weight, "
            f"{curve.attrs['counted_as_weight']:.4g}", fmt)  # fmt: skip
    shown = ["step", "label", "removed", "lcc_fraction", "components", "fragmentation",
             "distance_fragmentation"]  # fmt: skip
    if not (quiet and fmt == "text"):  # -q: the summary lines only
        emit_table(curve[shown].set_index("step"), fmt, max_rows=k + 1)
    last = curve.iloc[-1]
    say(
        f"After {len(curve) - 1} removals: fragmentation {last['fragmentation']:.4f}, "
        f"distance-weighted fragmentation {last['distance_fragmentation']:.4f}",
        fmt,
    )
    if curve.attrs.get("stopped_early"):
        say(f"The search stopped after scoring {curve.attrs['sets_scored']:,} sets: this is "
            "the best set it found, not necessarily the best there is", fmt)  # fmt: skip
    say(f"Wrote {case_dir / 'keyplayers.csv'}", fmt)


def _say_search_started(k: int) -> None:
    """On stderr when it is no terminal (where no bar is drawn): that the key-player
    search runs, so a log or pipe does not look hung."""
    import sys

    from linkgraph.metrics.key_players import SEARCH_MAX_SETS

    if not sys.stderr.isatty():
        click.echo(f"keyplayers: searching for the key-player set of {k} (it stops after "
                   f"scoring about {SEARCH_MAX_SETS:,} sets)...", err=True)  # fmt: skip


#: How ``keyplayers`` says which of equally ranked entities it removed first.
_TIES_SAID = {
    "measure": "highest degree, then lowest stable id",
    "first": "first in data order",
    "last": "last in data order",
}


@click.command()
@case_argument
@click.argument("entity")
@click.option(
    "--hops",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Radius of the ego network.",
)
@click.option(
    "--links",
    "show_links",
    is_flag=True,
    help="List the edges among them instead of the entities: both ends' labels, kind,"
    " number of links, weight, amount, first and last time.",
)
@show_victims_option
@table_options
def ego(
    case_dir: Path,
    entity: str,
    hops: int,
    show_links: bool,
    show_victims: bool,
    as_csv: bool,
    as_json: bool,
) -> None:
    """List the entities within HOPS links of ENTITY (with --links, the edges among
    them).

    ENTITY is an entity's id or label, or a mention of it (a name as any source wrote
    it, a phone number, a mention id; `linkgraph mentions` lists them).

    \b
    Examples:
        linkgraph ego case/ "Ana Pop" --hops 2
        linkgraph ego case/ "Ana Pop" --links --csv > ana_edges.csv
    """
    from linkgraph.commands._entity_names import named_entity, shown_case_graph
    from linkgraph.graph import graph_edges_said
    from linkgraph.metrics.paths import ego_graph

    fmt = table_format(as_csv, as_json)
    case, graph = shown_case_graph(case_dir, show_victims)
    center = named_entity(case, graph, entity, show_victims=show_victims)
    sub = ego_graph(graph, center, radius=hops)
    dist = sub.view().distances(source=[sub.nodes.index.get_loc(center)])[0]
    table = (
        sub.nodes[["label", "type", "country"]]
        .assign(hops=dist)
        .sort_values(["hops", "label"], kind="stable")
        .rename_axis("entity_id")
    )
    say(
        f"{len(sub):,} entities and {graph_edges_said(sub)} "
        f"within {hops} hop(s) "
        f"of {graph.nodes.loc[center, 'label']} ({center})",
        fmt,
    )
    if show_links:
        table = _ego_links(sub)
    emit_table(table, fmt, max_rows=50)


def _ego_links(sub: Any) -> pd.DataFrame:
    """The edges of an ego network, each end by its id and (shown) label."""
    import pandas as pd

    labels = sub.nodes["label"]
    edges = sub.edges
    return (
        pd.DataFrame(
            {
                "src": edges["src"],
                "src_label": edges["src"].map(labels),
                "dst": edges["dst"],
                "dst_label": edges["dst"].map(labels),
                "kind": edges["kind"],
                "directed": edges["directed"],
                "links": edges["count"],
                "weight": edges["weight"],
                "amount": edges["amount"],
                "currency": edges["currency"],
                "first": edges["first"],
                "last": edges["last"],
            }
        )
        .sort_values(["src_label", "dst_label", "kind"], kind="stable")
        .reset_index(drop=True)
    )


COMMANDS: list[click.Command] = [analyze, path, keyplayers, ego]
