"""``python -m linkgraph``: the same command line as ``linkgraph``."""

from linkgraph.cli import cli

if __name__ == "__main__":
    cli(prog_name="linkgraph")
