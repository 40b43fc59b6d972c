"""Terminal tables and CSVs of the analysis commands show victims by pseudonym only."""

from __future__ import annotations

import pandas as pd
import pytest
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.graph import build_graph
from linkgraph.model import Case
from linkgraph.privacy import is_victim, pseudonym


@pytest.fixture(scope="module")
def demo_case(demo_out):
    return demo_out / "case"


def test_ego_and_keyplayers_hide_victims_unless_asked(demo_case):
    graph = build_graph(Case.read(demo_case))
    victims = graph.nodes[graph.nodes["role"].map(is_victim)]
    assert len(victims) > 10
    victim_id = victims.index[0]
    name = victims.loc[victim_id, "label"]
    runner = CliRunner()
    ego = runner.invoke(cli, ["ego", str(demo_case), victim_id, "--hops", "1"])
    assert ego.exit_code == 0, ego.output
    assert pseudonym(victim_id, Case.read(demo_case).pseudonym_key) in ego.output
    assert name not in ego.output
    shown = runner.invoke(cli, ["ego", str(demo_case), victim_id, "--hops", "1", "--show-victims"])
    assert name in shown.output

    kp = runner.invoke(cli, ["keyplayers", str(demo_case), "-k", "3"])
    assert kp.exit_code == 0, kp.output
    curve = pd.read_csv(demo_case / "keyplayers.csv")
    assert not set(curve["label"].dropna()) & set(victims["label"])
