"""CLI commands over the whole pipeline: demo, run, config."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, cast

import click

from linkgraph.commands._common import cli_progress, echo_table, quiet_option
from linkgraph.commands.analyze import top_said

if TYPE_CHECKING:
    import pandas as pd

    from linkgraph.pipeline import PipelineResult
    from linkgraph.render.config import RenderConfig


def _echo_summary(result: PipelineResult, elapsed: float) -> None:
    s = result.summary()
    click.echo(f"Files read:     {len(s['files'])} ({', '.join(map(str, s['files']))})")
    click.echo(
        f"Mentions:       {s['mentions']:,}  (links {s['links']:,}, rejects {s['rejects']:,})"
    )
    click.echo(f"Entities:       {s['entities']:,} after resolution")
    click.echo(f"Communities:    {s['communities']:,}")
    actors = cast("pd.DataFrame", s["top_actors"])
    five = "five" if len(actors) == 5 else f"{len(actors)}"
    click.echo(top_said(actors, "actors", "betweenness_centrality", count=five))
    echo_table(actors)
    click.echo(f"Case:           {result.case_dir}")
    click.echo(f"Map:            {result.map_path}")
    if result.report_path is not None:
        click.echo(f"Report:         {result.report_path}")
    click.echo(f"Done in {elapsed:.1f} s.")


@click.command()
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("demo-out"),
    show_default=True,
    help="Folder for case/, map.html, report.html and truth/.",
)
@quiet_option
def demo(out_dir: Path, quiet: bool) -> None:
    """Run the whole pipeline on the bundled sample case.

    Reads five synthetic agency exports (arrests, hotline reports, bank transactions,
    call records, online ads), resolves the people in them, analyses the network and
    writes OUT/case/ (the case tables), OUT/map.html (open it in any browser, offline),
    OUT/report.html (the briefing) and OUT/truth/mentions.csv (the sample's ground truth:
    `linkgraph evaluate OUT/case OUT/truth/mentions.csv` scores the resolution).

    \b
    Example:
        linkgraph demo --out demo-out
    """
    start = time.perf_counter()
    from linkgraph._process_memory import freeze_loaded_objects, reuse_freed_memory
    from linkgraph.pipeline import demo_config, run_pipeline

    reuse_freed_memory()  # this process only, as resolve and analyze do
    freeze_loaded_objects()
    with cli_progress(quiet) as progress:
        result = run_pipeline(demo_config(), out_dir, progress=progress)
    copy_truth(out_dir)
    _echo_summary(result, time.perf_counter() - start)


def copy_truth(out_dir: Path) -> Path:
    """Copy the sample's ground truth of mentions (which person each mention is) to
    ``out_dir/truth/mentions.csv``, where `linkgraph evaluate` finds it from any folder
    (the sample lies inside the installed package)."""
    from linkgraph._io import atomic_write
    from linkgraph.pipeline import sample_data_dir

    target = out_dir / "truth" / "mentions.csv"
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_write(target, "wb", encoding=None) as fh:
        fh.write((sample_data_dir() / "truth" / "mentions.csv").read_bytes())
    return target


@click.command()
@click.argument(
    "config_path", metavar="CONFIG", type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for case/ and map.html (default: the config's `out:`).",
)
@quiet_option
def run(config_path: Path, out_dir: Path | None, quiet: bool) -> None:
    """Run the whole pipeline on your own files, as CONFIG (YAML) describes.

    CONFIG lists the sources (each with a preset or a mapping) and optional sections
    ingest:, resolve:, analyze:, render:. See `linkgraph config --defaults`.

    \b
    Example:
        linkgraph run sample_data/pipeline.yaml --out my-case
    """
    start = time.perf_counter()
    from linkgraph._process_memory import freeze_loaded_objects, reuse_freed_memory
    from linkgraph.config import load_config
    from linkgraph.pipeline import run_pipeline

    config = load_config(config_path, check_files=True)
    reuse_freed_memory()  # this process only, as resolve and analyze do
    freeze_loaded_objects()
    with cli_progress(quiet) as progress:
        result = run_pipeline(config, out_dir, progress=progress)
    _echo_summary(result, time.perf_counter() - start)
    _warn_named(result, config.render, config_path)


def _warn_named(result: PipelineResult, render: RenderConfig, config_path: Path) -> None:
    """Say that the map and report name victims when the config's
    ``render.pseudonymize_victims: false`` named them (run_pipeline recorded them)."""
    from linkgraph.render.config import victims_named_by

    named_by = victims_named_by(render)
    if named_by is None:
        return
    click.echo(
        f"Warning: {result.map_path} and {result.report_path} name victims ({named_by} in "
        f"{config_path}): do not share them; recorded in "
        f"{result.case_dir / 'named_outputs.jsonl'}.",
        err=True,
    )


@click.command()
@click.option("--defaults", is_flag=True, help="Print every key with its default value.")
@click.argument(
    "config_path",
    metavar="[CONFIG]",
    required=False,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
def config(defaults: bool, config_path: Path | None) -> None:
    """Print a pipeline config: the defaults, or CONFIG validated with defaults filled in.

    Every problem of CONFIG is listed at once: unknown keys (with the nearest spelling),
    values of the wrong type, out of range or not among the choices. A source whose file
    is missing, or that no preset or mapping reads, is a warning here (an error for
    `linkgraph run`, which lists every problem before reading anything).

    \b
    Examples:
        linkgraph config --defaults > pipeline.yaml
        linkgraph config pipeline.yaml
    """
    import yaml

    from linkgraph.config import defaults_yaml, load_config, source_problems

    if defaults or config_path is None:
        click.echo(defaults_yaml(), nl=False)
        return
    loaded = load_config(config_path)
    click.echo(yaml.safe_dump(loaded.to_dict(), sort_keys=False, allow_unicode=True), nl=False)
    for problem in source_problems(loaded):
        click.echo(f"warning: {problem}", err=True)


COMMANDS = [demo, run, config]
