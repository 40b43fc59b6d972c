"""Reading the small UTF-8 files a person writes for linkgraph (mappings, decision and
truth CSVs), with an error naming the file when its bytes are no UTF-8 text."""

from __future__ import annotations

import os
from pathlib import Path

from linkgraph.errors import InputError

#: What to do about a file that is not UTF-8 text.
NOT_UTF8_HINT = (
    "save it as UTF-8 text (in a spreadsheet: Save as > CSV UTF-8; in an editor: encoding"
    " UTF-8); a binary file (a workbook, a zip, an image) cannot be read here"
)


def not_utf8(
    exc: UnicodeDecodeError,
    source: str,
    error: type[InputError] = InputError,
    whole_file: bool = False,
) -> InputError:
    """The error for a file whose bytes ``exc`` found not to be UTF-8 text; with
    ``whole_file`` (``exc`` came from decoding the whole file, not a block of it, as
    pandas decodes) it says where."""
    where = f" at position {exc.start + 1}" if whole_file else ""
    return error(
        f"not a text file, or not UTF-8: byte {exc.object[exc.start]:#04x}{where} ({exc.reason})",
        source=source,
        hint=NOT_UTF8_HINT,
    )


def read_utf8(
    path: str | os.PathLike[str],
    source: str | None = None,
    error: type[InputError] = InputError,
) -> str:
    """The text of the UTF-8 file at ``path``, without a leading byte-order mark.

    Raises:
        InputError: (or ``error``, a subclass) naming ``source`` (default: the file's name)
            when the file's bytes are no UTF-8 text.
    """
    p = Path(path)
    try:
        return p.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise not_utf8(exc, source or p.name, error, whole_file=True) from exc
