"""`linkgraph entities` and `linkgraph links` (and `linkgraph.entity_table` /
`link_table`): the case's entities and the links between them, checked against hand
counts of small files and against the demo case's own tables, victims protected."""

from __future__ import annotations

import io
import json
import shutil

import pandas as pd
import pytest
from click.testing import CliRunner

import linkgraph as lg
from linkgraph.cli import cli
from linkgraph.model import Case

A, B, C = "+40722111001", "+40722111002", "+40722111003"
CALLS = (
    "caller,callee,start_time,duration\n"
    f"{A},{B},2024-01-01 10:00:00,60\n"
    f"{A},{B},2024-01-02 10:00:00,30\n"
    f"{B},{A},2024-01-03 10:00:00,10\n"
    f"{A},{C},2024-01-04 10:00:00,5\n"
)
PEOPLE = "Name,Role,Phone\nOlena Kravets,victim,+380501112233\nIon Rusu,suspect,+40722111001\n"


def _run(*args: str) -> tuple[str, str]:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output + result.stderr
    return result.stdout, result.stderr


@pytest.fixture(scope="module")
def calls_case(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("calls")
    (tmp / "calls.csv").write_text(CALLS, encoding="utf-8")
    out = tmp / "case"
    _run("ingest", str(tmp / "calls.csv"), "--preset", "cdr", "--timezone", "UTC", "-q",
         "-o", str(out))  # fmt: skip
    return out


def test_links_before_resolve_say_each_mention_is_its_own_entity(calls_case):
    stdout, stderr = _run("links", str(calls_case), "--csv")
    assert "not resolved yet" in stderr
    assert len(pd.read_csv(io.StringIO(stdout))) == 4  # four calls, eight phone mentions


def test_links_count_the_calls_between_two_phones_by_direction(calls_case, tmp_path):
    """Resolved, the three numbers are three entities; A called B twice (1 and 2 January),
    B called A once, A called C once: hand counts of the file above."""
    resolved = tmp_path / "case"
    shutil.copytree(calls_case, resolved)
    _run("resolve", str(resolved), "-q")
    table = pd.read_csv(
        io.StringIO(_run("links", str(resolved), "--csv")[0]),
        dtype={"src_label": str, "dst_label": str},
    )
    got = {
        (r.src_label, r.dst_label): (r.kind, r.count, r.first[:10], r.last[:10])
        for r in table.itertuples()
    }
    assert got == {
        (A, B): ("called", 2, "2024-01-01", "2024-01-02"),
        (B, A): ("called", 1, "2024-01-03", "2024-01-03"),
        (A, C): ("called", 1, "2024-01-04", "2024-01-04"),
    }
    entities = json.loads(_run("entities", str(resolved), "--json")[0])
    assert {(e["label"], e["mentions"]) for e in entities} == {(A, 4), (B, 3), (C, 1)}
    # largest first: the default sort is by mentions
    assert [e["label"] for e in entities] == [A, B, C]
    only = json.loads(_run("links", str(resolved), "--entity", C, "--json")[0])
    assert [(r["src_label"], r["dst_label"]) for r in only] == [(A, C)]


def test_victims_are_shown_by_pseudonym_unless_asked(tmp_path):
    (tmp_path / "people.csv").write_text(PEOPLE, encoding="utf-8")
    case = tmp_path / "case"
    _run("ingest", str(tmp_path / "people.csv"), "--preset", "people", "-q", "-o", str(case))
    _run("resolve", str(case), "-q")
    for command in ("entities", "links"):
        for fmt in ((), ("--csv",), ("--json",)):
            shown = _run(command, str(case), *fmt)[0]
            assert "Olena" not in shown, (command, fmt)
            assert "+380501112233" not in shown, (command, fmt)
            assert "Ion Rusu" in shown
        assert "Olena Kravets" in _run(command, str(case), "--show-victims")[0]
        # a victim's name finds nothing, and says why, as any name that finds nothing does
        for text in ("Olena", "Nobody"):
            option = "--search" if command == "entities" else "--entity"
            said = "".join(_run(command, str(case), option, text))
            assert "victims are listed under their pseudonyms" in said
    table = lg.entity_table(case)  # the Python API: a path or a Case
    victim = table[table["victim"]]
    assert len(victim) == 1
    assert victim["label"].iloc[0].startswith("Victim-")


def test_entity_table_matches_the_case_tables(demo_out):
    """The demo case: one row per entity of the resolution, its mention count that of the
    mentions resolved to it, and the analysed measures as the metrics table holds them."""
    case = Case.read(demo_out / "case")
    table = lg.entity_table(case)
    counts = case.entity_of().value_counts()
    assert sorted(table["entity_id"]) == sorted(counts.index)
    assert (
        table.set_index("entity_id")["mentions"] == counts.reindex(table["entity_id"]).to_numpy()
    ).all()
    metrics = case.metrics.set_index("entity_id")["betweenness_centrality"]
    got = table.set_index("entity_id")["betweenness_centrality"].reindex(metrics.index)
    assert got.to_numpy() == pytest.approx(metrics.to_numpy(), nan_ok=True)
    # each pair's count against the links grouped by their ends' entities (pandas)
    links = lg.link_table(case)
    entity = case.entity_of()
    ends = case.links.assign(s=case.links["src"].map(entity), d=case.links["dst"].map(entity))
    expected = ends.groupby(["s", "d", "kind"]).size()
    got = links.set_index(["src", "dst", "kind"])["count"]
    assert got.sort_index().to_dict() == expected.sort_index().to_dict()


@pytest.mark.parametrize("show_victims", [False, True])
def test_entity_table_is_the_exports_entities_table(demo_out, tmp_path, show_victims):
    """`linkgraph entities` redacts only the mention columns its rows are made of; its
    table is the one every export writes (victims' labels, file names in source_rows and
    the events' labels redacted alike), on the demo case and on a file named after a
    victim."""
    from linkgraph.export._data import prepare

    (tmp_path / "Olena Kravets.csv").write_text(PEOPLE, encoding="utf-8")
    named = tmp_path / "case"
    _run("ingest", str(tmp_path / "Olena Kravets.csv"), "--preset", "people", "-q",
         "-o", str(named))  # fmt: skip
    _run("resolve", str(named), "-q")
    for folder in (demo_out / "case", named):
        case = Case.read(folder)
        table = lg.entity_table(case, show_victims=show_victims)
        expected = prepare(case, show_victims=show_victims).entities
        pd.testing.assert_frame_equal(table, expected[list(table.columns)])
    rows = " ".join(lg.entity_table(Case.read(named), show_victims=show_victims)["source_rows"])
    assert ("Olena" in rows) is show_victims


def test_sorting_by_a_measure_and_refusing_an_unknown_column(demo_out):
    case = str(demo_out / "case")
    top = json.loads(_run("entities", case, "--sort", "betweenness", "--json")[0])
    values = [e["betweenness_centrality"] for e in top]
    assert values == sorted(values, reverse=True)
    result = CliRunner().invoke(cli, ["entities", case, "--sort", "nonsense"])
    assert result.exit_code == 2
    assert "betweenness_centrality" in result.output  # the columns it can sort by


def test_links_carry_a_network_files_weights(tmp_path):
    """An edge list with weights (CAVIAR's number of calls): Alpha-Beta written twice,
    52 and 3, weighs 55; Beta-Gamma 1 (hand sums of the file)."""
    src = tmp_path / "edges.csv"
    src.write_text("source,target,weight\nAlpha,Beta,52\nAlpha,Beta,3\nBeta,Gamma,1\n")
    case = tmp_path / "case"
    _run("ingest", str(src), "--preset", "edgelist", "-q", "-o", str(case))
    _run("resolve", str(case), "-q")
    table = json.loads(_run("links", str(case), "--json")[0])
    assert {(r["src_label"], r["dst_label"]): r["weight"] for r in table} == {
        ("Alpha", "Beta"): 55,
        ("Beta", "Gamma"): 1,
    }


def test_a_case_without_links_lists_none(tmp_path):
    """One person, no phone: no link at all, listed as none in every format (tester 36:
    the text table's times crashed on an empty table)."""
    src = tmp_path / "people.csv"
    src.write_text("Name,Phone\nIon Rusu,\n", encoding="utf-8")
    case = tmp_path / "case"
    _run("ingest", str(src), "--preset", "people", "-q", "-o", str(case))
    assert "(no rows)" in _run("links", str(case))[0]
    assert json.loads(_run("links", str(case), "--json")[0]) == []
    assert [e["label"] for e in json.loads(_run("entities", str(case), "--json")[0])] == [
        "Ion Rusu"
    ]


def test_links_show_amounts_in_full_with_two_decimals(tmp_path):
    """A payment of 1234567.89 is printed as 1,234,567.89 (was 1.235e+06) and one of 0.5
    as 0.50: the text table written out by hand."""
    (tmp_path / "t.csv").write_text(
        "From,To,Amount,Date\n"
        "DE89370400440532013000,MD24AG000225100013104168,1234567.89,2024-03-07\n"
        "MD24AG000225100013104168,DE89370400440532013000,0.5,2024-03-08\n",
        encoding="utf-8",
    )
    (tmp_path / "m.yaml").write_text(
        "format: csv\nentities:\n"
        "  a: {type: account, fields: {account: From}}\n"
        "  b: {type: account, fields: {account: To}}\n"
        "links:\n  - {kind: paid, src: a, dst: b, amount: Amount, time: Date}\n",
        encoding="utf-8",
    )
    out = tmp_path / "case"
    _run("ingest", str(tmp_path / "t.csv"), "--mapping", str(tmp_path / "m.yaml"), "-q",
         "-o", str(out))  # fmt: skip
    stdout, _ = _run("links", str(out))
    assert stdout.splitlines()[-4:] == [
        "2 link(s) between entities",
        "               src_label kind                dst_label  count weight       amount"
        " currency            first             last",
        "MD24AG000225100013104168 paid   DE89370400440532013000      1      1         0.50"
        "          2024-03-08 00:00 2024-03-08 00:00",
        "  DE89370400440532013000 paid MD24AG000225100013104168      1      1 1,234,567.89"
        "          2024-03-07 00:00 2024-03-07 00:00",
    ]
