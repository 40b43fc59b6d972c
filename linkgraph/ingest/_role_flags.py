"""Yes/no flag columns ("Identified as Victim", "Victim (Y/N)", "Opfer ja/nein"): a field's
``flag:`` reads such a column as one value on its yes rows and nothing on its no rows."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from linkgraph.text import fold

#: A flag cell that says yes, folded and lower-cased (English, German, Romanian, Spanish,
#: Italian, Portuguese, French, Polish, Ukrainian/Russian transliterated, Turkish, Dutch,
#: Tagalog, Indonesian/Malay, Czech, Hungarian, Vietnamese, Thai transliterated).
YES = frozenset({
    "yes", "y", "true", "t", "1", "x", "ja", "j", "da", "si", "sim", "oui", "tak", "evet",
    "wahr", "vero", "verdadero", "verdadeiro", "vrai", "oo", "opo", "ya", "iya", "ano",
    "igen", "co", "aich",
})  # fmt: skip
#: A flag cell that says no.
NO = frozenset({
    "no", "n", "false", "f", "0", "nein", "nu", "non", "nao", "nie", "ni", "net", "hayir",
    "nee", "falsch", "falso", "faux", "-", "hindi", "tidak", "bukan", "ne", "nem", "khong",
    "aimaich",
})  # fmt: skip


def flag_word(value: str) -> bool | None:
    """True for a cell that says yes, False for no, None for anything else.

    Examples:
        >>> flag_word("Sí"), flag_word("nein"), flag_word("Так"), flag_word("Unknown")
        (True, False, True, None)
    """
    word = fold(str(value)).strip().strip(".").lower()
    if word in YES:
        return True
    if word in NO:
        return False
    return None


def flag_share(values: list[str]) -> float:
    """The share of ``values`` that are yes or no words (0.0 for no values)."""
    return sum(flag_word(v) is not None for v in values) / len(values) if values else 0.0


def flagged(values: pd.Series, value: str) -> pd.Series:
    """``value`` on the yes cells, nothing on the no cells, anything else as written (an
    ``Unknown`` stays, so a role field warns of it rather than drop it).

    Examples:
        >>> flagged(pd.Series(["Yes", "No", None, "unknown"]), "victim").tolist()
        ['victim', <NA>, <NA>, 'unknown']
    """
    distinct = pd.unique(values.dropna().astype(str).to_numpy(dtype=object))
    read = {v: flag_word(v) for v in distinct}
    mapped = {v: (value if r else None) if r is not None else v for v, r in read.items()}
    return values.map(mapped, na_action="ignore").astype("string")


#: ``ctx.state`` key of the source's :class:`EmptyFlags`.
EMPTY_FLAGS = "empty role flags"
#: How many rows the warning names.
_ROWS_SAID = 5


@dataclass
class EmptyFlags:
    """The persons whose yes/no role column (``role: {column: C, flag: victim}``) is empty
    on their row: their role is unknown, neither yes nor no, and the summary says so."""

    column: str
    flag: str
    count: int = 0
    rows: list[int] = field(default_factory=list)

    def add(self, cells: pd.Series, rows: np.ndarray) -> None:
        """Count the persons at file ``rows`` whose flag ``cells`` are empty."""
        empty = cells.isna() | cells.astype("string").str.strip().eq("")
        at = rows[empty.fillna(True).to_numpy(dtype=bool)]
        if len(at):
            self.count += len(at)
            self.rows = sorted({*self.rows, *(int(r) for r in at)})[:_ROWS_SAID]

    def notes(self) -> list[str]:
        """The summary's warning (none when every flag cell is filled)."""
        if not self.count:
            return []
        one = self.count == 1
        rows = ", ".join(map(str, self.rows))
        more = f" and {self.count - len(self.rows):,} more" if self.count > len(self.rows) else ""
        protected = " nor protected as a victim" if self.flag == "victim" else ""
        return [
            f"role unknown for {self.count:,} person{'' if one else 's'}: column"
            f" {self.column!r} is empty on {'its' if one else 'their'}"
            f" row{'' if one else 's'} ({rows}{more}), neither yes nor no, so each is not"
            f" marked {self.flag}{protected}; fill the cell (yes or no) where it is known"
        ]
