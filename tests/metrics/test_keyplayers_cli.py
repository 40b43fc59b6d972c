"""keyplayers through the CLI: Cavallaro et al.'s 16 published Montagna disruption curves
(../shared/datasets/montagna_sicilian_mafia), and Borgatti's key-player sets against brute
force on small graphs."""

from __future__ import annotations

import itertools
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.metrics.key_players import key_player_set
from linkgraph.model import Case

from .conftest import to_entity_graph

MONTAGNA_MAPPING = Path(__file__).parents[1] / "fixtures" / "mappings" / "montagna_edgelist.yaml"


@pytest.fixture(scope="module")
def montagna(shared_datasets: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("montagna")
    mapping = MONTAGNA_MAPPING
    cases = {}
    for net in ("meetings", "phonecalls"):
        src = shared_datasets / "montagna_sicilian_mafia/data" / f"Montagna_{net}_edgelist.csv"
        case = folder / net
        out = CliRunner().invoke(
            cli, ["ingest", str(src), "--mapping", str(mapping), "-o", str(case), "-q"]
        )
        assert out.exit_code == 0, out.output
        cases[net] = case
    return cases


@pytest.mark.parametrize(("net", "file"), [("meetings", "meeting"), ("phonecalls", "phone_calls")])
@pytest.mark.parametrize("mode", ["sequential", "block"])
@pytest.mark.parametrize("weighting", ["Unweighted", "Weighted"])
@pytest.mark.parametrize(("by", "column"), [("betweenness", "Betweenness"), ("degree", "Degree")])
def test_montagna_published_curves_through_the_cli(
    montagna: dict[str, Path], shared_datasets: Path, net: str, file: str, mode: str,
    weighting: str, by: str, column: str,
) -> None:  # fmt: skip
    ref = pd.read_csv(
        shared_datasets / "montagna_sicilian_mafia/published_results_disruption"
        / f"{mode}__{file}__df_{weighting}_5nrem.csv"
    )  # fmt: skip
    args = ["keyplayers", str(montagna[net]), "-k", str(int(ref["No"].max())), "--by", by,
            f"--{mode}", "--ties", "last"]  # fmt: skip
    if weighting == "Weighted":
        args.append("--weighted")
    out = CliRunner().invoke(cli, args)
    assert out.exit_code == 0, out.output
    curve = pd.read_csv(montagna[net] / "keyplayers.csv").set_index("step")
    got = curve["lcc_fraction"].reindex(ref["No"]).to_numpy()
    assert got == pytest.approx(ref[column].to_numpy(), abs=1e-9)


def _brute_force(g: nx.Graph, k: int) -> float:
    """Borgatti's F of the best k-set, by networkx over every set."""
    n = g.number_of_nodes() - k
    best = 0.0
    for removed in itertools.combinations(g.nodes, k):
        h = g.copy()
        h.remove_nodes_from(removed)
        reach = sum(len(c) * (len(c) - 1) for c in nx.connected_components(h))
        best = max(best, 1 - reach / (n * (n - 1)))
    return best


def _small_graphs() -> list[tuple[str, nx.Graph]]:
    out = [("karate", nx.karate_club_graph()), ("florentine", nx.florentine_families_graph()),
           ("davis", nx.davis_southern_women_graph()), ("lollipop", nx.lollipop_graph(6, 5)),
           ("barbell", nx.barbell_graph(5, 3)), ("tree", nx.balanced_tree(2, 4))]  # fmt: skip
    for seed in range(6):
        out.append((f"gnp{seed}", nx.gnp_random_graph(24, 0.12, seed=seed)))
        out.append((f"ws{seed}", nx.connected_watts_strogatz_graph(22, 4, 0.2, seed=seed)))
    return out


@pytest.mark.parametrize(("name", "g"), _small_graphs(), ids=[n for n, _ in _small_graphs()])
@pytest.mark.parametrize("k", [2, 3])
def test_key_player_set_is_optimal_on_small_graphs(name: str, g: nx.Graph, k: int) -> None:
    g = nx.convert_node_labels_to_integers(g)
    best = _brute_force(g, k)
    view = to_entity_graph(g).view()
    exhaustive = key_player_set(view, k)
    assert exhaustive.attrs["algorithm"] == "exhaustive"
    assert exhaustive.attrs["fragmentation"] == pytest.approx(best, abs=1e-12)
    heuristic = key_player_set(view, k, exhaustive_max_sets=0)
    assert heuristic.attrs["algorithm"] == "greedy+swap"
    assert heuristic.attrs["fragmentation"] == pytest.approx(best, abs=1e-12)


def test_distance_fragmentation_matches_networkx_efficiency() -> None:
    g = nx.karate_club_graph()
    view = to_entity_graph(g).view()
    kp = key_player_set(view, 2, measure="distance")
    best = 0.0
    for removed in itertools.combinations(g.nodes, 2):
        h = g.copy()
        h.remove_nodes_from(removed)
        best = max(best, 1 - nx.global_efficiency(h))
    assert kp.attrs["distance_fragmentation"] == pytest.approx(best, abs=1e-12)


def test_keyplayers_csv_reports_the_score(tmp_path: Path, small_case: Case) -> None:
    case_dir = small_case.write(tmp_path / "case")
    out = CliRunner().invoke(cli, ["keyplayers", str(case_dir), "-k", "2",
                                   "--by", "fragmentation"])  # fmt: skip
    assert out.exit_code == 0, out.output
    assert "exhaustive search" in out.output
    table = pd.read_csv(case_dir / "keyplayers.csv")
    assert {"fragmentation", "distance_fragmentation"} <= set(table.columns)
    assert table["fragmentation"].iloc[0] < table["fragmentation"].iloc[-1]
