"""The words for the measures: one vocabulary shared by the report's glossary and the map.

Each measure column of the ``metrics`` table gets a name in plain words and a one-line
meaning for an analyst who is not a network scientist. Columns not listed here are shown
by their column name with underscores as spaces.
"""

from __future__ import annotations

from typing import NamedTuple


class Term(NamedTuple):
    """A measure's name in words and what it means, in one line."""

    name: str
    meaning: str


GLOSSARY: dict[str, Term] = {
    "degree": Term("Links", "How many other entities it is directly linked to."),
    "strength": Term(
        "Link weight", "Its links counted with their weights (repeated calls, payments...)."
    ),
    "degree_centrality": Term(
        "Direct reach", "Share of all other entities it is directly linked to."
    ),
    "betweenness_centrality": Term(
        "Go-between (betweenness)",
        "How often it lies on the shortest route between two others: brokers score high.",
    ),
    "betweenness_stderr": Term(
        "Go-between: sampling error",
        "Standard error of the go-between score when it was estimated from a sample.",
    ),
    "closeness_centrality": Term(
        "Closeness", "How few steps it needs to reach everyone it can reach."
    ),
    "harmonic_centrality": Term(
        "Reach (harmonic)", "Closeness that also works when the network is in pieces."
    ),
    "eigenvector_centrality": Term(
        "Linked to the well-linked", "High when its contacts are themselves central."
    ),
    "pagerank": Term(
        "Influence (PageRank)",
        "Importance passed on by links, in proportion to their weights (calls, payments...):"
        " many, frequent or important contacts score high.",
    ),
    "core_number": Term(
        "Core depth", "How deep it sits in the densely linked core (k-core number)."
    ),
    "component": Term("Connected group", "Which separate piece of the network it belongs to."),
    "community": Term(
        "Community", "A group of entities more linked to each other than to the rest (Leiden)."
    ),
    "participation_coefficient": Term(
        "Spread across communities",
        "0 when all its links stay in its community, near 1 when spread over many.",
    ),
    "communities_reached": Term(
        "Communities reached", "How many other communities its direct contacts belong to."
    ),
    "constraint": Term(
        "Constraint (Burt)",
        "High when its contacts all know each other: it has little room to broker.",
    ),
    "effective_size": Term(
        "Non-redundant contacts",
        "Contacts that are not linked to each other (Burt's effective size).",
    ),
    "bridging_centrality": Term(
        "Bridging", "Go-between score weighted by how much it joins otherwise separate parts."
    ),
    "coordinator": Term(
        "Broker: coordinator", "Times it links two members of its own group (Gould-Fernandez)."
    ),
    "gatekeeper": Term(
        "Broker: gatekeeper", "Times it lets an outsider reach a member of its own group."
    ),
    "representative": Term(
        "Broker: representative", "Times it passes its own group's contact to an outsider."
    ),
    "liaison": Term("Broker: liaison", "Times it links two groups neither of which is its own."),
    "consultant": Term("Broker: consultant", "Times it links two members of another group."),
    "brokerage": Term(
        "Brokerage (all roles)", "Times it sits between two others who are not linked directly."
    ),
    "mentions": Term("Mentions", "How many source rows mention it (after merging spellings)."),
}


def term(column: str) -> Term:
    """The words for a measure column; unknown columns read as their name."""
    found = GLOSSARY.get(column)
    if found is not None:
        return found
    return Term(column.replace("_", " ").capitalize(), "")


def glossary_for(columns: list[str]) -> dict[str, list[str]]:
    """``{column: [name, meaning]}`` for the given columns, as the map's JSON carries it."""
    return {c: list(term(c)) for c in columns}
