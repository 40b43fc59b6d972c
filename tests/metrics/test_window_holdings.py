"""Time windows through the CLI on a hand-built case (a person register, call records,
transfers and an undated associates list): a date-only --until includes that whole day,
the persons active through their phones and accounts are in the window, what the window
leaves out for lack of dates is said, and the headline counts edges and ties apart."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from click.testing import CliRunner

from linkgraph.cli import cli

REGISTER = """record_id,name,phone,iban
P1,Anna Albu,+37369100001,MD24AG000225100013104168
P2,Boris Botnaru,+37369100002,
P3,Cezar Ciobanu,+37369100003,
P4,Dan Dabija,+37369100004,
P5,Elena Esanu,,MD21EX000000022589999001
"""
CALLS = """start,caller,callee
2024-03-10 09:00:00,+37369100001,+37369100002
2024-03-12 18:00:00,+37369100002,+37369100001
2024-03-31 10:30:30,+37369100002,+37369100003
2024-04-01 08:00:00,+37369100003,+37369100004
"""
PAYMENTS = """date,from_iban,to_iban,amount
2024-02-01,MD24AG000225100013104168,MD21EX000000022589999001,500
"""
ASSOCIATES = """a,b
Fiodor Frunza,Gheorghe Grosu
"""
MAPPINGS = {
    "register": """format: csv
entities:
  person: {type: person, fields: {name: name, record_id: record_id}}
  phone: {type: phone, fields: {phone: phone}}
  account: {type: account, fields: {account: iban}}
links:
  - {kind: uses_phone, src: person, dst: phone}
  - {kind: holds_account, src: person, dst: account}
""",
    "calls": """format: csv
timezone: UTC
entities:
  caller: {type: phone, fields: {phone: caller}}
  callee: {type: phone, fields: {phone: callee}}
links:
  - {kind: called, src: caller, dst: callee, time: start}
""",
    "payments": """format: csv
timezone: UTC
entities:
  payer: {type: account, fields: {account: from_iban}}
  payee: {type: account, fields: {account: to_iban}}
links:
  - {kind: paid, src: payer, dst: payee, time: date, amount: amount}
""",
    "associates": """format: csv
entities:
  a: {type: person, fields: {name: a}}
  b: {type: person, fields: {name: b}}
links:
  - {kind: associate, src: a, dst: b}
