"""Reading the small CSV files a person hands a command (a truth file, a decisions or
labels CSV, a disclosure request): a file that cannot be read as one, or lacks the
columns, gets an InputError naming the file, what is wrong and the columns it needs."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from linkgraph._utf8 import not_utf8
from linkgraph.errors import InputError

# pandas' C parser: "Error tokenizing data. C error: Expected 1 fields in line 3, saw 2"
_FIELDS = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")
_OPEN_QUOTE = re.compile(r"EOF inside string starting at row (\d+)")
# A YAML mapping's line: "key:" or "key: value" (not "a,b" nor "12:30,x").
_YAML_KEY = re.compile(r"^[A-Za-z_][\w.-]*:(\s|$)")


def looks_like_yaml(path: str | os.PathLike[str]) -> bool:
    """True when the file is named .yaml/.yml or its first lines read as YAML keys."""
    p = Path(path)
    if p.suffix.lower() in (".yaml", ".yml"):
        return True
    try:
        with open(p, encoding="utf-8", errors="replace") as fh:
            lines = [line.rstrip("\n") for _, line in zip(range(20), fh, strict=False)]
    except OSError:
        return False
    lines = [line for line in lines if line.strip() and not line.lstrip().startswith("#")]
    return bool(lines) and _YAML_KEY.match(lines[0]) is not None


def read_user_csv(
    path: str | os.PathLike[str],
    *,
    kind: str,
    needs: str,
    example: str,
    required: Sequence[Sequence[str]] = (),
    keep_default_na: bool = True,
) -> pd.DataFrame:
    """The CSV at ``path`` as text columns (``dtype=str``).

    Args:
        path: the user's file.
        kind: what it should be, as said in errors ("truth CSV").
        needs: the columns it needs, as said in errors ("columns mention_id, cluster").
        example: a first line or two that would do, for the hint.
        required: sets of columns of which the file must hold at least one whole set
            (none: any columns).
        keep_default_na: as :func:`pandas.read_csv` (False: empty cells are "").

    Raises:
        InputError: naming the file when it is no UTF-8 text, cannot be parsed as CSV
            (the line pandas stopped at; "it reads as YAML" for a mapping or pipeline
            file), is empty, or holds none of the ``required`` sets of columns.
    """
    source = str(path)
    hint = f"a {kind} needs {needs}, for example:\n  {example}"
    yaml = " (it reads as YAML: a mapping or pipeline file?)" if looks_like_yaml(path) else ""
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=keep_default_na)
    except UnicodeDecodeError as exc:
        raise not_utf8(exc, source) from exc
    except FileNotFoundError as exc:
        raise InputError(f"file not found (the {kind})", source=source, hint=hint) from exc
    except OSError as exc:
        raise InputError(f"cannot be read: {exc.strerror or exc}", source=source) from exc
    except pd.errors.EmptyDataError as exc:
        raise InputError(f"is empty: not a {kind}", source=source, hint=hint) from exc
    except pd.errors.ParserError as exc:
        raise InputError(
            f"is not a {kind}{yaml}: {_parse_problem(exc)}",
            source=source,
            hint=hint,
        ) from exc
    if required and not any(all(c in table.columns for c in cols) for cols in required):
        shown = ", ".join(str(c) for c in table.columns[:12])
        more = f" (and {len(table.columns) - 12} more)" if len(table.columns) > 12 else ""
        raise InputError(
            f"is not a {kind}{yaml}: it has columns {shown}{more}; it needs {needs}",
            source=source,
            hint=f"for example:\n  {example}",
        )
    return table


def _parse_problem(exc: pd.errors.ParserError) -> str:
    """Where and why pandas could not parse a CSV, in a reader's words."""
    found = _FIELDS.search(str(exc))
    if found:
        header, line, cells = found.groups()
        return (
            f"cannot be parsed as CSV at line {line}, which has {cells} cells where the "
            f"first line (the header) has {header}"
        )
    quote = _OPEN_QUOTE.search(str(exc))
    if quote:  # pandas counts the lines from 0 here
        line = int(quote.group(1)) + 1
        return f"cannot be parsed as CSV: a quote opened on line {line} is never closed"
    why = str(exc).split("C error: ")[-1].strip().rstrip(".")
    return f"cannot be parsed as CSV ({why})"
