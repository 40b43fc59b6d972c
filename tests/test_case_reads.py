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
            "role": [None] * n,
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


def _files(folder) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.parquet"))}


def test_a_case_read_with_some_columns_writes_back_its_tables_whole(tmp_path):
    """``Case.read(columns=...)`` (what ``linkgraph resolve`` reads): the narrowed and
    unread tables keep their files byte for byte; a replaced unread table is written."""
    import pytest

    from linkgraph.errors import CaseError

    target = tmp_path / "case"
    full = _case("a", 4)
    full = full.with_tables(
        evidence=pd.DataFrame({"left": ["m:a0"], "right": ["m:a1"], "type": ["phone"]})
    )
    full.write(target)
    before = _files(target)
    part = Case.read(target, columns={"mentions": ["mention_id", "type"], "evidence": []})
    assert list(part.mentions.columns) == ["mention_id", "type"]
    assert part.evidence is None
    part.with_step("test").write(target)
    assert _files(target) == before
    again = Case.read(target)
    assert again.mentions["source"].tolist() == ["a.csv"] * 4
    assert len(again.evidence) == 1
    # A replaced unread table is written; the narrowed one still copied.
    resolution = pd.DataFrame({"mention_id": ["m:a0"], "entity_id": ["e:a0"]})
    part = Case.read(target, columns={"mentions": ["mention_id"], "resolution": []})
    part.with_tables(resolution=resolution).write(target)
    again = Case.read(target)
    assert again.resolution["entity_id"].tolist() == ["e:a0"]
    assert again.mentions["row"].tolist() == [1, 2, 3, 4]
    # Anything that would lose the columns not read is refused.
    with pytest.raises(CaseError, match="only some columns"):
        part.write(tmp_path / "elsewhere")
    with pytest.raises(CaseError, match="only some columns"):
        part.with_tables(mentions=part.mentions.head(2)).write(target)
