"""CLI commands: synth."""

from __future__ import annotations

from pathlib import Path

import click

from linkgraph.commands._common import cli_progress, quiet_option, step


@click.command()
@click.option(
    "--people",
    type=click.IntRange(min=60),
    default=300,
    show_default=True,
    help="Number of true persons: operation, victims and uninvolved people.",
)
@click.option(
    "--seed",
    type=int,
    default=0,
    show_default=True,
    help="Random seed; the same seed gives byte-identical files.",
)
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("synth-case"),
    show_default=True,
    help="Folder to write into.",
)
@quiet_option
def synth(people: int, seed: int, out_dir: Path, quiet: bool) -> None:
    """Generate a realistic synthetic case with a planted trafficking operation.

    Writes five agency exports (arrests.csv, hotline.xlsx, transactions.csv, cdr.csv,
    ads.jsonl), their mapping YAMLs in mappings/, a pipeline.yaml that reads them all, and
    the ground truth in truth/ (who every person mention really is, the cells and the key
    players). The bundled sample_data/ was made with `--people 300 --seed 7`.

    \b
    Example:
        linkgraph synth --people 300 --seed 7 -o mycase/
        linkgraph run mycase/pipeline.yaml --out mycase-out
    """
    from linkgraph.synth import generate_case, write_case

    with cli_progress(quiet) as progress, step(progress, "synth"):
        case = generate_case(people, seed=seed)
        paths = write_case(case, out_dir)
    click.echo(
        f"Wrote {len(paths)} files to {out_dir}: {case.n_people} people, "
        f"{len(case.mentions):,} person mentions, {case.people['cell'].ne('').sum()} in "
        f"{case.people['cell'].replace('', None).nunique()} cells, "
        f"{len(case.key_players)} key players."
    )
    click.echo(f"Next: linkgraph run {out_dir / 'pipeline.yaml'}")


COMMANDS: list[click.Command] = [synth]
