"""The ``linkgraph`` command: a thin click shell over the public API."""

from __future__ import annotations

import importlib
from typing import Any

import click

from linkgraph import __version__
from linkgraph.errors import LinkgraphError

_COMMAND_MODULES = ("pipeline", "synth", "ingest", "resolve", "analyze", "render", "share")


class LinkgraphGroup(click.Group):
    """Renders LinkgraphError as `Error: where: what` + `Hint: how`, exit code 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except LinkgraphError as err:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            raise click.ClickException(err.render()) from err
        except BrokenPipeError:
            ctx.exit(0)


@click.group(cls=LinkgraphGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="linkgraph")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of short error messages.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Link analysis of trafficking and other criminal networks.

    Case exports from several agencies go in; the same people, phones and accounts are
    resolved into entities; the network is analysed; an offline HTML map comes out.

    \b
    Start here:
        linkgraph demo                 # whole pipeline on the bundled sample case
        linkgraph synth -o mycase/     # generate a realistic synthetic case
        linkgraph run pipeline.yaml    # whole pipeline on your own files

    \b
    Step by step, over a case folder:
        linkgraph ingest FILE... --preset people -o case/
        linkgraph resolve case/
        linkgraph analyze case/
        linkgraph render case/ -o map.html
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


for _name in _COMMAND_MODULES:
    _module = importlib.import_module(f"linkgraph.commands.{_name}")
    for _command in getattr(_module, "COMMANDS", ()):
        cli.add_command(_command)
