"""CLI command: export (a case to Gephi, i2, Aleph, Neo4j, Excel, SQLite ...)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from linkgraph.commands._common import (
    case_argument,
    cli_progress,
    show_victims_option,
    step,
)
from linkgraph.named_outputs import record_named_output

#: Kept here (not imported from linkgraph.export) so `linkgraph --help` stays fast.
FORMAT_NAMES = ("csv", "xlsx", "gexf", "graphml", "sqlite", "neo4j", "ftm", "i2")


@click.command()
@case_argument
@click.option(
    "-f", "--format", "fmt", type=click.Choice(FORMAT_NAMES), required=True,
    help="Target format (see Formats above).",
)  # fmt: skip
@click.option(
    "-o", "--out", "out_path", type=click.Path(path_type=Path), required=True,
    help="File to write (a folder for csv, neo4j and i2).",
)  # fmt: skip
@show_victims_option
@click.option("--json", "as_json", is_flag=True, help="Print the loss report as JSON.")
@click.option(
    "-q", "--quiet", is_flag=True,
    help="No progress bars, and the loss report in one line (the file it names holds it whole).",
)  # fmt: skip
def export(
    case_dir: Path, fmt: str, out_path: Path, show_victims: bool, as_json: bool, quiet: bool
) -> None:
    """Export CASE_DIR for the tools analysts already use, with a loss report.

    \b
    Formats:
        csv      a folder of formula-safe CSV files (entities, links,
                 communities, ...): a cell a spreadsheet would run as a
                 formula starts with '; UTF-8 with a byte order mark, so
                 that Excel reads non-Latin names right
        xlsx     one Excel workbook, one sheet per table
        gexf     Gephi (GEXF 1.3): measures, communities, link kinds, time
                 as spells
        graphml  networkx, igraph, Gephi, yEd, Cytoscape
        sqlite   the case tables in one SQLite file (browse with datasette)
        neo4j    neo4j-admin database import CSVs and a Cypher script; their text
                 is written exactly, NOT guarded against spreadsheet formulas
                 (a cell "=1+1" stays so): do not open them in a spreadsheet
                 (the export counts such values and warns); UTF-8 without
                 a byte order mark
        ftm      FollowTheMoney entities (JSON lines) for Aleph
        i2       an Analyst's Notebook chart (.anx) and entity/link CSVs (with
                 a byte order mark) with an import specification

    Victims are shown by pseudonym unless --show-victims; an export that names them
    says so inside itself (a README.txt beside a folder's tables, a README sheet, a
    graph attribute, the chart's or SQLite file's notes; not FtM). The loss report (what
    the format cannot hold, and how many values that affects) is printed and written
    beside the output; with -q only its one-line summary is printed.

    \b
    Examples:
        linkgraph export case/ -f gexf -o case.gexf
        linkgraph export case/ -f i2 -o i2-chart/
    """
    from linkgraph.export import export as run_export
    from linkgraph.export import loss_report_path
    from linkgraph.progress import reporting_to

    # the bar counts the rows written (csv, xlsx, sqlite: table by table; gexf: by 5,000)
    with cli_progress(quiet) as progress, step(progress, f"export {fmt}"), reporting_to(progress):
        report = run_export(case_dir, fmt, out_path, show_victims=show_victims)
    if show_victims:
        record_named_output(case_dir, f"export -f {fmt} --show-victims", out_path)
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
        return
    if quiet:
        click.echo(report.summary(loss_report_path(fmt, out_path)))
        return
    click.echo(report.text())
    click.echo(f"Loss report: {loss_report_path(fmt, out_path)}")


COMMANDS: list[click.Command] = [export]
