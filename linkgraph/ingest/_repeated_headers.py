"""A header that repeats a title (``name,name,phone,phone``): the reader names the second
column ``name_2``, a name the user never wrote. The ingest summary says, in the titles
the user wrote, which title repeats and how each repeat was read by a preset, or that it
was not read (the people it names not ingested) and how to read it.
"""

from __future__ import annotations

from typing import Any


def repeated_titles(
    cells: list[str], names: list[str], numbers: list[int] | None = None
) -> dict[str, tuple[str, int]]:
    """For each column whose header cell repeats an earlier one: the name the reader gave
    it (``names``, as :func:`~linkgraph.ingest.readers._unique_headers` made them) ->
    (the title as written, its 1-based column number: its place, or its number in
    ``numbers`` when a sheet's empty columns were left out).

    Examples:
        >>> repeated_titles(["name", "name", "phone"], ["name", "name_2", "phone"])
        {'name_2': ('name', 2)}
    """
    seen: set[str] = set()
    out: dict[str, tuple[str, int]] = {}
    for i, (cell, name) in enumerate(zip(cells, names, strict=False)):
        title = cell.strip()
        if title and title in seen and name != title:
            out[name] = (title, numbers[i] if numbers and i < len(numbers) else i + 1)
        seen.add(title)
    return out


def _read_as(plan: Any, mapping: Any, preset: str) -> dict[str, str]:
    """Column -> what a preset reads from it ("a phone (the people preset's phone_2)")."""
    out: dict[str, str] = {}
    for entity in mapping.entities:
        for name, spec in entity.fields.items():
            column = plan.resolved.get(spec.column) if spec.column else None
            if column and column not in out:
                what = f"a {entity.type}" if name == entity.type else f"a {entity.type}'s {name}"
                out[column] = f"{what} (the {preset} preset's {entity.slot})"
    return out


def repeated_note(
    repeated: dict[str, tuple[str, int]], plan: Any, mapping: Any, preset: str, source: str
) -> str | None:
    """The summary's note on the titles a header repeats, in the titles the user wrote:
    how the preset read each repeat, and which it did not read (the people or things a
    column not read names are not ingested) with the fix. None when no title repeats."""
    if not repeated:
        return None
    read_as = _read_as(plan, mapping, preset)
    titles = list(dict.fromkeys(title for title, _ in repeated.values()))
    said = []
    unread = []
    for name, (title, number) in repeated.items():
        if name in read_as:
            said.append(f"column {number} ({title!r} again) is read as {read_as[name]}")
        else:
            unread.append(f"column {number} ({title!r} again)")
    text = f"the header of {source} repeats {', '.join(map(repr, titles))}"
    if said:
        text += ": " + "; ".join(said)
    if unread:
        text += (
            f"{'; ' if said else ': '}{' and '.join(unread)}"
            f" {'is' if len(unread) == 1 else 'are'} not read by the {preset} preset (the"
            " names or values there are not ingested, only kept in each row's raw record):"
            " give each column"
            f" its own title, or map the file (`linkgraph mapping suggest {source}` drafts a"
            " mapping that reads every column)"
        )
    return text
