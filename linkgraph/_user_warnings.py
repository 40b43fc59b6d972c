"""Warnings that point at the user's code: the line of the notebook cell or script that
called linkgraph, not the line inside linkgraph that raised them (however deep, and
behind however many wrappers: ``linkgraph._arguments.checked``, the lazy stages)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

#: linkgraph's own folder: frames of files under it are skipped.
_PACKAGE = str(Path(__file__).resolve().parent) + os.sep


def user_stacklevel() -> int:
    """The ``stacklevel`` that makes a ``warnings.warn`` in the caller point at the first
    frame outside linkgraph (1: the caller itself, when nothing is outside)."""
    frame = sys._getframe(1)
    level = 1
    while frame is not None and _inside(frame.f_code.co_filename):
        frame = frame.f_back  # type: ignore[assignment]
        level += 1
    return level if frame is not None else 1


def _inside(filename: str) -> bool:
    try:
        return f"{Path(filename).resolve()}{os.sep}".startswith(_PACKAGE)
    except (OSError, ValueError):
        return False
