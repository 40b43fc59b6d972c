"""Checks shared by the export tests."""

from __future__ import annotations

from pathlib import Path

from linkgraph.privacy import pseudonym

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


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
