"""Options, progress bars and helpers shared by several CLI commands.

Kept light on purpose (click only at import time): every command module imports it, and
``linkgraph --help`` imports every command module.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

import click

if TYPE_CHECKING:
    import pandas as pd

    from linkgraph.model import Case

F = TypeVar("F", bound=Callable[..., Any])


def guard_case_sources(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """Click callback of a CASE_DIR argument: until the command ends, no output it writes
    may replace one of the case's source files (see :func:`linkgraph._io.guard_sources`);
    temporary copies a killed process left in the case are removed first."""
    if value is not None:
        from linkgraph._casefs import clean_stale_inside
        from linkgraph._io import guard_sources

        clean_stale_inside(Path(value))
        ctx.with_resource(guard_sources(value))
    return value


class NamedChoice(click.Choice):
    """A ``click.Choice`` shown in --help by a short name (``TYPE``, ``KIND``) instead of
    every choice on one line (`links --kind [...]` was 311 characters): the choices go in
    the option's help text, which click wraps (:func:`choices_said`)."""

    def __init__(self, choices: Any, metavar: str) -> None:
        super().__init__(list(choices))
        self.name_shown = metavar

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return self.name_shown


def choices_said(choices: Any) -> str:
    """The sentence listing an option's choices in its help text.

    Examples:
        >>> choices_said(["person", "phone"])
        'One of: person, phone.'
    """
    return f"One of: {', '.join(choices)}."


case_argument = click.argument(
    "case_dir",
    metavar="CASE_DIR",
    type=click.Path(file_okay=False, path_type=Path),
    callback=guard_case_sources,
)


def quiet_option(func: F) -> F:
    """``-q/--quiet``: no progress bars and no tables of results, only the summary lines
    (errors and warnings still print; --csv/--json output is unchanged)."""
    return click.option(
        "-q", "--quiet", is_flag=True, help="No progress bars or tables: the summary only."
    )(func)


def config_option(section: str) -> Callable[[F], F]:
    """``--config PIPELINE.yaml``: a pipeline config of which only ``section`` is used."""
    return click.option(
        "--config",
        "config_path",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help=f"Pipeline YAML; only its {section}: section is used.",
    )


def once_option(*decls: str, repeated_hint: str, **attrs: Any) -> Callable[[F], F]:
    """A ``click.option`` that may be given at most once: Click keeps the last of a
    repeated option silently, so ``ingest a.csv --mapping a.yaml b.csv --mapping b.yaml``
    read both files with ``b.yaml``. Given twice, a usage error naming the values and
    ``repeated_hint`` (what to do instead)."""

    def only_once(ctx: click.Context, param: click.Parameter, values: tuple[Any, ...]) -> Any:
        if len(values) > 1:
            given = ", ".join(str(v) for v in values)
            raise click.UsageError(
                f"{param.opts[-1]} was given {len(values)} times ({given}); it applies to "
                f"every file of the command, once. {repeated_hint}",
                ctx=ctx,
            )
        return values[0] if values else None

    return click.option(*decls, multiple=True, callback=only_once, **attrs)


show_victims_option = click.option(
    "--show-victims",
    is_flag=True,
    help="Show victims' names instead of their stable pseudonyms (Victim-xxxxxx).",
)


