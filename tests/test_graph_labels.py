"""Entity labels: chosen from structured names first, then by frequency, stably."""

from __future__ import annotations

import pandas as pd

from linkgraph.graph import build_graph
from linkgraph.model import Case


def test_label_prefers_mentions_with_separate_given_and_family_names():
    mentions = pd.DataFrame(
        {
            "mention_id": ["m:1", "m:2", "m:3", "m:4"],
            "type": ["person"] * 4,
            "label": ["POPA ION", "POPA ION", "Ion POPA", "Ana Marin"],
            "given_name": [None, None, "Ion", None],
            "family_name": [None, None, "POPA", None],
            "role": [None, None, None, "suspect"],
            "source": ["bank.csv", "bank.csv", "police.csv", "ngo.csv"],
            "row": [1, 2, 3, 4],
        }
    )
    resolution = pd.DataFrame(
        {"mention_id": ["m:1", "m:2", "m:3", "m:4"], "entity_id": ["e:1", "e:1", "e:1", "e:2"]}
    )
    graph = build_graph(Case().with_tables(mentions=mentions, resolution=resolution))
    assert graph.nodes.loc["e:1", "label"] == "Ion POPA"  # structured beats the 2-to-1 majority
    assert graph.nodes.loc["e:2", "label"] == "Ana Marin"
    assert graph.nodes.loc["e:1", "mentions"] == 3
