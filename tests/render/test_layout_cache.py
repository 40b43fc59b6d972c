"""The map's layout is kept beside the case: ``render`` and ``report`` lay one graph out
once, the map is the same with and without the kept layout, and a re-ingest or a new
resolution lays it out afresh."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from linkgraph import graph_cache
from linkgraph.cli import cli
from linkgraph.graph_cache import case_graph
from linkgraph.model import Case
from linkgraph.render import layout_cache
from linkgraph.render import map as map_module
from linkgraph.render.map import layout, map_html


def run(*args: str) -> None:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output


def write_edges(path: Path, start: int, count: int) -> Path:
    rows = ["source,target,weight,time"]
    rows += [
        f"p{i},p{(i * 7 + 3) % 40},{1 + i % 3},2024-0{1 + i % 9}-1{i % 10}"
        for i in range(start, start + count)
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of entities of each layout computed (not read from the cache)."""
    monkeypatch.setattr(layout_cache, "MIN_NODES", 0)  # the test graphs are small
    calls: list[int] = []
    compute = map_module._fruchterman_reingold

    def counting(simple, seed):  # type: ignore[no-untyped-def]
        calls.append(simple.vcount())
        return compute(simple, seed)

    monkeypatch.setattr(map_module, "_fruchterman_reingold", counting)
    return calls


@pytest.fixture
def case_dir(tmp_path: Path) -> Path:
    out = tmp_path / "case"
    edges = write_edges(tmp_path / "a.csv", 0, 60)
    run("ingest", str(edges), "--preset", "edgelist", "-o", str(out))
    run("resolve", str(out))
    run("analyze", str(out))
    graph_cache._last.clear()
    return out


def kept(case_dir: Path) -> list[Path]:
    return sorted((case_dir / "layout").glob("*.npy"))


def test_render_then_report_lay_the_map_out_once(
    case_dir: Path, tmp_path: Path, counted: list[int]
) -> None:
    run("render", str(case_dir), "-o", str(tmp_path / "map1.html"))
    assert len(counted) == 1
    assert len(kept(case_dir)) == 1
    run("render", str(case_dir), "-o", str(tmp_path / "map2.html"))
    run("report", str(case_dir), "-o", str(tmp_path / "report.html"))
    assert len(counted) == 1  # read back, not laid out again
    assert (tmp_path / "map1.html").read_bytes() == (tmp_path / "map2.html").read_bytes()
    # another seed is another layout
    cfg = tmp_path / "seed.yaml"
    cfg.write_text("render:\n  seed: 7\n", encoding="utf-8")
    run("render", str(case_dir), "--config", str(cfg), "-o", str(tmp_path / "map3.html"))
    assert len(counted) == 2
    assert len(kept(case_dir)) == 2


def test_the_map_is_the_same_with_and_without_the_kept_layout(
    case_dir: Path, counted: list[int]
) -> None:
    case = Case.read(case_dir)
    graph = case_graph(case, case_dir)
    fresh = layout(graph, seed=3)  # no folder: computed
    assert layout(graph, seed=3, folder=case_dir).tobytes() == fresh.tobytes()  # kept
    assert layout(graph, seed=3, folder=case_dir).tobytes() == fresh.tobytes()  # read back
    assert len(counted) == 2

    for p in kept(case_dir):
        p.unlink()
    first = map_html(graph, metrics=case.metrics, case=case)  # laid out and kept
    assert len(counted) == 3
    assert len(kept(case_dir)) == 1
    again = map_html(graph, metrics=case.metrics, case=case)  # read back
    assert len(counted) == 3
    # the reference: the map of a case with no folder to keep a layout in
    apart = Case.read(case_dir)
    object.__setattr__(apart, "origin", None)
    without = map_html(graph, metrics=apart.metrics, case=apart)
    assert len(counted) == 4
    assert first == again == without


def test_a_damaged_layout_is_computed_again(case_dir: Path, counted: list[int]) -> None:
    graph = case_graph(Case.read(case_dir), case_dir)
    fresh = layout(graph, seed=0, folder=case_dir)
    (file,) = kept(case_dir)
    file.write_bytes(b"not numpy")
    assert np.array_equal(layout(graph, seed=0, folder=case_dir), fresh)
    assert len(counted) == 2
    np.save(file, fresh[:-1])  # the wrong shape
    assert np.array_equal(layout(graph, seed=0, folder=case_dir), fresh)
    assert len(counted) == 3


def test_a_re_ingest_or_resolve_lays_the_map_out_again(
    case_dir: Path, tmp_path: Path, counted: list[int]
) -> None:
    run("render", str(case_dir), "-o", str(tmp_path / "map.html"))
    assert len(counted) == 1
    run("resolve", str(case_dir))  # the same graph, resolved again: laid out afresh
    assert kept(case_dir) == []
    run("render", str(case_dir), "-o", str(tmp_path / "map.html"))
    assert len(counted) == 2
    # more links between the same people: another graph, another layout
    more = write_edges(tmp_path / "b.csv", 60, 30)
    run("ingest", str(more), "--preset", "edgelist", "-o", str(case_dir))
    assert kept(case_dir) == []
    run("resolve", str(case_dir))
    graph_cache._last.clear()
    run("render", str(case_dir), "-o", str(tmp_path / "map2.html"))
    assert len(counted) == 3
    graph = case_graph(Case.read(case_dir), case_dir)
    assert counted[-1] == len(graph)


def test_only_the_most_recent_layouts_are_kept(case_dir: Path, counted: list[int]) -> None:
    graph = case_graph(Case.read(case_dir), case_dir)
    for seed in range(layout_cache.KEEP + 2):
        layout(graph, seed=seed, folder=case_dir)
    assert len(kept(case_dir)) == layout_cache.KEEP
    layout(graph, seed=layout_cache.KEEP + 1, folder=case_dir)  # the newest: still kept
    assert len(counted) == layout_cache.KEEP + 2
