"""CLI commands: mentions (find the mention ids to pass to `linkgraph explain`) and rejects
(the source values ingest could not use, and why)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from linkgraph.commands._common import (
    NamedChoice,
    case_argument,
    choices_said,
    emit_table,
    limit_option,
    read_case,
    say,
    show_victims_option,
    table_format,
    table_options,
)
from linkgraph.commands._entity_names import VICTIMS_BY_PSEUDONYM
from linkgraph.schema import ENTITY_TYPES

if TYPE_CHECKING:
    import pandas as pd

    from linkgraph.model import Case

_COLUMNS = ["mention_id", "type", "label", "source", "row", "slot", "agency", "entity_id"]


def mention_table(case: Case, *, show_victims: bool = False) -> pd.DataFrame:
    """One row per mention: id, type, label, source, row, slot, agency and entity.

    Mentions of an entity that any source marks as a victim, and of the phones, accounts,
    ... victims hold or use, are labelled by the entity's pseudonym unless ``show_victims``,
    as in every other table linkgraph prints; a victim's name in a source's file name or
    an event's label is replaced by her pseudonym too (:mod:`linkgraph.redact`).
    """
    from linkgraph.privacy import is_victim, protected_ids, pseudonym
    from linkgraph.redact import case_redactor, redact_mention_labels

    m = case.mentions
    if not show_victims:  # only the columns printed: not every mention's raw row
        m = redact_mention_labels(m[[*_COLUMNS[:-1], "role"]], case_redactor(case))
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
    ``SOURCE:ROW`` / ``SOURCE:ROW:SLOT`` (SOURCE as ingested, e.g. ``arrests.csv``), or
    ``SOURCE:ROW:SLOT:N`` for the N-th (from 1) of several mentions of one slot; ``#``
    serves as well as ``:`` (``arrests.csv#14``, as an overrides CSV writes it).

    A row with several mentions resolves to its only person; otherwise the slot is needed,
    and the error lists the references that name one (with ids and labels, a victim's
    withheld).
    """
    from linkgraph.errors import CaseError
    from linkgraph.resolve.references import parse_reference

    m = case.mentions
    if reference in set(m["mention_id"]):
        return reference
    match = parse_reference(reference)
    if match is None:
        raise CaseError(
            f"no mention {reference!r} in the case",
            hint="give a mention id (m:...) or SOURCE:ROW (or SOURCE#ROW) such as arrests.csv:14; "
            "`linkgraph mentions CASE_DIR --search TEXT` lists them",
        )
    source, row, slot, item = match
    names = m["source"].astype(str)
    in_source = names.eq(source) | names.eq(Path(source).name)
    if not in_source.any():  # a source as tables show it, a victim's name redacted
        from linkgraph.redact import case_redactor

        shown = names.map(case_redactor(whole_case(case)).changes(set(names)))
        in_source = shown.eq(source) | shown.eq(Path(source).name)
    if not in_source.any():
        known = ", ".join(sorted(set(names))[:10])
        raise CaseError(f"no source {source!r} in the case", hint=f"sources: {known}")
    rows = m[in_source & m["row"].eq(row).fillna(False).astype(bool)]
    if slot is not None:
        rows = rows[rows["slot"].astype(str).eq(slot)]
    elif len(rows) > 1 and (rows["type"] == "person").sum() == 1:
        rows = rows[rows["type"] == "person"]
    if item is not None and not rows.empty:
        if not 1 <= item <= len(rows):
            raise CaseError(
                f"no mention at {reference}: {source}:{row}:{slot} holds {len(rows)}",
                hint=f"name one: {_choices(case, rows, f'{source}:{row}')}",
            )
        return str(rows["mention_id"].iloc[item - 1])
    if len(rows) == 1:
        return str(rows["mention_id"].iloc[0])
    if rows.empty:
        raise CaseError(
            f"no mention at {reference}",
            hint="rows count from 1 after the header; "
            "`linkgraph mentions CASE_DIR --search TEXT` lists source and row of each",
        )
    raise CaseError(
        f"{reference} holds {len(rows)} mentions",
        hint=f"name one: {_choices(case, rows, f'{source}:{row}')}",
    )


