"""What the ingest summary says of local times in a daylight-saving change.

A local time the zone's clock shows twice (the hour it is turned back) or never (the hour
it skips) has no single reading: :func:`linkgraph.ingest._columns._localize` reads it with
the offset in force before the change, and the summary says so, per time column, with the
count, the first rows and an example (never a victim's row), so that the analyst can check
those times before relying on their order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
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


def dst_time_notes(
    column: str,
    zone: str,
    dst: np.ndarray,
    rows: Sequence[int],
    written: pd.Series,
    times: pd.Series,
    victim_rows: Iterable[int] = (),
) -> list[str]:
    """The summary's warnings on the times ``written`` in ``column`` (read in ``zone``)
    that ``dst`` marks in a daylight-saving change, said as a table's are
    (:class:`DstTimes`), for the readers that read a whole file's times at once (FtM,
    goAML, graph files, edge lists); ``rows``: each time's row, ``victim_rows`` those
    no example is quoted from.

    Examples:
        >>> from linkgraph.ingest._columns import parse_times
        >>> written = pd.Series(["2024-10-27 02:30", "2024-10-27 12:00"])
        >>> dst = np.zeros(2, dtype=np.int8)
        >>> times, _ = parse_times(written, dayfirst=True, timezone="Europe/Berlin", dst=dst)
        >>> notes = dst_time_notes("date", "Europe/Berlin", dst, [7, 8], written, times)
        >>> notes[0][:60]
        '1 time in date occurs twice in Europe/Berlin (the hour its c'
        >>> "row 7 '2024-10-27 02:30' -> 2024-10-27 00:30:00 UTC" in notes[0]
        True
        >>> dst_time_notes("date", "Europe/Berlin", dst, [7, 8], written, times, [7])[0].count(
        ...     "withheld")
        1
    """
    if not dst.any():
        return []
    found = DstTimes(column, zone)
    examples = Examples()
    found.add(
        examples,
        dst,
        np.asarray(rows, dtype=np.int64),
        written.reset_index(drop=True),
        times.reset_index(drop=True),
    )
    examples.settle(victim_rows)
    return found.notes()


def victim_link_rows(mentions: pd.DataFrame, links: pd.DataFrame) -> set[int]:
    """The rows of the persons marked as victims among ``mentions`` and of the ``links``
    with such a person at one end: the rows a warning quotes no time of."""
    if not len(mentions) or "role" not in mentions.columns:
        return set()
    from linkgraph.privacy import is_victim

    person = mentions["type"].eq("person").to_numpy(dtype=bool)
    roles = mentions["role"].where(mentions["role"].notna(), None)
    victim = person & np.fromiter((is_victim(r) for r in roles), dtype=bool, count=len(roles))
    if not victim.any():
        return set()
    rows = {int(r) for r in mentions.loc[victim, "row"].dropna()}
    ids = set(mentions.loc[victim, "mention_id"])
    if len(links) and {"src", "dst", "row"} <= set(links.columns):
        ends = links["src"].isin(ids) | links["dst"].isin(ids)
        rows |= {int(r) for r in links.loc[ends, "row"].dropna()}
    return rows
