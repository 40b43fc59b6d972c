"""Reading a case while another command swaps a new version in (found by
benchmarks/bench_faults.py: analyze || ingest read the mentions of one version and the
links of the other, and cached a graph of the old tables under the new tables' key)."""

from __future__ import annotations

import pandas as pd

from linkgraph import graph_cache
from linkgraph.model import Case


def _case(tag: str, n: int) -> Case:
    mentions = pd.DataFrame(
        {
            "mention_id": [f"m:{tag}{i}" for i in range(n)],
            "type": ["phone"] * n,
            "source": [f"{tag}.csv"] * n,
            "row": list(range(1, n + 1)),
        }
    )
    links = pd.DataFrame(
        {
            "src": [f"m:{tag}{i}" for i in range(n - 1)],
            "dst": [f"m:{tag}{i + 1}" for i in range(n - 1)],
            "kind": ["called"] * (n - 1),
            "source": [f"{tag}.csv"] * (n - 1),
            "row": list(range(1, n)),
        }
    )
    return Case(mentions=mentions, links=links)


def test_a_swap_in_the_middle_of_a_read_gives_the_new_version_whole(tmp_path, monkeypatch):
    target = tmp_path / "case"
    _case("old", 3).write(target)
    real = pd.read_parquet
    swapped = []

    def read_and_swap(path, *args, **kwargs):
        frame = real(path, *args, **kwargs)
        if not swapped:  # after the first table: another command writes a new version
            swapped.append(True)
            _case("new", 5).write(target)
        return frame

    monkeypatch.setattr(pd, "read_parquet", read_and_swap)
    case = Case.read(target)
    assert set(case.mentions["source"]) == {"new.csv"}
    assert set(case.links["source"]) == {"new.csv"}
    assert len(case.mentions) == 5


def test_no_graph_is_cached_for_tables_it_was_not_built_from(tmp_path):
    target = tmp_path / "case"
    _case("old", 3).write(target)
    stale = Case.read(target)
    _case("new", 5).write(target)  # written by another command after the read
    graph_cache._last.clear()
    graph = graph_cache.case_graph(stale, target)
    assert len(graph) == 3  # the graph of what was read ...
    assert not (target / graph_cache.CACHE_DIR).exists()  # ... not cached for the new tables
    graph_cache._last.clear()
    fresh = Case.read(target)
    assert len(graph_cache.case_graph(fresh, target)) == 5
    assert (target / graph_cache.CACHE_DIR / "key.json").is_file()
