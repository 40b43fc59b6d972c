"""The ``linkgraph`` command: a thin click shell over the public API.

Commands are loaded on demand: ``linkgraph --help`` imports only the light command modules
(click and their own decorators), and the library (pandas, igraph, the stages) is imported
inside the command that runs. Adding a command is one line in :data:`COMMANDS`.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import signal
import sys
import threading
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click

from linkgraph import __version__
from linkgraph._finished import finished_outputs, forget_finished
from linkgraph._process_memory import NO_NUMPY_HUGE_PAGES
from linkgraph._terminal import PrintableStream, brief, printable, wants_ascii
from linkgraph.errors import CommandLineError, LinkgraphError, LinkgraphWarning

#: Exit statuses of every command (said in `linkgraph --help` and docs/concepts.md).
EXIT_BAD_INPUT = 1  # the files, the case or the config are not usable; a disk is full ...
EXIT_USAGE = 2  # a usage error: an unknown option, a bad value or path on the command line
EXIT_INTERNAL = 3  # an internal error: a bug in linkgraph

EXIT_STATUSES = (
    "Exit status: 0 done; 1 bad input (a file, the case or a config that cannot be used, "
    "a disk full or not writable); 2 usage error (an unknown command or option, a bad "
    "value, a path on the command line that does not exist or is the wrong kind); 3 "
    "internal error (a bug in linkgraph: --debug shows the traceback); 130 stopped by "
    "Ctrl-C; 143 stopped by SIGTERM."
)


def _exception(message: str, exit_code: int) -> click.ClickException:
    """A ClickException printing ``Error: message`` and exiting with ``exit_code``."""
    err = click.ClickException(message)
    err.exit_code = exit_code
    return err


if sys.platform.startswith("linux"):
    # Arrow's jemalloc pool, not its default mimalloc, for every command (Linux wheels
    # ship it; a user's ARROW_DEFAULT_MEMORY_POOL wins): mimalloc spent seconds in the
    # kernel here (analyze of 100k entities: 9.1 against 2.5 s of system time; people
    # ingest 0.7-2.4 against 0.35 s). Set before pyarrow is imported, so --help imports
    # nothing more. Library calls get the same pool from linkgraph._arrow_pool.
    os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "jemalloc")
    # No transparent huge pages for numpy's arrays (a user's setting wins): the kernel
    # zeroes each whole on first touch, and at 1M people that was 20-30 s of resolve's
    # system time (see linkgraph._process_memory).
    os.environ.setdefault(*NO_NUMPY_HUGE_PAGES)

#: command name -> the module of linkgraph.commands that defines it (in its COMMANDS list)
COMMANDS: dict[str, str] = {
    "demo": "pipeline",
    "run": "pipeline",
    "config": "pipeline",
    "synth": "synth",
    "ingest": "ingest",
    "mapping": "ingest",
    "remove-source": "ingest",
    "mentions": "mentions",
    "rejects": "mentions",
    "entities": "entities",
    "links": "entities",
    "resolve": "resolve",
    "explain": "resolve",
    "review": "resolve",
    "decide": "resolve",
    "evaluate": "resolve",
    "analyze": "analyze",
    "path": "analyze",
    "keyplayers": "analyze",
    "ego": "analyze",
    "render": "render",
    "report": "render",
    "export": "export",
    "share": "share",
    "link": "share",
    "disclose": "share",
    "reveal": "share",
    "stability": "stability",
    "routes": "routes",
}


def load_command(name: str) -> click.Command | None:
    """The click command ``name`` from its module, imported now; None when unknown."""
    module_name = COMMANDS.get(name)
    if module_name is None:
        return None
    module = importlib.import_module(f"linkgraph.commands.{module_name}")
    for command in getattr(module, "COMMANDS", ()):
        if command.name == name:
            return command
    raise RuntimeError(f"linkgraph.commands.{module_name} does not define the command {name!r}")


_default_show_warning = warnings.showwarning


def _warning_printer() -> Callable[..., None]:
    """A ``warnings.showwarning`` for one command: linkgraph's warnings as ``warning: ...``
    lines on stderr (no file or line of the code), each text once however many steps warn
    it (render reads the graph for the map, the legend, the timeline ...); other warnings
    as Python shows them."""
    shown: set[str] = set()

    def show(
        message: Warning | str,
        category: type[Warning],
        filename: str,
        lineno: int,
        file: Any = None,
        line: str | None = None,
    ) -> None:
        if not issubclass(category, LinkgraphWarning):
            _default_show_warning(message, category, filename, lineno, file, line)
        elif str(message) not in shown:
            shown.add(str(message))
            click.echo(printable(f"warning: {brief(str(message))}"), err=True)

    return show


def internal_error_message(err: BaseException) -> str:
    """The short message for an unexpected exception: the system's words for a file or
    memory problem, otherwise "internal error" (a bug in linkgraph); both say how to get
    the traceback."""
    what = str(err).splitlines()[0][:300] if str(err) else ""
    if isinstance(err, OSError) and err.strerror:
        where = f"{err.filename}: " if err.filename else ""
        return (
            f"{where}{err.strerror}\nHint: check the path, its permissions and the free disk "
            "space (`linkgraph --debug ...` shows the traceback)"
        )
    if isinstance(err, MemoryError):
        return (
            "out of memory\nHint: close other programs or run on a machine with more memory "
            "(`linkgraph --debug ...` shows the traceback)"
        )
    return (
        f"internal error ({type(err).__name__}{': ' + what if what else ''})\n"
        "Hint: this is a bug in linkgraph, not in your files; run the same command with "
        "`linkgraph --debug ...` to see the traceback, and report it"
    )


def interrupted_message(
    command: str | None, finished: list[Path], *, signal_name: str | None = None
) -> str:
    """The one line after Ctrl-C (or, naming ``signal_name``, after the process was sent
    SIGTERM): which command stopped, what it had written in full, and that nothing is
    left half-written (cases, maps, reports and exports are replaced whole or not at all,
    see :mod:`linkgraph._finished`).

    Examples:
        >>> interrupted_message("resolve", [])  # doctest: +NORMALIZE_WHITESPACE
        'Interrupted: `linkgraph resolve` stopped before writing anything: the case folder
         and the other outputs are as they were (each is replaced whole or not at all, never
         left half-written); run the command again to finish.'
        >>> interrupted_message("run", [Path("out/case")])  # doctest: +ELLIPSIS
        'Interrupted: `linkgraph run` stopped after writing out/case in full; its other ...'
        >>> interrupted_message("resolve", [], signal_name="SIGTERM")  # doctest: +ELLIPSIS
        'Terminated (SIGTERM): `linkgraph resolve` stopped before writing anything: ...'
    """
    name = f"`linkgraph {command}`" if command else "linkgraph"
    head = "Interrupted" if signal_name is None else f"Terminated ({signal_name})"
    whole = "(each is replaced whole or not at all, never left half-written); run the command "
    if not finished:
        return (
            f"{head}: {name} stopped before writing anything: the case folder and the "
            f"other outputs are as they were {whole}again to finish."
        )
    written = ", ".join(printable(str(p)) for p in finished)
    return (
        f"{head}: {name} stopped after writing {written} in full; its other outputs "
        f"are as they were {whole}again to finish."
    )


class Terminated(SystemExit):
    """Raised in the main thread when the process is sent SIGTERM (a timeout, a job
    scheduler, a shutdown), so that it unwinds as after Ctrl-C: the temporary folder of an
    unfinished case and the unpacked copies of archives are removed."""


@contextlib.contextmanager
def terminated_as_exit() -> Iterator[None]:
    """While inside, SIGTERM raises :class:`Terminated` (exit status 128 + 15) in this
    process; a process forked meanwhile (a metric's worker) still dies of it at once. The
    handler before is restored on leaving. Outside the main thread, nothing is changed."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    owner = os.getpid()

    def terminate(signum: int, frame: Any) -> None:
        if os.getpid() != owner:  # a forked child: die as before
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        raise Terminated(128 + signum)

    before = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, before)


