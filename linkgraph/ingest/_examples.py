"""The values a warning quotes as examples, never taken from a victim's row.

A summary line such as "12 phones ... read as IT numbers, such as '0951234567' ->
+390951234567" quotes a cell of the file. When that cell is on a row that marks a victim
(her phone, her name, her date of birth), quoting it in a warning that is printed,
logged and pasted into tickets undoes her protection. Which rows hold a victim is only
known once every slot of a chunk has made its mentions, while the examples are found
slot by slot; so an :class:`Example` collects a few candidates (file row, text) as they
are found and :meth:`Examples.settle` keeps the first on a row of no victim. With none,
the warning says :data:`WITHHELD` in its place: a note embeds an example with
:meth:`Example.phrase`, which writes the words that lead to the example only when there
is one ("..., such as '0951234567' -> +390951234567: check them" or "... (example
withheld: a victim's row): check them").
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field

#: What a warning quotes in place of an example found only on victims' rows.
WITHHELD = "(example withheld: a victim's row)"

#: How many candidates of one example a chunk keeps (the first on no victim's row wins).
CANDIDATES = 64


@dataclass(slots=True)
class Example:
    """One example a warning quotes: the first candidate on a row of no victim.

    ``str()`` of it is that candidate's text, or :data:`WITHHELD` when every candidate
    so far was on a victim's row (or none was offered)."""

    text: str | None = None
    pending: list[tuple[int | None, str]] = field(default_factory=list)

    def offer(self, rows: Iterable[int | None], texts: Callable[[int], str]) -> bool:
        """Offer candidates, the ``i``-th at file row ``rows[i]`` with text ``texts(i)``
        (only the first :data:`CANDIDATES` are looked at). Returns whether it wants them
        (no example is kept yet)."""
        if self.text is not None:
            return False
        room = CANDIDATES - len(self.pending)
        for i, row in enumerate(rows):
            if i >= room:
                break
            self.pending.append((None if row is None else int(row), texts(i)))
        return True

    def settle(self, victim_rows: Collection[int]) -> None:
        """Keep the first pending candidate whose row is not in ``victim_rows``."""
        if self.text is None:
            for row, text in self.pending:
                if row not in victim_rows:
                    self.text = text
                    break
        self.pending.clear()

    def __str__(self) -> str:
        return WITHHELD if self.text is None else self.text

    def phrase(self, before: str, after: str = "") -> str:
        """The example as a note embeds it: ``before + text + after`` (``", such as "``,
        ``" (such as "`` and ``")"``), or `` (example withheld: a victim's row)`` when
        there is none, so the sentence reads on either way."""
        return f" {WITHHELD}" if self.text is None else f"{before}{self.text}{after}"


@dataclass(slots=True)
class Examples:
    """The examples offered candidates while one chunk is read, to settle when its
    victims' rows are known (``ctx.examples`` of the chunk builder)."""

    offered: list[Example] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def offer(
        self, example: Example, rows: Iterable[int | None], texts: Callable[[int], str]
    ) -> None:
        """:meth:`Example.offer`, the example kept to be settled with the chunk."""
        with self._lock:  # phone columns are read on a helper thread
            if example.offer(rows, texts) and not any(e is example for e in self.offered):
                self.offered.append(example)

    def settle(self, victim_rows: Iterable[int]) -> None:
        """Settle every example offered (see :meth:`Example.settle`)."""
        rows = {int(r) for r in victim_rows}
        with self._lock:
            for example in self.offered:
                example.settle(rows)
            self.offered.clear()


def quoted(example: Example, victim_rows: Iterable[int], rows: Iterable[int | None],
           texts: Callable[[int], str]) -> None:  # fmt: skip
    """Offer ``example`` its candidates and settle it at once (the victims' rows known)."""
    example.offer(rows, texts)
    example.settle({int(r) for r in victim_rows})