def _window_bound(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Refuse a ``--since``/``--until`` that is no date (checked before the case is read)."""
    if value is None:
        return None
    from linkgraph.metrics.temporal import window_end, window_start

    try:
        (window_start if param.name == "since" else window_end)(value)
    except (ValueError, TypeError, OverflowError):
        raise click.BadParameter(
            f"{value!r} is not a date; write it as YYYY-MM-DD (or an ISO date-time such "
            "as 2024-03-31T18:00)",
        ) from None
    return value


#: What a window's bounds mean, said the same in every command's --help.
WINDOW_RULE = (
    "A date without a time (2024-03-31) includes that whole day; a date-time "
    "(2024-03-31T18:00, UTC unless it names its offset) is taken as given."
)


def window_options(what: str) -> Callable[[F], F]:
    """``--since DATE`` / ``--until DATE``: a time window of the links, each judged by its
    own time; ``what`` says what the window applies to."""

    def decorate(func: F) -> F:
        until = click.option(
            "--until",
            metavar="DATE",
            callback=_window_bound,
            help=f"Only links timed on or before DATE {what}. {WINDOW_RULE}",
        )
        since = click.option(
            "--since",
            metavar="DATE",
            callback=_window_bound,
            help=f"Only links timed on or after DATE {what}. Undated links are left out, "
            "except a person's phone, account, ... (holdings) when what is held has a "
            "link in the window.",
        )
        return since(until(func))

    return decorate


def seed_option(func: F) -> F:
    """``--seed``: the random seed (recorded in the case manifest)."""
    return click.option(
        "--seed",
        type=int,
        default=0,
        show_default=True,
        help="Random seed (recorded in the manifest).",
    )(func)


# -- progress --------------------------------------------------------------------------

_LABEL_WIDTH = 26
_BAR_WIDTH = 24
#: Terminals that cannot move the cursor back (TERM=dumb, an editor's shell buffer):
#: each finished step is one plain line, nothing is redrawn.
_DUMB_TERMS = ("", "dumb", "unknown")


class ClickProgress:
    """The Progress protocol drawn as a bar on stderr.

    A step with a known ``total`` fills its bar and shows the percentage; a step without
    one shows a moving marker and the count of units done, and fills when it finishes.
    Each finished step leaves one line, no wider than the terminal (the label and the bar
    shrink on a narrow one, so the line never wraps into stale copies). A step stopped by
    an exception (Ctrl-C, an error) is left as it was, never drawn full. The line is
    redrawn with a carriage return only: no cursor escapes; on a terminal that cannot go
    back (TERM=dumb) only the finished step's line is written. Nothing is drawn when
    ``quiet`` or when the stream is not a terminal (pipes, logs, CI).
    """

    def __init__(self, quiet: bool, file: TextIO | None = None) -> None:
        import os

        self.file = sys.stderr if file is None else file
        self.quiet = quiet or not self.file.isatty()
        self.dumb = os.environ.get("TERM", "") in _DUMB_TERMS
        self._label: str | None = None
        self._total: int | None = None
        self._done = 0
        self._drawn = ""
        self._last = 0.0

    def _widths(self) -> tuple[int, int]:
        """The label's and the bar's widths that fit the terminal."""
        import shutil

        columns = shutil.get_terminal_size().columns
        # label, two spaces, [bar], two spaces, at most 8 of count or percentage; on a
        # narrow terminal the label keeps its words first, the bar shrinks to 6
        room = columns - 1 - 2 - 2 - 2 - 8
        label = max(4, min(_LABEL_WIDTH, room - 6))
        bar = max(4, min(_BAR_WIDTH, room - label))
        return label, bar

    def _line(self, full: bool) -> str:
        label_width, bar_width = self._widths()
        label = self._label or ""
        if len(label) > label_width:
            label = label[: label_width - 1] + "…"
        if self._total is not None:
            share = 1.0 if full else min(self._done / self._total, 1.0) if self._total else 0.0
            fill = round(share * bar_width)
            bar = "#" * fill + "-" * (bar_width - fill)
            info = f"{int(share * 100)}%"
        elif full:
            bar, info = "#" * bar_width, f"{self._done:,}" if self._done else ""
        else:
            at = self._done % bar_width
            bar = "-" * at + "#" + "-" * (bar_width - at - 1)
            info = f"{self._done:,}" if self._done else ""
        line = f"{label.ljust(label_width)}  [{bar}]  {info}".rstrip()
        return line[: label_width + bar_width + 15]  # never wider than _widths allowed

    def _draw(self, full: bool = False) -> None:
        import time

        if self.dumb:
            return
        now = time.monotonic()
        if not full and now - self._last < 0.1 and self._drawn:
            return
        self._last = now
        line = self._line(full)
        pad = " " * max(len(self._drawn) - len(line), 0)
        self.file.write("\r" + line + pad)
        self.file.flush()
        self._drawn = line

    def start(self, label: str, total: int | None = None) -> None:
        self.finish()
        if self.quiet:
            return
        self._label = label
        self._total = None if total is None else max(int(total), 0)
        self._done = 0
        self._drawn = ""
        self._draw()

    def advance(self, units: int = 1) -> None:
        if self._label is not None:
            self._done += units
            self._draw()

    def finish(self) -> None:
        if self._label is None:
            return
        if sys.exc_info()[0] is not None:
            # stopped by Ctrl-C or an error: the bar stays as it was, the line ends
            if self._drawn:
                self.file.write("\n")
        elif self.dumb:
            self.file.write(self._line(full=True) + "\n")
        else:
            self._draw(full=True)
            self.file.write("\n")
        self.file.flush()
        self._label = None
        self._drawn = ""


@contextmanager
def cli_progress(quiet: bool) -> Iterator[ClickProgress]:
    """A progress reporter for one command; bars only on an interactive terminal."""
    progress = ClickProgress(quiet)
    try:
        yield progress
    finally:
        progress.finish()


@contextmanager
def step(progress: ClickProgress, label: str) -> Iterator[None]:
    """One step without units of its own (a bar that fills when the step is done)."""
    progress.start(label)
    try:
        yield
    finally:
        progress.finish()


# -- tables ----------------------------------------------------------------------------


#: What the text tables do on a terminal and in a pipe, said in the table commands' --help.
TABLE_WIDTH_RULE = (
    'On a terminal the text table fits its width: long cells are cut (ending in "…"), '
    "then columns on the right are left out, with a note naming them; in a pipe or a "
    "file the table is printed whole (cells over 60 characters cut), lines unwrapped."
)


#: ``-n/--limit``: how many rows a table command prints as text (--csv/--json print all).
limit_option = click.option(
    "-n",
    "--limit",
    type=click.IntRange(min=1),
    default=50,
    show_default=True,
    help="How many rows to print as text (--csv and --json print all).",
)


def table_options(func: F) -> F:
    """``--csv`` / ``--json``: print the command's table for a script instead of a person."""
    func = click.option(
        "--json",
        "as_json",
        is_flag=True,
        help="Print the table as JSON records (one object per row) on stdout; lists are "
        "JSON lists, amounts numbers.",
    )(func)
    return click.option(
        "--csv",
        "as_csv",
        is_flag=True,
        help="Print the table as CSV on stdout (cells cannot trigger spreadsheet formulas). "
        + TABLE_WIDTH_RULE,
    )(func)


def table_format(as_csv: bool, as_json: bool) -> str:
    """The output format from the two flags: csv, json or text (both is a usage error)."""
    if as_csv and as_json:
        raise click.UsageError("give at most one of --csv and --json")
    return "csv" if as_csv else "json" if as_json else "text"


def say(text: str, fmt: str = "text") -> None:
    """A line for the person reading: stdout for a text table, stderr when stdout is data;
    wrapped at the terminal's width on a terminal, whole in a pipe or a file."""
    from linkgraph._terminal import terminal_columns, wrap_lines

    err = fmt != "text"
    click.echo(wrap_lines(text, terminal_columns(sys.stderr if err else sys.stdout)), err=err)


def emit_table(
    df: pd.DataFrame,
    fmt: str = "text",
    *,
    max_rows: int = 20,
    floatfmt: str = "{:.4g}",
    lists: Mapping[str, str | None] | None = None,
) -> None:
    """Print ``df`` as text (at most ``max_rows``), or all of it as CSV or JSON records.

    A named index (``entity_id``, ``hop``...) becomes the first column in CSV and JSON.
    ``lists`` names the list-valued columns with how their cells are written: ``None``
    for JSON text (``'["a.csv:1"]'``), else the separator (``";"``). In JSON they are
    real lists (``["a.csv:1"]``); text and CSV print the cells as they are.
    """
    if fmt == "text":
        echo_table(df, max_rows=max_rows, floatfmt=floatfmt)
        return
    frame = df.reset_index() if df.index.name is not None else df.reset_index(drop=True)
    if fmt == "csv":
        from linkgraph._io import safe_csv_frame

        click.echo(safe_csv_frame(frame).to_csv(index=False, lineterminator="\n"), nl=False)
        return
    import pandas as pd

    for col, sep in (lists or {}).items():
        if col in frame.columns:
            cells = [as_list(cell, sep) for cell in frame[col].tolist()]
            frame[col] = pd.Series(cells, index=frame.index, dtype=object)
    click.echo(json_records(frame))


def json_records(frame: pd.DataFrame) -> str:
    """``frame`` as a JSON list of records, ISO dates; numbers as the shortest text that
    reads back as the same float (``9.4672e-11``, ``1234.56``), not rounded to 10 decimal
    places as pandas writes them (which made a small eigenvector centrality ``1e-10``).

    Examples:
        >>> import pandas as pd
        >>> json_records(pd.DataFrame({"v": [9.4672e-11, 1234.56, None], "n": [1, 2, 3]}))
        '[{"v":9.4672e-11,"n":1},{"v":1234.56,"n":2},{"v":null,"n":3}]'
    """
    text = frame.to_json(
        orient="records", date_format="iso", force_ascii=False, double_precision=15
    )
    if not any(kind == "f" for kind in frame.dtypes.map(lambda d: getattr(d, "kind", "O"))):
        return text
    import json

    # pandas writes 15 decimal places (0.000000000094672, 1234.559999999999945): read back,
    # each is the float it stood for, and Python writes that float's shortest form.
    return json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":"))


