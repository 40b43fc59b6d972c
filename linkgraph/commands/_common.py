"""Options, progress bars and helpers shared by several CLI commands."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click
import pandas as pd

from linkgraph.model import Case

F = TypeVar("F", bound=Callable[..., Any])

case_argument = click.argument(
    "case_dir", metavar="CASE_DIR", type=click.Path(file_okay=False, path_type=Path)
)


def quiet_option(func: F) -> F:
    """``-q/--quiet``: no progress bars, only the summary."""
    return click.option("-q", "--quiet", is_flag=True, help="No progress bars.")(func)


def config_option(section: str) -> Callable[[F], F]:
    """``--config PIPELINE.yaml``: a pipeline config of which only ``section`` is used."""
    return click.option(
        "--config",
        "config_path",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help=f"Pipeline YAML; only its {section}: section is used.",
    )


show_victims_option = click.option(
    "--show-victims",
    is_flag=True,
    help="Show victims' names instead of their stable pseudonyms (Victim-xxxxxx).",
)


def seed_option(func: F) -> F:
    """``--seed``: the random seed (recorded in the case manifest)."""
    return click.option(
        "--seed",
        type=int,
        default=0,
        show_default=True,
        help="Random seed (recorded in the manifest).",
    )(func)


class ClickProgress:
    """The Progress protocol drawn with click.progressbar on stderr."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet or not sys.stderr.isatty()
        self._bar: Any = None
        self._label = ""

    def start(self, label: str, total: int | None = None) -> None:
        self.finish()
        self._label = label
        if self.quiet:
            return
        self._bar = click.progressbar(length=total, label=label.ljust(22), file=sys.stderr)
        self._bar.__enter__()

    def advance(self, units: int = 1) -> None:
        if self._bar is not None:
            self._bar.update(units)

    def finish(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None


@contextmanager
def cli_progress(quiet: bool) -> Iterator[ClickProgress]:
    """A progress reporter for one command; bars only on an interactive terminal."""
    progress = ClickProgress(quiet)
    try:
        yield progress
    finally:
        progress.finish()


def read_case(case_dir: Path) -> Case:
    """Read a case folder (errors are rendered by the CLI group)."""
    return Case.read(case_dir)


def echo_table(df: pd.DataFrame, *, max_rows: int = 20, floatfmt: str = "{:.4g}") -> None:
    """Print a DataFrame as a plain, aligned table on stdout."""
    if df.empty:
        click.echo("(no rows)")
        return
    shown = df.head(max_rows).copy()
    for col in shown.columns:
        if pd.api.types.is_float_dtype(shown[col]):
            shown[col] = shown[col].map(lambda v: "" if pd.isna(v) else floatfmt.format(v))
    click.echo(shown.to_string(index=shown.index.name is not None))
    if len(df) > max_rows:
        click.echo(f"... {len(df) - max_rows:,} more rows")
