"""A case folder whose table files were damaged (a failed copy, a disk error, a hand edit):
a CaseError naming the file and the command that writes it again, from the CLI and from
Python; never "internal error ... a bug in linkgraph"."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import linkgraph
from linkgraph.cli import cli
from tests.people_case import resolved_people_case

PEOPLE = (
    "name,dob,phone,role\n"
    "Ana Pop,1990-01-02,+40 721 000 111,suspect\n"
    "Ion Rusu,1985-03-04,+40 721 000 111,suspect\n"
)


@pytest.fixture
def case(tmp_path):
    """A small resolved and analysed case folder."""
    folder = resolved_people_case(tmp_path, police=PEOPLE)
    done = CliRunner().invoke(cli, ["analyze", str(folder), "-q"])
    assert done.exit_code == 0, done.output
    return folder


@pytest.mark.parametrize(
    ("table", "command"),
    [
        ("mentions", "ingest"),
        ("links", "ingest"),
        ("rejects", "ingest"),
        ("resolution", "resolve"),
        ("metrics", "analyze"),
    ],
)
def test_a_table_that_is_not_parquet_is_named_with_the_command_that_remakes_it(
    case, table, command
):
    (case / f"{table}.parquet").write_text("garbage\n")
    done = CliRunner().invoke(cli, ["mentions", str(case)])
    assert done.exit_code == 1
    assert f"{table}.parquet is corrupt (not a Parquet file)" in done.output
    assert f"re-run `linkgraph {command}`" in done.output
    assert "internal error" not in done.output
    with pytest.raises(linkgraph.CaseError, match=rf"{table}\.parquet is corrupt"):
        linkgraph.Case.read(case)


def test_a_table_cut_short_is_corrupt_for_the_stage_that_reads_it(case):
    mentions = case / "mentions.parquet"
    mentions.write_bytes(mentions.read_bytes()[:100])
    done = CliRunner().invoke(cli, ["resolve", str(case)])
    assert done.exit_code == 1
    assert "mentions.parquet is corrupt" in done.output
    assert "internal error" not in done.output


def test_corrupt_decisions_are_to_be_restored_not_remade(case):
    (case / "decisions.parquet").write_text("garbage\n")
    with pytest.raises(linkgraph.CaseError, match="restore it") as err:
        linkgraph.resolve(linkgraph.Case.read(case))
    assert "decisions.parquet is corrupt" in str(err.value)


def test_a_corrupt_graph_cache_is_rebuilt(case, caplog):
    first = CliRunner().invoke(cli, ["render", str(case), "-o", str(case / "a.html")])
    assert first.exit_code == 0, first.output
    for name in ("nodes.arrow", "edges.arrow"):
        (case / "graph" / name).write_text("garbage\n")
    again = CliRunner().invoke(cli, ["render", str(case), "-o", str(case / "b.html")])
    assert again.exit_code == 0, again.output
    assert "whole network: 3 entities, 2 edges" in again.output
    assert "rebuilding it" in caplog.text
    assert (case / "graph" / "nodes.arrow").read_bytes()[:6] == b"ARROW1"
