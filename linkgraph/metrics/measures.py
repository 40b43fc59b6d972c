"""The measures ``analyze`` writes to metrics.parquet, by name: a name a user gives
(``--by betweenness``) checked before any work is done, with a did-you-mean."""

from __future__ import annotations

import difflib

from linkgraph.errors import ConfigError

#: The columns of metrics.parquet that rank entities, in the table's order (every
#: analysis writes them; a skipped measure is written empty).
MEASURES = (
    "component", "degree_centrality", "degree", "strength", "betweenness_centrality",
    "betweenness_stderr", "closeness_centrality", "harmonic_centrality",
    "eigenvector_centrality", "pagerank", "katz_centrality", "hub", "authority",
    "clustering", "core_number", "community", "participation_coefficient",
    "communities_reached", "constraint", "effective_size", "coordinator", "gatekeeper",
    "representative", "liaison", "consultant", "brokerage",
)  # fmt: skip

#: The columns only a directed analysis (``--directed``) writes.
DIRECTED_MEASURES = ("in_degree", "out_degree", "in_strength", "out_strength")

#: Short names other commands use (keyplayers --by, stability --measure) for a column.
ALIASES = {
    "betweenness": "betweenness_centrality",
    "closeness": "closeness_centrality",
    "harmonic": "harmonic_centrality",
    "eigenvector": "eigenvector_centrality",
    "katz": "katz_centrality",
}


def measure_column(name: str, *, directed: bool, key: str = "by") -> str:
    """The metrics.parquet column ``name`` stands for (an alias such as ``betweenness``
    gives ``betweenness_centrality``).

    Raises:
        ConfigError: ``name`` is no measure (with the closest names and the list), or
            one only a directed analysis writes while ``directed`` is false.

    Examples:
        >>> measure_column("betweenness", directed=False)
        'betweenness_centrality'
        >>> measure_column("in_degree", directed=True)
        'in_degree'
    """
    column = ALIASES.get(name, name)
    if column in MEASURES or (directed and column in DIRECTED_MEASURES):
        return column
    if column in DIRECTED_MEASURES:
        raise ConfigError(
            f"{name!r} is measured only on a directed graph",
            key=key,
            hint="add --directed (or analyze.directed: true in the config)",
        )
    known = [*MEASURES, *(DIRECTED_MEASURES if directed else ()), *ALIASES]
    close = difflib.get_close_matches(name, known, n=2, cutoff=0.6)
    tip = f"; did you mean {' or '.join(map(repr, close))}?" if close else ""
    more = "" if directed else "; with --directed also " + ", ".join(DIRECTED_MEASURES)
    raise ConfigError(
        f"unknown measure {name!r}{tip}",
        key=key,
        hint=f"choose one of: {', '.join(MEASURES)}{more}",
    )
