"""The loss report: what an export format cannot hold, and how many values that affects."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from linkgraph._io import write_text


@dataclass
class LossReport:
    """What one export kept, dropped or changed.

    ``items`` are the losses (``what``, ``values`` affected, ``note``); ``notes`` say where
    provenance went and how victims were protected; ``warnings`` what a user must know
    before opening the output (printed first, and in the one-line summary).
    """

    format: str
    path: str
    items: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def lose(self, what: str, values: int, note: str) -> None:
        """Record that ``values`` values of ``what`` could not be held as they are."""
        if values:
            self.items.append({"what": what, "values": int(values), "note": note})

    def note(self, text: str) -> None:
        """Record a remark (provenance, victim protection)."""
        self.notes.append(text)

    def warn(self, text: str) -> None:
        """Record a warning: what makes the output unsafe to use in some way."""
        self.warnings.append(text)

    @property
    def lossless(self) -> bool:
        """Whether nothing was lost."""
        return not self.items

    def to_dict(self) -> dict[str, Any]:
        """The report as plain JSON-able data."""
        return {
            "format": self.format,
            "path": Path(self.path).name,  # the name only: same case, same bytes
            "files": self.files,
            "counts": self.counts,
            "lossless": self.lossless,
            **({"warnings": self.warnings} if self.warnings else {}),
            "losses": self.items,
            "notes": self.notes,
        }

    def text(self) -> str:
        """The report as lines for a terminal."""
        counts = ", ".join(f"{v:,} {k}" for k, v in self.counts.items())
        lines = [f"Export {self.format}: {self.path} ({counts})"]
        lines += [f"Warning: {w}" for w in self.warnings]
        if self.lossless:
            lines.append("Loss report: nothing lost.")
        else:
            lines.append("Loss report (what this format cannot hold):")
            lines += [f"  - {i['what']}: {i['values']:,} values. {i['note']}" for i in self.items]
        lines += [f"Note: {n}" for n in self.notes]
        return "\n".join(lines)

    def summary(self, details: str | Path) -> str:
        """The report in one line (``export -q``), pointing at ``details``, the file that
        holds it whole."""
        counts = ", ".join(f"{v:,} {k}" for k, v in self.counts.items())
        if self.lossless:
            lost = "nothing lost"
        else:
            values = sum(i["values"] for i in self.items)
            kinds = len(self.items)
            lost = f"{kinds} kind{'s' * (kinds > 1)} of data not held ({values:,} values)"
        notes = f", {len(self.notes)} note{'s' * (len(self.notes) > 1)}" if self.notes else ""
        warnings = "".join(f"; Warning: {w.rstrip('.')}" for w in self.warnings)
        return (
            f"Export {self.format}: {self.path} ({counts}){warnings}; {lost}{notes}; "
            f"details: {details}"
        )

    def write(self, path: str | Path) -> Path:
        """Write the report as JSON to ``path``."""
        text = json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"
        return write_text(path, text)
