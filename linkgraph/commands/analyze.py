"""CLI commands: analyze."""

import click

COMMANDS: list[click.Command] = []
