"""The outputs this process finished writing, for the message after Ctrl-C: every case
folder, map, report and export file is replaced whole or not at all, so what is not listed
here holds what it held before the command started."""

from __future__ import annotations

import os
from pathlib import Path

_finished: list[Path] = []


def record_finished(path: str | os.PathLike[str]) -> None:
    """Note that ``path`` (a file or case folder) was just replaced whole."""
    _finished.append(Path(path))


def finished_outputs() -> list[Path]:
    """The outputs recorded so far, in the order written, each once."""
    return list(dict.fromkeys(_finished))


def forget_finished() -> None:
    """Start a new record (one per command run, e.g. under click's CliRunner)."""
    _finished.clear()
