"""CSV export: one formula-safe UTF-8 file per table in a folder, for Excel and any tool."""

from __future__ import annotations

from pathlib import Path

from linkgraph._io import write_csv
from linkgraph.export._data import ExportData, write_victims_readme
from linkgraph.export.loss import LossReport
from linkgraph.export.tables import flat_tables, report_left_out

DIRECTORY = True


def write(data: ExportData, path: Path, report: LossReport) -> None:
    """Write ``entities.csv``, ``links.csv``, ``communities.csv`` and the case tables."""
    path.mkdir(parents=True, exist_ok=True)
    write_victims_readme(data, path, report)
    for name, df in flat_tables(data).items():
        write_csv(df, path / f"{name}.csv")
        report.files.append(f"{name}.csv")
        report.counts[name] = len(df)
    report_left_out(data, report)
    report.note(
        "CSV has no types: numbers, true/false and ISO 8601 UTC times are text; multi-valued "
        "fields are ';'-joined and source_rows is a JSON list. Text cells that a spreadsheet "
        "would run as a formula start with a single quote (signed numbers and phones such as "
        "+40721003001 are kept as they are)."
    )
    report.note(
        "Provenance: source, agency and row on every mention and source link; "
        "source_rows on every entity and link."
    )