def as_list(cell: object, sep: str | None = None) -> list[Any]:
    """A list-valued cell as a list: JSON text when ``sep`` is None, else ``sep``-joined
    items (stripped, empty ones left out); a list as it is; a null or empty cell is []."""
    import json

    if isinstance(cell, list | tuple):
        return list(cell)
    if not isinstance(cell, str) or not cell.strip():
        return []
    if sep is None:
        value = json.loads(cell)
        return value if isinstance(value, list) else [value]
    return [item.strip() for item in cell.split(sep) if item.strip()]


def read_case(case_dir: Path, *, evidence: bool = True) -> Case:
    """Read a case folder (errors are rendered by the CLI group); without ``evidence``,
    the scored pairs of resolution are left unread (millions of rows in a large case,
    most of its reading time and memory): a command that shows no resolution detail does
    not need them, and the privacy checks read the few columns they use from the folder."""
    from linkgraph.model import Case

    return Case.read(case_dir, columns=None if evidence else {"evidence": []})


_MONEY_COLUMN = re.compile(r"(?:^|_)amounts?(?:$|_)|^money_")


def is_money_column(name: object) -> bool:
    """Whether a table's column holds money (``amount``, ``total_amount``, a routes
    table's ``money_EUR``): printed in full, with two decimals.

    Examples:
        >>> is_money_column("amount"), is_money_column("money_EUR"), is_money_column("weight")
        (True, True, False)
    """
    return bool(_MONEY_COLUMN.search(str(name)))


