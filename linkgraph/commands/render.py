"""CLI commands: render (the interactive map) and report (the briefing report)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from linkgraph.commands._common import (
    case_argument,
    cli_progress,
    config_option,
    quiet_option,
    read_case,
    show_victims_option,
    step,
    window_options,
)
from linkgraph.named_outputs import record_named_output

if TYPE_CHECKING:
    from linkgraph.graph import EntityGraph
    from linkgraph.model import Case
    from linkgraph.render.config import RenderConfig

#: linkgraph.render.map.COLOR_BY, spelt here so `--help` does not import the renderer
#: (tests/test_cli_startup.py checks that they agree)
COLOR_BY = ("community", "type", "country")


def _window_graph(case: Case, since: str | None, until: str | None) -> tuple[EntityGraph, str]:
    """The entity graph of the links of the window [since, until] and the entities they
    join (as ``analyze --since/--until`` builds it), and what the window left out for
    lack of dates ("" when nothing)."""
    import pandas as pd

    from linkgraph.graph import build_graph
    from linkgraph.metrics.temporal import windowed

    links, gaps = windowed(case, since, until)
    full = build_graph(links)
    active = pd.Index(full.edges["src"]).union(pd.Index(full.edges["dst"]))
    return full.subgraph(list(active)), gaps.note()


def _named_views(
    case_dir: Path,
    graph: EntityGraph,
    ego: str | None,
    path: tuple[str, str] | None,
    show_victims: bool,
) -> tuple[str | None, tuple[str, ...] | None]:
    """--ego and --path as entity ids, the names in them found as `linkgraph ego` and
    `path` find them (victims by pseudonym unless --show-victims)."""
    from linkgraph.commands._entity_names import entity_ids_named

    if ego is not None:
        (ego,) = entity_ids_named(case_dir, graph, (ego,), show_victims=show_victims)
    if path is not None:
        path = entity_ids_named(case_dir, graph, tuple(path), show_victims=show_victims)
    return ego, path


def _render_config(config_path: Path | None) -> RenderConfig:
    from linkgraph.config import load_config

    return load_config(config_path).render


def _record_named(
    case_dir: Path, command: str, out: Path, config: RenderConfig, config_path: Path | None,
    show_victims: bool,
) -> None:  # fmt: skip
    """Record ``out`` in the case's record of outputs that name victims
    (:mod:`linkgraph.named_outputs`) when it names them, by ``--show-victims`` or by the
    config's ``render.pseudonymize_victims: false``; the config's route is said too (the
    command line did not ask for names)."""
    from linkgraph.render.config import victims_named_by

    named_by = victims_named_by(config, True if show_victims else None)
    if named_by is None:
        return
    if show_victims:
        record_named_output(case_dir, f"{command} --show-victims", out)
        return
    record_named_output(case_dir, f"{command} --config {config_path} ({named_by})", out)
    click.echo(
        f"Warning: {out} names victims ({named_by} in {config_path}): do not share it; "
        f"recorded in {case_dir / 'named_outputs.jsonl'}.",
        err=True,
    )


render_config_option = config_option("render")


@click.command()
@case_argument
@click.option(
    "-o",
    "--out",
    "out_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="HTML file to write [default: CASE_DIR/map.html].",
)
@click.option("--size-by", help="Measure that sizes entities [default: betweenness_centrality].")
@click.option(
    "--color-by", type=click.Choice(COLOR_BY), help="What colours entities [default: community]."
)
@show_victims_option
@click.option("--community", type=int, help="Show one community only.")
@click.option(
    "--ego",
    metavar="ENTITY",
    help="Show the entities around ENTITY (an id or label, or a mention of it, as for "
    "`linkgraph ego`).",
)
@click.option("--hops", type=click.IntRange(0), default=2, show_default=True, help="With --ego.")
@click.option(
    "--path",
    nargs=2,
    metavar="A B",
    help="Show the shortest paths between entities A and B (ids or labels, or mentions of "
    "them, as for `linkgraph path`).",
)
@window_options("are drawn, with the entities they join")
@click.option("--title", default="linkgraph network map", show_default=True)
@render_config_option
@quiet_option
def render(
    case_dir: Path,
    out_path: Path | None,
    size_by: str | None,
    color_by: str | None,
    show_victims: bool,
    community: int | None,
    ego: str | None,
    hops: int,
    path: tuple[str, str] | None,
    since: str | None,
    until: str | None,
    title: str,
    config_path: Path | None,
    quiet: bool,
) -> None:
    """Draw the network of CASE_DIR as one offline, interactive HTML map.

    Entities are coloured by community and sized by a measure from `linkgraph analyze`;
    without metrics the map is sized by degree and coloured by type. Victims are shown by
    pseudonym unless --show-victims is given. The views (--community, --ego, --path,
    --since/--until) narrow the map and can be combined. A network of more than
    100,000 entities (render.max_nodes in --config; 0 draws every entity) is drawn as
    its 100,000 ranked highest by the size measure and the links among them; the map
    says so.

    \b
    Examples:
        linkgraph render case/ -o map.html
        linkgraph render case/ --ego e:1a2b3c --hops 2 -o ego.html
        linkgraph render case/ --since 2023-01-01 --until 2023-06-30 \\
            -o spring.html
    """
    from linkgraph.graph import graph_edges_said
    from linkgraph.graph_cache import case_graph
    from linkgraph.metrics.case_columns import MAP_COLUMNS, read_for_analysis
    from linkgraph.render import render_map, select_view

    # What the map draws (read whole, a million-person case holds ~6 GB).
    case = read_for_analysis(case_dir, MAP_COLUMNS)
    config = _render_config(config_path)
    out = out_path if out_path is not None else case_dir / "map.html"
    _check_out(out)
    with cli_progress(quiet) as progress:
        with step(progress, "render: graph and view"):
            base = case_graph(case, case_dir)
            ego, path = _named_views(case_dir, base, ego, path, show_victims)
            window = left_out = ""
            if since is not None or until is not None:
                # Only the contacts inside the window, each judged by its own time (a pair
                # in touch in January and June is not drawn in March).
                base, left_out = _window_graph(case, since, until)
                window = f"contacts from {since or 'the start'} to {until or 'the end'}"
            graph, view = select_view(
                base, case.metrics, community=community, ego=ego, hops=hops, path=path
            )
            if window:
                view = window if view == "whole network" else f"{window}; {view}"
        with step(progress, "render: map"):
            render_map(
                graph,
                out,
                metrics=case.metrics,
                case=case,
                color_by=color_by,
                size_by=size_by,
                config=config,
                show_victims=True if show_victims else None,
                title=title,
                view=view,
            )
    if case.metrics is None:
        click.echo(
            "Note: no metrics in this case yet; sized by degree and coloured by type. "
            "Run `linkgraph analyze CASE_DIR` first for centrality and communities."
        )
    drawn = ""
    if 0 < config.max_nodes < len(graph):  # the map draws a summary (cap_map_graph)
        drawn = (
            f"; drawn: the {config.max_nodes:,} ranked highest by "
            f"{size_by or config.size_by if case.metrics is not None else 'degree'} and the "
            "links among them (render.max_nodes)"
        )
    edges = graph_edges_said(graph)
    click.echo(f"Map: {out} ({view}: {len(graph):,} entities, {edges}{drawn})")
    _record_named(case_dir, "render", out, config, config_path, show_victims)
    if left_out:
        click.echo(f"Window: {left_out}")


@click.command()
@case_argument
@click.option(
    "-o",
    "--out",
    "out_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="HTML file to write [default: CASE_DIR/report.html].",
)
@show_victims_option
@click.option("--title", default="Network analysis briefing", show_default=True)
@click.option("--no-map", is_flag=True, help="Leave the interactive map out (smaller file).")
@render_config_option
@quiet_option
def report(
    case_dir: Path,
    out_path: Path | None,
    show_victims: bool,
    title: str,
    no_map: bool,
    config_path: Path | None,
    quiet: bool,
) -> None:
    """Write the briefing report of CASE_DIR: one offline HTML file that prints cleanly.

    It holds the sources and rejects, entities before and after resolution, top actors
    per measure, communities, brokers, cross-border links, key players with the
    disruption curve, and the embedded map; each figure names the case table behind it.

    \b
    Example:
        linkgraph report case/ -o report.html
    """
    from linkgraph.graph_cache import case_graph
    from linkgraph.render.report import render_report

    case = read_case(case_dir)
    config = _render_config(config_path)
    out = out_path if out_path is not None else case_dir / "report.html"
    _check_out(out)
    with cli_progress(quiet) as progress, step(progress, "report"):
        case_graph(case, case_dir)  # from the cache beside the case; the report reuses it
        render_report(case, out, config=config, title=title, include_map=not no_map,
                      show_victims=True if show_victims else None)  # fmt: skip
    if case.metrics is None:
        click.echo("Note: no metrics in this case yet; run `linkgraph analyze CASE_DIR` first.")
    click.echo(f"Report: {out}")
    _record_named(case_dir, "report", out, config, config_path, show_victims)


def _check_out(out: Path) -> None:
    """Refuse ``out`` before the work (a folder, not writable, a source file of the case)."""
    from linkgraph._io import check_file_output

    check_file_output(out, suffix=".html")


COMMANDS: list[click.Command] = [render, report]
