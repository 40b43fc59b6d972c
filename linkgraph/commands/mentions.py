"""CLI command: mentions (find the mention ids to pass to `linkgraph explain`)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import click

from linkgraph.commands._common import (
    case_argument,
    emit_table,
    read_case,
    say,
    show_victims_option,
    table_format,
    table_options,
)
from linkgraph.schema import ENTITY_TYPES

if TYPE_CHECKING:
    import pandas as pd

    from linkgraph.model import Case

_COLUMNS = ["mention_id", "type", "label", "source", "row", "slot", "agency", "entity_id"]
_REFERENCE = re.compile(r"^(?P<source>.+):(?P<row>\d+)(?::(?P<slot>[^:]+))?$")


def mention_table(case: Case, *, show_victims: bool = False) -> pd.DataFrame:
    """One row per mention: id, type, label, source, row, slot, agency and entity.

    Mentions of an entity that any source marks as a victim, and of the phones, accounts,
    ... only victims use, are labelled by the entity's pseudonym unless ``show_victims``,
    as in every other table linkgraph prints; a victim's name in a source's file name or
    an event's label is replaced by her pseudonym too (:mod:`linkgraph.redact`).
    """
    from linkgraph.privacy import is_victim, protected_ids, pseudonym
    from linkgraph.redact import redact_case

    if not show_victims:
        case = redact_case(case)
    m = case.mentions
    table = m.assign(entity_id=case.entity_of().reindex(m["mention_id"]).to_numpy())
    if not show_victims:
        victims = set(table.loc[table["role"].map(is_victim).astype(bool), "entity_id"])
        victims |= protected_ids(case)
        hidden = table["entity_id"].isin(list(victims)).to_numpy()
        key = case.pseudonym_key
        table.loc[hidden, "label"] = [
            pseudonym(e, key) if t == "person" else f"{pseudonym(e, key)} ({t})"
            for e, t in zip(
                table.loc[hidden, "entity_id"], table.loc[hidden, "type"].astype(str), strict=True
            )
        ]
    return table[_COLUMNS].reset_index(drop=True)


def find_mention(case: Case, reference: str) -> str:
    """The mention id that ``reference`` names: a mention id (``m:...``), or
    ``SOURCE:ROW`` / ``SOURCE:ROW:SLOT`` (SOURCE as ingested, e.g. ``arrests.csv``).

    A row with several mentions resolves to its only person; otherwise the slot is needed.
    """
    from linkgraph.errors import CaseError

    m = case.mentions
    if reference in set(m["mention_id"]):
        return reference
    match = _REFERENCE.match(reference)
    if match is None:
        raise CaseError(
            f"no mention {reference!r} in the case",
            hint="give a mention id (m:...) or SOURCE:ROW such as arrests.csv:14; "
            "`linkgraph mentions CASE_DIR --search TEXT` lists them",
        )
    source, row, slot = match["source"], int(match["row"]), match["slot"]
    names = m["source"].astype(str)
    in_source = names.eq(source) | names.eq(Path(source).name)
    if not in_source.any():  # a source as tables show it, a victim's name redacted
        from linkgraph.redact import case_redactor

        shown = names.map(case_redactor(case).changes(set(names)))
        in_source = shown.eq(source) | shown.eq(Path(source).name)
    if not in_source.any():
        known = ", ".join(sorted(set(names))[:10])
        raise CaseError(f"no source {source!r} in the case", hint=f"sources: {known}")
    rows = m[in_source & m["row"].eq(row).fillna(False).astype(bool)]
    if slot is not None:
        rows = rows[rows["slot"].astype(str).eq(slot)]
    elif len(rows) > 1 and (rows["type"] == "person").sum() == 1:
        rows = rows[rows["type"] == "person"]
    if len(rows) == 1:
        return str(rows["mention_id"].iloc[0])
    if rows.empty:
        raise CaseError(
            f"no mention at {reference}",
            hint="rows count from 1 after the header; "
            "`linkgraph mentions CASE_DIR --search TEXT` lists source and row of each",
        )
    choices = ", ".join(f"{source}:{row}:{s}" for s in rows["slot"].astype(str))
    raise CaseError(f"{reference} holds {len(rows)} mentions", hint=f"name one: {choices}")


@click.command()
@case_argument
@click.option(
    "--search",
    metavar="TEXT",
    help="Only mentions whose id, label or source contains TEXT (case-insensitive).",
)
@click.option(
    "--type", "entity_type", type=click.Choice(list(ENTITY_TYPES)), help="Only this type."
)
@click.option(
    "-n",
    "--limit",
    type=click.IntRange(min=1),
    default=50,
    show_default=True,
    help="How many rows to print as text (--csv and --json print all).",
)
@show_victims_option
@table_options
def mentions(case_dir: Path, search: str | None, entity_type: str | None, limit: int,
             show_victims: bool, as_csv: bool, as_json: bool) -> None:  # fmt: skip
    """List the mentions of CASE_DIR with their id, label, source file and row.

    Use it to find what to pass to `linkgraph explain` (a mention id, or SOURCE:ROW).
    Victims are labelled by pseudonym, and found by it, unless --show-victims is given.

    \b
    Example:
        linkgraph mentions case/ --search "Pop" --type person
        linkgraph mentions case/ --search arrests.csv --json
    """
    fmt = table_format(as_csv, as_json)
    table = mention_table(read_case(case_dir), show_victims=show_victims)
    if entity_type is not None:
        table = table[table["type"] == entity_type]
    if search:
        text = table[["mention_id", "label", "source"]].astype(str).agg(" ".join, axis=1)
        table = table[text.str.contains(search, case=False, regex=False).to_numpy()]
    say(f"{len(table):,} mention(s)", fmt)
    emit_table(table.set_index("mention_id"), fmt, max_rows=limit)


COMMANDS: list[click.Command] = [mentions]
