"""CLI commands: render."""

import click

COMMANDS: list[click.Command] = []
