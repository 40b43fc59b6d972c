"""A case table that lacks a column (an older or another program wrote it, or a hand
edit dropped it) is refused when the case is read, naming the file, the column and the
command that writes it again: never read as nulls (a mentions table without ``role``
would name every victim in every output)."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.feather as feather
import pytest
from click.testing import CliRunner

import linkgraph
from linkgraph.cli import cli
from tests.people_case import resolved_people_case

PEOPLE = (
    "name,dob,phone,role\n"
    "Maria Lupu,1999-05-06,+40 721 000 222,victim\n"
    "Ion Rusu,1985-03-04,+40 721 000 111,suspect\n"
    "Ana Pop,1990-01-02,+40 721 000 111,suspect\n"
)


@pytest.fixture
def case(tmp_path):
    """A small resolved case with one victim."""
    return resolved_people_case(tmp_path, police=PEOPLE)


def drop_column(case, table: str, column: str) -> None:
    """Rewrite ``case``'s ``table`` without ``column``, as another program might."""
    file = case / f"{table}.parquet"
    pd.read_parquet(file).drop(columns=[column]).to_parquet(file, index=False)


@pytest.mark.parametrize(
    "command",
    [
        ["resolve", "{case}", "-q"],
        ["analyze", "{case}", "-q"],
        ["render", "{case}", "-o", "{tmp}/map.html", "-q"],
        ["export", "{case}", "-f", "csv", "-o", "{tmp}/csv", "-q"],
        ["mentions", "{case}"],
    ],
)
def test_mentions_without_role_are_refused_by_every_command(case, tmp_path, command):
    drop_column(case, "mentions", "role")
    args = [a.format(case=case, tmp=tmp_path) for a in command]
    done = CliRunner().invoke(cli, args)
    assert done.exit_code == 1, done.output
    assert "mentions.parquet has no 'role' column" in done.output
    assert "re-run `linkgraph ingest`" in done.output
    assert "Maria" not in done.output
    assert not (tmp_path / "map.html").exists()
    assert not (tmp_path / "csv").exists()


def test_mentions_without_role_are_refused_by_the_python_api(case):
    drop_column(case, "mentions", "role")
    with pytest.raises(linkgraph.CaseError, match=r"mentions\.parquet has no 'role' column"):
        linkgraph.Case.read(case)
    with pytest.raises(linkgraph.CaseError, match="'role'"):
        linkgraph.Case.read(case, columns={"mentions": ["mention_id", "type"]})


@pytest.mark.parametrize(
    ("table", "column", "command"),
    [
        ("mentions", "label", "ingest"),
        ("links", "kind", "ingest"),
        ("links", "time", "ingest"),
        ("resolution", "entity_id", "resolve"),
    ],
)
def test_any_missing_column_of_the_upstream_tables_is_named(case, table, column, command):
    drop_column(case, table, column)
    done = CliRunner().invoke(cli, ["analyze", str(case), "-q"])
    assert done.exit_code == 1, done.output
    assert f"{table}.parquet has no '{column}' column" in done.output
    assert f"re-run `linkgraph {command}`" in done.output
    assert "internal error" not in done.output


def test_a_case_with_every_column_reads_as_before(case, tmp_path):
    done = CliRunner().invoke(cli, ["export", str(case), "-f", "csv", "-o", str(tmp_path / "c")])
    assert done.exit_code == 0, done.output
    entities = (tmp_path / "c" / "entities.csv").read_text(encoding="utf-8")
    assert "Ion Rusu" in entities
    assert "Maria" not in entities


def test_a_cached_graph_without_roles_is_rebuilt_and_the_victim_stays_hidden(case, tmp_path):
    first = CliRunner().invoke(cli, ["render", str(case), "-o", str(tmp_path / "a.html"), "-q"])
    assert first.exit_code == 0, first.output
    nodes_file = case / "graph" / "nodes.arrow"
    nodes = feather.read_table(nodes_file)
    feather.write_feather(nodes.drop_columns(["role"]), nodes_file)
    assert "role" not in pa.ipc.open_file(nodes_file).schema.names
    done = CliRunner().invoke(cli, ["render", str(case), "-o", str(tmp_path / "b.html"), "-q"])
    assert done.exit_code == 0, done.output
    page = (tmp_path / "b.html").read_text(encoding="utf-8")
    assert "Ion Rusu" in page
    assert "Maria" not in page
    assert "Lupu" not in page
    assert "role" in pa.ipc.open_file(nodes_file).schema.names  # written again


def _people(with_role: bool) -> pd.DataFrame:
    """Two person mentions, one a victim when the frame has a ``role`` column."""
    frame = pd.DataFrame(
        {"mention_id": ["m:v", "m:s"], "type": "person", "label": ["Maria Lupu", "Ion Rusu"],
         "name": ["Maria Lupu", "Ion Rusu"], "source": "x.csv", "row": [1, 2]}
    )  # fmt: skip
    if with_role:
        frame["role"] = ["victim", None]
    return frame


def test_a_case_built_in_memory_without_role_is_refused():
    """Before, ``Case(mentions=...)`` and ``with_tables`` filled a missing ``role`` with
    nulls, silently leaving every victim unprotected."""
    with pytest.raises(linkgraph.CaseError, match=r"mentions table given has no 'role' column"):
        linkgraph.Case(mentions=_people(with_role=False))
    with pytest.raises(linkgraph.CaseError, match="'role'") as info:
        linkgraph.Case().with_tables(mentions=_people(with_role=False))
    assert "victim" in info.value.render()  # the hint says what to add


def test_a_case_built_in_memory_with_role_protects_its_victim(tmp_path):
    case = linkgraph.Case().with_tables(mentions=_people(with_role=True))
    out = linkgraph.export(case, "csv", tmp_path / "csv")
    assert out is not None
    entities = (tmp_path / "csv" / "entities.csv").read_text(encoding="utf-8")
    assert "Ion Rusu" in entities
    assert "Maria" not in entities