class LinkgraphGroup(click.Group):
    """Loads commands lazily from :data:`COMMANDS`, and renders LinkgraphError as
    `Error: where: what` + `Hint: how`, exit status 1 (2 for a path on the command line
    that cannot be used: CommandLineError); any other exception likewise as one short
    message (:func:`internal_error_message`), exit status 3 (1 for a file or memory
    problem), the traceback only with --debug. See :data:`EXIT_STATUSES`."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(COMMANDS) | set(self.commands))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = self.commands.get(cmd_name) or load_command(cmd_name)
        if command is not None:
            self.commands[cmd_name] = command
        return command

    def invoke(self, ctx: click.Context) -> Any:
        # Case data reaches the terminal only as printable text (no ESC/OSC, no bidi).
        # Arrows and ellipses in ASCII where the terminal or encoding cannot show them.
        stdout, stderr = sys.stdout, sys.stderr
        sys.stdout = PrintableStream(stdout, ascii=wants_ascii(stdout))  # type: ignore[assignment]
        sys.stderr = PrintableStream(  # type: ignore[assignment]
            stderr, ascii=wants_ascii(stderr), control=False
        )
        forget_finished()  # one record per command (CliRunner runs several in a process)
        from linkgraph import _casefs

        # A writer waiting for another's case lock says so (once, after a second).
        _casefs.wait_notice = lambda message: click.echo(message, err=True)
        try:
            with warnings.catch_warnings(), terminated_as_exit():
                warnings.showwarning = _warning_printer()
                return super().invoke(ctx)
        except Terminated:
            # As after Ctrl-C: which command stopped and what state the outputs are in;
            # exit status 143 (128 + SIGTERM), as a shell reports a command so stopped.
            message = interrupted_message(
                ctx.invoked_subcommand, finished_outputs(), signal_name="SIGTERM"
            )
            click.echo(("\n" if sys.stderr.isatty() else "") + message, err=True)
            raise
        except KeyboardInterrupt:
            # Not click's bare "Aborted!": say what state the outputs are in. Exit 130
            # (128 + SIGINT), as a shell reports a command stopped by Ctrl-C.
            if ctx.obj and ctx.obj.get("debug"):
                raise
            message = interrupted_message(ctx.invoked_subcommand, finished_outputs())
            click.echo(("\n" if sys.stderr.isatty() else "") + message, err=True)
            ctx.exit(130)
        except LinkgraphError as err:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            code = EXIT_USAGE if isinstance(err, CommandLineError) else EXIT_BAD_INPUT
            raise _exception(printable(err.render()), code) from err
        except BrokenPipeError:
            ctx.exit(0)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as err:
            # A bug, not bad input: still one short message, the traceback only with --debug.
            if ctx.obj and ctx.obj.get("debug"):
                raise
            # a file or memory problem is the machine's, not linkgraph's: status 1
            environment = isinstance(err, OSError | MemoryError)
            code = EXIT_BAD_INPUT if environment else EXIT_INTERNAL
            raise _exception(printable(internal_error_message(err)), code) from err
        finally:
            sys.stdout, sys.stderr = stdout, stderr
            _casefs.wait_notice = None


@click.group(
    cls=LinkgraphGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog=EXIT_STATUSES,
)
@click.version_option(__version__, prog_name="linkgraph")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of short error messages.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Link analysis of trafficking and other criminal networks.

    Case exports from several agencies go in; the same people, phones and accounts are
    resolved into entities; the network is analysed; an offline HTML map comes out.

    \b
    Start here:
        linkgraph demo                # whole pipeline on the bundled sample case
        linkgraph synth -o mycase/    # generate a realistic synthetic case
        linkgraph run pipeline.yaml   # whole pipeline on your own files

    \b
    Step by step, over a case folder:
        linkgraph ingest FILE... --preset people -o case/
        linkgraph resolve case/
        linkgraph analyze case/
        linkgraph render case/ -o map.html
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug
