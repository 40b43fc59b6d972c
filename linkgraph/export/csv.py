"""CSV export: one formula-safe UTF-8 file per table in a folder, for Excel and any tool;
each starts with a UTF-8 byte order mark, without which Excel reads it in the machine's
ANSI code page (Cyrillic and Arabic names garbled). Readers that know UTF-8 skip it
(pandas, Python's ``utf-8-sig``, LibreOffice, R's ``readr``)."""

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
        write_csv(df, path / f"{name}.csv", bom=True)
        report.files.append(f"{name}.csv")
        report.counts[name] = len(df)
    report_left_out(data, report)
    report.note(
        "Each file starts with a UTF-8 byte order mark, so that Excel reads it as UTF-8. "
        "CSV has no types: numbers, true/false and ISO 8601 UTC times are text; multi-valued "
        "fields are ';'-joined and source_rows is a JSON list. Text cells that a spreadsheet "
        "would run as a formula start with a single quote (signed numbers and phones such as "
        "+40721003001 are kept as they are)."
    )
    report.note(
        "Provenance: source, agency and row on every mention and source link; "
        "source_rows on every entity and link."
    )
