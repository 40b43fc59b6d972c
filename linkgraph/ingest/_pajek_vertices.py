"""A Pajek file's ``*Vertices N`` section held to what it declares, for
:func:`~linkgraph.ingest.graphfile.read_graph_file`: vertex lines numbered 1..N, ties only
between them; a vertex not listed is still a vertex (Pajek lists only those with a label)."""

from __future__ import annotations

import shlex
from collections.abc import Iterator
from dataclasses import dataclass, field

from linkgraph.errors import InputError

#: Vertices ``*Vertices N`` may declare beyond one per character of its file (a vertex
#: without a label takes no line): more is a damaged or hostile header, refused.
SPARE_VERTICES = 10_000
_HINT = (
    'a Pajek file lists `*Vertices N` then lines `1 "label"` numbered 1..N, and ties'
    " (`*Arcs`, `*Edges`) between those numbers; correct the file or export it again"
)


@dataclass
class Vertices:
    """What ``*Vertices`` declares: ``count`` (None without the section), the vertex
    numbers listed, and the lines to give networkx's reader (the header counting the
    vertices listed, each with a label)."""

    count: int | None = None
    listed: set[str] = field(default_factory=set)
    lines: list[tuple[int, str]] = field(default_factory=list)

    def holds(self, written: str) -> bool:
        """Whether a tie's end names a declared vertex (any, without ``*Vertices``)."""
        if self.count is None or written in self.listed:
            return True
        return written.isdigit() and 1 <= int(written) <= self.count

    def unlisted(self) -> Iterator[str]:
        """The numbers of the declared vertices that no vertex line lists."""
        numbers = {str(int(n)) for n in self.listed}
        for i in range(1, (self.count or 0) + 1):
            if str(i) not in numbers:
                yield str(i)


def vertices_declared(lines: list[tuple[int, str]], text_size: int, source: str) -> Vertices:
    """The ``*Vertices`` section of a Pajek file's lines (numbered, ties taken out).

    Raises:
        InputError: naming the line of a ``*Vertices`` header without a number or
            declaring more vertices than the file can hold, or of a vertex line whose
            number is outside 1..N.
    """
    found = Vertices()
    in_vertices = False
    header_at = 0
    for number, line in lines:
        head = line.strip().lower()
        if head.startswith("*"):
            in_vertices = head.startswith("*vertices")
            if in_vertices:
                found.count = _declared(head, number, text_size, source)
                header_at = len(found.lines)
                line = "*Vertices 0"  # counts the vertices listed below, as they come
            found.lines.append((number, line))
            continue
        if not in_vertices:
            found.lines.append((number, line))
            continue
        try:
            cells = shlex.split(line)
        except ValueError:
            cells = line.split()
        if not cells:
            continue
        vertex, count = cells[0], found.count or 0
        if not vertex.isdigit() or not 1 <= int(vertex) <= count:
            raise _fail(f"vertex {vertex} is outside the 1..{count} that *Vertices declares",
                        source, number)  # fmt: skip
        found.listed.add(vertex)
        found.lines.append((number, line if len(cells) > 1 else f'{vertex} "{vertex}"'))
        listed = len(found.lines) - header_at - 1
        found.lines[header_at] = (found.lines[header_at][0], f"*Vertices {listed}")
    return found


def _declared(head: str, number: int, text_size: int, source: str) -> int:
    """The N of a ``*Vertices N`` header line."""
    parts = head.split()
    if len(parts) < 2 or not parts[1].isdigit():
        raise _fail("*Vertices without the number of vertices", source, number)
    count = int(parts[1])
    if count > text_size + SPARE_VERTICES:
        raise _fail(
            f"*Vertices declares {count} vertices, more than a file of {text_size} characters"
            f" can hold (at most {text_size + SPARE_VERTICES}); correct the number",
            source,
            number,
        )
    return count


def _fail(message: str, source: str, line: int) -> InputError:
    return InputError(f"not a readable Pajek file: {message}", source=source, row=line,
                      hint=_HINT)  # fmt: skip
