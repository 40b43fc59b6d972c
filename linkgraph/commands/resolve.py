"""CLI commands: resolve."""

import click

COMMANDS: list[click.Command] = []
