"""Generate docs/cli.md from the commands' --help: `python -m linkgraph.commands._reference`."""

from __future__ import annotations

import sys

import click


def _walk(command: click.Command, path: list[str]) -> list[tuple[list[str], click.Command]]:
    out = [(path, command)]
    if isinstance(command, click.Group):
        ctx = click.Context(command, info_name=path[-1])
        for name in sorted(command.list_commands(ctx)):
            sub = command.get_command(ctx, name)
            assert sub is not None, f"{' '.join(path)} lists {name} but cannot load it"
            out.extend(_walk(sub, [*path, name]))
    return out


def cli_reference() -> str:
    """The Markdown CLI reference: every command's --help, in a stable order."""
    from linkgraph.cli import cli

    parts = [
        "# CLI reference\n",
        "Generated from `linkgraph --help` by",
        "`python -m linkgraph.commands._reference > docs/cli.md`;",
        "a test fails when this file is stale.\n",
    ]
    root = click.Context(cli, info_name="linkgraph", max_content_width=100, **cli.context_settings)
    for path, command in _walk(cli, ["linkgraph"]):
        name = " ".join(path)
        # a child context inherits the group's settings (-h, width), as on the command line
        ctx = root
        group: click.Command = cli
        for part in path[1:]:
            group = group.get_command(ctx, part)  # type: ignore[attr-defined]
            ctx = click.Context(group, info_name=part, parent=ctx)
        text = command.get_help(ctx)
        parts.append(f"## `{name}`\n\n```text\n{text}\n```\n")
    return "\n".join(parts)


if __name__ == "__main__":
    sys.stdout.write(cli_reference())
