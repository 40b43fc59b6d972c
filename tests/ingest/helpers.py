"""Helpers shared by the ingest tests."""

from __future__ import annotations

from collections.abc import Iterable

from linkgraph.model import Case


def linked(
    case: Case, src: str = "name", dst: str = "identifier", kinds: Iterable[str] | None = None
) -> list[tuple[object, object]]:
    """The sorted (``src`` field of the link's source mention, ``dst`` field of its
    target) pairs of a case's links, of ``kinds`` only when given."""
    m = case.mentions.set_index("mention_id")
    wanted = None if kinds is None else set(kinds)
    return sorted(
        (m.at[lk.src, src], m.at[lk.dst, dst])
        for lk in case.links.itertuples()
        if wanted is None or lk.kind in wanted
    )
