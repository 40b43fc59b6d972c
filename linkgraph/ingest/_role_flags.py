"""Yes/no flag columns ("Identified as Victim", "Victim (Y/N)", "Opfer ja/nein"): a field's
``flag:`` reads such a column as one value on its yes rows and nothing on its no rows."""

from __future__ import annotations

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
