"""Graph distances over stability's missing-ties draws: against networkx on a small graph,
and the published Montagna missing-data curves (Ficara et al. 2021)."""

from __future__ import annotations

from pathlib import Path

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.metrics.graph_distance import distances, missing_ties_curve, spectra

EDGES = [(0, 1), (1, 2), (2, 0), (2, 3), (3, 4), (4, 5), (5, 3), (1, 6)]


def test_distances_match_networkx_and_the_deltacon_formula() -> None:
    full = ig.Graph(n=8, edges=EDGES)  # vertex 7 isolated
    cut = ig.Graph(n=8, edges=EDGES[:-2])
    got = distances(spectra(full), cut)
    a, b = nx.Graph(EDGES), nx.Graph(EDGES[:-2])
    a.add_nodes_from(range(8))
    b.add_nodes_from(range(8))
    order = list(range(8))

    def spec(f, g):  # type: ignore[no-untyped-def]
        return np.sort(np.real(f(g.subgraph(order).copy())))

    for key, f in (
        ("dist_a", nx.adjacency_spectrum),
        ("dist_l", nx.laplacian_spectrum),
        ("dist_nl", nx.normalized_laplacian_spectrum),
    ):
        assert got[key] == pytest.approx(np.linalg.norm(spec(f, a) - spec(f, b)), abs=1e-9)

    def s_matrix(g: nx.Graph) -> np.ndarray:
        adj = nx.to_numpy_array(g, nodelist=order)
        deg = adj.sum(axis=1)
        eps = 1 / (1 + deg.max())
        return np.linalg.inv(np.eye(8) + eps**2 * np.diag(deg) - eps * adj)

    assert got["deltacon"] == pytest.approx(np.linalg.norm(s_matrix(a) - s_matrix(b)), abs=1e-9)
    assert got["similarity"] == pytest.approx(1 / (1 + got["deltacon"]))
    assert distances(spectra(full), full)["deltacon"] == 0.0


MAPPING = Path(__file__).parents[1] / "fixtures" / "mappings" / "montagna_edgelist.yaml"
RESULT = "dist_statistics_nrep100_fract0.15_edge.csv"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("edgelist", "published"),
    [
        ("Montagna_meetings_edgelist.csv", f"Meetings_{RESULT}"),
        ("Montagna_phonecalls_edgelist.csv", f"PhoneCalls_{RESULT}"),
    ],
)
def test_montagna_missing_data_curves_are_reproduced(
    shared_datasets: Path, tmp_path: Path, edgelist: str, published: str
) -> None:
    """The Laplacian, normalised-Laplacian and DeltaCon curves of Ficara et al. (2021),
    0 to 15% of the ties missing, 100 repetitions each, from stability's missing-ties draws
    with exactly k ties dropped. The tables give mean and standard deviation over 100
    repetitions: a row agrees when the means differ by at most 3 standard errors of the
    difference (plus the tables' rounding); all must lie within 4. Their ``Dist. A`` pairs
    eigenvalues unsorted (nx.adjacency_spectrum); it is compared as ``dist_a_unsorted``."""
    threadpoolctl = pytest.importorskip("threadpoolctl")  # BLAS threads spin on a shared box
    base = shared_datasets / "montagna_sicilian_mafia"
    mapping = MAPPING
    case_dir = tmp_path / "case"
    out = CliRunner().invoke(
        cli, ["ingest", str(base / "data" / edgelist), "--mapping", str(mapping),
              "-o", str(case_dir), "-q"],
    )  # fmt: skip
    assert out.exit_code == 0, out.output
    from linkgraph.graph_cache import case_graph
    from linkgraph.model import Case

    case = Case.read(case_dir)
    table = pd.read_csv(base / "published_results_missing_data" / published)
    removed = (table["No. edges"].iloc[0] - table["No. edges"]).astype(int).tolist()
    with threadpoolctl.threadpool_limits(1):
        ours = missing_ties_curve(case, case_graph(case, case_dir), removed, draws=100)
    assert ours["links"].tolist() == table["No. edges"].tolist()
    z = []
    for col, mean, sd in (("dist_l", "Dist. LA", "Err. LA"), ("dist_nl", "Dist. NLA", "Err. NLA"),
                          ("deltacon", "S", "Err. S")):  # fmt: skip
        se = np.sqrt(ours[f"{col}_sd"] ** 2 / 100 + table[sd] ** 2 / 100)
        diff = (ours[col] - table[mean]).abs() - 0.001
        z.append((diff / se.where(se > 0, 1.0)).clip(lower=0).iloc[1:])
    z = pd.concat(z)
    assert (z <= 4).all(), z.max()
    assert (z <= 3).mean() >= 0.97
    sim = 1 / (1 + ours["deltacon"])
    assert np.abs(sim - table["Sim."]).max() < 0.01
    # The authors' Dist. A (eigenvalues unsorted, in solver order) is mostly the solver's
    # ordering noise, which changes with the LAPACK build numpy ships: on the meetings,
    # reproduced by the same procedure, the rows agree (37 of 37 with numpy 2.x so far);
    # on the phone calls, 15 of 17 rows agreed with one numpy build and 12 of 17 with
    # numpy 2.4.6, so only the sorted distances above are held to the table there.
    if edgelist.startswith("Montagna_phonecalls"):
        return
    se_a = np.sqrt(ours["dist_a_unsorted_sd"] ** 2 / 100 + table["Err. A"] ** 2 / 100)
    z_a = ((ours["dist_a_unsorted"] - table["Dist. A"]).abs() - 0.001) / se_a.where(se_a > 0, 1)
    assert (z_a.iloc[1:].clip(lower=0) <= 3).mean() >= 0.85
