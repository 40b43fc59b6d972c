"""Time windows hold only the contacts inside them: CAVIAR's 11 two-month wiretap phases,
ingested as one dated call list and analysed window by window through the CLI, equal
the published per-phase networks (../shared/datasets/caviar)."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.graph import build_graph
from linkgraph.metrics.temporal import periods, time_window, window_links
from linkgraph.model import Case

from .conftest import case_of

START = pd.Timestamp("1994-01-01")


def _phase_bounds(phase: int) -> tuple[str, str]:
    lo = START + pd.DateOffset(months=2 * (phase - 1))
    hi = lo + pd.DateOffset(months=2) - pd.Timedelta(days=1)
    return lo.date().isoformat(), hi.date().isoformat()


@pytest.fixture(scope="module")
def caviar_case(shared_datasets: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The phases as a call log an analyst would have: one dated row per intercepted pair."""
    e = pd.read_csv(shared_datasets / "caviar/caviar_phases_edgelist_directed.csv")
    days = pd.to_timedelta(range(len(e)), unit="D") % pd.Timedelta(days=55)
    e["date"] = [
        (START + pd.DateOffset(months=2 * (p - 1)) + d).date().isoformat()
        for p, d in zip(e["phase"], days, strict=True)
    ]
    folder = tmp_path_factory.mktemp("caviar")
    calls = folder / "caviar_calls.csv"
    e[["source", "target", "calls", "date"]].to_csv(calls, index=False)
    out = CliRunner().invoke(
        cli, ["ingest", str(calls), "--preset", "edgelist", "-o", str(folder / "case"), "-q"]
    )
    assert out.exit_code == 0, out.output
    return folder / "case"


def test_every_caviar_phase_window_equals_the_published_network(
    caviar_case: Path, shared_datasets: Path
) -> None:
    ref = pd.read_csv(shared_datasets / "caviar/reference_metrics_networkx_undirected_binary.csv")
    phases = pd.read_csv(shared_datasets / "caviar/caviar_phases_edgelist_directed.csv")
    for row in ref.itertuples():
        lo, hi = _phase_bounds(row.phase)
        out = CliRunner().invoke(
            cli, ["analyze", str(caviar_case), "--since", lo, "--until", hi, "--unweighted", "-q"]
        )
        assert out.exit_code == 0, out.output
        m = pd.read_parquet(caviar_case / "metrics.parquet").set_index("label")
        truth = phases[phases["phase"] == row.phase]
        published = nx.Graph(list(zip(truth["source"], truth["target"], strict=True)))
        assert set(m.index) == set(published.nodes), f"phase {row.phase}"
        assert len(m) == row.nodes
        assert m["degree"].sum() / 2 == row.undirected_edges, f"phase {row.phase}"
        for node, deg in published.degree():
            assert m.loc[node, "degree"] == deg, f"phase {row.phase}, {node}"
        # The window's whole-network statistics equal the published phase's.
        stats = json.loads((caviar_case / "manifest.json").read_text())["steps"][-1][
            "graph_statistics"
        ]
        assert stats["density"] == pytest.approx(row.density, abs=5e-5)
        assert stats["degree_centralization"] == pytest.approx(row.deg_centralization, abs=5e-5)
        assert stats["betweenness_centralization"] == pytest.approx(
            row.btw_centralization, abs=5e-5
        )
        assert stats["components"] == row.components
        for col, measure in [("top5_degree", "degree_centrality"),
                             ("top5_betweenness", "betweenness_centrality")]:  # fmt: skip
            for item in getattr(row, col).split(";"):
                actor, value = item.split(":")
                assert m.loc[actor, measure] == pytest.approx(float(value), abs=5e-5)


def test_window_counts_only_contacts_inside() -> None:
    """ana-ben talk in January and June; a March window must not see them."""
    case = case_of(
        {"m:ana": "person", "m:ben": "person", "m:cy": "person"},
        [("m:ana", "m:ben", "contacted"), ("m:ana", "m:ben", "contacted"),
         ("m:ben", "m:cy", "contacted")],
    )  # fmt: skip
    links = case.links.copy()
    links["time"] = pd.to_datetime(["2024-01-10", "2024-06-10", "2024-03-05"], utc=True)
    case = Case(mentions=case.mentions, links=links)
    march = time_window(case, "2024-03-01", "2024-03-31", drop_isolated=True)
    assert sorted(march.nodes.index) == ["m:ben", "m:cy"]
    assert len(march.edges) == 1
    assert len(window_links(case, "2024-01-01", "2024-01-31").links) == 1
    # The graph alone cannot split ana-ben's span: left out, never counted as active.
    assert len(time_window(build_graph(case), "2024-03-01", "2024-03-31").edges) == 1
    monthly = periods(case)
    assert [len(g.edges) for g in monthly.values()] == [1, 0, 1, 0, 0, 1]


def test_analyze_rejects_a_bad_date(caviar_case: Path) -> None:
    out = CliRunner().invoke(cli, ["analyze", str(caviar_case), "--since", "spring"])
    assert out.exit_code != 0
    assert "--since" in out.output
    assert "YYYY-MM-DD" in out.output
