"""The case's entities and the links between them as tables, victims protected.

What ``linkgraph entities`` and ``linkgraph links`` print, and what a notebook reads:
one row per entity (its label, type, role, country, how many mentions and sources name
it, and every measure ``analyze`` stored), and one row per pair of entities and kind of
link (how many links, the total amount by currency, the first and last time, the source
rows). Both read the Case's tables the way the exports do
(:func:`linkgraph.export._data.prepare`): a victim, and the phones, accounts, ... she
holds or uses, are shown by pseudonym unless ``show_victims``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from linkgraph.model import Case

#: The entity columns, in the order printed (the measures of ``analyze`` follow).
ENTITY_TABLE_COLUMNS = (
    "entity_id", "type", "label", "role", "victim", "country", "mentions", "sources",
    "agencies", "source_rows",
)  # fmt: skip
#: The link columns, in the order printed.
LINK_TABLE_COLUMNS = (
    "src", "src_label", "kind", "dst", "dst_label", "directed", "count", "weight", "amount",
    "currency", "first", "last", "rows",
)  # fmt: skip


def entity_table(case: Case, *, show_victims: bool = False) -> pd.DataFrame:
    """One row per entity of ``case``, sorted by ``entity_id``: :data:`ENTITY_TABLE_COLUMNS`
    then the measures of its metrics table (after ``analyze``: degree, betweenness,
    community, ...). Before ``resolve`` each mention is its own entity.

    ``source_rows`` is a JSON list of ``SOURCE:ROW``. Victims (and what they hold or use)
    are labelled by pseudonym unless ``show_victims``.
    """
    from linkgraph.export._data import prepared_entities

    table = prepared_entities(case, show_victims=show_victims)
    measures = [c for c in table.columns if c not in ENTITY_TABLE_COLUMNS]
    return table[[*ENTITY_TABLE_COLUMNS, *measures]].reset_index(drop=True)


def link_table(case: Case, *, show_victims: bool = False) -> pd.DataFrame:
    """One row per (src entity, dst entity, kind) of ``case``'s links, sorted so:
    :data:`LINK_TABLE_COLUMNS`. ``count`` is how many links of the kind join the pair,
    ``weight`` the sum of their weights (a network file's ``calls=52``; 1 a link where no
    weight was read), ``amount`` their total (``currency`` when they share one),
    ``first``/``last`` their earliest and latest times (UTC), ``rows`` a JSON list of the
    ``SOURCE:ROW`` they came from. An undirected kind (``called``, ...) has ``directed``
    False. Labels are the entities' as :func:`entity_table` shows them.
    """
    from linkgraph.export._data import prepare

    data = prepare(case, show_victims=show_victims)
    label = data.entities.set_index("entity_id")["label"]
    edges = data.edges.assign(
        src_label=data.edges["src"].map(label).to_numpy(),
        dst_label=data.edges["dst"].map(label).to_numpy(),
    )
    return edges[list(LINK_TABLE_COLUMNS)].reset_index(drop=True)
