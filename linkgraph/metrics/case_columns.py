"""What ``analyze`` reads of a case folder: the columns the entity graph is built from.

A million-person case holds ~6 GB in memory when read whole (mentions with their raw
rows and attributes, the resolution evidence, the previous metrics); the graph needs
a few columns of the mentions, the links and the resolution. ``Case.read(path,
columns=ANALYZE_COLUMNS)`` reads those and nothing else; writing the analysed case back
keeps the tables not read as they are (see :meth:`linkgraph.model.Case.read`).
"""

from __future__ import annotations

import os

import pandas as pd

from linkgraph.model import OPTIONAL_TABLES, TABLES, Case

#: The mention columns :func:`linkgraph.graph.build_graph` reads (node type, label,
#: sources, agencies, role, country), and the role ``top_actors`` checks for victims.
GRAPH_MENTION_COLUMNS: tuple[str, ...] = (
    "mention_id",
    "type",
    "label",
    "name",
    "identifier",
    "given_name",
    "family_name",
    "source",
    "agency",
    "role",
    "country",
    "nationality",
)
#: The link columns the graph's edges are built from (ends, kind, time, weight, amount,
#: and the source rows each edge lists); ``attrs``, ``currency`` and ``agency`` are not read.
GRAPH_LINK_COLUMNS: tuple[str, ...] = (
    "link_id",
    "src",
    "dst",
    "kind",
    "time",
    "amount",
    "weight",
    "source",
    "row",
)
#: ``Case.read(path, columns=ANALYZE_COLUMNS)``: the graph's columns; no other optional
#: table (analyze writes metrics, key_players and communities anew, and keeps the rest).
ANALYZE_COLUMNS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(OPTIONAL_TABLES, ()),
    "mentions": GRAPH_MENTION_COLUMNS,
    "links": GRAPH_LINK_COLUMNS,
    "resolution": ("mention_id", "entity_id"),
}


def read_for_analysis(case_dir: str | os.PathLike[str]) -> Case:
    """The case at ``case_dir`` with :data:`ANALYZE_COLUMNS` only, ready for ``build_graph``.

    A narrowed read leaves out the columns that hold only nulls (a person list has no
    ``label`` or ``role``); they are added back as nulls of their type, in place, so the
    tables stay the objects read and the case can be written back to ``case_dir``.
    """
    case = Case.read(case_dir, columns=ANALYZE_COLUMNS)
    for name, columns in (("mentions", GRAPH_MENTION_COLUMNS), ("links", GRAPH_LINK_COLUMNS)):
        frame: pd.DataFrame = getattr(case, name)
        dtypes = TABLES[name].columns
        for column in columns:
            if column not in frame.columns:
                frame[column] = pd.Series(None, index=frame.index, dtype=dtypes[column])
    return case