def whole_case(case: Case) -> Case:
    """``case`` with every table whom outputs protect is found from (its resolution, its
    mentions' names and roles, ...): read again from its folder when a command read only
    some columns (``decide`` reads the mentions' references and labels, no resolution)."""
    from linkgraph.model import Case

    if case.origin is None or case.origin.partial <= {"evidence"}:
        return case  # read whole (the evidence is read from the folder where needed)
    return Case.read(case.origin.path, columns={"evidence": []})


def _choices(case: Case, rows: pd.DataFrame, place: str) -> str:
    """The references that name each of ``rows`` (mentions of one source row, in the
    file's order): ``PLACE:SLOT``, or ``PLACE:SLOT:N`` where the row holds several of a
    slot, each with its mention id and label as `linkgraph mentions` prints it (a victim's,
    and her phone's, ... by pseudonym)."""
    slots = rows["slot"].astype(str)
    several = slots.duplicated(keep=False).to_numpy()
    nth = slots.groupby(slots).cumcount().to_numpy() + 1
    # The labels hide every mention of an entity a victim is, or uses.
    shown = mention_table(whole_case(case)).set_index("mention_id")["label"]
    labels = shown.reindex(rows["mention_id"].astype(str)).fillna("").to_numpy()
    return ", ".join(
        f"{place}:{slot}{f':{n}' if many else ''} ({mid} {label})"
        for slot, many, n, mid, label in zip(
            slots, several, nth, rows["mention_id"].astype(str), labels, strict=True
        )
    )


@click.command()
@case_argument
@click.option(
    "--search",
    metavar="TEXT",
    help="Only mentions whose id, label or source contains TEXT (case, accents and "
    "cedillas aside).",
)
@click.option(
    "--type",
    "entity_type",
    type=NamedChoice(ENTITY_TYPES, "TYPE"),
    help="Only this type. " + choices_said(ENTITY_TYPES),
)
@limit_option
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
    table = mention_table(read_case(case_dir, evidence=False), show_victims=show_victims)
    if entity_type is not None:
        table = table[table["type"] == entity_type]
    if search:
        from linkgraph.commands._search import contains

        # column by column, each distinct value folded once (a join per row took 10 s at
        # 300k mentions)
        hit = contains(table, ("mention_id", "label", "source"), search)
        table = table[hit.to_numpy(dtype=bool)]
    if search and table.empty and not show_victims:
        # as `path` and `ego` say it: for every search that finds nothing, so it never
        # tells whether the text is a victim's name in the case
        say(f"0 mention(s); {VICTIMS_BY_PSEUDONYM}", fmt)
    else:
        say(f"{len(table):,} mention(s)", fmt)
    emit_table(table.set_index("mention_id"), fmt, max_rows=limit)


_REJECT_COLUMNS = ["source", "row", "column", "reason", "value"]


def reject_table(case: Case, *, show_victims: bool = False) -> pd.DataFrame:
    """One row per reject: source, row, column, reason, value, and ``withheld`` (whether
    its value was withheld).

    Unless ``show_victims``, victims' names are taken out of the sources and values
    (:mod:`linkgraph.redact`), and the values rejected on a row that mentions a victim,
    or a phone, account, ... a victim holds or uses, are withheld (``[withheld]``), as the
    exports do.
    """
    import pandas as pd

    from linkgraph.privacy import is_victim, protected_ids
    from linkgraph.redact import WITHHELD, case_redactor, redact_rejects

    rejects = case.rejects.reindex(columns=_REJECT_COLUMNS).reset_index(drop=True)
    rejects["row"] = rejects["row"].astype(pd.Int64Dtype())
    rejects["withheld"] = False
    if show_victims or rejects.empty:
        return rejects
    m = case.mentions  # the rows are told by the sources as ingested; only rejects are shown
    rkey = rejects["source"].astype(str) + "\x1f" + rejects["row"].astype("string").fillna("")
    r = case_redactor(case)
    if r:
        rejects = redact_rejects(rejects, r)
    entity = case.entity_of().reindex(m["mention_id"]).to_numpy()
    victims = set(entity[m["role"].map(is_victim).fillna(False).astype(bool).to_numpy()])
    victims |= protected_ids(case)
    hidden = pd.Series(entity).isin(list(victims)).to_numpy()
    row_key = m["source"].astype(str) + "\x1f" + m["row"].astype("string").fillna("")
    victim_rows = set(row_key[hidden])
    # and the rows of her messages (a chat's sender is a mention of the first row she
    # writes on), as the exports withhold them
    from linkgraph.export._data import reject_rows_of

    of_mention = pd.Series(entity, index=m["mention_id"].astype(str).to_numpy())
    victim_rows = reject_rows_of(case.links, of_mention, victim_rows, victims)
    withhold = rkey.isin(victim_rows).to_numpy() & rejects["value"].notna().to_numpy()
    rejects["value"] = rejects["value"].astype(object)
    rejects.loc[withhold, "value"] = WITHHELD  # not empty: an empty cell reads as none
    rejects["withheld"] = withhold
    return rejects


