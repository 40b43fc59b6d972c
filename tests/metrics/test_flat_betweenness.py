"""When every person's betweenness is 0, `analyze`, `run` and the report say so and rank
by degree (equal degrees by entity id) instead of printing a table of zeros in id order.

Reference: networkx's betweenness and degree of the entity graph built from the case's own
links table (mapped to entities through the resolution), and the counts by hand."""

from __future__ import annotations

import io
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case

ION_1, ION_2 = "RO49AAAA1B31007593840000", "RO09BCYP0000001234567890"
ANA, DAN = "DE89370400440532013000", "GB29NWBK60161331926819"
#: Ion moves money between his own two accounts and pays Ana; Ana pays Dan. Each person
#: only touches accounts, and Ion's two accounts are linked directly: no person lies on
#: a shortest path between two others. Degrees: Ion 2 (his accounts), Ana 1, Dan 1.
TRANSFERS = (
    "from_account,from_holder,to_account,to_holder,amount,currency,date\n"
    f"{ION_1},Ion Popescu,{ION_2},Ion Popescu,500,EUR,2024-03-01\n"
    f"{ION_1},Ion Popescu,{ANA},Ana Weber,1200,EUR,2024-03-02\n"
    f"{ANA},Ana Weber,{DAN},Dan Smith,300,EUR,2024-03-05\n"
)
HEADING = (
    "Every person or organisation has betweenness 0: none lies on a shortest path "
    "between two others. Top 3 actors by degree instead (equal degrees by entity id):"
)


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def case_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("flat")
    (root / "tx.csv").write_text(TRANSFERS)
    case = root / "case"
    _run("ingest", str(root / "tx.csv"), "--preset", "transactions", "-o", str(case), "-q")
    _run("resolve", str(case), "-q")
    return case


def _expected_order(case_dir: Path) -> list[str]:
    """Persons by networkx degree (highest first), equal degrees by entity id; asserts
    networkx finds every person's betweenness 0."""
    case = Case.read(case_dir)
    entity = case.resolution.set_index("mention_id")["entity_id"]
    g = nx.Graph(list(zip(entity[case.links["src"]], entity[case.links["dst"]], strict=True)))
    persons = set(entity[case.mentions.loc[case.mentions["type"] == "person", "mention_id"]])
    between = nx.betweenness_centrality(g)
    assert len(persons) == 3
    assert all(between[p] == 0 for p in persons)
    assert any(v > 0 for v in between.values())  # the accounts are the go-betweens
    assert sorted(g.degree(p) for p in persons) == [1, 1, 2]
    return sorted(persons, key=lambda p: (-g.degree(p), p))


def test_analyze_says_betweenness_ranks_no_one_and_ranks_by_degree(case_dir: Path) -> None:
    expected = _expected_order(case_dir)
    lines = _run("analyze", str(case_dir)).splitlines()
    at = lines.index(HEADING)
    rows = [line.split()[0] for line in lines[at + 3 : at + 6]]
    assert rows == expected
    # --csv: the same rows in the same order, with the degree that ranked them
    got = CliRunner().invoke(cli, ["analyze", str(case_dir), "--csv"])
    assert got.exit_code == 0
    table = pd.read_csv(io.StringIO(got.stdout))
    assert table["entity_id"].tolist() == expected
    assert table["degree"].tolist() == [2, 1, 1]
    assert (table["betweenness_centrality"] == 0).all()
    assert HEADING in got.stderr


def test_report_leaves_the_zero_table_out_and_says_why(case_dir: Path, tmp_path: Path):
    _run("analyze", str(case_dir), "-q")
    _run("report", str(case_dir), "-o", str(tmp_path / "report.html"))
    html = (tmp_path / "report.html").read_text()
    assert "Every person and organisation has betweenness 0: none lies on a shortest" in html
    assert "Source: metrics.betweenness_centrality" not in html


def test_run_says_so_too(case_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "tx.csv").write_text(TRANSFERS)
    config = tmp_path / "pipeline.yaml"
    config.write_text("sources:\n  - path: tx.csv\n    preset: transactions\nout: out\n")
    lines = _run("run", str(config)).splitlines()
    at = lines.index(HEADING)
    assert [line.split()[0] for line in lines[at + 3 : at + 6]] == _expected_order(case_dir)


def test_equal_degrees_too_list_by_entity_id(tmp_path: Path) -> None:
    """Two persons, each holding one account, the accounts paying each other: every
    person's betweenness 0 and degree 1 (networkx), so they are listed by entity id."""
    (tmp_path / "tx.csv").write_text(
        "from_account,from_holder,to_account,to_holder,amount,currency,date\n"
        f"{ION_1},Ion Popescu,{ANA},Ana Weber,1200,EUR,2024-03-02\n"
        f"{ANA},Ana Weber,{ION_1},Ion Popescu,300,EUR,2024-03-05\n"
    )
    case = tmp_path / "case"
    _run("ingest", str(tmp_path / "tx.csv"), "--preset", "transactions", "-o", str(case), "-q")
    _run("resolve", str(case), "-q")
    loaded = Case.read(case)
    entity = loaded.resolution.set_index("mention_id")["entity_id"]
    g = nx.Graph(list(zip(entity[loaded.links["src"]], entity[loaded.links["dst"]], strict=True)))
    persons = sorted(
        set(entity[loaded.mentions.loc[loaded.mentions["type"] == "person", "mention_id"]])
    )
    assert [nx.betweenness_centrality(g)[p] for p in persons] == [0, 0]
    assert [g.degree(p) for p in persons] == [1, 1]
    lines = _run("analyze", str(case)).splitlines()
    heading = (
        "Every person or organisation has betweenness 0: none lies on a shortest path "
        "between two others. 2 actors, by entity id:"
    )
    at = lines.index(heading)
    assert [line.split()[0] for line in lines[at + 3 : at + 5]] == persons
