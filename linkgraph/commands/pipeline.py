"""CLI commands: pipeline."""

import click

COMMANDS: list[click.Command] = []
