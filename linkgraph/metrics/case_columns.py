"""What ``analyze`` and ``render`` read of a case folder: the columns the entity graph is
built from (and, for the map, the mentions' rows and the merge evidence).

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
#: The link columns the graph's edges are built from (ends, kind, time, weight, amount
#: and its currency, and the source rows each edge lists); ``attrs`` and ``agency`` are
#: not read.
GRAPH_LINK_COLUMNS: tuple[str, ...] = (
    "link_id",
    "src",
    "dst",
    "kind",
    "time",
    "amount",
    "currency",
    "weight",
    "source",
    "row",
)
#: ``Case.read(path, columns=ANALYZE_COLUMNS)``: the graph's columns; no other optional
#: table (analyze writes metrics, key_players and communities anew, and keeps the rest).
ANALYZE_COLUMNS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(OPTIONAL_TABLES, ()),
    # and each mention's time: a time window places a link without one at its event's
    # (linkgraph.metrics.temporal.placed_times)
    "mentions": (*GRAPH_MENTION_COLUMNS, "time"),
    "links": GRAPH_LINK_COLUMNS,
    "resolution": ("mention_id", "entity_id"),
}
#: ``Case.read(path, columns=MAP_COLUMNS)``: what a map draws (``render``): the graph's
#: columns, each mention's source row, the evidence of merges and the metrics whole.
MAP_COLUMNS: dict[str, tuple[str, ...]] = {
    **ANALYZE_COLUMNS,
    "mentions": (*GRAPH_MENTION_COLUMNS, "time", "row"),
    "evidence": ("left", "right", "decision", "match_probability", "rule", "fields"),
}
del MAP_COLUMNS["metrics"]  # not named: read whole


def read_for_analysis(
    case_dir: str | os.PathLike[str], columns: dict[str, tuple[str, ...]] = ANALYZE_COLUMNS
) -> Case:
    """The case at ``case_dir`` with ``columns`` only, ready for ``build_graph``.

    A narrowed read leaves out the columns that hold only nulls (a person list has no
    ``label`` or ``role``); they are added back as nulls of their type, in place, so the
    tables stay the objects read and the case can be written back to ``case_dir``.
    """
    case = Case.read(case_dir, columns=columns)
    for name, wanted in columns.items():
        frame: pd.DataFrame | None = getattr(case, name)
        if frame is None:
            continue
        dtypes = TABLES[name].columns
        for column in wanted:
            if column not in frame.columns:
                frame[column] = pd.Series(None, index=frame.index, dtype=dtypes[column])
    return case
