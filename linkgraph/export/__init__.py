"""Exports to the tools analysts use: csv, xlsx, gexf, graphml, sqlite, neo4j, ftm, i2.

Every export reads the Case's tables (it recomputes no analysis), shows victims by pseudonym
unless ``show_victims``, carries provenance where the format has room, and writes a loss
report beside its output (:class:`LossReport`).
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from linkgraph.errors import ConfigError
from linkgraph.export.loss import LossReport
from linkgraph.model import Case

if TYPE_CHECKING:
    from linkgraph.export._data import ExportData

#: Format name -> module in this package, in the order the CLI lists them.
FORMATS: dict[str, str] = {
    "csv": "csv",
    "xlsx": "xlsx",
    "gexf": "gexf",
    "graphml": "graphml",
    "sqlite": "sqlite",
    "neo4j": "neo4j",
    "ftm": "ftm",
    "i2": "i2",
}


def loss_report_path(format: str, path: str | os.PathLike[str]) -> Path:
    """Where the loss report of an export to ``path`` goes."""
    target = Path(path)
    if _module(format).DIRECTORY:
        return target / "loss_report.json"
    return target.with_name(target.name + ".loss.json")


def _module(format: str):  # -> the format's module
    if format not in FORMATS:
        raise ConfigError(
            f"unknown export format {format!r}", hint=f"use one of: {', '.join(FORMATS)}"
        )
    return importlib.import_module(f"linkgraph.export.{FORMATS[format]}")


def export(
    case: Case | str | os.PathLike[str],
    format: str,
    path: str | os.PathLike[str],
    *,
    show_victims: bool = False,
) -> LossReport:
    """Export ``case`` (a Case or a case folder) as ``format`` to ``path``.

    Returns the loss report, which is also written beside the output (see
    :func:`loss_report_path`). Victims are shown by pseudonym unless ``show_victims``.

    Raises:
        OutputError: ``path`` is a file where the format writes a folder (csv, neo4j,
            i2), or a folder where it writes a file.
    """
    from linkgraph._io import guard_sources

    origin = case
    if isinstance(case, Case):
        origin = None if case.origin is None else case.origin.path
    if origin is None:
        return _export(case, format, path, show_victims=show_victims)
    with guard_sources(origin):  # never over one of the case's source files
        return _export(case, format, path, show_victims=show_victims)


def _export(
    case: Case | str | os.PathLike[str],
    format: str,
    path: str | os.PathLike[str],
    *,
    show_victims: bool,
) -> LossReport:
    import shutil

    from linkgraph._io import check_file_output, check_folder_output, output_errors
    from linkgraph.export._data import prepare

    module = _module(format)
    if module.DIRECTORY:
        check_folder_output(path)
    else:
        check_file_output(path, suffix=f".{format}")
    if not isinstance(case, Case):
        case = Case.read(case)
    data = prepare(case, show_victims=show_victims)
    target = Path(path)
    made = module.DIRECTORY and not target.exists() and not target.is_symlink()
    report = LossReport(format=format, path=str(target))
    try:
        with output_errors(target):  # named after the output, not a temporary file
            module.write(data, target, report)
            if data.protected:
                report.note(_victims_note(data))
            report.write(loss_report_path(format, target))
    except BaseException:
        if made:  # the folder this export made: its files are incomplete ("not written")
            shutil.rmtree(target, ignore_errors=True)
        raise
    return report


def _victims_note(data: ExportData) -> str:
    """How the export shows victims: the number of victim entities (entities whose role is
    a victim's, one per person however many mentions), then of the identifiers they hold
    or use, which are shown by pseudonym with them."""
    identifiers = len(data.protected - data.victims)
    also = (
        f" with {identifiers:,} phone(s), e-mail(s) or other identifiers victims hold or use"
        if identifiers
        else ""
    )
    if data.show_victims:
        return f"{len(data.victims):,} victim(s){also} shown by name (--show-victims)."
    return (
        f"{len(data.victims):,} victim(s) shown by pseudonym (Victim-xxxxxx){also}; "
        f"{data.withheld:,} identifying values of their mentions withheld "
        "(--show-victims to include them)."
    )


__all__ = ["FORMATS", "LossReport", "export", "loss_report_path"]
