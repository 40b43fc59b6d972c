"""`linkgraph analyze`, `render`, `ego` and the report count the same edges and ties of a
case where two mentions of one account are linked to each other (a self-loop once
resolved) and one pair of accounts paid each other several times (parallel links).

Reference: the counts by hand (below) and networkx on the case's own links table mapped
to entities through the resolution."""

from __future__ import annotations

import io
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case

IBAN_ION = "RO49AAAA1B31007593840000"
IBAN_ANA = "DE89370400440532013000"
#: Row 1: Ion pays his own account (both account mentions resolve to one entity: a
#: self-loop); rows 2-3: Ion pays Ana twice (parallel links, one edge); row 4: Ana pays
#: Ion (the other direction: a second edge, the same tie).
TRANSFERS = (
    "from_account,from_holder,to_account,to_holder,amount,currency,date\n"
    f"{IBAN_ION},Ion Popescu,{IBAN_ION},Ion Popescu,500,EUR,2024-03-01\n"
    f"{IBAN_ION},Ion Popescu,{IBAN_ANA},Ana Weber,1200,EUR,2024-03-02\n"
    f"{IBAN_ION},Ion Popescu,{IBAN_ANA},Ana Weber,300,EUR,2024-03-05\n"
    f"{IBAN_ANA},Ana Weber,{IBAN_ION},Ion Popescu,100,EUR,2024-03-06\n"
)
#: By hand: 4 entities (2 persons, 2 accounts); edges: 2 holds_account, paid ION->ION,
#: paid ION->ANA (rows 2-3), paid ANA->ION; ties: Ion-ION, Ana-ANA, ION-ANA.
SAID = "5 edges (3 ties; 1 self-loop, an entity linked to itself, is no tie)"


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def case_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("edge_counts")
    (root / "tx.csv").write_text(TRANSFERS)
    case = root / "case"
    _run("ingest", str(root / "tx.csv"), "--preset", "transactions", "-o", str(case), "-q")
    _run("resolve", str(case), "-q")
    return case


def test_networkx_reference_matches_the_hand_count(case_dir: Path) -> None:
    case = Case.read(case_dir)
    entity = case.resolution.set_index("mention_id")["entity_id"]
    ends = list(zip(entity[case.links["src"]], entity[case.links["dst"]], strict=True))
    simple = nx.Graph(ends)
    simple.remove_edges_from(list(nx.selfloop_edges(simple)))
    loops = {(a, k) for (a, b), k in zip(ends, case.links["kind"], strict=True) if a == b}
    assert (simple.number_of_nodes(), simple.number_of_edges(), len(loops)) == (4, 3, 1)


def test_analyze_render_ego_and_report_say_the_same_counts(case_dir: Path, tmp_path: Path):
    analyzed = _run("analyze", str(case_dir)).splitlines()[0]
    assert analyzed.startswith(f"4 entities, {SAID}, "), analyzed
    rendered = _run("render", str(case_dir), "-o", str(tmp_path / "map.html"))
    assert f"(whole network: 4 entities, {SAID})" in rendered
    assert f"4 entities, {SAID}" in (tmp_path / "map.html").read_text()
    ego = _run("ego", str(case_dir), IBAN_ION, "--hops", "2")
    # all four entities are within 2 hops of Ion's account (Ana through hers)
    assert ego.startswith(f"4 entities and {SAID} within 2 hop(s)"), ego
    _run("report", str(case_dir), "-o", str(tmp_path / "report.html"))
    tables = pd.read_html(io.StringIO((tmp_path / "report.html").read_text()))
    stats = next(t for t in tables if "statistic" in t.columns).set_index("statistic")
    assert stats.loc[["edges", "self-loops", "ties"], "value"].astype(int).tolist() == [5, 1, 3]
