"""Hostile network and mapping files (tester round 20): a declared size, a zip member or a
YAML alias that would take gigabytes, deep nesting and bytes that are no text are clear
errors naming the file, not hours of work, an out-of-memory or an internal error."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from linkgraph.cli import cli
from linkgraph.model import Case


def _cli(*args: object) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert "internal error" not in result.output, result.output
    assert "Traceback" not in result.output
    return result.exit_code, result.output


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("DL N=50000 FORMAT=EDGELIST1\nDATA:\n1 2\n", "n=50000 nodes"),
        ("dl\nnr=3 nc=70000 format=edgelist2\ndata:\n1 2\n", "nc=70000 nodes"),
        ("dl n=3000\ndata:\n0 1\n", "3000 rows of 3000 values"),
    ],
)
def test_ucinet_header_declaring_more_nodes_than_the_file_holds_is_refused(
    tmp_path: Path, text: str, said: str
) -> None:
    path = tmp_path / "big.dl"
    path.write_text(text, encoding="utf-8")
    code, output = _cli("ingest", path, "-o", tmp_path / "case")
    assert code != 0
    assert "big.dl" in output
    assert said in output
    line = 2 if text.startswith("dl\n") else 1
    assert f"row {line}:" in output  # the header line that declares the size


def test_ucinet_edge_list_keeps_its_declared_isolated_nodes(tmp_path: Path) -> None:
    path = tmp_path / "small.dl"
    path.write_text("dl n=5 format=edgelist1\ndata:\n1 2\n", encoding="utf-8")
    code, output = _cli("ingest", path, "-o", tmp_path / "case")
    assert code == 0, output
    case = Case.read(tmp_path / "case")
    assert sorted(case.mentions["label"]) == ["1", "2", "3", "4", "5"]
    assert len(case.links) == 1
