"""A column headed only "Name" beside a column of one part of a name: the other part.

An English list "Name, Surname" (or "Name, Last name") gives the given name under
"Name"; a German or Dutch one "Name, Vorname" ("Naam, Voornaam") the family name. Read
as the whole name, the person's name would be one part only ("Anna" for Anna Smith).
Where the "Name" column holds the other column's names too ("Anna Smith" beside
"Smith"), it is the whole name, as its header says.
"""

from __future__ import annotations

import pandas as pd

from linkgraph.text import fold

#: Header words (as ``suggest._words`` gives them) of a column that is only "Name".
BARE_NAME = frozenset({"name", "names", "naam"})
_OTHER_PART = {"given_name": "family_name", "family_name": "given_name"}
#: Rows looked at, and the share of them where the "Name" cell holds the part's cell
#: that makes it the whole name.
_ROWS, _WHOLE_SHARE = 200, 0.5


def _holds(whole: str, part: str) -> bool:
    words = fold(whole).lower().split()
    return bool(part.split()) and all(w in words for w in fold(part).lower().split())


def name_part(header: str, names: pd.Series, beside: pd.Series, part: str) -> str | None:
    """The part of a name (``given_name`` or ``family_name``) a column headed ``header``
    holds beside a column of the other ``part`` (``beside``), when its header is only
    "Name" and its cells are not whole names holding the other part's; else None.

    Examples:
        >>> name_part("Name", pd.Series(["Anna"]), pd.Series(["Smith"]), "family_name")
        'given_name'
        >>> name_part("Name", pd.Series(["Anna Smith"]), pd.Series(["Smith"]), "family_name")
        >>> name_part("Full name", pd.Series(["Anna"]), pd.Series(["Smith"]), "family_name")
    """
    from linkgraph.ingest.suggest import _words

    if _words(header) not in BARE_NAME or part not in _OTHER_PART:
        return None
    both = pd.DataFrame({"n": names.astype("string"), "p": beside.astype("string")}).dropna()
    both = both[(both["n"].str.strip() != "") & (both["p"].str.strip() != "")].head(_ROWS)
    if len(both):
        whole = sum(_holds(n, p) for n, p in zip(both["n"], both["p"], strict=True))
        if whole >= _WHOLE_SHARE * len(both):
            return None
    return _OTHER_PART[part]