""",
}
FILES = {"register": REGISTER, "calls": CALLS, "payments": PAYMENTS, "associates": ASSOCIATES}

# By hand: the window 2024-02-01 .. 2024-03-31 (whole last day) holds the calls A-B (both
# ways), B-C at 10:30 on the 31st and the transfer of 1 Feb 00:00; the holdings of the
# phones and accounts active in it (A's phone and account, B's, C's phone, E's account).
# D's phone only called in April: D and her phone are out. F and G are linked only by an
# undated associate link: out, and said.
WINDOW_EDGES = [
    ("+37369100001", "+37369100002"),
    ("+37369100002", "+37369100001"),
    ("+37369100002", "+37369100003"),
    ("MD24AG000225100013104168", "MD21EX000000022589999001"),
    ("Anna Albu", "+37369100001"),
    ("Anna Albu", "MD24AG000225100013104168"),
    ("Boris Botnaru", "+37369100002"),
    ("Cezar Ciobanu", "+37369100003"),
    ("Elena Esanu", "MD21EX000000022589999001"),
]
PERSONS_IN_WINDOW = {"Anna Albu", "Boris Botnaru", "Cezar Ciobanu", "Elena Esanu"}


def _run(*args: str) -> str:
    done = CliRunner().invoke(cli, list(args))
    assert done.exit_code == 0, done.output
    return done.output


@pytest.fixture
def case(tmp_path: Path) -> Path:
    folder = tmp_path / "case"
    for name, text in FILES.items():
        (tmp_path / f"{name}.csv").write_text(text, encoding="utf-8")
        (tmp_path / f"{name}.yaml").write_text(MAPPINGS[name], encoding="utf-8")
        _run("ingest", str(tmp_path / f"{name}.csv"), "--mapping",
             str(tmp_path / f"{name}.yaml"), "-o", str(folder), "-q")  # fmt: skip
    _run("resolve", str(folder), "-q")
    return folder


def test_date_only_until_includes_the_whole_day_and_the_holders(case: Path) -> None:
    out = _run("analyze", str(case), "--since", "2024-02-01", "--until", "2024-03-31", "-q")
    # 9 entities, 9 edges, 8 ties (the pair that called both ways counts once)
    assert out.splitlines()[0].startswith("9 entities, 9 edges (8 ties),")
    assert "Window: links timed 2024-02-01 00:00:00 to 2024-03-31 23:59:59 UTC" in out
    assert "1 undated link(s) (associate 1) and the 2 entities linked only by such" in out
    assert "1 undated holding(s)" in out  # D's phone
    m = pd.read_parquet(case / "metrics.parquet")
    persons = set(m.loc[m["type"] == "person", "label"])
    assert persons == PERSONS_IN_WINDOW
    # the same as a date-time bound at the day's last second
    _run("analyze", str(case), "--since", "2024-02-01", "--until", "2024-03-31T23:59:59", "-q")
    again = pd.read_parquet(case / "metrics.parquet")
    assert sorted(again["entity_id"]) == sorted(m["entity_id"])
    # a date-time bound stays as given: 10:00 leaves the 10:30 call out (and C with it)
    out = _run("analyze", str(case), "--since", "2024-02-01", "--until", "2024-03-31T10:00",
               "-q")  # fmt: skip
    assert out.splitlines()[0].startswith("7 entities, 7 edges (6 ties),")
    m = pd.read_parquet(case / "metrics.parquet")
    assert "Cezar Ciobanu" not in set(m["label"])


def test_window_measures_equal_networkx_on_the_hand_made_edges(case: Path) -> None:
    _run("analyze", str(case), "--since", "2024-02-01", "--until", "2024-03-31", "-q")
    m = pd.read_parquet(case / "metrics.parquet")
    labels = m["label"].astype(str).str.replace(" ", "")
    m = m.assign(key=labels.str.replace("^MD", "MD", regex=True)).set_index("key")
    ref = nx.Graph()
    ref.add_edges_from((a.replace(" ", ""), b.replace(" ", "")) for a, b in WINDOW_EDGES)
    assert set(m.index) == set(ref.nodes)
    betweenness = pd.Series(nx.betweenness_centrality(ref))
    degree = pd.Series(nx.degree_centrality(ref))
    assert (m["betweenness_centrality"] - betweenness.reindex(m.index)).abs().max() < 1e-9
    assert (m["degree_centrality"] - degree.reindex(m.index)).abs().max() < 1e-9


def test_person_projection_of_a_window_holds_the_active_persons(case: Path) -> None:
    out = _run("analyze", str(case), "--since", "2024-02-01", "--until", "2024-03-31",
               "--project-onto", "person", "-q", "--csv")  # fmt: skip
    assert out
    m = pd.read_parquet(case / "metrics.parquet")
    assert set(m["label"]) == PERSONS_IN_WINDOW


def test_render_window_and_headline_counts(case: Path, tmp_path: Path) -> None:
    out = _run("render", str(case), "--since", "2024-02-01", "--until", "2024-03-31",
               "-o", str(tmp_path / "w.html"), "-q")  # fmt: skip
    assert "contacts from 2024-02-01 to 2024-03-31: 9 entities, 9 edges (8 ties))" in out
    assert "Window: 1 undated link(s) (associate 1)" in out
    whole = _run("analyze", str(case), "-q", "--top", "0")
    # 7 persons, 4 phones, 2 accounts; 4 calls, 1 transfer, 6 holdings, 1 associate link
    first = whole.splitlines()[0]
    assert first.startswith("13 entities, 12 edges (11 ties),"), first


def test_ego_counts_edges_and_ties(case: Path) -> None:
    out = _run("ego", str(case), "+37369100001", "--hops", "1")
    # the phone, its holder Anna and Boris's phone: A-phone, both calls: 3 edges, 2 ties
    assert out.splitlines()[0].startswith("3 entities and 3 edges (2 ties) within 1 hop(s)")


def test_report_states_the_window_and_edges(case: Path, tmp_path: Path) -> None:
    _run("analyze", str(case), "--since", "2024-02-01", "--until", "2024-03-31", "-q")
    _run("report", str(case), "-o", str(tmp_path / "r.html"), "-q")
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "links timed 2024-02-01 00:00:00 to 2024-03-31 23:59:59 UTC" in html
    manifest = json.loads((case / "manifest.json").read_text(encoding="utf-8"))
    window = manifest["steps"][-1]["window"]
    assert window["undated_links_left_out"] == {"associate": 1}
    assert window["entities_without_dated_link"] == 2
    assert window["undated_holdings_left_out"] == 1


def test_config_window_bound_written_as_a_yaml_date(case: Path, tmp_path: Path) -> None:
    config = tmp_path / "pipeline.yaml"
    config.write_text("analyze:\n  since: 2024-02-01\n  until: 2024-03-31\n", encoding="utf-8")
    out = _run("analyze", str(case), "--config", str(config), "-q", "--top", "0")
    assert out.splitlines()[0].startswith("9 entities, 9 edges (8 ties),")


def test_a_bound_that_is_no_date_is_refused(case: Path) -> None:
    done = CliRunner().invoke(cli, ["render", str(case), "--until", "2024-13-45"])
    assert done.exit_code == 2
    assert "'2024-13-45' is not a date" in done.output
