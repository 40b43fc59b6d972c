"""CLI commands: resolve, explain, review, evaluate."""

from __future__ import annotations

from pathlib import Path

import click
import pandas as pd

from linkgraph._io import write_csv
from linkgraph.commands._common import (
    case_argument,
    cli_progress,
    config_option,
    echo_table,
    quiet_option,
    read_case,
)
from linkgraph.config import load_config


@click.command()
@case_argument
@config_option("resolve")
@click.option("--threshold", type=click.FloatRange(0, 1), help="Override resolve.threshold.")
@click.option(
    "--overrides",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Must-link / cannot-link CSV (left, right, decision); kept in the case.",
)
@click.option(
    "--labels",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A labelled review CSV: trains the weights and is kept as overrides.",
)
@quiet_option
def resolve(
    case_dir: Path,
    config_path: Path | None,
    threshold: float | None,
    overrides: Path | None,
    labels: Path | None,
    quiet: bool,
) -> None:
    """Merge duplicate mentions in CASE_DIR into entities.

    Writes the resolution and evidence tables back into CASE_DIR. Run
    `linkgraph explain CASE_DIR A B` to see why two mentions were merged, and
    `linkgraph review CASE_DIR -o review.csv` for the borderline pairs to label.

    \b
    Example:
        linkgraph resolve case/ --threshold 0.9
        linkgraph resolve case/ --overrides decisions.csv
    """
    from linkgraph.resolve import resolve as run_resolve

    case = read_case(case_dir)
    config = load_config(config_path).resolve.with_overrides(
        threshold=threshold,
        overrides=None if overrides is None else str(overrides),
        labels=None if labels is None else str(labels),
    )
    with cli_progress(quiet) as progress:
        resolved = run_resolve(case, config, progress=progress)
    resolved.write(case_dir)
    step = resolved.manifest["steps"][-1]
    counts = resolved.summary()
    click.echo(
        f"{counts['mentions']:,} mentions → {counts['entities']:,} entities "
        f"({step['candidate_pairs']:,} candidate person pairs, "
        f"{step['seconds']['total']:.1f} s)"
    )
    if step["overrides"]:
        click.echo(f"{step['overrides']:,} analyst decisions honoured")
    echo_table(pd.DataFrame(step["blocking"]))


@click.command()
@case_argument
@click.argument("left")
@click.argument("right")
def explain(case_dir: Path, left: str, right: str) -> None:
    """Explain why mentions LEFT and RIGHT were (or were not) merged.

    Prints both mentions, the decision, each field's level, similarity and weight,
    and the chain of merges when they share an entity through others.

    \b
    Example:
        linkgraph explain case/ m:4f1c... m:9a0b...
    """
    from linkgraph.resolve import explain as run_explain

    click.echo(run_explain(read_case(case_dir), left, right))


@click.command()
@case_argument
@click.option(
    "-o",
    "--out",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("review.csv"),
    show_default=True,
    help="CSV to write.",
)
@click.option(
    "-n",
    "--pairs",
    "pairs",
    type=click.IntRange(1),
    default=200,
    show_default=True,
    help="How many pairs.",
)
def review(case_dir: Path, out: Path, pairs: int) -> None:
    """Write the borderline pairs of CASE_DIR (closest to the threshold) to label.

    Fill the `label` column with match or non_match, then feed it back:
    `linkgraph resolve CASE_DIR --labels review.csv`. Labels train the weights and
    are kept as must-link / cannot-link decisions.

    \b
    Example:
        linkgraph review case/ -o review.csv
    """
    from linkgraph.resolve import review as run_review

    table = run_review(read_case(case_dir), n=pairs)
    write_csv(table, out)
    click.echo(f"{len(table):,} pairs written to {out}")


@click.command()
@case_argument
@click.argument("truth", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def evaluate(case_dir: Path, truth: Path) -> None:
    """Score the resolution of CASE_DIR against ground truth TRUTH (CSV).

    TRUTH has columns mention_id, cluster, or source, row, slot, person_id (as
    `linkgraph synth` writes in truth/mentions.csv). Prints pairwise precision,
    recall, F1 and B-cubed scores over the mentions the truth lists.

    \b
    Example:
        linkgraph evaluate case/ sample_data/truth/mentions.csv
    """
    from linkgraph.resolve import evaluate as run_evaluate

    scores = run_evaluate(read_case(case_dir), pd.read_csv(truth, dtype=str))
    for key, value in scores.items():
        click.echo(
            f"{key:>20}: {value:.4f}" if isinstance(value, float) else f"{key:>20}: {value:,}"
        )


COMMANDS: list[click.Command] = [resolve, explain, review, evaluate]
