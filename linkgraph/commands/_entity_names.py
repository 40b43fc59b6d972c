"""The entity a user names on the command line (`linkgraph path`, `linkgraph ego`): its id,
its label, or any of its mentions' labels as `linkgraph mentions` shows them (a name as a
source wrote it, in any script; a phone number, an account ...) or mention ids.

Victims are found by their pseudonym, not their name, unless --show-victims is given, as
`linkgraph mentions --search` finds them. A name that finds no one says so, and that
victims are listed under their pseudonyms, whatever the name: the error never tells
whether a name is a victim's in the case.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

import click

from linkgraph.commands._common import read_case
from linkgraph.errors import LinkgraphError

if TYPE_CHECKING:
    import pandas as pd

    from linkgraph.graph import EntityGraph
    from linkgraph.model import Case

#: How many entities an ambiguous name's error lists.
_LISTED = 8

#: Said whenever a name finds no entity without --show-victims, whether or not it is a
#: victim's name in the case.
VICTIMS_BY_PSEUDONYM = (
    "victims are listed under their pseudonyms, not their names "
    "(--show-victims finds a victim by her name)"
)


def shown_case_graph(case_dir: Path, show_victims: bool) -> tuple[Case, EntityGraph]:
    """The case and its entity graph as the terminal shows it: victims by pseudonym
    unless asked."""
    from linkgraph.graph_cache import case_graph
    from linkgraph.redact import shown_graph

    case = read_case(case_dir, evidence=False)
    return case, shown_graph(case, case_graph(case, case_dir), show_victims=show_victims)


def named_entity(case: Case, graph: EntityGraph, text: str, *, show_victims: bool) -> str:
    """The id of the one entity ``text`` names: an entity id or label (see
    :func:`linkgraph.metrics.paths.find_entity`), else a mention id or a mention's label
    (case, spaces and punctuation aside) of one entity, said on stderr.

    Raises:
        LinkgraphError: no entity is so named (with similar labels), or several are (each
            listed with its id, to pass instead).
    """
    from linkgraph.entity_ids import looks_like_entity_id
    from linkgraph.metrics.paths import find_entity

    if text in graph.nodes.index or _label_hits(graph, text) or looks_like_entity_id(text):
        # An error of its own when several share the label; an entity id of an earlier
        # resolution finds the entity its mention is in now.
        return find_entity(graph, text)
    ids = [e for e in _entities_mentioned_as(case, text, show_victims) if e in graph.nodes.index]
    if not ids:
        raise _no_entity_named(graph, text, show_victims=show_victims)
    if len(ids) > 1:
        nodes = graph.nodes
        shown = "; ".join(
            f"{nodes.loc[e, 'label']} ({nodes.loc[e, 'type']}, {e})" for e in ids[:_LISTED]
        )
        more = f" and {len(ids) - _LISTED} more" if len(ids) > _LISTED else ""
        raise LinkgraphError(
            f"{text!r} is a mention of {len(ids)} entities: {shown}{more}",
            hint="pass the id of the one you mean",
        )
    click.echo(f"{text}: a mention of {graph.nodes.loc[ids[0], 'label']} ({ids[0]})", err=True)
    return ids[0]


def _no_entity_named(graph: EntityGraph, text: str, *, show_victims: bool) -> LinkgraphError:
    """The error for ``text``, which names no entity shown. Without --show-victims it
    says that victims are listed under their pseudonyms, the same for every name, so it
    neither confirms nor denies that ``text`` is a victim's name in the case."""
    from linkgraph.entity_ids import looks_like_id
    from linkgraph.metrics.paths import unknown_entity_error

    error = unknown_entity_error(graph, text)
    if show_victims or looks_like_id(text):  # an id is no one's name: nothing to withhold
        return error
    return LinkgraphError(f"{error.message}; {VICTIMS_BY_PSEUDONYM}", hint=error.hint)


def _label_hits(graph: EntityGraph, text: str) -> int:
    """How many entities are labelled ``text`` (case-insensitive, compatibility forms
    folded, a pseudonymised identifier by its pseudonym alone:
    :func:`linkgraph.metrics.paths.labelled`)."""
    from linkgraph.metrics.paths import labelled

    return len(labelled(graph, text))


def _entities_mentioned_as(case: Case, text: str, show_victims: bool) -> list[str]:
    """The entities (in order of their first mention) with a mention whose id is ``text``
    or whose label, as `linkgraph mentions` shows it, is ``text`` but for case, spaces and
    punctuation."""
    from linkgraph.commands.mentions import mention_table

    table = mention_table(case, show_victims=show_victims)
    key = _key(text)
    if not key:
        return []
    hit = (table["mention_id"] == text).to_numpy() | (
        table["label"].astype("string").map(_key, na_action="ignore") == key
    ).fillna(False).to_numpy()
    entities: pd.Series = table.loc[hit, "entity_id"].dropna()
    return [str(e) for e in dict.fromkeys(entities)]


def _key(text: str) -> str:
    """``text`` folded for comparison: NFKC, lower case, letters and digits only."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", str(text)).casefold() if ch.isalnum())


def entity_ids_named(
    case_dir: Path, graph: EntityGraph, texts: tuple[str, ...], *, show_victims: bool
) -> tuple[str, ...]:
    """The entity ids ``texts`` name, each found as `linkgraph ego` and `path` find it
    (:func:`named_entity`); ``graph`` is the case's graph, whose ids need no lookup."""
    if all(t in graph.nodes.index for t in texts):
        return texts
    case, shown = shown_case_graph(case_dir, show_victims)
    return tuple(named_entity(case, shown, t, show_victims=show_victims) for t in texts)
