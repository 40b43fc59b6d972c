"""One-letter sex codes read by the column that holds them: H and M are hombre/homme and
mujer/mulher (Spanish, Portuguese, French), M and F male and female."""

from __future__ import annotations

import numpy as np
import pandas as pd


def letters(values: pd.Series) -> set[str]:
    """The one-letter codes among a column's values, lower-case (``"M."`` is ``m``).

    Examples:
        >>> sorted(letters(pd.Series(["H", "m.", "Mujer", None])))
        ['h', 'm']
    """
    distinct = pd.unique(values.dropna().astype(str).to_numpy(dtype=object))
    return {c for v in distinct if len(c := str(v).strip().strip(".").lower()) == 1}


def code_m(seen: set[str]) -> str | None:
    """What a column's ``M`` is, given the one-letter codes it holds: ``"F"`` beside H and
    no F (hombre/mujer), ``"?"`` beside both H and F (either reading fits), None otherwise
    (male, as in M/F).

    Examples:
        >>> code_m({"h", "m"}), code_m({"h", "m", "f"}), code_m({"m", "f"}) is None
        ('F', '?', True)
    """
    if "h" not in seen or "m" not in seen:
        return None
    return "?" if "f" in seen else "F"


def m_cells(values: pd.Series) -> np.ndarray:
    """Which cells are the one letter M (``M``, ``m``, ``M.``).

    Examples:
        >>> m_cells(pd.Series(["M", "m.", "Mujer", None])).tolist()
        [True, True, False, False]
    """
    text = values.astype("string").str.strip().str.strip(".").str.lower()
    return (text == "m").fillna(False).to_numpy(dtype=bool)
