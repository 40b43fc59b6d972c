"""Checks shared by the export tests."""

from __future__ import annotations

import re
from pathlib import Path

from linkgraph.privacy import pseudonym

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
#: A sign then digits and spaces with at most one decimal point or comma: a spreadsheet
#: reads ``+40721003001``, ``-75.25`` or ``+44 20 7946 0958`` as a number, nothing more.
_SIGNED_NUMBER = re.compile(r" *[+-] *[0-9][0-9 ]*(?:[.,][0-9][0-9 ]*)?")


def runs_as_formula(cell: str) -> bool:
    """A CSV cell a spreadsheet would run as a formula: it starts like one and is not a
    signed plain number."""
    return cell.startswith(FORMULA_START) and _SIGNED_NUMBER.fullmatch(cell) is None


def all_bytes(path: Path) -> dict[str, bytes]:
    """Every file of an export (a file, or a folder's files) by relative name."""
    if path.is_file():
        return {path.name: path.read_bytes()}
    return {p.relative_to(path).as_posix(): p.read_bytes() for p in sorted(path.rglob("*"))
            if p.is_file()}  # fmt: skip


def assert_victim_hidden(path: Path, name: str, entity_id: str, key: bytes) -> None:
    """The victim's name is in no file of the export; the pseudonym (under the case's
    ``key``) is, and the key is not."""
    blobs = all_bytes(path)
    for part in name.split():
        for file, blob in blobs.items():
            assert part.encode() not in blob, f"{part!r} in {file}"
    assert any(pseudonym(entity_id, key).encode() in b for b in blobs.values())
    assert not any(key.hex().encode() in b or key in b for b in blobs.values())


def assert_victim_shown(path: Path, name: str) -> None:
    """With --show-victims the victim's name is in the export."""
    assert any(name.encode() in b for b in all_bytes(path).values())
