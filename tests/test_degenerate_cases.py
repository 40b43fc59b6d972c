"""Every analysis command on a degenerate case: links without any time, no links at all, and
no rows at all (a header-only file). Each ends with a clear message or an empty but valid
output, never a traceback."""

from __future__ import annotations

import io
import json
from pathlib import Path

import networkx as nx
import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner, Result

from linkgraph.cli import cli

# Ion's two rows share a phone (one person, seen in Bucharest and Rome); Maria is in Milan.
# No column holds a time, so no link or mention has one.
_NO_TIMES = """name,phone,city,nationality
Ion Popescu,+40721000001,Bucharest,Romanian
Maria Ionescu,+40721000002,Milan,Moldovan
Ion Popescu,+40721000001,Rome,
"""
_NO_LINKS = "name\nIon Popescu\nMaria Ionescu\nAna Vasile\n"
_EMPTY = "name,phone,city,nationality\n"
_CASES = {"no_times": _NO_TIMES, "no_links": _NO_LINKS, "empty": _EMPTY}
# (entities, links) of each case after resolve
_SIZES = {"no_times": (4, 2), "no_links": (3, 0), "empty": (0, 0)}


def _run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    assert result.exit_code == 0, result.output
    return result


def _case(tmp_path: Path, kind: str) -> Path:
    source = tmp_path / f"{kind}.csv"
    source.write_text(_CASES[kind], encoding="utf-8")
    case = tmp_path / "case"
    _run("ingest", str(source), "--preset", "people", "-o", str(case), "-q")
    _run("resolve", str(case), "-q")
    return case


def test_routes_reads_a_case_whose_links_have_no_time(tmp_path):
    case = _case(tmp_path, "no_times")
    out = _run("routes", str(case), "--csv").output
    flows = pd.read_csv(io.StringIO(out), keep_default_na=False)
    assert flows[["origin", "destination", "persons", "first", "last"]].to_dict("records") == [
        {"origin": "MD", "destination": "IT", "persons": 1, "first": "", "last": ""},
        {"origin": "RO", "destination": "IT", "persons": 1, "first": "", "last": ""},
    ]
    text = _run("routes", str(case)).output
    assert "Movements: 2" in text


@pytest.mark.parametrize("kind", list(_CASES))
def test_every_analysis_command_ends_cleanly(tmp_path, kind):
    case = _case(tmp_path, kind)
    entities, links = _SIZES[kind]
    out = tmp_path / "out"
    out.mkdir()
    _run("analyze", str(case), "-q")
    assert len(pd.read_parquet(case / "metrics.parquet")) == entities
    _run("routes", str(case), "-q")
    stability = _run("stability", str(case), "--draws", "3", "-q").output
    assert (case / "stability.parquet").is_file()
    if kind == "empty":
        assert "No persons or organisations in the network: nothing to rank." in stability
    keyplayers = json.loads(_run("keyplayers", str(case), "-k", "2", "--json").stdout)
    assert len(keyplayers) >= 1  # step 0: nothing removed yet
    rendered = _run("render", str(case), "-o", str(out / "map.html"), "-q").output
    assert f"{entities} entities, {links} edges" in rendered
    _run("report", str(case), "-o", str(out / "report.html"), "-q")
    assert "</html>" in (out / "report.html").read_text(encoding="utf-8")
    _run("export", str(case), "-f", "csv", "-o", str(out / "csv"))
    assert len(pd.read_csv(out / "csv" / "entities.csv")) == entities
    _run("export", str(case), "-f", "gexf", "-o", str(out / "case.gexf"))
    graph = nx.read_gexf(out / "case.gexf")
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (entities, links)
    _run("export", str(case), "-f", "xlsx", "-o", str(out / "case.xlsx"))
    assert "entities" in openpyxl.load_workbook(out / "case.xlsx").sheetnames
    (tmp_path / "secret.txt").write_text(
        "3e8a1f6c0b9d2e7a4c5f8b1d0e3a6c9f2b5d8e1a4c7f0b3d6e9a2c5f8b1e4d7a\n"
    )
    shared = _run(
        "share", str(case), "--secret", str(tmp_path / "secret.txt"), "-o", str(out / "bundle")
    ).output
    assert "Wrote" in shared
    assert (out / "bundle" / "manifest.json").is_file()