@click.command()
@case_argument
@click.option(
    "--reason",
    "reasons",
    metavar="REASON",
    multiple=True,
    help="Only rejects of this reason (phone_invalid, footer_row, ...); repeat for several.",
)
@click.option(
    "--source",
    metavar="TEXT",
    help="Only rejects whose source file name contains TEXT (case-insensitive).",
)
@limit_option
@show_victims_option
@table_options
def rejects(case_dir: Path, reasons: tuple[str, ...], source: str | None, limit: int,
            show_victims: bool, as_csv: bool, as_json: bool) -> None:  # fmt: skip
    """List the rejects of CASE_DIR: each source value ingest could not use (source file,
    row, column, reason, value), and each row it left out whole.

    Values rejected on a victim's row are withheld unless --show-victims is given.

    \b
    Example:
        linkgraph rejects case/ --reason phone_invalid
        linkgraph rejects case/ --source hotline.csv --csv > rejects.csv
    """
    fmt = table_format(as_csv, as_json)
    case = read_case(case_dir, evidence=False)
    if source:
        check_source_text(case, source, show_victims=show_victims)
    table = reject_table(case, show_victims=show_victims)
    if reasons:
        table = table[table["reason"].isin(list(reasons)).to_numpy()]
    if source:
        names = table["source"].astype(str)
        table = table[names.str.contains(source, case=False, regex=False).to_numpy()]
    counts = table["reason"].value_counts()
    by_reason = ", ".join(f"{r}: {n:,}" for r, n in counts.items())
    say(f"{len(table):,} reject(s)" + (f" ({by_reason})" if by_reason else ""), fmt)
    if withheld := int(table["withheld"].sum()):
        say(f"{withheld:,} value(s) of victims' rows withheld (--show-victims shows them)", fmt)
    emit_table(table[_REJECT_COLUMNS], fmt, max_rows=limit)


def _with_reasons(command: click.Command) -> click.Command:
    """``command`` whose help lists the reject reasons, one line each
    (:data:`linkgraph.reject_reasons.REJECT_REASONS`)."""
    import inspect

    from linkgraph.reject_reasons import reasons_help

    text = inspect.cleandoc(command.help or "")
    said = "Reasons (`FIELD_invalid` stands for each field's own, phone_invalid, ...):"
    command.help = f"{text}\n\n\b\n{said}\n{reasons_help()}"
    return command


_with_reasons(rejects)


def check_source_text(case: Case, text: str, *, show_victims: bool = False) -> None:
    """Raise CaseError unless a source of ``case`` (as tables show it: a victim's name in
    it redacted unless ``show_victims``) contains ``text`` (case-insensitive); the error
    lists the sources and the nearest to ``text``."""
    import difflib

    from linkgraph.errors import CaseError
    from linkgraph.redact import case_redactor

    names = {str(i["name"]) for i in case.manifest.get("inputs", []) if i.get("name")}
    names |= set(case.mentions["source"].dropna().astype(str))
    names |= set(case.rejects["source"].dropna().astype(str))
    if not show_victims:
        renamed = case_redactor(case).changes(names)
        names = {renamed.get(n, n) for n in names}
    if any(text.casefold() in n.casefold() for n in names):
        return
    known = sorted(names)
    close = difflib.get_close_matches(text, known, n=1, cutoff=0.6)
    tip = f"; did you mean {close[0]!r}?" if close else ""
    raise CaseError(
        f"no source of the case contains {text!r}{tip}",
        hint=f"the case's sources: {', '.join(known) or 'none'}",
    )


COMMANDS: list[click.Command] = [mentions, rejects]
