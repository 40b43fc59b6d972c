"""The record, kept in a case folder, of the outputs made from it that name victims.

A map, report, export or partner bundle made with ``--show-victims`` (or
``--include-victims``) names the people every other output protects. Each one made is
recorded as a line of ``named_outputs.jsonl`` in the case folder: when (UTC), by which
command, and where it was written, so that an analyst (or an auditor) can tell which
files must not leave the agency. The line is appended (the manifest is left alone, so
that another command's read of the case is not made stale), and the file goes with the
case when a later command writes it.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

#: The file of the record, in the case folder.
NAMED_OUTPUTS_FILE = "named_outputs.jsonl"


def record_named_output(case_dir: Path, command: str, output: Path | str | None) -> None:
    """Append to the record of ``case_dir`` that ``command`` wrote ``output`` naming
    victims (nothing is recorded when the folder cannot be written: the command said
    where its output went, and a read-only case stays as it is)."""
    entry = {
        "time": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "command": command,
        "output": None if output is None else str(Path(output).resolve()),
    }
    line = json.dumps(entry, ensure_ascii=False) + "\n"
    try:
        fd = os.open(Path(case_dir) / NAMED_OUTPUTS_FILE, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
    except OSError:
        return
    try:
        os.write(fd, line.encode("utf-8"))
    finally:
        os.close(fd)


def named_outputs(case_dir: Path) -> list[dict[str, Any]]:
    """The outputs of ``case_dir`` recorded as naming victims, oldest first."""
    path = Path(case_dir) / NAMED_OUTPUTS_FILE
    if not path.is_file():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError:
            continue  # a line cut by a crash
    return out
