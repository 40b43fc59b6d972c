"""One-letter sex codes read by the column that holds them: H and M are hombre/homme and
mujer/mulher (Spanish, Portuguese, French), M and F male and female."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

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


def sex_columns(mapping: Any, plan: Any) -> dict[tuple[str, str], str]:
    """The column each slot's ``sex`` is read from, by ``(slot, "sex")`` (the key the
    ingest's state keeps the codes seen under): slots of the rows themselves, read from
    one column."""
    out: dict[tuple[str, str], str] = {}
    for entity in mapping.entities:
        spec = entity.fields.get("sex")
        if entity.each is not None or spec is None or spec.constant or spec.flag is not None:
            continue
        column = plan.column(spec)
        if column is not None:
            out[(entity.slot, "sex")] = column
    return out


def file_letters(chunks: Iterable[Any], columns: dict[Any, str]) -> dict[Any, set[str]]:
    """The one-letter codes of each of ``columns`` over all ``chunks`` of a file (read
    once more before its first chunk is built), so that a column's code system is decided
    once for the whole file: an M is female in every chunk of a file of H and M, never
    male in a first chunk that holds no H."""
    seen: dict[Any, set[str]] = {key: set() for key in columns}
    for chunk in chunks:
        for key, column in columns.items():
            if column in chunk.frame.columns:
                seen[key] |= letters(chunk.frame[column])
    return seen


def delimited_letters(
    path: Path, layout: dict[str, Any], columns: dict[Any, str]
) -> dict[Any, set[str]] | None:
    """:func:`file_letters` of a plain delimited file (its header on the first line), read
    by Arrow's CSV reader for those columns alone: a fraction of reading every column
    again. None when the file is not such a table (a header further down, a two-row
    header, R's NA, a ragged row, a header Arrow names otherwise): then it is read whole."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pacsv

    sep, encoding = layout.get("delimiter"), layout.get("encoding")
    plain = layout.get("header_row") == 1 and "group_row" not in layout
    if not plain or layout.get("r_missing") or not sep or not encoding:
        return None
    wanted = sorted(set(columns.values()))
    try:
        table = pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(encoding=encoding),
            parse_options=pacsv.ParseOptions(delimiter=sep, newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(
                include_columns=wanted,
                column_types=dict.fromkeys(wanted, pa.string()),
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowException, KeyError, LookupError, ValueError):
        return None
    distinct = {c: pc.unique(table.column(c)).to_pylist() for c in wanted}
    return {key: letters(pd.Series(distinct[c], dtype=object)) for key, c in columns.items()}
