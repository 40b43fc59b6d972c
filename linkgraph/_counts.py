"""Counts in words: "1 edge", "2,345 edges"."""

from __future__ import annotations


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """``n`` (with thousands separators) and ``noun``, in the plural unless ``n`` is 1.

    Examples:
        >>> counted(1, "edge"), counted(0, "edge"), counted(2345, "entity", "entities")
        ('1 edge', '0 edges', '2,345 entities')
    """
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"
