"""CLI commands: synth."""

import click

COMMANDS: list[click.Command] = []
