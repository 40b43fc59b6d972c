"""Results depend on the network, not on what its file is called or where it lies."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pandas as pd
from click.testing import CliRunner

from linkgraph.cli import cli


def _analyse(folder: Path, name: str, g: nx.Graph) -> pd.DataFrame:
    folder.mkdir(parents=True)
    path = folder / name
    pd.DataFrame(
        [(f"v{u}", f"v{v}", d.get("weight", 1)) for u, v, d in g.edges(data=True)],
        columns=["source", "target", "weight"],
    ).to_csv(path, index=False)
    for args in (["ingest", str(path), "--preset", "edgelist", "-o", str(folder / "case"), "-q"],
                 ["analyze", str(folder / "case"), "-q"]):  # fmt: skip
        out = CliRunner().invoke(cli, args)
        assert out.exit_code == 0, out.output
    return pd.read_parquet(folder / "case/metrics.parquet").set_index("label").sort_index()


def test_same_network_under_other_names_gives_identical_results(tmp_path: Path) -> None:
    for g in (nx.karate_club_graph(), nx.les_miserables_graph(),
              nx.relaxed_caveman_graph(12, 8, 0.2, seed=3)):  # fmt: skip
        g = nx.convert_node_labels_to_integers(g)
        a = _analyse(tmp_path / f"a{len(g)}", "karate.csv", g)
        b = _analyse(tmp_path / f"b{len(g)}" / "deep" / "x", "zachary club (copy).csv", g)
        assert not (a["entity_id"] == b["entity_id"]).any()  # the ids do differ ...
        measures = a.columns.drop(["entity_id"])
        # ... and every measure is the same, byte for byte, communities included.
        pd.testing.assert_frame_equal(a[measures], b[measures])
