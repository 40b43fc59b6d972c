"""CLI commands: entities (who and what the case holds) and links (who is linked to whom)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from linkgraph.commands._common import (
    NamedChoice,
    case_argument,
    choices_said,
    cli_progress,
    emit_table,
    limit_option,
    read_case,
    say,
    show_victims_option,
    step,
    table_format,
    table_options,
)
from linkgraph.commands._entity_names import VICTIMS_BY_PSEUDONYM
from linkgraph.entity_ids import looks_like_id
from linkgraph.schema import ENTITY_TYPES, LINK_KINDS

if TYPE_CHECKING:
    import pandas as pd

    from linkgraph.model import Case

#: Columns printed as text (CSV and JSON print every column).
_ENTITY_TEXT = ("type", "label", "role", "country", "mentions", "sources", "agencies")
_LINK_TEXT = (
    "src_label", "kind", "dst_label", "count", "weight", "amount", "currency", "first", "last"
)  # fmt: skip
#: Measures of ``analyze`` printed as text beside the entity columns, when computed.
_MEASURES_TEXT = ("degree", "betweenness_centrality", "pagerank", "community")


def _search(table: pd.DataFrame, columns: tuple[str, ...], text: str) -> pd.DataFrame:
    """The rows of ``table`` where one of ``columns`` contains ``text`` (case, accents
    and cedillas aside: :func:`~linkgraph.commands._search.search_key`)."""
    from linkgraph.commands._search import contains

    return table[contains(table, columns, text).to_numpy(dtype=bool)]


def _search_entities(
    case: Case, table: pd.DataFrame, text: str, *, show_victims: bool
) -> pd.DataFrame:
    """The entities of ``table`` whose id, label or role contains ``text``, or one of
    whose mentions' labels does, as `linkgraph mentions` shows them (a name as each source
    wrote it; a victim's by her pseudonym unless ``show_victims``): an entity labelled
    "Constantin ANTONEȚ" is found by "Kostintyn ANTONETS", the name an earlier file gave
    it. Case, accents and cedillas aside (:func:`~linkgraph.commands._search.search_key`)."""
    from linkgraph.commands._search import contains
    from linkgraph.commands.mentions import mention_table

    hit = contains(table, ("entity_id", "label", "role"), text).to_numpy(dtype=bool)
    mentions = mention_table(case, show_victims=show_victims)
    named = mentions.loc[contains(mentions, ("label",), text).to_numpy(dtype=bool), "entity_id"]
    hit = hit | table["entity_id"].isin(set(named.dropna().astype(str))).to_numpy(dtype=bool)
    return table[hit]


def _current_entity_id(case: Case, table: pd.DataFrame, search: str, fmt: str) -> str:
    """``search``, or, when it is an entity id of an earlier resolution that the case no
    longer has, the id of the entity that holds it now (said on stderr or above the
    table: :func:`linkgraph.entity_ids.current_id`)."""
    import pandas as pd

    from linkgraph.entity_ids import current_id, looks_like_entity_id, renamed_note

    if not looks_like_entity_id(search) or table["entity_id"].eq(search.strip()).any():
        return search
    new = current_id(search.strip(), case.entity_of(), pd.Index(table["entity_id"]))
    if new is None:
        return search
    say(renamed_note(search.strip(), new), fmt)
    return new


def _unresolved_note(case: Case, fmt: str) -> None:
    """Say that a case not resolved yet has each mention as its own entity."""
    if case.resolution is None:
        say(
            "not resolved yet: each mention is its own entity (the same phone on two rows"
            " is two); run `linkgraph resolve CASE_DIR` first",
            fmt,
        )


@click.command()
@case_argument
@click.option(
    "--type",
    "entity_type",
    type=NamedChoice(ENTITY_TYPES, "TYPE"),
    help="Only this type. " + choices_said(ENTITY_TYPES),
)
@click.option(
    "--search",
    metavar="TEXT",
    help="Only entities whose id, label or role, or a name one of their mentions gives "
    "(as `linkgraph mentions` shows them), contains TEXT (case, accents and cedillas aside).",
)
@click.option(
    "--sort",
    "sort_by",
    metavar="COLUMN",
    default="mentions",
    show_default=True,
    help="Largest first by this column: mentions, sources, or a measure of `linkgraph "
    "analyze` (degree, betweenness, pagerank, brokerage, ...; --csv shows them all).",
)
@limit_option
@show_victims_option
@table_options
def entities(case_dir: Path, entity_type: str | None, search: str | None, sort_by: str,
             limit: int, show_victims: bool, as_csv: bool, as_json: bool) -> None:  # fmt: skip
    """List the entities of CASE_DIR: each person, phone, account, ... once, with how
    many mentions and sources name it (after `linkgraph resolve`; before it, each mention
    is its own entity), and the measures of `linkgraph analyze` when it has run.

    Victims, and the phones and accounts they use, are labelled by pseudonym unless
    --show-victims is given. --csv and --json print every column (source_rows: the
    SOURCE:ROW of each mention).

    \b
    Example:
        linkgraph entities case/ --type person --search Rusu
        linkgraph entities case/ --sort betweenness -n 10
        linkgraph entities case/ --csv > entities.csv
    """
    from linkgraph.tables import entity_table

    fmt = table_format(as_csv, as_json)
    # a large case takes seconds to read and to sum up: a step line on a terminal's stderr
    with cli_progress(False) as progress:
        with step(progress, "entities: read case"):
            case = read_case(case_dir, evidence=False)
        with step(progress, "entities: sum up"):
            table = entity_table(case, show_victims=show_victims)
    _unresolved_note(case, fmt)
    if sort_by not in table.columns and f"{sort_by}_centrality" in table.columns:
        sort_by = f"{sort_by}_centrality"  # --sort betweenness, as the measures are said
    if sort_by not in table.columns or table[sort_by].dtype.kind not in "iuf":
        numeric = [c for c in table.columns if table[c].dtype.kind in "iuf"]
        raise click.BadParameter(
            f"{sort_by!r} is no numeric column of the entities; choose one of "
            f"{', '.join(numeric)}" + ("" if "degree" in numeric else
                                       " (run `linkgraph analyze` for the measures)"),
            param_hint="--sort",
        )  # fmt: skip
    if entity_type is not None:
        table = table[(table["type"] == entity_type).to_numpy()]
    victims_here = bool(table["victim"].any())
    if search:
        search = _current_entity_id(case, table, search, fmt)
        table = _search_entities(case, table, search, show_victims=show_victims)
    # Largest first, ties by id: the same order on every run.
    table = table.sort_values([sort_by, "entity_id"], ascending=[False, True], kind="mergesort")
    if search and table.empty:
        # The same words for every search that finds nothing (a victim's name among
        # them): they never tell whether the text is a victim's name in the case. An id
        # that names no entity is no name: no word on victims.
        scope = " or role, or a name of one of its mentions (case and accents aside)"
        hidden = victims_here and not show_victims and not looks_like_id(search)
        note = f"; {VICTIMS_BY_PSEUDONYM}" if hidden else ""
        say(f"0 entities: none has {search!r} in its id, label{scope}{note}", fmt)
    else:
        say(f"{len(table):,} entit{'y' if len(table) == 1 else 'ies'}", fmt)
    if fmt == "text":
        shown = [*_ENTITY_TEXT, *(c for c in _MEASURES_TEXT if c in table.columns)]
        if sort_by not in shown:
            shown.append(sort_by)
        table = table.set_index("entity_id")[shown]
    else:
        table = table.set_index("entity_id")
    emit_table(table, fmt, max_rows=limit, lists={"source_rows": None})


@click.command()
@case_argument
@click.option(
    "--kind",
    "kinds",
    type=NamedChoice(sorted(LINK_KINDS), "KIND"),
    multiple=True,
    help="Only links of this kind; repeat for several. " + choices_said(sorted(LINK_KINDS)),
)
@click.option(
    "--entity",
    metavar="TEXT",
    help="Only links with an end whose id or label contains TEXT (case, accents and "
    "cedillas aside).",
)
@limit_option
@show_victims_option
@table_options
def links(case_dir: Path, kinds: tuple[str, ...], entity: str | None, limit: int,
          show_victims: bool, as_csv: bool, as_json: bool) -> None:  # fmt: skip
    """List the links of CASE_DIR between entities: one row per pair and kind, with how
    many links join them (calls, payments, ...), their summed weight (a network file's
    weights), their total amount, and the first and last time.

    Victims, and the phones and accounts they use, are labelled by pseudonym unless
    --show-victims is given. --csv and --json print every column (the ends' entity ids,
    rows: the SOURCE:ROW each link came from).

    \b
    Example:
        linkgraph links case/ --kind paid
        linkgraph links case/ --entity "Ion Rusu" --json
    """
    from linkgraph.tables import link_table

    fmt = table_format(as_csv, as_json)
    with cli_progress(False) as progress:
        with step(progress, "links: read case"):
            case = read_case(case_dir, evidence=False)
        with step(progress, "links: sum up"):
            table = link_table(case, show_victims=show_victims)
    _unresolved_note(case, fmt)
    if kinds:
        table = table[table["kind"].isin(list(kinds)).to_numpy()]
    if entity:
        table = _search(table, ("src", "src_label", "dst", "dst_label"), entity)
    table = table.sort_values(
        ["count", "src", "dst", "kind"], ascending=[False, True, True, True], kind="mergesort"
    )
    if entity and table.empty and not show_victims:
        say(f"0 links; {VICTIMS_BY_PSEUDONYM}", fmt)
    else:
        say(f"{len(table):,} link(s) between entities", fmt)
    if fmt == "text":
        import pandas as pd

        table = table[list(_LINK_TEXT)].copy()
        for column in ("first", "last"):  # no time: an empty cell, not NaT
            times = pd.to_datetime(table[column], utc=True)  # an empty table's is object
            table[column] = times.dt.strftime("%Y-%m-%d %H:%M").fillna("")
    emit_table(table.reset_index(drop=True), fmt, max_rows=limit, lists={"rows": None})


COMMANDS: list[click.Command] = [entities, links]
