"""What the ingest summary says of local times in a daylight-saving change.

A local time the zone's clock shows twice (the hour it is turned back) or never (the hour
it skips) has no single reading: :func:`linkgraph.ingest._columns._localize` reads it with
the offset in force before the change, and the summary says so, per time column, with the
count, the first rows and an example (never a victim's row), so that the analyst can check
those times before relying on their order.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from linkgraph.ingest._columns import AMBIGUOUS, NONEXISTENT
from linkgraph.ingest._examples import Example, Examples

#: ``ctx.state`` key of the source's :class:`DstTimes` per time column.
DST_TIMES = "dst times"
#: How many rows a warning names.
_ROWS_SAID = 5


@dataclass
class _Kind:
    count: int = 0
    rows: list[int] = field(default_factory=list)
    example: Example = field(default_factory=Example)


@dataclass
class DstTimes:
    """The times of one column read in a daylight-saving change, for the summary."""

    column: str
    zone: str
    kinds: dict[int, _Kind] = field(
        default_factory=lambda: {AMBIGUOUS: _Kind(), NONEXISTENT: _Kind()}
    )
    seen: set[int] = field(default_factory=set)  # file rows counted (slot and link alike)

    def add(
        self,
        examples: Examples,
        dst: np.ndarray,
        rows: np.ndarray,
        written: pd.Series,
        times: pd.Series,
    ) -> None:
        """Count the rows ``dst`` marks (once per file row), offering an example each."""
        for code, kind in self.kinds.items():
            at = [i for i in np.flatnonzero(dst == code) if int(rows[i]) not in self.seen]
            if not at:
                continue
            self.seen.update(int(rows[i]) for i in at)
            kind.count += len(at)
            kind.rows = sorted({*kind.rows, *(int(rows[i]) for i in at)})[:_ROWS_SAID]
            examples.offer(
                kind.example,
                (int(rows[i]) for i in at),
                lambda j, at=at: (
                    f"row {int(rows[at[j]])} {str(written.iloc[at[j]]).strip()!r} ->"
                    f" {times.iloc[at[j]]:%Y-%m-%d %H:%M:%S} UTC"
                ),
            )

    def notes(self) -> list[str]:
        """The summary's warnings (none when no time was in a change)."""
        out = []
        twice, never = self.kinds[AMBIGUOUS], self.kinds[NONEXISTENT]
        if twice.count:
            out.append(
                f"{_times(twice.count)} in {self.column}"
                f" {'occurs' if twice.count == 1 else 'occur'} twice in {self.zone} (the"
                f" hour its clocks are turned back; {_rows(twice)}): each read at its first"
                " occurrence, with the UTC offset in force before the change"
                f"{twice.example.phrase(' (such as ', ')')}; the second occurrence is"
                " later by the change (an hour in most zones): check such times against"
                " another record before relying on their order"
            )
        if never.count:
            out.append(
                f"{_times(never.count)} in {self.column}"
                f" {'does' if never.count == 1 else 'do'} not exist in {self.zone} (the"
                f" hour its clocks skip when put forward; {_rows(never)}): each kept and"
                " read with the UTC offset in force before the change, as on a clock not"
                f" yet put forward{never.example.phrase(' (such as ', ')')}, not moved onto"
                " the change where it would take another time's place: check the device's"
                " clock"
            )
        return out


def _times(n: int) -> str:
    return f"{n:,} time{'' if n == 1 else 's'}"


def _rows(kind: _Kind) -> str:
    rows = ", ".join(map(str, kind.rows))
    more = kind.count - len(kind.rows)
    return f"row{'' if kind.count == 1 else 's'} {rows}" + (
        f" and {more:,} more" if more > 0 else ""
    )
