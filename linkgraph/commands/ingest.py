"""CLI commands: ingest."""

import click

COMMANDS: list[click.Command] = []