def float_cell(value: float, floatfmt: str = "{:.4g}", *, money: bool = False) -> str:
    """A float of a text table: money in full with two decimals and thousands separators
    (``1,234,567.89``); another number in ``floatfmt``, unless that would write a large
    one in exponent notation (``1.235e+06``): then in full, a whole number without
    decimals (``1,234,567``); empty for a missing value.

    Examples:
        >>> float_cell(1234567.89, money=True), float_cell(0.5, money=True)
        ('1,234,567.89', '0.50')
        >>> float_cell(0.123456), float_cell(1234567.0), float_cell(12345.678)
        ('0.1235', '1,234,567', '12,345.68')
        >>> float_cell(float("nan"))
        ''
    """
    import math

    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if money:
        return f"{value:,.2f}"
    text = floatfmt.format(value)
    if "e+" in text and math.isfinite(value):
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    return text


def echo_table(df: pd.DataFrame, *, max_rows: int = 20, floatfmt: str = "{:.4g}") -> None:
    """Print a DataFrame as a plain, aligned table on stdout, long cells cut to
    :data:`linkgraph._terminal.MAX_CELL_WIDTH` characters; on a terminal, fitted to its
    width (:func:`linkgraph._terminal.fitted_table`), with a note naming the columns left
    out. In a pipe or a file, every column (scripts read it)."""
    import pandas as pd

    from linkgraph._terminal import fitted_table, terminal_columns, wrap_lines

    if df.empty:
        click.echo("(no rows)")
        return
    shown = df.head(max_rows).copy()
    for col in shown.columns:
        if pd.api.types.is_float_dtype(shown[col]):
            money = is_money_column(col)
            shown[col] = shown[col].map(lambda v, money=money: float_cell(v, floatfmt, money=money))
    columns = terminal_columns(sys.stdout)
    text, left_out = fitted_table(shown, index=shown.index.name is not None, columns=columns)
    click.echo(text)
    if left_out:
        note = (
            f"(left out to fit {columns} columns: {', '.join(left_out)}; --csv or --json "
            "print every column)"
        )
        click.echo(wrap_lines(note, columns))
    if len(df) > max_rows:
        click.echo(f"... {len(df) - max_rows:,} more rows")
