"""The same case gives the same bytes (issue 18, item 11): no measure depends on the clock,
the machine's load or thread scheduling."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import time
from pathlib import Path

import networkx as nx
import numpy as np
import pytest

from linkgraph import metrics
from linkgraph.metrics import AnalyzeConfig, analyze_graph, closeness_sources

from .conftest import to_entity_graph


def test_pagerank_gives_the_same_bytes_every_time() -> None:
    eg = to_entity_graph(nx.barabasi_albert_graph(3000, 3, seed=1))
    first = metrics.pagerank(eg)["pagerank"].to_numpy()
    for _ in range(4):  # igraph's PRPACK changed its last digits on most calls
        assert metrics.pagerank(eg)["pagerank"].to_numpy().tobytes() == first.tobytes()
    reference = nx.pagerank(nx.barabasi_albert_graph(3000, 3, seed=1), tol=1e-15, max_iter=10_000)
    expected = np.array([reference[int(str(i).removeprefix("n"))] for i in eg.nodes.index])
    assert first == pytest.approx(expected, rel=1e-9)


def test_sampled_closeness_takes_its_sample_size_from_the_config_not_the_clock(monkeypatch) -> None:
    eg = to_entity_graph(nx.barabasi_albert_graph(1200, 2, seed=3))
    config = AnalyzeConfig(exact_closeness_max_nodes=100, closeness_samples=64)
    calm = analyze_graph(eg, config)
    clock = iter(range(0, 10**9, 1000))  # every reading 1,000 s after the last: a loaded machine
    monkeypatch.setattr(time, "perf_counter", lambda: float(next(clock)))
    loaded = analyze_graph(eg, config)
    k = closeness_sources(1200, eg.edges.shape[0], config)
    assert k == 64
    assert calm.attrs["algorithms"]["closeness_centrality"]["k"] == k
    assert loaded.attrs["algorithms"]["closeness_centrality"]["k"] == k
    for col in calm.columns:
        assert calm[col].equals(loaded[col]), col


def _spin() -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", "while True: pass"])


def _digests(case: Path) -> dict[str, str]:
    return {
        name: hashlib.sha256((case / name).read_bytes()).hexdigest()
        for name in ("metrics.parquet", "key_players.parquet", "communities.parquet")
    }


@pytest.mark.slow
def test_analyze_twice_once_on_a_busy_machine_gives_byte_identical_tables(tmp_path) -> None:
    rows = ["record_id,given_name,family_name,dob,phone"]
    rng = np.random.default_rng(5)
    for i in range(1500):
        phone = f"+4915112{int(rng.integers(0, 900)):05d}"  # shared phones tie people together
        rows.append(f"r{i},Name{i % 300},Family{i % 211},19{60 + i % 40}-01-0{1 + i % 9},{phone}")
    (tmp_path / "people.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    config = tmp_path / "pipeline.yaml"
    # Sampled betweenness and closeness, as on a large case.
    config.write_text(
        "analyze:\n  exact_betweenness_max_nodes: 200\n  exact_closeness_max_nodes: 200\n",
        encoding="utf-8",
    )

    def lg(*args: object) -> None:
        cmd = [sys.executable, "-m", "linkgraph", *map(str, args), "-q"]
        subprocess.run(cmd, check=True, capture_output=True, timeout=600)

    case = tmp_path / "case"
    lg("ingest", tmp_path / "people.csv", "--preset", "people", "-o", case)
    lg("resolve", case)
    twin = tmp_path / "twin"
    shutil.copytree(case, twin)
    lg("analyze", case, "--config", config)
    spinners = [_spin() for _ in range(2)]
    try:
        lg("analyze", twin, "--config", config)
    finally:
        for proc in spinners:
            proc.kill()
            proc.wait()
    assert _digests(case) == _digests(twin)
